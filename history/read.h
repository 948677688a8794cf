/* read.h - reading the history: one snapshot, one filter, rows as structs
 *
 * A BsHistoryRead is one consistent state of the history: every read made
 * through it sees the same rows, even while a scan commits.  Reads return an
 * iterator; each bs_history_next_* fills a row struct whose strings belong
 * to the iterator and stay valid until its next call (no copy per row: a
 * report reads a million of them).  A next_* returns FALSE at the end, and
 * FALSE with error set when the history could not be read.
 *
 * Every read that takes a filter (filter.h; NULL: everything) applies it
 * the same way; the rows' days are days in the filter's zone (UTC without
 * one: "YYYY-MM-DD"), their times UTC ISO 8601 ("2026-03-05T10:20:30Z"),
 * and a failure row's time_local the time in that zone with its offset.  Nothing here says how the rows
 * are stored: a backend (history/sqlite-*.c) answers each call.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "filter.h"
#include "store.h"

G_BEGIN_DECLS

typedef struct _BsHistoryRead BsHistoryRead;
typedef struct _BsHistoryIter BsHistoryIter;

/* bs_history_read_begin - a snapshot of store's history.  One at a time per
 * store (a second one begun inside the first shares its snapshot and must
 * end first); end it before the store is closed. */
BsHistoryRead *bs_history_read_begin (BsStore *store, GError **error);
/* bs_history_read_fork - before the first read of read: the same snapshot
 * on a connection of its own, for another thread; NULL when that cannot be
 * had (a scan committing all the while).  End it before read. */
BsHistoryRead *bs_history_read_fork (BsHistoryRead *read);
void bs_history_read_end (BsHistoryRead *read);
/* bs_history_read_set_cancel - once *cancelled (a signal's flag, may be
 * NULL) is non-zero, read's next_* calls return FALSE with
 * BS_ERROR_INTERRUPTED; SQLite's also stop a statement that works long
 * before its first row (a sort) */
void bs_history_read_set_cancel (BsHistoryRead *read, const gint *cancelled);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsHistoryRead, bs_history_read_end)

void bs_history_iter_free (BsHistoryIter *iter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsHistoryIter, bs_history_iter_free)

/* ---- the facts of every record (a report's one read) ---- */

typedef struct {
  gint64 id;                 /* the record's id: unique, grows as records are added */
  const char *recipient;     /* NULL when the bounce names none */
  gsize recipient_len;
  const char *destination;
  const char *sender_domain;
  const char *host;          /* the host whose scan stored it (a fleet's), or NULL */
  const char *sending_ip;
  const char *status;
  gboolean has_reply;        /* reply_code is given */
  gint64 reply_code;
  const char *provider_code;
  const char *reason;
  const char *blocklist;
  const char *day;
  const char *seen_at;
  gint64 hard;               /* 1: judged a hard bounce */
  int is_failure;            /* 1 a failure, 0 a notice (delay, delivery...), -1 unknown */
  gboolean delayed;          /* a delay warning */
  int diagnostic;            /* 0 no diagnostic, 1 an empty one, 2 a text */
} BsRecordFacts;

/* bs_history_facts - every record of the filter (failures and notices), in
 * no particular order */
BsHistoryIter *bs_history_facts (BsHistoryRead *read, const BsHistoryFilter *filter,
                                 GError **error);
gboolean bs_history_next_facts (BsHistoryIter *iter, BsRecordFacts *row, GError **error);

/* bs_history_facts_by_recipient - the failures of the filter with a
 * recipient and one of reasons (names, NULL-terminated, at most 16), in
 * recipient order, ASCII case ignored (a recipient's failures together,
 * oldest first), read with bs_history_next_facts */
BsHistoryIter *bs_history_facts_by_recipient (BsHistoryRead *read, const BsHistoryFilter *filter,
                                              const char *const *reasons, GError **error);

/* bs_history_recipients - every record with a recipient (whatever the
 * filter), in recipient order: a recipient's records come together */
BsHistoryIter *bs_history_recipients (BsHistoryRead *read, GError **error);
gboolean bs_history_next_recipient (BsHistoryIter *iter, const char **recipient, gsize *len,
                                    gint64 *id, GError **error);

/* ---- failure rows: every stored field ---- */

/* a failure's fields, in the order of failures.csv (docs/csv.md), family
 * left out (the reports derive it) */
typedef enum {
  BS_FIELD_DAY, BS_FIELD_TIME_UTC, BS_FIELD_TIME_LOCAL, BS_FIELD_TIMESTAMP, BS_FIELD_RECIPIENT,
  BS_FIELD_ORIG_RECIPIENT, BS_FIELD_ACTION, BS_FIELD_STATUS, BS_FIELD_STATUS_FROM,
  BS_FIELD_REPLY_CODE, BS_FIELD_REASON, BS_FIELD_HARD_BOUNCE, BS_FIELD_DESTINATION,
  BS_FIELD_SENDER_DOMAIN, BS_FIELD_SENDING_IP, BS_FIELD_SENDING_IP_FROM, BS_FIELD_PROVIDER_CODE,
  BS_FIELD_BLOCKLIST, BS_FIELD_REMOTE_MTA, BS_FIELD_REPORTING_MTA, BS_FIELD_COMMAND,
  BS_FIELD_DIAGNOSTIC_TYPE, BS_FIELD_DIAGNOSTIC, BS_FIELD_MTA, BS_FIELD_FEEDBACK_TYPE,
  BS_FIELD_ORIG_MESSAGE_ID, BS_FIELD_ORIG_FROM, BS_FIELD_ORIG_TO, BS_FIELD_ORIG_SUBJECT,
  BS_FIELD_ORIG_DATE, BS_FIELD_RULE, BS_FIELD_EVIDENCE, BS_FIELD_SOURCE, BS_FIELD_MBOX_INDEX,
  BS_FIELD_COUNT
} BsFailureField;

/* bs_history_field_numeric - TRUE for the integer fields (reply code, hard
 * bounce, mbox index): their text is the number in decimal */
gboolean bs_history_field_numeric (BsFailureField field);

typedef struct {
  gint64 id;
  const char *values[BS_FIELD_COUNT];   /* text of each field, NULL when unknown */
} BsFailureRow;

/* one field's value a failure must have; value NULL: the field is unknown */
typedef struct {
  BsFailureField field;
  const char *value;
} BsFieldMatch;

typedef struct {
  gboolean newest;             /* newest first; else oldest first (time, then id) */
  guint limit;                 /* 0: all */
  const BsFieldMatch *match;   /* n_match fields a failure must match (a group), or NULL */
  guint n_match;
  gboolean sorted;             /* without match: read the plain way (one sort of the
                                  whole rows), after BS_ERROR_DISORDER */
} BsFailureQuery;

/* bs_history_failures - the failures of the filter in time order.  Without
 * a match, the order is checked as the rows come: a row out of order fails
 * with BS_ERROR_DISORDER before it is given, and the caller reads again
 * with sorted set. */
BsHistoryIter *bs_history_failures (BsHistoryRead *read, const BsHistoryFilter *filter,
                                    const BsFailureQuery *query, GError **error);
/* bs_history_failures_by_id - the failures of ids (n of them), in that order */
BsHistoryIter *bs_history_failures_by_id (BsHistoryRead *read, const gint64 *ids, guint n,
                                          GError **error);
gboolean bs_history_next_failure (BsHistoryIter *iter, BsFailureRow *row, GError **error);

/* what a look-up (bouncescan search) asks about */
typedef enum {
  BS_LOOKUP_ADDRESS,   /* a recipient address (ASCII case ignored) */
  BS_LOOKUP_DOMAIN,    /* a destination domain: either spelling of an IDN */
  BS_LOOKUP_IP,        /* a refused sending IP */
} BsLookupKind;

/* bs_history_lookup - the failures of filter about value (kind), oldest
 * first (time, then id), read with bs_history_next_failure.  A value that
 * is no address, domain or IP finds nothing. */
BsHistoryIter *bs_history_lookup (BsHistoryRead *read, const BsHistoryFilter *filter,
                                  BsLookupKind kind, const char *value, GError **error);

/* bs_history_diagnostic - the diagnostic text of record id, or NULL */
char *bs_history_diagnostic (BsHistoryRead *read, gint64 id);

/* ---- the mailbox: messages and scans ---- */

typedef struct {
  gint64 messages, bounces, not_bounces, undecodable;
  gint64 runs;            /* scan runs kept */
  char *last_scan;        /* when the last one finished, or NULL */
} BsHistoryMail;

gboolean bs_history_mail (BsHistoryRead *read, BsHistoryMail *mail, GError **error);
void bs_history_mail_clear (BsHistoryMail *mail);

/* bs_history_undecodable - the messages that could not be decoded, newest
 * first, at most limit (0: all); *total (may be NULL) gets their number */
BsHistoryIter *bs_history_undecodable (BsHistoryRead *read, guint limit, gint64 *total,
                                       GError **error);
gboolean bs_history_next_undecodable (BsHistoryIter *iter, const char **source, guint *index,
                                      const char **why, const char **first_seen, GError **error);

/* ---- sender domains ---- */

/* bs_history_sender_domains - every sender domain the history knows
 * (failures kept, and the per-day counts that outlive a prune), char * */
GPtrArray *bs_history_sender_domains (BsHistoryRead *read, GError **error);

/* bs_history_check_senders - FALSE with BS_ERROR_NO_MATCH when a sender
 * domain of filter matches nothing the history knows; the message names it
 * and the closest known ones */
gboolean bs_history_check_senders (BsHistoryRead *read, const BsHistoryFilter *filter,
                                   GError **error);

/* ---- per-day counts and scan runs (what "changes" reads) ---- */

typedef struct {
  const char *kind;       /* ip, destination, blocklist, provider_code */
  const char *value;
  const char *day;
  gint64 failures;
  gint64 first_run;       /* the scan that first counted one; 0: unknown */
} BsDayCount;

/* bs_history_days - the failures per subject and day, on days up to
 * until_day (NULL: all), of the filter's sender domains (its days are not
 * applied), in (kind, value, day) order */
BsHistoryIter *bs_history_days (BsHistoryRead *read, const BsHistoryFilter *filter,
                                const char *until_day, GError **error);
gboolean bs_history_next_day (BsHistoryIter *iter, BsDayCount *row, GError **error);

/* bs_history_newest_day - the newest day with a failure of any sender: on or
 * before until_day (NULL: any), counted first by a run up to max_run (0: any);
 * *day NULL when none */
gboolean bs_history_newest_day (BsHistoryRead *read, const char *until_day, gint64 max_run,
                                char **day, GError **error);

typedef struct {
  gint64 id;              /* 0: none */
  char *finished;         /* UTC ISO 8601 */
} BsRunEnd;

/* bs_history_finished_runs - the latest finished scan run, and the finished
 * one before it */
gboolean bs_history_finished_runs (BsHistoryRead *read, BsRunEnd *last, BsRunEnd *previous,
                                   GError **error);
void bs_run_end_clear (BsRunEnd *run);

/* bs_history_last_record - the id of the newest record that the scans up
 * to run stored (*id 0: none): the records with a greater id are what the
 * scans after it brought */
gboolean bs_history_last_record (BsHistoryRead *read, gint64 run, gint64 *id, GError **error);

G_END_DECLS
