#!/usr/bin/env python3
"""A bounce that carries a 20 MB original with attachments costs no more than
reading it once: the original's body is never decoded, nor copied.

The bounce comes from tests/bench/gen-bigbounce.py (deterministic; the
benchmark times the same message).  Outcomes asserted, none of them a time:
the record is right (recipient, status, reason, the original's header
fields), from dump -j1, dump with threads and scan; and the peak resident
memory of each, less that of the same command on the same bounce with a
50 KB original, stays under 1.4 times the message's size: the message's
bytes are held once.  A decoded copy of the attachments (three quarters of
the size) or a second copy of the message would pass it.  Under
AddressSanitizer (shadow memory, a quarantine of freed blocks) only the
records are checked.
SPDX-License-Identifier: BSD-2-Clause
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, check, run_in_tmp  # noqa: E402
from hostile import ASAN  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "bench", "gen-bigbounce.py")

BIG_MB = 20
SMALL_MB = 0.05
# the message's bytes once, and a margin for what a parse allocates
MAX_RATIO = 1.4


# runs a command and writes its exit code and peak RSS (KB) to the file named
# first: a child's peak counts
# the memory of the process it was forked from, and this one is small
# (python3 -I -S: about 8 MB, less than bouncescan's own)
SPAWN = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, ru = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    fh.write("%d %d" % (os.waitstatus_to_exitcode(status), ru.ru_maxrss))
"""


def measure(args):
    """run bouncescan args: (rc, stdout, stderr, peak RSS in MB)"""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as fig:
        subprocess.run([sys.executable, "-I", "-S", "-c", SPAWN, fig.name, BIN, *args],
                       stdout=out, stderr=err, check=True)
        for f in (out, err):
            f.seek(0)
        rc, kb = (int(x) for x in fig.read().split())
        return (rc, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                kb / 1024.0)


def check_record(rec, what):
    want = {
        "recipient": "bigoriginal@example.net",
        "status": "5.1.1",
        "reason": "userunknown",
        "action": "failed",
        "reply_code": 550,
        "remote_mta": "mx.example.net",
        "orig_message_id": "bigoriginal.20261125@example.com",
        "orig_subject": "The quarterly photos and reports",
        "orig_from": "Sender <sender@example.com>",
        "orig_to": "Big Original <bigoriginal@example.net>",
        "orig_date": "2026-11-25T10:00:00+09:00",
    }
    for k, v in want.items():
        check(rec.get(k) == v, "%s: %s is %r, expected %r" % (what, k, rec.get(k), v))


def dump_records(out, what):
    recs = [json.loads(line) for line in out.splitlines() if line.strip()]
    check(len(recs) == 1, "%s: %d records, expected 1: %s" % (what, len(recs), out[-500:]))
    return recs[0]


def work(tmp):
    big = os.path.join(tmp, "big.eml")
    small = os.path.join(tmp, "small.eml")
    for path, mb in ((big, BIG_MB), (small, SMALL_MB)):
        subprocess.run([sys.executable, GEN, path, str(mb)], check=True)
    size_mb = os.path.getsize(big) / (1024.0 * 1024.0)
    check(size_mb > BIG_MB * 0.95, "the bounce is %.1f MB" % size_mb)

    runs = [
        ("dump -j 1", lambda path: ["dump", "-j", "1", path]),
        ("dump -j 2", lambda path: ["dump", "-j", "2", path]),
        ("scan", lambda path: ["scan", "-j", "2", "--db", path + ".db", path]),
    ]
    for what, argv in runs:
        peaks = {}
        for name, path in (("small", small), ("big", big)):
            rc, out, err, rss = measure(argv(path))
            check(rc == 0, "%s %s: exit %d: %s" % (what, name, rc, err[-1000:]))
            if what.startswith("dump"):
                check_record(dump_records(out, "%s %s" % (what, name)), "%s %s" % (what, name))
            else:
                con = sqlite3.connect(path + ".db")
                con.row_factory = sqlite3.Row
                try:
                    # (the original's headers are stored once per bounce: originals)
                    rows = [dict(r) for r in con.execute(
                        "SELECT f.*, o.orig_message_id, o.orig_from, o.orig_to, o.orig_subject,"
                        " o.orig_date FROM failures f LEFT JOIN originals o ON o.id = f.original_id")]
                finally:
                    con.close()
                check(len(rows) == 1, "%s %s: %d failures rows" % (what, name, len(rows)))
                check_record(rows[0], "%s %s" % (what, name))
            peaks[name] = rss
        extra = peaks["big"] - peaks["small"]
        print("%-10s peak %.1f MB with a %.1f MB bounce, %.1f MB with a small one: %.2f times its size"
              % (what, peaks["big"], size_mb, peaks["small"], extra / size_mb))
        if not ASAN:
            check(extra < MAX_RATIO * size_mb,
                  "%s: a %.1f MB bounce took %.1f MB more than a small one (bar: %.1f MB):"
                  " its original is decoded or copied" % (what, size_mb, extra, MAX_RATIO * size_mb))


def main():
    run_in_tmp("bs-bigorig-", work)


if __name__ == "__main__":
    main()
