#!/usr/bin/env python3
"""A history written by schema version 1 (fixtures/history-v1.sql, made by a
version 1 bouncescan with fixtures/make-history-v1.sh) is upgraded in place:
every row kept, the new tables filled from it, the same columns as a history
created by this version, and its mbox state still honoured by the next
scan.  `changes` and `report` work on it.
SPDX-License-Identifier: BSD-2-Clause
"""
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, SAMPLES, check, run, run_in_tmp  # noqa: E402
from nightly import query, summary, value  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def columns(db):
    out = {}
    for (table,) in query(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"):
        out[table] = [(r[1], r[2], r[3], r[5]) for r in query(db, "PRAGMA table_info(%s)" % table)]
    return out


def indexes(db):
    return sorted(query(db, "SELECT type, name, tbl_name FROM sqlite_schema"
                            " WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%'"))


def main():
    run_in_tmp("bs-upgrade-", work)


def work(tmp):
    db = os.path.join(tmp, "history.db")
    con = sqlite3.connect(db)
    con.executescript(open(os.path.join(HERE, "fixtures", "history-v1.sql"), encoding="utf-8").read())
    con.close()
    os.chmod(db, 0o600)
    check(value(db, "PRAGMA user_version") == 1, "the fixture is not version 1")
    before = {t: query(db, "SELECT * FROM %s ORDER BY 1" % t)
              for t in ("scan_runs", "messages", "failures", "sources", "schema_history")}
    # the failures' columns of version 1, read after the upgrade from where
    # they are then (the original's headers: originals, version 9)
    v1_columns = [c[1] for c in query(db, "PRAGMA table_info(failures)")]
    failures_v1 = ("SELECT %s FROM failures f LEFT JOIN originals o ON o.id = f.original_id"
                   " ORDER BY 1" % ", ".join(("o." if c.startswith("orig_") and c != "orig_recipient"
                                              else "f.") + c for c in v1_columns))
    check(len(before["failures"]) > 5, "the fixture has too few records")

    # a reader upgrades it first (the upgrade takes the scan lock)
    rc, out, err = run("changes", "--db", db, "--kind", "all")
    check(rc == 3, "changes on an upgraded history: exit %d, %s %s" % (rc, out, err))
    check("New (" in out, "no new problems listed after the upgrade: %s" % out)
    latest = value(db, "PRAGMA user_version")
    check(latest >= 3, "not upgraded to version 3 or later: %s" % latest)
    check(query(db, "SELECT version FROM schema_history ORDER BY version")
          == [(v,) for v in range(1, latest + 1)],
          "schema_history: %s" % query(db, "SELECT * FROM schema_history"))

    # every row kept, old columns unchanged but for the rule ids (schema 7:
    # the positional ids of version 1 read again as stable ones)
    rule = v1_columns.index("rule")
    for t, rows in before.items():
        after = query(db, failures_v1 if t == "failures" else "SELECT * FROM %s ORDER BY 1" % t)
        if t == "schema_history":
            check(after[:len(rows)] == rows, "schema_history rows changed")
            continue
        check(len(after) == len(rows), "%s: %d rows before, %d after" % (t, len(rows), len(after)))
        if t == "failures":
            after = [r[:rule] + ("",) + r[rule + 1:] for r in after]
            rows = [r[:rule] + ("",) + r[rule + 1:] for r in rows]
        check([r[:len(rows[0])] for r in after] == rows, "%s: rows changed by the upgrade" % t)
    # the rows the positional ids pointed to when version 1 wrote them,
    # found by what they matched (a row was inserted before some since)
    ids = dict(query(db, "SELECT evidence, rule FROM failures"))
    for evidence, want in (
            ("connections not accepted from ip addresses on spamhaus xbl",
             "phrase:blocked:yahoo-bl23-spamhaus-xbl"),
            ("account that you tried to reach is disabled", "rhost:google:account-disabled"),
            ("connection timed out", "phrase:expired:connection-timed-out"),
            ("message rejected as spam", "phrase:spamdetected:message-rejected-as-spam"),
            ("5.1.1", "status:5.1.1")):
        check(ids.get(evidence) == want, "rule of %r: %s, expected %s" % (evidence, ids.get(evidence), want))

    # the per-day counts, filled from the old records
    for kind, column in (("ip", "sending_ip"), ("destination", "destination"),
                         ("blocklist", "blocklist"), ("provider_code", "provider_code")):
        want = value(db, "SELECT count(*) FROM failures WHERE is_failure = 1 AND %s <> ''" % column)
        got = value(db, "SELECT coalesce(sum(failures), 0) FROM failure_days WHERE kind = ?", kind)
        check(want == got, "failure_days %s: %s, expected %s" % (kind, got, want))
    check(value(db, "SELECT count(*) FROM failure_days WHERE first_run IS NULL") == 0,
          "failure_days rows without their run")

    # the same schema as a history this version creates
    fresh = os.path.join(tmp, "fresh.db")
    empty = os.path.join(tmp, "empty")
    os.makedirs(os.path.join(empty, "cur"))
    os.makedirs(os.path.join(empty, "new"))
    run("scan", "--db", fresh, empty, check_rc=0)
    check(columns(db) == columns(fresh), "upgraded schema differs from a new one:\n%s\n%s"
          % (columns(db), columns(fresh)))
    check(indexes(db) == indexes(fresh), "indexes/triggers differ: %s vs %s" % (indexes(db), indexes(fresh)))

    # its mbox state still holds: the sample mbox it was made from is not read again
    src = os.path.join(SAMPLES, "mbox", "bounces.mbox")
    os.makedirs(os.path.join(tmp, "mbox"))
    shutil.copy(src, os.path.join(tmp, "mbox", "bounces.mbox"))
    data = open(src, "rb").read()
    stored = query(db, "SELECT fingerprint, offset FROM sources WHERE key = 'mbox/bounces.mbox'")
    same = bool(stored) and stored[0] == (hashlib.sha256(data[:4096]).hexdigest(), len(data))
    old_failures = value(db, "SELECT count(*) FROM failures")
    # (relative paths, as the fixture was made)
    p = subprocess.run([os.path.abspath(BIN), "scan", "--db", "history.db", "mbox/bounces.mbox"],
                       cwd=tmp, capture_output=True, text=True, timeout=120)
    check(p.returncode == 0, "scan after the upgrade: %s" % p.stderr)
    n = summary(p.stdout)
    if same:
        check(n[0] == 0 and n[6] == 0, "the upgraded mbox state was not honoured: %s" % p.stdout)
    else:
        print("samples/mbox/bounces.mbox changed since the fixture was made: only no double count checked")
    check(value(db, "SELECT count(*) FROM failures WHERE is_failure = 1")
          == len([r for r in before["failures"] if r[10] == 1]) + n[4],
          "the scan after the upgrade counted something twice")
    check(value(db, "SELECT count(*) FROM failures") >= old_failures, "records lost")
    check(value(db, "SELECT status FROM scan_runs ORDER BY id DESC LIMIT 1") == "complete",
          "the new run has no status")
    check(value(db, "SELECT status FROM scan_runs ORDER BY id LIMIT 1") is None,
          "a version 1 run was given a status it never had")

    # and a report
    html = os.path.join(tmp, "r.html")
    run("report", "--db", db, "--html", html, check_rc=0)
    page = open(html, encoding="utf-8").read()
    check('id="changes"' in page, "the report has no changes section")


if __name__ == "__main__":
    main()
