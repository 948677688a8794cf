/* test-fixture.h - a temporary folder holding a history database, for the
 * GTest programs that open a store (g_test_add with Fixture)
 *
 * With BS_TEST_PG set (tests/cli/with_pg.py: "host=DIR user=NAME", a
 * PostgreSQL server of the test's own), the history is a fresh database of
 * that server instead, dropped at the end (suite 'pg').
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <unistd.h>

typedef struct {
  char *dir;   /* a fresh temporary folder */
  char *db;    /* dir/history.db (not created), or a PostgreSQL database's conninfo */
  char *pg;    /* that database's name, or NULL */
} Fixture;

/* does the test run against PostgreSQL */
static inline gboolean
fixture_pg (void)
{
  return g_getenv ("BS_TEST_PG") != NULL;
}

/* sql on the server's maintenance database */
static inline void
fixture_pg_exec (const char *sql)
{
  g_autofree char *conninfo = g_strdup_printf ("%s dbname=postgres", g_getenv ("BS_TEST_PG"));
  PGconn *c = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (c), ==, CONNECTION_OK);
  PGresult *res = PQexec (c, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (c));
  PQclear (res);
  PQfinish (c);
}

static inline void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  f->dir = g_dir_make_tmp ("bouncescan-test-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->db = g_build_filename (f->dir, "history.db", NULL);
  f->pg = NULL;
  if (fixture_pg ())
    {
      static guint n = 0;
      f->pg = g_strdup_printf ("bs_test_%d_%u", (int) getpid (), ++n);
      g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", f->pg);
      fixture_pg_exec (sql);
      g_free (f->db);
      f->db = g_strdup_printf ("%s dbname=%s", g_getenv ("BS_TEST_PG"), f->pg);
    }
}

static inline void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr (GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  if (f->pg != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", f->pg);
      fixture_pg_exec (sql);
      g_free (f->pg);
    }
  g_free (f->db);
  g_free (f->dir);
}

/* skip the test (TRUE) where it is about SQLite's own files */
static inline gboolean
fixture_sqlite_only (const char *what)
{
  if (!fixture_pg ())
    return FALSE;
  g_autofree char *msg = g_strdup_printf ("SQLite's own: %s", what);
  g_test_skip (msg);
  return TRUE;
}
