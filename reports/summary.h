/* summary.h - the insides of a report query, shared by query.c,
 * summary.c and problems.c (and nothing else): the query, and the summary
 * that one read of the history counts
 *
 * The totals, the groups of every kind, the charts' cross counts and the
 * problems are all counted in one read of the filter's records in table
 * order, with no sort.  "Distinct recipients" of a group is counted after
 * it: the history gives (recipient, id) in recipient order, a recipient's
 * records come together, so a group's recipients are the recipient runs
 * that touched it, one integer per group instead of a set of addresses.
 * Between the two, each failure with a recipient is kept as its id and the
 * indexes of its groups (40 bytes); a sort of the records themselves by
 * recipient cost more than the rest of the read.  Texts that a page shows
 * once per group (the newest diagnostic, the latest failures of a table
 * row) are kept as record ids and read back by id at the end.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <string.h>

#include "aggregate.h"
#include "history.h"

typedef struct _BsReportSummary BsReportSummary;

struct _BsReportQuery {
  BsHistoryRead *read;       /* the snapshot, owned */
  const BsReportOptions *o;
  const BsHistoryFilter *filter;  /* o's */
  gboolean keep_recent;      /* the summary keeps each group's newest failures */
  BsReportSummary *summary;  /* read at the first call that needs it */
  BsIncidentList *incidents; /* read at the first call that needs them */
};

/* bs_report_query_summary - the summary of the query, read at the first call */
BsReportSummary *bs_report_query_summary (BsReportQuery *query, GError **error);
/* bs_report_query_diagnostic - the diagnostic of record id (redacted when
 * asked), or NULL */
char *bs_report_query_diagnostic (BsReportQuery *query, gint64 id);

/* newest failures kept per group for the HTML table rows */
#define RECENT_MAX 10

/* a record's place in time: seen_at, then id (the reports' "newest" order) */
typedef struct {
  char *seen;       /* NULL: none yet */
  gint64 id;
} Stamp;

static inline gboolean
stamp_newer (const Stamp *s, const char *seen, gint64 id)
{
  if (s->seen == NULL)
    return TRUE;
  int c = strcmp (seen, s->seen);
  return c > 0 || (c == 0 && id > s->id);
}

static inline void
stamp_set (Stamp *s, const char *seen, gint64 id)
{
  g_free (s->seen);
  s->seen = g_strdup (seen);
  s->id = id;
}

static inline void
keep_min (char **slot, const char *value)
{
  if (*slot == NULL || strcmp (value, *slot) < 0)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

static inline void
keep_max (char **slot, const char *value)
{
  if (*slot == NULL || strcmp (value, *slot) > 0)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

typedef struct {
  char *key;                /* the group's value, NULL when not given (BS_AGG_CODE: code_key) */
  char *hkey;               /* BS_AGG_CODE: the key in the kind's index */
  char *status;             /* BS_AGG_CODE only */
  gboolean has_reply;
  gint64 reply;
  char *provider;
  const char *provider_interned;  /* provider, as the problems' code tally counts it */
  guint index;              /* order of creation in its kind */
  BsReason reason;          /* bs_reason_from_name (key), for BS_AGG_REASON */
  BsReasonFamily family;    /* bs_reason_family (reason, NULL), for BS_AGG_REASON */
  gint64 failures, recipients, hard;
  guint64 run;              /* the recipient run counted last */
  char *first_seen, *last_seen;
  Stamp example;            /* newest failure whose diagnostic is not NULL */
  gint64 by_family[BS_FAMILY_COUNT];   /* failures per family (Row.family) */
  GArray *by_reason;        /* gint64 failures per reason group index */
  Stamp *recent;            /* newest first, RECENT_MAX at most, or NULL */
  guint n_recent;
} Group;

typedef struct {
  GHashTable *index;        /* key (or hkey) -> Group; the group owns the string */
  Group *null_group;        /* single-column kinds: the group of NULL */
  GPtrArray *groups;        /* every Group, in creation order (owns them) */
} KindTable;

/* the advice of a reason, blocklist and destination (a cache) */
typedef struct {
  const Group *reason, *blocklist, *destination;
} AdviceKey;

typedef struct {
  AdviceKey k;
  const char *advice_key;
  int advice_kind;
} AdviceHit;

/* a problem while it is counted */
typedef struct {
  const char *advice_key;   /* static */
  const Group *ip;          /* the IP group of a per-IP problem, else NULL */
} ProblemKey;

typedef struct {
  ProblemKey k;
  int advice_kind;
  gint64 failures, recipients;
  guint64 run;
  char *first_seen, *last_seen;
  Stamp example;            /* newest failure with a non-empty diagnostic */
  /* value (a string owned by a group or by the code pool) -> failures */
  GHashTable *reasons, *blocklists, *codes, *ips;
  guint index;              /* order of creation: its rows in the summary's pairs */
  gint64 families[BS_FAMILY_COUNT];   /* failures per family (a blocklist, else the reason's) */
} Gather;

/* counts of (problem, destination group) pairs: a problem may meet
 * thousands of domains, so one open-addressing table of integers (12 bytes
 * a pair) rather than a hash table per problem */
typedef struct {
  guint64 *keys;            /* the pair + 1; 0: empty slot */
  guint32 *counts;
  guint bits;               /* 2^bits slots */
  gsize used;
} Pairs;

struct _BsReportSummary {
  gboolean recent;          /* keep each group's RECENT_MAX newest failures */
  KindTable kinds[BS_AGG_COUNT];
  gint64 failures, recipients, hard, delayed, notices;
  guint64 run;              /* the recipient run counted last in the totals */
  gint64 family_failures[BS_FAMILY_COUNT], family_recipients[BS_FAMILY_COUNT];
  guint64 family_run[BS_FAMILY_COUNT];
  char *first_day, *last_day;
  GHashTable *codes;        /* provider code pool: string -> itself */
  GHashTable *advice;       /* AdviceKey -> AdviceHit */
  GHashTable *problems;     /* ProblemKey -> Gather */
  GPtrArray *problem_list;  /* the same Gathers by index (not owned) */
  Pairs destinations;       /* (problem, destination) -> recipients */
};

/* one failure row, as a group sees it */
typedef struct {
  const char *seen;
  gint64 id;
  gint64 hard;
  int diagnostic;           /* 0 NULL, 1 empty, 2 text */
  gboolean no_recipient;    /* the recipient is NULL */
  BsReasonFamily family;    /* reputation when it names a blocklist, else its reason's */
  guint reason_index;
} Row;

/* ---- summary.c ---- */

void bs_summary_free (BsReportSummary *summary);
/* the ids of the newest failures kept for the group of row (newest first),
 * or FALSE when they were not kept */
gboolean bs_summary_recent_ids (BsReportSummary *summary, BsAggKind kind, const BsAggRow *row,
                                gint64 *ids, guint *n);

/* ---- problems.c ---- */

/* the tables of a new summary's problems and advice cache */
GHashTable *bs_problems_table_new (void);
GHashTable *bs_advice_cache_new (void);
/* count failure r (its groups given) in its problem, made when new */
Gather *bs_problem_add (BsReportSummary *s, const Row *r, const char *recipient,
                        const Group *reason, const Group *blocklist, const Group *destination,
                        const Group *ip, const Group *code);
/* the recipient run `run` (0: a failure with no recipient) touched problem g */
void bs_problem_recipient (BsReportSummary *s, Gather *g, guint64 run, const Group *destination);
