/* migrate.c - moving an SQLite history into PostgreSQL (bouncescan
 * migrate): every row, as it is, its ids renumbered
 *
 * Rows go in batches: BS_COPY_BATCH messages, with their originals and
 * failures rows, are sent with COPY into temporary tables shaped as the
 * history's, then moved into it with one INSERT ... SELECT each (the new
 * ids taken from the tables' sequences), in one transaction.  Idempotent
 * and resumable: a scan run already there (same host, start and paths) is
 * not copied again; a message is copied with its failures rows unless one
 * with its content hash (or identity) is there already; the per-day
 * counts, source states and live checks go in last, where none is there
 * yet.  A copy stopped at any moment, run again, ends as one that was not
 * stopped.  The columns are those of the SQLite history (at this program's
 * schema version: both have the same).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "pg.h"

/* messages copied per transaction */
#define BS_COPY_BATCH 1000

/* COPY data sent to the server in pieces of about this size */
#define BS_COPY_CHUNK (1 << 20)

typedef struct {
  BsStore *from, *to;
  GHashTable *runs;         /* old run id (gint64 *) -> new one (gint64 *) */
  BsCopyStats *stats;
  BsCopyProgress progress;
  gpointer user;
} Copy;

/* ---- helpers ------------------------------------------------------------ */

static gboolean
pg_exec (Copy *c, const char *sql, int n, const char *const *values, const char *what,
         gint64 *id, GError **error)
{
  PGresult *res = PQexecParams (c->to->pg, sql, n, NULL, values, NULL, NULL, 0);
  gboolean ok = bs_pg_check (c->to, res, what, error);
  if (ok && id != NULL)
    *id = PQntuples (res) > 0 ? g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10) : 0;
  PQclear (res);
  return ok;
}

static sqlite3_stmt *
lite (Copy *c, const char *sql, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (c->from->db, sql, -1, &st, NULL) == SQLITE_OK)
    return st;
  g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: %s", c->from->path,
               sqlite3_errmsg (c->from->db));
  sqlite3_finalize (st);
  return NULL;
}

/* the new id of old run id, or NULL */
static char *
mapped_run (Copy *c, const char *old)
{
  if (old == NULL)
    return NULL;
  gint64 key = g_ascii_strtoll (old, NULL, 10);
  gint64 *id = g_hash_table_lookup (c->runs, &key);
  return id != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT, *id) : NULL;
}

/* a row of st as an INSERT's column list, its $N and their values: every
 * column but skip; run_col's value is the run's new id, id_col's is
 * id_value (a message's new id) */
typedef struct {
  GString *columns, *params;
  int n;
  char **values;
} Row;

static void
row_build (Copy *c, sqlite3_stmt *st, const char *skip, const char *run_col, const char *id_col,
           const char *id_value, Row *row)
{
  int ncols = sqlite3_column_count (st);
  row->columns = g_string_new (NULL);
  row->params = g_string_new (NULL);
  row->values = g_new0 (char *, ncols + 1);
  row->n = 0;
  for (int i = 0; i < ncols; i++)
    {
      const char *name = sqlite3_column_name (st, i);
      if (g_strcmp0 (name, skip) == 0)
        continue;
      const char *v = (const char *) sqlite3_column_text (st, i);
      char *value = NULL;
      if (g_strcmp0 (name, run_col) == 0)
        value = mapped_run (c, v);
      else if (g_strcmp0 (name, id_col) == 0)
        value = g_strdup (id_value);
      else if (v != NULL)
        value = g_utf8_validate (v, -1, NULL) ? g_strdup (v) : g_utf8_make_valid (v, -1);
      g_string_append_printf (row->columns, "%s\"%s\"", row->n ? ", " : "", name);
      g_string_append_printf (row->params, "%s$%d", row->n ? ", " : "", row->n + 1);
      row->values[row->n++] = value;
    }
}

static void
row_clear (Row *row)
{
  for (int i = 0; i < row->n; i++)
    g_free (row->values[i]);
  g_free (row->values);
  g_string_free (row->columns, TRUE);
  g_string_free (row->params, TRUE);
}

/* ---- the tables ------------------------------------------------------------- */

static gboolean
copy_runs (Copy *c, GError **error)
{
  sqlite3_stmt *st = lite (c, "SELECT * FROM scan_runs ORDER BY id", error);
  if (st == NULL)
    return FALSE;
  gboolean ok = TRUE;
  while (ok && sqlite3_step (st) == SQLITE_ROW)
    {
      Row row;
      row_build (c, st, "id", NULL, NULL, NULL, &row);
      const char *old = (const char *) sqlite3_column_text (st, 0);
      const char *key[] = {
        (const char *) sqlite3_column_text (st, 1), (const char *) sqlite3_column_text (st, 3),
        NULL,
      };
      for (int i = 0; i < sqlite3_column_count (st); i++)
        if (strcmp (sqlite3_column_name (st, i), "host") == 0)
          key[2] = (const char *) sqlite3_column_text (st, i);
      gint64 id = 0;
      ok = pg_exec (c, "SELECT id FROM scan_runs WHERE started = $1 AND paths IS NOT DISTINCT FROM"
                       " $2 AND host IS NOT DISTINCT FROM $3 ORDER BY id LIMIT 1", 3, key,
                    "finding a scan run", &id, error);
      if (ok && id == 0)
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO scan_runs (%s) VALUES (%s)"
                                                  " RETURNING id", row.columns->str,
                                                  row.params->str);
          ok = pg_exec (c, sql, row.n, (const char *const *) row.values, "copying a scan run", &id,
                        error);
          if (ok)
            c->stats->runs++;
        }
      row_clear (&row);
      gint64 *k = g_new (gint64, 1), *v = g_new (gint64, 1);
      *k = g_ascii_strtoll (old, NULL, 10);
      *v = id;
      g_hash_table_insert (c->runs, k, v);
    }
  sqlite3_finalize (st);
  return ok;
}

/* ---- staging: SQLite's rows into a temporary table, with COPY ------------- */

/* the temporary tables the rows go through, each shaped as its table (the
 * old ids kept; new_id: a message's, original's or group's id in the
 * history; the records, the view failures, as its two tables) */
static const char staging_sql[] =
  "CREATE TEMP TABLE IF NOT EXISTS bs_mig_messages (LIKE messages) ON COMMIT DELETE ROWS;"
  "ALTER TABLE bs_mig_messages ADD COLUMN IF NOT EXISTS new_id bigint;"
  "CREATE TEMP TABLE IF NOT EXISTS bs_mig_originals (LIKE originals) ON COMMIT DELETE ROWS;"
  "ALTER TABLE bs_mig_originals ADD COLUMN IF NOT EXISTS new_id bigint;"
  "CREATE TEMP TABLE IF NOT EXISTS bs_mig_groups (LIKE failure_groups) ON COMMIT DELETE ROWS;"
  "ALTER TABLE bs_mig_groups ADD COLUMN IF NOT EXISTS new_id bigint;"
  "CREATE TEMP TABLE IF NOT EXISTS bs_mig_recipients (LIKE failure_recipients)"
  " ON COMMIT DELETE ROWS;"
  "CREATE TEMP TABLE IF NOT EXISTS bs_mig_failure_days (LIKE failure_days) ON COMMIT DELETE ROWS;"
  "CREATE TEMP TABLE IF NOT EXISTS bs_mig_sources (LIKE sources) ON COMMIT DELETE ROWS;"
  "CREATE TEMP TABLE IF NOT EXISTS bs_mig_checks (LIKE checks) ON COMMIT DELETE ROWS;";

/* st's columns, quoted, but skip (a comma-separated list, may be NULL),
 * each after prefix ("s." or "") */
static char *
columns_of (sqlite3_stmt *st, const char *skip, const char *prefix)
{
  g_auto (GStrv) skipped = g_strsplit (skip != NULL ? skip : "", ",", -1);
  GString *out = g_string_new (NULL);
  for (int i = 0; i < sqlite3_column_count (st); i++)
    {
      const char *name = sqlite3_column_name (st, i);
      if (g_strv_contains ((const char *const *) skipped, name))
        continue;
      g_string_append_printf (out, "%s%s\"%s\"", out->len ? ", " : "", prefix, name);
    }
  return g_string_free (out, FALSE);
}

static gboolean
copy_send (Copy *c, GString *data, GError **error)
{
  gboolean ok = data->len == 0 || PQputCopyData (c->to->pg, data->str, (int) data->len) == 1;
  g_string_truncate (data, 0);
  if (!ok)
    g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: copying rows: %s", c->to->path,
                 g_strchomp (PQerrorMessage (c->to->pg)));
  return ok;
}

/* the rows of st (stepped; at most limit, 0: all) into the temporary table
 * into, run_col's values mapped to the runs' new ids; the number of rows
 * in *n and the last row's first column (an id) in *last (may be NULL) */
static gboolean
stage (Copy *c, sqlite3_stmt *st, const char *into, const char *run_col, guint limit, guint *n,
       gint64 *last, GError **error)
{
  *n = 0;
  int rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE || (g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: %s",
                                              c->from->path, sqlite3_errmsg (c->from->db)),
                                 FALSE);
  g_autofree char *cols = columns_of (st, NULL, "");
  g_autofree char *sql = g_strdup_printf ("COPY %s (%s) FROM STDIN", into, cols);
  PGresult *res = PQexec (c->to->pg, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COPY_IN;
  if (!ok)
    bs_pg_check (c->to, res, "copying rows", error);
  PQclear (res);
  if (!ok)
    return FALSE;
  g_autoptr (GString) data = g_string_new (NULL);
  Row row;
  for (; ok && rc == SQLITE_ROW; rc = limit > 0 && *n >= limit ? SQLITE_DONE : sqlite3_step (st))
    {
      row_build (c, st, NULL, run_col, NULL, NULL, &row);
      bs_pg_copy_row (data, (const char *const *) row.values, row.n);
      row_clear (&row);
      if (last != NULL)
        *last = sqlite3_column_int64 (st, 0);
      ++*n;
      if (data->len >= BS_COPY_CHUNK)
        ok = copy_send (c, data, error);
    }
  if (ok && rc != SQLITE_DONE)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: %s", c->from->path,
                   sqlite3_errmsg (c->from->db));
      ok = FALSE;
    }
  ok = ok && copy_send (c, data, error);
  if (PQputCopyEnd (c->to->pg, ok ? NULL : "bouncescan: reading the rows failed") != 1)
    ok = FALSE;
  while ((res = PQgetResult (c->to->pg)) != NULL)
    {
      if (ok && !bs_pg_check (c->to, res, "copying rows", error))
        ok = FALSE;
      PQclear (res);
    }
  return ok;
}

/* sql, and the number of rows it changed in *n (may be NULL) */
static gboolean
pg_count (Copy *c, const char *sql, const char *what, guint64 *n, GError **error)
{
  PGresult *res = PQexec (c->to->pg, sql);
  gboolean ok = bs_pg_check (c->to, res, what, error);
  if (ok && n != NULL)
    *n = g_ascii_strtoull (PQcmdTuples (res), NULL, 10);
  PQclear (res);
  return ok;
}

/* ---- the messages, their originals and failures, in batches ---------------- */

/* the staged messages not known yet into messages (new ids), the others
 * dropped from the stage; then their originals, the groups of their records
 * and the records */
static gboolean
move_batch (Copy *c, sqlite3_stmt *st, sqlite3_stmt *ost, sqlite3_stmt *gst, sqlite3_stmt *fst,
            guint staged, GError **error)
{
  g_autofree char *mcols = columns_of (st, "id", "");
  g_autofree char *ocols = columns_of (ost, "id,message_id", "");
  g_autofree char *ocols_o = columns_of (ost, "id,message_id", "o.");
  g_autofree char *gcols = columns_of (gst, "id,message_id,original_id", "");
  g_autofree char *gcols_g = columns_of (gst, "id,message_id,original_id", "g.");
  g_autofree char *fcols = columns_of (fst, "id,group_id", "");
  g_autofree char *fcols_f = columns_of (fst, "id,group_id", "f.");
  g_autofree char *messages = g_strdup_printf (
    "UPDATE bs_mig_messages SET new_id = nextval(pg_get_serial_sequence('messages', 'id'));"
    "WITH ins AS (INSERT INTO messages (id, %s) SELECT new_id, %s FROM bs_mig_messages"
    " ORDER BY id ON CONFLICT DO NOTHING RETURNING id)"
    " DELETE FROM bs_mig_messages WHERE new_id NOT IN (SELECT id FROM ins)", mcols, mcols);
  g_autofree char *originals = g_strdup_printf (
    "UPDATE bs_mig_originals o SET new_id = nextval(pg_get_serial_sequence('originals', 'id'))"
    " FROM bs_mig_messages m WHERE m.id = o.message_id;"
    "INSERT INTO originals (id, message_id, %s) SELECT o.new_id, m.new_id, %s"
    " FROM bs_mig_originals o JOIN bs_mig_messages m ON m.id = o.message_id ORDER BY o.id",
    ocols, ocols_o);
  g_autofree char *failures = g_strdup_printf (
    "UPDATE bs_mig_groups g SET new_id = nextval(pg_get_serial_sequence('failure_groups', 'id'))"
    " FROM bs_mig_messages m WHERE m.id = g.message_id;"
    "INSERT INTO failure_groups (id, message_id, original_id, %s)"
    " SELECT g.new_id, m.new_id, o.new_id, %s"
    " FROM bs_mig_groups g JOIN bs_mig_messages m ON m.id = g.message_id"
    " LEFT JOIN bs_mig_originals o ON o.id = g.original_id ORDER BY g.new_id;"
    "INSERT INTO failure_recipients (group_id, %s) SELECT g.new_id, %s"
    " FROM bs_mig_recipients f JOIN bs_mig_groups g ON g.id = f.group_id"
    " WHERE g.new_id IS NOT NULL ORDER BY f.id",
    gcols, gcols_g, fcols, fcols_f);
  guint64 known = 0, rows = 0;
  if (!pg_count (c, messages, "copying messages", &known, error)
      || !pg_count (c, originals, "copying the originals", NULL, error)
      || !pg_count (c, failures, "copying failures", &rows, error))
    return FALSE;
  c->stats->known += known;
  c->stats->messages += staged - known;
  c->stats->failures += rows;
  return TRUE;
}

/* a batch's originals, groups and records (messages lo to hi) staged */
static gboolean
stage_children (Copy *c, sqlite3_stmt *const q[3], gint64 lo, gint64 hi, GError **error)
{
  static const char *const into[3] = { "bs_mig_originals", "bs_mig_groups", "bs_mig_recipients" };
  guint n;
  for (int k = 0; k < 3; k++)
    {
      sqlite3_reset (q[k]);
      sqlite3_bind_int64 (q[k], 1, lo);
      sqlite3_bind_int64 (q[k], 2, hi);
      if (!stage (c, q[k], into[k], NULL, 0, &n, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
copy_messages (Copy *c, GError **error)
{
  sqlite3_stmt *st = lite (c, "SELECT * FROM messages ORDER BY id", error);
  /* the records' two tables (schema 11), not the view */
  sqlite3_stmt *gst = st != NULL ? lite (c, "SELECT * FROM failure_groups WHERE message_id"
                                            " BETWEEN ?1 AND ?2", error) : NULL;
  sqlite3_stmt *fst = gst != NULL ? lite (c, "SELECT f.* FROM failure_recipients f"
                                             " JOIN failure_groups g ON g.id = f.group_id"
                                             " WHERE g.message_id BETWEEN ?1 AND ?2", error)
                                  : NULL;
  sqlite3_stmt *ost = fst != NULL ? lite (c, "SELECT * FROM originals WHERE message_id"
                                             " BETWEEN ?1 AND ?2", error) : NULL;
  sqlite3_stmt *const children[3] = { ost, gst, fst };
  gboolean ok = ost != NULL, more = TRUE;
  /* a batch holds the messages after the last one of the batch before */
  gint64 lo = G_MININT64, hi = G_MININT64;
  while (ok && more)
    {
      guint staged = 0;
      ok = bs_pg_exec (c->to, "BEGIN", error)
           && stage (c, st, "bs_mig_messages", "run_id", BS_COPY_BATCH, &staged, &hi, error);
      more = staged == BS_COPY_BATCH;
      ok = ok && (staged == 0 || (stage_children (c, children, lo, hi, error)
                                  && move_batch (c, st, ost, gst, fst, staged, error)));
      if (ok)
        ok = bs_pg_exec (c->to, "COMMIT", error);
      else
        bs_pg_exec (c->to, "ROLLBACK", NULL);
      if (ok && staged > 0 && c->progress != NULL)
        c->progress (c->stats, c->user);
      lo = hi + 1;
    }
  sqlite3_finalize (ost);
  sqlite3_finalize (fst);
  sqlite3_finalize (gst);
  sqlite3_finalize (st);
  return ok;
}

/* every row of table but those there already: a conflict with a key, or
 * (unless, may be NULL: a condition on the staged row s) a row found */
static gboolean
copy_rest (Copy *c, const char *table, const char *skip, const char *run_col, const char *unless,
           GError **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT * FROM %s", table);
  g_autofree char *into = g_strdup_printf ("bs_mig_%s", table);
  sqlite3_stmt *st = lite (c, select, error);
  guint n = 0;
  gboolean ok = st != NULL && stage (c, st, into, run_col, 0, &n, NULL, error);
  if (ok && n > 0)
    {
      g_autofree char *cols = columns_of (st, skip, "");
      g_autofree char *scols = columns_of (st, skip, "s.");
      g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s) SELECT %s FROM %s s%s%s"
                                              " ON CONFLICT DO NOTHING", table, cols, scols, into,
                                              unless != NULL ? " WHERE NOT " : "",
                                              unless != NULL ? unless : "");
      ok = pg_count (c, sql, "copying rows", NULL, error);
    }
  sqlite3_finalize (st);
  return ok;
}

gboolean
bs_store_copy_history (BsStore *from, BsStore *to, BsCopyProgress progress, gpointer user,
                       BsCopyStats *stats, GError **error)
{
  g_return_val_if_fail (from->db != NULL && to->pg != NULL && !to->readonly, FALSE);
  memset (stats, 0, sizeof *stats);
  Copy c = { .from = from, .to = to, .stats = stats, .progress = progress, .user = user };
  c.runs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gboolean ok =
    bs_store_commit (to, error) && bs_pg_exec (to, staging_sql, error) && copy_runs (&c, error)
    && copy_messages (&c, error) && bs_pg_exec (to, "BEGIN", error)
    && copy_rest (&c, "failure_days", NULL, "first_run", NULL, error)
    && copy_rest (&c, "sources", NULL, "last_run", NULL, error)
    /* a live check: once per time, kind, subject, list and status */
    && copy_rest (&c, "checks", "id", "run_id",
                  "EXISTS (SELECT 1 FROM checks k WHERE k.checked_at = s.checked_at"
                  " AND k.kind = s.kind AND k.subject = s.subject"
                  " AND k.list IS NOT DISTINCT FROM s.list AND k.status = s.status)",
                  error)
    && bs_pg_exec (to, "COMMIT", error);
  if (!ok)
    PQclear (PQexec (to->pg, "ROLLBACK"));
  g_hash_table_unref (c.runs);
  return ok;
}
