#!/usr/bin/env python3
"""Incremental and idempotent scans, case by case.

Maildir: a message moved from new/ to cur/, or whose flags change, is known
by the unique part of its name and is not read again (nor stored twice); a
touched file is read again and dropped by its content hash.  mbox: grown
(only the new messages read), rotated (the old file under a new name adds
nothing; the new file is read from its start), truncated, replaced by other
content, rewritten in place by a mail client (a message deleted, new ones
appended, the first 4 KB unchanged), and being appended to by a delivery
during the scan (its last message is left for the next scan) — every
message counted once, none lost.  Also: the same scan twice in a row adds nothing.
SPDX-License-Identifier: BSD-2-Clause
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, check, dsn, mbox, plain_mail, run, write  # noqa: E402
from nightly import query, summary, value  # noqa: E402


def bounce(n, domain="example.org"):
    return dsn("user%d@%s" % (n, domain), msgid="inc-%d@shop.example.jp" % n)


def scan(db, *paths):
    rc, out, err = run("scan", "--db", db, *paths, check_rc=0)
    return summary(out)


def recipients(db):
    return sorted(r[0] for r in query(db, "SELECT recipient FROM failures"))


def no_duplicates(db, what):
    rows = query(db, "SELECT recipient, count(*) FROM failures GROUP BY recipient HAVING count(*) > 1")
    check(not rows, "%s: recipients counted twice: %s" % (what, rows))


def main():
    check(BIN and os.access(BIN, os.X_OK), "BOUNCESCAN is not set to the binary")
    tmp = tempfile.mkdtemp(prefix="bs-incremental-")
    try:
        maildir_cases(tmp)
        mbox_cases(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")


def maildir_cases(tmp):
    md = os.path.join(tmp, "Maildir")
    db = os.path.join(tmp, "md.db")
    write(os.path.join(md, "new", "1700000001.M1P1.host"), bounce(1))
    write(os.path.join(md, "new", "1700000002.M2P1.host"), bounce(2))
    write(os.path.join(md, "cur", "1700000003.M3P1.host:2,S"), bounce(3))
    write(os.path.join(md, "cur", "1700000004.M4P1.host:2,S"), plain_mail())
    os.makedirs(os.path.join(md, "tmp"))
    n = scan(db, md)
    check(n[0] == 4 and n[4] == 3, "Maildir first scan: %s" % n)

    # the same scan again: nothing read
    n = scan(db, md)
    check(n[0] == 0 and n[6] == 0 and n[7] == 4, "Maildir re-scan: %s" % n)

    # a mail client reads the new mail (new/ -> cur/, flag S), flags another
    # one as replied: the same messages, not read again
    os.rename(os.path.join(md, "new", "1700000001.M1P1.host"),
              os.path.join(md, "cur", "1700000001.M1P1.host:2,S"))
    os.rename(os.path.join(md, "new", "1700000002.M2P1.host"),
              os.path.join(md, "cur", "1700000002.M2P1.host:2,RS"))
    os.rename(os.path.join(md, "cur", "1700000003.M3P1.host:2,S"),
              os.path.join(md, "cur", "1700000003.M3P1.host:2,FRS"))
    n = scan(db, md)
    check(n[0] == 0 and n[6] == 0 and n[7] == 4,
          "moved and flagged messages were read again (read %d, known %d, unchanged %d)"
          % (n[0], n[6], n[7]))
    check(value(db, "SELECT count(*) FROM messages") == 4, "moves added messages")
    check(recipients(db) == ["user1@example.org", "user2@example.org", "user3@example.org"],
          "records after the moves: %s" % recipients(db))

    # a file whose time changed (restored from a backup): read, known by content
    p = os.path.join(md, "cur", "1700000001.M1P1.host:2,S")
    os.utime(p, (1600000000, 1600000000))
    n = scan(db, md)
    check(n[0] == 0 and n[6] == 1, "a touched file: read %d, known %d" % (n[0], n[6]))
    # and a new message
    write(os.path.join(md, "new", "1700000005.M5P1.host"), bounce(5))
    n = scan(db, md)
    check(n[0] == 1 and n[4] == 1 and n[7] == 4, "one new message: %s" % n)
    no_duplicates(db, "Maildir")
    check(value(db, "SELECT count(*) FROM failures") == 4, "Maildir records")


def mbox_cases(tmp):
    db = os.path.join(tmp, "mbox.db")
    mb = os.path.join(tmp, "bounces")
    first = [bounce(10 + i) for i in range(6)]
    write(mb, mbox(first))
    n = scan(db, mb)
    check(n[0] == 6 and n[4] == 6, "mbox first scan: %s" % n)
    size = os.path.getsize(mb)
    check(query(db, 'SELECT "offset", next_index FROM sources WHERE key = ?', mb) == [(size, 6)],
          "mbox state: %s" % query(db, 'SELECT "offset", next_index FROM sources'))
    n = scan(db, mb)
    check(n[0] == 0 and n[6] == 0, "unchanged mbox read again: %s" % n)

    # grown: only the new messages
    with open(mb, "ab") as fh:
        fh.write(mbox([bounce(20), bounce(21)]))
    n = scan(db, mb)
    check(n[0] == 2 and n[6] == 0, "grown mbox: %s" % n)
    check(value(db, "SELECT max(mbox_index) FROM messages") == 8, "numbers of the appended messages")

    # rotated (logrotate): the old file gets a new name, a new file starts
    os.rename(mb, mb + ".1")
    write(mb, mbox([bounce(30), plain_mail(subject="after rotation")]))
    n = scan(db, mb, mb + ".1")
    check(n[0] == 2 and n[4] == 1 and n[6] == 8,
          "rotation: read %d (expected the 2 new), known %d (expected the 8 old)" % (n[0], n[6]))
    os.unlink(mb + ".1")

    # truncated (emptied by the postmaster), then new mail arrives
    with open(mb, "wb") as fh:
        fh.write(mbox([bounce(40)]))
    n = scan(db, mb)
    check(n[0] == 1 and n[4] == 1, "truncated mbox with one new message: %s" % n)

    # replaced by other content of a larger size
    write(mb, mbox([bounce(40), bounce(50), bounce(51), bounce(52)]))
    n = scan(db, mb)
    check(n[0] == 3 and n[6] == 1, "replaced mbox: %s" % n)

    # rewritten in place by a mail client: the first messages stay (the same
    # first 4 KB), one in the middle is deleted, two arrive; the file is
    # longer than where the last scan stopped.  Resuming at the old offset
    # would land inside a message: the scan reads it all again instead.
    msgs = [bounce(60 + i) for i in range(8)]
    write(mb, mbox(msgs))
    n = scan(db, mb)
    check(n[0] == 8, "mbox before the rewrite: %s" % n)
    before = open(mb, "rb").read()
    kept = msgs[:6] + msgs[7:] + [bounce(70), bounce(71)]
    write(mb, mbox(kept))
    check(open(mb, "rb").read()[:4096] == before[:4096], "the rewrite should keep the first 4 KB")
    check(os.path.getsize(mb) > query(db, 'SELECT "offset" FROM sources WHERE key = ?', mb)[0][0],
          "the rewritten mbox should be longer than the stored offset")
    n = scan(db, mb)
    check(n[0] == 2 and n[6] == 7 and n[3] == 0,
          "rewritten mbox: read %d (expected 2), known %d (expected 7), not decoded %d" % (n[0], n[6], n[3]))
    got = recipients(db)
    for r in ("user70@example.org", "user71@example.org"):
        check(r in got, "%s lost after the rewrite" % r)
    no_duplicates(db, "mbox")
    check(value(db, "SELECT count(*) FROM messages WHERE kind = 'undecodable'") == 0,
          "a resumed read produced garbage messages")

    # a delivery is appending right now (it holds an fcntl write lock, as
    # Postfix's local does): the last message may be half written and is
    # left for the next scan, then read whole
    with open(mb, "ab") as fh:
        fh.write(mbox([bounce(80), bounce(81)]))
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl,sys,time\n"
         "f=open(sys.argv[1],'r+b');fcntl.lockf(f,fcntl.LOCK_EX);print('locked',flush=True);time.sleep(30)",
         mb], stdout=subprocess.PIPE, text=True)
    try:
        check(holder.stdout.readline().strip() == "locked", "could not lock the mbox for the test")
        n = scan(db, mb)
        check(n[0] == 1, "while a delivery holds the mbox: read %d, expected 1 (the last held back)" % n[0])
    finally:
        holder.kill()
        holder.wait()
    n = scan(db, mb)
    check(n[0] == 1 and n[6] == 0, "after the delivery: read %d, known %d" % (n[0], n[6]))
    check("user81@example.org" in recipients(db), "the held-back message was never read")
    # the same with a dot-lock; a stale one (a dead delivery's) is ignored
    with open(mb, "ab") as fh:
        fh.write(mbox([bounce(90), bounce(91)]))
    write(mb + ".lock", b"")
    n = scan(db, mb)
    check(n[0] == 1, "with a fresh dot-lock: read %d, expected 1" % n[0])
    os.utime(mb + ".lock", (time.time() - 3600, time.time() - 3600))
    n = scan(db, mb)
    check(n[0] == 1 and n[6] == 0, "with a stale dot-lock: read %d, known %d" % (n[0], n[6]))
    os.unlink(mb + ".lock")
    no_duplicates(db, "mbox being written")


if __name__ == "__main__":
    main()
