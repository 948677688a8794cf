#!/usr/bin/env python3
"""End-to-end: the workbook (report --xlsx, and report.xlsx of the ad-hoc
form) read back with openpyxl, cell by cell, against the CSV files of the
same run:

- the sheets, in order, in English and in Japanese; two header rows (the
  labels, then the CSV's column names), frozen, with an autofilter;
- every table sheet matches its CSV file row for row (Failures and
  failures.csv, By destination domain and by-domain.csv, ...);
- codes (status, SMTP reply, provider code) are string cells, times and
  days date cells, counts number cells, Japanese text intact;
- hostile text (formula payloads, control and bidi characters, OOXML's own
  escapes) comes back as inert text: no formula anywhere in the file;
- --sender-domain, --since, --until and --redact filter it as the CSV;
- every column of a table has its width (a code narrow, a server's
  message wide), long text wraps in rows made as high as it needs;
- mode 0600, no temporary file left; a workbook that cannot be written
  whole (no file may grow past a few KB) leaves the previous one as it was;
- a history whose newest failure is filed under its oldest day (the fast
  read of the failures comes out of time order: the thread that writes the
  Failures sheets stops, and the workbook is written again the plain way)
  still gives the CSV files' tables.
Skips (77) where openpyxl is not installed.
"""
import datetime
import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workbook  # noqa: E402
from bsutil import BIN, PG, SAMPLES, argv, check, run, run_in_tmp  # noqa: E402

openpyxl = workbook.need_openpyxl()

SHEETS_EN = ["Summary", "Failures", "By sender domain", "By destination domain", "By sending IP",
             "By error code", "By reason", "By blocklist", "By day", "Addresses to stop mailing",
             "Changes"]
SHEETS_JA = ["概要", "配信失敗", "送信元ドメイン別", "宛先ドメイン別", "送信元IPアドレス別",
             "エラーコード別", "原因別", "ブロックリスト別", "日別", "配信を停止すべきアドレス", "変化"]
# each table sheet and its CSV file
CSV_OF = {1: "failures.csv", 2: "by-sender-domain.csv", 3: "by-domain.csv", 4: "by-ip.csv",
          5: "by-code.csv", 6: "by-reason.csv", 7: "by-blocklist.csv", 8: "by-day.csv",
          9: "addresses.csv"}
# the report's zone: UTC (the system's otherwise)
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1776400000", TZ="UTC")


def check_file(path):
    check(os.path.isfile(path), "%s was not written" % path)
    check(stat.S_IMODE(os.stat(path).st_mode) == 0o600, "%s is not mode 0600" % path)
    # neither the report's temporary file nor libxlsxwriter's (its sheets'
    # rows wait in the workbook's folder) is left
    left = [n for n in os.listdir(os.path.dirname(path)) if not n.endswith((".csv", ".xlsx", ".html"))]
    check(not left, "temporary files left beside the workbook: %s" % left)
    check(workbook.formulas_in_parts(path) == [], "a formula in %s" % workbook.formulas_in_parts(path))


def check_tables(wb, csvdir):
    """every table sheet against its CSV file; returns the failures' rows"""
    for index, name in CSV_OF.items():
        ws = wb.worksheets[index]
        check(ws.freeze_panes == "A3", "%s: headers not frozen (%s)" % (ws.title, ws.freeze_panes))
        check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A2:"),
              "%s: no autofilter on the header (%s)" % (ws.title, ws.auto_filter.ref))
        diffs, n = workbook.compare_table(ws, os.path.join(csvdir, name))
        check(not diffs, "%s against %s:\n%s" % (ws.title, name, "\n".join(diffs)))
        if index in (1, 5):
            bad = workbook.code_cells_not_text(ws)
            check(not bad, "code cells that are not text:\n%s" % "\n".join(bad[:20]))
    return workbook.sheet_rows(wb.worksheets[1])


def column(rows, name):
    i = rows[1].index(name)
    return [r[i] if i < len(r) else None for r in rows[2:]]


def check_types(wb):
    failures = workbook.sheet_rows(wb.worksheets[1])
    check(all(isinstance(v, datetime.datetime) for v in column(failures, "time_utc")),
          "time_utc cells are not all date-times")
    check(all(isinstance(v, datetime.datetime) for v in column(failures, "day")),
          "day cells are not all dates")
    check(all(isinstance(v, int) for v in column(failures, "hard_bounce")),
          "hard_bounce cells are not all numbers")
    check(all(isinstance(v, str) for v in column(failures, "status") if v is not None),
          "status cells are not all text")
    check(any(v == "5.1.1" for v in column(failures, "status")), "no 5.1.1 status")
    check(any(v == "550" for v in column(failures, "reply_code")), "reply code 550 is not text")
    domains = workbook.sheet_rows(wb.worksheets[3])
    for name in ("failures", "recipients", "hard_bounces"):
        check(all(isinstance(v, int) for v in column(domains, name)), "%s cells are not numbers" % name)
    for name in ("first_seen", "last_seen"):
        check(all(isinstance(v, datetime.datetime) for v in column(domains, name)),
              "%s cells are not date-times" % name)
    days = workbook.sheet_rows(wb.worksheets[8])
    for row in days[2:]:
        check(sum(row[1:5]) == row[5], "By day: the families do not add up: %s" % row[:6])


def check_hostile(wb):
    rows = workbook.sheet_rows(wb.worksheets[1])
    texts = {workbook.read_ooxml_text(v) for v in column(rows, "diagnostic") if isinstance(v, str)}
    for p in workbook.PAYLOADS:
        check(p in texts, "payload %r is not a text cell of its own: %s" % (p, sorted(texts)[:40]))
    subjects = [v for v in column(rows, "orig_subject") if isinstance(v, str)]
    check("ctl\u2401\u2407\u241b[31mred\nline\u2421" in subjects,
          "control characters are not shown as symbols: %s" % subjects)
    evidence = [v for v in column(rows, "evidence") if isinstance(v, str)]
    check("not xml [U+FFFE][U+FFFF]" in evidence, "U+FFFE, U+FFFF: %s" % evidence)
    check(any(s.startswith("bidi [U+202E]gpj.exe [U+200B]") for s in subjects),
          "bidi characters are not shown: %s" % subjects)
    check("=1+1 お知らせ" in subjects, "the Japanese subject is not intact: %s" % subjects)
    check(any("\u3042" <= ch <= "\u9fff" for s in subjects for ch in s), "no Japanese text")


def check_summary(wb, ja):
    rows = workbook.sheet_rows(wb.worksheets[0])
    text = "\n".join(str(v) for r in rows for v in r if v is not None)
    if ja:
        check("配信エラー（バウンス）レポート" in text and "いま対処すべき問題" in text,
              "the Japanese summary: %s" % text[:500])
    else:
        check("could not be delivered" in text and "What to do now" in text,
              "the summary: %s" % text[:500])
    check(any(isinstance(v, int) and v > 0 for r in rows for v in r), "the summary has no counts")


def check_layout(wb):
    """widths of every table's columns, wrapped long text and its rows' heights"""
    for index in CSV_OF:
        ws = wb.worksheets[index]
        names = workbook.sheet_rows(ws)[1]
        for i, name in enumerate(names):
            letter = openpyxl.utils.get_column_letter(i + 1)
            width = ws.column_dimensions[letter].width
            check(width is not None and 8 <= width <= 70,
                  "%s: column %s (%s) has no width of its own: %s" % (ws.title, letter, name, width))
    failures = wb.worksheets[1]
    names = workbook.sheet_rows(failures)[1]
    width = {n: failures.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
             for i, n in enumerate(names)}
    check(width["status"] < 15 and width["diagnostic"] > 40 and width["recipient"] > 25,
          "Failures' widths: status %s, diagnostic %s, recipient %s"
          % (width["status"], width["diagnostic"], width["recipient"]))
    # By destination domain: the latest message wraps, its row is made high
    ws = wb.worksheets[3]
    rows = workbook.sheet_rows(ws)
    col = rows[1].index("example_diagnostic")
    tall = 0
    for r in range(3, len(rows) + 1):
        cell = ws.cell(row=r, column=col + 1)
        check(cell.value is None or cell.alignment.wrap_text, "%s: not wrapped" % cell.coordinate)
        height = ws.row_dimensions[r].height
        if isinstance(cell.value, str) and len(cell.value) > 200:
            check(height is not None and height >= 40, "%s: a long message in a row %s high"
                  % (cell.coordinate, height))
            tall += 1
    check(tall > 0, "no long message in By destination domain")
    # the header labels wrap too
    check(ws.cell(row=1, column=1).alignment.wrap_text, "the header labels do not wrap")


def sha(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def check_whole(tmp, db):
    """a workbook that cannot be written whole: the previous one stays"""
    out = os.path.join(tmp, "whole")
    os.makedirs(out)
    path = os.path.join(out, "report.xlsx")
    run("report", "--db", db, "--xlsx", path, check_rc=0, env=ENV)
    before = sha(path)

    def limit():
        # files may not grow past 20 KB: writes fail (EFBIG) rather than kill
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
    p = subprocess.run([BIN, *argv(["report", "--db", db, "--lang", "ja", "--xlsx", path])],
                       capture_output=True, env=ENV, preexec_fn=limit, timeout=120)
    err = p.stderr.decode("utf-8", "replace")
    check(p.returncode == 1 and "report.xlsx" in err,
          "a workbook that cannot be written: exit %d: %s" % (p.returncode, err[-500:]))
    check(sha(path) == before, "the previous workbook was changed by a failed write")
    check(os.listdir(out) == ["report.xlsx"], "left after a failed write: %s" % os.listdir(out))


def check_disorder(tmp, db):
    """the newest failure filed under the oldest day: the failures read by
    day come out of time order, and the workbook is written again (a
    SQLite copy of the history is edited: skipped in suite pg)"""
    if PG:
        print("  skip the out-of-order read: it edits a copy of a SQLite history")
        return
    out = os.path.join(tmp, "disorder")
    os.makedirs(out)
    copy = os.path.join(out, "history.db")
    src, dst = sqlite3.connect(db), sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    newest, = dst.execute("SELECT id FROM failures WHERE is_failure = 1"
                          " ORDER BY seen_at DESC, id DESC LIMIT 1").fetchone()
    oldest, = dst.execute("SELECT min(day) FROM failures WHERE is_failure = 1").fetchone()
    dst.execute("UPDATE failure_groups SET day = ? WHERE id ="
                " (SELECT group_id FROM failure_recipients WHERE id = ?)", (oldest, newest))
    dst.commit()
    dst.close()
    run("report", "--db", copy, "--xlsx", os.path.join(out, "report.xlsx"), "--csv", out,
        check_rc=0, env=ENV)
    os.unlink(copy)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(copy + suffix):
            os.unlink(copy + suffix)
    wb = openpyxl.load_workbook(os.path.join(out, "report.xlsx"))
    check(wb.sheetnames == SHEETS_EN, "sheets after a read out of order: %s" % wb.sheetnames)
    check_tables(wb, out)
    shutil.rmtree(out)


def work(tmp):
    db = workbook.build_history(tmp, BIN, SAMPLES)
    # English
    en = os.path.join(tmp, "en")
    os.makedirs(en)
    run("report", "--db", db, "--lang", "en", "--xlsx", os.path.join(en, "report.xlsx"), "--csv", en,
        check_rc=0, env=ENV)
    path = os.path.join(en, "report.xlsx")
    check_file(path)
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == SHEETS_EN, "sheets: %s" % wb.sheetnames)
    rows = check_tables(wb, en)
    check(rows[0][:3] == ["Day (UTC)", "Time (UTC)", "Time (UTC)"], "English labels: %s" % rows[0][:4])
    check_types(wb)
    check_hostile(wb)
    check_summary(wb, False)
    check_layout(wb)
    machine = rows[1]

    # Japanese: the same tables and machine names, labels in Japanese
    ja = os.path.join(tmp, "ja")
    os.makedirs(ja)
    run("report", "--db", db, "--lang", "ja", "--xlsx", os.path.join(ja, "report.xlsx"), "--csv", ja,
        check_rc=0, env=ENV)
    check_file(os.path.join(ja, "report.xlsx"))
    wbj = openpyxl.load_workbook(os.path.join(ja, "report.xlsx"))
    check(wbj.sheetnames == SHEETS_JA, "Japanese sheets: %s" % wbj.sheetnames)
    rows = check_tables(wbj, ja)
    check(rows[1] == machine, "the machine names differ in Japanese: %s" % rows[1])
    check(rows[0][:3] == ["日付（UTC）", "日時（UTC）", "日時（UTC）"], "Japanese labels: %s" % rows[0][:4])
    check_summary(wbj, True)
    check(wbj.worksheets[1]["A3"].number_format == "yyyy/mm/dd", "Japanese date format: %s"
          % wbj.worksheets[1]["A3"].number_format)
    check(wb.worksheets[1]["A3"].number_format == "yyyy-mm-dd", "English date format: %s"
          % wb.worksheets[1]["A3"].number_format)
    check(wbj.worksheets[1]["B3"].number_format == "yyyy/mm/dd hh:mm:ss"
          and wb.worksheets[1]["B3"].number_format == "yyyy-mm-dd hh:mm:ss",
          "time formats: %s, %s" % (wbj.worksheets[1]["B3"].number_format,
                                    wb.worksheets[1]["B3"].number_format))

    # a customer's report: the same filters as the CSV
    cust = os.path.join(tmp, "customer")
    os.makedirs(cust)
    run("report", "--db", db, "--sender-domain", "shop.example.jp", "--redact", "--since", "2026-02-01",
        "--until", "2026-12-31", "--xlsx", os.path.join(cust, "report.xlsx"), "--csv", cust,
        check_rc=0, env=ENV)
    check_file(os.path.join(cust, "report.xlsx"))
    wbc = openpyxl.load_workbook(os.path.join(cust, "report.xlsx"))
    rows = check_tables(wbc, cust)
    check(len(rows) > 2, "the customer's workbook has no failure")
    check(all(v.endswith("shop.example.jp") for v in column(rows, "sender_domain")),
          "another sender in the customer's workbook")
    check(all(v.startswith("***@") for v in column(rows, "recipient") if v),
          "a recipient is not redacted")
    check(all("2026-02-01" <= d.strftime("%Y-%m-%d") <= "2026-12-31" for d in column(rows, "day")),
          "a failure outside --since/--until in the customer's workbook")
    check(len(rows) - 2 < len(workbook.sheet_rows(wb.worksheets[1])) - 2,
          "the customer's workbook has every failure")

    # ad hoc: DIR/report.xlsx beside report.html and the CSV files
    out = os.path.join(tmp, "adhoc")
    run(os.path.join(SAMPLES, "mbox"), os.path.join(SAMPLES, "eml"), "-o", out, "-q", check_rc=0, env=ENV)
    check_file(os.path.join(out, "report.xlsx"))
    wba = openpyxl.load_workbook(os.path.join(out, "report.xlsx"))
    check_tables(wba, out)

    check_whole(tmp, db)
    check_disorder(tmp, db)

    # an unwritable place: an error, nothing left
    rc, _, err = run("report", "--db", db, "--xlsx", os.path.join(tmp, "no", "such", "report.xlsx"), env=ENV)
    check(rc == 1 and "report.xlsx" in err, "a workbook in a missing folder: exit %d, %s" % (rc, err))


if __name__ == "__main__":
    run_in_tmp("bs-workbook-", work)
