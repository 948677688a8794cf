#!/usr/bin/env python3
"""Build, deterministically from samples/, a big mailbox for the benchmark.

    gen-mailbox.py SAMPLES OUTDIR COUNT

writes OUTDIR/big-COUNT.mbox (mboxo) and OUTDIR/big-COUNT.maildir/ with COUNT
bounces each: the sample bounces in turn, each made unique (recipient, dates,
Message-ID) and its original message given a body of a few KB, so that 100,000
messages make about 450 MB.  Does nothing when both already exist.
"""
import email
import mailbox
import os
import random
import re
import sys


def sample_bounces(samples):
    msgs = []
    for root, dirs, files in (w for d in ("maildir", "mbox", "mh", "eml")
                              for w in os.walk(os.path.join(samples, d))):
        dirs.sort()
        for f in sorted(files):
            if f.endswith((".md", ".tsv", ".keep")) or f.startswith("."):
                continue
            p = os.path.join(root, f)
            data = open(p, "rb").read()
            if data.startswith(b"From "):
                for m in mailbox.mbox(p):
                    msgs.append(m.as_bytes())
            else:
                msgs.append(data)
    # bounces only: the ones naming a failed recipient somewhere
    return [m.replace(b"\r\n", b"\n").replace(b"\r", b"\n") for m in msgs
            if re.search(rb"(?i)(final-recipient|could not be delivered|failed|undeliver)", m)]


FILLER = (b"Dear customer,\n\nThank you for your order. This is the body of the original "
          b"message, returned with the bounce. It is long enough to make the mailbox the size "
          b"of a real postmaster's mailbox.\n") * 40


def main():
    samples, outdir, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(outdir, exist_ok=True)
    mbox_path = os.path.join(outdir, "big-%d.mbox" % count)
    md_path = os.path.join(outdir, "big-%d.maildir" % count)
    if os.path.exists(mbox_path) and os.path.isdir(os.path.join(md_path, "cur")):
        return
    rnd = random.Random(20261125)
    base = sample_bounces(samples)
    for d in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(md_path, d), exist_ok=True)
    with open(mbox_path + ".part", "wb") as mb:
        for i in range(count):
            m = base[i % len(base)]
            uniq = b"n%07d" % i
            m = re.sub(rb"([A-Za-z0-9._-]+)@(example\.[a-z]+)", rb"\1." + uniq + rb"@\2", m, count=3)
            m = m.replace(b"Message-ID: <", b"Message-ID: <" + uniq + b".", 1)
            # a few KB of original body, before the closing boundary or at the end
            pad = FILLER[: 800 + rnd.randrange(2000)]
            m = m.rstrip(b"\n") + b"\n\n" + pad.rstrip(b"\n") + b"\n"
            quoted = re.sub(rb"(?m)^(>*From )", rb">\1", m)
            mb.write(b"From MAILER-DAEMON Wed Nov 25 10:00:00 2026\n" + quoted + b"\n")
            with open(os.path.join(md_path, "cur", "%d.M%dP1.bench:2,S" % (1764000000 + i, i)), "wb") as fh:
                fh.write(m)
    os.replace(mbox_path + ".part", mbox_path)


if __name__ == "__main__":
    main()
