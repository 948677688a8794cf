#!/usr/bin/env python3
"""The fleet benchmark (meson benchmark 'pg-fleet'; never a test): a
PostgreSQL history against SQLite, on a server the benchmark starts itself
(tests/cli/pgserver.py; says so and stops where PostgreSQL is absent).

- scan: BS_BENCH_PG_COUNT bounces (default 100,000; gen-mailbox.py's mbox)
  into a fresh SQLite file and into a fresh PostgreSQL database, in turn
  (SQLite, PostgreSQL, SQLite...), the best of BS_BENCH_REPEAT runs each;
  the bar: PostgreSQL within twice SQLite's time;
- fleet: that mbox cut into four (25,000 each by default), each scanned
  alone into PostgreSQL (--host, -j1), then the four at once into one
  database, in turn, the best of BS_BENCH_REPEAT; the bar: each within 1.5
  times its time alone.  On a machine with fewer processors than the four
  scans and their server sessions keep busy, they wait for a processor
  rather than for each other: what the bar is about, the scans making each
  other wait in PostgreSQL, is measured apart (the sessions' wait events
  sampled from pg_stat_activity: heavyweight locks, lightweight locks, I/O,
  working, waiting for their scan) and from the processor time they took
  (the four at once against the same four alone, and the time the machine
  needed at the least to give it).
Wall time beside processor time (user + system: the scans' own, and the
server's), and the machine's load.
"""
import os
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
import pgserver  # noqa: E402

BIN = os.environ["BOUNCESCAN"]
SAMPLES = os.environ["SAMPLES"]
COUNT = int(os.environ.get("BS_BENCH_PG_COUNT", "100000"))
REPEAT = max(1, int(os.environ.get("BS_BENCH_REPEAT", "3")))
WORK = os.environ.get("BS_BENCH_DIR") or os.path.join(os.environ.get("MESON_BUILD_ROOT", "."),
                                                      "bench-data")
SEP = b"From MAILER-DAEMON Wed Nov 25 10:00:00 2026\n"
TICK = os.sysconf("SC_CLK_TCK")
CPUS = os.cpu_count() or 1


def load():
    return "load average %.2f %.2f %.2f, %d processors" % (*os.getloadavg(), CPUS)


def start(*args):
    return subprocess.Popen([BIN, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def reap(p, t0, block=True):
    """wait for p: (wall seconds since t0, its processor seconds); None
    when p is still running and not block"""
    pid, status, ru = os.wait4(p.pid, 0 if block else os.WNOHANG)
    if pid == 0:
        return None
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - t0
    if p.returncode != 0:
        sys.exit("bouncescan %s: exit %d %s" % (" ".join(p.args[1:]), p.returncode,
                                               p.stderr.read().decode(errors="replace")[-2000:]))
    return wall, ru.ru_utime + ru.ru_stime


def timed(*args):
    t0 = time.monotonic()
    return reap(start(*args), t0)


def server_cpu(pg):
    """processor seconds the server's processes took so far (the ones that
    ended are in the postmaster's children's times)"""
    with open(os.path.join(pg.dir, "data", "postmaster.pid")) as fh:
        master = int(fh.readline())

    def fields(pid):
        with open("/proc/%d/stat" % pid) as fh:
            return fh.read().rsplit(")", 1)[1].split()

    f = fields(master)
    ticks = sum(int(x) for x in f[11:15])   # utime stime cutime cstime
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                g = fields(int(d))
            except OSError:
                continue
            if int(g[1]) == master:
                ticks += int(g[11]) + int(g[12])
    return ticks / TICK


def schedstat(pid):
    """{thread: (seconds on a processor, seconds waiting for one)} of pid"""
    out = {}
    try:
        tasks = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return out
    for t in tasks:
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, t)) as fh:
                run, wait = fh.read().split()[:2]
        except (OSError, ValueError):
            continue
        out[int(t)] = (int(run) / 1e9, int(wait) / 1e9)
    return out


class Waits:
    """every 20 ms: what each scan's server session is doing in
    pg_stat_activity (by host: application_name 'bouncescan (host
    NAME)'), and how long each scan's threads and its session have waited
    for a processor so far (/proc/PID/task/*/schedstat)"""

    CLASSES = ("Lock", "LWLock", "IO", "working", "its scan", "other")

    def __init__(self, pg, db, scans):
        self.session = pgserver.Session(pg, db)
        self.scans = scans          # host -> the scan's process id
        self.counts = {}
        self.sched = {}             # (host, "scan" or "server", thread) -> (run, wait)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run)

    def run(self):
        q = ("SELECT substr(application_name, 18), pid, CASE WHEN state <> 'active'"
             " OR wait_event_type = 'Client' THEN 'its scan' WHEN wait_event_type IN"
             " ('Lock', 'LWLock', 'IO') THEN wait_event_type || ':' || wait_event"
             " WHEN wait_event_type IS NULL THEN 'working' ELSE 'other' END"
             " FROM pg_stat_activity WHERE application_name LIKE 'bouncescan (host %'")
        while not self.stop.is_set():
            for line in self.session.query(q).splitlines():
                host, pid, what = line.split(",", 2)
                host = host.rstrip(")")
                self.counts.setdefault(host, {})
                self.counts[host][what] = self.counts[host].get(what, 0) + 1
                for t, v in schedstat(int(pid)).items():
                    self.sched[(host, "server", t)] = v
            for host, pid in self.scans.items():
                for t, v in schedstat(pid).items():
                    self.sched[(host, "scan", t)] = v
            time.sleep(0.02)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.session.close()

    def cpu_wait(self, host):
        """seconds host's scan threads and server session waited for a processor"""
        return sum(v[1] for k, v in self.sched.items() if k[0] == host)

    def shares(self, host):
        """the share of host's samples in each class, and the lock waits seen"""
        c = self.counts.get(host, {})
        n = sum(c.values()) or 1
        out = {k: 0.0 for k in self.CLASSES}
        waits = {}
        for what, k in c.items():
            cls = what.split(":")[0]
            if cls in ("Lock", "LWLock", "IO"):
                waits[what] = k
            out[cls if cls in out else "other"] += k / n
        return out, waits


def quarters(mbox):
    """the mbox cut into four files of whole messages"""
    paths = [os.path.join(WORK, "pg-quarter-%d-%d.mbox" % (COUNT, k)) for k in range(4)]
    if all(os.path.exists(p) for p in paths):
        return paths
    data = open(mbox, "rb").read()
    msgs = data.split(b"\n" + SEP)
    n = len(msgs)
    for k, p in enumerate(paths):
        part = msgs[k * n // 4:(k + 1) * n // 4]
        with open(p + ".part", "wb") as fh:
            for i, m in enumerate(part):
                if not m.startswith(SEP):
                    m = SEP + m
                fh.write(m.rstrip(b"\n") + b"\n\n")
        os.replace(p + ".part", p)
    return paths


def bench_scan(pg, mbox):
    lite = os.path.join(WORK, "pg-bench.db")
    best = {"SQLite": None, "PostgreSQL": None}
    for r in range(REPEAT):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(lite + suffix):
                os.unlink(lite + suffix)
        uri = pg.createdb("scan%d" % r)
        for name, db in (("SQLite", lite), ("PostgreSQL", uri)):
            before = server_cpu(pg)
            wall, cpu = timed("scan", "-q", "--db", db, mbox)
            time.sleep(0.2)  # the server session ends
            server = server_cpu(pg) - before if name == "PostgreSQL" else 0.0
            print("  run %d %-10s %8.2f s wall  %8.2f s CPU (+ %.2f s the server's)  %s"
                  % (r + 1, name, wall, cpu, server, load()), flush=True)
            if best[name] is None or wall < best[name][0]:
                best[name] = (wall, cpu, server)
    print("scan of %d bounces (best of %d, in turn):" % (COUNT, REPEAT))
    for name, (wall, cpu, server) in best.items():
        print("  %-10s  %8.2f s  %8.0f messages/s   CPU %.2f s + server %.2f s"
              % (name, wall, COUNT / wall, cpu, server))
    print("  ratio       %8.2f  (bar: 2.00 or less)" % (best["PostgreSQL"][0] / best["SQLite"][0]))


def at_once(pg, name, parts):
    """the scans of parts at once into a new database name: per scan
    (wall, CPU), the server's CPU, the wall time of all, and the wait
    samples"""
    db = pg.createdb(name)
    subprocess.run([BIN, "init", "--db", db], check=True, capture_output=True)
    before = server_cpu(pg)
    t0 = time.monotonic()
    procs = {"mx%d" % k: start("scan", "-q", "-j1", "--db", db, "--host", "mx%d" % k, p)
             for k, p in parts}
    with Waits(pg, name, {h: p.pid for h, p in procs.items()}) as waits:
        results = [None] * len(procs)
        while None in results:
            time.sleep(0.005)
            for i, p in enumerate(procs.values()):
                if results[i] is None:
                    results[i] = reap(p, t0, block=False)
        total = time.monotonic() - t0
    time.sleep(0.2)
    return results, server_cpu(pg) - before, total, waits


def bench_fleet(pg, parts):
    best_alone, best_four, best_two = {}, None, None
    for r in range(REPEAT):
        alone = {}
        for k, p in enumerate(parts):
            results, server, total, waits = at_once(pg, "alone%d_%d" % (r, k), [(k, p)])
            alone[k] = (results[0][0], results[0][1], server, waits.cpu_wait("mx%d" % k))
            if k not in best_alone or alone[k][0] < best_alone[k][0]:
                best_alone[k] = alone[k]
        four = at_once(pg, "fleet%d" % r, list(enumerate(parts)))
        stored = pg.psql("SELECT count(*), count(DISTINCT content_hash) FROM messages",
                         "fleet%d" % r).strip()
        if stored != "%d|%d" % (COUNT, COUNT):
            sys.exit("four scans at once stored %s messages (all, distinct), not %d" % (stored, COUNT))
        two = at_once(pg, "two%d" % r, list(enumerate(parts))[:2])
        print("  run %d: alone %s s; four at once %s s; two at once %s s  %s"
              % (r + 1, " ".join("%.2f" % alone[k][0] for k in range(4)),
                 " ".join("%.2f" % w for w, _ in four[0]), " ".join("%.2f" % w for w, _ in two[0]),
                 load()), flush=True)
        if best_four is None or four[2] < best_four[2]:
            best_four = four
        if best_two is None or two[2] < best_two[2]:
            best_two = two
    report_fleet(best_alone, best_four, best_two)
    print("  messages stored at once: %d, each once" % COUNT)


def report_fleet(alone, four, two):
    print("four scans of %d bounces each, -j1, %d processors here (best of %d, in turn):"
          % (COUNT // 4, CPUS, REPEAT))
    results, server, total, waits = four
    cpu_alone = sum(a[1] + a[2] for a in alone.values())
    cpu_four = sum(c for _, c in results) + server
    for k in range(4):
        wall, cpu = results[k]
        shares, locks = waits.shares("mx%d" % k)
        print("  mx%d  alone %6.2f s (CPU %5.2f + server %5.2f)  at once %6.2f s (CPU %5.2f)"
              "  ratio %5.2f  (bar: 1.50 or less)"
              % (k, alone[k][0], alone[k][1], alone[k][2], wall, cpu, wall / alone[k][0]))
        print("       waited for a processor (its threads and session, summed): alone %.2f s,"
              " at once %.2f s" % (alone[k][3], waits.cpu_wait("mx%d" % k)))
        print("       its server session at once: %s%s"
              % (", ".join("%s %.0f%%" % (c, 100 * shares[c]) for c in Waits.CLASSES),
                 "; waits seen: %s" % locks if locks else ""))
    floor = max(max(a[0] for a in alone.values()), cpu_four / CPUS)
    print("  processor time: the four alone %.2f s, at once %.2f s (scans and server);"
          " on %d processors at once needs at least %.2f s; took %.2f s (%.2f of that)"
          % (cpu_alone, cpu_four, CPUS, floor, total, total / floor))
    lock_share = max(waits.shares("mx%d" % k)[0]["Lock"] + waits.shares("mx%d" % k)[0]["LWLock"]
                     for k in range(4))
    print("  waiting for each other in PostgreSQL (locks): at most %.1f%% of a scan's session"
          " time" % (100 * lock_share))
    results2, server2, total2, waits2 = two
    print("  two at once: %s (alone %s)  ratios %s"
          % (" ".join("%.2f s" % w for w, _ in results2),
             " ".join("%.2f s" % alone[k][0] for k in range(2)),
             " ".join("%.2f" % (results2[k][0] / alone[k][0]) for k in range(2))))


def main():
    if pgserver.find_bin() is None:
        print("pg-fleet: PostgreSQL is not installed (tools/install-deps --tests): nothing measured")
        return
    os.makedirs(WORK, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gen-mailbox.py"), SAMPLES, WORK,
                    str(COUNT)], check=True)
    mbox = os.path.join(WORK, "big-%d.mbox" % COUNT)
    parts = quarters(mbox)
    print("pg-fleet: %s" % load(), flush=True)
    # BS_BENCH_PG_PART=scan or fleet: one part only
    part = os.environ.get("BS_BENCH_PG_PART", "scan,fleet").split(",")
    with pgserver.PgServer() as pg:
        if "scan" in part:
            bench_scan(pg, mbox)
        if "fleet" in part:
            bench_fleet(pg, parts)


if __name__ == "__main__":
    main()
