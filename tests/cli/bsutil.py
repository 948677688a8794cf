"""Helpers shared by the end-to-end tests: run the binary, write mailboxes, and
the state of a tree (the read-only promise).

With BS_TEST_BACKEND=postgresql (the suite 'pg'), every `--db PATH` the
tests pass goes to a PostgreSQL database standing for PATH instead
(pgserver.database_for), and sql() reads either."""
import hashlib
import json
import os
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgserver  # noqa: E402
from pgserver import PG, columns, sql  # noqa: E402,F401

BIN = os.environ.get("BOUNCESCAN", "bouncescan")
SAMPLES = os.environ.get("SAMPLES", "")


def argv(args):
    """bouncescan's arguments, each --db value the backend's history"""
    args = list(args)
    for i in range(len(args) - 1):
        if args[i] == "--db":
            args[i + 1] = history(args[i + 1])
    return args


def history(path):
    """the history named path: the file, or its PostgreSQL database"""
    return pgserver.database_for(path)


def run(*args, stdin=None, check_rc=None, timeout=120, env=None):
    """Run bouncescan; returns (rc, stdout, stderr) as text."""
    args = argv(args)
    p = subprocess.run([BIN, *args], input=stdin, capture_output=True, timeout=timeout,
                       env=env)
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    if check_rc is not None and p.returncode != check_rc:
        fail("bouncescan %s: exit %d, expected %d\nstdout: %s\nstderr: %s"
             % (" ".join(args), p.returncode, check_rc, out[-2000:], err[-2000:]))
    return p.returncode, out, err


def dump(*paths, **kw):
    """Records of `bouncescan dump PATH...` as a list of dicts (with stderr)."""
    rc, out, err = run("dump", *paths, **kw)
    recs = []
    for line in out.splitlines():
        if line.strip():
            recs.append(json.loads(line))
    return rc, recs, err


def fail(msg):
    sys.stderr.write("FAIL: %s\n" % msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def dsn(rcpt, status="5.1.1", diag="550 5.1.1 User unknown", subject="Hello",
        sender="taro@shop.example.jp", msgid="1@shop.example.jp", nl="\n"):
    """A small RFC 3464 bounce as bytes."""
    text = f"""From: MAILER-DAEMON@mail.example.jp (Mail Delivery System)
To: {sender}
Subject: Undelivered Mail Returned to Sender
Date: Wed, 25 Nov 2026 10:00:05 +0900
Message-ID: <bounce-{msgid}>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BB"

--BB
Content-Type: text/plain

Your message could not be delivered.

--BB
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.jp

Final-Recipient: rfc822; {rcpt}
Action: failed
Status: {status}
Diagnostic-Code: smtp; {diag}

--BB
Content-Type: text/rfc822-headers

From: {sender}
To: {rcpt}
Subject: {subject}
Date: Wed, 25 Nov 2026 09:59:00 +0900
Message-ID: <{msgid}>

--BB--
"""
    return text.replace("\n", nl).encode("utf-8")


def plain_mail(subject="Lunch?", sender="hanako@example.net"):
    return f"""From: {sender}
To: postmaster@shop.example.jp
Subject: {subject}
Date: Wed, 25 Nov 2026 12:00:00 +0900
Message-ID: <lunch@example.net>

Shall we have lunch?
""".encode()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


def mbox(messages, rd=False):
    """Join messages into an mbox (mboxo quoting, or mboxrd when rd)."""
    out = b""
    for m in messages:
        lines = []
        for line in m.split(b"\n"):
            bare = line.lstrip(b">")
            if bare.startswith(b"From ") and (rd or bare is line):
                line = b">" + line
            lines.append(line)
        body = b"\n".join(lines)
        if not body.endswith(b"\n"):
            body += b"\n"
        out += b"From MAILER-DAEMON Wed Nov 25 10:00:05 2026\n" + body + b"\n"
    return out


def run_in_tmp(prefix, work):
    """The shape of a test's main(): work(tmp) in a fresh temporary folder,
    removed afterwards; the binary must be there."""
    import shutil
    import tempfile
    check(BIN and os.access(BIN, os.X_OK), "BOUNCESCAN is not set to the binary")
    tmp = tempfile.mkdtemp(prefix=prefix)
    try:
        work(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    check(not PG or pgserver.used(), "BS_TEST_BACKEND=postgresql, but no history went there")
    print("ok")


def tree_state(top):
    """name, type and mode, size, mtime and bytes of everything under top
    (links not followed): the read-only promise, for hostile trees too"""
    state = {}
    for root, dirs, files in os.walk(top):
        for n in dirs + files:
            p = os.path.join(root, n)
            st = os.lstat(p)
            digest = None
            if stat.S_ISREG(st.st_mode) and st.st_size < 1 << 24:
                try:
                    with open(p, "rb") as fh:
                        digest = hashlib.sha256(fh.read()).hexdigest()
                except OSError:
                    digest = "unreadable"
            elif stat.S_ISLNK(st.st_mode):
                digest = os.readlink(p)
            state[os.path.relpath(p, top)] = (st.st_mode, st.st_size, st.st_mtime_ns, digest)
    return state


# ---- the scan lock, whichever the backend --------------------------------------

def _lock_key(host):
    """the key of host's advisory lock in a PostgreSQL history (history/pg.c)"""
    h = 14695981039346656037
    for c in b"bouncescan scan lock:" + host.encode():
        h = ((h ^ c) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h - (1 << 64) if h >= 1 << 63 else h


def _advisory_locks(path):
    return sql(path, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                     " AND database = (SELECT oid FROM pg_database"
                     " WHERE datname = current_database())")[0][0]


def lock_held(path):
    """does a scan hold the history's lock (SQLite: PATH-lock locked or
    left; PostgreSQL: an advisory lock taken in its database)"""
    if PG:
        return _advisory_locks(path) > 0
    return os.path.exists(path + "-lock")


def lock_released(path):
    """has the scan that ended let go of the history's lock (PostgreSQL's
    server session ends a moment after its client's)"""
    import time
    end = time.monotonic() + (10 if PG else 0)
    while lock_held(path):
        if time.monotonic() >= end:
            return False
        time.sleep(0.01)
    return True


def scan_begun(path):
    """has a scan opened the history (SQLite: its write-ahead log exists)"""
    return lock_held(path) if PG else os.path.exists(path + "-wal")


class LockHolder:
    """a stand-in for another scan holding the history's lock (for the
    machine's host name), until the with block ends"""

    def __init__(self, path):
        self.path = path
        self.proc = None

    def __enter__(self):
        import time
        if PG:
            import socket
            server = pgserver.for_test()
            uri = history(self.path)
            self.proc = subprocess.Popen(
                [os.path.join(server.bin, "psql"), "-X", "-q", "-d", uri, "-c",
                 # killed, its session ends at once (not after its sleep)
                 "SET client_connection_check_interval TO '50ms'", "-c",
                 "SELECT pg_advisory_lock(%d)" % _lock_key(socket.gethostname()), "-c",
                 "SELECT pg_sleep(60)"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            end = time.monotonic() + 30
            while _advisory_locks(self.path) == 0:
                check(time.monotonic() < end and self.proc.poll() is None,
                      "could not take the lock for the test")
                time.sleep(0.02)
        else:
            self.proc = subprocess.Popen(
                [sys.executable, "-c",
                 "import fcntl,sys,time\n"
                 "f=open(sys.argv[1],'a');fcntl.flock(f,fcntl.LOCK_EX);print('locked',flush=True)"
                 ";time.sleep(60)", self.path + "-lock"], stdout=subprocess.PIPE, text=True)
            check(self.proc.stdout.readline().strip() == "locked",
                  "could not take the lock for the test")
        return self

    def __exit__(self, *exc):
        self.proc.kill()
        self.proc.wait()
        if PG:
            import time
            end = time.monotonic() + 30
            while _advisory_locks(self.path) > 0 and time.monotonic() < end:
                time.sleep(0.02)


# what a reader says of a history that does not exist (SQLite: no file;
# PostgreSQL: an empty database)
NO_HISTORY = "not a bouncescan history" if PG else "no such database"


def history_digest(path):
    """a digest of everything the history holds (SQLite: the file's bytes;
    PostgreSQL: pg_dump's), the same as long as nothing writes into it"""
    if PG:
        server = pgserver.for_test()
        p = subprocess.run([os.path.join(server.bin, "pg_dump"), "-d", history(path)],
                           capture_output=True, timeout=120)
        check(p.returncode == 0, "pg_dump: %s" % p.stderr.decode(errors="replace"))
        # less its \restrict lines (a random key each time)
        data = b"\n".join(line for line in p.stdout.split(b"\n")
                           if not line.startswith((b"\\restrict", b"\\unrestrict")))
    else:
        with open(path, "rb") as fh:
            data = fh.read()
    return hashlib.sha256(data).hexdigest()


def has_table(path, name):
    """does the history hold the table name (made by a scan's schema)"""
    if PG:
        return sql(path, "SELECT count(*) FROM information_schema.tables"
                         " WHERE table_schema = 'public' AND table_name = ?", name)[0][0] == 1
    return sql(path, "SELECT count(*) FROM sqlite_schema WHERE name = ?", name)[0][0] == 1
