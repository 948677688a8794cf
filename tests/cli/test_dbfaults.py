#!/usr/bin/env python3
"""Faults around the history database: a full disk (from the start, and
filling during a commit: the system's reason is said), a read-only
database, a database locked by another process, a corrupt database.

Each fault must give a clear error naming the database, a non-zero exit, in
bounded time, and leave the history that existed before as it was: every row
of every table read before the fault is read again, unchanged, after it (and
where the fault can be lifted, the next scan works and adds to it).  The rows
are read by Python's sqlite3 from a copy of the database and its WAL, so that
looking never changes the file.

The full disk is a 1 MB tmpfs when this runs as root and may mount one, and
RLIMIT_FSIZE in the child (writes fail with EFBIG) everywhere.
"""
import glob
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, SAMPLES, write  # noqa: E402
from hostile import AS_ROOT, TIME_SCALE, bounded, check, report, run_cases  # noqa: E402

SAMPLE_PATHS = [os.path.join(SAMPLES, d) for d in ("eml", "mbox")]


def rows(db):
    """every row of every table: {table: sorted rows}"""
    tmp = tempfile.mkdtemp(prefix="bs-rows-")
    try:
        copy = os.path.join(tmp, "copy.db")
        shutil.copyfile(db, copy)
        if os.path.exists(db + "-wal"):
            shutil.copyfile(db + "-wal", copy + "-wal")
        con = sqlite3.connect(copy)
        try:
            tables = [r[0] for r in con.execute(
                "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name")]
            return {t: sorted(con.execute('SELECT * FROM "%s"' % t).fetchall(), key=repr)
                    for t in tables}
        finally:
            con.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def integrity(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def intact(before, after, what, grown=False):
    """the history before is all there, unchanged (a failed run may add its
    own scan_runs row; with grown, a successful one adds failures too)"""
    for table, old in before.items():
        check(table in after, "%s: table %s is gone" % (what, table))
        new = after[table]
        missing = [r for r in old if r not in new]
        check(not missing, "%s: %d rows of %s changed or lost, e.g. %r"
              % (what, len(missing), table, missing[:2]))
        if table in ("failures", "messages") and not grown:
            check(len(new) == len(old), "%s: %s went from %d to %d rows"
                  % (what, table, len(old), len(new)))


def sha(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def new_mail(folder, n=40):
    """n bounces with long diagnostics: enough to need pages of WAL"""
    for i in range(n):
        write(os.path.join(folder, "%03d.eml" % i), report({
            "rcpt": "rfc822; new%03d@example.com" % i,
            "diag": "smtp; 550 5.1.1 <new%03d@example.com>: User unknown %s" % (i, "x" * 3000)}))


def history(db):
    res = bounded(["scan", "--db", db, *SAMPLE_PATHS])
    check(res.rc in (0, 3), "building the history: exit %d: %s" % (res.rc, res.err))
    before = rows(db)
    check(len(before.get("failures", [])) > 5, "the history has failures: %s"
          % {t: len(r) for t, r in before.items()})
    return before


def failed_clearly(res, db, what, words):
    check(res.rc not in (0, 3), "%s: exit %d, expected an error" % (what, res.rc))
    check(db in res.err or os.path.basename(db) in res.err,
          "%s: the error names the database: %s" % (what, res.err[-800:]))
    check(any(w in res.err.lower() for w in words), "%s: the error says why (%s): %s"
          % (what, "/".join(words), res.err[-800:]))
    said = [l for l in res.err.splitlines() if l.startswith("bouncescan")]
    print("  %s: exit %d, %s" % (what, res.rc, said[-1] if said else res.err.strip()[-200:]))


def no_temp_left(folder, what):
    left = [n for n in os.listdir(folder) if n.startswith(".")]
    check(not left, "%s: temporary files left behind: %s" % (what, left))


# ---- a full disk ----------------------------------------------------------

def fill(folder):
    """write into folder until the file system is full; returns the filler"""
    n = 0
    while os.path.exists(os.path.join(folder, "filler%d" % n)):
        n += 1
    path = os.path.join(folder, "filler%d" % n)
    with open(path, "wb", buffering=0) as fh:
        chunk = b"\0" * 4096
        try:
            while True:
                fh.write(chunk)
        except OSError:
            pass
        try:
            while True:
                fh.write(b"\0")
        except OSError:
            pass
    return path


def case_full_disk_tmpfs(tmp):
    """scan and report on a full file system (a 1 MB tmpfs)"""
    if not AS_ROOT:
        print("  (not root: no tmpfs; RLIMIT_FSIZE below covers the full disk)")
        return
    mnt = os.path.join(tmp, "mnt")
    os.makedirs(mnt)
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", mnt],
                       capture_output=True)
    if p.returncode != 0:
        print("  (cannot mount a tmpfs here: %s; RLIMIT_FSIZE below covers the full disk)"
              % p.stderr.decode().strip())
        return
    try:
        db = os.path.join(mnt, "history.db")
        before = history(db)
        mail = os.path.join(tmp, "new")
        new_mail(mail)
        reserve = os.path.join(mnt, "reserve")
        write(reserve, b"\0" * 65536)
        filler = fill(mnt)
        res = bounded(["scan", "--db", db, mail])
        # the system's reason, not only SQLite's "database or disk is full"
        failed_clearly(res, db, "scan on a full disk", ["no space left on device"])
        intact(before, rows(db), "scan on a full disk")
        # room to open the history and start, not to commit the new mail:
        # the disk fills during a commit
        os.unlink(reserve)
        res = bounded(["scan", "--db", db, mail])
        failed_clearly(res, db, "scan filling the disk", ["no space left on device"])
        intact(before, rows(db), "scan filling the disk")
        filler_more = fill(mnt)
        html = os.path.join(mnt, "report.html")
        res = bounded(["report", "--db", db, "--html", html, "--csv", os.path.join(mnt, "csv")])
        check(res.rc not in (0, 3) and ("space" in res.err or "full" in res.err),
              "report on a full disk: exit %d: %s" % (res.rc, res.err[-800:]))
        check(not os.path.exists(html), "no half-written report.html")
        no_temp_left(mnt, "report on a full disk")
        intact(before, rows(db), "report on a full disk")
        # room again: the next scan works and adds to the same history
        os.unlink(filler)
        os.unlink(filler_more)
        res = bounded(["scan", "--db", db, mail])
        check(res.rc in (0, 3), "scan after the disk was freed: exit %d: %s" % (res.rc, res.err))
        after = rows(db)
        intact(before, after, "after freeing the disk", grown=True)
        check(len(after["failures"]) == len(before["failures"]) + 40,
              "the new failures are added: %d -> %d" % (len(before["failures"]), len(after["failures"])))
        check(integrity(db) == "ok", "integrity_check after a full disk")
    finally:
        subprocess.run(["umount", "-l", mnt], capture_output=True)


def case_full_disk_fsize(tmp):
    """scan and report when no file may grow (RLIMIT_FSIZE: EFBIG)"""
    db = os.path.join(tmp, "history.db")
    # a history whose failures.csv outgrows the limit (the read-only
    # opening of a report needs a 32 KB -shm file: the limit is above it)
    bulk = os.path.join(tmp, "bulk")
    for i in range(30):
        write(os.path.join(bulk, "%03d.eml" % i), report({
            "rcpt": "rfc822; old%03d@example.com" % i,
            "diag": "smtp; 550 5.1.1 User unknown %s" % ("y" * 3000)}))
    res = bounded(["scan", "--db", db, bulk])
    check(res.rc in (0, 3), "the bulk history: exit %d: %s" % (res.rc, res.err))
    before = history(db)
    raw = sha(db)
    mail = os.path.join(tmp, "new")
    new_mail(mail)
    res = bounded(["scan", "--db", db, mail], fsize=8192)
    failed_clearly(res, db, "scan with RLIMIT_FSIZE", ["full", "large", "i/o error"])
    intact(before, rows(db), "scan with RLIMIT_FSIZE")
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    html = os.path.join(out, "report.html")
    res = bounded(["report", "--db", db, "--html", html, "--csv", out], fsize=40000)
    check(res.rc not in (0, 3) and "too large" in res.err.lower(),
          "report with RLIMIT_FSIZE: exit %d: %s" % (res.rc, res.err[-800:]))
    check(not os.path.exists(os.path.join(out, "failures.csv")), "no half-written failures.csv")
    no_temp_left(out, "report with RLIMIT_FSIZE")
    # the ad-hoc form too (its temporary history is the one that cannot grow)
    res = bounded([mail, "-o", os.path.join(tmp, "adhoc")], fsize=8192)
    check(res.rc not in (0, 3), "ad-hoc with RLIMIT_FSIZE: exit %d: %s" % (res.rc, res.err[-800:]))
    res = bounded(["scan", "--db", db, mail])
    check(res.rc in (0, 3), "scan without the limit: exit %d: %s" % (res.rc, res.err))
    check(len(rows(db)["failures"]) == len(before["failures"]) + 40, "the new failures are added")
    check(integrity(db) == "ok", "integrity_check after EFBIG")
    check(raw != sha(db), "(the scan did write)")


# ---- a read-only database ---------------------------------------------------

def case_readonly(tmp):
    """a database its user may not write: scan fails clearly, report works"""
    folder = os.path.join(tmp, "db")
    os.makedirs(folder)
    db = os.path.join(folder, "history.db")
    before = history(db)
    raw = sha(db)
    mail = os.path.join(tmp, "new")
    new_mail(mail, 3)
    html = os.path.join(tmp, "out", "report.html")
    os.makedirs(os.path.dirname(html))
    if AS_ROOT:
        # root writes anything: the user is nobody, owner of the files
        for p in [tmp, folder, db, os.path.dirname(html)] + glob.glob(os.path.join(mail, "*")) + [mail]:
            os.chown(p, 65534, 65534)
        os.chmod(tmp, 0o755)
    os.chmod(db, 0o400)
    res = bounded(["scan", "--db", db, mail], as_nobody=True)
    failed_clearly(res, db, "scan of a read-only database", ["readonly", "read-only", "permission"])
    check(sha(db) == raw, "the read-only database's bytes are unchanged")
    intact(before, rows(db), "scan of a read-only database")
    res = bounded(["report", "--db", db, "--html", html], as_nobody=True)
    check(res.rc == 0 and os.path.exists(html),
          "report reads a read-only database: exit %d: %s" % (res.rc, res.err[-800:]))
    # a read-only folder: not even the lock can be made
    os.chmod(db, 0o600)
    os.chmod(folder, 0o555)
    try:
        res = bounded(["scan", "--db", db, mail], as_nobody=True)
        failed_clearly(res, db, "scan in a read-only folder", ["permission", "readonly", "read-only"])
        check(sha(db) == raw, "the database's bytes are unchanged")
    finally:
        os.chmod(folder, 0o755)
    intact(before, rows(db), "scan in a read-only folder")


# ---- a locked database ------------------------------------------------------

def case_locked_by_scan(tmp):
    """another scan holds the history: a second one fails at once; a report
    still reads"""
    db = os.path.join(tmp, "history.db")
    before = history(db)
    mail = os.path.join(tmp, "new")
    new_mail(mail, 3)
    # a scan of standard input that nobody writes to: it holds the lock
    holder = subprocess.Popen([BIN, "scan", "--db", db, "-"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10 * TIME_SCALE
        lock = db + "-lock"
        while time.monotonic() < deadline:
            if os.path.exists(lock) and open(lock).read().strip() == str(holder.pid):
                break
            time.sleep(0.02)
        check(holder.poll() is None, "the first scan is running")
        res = bounded(["scan", "--db", db, mail], wall_s=5)
        failed_clearly(res, db, "scan of a locked database", ["in use"])
        check(str(holder.pid) in res.err, "the error names the holder: %s" % res.err)
        html = os.path.join(tmp, "r.html")
        res = bounded(["report", "--db", db, "--html", html], wall_s=15)
        check(res.rc == 0 and os.path.exists(html),
              "a report reads while a scan writes: exit %d: %s" % (res.rc, res.err[-800:]))
    finally:
        holder.stdin.close()   # nothing came: "standard input: empty"
        holder.wait(timeout=30 * TIME_SCALE)
    err = holder.stderr.read().decode()
    check(holder.returncode == 1 and "empty" in err, "the first scan ends: %d: %s"
          % (holder.returncode, err))
    intact(before, rows(db), "a scan of a locked database")
    check(not os.path.exists(db + "-lock"), "the lock is gone with its holder")


def case_locked_by_sqlite(tmp):
    """another program holds SQLite's write lock, then an exclusive lock:
    bouncescan waits its busy time out, fails clearly, and changes nothing"""
    db = os.path.join(tmp, "history.db")
    before = history(db)
    mail = os.path.join(tmp, "new")
    new_mail(mail, 3)
    con = sqlite3.connect(db, isolation_level=None, timeout=1)
    try:
        con.execute("BEGIN EXCLUSIVE")
        con.execute("CREATE TABLE IF NOT EXISTS other_program (x)")
        res = bounded(["scan", "--db", db, mail], wall_s=25)
        failed_clearly(res, db, "scan of a database another program writes", ["locked", "busy"])
        # WAL: a reader still reads the last committed state
        res = bounded(["report", "--db", db, "--html", os.path.join(tmp, "r.html")], wall_s=25)
        check(res.rc == 0, "report while another program writes: exit %d: %s"
              % (res.rc, res.err[-800:]))
        con.execute("ROLLBACK")
        # an exclusive locking mode keeps out readers too
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("SELECT count(*) FROM failures").fetchone()
        res = bounded(["report", "--db", db, "--html", os.path.join(tmp, "r2.html")], wall_s=25)
        failed_clearly(res, db, "report of an exclusively locked database", ["locked", "busy"])
        con.execute("ROLLBACK")
    finally:
        con.close()
    intact(before, rows(db), "a locked database")
    check("other_program" not in rows(db), "(the other program's write was rolled back)")


# ---- a corrupt database ---------------------------------------------------

def case_corrupt(tmp):
    """garbage, a truncated history, damaged pages, another program's
    database, a folder: a clear error, exit 1, the file's bytes unchanged"""
    good_db = os.path.join(tmp, "good.db")
    history(good_db)
    with open(good_db, "rb") as fh:
        data = fh.read()
    mail = os.path.join(tmp, "new")
    new_mail(mail, 3)
    bad = {
        "garbage.db": (os.urandom(65536), ["not a database"]),
        "text.db": (b"this is my shopping list\n" * 100, ["not a database"]),
        "truncated.db": (data[: len(data) // 2], ["malformed", "not a database"]),
        "header-only.db": (data[:100], ["malformed", "not a database"]),
        "header-garbled.db": (data[:16] + os.urandom(84) + data[100:], ["malformed", "not a database"]),
    }
    con_path = os.path.join(tmp, "other.db")
    con = sqlite3.connect(con_path)
    con.execute("CREATE TABLE customers (name, address)")
    con.execute("INSERT INTO customers VALUES ('Taro', 'Tokyo')")
    con.commit()
    con.close()
    with open(con_path, "rb") as fh:
        bad["another-program.db"] = (fh.read(), ["not a bouncescan history"])
    for name, (content, words) in bad.items():
        db = os.path.join(tmp, name)
        write(db, content)
        for cmd in (["scan", "--db", db, mail],
                    ["report", "--db", db, "--html", os.path.join(tmp, name + ".html")]):
            res = bounded(cmd)
            failed_clearly(res, db, "%s of %s" % (cmd[0], name), words)
            check(sha(db) == hashlib.sha256(content).hexdigest(),
                  "%s of %s changed its bytes" % (cmd[0], name))
            check(not os.path.exists(os.path.join(tmp, name + ".html")),
                  "no report from %s" % name)
    # damaged pages inside: SQLite may only notice when it reads them; the
    # scan must then fail clearly (not crash), and a scan that fails must not
    # have committed a half of its work on top of the damage
    damaged = bytearray(data)
    page = 4096
    for off in range(3 * page, len(damaged) - page, 4 * page):
        damaged[off + 8: off + 8 + 1000] = os.urandom(1000)
    db = os.path.join(tmp, "damaged.db")
    write(db, bytes(damaged))
    res = bounded(["scan", "--db", db, mail])
    check(res.rc != 0 or "malformed" not in res.err,
          "damaged pages: exit %d with 'malformed' on stderr" % res.rc)
    if res.rc != 0:
        check("malformed" in res.err or "not a database" in res.err,
              "damaged pages: the error says so: %s" % res.err[-800:])
        check("VALUES (" not in res.err and "WHERE " not in res.err,
              "damaged pages: the error is for people, not a page of SQL: %s" % res.err[-800:])
    # a folder, a FIFO, a device as the database
    folder = os.path.join(tmp, "a-folder.db")
    os.makedirs(folder)
    fifo = os.path.join(tmp, "fifo.db")
    os.mkfifo(fifo)
    for db in (folder, fifo):
        for cmd in (["scan", "--db", db, mail], ["report", "--db", db, "--html", os.path.join(tmp, "x.html")]):
            res = bounded(cmd, wall_s=10)
            check(res.rc not in (0, 3) and os.path.basename(db) in res.err,
                  "%s of %s: exit %d: %s" % (cmd[0], db, res.rc, res.err[-500:]))


CASES = [case_full_disk_tmpfs, case_full_disk_fsize, case_readonly, case_locked_by_scan,
         case_locked_by_sqlite, case_corrupt]


if __name__ == "__main__":
    run_cases(CASES, prefix="bs-dbfaults-")
