/* days.c - the SQLite history's per-day counts (failure_days, kept by the
 * writer and by prune) and scan runs: what "changes" reads (see read.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "sqlite-backend.h"

BsHistoryIter *
bs_history_days (BsHistoryRead *r, const BsHistoryFilter *filter, const char *until_day,
                 GError **error)
{
  g_autofree char *senders = bs_read_where (filter, "", FALSE);
  g_autofree char *sql = g_strdup_printf (
    "SELECT kind, value, day, sum(failures), min(coalesce(first_run, 0)) FROM failure_days"
    " WHERE %s AND %s GROUP BY kind, value, day ORDER BY kind, value, day",
    until_day != NULL ? "day <= :cap" : "TRUE", senders);
  BsStmt *st = bs_read_prepare (r, sql, filter, error);
  if (st != NULL && until_day != NULL)
    bs_stmt_bind_text (st, bs_stmt_param (st, ":cap"), until_day);
  return bs_read_iter (r, st);
}

gboolean
bs_history_next_day (BsHistoryIter *it, BsDayCount *row, GError **error)
{
  if (!bs_read_step (it, error))
    return FALSE;
  row->kind = bs_stmt_text (it->st, 0);
  row->value = bs_stmt_text (it->st, 1);
  row->day = bs_stmt_text (it->st, 2);
  row->failures = bs_stmt_int64 (it->st, 3);
  row->first_run = bs_stmt_int64 (it->st, 4);
  return TRUE;
}

/* the first row of sql, an integer and a text (either may be NULL) */
static gboolean
query_row (BsHistoryRead *r, const char *sql, const char *text_arg, gint64 int_arg, gint64 *n,
           char **text, GError **error)
{
  BsStmt *st = bs_read_prepare (r, sql, NULL, error);
  if (st == NULL)
    return FALSE;
  if (text_arg != NULL)
    bs_stmt_bind_text (st, bs_stmt_param (st, ":text"), text_arg);
  int at = bs_stmt_param (st, ":int");
  if (at > 0)
    bs_stmt_bind_int64 (st, at, int_arg);
  int rc = bs_stmt_step (st);
  if (rc == BS_STMT_ROW)
    {
      if (n != NULL)
        *n = bs_stmt_int64 (st, 0);
      if (text != NULL)
        *text = g_strdup (bs_stmt_text (st, 1));
    }
  if (rc != BS_STMT_ROW && rc != BS_STMT_DONE)
    g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: reading the history: %s",
                 r->path, bs_stmt_errmsg (st));
  bs_stmt_free (st);
  if (rc != BS_STMT_ROW && rc != BS_STMT_DONE)
    return FALSE;
  return TRUE;
}

gboolean
bs_history_newest_day (BsHistoryRead *r, const char *until_day, gint64 max_run, char **day,
                       GError **error)
{
  *day = NULL;
  g_autofree char *sql = g_strdup_printf (
    "SELECT 0, max(day) FROM failure_days WHERE %s AND %s",
    until_day != NULL ? "day <= :text" : "TRUE",
    max_run > 0 ? "coalesce(first_run, 0) <= :int" : "TRUE");
  return query_row (r, sql, until_day, max_run, NULL, day, error);
}

gboolean
bs_history_finished_runs (BsHistoryRead *r, BsRunEnd *last, BsRunEnd *previous, GError **error)
{
  memset (last, 0, sizeof *last);
  memset (previous, 0, sizeof *previous);
  if (!query_row (r, "SELECT id, finished FROM scan_runs WHERE finished IS NOT NULL"
                     " ORDER BY id DESC LIMIT 1", NULL, 0, &last->id, &last->finished, error))
    return FALSE;
  if (last->id == 0)
    return TRUE;
  return query_row (r, "SELECT id, finished FROM scan_runs WHERE finished IS NOT NULL"
                       " AND id < :int ORDER BY id DESC LIMIT 1", NULL, last->id, &previous->id,
                    &previous->finished, error);
}

gboolean
bs_history_last_record (BsHistoryRead *r, gint64 run, gint64 *id, GError **error)
{
  /* one scan at a time: a later run's messages and records have greater ids */
  *id = 0;
  return run <= 0
         || query_row (r, "SELECT coalesce(max(id), 0), NULL FROM failures WHERE message_id <="
                          " (SELECT max(id) FROM messages WHERE run_id <= :int)",
                       NULL, run, id, NULL, error);
}

void
bs_run_end_clear (BsRunEnd *run)
{
  g_clear_pointer (&run->finished, g_free);
}
