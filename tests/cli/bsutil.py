"""Helpers shared by the end-to-end tests: run the binary, write mailboxes, and
the state of a tree (the read-only promise)."""
import hashlib
import json
import os
import stat
import subprocess
import sys

BIN = os.environ.get("BOUNCESCAN", "bouncescan")
SAMPLES = os.environ.get("SAMPLES", "")


def run(*args, stdin=None, check_rc=None, timeout=120, env=None):
    """Run bouncescan; returns (rc, stdout, stderr) as text."""
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
