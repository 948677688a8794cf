#!/usr/bin/env python3
"""End-to-end: the generic reader on samples/formats/generic/.

Bounces of MTAs no format module covers (Exchange 5.5 with an X.400
address, MDaemon, Mercury/32, hMailServer, CommuniGate Pro, Haraka, IceWarp,
Axigen, notices in German, Russian and Japanese HTML, a vendor's
message/x-delivery-status part), written after their documented formats.
`dump` must give the rows of the folder's expected.tsv (columns file index
status replycode reason hardbounce recipient mta), in order, and each record
must name the cue that found it (rule "generic:<cue> ...").
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import SAMPLES, check, dump  # noqa: E402

FOLDER = os.path.join(SAMPLES, "formats", "generic")


def main():
    with open(os.path.join(FOLDER, "expected.tsv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    files = sorted(f for f in os.listdir(FOLDER) if f.endswith(".eml"))
    check(len(files) >= 10, "at least ten samples of MTAs without a module: %d" % len(files))
    check({r["file"] for r in rows} == set(files), "every sample has its rows, every row its sample")
    rc, recs, err = dump("--quiet", *[os.path.join(FOLDER, f) for f in files])
    check(rc == 0, "dump exits 0: %s" % err)
    got = {}
    for r in recs:
        got.setdefault(os.path.basename(r["source"]), []).append(r)
    for f in files:
        want = [r for r in rows if r["file"] == f]
        have = got.get(f, [])
        check(len(have) == len(want), "%s: %d records, expected %d" % (f, len(have), len(want)))
        for w, h in zip(want, have):
            status = w["status"]
            if status and int(status.split(".")[2]) >= 900:
                ok = (h["status"] or "").startswith(status[0])
            else:
                ok = (h["status"] or "") == status
            check(ok, "%s: status %s, expected %s" % (f, h["status"], status))
            check(str(h["reply_code"] or "") == w["replycode"],
                  "%s: reply code %s, expected %s" % (f, h["reply_code"], w["replycode"]))
            for key, field in (("reason", "reason"), ("recipient", "recipient"), ("mta", "mta")):
                check(h[field] == w[key], "%s: %s %s, expected %s" % (f, field, h[field], w[key]))
            check(h["hard_bounce"] == (w["hardbounce"] == "1"), "%s: hard bounce" % f)
            check((h["rule"] or "").startswith("generic:"), "%s: rule names the cue: %s" % (f, h["rule"]))
    print("%d samples of MTAs without a module read by the generic reader" % len(files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
