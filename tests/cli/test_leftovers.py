#!/usr/bin/env python3
"""Tests clean up what they make: each unit program given on the command
line runs again with a temporary folder of its own (TMPDIR), which must be
empty when it ends (the rules tests once left a "bs-rules-*" folder in the
system's temporary folder on every run).
SPDX-License-Identifier: BSD-2-Clause
"""
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    programs = sys.argv[1:]
    if not programs:
        print("FAIL: name the unit programs")
        sys.exit(1)
    failed = []
    for program in programs:
        tmp = tempfile.mkdtemp(prefix="bs-leftovers-")
        try:
            env = dict(os.environ, TMPDIR=tmp)
            p = subprocess.run([program], env=env, capture_output=True, timeout=500)
            name = os.path.basename(program)
            if p.returncode != 0:
                failed.append("%s: exit %d: %s" % (name, p.returncode, p.stderr[-800:].decode(errors="replace")))
            left = []
            for root, dirs, files in os.walk(tmp):
                left += [os.path.relpath(os.path.join(root, n), tmp) for n in dirs + files]
            if left:
                failed.append("%s left %s" % (name, sorted(left)[:10]))
            else:
                print("ok %s" % name)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if failed:
        print("FAIL:\n  " + "\n  ".join(failed))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
