/* source_walk.h - what the parts of the walk (source*.c) share: not an
 * API, the walk's public face is source.h
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include <sys/stat.h>

#include "bs.h"
#include "source.h"

G_BEGIN_DECLS

#define BS_SNIFF_BYTES 4096      /* bytes read to tell what a file is */
#define BS_MAX_WALK_DEPTH 64     /* folder nesting the walk descends into */

/* source.c: the walk's own state and helpers */
gboolean bs_walk_cancelled (const BsWalker *w);
/* TRUE if st (a folder or file reached through links) was walked before */
gboolean bs_walk_seen_before (const BsWalker *w, const struct stat *st);
void bs_walk_warn (const BsWalker *w, const char *path, BsError code, const char *fmt, ...)
  G_GNUC_PRINTF (4, 5);
/* a folder of the scanned tree opened as bs_source_open opens a file */
int bs_walk_open_folder (const char *path);
/* read at most max bytes from fd; -1 with errno on error */
gssize bs_walk_read_all (int fd, char *buf, gsize max);
gboolean bs_walk_all_digits (const char *s);
gboolean bs_walk_is_dir (const char *path);
gboolean bs_walk_looks_like_maildir (const char *path);
/* an entry of a folder being walked, whatever it is */
gboolean bs_walk_any (const char *path, int depth, const BsWalker *w);

/* source_file.c: one message in one file, its key (source.h) */
gboolean bs_walk_file (const char *path, const char *key, gboolean follow, const BsWalker *w);

/* source_mbox.c: an mbox's messages */
gboolean bs_walk_mbox (const char *path, gboolean follow, const BsWalker *w);

/* source_folder.c: a Maildir (cur/, new/, Maildir++ subfolders), and any
 * other folder (an MH folder's numbered files, sub-folders) */
gboolean bs_walk_maildir (const char *path, int depth, const BsWalker *w);
gboolean bs_walk_folder (const char *path, int depth, const BsWalker *w);

G_END_DECLS
