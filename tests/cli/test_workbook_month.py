#!/usr/bin/env python3
"""End-to-end: the workbook of the generated month (tests/scenario/gen_month.py,
BS_SCENARIO_SCALE of its routine volume, 0.5 unless set), scanned in two
runs (the month less its last night, then the last night), read back with
openpyxl against what `changes` says of the same history:

- Summary: the incidents in the page's order (`changes --json`'s): subject,
  refusing system, state and counts, each with its next step, live ones
  first, the Outlook.com refusal of 203.0.113.12 (back after it cleared)
  on top;
- Changes: what the latest scan brought, and with --since what the days
  from then on brought, row for row against `changes --kind all --limit 0`
  (type, subject kind, value, failures);
- By day: a column per reason family, adding up to the failures;
- with --tz Asia/Tokyo: every table against its CSV file in that zone
  (days are Japan's, time_local and the groups' times Japan's wall clock,
  time_utc UTC's), the zone named in the labels, the same incidents as
  `changes --tz Asia/Tokyo --json`.
Skips (77) where openpyxl is not installed.
"""
import collections
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "scenario"))
import workbook  # noqa: E402
from bsutil import check, run, run_in_tmp  # noqa: E402

openpyxl = workbook.need_openpyxl()
import gen_month  # noqa: E402

# 02:30 JST the morning after the month's last night; the report's zone UTC
# (the system's otherwise) unless --tz
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1796491800", TZ="UTC")
CSV_OF = {"Failures": "failures.csv", "By sender domain": "by-sender-domain.csv",
          "By destination domain": "by-domain.csv", "By sending IP": "by-ip.csv",
          "By error code": "by-code.csv", "By reason": "by-reason.csv",
          "By blocklist": "by-blocklist.csv", "By day": "by-day.csv",
          "Addresses to stop mailing": "addresses.csv"}
SINCE = "2026-11-10"
KINDS = {"sending IP": "ip", "destination": "destination", "blocklist": "blocklist",
         "provider code": "provider_code"}
TYPES = {"New": "new", "Came back": "back", "Cleared": "cleared"}


def month_history(tmp):
    """the month in one mbox, scanned twice: all nights but the last, then the last"""
    month = gen_month.Month(seed=14, scale=float(os.environ.get("BS_SCENARIO_SCALE", "0.5")))
    mbox = os.path.join(tmp, "month", "postmaster.mbox")
    db = os.path.join(tmp, "month.db")
    for n in range(1, gen_month.NIGHTS):
        month.write_night(n, mbox, "mbox")
    run("scan", "-q", "--db", db, mbox, check_rc=0, timeout=300, env=ENV)
    month.write_night(gen_month.NIGHTS, mbox, "mbox")
    run("scan", "-q", "--db", db, mbox, check_rc=0, timeout=300, env=ENV)
    return db


def table(ws, heading_row=None):
    """the rows of the table whose machine names are at heading_row (1-based;
    None: the sheet's second row) as dicts, up to the first empty row"""
    rows = workbook.sheet_rows(ws)
    at = 1 if heading_row is None else heading_row - 1
    names = rows[at]
    out = []
    for line in rows[at + 1:]:
        if all(v is None for v in line):
            break
        out.append({n: (line[i] if i < len(line) else None) for i, n in enumerate(names) if n})
    return out


def find_row(ws, first_cell):
    """the 1-based row whose first cell is first_cell"""
    for i, row in enumerate(ws.iter_rows(values_only=True), 1):
        if row and row[0] == first_cell:
            return i
    return None


def changes_text(db, *args):
    """`changes --kind all --limit 0 ARGS` as a multiset of (type, kind, value, failures)"""
    rc, out, err = run("changes", "--db", db, "--kind", "all", "--limit", "0", *args, env=ENV)
    check(rc in (0, 3), "changes %s: exit %d: %s" % (args, rc, err))
    got = collections.Counter()
    section = None
    for line in out.splitlines():
        head = re.match(r"^(New|Came back|Cleared) \(\d+\):$", line)
        if head:
            section = TYPES[head.group(1)]
            continue
        if not line.startswith("  ") or section is None:
            section = None if not line.startswith("  ") else section
            continue
        m = re.match(r"^  (sending IP|destination|blocklist|provider code) +(\S+) .*?(\d+) failures? on ",
                     line)
        check(m is not None, "a line of changes not understood: %r" % line)
        got[(section, KINDS[m.group(1)], m.group(2), int(m.group(3)))] += 1
    return got


def sheet_changes(wb):
    got = collections.Counter()
    for r in table(wb["Changes"]):
        got[(r["type"], r["kind"], r["value"], r["failures"])] += 1
    return got


def check_changes(wb, db, args, what):
    want, got = changes_text(db, *args), sheet_changes(wb)
    check(sum(want.values()) > 0, "%s: changes lists nothing" % what)
    check(got == want, "%s: the Changes sheet differs from changes:\nonly in the sheet: %s\nonly in changes: %s"
          % (what, sorted((got - want).elements())[:10], sorted((want - got).elements())[:10]))


def check_incidents(wb, db, *args):
    rc, out, err = run("changes", "--db", db, "--json", *args, env=ENV)
    check(rc in (0, 3), "changes --json: exit %d: %s" % (rc, err))
    want = json.loads(out)["incidents"]
    ws = wb["Summary"]
    at = find_row(ws, "incident")
    check(at is not None, "no incidents' table on the Summary")
    got = table(ws, at)
    check(len(got) == len(want) and len(want) >= 3,
          "Summary: %d incidents, changes --json: %d" % (len(got), len(want)))
    for g, w in zip(got, want):
        for key in ("subject", "system", "state", "failures", "recipients", "warnings"):
            check(g[key] == w[key], "incident %s: %s %r in the workbook, %r in changes --json"
                  % (w["key"], key, g[key], w[key]))
        check(g["blamed"] == w["blamed"] and g["advice"] == w["advice"]["key"],
              "incident %s: blamed/advice %r %r" % (w["key"], g["blamed"], g["advice"]))
        check(isinstance(g["next_step"], str) and len(g["next_step"]) > 40, "no next step: %r" % g)
        check(hasattr(g["first"], "year") and hasattr(g["last"], "year"), "first/last are not dates: %r" % g)
    first = got[0]
    check(first["subject"] == "203.0.113.12" and first["system"] == "microsoft-olc"
          and first["state"] == "returned" and first["incident"].startswith("Came back: 203.0.113.12"),
          "the first incident: %r" % first)
    states = [g["state"] for g in got]
    live = [s in ("active", "returned", "warning") for s in states]
    check(live == sorted(live, reverse=True), "live incidents are not first: %s" % states)
    # the next step's cell wraps and its row is as high as it needs
    col = workbook.sheet_rows(ws)[at - 1].index("next_step")
    cell = ws.cell(row=at + 1, column=col + 1)
    check(cell.alignment.wrap_text, "the next step is not wrapped")
    height = ws.row_dimensions[at + 1].height
    check(height is not None and height > 30, "the incident's row is not made high: %s" % height)


def check_tokyo(tmp, db):
    """the report in Japan's time: days, times and labels in Asia/Tokyo"""
    out = os.path.join(tmp, "tokyo")
    os.makedirs(out)
    run("report", "--db", db, "--tz", "Asia/Tokyo", "--xlsx", os.path.join(out, "report.xlsx"),
        "--csv", out, check_rc=0, env=ENV, timeout=300)
    wb = openpyxl.load_workbook(os.path.join(out, "report.xlsx"))
    for title, name in CSV_OF.items():
        diffs, n = workbook.compare_table(wb[title], os.path.join(out, name), zone="Asia/Tokyo")
        check(not diffs and n > 0, "%s against %s (--tz Asia/Tokyo):\n%s" % (title, name, "\n".join(diffs)))
    labels = workbook.sheet_rows(wb["Failures"])[0]
    check(labels[:3] == ["Day (Asia/Tokyo)", "Time (UTC)", "Time (Asia/Tokyo)"],
          "the zone in the labels: %s" % labels[:3])
    jst = datetime.timedelta(hours=9)
    for r in table(wb["Failures"]):
        check(r["time_local"] == r["time_utc"] + jst and r["day"].date() == r["time_local"].date(),
              "a failure's day and local time are not Japan's: %r %r %r"
              % (r["day"], r["time_utc"], r["time_local"]))
    check_incidents(wb, db, "--tz", "Asia/Tokyo")


def work(tmp):
    db = month_history(tmp)
    out = os.path.join(tmp, "latest")
    os.makedirs(out)
    run("report", "--db", db, "--xlsx", os.path.join(out, "report.xlsx"), "--csv", out,
        check_rc=0, env=ENV, timeout=300)
    wb = openpyxl.load_workbook(os.path.join(out, "report.xlsx"))
    check_incidents(wb, db)
    check_changes(wb, db, (), "since the latest scan")
    days = table(wb["By day"])
    families = [k for k in days[0] if k.startswith("failures_")]
    check(len(families) == 4, "By day's family columns: %s" % families)
    check(all(sum(d[f] for f in families) == d["failures"] for d in days),
          "By day: the families do not add up")

    # in Japanese: the same incidents, their sentences and labels in Japanese
    ja = os.path.join(tmp, "ja")
    os.makedirs(ja)
    run("report", "--db", db, "--lang", "ja", "--xlsx", os.path.join(ja, "report.xlsx"),
        check_rc=0, env=ENV, timeout=300)
    wbj = openpyxl.load_workbook(os.path.join(ja, "report.xlsx"))
    ws = wbj["概要"]
    at = find_row(ws, "incident")
    check(at is not None and ws.cell(row=at - 1, column=1).value == "インシデント",
          "the Japanese incidents' labels")
    got = table(ws, at)
    en = table(wb["Summary"], find_row(wb["Summary"], "incident"))
    same = ("subject", "system", "state", "failures")
    check([[g[k] for k in same] for g in got] == [[e[k] for k in same] for e in en],
          "the Japanese workbook's incidents differ from the English one's")
    check(got[0]["incident"].startswith("再発: 203.0.113.12 が Outlook.com / Hotmail に再び拒否"),
          "the first incident in Japanese: %r" % got[0]["incident"])

    check_tokyo(tmp, db)

    since = os.path.join(tmp, "since")
    os.makedirs(since)
    run("report", "--db", db, "--since", SINCE, "--xlsx", os.path.join(since, "report.xlsx"),
        "--csv", since, check_rc=0, env=ENV, timeout=300)
    wbs = openpyxl.load_workbook(os.path.join(since, "report.xlsx"))
    check_changes(wbs, db, ("--since", SINCE), "since " + SINCE)
    diffs, n = workbook.compare_table(wbs["Failures"], os.path.join(since, "failures.csv"))
    check(not diffs and n > 0, "Failures against failures.csv (--since):\n%s" % "\n".join(diffs))
    check(all(d.strftime("%Y-%m-%d") >= SINCE for d in [r["day"] for r in table(wbs["Failures"])]),
          "a failure before --since in the workbook")


if __name__ == "__main__":
    run_in_tmp("bs-workbook-month-", work)
