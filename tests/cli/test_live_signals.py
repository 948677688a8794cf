#!/usr/bin/env python3
"""The scan path opens nothing that can block, and a signal stops it
whatever it waits on:

- an mbox replaced by a FIFO while a scan reads it: the scan ends (no
  re-open of the path by name, no blocking open), keeps what it read, and
  the next scan says the path is not a regular file, at once; a FIFO given
  as the history or as the rules file is refused, never opened;
- SIGTERM and SIGINT while a scan waits on its standard input (a pipe that
  never ends) stop it within a second (bounded loosely here: the machine
  may be loaded), release the history's lock and leave a history the next
  scan goes on from: the run marked interrupted, the next scan runs.
SPDX-License-Identifier: BSD-2-Clause
"""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, check, run, run_in_tmp  # noqa: E402
from nightly import (compare, finish, from_quote, kill, sample_messages, snapshot, start,  # noqa: E402
                     unique, value, wait_for)

SEP = b"From MAILER-DAEMON Sat Nov 25 10:00:00 2023\n"
# a loaded machine takes its time to schedule a process; the scan itself
# stops within a second (a hang is what this catches)
STOP_SECONDS = 10


def has_open(pid, path):
    """Does process pid have path open?"""
    try:
        fds = os.listdir("/proc/%d/fd" % pid)
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink("/proc/%d/fd/%s" % (pid, fd)) == path:
                return True
        except OSError:
            pass
    return False


def write_mbox(path, n, tag):
    base = sample_messages()
    with open(path, "wb") as fh:
        for i in range(n):
            m = unique(base[(i * 7) % len(base)], b"%s%06d" % (tag, i))
            fh.write(SEP + from_quote(m).rstrip(b"\n") + b"\n\n")


def fifo_swap(tmp):
    """A FIFO renamed over the mbox being read."""
    mb = os.path.join(tmp, "postmaster")
    copy = os.path.join(tmp, "copy", "postmaster")
    os.makedirs(os.path.dirname(copy))
    write_mbox(mb, 3000, b"f")
    os.link(mb, copy)
    db = os.path.join(tmp, "fifo.db")
    fifo = os.path.join(tmp, "fifo")
    os.mkfifo(fifo)
    p = start("scan", "--db", db, "-j1", mb)
    try:
        check(wait_for(lambda: has_open(p.pid, mb) or p.poll() is not None, timeout=60),
              "the scan never opened the mbox")
        os.rename(fifo, mb)
        try:
            rc, out, err = finish(p, timeout=120)
        except subprocess.TimeoutExpired:
            kill(p)
            check(False, "the scan hangs on the FIFO put in the mbox's place")
    finally:
        kill(p)
        p.wait()
    check(rc == 0, "scan of the swapped mbox: exit %d: %s" % (rc, err))
    # what it read is the whole mbox it had open
    want = os.path.join(tmp, "want.db")
    run("scan", "--db", want, copy, check_rc=0)
    check(value(db, "SELECT count(*) FROM failures") == value(want, "SELECT count(*) FROM failures"),
          "the scan of the swapped mbox did not keep what it read")
    # the next scan: the FIFO is refused without being opened
    t = time.monotonic()
    rc, out, err = run("scan", "--db", db, mb, timeout=60)
    check(rc == 1 and "not a regular file" in err, "scan of a FIFO: exit %d: %s" % (rc, err))
    check(time.monotonic() - t < STOP_SECONDS, "scan of a FIFO took its time")
    # nor is a FIFO given as the history
    hist = os.path.join(tmp, "fifo.db.fifo")
    os.mkfifo(hist)
    rc, out, err = run("scan", "--db", hist, copy, timeout=60)
    check(rc == 1 and "not a regular file" in err, "a FIFO as the history: exit %d: %s" % (rc, err))
    # nor as a rules file
    rules = os.path.join(tmp, "rules.fifo")
    os.mkfifo(rules)
    rc, out, err = run("scan", "--db", db, "--rules", rules, copy, timeout=60)
    check(rc == 2 and "not a regular file" in err, "a FIFO as the rules: exit %d: %s" % (rc, err))


def stop_waiting(tmp, sig, code):
    """sig while the scan waits on a pipe that never ends."""
    db = os.path.join(tmp, "stdin-%d.db" % sig)
    md = os.path.join(tmp, "md-%d" % sig)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(md, sub))
    with open(os.path.join(md, "new", "1.M1.test"), "wb") as fh:
        fh.write(unique(sample_messages()[0], b"s%d" % sig))
    p = subprocess.Popen([BIN, "scan", "--db", db, md, "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        p.stdin.write(b"From: someone@example.com\nSubject: half\n")
        p.stdin.flush()
        # the Maildir is read first; then the scan waits on its input
        check(wait_for(lambda: has_open(p.pid, db) or p.poll() is not None, timeout=60),
              "the scan never opened its history")
        time.sleep(1.0)
        if p.poll() is not None:
            check(False, "the scan did not wait on its input: %s" % (p.communicate()[1],))
        t = time.monotonic()
        p.send_signal(sig)
        try:
            p.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            check(False, "signal %d does not stop a scan waiting on its input" % sig)
        took = time.monotonic() - t
    finally:
        kill(p)
        p.wait()
        p.stdin.close()
        err = p.stderr.read().decode("utf-8", "replace")
        p.stdout.close()
        p.stderr.close()
    check(p.returncode == code, "signal %d: exit %d, expected %d: %s" % (sig, p.returncode, code, err))
    print("signal %d stopped the scan in %.2f s" % (sig, took))
    check(not os.path.exists(db + "-lock"), "the history's lock is left behind")
    check(value(db, "SELECT status FROM scan_runs ORDER BY id DESC LIMIT 1") == "interrupted",
          "the run is not marked interrupted")
    # the next scan runs (no lock held) and gives the history of one clean scan
    rc, out, err = run("scan", "--db", db, md, timeout=60)
    check(rc == 0, "the scan after signal %d: exit %d: %s" % (sig, rc, err))
    clean = os.path.join(tmp, "clean-%d.db" % sig)
    run("scan", "--db", clean, md, check_rc=0)
    compare(snapshot(db), snapshot(clean), "after signal %d" % sig)


def work(tmp):
    fifo_swap(tmp)
    stop_waiting(tmp, signal.SIGTERM, 128 + signal.SIGTERM)
    stop_waiting(tmp, signal.SIGINT, 128 + signal.SIGINT)


def main():
    run_in_tmp("bs-signals-", work)


if __name__ == "__main__":
    main()
