#!/usr/bin/env python3
"""Score `bouncescan dump` on the shared bounce corpus against its expected.tsv.

The corpus (../shared/corpus, a BSD-licensed public collection: see its
LICENSE) exists on the developers' machines and in CI, not on a user's
machine: without it this test skips (exit 77) and says so.

Prints the scorer's figures, then checks the bars.  A bar listed in ASSERTED
fails the test when not met; the others are printed as "below bar" until the
issue that sets them is resolved.
"""
import os
import subprocess
import sys
import tempfile

# metric: (bar, asserted?)  -- issue 2 bars, then issue 3's higher ones
BARS = {
    "files_detected": (95.0, True),   # issue 2
    "status": (90.0, True),           # issue 2
    # issue 3, printed until it is resolved
    "recipients": (95.0, False),
    "replycode": (95.0, False),
    "reason": (92.0, False),
    "hard": (95.0, False),
}
ISSUE3_BARS = {"files_detected": 99.0, "status": 97.0}
MAX_FALSE_POSITIVES = 0  # records from corpus/not-bounces: asserted


def main():
    binary = os.environ.get("BOUNCESCAN")
    corpus = os.environ.get("CORPUS_DIR") or ""
    if not corpus or not os.path.isfile(os.path.join(corpus, "expected.tsv")):
        print("SKIP: no shared corpus at %r (it exists beside the project on developer "
              "machines and in CI only)" % corpus)
        return 77
    scorer = os.path.join(os.path.dirname(os.path.abspath(corpus)), "tools", "score.py")
    if not os.path.isfile(scorer):
        print("SKIP: no scorer at %s" % scorer)
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "dump.jsonl")
        with open(out, "wb") as fh:
            d = subprocess.run([binary, "dump", os.path.join(corpus, "maildir")], stdout=fh,
                               stderr=subprocess.PIPE, check=False, timeout=300)
        if d.returncode != 0:
            print("dump exited %d:\n%s" % (d.returncode, d.stderr.decode("utf-8", "replace")[-3000:]))
            return 1
        nb = subprocess.run([binary, "dump", os.path.join(corpus, "not-bounces")],
                            capture_output=True, check=False, timeout=60)
        if nb.returncode != 0:
            print("dump of not-bounces exited %d" % nb.returncode)
            return 1
        fp = [line for line in nb.stdout.decode("utf-8", "replace").splitlines()
              if line.strip() and '"source"' in line]
        res = subprocess.run([sys.executable, scorer, "--expected",
                              os.path.join(corpus, "expected.tsv"), "--output", out,
                              "--failures-only", "--by-family"],
                             capture_output=True, text=True, check=False)
        print(res.stdout)
        if res.returncode == 2:
            print("scorer failed: %s" % res.stderr)
            return 1
    score_line = [l for l in res.stdout.splitlines() if l.startswith("SCORE ")][-1]
    scores = dict(kv.split("=") for kv in score_line.split()[1:])
    failed = False
    for metric, (bar, asserted) in BARS.items():
        got = float(scores[metric])
        state = "ok" if got >= bar else ("FAILED" if asserted else "below bar (not yet asserted)")
        print("bar %-15s %5.1f%% >= %5.1f%%: %s" % (metric, got, bar, state))
        failed |= asserted and got < bar
    for metric, bar in ISSUE3_BARS.items():
        got = float(scores[metric])
        print("bar %-15s %5.1f%% >= %5.1f%%: %s" % (metric, got, bar,
              "ok" if got >= bar else "below bar (not yet asserted)"))
    print("records from not-bounces: %d (must be %d)" % (len(fp), MAX_FALSE_POSITIVES))
    if len(fp) > MAX_FALSE_POSITIVES:
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
