#!/usr/bin/env python3
"""The month scenario run as a postmaster runs bouncescan: every night the
day's mail arrives (gen_month.py), then the cron line

    bouncescan scan --db H MAILBOX && bouncescan changes -q --db H

and, beside it, what a person would look at: `changes` in full, and the
machine-readable forms when the binary has them (`changes --json`,
`report --json FILE`: found in `--help`, skipped otherwise).  Every command
runs with TZ=Asia/Tokyo (a Japanese postmaster's machine), `--tz Asia/Tokyo`
where the binary takes it, and SOURCE_DATE_EPOCH at 02:30 JST the morning
after the night (when the cron job runs).

    python3 nightly.py [--bin PATH] [--format mbox|maildir] [--scale X]
                       [--seed S] [--nights 1-31] [--keep DIR] [--out FILE]
                       [--report DIR] [-v]

prints one line per night (what `changes -q` printed, its exit code) and,
with --report, writes the final report (en and ja) and where each problem
ranks in "What to do now".  As a module: run_month(), todo_ranking().

SPDX-License-Identifier: BSD-2-Clause
"""
import argparse
import datetime as dt
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_month  # noqa: E402
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
import pgserver  # noqa: E402

SUMMARY = re.compile(r"(\d+) messages read: (\d+) bounces, (\d+) not bounces, (\d+) not decoded; "
                     r"(\d+) failed recipients, (\d+) delay warnings")


def default_binary():
    b = os.environ.get("BOUNCESCAN")
    if b:
        return b
    guess = os.path.join(HERE, "..", "..", "build", "bouncescan")
    return os.path.abspath(guess) if os.access(guess, os.X_OK) else "bouncescan"


class Runner:
    """bouncescan with the environment of the scenario's machine."""

    def __init__(self, binary, env=None, timeout=300):
        self.binary = binary
        self.timeout = timeout
        base = {k: v for k, v in os.environ.items()
                if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "TZ")}
        base.update({"TZ": gen_month.ZONE, "LC_ALL": "C.UTF-8"})
        base.update(env or {})
        self.env = base
        self._help = {}

    def run(self, *args, env=None):
        e = dict(self.env, **(env or {}))
        p = subprocess.run([self.binary, *args], capture_output=True, timeout=self.timeout, env=e)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def has(self, command, option):
        """Whether `bouncescan COMMAND --help` lists OPTION."""
        if command not in self._help:
            rc, out, err = self.run(command, "--help")
            self._help[command] = out + err
        return re.search(r"(?m)^\s+(-\w, )?%s\b" % re.escape(option), self._help[command]) is not None


def cron_epoch(night):
    """02:30 in Japan the morning after the night: when the nightly job runs."""
    d = gen_month.day(night) + dt.timedelta(days=1)
    return int(dt.datetime(d.year, d.month, d.day, 2, 30, tzinfo=gen_month.JST).timestamp())


def parse_summary(text):
    m = SUMMARY.search(text)
    if m is None:
        return None
    keys = ("messages", "bounces", "not_bounces", "not_decoded", "failures", "delays")
    return dict(zip(keys, (int(x) for x in m.groups())))


def run_month(binary, workdir, month=None, fmt="mbox", nights=None, on_night=None, env=None,
              full=True):
    """Scan the month night by night into workdir/history.db (or the
    PostgreSQL database pgserver.history_db gives for workdir); returns one
    dict per night: the scan's summary and exit code, and what `changes -q`
    and (with `full`) `changes` and the --json forms where they exist said."""
    month = month or gen_month.Month()
    r = Runner(binary, env)
    mailbox = os.path.join(workdir, "postmaster.mbox" if fmt == "mbox" else "Maildir")
    db = pgserver.history_db(workdir)
    tz = ["--tz", gen_month.ZONE]
    changes_tz = tz if r.has("changes", "--tz") else []
    report_tz = tz if r.has("report", "--tz") else []
    changes_json = r.has("changes", "--json")
    report_json = r.has("report", "--json")
    results = []
    for n in nights or range(1, gen_month.NIGHTS + 1):
        written = month.write_night(n, mailbox, fmt)
        e = {"SOURCE_DATE_EPOCH": str(cron_epoch(n))}
        res = {"night": n, "day": gen_month.day(n).isoformat(), "written": written}
        rc, out, err = r.run("scan", "--db", db, mailbox, env=e)
        res["scan"] = {"rc": rc, "summary": parse_summary(out), "stderr": err}
        rc, out, err = r.run("changes", "-q", "--db", db, *changes_tz, env=e)
        res["changes_q"] = {"rc": rc, "out": out, "stderr": err}
        if full:
            rc, out, err = r.run("changes", "--db", db, *changes_tz, env=e)
            res["changes"] = {"rc": rc, "out": out, "stderr": err}
        if full and changes_json:
            rc, out, err = r.run("changes", "--json", "--db", db, *changes_tz, env=e)
            res["changes_json"] = {"rc": rc, "stderr": err, "data": _json(out)}
        if full and report_json:
            path = os.path.join(workdir, "report-%02d.json" % n)
            rc, out, err = r.run("report", "--db", db, "--json", path, *report_tz, env=e)
            data = None
            if rc == 0 and os.path.exists(path):
                with open(path, encoding="utf-8") as fh:
                    data = _json(fh.read())
                os.unlink(path)
            res["report_json"] = {"rc": rc, "stderr": err, "data": data}
        results.append(res)
        if on_night:
            on_night(res)
    return results


def _json(text):
    try:
        return json.loads(text)
    except ValueError:
        return None


def write_report(binary, workdir, outdir, langs=("en", "ja"), env=None, night=None):
    """report.html (one per language) and the CSV files of the history in
    workdir; returns {lang: path}."""
    r = Runner(binary, env)
    db = pgserver.history_db(workdir)
    os.makedirs(outdir, exist_ok=True)
    e = {"SOURCE_DATE_EPOCH": str(cron_epoch(night or gen_month.NIGHTS))}
    extra = ["--tz", gen_month.ZONE] if r.has("report", "--tz") else []
    pages = {}
    for lang in langs:
        path = os.path.join(outdir, "report-%s.html" % lang)
        args = ["report", "--db", db, "--html", path, "--lang", lang, *extra]
        if lang == langs[0]:
            args += ["--csv", os.path.join(outdir, "csv")]
        rc, out, err = r.run(*args, env=e)
        if rc != 0:
            raise RuntimeError("report --lang %s: exit %d: %s" % (lang, rc, err))
        pages[lang] = path
    return pages


class _Todo(html.parser.HTMLParser):
    """The problems of "What to do now" in page order."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = []
        self.depth = 0          # inside an <article class="problem">: element depth
        self.in_h3 = False
        self.in_section = False

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        if tag == "section" and a.get("id") == "todo":
            self.in_section = True
        if not self.in_section:
            return
        if tag == "article" and "problem" in (a.get("class") or "").split():
            self.items.append({"key": a.get("data-key"), "class": a.get("class"),
                               "recipients": int(a.get("data-recipients") or 0), "title": "",
                               "attrs": a})
            self.depth = 1
            return
        if self.depth:
            self.depth += 1
            if tag == "h3":
                self.in_h3 = True

    def handle_endtag(self, tag):
        if tag == "section" and self.in_section and not self.depth:
            self.in_section = False
        if self.depth:
            self.depth -= 1
            if tag == "h3":
                self.in_h3 = False

    def handle_data(self, data):
        if self.depth and self.in_h3:
            self.items[-1]["title"] += data


def todo_ranking(page):
    """[(rank, key, title, recipients)] of the page's "What to do now"."""
    p = _Todo()
    with open(page, encoding="utf-8") as fh:
        p.feed(fh.read())
    return [(i + 1, it["key"], " ".join(it["title"].split()), it["recipients"])
            for i, it in enumerate(p.items)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=default_binary())
    ap.add_argument("--format", choices=("mbox", "maildir"), default="mbox")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--nights", default="1-%d" % gen_month.NIGHTS, help="A-B")
    ap.add_argument("--keep", help="work in this folder (kept) instead of a temporary one")
    ap.add_argument("--out", help="write every night's results (JSON) to this file")
    ap.add_argument("--report", help="write the final report (en, ja, CSV) into this folder")
    ap.add_argument("-v", "--verbose", action="store_true", help="print what changes -q printed")
    a = ap.parse_args(argv)
    lo, _, hi = a.nights.partition("-")
    nights = range(int(lo), int(hi or lo) + 1)
    month = gen_month.Month(seed=a.seed, scale=a.scale)
    truth = month.truth()
    work = a.keep or tempfile.mkdtemp(prefix="bs-nightly-")
    os.makedirs(work, exist_ok=True)
    try:
        def show(res):
            t = truth["per_night"][res["night"] - 1]
            q = res["changes_q"]
            s = res["scan"]["summary"] or {}
            ev = ", ".join("%s %s" % (e["event"], e["incident"]) for e in t["events"]) or "-"
            print("night %2d %s %s: scan %d (%s failures, %s delays); changes -q exit %d, %d lines;"
                  " truth: %s" % (res["night"], res["day"], t["weekday"], res["scan"]["rc"],
                                  s.get("failures"), s.get("delays"), q["rc"],
                                  len(q["out"].splitlines()), ev))
            if a.verbose and q["out"].strip():
                for line in q["out"].rstrip("\n").splitlines():
                    print("    | " + line)
            sys.stdout.flush()
        results = run_month(a.bin, work, month, a.format, nights, on_night=show)
        mailed = [r["night"] for r in results if r["changes_q"]["out"].strip()]
        should = [n for n in truth["nights_with_mail"] if n in nights]
        print("changes -q printed on %d of %d nights: %s" % (len(mailed), len(results), mailed))
        print("truth: incident events on %d nights: %s" % (len(should), should))
        if a.out:
            with open(a.out, "w", encoding="utf-8") as fh:
                json.dump(results, fh, ensure_ascii=False, indent=1)
        if a.report:
            pages = write_report(a.bin, work, a.report, night=nights[-1])
            for lang, page in pages.items():
                print("%s: %s" % (lang, page))
                for rank, key, title, n in todo_ranking(page):
                    print("  #%d %-22s %5d recipients  %s" % (rank, key, n, title))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
