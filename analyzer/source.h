/* source.h - what a path is (Maildir, mbox, MH, folder, one file, stdin),
 * and the messages it holds, read strictly read-only
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

typedef enum {
  BS_SOURCE_FILE,     /* one message in one file */
  BS_SOURCE_MBOX,     /* From_-separated messages (mboxo, mboxrd) */
  BS_SOURCE_MAILDIR,  /* cur/ and new/, Maildir++ subfolders */
  BS_SOURCE_MH,       /* numbered files */
  BS_SOURCE_FOLDER,   /* any folder of message files, recursively */
  BS_SOURCE_STDIN,    /* "-": one message on standard input */
} BsSourceKind;

const char *bs_source_kind_name (BsSourceKind kind);

/* One message, valid for the duration of the item callback. */
typedef struct {
  const char *path;   /* the message file, or the mbox */
  const char *key;    /* identity in its source: a Maildir message keeps its
                         key when its flags or folder (new/ -> cur/) change */
  guint index;        /* 1-based number inside an mbox, 0 elsewhere */
  gint64 offset;      /* byte offset of the message inside an mbox */
  const char *data;   /* the message's bytes (From_ line removed, mboxrd
                         quoting undone), at most BS_MAX_MESSAGE_BYTES */
  gsize len;
  gint64 size;        /* the message's full size in its source */
  char **take;        /* NULL, or where the walk keeps data's allocation
                         (len + 1 bytes, NUL-terminated): the item callback
                         may take it over (and set *take to NULL) instead
                         of copying the bytes */
} BsItem;

/* What a walk asks of its caller; every callback may be NULL. */
typedef struct {
  /* skip_file - TRUE to skip a message file (key, size, mtime) that an
   * earlier run read and that has not changed */
  gboolean (*skip_file) (const char *key, gint64 size, gint64 mtime, gpointer user);
  /* mbox_resume - byte offset to start reading an mbox at (0 = start), and
   * the index of the message found there; fingerprint is a hash of the
   * file's first 4 KB */
  gint64 (*mbox_resume) (const char *path, gint64 size, gint64 mtime,
                         const char *fingerprint, guint *next_index, gpointer user);
  /* file_done - a file (message or mbox) was read to its end */
  void (*file_done) (const char *key, gint64 size, gint64 mtime, gint64 offset,
                     guint next_index, const char *fingerprint, gpointer user);
  /* warn - a path inside the walk that was skipped, and why */
  void (*warn) (const char *path, const GError *error, gpointer user);
  /* item - one message; return FALSE to stop the walk */
  gboolean (*item) (const BsItem *item, gpointer user);
  gpointer user;
  gboolean follow_links;      /* follow symbolic links inside the tree */
  const gint *cancelled;      /* stop when *cancelled becomes non-zero */
} BsWalker;

/* bs_source_detect - what path is; FALSE with BS_ERROR_NOT_FOUND,
 * BS_ERROR_UNREADABLE or BS_ERROR_NOT_MAIL when it is none of them */
gboolean bs_source_detect (const char *path, BsSourceKind *kind, GError **error);

/* bs_source_walk - call w->item for every message under path; problems with
 * entries inside go to w->warn and the walk goes on; FALSE with error only
 * when path itself cannot be read */
gboolean bs_source_walk (const char *path, const BsWalker *w, GError **error);

G_END_DECLS
