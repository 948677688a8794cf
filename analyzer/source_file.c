/* source_file.c - one message in one file
 *
 * Owns the reading of a message file (a Maildir's, an MH folder's, any
 * folder's, or one given by name): opened once, non-blocking, not through
 * a link unless asked, a regular file only (fstat), read up to
 * BS_MAX_MESSAGE_BYTES; one still being written waits for the next scan
 * (source_live.h).  A re-scan skips an unchanged file before it opens it
 * (source.c, source_folder.c).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "source_walk.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "source_live.h"

gboolean
bs_walk_file (const char *path, const char *key, gboolean follow, const BsWalker *w)
{
  int fd = bs_source_open (path, follow);
  if (fd < 0)
    {
      int e = errno;
      /* a Maildir message that a mail client moved (new/ -> cur/, flags)
       * since the folder was listed: found under its new name next time */
      if (e == ENOENT && g_str_has_prefix (key, "maildir:"))
        return TRUE;
      bs_walk_warn (w, path, e == ELOOP ? BS_ERROR_NOT_MAIL : BS_ERROR_UNREADABLE, "%s",
            e == ELOOP ? "a symbolic link; not followed" : g_strerror (e));
      return TRUE;
    }
  struct stat st;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      bs_walk_warn (w, path, BS_ERROR_NOT_MAIL, "not a regular file; skipped");
      return TRUE;
    }
  if (bs_walk_seen_before (w, &st))
    {
      close (fd);
      bs_walk_warn (w, path, BS_ERROR_NOT_MAIL, "already read through another link; skipped");
      return TRUE;
    }
  if (w->skip_file && w->skip_file (key, st.st_size, st.st_mtime, w->user))
    {
      close (fd);
      return TRUE;
    }
  gsize want = (gsize) MIN ((guint64) st.st_size, (guint64) BS_MAX_MESSAGE_BYTES);
  g_autofree char *buf = g_malloc (want + 1);
  gssize got = bs_walk_read_all (fd, buf, want);
  int e = errno;
  /* a file written in place (an MH folder's, not a Maildir's: a Maildir
   * message appears whole) that is still being written waits for the
   * next scan: no item, no state */
  gboolean waits = got > 0 && w->wait_complete && !g_str_has_prefix (key, "maildir:")
                   && bs_last_message_waits (fd, path, &st, buf, (gsize) got, FALSE,
                                             (gint64) got < st.st_size, w->cancelled);
  close (fd);
  if (got < 0)
    {
      bs_walk_warn (w, path, BS_ERROR_UNREADABLE, "%s", g_strerror (e));
      return TRUE;
    }
  if (waits)
    return TRUE;
  buf[got] = '\0';
  if (got == 0)
    {
      bs_walk_warn (w, path, BS_ERROR_NOT_MAIL, "empty file");
      return TRUE;
    }
  BsItem item = { path, key, 0, 0, buf, (gsize) got, st.st_size, NULL, &buf };
  gboolean go_on = w->item ? w->item (&item, w->user) : TRUE;
  if (w->file_done)
    w->file_done (key, st.st_size, st.st_mtime, st.st_size, 0, NULL, NULL, w->user);
  return go_on;
}
