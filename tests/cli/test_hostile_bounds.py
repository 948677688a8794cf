#!/usr/bin/env python3
"""Resource bounds, end to end through the binary: inputs built to exhaust
memory, time or the stack are read within bounds.

Every case writes its input here (sparse files: nothing large is committed or
stored), runs one command as a child process and asserts a clear outcome under
the hang guard and the peak-RSS bound of hostile.py; a good bounce beside the
bad input must still come out.

Cases: a 1 MB header line, 10,000 recipients in one DSN, files of gigabytes,
200 and 5,000 levels of nested multiparts and of message/rfc822, an mbox cut
in the middle, empty files.
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import dsn, mbox, write  # noqa: E402
from hostile import (ASAN, b64_lines, bounded, check, dump_with_survivor, good,  # noqa: E402
                     has_survivor, nested_multipart, nested_rfc822, report, run_cases)


def case_huge_header(tmp):
    """a 1 MB header line (unfolded Subject, Diagnostic-Code, To): read, bounded"""
    tree = os.path.join(tmp, "mail")
    mb = 1024 * 1024
    write(os.path.join(tree, "subject.eml"), report({"subject": "Undelivered " + "A" * mb}))
    write(os.path.join(tree, "diag.eml"), report({"diag": "smtp; 550 5.1.1 " + "user unknown " * (mb // 13),
                                                  "rcpt": "rfc822; d@example.com"}))
    write(os.path.join(tree, "orig.eml"), report({"oto": ", ".join("u%d@example.com" % i for i in range(mb // 16)),
                                                  "rcpt": "rfc822; o@example.com"}))
    # a 1 MB field name is no RFC 5322 header: not decoded, and named
    write(os.path.join(tree, "name.eml"), report({"rcpt": "rfc822; n@example.com"}).replace(
        b"Subject:", b"X-" + b"N" * mb + b": v\nSubject:"))
    # encoded words that never end, in every header that gets decoded
    # (an encoded-word search that went to the end of the value each time
    # took four minutes on this)
    never = "=?a?B?x" * (mb // 7)
    write(os.path.join(tree, "words.eml"), report({
        "rcpt": "rfc822; w@example.com", "subject": "Undelivered " + never, "from": never,
        "osubject": never, "ofrom": never, "oto": never}))
    good(tree)
    res, recs, und = dump_with_survivor(tree)
    rc = sorted(r["recipient"] for r in recs)
    for want in ("d@example.com", "o@example.com", "w@example.com", "hanako@example.com"):
        check(want in rc, "1 MB header: %s read: %s" % (want, rc))
    check("n@example.com" in rc or any(u["source"].endswith("name.eml") for u in und),
          "1 MB field name: read, or listed as not decoded: %s" % res.err[-1000:])
    for r in recs:
        for k, v in r.items():
            check(not isinstance(v, str) or len(v.encode()) <= 4096, "field %s is bounded" % k)
    out = os.path.join(tmp, "out")
    res = bounded([tree, "-o", out])
    check(res.rc == 0, "report: exit %d" % res.rc)


def case_many_recipients(tmp):
    """10,000 recipients in one DSN: all 10,000 records, fast"""
    n = 10000
    blocks = "".join("\nFinal-Recipient: rfc822; user%05d@example.com\nAction: failed\nStatus: 5.1.1\n"
                     "Diagnostic-Code: smtp; 550 5.1.1 user%05d: User unknown\n" % (i, i)
                     for i in range(1, n))
    data = report({"extra_recipients": blocks, "rcpt": "rfc822; user00000@example.com",
                   "orcpt": "rfc822; user00000@example.com"})
    tree = os.path.join(tmp, "mail")
    write(os.path.join(tree, "many.eml"), data)
    good(tree)
    res = bounded(["dump", tree])
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d" % res.rc)
    got = {r["recipient"] for r in recs if r["recipient"].startswith("user")}
    check(len(got) == n, "all %d recipients: %d" % (n, len(got)))
    check(has_survivor(recs), "the good bounce is read")
    check(all(r["status"] == "5.1.1" and r["reason"] == "userunknown" for r in recs),
          "every record complete")
    # the same with one thread (no worker pool: a path of its own)
    res = bounded(["dump", "-j", "1", tree])
    one, _ = res.records()
    check(res.rc == 0 and len(one) == len(recs), "dump -j 1: exit %d, %d records: %s"
          % (res.rc, len(one), res.err[-1000:]))
    out = os.path.join(tmp, "out")
    res = bounded([tree, "-o", out])
    check(res.rc == 0, "report: exit %d: %s" % (res.rc, res.err[-2000:]))
    with open(os.path.join(out, "failures.csv"), encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    check(len(rows) == n + 2, "failures.csv has every recipient: %d rows" % (len(rows) - 1))


def sparse(path, data, size):
    """data, then a hole up to size bytes: zeros that cost no disk"""
    write(path, data)
    os.truncate(path, size)


def case_huge_files(tmp):
    """a 10 GB message file, a 300 MB mbox message, an mbox of 6 messages of
    70 MB, all but their first kilobytes zeros without a newline: each
    message is read up to 64 MB, memory stays bounded, the mbox's messages
    are all found (a line longer than the limit overran a buffer, and was
    searched again for every block read)"""
    gb = 1024 ** 3
    tree = os.path.join(tmp, "mail")
    good(tree)
    sparse(os.path.join(tree, "huge.eml"), dsn("hugefile@example.com", msgid="hf"), 10 * gb)
    sparse(os.path.join(tree, "huge.mbox"), mbox([dsn("hugembox@example.com", msgid="hm")]),
           300 * 1024 * 1024)
    many = os.path.join(tree, "many.mbox")
    with open(many, "wb") as fh:
        for i in range(6):
            fh.write(b"From MAILER-DAEMON Wed Nov 25 10:00:05 2026\n")
            fh.write(dsn("many%d@example.com" % i, msgid="many%d" % i))
            fh.seek(70 * 1024 * 1024, 1)
            fh.write(b"\n\n")
    # a message is read up to 64 MB and its parse takes a few copies of it;
    # no more than 32 MB of messages are held for the threads (one message
    # at least), so that at most three such messages are in memory at once
    # (the one read, the one parsed, its copies), whatever the threads
    big = 1024 * (3 if ASAN else 1) + (512 if ASAN else 0)
    res = bounded(["dump", tree], wall_s=90, rss_mb=big)
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-1000:]))
    got = sorted(r["recipient"] for r in recs)
    want = sorted(["survivor@example.com", "hugefile@example.com", "hugembox@example.com"]
                  + ["many%d@example.com" % i for i in range(6)])
    check(got == want, "every message found: %s" % got)
    idx = sorted(r["index"] for r in recs if r["source"] == many)
    check(idx == [1, 2, 3, 4, 5, 6], "mbox indexes: %s" % idx)
    # the scan's resume point after a dropped middle: a second scan reads
    # nothing again (offsets count the bytes let go)
    db = os.path.join(tmp, "h.db")
    res = bounded(["scan", "--db", db, many], wall_s=90, rss_mb=big)
    check(res.rc in (0, 3) and "6 failed recipients" in res.text(),
          "scan: exit %d: %s %s" % (res.rc, res.text(), res.err[-500:]))
    with open(many, "ab") as fh:
        fh.write(b"From MAILER-DAEMON Wed Nov 25 10:00:05 2026\n" + dsn("later@example.com", msgid="l"))
    res = bounded(["scan", "--db", db, many], wall_s=90, rss_mb=big)
    check(res.rc in (0, 3) and "1 messages read" in res.text() and "1 failed recipients" in res.text(),
          "a second scan reads only the new message: %s %s" % (res.text(), res.err[-500:]))


def case_deep_nesting(tmp):
    """200 levels of multipart and of message/rfc822: no crash, bounded; a bounce
    that carries such an attachment is still read"""
    tree = os.path.join(tmp, "mail")
    dsn_part = ("Content-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.jp\n\n"
                "Final-Recipient: rfc822; deep@example.com\nAction: failed\nStatus: 5.1.1\n")
    # the nested report has a boundary of its own (RFC 2046 5.1.1: an
    # enclosing boundary never appears inside an enclosed part)
    full = dsn("deep@example.com", msgid="deep").decode().replace('"BB"', '"DEEP"').replace("--BB", "--DEEP")
    write(os.path.join(tree, "multipart-200.eml"), nested_multipart(200, dsn_part))
    write(os.path.join(tree, "rfc822-200.eml"), nested_rfc822(200, full))
    write(os.path.join(tree, "multipart-5000.eml"), nested_multipart(5000, dsn_part))
    write(os.path.join(tree, "rfc822-5000.eml"), nested_rfc822(5000, full))
    # a real bounce whose third part is a 200-deep nest
    carrier = dsn("carrier@example.com", msgid="carrier").decode().replace(
        "--BB--\n", "--BB\nContent-Type: message/rfc822\n\n" + nested_rfc822(200, full).decode()
        + "\n--BB--\n")
    write(os.path.join(tree, "carrier.eml"), carrier.encode())
    carrier2 = dsn("carrier2@example.com", msgid="carrier2").decode().replace(
        "--BB--\n", "--BB\n" + nested_multipart(200, "Content-Type: text/plain\n\nx\n").decode()
        .split("MIME-Version: 1.0\n", 1)[1] + "\n--BB--\n")
    write(os.path.join(tree, "carrier2.eml"), carrier2.encode())
    good(tree)
    res, recs, und = dump_with_survivor(tree)
    rc = {r["recipient"] for r in recs}
    check("carrier@example.com" in rc and "carrier2@example.com" in rc,
          "bounces carrying a deep nest are read: %s / %s" % (sorted(rc), res.err[-1000:]))
    # past the 32 levels walked: a report part that deep is not read, and
    # the bounce-looking message is listed as not decoded, never dropped
    check("deep@example.com" not in rc, "nothing read 200 levels down: %s" % sorted(rc))
    named = {os.path.basename(u["source"]) for u in und}
    check({"multipart-200.eml", "multipart-5000.eml"} <= named,
          "deep multiparts listed as not decoded: %s" % sorted(named))
    write(os.path.join(tree, "multipart-20.eml"), nested_multipart(20, dsn_part))
    res = bounded(["dump", os.path.join(tree, "multipart-20.eml")])
    recs, und = res.records()
    check([r["recipient"] for r in recs] == ["deep@example.com"], "20 levels are read: %s" % recs)
    out = os.path.join(tmp, "out")
    res = bounded([tree, "-o", out])
    check(res.rc == 0, "report: exit %d" % res.rc)


def case_cut_mbox(tmp):
    """an mbox cut in the middle of a header, a base64 part, a From_ line"""
    whole = dsn("whole@example.com", msgid="whole")
    b64 = report({"rcpt": "rfc822; cutb64@example.com"}).replace(
        b"Content-Type: text/plain\n\nYour message could not be delivered.",
        b"Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
        + b64_lines(b"x" * 3000).encode())
    tree = os.path.join(tmp, "mail")
    sep = b"From MAILER-DAEMON Wed Nov 25 10:00:05 2026\n"
    cuts = {
        "in-header.mbox": mbox([whole]) + sep + whole[:25],
        "in-base64.mbox": mbox([whole]) + sep + b64[: b64.index(b"eHh4") + 500],
        "in-from-line.mbox": mbox([whole]) + sep[:17],
        "in-boundary.mbox": mbox([whole]) + sep + whole[: whole.index(b"--BB--") + 3],
        "crlf-cut.mbox": mbox([whole]).replace(b"\n", b"\r\n") + sep + whole[:300].replace(b"\n", b"\r\n"),
    }
    for name, data in cuts.items():
        write(os.path.join(tree, name), data)
    good(tree)
    res, recs, und = dump_with_survivor(tree)
    for name in cuts:
        src = os.path.join(tree, name)
        check(any(r["source"] == src and r["recipient"] == "whole@example.com" for r in recs),
              "%s: the whole message before the cut is read: %s" % (name, res.err[-1000:]))
    for name in ("in-header.mbox", "in-base64.mbox", "in-boundary.mbox"):
        check(name in res.err and "cut short" in res.err,
              "%s: the cut is named on stderr: %s" % (name, res.err[-1500:]))
    db = os.path.join(tmp, "cut.db")
    res = bounded(["scan", "--db", db, tree])
    check(res.rc in (0, 3), "scan: exit %d: %s" % (res.rc, res.err[-1000:]))


def case_empty(tmp):
    """empty files, files of blank lines, an mbox with only a From_ line, empty folders"""
    tree = os.path.join(tmp, "mail")
    write(os.path.join(tree, "empty.eml"), b"")
    write(os.path.join(tree, "blank.eml"), b"\n\n\r\n\n")
    write(os.path.join(tree, "spaces.eml"), b" " * 100)
    write(os.path.join(tree, "only-from.mbox"), b"From MAILER-DAEMON Wed Nov 25 10:00:05 2026\n")
    write(os.path.join(tree, "from-and-blank.mbox"), b"From MAILER-DAEMON Wed Nov 25 10:00:05 2026\n\n")
    write(os.path.join(tree, "headers-only.eml"), b"Subject: x\n")
    os.makedirs(os.path.join(tree, "empty-dir"))
    os.makedirs(os.path.join(tree, "maildir", "cur"))
    os.makedirs(os.path.join(tree, "maildir", "new"))
    good(tree)
    res = bounded(["dump", tree])
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-2000:]))
    check(has_survivor(recs) and len(recs) == 1, "only the good bounce: %s" % recs)
    check("empty.eml" in res.err and "empty" in res.err, "the empty file is named: %s" % res.err)
    # each on its own: a clear error, exit 1, no crash
    for name in ("empty.eml", "blank.eml", "spaces.eml"):
        res = bounded(["dump", os.path.join(tree, name)])
        check(res.rc == 1 and name in res.err, "%s alone: exit %d: %s" % (name, res.rc, res.err))
    for name in ("only-from.mbox", "empty-dir", "maildir"):
        res = bounded(["dump", os.path.join(tree, name)])
        check(res.rc == 0 and res.out == b"", "%s alone: exit %d, nothing: %s" % (name, res.rc, res.err))
    res = bounded(["dump", "-"], stdin=b"")
    check(res.rc == 1 and "empty" in res.err, "empty stdin: exit %d: %s" % (res.rc, res.err))
    db = os.path.join(tmp, "e.db")
    res = bounded(["scan", "--db", db, os.path.join(tree, "empty-dir")])
    check(res.rc == 0, "scan of an empty folder: exit %d: %s" % (res.rc, res.err))
    res = bounded(["report", "--db", db, "--html", os.path.join(tmp, "e.html"),
                   "--csv", os.path.join(tmp, "ecsv")])
    check(res.rc == 0, "report of an empty history: exit %d: %s" % (res.rc, res.err))

CASES = [
    case_huge_header, case_many_recipients, case_huge_files, case_deep_nesting, case_cut_mbox,
    case_empty,
]


if __name__ == "__main__":
    run_cases(CASES)
