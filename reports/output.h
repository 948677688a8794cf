/* output.h - report files written whole or not at all, mode 0600
 *
 * A report is written to a temporary file beside its final name and renamed
 * over it when complete, so a reader (or a mail attachment cron job) never
 * sees half a report, and a symbolic link at the final name is replaced,
 * not followed.  The temporary file has no name while it is written where
 * the kernel allows (O_TMPFILE), else a name of ours (".report.html.bs-tmp-
 * XXXXXX") and a lock: a killed run leaves nothing, or a file that the next
 * run writing into the folder removes.  What is not a file (/dev/null,
 * /dev/stdout, a FIFO, a terminal) is written directly, never renamed
 * over; a folder, a block device or a socket is refused.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BsOutFile BsOutFile;

/* bs_out_open - start writing path (its folder must exist); once
 * *cancelled (a signal's flag, may be NULL) is non-zero, nothing more is
 * written and commit puts nothing in place (BS_ERROR_INTERRUPTED) */
BsOutFile *bs_out_open (const char *path, const gint *cancelled, GError **error);
/* bs_out_temp_path - the temporary file's name, for a library that writes
 * a file by its name (libxlsxwriter): it writes the file there, then
 * bs_out_commit syncs it and renames it into place (or, for a target that
 * is not a file, copies it there); NULL if there can be none (commit says
 * why) */
const char *bs_out_temp_path (BsOutFile *out);
/* bs_out_write - append bytes (buffered; errors are reported by commit) */
void bs_out_write (BsOutFile *out, const char *data, gsize len);
void bs_out_gstring (BsOutFile *out, GString *text);  /* writes and empties text */
/* bs_out_sync - flush and fsync now (errors are reported by commit), so that
 * a commit later only renames */
void bs_out_sync (BsOutFile *out);
/* bs_out_commit - flush, sync and rename into place; frees out */
gboolean bs_out_commit (BsOutFile *out, GError **error);
/* bs_out_abort - remove the temporary file; frees out (NULL is fine) */
void bs_out_abort (BsOutFile *out);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsOutFile, bs_out_abort)

G_END_DECLS
