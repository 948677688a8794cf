#!/usr/bin/env python3
"""Perturb bounce messages: the same bounces with other identifiers.

A rule that only works because of a sample's own addresses, host names, IP
addresses, Message-IDs, dates or queue ids fails on real mail.  This module
rewrites every message of a mail folder in memory, replacing those
identifiers with others of the same shape, and writes the copies to another
directory (a temporary one: the corpus is read-only and never copied into
the project):

- domains that are not a provider's or a blocklist's (KEEP) get a
  registrable name of another real-world shape (mail.kobe-trading.co.jp),
  consistently within the run, other labels of the host a random label of
  the same length (generic ones such as mx, mail, smtp stay);
- local parts of addresses get random ones of the same length and classes
  (role names such as MAILER-DAEMON and postmaster stay);
- IPv4 addresses become public-looking ones (198.18.x.y, 185.x.y.z ...),
  private ones stay private, loopback stays; IPv6 addresses become other
  global ones;
- Message-ID local parts and queue ids ("id 1P1YNN-0003AD-Ga",
  "X-Postfix-Queue-ID: 4F3A2B1C") keep their character classes and length;
- RFC 5322 dates move by the same offset within a message (so that
  Arrival-Date and Date keep their distance).

Bytes are handled as latin-1 so that any charset survives; base64 bodies
are untouched (no dots in them).  Deterministic for a given seed.

    python3 perturb.py SRC_DIR DST_DIR [--seed N]
"""
import argparse
import email.utils
import os
import random
import re
import sys

# registrable domains (and zones) of providers, MTAs' vendors and blocklists:
# recognising them is legitimate, so they stay
KEEP = """
google.com gmail.com googlemail.com 1e100.net googlegroups.com
outlook.com hotmail.com hotmail.co.jp hotmail.co.uk live.com live.jp msn.com microsoft.com
office.com office365.com onmicrosoft.com exchangelabs.com outlook.jp hotmail.fr
yahoo.com yahoo.co.jp yahoo.co.uk yahoo.fr yahoodns.net yahooinc.com yahoo.net ymail.com
verizonmedia.com aol.com aol.jp aim.com verizon.net vtext.com vzwpix.com
icloud.com me.com mac.com apple.com
docomo.ne.jp ezweb.ne.jp au.com kddi.com auone-net.jp softbank.ne.jp softbank.jp
i.softbank.jp vodafone.ne.jp disney.ne.jp biglobe.ne.jp nifty.com ocn.ne.jp dion.ne.jp
ttv.ne.jp tmtv.ne.jp inacatv.ne.jp
mail.ru smailru.net yandex.ru yandex.net yandex.com gmx.net gmx.de gmx.com web.de
zoho.com zohomail.com amazonses.com amazonaws.com amazon.com awsapps.com
sendgrid.net sendgrid.com facebook.com facebookmail.com qq.com 163.com 126.com
cox.net charter.net rr.com spectrum.net secureserver.net godaddy.com
orange.fr wanadoo.fr laposte.net free.fr sfr.fr
i.ua email.ua bigfoot.com att.net earthlink.net comcast.net naver.com
messagelabs.com symantec.com mimecast.com mimecast.org proofpoint.com pphosted.com
barracuda.com barracudanetworks.com barracudacentral.org trendmicro.com mcafee.com
mxlogic.net spamhaus.org spamcop.net sorbs.net uceprotect.net surriel.com psbl.org
mailspike.net mailspike.org spamrats.com invaluement.com cloudmark.com abuseat.org
senderscore.org returnpath.net junkemailfilter.com imedia.ru dsbl.org pobox.com openspf.org
""".split()

# host labels that say what a host is, not whose it is
GENERIC_LABELS = set("""
mx mx1 mx2 mx3 mx4 mx5 mail mail1 mail2 smtp smtp1 smtp2 smtpin mta mta1 mta2 relay
www mailhost mailserver gateway gw in out inbound outbound email postfix exim
""".split())

# local parts that are roles (and the parts of list addresses such as
# "<list>-admin@", "owner-<list>@"), kept as they are
ROLE_LOCALS = set("""
mailer-daemon postmaster post_master root abuse noreply no-reply daemon mail-daemon nobody
bounce bounces double-bounce majordomo mailerdaemon mail-delivery-subsystem sysadmin admin
administrator hostmaster webmaster mailman listserv owner request help errors error return
""".split())

TLDS = ("com|net|org|jp|de|fr|ru|uk|au|ua|io|info|cn|kr|br|it|nl|es|be|ch|at|us|ca|biz|"
        "edu|gov|tw|hk|sg|nz|se|no|dk|fi|pl|cz|in|mx|ar|cl|za|ie|pt|gr|tr|il|local|test|"
        "invalid|localdomain|arpa|me|co|cc|tv|ws|eu|asia|jobs|mobi|name|pro|xyz|online|site")
SECOND_LEVEL = {"co", "ne", "or", "ac", "go", "ad", "ed", "gr", "lg", "com", "net", "org",
                "edu", "gov"}

LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
DOMAIN_RE = re.compile(r"(?<![A-Za-z0-9_.-])((?:%s\.)+(?:%s))(?![A-Za-z0-9_-])" % (LABEL, TLDS),
                       re.IGNORECASE)
ATEXT = r"A-Za-z0-9!#$%&'*+/=?^_`{|}~.-"
ADDR_RE = re.compile(r"(?<![" + ATEXT + r"])([" + ATEXT.replace("=", "") + r"]{1,64})@((?:" + LABEL + r"\.)+(?:"
                     + TLDS + r"))(?![A-Za-z0-9_-])", re.IGNORECASE)
IPV4_RE = re.compile(r"(?<![0-9.])((?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})"
                     r"(?![0-9]|\.[0-9])")
IPV6_RE = re.compile(r"(?<![0-9A-Fa-f:])((?:[0-9A-Fa-f]{1,4}:){1,7}:?(?:[0-9A-Fa-f]{1,4})?(?::[0-9A-Fa-f]{1,4}){0,6})"
                     r"(?![0-9A-Fa-f:])")
MSGID_RE = re.compile(r"^((?:Message-ID|Message-Id|References|In-Reply-To|X-Original-Message-ID|"
                      r"Original-Message-ID)\s*:[^\n]*(?:\n[ \t][^\n]*)*)", re.IGNORECASE | re.MULTILINE)
ANGLE_ID_RE = re.compile(r"<([^<>@\s]{1,200})@")
QUEUE_ID_RE = re.compile(r"((?<![A-Za-z0-9-])id\s+|X-Postfix-Queue-ID:\s*|X-Queue-ID:\s*|"
                         r"\bqueue id\s+|\bQueue-ID:\s*)([A-Za-z0-9][A-Za-z0-9-]{5,40})(?![A-Za-z0-9@])",
                         re.IGNORECASE)
SENDER_FIELD_RE = re.compile(r"(?:From|Return-Path|Sender|Reply-To|Errors-To)\s*:", re.IGNORECASE)
BOUNDARY_RE = re.compile(r'boundary\s*=\s*(?:"([^"\n]+)"|([^\s;"]+))', re.IGNORECASE)
DATE_RE = re.compile(r"\b((?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s+)?\d{1,2}\s+"
                     r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{4}\s+"
                     r"\d{1,2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|UT|GMT|[A-Z]{3}))")

WORDS = ("kobe trading aoba minato sakura kaze hikari nagoya umeda tenjin hokuto yamato "
         "blue river stone field north harbor cedar maple pine orbit delta nova vertex "
         "lumen atlas crest ridge vale brook mill forge cobalt amber").split()
REAL_TLDS = ["co.jp", "com", "net", "org", "de", "fr", "com.au", "co.uk", "ne.jp", "or.jp",
             "io", "nl", "it", "es", "ca", "com.br", "ch", "se"]


def is_kept(domain):
    d = domain.lower().rstrip(".")
    return any(d == k or d.endswith("." + k) for k in KEEP)


def registrable_split(domain):
    labels = domain.split(".")
    n = 2
    if len(labels) >= 3 and (labels[-2].lower() in SECOND_LEVEL and len(labels[-1]) == 2):
        n = 3
    return labels[:-n], labels[-n:]


class Perturber:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.reg = {}     # registrable domain (lower) -> new registrable domain
        self.labels = {}  # host label (lower) -> new label
        self.locals = {}  # local part -> new local part
        self.ip4 = {}
        self.ip6 = {}
        self.ids = {}
        self.mids = {}

    # --- shapes ---
    def same_classes(self, s):
        out = []
        for ch in s:
            if ch.isdigit():
                out.append(self.rng.choice("0123456789"))
            elif "a" <= ch <= "z":
                out.append(self.rng.choice("abcdefghijklmnopqrstuvwxyz"))
            elif "A" <= ch <= "Z":
                out.append(self.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            else:
                out.append(ch)
        return "".join(out)

    def new_registrable(self):
        while True:
            name = self.rng.choice(WORDS)
            if self.rng.random() < 0.6:
                name += self.rng.choice(["-", ""]) + self.rng.choice(WORDS)
            if self.rng.random() < 0.2:
                name += str(self.rng.randint(2, 99))
            reg = name + "." + self.rng.choice(REAL_TLDS)
            if reg not in self.reg.values() and not is_kept(reg):
                return reg

    def label(self, lab):
        low = lab.lower()
        if low in GENERIC_LABELS or (low[:-1] in GENERIC_LABELS and low[-1:].isdigit()):
            return lab
        if low not in self.labels:
            self.labels[low] = self.same_classes(low) if any(c.isdigit() for c in low) \
                else "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in low)
        return self.labels[low]

    def domain(self, dom):
        if is_kept(dom):
            return dom
        trail = "." if dom.endswith(".") else ""
        host, reg = registrable_split(dom.rstrip("."))
        key = ".".join(reg).lower()
        if key not in self.reg:
            self.reg[key] = self.new_registrable()
        new = ".".join([self.label(x) for x in host] + [self.reg[key]])
        if dom.isupper():
            new = new.upper()
        return new + trail

    def local(self, loc, dom):
        if loc.lower() in ROLE_LOCALS or loc.lower().startswith("mailer-daemon"):
            return loc
        if loc not in self.locals:
            # "<list>-admin", "owner-<list>": the role part stays
            parts = re.split(r"([-_.+=])", loc)
            self.locals[loc] = "".join(x if x.lower() in ROLE_LOCALS or re.fullmatch(r"[-_.+=]", x)
                                       else self.same_classes(x) for x in parts)
        return self.locals[loc]

    def message_id(self, s):
        """a Message-ID's local part: each run of letters and digits gets
        others of the same classes, but a leading word of three letters or
        more stays (".JavaMail.", fml's ".FMLxxxx", "qmail")"""
        def run(m):
            w = re.match(r"[A-Za-z]{3,}", m.group(0))
            keep = w.group(0) if w else ""
            return keep + self.same_classes(m.group(0)[len(keep):])
        if s not in self.mids:
            self.mids[s] = re.sub(r"[A-Za-z0-9]+", run, s)
        return self.mids[s]

    def ipv4(self, ip):
        parts = [int(x) for x in ip.split(".")]
        if parts[0] in (0, 127, 255) or ip.startswith("169.254.") or parts[0] >= 224:
            return ip
        if ip not in self.ip4:
            r = self.rng
            if parts[0] == 10:
                new = "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
            elif parts[0] == 192 and parts[1] == 168:
                new = "192.168.%d.%d" % (r.randint(0, 255), r.randint(1, 254))
            elif parts[0] == 172 and 16 <= parts[1] <= 31:
                new = "172.%d.%d.%d" % (r.randint(16, 31), r.randint(0, 255), r.randint(1, 254))
            else:
                first = r.choice([198, 100, 45, 81, 133, 151, 185, 212])
                # 198.18.0.0/15 (benchmarking, public-shaped); 100.0.0.0/10 only
                # below the shared 100.64.0.0/10
                second = {198: r.randint(18, 19), 100: r.randint(0, 63)}.get(first, r.randint(1, 254))
                new = "%d.%d.%d.%d" % (first, second, r.randint(0, 255), r.randint(1, 254))
            self.ip4[ip] = new
        return self.ip4[ip]

    def ipv6(self, ip):
        if ip not in self.ip6:
            r = self.rng
            groups = ["2a0%x" % r.randint(1, 15), "%x" % r.randint(0x100, 0xffff),
                      "%x" % r.randint(0, 0xffff)]
            self.ip6[ip] = ":".join(groups) + "::" + "%x" % r.randint(1, 0xffff)
        return self.ip6[ip]

    def an_id(self, s):
        if s not in self.ids:
            self.ids[s] = self.same_classes(s)
        return self.ids[s]

    # --- one message ---
    @staticmethod
    def unfold_qp(text):
        """join the soft line breaks of quoted-printable bodies, so that an
        address cut by one ("user=\\n@example.com") is rewritten whole"""
        out, qp, in_body, header_qp = [], False, False, False
        lines = text.split("\n")
        i = 0
        while i < len(lines):
            line = lines[i]
            low = line.lower()
            if line.startswith("--"):
                qp, in_body, header_qp = False, False, False
            elif not in_body and "content-transfer-encoding:" in low:
                header_qp = "quoted-printable" in low
            elif not in_body and line.strip() == "":
                in_body, qp = True, header_qp
            if qp and in_body and line.endswith("=") and i + 1 < len(lines) \
                    and not lines[i + 1].startswith("--"):
                lines[i + 1] = line[:-1] + lines[i + 1]
                i += 1
                continue
            out.append(line)
            i += 1
        return "\n".join(out)

    def message(self, data):
        text = self.unfold_qp(data.decode("latin-1"))
        # Message-ID fields first, then set aside so that their ids are not
        # read as addresses by the passes below
        held = []

        def hold(m):
            field = ANGLE_ID_RE.sub(lambda n: "<%s@" % self.message_id(n.group(1)), m.group(1))
            field = DOMAIN_RE.sub(lambda n: self.domain(n.group(1)), field)
            held.append(field)
            return "\x00\x01%d\x01\x00" % (len(held) - 1)
        text = MSGID_RE.sub(hold, text)
        # MIME boundaries stay as they are (the parameter and the delimiter
        # lines must keep matching)
        bounds = {a or b for a, b in BOUNDARY_RE.findall(text)}
        for b in sorted(bounds, key=len, reverse=True):
            if len(b) >= 4:
                held.append(b)
                text = text.replace(b, "\x00\x01%d\x01\x00" % (len(held) - 1))
        text = QUEUE_ID_RE.sub(self._queue_id, text)
        # local parts first (their domains as written), then every domain
        # once, in addresses and elsewhere alike
        text = ADDR_RE.sub(lambda m: self._address(m, text), text)
        text = DOMAIN_RE.sub(lambda m: self.domain(m.group(1)), text)
        text = IPV4_RE.sub(lambda m: self.ipv4(m.group(1)), text)
        text = IPV6_RE.sub(self._ipv6, text)
        shift = self.rng.randint(-3000, 3000) * 86400 + self.rng.randint(-43200, 43200)
        text = DATE_RE.sub(lambda m: self._date(m.group(1), shift), text)
        text = re.sub("\x00\x01(\\d+)\x01\x00", lambda m: held[int(m.group(1))], text)
        return text.encode("latin-1")

    def _address(self, m, text):
        loc, dom = m.group(1), m.group(2)
        if is_kept(dom):
            # a provider's own sender (staff@hotmail.com, apps@sendgrid.net)
            line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
            if SENDER_FIELD_RE.match(line):
                return m.group(0)
        return "%s@%s" % (self.local(loc, dom), dom)

    def _queue_id(self, m):
        tok = m.group(2)
        # words are not ids: an id has a digit, or mixes cases
        if not any(c.isdigit() for c in tok) and not (tok.lower() != tok and tok.upper() != tok):
            return m.group(0)
        return m.group(1) + self.an_id(tok)

    def _ipv6(self, m):
        s = m.group(1)
        # an address: "::" or seven colons, and at least one group with a letter
        # or of more than two digits (times such as 23:34:45 have neither)
        if ("::" not in s and s.count(":") != 7) or s.count(":") < 2:
            return s
        groups = [g for g in s.split(":") if g]
        if not groups or all(len(g) <= 2 and g.isdigit() for g in groups):
            return s
        if s.lower() in ("::", "::1"):
            return s
        return self.ipv6(s)

    @staticmethod
    def _date(s, shift):
        t = email.utils.parsedate_tz(s)
        if t is None:
            return s
        try:
            ts = email.utils.mktime_tz(t) + shift
            tz = t[9] if t[9] is not None else 0
            out = email.utils.formatdate(ts + tz, localtime=False, usegmt=False)
        except (OverflowError, ValueError):
            return s
        # formatdate gives "-0000" for UTC: write the original zone instead
        sign = "-" if tz < 0 or s.rstrip().endswith("-0000") else "+"
        zone = "%s%02d%02d" % (sign, abs(tz) // 3600, abs(tz) % 3600 // 60)
        out = out[:-5] + zone
        if "," not in s:
            out = out.split(", ", 1)[1]
        return out


def perturb_tree(src, dst, seed=1):
    """Copy every file under src to dst (same relative names), perturbed."""
    p = Perturber(seed)
    count = 0
    for root, _dirs, files in os.walk(src):
        rel = os.path.relpath(root, src)
        out_dir = os.path.join(dst, rel)
        os.makedirs(out_dir, exist_ok=True)
        for name in sorted(files):
            if name.startswith("."):
                continue
            with open(os.path.join(root, name), "rb") as fh:
                data = fh.read()
            with open(os.path.join(out_dir, name), "wb") as fh:
                fh.write(p.message(data))
            count += 1
    return count


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    n = perturb_tree(a.src, a.dst, a.seed)
    print("%d messages perturbed into %s" % (n, a.dst))


if __name__ == "__main__":
    sys.exit(main())
