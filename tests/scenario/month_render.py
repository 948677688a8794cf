"""The month's messages as bytes (gen_month.py): the bounces as Postfix, Exim
and Sendmail write them, spam and auto-replies, the original message they
carry, and the mbox and Maildir envelope of each.

SPDX-License-Identifier: BSD-2-Clause
"""
import base64
import datetime as dt
import email.header
import email.quoprimime
import email.utils
import os

from month_world import JST, SERVERS, UTC

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
