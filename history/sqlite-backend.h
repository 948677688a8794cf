/* sqlite-backend.h - the SQLite history's insides, shared by its files and
 * by nothing else: the handle, the prepared statements of the writer, the
 * snapshot and the iterator, errors, and the filter as SQL
 *
 * Private to history/: the public headers (store.h, read.h, live_checks.h,
 * filter.h) name no SQLite type, so that another backend can answer the
 * same calls.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <sqlite3.h>

#include "bs.h"
#include "live_checks.h"
#include "read.h"
#include "store.h"

/* milliseconds SQLite waits on a locked database before giving up (a
 * report's read snapshot or a checkpoint; scans are kept apart by flock) */
#define BS_STORE_BUSY_MS 10000

/* the writer's statements, prepared once at open (write.c) */
typedef enum {
  ST_BEGIN,
  ST_COMMIT,
  ST_ROLLBACK,
  ST_RUN_BEGIN,
  ST_RUN_END,
  ST_SOURCE_GET,
  ST_SOURCE_PUT,
  ST_KNOWN,
  ST_MESSAGE,
  ST_IDENTITY,
  ST_FAILURE,
  ST_ORIGINAL,
  ST_DAYS,
  ST_COUNT
} StmtId;

extern const char *const bs_store_statements[ST_COUNT];

typedef struct _SourceChunk SourceChunk;

struct _BsStore {
  sqlite3 *db;
  char *path;
  char *uri;              /* a reader: the URI it opened (a fork opens it too) */
  int lock_fd;            /* flock()ed "<db>-lock"; -1 for a reader */
  char *lock_path;
  gboolean readonly;
  gint64 run_id;          /* current scan run, 0 before run_begin */
  sqlite3_stmt *stmt[ST_COUNT];
  SourceChunk *sources;   /* read-ahead of sources, NULL until the first get */
  GHashTable *days;       /* failure_days counts of the open transaction */
  gint64 now_second;      /* now_text is this second, formatted */
  char now_text[32];
};

/* ---- store.c: errors and small helpers ---- */

/* error with what failed and SQLite's reason, the system's when known */
void bs_store_db_error (BsStore *s, GError **error, const char *what);
gboolean bs_store_exec (BsStore *s, const char *sql, GError **error);
/* step a prepared writer statement that returns no row, then reset it */
gboolean bs_store_step (BsStore *s, StmtId id, GError **error);
/* bind text (NULL: SQL NULL) that outlives the statement's step */
void bs_store_bind_text (sqlite3_stmt *st, int i, const char *value);
char *bs_store_now_utc (void);
/* the store's notion of now, formatted once a second */
const char *bs_store_now (BsStore *s);
int bs_store_query_int (sqlite3 *db, const char *sql);
gboolean bs_store_writable (BsStore *s, GError **error);
/* "file:PATH?mode=ro", with "&immutable=1" when immutable: how readers open */
char *bs_store_reader_uri (const char *path, gboolean immutable);

/* ---- schema.c ---- */

/* "BSCN": tells a bouncescan history from any other SQLite file */
#define BS_STORE_APPLICATION_ID 0x4253434e

int bs_store_latest_version (void);
/* a new or bouncescan file, before anything is written */
gboolean bs_store_check_identity (BsStore *s, GError **error);
/* bring the schema to the latest version in one transaction */
gboolean bs_store_migrate (BsStore *s, GError **error);

/* ---- write.c ---- */

void bs_store_sources_free (BsStore *s);

/* ---- read.c: the snapshot and the iterator ---- */

struct _BsHistoryRead {
  BsStore *store;
  sqlite3 *db;            /* the store's connection, or a fork's own */
  char *path;             /* for errors */
  gboolean own_db;        /* a fork's: closed with it */
  gboolean in_savepoint;
  gboolean started;       /* something was read: too late to fork */
  int time_index;         /* has the index failures_time: -1 not asked yet */
  sqlite3_stmt *diagnostic;
};

typedef struct {
  gint64 id;
  GString *seen;
  gboolean any;
} OrderCheck;

struct _BsHistoryIter {
  BsHistoryRead *read;
  sqlite3_stmt *st;
  gboolean done;
  gboolean failed;        /* the end was an error */
  /* failures in time order: the order is checked as rows come */
  gboolean check_order, newest;
  OrderCheck order;
  /* failures by id */
  gint64 *ids;
  guint n_ids, at;
  /* the filter whose zone gives the rows' days and local times */
  const BsHistoryFilter *zone;
  char day[11], time[32];
  BsZoneCache zone_cache;
};

/* error reading: what failed and SQLite's reason */
gboolean bs_read_error (BsHistoryRead *r, GError **error, const char *what);
/* prepare sql, bind the filter's parameters (:since, :until, :d0...) */
sqlite3_stmt *bs_read_prepare (BsHistoryRead *r, const char *sql, const BsHistoryFilter *filter,
                               GError **error);
/* an iterator over st (transfer full), or NULL (st finalized) */
BsHistoryIter *bs_read_iter (BsHistoryRead *r, sqlite3_stmt *st);
/* the next row: TRUE on a row; FALSE at the end, or with error set */
gboolean bs_read_step (BsHistoryIter *it, GError **error);
/* the condition of filter on a table with day and sender_domain columns
 * (a: its alias and a dot, "f.", or ""): its days too when days, else its
 * sender domains only; bs_read_prepare binds it */
char *bs_read_where (const BsHistoryFilter *filter, const char *a, gboolean days);
const char *bs_read_text (sqlite3_stmt *st, int col);
