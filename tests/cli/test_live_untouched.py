#!/usr/bin/env python3
"""An incremental scan does not open what has not changed, and no scan
moves an access time: mail clients and biff keep their "new mail" state.

A Maildir, an MH folder, a plain folder of message files (with a sub-folder)
and an mbox are scanned; then scanned again with inotify watching every
folder: no file of theirs is opened (only the one message added since),
and no access time moved.  Access times are set before modification times
first, so that even a relatime mount would move them on a read; where the
file system does not keep access times at all (noatime), that half says so
and only the inotify half runs.
SPDX-License-Identifier: BSD-2-Clause
"""
import ctypes
import ctypes.util
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import check, run, run_in_tmp, write  # noqa: E402
from nightly import from_quote, sample_messages, summary, unique  # noqa: E402

IN_ACCESS = 0x001
IN_OPEN = 0x020
IN_NONBLOCK = 0o4000
SEP = b"From MAILER-DAEMON Sat Nov 25 10:00:00 2023\n"


class Inotify:
    """The opens and reads of files in a set of folders (inotify)."""

    def __init__(self, folders):
        self.libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = self.libc.inotify_init1(IN_NONBLOCK)
        check(self.fd >= 0, "inotify_init1: errno %d" % ctypes.get_errno())
        self.wd = {}
        for d in folders:
            wd = self.libc.inotify_add_watch(self.fd, os.fsencode(d), IN_OPEN | IN_ACCESS)
            check(wd >= 0, "inotify_add_watch %s: errno %d" % (d, ctypes.get_errno()))
            self.wd[wd] = d

    def files(self):
        """Paths of the files (not folders) opened or read since the start."""
        seen = set()
        while True:
            try:
                buf = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            i = 0
            while i < len(buf):
                wd, mask, _cookie, n = struct.unpack_from("iIII", buf, i)
                name = buf[i + 16:i + 16 + n].rstrip(b"\0").decode()
                i += 16 + n
                path = os.path.join(self.wd[wd], name)
                if name and os.path.isfile(path):
                    seen.add(path)
        return seen

    def close(self):
        os.close(self.fd)


def mailboxes(tmp):
    base = sample_messages()
    msgs = [unique(base[(i * 5) % len(base)], b"u%04d" % i) for i in range(40)]
    top = os.path.join(tmp, "mail")
    md = os.path.join(top, "Maildir")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(md, sub))
    for i in range(8):
        write(os.path.join(md, "cur" if i % 2 else "new", "%d.M%d.test" % (1700000000 + i, i)),
              msgs[i])
    mh = os.path.join(top, "mh")
    for i in range(8, 16):
        write(os.path.join(mh, str(i)), msgs[i])
    write(os.path.join(mh, ".mh_sequences"), b"unseen: 8-15\n")
    folder = os.path.join(top, "folder")
    for i in range(16, 24):
        write(os.path.join(folder, "sub" if i % 3 == 0 else "", "bounce-%d.eml" % i), msgs[i])
    mb = os.path.join(top, "postmaster.mbox")
    write(mb, b"".join(SEP + from_quote(m).rstrip(b"\n") + b"\n\n" for m in msgs[24:]))
    return top, [md, mh, folder], mb, msgs


def all_files(top):
    return sorted(os.path.join(r, f) for r, _d, fs in os.walk(top) for f in fs)


def age_atimes(files):
    """Access times an hour before modification times: a read moves them
    on a relatime mount."""
    for f in files:
        st = os.stat(f)
        os.utime(f, ns=(st.st_mtime_ns - 3600 * 10**9, st.st_mtime_ns))
    return {f: os.stat(f).st_atime_ns for f in files}


def atimes_kept(tmp):
    """Does this file system move an access time on a read?"""
    probe = os.path.join(tmp, "probe")
    write(probe, b"x")
    before = age_atimes([probe])[probe]
    with open(probe, "rb") as fh:
        fh.read()
    return os.stat(probe).st_atime_ns != before


def check_atimes(before, what):
    moved = [f for f, t in before.items() if os.path.exists(f) and os.stat(f).st_atime_ns != t]
    check(not moved, "%s moved access times of %s" % (what, moved[:5]))


def work(tmp):
    top, folders, mb, msgs = mailboxes(tmp)
    db = os.path.join(tmp, "h.db")
    keeps = atimes_kept(tmp)
    if not keeps:
        print("this file system keeps no access times (noatime): only the opens are checked")
    before = age_atimes(all_files(top))
    paths = folders + [mb]
    rc, out, err = run("scan", "--db", db, *paths)
    check(rc == 0, "first scan: exit %d %s" % (rc, err))
    check(summary(out)[0] == 40, "first scan: %s" % out)
    if keeps:
        check_atimes(before, "the first scan")

    # nothing changed: nothing opened
    watch = Inotify([r for r, _d, _f in os.walk(top)])
    try:
        rc, out, err = run("scan", "--db", db, *paths)
        check(rc == 0 and summary(out)[0] == 0, "second scan: exit %d %s %s" % (rc, out, err))
        opened = watch.files()
        check(not opened, "an incremental scan opened unchanged files: %s" % sorted(opened)[:6])
        if keeps:
            check_atimes(before, "the incremental scan")

        # one message added to the MH folder: that one only is opened (and
        # the watch sees opens)
        added = os.path.join(folders[1], "16")
        write(added, unique(msgs[0], b"added"))
        before = age_atimes(all_files(top))
        rc, out, err = run("scan", "--db", db, *paths)
        check(rc == 0 and summary(out)[0] == 1, "third scan: %s %s" % (out, err))
        opened = watch.files()
        check(opened == {added}, "the scan after one new message opened %s" % sorted(opened)[:6])
        if keeps:
            check_atimes(before, "the scan of a new message")
    finally:
        watch.close()


def main():
    run_in_tmp("bs-untouched-", work)


if __name__ == "__main__":
    main()
