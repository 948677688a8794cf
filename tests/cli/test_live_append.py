#!/usr/bin/env python3
"""A delivery appends to the mbox while scans read it: nothing half written
is stored.  150 bounces are appended in pieces (a few bytes to a few
kilobytes, with pauses between them) while scans run back to back, once
with the writer holding an flock() and once with no lock at all (the cases
a delivery agent's fcntl or dot-lock does not cover); the history the
scans leave is then the history of one scan of the final mailbox: the same
messages at the same places, the same failures, no extra "not decoded".
SPDX-License-Identifier: BSD-2-Clause
"""
import fcntl
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import check, run, run_in_tmp  # noqa: E402
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


def work(tmp):
    race(tmp, True)
    race(tmp, False)


def main():
    run_in_tmp("bs-append-", work)


if __name__ == "__main__":
    main()
