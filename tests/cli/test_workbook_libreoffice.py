#!/usr/bin/env python3
"""End-to-end: the workbook as LibreOffice reads it.  LibreOffice Calc,
headless and in a Japanese locale (where "detect special numbers" turned
3,077 of 3,167 status cells of failures.csv into dates), opens two
workbooks and saves them again: the report of samples/ with hostile
bounces, and the report of the generated month (tests/scenario/gen_month.py,
BS_SCENARIO_SCALE of its routine volume, 0.5 unless set).  openpyxl reads
what LibreOffice made of every cell:

- 0 code cells (status, SMTP reply, provider code) turned into dates or
  numbers, in Failures and in By error code;
- Failures matches failures.csv row for row (times and days are dates,
  counts numbers, Japanese text intact), and so does every other table
  with its CSV file;
- no formula anywhere: the formula payloads stay text.
Then the CSV files' recipe of docs/csv.md for LibreOffice.
Skips (77) where LibreOffice or openpyxl is not installed.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "scenario"))
import workbook  # noqa: E402
from bsutil import BIN, SAMPLES, check, run, run_in_tmp  # noqa: E402

SOFFICE = workbook.find_soffice()
if SOFFICE is None:
    print("SKIP: LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    sys.exit(workbook.SKIP)
openpyxl = workbook.need_openpyxl()
import gen_month  # noqa: E402

CSV_OF = {1: "failures.csv", 2: "by-sender-domain.csv", 3: "by-domain.csv", 4: "by-ip.csv",
          5: "by-code.csv", 6: "by-reason.csv", 7: "by-blocklist.csv", 8: "by-day.csv",
          9: "addresses.csv"}
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1776400000", TZ="UTC")
# LibreOffice in a Japanese locale
JA = dict(os.environ, LANG="ja_JP.UTF-8", LC_ALL="ja_JP.UTF-8", LANGUAGE="ja")


def month_history(tmp):
    """the generated month in one mbox, scanned"""
    scale = float(os.environ.get("BS_SCENARIO_SCALE", "0.5"))
    month = gen_month.Month(seed=14, scale=scale)
    mbox = os.path.join(tmp, "month", "postmaster.mbox")
    for n in range(1, gen_month.NIGHTS + 1):
        month.write_night(n, mbox, "mbox")
    db = os.path.join(tmp, "month.db")
    run("scan", "-q", "--db", db, mbox, check_rc=0, timeout=300)
    return db


def report(db, out, name):
    os.makedirs(out)
    run("report", "--db", db, "--lang", "ja", "--xlsx", os.path.join(out, name), "--csv", out,
        check_rc=0, env=ENV, timeout=300)
    return os.path.join(out, name)


def check_saved(saved, csvdir, least):
    """a workbook LibreOffice saved against the CSV files it was made with"""
    check(workbook.formulas_in_parts(saved) == [],
          "LibreOffice made formulas: %s" % workbook.formulas_in_parts(saved))
    wb = openpyxl.load_workbook(saved)
    check(len(wb.worksheets) == 11, "LibreOffice's sheets: %s" % wb.sheetnames)
    turned = []
    for index in (1, 5):
        turned += workbook.code_cells_not_text(wb.worksheets[index])
    check(not turned, "%s: %d code cells turned into dates or numbers:\n%s"
          % (saved, len(turned), "\n".join(turned[:20])))
    for index, name in CSV_OF.items():
        # LibreOffice read "_x005F_x003D_" as the text "_x003D_" (right) but
        # writes it back unescaped: its file's strings are taken as they are
        diffs, n = workbook.compare_table(wb.worksheets[index], os.path.join(csvdir, name), escapes=False)
        check(not diffs, "%s (LibreOffice) against %s:\n%s" % (wb.worksheets[index].title, name,
                                                               "\n".join(diffs)))
        if index == 1:
            check(n >= least, "%s: only %d failures" % (saved, n))
    return wb


def work(tmp):
    db = workbook.build_history(tmp, BIN, SAMPLES)
    out = os.path.join(tmp, "report")
    book = report(db, out, "report.xlsx")
    mout = os.path.join(tmp, "month-report")
    mbook = report(month_history(tmp), mout, "month.xlsx")
    saved, msaved = workbook.libreoffice_convert(SOFFICE, [book, mbook], "xlsx", os.path.join(tmp, "lo"),
                                                 os.path.join(tmp, "profile"), JA)
    wb = check_saved(saved, out, 60)
    rows = workbook.sheet_rows(wb.worksheets[1])
    texts = {v for r in rows for v in r if isinstance(v, str)}
    for p in workbook.PAYLOADS:
        check(p in texts, "payload %r is not text after LibreOffice" % p)
    check("=1+1 お知らせ" in texts, "the Japanese subject did not survive LibreOffice")
    check_saved(msaved, mout, 500)

    # the CSV files' recipe of docs/csv.md (UTF-8, no special numbers, the
    # code columns as text) on an --excel failures.csv: no code turned, no
    # byte-order mark in the first header, the Japanese text intact
    excel = os.path.join(tmp, "excel")
    run("report", "--db", db, "--excel", "--csv", excel, check_rc=0)
    converted = workbook.libreoffice_convert(
        SOFFICE, os.path.join(excel, "failures.csv"), "xlsx", os.path.join(tmp, "lo-csv"),
        os.path.join(tmp, "profile"), JA, infilter="CSV:44,34,76,1,8/2/10/2/18/2,,false,false")
    ws = openpyxl.load_workbook(converted).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    check(rows[0][0] == "day", "the first header after LibreOffice: %r" % rows[0][0])
    at = [rows[0].index(n) for n in workbook.CODE_COLUMNS]
    turned = [r[i] for r in rows[1:] for i in at if r[i] is not None and not isinstance(r[i], str)]
    check(not turned, "the recipe of docs/csv.md turned codes: %s" % turned[:10])
    check(any(isinstance(v, str) and "お知らせ" in v for r in rows for v in r),
          "the recipe of docs/csv.md garbled the Japanese text")


if __name__ == "__main__":
    run_in_tmp("bs-workbook-lo-", work)
