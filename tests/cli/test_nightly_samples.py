#!/usr/bin/env python3
"""The nightly samples run as written: samples/cron/bouncescan's command
line and samples/systemd/bouncescan.service's ExecStart lines, with the
binary and the paths pointed at a temporary tree, on two "nights" (the first
reports new problems and exits 3 / prints; the second is silent and exits
0); and systemd-analyze finds nothing wrong with the unit files (when it is
installed).
SPDX-License-Identifier: BSD-2-Clause
"""
import configparser
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, SAMPLES, check  # noqa: E402


def localise(cmd, tmp):
    cmd = cmd.replace("/usr/local/bin/bouncescan", os.path.abspath(BIN))
    cmd = cmd.replace("/var/lib/bouncescan", os.path.join(tmp, "state"))
    return cmd.replace("/var/mail/postmaster", os.path.join(tmp, "postmaster"))


def cron_job(tmp):
    lines = [l for l in open(os.path.join(SAMPLES, "cron", "bouncescan"), encoding="utf-8")
             if l.strip() and not l.startswith("#") and "=" not in l.split()[0]]
    check(len(lines) == 1, "samples/cron/bouncescan: %d job lines" % len(lines))
    fields = lines[0].split(None, 6)
    check(len(fields) == 7 and fields[5] == "bouncescan", "not a cron.d line: %r" % lines[0])
    return localise(fields[6].strip(), tmp)


def service_commands(tmp):
    # systemd allows repeated keys; read them in order by hand
    env, cmds, success = {}, [], {"0"}
    for line in open(os.path.join(SAMPLES, "systemd", "bouncescan.service"), encoding="utf-8"):
        line = line.strip()
        if line.startswith("Environment="):
            k, v = line[len("Environment="):].split("=", 1)
            env[k] = localise(v, tmp)
        elif line.startswith("ExecStart="):
            cmds.append(line[len("ExecStart="):])
        elif line.startswith("SuccessExitStatus="):
            success |= set(line.split("=", 1)[1].split())
    out = []
    for c in cmds:
        c = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], c)
        out.append(localise(c, tmp))
    return out, success


def main():
    check(BIN and os.access(BIN, os.X_OK), "BOUNCESCAN is not set to the binary")
    tmp = tempfile.mkdtemp(prefix="bs-nightly-samples-")
    try:
        os.makedirs(os.path.join(tmp, "state"), mode=0o700)
        shutil.copy(os.path.join(SAMPLES, "mbox", "bounces.mbox"), os.path.join(tmp, "postmaster"))

        # cron: the first night mails the incidents opened, the second nothing
        job = cron_job(tmp)
        p = subprocess.run(["sh", "-c", job], capture_output=True, text=True, timeout=120)
        check(p.returncode == 3 and re.search(r"(?m)^(OPENED|WARNING|RETURNED) ", p.stdout)
              and p.stderr == "",
              "cron, first night: exit %d\n%s%s" % (p.returncode, p.stdout, p.stderr))
        p = subprocess.run(["sh", "-c", job], capture_output=True, text=True, timeout=120)
        check(p.returncode == 0 and p.stdout == "" and p.stderr == "",
              "cron, second night: exit %d, printed %r %r" % (p.returncode, p.stdout, p.stderr))

        # the service's commands, in order, as systemd runs them
        shutil.rmtree(os.path.join(tmp, "state"))
        os.makedirs(os.path.join(tmp, "state"), mode=0o700)
        cmds, success = service_commands(tmp)
        check(len(cmds) >= 3, "the service has %d ExecStart lines" % len(cmds))
        for night in (1, 2):
            codes = []
            for c in cmds:
                p = subprocess.run(c.split(), capture_output=True, text=True, timeout=120)
                check(str(p.returncode) in success,
                      "service, night %d: %s: exit %d\n%s" % (night, c, p.returncode, p.stderr))
                codes.append(p.returncode)
            check((3 in codes) == (night == 1), "night %d exit codes %s" % (night, codes))
        check(os.path.isfile(os.path.join(tmp, "state", "report.html")), "the service wrote no report")

        # the unit files, as systemd reads them
        analyze = shutil.which("systemd-analyze")
        if analyze:
            units = os.path.join(tmp, "units")
            os.makedirs(units)
            names = ("bouncescan.service", "bouncescan.timer", "bouncescan-fleet-scan.service",
                     "bouncescan-fleet-scan.timer", "bouncescan-fleet-report.service",
                     "bouncescan-fleet-report.timer")
            for f in names:
                text = open(os.path.join(SAMPLES, "systemd", f), encoding="utf-8").read()
                open(os.path.join(units, f), "w").write(text.replace("/usr/local/bin/bouncescan",
                                                                     os.path.abspath(BIN)))
            p = subprocess.run([analyze, "verify", "--man=no", *names],
                               cwd=units, capture_output=True, text=True, timeout=60)
            complaints = [l for l in (p.stdout + p.stderr).splitlines() if "bouncescan." in l]
            check(not complaints, "systemd-analyze verify: %s" % complaints)
        else:
            print("systemd-analyze not installed: unit files not verified")
        cp = configparser.ConfigParser(strict=False, interpolation=None)
        cp.read(os.path.join(SAMPLES, "systemd", "bouncescan.timer"))
        check(cp.has_option("Timer", "OnCalendar") and cp.get("Install", "WantedBy") == "timers.target",
              "the timer has no schedule or is not wanted by timers.target")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
