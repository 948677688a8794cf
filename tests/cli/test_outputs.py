#!/usr/bin/env python3
"""What a report writes, and where.

- invisible characters: a recipient domain "gmail\\u2064.com" (an invisible
  plus), a diagnostic with a bidi override, a subject with zero-width and
  separator characters: no such code point reaches the page, the CSV files,
  explain or changes; each shows as "[U+2064]"...
- chart labels: a long full-width destination domain is cut with an ellipsis,
  the whole in a title, and in headless Chromium (360 and 1280 px) no label
  runs off its chart (skips that part without chromium)
SPDX-License-Identifier: BSD-2-Clause
"""
import glob
import json
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import check, dsn, run, run_in_tmp, write  # noqa: E402

# one of each kind the escaper must show: Cf (invisible plus, bidi override,
# zero-width space, soft hyphen, a tag), the line and paragraph separators
INVISIBLE = "\u2064\u202e\u200b\u00ad\U000E0041\u2028\u2029"
LONG = "\uff4c\uff4f\uff4e\uff47" * 8 + "\u65e5\u672c\u8a9e\u30c9\u30e1\u30a4\u30f3" * 3 + ".example"


def hidden(text):
    """the invisible code points in text"""
    return sorted({"U+%04X" % ord(c) for c in text
                   if unicodedata.category(c) in ("Cf", "Zl", "Zp")})


def mailbox(tmp):
    tree = os.path.join(tmp, "mail")
    write(os.path.join(tree, "1.eml"),
          dsn("taro@gmail\u2064.com", diag="550 5.1.1 \u202eresu nwonknu " + INVISIBLE + " end",
              subject="Invoice\u200b\u2028" + INVISIBLE))
    write(os.path.join(tree, "2.eml"), dsn("hanako@" + LONG, msgid="2@shop.example.jp"))
    return tree


def case_invisible(tmp):
    tree = mailbox(tmp)
    db = os.path.join(tmp, "h.db")
    run("scan", "--db", db, tree, check_rc=0)
    out = os.path.join(tmp, "out")
    run("report", "--db", db, "--html", os.path.join(out, "r.html"), "--csv", out, check_rc=0)
    shown = {}
    for p in [os.path.join(out, "r.html")] + glob.glob(os.path.join(out, "*.csv")):
        with open(p, encoding="utf-8") as fh:
            shown[os.path.basename(p)] = fh.read()
    for lang in ("en", "ja"):
        shown["explain " + lang] = run("explain", "--lang", lang, os.path.join(tree, "1.eml"),
                                       check_rc=0)[1]
    shown["changes"] = run("changes", "--db", db, "--kind", "all")[1]   # 3: there are changes
    for name, text in shown.items():
        # U+FEFF is the CSV's byte order mark (--excel only), not a value's
        check(not hidden(text.lstrip("\ufeff")), "%s shows invisible characters raw: %s"
              % (name, hidden(text)))
    for name in ("r.html", "failures.csv", "explain en", "changes"):
        check("gmail[U+2064].com" in shown[name], "%s: the invisible plus is not shown: %s"
              % (name, shown[name][:300]))
    # (the separators are white space to the parser: folded before the history)
    for name in ("failures.csv", "explain en"):
        check("[U+202E]resu nwonknu [U+2064][U+202E][U+200B][U+00AD][U+E0041]"
              in shown[name], "%s: the diagnostic's characters are not all shown: %s"
              % (name, shown[name][:1500]))


def label_boxes(page):
    """each bar label's text box and its chart's box, in viewport pixels"""
    return page.eval("""Array.from(document.querySelectorAll('svg.bars text.label')).map(function (t) {
        var r = t.getBoundingClientRect(), c = t.closest('svg.chart').getBoundingClientRect();
        var title = t.querySelector('title');
        return {text: t.lastChild.textContent, title: title ? title.textContent : null,
                left: r.left, right: r.right, chart: [c.left, c.right],
                page: document.documentElement.clientWidth};
    })""")


def case_chart_labels(tmp):
    tree = mailbox(tmp)
    db = os.path.join(tmp, "h.db")
    run("scan", "--db", db, tree, check_rc=0)
    page_path = os.path.join(tmp, "r.html")
    run("report", "--db", db, "--html", page_path, check_rc=0)
    with open(page_path, encoding="utf-8") as fh:
        html = fh.read()
    check("<title>%s</title>" % LONG in html, "the cut label has no title with the whole")
    import cdp
    try:
        browser = cdp.Browser()
    except cdp.Unavailable:
        print("  skip chart labels in a browser: no chromium")
        return
    with browser as b:
        for width in (1280, 360):
            page = b.new_page(width=width)
            page.goto("file://" + page_path)
            boxes = label_boxes(page)
            check(boxes, "no bar labels on the page")
            long_one = [x for x in boxes if x["title"] == LONG]
            check(long_one and long_one[0]["text"].endswith("\u2026"),
                  "%d px: the long label is not cut with an ellipsis: %s" % (width, json.dumps(boxes)))
            for x in boxes:
                check(x["left"] >= x["chart"][0] - 0.5 and x["right"] <= x["chart"][1] + 0.5
                      and x["left"] >= 0, "%d px: the label %r runs off its chart: %s"
                      % (width, x["text"], json.dumps(x)))


CASES = [case_invisible, case_chart_labels]


def main():
    def work(tmp):
        for case in CASES:
            sub = os.path.join(tmp, case.__name__)
            os.makedirs(sub)
            case(sub)
            print("ok %s" % case.__name__[5:])
    run_in_tmp("bs-outputs-", work)


if __name__ == "__main__":
    main()
