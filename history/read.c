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

#include "sqlite-backend.h"

/* suggestions for a --sender-domain that matches nothing */
#define CLOSEST_DOMAINS 3

/* ---- errors, statements, iterators ------------------------------------- */

gboolean
bs_read_error (BsHistoryRead *r, GError **error, const char *what)
{
  int primary = sqlite3_extended_errcode (r->db) & 0xff;
  g_set_error (error, BS_ERROR,
               primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? BS_ERROR_BUSY : BS_ERROR_STORE,
               "database %s: reading the history (%s): %s", r->path, what, sqlite3_errmsg (r->db));
  return FALSE;
}

static void
bind_named (sqlite3_stmt *st, const char *name, const char *value)
{
  int i = sqlite3_bind_parameter_index (st, name);
  if (i == 0)
    return;
  if (value == NULL)
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_text (st, i, value, -1, SQLITE_TRANSIENT);
}

sqlite3_stmt *
bs_read_prepare (BsHistoryRead *r, const char *sql, const BsHistoryFilter *filter, GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (r->db, sql, -1, &st, NULL) != SQLITE_OK)
    {
      bs_read_error (r, error, "preparing a query");
      sqlite3_finalize (st);
      return NULL;
    }
  bind_named (st, ":since", bs_history_filter_since (filter));
  bind_named (st, ":until", bs_history_filter_until (filter));
  bind_named (st, ":since_at", bs_history_filter_since_at (filter));
  bind_named (st, ":until_at", bs_history_filter_until_at (filter));
  const char *const *spellings = bs_history_filter_spellings (filter);
  for (guint i = 0; spellings != NULL && spellings[i] != NULL; i++)
    {
      char name[16];
      g_snprintf (name, sizeof name, ":d%u", i);
      bind_named (st, name, spellings[i]);
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
  const char *const *spellings = bs_history_filter_spellings (filter);
  if (spellings != NULL)
    {
      /* a sender filter that names nothing keeps nothing, never everything */
      g_string_append (w, w->len > 0 ? " AND (0" : "(0");
      for (guint i = 0; spellings[i] != NULL; i++)
        g_string_append_printf (w, " OR %ssender_domain = :d%u"
                                   " OR substr(%ssender_domain, -length(:d%u) - 1) = '.' || :d%u",
                                a, i, a, i, i);
      g_string_append (w, ")");
    }
  if (w->len == 0)
    g_string_append (w, "1");
  return g_string_free (w, FALSE);
}

const char *
bs_read_text (sqlite3_stmt *st, int col)
{
  return (const char *) sqlite3_column_text (st, col);
}

BsHistoryIter *
bs_read_iter (BsHistoryRead *r, sqlite3_stmt *st)
{
  if (st == NULL)
    return NULL;
  BsHistoryIter *it = g_new0 (BsHistoryIter, 1);
  it->read = r;
  it->st = st;
  return it;
}

gboolean
bs_read_step (BsHistoryIter *it, GError **error)
{
  if (it->done)
    return FALSE;
  int rc = sqlite3_step (it->st);
  if (rc == SQLITE_ROW)
    return TRUE;
  it->done = TRUE;
  if (rc != SQLITE_DONE)
    {
      it->failed = TRUE;
      bs_read_error (it->read, error, "reading");
    }
  return FALSE;
}

void
bs_history_iter_free (BsHistoryIter *it)
{
  if (it == NULL)
    return;
  sqlite3_finalize (it->st);
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

BsHistoryRead *
bs_history_read_begin (BsStore *store, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  BsHistoryRead *r = read_new (store->db, store->path, error);
  if (r != NULL)
    r->store = store;
  return r;
}

void
bs_history_read_end (BsHistoryRead *r)
{
  if (r == NULL)
    return;
  sqlite3_finalize (r->diagnostic);
  if (r->in_savepoint)
    sqlite3_exec (r->db, "RELEASE bs_read", NULL, NULL, NULL);
  if (r->own_db)
    sqlite3_close (r->db);
  g_free (r->path);
  g_free (r);
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
  if (r->store == NULL || !r->in_savepoint || r->started)
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
      const char *kind = bs_read_text (it->st, 0);
      gint64 n = sqlite3_column_int64 (it->st, 1);
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
      m->runs = sqlite3_column_int64 (runs->st, 0);
      m->last_scan = g_strdup (bs_read_text (runs->st, 1));
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
  sqlite3_stmt *st = bs_read_prepare (r, "SELECT count(*) FROM messages WHERE kind = 'undecodable'",
                                      NULL, error);
  if (st == NULL)
    return NULL;
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW && total != NULL)
    *total = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bs_read_error (r, error, "reading");
      return NULL;
    }
  st = bs_read_prepare (r, "SELECT source, mbox_index, error, first_seen FROM messages"
                           " WHERE kind = 'undecodable' ORDER BY first_seen DESC, id DESC LIMIT ?1",
                        NULL, error);
  if (st != NULL)
    sqlite3_bind_int64 (st, 1, limit > 0 ? (gint64) limit : -1);
  return bs_read_iter (r, st);
}

gboolean
bs_history_next_undecodable (BsHistoryIter *it, const char **source, guint *index, const char **why,
                             const char **first_seen, GError **error)
{
  if (!bs_read_step (it, error))
    return FALSE;
  *source = bs_read_text (it->st, 0);
  *index = (guint) CLAMP (sqlite3_column_int64 (it->st, 1), 0, G_MAXUINT);
  *why = bs_read_text (it->st, 2);
  *first_seen = bs_read_text (it->st, 3);
  return TRUE;
}

/* ---- sender domains -------------------------------------------------------- */

GPtrArray *
bs_history_sender_domains (BsHistoryRead *r, GError **error)
{
  g_autoptr (BsHistoryIter) it = bs_read_iter (r, bs_read_prepare (
    r, "SELECT sender_domain FROM failures WHERE sender_domain IS NOT NULL"
       " UNION SELECT sender_domain FROM failure_days WHERE sender_domain <> ''", NULL, error));
  if (it == NULL)
    return NULL;
  g_autoptr (GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  while (bs_read_step (it, error))
    g_ptr_array_add (known, g_strdup (bs_read_text (it->st, 0)));
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
