/* reasons.h - the bounce reasons: one enum, one table row each
 *
 * Every fact the program knows about a reason lives in one row of
 * analyzer/rules/reasons.c: its name (Sisimai 5's vocabulary, the word the
 * history, the JSON output and the rules files use), its family (the
 * report's colours and headline), whether a bounce for it is hard, whether
 * a format stating it still lets the tables look for a definite one (the
 * retry set), whether it counts as a failure, its advice kind and its
 * labels.  Code names reasons by enum; names are read and written only at
 * the edges (JSON, the history, rules files) with the two functions below.
 * Plain data: no GMime, linked by the analyzer and by reports/.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the reasons, in the order of docs/classification.md */
typedef enum {
  BS_REASON_NONE = 0,       /* not stated (yet): no name */
  BS_REASON_USERUNKNOWN,
  BS_REASON_HOSTUNKNOWN,
  BS_REASON_MAILBOXFULL,
  BS_REASON_BLOCKED,
  BS_REASON_SPAMDETECTED,
  BS_REASON_POLICYVIOLATION,
  BS_REASON_EXPIRED,
  BS_REASON_REJECTED,
  BS_REASON_FILTERED,
  BS_REASON_SUSPEND,
  BS_REASON_TOOMANYCONN,
  BS_REASON_NETWORKERROR,
  BS_REASON_SYSTEMERROR,
  BS_REASON_SYSTEMFULL,
  BS_REASON_MESGTOOBIG,
  BS_REASON_EXCEEDLIMIT,
  BS_REASON_CONTENTERROR,
  BS_REASON_SECURITYERROR,
  BS_REASON_VIRUSDETECTED,
  BS_REASON_NORELAYING,
  BS_REASON_NOTACCEPT,
  BS_REASON_HASMOVED,
  BS_REASON_SYNTAXERROR,
  BS_REASON_MAILERERROR,
  BS_REASON_ONHOLD,
  BS_REASON_DELIVERED,
  BS_REASON_VACATION,
  BS_REASON_FEEDBACK,
  BS_REASON_AUTHFAILURE,
  BS_REASON_BADREPUTATION,
  BS_REASON_REQUIREPTR,
  BS_REASON_NOTCOMPLIANTRFC,
  BS_REASON_SPEEDING,
  BS_REASON_UNDEFINED,
  BS_REASON_COUNT
} BsReason;

/* what the sender can do about it, for the report's headline and colours;
 * a failure naming a blocklist is "reputation" whatever its reason */
typedef enum {
  BS_FAMILY_REPUTATION,   /* blocklist, IP/domain reputation, spam, auth */
  BS_FAMILY_ADDRESS,      /* the address or its domain is wrong or closed */
  BS_FAMILY_MAILBOX_FULL, /* the recipient's mailbox is full */
  BS_FAMILY_OTHER,        /* everything else */
  BS_FAMILY_COUNT
} BsReasonFamily;

/* the kind of advice (advice.h): who has to act */
typedef enum {
  BS_ADVICE_ADDRESS,      /* the address (or its domain) is wrong or gone */
  BS_ADVICE_RECIPIENT,    /* the recipient's side: full, filtered, suspended */
  BS_ADVICE_REPUTATION,   /* our server's IP or domain reputation, a blocklist */
  BS_ADVICE_SENDER,       /* our own setup: authentication, PTR, relay, size */
  BS_ADVICE_CONTENT,      /* the message itself: spam-like, virus, format */
  BS_ADVICE_TEMPORARY,    /* a passing problem: retry later */
  BS_ADVICE_INFO,         /* not a failure: delivered, auto-reply, report */
} BsAdviceKind;

/* bs_reason_from_name - the reason of that name (the name column of
 * reasons.c), exactly as written; BS_REASON_NONE for NULL or a name that
 * is no reason */
BsReason bs_reason_from_name (const char *name);

/* bs_reason_name - its name (static); NULL for BS_REASON_NONE */
const char *bs_reason_name (BsReason reason);

/* bs_reason_retry - in the retry set: a format stating it (or a status
 * meaning it) is not definite, the tables may still find better
 * (undefined, onhold, systemerror, securityerror, expired, networkerror,
 * hostunknown, userunknown) */
gboolean bs_reason_retry (BsReason reason);

/* bs_reason_is_failure - FALSE for what is no failed delivery (delivered,
 * vacation, feedback); TRUE for every other reason and for NONE */
gboolean bs_reason_is_failure (BsReason reason);

/* bs_reason_hard - retrying the same address cannot succeed; temporary:
 * the bounce's status or reply was of class 4 */
gboolean bs_reason_hard (BsReason reason, gboolean temporary);

/* bs_reason_provider_refused - the provider itself is the "list" that
 * refused (blocked, badreputation, spamdetected, requireptr, authfailure):
 * its own reputation system is named, and the refused IP looked for */
gboolean bs_reason_provider_refused (BsReason reason);

/* bs_reason_sender_auth - the sender domain's SPF, DKIM or DMARC are in
 * question (authfailure, policyviolation): the live checks look at them */
gboolean bs_reason_sender_auth (BsReason reason);

/* bs_reason_advice_kind - the kind of its advice */
BsAdviceKind bs_reason_advice_kind (BsReason reason);

/* bs_reason_label - what it means in a few words, in lang ("ja..." or
 * anything else: English); NULL for BS_REASON_NONE */
const char *bs_reason_label (BsReason reason, const char *lang);

/* bs_reason_family - its family; any reason with a blocklist named (not
 * NULL or empty) is BS_FAMILY_REPUTATION; NONE is BS_FAMILY_OTHER */
BsReasonFamily bs_reason_family (BsReason reason, const char *blocklist);

/* a family's name ("reputation", "address", "mailbox-full", "other"), its
 * colour on the report ("#cf3f35"), the shades its reasons take on the
 * charts (i: 0 the darkest, taken modulo 4), and its label in lang */
const char *bs_family_name (BsReasonFamily family);
const char *bs_family_color (BsReasonFamily family);
const char *bs_family_shade (BsReasonFamily family, guint i);
const char *bs_family_label (BsReasonFamily family, const char *lang);

G_END_DECLS
