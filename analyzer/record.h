/* record.h - BsRecord: one recipient of one bounce, facts and verdict
 *
 * A record owns plain UTF-8 copies of every string (never pointers into a
 * GMimeMessage), so a message is released as soon as its records exist.
 * NULL means "the bounce does not say"; nothing is made up.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "reasons.h"

G_BEGIN_DECLS

typedef struct {
  /* where it came from */
  char *source;            /* path of the message file, or of the mbox */
  guint index;             /* 1-based message number inside an mbox; 0 elsewhere */

  /* facts read from the bounce */
  char *recipient;         /* Final-Recipient, lower-cased domain */
  char *orig_recipient;    /* Original-Recipient, when given */
  char *status;            /* RFC 3463 status, "5.7.1" */
  char *status_from;       /* "bounce" (given), or "inferred" from the reply
                              code or the text when the bounce gives none */
  guint reply_code;        /* SMTP reply code, 550; 0 when not given */
  char *action;            /* failed, delayed, delivered, relayed, expanded */
  char *remote_mta;        /* host that refused */
  char *reporting_mta;     /* host that wrote the bounce */
  char *diagnostic;        /* remote's text, unfolded */
  char *diagnostic_type;   /* smtp, x-unix, ... */
  char *command;           /* SMTP command that was refused: RCPT, DATA ... */
  char *timestamp;         /* ISO 8601 with offset */
  char *mta;               /* which software wrote the bounce */
  char *feedback_type;     /* ARF feedback type, for feedback reports */

  /* the original message */
  char *orig_message_id;
  char *orig_from;
  char *orig_to;
  char *orig_subject;
  char *orig_date;         /* ISO 8601 with offset */

  /* verdict */
  BsReason reason;         /* NONE: none stated yet */
  gboolean hard_bounce;    /* retrying the same address cannot succeed */
  char *destination;       /* recipient's domain */
  char *sender_domain;     /* domain of the original sender */
  char *sending_ip;        /* IP address the remote refused */
  char *sending_ip_from;   /* "reply" (named in the refusal) or "received" */
  char *provider_code;     /* S3150, SC-001, TSS04 ... */
  char *blocklist;         /* spamhaus-zen, spamcop, microsoft-olc ... */
  char *rule;              /* id of the rule-table row that decided reason */
  char *evidence;          /* the text that row matched */

  /* which of the original's fields (BS_RECORD_SHARED_*) are shared with the
   * other records of the bounce (bs_record_share_original): one copy of a
   * 4 KB header for 20,000 recipients, not 20,000 */
  guint8 shared;
} BsRecord;

enum {
  BS_RECORD_SHARED_MESSAGE_ID = 1 << 0,
  BS_RECORD_SHARED_FROM = 1 << 1,
  BS_RECORD_SHARED_TO = 1 << 2,
  BS_RECORD_SHARED_SUBJECT = 1 << 3,
  BS_RECORD_SHARED_DATE = 1 << 4,
};

BsRecord *bs_record_new (void);
void bs_record_free (BsRecord *record);
BsRecord *bs_record_copy (const BsRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsRecord, bs_record_free)

/* bs_record_set - replace *field with a bounded, valid UTF-8 copy of value
 * (NULL or an empty/blank string stores NULL); whitespace is trimmed and
 * control characters other than tab become spaces. */
void bs_record_set (char **field, const char *value);

/* bs_record_share_field - when *field (one of r's original's fields, bit
 * its BS_RECORD_SHARED_ bit) is NULL, set it to shared (a GRefString made
 * once for every record of the bounce, or NULL), taking a reference;
 * bs_record_set must not be used on it afterwards (bs_record_copy gives
 * plain copies) */
void bs_record_share_field (BsRecord *r, char **field, guint8 bit, char *shared);

/* bs_record_bytes - about how many bytes of memory r holds (its own strings;
 * a shared field counts for nothing) */
gsize bs_record_bytes (const BsRecord *r);

/* bs_text_clean - bounded (max bytes) valid UTF-8 copy of text, controls
 * turned to spaces, white space folded, ends trimmed; NULL if empty */
char *bs_text_clean (const char *text, gsize max);

/* bs_record_is_failure - TRUE for a failed recipient: not a delay warning,
 * not delivered, not an auto-reply, not a feedback report (the reason's
 * row says which reasons are failures) */
gboolean bs_record_is_failure (const BsRecord *record);

/* bs_record_to_json - one JSON object (no newline) with every key, null
 * where unknown; always valid JSON whatever the strings held */
char *bs_record_to_json (const BsRecord *record);

/* bs_record_append_json - the same, appended to out */
void bs_record_append_json (const BsRecord *record, GString *out);

/* bs_undecodable_to_json - the JSON line dump prints for a message that
 * could not be decoded: {"undecodable": {"source", "index", "error"}} */
char *bs_undecodable_to_json (const char *source, guint index, const char *why);

G_END_DECLS
