#!/usr/bin/env python3
"""End-to-end: the workbook as LibreOffice reads it.  LibreOffice Calc,
headless and in a Japanese locale (where "detect special numbers" turned
3,077 of 3,167 status cells of failures.csv into dates), opens report.xlsx
and saves it again; openpyxl reads what LibreOffice made of every cell:

- 0 code cells (status, SMTP reply, provider code) turned into dates or
  numbers, in Failures and in By error code;
- Failures matches failures.csv row for row (times and days are dates,
  counts numbers, Japanese text intact), and so does every other table
  with its CSV file;
- no formula anywhere: the formula payloads stay text.
Skips (77) where LibreOffice or openpyxl is not installed.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workbook  # noqa: E402
from bsutil import BIN, SAMPLES, check, run, run_in_tmp  # noqa: E402

SOFFICE = workbook.find_soffice()
if SOFFICE is None:
    print("SKIP: LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    sys.exit(workbook.SKIP)
openpyxl = workbook.need_openpyxl()

CSV_OF = {1: "failures.csv", 2: "by-sender-domain.csv", 3: "by-domain.csv", 4: "by-ip.csv",
          5: "by-code.csv", 6: "by-reason.csv", 7: "by-blocklist.csv", 8: "by-day.csv"}


def work(tmp):
    db = workbook.build_history(tmp, BIN, SAMPLES)
    out = os.path.join(tmp, "report")
    os.makedirs(out)
    run("report", "--db", db, "--lang", "ja", "--xlsx", os.path.join(out, "report.xlsx"), "--csv", out,
        check_rc=0, env=dict(os.environ, SOURCE_DATE_EPOCH="1776400000"))
    # LibreOffice in a Japanese locale, with a profile of its own
    env = dict(os.environ, LANG="ja_JP.UTF-8", LC_ALL="ja_JP.UTF-8", LANGUAGE="ja")
    saved = workbook.libreoffice_convert(SOFFICE, os.path.join(out, "report.xlsx"), "xlsx",
                                         os.path.join(tmp, "lo"), os.path.join(tmp, "profile"), env)
    check(workbook.formulas_in_parts(saved) == [],
          "LibreOffice made formulas: %s" % workbook.formulas_in_parts(saved))
    wb = openpyxl.load_workbook(saved)
    check(len(wb.worksheets) == 10, "LibreOffice's sheets: %s" % wb.sheetnames)
    turned = []
    for index in (1, 5):
        turned += workbook.code_cells_not_text(wb.worksheets[index])
    check(not turned, "%d code cells turned into dates or numbers:\n%s" % (len(turned), "\n".join(turned[:20])))
    for index, name in CSV_OF.items():
        # LibreOffice read "_x005F_x003D_" as the text "_x003D_" (right) but
        # writes it back unescaped: its file's strings are taken as they are
        diffs, n = workbook.compare_table(wb.worksheets[index], os.path.join(out, name), escapes=False)
        check(not diffs, "%s (LibreOffice) against %s:\n%s" % (wb.worksheets[index].title, name,
                                                               "\n".join(diffs)))
        if index == 1:
            check(n > 60, "only %d failures" % n)
    rows = workbook.sheet_rows(wb.worksheets[1])
    texts = {v for r in rows for v in r if isinstance(v, str)}
    for p in workbook.PAYLOADS:
        check(p in texts, "payload %r is not text after LibreOffice" % p)
    check("=1+1 お知らせ" in texts, "the Japanese subject did not survive LibreOffice")

    # the CSV files' recipe of docs/csv.md (UTF-8, no special numbers, the
    # code columns as text) on an --excel failures.csv: no code turned, no
    # byte-order mark in the first header, the Japanese text intact
    excel = os.path.join(tmp, "excel")
    run("report", "--db", db, "--excel", "--csv", excel, check_rc=0)
    converted = workbook.libreoffice_convert(
        SOFFICE, os.path.join(excel, "failures.csv"), "xlsx", os.path.join(tmp, "lo-csv"),
        os.path.join(tmp, "profile"), env, infilter="CSV:44,34,76,1,7/2/9/2/17/2,,false,false")
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
