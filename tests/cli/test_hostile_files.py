#!/usr/bin/env python3
"""The file system as hostile input, end to end through the binary.

Every case builds its tree here, runs one command as a child process and
asserts a clear outcome under the hang guard and the peak-RSS bound of
hostile.py; a good bounce beside the odd files must still come out, and the
scanned tree is left as it was.

Cases: symlink loops and links out of the tree, FIFOs and device files,
unreadable files and folders; and every file bouncescan writes is its owner's
only, whatever the umask.
"""
import glob
import os
import stat
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import dsn, mbox, tree_state, write  # noqa: E402
from hostile import AS_ROOT, bounded, check, good, report, run_cases, unchanged  # noqa: E402


def case_links(tmp):
    """symlink loops and links out of the tree: not followed by default; with
    --follow-links, loops end and nothing is read twice"""
    tree = os.path.join(tmp, "mail")
    outside = os.path.join(tmp, "outside")
    write(os.path.join(outside, "secret.eml"), dsn("outside@example.com", msgid="out"))
    good(tree)
    write(os.path.join(tree, "sub", "inner.eml"), dsn("inner@example.com", msgid="inner"))
    os.symlink("loop-b", os.path.join(tree, "loop-a"))
    os.symlink("loop-a", os.path.join(tree, "loop-b"))
    os.symlink("self", os.path.join(tree, "self"))
    os.symlink(".", os.path.join(tree, "sub", "dot"))
    os.symlink("..", os.path.join(tree, "sub", "up"))
    os.symlink(outside, os.path.join(tree, "out-dir"))
    os.symlink(os.path.join(outside, "secret.eml"), os.path.join(tree, "out-file.eml"))
    os.symlink("/nonexistent/nowhere.eml", os.path.join(tree, "dangling.eml"))
    before, before_out = tree_state(tree), tree_state(outside)
    res = bounded(["dump", tree])
    recs, und = res.records()
    check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-2000:]))
    rc = sorted(r["recipient"] for r in recs)
    check(rc == ["inner@example.com", "survivor@example.com"],
          "links not followed by default: %s" % rc)

    for name in ("loop-a", "self", "out-dir", "out-file.eml", "dangling.eml"):
        check(name in res.err, "%s named as a link not followed: %s" % (name, res.err))
    # a Maildir with links in cur/
    md = os.path.join(tmp, "Maildir")
    write(os.path.join(md, "cur", "1:2,S"), dsn("md@example.com", msgid="md"))
    os.symlink(os.path.join(outside, "secret.eml"), os.path.join(md, "cur", "2:2,S"))
    os.symlink("3:2,S", os.path.join(md, "cur", "3:2,S"))
    res = bounded(["dump", md])
    recs, und = res.records()
    check([r["recipient"] for r in recs] == ["md@example.com"], "maildir links: %s" % recs)
    # followed on request: the loops end, each message is read once
    res = bounded(["dump", "--follow-links", tree])
    recs, und = res.records()
    check(res.rc == 0, "--follow-links: exit %d: %s" % (res.rc, res.err[-2000:]))
    rc = sorted(r["recipient"] for r in recs)
    check(rc == ["inner@example.com", "outside@example.com", "survivor@example.com"],
          "--follow-links: every message once: %s" % rc)
    # a loop given as the path itself
    res = bounded(["dump", os.path.join(tree, "loop-a")])
    check(res.rc == 1 and "loop-a" in res.err, "a loop as the path: exit %d: %s" % (res.rc, res.err))
    # and the tree, the outside and the links are as they were
    db = tempfile.mktemp(suffix=".db", dir=os.path.dirname(tmp))
    try:
        res = bounded(["scan", "--follow-links", "--db", db, tree])
        check(res.rc in (0, 3), "scan --follow-links: exit %d: %s" % (res.rc, res.err[-800:]))
    finally:
        for f in glob.glob(db + "*"):
            os.unlink(f)
    unchanged(tree, before, "dump and scan --follow-links of links")
    unchanged(outside, before_out, "dump and scan --follow-links of links out of the tree")


def case_special_files(tmp):
    """FIFOs and device files: skipped without opening, never blocking"""
    tree = os.path.join(tmp, "mail")
    good(tree)
    os.mkfifo(os.path.join(tree, "fifo.eml"))      # nobody ever writes to it
    md = os.path.join(tree, "Maildir")
    write(os.path.join(md, "cur", "1:2,S"), dsn("md@example.com", msgid="md"))
    os.mkfifo(os.path.join(md, "cur", "2:2,S"))
    os.makedirs(os.path.join(md, "new"))
    os.mkfifo(os.path.join(md, "new", "3"))
    devs = []
    if AS_ROOT:
        # /dev/zero and /dev/urandom would never end; /dev/tty would block
        for name, (ma, mi) in (("zero.eml", (1, 5)), ("urandom.eml", (1, 9)), ("tty.eml", (5, 0))):
            try:
                os.mknod(os.path.join(tree, name), 0o666 | stat.S_IFCHR, os.makedev(ma, mi))
                devs.append(name)
            except OSError:
                pass
    os.symlink("/dev/zero", os.path.join(tree, "link-zero.eml"))
    os.symlink("fifo.eml", os.path.join(tree, "link-fifo.eml"))
    before = tree_state(tree)
    for follow in ([], ["--follow-links"]):
        res = bounded(["dump", *follow, tree], wall_s=20)
        recs, und = res.records()
        check(res.rc == 0, "dump %s: exit %d: %s" % (follow, res.rc, res.err[-2000:]))
        rc = sorted(r["recipient"] for r in recs)
        check(rc == ["md@example.com", "survivor@example.com"], "special files: %s" % rc)
        for name in ["fifo.eml", "2:2,S", "link-zero.eml"] + devs:
            check(name in res.err, "%s named as skipped: %s" % (name, res.err))
    # given as the path itself
    for p in [os.path.join(tree, "fifo.eml"), "/dev/zero", os.path.join(tree, "link-fifo.eml")]:
        res = bounded(["dump", p])
        check(res.rc == 1 and "FIFO" in res.err, "%s as the path: exit %d: %s" % (p, res.rc, res.err))
    db = os.path.join(tmp, "s.db")
    res = bounded(["scan", "--db", db, tree])
    check(res.rc in (0, 3), "scan: exit %d: %s" % (res.rc, res.err[-2000:]))
    unchanged(tree, before, "dump and scan of FIFOs and devices")


def case_unreadable(tmp):
    """unreadable files and folders (as nobody when run by root)"""
    if AS_ROOT:
        os.chmod(tmp, 0o755)
    tree = os.path.join(tmp, "mail")
    good(tree)
    write(os.path.join(tree, "locked.eml"), dsn("locked@example.com", msgid="l"))
    write(os.path.join(tree, "closed", "inside.eml"), dsn("closed@example.com", msgid="c"))
    write(os.path.join(tree, "listonly", "inside.eml"), dsn("listonly@example.com", msgid="lo"))
    write(os.path.join(tree, "noexec", "inside.eml"), dsn("noexec@example.com", msgid="nx"))
    md = os.path.join(tree, "Maildir")
    write(os.path.join(md, "cur", "1:2,S"), dsn("md@example.com", msgid="md"))
    write(os.path.join(md, "new", "2"), dsn("mdnew@example.com", msgid="mdn"))
    write(os.path.join(tree, "locked.mbox"), mbox([dsn("mbox@example.com", msgid="mb")]))
    os.makedirs(os.path.join(tmp, "db"))   # where the history goes: writable by the user
    if AS_ROOT:
        for root, dirs, files in os.walk(tmp):
            for n in dirs + files:
                os.chown(os.path.join(root, n), 65534, 65534)
    os.chmod(os.path.join(tree, "locked.eml"), 0)
    os.chmod(os.path.join(tree, "locked.mbox"), 0)
    os.chmod(os.path.join(tree, "closed"), 0)
    os.chmod(os.path.join(tree, "listonly"), 0o300)   # enter, not list
    os.chmod(os.path.join(tree, "noexec"), 0o600)     # list, not enter
    os.chmod(os.path.join(md, "new"), 0)
    try:
        res = bounded(["dump", tree], as_nobody=True)
        recs, und = res.records()
        check(res.rc == 0, "dump: exit %d: %s" % (res.rc, res.err[-2000:]))
        rc = sorted(r["recipient"] for r in recs)
        check(rc == ["md@example.com", "survivor@example.com"], "unreadable: %s" % rc)
        for name in ("locked.eml", "locked.mbox", "closed", "listonly", "noexec", "new"):
            check(name in res.err, "%s named: %s" % (name, res.err))
        check("Permission denied" in res.err, "the reason is given: %s" % res.err)
        res = bounded(["dump", os.path.join(tree, "closed")], as_nobody=True)
        check(res.rc == 1 and "Permission denied" in res.err, "closed folder as the path: %d %s"
              % (res.rc, res.err))
        res = bounded(["dump", os.path.join(tree, "locked.eml")], as_nobody=True)
        check(res.rc == 1 and "Permission denied" in res.err, "locked file as the path: %d %s"
              % (res.rc, res.err))
        db = os.path.join(tmp, "db", "u.db")
        res = bounded(["scan", "--db", db, tree], as_nobody=True)
        check(res.rc in (0, 3) and "paths skipped" in res.out.decode(),
              "scan: exit %d: %s %s" % (res.rc, res.out, res.err[-1000:]))
    finally:
        for p in (os.path.join(tree, "closed"), os.path.join(tree, "listonly"),
                  os.path.join(tree, "noexec"), os.path.join(md, "new")):
            os.chmod(p, 0o755)


def case_owner_only(tmp):
    """the history and the reports hold people's addresses: every file and
    folder bouncescan creates is the owner's only, whatever the umask"""
    tree = os.path.join(tmp, "mail")
    good(tree)
    write(os.path.join(tree, "b.eml"), report())
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    db = os.path.join(out, "history.db")
    runs = [
        ["scan", "--db", db, tree],
        ["report", "--db", db, "--html", os.path.join(out, "r.html"),
         "--csv", os.path.join(out, "csv", "sub")],
        [tree, "-o", os.path.join(out, "adhoc", "x")],
    ]
    for args in runs:
        res = bounded(args, umask=0)
        check(res.rc in (0, 3), "bouncescan %s under umask 000: exit %d: %s"
              % (args[0], res.rc, res.err[-800:]))
    made = []
    for root, dirs, files in os.walk(out):
        for n in dirs + files:
            made.append(os.path.join(root, n))
    check(len(made) >= 18, "reports and history written: %s" % made)
    for p in made:
        mode = stat.S_IMODE(os.lstat(p).st_mode)
        check(mode & 0o077 == 0, "%s is open to others: %o" % (os.path.relpath(p, out), mode))

CASES = [
    case_owner_only, case_links, case_special_files, case_unreadable,
]


if __name__ == "__main__":
    run_cases(CASES)
