/* read.c - the SQLite history's reads: the snapshot and its fork, the
 * iterator, the filter as SQL, the mailbox's counts, the undecodable
 * messages and the sender domains the history knows (see read.h)
 *
 * A snapshot is a savepoint held on the store's connection for the life of
 * the read: in WAL mode, every statement inside it reads the state of its
 * first one, whatever a scan commits meanwhile.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "pg.h"

/* suggestions for a --sender-domain that matches nothing */
#define CLOSEST_DOMAINS 3

/* ---- errors, statements, iterators ------------------------------------- */

gboolean
bs_read_error (BsHistoryRead *r, GError **error, const char *what)
{
  int primary = r->db != NULL ? sqlite3_extended_errcode (r->db) & 0xff : SQLITE_OK;
  g_set_error (error, BS_ERROR,
               primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? BS_ERROR_BUSY : BS_ERROR_STORE,
               "database %s: reading the history (%s): %s", r->path, what,
               r->db != NULL ? sqlite3_errmsg (r->db) : g_strchomp (PQerrorMessage (r->pg)));
  return FALSE;
}

/* an error of st's */
static gboolean
stmt_error (BsHistoryRead *r, BsStmt *st, GError **error, const char *what)
{
  g_set_error (error, BS_ERROR, bs_stmt_busy (st) ? BS_ERROR_BUSY : BS_ERROR_STORE,
               "database %s: reading the history (%s): %s", r->path, what, bs_stmt_errmsg (st));
  return FALSE;
}

BsStmt *
bs_read_prepare (BsHistoryRead *r, const char *sql, const BsHistoryFilter *filter, GError **error)
{
  g_autoptr (GError) local = NULL;
  BsStmt *st = bs_stmt_prepare (r->db, r->pg, sql, &local);
  if (st == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: reading the history (%s): %s",
                   r->path, "preparing a query", local->message);
      return NULL;
    }
  bs_stmt_bind_named (st, ":since", bs_history_filter_since (filter));
  bs_stmt_bind_named (st, ":until", bs_history_filter_until (filter));
  bs_stmt_bind_named (st, ":host", bs_history_filter_host (filter));
  bs_stmt_bind_named (st, ":since_at", bs_history_filter_since_at (filter));
  bs_stmt_bind_named (st, ":until_at", bs_history_filter_until_at (filter));
  const char *const *spellings = bs_history_filter_spellings (filter);
  for (guint i = 0; spellings != NULL && spellings[i] != NULL; i++)
    {
      char name[16];
      g_snprintf (name, sizeof name, ":d%u", i);
      bs_stmt_bind_named (st, name, spellings[i]);
    }
  r->started = TRUE;
  return st;
}

char *
bs_read_where (const BsHistoryFilter *filter, const char *a, gboolean days)
{
  GString *w = g_string_new (NULL);
  if (days && bs_history_filter_is_local (filter))
    /* local days: the UTC days around them (the index), then the instants */
    g_string_append_printf (w, "(:since_at IS NULL OR (%sday >= substr(:since_at, 1, 10) AND"
                               " %sseen_at >= :since_at)) AND (:until_at IS NULL OR (%sday <="
                               " substr(:until_at, 1, 10) AND %sseen_at < :until_at))", a, a, a, a);
  else if (days)
    g_string_append_printf (w, "(:since IS NULL OR %sday >= :since) AND (:until IS NULL OR %sday"
                               " <= :until)", a, a);
  if (bs_history_filter_host (filter) != NULL)
    g_string_append_printf (w, "%s%shost = :host", w->len > 0 ? " AND " : "", a);
  const char *const *spellings = bs_history_filter_spellings (filter);
  if (spellings != NULL)
    {
      /* a sender filter that names nothing keeps nothing, never everything;
       * a subdomain ends with '.' and the domain (substr from a positive
       * start: both backends read it alike) */
      g_string_append (w, w->len > 0 ? " AND (FALSE" : "(FALSE");
      for (guint i = 0; spellings[i] != NULL; i++)
        g_string_append_printf (w, " OR %ssender_domain = :d%u"
                                   " OR substr(%ssender_domain, length(%ssender_domain) - length(:d%u))"
                                   " = '.' || :d%u",
                                a, i, a, a, i, i);
      g_string_append (w, ")");
    }
  if (w->len == 0)
    g_string_append (w, "TRUE");
  return g_string_free (w, FALSE);
}

BsHistoryIter *
bs_read_iter (BsHistoryRead *r, BsStmt *st)
{
  if (st == NULL)
    return NULL;
  bs_stmt_stream (st, TRUE);
  BsHistoryIter *it = g_new0 (BsHistoryIter, 1);
  it->read = r;
  it->st = st;
  return it;
}

static gboolean
read_cancelled (const BsHistoryRead *r)
{
  return r->cancelled != NULL && g_atomic_int_get (r->cancelled) != 0;
}

gboolean
bs_read_step (BsHistoryIter *it, GError **error)
{
  if (it->done)
    return FALSE;
  int rc = read_cancelled (it->read) ? BS_STMT_ERROR : bs_stmt_step (it->st);
  if (rc == BS_STMT_ROW)
    return TRUE;
  it->done = TRUE;
  return rc == BS_STMT_DONE ? FALSE : bs_read_failed (it, error);
}

gboolean
bs_read_failed (BsHistoryIter *it, GError **error)
{
  it->failed = TRUE;
  if (read_cancelled (it->read))
    g_set_error (error, BS_ERROR, BS_ERROR_INTERRUPTED, "interrupted");
  else
    stmt_error (it->read, it->st, error, "reading");
  return FALSE;
}

/* SQLite's progress handler: non-zero stops the statement running */
static int
progress_cancelled (void *data)
{
  return read_cancelled (data);
}

void
bs_history_read_set_cancel (BsHistoryRead *r, const gint *cancelled)
{
  r->cancelled = cancelled;
  if (r->db != NULL)
    sqlite3_progress_handler (r->db, cancelled != NULL ? 10000 : 0,
                              cancelled != NULL ? progress_cancelled : NULL, r);
}

void
bs_history_iter_free (BsHistoryIter *it)
{
  if (it == NULL)
    return;
  bs_stmt_free (it->st);
  if (it->order.seen != NULL)
    g_string_free (it->order.seen, TRUE);
  g_free (it->ids);
  g_free (it);
}

/* ---- the snapshot ------------------------------------------------------- */

static BsHistoryRead *
read_new (sqlite3 *db, const char *path, GError **error)
{
  BsHistoryRead *r = g_new0 (BsHistoryRead, 1);
  r->db = db;
  r->path = g_strdup (path);
  r->time_index = -1;
  /* one read snapshot for everything read, even while a scan commits */
  if (sqlite3_exec (db, "SAVEPOINT bs_read", NULL, NULL, NULL) != SQLITE_OK)
    {
      bs_read_error (r, error, "starting a read");
      g_free (r->path);
      g_free (r);
      return NULL;
    }
  r->in_savepoint = TRUE;
  return r;
}

/* PostgreSQL's snapshot: a repeatable-read transaction of its own (a
 * savepoint inside a writer's open one, which it sees) */
static BsHistoryRead *
pg_read_new (PGconn *conn, const char *path, gboolean in_tx, GError **error)
{
  PGresult *res = PQexec (conn, in_tx ? "SAVEPOINT bs_read"
                                      : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  PQclear (res);
  if (!ok)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: starting a read: %s", path,
                   g_strchomp (PQerrorMessage (conn)));
      return NULL;
    }
  BsHistoryRead *r = g_new0 (BsHistoryRead, 1);
  r->pg = conn;
  r->path = g_strdup (path);
  r->time_index = 0;
  r->in_savepoint = in_tx;
  r->pg_begun = !in_tx;
  return r;
}

BsHistoryRead *
bs_history_read_begin (BsStore *store, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  if (store->pg != NULL && !bs_pg_settle (store, error))
    return NULL;
  BsHistoryRead *r = store->pg != NULL
                       ? pg_read_new (store->pg, store->path, store->pg_tx, error)
                       : read_new (store->db, store->path, error);
  if (r != NULL)
    r->store = store;
  return r;
}

void
bs_history_read_end (BsHistoryRead *r)
{
  if (r == NULL)
    return;
  bs_stmt_free (r->diagnostic);
  if (r->cancelled != NULL && r->db != NULL)
    sqlite3_progress_handler (r->db, 0, NULL, NULL);
  if (r->pg != NULL)
    {
      PQclear (PQexec (r->pg, r->pg_begun ? "COMMIT" : "RELEASE bs_read"));
      if (r->own_db)
        PQfinish (r->pg);
    }
  else if (r->in_savepoint)
    sqlite3_exec (r->db, "RELEASE bs_read", NULL, NULL, NULL);
  if (r->own_db && r->db != NULL)
    sqlite3_close (r->db);
  g_free (r->path);
  g_free (r);
}

/* PostgreSQL's fork: a connection of its own that imports r's snapshot */
static BsHistoryRead *
pg_fork (BsHistoryRead *r)
{
  if (!r->pg_begun)
    return NULL;
  PGresult *res = PQexec (r->pg, "SELECT pg_export_snapshot()");
  g_autofree char *snapshot = PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1
                                ? g_strdup (PQgetvalue (res, 0, 0)) : NULL;
  PQclear (res);
  PGconn *conn = snapshot != NULL ? bs_pg_connect (r->store->pg_conninfo, NULL) : NULL;
  if (conn == NULL)
    return NULL;
  BsHistoryRead *fork = pg_read_new (conn, r->path, FALSE, NULL);
  if (fork == NULL)
    {
      PQfinish (conn);
      return NULL;
    }
  fork->own_db = TRUE;
  char *quoted = PQescapeLiteral (conn, snapshot, strlen (snapshot));
  g_autofree char *set = g_strdup_printf ("SET TRANSACTION SNAPSHOT %s", quoted ? quoted : "''");
  PQfreemem (quoted);
  res = PQexec (conn, set);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  PQclear (res);
  if (!ok)
    {
      bs_history_read_end (fork);
      return NULL;
    }
  fork->store = r->store;
  return fork;
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

/* the fork's connection: the store's way in, read-only */
static sqlite3 *
fork_open (BsHistoryRead *r)
{
  g_autofree char *uri = r->store->uri != NULL ? g_strdup (r->store->uri)
                                                : bs_store_reader_uri (r->path, FALSE);
  sqlite3 *db = NULL;
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BS_STORE_BUSY_MS);
  return db;
}

/* The fork reads the same snapshot: r's read starts (data_version), the
 * fork's read starts, then r ends its read and starts another.  When no
 * other connection committed in between, r's data_version has not moved
 * and the three reads saw one state of the file; else try again, and
 * after a few tries do without. */
BsHistoryRead *
bs_history_read_fork (BsHistoryRead *r)
{
  if (r->store == NULL || r->started)
    return NULL;
  if (r->pg != NULL)
    return pg_fork (r);
  if (!r->in_savepoint)
    return NULL;
  for (int attempt = 0; attempt < 3; attempt++)
    {
      gint64 before = data_version (r->db);
      sqlite3 *db = before >= 0 ? fork_open (r) : NULL;
      if (db == NULL)
        return NULL;
      BsHistoryRead *fork = read_new (db, r->path, NULL);
      if (fork == NULL)
        {
          sqlite3_close (db);
          return NULL;
        }
      fork->own_db = TRUE;
      gboolean same = data_version (db) >= 0
                      && sqlite3_exec (r->db, "RELEASE bs_read; SAVEPOINT bs_read", NULL, NULL,
                                       NULL) == SQLITE_OK
                      && data_version (r->db) == before;
      if (same)
        return fork;
      bs_history_read_end (fork);
      if (sqlite3_get_autocommit (r->db))
        {
          /* r lost its transaction: start it again, and stop here */
          r->in_savepoint = sqlite3_exec (r->db, "SAVEPOINT bs_read", NULL, NULL, NULL) == SQLITE_OK;
          return NULL;
        }
    }
  return NULL;
}

/* ---- the mailbox --------------------------------------------------------- */

gboolean
bs_history_mail (BsHistoryRead *r, BsHistoryMail *m, GError **error)
{
  memset (m, 0, sizeof *m);
  /* per kind: read from the index on kind, not the table */
  g_autoptr (BsHistoryIter) it =
    bs_read_iter (r, bs_read_prepare (r, "SELECT kind, count(*) FROM messages GROUP BY kind", NULL,
                                      error));
  if (it == NULL)
    return FALSE;
  while (bs_read_step (it, error))
    {
      const char *kind = bs_stmt_text (it->st, 0);
      gint64 n = bs_stmt_int64 (it->st, 1);
      m->messages += n;
      if (g_strcmp0 (kind, "bounce") == 0)
        m->bounces += n;
      else if (g_strcmp0 (kind, "not-bounce") == 0)
        m->not_bounces += n;
      else if (g_strcmp0 (kind, "undecodable") == 0)
        m->undecodable += n;
    }
  if (it->failed)
    return FALSE;
  g_autoptr (BsHistoryIter) runs =
    bs_read_iter (r, bs_read_prepare (r, "SELECT count(*), max(finished) FROM scan_runs", NULL,
                                      error));
  if (runs == NULL)
    return FALSE;
  if (bs_read_step (runs, error))
    {
      m->runs = bs_stmt_int64 (runs->st, 0);
      m->last_scan = g_strdup (bs_stmt_text (runs->st, 1));
      return TRUE;
    }
  return !runs->failed;
}

void
bs_history_mail_clear (BsHistoryMail *m)
{
  g_clear_pointer (&m->last_scan, g_free);
}

BsHistoryIter *
bs_history_undecodable (BsHistoryRead *r, guint limit, gint64 *total, GError **error)
{
  if (total != NULL)
    *total = 0;
  BsStmt *st = bs_read_prepare (r, "SELECT count(*) FROM messages WHERE kind = 'undecodable'",
                                      NULL, error);
  if (st == NULL)
    return NULL;
  int rc = bs_stmt_step (st);
  if (rc == BS_STMT_ROW && total != NULL)
    *total = bs_stmt_int64 (st, 0);
  if (rc != BS_STMT_ROW && rc != BS_STMT_DONE)
    {
      stmt_error (r, st, error, "reading");
      bs_stmt_free (st);
      return NULL;
    }
  bs_stmt_free (st);
  st = bs_read_prepare (r, "SELECT source, mbox_index, error, first_seen FROM messages"
                           " WHERE kind = 'undecodable' ORDER BY first_seen DESC, id DESC LIMIT ?1",
                        NULL, error);
  if (st != NULL)
    bs_stmt_bind_limit (st, 1, limit);
  return bs_read_iter (r, st);
}

gboolean
bs_history_next_undecodable (BsHistoryIter *it, const char **source, guint *index, const char **why,
                             const char **first_seen, GError **error)
{
  if (!bs_read_step (it, error))
    return FALSE;
  *source = bs_stmt_text (it->st, 0);
  *index = (guint) CLAMP (bs_stmt_int64 (it->st, 1), 0, G_MAXUINT);
  *why = bs_stmt_text (it->st, 2);
  *first_seen = bs_stmt_text (it->st, 3);
  return TRUE;
}

/* ---- sender domains -------------------------------------------------------- */

GPtrArray *
bs_history_sender_domains (BsHistoryRead *r, GError **error)
{
  g_autoptr (BsHistoryIter) it = bs_read_iter (r, bs_read_prepare (
    r, "SELECT sender_domain FROM failure_groups WHERE sender_domain IS NOT NULL"
       " UNION SELECT sender_domain FROM failure_days WHERE sender_domain <> ''", NULL, error));
  if (it == NULL)
    return NULL;
  g_autoptr (GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  while (bs_read_step (it, error))
    g_ptr_array_add (known, g_strdup (bs_stmt_text (it->st, 0)));
  if (it->failed)
    return NULL;
  return g_steal_pointer (&known);
}

gboolean
bs_history_check_senders (BsHistoryRead *r, const BsHistoryFilter *filter, GError **error)
{
  if (bs_history_filter_senders (filter) == NULL)
    return TRUE;
  g_autoptr (GPtrArray) known = bs_history_sender_domains (r, error);
  if (known == NULL)
    return FALSE;
  const char *unknown = bs_history_filter_unknown (filter, known);
  if (unknown == NULL)
    return TRUE;
  if (known->len == 0)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_NO_MATCH,
                   "--sender-domain %s: the history has no failure with a sender domain", unknown);
      return FALSE;
    }
  g_autoptr (GPtrArray) closest = bs_history_closest_domains (unknown, known, CLOSEST_DOMAINS);
  g_ptr_array_add (closest, NULL);
  g_autofree char *list = g_strjoinv (", ", (char **) closest->pdata);
  g_set_error (error, BS_ERROR, BS_ERROR_NO_MATCH,
               "--sender-domain %s: no sender domain in the history is %s or under it;"
               " the closest it knows: %s", unknown, unknown, list);
  return FALSE;
}
