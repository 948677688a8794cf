/* test-fixture.h - a temporary folder holding a history database, for the
 * GTest programs that open a store (g_test_add with Fixture)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

typedef struct {
  char *dir;   /* a fresh temporary folder */
  char *db;    /* dir/history.db (not created) */
} Fixture;

static inline void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  f->dir = g_dir_make_tmp ("bouncescan-test-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->db = g_build_filename (f->dir, "history.db", NULL);
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
  g_free (f->db);
  g_free (f->dir);
}
