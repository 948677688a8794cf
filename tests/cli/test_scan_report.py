#!/usr/bin/env python3
# test_scan_report.py - end to end through the binary: scan a Maildir and an
# mbox into the history (SQLite, or PostgreSQL in suite 'pg'), re-scan (nothing new), grow the mbox (only the
# new message is read), copy a message to a second folder (counted once),
# write the reports (CSV parses, every aggregate file, no external fetch in
# the HTML, a customer report names no other sender), and the ad-hoc
# "bouncescan DIR -o OUT".
#
# Environment: BOUNCESCAN (the binary). Exits non-zero with a message on the
# first failed check.
# SPDX-License-Identifier: BSD-2-Clause

import base64
import csv
import hashlib
import io
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, PG, LockHolder, argv, check, fail, lock_released, run_in_tmp, sql  # noqa: E402

AGGREGATES = ["by-domain.csv", "by-ip.csv", "by-code.csv", "by-reason.csv",
              "by-blocklist.csv", "by-day.csv", "by-sender-domain.csv"]


def run(*args, ok=True):
    env = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="1700000000")
    p = subprocess.run([BIN, *argv(args)], capture_output=True, text=True, env=env, timeout=60)
    if ok and p.returncode != 0:
        fail("bouncescan %s exited %d\nstdout: %s\nstderr: %s"
             % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def dsn(n, sender, recipients, action="failed", status="5.1.1",
        diag="550 5.1.1 <{r}>: Recipient address rejected: User unknown in virtual mailbox table",
        day="05"):
    """An RFC 3464 bounce to sender@domain for the given recipients."""
    blocks = []
    for r in recipients:
        blocks.append(
            "Final-Recipient: rfc822; %s\n"
            "Original-Recipient: rfc822;%s\n"
            "Action: %s\n"
            "Status: %s\n"
            "Remote-MTA: dns; mx.%s\n"
            "Diagnostic-Code: smtp; %s\n"
            "Last-Attempt-Date: Tue, %s Mar 2024 10:20:%02d +0900\n"
            % (r, r, action, status, r.split("@")[1], diag.format(r=r), day, n % 60))
    return (
        "Return-Path: <>\n"
        "From: MAILER-DAEMON@relay.example.net (Mail Delivery System)\n"
        "To: news@%(s)s\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "Date: Tue, %(day)s Mar 2024 10:21:00 +0900\n"
        "Message-ID: <bounce-%(n)d@relay.example.net>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status;\n"
        "\tboundary=\"BOUNDARY-%(n)d\"\n"
        "\n"
        "--BOUNDARY-%(n)d\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        "This is the mail system at host relay.example.net.\n"
        "I'm sorry to have to inform you that your message could not be delivered.\n"
        "\n"
        "--BOUNDARY-%(n)d\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns; relay.example.net\n"
        "Arrival-Date: Tue, %(day)s Mar 2024 10:20:00 +0900\n"
        "\n"
        "%(blocks)s"
        "\n"
        "--BOUNDARY-%(n)d\n"
        "Content-Type: text/rfc822-headers\n"
        "\n"
        "From: News <news@%(s)s>\n"
        "To: %(to)s\n"
        "Subject: Newsletter %(n)d\n"
        "Date: Tue, %(day)s Mar 2024 10:19:00 +0900\n"
        "Message-ID: <orig-%(n)d@%(s)s>\n"
        "\n"
        "--BOUNDARY-%(n)d--\n"
        % {"n": n, "s": sender, "day": day, "blocks": "\n".join(blocks),
           "to": ", ".join(recipients)})


def plain_mail(n, sender):
    return ("From: Someone <someone@%s>\nTo: postmaster@example.com\n"
            "Subject: Question %d\nDate: Tue, 05 Mar 2024 10:00:00 +0900\n"
            "Message-ID: <q%d@%s>\n\nHello, is this thing on?\n" % (sender, n, n, sender))


def mbox_entry(text):
    body = re.sub(r"(?m)^(>*From )", r">\1", text)
    return "From MAILER-DAEMON Tue Mar  5 10:21:00 2024\n" + body + "\n"


def db_count(db, query):
    return sql(db, query)[0][0]


def summary_numbers(out):
    m = re.search(r"(\d+) messages read: (\d+) bounces, (\d+) not bounces, (\d+) not decoded; "
                  r"(\d+) failed recipients, (\d+) delay warnings", out)
    check(m is not None, "no summary line in: %r" % out)
    return [int(x) for x in m.groups()]


def check_csv_dir(d, must_have_rows=True):
    for name in ["failures.csv"] + AGGREGATES:
        path = os.path.join(d, name)
        check(os.path.isfile(path), "%s missing" % path)
        check(stat.S_IMODE(os.stat(path).st_mode) == 0o600, "%s is not mode 0600" % path)
        raw = open(path, "rb").read()
        check(b"\r\n" in raw or raw == b"", "%s: lines do not end in CRLF" % name)
        text = raw.decode("utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        check(len(rows) >= 1, "%s: no header row" % name)
        width = len(rows[0])
        for i, row in enumerate(rows):
            check(len(row) == width, "%s row %d has %d fields, header %d" % (name, i, len(row), width))
        if must_have_rows and name != "by-blocklist.csv":
            check(len(rows) >= 2, "%s has no data row" % name)
    return list(csv.DictReader(open(os.path.join(d, "failures.csv"), newline="", encoding="utf-8")))


def check_html(path):
    check(os.path.isfile(path), "%s missing" % path)
    check(stat.S_IMODE(os.stat(path).st_mode) == 0o600, "%s is not mode 0600" % path)
    html = open(path, encoding="utf-8").read()
    check(html.startswith("<!DOCTYPE html>"), "HTML does not start with a doctype")
    check("</html>" in html, "HTML is not complete")
    # no fetch: nothing loads from elsewhere; links only as <a href> (delisting pages)
    for m in re.finditer(r"<(\w+)[^>]*\b(src|href|action|srcset|poster|data)\s*=\s*[\"']?([^\"' >]*)",
                         html, re.I):
        tag, attr, url = m.group(1).lower(), m.group(2).lower(), m.group(3)
        if tag == "a" and attr == "href":
            continue
        fail("HTML loads %s=%s in <%s>" % (attr, url, tag))
    check(not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I), "HTML CSS loads a URL")
    check(not re.search(r"@import", html, re.I), "HTML CSS imports")
    # one inline script, no other: the page's own, allowed by its hash alone
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S | re.I)
    check(len(scripts) == 1 and scripts[0][0] == "" and html.lower().count("<script") == 1,
          "HTML has other scripts than its own inline one")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    check(csp is not None and "default-src 'none'" in csp.group(1), "HTML has no strict CSP")
    digest = base64.b64encode(hashlib.sha256(scripts[0][1].encode("utf-8")).digest()).decode()
    check("script-src 'sha256-%s'" % digest in csp.group(1), "the CSP does not name the script's hash")
    return html


def main():
    run_in_tmp("bs-scan-report-", work)


def work(tmp):
    maildir, mbox = make_mail(tmp)
    db = os.path.join(tmp, "history.db")
    scans(tmp, db, maildir, mbox)
    page = reports(tmp, db)
    customer_report(tmp, db)
    dates_and_adhoc(tmp, db, page, maildir, mbox)


def make_mail(tmp):
    """the mail: a Maildir with three bounces (one multi-recipient, one for
    another customer), a delay warning and a plain mail; an mbox with two"""
    maildir = os.path.join(tmp, "Maildir")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub))
    files = {
        "new/1700000001.M1P1.host": dsn(1, "a.example.com", ["alice@example.org"]),
        "new/1700000002.M2P1.host": dsn(2, "a.example.com",
                                        ["bob@example.org", "carol@example.org", "dan@hotmail.example"]),
        "cur/1700000003.M3P1.host:2,S": dsn(3, "b.example.net", ["erin@bcustomer-dest.example"],
                                            status="5.7.1",
                                            diag="550 5.7.1 Service unavailable; client [198.51.100.77] "
                                                 "blocked using zen.spamhaus.org", day="06"),
        "cur/1700000004.M4P1.host:2,S": dsn(4, "a.example.com", ["frank@slow.example"],
                                            action="delayed", status="4.4.1",
                                            diag="451 4.4.1 connection timed out"),
        "cur/1700000005.M5P1.host:2,S": plain_mail(5, "b.example.net"),
    }
    for name, text in files.items():
        with open(os.path.join(maildir, name), "w") as f:
            f.write(text)
    mbox = os.path.join(tmp, "bounces.mbox")
    with open(mbox, "w") as f:
        f.write(mbox_entry(dsn(10, "a.example.com", ["gina@example.jp"], day="07")))
        f.write(mbox_entry(dsn(11, "a.example.com", ["hank@example.jp"],
                               diag="552 5.2.2 <{r}>: mailbox full", status="5.2.2", day="07")))
    return maildir, mbox


def scans(tmp, db, maildir, mbox):
    """the first scan, a second that reads nothing, a grown mbox, a copy in a
    second folder, a scan while one holds the database"""
    p = run("scan", "--db", db, maildir, mbox)
    n = summary_numbers(p.stdout)
    check(n[0] == 7, "first scan read %d messages, expected 7: %s" % (n[0], p.stdout))
    check(n[1] == 6 and n[2] == 1, "first scan: bounces/not bounces %s" % n)
    check(n[4] == 7 and n[5] == 1, "first scan: failures/delayed %s" % n)
    check(PG or stat.S_IMODE(os.stat(db).st_mode) == 0o600, "database is not mode 0600")
    check(lock_released(db), "the scan left its lock")
    check(db_count(db, "SELECT count(*) FROM messages") == 7, "messages table")
    check(db_count(db, "SELECT count(*) FROM failures WHERE is_failure = 1") == 7, "failure rows")
    check(db_count(db, "SELECT count(*) FROM failures WHERE is_failure = 0 AND action = 'delayed'") == 1,
          "delay warning row")
    check(db_count(db, "SELECT count(*) FROM messages WHERE kind = 'not-bounce'") == 1, "not-bounce row")
    check(db_count(db, "SELECT count(*) FROM scan_runs WHERE finished IS NOT NULL") == 1, "scan run")
    check(db_count(db, "SELECT max(version) FROM schema_history" if PG else "PRAGMA user_version") >= 1,
          "schema version")
    check(db_count(db, "SELECT count(*) FROM failures WHERE sender_domain = 'b.example.net'") == 1,
          "the other customer's failure")

    # ---- again: nothing new, nothing read, and the summary says so
    p = run("scan", "--db", db, maildir, mbox)
    n = summary_numbers(p.stdout)
    check(n[0] == 0, "re-scan read %d messages: %s" % (n[0], p.stdout))
    check("unchanged" in p.stdout, "re-scan summary does not say files were unchanged: %s" % p.stdout)
    check(db_count(db, "SELECT count(*) FROM messages") == 7, "re-scan added messages")
    check(db_count(db, "SELECT count(*) FROM failures") == 8, "re-scan added records")
    check(db_count(db, "SELECT count(*) FROM scan_runs") == 2, "second run recorded")

    # ---- the mbox grows: only the new message is read
    with open(mbox, "a") as f:
        f.write(mbox_entry(dsn(12, "a.example.com", ["ivan@example.jp"], day="08")))
    p = run("scan", "--db", db, mbox)
    n = summary_numbers(p.stdout)
    check(n[0] == 1, "grown mbox: read %d messages, expected 1: %s" % (n[0], p.stdout))
    check(db_count(db, "SELECT count(*) FROM messages") == 8, "grown mbox: messages")
    check(db_count(db, "SELECT count(*) FROM messages WHERE mbox_index = 3") == 1,
          "grown mbox: the new message's number")

    # ---- a copy in a second folder counts once
    other = os.path.join(tmp, "Other")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(other, sub))
    shutil.copy(os.path.join(maildir, "new/1700000002.M2P1.host"),
                os.path.join(other, "cur/copied:2,S"))
    p = run("scan", "--db", db, maildir, other)
    n = summary_numbers(p.stdout)
    check(n[0] == 0 and n[4] == 0, "copied message was counted again: %s" % p.stdout)
    check("1 already known" in p.stdout, "summary does not say the copy was known: %s" % p.stdout)
    check(db_count(db, "SELECT count(*) FROM messages") == 8, "copy added a message")
    check(db_count(db, "SELECT count(*) FROM failures WHERE is_failure = 1") == 8, "copy added failures")

    # ---- a second scan while one holds the database stops with a clear message
    with LockHolder(db):
        p = run("scan", "--db", db, mbox, ok=False)
        check(p.returncode != 0, "a scan ran while another held the database")
        check("another scan" in p.stderr, "no clear busy message: %r" % p.stderr)
    check(db_count(db, "SELECT count(*) FROM messages") == 8, "busy scan changed the history")


def reports(tmp, db):
    """the HTML report and the CSV files"""
    html = os.path.join(tmp, "report.html")
    csvdir = os.path.join(tmp, "csv")
    run("report", "--db", db, "--html", html, "--csv", csvdir)
    page = check_html(html)
    rows = check_csv_dir(csvdir)
    check(len(rows) == 8, "failures.csv has %d rows, expected 8" % len(rows))
    check({r["sender_domain"] for r in rows} == {"a.example.com", "b.example.net"},
          "failures.csv senders: %s" % {r["sender_domain"] for r in rows})
    check(all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", r["time_utc"]) for r in rows),
          "time_utc is not ISO 8601 UTC")
    domains = list(csv.DictReader(open(os.path.join(csvdir, "by-domain.csv"), newline="", encoding="utf-8")))
    by_dest = {d["destination"]: d for d in domains}
    check(by_dest.get("example.org", {}).get("failures") == "3"
          and by_dest["example.org"]["recipients"] == "3", "by-domain example.org: %s" % domains)
    check([d["failures"] for d in domains] == sorted([d["failures"] for d in domains], key=int, reverse=True),
          "by-domain is not sorted by failures")
    check("example.org" in page and "bcustomer-dest.example" in page,
          "the full report lacks a destination domain")
    # by-day.csv: the day's failures split by reason family, summing to its failures
    days = list(csv.DictReader(open(os.path.join(csvdir, "by-day.csv"), newline="", encoding="utf-8")))
    families = ["failures_reputation", "failures_address", "failures_mailbox_full", "failures_other"]
    for d in days:
        check(sum(int(d[f]) for f in families) == int(d["failures"]), "by-day families: %s" % d)
    by_day = {d["day"]: d for d in days}
    check(by_day["2024-03-06"]["failures_reputation"] == "1" and by_day["2024-03-07"]["failures_mailbox_full"] == "1",
          "by-day families: %s" % days)
    senders = list(csv.DictReader(open(os.path.join(csvdir, "by-sender-domain.csv"), newline="", encoding="utf-8")))
    check({d["sender_domain"]: d["failures"] for d in senders} == {"a.example.com": "7", "b.example.net": "1"},
          "by-sender-domain.csv: %s" % senders)
    return page


def customer_report(tmp, db):
    """a customer's report names no other sender, anywhere"""
    chtml = os.path.join(tmp, "customer.html")
    ccsv = os.path.join(tmp, "customer-csv")
    run("report", "--db", db, "--html", chtml, "--csv", ccsv, "--sender-domain", "a.example.com",
        "--lang", "ja")
    cpage = check_html(chtml)
    crows = check_csv_dir(ccsv)
    check(len(crows) == 7, "customer failures.csv has %d rows, expected 7" % len(crows))
    everything = cpage + "".join(open(os.path.join(ccsv, f), encoding="utf-8").read()
                                 for f in os.listdir(ccsv))
    for word in ("b.example.net", "bcustomer-dest", "198.51.100.77", "erin@", "1700000005",
                 "1700000003"):
        check(word not in everything, "the a.example.com report contains %r" % word)
    check("a.example.com" in cpage, "the customer report does not name its sender domain")


def dates_and_adhoc(tmp, db, page, maildir, mbox):
    """--since/--until; reproducible with SOURCE_DATE_EPOCH; ad hoc: bouncescan DIR -o OUT"""
    # ---- dates
    drange = os.path.join(tmp, "range-csv")
    run("report", "--db", db, "--csv", drange, "--since", "2024-03-07", "--until", "2024-03-07")
    rrows = list(csv.DictReader(open(os.path.join(drange, "failures.csv"), newline="", encoding="utf-8")))
    check(len(rrows) == 2 and all(r["day"] == "2024-03-07" for r in rrows),
          "--since/--until: %s" % [r["day"] for r in rrows])

    # ---- reproducible with SOURCE_DATE_EPOCH
    again = os.path.join(tmp, "again.html")
    run("report", "--db", db, "--html", again)
    check(open(again, encoding="utf-8").read() == page, "two reports of the same history differ")

    # ---- ad hoc: bouncescan DIR -o OUT
    out = os.path.join(tmp, "adhoc")
    p = run(maildir, mbox, "-o", out)
    n = summary_numbers(p.stdout)
    check(n[0] == 8 and n[4] == 8, "ad-hoc summary: %s" % p.stdout)
    check_html(os.path.join(out, "report.html"))
    arows = check_csv_dir(out)
    check(len(arows) == 8, "ad-hoc failures.csv has %d rows" % len(arows))


if __name__ == "__main__":
    main()
