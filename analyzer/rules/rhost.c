/* rhost.c - providers that answer in their own words and codes
 *
 * Which provider a record is about (from the remote MTA's name or the
 * recipient's domain), then that provider's own rules: reply code, status
 * (exact, or a range of the third field), provider code and text.  After
 * Sisimai 4.25's Rhost/<Name>.pm (BSD-2-Clause, azumakuniyuki) with the
 * Sisimai 5 reasons, and the providers' public documentation gathered in
 * ../shared/reference/field-notes.md (Microsoft, Gmail, Yahoo, iCloud, Cox,
 * GoDaddy, Spectrum, Orange/La Poste).  Rows of one provider are tried in
 * order: the first whose every given field matches decides.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "rules.h"

/* Hosts: the remote MTA's name ends with host_suffix, or the recipient's
 * domain is domain (or a subdomain of it).  Domains are only listed where
 * a provider's own MX serves them, as Sisimai 5 does. */
const BsProviderHost bs_rules_provider_hosts[] = {
  { "google", "aspmx.l.google.com", NULL },                /* Google Workspace MX */
  { "google", "gmail-smtp-in.l.google.com", NULL },        /* Gmail MX */
  { "microsoft", ".protection.outlook.com", NULL },        /* Exchange Online / Outlook.com MX */
  { "microsoft", ".prod.outlook.com", NULL },              /* Exchange Online front ends */
  { "microsoft", ".onmicrosoft.com", NULL },               /* Microsoft 365 tenants */
  { "microsoft", ".exchangelabs.com", NULL },              /* Exchange Online (old name) */
  { "microsoft", ".hotmail.com", NULL },                   /* Hotmail MX */
  { "microsoft", NULL, "outlook.com" },                    /* Outlook.com mailboxes */
  { "microsoft", NULL, "hotmail.com" },                    /* Hotmail mailboxes */
  { "yahoo", ".yahoodns.net", NULL },                      /* Yahoo Inc. MX (Yahoo, AOL) */
  { "aol", ".mail.aol.com", NULL },                        /* AOL */
  { "aol", ".mx.aol.com", NULL },                          /* AOL */
  { "aol", NULL, "aol.com" },                              /* AOL mailboxes */
  { "apple", ".mail.icloud.com", NULL },                   /* iCloud MX */
  { "apple", ".apple.com", NULL },                         /* Apple MX */
  { "apple", ".me.com", NULL },                            /* iCloud (me.com) MX */
  { "apple", NULL, "icloud.com" },                         /* iCloud mailboxes */
  { "apple", NULL, "me.com" },                             /* iCloud mailboxes */
  { "cox", "cox.net", NULL },                              /* Cox */
  { "cox", NULL, "cox.net" },                              /* Cox mailboxes */
  { "franceptt", ".laposte.net", NULL },                   /* La Poste */
  { "franceptt", ".orange.fr", NULL },                     /* Orange */
  { "franceptt", ".wanadoo.fr", NULL },                    /* Orange (Wanadoo) */
  { "franceptt", NULL, "laposte.net" },                    /* La Poste mailboxes */
  { "franceptt", NULL, "orange.fr" },                      /* Orange mailboxes */
  { "franceptt", NULL, "wanadoo.fr" },                     /* Orange mailboxes */
  { "godaddy", "smtp.secureserver.net", NULL },            /* GoDaddy */
  { "godaddy", "mailstore1.secureserver.net", NULL },      /* GoDaddy */
  { "iua", ".email.ua", NULL },                            /* i.ua */
  { "kddi", ".ezweb.ne.jp", NULL },                        /* au (KDDI) */
  { "kddi", "msmx.au.com", NULL },                         /* au (KDDI) */
  { "kddi", NULL, "ezweb.ne.jp" },                         /* au mailboxes */
  { "kddi", NULL, "au.com" },                              /* au mailboxes */
  { "mimecast", ".mimecast.com", NULL },                   /* Mimecast */
  { "nttdocomo", "mfsmax.docomo.ne.jp", NULL },            /* NTT docomo */
  { "nttdocomo", NULL, "docomo.ne.jp" },                   /* NTT docomo mailboxes */
  { "spectrum", "charter.net", NULL },                     /* Spectrum/Charter */
  { "spectrum", NULL, "charter.net" },                     /* Spectrum mailboxes */
  { "tencent", ".qq.com", NULL },                          /* Tencent QQ */
  { "tencent", NULL, "qq.com" },                           /* QQ mailboxes */
  { "messagelabs", ".messagelabs.com", NULL },             /* Symantec MessageLabs */
};
const gsize bs_rules_n_provider_hosts = G_N_ELEMENTS (bs_rules_provider_hosts);

#define T1(a) { { (a), NULL, NULL } }
#define T2(a, b) { { (a), (b), NULL } }
#define NOTEXT { { NULL, NULL, NULL } }

/* provider, reason, reply, status, lo, hi, code kind, text */
const BsProviderRule bs_rules_provider[] = {
  /* ---- Google (support.google.com/a/answer/3726730) ---- */
  { "google", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("is not accepted due to domain's dmarc policy") }, /* 5.7.26 DMARC reject */
  { "google", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("fails to pass authentication checks") },    /* 5.7.26/5.7.1 no SPF/DKIM pass */
  { "google", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("does not have authentication information") }, /* 5.7.26 unauthenticated */
  { "google", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("fails to pass spf checks") },                /* 5.7.26 SPF -all */
  { "google", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("the sender is unauthenticated") },           /* 5.7.26 unauthenticated */
  { "google", BS_REASON_AUTHFAILURE, 0, "4.7.27", 0, 0, 0, NOTEXT },                                      /* bulk sender without SPF pass */
  { "google", BS_REASON_AUTHFAILURE, 0, "5.7.27", 0, 0, 0, NOTEXT },                                      /* bulk sender without SPF pass */
  { "google", BS_REASON_AUTHFAILURE, 0, "4.7.30", 0, 0, 0, NOTEXT },                                      /* bulk sender without DKIM pass */
  { "google", BS_REASON_AUTHFAILURE, 0, "5.7.30", 0, 0, 0, NOTEXT },                                      /* bulk sender without DKIM pass */
  { "google", BS_REASON_AUTHFAILURE, 0, "4.7.32", 0, 0, 0, NOTEXT },                                      /* From: not aligned */
  { "google", BS_REASON_AUTHFAILURE, 0, "4.7.24", 0, 0, 0, NOTEXT },                                      /* suspicious SPF record */
  { "google", BS_REASON_BADREPUTATION, 0, NULL, 0, 0, 0, T1 ("very low reputation of the sending") },    /* 421 4.7.0 / 550 5.7.1 reputation */
  { "google", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("ip not in whitelist for rcpt domain") },         /* Workspace inbound allow list */
  { "google", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("unusual rate of unsolicited mail originating from your ip") }, /* 4.7.28/5.7.28 */
  { "google", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("try again later, closing connection") },         /* 421 4.7.0 DoS at HELO */
  { "google", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("helo/ehlo argument is invalid") },               /* 501 5.5.4 */
  { "google", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("not authorized to send email directly to our servers") }, /* 550 5.7.1 end-user IP */
  { "google", BS_REASON_REQUIREPTR, 0, NULL, 0, 0, 0, T1 ("does not have a ptr record setup") },         /* 550 5.7.25 */
  { "google", BS_REASON_REQUIREPTR, 0, "4.7.23", 0, 0, 0, NOTEXT },                                       /* 451 4.7.23 PTR */
  { "google", BS_REASON_REQUIREPTR, 0, "5.7.25", 0, 0, 0, NOTEXT },                                       /* 550 5.7.25 PTR */
  { "google", BS_REASON_NOTCOMPLIANTRFC, 0, NULL, 0, 0, 0, T1 ("messages with multiple addresses in from:") }, /* 5.7.1 */
  { "google", BS_REASON_NOTCOMPLIANTRFC, 0, NULL, 0, 0, 0, T1 ("not rfc 5322 compliant") },              /* 5.7.1 RFC 5322 */
  { "google", BS_REASON_NOTCOMPLIANTRFC, 0, NULL, 0, 0, 0, T1 ("rfcmessagenoncompliant") },              /* help link */
  { "google", BS_REASON_CONTENTERROR, 0, NULL, 0, 0, 0, T1 ("mail message is malformed") },              /* 554 5.6.0 */
  { "google", BS_REASON_EXCEEDLIMIT, 0, NULL, 0, 0, 0, T1 ("exceeded google's message size limits") },  /* 552 5.2.3 */
  { "google", BS_REASON_EXPIRED, 0, NULL, 0, 0, 0, T1 ("timeout - closing connection") },                /* 451 4.4.2 */
  { "google", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("account that you tried to reach is over quota") }, /* 452 4.2.2 */
  { "google", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("inbox is out of storage space") },           /* 552 5.2.2 */
  { "google", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("email quota exceeded") },                    /* 550 5.7.1 */
  { "google", BS_REASON_NETWORKERROR, 0, NULL, 0, 0, 0, T1 ("message exceeded 50 hops") },               /* 554 5.6.0 loop */
  { "google", BS_REASON_NORELAYING, 0, NULL, 0, 0, 0, T1 ("mail relay denied") },                        /* 550 5.7.0 */
  { "google", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("has a policy that prohibited") },        /* 550 5.7.1 */
  { "google", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("illegal attachment on your message") },  /* 552 5.7.0 */
  { "google", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("content presents a potential security issue") }, /* 552 5.7.0 */
  { "google", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("mail sending denied") },                        /* 550 5.7.0 */
  { "google", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("unauthenticated email is not accepted from this domain") }, /* 550 5.7.1 */
  { "google", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("tls required for rcpt domain") },          /* 421 4.7.0 TLS */
  { "google", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("application-specific password required") }, /* 535 5.7.1 */
  { "google", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("please log in with your web browser") },  /* 535 5.7.1 */
  { "google", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("username and password not accepted") },    /* 535 5.7.1 */
  { "google", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("invalid credentials for relay") },         /* 550 5.7.1 */
  { "google", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 ("this message is likely unsolicited mail") }, /* 550 5.7.1 spam */
  { "google", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("receiving mail at a rate that prevents additional messages") }, /* 450 4.2.1 / 550 5.2.1 */
  { "google", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("is receiving mail too quickly") },              /* 450 4.2.1 */
  { "google", BS_REASON_SUSPEND, 0, NULL, 0, 0, 0, T1 ("account that you tried to reach is disabled") }, /* 550 5.2.1 */
  { "google", BS_REASON_SUSPEND, 0, NULL, 0, 0, 0, T1 ("account that you tried to reach is inactive") }, /* 550 5.2.1 */
  { "google", BS_REASON_SYSTEMERROR, 0, NULL, 0, 0, 0, T1 ("temporary system problem") },                /* 421 4.3.0 */
  { "google", BS_REASON_SYSTEMERROR, 0, "4.4.5", 0, 0, 0, T1 ("server busy") },                           /* 421 4.4.5 Gmail overloaded */
  { "google", BS_REASON_SYNTAXERROR, 0, NULL, 0, 0, 0, T1 ("smtp protocol violation") },                 /* 451/454 4.5.0 pipelining or RFC 2821 violation */
  { "google", BS_REASON_SYSTEMERROR, 0, NULL, 0, 0, 0, T1 ("mail server temporarily rejected message") }, /* 451 4.3.0 */
  { "google", BS_REASON_SYSTEMERROR, 0, NULL, 0, 0, 0, T1 ("domain policy size per transaction exceeded") }, /* 452 4.5.3 */
  { "google", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("your message has too many recipients") },    /* 452 4.5.3 */
  { "google", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("multiple destination domains per transaction is unsupported") }, /* 451 4.3.0 */
  { "google", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("smtp relay limit exceeded") },               /* 450 4.2.1 / 550 5.4.5 */
  { "google", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("daily sending quota exceeded") },            /* 550 5.4.5 */
  { "google", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("the email account that you tried to reach does not exist") }, /* 550 5.1.1 */
  { "google", BS_REASON_HOSTUNKNOWN, 0, NULL, 0, 0, 0, T1 ("we weren't able to find the recipient domain") }, /* 553 5.1.2 */

  /* ---- Microsoft Exchange Online / Outlook.com (Microsoft NDR docs) ---- */
  { "microsoft", BS_REASON_AUTHFAILURE, 0, "5.7.509", 0, 0, 0, NOTEXT },                                  /* DMARC p=reject failure */
  { "microsoft", BS_REASON_AUTHFAILURE, 0, "5.7.515", 0, 0, 0, NOTEXT },                                  /* bulk domain without SPF/DKIM/DMARC */
  { "microsoft", BS_REASON_AUTHFAILURE, 0, "5.7.23", 0, 0, 0, NOTEXT },                                   /* SPF violation */
  { "microsoft", BS_REASON_AUTHFAILURE, 0, "4.7.26", 0, 0, 0, NOTEXT },                                   /* IPv6 without SPF or DKIM */
  { "microsoft", BS_REASON_BADREPUTATION, 0, "4.7.650", 0, 0, 0, NOTEXT },                                /* rate limited due to IP reputation */
  { "microsoft", BS_REASON_REQUIREPTR, 0, "5.7.25", 0, 0, 0, NOTEXT },                                    /* IPv6 without PTR */
  { "microsoft", BS_REASON_BLOCKED, 0, "4.4.2", 0, 0, 0, T1 ("connection dropped") },                     /* dropped */
  { "microsoft", BS_REASON_BLOCKED, 0, "4.7.", 500, 699, 0, T1 ("access denied, please try again later") }, /* temporary restriction */
  { "microsoft", BS_REASON_BLOCKED, 0, "4.7.", 850, 899, 0, T1 ("access denied, please try again later") }, /* temporary restriction */
  { "microsoft", BS_REASON_BLOCKED, 0, "5.7.506", 0, 0, 0, NOTEXT },                                      /* bad HELO */
  { "microsoft", BS_REASON_BLOCKED, 0, "5.7.507", 0, 0, 0, NOTEXT },                                      /* rejected by recipient org */
  { "microsoft", BS_REASON_BLOCKED, 0, "5.7.510", 0, 0, 0, NOTEXT },                                      /* IPv6 not accepted */
  { "microsoft", BS_REASON_BLOCKED, 0, "5.7.511", 0, 0, 0, NOTEXT },                                      /* banned sender (delist by mail) */
  { "microsoft", BS_REASON_BLOCKED, 0, "5.7.513", 0, 0, 0, NOTEXT },                                      /* customer block list */
  { "microsoft", BS_REASON_BLOCKED, 0, "5.7.", 606, 649, 0, NOTEXT },                                     /* banned sending IP */
  { "microsoft", BS_REASON_BLOCKED, 0, "5.5.4", 0, 0, 0, T1 ("invalid domain name") },                    /* bad HELO domain */
  { "microsoft", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("part of their network is on our block list") }, /* OLC S3150/S3140 */
  { "microsoft", BS_REASON_CONTENTERROR, 0, "5.6.11", 0, 0, 0, NOTEXT },                                  /* invalid characters */
  { "microsoft", BS_REASON_CONTENTERROR, 0, "5.4.11", 0, 0, 0, NOTEXT },                                  /* agent message depth */
  { "microsoft", BS_REASON_EXCEEDLIMIT, 0, "5.2.3", 0, 0, 0, NOTEXT },                                    /* recipient size limit */
  { "microsoft", BS_REASON_EXPIRED, 0, "4.4.1", 0, 0, 0, T1 ("connection timed out") },                   /* timeout */
  { "microsoft", BS_REASON_EXPIRED, 0, NULL, 0, 0, 0, T1 ("message expired") },                           /* queue expiry */
  { "microsoft", BS_REASON_EXPIRED, 0, NULL, 0, 0, 0, T1 ("message delayed") },                           /* delay */
  { "microsoft", BS_REASON_MAILBOXFULL, 0, "5.2.2", 0, 0, 0, T1 ("mailbox full") },                       /* full */
  { "microsoft", BS_REASON_MESGTOOBIG, 0, "5.3.4", 0, 0, 0, NOTEXT },                                     /* size */
  { "microsoft", BS_REASON_NETWORKERROR, 0, "5.4.4", 0, 0, 0, T1 ("nonexistentdomain") },                 /* DNS */
  { "microsoft", BS_REASON_NETWORKERROR, 0, "5.4.6", 0, 0, 0, NOTEXT },                                   /* loop */
  { "microsoft", BS_REASON_NETWORKERROR, 0, "5.4.14", 0, 0, 0, NOTEXT },                                  /* loop */
  { "microsoft", BS_REASON_NETWORKERROR, 0, "4.4.316", 0, 0, 0, NOTEXT },                                 /* connection refused */
  { "microsoft", BS_REASON_NORELAYING, 0, "5.7.64", 0, 0, 0, NOTEXT },                                    /* tenant attribution relay */
  { "microsoft", BS_REASON_NORELAYING, 0, "5.4.1", 0, 0, 0, T1 ("relay access denied") },                 /* relay */
  { "microsoft", BS_REASON_NORELAYING, 0, "5.7.1", 0, 0, 0, T1 ("unable to relay") },                     /* relay */
  { "microsoft", BS_REASON_NORELAYING, 0, "5.4.310", 0, 0, 0, NOTEXT },                                   /* DNS domain does not exist */
  { "microsoft", BS_REASON_NOTACCEPT, 0, "5.3.2", 0, 0, 0, T1 ("storedrv.deliver") },                     /* mailbox store */
  { "microsoft", BS_REASON_POLICYVIOLATION, 0, "5.0.350", 0, 0, 0, NOTEXT },                              /* policy */
  { "microsoft", BS_REASON_POLICYVIOLATION, 0, "5.7.", 900, 999, 0, T1 ("delivery not authorized, message refused") }, /* transport rule */
  { "microsoft", BS_REASON_REJECTED, 0, "5.7.1", 0, 0, 0, T1 ("delivery not authorized") },               /* sender not allowed */
  { "microsoft", BS_REASON_REJECTED, 0, "5.1.7", 0, 0, 0, NOTEXT },                                       /* invalid sender */
  { "microsoft", BS_REASON_REJECTED, 0, "5.1.8", 0, 0, 0, NOTEXT },                                       /* bad outbound sender */
  { "microsoft", BS_REASON_REJECTED, 0, "5.1.0", 0, 0, 0, T1 ("sender denied") },                         /* sender denied */
  { "microsoft", BS_REASON_REJECTED, 0, "5.7.", 501, 503, 0, NOTEXT },                                    /* spam abuse, banned sender */
  { "microsoft", BS_REASON_NOTCOMPLIANTRFC, 0, "5.7.512", 0, 0, 0, NOTEXT },                              /* From: not RFC 5322 */
  { "microsoft", BS_REASON_REJECTED, 0, "5.7.750", 0, 0, 0, NOTEXT },                                     /* unregistered domains */
  { "microsoft", BS_REASON_REJECTED, 0, "5.7.", 124, 136, 0, NOTEXT },                                    /* sender not allowed for group/mailbox */
  { "microsoft", BS_REASON_SECURITYERROR, 0, "5.7.57", 0, 0, 0, NOTEXT },                                 /* anonymous submission */
  { "microsoft", BS_REASON_SECURITYERROR, 0, "5.7.3", 0, 0, 0, NOTEXT },                                  /* not authorized */
  { "microsoft", BS_REASON_SECURITYERROR, 0, "5.7.", 321, 325, 0, NOTEXT },                               /* TLS/DANE */
  { "microsoft", BS_REASON_SPAMDETECTED, 0, "5.2.1", 0, 0, 0, T1 ("content filter agent quarantined") },  /* quarantine */
  { "microsoft", BS_REASON_SUSPEND, 0, "5.7.504", 0, 0, 0, NOTEXT },                                      /* recipient access denied */
  { "microsoft", BS_REASON_SUSPEND, 0, "5.7.505", 0, 0, 0, NOTEXT },                                      /* banned recipient */
  { "microsoft", BS_REASON_SUSPEND, 0, "5.2.1", 0, 0, 0, T1 ("mailbox cannot be accessed") },             /* mailbox disabled */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "5.3.5", 0, 0, 0, NOTEXT },                                    /* misconfiguration */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "4.7.500", 0, 0, 0, T1 ("server busy") },                      /* busy */
  { "microsoft", BS_REASON_SYSTEMFULL, 0, "4.3.1", 0, 0, 0, NOTEXT },                                     /* resources */
  { "microsoft", BS_REASON_TOOMANYCONN, 0, "5.5.3", 0, 0, 0, NOTEXT },                                    /* too many recipients */
  { "microsoft", BS_REASON_TOOMANYCONN, 0, "4.5.3", 0, 0, 0, NOTEXT },                                    /* too many recipients */
  { "microsoft", BS_REASON_TOOMANYCONN, 0, "5.2.", 121, 122, 0, NOTEXT },                                 /* receive limits */
  { "microsoft", BS_REASON_TOOMANYCONN, 0, "5.7.508", 0, 0, 0, NOTEXT },                                  /* permitted limits */
  { "microsoft", BS_REASON_TOOMANYCONN, 0, "5.7.", 700, 749, 0, NOTEXT },                                 /* tenant threshold */
  { "microsoft", BS_REASON_USERUNKNOWN, 0, "5.1.10", 0, 0, 0, NOTEXT },                                   /* recipient not found */
  { "microsoft", BS_REASON_USERUNKNOWN, 0, "5.4.1", 0, 0, 0, T1 ("recipient address rejected: access denied") }, /* directory-based edge blocking */
  { "microsoft", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("resolver.adr.exrecipnotfound") },          /* recipient not found */
  /* Exchange Server 2019 / Exchange Online NDR texts (Microsoft's NDR reference, as in
   * Sisimai's Rhost::ExchangeOnline) */
  { "microsoft", BS_REASON_BLOCKED, 0, "5.7.51", 0, 0, 0, T1 ("restrictdomainstoipaddresses or restrictdomainstocertificate") }, /* inbound connector refuses the sending IP */
  { "microsoft", BS_REASON_CONTENTERROR, 0, "5.3.0", 0, 0, 0, T1 ("too many related errors") },         /* message refused after repeated content errors */
  { "microsoft", BS_REASON_CONTENTERROR, 0, "5.5.6", 0, 0, 0, T1 ("invalid message content") },         /* malformed MIME content */
  { "microsoft", BS_REASON_NETWORKERROR, 0, "5.4.4", 0, 0, 0, T1 ("invalid arguments") },               /* DNS lookup of the destination failed */
  { "microsoft", BS_REASON_NORELAYING, 0, "5.7.1", 0, 0, 0, T1 ("client was not authenticated") },      /* relaying needs authentication */
  { "microsoft", BS_REASON_REJECTED, 0, "5.7.12", 0, 0, 0, T1 ("sender was not authenticated by organization") }, /* group accepts only internal senders */
  { "microsoft", BS_REASON_REJECTED, 0, "5.7.13", 0, 0, 0, T1 ("sender was not authenticated for public folder") }, /* public folder accepts only authenticated senders */
  { "microsoft", BS_REASON_SYNTAXERROR, 0, "5.3.3", 0, 0, 0, T1 ("unrecognized command") },             /* the sending server's command not understood */
  { "microsoft", BS_REASON_SYNTAXERROR, 0, "5.5.2", 0, 0, 0, T1 ("send hello first") },                 /* MAIL before HELO/EHLO */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "4.3.2", 0, 0, 0, T1 ("service not available") },            /* the receiving service is down */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "4.3.2", 0, 0, 0, T1 ("service not active") },               /* the receiving service is down */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "5.3.190", 0, 0, 0, T1 ("journaling on-premises messages to microsoft 365") }, /* journaling not supported */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "5.0.0", 0, 0, 0, T1 ("helo / ehlo requires domain address") }, /* the sending server's HELO is empty */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "5.1.4", 0, 0, 0, T1 ("destination mailbox address ambiguous") }, /* two mailboxes share the address */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "5.2.4", 0, 0, 0, T1 ("mailing list expansion problem") },   /* distribution group expansion failed */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "5.2.14", 0, 0, 0, T1 ("misconfigured forwarding address") }, /* the recipient's forwarding is broken */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "4.4.3", 0, 0, 0, T1 ("temporary server error") },           /* Exchange Online internal error */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "4.7.0", 0, 0, 0, T1 ("temporary server error") },           /* Exchange Online proxy error */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "4.4.", 24, 28, 0, T1 ("message failed to be replicated") }, /* shadow redundancy failure */
  { "microsoft", BS_REASON_SYSTEMERROR, 0, "4.7.700", 0, 0, 0, T1 ("pfa agent busy") },                 /* Exchange Online protection busy */
  { "microsoft", BS_REASON_TOOMANYCONN, 0, "4.3.2", 0, 0, 0, T1 ("recipient thread limit exceeded") },  /* too many deliveries to the mailbox at once */
  { "microsoft", BS_REASON_TOOMANYCONN, 0, "5.2.2", 0, 0, 0, T1 ("submission quota exceeded") },        /* the sender's sending quota used up */
  { "microsoft", BS_REASON_TOOMANYCONN, 0, "5.1.90", 0, 0, 0, T1 ("reached your daily limit for message recipients") }, /* the sender's daily recipient limit */
  { "microsoft", BS_REASON_USERUNKNOWN, 0, "5.1.2", 0, 0, 0, T1 ("invalid x.400 address") },            /* bad X.400 recipient address */
  { "microsoft", BS_REASON_USERUNKNOWN, 0, "5.1.", 4, 5, 0, T1 ("recipient address reserved by rfc 2606") }, /* example.* / .test recipients */
  { "microsoft", BS_REASON_USERUNKNOWN, 0, "5.1.6", 0, 0, 0, T1 ("recipient addresses in single label domains not accepted") }, /* dotless recipient domain */
  { "microsoft", BS_REASON_USERUNKNOWN, 0, "5.1.3", 0, 0, 0, T1 ("invalid recipient address") },        /* malformed recipient address */
  { "microsoft", BS_REASON_USERUNKNOWN, 0, "5.5.0", 0, 0, 0, T1 ("requested action not taken: mailbox unavailable") }, /* no such mailbox */

  /* ---- Yahoo Inc. (senders.yahooinc.com/smtp-error-codes) ---- */
  { "yahoo", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("requires all senders to authenticate with either spf or dkim") }, /* 550 5.7.9 */
  { "yahoo", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("because the ip is in spamhaus's list") },         /* [BL21] */
  { "yahoo", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("not accepted from ip addresses on spamhaus xbl") }, /* [BL23] */
  { "yahoo", BS_REASON_NOTCOMPLIANTRFC, 0, NULL, 0, 0, 0, T1 ("headers are not rfc compliant") },        /* RFC 5322 */
  { "yahoo", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("not accepted for policy reasons") },      /* [PH01], 5.7.9 */
  { "yahoo", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("temporarily deferred due to unexpected volume or user complaints") }, /* [TSS04]: Yahoo answers so for unauthenticated or poor-reputation domains too */
  { "yahoo", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("unresolvable rfc.5321 from domain") },           /* From domain has no DNS */
  { "yahoo", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("will be permanently deferred") },                /* [TSS09]/[TSS11] */
  { "yahoo", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("temporarily deferred due to excessive user complaints") }, /* [TS01] */
  { "yahoo", BS_REASON_SUSPEND, 0, NULL, 0, 0, 0, T1 ("this mailbox is disabled") },                     /* disabled */
  { "yahoo", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("this user doesn't have a") },                 /* no such account */
  { "yahoo", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("is no longer valid") },                       /* gone */

  /* ---- AOL (Yahoo Inc.) ---- */
  { "aol", BS_REASON_HOSTUNKNOWN, 0, NULL, 0, 0, 0, T1 ("host or domain name not found") },              /* DNS */
  { "aol", BS_REASON_NOTACCEPT, 0, NULL, 0, 0, 0, T1 ("type=mx: malformed or unexpected name server reply") }, /* DNS */

  /* ---- Apple iCloud (support.apple.com/102322) ---- */
  { "apple", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("[hme1]") },                                   /* SPF and DKIM both fail */
  { "apple", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("dmarc policy") },                             /* DMARC reject */
  { "apple", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("[cs01]") },                               /* local policy */
  { "apple", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("dnsbl-lookup.cgi") },                             /* Proofpoint lookup */
  { "apple", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("listing in spamhaus") },                          /* Spamhaus SBL */
  { "apple", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("present in the spamhaus dbl") },                  /* Spamhaus DBL */
  { "apple", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("deferred due to excessive volume") },            /* 421 4.7.1 */
  { "apple", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("inactive email address") },                   /* 550 5.1.1 */
  { "apple", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("unknown or illegal alias") },                 /* 550 5.1.1 */
  { "apple", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("user is over quota") },                       /* 552 5.2.2 */

  /* ---- Cox (cox.com email error codes) ---- */
  { "cox", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("aup#cxbl") },                                       /* IP blocked by Cox */
  { "cox", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("aup#cdrbl") },                                      /* temporary block <= 24 h */
  { "cox", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("aup#ipbl") },                                       /* Spamhaus/Cloudmark/Invaluement */
  { "cox", BS_REASON_REQUIREPTR, 0, NULL, 0, 0, 0, T1 ("aup#cxdns") },                                   /* rDNS fails */
  { "cox", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("aup#cxsndr") },                                 /* sender domain SPF/DKIM */
  { "cox", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("aup#cxsmtp") },                                    /* not a legitimate sender */
  { "cox", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("aup#cxthrt") },                               /* suspicious account */
  { "cox", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("aup#cxmj") },                                 /* suspicious account */
  { "cox", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("aup#cxcnct") },                                 /* connection limit */
  { "cox", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("aup#cxmxrt") },                                    /* message rate */
  { "cox", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 ("aup#urlbl") },                                 /* URL lists */
  { "cox", BS_REASON_REQUIREPTR, 0, NULL, 0, 0, 0, T1 ("rejected - no rdns") },                          /* no PTR */
  { "cox", BS_REASON_REQUIREPTR, 0, NULL, 0, 0, 0, T1 ("dns check failure - try again later") },         /* rDNS check */
  { "cox", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("cox too many bad commands from") },                 /* 3-hour block */
  { "cox", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("too many invalid recipients") },                    /* invalid recipient threshold */
  { "cox", BS_REASON_NOTACCEPT, 0, NULL, 0, 0, 0, T1 ("esmtp server temporarily not available") },       /* temporary */
  { "cox", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("esmtp no data before greeting") },          /* early talker */
  { "cox", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("attachment extension is forbidden") },      /* attachment */
  { "cox", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("sender rejected") },                              /* sender domain */
  { "cox", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("too many sessions from") },                     /* sessions */
  { "cox", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("requested action aborted: try again later") }, /* 100-message threshold */
  { "cox", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("message threshold exceeded") },                    /* rate */
  { "cox", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("recipient rejected") },                         /* not a Cox account */

  /* ---- GoDaddy (godaddy.com/help/3568) ---- */
  { "godaddy", BS_REASON_BADREPUTATION, 0, NULL, 0, 0, 0, T1 (" ib103") },                               /* Cloudmark CSI poor reputation */
  { "godaddy", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 (" ib104") },                                     /* Spamhaus SBL */
  { "godaddy", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 (" ib105") },                                     /* Spamhaus XBL */
  { "godaddy", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 (" ib106") },                                     /* Spamhaus PBL */
  { "godaddy", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 (" ib007") },                                 /* concurrent sessions */
  { "godaddy", BS_REASON_EXPIRED, 0, NULL, 0, 0, 0, T1 (" ib101") },                                     /* temporarily unavailable */
  { "godaddy", BS_REASON_REQUIREPTR, 0, NULL, 0, 0, 0, T1 (" ib108") },                                  /* reverse DNS failed */
  { "godaddy", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 (" ib11") },                                      /* IB110-IB113 temporary IP blocks */
  { "godaddy", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 (" ib212") },                                /* spam content */
  { "godaddy", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 (" ib401") },                               /* AUTH not allowed */
  { "godaddy", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 (" ib501") },                                    /* blank From: */
  { "godaddy", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 (" ib502") },                                    /* IP as From: */
  { "godaddy", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 (" ib504") },                                    /* too many messages this hour */
  { "godaddy", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 (" ib506") },                                    /* invalid From: domain */
  { "godaddy", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 (" ib508") },                                 /* invalid SPF */
  { "godaddy", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 (" ib510") },                                 /* messages per session */
  { "godaddy", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 (" ib607") },                                    /* too many recipients this hour */
  { "godaddy", BS_REASON_VIRUSDETECTED, 0, NULL, 0, 0, 0, T1 (" ib705") },                               /* virus */
  { "godaddy", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("www.spamhaus.org/query/bl?ip=") },              /* Spamhaus */
  { "godaddy", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("554 rbl reject.") },                            /* RBL */
  { "godaddy", BS_REASON_EXPIRED, 0, NULL, 0, 0, 0, T1 ("delivery timeout") },                           /* timeout */
  { "godaddy", BS_REASON_SUSPEND, 0, NULL, 0, 0, 0, T1 ("account disabled") },                           /* disabled */
  { "godaddy", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("account storage limit") },                  /* storage */
  { "godaddy", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("account does not exist") },                 /* no account */
  { "godaddy", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("550 recipient not found.") },               /* no recipient */

  /* ---- Spectrum/Charter (spectrumbusiness.net error codes: AUP#) ---- */
  { "spectrum", BS_REASON_BLOCKED, 0, NULL, 1000, 1000, BS_CODE_AUP, NOTEXT },                            /* IP blocked: suspicious activity */
  { "spectrum", BS_REASON_REJECTED, 0, NULL, 1010, 1010, BS_CODE_AUP, NOTEXT },                           /* account blocked from sending */
  { "spectrum", BS_REASON_REJECTED, 0, NULL, 1020, 1080, BS_CODE_AUP, NOTEXT },                           /* limited account */
  { "spectrum", BS_REASON_SYSTEMERROR, 0, NULL, 1090, 1090, BS_CODE_AUP, NOTEXT },                        /* cannot process */
  { "spectrum", BS_REASON_REQUIREPTR, 0, NULL, 1100, 1150, BS_CODE_AUP, NOTEXT },                         /* DNS of the connecting IP */
  { "spectrum", BS_REASON_POLICYVIOLATION, 0, NULL, 1160, 1190, BS_CODE_AUP, NOTEXT },                    /* domain security policy */
  { "spectrum", BS_REASON_BLOCKED, 0, NULL, 1200, 1210, BS_CODE_AUP, NOTEXT },                            /* Cloudmark CSI */
  { "spectrum", BS_REASON_BLOCKED, 0, NULL, 1220, 1250, BS_CODE_AUP, NOTEXT },                            /* Spamhaus */
  { "spectrum", BS_REASON_NETWORKERROR, 0, NULL, 1260, 1260, BS_CODE_AUP, NOTEXT },                       /* no IPv6 */
  { "spectrum", BS_REASON_TOOMANYCONN, 0, NULL, 1300, 1340, BS_CODE_AUP, NOTEXT },                        /* concurrent connections */
  { "spectrum", BS_REASON_TOOMANYCONN, 0, NULL, 1350, 1490, BS_CODE_AUP, NOTEXT },                        /* message/recipient limits */
  { "spectrum", BS_REASON_REJECTED, 0, NULL, 1500, 1520, BS_CODE_AUP, NOTEXT },                           /* sending as another address */
  { "spectrum", BS_REASON_MESGTOOBIG, 0, NULL, 1530, 1530, BS_CODE_AUP, NOTEXT },                         /* over 20 MB */
  { "spectrum", BS_REASON_TOOMANYCONN, 0, NULL, 1540, 1550, BS_CODE_AUP, NOTEXT },                        /* too many per session/message */
  { "spectrum", BS_REASON_POLICYVIOLATION, 0, NULL, 1560, 1560, BS_CODE_AUP, NOTEXT },                    /* too many invalid recipients */

  /* ---- Orange / La Poste (LPNxxx_NNN, OFRxxx_NNN) ---- */
  { "franceptt", BS_REASON_BLOCKED, 0, NULL, 101, 103, BS_CODE_FRANCEPTT, NOTEXT },                       /* Spamhaus, Cloudmark, refused */
  { "franceptt", BS_REASON_TOOMANYCONN, 0, NULL, 104, 104, BS_CODE_FRANCEPTT, NOTEXT },                   /* too many connections */
  { "franceptt", BS_REASON_SECURITYERROR, 0, NULL, 305, 305, BS_CODE_FRANCEPTT, NOTEXT },                 /* invalid authentication code */
  { "franceptt", BS_REASON_AUTHFAILURE, 0, NULL, 401, 401, BS_CODE_FRANCEPTT, NOTEXT },                   /* SPF */
  { "franceptt", BS_REASON_SECURITYERROR, 0, NULL, 402, 402, BS_CODE_FRANCEPTT, NOTEXT },                 /* authentication required */
  { "franceptt", BS_REASON_REJECTED, 0, NULL, 403, 405, BS_CODE_FRANCEPTT, NOTEXT },                      /* invalid sender */
  { "franceptt", BS_REASON_REJECTED, 0, NULL, 415, 415, BS_CODE_FRANCEPTT, NOTEXT },                      /* invalid sender */
  { "franceptt", BS_REASON_USERUNKNOWN, 0, NULL, 416, 416, BS_CODE_FRANCEPTT, NOTEXT },                   /* invalid recipient */
  { "franceptt", BS_REASON_MAILBOXFULL, 0, NULL, 417, 417, BS_CODE_FRANCEPTT, NOTEXT },                   /* over quota */
  { "franceptt", BS_REASON_USERUNKNOWN, 0, NULL, 418, 418, BS_CODE_FRANCEPTT, NOTEXT },                   /* invalid recipient */
  { "franceptt", BS_REASON_SUSPEND, 0, NULL, 420, 420, BS_CODE_FRANCEPTT, NOTEXT },                       /* archived recipient */
  { "franceptt", BS_REASON_REJECTED, 0, NULL, 421, 421, BS_CODE_FRANCEPTT, NOTEXT },                      /* mail from not owned */
  { "franceptt", BS_REASON_SUSPEND, 0, NULL, 426, 426, BS_CODE_FRANCEPTT, NOTEXT },                       /* recipient account blocked */
  { "franceptt", BS_REASON_SYSTEMERROR, 0, NULL, 505, 505, BS_CODE_FRANCEPTT, NOTEXT },                   /* service refused */
  { "franceptt", BS_REASON_SPAMDETECTED, 0, NULL, 506, 506, BS_CODE_FRANCEPTT, NOTEXT },                  /* mail rejected */
  { "franceptt", BS_REASON_BLOCKED, 0, NULL, 510, 510, BS_CODE_FRANCEPTT, NOTEXT },                       /* service refused */
  { "franceptt", BS_REASON_MESGTOOBIG, 0, NULL, 514, 514, BS_CODE_FRANCEPTT, NOTEXT },                    /* size */
  { "franceptt", BS_REASON_AUTHFAILURE, 0, NULL, 517, 517, BS_CODE_FRANCEPTT, NOTEXT },                   /* DMARC failed */
  { "franceptt", BS_REASON_POLICYVIOLATION, 0, NULL, 630, 630, BS_CODE_FRANCEPTT, NOTEXT },               /* client host rejected */
  { "franceptt", BS_REASON_BLOCKED, 0, NULL, 999, 999, BS_CODE_FRANCEPTT, NOTEXT },                       /* service refused */

  /* ---- i.ua (mail.i.ua/err/N) ---- */
  { "iua", BS_REASON_NORELAYING, 0, NULL, 1, 1, BS_CODE_IUA, NOTEXT },                                    /* SMTP as gateway forbidden */
  { "iua", BS_REASON_USERUNKNOWN, 0, NULL, 2, 2, BS_CODE_IUA, NOTEXT },                                   /* user not found */
  { "iua", BS_REASON_SUSPEND, 0, NULL, 3, 3, BS_CODE_IUA, NOTEXT },                                       /* unused for 3 months */
  { "iua", BS_REASON_MAILBOXFULL, 0, NULL, 4, 4, BS_CODE_IUA, NOTEXT },                                   /* mailbox full */
  { "iua", BS_REASON_TOOMANYCONN, 0, NULL, 5, 5, BS_CODE_IUA, NOTEXT },                                   /* sending limit */
  { "iua", BS_REASON_NORELAYING, 0, NULL, 6, 6, BS_CODE_IUA, NOTEXT },                                    /* use your provider's SMTP */
  { "iua", BS_REASON_BLOCKED, 0, NULL, 7, 7, BS_CODE_IUA, NOTEXT },                                       /* bad HELO */
  { "iua", BS_REASON_REJECTED, 0, NULL, 8, 8, BS_CODE_IUA, NOTEXT },                                      /* sender not verified */
  { "iua", BS_REASON_BLOCKED, 0, NULL, 9, 9, BS_CODE_IUA, NOTEXT },                                       /* IP blacklisted */
  { "iua", BS_REASON_FILTERED, 0, NULL, 10, 10, BS_CODE_IUA, NOTEXT },                                    /* address management list */

  /* ---- au (KDDI) ---- */
  { "kddi", BS_REASON_FILTERED, 0, NULL, 0, 0, 0, T1 ("550 : user unknown") },                           /* empty address: the recipient's filter */
  { "kddi", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 (">: user unknown") },                           /* no such address (or filter) */
  { "kddi", BS_REASON_FILTERED, 0, NULL, 0, 0, 0, T1 ("each of the following recipients was rejected by a remote mail server") }, /* EZweb: refused, no reply quoted: filter */

  /* ---- NTT docomo: "Unknown user" is a dead address or the recipient's own filter ---- */
  { "nttdocomo", BS_REASON_USERUNKNOWN, 0, "5.1.1", 0, 0, 0, NOTEXT },                                    /* refused at RCPT: no such address */
  { "nttdocomo", BS_REASON_FILTERED, 0, "5.2.0", 0, 0, 0, NOTEXT },                                       /* refused after DATA: filter */
  { "nttdocomo", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("552 too much mail data") },               /* mailbox full */
  { "nttdocomo", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("552 too many recipients") },              /* recipients */
  { "nttdocomo", BS_REASON_SYNTAXERROR, 0, NULL, 0, 0, 0, T1 ("503 bad sequence of commands") },         /* sequence */
  { "nttdocomo", BS_REASON_SYNTAXERROR, 0, NULL, 0, 0, 0, T1 ("504 command parameter not implemented") }, /* parameter */
  { "nttdocomo", BS_REASON_USERUNKNOWN, 0, "5.0.0", 0, 0, 0, NOTEXT, "RCPT" },                            /* "Unknown user" at RCPT */
  { "nttdocomo", BS_REASON_REJECTED, 0, "5.0.0", 0, 0, 0, NOTEXT, "DATA" },                               /* "Unknown user" after DATA */

  /* ---- Mimecast (community.mimecast.com SMTP error codes) ---- */
  { "mimecast", BS_REASON_BLOCKED, 421, NULL, 0, 0, 0, T1 ("sender address blocked") },                   /* blocked senders policy */
  { "mimecast", BS_REASON_BLOCKED, 451, NULL, 0, 0, 0, T1 ("ip temporarily blacklisted") },               /* limit reached */
  { "mimecast", BS_REASON_BLOCKED, 451, NULL, 0, 0, 0, T1 ("recipient temporarily unavailable") },        /* invalid connections */
  { "mimecast", BS_REASON_BLOCKED, 451, NULL, 0, 0, 0, T1 ("internal resources are temporarily unavailable") }, /* greylisting or reputation */
  { "mimecast", BS_REASON_BADREPUTATION, 550, NULL, 0, 0, 0, T1 ("local ct ip reputation") },              /* poor IP reputation */
  { "mimecast", BS_REASON_AUTHFAILURE, 550, NULL, 0, 0, 0, T1 ("spf sender invalid") },                  /* SPF */
  { "mimecast", BS_REASON_AUTHFAILURE, 550, NULL, 0, 0, 0, T1 ("dkim sender invalid") },                 /* DKIM */
  { "mimecast", BS_REASON_AUTHFAILURE, 550, NULL, 0, 0, 0, T1 ("dmarc sender invalid") },                /* DMARC */
  { "mimecast", BS_REASON_MESGTOOBIG, 554, NULL, 0, 0, 0, T1 ("maximum email size exceeded") },          /* size */
  { "mimecast", BS_REASON_NETWORKERROR, 554, NULL, 0, 0, 0, T1 ("mail loop detected") },                 /* loop */
  { "mimecast", BS_REASON_NORELAYING, 451, NULL, 0, 0, 0, T1 ("open relay not allowed") },               /* relay */
  { "mimecast", BS_REASON_NOTACCEPT, 451, NULL, 0, 0, 0, T1 ("account inbounds disabled") },             /* inbound disabled */
  { "mimecast", BS_REASON_ONHOLD, 451, NULL, 0, 0, 0, T1 ("account outbounds disabled") },               /* outbound disabled */
  { "mimecast", BS_REASON_ONHOLD, 451, NULL, 0, 0, 0, T1 ("hostname is not authorized") },               /* omni directional */
  { "mimecast", BS_REASON_ONHOLD, 550, NULL, 0, 0, 0, T1 ("journal message past expiration") },          /* journal */
  { "mimecast", BS_REASON_POLICYVIOLATION, 550, NULL, 0, 0, 0, T1 ("anti-spoofing policy") },            /* anti-spoofing */
  { "mimecast", BS_REASON_POLICYVIOLATION, 550, NULL, 0, 0, 0, T1 ("content examination policy") },      /* content policy */
  { "mimecast", BS_REASON_POLICYVIOLATION, 554, NULL, 0, 0, 0, T1 ("host network not allowed") },        /* geographic policy */
  { "mimecast", BS_REASON_REJECTED, 550, NULL, 0, 0, 0, T1 ("administrative prohibition envelope blocked") }, /* blocked senders */
  { "mimecast", BS_REASON_REJECTED, 550, NULL, 0, 0, 0, T1 ("envelope blocked") },                       /* personal block */
  { "mimecast", BS_REASON_REJECTED, 550, NULL, 0, 0, 0, T1 ("manually blocked senders") },               /* personal block */
  { "mimecast", BS_REASON_REJECTED, 550, NULL, 0, 0, 0, T1 ("blocked senders - block policy") },         /* block policy */
  { "mimecast", BS_REASON_REJECTED, 550, NULL, 0, 0, 0, T1 ("block policy for envelope from") },         /* block policy */
  { "mimecast", BS_REASON_SECURITYERROR, 535, NULL, 0, 0, 0, T1 ("incorrect authentication data") },     /* AUTH */
  { "mimecast", BS_REASON_SECURITYERROR, 553, NULL, 0, 0, 0, T1 ("this route requires") },               /* TLS */
  { "mimecast", BS_REASON_SECURITYERROR, 554, NULL, 0, 0, 0, T1 ("configuration is invalid for this certificate") }, /* certificate */
  { "mimecast", BS_REASON_SYSTEMERROR, 451, NULL, 0, 0, 0, T1 ("unable to process") },                   /* load */
  { "mimecast", BS_REASON_SYSTEMERROR, 451, NULL, 0, 0, 0, T1 ("message ended early") },                 /* early end */
  { "mimecast", BS_REASON_TOOMANYCONN, 451, NULL, 0, 0, 0, T1 ("account service is temporarily unavailable") }, /* connections */
  { "mimecast", BS_REASON_TOOMANYCONN, 452, NULL, 0, 0, 0, T1 ("too many recipients") },                 /* recipients */
  { "mimecast", BS_REASON_TOOMANYCONN, 550, NULL, 0, 0, 0, T1 ("exceeding outbound thread limit") },     /* threads */
  { "mimecast", BS_REASON_USERUNKNOWN, 501, NULL, 0, 0, 0, T1 ("invalid address") },                     /* invalid */
  { "mimecast", BS_REASON_USERUNKNOWN, 503, NULL, 0, 0, 0, T1 ("user unknown") },                        /* unknown */
  { "mimecast", BS_REASON_USERUNKNOWN, 550, NULL, 0, 0, 0, T1 ("invalid recipient") },                   /* invalid recipient */
  { "mimecast", BS_REASON_VIRUSDETECTED, 554, NULL, 0, 0, 0, T1 ("email rejected due to security policies") }, /* signature */

  /* ---- Tencent QQ (service.mail.qq.com help 20022) ---- */
  { "tencent", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("dmarc check failed") },                     /* DMARC */
  { "tencent", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("spf check failed") },                       /* SPF */
  { "tencent", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("suspected spam ip") },                          /* IP */
  { "tencent", BS_REASON_FILTERED, 0, NULL, 0, 0, 0, T1 ("mail is rejected by recipients") },            /* recipient's filter */
  { "tencent", BS_REASON_MESGTOOBIG, 0, NULL, 0, 0, 0, T1 ("message too large") },                       /* size */
  { "tencent", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 ("mail content denied") },                   /* content */
  { "tencent", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 ("spam is embedded in the email") },         /* content */
  { "tencent", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 ("suspected spam") },                        /* content */
  { "tencent", BS_REASON_SYNTAXERROR, 0, NULL, 0, 0, 0, T1 ("bad address syntax") },                     /* syntax */
  { "tencent", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("connection denied") },                      /* connections */
  { "tencent", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("frequency limited") },                      /* rate limits */
  { "tencent", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("mailbox unavailable or access denied") },   /* QQ says so for rate */
  { "tencent", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("mailbox not found") },                      /* no mailbox */
};
const gsize bs_rules_n_provider = G_N_ELEMENTS (bs_rules_provider);
