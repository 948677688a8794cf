/* source_mbox.c - an mbox's messages, one at a time
 *
 * Owns the reading of an mbox (mboxo, mboxrd): its From_ separators, the
 * quoting of body lines undone, the size limit (the middle of a message
 * over BS_MAX_MESSAGE_BYTES let go, its offsets kept right), where a scan
 * resumes and the hashes that tell a file rewritten before that place, and
 * the last message left for the next scan when a delivery may still be
 * writing it (source_live.h).  Read in blocks, one message in memory at a
 * time: a multi-gigabyte mbox costs one message of memory.  The file is
 * opened once, and never again by its name.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "source_walk.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "identity.h"
#include "source_live.h"

#ifndef BS_READ_BLOCK /* the mbox fuzzer uses small blocks */
#define BS_READ_BLOCK (256 * 1024)
#endif
/* bytes of an over-long line kept to judge it (a From_ line is short) */
#define BS_LONG_LINE_KEEP 1024

char *
bs_source_tail_hash (int fd, gint64 offset)
{
  if (offset <= 0)
    return NULL;
  gint64 from = MAX (0, offset - BS_SOURCE_TAIL_BYTES);
  char buf[BS_SOURCE_TAIL_BYTES];
  gsize want = (gsize) (offset - from), got = 0;
  while (got < want)
    {
      ssize_t n = pread (fd, buf + got, want - got, (off_t) (from + (gint64) got));
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (gsize) n;
    }
  if (got != want)
    return NULL;
  /* Nettle's SHA-256 where built with it: one of these per message */
  return bs_content_hash (buf, want);
}

/* is the line at p (length n, first 5 bytes "From ") a From_ separator?
 * after a blank line always; elsewhere only if it carries a date */
static gboolean
is_separator (const char *p, gsize n, gboolean after_blank)
{
  if (n < 5 || memcmp (p, "From ", 5) != 0)
    return FALSE;
  if (after_blank)
    return TRUE;
  /* "From sender Mon Jan  1 00:00:00 2026" */
  gboolean time = FALSE, year = FALSE;
  for (gsize i = 5; i + 4 <= n; i++)
    {
      if (g_ascii_isdigit (p[i]) && p[i + 1] == ':' && g_ascii_isdigit (p[i + 2])
          && g_ascii_isdigit (p[i + 3]))
        time = TRUE;
      if ((p[i] == '1' || p[i] == '2') && g_ascii_isdigit (p[i + 1]) && g_ascii_isdigit (p[i + 2])
          && g_ascii_isdigit (p[i + 3]) && (i + 4 == n || !g_ascii_isdigit (p[i + 4])))
        year = TRUE;
    }
  return time && year;
}

/* one mbox being read.  pending holds the current message from its From_
 * line (pending[0], at file offset pending_offset), except the middle of
 * one over the size limit: dropped counts the bytes let go.  Each line is
 * judged once, when its newline arrives; line is where the unfinished line
 * starts, pos how far it was searched for a newline: no byte is searched
 * twice. */
typedef struct {
  const BsWalker *w;
  const char *path;
  int fd;
  struct stat st;           /* the file when opened */
  guint index;              /* of the last message emitted */
  gboolean go_on;
  GByteArray *pending;
  gint64 pending_offset;
  gint64 dropped;
  gsize line, pos;
} MboxCtx;

/* emit one message: drop the From_ line, undo >From quoting, bound size;
 * full is its size in the mbox (more than len when its middle was dropped) */
static void
emit_mbox_message (MboxCtx *c, const char *msg, gsize len, gint64 offset, gint64 full)
{
  /* the blank line that ended a message stored before its writer added it,
   * where the next scan resumes: not a message */
  gsize blank = 0;
  while (blank < len && (msg[blank] == '\n' || msg[blank] == '\r'))
    blank++;
  if (blank == len)
    return;
  const char *nl = memchr (msg, '\n', len);
  gsize skip = nl ? (gsize) (nl - msg) + 1 : len;
  const char *body = msg + skip;
  gsize blen = len - skip;
  GString *out = g_string_sized_new (MIN (blen, (gsize) BS_MAX_MESSAGE_BYTES) + 1);
  /* copied in runs; a quoted line (">From ", ">>From "...) loses one '>' */
  const char *end = body + blen, *run = body;
  for (const char *f = blen >= 5 ? memmem (body, blen, "From ", 5) : NULL; f != NULL;
       f = end - (f + 1) >= 5 ? memmem (f + 1, (gsize) (end - (f + 1)), "From ", 5) : NULL)
    {
      const char *line = f;
      while (line > body && line[-1] == '>')
        line--;
      if (line == f || (line > body && line[-1] != '\n'))
        continue; /* not quoted, or not at the start of a line */
      g_string_append_len (out, run, MIN (line - run, (gssize) (BS_MAX_MESSAGE_BYTES - out->len)));
      run = line + 1;
    }
  g_string_append_len (out, run, MIN (end - run, (gssize) (BS_MAX_MESSAGE_BYTES - out->len)));
  c->index++;
  g_autofree char *key = g_strdup_printf ("mbox:%s#%" G_GINT64_FORMAT, c->path, offset);
  g_autofree char *tail = c->w->want_tail ? bs_source_tail_hash (c->fd, offset + full) : NULL;
  char *str = out->str;
  BsItem item = { c->path, key, c->index, offset, out->str, out->len, full, tail, &str };
  if (out->len > 0 && c->w->item)
    c->go_on = c->w->item (&item, c->w->user);
  if (str == NULL)
    g_string_free (out, FALSE); /* the bytes were taken: the taker frees them */
  else
    g_string_free (out, TRUE);
}

/* emit pending[from, to) as a message; the bytes let go lay before "to" */
static void
emit_pending (MboxCtx *c, gsize from, gsize to)
{
  emit_mbox_message (c, (const char *) c->pending->data + from, to - from,
                     c->pending_offset + (gint64) from, (gint64) (to - from) + c->dropped);
  c->pending_offset += c->dropped;
  c->dropped = 0;
}

/* emit the whole messages in pending (each ends where a From_ line starts)
 * and keep the rest */
static void
split_messages (MboxCtx *c, gboolean eof)
{
  const char *data = (const char *) c->pending->data;
  gsize len = c->pending->len;
  gsize msg_start = 0;
  while (c->pos < len && c->go_on)
    {
      const char *nl = memchr (data + c->pos, '\n', len - c->pos);
      if (nl == NULL)
        {
          c->pos = len;
          break;
        }
      gsize end = (gsize) (nl - data), line = c->line;
      gboolean after_blank = line >= 2 && data[line - 2] == '\n';
      if (line > msg_start && is_separator (data + line, end - line, after_blank))
        {
          emit_pending (c, msg_start, line);
          msg_start = line;
        }
      c->line = c->pos = end + 1;
    }
  gsize line = c->line;
  if (eof && c->go_on && line < len && line > msg_start
      && is_separator (data + line, len - line, line >= 2 && data[line - 2] == '\n'))
    {
      /* the last line, without a newline, is a From_ line */
      emit_pending (c, msg_start, line);
      msg_start = line;
    }
  if (msg_start > 0)
    {
      g_byte_array_remove_range (c->pending, 0, (guint) msg_start);
      c->pending_offset += (gint64) msg_start;
      c->line -= msg_start;
      c->pos -= msg_start;
    }
}

/* a message over the limit: keep its head, let the middle go */
static void
drop_middle (MboxCtx *c)
{
  GByteArray *pending = c->pending;
  if (pending->len <= BS_MAX_MESSAGE_BYTES + 2 * BS_READ_BLOCK)
    return;
  gsize keep = BS_MAX_MESSAGE_BYTES;
  /* the whole lines past the head, already judged */
  if (c->line > keep)
    {
      gsize gone = c->line - keep;
      memmove (pending->data + keep, pending->data + c->line, pending->len - c->line);
      g_byte_array_set_size (pending, (guint) (pending->len - gone));
      c->dropped += (gint64) gone;
      c->line -= gone;
      c->pos -= gone;
    }
  /* of a line that goes on and on, its first kilobyte (all of it was
   * searched: pos is at the end) */
  gsize cut = MAX (c->line + BS_LONG_LINE_KEEP, keep);
  if (cut < pending->len)
    {
      c->dropped += (gint64) (pending->len - cut);
      g_byte_array_set_size (pending, (guint) cut);
      c->pos = cut;
    }
}

/* at the end of the file: the last message, or TRUE when it is left for
 * the next scan (it may be half written: rather that than half a message
 * stored) */
static gboolean
last_message (MboxCtx *c, gboolean truncated_read)
{
  GByteArray *pending = c->pending;
  if (pending->len == 0 || !c->go_on)
    return FALSE;
  if (!truncated_read && c->w->wait_complete
      && bs_last_message_waits (c->fd, c->path, &c->st, (const char *) pending->data, pending->len,
                                TRUE, c->dropped > 0, c->w->cancelled))
    return TRUE;
  if (pending->data[pending->len - 1] != '\n' && !truncated_read)
    bs_walk_warn (c->w, c->path, BS_ERROR_PARSE,
                  "message %u at byte %" G_GINT64_FORMAT " is cut short (the mbox ends in the middle of a line)",
                  c->index + 1, c->pending_offset);
  emit_mbox_message (c, (const char *) pending->data, pending->len, c->pending_offset,
                     (gint64) pending->len + c->dropped);
  c->pending_offset += (gint64) pending->len + c->dropped;
  g_byte_array_set_size (pending, 0);
  return FALSE;
}

/* read from where the mbox is (c->pending_offset) to its end; TRUE when
 * its last message is left for the next scan */
static gboolean
read_messages (MboxCtx *c)
{
  c->pending = g_byte_array_sized_new (BS_READ_BLOCK * 2);
  gboolean eof = FALSE, truncated_read = FALSE, held = FALSE;
  char *block = g_malloc (BS_READ_BLOCK);
  while (c->go_on && !bs_walk_cancelled (c->w) && !eof)
    {
      gssize n = read (c->fd, block, BS_READ_BLOCK);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          bs_walk_warn (c->w, c->path, BS_ERROR_UNREADABLE, "read error: %s", g_strerror (errno));
          truncated_read = TRUE;
        }
      else if (n > 0)
        g_byte_array_append (c->pending, (const guint8 *) block, (guint) n);
      eof = n <= 0;
      split_messages (c, eof);
      if (!eof && c->go_on)
        drop_middle (c);
    }
  if (eof)
    held = last_message (c, truncated_read);
  g_free (block);
  g_byte_array_unref (c->pending);
  c->pending = NULL;
  return held;
}

/* the state of the file read up to c->pending_offset, for the next scan;
 * with its last message left, mtime 0: "read up to offset", never
 * "unchanged", so that the next scan opens it even if it does not change
 * any more */
static void
file_done (MboxCtx *c, const char *fingerprint, gboolean held)
{
  if (c->w->file_done == NULL)
    return;
  g_autofree char *tail = bs_source_tail_hash (c->fd, c->pending_offset);
  c->w->file_done (c->path, c->st.st_size, held ? 0 : c->st.st_mtime, c->pending_offset,
                   c->index, fingerprint, tail, c->w->user);
}

/* where to start reading (asked of w->mbox_resume with the fingerprint of
 * the file's first bytes): FALSE when there is nothing to read */
static gboolean
resume (MboxCtx *c, char **fingerprint)
{
  char head[BS_SNIFF_BYTES];
  gssize hn = bs_walk_read_all (c->fd, head, sizeof head);
  if (hn < 0)
    {
      bs_walk_warn (c->w, c->path, BS_ERROR_UNREADABLE, "%s", g_strerror (errno));
      return FALSE;
    }
  *fingerprint = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) head, (gsize) hn);
  const BsWalker *w = c->w;
  gint64 size = c->st.st_size;
  gint64 start = w->mbox_resume ? w->mbox_resume (c->path, c->fd, size, c->st.st_mtime,
                                                  *fingerprint, &c->index, w->user)
                                : 0;
  if (start < 0 || start > size)
    start = 0, c->index = 0;
  c->pending_offset = start;
  if (start == size && start > 0)
    {
      /* nothing new (a checkpoint at its end, left by a scan stopped before
       * it said so): the file is read, and unchanged from now on */
      file_done (c, *fingerprint, FALSE);
      return FALSE;
    }
  if (lseek (c->fd, start, SEEK_SET) != start)
    {
      bs_walk_warn (w, c->path, BS_ERROR_UNREADABLE, "cannot seek: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
bs_walk_mbox (const char *path, gboolean follow, const BsWalker *w)
{
  MboxCtx c = { .w = w, .path = path, .go_on = TRUE };
  c.fd = bs_source_open (path, follow);
  if (c.fd < 0)
    {
      bs_walk_warn (w, path, BS_ERROR_UNREADABLE, "%s", g_strerror (errno));
      return TRUE;
    }
  g_autofree char *fingerprint = NULL;
  if (fstat (c.fd, &c.st) != 0 || !S_ISREG (c.st.st_mode))
    bs_walk_warn (w, path, BS_ERROR_NOT_MAIL, "not a regular file; skipped");
  else if (bs_walk_seen_before (w, &c.st))
    bs_walk_warn (w, path, BS_ERROR_NOT_MAIL, "already read through another link; skipped");
  else if (resume (&c, &fingerprint))
    {
      gboolean held = read_messages (&c);
      if (c.go_on && !bs_walk_cancelled (w))
        file_done (&c, fingerprint, held);
    }
  close (c.fd);
  return c.go_on;
}
