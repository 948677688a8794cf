/* pg.c - opening and closing the PostgreSQL history (see pg.h): the
 * connection (any libpq connection string or URI; PG* variables and
 * ~/.pgpass are libpq's), the schema made or upgraded in one transaction,
 * the host's scan lock, and errors that never show a password
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "pg.h"

/* how often a scan that waits for another one on its host (--wait) tries */
#define BS_PG_LOCK_POLL_MS 200
/* how long a lock is tried even without --wait: the server session of a
 * scan killed a moment ago ends (and its lock with it) only when the
 * server finds the client gone (BS_PG_CLIENT_CHECK) */
#define BS_PG_LOCK_GRACE_MS 1000

/* the advisory lock every schema change takes (in its transaction): "BSCN" */
#define BS_PG_SCHEMA_LOCK 1112753998

gboolean
bs_pg_is_conninfo (const char *db)
{
  if (db == NULL)
    return FALSE;
  if (g_str_has_prefix (db, "postgresql://") || g_str_has_prefix (db, "postgres://"))
    return TRUE;
  /* "host=/run/postgresql dbname=mail": keywords and values, not a file */
  if (strchr (db, '=') == NULL || g_file_test (db, G_FILE_TEST_EXISTS))
    return FALSE;
  char *err = NULL;
  PQconninfoOption *opts = PQconninfoParse (db, &err);
  PQfreemem (err);
  if (opts == NULL)
    return FALSE;
  PQconninfoFree (opts);
  return TRUE;
}

char *
bs_pg_shown (const char *conninfo)
{
  g_autoptr (GRegex) uri = g_regex_new ("(://[^:/@?]*:)[^@/?]*@", 0, 0, NULL);
  g_autoptr (GRegex) kv = g_regex_new ("(password\\s*=\\s*)('(\\\\.|[^'])*'|\\S+)",
                                       G_REGEX_CASELESS, 0, NULL);
  g_autofree char *a = g_regex_replace (uri, conninfo, -1, 0, "\\1***@", 0, NULL);
  char *b = a != NULL ? g_regex_replace (kv, a, -1, 0, "\\1***", 0, NULL) : NULL;
  return b != NULL ? b : g_strdup ("(PostgreSQL)");
}

PGconn *
bs_pg_connect (const char *conninfo, GError **error)
{
  const char *const keys[] = { "dbname", "fallback_application_name", "client_encoding", NULL };
  const char *const values[] = { conninfo, "bouncescan", "UTF8", NULL };
  PGconn *conn = PQconnectdbParams (keys, values, 1);
  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    return conn;
  g_autofree char *shown = bs_pg_shown (conninfo);
  g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: cannot connect: %s", shown,
               conn != NULL ? g_strchomp (PQerrorMessage (conn)) : "out of memory");
  PQfinish (conn);
  return NULL;
}

/* ---- statements ------------------------------------------------------------ */

gboolean
bs_pg_check (BsStore *s, PGresult *res, const char *what, GError **error)
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

gboolean
bs_pg_exec (BsStore *s, const char *sql, GError **error)
{
  PGresult *res = PQexec (s->pg, sql);
  gboolean ok = bs_pg_check (s, res, "running SQL", error);
  PQclear (res);
  return ok;
}

/* the first column of the first row of sql (one text parameter, may be
 * NULL), as an integer; -1 when none or on error */
static gint64
query_int (BsStore *s, const char *sql, const char *param, GError **error)
{
  PGresult *res = PQexecParams (s->pg, sql, param != NULL ? 1 : 0, NULL, &param, NULL, NULL, 0);
  gint64 v = -1;
  if (bs_pg_check (s, res, "reading the schema", error) && PQntuples (res) > 0
      && !PQgetisnull (res, 0, 0))
    v = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  return v;
}

/* ---- the schema -------------------------------------------------------------- */

/* the schema's version: 0 when the database holds no history yet */
static int
schema_version (BsStore *s, GError **error)
{
  gint64 exists = query_int (s, "SELECT count(*) FROM pg_catalog.pg_class c"
                                " WHERE c.oid = to_regclass('schema_history')", NULL, error);
  if (exists < 0)
    return -1;
  if (exists == 0)
    {
      /* as with SQLite: another application's tables are not written into */
      gint64 others = query_int (s, "SELECT count(*) FROM pg_catalog.pg_class c"
                                    " WHERE c.relnamespace = to_regnamespace(current_schema())"
                                    " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')", NULL, error);
      if (others > 0)
        g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                     "database %s: not a bouncescan history (it holds other tables)", s->path);
      return others == 0 ? 0 : -1;
    }
  gint64 v = query_int (s, "SELECT coalesce(max(version), 0) FROM schema_history", NULL, error);
  return (int) v;
}

int
bs_pg_schema_version (BsStore *s)
{
  return schema_version (s, NULL);
}

/* create or upgrade the schema, in one transaction, one writer at a time */
static gboolean
migrate (BsStore *s, GError **error)
{
  g_autoptr (GError) local = NULL;
  if (!bs_pg_exec (s, "BEGIN", error))
    return FALSE;
  int version = -1;
  if (bs_pg_exec (s, "SELECT pg_advisory_xact_lock(" G_STRINGIFY (BS_PG_SCHEMA_LOCK) ")", &local))
    version = schema_version (s, &local);
  int latest = bs_store_latest_version ();
  if (version > latest && local == NULL)
    g_set_error (&local, BS_ERROR, BS_ERROR_STORE,
                 "database %s: schema version %d was written by a newer bouncescan"
                 " (this one knows up to %d)", s->path, version, latest);
  g_autofree char *now = bs_store_now_utc ();
  for (int v = version + 1; local == NULL && version >= 0 && v <= latest; v++)
    {
      const char *what = NULL;
      g_autofree char *sql = bs_store_migration_pg (v, &what);
      if (sql == NULL)
        continue;
      if (*sql != '\0' && !bs_pg_exec (s, sql, &local))
        {
          g_prefix_error (&local, "upgrading to schema version %d: ", v);
          break;
        }
      char vtext[16];
      g_snprintf (vtext, sizeof vtext, "%d", v);
      const char *params[] = { vtext, now, what };
      PGresult *res = PQexecParams (s->pg, "INSERT INTO schema_history (version, applied, what)"
                                           " VALUES ($1, $2, $3)", 3, NULL, params, NULL, NULL, 0);
      bs_pg_check (s, res, "recording the schema version", &local);
      PQclear (res);
    }
  if (local != NULL || version < 0)
    {
      bs_pg_exec (s, "ROLLBACK", NULL);
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: reading the schema", s->path);
      return FALSE;
    }
  return bs_pg_exec (s, "COMMIT", error);
}

/* ---- the host's scan lock ------------------------------------------------------ */

/* a 64-bit key for the host's lock (FNV-1a of its name) */
static gint64
host_lock_key (const char *host)
{
  guint64 h = 14695981039346656037ull;
  for (const char *p = "bouncescan scan lock:"; *p != '\0'; p++)
    h = (h ^ (guchar) *p) * 1099511628211ull;
  for (const char *p = host; *p != '\0'; p++)
    h = (h ^ (guchar) *p) * 1099511628211ull;
  return (gint64) h;
}

static gboolean
lock_take (BsStore *s, guint wait_seconds, const gint *cancelled, GError **error)
{
  char key[32];
  g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, host_lock_key (s->host));
  gint64 deadline = g_get_monotonic_time ()
                    + MAX ((gint64) wait_seconds * G_USEC_PER_SEC, BS_PG_LOCK_GRACE_MS * 1000);
  for (;;)
    {
      gint64 got = query_int (s, "SELECT CASE WHEN pg_try_advisory_lock($1::bigint) THEN 1"
                                 " ELSE 0 END", key, error);
      if (got < 0)
        return FALSE;
      if (got == 1)
        return TRUE;
      if (g_get_monotonic_time () >= deadline || (cancelled != NULL && g_atomic_int_get (cancelled)))
        break;
      g_usleep (BS_PG_LOCK_POLL_MS * 1000);
    }
  g_set_error (error, BS_ERROR, BS_ERROR_BUSY,
               "database %s is in use by another scan on host %s; try again when it has"
               " finished", s->path, s->host);
  /* as SQLite's (store.c) */
  if (wait_seconds > 0)
    g_prefix_error (error, "after waiting %u s: ", wait_seconds);
  return FALSE;
}

/* ---- open, close ------------------------------------------------------------------ */

static gboolean
connect_store (BsStore *s, const char *conninfo, GError **error)
{
  g_free (s->path);
  s->path = bs_pg_shown (conninfo);
  s->pg_conninfo = g_strdup (conninfo);
  s->pg = bs_pg_connect (conninfo, error);
  return s->pg != NULL;
}

/* the temporary tables a writer's commit sends its rows through (pg-write.c) */
#define C_TEXT " text COLLATE \"C\""
static const char writer_setup[] =
  "SET synchronous_commit TO off;"
  "CREATE TEMP TABLE IF NOT EXISTS bs_days_in (kind" C_TEXT ", value" C_TEXT ", sender_domain"
  C_TEXT ", day" C_TEXT ", host" C_TEXT ", failures bigint, first_run bigint)"
  " ON COMMIT DELETE ROWS;"
  "CREATE TEMP TABLE IF NOT EXISTS bs_sources_in (key" C_TEXT ", size bigint, mtime bigint,"
  " \"offset\" bigint, next_index bigint, fingerprint" C_TEXT ", last_run bigint, updated" C_TEXT
  ", tail" C_TEXT ", host" C_TEXT ") ON COMMIT DELETE ROWS;"
  /* a failure as the writer derives it (BS_FAILURE_COLUMNS: its original's
   * headers inline, which the commit stores once per bounce in originals,
   * and the first seq of its group, whose columns go once in failure_groups) */
  "CREATE TEMP TABLE IF NOT EXISTS bs_failures_in (message_id bigint, seq bigint, recipient"
  C_TEXT ", orig_recipient" C_TEXT ", status" C_TEXT ", status_from" C_TEXT ", reply_code bigint,"
  " reason" C_TEXT ", hard_bounce bigint, is_failure bigint, action" C_TEXT ", destination" C_TEXT
  ", sender_domain" C_TEXT ", sending_ip" C_TEXT ", sending_ip_from" C_TEXT ", remote_mta" C_TEXT
  ", reporting_mta" C_TEXT ", diagnostic" C_TEXT ", diagnostic_type" C_TEXT ", command" C_TEXT
  ", provider_code" C_TEXT ", blocklist" C_TEXT ", mta" C_TEXT ", timestamp" C_TEXT ", seen_at"
  C_TEXT ", day" C_TEXT ", orig_message_id" C_TEXT ", orig_from" C_TEXT ", orig_to" C_TEXT
  ", orig_subject" C_TEXT ", orig_date" C_TEXT ", rule" C_TEXT ", evidence" C_TEXT ", feedback_type"
  C_TEXT ", host" C_TEXT ", grp bigint) ON COMMIT DELETE ROWS;"
  /* the groups of the records of bs_failures_in: their new ids */
  "CREATE TEMP TABLE IF NOT EXISTS bs_groups_in (id bigint, message_id bigint, grp bigint)"
  " ON COMMIT DELETE ROWS;";

/* a scan killed in the middle of a statement: its server session notices
 * within BS_PG_CLIENT_CHECK, ends the statement, and lets go of the lock
 * (PostgreSQL 14 and later; before, when the statement ends) */
#define BS_PG_CLIENT_CHECK "100ms"

gboolean
bs_pg_open_writer (BsStore *s, const char *conninfo, guint wait_seconds, const gint *cancelled,
                   GError **error)
{
  if (!connect_store (s, conninfo, error))
    return FALSE;
  if (PQserverVersion (s->pg) >= 140000
      && !bs_pg_exec (s, "SET client_connection_check_interval TO '" BS_PG_CLIENT_CHECK "'",
                      error))
    return FALSE;
  /* pg_stat_activity tells a fleet's scans apart (unless the connection
   * string names the application) */
  const char *params[] = { s->host };
  PGresult *res = PQexecParams (s->pg, "SELECT set_config('application_name', 'bouncescan (host '"
                                       " || $1 || ')', false) WHERE current_setting("
                                       "'application_name') = 'bouncescan'",
                                1, NULL, params, NULL, NULL, 0);
  gboolean named = bs_pg_check (s, res, "naming the session", error);
  PQclear (res);
  if (!named)
    return FALSE;
  return lock_take (s, wait_seconds, cancelled, error) && migrate (s, error)
         && bs_pg_exec (s, writer_setup, error);
}

gboolean
bs_pg_open_reader (BsStore *s, const char *conninfo, GError **error)
{
  s->readonly = TRUE;
  if (!connect_store (s, conninfo, error))
    return FALSE;
  int version = schema_version (s, error);
  if (version < 0)
    return FALSE;
  if (version == 0)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                   "database %s: not a bouncescan history (run 'bouncescan init' or"
                   " 'bouncescan scan' first)", s->path);
      return FALSE;
    }
  int latest = bs_store_latest_version ();
  if (version != latest)
    {
      g_set_error (error, BS_ERROR, version < latest ? BS_ERROR_OLD_SCHEMA : BS_ERROR_STORE,
                   "database %s: schema version %d, this bouncescan reads %d%s", s->path, version,
                   latest, version < latest ? " (a 'bouncescan init' upgrades it)" : "");
      return FALSE;
    }
  return TRUE;
}

void
bs_pg_close (BsStore *s)
{
  if (s->pg == NULL)
    return;
  if (!s->readonly && s->pg_tx)
    bs_pg_commit (s, NULL);
  bs_pg_batch_free (g_steal_pointer (&s->batch));
  /* the session's advisory lock goes with it */
  PQfinish (g_steal_pointer (&s->pg));
}
