/* test-sql.h - a test's own look into a history with SQL, on a connection
 * of its own (the program's code reaches the database only through
 * history/): what a writer committed, seen as a second reader would; an
 * SQLite file, or a PostgreSQL database (a conninfo: test-fixture.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>

static inline gboolean
test_sql_is_pg (const char *path)
{
  return strstr (path, "dbname=") != NULL;
}

static inline sqlite3 *
test_sql_open (const char *path, gboolean write)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

/* PostgreSQL: sql's result (?1 as $1, bound to key when given), its
 * first value (NULL: none, or NULL) in *value; free with g_free */
static inline gboolean
test_sql_pg (const char *conninfo, const char *sql, const char *key, char **value)
{
  PGconn *c = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (c), ==, CONNECTION_OK);
  GString *text = g_string_new (sql);
  g_string_replace (text, "?1", "$1", 0);
  const char *params[] = { key };
  /* several statements without parameters */
  PGresult *res = key != NULL ? PQexecParams (c, text->str, 1, NULL, params, NULL, NULL, 0)
                              : PQexec (c, text->str);
  ExecStatusType st = PQresultStatus (res);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
    g_error ("%s: %s", text->str, PQerrorMessage (c));
  gboolean row = st == PGRES_TUPLES_OK && PQntuples (res) > 0;
  if (value != NULL)
    *value = row && !PQgetisnull (res, 0, 0) ? g_strdup (PQgetvalue (res, 0, 0)) : NULL;
  PQclear (res);
  PQfinish (c);
  g_string_free (text, TRUE);
  return row;
}

/* the first column of the first row of sql (?1 bound to key when given) */
static inline gint64
test_sql_int (const char *path, const char *sql, const char *key)
{
  if (test_sql_is_pg (path))
    {
      char *v = NULL;
      g_assert_true (test_sql_pg (path, sql, key, &v));
      gint64 n = v != NULL ? g_ascii_strtoll (v, NULL, 10) : 0;
      g_free (v);
      return n;
    }
  sqlite3 *db = test_sql_open (path, FALSE);
  sqlite3_stmt *st = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (key != NULL)
    sqlite3_bind_text (st, 1, key, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  gint64 v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (db);
  return v;
}

static inline char *
test_sql_text (const char *path, const char *sql)
{
  if (test_sql_is_pg (path))
    {
      char *v = NULL;
      g_assert_true (test_sql_pg (path, sql, NULL, &v));
      return v;
    }
  sqlite3 *db = test_sql_open (path, FALSE);
  sqlite3_stmt *st = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  char *s = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  sqlite3_close (db);
  return s;
}

static inline void
test_sql_exec (const char *path, const char *sql)
{
  if (test_sql_is_pg (path))
    {
      test_sql_pg (path, sql, NULL, NULL);
      return;
    }
  sqlite3 *db = test_sql_open (path, TRUE);
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}
