/* status.c - what an RFC 3463 status code means, as a bounce reason
 *
 * After Sisimai's table of statuses (BSD-2-Clause, azumakuniyuki) with the
 * Sisimai 5 meanings of the authentication and reverse-DNS codes of RFC 7372
 * (authfailure, requireptr), and Microsoft's extended 5.7.5xx/5.7.6xx codes
 * from its public NDR documentation.
 * A code listed here is only the status's opinion: analyzer/classify/ weighs it
 * against the text (docs/classification.md).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "rules.h"

const BsStatusRule bs_rules_status[] = {
  { "2.1.5", BS_REASON_DELIVERED,                                 /* destination address valid: delivered */
    "250 2.1.5 Recipient OK" },
  { "4.1.6", BS_REASON_HASMOVED,                                  /* destination mailbox has moved */
    "450 4.1.6 Destination mailbox has moved" },
  { "4.1.7", BS_REASON_REJECTED,                                  /* bad sender's mailbox address syntax */
    "450 4.1.7 Bad sender's mailbox address syntax" },
  { "4.1.8", BS_REASON_REJECTED,                                  /* bad sender's system address */
    "450 4.1.8 Bad sender's system address" },
  { "4.1.9", BS_REASON_SYSTEMERROR,                               /* message relayed to non-compliant mailer */
    "450 4.1.9 Message relayed to non-compliant mailer" },
  { "4.2.1", BS_REASON_SUSPEND,                                   /* mailbox disabled, not accepting messages */
    "450 4.2.1 Mailbox not accepting messages at this time" },
  { "4.2.2", BS_REASON_MAILBOXFULL,                               /* mailbox full */
    "452 4.2.2 Mailbox full" },
  { "4.2.3", BS_REASON_EXCEEDLIMIT,                               /* message length exceeds administrative limit */
    "452 4.2.3 Message length exceeds administrative limit" },
  { "4.2.4", BS_REASON_FILTERED,                                  /* mailing list expansion problem */
    "450 4.2.4 Mailing list expansion problem" },
  { "4.3.1", BS_REASON_SYSTEMFULL,                                /* mail system full */
    "452 4.3.1 Mail system full" },
  { "4.3.2", BS_REASON_NOTACCEPT,                                 /* system not accepting network messages */
    "421 4.3.2 System not accepting network messages" },
  { "4.3.3", BS_REASON_SYSTEMERROR,                               /* system not capable of selected features */
    "450 4.3.3 System not capable of selected features" },
  { "4.3.5", BS_REASON_SYSTEMERROR,                               /* system incorrectly configured */
    "451 4.3.5 System incorrectly configured" },
  { "4.4.1", BS_REASON_EXPIRED,                                   /* no answer from host */
    "451 4.4.1 No answer from host" },
  { "4.4.2", BS_REASON_NETWORKERROR,                              /* bad connection */
    "421 4.4.2 Bad connection" },
  { "4.4.4", BS_REASON_NETWORKERROR,                              /* unable to route */
    "451 4.4.4 Unable to route" },
  { "4.4.5", BS_REASON_SYSTEMFULL,                                /* mail system congestion */
    "451 4.4.5 Mail system congestion" },
  { "4.4.6", BS_REASON_NETWORKERROR,                              /* routing loop detected */
    "451 4.4.6 Routing loop" },
  { "4.4.7", BS_REASON_EXPIRED,                                   /* delivery time expired */
    "451 4.4.7 Delivery attempts have ended" },
  { "4.5.3", BS_REASON_SYSTEMERROR,                               /* too many recipients */
    "452 4.5.3 Please send to fewer addresses at a time" },
  { "4.5.5", BS_REASON_SYSTEMERROR,                               /* wrong protocol version */
    "451 4.5.5 Wrong protocol version" },
  { "4.6.0", BS_REASON_CONTENTERROR,                              /* other or undefined media error */
    "451 4.6.0 Other or undefined media error" },
  { "4.6.2", BS_REASON_CONTENTERROR,                              /* conversion required and prohibited */
    "451 4.6.2 Conversion required and prohibited" },
  { "4.6.5", BS_REASON_CONTENTERROR,                              /* conversion failed */
    "451 4.6.5 Conversion failed" },
  { "4.7.1", BS_REASON_BLOCKED,                                   /* delivery not authorized, message refused (temporary) */
    "451 4.7.1 Please try again later" },
  { "4.7.2", BS_REASON_BLOCKED,                                   /* mailing list expansion prohibited */
    "451 4.7.2 Mailing list expansion prohibited" },
  { "4.7.5", BS_REASON_SECURITYERROR,                             /* cryptographic failure */
    "451 4.7.5 Cryptographic failure" },
  { "4.7.6", BS_REASON_SECURITYERROR,                             /* cryptographic algorithm not supported */
    "451 4.7.6 Cryptographic algorithm not supported" },
  { "4.7.7", BS_REASON_SECURITYERROR,                             /* message integrity failure */
    "451 4.7.7 Message integrity failure" },
  { "4.7.12", BS_REASON_SECURITYERROR,                            /* a password transition is needed */
    "454 4.7.12 A password transition is needed" },
  { "4.7.15", BS_REASON_SECURITYERROR,                            /* priority level is too low */
    "450 4.7.15 Priority level is too low" },
  { "4.7.16", BS_REASON_MESGTOOBIG,                               /* message is too big for the specified priority */
    "452 4.7.16 Message is too big for the specified priority" },
  { "4.7.23", BS_REASON_REQUIREPTR,                               /* Gmail 451 4.7.23: no PTR for the sending IP */
    "451 4.7.23 The sending IP address has no PTR" },
  { "4.7.24", BS_REASON_AUTHFAILURE,                              /* SPF validation error (RFC 7372) */
    "451 4.7.24 SPF validation error" },
  { "4.7.25", BS_REASON_REQUIREPTR,                               /* reverse DNS validation failed (RFC 7372) */
    "451 4.7.25 Reverse DNS check could not be completed" },
  { "4.7.26", BS_REASON_AUTHFAILURE,                              /* multiple authentication checks failed (Gmail, Microsoft IPv6) */
    "451 4.7.26 Please authenticate your mail" },
  { "4.7.27", BS_REASON_AUTHFAILURE,                              /* Gmail: bulk sender without SPF pass */
    "451 4.7.27 Please set up SPF for example.org" },
  { "4.7.30", BS_REASON_AUTHFAILURE,                              /* Gmail: bulk sender without DKIM pass */
    "451 4.7.30 Please sign your mail with DKIM" },
  { "4.7.32", BS_REASON_AUTHFAILURE,                              /* Gmail: From: not aligned with SPF/DKIM domain */
    "451 4.7.32 The From: header does not match the authenticated domain" },
  { "4.7.650", BS_REASON_BADREPUTATION,                           /* Microsoft: rate limited due to IP reputation */
    "451 4.7.650 Please try again later" },
  { "5.1.0", BS_REASON_USERUNKNOWN,                               /* other address status */
    "550 5.1.0 Other address status" },
  { "5.1.1", BS_REASON_USERUNKNOWN,                               /* bad destination mailbox address */
    "550 5.1.1 Bad destination mailbox address" },
  { "5.1.2", BS_REASON_HOSTUNKNOWN,                               /* bad destination system address */
    "550 5.1.2 Bad destination system address" },
  { "5.1.3", BS_REASON_USERUNKNOWN,                               /* bad destination mailbox address syntax */
    "501 5.1.3 Bad destination mailbox address syntax" },
  { "5.1.4", BS_REASON_FILTERED,                                  /* destination mailbox address ambiguous */
    "550 5.1.4 Destination mailbox address ambiguous" },
  { "5.1.6", BS_REASON_HASMOVED,                                  /* destination mailbox has moved */
    "550 5.1.6 Destination mailbox has moved" },
  { "5.1.7", BS_REASON_REJECTED,                                  /* bad sender's mailbox address syntax */
    "550 5.1.7 Bad sender's mailbox address syntax" },
  { "5.1.8", BS_REASON_REJECTED,                                  /* bad sender's system address */
    "550 5.1.8 Bad sender's system address" },
  { "5.1.9", BS_REASON_SYSTEMERROR,                               /* message relayed to non-compliant mailer */
    "550 5.1.9 Message relayed to non-compliant mailer" },
  { "5.1.10", BS_REASON_NOTACCEPT,                                /* recipient address has null MX (RFC 7505) */
    "556 5.1.10 Recipient address has null MX" },
  { "5.2.0", BS_REASON_FILTERED,                                  /* other or undefined mailbox status */
    "550 5.2.0 Other or undefined mailbox status" },
  { "5.2.1", BS_REASON_FILTERED,                                  /* mailbox disabled, not accepting messages */
    "550 5.2.1 Mailbox not accepting messages" },
  { "5.2.2", BS_REASON_MAILBOXFULL,                               /* mailbox full */
    "552 5.2.2 Mailbox full" },
  { "5.2.3", BS_REASON_EXCEEDLIMIT,                               /* message length exceeds administrative limit */
    "552 5.2.3 Message length exceeds administrative limit" },
  { "5.2.4", BS_REASON_FILTERED,                                  /* mailing list expansion problem */
    "550 5.2.4 Mailing list expansion problem" },
  { "5.3.0", BS_REASON_SYSTEMERROR,                               /* other or undefined mail system status */
    "554 5.3.0 Other or undefined mail system status" },
  { "5.3.1", BS_REASON_SYSTEMFULL,                                /* mail system full */
    "552 5.3.1 Mail system full" },
  { "5.3.2", BS_REASON_NOTACCEPT,                                 /* system not accepting network messages */
    "554 5.3.2 System not accepting network messages" },
  { "5.3.3", BS_REASON_SYSTEMERROR,                               /* system not capable of selected features */
    "554 5.3.3 System not capable of selected features" },
  { "5.3.4", BS_REASON_MESGTOOBIG,                                /* message too big for system */
    "552 5.3.4 Message too big for system" },
  { "5.3.5", BS_REASON_SYSTEMERROR,                               /* system incorrectly configured */
    "554 5.3.5 System incorrectly configured" },
  { "5.4.0", BS_REASON_NETWORKERROR,                              /* other or undefined network or routing status */
    "554 5.4.0 Other or undefined network or routing status" },
  { "5.4.3", BS_REASON_SYSTEMERROR,                               /* directory server failure */
    "554 5.4.3 Directory server failure" },
  { "5.4.4", BS_REASON_HOSTUNKNOWN,                               /* unable to route */
    "554 5.4.4 Unable to route" },
  { "5.5.3", BS_REASON_TOOMANYCONN,                               /* too many recipients */
    "552 5.5.3 Too many recipients" },
  { "5.5.4", BS_REASON_SYSTEMERROR,                               /* invalid command arguments */
    "501 5.5.4 Invalid command arguments" },
  { "5.5.5", BS_REASON_SYSTEMERROR,                               /* wrong protocol version */
    "554 5.5.5 Wrong protocol version" },
  { "5.5.6", BS_REASON_SECURITYERROR,                             /* authentication exchange line is too long */
    "500 5.5.6 Authentication exchange line is too long" },
  { "5.6.0", BS_REASON_CONTENTERROR,                              /* other or undefined media error */
    "554 5.6.0 Other or undefined media error" },
  { "5.6.1", BS_REASON_CONTENTERROR,                              /* media not supported */
    "554 5.6.1 Media not supported" },
  { "5.6.2", BS_REASON_CONTENTERROR,                              /* conversion required and prohibited */
    "554 5.6.2 Conversion required and prohibited" },
  { "5.6.3", BS_REASON_CONTENTERROR,                              /* conversion required but not supported */
    "554 5.6.3 Conversion required but not supported" },
  { "5.6.5", BS_REASON_CONTENTERROR,                              /* conversion failed */
    "554 5.6.5 Conversion failed" },
  { "5.6.6", BS_REASON_CONTENTERROR,                              /* message content not available */
    "554 5.6.6 Message content not available" },
  { "5.6.7", BS_REASON_CONTENTERROR,                              /* non-ASCII addresses not permitted */
    "553 5.6.7 Non-ASCII addresses not permitted for that sender" },
  { "5.6.8", BS_REASON_CONTENTERROR,                              /* UTF-8 string reply required */
    "554 5.6.8 UTF-8 string reply required" },
  { "5.6.9", BS_REASON_CONTENTERROR,                              /* UTF-8 header cannot be transferred */
    "554 5.6.9 UTF-8 header cannot be transferred" },
  { "5.7.0", BS_REASON_SECURITYERROR,                             /* other or undefined security status */
    "550 5.7.0 Other or undefined security status" },
  { "5.7.1", BS_REASON_SECURITYERROR,                             /* delivery not authorized, message refused */
    "550 5.7.1 Message refused" },
  { "5.7.2", BS_REASON_SECURITYERROR,                             /* mailing list expansion prohibited */
    "550 5.7.2 Mailing list expansion prohibited" },
  { "5.7.3", BS_REASON_SECURITYERROR,                             /* security conversion required but not possible */
    "554 5.7.3 Security conversion required but not possible" },
  { "5.7.4", BS_REASON_SECURITYERROR,                             /* security features not supported */
    "504 5.7.4 Security features not supported" },
  { "5.7.5", BS_REASON_SECURITYERROR,                             /* cryptographic failure */
    "554 5.7.5 Cryptographic failure" },
  { "5.7.6", BS_REASON_SECURITYERROR,                             /* cryptographic algorithm not supported */
    "554 5.7.6 Cryptographic algorithm not supported" },
  { "5.7.7", BS_REASON_SECURITYERROR,                             /* message integrity failure */
    "554 5.7.7 Message integrity failure" },
  { "5.7.8", BS_REASON_SECURITYERROR,                             /* authentication credentials invalid */
    "535 5.7.8 Bad credentials" },
  { "5.7.9", BS_REASON_SECURITYERROR,                             /* authentication mechanism is too weak */
    "534 5.7.9 Authentication mechanism is too weak" },
  { "5.7.10", BS_REASON_SECURITYERROR,                            /* encryption needed */
    "523 5.7.10 Encryption needed" },
  { "5.7.11", BS_REASON_SECURITYERROR,                            /* encryption required for requested mechanism */
    "524 5.7.11 Encryption required for requested mechanism" },
  { "5.7.13", BS_REASON_SUSPEND,                                  /* user account disabled */
    "525 5.7.13 User account deactivated" },
  { "5.7.14", BS_REASON_SECURITYERROR,                            /* trust relationship required */
    "535 5.7.14 Trust relationship required" },
  { "5.7.15", BS_REASON_SECURITYERROR,                            /* priority level is too low */
    "550 5.7.15 Priority level is too low" },
  { "5.7.16", BS_REASON_MESGTOOBIG,                               /* message is too big for the specified priority */
    "552 5.7.16 Message is too big for the specified priority" },
  { "5.7.17", BS_REASON_HASMOVED,                                 /* mailbox owner has changed */
    "550 5.7.17 Mailbox owner has changed" },
  { "5.7.18", BS_REASON_HASMOVED,                                 /* domain owner has changed */
    "550 5.7.18 Domain owner has changed" },
  { "5.7.19", BS_REASON_SECURITYERROR,                            /* RRVS test cannot be completed */
    "550 5.7.19 RRVS test cannot be completed" },
  { "5.7.20", BS_REASON_AUTHFAILURE,                              /* no passing DKIM signature found */
    "550 5.7.20 No passing DKIM signature found" },
  { "5.7.21", BS_REASON_AUTHFAILURE,                              /* no acceptable DKIM signature found */
    "550 5.7.21 No acceptable DKIM signature found" },
  { "5.7.22", BS_REASON_AUTHFAILURE,                              /* no valid author-matched DKIM signature found */
    "550 5.7.22 No valid author-matched DKIM signature found" },
  { "5.7.23", BS_REASON_AUTHFAILURE,                              /* SPF validation failed */
    "550 5.7.23 SPF validation failed" },
  { "5.7.24", BS_REASON_AUTHFAILURE,                              /* SPF validation error */
    "550 5.7.24 SPF validation error" },
  { "5.7.25", BS_REASON_REQUIREPTR,                               /* reverse DNS validation failed */
    "550 5.7.25 Reverse DNS validation failed" },
  { "5.7.26", BS_REASON_AUTHFAILURE,                              /* multiple authentication checks failed */
    "550 5.7.26 Multiple authentication checks failed" },
  { "5.7.27", BS_REASON_NOTACCEPT,                                /* sender address has null MX (RFC 7505) */
    "550 5.7.27 Sender address has null MX" },
  { "5.7.30", BS_REASON_AUTHFAILURE,                              /* Gmail: bulk sender without DKIM pass */
    "550 5.7.30 Please sign your mail with DKIM" },
  { "5.7.509", BS_REASON_AUTHFAILURE,                             /* Microsoft: sending domain fails DMARC with p=reject */
    "550 5.7.509 Access denied, sending domain example.org fails DMARC" },
  { "5.7.515", BS_REASON_AUTHFAILURE,                             /* Outlook.com: bulk domain without SPF, DKIM and DMARC */
    "550 5.7.515 Access denied, sending domain example.org does not meet the required authentication level" },
};
const gsize bs_rules_n_status = G_N_ELEMENTS (bs_rules_status);

