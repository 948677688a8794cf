/* source_live.c - the last message of a file a delivery may be writing
 *
 * Owns the judgement of the walk (source.c) on the message at the end of
 * an mbox or a message file when a history will read the file again: is it
 * whole, or is a delivery still writing it?  Looked at, never taken: locks
 * are read (fcntl F_GETLK, /proc/locks for flock and open file description
 * locks: read once a second at most by a walk), a dot-lock is looked at,
 * nothing of the mailbox is written.
 * Deliveries lock in every way or not at all, so a message also waits when
 * the file changed since it was opened, when its end is no clean message
 * boundary, and, when it cannot be told whole by its MIME structure, when
 * the file changes again within a quiet moment (BS_QUIET_MS).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "source_live.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>


/* bytes of a header block searched for its Content-Type */
#define HEAD_MAX (64 * 1024)
/* lines of /proc/locks read at most (a server with more is not waited on) */
#define LOCKS_MAX_LINES 100000

static gboolean
changed (const struct stat *a, const struct stat *b)
{
  return a->st_size != b->st_size || a->st_mtim.tv_sec != b->st_mtim.tv_sec
         || a->st_mtim.tv_nsec != b->st_mtim.tv_nsec;
}

/* the files /proc/locks lists with a write lock (flock, POSIX or OFD), as
 * its "major:minor:inode" words, read once and kept for BS_QUIET_MS: a walk
 * asks for every fresh file (a new MH folder: every message), and one read
 * of a busy server's table costs more than the file.  Set by
 * bs_live_walk_begin for the walk running in this thread. */
typedef struct {
  GHashTable *files;
  gint64 read_at;   /* g_get_monotonic_time () of the read, 0: never */
} LockTable;

static __thread LockTable *walk_locks;

static void
lock_table_read (LockTable *t)
{
  g_hash_table_remove_all (t->files);
  t->read_at = g_get_monotonic_time ();
  FILE *f = fopen ("/proc/locks", "re");
  if (f == NULL)
    return;
  char line[256];
  for (int n = 0; n < LOCKS_MAX_LINES && fgets (line, sizeof line, f) != NULL; n++)
    {
      /* "1: FLOCK  ADVISORY  WRITE 1234 08:02:131 0 EOF"; a waiter's
       * line has "->" before its type */
      char *write = strstr (line, " WRITE ");
      if (strstr (line, "->") != NULL || write == NULL)
        continue;
      char pid[32], file[64];
      if (sscanf (write, " WRITE %31s %63s", pid, file) == 2)
        g_hash_table_add (t->files, g_strdup (file));
    }
  fclose (f);
}

/* does /proc/locks list a write lock on the file? */
static gboolean
proc_write_lock (const struct stat *st)
{
  LockTable once = { NULL, 0 };
  LockTable *t = walk_locks != NULL ? walk_locks : &once;
  if (t->files == NULL)
    t->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (t->read_at == 0 || g_get_monotonic_time () - t->read_at >= BS_QUIET_MS * 1000)
    lock_table_read (t);
  char want[64];
  g_snprintf (want, sizeof want, "%02x:%02x:%ju", major (st->st_dev), minor (st->st_dev),
              (uintmax_t) st->st_ino);
  gboolean found = g_hash_table_contains (t->files, want);
  if (t == &once)
    g_hash_table_unref (once.files);
  return found;
}

gpointer
bs_live_walk_begin (void)
{
  LockTable *outer = walk_locks;
  walk_locks = g_new0 (LockTable, 1);
  return outer;
}

void
bs_live_walk_end (gpointer outer)
{
  if (walk_locks != NULL)
    {
      g_clear_pointer (&walk_locks->files, g_hash_table_unref);
      g_free (walk_locks);
    }
  walk_locks = outer;
}

/* is a delivery holding a lock on the file? */
static gboolean
locked (int fd, const char *path, const struct stat *st)
{
  struct flock lk = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
  if (fcntl (fd, F_GETLK, &lk) == 0 && lk.l_type == F_WRLCK)
    return TRUE;
  if (proc_write_lock (st))
    return TRUE;
  g_autofree char *dotlock = g_strconcat (path, ".lock", NULL);
  struct stat ds;
  return lstat (dotlock, &ds) == 0
         && g_get_real_time () / G_USEC_PER_SEC - ds.st_mtime < BS_STALE_SECONDS;
}

/* the top-level Content-Type field of msg, unfolded, or NULL */
static char *
content_type (const char *msg, gsize len)
{
  const char *end = msg + MIN (len, (gsize) HEAD_MAX);
  for (const char *line = msg; line < end && *line != '\n' && *line != '\r';)
    {
      const char *nl = memchr (line, '\n', (gsize) (end - line));
      if (nl == NULL)
        return NULL;
      if (g_ascii_strncasecmp (line, "content-type:", 13) == 0)
        {
          /* with its continuation lines */
          const char *stop = nl;
          while (stop + 1 < end && (stop[1] == ' ' || stop[1] == '\t'))
            {
              const char *next = memchr (stop + 1, '\n', (gsize) (end - stop - 1));
              if (next == NULL)
                break;
              stop = next;
            }
          char *value = g_strndup (line + 13, (gsize) (stop - line - 13));
          for (char *p = value; *p; p++)
            if (*p == '\r' || *p == '\n' || *p == '\t')
              *p = ' ';
          return value;
        }
      line = nl + 1;
    }
  return NULL;
}

/* the boundary of a top-level multipart message, or NULL */
static char *
multipart_boundary (const char *msg, gsize len)
{
  g_autofree char *type = content_type (msg, len);
  if (type == NULL)
    return NULL;
  g_strstrip (type);
  if (g_ascii_strncasecmp (type, "multipart/", 10) != 0)
    return NULL;
  const char *b = type;
  while ((b = strchr (b, '=')) != NULL)
    {
      const char *k = b;
      while (k > type && k[-1] == ' ')
        k--;
      if (k - type >= 8 && g_ascii_strncasecmp (k - 8, "boundary", 8) == 0)
        break;
      b++;
    }
  if (b == NULL)
    return NULL;
  b++;
  while (*b == ' ')
    b++;
  gboolean quoted = *b == '"';
  if (quoted)
    b++;
  gsize blen = quoted ? strcspn (b, "\"") : strcspn (b, " ;");
  return blen > 0 && blen <= 200 ? g_strndup (b, blen) : NULL;
}

/* a clean end: on a line end, and for a multipart its closing delimiter
 * ("--boundary--" at the start of a line); *proven when that delimiter says
 * the message is whole and (an mbox's message) the blank line that ends it
 * follows: the file need not be watched for a quiet moment */
static gboolean
clean_end (const char *msg, gsize len, gboolean mbox, gboolean cut, gboolean *proven)
{
  *proven = FALSE;
  if (len == 0 || msg[len - 1] != '\n')
    return FALSE;
  g_autofree char *boundary = multipart_boundary (msg, len);
  if (boundary == NULL || cut)
    return TRUE;
  g_autofree char *close = g_strconcat ("\n--", boundary, "--", NULL);
  if (g_strstr_len (msg, (gssize) len, close) == NULL)
    return FALSE;
  *proven = !mbox || (len >= 2 && msg[len - 2] == '\n')
            || (len >= 3 && msg[len - 2] == '\r' && msg[len - 3] == '\n');
  return TRUE;
}

/* wait until the file has not changed for BS_QUIET_MS (at most that long
 * from now); FALSE when it changed or the wait was cancelled */
static gboolean
wait_quiet (int fd, const struct stat *at_open, const gint *cancelled)
{
  gint64 deadline = g_get_real_time () + BS_QUIET_MS * 1000;
  for (;;)
    {
      struct stat now;
      if (fstat (fd, &now) != 0 || changed (at_open, &now))
        return FALSE;
      gint64 t = g_get_real_time ();
      gint64 mtime = (gint64) now.st_mtim.tv_sec * G_USEC_PER_SEC + now.st_mtim.tv_nsec / 1000;
      if (t - mtime >= BS_QUIET_MS * 1000 || t >= deadline)
        return TRUE;
      if (cancelled != NULL && g_atomic_int_get (cancelled))
        return FALSE;
      g_usleep ((gulong) MIN (deadline - t, 50 * 1000));
    }
}

gboolean
bs_last_message_waits (int fd, const char *path, const struct stat *at_open, const char *msg,
                       gsize len, gboolean mbox, gboolean cut, const gint *cancelled)
{
  struct stat now;
  if (fstat (fd, &now) != 0 || changed (at_open, &now))
    return TRUE;
  /* a file not written for BS_STALE_SECONDS has no writer left: a lock
   * still held then is a process's that only keeps it */
  gboolean stale = g_get_real_time () / G_USEC_PER_SEC - now.st_mtime >= BS_STALE_SECONDS;
  if (!stale && locked (fd, path, &now))
    return TRUE;
  gboolean proven = FALSE;
  gboolean clean = clean_end (msg, len, mbox, cut, &proven);
  if (mbox && !clean)
    return !stale;
  return !proven && !wait_quiet (fd, at_open, cancelled);
}
