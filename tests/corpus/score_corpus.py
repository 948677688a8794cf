#!/usr/bin/env python3
"""Score `bouncescan dump` on the shared bounce corpus against its expected.tsv.

The corpus (../shared/corpus, a BSD-licensed public collection: see its
LICENSE) exists on the developers' machines and in CI, not on a user's
machine: without it this test skips (exit 77) and says so.

Prints the scorer's figures, then checks the bars.  A bar listed in ASSERTED
fails the test when not met; the others are printed as "below bar" until the
issue that sets them is resolved.

Then the robustness pass: every corpus message is rewritten with other
identifiers of the same shape (perturb.py: addresses, domains, host names,
IPv4/IPv6 addresses, Message-IDs, queue ids, dates; the copies go to a
temporary directory only) and scored again.  Each figure must stay within
ROBUST_POINTS of the unperturbed one, and the perturbed not-bounces must
still give no record: a rule that only worked because of a sample's own
identifiers fails here.  PERTURB_SEED picks another rewriting.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import perturb  # noqa: E402

# metric: (bar, asserted?): the bars the corpus must reach
BARS = {
    "files_detected": (99.0, True),
    "recipients": (95.0, True),
    "status": (97.0, True),
    "replycode": (95.0, True),
    "reason": (92.0, True),
    "hard": (95.0, True),
}
MAX_FALSE_POSITIVES = 0  # records from corpus/not-bounces: asserted
ROBUST_POINTS = 1.0      # perturbed figures within this many points: asserted
METRICS = ("files_detected", "recipients", "status", "replycode", "reason", "hard")


def run_score(binary, scorer, expected, maildir, out):
    """dump maildir into out and score it: (scores dict, scorer's stdout)"""
    with open(out, "wb") as fh:
        d = subprocess.run([binary, "dump", maildir], stdout=fh, stderr=subprocess.PIPE,
                           check=False, timeout=300)
    if d.returncode != 0:
        raise RuntimeError("dump exited %d:\n%s" % (d.returncode,
                                                    d.stderr.decode("utf-8", "replace")[-3000:]))
    res = subprocess.run([sys.executable, scorer, "--expected", expected, "--output", out,
                          "--failures-only", "--by-family"],
                         capture_output=True, text=True, check=False)
    if res.returncode == 2:
        raise RuntimeError("scorer failed: %s" % res.stderr)
    line = [l for l in res.stdout.splitlines() if l.startswith("SCORE ")][-1]
    return {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}, res.stdout


def not_bounce_records(binary, folder):
    nb = subprocess.run([binary, "dump", folder], capture_output=True, check=False, timeout=60)
    if nb.returncode != 0:
        raise RuntimeError("dump of %s exited %d" % (folder, nb.returncode))
    return [line for line in nb.stdout.decode("utf-8", "replace").splitlines()
            if line.strip() and '"source"' in line]


def robustness(binary, scorer, corpus, base, tmp):
    """the corpus with other identifiers: figures within ROBUST_POINTS"""
    seed = int(os.environ.get("PERTURB_SEED", "1"))
    pdir = os.path.join(tmp, "perturbed")
    perturb.perturb_tree(os.path.join(corpus, "maildir"), os.path.join(pdir, "maildir"), seed)
    perturb.perturb_tree(os.path.join(corpus, "not-bounces"), os.path.join(pdir, "not-bounces"),
                         seed)
    got, text = run_score(binary, scorer, os.path.join(corpus, "expected.tsv"),
                          os.path.join(pdir, "maildir"), os.path.join(tmp, "perturbed.jsonl"))
    print("robustness pass (identifiers rewritten, seed %d):" % seed)
    print("  %-15s %8s %10s" % ("metric", "corpus", "perturbed"))
    failed = False
    for m in METRICS:
        ok = abs(got[m] - base[m]) <= ROBUST_POINTS
        print("  %-15s %7.1f%% %9.1f%%  %s" % (m, base[m], got[m], "ok" if ok else "FAILED"))
        failed |= not ok
    if failed:
        print(text)
    fp = not_bounce_records(binary, os.path.join(pdir, "not-bounces"))
    print("  records from perturbed not-bounces: %d (must be %d)" % (len(fp), MAX_FALSE_POSITIVES))
    return failed or len(fp) > MAX_FALSE_POSITIVES


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
        try:
            scores, text = run_score(binary, scorer, os.path.join(corpus, "expected.tsv"),
                                     os.path.join(corpus, "maildir"), os.path.join(tmp, "dump.jsonl"))
            print(text)
            fp = not_bounce_records(binary, os.path.join(corpus, "not-bounces"))
            robust_failed = robustness(binary, scorer, corpus, scores, tmp)
        except RuntimeError as e:
            print(e)
            return 1
    failed = False
    for metric, (bar, asserted) in BARS.items():
        got = scores[metric]
        state = "ok" if got >= bar else ("FAILED" if asserted else "below bar (not yet asserted)")
        print("bar %-15s %5.1f%% >= %5.1f%%: %s" % (metric, got, bar, state))
        failed |= asserted and got < bar
    print("records from not-bounces: %d (must be %d)" % (len(fp), MAX_FALSE_POSITIVES))
    if len(fp) > MAX_FALSE_POSITIVES:
        failed = True
    if robust_failed:
        print("robustness pass FAILED: a figure moved by more than %.1f point(s) when the "
              "identifiers changed" % ROBUST_POINTS)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
