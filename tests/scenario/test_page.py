#!/usr/bin/env python3
"""The month's report as a person meets it, in English and Japanese
(tests/scenario/: gen_month.py's month in one mbox, one scan, the final
report), in headless Chromium:

- at 360 px and at 1280 px, no element is wider than the viewport outside a
  scrolling box (long URLs, addresses and full-width labels break);
- printed to PDF: the Japanese page on A4 (its own @page size, and A4 asked
  for), the English one on the locale's paper (A4 in the C locale, US Letter
  in en_US), every table's last column inside the page, no
  word outside it, every table's last header in the PDF, no sort arrow;
- the Japanese page names reasons and refusing systems by their Japanese
  labels (the token only after one, in parentheses), spells サーバー one
  way, and writes its dates in its own form (no 2026/12/05, no 2026-12-05);
- the "By sender domain" table lists the month's customers with their
  reasons.

Screenshots and PDFs go to $G_TEST_BUILDDIR/screenshots/ for a person to look
at.  Skips (77) without chromium or pdftotext.  BS_SCENARIO_SCALE (default
0.3) sets the month's routine volume; every incident stays whole.
SPDX-License-Identifier: BSD-2-Clause
"""
import html
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_month  # noqa: E402
import nightly  # noqa: E402
import page_checks  # noqa: E402

BIN = os.environ.get("BOUNCESCAN", "bouncescan")
FAILED = []
ARROWS = ("\u2195", "\u25b2", "\u25bc")     # the sort arrows: ↕ ▲ ▼
REASONS = ("userunknown", "hostunknown", "mailboxfull", "blocked", "mesgtoobig", "expired",
           "filtered", "rejected", "networkerror", "badreputation", "policyviolation")
SYSTEMS = ("microsoft-olc", "microsoft-eop", "spamhaus-zen", "spamcop")


def check(cond, msg):
    if not cond:
        FAILED.append(msg)
        sys.stderr.write("FAIL: %s\n" % msg)
    return cond


def shots_dir():
    d = os.path.join(os.environ.get("G_TEST_BUILDDIR", tempfile.gettempdir()), "screenshots")
    os.makedirs(d, exist_ok=True)
    return d


def visible_text(page):
    """The page's text as a person reads it: no script, style, SVG titles
    (tooltips) or attributes."""
    page = re.sub(r"<(script|style|title)\b.*?</\1>", " ", page, flags=re.S)
    return [html.unescape(t) for t in re.findall(r">([^<]+)<", page)]


def check_words(lang, page):
    texts = visible_text(page)
    joined = "\n".join(texts)
    if lang == "ja":
        # a token is never alone: it follows its label, in parentheses
        for t in texts:
            bare = t.strip()
            check(bare not in REASONS + SYSTEMS, "ja: the token %r shown without its label" % bare)
        check(re.search(r"サーバ(?!ー)", joined) is None, "ja: サーバ spelled without ー: %s"
              % re.findall(r".{0,10}サーバ(?!ー).{0,10}", joined)[:3])
        check(re.search(r"\d{4}/\d\d/\d\d", joined) is None, "ja: a date written 2026/12/05: %s"
              % re.findall(r"\d{4}/\d\d/\d\d", joined)[:3])
        flat = "".join(texts)
        check("宛先アドレスが存在しない（userunknown）" in flat
              and "Outlook.com / Hotmail（microsoft-olc）" in flat,
              "ja: the labels with their tokens are missing")
    check(re.search(r"\b20\d\d-\d\d-\d\d\b", joined) is None, "%s: an ISO date in the text: %s"
          % (lang, re.findall(r"\b20\d\d-\d\d-\d\d\b", joined)[:3]))


def check_senders(lang, page, truth):
    m = re.search(r'<section id="by-sender-domain">(.*?)</section>', page, re.S)
    if not check(m is not None, "%s: no By sender domain section" % lang):
        return
    keys = set(html.unescape(k) for k in re.findall(r'<td class="key" data-v="([^"]*)"', m.group(1)))
    check(keys == set(truth["customers"]), "%s: the sender table's customers %s, truth %s"
          % (lang, sorted(keys), sorted(truth["customers"])))
    check(m.group(1).count('<td class="reasons">') == len(keys), "%s: a customer without reasons" % lang)


def check_print(b, lang, page, paper, want_paper, tag):
    pdf = os.path.join(shots_dir(), "page-%s-%s.pdf" % (lang, tag))
    r = page_checks.print_check(b, page, pdf, paper)
    what = "%s printed on %s" % (lang, paper or "its @page size")
    check(r["pdf"]["paper"] == [want_paper], "%s: PDF paper %s, want %s"
          % (what, r["pdf"]["paper"], want_paper))
    check(not r["outside"] and not r["pdf"]["cut_words"], "%s:\n%s"
          % (what, page_checks.describe_print(r)))
    text = r["pdf"]["text"]
    squeezed = re.sub(r"\s+", "", text)
    for t in r["tables"]:
        last = re.sub(r"\s+", "", t["last_header"] or "")
        check(last in squeezed, "%s: the last column %r of %s is not in the PDF"
              % (what, t["last_header"], t["path"]))
    check(not any(a in text for a in ARROWS), "%s: a sort arrow is printed" % what)
    return r


def work(tmp, scale):
    month = gen_month.Month(seed=14, scale=scale)
    truth = month.truth()
    mailbox = os.path.join(tmp, "postmaster.mbox")
    for n in range(1, gen_month.NIGHTS + 1):
        month.write_night(n, mailbox, "mbox")
    runner = nightly.Runner(BIN)
    rc, out, err = runner.run("scan", "-q", "--db", os.path.join(tmp, "history.db"), mailbox)
    if rc != 0:
        check(False, "scan: exit %d: %s" % (rc, err[-500:]))
        return
    pages = nightly.write_report(BIN, tmp, os.path.join(tmp, "report"))
    # the English page of a US user (LC_ALL=en_US.UTF-8) on US Letter; the Japanese one on A4
    us = nightly.write_report(BIN, tmp, os.path.join(tmp, "us"), env={"LC_ALL": "en_US.UTF-8"})
    for lang, path in sorted(pages.items()):
        page = open(path, encoding="utf-8").read()
        check_words(lang, page)
        check_senders(lang, page, truth)
        check("@page{size:A4}" in page, "%s: the page does not ask for A4" % lang)
    check("@page{size:letter}" in open(us["en"], encoding="utf-8").read(),
          "en in en_US: the page does not ask for US Letter")
    check("@page{size:A4}" in open(us["ja"], encoding="utf-8").read(),
          "ja in en_US: the page is not on A4")

    with page_checks.browser() as b:
        for lang, path in sorted(pages.items()):
            for width in (360, 1280):
                r = page_checks.overflow(b, path, width)
                check(not r["overflows"], "%s report at %d px:\n%s"
                      % (lang, width, page_checks.describe_overflow(r)))
                page_checks.screenshot(b, path, os.path.join(shots_dir(), "page-%s-%d.png"
                                                             % (lang, width)), width)
        check_print(b, "ja", pages["ja"], "A4", "A4", "A4")
        check_print(b, "ja", pages["ja"], None, "A4", "css")
        check_print(b, "en", pages["en"], None, "A4", "css")
        check_print(b, "en", us["en"], None, "Letter", "letter")
        check_print(b, "ja", us["ja"], None, "A4", "ja-us")
    print("the month's page, en and ja, at 360 and 1280 px and printed: %d checks failed; "
          "screenshots in %s" % (len(FAILED), shots_dir()))


def main():
    if not (BIN and os.access(BIN, os.X_OK)):
        sys.stderr.write("FAIL: BOUNCESCAN is not set to the binary\n")
        sys.exit(1)
    if not page_checks.available() or shutil.which("pdftotext") is None:
        print("SKIP: chromium or pdftotext (poppler-utils) is not installed: the page checks need"
              " them (sh tools/install-deps --tests installs both)")
        sys.exit(77)
    scale = float(os.environ.get("BS_SCENARIO_SCALE", "0.3"))
    tmp = tempfile.mkdtemp(prefix="bs-page-")
    try:
        work(tmp, scale)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
