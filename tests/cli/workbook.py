"""Helpers of the workbook tests: openpyxl (Debian's python3-openpyxl),
LibreOffice headless, and a sheet compared with its CSV file row for row.

The tests that use these skip (exit 77) with a clear message where
openpyxl or LibreOffice is missing.
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import zipfile

from bsutil import argv, sql

SKIP = 77


def need_openpyxl():
    """openpyxl, module; Debian's python3-openpyxl is the system python's:
    when this python has none (a python of its own on PATH), the test runs
    again under /usr/bin/python3, which has it; else the test skips."""
    try:
        import openpyxl
        return openpyxl
    except ImportError:
        system = "/usr/bin/python3"
        if os.path.realpath(sys.executable) != os.path.realpath(system) and os.access(system, os.X_OK):
            probe = subprocess.run([system, "-c", "import openpyxl"], capture_output=True)
            if probe.returncode == 0:
                os.execv(system, [system] + sys.argv)
        print("SKIP: openpyxl is not installed (apt-get install python3-openpyxl)")
        sys.exit(SKIP)


def find_soffice():
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def libreoffice_convert(soffice, src, fmt, outdir, profile, env=None, infilter=None):
    """the file(s) src (a path or a list: one start of LibreOffice for them
    all) converted by LibreOffice headless into outdir as fmt ("xlsx",
    "csv:..."), read with the import filter options infilter when given:
    the path(s) it wrote.  profile is a folder for LibreOffice's user
    profile (the test's own, removed with it)."""
    sources = [src] if isinstance(src, str) else list(src)
    os.makedirs(outdir, exist_ok=True)
    run_env = dict(os.environ if env is None else env)
    run_env["HOME"] = profile
    options = ["--infilter=" + infilter] if infilter else []
    p = subprocess.run([soffice, "--headless", "--norestore", "--nolockcheck",
                        "-env:UserInstallation=file://" + os.path.abspath(profile), *options,
                        "--convert-to", fmt, "--outdir", outdir, *sources],
                       capture_output=True, timeout=300, env=run_env)
    ext = fmt.split(":")[0]
    outs = [os.path.join(outdir, os.path.splitext(os.path.basename(s))[0] + "." + ext) for s in sources]
    missing = [o for o in outs if not os.path.exists(o)]
    if p.returncode != 0 or missing:
        raise RuntimeError("LibreOffice did not convert %s: exit %d\n%s\n%s"
                           % (missing or sources, p.returncode, p.stdout.decode(errors="replace"),
                              p.stderr.decode(errors="replace")))
    return outs[0] if isinstance(src, str) else outs


def formulas_in_parts(path):
    """the worksheets' parts of the workbook that hold a formula element"""
    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                if re.search(rb"<(?:\w+:)?f[ >/]", z.read(name)):
                    found.append(name)
    return found


ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def read_ooxml_text(value):
    """a string as Excel and LibreOffice read it: "_xHHHH_" is character HHHH
    (openpyxl leaves it as written)"""
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)


GUARDED = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def csv_as_text(value):
    """a failures.csv field as the workbook shows it: the formula guard's
    apostrophe taken off, line breaks as LF, and U+FFFE and U+FFFF (no XML
    characters; the CSV keeps them) shown as the workbook shows them"""
    if value.startswith("'") and value[1:].startswith(GUARDED):
        value = value[1:]
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\ufffe", "[U+FFFE]").replace("\uffff", "[U+FFFF]")


def seconds(value):
    """a datetime rounded to the second (a reader's float may miss by a microsecond)"""
    return (value + datetime.timedelta(microseconds=500000)).replace(microsecond=0)


def cell_matches(value, field, kind, escapes=True, zone=None):
    """does a workbook cell hold what the CSV field says? kind: 'day',
    'time' (a wall clock of zone, a zoneinfo name; None: UTC), 'utc' (a
    wall clock of UTC), 'count', 'text'; escapes: the file's strings escape
    "_xHHHH_" as OOXML says (LibreOffice 7.4 writes them as they are)"""
    if value is None or value == "":
        return field == ""
    if isinstance(value, datetime.datetime):
        value = seconds(value)
        if kind == "day":
            return value.strftime("%Y-%m-%d") == field
        try:
            when = datetime.datetime.fromisoformat(field.replace("Z", "+00:00"))
        except ValueError:
            return False
        if when.tzinfo is not None:
            import zoneinfo
            to = zoneinfo.ZoneInfo(zone) if zone and kind == "time" else datetime.timezone.utc
            when = when.astimezone(to).replace(tzinfo=None)
        return value == when.replace(microsecond=0)
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return kind == "count" and float(field) == float(value)
    return (read_ooxml_text(value) if escapes else value) == csv_as_text(field)


def sheet_rows(ws):
    """the rows of a table sheet as lists of cell values, headers included"""
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append(list(row))
    # trailing empty cells are not stored
    return rows


# ---- the history the workbook tests report on ------------------------------

# text a spreadsheet would run or show otherwise, were it a formula or
# markup: each must come back as inert text
PAYLOADS = [
    "=cmd|' /C calc'!A0",
    "+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://evil.example/?x\",\"click\")",
    "\uff1d1+1",
    "_x003D_1+1 and _x0041_",
]
# in the original's Subject (an encoded word: the bytes come through)
SUBJECT_PAYLOADS = [
    "bidi \u202egpj.exe \u200b hidden",
    "=1+1 お知らせ",
]


# written into the history directly (see build_history)
RAW_SUBJECT = "ctl\x01\x07\x1b[31mred\r\nline\x7f"
RAW_EVIDENCE = "not xml \ufffe\uffff"


def hostile_bounce(i, diag, subject):
    import base64
    from bsutil import dsn
    encoded = "=?UTF-8?B?%s?=" % base64.b64encode(subject.encode("utf-8")).decode("ascii")
    return dsn("user%d@hostile.example" % i, status="5.7.1", diag=diag, subject=encoded,
               msgid="hostile-%d@shop.example.jp" % i)


def build_history(tmp, bin_path, samples):
    """samples/ and a mailbox of hostile bounces scanned into tmp/history.db"""
    hostile = os.path.join(tmp, "hostile.mbox")
    with open(hostile, "wb") as f:
        n = max(len(PAYLOADS), len(SUBJECT_PAYLOADS))
        for i in range(n):
            f.write(b"From MAILER-DAEMON Wed Nov 25 01:00:00 2026\n")
            f.write(hostile_bounce(i, PAYLOADS[i % len(PAYLOADS)],
                                   SUBJECT_PAYLOADS[i % len(SUBJECT_PAYLOADS)]))
            f.write(b"\n")
    db = os.path.join(tmp, "history.db")
    paths = [os.path.join(samples, d) for d in ("eml", "maildir", "mbox", "mh")]
    p = subprocess.run([bin_path, *argv(["scan", "-q", "--db", db, *paths, hostile])],
                       capture_output=True, timeout=120)
    if p.returncode != 0:
        raise RuntimeError("scan failed: %s" % p.stderr.decode(errors="replace"))
    # the scan keeps no control character of a header; a history written by
    # another (or older) writer might: the report must show them all the same
    # what the records of a bounce share is stored once (failure_groups)
    sql(db, "UPDATE failure_groups SET evidence = ? WHERE id = (SELECT group_id"
            " FROM failure_recipients WHERE recipient = ?)", RAW_EVIDENCE,
        "user0@hostile.example", write=True)
    # the original's headers are stored once per bounce (originals)
    sql(db, "UPDATE originals SET orig_subject = ? WHERE id = (SELECT original_id"
            " FROM failures WHERE recipient = ?)", RAW_SUBJECT, "user0@hostile.example", write=True)
    return db


# ---- a table sheet and its CSV file ----------------------------------------

def column_kind(name):
    if name in ("day", "first_day", "last_day", "cleared_day", "previous_last_day"):
        return "day"
    if name == "time_utc":
        return "utc"
    if name in ("time_local", "first_seen", "last_seen", "orig_date", "first", "last"):
        return "time"
    if name in ("hard_bounce", "mbox_index", "failures", "recipients", "hard_bounces", "days",
                "incidents", "episode") or name.startswith("failures_"):
        return "count"
    return "text"


def compare_table(ws, csv_path, escapes=True, zone=None):
    """the sheet's rows against the CSV file's, the columns matched by their
    machine names (the sheet's second header row), the times of the report
    in zone (a zoneinfo name, None: UTC); returns a list of differences
    (empty when they match) and the number of rows compared"""
    import csv
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    header, data = table[0], table[1:]
    rows = sheet_rows(ws)
    names = [n for n in rows[1] if n is not None]
    diffs = []
    missing = [n for n in header if n not in names]
    if missing:
        diffs.append("columns of %s missing from the sheet: %s" % (os.path.basename(csv_path), missing))
    if len(rows) - 2 != len(data):
        diffs.append("%s: %d rows in the sheet, %d in the CSV" % (ws.title, len(rows) - 2, len(data)))
    at = {n: i for i, n in enumerate(rows[1]) if n is not None}
    for r, (line, fields) in enumerate(zip(rows[2:], data)):
        for c, name in enumerate(header):
            if name not in at:
                continue
            value = line[at[name]] if at[name] < len(line) else None
            if not cell_matches(value, fields[c], column_kind(name), escapes, zone):
                diffs.append("%s row %d, %s: sheet %r, CSV %r" % (ws.title, r + 3, name, value, fields[c]))
                if len(diffs) > 20:
                    return diffs, len(data)
    return diffs, len(data)


# the code columns: a string cell in every row, or empty
CODE_COLUMNS = ("status", "reply_code", "provider_code")


def code_cells_not_text(ws):
    """cells of the code columns that are not strings (a date, a number)"""
    rows = sheet_rows(ws)
    at = [i for i, n in enumerate(rows[1]) if n in CODE_COLUMNS]
    bad = []
    for r, line in enumerate(rows[2:]):
        for i in at:
            v = line[i] if i < len(line) else None
            if v is not None and not isinstance(v, str):
                bad.append("%s row %d, %s: %r" % (ws.title, r + 3, rows[1][i], v))
    return bad
