#!/usr/bin/env python3
"""Crash safety, for real: a scan of a few thousand messages (a Maildir and an
mbox built from samples/) is killed with SIGKILL at several moments, then run
again; the history must then hold exactly what a clean run gives (failures,
messages, sources and per-day counts; row ids, run ids and times aside), and
the re-run must not read again what the killed run had committed.  Then
SIGINT (a clean stop, exit 130, that keeps what was read), and two scans at
once (the second stops with exit 4, or waits with --wait).  In suite 'pg',
the same into PostgreSQL (bsutil.py).

The kill moments are fractions of a clean run's duration, so that the test
means the same under sanitizers, where everything is slower.
SPDX-License-Identifier: BSD-2-Clause
"""
import os
import shutil
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import PG, LockHolder, check, fail, history, has_table, lock_held, lock_released, run, run_in_tmp, scan_begun  # noqa: E402
from nightly import (compare, finish, kill, make_mailbox, query, snapshot, start,  # noqa: E402
                     summary, value, wait_for)

# (PostgreSQL's scan is quicker: more messages, for kills to land mid-run)
N_MAILDIR = 2400 if PG else 800
N_MBOX = 2400 if PG else 800
DUPLICATES = 5


def scan_args(db, md, mb):
    return ("scan", "--db", db, md, mb)


def integrity(db):
    """SQLite's own check of the file (PostgreSQL's pages are not the test's)"""
    if not PG:
        check(value(db, "PRAGMA integrity_check") == "ok", "%s: integrity check failed" % db)


def main():
    run_in_tmp("bs-crash-", work)


def work(tmp):
    md, mb = make_mailbox(tmp, N_MAILDIR, N_MBOX, DUPLICATES)
    # a mailbox written a minute ago: a file written this very second has
    # its last message wait for a quiet moment (source_live.c), which would
    # make the clean run's time, and so the moments of the kills, a second
    # longer than the scans that follow
    past = time.time() - 60
    for root, _, names in os.walk(md):
        for name in names:
            os.utime(os.path.join(root, name), (past, past))
    os.utime(mb, (past, past))
    want, duration = clean_run(tmp, md, mb)
    kills(tmp, md, mb, want, duration)
    signals(tmp, md, mb, want, duration)
    two_scans(tmp, md, mb, want, duration)


def clean_run(tmp, md, mb):
    """a clean run: the reference (its history and its time)"""
    clean = os.path.join(tmp, "clean.db")
    history(clean)  # PostgreSQL's database made before the clock starts
    t0 = time.monotonic()
    rc, out, err = run(*scan_args(clean, md, mb), check_rc=0, timeout=600)
    duration = time.monotonic() - t0
    n = summary(out)
    check(n[0] == N_MAILDIR + N_MBOX - DUPLICATES and n[6] == DUPLICATES,
          "clean run: %s (expected %d messages, %d known)" % (out, N_MAILDIR + N_MBOX - DUPLICATES,
                                                             DUPLICATES))
    want = snapshot(clean)
    check(len(want["failures"]) > 1000, "the clean run gave only %d records" % len(want["failures"]))
    check(value(clean, "SELECT status FROM scan_runs") == "complete", "clean run status")
    print("clean run: %.2f s, %d records" % (duration, len(want["failures"])))
    return want, duration


# the moments to kill a scan at: when the history shows that so many
# messages are stored, or that the scan is inside the mbox (its first checkpoint)
def stored_at_least(n):
    return lambda db: value(db, "SELECT count(*) FROM messages") >= n


def mbox_checkpoint(mb):
    return lambda db: value(db, 'SELECT count(*) FROM sources WHERE key = ? AND "offset" > 0'
                                ' AND "offset" = size', mb) > 0


def wait_until(p, db, cond):
    def reached():
        try:
            return has_table(db, "sources") and cond(db)
        except Exception:
            return False  # the schema is being made
    wait_for(lambda: p.poll() is not None or reached(), timeout=120, step=0.002)


def kills(tmp, md, mb, want, duration):
    """SIGKILL at several moments, then a re-run.  The moments: before the
    first commit, a fraction of a clean run's time, and when the history
    shows that the scan is in the middle of the Maildir, just inside the
    mbox (its first checkpoint) and late in the mbox; then a little later,
    so that the kill lands inside a batch."""
    moments = [
        ("before the first commit", None, 0.0),
        ("at half a clean run's time", None, 0.5 * duration),
        ("in the middle of the Maildir", stored_at_least(N_MAILDIR // 4), 0.0),
        ("inside the mbox", mbox_checkpoint(mb), 0.05 * duration),
        ("late in the mbox", stored_at_least((N_MAILDIR + N_MBOX) * 5 // 8), 0.05 * duration),
    ]
    killed_mid_run = 0
    resumed_in_mbox = 0
    for i, (what, cond, delay) in enumerate(moments):
        db = os.path.join(tmp, "kill%d.db" % i)
        p = start(*scan_args(db, md, mb))
        wait_for(lambda: scan_begun(db), timeout=60)
        if cond is not None:
            wait_until(p, db, cond)
        time.sleep(delay)
        kill(p)
        rc, out, err = finish(p)
        if rc != -signal.SIGKILL:
            print("kill %s: the scan had finished (rc %d)" % (what, rc))
            compare(snapshot(db), want, "finished before the kill")
            continue
        killed_mid_run += 1
        integrity(db)
        # killed before the schema's own transaction: an empty history
        has_schema = has_table(db, "messages")
        stored = value(db, "SELECT count(*) FROM messages") if has_schema else 0
        in_mbox = False
        if has_schema:
            unfinished = value(db, "SELECT count(*) FROM scan_runs WHERE finished IS NULL")
            check(unfinished <= 1, "the killed run is not left unfinished")
            mark = query(db, 'SELECT "offset", size FROM sources WHERE key = ?', mb)
            in_mbox = bool(mark) and 0 < mark[0][0] and mark[0][1] == mark[0][0]
        first_stored = stored
        # a second kill during the re-run, for one of them
        if i == 2:
            p = start(*scan_args(db, md, mb))
            time.sleep(0.3 * duration)
            kill(p)
            finish(p)
            integrity(db)
            stored = value(db, "SELECT count(*) FROM messages")
        rc, out, err = run(*scan_args(db, md, mb), check_rc=0, timeout=600)
        n = summary(out)
        compare(snapshot(db), want, "killed %s, then run again" % what)
        # nothing read twice: what the killed run committed is skipped
        # unread (Maildir files by their state, the mbox from its checkpoint);
        # only the planted duplicates are "already known"
        check(n[6] <= DUPLICATES,
              "re-run after a kill %s re-read %d stored messages: %s" % (what, n[6], out))
        check(n[0] == N_MAILDIR + N_MBOX - DUPLICATES - stored,
              "re-run after a kill %s read %d messages; %d were stored, %d in all"
              % (what, n[0], stored, N_MAILDIR + N_MBOX - DUPLICATES))
        if in_mbox:
            resumed_in_mbox += 1
        print("kill %s: %d messages were stored%s, the re-run read %d%s"
              % (what, first_stored, "" if stored == first_stored else
                 " (%d after a second kill)" % stored, n[0],
                 " (resumed inside the mbox)" if in_mbox else ""))
    check(killed_mid_run >= 4, "only %d kills hit a running scan" % killed_mid_run)
    check(resumed_in_mbox >= 1, "no kill landed inside the mbox: the checkpoint is untested")


def interrupted_at(p, db, cond, sig):
    """sig sent to the scan p the moment the history shows cond, the scan
    paused (SIGSTOP) meanwhile so that what it did then is what the signal
    interrupts: (rc, out, err, the run was still going when the signal came)"""
    wait_until(p, db, cond)
    p.send_signal(signal.SIGSTOP)
    going = p.poll() is None and value(db, "SELECT count(*) FROM scan_runs WHERE finished IS NULL") == 1
    kill(p, sig)
    p.send_signal(signal.SIGCONT)
    rc, out, err = finish(p)
    return rc, out, err, going


def late_signal(db, sig, rc, out, err, want):
    """a signal that came as the run was recorded complete: exit 0, its
    summary, no word of an interruption, the whole mailbox stored"""
    check(rc == 0, "signal %d after the run was recorded: exit %d; stderr %r" % (sig, rc, err))
    check("interrupted" not in err, "signal %d: a complete run said interrupted: %r" % (sig, err))
    check(value(db, "SELECT status FROM scan_runs") == "complete", "a complete run's status")
    summary(out)
    compare(snapshot(db), want, "a signal after the run was recorded")


def signals(tmp, md, mb, want, duration):
    """SIGINT: a clean stop that keeps what was read, then the rest (SIGINT
    inside the mbox, between two commits; SIGTERM in the Maildir).  The
    exit code always says what the history recorded: a signal that comes
    as the run is recorded complete (under load, the scan may get there
    before the signal lands) exits 0 with a complete run, and the stop is
    tried again, up to 5 times, for one that did stop a running scan."""
    checkpoint = mbox_checkpoint(mb)
    # the mbox's checkpoint only (mtime 0), not its state once read whole
    inside_mbox = lambda db: checkpoint(db) and value(db, "SELECT mtime FROM sources WHERE key = ?", mb) == 0
    for sig, code, cond in ((signal.SIGINT, 130, inside_mbox),
                            (signal.SIGTERM, 143, stored_at_least(N_MAILDIR // 4))):
        for attempt in range(5):
            db = os.path.join(tmp, "int%d-%d.db" % (sig, attempt))
            p = start(*scan_args(db, md, mb))
            wait_for(lambda: scan_begun(db), timeout=60)
            rc, out, err, going = interrupted_at(p, db, cond, sig)
            if rc == code:
                break
            check(rc == 0, "signal %d: exit %d, expected %d or 0; stderr %r" % (sig, rc, code, err))
            late_signal(db, sig, rc, out, err, want)
            print("signal %d: the scan was done first (the run %s going): exit 0, a complete run; again"
                  % (sig, "still" if going else "no longer"))
        check(rc == code, "signal %d: exit %d, expected %d; stderr %r" % (sig, rc, code, err))
        check(going, "signal %d: exit %d, yet the run was recorded before the signal" % (sig, rc))
        check("interrupted" in err, "signal %d: no word of the interruption: %r" % (sig, err))
        n = summary(out)
        stored = value(db, "SELECT count(*) FROM messages")
        check(n[0] > 0 and stored == n[0], "signal %d: summary says %d read, %d stored" % (sig, n[0], stored))
        check(value(db, "SELECT status FROM scan_runs") == "interrupted", "run status after signal %d" % sig)
        check(value(db, "SELECT count(*) FROM scan_runs WHERE finished IS NULL") == 0,
              "the interrupted run has no end time")
        check(lock_released(db), "the interrupted scan left its lock")
        integrity(db)
        if sig == signal.SIGTERM:
            print("signal %d: exit %d, %d messages kept" % (sig, code, stored))
            continue  # the same path as SIGINT's: no second re-run
        rc, out, err = run(*scan_args(db, md, mb), check_rc=0, timeout=600)
        n = summary(out)
        check(n[6] <= DUPLICATES, "re-run after signal %d re-read %d messages" % (sig, n[6]))
        compare(snapshot(db), want, "stopped by signal %d, then run again" % sig)
        print("signal %d: exit %d, %d messages kept, the re-run read %d" % (sig, code, stored, n[0]))


def paused_scan(tmp, md, mb):
    """a scan paused (SIGSTOP) while it holds the lock of a new history, so
    that it cannot end while a second one tries: (history, process); one
    that ended before it could be paused is started again"""
    def holds(db):
        # SQLite's lock file names its process once locked: that too
        try:
            return lock_held(db) and (PG or os.path.getsize(db + "-lock") > 0)
        except OSError:
            return False  # gone: the scan ended

    for attempt in range(5):
        db = os.path.join(tmp, "two%d.db" % attempt)
        first = start(*scan_args(db, md, mb))
        check(wait_for(lambda: first.poll() is not None or holds(db), timeout=60),
              "the first scan took no lock")
        first.send_signal(signal.SIGSTOP)
        if first.poll() is None and holds(db):
            return db, first
        first.send_signal(signal.SIGCONT)
        finish(first, timeout=600)
        print("the first scan ended before it was paused: again")
    fail("the first scan always ended before it could be paused")


def two_scans(tmp, md, mb, want, duration):
    """two scans at once: the second stops, or waits with --wait"""
    db, first = paused_scan(tmp, md, mb)
    t = time.monotonic()
    rc, out, err = run(*scan_args(db, md, mb), timeout=60)
    first.send_signal(signal.SIGCONT)
    check(rc == 4, "a second scan at once: exit %d, expected 4; stderr %r" % (rc, err))
    check("in use by another scan " + ("on host " if PG else "(process %d)" % first.pid) in err,
          "the second scan's message does not name the first: %r" % err)
    check(time.monotonic() - t < 0.5 * duration + 5, "the second scan did not stop at once")
    check(out == "", "the busy scan printed a summary: %r" % out)
    # a third one waits for the first, then finds nothing left to read
    third = start("scan", "--wait", "600", "--db", db, md, mb)
    rc1, out1, err1 = finish(first, timeout=600)
    check(rc1 == 0, "the first scan failed: %s" % err1)
    rc3, out3, err3 = finish(third, timeout=600)
    check(rc3 == 0, "the waiting scan failed: exit %d, %s" % (rc3, err3))
    n = summary(out3)
    check(n[0] == 0 and n[6] <= DUPLICATES, "the waiting scan read again: %s" % out3)
    compare(snapshot(db), want, "two scans, the second waiting")
    check(value(db, "SELECT count(*) FROM scan_runs") == 2, "runs of the two scans that ran")
    # --wait gives up after its time (the lock held by a stand-in for a scan)
    with LockHolder(db):
        t = time.monotonic()
        rc, out, err = run("scan", "--wait", "1", "--db", db, md, timeout=60)
        waited = time.monotonic() - t
    check(rc == 4 and "after waiting 1 s" in err, "--wait 1: exit %d, %r" % (rc, err))
    check(waited >= 0.9, "--wait 1 gave up after %.2f s" % waited)


if __name__ == "__main__":
    main()
