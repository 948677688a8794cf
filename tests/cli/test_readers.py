#!/usr/bin/env python3
"""Readers never write: `report` and `changes` open the history read-only
and leave no file of theirs beside it.

- a history its owner made group-readable, read by another user of the group
  in a folder that user may write: no "-wal" or "-shm" of the reader's is
  left, and the owner's next scan works; a reader of an older bouncescan
  (SQLite's own reader) that did leave them does not stop the owner either;
- a history in a folder its reader may not write, with the writer's journal
  files beside it and without them (a copy of the database alone);
- a history on a read-only file system (a tmpfs remounted read-only);
- a history of an older schema, which only a writer upgrades: a reader that
  may not write it says so and leaves nothing.
Each situation reads the history through report, changes, search and
addresses, and compares the folder's entries (names, owners, modes, bytes)
before and after.

Other users need root (setpriv to unprivileged ids; CI runs as root), the
read-only file system a tmpfs mount: without them the cases skip, saying so.
SPDX-License-Identifier: BSD-2-Clause
"""
import os
import shutil
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, SAMPLES, check, dsn, write  # noqa: E402

AS_ROOT = os.geteuid() == 0
OWNER, READER = 4001, 4002          # ids with no other use here; the reader is in the owner's group
PATHS = [os.path.join(SAMPLES, d) for d in ("mbox", "eml")]


def as_user(uid, groups=()):
    extra = ["--groups=" + ",".join(str(g) for g in groups)] if groups else ["--clear-groups"]
    return ["setpriv", "--reuid=%d" % uid, "--regid=%d" % uid, *extra]


def bs(args, user=None, ok=(0, 3)):
    """run bouncescan (as user: the setpriv prefix); returns (rc, stderr)"""
    p = subprocess.run([*(user or []), BIN, *args], capture_output=True, text=True, timeout=120)
    if ok is not None:
        check(p.returncode in ok, "bouncescan %s%s: exit %d\n%s" % (
            " ".join(args), " (as %s)" % user[1] if user else "", p.returncode, p.stderr[-1500:]))
    return p.returncode, p.stderr


def entries(folder):
    """{name: (owner, mode, bytes)} of the folder"""
    out = {}
    for n in sorted(os.listdir(folder)):
        st = os.lstat(os.path.join(folder, n))
        out[n] = (st.st_uid, stat.S_IMODE(st.st_mode), st.st_size)
    return out


def read_all(db, out, user=None):
    """a report (page and CSV), changes, search and addresses, as user; all must succeed"""
    bs(["report", "--db", db, "--html", os.path.join(out, "r.html"), "--csv", out], user)
    bs(["changes", "--db", db], user)
    bs(["search", "--db", db, "@example.com"], user, ok=(0,))
    bs(["addresses", "--db", db], user)
    check(os.path.getsize(os.path.join(out, "failures.csv")) > 1000, "the report read nothing")


def unchanged(folder, before, what):
    after = entries(folder)
    check(after == before, "%s changed the history's folder:\nbefore %s\nafter  %s"
          % (what, before, after))


def mail(folder, n, tag):
    for i in range(n):
        write(os.path.join(folder, "%s-%d.eml" % (tag, i)),
              dsn("%s%d@example.org" % (tag, i), msgid="%s-%d@shop.example.jp" % (tag, i)))


def chown_tree(path, uid, gid):
    for root, dirs, files in os.walk(path):
        for n in dirs + files:
            os.chown(os.path.join(root, n), uid, gid)
    os.chown(path, uid, gid)


def shared_history(tmp):
    """the owner's history in a folder its group may write: (folder, db, owner, reader)"""
    folder = os.path.join(tmp, "shared")
    os.makedirs(folder)
    os.chmod(folder, 0o2775)               # the group may create files here
    os.chown(folder, OWNER, OWNER)
    db = os.path.join(folder, "history.db")
    owner, reader = as_user(OWNER), as_user(READER, [OWNER])
    bs(["scan", "--db", db, *PATHS], owner)
    return folder, db, owner, reader


def case_group_reader(tmp):
    """another user of the group reads the owner's history"""
    if not AS_ROOT:
        print("  skip group reader: needs root to run as two other users")
        return False
    new = os.path.join(tmp, "new")
    mail(new, 3, "night1")
    chown_tree(new, OWNER, OWNER)
    folder, db, owner, reader = shared_history(tmp)
    os.chmod(db, 0o640)                    # the owner lets the group read it
    out = os.path.join(tmp, "reader-out")
    os.makedirs(out)
    os.chown(out, READER, READER)
    before = entries(folder)
    read_all(db, out, reader)
    unchanged(folder, before, "a reader of the group")
    check(not any(o == READER for o, _, _ in entries(folder).values()), "a file of the reader's")
    bs(["scan", "--db", db, new], owner)    # the owner's next night
    # the writer's journal files take the database's mode: the reader reads them now
    check(all(m == 0o640 for n, (o, m, s) in entries(folder).items() if n.startswith("history.db-")
              and n != "history.db-lock"), "journal modes: %s" % entries(folder))
    before = entries(folder)
    read_all(db, out, reader)
    unchanged(folder, before, "a reader of the group, after the owner's scan")
    # SQLite's own reader (a bouncescan before this one read that way) makes
    # the journal files as its user when they are missing: the owner's scan
    # is not stopped by them
    for suffix in ("-wal", "-shm"):
        os.unlink(db + suffix)
    probe = ("import sqlite3,sys\n"
             "c=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True)\n"
             "c.execute('SELECT count(*) FROM failures').fetchone()\n"
             "c.close()\n")
    subprocess.run([*reader, sys.executable, "-c", probe, db], check=True, timeout=60)
    if any(o == READER for o, _, _ in entries(folder).values()):
        mail(new, 2, "night2")
        chown_tree(new, OWNER, OWNER)
        bs(["scan", "--db", db, new], owner)
        check(not any(o == READER for o, _, _ in entries(folder).values()),
              "the reader's files are still there after the owner's scan: %s" % entries(folder))
    else:
        print("  (this SQLite's reader left no file: the owner's side is not exercised)")
    return True


def case_readonly_folder(tmp):
    """the history in a folder its reader may not write"""
    if not AS_ROOT:
        print("  skip read-only folder: needs root to run as a user that permissions bind")
        return False
    folder = os.path.join(tmp, "ro")
    os.makedirs(folder)
    os.chown(folder, OWNER, OWNER)
    db = os.path.join(folder, "history.db")
    owner = as_user(OWNER)
    bs(["scan", "--db", db, *PATHS], owner)
    out = os.path.join(tmp, "ro-out")
    os.makedirs(out)
    os.chown(out, OWNER, OWNER)
    os.chmod(folder, 0o555)
    try:
        before = entries(folder)
        read_all(db, out, owner)          # with the writer's journal files
        unchanged(folder, before, "a reader in a read-only folder")
        copy = os.path.join(tmp, "copy")  # the database alone, as a backup holds it
        os.makedirs(copy)
        shutil.copyfile(db, os.path.join(copy, "history.db"))
        chown_tree(copy, OWNER, OWNER)
        os.chmod(copy, 0o555)
        before = entries(copy)
        read_all(os.path.join(copy, "history.db"), out, owner)
        unchanged(copy, before, "a reader of a copy in a read-only folder")
        os.chmod(copy, 0o755)
    finally:
        os.chmod(folder, 0o755)
    return True


def older(db, user=None):
    """the history's schema version set one below this bouncescan's"""
    probe = ("import sqlite3,sys\n"
             "c=sqlite3.connect(sys.argv[1])\n"
             "v=c.execute('PRAGMA user_version').fetchone()[0]\n"
             "c.execute('PRAGMA user_version=%d' % (v-1))\n"
             "c.commit(); c.close()\n")
    subprocess.run([*(user or []), sys.executable, "-c", probe, db], check=True, timeout=60)


def refused_old(db, out, user, folder):
    """a reader of an older history: told that the owner's scan upgrades it"""
    before = entries(folder)
    for args in (["report", "--db", db, "--html", os.path.join(out, "old.html")],
                 ["changes", "--db", db], ["search", "--db", db, "@example.com"],
                 ["addresses", "--db", db]):
        rc, err = bs(args, user, ok=None)
        check(rc == 1 and "may not upgrade it" in err and "owner's next scan" in err,
              "%s of an older history by a reader: exit %d: %s" % (args[0], rc, err[-600:]))
    unchanged(folder, before, "a reader of an older history")


def case_old_schema(tmp):
    """an older history read by another user of the group"""
    if not AS_ROOT:
        print("  skip older history: needs root to run as two other users")
        return False
    folder, db, owner, reader = shared_history(tmp)
    older(db, owner)
    os.chmod(db, 0o640)
    out = os.path.join(tmp, "reader-out")
    os.makedirs(out)
    os.chown(out, READER, READER)
    refused_old(db, out, reader, folder)
    return True


def case_readonly_fs(tmp):
    """the history on a read-only file system"""
    if not AS_ROOT:
        print("  skip read-only file system: needs root to mount one")
        return False
    mnt = os.path.join(tmp, "mnt")
    os.makedirs(mnt)
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mnt], capture_output=True)
    if p.returncode != 0:
        print("  skip read-only file system: cannot mount a tmpfs: %s" % p.stderr.decode().strip())
        return False
    try:
        db = os.path.join(mnt, "history.db")
        bs(["scan", "--db", db, *PATHS])
        copy = os.path.join(mnt, "copy.db")
        shutil.copyfile(db, copy)         # a database without its journal files
        old = os.path.join(mnt, "old.db")
        shutil.copyfile(db, old)
        older(old)
        subprocess.run(["mount", "-o", "remount,ro", mnt], check=True, capture_output=True)
        out = os.path.join(tmp, "fs-out")
        os.makedirs(out)
        before = entries(mnt)
        read_all(db, out)
        read_all(copy, out)
        unchanged(mnt, before, "a reader on a read-only file system")
        refused_old(old, out, None, mnt)
        # a writer says why it cannot
        rc, err = bs(["scan", "--db", db, *PATHS], ok=None)
        check(rc == 1 and "history.db" in err and "Read-only file system" in err,
              "a scan on a read-only file system: exit %d: %s" % (rc, err[-600:]))
    finally:
        subprocess.run(["umount", "-l", mnt], capture_output=True)
    return True


def main():
    check(BIN and os.access(BIN, os.X_OK), "BOUNCESCAN is not set to the binary")
    ran = 0
    for case in (case_group_reader, case_readonly_folder, case_readonly_fs, case_old_schema):
        tmp = tempfile.mkdtemp(prefix="bs-readers-")
        os.chmod(tmp, 0o755)
        try:
            if case(tmp):
                ran += 1
                print("ok %s" % case.__name__[5:])
        finally:
            subprocess.run(["umount", "-l", os.path.join(tmp, "mnt")], capture_output=True)
            shutil.rmtree(tmp, ignore_errors=True)
    if ran == 0:
        print("skip: no case could run here (not root)")
        sys.exit(77)
    print("ok")


if __name__ == "__main__":
    main()
