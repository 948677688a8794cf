#!/usr/bin/env python3
"""End-to-end, as a person would: the HTML report made from samples/ opened
in headless Chromium (Debian's `chromium`, driven over the DevTools protocol
with the standard library only; see cdp.py), in English and in Japanese.

Asserts: no console error, no CSP violation, no network request but the
page itself; the headline's numbers are the database's; sorting by a
column header and filtering by typing work with real mouse clicks and
keyboard input; a row opens its failures; the page reads with JavaScript
off and prints (print media, PDF); the language comes from the
environment when --lang is not given, also from cron's C locale with no
Japanese locale installed; --sender-domain, --redact and --title reach the
page.  Screenshots (and a PDF) go to $G_TEST_BUILDDIR/screenshots/.
Skips (77) when chromium is not installed.
"""
import json
import os
import re
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402
from bsutil import SAMPLES, check, fail, run, run_in_tmp  # noqa: E402

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# the headline's reason families (reports/aggregate.c), to check its tiles
REPUTATION = ("blocked", "badreputation", "spamdetected", "authfailure", "requireptr", "rejected",
              "policyviolation", "speeding", "toomanyconn")
ADDRESS = ("userunknown", "hostunknown", "hasmoved", "suspend", "notaccept")


def shots_dir():
    d = os.path.join(os.environ.get("G_TEST_BUILDDIR", tempfile.gettempdir()), "screenshots")
    os.makedirs(d, exist_ok=True)
    return d


def db_one(db, sql, *args):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute(sql, args).fetchone()
    finally:
        con.close()


def day_text(day, lang):
    y, m, d = (int(x) for x in day.split("-"))
    return "%d年%d月%d日" % (y, m, d) if lang == "ja" else "%d %s %d" % (d, MONTHS[m - 1], y)


def problems(page, prefix):
    """Console errors, exceptions, CSP violations, and foreign requests."""
    bad = []
    for e in page.events("Runtime.consoleAPICalled"):
        if e.get("type") in ("error", "assert", "warning"):
            bad.append("console %s: %s" % (e["type"], json.dumps(e.get("args"))[:300]))
    for e in page.events("Runtime.exceptionThrown"):
        bad.append("exception: %s" % json.dumps(e.get("exceptionDetails"))[:300])
    for e in page.events("Log.entryAdded"):
        entry = e.get("entry", {})
        if entry.get("level") in ("error", "warning"):
            bad.append("log %s: %s" % (entry.get("level"), entry.get("text", "")[:300]))
    for e in page.events("Network.requestWillBeSent"):
        url = e["request"]["url"]
        if url != prefix:
            bad.append("request to %s" % url)
    return bad


def numbers_of(text):
    return int(re.sub(r"[^0-9]", "", text))


def check_page(b, path, lang, db):
    url = "file://" + path
    page = b.new_page()
    page.goto(url)
    check(page.eval("document.documentElement.lang") == lang, "%s: lang is not %s" % (path, lang))
    check("js" in page.eval("document.documentElement.className"),
          "%s: the page's script did not run (CSP hash?)" % lang)
    ranks = check_headline(page, lang, db)
    check_sorting(page, lang)
    check_filtering(page, lang)
    check_row_opens(page, lang)
    shots = shots_dir()
    page.screenshot(os.path.join(shots, "report-%s.png" % lang))
    page.screenshot(os.path.join(shots, "report-%s-top.png" % lang), full=False, height=1400)
    check_printed(page, lang, shots)
    bad = problems(page, url)
    check(not bad, "%s: %s" % (lang, "\n".join(bad)))
    check_without_js(b, url, lang, ranks, shots)
    return page


def check_headline(page, lang, db):
    """the headline is the database's; the problems ranked, each with its
    next step; the charts (returns the problems' ranks)"""
    failures, recipients, hard, first, last = db_one(
        db, "SELECT count(*), count(DISTINCT recipient), sum(hard_bounce), min(day), max(day)"
            " FROM failures WHERE is_failure = 1")
    delayed = db_one(db, "SELECT count(*) FROM failures WHERE is_failure = 0 AND action = 'delayed'")[0]
    for ident, want in (("n-recipients", recipients), ("n-failures", failures), ("n-hard", hard),
                        ("n-delayed", delayed)):
        got = numbers_of(page.eval("document.getElementById(%s).textContent" % json.dumps(ident)))
        check(got == want, "%s: #%s shows %d, the database has %d" % (lang, ident, got, want))
    lead = page.eval("document.querySelector('#summary .lead').textContent")
    check(str(recipients) in lead, "%s: the headline does not say %d recipients: %r" % (lang, recipients, lead))
    first_all, last_all = db_one(db, "SELECT min(day), max(day) FROM failures")
    for day in (first_all, last_all):
        check(day_text(day, lang) in lead, "%s: the headline lacks the period's %s: %r"
              % (lang, day_text(day, lang), lead))
    fam_sql = ("SELECT count(DISTINCT recipient) FROM failures WHERE is_failure = 1 AND (%s)")
    rep = "blocklist IS NOT NULL OR reason IN (%s)" % ",".join("'%s'" % r for r in REPUTATION)
    addr = "blocklist IS NULL AND reason IN (%s)" % ",".join("'%s'" % r for r in ADDRESS)
    full = "blocklist IS NULL AND reason = 'mailboxfull'"
    for fam, cond in (("reputation", rep), ("address", addr), ("mailbox-full", full)):
        want = db_one(db, fam_sql % cond)[0]
        got = numbers_of(page.eval("document.querySelector('.tile[data-family=%s] .n').firstChild.textContent"
                                   % fam))
        check(got == want, "%s: tile %s shows %d, the database has %d" % (lang, fam, got, want))
    ranks = page.eval("Array.from(document.querySelectorAll('#todo article.problem'))"
                      ".map(a=>+a.dataset.recipients)")
    check(len(ranks) >= 3 and ranks == sorted(ranks, reverse=True),
          "%s: problems are not ranked by recipients: %s" % (lang, ranks))
    check(page.eval("document.querySelectorAll('#todo .next').length") == len(ranks),
          "%s: a problem has no next step" % lang)
    check(page.eval("document.querySelectorAll('#charts svg.chart').length") == 3,
          "%s: the three charts are not there" % lang)
    return ranks


def check_sorting(page, lang):
    """sorting by clicking a header"""
    def column(table, i):
        return page.eval("Array.from(document.querySelectorAll('#%s > tbody')).filter(g=>!g.hidden)"
                         ".map(g=>{var c=g.rows[0].cells[%d];var v=c.getAttribute('data-v');"
                         "return v!==null?v:c.textContent.trim();})" % (table, i))
    before = [int(v) for v in column("t-domain", 1)]
    first_keys = column("t-domain", 0)
    check(before == sorted(before, reverse=True), "%s: domains are not largest first: %s" % (lang, before))
    page.click("#t-domain thead th:nth-child(2)")
    after = [int(v) for v in column("t-domain", 1)]
    check(after == sorted(after) and after != before,
          "%s: clicking Failures did not sort ascending: %s" % (lang, after))
    page.click("#t-domain thead th:nth-child(2)")
    again = [int(v) for v in column("t-domain", 1)]
    check(again == sorted(again, reverse=True), "%s: the second click did not sort descending" % lang)
    page.click("#t-domain thead th:nth-child(1)")
    keys = column("t-domain", 0)
    check(page.eval("(function(k){return k.every(function(x,i){return i==0||k[i-1].localeCompare(x)<=0;});})(%s)"
                    % json.dumps(keys)) and keys != first_keys,
          "%s: clicking the domain header did not sort by name: %s" % (lang, keys))
    check(keys[0] < keys[-1], "%s: domains sorted by name run backwards: %s" % (lang, keys))
    check(page.eval("document.querySelector('#t-domain thead th:nth-child(1)').getAttribute('aria-sort')")
          == "ascending", "%s: aria-sort not updated" % lang)


def check_filtering(page, lang):
    """filtering by typing, and clearing the filter"""
    total = page.eval("document.querySelectorAll('#t-domain > tbody').length")
    page.type("#f-domain", "hotmail")
    shown = page.eval("Array.from(document.querySelectorAll('#t-domain > tbody')).filter(g=>!g.hidden)"
                      ".map(g=>g.textContent.toLowerCase().indexOf('hotmail')>=0)")
    check(len(shown) >= 1 and all(shown) and len(shown) < total,
          "%s: typing 'hotmail' shows %s of %d rows" % (lang, shown, total))
    count = page.eval("document.getElementById('c-domain').textContent")
    check(str(len(shown)) in count and str(total) in count,
          "%s: the filter's count says %r (%d of %d)" % (lang, count, len(shown), total))
    page.call("Input.dispatchKeyEvent", {"type": "keyDown", "key": "a", "code": "KeyA",
                                         "modifiers": 2, "commands": ["selectAll"]})
    page.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": "a", "code": "KeyA", "modifiers": 2})
    page.call("Input.dispatchKeyEvent", {"type": "keyDown", "key": "Backspace", "code": "Backspace",
                                         "windowsVirtualKeyCode": 8, "nativeVirtualKeyCode": 8})
    page.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Backspace", "code": "Backspace",
                                         "windowsVirtualKeyCode": 8, "nativeVirtualKeyCode": 8})
    check(page.eval("document.getElementById('f-domain').value") == "", "%s: the filter was not cleared" % lang)
    check(page.eval("Array.from(document.querySelectorAll('#t-domain > tbody')).every(g=>!g.hidden)"),
          "%s: clearing the filter does not show every row" % lang)


def check_row_opens(page, lang):
    """a row opens its failures"""
    check(page.eval("document.querySelector('#t-ip > tbody tr.more').offsetHeight") == 0,
          "%s: a row's failures show before it is opened" % lang)
    page.click("#t-ip > tbody td.key")
    opened = page.eval("(function(){var g=document.querySelector('#t-ip > tbody');return [g.classList.contains('open'),"
                       "g.querySelector('details').open,g.querySelector('tr.more').offsetHeight,"
                       "g.querySelectorAll('table.fails > tbody > tr').length,"
                       "+g.rows[0].cells[1].getAttribute('data-v')];})()")
    check(opened[0] and opened[1] and opened[2] > 0, "%s: clicking a row did not open it: %s" % (lang, opened))
    check(opened[3] == min(opened[4], 10), "%s: the opened row lists %d failures of %d" % (lang, opened[3], opened[4]))


def check_printed(page, lang, shots):
    """printed: navigation and filter boxes gone; a PDF comes out"""
    page.call("Emulation.setEmulatedMedia", {"media": "print"})
    hidden = page.eval("[getComputedStyle(document.querySelector('nav.toc')).display,"
                       "getComputedStyle(document.querySelector('.tablebar')).display]")
    check(hidden == ["none", "none"], "%s: print media still shows %s" % (lang, hidden))
    page.call("Emulation.setEmulatedMedia", {"media": ""})
    import base64
    pdf = base64.b64decode(page.call("Page.printToPDF", {"printBackground": False}, timeout=60)["data"])
    check(pdf.startswith(b"%PDF") and len(pdf) > 10000, "%s: printing gave no PDF" % lang)
    with open(os.path.join(shots, "report-%s.pdf" % lang), "wb") as fh:
        fh.write(pdf)


def check_without_js(b, url, lang, ranks, shots):
    """with JavaScript off: everything readable, rows open natively"""
    quiet = b.new_page()
    quiet.call("Emulation.setScriptExecutionDisabled", {"value": True})
    quiet.goto(url)
    state = quiet.eval("1")  # evaluation still works from the protocol
    check(state == 1, "no evaluation with scripts off")
    check("js" not in quiet.eval("document.documentElement.className"), "scripts were not off")
    vis = quiet.eval("[getComputedStyle(document.querySelector('.tablebar')).display,"
                     "document.querySelector('#t-domain tr.more summary').offsetHeight,"
                     "document.querySelector('#t-domain tr.more details').open]")
    check(vis[0] == "none" and vis[1] > 0 and vis[2] is False,
          "%s without JS: filter box %s, summary height %s, open %s" % (lang, vis[0], vis[1], vis[2]))
    quiet.click("#t-domain tr.more summary")
    check(quiet.eval("document.querySelector('#t-domain tr.more details').open"),
          "%s without JS: a row's <details> does not open" % lang)
    check(quiet.eval("document.querySelectorAll('#todo article.problem').length") == len(ranks),
          "%s without JS: problems missing" % lang)
    quiet.screenshot(os.path.join(shots, "report-%s-nojs.png" % lang), full=False, height=1400)
    bad = problems(quiet, url)
    check(not bad, "%s without JS: %s" % (lang, "\n".join(bad)))


def main():
    if cdp.find_chromium() is None:
        print("SKIP: chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk;"
              " sh tools/install-deps installs them)")
        sys.exit(77)
    run_in_tmp("bs-browser-", work)


def work(tmp):
    db = os.path.join(tmp, "history.db")
    run("scan", "--db", db, *(os.path.join(SAMPLES, d) for d in ("maildir", "mbox", "mh", "eml")),
        check_rc=0)
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["SOURCE_DATE_EPOCH"] = "1774915200"   # 2026-03-31: the same page every time
    # cron: the C locale gives English; LANG=ja_JP.UTF-8 (not installed) gives Japanese
    pages = {}
    for lang, loc in (("en", {"LC_ALL": "C", "LANG": "C"}), ("ja", {"LANG": "ja_JP.UTF-8"})):
        path = os.path.join(tmp, "report-%s.html" % lang)
        run("report", "--db", db, "--html", path, "--csv", os.path.join(tmp, "csv-" + lang),
            check_rc=0, env=dict(env, **loc))
        pages[lang] = path
    ja = open(pages["ja"], encoding="utf-8").read()
    check('lang="ja"' in ja and "対処" in ja, "LANG=ja_JP.UTF-8 did not give a Japanese report")

    with cdp.Browser() as b:
        for lang in ("en", "ja"):
            check_page(b, pages[lang], lang, db)

        # ---- a customer's report: its mail only, addresses masked, its title
        cust = os.path.join(tmp, "customer.html")
        title = "Example Hosting <b>K.K.</b> & Co"
        run("report", "--db", db, "--html", cust, "--sender-domain", "shop.example.jp", "--redact",
            "--title", title, "--lang", "en", check_rc=0)
        page = b.new_page()
        page.goto("file://" + cust)
        check(page.eval("document.querySelector('h1').textContent") == title,
              "--title does not show as text in the header")
        # what shows, and what is in the file (closed <details> included)
        body = page.eval("document.body.innerText") + page.eval("document.documentElement.textContent")
        body += open(cust, encoding="utf-8").read()
        check("shop.example.jp" in body, "the customer report does not name its sender domain")
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        others = [r[0] for r in con.execute(
            "SELECT DISTINCT sender_domain FROM failures WHERE sender_domain IS NOT NULL"
            " AND sender_domain <> 'shop.example.jp'")]
        mine = con.execute("SELECT count(*), count(DISTINCT recipient) FROM failures"
                           " WHERE is_failure = 1 AND sender_domain = 'shop.example.jp'").fetchone()
        rcpts = [r[0] for r in con.execute("SELECT DISTINCT recipient FROM failures WHERE recipient LIKE '%@%'")]
        con.close()
        for other in others:
            check(other not in body, "the shop.example.jp report shows %s" % other)
        for r in rcpts:
            check(r not in body, "--redact left the address %s" % r)
        check("***@" in body, "--redact shows no masked address")
        check(numbers_of(page.eval("document.getElementById('n-failures').textContent")) == mine[0],
              "the customer's failures are not its own")
        check(page.eval("document.getElementById('history')") is None,
              "the customer report shows the mailbox's counts")
        bad = problems(page, "file://" + cust)
        check(not bad, "customer report: %s" % "\n".join(bad))
        page.screenshot(os.path.join(shots_dir(), "report-customer.png"), full=False, height=1400)


if __name__ == "__main__":
    main()
