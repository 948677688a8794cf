/* source.c - walk Maildirs, mboxes, MH folders, folders and files
 *
 * Owns the detection of what a path is and the reading of its messages,
 * strictly read-only: files are opened O_RDONLY|O_NOFOLLOW|O_NONBLOCK and
 * nothing is ever written, renamed or touched.  Links inside a tree are not
 * followed unless asked; FIFOs, sockets and devices are skipped without
 * opening them.  mbox files are read in blocks, one message in memory at a
 * time, so a multi-gigabyte mbox costs one message of memory.  A folder
 * is listed in order a window of names at a time (FolderReader: the same
 * memory for any size) and a Maildir's files are looked at with fstatat()
 * relative to it: a re-scan of an unchanged Maildir opens no message.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <dirent.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bs.h"
#include "source_live.h"

#ifndef BS_READ_BLOCK /* the mbox fuzzer uses small blocks */
#define BS_READ_BLOCK (256 * 1024)
#endif
#define BS_SNIFF_BYTES 4096
#define BS_MAX_WALK_DEPTH 64 /* folder nesting we descend into */
#define BS_POLL_MS 100       /* a wait, between two looks at the cancel flag */

const char *
bs_source_kind_name (BsSourceKind kind)
{
  static const char *const names[] = { "file", "mbox", "maildir", "mh", "folder", "stdin" };
  return kind < G_N_ELEMENTS (names) ? names[kind] : "unknown";
}

/* with --follow-links, the folders and files a walk has entered, by device
 * and inode: a link loop ends, and what two links lead to is read once.
 * Set by bs_source_walk for the walk running in this thread. */
static __thread GHashTable *walk_seen;

/* TRUE if st (a folder or file reached through links) was walked before */
static gboolean
seen_before (const BsWalker *w, const struct stat *st)
{
  if (!w->follow_links || walk_seen == NULL)
    return FALSE;
  char *key = g_strdup_printf ("%ju:%ju", (uintmax_t) st->st_dev, (uintmax_t) st->st_ino);
  if (g_hash_table_contains (walk_seen, key))
    {
      g_free (key);
      return TRUE;
    }
  g_hash_table_add (walk_seen, key);
  return FALSE;
}

static gboolean
cancelled (const BsWalker *w)
{
  return w->cancelled != NULL && g_atomic_int_get (w->cancelled) != 0;
}

static void
warn (const BsWalker *w, const char *path, BsError code, const char *fmt, ...) G_GNUC_PRINTF (4, 5);

static void
warn (const BsWalker *w, const char *path, BsError code, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_autoptr (GError) e = g_error_new_literal (BS_ERROR, code, msg);
  if (w->warn)
    w->warn (path, e, w->user);
}

int
bs_source_open (const char *path, gboolean follow)
{
  int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (follow ? 0 : O_NOFOLLOW);
  /* O_NOATIME: for the owner of the file (or a process with CAP_FOWNER)
   * only; anyone else gets EPERM and opens it as it is */
  int fd = open (path, flags | O_NOATIME);
  if (fd < 0 && errno == EPERM)
    fd = open (path, flags);
  return fd;
}

/* a folder of the scanned tree, the same way */
static int
open_folder (const char *path)
{
  int flags = O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
  int fd = open (path, flags | O_NOATIME);
  if (fd < 0 && errno == EPERM)
    fd = open (path, flags);
  return fd;
}

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
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) buf, want);
}

/* read at most max bytes from fd; -1 with errno on error */
static gssize
read_all (int fd, char *buf, gsize max)
{
  gsize got = 0;
  while (got < max)
    {
      gssize n = read (fd, buf + got, max - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      got += (gsize) n;
    }
  return (gssize) got;
}

/* does this look like the start of an RFC 5322 header block? */
static gboolean
looks_like_headers (const char *buf, gsize n)
{
  /* skip a leading blank line or two (some tools write one) */
  gsize i = 0;
  while (i < n && (buf[i] == '\n' || buf[i] == '\r'))
    i++;
  if (i >= n)
    return FALSE;
  gsize start = i;
  /* field-name: printable ASCII except ':' and space, then ':' */
  while (i < n && buf[i] > 32 && buf[i] < 127 && buf[i] != ':')
    i++;
  if (i == start || i >= n || buf[i] != ':' || i - start > 76)
    return FALSE;
  /* and no NUL in the header block: binary files are not mail (a NUL
   * further down, in a body, does not make a bounce unreadable) */
  const char *blank = g_strstr_len (buf, (gssize) n, "\n\n");
  const char *crlf = g_strstr_len (buf, (gssize) n, "\r\n\r\n");
  if (crlf != NULL && (blank == NULL || crlf < blank))
    blank = crlf;
  gsize head = blank ? (gsize) (blank - buf) : n;
  return memchr (buf, '\0', head) == NULL;
}

static gboolean
starts_from_line (const char *buf, gsize n)
{
  /* "From " and no NUL on that line: a NUL in a message further down does
   * not make the whole mbox a binary file */
  if (n <= 5 || memcmp (buf, "From ", 5) != 0)
    return FALSE;
  const char *nl = memchr (buf, '\n', n);
  return memchr (buf, '\0', nl ? (gsize) (nl - buf) : n) == NULL;
}

static gboolean
sniff (const char *path, gboolean follow, char *buf, gsize *n, GError **error)
{
  int fd = bs_source_open (path, follow);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, BS_ERROR, e == ENOENT ? BS_ERROR_NOT_FOUND : BS_ERROR_UNREADABLE,
                   "%s", g_strerror (e));
      return FALSE;
    }
  gssize got = read_all (fd, buf, BS_SNIFF_BYTES);
  int e = errno;
  close (fd);
  if (got < 0)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_UNREADABLE, "%s", g_strerror (e));
      return FALSE;
    }
  *n = (gsize) got;
  return TRUE;
}

static gboolean
is_dir (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

static gboolean
looks_like_mh (const char *path)
{
  g_autofree char *seq = g_build_filename (path, ".mh_sequences", NULL);
  if (g_file_test (seq, G_FILE_TEST_EXISTS))
    return TRUE;
  int fd = open_folder (path);
  DIR *dir = fd >= 0 ? fdopendir (fd) : NULL;
  if (dir == NULL)
    {
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  struct dirent *de;
  int numeric = 0, other = 0;
  while ((de = readdir (dir)) != NULL)
    {
      const char *name = de->d_name;
      if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
        continue;
      g_autofree char *full = g_build_filename (path, name, NULL);
      if (all_digits (name) && !is_dir (full))
        numeric++;
      else if (name[0] != '.' && !is_dir (full))
        other++;
    }
  closedir (dir);
  return numeric > 0 && other == 0;
}

static gboolean
looks_like_maildir (const char *path)
{
  g_autofree char *cur = g_build_filename (path, "cur", NULL);
  g_autofree char *new = g_build_filename (path, "new", NULL);
  return is_dir (cur) || is_dir (new);
}

/* what path is; its first bytes read through a link only when follow */
static gboolean
detect (const char *path, gboolean follow, BsSourceKind *kind, GError **error)
{
  if (strcmp (path, "-") == 0)
    {
      *kind = BS_SOURCE_STDIN;
      return TRUE;
    }
  GStatBuf st;
  if (g_stat (path, &st) != 0)
    {
      int e = errno;
      g_set_error (error, BS_ERROR, e == ENOENT ? BS_ERROR_NOT_FOUND : BS_ERROR_UNREADABLE,
                   "%s: %s", path, g_strerror (e));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      if (g_access (path, R_OK | X_OK) != 0)
        {
          g_set_error (error, BS_ERROR, BS_ERROR_UNREADABLE, "%s: %s", path, g_strerror (errno));
          return FALSE;
        }
      *kind = looks_like_maildir (path) ? BS_SOURCE_MAILDIR
              : looks_like_mh (path)    ? BS_SOURCE_MH
                                        : BS_SOURCE_FOLDER;
      return TRUE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_NOT_MAIL,
                   "%s: not a regular file or folder (a FIFO, socket or device); skipped", path);
      return FALSE;
    }
  char buf[BS_SNIFF_BYTES];
  gsize n = 0;
  if (!sniff (path, follow, buf, &n, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_NOT_MAIL, "%s: empty file", path);
      return FALSE;
    }
  if (starts_from_line (buf, n))
    *kind = BS_SOURCE_MBOX;
  else if (looks_like_headers (buf, n))
    *kind = BS_SOURCE_FILE;
  else
    {
      g_set_error (error, BS_ERROR, BS_ERROR_NOT_MAIL,
                   "%s: neither a mail message nor an mbox (no header at its start)", path);
      return FALSE;
    }
  return TRUE;
}

gboolean
bs_source_detect (const char *path, BsSourceKind *kind, GError **error)
{
  return detect (path, TRUE, kind, error);
}

/* ---- one message file ------------------------------------------------ */

static gboolean
read_file_item (const char *path, const char *key, gboolean follow, const BsWalker *w)
{
  int fd = bs_source_open (path, follow);
  if (fd < 0)
    {
      int e = errno;
      /* a Maildir message that a mail client moved (new/ -> cur/, flags)
       * since the folder was listed: found under its new name next time */
      if (e == ENOENT && g_str_has_prefix (key, "maildir:"))
        return TRUE;
      warn (w, path, e == ELOOP ? BS_ERROR_NOT_MAIL : BS_ERROR_UNREADABLE, "%s",
            e == ELOOP ? "a symbolic link; not followed" : g_strerror (e));
      return TRUE;
    }
  struct stat st;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      warn (w, path, BS_ERROR_NOT_MAIL, "not a regular file; skipped");
      return TRUE;
    }
  if (seen_before (w, &st))
    {
      close (fd);
      warn (w, path, BS_ERROR_NOT_MAIL, "already read through another link; skipped");
      return TRUE;
    }
  if (w->skip_file && w->skip_file (key, st.st_size, st.st_mtime, w->user))
    {
      close (fd);
      return TRUE;
    }
  gsize want = (gsize) MIN ((guint64) st.st_size, (guint64) BS_MAX_MESSAGE_BYTES);
  g_autofree char *buf = g_malloc (want + 1);
  gssize got = read_all (fd, buf, want);
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
      warn (w, path, BS_ERROR_UNREADABLE, "%s", g_strerror (e));
      return TRUE;
    }
  if (waits)
    return TRUE;
  buf[got] = '\0';
  if (got == 0)
    {
      warn (w, path, BS_ERROR_NOT_MAIL, "empty file");
      return TRUE;
    }
  BsItem item = { path, key, 0, 0, buf, (gsize) got, st.st_size, NULL, &buf };
  gboolean go_on = w->item ? w->item (&item, w->user) : TRUE;
  if (w->file_done)
    w->file_done (key, st.st_size, st.st_mtime, st.st_size, 0, NULL, NULL, w->user);
  return go_on;
}

/* ---- mbox ------------------------------------------------------------- */

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

typedef struct {
  const BsWalker *w;
  const char *path;
  int fd;
  guint index;
  gboolean go_on;
} MboxCtx;

/* bytes of an over-long line kept to judge it (a From_ line is short) */
#define BS_LONG_LINE_KEEP 1024

/* emit one message: drop the From_ line, undo >From quoting, bound size;
 * full is its size in the mbox (more than len when its middle was dropped) */
static void
emit_mbox_message (MboxCtx *c, const char *msg, gsize len, gint64 offset, gint64 full)
{
  /* the blank line that ended a message stored before its writer added it,
   * where the next scan resumes: not a message */
  if (strspn (msg, "\r\n") >= len)
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
  g_autofree char *tail = bs_source_tail_hash (c->fd, offset + full);
  char *str = out->str;
  BsItem item = { c->path, key, c->index, offset, out->str, out->len, full, tail, &str };
  if (out->len > 0 && c->w->item)
    c->go_on = c->w->item (&item, c->w->user);
  if (str == NULL)
    g_string_free (out, FALSE); /* the bytes were taken: the taker frees them */
  else
    g_string_free (out, TRUE);
}

static gboolean
read_mbox (const char *path, gboolean follow, const BsWalker *w)
{
  int fd = bs_source_open (path, follow);
  if (fd < 0)
    {
      warn (w, path, BS_ERROR_UNREADABLE, "%s", g_strerror (errno));
      return TRUE;
    }
  struct stat st;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      warn (w, path, BS_ERROR_NOT_MAIL, "not a regular file; skipped");
      return TRUE;
    }
  if (seen_before (w, &st))
    {
      close (fd);
      warn (w, path, BS_ERROR_NOT_MAIL, "already read through another link; skipped");
      return TRUE;
    }
  char head[BS_SNIFF_BYTES];
  gssize hn = read_all (fd, head, sizeof head);
  if (hn < 0)
    {
      warn (w, path, BS_ERROR_UNREADABLE, "%s", g_strerror (errno));
      close (fd);
      return TRUE;
    }
  g_autofree char *fingerprint = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                              (const guchar *) head, (gsize) hn);
  guint next_index = 0;
  gint64 start = w->mbox_resume
                   ? w->mbox_resume (path, fd, st.st_size, st.st_mtime, fingerprint, &next_index,
                                     w->user)
                   : 0;
  if (start < 0 || start > st.st_size)
    start = 0, next_index = 0;
  if (start == st.st_size && start > 0)
    {
      /* nothing new (a checkpoint at its end, left by a scan stopped before
       * it said so): the file is read, and unchanged from now on */
      if (w->file_done)
        {
          g_autofree char *tail = bs_source_tail_hash (fd, start);
          w->file_done (path, st.st_size, st.st_mtime, start, next_index, fingerprint, tail,
                        w->user);
        }
      close (fd);
      return TRUE;
    }
  if (lseek (fd, start, SEEK_SET) != start)
    {
      warn (w, path, BS_ERROR_UNREADABLE, "cannot seek: %s", g_strerror (errno));
      close (fd);
      return TRUE;
    }

  MboxCtx c = { w, path, fd, next_index, TRUE };
  /* pending holds the current message from its From_ line (pending[0], at
   * file offset pending_offset), except the middle of one over the size
   * limit: dropped counts the bytes let go.  Each line is judged once, when
   * its newline arrives; line is where the unfinished line starts, pos how
   * far it was searched for a newline: no byte is searched twice. */
  GByteArray *pending = g_byte_array_sized_new (BS_READ_BLOCK * 2);
  gint64 pending_offset = start;
  gint64 dropped = 0;
  gsize line = 0, pos = 0;
  gboolean eof = FALSE, truncated_read = FALSE;
  gboolean held = FALSE; /* the last message left for the next scan */
  char *block = g_malloc (BS_READ_BLOCK);
  while (c.go_on && !cancelled (w))
    {
      if (!eof)
        {
          gssize n = read (fd, block, BS_READ_BLOCK);
          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            {
              warn (w, path, BS_ERROR_UNREADABLE, "read error: %s", g_strerror (errno));
              truncated_read = TRUE;
              eof = TRUE;
            }
          else if (n == 0)
            eof = TRUE;
          else
            g_byte_array_append (pending, (const guint8 *) block, (guint) n);
        }
      /* separators: lines starting "From " after the message's first line */
      const char *data = (const char *) pending->data;
      gsize len = pending->len;
      gsize msg_start = 0;
      while (pos < len && c.go_on)
        {
          const char *nl = memchr (data + pos, '\n', len - pos);
          if (nl == NULL)
            {
              pos = len;
              break;
            }
          gsize end = (gsize) (nl - data);
          gboolean after_blank = line >= 2 && data[line - 2] == '\n';
          if (line > msg_start && is_separator (data + line, end - line, after_blank))
            {
              emit_mbox_message (&c, data + msg_start, line - msg_start,
                                 pending_offset + (gint64) msg_start,
                                 (gint64) (line - msg_start) + dropped);
              /* what was dropped lay before line: offsets past it move */
              pending_offset += dropped;
              dropped = 0;
              msg_start = line;
            }
          line = pos = end + 1;
        }
      if (eof && c.go_on && line < len && line > msg_start
          && is_separator (data + line, len - line, line >= 2 && data[line - 2] == '\n'))
        {
          /* the last line, without a newline, is a From_ line */
          emit_mbox_message (&c, data + msg_start, line - msg_start,
                             pending_offset + (gint64) msg_start,
                             (gint64) (line - msg_start) + dropped);
          pending_offset += dropped;
          dropped = 0;
          msg_start = line;
        }
      if (msg_start > 0)
        {
          g_byte_array_remove_range (pending, 0, (guint) msg_start);
          pending_offset += (gint64) msg_start;
          line -= msg_start;
          pos -= msg_start;
        }
      /* a message over the limit: keep its head, let the middle go */
      if (pending->len > BS_MAX_MESSAGE_BYTES + 2 * BS_READ_BLOCK && !eof && c.go_on)
        {
          gsize keep = BS_MAX_MESSAGE_BYTES;
          /* the whole lines past the head, already judged */
          if (line > keep)
            {
              gsize gone = line - keep;
              memmove (pending->data + keep, pending->data + line, pending->len - line);
              g_byte_array_set_size (pending, (guint) (pending->len - gone));
              dropped += (gint64) gone;
              line -= gone;
              pos -= gone;
            }
          /* of a line that goes on and on, its first kilobyte (all of it
           * was searched: pos is at the end) */
          gsize cut = MAX (line + BS_LONG_LINE_KEEP, keep);
          if (cut < pending->len)
            {
              dropped += (gint64) (pending->len - cut);
              g_byte_array_set_size (pending, (guint) cut);
              pos = cut;
            }
        }
      if (eof)
        {
          /* the last message may be half written: leave it (and where it
           * starts) for the next scan rather than store half a message */
          if (pending->len > 0 && c.go_on && !truncated_read && w->wait_complete
              && bs_last_message_waits (fd, path, &st, (const char *) pending->data, pending->len,
                                        TRUE, dropped > 0, w->cancelled))
            {
              held = TRUE;
              break;
            }
          if (pending->len > 0 && c.go_on)
            {
              if (pending->data[pending->len - 1] != '\n' && !truncated_read)
                warn (w, path, BS_ERROR_PARSE,
                      "message %u at byte %" G_GINT64_FORMAT " is cut short (the mbox ends in the middle of a line)",
                      c.index + 1, pending_offset);
              emit_mbox_message (&c, (const char *) pending->data, pending->len, pending_offset,
                                 (gint64) pending->len + dropped);
              pending_offset += (gint64) pending->len + dropped;
              g_byte_array_set_size (pending, 0);
            }
          break;
        }
    }
  g_free (block);
  g_byte_array_unref (pending);
  if (c.go_on && !cancelled (w) && w->file_done)
    {
      g_autofree char *tail = bs_source_tail_hash (fd, pending_offset);
      /* with its last message left, mtime 0: "read up to offset", never
       * "unchanged", so that the next scan opens it even if it does not
       * change any more */
      w->file_done (path, st.st_size, held ? 0 : st.st_mtime, pending_offset, c.index,
                    fingerprint, tail, w->user);
    }
  close (fd);
  return c.go_on;
}

/* ---- folders ------------------------------------------------------------ */

static gboolean walk_any (const char *path, int depth, const BsWalker *w);

/* The order of a folder's entries: names that are all digits (an MH
 * folder's messages) first, by their number, then the others byte by byte
 * (a Maildir's, which begin with their time of delivery).  A listed name
 * is kept behind a byte that says which ('0' all digits, '1' not), so that
 * a comparison looks at each name once. */
static int
compare_names (const char *x, const char *y)
{
  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  if (x[0] == '0')
    {
      /* numbers of any length: leading zeros aside, the longer is bigger */
      const char *a = x + 1 + strspn (x + 1, "0"), *b = y + 1 + strspn (y + 1, "0");
      gsize la = strlen (a), lb = strlen (b);
      if (la != lb)
        return la < lb ? -1 : 1;
      int c = strcmp (a, b);
      if (c != 0)
        return c;
    }
  return strcmp (x + 1, y + 1);
}

/* The entries of a folder in the order above, a window at a time: each
 * pass of readdir() keeps the NAMES_WINDOW first names after the last one
 * handed out, packed in one buffer, so that listing a folder takes the same
 * memory whatever its size (a Maildir of 200,000 messages is read in four
 * passes, a few milliseconds each).  A pass holds at most NAMES_CUT names
 * before it sorts them and keeps the window's worth; the two buffers it
 * packs them into live as long as the reader, so that no pass allocates
 * them again (glibc would serve the second from its heap and keep it).
 * A name that appears between two passes is handed out when it comes after
 * the last one. */
#ifndef NAMES_WINDOW /* tests/test-source-window.c uses a small one */
#define NAMES_WINDOW 65536
#endif
#define NAMES_CUT (NAMES_WINDOW + NAMES_WINDOW / 2)

typedef struct {
  DIR *dir;
  gboolean hidden;          /* hand out names beginning with '.' (never "." or "..") */
  char *after;              /* the last name of the window before (with its byte), or NULL */
  gboolean more;            /* names after the window remain */
  GString *names;           /* the window: NUL-separated, each behind its byte */
  GString *spare;           /* where window_cut packs the names it keeps */
  GArray *at;               /* guint32 offsets into names, sorted */
  guint next;
} FolderReader;

static int
compare_packed (gconstpointer a, gconstpointer b, gpointer user)
{
  const char *names = user;
  return compare_names (names + *(const guint32 *) a, names + *(const guint32 *) b);
}

/* keep the NAMES_WINDOW first names of the window, in order, packed again */
static void
window_cut (FolderReader *r)
{
  g_array_sort_with_data (r->at, compare_packed, r->names->str);
  if (r->at->len <= NAMES_WINDOW)
    return;
  GString *kept = r->spare;
  g_string_truncate (kept, 0);
  for (guint i = 0; i < NAMES_WINDOW; i++)
    {
      guint32 *at = &g_array_index (r->at, guint32, i);
      const char *name = r->names->str + *at;
      *at = (guint32) kept->len;
      g_string_append_len (kept, name, (gssize) strlen (name) + 1);
    }
  g_array_set_size (r->at, NAMES_WINDOW);
  r->spare = r->names;
  r->names = kept;
  r->more = TRUE;
}

/* the next window of names: one pass of readdir() */
static void
window_fill (FolderReader *r)
{
  g_string_truncate (r->names, 0);
  g_array_set_size (r->at, 0);
  r->next = 0;
  r->more = FALSE;
  rewinddir (r->dir);
  gint64 last = -1;   /* where the window's last name is, once it is full */
  g_autoptr (GString) name = g_string_new (NULL);
  struct dirent *de;
  while ((de = readdir (r->dir)) != NULL)
    {
      const char *d = de->d_name;
      if (d[0] == '.' && (!r->hidden || d[1] == '\0' || strcmp (d, "..") == 0))
        continue;
      g_string_truncate (name, 0);
      g_string_append_c (name, all_digits (d) ? '0' : '1');
      g_string_append (name, d);
      if (r->after != NULL && compare_names (name->str, r->after) <= 0)
        continue;
      if (last >= 0 && compare_names (name->str, r->names->str + last) > 0)
        {
          r->more = TRUE;
          continue;
        }
      if (r->names->len > G_MAXUINT32 - 4096)
        break; /* 4 GB of names: not a mailbox */
      guint32 at = (guint32) r->names->len;
      g_string_append_len (r->names, name->str, (gssize) name->len + 1);
      g_array_append_val (r->at, at);
      if (r->at->len >= NAMES_CUT)
        {
          window_cut (r);
          last = g_array_index (r->at, guint32, NAMES_WINDOW - 1);
        }
    }
  window_cut (r);
}

/* opens the folder path (as dfd when dfd >= 0); FALSE (warned) when it
 * cannot be read */
static gboolean
folder_open (FolderReader *r, const char *path, int dfd, gboolean hidden, const BsWalker *w)
{
  *r = (FolderReader) { NULL, hidden, NULL, TRUE, NULL, NULL, NULL, 0 };
  int fd = dfd >= 0 ? dup (dfd) : open_folder (path);
  r->dir = fd >= 0 ? fdopendir (fd) : NULL;
  if (r->dir == NULL)
    {
      int e = errno;
      if (fd >= 0)
        close (fd);
      warn (w, path, BS_ERROR_UNREADABLE, "%s", g_strerror (e));
      return FALSE;
    }
  r->names = g_string_new (NULL);
  r->spare = g_string_new (NULL);
  r->at = g_array_new (FALSE, FALSE, sizeof (guint32));
  return TRUE;
}

/* the next name in order, or NULL at the end */
static const char *
folder_next (FolderReader *r)
{
  if (r->next >= r->at->len)
    {
      if (!r->more)
        return NULL;
      if (r->at->len > 0)
        {
          g_free (r->after);
          r->after = g_strdup (r->names->str + g_array_index (r->at, guint32, r->at->len - 1));
        }
      window_fill (r);
      if (r->at->len == 0)
        return NULL;
    }
  return r->names->str + g_array_index (r->at, guint32, r->next++) + 1;
}

static void
folder_close (FolderReader *r)
{
  if (r->dir != NULL)
    closedir (r->dir);
  g_free (r->after);
  if (r->names != NULL)
    g_string_free (r->names, TRUE);
  if (r->spare != NULL)
    g_string_free (r->spare, TRUE);
  if (r->at != NULL)
    g_array_unref (r->at);
}

static gboolean
walk_files_in (const char *dir, gboolean maildir, const BsWalker *w)
{
  int dfd = open_folder (dir);
  if (dfd < 0)
    {
      warn (w, dir, BS_ERROR_UNREADABLE, "%s", g_strerror (errno));
      return TRUE;
    }
  FolderReader list;
  if (!folder_open (&list, dir, dfd, FALSE, w))
    {
      close (dfd);
      return TRUE;
    }
  /* a Maildir message's key is "maildir:<maildir>/<unique>", <unique> its
   * name up to the ':' of its flags: it keeps its key when its flags change
   * or it moves from new/ to cur/.  Elsewhere the key is the path. */
  g_autofree char *parent = g_path_get_dirname (dir);
  GString *key = g_string_new (NULL);
  if (maildir)
    g_string_append_printf (key, "maildir:%s/", parent);
  gsize prefix = key->len;
  gboolean go_on = TRUE;
  const char *name;
  while (go_on && !cancelled (w) && (name = folder_next (&list)) != NULL)
    {
      struct stat st;
      if (fstatat (dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        {
          int e = errno;
          if (!(maildir && e == ENOENT)) /* moved by a mail client meanwhile */
            {
              g_autofree char *full = g_build_filename (dir, name, NULL);
              warn (w, full, BS_ERROR_UNREADABLE, "%s", g_strerror (e));
            }
          continue;
        }
      if (S_ISLNK (st.st_mode) && !w->follow_links)
        {
          g_autofree char *full = g_build_filename (dir, name, NULL);
          warn (w, full, BS_ERROR_NOT_MAIL, "a symbolic link; not followed");
          continue;
        }
      struct stat target;
      if (S_ISDIR (st.st_mode)
          || (S_ISLNK (st.st_mode) && fstatat (dfd, name, &target, 0) == 0 && S_ISDIR (target.st_mode)))
        continue;
      g_string_truncate (key, prefix);
      if (maildir)
        g_string_append_len (key, name, (gssize) strcspn (name, ":"));
      else
        {
          g_autofree char *full = g_build_filename (dir, name, NULL);
          g_string_append (key, full);
        }
      /* an unchanged regular file is skipped on its fstatat() alone: a
       * re-scan of a big Maildir opens nothing */
      if (S_ISREG (st.st_mode) && w->skip_file
          && w->skip_file (key->str, st.st_size, st.st_mtime, w->user))
        continue;
      g_autofree char *full = g_build_filename (dir, name, NULL);
      go_on = read_file_item (full, key->str, w->follow_links, w);
    }
  g_string_free (key, TRUE);
  folder_close (&list);
  close (dfd);
  return go_on;
}

static gboolean
walk_maildir (const char *path, int depth, const BsWalker *w)
{
  static const char *const subs[] = { "cur", "new" };
  for (gsize s = 0; s < G_N_ELEMENTS (subs); s++)
    {
      g_autofree char *sub = g_build_filename (path, subs[s], NULL);
      if (is_dir (sub) && !walk_files_in (sub, TRUE, w))
        return FALSE;
    }
  /* Maildir++ subfolders: ".Name" holding cur/ or new/ */
  FolderReader list;
  if (!folder_open (&list, path, -1, TRUE, w))
    return TRUE;
  gboolean go_on = TRUE;
  const char *name;
  while (go_on && !cancelled (w) && (name = folder_next (&list)) != NULL)
    {
      if (name[0] != '.')
        continue;
      g_autofree char *full = g_build_filename (path, name, NULL);
      GStatBuf st;
      if (g_lstat (full, &st) != 0 || !S_ISDIR (st.st_mode) || !looks_like_maildir (full))
        continue;
      if (depth < BS_MAX_WALK_DEPTH)
        go_on = walk_maildir (full, depth + 1, w);
    }
  folder_close (&list);
  return go_on;
}

static gboolean
walk_folder (const char *path, int depth, const BsWalker *w)
{
  if (depth > BS_MAX_WALK_DEPTH)
    {
      warn (w, path, BS_ERROR_NOT_MAIL, "folders nested too deep; not read");
      return TRUE;
    }
  FolderReader list;
  if (!folder_open (&list, path, -1, TRUE, w))
    return TRUE;
  gboolean go_on = TRUE;
  const char *name;
  while (go_on && !cancelled (w) && (name = folder_next (&list)) != NULL)
    {
      if (strcmp (name, ".mh_sequences") == 0 || strcmp (name, ".keep") == 0)
        continue;
      if (strcmp (name, "tmp") == 0 && looks_like_maildir (path))
        continue;
      g_autofree char *full = g_build_filename (path, name, NULL);
      go_on = walk_any (full, depth + 1, w);
    }
  folder_close (&list);
  return go_on;
}

/* an unchanged regular file (w->skip_file on its stat alone): an
 * incremental scan does not open it at all */
static gboolean
unchanged (const BsWalker *w, const char *path, const GStatBuf *st)
{
  return S_ISREG (st->st_mode) && w->skip_file != NULL
         && w->skip_file (path, st->st_size, st->st_mtime, w->user);
}

/* read path, of the given kind; follow: through a link */
static gboolean
walk_kind (const char *path, BsSourceKind kind, gboolean follow, int depth, const BsWalker *w)
{
  if (kind == BS_SOURCE_MAILDIR || kind == BS_SOURCE_MH || kind == BS_SOURCE_FOLDER)
    {
      GStatBuf st;
      if (g_stat (path, &st) == 0 && seen_before (w, &st))
        {
          warn (w, path, BS_ERROR_NOT_MAIL,
                "a folder already read (a link loop, or a second link to it); skipped");
          return TRUE;
        }
    }
  switch (kind)
    {
    case BS_SOURCE_MAILDIR:
      return walk_maildir (path, depth, w);
    case BS_SOURCE_MH: /* numbered files, sub-folders: a folder walk reads both */
    case BS_SOURCE_FOLDER:
      return walk_folder (path, depth, w);
    case BS_SOURCE_MBOX:
      return read_mbox (path, follow, w);
    case BS_SOURCE_FILE:
      return read_file_item (path, path, follow, w);
    case BS_SOURCE_STDIN:
      break;
    }
  return TRUE;
}

/* an entry of a folder being walked */
static gboolean
walk_any (const char *path, int depth, const BsWalker *w)
{
  GStatBuf st;
  if (g_lstat (path, &st) != 0)
    {
      warn (w, path, BS_ERROR_UNREADABLE, "%s", g_strerror (errno));
      return TRUE;
    }
  if (S_ISLNK (st.st_mode) && !w->follow_links)
    {
      warn (w, path, BS_ERROR_NOT_MAIL, "a symbolic link; not followed");
      return TRUE;
    }
  if (S_ISLNK (st.st_mode) && g_stat (path, &st) != 0)
    {
      warn (w, path, BS_ERROR_UNREADABLE, "%s", g_strerror (errno));
      return TRUE;
    }
  if (unchanged (w, path, &st))
    return TRUE;
  BsSourceKind kind;
  g_autoptr (GError) error = NULL;
  if (!detect (path, w->follow_links, &kind, &error))
    {
      if (w->warn)
        w->warn (path, error, w->user);
      return TRUE;
    }
  return walk_kind (path, kind, w->follow_links, depth, w);
}

static gboolean
read_stdin (const BsWalker *w, GError **error)
{
  GByteArray *buf = g_byte_array_new ();
  char block[65536];
  gint64 total = 0;
  for (;;)
    {
      /* waited for in short steps: a signal (caught by any thread) stops
       * a wait for input that never comes; nothing half read is kept */
      struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
      int ready = poll (&pfd, 1, BS_POLL_MS);
      if (cancelled (w))
        {
          g_byte_array_unref (buf);
          return TRUE;
        }
      if (ready == 0 || (ready < 0 && errno == EINTR))
        continue;
      gssize n = read (STDIN_FILENO, block, sizeof block);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          g_set_error (error, BS_ERROR, BS_ERROR_UNREADABLE, "standard input: %s", g_strerror (errno));
          g_byte_array_unref (buf);
          return FALSE;
        }
      if (n == 0)
        break;
      total += n;
      if (buf->len < BS_MAX_MESSAGE_BYTES)
        g_byte_array_append (buf, (const guint8 *) block, (guint) MIN ((gsize) n, BS_MAX_MESSAGE_BYTES - buf->len));
    }
  if (buf->len == 0)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_NOT_MAIL, "standard input: empty");
      g_byte_array_unref (buf);
      return FALSE;
    }
  guint8 nul = 0;
  g_byte_array_append (buf, &nul, 1);
  BsItem item = { "-", "stdin", 0, 0, (const char *) buf->data, buf->len - 1, total, NULL, NULL };
  if (w->item)
    w->item (&item, w->user);
  g_byte_array_unref (buf);
  return TRUE;
}

gboolean
bs_source_walk (const char *path, const BsWalker *w, GError **error)
{
  if (strcmp (path, "-") == 0)
    return read_stdin (w, error);
  /* an unchanged file given by name is not opened either */
  GStatBuf st;
  if (g_stat (path, &st) == 0 && unchanged (w, path, &st))
    return TRUE;
  BsSourceKind kind;
  if (!detect (path, TRUE, &kind, error))
    return FALSE;
  GHashTable *outer = walk_seen;
  walk_seen = w->follow_links ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) : NULL;
  walk_kind (path, kind, TRUE, 0, w);
  g_clear_pointer (&walk_seen, g_hash_table_unref);
  walk_seen = outer;
  return TRUE;
}
