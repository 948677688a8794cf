"""The month's plan (gen_month.py): Month draws every message of the 31
nights from its seed (who sends, to whom, when, what the remote says, in
each MTA's words), writes a night into an mbox or a Maildir, and gives the
truth of the month.

SPDX-License-Identifier: BSD-2-Clause
"""
import datetime as dt
import os
import random

from month_world import (CARRIERS, COMPANY_KINDS, CUSTOMERS, EOP_BLOCK_DAYS, FAMILY, GIVEN, JST,
                         Msg, NIGHTS, N_COMPANIES, N_GONE, OLC_BLOCK_DAYS, OLC_DOMAINS, OLC_ONSET,
                         OLC_RETURN, OLC_WARN_DAYS, OUTLOOK_IP, PLACES, PROVIDERS, ROLES, Rcpt,
                         SERVERS, SPAMCOP_DAY, SPAMHAUS_DAYS, SPAMHAUS_IP, START, SUBJECTS_EN,
                         SUBJECTS_JA, TARGETS, TLDS, TRADES, UTC, day, night_of)
from month_render import (maildir_name, mbox_entry, render_autoreply, render_exim, render_postfix,
                          render_sendmail, render_spam)
from month_truth import make_truth



def _writer_for(m, remote=None):
    """who writes m's bounce: the sending server, or a remote relay"""
    host, mta = SERVERS[m.ip]
    if remote:
        m.writer, m.writer_host, m.writer_ip = remote
    else:
        m.writer, m.writer_host, m.writer_ip = mta, host, m.ip


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
        """Every message of the month, drawn from the seed in a fixed order."""
        self.used = set()
        self._msgs = []
        self._plan_user_unknown()
        self._plan_other_addresses()
        self._plan_outlook()
        self._plan_blocklists()
        self._plan_routine()
        self._plan_finish()

    def _add(self, m):
        self._msgs.append(m)
        return m

    def _weights(self):
        """the company domains, their weights and the providers' weights"""
        company_doms = list(self.companies)
        return company_doms, [self.companies[d][3] for d in company_doms], [p[3] for p in PROVIDERS]

    def _plan_user_unknown(self):
        """user unknown, at providers, at companies and at the Japanese carriers"""
        rng, add = self.rng, self._add
        company_doms, company_w, prov_w = self._weights()
        dead_by_customer = {}
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
            _writer_for(m)
            # some companies' relays accept first and bounce later themselves
            if kind in ("sendmail", "exim") and m.writer == "postfix" and rng.random() < 0.5:
                relay = "relay." + dest
                _writer_for(m, (kind, relay, self._mx_ip(relay)))
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
            _writer_for(m)
        softbank = [c for c in CARRIERS if c[1] == "softbank"]
        for _ in range(self._count("softbank_invalid")):
            d = self._pick_day()
            c = self._pick_customer(d)
            m = add(Msg("softbank_invalid", self._time(d), c))
            dest, kind, mx, _w = rng.choice(softbank)
            addr = self._fresh(dest)
            m.rcpts.append(Rcpt(addr, mx, self._mx_ip(mx), "550 Invalid recipient: <%s>" % addr,
                                "5.0.0", shape="uu-softbank", certainty="dead"))
            _writer_for(m)

    def _plan_other_addresses(self):
        """host unknown, full mailboxes, messages too big, queue expiries"""
        rng, add = self.rng, self._add
        company_doms, company_w = self._weights()[:2]
        # ---- host unknown: companies that closed
        for _ in range(self._count("host_unknown")):
            d = self._pick_day()
            c = self._pick_customer(d)
            m = add(Msg("host_unknown", self._time(d), c))
            dest = rng.choice(self.gone)
            addr = self._fresh(dest, "company")
            m.rcpts.append(Rcpt(addr, None, None, None, "5.4.4", shape="hu-" + SERVERS[c[1]][1],
                                certainty="dead"))
            _writer_for(m)

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
            _writer_for(m)

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
            _writer_for(m)
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
            _writer_for(m)

    def _plan_outlook(self):
        """the Outlook.com episodes: the refusals, the onsets and the delay warnings before them"""
        rng, add = self.rng, self._add
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
            _writer_for(m)
        # the two onsets, at fixed times
        for when, c, dest in ((OLC_ONSET, olc_customers[1], "outlook.jp"),
                              (OLC_RETURN, olc_customers[0], "hotmail.co.jp")):
            m = add(Msg("outlook_block", when, c))
            m.rcpts.append(self._olc_block(self._fresh(dest), dest, "S3150"))
            _writer_for(m)

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
            _writer_for(m)

    def _plan_blocklists(self):
        """the other refusals of a sending IP: Microsoft 365, Spamhaus, SpamCop"""
        rng, add = self.rng, self._add
        olc_customers = [c for c in CUSTOMERS if c[1] == OUTLOOK_IP]
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
            _writer_for(m)

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
            _writer_for(m)

        # ---- one stray SpamCop refusal of the Outlook IP, in its quiet weeks
        c = olc_customers[3]
        m = add(Msg("spamcop", self._time(SPAMCOP_DAY, earliest=(13, 0), latest=(15, 0)), c))
        dest = self.zen_users[7]
        m.rcpts.append(Rcpt(self._fresh(dest, "company"), self.companies[dest][1],
                            self.companies[dest][2],
                            "554 5.7.1 Service unavailable; Client host [%s] blocked using "
                            "bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?%s"
                            % (OUTLOOK_IP, OUTLOOK_IP), "5.7.1", shape="block-spamcop"))
        _writer_for(m)

    def _plan_routine(self):
        """routine delay warnings, spam and auto-replies (no failure)"""
        rng, add = self.rng, self._add
        company_doms, company_w, prov_w = self._weights()
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
            _writer_for(m)

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

    def _plan_finish(self):
        """every message's Date, subject and queue ids; the month in delivery order"""
        rng = self.rng
        msgs = self._msgs
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
