/* migrate.c - moving an SQLite history into PostgreSQL (bouncescan
 * migrate): every row, as it is, its ids renumbered
 *
 * Idempotent and resumable: a scan run already there (same host, start and
 * paths) is not copied again; a message is copied with its failures rows
 * (its originals, failure_groups and failure_recipients) in one
 * transaction, unless one with its content hash (or identity) is
 * there already; the per-day counts, source states and live checks go in
 * last, where none is there yet.  A copy stopped at any moment, run again,
 * ends as one that was not stopped.  The columns are those of the SQLite
 * history (at this program's schema version: both have the same).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <stdlib.h>
#include <string.h>

#include "pg.h"

/* messages copied per transaction */
#define BS_COPY_BATCH 1000

typedef struct {
  BsStore *from, *to;
  GHashTable *runs;         /* old run id (gint64 *) -> new one (gint64 *) */
  GHashTable *originals;    /* the message's: old originals id (text) -> new one (text) */
  GHashTable *groups;       /* the message's: old failure_groups id (text) -> new one (text) */
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
      else if (strcmp (name, "original_id") == 0)
        value = v != NULL ? g_strdup (g_hash_table_lookup (c->originals, v)) : NULL;
      else if (strcmp (name, "group_id") == 0)
        value = v != NULL ? g_strdup (g_hash_table_lookup (c->groups, v)) : NULL;
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

/* the rows of table (ost: those of old message id) as message new_id's;
 * with ids, their new ids by the old ones */
static gboolean
copy_rows (Copy *c, const char *table, sqlite3_stmt *ost, const char *old, const char *new_id,
           GHashTable *ids, GError **error)
{
  if (ids != NULL)
    g_hash_table_remove_all (ids);
  sqlite3_reset (ost);
  sqlite3_bind_text (ost, 1, old, -1, SQLITE_TRANSIENT);
  gboolean ok = TRUE;
  while (ok && sqlite3_step (ost) == SQLITE_ROW)
    {
      Row row;
      row_build (c, ost, "id", NULL, "message_id", new_id, &row);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)%s", table,
                                              row.columns->str, row.params->str,
                                              ids != NULL ? " RETURNING id" : "");
      gint64 id = 0;
      ok = pg_exec (c, sql, row.n, (const char *const *) row.values, "copying rows",
                    ids != NULL ? &id : NULL, error);
      row_clear (&row);
      if (ids != NULL)
        g_hash_table_insert (ids, g_strdup ((const char *) sqlite3_column_text (ost, 0)),
                             g_strdup_printf ("%" G_GINT64_FORMAT, id));
      else
        c->stats->failures++;
    }
  return ok;
}

static gboolean
copy_messages (Copy *c, GError **error)
{
  sqlite3_stmt *st = lite (c, "SELECT * FROM messages ORDER BY id", error);
  /* a record's group (schema 11), then the record; its message id column
   * is skipped (a record has none) */
  sqlite3_stmt *gst = st != NULL ? lite (c, "SELECT * FROM failure_groups WHERE message_id = ?1"
                                            " ORDER BY id", error) : NULL;
  sqlite3_stmt *fst = gst != NULL ? lite (c, "SELECT r.* FROM failure_recipients r"
                                             " JOIN failure_groups g ON g.id = r.group_id"
                                             " WHERE g.message_id = ?1 ORDER BY r.id", error)
                                  : NULL;
  sqlite3_stmt *ost = fst != NULL ? lite (c, "SELECT * FROM originals WHERE message_id = ?1"
                                             " ORDER BY id", error) : NULL;
  gboolean ok = ost != NULL && bs_pg_exec (c->to, "BEGIN", error);
  guint in_batch = 0;
  while (ok && sqlite3_step (st) == SQLITE_ROW)
    {
      Row row;
      row_build (c, st, "id", "run_id", NULL, NULL, &row);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO messages (%s) VALUES (%s)"
                                              " ON CONFLICT DO NOTHING RETURNING id",
                                              row.columns->str, row.params->str);
      gint64 id = 0;
      ok = pg_exec (c, sql, row.n, (const char *const *) row.values, "copying a message", &id,
                    error);
      row_clear (&row);
      if (ok && id > 0)
        {
          char new_id[24];
          g_snprintf (new_id, sizeof new_id, "%" G_GINT64_FORMAT, id);
          const char *old = (const char *) sqlite3_column_text (st, 0);
          ok = copy_rows (c, "originals", ost, old, new_id, c->originals, error)
               && copy_rows (c, "failure_groups", gst, old, new_id, c->groups, error)
               && copy_rows (c, "failure_recipients", fst, old, new_id, NULL, error);
          c->stats->messages++;
        }
      else if (ok)
        c->stats->known++;
      if (ok && ++in_batch >= BS_COPY_BATCH)
        {
          ok = bs_pg_exec (c->to, "COMMIT; BEGIN", error);
          in_batch = 0;
          if (c->progress != NULL)
            c->progress (c->stats, c->user);
        }
    }
  if (ok)
    ok = bs_pg_exec (c->to, "COMMIT", error);
  else if (ost != NULL)
    bs_pg_exec (c->to, "ROLLBACK", NULL);
  sqlite3_finalize (ost);
  sqlite3_finalize (fst);
  sqlite3_finalize (gst);
  sqlite3_finalize (st);
  return ok;
}

/* the greatest $N of sql */
static int
max_param (const char *sql)
{
  int n = 0;
  for (const char *p = strchr (sql, '$'); p != NULL; p = strchr (p + 1, '$'))
    n = MAX (n, atoi (p + 1));
  return n;
}

/* every row of table, but those there already: a conflict with a key, or
 * (exists, may be NULL: a query on the row's values $1, $2...) a row found
 * (run ids mapped) */
static gboolean
copy_rest (Copy *c, const char *table, const char *skip, const char *run_col, const char *exists,
           GError **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT * FROM %s", table);
  sqlite3_stmt *st = lite (c, select, error);
  gboolean ok = st != NULL;
  while (ok && sqlite3_step (st) == SQLITE_ROW)
    {
      Row row;
      row_build (c, st, skip, run_col, NULL, NULL, &row);
      gint64 found = 0;
      if (exists != NULL)
        ok = pg_exec (c, exists, MIN (row.n, max_param (exists)), (const char *const *) row.values,
                      "finding rows", &found, error);
      if (ok && found == 0)
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)"
                                                  " ON CONFLICT DO NOTHING", table,
                                                  row.columns->str, row.params->str);
          ok = pg_exec (c, sql, row.n, (const char *const *) row.values, "copying rows", NULL,
                        error);
        }
      row_clear (&row);
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
  c.originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean ok =
    bs_store_commit (to, error) && copy_runs (&c, error) && copy_messages (&c, error)
    && bs_pg_exec (to, "BEGIN", error)
    && copy_rest (&c, "failure_days", NULL, "first_run", NULL, error)
    && copy_rest (&c, "sources", NULL, "last_run", NULL, error)
    /* a check's row: run_id, checked_at, kind, subject, list, list_name, query, status... */
    && copy_rest (&c, "checks", "id", "run_id",
                  "SELECT count(*) FROM checks WHERE checked_at = $2::text AND kind = $3::text"
                  " AND subject = $4::text AND list IS NOT DISTINCT FROM $5::text"
                  " AND status = $8::text AND $1::text IS NOT DISTINCT FROM $1::text"
                  " AND $6::text IS NOT DISTINCT FROM $6::text"
                  " AND $7::text IS NOT DISTINCT FROM $7::text",
                  error)
    && bs_pg_exec (to, "COMMIT", error);
  if (!ok)
    PQclear (PQexec (to->pg, "ROLLBACK"));
  g_hash_table_unref (c.runs);
  g_hash_table_unref (c.originals);
  g_hash_table_unref (c.groups);
  return ok;
}
