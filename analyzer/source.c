/* source.c - what a path is, and the walk over what it holds
 *
 * Owns the detection of what a path is (a Maildir, an MH folder, any
 * folder, an mbox, one message file, standard input), the walk's dispatch
 * to the parts that read each (source_folder.c, source_mbox.c,
 * source_file.c), what they share (the opening of files and folders, the
 * links already followed, warnings, cancellation), and standard input.
 * Strictly read-only: files are opened O_RDONLY|O_NONBLOCK, never through a
 * link unless asked, without moving their access time where the user may;
 * nothing is ever written, renamed or touched.  FIFOs, sockets and devices
 * are skipped without opening them; an unchanged file is skipped on its
 * stat alone, never opened.  A signal stops a wait on standard input.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "source_walk.h"
#include "source_live.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <dirent.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

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

gboolean
bs_walk_seen_before (const BsWalker *w, const struct stat *st)
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

gboolean
bs_walk_cancelled (const BsWalker *w)
{
  return w->cancelled != NULL && g_atomic_int_get (w->cancelled) != 0;
}

void
bs_walk_warn (const BsWalker *w, const char *path, BsError code, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_autoptr (GError) e = g_error_new_literal (BS_ERROR, code, msg);
  if (w->warn)
    w->warn (path, e, w->user);
}

/* open with O_NOATIME where the user may: the owner of the file (or a
 * process with CAP_FOWNER); anyone else gets EPERM and opens it as it is */
static int
open_noatime (const char *path, int flags)
{
  int fd = open (path, flags | O_NOATIME);
  if (fd < 0 && errno == EPERM)
    fd = open (path, flags);
  return fd;
}

int
bs_source_open (const char *path, gboolean follow)
{
  return open_noatime (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (follow ? 0 : O_NOFOLLOW));
}

int
bs_walk_open_folder (const char *path)
{
  return open_noatime (path, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
}

gssize
bs_walk_read_all (int fd, char *buf, gsize max)
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
  gssize got = bs_walk_read_all (fd, buf, BS_SNIFF_BYTES);
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

gboolean
bs_walk_is_dir (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

gboolean
bs_walk_all_digits (const char *s)
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
  int fd = bs_walk_open_folder (path);
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
      if (bs_walk_all_digits (name) && !bs_walk_is_dir (full))
        numeric++;
      else if (name[0] != '.' && !bs_walk_is_dir (full))
        other++;
    }
  closedir (dir);
  return numeric > 0 && other == 0;
}

gboolean
bs_walk_looks_like_maildir (const char *path)
{
  g_autofree char *cur = g_build_filename (path, "cur", NULL);
  g_autofree char *new = g_build_filename (path, "new", NULL);
  return bs_walk_is_dir (cur) || bs_walk_is_dir (new);
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
      *kind = bs_walk_looks_like_maildir (path) ? BS_SOURCE_MAILDIR
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
      if (g_stat (path, &st) == 0 && bs_walk_seen_before (w, &st))
        {
          bs_walk_warn (w, path, BS_ERROR_NOT_MAIL,
                "a folder already read (a link loop, or a second link to it); skipped");
          return TRUE;
        }
    }
  switch (kind)
    {
    case BS_SOURCE_MAILDIR:
      return bs_walk_maildir (path, depth, w);
    case BS_SOURCE_MH: /* numbered files, sub-folders: a folder walk reads both */
    case BS_SOURCE_FOLDER:
      return bs_walk_folder (path, depth, w);
    case BS_SOURCE_MBOX:
      return bs_walk_mbox (path, follow, w);
    case BS_SOURCE_FILE:
      return bs_walk_file (path, path, follow, w);
    case BS_SOURCE_STDIN:
      break;
    }
  return TRUE;
}

gboolean
bs_walk_any (const char *path, int depth, const BsWalker *w)
{
  GStatBuf st;
  if (g_lstat (path, &st) != 0)
    {
      bs_walk_warn (w, path, BS_ERROR_UNREADABLE, "%s", g_strerror (errno));
      return TRUE;
    }
  if (S_ISLNK (st.st_mode) && !w->follow_links)
    {
      bs_walk_warn (w, path, BS_ERROR_NOT_MAIL, "a symbolic link; not followed");
      return TRUE;
    }
  if (S_ISLNK (st.st_mode) && g_stat (path, &st) != 0)
    {
      bs_walk_warn (w, path, BS_ERROR_UNREADABLE, "%s", g_strerror (errno));
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
      /* a file that holds no mail (an index, notes, an empty mbox) is
       * remembered as a message file is: not opened again while it does
       * not change */
      if (S_ISREG (st.st_mode) && g_error_matches (error, BS_ERROR, BS_ERROR_NOT_MAIL)
          && w->file_done != NULL)
        w->file_done (path, st.st_size, st.st_mtime, st.st_size, 0, NULL, NULL, w->user);
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
      if (bs_walk_cancelled (w))
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
  gpointer outer_locks = bs_live_walk_begin ();
  walk_kind (path, kind, TRUE, 0, w);
  bs_live_walk_end (outer_locks);
  g_clear_pointer (&walk_seen, g_hash_table_unref);
  walk_seen = outer;
  return TRUE;
}
