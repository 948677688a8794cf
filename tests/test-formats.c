/* test-formats.c - every format module has its sample folder, and its
 * samples are read by it
 *
 * samples/formats/<name>/ holds bounces written by the project in the shape
 * the format <name> (the `name` of an entry of the format table, lhost.h)
 * writes, and their expected rows (expected.tsv, checked through `dump` by
 * tests/cli/test_formats.py).  Here: every entry of the table has a folder
 * with at least one message and an expected.tsv, every folder names an
 * entry, and every message of a folder is claimed by that entry (the name
 * bs_parse_mail() reports, which is the module's even where its records
 * carry another `mta`, as mda's do).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <gmime/gmime.h>
#include <string.h>

#include "lhost.h"
#include "mail.h"
#include "record.h"

static char *
formats_dir (void)
{
  const char *samples = g_getenv ("SAMPLES");
  g_assert_nonnull (samples);
  return g_build_filename (samples, "formats", NULL);
}

/* the *.eml files of a folder, sorted; (char *) full paths */
static GPtrArray *
messages_in (const char *dir)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      g_ptr_array_add (out, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (out, (GCompareFunc) g_strcmp0);
  return out;
}

static gboolean
is_format (const char *name)
{
  gsize n = 0;
  const BsLhost *table = bs_lhost_table (&n);
  for (gsize i = 0; i < n; i++)
    if (strcmp (table[i].name, name) == 0)
      return TRUE;
  return FALSE;
}

/* every format has a folder with messages and expected rows; every folder
 * is a format's */
static void
test_coverage (void)
{
  g_autofree char *root = formats_dir ();
  g_autoptr (GString) missing = g_string_new (NULL);
  gsize n = 0;
  const BsLhost *table = bs_lhost_table (&n);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *dir = g_build_filename (root, table[i].name, NULL);
      g_autofree char *tsv = g_build_filename (dir, "expected.tsv", NULL);
      g_autoptr (GPtrArray) eml = messages_in (dir);
      if (eml->len == 0 || !g_file_test (tsv, G_FILE_TEST_IS_REGULAR))
        g_string_append_printf (missing, " %s", table[i].name);
    }
  if (missing->len > 0)
    {
      g_test_message ("formats without a sample folder (messages and expected.tsv) in %s:%s",
                      root, missing->str);
      g_test_fail ();
    }

  g_autoptr (GString) strays = g_string_new (NULL);
  g_autoptr (GDir) d = g_dir_open (root, 0, NULL);
  g_assert_nonnull (d);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !is_format (name))
        g_string_append_printf (strays, " %s", name);
    }
  if (strays->len > 0)
    {
      g_test_message ("sample folders that name no format in the table:%s", strays->str);
      g_test_fail ();
    }
}

/* each message of the folder is claimed by its format */
static void
test_claimed (gconstpointer data)
{
  const char *format = data;
  g_autofree char *root = formats_dir ();
  g_autofree char *dir = g_build_filename (root, format, NULL);
  g_autoptr (GPtrArray) eml = messages_in (dir);
  if (eml->len == 0)
    {
      g_test_skip ("no sample folder (see /formats/coverage)");
      return;
    }
  for (guint i = 0; i < eml->len; i++)
    {
      const char *path = g_ptr_array_index (eml, i);
      g_autofree char *data_ = NULL;
      gsize len = 0;
      g_autoptr (GError) error = NULL;
      g_assert_true (g_file_get_contents (path, &data_, &len, &error));
      g_autoptr (BsMail) mail = bs_mail_parse (data_, len, path, 0, &error);
      g_assert_no_error (error);
      const char *mta = NULL;
      g_autoptr (GPtrArray) records = bs_parse_mail (mail, &mta);
      if (g_strcmp0 (mta, format) != 0 || records->len == 0)
        {
          g_test_message ("%s: read by %s, not by %s", path, mta ? mta : "no format", format);
          g_test_fail ();
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/formats/coverage", test_coverage);
  gsize n = 0;
  const BsLhost *table = bs_lhost_table (&n);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/formats/%s", table[i].name);
      g_test_add_data_func (path, table[i].name, test_claimed);
    }
  return g_test_run ();
}
