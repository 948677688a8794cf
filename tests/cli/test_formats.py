#!/usr/bin/env python3
"""End-to-end: `bouncescan dump` on every samples/formats/<format>/ folder
against the folder's expected.tsv.

Each folder holds bounces (*.eml) written in one format's shape and an
expected.tsv (samples/README.md, "Format samples"): one row per record, in the
order dump gives them, with status, reply code, reason, hard bounce, recipient
and mta.  Every message must give exactly its rows; a status whose third
field is 900 or more ("5.0.911") means "the message states no status" and is
compared on its class only, as the shared corpus's scorer does.  Every folder
must have messages and rows.  (Which format reads each message, and that every
format has a folder, is tests/test-formats.c's check.)
"""
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import SAMPLES, check, dump, fail  # noqa: E402

COLUMNS = ("file", "index", "status", "replycode", "reason", "hardbounce", "recipient", "mta")
PSEUDO = re.compile(r"^([245])\.\d{1,3}\.(\d{1,3})$")


def status_ok(want, got):
    m = PSEUDO.match(want)
    if m and int(m.group(2)) >= 900:
        return bool(got) and got[0] == m.group(1)
    return want == (got or "")


def got_row(r):
    return {
        "status": r["status"] or "",
        "replycode": str(r["reply_code"]) if r["reply_code"] else "",
        "reason": r["reason"] or "",
        "hardbounce": "1" if r["hard_bounce"] else "0",
        "recipient": r["recipient"] or "",
        "mta": r["mta"] or "",
    }


def check_folder(folder, got):
    """the problems of one folder, as text lines; got: file name -> records"""
    problems = []
    name = os.path.basename(folder)
    files = sorted(f for f in os.listdir(folder) if f.endswith(".eml"))
    tsv = os.path.join(folder, "expected.tsv")
    if not files or not os.path.isfile(tsv):
        return ["%s: no messages or no expected.tsv" % name]
    with open(tsv, newline="", encoding="utf-8") as fh:
        rd = csv.DictReader(fh, delimiter="\t")
        if tuple(rd.fieldnames or ()) != COLUMNS:
            return ["%s: expected.tsv columns are %s, not %s" % (name, rd.fieldnames, COLUMNS)]
        expected = {}
        for row in rd:
            expected.setdefault(row["file"], []).append(row)
    for f in expected:
        if f not in files:
            problems.append("%s: expected.tsv names %s, which is not in the folder" % (name, f))
    for f in files:
        want = expected.get(f, [])
        have = got.get(f, [])
        if not want:
            problems.append("%s/%s: no expected rows" % (name, f))
            continue
        if len(want) != len(have):
            problems.append("%s/%s: %d records, expected %d" % (name, f, len(have), len(want)))
            continue
        for i, (w, h) in enumerate(zip(want, have), 1):
            check(int(w["index"]) == i, "%s/%s: index %s out of order" % (name, f, w["index"]))
            for col in COLUMNS[2:]:
                ok = status_ok(w[col], h[col]) if col == "status" else w[col] == h[col]
                if not ok:
                    problems.append("%s/%s #%d: %s is %r, expected %r"
                                    % (name, f, i, col, h[col], w[col]))
    return problems


def main():
    root = os.path.join(SAMPLES, "formats")
    check(os.path.isdir(root), "no %s" % root)
    folders = sorted(os.path.join(root, d) for d in os.listdir(root)
                     if os.path.isdir(os.path.join(root, d)))
    check(len(folders) > 0, "no format folders in %s" % root)
    # one run over every message (file names are unique across folders)
    paths = [os.path.join(d, f) for d in folders for f in sorted(os.listdir(d)) if f.endswith(".eml")]
    names = [os.path.basename(p) for p in paths]
    check(len(set(names)) == len(names), "a message file name is used in two format folders")
    rc, recs, err = dump("-q", "-j1", *paths)
    check(rc == 0, "dump exited %d: %s" % (rc, err[-1000:]))
    got = {}
    for r in recs:
        got.setdefault(os.path.basename(r["source"]), []).append(got_row(r))
    problems = []
    rows = 0
    for folder in folders:
        problems += check_folder(folder, got)
        with open(os.path.join(folder, "expected.tsv"), encoding="utf-8") as fh:
            rows += max(0, sum(1 for _ in fh) - 1)
    if problems:
        fail("%d problems in samples/formats:\n  %s" % (len(problems), "\n  ".join(problems)))
    print("%d format folders, %d expected rows: all as expected" % (len(folders), rows))


if __name__ == "__main__":
    main()
