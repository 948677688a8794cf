#!/usr/bin/env python3
# test_check.py - live checks (--check) for real, with no internet: starts
# unbound on 127.0.0.1 at a free port with zones written here (a fake
# Spamhaus ZEN and SpamCop, PTR and A/AAAA records forward-confirmed and
# not, SPF and DMARC TXT records, a name that never answers), then runs
# `bouncescan scan|report|explain --check --resolver 127.0.0.1@PORT` on a
# mailbox of bounces naming those IPs, and checks what lands in the history
# (with the time of each check) and what the text, the HTML report and
# explain say.  Three rounds with different zone data give the history
# "listed since", "delisted on" and "listed again on".
#
# Skips (exit 77) when unbound (Debian package "unbound") is not installed.
# Environment: BOUNCESCAN (the binary).
# SPDX-License-Identifier: BSD-2-Clause

import datetime
import email.utils
import json
import os
import re
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bsutil  # noqa: E402
from bsutil import check, fail  # noqa: E402

BIN = os.environ.get("BOUNCESCAN", "bouncescan")
UNBOUND = shutil.which("unbound") or next(
    (p for p in ("/usr/sbin/unbound", "/sbin/unbound") if os.access(p, os.X_OK)), None)

# the lists under test, in zones of their own (RFC 6761 .test names)
ZONES = ["--dnsbl", "spamhaus-zen,spamcop",
         "--dnsbl-zone", "spamhaus-zen=zen.test", "--dnsbl-zone", "spamcop=spamcop.test",
         "--dnsbl-zone", "spamhaus-dbl=dbl.test", "--dns-timeout", "1.5"]

NOW = time.time()


def rfc2822(days_ago):
    return email.utils.formatdate(NOW - days_ago * 86400, localtime=False)


def bounce(n, rcpt, diag, status="5.7.1", sender="news@example.org", days_ago=1):
    """An RFC 3464 bounce written days_ago, for one recipient."""
    date = rfc2822(days_ago)
    return f"""From: MAILER-DAEMON@relay.example.net (Mail Delivery System)
To: {sender}
Subject: Undelivered Mail Returned to Sender
Date: {date}
Message-ID: <bounce-{n}@relay.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BB{n}"

--BB{n}
Content-Type: text/plain

Your message could not be delivered.

--BB{n}
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example.net

Final-Recipient: rfc822; {rcpt}
Action: failed
Status: {status}
Diagnostic-Code: smtp; {diag}
Last-Attempt-Date: {date}

--BB{n}
Content-Type: text/rfc822-headers

From: {sender}
To: {rcpt}
Subject: News {n}
Date: {date}
Message-ID: <{n}@example.org>

--BB{n}--
""".encode()


BOUNCES = [
    # 192.0.2.2: on ZEN (SBL) and SpamCop; PTR forward-confirmed
    ("a@example.jp", "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using "
     "zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.2", 1),
    ("b@example.jp", "550 5.7.1 Your email was rejected due to the IP 192.0.2.2 being listed "
     "in Spamhaus SBL", 1),
    # 192.0.2.3: named by the bounce, not listed now; PTR not forward-confirmed
    ("c@example.jp", "554 5.7.1 Service unavailable; Client host [192.0.2.3] blocked using "
     "zen.spamhaus.org", 2),
    # 192.0.2.4: ZEN answers 127.255.255.254 (public resolver): never "listed"
    ("d@example.jp", "554 5.7.1 Service unavailable; Client host [192.0.2.4] blocked using "
     "bl.spamcop.net", 1),
    # 192.0.2.5: ZEN never answers
    ("e@example.jp", "554 5.7.1 Service unavailable; Client host [192.0.2.5] blocked using "
     "zen.spamhaus.org", 1),
    # IPv6: on ZEN (XBL) by its reversed nibbles; PTR forward-confirmed
    ("f@example.jp", "554 5.7.1 Service unavailable; Client host [2001:db8::25] blocked using "
     "zen.spamhaus.org", 1),
    # Outlook.com's own block list: no DNS can tell
    ("g@hotmail.com", "550 5.7.1 Unfortunately, messages from [192.0.2.6] weren't sent. Please "
     "contact your Internet service provider since part of their network is on our block list "
     "(S3150). You can also refer your provider to "
     "http://mail.live.com/mail/troubleshooting.aspx#errors.", 3),
]
# a domain on the Spamhaus DBL, no IP named: the sender domain is asked
DBL_BOUNCE = ("k@icloud.com", "550 5.7.1 Your email was rejected due to having a domain present "
              "in the Spamhaus DBL -- see https://www.spamhaus.org/dbl/", "5.7.1", "shop@example.org")
AUTH_BOUNCE = ("h@gmail.com", "550-5.7.26 This mail has been blocked because the sender is "
               "unauthenticated. Gmail requires all senders to authenticate with either SPF or "
               "DKIM. Authentication results: DKIM = did not pass SPF [example.com] with ip: "
               "[192.0.2.7] = did not pass", "5.7.26", "info@example.com")


def nibbles(ip6_hex32):
    return ".".join(reversed(ip6_hex32))


V6 = "20010db8000000000000000000000025"


def unbound_conf(tmp, port, blackhole, round_):
    """The zones of one round: 1 listed, 2 delisted, 3 listed again."""
    zen_2 = {1: "127.0.0.2", 2: None, 3: "127.0.0.2"}[round_]
    lines = [
        "server:",
        "  interface: 127.0.0.1",
        f"  port: {port}",
        "  do-daemonize: no",
        "  username: \"\"",
        "  chroot: \"\"",
        f"  directory: \"{tmp}\"",
        "  pidfile: \"\"",
        "  use-syslog: no",
        "  logfile: \"\"",
        "  verbosity: 1",
        "  num-threads: 1",
        "  do-ip6: no",
        "  do-not-query-localhost: no",
        "  access-control: 127.0.0.0/8 allow",
        "  module-config: \"iterator\"",
        "  cache-max-ttl: 0",
        # nothing leaves this server: every other name is refused
        "  local-zone: \".\" refuse",
        "  local-zone: \"zen.test.\" static",
        "  local-data: \"4.2.0.192.zen.test. A 127.255.255.254\"",
        f"  local-data: \"{nibbles(V6)}.zen.test. A 127.0.0.4\"",
        # one name under the zone is delegated to a server that never answers
        "  local-zone: \"5.2.0.192.zen.test.\" transparent",
        "  local-zone: \"dbl.test.\" static",
        "  local-data: \"example.org.dbl.test. A 127.0.1.2\"",
        "  local-zone: \"spamcop.test.\" static",
        "  local-data: \"2.2.0.192.spamcop.test. A 127.0.0.2\"",
        "  local-zone: \"2.0.192.in-addr.arpa.\" static",
        "  local-data: \"2.2.0.192.in-addr.arpa. PTR mail.example.net.\"",
        "  local-data: \"3.2.0.192.in-addr.arpa. PTR host.example.net.\"",
        "  local-zone: \"8.b.d.0.1.0.0.2.ip6.arpa.\" static",
        f"  local-data: \"{nibbles(V6)}.ip6.arpa. PTR mail6.example.net.\"",
        "  local-zone: \"example.net.\" static",
        "  local-data: \"mail.example.net. A 192.0.2.2\"",
        "  local-data: \"host.example.net. A 198.51.100.9\"",
        "  local-data: \"mail6.example.net. AAAA 2001:db8::25\"",
        "  local-zone: \"example.com.\" static",
        "  local-data: 'example.com. TXT \"v=spf1 ip4:192.0.2.0/24\" \" -all\"'",
        "  local-data: 'example.com. TXT \"google-site-verification=abc\"'",
        "  local-data: '_dmarc.example.com. TXT \"v=DMARC1; p=reject; rua=mailto:d@example.com\"'",
    ]
    if zen_2:
        lines.append(f"  local-data: \"2.2.0.192.zen.test. A {zen_2}\"")
    lines += ["stub-zone:", "  name: \"5.2.0.192.zen.test.\"",
              f"  stub-addr: 127.0.0.1@{blackhole}"]
    path = os.path.join(tmp, "unbound.conf")
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return path


def free_port():
    """A port free for both UDP and TCP on 127.0.0.1."""
    for _ in range(50):
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind(("127.0.0.1", 0))
        port = u.getsockname()[1]
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            t.bind(("127.0.0.1", port))
        except OSError:
            u.close()
            continue
        t.close()
        u.close()
        return port
    fail("no free port")


def dns_query(port, name, qtype=1):
    """rcode of one query to the test server, or None without an answer."""
    qname = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".") if p) + b"\0"
    packet = struct.pack(">HHHHHH", 0x4242, 0x0100, 1, 0, 0, 0) + qname + struct.pack(">HH", qtype, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.5)
    try:
        s.sendto(packet, ("127.0.0.1", port))
        data, _ = s.recvfrom(4096)
        return data[3] & 0x0F
    except OSError:
        return None
    finally:
        s.close()


class Server:
    def __init__(self, tmp, port, blackhole):
        self.tmp, self.port, self.blackhole, self.proc = tmp, port, blackhole, None

    def start(self, round_):
        conf = unbound_conf(self.tmp, self.port, self.blackhole, round_)
        check(subprocess.run([UNBOUND, "-d", "-c", conf, "-h"], capture_output=True).returncode
              in (0, 1), "unbound runs")
        log = open(os.path.join(self.tmp, "unbound-%d.log" % round_), "wb")
        self.proc = subprocess.Popen([UNBOUND, "-d", "-c", conf], stdout=log, stderr=log)
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.proc.poll() is not None:
                with open(log.name, errors="replace") as fh:
                    fail("unbound exited %d: %s" % (self.proc.returncode, fh.read()[-2000:]))
            if dns_query(self.port, "mail.example.net") == 0:
                return
            time.sleep(0.1)
        fail("unbound did not answer on port %d" % self.port)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def run(*args, ok=True, timeout=90):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    p = subprocess.run([BIN, *args], capture_output=True, text=True, env=env, timeout=timeout)
    if ok and p.returncode != 0:
        fail("bouncescan %s exited %d\nstdout: %s\nstderr: %s"
             % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def rows(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def latest(db, kind, subject, lst=None):
    r = rows(db, "SELECT status, answer, listed_as, detail, fix, checked_at FROM checks"
             " WHERE kind = ? AND subject = ? AND (? IS NULL OR list = ?)"
             " ORDER BY checked_at DESC, id DESC LIMIT 1", kind, subject, lst, lst)
    check(r, "a %s check of %s%s in the history" % (kind, subject, " on " + lst if lst else ""))
    return r[0]


def main():
    if UNBOUND is None:
        print("SKIP: unbound (the DNS server, Debian package 'unbound') is not installed; "
              "tools/install-deps installs it")
        sys.exit(77)
    tmp = tempfile.mkdtemp(prefix="bs-check-")
    # the server that never answers: a bound UDP socket nobody reads
    hole = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    hole.bind(("127.0.0.1", 0))
    server = Server(tmp, free_port(), hole.getsockname()[1])
    try:
        body(tmp, server)
    finally:
        server.stop()
        hole.close()
        shutil.rmtree(tmp, ignore_errors=True)


def body(tmp, server):
    mbox = os.path.join(tmp, "bounces.mbox")
    msgs = [bounce(i, r, d, days_ago=days) for i, (r, d, days) in enumerate(BOUNCES)]
    msgs.append(bounce(99, AUTH_BOUNCE[0], AUTH_BOUNCE[1], status=AUTH_BOUNCE[2],
                       sender=AUTH_BOUNCE[3]))
    msgs.append(bounce(98, DBL_BOUNCE[0], DBL_BOUNCE[1], status=DBL_BOUNCE[2], sender=DBL_BOUNCE[3]))
    bsutil.write(mbox, bsutil.mbox(msgs))
    db = os.path.join(tmp, "history.db")
    resolver = ["--resolver", "127.0.0.1@%d" % server.port]

    # the default stays offline: no check without --check
    run("scan", "--db", db, mbox)
    check(rows(db, "SELECT count(*) FROM checks")[0][0] == 0, "no check without --check")

    # bad options are usage errors
    p = run("report", "--db", db, "--html", os.path.join(tmp, "x.html"), "--check",
            "--resolver", "not-an-address", ok=False)
    check(p.returncode == 2 and "--resolver" in p.stderr, "bad --resolver: usage error: %r" % p.stderr)
    p = run("report", "--db", db, "--html", os.path.join(tmp, "x.html"), "--check",
            "--dnsbl", "no-such-list", ok=False)
    check(p.returncode == 2 and "no-such-list" in p.stderr, "unknown --dnsbl: usage error")
    never = os.path.join(tmp, "never.db")
    p = run("scan", "--db", never, "--check", "--dnsbl-zone", "spamhaus-zen", mbox, ok=False)
    check(p.returncode == 2 and not os.path.exists(never), "a bad check option stops before the scan")

    # ---- round 1: listed --------------------------------------------------
    server.start(1)
    started = time.time()
    p = run("scan", "--db", db, "--check", *resolver, *ZONES, mbox)
    elapsed = time.time() - started
    server.stop()
    out = p.stdout
    # one timeout costs one timeout, not one per query
    check(elapsed < 20, "scan --check took %.1f s" % elapsed)

    st = latest(db, "dnsbl", "192.0.2.2", "spamhaus-zen")
    check(st[0] == "listed" and st[1] == "127.0.0.2" and st[2] == "Spamhaus SBL",
          "192.0.2.2 on ZEN: listed as SBL: %r" % (st,))
    check(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", st[5]), "checked_at is UTC ISO 8601: %r" % st[5])
    st = latest(db, "dnsbl", "192.0.2.2", "spamhaus-sbl")
    check(st[0] == "listed", "the SBL sub-list (named by a bounce) read from ZEN's answer: %r" % (st,))
    check(latest(db, "dnsbl", "192.0.2.2", "spamcop")[0] == "listed", "192.0.2.2 on SpamCop")
    check(latest(db, "dnsbl", "192.0.2.3", "spamhaus-zen")[0] == "not-listed", "192.0.2.3 not listed")
    st = latest(db, "dnsbl", "192.0.2.4", "spamhaus-zen")
    check(st[0] == "refused" and st[1] == "127.255.255.254" and "resolver" in st[3] and st[4],
          "127.255.255.254 is a refusal with a fix, never a listing: %r" % (st,))
    check(latest(db, "dnsbl", "192.0.2.4", "spamcop")[0] == "not-listed", "192.0.2.4 on SpamCop")
    check(latest(db, "dnsbl", "192.0.2.5", "spamhaus-zen")[0] == "timeout", "192.0.2.5: timeout")
    check(latest(db, "dnsbl", "2001:db8::25", "spamhaus-zen")[:3] == ("listed", "127.0.0.4", "Spamhaus XBL"),
          "IPv6 asked by reversed nibbles")
    st = latest(db, "no-dns", "192.0.2.6", "microsoft-olc")
    check(st[0] == "not-checked", "Outlook.com cannot be asked over DNS")
    check(latest(db, "ptr", "192.0.2.2")[:2] == ("confirmed", "mail.example.net"), "PTR confirmed")
    check(latest(db, "ptr", "192.0.2.3")[:2] == ("unconfirmed", "host.example.net"), "PTR unconfirmed")
    check(latest(db, "ptr", "192.0.2.4")[0] == "none", "no PTR")
    check(latest(db, "ptr", "2001:db8::25")[:2] == ("confirmed", "mail6.example.net"), "IPv6 PTR")
    st = latest(db, "spf", "example.com")
    check(st[:2] == ("found", "v=spf1 ip4:192.0.2.0/24 -all"), "SPF record, strings joined: %r" % (st,))
    st = latest(db, "dmarc", "example.com")
    check(st[0] == "found" and st[1].startswith("v=DMARC1; p=reject") and "reject" in st[3],
          "DMARC record: %r" % (st,))
    st = latest(db, "dnsbl", "example.org", "spamhaus-dbl")
    check(st[:3] == ("listed", "127.0.1.2", "Spamhaus DBL") and "spam domain" in st[3],
          "the sender domain on the DBL: %r" % (st,))
    check(not rows(db, "SELECT 1 FROM checks WHERE kind IN ('spf', 'dmarc') AND subject = 'example.org'"),
          "SPF/DMARC only for authentication and policy failures")
    # one query per IP and zone per run: the SBL view shares ZEN's query
    q = rows(db, "SELECT query, count(DISTINCT list) FROM checks WHERE subject = '192.0.2.2'"
             " AND kind = 'dnsbl' AND query LIKE '%zen.test' GROUP BY query")
    check(q == [("2.2.0.192.zen.test", 2)], "one ZEN name for ZEN and SBL: %r" % q)
    # the text after scan --check
    for want in ["still listed on Spamhaus ZEN (Spamhaus SBL) as of ",
                 "still listed on Spamhaus SBL as of ",
                 "also listed on SpamCop as of ",
                 "not listed on Spamhaus ZEN as of ",
                 "Spamhaus ZEN cannot be asked through this resolver",
                 "no answer from Spamhaus ZEN as of ",
                 "delisted by Microsoft (Outlook.com)? cannot be checked by DNS: the last bounce was 3 days ago",
                 "PTR mail.example.net, forward-confirmed",
                 "PTR host.example.net does not resolve back to 192.0.2.3",
                 "no PTR record as of ",
                 "SPF v=spf1 ip4:192.0.2.0/24 -all",
                 "DMARC v=DMARC1; p=reject",
                 "still listed on Spamhaus DBL as of "]:
        check(want in out, "scan --check prints %r:\n%s" % (want, out))
    check("listed on Spamhaus ZEN" not in out.split("192.0.2.4:")[1].split("\n  1")[0]
          or "cannot be asked" in out, "192.0.2.4 never shown listed")
    for line in out.splitlines():
        if "192.0.2.4" in line or "127.255.255.254" in line:
            check("still listed" not in line and "also listed" not in line, "refusal not a listing: " + line)

    # ---- round 2: delisted (report --check asks for the report's failures) --
    time.sleep(1.1)
    server.start(2)
    html = os.path.join(tmp, "report.html")
    p = run("report", "--db", db, "--html", html, "--check", *resolver, *ZONES)
    server.stop()
    check(latest(db, "dnsbl", "192.0.2.2", "spamhaus-zen")[0] == "not-listed", "delisted in round 2")
    check("no longer listed on Spamhaus SBL as of " in p.stdout and "(delisted on " in p.stdout,
          "report --check prints the delisting:\n" + p.stdout)
    with open(html, encoding="utf-8") as fh:
        page = fh.read()
    check('<section id="checks">' in page, "the HTML report has the checks section")
    check("no longer listed on Spamhaus SBL" in page, "HTML shows the delisting")
    check("delisted by Microsoft (Outlook.com)? cannot be checked by DNS" in page, "HTML: no-DNS list")
    check("http://" not in page.split('<section id="checks">')[1].split("</section>")[0].replace(
          "http://mail.live.com", ""), "no link fetched")
    # `changes` tells it too, from the history, without asking the DNS again
    p = run("changes", "--db", db, "--since", "2000-01-01", ok=None)
    check("no longer listed on Spamhaus SBL as of " in p.stdout,
          "changes prints what the last checks said:\n" + p.stdout)
    # ... and on the incident's own line, and in report --json
    check(re.search(r"(?m)^[A-Z]+ +192\.0\.2\.2 .*\(spamhaus-zen\).*; live check: no longer listed$",
                    p.stdout), "the incident's line lacks its live check:\n" + p.stdout)
    js = os.path.join(tmp, "incidents.json")
    run("report", "--db", db, "--json", js)
    with open(js, encoding="utf-8") as fh:
        incidents = {i["key"]: i for i in json.load(fh)["incidents"]}
    live = (incidents.get("192.0.2.2 spamhaus-zen") or {}).get("live_check") or {}
    check(live.get("status") == "not-listed" and live.get("checked_at"),
          "report --json: the incident's live check: %r" % live)

    # ---- round 3: listed again (scan --check follows what was listed) ------
    time.sleep(1.1)
    server.start(3)
    p = run("scan", "--db", db, "--check", *resolver, *ZONES, mbox)
    server.stop()
    check(re.search(r"listed again on Spamhaus SBL since \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d \(delisted on ",
                    p.stdout), "listed again, in the page's date format:\n" + p.stdout)
    hist = rows(db, "SELECT status FROM checks WHERE subject = '192.0.2.2' AND list = 'spamhaus-sbl'"
                " ORDER BY checked_at, id")
    check([h[0] for h in hist] == ["listed", "not-listed", "listed"], "SBL history: %r" % hist)
    times = rows(db, "SELECT DISTINCT checked_at FROM checks WHERE subject = '192.0.2.2'"
                 " AND list = 'spamhaus-sbl' ORDER BY 1")
    check(len(times) == 3, "each check has its own time: %r" % times)
    # --tz: the checks' times in the report's zone and the page's own format,
    # English and Japanese, in `changes` and on the page
    at = datetime.datetime.strptime(times[-1][0], "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(hours=9)
    en_at = "%d %s %d %02d:%02d" % (at.day, at.strftime("%b"), at.year, at.hour, at.minute)
    ja_at = "%d年%d月%d日 %02d:%02d" % (at.year, at.month, at.day, at.hour, at.minute)
    p = run("changes", "--db", db, "--since", "2000-01-01", "--tz", "Asia/Tokyo", "--lang", "en", ok=None)
    check("Live checks (DNS), times in Asia/Tokyo:" in p.stdout
          and "still listed as of %s" % en_at in p.stdout, "changes --tz (%s):\n%s" % (en_at, p.stdout))
    p = run("changes", "--db", db, "--since", "2000-01-01", "--tz", "Asia/Tokyo", "--lang", "ja", ok=None)
    check("（時刻は Asia/Tokyo）" in p.stdout and "%s 時点で登録中" % ja_at in p.stdout,
          "changes --tz --lang ja (%s):\n%s" % (ja_at, p.stdout))
    run("report", "--db", db, "--html", html, "--tz", "Asia/Tokyo", "--lang", "ja")
    with open(html, encoding="utf-8") as fh:
        section = fh.read().split('<section id="checks">')[1].split("</section>")[0]
    check("時刻は Asia/Tokyo" in section and "%s 時点で登録中" % ja_at in section and "UTC" not in section,
          "the page's checks in Asia/Tokyo (%s):\n%s" % (ja_at, section))

    # ---- explain --check: the message's own IP and domain, nothing stored ---
    server.start(1)
    one = os.path.join(tmp, "one.eml")
    bsutil.write(one, bounce(1, BOUNCES[0][0], BOUNCES[0][1]))
    p = run("explain", "--check", *resolver, *ZONES, one)
    check("Live checks" in p.stdout and "192.0.2.2 Spamhaus ZEN: listed as Spamhaus SBL" in p.stdout
          and "192.0.2.2 PTR: mail.example.net" in p.stdout, "explain --check:\n" + p.stdout)
    auth = os.path.join(tmp, "auth.eml")
    bsutil.write(auth, bounce(2, AUTH_BOUNCE[0], AUTH_BOUNCE[1], status=AUTH_BOUNCE[2],
                              sender=AUTH_BOUNCE[3]))
    p = run("explain", "--check", *resolver, *ZONES, auth)
    check("example.com SPF: v=spf1" in p.stdout and "example.com DMARC: v=DMARC1" in p.stdout,
          "explain --check on an authentication failure:\n" + p.stdout)
    # a resolver that does not answer at all: every answer unknown, never "not listed"
    server.stop()
    p = run("explain", "--check", *resolver, *ZONES, "--dns-timeout", "0.5", one)
    check("no answer, state unknown" in p.stdout and "not listed" not in p.stdout,
          "a dead resolver gives unknown states:\n" + p.stdout)
    print("ok: live checks against a local unbound")


if __name__ == "__main__":
    main()
