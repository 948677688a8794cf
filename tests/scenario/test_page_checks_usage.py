#!/usr/bin/env python3
"""page_checks.py on the command line: --help prints its usage, an option
it does not know, a missing argument or a page that does not exist is
refused with its usage (exit 2), and none of them writes a file (an option
was once taken for a page: "--help-360.png" and four more files appeared).
SPDX-License-Identifier: BSD-2-Clause
"""
import os
import subprocess
import sys
import tempfile

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "page_checks.py")


def main():
    with tempfile.TemporaryDirectory(prefix="bs-page-checks-") as tmp:
        for args, rc, want in ((["--help"], 0, "usage: page_checks.py"),
                               (["-h"], 0, "usage: page_checks.py"),
                               (["--width=360", "r.html"], 2, "unrecognized arguments"),
                               ([], 2, "required: REPORT.html"),
                               (["missing.html"], 2, "missing.html: no such file")):
            p = subprocess.run([sys.executable, SCRIPT] + args, cwd=tmp, capture_output=True,
                               text=True, timeout=60)
            said = p.stdout + p.stderr
            if p.returncode != rc or want not in said:
                print("FAIL: page_checks.py %s: exit %d (want %d), %r" % (" ".join(args), p.returncode,
                                                                            rc, said[:300]))
                sys.exit(1)
            if os.listdir(tmp):
                print("FAIL: page_checks.py %s wrote %s" % (" ".join(args), os.listdir(tmp)))
                sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
