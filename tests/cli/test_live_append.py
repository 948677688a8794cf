#!/usr/bin/env python3
"""A delivery appends to the mbox while scans read it: nothing half written
is stored.  150 bounces are appended in pieces (a few bytes to a few
kilobytes, with pauses between them) while scans run back to back, once
with the writer holding an flock() and once with no lock at all (the cases
a delivery agent's fcntl or dot-lock does not cover); the history the
scans leave is then the history of one scan of the final mailbox: the same
messages at the same places, the same failures, no extra "not decoded".
Before that, each reason to wait on its own: a multipart cut before its
closing delimiter, an fcntl, flock or dot-lock held during a scan; and in
a folder of fresh message files, /proc/locks is read once for the folder,
not once per file, and still stops the one file under a lock.
SPDX-License-Identifier: BSD-2-Clause
"""
import fcntl
import os
import random
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, check, run, run_in_tmp  # noqa: E402
from nightly import compare, from_quote, sample_messages, snapshot, summary, unique, value  # noqa: E402

N = 150
SEP = b"From MAILER-DAEMON Sat Nov 25 10:00:00 2023\n"


def writer(path, lock, msgs, rnd, done):
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        for m in msgs:
            data = SEP + from_quote(m).rstrip(b"\n") + b"\n\n"
            cuts = sorted(rnd.sample(range(1, len(data)), min(len(data) - 1, rnd.randint(1, 5))))
            if lock:
                fcntl.flock(fd, fcntl.LOCK_EX)
            at = 0
            for cut in cuts + [len(data)]:
                os.write(fd, data[at:cut])
                at = cut
                time.sleep(rnd.uniform(0, 0.015))
            if lock:
                fcntl.flock(fd, fcntl.LOCK_UN)
            time.sleep(rnd.uniform(0, 0.01))
    finally:
        os.close(fd)
        done.set()


def race(tmp, lock):
    name = "flock" if lock else "nolock"
    rnd = random.Random(20261206 + lock)
    base = sample_messages()
    msgs = [unique(base[(i * 11) % len(base)], b"%s%04d" % (name.encode(), i)) for i in range(N)]
    mb = os.path.join(tmp, name, "postmaster")
    os.makedirs(os.path.dirname(mb))
    open(mb, "wb").close()
    db = os.path.join(tmp, name + ".db")
    done = threading.Event()
    t = threading.Thread(target=writer, args=(mb, lock, msgs, rnd, done))
    t.start()
    scans = 0
    try:
        while not done.is_set():
            rc, out, err = run("scan", "--db", db, mb)
            check(rc == 0, "%s: a scan during the appends: exit %d %s" % (name, rc, err))
            scans += 1
    finally:
        t.join()
    rc, out, err = run("scan", "--db", db, mb)
    check(rc == 0, "%s: the last scan: exit %d %s" % (name, rc, err))
    print("%s: %d scans during the appends" % (name, scans))
    check(scans >= 3, "%s: only %d scans ran during the appends" % (name, scans))

    # one scan of the final mailbox (a copy: another file, the same bytes)
    final = os.path.join(tmp, name + "-final.db")
    rc, out, err = run("scan", "--db", final, mb)
    check(rc == 0 and summary(out)[0] == N, "%s: a scan of the final mailbox: %s %s" % (name, out, err))
    got, want = snapshot(db), snapshot(final)
    for what in ("failures", "messages", "failure_days"):
        compare({what: got[what]}, {what: want[what]}, "%s: the history of scans during the appends"
                % name)
    check(value(db, "SELECT count(*) FROM messages WHERE kind = 'undecodable'")
          == value(final, "SELECT count(*) FROM messages WHERE kind = 'undecodable'"),
          "%s: extra messages not decoded" % name)


def held(tmp):
    """Each reason to wait, one at a time, and the message stored once it
    is gone: a cut multipart, a write lock (fcntl, flock), a fresh
    dot-lock."""
    base = sample_messages()
    msgs = [unique(m, b"held%d" % i) for i, m in enumerate(base[:40])
            if b"multipart/" in m.partition(b"\n\n")[0]][:4]
    check(len(msgs) == 4, "samples/ has too few multipart bounces")
    data = b"".join(SEP + from_quote(m).rstrip(b"\n") + b"\n\n" for m in msgs)
    mb = os.path.join(tmp, "held", "postmaster")
    os.makedirs(os.path.dirname(mb))
    db = os.path.join(tmp, "held.db")

    def stored():
        return value(db, "SELECT count(*) FROM messages")

    # cut before its closing delimiter: waits (a dump reads it as it is)
    with open(mb, "wb") as fh:
        fh.write(data[:data.rindex(b"\n--") + 1])
    run("scan", "--db", db, mb, check_rc=0)
    check(stored() == 3, "a message cut before its closing delimiter was stored")
    rc, out, err = run("dump", mb)
    check(rc == 0 and "4 messages read" in err, "dump reads what is there: %s" % err)
    with open(mb, "wb") as fh:
        fh.write(data)
    run("scan", "--db", db, mb, check_rc=0)
    check(stored() == 4, "the message, once whole, was not stored")

    for how in ("fcntl", "flock", "dot-lock"):
        with open(mb, "ab") as fh:
            fh.write(SEP + from_quote(unique(msgs[0], how.encode())).rstrip(b"\n") + b"\n\n")
        before = stored()
        fd = os.open(mb, os.O_RDWR)
        try:
            if how == "fcntl":
                fcntl.lockf(fd, fcntl.LOCK_EX)
            elif how == "flock":
                fcntl.flock(fd, fcntl.LOCK_EX)
            else:
                open(mb + ".lock", "wb").close()
            run("scan", "--db", db, mb, check_rc=0)
            check(stored() == before, "a message under a %s lock was stored" % how)
        finally:
            os.close(fd)
            if how == "dot-lock":
                os.unlink(mb + ".lock")
        run("scan", "--db", db, mb, check_rc=0)
        check(stored() == before + 1, "the message after the %s lock went was not stored" % how)
    final = os.path.join(tmp, "held-final.db")
    run("scan", "--db", final, mb, check_rc=0)
    compare(snapshot(db), snapshot(final), "after each lock")


def fresh_folder(tmp):
    """An MH folder of 40 messages written a minute ago (fresh: a delivery
    may still hold one), one of them under an flock: that one waits, the
    others are stored, and the scan reads /proc/locks once (strace counts
    the opens; that part skips without strace)."""
    base = sample_messages()
    top = os.path.join(tmp, "fresh")
    os.makedirs(top)
    a_minute_ago = time.time() - 60
    for i in range(40):
        path = os.path.join(top, str(i + 1))
        with open(path, "wb") as fh:
            fh.write(unique(base[i % len(base)], b"fresh%d" % i))
        os.utime(path, (a_minute_ago, a_minute_ago))
    db = os.path.join(tmp, "fresh.db")
    fd = os.open(os.path.join(top, "7"), os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        strace = shutil.which("strace")
        if strace is None:
            print("SKIP part: no strace, the /proc/locks reads are not counted")
            run("scan", "--db", db, top, check_rc=0)
        else:
            log = os.path.join(tmp, "strace.log")
            # a sanitizer build's leak check cannot run under ptrace
            env = dict(os.environ)
            env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")
            p = subprocess.run([strace, "-f", "-qq", "-e", "trace=open,openat", "-o", log,
                                BIN, "scan", "--db", db, top],
                               capture_output=True, timeout=120, env=env)
            check(p.returncode == 0, "scan under strace: exit %d %s" % (p.returncode, p.stderr))
            with open(log, encoding="utf-8", errors="replace") as fh:
                reads = sum('"/proc/locks"' in line for line in fh)
            print("fresh folder of 40 files: /proc/locks opened %d times" % reads)
            # once, or once more if the scan took over a second under load
            check(1 <= reads <= 3, "/proc/locks opened %d times for 40 fresh files" % reads)
        check(value(db, "SELECT count(*) FROM messages") == 39,
              "a fresh folder with one file under an flock: %d messages stored, not 39"
              % value(db, "SELECT count(*) FROM messages"))
    finally:
        os.close(fd)
    run("scan", "--db", db, top, check_rc=0)
    check(value(db, "SELECT count(*) FROM messages") == 40, "the file after its flock went was not stored")


def work(tmp):
    held(tmp)
    fresh_folder(tmp)
    race(tmp, True)
    race(tmp, False)


def main():
    run_in_tmp("bs-append-", work)


if __name__ == "__main__":
    main()
