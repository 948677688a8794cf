#!/usr/bin/env python3
"""A mail client marks an mbox read (mutt's Status/X-Status, Dovecot's
Status/X-UID/X-Keywords/X-IMAPbase/Content-Length, Thunderbird's
X-Mozilla-Status) and rewrites it: the next scan recognises every bounce
already stored and counts nothing twice.  A history written before
identities were kept (the version 1 fixture) is upgraded and keeps its
messages known through the same rewrites.
SPDX-License-Identifier: BSD-2-Clause
"""
import os
import re
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import PG, SAMPLES, check, run, run_in_tmp  # noqa: E402
from nightly import from_quote, sample_messages, summary, unique, value  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SEP = b"From MAILER-DAEMON Sat Nov 25 10:00:00 2023\n"


def split_mbox(data):
    """The messages of an mbox as (From_ line, bytes) pairs."""
    parts = re.split(rb"(?m)^(From [^\n]*\n)", data)
    return [(parts[i], parts[i + 1]) for i in range(1, len(parts), 2)]


def add_fields(msg, fields, first=False):
    """msg with fields put at the end (or the start) of its header block."""
    head, sep, body = msg.partition(b"\n\n")
    if first:
        return fields + head + sep + body
    return head + b"\n" + fields.rstrip(b"\n") + sep + body


def rewrite(path, client):
    """Rewrite the mbox at path as client would after showing it."""
    out = b""
    msgs = split_mbox(open(path, "rb").read())
    for n, (line, msg) in enumerate(msgs, 1):
        head, sep, body = msg.partition(b"\n\n")
        head = re.sub(rb"(?m)^(Status|X-Status|X-UID|X-Keywords|X-IMAPbase|Content-Length"
                      rb"|X-Mozilla-Status2?): [^\n]*(\n|$)", b"", head + b"\n").rstrip(b"\n")
        msg = head + sep + body
        if client == "mutt":
            msg = add_fields(msg, b"Status: RO\nX-Status: A\n")
        elif client == "dovecot":
            fields = b"X-IMAPbase: 1700000000 %d\n" % len(msgs) if n == 1 else b""
            fields += b"Status: O\nX-UID: %d\nX-Keywords: $Forwarded\nContent-Length: %d\n" % (
                n, len(body))
            msg = add_fields(msg, fields)
        elif client == "thunderbird":
            msg = add_fields(msg, b"X-Mozilla-Status: 0001\nX-Mozilla-Status2: 00000000\n", first=True)
            if n == len(msgs):
                msg = msg.rstrip(b"\n") + b"\n"  # and no blank line at the very end
        out += line + msg
    with open(path, "wb") as fh:
        fh.write(out)


def failures(db):
    return value(db, "SELECT count(*) FROM failures WHERE is_failure = 1")


def clients(tmp):
    base = sample_messages()
    mb = os.path.join(tmp, "postmaster.mbox")
    with open(mb, "wb") as fh:
        for i in range(120):
            m = unique(base[(i * 7) % len(base)], b"id%06d" % i)
            fh.write(SEP + from_quote(m).rstrip(b"\n") + b"\n\n")
    db = os.path.join(tmp, "h.db")
    rc, out, err = run("scan", "--db", db, mb)
    check(rc == 0, "first scan: exit %d %s" % (rc, err))
    first = summary(out)
    stored = failures(db)
    check(stored > 50 and first[6] == 0, "first scan: %s, %d failures" % (out, stored))
    for client in ("mutt", "dovecot", "thunderbird", "mutt"):
        rewrite(mb, client)
        rc, out, err = run("scan", "--db", db, mb)
        check(rc == 0, "%s: exit %d %s" % (client, rc, err))
        n = summary(out)
        check(failures(db) == stored, "after %s's rewrite: %d failures stored, %d before (%s)"
              % (client, failures(db), stored, out.strip()))
        check(n[0] == 0 and n[6] == first[0], "after %s's rewrite: %s" % (client, out.strip()))
    check(value(db, "SELECT count(*) FROM messages") == first[0], "messages stored twice")
    check(value(db, "SELECT count(*) FROM messages WHERE identity IS NULL") == 0,
          "messages without an identity")


def upgraded(tmp):
    """A version 1 history: its messages are known by their content hash,
    given an identity when found again, and then known through a rewrite."""
    if PG:
        print("upgraded: an SQLite history's own (suite 'pg')")
        return
    os.makedirs(os.path.join(tmp, "old"))
    db = os.path.join(tmp, "old", "history.db")
    con = sqlite3.connect(db)
    con.executescript(open(os.path.join(HERE, "fixtures", "history-v1.sql"), encoding="utf-8").read())
    con.close()
    before = failures(db)
    rows = value(db, "SELECT count(*) FROM messages")
    copy = os.path.join(tmp, "old", "copy.mbox")  # another path: read from its start
    shutil.copy(os.path.join(SAMPLES, "mbox", "bounces.mbox"), copy)
    rc, out, err = run("scan", "--db", db, copy)
    check(rc == 0, "scan of the upgraded history: exit %d %s" % (rc, err))
    if summary(out)[0] != 0:
        print("samples/mbox/bounces.mbox changed since the fixture was made: upgrade part skipped")
        return
    check(failures(db) == before, "the upgraded history counted its bounces twice: %s" % out)
    check(value(db, "SELECT count(*) FROM messages WHERE identity IS NULL") == 0,
          "old messages found again got no identity")
    for client in ("mutt", "dovecot"):
        rewrite(copy, client)
        rc, out, err = run("scan", "--db", db, copy)
        check(rc == 0 and failures(db) == before and value(db, "SELECT count(*) FROM messages") == rows,
              "upgraded history, %s's rewrite: %s %s" % (client, out, err))


def main():
    run_in_tmp("bs-identity-", lambda tmp: (clients(tmp), upgraded(tmp)))


if __name__ == "__main__":
    main()
