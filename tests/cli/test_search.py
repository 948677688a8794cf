#!/usr/bin/env python3
"""bouncescan search ADDRESS | @DOMAIN | IP: every failure on record for it.

- an address (any case), a destination domain (@domain, or an IDN in either
  spelling) and a refused sending IP each give exactly the failures of
  failures.csv that are theirs, oldest first, in text and in --json (time
  with its offset, reason, system, codes, diagnostic, source);
- hostile bytes of a bounce (ESC sequences, C1 controls, bidirectional
  overrides, line separators) never reach the terminal; --json keeps the
  text, as valid JSON;
- nothing on record: said, exit 0; not an address, domain or IP: exit 2; a
  --sender-domain the history does not know: exit 1 with the closest;
- the history is read, never written (its bytes are the same after).
SPDX-License-Identifier: BSD-2-Clause
"""
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import NO_HISTORY, SAMPLES, check, dsn, history_digest, run, run_in_tmp, write  # noqa: E402

PATHS = [os.path.join(SAMPLES, d) for d in ("maildir", "mbox", "mh", "eml")]
HOSTILE = "\x1b[31mRED\x1b]0;title\x07 \u009b2J \u202eevil\u202c \u2028next \u2066iso\u2069"
FORBIDDEN = ["\x1b", "\x07", "\u009b", "\u202e", "\u202c", "\u2028", "\u2066", "\u2069"]


def failures(folder):
    with open(os.path.join(folder, "failures.csv"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(io.StringIO(fh.read())))


def search_json(db, *args):
    rc, out, err = run("search", "--db", db, "--json", *args)
    check(rc == 0, "search --json %s: exit %d: %s" % (args, rc, err))
    try:
        doc = json.loads(out)
    except ValueError as e:
        check(False, "search --json %s: not JSON (%s): %r" % (args, e, out[:300]))
    check(doc["count"] == len(doc["failures"]), "count %d, %d failures" % (doc["count"], len(doc["failures"])))
    return doc


def same_failures(doc, rows, what):
    got = sorted((f["time_utc"], f["recipient"], f["reason"]) for f in doc["failures"])
    want = sorted((r["time_utc"], r["recipient"], r["reason"]) for r in rows)
    check(len(want) > 0, "%s: the history has none (test data)" % what)
    check(got == want, "%s: search gives %s, failures.csv %s" % (what, got[:4], want[:4]))
    times = [f["time_utc"] for f in doc["failures"]]
    check(times == sorted(times), "%s: not oldest first: %s" % (what, times))


def work(tmp):
    db = os.path.join(tmp, "history.db")
    extra = os.path.join(tmp, "extra")
    # a hostile diagnostic, an IDN destination, one recipient in capitals
    write(os.path.join(extra, "1.eml"), dsn("victim@hostile.example", diag="550 5.1.1 " + HOSTILE,
                                            msgid="h-1"))
    write(os.path.join(extra, "2.eml"), dsn("user@例え.jp", msgid="idn-1"))
    write(os.path.join(extra, "3.eml"), dsn("Mixed.Case@Upper.Example", msgid="mc-1"))
    run("scan", "--db", db, *PATHS, extra, check_rc=0)
    folder = os.path.join(tmp, "csv")
    run("report", "--db", db, "--csv", folder, check_rc=0)
    rows = failures(folder)
    before = history_digest(db)

    # an address, in any case: its failures, nothing else
    by_rcpt = {}
    for r in rows:
        by_rcpt.setdefault(r["recipient"].lower(), []).append(r)
    address = max((a for a in by_rcpt if a), key=lambda a: (len(by_rcpt[a]), a))
    doc = search_json(db, address.upper())
    check(doc["kind"] == "address", "kind of %s: %s" % (address, doc["kind"]))
    same_failures(doc, by_rcpt[address], address)
    f = doc["failures"][0]
    for key in ("time", "day", "reason", "system", "status", "reply_code", "provider_code",
                "diagnostic", "source", "sending_ip", "sender_domain", "hard_bounce"):
        check(key in f, "a failure in --json has no %s: %s" % (key, f))
    check(f["time"].endswith("Z") or f["time"][-6] in "+-", "time without an offset: %s" % f["time"])
    rc, out, _ = run("search", "--db", db, address)
    check(rc == 0 and out.count(address) >= len(by_rcpt[address]),
          "text of %s: %s" % (address, out[:400]))
    check(("%d failure" % len(by_rcpt[address])) in out, "the last line counts: %s" % out[-200:])
    doc = search_json(db, "mixed.case@upper.example")
    check(doc["count"] == 1, "an address stored in capitals, searched in lower case: %s" % doc)

    # a destination domain, with or without its @
    domain = max({r["destination"] for r in rows if r["destination"]},
                 key=lambda d: (sum(r["destination"] == d for r in rows), d))
    for given in ("@" + domain, domain.upper()):
        doc = search_json(db, given)
        check(doc["kind"] == "domain", "kind of %s: %s" % (given, doc["kind"]))
        same_failures(doc, [r for r in rows if r["destination"] == domain], given)
    # an IDN, in either spelling
    for given in ("@例え.jp", "@xn--r8jz45g.jp"):
        doc = search_json(db, given)
        check(doc["count"] == 1 and doc["failures"][0]["recipient"] == "user@例え.jp",
              "%s: %s" % (given, doc))

    # a refused sending IP (v4 and v6)
    for ip in sorted({r["sending_ip"] for r in rows if r["sending_ip"]}):
        doc = search_json(db, ip)
        check(doc["kind"] == "ip", "kind of %s: %s" % (ip, doc["kind"]))
        same_failures(doc, [r for r in rows if r["sending_ip"] == ip], ip)
        check(all(x["sending_ip"] == ip for x in doc["failures"]), "another IP in %s" % ip)

    # the period and the sender filter narrow it
    day = sorted(r["day"] for r in rows if r["destination"] == domain)[-1]
    doc = search_json(db, "@" + domain, "--since", day)
    same_failures(doc, [r for r in rows if r["destination"] == domain and r["day"] >= day],
                  "@%s --since %s" % (domain, day))
    sender = next(r["sender_domain"] for r in rows if r["destination"] == domain and r["sender_domain"])
    doc = search_json(db, "@" + domain, "--sender-domain", sender.upper() + ".")
    same_failures(doc, [r for r in rows if r["destination"] == domain
                        and (r["sender_domain"] == sender or r["sender_domain"].endswith("." + sender))],
                  "@%s --sender-domain %s" % (domain, sender))

    # hostile bytes never reach the terminal; --json keeps them as text
    rc, out, err = run("search", "--db", db, "victim@hostile.example")
    check(rc == 0 and "victim@hostile.example" in out and "RED" in out, "hostile: %d %s %s" % (rc, out, err))
    for c in FORBIDDEN:
        check(c not in out, "search printed %r to the terminal: %r" % (c, out))
    doc = search_json(db, "victim@hostile.example")
    check("\u202eevil" in doc["failures"][0]["diagnostic"], "--json lost the text: %s" % doc)
    rc, out, err = run("search", "--db", db, "a\x1b[2J@x\u202e.example")
    check(rc == 2 and "\x1b" not in err and "\u202e" not in err, "a hostile argument: %d %r" % (rc, err))

    # nothing on record; no address at all; an unknown sender
    rc, out, err = run("search", "--db", db, "nobody@nowhere.example")
    check(rc == 0 and "No failure on record for nobody@nowhere.example" in out, "none: %d %s" % (rc, out))
    doc = search_json(db, "198.51.100.250")
    check(doc["count"] == 0 and doc["failures"] == [], "an IP never refused: %s" % doc)
    for bad in ("", "not an address", "a@b@", "@"):
        rc, _, err = run("search", "--db", db, bad)
        check(rc == 2, "search %r: exit %d: %s" % (bad, rc, err))
    rc, _, err = run("search", "--db", db, address, "--sender-domain", "shop.exmaple.jp")
    check(rc == 1 and "shop.exmaple.jp" in err and "shop.example.jp" in err,
          "an unknown sender domain: exit %d: %s" % (rc, err))
    rc, _, err = run("search", "--db", os.path.join(tmp, "none.db"), address)
    check(rc == 1 and NO_HISTORY in err, "no history: exit %d: %s" % (rc, err))

    # Japanese labels
    rc, out, _ = run("search", "--db", db, "--lang", "ja", address)
    check(rc == 0 and "件" in out and "送信元ドメイン" in out, "--lang ja: %s" % out[-300:])

    check(history_digest(db) == before, "search changed the history")


if __name__ == "__main__":
    run_in_tmp("bs-search-", work)
