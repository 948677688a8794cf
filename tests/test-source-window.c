/* test-source-window.c - folders listed a window of names at a time
 *
 * Built with its own analyzer/source.c and a window of 4 names (meson.build),
 * so that a few dozen files take many passes of readdir() and cut the window
 * in the middle of a pass, as a Maildir of hundreds of thousands does.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "source.h"

/* a skip_file that notes the key and skips the file */
static gboolean
note_key (const char *key, gint64 size, gint64 mtime, gpointer user)
{
  g_ptr_array_add (user, g_strdup (key));
  return TRUE;
}

/* an item callback that notes the message's path */
static gboolean
note_path (const BsItem *it, gpointer user)
{
  g_ptr_array_add (user, g_strdup (it->path));
  return TRUE;
}

/* a new file, empty or a small message */
static void
touch (const char *dir, const char *name, gboolean message)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (fd, >=, 0);
  static const char text[] = "From: a@example.com\nSubject: x\n\nbody\n";
  if (message)
    g_assert_cmpint (write (fd, text, sizeof text - 1), ==, (gssize) sizeof text - 1);
  close (fd);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = g_build_filename (path, name, NULL);
      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        remove_tree (full);
      else
        g_unlink (full);
    }
  g_rmdir (path);
}

/* a Maildir folder many windows long is walked whole, each file once, in
 * name order, whatever order the files were made in */
static void
test_maildir_window (void)
{
  const guint n = 101;
  g_autofree char *dir = g_dir_make_tmp ("bs-window-XXXXXX", NULL);
  static const char *const subs[] = { "cur", "new", "tmp" };
  for (gsize i = 0; i < G_N_ELEMENTS (subs); i++)
    {
      g_autofree char *sub = g_build_filename (dir, subs[i], NULL);
      g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
    }
  g_autofree char *cur = g_build_filename (dir, "cur", NULL);
  for (guint i = 0; i < n; i++)
    {
      guint k = (i * 37u) % n;   /* made out of order */
      g_autofree char *name = g_strdup_printf ("17%08u.M%uP1.host:2,S", k, k % 13);
      touch (cur, name, FALSE);
    }
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  BsWalker w = { .skip_file = note_key, .user = keys };
  g_assert_true (bs_source_walk (dir, &w, NULL));
  g_assert_cmpuint (keys->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *want = g_strdup_printf ("maildir:%s/17%08u.M%uP1.host", dir, i, i % 13);
      g_assert_cmpstr (g_ptr_array_index (keys, i), ==, want);
    }
  remove_tree (dir);
}

/* a folder's order: names that are all digits first, by number (any
 * length, leading zeros aside), then the others byte by byte */
static void
test_folder_order (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bs-window-XXXXXX", NULL);
  static const char *const made[] = {
    "b.eml", "10", "a.eml", "9", "010", "1a", "2", "123456789012345678901234567890", "1",
    "0", "Z.eml", "00", "99999999999999999999",
  };
  static const char *const sorted[] = {
    "0", "00", "1", "2", "9", "010", "10", "99999999999999999999",
    "123456789012345678901234567890", "1a", "Z.eml", "a.eml", "b.eml",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (made); i++)
    touch (dir, made[i], TRUE);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  BsWalker w = { .item = note_path, .user = keys };
  g_assert_true (bs_source_walk (dir, &w, NULL));
  g_assert_cmpuint (keys->len, ==, G_N_ELEMENTS (sorted));
  for (gsize i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      g_autofree char *want = g_build_filename (dir, sorted[i], NULL);
      g_assert_cmpstr (g_ptr_array_index (keys, i), ==, want);
    }
  remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/source/maildir-window", test_maildir_window);
  g_test_add_func ("/source/folder-order", test_folder_order);
  return g_test_run ();
}
