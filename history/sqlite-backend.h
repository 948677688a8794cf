/* sqlite-backend.h - the history's insides, shared by its files and by
 * nothing else: the handle (SQLite's or PostgreSQL's connection), the
 * prepared statements of SQLite's writer, the snapshot and the iterator
 * (over stmt.h's statements, either backend's), errors, and the filter as
 * SQL
 *
 * Private to history/: the public headers (store.h, read.h, live_checks.h,
 * filter.h) name no database type.  The readers (read.c, failures.c,
 * days.c, checks.c) are one code for both backends, through stmt.h; the
 * writer is write.c for SQLite and pg-write.c for PostgreSQL (pg.h).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <sqlite3.h>

#include "stmt.h"

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
  ST_GROUP,
  ST_RECIPIENT,
  ST_ORIGINAL,
  ST_DAYS,
  ST_COUNT
} StmtId;

extern const char *const bs_store_statements[ST_COUNT];

typedef struct _SourceChunk SourceChunk;
typedef struct _BsPgBatch BsPgBatch;

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
  char *host;             /* the host a writer records its scans for */
  /* PostgreSQL (pg.h): the connection, NULL for SQLite */
  PGconn *pg;
  char *pg_conninfo;      /* as given (path is it without a password) */
  gboolean pg_tx;         /* a transaction is open */
  BsPgBatch *batch;       /* the open transaction's rows not yet sent */
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
/* PostgreSQL's SQL of the step to version (a new string), and its what */
char *bs_store_migration_pg (int version, const char **what);

/* ---- the writer's transaction, either backend ---- */

gboolean bs_store_in_transaction (BsStore *s);
void bs_store_rollback (BsStore *s);

/* failures of one subject, sender domain and day in the open transaction
 * (s->days: keyed "kind\037value\037sender\037day") */
typedef struct {
  gint64 failures;
  gint64 first_run;       /* 0: NULL */
} DayCount;

/* count a failure row in s->days: per subject with a value (ip,
 * destination, blocklist, provider_code), its sender domain and day */
void bs_store_count_days (BsStore *s, const char *const subjects[4], const char *sender,
                          const char *day, gint64 run_id);
/* the open transaction was rolled back: forget what was counted or read ahead */
void bs_store_forget_transaction (BsStore *s);
/* keep the sources' read-ahead true after key's state was written */
void bs_store_sources_written (BsStore *s, const char *key, const BsSourceState *state);

/* a record's failure as the writer derives it, its original's headers
 * inline and grp, the seq of the first record of its group (PostgreSQL's
 * writer copies it so, then stores the headers once per bounce in
 * originals and the group's columns once in failure_groups: pg-write.c);
 * its columns, in the values' order */
#define BS_FAILURE_COLUMNS                                                              \
  "message_id, seq, recipient, orig_recipient, status, status_from, reply_code, reason,"  \
  " hard_bounce, is_failure, action, destination, sender_domain, sending_ip,"            \
  " sending_ip_from, remote_mta, reporting_mta, diagnostic, diagnostic_type, command,"   \
  " provider_code, blocklist, mta, timestamp, seen_at, day, orig_message_id, orig_from,"  \
  " orig_to, orig_subject, orig_date, rule, evidence, feedback_type, host, grp"
#define BS_FAILURE_N_COLUMNS 36

/* what a failures row derives from its record (write.c) */
typedef struct {
  char *seen_at;          /* NULL: the scan's time */
  char *day;
  char *destination;
  char *sender_domain;
} DerivedRow;

const char *bs_store_kind_name (BsMessageKind kind);
/* rows.c: the number of rows, and the derived row i */
guint bs_store_rows_len (const BsStoreRows *rows);
const DerivedRow *bs_store_row (const BsStoreRows *rows, guint i);

/* does record i share every column of failure_groups with record i - 1
 * (all but seq, recipient and orig_recipient; the original's headers
 * stand for original_id)?  Then it joins that record's group. */
gboolean bs_store_rows_same_group (GPtrArray *records, const BsStoreRows *rows, guint i);

/* the record's failures row as text (NULL: SQL NULL), in BS_FAILURE_COLUMNS
 * order; numbers are written into ints (BS_FAILURE_N_COLUMNS x 24 bytes) */
void bs_store_failure_values (const BsRecord *r, const DerivedRow *d, gint64 message_id,
                              guint seq, guint grp, const char *now, const char *host,
                              const char *values[BS_FAILURE_N_COLUMNS], char *ints);

/* ---- write.c ---- */

void bs_store_sources_free (BsStore *s);

/* ---- read.c: the snapshot and the iterator ---- */

struct _BsHistoryRead {
  BsStore *store;
  sqlite3 *db;            /* the store's connection, or a fork's own */
  PGconn *pg;             /* PostgreSQL's (db NULL) */
  gboolean pg_begun;      /* PostgreSQL: the read's own transaction (not a savepoint) */
  char *path;             /* for errors */
  gboolean own_db;        /* a fork's: closed with it */
  gboolean in_savepoint;
  gboolean started;       /* something was read: too late to fork */
  int time_index;         /* has the index failures_time: -1 not asked yet */
  BsStmt *diagnostic;
  const gint *cancelled;  /* non-zero: reads stop (bs_history_read_set_cancel) */
};

typedef struct {
  gint64 id;
  GString *seen;
  gboolean any;
} OrderCheck;

struct _BsHistoryIter {
  BsHistoryRead *read;
  BsStmt *st;
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
/* prepare sql, bind the filter's parameters (:since, :until, :d0..., :host) */
BsStmt *bs_read_prepare (BsHistoryRead *r, const char *sql, const BsHistoryFilter *filter,
                               GError **error);
/* an iterator over st (transfer full), or NULL (st NULL): its rows stream */
BsHistoryIter *bs_read_iter (BsHistoryRead *r, BsStmt *st);
/* the next row: TRUE on a row; FALSE at the end, or with error set */
gboolean bs_read_step (BsHistoryIter *it, GError **error);
/* it's statement failed (or a signal stopped it): it->failed, and the
 * error (BS_ERROR_INTERRUPTED after a signal); FALSE */
gboolean bs_read_failed (BsHistoryIter *it, GError **error);
/* the condition of filter on a table with day and sender_domain columns
 * (a: its alias and a dot, "f.", or ""): its days too when days, else its
 * sender domains only; bs_read_prepare binds it */
char *bs_read_where (const BsHistoryFilter *filter, const char *a, gboolean days);
