#!/usr/bin/env python3
"""`bouncescan changes` and `bouncescan prune` over a month of nightly scans.

Four scans of a Maildir that grows: a sending IP refused (Spamhaus), a
destination that starts failing, a Microsoft S3150 refusal, the first IP
clearing after the quiet period and coming back, a second customer.  After
each scan, `changes` (since the previous scan) must list exactly what is new,
what came back and what cleared, with dates and counts, exit 3 when
something is new or came back and 0 otherwise, and print nothing with
--quiet unless something is new.  Then --since, --quiet-days, --kind,
--sender-domain, --as-of, the HTML report's section, usage errors, and
prune (dry run, what it deletes, what it keeps: content hashes against a
re-import, and the per-day counts that changes reads).
SPDX-License-Identifier: BSD-2-Clause
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, NO_HISTORY, LockHolder, argv, check, dsn, fail, run, run_in_tmp, write  # noqa: E402
from nightly import query, summary, value  # noqa: E402

SPAMHAUS = "550 5.7.1 Service unavailable; client [{ip}] blocked using zen.spamhaus.org"
S3150 = ("550 5.7.1 Unfortunately, messages from [{ip}] weren't sent. Please contact your Internet"
         " service provider since part of their network is on our block list (S3150).")
UNKNOWN = "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown"

COUNTER = [0]


def bounce(md, day, rcpt, diag, ip=None, status="5.7.1", sender="taro@shop.example.jp"):
    """One bounce dated `day` (YYYY-MM-DD, noon UTC) into the Maildir."""
    COUNTER[0] += 1
    n = COUNTER[0]
    y, m, d = day.split("-")
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    date = "%s %s %s 12:00:%02d +0000" % (d, months[int(m) - 1], y, n % 60)
    data = dsn(rcpt, status=status, diag=diag.format(ip=ip, rcpt=rcpt), sender=sender,
               msgid="chg-%d@example.jp" % n)
    data = data.replace(b"Date: Wed, 25 Nov 2026 10:00:05 +0900", b"Date: " + date.encode())
    write(os.path.join(md, "new", "%d.M%dP9.test" % (1709000000 + n, n)), data)


def changes(db, *args, rc=None, kind=True):
    """`changes` with --kind all (the subjects' lists) unless another
    --kind is given or kind is False (the incidents alone: the default)."""
    if kind and "--kind" not in args:
        args = ("--kind", "all") + args
    p = subprocess.run([BIN, *argv(["changes", "--db", db, "--tz", "UTC", *args])], capture_output=True,
                       text=True, timeout=60)
    if rc is not None and p.returncode != rc:
        fail("changes %s: exit %d, expected %d\n%s%s" % (" ".join(args), p.returncode, rc, p.stdout,
                                                        p.stderr))
    return p.returncode, p.stdout, p.stderr


def section(out, title):
    """The lines under "Title (N):" in the text, as a list."""
    m = re.search(r"(?m)^%s \((\d+)\):\n((?:  .*\n)*)" % re.escape(title), out)
    return [] if m is None else [l.strip() for l in m.group(2).splitlines()]


def has(lines, *words):
    return any(all(w in l for w in words) for l in lines)


def expect(out, title, *words):
    check(has(section(out, title), *words), "no %r line with %s in:\n%s" % (title, words, out))


def main():
    run_in_tmp("bs-changes-", work)


def scan(db, md):
    rc, out, err = run("scan", "--db", db, md, check_rc=0)
    return summary(out)


def work(tmp):
    md = os.path.join(tmp, "Maildir")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(md, sub))
    db = os.path.join(tmp, "history.db")

    first_scans(db, md)
    comes_back(db, md)
    options(db)
    html_section(tmp, db)
    prune(db, md)


def first_scans(db, md):
    """no history; scan 1: new problems; scan 2: nothing new; scan 3: new
    ones and the first IP cleared"""
    # ---- no history yet
    rc, out, err = changes(db)
    check(rc == 1 and NO_HISTORY in err, "changes without a history: %d %r" % (rc, err))

    # ---- scan 1: an IP refused by Spamhaus at example.org, an unknown user at example.net
    bounce(md, "2024-03-01", "a1@example.org", SPAMHAUS, ip="192.0.2.7")
    bounce(md, "2024-03-01", "a2@example.org", SPAMHAUS, ip="192.0.2.7")
    bounce(md, "2024-03-02", "n1@example.net", UNKNOWN, status="5.1.1")
    scan(db, md)
    rc, out, err = changes(db, rc=3)
    check("the first scan" in out, "first scan not said: %s" % out)
    expect(out, "New", "sending IP", "192.0.2.7", "first failure 2024-03-01", "2 failures on 1 day")
    expect(out, "New", "blocklist", "spamhaus-zen", "2024-03-01")
    expect(out, "New", "destination", "example.org")
    expect(out, "New", "destination", "example.net", "first failure 2024-03-02", "1 failure on 1 day")
    check(section(out, "Cleared") == [] and section(out, "Came back") == [], "scan 1: %s" % out)
    check("judged at 2024-03-02" in out, "reference day: %s" % out)
    rc2, out2, err2 = changes(db, rc=3)
    check(out2 == out, "changes twice after the same scan differ")
    rc, quiet, err = changes(db, "--quiet", rc=3)
    check(quiet == out, "--quiet hides new problems")
    # by default, the incidents only: the refused IP, by whom, for whom
    rc, out, err = changes(db, rc=3, kind=False)
    check(re.search(r"(?m)^OPENED +192\.0\.2\.7 refused by Spamhaus ZEN \(spamhaus-zen\) since"
                    r" 2024-03-01 12:00: 2 failures; customers shop\.example\.jp 2$", out)
          and "Next step (192.0.2.7 spamhaus-zen): " in out, "the incident line: %s" % out)
    check("example.net" not in out and "New (" not in out, "address noise by default: %s" % out)
    data = json.loads(changes(db, "--json", rc=3, kind=False)[1])
    inc = data["incidents"]
    check(len(inc) == 1 and inc[0]["event"] == "opened" and inc[0]["state"] == "active"
          and inc[0]["sending_ips"] == ["192.0.2.7"] and inc[0]["first"] == "2024-03-01T12:00:01+00:00"
          and inc[0]["sender_domains"][0]["domain"] == "shop.example.jp"
          and inc[0]["episodes"][0]["end"] is None, "changes --json: %s" % inc)
    rc, out, err = changes(db, "--lang", "ja", rc=3, kind=False)
    check("【発生】192.0.2.7 が Spamhaus ZEN（spamhaus-zen）に拒否されています（2024-03-01 12:00 から）" in out
          and "次の対応（192.0.2.7 spamhaus-zen）" in out, "changes --lang ja: %s" % out)
    # an incident's next step speaks of the customers' mail; explain's, of its recipient
    check("影響を受けた顧客のメールを別の SMTP リレー" in out, "the incident's relay advice (ja): %s" % out)
    rc, out, err = changes(db, rc=3, kind=False)
    check("Meanwhile, the affected customers' mail can go out through another SMTP relay" in out
          and "mail to this recipient" not in out, "the incident's relay advice: %s" % out)
    first = os.path.join(md, "new", sorted(os.listdir(os.path.join(md, "new")))[0])
    p = subprocess.run([BIN, "explain", "--lang", "en", first], capture_output=True, text=True,
                       timeout=60)
    check("Meanwhile, mail to this recipient can go out through another SMTP relay" in p.stdout
          and "affected customers" not in p.stdout, "explain keeps its own wording: %s" % p.stdout)

    # ---- scan 2: nothing new
    n = scan(db, md)
    check(n[0] == 0, "scan 2 read %d messages" % n[0])
    rc, out, err = changes(db, rc=0)
    check("Nothing new" in out and "scan 2" in out and "since scan 1" in out, "scan 2: %s" % out)
    check("Still failing: 4." in out, "still failing after scan 2: %s" % out)
    rc, out, err = changes(db, "--quiet", rc=0)
    check(out == "" and err == "", "--quiet printed %r %r when nothing was new" % (out, err))
    rc, out, err = changes(db, "--quiet", rc=0, kind=False)
    check(out == "", "-q printed %r with no incident news" % out)

    # ---- scan 3: example.net fails again within the quiet period (same
    # episode), an S3150 refusal from another IP; the first IP has cleared
    bounce(md, "2024-03-08", "n2@example.net", UNKNOWN, status="5.1.1")
    bounce(md, "2024-03-12", "h1@hotmail.example", S3150, ip="198.51.100.9")
    scan(db, md)
    rc, out, err = changes(db, rc=3)
    for kind, val in (("sending IP", "198.51.100.9"), ("destination", "hotmail.example"),
                      ("blocklist", "microsoft-olc"), ("provider code", "S3150")):
        expect(out, "New", kind, val, "first failure 2024-03-12")
    check(not has(section(out, "New"), "example.net"), "example.net is not new: %s" % out)
    expect(out, "Cleared", "sending IP", "192.0.2.7", "cleared 2024-03-08", "no failure since 2024-03-01",
           "2 failures on 1 day")
    expect(out, "Cleared", "blocklist", "spamhaus-zen", "cleared 2024-03-08")
    expect(out, "Cleared", "destination", "example.org")
    check(not has(section(out, "Cleared"), "example.net"), "example.net has not cleared: %s" % out)
    check(len(section(out, "New")) == 4 and len(section(out, "Cleared")) == 3, "scan 3: %s" % out)
    rc, out, err = changes(db, rc=3, kind=False)
    check(re.search(r"(?m)^OPENED +198\.51\.100\.9 refused by Outlook\.com / Hotmail", out)
          and re.search(r"(?m)^CLEARED +192\.0\.2\.7 no longer refused by Spamhaus ZEN"
                        r" \(spamhaus-zen\): cleared 2024-03-08, nothing since 2024-03-01", out)
          and "example.net" not in out, "scan 3's incidents: %s" % out)


def comes_back(db, md):
    """scan 4: the first IP comes back; a second customer's IP is refused"""
    # ---- scan 4: the first IP comes back; a second customer's IP is refused
    bounce(md, "2024-03-20", "a3@example.org", SPAMHAUS, ip="192.0.2.7")
    bounce(md, "2024-03-20", "c1@example.com", SPAMHAUS, ip="203.0.113.50", sender="info@b.example.net")
    scan(db, md)
    rc, out, err = changes(db, rc=3)
    expect(out, "Came back", "sending IP", "192.0.2.7", "failing again since 2024-03-20",
           "had cleared 2024-03-08", "last failure before 2024-03-01", "1 failure on 1 day")
    expect(out, "Came back", "blocklist", "spamhaus-zen")
    expect(out, "Came back", "destination", "example.org")
    expect(out, "New", "sending IP", "203.0.113.50")
    expect(out, "New", "destination", "example.com")
    expect(out, "Cleared", "destination", "example.net", "cleared 2024-03-15", "2 failures on 2 days",
           "from 2024-03-02")
    expect(out, "Cleared", "provider code", "S3150", "cleared 2024-03-19")
    rc, out, err = changes(db, rc=3, kind=False)
    check(re.search(r"(?m)^RETURNED +192\.0\.2\.7 refused again by Spamhaus ZEN \(spamhaus-zen\)"
                    r" since 2024-03-20 12:00 \(episode 2; had cleared 2024-03-08\)", out)
          and re.search(r"(?m)^OPENED +203\.0\.113\.50 .*customers b\.example\.net 1$", out),
          "scan 4's incidents: %s" % out)
    rc, out, err = changes(db, "--limit", "1", rc=3, kind=False)
    check(len(re.findall(r"(?m)^(OPENED|RETURNED) ", out)) == 1
          and "... and 2 more incidents with news (--limit 0 shows all)." in out,
          "--limit 1: %s" % out)


def options(db):
    """--kind, --quiet-days, --since, --as-of, --until, --sender-domain; usage"""
    rc, out, err = changes(db, "--kind", "ip", rc=3)
    check(all(l.startswith("sending IP") for t in ("New", "Came back", "Cleared")
              for l in section(out, t)), "--kind ip: %s" % out)
    rc, out, err = changes(db, "--kind", "provider_code", rc=3)
    check(section(out, "New") == [] and has(section(out, "Cleared"), "S3150"), "--kind provider_code: %s" % out)
    # --quiet-days: with 30 days the IP never cleared, so nothing came back
    rc, out, err = changes(db, "--quiet-days", "30", "--kind", "blocklist", rc=3)
    check(section(out, "Came back") == [] and section(out, "Cleared") == [], "--quiet-days 30: %s" % out)
    # --since a date
    rc, out, err = changes(db, "--since", "2024-03-10", rc=3)
    expect(out, "New", "sending IP", "198.51.100.9")
    expect(out, "Came back", "sending IP", "192.0.2.7")
    check(not has(section(out, "New"), "192.0.2.7"), "--since: 192.0.2.7 was new before: %s" % out)
    check(not has(section(out, "Cleared"), "192.0.2.7"), "--since: cleared before the date: %s" % out)
    expect(out, "Cleared", "hotmail.example", "cleared 2024-03-19")
    # --as-of: a month later everything has cleared
    rc, out, err = changes(db, "--since", "2024-03-21", "--as-of", "2024-04-30", rc=3)
    check("Still failing: 0." in out and has(section(out, "Cleared"), "192.0.2.7", "cleared 2024-03-27"),
          "--as-of: %s" % out)
    # --until: as the history stood on 2024-03-12
    rc, out, err = changes(db, "--since", "2024-03-01", "--until", "2024-03-12", rc=3)
    check(not has(section(out, "Came back"), "192.0.2.7") and "judged at 2024-03-12" in out,
          "--until: %s" % out)
    # a customer sees its own sender's changes only
    rc, out, err = changes(db, "--sender-domain", "b.example.net", rc=3)
    check("203.0.113.50" in out and "192.0.2.7" not in out and "example.org" not in out,
          "--sender-domain: %s" % out)
    # usage
    for args in (("--since", "2024-3-1"), ("--since", "2024-03-01", "--since-last-scan"),
                 ("--kind", "colour"), ("--quiet-days", "0"), ("extra",)):
        rc, out, err = changes(db, *args)
        check(rc == 2 and err, "changes %s: exit %d %r" % (args, rc, err))


def html_section(tmp, db):
    """the HTML report's section of changes, and a customer's"""
    html = os.path.join(tmp, "r.html")
    run("report", "--db", db, "--html", html, check_rc=0)
    page = open(html, encoding="utf-8").read()
    m = re.search(r'<section id="changes">(.*?)</section>', page, re.S)
    check(m is not None, "the report has no changes section")
    sec = m.group(1)
    check(re.search(r'<tr class="change-back">.*?192\.0\.2\.7.*?20 Mar 2024', sec, re.S) is not None,
          "the section lacks the IP that came back: %s" % sec[:2000])
    check('class="change-new"' in sec and 'class="change-cleared"' in sec, "section rows: %s" % sec[:2000])
    # each incident's next step on the page speaks of the customers' mail
    arts = re.findall(r'<article class="problem incident.*?</article>', page, re.S)
    check(arts and all("the affected customers&#39; mail can go out through another SMTP relay" in a
                       for a in arts) and "mail to this recipient" not in "".join(arts),
          "the incidents' next step on the page: %s" % "".join(arts)[:3000])
    run("report", "--db", db, "--html", html, "--sender-domain", "b.example.net", "--lang", "ja",
        check_rc=0)
    page = open(html, encoding="utf-8").read()
    check("192.0.2.7" not in page and "203.0.113.50" in page, "the customer report's changes leak")
    check("再発" in page or "新規" in page, "no Japanese labels in the section")


def prune(db, md):
    """prune: a dry run, the records gone, not imported again, the scan lock"""
    before = value(db, "SELECT count(*) FROM failures")
    rc, out, err = run("prune", "--db", db, "--older-than", "2024-03-10", "--dry-run", check_rc=0)
    check("Would delete 4 records" in out, "dry run: %s" % out)
    check(value(db, "SELECT count(*) FROM failures") == before, "the dry run deleted")
    days = query(db, "SELECT * FROM failure_days ORDER BY 1, 2, 3, 4")
    rc, out, err = run("prune", "--db", db, "--older-than", "2024-03-10", "--vacuum", check_rc=0)
    check("Deleted 4 records" in out and "4 bounces" in out, "prune: %s" % out)
    check(value(db, "SELECT count(*) FROM failures") == before - 4, "prune deleted the wrong rows")
    check(value(db, "SELECT min(day) FROM failures") == "2024-03-12", "records before the cutoff remain")
    check(value(db, "SELECT count(*) FROM messages WHERE pruned IS NOT NULL") == 4, "pruned marks")
    check(value(db, "SELECT count(*) FROM messages") == 7, "prune deleted messages (their hashes)")
    check(query(db, "SELECT * FROM failure_days ORDER BY 1, 2, 3, 4") == days, "prune changed failure_days")
    # the pruned bounces are not imported again, even when their files look new
    for sub in ("new", "cur"):
        for f in os.listdir(os.path.join(md, sub)):
            os.utime(os.path.join(md, sub, f), (1500000000, 1500000000))
    n = scan(db, md)
    check(n[0] == 0 and n[6] == 7, "after prune, a re-scan: %s" % n)
    check(value(db, "SELECT count(*) FROM failures") == before - 4, "pruned records came back")
    # and changes still knows the IP's history
    rc, out, err = changes(db, "--since", "2024-03-15", rc=3)
    expect(out, "Came back", "192.0.2.7", "last failure before 2024-03-01")
    # relative ages; usage
    rc, out, err = run("prune", "--db", db, "--older-than", "180d", "--dry-run", check_rc=0)
    check("Would delete %d records" % (before - 4) in out, "180d dry run: %s" % out)
    for bad in ("soon", "0d", "12x", "2024-13-01"):
        rc, out, err = run("prune", "--db", db, "--older-than", bad)
        check(rc == 2, "prune --older-than %s: exit %d" % (bad, rc))
    rc, out, err = run("prune", "--db", db)
    check(rc == 2, "prune without an age: exit %d" % rc)
    # prune takes the scan lock
    with LockHolder(db):
        rc, out, err = run("prune", "--db", db, "--older-than", "180d")
        check(rc == 4 and "in use" in err, "prune while a scan runs: exit %d %r" % (rc, err))
        # a reader is not stopped by a scan
        rc, out, err = changes(db, rc=0)
        check("Nothing new" in out, "changes while a scan holds the lock: %s" % out)


if __name__ == "__main__":
    main()
