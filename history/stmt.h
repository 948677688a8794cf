/* stmt.h - the backends' seam: one statement type that the history's
 * readers (and the writer's shared parts: prune, the live checks, the
 * source state read ahead) prepare, bind, step and read, whichever
 * database answers
 *
 * SQL is written once, in the portable subset both backends take, with
 * SQLite's parameters (?1, :name); PostgreSQL's statements are translated
 * by dialect.c (its one map of what differs), and read through a cursor
 * when they stream rows (an iterator: a million rows stay flat in memory).
 * Private to history/.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

typedef struct _BsPgStmt BsPgStmt;

typedef struct {
  sqlite3_stmt *lite;     /* SQLite's statement, or NULL */
  sqlite3 *db;            /* its connection (errors) */
  BsPgStmt *pg;           /* PostgreSQL's, or NULL */
} BsStmt;

enum { BS_STMT_ROW = 1, BS_STMT_DONE = 0, BS_STMT_ERROR = -1 };

/* bs_stmt_prepare - sql on SQLite's db, or (db NULL) on PostgreSQL's conn;
 * NULL with error (BS_ERROR_STORE, the database's reason) */
BsStmt *bs_stmt_prepare (sqlite3 *db, PGconn *conn, const char *sql, GError **error);
void bs_stmt_free (BsStmt *st);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsStmt, bs_stmt_free)

/* stream the rows (PostgreSQL: through a cursor, in the open transaction) */
void bs_stmt_stream (BsStmt *st, gboolean on);

/* 1-based index of a named parameter (":since"), 0 when the SQL has none */
int bs_stmt_param (BsStmt *st, const char *name);
/* bind at i (1-based; i <= 0 is ignored); text NULL binds NULL; values are copied */
void bs_stmt_bind_text (BsStmt *st, int i, const char *value);
void bs_stmt_bind_int64 (BsStmt *st, int i, gint64 value);
void bs_stmt_bind_null (BsStmt *st, int i);
/* a LIMIT: 0 or less for none */
void bs_stmt_bind_limit (BsStmt *st, int i, gint64 limit);
/* bind by name: text, NULL or an integer */
void bs_stmt_bind_named (BsStmt *st, const char *name, const char *value);
void bs_stmt_bind_named_int64 (BsStmt *st, const char *name, gint64 value);

/* the next row: BS_STMT_ROW, BS_STMT_DONE, or BS_STMT_ERROR (bs_stmt_errmsg) */
int bs_stmt_step (BsStmt *st);
/* back to before the first step, the bindings kept */
void bs_stmt_reset (BsStmt *st);
const char *bs_stmt_errmsg (BsStmt *st);
/* TRUE when the last error was a lock or a busy database */
gboolean bs_stmt_busy (BsStmt *st);
/* rows changed by the last step of an INSERT, UPDATE or DELETE */
gint64 bs_stmt_changes (BsStmt *st);

/* the current row's column col (0-based) */
const char *bs_stmt_text (BsStmt *st, int col);
gsize bs_stmt_bytes (BsStmt *st, int col);
gint64 bs_stmt_int64 (BsStmt *st, int col);
gboolean bs_stmt_null (BsStmt *st, int col);

/* ---- dialect.c: PostgreSQL's SQL from the portable one ---- */

/* sql with PostgreSQL's $N parameters and the dialect map applied; names
 * gets the named parameters (char *, in index order: names[i] is $i+1;
 * NULL for a positional one) */
char *bs_sql_for_pg (const char *sql, GPtrArray *names);

/* the length of the literal or quoted name at p (' or "; '' and "" inside) */
gsize bs_sql_quoted_length (const char *p);

/* the schema's SQL for PostgreSQL: SQLite's triggers left out (the
 * history keeps none since version 4), then bs_sql_for_pg */
char *bs_sql_schema_for_pg (const char *sql);
