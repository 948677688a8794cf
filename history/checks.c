/* checks.c - the history's live checks (either backend, through stmt.h): the answers of --check runs
 * (the checks table, schema version 2), the failures that name an IP, a
 * sender domain or a list, and the targets of a run (see live_checks.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "record.h"
#include "pg.h"

/* ---- the writer -------------------------------------------------------- */

gboolean
bs_store_add_checks (BsStore *s, gint64 run_id, const BsCheckRow *rows, guint n, GError **error)
{
  static const char sql[] =
    "INSERT INTO checks (run_id, checked_at, kind, subject, list, list_name, query, status,"
    " answer, listed_as, detail, fix, resolver)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
  if (n == 0)
    return TRUE;
  if (!bs_store_writable (s, error) || (s->pg != NULL && !bs_pg_settle (s, error)))
    return FALSE;
  gboolean own_tx = !bs_store_in_transaction (s);  /* none open: open our own */
  if (own_tx && !bs_store_begin (s, error))
    return FALSE;
  g_autoptr (GError) local = NULL;
  BsStmt *st = bs_stmt_prepare (s->db, s->pg, sql, &local);
  gboolean ok = st != NULL;
  for (guint i = 0; ok && i < n; i++)
    {
      const BsCheckRow *r = &rows[i];
      const char *text[] = { r->checked_at, r->kind, r->subject, r->list, r->list_name, r->query,
                             r->status, r->answer, r->listed_as, r->detail, r->fix, r->resolver };
      if (run_id > 0)
        bs_stmt_bind_int64 (st, 1, run_id);
      else
        bs_stmt_bind_null (st, 1);
      for (gsize k = 0; k < G_N_ELEMENTS (text); k++)
        {
          g_autofree char *clean = text[k] ? bs_text_clean (text[k], BS_MAX_FIELD_BYTES) : NULL;
          if (clean != NULL)
            bs_stmt_bind_text (st, (int) k + 2, clean);
          else
            bs_stmt_bind_null (st, (int) k + 2);
        }
      ok = bs_stmt_step (st) == BS_STMT_DONE;
      bs_stmt_reset (st);
    }
  if (!ok)
    g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: saving the checks: %s", s->path,
                 st != NULL ? bs_stmt_errmsg (st) : local->message);
  bs_stmt_free (st);
  if (!own_tx)
    return ok;
  if (ok)
    return bs_store_commit (s, error);
  bs_store_rollback (s);
  return FALSE;
}

/* ---- the answers --------------------------------------------------------- */

gboolean
bs_history_has_checks (BsHistoryRead *r)
{
  BsStmt *st = bs_stmt_prepare (r->db, r->pg, "SELECT 1 FROM checks LIMIT 1", NULL);
  gboolean yes = st != NULL && bs_stmt_step (st) == BS_STMT_ROW;
  bs_stmt_free (st);
  return yes;
}

BsHistoryIter *
bs_history_checks_of (BsHistoryRead *r, const char *subject, GError **error)
{
  BsStmt *st = bs_read_prepare (
    r, "SELECT kind, list, list_name, status, checked_at, answer, listed_as, detail, fix, resolver,"
       " query FROM checks WHERE subject = ?1 ORDER BY kind, list, checked_at, id", NULL, error);
  if (st != NULL)
    bs_stmt_bind_text (st, 1, subject);
  return bs_read_iter (r, st);
}

gboolean
bs_history_next_check (BsHistoryIter *it, BsCheckRow *row, GError **error)
{
  if (!bs_read_step (it, error))
    return FALSE;
  BsStmt *st = it->st;
  memset (row, 0, sizeof *row);
  row->kind = bs_stmt_text (st, 0);
  row->list = bs_stmt_text (st, 1);
  row->list_name = bs_stmt_text (st, 2);
  row->status = bs_stmt_text (st, 3);
  row->checked_at = bs_stmt_text (st, 4);
  row->answer = bs_stmt_text (st, 5);
  row->listed_as = bs_stmt_text (st, 6);
  row->detail = bs_stmt_text (st, 7);
  row->fix = bs_stmt_text (st, 8);
  row->resolver = bs_stmt_text (st, 9);
  row->query = bs_stmt_text (st, 10);
  return TRUE;
}

/* ---- what the failures name ------------------------------------------------ */

/* the column of an IP or a sender domain */
static const char *
subject_column (BsFailureField field)
{
  return field == BS_FIELD_SENDING_IP ? "f.sending_ip" : "f.sender_domain";
}

BsHistoryIter *
bs_history_failing (BsHistoryRead *r, const BsHistoryFilter *filter, BsFailureField field, guint limit,
                    GError **error)
{
  g_return_val_if_fail (field == BS_FIELD_SENDING_IP || field == BS_FIELD_SENDER_DOMAIN, NULL);
  const char *col = subject_column (field);
  g_autofree char *where = bs_read_where (filter, "f.", TRUE);
  g_autofree char *sql = g_strdup_printf (
    "SELECT %s, count(*), max(f.seen_at) FROM failures f WHERE f.is_failure = 1 AND %s"
    " AND %s IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT %u", col, where, col, limit);
  return bs_read_iter (r, bs_read_prepare (r, sql, filter, error));
}

BsHistoryIter *
bs_history_blamed_lists (BsHistoryRead *r, const BsHistoryFilter *filter, BsFailureField field,
                         const char *value, GError **error)
{
  g_return_val_if_fail (field == BS_FIELD_SENDING_IP || field == BS_FIELD_SENDER_DOMAIN, NULL);
  g_autofree char *where = bs_read_where (filter, "f.", TRUE);
  g_autofree char *sql = g_strdup_printf (
    "SELECT f.blocklist, count(*), max(f.seen_at) FROM failures f WHERE f.is_failure = 1 AND %s"
    " AND %s = :value AND f.blocklist IS NOT NULL GROUP BY 1", where, subject_column (field));
  BsStmt *st = bs_read_prepare (r, sql, filter, error);
  if (st != NULL)
    bs_stmt_bind_text (st, bs_stmt_param (st, ":value"), value);
  return bs_read_iter (r, st);
}

gboolean
bs_history_next_failing (BsHistoryIter *it, BsFailingRow *row, GError **error)
{
  if (!bs_read_step (it, error))
    return FALSE;
  row->value = bs_stmt_text (it->st, 0);
  row->failures = bs_stmt_int64 (it->st, 1);
  row->last_seen = bs_stmt_text (it->st, 2);
  return TRUE;
}

/* ---- the targets of a --check run ----------------------------------------- */

/* the failures a scope keeps, as a condition on failures f and messages m */
static char *
scope_where (const BsTargetScope *s)
{
  g_autofree char *filter = bs_read_where (s->filter, "f.", TRUE);
  GString *w = g_string_new ("f.is_failure = 1 AND ");
  g_string_append (w, filter);
  if (s->run_id > 0 || s->recent_day != NULL)
    g_string_append (w, " AND ((:run > 0 AND m.run_id = :run)"
                        " OR (:recent IS NOT NULL AND f.day >= :recent))");
  return g_string_free (w, FALSE);
}

static BsStmt *
scope_prepare (BsHistoryRead *r, const char *sql, const BsTargetScope *s, GError **error)
{
  BsStmt *st = bs_read_prepare (r, sql, s->filter, error);
  if (st == NULL)
    return NULL;
  int i = bs_stmt_param (st, ":run");
  if (i > 0)
    bs_stmt_bind_int64 (st, i, s->run_id);
  i = bs_stmt_param (st, ":recent");
  if (i > 0 && s->recent_day != NULL)
    bs_stmt_bind_text (st, i, s->recent_day);
  i = bs_stmt_param (st, ":max");
  if (i > 0)
    bs_stmt_bind_int64 (st, i, s->max);
  return st;
}

BsHistoryIter *
bs_history_ip_targets (BsHistoryRead *r, const BsTargetScope *scope, GError **error)
{
  g_autofree char *cond = scope_where (scope);
  /* the most-failing IPs, with every list and sender domain they were blamed with */
  g_autofree char *sql = g_strdup_printf (
    "WITH scoped AS (SELECT f.sending_ip, f.blocklist, f.sender_domain FROM failures f"
    " JOIN messages m ON m.id = f.message_id WHERE %s AND f.sending_ip IS NOT NULL),"
    " top AS (SELECT sending_ip, count(*) AS n FROM scoped GROUP BY sending_ip"
    " ORDER BY n DESC, sending_ip LIMIT :max)"
    " SELECT s.sending_ip, s.blocklist, s.sender_domain FROM scoped s JOIN top USING (sending_ip)"
    " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", cond);
  return bs_read_iter (r, scope_prepare (r, sql, scope, error));
}

gboolean
bs_history_next_ip_target (BsHistoryIter *it, BsIpTarget *row, GError **error)
{
  if (!bs_read_step (it, error))
    return FALSE;
  row->ip = bs_stmt_text (it->st, 0);
  row->blocklist = bs_stmt_text (it->st, 1);
  row->sender_domain = bs_stmt_text (it->st, 2);
  return TRUE;
}

BsHistoryIter *
bs_history_domain_targets (BsHistoryRead *r, const BsTargetScope *scope,
                           const char *const *domain_lists, GError **error)
{
  g_autofree char *cond = scope_where (scope);
  GString *lists = g_string_new ("''");
  for (guint i = 0; domain_lists != NULL && domain_lists[i] != NULL; i++)
    g_string_append_printf (lists, ", :l%u", i);
  /* the reasons that put the sender domain's authentication in question, as
   * an SQL list: 'authfailure', ... (reason names hold no quote) */
  GString *auth = g_string_new ("''");
  for (int k = BS_REASON_NONE + 1; k < BS_REASON_COUNT; k++)
    if (bs_reason_sender_auth ((BsReason) k))
      g_string_append_printf (auth, ", '%s'", bs_reason_name ((BsReason) k));
  /* sender domains: SPF and DMARC after an authentication or policy failure;
   * a list of domains (the DBL) when a bounce named it */
  g_autofree char *sql = g_strdup_printf (
    "SELECT f.sender_domain, max(CASE WHEN f.reason IN (%s) THEN 1 ELSE 0 END),"
    " group_concat(DISTINCT f.blocklist) FROM failures f JOIN messages m ON m.id = f.message_id"
    " WHERE %s AND f.sender_domain IS NOT NULL AND (f.reason IN (%s)"
    " OR f.blocklist IN (%s)) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT :max", auth->str, cond,
    auth->str, lists->str);
  g_string_free (auth, TRUE);
  g_string_free (lists, TRUE);
  BsStmt *st = scope_prepare (r, sql, scope, error);
  for (guint i = 0; st != NULL && domain_lists != NULL && domain_lists[i] != NULL; i++)
    {
      char name[16];
      g_snprintf (name, sizeof name, ":l%u", i);
      bs_stmt_bind_text (st, bs_stmt_param (st, name), domain_lists[i]);
    }
  return bs_read_iter (r, st);
}

gboolean
bs_history_next_domain_target (BsHistoryIter *it, BsDomainTarget *row, GError **error)
{
  if (!bs_read_step (it, error))
    return FALSE;
  row->domain = bs_stmt_text (it->st, 0);
  row->auth_failure = (int) bs_stmt_int64 (it->st, 1) != 0;
  row->lists = bs_stmt_text (it->st, 2);
  return TRUE;
}

BsHistoryIter *
bs_history_still_listed (BsHistoryRead *r, guint max, GError **error)
{
  BsStmt *st = bs_read_prepare (
    r, "SELECT c.subject, c.list FROM checks c WHERE c.kind = 'dnsbl' AND c.status = 'listed'"
       " AND c.id = (SELECT c2.id FROM checks c2 WHERE c2.kind = 'dnsbl' AND c2.subject = c.subject"
       " AND c2.list = c.list AND c2.status IN ('listed', 'not-listed')"
       " ORDER BY c2.checked_at DESC, c2.id DESC LIMIT 1) ORDER BY 1, 2 LIMIT ?1", NULL, error);
  if (st != NULL)
    bs_stmt_bind_int64 (st, 1, max);
  return bs_read_iter (r, st);
}

gboolean
bs_history_next_listed (BsHistoryIter *it, const char **subject, const char **list, GError **error)
{
  if (!bs_read_step (it, error))
    return FALSE;
  *subject = bs_stmt_text (it->st, 0);
  *list = bs_stmt_text (it->st, 1);
  return TRUE;
}
