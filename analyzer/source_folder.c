/* source_folder.c - the messages of a folder, a Maildir or an MH folder
 *
 * Owns the listing of folders: the names of a folder in order (an MH
 * folder's numbers, then the others byte by byte), a window of names at a
 * time (FolderReader: the same memory for any size), and the walk of a
 * Maildir (cur/, new/, Maildir++ subfolders; never tmp/) and of any other
 * folder.  A Maildir's files are looked at with fstatat() relative to their
 * folder and an unchanged one is skipped on that alone: a re-scan of an
 * unchanged Maildir opens no message.  A Maildir message's key survives a
 * mail client's moves and flag changes.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "source_walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

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
      g_string_append_c (name, bs_walk_all_digits (d) ? '0' : '1');
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
  int fd = dfd >= 0 ? dup (dfd) : bs_walk_open_folder (path);
  r->dir = fd >= 0 ? fdopendir (fd) : NULL;
  if (r->dir == NULL)
    {
      int e = errno;
      if (fd >= 0)
        close (fd);
      bs_walk_warn (w, path, BS_ERROR_UNREADABLE, "%s", g_strerror (e));
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
  int dfd = bs_walk_open_folder (dir);
  if (dfd < 0)
    {
      bs_walk_warn (w, dir, BS_ERROR_UNREADABLE, "%s", g_strerror (errno));
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
  while (go_on && !bs_walk_cancelled (w) && (name = folder_next (&list)) != NULL)
    {
      struct stat st;
      if (fstatat (dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        {
          int e = errno;
          if (!(maildir && e == ENOENT)) /* moved by a mail client meanwhile */
            {
              g_autofree char *full = g_build_filename (dir, name, NULL);
              bs_walk_warn (w, full, BS_ERROR_UNREADABLE, "%s", g_strerror (e));
            }
          continue;
        }
      if (S_ISLNK (st.st_mode) && !w->follow_links)
        {
          g_autofree char *full = g_build_filename (dir, name, NULL);
          bs_walk_warn (w, full, BS_ERROR_NOT_MAIL, "a symbolic link; not followed");
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
      go_on = bs_walk_file (full, key->str, w->follow_links, w);
    }
  g_string_free (key, TRUE);
  folder_close (&list);
  close (dfd);
  return go_on;
}

gboolean
bs_walk_maildir (const char *path, int depth, const BsWalker *w)
{
  static const char *const subs[] = { "cur", "new" };
  for (gsize s = 0; s < G_N_ELEMENTS (subs); s++)
    {
      g_autofree char *sub = g_build_filename (path, subs[s], NULL);
      if (bs_walk_is_dir (sub) && !walk_files_in (sub, TRUE, w))
        return FALSE;
    }
  /* Maildir++ subfolders: ".Name" holding cur/ or new/ */
  FolderReader list;
  if (!folder_open (&list, path, -1, TRUE, w))
    return TRUE;
  gboolean go_on = TRUE;
  const char *name;
  while (go_on && !bs_walk_cancelled (w) && (name = folder_next (&list)) != NULL)
    {
      if (name[0] != '.')
        continue;
      g_autofree char *full = g_build_filename (path, name, NULL);
      GStatBuf st;
      if (g_lstat (full, &st) != 0 || !S_ISDIR (st.st_mode) || !bs_walk_looks_like_maildir (full))
        continue;
      if (depth < BS_MAX_WALK_DEPTH)
        go_on = bs_walk_maildir (full, depth + 1, w);
    }
  folder_close (&list);
  return go_on;
}

gboolean
bs_walk_folder (const char *path, int depth, const BsWalker *w)
{
  if (depth > BS_MAX_WALK_DEPTH)
    {
      bs_walk_warn (w, path, BS_ERROR_NOT_MAIL, "folders nested too deep; not read");
      return TRUE;
    }
  FolderReader list;
  if (!folder_open (&list, path, -1, TRUE, w))
    return TRUE;
  gboolean go_on = TRUE;
  const char *name;
  while (go_on && !bs_walk_cancelled (w) && (name = folder_next (&list)) != NULL)
    {
      if (strcmp (name, ".mh_sequences") == 0 || strcmp (name, ".keep") == 0)
        continue;
      if (strcmp (name, "tmp") == 0 && bs_walk_looks_like_maildir (path))
        continue;
      g_autofree char *full = g_build_filename (path, name, NULL);
      go_on = bs_walk_any (full, depth + 1, w);
    }
  folder_close (&list);
  return go_on;
}
