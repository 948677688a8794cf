/* test-lhost-providers.c - provider and appliance format parsers on
 * bounces written here
 *
 * Every case is a short bounce in one provider's layout, made up for this
 * test (example.com/.net/.org/.jp addresses, documentation IP ranges),
 * passed through bs_mail_parse() and bs_parse_mail(): the records must
 * name the recipients, status, reply code and format the layout states,
 * and the reason where the format states one itself.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <gmime/gmime.h>
#include <string.h>

#include "lhost.h"
#include "mail.h"
#include "record.h"

typedef struct {
  const char *name;
  const char *message;
  const char *mta;         /* the format that must claim it */
  guint records;           /* how many records */
  const char *recipient;   /* first record's */
  const char *status;      /* NULL: none stated */
  guint reply;             /* 0: none stated */
  const char *reason;      /* NULL: not stated by the format (not checked) */
} Bounce;

#define MULTIPART(b) "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"" b "\"\n\n"
#define MIXED(b) "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"" b "\"\n\n"
#define ORIGINAL "Content-Type: message/rfc822\n\nFrom: sender@example.net\nTo: rcpt@example.org\nSubject: hello\n\nhi\n"

static const Bounce bounces[] = {
  { "yahoo",
    "From: MAILER-DAEMON@mail.example.net\nTo: sender@example.net\nSubject: Failure Notice\n"
    "X-YMailISG: abcdefghijklmnop\n\n"
    "Sorry, we were unable to deliver your message to the following address.\n\n"
    "<alice@example.org>:\n"
    "Remote host said: 550 5.1.1 <alice@example.org>... User Unknown [RCPT_TO]\n\n"
    "--- Below this line is a copy of the message.\n\nSubject: hello\n",
    "yahoo", 1, "alice@example.org", "5.1.1", 550, NULL },
  { "gmail",
    "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: sender@example.net\n"
    "Subject: Delivery Status Notification (Failure)\nX-Failed-Recipients: bob@example.jp\n\n"
    "Delivery to the following recipient failed permanently:\n\n"
    "     bob@example.jp\n\n"
    "Technical details of permanent failure:\n"
    "Google tried to deliver your message, but it was rejected by the server for the recipient "
    "domain example.jp by mx.example.jp. [192.0.2.25].\n\n"
    "The error that the other server returned was:\n"
    "550 5.2.2 <bob@example.jp>... Mailbox Full\n\n"
    "----- Original message -----\n\nSubject: hello\n",
    "gmail", 1, "bob@example.jp", "5.2.2", 550, NULL },
  { "gmail-state",
    "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: sender@example.net\n"
    "Subject: Delivery Status Notification (Failure)\n\n"
    "Delivery to the following recipient failed permanently:\n\n"
    "     carol@example.com\n\n"
    "Technical details of permanent failure:\n"
    "Google tried to deliver your message, but it was rejected by the recipient domain. "
    "The error that the other server returned was: 500 Remote server does not support TLS (state 6).\n\n"
    "----- Original message -----\n\nSubject: hello\n",
    "gmail", 1, "carol@example.com", NULL, 500, "systemerror" },
  { "googlegroups",
    "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: sender@example.net\n"
    "Subject: Delivery Status Notification (Failure)\nX-Failed-Recipients: team@example.com\n"
    "X-Google-Smtp-Source: ABCDEF0123\n\n"
    "Hello sender@example.net,\n\n"
    "We're writing to let you know that the group you tried to contact (team) may not exist.\n\n"
    " * You might have spelled or formatted the group name incorrectly.\n"
    " * The owner of the group may have removed this group.\n"
    " * You may need to join the group before receiving permission to post.\n"
    " * This group may not be open to posting.\n\n"
    "Thanks,\n\nGoogle Groups\n\n----- Original message -----\n\nSubject: hello\n",
    "googlegroups", 1, "team@example.com", NULL, 0, "rejected" },
  { "googleworkspace",
    "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: sender@example.net\n"
    "Subject: Delivery Status Notification (Failure)\nX-Gm-Message-State: AAAA0123\n"
    MULTIPART ("G")
    "--G\nContent-Type: text/plain\n\n\n** Address not found **\n\n"
    "Your message wasn't delivered to dave@example.org because the address couldn't be found. "
    "Check for typos or unnecessary spaces and try again.\n\n"
    "The response from the remote server was:\n550 5.1.1 The email account does not exist.\n\n"
    "--G\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; googlemail.com\n\nFinal-Recipient: rfc822; dave@example.org\n"
    "Action: failed\nStatus: 5.0.0\nRemote-MTA: dns; mx.example.org. (192.0.2.31)\n\n"
    "--G\n" ORIGINAL "--G--\n",
    "googleworkspace", 1, "dave@example.org", "5.1.1", 550, "userunknown" },
  { "office365",
    "From: postmaster@example.onmicrosoft.com\nTo: sender@example.net\nSubject: Undeliverable: hello\n"
    "X-MS-Exchange-Message-Is-Ndr: 1\n"
    "Received: from AB1PR01MB0001.eurprd01.prod.outlook.com (192.0.2.40) by AB1PR01MB0002.eurprd01.prod.outlook.com\n"
    MULTIPART ("O")
    "--O\nContent-Type: text/plain\n\n"
    "Delivery has failed to these recipients or groups:\n\n"
    "erin@example.com<mailto:erin@example.com>\nThe email address you entered couldn't be found.\n\n"
    "Diagnostic information for administrators:\n\nGenerating server: AB1PR01MB0002.eurprd01.prod.outlook.com\n\n"
    "erin@example.com\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found'\n\n"
    "Original message headers:\n\nSubject: hello\n\n"
    "--O\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns;AB1PR01MB0002.eurprd01.prod.outlook.com\n\n"
    "Final-Recipient: rfc822;erin@example.com\nAction: failed\nStatus: 5.1.10\n"
    "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found\n\n"
    "--O\n" ORIGINAL "--O--\n",
    "office365", 1, "erin@example.com", "5.1.10", 550, "userunknown" },
  { "exchange2007",
    "From: postmaster@example.jp\nTo: sender@example.net\nSubject: Undeliverable: hello\n"
    "Content-Language: en-US\n" MULTIPART ("E")
    "--E\nContent-Type: text/plain\n\n"
    "Delivery has failed to these recipients or groups:\n\nfrank@example.jp\n\n"
    "Diagnostic information for administrators:\n\nGenerating server: mail.example.jp\n\n"
    "frank@example.jp\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n\n"
    "Original message headers:\n\nSubject: hello\n\n--E--\n",
    "exchange2007", 1, "frank@example.jp", "5.1.1", 550, "userunknown" },
  { "exchange2003",
    "From: System Administrator <postmaster@example.com>\nTo: sender@example.net\n"
    "Subject: Undeliverable: hello\nX-MS-Embedded-Report: \nX-Mailer: Internet Mail Service (5.5.2653.19)\n\n"
    "Your message\n\n  To:      grace@example.com\n  Subject: hello\n"
    "  Sent:    Thu, 29 Apr 2010 10:00:00 +0900\n\n"
    "did not reach the following recipient(s):\n\n"
    "grace@example.com on Thu, 29 Apr 2010 10:00:01 +0900\n"
    "    The recipient name is not recognized\n"
    "    MSEXCH:IMS:EXAMPLE:MAIL:SERVER 0 (000C05A6) Unknown Recipient\n",
    "exchange2003", 1, "grace@example.com", NULL, 0, "userunknown" },
  { "outlook",
    "From: postmaster@hotmail.example.com\nTo: sender@example.net\n"
    "Subject: Delivery Status Notification (Failure)\nX-Message-Delivery: Vj0xLjE7\n"
    MULTIPART ("H")
    "--H\nContent-Type: text/plain\n\n"
    "This is an automatically generated Delivery Status Notification.\n\nDelivery to the following recipients failed.\n\n"
    "       heidi@example.org\n\n"
    "--H\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns;mail.hotmail.example.com\n\nFinal-Recipient: rfc822;heidi@example.org\n"
    "Action: failed\nStatus: 5.5.0\n"
    "Diagnostic-Code: smtp;550 Requested action not taken: mailbox unavailable\n\n--H--\n",
    "outlook", 1, "heidi@example.org", "5.5.0", 550, "userunknown" },
  { "amazonses",
    "From: MAILER-DAEMON@email-bounces.amazonses.com\nTo: sender@example.net\n"
    "Subject: Delivery Status Notification (Failure)\nX-SES-Outgoing: 2020.01.01-192.0.2.50\n"
    MULTIPART ("A")
    "--A\nContent-Type: text/plain\n\n"
    "An error occurred while trying to deliver the mail to the following recipients:\nivan@example.com\n\n"
    "--A\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; a1-2.smtp-out.amazonses.com\n\n"
    "Final-Recipient: rfc822; ivan@example.com\nAction: failed\nStatus: 5.0.0 (permanent failure)\n"
    "Diagnostic-Code: smtp; 5.1.0 - Unknown address error 550-'5.7.1 Access denied' (delivery attempts: 0)\n\n"
    "--A\n" ORIGINAL "--A--\n",
    "amazonses", 1, "ivan@example.com", "5.7.1", 550, NULL },
  { "amazonses-json",
    "From: AWS Notifications <no-reply@sns.amazonaws.com>\nTo: sender@example.net\n"
    "Subject: AWS Notification Message\nx-amz-sns-message-id: 0123-4567\n\n"
    "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\","
    "\"bouncedRecipients\":[{\"emailAddress\":\"judy@example.org\",\"action\":\"failed\",\"status\":\"5.1.1\","
    "\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}],\"timestamp\":\"2020-01-01T00:00:00.000Z\","
    "\"reportingMTA\":\"dsn; a1-2.smtp-out.amazonses.com\"},\"mail\":{\"timestamp\":\"2020-01-01T00:00:00.000Z\","
    "\"messageId\":\"0100-abcd\",\"headers\":[{\"name\":\"Subject\",\"value\":\"hello\"}]}}\n",
    "amazonses", 1, "judy@example.org", "5.1.1", 550, NULL },
  { "amazonses-complaint",
    "From: AWS Notifications <no-reply@sns.amazonaws.com>\nTo: sender@example.net\n"
    "Subject: AWS Notification Message\nx-amz-sns-message-id: 89ab-cdef\n\n"
    "{\"notificationType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":"
    "\"mallory@example.com\"}],\"timestamp\":\"2020-01-01T00:00:00.000Z\",\"complaintFeedbackType\":\"abuse\"},"
    "\"mail\":{\"timestamp\":\"2020-01-01T00:00:00.000Z\"}}\n",
    "amazonses", 1, "mallory@example.com", NULL, 0, "feedback" },
  { "amazonworkmail",
    "From: MAILER-DAEMON@us-west-2.amazonses.com\nTo: sender@example.net\n"
    "Subject: Delivery Status Notification (Failure)\nX-SES-Outgoing: 2020.01.01-192.0.2.51\n"
    "X-Mailer: Amazon WorkMail\n" MIXED ("W")
    "--W\nContent-Type: text/plain\n\n"
    "An error occurred while trying to deliver the mail to the following recipients:\nniaj@example.jp\n\n"
    "Technical report:\n\nReporting-MTA: dsn; a1-3.smtp-out.us-west-2.amazonses.com\n\n"
    "Action: failed\nFinal-Recipient: rfc822; niaj@example.jp\n"
    "Diagnostic-Code: smtp; 554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>\n"
    "Status: 4.4.7\n\n--W--\n",
    "amazonworkmail", 1, "niaj@example.jp", "4.4.2", 421, NULL },
  { "receivingses",
    "From: postmaster@example.jp\nTo: sender@example.net\nSubject: Delivery Status Notification (Failure)\n"
    "X-SES-Outgoing: 2020.01.01-192.0.2.52\n" MULTIPART ("R")
    "--R\nContent-Type: text/plain\n\nThis message could not be delivered.\n\n"
    "--R\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; inbound-smtp.us-west-2.amazonaws.com\n\n"
    "Action: failed\nFinal-Recipient: rfc822; olivia@example.jp\n"
    "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\nStatus: 5.2.2\n\n--R--\n",
    "receivingses", 1, "olivia@example.jp", "5.2.2", 552, "mailboxfull" },
  { "sendgrid",
    "Return-Path: <apps@sendgrid.net>\nFrom: MAILER-DAEMON@mx.example.net\nTo: sender@example.net\n"
    "Subject: Undelivered Mail Returned to Sender\n" MULTIPART ("SG")
    "--SG\nContent-Type: text/plain\n\n"
    "This is an automatically generated message from SendGrid.\n\n"
    "peggy:000000:<peggy@example.com> : 192.0.2.60 : mx.example.com:[192.0.2.61] : 550 5.1.1 User Unknown  in RCPT TO\n\n"
    "--SG\nContent-Type: message/delivery-status\n\nArrival-Date: 2020-01-01 00-00-00\n\n"
    "Final-Recipient: rfc822; peggy@example.com\nAction: failed\nStatus: 5.1.1\n"
    "Diagnostic-Code: 550 5.1.1 <peggy@example.com>... User Unknown\n\n--SG--\n",
    "sendgrid", 1, "peggy@example.com", "5.1.1", 550, NULL },
  { "zoho",
    "From: mailer-daemon@mail.zoho.example.com\nTo: sender@example.net\n"
    "Subject: Undelivered Mail Returned to Sender\nX-ZohoMail: Si CHF_MF_NL\n\n"
    "This message was created automatically by mail delivery software.\n"
    "A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.\n\n"
    "rupert@example.co.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <rupert@example.co.jp>... User Unknown\n\n"
    "Received:from mail.zoho.example.com by mx.zohomail.example.com\nSubject: hello\n",
    "zoho", 1, "rupert@example.co.jp", "5.1.1", 550, NULL },
  { "gmx",
    "From: MAILER-DAEMON@mail.gmx.example.net\nTo: sender@example.net\n"
    "Subject: Mail delivery failed: returning message to sender\nX-GMX-Antispam: 0\n\n"
    "This message was created automatically by mail delivery software.\n\n"
    "A message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error.\n\n"
    "\"sybil@example.jp\":\nSMTP error from remote server after RCPT command:\nhost: mx.example.jp\n"
    "5.2.2 <sybil@example.jp>... Mailbox Full\n\n"
    "--- The header of the original message is following. ---\n\nSubject: hello\n",
    "gmx", 1, "sybil@example.jp", "5.2.2", 0, NULL },
  { "yandex",
    "From: mailer-daemon@yandex.ru\nTo: sender@example.net\nSubject: Delivery failure\n"
    "X-Yandex-Uniq: 0123-abcd\n" MULTIPART ("Y")
    "--Y\nContent-Type: text/plain\n\nThis is the mail system at host yandex.ru.\n\n"
    "<trent@example.jp>: host mx.example.jp[192.0.2.70] said: 550 5.1.1\n"
    "    <trent@example.jp>... User Unknown (in reply to RCPT TO command)\n\n"
    "--Y\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; forward1.mail.yandex.net\n\n"
    "Final-Recipient: rfc822; trent@example.jp\nAction: failed\nStatus: 5.1.1\n"
    "Remote-MTA: dns; mx.example.jp\nDiagnostic-Code: smtp; 550 5.1.1 <trent@example.jp>... User Unknown\n\n--Y--\n",
    "yandex", 1, "trent@example.jp", "5.1.1", 550, NULL },
  { "mcafee",
    "From: <MAILER-DAEMON@gw.example.jp>\nTo: sender@example.net\nSubject: Delivery Status\n"
    "X-NAI-Header: Modified by McAfee Email Gateway\n" MIXED ("M")
    "--M\nContent-Type: text/plain\n\n    --- The following addresses had delivery problems ---\n\n"
    "<victor@example.jp>   (User unknown victor@example.jp)\n\n"
    "--M\nContent-Type: message/delivery-status\n\nOriginal-Recipient: <victor@example.jp>\nAction: failed\n"
    "Diagnostic-Code: smtp; 550 Unknown user victor@example.jp\nRemote-MTA: 192.0.2.80\n\n--M--\n",
    "mcafee", 1, "victor@example.jp", NULL, 550, "userunknown" },
  { "mxlogic",
    "From: Mail Delivery System <MAILER-DAEMON@relay.example.net>\nTo: sender@example.net\n"
    "Subject: Mail delivery failed\nX-MX-Bounce: mta/src/queue/bounce\n\n"
    "This message was created automatically by mail delivery software.\n\n"
    "A message that you have sent could not be delivered to one or more\nrecipients.  This is a permanent error.\n\n"
    "  <walter@example.co.jp>: 550 5.1.1 <walter@example.co.jp>: Recipient address rejected: User unknown\n\n"
    "Included is a copy of the message header:\n-----\nSubject: hello\n",
    "mxlogic", 1, "walter@example.co.jp", "5.1.1", 550, NULL },
  { "surfcontrol",
    "From: <MAILER-DAEMON@example.com>\nTo: sender@example.net\nSubject: hello\n"
    "X-SEF-Processed: 0_0_0_000\nX-Mailer: SurfControl E-mail Filter\n" MULTIPART ("SC")
    "--SC\nContent-Type: text/plain\n\nYour message could not be sent.\n"
    "A transcript of the attempts to send the message follows.\nAddressed To: xavier@example.com\n\n"
    "Thu 29 Apr 2010 10:00:00 +0900\nFailed to send to identified host,\n"
    "xavier@example.com: [192.0.2.90], 550 xavier@example.com... No such user\n\n--SC--\n",
    "surfcontrol", 1, "xavier@example.com", NULL, 550, NULL },
  { "mailfoundry",
    "From: MAILER-DAEMON@example.org\nTo: sender@example.net\nSubject: Message delivery has failed\n"
    "Received: from mx.example.org (192.0.2.91) by gw.example.org (MAILFOUNDRY) id 0123\n\n"
    "Unable to deliver message to: <yvonne@example.org>\nDelivery failed for the following reason:\n"
    "mx.example.org[192.0.2.92] responded with failure: 552 mailbox over quota (#5.2.2)\n\n"
    "This has been a permanent failure.\n",
    "mailfoundry", 1, "yvonne@example.org", "5.2.2", 552, NULL },
  { "mailmarshalsmtp",
    "From: postmaster@example.com\nTo: sender@example.net\nSubject: Undeliverable Mail: \"hello\"\n\n"
    "Your message:\n   From:    sender@example.net\n   Subject: hello\n\n"
    "Could not be delivered because of\n\n550 5.1.1 User unknown\n\n"
    "The following recipients were affected: \n    zoe@example.com\n\n"
    "Additional Information\n======================\nReporting-MTA:      <relay.example.com>\n",
    "mailmarshalsmtp", 1, "zoe@example.com", "5.1.1", 550, NULL },
  { "verizon",
    "From: post_master@vtext.com\nTo: sender@example.net\nSubject: Re: hello\n"
    "Received: from gw.vtext.com (192.0.2.93) by mx.example.net\n\n"
    "Error: Invalid user address\n\nError message below:\n550 - Requested action not taken: no such user here\n\n"
    "Message details:\n  Subject: hello\n  MAIL FROM: sender@example.net\n  RCPT TO: 0000000000@vtext.com\n",
    "verizon", 1, "0000000000@vtext.com", NULL, 550, "userunknown" },
  { "facebook",
    "From: Facebook <mailer-daemon@mx.facebook.com>\nTo: sender@example.net\n"
    "Subject: Sorry, your message could not be delivered\n" MULTIPART ("F")
    "--F\nContent-Type: text/plain\n\nThis message was created automatically by Facebook.\n\n"
    "--F\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.facebook.com\n\n"
    "Final-Recipient: rfc822; someone@facebook.com\nAction: failed\nStatus: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 5.1.1 RCP-P1 Recipient address does not exist\n\n--F--\n",
    "facebook", 1, "someone@facebook.com", "5.1.1", 550, "userunknown" },
  { "einsundeins",
    "From: \"Mail Delivery System\" <mailer-daemon@mx.example.de>\nTo: sender@example.net\n"
    "Subject: Mail delivery failed: returning message to sender\n\n"
    "This message was created automatically by mail delivery software.\n\n"
    "A message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error.\n\n"
    "The following address failed:\n\namy@example.org\n\nFor the following reason:\n\n"
    "Mail size limit exceeded. For explanation visit the postmaster pages\n\n"
    "--- The header of the original message is following. ---\n\nSubject: hello\n",
    "einsundeins", 1, "amy@example.org", NULL, 0, "mesgtoobig" },
  { "aol",
    "From: Mail Delivery Subsystem <MAILER-DAEMON@aol.example.com>\nTo: sender@example.net\n"
    "Subject: Undelivered Mail Returned to Sender\nX-AOL-IP: 192.0.2.94\n" MULTIPART ("L")
    "--L\nContent-Type: text/plain\n\nThe mail system\n\n"
    "--L\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; omr.aol.example.com\n\n"
    "Final-Recipient: rfc822; brian@example.jp\nAction: failed\nStatus: 5.4.4\n"
    "Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error for name=example.jp type=A: Host not found\n\n--L--\n",
    "aol", 1, "brian@example.jp", "5.4.4", 0, "hostunknown" },
  { "arf",
    "From: fbl@example.com\nTo: abuse@example.net\nSubject: Abuse Report\n"
    "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=feedback-report; boundary=\"R\"\n\n"
    "--R\nContent-Type: text/plain\n\nThis is an email abuse report for an email message received from IP 192.0.2.95\n\n"
    "--R\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: ExampleFBL/1.0\nVersion: 1\n"
    "Original-Rcpt-To: chris@example.com\nOriginal-Rcpt-To: dana@example.com\nSource-IP: 192.0.2.95\n\n"
    "--R\n" ORIGINAL "--R--\n",
    "arf", 2, "chris@example.com", NULL, 0, "feedback" },
  { "rfc3834",
    "From: Eve <eve@example.org>\nTo: sender@example.net\nSubject: Automatic reply: hello\n"
    "Auto-Submitted: auto-replied\n\nI am out of the office until Monday.\n",
    "rfc3834", 1, "eve@example.org", NULL, 0, "vacation" },
  { "rfc3464-written",
    "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\nTo: sender@example.net\n"
    "Subject: Returned mail: User unknown\n\n"
    "The original message was received at Thu, 29 Apr 2010 10:00:00 +0900\n\n"
    "Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: RFC822; fred@example.org\nAction: failed\n"
    "Status: 5.1.1\nDiagnostic-Code: SMTP; 550 5.1.1 <fred@example.org>... User unknown\n\n"
    "Return-Path: <sender@example.net>\nSubject: hello\n",
    "rfc3464", 1, "fred@example.org", "5.1.1", 550, NULL },
  { "generic-text",
    "From: MAILER-DAEMON@mx.example.net\nTo: sender@example.net\nSubject: Returned mail: hello\n\n"
    "User's mailbox is full: <gina@example.jp>\nUnable to deliver mail.\n",
    "generic", 1, "gina@example.jp", NULL, 0, NULL },
  { "mda-dovecot",
    "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\nTo: sender@example.net\n"
    "Subject: Returned mail: see transcript for details\n" MULTIPART ("D")
    "--D\nContent-Type: text/plain\n\nYour message to <hank> was automatically rejected:\nQuota exceeded (mailbox for user is full)\n\n"
    "--D\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
    "Final-Recipient: RFC822; hank@example.net\nAction: failed\nStatus: 5.2.2\n\n--D--\n",
    "dovecot", 1, "hank@example.net", "5.2.2", 0, "mailboxfull" },
};

static void
check_bounce (gconstpointer data)
{
  const Bounce *b = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (BsMail) mail = bs_mail_parse (b->message, strlen (b->message), b->name, 0, &error);
  g_assert_no_error (error);
  const char *mta = NULL;
  g_autoptr (GPtrArray) records = bs_parse_mail (mail, &mta);
  g_assert_cmpuint (records->len, ==, b->records);
  const BsRecord *first = g_ptr_array_index (records, 0);
  /* a module may name the software more precisely than itself (mda) */
  g_assert_cmpstr (first->mta, ==, b->mta);
  g_assert_cmpstr (first->recipient, ==, b->recipient);
  g_assert_cmpstr (first->status, ==, b->status);
  g_assert_cmpuint (first->reply_code, ==, b->reply);
  if (b->reason != NULL)
    {
      g_assert_cmpstr (bs_reason_name (first->reason), ==, b->reason);
      g_assert_nonnull (first->rule);
      g_assert_nonnull (first->evidence);
    }
  (void) mta;
}

/* messages that look a little like a provider's but are not bounces */
static void
check_not_bounces (void)
{
  static const char *const messages[] = {
    /* a Yahoo user's ordinary mail */
    "From: friend@example.com\nTo: me@example.net\nSubject: hi\nX-YMailISG: abc\n\nSee you <me@example.net>:\n",
    /* an Office 365 user's ordinary mail */
    "From: boss@example.onmicrosoft.com\nTo: me@example.net\nSubject: Undeliverable: the plan\n"
    "X-Microsoft-Antispam-PRVS: <x@example.prod.outlook.com>\n\nThe plan cannot be delivered on time.\n",
    /* an SNS notification that is no SES event */
    "From: no-reply@sns.amazonaws.com\nTo: me@example.net\nSubject: AWS Notification Message\n"
    "x-amz-sns-message-id: 1\n\n{\"Type\":\"Notification\",\"Message\":\"{\\\"alarm\\\":1}\"}\n",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr (BsMail) mail = bs_mail_parse (messages[i], strlen (messages[i]), "plain", 0, NULL);
      g_assert_nonnull (mail);
      g_autoptr (GPtrArray) records = bs_parse_mail (mail, NULL);
      g_assert_cmpuint (records->len, ==, 0);
    }
}

/* hostile input: cut anywhere, a provider's bounce must not crash */
static void
check_truncated (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bounces); i++)
    {
      gsize len = strlen (bounces[i].message);
      for (gsize cut = 0; cut < len; cut += 7)
        {
          g_autoptr (BsMail) mail = bs_mail_parse (bounces[i].message, cut, "cut", 0, NULL);
          if (mail == NULL)
            continue;
          g_autoptr (GPtrArray) records = bs_parse_mail (mail, NULL);
          g_assert_cmpuint (records->len, <=, 16);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  for (gsize i = 0; i < G_N_ELEMENTS (bounces); i++)
    {
      g_autofree char *path = g_strconcat ("/lhost-providers/", bounces[i].name, NULL);
      g_test_add_data_func (path, &bounces[i], check_bounce);
    }
  g_test_add_func ("/lhost-providers/not-bounces", check_not_bounces);
  g_test_add_func ("/lhost-providers/truncated", check_truncated);
  return g_test_run ();
}
