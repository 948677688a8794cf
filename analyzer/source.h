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
  const char *tail;   /* an mbox's message: the tail hash (bs_source_tail_hash)
                         at its end when the walker wants it, NULL elsewhere */
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
   * file's first 4 KB, fd the mbox open (for bs_source_tail_hash: the path
   * is never opened again by name) */
  gint64 (*mbox_resume) (const char *path, int fd, gint64 size, gint64 mtime,
                         const char *fingerprint, guint *next_index, gpointer user);
  /* file_done - a file (message or mbox) was read to its end, or an mbox
   * up to offset (its last message left for the next scan); tail is the
   * mbox's tail hash at offset (NULL for a message file) */
  void (*file_done) (const char *key, gint64 size, gint64 mtime, gint64 offset,
                     guint next_index, const char *fingerprint, const char *tail,
                     gpointer user);
  /* warn - a path inside the walk that was skipped, and why */
  void (*warn) (const char *path, const GError *error, gpointer user);
  /* item - one message; return FALSE to stop the walk */
  gboolean (*item) (const BsItem *item, gpointer user);
  gpointer user;
  gboolean follow_links;      /* follow symbolic links inside the tree */
  gboolean wait_complete;     /* a later walk reads again what this one leaves
                                 (a history): the last message of a file a
                                 delivery may still be writing waits for it
                                 (source_live.h) */
  gboolean want_tail;         /* an mbox's messages carry their tail hash (a
                                 history resumes from it); without it their
                                 tail is NULL and none is computed: a SHA-256
                                 and a read per message that dump has no use
                                 for (7 % of its instructions) */
  const gint *cancelled;      /* stop when *cancelled becomes non-zero */
} BsWalker;

/* bytes before an offset in an mbox that bs_source_tail_hash hashes */
#define BS_SOURCE_TAIL_BYTES 1024

/* bs_source_tail_hash - SHA-256 (hex) of the (up to) BS_SOURCE_TAIL_BYTES
 * bytes before offset in the open file fd, or NULL when offset is 0 or they
 * cannot be read: a file rewritten in place before offset has another */
char *bs_source_tail_hash (int fd, gint64 offset);

/* bs_source_open - open a file of the scanned tree to read it: read-only,
 * never blocking (a FIFO put in a mailbox's place), no controlling
 * terminal, not through a symbolic link unless follow, and without moving
 * its access time where the user may (O_NOATIME); -1 with errno */
int bs_source_open (const char *path, gboolean follow);

/* bs_source_detect - what path is; FALSE with BS_ERROR_NOT_FOUND,
 * BS_ERROR_UNREADABLE or BS_ERROR_NOT_MAIL when it is none of them */
gboolean bs_source_detect (const char *path, BsSourceKind *kind, GError **error);

/* bs_source_walk - call w->item for every message under path; problems with
 * entries inside go to w->warn and the walk goes on; FALSE with error only
 * when path itself cannot be read */
gboolean bs_source_walk (const char *path, const BsWalker *w, GError **error);

G_END_DECLS
