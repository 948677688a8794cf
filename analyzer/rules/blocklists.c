/* blocklists.c - which blocklist or reputation system refused the mail
 *
 * Recognised by the zone names, lookup pages and wording each operator or
 * receiver uses, and by provider codes; facts from the operators' public
 * lookup, delisting and error-code pages.  Text rows
 * are lower case and tried in order, the more specific first (a Spamhaus
 * sub-list before Spamhaus in general).  The lists' ids are stable:
 * reports, advice (advice.c) and users' rules files name them; each row has
 * an id of its own and a sample (rules.h).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "rules.h"

#define T1(a) { { (a), NULL, NULL } }
#define T2(a, b) { { (a), (b), NULL } }

const BsBlocklistRule bs_rules_blocklist[] = {
  /* SORBS: decommissioned 2024-06-05; a refusal naming it is a stale receiver setting */
  { "sorbs", "sorbs", T1 ("sorbs"),                               /* dnsbl.sorbs.net and its zones */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using dnsbl.sorbs.net" },
  /* UCEPROTECT: level 3 (whole ASN), level 2 (ranges), level 1 (single IP) */
  { "uceprotect-3-zone", "uceprotect-l3", T1 ("dnsbl-3.uceprotect"), /* dnsbl-3.uceprotect.net */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using dnsbl-3.uceprotect.net" },
  { "uceprotect-level-3", "uceprotect-l3", T2 ("uceprotect", "level 3"), /* "UCEPROTECT Level 3" */
    "550 5.7.1 Rejected: 192.0.2.2 is listed by UCEPROTECT Level 3" },
  { "uceprotect-level3", "uceprotect-l3", T2 ("uceprotect", "level3"), /* "UCEPROTECT-Level3" */
    "550 5.7.1 Rejected: 192.0.2.2 is listed by UCEPROTECT-Level3" },
  { "uceprotect-2-zone", "uceprotect-l2", T1 ("dnsbl-2.uceprotect"), /* dnsbl-2.uceprotect.net */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using dnsbl-2.uceprotect.net" },
  { "uceprotect-level-2", "uceprotect-l2", T2 ("uceprotect", "level 2"), /* "UCEPROTECT Level 2" */
    "550 5.7.1 Rejected: 192.0.2.2 is listed by UCEPROTECT Level 2" },
  { "uceprotect-level2", "uceprotect-l2", T2 ("uceprotect", "level2"), /* "UCEPROTECT-Level2" */
    "550 5.7.1 Rejected: 192.0.2.2 is listed by UCEPROTECT-Level2" },
  { "uceprotect", "uceprotect-l1", T1 ("uceprotect"),             /* dnsbl-1.uceprotect.net, or unnamed level */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using dnsbl-1.uceprotect.net" },
  /* Spamhaus sub-lists before Spamhaus ZEN */
  { "spamhaus-dbl-zone", "spamhaus-dbl", T1 ("dbl.spamhaus"),     /* dbl.spamhaus.org domain list */
    "554 5.7.1 <http://example.net/>: Body URI blocked using dbl.spamhaus.org" },
  { "spamhaus-dbl", "spamhaus-dbl", T1 ("spamhaus dbl"),          /* iCloud: "present in the Spamhaus DBL" */
    "554 5.7.1 [CS01] Message rejected because a domain in it is present in the Spamhaus DBL" },
  { "spamhaus-dbl-link", "spamhaus-dbl", T1 ("spamhaus.org/dbl"), /* DBL lookup link */
    "550 5.7.1 example.net is listed: see https://www.spamhaus.org/dbl/" },
  { "spamhaus-dbl-query-link", "spamhaus-dbl", T1 ("spamhaus.org/query/dbl"), /* DBL lookup link (query/dbl?domain=) */
    "550 5.7.1 A URL in the message is listed: see https://check.spamhaus.org/query/dbl?domain=example.net" },
  { "spamhaus-domain-block-list", "spamhaus-dbl", T1 ("spamhaus domain block list"), /* DBL by name */
    "550 5.7.1 A domain in the message is on the Spamhaus Domain Block List" },
  { "spamhaus-pbl-zone", "spamhaus-pbl", T1 ("pbl.spamhaus"),     /* pbl.spamhaus.org */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using pbl.spamhaus.org" },
  { "spamhaus-pbl", "spamhaus-pbl", T1 ("spamhaus pbl"),          /* "Spamhaus PBL" */
    "550 5.7.1 Your IP 192.0.2.2 is on the Spamhaus PBL" },
  { "mimecast-listed-by-pbl", "spamhaus-pbl", T1 ("listed by pbl"), /* Mimecast "zen.mimecast.org Listed by PBL" */
    "550 Rejected by zen.mimecast.org Listed by PBL" },
  { "policy-block-list", "spamhaus-pbl", T1 ("policy block list"), /* GoDaddy IB106 "Policy Block List (PBL)" */
    "554 Connection refused. 192.0.2.2 is listed on the Policy Block List (PBL). IB106" },
  { "spamhaus-pbl-link", "spamhaus-pbl", T1 ("spamhaus.org/pbl"), /* PBL lookup link */
    "550 5.7.1 See https://www.spamhaus.org/pbl/query/PBL1234567" },
  { "spamhaus-xbl-zone", "spamhaus-xbl", T1 ("xbl.spamhaus"),     /* xbl.spamhaus.org */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using xbl.spamhaus.org" },
  { "spamhaus-xbl", "spamhaus-xbl", T1 ("spamhaus xbl"),          /* Yahoo BL23 "on Spamhaus XBL" */
    "553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL" },
  { "exploits-block-list", "spamhaus-xbl", T1 ("exploits block list"), /* GoDaddy IB105 */
    "554 Connection refused. 192.0.2.2 is listed on the Exploits Block List (XBL). IB105" },
  { "abuseat", "spamhaus-xbl", T1 ("abuseat.org"),                /* CBL (now Spamhaus XBL) */
    "550 5.7.1 Your IP is listed at https://www.abuseat.org/lookup.cgi?ip=192.0.2.2" },
  { "composite-blocking-list", "spamhaus-xbl", T1 ("composite blocking list"), /* CBL by name */
    "550 5.7.1 Your IP is listed on the Composite Blocking List" },
  { "spamhaus-css-zone", "spamhaus-css", T1 ("css.spamhaus"),     /* css.spamhaus.org */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using css.spamhaus.org" },
  { "spamhaus-css", "spamhaus-css", T1 ("spamhaus css"),          /* "Spamhaus CSS" */
    "550 5.7.1 Your IP 192.0.2.2 is listed on the Spamhaus CSS" },
  { "spamhaus-sbl-zone", "spamhaus-sbl", T1 ("sbl.spamhaus"),     /* sbl.spamhaus.org */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using sbl.spamhaus.org" },
  { "spamhaus-sbl", "spamhaus-sbl", T1 ("spamhaus sbl"),          /* iCloud "listing in Spamhaus SBL" */
    "554 5.7.1 Message rejected due to listing in Spamhaus SBL" },
  { "spamhaus-block-list-sbl", "spamhaus-sbl", T1 ("spamhaus block list (sbl)"), /* GoDaddy IB104 */
    "554 Connection refused. 192.0.2.2 is listed on the Spamhaus Block List (SBL). IB104" },
  { "spamhaus-sbl-link", "spamhaus-sbl", T1 ("spamhaus.org/sbl"), /* SBL record link */
    "550 5.7.1 See https://www.spamhaus.org/sbl/query/SBL123456" },
  { "spamhaus-zen-zone", "spamhaus-zen", T1 ("zen.spamhaus"),     /* Postfix "blocked using zen.spamhaus.org" */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using zen.spamhaus.org" },
  { "spamhaus", "spamhaus-zen", T1 ("spamhaus"),                  /* any other Spamhaus refusal (EOP, Gmail) */
    "550 5.7.1 Service unavailable, Client host [192.0.2.2] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.2 (AS3130)" },
  { "zen-mimecast", "spamhaus-zen", T1 ("zen.mimecast"),          /* Mimecast's Spamhaus mirror */
    "550 Rejected by zen.mimecast.org" },
  /* other DNS blocklists */
  { "spamcop", "spamcop", T1 ("spamcop"),                         /* bl.spamcop.net, spamcop.net/bl.shtml */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using bl.spamcop.net" },
  { "barracuda", "barracuda", T1 ("barracuda"),                   /* b.barracudacentral.org, "Barracuda Reputation" */
    "554 Service unavailable; Client host [192.0.2.2] blocked using b.barracudacentral.org" },
  { "psbl-surriel", "psbl", T1 ("psbl.surriel"),                  /* psbl.surriel.com */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using psbl.surriel.com" },
  { "psbl-org", "psbl", T1 ("psbl.org"),                          /* psbl.org lookup */
    "550 5.7.1 Rejected, see https://psbl.org/listing?ip=192.0.2.2" },
  { "psbl", "psbl", T1 (" psbl"),                                 /* "listed in PSBL" */
    "550 5.7.1 Your IP is listed in PSBL" },
  { "mailspike", "mailspike", T1 ("mailspike"),                   /* bl.mailspike.net, rep.mailspike.net */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using bl.mailspike.net" },
  { "spamrats", "spamrats", T1 ("spamrats"),                      /* all.spamrats.com */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using all.spamrats.com" },
  { "spamrats-dyna", "spamrats", T1 ("rats-dyna"),                /* RATS-Dyna */
    "550 5.7.1 Rejected: listed in RATS-Dyna" },
  { "spamrats-noptr", "spamrats", T1 ("rats-noptr"),              /* RATS-NoPtr */
    "550 5.7.1 Rejected: listed in RATS-NoPtr" },
  { "spamrats-spam", "spamrats", T1 ("rats-spam"),                /* RATS-Spam */
    "550 5.7.1 Rejected: listed in RATS-Spam" },
  { "spamrats-auth", "spamrats", T1 ("rats-auth"),                /* RATS-Auth */
    "550 5.7.1 Rejected: listed in RATS-Auth" },
  { "invaluement", "invaluement", T1 ("invaluement"),             /* Invaluement by name */
    "550 5.7.1 Rejected: listed by Invaluement" },
  { "invaluement-ivmsip", "invaluement", T1 ("ivmsip"),           /* ivmSIP, ivmSIP/24 */
    "550 5.7.1 Rejected: 192.0.2.2 listed in ivmSIP" },
  { "invaluement-ivmuri", "invaluement", T1 ("ivmuri"),           /* ivmURI */
    "550 5.7.1 Rejected: a URL is listed in ivmURI" },
  { "proofpoint", "proofpoint", T1 ("proofpoint"),                /* ipcheck.proofpoint.com, Proofpoint PDR */
    "554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.2" },
  { "proofpoint-old-lookup", "proofpoint", T1 ("dnsbl-lookup.cgi"), /* older Proofpoint lookup (iCloud) */
    "554 5.7.1 Message rejected; see https://support.example.net/dnsbl-lookup.cgi?ip=192.0.2.2" },
  { "cloudmark", "cloudmark", T1 ("cloudmark"),                   /* Cloudmark CSI */
    "554 192.0.2.2 has a poor reputation on Cloudmark Sender Intelligence (CSI)" },
  /* Microsoft */
  { "microsoft-customer-block-list", "recipient-blocklist", T1 ("customer block list"), /* EOP 5.7.513: the recipient's own list */
    "550 5.7.513 Service unavailable, Client host [192.0.2.2] blocked by example.com using Customer Block list" },
  { "microsoft-banned-sending-ip", "microsoft-eop", T1 ("banned sending ip"), /* EOP 5.7.606-649 */
    "550 5.7.606 Access denied, banned sending IP [192.0.2.2]." },
  { "microsoft-banned-sender", "microsoft-eop", T1 ("banned sender["), /* EOP 5.7.511 */
    "550 5.7.511 Access denied, banned sender[192.0.2.2]." },
  { "microsoft-banned-sender-space", "microsoft-eop", T1 ("banned sender ["), /* EOP 5.7.511 */
    "550 5.7.511 Access denied, banned sender [192.0.2.2]." },
  { "microsoft-delist-portal", "microsoft-eop", T1 ("sender.office.com"), /* EOP delist portal */
    "550 5.7.1 Access denied. To request removal, visit https://sender.office.com/" },
  { "microsoft-delist-by-mail", "microsoft-eop", T1 ("delist@messaging.microsoft.com"), /* EOP 5.7.511 delisting by mail */
    "550 5.7.1 Access denied. To request removal, forward this message to delist@messaging.microsoft.com." },
  { "microsoft-olc-block-list", "microsoft-olc", T1 ("part of their network is on our block list"), /* OLC S3150/S3140 */
    "550 5.7.1 Unfortunately, messages from [192.0.2.2] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150)." },
  { "microsoft-olc-troubleshooting", "microsoft-olc", T1 ("mail.live.com/mail/troubleshooting"), /* OLC troubleshooting link */
    "550 5.7.1 Unfortunately, messages from [192.0.2.2] weren't sent. For more information please go to http://mail.live.com/mail/troubleshooting.aspx#errors." },
  { "microsoft-olc-postmaster", "microsoft-olc", T1 ("postmaster.live.com"), /* OLC postmaster link */
    "550 5.7.1 Unfortunately, messages from [192.0.2.2] weren't sent. Please visit http://postmaster.live.com" },
  /* Yahoo / AOL */
  { "yahoo-error-codes", "yahoo", T1 ("postmaster.yahooinc.com"), /* Yahoo error-code page */
    "421 4.7.0 [TSS04] Messages from 192.0.2.2 temporarily deferred; see https://postmaster.yahooinc.com/error-codes" },
  { "yahoo-senders", "yahoo", T1 ("senders.yahooinc.com"),        /* Yahoo sender page */
    "421 4.7.0 Messages from 192.0.2.2 temporarily deferred; see https://senders.yahooinc.com/smtp-error-codes" },
  { "yahoo-verizonmedia", "yahoo", T1 ("postmaster.verizonmedia.com"), /* Yahoo (Verizon Media era) */
    "421 4.7.0 Messages from 192.0.2.2 temporarily deferred; see https://postmaster.verizonmedia.com/error-codes" },
  { "yahoo-old-postmaster", "yahoo", T1 ("postmaster.yahoo.com"), /* Yahoo (older) */
    "421 4.7.0 Messages from 192.0.2.2 temporarily deferred; see http://postmaster.yahoo.com/errors/421-ts02.html" },
};
const gsize bs_rules_n_blocklist = G_N_ELEMENTS (bs_rules_blocklist);

/* provider codes (upper case, as the code starts) -> system behind them;
 * first matching prefix wins, so longer prefixes come first */
const BsCodeRule bs_rules_codes[] = {
  { "AS16012607", "recipient-blocklist",                          /* EOP 5.7.513 customer block list */
    "550 5.7.1 Service unavailable, Client host [192.0.2.2] blocked by example.com (AS16012607)" },
  { "AS1450", "spamhaus-zen",                                     /* EOP "blocked using Spamhaus ... AS(1450)" */
    "550 5.7.1 Service unavailable, Client host [192.0.2.2] blocked. AS(1450)" },
  { "AS1601", "microsoft-eop",                                    /* other EOP anti-spam codes */
    "550 5.7.1 Service unavailable, Client host [192.0.2.2] refused (AS16012609)" },
  { "AS3", "microsoft",                                           /* (AS3150), (AS3140): OLC or EOP by host */
    "550 5.7.1 Service unavailable, Client host [192.0.2.2] refused (AS3140)" },
  { "S3", "microsoft",                                            /* (S3150), (S3140), (S3113) */
    "550 5.7.1 Unfortunately, messages from [192.0.2.2] weren't sent. (S3140)" },
  { "S7", "microsoft",                                            /* (S775) reputation throttling */
    "451 4.7.650 The mail server [192.0.2.2] has been temporarily rate limited due to IP reputation. (S775)" },
  { "AS", "microsoft",                                            /* other Microsoft anti-spam codes */
    "550 5.7.1 Service unavailable, Client host [192.0.2.2] refused (AS201806281)" },
  { "SC-", "microsoft-olc",                                       /* OLC SC-001 .. SC-004 */
    "550 5.7.1 Unfortunately, messages from [192.0.2.2] weren't sent. (SC-001)" },
  { "DY-", "microsoft-olc",                                       /* OLC DY-001 (dynamic IP, Spamhaus PBL), DY-002 */
    "550 5.7.1 Unfortunately, messages from [192.0.2.2] weren't sent. (DY-001)" },
  { "OU-", "microsoft-olc",                                       /* OLC OU-001, OU-002 */
    "550 5.7.1 Unfortunately, messages from [192.0.2.2] weren't sent. (OU-002)" },
  { "RP-", "microsoft-olc",                                       /* OLC RP-001 .. RP-003 rate */
    "451 4.7.0 Unfortunately, some messages from [192.0.2.2] weren't sent. (RP-001)" },
  { "BL23", "spamhaus-xbl",                                       /* Yahoo [BL23] Spamhaus XBL */
    "553 5.7.1 [BL23] Connections refused from your IP" },
  { "BL21", "spamhaus-zen",                                       /* Yahoo [BL21] Spamhaus list */
    "553 5.7.1 [BL21] Connections refused from your IP" },
  { "BL", "spamhaus-zen",                                         /* Yahoo [BLxx] Spamhaus listings */
    "553 5.7.1 [BL22] Connections refused from your IP" },
  { "TSS", "yahoo",                                               /* Yahoo [TSS04], [TSS09], [TSS11] */
    "421 4.7.0 [TSS04] Messages from 192.0.2.2 temporarily deferred due to unexpected volume or user complaints" },
  { "TS", "yahoo",                                                /* Yahoo [TS01] .. [TS03] */
    "421 4.7.0 [TS01] Messages from 192.0.2.2 temporarily deferred due to user complaints" },
  { "PH", "yahoo",                                                /* Yahoo [PH01] content policy */
    "554 5.7.9 Message not allowed - [PH01] Email not accepted for policy reasons." },
  { "GL", "yahoo",                                                /* Yahoo [GL01] */
    "554 5.7.9 Message not accepted - [GL01]" },
  { "DM", "yahoo",                                                /* Yahoo [DM..] */
    "554 5.7.9 Message not accepted - [DM01]" },
  { "CS", "apple-icloud",                                         /* iCloud [CS01] local policy */
    "554 5.7.1 [CS01] Message rejected due to local policy." },
  { "HME", "apple-icloud",                                        /* iCloud [HME1] SPF and DKIM fail */
    "554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks." },
  { "IB103", "cloudmark",                                         /* GoDaddy: Cloudmark CSI */
    "554 Connection refused. 192.0.2.2 has a poor reputation. IB103" },
  { "IB104", "spamhaus-sbl",                                      /* GoDaddy: Spamhaus SBL */
    "554 Connection refused. 192.0.2.2 is listed. IB104" },
  { "IB105", "spamhaus-xbl",                                      /* GoDaddy: Spamhaus XBL */
    "554 Connection refused. 192.0.2.2 is listed. IB105" },
  { "IB106", "spamhaus-pbl",                                      /* GoDaddy: Spamhaus PBL */
    "554 Connection refused. 192.0.2.2 is listed. IB106" },
  { "IB", "godaddy",                                              /* GoDaddy's own blocks and limits */
    "554 Connection refused. 192.0.2.2 is temporarily blocked for today. IB110" },
  { "IPBL1", "cloudmark",                                         /* Cox IPBL1xxx: Cloudmark CSI (and others) */
    "554 cxr.mx.example.cox.net cmsmtp 192.0.2.2 rejected. Refer to Error Code AUP#IPBL1000" },
  { "IPBL01", "invaluement",                                      /* Cox IPBL01xx: Invaluement ivmSIP */
    "554 cxr.mx.example.cox.net cmsmtp 192.0.2.2 rejected. Refer to Error Code AUP#IPBL0100" },
  { "IPBL001", "cox",                                             /* Cox IPBL0010: Return Path list, enforced by Cox */
    "554 cxr.mx.example.cox.net cmsmtp 192.0.2.2 rejected. Refer to Error Code AUP#IPBL0010" },
  { "IPBL", "spamhaus-zen",                                       /* Cox IPBL0001, IPBL00001: Spamhaus */
    "554 cxr.mx.example.cox.net cmsmtp 192.0.2.2 rejected. Refer to Error Code AUP#IPBL0001" },
  { "URLBL", "spamhaus-dbl",                                      /* Cox URLBL: a URL on Spamhaus DBL/SURBL/ivmURI */
    "552 cxr.mx.example.cox.net cmsmtp Message rejected. Refer to Error Code AUP#URLBL" },
  { "CX", "cox",                                                  /* Cox CXBL, CXDNS, CXSNDR ... */
    "554 cxr.mx.example.cox.net cmsmtp 192.0.2.2 blocked. Refer to Error Code AUP#CXBL" },
  { "CDRBL", "cox",                                               /* Cox temporary block */
    "421 cxr.mx.example.cox.net cmsmtp 192.0.2.2 temporarily rejected. Refer to Error Code AUP#CDRBL" },
  { "POL-P1", "spamhaus-pbl",                                     /* Facebook: Spamhaus PBL */
    "550 5.7.1 POL-P1 Your mail server's IP Address is listed on the Spamhaus PBL." },
  { "LPNAAA_101", "spamhaus-zen",                                 /* La Poste 101: Spamhaus */
    "550 5.7.1 Service refused, please try later. LPNAAA_101" },
};
const gsize bs_rules_n_codes = G_N_ELEMENTS (bs_rules_codes);

/* every blocklist id, for the advice tables and their tests */
const char *const bs_rules_blocklist_ids[] = {
  "spamhaus-zen", "spamhaus-sbl", "spamhaus-css", "spamhaus-xbl", "spamhaus-pbl", "spamhaus-dbl",
  "spamcop", "barracuda", "sorbs", "uceprotect-l1", "uceprotect-l2", "uceprotect-l3", "psbl",
  "mailspike", "spamrats", "invaluement", "proofpoint", "cloudmark", "microsoft-olc",
  "microsoft-eop", "recipient-blocklist", "gmail", "yahoo", "apple-icloud", "cox", "godaddy",
  "spectrum", "orange",
};
const gsize bs_rules_n_blocklist_ids = G_N_ELEMENTS (bs_rules_blocklist_ids);
