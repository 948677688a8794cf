#!/usr/bin/env python3
"""The progress line: on a terminal (a pseudo-terminal here), a scan of a few
thousand messages shows messages, rate, percentage and time left on one
rewritten line, erased before the summary; with --quiet, or when standard
error is not a terminal (cron, a pipe), nothing of it appears.
SPDX-License-Identifier: BSD-2-Clause
"""
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, argv, check, run, run_in_tmp  # noqa: E402
from nightly import make_mailbox, summary  # noqa: E402

PROGRESS = re.compile(r"\r(\d+) messages, (\d+) failures, (\d+)/s(?:, (\d+)%, ((?:\d+h)?(?:\d+m)?\d+s?) left)?")


def on_pty(args, stdout_tty=True):
    """Run with standard error (and output) on a pseudo-terminal; returns
    (rc, what the terminal showed, what stdout gave when it is a pipe)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([BIN, *argv(args)], stdin=slave, stderr=slave,
                         stdout=slave if stdout_tty else subprocess.PIPE)
    os.close(slave)
    shown = b""
    while True:
        r, _, _ = select.select([master], [], [], 120)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break  # EIO: the child closed the terminal
        if not chunk:
            break
        shown += chunk
    piped = p.stdout.read() if not stdout_tty else b""
    p.wait(timeout=120)
    os.close(master)
    return p.returncode, shown.decode("utf-8", "replace"), piped.decode("utf-8", "replace")


def main():
    run_in_tmp("bs-progress-", work)


def work(tmp):
    # on a terminal; the line shows after half a second: a machine fast
    # enough to read the mailbox quicker gets a bigger one
    for size in (1000, 3000, 10000):
        top = os.path.join(tmp, str(size))
        md, mb = make_mailbox(top, size, size)
        total = 2 * size - 5
        db = os.path.join(top, "a.db")
        t = time.monotonic()
        rc, shown, _ = on_pty(["scan", "--db", db, md, mb])
        took = time.monotonic() - t
        check(rc == 0, "scan on a terminal: exit %d: %r" % (rc, shown[-500:]))
        lines = PROGRESS.findall(shown)
        # the first line shows at the first message (0 %): a second one,
        # half a second later, is what tells the percentage moves
        if len(lines) >= 2 or took > 2.0:
            break
        print("%d messages took %.2f s, too fast for a progress line: more" % (total, took))
    check(lines, "no progress line on a terminal: %r" % shown[-800:])
    with_eta = [l for l in lines if l[3] != ""]
    check(with_eta, "the progress line has no percentage and time left: %r" % lines)
    pct = [int(l[3]) for l in with_eta]
    check(pct == sorted(pct) and 0 < pct[-1] <= 100, "percentages: %s" % pct)
    counts = [int(l[0]) for l in lines]
    check(counts == sorted(counts), "message counts go back: %s" % counts)
    check("\r\033[K" in shown, "the progress line is not erased")
    tail = shown[shown.rindex("\r\033[K") + 4:]
    check(tail.lstrip().startswith("%d messages read" % total),
          "the summary does not follow the erased line: %r" % tail[:200])
    check(not re.search(r"\d+ messages, \d+ failures", tail), "progress after the summary: %r" % tail)

    # standard error on a terminal, standard output in a file: progress on
    # the terminal only
    db = os.path.join(top, "b.db")
    rc, shown, piped = on_pty(["scan", "--db", db, md, mb], stdout_tty=False)
    check(rc == 0 and PROGRESS.search(shown), "no progress with stdout redirected: %r" % shown[-300:])
    check("\r" not in piped and summary(piped)[0] == total, "stdout got progress: %r" % piped[:300])

    # --quiet on a terminal: nothing at all
    db = os.path.join(top, "c.db")
    rc, shown, _ = on_pty(["scan", "--quiet", "--db", db, md, mb])
    check(rc == 0 and shown.strip() == "", "--quiet on a terminal showed %r" % shown[:300])

    # not a terminal: nothing of it
    db = os.path.join(top, "d.db")
    rc, out, err = run("scan", "--db", db, md, mb, check_rc=0)
    check(err == "", "progress on a pipe: %r" % err[:300])
    check("\r" not in out and "\033" not in out and "left" not in out, "stdout: %r" % out[:300])
    check(summary(out)[0] == total, "summary: %r" % out)

    # a second scan on a terminal has nothing to read: no time left to guess
    rc, shown, _ = on_pty(["scan", "--db", os.path.join(top, "a.db"), md, mb])
    check(rc == 0 and "left" not in shown, "nothing to read, yet: %r" % shown[:300])


if __name__ == "__main__":
    main()
