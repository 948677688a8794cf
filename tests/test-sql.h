/* test-sql.h - a test's own look into a history with SQL, on a connection
 * of its own (the program's code reaches the database only through
 * history/): what a writer committed, seen as a second reader would
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

static inline sqlite3 *
test_sql_open (const char *path, gboolean write)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

/* the first column of the first row of sql (?1 bound to key when given) */
static inline gint64
test_sql_int (const char *path, const char *sql, const char *key)
{
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
  sqlite3 *db = test_sql_open (path, TRUE);
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}
