#!/usr/bin/env python3
"""One sender-domain filter for every command (history/filter.h).

- `report --sender-domain .example.jp`, the same page's "What changed" and
  `changes` with the same filter agree: the report holds every failure sent
  from example.jp or under it, and nothing else; the page's section lists
  what `changes` lists (before, a leading dot emptied the report while the
  section and `changes` listed 36 items);
- every spelling of a domain (case, dots, "@", the IDN's Unicode or ASCII
  form) is the same filter: the same bytes out;
- search and addresses take the same filter (every spelling, one answer);
- a --sender-domain that matches nothing in the history is said on stderr,
  with the closest sender domains the history knows, exit 1, and no output
  is written: report, changes, search, addresses and the ad-hoc form.
SPDX-License-Identifier: BSD-2-Clause
"""
import csv
import html as htmllib
import io
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgserver  # noqa: E402
from bsutil import SAMPLES, check, dsn, run, run_in_tmp, write  # noqa: E402

PATHS = [os.path.join(SAMPLES, d) for d in ("maildir", "mbox", "mh", "eml")]


def failures(folder):
    with open(os.path.join(folder, "failures.csv"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(io.StringIO(fh.read())))


def under(domain, parent):
    return domain == parent or domain.endswith("." + parent)


def section_values(page):
    """(type, kind, value) of every row of the page's "What changed", and the
    count of all its changes (the rows shown may be fewer)"""
    m = re.search(r'<section id="changes">(.*?)</section>', page, re.S)
    check(m is not None, "the page has no changes section")
    rows = re.findall(r'<tr class="change-(\w+)"><td>([^<]*)</td><td>([^<]*)</td>'
                      r'<td class="ex">([^<]*)</td>', m.group(1))
    more = re.search(r"Rows shown / all: (\d+) / (\d+)", m.group(1))
    total = int(more.group(2)) if more else len(rows)
    kinds = {"sending IP": "ip", "destination": "destination", "blocklist": "blocklist",
             "provider code": "provider_code"}
    return {(t, kinds[k], htmllib.unescape(v)) for t, _, k, v in rows}, total


def changes_values(out):
    """(type, kind, value) of every line of `changes` text (a subject may
    clear twice in the window: a list)"""
    types = {"New": "new", "Came back": "back", "Cleared": "cleared"}
    kinds = {"sending IP": "ip", "destination": "destination", "blocklist": "blocklist",
             "provider code": "provider_code"}
    found, current = [], None
    for line in out.splitlines():
        m = re.match(r"^(New|Came back|Cleared) \(\d+\):$", line)
        if m:
            current = types[m.group(1)]
            continue
        m = re.match(r"^  (sending IP|destination|blocklist|provider code) +(\S+) ", line)
        if m and current:
            found.append((current, kinds[m.group(1)], m.group(2)))
    return found


def work(tmp):
    db = pgserver.history_db(tmp)
    # one bounce of a customer whose domain is an IDN, written in UTF-8
    idn = os.path.join(tmp, "idn")
    write(os.path.join(idn, "1.eml"), dsn("user@example.org", sender="taro@例え.jp", msgid="idn-1"))
    run("scan", "--db", db, *PATHS, idn, check_rc=0)

    everything = os.path.join(tmp, "all")
    run("report", "--db", db, "--csv", everything, check_rc=0)
    all_rows = failures(everything)

    # the report by sender: every failure under example.jp, nothing else
    out = os.path.join(tmp, "jp")
    page = os.path.join(tmp, "jp.html")
    run("report", "--db", db, "--sender-domain", ".example.jp", "--since", "2000-01-01",
        "--html", page, "--csv", out, check_rc=0)
    rows = failures(out)
    want = [r for r in all_rows if under(r["sender_domain"], "example.jp")]
    check(len(rows) > 20, "report --sender-domain .example.jp: %d failures" % len(rows))
    check(len(rows) == len(want), "report --sender-domain .example.jp: %d failures, the history has"
          " %d under example.jp" % (len(rows), len(want)))
    check(all(under(r["sender_domain"], "example.jp") for r in rows),
          "a failure of another sender: %s" % [r["sender_domain"] for r in rows])

    # its "What changed" and `changes` with the same filter agree
    text = open(page, encoding="utf-8").read()
    shown, total = section_values(text)
    rc, listed, err = run("changes", "--db", db, "--sender-domain", ".example.jp",
                          "--since", "2000-01-01", "--limit", "0", "--kind", "all")
    check(rc in (0, 3), "changes: exit %d: %s" % (rc, err))
    listed = changes_values(listed)
    check(len(listed) > 0, "changes --sender-domain .example.jp lists nothing")
    check(total == len(listed), "the page's section has %d changes, `changes` %d" % (total, len(listed)))
    check(shown <= set(listed), "on the page, not in `changes`: %s" % sorted(shown - set(listed))[:5])

    # every spelling is one filter: the same bytes out
    for spelling in ("EXAMPLE.JP.", "@example.jp", " example.jp "):
        other = os.path.join(tmp, "spelling")
        run("report", "--db", db, "--sender-domain", spelling, "--since", "2000-01-01",
            "--html", other + ".html", "--csv", other, check_rc=0)
        check(open(other + ".html", encoding="utf-8").read() == text,
              "--sender-domain %r gives another page" % spelling)
        check(open(os.path.join(other, "failures.csv"), "rb").read()
              == open(os.path.join(out, "failures.csv"), "rb").read(),
              "--sender-domain %r gives another failures.csv" % spelling)

    # search and addresses take the same filter: every spelling, one answer
    answers = set()
    for spelling in (".example.jp", "EXAMPLE.JP.", "@example.jp"):
        rc, listed, err = run("addresses", "--db", db, "--bare", "--sender-domain", spelling)
        check(rc == 0 and listed.strip(), "addresses --sender-domain %r: %d %s" % (spelling, rc, err))
        rc, found, err = run("search", "--db", db, "--json", "@example.net", "--sender-domain", spelling)
        check(rc == 0, "search --sender-domain %r: %d %s" % (spelling, rc, err))
        answers.add((listed, found))
    check(len(answers) == 1, "addresses and search answer differently per spelling")
    want = {r["recipient"] for r in rows if r["destination"] == "example.net"}
    got = {f["recipient"] for f in __import__("json").loads(found)["failures"]}
    check(got == want, "search @example.net --sender-domain example.jp: %s, the report %s" % (got, want))

    # an IDN, in either spelling
    for spelling in ("例え.jp", "xn--r8jz45g.jp"):
        folder = os.path.join(tmp, "idn-" + spelling)
        run("report", "--db", db, "--sender-domain", spelling, "--csv", folder, check_rc=0)
        idn_rows = failures(folder)
        check(len(idn_rows) == 1 and idn_rows[0]["recipient"] == "user@example.org",
              "--sender-domain %s: %s" % (spelling, idn_rows))

    # a domain the history does not know: said, with the closest, exit 1
    for cmd in (["report", "--db", db, "--html", os.path.join(tmp, "typo.html")],
                ["changes", "--db", db],
                ["search", "--db", db, "@example.org"],
                ["addresses", "--db", db],
                [*PATHS, "-o", os.path.join(tmp, "adhoc")]):
        rc, _, err = run(*cmd, "--sender-domain", "shop.exmaple.jp")
        check(rc == 1, "%s with an unknown sender domain: exit %d: %s" % (cmd[0], rc, err))
        check("shop.exmaple.jp" in err and "shop.example.jp" in err,
              "%s: the error names the domain and the closest known: %s" % (cmd[0], err))
    check(not os.path.exists(os.path.join(tmp, "typo.html")), "a report of an unknown sender")
    check(not os.path.exists(os.path.join(tmp, "adhoc", "report.html")),
          "an ad-hoc report of an unknown sender")
    # one known, one not: still an error
    rc, _, err = run("report", "--db", db, "--html", os.path.join(tmp, "two.html"),
                     "--sender-domain", "shop.example.jp", "--sender-domain", "nowhere.test")
    check(rc == 1 and "nowhere.test" in err, "one unknown of two: exit %d: %s" % (rc, err))
    # not a domain at all: usage
    rc, _, err = run("report", "--db", db, "--html", os.path.join(tmp, "bad.html"),
                     "--sender-domain", "exa mple.jp")
    check(rc == 2 and "not a domain" in err, "a sender that is no domain: exit %d: %s" % (rc, err))


if __name__ == "__main__":
    # BS_TEST_BACKEND=postgresql: the same in a PostgreSQL history (or skip, 77)
    pgserver.for_test()
    run_in_tmp("bs-sender-", work)
