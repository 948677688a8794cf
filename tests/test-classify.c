/* test-classify.c - analyzer/classify/: reasons, blocklists, provider codes, IPs,
 * user rules
 *
 * Every bounce text here was written for this test after the providers'
 * public documentation (../shared/reference/field-notes.md); addresses and
 * IPs are from the documentation ranges.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bs.h"
#include "classify.h"
#include "rules/rules.h"

typedef struct {
  const char *name;
  const char *diagnostic;
  const char *status;
  guint reply;
  const char *remote;
  const char *recipient;
  const char *command;
  const char *reason;
  const char *blocklist;  /* NULL: none expected */
  const char *code;       /* NULL: none expected */
  const char *ip;         /* NULL: none expected */
} Case;

static BsRecord *
record_of (const Case *c)
{
  BsRecord *r = bs_record_new ();
  bs_record_set (&r->diagnostic, c->diagnostic);
  bs_record_set (&r->status, c->status);
  if (c->status)
    bs_record_set (&r->status_from, "bounce");
  r->reply_code = c->reply;
  bs_record_set (&r->remote_mta, c->remote);
  bs_record_set (&r->recipient, c->recipient ? c->recipient : "user@example.com");
  const char *at = strrchr (r->recipient, '@');
  bs_record_set (&r->destination, at ? at + 1 : NULL);
  bs_record_set (&r->command, c->command);
  bs_record_set (&r->action, "failed");
  return r;
}

static void
check (const Case *c)
{
  g_autoptr (BsRecord) r = record_of (c);
  bs_classify_record (NULL, r);
  if (g_strcmp0 (bs_reason_name (r->reason), c->reason) != 0 || g_strcmp0 (r->blocklist, c->blocklist) != 0
      || g_strcmp0 (r->provider_code, c->code) != 0 || g_strcmp0 (r->sending_ip, c->ip) != 0)
    g_error ("%s: got reason=%s blocklist=%s code=%s ip=%s rule=%s; want %s %s %s %s", c->name,
             bs_reason_name (r->reason), r->blocklist, r->provider_code, r->sending_ip, r->rule, c->reason,
             c->blocklist, c->code, c->ip);
  g_assert_nonnull (r->rule);
  g_assert_nonnull (r->evidence);
  if (r->sending_ip)
    g_assert_cmpstr (r->sending_ip_from, ==, "reply");
}

/* one row for every blocklist and provider code the issue names */
static const Case blocklist_cases[] = {
  { "spamhaus-zen postfix",
    "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.5",
    "5.7.1", 554, "mx.example.net", NULL, "RCPT", "blocked", "spamhaus-zen", NULL, "203.0.113.5" },
  { "spamhaus via exchange online AS(1450)",
    "550 5.7.1 Service unavailable, Client host [198.51.100.7] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/198.51.100.7 AS(1450) [BN8NAM12FT011.eop-nam12.prod.protection.outlook.com 2025-01-01T00:00:00.000Z]",
    "5.7.1", 550, "example-com.mail.protection.outlook.com", "user@example.com", "RCPT", "blocked", "spamhaus-zen", "AS1450", "198.51.100.7" },
  { "spamhaus via gmail",
    "550-5.7.1 [203.0.113.9] Client host blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/203.0.113.9 - gsmtp",
    "5.7.1", 550, "gmail-smtp-in.l.google.com", "user@gmail.com", "RCPT", "blocked", "spamhaus-zen", NULL, "203.0.113.9" },
  { "spamhaus pbl via mimecast",
    "550 203.0.113.10 is listed in zen.mimecast.org Listed by PBL",
    NULL, 550, "eu-smtp-inbound-1.mimecast.com", NULL, "RCPT", "blocked", "spamhaus-pbl", NULL, "203.0.113.10" },
  { "spamhaus sbl via icloud",
    "550 5.7.1 Mail from IP 198.51.100.20 was rejected due to listing in Spamhaus SBL. For details please see http://www.spamhaus.org/query/bl?ip=198.51.100.20",
    "5.7.1", 550, "mx01.mail.icloud.com", "user@icloud.com", "RCPT", "blocked", "spamhaus-sbl", NULL, "198.51.100.20" },
  { "spamhaus sbl via godaddy IB104",
    "554 Connection refused. This IP is listed on the Spamhaus Block List (SBL). IB104",
    NULL, 554, "smtp.secureserver.net", NULL, "CONN", "blocked", "spamhaus-sbl", "IB104", NULL },
  { "spamhaus xbl via yahoo BL23",
    "553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL; see https://postmaster.yahooinc.com/error-codes",
    "5.7.1", 553, "mta5.am0.yahoodns.net", "user@yahoo.com", "CONN", "blocked", "spamhaus-xbl", "BL23", NULL },
  { "spamhaus xbl via godaddy IB105",
    "554 Connection refused. This IP is listed on the Exploits Block List (XBL). IB105",
    NULL, 554, "smtp.secureserver.net", NULL, "CONN", "blocked", "spamhaus-xbl", "IB105", NULL },
  { "spamhaus xbl as cbl",
    "550 5.7.1 Your sender's IP address is listed at cbl.abuseat.org, see https://www.abuseat.org/lookup.cgi?ip=203.0.113.12",
    "5.7.1", 550, "mx.example.org", NULL, "RCPT", "blocked", "spamhaus-xbl", NULL, "203.0.113.12" },
  { "spamhaus pbl via godaddy IB106",
    "554 Connection refused. This IP is listed on the Policy Block List (PBL). IB106",
    NULL, 554, "smtp.secureserver.net", NULL, "CONN", "blocked", "spamhaus-pbl", "IB106", NULL },
  { "spamhaus pbl via facebook POL-P1",
    "550 5.7.1 POL-P1 http://postmaster.facebook.com/response_codes?ip=203.0.113.13#pol Refused because the IP is in the Spamhaus PBL",
    "5.7.1", 550, "mx.example.net", NULL, "RCPT", "blocked", "spamhaus-pbl", "POL-P1", "203.0.113.13" },
  { "spamhaus dbl via icloud",
    "550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus DBL -- see https://www.spamhaus.org/dbl/",
    "5.7.1", 550, "mx02.mail.icloud.com", "user@icloud.com", "DATA", "blocked", "spamhaus-dbl", NULL, NULL },
  { "spamhaus css",
    "554 5.7.1 Service unavailable; Client host [203.0.113.14] blocked using css.spamhaus.org",
    "5.7.1", 554, "mx.example.org", NULL, "RCPT", "blocked", "spamhaus-css", NULL, "203.0.113.14" },
  { "spamcop",
    "554 5.7.1 Blocked - see https://www.spamcop.net/bl.shtml?203.0.113.15",
    "5.7.1", 554, "mx.example.org", NULL, "RCPT", "blocked", "spamcop", NULL, "203.0.113.15" },
  { "barracuda",
    "554 Service unavailable; Client host [203.0.113.16] blocked using Barracuda Reputation; http://bbl.barracudacentral.com/q.cgi?ip=203.0.113.16",
    NULL, 554, "mx.example.org", NULL, "RCPT", "blocked", "barracuda", NULL, "203.0.113.16" },
  { "sorbs (dead list, stale receiver)",
    "554 5.7.1 Service unavailable; Client host [203.0.113.17] blocked using dnsbl.sorbs.net",
    "5.7.1", 554, "mx.example.org", NULL, "RCPT", "blocked", "sorbs", NULL, "203.0.113.17" },
  { "uceprotect level 1",
    "550 5.7.1 Service unavailable; client [203.0.113.18] blocked using dnsbl-1.uceprotect.net",
    "5.7.1", 550, "mx.example.org", NULL, "RCPT", "blocked", "uceprotect-l1", NULL, "203.0.113.18" },
  { "uceprotect level 2",
    "550 5.7.1 Service unavailable; client [203.0.113.19] blocked using dnsbl-2.uceprotect.net",
    "5.7.1", 550, "mx.example.org", NULL, "RCPT", "blocked", "uceprotect-l2", NULL, "203.0.113.19" },
  { "uceprotect level 3",
    "550 5.7.1 Service unavailable; client [203.0.113.20] blocked using dnsbl-3.uceprotect.net",
    "5.7.1", 550, "mx.example.org", NULL, "RCPT", "blocked", "uceprotect-l3", NULL, "203.0.113.20" },
  { "psbl",
    "554 5.7.1 Rejected: 203.0.113.21 is listed in psbl.surriel.com",
    "5.7.1", 554, "mx.example.org", NULL, "RCPT", "blocked", "psbl", NULL, "203.0.113.21" },
  { "mailspike",
    "550 5.7.1 Rejected: 203.0.113.22 listed in bl.mailspike.net",
    "5.7.1", 550, "mx.example.org", NULL, "RCPT", "blocked", "mailspike", NULL, "203.0.113.22" },
  { "spamrats",
    "554 5.7.1 Your IP 203.0.113.23 is listed in RATS-NoPtr, see https://www.spamrats.com/",
    "5.7.1", 554, "mx.example.org", NULL, "RCPT", "blocked", "spamrats", NULL, "203.0.113.23" },
  { "invaluement",
    "550 5.7.1 Rejected: IP 203.0.113.24 is listed in ivmSIP",
    "5.7.1", 550, "mx.example.org", NULL, "RCPT", "blocked", "invaluement", NULL, "203.0.113.24" },
  { "proofpoint",
    "554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=203.0.113.25",
    "5.7.0", 554, "mx0a.example.com", NULL, "CONN", "blocked", "proofpoint", NULL, "203.0.113.25" },
  { "proofpoint via icloud (old lookup)",
    "550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=203.0.113.26",
    "5.7.0", 550, "mx01.mail.icloud.com", "user@icloud.com", "RCPT", "blocked", "proofpoint", NULL, "203.0.113.26" },
  { "cloudmark via godaddy IB103",
    "554 Connection refused. This IP has a poor reputation on Cloudmark Sender Intelligence (CSI). IB103",
    NULL, 554, "smtp.secureserver.net", NULL, "CONN", "badreputation", "cloudmark", "IB103", NULL },
  { "cloudmark via orange OFR006_102",
    "550 5.7.1 Service refuse. Client host blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com",
    "5.7.1", 550, "smtp-in.orange.fr", "user@orange.fr", "CONN", "blocked", "cloudmark", "OFR006_102", NULL },
  { "spamhaus via la poste LPNAAA_101",
    "550 5.7.1 Service unavailable; client [203.0.113.27] blocked using Spamhaus. https://www.spamhaus.org/lookup/ LPNAAA_101",
    "5.7.1", 550, "smtp-in.laposte.net", "user@laposte.net", "RCPT", "blocked", "spamhaus-zen", "LPNAAA_101", "203.0.113.27" },
  { "microsoft olc S3150",
    "550 5.7.1 Unfortunately, messages from [203.0.113.28] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM4PEPF00027A6C.eurprd04.prod.outlook.com]",
    "5.7.1", 550, "hotmail-com.olc.protection.outlook.com", "user@hotmail.com", "RCPT", "blocked", "microsoft-olc", "S3150", "203.0.113.28" },
  { "microsoft olc AS3140",
    "550 5.7.1 Unfortunately, messages from [203.0.113.29] weren't sent. Please contact your Internet service provider since part of their network is on our block list (AS3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.",
    "5.7.1", 550, "outlook-com.olc.protection.outlook.com", "user@outlook.com", "RCPT", "blocked", "microsoft-olc", "AS3140", "203.0.113.29" },
  { "microsoft olc SC-001",
    "550 SC-001 (BAY004-MC4F49) Unfortunately, messages from 203.0.113.30 weren't sent. Please contact your Internet service provider. You can tell them that Hotmail does not relay dynamically-assigned IP ranges.",
    NULL, 550, "mx1.hotmail.com", "user@hotmail.com", "RCPT", "blocked", "microsoft-olc", "SC-001", "203.0.113.30" },
  { "microsoft olc SC-002",
    "550 SC-002 (COL004-MC2F12) Unfortunately, messages from 203.0.113.31 weren't sent. Please contact your Internet service provider.",
    NULL, 550, "mx2.hotmail.com", "user@hotmail.com", "RCPT", "blocked", "microsoft-olc", "SC-002", "203.0.113.31" },
  { "microsoft olc SC-003",
    "550 SC-003 (SNT004-MC3F20) Unfortunately, messages from 203.0.113.32 weren't sent. Please contact your Internet service provider.",
    NULL, 550, "mx3.hotmail.com", "user@live.com", "RCPT", "blocked", "microsoft-olc", "SC-003", "203.0.113.32" },
  { "microsoft olc SC-004",
    "550 SC-004 (COL0-MC1-F1) Unfortunately, messages from 203.0.113.33 weren't sent. Please contact your Internet service provider.",
    NULL, 550, "mx4.hotmail.com", "user@msn.com", "RCPT", "blocked", "microsoft-olc", "SC-004", "203.0.113.33" },
  { "microsoft olc DY-001",
    "550 DY-001 (SNT004-MC1F48) Unfortunately, messages from 203.0.113.34 weren't sent. Please contact your Internet service provider. You can tell them that Hotmail does not relay dynamically-assigned IP ranges.",
    NULL, 550, "mx1.hotmail.com", "user@hotmail.com", "RCPT", "blocked", "microsoft-olc", "DY-001", "203.0.113.34" },
  { "microsoft olc OU-001",
    "550 OU-001 (SNT004-MC2F37) Unfortunately, messages from 203.0.113.35 weren't sent. For more information please go to http://postmaster.live.com",
    NULL, 550, "mx2.hotmail.com", "user@hotmail.com", "RCPT", "blocked", "microsoft-olc", "OU-001", "203.0.113.35" },
  { "microsoft olc RP-001",
    "421 RP-001 (BAY004-MC1F45) Unfortunately, some messages from 203.0.113.36 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day.",
    NULL, 421, "mx4.hotmail.com", "user@hotmail.com", "RCPT", "speeding", "microsoft-olc", "RP-001", "203.0.113.36" },
  { "microsoft eop 5.7.606",
    "550 5.7.606 Access denied, banned sending IP [203.0.113.37]. To request removal from this list please visit https://sender.office.com/ and follow the directions.",
    "5.7.606", 550, "example-com.mail.protection.outlook.com", "user@example.com", "RCPT", "blocked", "microsoft-eop", NULL, "203.0.113.37" },
  { "microsoft eop 5.7.649",
    "550 5.7.649 Access denied, banned sending IP [2001:db8:12::38]. To request removal from this list please visit https://sender.office.com/",
    "5.7.649", 550, "example-com.mail.protection.outlook.com", "user@example.com", "RCPT", "blocked", "microsoft-eop", NULL, "2001:db8:12::38" },
  { "microsoft eop 5.7.511",
    "550 5.7.511 Access denied, banned sender[203.0.113.39]. To request removal from this list, forward this message to delist@messaging.microsoft.com.",
    "5.7.511", 550, "example-com.mail.protection.outlook.com", "user@example.com", "RCPT", "blocked", "microsoft-eop", NULL, "203.0.113.39" },
  { "microsoft eop 5.7.513 customer block list",
    "550 5.7.513 Service unavailable, Client host [203.0.113.40] blocked by example.com using Customer Block list (AS16012607)",
    "5.7.513", 550, "example-com.mail.protection.outlook.com", "user@example.com", "RCPT", "blocked", "recipient-blocklist", "AS16012607", "203.0.113.40" },
  { "microsoft eop 4.7.650 S775",
    "451 4.7.650 The mail server [203.0.113.41] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775)",
    "4.7.650", 451, "example-com.mail.protection.outlook.com", "user@example.com", "MAIL", "badreputation", "microsoft-eop", "S775", "203.0.113.41" },
  { "gmail 4.7.0 low reputation",
    "421-4.7.0 [203.0.113.42 15] Our system has detected that this message is suspicious due to the very low reputation of the sending IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. - gsmtp",
    "4.7.0", 421, "gmail-smtp-in.l.google.com", "user@gmail.com", "DATA", "badreputation", "gmail", NULL, "203.0.113.42" },
  { "gmail 4.7.28 unusual rate",
    "421-4.7.28 [203.0.113.43 15] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. - gsmtp",
    "4.7.28", 421, "gmail-smtp-in.l.google.com", "user@gmail.com", "DATA", "blocked", "gmail", NULL, "203.0.113.43" },
  { "gmail 5.7.1 unsolicited",
    "550-5.7.1 [203.0.113.44 12] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. - gsmtp",
    "5.7.1", 550, "gmail-smtp-in.l.google.com", "user@gmail.com", "DATA", "spamdetected", "gmail", NULL, "203.0.113.44" },
  { "gmail 5.7.25 no PTR",
    "550-5.7.25 [2001:db8::45] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. As a policy, Gmail does not accept messages from IPs with missing PTR records. - gsmtp",
    "5.7.25", 550, "gmail-smtp-in.l.google.com", "user@gmail.com", "RCPT", "requireptr", "gmail", NULL, "2001:db8::45" },
  { "gmail 5.7.26 unauthenticated",
    "550-5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users, and has been blocked. The sender must authenticate with at least one of SPF or DKIM. - gsmtp",
    "5.7.26", 550, "gmail-smtp-in.l.google.com", "user@gmail.com", "DATA", "authfailure", "gmail", NULL, NULL },
  { "yahoo TSS04 at yahoo's MX",
    "421 4.7.0 [TSS04] Messages from 203.0.113.46 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
    "4.7.0", 421, "mta7.am0.yahoodns.net", "user@yahoo.com", "MAIL", "rejected", "yahoo", "TSS04", "203.0.113.46" },
  { "yahoo TSS04 relayed elsewhere",
    "421 4.7.0 [TSS04] Messages from 203.0.113.47 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
    "4.7.0", 421, NULL, "user@example.com", "MAIL", "badreputation", "yahoo", "TSS04", "203.0.113.47" },
  { "yahoo TSS09",
    "421 4.7.0 [TSS09] All messages from 203.0.113.48 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes",
    "4.7.0", 421, "mta6.am0.yahoodns.net", "user@yahoo.com", "MAIL", "speeding", "yahoo", "TSS09", "203.0.113.48" },
  { "yahoo TS01",
    "421 4.7.0 [TS01] Messages from 203.0.113.49 temporarily deferred due to user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
    "4.7.0", 421, "mta5.am0.yahoodns.net", "user@yahoo.com", "MAIL", "badreputation", "yahoo", "TS01", "203.0.113.49" },
  { "yahoo TS03",
    "421 4.7.0 [TS03] All messages from 203.0.113.50 will be permanently deferred; Retrying will NOT succeed.",
    "4.7.0", 421, "mta5.am0.yahoodns.net", "user@aol.com", "MAIL", "speeding", "yahoo", "TS03", "203.0.113.50" },
  { "yahoo PH01",
    "554 Message not allowed - [PH01] Email not accepted for policy reasons. Please visit https://postmaster.yahooinc.com/error-codes",
    NULL, 554, "mta6.am0.yahoodns.net", "user@yahoo.com", "DATA", "policyviolation", "yahoo", "PH01", NULL },
  { "yahoo BL21",
    "553 5.7.1 [BL21] Connections will not be accepted from 203.0.113.51, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes",
    "5.7.1", 553, "mta7.am0.yahoodns.net", "user@yahoo.com", "CONN", "blocked", "spamhaus-zen", "BL21", "203.0.113.51" },
  { "icloud CS01",
    "550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137",
    "5.7.1", 550, "mx01.mail.icloud.com", "user@icloud.com", "DATA", "policyviolation", "apple-icloud", "CS01", NULL },
  { "icloud HME1",
    "554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks.",
    "5.7.1", 554, "mx02.mail.icloud.com", "user@icloud.com", "DATA", "authfailure", "apple-icloud", "HME1", NULL },
  { "cox CXBL",
    "554 5.7.1 The sending IP address has been blocked by Cox. AUP#CXBL",
    "5.7.1", 554, "cxr.mx.east.cox.net", "user@cox.net", "CONN", "blocked", "cox", "CXBL", NULL },
  { "cox CDRBL",
    "421 4.7.1 The sending IP address has been temporarily blocked by Cox. AUP#CDRBL",
    "4.7.1", 421, "cxr.mx.east.cox.net", "user@cox.net", "CONN", "blocked", "cox", "CDRBL", NULL },
  { "cox IPBL0001",
    "554 5.7.1 IP 203.0.113.52 is listed in a DNSBL used by Cox. AUP#IPBL0001",
    "5.7.1", 554, "cxr.mx.east.cox.net", "user@cox.net", "CONN", "blocked", "spamhaus-zen", "IPBL0001", "203.0.113.52" },
  { "cox IPBL1000 cloudmark",
    "554 5.7.1 IP 203.0.113.53 is listed in a DNSBL used by Cox. AUP#IPBL1000",
    "5.7.1", 554, "cxr.mx.east.cox.net", "user@cox.net", "CONN", "blocked", "cloudmark", "IPBL1000", "203.0.113.53" },
  { "cox IPBL0100 invaluement",
    "554 5.7.1 IP 203.0.113.54 is listed in a DNSBL used by Cox. AUP#IPBL0100",
    "5.7.1", 554, "cxr.mx.east.cox.net", "user@cox.net", "CONN", "blocked", "invaluement", "IPBL0100", "203.0.113.54" },
  { "spectrum 1220 spamhaus",
    "554 5.7.1 Connection refused - see https://www.spectrum.net/support/internet/understanding-email-error-codes AUP#I-1220",
    "5.7.1", 554, "mx.charter.net", "user@charter.net", "CONN", "blocked", "spamhaus-zen", "I-1220", NULL },
  { "spectrum 1200 cloudmark",
    "554 5.7.1 Connection refused - see https://www.spectrum.net/support/internet/understanding-email-error-codes AUP#I-1200",
    "5.7.1", 554, "mx.charter.net", "user@charter.net", "CONN", "blocked", "cloudmark", "I-1200", NULL },
  { "godaddy IB607 rate",
    "550 203.0.113.55 has sent to too many recipients this hour. IB607",
    NULL, 550, "smtp.secureserver.net", NULL, "RCPT", "speeding", "godaddy", "IB607", "203.0.113.55" },
  { "godaddy IB110 day block",
    "554 This IP has been temporarily blocked for attempting to send too many messages containing content judged to be spam by the Internet community. IB110",
    NULL, 554, "smtp.secureserver.net", NULL, "CONN", "blocked", "godaddy", "IB110", NULL },
};

static void
test_blocklists (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (blocklist_cases); i++)
    check (&blocklist_cases[i]);
}

/* every blocklist id of the tables is exercised above */
static void
test_blocklists_covered (void)
{
  static const char *const provider_only[] = { "spectrum", "orange" };
  for (gsize i = 0; i < bs_rules_n_blocklist_ids; i++)
    {
      const char *id = bs_rules_blocklist_ids[i];
      gboolean seen = FALSE;
      for (gsize k = 0; k < G_N_ELEMENTS (blocklist_cases); k++)
        if (g_strcmp0 (blocklist_cases[k].blocklist, id) == 0)
          seen = TRUE;
      for (gsize k = 0; k < G_N_ELEMENTS (provider_only); k++)
        if (strcmp (provider_only[k], id) == 0)
          seen = TRUE;
      if (!seen)
        g_error ("blocklist id %s has no test case", id);
    }
}

/* a provider's own list when nothing more specific is named */
static void
test_provider_own_lists (void)
{
  static const Case cases[] = {
    { "spectrum own block",
      "554 5.7.1 Your IP address has been blocked due to suspicious activity. AUP#I-1000",
      "5.7.1", 554, "mx.charter.net", "user@charter.net", "CONN", "blocked", "spectrum", "I-1000", NULL },
    { "orange 103 service refused",
      "421 mwinf5c10 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR006_103 203.0.113.60 [103]",
      NULL, 421, "smtp-in.orange.fr", "user@orange.fr", "CONN", "blocked", "orange", "OFR006_103", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check (&cases[i]);
}

/* one or more texts for every reason */
static const Case reason_cases[] = {
  { "userunknown 5.1.1", "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table", "5.1.1", 550, "mx.example.com", "nobody@example.com", "RCPT", "userunknown", NULL, NULL, NULL },
  { "userunknown text at RCPT", "550 No such user here", NULL, 550, "mx.example.com", NULL, "RCPT", "userunknown", NULL, NULL, NULL },
  { "hostunknown", "Host or domain name not found. Name service error for name=example.invalid type=A: Host not found", "5.4.4", 0, NULL, "user@example.invalid", NULL, "hostunknown", NULL, NULL, NULL },
  { "mailboxfull", "552 5.2.2 <user@example.jp>... Mailbox Full", "5.2.2", 552, "mx.example.jp", "user@example.jp", "RCPT", "mailboxfull", NULL, NULL, NULL },
  { "blocked helo", "554 <unknown[192.0.2.9]>: Client host rejected: Access denied", NULL, 554, "mx.example.org", NULL, "EHLO", "blocked", NULL, NULL, "192.0.2.9" },
  { "spamdetected", "550 5.7.1 Message rejected as spam by Content Filtering.", "5.7.1", 550, "mx.example.org", NULL, "DATA", "spamdetected", NULL, NULL, NULL },
  { "policyviolation", "550 5.7.1 Email rejected due to security policies", NULL, 550, "mx.example.org", NULL, "DATA", "policyviolation", NULL, NULL, NULL },
  { "expired", "delivery time expired: Connection timed out", "4.4.7", 0, NULL, NULL, NULL, "expired", NULL, NULL, NULL },
  { "rejected sender", "550 5.1.8 <sender@example.net>: Sender address rejected: Domain not found", "5.1.8", 550, "mx.example.org", NULL, "MAIL", "rejected", NULL, NULL, NULL },
  { "filtered", "550 5.2.1 <user@example.jp>... User Unknown", "5.2.1", 550, "mx.example.jp", NULL, "DATA", "filtered", NULL, NULL, NULL },
  { "suspend", "550 5.2.1 The email account that you tried to reach is disabled.", "5.2.1", 550, "aspmx.l.google.com", NULL, "RCPT", "suspend", NULL, NULL, NULL },
  { "toomanyconn", "452 4.3.2 Connection rate limit exceeded.", "4.3.2", 452, "mx.example.net", NULL, "MAIL", "toomanyconn", NULL, NULL, NULL },
  { "networkerror", "Deferred: Name server: example.co.jp.: host name lookup failure", "4.4.7", 0, NULL, NULL, NULL, "networkerror", NULL, NULL, NULL },
  { "systemerror", "Unable to contact LDAP server. (#4.4.3)", "4.4.3", 0, NULL, NULL, NULL, "systemerror", NULL, NULL, NULL },
  { "systemfull", "452 4.3.1 Insufficient system storage", "4.3.1", 452, "mx.example.net", NULL, "MAIL", "systemfull", NULL, NULL, NULL },
  { "mesgtoobig", "552 5.3.4 Message size exceeds fixed maximum message size", "5.3.4", 552, "mx.example.net", NULL, "DATA", "mesgtoobig", NULL, NULL, NULL },
  { "exceedlimit", "552 5.2.3 Message length exceeds administrative limit", "5.2.3", 552, "mx.example.net", NULL, "DATA", "exceedlimit", NULL, NULL, NULL },
  { "contenterror", "550 5.6.0 Improper use of 8-bit data in message header", "5.6.0", 550, "mx.example.net", NULL, "DATA", "contenterror", NULL, NULL, NULL },
  { "securityerror", "530 5.7.0 Authentication required", "5.7.0", 530, "mx.example.net", NULL, "MAIL", "securityerror", NULL, NULL, NULL },
  { "virusdetected", "554 5.7.1 Your message was infected with a virus: Eicar-Test-Signature", NULL, 554, "mx.example.net", NULL, "DATA", "virusdetected", NULL, NULL, NULL },
  { "norelaying", "554 5.7.1 <user@example.org>: Relay access denied", "5.7.1", 554, "mx.example.net", NULL, "RCPT", "norelaying", NULL, NULL, NULL },
  { "notaccept null mx", "556 5.1.10 Recipient address has null MX", "5.1.10", 556, NULL, NULL, "RCPT", "notaccept", NULL, NULL, NULL },
  { "hasmoved", "550 5.1.6 recipient no longer on server: user@example.jp", "5.1.6", 550, "mx.example.jp", NULL, "RCPT", "hasmoved", NULL, NULL, NULL },
  { "syntaxerror", "503 Bad sequence of commands", NULL, 503, "mx.example.net", NULL, "DATA", "syntaxerror", NULL, NULL, NULL },
  { "onhold", "Something went wrong somewhere", NULL, 0, NULL, NULL, NULL, "onhold", NULL, NULL, NULL },
  { "undefined", NULL, NULL, 0, NULL, NULL, NULL, "undefined", NULL, NULL, NULL },
  { "delivered", "250 2.0.0 OK", "2.0.0", 250, "mx.example.net", NULL, "DATA", "delivered", NULL, NULL, NULL },
  { "authfailure spf", "550 5.7.23 The message was rejected because of Sender Policy Framework violation", "5.7.23", 550, "mx.example.net", NULL, "DATA", "authfailure", NULL, NULL, NULL },
  { "authfailure dmarc", "550 5.7.1 Email rejected per DMARC policy for example.net", "5.7.1", 550, "mx.example.org", NULL, "DATA", "authfailure", NULL, NULL, NULL },
  { "authfailure microsoft 5.7.509", "550 5.7.509 Access denied, sending domain [EXAMPLE.NET] does not pass DMARC verification and has a DMARC policy of reject.", "5.7.509", 550, NULL, NULL, "DATA", "authfailure", NULL, NULL, NULL },
  { "badreputation", "554 5.7.1 Rejected due to the sending MTA's poor reputation", "5.7.1", 554, "mx.example.org", NULL, "CONN", "badreputation", NULL, NULL, NULL },
  { "requireptr", "550 5.7.1 Client host rejected: cannot find your hostname, [203.0.113.70]", "5.7.1", 550, "mx.example.org", NULL, "RCPT", "requireptr", NULL, NULL, "203.0.113.70" },
  { "requireptr 5.7.25", "550 5.7.25 Reverse DNS validation failed", "5.7.25", 550, "mx.example.org", NULL, "MAIL", "requireptr", NULL, NULL, NULL },
  { "requireptr ptr", "550 5.7.1 The IP address 203.0.113.71 does not have a PTR record", "5.7.1", 550, "mx.example.org", NULL, "MAIL", "requireptr", NULL, NULL, "203.0.113.71" },
  { "notcompliantrfc", "550 5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers.", "5.7.1", 550, "mx.example.org", NULL, "DATA", "notcompliantrfc", NULL, NULL, NULL },
  { "speeding", "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered.", "4.2.1", 450, "gmail-smtp-in.l.google.com", NULL, "RCPT", "speeding", NULL, NULL, NULL },
  { "speeding rate limit", "421 4.7.0 Rate limit exceeded, please try again later", "4.7.0", 421, "mx.example.org", NULL, "MAIL", "speeding", NULL, NULL, NULL },
  { "mailererror", "X-Unix; 127", NULL, 0, NULL, NULL, NULL, "mailererror", NULL, NULL, NULL },
  { "5.1.1 but rate limited (field notes #4)", "550 5.1.1 203.0.113.72 has sent to too many recipients this hour. IB607", "5.1.1", 550, "mx.example.org", NULL, "RCPT", "speeding", "godaddy", "IB607", "203.0.113.72" },
  { "S3150 is not unknown user (field notes #1)", "550 5.1.1 Unfortunately, messages from [203.0.113.73] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).", "5.1.1", 550, "mx.example.org", NULL, "RCPT", "blocked", "microsoft-olc", "S3150", "203.0.113.73" },
};

static void
test_reasons (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (reason_cases); i++)
    check (&reason_cases[i]);
}

static void
test_reasons_covered (void)
{
  for (int i = BS_REASON_NONE + 1; i < BS_REASON_COUNT; i++)
    {
      const char *reason = bs_reason_name ((BsReason) i);
      if (strcmp (reason, "vacation") == 0 || strcmp (reason, "feedback") == 0)
        continue; /* stated by their formats: see test_stated */
      gboolean seen = FALSE;
      for (gsize k = 0; k < G_N_ELEMENTS (reason_cases); k++)
        seen |= strcmp (reason_cases[k].reason, reason) == 0;
      if (!seen)
        g_error ("reason %s has no test case", reason);
    }
}

/* providers' wordings relayed by a gateway the tables do not know (no
 * provider host or domain): the generic tables must still read them, and a
 * refusal that names an IP blocklist is "blocked" whatever else it says */
static const Case relayed_cases[] = {
  { "gmail 5.7.28 relayed", "550-5.7.28 [198.51.100.7 12] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been blocked. Please visit https://support.google.com/mail/?p=UnsolicitedIPError to review our Bulk Email Senders Guidelines. - gsmtp", "5.7.28", 550, "relay.example.net", NULL, NULL, "blocked", NULL, NULL, "198.51.100.7" },
  { "gmail 4.7.0 reputation relayed", "421-4.7.0 [198.51.100.7 15] Our system has detected that this message is suspicious due to the very low reputation of the sending IP address. - gsmtp", "4.7.0", 421, "relay.example.net", NULL, NULL, "badreputation", NULL, NULL, "198.51.100.7" },
  { "zen with spamhaus link", "554 5.7.1 Service unavailable; Client host [198.51.100.8] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.8", "5.7.1", 554, "relay.example.net", NULL, NULL, "blocked", "spamhaus-zen", NULL, "198.51.100.8" },
  { "spamhaus old lookup link", "550 5.7.1 Mail from 198.51.100.9 refused, see http://www.spamhaus.org/query/bl?ip=198.51.100.9", "5.7.1", 550, "relay.example.net", NULL, NULL, "blocked", "spamhaus-zen", NULL, "198.51.100.9" },
  { "icloud sbl relayed", "550 5.7.1 Mail from 198.51.100.10 rejected due to listing in Spamhaus SBL. Please visit https://www.spamhaus.org/query/ip/198.51.100.10", "5.7.1", 550, "relay.example.net", NULL, NULL, "blocked", "spamhaus-sbl", NULL, "198.51.100.10" },
  { "spamhaus dbl link is content", "554 5.7.1 Message rejected: a URL in it is listed, see https://www.spamhaus.org/query/dbl?domain=example.org", "5.7.1", 554, "relay.example.net", NULL, "DATA", "spamdetected", "spamhaus-dbl", NULL, NULL },
  { "postfix client access", "554 5.7.1 <unknown[198.51.100.11]>: Client host rejected: Access denied", "5.7.1", 554, "relay.example.net", NULL, NULL, "blocked", NULL, NULL, "198.51.100.11" },
  { "postfix reverse hostname", "550 5.7.1 Client host rejected: cannot find your reverse hostname, [198.51.100.12]", "5.7.1", 550, "relay.example.net", NULL, NULL, "requireptr", NULL, NULL, "198.51.100.12" },
  { "yahoo ph01 relayed", "554 Message not allowed - [PH01] Email not accepted for policy reasons.", "5.0.0", 554, "relay.example.net", NULL, "DATA", "policyviolation", "yahoo", "PH01", NULL },
  { "yahoo tss04 relayed", "421 4.7.0 [TSS04] Messages from 198.51.100.13 temporarily deferred due to unexpected volume or user complaints", "4.7.0", 421, "relay.example.net", NULL, NULL, "badreputation", "yahoo", "TSS04", "198.51.100.13" },
  { "eop 5.7.606 relayed", "550 5.7.606 Access denied, banned sending IP [198.51.100.14]. To request removal from this list please visit https://sender.office.com/", "5.7.606", 550, "relay.example.net", NULL, NULL, "blocked", "microsoft-eop", NULL, "198.51.100.14" },
  { "ses sending quota is no full mailbox", "554 Throttling failure: Daily message quota exceeded.", "5.0.0", 554, "relay.example.net", NULL, NULL, "toomanyconn", NULL, NULL, NULL },
  { "exchange mailbox disabled", "550 5.2.1 Mailbox disabled, not accepting messages", "5.2.1", 550, "relay.example.net", NULL, "RCPT", "suspend", NULL, NULL, NULL },
};

static void
test_relayed (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (relayed_cases); i++)
    check (&relayed_cases[i]);
}

/* a delay warning: a connection failure is a network error (the message is
 * still queued), the same words in a final bounce tell it expired; both
 * get an inferred status class when they have none */
static void
test_delays (void)
{
  g_autoptr (BsRecord) d = bs_record_new ();
  bs_record_set (&d->recipient, "user@example.net");
  bs_record_set (&d->diagnostic, "connect to mx.example.net[198.51.100.20]:25: Connection timed out");
  bs_record_set (&d->diagnostic_type, "X-Postfix");
  bs_record_set (&d->status, "4.4.1");
  bs_record_set (&d->action, "delayed");
  bs_classify_record (NULL, d);
  g_assert_cmpstr (bs_reason_name (d->reason), ==, "networkerror");
  g_autoptr (BsRecord) f = bs_record_new ();
  bs_record_set (&f->recipient, "user@example.net");
  bs_record_set (&f->diagnostic, "delivery temporarily suspended: connect to mx.example.net[198.51.100.20]:25: Connection timed out");
  bs_record_set (&f->diagnostic_type, "X-Postfix");
  bs_record_set (&f->status, "4.4.1");
  bs_record_set (&f->action, "failed");
  bs_classify_record (NULL, f);
  g_assert_cmpstr (bs_reason_name (f->reason), ==, "expired");
  /* no status: class 4 for a delay, and for Exim's "retry timeout exceeded" */
  g_autoptr (BsRecord) n = bs_record_new ();
  bs_record_set (&n->recipient, "user@example.net");
  bs_record_set (&n->diagnostic, "Message will be retried for 2 more day(s)");
  bs_record_set (&n->action, "delayed");
  bs_classify_record (NULL, n);
  g_assert_cmpstr (n->status, ==, "4.0.0");
  g_assert_cmpstr (n->status_from, ==, "inferred");
  g_autoptr (BsRecord) e = bs_record_new ();
  bs_record_set (&e->recipient, "user@example.net");
  bs_record_set (&e->diagnostic, "mailbox is full: retry timeout exceeded");
  bs_classify_record (NULL, e);
  g_assert_cmpstr (e->status, ==, "4.0.0");
  g_autoptr (BsRecord) p = bs_record_new ();
  bs_record_set (&p->recipient, "user@example.net");
  bs_record_set (&p->diagnostic, "Unrouteable address");
  bs_classify_record (NULL, p);
  g_assert_cmpstr (p->status, ==, "5.0.0");
}

/* reasons a format states: kept, except the retry set */
static void
test_stated (void)
{
  static const char *const kept[] = { "vacation", "feedback", "delivered", "mailboxfull", "rejected" };
  for (gsize i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autoptr (BsRecord) r = bs_record_new ();
      r->reason = bs_reason_from_name (kept[i]);
      bs_record_set (&r->rule, "test");
      bs_record_set (&r->diagnostic, "550 5.1.1 user unknown");
      bs_record_set (&r->status, "5.1.1");
      bs_record_set (&r->command, "RCPT");
      bs_classify_record (NULL, r);
      g_assert_cmpstr (bs_reason_name (r->reason), ==, kept[i]);
      g_assert_cmpstr (r->rule, ==, "test");
    }
  /* a retry-set reason gives way to a definite text */
  g_autoptr (BsRecord) r = bs_record_new ();
  r->reason = bs_reason_from_name ("userunknown");
  bs_record_set (&r->diagnostic, "552 5.2.2 Mailbox full");
  bs_record_set (&r->status, "5.2.2");
  bs_classify_record (NULL, r);
  g_assert_cmpstr (bs_reason_name (r->reason), ==, "mailboxfull");
  g_assert_false (r->hard_bounce);
}

static void
test_hard (void)
{
  static const struct {
    const char *diag, *status;
    guint reply;
    gboolean hard;
  } cases[] = {
    { "550 5.1.1 User unknown", "5.1.1", 550, TRUE },
    { "450 4.1.1 User unknown", "4.1.1", 450, TRUE },
    { "550 5.1.2 Host unknown", "5.1.2", 550, TRUE },
    { "550 5.1.6 recipient has moved", "5.1.6", 550, TRUE },
    { "556 5.1.10 null MX", "5.1.10", 556, TRUE },
    { "552 5.2.2 Mailbox full", "5.2.2", 552, FALSE },
    { "554 5.7.1 blocked using zen.spamhaus.org", "5.7.1", 554, FALSE },
    { "550 5.7.1 part of their network is on our block list (S3150)", "5.7.1", 550, FALSE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BsRecord) r = bs_record_new ();
      bs_record_set (&r->diagnostic, cases[i].diag);
      bs_record_set (&r->status, cases[i].status);
      bs_record_set (&r->command, "RCPT");
      r->reply_code = cases[i].reply;
      bs_classify_record (NULL, r);
      if (r->hard_bounce != cases[i].hard)
        g_error ("%s: hard=%d reason=%s", cases[i].diag, r->hard_bounce, bs_reason_name (r->reason));
    }
}

/* Japanese carriers: "Unknown user" is userunknown or filtered */
static void
test_carriers (void)
{
  static const Case cases[] = {
    { "docomo at RCPT", "550 Unknown user user@docomo.ne.jp", "5.0.0", 550, "mfsmax.docomo.ne.jp", "user@docomo.ne.jp", "RCPT", "userunknown", NULL, NULL, NULL },
    { "docomo after DATA", "550 Unknown user user@docomo.ne.jp", "5.0.0", 550, "mfsmax.docomo.ne.jp", "user@docomo.ne.jp", "DATA", "rejected", NULL, NULL, NULL },
    { "docomo 5.2.0", "550 Unknown user user@docomo.ne.jp", "5.2.0", 550, "mfsmax.docomo.ne.jp", "user@docomo.ne.jp", "DATA", "filtered", NULL, NULL, NULL },
    { "au filter (empty address)", "550 : User unknown", "5.0.0", 550, "lsean.ezweb.ne.jp", "user@ezweb.ne.jp", "DATA", "filtered", NULL, NULL, NULL },
    { "au no such address", "550 <user@au.com>: User unknown", "5.0.0", 550, "msmx.au.com", "user@au.com", "RCPT", "userunknown", NULL, NULL, NULL },
    { "softbank invalid recipient", "550 Invalid recipient: <user@i.softbank.jp>", NULL, 550, "mx.i.softbank.jp", "user@i.softbank.jp", "RCPT", "userunknown", NULL, NULL, NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    check (&cases[i]);
  /* hard: never a carrier's "Unknown user", which may be the recipient's
   * filter; SoftBank's "Invalid recipient" is a dead address */
  static const gboolean hard[] = { FALSE, FALSE, FALSE, FALSE, FALSE, TRUE };
  G_STATIC_ASSERT (G_N_ELEMENTS (hard) == G_N_ELEMENTS (cases));
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BsRecord) r = record_of (&cases[i]);
      bs_classify_record (NULL, r);
      if (r->hard_bounce != hard[i])
        g_error ("%s: hard_bounce %d", cases[i].name, r->hard_bounce);
    }
}

static void
test_ip (void)
{
  static const struct {
    const char *text, *ip;
  } cases[] = {
    { "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org", "203.0.113.5" },
    { "Messages from 203.0.113.6 temporarily deferred", "203.0.113.6" },
    { "550 5.7.1 Unfortunately, messages from [198.51.100.7] weren't sent.", "198.51.100.7" },
    { "550 Mail from IP 203.0.113.8 refused", "203.0.113.8" },
    { "550 5.7.606 Access denied, banned sending IP [2001:db8::9].", "2001:db8::9" },
    { "554 Blocked - see https://www.spamcop.net/bl.shtml?203.0.113.10", "203.0.113.10" },
    { "554 rejected: 203.0.113.11 is listed in psbl.surriel.com", "203.0.113.11" },
    { "550-5.7.1 [203.0.113.12 12] Our system has detected", "203.0.113.12" },
    { "550 5.7.1 [IPv6:2001:db8::13] blocked using zen.spamhaus.org", "2001:db8::13" },
    { "450 4.7.1 <client.example.net[203.0.113.14]>: Client host rejected: cannot find your hostname", "203.0.113.14" },
    { "554 IP=203.0.113.15 - A problem occurred. (BL)", "203.0.113.15" },
    /* the remote server's own address is never the sender's */
    { "host mx.example.com[192.0.2.1] said: 550 5.1.1 user unknown (in reply to RCPT TO command)", NULL },
    { "remote host 192.0.2.2 said: 550 blocked", NULL },
    { "Connected to 192.0.2.3 but sender was rejected.", NULL },
    { "192.0.2.4 failed after I sent the message.", NULL },
    { "host mx.example.com [192.0.2.5]: 550 5.7.1 rejected", NULL },
    { "SMTP error from remote mail server after RCPT TO:<a@example.com>: host mx.example.com [192.0.2.6]: 550 no", NULL },
    { "temporarily deferred - 4.16.55.1; see https://postmaster.example.com", NULL },
    { "550 5.7.1 rejected at 23:34:45", NULL },
    { NULL, NULL },
    { "", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ip = bs_classify_ip (cases[i].text);
      if (g_strcmp0 (ip, cases[i].ip) != 0)
        g_error ("bs_classify_ip (%s) = %s, want %s", cases[i].text, ip, cases[i].ip);
    }
}

static void
test_received_ip (void)
{
  const char *headers =
    "Received: from localhost (localhost [127.0.0.1])\n\tby relay.example.net (Postfix) with ESMTP id 1\n"
    "Received: from client.example.net (client.example.net [192.168.1.5])\n\tby relay.example.net with ESMTP\n"
    "Received: from relay.example.net (relay.example.net [198.51.100.30])\n\tby mx.example.org (Postfix) with ESMTPS\n"
    "From: sender@example.net\nSubject: test\n";
  g_autofree char *a = bs_classify_received_ip (headers, NULL, NULL);
  g_assert_cmpstr (a, ==, "198.51.100.30");
  /* prefer the field the remote MTA added */
  const char *two =
    "Received: from pc.example.net ([203.0.113.80])\n by relay.example.net with ESMTPSA\n"
    "Received: from relay.example.net ([IPv6:2001:db8::81])\n by mx.example.org with ESMTP\n";
  g_autofree char *b = bs_classify_received_ip (two, "mx.example.org", "example.org");
  g_assert_cmpstr (b, ==, "2001:db8::81");
  /* an authenticated submission's client is a person's PC, not the MTA */
  g_autofree char *c = bs_classify_received_ip (two, NULL, NULL);
  g_assert_cmpstr (c, ==, "2001:db8::81");
  g_assert_null (bs_classify_received_ip ("Received: from [192.0.2.61] (unknown [192.0.2.61])\n"
                                          "\t(Authenticated sender: a@example.jp)\n"
                                          "\tby smtp.example.jp (Postfix) with ESMTPSA id 1\n", NULL, NULL));
  /* the reporting MTA's own address in the bounce's Received fields */
  g_autoptr (GPtrArray) rcvd = g_ptr_array_new ();
  g_ptr_array_add (rcvd, (gpointer) "from smtp.example.jp (smtp.example.jp [203.0.113.5]) by mx1.example.jp");
  g_ptr_array_add (rcvd, (gpointer) "by smtp.example.jp (Postfix) id 2");
  g_autofree char *d = bs_classify_reporter_ip (rcvd, "smtp.example.jp");
  g_assert_cmpstr (d, ==, "203.0.113.5");
  g_assert_null (bs_classify_reporter_ip (rcvd, "other.example.jp"));
  g_assert_null (bs_classify_reporter_ip (rcvd, NULL));
  g_assert_null (bs_classify_reporter_ip (NULL, "smtp.example.jp"));
  g_assert_null (bs_classify_received_ip (NULL, NULL, NULL));
  g_assert_null (bs_classify_received_ip ("From: a@example.com\n", NULL, NULL));

  /* a refusal without an IP takes the original's Received field */
  BsMail mail = { 0 };
  mail.original = (char *) headers;
  g_autoptr (BsRecord) r = bs_record_new ();
  bs_record_set (&r->diagnostic, "554 5.7.1 Service unavailable; blocked using zen.spamhaus.org");
  bs_record_set (&r->status, "5.7.1");
  bs_record_set (&r->command, "RCPT");
  bs_classify_record (&mail, r);
  g_assert_cmpstr (r->blocklist, ==, "spamhaus-zen");
  g_assert_cmpstr (r->sending_ip, ==, "198.51.100.30");
  g_assert_cmpstr (r->sending_ip_from, ==, "received");
}

static void
test_codes (void)
{
  static const struct {
    const char *text, *code;
  } cases[] = {
    { "part of their network is on our block list (S3150).", "S3150" },
    { "on our block list (AS3150)", "AS3150" },
    { "see https://www.spamhaus.org/query/ip/1 AS(1450) [x]", "AS1450" },
    { "550 SC-001 (BAY004-MC4F49) Unfortunately", "SC-001" },
    { "421 4.7.0 [TSS04] Messages from", "TSS04" },
    { "550 5.7.1 [CS01] Message rejected", "CS01" },
    { "This IP is listed on the Spamhaus Block List (SBL). IB104", "IB104" },
    { "blocked. AUP#CXBL", "CXBL" },
    { "Client host blocked OFR006_102 Ref", "OFR006_102" },
    { "550 5.7.606 Access denied, banned sending IP [192.0.2.1]", NULL },
    { "[192.0.2.1] rejected", NULL },
    { "[EXAMPLE.JP] does not pass", NULL },
    { "XSC-001 is not a code", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = bs_classify_provider_code (cases[i].text);
      if (g_strcmp0 (code, cases[i].code) != 0)
        g_error ("code of %s = %s, want %s", cases[i].text, code, cases[i].code);
    }
}

/* a rules file in a folder of its own; remove_rules removes both */
static char *
write_rules (const char *text)
{
  g_autofree char *dir = g_dir_make_tmp ("bs-rules-XXXXXX", NULL);
  char *path = g_build_filename (dir, "rules.conf", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
remove_rules (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_rules_errors (void)
{
  static const struct {
    const char *text, *needle;
  } bad[] = {
    { "[rule a]\nreason = nosuchreason\ndiagnostic = x\n", ":2:" },
    { "reason = userunknown\n", ":1:" },
    { "[rule a]\ndiagnostic = x\n\nfoo = bar\n", ":4:" },
    { "[rule a]\ndiagnostic = x\n", ":1:" },
    { "[rule a]\nreason = blocked\n", ":1:" },
    { "[rule a]\nstatus = 5.7\nreason = blocked\n", ":2:" },
    { "[rule a]\nreply = 5x0\nreason = blocked\n", ":2:" },
    { "[group a]\n", ":1:" },
    { "[rule a]\nhard-bounce = maybe\n", ":2:" },
    { "[rule a]\njust text\n", ":2:" },
    { "# nothing\n", "no \"[rule" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = write_rules (bad[i].text);
      g_autoptr (GError) error = NULL;
      g_assert_false (bs_classify_load_rules (path, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, bad[i].needle) == NULL)
        g_error ("rules error \"%s\" does not name %s", error->message, bad[i].needle);
      g_assert_true (strstr (error->message, path) != NULL);
      remove_rules (path);
    }
  g_autoptr (GError) error = NULL;
  g_assert_false (bs_classify_load_rules ("/nonexistent/rules.conf", &error));
  g_assert_error (error, BS_ERROR, BS_ERROR_NOT_FOUND);
}

/* user rules are tried before the built-in tables; runs last: rules stay loaded */
static void
test_rules_precedence (void)
{
  g_autofree char *path = write_rules (
    "# a user's overrides\n"
    "[rule ib607-is-rate]\n"
    "diagnostic = too many recipients this hour\n"
    "reason = speeding\n"
    "hard-bounce = no\n"
    "\n"
    "[rule partner-filter]\n"
    "domain = partner.example.jp\n"
    "status = 5.1.*\n"
    "reason = filtered\n"
    "blocklist = recipient-blocklist\n");
  g_autoptr (GError) error = NULL;
  g_assert_true (bs_classify_load_rules (path, &error));
  g_assert_no_error (error);

  g_autoptr (BsRecord) a = bs_record_new ();
  bs_record_set (&a->diagnostic, "550 5.1.1 <x@example.org>: sent to too many recipients this hour");
  bs_record_set (&a->status, "5.1.1");
  bs_record_set (&a->command, "RCPT");
  bs_classify_record (NULL, a);
  g_assert_cmpstr (bs_reason_name (a->reason), ==, "speeding");
  g_assert_cmpstr (a->rule, ==, "user:ib607-is-rate");
  g_assert_cmpstr (a->evidence, ==, "too many recipients this hour");
  g_assert_false (a->hard_bounce);

  g_autoptr (BsRecord) b = bs_record_new ();
  bs_record_set (&b->diagnostic, "550 5.1.1 User unknown");
  bs_record_set (&b->status, "5.1.1");
  bs_record_set (&b->recipient, "x@mail.partner.example.jp");
  bs_record_set (&b->destination, "mail.partner.example.jp");
  bs_classify_record (NULL, b);
  g_assert_cmpstr (bs_reason_name (b->reason), ==, "filtered");
  g_assert_cmpstr (b->blocklist, ==, "recipient-blocklist");
  g_assert_false (b->hard_bounce);

  /* not matched: built-in tables */
  g_autoptr (BsRecord) c = bs_record_new ();
  bs_record_set (&c->diagnostic, "550 5.1.1 User unknown");
  bs_record_set (&c->status, "5.1.1");
  bs_record_set (&c->recipient, "x@example.com");
  bs_classify_record (NULL, c);
  g_assert_cmpstr (bs_reason_name (c->reason), ==, "userunknown");
  g_assert_true (c->hard_bounce);

  /* an auto-reply stays an auto-reply */
  g_autoptr (BsRecord) d = bs_record_new ();
  d->reason = bs_reason_from_name ("vacation");
  bs_record_set (&d->diagnostic, "too many recipients this hour");
  bs_classify_record (NULL, d);
  g_assert_cmpstr (bs_reason_name (d->reason), ==, "vacation");
  remove_rules (path);
}

/* hostile input: long, binary-ish, NULL fields */
static void
test_hostile (void)
{
  GString *s = g_string_new (NULL);
  for (int i = 0; i < 5000; i++)
    g_string_append (s, "[1.2.3.4.5.6.7.8.9:::::::: (S(AS[TSS AUP#LPN_ ");
  g_autoptr (BsRecord) r = bs_record_new ();
  bs_record_set (&r->diagnostic, s->str);
  bs_record_set (&r->remote_mta, "[[[[");
  bs_record_set (&r->command, "");
  bs_classify_record (NULL, r);
  g_assert_cmpint (r->reason, !=, BS_REASON_NONE);
  g_string_free (s, TRUE);
  g_autoptr (BsRecord) e = bs_record_new ();
  bs_classify_record (NULL, e);
  g_assert_cmpstr (bs_reason_name (e->reason), ==, "undefined");
  bs_classify_record (NULL, NULL);
}

/* Postfix's own text (Diagnostic-Code: X-Postfix) is read like an SMTP
 * diagnostic: an unknown host or a message too large is said so; a text
 * that names nothing else stays a mailer error; and the generic reader's
 * cue stays in front of the reason's rule */
static void
test_x_postfix (void)
{
  static const struct { const char *diag; const char *reason; } cases[] = {
    { "Host or domain name not found. Name service error for name=nohost.example.com type=A: Host not found",
      "hostunknown" },
    { "message size 20000000 exceeds size limit 10240000 of server mx.example.com", "mesgtoobig" },
    { "unknown mail transport error", "mailererror" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BsRecord) r = bs_record_new ();
      bs_record_set (&r->recipient, "user@example.com");
      bs_record_set (&r->destination, "example.com");
      bs_record_set (&r->action, "failed");
      bs_record_set (&r->status, "5.0.0");
      bs_record_set (&r->diagnostic, cases[i].diag);
      bs_record_set (&r->diagnostic_type, "x-postfix");
      bs_classify_record (NULL, r);
      g_assert_cmpstr (bs_reason_name (r->reason), ==, cases[i].reason);
    }
  g_autoptr (BsRecord) g = bs_record_new ();
  bs_record_set (&g->recipient, "user@example.com");
  bs_record_set (&g->status, "5.1.1");
  bs_record_set (&g->rule, "generic:lead-en-could-not-be-delivered-to");
  bs_classify_record (NULL, g);
  g_assert_cmpstr (g->rule, ==, "generic:lead-en-could-not-be-delivered-to status:5.1.1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/classify/blocklists", test_blocklists);
  g_test_add_func ("/classify/blocklists-covered", test_blocklists_covered);
  g_test_add_func ("/classify/provider-own-lists", test_provider_own_lists);
  g_test_add_func ("/classify/reasons", test_reasons);
  g_test_add_func ("/classify/reasons-covered", test_reasons_covered);
  g_test_add_func ("/classify/relayed", test_relayed);
  g_test_add_func ("/classify/delays", test_delays);
  g_test_add_func ("/classify/stated", test_stated);
  g_test_add_func ("/classify/hard", test_hard);
  g_test_add_func ("/classify/carriers", test_carriers);
  g_test_add_func ("/classify/ip", test_ip);
  g_test_add_func ("/classify/received-ip", test_received_ip);
  g_test_add_func ("/classify/codes", test_codes);
  g_test_add_func ("/classify/hostile", test_hostile);
  g_test_add_func ("/classify/x-postfix", test_x_postfix);
  g_test_add_func ("/classify/rules-errors", test_rules_errors);
  g_test_add_func ("/classify/rules-precedence", test_rules_precedence);
  return g_test_run ();
}
