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

SPDX-License-Identifier: BSD-2-Clause
"""
import argparse
import base64
import datetime as dt
import email.header
import email.quoprimime
import email.utils
import json
import os
import random
import sys

START = dt.date(2026, 11, 5)
NIGHTS = 31
JST = dt.timezone(dt.timedelta(hours=9))
UTC = dt.timezone.utc
QUIET_DAYS = 7
ZONE = "Asia/Tokyo"

# ---------------------------------------------------------------- the company

# sending IP: (host name, MTA that writes its bounces)
SERVERS = {
    "203.0.113.12": ("smtp2.example.jp", "postfix"),
    "203.0.113.25": ("smtp3.example.jp", "postfix"),
    "198.51.100.40": ("legacy.example.net", "sendmail"),
    "198.51.100.41": ("vps41.example.net", "exim"),
}
OUTLOOK_IP = "203.0.113.12"
SPAMHAUS_IP = "203.0.113.25"

# (sender domain, sending IP, weight of its mail, display name, days it sends
#  (0 = Monday), local part of its From)
CUSTOMERS = [
    ("news.example.com", "203.0.113.12", 6.0, "Example News", None, "news"),
    ("shop.example.jp", "203.0.113.12", 4.0, "ショップ例", None, "info"),
    ("kobo.example.jp", "203.0.113.12", 1.5, "工房エグザンプル", None, "office"),
    ("salon.example.jp", "203.0.113.12", 1.5, "Salon Example", None, "info"),
    ("tabi.example.net", "203.0.113.12", 2.0, "たびエグザンプル", None, "tour"),
    ("clinic.example.jp", "203.0.113.25", 1.5, "エグザンプル歯科", None, "uketsuke"),
    ("school.example.jp", "203.0.113.25", 3.0, "Example Juku", None, "info"),
    ("hotel.example.com", "203.0.113.25", 2.5, "Hotel Example", None, "reservations"),
    ("cafe.example.jp", "203.0.113.25", 1.0, "Cafe Example", None, "hello"),
    ("realty.example.jp", "203.0.113.25", 1.5, "エグザンプル不動産", None, "info"),
    ("law.example.jp", "203.0.113.25", 0.5, "Example Law Office", (0,), "office"),
    ("farm.example.jp", "198.51.100.40", 1.5, "エグザンプル農園", None, "shop"),
    ("print.example.jp", "198.51.100.40", 1.0, "Example Print", None, "order"),
    ("temple.example.jp", "198.51.100.40", 0.5, "Example Temple", (5, 6), "info"),
    ("design.example.com", "198.51.100.41", 1.5, "Example Design", None, "studio"),
    ("sake.example.jp", "198.51.100.41", 2.0, "エグザンプル酒造", None, "shop"),
    ("bike.example.net", "198.51.100.41", 1.0, "Bike Example", None, "info"),
    ("yoga.example.jp", "198.51.100.41", 1.0, "Yoga Example", None, "studio"),
    ("books.example.jp", "198.51.100.41", 2.0, "エグザンプル書店", None, "info"),
    ("auto.example.jp", "198.51.100.41", 1.0, "Example Motors", None, "service"),
]

SUBJECTS_JA = [
    "会員登録が完了しました", "ご注文ありがとうございます", "今週のおすすめ商品",
    "【重要】営業時間変更のお知らせ", "ご予約の確認", "年末年始休業のご案内",
    "お見積りの件について", "メールマガジン 11月号", "発送完了のお知らせ",
    "セミナー開催のご案内", "ポイント失効のお知らせ", "請求書送付のご案内",
]
SUBJECTS_EN = [
    "Your order has shipped", "Weekend deals", "Booking confirmed", "November newsletter",
    "Invoice for November", "Password reset", "Event reminder", "New arrivals this week",
]

# ---------------------------------------------------------------- destinations

# provider domains: (kind, MX host, weight among user-unknown bounces)
PROVIDERS = [
    ("gmail.com", "gmail", "gmail-smtp-in.l.google.com", 30),
    ("yahoo.com", "yahoo", "mta5.am0.yahoodns.net", 3),
    ("icloud.com", "icloud", "mx01.mail.icloud.com", 4),
    ("outlook.com", "olc", "outlook-com.olc.protection.outlook.com", 6),
    ("hotmail.com", "olc", "hotmail-com.olc.protection.outlook.com", 5),
    ("outlook.jp", "olc", "outlook-jp.olc.protection.outlook.com", 6),
    ("hotmail.co.jp", "olc", "hotmail-co-jp.olc.protection.outlook.com", 4),
    ("live.jp", "olc", "live-jp.olc.protection.outlook.com", 2),
]
CARRIERS = [
    ("docomo.ne.jp", "docomo", "mfsmax.docomo.ne.jp", 5),
    ("ezweb.ne.jp", "ezweb", "lsean.ezweb.ne.jp", 3),
    ("au.com", "ezweb", "lsean.ezweb.ne.jp", 1),
    ("i.softbank.jp", "softbank", "mx.i.softbank.jp", 2),
    ("softbank.ne.jp", "softbank", "mx.softbank.ne.jp", 1),
]
OLC_DOMAINS = [p[0] for p in PROVIDERS if p[1] == "olc"]

PLACES = ["kita", "minami", "higashi", "nishi", "aoba", "sakura", "midori", "hikari", "asahi",
          "fuji", "yamato", "hoshi", "umi", "sora", "kaze", "mori", "kawa", "tsuki", "hana",
          "yuki", "ginga", "tokiwa", "matsu", "take"]
TRADES = ["shoji", "kensetsu", "dental", "clinic", "design", "foods", "trading", "koumuten",
          "fudosan", "insatsu", "denki", "sangyo", "butsuryu", "labo", "office", "hoken"]
TLDS = ["example.jp", "example.jp", "example.com", "example.net"]
# what answers mail at a company domain: postfix, exim (cPanel), sendmail,
# m365 (Exchange Online), gws (Google Workspace), qmail
COMPANY_KINDS = [("postfix", 42), ("exim", 14), ("sendmail", 10), ("m365", 18), ("gws", 10),
                 ("qmail", 6)]
N_COMPANIES = 95
N_GONE = 6            # company domains that no longer exist (host unknown)

FAMILY = ["sato", "suzuki", "takahashi", "tanaka", "watanabe", "ito", "yamamoto", "nakamura",
          "kobayashi", "kato", "yoshida", "yamada", "sasaki", "yamaguchi", "matsumoto", "inoue",
          "kimura", "hayashi", "shimizu", "yamazaki", "mori", "abe", "ikeda", "hashimoto",
          "ishikawa", "ogawa", "okada", "goto", "hasegawa", "murakami", "kondo", "ishii", "saito",
          "sakamoto", "endo", "aoki", "fujii", "nishimura", "fukuda", "ota", "miura", "fujiwara"]
GIVEN = ["taro", "hanako", "yuki", "ken", "aya", "sho", "mai", "daisuke", "emi", "haruto", "yui",
         "ren", "sora", "miki", "kenta", "naoko", "hiro", "rina", "takumi", "saki", "jun", "kaori"]
ROLES = ["info", "sales", "contact", "soumu", "keiri", "support", "eigyo", "jimu", "uketsuke"]

# ---------------------------------------------------------------- the month's story

def day(n):
    """The Japanese day of night n (1-based)."""
    return START + dt.timedelta(days=n - 1)


def night_of(d):
    return (d - START).days + 1


D = dt.date
OLC_WARN_DAYS = [D(2026, 11, 8), D(2026, 11, 29)]
OLC_BLOCK_DAYS = [D(2026, 11, 9) + dt.timedelta(days=i) for i in range(7)] + \
                 [D(2026, 11, 30) + dt.timedelta(days=i) for i in range(6)]
# the first refusal: 08:07 in Japan on 9 Nov is 23:07 UTC on 8 Nov
OLC_ONSET = dt.datetime(2026, 11, 9, 8, 7, 14, tzinfo=JST)
OLC_RETURN = dt.datetime(2026, 11, 30, 10, 15, 41, tzinfo=JST)
EOP_BLOCK_DAYS = [D(2026, 11, 10) + dt.timedelta(days=i) for i in range(5)] + \
                 [D(2026, 12, 1) + dt.timedelta(days=i) for i in range(4)]
SPAMHAUS_DAYS = [D(2026, 11, 18), D(2026, 11, 19)]
SPAMCOP_DAY = D(2026, 11, 20)

# messages per category over the month at scale 1 (one bounce may carry
# several recipients)
TARGETS = {
    "user_unknown": 1880, "carrier_unknown": 110, "softbank_invalid": 20, "host_unknown": 45,
    "mailbox_full": 150, "too_big": 25, "expired": 20, "outlook_block": 640, "m365_block": 55,
    "spamhaus": 90, "reputation_delay": 31, "routine_delay": 30, "spam": 260, "autoreply": 170,
}

# the system (failures.blocklist) and label of each incident category
SYSTEMS = {
    "outlook_block": ("microsoft-olc", "Outlook.com / Hotmail"),
    "reputation_delay": ("microsoft-olc", "Outlook.com / Hotmail"),
    "m365_block": ("microsoft-eop", "Microsoft 365 (Exchange Online)"),
    "spamhaus": ("spamhaus-zen", "Spamhaus ZEN"),
    "spamcop": ("spamcop", "SpamCop"),
}
# what a correct tool says of each category (Sisimai's reasons)
REASONS = {
    "user_unknown": "userunknown", "carrier_unknown": "userunknown",
    "softbank_invalid": "userunknown", "host_unknown": "hostunknown",
    "mailbox_full": "mailboxfull", "too_big": "mesgtoobig", "expired": "expired",
    "outlook_block": "blocked", "m365_block": "blocked", "spamhaus": "blocked",
    "spamcop": "blocked", "reputation_delay": "badreputation",
}
ADDRESS_CATEGORIES = ("user_unknown", "carrier_unknown", "softbank_invalid", "host_unknown",
                      "mailbox_full", "too_big", "expired")


class Rcpt:
    """One recipient of a bounce: its address and what the remote said."""
    __slots__ = ("addr", "dest", "mx", "mx_ip", "reply", "status", "command", "action", "shape",
                 "certainty")

    def __init__(self, addr, mx, mx_ip, reply, status, command="RCPT TO", action="failed",
                 shape="", certainty=None):
        self.addr = addr
        self.dest = addr.split("@", 1)[1]
        self.mx = mx
        self.mx_ip = mx_ip
        self.reply = reply
        self.status = status
        self.command = command
        self.action = action
        self.shape = shape
        self.certainty = certainty


class Msg:
    """One message of the mailbox, planned."""

    def __init__(self, category, when, customer=None):
        self.category = category
        self.when = when              # arrival of the original (the refusal), JST
        self.date = when              # the message's own Date
        self.customer = customer      # the CUSTOMERS row
        self.rcpts = []
        self.writer = None            # postfix, sendmail, exim (who wrote the bounce)
        self.writer_host = None
        self.writer_ip = None
        self.subject = None
        self.seq = 0
        self.night = 0
        self.extra = {}

    @property
    def kind(self):
        if self.category in ("spam", "autoreply"):
            return self.category
        if self.category in ("reputation_delay", "routine_delay"):
            return "delay"
        return "bounce"

    @property
    def ip(self):
        return self.customer[1] if self.customer else None

    @property
    def sender_domain(self):
        return self.customer[0] if self.customer else None


class Month:
    """The plan of the month: every message, in delivery order, and the truth."""

    def __init__(self, seed=14, scale=1.0):
        self.seed = seed
        self.scale = scale
        self.rng = random.Random(seed)
        self._destinations()
        self._plan()

    # ------------------------------------------------------------ destinations
    def _destinations(self):
        rng = self.rng
        names = [(p, t, tld) for p in PLACES for t in TRADES for tld in TLDS]
        rng.shuffle(names)
        seen, companies = set(), []
        for p, t, tld in names:
            if (p, t) in seen:
                continue
            seen.add((p, t))
            companies.append("%s-%s.%s" % (p, t, tld))
            if len(companies) == N_COMPANIES + N_GONE:
                break
        self.gone = companies[N_COMPANIES:]
        self.companies = {}
        kinds = [k for k, _ in COMPANY_KINDS]
        weights = [w for _, w in COMPANY_KINDS]
        for i, dom in enumerate(companies[:N_COMPANIES]):
            kind = rng.choices(kinds, weights)[0]
            ip = "192.0.2.%d" % (10 + i)
            if kind == "m365":
                mx = dom.replace(".", "-") + ".mail.protection.outlook.com"
            elif kind == "gws":
                mx = "aspmx.l.google.com"
            else:
                mx = ("mx." if i % 3 else "mail.") + dom
            # a Zipf-like weight: a few companies get most of the mail
            self.companies[dom] = (kind, mx, ip, 1.0 / (1 + i % 40) ** 0.7)
        self.m365 = [d for d, v in self.companies.items() if v[0] == "m365"]
        self.zen_users = [d for d, v in self.companies.items() if v[0] in ("postfix", "exim")]

    def _mx_ip(self, mx):
        return "192.0.2.%d" % (150 + sum(mx.encode()) % 100)

    # ------------------------------------------------------------ planning helpers
    def _count(self, category):
        return max(1, round(TARGETS[category] * self.scale))

    def _weekday_weight(self, d):
        return {5: 0.55, 6: 0.45}.get(d.weekday(), 1.0)

    def _pick_day(self, days=None):
        days = days or [day(n) for n in range(1, NIGHTS + 1)]
        return self.rng.choices(days, [self._weekday_weight(d) for d in days])[0]

    def _pick_customer(self, d, ips=None):
        rows = [c for c in CUSTOMERS if (ips is None or c[1] in ips)
                and (c[4] is None or d.weekday() in c[4])]
        return self.rng.choices(rows, [c[2] for c in rows])[0]

    def _time(self, d, earliest=(7, 0), latest=(23, 40)):
        """A time of the Japanese day d when mail goes out: campaigns at 10,
        12 and 19 o'clock, the rest spread over the working day."""
        rng = self.rng
        lo = earliest[0] * 3600 + earliest[1] * 60
        hi = latest[0] * 3600 + latest[1] * 60
        while True:
            r = rng.random()
            if r < 0.45:
                s = rng.choice((10, 12, 19)) * 3600 + int(abs(rng.gauss(0, 1500)))
            else:
                s = rng.randint(6 * 3600 + 30 * 60, 23 * 3600 + 40 * 60)
            if lo <= s <= hi:
                break
        return dt.datetime(d.year, d.month, d.day, tzinfo=JST) + dt.timedelta(seconds=s)

    def _local(self, dest_kind=None):
        rng = self.rng
        f, g = rng.choice(FAMILY), rng.choice(GIVEN)
        n = rng.randint(1, 999)
        pat = rng.randint(0, 6)
        if dest_kind == "company" and rng.random() < 0.3:
            return rng.choice(ROLES) + ("" if rng.random() < 0.5 else str(rng.randint(1, 9)))
        return ("%s.%s" % (g, f), "%s%d" % (f, n), "%s_%s%02d" % (g, f, n % 100),
                "%s-%s" % (f, g), "%s%s%d" % (g, f[0], n), "%s.%s.%d" % (f, g, n),
                "%s%s" % (g[0], f))[pat]

    def _fresh(self, dest, dest_kind=None):
        while True:
            a = "%s@%s" % (self._local(dest_kind), dest)
            if a not in self.used:
                self.used.add(a)
                return a

    # ------------------------------------------------------------ the plan
    def _plan(self):
        rng = self.rng
        self.used = set()
        msgs = []
        company_doms = list(self.companies)
        company_w = [self.companies[d][3] for d in company_doms]
        prov_w = [p[3] for p in PROVIDERS]
        dead_by_customer = {}

        def add(m):
            msgs.append(m)
            return m

        def writer_for(m, remote=None):
            host, mta = SERVERS[m.ip]
            if remote:
                m.writer, m.writer_host, m.writer_ip = remote
            else:
                m.writer, m.writer_host, m.writer_ip = mta, host, m.ip

        # ---- user unknown: to providers and companies; a quarter of them an
        # address this customer already bounced on (a list nobody cleans)
        for _ in range(self._count("user_unknown")):
            d = self._pick_day()
            c = self._pick_customer(d)
            m = add(Msg("user_unknown", self._time(d), c))
            n = 1 if rng.random() < 0.94 else rng.randint(2, 3)
            if rng.random() < 0.55:
                p = rng.choices(PROVIDERS, prov_w)[0]
                dest, kind, mx = p[0], p[1], p[2]
            else:
                dest = rng.choices(company_doms, company_w)[0]
                kind, mx = self.companies[dest][0], self.companies[dest][1]
            dead = dead_by_customer.setdefault(c[0], [])
            for _ in range(n):
                mine = [a for a in dead if a.endswith("@" + dest)]
                if mine and rng.random() < 0.5:
                    addr = rng.choice(mine)
                else:
                    addr = self._fresh(dest, "company" if dest in self.companies else None)
                    dead.append(addr)
                if any(r.addr == addr for r in m.rcpts):
                    continue
                m.rcpts.append(self._user_unknown(addr, kind, mx))
            writer_for(m)
            # some companies' relays accept first and bounce later themselves
            if kind in ("sendmail", "exim") and m.writer == "postfix" and rng.random() < 0.5:
                relay = "relay." + dest
                writer_for(m, (kind, relay, self._mx_ip(relay)))
                m.date = m.when + dt.timedelta(seconds=rng.randint(20, 300))

        # ---- Japanese carriers: ambiguous "Unknown user" (each address once)
        carrier_w = [c[3] for c in CARRIERS if c[1] != "softbank"]
        ambiguous = [c for c in CARRIERS if c[1] != "softbank"]
        for _ in range(self._count("carrier_unknown")):
            d = self._pick_day()
            c = self._pick_customer(d)
            m = add(Msg("carrier_unknown", self._time(d), c))
            dest, kind, mx, _w = rng.choices(ambiguous, carrier_w)[0]
            addr = self._fresh(dest)
            if kind == "docomo":
                r = Rcpt(addr, mx, self._mx_ip(mx), "550 Unknown user %s" % addr, "5.0.0",
                         shape="uu-docomo", certainty="uncertain")
            else:
                r = Rcpt(addr, mx, self._mx_ip(mx), "550 <%s>: User unknown" % addr, "5.0.0",
                         shape="uu-ezweb", certainty="uncertain")
            m.rcpts.append(r)
            writer_for(m)
        softbank = [c for c in CARRIERS if c[1] == "softbank"]
        for _ in range(self._count("softbank_invalid")):
            d = self._pick_day()
            c = self._pick_customer(d)
            m = add(Msg("softbank_invalid", self._time(d), c))
            dest, kind, mx, _w = rng.choice(softbank)
            addr = self._fresh(dest)
            m.rcpts.append(Rcpt(addr, mx, self._mx_ip(mx), "550 Invalid recipient: <%s>" % addr,
                                "5.0.0", shape="uu-softbank", certainty="dead"))
            writer_for(m)

        # ---- host unknown: companies that closed
        for _ in range(self._count("host_unknown")):
            d = self._pick_day()
            c = self._pick_customer(d)
            m = add(Msg("host_unknown", self._time(d), c))
            dest = rng.choice(self.gone)
            addr = self._fresh(dest, "company")
            m.rcpts.append(Rcpt(addr, None, None, None, "5.4.4", shape="hu-" + SERVERS[c[1]][1],
                                certainty="dead"))
            writer_for(m)

        # ---- mailbox full
        for _ in range(self._count("mailbox_full")):
            d = self._pick_day()
            c = self._pick_customer(d)
            m = add(Msg("mailbox_full", self._time(d), c))
            if rng.random() < 0.6:
                p = rng.choice([p for p in PROVIDERS if p[1] in ("gmail", "icloud")])
                dest, kind, mx = p[0], p[1], p[2]
            else:
                dest = rng.choices(company_doms, company_w)[0]
                kind, mx = self.companies[dest][0], self.companies[dest][1]
                if kind in ("m365", "qmail"):
                    kind = "postfix"
            addr = self._fresh(dest)
            m.rcpts.append(self._mailbox_full(addr, kind, mx))
            writer_for(m)

        # ---- too big, expired (the queue gave up after 5 days)
        for _ in range(self._count("too_big")):
            d = self._pick_day()
            c = self._pick_customer(d)
            m = add(Msg("too_big", self._time(d), c))
            dest = rng.choices(company_doms, company_w)[0]
            mx = self.companies[dest][1]
            addr = self._fresh(dest, "company")
            m.rcpts.append(Rcpt(addr, mx, self.companies[dest][2],
                                "552 5.3.4 Message size exceeds fixed limit", "5.3.4",
                                command="end of DATA", shape="big"))
            m.extra["big"] = True
            writer_for(m)
        for _ in range(self._count("expired")):
            d = self._pick_day()
            c = self._pick_customer(d, ips=("203.0.113.12", "203.0.113.25"))
            date = self._time(d, earliest=(8, 0))
            m = add(Msg("expired", date - dt.timedelta(days=5, seconds=rng.randint(0, 3000)), c))
            m.date = date
            dest = rng.choice(company_doms[60:])
            mx = self.companies[dest][1]
            addr = self._fresh(dest, "company")
            m.rcpts.append(Rcpt(addr, mx, self.companies[dest][2], None, "4.4.1",
                                shape="expired"))
            writer_for(m)

        # ---- Outlook.com refuses 203.0.113.12 (every customer on it is hit)
        olc_customers = [c for c in CUSTOMERS if c[1] == OUTLOOK_IP]
        olc_n = self._count("outlook_block")
        olc_days = OLC_BLOCK_DAYS
        for i in range(olc_n):
            d = self._pick_day(olc_days)
            c = olc_customers[i % len(olc_customers)] if i < 4 * len(olc_customers) else \
                rng.choices(olc_customers, [x[2] for x in olc_customers])[0]
            if i < 4 * len(olc_customers):      # each customer in both episodes
                d = olc_days[(i * 3) % 7] if i % 2 == 0 else olc_days[7 + (i * 5) % 6]
            earliest = (8, 8) if d == OLC_ONSET.date() else \
                (10, 16) if d == OLC_RETURN.date() else (7, 0)
            m = add(Msg("outlook_block", self._time(d, earliest=earliest), c))
            n = 1 if rng.random() < 0.85 else rng.randint(2, 4)
            dest = rng.choices(OLC_DOMAINS, [6, 5, 6, 4, 2])[0]
            code = "S3150" if rng.random() < 0.7 else "S3140"
            first = self._olc_block(self._fresh(dest), dest, code)
            m.rcpts.append(first)
            for _ in range(n - 1):        # one refusal at MAIL FROM for them all
                addr = self._fresh(dest)
                m.rcpts.append(Rcpt(addr, first.mx, first.mx_ip, first.reply, first.status,
                                    command=first.command, shape=first.shape))
            writer_for(m)
        # the two onsets, at fixed times
        for when, c, dest in ((OLC_ONSET, olc_customers[1], "outlook.jp"),
                              (OLC_RETURN, olc_customers[0], "hotmail.co.jp")):
            m = add(Msg("outlook_block", when, c))
            m.rcpts.append(self._olc_block(self._fresh(dest), dest, "S3150"))
            writer_for(m)

        # ---- the day before each onset: Outlook.com rate-limits the IP
        warn_n = self._count("reputation_delay")
        for i in range(warn_n):
            d = OLC_WARN_DAYS[0] if i < (warn_n + 1) // 2 else OLC_WARN_DAYS[1]
            c = rng.choices(olc_customers, [x[2] for x in olc_customers])[0]
            when = self._time(d, earliest=(7, 30), latest=(19, 30))
            m = add(Msg("reputation_delay", when, c))
            m.date = when + dt.timedelta(hours=4, seconds=rng.randint(1, 40))
            dest = rng.choices(OLC_DOMAINS, [6, 5, 6, 4, 2])[0]
            mx = dict((p[0], p[2]) for p in PROVIDERS)[dest]
            addr = self._fresh(dest)
            m.rcpts.append(Rcpt(addr, mx, self._mx_ip(mx), self._s775(when), "4.7.650",
                                command="MAIL FROM", action="delayed", shape="delay-s775"))
            writer_for(m)

        # ---- Microsoft 365 tenants refuse 203.0.113.12 (5.7.606)
        m365_customers = olc_customers[:3]
        for i in range(self._count("m365_block")):
            d = self._pick_day(EOP_BLOCK_DAYS)
            c = rng.choice(m365_customers)
            m = add(Msg("m365_block", self._time(d), c))
            dest = rng.choice(self.m365)
            mx = self.companies[dest][1]
            addr = self._fresh(dest, "company")
            m.rcpts.append(Rcpt(addr, mx, self.companies[dest][2], self._m365_606(m.when),
                                "5.7.606", shape="block-m365-606"))
            writer_for(m)

        # ---- Spamhaus lists 203.0.113.25 for two days (law.example.jp sends
        # on Mondays only: not hit)
        for i in range(self._count("spamhaus")):
            d = SPAMHAUS_DAYS[i % 2]
            c = self._pick_customer(d, ips=(SPAMHAUS_IP,))
            m = add(Msg("spamhaus", self._time(d), c))
            if rng.random() < 0.2:
                dest = rng.choice(self.m365)
                r = Rcpt(self._fresh(dest, "company"), self.companies[dest][1],
                         self.companies[dest][2], self._eop_spamhaus(SPAMHAUS_IP, m.when),
                         "5.7.1", shape="block-spamhaus-eop")
            else:
                dest = rng.choice(self.zen_users)
                r = Rcpt(self._fresh(dest, "company"), self.companies[dest][1],
                         self.companies[dest][2],
                         "554 5.7.1 Service unavailable; Client host [%s] blocked using "
                         "zen.spamhaus.org; https://www.spamhaus.org/query/ip/%s"
                         % (SPAMHAUS_IP, SPAMHAUS_IP), "5.7.1", shape="block-spamhaus")
            m.rcpts.append(r)
            writer_for(m)

        # ---- one stray SpamCop refusal of the Outlook IP, in its quiet weeks
        c = olc_customers[3]
        m = add(Msg("spamcop", self._time(SPAMCOP_DAY, earliest=(13, 0), latest=(15, 0)), c))
        dest = self.zen_users[7]
        m.rcpts.append(Rcpt(self._fresh(dest, "company"), self.companies[dest][1],
                            self.companies[dest][2],
                            "554 5.7.1 Service unavailable; Client host [%s] blocked using "
                            "bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?%s"
                            % (OUTLOOK_IP, OUTLOOK_IP), "5.7.1", shape="block-spamcop"))
        writer_for(m)

        # ---- routine delay warnings: greylisting, a slow MX (no incident)
        for i in range(self._count("routine_delay")):
            d = self._pick_day()
            c = self._pick_customer(d, ips=("203.0.113.12", "203.0.113.25"))
            when = self._time(d, earliest=(7, 0), latest=(19, 30))
            m = add(Msg("routine_delay", when, c))
            m.date = when + dt.timedelta(hours=4, seconds=rng.randint(1, 40))
            dest = rng.choice([x for x in company_doms if self.companies[x][0] == "postfix"])
            mx, ip = self.companies[dest][1], self.companies[dest][2]
            addr = self._fresh(dest, "company")
            if i % 2 == 0:
                r = Rcpt(addr, mx, ip, "450 4.2.0 <%s>: Recipient address rejected: Greylisted, "
                         "see http://postgrey.schweikert.ch/help/%s.html" % (addr, dest), "4.2.0",
                         action="delayed", shape="delay-greylist")
            else:
                r = Rcpt(addr, mx, ip, None, "4.4.1", action="delayed", shape="delay-timeout")
            m.rcpts.append(r)
            writer_for(m)

        # ---- spam and auto-replies
        for i in range(self._count("spam")):
            d = self._pick_day()
            m = add(Msg("spam", self._time(d, earliest=(0, 5), latest=(23, 50))))
            m.extra["variant"] = i % 7
            m.extra["to"] = "postmaster@example.jp" if i % 3 == 0 else \
                "bounce@" + rng.choice(CUSTOMERS)[0]
        for i in range(self._count("autoreply")):
            d = self._pick_day()
            c = self._pick_customer(d)
            m = add(Msg("autoreply", self._time(d), c))
            m.date = m.when + dt.timedelta(seconds=rng.randint(3, 900))
            m.extra["variant"] = i % 5
            if rng.random() < 0.5:
                p = rng.choices(PROVIDERS, prov_w)[0]
                dest = p[0]
            else:
                dest = rng.choices(company_doms, company_w)[0]
            m.extra["from"] = self._fresh(dest, "company")

        # ---- dates, subjects, order
        for m in msgs:
            if m.date is m.when and m.kind == "bounce":
                m.date = m.when + dt.timedelta(seconds=rng.randint(1, 9))
            if m.customer:
                ja = m.customer[3] != m.customer[3].encode("ascii", "replace").decode()
                pool = SUBJECTS_JA if ja or rng.random() < 0.5 else SUBJECTS_EN
                m.subject = rng.choice(pool)
                m.extra["subject_enc"] = rng.choice(("iso-2022-jp", "iso-2022-jp", "utf-8-b",
                                                     "utf-8-q"))
            m.extra["qid"] = "".join(rng.choice("0123456789ABCDEF") for _ in range(10))
            m.extra["qid2"] = "".join(rng.choice("0123456789ABCDEF") for _ in range(11))
            m.extra["pid"] = rng.randint(1000, 60000)
        # a bounce dated just after midnight belongs to the next night; keep
        # every message inside the month
        msgs = [m for m in msgs if START <= m.date.astimezone(JST).date() <= day(NIGHTS)]
        msgs.sort(key=lambda m: (m.date, m.category))
        for i, m in enumerate(msgs):
            m.seq = i + 1
            m.night = night_of(m.date.astimezone(JST).date())
        self.messages = msgs
        self.by_night = {n: [m for m in msgs if m.night == n] for n in range(1, NIGHTS + 1)}

    # ------------------------------------------------------------ reply texts
    def _user_unknown(self, addr, kind, mx):
        rng = self.rng
        ip = self._mx_ip(mx)
        dom = addr.split("@")[1]
        if kind in ("gmail", "gws"):
            tag = "%x-%x.%d" % (rng.getrandbits(48), rng.getrandbits(40), rng.randint(1, 99))
            return Rcpt(addr, mx, ip,
                        "550-5.1.1 The email account that you tried to reach does not exist. "
                        "Please try 550-5.1.1 double-checking the recipient's email address for "
                        "typos or 550-5.1.1 unnecessary spaces. For more information, go to "
                        "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser %s - gsmtp"
                        % tag, "5.1.1", shape="uu-gmail", certainty="dead")
        if kind == "yahoo":
            return Rcpt(addr, mx, ip,
                        "554 delivery error: dd This user doesn't have a yahoo.com account "
                        "(%s) [0] - mta%d.mail.bf1.yahoo.com" % (addr, rng.randint(1000, 9999)),
                        "5.0.0", shape="uu-yahoo", certainty="dead")
        if kind == "icloud":
            return Rcpt(addr, mx, ip, "550 5.1.1 <%s>: user does not exist" % addr, "5.1.1",
                        shape="uu-icloud", certainty="dead")
        if kind == "olc":
            return Rcpt(addr, mx, ip,
                        "550 5.5.0 Requested action not taken: mailbox unavailable "
                        "(S2017062302). [%s]" % self._ms_host(), "5.5.0",
                        shape="uu-outlook", certainty="dead")
        if kind == "m365":
            return Rcpt(addr, mx, self.companies[dom][2],
                        "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP "
                        "address lookup", "5.1.10", shape="uu-m365", certainty="dead")
        ip = self.companies.get(dom, (0, 0, ip))[2]
        if kind == "exim":
            return Rcpt(addr, mx, ip, "550 No Such User Here", "5.0.0", shape="uu-cpanel",
                        certainty="dead")
        if kind == "sendmail":
            return Rcpt(addr, mx, ip, "550 5.1.1 <%s>... User unknown" % addr, "5.1.1",
                        shape="uu-sendmail", certainty="dead")
        if kind == "qmail":
            return Rcpt(addr, mx, ip, "511 sorry, no mailbox here by that name (#5.1.1)",
                        "5.1.1", shape="uu-qmail", certainty="dead")
        return Rcpt(addr, mx, ip,
                    "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual "
                    "mailbox table" % addr, "5.1.1", shape="uu-postfix", certainty="dead")

    def _mailbox_full(self, addr, kind, mx):
        rng = self.rng
        ip = self._mx_ip(mx)
        if kind == "gmail" or kind == "gws":
            tag = "%x-%x.%d" % (rng.getrandbits(48), rng.getrandbits(40), rng.randint(1, 99))
            return Rcpt(addr, mx, ip,
                        "552-5.2.2 The recipient's inbox is out of storage space. Please direct "
                        "the 552-5.2.2 recipient to 552 5.2.2  "
                        "https://support.google.com/mail/?p=OverQuotaPerm %s - gsmtp" % tag,
                        "5.2.2", shape="full-gmail")
        if kind == "icloud":
            return Rcpt(addr, mx, ip, "552 5.2.2 <%s>: user is over quota" % addr, "5.2.2",
                        shape="full-icloud")
        if kind == "exim":
            return Rcpt(addr, mx, ip, "552 5.2.2 %s: mailbox is full (MTA-imposed quota exceeded)"
                        % addr, "5.2.2", shape="full-exim")
        if kind == "sendmail":
            return Rcpt(addr, mx, ip, "552 5.2.2 <%s>... Mailbox full" % addr, "5.2.2",
                        shape="full-sendmail")
        return Rcpt(addr, mx, ip, "552 5.2.2 <%s> Quota exceeded (mailbox for user is full)"
                    % addr, "5.2.2", command="end of DATA", shape="full-dovecot")

    def _ms_host(self):
        rng = self.rng
        pre = rng.choice(("TY", "OS", "TYZ", "SG2", "KL1"))
        return "%s%dPEPF%08X.apcprd%02d.prod.protection.outlook.com" % (
            pre, rng.randint(1, 9), rng.getrandbits(32), rng.randint(1, 6))

    def _olc_block(self, addr, dest, code):
        mx = dict((p[0], p[2]) for p in PROVIDERS)[dest]
        reply = ("550 5.7.1 Unfortunately, messages from [%s] weren't sent. Please contact your "
                 "Internet service provider since part of their network is on our block list "
                 "(%s). You can also refer your provider to "
                 "http://mail.live.com/mail/troubleshooting.aspx#errors. [%s]"
                 % (OUTLOOK_IP, code, self._ms_host()))
        return Rcpt(addr, mx, self._mx_ip(mx), reply, "5.7.1", command="MAIL FROM",
                    shape="block-olc-" + code.lower())

    def _s775(self, when):
        rng = self.rng
        stamp = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % rng.randint(0, 999)
        return ("451 4.7.650 The mail server [%s] has been temporarily rate limited due to IP "
                "reputation. For e-mail delivery information, see https://postmaster.live.com "
                "(S775) [Name=Protocol Filter Agent][AGT=PFA][MxId=%016X] [%s %s %016X]"
                % (OUTLOOK_IP, rng.getrandbits(64), self._ms_host().replace(".protection", ""),
                   stamp, rng.getrandbits(64)))

    def _m365_606(self, when):
        rng = self.rng
        stamp = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % rng.randint(0, 999)
        return ("550 5.7.606 Access denied, banned sending IP [%s]. To request removal from this "
                "list please visit https://sender.office.com/ and follow the directions. For more "
                "information please go to  http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) "
                "[OS%dP286MB%04d.JPNP286.PROD.OUTLOOK.COM %s %016X]"
                % (OUTLOOK_IP, rng.randint(0, 9), rng.randint(1000, 9999), stamp,
                   rng.getrandbits(64)))

    def _eop_spamhaus(self, ip, when):
        rng = self.rng
        return ("550 5.7.1 Service unavailable, Client host [%s] blocked using Spamhaus. To request "
                "removal from this list see https://www.spamhaus.org/query/ip/%s AS(1450) "
                "[TYAPR01MB%04d.jpnprd01.prod.outlook.com %s]"
                % (ip, ip, rng.randint(1000, 9999),
                   when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"))

    # ------------------------------------------------------------ rendering
    def render(self, m):
        """The message's bytes (LF line ends)."""
        if m.kind == "spam":
            return render_spam(m)
        if m.kind == "autoreply":
            return render_autoreply(m)
        if m.writer == "exim":
            return render_exim(m)
        if m.writer == "sendmail":
            return render_sendmail(m)
        return render_postfix(m)

    def write_night(self, n, dest, fmt="mbox"):
        """Append night n's mail to the mbox `dest`, or deliver it into the
        Maildir `dest` (new/).  Returns the number of messages written."""
        msgs = self.by_night.get(n, [])
        if fmt == "mbox":
            parent = os.path.dirname(os.path.abspath(dest))
            os.makedirs(parent, exist_ok=True)
            with open(dest, "ab") as fh:
                for m in msgs:
                    fh.write(mbox_entry(m, self.render(m)))
        elif fmt == "maildir":
            for sub in ("cur", "new", "tmp"):
                os.makedirs(os.path.join(dest, sub), exist_ok=True)
            for m in msgs:
                name = maildir_name(m)
                tmp = os.path.join(dest, "tmp", name)
                with open(tmp, "wb") as fh:
                    fh.write(self.render(m))
                os.rename(tmp, os.path.join(dest, "new", name))
        else:
            raise ValueError("format must be mbox or maildir")
        return len(msgs)

    # ------------------------------------------------------------ the truth
    def truth(self):
        return make_truth(self)


# ==================================================================== rendering

def rfc2822(t, style="postfix"):
    """A Date as each MTA writes it: Postfix pads the day with a space and
    names the zone ("Thu,  5 Nov 2026 09:03:28 +0900 (JST)"), Exim with a
    zero ("Thu, 05 Nov 2026 ..."), Sendmail and mail clients not at all."""
    t = t.astimezone(JST)
    day_ = {"postfix": "%2d", "exim": "%02d"}.get(style, "%d") % t.day
    s = "%s, %s %s" % (t.strftime("%a"), day_, t.strftime("%b %Y %H:%M:%S +0900"))
    return s + " (JST)" if style == "postfix" else s


def encode_words(text, how):
    """An encoded-word form of text, as Japanese mail clients write them."""
    if all(ord(ch) < 128 for ch in text):
        return text
    if how == "iso-2022-jp":
        return email.header.Header(text, "iso-2022-jp").encode()
    if how == "utf-8-q":
        return email.quoprimime.header_encode(text.encode("utf-8"), charset="UTF-8")
    return email.header.Header(text, "utf-8").encode()


def wrap(text, first_width=76, width=76, indent="    "):
    """Break text at spaces as Postfix breaks its notices and headers."""
    words = text.split(" ")
    lines, cur, lim = [], "", first_width
    for w in words:
        if cur and len(cur) + 1 + len(w) > lim:
            lines.append(cur)
            cur, lim = indent + w, width
        else:
            cur = cur + " " + w if cur else (w if not lines else indent + w)
    lines.append(cur)
    return "\n".join(lines)


def original(m, rcpts, headers_only, mta):
    """The returned message (or its headers), as the customer's mail client
    or list software wrote it."""
    c = m.customer
    dom, local, name = c[0], c[5], c[3]
    sent = m.when - dt.timedelta(seconds=1)
    env = "bounce@" + dom
    host = SERVERS[c[1]][0]
    to = ", ".join(r.addr for r in rcpts)
    msgid = "%s.%s@%s" % (sent.strftime("%Y%m%d%H%M%S"), m.extra["qid"], dom)
    subj = encode_words(m.subject, m.extra["subject_enc"])
    ja = "iso-2022-jp" in m.extra["subject_enc"]
    if mta == "exim":
        rcv = ("Received: from [192.0.2.%d] (helo=[192.168.1.20])\n\tby %s with esmtpsa (TLS1.3) "
               "tls TLS_AES_256_GCM_SHA384\n\t(Exim 4.97)\n\t(envelope-from <%s>)\n\tid %s\n\t"
               "for %s;\n\t%s\n" % (60 + m.seq % 50, host, env, exim_id(m), rcpts[0].addr,
                                    rfc2822(sent, "exim")))
    else:
        rcv = ("Received: by %s (Postfix, from userid 10%02d)\n\tid %s; %s\n"
               % (host, m.seq % 50, m.extra["qid"], rfc2822(sent))) if mta == "postfix" else \
              ("Received: from [192.0.2.%d] ([192.0.2.%d])\n\tby %s (8.15.2/8.15.2) with ESMTPSA "
               "id %s\n\tfor <%s>; %s\n" % (60 + m.seq % 50, 60 + m.seq % 50, host,
                                             m.extra["qid"], rcpts[0].addr, rfc2822(sent, "sendmail")))
    text = ("Return-Path: <%s>\n%sMIME-Version: 1.0\n" % (env, rcv))
    if ja:
        text += "Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n"
    else:
        text += "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
    text += ("From: %s <%s@%s>\nTo: %s\nSubject: %s\nDate: %s\nMessage-ID: <%s>\n"
             % (encode_words(name, "iso-2022-jp" if ja else "utf-8-b"), local, dom, to, subj,
                rfc2822(sent, "client"), msgid))
    if headers_only:
        return text
    body = "%s\n\n%s\n" % (m.subject, name)
    if m.extra.get("big"):
        body += "\n[添付ファイル: catalogue-2026.pdf 24 MB]\n"
    if ja:
        body = body.encode("iso-2022-jp").decode("ascii")
    return text + "\n" + body


def exim_id(m):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    q = m.extra["qid"]
    return "1v%s-%s-%s" % (q[:4], q[4:10], alphabet[m.seq % 62] + alphabet[(m.seq // 62) % 62])


def received_by_mx(m, env):
    return ("Return-Path: <>\nX-Original-To: %s\nDelivered-To: postmaster@example.jp\n"
            "Received: from %s (%s [%s])\n\tby mx1.example.jp (Postfix) with ESMTPS id %s\n"
            "\tfor <%s>; %s\n" % (env, m.writer_host, m.writer_host, m.writer_ip,
                                  m.extra["qid2"], env, rfc2822(m.date + dt.timedelta(seconds=1))))


def render_postfix(m):
    env = "bounce@" + m.sender_domain
    host = m.writer_host
    qid = m.extra["qid"]
    delayed = m.kind == "delay"
    epoch = int(m.date.timestamp())
    boundary = "%s.%d/%s" % (qid, epoch, host)
    out = received_by_mx(m, env)
    out += ("Received: by %s (Postfix)\n\tid %s; %s\nDate: %s\n"
            "From: MAILER-DAEMON@%s (Mail Delivery System)\nSubject: %s\nTo: %s\n"
            "Auto-Submitted: auto-replied\nMIME-Version: 1.0\n"
            "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"%s\"\n"
            "Message-Id: <%s.%s@%s>\n\nThis is a MIME-encapsulated message.\n\n"
            % (host, qid[::-1], rfc2822(m.date), rfc2822(m.date), host,
               "Delayed Mail (still being retried)" if delayed else
               "Undelivered Mail Returned to Sender", env, boundary,
               m.date.astimezone(JST).strftime("%Y%m%d%H%M%S"), qid[::-1], host))
    out += ("--%s\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n"
            "\nThis is the mail system at host %s.\n\n" % (boundary, host))
    if delayed:
        out += ("####################################################################\n"
                "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
                "####################################################################\n\n"
                "Your message could not be delivered for more than 4 hour(s).\n"
                "It will be retried until it is 5 day(s) old.\n")
    else:
        out += ("I'm sorry to have to inform you that your message could not\n"
                "be delivered to one or more recipients. It's attached below.\n")
    out += ("\nFor further assistance, please send mail to postmaster.\n\n"
            "If you do so, please include this problem report. You can\n"
            "delete your own text from the attached returned message.\n\n"
            "                   The mail system\n")
    for r in m.rcpts:
        out += "\n" + wrap(postfix_line(r)) + "\n"
    out += ("\n--%s\nContent-Description: %s\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; %s\nX-Postfix-Queue-ID: %s\nX-Postfix-Sender: rfc822; %s\n"
            "Arrival-Date: %s\n"
            % (boundary, "Delay report" if delayed else "Delivery report", host, qid, env,
               rfc2822(m.when)))
    for r in m.rcpts:
        out += ("\nFinal-Recipient: rfc822; %s\nOriginal-Recipient: rfc822;%s\nAction: %s\n"
                "Status: %s\n" % (r.addr, r.addr, r.action, r.status))
        if r.reply is not None:
            out += "Remote-MTA: dns; %s\n" % r.mx
            out += wrap("Diagnostic-Code: smtp; " + r.reply, first_width=78, width=78) + "\n"
        else:
            out += wrap("Diagnostic-Code: X-Postfix; " + postfix_local_text(r), 78, 78) + "\n"
        if delayed:
            out += "Will-Retry-Until: %s\n" % rfc2822(m.when + dt.timedelta(days=5))
    headers_only = delayed or m.extra.get("big") or m.seq % 4 == 0
    out += ("\n--%s\nContent-Description: %s\nContent-Type: %s\n\n"
            % (boundary, "Undelivered Message Headers" if headers_only else "Undelivered Message",
               "text/rfc822-headers" if headers_only else "message/rfc822"))
    out += original(m, m.rcpts, headers_only, SERVERS[m.ip][1])
    out += "\n--%s--\n" % boundary
    return out.encode("utf-8")


def postfix_local_text(r):
    if r.shape.startswith("hu-"):
        return ("Host or domain name not found. Name service error for name=%s type=MX: Host not "
                "found" % r.dest)
    return "connect to %s[%s]:25: Connection timed out" % (r.mx, r.mx_ip)


def postfix_line(r):
    if r.reply is None:
        if r.shape.startswith("hu-"):
            return "<%s>: %s" % (r.addr, postfix_local_text(r))
        if r.action == "delayed":
            return "<%s>: %s" % (r.addr, postfix_local_text(r))
        return "<%s>: delivery temporarily suspended: %s" % (r.addr, postfix_local_text(r))
    return "<%s>: host %s[%s] said: %s (in reply to %s command)" % (
        r.addr, r.mx, r.mx_ip, r.reply, r.command)


def render_exim(m):
    env = "bounce@" + m.sender_domain
    host = m.writer_host
    xid = exim_id(m)
    epoch = int(m.date.timestamp())
    boundary = "%d-eximdsn-%d" % (epoch, 1000000000 + m.seq * 7919 % 999999999)
    out = received_by_mx(m, env)
    out += ("Received: from Debian-exim by %s with local (Exim 4.97)\n\tid %s\n\tfor %s;\n\t%s\n"
            "X-Failed-Recipients: %s\nAuto-Submitted: auto-replied\n"
            "From: Mail Delivery System <Mailer-Daemon@%s>\nTo: %s\n"
            "Content-Type: multipart/report; report-type=delivery-status; boundary=%s\n"
            "MIME-Version: 1.0\nSubject: Mail delivery failed: returning message to sender\n"
            "Message-Id: <E%s@%s>\nDate: %s\n\n"
            % (host, xid, env, rfc2822(m.date, "exim"), ", ".join(r.addr for r in m.rcpts), host,
               env, boundary, xid, host, rfc2822(m.date, "exim")))
    out += ("--%s\nContent-type: text/plain; charset=us-ascii\n\n"
            "This message was created automatically by mail delivery software.\n\n"
            "A message that you sent could not be delivered to one or more of its\n"
            "recipients. This is a permanent error. The following address(es) failed:\n\n"
            % boundary)
    for r in m.rcpts:
        out += "  %s\n" % r.addr
        if r.reply is None:
            out += "    Unrouteable address\n"
        else:
            out += "    host %s [%s]\n" % (r.mx, r.mx_ip)
            cmd = "RCPT TO:<%s>" % r.addr if r.command == "RCPT TO" else \
                "MAIL FROM:<%s>" % env if r.command == "MAIL FROM" else "end of data"
            out += "    SMTP error from remote mail server after %s:\n" % cmd
            out += "    %s\n" % r.reply
    out += "\n--%s\nContent-type: message/delivery-status\n\nReporting-MTA: dns; %s\n" % (
        boundary, host)
    for r in m.rcpts:
        out += "\nAction: failed\nFinal-Recipient: rfc822;%s\nStatus: %s\n" % (
            r.addr, "5.0.0" if r.reply is None or not r.status.startswith("5.") else r.status)
        if r.reply is not None:
            out += "Remote-MTA: dns; %s\nDiagnostic-Code: smtp; %s\n" % (r.mx, r.reply)
    headers_only = m.extra.get("big")
    out += "\n--%s\nContent-type: %s\n\n" % (
        boundary, "text/rfc822-headers" if headers_only else "message/rfc822")
    out += original(m, m.rcpts, headers_only, SERVERS[m.ip][1])
    out += "\n--%s--\n" % boundary
    return out.encode("utf-8")


def render_sendmail(m):
    env = "bounce@" + m.sender_domain
    host = m.writer_host
    qid = "%s%s" % (m.date.astimezone(UTC).strftime("%y"), m.extra["qid"][:12])
    epoch = int(m.date.timestamp())
    boundary = "%s.%d/%s" % (qid, epoch, host)
    remote = host != SERVERS[m.ip][0]
    out = received_by_mx(m, env)
    out += ("Received: from localhost (localhost)\n\tby %s (8.15.2/8.15.2) id %s;\n\t%s\n"
            "Date: %s\nFrom: Mail Delivery Subsystem <MAILER-DAEMON@%s>\nMessage-Id: <%s.%s@%s>\n"
            "To: <%s>\nMIME-Version: 1.0\n"
            "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"%s\"\n"
            "Subject: Returned mail: see transcript for details\n"
            "Auto-Submitted: auto-generated (failure)\n\nThis is a MIME-encapsulated message\n\n"
            % (host, qid, rfc2822(m.date, "sendmail"), rfc2822(m.date, "sendmail"), host,
               m.date.astimezone(UTC).strftime("%Y%m%d%H%M"), qid, host, env, boundary))
    src = "%s [%s]" % (SERVERS[m.ip][0], m.ip) if remote else "[192.0.2.%d]" % (60 + m.seq % 50)
    out += ("--%s\n\nThe original message was received at %s\nfrom %s\n\n"
            "   ----- The following addresses had permanent fatal errors -----\n"
            % (boundary, rfc2822(m.when, "sendmail"), src))
    for r in m.rcpts:
        out += "<%s>\n    (reason: %s)\n" % (r.addr, sendmail_reason(r))
    out += "\n   ----- Transcript of session follows -----\n"
    for r in m.rcpts:
        if r.reply is None:
            out += "550 5.1.2 %s... Host unknown (Name server: %s: host not found)\n" % (
                r.addr, r.dest)
        else:
            out += "... while talking to %s.:\n>>> %s\n<<< %s\n" % (
                r.mx, "DATA" if r.command == "end of DATA" else "RCPT To:<%s>" % r.addr, r.reply)
            out += "%s %s <%s>... %s\n" % (r.reply[:3], r.status, r.addr, sendmail_says(r))
    out += ("\n--%s\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; %s\n"
            "Received-From-MTA: DNS; %s\nArrival-Date: %s\n"
            % (boundary, host, SERVERS[m.ip][0] if remote else "[192.0.2.%d]" % (60 + m.seq % 50),
               rfc2822(m.when, "sendmail")))
    for r in m.rcpts:
        out += "\nFinal-Recipient: RFC822; %s\nAction: failed\nStatus: %s\n" % (
            r.addr, "5.1.2" if r.reply is None else r.status)
        if r.reply is not None:
            out += "Remote-MTA: DNS; %s\nDiagnostic-Code: SMTP; %s\n" % (r.mx, r.reply)
        out += "Last-Attempt-Date: %s\n" % rfc2822(m.date, "sendmail")
    headers_only = m.extra.get("big") or m.seq % 2 == 0
    out += "\n--%s\nContent-Type: %s\n\n" % (
        boundary, "text/rfc822-headers" if headers_only else "message/rfc822")
    out += original(m, m.rcpts, headers_only, SERVERS[m.ip][1])
    out += "\n--%s--\n" % boundary
    return out.encode("utf-8")


def sendmail_says(r):
    """What Sendmail writes after the address in its own transcript line."""
    if "... " in r.reply:
        return r.reply.split("... ", 1)[1]
    return {"5.1.1": "User unknown", "5.2.2": "Mailbox full", "5.3.4": "Message too large"}.get(
        r.status, "Service unavailable")


def sendmail_reason(r):
    if r.reply is None:
        return "550 Host unknown"
    return r.reply


SPAM = [
    ("【重要】アカウントの確認をお願いします", "お客様のアカウントで不審なログインが確認されました。\n"
     "24時間以内に以下のリンクから確認してください。\nhttps://secure-login.example.net/verify\n",
     "セキュリティセンター", "security@secure-login.example.net"),
    ("Re: 請求書の件", "添付の請求書をご確認ください。\nhttps://docs-share.example.net/inv/2026\n",
     "経理部", "keiri@docs-share.example.net"),
    ("Increase your website traffic today", "Dear Sir/Madam,\n\nWe can put your site on the first "
     "page of search results. Reply for a free audit.\n", "SEO Team", "growth@seo-rank.example.com"),
    ("Mail delivery failure: 3 incoming messages were held",
     "Dear user,\n\n3 incoming messages could not be delivered to your mailbox because your "
     "quota is full.\nRelease them here: https://mailbox-release.example.net/\n\nMail Administrator\n",
     "Mail Administrator", "admin@mailbox-release.example.net"),
    ("ご当選のお知らせ", "おめでとうございます！ 抽選で10万円分のポイントが当たりました。\n"
     "https://lucky.example.com/claim\n", "キャンペーン事務局", "campaign@lucky.example.com"),
    ("Business proposal", "Hello,\n\nI have a proposal of mutual benefit. Kindly reply for "
     "details.\n", "Mr. Example", "proposal@trade.example.org"),
    ("【Amazon】お支払い方法の更新", "お支払い方法を更新できませんでした。\n"
     "https://pay-update.example.net/\n", "Amazon", "no-reply@pay-update.example.net"),
]


def render_spam(m):
    subj, body, name, frm = SPAM[m.extra["variant"]]
    to = m.extra["to"]
    t = m.date
    ja = any(ord(ch) > 127 for ch in subj + body)
    mid = "%s.%x@%s" % (t.strftime("%Y%m%d%H%M%S"), m.seq * 2654435761 % 2 ** 32, frm.split("@")[1])
    out = ("Return-Path: <%s>\nX-Original-To: %s\nDelivered-To: postmaster@example.jp\n"
           "Received: from mail%d.%s (unknown [198.51.100.%d])\n\tby mx1.example.jp (Postfix) with "
           "ESMTP id %s\n\tfor <%s>; %s\n"
           % (frm, to, m.seq % 9, frm.split("@")[1], 180 + m.seq % 70, m.extra["qid2"], to,
              rfc2822(t)))
    out += ("From: %s <%s>\nTo: %s\nSubject: %s\nDate: %s\nMessage-ID: <%s>\nMIME-Version: 1.0\n"
            % (encode_words(name, "utf-8-b"), frm, to,
               encode_words(subj, "utf-8-b" if m.seq % 2 else "iso-2022-jp"),
               rfc2822(t - dt.timedelta(seconds=37), "client"), mid))
    if ja and m.seq % 2 == 0:
        out += "Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n"
        out += body.encode("iso-2022-jp").decode("ascii")
    elif m.seq % 3 == 0:
        html = "<html><body><p>%s</p></body></html>\n" % body.replace("\n", "<br>")
        out += ("Content-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n"
                + "\n".join(_b64lines(html.encode("utf-8"))) + "\n")
    else:
        out += "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + body
    return out.encode("utf-8")


def _b64lines(data):
    s = base64.b64encode(data).decode("ascii")
    return [s[i:i + 76] for i in range(0, len(s), 76)]


def render_autoreply(m):
    v = m.extra["variant"]
    frm = m.extra["from"]
    dom = frm.split("@")[1]
    env = "bounce@" + m.sender_domain
    t = m.date
    who = frm.split("@")[0].replace(".", " ").replace("_", " ").title()
    orig_mid = "%s.%s@%s" % (m.when.strftime("%Y%m%d%H%M%S"), m.extra["qid"], m.sender_domain)
    out = ("Return-Path: <%s>\nX-Original-To: %s\nDelivered-To: postmaster@example.jp\n"
           "Received: from mail.%s (mail.%s [198.51.100.%d])\n\tby mx1.example.jp (Postfix) with "
           "ESMTPS id %s\n\tfor <%s>; %s\n"
           % ("" if v == 2 else frm, env, dom, dom, 30 + m.seq % 60, m.extra["qid2"], env,
              rfc2822(t)))
    if v == 0:
        subj, hdrs = "Out of office: " + m.subject, "Auto-Submitted: auto-replied (vacation)\n" \
            "Precedence: bulk\n"
        body = ("I am out of the office until Monday and read mail only now and then.\n"
                "For urgent matters please call the office.\n")
    elif v == 1:
        subj, hdrs = "不在通知: " + m.subject, "Auto-Submitted: auto-replied\n"
        body = "ただいま出張のため不在にしております。\n戻り次第ご連絡いたします。\n"
    elif v == 2:
        subj, hdrs = "自動応答: " + m.subject, ("Auto-Submitted: auto-generated\n"
                                            "X-Auto-Response-Suppress: All\n"
                                            "X-MS-Exchange-Inbox-Rules-Loop: %s\n" % frm)
        body = "いつもお世話になっております。\n本日は休業日のため、翌営業日以降に返信いたします。\n"
    elif v == 3:
        subj, hdrs = "Automatic reply: " + m.subject, ("Auto-Submitted: auto-generated\n"
                                                     "X-Auto-Response-Suppress: All\n")
        body = "Thank you for your message. I am on leave and will reply when I am back.\n"
    else:
        subj, hdrs = "[受付番号 #%05d] お問い合わせを受け付けました" % (m.seq % 99999), (
            "Auto-Submitted: auto-replied\nX-Autoreply: yes\n")
        body = ("お問い合わせありがとうございます。\n担当者より2営業日以内にご連絡いたします。\n"
                "このメールは送信専用です。\n")
    out += ("From: %s <%s>\nTo: %s\nSubject: %s\nDate: %s\nMessage-ID: <auto.%d.%s>\n"
            "In-Reply-To: <%s>\nReferences: <%s>\n%sMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n%s"
            % (who, frm, env, encode_words(subj, "utf-8-b"), rfc2822(t, "client"), m.seq, frm,
               orig_mid, orig_mid, hdrs, body))
    return out.encode("utf-8")


def mbox_entry(m, data):
    """The message as an mbox entry (mboxrd quoting, From_ line in local time)."""
    sender = "MAILER-DAEMON"
    if m.kind == "spam":
        sender = SPAM[m.extra["variant"]][3]
    elif m.kind == "autoreply":
        sender = m.extra["from"]
    t = m.date.astimezone(JST) + dt.timedelta(seconds=1)
    lines = []
    for line in data.split(b"\n"):
        if line.lstrip(b">").startswith(b"From "):
            line = b">" + line
        lines.append(line)
    body = b"\n".join(lines).rstrip(b"\n") + b"\n"
    return ("From %s %s\n" % (sender, t.strftime("%a %b %e %H:%M:%S %Y"))).encode() + body + b"\n"


def maildir_name(m):
    """A Maildir unique name: time, microseconds, process and the delivery's
    sequence number (Q), which is the message's number in the month."""
    t = m.date + dt.timedelta(seconds=1)
    return "%d.M%06dP%dQ%d.mx1.example.jp" % (int(t.timestamp()), (m.seq * 7919) % 1000000,
                                               m.extra["pid"], m.seq)


def seq_of_maildir_name(name):
    """The month's message number a Maildir name carries (None if not ours)."""
    base = os.path.basename(name).split(":", 1)[0]
    for part in base.split(".")[1:2]:
        if "Q" in part:
            try:
                return int(part.rsplit("Q", 1)[1])
            except ValueError:
                return None
    return None


# ==================================================================== the truth

def iso(t):
    return t.isoformat(timespec="seconds")


def local_day(t):
    return t.astimezone(JST).date().isoformat()


def utc_day(t):
    return t.astimezone(UTC).date().isoformat()


def episodes_of(days, quiet=QUIET_DAYS):
    """Days cut into episodes: a new one starts when a day comes more than
    `quiet` days after the previous one."""
    eps = []
    for d in sorted(set(days)):
        if eps and (d - eps[-1][-1]).days <= quiet:
            eps[-1].append(d)
        else:
            eps.append([d])
    return eps


def make_truth(month):
    msgs = month.messages
    nights = []
    for n in range(1, NIGHTS + 1):
        ms = month.by_night[n]
        by_cat, by_reason = {}, {}
        failures = delays = 0
        for m in ms:
            for r in m.rcpts:
                if r.action == "failed":
                    failures += 1
                    by_cat[m.category] = by_cat.get(m.category, 0) + 1
                    reason = REASONS[m.category]
                    by_reason[reason] = by_reason.get(reason, 0) + 1
                else:
                    delays += 1
        nights.append({
            "night": n, "day": day(n).isoformat(), "weekday": day(n).strftime("%a"),
            "messages": len(ms),
            "bounces": sum(1 for m in ms if m.kind == "bounce"),
            "delay_messages": sum(1 for m in ms if m.kind == "delay"),
            "spam": sum(1 for m in ms if m.kind == "spam"),
            "autoreplies": sum(1 for m in ms if m.kind == "autoreply"),
            "failures": failures, "delays": delays,
            "failures_by_category": dict(sorted(by_cat.items())),
            "failures_by_reason": dict(sorted(by_reason.items())),
            "events": [], "changes_should_mail": False,
        })

    # ---- incidents: what is blamed (the sending IP) and the system that refused
    groups = {}
    for m in msgs:
        if m.category not in SYSTEMS:
            continue
        system, label = SYSTEMS[m.category]
        groups.setdefault((m.ip, system, label), []).append(m)
    incidents = []
    for (ip, system, label), ms in groups.items():
        fails = [m for m in ms if m.kind == "bounce"]
        warns = [m for m in ms if m.kind == "delay"]
        all_days = [m.when.astimezone(JST).date() for m in ms]
        eps = []
        for ep_days in episodes_of(all_days):
            lo, hi = ep_days[0], ep_days[-1]
            in_ep = [m for m in ms if lo <= m.when.astimezone(JST).date() <= hi]
            f = sorted((m for m in in_ep if m.kind == "bounce"), key=lambda m: m.when)
            w = sorted((m for m in in_ep if m.kind == "delay"), key=lambda m: m.when)
            first = min(in_ep, key=lambda m: m.when)
            cleared = hi + dt.timedelta(days=QUIET_DAYS)
            ep = {
                "start": iso(first.when), "start_day_local": local_day(first.when),
                "start_day_utc": utc_day(first.when),
                "first_warning": iso(w[0].when) if w else None,
                "first_warning_day_local": local_day(w[0].when) if w else None,
                "first_warning_day_utc": utc_day(w[0].when) if w else None,
                "first_failure": iso(f[0].when) if f else None,
                "first_failure_day_local": local_day(f[0].when) if f else None,
                "first_failure_day_utc": utc_day(f[0].when) if f else None,
                "last_failure": iso(f[-1].when) if f else None,
                "last_failure_day_local": local_day(f[-1].when) if f else None,
                "last_failure_day_utc": utc_day(f[-1].when) if f else None,
                "end": iso(max(in_ep, key=lambda m: m.when).when),
                "end_day_local": hi.isoformat(),
                "cleared_day_local": cleared.isoformat() if cleared <= day(NIGHTS) else None,
                "failures": sum(len(m.rcpts) for m in f),
                "warnings": sum(len(m.rcpts) for m in w),
            }
            eps.append(ep)
        customers, dests, codes = {}, {}, set()
        for m in fails:
            customers[m.sender_domain] = customers.get(m.sender_domain, 0) + len(m.rcpts)
            for r in m.rcpts:
                dests[r.dest] = dests.get(r.dest, 0) + 1
                codes.add(provider_code(r))
        for m in warns:
            codes.add(provider_code(m.rcpts[0]))
        # events and state, night by night (days in Japan)
        events, states = [], []
        for n in range(1, NIGHTS + 1):
            d = day(n)
            state = None
            for i, (ep, ep_days) in enumerate(zip(eps, episodes_of(all_days))):
                ep_fail_days = sorted({m.when.astimezone(JST).date() for m in fails
                                       if ep_days[0] <= m.when.astimezone(JST).date() <= ep_days[-1]})
                if d < ep_days[0]:
                    continue
                if d == ep_days[0]:
                    ev = "warning" if not ep_fail_days or ep_fail_days[0] > d else \
                        ("opened" if i == 0 else "returned")
                    events.append({"night": n, "day": d.isoformat(), "event": ev})
                if ep_fail_days and d == ep_fail_days[0] and ep_fail_days[0] > ep_days[0]:
                    events.append({"night": n, "day": d.isoformat(),
                                   "event": "opened" if i == 0 else "returned"})
                cleared = ep_days[-1] + dt.timedelta(days=QUIET_DAYS)
                if d == cleared:
                    events.append({"night": n, "day": d.isoformat(), "event": "cleared"})
                if d >= cleared:
                    state = "cleared"
                elif ep_fail_days and d >= ep_fail_days[0]:
                    state = "active" if i == 0 else "returned"
                else:
                    state = "warning"
            states.append(state)
        inc = {
            "key": "%s %s" % (ip, system), "blamed": "sending_ip", "sending_ip": ip,
            "system": system, "system_label": label,
            "provider_codes": sorted(c for c in codes if c),
            "customers": dict(sorted(customers.items(), key=lambda kv: (-kv[1], kv[0]))),
            "customers_on_ip": sorted(c[0] for c in CUSTOMERS if c[1] == ip),
            "destinations": dict(sorted(dests.items(), key=lambda kv: (-kv[1], kv[0]))),
            "failures": sum(len(m.rcpts) for m in fails),
            "recipients": len({r.addr for m in fails for r in m.rcpts}),
            "warnings": sum(len(m.rcpts) for m in warns),
            "first": iso(min(ms, key=lambda m: m.when).when),
            "last": iso(max(ms, key=lambda m: m.when).when),
            "episodes": eps, "events": events, "state_by_night": states,
            "final_state": states[-1],
        }
        incidents.append(inc)
        for e in events:
            nt = nights[e["night"] - 1]
            nt["events"].append({"incident": inc["key"], "event": e["event"]})
            nt["changes_should_mail"] = True
    order = {"active": 0, "returned": 0, "warning": 1, "cleared": 2, None: 3}
    incidents.sort(key=lambda i: (order[i["final_state"]], -i["recipients"]))

    # ---- addresses
    dead, uncertain = {}, {}
    for m in msgs:
        for r in m.rcpts:
            if r.certainty is None or r.action != "failed":
                continue
            box = dead if r.certainty == "dead" else uncertain
            e = box.setdefault(r.addr, {"failures": 0, "days": [], "reason": REASONS[m.category],
                                        "rule": r.shape, "sender_domains": []})
            e["failures"] += 1
            d = local_day(m.when)
            if d not in e["days"]:
                e["days"].append(d)
            if m.sender_domain not in e["sender_domains"]:
                e["sender_domains"].append(m.sender_domain)
    dests = sorted({r.dest for m in msgs for r in m.rcpts})

    return {
        "generator": "tests/scenario/gen_month.py", "seed": month.seed, "scale": month.scale,
        "zone": ZONE, "utc_offset": "+09:00", "quiet_days": QUIET_DAYS,
        "start": START.isoformat(), "end": day(NIGHTS).isoformat(), "nights": NIGHTS,
        "night_rule": "night N holds the mail whose Date is on the Nth day in Asia/Tokyo",
        "sending_ips": {ip: {"host": h, "mta": mta,
                             "customers": sorted(c[0] for c in CUSTOMERS if c[1] == ip)}
                        for ip, (h, mta) in SERVERS.items()},
        "customers": {c[0]: {"sending_ip": c[1], "name": c[3]} for c in CUSTOMERS},
        "totals": {
            "messages": len(msgs),
            "bounces": sum(1 for m in msgs if m.kind == "bounce"),
            "delay_messages": sum(1 for m in msgs if m.kind == "delay"),
            "spam": sum(1 for m in msgs if m.kind == "spam"),
            "autoreplies": sum(1 for m in msgs if m.kind == "autoreply"),
            "failures": sum(n["failures"] for n in nights),
            "delays": sum(n["delays"] for n in nights),
            "destinations": len(dests),
            "failures_by_category": _sum_dicts(n["failures_by_category"] for n in nights),
            "failures_by_reason": _sum_dicts(n["failures_by_reason"] for n in nights),
            "recipients_by_category": {
                cat: len({r.addr for m in msgs if m.category == cat for r in m.rcpts
                          if r.action == "failed"})
                for cat in sorted({m.category for m in msgs if m.kind == "bounce"})},
        },
        "incidents": incidents,
        "nights_with_mail": [n["night"] for n in nights if n["changes_should_mail"]],
        "per_night": nights,
        "addresses": {
            "rule": ("dead: the remote says the address or its domain does not exist "
                     "(user unknown from an ordinary MTA or provider, SoftBank's 'Invalid "
                     "recipient', host unknown); uncertain: docomo's and au/ezweb's "
                     "'Unknown user', which also means the recipient's own filter refused "
                     "(field-notes 3.8), each seen once; mailbox full, too big and expired "
                     "are neither"),
            "dead": dict(sorted(dead.items())), "uncertain": dict(sorted(uncertain.items())),
        },
        "messages": [message_truth(m) for m in msgs],
    }


def provider_code(r):
    if r.reply is None:
        return None
    for code in ("S3150", "S3140", "S775"):
        if "(%s)" % code in r.reply:
            return code
    if "AS(1430)" in r.reply:
        return "AS1430"
    if "AS(1450)" in r.reply:
        return "AS1450"
    return None


def _sum_dicts(ds):
    out = {}
    for d in ds:
        for k, v in d.items():
            out[k] = out.get(k, 0) + v
    return dict(sorted(out.items()))


def message_truth(m):
    e = {"seq": m.seq, "night": m.night, "kind": m.kind, "category": m.category,
         "date": iso(m.date)}
    if m.customer:
        e["sender_domain"] = m.sender_domain
        e["sending_ip"] = m.ip
    if m.kind in ("bounce", "delay"):
        e["when"] = iso(m.when)
        e["writer"] = m.writer
        e["failed"] = [r.addr for r in m.rcpts if r.action == "failed"]
        e["delayed"] = [r.addr for r in m.rcpts if r.action == "delayed"]
        e["shape"] = m.rcpts[0].shape
        e["reason"] = REASONS.get(m.category)
        if m.category in SYSTEMS:
            e["system"] = SYSTEMS[m.category][0]
    return e


# ==================================================================== command line

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
