/* output.c - report files written whole or not at all (see output.h): the
 * target's kind, the temporary files (unnamed where the kernel can, else
 * named and locked) and the removal of those a killed run left
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "bs.h"

/* bytes gathered before one write(2) */
#define OUT_BUFFER (256u * 1024u)

/* bytes written between two requests to start writing them to the disk:
 * a big file (failures.csv) goes to the disk while it is made, so that the
 * fsync at the end waits for its tail only */
#define OUT_WRITEBACK (16u * 1024u * 1024u)

/* what names our temporary files: ".<final name>" TEMP_MARK "XXXXXX" */
#define TEMP_MARK ".bs-tmp-"

#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

struct _BsOutFile {
  char *path;
  char *dir;
  char *tmp;         /* the temporary file's name; NULL while unnamed (O_TMPFILE) */
  int fd;            /* where bs_out_write writes: the temporary file, or the target */
  gboolean direct;   /* fd is the target itself (a device, a FIFO, a terminal) */
  char *side;        /* direct: a named temporary file for a library, copied at commit */
  int side_fd;
  int err;           /* first errno of a failed write, 0 if none */
  gboolean synced;   /* flushed and fsync()ed, nothing written since */
  gint64 written;    /* bytes written to fd */
  gint64 kicked;     /* bytes of them whose writeback was started */
  GString *buf;
  const gint *cancelled;   /* non-zero: a signal, stop (bs_out_open) */
};

/* ---- the target ---------------------------------------------------------- */

typedef enum { TARGET_RENAME, TARGET_DIRECT } Target;

/* a link into /proc (/dev/stdout, /dev/fd/N, /proc/self/fd/N): what it
 * names is a process's open file, never a name to replace */
static gboolean
proc_link (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statfs fs;
  if (statfs (dir, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC)
    return TRUE;
  char link[64];
  ssize_t n = readlink (path, link, sizeof link - 1);
  if (n <= 0)
    return FALSE;
  link[n] = '\0';
  return g_str_has_prefix (link, "/proc/");
}

/* how path is written: a regular file (or nothing yet, or a symbolic link
 * to a file, which is replaced, not followed) by rename; a character
 * device, a FIFO, or an open file of a /proc link written directly; other
 * kinds refused */
static gboolean
target_kind (const char *path, Target *target, GError **error)
{
  struct stat st;
  *target = TARGET_RENAME;
  if (lstat (path, &st) != 0)
    {
      int e = errno;
      if (e == ENOENT)
        return TRUE;
      g_set_error (error, BS_ERROR, BS_ERROR_WRITE, "cannot write %s: %s", path, g_strerror (e));
      return FALSE;
    }
  if (S_ISLNK (st.st_mode))
    {
      gboolean magic = proc_link (path);
      if (stat (path, &st) != 0 || (S_ISREG (st.st_mode) && !magic))
        return TRUE;   /* a dangling link, or a link to a file: replaced */
      if (S_ISREG (st.st_mode))
        {
          *target = TARGET_DIRECT;
          return TRUE;
        }
    }
  if (S_ISREG (st.st_mode))
    return TRUE;
  if (S_ISCHR (st.st_mode) || S_ISFIFO (st.st_mode))
    {
      *target = TARGET_DIRECT;
      return TRUE;
    }
  const char *what = S_ISDIR (st.st_mode) ? "a folder" : S_ISBLK (st.st_mode) ? "a block device"
                     : S_ISSOCK (st.st_mode) ? "a socket" : "not a file";
  g_set_error (error, BS_ERROR, BS_ERROR_WRITE,
               "cannot write %s: it is %s (a report goes to a file, a FIFO or a character device)",
               path, what);
  return FALSE;
}

/* the number of the open file of ours that path names (/dev/stdout,
 * /dev/fd/N, /proc/self/fd/N), or -1 */
static int
own_fd (const char *path)
{
  char link[64];
  const char *number = NULL;
  ssize_t n = readlink (path, link, sizeof link - 1);
  if (n > 0)
    {
      link[n] = '\0';
      if (g_str_has_prefix (link, "/proc/self/fd/"))
        number = link + strlen ("/proc/self/fd/");
    }
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *real = realpath (dir, NULL);
  g_autofree char *mine = g_strdup_printf ("/proc/%d/fd", (int) getpid ());
  if (number == NULL && real != NULL && strcmp (real, mine) == 0)
    number = base;
  guint64 fd;
  if (number == NULL || !g_ascii_string_to_unsigned (number, 10, 0, G_MAXINT, &fd, NULL))
    return -1;
  return (int) fd;
}

/* the target opened for writing as it is: an open file of ours taken as
 * it is (its offset, its append mode), anything else never waiting for a
 * FIFO's reader, never becoming the controlling terminal */
static int
open_direct (const char *path, GError **error)
{
  int own = own_fd (path);
  int fd = own >= 0 ? fcntl (own, F_DUPFD_CLOEXEC, 3)
                    : open (path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  struct stat st;
  if (own < 0 && fd >= 0 && fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && ftruncate (fd, 0) != 0)
    {
      /* another process's file reached through /proc: written from its start */
      close (fd);
      fd = -1;
    }
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, BS_ERROR, BS_ERROR_WRITE, "cannot write %s: %s", path,
                   e == ENXIO ? "no process reads this FIFO" : g_strerror (e));
      return -1;
    }
  int flags = own < 0 ? fcntl (fd, F_GETFL) : -1;
  if (flags >= 0)
    (void) fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

/* ---- temporary files ----------------------------------------------------- */

/* files named as an earlier bouncescan named its temporary files,
 * ".report.html.XXXXXX", unlocked while written: taken for stale only
 * when this old */
#define LEGACY_STALE_SECONDS (6 * 3600)

/* is name one of our temporary files? ".<name>" TEMP_MARK and 6
 * characters; or, when this run writes base, ".<base>.XXXXXX" of an earlier
 * version */
static gboolean
temp_name (const char *name, const char *base, gboolean *legacy)
{
  const char *mark = name[0] == '.' ? g_strrstr (name, TEMP_MARK) : NULL;
  *legacy = FALSE;
  if (mark != NULL && mark > name + 1 && strlen (mark + strlen (TEMP_MARK)) == 6)
    return TRUE;
  gsize n = base != NULL ? strlen (base) : 0;
  if (n == 0 || name[0] != '.' || strncmp (name + 1, base, n) != 0 || name[n + 1] != '.'
      || strlen (name + n + 2) != 6)
    return FALSE;
  /* mkstemp's six letters and digits: a word (".report.html.backup") is
   * not taken for one */
  gboolean digit = FALSE, upper = FALSE;
  for (const char *p = name + n + 2; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return FALSE;
      digit = digit || g_ascii_isdigit (*p);
      upper = upper || g_ascii_isupper (*p);
    }
  *legacy = digit && upper;
  return *legacy;
}

/* remove from dir the temporary files that a killed run left: ours (by
 * name and owner), and not locked, so no live writer holds them */
static void
remove_stale (const char *dir, const char *base)
{
  DIR *d = opendir (dir);
  if (d == NULL)
    return;
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  struct dirent *e;
  while ((e = readdir (d)) != NULL)
    {
      struct stat st, now;
      gboolean legacy;
      if (!temp_name (e->d_name, base, &legacy)
          || fstatat (dirfd (d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0
          || !S_ISREG (st.st_mode) || st.st_uid != geteuid ()
          || (legacy && now_s - (gint64) st.st_mtime < LEGACY_STALE_SECONDS))
        continue;
      int fd = openat (dirfd (d), e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0 && fstat (fd, &now) == 0 && now.st_ino == st.st_ino
          && now.st_dev == st.st_dev)
        (void) unlinkat (dirfd (d), e->d_name, 0);   /* under our lock: its writer is gone */
      close (fd);
    }
  closedir (d);
}

/* a named temporary file for path in dir, locked as long as it is open (a
 * file a remover took from us between its making and our lock has no name:
 * made again) */
static int
make_named (const char *dir, const char *path, char **name, GError **error)
{
  g_autofree char *base = g_path_get_basename (path);
  for (int attempt = 0; attempt < 8; attempt++)
    {
      g_autofree char *tmpl = g_strdup_printf ("%s/.%s" TEMP_MARK "XXXXXX", dir, base);
      int fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int e = errno;
          g_set_error (error, BS_ERROR, BS_ERROR_WRITE, "cannot create a file in %s: %s", dir,
                       g_strerror (e));
          return -1;
        }
      struct stat st;
      int locked = flock (fd, LOCK_EX);
      if (locked != 0 || (fstat (fd, &st) == 0 && st.st_nlink > 0))
        {
          *name = g_steal_pointer (&tmpl);
          return fd;   /* (a file system without locks has no remover either) */
        }
      close (fd);
    }
  g_set_error (error, BS_ERROR, BS_ERROR_WRITE, "cannot keep a file in %s", dir);
  return -1;
}

/* an unnamed temporary file in dir (O_TMPFILE), locked: nothing of it is
 * left if the run is killed; -1 where the kernel or the file system has
 * none, or no /proc to give it a name later */
static int
make_unnamed (const char *dir)
{
#ifdef O_TMPFILE
  if (access ("/proc/self/fd", X_OK) != 0)
    return -1;
  int fd = open (dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0)
    (void) flock (fd, LOCK_EX);
  return fd;
#else
  (void) dir;
  return -1;
#endif
}

/* give out's unnamed file a temporary name beside its target (still
 * locked, so no remover takes it before the rename) */
static gboolean
name_unnamed (BsOutFile *out)
{
  g_autofree char *base = g_path_get_basename (out->path);
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", out->fd);
  static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (int attempt = 0; attempt < 100; attempt++)
    {
      char tail[7];
      for (int i = 0; i < 6; i++)
        tail[i] = chars[g_random_int_range (0, (gint32) sizeof chars - 1)];
      tail[6] = '\0';
      g_autofree char *name = g_strdup_printf ("%s/.%s" TEMP_MARK "%s", out->dir, base, tail);
      if (linkat (AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0)
        {
          out->tmp = g_steal_pointer (&name);
          return TRUE;
        }
      if (errno != EEXIST)
        break;
    }
  if (out->err == 0)
    out->err = errno != 0 ? errno : EEXIST;
  return FALSE;
}

/* ---- writing ------------------------------------------------------------- */

BsOutFile *
bs_out_open (const char *path, const gint *cancelled, GError **error)
{
  Target target;
  if (!target_kind (path, &target, error))
    return NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  int fd;
  if (target == TARGET_DIRECT)
    fd = open_direct (path, error);
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      remove_stale (dir, base);
      fd = make_unnamed (dir);
      if (fd < 0)
        fd = make_named (dir, path, &tmp, error);
    }
  if (fd < 0)
    return NULL;
  BsOutFile *out = g_new0 (BsOutFile, 1);
  out->path = g_strdup (path);
  out->dir = g_steal_pointer (&dir);
  out->tmp = g_steal_pointer (&tmp);
  out->fd = fd;
  out->direct = target == TARGET_DIRECT;
  out->side_fd = -1;
  out->buf = g_string_sized_new (OUT_BUFFER);
  out->cancelled = cancelled;
  return out;
}

const char *
bs_out_temp_path (BsOutFile *out)
{
  if (out->direct)
    {
      /* the library writes a file; it is copied into the target at commit */
      if (out->side == NULL && out->err == 0)
        {
          const char *tmpdir = g_get_tmp_dir ();
          remove_stale (tmpdir, NULL);
          out->side_fd = make_named (tmpdir, out->path, &out->side, NULL);
          if (out->side_fd < 0)
            out->err = errno != 0 ? errno : EIO;
        }
      return out->side;
    }
  if (out->tmp == NULL && out->err == 0)
    (void) name_unnamed (out);
  return out->tmp;
}

static gboolean
out_cancelled (BsOutFile *out)
{
  if (out->cancelled == NULL || g_atomic_int_get (out->cancelled) == 0)
    return FALSE;
  if (out->err == 0)
    out->err = EINTR;
  return TRUE;
}

static void
write_all (BsOutFile *out, const char *p, gsize left)
{
  while (left > 0 && out->err == 0 && !out_cancelled (out))
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
}

static void
flush_buffer (BsOutFile *out)
{
  write_all (out, out->buf->str, out->buf->len);
  g_string_truncate (out->buf, 0);
#ifdef SYNC_FILE_RANGE_WRITE
  if (!out->direct && out->err == 0 && out->written - out->kicked >= (gint64) OUT_WRITEBACK)
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
  if (out->side_fd >= 0)
    close (out->side_fd);
  if (out->side != NULL)
    g_unlink (out->side);
  g_string_free (out->buf, TRUE);
  g_free (out->side);
  g_free (out->tmp);
  g_free (out->dir);
  g_free (out->path);
  g_free (out);
}

void
bs_out_sync (BsOutFile *out)
{
  flush_buffer (out);
  /* a device, a FIFO or a terminal has nothing to sync (EINVAL) */
  if (out->err == 0 && !out->synced && fsync (out->fd) != 0 && errno != EINVAL)
    out->err = errno;
  out->synced = TRUE;
}

/* direct: the library's file copied into the target */
static void
copy_side (BsOutFile *out)
{
  if (out->side == NULL || out->err != 0)
    return;
  if (out->side_fd < 0)
    {
      out->err = EIO;
      return;
    }
  char block[64 * 1024];
  off_t at = 0;
  for (;;)
    {
      ssize_t n = pread (out->side_fd, block, sizeof block, at);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        out->err = errno;
      if (n <= 0)
        break;
      write_all (out, block, (gsize) n);
      at += n;
    }
}

gboolean
bs_out_commit (BsOutFile *out, GError **error)
{
  if (out->direct)
    {
      flush_buffer (out);
      copy_side (out);
    }
  bs_out_sync (out);
  if (!out->direct && out->err == 0 && out->tmp == NULL)
    (void) name_unnamed (out);
  /* renamed while the file is open, and so locked: no remover takes it;
   * after a signal, not put in place */
  if (!out->direct && out->err == 0 && !out_cancelled (out))
    {
      if (rename (out->tmp, out->path) != 0)
        out->err = errno;
      else
        g_clear_pointer (&out->tmp, g_free);
    }
  if (out->err == 0 && close (out->fd) != 0 && errno != EINTR)
    out->err = errno;
  out->fd = -1;
  if (out->err != 0)
    {
      g_autofree char *base = g_path_get_basename (out->path);
      if (out->err == EINTR && out_cancelled (out))
        g_set_error (error, BS_ERROR, BS_ERROR_INTERRUPTED, "interrupted: %s not written", base);
      else
        g_set_error (error, BS_ERROR, BS_ERROR_WRITE, "writing %s: %s",
                     base, g_strerror (out->err));
      bs_out_abort (out);
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
  if (out->tmp != NULL && !out->direct)
    g_unlink (out->tmp);
  out_free (out);
}
