#!/usr/bin/env python3
"""The fleet benchmark (meson benchmark 'pg-fleet'; never a test): a
PostgreSQL history against SQLite, on a server the benchmark starts itself
(tests/cli/pgserver.py; says so and stops where PostgreSQL is absent).

- scan: BS_BENCH_PG_COUNT bounces (default 100,000; gen-mailbox.py's mbox)
  into a fresh SQLite file and into a fresh PostgreSQL database, the best of
  BS_BENCH_REPEAT runs each; the bar: PostgreSQL within twice SQLite's time;
- fleet: that mbox cut into four (25,000 each by default), each scanned
  alone into PostgreSQL (--host, -j1), then the four at once into one
  database; the bar: each within 1.5 times its time alone (on a machine
  with at least four processors: the four scans share them).
Prints both backends' figures and the ratios.
"""
import os
import subprocess
import sys
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


def timed(*args):
    t0 = time.monotonic()
    p = subprocess.run([BIN, *args], capture_output=True)
    secs = time.monotonic() - t0
    if p.returncode != 0:
        sys.exit("bouncescan %s: exit %d %s" % (" ".join(args), p.returncode,
                                               p.stderr.decode(errors="replace")[-2000:]))
    return secs


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


def main():
    if pgserver.find_bin() is None:
        print("pg-fleet: PostgreSQL is not installed (tools/install-deps --tests): nothing measured")
        return
    os.makedirs(WORK, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gen-mailbox.py"), SAMPLES, WORK,
                    str(COUNT)], check=True)
    mbox = os.path.join(WORK, "big-%d.mbox" % COUNT)
    parts = quarters(mbox)
    lite = os.path.join(WORK, "pg-bench.db")
    with pgserver.PgServer() as pg:
        best_lite = best_pg = None
        for r in range(REPEAT):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(lite + suffix):
                    os.unlink(lite + suffix)
            t = timed("scan", "-q", "--db", lite, mbox)
            best_lite = t if best_lite is None else min(best_lite, t)
            uri = pg.createdb("scan%d" % r)
            t = timed("scan", "-q", "--db", uri, mbox)
            best_pg = t if best_pg is None else min(best_pg, t)
        print("scan of %d bounces (best of %d):" % (COUNT, REPEAT))
        print("  SQLite      %8.2f s  %8.0f messages/s" % (best_lite, COUNT / best_lite))
        print("  PostgreSQL  %8.2f s  %8.0f messages/s" % (best_pg, COUNT / best_pg))
        print("  ratio       %8.2f  (bar: 2.00 or less)" % (best_pg / best_lite))

        alone = []
        for k, p in enumerate(parts):
            uri = pg.createdb("alone%d" % k)
            alone.append(timed("scan", "-q", "-j1", "--db", uri, "--host", "mx%d" % k, p))
        uri = pg.createdb("fleet")
        subprocess.run([BIN, "init", "--db", uri], check=True, capture_output=True)
        t0 = time.monotonic()
        procs = [subprocess.Popen([BIN, "scan", "-q", "-j1", "--db", uri, "--host", "mx%d" % k, p])
                 for k, p in enumerate(parts)]
        ends = [None] * 4
        while any(e is None for e in ends):
            for k, pr in enumerate(procs):
                if ends[k] is None and pr.poll() is not None:
                    if pr.returncode != 0:
                        sys.exit("concurrent scan mx%d: exit %d" % (k, pr.returncode))
                    ends[k] = time.monotonic() - t0
            time.sleep(0.01)
        print("four scans of %d bounces each, -j1, %d processors here:" % (COUNT // 4,
                                                                            os.cpu_count() or 1))
        for k in range(4):
            print("  mx%d  alone %7.2f s  at once %7.2f s  ratio %5.2f  (bar: 1.50 or less)"
                  % (k, alone[k], ends[k], ends[k] / alone[k]))
        n = pg.psql("SELECT count(*) FROM messages", "fleet").strip()
        print("  messages stored at once: %s of %d" % (n, COUNT))


if __name__ == "__main__":
    main()
