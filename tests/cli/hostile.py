"""The harness of the hostile-input tests (test_hostile*.py): run the binary
under a hang guard and a peak-RSS bound (sanitizer builds scaled, not
dropped), the read-only check of a scanned tree, a bounce with every field
settable, the good bounce that must survive beside bad input, and the loop
that runs each case in its own temporary folder.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, dsn, history, tree_state, write  # noqa: E402

WALL_S = 20          # hang guard for one command, not a benchmark
RSS_MB = 200         # peak resident memory of one command (plain build)


def sanitized():
    """Is the binary built with AddressSanitizer (build-san, build-fuzz)?"""
    try:
        with open(BIN, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    return b"libasan" in data or b"__asan_init" in data


ASAN = sanitized()
TIME_SCALE = 4 if ASAN else 1
# ASan: shadow memory, redzones and a 256 MB quarantine of freed blocks
RSS_LIMIT_MB = RSS_MB * 3 + 512 if ASAN else RSS_MB
AS_ROOT = os.geteuid() == 0
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


class Result:
    def __init__(self, rc, out, err, secs, rss_mb):
        self.rc, self.out, self.err, self.secs, self.rss_mb = rc, out, err, secs, rss_mb

    def text(self):
        return self.out.decode("utf-8", "replace")

    def records(self):
        """dump's JSON Lines: stdout must be valid UTF-8 and every line JSON"""
        try:
            text = self.out.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Failure("dump output is not valid UTF-8: %s" % e)
        recs = []
        for line in text.splitlines():
            if line.strip():
                try:
                    recs.append(json.loads(line))
                except ValueError as e:
                    raise Failure("dump line is not JSON (%s): %r" % (e, line[:200]))
        return [r for r in recs if "undecodable" not in r], [r["undecodable"] for r in recs
                                                             if "undecodable" in r]


# A child's peak RSS (ru_maxrss) starts at its parent's resident size at
# fork() and survives exec(): forked from this test, which holds the inputs
# it wrote, bouncescan would be charged for them.  So a small launcher
# process forks it and reports wait4()'s figures (it charges the command with
# the launcher's own few MB only).
LAUNCHER = r"""
import os, resource, signal, sys
pid = os.fork()
if pid == 0:
    try:
        mask = os.environ.pop("BS_TEST_UMASK", "")
        if mask:
            os.umask(int(mask, 8))
        fsize = int(os.environ.pop("BS_TEST_FSIZE", "0"))
        if fsize > 0:
            # writes past fsize bytes fail with EFBIG instead of killing
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    fh.write("%d %d" % (os.waitstatus_to_exitcode(status), usage.ru_maxrss))
"""


def bounded(args, wall_s=WALL_S, rss_mb=RSS_LIMIT_MB, stdin=None, as_nobody=False, cwd=None,
            fsize=0, umask=None):
    """Run bouncescan ARGS; assert the wall time and peak RSS bounds (with
    fsize, no file it writes can grow past fsize bytes: RLIMIT_FSIZE; with
    umask, it runs under that umask)."""
    args = [history(args[i]) if i > 0 and args[i - 1] == "--db" else a for i, a in enumerate(args)]
    argv = ([*NOBODY] if as_nobody and AS_ROOT else []) + [BIN, *args]
    limit = wall_s * TIME_SCALE
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryFile() as inp, tempfile.NamedTemporaryFile("r") as figures:
        if stdin is not None:
            inp.write(stdin)
            inp.seek(0)
        t0 = time.monotonic()
        # a GLib critical (a broken invariant) ends the run: it fails the case
        env = dict(os.environ, G_DEBUG="fatal-criticals,gc-friendly", BS_TEST_FSIZE=str(fsize),
                   BS_TEST_UMASK="" if umask is None else "%o" % umask)
        p = subprocess.Popen([sys.executable, "-c", LAUNCHER, figures.name, *argv],
                             stdin=inp if stdin is not None else subprocess.DEVNULL,
                             stdout=out, stderr=err, cwd=cwd, start_new_session=True, env=env)
        killed = False
        try:
            p.wait(timeout=limit + 10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, 9)
            killed = True
            p.wait()
        secs = time.monotonic() - t0
        fig = figures.read().split()
        rc, rss_kb = (int(fig[0]), int(fig[1])) if len(fig) == 2 else (-9, 0)
        out.seek(0)
        err.seek(0)
        res = Result(rc, out.read(), err.read().decode("utf-8", "replace"), secs, rss_kb / 1024.0)
    what = "bouncescan " + " ".join(a if len(a) < 60 else a[:57] + "..." for a in args)
    check(not killed and secs <= limit, "%s: still running after %.1f s (hang guard %d s)"
          % (what, secs, limit))
    check(res.rss_mb <= rss_mb, "%s: peak RSS %.0f MB over the bound %d MB"
          % (what, res.rss_mb, rss_mb))
    check(res.rc >= 0, "%s: killed by signal %d\n%s" % (what, -res.rc, res.err[-3000:]))
    check(res.rc != 86, "%s: sanitizer finding\n%s" % (what, res.err[-6000:]))
    MEASURED.append((what, secs, res.rss_mb))
    return res


MEASURED = []


def unchanged(top, before, what):
    after = tree_state(top)
    diff = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    check(not diff, "%s changed the scanned tree: %s" % (what, diff[:10]))


# ---- inputs ---------------------------------------------------------------

def report(fields=None, nl="\n", encoding="latin-1"):
    """An RFC 3464 bounce with every field settable; returns bytes (str
    values, raw bytes through latin-1 by default)."""
    f = {
        "from": "Mail Delivery System <MAILER-DAEMON@mail.example.jp>",
        "to": "taro@shop.example.jp",
        "subject": "Undelivered Mail Returned to Sender",
        "date": "Wed, 25 Nov 2026 10:00:05 +0900",
        "msgid": "<bounce-1@mail.example.jp>",
        "text": "Your message could not be delivered.",
        "reporting_mta": "dns; mail.example.jp",
        "arrival": "Wed, 25 Nov 2026 09:59:30 +0900",
        "rcpt": "rfc822; hanako@example.com",
        "orcpt": "rfc822; hanako@example.com",
        "action": "failed",
        "status": "5.1.1",
        "remote_mta": "dns; mx.example.com",
        "diag": "smtp; 550 5.1.1 <hanako@example.com>: Recipient address rejected: User unknown",
        "last": "Wed, 25 Nov 2026 10:00:04 +0900",
        "ofrom": "Taro <taro@shop.example.jp>",
        "oto": "hanako@example.com",
        "osubject": "Your order",
        "odate": "Wed, 25 Nov 2026 09:59:00 +0900",
        "omsgid": "<order-1@shop.example.jp>",
        "extra_recipients": "",
    }
    f.update(fields or {})
    text = f"""From: {f['from']}
To: {f['to']}
Subject: {f['subject']}
Date: {f['date']}
Message-ID: {f['msgid']}
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BB"

--BB
Content-Type: text/plain

{f['text']}

--BB
Content-Type: message/delivery-status

Reporting-MTA: {f['reporting_mta']}
Arrival-Date: {f['arrival']}

Final-Recipient: {f['rcpt']}
Original-Recipient: {f['orcpt']}
Action: {f['action']}
Status: {f['status']}
Remote-MTA: {f['remote_mta']}
Diagnostic-Code: {f['diag']}
Last-Attempt-Date: {f['last']}
{f['extra_recipients']}
--BB
Content-Type: text/rfc822-headers

From: {f['ofrom']}
To: {f['oto']}
Subject: {f['osubject']}
Date: {f['odate']}
Message-ID: {f['omsgid']}

--BB--
"""
    return text.replace("\n", nl).encode(encoding)


def b64_lines(data):
    enc = base64.b64encode(data).decode()
    return "\n".join(enc[i:i + 76] for i in range(0, len(enc), 76))


def nested_multipart(depth, inner):
    head = "From: MAILER-DAEMON@mail.example.jp\nTo: taro@shop.example.jp\n" \
           "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
    parts = []
    for i in range(depth):
        parts.append('Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i))
    body = "".join(parts) + inner
    for i in reversed(range(depth)):
        body += "\n--b%d--\n" % i
    return (head + body).encode()


def nested_rfc822(depth, inner):
    out = ""
    for i in range(depth):
        out += "From: relay%d@example.net\nSubject: Fwd: level %d\nMIME-Version: 1.0\n" \
               "Content-Type: message/rfc822\n\n" % (i, i)
    return (out + inner).encode()


def good(tree, name="good.eml"):
    """the good bounce beside bad input: its record must come out"""
    write(os.path.join(tree, name), dsn("survivor@example.com", msgid="survivor"))


def has_survivor(recs):
    return any(r.get("recipient") == "survivor@example.com" for r in recs)


def dump_with_survivor(tree):
    """dump of a tree with bad input beside the good bounce: exit 0, the
    good bounce's record out; returns the result, records and undecodables"""
    res = bounded(["dump", tree])
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-2000:]))
    check(has_survivor(recs), "the good bounce is read")
    return res, recs, und


def run_cases(cases, prefix="bs-hostile-"):
    """Run each case (or those named on the command line) in a fresh
    temporary folder; print one line per case, exit 1 if any failed."""
    only = sys.argv[1:]
    failed = []
    for case in cases:
        if only and case.__name__ not in only and case.__name__[5:] not in only:
            continue
        tmp = tempfile.mkdtemp(prefix=prefix)
        n0 = len(MEASURED)
        try:
            case(tmp)
            worst = max(MEASURED[n0:], key=lambda m: m[2], default=("", 0, 0))
            slow = max((m[1] for m in MEASURED[n0:]), default=0)
            print("ok %s (%d runs, slowest %.2f s, peak RSS %.0f MB)"
                  % (case.__name__[5:], len(MEASURED) - n0, slow, worst[2]))
        except Failure as e:
            failed.append(case.__name__)
            print("FAIL %s: %s" % (case.__name__[5:], e))
        except Exception:  # noqa: BLE001 - a broken case is a failure, and the rest still run
            failed.append(case.__name__)
            print("FAIL %s:\n%s" % (case.__name__[5:], traceback.format_exc()))
        finally:
            for root, dirs, files in os.walk(tmp):
                for n in dirs:
                    p = os.path.join(root, n)
                    if not os.path.islink(p):
                        os.chmod(p, 0o755)
            shutil.rmtree(tmp, ignore_errors=True)
    sys.stdout.flush()
    if failed:
        sys.stderr.write("FAIL: %s\n" % ", ".join(failed))
        sys.exit(1)
    print("ok")
