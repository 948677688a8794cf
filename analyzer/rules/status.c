/* status.c - what an RFC 3463 status code means, as a bounce reason
 *
 * After Sisimai's SMTP/Status.pm (BSD-2-Clause, azumakuniyuki) with the
 * Sisimai 5 meanings of the authentication and reverse-DNS codes of RFC 7372
 * (authfailure, requireptr), and Microsoft's extended 5.7.5xx/5.7.6xx codes
 * from its public NDR documentation (../shared/reference/field-notes.md).
 * A code listed here is only the status's opinion: classify.c weighs it
 * against the text (docs/classification.md).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "rules.h"

const BsStatusRule bs_rules_status[] = {
  { "2.1.5", "delivered" },       /* destination address valid: delivered */
  { "4.1.6", "hasmoved" },        /* destination mailbox has moved */
  { "4.1.7", "rejected" },        /* bad sender's mailbox address syntax */
  { "4.1.8", "rejected" },        /* bad sender's system address */
  { "4.1.9", "systemerror" },     /* message relayed to non-compliant mailer */
  { "4.2.1", "suspend" },         /* mailbox disabled, not accepting messages */
  { "4.2.2", "mailboxfull" },     /* mailbox full */
  { "4.2.3", "exceedlimit" },     /* message length exceeds administrative limit */
  { "4.2.4", "filtered" },        /* mailing list expansion problem */
  { "4.3.1", "systemfull" },      /* mail system full */
  { "4.3.2", "notaccept" },       /* system not accepting network messages */
  { "4.3.3", "systemerror" },     /* system not capable of selected features */
  { "4.3.5", "systemerror" },     /* system incorrectly configured */
  { "4.4.1", "expired" },         /* no answer from host */
  { "4.4.2", "networkerror" },    /* bad connection */
  { "4.4.4", "networkerror" },    /* unable to route */
  { "4.4.5", "systemfull" },      /* mail system congestion */
  { "4.4.6", "networkerror" },    /* routing loop detected */
  { "4.4.7", "expired" },         /* delivery time expired */
  { "4.5.3", "systemerror" },     /* too many recipients */
  { "4.5.5", "systemerror" },     /* wrong protocol version */
  { "4.6.0", "contenterror" },    /* other or undefined media error */
  { "4.6.2", "contenterror" },    /* conversion required and prohibited */
  { "4.6.5", "contenterror" },    /* conversion failed */
  { "4.7.1", "blocked" },         /* delivery not authorized, message refused (temporary) */
  { "4.7.2", "blocked" },         /* mailing list expansion prohibited */
  { "4.7.5", "securityerror" },   /* cryptographic failure */
  { "4.7.6", "securityerror" },   /* cryptographic algorithm not supported */
  { "4.7.7", "securityerror" },   /* message integrity failure */
  { "4.7.12", "securityerror" },  /* a password transition is needed */
  { "4.7.15", "securityerror" },  /* priority level is too low */
  { "4.7.16", "mesgtoobig" },     /* message is too big for the specified priority */
  { "4.7.23", "requireptr" },     /* Gmail 451 4.7.23: no PTR for the sending IP */
  { "4.7.24", "authfailure" },    /* SPF validation error (RFC 7372) */
  { "4.7.25", "requireptr" },     /* reverse DNS validation failed (RFC 7372) */
  { "4.7.26", "authfailure" },    /* multiple authentication checks failed (Gmail, Microsoft IPv6) */
  { "4.7.27", "authfailure" },    /* Gmail: bulk sender without SPF pass */
  { "4.7.30", "authfailure" },    /* Gmail: bulk sender without DKIM pass */
  { "4.7.32", "authfailure" },    /* Gmail: From: not aligned with SPF/DKIM domain */
  { "4.7.650", "badreputation" }, /* Microsoft: rate limited due to IP reputation */
  { "5.1.0", "userunknown" },     /* other address status */
  { "5.1.1", "userunknown" },     /* bad destination mailbox address */
  { "5.1.2", "hostunknown" },     /* bad destination system address */
  { "5.1.3", "userunknown" },     /* bad destination mailbox address syntax */
  { "5.1.4", "filtered" },        /* destination mailbox address ambiguous */
  { "5.1.6", "hasmoved" },        /* destination mailbox has moved */
  { "5.1.7", "rejected" },        /* bad sender's mailbox address syntax */
  { "5.1.8", "rejected" },        /* bad sender's system address */
  { "5.1.9", "systemerror" },     /* message relayed to non-compliant mailer */
  { "5.1.10", "notaccept" },      /* recipient address has null MX (RFC 7505) */
  { "5.2.0", "filtered" },        /* other or undefined mailbox status */
  { "5.2.1", "filtered" },        /* mailbox disabled, not accepting messages */
  { "5.2.2", "mailboxfull" },     /* mailbox full */
  { "5.2.3", "exceedlimit" },     /* message length exceeds administrative limit */
  { "5.2.4", "filtered" },        /* mailing list expansion problem */
  { "5.3.0", "systemerror" },     /* other or undefined mail system status */
  { "5.3.1", "systemfull" },      /* mail system full */
  { "5.3.2", "notaccept" },       /* system not accepting network messages */
  { "5.3.3", "systemerror" },     /* system not capable of selected features */
  { "5.3.4", "mesgtoobig" },      /* message too big for system */
  { "5.3.5", "systemerror" },     /* system incorrectly configured */
  { "5.4.0", "networkerror" },    /* other or undefined network or routing status */
  { "5.4.3", "systemerror" },     /* directory server failure */
  { "5.4.4", "hostunknown" },     /* unable to route */
  { "5.5.3", "toomanyconn" },     /* too many recipients */
  { "5.5.4", "systemerror" },     /* invalid command arguments */
  { "5.5.5", "systemerror" },     /* wrong protocol version */
  { "5.5.6", "securityerror" },   /* authentication exchange line is too long */
  { "5.6.0", "contenterror" },    /* other or undefined media error */
  { "5.6.1", "contenterror" },    /* media not supported */
  { "5.6.2", "contenterror" },    /* conversion required and prohibited */
  { "5.6.3", "contenterror" },    /* conversion required but not supported */
  { "5.6.5", "contenterror" },    /* conversion failed */
  { "5.6.6", "contenterror" },    /* message content not available */
  { "5.6.7", "contenterror" },    /* non-ASCII addresses not permitted */
  { "5.6.8", "contenterror" },    /* UTF-8 string reply required */
  { "5.6.9", "contenterror" },    /* UTF-8 header cannot be transferred */
  { "5.7.0", "securityerror" },   /* other or undefined security status */
  { "5.7.1", "securityerror" },   /* delivery not authorized, message refused */
  { "5.7.2", "securityerror" },   /* mailing list expansion prohibited */
  { "5.7.3", "securityerror" },   /* security conversion required but not possible */
  { "5.7.4", "securityerror" },   /* security features not supported */
  { "5.7.5", "securityerror" },   /* cryptographic failure */
  { "5.7.6", "securityerror" },   /* cryptographic algorithm not supported */
  { "5.7.7", "securityerror" },   /* message integrity failure */
  { "5.7.8", "securityerror" },   /* authentication credentials invalid */
  { "5.7.9", "securityerror" },   /* authentication mechanism is too weak */
  { "5.7.10", "securityerror" },  /* encryption needed */
  { "5.7.11", "securityerror" },  /* encryption required for requested mechanism */
  { "5.7.13", "suspend" },        /* user account disabled */
  { "5.7.14", "securityerror" },  /* trust relationship required */
  { "5.7.15", "securityerror" },  /* priority level is too low */
  { "5.7.16", "mesgtoobig" },     /* message is too big for the specified priority */
  { "5.7.17", "hasmoved" },       /* mailbox owner has changed */
  { "5.7.18", "hasmoved" },       /* domain owner has changed */
  { "5.7.19", "securityerror" },  /* RRVS test cannot be completed */
  { "5.7.20", "authfailure" },    /* no passing DKIM signature found */
  { "5.7.21", "authfailure" },    /* no acceptable DKIM signature found */
  { "5.7.22", "authfailure" },    /* no valid author-matched DKIM signature found */
  { "5.7.23", "authfailure" },    /* SPF validation failed */
  { "5.7.24", "authfailure" },    /* SPF validation error */
  { "5.7.25", "requireptr" },     /* reverse DNS validation failed */
  { "5.7.26", "authfailure" },    /* multiple authentication checks failed */
  { "5.7.27", "notaccept" },      /* sender address has null MX (RFC 7505) */
  { "5.7.30", "authfailure" },    /* Gmail: bulk sender without DKIM pass */
  { "5.7.509", "authfailure" },   /* Microsoft: sending domain fails DMARC with p=reject */
  { "5.7.515", "authfailure" },   /* Outlook.com: bulk domain without SPF, DKIM and DMARC */
};
const gsize bs_rules_n_status = G_N_ELEMENTS (bs_rules_status);

/* every reason, in the order docs/classification.md lists them */
const char *const bs_rules_reasons[] = {
  "userunknown", "hostunknown", "mailboxfull", "blocked", "spamdetected", "policyviolation",
  "expired", "rejected", "filtered", "suspend", "toomanyconn", "networkerror", "systemerror",
  "systemfull", "mesgtoobig", "exceedlimit", "contenterror", "securityerror", "virusdetected",
  "norelaying", "notaccept", "hasmoved", "syntaxerror", "mailererror", "onhold", "delivered",
  "vacation", "feedback", "authfailure", "badreputation", "requireptr", "notcompliantrfc",
  "speeding", "undefined",
};
const gsize bs_rules_n_reasons = G_N_ELEMENTS (bs_rules_reasons);
