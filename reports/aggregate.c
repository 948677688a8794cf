/* aggregate.c - the report queries over the history: filter, totals,
 * groups with an example diagnostic, failure rows, undecodable messages,
 * redaction (see aggregate.h for the rules)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "aggregate.h"

#include <gio/gio.h>
#include <string.h>

#include "advice.h"

/* sender domains one report may name (a command line rarely has more than
 * a handful; this bounds the SQL we build) */
#define MAX_SENDER_DOMAINS 64

/* ---- reason families ---------------------------------------------------- */

typedef struct {
  const char *reason;
  BsReasonFamily family;
} FamilyRow;

/* Sisimai reasons whose cure is on the sender's side (its IP or domain's
 * reputation, authentication, rate) versus a bad address versus a full
 * mailbox; any reason not listed, and NULL, is "other".  A record naming a
 * blocklist is "reputation" whatever its reason. */
static const FamilyRow family_rows[] = {
  { "blocked", BS_FAMILY_REPUTATION },          /* IP or host refused, often a blocklist */
  { "badreputation", BS_FAMILY_REPUTATION },    /* IP/domain reputation too low */
  { "spamdetected", BS_FAMILY_REPUTATION },     /* judged as spam */
  { "authfailure", BS_FAMILY_REPUTATION },      /* SPF, DKIM or DMARC failed */
  { "requireptr", BS_FAMILY_REPUTATION },       /* no reverse DNS for the sending IP */
  { "rejected", BS_FAMILY_REPUTATION },         /* envelope sender refused */
  { "policyviolation", BS_FAMILY_REPUTATION },  /* receiving site's policy */
  { "speeding", BS_FAMILY_REPUTATION },         /* rate limited */
  { "toomanyconn", BS_FAMILY_REPUTATION },      /* too many connections */
  { "userunknown", BS_FAMILY_ADDRESS },         /* no such mailbox */
  { "hostunknown", BS_FAMILY_ADDRESS },         /* no such domain */
  { "hasmoved", BS_FAMILY_ADDRESS },            /* address moved */
  { "suspend", BS_FAMILY_ADDRESS },             /* account disabled */
  { "notaccept", BS_FAMILY_ADDRESS },           /* domain accepts no mail (null MX) */
  { "mailboxfull", BS_FAMILY_MAILBOX_FULL },    /* over quota */
};

static const char *const family_names[BS_FAMILY_COUNT] = {
  [BS_FAMILY_REPUTATION] = "reputation",
  [BS_FAMILY_ADDRESS] = "address",
  [BS_FAMILY_MAILBOX_FULL] = "mailbox-full",
  [BS_FAMILY_OTHER] = "other",
};

BsReasonFamily
bs_reason_family (const char *reason, const char *blocklist)
{
  if (blocklist != NULL && *blocklist != '\0')
    return BS_FAMILY_REPUTATION;
  for (gsize i = 0; reason != NULL && i < G_N_ELEMENTS (family_rows); i++)
    if (strcmp (family_rows[i].reason, reason) == 0)
      return family_rows[i].family;
  return BS_FAMILY_OTHER;
}

const char *
bs_family_name (BsReasonFamily family)
{
  return family < BS_FAMILY_COUNT ? family_names[family] : "other";
}

/* the same mapping as an SQL expression over failures f */
static char *
family_sql (void)
{
  GString *s = g_string_new ("CASE WHEN f.blocklist IS NOT NULL THEN ");
  g_string_append_printf (s, "%d", BS_FAMILY_REPUTATION);
  for (gsize i = 0; i < G_N_ELEMENTS (family_rows); i++)
    g_string_append_printf (s, " WHEN f.reason = '%s' THEN %d", family_rows[i].reason,
                            family_rows[i].family);
  g_string_append_printf (s, " ELSE %d END", BS_FAMILY_OTHER);
  return g_string_free (s, FALSE);
}

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
};

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
  if (q->in_savepoint)
    sqlite3_exec (q->db, "RELEASE bs_report", NULL, NULL, NULL);
  g_strfreev (q->senders);
  g_free (q->since);
  g_free (q->until);
  g_free (q->where);
  g_free (q);
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

/* ---- totals ------------------------------------------------------------- */

gboolean
bs_report_totals (BsReportQuery *q, BsReportTotals *t, GError **error)
{
  memset (t, 0, sizeof *t);
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*), count(DISTINCT f.recipient), coalesce(sum(f.hard_bounce), 0)"
    " FROM failures f WHERE f.is_failure = 1 AND %s", q->where);
  sqlite3_stmt *st = prepare (q, sql, error);
  if (st == NULL)
    return FALSE;
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      t->failures = sqlite3_column_int64 (st, 0);
      t->recipients = sqlite3_column_int64 (st, 1);
      t->hard = sqlite3_column_int64 (st, 2);
    }
  if (!step_end (q, st, rc, error))
    return FALSE;

  g_free (sql);
  sql = g_strdup_printf ("SELECT coalesce(sum(f.action = 'delayed' COLLATE NOCASE), 0), count(*)"
                         " FROM failures f WHERE f.is_failure = 0 AND %s", q->where);
  if ((st = prepare (q, sql, error)) == NULL)
    return FALSE;
  if ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      t->delayed = sqlite3_column_int64 (st, 0);
      t->other_notices = sqlite3_column_int64 (st, 1) - t->delayed;
    }
  if (!step_end (q, st, rc, error))
    return FALSE;

  g_autofree char *family = family_sql ();
  g_free (sql);
  sql = g_strdup_printf ("SELECT %s AS family, count(*), count(DISTINCT f.recipient)"
                         " FROM failures f WHERE f.is_failure = 1 AND %s GROUP BY family",
                         family, q->where);
  if ((st = prepare (q, sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      int fam = sqlite3_column_int (st, 0);
      if (fam >= 0 && fam < BS_FAMILY_COUNT)
        {
          t->family_failures[fam] = sqlite3_column_int64 (st, 1);
          t->family_recipients[fam] = sqlite3_column_int64 (st, 2);
        }
    }
  if (!step_end (q, st, rc, error))
    return FALSE;

  g_free (sql);
  sql = g_strdup_printf ("SELECT min(f.day), max(f.day) FROM failures f WHERE %s", q->where);
  if ((st = prepare (q, sql, error)) == NULL)
    return FALSE;
  if ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      t->first_day = column_dup (st, 0);
      t->last_day = column_dup (st, 1);
    }
  if (!step_end (q, st, rc, error))
    return FALSE;

  if (bs_report_query_by_sender (q))
    return TRUE; /* the rest is the whole mailbox's, not this sender's */
  t->has_mail_counts = TRUE;
  if ((st = prepare (q, "SELECT count(*), coalesce(sum(kind = 'bounce'), 0),"
                        " coalesce(sum(kind = 'not-bounce'), 0),"
                        " coalesce(sum(kind = 'undecodable'), 0) FROM messages", error)) == NULL)
    return FALSE;
  if ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      t->messages = sqlite3_column_int64 (st, 0);
      t->bounces = sqlite3_column_int64 (st, 1);
      t->not_bounces = sqlite3_column_int64 (st, 2);
      t->undecodable = sqlite3_column_int64 (st, 3);
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

static char *
key_columns (const AggDef *a)
{
  GString *s = g_string_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (a->columns) && a->columns[i]; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", a->columns[i]);
  return g_string_free (s, FALSE);
}

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

GPtrArray *
bs_report_aggregate (BsReportQuery *q, BsAggKind kind, guint limit, gint64 *groups, GError **error)
{
  g_return_val_if_fail (kind < BS_AGG_COUNT, NULL);
  const AggDef *a = &aggs[kind];
  g_autofree char *cols = key_columns (a);
  g_autofree char *cond = key_condition (a);
  g_autofree char *extra = a->extra ? g_strdup_printf (" AND %s", a->extra) : g_strdup ("");
  int ncols = kind == BS_AGG_CODE ? 3 : 1;

  /* count(*) OVER () is the number of groups before the LIMIT: one pass */
  g_autofree char *sql = g_strdup_printf (
    "SELECT %s, count(*), count(DISTINCT f.recipient), sum(f.hard_bounce),"
    " min(f.seen_at), max(f.seen_at), count(*) OVER ()"
    " FROM failures f WHERE f.is_failure = 1 AND %s%s GROUP BY %s ORDER BY %s%s LIMIT :limit",
    cols, q->where, extra, cols, kind == BS_AGG_DAY ? "" : "count(*) DESC, ", cols);
  g_autofree char *example_sql = g_strdup_printf (
    "SELECT f.diagnostic FROM failures f WHERE f.is_failure = 1 AND %s%s AND %s"
    " AND f.diagnostic IS NOT NULL ORDER BY f.seen_at DESC, f.id DESC LIMIT 1",
    q->where, extra, cond);
  sqlite3_stmt *st = prepare (q, sql, error);
  if (st == NULL)
    return NULL;
  sqlite3_stmt *ex = prepare (q, example_sql, error);
  if (ex == NULL)
    {
      sqlite3_finalize (st);
      return NULL;
    }
  sqlite3_bind_int64 (st, sqlite3_bind_parameter_index (st, ":limit"), limit > 0 ? (gint64) limit : -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_agg_row_free);
  if (groups != NULL)
    *groups = 0;
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      if (groups != NULL)
        *groups = sqlite3_column_int64 (st, ncols + 5);
      BsAggRow *row = g_new0 (BsAggRow, 1);
      if (kind == BS_AGG_CODE)
        {
          row->status = column_dup (st, 0);
          row->reply_code = sqlite3_column_int (st, 1);
          row->provider_code = column_dup (st, 2);
          row->key = code_key (row->status, row->reply_code, row->provider_code);
        }
      else
        row->key = column_dup (st, 0);
      row->failures = sqlite3_column_int64 (st, ncols);
      row->recipients = sqlite3_column_int64 (st, ncols + 1);
      row->hard = sqlite3_column_int64 (st, ncols + 2);
      row->first_seen = column_dup (st, ncols + 3);
      row->last_seen = column_dup (st, ncols + 4);
      bind_key (ex, kind, row);
      if (sqlite3_step (ex) == SQLITE_ROW)
        {
          row->example = column_dup (ex, 0);
          if (q->o->redact)
            {
              char *r = bs_report_redact (row->example);
              g_free (row->example);
              row->example = r;
            }
        }
      sqlite3_reset (ex);
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (ex);
  if (!step_end (q, st, rc, error))
    {
      g_ptr_array_free (rows, TRUE);
      return NULL;
    }
  return rows;
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

static gboolean
foreach_failure (BsReportQuery *q, BsAggKind kind, const BsAggRow *group, guint limit,
                 gboolean newest, BsFailureFunc func, gpointer user, GError **error)
{
  GString *sql = g_string_new ("SELECT ");
  gsize n = G_N_ELEMENTS (columns);
  gsize reason_col = 0, blocklist_col = 0, family_col = 0;
  for (gsize i = 0; i < n; i++)
    {
      g_string_append_printf (sql, "%s%s", i ? ", " : "", columns[i].sql ? columns[i].sql : "NULL");
      if (columns[i].sql == NULL)
        family_col = i;
      else if (strcmp (columns[i].sql, "f.reason") == 0)
        reason_col = i;
      else if (strcmp (columns[i].sql, "f.blocklist") == 0)
        blocklist_col = i;
    }
  g_string_append_printf (sql, " FROM failures f JOIN messages m ON m.id = f.message_id"
                          " WHERE f.is_failure = 1 AND %s", q->where);
  if (group != NULL && kind < BS_AGG_COUNT)
    {
      g_autofree char *cond = key_condition (&aggs[kind]);
      g_string_append_printf (sql, " AND %s", cond);
      if (aggs[kind].extra)
        g_string_append_printf (sql, " AND %s", aggs[kind].extra);
    }
  g_string_append (sql, newest ? " ORDER BY f.seen_at DESC, f.id DESC LIMIT :limit"
                                : " ORDER BY f.seen_at, f.id LIMIT :limit");
  sqlite3_stmt *st = prepare (q, sql->str, error);
  g_string_free (sql, TRUE);
  if (st == NULL)
    return FALSE;
  if (group != NULL && kind < BS_AGG_COUNT)
    bind_key (st, kind, group);
  sqlite3_bind_int64 (st, sqlite3_bind_parameter_index (st, ":limit"), limit > 0 ? (gint64) limit : -1);

  g_autofree const char **values = g_new0 (const char *, n + 1);
  g_autofree char **owned = g_new0 (char *, n + 1);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      for (gsize i = 0; i < n; i++)
        {
          values[i] = columns[i].sql ? (const char *) sqlite3_column_text (st, (int) i) : NULL;
          if (q->o->redact && columns[i].redact && values[i] != NULL)
            values[i] = owned[i] = bs_report_redact (values[i]);
        }
      values[family_col] = bs_family_name (bs_reason_family (values[reason_col], values[blocklist_col]));
      gboolean go_on = func (values, user);
      for (gsize i = 0; i < n; i++)
        g_clear_pointer (&owned[i], g_free);
      if (!go_on)
        {
          rc = SQLITE_DONE;
          break;
        }
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
  return foreach_failure (q, kind, group, limit, TRUE, func, user, error);
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
  const AggDef *a = &aggs[kind];
  g_autofree char *family = family_sql ();
  g_autofree char *sql = g_strdup_printf (
    "SELECT %s, %s AS sub, count(*) FROM failures f WHERE f.is_failure = 1 AND %s%s%s"
    " GROUP BY %s, sub", a->columns[0], by == BS_CROSS_FAMILY ? family : "f.reason", q->where,
    a->extra ? " AND " : "", a->extra ? a->extra : "", a->columns[0]);
  sqlite3_stmt *st = prepare (q, sql, error);
  if (st == NULL)
    return NULL;
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_cross_cell_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      BsCrossCell *c = g_new0 (BsCrossCell, 1);
      c->key = column_dup (st, 0);
      if (by == BS_CROSS_FAMILY)
        c->sub = g_strdup (bs_family_name ((BsReasonFamily) CLAMP (sqlite3_column_int (st, 1), 0,
                                                                   BS_FAMILY_OTHER)));
      else
        c->sub = column_dup (st, 1);
      c->failures = sqlite3_column_int64 (st, 2);
      g_ptr_array_add (cells, c);
    }
  if (!step_end (q, st, rc, error))
    {
      g_ptr_array_free (cells, TRUE);
      return NULL;
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

/* counts of values while the failures are read: value -> count */
static GHashTable *
tally_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
tally_add (GHashTable *tally, const char *value, gint64 n)
{
  if (value == NULL || *value == '\0')
    return;
  gpointer old = NULL;
  if (g_hash_table_lookup_extended (tally, value, NULL, &old))
    g_hash_table_insert (tally, g_strdup (value), GSIZE_TO_POINTER (GPOINTER_TO_SIZE (old) + (gsize) n));
  else
    g_hash_table_insert (tally, g_strdup (value), GSIZE_TO_POINTER ((gsize) n));
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

/* a problem while it is gathered */
typedef struct {
  BsProblem *p;
  GHashTable *seen;          /* recipients already counted */
  GHashTable *reasons, *blocklists, *codes, *ips, *destinations;
  GHashTable *families;      /* family name -> failures */
} Gather;

static void
gather_free (Gather *g)
{
  bs_problem_free (g->p);
  g_hash_table_unref (g->seen);
  g_hash_table_unref (g->reasons);
  g_hash_table_unref (g->blocklists);
  g_hash_table_unref (g->codes);
  g_hash_table_unref (g->ips);
  g_hash_table_unref (g->destinations);
  g_hash_table_unref (g->families);
  g_free (g);
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

/* advice kinds whose cure is per sending IP (delisting, PTR, reputation) */
static gboolean
per_ip_kind (int kind)
{
  return kind == BS_ADVICE_REPUTATION || kind == BS_ADVICE_SENDER;
}

GPtrArray *
bs_report_problems (BsReportQuery *q, guint limit, gint64 *total, GError **error)
{
  if (total)
    *total = 0;
  /* newest first: the first diagnostic met is a problem's example, the
   * first time met its last_seen */
  g_autofree char *sql = g_strdup_printf (
    "SELECT f.reason, f.blocklist, f.provider_code, f.sending_ip, f.destination, f.recipient,"
    " f.seen_at, f.diagnostic FROM failures f WHERE f.is_failure = 1 AND %s"
    " ORDER BY f.seen_at DESC, f.id DESC", q->where);
  sqlite3_stmt *st = prepare (q, sql, error);
  if (st == NULL)
    return NULL;
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) gather_free);
  int rc;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *reason = (const char *) sqlite3_column_text (st, 0);
      const char *blocklist = (const char *) sqlite3_column_text (st, 1);
      const char *code = (const char *) sqlite3_column_text (st, 2);
      const char *ip = (const char *) sqlite3_column_text (st, 3);
      const char *dest = (const char *) sqlite3_column_text (st, 4);
      const char *rcpt = (const char *) sqlite3_column_text (st, 5);
      const char *seen = (const char *) sqlite3_column_text (st, 6);
      const char *diag = (const char *) sqlite3_column_text (st, 7);
      BsRecord r = { 0 };
      r.reason = (char *) (reason ? reason : "undefined");
      r.blocklist = (char *) blocklist;
      r.destination = (char *) dest;
      r.recipient = (char *) rcpt;
      const char *akey = bs_advice_key (&r);
      const BsAdvice *adv = bs_advice_for (akey, "en");
      int akind = adv ? (int) adv->kind : (int) BS_ADVICE_TEMPORARY;
      gboolean by_ip = per_ip_kind (akind) && ip != NULL && *ip != '\0';
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", akey, by_ip ? ip : "");
      Gather *g = g_hash_table_lookup (by_key, key);
      if (g == NULL)
        {
          g = g_new0 (Gather, 1);
          g->p = g_new0 (BsProblem, 1);
          g->p->advice_key = akey;
          g->p->advice_kind = akind;
          g->p->sending_ip = by_ip ? g_strdup (ip) : NULL;
          g->p->last_seen = g_strdup (seen);
          g->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g->reasons = tally_new ();
          g->blocklists = tally_new ();
          g->codes = tally_new ();
          g->ips = tally_new ();
          g->destinations = tally_new ();
          g->families = tally_new ();
          g_hash_table_insert (by_key, g_steal_pointer (&key), g);
        }
      BsProblem *p = g->p;
      p->failures++;
      g_free (p->first_seen);
      p->first_seen = g_strdup (seen);
      if (p->example == NULL && diag != NULL && *diag != '\0')
        p->example = q->o->redact ? bs_report_redact (diag) : g_strdup (diag);
      tally_add (g->reasons, reason, 1);
      tally_add (g->blocklists, blocklist, 1);
      tally_add (g->codes, code, 1);
      tally_add (g->ips, ip, 1);
      tally_add (g->families, bs_family_name (bs_reason_family (reason, blocklist)), 1);
      /* a failure with no recipient still hurts someone: count it alone */
      if (rcpt == NULL || g_hash_table_add (g->seen, g_strdup (rcpt)))
        {
          p->recipients++;
          tally_add (g->destinations, dest, 1);
        }
    }
  if (!step_end (q, st, rc, error))
    return NULL;

  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_problem_free);
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, by_key);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      Gather *g = v;
      BsProblem *p = g_steal_pointer (&g->p);
      p->reasons = tally_sorted (g->reasons);
      p->blocklists = tally_sorted (g->blocklists);
      p->codes = tally_sorted (g->codes);
      p->ips = tally_sorted (g->ips);
      p->destinations = tally_sorted (g->destinations);
      g_autoptr (GPtrArray) fams = tally_sorted (g->families);
      p->family = BS_FAMILY_OTHER;
      for (int f = 0; fams->len > 0 && f < BS_FAMILY_COUNT; f++)
        if (strcmp (((BsCount *) g_ptr_array_index (fams, 0))->value, family_names[f]) == 0)
          p->family = (BsReasonFamily) f;
      g_ptr_array_add (problems, p);
    }
  g_ptr_array_sort (problems, problem_cmp);
  if (total)
    *total = problems->len;
  if (limit > 0 && problems->len > limit)
    g_ptr_array_set_size (problems, limit);
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
