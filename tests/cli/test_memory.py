#!/usr/bin/env python3
"""Memory and history size of a bounce for thousands of recipients.

A 2.3 MB bounce for 20,000 recipients whose original has 4 KB of headers
(a mailing list's To):
- the history grows by under 4 MB (what every recipient shares, the
  original's headers and the record's other fields but the recipient's,
  is stored once per bounce: originals, failure_groups), and failures.csv
  still gives each recipient's row with the original's headers;
- 16 such bounces in one mbox, scanned with two threads, peak under 512 MB
  (the scan bounds the bytes of messages and of parsed records it holds,
  not their number): the child's maximum resident size, from
  getrusage(RUSAGE_CHILDREN).  A sanitizer build, whose allocator keeps
  freed memory on purpose, skips that bar, saying so.
SPDX-License-Identifier: BSD-2-Clause
"""
import csv
import os
import resource
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, check, dsn, run, run_in_tmp, write  # noqa: E402

RECIPIENTS = 20000
MAX_GROWTH = 4 * 1024 * 1024        # bytes of history for one such bounce
MAX_RSS = 512 * 1024 * 1024         # 16 of them, two threads

# about 4 KB of the original's headers: a list's To and a long Subject
ORIG_TO = ", ".join("member%04d@list.example.org" % i for i in range(130))
ORIG_SUBJECT = "Newsletter: " + "the autumn programme and its dates " * 8


def big_bounce(n):
    """bounce n (distinct ids and recipients), about 2.3 MB"""
    head = ("From: MAILER-DAEMON@mail.example.jp (Mail Delivery System)\n"
            "To: news@shop.example.jp\nSubject: Undelivered Mail Returned to Sender\n"
            "Date: Wed, 25 Nov 2026 10:00:05 +0900\nMessage-ID: <big-%d@mail.example.jp>\n"
            "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status;"
            " boundary=\"BB\"\n\n--BB\nContent-Type: text/plain\n\nNot delivered.\n\n"
            "--BB\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.jp\n\n" % n)
    parts = ["Final-Recipient: rfc822; user%05d.%d@example.com\nAction: failed\nStatus: 5.1.1\n"
             "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n\n" % (i, n) for i in range(RECIPIENTS)]
    orig = ("--BB\nContent-Type: text/rfc822-headers\n\nFrom: news@shop.example.jp\nTo: %s\n"
            "Subject: %s\nDate: Wed, 25 Nov 2026 09:59:00 +0900\nMessage-ID: <news-%d@shop.example.jp>\n"
            "\n--BB--\n" % (ORIG_TO, ORIG_SUBJECT, n))
    return (head + "".join(parts) + orig).encode()


def history_bytes(db):
    return sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))


def sanitized():
    with open(BIN, "rb") as fh:
        return b"__asan_init" in fh.read() or os.environ.get("BS_SANITIZED")


def case_history_size(tmp):
    db = os.path.join(tmp, "h.db")
    run("scan", "--db", db, os.path.join(tmp, "small"), check_rc=0)   # the history's own tables
    before = history_bytes(db)
    one = os.path.join(tmp, "one.eml")
    write(one, big_bounce(0))
    check(2_200_000 < os.path.getsize(one) < 2_600_000, "the bounce is %d bytes" % os.path.getsize(one))
    rc, out, err = run("scan", "--db", db, one, timeout=600)
    check(rc == 0 and "%d failed recipients" % RECIPIENTS in out, "scan: exit %d: %s" % (rc, out + err))
    grown = history_bytes(db) - before
    print("  history grew by %.1f MB for %d recipients" % (grown / 1048576, RECIPIENTS))
    check(grown < MAX_GROWTH, "the history grew by %d bytes for one bounce" % grown)
    out = os.path.join(tmp, "csv")
    run("report", "--db", db, "--csv", out, check_rc=0, timeout=600)
    with open(os.path.join(out, "failures.csv"), newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["recipient"].endswith(".0@example.com")]
    check(len(rows) == RECIPIENTS, "failures.csv has %d rows of the bounce" % len(rows))
    check(all(r["orig_to"] == ORIG_TO and r["orig_subject"] == ORIG_SUBJECT.strip()
              and r["orig_message_id"] == "news-0@shop.example.jp" for r in rows),
          "a row lost its original's headers: %s" % rows[0])


def case_peak_memory(tmp):
    box = os.path.join(tmp, "sixteen.mbox")
    with open(box, "wb") as fh:
        for n in range(1, 17):
            fh.write(b"From MAILER-DAEMON Wed Nov 25 10:00:05 2026\n" + big_bounce(n) + b"\n")
    db = os.path.join(tmp, "h16.db")
    p = subprocess.run([BIN, "scan", "-j", "2", "--db", db, box], capture_output=True, timeout=900)
    said = (p.stdout + p.stderr).decode(errors="replace")
    check(p.returncode == 0 and "%d failed recipients" % (16 * RECIPIENTS) in said,
          "scan of 16 bounces: exit %d: %s" % (p.returncode, said[-600:]))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print("  16 bounces, two threads: peak %d MB, history %d MB"
          % (peak // 1048576, history_bytes(db) // 1048576))
    if sanitized():
        print("  skip the memory bar: a sanitizer build (its allocator keeps freed memory)")
        return
    check(peak < MAX_RSS, "16 bounces with two threads peaked at %d MB" % (peak // 1048576))


def main():
    def work(tmp):
        write(os.path.join(tmp, "small", "1.eml"), dsn("someone@example.net"))
        for case in (case_history_size, case_peak_memory):
            case(tmp)
            print("ok %s" % case.__name__[5:])
    run_in_tmp("bs-memory-", work)


if __name__ == "__main__":
    main()
