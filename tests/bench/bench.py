#!/usr/bin/env python3
"""The performance benchmark (meson benchmark 'big-mailbox'; never a test).

Builds (once, deterministically, from samples/) an mbox and a Maildir of
BS_BENCH_COUNT bounces (default 100,000, about 450 MB each) under
BS_BENCH_DIR (default: the build folder), then measures messages per second,
MB per second and peak resident memory of:
  floor        the project's GMime-only parse of every message (tests/bench/floor.c)
  dump -j1     bouncescan dump with one thread
  scan -j1     bouncescan scan into a fresh database, one thread
  scan -jN     the same with one thread per processor
  rescan       bouncescan scan again on the unchanged Maildir
  sisimai      Sisimai (libsisimai-perl), where installed
and prints the ratios the performance issue sets bars on; then the time of
  report       bouncescan report (HTML and CSV) from a history of
               BS_BENCH_FAILURES failures (default 1,000,000; gen-history.py)
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

BIN = os.environ["BOUNCESCAN"]
FLOOR = os.environ["BS_FLOOR"]
SAMPLES = os.environ["SAMPLES"]
HERE = os.path.dirname(os.path.abspath(__file__))
COUNT = int(os.environ.get("BS_BENCH_COUNT", "100000"))
WORK = os.environ.get("BS_BENCH_DIR") or os.path.join(os.environ.get("MESON_BUILD_ROOT", "."), "bench-data")


def measure(name, argv, size_mb, count, cwd=None):
    """Run argv; returns (seconds, peak RSS MB)."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    _, status, ru = os.wait4(p.pid, 0)
    secs = time.monotonic() - t0
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0,):
        print("%s: exit %d: %s" % (name, os.waitstatus_to_exitcode(status), err[-500:]))
    rss = ru.ru_maxrss / 1024.0
    print("%-10s %8.2f s  %9.0f msg/s  %7.1f MB/s  peak %6.1f MB"
          % (name, secs, count / secs if secs else 0, size_mb / secs if secs else 0, rss))
    sys.stdout.flush()
    return secs, rss


def bench_report(tmp):
    """report (HTML page and CSV files) from a history of BS_BENCH_FAILURES
    failures (default 1,000,000), built once by gen-history.py under WORK."""
    failures = int(os.environ.get("BS_BENCH_FAILURES", "1000000"))
    db = os.path.join(WORK, "history-%d.db" % failures)
    subprocess.run([sys.executable, os.path.join(HERE, "gen-history.py"), BIN, SAMPLES, db, str(failures)],
                   check=True)
    out = os.path.join(tmp, "report")
    os.makedirs(out, exist_ok=True)
    secs, _ = measure("report", [BIN, "report", "--db", db, "--html", os.path.join(out, "report.html"),
                                 "--csv", out], os.path.getsize(db) / 1e6, failures)
    name = "1M" if failures == 1000000 else "{:,}".format(failures)
    print("report from %s failures: %.2f s (bar: < 10 s)" % (name, secs))


def main():
    os.makedirs(WORK, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gen-mailbox.py"), SAMPLES, WORK, str(COUNT)],
                   check=True)
    mbox = os.path.join(WORK, "big-%d.mbox" % COUNT)
    maildir = os.path.join(WORK, "big-%d.maildir" % COUNT)
    size_mb = os.path.getsize(mbox) / 1e6
    nproc = os.cpu_count() or 1
    print("%d messages, %.0f MB; %d processors" % (COUNT, size_mb, nproc))
    tmp = tempfile.mkdtemp(prefix="bs-bench-")
    try:
        floor, floor_rss = measure("floor", [FLOOR, mbox], size_mb, COUNT)
        dump1, dump_rss = measure("dump -j1", [BIN, "dump", "-q", "-j", "1", mbox], size_mb, COUNT)
        db1 = os.path.join(tmp, "one.db")
        scan1, _ = measure("scan -j1", [BIN, "scan", "-q", "-j", "1", "--db", db1, maildir], size_mb, COUNT)
        dbn = os.path.join(tmp, "all.db")
        scann, scan_rss = measure("scan -j%d" % nproc, [BIN, "scan", "-q", "-j", str(nproc), "--db", dbn, maildir],
                                  size_mb, COUNT)
        rescan, _ = measure("rescan", [BIN, "scan", "-q", "--db", dbn, maildir], size_mb, COUNT)
        sis = None
        try:
            subprocess.run(["perl", "-MSisimai", "-e", "1"], check=True, capture_output=True)
            prog = ("use Sisimai; my $n = 0; my $v = Sisimai->make(shift) || []; "
                    "print scalar(@$v), qq(\\n);")
            sis, _ = measure("sisimai", ["perl", "-e", prog, os.path.join(maildir, "cur")], size_mb, COUNT)
        except (OSError, subprocess.CalledProcessError):
            print("sisimai    not installed (apt-get install libsisimai-perl to compare)")
        print()
        print("dump -j1 / floor time:      %.2f   (bar: <= 1.25)" % (dump1 / floor))
        print("scan -j1 / scan -j%d time:   %.2f   (bar: >= 1.7 on 2 cores)" % (nproc, scan1 / scann))
        print("rescan of unchanged Maildir: %.2f s (bar: < 1 s)" % rescan)
        print("peak memory, dump / scan:   %.1f / %.1f MB (bar: < 64 MB)" % (dump_rss, scan_rss))
        if sis:
            print("sisimai / dump -j1 time:    %.1f" % (sis / dump1))
        bench_report(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
