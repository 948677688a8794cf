/* output.c - atomic 0600 report files (see output.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bs.h"

/* bytes gathered before one write(2) */
#define OUT_BUFFER (256u * 1024u)

/* bytes written between two requests to start writing them to the disk:
 * a big file (failures.csv) goes to the disk while it is made, so that the
 * fsync at the end waits for its tail only */
#define OUT_WRITEBACK (16u * 1024u * 1024u)

struct _BsOutFile {
  char *path;
  char *tmp;
  int fd;
  int err;           /* first errno of a failed write, 0 if none */
  gboolean synced;   /* flushed and fsync()ed, nothing written since */
  gint64 written;    /* bytes written to fd */
  gint64 kicked;     /* bytes of them whose writeback was started */
  GString *buf;
};

BsOutFile *
bs_out_open (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, BS_ERROR, BS_ERROR_WRITE, "cannot create a file in %s: %s",
                   dir, g_strerror (e));
      return NULL;
    }
  BsOutFile *out = g_new0 (BsOutFile, 1);
  out->path = g_strdup (path);
  out->tmp = g_steal_pointer (&tmpl);
  out->fd = fd;
  out->buf = g_string_sized_new (OUT_BUFFER);
  return out;
}

const char *
bs_out_temp_path (const BsOutFile *out)
{
  return out->tmp;
}

static void
flush_buffer (BsOutFile *out)
{
  const char *p = out->buf->str;
  gsize left = out->buf->len;
  while (left > 0 && out->err == 0)
    {
      ssize_t n = write (out->fd, p, left);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          out->err = n < 0 ? errno : EIO;
          break;
        }
      p += n;
      left -= (gsize) n;
      out->written += n;
    }
  g_string_truncate (out->buf, 0);
#ifdef SYNC_FILE_RANGE_WRITE
  if (out->err == 0 && out->written - out->kicked >= (gint64) OUT_WRITEBACK)
    {
      /* only a request: it does not wait, and a failure is seen by fsync */
      (void) sync_file_range (out->fd, out->kicked, out->written - out->kicked,
                              SYNC_FILE_RANGE_WRITE);
      out->kicked = out->written;
    }
#endif
}

void
bs_out_write (BsOutFile *out, const char *data, gsize len)
{
  if (out->err != 0)
    return;
  out->synced = FALSE;
  g_string_append_len (out->buf, data, (gssize) len);
  if (out->buf->len >= OUT_BUFFER)
    flush_buffer (out);
}

void
bs_out_gstring (BsOutFile *out, GString *text)
{
  bs_out_write (out, text->str, text->len);
  g_string_truncate (text, 0);
}

static void
out_free (BsOutFile *out)
{
  if (out->fd >= 0)
    close (out->fd);
  g_string_free (out->buf, TRUE);
  g_free (out->tmp);
  g_free (out->path);
  g_free (out);
}

void
bs_out_sync (BsOutFile *out)
{
  flush_buffer (out);
  if (out->err == 0 && !out->synced && fsync (out->fd) != 0 && errno != EINVAL)
    out->err = errno;
  out->synced = TRUE;
}

gboolean
bs_out_commit (BsOutFile *out, GError **error)
{
  bs_out_sync (out);
  if (out->err == 0 && close (out->fd) != 0)
    out->err = errno;
  out->fd = -1;
  if (out->err == 0 && g_rename (out->tmp, out->path) != 0)
    out->err = errno;
  if (out->err != 0)
    {
      g_autofree char *base = g_path_get_basename (out->path);
      g_set_error (error, BS_ERROR, BS_ERROR_WRITE, "writing %s: %s",
                   base, g_strerror (out->err));
      g_unlink (out->tmp);
      out_free (out);
      return FALSE;
    }
  out_free (out);
  return TRUE;
}

void
bs_out_abort (BsOutFile *out)
{
  if (out == NULL)
    return;
  g_unlink (out->tmp);
  out_free (out);
}
