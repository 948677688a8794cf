#!/usr/bin/env python3
"""Run a libFuzzer harness as a meson test (suite 'fuzz', fuzzing builds).

    run_fuzz.py HARNESS regressions DIR
        replay every file of DIR (inputs that once found a bug, kept under
        tests/hostile/regressions/) once; any crash, leak, sanitizer
        finding or input slower than 10 s fails
    run_fuzz.py HARNESS fuzz SECONDS CORPUS SEED...
        a bounded fuzzing pass: -max_total_time=SECONDS from the SEED folders
        (the project's samples), new inputs kept in CORPUS (a build folder);
        prints the executions done

libFuzzer's own exit codes (77 on a crash: meson would read it as a skip)
are turned into 1.  A crash leaves its input in CORPUS/../fuzz-artifacts/.
"""
import os
import re
import subprocess
import sys

COMMON = ["-timeout=10", "-rss_limit_mb=2048", "-max_len=65536", "-error_exitcode=1",
          "-timeout_exitcode=1", "-print_final_stats=1"]


def main():
    harness, mode = sys.argv[1], sys.argv[2]
    name = os.path.basename(harness)
    if mode == "regressions":
        folder = sys.argv[3]
        if not os.path.isdir(folder):
            print("%s: no regression folder %s" % (name, folder))
            return 0
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                       if not f.startswith(".") and f != "README.md"
                       and os.path.isfile(os.path.join(folder, f)))
        if not files:
            print("%s: no regression inputs in %s" % (name, folder))
            return 0
        p = subprocess.run([harness, *COMMON, *files], capture_output=True)
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode != 0:
            sys.stderr.write(err[-8000:])
            print("%s: FAIL on the regression inputs (exit %d)" % (name, p.returncode))
            return 1
        print("%s: %d regression inputs replayed, no finding" % (name, len(files)))
        return 0
    if mode == "fuzz":
        seconds, corpus, seeds = sys.argv[3], sys.argv[4], sys.argv[5:]
        os.makedirs(corpus, exist_ok=True)
        artifacts = os.path.join(os.path.dirname(corpus.rstrip("/")), "fuzz-artifacts", "")
        os.makedirs(artifacts, exist_ok=True)
        p = subprocess.run([harness, *COMMON, "-max_total_time=" + seconds,
                            "-artifact_prefix=" + artifacts, corpus, *seeds],
                           capture_output=True)
        err = p.stderr.decode("utf-8", "replace")
        execs = re.findall(r"stat::number_of_executed_units: (\d+)", err)
        if p.returncode != 0:
            sys.stderr.write(err[-12000:])
            print("%s: FAIL after fuzzing (exit %d); the input is under %s"
                  % (name, p.returncode, artifacts))
            return 1
        print("%s: %s s, %s executions, no finding" % (name, seconds, execs[-1] if execs else "?"))
        return 0
    sys.stderr.write("usage: run_fuzz.py HARNESS regressions DIR | fuzz SECONDS CORPUS SEED...\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
