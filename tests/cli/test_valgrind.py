#!/usr/bin/env python3
"""End to end under valgrind memcheck: a scan, the reports, a
dump of hostile input and the ad-hoc form must run with no memory error
and no definite leak.

--error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite, with
G_SLICE=always-malloc and G_DEBUG=gc-friendly (set by tests/meson.build) so
that GLib hands every block back to malloc.  tests/hostile/valgrind.supp
holds the only suppressions: false positives in glibc's loader.  Skips (77)
where valgrind is missing or the binary is built with a sanitizer (the two do
not mix); a few samples only, to stay near a minute.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, SAMPLES, dsn, write  # noqa: E402
from hostile import ASAN, nested_multipart, nested_rfc822, report  # noqa: E402

SUPP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    "hostile", "valgrind.supp")


def hostile_folder(top):
    """a few hostile messages (small: valgrind is slow)"""
    write(os.path.join(top, "markup.eml"), report({
        "diag": "smtp; 550 5.7.1 <script>alert(1)</script> \"><img src=x onerror=alert(2)>",
        "osubject": "=HYPERLINK(\"http://203.0.113.9/\")"}))
    write(os.path.join(top, "nul-utf8.eml"), report({
        "diag": "smtp; 550 5.1.1 user\x00\xff\xfe unknown", "osubject": "=?utf-8?B?//79?=",
        "text": "caf\xe9 \x1b$B\xff\xff\x1b(B"}))
    write(os.path.join(top, "never-ending-words.eml"), report({
        "subject": "=?a?B?x" * 3000, "osubject": "=?utf-8?Q?" * 500}))
    write(os.path.join(top, "nested.eml"), nested_multipart(60, "Content-Type: text/plain\n\nx\n"))
    write(os.path.join(top, "rfc822.eml"), nested_rfc822(60, dsn("deep@example.com").decode()))
    write(os.path.join(top, "b64.eml"), report().replace(
        b"Content-Type: message/delivery-status\n",
        b"Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n"))
    write(os.path.join(top, "cut.mbox"), b"From MAILER-DAEMON Wed Nov 25 10:00:05 2026\n"
          + dsn("cut@example.com")[:700])


def main():
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("skip: valgrind is not installed")
        sys.exit(77)
    if ASAN:
        print("skip: a sanitizer build does not run under valgrind")
        sys.exit(77)
    base = [valgrind, "-q", "--error-exitcode=1", "--leak-check=full",
            "--errors-for-leak-kinds=definite", "--show-leak-kinds=definite",
            "--suppressions=" + SUPP, "--num-callers=30", BIN]
    env = dict(os.environ, G_SLICE="always-malloc", G_DEBUG="gc-friendly")
    tmp = tempfile.mkdtemp(prefix="bs-valgrind-")
    failed = []
    try:
        hostile = os.path.join(tmp, "hostile")
        hostile_folder(hostile)
        db = os.path.join(tmp, "history.db")
        runs = [
            ["scan", "--db", db, os.path.join(SAMPLES, "eml"), os.path.join(SAMPLES, "mbox")],
            ["scan", "--db", db, os.path.join(SAMPLES, "eml"), hostile],
            ["report", "--db", db, "--html", os.path.join(tmp, "r.html"),
             "--csv", os.path.join(tmp, "csv"), "--lang", "ja"],
            ["dump", "-j", "1", hostile, os.path.join(SAMPLES, "mh")],
            [os.path.join(SAMPLES, "maildir"), "-o", os.path.join(tmp, "adhoc")],
        ]
        for args in runs:
            t0 = time.monotonic()
            p = subprocess.run(base + args, capture_output=True, env=env, timeout=600)
            secs = time.monotonic() - t0
            err = p.stderr.decode("utf-8", "replace")
            errors = [l for l in err.splitlines() if l.startswith("==")]
            if p.returncode not in (0, 3) or errors:
                failed.append(args[0])
                print("FAIL bouncescan %s: exit %d\n%s" % (" ".join(args), p.returncode,
                                                           "\n".join(errors[:80]) or err[-3000:]))
            else:
                print("ok %s under memcheck (%.1f s)" % (args[0], secs))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failed:
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
