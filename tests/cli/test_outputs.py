#!/usr/bin/env python3
"""What a report writes, and where.

- invisible characters: a recipient domain "gmail\\u2064.com" (an invisible
  plus), a diagnostic with a bidi override, a subject with zero-width and
  separator characters: no such code point reaches the page, the CSV files,
  explain or changes; each shows as "[U+2064]"...
- chart labels: a long full-width destination domain is cut with an ellipsis,
  the whole in a title, and in headless Chromium (360 and 1280 px) no label
  runs off its chart (skips that part without chromium)
- targets that are not files: a link to one of the process's open files (as
  /dev/stdout is), a FIFO with and without a reader, a character device
  (root: a null device made with mknod), a block device (refused): written
  directly or refused with a clear error, never replaced by a file
- signals: SIGINT or SIGTERM stop the page, the CSV files, the workbook
  and the JSON within a second, leaving no temporary file and putting no
  file in place after the signal
- killed reports: ten reports killed at moments spread over their run, then
  one that ends: no temporary file left; of files planted as a killed run
  leaves them, the next report removes ours and unlocked, and keeps one
  that a live writer holds (locked) and an earlier version's recent one
SPDX-License-Identifier: BSD-2-Clause
"""
import fcntl
import glob
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import BIN, argv, check, dsn, mbox, run, run_in_tmp, write  # noqa: E402

# one of each kind the escaper must show: Cf (invisible plus, bidi override,
# zero-width space, soft hyphen, a tag), the line and paragraph separators
INVISIBLE = "\u2064\u202e\u200b\u00ad\U000E0041\u2028\u2029"
LONG = "\uff4c\uff4f\uff4e\uff47" * 8 + "\u65e5\u672c\u8a9e\u30c9\u30e1\u30a4\u30f3" * 3 + ".example"


def hidden(text):
    """the invisible code points in text"""
    return sorted({"U+%04X" % ord(c) for c in text
                   if unicodedata.category(c) in ("Cf", "Zl", "Zp")})


def mailbox(tmp):
    tree = os.path.join(tmp, "mail")
    write(os.path.join(tree, "1.eml"),
          dsn("taro@gmail\u2064.com", diag="550 5.1.1 \u202eresu nwonknu " + INVISIBLE + " end",
              subject="Invoice\u200b\u2028" + INVISIBLE))
    write(os.path.join(tree, "2.eml"), dsn("hanako@" + LONG, msgid="2@shop.example.jp"))
    return tree


def case_invisible(tmp):
    tree = mailbox(tmp)
    db = os.path.join(tmp, "h.db")
    run("scan", "--db", db, tree, check_rc=0)
    out = os.path.join(tmp, "out")
    run("report", "--db", db, "--html", os.path.join(out, "r.html"), "--csv", out, check_rc=0)
    shown = {}
    for p in [os.path.join(out, "r.html")] + glob.glob(os.path.join(out, "*.csv")):
        with open(p, encoding="utf-8") as fh:
            shown[os.path.basename(p)] = fh.read()
    for lang in ("en", "ja"):
        shown["explain " + lang] = run("explain", "--lang", lang, os.path.join(tree, "1.eml"),
                                       check_rc=0)[1]
    shown["changes"] = run("changes", "--db", db, "--kind", "all")[1]   # 3: there are changes
    for name, text in shown.items():
        # U+FEFF is the CSV's byte order mark (--excel only), not a value's
        check(not hidden(text.lstrip("\ufeff")), "%s shows invisible characters raw: %s"
              % (name, hidden(text)))
    for name in ("r.html", "failures.csv", "explain en", "changes"):
        check("gmail[U+2064].com" in shown[name], "%s: the invisible plus is not shown: %s"
              % (name, shown[name][:300]))
    # (the separators are white space to the parser: folded before the history)
    for name in ("failures.csv", "explain en"):
        check("[U+202E]resu nwonknu [U+2064][U+202E][U+200B][U+00AD][U+E0041]"
              in shown[name], "%s: the diagnostic's characters are not all shown: %s"
              % (name, shown[name][:1500]))


def label_boxes(page):
    """each bar label's text box and its chart's box, in viewport pixels"""
    return page.eval("""Array.from(document.querySelectorAll('svg.bars text.label')).map(function (t) {
        var r = t.getBoundingClientRect(), c = t.closest('svg.chart').getBoundingClientRect();
        var title = t.querySelector('title');
        return {text: t.lastChild.textContent, title: title ? title.textContent : null,
                left: r.left, right: r.right, chart: [c.left, c.right],
                page: document.documentElement.clientWidth};
    })""")


def case_chart_labels(tmp):
    tree = mailbox(tmp)
    db = os.path.join(tmp, "h.db")
    run("scan", "--db", db, tree, check_rc=0)
    page_path = os.path.join(tmp, "r.html")
    run("report", "--db", db, "--html", page_path, check_rc=0)
    with open(page_path, encoding="utf-8") as fh:
        html = fh.read()
    check("<title>%s</title>" % LONG in html, "the cut label has no title with the whole")
    import cdp
    try:
        browser = cdp.Browser()
    except cdp.Unavailable:
        print("  skip chart labels in a browser: no chromium")
        return
    with browser as b:
        for width in (1280, 360):
            page = b.new_page(width=width)
            page.goto("file://" + page_path)
            boxes = label_boxes(page)
            check(boxes, "no bar labels on the page")
            long_one = [x for x in boxes if x["title"] == LONG]
            check(long_one and long_one[0]["text"].endswith("\u2026"),
                  "%d px: the long label is not cut with an ellipsis: %s" % (width, json.dumps(boxes)))
            for x in boxes:
                check(x["left"] >= x["chart"][0] - 0.5 and x["right"] <= x["chart"][1] + 0.5
                      and x["left"] >= 0, "%d px: the label %r runs off its chart: %s"
                      % (width, x["text"], json.dumps(x)))


def small_history(tmp):
    tree = mailbox(tmp)
    db = os.path.join(tmp, "h.db")
    run("scan", "--db", db, tree, check_rc=0)
    return db


def kind(path):
    st = os.lstat(path)
    return stat.S_IFMT(st.st_mode), st.st_rdev


def read_fifo(path, got):
    with open(path, "rb") as fh:
        got.append(fh.read())


def case_targets(tmp):
    db = small_history(tmp)
    # a link to the process's standard output, as /dev/stdout is
    link = os.path.join(tmp, "stdout")
    os.symlink("/proc/self/fd/1", link)
    p = subprocess.run([BIN, *argv(["report", "--db", db, "--html", link])], capture_output=True,
                       timeout=60)
    check(p.returncode == 0 and p.stdout.startswith(b"<!DOCTYPE html>"),
          "--html to a link to standard output: exit %d, %r" % (p.returncode, p.stdout[:80] + p.stderr))
    check(os.path.islink(link) and os.readlink(link) == "/proc/self/fd/1",
          "the link to standard output was replaced")
    # a FIFO: written to its reader; refused at once without one
    fifo = os.path.join(tmp, "fifo")
    os.mkfifo(fifo)
    for option, head in (("--html", b"<!DOCTYPE html>"), ("--xlsx", b"PK")):
        got = []
        reader = threading.Thread(target=read_fifo, args=(fifo, got))
        reader.start()
        rc = run("report", "--db", db, option, fifo)[0]
        reader.join(30)
        check(rc == 0 and got and got[0].startswith(head),
              "report %s to a FIFO: exit %d, read %r" % (option, rc, got[0][:40] if got else None))
        check(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced")
    rc, _, err = run("report", "--db", db, "--html", fifo, timeout=30)
    check(rc == 1 and "no process reads this FIFO" in err, "a FIFO without a reader: %d %s" % (rc, err))
    if os.geteuid() != 0:
        print("  skip device nodes: needs root to make them")
        return
    null = os.path.join(tmp, "null")
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    before = kind(null)
    for option in ("--html", "--xlsx"):
        rc, _, err = run("report", "--db", db, option, null)
        check(rc == 0, "report %s to a null device: exit %d: %s" % (option, rc, err))
        check(kind(null) == before, "the device node was replaced: %s" % (kind(null),))
    block = os.path.join(tmp, "block")
    os.mknod(block, 0o600 | stat.S_IFBLK, os.makedev(7, 0))
    before = kind(block)
    rc, _, err = run("report", "--db", db, "--html", block)
    check(rc == 1 and "block device" in err, "a block device as target: exit %d: %s" % (rc, err))
    check(kind(block) == before, "the block device node was replaced")


BIG = {}


def big_history(tmp):
    """a history of 8000 bounces (made once, for the cases that need a
    report that takes a while)"""
    if "db" not in BIG:
        box = os.path.join(tmp, "big.mbox")
        write(box, b"".join(mbox([dsn("user%d@dom%d.example" % (i, i % 300),
                                      msgid="%d@shop.example.jp" % i)]) for i in range(8000)))
        BIG["db"] = os.path.join(tmp, "h.db")
        run("scan", "--db", BIG["db"], box, check_rc=0, timeout=300)
    return BIG["db"]


def case_killed(tmp):
    """(reports written into tmp/out: nothing else may stay there)"""
    db = big_history(tmp)
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    args = [BIN, *argv(["report", "--db", db, "--html", os.path.join(out, "report.html"),
                        "--csv", out, "--xlsx", os.path.join(out, "report.xlsx")])]
    start = time.monotonic()
    subprocess.run(args, check=True, capture_output=True, timeout=300)
    took = time.monotonic() - start
    for i in range(10):
        p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(took * (i + 0.5) / 10)
        p.send_signal(signal.SIGKILL)
        p.wait()
    # what a killed run leaves where O_TMPFILE is missing, and an earlier
    # version's leftovers: removed; a live writer's file and a recent one: kept
    planted = {".report.html.bs-tmp-AbC123": False, ".failures.csv.bs-tmp-Zz9Zz9": True,
               ".report.html.Q1w2E3": False, ".by-day.csv.R4t5Y6": True,
               ".report.html.backup": True}
    for name in planted:
        write(os.path.join(out, name), b"half a report")
    old = time.time() - 7 * 86400
    for name in (".report.html.Q1w2E3", ".report.html.backup"):   # (a user's own file)
        os.utime(os.path.join(out, name), (old, old))
    holder = open(os.path.join(out, ".failures.csv.bs-tmp-Zz9Zz9"), "rb")
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        subprocess.run(args, check=True, capture_output=True, timeout=300)
    finally:
        holder.close()
    left = sorted(n for n in os.listdir(out) if n.startswith("."))
    check(left == sorted(n for n, keep in planted.items() if keep),
          "files left beside the reports after killed runs: %s" % left)


# the files being written: ours (".report.xlsx.bs-tmp-...") and
# libxlsxwriter's ("tmp.XXXXXX" in the workbook's folder, made and removed
# at once: its sheets' rows and the parts it zips are in unnamed files)
TEMPORARY = (".", "tmp.")


def placed(out):
    """the files under out put in place (not ours, being written), with their sizes"""
    return {os.path.join(root, n): os.path.getsize(os.path.join(root, n))
            for root, _, names in os.walk(out) for n in names if not n.startswith(TEMPORARY)}


def case_signals(tmp):
    """SIGINT or SIGTERM stops every writer (the page, the CSV files, the
    workbook, the JSON) within a second, with no temporary file left and no
    file put in place after it.  Each report is stopped (SIGSTOP) at a
    moment of its run; what is in place then is noted, the signal sent and
    the report let go on (SIGCONT): it must exit 128 + the signal within a
    second, with nothing more in place."""
    db = big_history(tmp)
    out = os.path.join(tmp, "out")
    targets = {"page": ["--html", os.path.join(out, "report.html")], "csv": ["--csv", out],
               "workbook": ["--xlsx", os.path.join(out, "report.xlsx")],
               "json": ["--json", os.path.join(out, "report.json")]}
    targets["all"] = sum(targets.values(), [])
    for name, extra in targets.items():
        args = [BIN, *argv(["report", "--db", db] + extra)]
        os.makedirs(out, exist_ok=True)
        start = time.monotonic()
        subprocess.run(args, check=True, capture_output=True, timeout=300)
        took = time.monotonic() - start
        stopped = 0
        # the moments 1/12 to 11/12 of a run, three times over at most: a
        # report of a fraction of a second (the JSON), on a loaded machine,
        # is often done, or not yet in main(), when the signal comes
        for i in range(33):
            if stopped == 4:
                break
            sig = (signal.SIGINT, signal.SIGTERM)[i % 2]
            moment = (i % 11 + 1) / 12.0
            subprocess.run(["rm", "-rf", out], check=True)
            os.makedirs(out)
            p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(took * moment)
            p.send_signal(signal.SIGSTOP)
            time.sleep(0.05)   # (stopped: nothing moves)
            if p.poll() is not None:
                p.stderr.close()
                continue
            before = placed(out)
            p.send_signal(sig)
            sent = time.monotonic()
            p.send_signal(signal.SIGCONT)
            err = p.communicate(timeout=60)[1].decode()
            after = time.monotonic() - sent
            if p.returncode in (0, -sig):
                continue   # (done before the signal came, or stopped before main())
            stopped += 1
            check(p.returncode == 128 + sig, "%s: signal %d: exit %d %s" % (name, sig, p.returncode, err))
            check(after < 1.0, "%s: signal %d stopped the report in %.2f s" % (name, sig, after))
            now = placed(out)
            temps = [os.path.join(root, n) for root, _, names in os.walk(out) for n in names
                     if n.startswith(TEMPORARY)]
            check(not temps, "%s: temporary files left after signal %d: %s" % (name, sig, temps))
            # (added or changed only: a file that went is no file put in place)
            added = sorted(f for f in now if before.get(f) != now[f])
            check(not added, "%s: files put in place after signal %d: %s" % (name, sig, added))
            print("  %s: signal %d at %.0f%% of %.2f s: stopped in %.2f s"
                  % (name, sig, 100 * moment, took, after))
        check(stopped >= 2, "%s: the report was stopped mid-way only %d times" % (name, stopped))
    subprocess.run(["rm", "-rf", out], check=True)


CASES = [case_invisible, case_chart_labels, case_targets, case_killed, case_signals]


def main():
    def work(tmp):
        for case in CASES:
            sub = os.path.join(tmp, case.__name__)
            os.makedirs(sub)
            case(sub)
            print("ok %s" % case.__name__[5:])
    run_in_tmp("bs-outputs-", work)


if __name__ == "__main__":
    main()
