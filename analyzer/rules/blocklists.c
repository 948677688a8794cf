/* blocklists.c - which blocklist or reputation system refused the mail
 *
 * Recognised by the zone names, lookup pages and wording each operator or
 * receiver uses, and by provider codes; facts from the public pages gathered
 * in ../shared/reference/field-notes.md (sections 3.1 to 3.7).  Text rows
 * are lower case and tried in order, the more specific first (a Spamhaus
 * sub-list before Spamhaus in general).  Ids are stable: reports, advice
 * (advice.c) and users' rules files name them.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "rules.h"

#define T1(a) { { (a), NULL, NULL } }
#define T2(a, b) { { (a), (b), NULL } }

const BsBlocklistRule bs_rules_blocklist[] = {
  /* SORBS: decommissioned 2024-06-05; a refusal naming it is a stale receiver setting */
  { "sorbs", T1 ("sorbs") },                                   /* dnsbl.sorbs.net and its zones */
  /* UCEPROTECT: level 3 (whole ASN), level 2 (ranges), level 1 (single IP) */
  { "uceprotect-l3", T1 ("dnsbl-3.uceprotect") },              /* dnsbl-3.uceprotect.net */
  { "uceprotect-l3", T2 ("uceprotect", "level 3") },           /* "UCEPROTECT Level 3" */
  { "uceprotect-l3", T2 ("uceprotect", "level3") },            /* "UCEPROTECT-Level3" */
  { "uceprotect-l2", T1 ("dnsbl-2.uceprotect") },              /* dnsbl-2.uceprotect.net */
  { "uceprotect-l2", T2 ("uceprotect", "level 2") },           /* "UCEPROTECT Level 2" */
  { "uceprotect-l2", T2 ("uceprotect", "level2") },            /* "UCEPROTECT-Level2" */
  { "uceprotect-l1", T1 ("uceprotect") },                      /* dnsbl-1.uceprotect.net, or unnamed level */
  /* Spamhaus sub-lists before Spamhaus ZEN */
  { "spamhaus-dbl", T1 ("dbl.spamhaus") },                     /* dbl.spamhaus.org domain list */
  { "spamhaus-dbl", T1 ("spamhaus dbl") },                     /* iCloud: "present in the Spamhaus DBL" */
  { "spamhaus-dbl", T1 ("spamhaus.org/dbl") },                 /* DBL lookup link */
  { "spamhaus-dbl", T1 ("spamhaus.org/query/dbl") },           /* DBL lookup link (query/dbl?domain=) */
  { "spamhaus-dbl", T1 ("spamhaus domain block list") },       /* DBL by name */
  { "spamhaus-pbl", T1 ("pbl.spamhaus") },                     /* pbl.spamhaus.org */
  { "spamhaus-pbl", T1 ("spamhaus pbl") },                     /* "Spamhaus PBL" */
  { "spamhaus-pbl", T1 ("listed by pbl") },                    /* Mimecast "zen.mimecast.org Listed by PBL" */
  { "spamhaus-pbl", T1 ("policy block list") },                /* GoDaddy IB106 "Policy Block List (PBL)" */
  { "spamhaus-pbl", T1 ("spamhaus.org/pbl") },                 /* PBL lookup link */
  { "spamhaus-xbl", T1 ("xbl.spamhaus") },                     /* xbl.spamhaus.org */
  { "spamhaus-xbl", T1 ("spamhaus xbl") },                     /* Yahoo BL23 "on Spamhaus XBL" */
  { "spamhaus-xbl", T1 ("exploits block list") },              /* GoDaddy IB105 */
  { "spamhaus-xbl", T1 ("abuseat.org") },                      /* CBL (now Spamhaus XBL) */
  { "spamhaus-xbl", T1 ("composite blocking list") },          /* CBL by name */
  { "spamhaus-xbl", T1 ("cbl.abuseat") },                      /* cbl.abuseat.org */
  { "spamhaus-css", T1 ("css.spamhaus") },                     /* css.spamhaus.org */
  { "spamhaus-css", T1 ("spamhaus css") },                     /* "Spamhaus CSS" */
  { "spamhaus-sbl", T1 ("sbl.spamhaus") },                     /* sbl.spamhaus.org */
  { "spamhaus-sbl", T1 ("spamhaus sbl") },                     /* iCloud "listing in Spamhaus SBL" */
  { "spamhaus-sbl", T1 ("spamhaus block list (sbl)") },        /* GoDaddy IB104 */
  { "spamhaus-sbl", T1 ("spamhaus.org/sbl") },                 /* SBL record link */
  { "spamhaus-zen", T1 ("zen.spamhaus") },                     /* Postfix "blocked using zen.spamhaus.org" */
  { "spamhaus-zen", T1 ("spamhaus") },                         /* any other Spamhaus refusal (EOP, Gmail) */
  { "spamhaus-zen", T1 ("zen.mimecast") },                     /* Mimecast's Spamhaus mirror */
  /* other DNS blocklists */
  { "spamcop", T1 ("spamcop") },                               /* bl.spamcop.net, spamcop.net/bl.shtml */
  { "barracuda", T1 ("barracuda") },                           /* b.barracudacentral.org, "Barracuda Reputation" */
  { "psbl", T1 ("psbl.surriel") },                             /* psbl.surriel.com */
  { "psbl", T1 ("psbl.org") },                                 /* psbl.org lookup */
  { "psbl", T1 (" psbl") },                                    /* "listed in PSBL" */
  { "mailspike", T1 ("mailspike") },                           /* bl.mailspike.net, rep.mailspike.net */
  { "spamrats", T1 ("spamrats") },                             /* all.spamrats.com */
  { "spamrats", T1 ("rats-dyna") },                            /* RATS-Dyna */
  { "spamrats", T1 ("rats-noptr") },                           /* RATS-NoPtr */
  { "spamrats", T1 ("rats-spam") },                            /* RATS-Spam */
  { "spamrats", T1 ("rats-auth") },                            /* RATS-Auth */
  { "invaluement", T1 ("invaluement") },                       /* Invaluement by name */
  { "invaluement", T1 ("ivmsip") },                            /* ivmSIP, ivmSIP/24 */
  { "invaluement", T1 ("ivmuri") },                            /* ivmURI */
  { "proofpoint", T1 ("proofpoint") },                         /* ipcheck.proofpoint.com, Proofpoint PDR */
  { "proofpoint", T1 ("dnsbl-lookup.cgi") },                   /* older Proofpoint lookup (iCloud) */
  { "cloudmark", T1 ("cloudmark") },                           /* Cloudmark CSI */
  /* Microsoft */
  { "recipient-blocklist", T1 ("customer block list") },       /* EOP 5.7.513: the recipient's own list */
  { "microsoft-eop", T1 ("banned sending ip") },               /* EOP 5.7.606-649 */
  { "microsoft-eop", T1 ("banned sender[") },                  /* EOP 5.7.511 */
  { "microsoft-eop", T1 ("banned sender [") },                 /* EOP 5.7.511 */
  { "microsoft-eop", T1 ("sender.office.com") },               /* EOP delist portal */
  { "microsoft-eop", T1 ("delist@messaging.microsoft.com") },  /* EOP 5.7.511 delisting by mail */
  { "microsoft-olc", T1 ("part of their network is on our block list") }, /* OLC S3150/S3140 */
  { "microsoft-olc", T1 ("mail.live.com/mail/troubleshooting") }, /* OLC troubleshooting link */
  { "microsoft-olc", T1 ("postmaster.live.com") },             /* OLC postmaster link */
  /* Yahoo / AOL */
  { "yahoo", T1 ("postmaster.yahooinc.com") },                 /* Yahoo error-code page */
  { "yahoo", T1 ("senders.yahooinc.com") },                    /* Yahoo sender page */
  { "yahoo", T1 ("postmaster.verizonmedia.com") },             /* Yahoo (Verizon Media era) */
  { "yahoo", T1 ("postmaster.yahoo.com") },                    /* Yahoo (older) */
};
const gsize bs_rules_n_blocklist = G_N_ELEMENTS (bs_rules_blocklist);

/* provider codes (upper case, as the code starts) -> system behind them;
 * first matching prefix wins, so longer prefixes come first */
const BsCodeRule bs_rules_codes[] = {
  { "AS16012607", "recipient-blocklist" },  /* EOP 5.7.513 customer block list */
  { "AS1450", "spamhaus-zen" },             /* EOP "blocked using Spamhaus ... AS(1450)" */
  { "AS1601", "microsoft-eop" },            /* other EOP anti-spam codes */
  { "AS3", "microsoft" },                   /* (AS3150), (AS3140): OLC or EOP by host */
  { "S3", "microsoft" },                    /* (S3150), (S3140), (S3113) */
  { "S7", "microsoft" },                    /* (S775) reputation throttling */
  { "AS", "microsoft" },                    /* other Microsoft anti-spam codes */
  { "SC-", "microsoft-olc" },               /* OLC SC-001 .. SC-004 */
  { "DY-", "microsoft-olc" },               /* OLC DY-001 (dynamic IP, Spamhaus PBL), DY-002 */
  { "OU-", "microsoft-olc" },               /* OLC OU-001, OU-002 */
  { "RP-", "microsoft-olc" },               /* OLC RP-001 .. RP-003 rate */
  { "BL23", "spamhaus-xbl" },               /* Yahoo [BL23] Spamhaus XBL */
  { "BL21", "spamhaus-zen" },               /* Yahoo [BL21] Spamhaus list */
  { "BL", "spamhaus-zen" },                 /* Yahoo [BLxx] Spamhaus listings */
  { "TSS", "yahoo" },                       /* Yahoo [TSS04], [TSS09], [TSS11] */
  { "TS", "yahoo" },                        /* Yahoo [TS01] .. [TS03] */
  { "PH", "yahoo" },                        /* Yahoo [PH01] content policy */
  { "GL", "yahoo" },                        /* Yahoo [GL01] */
  { "DM", "yahoo" },                        /* Yahoo [DM..] */
  { "CS", "apple-icloud" },                 /* iCloud [CS01] local policy */
  { "HME", "apple-icloud" },                /* iCloud [HME1] SPF and DKIM fail */
  { "IB103", "cloudmark" },                 /* GoDaddy: Cloudmark CSI */
  { "IB104", "spamhaus-sbl" },              /* GoDaddy: Spamhaus SBL */
  { "IB105", "spamhaus-xbl" },              /* GoDaddy: Spamhaus XBL */
  { "IB106", "spamhaus-pbl" },              /* GoDaddy: Spamhaus PBL */
  { "IB", "godaddy" },                      /* GoDaddy's own blocks and limits */
  { "IPBL1", "cloudmark" },                 /* Cox IPBL1xxx: Cloudmark CSI (and others) */
  { "IPBL01", "invaluement" },              /* Cox IPBL01xx: Invaluement ivmSIP */
  { "IPBL001", "cox" },                     /* Cox IPBL0010: Return Path list, enforced by Cox */
  { "IPBL", "spamhaus-zen" },               /* Cox IPBL0001, IPBL00001: Spamhaus */
  { "URLBL", "spamhaus-dbl" },              /* Cox URLBL: a URL on Spamhaus DBL/SURBL/ivmURI */
  { "CX", "cox" },                          /* Cox CXBL, CXDNS, CXSNDR ... */
  { "CDRBL", "cox" },                       /* Cox temporary block */
  { "POL-P1", "spamhaus-pbl" },             /* Facebook: Spamhaus PBL */
  { "LPNAAA_101", "spamhaus-zen" },         /* La Poste 101: Spamhaus */
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
