#!/usr/bin/env python3
"""End-to-end: `bouncescan explain` shows a bounce's records with advice, in
English and in Japanese (without any Japanese locale installed)."""
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import SAMPLES, check, run  # noqa: E402


def main():
    s3150 = glob.glob(os.path.join(SAMPLES, "maildir/cur/1771238654.*"))[0]
    rc, out, err = run("explain", s3150, check_rc=0)
    for want in ("Reason: blocked", "S3150", "microsoft-olc", "203.0.113.5",
                 "support.microsoft.com", "hosting provider", "another SMTP relay"):
        check(want in out, "explain (en) shows %r:\n%s" % (want, out))
    env = dict(os.environ, LC_ALL="C", LANG="C", LANGUAGE="")
    rc, out, err = run("explain", "--lang", "ja", s3150, check_rc=0, env=env)
    for want in ("理由: blocked", "拒否された送信元 IP: 203.0.113.5", "対処方法"):
        check(want in out, "explain (ja) shows %r:\n%s" % (want, out))
    carrier = glob.glob(os.path.join(SAMPLES, "maildir/.Bounces/cur/1772593340.*"))[0]
    rc, out, err = run("explain", "--lang", "ja", carrier, check_rc=0, env=env)
    check("受信設定" in out, "carrier caveat in Japanese:\n%s" % out)
    rc, out, err = run("explain", carrier, check_rc=0)
    check("filter" in out and "not" in out.lower(), "carrier caveat in English:\n%s" % out)
    rc, out, err = run("explain", os.path.join(SAMPLES, "mbox", "bounces-mboxrd.mbox"), check_rc=0)
    check(out.count("Recipient:") >= 4, "explain on an mbox shows each message:\n%s" % out)
    rc, out, err = run("explain", "--lang", "xx", s3150)
    check(rc == 2, "bad --lang is a usage error")
    print("ok")


if __name__ == "__main__":
    main()
