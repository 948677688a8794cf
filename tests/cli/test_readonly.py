#!/usr/bin/env python3
"""The read-only promise: every command leaves the scanned tree as it was.

Copies samples/ to a temporary tree (so that the check also covers files the
project does not ship: a Maildir with new/ mail, an mbox being written), then
records every entry's name, type, bytes, mode and mtime (nanoseconds) before
and after dump, scan (twice), report and the ad-hoc form, and asserts that
nothing changed.
"""
import os
import shutil
import stat
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import SAMPLES, check, run, tree_state  # noqa: E402


def snapshot(top):
    """tree_state, and the top folder's own mode and mtime"""
    snap = tree_state(top)
    st = os.lstat(top)
    snap["."] = (st.st_mode, st.st_mtime_ns)
    return snap


def main():
    tmp = tempfile.mkdtemp(prefix="bs-ro-")
    try:
        tree = os.path.join(tmp, "mail")
        shutil.copytree(SAMPLES, tree, symlinks=True)
        # old mtimes, so that any touch would show
        for root, dirs, files in os.walk(tree):
            for n in files + dirs:
                os.utime(os.path.join(root, n), ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
        os.utime(tree, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
        paths = [os.path.join(tree, d) for d in ("maildir", "mbox", "mh", "eml")]
        db = os.path.join(tmp, "history.db")
        before = snapshot(tree)
        commands = [
            ["dump", *paths],
            ["scan", "--db", db, *paths],
            ["scan", "--db", db, *paths],
            ["report", "--db", db, "--html", os.path.join(tmp, "r.html"), "--csv", os.path.join(tmp, "csv")],
            [*paths, "-o", os.path.join(tmp, "adhoc")],
        ]
        for cmd in commands:
            run(*cmd)
            after = snapshot(tree)
            changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
            check(not changed, "bouncescan %s changed the scanned tree: %s" % (cmd[0], changed[:10]))
        # what bouncescan writes is readable by its owner only
        for p in (db, os.path.join(tmp, "r.html"), os.path.join(tmp, "csv", "failures.csv"),
                  os.path.join(tmp, "adhoc", "report.html")):
            mode = stat.S_IMODE(os.stat(p).st_mode)
            check(mode & 0o077 == 0, "%s is readable by others: %o" % (p, mode))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
