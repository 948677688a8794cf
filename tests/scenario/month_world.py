"""The month's world (gen_month.py): the hosting company, its servers and
customers, the destinations, the dates of the month's story (the episodes),
what each category of message is, and the planned message and recipient.

SPDX-License-Identifier: BSD-2-Clause
"""
import datetime as dt

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
