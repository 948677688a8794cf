/* store.h - the history's handle and its writer: scan runs, messages seen,
 * failure records, per-path source state, live checks, pruning
 *
 * One BsStore is one open history, written from one thread.  Statements are
 * prepared when the store opens; writes are batched in transactions that the
 * caller opens and commits (bs_store_begin / bs_store_commit), so an
 * interrupted scan leaves whole messages or nothing.  A store opened with
 * bs_store_open_readonly is a reader: read.h reads it, and it never writes a
 * byte, in the file or beside it.  No SQLite type in this header: the
 * history is the only code that knows its database (history.h).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include "record.h"

G_BEGIN_DECLS

typedef struct _BsStore BsStore;

/* What one scanned message turned out to be. */
typedef enum {
  BS_MESSAGE_BOUNCE,       /* gave at least one record (failure, delay, ...) */
  BS_MESSAGE_NOT_BOUNCE,   /* ordinary mail, spam: no record */
  BS_MESSAGE_UNDECODABLE,  /* could not be read or parsed; error says why */
} BsMessageKind;

typedef struct {
  const char *source;       /* path of the file, or of the mbox */
  guint index;              /* 1-based number inside an mbox, 0 elsewhere */
  const char *key;          /* identity of the item in its source (see source.h) */
  gint64 offset;            /* byte offset inside an mbox, 0 elsewhere */
  gint64 size;              /* bytes of the message */
  const char *content_hash; /* SHA-256 hex of the message bytes */
  BsMessageKind kind;
  const char *mta;          /* format that decoded it, or NULL */
  const char *error;        /* for BS_MESSAGE_UNDECODABLE: why */
  const char *identity;     /* SHA-256 hex of the message without the fields mail
                               clients change (identity.h), or NULL */
} BsMessageMeta;

/* Per-path state that lets a re-scan skip what it has read. */
typedef struct {
  gint64 size;              /* file size when last read */
  gint64 mtime;             /* modification time, seconds */
  gint64 offset;            /* mbox: byte offset where reading stopped */
  guint next_index;         /* mbox: number of the next message */
  char *fingerprint;        /* mbox: hash of the first 4 KB, to see a replaced file */
  char *tail;               /* mbox: hash of the bytes just before offset, to see a
                               file rewritten in place; NULL when not known */
} BsSourceState;

void bs_source_state_clear (BsSourceState *state);

typedef struct {
  guint64 messages;         /* messages read in this run */
  guint64 bounces;          /* of which bounces */
  guint64 not_bounces;      /* of which not bounces */
  guint64 undecodable;      /* of which could not be decoded */
  guint64 duplicates;       /* already known by content */
  guint64 unchanged;        /* files skipped because unchanged since last run */
  guint64 skipped;          /* paths that could not be read at all */
  guint64 failures;         /* failure records added */
  guint64 delayed;          /* delay warnings added */
  guint64 bytes;            /* bytes of the messages read or found known (progress) */
} BsScanStats;

/* How a scan run ended (scan_runs.status). */
typedef enum {
  BS_RUN_COMPLETE,          /* every path was read */
  BS_RUN_INTERRUPTED,       /* stopped by a signal; what was read is kept */
  BS_RUN_ERROR,             /* a path could not be read, or the store failed */
} BsRunStatus;

/* What bs_store_prune deleted (or would delete). */
typedef struct {
  gint64 records;           /* failures rows (every record: failures, delays, notices) */
  gint64 messages;          /* bounces left without records: marked pruned, kept */
  gint64 runs;              /* scan runs */
} BsPruneStats;

/* bs_store_open - open or create the database at path (mode 0600), create or
 * upgrade the schema; fails with BS_ERROR_BUSY when another scan holds it.
 * The handle holds the writers' lock (an flock on "<path>-lock") until
 * bs_store_close: open it for a scan, not for a report.  The writer's
 * "-wal" and "-shm" files stay beside the database after it closes (empty
 * of data: every page is checkpointed into the database), so that a reader
 * never has to make them (bs_store_open_readonly). */
BsStore *bs_store_open (const char *path, GError **error);
/* bs_store_open_wait - the same, but while another scan holds the lock,
 * try again for up to wait_seconds (0: fail at once), or until *cancelled
 * (may be NULL) becomes non-zero */
BsStore *bs_store_open_wait (const char *path, guint wait_seconds, const gint *cancelled,
                             GError **error);
/* bs_store_open_as - bs_store_open_wait for the scans of host (NULL or "":
 * this machine's name): its runs, messages and failures are recorded for
 * host, and the lock and the per-path source state are host's.  db is a
 * file (SQLite) or a PostgreSQL connection string or URI
 * (bs_store_is_server): many hosts may scan into one PostgreSQL history at
 * once, and two scans of one host exclude each other (BS_ERROR_BUSY). */
BsStore *bs_store_open_as (const char *db, const char *host, guint wait_seconds,
                           const gint *cancelled, GError **error);
/* bs_store_is_server - TRUE when db names a PostgreSQL history (a URI,
 * postgresql://..., or a libpq connection string, "host=... dbname=...") */
gboolean bs_store_is_server (const char *db);
/* bs_store_host - the host a store records its scans for */
const char *bs_store_host (BsStore *store);

/* bs_store_open_readonly - open an existing history for reading only: no
 * lock, no upgrade, so it works while a scan is writing (it sees the scan's
 * committed batches).  It writes nothing, creates no file (no "-wal" or
 * "-shm" of its own), and works in a folder or on a file system its user
 * may not write.  Fails when the file is missing (BS_ERROR_NOT_FOUND), is
 * not a bouncescan history, or has another schema version than this
 * program's (older: BS_ERROR_OLD_SCHEMA). */
BsStore *bs_store_open_readonly (const char *path, GError **error);
void bs_store_close (BsStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsStore, bs_store_close)

/* bs_store_path - the file the store was opened on (PostgreSQL: its
 * connection string without a password) */
const char *bs_store_path (BsStore *store);
/* bs_store_is_reader - TRUE for a store opened by bs_store_open_readonly */
gboolean bs_store_is_reader (BsStore *store);

/* bs_store_schema_version - PRAGMA user_version of the open database;
 * bs_store_schema_latest - the version this program writes */
int bs_store_schema_version (BsStore *store);
int bs_store_schema_latest (void);
/* bs_store_migration_sql - the SQL that brought the schema to version (for
 * tests that build an older database), or NULL */
const char *bs_store_migration_sql (int version);

/* bs_store_set_rule_ids - how an upgrade to schema 7 reads an old
 * positional rule id ("phrase:blocked:22") as a stable one: func gets a
 * record holding the stored rule and facts and returns the stable id (a
 * new string) or NULL.  The classifier's bs_classify_stable_rule_id; the
 * history cannot call it itself (the analyzer is built on the history).
 * Set once at start, before a store opens; unset, old ids are kept. */
typedef char *(*BsRuleIdFunc) (const BsRecord *record);
void bs_store_set_rule_ids (BsRuleIdFunc func);

/* bs_store_set_carrier_rule - how an upgrade to schema 11 tells a
 * carrier's "Unknown user" (docomo, au: maybe the recipient's own filter,
 * never hard) among the records older versions called hard: func gets a
 * record holding the stored reason, destination and recipient.  The
 * classifier's bs_advice_record_ambiguous; set once at start, before a
 * store opens; unset, the flags are kept. */
typedef gboolean (*BsRecordTest) (const BsRecord *record);
void bs_store_set_carrier_rule (BsRecordTest func);

/* transactions: a batch of messages between begin and commit */
gboolean bs_store_begin (BsStore *store, GError **error);
gboolean bs_store_commit (BsStore *store, GError **error);

/* scan runs */
gint64 bs_store_run_begin (BsStore *store, const char *paths, GError **error);
gboolean bs_store_run_end (BsStore *store, gint64 run_id,
                           const BsScanStats *stats, GError **error);
/* bs_store_run_finish - bs_store_run_end with how the run ended */
gboolean bs_store_run_finish (BsStore *store, gint64 run_id, const BsScanStats *stats,
                              BsRunStatus status, GError **error);

/* bs_store_source_get - state saved for key by an earlier run; FALSE if none */
gboolean bs_store_source_get (BsStore *store, const char *key, BsSourceState *state);
gboolean bs_store_source_put (BsStore *store, const char *key,
                              const BsSourceState *state, GError **error);

/* bs_store_message_known - TRUE if a message with this content hash (or
 * identity) is stored */
gboolean bs_store_message_known (BsStore *store, const char *content_hash);

/* bs_store_take_late - the messages that bs_store_put_message said new
 * (known FALSE) but that were known after all, with their records' counts:
 * take them from messages, bounces, failures... into duplicates.  A
 * backend that sends a batch's messages without waiting for each answer
 * (PostgreSQL) learns it later, at the latest at bs_store_commit; zeroed
 * when taken.  SQLite: always none. */
void bs_store_take_late (BsStore *store, BsScanStats *late);

/* bs_store_add_message - store one message and its records (BsRecord *),
 * as one unit: in a transaction of its own when none is open; inside the
 * caller's (a batch), a failure rolls the whole batch back */
gboolean bs_store_add_message (BsStore *store, gint64 run_id,
                               const BsMessageMeta *meta, GPtrArray *records,
                               GError **error);

/* What the failures rows of a message's records derive from them (times in
 * UTC, days, lower-cased domains).  bs_store_rows_new touches no database:
 * a scan's workers call it, so that the one writer thread only binds and
 * steps. */
typedef struct _BsStoreRows BsStoreRows;
BsStoreRows *bs_store_rows_new (GPtrArray *records);
void bs_store_rows_free (BsStoreRows *rows);
/* bs_store_rows_bytes - about how many bytes of memory rows holds */
gsize bs_store_rows_bytes (const BsStoreRows *rows);

/* bs_store_put_message - bs_store_add_message with the rows prepared by
 * bs_store_rows_new for the same records (NULL: derived here); *known (may
 * be NULL) is set when a message with the same content hash or the same
 * identity was stored already, and nothing was added: no look-up before the
 * insert.  A message stored before identities were kept (schema 8) gets its
 * identity when it is found again by its content hash. */
gboolean bs_store_put_message (BsStore *store, gint64 run_id, const BsMessageMeta *meta,
                               GPtrArray *records, const BsStoreRows *rows,
                               gboolean *known, GError **error);

/* bs_store_prune - delete the records (failures rows) of bounces dated
 * before before_day ("YYYY-MM-DD", UTC, by failures.day) and the scan runs
 * started before it (never the latest); the messages rows stay, with their
 * content hashes, so a re-scan does not import the pruned bounces again,
 * and bounces left without records are marked pruned.  failure_days (the
 * per-day counts that "changes" reads) is kept.  With dry_run, only count. */
gboolean bs_store_prune (BsStore *store, const char *before_day, gboolean dry_run,
                         BsPruneStats *stats, GError **error);
/* bs_store_vacuum - give the freed pages back to the file system */
gboolean bs_store_vacuum (BsStore *store, GError **error);

/* One answer of a live check (--check), as the history keeps it: strings
 * only (the checks library, check/, makes them from its results). */
typedef struct {
  const char *checked_at;   /* UTC ISO 8601 of the answer */
  const char *kind;         /* dnsbl, no-dns, ptr, spf, dmarc */
  const char *subject;      /* the IP or domain asked about */
  const char *list;         /* blocklist id, or NULL */
  const char *list_name;
  const char *query;        /* the DNS name asked, or NULL */
  const char *status;       /* listed, not-listed, refused, confirmed, ... */
  const char *answer;
  const char *listed_as;
  const char *detail;
  const char *fix;
  const char *resolver;
} BsCheckRow;

/* bs_store_add_checks - add n answers of a --check run (run_id > 0: the scan
 * that made it) in one transaction of their own, or inside the caller's */
gboolean bs_store_add_checks (BsStore *store, gint64 run_id, const BsCheckRow *rows, guint n,
                              GError **error);

/* What bs_store_copy_history copied. */
typedef struct {
  gint64 runs;              /* scan runs */
  gint64 messages;          /* messages, with their failures rows */
  gint64 known;             /* messages there already (a copy run again, or resumed) */
  gint64 failures;          /* failures rows */
} BsCopyStats;

typedef void (*BsCopyProgress) (const BsCopyStats *stats, gpointer user);

/* bs_store_copy_history - copy the SQLite history from (at this program's
 * schema version) into the PostgreSQL history to (opened to write): every
 * scan run, message, failures row, per-day count, source state and live
 * check, with new ids.  Idempotent and resumable: what to holds already is
 * not copied twice, and a copy stopped at any moment, run again, ends as
 * one that was not; progress (may be NULL) after each batch. */
gboolean bs_store_copy_history (BsStore *from, BsStore *to, BsCopyProgress progress,
                                gpointer user, BsCopyStats *stats, GError **error);

G_END_DECLS
