/* fuzz-mbox.c - libFuzzer harness: bytes of an mbox file -> messages
 *
 * Writes the input to a temporary file and walks it as source.c walks any
 * mbox: From_ separation, mboxrd unquoting, size bounds.  Every message
 * handed out must lie inside the input's size.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <glib/gstdio.h>
#include <stdint.h>
#include <unistd.h>

#include "source.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
item (const BsItem *it, gpointer user)
{
  gsize *total = user;
  g_assert_true (it->len <= (gsize) it->size);
  *total += it->len;
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
  gsize total = 0;
  BsWalker w = { .item = item, .user = &total };
  bs_source_walk (path, &w, NULL);
  g_assert_true (total <= buf->len);
  g_string_free (buf, TRUE);
  return 0;
}
