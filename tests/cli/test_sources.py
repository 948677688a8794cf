#!/usr/bin/env python3
"""End-to-end: every kind of source, and bad input, through `bouncescan dump`."""
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, check, dsn, dump, mbox, plain_mail, run, write  # noqa: E402


def rcpts(recs):
    return sorted(r["recipient"] for r in recs)


def main():
    tmp = tempfile.mkdtemp(prefix="bs-sources-")
    try:
        mailboxes(tmp)
        bad = bad_input(tmp)
        paths_and_help(tmp, bad)
    finally:
        for root, dirs, files in os.walk(tmp):
            for n in files:
                p = os.path.join(root, n)
                if not os.path.islink(p) and not stat.S_ISFIFO(os.lstat(p).st_mode):
                    os.chmod(p, 0o644)
        shutil.rmtree(tmp, ignore_errors=True)
    print("ok")


def mailboxes(tmp):
    """every kind of mailbox: Maildir, mbox (mboxo, mboxrd, without blank
    lines), MH, a plain folder, one file, standard input"""
    # --- Maildir: cur/ and new/ read, tmp/ ignored, Maildir++ subfolder followed
    md = os.path.join(tmp, "Maildir")
    write(f"{md}/cur/1.M1.host:2,S", dsn("a@example.com", msgid="a"))
    write(f"{md}/new/2.M2.host", dsn("b@example.com", msgid="b"))
    write(f"{md}/tmp/3.M3.host", dsn("tmp@example.com", msgid="t"))
    write(f"{md}/.Bounces/cur/4.M4.host:2,", dsn("c@example.com", msgid="c"))
    os.makedirs(f"{md}/.Bounces/new")
    write(f"{md}/cur/5.M5.host:2,S", plain_mail())
    rc, recs, err = dump(md)
    check(rc == 0, "maildir: exit %d: %s" % (rc, err))
    check(rcpts(recs) == ["a@example.com", "b@example.com", "c@example.com"],
          "maildir recipients: %s" % rcpts(recs))
    check("1 not bounces" in err, "maildir summary counts the non-bounce: %s" % err)
    check(all(r["index"] is None for r in recs), "maildir records have no mbox index")

    # --- mbox (mboxo): index from 1, a body line "From ..." quoted
    quoted = dsn("e@example.com", msgid="e").replace(
        b"Your message could not", b"From the desk of the postmaster:\nYour message could not")
    mb = os.path.join(tmp, "bounces.mbox")
    write(mb, mbox([dsn("d@example.com", msgid="d"), plain_mail(), quoted]))
    rc, recs, err = dump(mb)
    check(rc == 0, "mbox: exit %d" % rc)
    check([(r["recipient"], r["index"]) for r in recs]
          == [("d@example.com", 1), ("e@example.com", 3)], "mbox records: %s" % recs)
    check(all(r["source"] == mb for r in recs), "mbox source is the mbox path")

    # --- mboxrd
    mbrd = os.path.join(tmp, "rd.mbox")
    write(mbrd, mbox([dsn("f@example.com", msgid="f"), quoted], rd=True))
    rc, recs, err = dump(mbrd)
    check(rcpts(recs) == ["e@example.com", "f@example.com"], "mboxrd: %s" % recs)

    # --- an mbox whose From_ lines follow the previous message without a blank line
    tight = os.path.join(tmp, "tight.mbox")
    write(tight, b"From MAILER-DAEMON Wed Nov 25 10:00:05 2026\n" + dsn("t1@example.com", msgid="t1")
          + b"From MAILER-DAEMON Wed Nov 25 10:00:06 2026\n" + dsn("t2@example.com", msgid="t2"))
    rc, recs, err = dump(tight)
    check(rcpts(recs) == ["t1@example.com", "t2@example.com"], "mbox without blank lines: %s" % recs)

    # --- MH folder
    mh = os.path.join(tmp, "mh")
    write(f"{mh}/1", dsn("g@example.com", msgid="g"))
    write(f"{mh}/2", dsn("h@example.com", msgid="h"))
    write(f"{mh}/.mh_sequences", b"unseen: 1-2\n")
    rc, recs, err = dump(mh)
    check(rcpts(recs) == ["g@example.com", "h@example.com"], "mh: %s" % recs)

    # --- plain folder, recursive, with CRLF and bare-CR messages
    fo = os.path.join(tmp, "folder")
    write(f"{fo}/x/crlf.eml", dsn("i@example.com", msgid="i", nl="\r\n"))
    write(f"{fo}/y/z/cr.eml", dsn("j@example.com", msgid="j", nl="\r"))
    rc, recs, err = dump(fo)
    check(rcpts(recs) == ["i@example.com", "j@example.com"], "folder: %s / %s" % (recs, err))
    check(all(r["status"] == "5.1.1" and r["reply_code"] == 550 for r in recs),
          "line endings: status and reply code read")

    # --- single file, and standard input
    one = f"{fo}/x/crlf.eml"
    rc, recs, err = dump(one)
    check(rcpts(recs) == ["i@example.com"], "single file")
    rc, recs, err = dump("-", stdin=dsn("k@example.com", msgid="k"))
    check(rcpts(recs) == ["k@example.com"] and recs[0]["source"] == "-", "stdin: %s" % recs)

    # --- "-j2" as make takes it, the same as "-j 2"; "-jx" an error naming -j
    rc, recs, err = dump("-j2", fo)
    check(rc == 0 and rcpts(recs) == ["i@example.com", "j@example.com"], "-j2: %d %s" % (rc, err))
    rc, out, err = run("dump", "-jx", fo)
    check(rc != 0 and "-j" in err, "-jx: exit %d: %s" % (rc, err))


def bad_input(tmp):
    """bad input: each named on stderr, the scan goes on, summary counts it"""
    bad = os.path.join(tmp, "bad")
    write(f"{bad}/good.eml", dsn("ok@example.com", msgid="ok"))
    write(f"{bad}/binary.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    write(f"{bad}/empty.eml", b"")
    write(f"{bad}/corrupt.eml", b"From: MAILER-DAEMON@x\nSubject: Undelivered Mail Returned to Sender\n"
          b"Content-Type: multipart/report; boundary=\"Z\"\n\n--Z\nContent-Type: message/delivery-status\n"
          b"Content-Transfer-Encoding: base64\n\n!!!not base64!!!\n")
    write(f"{bad}/unreadable.eml", dsn("hidden@example.com", msgid="hid"))
    os.chmod(f"{bad}/unreadable.eml", 0)
    cut = dsn("cut@example.com", msgid="cut")
    write(f"{bad}/truncated.mbox", mbox([dsn("whole@example.com", msgid="w")]) +
          b"From MAILER-DAEMON Wed Nov 25 10:00:05 2026\n" + cut[: len(cut) // 2 + 7])
    os.symlink("/etc/passwd", f"{bad}/link-out.eml")
    os.mkfifo(f"{bad}/fifo.eml")
    cmd = ["dump", bad]
    env = None
    if os.geteuid() == 0:
        # root reads everything: run as nobody so that the mode 000 file is unreadable
        shutil.chown(tmp, "nobody")
        for root, dirs, files in os.walk(tmp):
            for n in dirs + files:
                p = os.path.join(root, n)
                if not os.path.islink(p):
                    os.chown(p, 65534, 65534)
        os.chmod(tmp, 0o755)
    base = [BIN] if os.geteuid() != 0 else ["setpriv", "--reuid=65534", "--regid=65534",
                                            "--clear-groups", BIN]
    p = subprocess.run(base + cmd, capture_output=True, timeout=60)
    out, err = p.stdout.decode(), p.stderr.decode()
    check(p.returncode == 0, "bad input: scan goes on, exit %d: %s" % (p.returncode, err))
    got = sorted(l for l in out.splitlines() if l.strip())
    for name in ("binary.bin", "empty.eml", "unreadable.eml", "link-out.eml", "fifo.eml",
                 "truncated.mbox"):
        check(name in err, "bad input: %s named on stderr: %s" % (name, err))
    check("ok@example.com" in out and "whole@example.com" in out,
          "bad input: good messages still read: %s" % out)
    check("corrupt.eml" in err, "corrupt MIME named: %s" % err)
    und = [json.loads(l)["undecodable"] for l in out.splitlines() if l.startswith('{"undecodable"')]
    check(any(u["source"].endswith("corrupt.eml") and u["error"] for u in und),
          "dump lists the undecodable message in its output: %s" % out)
    check("skipped" in err.splitlines()[-1] or "not decoded" in err.splitlines()[-1],
          "summary counts skipped: %s" % err.splitlines()[-1])

    # the same bad folder through scan: the good ones stored, the rest counted
    db = os.path.join(tmp, "bad.db")
    p = subprocess.run(base + ["scan", "--db", db, bad], capture_output=True, timeout=60)
    out, err = p.stdout.decode(), p.stderr.decode()
    check(p.returncode == 0, "scan of bad input: exit %d: %s" % (p.returncode, err))
    check("binary.bin" in err and "unreadable.eml" in err, "scan names bad files: %s" % err)
    check("2 failed recipients" in out and "paths skipped" in out,
          "scan summary counts stored and skipped: %s" % out)
    return bad


def paths_and_help(tmp, bad):
    """a path that does not exist, one that is not mail; help and version"""
    rc, out, err = run("dump", os.path.join(tmp, "nope"))
    check(rc == 1 and "nope" in err and "No such file" in err, "missing path: %d %s" % (rc, err))
    rc, out, err = run("dump", f"{bad}/binary.bin")
    check(rc == 1 and "binary.bin" in err and "neither a mail message" in err,
          "non-mail file: %d %s" % (rc, err))

    # --- help and version
    rc, out, err = run("--help")
    check(rc == 0 and "dump" in out and "scan" in out and "report" in out, "--help")
    rc, out, err = run("--version")
    check(rc == 0 and out.startswith("bouncescan "), "--version")
    # every command's help; the readers' filter options (one shared table)
    # each once, in the same order, and nowhere else
    filters = ["--since=", "--until=", "--sender-domain=", "--tz=", "--lang="]
    readers = {"report", "search", "addresses", "changes", None}
    for cmd in ("scan", "report", "search", "addresses", "dump", "explain", "changes", "prune",
                "init", "migrate", None):
        rc, out, err = run(*([cmd] if cmd else []), "--help")
        check(rc == 0 and "Usage" in out, "%s --help: %d %s" % (cmd, rc, err))
        found = [o for line in out.splitlines() for o in filters if line.strip().startswith(o)]
        if cmd in readers:
            check(found == filters, "%s --help lists the filter options %s" % (cmd, found))
        else:
            check("--since=" not in found and "--sender-domain=" not in found,
                  "%s --help lists filter options: %s" % (cmd, found))
    rc, out, err = run("dump")
    check(rc == 2 and "at least one" in err, "dump without path is a usage error")


if __name__ == "__main__":
    main()
