/* aggregate.h - what every report is made of: a query (the options'
 * filter over one snapshot of the history), its totals, grouped counts,
 * failure rows, problems, undecodable messages; redaction
 *
 * Both writers (CSV and HTML) read the history only through this layer, so
 * they show the same numbers and obey the same filter (history/filter.h has
 * its rules: days, sender domains and their subdomains; by sender, what
 * cannot be attributed to one is left out).  Failures are the records with
 * is_failure = 1; delay warnings and other notices are counted apart;
 * redact masks the local part of every address in recipient fields,
 * original To and diagnostic texts.  Query and failure rows: query.c; the
 * one read that counts: summary.c; problems: problems.c; redaction:
 * redact.c.  Reason families are analyzer/reasons.h's.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "history.h"
#include "incidents.h"
#include "reasons.h"
#include "report.h"

G_BEGIN_DECLS

typedef enum {
  BS_AGG_DOMAIN,     /* destination domain */
  BS_AGG_IP,         /* refused sending IP */
  BS_AGG_CODE,       /* status + reply code + provider code */
  BS_AGG_REASON,     /* Sisimai reason */
  BS_AGG_BLOCKLIST,  /* blocklist named (rows without one are left out) */
  BS_AGG_DAY,        /* UTC day, oldest first */
  BS_AGG_SENDER,     /* sender domain (the customer whose mail failed) */
  BS_AGG_COUNT
} BsAggKind;

/* bs_agg_name - "domain", "ip", "code", "reason", "blocklist", "day",
 * "sender-domain" */
const char *bs_agg_name (BsAggKind kind);
/* bs_agg_reasons_text - a group's failures per reason as one cell,
 * "blocked 120; userunknown 40" (by-sender-domain.csv and its sheet) */
char *bs_agg_reasons_text (const GPtrArray *reasons);

typedef struct {
  char *key;            /* the group's value; NULL when the failures do not say.
                           BS_AGG_CODE: "status reply provider", blanks left out */
  char *status;         /* BS_AGG_CODE only */
  gint reply_code;      /* BS_AGG_CODE only; 0 when not given */
  char *provider_code;  /* BS_AGG_CODE only */
  gint64 failures;      /* failure records */
  gint64 recipients;    /* distinct recipients among them */
  gint64 hard;          /* of the failures, judged hard bounces */
  gint64 family_failures[BS_FAMILY_COUNT];  /* the failures per reason family */
  char *first_seen;     /* UTC ISO 8601 of the oldest / newest failure */
  char *last_seen;
  char *example;        /* the newest diagnostic text of the group (redacted
                           when asked), or NULL */
  GPtrArray *reasons;   /* BsCount: its failures per reason (a name, NULL when
                           not stated), most first; NULL for BS_AGG_CODE */
} BsAggRow;

void bs_agg_row_free (BsAggRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsAggRow, bs_agg_row_free)

typedef struct {
  gint64 failures;                          /* failure records */
  gint64 recipients;                        /* distinct failed recipients */
  gint64 hard;                              /* failures judged hard bounces */
  gint64 delayed;                           /* delay warnings */
  gint64 other_notices;                     /* delivered, relayed, auto-replies, feedback */
  gint64 family_failures[BS_FAMILY_COUNT];
  gint64 family_recipients[BS_FAMILY_COUNT];
  char *first_day;                          /* days of the oldest / newest record */
  char *last_day;                           /* in the filter; NULL when none */
  /* the whole history's mail: only when no sender filter is set */
  gboolean has_mail_counts;
  gint64 messages, bounces, not_bounces, undecodable;
  gint64 runs;
  char *last_scan;                          /* UTC ISO 8601 end of the last scan */
} BsReportTotals;

void bs_report_totals_clear (BsReportTotals *totals);

typedef struct _BsReportQuery BsReportQuery;
typedef struct _BsReportSummary BsReportSummary;

/* bs_report_query_new - the filter of options over the history of store;
 * every later call reads one consistent snapshot of the history until the
 * query is freed (one query at a time per store) */
BsReportQuery *bs_report_query_new (BsStore *store, const BsReportOptions *options,
                                    GError **error);
void bs_report_query_free (BsReportQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsReportQuery, bs_report_query_free)

/* bs_report_leave - data a signal stopped a report in the middle of (a big
 * history's summary, incidents or addresses: hundreds of thousands of
 * allocations, most of a second to free) left to the process's exit,
 * which is near, instead of freed; kept reachable from here, so that a
 * leak checker (LSan) counts it in use, not lost */
void bs_report_leave (gpointer data);

/* bs_report_query_keep_recent - before the first read: keep, per group, its
 * newest failures, so that bs_report_foreach_recent_failure reads a table
 * row's short list by id (the HTML page) instead of searching the history */
void bs_report_query_keep_recent (BsReportQuery *query, gboolean keep);

/* the writers over a query that the caller opened (bs_report_write) */
gboolean bs_report_html_query (BsReportQuery *query, const char *path, GError **error);
gboolean bs_report_csv_query (BsReportQuery *query, const char *dir, GError **error);
/* the workbook (report_xlsx.c): its times in the filter's time zone */
gboolean bs_report_xlsx_query (BsReportQuery *query, const char *path, GError **error);

/* the CSV files in two steps, so that failures.csv is written by a thread
 * of its own (on a fork of the query) while the caller writes the HTML
 * page: start creates dir and starts the thread (NULL on error); finish
 * (go_on FALSE: the caller failed, stop and write nothing) waits for it,
 * writes by-*.csv and puts every file in place; it frees job */
typedef struct _BsCsvJob BsCsvJob;
BsCsvJob *bs_report_csv_start (BsReportQuery *query, const char *dir, GError **error);
gboolean bs_report_csv_finish (BsCsvJob *job, BsReportQuery *query, gboolean go_on,
                               GError **error);

/* bs_report_query_fork - before the first read of query: a query with the
 * same options that reads exactly query's snapshot from a thread of its own
 * (bs_history_read_fork); NULL when that cannot be had.  Free it before
 * query. */
BsReportQuery *bs_report_query_fork (BsReportQuery *query);

/* bs_report_query_options - the options the query was made with */
const BsReportOptions *bs_report_query_options (const BsReportQuery *query);
/* bs_report_query_read - its snapshot of the history (for the sections of
 * the page that read more than the failures: changes, live checks) */
BsHistoryRead *bs_report_query_read (const BsReportQuery *query);

/* bs_report_query_by_sender - TRUE when the report is restricted to
 * sender domains (a customer report) */
gboolean bs_report_query_by_sender (const BsReportQuery *query);
/* bs_report_query_senders - the canonical sender domains, or NULL */
const char *const *bs_report_query_senders (const BsReportQuery *query);

gboolean bs_report_totals (BsReportQuery *query, BsReportTotals *totals, GError **error);

/* bs_report_query_incidents - the incidents of the query's filter (page
 * order), judged at its newest bounce, never after generated_at; read at
 * the first call (transfer none), NULL on error */
const BsIncidentList *bs_report_query_incidents (BsReportQuery *query, GError **error);

/* bs_report_sender_incidents - how many incidents of the query name
 * sender_domain among the customers they hit (0 for NULL); -1 with error
 * set when they cannot be read */
gint64 bs_report_sender_incidents (BsReportQuery *query, const char *sender_domain,
                                   GError **error);

/* bs_report_json_query - the incidents as a JSON document (docs/json.md) */
gboolean bs_report_json_query (BsReportQuery *query, const char *path, GError **error);

/* bs_report_aggregate - the groups of kind, largest first (BS_AGG_DAY:
 * oldest first), at most limit of them (0: all); *groups gets the number of
 * groups before the limit.  Returns an array of BsAggRow, NULL on error. */
GPtrArray *bs_report_aggregate (BsReportQuery *query, BsAggKind kind, guint limit,
                                gint64 *groups, GError **error);

/* the columns of one failure row, in CSV order (docs/csv.md) */
typedef struct {
  const char *name;
  gboolean numeric;     /* an integer, written without quoting or guard */
} BsReportColumn;

const BsReportColumn *bs_report_failure_columns (guint *n_columns);

/* one failure row: values[i] belongs to column i, NULL when unknown */
typedef gboolean (*BsFailureFunc) (const char *const *values, gpointer user);

/* bs_report_foreach_failure - every failure record of the filter, oldest
 * first; with group != NULL only those of that group of kind (for a table
 * row that opens its failures).  Stops when func returns FALSE. */
gboolean bs_report_foreach_failure (BsReportQuery *query, BsAggKind kind, const BsAggRow *group,
                                    guint limit, BsFailureFunc func, gpointer user,
                                    GError **error);

/* bs_report_foreach_failure, without a group, checks the order it reads
 * the failures in and fails with BS_ERROR_DISORDER, before any row out of
 * order, should the history give another; bs_report_foreach_failure_sorted reads
 * the same rows in the same order the slower, plainer way */
gboolean bs_report_foreach_failure_sorted (BsReportQuery *query, BsFailureFunc func,
                                           gpointer user, GError **error);

/* bs_report_failure_column - index of the failure column called name, or -1 */
int bs_report_failure_column (const char *name);

/* bs_report_foreach_recent_failure - as bs_report_foreach_failure, newest
 * first: the limit keeps the most recent ones (a table row's short list) */
gboolean bs_report_foreach_recent_failure (BsReportQuery *query, BsAggKind kind,
                                           const BsAggRow *group, guint limit,
                                           BsFailureFunc func, gpointer user, GError **error);

/* ---- cross counts (charts) ---- */

typedef enum {
  BS_CROSS_REASON,   /* sub is the reason (NULL when unknown) */
  BS_CROSS_FAMILY,   /* sub is bs_family_name () of the reason family */
} BsCrossBy;

typedef struct {
  char *key;         /* the group of kind, NULL when unknown */
  char *sub;         /* the reason or family */
  gint64 failures;
} BsCrossCell;

void bs_cross_cell_free (BsCrossCell *cell);

/* bs_report_cross - failures counted by kind's key (not BS_AGG_CODE) and
 * by reason or family, in no particular order; NULL on error */
GPtrArray *bs_report_cross (BsReportQuery *query, BsAggKind kind, BsCrossBy by, GError **error);

/* ---- problems: what to do now ---- */

/* a value and how often it is seen (recipients, or failures) */
typedef struct {
  char *value;
  gint64 count;
} BsCount;

void bs_count_free (BsCount *count);

/* One problem: the failures that one piece of advice explains (advice.h:
 * a blocklist, a provider rule, a reason).  Problems with the sending
 * server's reputation or setup are one per refused IP, since each IP is
 * delisted or fixed on its own; the others are one per advice key. */
typedef struct {
  const char *advice_key;   /* bs_advice_key () of its failures (static) */
  int advice_kind;          /* BsAdviceKind of that advice */
  BsReasonFamily family;    /* the headline family of most of its failures */
  char *sending_ip;         /* the refused IP of a per-IP problem, else NULL */
  GPtrArray *reasons;       /* BsCount (failures), most first */
  GPtrArray *blocklists;    /* BsCount (failures), most first */
  GPtrArray *codes;         /* BsCount (failures): provider codes, most first */
  GPtrArray *ips;           /* BsCount (failures): sending IPs named, most first */
  GPtrArray *destinations;  /* BsCount (recipients): domains, most first */
  gint64 failures;
  gint64 recipients;        /* distinct recipients */
  char *first_seen;         /* UTC ISO 8601 */
  char *last_seen;
  char *example;            /* the newest diagnostic text (redacted when asked) */
} BsProblem;

void bs_problem_free (BsProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsProblem, bs_problem_free)

/* bs_report_problems - the problems of the filter, the ones that hurt the
 * most recipients first, at most limit (0: all); *total gets their number.
 * NULL on error. */
GPtrArray *bs_report_problems (BsReportQuery *query, guint limit, gint64 *total, GError **error);

/* one message that could not be decoded */
typedef gboolean (*BsUndecodableFunc) (const char *source, guint index, const char *why,
                                       const char *first_seen, gpointer user);

/* bs_report_foreach_undecodable - the undecodable messages of the history,
 * newest first, at most limit (0: all); *total gets their number.  Nothing
 * in a report by sender (an undecodable message has no known sender). */
gboolean bs_report_foreach_undecodable (BsReportQuery *query, guint limit, gint64 *total,
                                        BsUndecodableFunc func, gpointer user, GError **error);

/* bs_report_redact - text with the local part of every address replaced by
 * "***" ("***@example.com"); NULL for NULL */
char *bs_report_redact (const char *text);

/* bs_report_iso_utc - unix time as "2026-03-05T10:20:30Z" */
char *bs_report_iso_utc (gint64 unix_time);

G_END_DECLS
