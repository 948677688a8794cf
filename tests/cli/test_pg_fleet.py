#!/usr/bin/env python3
"""A fleet's shared history in PostgreSQL, against a server the test starts
itself (pgserver.py: a temporary folder, a Unix socket, no TCP; skip, 77,
without PostgreSQL):

- init makes the schema (the latest version) and is idempotent;
- four scans at once, four --host names, into one database: nothing lost or
  doubled (a bounce delivered to two servers counts once), and the CSV files
  are byte for byte those of an SQLite history of the same mailboxes;
- the incidents name the hosts whose mail was refused;
- report --host narrows to one host's scans (the CSV of that mailbox alone);
- two scans of one host exclude each other (exit 4), another host's scan
  does not wait;
- a scan killed (SIGKILL) midway, then run again: the clean result;
- migrate copies an SQLite history (stopped midway and run again: the
  same; run once more: nothing copied), and the host's next scan goes on;
- samples/systemd's fleet units run as systemd would run them;
- a role with SELECT only reads (report, changes) and cannot scan.
SPDX-License-Identifier: BSD-2-Clause
"""
import filecmp
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgserver  # noqa: E402
from bsutil import BIN, SAMPLES, check, fail, run  # noqa: E402
from nightly import finish, from_quote, kill, sample_messages, start, unique, wait_for  # noqa: E402

HOSTS = ("mx1", "mx2", "relay1", "relay2")
PER_HOST = 700        # messages in each host's mailbox
SHARED = 25           # of which the first SHARED are in mx1's and mx2's both


def write_mbox(path, msgs):
    with open(path, "wb") as fh:
        for m in msgs:
            fh.write(b"From MAILER-DAEMON Sat Nov 25 10:00:00 2023\n"
                     + from_quote(m).rstrip(b"\n") + b"\n\n")


def mailboxes(top):
    """one mbox per host, all different but SHARED messages in mx1's and mx2's"""
    base = sample_messages()
    paths = {}
    for k, host in enumerate(HOSTS):
        msgs = []
        for i in range(PER_HOST):
            if host in ("mx1", "mx2") and i < SHARED:
                msgs.append(unique(base[(i * 7) % len(base)], b"shared%04d" % i))
            else:
                msgs.append(unique(base[(i * 7 + k) % len(base)], b"%s-%05d" % (host.encode(), i)))
        d = os.path.join(top, host)
        os.makedirs(d)
        paths[host] = os.path.join(d, "bounces.mbox")
        write_mbox(paths[host], msgs)
    return paths


def incidents_of(data):
    """every object with a "subject" and "state" in changes --json"""
    found = []
    if isinstance(data, dict):
        if "subject" in data and "state" in data:
            found.append(data)
        for v in data.values():
            found += incidents_of(v)
    elif isinstance(data, list):
        for v in data:
            found += incidents_of(v)
    return found


def csv_of(db, out, *extra, env=None):
    shutil.rmtree(out, ignore_errors=True)
    rc, so, se = run("report", "--db", db, "--csv", out, *extra, env=env)
    check(rc == 0, "report --db %s %s: exit %d %s" % (db, " ".join(extra), rc, se[-1500:]))
    return out


def same_csv(a, b, what, tie_order=False):
    """the same files, byte for byte; with tie_order, failures.csv's rows of
    the same second may come in another order (scans that ran at once gave
    their rows ids in another order)"""
    names = sorted(os.listdir(b))
    check(sorted(os.listdir(a)) == names, "%s: other CSV files: %s vs %s"
          % (what, sorted(os.listdir(a)), names))
    if tie_order:
        # a bounce in two mailboxes is the first scan's that stored it:
        # either mailbox's
        def either(line):
            m = re.search(r"/mx[12]/bounces\.mbox,(\d+)$", line)
            if m and int(m.group(1)) <= SHARED:
                return line[:m.start()] + "/mx?/bounces.mbox," + m.group(1)
            return line
        rows = [sorted(either(line) for line in open(os.path.join(d, "failures.csv"),
                                                       encoding="utf-8").read().splitlines())
                for d in (a, b)]
        if rows[0] != rows[1]:
            a_, b_ = set(rows[0]), set(rows[1])
            fail("%s: failures.csv holds other rows (%d vs %d); only in the first: %r;"
                 " only in the second: %r" % (what, len(rows[0]), len(rows[1]),
                                               sorted(a_ - b_)[:2], sorted(b_ - a_)[:2]))
        names = [n for n in names if n != "failures.csv"]
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    if mismatch or errors:
        f = (mismatch or errors)[0]
        la = open(os.path.join(a, f), encoding="utf-8").read().splitlines()
        lb = open(os.path.join(b, f), encoding="utf-8").read().splitlines()
        diff = [(x, y) for x, y in zip(la, lb) if x != y][:2]
        fail("%s: %s differs (%d lines vs %d): %r" % (what, f, len(la), len(lb), diff))


def scan(db, host, path, env=None):
    rc, out, err = run("scan", "-q", "--db", db, "--host", host, path, env=env, timeout=600)
    check(rc == 0, "scan --host %s: exit %d %s" % (host, rc, err[-1500:]))


def case_init(pg):
    uri = pg.createdb("init")
    for _ in range(2):
        rc, out, err = run("init", "--db", uri)
        check(rc == 0, "init: exit %d %s" % (rc, err))
    versions = pg.psql("SELECT version FROM schema_history ORDER BY 1", "init").split()
    check(versions == [str(v) for v in range(1, len(versions) + 1)] and len(versions) >= 8,
          "init: schema_history %s" % versions)
    # a password is never shown
    rc, out, err = run("report", "--db", "postgresql://scanner:s3cret@/nodb?host=%s" % pg.dir,
                       "--csv", "/nonexistent")
    check(rc == 1 and "s3cret" not in err and "***" in err, "a password shown: %d %s" % (rc, err))
    rc, out, err = run("scan", "--db", "host=%s dbname=nodb user=x password='s3 cret'" % pg.dir,
                       SAMPLES)
    check(rc == 1 and "s3 cret" not in err and "cret" not in err, "a password shown: %d %s"
          % (rc, err))
    rc, out, err = run("report", "--db", pg.uri("postgres"), "--csv", "/nonexistent")
    check(rc == 1 and "not a bouncescan history" in err, "report of an empty database: %d %s"
          % (rc, err))


def case_fleet(pg, tmp, boxes):
    uri = pg.createdb("fleet")
    check(run("init", "--db", uri)[0] == 0, "init failed")
    procs = [start("scan", "-q", "--db", uri, "--host", h, boxes[h]) for h in HOSTS]
    for h, p in zip(HOSTS, procs):
        rc, out, err = finish(p, timeout=600)
        check(rc == 0, "concurrent scan --host %s: exit %d %s" % (h, rc, err[-1500:]))
    lite = os.path.join(tmp, "fleet.db")
    for h in HOSTS:
        scan(lite, h, boxes[h])
    total = len(HOSTS) * PER_HOST - SHARED
    got = pg.psql("SELECT count(*), count(DISTINCT content_hash) FROM messages", "fleet").strip().split("|")
    check([int(x) for x in got] == [total, total], "messages: %s, want %d" % (got, total))
    dup = pg.psql("SELECT count(*) FROM (SELECT message_id, seq FROM failures GROUP BY 1, 2"
                  " HAVING count(*) > 1) d", "fleet").strip()
    check(dup == "0", "doubled failures rows: %s" % dup)
    runs = pg.psql("SELECT host || ':' || status FROM scan_runs ORDER BY host", "fleet").split()
    check(runs == sorted("%s:complete" % h for h in HOSTS), "scan runs: %s" % runs)
    lite_csv = csv_of(lite, os.path.join(tmp, "lite-csv"))
    same_csv(csv_of(uri, os.path.join(tmp, "pg-csv")), lite_csv, "four hosts at once vs SQLite",
             tie_order=True)
    # one after the other, as into SQLite: the very same files
    serial = pg.createdb("serial")
    for h in HOSTS:
        scan(serial, h, boxes[h])
    same_csv(csv_of(serial, os.path.join(tmp, "serial-csv")), lite_csv, "PostgreSQL vs SQLite")
    # one host: its own mailbox's CSV (relay1 shares nothing)
    alone = os.path.join(tmp, "relay1.db")
    scan(alone, "relay1", boxes["relay1"])
    same_csv(csv_of(uri, os.path.join(tmp, "pg-relay1"), "--host", "relay1"),
             csv_of(alone, os.path.join(tmp, "lite-relay1")), "report --host relay1")
    # the same mailbox on another server: every message known, and so
    # counted (PostgreSQL learns it from answers it reads in batches)
    copy = os.path.join(tmp, "mx9")
    os.makedirs(copy)
    shutil.copy(boxes["mx1"], os.path.join(copy, "bounces.mbox"))
    summaries = []
    for db in (uri, lite):
        rc, out, err = run("scan", "--db", db, "--host", "mx9", copy, timeout=600)
        check(rc == 0, "scan of a copy: exit %d %s" % (rc, err))
        summaries.append(out.strip())
    check(summaries[0] == summaries[1] and "0 messages read" in summaries[0]
          and "%d already known" % PER_HOST in summaries[0],
          "a copy of mx1's mailbox: PostgreSQL said %r, SQLite %r" % tuple(summaries))
    # scanned again: nothing new, on every host
    for h in HOSTS:
        rc, out, err = run("scan", "--db", uri, "--host", h, boxes[h])
        check(rc == 0 and "0 messages read" in out, "rescan %s: %d %s %s" % (h, rc, out, err))
    rc, out, err = run("changes", "--db", uri)
    check(rc in (0, 3), "changes: exit %d %s" % (rc, err))
    # the incidents name the hosts whose mail was refused
    rc, out, err = run("changes", "--db", uri, "--since", "2000-01-01", "--json")
    check(rc in (0, 3), "changes --json: exit %d %s" % (rc, err))
    hosts = [i.get("hosts") for i in incidents_of(json.loads(out))]
    check(hosts and all(h and set(h) <= set(HOSTS) for h in hosts)
          and any(len(h) == len(HOSTS) for h in hosts), "the incidents' hosts: %s" % hosts)
    rc, out, err = run("changes", "--db", uri, "--since", "2000-01-01")
    check("; hosts " in out, "changes names no hosts: %s" % out[-1500:])
    return uri


def case_same_host(pg, tmp, boxes):
    uri = pg.createdb("lock")
    check(run("init", "--db", uri)[0] == 0, "init failed")
    # a mailbox big enough to be stopped midway
    big = os.path.join(tmp, "big")
    os.makedirs(big)
    base = sample_messages()
    write_mbox(os.path.join(big, "bounces.mbox"),
               [unique(base[i % len(base)], b"big%06d" % i) for i in range(6000)])
    p = start("scan", "-q", "--db", uri, "--host", "mx1", big)
    try:
        check(wait_for(lambda: pg.psql("SELECT count(*) FROM scan_runs WHERE host = 'mx1'",
                                       "lock").strip() == "1" or p.poll() is not None, 60),
              "the first scan never started")
        p.send_signal(signal.SIGSTOP)  # it holds the lock of mx1
        if p.poll() is not None:
            fail("the first scan ended too soon: %s" % (finish(p),))
        rc, out, err = run("scan", "--db", uri, "--host", "mx1", boxes["mx2"])
        check(rc == 4 and "in use by another scan on host mx1" in err,
              "a second scan of mx1: exit %d %s" % (rc, err))
        rc, out, err = run("scan", "-q", "--db", uri, "--host", "mx2", boxes["mx2"])
        check(rc == 0, "mx2's scan beside mx1's: exit %d %s" % (rc, err))
    finally:
        p.send_signal(signal.SIGCONT)
    rc, out, err = finish(p, timeout=600)
    check(rc == 0, "the first scan after SIGCONT: exit %d %s" % (rc, err))


def case_crash(pg, tmp, boxes, clean_uri):
    """killed midway, twice, then run again: what the clean history holds"""
    uri = pg.createdb("crash")
    check(run("init", "--db", uri)[0] == 0, "init failed")
    for h in HOSTS:
        for at in (200, 1200):
            if h != "mx1" and at == 1200:
                continue
            p = start("scan", "-q", "--db", uri, "--host", h, boxes[h])
            wait_for(lambda: p.poll() is not None or int(pg.psql(
                "SELECT count(*) FROM messages", "crash") or 0) >= at, 120, 0.02)
            kill(p)
            p.wait()
    for h in HOSTS:
        scan(uri, h, boxes[h])
    same_csv(csv_of(uri, os.path.join(tmp, "crash-csv")), csv_of(clean_uri, os.path.join(tmp, "clean")),
             "killed and run again", tie_order=True)
    days = ("SELECT kind, value, sender_domain, day, sum(failures) FROM failure_days"
            " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4")
    check(pg.psql(days, "crash") == pg.psql(days, "fleet"),
          "failure_days after a kill and a rerun differ from a clean run's")


def case_migrate(pg, tmp, boxes):
    """an SQLite history copied in: its CSV; again: nothing; stopped and
    resumed: the same; then a scan of its host finds nothing new"""
    lite = os.path.join(tmp, "fleet.db")
    want = csv_of(lite, os.path.join(tmp, "lite-again"))
    uri = pg.createdb("moved")
    p = start("migrate", "-q", "--from", lite, "--to", uri)
    wait_for(lambda: p.poll() is not None or int(pg.psql(
        "SELECT count(*) FROM pg_tables WHERE tablename = 'messages'", "moved") or 0) == 1 and int(
        pg.psql("SELECT count(*) FROM messages", "moved") or 0) >= 1000, 120, 0.02)
    kill(p)
    p.wait()
    check(p.returncode in (0, -signal.SIGKILL), "migrate -q: exit %d %s"
          % (p.returncode, p.stderr.read().decode(errors="replace")))
    print("migrate killed with %s of %d messages copied" % (
        pg.psql("SELECT count(*) FROM messages", "moved").strip(), len(HOSTS) * PER_HOST - SHARED))
    rc, out, err = run("migrate", "--from", lite, "--to", uri, timeout=600)
    check(rc == 0, "migrate after a kill: exit %d %s" % (rc, err))
    same_csv(csv_of(uri, os.path.join(tmp, "moved-csv")), want, "migrated (killed, resumed)")
    rc, out, err = run("migrate", "--from", lite, "--to", uri, timeout=600)
    check(rc == 0 and "0 messages and 0 failure records copied" in out,
          "migrate again: exit %d %s %s" % (rc, out, err))
    same_csv(csv_of(uri, os.path.join(tmp, "moved-again")), want, "migrated twice")
    rc, out, err = run("scan", "--db", uri, "--host", "relay1", boxes["relay1"])
    check(rc == 0 and "0 messages read" in out and "1 files unchanged" in out,
          "a scan after the move: %d %s %s" % (rc, out, err))
    rc, out, err = run("migrate", "--from", uri, "--to", lite)
    check(rc == 2, "migrate from PostgreSQL: exit %d" % rc)
    # prune counts and deletes the same as in SQLite
    for args in (["--dry-run"], []):
        said = [run("prune", "--db", db, "--older-than", "2026-03-01", *args)[1] for db in (uri, lite)]
        check(said[0] == said[1] and "records" in said[0], "prune %s: %r" % (args, said))
    same_csv(csv_of(uri, os.path.join(tmp, "pruned-pg")), csv_of(lite, os.path.join(tmp, "pruned")),
             "pruned")


def unit_commands(name, env):
    """the ExecStart lines of samples/systemd/NAME, in order, with env's values"""
    cmds, success = [], {"0"}
    for line in open(os.path.join(SAMPLES, "systemd", name), encoding="utf-8"):
        line = line.strip()
        if line.startswith("Environment="):
            k, v = line[len("Environment="):].split("=", 1)
            env.setdefault(k, v)
        elif line.startswith("ExecStart="):
            c = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], line[len("ExecStart="):])
            cmds.append(c.replace("/usr/local/bin/bouncescan", BIN).split())
        elif line.startswith("SuccessExitStatus="):
            success |= set(line.split("=", 1)[1].split())
    return cmds, success


def case_units(pg, tmp, boxes):
    """the fleet's systemd units: two servers' scans, then the report job, as
    systemd runs them, with libpq's PG* variables of their EnvironmentFile"""
    pg.createdb("units")
    state = os.path.join(tmp, "state")
    os.makedirs(state, mode=0o700)
    env = dict(os.environ, PGHOST=pg.dir, PGUSER=pg.user, PGDATABASE="units")
    for host in ("mx1", "relay1"):
        cmds, success = unit_commands("bouncescan-fleet-scan.service", {"MAILBOX": boxes[host]})
        check(cmds, "no ExecStart in bouncescan-fleet-scan.service")
        for c in cmds:
            p = subprocess.run(c, capture_output=True, text=True, timeout=600, env=env)
            check(str(p.returncode) in success, "%s: exit %d %s" % (c, p.returncode, p.stderr))
    cmds, success = unit_commands("bouncescan-fleet-report.service", {})
    for c in cmds:
        c = [a.replace("/var/lib/bouncescan", state) for a in c]
        p = subprocess.run(c, capture_output=True, text=True, timeout=600, env=env)
        check(str(p.returncode) in success, "%s: exit %d %s" % (c, p.returncode, p.stderr))
    check(os.path.isfile(os.path.join(state, "fleet.html")), "the report job wrote no report")
    n = pg.psql("SELECT count(*) FROM messages", "units").strip()
    check(n == str(2 * PER_HOST), "the two servers' scans stored %s messages" % n)


def case_roles(pg, tmp, uri):
    """a reader needs SELECT only; a scanner SELECT, INSERT, UPDATE"""
    pg.psql("CREATE ROLE bs_reader LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO bs_reader;",
            "fleet")
    reader = uri.replace("user=%s" % pg.user, "user=bs_reader")
    same_csv(csv_of(reader, os.path.join(tmp, "reader-csv")),
             csv_of(uri, os.path.join(tmp, "owner-csv")), "the read-only role's report")
    rc, out, err = run("changes", "--db", reader)
    check(rc in (0, 3), "changes as the read-only role: exit %d %s" % (rc, err))
    rc, out, err = run("scan", "--db", reader, "--host", "mx9", os.path.join(tmp, "mx1"))
    check(rc == 1 and "permission denied" in err, "a scan as the read-only role: %d %s" % (rc, err))
    pg.psql("CREATE ROLE bs_scanner LOGIN;"
            " GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO bs_scanner;"
            " GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO bs_scanner;", "fleet")
    scanner = uri.replace("user=%s" % pg.user, "user=bs_scanner")
    one = os.path.join(tmp, "one")
    os.makedirs(one)
    write_mbox(os.path.join(one, "new.mbox"), [unique(sample_messages()[3], b"scanner-role")])
    rc, out, err = run("scan", "--db", scanner, "--host", "mx9", one)
    check(rc == 0 and "1 messages read" in out, "a scan as the scanner role: %d %s %s" % (rc, out, err))


def main():
    pgserver.skip_without_server()
    tmp = tempfile.mkdtemp(prefix="bs-pg-fleet-")
    try:
        with pgserver.PgServer() as pg:
            boxes = mailboxes(tmp)
            case_init(pg)
            uri = case_fleet(pg, tmp, boxes)
            case_same_host(pg, tmp, boxes)
            case_crash(pg, tmp, boxes, uri)
            case_migrate(pg, tmp, boxes)
            case_units(pg, tmp, boxes)
            case_roles(pg, tmp, uri)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
