#!/usr/bin/env python3
"""with_pg.py PROGRAM ARGS...: a GTest program run against a PostgreSQL
server of its own (pgserver.py), named in BS_TEST_PG ("host=DIR user=NAME":
test-fixture.h makes a database of it for each test); without PostgreSQL,
TAP's skip of the whole program, with the reason.
SPDX-License-Identifier: BSD-2-Clause
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgserver  # noqa: E402


def main():
    why = pgserver.missing()
    if why is not None:
        print("1..0 # SKIP " + why)
        return 0
    with pgserver.PgServer() as pg:
        env = dict(os.environ, BS_TEST_PG="host=%s user=%s" % (pg.dir, pg.user))
        return subprocess.run(sys.argv[1:], env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
