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


def skip_without_server():
    """exit 77 (meson's skip) with a clear message when PostgreSQL is absent"""
    if find_bin() is None:
        print("SKIP: PostgreSQL is not installed (initdb and pg_ctl: Debian's 'postgresql'"
              " package; tools/install-deps --tests installs it)")
        sys.exit(77)
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            print("SKIP: running as root and there is no 'postgres' user to run the server as")
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
# A test that takes "--backend=postgresql" (tests/meson.build registers a
# second run of it) calls for_test() first: it starts a server (or skips,
# 77) that stops when the test ends, and history_db(folder) then names a
# database of that server where the test would name folder/history.db.

_SERVER = None
_DBS = {}


def for_test(argv=None):
    """start the server when argv (sys.argv) asks for --backend=postgresql"""
    global _SERVER
    argv = sys.argv if argv is None else argv
    if "--backend=postgresql" not in argv:
        return None
    argv.remove("--backend=postgresql")
    skip_without_server()
    import atexit
    _SERVER = PgServer().start()
    atexit.register(_SERVER.stop)
    return _SERVER


def history_db(folder):
    """folder/history.db, or the test server's database for folder"""
    if _SERVER is None:
        return os.path.join(folder, "history.db")
    key = os.path.abspath(folder)
    if key not in _DBS:
        name = "h%d" % (len(_DBS) + 1)
        _DBS[key] = _SERVER.createdb(name)
    return _DBS[key]
