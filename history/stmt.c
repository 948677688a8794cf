/* stmt.c - the backends' seam (see stmt.h): SQLite's statement as it is,
 * PostgreSQL's as text parameters and results, executed at the first step
 * (a streaming one through a cursor, fetched BS_PG_FETCH rows at a time)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "bs.h"
#include "stmt.h"

/* rows a cursor fetches at a time */
#define BS_PG_FETCH 2000

/* PostgreSQL's type oids of the parameters we bind */
#define OID_INT8 20
#define OID_TEXT 25

struct _BsPgStmt {
  PGconn *conn;
  char *sql;              /* PostgreSQL's */
  GPtrArray *names;       /* parameter names, by index */
  guint n;                /* parameters */
  char **values;
  Oid *types;
  gboolean stream;
  char cursor[32];        /* declared when not "" */
  gboolean started, done;
  PGresult *res;
  int row, rows;
  gint64 changes;
  char *error;
  char sqlstate[6];
};

/* ---- PostgreSQL --------------------------------------------------------- */

static void
pg_set_error (BsPgStmt *p, const PGresult *res)
{
  g_free (p->error);
  const char *msg = res != NULL ? PQresultErrorMessage (res) : "";
  if (msg == NULL || *msg == '\0')
    msg = PQerrorMessage (p->conn);
  p->error = g_strchomp (g_strdup (msg));
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  g_strlcpy (p->sqlstate, state ? state : "", sizeof p->sqlstate);
}

static void
pg_clear (BsPgStmt *p)
{
  g_clear_pointer (&p->res, PQclear);
  if (p->cursor[0] != '\0')
    {
      g_autofree char *close = g_strdup_printf ("CLOSE %s", p->cursor);
      PQclear (PQexec (p->conn, close));
      p->cursor[0] = '\0';
    }
  p->started = p->done = FALSE;
  p->row = p->rows = 0;
}

static void
pg_free (BsPgStmt *p)
{
  if (p == NULL)
    return;
  pg_clear (p);
  for (guint i = 0; i < p->n; i++)
    g_free (p->values[i]);
  g_free (p->values);
  g_free (p->types);
  g_ptr_array_unref (p->names);
  g_free (p->sql);
  g_free (p->error);
  g_free (p);
}

static gboolean
pg_fetch (BsPgStmt *p)
{
  g_clear_pointer (&p->res, PQclear);
  g_autofree char *fetch = g_strdup_printf ("FETCH FORWARD %d FROM %s", BS_PG_FETCH, p->cursor);
  p->res = PQexec (p->conn, fetch);
  if (PQresultStatus (p->res) != PGRES_TUPLES_OK)
    {
      pg_set_error (p, p->res);
      return FALSE;
    }
  p->rows = PQntuples (p->res);
  p->row = -1;
  return TRUE;
}

/* p's SQL with its parameters' values as literals: DECLARE CURSOR takes no
 * typed parameters (its query is planned at execution, the parameters'
 * types unknown) */
static char *
pg_inline (BsPgStmt *p)
{
  GString *out = g_string_new (NULL);
  for (const char *c = p->sql; *c != '\0';)
    {
      if (*c == '\'' || *c == '"')
        {
          gsize n = bs_sql_quoted_length (c);
          g_string_append_len (out, c, n);
          c += n;
          continue;
        }
      if (*c == '$' && g_ascii_isdigit (c[1]))
        {
          char *end = NULL;
          guint64 i = g_ascii_strtoull (c + 1, &end, 10);
          const char *v = i >= 1 && i <= p->n ? p->values[i - 1] : NULL;
          Oid type = i >= 1 && i <= p->n ? p->types[i - 1] : 0;
          if (v == NULL)
            g_string_append (out, "NULL");
          else
            {
              char *lit = PQescapeLiteral (p->conn, v, strlen (v));
              g_string_append (out, lit != NULL ? lit : "NULL");
              PQfreemem (lit);
            }
          g_string_append (out, type == OID_INT8 ? "::bigint" : type == OID_TEXT ? "::text" : "");
          c = end;
          continue;
        }
      g_string_append_c (out, *c++);
    }
  return g_string_free (out, FALSE);
}

static gboolean
pg_start (BsPgStmt *p)
{
  static guint cursors = 0;
  p->started = TRUE;
  if (p->stream)
    {
      char name[32];
      g_snprintf (name, sizeof name, "bs_c%u", ++cursors);
      g_autofree char *query = pg_inline (p);
      g_autofree char *declare = g_strdup_printf ("DECLARE %s NO SCROLL CURSOR FOR %s", name,
                                                  query);
      PGresult *res = PQexec (p->conn, declare);
      gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;
      if (!ok)
        pg_set_error (p, res);
      PQclear (res);
      if (!ok)
        return FALSE;
      g_strlcpy (p->cursor, name, sizeof p->cursor);
      return pg_fetch (p);
    }
  p->res = PQexecParams (p->conn, p->sql, (int) p->n, p->types, (const char *const *) p->values,
                         NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (p->res);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      pg_set_error (p, p->res);
      return FALSE;
    }
  const char *changed = PQcmdTuples (p->res);
  p->changes = changed != NULL && *changed != '\0' ? g_ascii_strtoll (changed, NULL, 10) : 0;
  p->rows = PQntuples (p->res);
  p->row = -1;
  return TRUE;
}

static int
pg_step (BsPgStmt *p)
{
  if (p->done)
    return BS_STMT_DONE;
  if (!p->started && !pg_start (p))
    {
      p->done = TRUE;
      return BS_STMT_ERROR;
    }
  if (++p->row < p->rows)
    return BS_STMT_ROW;
  if (p->cursor[0] != '\0' && p->rows == BS_PG_FETCH)
    {
      if (!pg_fetch (p))
        {
          p->done = TRUE;
          return BS_STMT_ERROR;
        }
      if (++p->row < p->rows)
        return BS_STMT_ROW;
    }
  p->done = TRUE;
  return BS_STMT_DONE;
}

static void
pg_bind (BsPgStmt *p, int i, char *value, Oid type)
{
  if (i <= 0 || (guint) i > p->n)
    {
      g_free (value);
      return;
    }
  g_free (p->values[i - 1]);
  /* PostgreSQL takes no invalid UTF-8 (a file name may be) */
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      char *valid = g_utf8_make_valid (value, -1);
      g_free (value);
      value = valid;
    }
  p->values[i - 1] = value;
  p->types[i - 1] = type;
}

/* ---- both ---------------------------------------------------------------- */

BsStmt *
bs_stmt_prepare (sqlite3 *db, PGconn *conn, const char *sql, GError **error)
{
  BsStmt *st = g_new0 (BsStmt, 1);
  if (db != NULL)
    {
      st->db = db;
      if (sqlite3_prepare_v2 (db, sql, -1, &st->lite, NULL) != SQLITE_OK)
        {
          g_set_error (error, BS_ERROR, BS_ERROR_STORE, "%s", sqlite3_errmsg (db));
          sqlite3_finalize (st->lite);
          g_free (st);
          return NULL;
        }
      return st;
    }
  BsPgStmt *p = st->pg = g_new0 (BsPgStmt, 1);
  p->conn = conn;
  p->names = g_ptr_array_new_with_free_func (g_free);
  p->sql = bs_sql_for_pg (sql, p->names);
  p->n = p->names->len;
  p->values = g_new0 (char *, p->n + 1);
  p->types = g_new0 (Oid, p->n + 1);
  return st;
}

void
bs_stmt_free (BsStmt *st)
{
  if (st == NULL)
    return;
  sqlite3_finalize (st->lite);
  pg_free (st->pg);
  g_free (st);
}

void
bs_stmt_stream (BsStmt *st, gboolean on)
{
  if (st->pg != NULL)
    st->pg->stream = on;
}

int
bs_stmt_param (BsStmt *st, const char *name)
{
  if (st->lite != NULL)
    return sqlite3_bind_parameter_index (st->lite, name);
  for (guint i = 0; i < st->pg->n; i++)
    if (g_strcmp0 (g_ptr_array_index (st->pg->names, i), name) == 0)
      return (int) i + 1;
  return 0;
}

void
bs_stmt_bind_text (BsStmt *st, int i, const char *value)
{
  if (st->lite == NULL)
    pg_bind (st->pg, i, g_strdup (value), value != NULL ? OID_TEXT : 0);
  else if (value == NULL)
    sqlite3_bind_null (st->lite, i);
  else
    sqlite3_bind_text (st->lite, i, value, -1, SQLITE_TRANSIENT);
}

void
bs_stmt_bind_int64 (BsStmt *st, int i, gint64 value)
{
  if (st->lite != NULL)
    sqlite3_bind_int64 (st->lite, i, value);
  else
    pg_bind (st->pg, i, g_strdup_printf ("%" G_GINT64_FORMAT, value), OID_INT8);
}

void
bs_stmt_bind_null (BsStmt *st, int i)
{
  if (st->lite != NULL)
    sqlite3_bind_null (st->lite, i);
  else
    pg_bind (st->pg, i, NULL, 0);
}

void
bs_stmt_bind_limit (BsStmt *st, int i, gint64 limit)
{
  /* SQLite: a negative LIMIT; PostgreSQL: LIMIT NULL */
  if (limit > 0)
    bs_stmt_bind_int64 (st, i, limit);
  else if (st->lite != NULL)
    sqlite3_bind_int64 (st->lite, i, -1);
  else
    pg_bind (st->pg, i, NULL, OID_INT8);
}

void
bs_stmt_bind_named (BsStmt *st, const char *name, const char *value)
{
  int i = bs_stmt_param (st, name);
  if (i > 0)
    bs_stmt_bind_text (st, i, value);
}

void
bs_stmt_bind_named_int64 (BsStmt *st, const char *name, gint64 value)
{
  int i = bs_stmt_param (st, name);
  if (i > 0)
    bs_stmt_bind_int64 (st, i, value);
}

int
bs_stmt_step (BsStmt *st)
{
  if (st->pg != NULL)
    return pg_step (st->pg);
  int rc = sqlite3_step (st->lite);
  return rc == SQLITE_ROW ? BS_STMT_ROW : rc == SQLITE_DONE ? BS_STMT_DONE : BS_STMT_ERROR;
}

void
bs_stmt_reset (BsStmt *st)
{
  if (st->lite != NULL)
    sqlite3_reset (st->lite);
  else
    pg_clear (st->pg);
}

const char *
bs_stmt_errmsg (BsStmt *st)
{
  if (st->lite != NULL)
    return sqlite3_errmsg (st->db);
  return st->pg->error != NULL ? st->pg->error : "unknown error";
}

gboolean
bs_stmt_busy (BsStmt *st)
{
  if (st->lite != NULL)
    {
      int primary = sqlite3_extended_errcode (st->db) & 0xff;
      return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    }
  /* lock_not_available, deadlock_detected, serialization_failure */
  return strcmp (st->pg->sqlstate, "55P03") == 0 || strcmp (st->pg->sqlstate, "40P01") == 0
         || strcmp (st->pg->sqlstate, "40001") == 0;
}

gint64
bs_stmt_changes (BsStmt *st)
{
  return st->lite != NULL ? sqlite3_changes64 (st->db) : st->pg->changes;
}

const char *
bs_stmt_text (BsStmt *st, int col)
{
  if (st->lite != NULL)
    return (const char *) sqlite3_column_text (st->lite, col);
  BsPgStmt *p = st->pg;
  if (p->res == NULL || p->row < 0 || p->row >= p->rows || PQgetisnull (p->res, p->row, col))
    return NULL;
  return PQgetvalue (p->res, p->row, col);
}

gsize
bs_stmt_bytes (BsStmt *st, int col)
{
  if (st->lite != NULL)
    return (gsize) sqlite3_column_bytes (st->lite, col);
  BsPgStmt *p = st->pg;
  if (p->res == NULL || p->row < 0 || p->row >= p->rows)
    return 0;
  return (gsize) PQgetlength (p->res, p->row, col);
}

gint64
bs_stmt_int64 (BsStmt *st, int col)
{
  if (st->lite != NULL)
    return sqlite3_column_int64 (st->lite, col);
  const char *v = bs_stmt_text (st, col);
  if (v == NULL)
    return 0;
  /* a sum() is numeric ("12" or "12.0"); a boolean "t" or "f" */
  if (v[0] == 't' || v[0] == 'f')
    return v[0] == 't';
  return g_ascii_strtoll (v, NULL, 10);
}

gboolean
bs_stmt_null (BsStmt *st, int col)
{
  if (st->lite != NULL)
    return sqlite3_column_type (st->lite, col) == SQLITE_NULL;
  return bs_stmt_text (st, col) == NULL;
}
