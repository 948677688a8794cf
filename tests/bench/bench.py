#!/usr/bin/env python3
"""The performance benchmark (meson benchmark 'big-mailbox'; never a test).

Builds (once, deterministically, from samples/) an mbox and a Maildir of
BS_BENCH_COUNT bounces (default 100,000, about 450 MB each) under
BS_BENCH_DIR (default: the build folder), then measures messages per second,
MB per second and peak resident memory of:
  floor        the project's GMime-only parse of every message (tests/bench/floor.c)
  dump -j1     bouncescan dump with one thread (floor and dump in turn, the
               best of BS_BENCH_REPEAT runs each, default 3)
  scan -j1     bouncescan scan into a fresh database, one thread
  scan -jN     the same with one thread per processor (the two in turn,
               the best of BS_BENCH_REPEAT runs each)
  rescan       bouncescan scan again on the unchanged Maildir
  sisimai      Sisimai (libsisimai-perl), where installed
and prints the ratios the performance issue sets bars on, with the
processor time of floor, dump and rescan beside their wall time (steadier
on a loaded machine: a shared one's wall time is its share of the cores).  Then (see
flat_memory and big_original below) the peak memory of dump and scan on a
mailbox twice as big, side by side with the first (BS_BENCH_FLAT=0 skips
it), and one bounce carrying a 20 MB original against the floor and cat;
then the time of
  report       bouncescan report (HTML and CSV) from a history of
               BS_BENCH_FAILURES failures (default 1,000,000; gen-history.py),
               the best of BS_BENCH_REPEAT runs
  workbook     report --xlsx from the same history beside report --csv alone
               and libxlsxwriter alone (xlsx-floor.c), in turn, the best of
               BS_BENCH_REPEAT runs each: time, processor time and peak memory,
               their ratios and the bars' verdicts
BS_BENCH_ONLY=report runs the last two alone (no mailbox is built),
BS_BENCH_ONLY=workbook the workbook's alone, BS_BENCH_ONLY=mailbox all but
the last two (no history is built).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

BIN = os.environ["BOUNCESCAN"]
FLOOR = os.environ["BS_FLOOR"]
XLSX_FLOOR = os.environ["BS_XLSX_FLOOR"]
SAMPLES = os.environ["SAMPLES"]
HERE = os.path.dirname(os.path.abspath(__file__))
COUNT = int(os.environ.get("BS_BENCH_COUNT", "100000"))
REPEAT = max(1, int(os.environ.get("BS_BENCH_REPEAT", "3")))
WORK = os.environ.get("BS_BENCH_DIR") or os.path.join(os.environ.get("MESON_BUILD_ROOT", "."), "bench-data")


# runs argv[2:] and writes to the file argv[1] its exit code, seconds, peak
# RSS (KB) and processor seconds (user and system).  A child's peak RSS counts the memory of the process it was
# forked from: this one is small (python3 -I -S: about 8 MB), the benchmark
# is not (it hid the floor's 6 MB under its own 14).
SPAWN = """
import os, sys, time
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, ru = os.wait4(pid, 0)
secs = time.monotonic() - t0
with open(sys.argv[1], "w") as fh:
    fh.write("%d %.6f %d %.6f" % (os.waitstatus_to_exitcode(status), secs, ru.ru_maxrss,
                                 ru.ru_utime + ru.ru_stime))
"""


def spawn(argv, cwd=None):
    """Run argv; returns (exit code, seconds, peak RSS MB, stderr, processor seconds)."""
    with tempfile.NamedTemporaryFile("r") as fig, tempfile.TemporaryFile() as err:
        subprocess.run([sys.executable, "-I", "-S", "-c", SPAWN, fig.name, *argv],
                       stdout=subprocess.DEVNULL, stderr=err, cwd=cwd, check=True)
        err.seek(0)
        rc, secs, kb, cpu = fig.read().split()
        return (int(rc), float(secs), int(kb) / 1024.0, err.read().decode("utf-8", "replace"),
                float(cpu))


def measure(name, argv, size_mb, count, cwd=None, cpu=None):
    """Run argv; returns (seconds, peak RSS MB); with cpu (a list), its
    processor seconds are appended to it and printed"""
    rc, secs, rss, err, used = spawn(argv, cwd=cwd)
    if rc != 0:
        print("%s: exit %d: %s" % (name, rc, err[-500:]))
    print("%-10s %8.2f s  %9.0f msg/s  %7.1f MB/s  peak %6.1f MB%s"
          % (name, secs, count / secs if secs else 0, size_mb / secs if secs else 0, rss,
             "  cpu %.2f s" % used if cpu is not None else ""))
    if cpu is not None:
        cpu.append(used)
    sys.stdout.flush()
    return secs, rss


def bench_report(tmp, html=True):
    """report (HTML page and CSV files) from a history of BS_BENCH_FAILURES
    failures (default 1,000,000), built once by gen-history.py under WORK;
    then the workbook (without html, the workbook alone)."""
    failures = int(os.environ.get("BS_BENCH_FAILURES", "1000000"))
    db = os.path.join(WORK, "history-%d.db" % failures)
    subprocess.run([sys.executable, os.path.join(HERE, "gen-history.py"), BIN, SAMPLES, db, str(failures)],
                   check=True)
    os.sync()  # the generator's writes are on disk: they would slow the report's own
    out = os.path.join(tmp, "report")
    os.makedirs(out, exist_ok=True)
    name = "1M" if failures == 1000000 else "{:,}".format(failures)
    if not html:
        bench_workbook(db, out, failures, name)
        return
    best = None
    for _ in range(REPEAT):
        secs, _ = measure("report", [BIN, "report", "--db", db, "--html", os.path.join(out, "report.html"),
                                     "--csv", out], os.path.getsize(db) / 1e6, failures)
        best = min(best or secs, secs)
    print("report from %s failures: %.2f s (bar: < 10 s; best of %d)" % (name, best, REPEAT))
    bench_workbook(db, out, failures, name)


WORKBOOK_MEMORY_MB = 128


def bench_workbook(db, out, failures, name):
    """the workbook (report --xlsx) and the CSV files (report --csv) from the
    same history, in turn, the best of REPEAT each; the bars: the workbook
    within twice the CSV files' time, under WORKBOOK_MEMORY_MB.  Beside them
    the workbook's floor (tests/bench/xlsx-floor.c): libxlsxwriter alone
    writing failures.csv's fields as one sheet of string cells."""
    print("\nthe workbook and the CSV files from %s failures, in turn, best of %d (%s):"
          % (name, REPEAT, load()))
    sys.stdout.flush()
    size = os.path.getsize(db) / 1e6
    xlsx = os.path.join(out, "report.xlsx")
    floor_xlsx = os.path.join(out, "floor.xlsx")
    got = {"csv": (None, 0), "xlsx": (None, 0), "xlsx floor": (None, 0)}
    cpu = {step: [] for step in got}
    for _ in range(REPEAT):
        for step, argv in (("csv", [BIN, "report", "--db", db, "--csv", out]),
                           ("xlsx", [BIN, "report", "--db", db, "--xlsx", xlsx]),
                           ("xlsx floor", [XLSX_FLOOR, os.path.join(out, "failures.csv"), floor_xlsx])):
            t, rss = measure(step, argv, size, failures, cpu=cpu[step])
            best, peak = got[step]
            got[step] = (min(best or t, t), max(peak, rss))
        os.unlink(floor_xlsx)
    (csv_s, csv_rss), (book_s, book_rss), (floor_s, floor_rss) = got["csv"], got["xlsx"], got["xlsx floor"]
    book_mb = os.path.getsize(xlsx) / 1e6 if os.path.exists(xlsx) else 0
    print("workbook   %8.2f s  peak %6.1f MB  cpu %7.2f s  (%.0f MB)"
          % (book_s, book_rss, min(cpu["xlsx"]), book_mb))
    print("CSV files  %8.2f s  peak %6.1f MB  cpu %7.2f s" % (csv_s, csv_rss, min(cpu["csv"])))
    print("xlsx floor %8.2f s  peak %6.1f MB  cpu %7.2f s  (libxlsxwriter alone, failures.csv's fields as text)"
          % (floor_s, floor_rss, min(cpu["xlsx floor"])))
    ratio = book_s / csv_s
    print("workbook / CSV time:        %.2f   (bar: <= 2: %s); workbook / floor: %.2f; floor / CSV: %.2f"
          % (ratio, "yes" if ratio <= 2 else "NO", book_s / floor_s, floor_s / csv_s))
    print("processor time, workbook / CSV: %.2f; workbook / floor: %.2f (a loaded machine's wall"
          " times vary more)" % (min(cpu["xlsx"]) / min(cpu["csv"]), min(cpu["xlsx"]) / min(cpu["xlsx floor"])))
    print("workbook peak memory:       %.1f MB (bar: < %d MB: %s)"
          % (book_rss, WORKBOOK_MEMORY_MB, "yes" if book_rss < WORKBOOK_MEMORY_MB else "NO"))
    print("after: %s" % load())


def load():
    """the machine's load, for reading its wall times: a shared machine's
    runs get a share of its processors"""
    one, five, _ = os.getloadavg()
    return "load average %.1f (1 min), %.1f (5 min) on %d processors" % (one, five, os.cpu_count() or 1)


def main():
    os.makedirs(WORK, exist_ok=True)
    only = os.environ.get("BS_BENCH_ONLY", "")
    if only in ("report", "workbook"):
        tmp = tempfile.mkdtemp(prefix="bs-bench-")
        try:
            bench_report(tmp, html=only == "report")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return
    if only not in ("", "mailbox"):
        sys.exit("BS_BENCH_ONLY: 'report', 'workbook' or 'mailbox', not %r" % only)
    subprocess.run([sys.executable, os.path.join(HERE, "gen-mailbox.py"), SAMPLES, WORK, str(COUNT)],
                   check=True)
    mbox = os.path.join(WORK, "big-%d.mbox" % COUNT)
    maildir = os.path.join(WORK, "big-%d.maildir" % COUNT)
    size_mb = os.path.getsize(mbox) / 1e6
    nproc = os.cpu_count() or 1
    print("%d messages, %.0f MB; %d processors" % (COUNT, size_mb, nproc))
    tmp = tempfile.mkdtemp(prefix="bs-bench-")
    try:
        # the ratio the issue bars: the two in turn, the best of BS_BENCH_REPEAT
        # runs each (a shared machine's timings vary by a tenth run to run)
        floor, floor_rss, dump1, dump_rss = None, 0, None, 0
        cpu = {"floor": [], "dump": [], "rescan": []}
        for _ in range(REPEAT):
            t, rss = measure("floor", [FLOOR, mbox], size_mb, COUNT, cpu=cpu["floor"])
            floor, floor_rss = min(floor or t, t), max(floor_rss, rss)
            t, rss = measure("dump -j1", [BIN, "dump", "-q", "-j", "1", mbox], size_mb, COUNT,
                             cpu=cpu["dump"])
            dump1, dump_rss = min(dump1 or t, t), max(dump_rss, rss)
        # the same for scan with one thread and with all, each into a fresh history
        db1, dbn = os.path.join(tmp, "one.db"), os.path.join(tmp, "all.db")
        scan1, scann, scan_rss = None, None, 0
        for _ in range(REPEAT):
            for db in (db1, dbn):
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(db + suffix):
                        os.unlink(db + suffix)
            t, _ = measure("scan -j1", [BIN, "scan", "-q", "-j", "1", "--db", db1, maildir], size_mb, COUNT)
            scan1 = min(scan1 or t, t)
            t, rss = measure("scan -j%d" % nproc, [BIN, "scan", "-q", "-j", str(nproc), "--db", dbn, maildir],
                             size_mb, COUNT)
            scann, scan_rss = min(scann or t, t), max(scan_rss, rss)
        rescan, _ = measure("rescan", [BIN, "scan", "-q", "--db", dbn, maildir], size_mb, COUNT,
                            cpu=cpu["rescan"])
        sis = None
        try:
            subprocess.run(["perl", "-MSisimai", "-e", "1"], check=True, capture_output=True)
            prog = ("use Sisimai; my $n = 0; my $v = Sisimai->make(shift) || []; "
                    "print scalar(@$v), qq(\\n);")
            sis, _ = measure("sisimai", ["perl", "-e", prog, os.path.join(maildir, "cur")], size_mb, COUNT)
        except (OSError, subprocess.CalledProcessError):
            print("sisimai    not installed (apt-get install libsisimai-perl to compare)")
        print()
        print("dump -j1 / floor time:      %.2f   (bar: <= 1.25; best of %d each)" % (dump1 / floor, REPEAT))
        print("dump -j1 / floor processor time: %.2f (a loaded machine's wall times vary more)"
              % (min(cpu["dump"]) / min(cpu["floor"])))
        print("scan -j1 / scan -j%d time:   %.2f   (bar: >= 1.7 on 2 cores; best of %d each)"
              % (nproc, scan1 / scann, REPEAT))
        print("rescan of unchanged Maildir: %.2f s (bar: < 1 s); processor time %.2f s" % (rescan, cpu["rescan"][0]))
        print("peak memory, dump / scan:   %.1f / %.1f MB (bar: < 64 MB)" % (dump_rss, scan_rss))
        if sis:
            print("sisimai / dump -j1 time:    %.1f" % (sis / dump1))
        flat_memory(tmp, nproc, dump_rss, scan_rss)
        big_original(tmp)
        if only != "mailbox":
            bench_report(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---- peak memory, flat: the same for COUNT and 2 x COUNT messages ----------

FLAT_SLACK = 1.10   # 2 x COUNT messages may take at most 10 % more memory
MEMORY_BAR_MB = 64


def flat_memory(tmp, nproc, dump_rss, scan_rss):
    """dump -j1 (mbox) and scan -jN (Maildir) of a mailbox twice as big as
    the first; their peaks side by side with the first's, and a verdict"""
    if os.environ.get("BS_BENCH_FLAT", "1") == "0":
        print("\npeak memory at %d messages: skipped (BS_BENCH_FLAT=0)" % (2 * COUNT))
        return
    count2 = 2 * COUNT
    print("\nthe same mailbox twice as big (%d messages):" % count2)
    sys.stdout.flush()
    subprocess.run([sys.executable, os.path.join(HERE, "gen-mailbox.py"), SAMPLES, WORK, str(count2)],
                   check=True)
    mbox2 = os.path.join(WORK, "big-%d.mbox" % count2)
    maildir2 = os.path.join(WORK, "big-%d.maildir" % count2)
    size2 = os.path.getsize(mbox2) / 1e6
    _, dump_rss2 = measure("dump -j1", [BIN, "dump", "-q", "-j", "1", mbox2], size2, count2)
    db2 = os.path.join(tmp, "twice.db")
    _, scan_rss2 = measure("scan -j%d" % nproc, [BIN, "scan", "-q", "-j", str(nproc), "--db", db2, maildir2],
                           size2, count2)
    print()
    print("peak memory      %9d  %9d messages" % (COUNT, count2))
    print("dump -j1         %6.1f MB  %6.1f MB" % (dump_rss, dump_rss2))
    print("scan -j%-2d        %6.1f MB  %6.1f MB" % (nproc, scan_rss, scan_rss2))
    flat = dump_rss2 <= dump_rss * FLAT_SLACK and scan_rss2 <= scan_rss * FLAT_SLACK
    under = max(dump_rss, dump_rss2, scan_rss, scan_rss2) < MEMORY_BAR_MB
    print("peak memory flat: %s (bar: %d messages within %d %% of %d, all < %d MB: %s)"
          % ("yes" if flat else "NO", count2, round((FLAT_SLACK - 1) * 100), COUNT, MEMORY_BAR_MB,
             "yes" if under else "NO"))


# ---- a bounce carrying a 20 MB original ------------------------------------

BIG_ORIGINAL_MB = 20


def best_of(argv, n=5):
    """fastest of n runs of argv: (seconds, peak RSS MB of that run)"""
    best = None
    for _ in range(n):
        rc, secs, rss, err, _ = spawn(argv)
        if rc != 0:
            print("%s: exit %d: %s" % (" ".join(argv), rc, err[-300:]))
        if best is None or secs < best[0]:
            best = (secs, rss)
    return best


def big_original(tmp):
    """one bounce whose original carries 20 MB of base64 attachments
    (gen-bigbounce.py): dump -j1 against the floor and against reading its
    bytes (cat); the bar: no more than reading it once, its body never
    decoded (tests/cli/test_bigoriginal.py asserts the memory side)"""
    path = os.path.join(WORK, "bigoriginal-%dmb.eml" % BIG_ORIGINAL_MB)
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(HERE, "gen-bigbounce.py"), path,
                        str(BIG_ORIGINAL_MB)], check=True)
    size = os.path.getsize(path) / (1024.0 * 1024.0)
    print("\na bounce carrying a %d MB original (%.1f MB), best of 5:" % (BIG_ORIGINAL_MB, size))
    got = {}
    for name, argv in (("cat", ["cat", path]), ("floor", [FLOOR, path]),
                       ("dump -j1", [BIN, "dump", "-q", "-j", "1", path])):
        got[name] = best_of(argv)
        print("%-10s %8.3f s  %7.1f MB/s  peak %6.1f MB"
              % (name, got[name][0], size / got[name][0] if got[name][0] else 0, got[name][1]))
    dump_s, dump_rss = got["dump -j1"]
    print("dump -j1 / floor time:      %.2f; dump -j1 - cat: %.3f s" % (dump_s / got["floor"][0],
                                                                        dump_s - got["cat"][0]))
    print("dump -j1 peak / its size:   %.2f   (read once: about 1 + what a small message takes;"
          " decoded, its attachments would add 0.75)" % (dump_rss / size))


if __name__ == "__main__":
    main()
