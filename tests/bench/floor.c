/* floor.c - the benchmark's floor: parse every message of an mbox or a
 * folder with GMime alone, walk its parts and read its delivery-status
 * parts, and nothing else.  bouncescan's own cost is measured against it.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>

static gsize dsn_bytes = 0;

static void
walk (GMimeObject *parent, GMimeObject *part, gpointer user)
{
  (void) parent;
  (void) user;
  if (!GMIME_IS_PART (part))
    return;
  GMimeContentType *ct = g_mime_object_get_content_type (part);
  if (ct == NULL || !g_mime_content_type_is_type (ct, "message", "delivery-status"))
    return;
  GMimeDataWrapper *content = g_mime_part_get_content (GMIME_PART (part));
  if (content == NULL)
    return;
  GByteArray *bytes = g_byte_array_new ();
  GMimeStream *out = g_mime_stream_mem_new_with_byte_array (bytes);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (out), FALSE);
  g_mime_data_wrapper_write_to_stream (content, out);
  /* read the fields: count the recipients' Status lines */
  for (guint i = 0; i + 7 < bytes->len; i++)
    if (bytes->data[i] == '\n' && memcmp (bytes->data + i + 1, "Status:", 7) == 0)
      dsn_bytes++;
  dsn_bytes += bytes->len;
  g_object_unref (out);
  g_byte_array_unref (bytes);
}

static guint
parse_stream (GMimeStream *stream, gboolean mbox)
{
  GMimeParser *parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
  g_mime_parser_set_persist_stream (parser, FALSE);
  guint n = 0;
  while (!g_mime_parser_eos (parser))
    {
      GMimeMessage *msg = g_mime_parser_construct_message (parser, NULL);
      if (msg == NULL)
        break;
      g_mime_message_foreach (msg, walk, NULL);
      g_object_unref (msg);
      n++;
      if (!mbox)
        break;
    }
  g_object_unref (parser);
  return n;
}

static guint
parse_path (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      guint n = 0;
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)) != NULL)
        {
          if (name[0] == '.' || strcmp (name, "tmp") == 0)
            continue;
          char *full = g_build_filename (path, name, NULL);
          n += parse_path (full);
          g_free (full);
        }
      if (dir)
        g_dir_close (dir);
      return n;
    }
  GMimeStream *stream = g_mime_stream_file_open (path, "r", NULL);
  if (stream == NULL)
    return 0;
  char head[5] = { 0 };
  g_mime_stream_read (stream, head, 5);
  g_mime_stream_reset (stream);
  guint n = parse_stream (stream, memcmp (head, "From ", 5) == 0);
  g_object_unref (stream);
  return n;
}

int
main (int argc, char **argv)
{
  g_mime_init ();
  guint n = 0;
  for (int i = 1; i < argc; i++)
    n += parse_path (argv[i]);
  printf ("%u messages, %" G_GSIZE_FORMAT " delivery-status bytes\n", n, dsn_bytes);
  g_mime_shutdown ();
  return 0;
}
