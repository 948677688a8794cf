"""Helpers of the nightly-operation tests: a big mailbox built from samples/,
a snapshot of a history that ignores what differs between two equally good
runs (row ids, run ids, scan times), and a scan started in the background.
SPDX-License-Identifier: BSD-2-Clause
"""
import mailbox
import os
import re
import signal
import subprocess
import time

from bsutil import BIN, SAMPLES, argv, check, columns, fail, sql

# bounces the samples hold, read once
_SAMPLES = None


def sample_messages():
    """Every message of samples/ (files, Maildirs, mboxes) as LF bytes."""
    global _SAMPLES
    if _SAMPLES is None:
        msgs = []
        for root, dirs, files in os.walk(SAMPLES):
            dirs[:] = sorted(d for d in dirs if d not in ("systemd", "cron"))
            for f in sorted(files):
                if f.endswith((".md", ".tsv", ".keep")) or f.startswith("."):
                    continue
                p = os.path.join(root, f)
                data = open(p, "rb").read()
                if data.startswith(b"From "):
                    msgs.extend(m.as_bytes() for m in mailbox.mbox(p))
                else:
                    msgs.append(data)
        _SAMPLES = [m.replace(b"\r\n", b"\n").replace(b"\r", b"\n") for m in msgs]
        check(len(_SAMPLES) >= 10, "samples/ has only %d messages" % len(_SAMPLES))
    return _SAMPLES


def unique(msg, tag):
    """The message made unique by tag (its first header and the Message-ID)."""
    msg = msg.replace(b"Message-ID: <", b"Message-ID: <" + tag + b".", 1)
    return b"X-Nightly-Test: " + tag + b"\n" + msg


def from_quote(msg):
    return re.sub(rb"(?m)^(>*From )", rb">\1", msg)


def make_mailbox(top, n_maildir, n_mbox, duplicates=5):
    """A Maildir of n_maildir messages (cur/ and new/) and an mbox of n_mbox,
    all different, except `duplicates` Maildir messages that are copied into
    the mbox too.  Some mbox messages lack the blank line before the next
    From_ line.  Returns (maildir, mbox)."""
    base = sample_messages()
    md = os.path.join(top, "Maildir")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(md, sub), exist_ok=True)
    copies = []
    for i in range(n_maildir):
        # as the mbox reader gives a message back: ending in a blank line
        m = unique(base[i % len(base)], b"md%06d" % i).rstrip(b"\n") + b"\n\n"
        if i % 3 == 0:
            name = os.path.join(md, "new", "%d.M%dP7.test" % (1700000000 + i, i))
        else:
            name = os.path.join(md, "cur", "%d.M%dP7.test:2,S" % (1700000000 + i, i))
        with open(name, "wb") as fh:
            fh.write(m)
        if i < duplicates:
            copies.append(m)
    mb = os.path.join(top, "bounces.mbox")
    with open(mb, "wb") as fh:
        for i in range(n_mbox):
            m = copies[i] if i < len(copies) else unique(base[(i * 7) % len(base)], b"mb%06d" % i)
            m = from_quote(m).rstrip(b"\n") + b"\n"
            fh.write(b"From MAILER-DAEMON Sat Nov 25 10:00:00 2023\n" + m)
            if i < len(copies) or i % 50 != 49:
                fh.write(b"\n")  # now and then no blank line before From_
    return md, mb


def query(db, text, *args):
    return sql(db, text, *args)


def value(db, text, *args):
    rows = query(db, text, *args)
    return rows[0][0] if rows else None


def snapshot(db):
    """What a history holds, without what differs between two good runs."""
    snap = {}
    # a row's original by its values (PostgreSQL does not take back the ids
    # of a transaction rolled back: a killed scan's rerun numbers them on)
    keep = [c for c in columns(db, "failures") if c not in ("id", "message_id", "original_id")]
    orig = [c for c in columns(db, "originals") if c not in ("id", "message_id")]
    snap["failures"] = sorted(
        sql(db, "SELECT m.content_hash, %s FROM failures f JOIN messages m ON m.id = f.message_id"
                " LEFT JOIN originals o ON o.id = f.original_id"
                % ", ".join(["f." + q(c) for c in keep] + ["o." + q(c) for c in orig])), key=repr)
    keep = [c for c in columns(db, "messages") if c not in ("id", "run_id", "first_seen")]
    snap["messages"] = sorted(sql(db, "SELECT %s FROM messages" % ", ".join(map(q, keep))),
                              key=repr)
    keep = [c for c in columns(db, "sources") if c not in ("last_run", "updated")]
    snap["sources"] = sorted(sql(db, "SELECT %s FROM sources" % ", ".join(map(q, keep))), key=repr)
    snap["failure_days"] = sorted(sql(
        db, "SELECT kind, value, sender_domain, day, failures FROM failure_days"), key=repr)
    return snap


def q(column):
    """a column's name quoted ("offset" is a keyword of PostgreSQL's)"""
    return '"%s"' % column


def compare(got, want, what):
    for table in want:
        if got[table] != want[table]:
            a, b = set(got[table]), set(want[table])
            fail("%s: table %s differs from a clean run: %d rows vs %d; missing %s; extra %s"
                 % (what, table, len(got[table]), len(want[table]),
                    repr(sorted(b - a, key=repr)[:2])[:600], repr(sorted(a - b, key=repr)[:2])[:600]))


def start(*args, env=None):
    """bouncescan in the background, its output in pipes."""
    return subprocess.Popen([BIN, *argv(args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)


def finish(p, timeout=120):
    out, err = p.communicate(timeout=timeout)
    return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def wait_for(cond, timeout=30.0, step=0.005):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(step)
    return False


def kill(p, sig=signal.SIGKILL):
    try:
        p.send_signal(sig)
    except ProcessLookupError:
        pass


def summary(out):
    """The numbers of a scan's summary line: messages, bounces, not bounces,
    not decoded, failures, delays, known, unchanged."""
    m = re.search(r"(\d+) messages read: (\d+) bounces, (\d+) not bounces, (\d+) not decoded; "
                  r"(\d+) failed recipients, (\d+) delay warnings", out)
    check(m is not None, "no summary line in %r" % out)
    n = [int(x) for x in m.groups()]
    k = re.search(r"(\d+) already known, (\d+) files unchanged", out)
    n += [int(k.group(1)), int(k.group(2))] if k else [0, 0]
    return n
