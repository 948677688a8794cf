/* pg.h - the PostgreSQL history's insides (pg.c: connecting, the schema,
 * the host's scan lock; pg-write.c: the writer), shared by the history's
 * files and by nothing else
 *
 * One history for a fleet: many hosts scan into it at once.  Each scan is
 * recorded for its host (bs_store_open_as), and holds that host's scan
 * lock (a session advisory lock keyed by the host's name) for the life of
 * the handle, so two scans on one host exclude each other and scans on
 * different hosts never wait for each other.  The lock dies with the
 * connection: a killed scan leaves none.  The readers are read.c's,
 * failures.c's, days.c's and checks.c's (stmt.h), in a repeatable-read
 * transaction; they need only SELECT.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "sqlite-backend.h"

/* is db (a --db value) a PostgreSQL connection string or URI? */
gboolean bs_pg_is_conninfo (const char *db);
/* conninfo without its password, for messages */
char *bs_pg_shown (const char *conninfo);
/* a connection (UTF-8, bouncescan's application name), or NULL with error */
PGconn *bs_pg_connect (const char *conninfo, GError **error);

/* open the history at conninfo as s's writer (the schema created or
 * upgraded, s->host's lock taken, waiting up to wait_seconds) or reader */
gboolean bs_pg_open_writer (BsStore *s, const char *conninfo, guint wait_seconds,
                            const gint *cancelled, GError **error);
gboolean bs_pg_open_reader (BsStore *s, const char *conninfo, GError **error);
void bs_pg_close (BsStore *s);
int bs_pg_schema_version (BsStore *s);

/* FALSE with error ("database ...: what: PostgreSQL's reason"; BS_ERROR_BUSY
 * for a lock or a deadlock) unless res is a success */
gboolean bs_pg_check (BsStore *s, PGresult *res, const char *what, GError **error);
/* one statement (or several) without parameters or rows */
gboolean bs_pg_exec (BsStore *s, const char *sql, GError **error);

/* ---- pg-write.c ---- */

/* one line of COPY's text format into out: values (NULL: \N), escaped,
 * made valid UTF-8 */
void bs_pg_copy_row (GString *out, const char *const *values, int n);

gboolean bs_pg_begin (BsStore *s, GError **error);
gboolean bs_pg_commit (BsStore *s, GError **error);
void bs_pg_rollback (BsStore *s);
gint64 bs_pg_run_begin (BsStore *s, const char *paths, GError **error);
gboolean bs_pg_run_finish (BsStore *s, gint64 run_id, const BsScanStats *stats,
                           const char *status, GError **error);
gboolean bs_pg_source_put (BsStore *s, const char *key, const BsSourceState *state,
                           GError **error);
/* the state of key put in the open transaction (not yet sent): TRUE and state set */
gboolean bs_pg_source_pending (BsStore *s, const char *key, BsSourceState *state);
gboolean bs_pg_message_known (BsStore *s, const char *content_hash);
gboolean bs_pg_put_message (BsStore *s, gint64 run_id, const BsMessageMeta *meta,
                            GPtrArray *records, const BsStoreRows *rows, gboolean *known,
                            GError **error);
void bs_pg_batch_free (BsPgBatch *batch);
/* read the answers of the messages sent (the pipeline), before any other
 * statement; FALSE (error set, may be NULL) when one was an error */
gboolean bs_pg_settle (BsStore *s, GError **error);
/* the counts of the messages found known after they were sent, zeroed */
void bs_pg_take_late (BsStore *s, BsScanStats *late);
