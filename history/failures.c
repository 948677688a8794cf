/* failures.c - the SQLite history's failure reads: the facts of every
 * record in one pass, the records in recipient order, whole failure rows in
 * time order (checked as they come), by group, by id (see read.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "sqlite-backend.h"

/* ---- the facts of every record ----------------------------------------- */

/* the columns of the facts' read, in this order */
enum {
  SC_RECIPIENT, SC_DESTINATION, SC_IP, SC_STATUS, SC_REPLY, SC_PROVIDER, SC_REASON,
  SC_BLOCKLIST, SC_DAY, SC_SEEN, SC_ID, SC_HARD, SC_IS_FAILURE, SC_DELAYED, SC_DIAGNOSTIC,
  SC_SENDER, SC_HOST,
};

static const char facts_columns[] =
  "f.recipient, f.destination, f.sending_ip, f.status, f.reply_code, f.provider_code,"
  " f.reason, f.blocklist, f.day, f.seen_at, f.id, f.hard_bounce, f.is_failure,"
  " CASE WHEN lower(f.action) = 'delayed' THEN 1 ELSE 0 END,"
  " CASE WHEN f.diagnostic IS NULL THEN 0 WHEN f.diagnostic = '' THEN 1 ELSE 2 END,"
  " f.sender_domain, f.host";

BsHistoryIter *
bs_history_facts (BsHistoryRead *r, const BsHistoryFilter *filter, GError **error)
{
  g_autofree char *where = bs_read_where (filter, "f.", TRUE);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM failures f WHERE %s", facts_columns, where);
  BsHistoryIter *it = bs_read_iter (r, bs_read_prepare (r, sql, filter, error));
  if (it != NULL && bs_history_filter_is_local (filter))
    it->zone = filter;
  return it;
}

BsHistoryIter *
bs_history_facts_by_recipient (BsHistoryRead *r, const BsHistoryFilter *filter,
                               const char *const *reasons, GError **error)
{
  g_autofree char *where = bs_read_where (filter, "f.", TRUE);
  g_autoptr (GString) in = g_string_new ("NULL");
  guint n = 0;
  for (; reasons != NULL && reasons[n] != NULL && n < 16; n++)
    g_string_append_printf (in, ", :r%u", n);
  g_autofree char *sql = g_strdup_printf (
    "SELECT %s FROM failures f WHERE f.is_failure = 1 AND f.recipient IS NOT NULL"
    " AND f.reason IN (%s) AND %s ORDER BY lower(f.recipient), f.seen_at, f.id",
    facts_columns, in->str, where);
  BsStmt *st = bs_read_prepare (r, sql, filter, error);
  for (guint i = 0; st != NULL && i < n; i++)
    {
      char name[16];
      g_snprintf (name, sizeof name, ":r%u", i);
      bs_stmt_bind_text (st, bs_stmt_param (st, name), reasons[i]);
    }
  return bs_read_iter (r, st);
}

gboolean
bs_history_next_facts (BsHistoryIter *it, BsRecordFacts *row, GError **error)
{
  if (!bs_read_step (it, error))
    return FALSE;
  BsStmt *st = it->st;
  row->id = bs_stmt_int64 (st, SC_ID);
  row->recipient = bs_stmt_text (st, SC_RECIPIENT);
  row->recipient_len = (gsize) bs_stmt_bytes (st, SC_RECIPIENT);
  row->destination = bs_stmt_text (st, SC_DESTINATION);
  row->sender_domain = bs_stmt_text (st, SC_SENDER);
  row->host = bs_stmt_text (st, SC_HOST);
  row->sending_ip = bs_stmt_text (st, SC_IP);
  row->status = bs_stmt_text (st, SC_STATUS);
  row->has_reply = !bs_stmt_null (st, SC_REPLY);
  row->reply_code = row->has_reply ? bs_stmt_int64 (st, SC_REPLY) : 0;
  row->provider_code = bs_stmt_text (st, SC_PROVIDER);
  row->reason = bs_stmt_text (st, SC_REASON);
  row->blocklist = bs_stmt_text (st, SC_BLOCKLIST);
  row->day = bs_stmt_text (st, SC_DAY);
  row->seen_at = bs_stmt_text (st, SC_SEEN);
  if (it->zone != NULL
      && bs_history_filter_localise_cached (it->zone, row->seen_at, it->day, it->time,
                                            &it->zone_cache))
    row->day = it->day;
  row->hard = bs_stmt_int64 (st, SC_HARD);
  row->is_failure = bs_stmt_null (st, SC_IS_FAILURE)
                      ? -1 : (int) bs_stmt_int64 (st, SC_IS_FAILURE);
  row->delayed = (int) bs_stmt_int64 (st, SC_DELAYED) != 0;
  row->diagnostic = (int) bs_stmt_int64 (st, SC_DIAGNOSTIC);
  return TRUE;
}

BsHistoryIter *
bs_history_recipients (BsHistoryRead *r, GError **error)
{
  /* the records' own table (schema 11): its index on recipient alone */
  return bs_read_iter (r, bs_read_prepare (r, "SELECT f.recipient, f.id FROM failure_recipients f"
                                              " WHERE f.recipient IS NOT NULL ORDER BY f.recipient",
                                           NULL, error));
}

gboolean
bs_history_next_recipient (BsHistoryIter *it, const char **recipient, gsize *len, gint64 *id,
                           GError **error)
{
  if (!bs_read_step (it, error))
    return FALSE;
  *recipient = bs_stmt_text (it->st, 0);
  *len = (gsize) bs_stmt_bytes (it->st, 0);
  *id = bs_stmt_int64 (it->st, 1);
  return TRUE;
}

/* ---- failure rows ---------------------------------------------------------- */

/* the SQL of each field, in BsFailureField order */
static const char *const field_sql[BS_FIELD_COUNT] = {
  "f.day", "f.seen_at", "f.seen_at", "f.timestamp", "f.recipient", "f.orig_recipient", "f.action", "f.status",
  "f.status_from", "f.reply_code", "f.reason", "f.hard_bounce", "f.destination",
  "f.sender_domain", "f.sending_ip", "f.sending_ip_from", "f.provider_code", "f.blocklist",
  "f.remote_mta", "f.reporting_mta", "f.command", "f.diagnostic_type", "f.diagnostic", "f.mta",
  "f.feedback_type", "o.orig_message_id", "o.orig_from", "o.orig_to", "o.orig_subject",
  "o.orig_date", "f.rule", "f.evidence", "m.source", "m.mbox_index",
};

gboolean
bs_history_field_numeric (BsFailureField field)
{
  return field == BS_FIELD_REPLY_CODE || field == BS_FIELD_HARD_BOUNCE
         || field == BS_FIELD_MBOX_INDEX;
}

/* "SELECT <every field>, f.id" */
static GString *
failure_select (void)
{
  GString *sql = g_string_new ("SELECT ");
  for (gsize i = 0; i < BS_FIELD_COUNT; i++)
    g_string_append_printf (sql, "%s, ", field_sql[i]);
  g_string_append (sql, "f.id");
  return sql;
}

/* a failure, its message and its original's headers (stored once per
 * bounce: schema version 9) */
#define JOIN_ORIGINAL " LEFT JOIN originals o ON o.id = f.original_id"
#define FROM_FAILURES " FROM failures f JOIN messages m ON m.id = f.message_id" JOIN_ORIGINAL

/* does the history have the index failures_time (schema version 5)? */
static gboolean
has_time_index (BsHistoryRead *r)
{
  if (r->time_index < 0)
    {
      sqlite3_stmt *st = NULL;
      r->time_index = sqlite3_prepare_v2 (r->db, "SELECT 1 FROM sqlite_schema WHERE type = 'index'"
                                                 " AND name = 'failures_time'", -1, &st, NULL)
                          == SQLITE_OK
                      && sqlite3_step (st) == SQLITE_ROW;
      sqlite3_finalize (st);
    }
  return r->time_index > 0;
}

/* every failure of the filter in time order, in one statement: the ids in
 * (seen_at, id) order, then each row read by its id, so that no wide row
 * goes through a sort.  The ids come from the index failures_time when the
 * filter is on days alone; otherwise, or on a history without it, from one
 * scan of the table and a narrow sort.  SQL does not promise that a join
 * keeps its outer subquery's order, and the index orders by day before
 * seen_at: the iterator checks the order (order_next). */
static GString *
failures_in_time_order (BsHistoryRead *r, const BsHistoryFilter *filter, gboolean newest,
                        const char *where)
{
  gboolean indexed = bs_history_filter_spellings (filter) == NULL && has_time_index (r);
  GString *sql = failure_select ();
  /* CROSS JOIN keeps the loop over the ids outside */
  /* the filter's columns are the groups' (schema 11: f), the ids the
   * records'.  A group's records follow each other, and its id comes
   * before theirs: (group, record) order is the records' order, which the
   * two indexes give without a sort */
  g_string_append_printf (
    sql, " FROM (SELECT r.id AS oid FROM failure_groups f %s CROSS JOIN failure_recipients r"
    " ON r.group_id = f.id WHERE f.is_failure = 1 AND %s"
    " ORDER BY %s LIMIT :limit) t CROSS JOIN failures f ON f.id = t.oid CROSS JOIN messages m"
    " ON m.id = f.message_id" JOIN_ORIGINAL, indexed ? "INDEXED BY failures_time" : "NOT INDEXED", where,
    indexed ? (newest ? "f.day DESC, f.seen_at DESC, f.id DESC, r.id DESC"
                      : "f.day, f.seen_at, f.id, r.id")
            : (newest ? "f.seen_at DESC, r.id DESC" : "f.seen_at, r.id"));
  return sql;
}

/* bind the match's values to :m1, :m2...: integers as integers */
static void
bind_match (BsStmt *st, const BsFailureQuery *q, const BsHistoryFilter *filter)
{
  for (guint i = 0; i < q->n_match; i++)
    {
      char name[16];
      if (q->match[i].field == BS_FIELD_DAY && bs_history_filter_is_local (filter))
        {
          /* a local day: from its midnight to the next, in UTC */
          g_autoptr (BsHistoryFilter) day = bs_history_filter_new (
            q->match[i].value, q->match[i].value, NULL,
            bs_history_filter_time_zone_name (filter), NULL);
          g_snprintf (name, sizeof name, ":s%u", i + 1);
          bs_stmt_bind_text (st, bs_stmt_param (st, name),
                             bs_history_filter_since_at (day));
          g_snprintf (name, sizeof name, ":e%u", i + 1);
          bs_stmt_bind_text (st, bs_stmt_param (st, name),
                             bs_history_filter_until_at (day));
          continue;
        }
      g_snprintf (name, sizeof name, ":m%u", i + 1);
      int at = bs_stmt_param (st, name);
      const char *v = q->match[i].value;
      if (v == NULL)
        bs_stmt_bind_null (st, at);
      else if (bs_history_field_numeric (q->match[i].field))
        bs_stmt_bind_int64 (st, at, g_ascii_strtoll (v, NULL, 10));
      else
        bs_stmt_bind_text (st, at, v);
    }
}

BsHistoryIter *
bs_history_failures (BsHistoryRead *r, const BsHistoryFilter *filter, const BsFailureQuery *q,
                     GError **error)
{
  g_autofree char *where = bs_read_where (filter, "f.", TRUE);
  g_autoptr (GString) sql = NULL;
  /* PostgreSQL's planner sorts the plain way well, and keeps no join order */
  gboolean check = q->n_match == 0 && !q->sorted && r->pg == NULL;
  if (check)
    sql = failures_in_time_order (r, filter, q->newest, where);
  else
    {
      sql = failure_select ();
      g_string_append_printf (sql, FROM_FAILURES " WHERE f.is_failure = 1 AND %s", where);
      for (guint i = 0; i < q->n_match; i++)
        {
          g_return_val_if_fail (q->match[i].field < BS_FIELD_COUNT, NULL);
          if (q->match[i].field == BS_FIELD_DAY && bs_history_filter_is_local (filter))
            g_string_append_printf (sql, " AND f.seen_at >= :s%u AND f.seen_at < :e%u", i + 1, i + 1);
          else
            g_string_append_printf (sql, " AND %s IS NOT DISTINCT FROM :m%u", field_sql[q->match[i].field], i + 1);
        }
      g_string_append (sql, q->newest ? " ORDER BY f.seen_at DESC, f.id DESC LIMIT :limit"
                                      : " ORDER BY f.seen_at, f.id LIMIT :limit");
    }
  BsStmt *st = bs_read_prepare (r, sql->str, filter, error);
  if (st == NULL)
    return NULL;
  bs_stmt_bind_limit (st, bs_stmt_param (st, ":limit"), q->limit);
  bind_match (st, q, filter);
  BsHistoryIter *it = bs_read_iter (r, st);
  it->zone = filter;
  it->check_order = check;
  it->newest = q->newest;
  it->order.seen = g_string_new (NULL);
  return it;
}

BsHistoryIter *
bs_history_failures_by_id (BsHistoryRead *r, const gint64 *ids, guint n, GError **error)
{
  g_autoptr (GString) sql = failure_select ();
  g_string_append (sql, FROM_FAILURES " WHERE f.id = ?1");
  BsHistoryIter *it = bs_read_iter (r, bs_read_prepare (r, sql->str, NULL, error));
  if (it != NULL)
    {
      bs_stmt_stream (it->st, FALSE); /* one row at a time */
      it->ids = g_memdup2 (ids, n * sizeof *ids);
      it->n_ids = n;
    }
  return it;
}

/* the condition of a look-up on failures f, with its values bound as
 * :v (the value), :l (in lower case) and :s0, :s1 (a domain's spellings);
 * each form can use an index (recipient, destination, sending_ip) */
static const char *
lookup_where (BsLookupKind kind)
{
  switch (kind)
    {
    case BS_LOOKUP_ADDRESS:
      return "f.recipient = :v COLLATE NOCASE";
    case BS_LOOKUP_DOMAIN:
      return "f.destination IN (:s0, :s1)";
    case BS_LOOKUP_IP:
    default:
      return "f.sending_ip IN (:v, :l)";
    }
}

/* where a look-up reads from: an address's records are those of the
 * address as given or in lower case (the records' index) or of its domain
 * (the groups'), in two tables since schema 11: their ids first */
static const char *
lookup_from (BsLookupKind kind)
{
  if (kind != BS_LOOKUP_ADDRESS)
    return FROM_FAILURES;
  return " FROM (SELECT id FROM failure_recipients WHERE recipient IN (:v, :l)"
         " UNION SELECT r.id FROM failure_groups g CROSS JOIN failure_recipients r"
         " ON r.group_id = g.id WHERE g.destination IN (:s0, :s1)) t"
         " CROSS JOIN failures f ON f.id = t.id JOIN messages m ON m.id = f.message_id"
         JOIN_ORIGINAL;
}

BsHistoryIter *
bs_history_lookup (BsHistoryRead *r, const BsHistoryFilter *filter, BsLookupKind kind,
                   const char *value, GError **error)
{
  g_return_val_if_fail (value != NULL, NULL);
  g_autofree char *where = bs_read_where (filter, "f.", TRUE);
  g_autoptr (GString) sql = failure_select ();
  g_string_append_printf (sql, "%s WHERE f.is_failure = 1 AND %s AND %s ORDER BY f.seen_at, f.id",
                          lookup_from (kind), where, lookup_where (kind));
  BsStmt *st = bs_read_prepare (r, sql->str, filter, error);
  if (st == NULL)
    return NULL;
  g_autofree char *lower = g_utf8_strdown (value, -1);
  /* the domain: the value's own, or the part of the address after its last @ */
  const char *at = kind == BS_LOOKUP_ADDRESS ? strrchr (value, '@') : NULL;
  const char *domain = kind == BS_LOOKUP_DOMAIN ? value : at != NULL ? at + 1 : NULL;
  g_auto (GStrv) spellings = domain != NULL ? bs_history_domain_spellings (domain) : NULL;
  const char *binds[][2] = {
    { ":v", value }, { ":l", lower },
    { ":s0", spellings != NULL ? spellings[0] : NULL },
    { ":s1", spellings != NULL && spellings[0] != NULL ? spellings[1] : NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (binds); i++)
    {
      int at_i = bs_stmt_param (st, binds[i][0]);
      if (at_i > 0 && binds[i][1] != NULL)
        bs_stmt_bind_text (st, at_i, binds[i][1]);
    }
  return bs_read_iter (r, st);
}

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

/* the next row of a read by ids: a missing id is skipped */
static gboolean
step_by_id (BsHistoryIter *it, GError **error)
{
  while (it->at < it->n_ids)
    {
      bs_stmt_reset (it->st);
      bs_stmt_bind_int64 (it->st, 1, it->ids[it->at++]);
      int rc = bs_stmt_step (it->st);
      if (rc == BS_STMT_ROW)
        return TRUE;
      if (rc != BS_STMT_DONE)
        return bs_read_failed (it, error);
    }
  return FALSE;
}

gboolean
bs_history_next_failure (BsHistoryIter *it, BsFailureRow *row, GError **error)
{
  if (!(it->ids != NULL ? step_by_id (it, error) : bs_read_step (it, error)))
    return FALSE;
  BsStmt *st = it->st;
  row->id = bs_stmt_int64 (st, BS_FIELD_COUNT);
  if (it->check_order
      && !order_next (&it->order, bs_stmt_text (st, BS_FIELD_TIME_UTC), row->id, it->newest))
    {
      it->done = it->failed = TRUE;
      g_set_error (error, BS_ERROR, BS_ERROR_DISORDER,
                   "reading the history: the failures did not come in time order");
      return FALSE;
    }
  for (int i = 0; i < BS_FIELD_COUNT; i++)
    row->values[i] = bs_stmt_text (st, i);
  /* the day and the time in the filter's zone (UTC without one) */
  if (bs_history_filter_localise_cached (it->zone, row->values[BS_FIELD_TIME_UTC], it->day,
                                         it->time, &it->zone_cache))
    {
      row->values[BS_FIELD_DAY] = it->day;
      row->values[BS_FIELD_TIME_LOCAL] = it->time;
    }
  return TRUE;
}

char *
bs_history_diagnostic (BsHistoryRead *r, gint64 id)
{
  if (r->diagnostic == NULL
      && (r->diagnostic = bs_stmt_prepare (r->db, r->pg, "SELECT diagnostic FROM failures"
                                           " WHERE id = ?1", NULL)) == NULL)
    return NULL;
  bs_stmt_bind_int64 (r->diagnostic, 1, id);
  char *text = NULL;
  if (bs_stmt_step (r->diagnostic) == BS_STMT_ROW)
    text = g_strdup (bs_stmt_text (r->diagnostic, 0));
  bs_stmt_reset (r->diagnostic);
  return text;
}
