/* source_live.h - is the last message of a mailbox file whole, or is a
 * delivery still writing it?  (the walk's, source.c)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include <sys/stat.h>

G_BEGIN_DECLS

/* a file not changed for this long has no writer left (procmail breaks a
 * dot-lock after 17 minutes, Postfix after 500 seconds) */
#define BS_STALE_SECONDS 600
/* a writer that goes on writes again within this: a file changed more
 * recently is watched until it has been quiet for so long */
#define BS_QUIET_MS 1000

/* bs_last_message_waits - TRUE when the message at the end of the file
 * open as fd (msg, len: its bytes as read; cut when part of it was let go
 * for its size) must wait for the next scan:
 * - the file grew or changed since at_open (its fstat when opened);
 * - while the file is not stale (written within BS_STALE_SECONDS), a
 *   writer holds a lock on it (fcntl, flock or an open file description
 *   lock, or a fresh dot-lock path.lock), or (mbox only) its end is no
 *   clean message boundary: it stops in the middle of a line, or it is a
 *   MIME multipart without its closing delimiter;
 * - when it cannot be told whole by its closing delimiter (and, in an
 *   mbox, the blank line after it), the file changes within a quiet moment
 *   (BS_QUIET_MS) that this waits for, looking at *cancelled (may be NULL):
 *   a wait cancelled is a message that waits too. */
gboolean bs_last_message_waits (int fd, const char *path, const struct stat *at_open,
                                const char *msg, gsize len, gboolean mbox, gboolean cut,
                                const gint *cancelled);

/* bs_live_walk_begin - a walk starts in this thread: the lock table
 * (/proc/locks) it reads is kept for BS_QUIET_MS and shared by the files
 * it judges until bs_live_walk_end (outer: what begin returned, the table
 * of a walk this one runs inside) */
gpointer bs_live_walk_begin (void);
void bs_live_walk_end (gpointer outer);

G_END_DECLS
