"""A PostgreSQL server of the test's own: initdb and pg_ctl in a temporary
folder, a Unix socket in it and no TCP (listen_addresses=''), stopped and
removed at the end.  Debian keeps the binaries in /usr/lib/postgresql/N/bin;
PG_BIN overrides.  As root (CI), the server runs as the 'postgres' user
(initdb refuses root) through setpriv; bouncescan connects as that role.

    with PgServer() as pg:         # or PgServer.start_or_skip()
        pg.uri("fleet")            # "postgresql:///fleet?host=...&user=..."
"""
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile


def find_bin():
    """the folder of initdb and pg_ctl, or None"""
    given = os.environ.get("PG_BIN")
    if given:
        return given if os.path.exists(os.path.join(given, "initdb")) else None
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(d, "initdb")) and os.path.exists(os.path.join(d, "pg_ctl")):
            return d
    path = shutil.which("initdb")
    return os.path.dirname(path) if path else None


def missing():
    """why no server can be started here, or None"""
    if find_bin() is None:
        return ("PostgreSQL is not installed (initdb and pg_ctl: Debian's 'postgresql'"
                " package; tools/install-deps --tests installs it)")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    return None


def skip_without_server():
    """exit 77 (meson's skip) with a clear message when PostgreSQL is absent"""
    why = missing()
    if why is not None:
        print("SKIP: " + why)
        sys.exit(77)


class PgServer:
    def __init__(self):
        self.bin = find_bin()
        self.dir = None
        self.prefix = []
        self.user = None
        self.started = False

    def _run(self, *args, check=True, timeout=120):
        p = subprocess.run(self.prefix + list(args), capture_output=True, timeout=timeout)
        if check and p.returncode != 0:
            raise RuntimeError("%s: exit %d\n%s%s" % (" ".join(args), p.returncode,
                                                      p.stdout.decode(errors="replace"),
                                                      p.stderr.decode(errors="replace")))
        return p

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="bs-pg-")
        os.chmod(self.dir, 0o755)
        data = os.path.join(self.dir, "data")
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.prefix = ["setpriv", "--reuid=%d" % pw.pw_uid, "--regid=%d" % pw.pw_gid,
                           "--clear-groups"]
            self.user = "postgres"
        else:
            self.user = pwd.getpwuid(os.geteuid()).pw_name
        self._run(os.path.join(self.bin, "initdb"), "-D", data, "-U", self.user, "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        opts = ("-c listen_addresses='' -k %s -c fsync=off -c max_connections=40"
                " -c shared_buffers=64MB" % self.dir)
        self._run(os.path.join(self.bin, "pg_ctl"), "-D", data, "-o", opts, "-l",
                  os.path.join(self.dir, "log"), "-w", "-t", "60", "start")
        self.started = True
        return self

    def uri(self, db="postgres"):
        return "postgresql:///%s?host=%s&user=%s" % (db, self.dir, self.user)

    def psql(self, sql, db="postgres"):
        """run sql through psql; its output (unaligned, tuples only)"""
        p = subprocess.run([os.path.join(self.bin, "psql"), "-X", "-q", "-A", "-t", "-v",
                            "ON_ERROR_STOP=1", "-h", self.dir, "-U", self.user, "-d", db,
                            "-c", sql], capture_output=True, timeout=120)
        if p.returncode != 0:
            raise RuntimeError("psql %s: %s" % (sql, p.stderr.decode(errors="replace")))
        return p.stdout.decode()

    def createdb(self, name):
        self.psql('CREATE DATABASE "%s"' % name)
        return self.uri(name)

    def stop(self):
        if self.started:
            self._run(os.path.join(self.bin, "pg_ctl"), "-D", os.path.join(self.dir, "data"),
                      "-m", "immediate", "-w", "stop", check=False)
            self.started = False
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# ---- the same tests against PostgreSQL ------------------------------------
# A test run with BS_TEST_BACKEND=postgresql (tests/meson.build registers a
# second run of it, suite 'pg') names its histories as with SQLite
# (folder/history.db); bsutil.py gives bouncescan, for each such path, a
# database of a server of the test's own instead (database_for): started at
# the first one (or the test skips, 77), stopped when the test ends.

BACKEND = os.environ.get("BS_TEST_BACKEND", "sqlite")
if BACKEND not in ("sqlite", "postgresql"):
    sys.exit("BS_TEST_BACKEND=%s: sqlite or postgresql" % BACKEND)
PG = BACKEND == "postgresql"

_SERVER = None
_DBS = {}


def for_test():
    """the test's server (started at the first call), or None with SQLite"""
    global _SERVER
    if not PG:
        return None
    if _SERVER is None:
        skip_without_server()
        import atexit
        import signal
        _SERVER = PgServer().start()
        atexit.register(_stop)
        # meson's time-out (SIGTERM) too stops the server
        signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    return _SERVER


def _stop():
    for session in _SESSIONS.values():
        session.close()
    _SESSIONS.clear()
    _SERVER.stop()


def database_for(path):
    """path (an SQLite history's file), or with PostgreSQL the URI of the
    database that stands for it, created empty at the first call"""
    if not PG or "://" in path or "=" in path:
        return path
    key = os.path.abspath(path)
    if key not in _DBS:
        _DBS[key] = for_test().createdb("h%d" % (len(_DBS) + 1))
    return _DBS[key]


def used():
    """has a test's history gone to PostgreSQL"""
    return bool(_DBS)


def history_db(folder):
    """folder/history.db, or the test server's database for it"""
    return database_for(os.path.join(folder, "history.db"))


def sql(db, query, *args, write=False):
    """the rows of query (? placeholders) in db: an SQLite file (read-only
    unless write), or a PostgreSQL database through psql (values as SQLite
    would type them: integers, None for NULL, else text)"""
    db = database_for(db)
    if "://" not in db and "=" not in db:
        import sqlite3
        con = sqlite3.connect(db if write else "file:%s?mode=ro" % db, uri=not write, timeout=30)
        try:
            with con:
                return con.execute(query, args).fetchall()
        finally:
            con.close()
    import csv
    import io
    import re
    parts = query.split("?")
    check_args = len(parts) - 1 == len(args)
    if not check_args:
        raise ValueError("%d placeholders, %d values: %s" % (len(parts) - 1, len(args), query))
    text = parts[0]
    for a, rest in zip(args, parts[1:]):
        if a is None:
            lit = "NULL"
        elif isinstance(a, (int, float)):
            lit = repr(a)
        else:
            lit = "'%s'" % str(a).replace("'", "''")
        text += lit + rest
    name = db.split("?")[0].rsplit("/", 1)[1]
    if name not in _SESSIONS:
        _SESSIONS[name] = Session(_SERVER, name)
    rows = []
    for row in csv.reader(io.StringIO(_SESSIONS[name].query(text))):
        rows.append(tuple(None if v == "\\N" else int(v) if re.fullmatch(r"-?\d+", v) else v
                          for v in row))
    return rows


_SESSIONS = {}
_END = "\x1ebs-end"


class Session:
    """one psql of a database for the test's queries (a new psql for each
    would be too slow to catch a scan at a given moment)"""

    def __init__(self, server, name):
        self.p = subprocess.Popen(
            [os.path.join(server.bin, "psql"), "-X", "-q", "--csv", "-t", "-P", "null=\\N",
             "-h", server.dir, "-U", server.user, "-d", name],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            encoding="utf-8", errors="replace")

    def query(self, text):
        """query's output, in CSV (RuntimeError with PostgreSQL's message)"""
        self.p.stdin.write(text.rstrip().rstrip(";") + ";\n"
                           "\\if :ERROR\n\\echo err%s\n\\else\n\\echo ok%s\n\\endif\n"
                           % (_END, _END))
        self.p.stdin.flush()
        out = []
        while True:
            line = self.p.stdout.readline()
            if line == "":
                raise RuntimeError("psql ended: %s %s" % (text, "".join(out)))
            if line.rstrip("\n") in ("ok" + _END, "err" + _END):
                break
            out.append(line)
        if line.startswith("err"):
            raise RuntimeError("psql %s: %s" % (text, "".join(out)))
        return "".join(out)

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def columns(db, table):
    """the columns of table in db, in order"""
    db = database_for(db)
    if "://" not in db and "=" not in db:
        return [r[1] for r in sql(db, "SELECT * FROM pragma_table_info(?)", table)]
    return [r[0] for r in sql(db, "SELECT column_name FROM information_schema.columns"
                                  " WHERE table_name = ? ORDER BY ordinal_position", table)]
