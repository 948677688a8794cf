/* fuzz-mbox.c - libFuzzer harness: bytes of an mbox file -> messages
 *
 * Writes the input to a temporary file and walks it as source.c walks any
 * mbox: From_ separation, mboxrd unquoting, size bounds.  Built with its
 * own copy of source.c whose message limit is 4 KB and read block 1 KB
 * (tests/meson.build), so that small inputs reach the paths of messages
 * and lines longer than the limit.  Every message handed out must be
 * within the limit, and the messages must tile the file: offsets rising,
 * each one inside it, their sizes adding up to no more than it.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <glib/gstdio.h>
#include <stdint.h>
#include <unistd.h>

#include "bs.h"
#include "source.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct {
  gint64 file_size;
  gint64 next_offset;  /* no message may start before this */
  gint64 sizes;        /* sum of the messages' sizes */
} Seen;

static gboolean
item (const BsItem *it, gpointer user)
{
  Seen *s = user;
  g_assert_true (it->len <= (gsize) it->size);
  g_assert_true (it->len <= BS_MAX_MESSAGE_BYTES);
  g_assert_true (it->offset >= s->next_offset);
  g_assert_true (it->size > 0 && it->offset + it->size <= s->file_size);
  s->next_offset = it->offset + it->size;
  s->sizes += it->size;
  volatile char sum = 0;
  for (gsize i = 0; i < it->len; i++)
    sum ^= it->data[i];
  (void) sum;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static char *path = NULL;
  if (path == NULL)
    path = g_strdup_printf ("%s/fuzz-mbox-%d", g_get_tmp_dir (), (int) getpid ());
  /* always an mbox: the fuzzer varies what follows the first From_ line */
  GString *buf = g_string_new ("From fuzz@example.com Wed Nov 25 10:00:00 2026\n");
  g_string_append_len (buf, (const char *) data, (gssize) size);
  g_file_set_contents (path, buf->str, (gssize) buf->len, NULL);
  Seen seen = { (gint64) buf->len, 0, 0 };
  BsWalker w = { .item = item, .user = &seen };
  bs_source_walk (path, &w, NULL);
  g_unlink (path);   /* nothing left in the temporary folder after a run */
  g_assert_true (seen.sizes <= (gint64) buf->len);
  g_string_free (buf, TRUE);
  return 0;
}
