#!/usr/bin/env python3
"""bouncescan addresses and addresses.csv: the addresses to stop mailing.

- a plain "user unknown" and SoftBank's "Invalid recipient" are certain;
  docomo's and au's "Unknown user", seen once, are uncertain ("confirm by
  another channel"), and their records are not hard bounces; a full
  mailbox, a temporary refusal and a block are not listed;
- `addresses` (text, --bare, --only, --lang ja) and the report's
  addresses.csv list the same addresses with their evidence (failures,
  days, the last diagnostic);
- hostile text never reaches the terminal;
- a --sender-domain the history does not know: exit 1 with the closest.
SPDX-License-Identifier: BSD-2-Clause
"""
import csv
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bsutil import check, dsn, run, run_in_tmp, write  # noqa: E402

HOSTILE = "=cmd|' /C calc'!A0 \x1b[2J\x1b]0;pwned\x07 \u202egnp.exe"


def rows_of(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(io.StringIO(fh.read())))


def work(tmp):
    box = os.path.join(tmp, "mail")
    mails = [
        ("dead@example.net", "5.1.1", "550 5.1.1 <dead@example.net>: User unknown in virtual mailbox table"),
        ("dead@example.net", "5.1.1", "550 5.1.1 <dead@example.net>: User unknown in virtual mailbox table"),
        ("taro@docomo.ne.jp", "5.0.0", "550 Unknown user taro@docomo.ne.jp"),
        ("hana@ezweb.ne.jp", "5.0.0", "550 <hana@ezweb.ne.jp>: User unknown"),
        ("jiro@i.softbank.jp", "5.0.0", "550 Invalid recipient: <jiro@i.softbank.jp>"),
        ("full@example.net", "5.2.2", "552 5.2.2 <full@example.net>: Mailbox full"),
        ("later@example.net", "4.1.1", "450 4.1.1 <later@example.net>: Recipient address rejected: try later"),
        ("evil@example.net", "5.1.1", "550 5.1.1 no such user " + HOSTILE),
    ]
    for i, (rcpt, status, diag) in enumerate(mails):
        diag += " (in reply to RCPT TO command)"
        write(os.path.join(box, "%d.eml" % i), dsn(rcpt, status=status, diag=diag, msgid="a-%d" % i))
    db = os.path.join(tmp, "history.db")
    run("scan", "--db", db, box, check_rc=0)
    folder = os.path.join(tmp, "csv")
    run("report", "--db", db, "--csv", folder, check_rc=0)

    # the carriers' ambiguous "Unknown user" is no hard bounce; SoftBank's is
    hard = {r["recipient"]: r["hard_bounce"] for r in rows_of(os.path.join(folder, "failures.csv"))}
    check(hard.get("taro@docomo.ne.jp") == "0" and hard.get("hana@ezweb.ne.jp") == "0",
          "a carrier's Unknown user is a hard bounce: %s" % hard)
    check(hard.get("jiro@i.softbank.jp") == "1" and hard.get("dead@example.net") == "1",
          "a dead address is no hard bounce: %s" % hard)

    # addresses.csv
    rows = {r["recipient"]: r for r in rows_of(os.path.join(folder, "addresses.csv"))}
    want = {"dead@example.net": "certain", "jiro@i.softbank.jp": "certain", "evil@example.net": "certain",
            "taro@docomo.ne.jp": "uncertain", "hana@ezweb.ne.jp": "uncertain"}
    check({k: v["certainty"] for k, v in rows.items()} == want,
          "addresses.csv: %s" % {k: v["certainty"] for k, v in rows.items()})
    dead = rows["dead@example.net"]
    check(dead["failures"] == "2" and dead["days"] == "1" and dead["reason"] == "userunknown"
          and "User unknown" in dead["last_diagnostic"] and dead["sender_domains"] == "shop.example.jp",
          "the evidence of dead@example.net: %s" % dead)
    check("another channel" in rows["taro@docomo.ne.jp"]["note"], "the uncertain note: %s" % rows["taro@docomo.ne.jp"])
    check(rows["evil@example.net"]["last_diagnostic"].startswith("550"), "the diagnostic: %s" % rows["evil@example.net"])

    # the command: the same addresses, certain ones first, with their evidence
    rc, out, err = run("addresses", "--db", db)
    check(rc == 0, "addresses: exit %d: %s" % (rc, err))
    for bad in ("\x1b", "\x07", "\u202e"):
        check(bad not in out, "addresses printed %r: %r" % (bad, out))
    check(out.index("certain (3)") < out.index("uncertain (2)"), "certain ones first: %s" % out)
    check("another channel" in out and "2 failures on 1 day" in out, "the evidence: %s" % out)
    for a in want:
        check(a in out, "%s not in the text: %s" % (a, out))
    for a in ("full@example.net", "later@example.net"):
        check(a not in out, "%s is listed: %s" % (a, out))
    rc, out, _ = run("addresses", "--db", db, "--bare")
    check(rc == 0 and sorted(out.split()) == sorted(want), "--bare: %r" % out)
    check(out.split()[:3] == sorted(a for a in want if want[a] == "certain"), "--bare: certain first: %r" % out)
    rc, out, _ = run("addresses", "--db", db, "--bare", "--only", "uncertain")
    check(rc == 0 and sorted(out.split()) == ["hana@ezweb.ne.jp", "taro@docomo.ne.jp"], "--only: %r" % out)
    rc, out, _ = run("addresses", "--db", db, "--lang", "ja")
    check(rc == 0 and "要確認 (2)" in out and "別の手段で確認" in out, "--lang ja: %s" % out)
    rc, _, err = run("addresses", "--db", db, "--only", "maybe")
    check(rc == 2, "--only maybe: exit %d" % rc)
    rc, _, err = run("addresses", "--db", db, "--sender-domain", "shop.exmaple.jp")
    check(rc == 1 and "shop.example.jp" in err, "an unknown sender domain: exit %d: %s" % (rc, err))
    rc, out, _ = run("addresses", "--db", db, "--since", "2030-01-01")
    check(rc == 0 and "No address to stop mailing" in out, "none: %s" % out)


if __name__ == "__main__":
    run_in_tmp("bs-addresses-", work)
