#!/usr/bin/env python3
"""Leave-one-out: how well bouncescan reads a format it has no module for.

For each format module in turn, the module's own bounces are read as if the
module did not exist, and the failed recipients that the rest of the program
(the other modules, the RFC 3464 reading and the generic reader,
analyzer/lhost/generic.c) gives are compared with those the full program
gives.  A file counts as right when the two sets of addresses are equal
(case-insensitive; delivered, vacation and feedback records left out).
This measures what no sample shows: the next MTA.

The switch: `bouncescan dump --without-format=NAME` (repeatable) reads as if
the module NAME were not in the table (lhost.c).  It is a hidden option, not
in --help: it exists for this test.  `--without-format=generic` turns the
generic reader off (the "before" column).

Two tables, each printed (meson test --verbose shows them):
  - samples/formats/<module>/ when present: the project's own samples, one
    folder per format module; the bar (BAR, overall) is asserted on it;
  - the shared corpus (CORPUS_DIR, ../shared/corpus; absent on a user's
    machine), its files grouped by the module that reads them: the bar is
    asserted on it too.
Modules that are no MTA's format (arf: feedback reports, rfc3834:
auto-replies, rfc3464: the generic DSN reading itself, generic) are left out.
Exit 77 when neither set is present.
"""
import collections
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, SAMPLES, fail  # noqa: E402

BAR = 90.0
NOT_FORMATS = {"arf", "rfc3834", "rfc3464", "generic", None}
NOT_FAILURES = {"delivered", "vacation", "feedback"}


def records(paths, without=()):
    """{file: set of recipients, ...}, {file: set of mta} of a dump of paths"""
    args = [BIN, "dump", "--quiet"] + ["--without-format=%s" % m for m in without] + list(paths)
    p = subprocess.run(args, capture_output=True, timeout=600, check=False)
    if p.returncode != 0:
        fail("%s: exit %d: %s" % (" ".join(args[:4]), p.returncode,
                                  p.stderr.decode("utf-8", "replace")[-2000:]))
    rcpts = collections.defaultdict(set)
    mtas = collections.defaultdict(set)
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if "source" not in r:
            continue  # {"undecodable": ...}: no record
        src = r["source"]
        mtas[src].add(r["mta"])
        if r["reason"] in NOT_FAILURES:
            continue
        rcpts[src].add((r["recipient"] or "").lower())
    return rcpts, mtas


def measure(title, groups, truth):
    """groups: {module: [file, ...]}; prints the table; returns the overall share"""
    print("\n%s" % title)
    print("  %-18s %5s %7s %7s   %s" % ("left out", "files", "before", "after", "missed"))
    tot = right = right_before = 0
    for module in sorted(groups):
        files = groups[module]
        got, _ = records(files, without=[module])
        before, _ = records(files, without=[module, "generic"])
        ok = [f for f in files if got.get(f, set()) == truth[f]]
        ok_before = [f for f in files if before.get(f, set()) == truth[f]]
        missed = [os.path.basename(f) for f in files if f not in ok]
        tot += len(files)
        right += len(ok)
        right_before += len(ok_before)
        print("  %-18s %5d %6.0f%% %6.0f%%   %s" % (
            module, len(files), 100.0 * len(ok_before) / len(files), 100.0 * len(ok) / len(files),
            " ".join(missed[:4]) + (" ..." if len(missed) > 4 else "")))
    share = 100.0 * right / tot if tot else 100.0
    print("  %-18s %5d %6.1f%% %6.1f%%" % ("overall", tot, 100.0 * right_before / tot if tot else 0,
                                          share))
    return share


def message_files(folder):
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if not f.startswith(".") and not f.endswith((".tsv", ".md", ".txt", ".json")):
                out.append(os.path.join(root, f))
    return sorted(out)


MODULES = {}


def is_module(name):
    """is there a format module called name? (the switch refuses others)"""
    if name not in MODULES:
        p = subprocess.run([BIN, "dump", "--quiet", "--without-format=%s" % name, os.devnull],
                           capture_output=True, timeout=60, check=False)
        MODULES[name] = p.returncode != 2
    return MODULES[name]


def module_of(mta):
    """the module whose records say mta: mda.c names its records after the
    local delivery agent (dovecot, procmail...), every other module by itself"""
    if mta is None or is_module(mta):
        return mta
    return "mda"


def by_module(files, known):
    """the files the full program reads, grouped by the module that read
    them (or the folder named for it); truth = their failed recipients"""
    truth, mtas = records(files)
    groups = collections.defaultdict(list)
    for f in files:
        if not truth.get(f):
            continue  # no failed recipient: nothing to measure
        folder = os.path.basename(os.path.dirname(f))
        module = folder if folder in known else module_of(sorted(mtas[f])[0] if mtas[f] else None)
        if module in NOT_FORMATS:
            continue
        groups[module].append(f)
    return groups, truth


def main():
    tables = []
    formats = os.path.join(SAMPLES, "formats") if SAMPLES else ""
    corpus = os.environ.get("CORPUS_DIR", "")
    if formats and os.path.isdir(formats):
        names = {d for d in os.listdir(formats) if os.path.isdir(os.path.join(formats, d))}
        groups, truth = by_module(message_files(formats), names)
        tables.append(("samples/formats/ (the project's own samples)", groups, truth))
    else:
        print("samples/formats/ is absent: no table of the project's own samples")
    if corpus and os.path.isdir(os.path.join(corpus, "maildir")):
        groups, truth = by_module(message_files(os.path.join(corpus, "maildir")), set())
        tables.append(("shared corpus (%s)" % corpus, groups, truth))
    else:
        print("the shared corpus is absent (CORPUS_DIR): no corpus table")
    if not tables:
        print("SKIP: neither samples/formats/ nor the shared corpus is here")
        return 77
    failed = []
    for title, groups, truth in tables:
        share = measure(title, groups, truth)
        if share < BAR:
            failed.append("%s: %.1f%% < %.1f%%" % (title, share, BAR))
    for f in failed:
        print("BAR NOT MET: %s" % f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
