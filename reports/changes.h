/* changes.h - what is new, what cleared and what came back: the episodes of
 * failure of each sending IP, destination domain, blocklist and provider
 * code, read from the history's per-day counts (bs_history_days)
 *
 * An episode is a run of failure days of one subject with no gap longer
 * than the quiet period (default 7 days).  A subject is NEW on the first
 * day of its first episode, CAME BACK on the first day of every later one,
 * and CLEARED on the day its quiet period ended without a failure.  The day
 * that "cleared" is judged at (the reference day) is the newest bounce in
 * the history, never after today: a mailbox that stopped receiving bounces
 * (a broken forward, a stopped timer) makes nothing look cleared.
 *
 * The window of a report is either a date (events dated on or after it), or
 * "since the previous scan": the failures that the scans after the one
 * before the latest finished scan recorded (so a killed run's work is
 * counted with the scan that follows it), and the clearings that the
 * reference day's move during those scans made true.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "history.h"
#include "report.h"

G_BEGIN_DECLS

#define BS_CHANGES_QUIET_DAYS 7

/* what a change is about: failure_days.kind */
typedef enum {
  BS_SUBJECT_IP,             /* refused sending IP */
  BS_SUBJECT_DESTINATION,    /* recipient's domain */
  BS_SUBJECT_BLOCKLIST,      /* blocklist named in the refusal */
  BS_SUBJECT_PROVIDER_CODE,  /* S3150, SC-001, TSS04, ... */
  BS_SUBJECT_COUNT
} BsSubjectKind;

/* bs_subject_kind_name - "ip", "destination", "blocklist", "provider_code" */
const char *bs_subject_kind_name (BsSubjectKind kind);
/* bs_subject_kind_parse - the name above, or "domain", "provider"; FALSE if none */
gboolean bs_subject_kind_parse (const char *name, BsSubjectKind *kind);

typedef enum {
  BS_CHANGE_NEW,       /* failing for the first time */
  BS_CHANGE_BACK,      /* failing again after having cleared */
  BS_CHANGE_CLEARED,   /* no failure for the quiet period */
  BS_CHANGE_TYPE_COUNT
} BsChangeType;

/* bs_change_type_name - "new", "back", "cleared" */
const char *bs_change_type_name (BsChangeType type);

typedef struct {
  BsChangeType type;
  BsSubjectKind kind;
  char *value;
  char *first_day;          /* first failure day of the episode (YYYY-MM-DD, UTC) */
  char *last_day;           /* its last failure day (so far) */
  char *cleared_day;        /* CLEARED: last_day + quiet days; BACK: when the
                               previous episode had cleared; NULL otherwise */
  char *previous_last_day;  /* BACK: last failure of the previous episode */
  gint64 failures;          /* failures in the episode */
  gint64 days;              /* days with failures in the episode */
  guint episode;            /* 1: the first time; 2: after one clearing; ... */
} BsChange;

typedef struct {
  const BsHistoryFilter *filter;      /* its since: events on or after it (none: since
                                         the previous scan); its until: ignore failures
                                         after that day; its sender domains; NULL: all */
  const char *as_of;                  /* reference day; NULL: the newest failure day */
  guint quiet_days;                   /* 0: BS_CHANGES_QUIET_DAYS */
  guint kinds;                        /* mask of 1 << BsSubjectKind; 0: all */
  gint64 now;                         /* unix time of "today"; 0: the clock */
} BsChangesOptions;

typedef struct {
  GPtrArray *changes;            /* BsChange *: new, came back, cleared; then by
                                    kind; most failures first */
  guint count[BS_CHANGE_TYPE_COUNT];
  guint quiet_days;
  char *reference_day;           /* the day clearing is judged at; NULL: no failure yet */
  char *since;                   /* the --since day, or NULL */
  gint64 last_run;               /* since the previous scan: the latest finished run */
  gint64 previous_run;           /* and the finished one before it (0: none) */
  char *last_scan;               /* when last_run finished (UTC ISO 8601) */
  char *previous_scan;           /* when previous_run finished, or NULL */
  gint64 still_failing;          /* subjects whose latest episode has not cleared */
} BsChanges;

/* bs_changes_compute - the changes of options' window, read from read; NULL
 * with error when the history cannot be read or an option is malformed */
BsChanges *bs_changes_compute (BsHistoryRead *read, const BsChangesOptions *options,
                               GError **error);
void bs_changes_free (BsChanges *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsChanges, bs_changes_free)

/* bs_changes_alarming - TRUE when something is new or came back */
gboolean bs_changes_alarming (const BsChanges *changes);

/* a change of another kind than incidents that `changes` tells without
 * --kind: a destination new or back with this many failures or more */
#define BS_CHANGES_NOVELTY_FAILURES 100

/* bs_changes_text_header - the window's line, its times and days in the
 * zone of filter (NULL: UTC, not named) */
void bs_changes_text_header (GString *out, const BsChanges *changes,
                             const BsHistoryFilter *filter, gboolean ja);
/* bs_changes_text_body - the changes by type and kind, at most limit lines
 * per kind (0: all); with min_failures > 0, only what is new or came back
 * with that many failures or more; their number */
guint bs_changes_text_body (GString *out, const BsChanges *changes, guint limit,
                            gint64 min_failures, gboolean ja);

/* bs_changes_text - the plain-text summary for a terminal or a cron mail
 * (English), at most limit lines per kind of change and subject (0: all) */
char *bs_changes_text (const BsChanges *changes, guint limit);

/* bs_changes_html_section - append the report's "changes" section to out
 * (every value escaped), at most limit rows per kind of change and subject
 * (0: all) */
void bs_changes_html_section (GString *out, const BsChanges *changes, gboolean ja, guint limit);

/* bs_changes_for_report - the changes that a report's options select
 * (its filter; "today" is its generated_at), read from read */
BsChanges *bs_changes_for_report (BsHistoryRead *read, const BsReportOptions *options,
                                  GError **error);

/* bs_changes_report_section - compute the changes that a report's options
 * select (since its --since day, else since the previous scan; its --until,
 * its sender domains; "today" is its generated_at) and append the section */
gboolean bs_changes_report_section (GString *out, BsHistoryRead *read,
                                    const BsReportOptions *options, GError **error);

G_END_DECLS
