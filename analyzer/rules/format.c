/* format.c - reasons an MTA's own bounce wording states
 *
 * MTAs write some failures in words of their own, not the remote server's
 * (qmail's "Sorry, I couldn't find any host named", Exim's "all relevant MX
 * records point to non-existent hosts").  These rows stand for the reason a
 * format parser would state; after the message tables of Sisimai 4.25's
 * Lhost/<Name>.pm (BSD-2-Clause, azumakuniyuki) with Sisimai 5's changes.
 * mta NULL: the wording is distinctive enough for any format; otherwise the
 * record's format name (lower case, letters and digits only) must contain
 * it.  Lower case; first matching row wins.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "rules.h"

#define T1(a) { { (a), NULL, NULL } }

const BsFormatRule bs_rules_format[] = {
  /* Exim (and mail.ru, which runs it) */
  { NULL, BS_REASON_HOSTUNKNOWN, T1 ("all host address lookups failed permanently") }, /* Exim: no address for the host */
  { NULL, BS_REASON_HOSTUNKNOWN, T1 ("all relevant mx records point to non-existent hosts") }, /* Exim: dead MX */
  { NULL, BS_REASON_NOTACCEPT, T1 ("an mx or srv record indicated no smtp service") }, /* Exim: null MX */
  { NULL, BS_REASON_NOTACCEPT, T1 ("no host found for existing smtp connection") },  /* Exim */
  { NULL, BS_REASON_SYNTAXERROR, T1 ("angle-brackets nested too deep") },           /* Exim address syntax */
  { NULL, BS_REASON_SYNTAXERROR, T1 ("expected word or \"<\"") },                   /* Exim address syntax */
  { NULL, BS_REASON_SYNTAXERROR, T1 ("domain missing in source-routed address") },  /* Exim address syntax */
  { NULL, BS_REASON_SYNTAXERROR, T1 ("malformed address:") },                       /* Exim address syntax */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("delivery to file forbidden") },               /* Exim local delivery */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("delivery to pipe forbidden") },               /* Exim local delivery */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("local delivery failed") },                    /* Exim local delivery */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("lmtp error after ") },                        /* Exim LMTP */
  { NULL, BS_REASON_CONTENTERROR, T1 ("too many \"received\" headers") },           /* Exim loop guard */
  { NULL, BS_REASON_MAILBOXFULL, T1 ("error: quota exceed") },                      /* Exim quota */
  { "mailru", BS_REASON_EXPIRED, T1 ("no action is required on your part") },       /* mail.ru delay notice */
  /* Courier */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("this domain's dns violates rfc 1035.") },     /* Courier DNS */
  { "courier", BS_REASON_NETWORKERROR, T1 ("dns lookup failed.") },                 /* Courier DNS */
  /* OpenSMTPD */
  { "opensmtpd", BS_REASON_HOSTUNKNOWN, T1 ("invalid domain name") },               /* OpenSMTPD */
  { NULL, BS_REASON_NOTACCEPT, T1 ("destination seem to reject all mails") },       /* OpenSMTPD */
  { NULL, BS_REASON_NETWORKERROR, T1 ("address family mismatch on destination mxs") }, /* OpenSMTPD */
  { NULL, BS_REASON_NETWORKERROR, T1 ("all routes to destination blocked") },       /* OpenSMTPD */
  { NULL, BS_REASON_NETWORKERROR, T1 ("bad dns lookup error code") },               /* OpenSMTPD */
  { NULL, BS_REASON_NETWORKERROR, T1 ("could not retrieve source address") },       /* OpenSMTPD */
  { "opensmtpd", BS_REASON_NETWORKERROR, T1 ("loop detected") },                    /* OpenSMTPD */
  { NULL, BS_REASON_NETWORKERROR, T1 ("no mx found for domain") },                  /* OpenSMTPD */
  { NULL, BS_REASON_NETWORKERROR, T1 ("no mx found for destination") },             /* OpenSMTPD */
  { NULL, BS_REASON_NETWORKERROR, T1 ("no valid route to remote mx") },             /* OpenSMTPD */
  { NULL, BS_REASON_NETWORKERROR, T1 ("no valid route to destination") },           /* OpenSMTPD */
  { NULL, BS_REASON_NETWORKERROR, T1 ("temporary failure in mx lookup") },          /* OpenSMTPD */
  { NULL, BS_REASON_SECURITYERROR, T1 ("could not retrieve credentials") },         /* OpenSMTPD */
  /* qmail and its LDAP/X4 variants */
  { NULL, BS_REASON_SUSPEND, T1 ("mailaddress is administratively disabled") },     /* qmail-ldap 5.2.1 */
  { NULL, BS_REASON_SUSPEND, T1 ("mailaddress is administrativley disabled") },     /* qmail-ldap 5.2.1 (sic) */
  { NULL, BS_REASON_EXCEEDLIMIT, T1 ("the message exeeded the maximum size the user accepts") }, /* qmail-ldap 5.2.3 */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("automatic homedir creator crashed") },        /* qmail-ldap */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("illegal value in ldap attribute") },          /* qmail-ldap */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("ldap attribute is not given but mandatory") }, /* qmail-ldap */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("timeout while performing search on ldap server") }, /* qmail-ldap */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("too many results returned but needs to be unique") }, /* qmail-ldap */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("error while executing qmail-forward") },      /* qmail-ldap */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("temporary error in automatic homedir creation") }, /* qmail-ldap */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("temporary failure in ldap lookup") },         /* qmail-ldap */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("unable to contact ldap server") },            /* qmail-ldap */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("unable to login into ldap server") },         /* qmail-ldap */
  { NULL, BS_REASON_SYSTEMFULL, T1 ("requested action not taken: mailbox unavailable (not enough free space)") }, /* qmail */
  { NULL, BS_REASON_MAILBOXFULL, T1 ("disk quota exceeded") },                      /* qmail: quota, even after "does not like recipient" */
  { NULL, BS_REASON_BLOCKED, T1 ("but my name was rejected") },                     /* qmail: HELO refused */
  { "qmail", BS_REASON_SYSTEMERROR, T1 ("bad interpreter: no such file or directory") }, /* qmail local */
  { "qmail", BS_REASON_SYSTEMERROR, T1 ("system error") },                          /* qmail local */
  { "x4", BS_REASON_SYSTEMERROR, T1 ("bad interpreter: no such file or directory") }, /* qmail-ldap (X4) local */
  { "x4", BS_REASON_SYSTEMERROR, T1 ("system error") },                             /* qmail-ldap (X4) local */
  { NULL, BS_REASON_HOSTUNKNOWN, T1 ("sorry, i couldn't find any host ") },         /* qmail-remote 4.1.2/5.1.2 */
  { NULL, BS_REASON_NOTACCEPT, T1 ("sorry, i couldn't find a mail exchanger or ip address") }, /* notqmail: null MX */
  { NULL, BS_REASON_NETWORKERROR, T1 ("sorry, i wasn't able to establish an smtp connection") }, /* qmail-remote */
  { NULL, BS_REASON_NETWORKERROR, T1 ("although i'm listed as a best-preference mx or a for that host") }, /* qmail MX loop */
  /* formats whose own words say "no such user" (retry-set: a later test may still override) */
  { NULL, BS_REASON_USERUNKNOWN, T1 ("resolver.adr.recipnotfound") },              /* Exchange 2007+: 5.1.1 */
  { NULL, BS_REASON_USERUNKNOWN, T1 ("resolver.adr.exrecipnotfound") },            /* Exchange 2007+: 5.1.1 */
  { NULL, BS_REASON_USERUNKNOWN, T1 ("resolver.adr.recipientnotfound") },          /* Office 365: 5.1.10 */
  { NULL, BS_REASON_USERUNKNOWN, T1 ("not listed in domino directory") },          /* Domino */
  { NULL, BS_REASON_USERUNKNOWN, T1 ("not listed in public name & address book") }, /* Domino/Notes */
  { NULL, BS_REASON_USERUNKNOWN, T1 ("non r\xc3\xa9pertori\xc3\xa9 dans l'annuaire domino") }, /* Domino, French */
  { NULL, BS_REASON_USERUNKNOWN, T1 ("domino \xe3\x83\x87\xe3\x82\xa3\xe3\x83\xac\xe3\x82\xaf\xe3\x83\x88\xe3\x83\xaa\xe3\x81\xab\xe3\x81\xaf\xe8\xa6\x8b\xe3\x81\xa4\xe3\x81\x8b\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93") }, /* Domino, Japanese */
  { NULL, BS_REASON_USERUNKNOWN, T1 ("\xe3\x83\x87\xe3\x82\xa3\xe3\x83\xac\xe3\x82\xaf\xe3\x83\x88\xe3\x83\xaa\xe3\x81\xae\xe3\x83\xaa\xe3\x82\xb9\xe3\x83\x88\xe3\x81\xab\xe3\x81\x82\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93") }, /* Notes, Japanese */
  { "exchange2003", BS_REASON_USERUNKNOWN, T1 ("unknown recipient") },             /* Exchange 2003 000C05A6 */
  { "mcafee", BS_REASON_USERUNKNOWN, T1 ("unknown user") },                        /* McAfee */
  { "mcafee", BS_REASON_USERUNKNOWN, T1 ("user not exist") },                      /* McAfee */
  { "mcafee", BS_REASON_USERUNKNOWN, T1 ("no such user") },                        /* McAfee */
  { "verizon", BS_REASON_USERUNKNOWN, T1 ("no such user here") },                  /* Verizon */
  { "verizon", BS_REASON_USERUNKNOWN, T1 ("no valid recipients for this mm") },    /* Verizon MMS */
  { "outlook", BS_REASON_USERUNKNOWN, T1 ("requested action not taken: mailbox unavailable") }, /* Outlook.com */
  { "messagelabs", BS_REASON_USERUNKNOWN, T1 ("no such user") },                   /* MessageLabs */
  { "trendmicro", BS_REASON_USERUNKNOWN, T1 ("please check if address is correct") }, /* Trend Micro */
  { "interscan", BS_REASON_USERUNKNOWN, T1 ("please check if address is correct") }, /* Trend Micro InterScan */
  { "courier", BS_REASON_HOSTUNKNOWN, T1 ("no such domain.") },                    /* Courier */
  { "outlook", BS_REASON_HOSTUNKNOWN, T1 ("the domain is not reachable") },        /* Outlook.com */
  /* Lotus Domino / Notes */
  { NULL, BS_REASON_FILTERED, T1 ("cannot route mail to user") },                   /* Domino */
  { NULL, BS_REASON_SYSTEMERROR, T1 ("several matches found in domino directory") }, /* Domino */
  { NULL, BS_REASON_NETWORKERROR, T1 ("message has exceeded maximum hop count") },  /* Notes */
  /* Japanese ISPs and carriers */
  { NULL, BS_REASON_FILTERED, T1 ("mail delivery failed... user unknown") },        /* Biglobe: the recipient's filter */
  { NULL, BS_REASON_MAILBOXFULL, T1 ("the number of messages in recipient's mailbox exceeded the local limit") }, /* Biglobe */
  { NULL, BS_REASON_MAILBOXFULL, T1 ("as their mailbox is full") },                 /* KDDI */
  { NULL, BS_REASON_NORELAYING, T1 ("due to the following smtp relay error") },     /* KDDI */
  { NULL, BS_REASON_HOSTUNKNOWN, T1 ("as the remote domain doesnt exist") },        /* KDDI */
  { NULL, BS_REASON_SUSPEND, T1 ("the user(s) account is disabled") },              /* au EZweb */
  { NULL, BS_REASON_EXPIRED, T1 ("your message was not delivered within ") },       /* au EZweb */
  /* providers' notices */
  { NULL, BS_REASON_EXPIRED, T1 ("delivery retry timeout exceeded") },              /* GMX */
  { NULL, BS_REASON_EXPIRED, T1 ("dns error: could not contact dns servers") },     /* Gmail */
  { NULL, BS_REASON_EXPIRED, T1 ("delivery to the following recipient has been delayed") }, /* Gmail */
  { NULL, BS_REASON_EXPIRED, T1 ("the recipient server did not accept our requests to connect") }, /* Gmail */
  { NULL, BS_REASON_HOSTUNKNOWN, T1 ("dns error: domain name not found") },         /* Gmail */
  { NULL, BS_REASON_HOSTUNKNOWN, T1 ("dns error: dns server returned answer with no data") }, /* Gmail */
  { NULL, BS_REASON_USERUNKNOWN, T1 ("because the address couldn't be found. check for typos or unnecessary spaces") }, /* Google Workspace */
  { NULL, BS_REASON_NETWORKERROR, T1 (" had no relevant answers.") },               /* Google Workspace DNS */
  { NULL, BS_REASON_NETWORKERROR, T1 (" responded with code nxdomain") },           /* Google Workspace DNS */
  { NULL, BS_REASON_EXPIRED, T1 ("delivery expired") },                             /* Amazon SES */
  { "receivingses", BS_REASON_FILTERED, T1 ("mailbox does not exist") },            /* Amazon SES inbound: suppressed address */
  { "receivingses", BS_REASON_CONTENTERROR, T1 ("message content rejected") },      /* Amazon SES inbound */
  { "receivingses", BS_REASON_FILTERED, T1 ("message filtered") },                  /* Amazon SES inbound: receipt rule filter */
  { "zoho", BS_REASON_EXPIRED, T1 ("host not reachable") },                         /* Zoho: retries over */
  { NULL, BS_REASON_REJECTED, T1 ("the group you tried to contact") },              /* Google Groups */
  { "googlegroups", BS_REASON_REJECTED, T1 ("") },                                  /* Google Groups in any language */
  { "fml", BS_REASON_REJECTED, T1 ("you are not a member of this mailing list") },  /* fml */
};
const gsize bs_rules_n_format = G_N_ELEMENTS (bs_rules_format);
