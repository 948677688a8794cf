#!/usr/bin/env python3
"""End-to-end, hostile: bounces whose every field carries HTML and script
payloads (subject, sender, recipient, diagnostic, MTA names, message id,
file names, the report's title) are scanned and reported, then the page is
opened in headless Chromium (cdp.py), every row opened, every table sorted
and filtered with the payloads typed in.  Nothing may run: no JavaScript
dialog (Page.javascriptDialogOpening), window.__pwned stays undefined, no
request leaves the page, no element carries an event-handler attribute, and
the payloads show as text.  Skips (77) when chromium is not installed.
"""
import json
import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402
from bsutil import BIN, check, run  # noqa: E402

# each would run script or load something if it were markup, not text
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=2;alert(2)\">",
    "\"><svg onload=alert(3)>",
    "'><iframe srcdoc='<script>parent.__pwned=4</script>'>",
    "</style></script><script>window.__pwned=5</script>",
    "<a href=\"javascript:window.__pwned=6\">click</a>",
    "<details open ontoggle=\"window.__pwned=7\">",
    "<!--<script>window.__pwned=8</script>-->",
    "]]><math><mtext><table><mglyph><style><img src=x onerror=alert(9)>",
    "javascript:alert(10)//",
    "{{constructor.constructor('window.__pwned=11')()}}",
    "<base href=\"//evil.example/\"><link rel=stylesheet href=//evil.example/x.css>",
    "<meta http-equiv=refresh content=\"0;url=//evil.example/\">",
    "\u202e<b>bidi</b>\u200b<i>hidden</i>",
]

# addresses: the local part may be quoted and carry most of a payload
RCPT_PAYLOADS = [
    "\"<script>window.__pwned=21</script>\"@example.com",
    "x<img/src=x/onerror=alert(22)>@example.net",
    "\"'><svg/onload=alert(23)>\"@example.org",
]


def bounce(i, payload, rcpt):
    p = payload
    return f"""Return-Path: <>
From: "{p}" <MAILER-DAEMON@mx{i}.example.jp>
To: bounce{i}@shop.example.jp
Subject: Undelivered Mail Returned to Sender {p}
Date: Wed, 25 Mar 2026 10:00:{i:02d} +0900
Message-ID: <bounce{i}.{p}@mx.example.jp>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BB{i}"

--BB{i}
Content-Type: text/plain; charset=utf-8

{p}
This is the mail system at host mx{i}.example.jp. {p}

--BB{i}
Content-Type: message/delivery-status

Reporting-MTA: dns; mx{i}.example.jp{p}
X-Postfix-Queue-ID: {p}
Arrival-Date: Wed, 25 Mar 2026 10:00:00 +0900

Final-Recipient: rfc822; {rcpt}
Original-Recipient: rfc822; {p}
Action: failed
Status: 5.7.1
Remote-MTA: dns; {p}.example.net
Diagnostic-Code: smtp; 550 5.7.1 Service unavailable; client [203.0.113.{i}] blocked using zen.spamhaus.org {p}

--BB{i}
Content-Type: text/rfc822-headers; charset=utf-8

From: "{p}" <news@shop.example.jp>
To: "{p}" <{rcpt}>
Subject: {p}
Date: Wed, 25 Mar 2026 09:59:00 +0900
Message-ID: <{i}.{p}@shop.example.jp>

--BB{i}--
""".encode("utf-8")


def undecodable(i, p):
    return f"""Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.jp>
To: bounce@shop.example.jp
Subject: Undelivered Mail Returned to Sender {p}
Date: Wed, 25 Mar 2026 11:00:{i:02d} +0900
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="UU"

--UU
Content-Type: text/plain

{p}

--UU
Content-Type: message/delivery-status

Reporting-MTA: dns; {p}

--UU--
""".encode("utf-8")


def make_maildir(tmp):
    md = os.path.join(tmp, "Maildir")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(md, sub))
    n = 0
    for i, p in enumerate(PAYLOADS):
        rcpt = RCPT_PAYLOADS[i % len(RCPT_PAYLOADS)] if i < len(RCPT_PAYLOADS) else "user%d@example.com" % i
        n += 1
        with open(os.path.join(md, "cur", "17740000%02d.M%dP1.host:2,S" % (i, i)), "wb") as fh:
            fh.write(bounce(i + 1, p, rcpt))
    # file names are shown too (the list of undecodable messages)
    for i, name in enumerate(("<img src=x onerror=alert(31)>", "\"><script>window.__pwned=32<\\script>")):
        with open(os.path.join(md, "new", "1774000100.%s.M%d" % (name, i)), "wb") as fh:
            fh.write(undecodable(i, PAYLOADS[i]))
    return md


def page_checks(b, url, lang, n_payloads):
    page = b.new_page()
    mark_dialogs = len(page.events("Page.javascriptDialogOpening"))
    page.goto(url)
    check(page.eval("document.documentElement.classList.contains('js')"),
          "%s: the page's own script did not run" % lang)
    # open every row, sort every column, type every payload into every filter
    page.eval("document.querySelectorAll('table.data > tbody > tr.row').forEach(function(r){r.click();});"
              "document.querySelectorAll('details').forEach(function(d){d.open=true;});1")
    heads = page.eval("document.querySelectorAll('table.data th[aria-sort]').length")
    for k in range(heads):
        page.eval("document.querySelectorAll('table.data th[aria-sort]')[%d].click();1" % k)
    filters = page.eval("Array.from(document.querySelectorAll('input.filter')).map(function(i){return i.id;})")
    for fid in filters[:2]:
        for p in PAYLOADS[:4]:
            page.type("#" + fid, p)
            page.eval("(function(i){i.value='';i.dispatchEvent(new Event('input'));})"
                      "(document.getElementById(%s));1" % json.dumps(fid))
    # hover every chart group (tooltips), then look
    page.eval("document.querySelectorAll('svg.chart g').forEach(function(g){"
              "g.dispatchEvent(new MouseEvent('mouseover',{bubbles:true}));});1")
    check(page.eval("typeof window.__pwned") == "undefined",
          "%s: a payload ran (window.__pwned = %r)" % (lang, page.eval("window.__pwned")))
    check(page.eval("typeof parent.__pwned") == "undefined", "%s: a payload reached parent" % lang)
    dialogs = page.events("Page.javascriptDialogOpening")[mark_dialogs:]
    check(not dialogs, "%s: a JavaScript dialog opened: %s" % (lang, dialogs))
    # only our elements: one script, no iframe/img/base/link/meta refresh, no on* attribute
    census = page.eval("""(function(){
      var bad=[];
      document.querySelectorAll('*').forEach(function(e){
        for (var a of e.attributes) if (/^on/i.test(a.name)) bad.push(e.tagName+' '+a.name);
        if (/^(IFRAME|IMG|BASE|LINK|OBJECT|EMBED|MATH|FORM|TEXTAREA|I)$/i.test(e.tagName)) bad.push(e.tagName);
        if (e.tagName==='A' && !/^(#|https:\\/\\/)/.test(e.getAttribute('href')||'')) bad.push('A '+e.getAttribute('href'));
        if (e.tagName==='META' && /refresh/i.test(e.getAttribute('http-equiv')||'')) bad.push('META refresh');
      });
      return {bad:bad, scripts:document.scripts.length, details:document.querySelectorAll('details').length};
    })()""")
    check(not census["bad"], "%s: foreign elements or attributes in the page: %s" % (lang, census["bad"][:10]))
    check(census["scripts"] == 1, "%s: %d scripts in the page" % (lang, census["scripts"]))
    # the payloads are there, as text
    shown = page.eval("document.body.textContent")
    seen = [p for p in PAYLOADS if p.replace("\u202e", "[U+202E]").replace("\u200b", "[U+200B]") in shown]
    check(len(seen) >= n_payloads - 1,
          "%s: only %d of %d payloads show as text: %s" % (lang, len(seen), n_payloads,
                                                          [p for p in PAYLOADS if p not in seen]))
    check("<script>window.__pwned=1</script>" in shown, "%s: the script payload is not shown as text" % lang)
    check("[U+202E]" in shown and "\u202e" not in shown, "%s: a bidi override is not made visible" % lang)
    title = page.eval("document.querySelector('h1').textContent")
    check(title == PAYLOADS[0], "%s: the title is not shown as text: %r" % (lang, title))
    # nothing left the page
    for e in page.events("Network.requestWillBeSent"):
        check(e["request"]["url"] == url, "%s: a request left the page: %s" % (lang, e["request"]["url"]))
    for e in page.events("Runtime.exceptionThrown"):
        check(False, "%s: exception: %s" % (lang, json.dumps(e)[:300]))
    errors = [e["entry"]["text"] for e in page.events("Log.entryAdded")
              if e.get("entry", {}).get("level") == "error"]
    check(not errors, "%s: errors in the console (CSP?): %s" % (lang, errors[:5]))
    shots = os.path.join(os.environ.get("G_TEST_BUILDDIR", tempfile.gettempdir()), "screenshots")
    os.makedirs(shots, exist_ok=True)
    page.screenshot(os.path.join(shots, "hostile-%s.png" % lang), full=False, height=1400)


def main():
    check(BIN and os.access(BIN, os.X_OK), "BOUNCESCAN is not set to the binary")
    if cdp.find_chromium() is None:
        print("SKIP: chromium is not installed (Debian: apt-get install chromium;"
              " sh tools/install-deps installs it)")
        sys.exit(77)
    tmp = tempfile.mkdtemp(prefix="bs-hostile-")
    try:
        md = make_maildir(tmp)
        db = os.path.join(tmp, "h.db")
        run("scan", "--db", db, md)
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        n = con.execute("SELECT count(*) FROM failures WHERE is_failure = 1").fetchone()[0]
        subjects = [r[0] for r in con.execute("SELECT orig_subject FROM originals")]
        con.close()
        check(n == len(PAYLOADS), "scanned %d failures of %d hostile bounces" % (n, len(PAYLOADS)))
        check(PAYLOADS[0] in subjects, "the subject payload did not reach the history: %s" % subjects[:3])
        with cdp.Browser() as b:
            for lang in ("en", "ja"):
                html = os.path.join(tmp, "r-%s.html" % lang)
                run("report", "--db", db, "--html", html, "--lang", lang, "--title", PAYLOADS[0],
                    check_rc=0)
                page_checks(b, "file://" + html, lang, len(PAYLOADS))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
