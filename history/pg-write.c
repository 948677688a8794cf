/* pg-write.c - the PostgreSQL history's writer: transactions, scan runs,
 * messages known by content hash (across every host: the same bounce in
 * two servers' mailboxes counts once), their failures rows, the per-day
 * counts and the per-path source state of the scan's host
 *
 * A message is inserted when it comes (one round trip: its id, or that it
 * is known); its failures rows, the batch's per-day counts and source
 * states wait in memory and go in with COPY at the commit, in the same
 * transaction: a scan killed at any moment leaves whole batches or
 * nothing, as with SQLite.  Scans on different hosts touch different
 * per-day and source rows (their keys take the host), so they never wait
 * for each other there.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "pg.h"

struct _BsPgBatch {
  gboolean prepared;      /* the session's statements */
  GString *failures;      /* COPY text of the failures rows */
  GHashTable *sources;    /* key -> BsSourceState *, put in the open transaction */
};

static void
source_state_free (gpointer p)
{
  bs_source_state_clear (p);
  g_free (p);
}


static BsPgBatch *
batch (BsStore *s)
{
  if (s->batch == NULL)
    {
      s->batch = g_new0 (BsPgBatch, 1);
      s->batch->failures = g_string_new (NULL);
      s->batch->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 source_state_free);
    }
  return s->batch;
}

void
bs_pg_batch_free (BsPgBatch *b)
{
  if (b == NULL)
    return;
  g_string_free (b->failures, TRUE);
  g_hash_table_unref (b->sources);
  g_free (b);
}

static void
batch_clear (BsStore *s)
{
  if (s->batch == NULL)
    return;
  g_string_truncate (s->batch->failures, 0);
  g_hash_table_remove_all (s->batch->sources);
}

/* ---- errors and statements ---------------------------------------------------- */

static gboolean
check (BsStore *s, PGresult *res, const char *what, GError **error)
{
  ExecStatusType st = PQresultStatus (res);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
    return TRUE;
  const char *state = PQresultErrorField (res, PG_DIAG_SQLSTATE);
  g_autofree char *msg = g_strchomp (g_strdup (res != NULL ? PQresultErrorMessage (res)
                                                           : PQerrorMessage (s->pg)));
  g_set_error (error, BS_ERROR,
               state != NULL && (strcmp (state, "55P03") == 0 || strcmp (state, "40P01") == 0)
                 ? BS_ERROR_BUSY : BS_ERROR_STORE,
               "database %s: %s: %s", s->path, what, msg);
  return FALSE;
}

/* run sql with n text parameters; its result (free with PQclear), or NULL
 * with error set */
static PGresult *
run (BsStore *s, const char *sql, int n, const char *const *params, const char *what,
     GError **error)
{
  PGresult *res = PQexecParams (s->pg, sql, n, NULL, params, NULL, NULL, 0);
  if (check (s, res, what, error))
    return res;
  PQclear (res);
  return NULL;
}

static gboolean
run_ok (BsStore *s, const char *sql, int n, const char *const *params, const char *what,
        GError **error)
{
  PGresult *res = run (s, sql, n, params, what, error);
  PQclear (res);
  return res != NULL;
}

/* PostgreSQL's text of a string: valid UTF-8 (a file name may not be) */
static const char *
valid (const char *text, char **own)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return text;
  return *own = g_utf8_make_valid (text, -1);
}

/* known by its content hash or its identity: nothing added */
#define MESSAGE_SQL                                                                           \
  "INSERT INTO messages (run_id, source, mbox_index, key, \"offset\", size, content_hash, kind," \
  " mta, error, first_seen, identity, host) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"  \
  " $11, $12, $13) ON CONFLICT DO NOTHING RETURNING id"
/* a message stored before schema 8, found again by its content hash */
#define IDENTITY_SQL                                                                          \
  "UPDATE messages SET identity = $2 WHERE content_hash = $1 AND identity IS NULL"            \
  " AND NOT EXISTS (SELECT 1 FROM messages o WHERE o.identity = $2)"

static gboolean
prepare (BsStore *s, GError **error)
{
  BsPgBatch *b = batch (s);
  if (b->prepared)
    return TRUE;
  PGresult *res = PQprepare (s->pg, "bs_message", MESSAGE_SQL, 13, NULL);
  gboolean ok = check (s, res, "preparing the writer's statements", error);
  PQclear (res);
  if (ok)
    {
      res = PQprepare (s->pg, "bs_identity", IDENTITY_SQL, 2, NULL);
      ok = check (s, res, "preparing the writer's statements", error);
      PQclear (res);
    }
  b->prepared = ok;
  return ok;
}

/* ---- COPY ------------------------------------------------------------------------- */

/* one value of a COPY text line */
static void
copy_value (GString *line, const char *v)
{
  if (v == NULL)
    {
      g_string_append (line, "\\N");
      return;
    }
  g_autofree char *own = NULL;
  v = valid (v, &own);
  for (const char *p = v; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (line, "\\\\"); break;
      case '\t': g_string_append (line, "\\t"); break;
      case '\n': g_string_append (line, "\\n"); break;
      case '\r': g_string_append (line, "\\r"); break;
      default: g_string_append_c (line, *p);
      }
}

static void
copy_row (GString *out, const char *const *values, int n)
{
  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\t');
      copy_value (out, values[i]);
    }
  g_string_append_c (out, '\n');
}

/* COPY data (lines of copy_row) into table (columns) */
static gboolean
copy_in (BsStore *s, const char *into, const GString *data, GError **error)
{
  if (data->len == 0)
    return TRUE;
  g_autofree char *sql = g_strdup_printf ("COPY %s FROM STDIN", into);
  PGresult *res = PQexec (s->pg, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COPY_IN;
  if (!ok)
    check (s, res, "copying rows", error);
  PQclear (res);
  if (!ok)
    return FALSE;
  ok = PQputCopyData (s->pg, data->str, (int) data->len) == 1;
  if (PQputCopyEnd (s->pg, ok ? NULL : "bouncescan: sending rows failed") != 1)
    ok = FALSE;
  while ((res = PQgetResult (s->pg)) != NULL)
    {
      if (ok && !check (s, res, "copying rows", error))
        ok = FALSE;
      PQclear (res);
    }
  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: copying rows: %s", s->path,
                 g_strchomp (PQerrorMessage (s->pg)));
  return ok;
}

/* the open transaction's per-day counts, added to failure_days */
static gboolean
flush_days (BsStore *s, GError **error)
{
  if (s->days == NULL || g_hash_table_size (s->days) == 0)
    return TRUE;
  g_autoptr (GString) data = g_string_new (NULL);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, s->days);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      g_auto (GStrv) parts = g_strsplit (k, "\037", 4);
      if (g_strv_length (parts) != 4)
        continue;
      const DayCount *c = v;
      char failures[24], first[24];
      g_snprintf (failures, sizeof failures, "%" G_GINT64_FORMAT, c->failures);
      g_snprintf (first, sizeof first, "%" G_GINT64_FORMAT, c->first_run);
      const char *row[] = { parts[0], parts[1], parts[2], parts[3], s->host, failures,
                            c->first_run > 0 ? first : NULL };
      copy_row (data, row, G_N_ELEMENTS (row));
    }
  g_hash_table_remove_all (s->days);
  return copy_in (s, "bs_days_in", data, error)
         && run_ok (s, "INSERT INTO failure_days (kind, value, sender_domain, day, host, failures,"
                       " first_run) SELECT kind, value, sender_domain, day, host, failures,"
                       " first_run FROM bs_days_in ORDER BY kind, value, sender_domain, day"
                       " ON CONFLICT (kind, value, sender_domain, day, host) DO UPDATE"
                       " SET failures = failure_days.failures + excluded.failures",
                    0, NULL, "counting the failures per day", error);
}

/* the open transaction's source states, into sources */
static gboolean
flush_sources (BsStore *s, GError **error)
{
  GHashTable *sources = s->batch->sources;
  if (g_hash_table_size (sources) == 0)
    return TRUE;
  g_autoptr (GString) data = g_string_new (NULL);
  char run[24];
  g_snprintf (run, sizeof run, "%" G_GINT64_FORMAT, s->run_id);
  const char *now = bs_store_now (s);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, sources);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      const BsSourceState *st = v;
      char size[24], mtime[24], offset[24], next[24];
      g_snprintf (size, sizeof size, "%" G_GINT64_FORMAT, st->size);
      g_snprintf (mtime, sizeof mtime, "%" G_GINT64_FORMAT, st->mtime);
      g_snprintf (offset, sizeof offset, "%" G_GINT64_FORMAT, st->offset);
      g_snprintf (next, sizeof next, "%u", st->next_index);
      const char *row[] = { k, size, mtime, offset, next, st->fingerprint,
                            s->run_id > 0 ? run : NULL, now, st->tail, s->host };
      copy_row (data, row, G_N_ELEMENTS (row));
    }
  g_hash_table_remove_all (sources);
  return copy_in (s, "bs_sources_in", data, error)
         && run_ok (s, "INSERT INTO sources (key, size, mtime, \"offset\", next_index, fingerprint,"
                       " last_run, updated, tail, host) SELECT key, size, mtime, \"offset\","
                       " next_index, fingerprint, last_run, updated, tail, host FROM bs_sources_in"
                       " ORDER BY key ON CONFLICT (host, key) DO UPDATE SET size = excluded.size,"
                       " mtime = excluded.mtime, \"offset\" = excluded.\"offset\","
                       " next_index = excluded.next_index, fingerprint = excluded.fingerprint,"
                       " last_run = excluded.last_run, updated = excluded.updated,"
                       " tail = excluded.tail",
                    0, NULL, "saving the source state", error);
}

/* ---- transactions ---------------------------------------------------------------- */

gboolean
bs_pg_begin (BsStore *s, GError **error)
{
  if (s->pg_tx)
    return TRUE;
  if (!bs_pg_exec (s, "BEGIN", error))
    return FALSE;
  s->pg_tx = TRUE;
  return TRUE;
}

void
bs_pg_rollback (BsStore *s)
{
  if (s->pg_tx)
    PQclear (PQexec (s->pg, "ROLLBACK"));
  s->pg_tx = FALSE;
  batch_clear (s);
  bs_store_forget_transaction (s);
}

gboolean
bs_pg_commit (BsStore *s, GError **error)
{
  if (!s->pg_tx)
    return TRUE;
  BsPgBatch *b = batch (s);
  gboolean ok = copy_in (s, "failures (" BS_FAILURE_COLUMNS ")", b->failures, error)
                && flush_days (s, error) && flush_sources (s, error)
                && bs_pg_exec (s, "COMMIT", error);
  if (!ok)
    {
      bs_pg_rollback (s);
      return FALSE;
    }
  s->pg_tx = FALSE;
  batch_clear (s);
  return TRUE;
}

/* ---- scan runs -------------------------------------------------------------------- */

gint64
bs_pg_run_begin (BsStore *s, const char *paths, GError **error)
{
  g_autofree char *now = bs_store_now_utc ();
  g_autofree char *own = NULL;
  const char *params[] = { now, valid (paths, &own), s->host };
  PGresult *res = run (s, "INSERT INTO scan_runs (started, paths, host) VALUES ($1, $2, $3)"
                          " RETURNING id", 3, params, "starting a scan run", error);
  if (res == NULL)
    return -1;
  gint64 id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  return id;
}

gboolean
bs_pg_run_finish (BsStore *s, gint64 run_id, const BsScanStats *stats, const char *status,
                  GError **error)
{
  g_autofree char *now = bs_store_now_utc ();
  const guint64 counts[] = { stats->messages, stats->bounces, stats->not_bounces,
                             stats->undecodable, stats->duplicates, stats->unchanged,
                             stats->skipped, stats->failures, stats->delayed };
  char text[G_N_ELEMENTS (counts) + 1][24];
  const char *params[G_N_ELEMENTS (counts) + 3];
  g_snprintf (text[0], sizeof text[0], "%" G_GINT64_FORMAT, run_id);
  params[0] = text[0];
  params[1] = now;
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_snprintf (text[i + 1], sizeof text[i + 1], "%" G_GUINT64_FORMAT,
                  MIN (counts[i], (guint64) G_MAXINT64));
      params[i + 2] = text[i + 1];
    }
  params[G_N_ELEMENTS (counts) + 2] = status;
  return run_ok (s, "UPDATE scan_runs SET finished = $2, messages = $3, bounces = $4,"
                    " not_bounces = $5, undecodable = $6, duplicates = $7, unchanged = $8,"
                    " skipped = $9, failures = $10, delayed = $11, status = $12 WHERE id = $1",
                 G_N_ELEMENTS (params), params, "ending the scan run", error);
}

/* ---- source state ----------------------------------------------------------------- */

gboolean
bs_pg_source_put (BsStore *s, const char *key, const BsSourceState *state, GError **error)
{
  gboolean own_tx = !s->pg_tx;
  if (own_tx && !bs_pg_begin (s, error))
    return FALSE;
  BsSourceState *copy = g_new0 (BsSourceState, 1);
  *copy = *state;
  copy->fingerprint = g_strdup (state->fingerprint);
  copy->tail = g_strdup (state->tail);
  g_autofree char *own = NULL;
  const char *k = valid (key, &own);
  g_hash_table_replace (batch (s)->sources, g_strdup (k), copy);
  bs_store_sources_written (s, key, state);
  return !own_tx || bs_pg_commit (s, error);
}

gboolean
bs_pg_source_pending (BsStore *s, const char *key, BsSourceState *state)
{
  if (s->batch == NULL)
    return FALSE;
  g_autofree char *own = NULL;
  const BsSourceState *p = g_hash_table_lookup (s->batch->sources, valid (key, &own));
  if (p == NULL)
    return FALSE;
  bs_source_state_clear (state);
  *state = *p;
  state->fingerprint = g_strdup (p->fingerprint);
  state->tail = g_strdup (p->tail);
  return TRUE;
}

/* ---- messages ------------------------------------------------------------------------ */

gboolean
bs_pg_message_known (BsStore *s, const char *content_hash)
{
  const char *params[] = { content_hash };
  PGresult *res = run (s, "SELECT 1 FROM messages WHERE content_hash = $1 OR identity = $1", 1,
                       params,
                       "looking up a message", NULL);
  gboolean known = res != NULL && PQntuples (res) > 0;
  PQclear (res);
  return known;
}

/* the failures rows of message id, into the batch's COPY data */
static void
add_failures (BsStore *s, gint64 id, gint64 run_id, GPtrArray *records, const BsStoreRows *rows,
              const char *now)
{
  char ints[BS_FAILURE_N_COLUMNS * 24];
  const char *values[BS_FAILURE_N_COLUMNS];
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const BsRecord *r = g_ptr_array_index (records, i);
      const DerivedRow *d = bs_store_row (rows, i);
      bs_store_failure_values (r, d, id, i + 1, now, s->host, values, ints);
      copy_row (s->batch->failures, values, BS_FAILURE_N_COLUMNS);
      if (bs_record_is_failure (r))
        {
          const char *subjects[4] = { r->sending_ip, d->destination, r->blocklist, r->provider_code };
          bs_store_count_days (s, subjects, d->sender_domain, values[25], run_id);
        }
    }
}

gboolean
bs_pg_put_message (BsStore *s, gint64 run_id, const BsMessageMeta *meta, GPtrArray *records,
                   const BsStoreRows *rows, gboolean *known, GError **error)
{
  gboolean own_tx = !s->pg_tx;
  if (!prepare (s, error) || (own_tx && !bs_pg_begin (s, error)))
    return FALSE;
  BsStoreRows *own_rows = rows == NULL ? bs_store_rows_new (records) : NULL;
  if (own_rows != NULL)
    rows = own_rows;
  const char *now = bs_store_now (s);
  char run[24], index[24], offset[24], size[24];
  g_snprintf (run, sizeof run, "%" G_GINT64_FORMAT, run_id);
  g_snprintf (index, sizeof index, "%u", meta->index);
  g_snprintf (offset, sizeof offset, "%" G_GINT64_FORMAT, meta->offset);
  g_snprintf (size, sizeof size, "%" G_GINT64_FORMAT, meta->size);
  g_autofree char *own_source = NULL, *own_key = NULL, *own_error = NULL;
  const char *params[] = { run_id > 0 ? run : NULL, valid (meta->source, &own_source), index,
                           valid (meta->key, &own_key), offset, size, meta->content_hash,
                           bs_store_kind_name (meta->kind), meta->mta,
                           valid (meta->error, &own_error), now, meta->identity, s->host };
  PGresult *res = PQexecPrepared (s->pg, "bs_message", G_N_ELEMENTS (params), params, NULL, NULL,
                                  0);
  gboolean ok = check (s, res, "storing a message", error);
  if (ok && PQntuples (res) == 1)
    add_failures (s, g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10), run_id, records, rows,
                  now);
  else if (ok)
    {
      if (known != NULL)
        *known = TRUE;
      if (meta->identity != NULL)
        {
          PQclear (res);
          const char *up[] = { meta->content_hash, meta->identity };
          res = PQexecPrepared (s->pg, "bs_identity", 2, up, NULL, NULL, 0);
          ok = check (s, res, "storing a message's identity", error);
        }
    }
  PQclear (res);
  bs_store_rows_free (own_rows);
  if (!ok)
    {
      /* the transaction is aborted: the whole batch goes */
      bs_store_rollback (s);
      return FALSE;
    }
  return !own_tx || bs_pg_commit (s, error);
}
