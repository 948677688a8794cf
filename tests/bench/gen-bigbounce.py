#!/usr/bin/env python3
"""Write, deterministically, one bounce that carries a big original message.

    gen-bigbounce.py OUT [MB]

OUT gets an RFC 3464 bounce (multipart/report: a text notice, a
message/delivery-status part, a message/rfc822 part) whose original is a
multipart/mixed message of about MB megabytes (default 20): a short text
body and base64 attachments (a PDF-like document, a photo-like JPEG, a
ZIP), all pseudo-random bytes from a fixed seed.  The bench (bench.py) and
the cli test test_bigoriginal.py use it: reading such a bounce must cost no
more than reading its bytes once; the original's body is never decoded.
Addresses are the project's own (example.com, example.net, 192.0.2.x).
SPDX-License-Identifier: BSD-2-Clause
"""
import base64
import random
import sys

HEAD = """\
Return-Path: <>
Received: from mx.example.net (mx.example.net [192.0.2.25])
\tby mail.example.com (Postfix) with ESMTP id 4AB12C0F3A
\tfor <sender@example.com>; Wed, 25 Nov 2026 10:00:05 +0900 (JST)
Date: Wed, 25 Nov 2026 10:00:05 +0900 (JST)
From: MAILER-DAEMON@mail.example.com (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: sender@example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="=_report_4AB12C0F3A"
Message-Id: <20261125010005.4AB12C0F3A@mail.example.com>

This is a MIME-encapsulated message.

--=_report_4AB12C0F3A
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.example.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<bigoriginal@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1
    <bigoriginal@example.net>: Recipient address rejected: User unknown in
    virtual mailbox table (in reply to RCPT TO command)

--=_report_4AB12C0F3A
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.com
X-Postfix-Queue-ID: 4AB12C0F3A
X-Postfix-Sender: rfc822; sender@example.com
Arrival-Date: Wed, 25 Nov 2026 10:00:01 +0900 (JST)

Final-Recipient: rfc822; bigoriginal@example.net
Original-Recipient: rfc822;bigoriginal@example.net
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; 550 5.1.1 <bigoriginal@example.net>: Recipient address
    rejected: User unknown in virtual mailbox table

--=_report_4AB12C0F3A
Content-Description: Undelivered Message
Content-Type: message/rfc822

Received: from client.example.com (client.example.com [192.0.2.10])
\tby mail.example.com (Postfix) with ESMTPSA id 4AB12C0F3A
\tfor <bigoriginal@example.net>; Wed, 25 Nov 2026 10:00:01 +0900 (JST)
From: Sender <sender@example.com>
To: Big Original <bigoriginal@example.net>
Subject: The quarterly photos and reports
Date: Wed, 25 Nov 2026 10:00:00 +0900
Message-ID: <bigoriginal.20261125@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="=_original_mixed"

--=_original_mixed
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Hello,

here are the photos and the reports of the quarter.=20
Regards

"""

ATTACHMENTS = [
    ("application/pdf", "report-q4.pdf", 0.30),
    ("image/jpeg", "photo-0001.jpg", 0.45),
    ("application/zip", "archive.zip", 0.25),
]


def attachment(rnd, ctype, name, nbytes):
    raw = rnd.randbytes(nbytes)
    b64 = base64.encodebytes(raw)  # 76-character lines
    return ("--=_original_mixed\n"
            "Content-Type: %s; name=\"%s\"\n"
            "Content-Disposition: attachment; filename=\"%s\"\n"
            "Content-Transfer-Encoding: base64\n\n" % (ctype, name, name)).encode() + b64 + b"\n"


def make(mb=20):
    """the bounce's bytes: about mb megabytes, the same for the same mb"""
    rnd = random.Random(20261125)
    # base64 grows bytes by 4/3 (plus a newline per 76 characters)
    raw_total = int(mb * 1024 * 1024 * 3 / 4 * 76 / 77)
    out = [HEAD.encode()]
    for ctype, name, share in ATTACHMENTS:
        out.append(attachment(rnd, ctype, name, int(raw_total * share)))
    out.append(b"--=_original_mixed--\n\n--=_report_4AB12C0F3A--\n")
    return b"".join(out)


def main():
    out = sys.argv[1]
    mb = float(sys.argv[2]) if len(sys.argv) > 2 else 20
    data = make(mb)
    with open(out + ".part", "wb") as fh:
        fh.write(data)
    import os
    os.replace(out + ".part", out)


if __name__ == "__main__":
    main()
