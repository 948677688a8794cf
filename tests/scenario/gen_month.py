#!/usr/bin/env python3
"""A month of a hosting company's postmaster mailbox, made up here, and what a
correct tool must say about it (truth.json).

The company (example.jp) sends its 20 customers' mail from four servers;
every bounce, delay warning, auto-reply and the spam addressed to the
customers' envelope senders lands in one postmaster mailbox.  Over 31 nights
(2026-11-05 to 2026-12-05, Japanese days):

- some 2,000 user-unknown bounces to about 110 destination domains, a few
  addresses bouncing again and again, host-unknown domains, full mailboxes,
  messages too big, queue expiries;
- Japanese carriers' ambiguous "Unknown user" (docomo, au/ezweb) and
  SoftBank's "Invalid recipient";
- 203.0.113.12 refused by Outlook.com (S3150/S3140) from 08:07 JST on
  9 Nov (23:07 UTC on the 8th) for a week, clear for two weeks, refused
  again from 30 Nov; Microsoft 365 tenants refusing it (5.7.606) on
  10-14 Nov and 1-4 Dec; a day of `451 4.7.650 ... (S775)` delay warnings
  the day before each Outlook onset;
- 203.0.113.25 listed by Spamhaus ZEN on 18-19 Nov;
- one stray SpamCop refusal of 203.0.113.12 on 20 Nov, in the middle of
  the Outlook block's quiet two weeks;
- routine delay warnings (greylisting, timeouts) that are no incident;
- spam and auto-replies, which are no failure.

Bounces are written as the servers write them: Postfix DSNs (the hosting
company's two main servers), Sendmail 8.15 (an old server and some remote
relays), Exim 4.97 (a VPS and some remote cPanel hosts).  Only documentation
names and addresses (example.com/.jp/.net, 192.0.2.0/24, 198.51.100.0/24,
203.0.113.0/24), except the providers whose bounces name themselves
(gmail.com, outlook.com, hotmail.*, live.jp, yahoo.com, icloud.com and the
Japanese carriers) and their MX names.  Nothing is copied from any corpus.

Deterministic: the same seed and scale give the same bytes.  Night N is the
mail whose Date is on the Nth Japanese day; a scan after each night sees
that day's mail.

    python3 gen_month.py --out DIR [--format mbox|maildir] [--night N]
                         [--truth FILE] [--seed S] [--scale X] [--summary]

    from gen_month import Month
    m = Month(seed=14, scale=1.0)
    m.write_night(5, "/tmp/x/postmaster.mbox", "mbox")
    truth = m.truth()

The generator is in four modules: month_world.py (the company, the
destinations, the story's dates), month_plan.py (Month: the seeded plan),
month_render.py (the messages' bytes) and month_truth.py (truth.json); this
file is the command and the module API (Month, day, NIGHTS, ZONE, JST...).

SPDX-License-Identifier: BSD-2-Clause
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# the module API: Month and the month's calendar (nightly.py and the tests use them)
from month_plan import Month  # noqa: E402,F401
from month_render import seq_of_maildir_name  # noqa: E402,F401
from month_world import JST, NIGHTS, START, ZONE, day, night_of  # noqa: E402,F401


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", help="the mbox file or Maildir folder to write into")
    ap.add_argument("--format", choices=("mbox", "maildir"), default="mbox")
    ap.add_argument("--night", type=int, action="append",
                    help="write this night's mail (1-31; repeatable); default: every night")
    ap.add_argument("--truth", help="write the ground truth (JSON) to this file")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--scale", type=float, default=1.0,
                    help="share of the month's volume (0.25 for a quick run); the incidents stay")
    ap.add_argument("--summary", action="store_true", help="print one line per night")
    a = ap.parse_args(argv)
    month = Month(seed=a.seed, scale=a.scale)
    if a.out:
        for n in a.night or range(1, NIGHTS + 1):
            month.write_night(n, a.out, a.format)
    truth = None
    if a.truth or a.summary:
        truth = month.truth()
    if a.truth:
        with open(a.truth, "w", encoding="utf-8") as fh:
            json.dump(truth, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    if a.summary:
        for nt in truth["per_night"]:
            print("night %2d %s %s  %4d messages  %4d failures  %3d delays  %s"
                  % (nt["night"], nt["day"], nt["weekday"], nt["messages"], nt["failures"],
                     nt["delays"], ", ".join("%s %s" % (e["event"], e["incident"])
                                             for e in nt["events"])))
        t = truth["totals"]
        print("total: %d messages, %d failures, %d delays, %d destinations"
              % (t["messages"], t["failures"], t["delays"], t["destinations"]))
    if not (a.out or a.truth or a.summary):
        ap.error("nothing to do: give --out, --truth or --summary")
    return 0


if __name__ == "__main__":
    sys.exit(main())
