/* scan.h - drive paths -> messages -> records -> store or printer
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "record.h"
#include "store.h"

G_BEGIN_DECLS

typedef struct {
  BsStore *store;       /* NULL: nothing is stored (dump, explain) */
  gint64 run_id;        /* the store's run, when store is set */
  guint threads;        /* workers that parse; 0 = one per processor */
  gboolean follow_links;
  const gint *cancelled;
  /* record - every record of every message, in order (may be NULL) */
  void (*record) (const BsRecord *record, gpointer user);
  /* undecodable - a message that could not be read as a bounce, and why */
  void (*undecodable) (const char *source, guint index, const char *why, gpointer user);
  /* warn - a path or message skipped, and why */
  void (*warn) (const char *path, const GError *error, gpointer user);
  /* progress - called after each message with the running totals */
  void (*progress) (const BsScanStats *stats, gpointer user);
  gpointer user;
} BsScanOptions;

/* bs_scan_default_threads - the default number of workers: the processors */
guint bs_scan_default_threads (void);

/* bs_scan_path - read every message under path; FALSE with error when path
 * itself cannot be read (what is inside goes to warn) or the store fails */
gboolean bs_scan_path (const char *path, const BsScanOptions *options,
                       BsScanStats *stats, GError **error);

/* bs_scan_estimate - add to *bytes what a scan of path would read: the
 * sizes of the message files that changed since the store's last scan and
 * of the unread part of each mbox.  Opens no message (an mbox's first bytes
 * only).  FALSE for "-" (standard input is read once) or a path that cannot
 * be read.  For a progress line's "time left". */
gboolean bs_scan_estimate (const char *path, const BsScanOptions *options, guint64 *bytes);

G_END_DECLS
