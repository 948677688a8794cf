#!/usr/bin/env python3
"""Build, deterministically, a big history database for the report benchmark.

    gen-history.py BOUNCESCAN SAMPLES OUT.db [FAILURES]

Scans samples/ with the real binary (so the schema, its migrations, the
trigger that fills failure_days and the rows are bouncescan's own), then
multiplies the rows with SQL up to FAILURES failure records (each its own
group of failure_groups, as a bounce for one recipient is) (default
1,000,000): round k copies every scanned message (content hash and source
made unique) and its records, with recipients, destination domains, refused
IPs, Message-IDs and times varied, the failures spread evenly over one year
(2025-11-25 to 2026-11-25, UTC).  Delay warnings and other notices are
copied along with the failures of their round.  Does nothing when OUT.db
already exists with the schema version the binary writes.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

START = 1764028800          # 2025-11-25T00:00:00Z
SPAN = 365 * 86400          # one year
RECIPIENT_ROUNDS = 3000     # a recipient's local part comes back every this many rounds
EXTRA_DOMAINS = 4999        # a third of the rounds go to the long tail of small domains
IPS = 254                   # refused IPs per base /24


def scan_samples(binary, samples, db):
    paths = [os.path.join(samples, d) for d in ("eml", "maildir", "mbox", "mh")
             if os.path.isdir(os.path.join(samples, d))]
    subprocess.run([binary, "scan", "-q", "-j", "1", "--db", db] + paths, check=True,
                   stdout=subprocess.DEVNULL)


def schema_version(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def copy_records(con, cols_f, stride, ostride, rounds, is_failure, per_round, limit):
    """records: failure number i = k * n_fail + rank, at a time that grows with i"""
    i = "(r.k * %d + f.rank)" % per_round
    secs = "(%s * %d / %d + (f.id * 7919) %% 3600)" % (i, SPAN, per_round * rounds)
    day = "(SELECT day FROM days WHERE d = %s / 86400)" % secs
    at = ("%s || printf('T%%02d:%%02d:%%02dZ', %s / 3600 %% 24, %s / 60 %% 60, %s %% 60)"
          % (day, secs, secs, secs))
    local = "substr(f.recipient, 1, instr(f.recipient, '@') - 1)"
    dest = ("CASE WHEN f.destination IS NULL THEN NULL WHEN r.k %% 3 = 2"
            " THEN printf('mx%%d.example.net', r.k %% %d) ELSE f.destination END" % EXTRA_DOMAINS)
    fset = {
        "id": None,
        "message_id": "r.k * %d + f.message_id" % stride,
        "recipient": ("CASE WHEN instr(f.recipient, '@') > 1 THEN %s || printf('.%%d@', r.k %% %d)"
                      " || coalesce(%s, substr(f.recipient, instr(f.recipient, '@') + 1))"
                      " ELSE f.recipient END" % (local, RECIPIENT_ROUNDS, dest)),
        "destination": dest,
        "sending_ip": ("CASE WHEN f.sending_ip LIKE '%%.%%.%%.%%'"
                       " THEN rtrim(rtrim(f.sending_ip, '0123456789'), '.') || printf('.%%d', 1 + r.k %% %d)"
                       " ELSE f.sending_ip END" % IPS),
        "original_id": "r.k * %d + f.original_id" % ostride,
        "seen_at": at,
        "day": day,
        "timestamp": at,
    }
    names = [c for c in cols_f if fset.get(c, "") is not None]
    sel = ", ".join(fset.get(c, "f." + c) for c in names)
    con.execute("INSERT INTO gen_f (%s) SELECT %s FROM rounds r CROSS JOIN base_f f"
                " WHERE f.is_failure = %d AND %s < %d"
                % (", ".join(names), sel, is_failure, i, limit))


def count_failure_days(con):
    """what the trigger failures_count_days writes for each failure, counted
    at once: per subject, sender domain and day, the failures and the first
    scan run (the trigger itself is put back afterwards); one read of the
    failures, each row counted once per kind of subject"""
    con.execute("CREATE TEMP TABLE subject_kinds (kind TEXT)")
    con.execute("INSERT INTO subject_kinds VALUES ('ip'), ('destination'), ('blocklist'), ('provider_code')")
    con.execute(
        "INSERT INTO failure_days (kind, value, sender_domain, day, failures, first_run)"
        " SELECT k.kind, CASE k.kind WHEN 'ip' THEN f.sending_ip WHEN 'destination' THEN f.destination"
        "  WHEN 'blocklist' THEN f.blocklist ELSE f.provider_code END AS value,"
        "  coalesce(f.sender_domain, '') AS sd, f.day, count(*), min(m.run_id)"
        " FROM failures f JOIN messages m ON m.id = f.message_id CROSS JOIN subject_kinds k"
        " WHERE f.is_failure = 1 AND value <> ''"
        " GROUP BY k.kind, value, sd, f.day")


def store_records(con, cols_f):
    """the records of gen_f into the history's tables (schema 11): each its
    own group (failure_groups: what a bounce's records share), the record
    (failure_recipients) keeping the group's id as its own"""
    own = ("id", "seq", "recipient", "orig_recipient", "group_id")
    shared = [c for c in cols_f if c not in own]
    con.execute("INSERT INTO failure_groups (id, %s) SELECT rowid, %s FROM gen_f ORDER BY rowid"
                % (", ".join(shared), ", ".join(shared)))
    con.execute("INSERT INTO failure_recipients (id, group_id, seq, recipient, orig_recipient)"
                " SELECT rowid, rowid, seq, recipient, orig_recipient FROM gen_f ORDER BY rowid")


def multiply(db, target):
    con = sqlite3.connect(db, isolation_level=None)
    # a scratch file until it is renamed: no journal while it is filled,
    # back to bouncescan's WAL at the end
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA threads = 2")
    con.execute("PRAGMA cache_size = -262144")
    con.execute("PRAGMA temp_store = FILE")
    cols_f = [r[1] for r in con.execute("PRAGMA table_info(failures)")]
    cols_m = [r[1] for r in con.execute("PRAGMA table_info(messages)")]
    cols_o = [r[1] for r in con.execute("PRAGMA table_info(originals)")]
    con.execute("BEGIN")
    # the scanned rows become the pattern; the tables are filled again from it
    con.execute("CREATE TEMP TABLE base_m AS SELECT * FROM messages")
    con.execute("CREATE TEMP TABLE base_o AS SELECT * FROM originals")
    con.execute("CREATE TEMP TABLE base_f AS SELECT *, 0 AS rank FROM failures")
    # the records made, as one row each (failures is a view of two tables)
    con.execute("CREATE TEMP TABLE gen_f AS SELECT * FROM failures WHERE 0")
    con.execute("UPDATE base_f SET rank = (SELECT count(*) FROM base_f b"
                " WHERE b.is_failure = base_f.is_failure AND b.id < base_f.id)")
    n_fail = con.execute("SELECT count(*) FROM base_f WHERE is_failure = 1").fetchone()[0]
    n_note = con.execute("SELECT count(*) FROM base_f WHERE is_failure = 0").fetchone()[0]
    stride = con.execute("SELECT max(id) FROM base_m").fetchone()[0]
    ostride = con.execute("SELECT coalesce(max(id), 0) FROM base_o").fetchone()[0]
    if n_fail == 0:
        raise SystemExit("gen-history: the samples gave no failure")
    rounds = (target + n_fail - 1) // n_fail
    # the indexes are built once at the end (a sort), not row by row, and
    # failure_days is counted in one pass instead of by the trigger row by
    # row; their SQL is the database's own, put back as it was
    indexes = con.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                          " AND tbl_name IN ('failure_groups', 'failure_recipients', 'messages', 'originals')"
                          " AND sql IS NOT NULL").fetchall()
    triggers = con.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
                           " AND tbl_name = 'failures'").fetchall()
    for name, _ in indexes:
        con.execute('DROP INDEX "%s"' % name)
    for name, _ in triggers:
        con.execute('DROP TRIGGER "%s"' % name)
    con.execute("DELETE FROM failure_recipients")
    con.execute("DELETE FROM failure_groups")
    con.execute("DELETE FROM originals")
    con.execute("DELETE FROM messages")
    con.execute("DELETE FROM failure_days")
    # the rounds, with the time their messages were first seen; the days of
    # the year (strftime once per day, not three times per row)
    con.execute("CREATE TEMP TABLE rounds (k INTEGER PRIMARY KEY, first_seen TEXT)")
    con.execute("WITH RECURSIVE r(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM r WHERE k + 1 < ?)"
                " INSERT INTO rounds SELECT k, strftime('%Y-%m-%dT%H:%M:%SZ', ? + k * ? / ?, 'unixepoch')"
                " FROM r", (rounds, START, SPAN, rounds))
    con.execute("CREATE TEMP TABLE days (d INTEGER PRIMARY KEY, day TEXT)")
    con.execute("WITH RECURSIVE r(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM r WHERE d < 400)"
                " INSERT INTO days SELECT d, date(? + d * 86400, 'unixepoch') FROM r", (START,))

    # messages: one copy of each per round, unique by content hash and identity
    mset = {
        "id": "r.k * %d + m.id" % stride,
        "source": "printf('/var/mail/postmaster/cur/%d.%d.bench:2,S', r.k, m.id)",
        "key": "printf('/var/mail/postmaster/cur/%d.%d.bench', r.k, m.id)",
        # the round first: the unique index on it grows at its end, in order
        "content_hash": "printf('%08x', r.k) || substr(m.content_hash, 9)",
        # a message's identity (schema 8) is unique as its content hash is
        "identity": "CASE WHEN m.identity IS NULL THEN NULL ELSE printf('%08x', r.k) || substr(m.identity, 9) END",
        "first_seen": "r.first_seen",
    }
    sel = ", ".join(mset.get(c, "m." + c) for c in cols_m)
    # CROSS JOIN: rounds outside, so rows come in (round, id) order without a sort
    con.execute("INSERT INTO messages (%s) SELECT %s FROM rounds r CROSS JOIN base_m m"
                % (", ".join(cols_m), sel))
    # the originals' headers (schema 9: once per bounce), one copy per round
    oset = {
        "id": "r.k * %d + o.id" % ostride,
        "message_id": "r.k * %d + o.message_id" % stride,
        "orig_message_id": "printf('%d.', r.k) || o.orig_message_id",
    }
    con.execute("INSERT INTO originals (%s) SELECT %s FROM rounds r CROSS JOIN base_o o"
                % (", ".join(cols_o), ", ".join(oset.get(c, "o." + c) for c in cols_o)))

    copy_records(con, cols_f, stride, ostride, rounds, 1, n_fail, target)
    copy_records(con, cols_f, stride, ostride, rounds, 0, n_note, n_note * rounds)
    store_records(con, cols_f)
    count_failure_days(con)
    for _, sql in indexes + triggers:
        con.execute(sql)
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode = WAL")
    got = con.execute("SELECT count(*) FROM failures WHERE is_failure = 1").fetchone()[0]
    con.close()
    return got


def main():
    if len(sys.argv) < 4:
        raise SystemExit("usage: gen-history.py BOUNCESCAN SAMPLES OUT.db [FAILURES]")
    binary, samples, out = sys.argv[1], sys.argv[2], sys.argv[3]
    target = int(sys.argv[4]) if len(sys.argv) > 4 else 1000000
    t0 = time.monotonic()
    outdir = os.path.dirname(os.path.abspath(out))
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".gen-history-", dir=outdir) as tmp:
        db = os.path.join(tmp, "history.db")
        scan_samples(binary, samples, db)
        if os.path.exists(out):
            if schema_version(out) == schema_version(db):
                return
            print("gen-history: %s: an older schema; built again" % out)
            for suffix in ("", "-wal", "-shm", "-lock"):
                if os.path.exists(out + suffix):
                    os.unlink(out + suffix)
        got = multiply(db, target)
        for suffix in ("-wal", "-shm", "-lock"):
            if os.path.exists(db + suffix):
                os.unlink(db + suffix)
        os.rename(db, out)
    print("gen-history: %s: %d failures in %.1f s" % (out, got, time.monotonic() - t0))


if __name__ == "__main__":
    main()
