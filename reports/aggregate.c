/* aggregate.c - the report queries over the history: filter, the one read
 * that counts totals, groups, charts and problems (the summary), failure
 * rows in time order, the fork of a query for a second thread, undecodable
 * messages, redaction (see aggregate.h for the rules)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "aggregate.h"

#include <gio/gio.h>
#include <string.h>

#include "advice.h"

/* sender domains one report may name (a command line rarely has more than
 * a handful; this bounds the SQL we build) */
#define MAX_SENDER_DOMAINS 64

/* ---- groups ------------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *columns[3];  /* SQL columns of the group key */
  const char *extra;       /* extra condition, or NULL */
} AggDef;

static const AggDef aggs[BS_AGG_COUNT] = {
  [BS_AGG_DOMAIN] = { "domain", { "f.destination" }, NULL },
  [BS_AGG_IP] = { "ip", { "f.sending_ip" }, NULL },
  [BS_AGG_CODE] = { "code", { "f.status", "f.reply_code", "f.provider_code" }, NULL },
  [BS_AGG_REASON] = { "reason", { "f.reason" }, NULL },
  [BS_AGG_BLOCKLIST] = { "blocklist", { "f.blocklist" }, "f.blocklist IS NOT NULL" },
  [BS_AGG_DAY] = { "day", { "f.day" }, NULL },
  [BS_AGG_SENDER] = { "sender-domain", { "f.sender_domain" }, NULL },
};

const char *
bs_agg_name (BsAggKind kind)
{
  return kind < BS_AGG_COUNT ? aggs[kind].name : "?";
}

void
bs_agg_row_free (BsAggRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->status);
  g_free (row->provider_code);
  g_free (row->first_seen);
  g_free (row->last_seen);
  g_free (row->example);
  g_free (row);
}

void
bs_report_totals_clear (BsReportTotals *t)
{
  g_clear_pointer (&t->first_day, g_free);
  g_clear_pointer (&t->last_day, g_free);
  g_clear_pointer (&t->last_scan, g_free);
}

/* ---- failure columns ---------------------------------------------------- */

typedef struct {
  BsReportColumn column;
  const char *sql;         /* NULL: computed (family) */
  gboolean redact;         /* addresses in it are masked with --redact */
} ColumnDef;

static const ColumnDef columns[] = {
  { { "day", FALSE }, "f.day", FALSE },
  { { "time_utc", FALSE }, "f.seen_at", FALSE },
  { { "timestamp", FALSE }, "f.timestamp", FALSE },
  { { "recipient", FALSE }, "f.recipient", TRUE },
  { { "orig_recipient", FALSE }, "f.orig_recipient", TRUE },
  { { "action", FALSE }, "f.action", FALSE },
  { { "status", FALSE }, "f.status", FALSE },
  { { "status_from", FALSE }, "f.status_from", FALSE },
  { { "reply_code", TRUE }, "f.reply_code", FALSE },
  { { "reason", FALSE }, "f.reason", FALSE },
  { { "family", FALSE }, NULL, FALSE },
  { { "hard_bounce", TRUE }, "f.hard_bounce", FALSE },
  { { "destination", FALSE }, "f.destination", FALSE },
  { { "sender_domain", FALSE }, "f.sender_domain", FALSE },
  { { "sending_ip", FALSE }, "f.sending_ip", FALSE },
  { { "sending_ip_from", FALSE }, "f.sending_ip_from", FALSE },
  { { "provider_code", FALSE }, "f.provider_code", FALSE },
  { { "blocklist", FALSE }, "f.blocklist", FALSE },
  { { "remote_mta", FALSE }, "f.remote_mta", FALSE },
  { { "reporting_mta", FALSE }, "f.reporting_mta", FALSE },
  { { "command", FALSE }, "f.command", FALSE },
  { { "diagnostic_type", FALSE }, "f.diagnostic_type", FALSE },
  { { "diagnostic", FALSE }, "f.diagnostic", TRUE },
  { { "mta", FALSE }, "f.mta", FALSE },
  { { "feedback_type", FALSE }, "f.feedback_type", FALSE },
  { { "orig_message_id", FALSE }, "f.orig_message_id", FALSE },
  { { "orig_from", FALSE }, "f.orig_from", FALSE },
  { { "orig_to", FALSE }, "f.orig_to", TRUE },
  { { "orig_subject", FALSE }, "f.orig_subject", FALSE },
  { { "orig_date", FALSE }, "f.orig_date", FALSE },
  { { "rule", FALSE }, "f.rule", FALSE },
  { { "evidence", FALSE }, "f.evidence", TRUE },
  { { "source", FALSE }, "m.source", FALSE },
  { { "mbox_index", TRUE }, "m.mbox_index", FALSE },
};

const BsReportColumn *
bs_report_failure_columns (guint *n_columns)
{
  static BsReportColumn list[G_N_ELEMENTS (columns)];
  static gsize done = 0;
  if (g_once_init_enter (&done))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
        list[i] = columns[i].column;
      g_once_init_leave (&done, 1);
    }
  if (n_columns)
    *n_columns = G_N_ELEMENTS (columns);
  return list;
}

/* ---- the query ---------------------------------------------------------- */

struct _BsReportQuery {
  sqlite3 *db;
  const BsReportOptions *o;
  char **senders;          /* normalised sender domains, NULL when no filter */
  char *since, *until;
  char *where;             /* condition on failures f shared by every query */
  gboolean in_savepoint;
  gboolean keep_recent;    /* the summary keeps each group's newest failures */
  BsReportSummary *summary;  /* read at the first call that needs it */
  sqlite3_stmt *diag_stmt; /* a diagnostic by record id */
  sqlite3 *own_db;         /* a fork's own connection, closed with it */
};

static void summary_free (BsReportSummary *s);

static void
set_error (BsReportQuery *q, GError **error, const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "reading the history (%s): %s", what,
               sqlite3_errmsg (q->db));
}

/* lower-cased, without surrounding blanks, a leading "@" or a trailing dot */
static char *
normalise_domain (const char *d)
{
  g_autofree char *t = g_strstrip (g_strdup (d));
  const char *p = t;
  while (*p == '@')
    p++;
  g_autofree char *lower = g_utf8_strdown (p, -1);
  gsize len = strlen (lower);
  while (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';
  return len > 0 ? g_steal_pointer (&lower) : NULL;
}

BsReportQuery *
bs_report_query_new (sqlite3 *db, const BsReportOptions *o, GError **error)
{
  g_return_val_if_fail (db != NULL && o != NULL, NULL);
  BsReportQuery *q = g_new0 (BsReportQuery, 1);
  q->db = db;
  q->o = o;
  q->since = o->since && *o->since ? g_strdup (o->since) : NULL;
  q->until = o->until && *o->until ? g_strdup (o->until) : NULL;
  GString *w = g_string_new ("(:since IS NULL OR f.day >= :since) AND (:until IS NULL OR f.day <= :until)");
  if (o->sender_domains != NULL)
    {
      GPtrArray *list = g_ptr_array_new ();
      for (gsize i = 0; o->sender_domains[i] != NULL; i++)
        {
          if (list->len >= MAX_SENDER_DOMAINS)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "at most %d sender domains in one report", MAX_SENDER_DOMAINS);
              g_ptr_array_free (list, TRUE);
              g_string_free (w, TRUE);
              bs_report_query_free (q);
              return NULL;
            }
          char *d = normalise_domain (o->sender_domains[i]);
          if (d != NULL)
            g_ptr_array_add (list, d);
        }
      g_ptr_array_add (list, NULL);
      q->senders = (char **) g_ptr_array_free (list, FALSE);
      /* a filter that names nothing usable keeps nothing, never everything */
      g_string_append (w, " AND (0");
      for (guint i = 0; q->senders[i] != NULL; i++)
        g_string_append_printf (w, " OR f.sender_domain = :d%u"
                                " OR substr(f.sender_domain, -length(:d%u) - 1) = '.' || :d%u",
                                i, i, i);
      g_string_append (w, ")");
    }
  q->where = g_string_free (w, FALSE);
  /* one read snapshot for the whole report, even while a scan commits */
  if (sqlite3_exec (db, "SAVEPOINT bs_report", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_error (q, error, "starting a read");
      bs_report_query_free (q);
      return NULL;
    }
  q->in_savepoint = TRUE;
  return q;
}

void
bs_report_query_free (BsReportQuery *q)
{
  if (q == NULL)
    return;
  summary_free (q->summary);
  sqlite3_finalize (q->diag_stmt);
  if (q->in_savepoint)
    sqlite3_exec (q->db, "RELEASE bs_report", NULL, NULL, NULL);
  if (q->own_db != NULL)
    sqlite3_close (q->own_db);
  g_strfreev (q->senders);
  g_free (q->since);
  g_free (q->until);
  g_free (q->where);
  g_free (q);
}

/* PRAGMA data_version (it also starts the read of the open transaction), or -1 */
static gint64
data_version (sqlite3 *db)
{
  sqlite3_stmt *st = NULL;
  gint64 v = -1;
  if (sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return v;
}

/* The fork reads the same snapshot: q's read starts (data_version), the
 * fork's read starts, then q ends its read and starts another.  When no
 * other connection committed in between, q's data_version has not moved
 * and the three reads saw one state of the file; else try again, and
 * after a few tries do without. */
BsReportQuery *
bs_report_query_fork (BsReportQuery *q)
{
  const char *path = sqlite3_db_filename (q->db, "main");
  if (path == NULL || *path == '\0' || !q->in_savepoint || q->summary != NULL)
    return NULL;
  for (int attempt = 0; attempt < 3; attempt++)
    {
      gint64 before = data_version (q->db);
      sqlite3 *db = NULL;
      if (before < 0
          || sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        {
          sqlite3_close (db);
          return NULL;
        }
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 10000);
      BsReportQuery *fork = bs_report_query_new (db, q->o, NULL);
      if (fork == NULL)
        {
          sqlite3_close (db);
          return NULL;
        }
      fork->own_db = db;
      gboolean same = data_version (db) >= 0
                      && sqlite3_exec (q->db, "RELEASE bs_report; SAVEPOINT bs_report", NULL, NULL,
                                       NULL) == SQLITE_OK
                      && data_version (q->db) == before;
      if (same)
        return fork;
      bs_report_query_free (fork);
      if (sqlite3_get_autocommit (q->db))
        {
          /* q lost its transaction: start it again, and stop here */
          q->in_savepoint = sqlite3_exec (q->db, "SAVEPOINT bs_report", NULL, NULL, NULL) == SQLITE_OK;
          return NULL;
        }
    }
  return NULL;
}

const BsReportOptions *
bs_report_query_options (const BsReportQuery *q)
{
  return q->o;
}

gboolean
bs_report_query_by_sender (const BsReportQuery *q)
{
  return q->senders != NULL;
}

const char *const *
bs_report_query_senders (const BsReportQuery *q)
{
  return (const char *const *) q->senders;
}

static void
bind_named_text (sqlite3_stmt *st, const char *name, const char *value)
{
  int i = sqlite3_bind_parameter_index (st, name);
  if (i == 0)
    return;
  if (value == NULL)
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_text (st, i, value, -1, SQLITE_TRANSIENT);
}

/* prepare sql and bind the filter's parameters */
static sqlite3_stmt *
prepare (BsReportQuery *q, const char *sql, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (q->db, sql, -1, &st, NULL) != SQLITE_OK)
    {
      set_error (q, error, "preparing a query");
      sqlite3_finalize (st);
      return NULL;
    }
  bind_named_text (st, ":since", q->since);
  bind_named_text (st, ":until", q->until);
  for (guint i = 0; q->senders != NULL && q->senders[i] != NULL; i++)
    {
      char name[16];
      g_snprintf (name, sizeof name, ":d%u", i);
      bind_named_text (st, name, q->senders[i]);
    }
  return st;
}

static char *
column_dup (sqlite3_stmt *st, int i)
{
  const unsigned char *t = sqlite3_column_text (st, i);
  return t ? g_strdup ((const char *) t) : NULL;
}

static gboolean
step_end (BsReportQuery *q, sqlite3_stmt *st, int rc, GError **error)
{
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_finalize (st);
      return TRUE;
    }
  set_error (q, error, "reading");
  sqlite3_finalize (st);
  return FALSE;
}

/* ---- group keys ------------------------------------------------------- */

/* "col1 IS :k1 AND col2 IS :k2 ..." */
static char *
key_condition (const AggDef *a)
{
  GString *s = g_string_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (a->columns) && a->columns[i]; i++)
    g_string_append_printf (s, "%s%s IS :k%zu", i ? " AND " : "", a->columns[i], i + 1);
  return g_string_free (s, FALSE);
}

static void
bind_key (sqlite3_stmt *st, BsAggKind kind, const BsAggRow *row)
{
  if (kind == BS_AGG_CODE)
    {
      bind_named_text (st, ":k1", row->status);
      int i = sqlite3_bind_parameter_index (st, ":k2");
      if (row->reply_code > 0)
        sqlite3_bind_int (st, i, row->reply_code);
      else
        sqlite3_bind_null (st, i);
      bind_named_text (st, ":k3", row->provider_code);
    }
  else
    bind_named_text (st, ":k1", row->key);
}

static char *
code_key (const char *status, gint reply, const char *provider)
{
  GString *s = g_string_new (NULL);
  if (status)
    g_string_append (s, status);
  if (reply > 0)
    g_string_append_printf (s, "%s%d", s->len ? " " : "", reply);
  if (provider)
    g_string_append_printf (s, "%s%s", s->len ? " " : "", provider);
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

/* ---- the summary: every count of the report from one read -------------- */

/* The totals, the groups of every kind, the charts' cross counts and the
 * problems are all counted in one read of the filter's records in table
 * order, with no sort.  "Distinct recipients" of a group is counted after
 * it: the recipient index gives (recipient, id) in recipient order, a
 * recipient's records come together, so a group's recipients are the
 * recipient runs that touched it, one integer per group instead of a set
 * of addresses.  Between the two, each failure with a recipient is kept as
 * its id and the indexes of its groups (40 bytes); a sort of the records
 * themselves by recipient cost more than the rest of the read.  Texts that
 * a page shows once per group (the newest diagnostic, the latest failures
 * of a table row) are kept as record ids and read back by id at the end. */

/* newest failures kept per group for the HTML table rows */
#define RECENT_MAX 10

/* a record's place in time: seen_at, then id (the reports' "newest" order) */
typedef struct {
  char *seen;       /* NULL: none yet */
  gint64 id;
} Stamp;

static gboolean
stamp_newer (const Stamp *s, const char *seen, gint64 id)
{
  if (s->seen == NULL)
    return TRUE;
  int c = strcmp (seen, s->seen);
  return c > 0 || (c == 0 && id > s->id);
}

static void
stamp_set (Stamp *s, const char *seen, gint64 id)
{
  g_free (s->seen);
  s->seen = g_strdup (seen);
  s->id = id;
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
  gint64 by_family[BS_FAMILY_COUNT];   /* failures per family (SQL mapping) */
  GArray *by_reason;        /* gint64 failures per reason group index */
  Stamp *recent;            /* newest first, RECENT_MAX at most, or NULL */
  guint n_recent;
} Group;

static void
group_free (Group *g)
{
  g_free (g->key);
  g_free (g->hkey);
  g_free (g->status);
  g_free (g->provider);
  g_free (g->first_seen);
  g_free (g->last_seen);
  g_free (g->example.seen);
  if (g->by_reason)
    g_array_unref (g->by_reason);
  for (guint i = 0; i < g->n_recent; i++)
    g_free (g->recent[i].seen);
  g_free (g->recent);
  g_free (g);
}

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

static guint
advice_hash (gconstpointer p)
{
  const AdviceKey *k = p;
  return g_direct_hash (k->reason) ^ (g_direct_hash (k->blocklist) * 31u)
         ^ (g_direct_hash (k->destination) * 1009u);
}

static gboolean
advice_equal (gconstpointer a, gconstpointer b)
{
  const AdviceKey *x = a, *y = b;
  return x->reason == y->reason && x->blocklist == y->blocklist && x->destination == y->destination;
}

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
  gint64 families[BS_FAMILY_COUNT];   /* failures per family (C mapping) */
} Gather;

static guint
problem_hash (gconstpointer p)
{
  const ProblemKey *k = p;
  return g_direct_hash (k->advice_key) ^ (g_direct_hash (k->ip) * 31u);
}

static gboolean
problem_equal (gconstpointer a, gconstpointer b)
{
  const ProblemKey *x = a, *y = b;
  return x->advice_key == y->advice_key && x->ip == y->ip;
}

static void
gather_free (Gather *g)
{
  g_free (g->first_seen);
  g_free (g->last_seen);
  g_free (g->example.seen);
  g_hash_table_unref (g->reasons);
  g_hash_table_unref (g->blocklists);
  g_hash_table_unref (g->codes);
  g_hash_table_unref (g->ips);
  g_free (g);
}

/* counts of (problem, destination group) pairs: a problem may meet
 * thousands of domains, so one open-addressing table of integers (12 bytes
 * a pair) rather than a hash table per problem */
typedef struct {
  guint64 *keys;            /* the pair + 1; 0: empty slot */
  guint32 *counts;
  guint bits;               /* 2^bits slots */
  gsize used;
} Pairs;

static gsize
pairs_slot (const Pairs *t, guint64 key)
{
  gsize mask = ((gsize) 1 << t->bits) - 1;
  gsize i = (gsize) ((key * 0x9E3779B97F4A7C15ULL) >> (64 - t->bits));
  while (t->keys[i] != 0 && t->keys[i] != key)
    i = (i + 1) & mask;
  return i;
}

static void
pairs_add (Pairs *t, guint64 pair)
{
  guint64 key = pair + 1;
  if (t->keys == NULL || (t->used + 1) * 10 > ((gsize) 7 << t->bits))
    {
      Pairs bigger = { NULL, NULL, t->keys ? t->bits + 1 : 10, t->used };
      bigger.keys = g_new0 (guint64, (gsize) 1 << bigger.bits);
      bigger.counts = g_new0 (guint32, (gsize) 1 << bigger.bits);
      for (gsize i = 0; t->keys != NULL && i < ((gsize) 1 << t->bits); i++)
        if (t->keys[i] != 0)
          {
            gsize j = pairs_slot (&bigger, t->keys[i]);
            bigger.keys[j] = t->keys[i];
            bigger.counts[j] = t->counts[i];
          }
      g_free (t->keys);
      g_free (t->counts);
      *t = bigger;
    }
  gsize i = pairs_slot (t, key);
  if (t->keys[i] == 0)
    {
      t->keys[i] = key;
      t->used++;
    }
  t->counts[i]++;
}

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

static void
summary_free (BsReportSummary *s)
{
  if (s == NULL)
    return;
  for (int k = 0; k < BS_AGG_COUNT; k++)
    {
      g_clear_pointer (&s->kinds[k].index, g_hash_table_unref);
      g_clear_pointer (&s->kinds[k].groups, g_ptr_array_unref);
    }
  g_free (s->first_day);
  g_free (s->last_day);
  g_clear_pointer (&s->problem_list, g_ptr_array_unref);
  g_clear_pointer (&s->problems, g_hash_table_unref);
  g_clear_pointer (&s->advice, g_hash_table_unref);
  g_clear_pointer (&s->codes, g_hash_table_unref);
  g_free (s->destinations.keys);
  g_free (s->destinations.counts);
  g_free (s);
}

static BsReportSummary *
summary_new (gboolean recent)
{
  BsReportSummary *s = g_new0 (BsReportSummary, 1);
  s->recent = recent;
  for (int k = 0; k < BS_AGG_COUNT; k++)
    {
      s->kinds[k].index = g_hash_table_new (g_str_hash, g_str_equal);
      s->kinds[k].groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
    }
  s->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->advice = g_hash_table_new_full (advice_hash, advice_equal, g_free, NULL);
  s->problems = g_hash_table_new_full (problem_hash, problem_equal, NULL,
                                       (GDestroyNotify) gather_free);
  s->problem_list = g_ptr_array_new ();
  return s;
}

/* the columns of the summary's read, in this order */
enum {
  SC_RECIPIENT, SC_DESTINATION, SC_IP, SC_STATUS, SC_REPLY, SC_PROVIDER, SC_REASON,
  SC_BLOCKLIST, SC_DAY, SC_SEEN, SC_ID, SC_HARD, SC_IS_FAILURE, SC_DELAYED, SC_DIAGNOSTIC,
  SC_SENDER,
};

static const char summary_columns[] =
  "f.recipient, f.destination, f.sending_ip, f.status, f.reply_code, f.provider_code,"
  " f.reason, f.blocklist, f.day, f.seen_at, f.id, f.hard_bounce, f.is_failure,"
  " f.action = 'delayed' COLLATE NOCASE,"
  " CASE WHEN f.diagnostic IS NULL THEN 0 WHEN f.diagnostic = '' THEN 1 ELSE 2 END,"
  " f.sender_domain";

/* the text of column i, or NULL */
static const char *
col_text (sqlite3_stmt *st, int i)
{
  return (const char *) sqlite3_column_text (st, i);
}

/* the group of a single-column kind for value, created when new */
static Group *
kind_group (KindTable *t, const char *value)
{
  Group *g = value ? g_hash_table_lookup (t->index, value) : t->null_group;
  if (g != NULL)
    return g;
  g = g_new0 (Group, 1);
  g->key = g_strdup (value);
  g->reason = bs_reason_from_name (value);      /* used by the reason kind */
  g->family = bs_reason_family (g->reason, NULL);
  g->index = t->groups->len;
  g_ptr_array_add (t->groups, g);
  if (value == NULL)
    t->null_group = g;
  else
    g_hash_table_insert (t->index, g->key, g);
  return g;
}

/* the index key of a code: each part tagged as NULL or text */
static void
code_hkey (GString *buf, const char *status, gboolean has_reply, gint64 reply,
           const char *provider)
{
  g_string_truncate (buf, 0);
  if (status)
    {
      g_string_append_c (buf, '+');
      g_string_append (buf, status);
    }
  g_string_append_c (buf, '\x1f');
  if (has_reply)
    {
      /* the number's digits, without printf's cost per record */
      char digits[24];
      gsize at = sizeof digits;
      guint64 v = reply < 0 ? -(guint64) reply : (guint64) reply;
      do
        digits[--at] = (char) ('0' + v % 10);
      while ((v /= 10) > 0 && at > 1);
      if (reply < 0)
        digits[--at] = '-';
      g_string_append_c (buf, '+');
      g_string_append_len (buf, digits + at, (gssize) (sizeof digits - at));
    }
  g_string_append_c (buf, '\x1f');
  if (provider)
    {
      g_string_append_c (buf, '+');
      g_string_append (buf, provider);
    }
}

static Group *
code_group (BsReportSummary *s, GString *buf, const char *status, gboolean has_reply,
            gint64 reply, const char *provider)
{
  KindTable *t = &s->kinds[BS_AGG_CODE];
  code_hkey (buf, status, has_reply, reply, provider);
  Group *g = g_hash_table_lookup (t->index, buf->str);
  if (g != NULL)
    return g;
  g = g_new0 (Group, 1);
  g->hkey = g_strdup (buf->str);
  g->status = g_strdup (status);
  g->has_reply = has_reply;
  g->reply = reply;
  g->provider = g_strdup (provider);
  g->key = code_key (status, has_reply ? (gint) reply : 0, provider);
  if (provider != NULL && *provider != '\0')
    {
      gpointer canon = NULL;
      if (!g_hash_table_lookup_extended (s->codes, provider, &canon, NULL))
        {
          canon = g_strdup (provider);
          g_hash_table_insert (s->codes, canon, canon);
        }
      g->provider_interned = canon;
    }
  g->index = t->groups->len;
  g_ptr_array_add (t->groups, g);
  g_hash_table_insert (t->index, g->hkey, g);
  return g;
}

/* keep (seen, id) among the group's RECENT_MAX newest */
static void
recent_add (Group *g, const char *seen, gint64 id)
{
  if (g->recent == NULL)
    g->recent = g_new0 (Stamp, RECENT_MAX);
  if (g->n_recent == RECENT_MAX && !stamp_newer (&g->recent[RECENT_MAX - 1], seen, id))
    return;
  guint at = g->n_recent < RECENT_MAX ? g->n_recent : RECENT_MAX - 1;
  if (g->n_recent == RECENT_MAX)
    g_free (g->recent[at].seen);   /* the oldest leaves */
  else
    g->n_recent++;
  while (at > 0 && stamp_newer (&g->recent[at - 1], seen, id))
    {
      g->recent[at] = g->recent[at - 1];
      at--;
    }
  g->recent[at].seen = g_strdup (seen);
  g->recent[at].id = id;
}

static void
keep_min (char **slot, const char *value)
{
  if (*slot == NULL || strcmp (value, *slot) < 0)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

static void
keep_max (char **slot, const char *value)
{
  if (*slot == NULL || strcmp (value, *slot) > 0)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

/* one failure row, as a group sees it */
typedef struct {
  const char *seen;
  gint64 id;
  gint64 hard;
  int diagnostic;           /* 0 NULL, 1 empty, 2 text */
  gboolean no_recipient;    /* the recipient is NULL */
  BsReasonFamily family;    /* SQL mapping */
  guint reason_index;
} Row;

static void
group_add (BsReportSummary *s, BsAggKind kind, Group *g, const Row *r)
{
  g->failures++;
  g->hard += r->hard;
  keep_min (&g->first_seen, r->seen);
  keep_max (&g->last_seen, r->seen);
  if (r->diagnostic > 0 && stamp_newer (&g->example, r->seen, r->id))
    stamp_set (&g->example, r->seen, r->id);
  g->by_family[r->family]++;
  if (kind != BS_AGG_CODE)
    {
      if (g->by_reason == NULL)
        g->by_reason = g_array_new (FALSE, TRUE, sizeof (gint64));
      if (g->by_reason->len <= r->reason_index)
        g_array_set_size (g->by_reason, r->reason_index + 1);
      g_array_index (g->by_reason, gint64, r->reason_index)++;
    }
  if (s->recent && kind != BS_AGG_DAY)
    recent_add (g, r->seen, r->id);
}

static void
tally (GHashTable *t, const char *value, gint64 n)
{
  if (value == NULL || *value == '\0')
    return;
  gpointer old = g_hash_table_lookup (t, value);
  g_hash_table_insert (t, (gpointer) value, GSIZE_TO_POINTER (GPOINTER_TO_SIZE (old) + (gsize) n));
}

/* advice kinds whose cure is per sending IP (delisting, PTR, reputation) */
static gboolean
per_ip_kind (int kind)
{
  return kind == BS_ADVICE_REPUTATION || kind == BS_ADVICE_SENDER;
}

/* the advice key and kind of a failure (cached per reason, blocklist and
 * destination; a failure without destination is looked at by itself,
 * since its recipient's domain stands in) */
static const char *
row_advice (BsReportSummary *s, const Group *reason, const Group *blocklist,
            const Group *destination, const char *recipient, int *kind)
{
  AdviceKey k = { reason, blocklist, destination };
  AdviceHit *hit = destination->key != NULL ? g_hash_table_lookup (s->advice, &k) : NULL;
  if (hit != NULL)
    {
      *kind = hit->advice_kind;
      return hit->advice_key;
    }
  BsRecord r = { 0 };
  r.reason = reason->reason != BS_REASON_NONE ? reason->reason : BS_REASON_UNDEFINED;
  r.blocklist = blocklist ? blocklist->key : NULL;
  r.destination = destination->key;
  r.recipient = (char *) recipient;
  const char *akey = bs_advice_key (&r);
  const BsAdvice *adv = bs_advice_for (akey, "en");
  *kind = adv ? (int) adv->kind : (int) BS_ADVICE_TEMPORARY;
  if (destination->key != NULL)
    {
      hit = g_new0 (AdviceHit, 1);
      hit->k = k;
      hit->advice_key = akey;
      hit->advice_kind = *kind;
      g_hash_table_insert (s->advice, &hit->k, hit);
    }
  return akey;
}

/* a recipient run that touched problem g */
static void
problem_recipient (BsReportSummary *s, Gather *g, guint64 run, const Group *destination)
{
  if (run != 0 && g->run == run)
    return;
  g->recipients++;
  g->run = run;
  if (destination->key != NULL && *destination->key != '\0')
    pairs_add (&s->destinations, (guint64) g->index << 32 | destination->index);
}

static Gather *
problem_add (BsReportSummary *s, const Row *r, const char *recipient, const Group *reason,
             const Group *blocklist, const Group *destination, const Group *ip,
             const Group *code)
{
  int akind;
  const char *akey = row_advice (s, reason, blocklist, destination, recipient, &akind);
  gboolean by_ip = per_ip_kind (akind) && ip->key != NULL && *ip->key != '\0';
  ProblemKey k = { akey, by_ip ? ip : NULL };
  Gather *g = g_hash_table_lookup (s->problems, &k);
  if (g == NULL)
    {
      g = g_new0 (Gather, 1);
      g->k = k;
      g->advice_kind = akind;
      g->reasons = g_hash_table_new (g_direct_hash, g_direct_equal);
      g->blocklists = g_hash_table_new (g_direct_hash, g_direct_equal);
      g->codes = g_hash_table_new (g_direct_hash, g_direct_equal);
      g->ips = g_hash_table_new (g_direct_hash, g_direct_equal);
      g->index = g_hash_table_size (s->problems);
      g_hash_table_insert (s->problems, &g->k, g);
      g_ptr_array_add (s->problem_list, g);
    }
  g->failures++;
  keep_min (&g->first_seen, r->seen);
  keep_max (&g->last_seen, r->seen);
  if (r->diagnostic == 2 && stamp_newer (&g->example, r->seen, r->id))
    stamp_set (&g->example, r->seen, r->id);
  tally (g->reasons, reason->key, 1);
  tally (g->blocklists, blocklist ? blocklist->key : NULL, 1);
  tally (g->codes, code->provider_interned, 1);
  tally (g->ips, ip->key, 1);
  const char *bl = blocklist ? blocklist->key : NULL;
  g->families[bl != NULL && *bl != '\0' ? BS_FAMILY_REPUTATION : reason->family]++;
  /* a failure with no recipient still hurts someone: count it alone */
  if (r->no_recipient)
    problem_recipient (s, g, 0, destination);
  return g;
}

/* a failure with a recipient, between the read and the recipient count:
 * its id and the index of each of its groups */
typedef struct {
  gint64 id;
  guint32 group[BS_AGG_COUNT];   /* NO_GROUP: none (a failure without blocklist) */
  guint32 problem;               /* Gather index */
  guint32 family;
} Pending;

#define NO_GROUP G_MAXUINT32

static int
pending_cmp (gconstpointer a, gconstpointer b)
{
  gint64 x = ((const Pending *) a)->id, y = ((const Pending *) b)->id;
  return x < y ? -1 : x > y;
}

/* the recipient run `run` touched group g */
static void
group_recipient (Group *g, guint64 run)
{
  if (g->run != run)
    {
      g->recipients++;
      g->run = run;
    }
}

/* where the pending failure of record id is: a table by id when the ids
 * are dense (as a history's are), else a binary search */
typedef struct {
  const Pending *list;
  guint n;
  gint64 min;
  guint32 *at;              /* id - min -> index + 1, or NULL */
  gsize span;
} PendingIndex;

static void
pending_index_init (PendingIndex *x, GArray *pending)
{
  *x = (PendingIndex) { (const Pending *) (gpointer) pending->data, pending->len, 0, NULL, 0 };
  if (x->n == 0 || x->n > G_MAXUINT32 - 1)
    return;
  x->min = x->list[0].id;
  guint64 span = (guint64) (x->list[x->n - 1].id - x->min) + 1;
  if (span > (guint64) x->n * 4)
    return;
  x->span = (gsize) span;
  x->at = g_new0 (guint32, x->span);
  for (guint i = 0; i < x->n; i++)
    x->at[x->list[i].id - x->min] = i + 1;
}

static const Pending *
pending_find (const PendingIndex *x, gint64 id)
{
  if (x->n == 0 || id < x->min)
    return NULL;
  if (x->at != NULL)
    {
      guint64 off = (guint64) (id - x->min);
      return off < x->span && x->at[off] != 0 ? &x->list[x->at[off] - 1] : NULL;
    }
  guint lo = 0, hi = x->n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (x->list[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < x->n && x->list[lo].id == id ? &x->list[lo] : NULL;
}

/* the distinct recipients of the totals, families, groups and problems */
static gboolean
count_recipients (BsReportQuery *q, BsReportSummary *s, GArray *pending, gboolean sorted,
                  GError **error)
{
  if (pending->len == 0)
    return TRUE;
  if (!sorted)
    g_array_sort (pending, pending_cmp);
  sqlite3_stmt *st = prepare (q, "SELECT f.recipient, f.id FROM failures f"
                                 " WHERE f.recipient IS NOT NULL ORDER BY f.recipient", error);
  if (st == NULL)
    return FALSE;
  PendingIndex x;
  pending_index_init (&x, pending);
  g_autoptr (GString) last = g_string_new (NULL);
  guint64 run = 0;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const Pending *p = pending_find (&x, sqlite3_column_int64 (st, 1));
      if (p == NULL)
        continue;
      const char *recipient = col_text (st, 0);
      gsize len = (gsize) sqlite3_column_bytes (st, 0);
      if (run == 0 || len != last->len || memcmp (recipient, last->str, len) != 0)
        {
          g_string_truncate (last, 0);
          g_string_append_len (last, recipient, (gssize) len);
          run++;
        }
      if (s->run != run)
        {
          s->recipients++;
          s->run = run;
        }
      if (s->family_run[p->family] != run)
        {
          s->family_recipients[p->family]++;
          s->family_run[p->family] = run;
        }
      for (int k = 0; k < BS_AGG_COUNT; k++)
        if (p->group[k] != NO_GROUP)
          group_recipient (g_ptr_array_index (s->kinds[k].groups, p->group[k]), run);
      problem_recipient (s, g_ptr_array_index (s->problem_list, p->problem), run,
                         g_ptr_array_index (s->kinds[BS_AGG_DOMAIN].groups,
                                            p->group[BS_AGG_DOMAIN]));
    }
  g_free (x.at);
  return step_end (q, st, rc, error);
}

/* read the filter's records once and count everything */
static BsReportSummary *
summary_read (BsReportQuery *q, gboolean recent, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM failures f WHERE %s",
                                          summary_columns, q->where);
  sqlite3_stmt *st = prepare (q, sql, error);
  if (st == NULL)
    return NULL;
  BsReportSummary *s = summary_new (recent);
  g_autoptr (GString) buf = g_string_new (NULL);
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  gboolean sorted = TRUE;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *day = col_text (st, SC_DAY);
      if (day != NULL)
        {
          keep_min (&s->first_day, day);
          keep_max (&s->last_day, day);
        }
      gint64 is_failure = sqlite3_column_int64 (st, SC_IS_FAILURE);
      if (is_failure != 1)
        {
          if (is_failure == 0 && sqlite3_column_type (st, SC_IS_FAILURE) != SQLITE_NULL)
            {
              s->notices++;
              if (sqlite3_column_int (st, SC_DELAYED) != 0)
                s->delayed++;
            }
          continue;
        }
      const char *recipient = col_text (st, SC_RECIPIENT);
      const char *seen = col_text (st, SC_SEEN);
      Row r = {
        .seen = seen ? seen : "",
        .id = sqlite3_column_int64 (st, SC_ID),
        .hard = sqlite3_column_int64 (st, SC_HARD),
        .diagnostic = sqlite3_column_int (st, SC_DIAGNOSTIC),
        .no_recipient = recipient == NULL,
      };
      const char *blocklist_text = col_text (st, SC_BLOCKLIST);
      Group *reason = kind_group (&s->kinds[BS_AGG_REASON], col_text (st, SC_REASON));
      r.reason_index = reason->index;
      r.family = blocklist_text != NULL ? BS_FAMILY_REPUTATION : reason->family;
      Group *destination = kind_group (&s->kinds[BS_AGG_DOMAIN], col_text (st, SC_DESTINATION));
      Group *ip = kind_group (&s->kinds[BS_AGG_IP], col_text (st, SC_IP));
      Group *day_group = kind_group (&s->kinds[BS_AGG_DAY], day);
      Group *sender = kind_group (&s->kinds[BS_AGG_SENDER], col_text (st, SC_SENDER));
      Group *blocklist = blocklist_text != NULL
                           ? kind_group (&s->kinds[BS_AGG_BLOCKLIST], blocklist_text) : NULL;
      gboolean has_reply = sqlite3_column_type (st, SC_REPLY) != SQLITE_NULL;
      Group *code = code_group (s, buf, col_text (st, SC_STATUS), has_reply,
                                has_reply ? sqlite3_column_int64 (st, SC_REPLY) : 0,
                                col_text (st, SC_PROVIDER));

      s->failures++;
      s->hard += r.hard;
      s->family_failures[r.family]++;
      group_add (s, BS_AGG_DOMAIN, destination, &r);
      group_add (s, BS_AGG_IP, ip, &r);
      group_add (s, BS_AGG_CODE, code, &r);
      group_add (s, BS_AGG_REASON, reason, &r);
      if (blocklist != NULL)
        group_add (s, BS_AGG_BLOCKLIST, blocklist, &r);
      group_add (s, BS_AGG_DAY, day_group, &r);
      group_add (s, BS_AGG_SENDER, sender, &r);
      Gather *problem = problem_add (s, &r, recipient, reason, blocklist, destination, ip, code);
      if (recipient == NULL)
        continue;
      Pending p = { .id = r.id, .problem = problem->index, .family = r.family };
      p.group[BS_AGG_DOMAIN] = destination->index;
      p.group[BS_AGG_IP] = ip->index;
      p.group[BS_AGG_CODE] = code->index;
      p.group[BS_AGG_REASON] = reason->index;
      p.group[BS_AGG_BLOCKLIST] = blocklist != NULL ? blocklist->index : NO_GROUP;
      p.group[BS_AGG_DAY] = day_group->index;
      p.group[BS_AGG_SENDER] = sender->index;
      if (pending->len > 0 && g_array_index (pending, Pending, pending->len - 1).id >= r.id)
        sorted = FALSE;
      g_array_append_val (pending, p);
    }
  if (!step_end (q, st, rc, error) || !count_recipients (q, s, pending, sorted, error))
    {
      summary_free (s);
      return NULL;
    }
  return s;
}

/* the summary of the query, read at the first call */
static BsReportSummary *
summary (BsReportQuery *q, GError **error)
{
  if (q->summary == NULL)
    q->summary = summary_read (q, q->keep_recent, error);
  return q->summary;
}

void
bs_report_query_keep_recent (BsReportQuery *q, gboolean keep)
{
  q->keep_recent = keep;
}

/* the diagnostic of record id (redacted when asked), or NULL */
static char *
diagnostic_of (BsReportQuery *q, gint64 id)
{
  if (q->diag_stmt == NULL
      && sqlite3_prepare_v2 (q->db, "SELECT diagnostic FROM failures WHERE id = ?1", -1,
                             &q->diag_stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (q->diag_stmt, 1, id);
  char *text = NULL;
  if (sqlite3_step (q->diag_stmt) == SQLITE_ROW)
    text = column_dup (q->diag_stmt, 0);
  sqlite3_reset (q->diag_stmt);
  if (text != NULL && q->o->redact)
    {
      char *r = bs_report_redact (text);
      g_free (text);
      text = r;
    }
  return text;
}

/* ---- totals ------------------------------------------------------------- */

gboolean
bs_report_totals (BsReportQuery *q, BsReportTotals *t, GError **error)
{
  memset (t, 0, sizeof *t);
  BsReportSummary *s = summary (q, error);
  if (s == NULL)
    return FALSE;
  t->failures = s->failures;
  t->recipients = s->recipients;
  t->hard = s->hard;
  t->delayed = s->delayed;
  t->other_notices = s->notices - s->delayed;
  memcpy (t->family_failures, s->family_failures, sizeof t->family_failures);
  memcpy (t->family_recipients, s->family_recipients, sizeof t->family_recipients);
  t->first_day = g_strdup (s->first_day);
  t->last_day = g_strdup (s->last_day);

  if (bs_report_query_by_sender (q))
    return TRUE; /* the rest is the whole mailbox's, not this sender's */
  t->has_mail_counts = TRUE;
  /* per kind: read from the index on kind, not the table */
  sqlite3_stmt *st = prepare (q, "SELECT kind, count(*) FROM messages GROUP BY kind", error);
  if (st == NULL)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *kind = col_text (st, 0);
      gint64 n = sqlite3_column_int64 (st, 1);
      t->messages += n;
      if (g_strcmp0 (kind, "bounce") == 0)
        t->bounces += n;
      else if (g_strcmp0 (kind, "not-bounce") == 0)
        t->not_bounces += n;
      else if (g_strcmp0 (kind, "undecodable") == 0)
        t->undecodable += n;
    }
  if (!step_end (q, st, rc, error))
    return FALSE;
  if ((st = prepare (q, "SELECT count(*), max(finished) FROM scan_runs", error)) == NULL)
    return FALSE;
  if ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      t->runs = sqlite3_column_int64 (st, 0);
      t->last_scan = column_dup (st, 1);
    }
  return step_end (q, st, rc, error);
}

/* ---- aggregates --------------------------------------------------------- */

static int
null_first_cmp (const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

/* the order of the group's key columns (SQL's: NULL first) */
static int
key_cmp (const Group *x, const Group *y, gboolean code)
{
  if (!code)
    return null_first_cmp (x->key, y->key);
  int c = null_first_cmp (x->status, y->status);
  if (c != 0)
    return c;
  if (x->has_reply != y->has_reply)
    return x->has_reply ? 1 : -1;
  if (x->reply != y->reply)
    return x->reply < y->reply ? -1 : 1;
  return null_first_cmp (x->provider, y->provider);
}

/* most failures first, then by key */
static gint
count_then_key (gconstpointer a, gconstpointer b, gboolean code)
{
  const Group *x = *(Group *const *) a, *y = *(Group *const *) b;
  if (x->failures != y->failures)
    return x->failures > y->failures ? -1 : 1;
  return key_cmp (x, y, code);
}

static gint
group_cmp_code (gconstpointer a, gconstpointer b)
{
  return count_then_key (a, b, TRUE);
}

static gint
group_cmp_count (gconstpointer a, gconstpointer b)
{
  return count_then_key (a, b, FALSE);
}

static gint
group_cmp_key (gconstpointer a, gconstpointer b)
{
  return key_cmp (*(Group *const *) a, *(Group *const *) b, FALSE);
}

GPtrArray *
bs_report_aggregate (BsReportQuery *q, BsAggKind kind, guint limit, gint64 *groups, GError **error)
{
  g_return_val_if_fail (kind < BS_AGG_COUNT, NULL);
  if (groups != NULL)
    *groups = 0;
  BsReportSummary *s = summary (q, error);
  if (s == NULL)
    return NULL;
  GPtrArray *all = s->kinds[kind].groups;
  g_autoptr (GPtrArray) order = g_ptr_array_sized_new (all->len);
  for (guint i = 0; i < all->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (all, i));
  g_ptr_array_sort (order, kind == BS_AGG_DAY ? group_cmp_key
                             : kind == BS_AGG_CODE ? group_cmp_code : group_cmp_count);
  if (groups != NULL)
    *groups = order->len;
  guint n = limit > 0 ? MIN (limit, order->len) : order->len;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_agg_row_free);
  for (guint i = 0; i < n; i++)
    {
      const Group *g = g_ptr_array_index (order, i);
      BsAggRow *row = g_new0 (BsAggRow, 1);
      row->key = g_strdup (g->key);
      if (kind == BS_AGG_CODE)
        {
          row->status = g_strdup (g->status);
          row->reply_code = g->has_reply ? (gint) g->reply : 0;
          row->provider_code = g_strdup (g->provider);
        }
      row->failures = g->failures;
      row->recipients = g->recipients;
      row->hard = g->hard;
      memcpy (row->family_failures, g->by_family, sizeof row->family_failures);
      row->first_seen = g_strdup (g->first_seen);
      row->last_seen = g_strdup (g->last_seen);
      if (g->example.seen != NULL)
        row->example = diagnostic_of (q, g->example.id);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* the summary's group of a row that bs_report_aggregate returned, or NULL */
static const Group *
group_of_row (BsReportSummary *s, BsAggKind kind, const BsAggRow *row)
{
  KindTable *t = &s->kinds[kind];
  if (kind != BS_AGG_CODE)
    return row->key ? g_hash_table_lookup (t->index, row->key) : t->null_group;
  g_autoptr (GString) buf = g_string_new (NULL);
  code_hkey (buf, row->status, row->reply_code > 0, row->reply_code, row->provider_code);
  return g_hash_table_lookup (t->index, buf->str);
}

/* ---- failure rows ------------------------------------------------------- */

int
bs_report_failure_column (const char *name)
{
  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (columns); i++)
    if (strcmp (columns[i].column.name, name) == 0)
      return (int) i;
  return -1;
}

/* "SELECT <every failure column> FROM failures f JOIN messages m ..." */
static GString *
failure_select (void)
{
  GString *sql = g_string_new ("SELECT ");
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", columns[i].sql ? columns[i].sql : "NULL");
  g_string_append (sql, " FROM failures f JOIN messages m ON m.id = f.message_id");
  return sql;
}

/* the values of the failure row st is on: redacted when asked, family
 * filled in; owned[] gets what must be freed */
typedef struct {
  const char *values[G_N_ELEMENTS (columns) + 1];
  char *owned[G_N_ELEMENTS (columns) + 1];
  gsize reason_col, blocklist_col, family_col;
} RowValues;

static void
row_values_init (RowValues *v)
{
  memset (v, 0, sizeof *v);
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (columns[i].sql == NULL)
        v->family_col = i;
      else if (strcmp (columns[i].sql, "f.reason") == 0)
        v->reason_col = i;
      else if (strcmp (columns[i].sql, "f.blocklist") == 0)
        v->blocklist_col = i;
    }
}

static gboolean
row_emit (BsReportQuery *q, sqlite3_stmt *st, RowValues *v, BsFailureFunc func, gpointer user)
{
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      v->values[i] = columns[i].sql ? (const char *) sqlite3_column_text (st, (int) i) : NULL;
      if (q->o->redact && columns[i].redact && v->values[i] != NULL)
        v->values[i] = v->owned[i] = bs_report_redact (v->values[i]);
    }
  v->values[v->family_col] = bs_family_name (bs_reason_family (bs_reason_from_name (v->values[v->reason_col]),
                                                               v->values[v->blocklist_col]));
  gboolean go_on = func (v->values, user);
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    g_clear_pointer (&v->owned[i], g_free);
  return go_on;
}

G_DEFINE_QUARK (bs-report-order-error-quark, bs_report_order_error)

/* the key (seen_at, id) of the row before, to check the order */
typedef struct {
  GString *seen;
  gint64 id;
  gboolean any;
} OrderCheck;

/* does the row (seen, id) come after the one before (before it, when
 * newest)?  Then it becomes the one before. */
static gboolean
order_next (OrderCheck *c, const char *seen, gint64 id, gboolean newest)
{
  seen = seen ? seen : "";
  if (c->any)
    {
      int d = strcmp (seen, c->seen->str);
      if (d == 0)
        d = id < c->id ? -1 : id > c->id;
      if (newest ? d > 0 : d < 0)
        return FALSE;
    }
  g_string_assign (c->seen, seen);
  c->id = id;
  c->any = TRUE;
  return TRUE;
}

/* does the history have the index failures_time (schema version 5)? */
static gboolean
has_time_index (BsReportQuery *q)
{
  sqlite3_stmt *st = NULL;
  gboolean found = sqlite3_prepare_v2 (q->db, "SELECT 1 FROM sqlite_schema WHERE type = 'index'"
                                              " AND name = 'failures_time'", -1, &st, NULL) == SQLITE_OK
                   && sqlite3_step (st) == SQLITE_ROW;
  sqlite3_finalize (st);
  return found;
}

/* the statement of foreach_failure_all: the ids in (seen_at, id) order,
 * then each row read by its id, so that no wide row goes through a sort.
 * The ids come from the index failures_time (schema version 5) when the
 * filter is on days alone; otherwise, or on an older history, from one
 * scan of the table and a narrow sort. */
static sqlite3_stmt *
prepare_failure_all (BsReportQuery *q, gboolean newest, GError **error)
{
  gboolean indexed = q->senders == NULL && has_time_index (q);
  GString *sql = failure_select ();
  const char *at = strstr (sql->str, " FROM failures f JOIN messages m");
  g_string_truncate (sql, (gsize) (at - sql->str));
  /* CROSS JOIN keeps the loop over the ids outside */
  g_string_append_printf (
    sql, ", f.id FROM (SELECT f.id AS oid FROM failures f %s WHERE f.is_failure = 1 AND %s"
    " ORDER BY %s LIMIT :limit) o CROSS JOIN failures f ON f.id = o.oid CROSS JOIN messages m"
    " ON m.id = f.message_id", indexed ? "INDEXED BY failures_time" : "NOT INDEXED", q->where,
    indexed ? (newest ? "f.day DESC, f.seen_at DESC, f.id DESC" : "f.day, f.seen_at, f.id")
            : (newest ? "f.seen_at DESC, f.id DESC" : "f.seen_at, f.id"));
  sqlite3_stmt *st = prepare (q, sql->str, error);
  g_string_free (sql, TRUE);
  return st;
}

/* every failure of the filter in time order, in one statement (see
 * prepare_failure_all).  SQL does not promise that a join keeps its outer
 * subquery's order, and the index orders by day before seen_at, so the
 * order is checked: should a row ever come out of (seen_at, id) order, this
 * fails with bs_report_order_error before it, and the caller starts again
 * with bs_report_foreach_failure_sorted. */
static gboolean
foreach_failure_all (BsReportQuery *q, guint limit, gboolean newest, BsFailureFunc func,
                     gpointer user, GError **error)
{
  sqlite3_stmt *st = prepare_failure_all (q, newest, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, sqlite3_bind_parameter_index (st, ":limit"), limit > 0 ? (gint64) limit : -1);
  int id_col = (int) G_N_ELEMENTS (columns);
  int seen_col = bs_report_failure_column ("time_utc");
  OrderCheck check = { g_string_new (NULL), 0, FALSE };
  RowValues v;
  row_values_init (&v);
  gboolean disorder = FALSE;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      if (!order_next (&check, (const char *) sqlite3_column_text (st, seen_col),
                       sqlite3_column_int64 (st, id_col), newest))
        {
          disorder = TRUE;
          break;
        }
      if (!row_emit (q, st, &v, func, user))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  g_string_free (check.seen, TRUE);
  if (disorder)
    {
      sqlite3_finalize (st);
      g_set_error (error, bs_report_order_error_quark (), 0,
                   "reading the history: the failures did not come in time order");
      return FALSE;
    }
  return step_end (q, st, rc, error);
}

gboolean
bs_report_foreach_failure_sorted (BsReportQuery *q, BsFailureFunc func, gpointer user,
                                  GError **error)
{
  GString *sql = failure_select ();
  g_string_append_printf (sql, " WHERE f.is_failure = 1 AND %s ORDER BY f.seen_at, f.id", q->where);
  sqlite3_stmt *st = prepare (q, sql->str, error);
  g_string_free (sql, TRUE);
  if (st == NULL)
    return FALSE;
  RowValues v;
  row_values_init (&v);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    if (!row_emit (q, st, &v, func, user))
      {
        rc = SQLITE_DONE;
        break;
      }
  return step_end (q, st, rc, error);
}

static gboolean
foreach_failure (BsReportQuery *q, BsAggKind kind, const BsAggRow *group, guint limit,
                 gboolean newest, BsFailureFunc func, gpointer user, GError **error)
{
  if (group == NULL || kind >= BS_AGG_COUNT)
    return foreach_failure_all (q, limit, newest, func, user, error);
  GString *sql = failure_select ();
  g_string_append_printf (sql, " WHERE f.is_failure = 1 AND %s", q->where);
  g_autofree char *cond = key_condition (&aggs[kind]);
  g_string_append_printf (sql, " AND %s", cond);
  if (aggs[kind].extra)
    g_string_append_printf (sql, " AND %s", aggs[kind].extra);
  g_string_append (sql, newest ? " ORDER BY f.seen_at DESC, f.id DESC LIMIT :limit"
                               : " ORDER BY f.seen_at, f.id LIMIT :limit");
  sqlite3_stmt *st = prepare (q, sql->str, error);
  g_string_free (sql, TRUE);
  if (st == NULL)
    return FALSE;
  bind_key (st, kind, group);
  sqlite3_bind_int64 (st, sqlite3_bind_parameter_index (st, ":limit"), limit > 0 ? (gint64) limit : -1);

  RowValues v;
  row_values_init (&v);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    if (!row_emit (q, st, &v, func, user))
      {
        rc = SQLITE_DONE;
        break;
      }
  return step_end (q, st, rc, error);
}

gboolean
bs_report_foreach_failure (BsReportQuery *q, BsAggKind kind, const BsAggRow *group, guint limit,
                           BsFailureFunc func, gpointer user, GError **error)
{
  return foreach_failure (q, kind, group, limit, FALSE, func, user, error);
}

gboolean
bs_report_foreach_recent_failure (BsReportQuery *q, BsAggKind kind, const BsAggRow *group,
                                  guint limit, BsFailureFunc func, gpointer user, GError **error)
{
  /* a group whose newest failures the summary kept: read them by id */
  const Group *g = NULL;
  if (q->summary != NULL && q->summary->recent && group != NULL && kind < BS_AGG_COUNT
      && kind != BS_AGG_DAY && limit > 0 && limit <= RECENT_MAX)
    g = group_of_row (q->summary, kind, group);
  if (g == NULL)
    return foreach_failure (q, kind, group, limit, TRUE, func, user, error);
  GString *sql = failure_select ();
  g_string_append (sql, " WHERE f.id = ?1");
  sqlite3_stmt *st = prepare (q, sql->str, error);
  g_string_free (sql, TRUE);
  if (st == NULL)
    return FALSE;
  RowValues v;
  row_values_init (&v);
  int rc = SQLITE_DONE;
  for (guint i = 0; i < g->n_recent && i < limit; i++)
    {
      sqlite3_bind_int64 (st, 1, g->recent[i].id);
      rc = sqlite3_step (st);
      if (rc == SQLITE_ROW && !row_emit (q, st, &v, func, user))
        {
          rc = SQLITE_DONE;
          break;
        }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        break;
      rc = sqlite3_reset (st) == SQLITE_OK ? SQLITE_DONE : SQLITE_ERROR;
      if (rc != SQLITE_DONE)
        break;
    }
  return step_end (q, st, rc, error);
}

/* ---- cross counts ------------------------------------------------------- */

void
bs_cross_cell_free (BsCrossCell *cell)
{
  if (cell == NULL)
    return;
  g_free (cell->key);
  g_free (cell->sub);
  g_free (cell);
}

GPtrArray *
bs_report_cross (BsReportQuery *q, BsAggKind kind, BsCrossBy by, GError **error)
{
  g_return_val_if_fail (kind < BS_AGG_COUNT && kind != BS_AGG_CODE, NULL);
  BsReportSummary *s = summary (q, error);
  if (s == NULL)
    return NULL;
  const GPtrArray *reasons = s->kinds[BS_AGG_REASON].groups;
  const GPtrArray *groups = s->kinds[kind].groups;
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_cross_cell_free);
  for (guint i = 0; i < groups->len; i++)
    {
      const Group *g = g_ptr_array_index (groups, i);
      if (by == BS_CROSS_FAMILY)
        {
          for (int f = 0; f < BS_FAMILY_COUNT; f++)
            if (g->by_family[f] > 0)
              {
                BsCrossCell *c = g_new0 (BsCrossCell, 1);
                c->key = g_strdup (g->key);
                c->sub = g_strdup (bs_family_name ((BsReasonFamily) f));
                c->failures = g->by_family[f];
                g_ptr_array_add (cells, c);
              }
          continue;
        }
      for (guint r = 0; g->by_reason != NULL && r < g->by_reason->len && r < reasons->len; r++)
        {
          gint64 n = g_array_index (g->by_reason, gint64, r);
          if (n == 0)
            continue;
          BsCrossCell *c = g_new0 (BsCrossCell, 1);
          c->key = g_strdup (g->key);
          c->sub = g_strdup (((const Group *) g_ptr_array_index (reasons, r))->key);
          c->failures = n;
          g_ptr_array_add (cells, c);
        }
    }
  return cells;
}

/* ---- problems ----------------------------------------------------------- */

void
bs_count_free (BsCount *c)
{
  if (c == NULL)
    return;
  g_free (c->value);
  g_free (c);
}

void
bs_problem_free (BsProblem *p)
{
  if (p == NULL)
    return;
  g_free (p->sending_ip);
  g_clear_pointer (&p->reasons, g_ptr_array_unref);
  g_clear_pointer (&p->blocklists, g_ptr_array_unref);
  g_clear_pointer (&p->codes, g_ptr_array_unref);
  g_clear_pointer (&p->ips, g_ptr_array_unref);
  g_clear_pointer (&p->destinations, g_ptr_array_unref);
  g_free (p->first_seen);
  g_free (p->last_seen);
  g_free (p->example);
  g_free (p);
}

static gint
count_cmp (gconstpointer a, gconstpointer b)
{
  const BsCount *x = *(BsCount *const *) a, *y = *(BsCount *const *) b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->value, y->value);
}

/* the tally as BsCount, most first (ties by value: the same page every time) */
static GPtrArray *
tally_sorted (GHashTable *tally)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_count_free);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, tally);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      BsCount *c = g_new0 (BsCount, 1);
      c->value = g_strdup (k);
      c->count = (gint64) GPOINTER_TO_SIZE (v);
      g_ptr_array_add (out, c);
    }
  g_ptr_array_sort (out, count_cmp);
  return out;
}

/* the destinations of the recipients of each problem in gathers (n of
 * them), most first, into out[i]: one pass over the pairs for them all */
static void
problem_destinations (const BsReportSummary *s, const Gather *const *gathers, guint n,
                      GPtrArray **out)
{
  g_autoptr (GHashTable) at = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree GHashTable **tallies = g_new0 (GHashTable *, n);
  for (guint i = 0; i < n; i++)
    {
      tallies[i] = g_hash_table_new (g_direct_hash, g_direct_equal);
      g_hash_table_insert (at, GUINT_TO_POINTER (gathers[i]->index + 1), tallies[i]);
    }
  const Pairs *t = &s->destinations;
  const GPtrArray *domains = s->kinds[BS_AGG_DOMAIN].groups;
  for (gsize i = 0; t->keys != NULL && i < ((gsize) 1 << t->bits); i++)
    {
      if (t->keys[i] == 0)
        continue;
      GHashTable *tally = g_hash_table_lookup (at, GUINT_TO_POINTER (((t->keys[i] - 1) >> 32) + 1));
      guint d = (guint) ((t->keys[i] - 1) & 0xFFFFFFFFu);
      if (tally != NULL && d < domains->len)
        g_hash_table_insert (tally, ((const Group *) g_ptr_array_index (domains, d))->key,
                             GSIZE_TO_POINTER ((gsize) t->counts[i]));
    }
  for (guint i = 0; i < n; i++)
    {
      out[i] = tally_sorted (tallies[i]);
      g_hash_table_unref (tallies[i]);
    }
}

static gint
problem_cmp (gconstpointer a, gconstpointer b)
{
  const BsProblem *x = *(BsProblem *const *) a, *y = *(BsProblem *const *) b;
  if (x->recipients != y->recipients)
    return x->recipients > y->recipients ? -1 : 1;
  if (x->failures != y->failures)
    return x->failures > y->failures ? -1 : 1;
  int c = g_strcmp0 (y->last_seen, x->last_seen);    /* the more recent first */
  if (c != 0)
    return c;
  c = strcmp (x->advice_key, y->advice_key);
  return c != 0 ? c : g_strcmp0 (x->sending_ip, y->sending_ip);
}

GPtrArray *
bs_report_problems (BsReportQuery *q, guint limit, gint64 *total, GError **error)
{
  if (total)
    *total = 0;
  BsReportSummary *s = summary (q, error);
  if (s == NULL)
    return NULL;
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_problem_free);
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, s->problems);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      const Gather *g = v;
      BsProblem *p = g_new0 (BsProblem, 1);
      p->advice_key = g->k.advice_key;
      p->advice_kind = g->advice_kind;
      p->sending_ip = g->k.ip ? g_strdup (g->k.ip->key) : NULL;
      p->failures = g->failures;
      p->recipients = g->recipients;
      p->first_seen = g_strdup (g->first_seen);
      p->last_seen = g_strdup (g->last_seen);
      /* the family of most of its failures; a tie goes to the first name */
      p->family = BS_FAMILY_OTHER;
      for (int f = 0; f < BS_FAMILY_COUNT; f++)
        if (g->families[f] > 0
            && (g->families[f] > g->families[p->family]
                || (g->families[f] == g->families[p->family]
                    && (g->families[p->family] == 0
                        || strcmp (bs_family_name ((BsReasonFamily) f), bs_family_name (p->family)) < 0))))
          p->family = (BsReasonFamily) f;
      g_ptr_array_add (problems, p);
    }
  g_ptr_array_sort (problems, problem_cmp);
  if (total)
    *total = problems->len;
  if (limit > 0 && problems->len > limit)
    g_ptr_array_set_size (problems, limit);
  /* the counts and examples of the problems kept only */
  g_autofree const Gather **gathers = g_new (const Gather *, problems->len + 1);
  for (guint i = 0; i < problems->len; i++)
    {
      BsProblem *p = g_ptr_array_index (problems, i);
      ProblemKey k = { p->advice_key, NULL };
      if (p->sending_ip != NULL)
        k.ip = g_hash_table_lookup (s->kinds[BS_AGG_IP].index, p->sending_ip);
      const Gather *g = gathers[i] = g_hash_table_lookup (s->problems, &k);
      g_assert (g != NULL);
      p->reasons = tally_sorted (g->reasons);
      p->blocklists = tally_sorted (g->blocklists);
      p->codes = tally_sorted (g->codes);
      p->ips = tally_sorted (g->ips);
      if (g->example.seen != NULL)
        p->example = diagnostic_of (q, g->example.id);
    }
  g_autofree GPtrArray **destinations = g_new (GPtrArray *, problems->len + 1);
  problem_destinations (s, gathers, problems->len, destinations);
  for (guint i = 0; i < problems->len; i++)
    ((BsProblem *) g_ptr_array_index (problems, i))->destinations = destinations[i];
  return problems;
}

/* ---- undecodable messages ----------------------------------------------- */

gboolean
bs_report_foreach_undecodable (BsReportQuery *q, guint limit, gint64 *total,
                               BsUndecodableFunc func, gpointer user, GError **error)
{
  if (total)
    *total = 0;
  if (bs_report_query_by_sender (q))
    return TRUE;
  sqlite3_stmt *st = prepare (q, "SELECT count(*) FROM messages WHERE kind = 'undecodable'", error);
  if (st == NULL)
    return FALSE;
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW && total)
    *total = sqlite3_column_int64 (st, 0);
  if (!step_end (q, st, rc, error))
    return FALSE;
  st = prepare (q, "SELECT source, mbox_index, error, first_seen FROM messages"
                   " WHERE kind = 'undecodable' ORDER BY first_seen DESC, id DESC LIMIT :limit", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    if (!func ((const char *) sqlite3_column_text (st, 0),
               (guint) CLAMP (sqlite3_column_int64 (st, 1), 0, G_MAXUINT),
               (const char *) sqlite3_column_text (st, 2),
               (const char *) sqlite3_column_text (st, 3), user))
      {
        rc = SQLITE_DONE;
        break;
      }
  return step_end (q, st, rc, error);
}

/* ---- redaction, time ---------------------------------------------------- */

/* may this byte be part of an address's local part?  ASCII atext and dots,
 * and any byte of a UTF-8 sequence (RFC 6531 local parts) */
static gboolean
local_part_byte (guchar c)
{
  return c >= 0x80 || g_ascii_isalnum (c) || strchr ("!#$%&'*+-/=?^_`{|}~.", c) != NULL;
}

char *
bs_report_redact (const char *text)
{
  if (text == NULL)
    return NULL;
  gsize len = strlen (text);
  GString *out = g_string_sized_new (len + 8);
  gsize copied = 0;    /* bytes of text already in out */
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] != '@' || i + 1 >= len || !(g_ascii_isalnum (text[i + 1]) || text[i + 1] == '['
                                              || (guchar) text[i + 1] >= 0x80))
        continue;
      gsize start = i;
      while (start > copied && local_part_byte ((guchar) text[start - 1]))
        start--;
      if (start == i)
        continue;   /* "@domain" with no local part */
      g_string_append_len (out, text + copied, (gssize) (start - copied));
      g_string_append (out, "***");
      copied = i;   /* the "@" and the domain stay */
    }
  g_string_append (out, text + copied);
  return g_string_free (out, FALSE);
}

char *
bs_report_iso_utc (gint64 unix_time)
{
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (unix_time);
  if (t == NULL)
    t = g_date_time_new_from_unix_utc (0);
  return g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ");
}

