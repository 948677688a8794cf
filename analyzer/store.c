/* store.c - the SQLite history: schema and its migrations, the scan lock,
 * scan runs, per-path source state, messages known by content hash, and one
 * failures row per record
 *
 * The schema is documented in docs/schema.md; every change to it is a new
 * row of the migrations table below (never an edit of an old row), applied
 * in one transaction together with PRAGMA user_version.
 *
 * Writers: bs_store_open takes an exclusive flock() on "<db>-lock" for the
 * life of the handle, so two scans never interleave their writes; the second
 * fails at once with BS_ERROR_BUSY.  The lock dies with the process, so a
 * killed scan leaves no stale lock.  Readers (reports) open with
 * bs_store_open_readonly and take no lock: WAL lets them read committed
 * batches while a scan writes.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bs.h"

/* "BSCN": tells a bouncescan history from any other SQLite file */
#define BS_STORE_APPLICATION_ID 0x4253434e

/* milliseconds SQLite waits on a locked database before giving up (a
 * report's read snapshot or a checkpoint; scans are kept apart by flock) */
#define BS_STORE_BUSY_MS 10000

/* pages of write-ahead log between checkpoints (SQLite's default: 1000),
 * and the bytes of log file kept after one */
#define BS_STORE_WAL_PAGES 8192
#define BS_STORE_WAL_LIMIT 33554432

/* how often a scan that waits for another one (--wait) tries the lock */
#define BS_STORE_LOCK_POLL_MS 200

/* ---- schema: one row per version, applied in order ---------------------- */

typedef struct {
  int version;
  const char *what;   /* one line for the schema_history table */
  const char *sql;
} Migration;

static const Migration migrations[] = {
  /* version 1: scan runs, source state, messages, failures */
  { 1, "initial schema",
    "CREATE TABLE schema_history ("
    "  version INTEGER PRIMARY KEY,"
    "  applied TEXT NOT NULL,"
    "  what TEXT);"
    "CREATE TABLE scan_runs ("
    "  id INTEGER PRIMARY KEY,"
    "  started TEXT NOT NULL,"
    "  finished TEXT,"
    "  paths TEXT,"
    "  messages INTEGER NOT NULL DEFAULT 0,"
    "  bounces INTEGER NOT NULL DEFAULT 0,"
    "  not_bounces INTEGER NOT NULL DEFAULT 0,"
    "  undecodable INTEGER NOT NULL DEFAULT 0,"
    "  duplicates INTEGER NOT NULL DEFAULT 0,"
    "  unchanged INTEGER NOT NULL DEFAULT 0,"
    "  skipped INTEGER NOT NULL DEFAULT 0,"
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  delayed INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE sources ("
    "  key TEXT PRIMARY KEY,"
    "  size INTEGER NOT NULL,"
    "  mtime INTEGER NOT NULL,"
    "  offset INTEGER NOT NULL DEFAULT 0,"
    "  next_index INTEGER NOT NULL DEFAULT 0,"
    "  fingerprint TEXT,"
    "  last_run INTEGER REFERENCES scan_runs(id) ON DELETE SET NULL,"
    "  updated TEXT NOT NULL);"
    "CREATE TABLE messages ("
    "  id INTEGER PRIMARY KEY,"
    "  run_id INTEGER REFERENCES scan_runs(id) ON DELETE SET NULL,"
    "  source TEXT NOT NULL,"
    "  mbox_index INTEGER NOT NULL DEFAULT 0,"
    "  key TEXT,"
    "  offset INTEGER NOT NULL DEFAULT 0,"
    "  size INTEGER NOT NULL DEFAULT 0,"
    "  content_hash TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('bounce', 'not-bounce', 'undecodable')),"
    "  mta TEXT,"
    "  error TEXT,"
    "  first_seen TEXT NOT NULL);"
    "CREATE INDEX messages_kind ON messages (kind);"
    "CREATE INDEX messages_run ON messages (run_id);"
    "CREATE TABLE failures ("
    "  id INTEGER PRIMARY KEY,"
    "  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  recipient TEXT,"
    "  orig_recipient TEXT,"
    "  status TEXT,"
    "  status_from TEXT,"
    "  reply_code INTEGER,"
    "  reason TEXT,"
    "  hard_bounce INTEGER NOT NULL DEFAULT 0,"
    "  is_failure INTEGER NOT NULL,"
    "  action TEXT,"
    "  destination TEXT,"
    "  sender_domain TEXT,"
    "  sending_ip TEXT,"
    "  sending_ip_from TEXT,"
    "  remote_mta TEXT,"
    "  reporting_mta TEXT,"
    "  diagnostic TEXT,"
    "  diagnostic_type TEXT,"
    "  command TEXT,"
    "  provider_code TEXT,"
    "  blocklist TEXT,"
    "  mta TEXT,"
    "  timestamp TEXT,"
    "  seen_at TEXT NOT NULL,"
    "  day TEXT NOT NULL,"
    "  orig_message_id TEXT,"
    "  orig_from TEXT,"
    "  orig_to TEXT,"
    "  orig_subject TEXT,"
    "  orig_date TEXT,"
    "  rule TEXT,"
    "  evidence TEXT,"
    "  feedback_type TEXT);"
    "CREATE INDEX failures_message ON failures (message_id);"
    "CREATE INDEX failures_day ON failures (is_failure, day);"
    "CREATE INDEX failures_sender ON failures (sender_domain, day);"
    "CREATE INDEX failures_destination ON failures (destination);"
    "CREATE INDEX failures_ip ON failures (sending_ip);"
    "CREATE INDEX failures_code ON failures (status, reply_code, provider_code);"
    "CREATE INDEX failures_reason ON failures (reason);"
    "CREATE INDEX failures_blocklist ON failures (blocklist);"
    "CREATE INDEX failures_recipient ON failures (recipient);" },
  /* version 2 (issue 8, live checks; renumber at merge): one row per
   * answer of a --check run, so per IP and list one can tell listed since,
   * delisted on, listed again on (analyzer/check.c writes, reports/checks.c reads) */
  { 2, "checks: live blocklist, PTR, SPF and DMARC checks",
    "CREATE TABLE checks ("
    "  id INTEGER PRIMARY KEY,"
    "  run_id INTEGER REFERENCES scan_runs(id) ON DELETE SET NULL,"
    "  checked_at TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('dnsbl', 'no-dns', 'ptr', 'spf', 'dmarc')),"
    "  subject TEXT NOT NULL,"
    "  list TEXT,"
    "  list_name TEXT,"
    "  query TEXT,"
    "  status TEXT NOT NULL,"
    "  answer TEXT,"
    "  listed_as TEXT,"
    "  detail TEXT,"
    "  fix TEXT,"
    "  resolver TEXT);"
    "CREATE INDEX checks_subject ON checks (subject, kind, list, checked_at);"
    "CREATE INDEX checks_time ON checks (checked_at);" },

  /* version 3 (issue 5): nightly operation.  failure_days keeps, per
   * subject (refused sending IP, destination domain, blocklist, provider
   * code), sender domain and UTC day, the number of failures and the scan that first recorded
   * one: what "changes" reads, small, and kept by prune.  A trigger fills it
   * in the transaction that adds each failure; the step fills it from the
   * history already there.  scan_runs.status tells a complete scan from an
   * interrupted one; messages.pruned marks the bounces whose records prune
   * deleted (the row stays: its content hash stops a re-import);
   * sources.tail is a hash of the bytes before an mbox's resume offset, to
   * notice a file rewritten in place (a message deleted by a mail client). */
  { 3, "nightly: failure_days, scan status, pruned messages, mbox tail hash",
    "ALTER TABLE scan_runs ADD COLUMN status TEXT;"
    "ALTER TABLE messages ADD COLUMN pruned TEXT;"
    "ALTER TABLE sources ADD COLUMN tail TEXT;"
    "CREATE TABLE failure_days ("
    "  kind TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  sender_domain TEXT NOT NULL DEFAULT '',"
    "  day TEXT NOT NULL,"
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  first_run INTEGER,"
    "  PRIMARY KEY (kind, value, sender_domain, day)) WITHOUT ROWID;"
    "CREATE TRIGGER failures_count_days AFTER INSERT ON failures WHEN NEW.is_failure = 1"
    " BEGIN"
    "  INSERT INTO failure_days (kind, value, sender_domain, day, failures, first_run)"
    "   SELECT s.kind, s.value, coalesce(NEW.sender_domain, ''), NEW.day, 1,"
    "          (SELECT run_id FROM messages WHERE id = NEW.message_id)"
    "   FROM (SELECT 'ip' AS kind, NEW.sending_ip AS value"
    "         UNION ALL SELECT 'destination', NEW.destination"
    "         UNION ALL SELECT 'blocklist', NEW.blocklist"
    "         UNION ALL SELECT 'provider_code', NEW.provider_code) AS s"
    "   WHERE s.value <> ''"
    "   ON CONFLICT (kind, value, sender_domain, day) DO UPDATE SET failures = failures + 1;"
    " END;"
    "INSERT INTO failure_days (kind, value, sender_domain, day, failures, first_run)"
    " SELECT s.kind, s.value, s.sender_domain, s.day, count(*), min(s.run_id) FROM ("
    "  SELECT 'ip' AS kind, f.sending_ip AS value, coalesce(f.sender_domain, '') AS sender_domain,"
    "         f.day AS day, m.run_id AS run_id"
    "   FROM failures f JOIN messages m ON m.id = f.message_id WHERE f.is_failure = 1"
    "  UNION ALL SELECT 'destination', f.destination, coalesce(f.sender_domain, ''), f.day, m.run_id"
    "   FROM failures f JOIN messages m ON m.id = f.message_id WHERE f.is_failure = 1"
    "  UNION ALL SELECT 'blocklist', f.blocklist, coalesce(f.sender_domain, ''), f.day, m.run_id"
    "   FROM failures f JOIN messages m ON m.id = f.message_id WHERE f.is_failure = 1"
    "  UNION ALL SELECT 'provider_code', f.provider_code, coalesce(f.sender_domain, ''), f.day,"
    "         m.run_id"
    "   FROM failures f JOIN messages m ON m.id = f.message_id WHERE f.is_failure = 1) AS s"
    " WHERE s.value <> ''"
    " GROUP BY s.kind, s.value, s.sender_domain, s.day;" },

  /* version 4 (issue 6, performance; renumber at merge): failure_days is
   * kept by the writer (store.c, count_days), which adds a batch's counts
   * with one upsert per subject and day before its commit, in the same
   * transaction as the failures: as crash-safe as the trigger was.  The
   * trigger made every insert into failures keep a statement journal, a
   * copy of each page it touched, which cost a scan's writer thread a
   * third of its time. */
  { 4, "failure_days kept by the writer, not by a trigger",
    "DROP TRIGGER IF EXISTS failures_count_days;" },

  /* version 5 (issue 6, performance): the failures in time order, for
   * failures.csv and a report's latest failures.  The day comes first (it is
   * seen_at's first ten characters), so that the index also serves every
   * condition on the day that failures_day served. */
  { 5, "failures indexed in time order",
    "DROP INDEX IF EXISTS failures_day;"
    "CREATE INDEX failures_time ON failures (is_failure, day, seen_at);" },
};

/* ---- the handle --------------------------------------------------------- */

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
  ST_FAILURE,
  ST_DAYS,
  ST_COUNT
} StmtId;

/* every statement a writer uses, prepared once at open */
static const char *const statements[ST_COUNT] = {
  [ST_BEGIN] = "BEGIN IMMEDIATE",
  [ST_COMMIT] = "COMMIT",
  [ST_ROLLBACK] = "ROLLBACK",
  [ST_RUN_BEGIN] = "INSERT INTO scan_runs (started, paths) VALUES (?1, ?2)",
  [ST_RUN_END] =
    "UPDATE scan_runs SET finished = ?2, messages = ?3, bounces = ?4, not_bounces = ?5,"
    " undecodable = ?6, duplicates = ?7, unchanged = ?8, skipped = ?9, failures = ?10,"
    " delayed = ?11, status = ?12 WHERE id = ?1",
  [ST_SOURCE_GET] =
    "SELECT size, mtime, offset, next_index, fingerprint, tail, key FROM sources WHERE key >= ?1"
    " ORDER BY key LIMIT ?2",
  [ST_SOURCE_PUT] =
    "INSERT INTO sources (key, size, mtime, offset, next_index, fingerprint, last_run, updated,"
    " tail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (key) DO UPDATE SET size = excluded.size, mtime = excluded.mtime,"
    " offset = excluded.offset, next_index = excluded.next_index,"
    " fingerprint = excluded.fingerprint, last_run = excluded.last_run,"
    " updated = excluded.updated, tail = excluded.tail",
  [ST_KNOWN] = "SELECT 1 FROM messages WHERE content_hash = ?1",
  [ST_MESSAGE] =
    "INSERT INTO messages (run_id, source, mbox_index, key, offset, size, content_hash,"
    " kind, mta, error, first_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT (content_hash) DO NOTHING",
  [ST_FAILURE] =
    "INSERT INTO failures (message_id, seq, recipient, orig_recipient, status, status_from,"
    " reply_code, reason, hard_bounce, is_failure, action, destination, sender_domain,"
    " sending_ip, sending_ip_from, remote_mta, reporting_mta, diagnostic, diagnostic_type,"
    " command, provider_code, blocklist, mta, timestamp, seen_at, day, orig_message_id,"
    " orig_from, orig_to, orig_subject, orig_date, rule, evidence, feedback_type)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)",
  [ST_DAYS] =
    "INSERT INTO failure_days (kind, value, sender_domain, day, failures, first_run)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (kind, value, sender_domain, day) DO UPDATE SET failures = failures + excluded.failures",
};

/* source states read ahead: the rows of sources from a key on, in key
 * order, so that a walk that asks for keys in ascending order (a sorted
 * Maildir) costs one query per BS_STORE_SOURCE_CHUNK files instead of one
 * per file; bounded, whatever the number of files */
#define BS_STORE_SOURCE_CHUNK 512

typedef struct {
  const char *key;        /* in the chunk's string arena */
  BsSourceState state;    /* fingerprint and tail in the arena too */
} SourceRow;

typedef struct {
  SourceRow rows[BS_STORE_SOURCE_CHUNK];
  guint n;
  gboolean valid;
  char *from;             /* the rows are every stored key in (from, last] */
  gboolean from_included; /* or [from, last] */
  gboolean to_end;        /* fewer rows than asked for: last is the end */
  GStringChunk *strings;
} SourceChunk;

struct _BsStore {
  sqlite3 *db;
  char *path;
  int lock_fd;            /* flock()ed "<db>-lock"; -1 for a reader */
  char *lock_path;
  gboolean readonly;
  gint64 run_id;          /* current scan run, 0 before run_begin */
  sqlite3_stmt *stmt[ST_COUNT];
  SourceChunk *sources;   /* read-ahead of sources, NULL until the first get */
  GHashTable *days;       /* failure_days counts of the open transaction:
                             "kind\037value\037sender\037day" -> DayCount */
  gint64 now_second;      /* now_text is this second, formatted */
  char now_text[32];
};

/* failures of one subject, sender domain and day in the open transaction */
typedef struct {
  gint64 failures;
  gint64 first_run;       /* 0: NULL */
} DayCount;

/* ---- errors ------------------------------------------------------------- */

/* what the user can do about the last error, or "": the system's reason
 * when SQLite's is only "disk I/O error", advice when the file is damaged */
static char *
error_hint (BsStore *s)
{
  int primary = sqlite3_extended_errcode (s->db) & 0xff;
  int sys = sqlite3_system_errno (s->db);
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    return g_strdup (" (the file is damaged or is not a bouncescan history: restore it from a"
                     " backup, or name another file with --db)");
  if (sys != 0 && (primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN
                   || primary == SQLITE_READONLY || primary == SQLITE_PERM))
    return g_strdup_printf (" (%s)", g_strerror (sys));
  return g_strdup ("");
}

/* what an SQL statement does, for an error message: its first three
 * words ("INSERT INTO sources..."), not its whole text */
static char *
statement_name (const char *what)
{
  const char *p = what;
  for (int words = 0; *p != '\0' && words < 3; words++)
    {
      p += strcspn (p, " \n");
      p += strspn (p, " \n");
    }
  return *p == '\0' ? g_strdup (what) : g_strdup_printf ("%.*s...", (int) (p - what - 1), what);
}

static void
set_db_error (BsStore *s, GError **error, const char *what)
{
  int code = sqlite3_extended_errcode (s->db);
  int primary = code & 0xff;
  g_autofree char *hint = error_hint (s);
  g_set_error (error, BS_ERROR,
               primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? BS_ERROR_BUSY : BS_ERROR_STORE,
               "database %s: %s: %s%s", s->path, what, sqlite3_errmsg (s->db), hint);
}

static gboolean
exec (BsStore *s, const char *sql, GError **error)
{
  char *msg = NULL;
  if (sqlite3_exec (s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
    return TRUE;
  int primary = sqlite3_extended_errcode (s->db) & 0xff;
  g_autofree char *hint = error_hint (s);
  g_set_error (error, BS_ERROR,
               primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? BS_ERROR_BUSY : BS_ERROR_STORE,
               "database %s: %s%s", s->path, msg ? msg : sqlite3_errmsg (s->db), hint);
  sqlite3_free (msg);
  return FALSE;
}

/* step a statement that returns no row, then reset it */
static gboolean
step_done (BsStore *s, StmtId id, GError **error)
{
  sqlite3_stmt *st = s->stmt[id];
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  g_autofree char *name = statement_name (statements[id]);
  set_db_error (s, error, name);
  return FALSE;
}

/* ---- small helpers ------------------------------------------------------ */

static char *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* the store's notion of now, formatted once a second: a scan stores
 * thousands of rows a second */
static const char *
store_now (BsStore *s)
{
  gint64 sec = g_get_real_time () / G_USEC_PER_SEC;
  if (sec != s->now_second || s->now_text[0] == '\0')
    {
      g_autofree char *now = now_utc ();
      g_strlcpy (s->now_text, now, sizeof s->now_text);
      s->now_second = sec;
    }
  return s->now_text;
}

/* every statement is reset and its bindings cleared right after its step
 * (step_done, bs_store_source_get...): the values outlive their use, and
 * SQLite need not copy them */
static void
bind_text (sqlite3_stmt *st, int i, const char *value)
{
  if (value == NULL)
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_text (st, i, value, -1, SQLITE_STATIC);
}

/* ---- the scan lock ------------------------------------------------------ */

/* take the writer's lock; FALSE with BS_ERROR_BUSY when another process has it */
static gboolean
lock_take (BsStore *s, GError **error)
{
  s->lock_path = g_strconcat (s->path, "-lock", NULL);
  /* the holder unlinks the file when it closes: retry when we locked a file
   * that is no longer the one at lock_path */
  for (int attempt = 0; attempt < 8; attempt++)
    {
      int fd = open (s->lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd < 0)
        {
          int e = errno;
          g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: cannot create lock %s: %s",
                       s->path, s->lock_path, g_strerror (e));
          return FALSE;
        }
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int e = errno;
          char holder[32] = "";
          ssize_t n = pread (fd, holder, sizeof holder - 1, 0);
          holder[n > 0 ? n : 0] = '\0';
          g_strchomp (holder);
          close (fd);
          if (e == EWOULDBLOCK || e == EAGAIN)
            g_set_error (error, BS_ERROR, BS_ERROR_BUSY,
                         "database %s is in use by another scan%s%s%s; try again when it has finished",
                         s->path, holder[0] ? " (process " : "", holder, holder[0] ? ")" : "");
          else
            g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: cannot lock %s: %s",
                         s->path, s->lock_path, g_strerror (e));
          return FALSE;
        }
      struct stat held, now;
      if (fstat (fd, &held) == 0 && stat (s->lock_path, &now) == 0
          && held.st_dev == now.st_dev && held.st_ino == now.st_ino)
        {
          char pid[32];
          int len = g_snprintf (pid, sizeof pid, "%ld\n", (long) getpid ());
          if (ftruncate (fd, 0) == 0 && pwrite (fd, pid, (size_t) len, 0) < 0)
            { /* the pid is only a hint for the busy message */ }
          s->lock_fd = fd;
          return TRUE;
        }
      close (fd);
    }
  g_set_error (error, BS_ERROR, BS_ERROR_BUSY, "database %s: lock %s keeps changing",
               s->path, s->lock_path);
  return FALSE;
}

static void
lock_release (BsStore *s)
{
  if (s->lock_fd < 0)
    return;
  /* unlink while holding the lock: a waiter that opened the old file sees
   * that it is gone (lock_take compares inodes) and opens a new one */
  unlink (s->lock_path);
  close (s->lock_fd);
  s->lock_fd = -1;
}

/* ---- open, migrate, close ----------------------------------------------- */

static int
query_int (BsStore *s, const char *sql)
{
  sqlite3_stmt *st = NULL;
  int value = -1;
  if (sqlite3_prepare_v2 (s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step (st) == SQLITE_ROW)
    value = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return value;
}

static int
latest_version (void)
{
  return migrations[G_N_ELEMENTS (migrations) - 1].version;
}

/* before anything is written (the switch to WAL rewrites the file's
 * header): is this a bouncescan history, or a new empty file?  Another
 * program's database, or a file that is no database, is left as it is. */
static gboolean
check_identity (BsStore *s, GError **error)
{
  int version = query_int (s, "PRAGMA user_version");
  int app = query_int (s, "PRAGMA application_id");
  int tables = query_int (s, "SELECT count(*) FROM sqlite_schema");
  if (version < 0 || app < 0 || tables < 0)
    {
      set_db_error (s, error, "reading the schema version");
      return FALSE;
    }
  if ((version == 0 && tables > 0) || (version > 0 && app != BS_STORE_APPLICATION_ID))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                   "database %s: not a bouncescan history (it holds other tables)", s->path);
      return FALSE;
    }
  return TRUE;
}

/* bring the schema to the latest version in one transaction */
static gboolean
migrate (BsStore *s, GError **error)
{
  if (!exec (s, "BEGIN IMMEDIATE", error))
    return FALSE;
  int version = query_int (s, "PRAGMA user_version");
  int app = query_int (s, "PRAGMA application_id");
  int tables = query_int (s, "SELECT count(*) FROM sqlite_schema");
  if (version < 0 || app < 0 || tables < 0)
    {
      set_db_error (s, error, "reading the schema version");
      exec (s, "ROLLBACK", NULL);
      return FALSE;
    }
  if ((version == 0 && tables > 0) || (version > 0 && app != BS_STORE_APPLICATION_ID))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                   "database %s: not a bouncescan history (it holds other tables)", s->path);
      exec (s, "ROLLBACK", NULL);
      return FALSE;
    }
  if (version > latest_version ())
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                   "database %s: schema version %d was written by a newer bouncescan"
                   " (this one knows up to %d)", s->path, version, latest_version ());
      exec (s, "ROLLBACK", NULL);
      return FALSE;
    }
  g_autofree char *now = now_utc ();
  for (gsize i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *m = &migrations[i];
      if (m->version <= version)
        continue;
      char *log = sqlite3_mprintf ("INSERT INTO schema_history (version, applied, what)"
                                   " VALUES (%d, %Q, %Q)", m->version, now, m->what);
      g_autoptr (GError) local = NULL;
      gboolean ok = log != NULL && exec (s, m->sql, &local) && exec (s, log, &local);
      sqlite3_free (log);
      if (!ok)
        {
          g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                       "database %s: upgrading to schema version %d: %s", s->path, m->version,
                       local ? local->message : "out of memory");
          exec (s, "ROLLBACK", NULL);
          return FALSE;
        }
      version = m->version;
    }
  g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                          version, BS_STORE_APPLICATION_ID);
  if (!exec (s, set, error) || !exec (s, "COMMIT", error))
    {
      exec (s, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

static void
store_free (BsStore *s)
{
  for (int i = 0; i < ST_COUNT; i++)
    sqlite3_finalize (s->stmt[i]);
  if (s->db != NULL)
    sqlite3_close_v2 (s->db);
  lock_release (s);
  if (s->days != NULL)
    g_hash_table_unref (s->days);
  if (s->sources != NULL)
    {
      g_free (s->sources->from);
      if (s->sources->strings != NULL)
        g_string_chunk_free (s->sources->strings);
      g_free (s->sources);
    }
  g_free (s->lock_path);
  g_free (s->path);
  g_free (s);
}

static BsStore *
store_new (const char *path)
{
  BsStore *s = g_new0 (BsStore, 1);
  s->path = g_strdup (path);
  s->lock_fd = -1;
  return s;
}

static gboolean
open_db (BsStore *s, int flags, GError **error)
{
  if (sqlite3_open_v2 (s->path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: %s", s->path,
                   s->db ? sqlite3_errmsg (s->db) : "out of memory");
      return FALSE;
    }
  sqlite3_extended_result_codes (s->db, 1);
  sqlite3_busy_timeout (s->db, BS_STORE_BUSY_MS);
  return exec (s, "PRAGMA foreign_keys = ON", error);
}

BsStore *
bs_store_open (const char *path, GError **error)
{
  return bs_store_open_wait (path, 0, NULL, error);
}

/* take the writers' lock, retrying while another scan holds it for at most
 * wait_seconds (or until *cancelled) */
static gboolean
lock_take_waiting (BsStore *s, guint wait_seconds, const gint *cancelled, GError **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) wait_seconds * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr (GError) local = NULL;
      if (lock_take (s, &local))
        return TRUE;
      gboolean busy = g_error_matches (local, BS_ERROR, BS_ERROR_BUSY);
      if (!busy || g_get_monotonic_time () >= deadline
          || (cancelled != NULL && g_atomic_int_get (cancelled)))
        {
          if (busy && wait_seconds > 0)
            g_prefix_error (&local, "after waiting %u s: ", wait_seconds);
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_clear_pointer (&s->lock_path, g_free);
      g_usleep (BS_STORE_LOCK_POLL_MS * 1000);
    }
}

BsStore *
bs_store_open_wait (const char *path, guint wait_seconds, const gint *cancelled, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  BsStore *s = store_new (path);
  if (!lock_take_waiting (s, wait_seconds, cancelled, error))
    {
      store_free (s);
      return NULL;
    }
  /* create the file ourselves so it is 0600 whatever the umask lets SQLite
   * do; the -wal and -shm files take the database's mode */
  int fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    close (fd);
  else if (errno != EEXIST)
    {
      int e = errno;
      g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: %s", path, g_strerror (e));
      store_free (s);
      return NULL;
    }
  if (!open_db (s, SQLITE_OPEN_READWRITE, error) || !check_identity (s, error))
    {
      store_free (s);
      return NULL;
    }
  sqlite3_stmt *st = NULL;
  const char *mode = NULL;
  if (sqlite3_prepare_v2 (s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    mode = (const char *) sqlite3_column_text (st, 0);
  gboolean wal = mode != NULL && g_ascii_strcasecmp (mode, "wal") == 0;
  sqlite3_finalize (st);
  if (!wal)
    {
      set_db_error (s, error, "switching to WAL journal");
      store_free (s);
      return NULL;
    }
  /* synchronous NORMAL in WAL: a commit writes the log, no fsync; the
   * checkpoints (every BS_STORE_WAL_PAGES pages of log) sync.  A scan's
   * batches rewrite the same index pages: a longer log copies each of them
   * into the database once per checkpoint, not once per batch. */
  if (!exec (s, "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384;"
                " PRAGMA wal_autocheckpoint = " G_STRINGIFY (BS_STORE_WAL_PAGES) ";"
                " PRAGMA journal_size_limit = " G_STRINGIFY (BS_STORE_WAL_LIMIT), error)
      || !migrate (s, error))
    {
      store_free (s);
      return NULL;
    }
  for (int i = 0; i < ST_COUNT; i++)
    if (sqlite3_prepare_v3 (s->db, statements[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &s->stmt[i], NULL) != SQLITE_OK)
      {
        g_autofree char *name = statement_name (statements[i]);
        set_db_error (s, error, name);
        store_free (s);
        return NULL;
      }
  return s;
}

BsStore *
bs_store_open_readonly (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  BsStore *s = store_new (path);
  s->readonly = TRUE;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_NOT_FOUND, "database %s: no such file", path);
      store_free (s);
      return NULL;
    }
  if (!open_db (s, SQLITE_OPEN_READONLY, error))
    {
      store_free (s);
      return NULL;
    }
  int version = query_int (s, "PRAGMA user_version");
  int app = query_int (s, "PRAGMA application_id");
  if (version < 0)
    {
      set_db_error (s, error, "reading the schema version");
      store_free (s);
      return NULL;
    }
  if (version == 0 || app != BS_STORE_APPLICATION_ID)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                   "database %s: not a bouncescan history (run 'bouncescan scan' first)", path);
      store_free (s);
      return NULL;
    }
  if (version != latest_version ())
    {
      g_set_error (error, BS_ERROR, version < latest_version () ? BS_ERROR_OLD_SCHEMA : BS_ERROR_STORE,
                   "database %s: schema version %d, this bouncescan reads %d%s", path, version,
                   latest_version (),
                   version < latest_version () ? " (a 'bouncescan scan' upgrades it)" : "");
      store_free (s);
      return NULL;
    }
  return s;
}

void
bs_store_close (BsStore *s)
{
  if (s == NULL)
    return;
  if (s->db != NULL && !s->readonly && !sqlite3_get_autocommit (s->db))
    bs_store_commit (s, NULL);
  store_free (s);
}

struct sqlite3 *
bs_store_db (BsStore *s)
{
  return s->db;
}

int
bs_store_schema_version (BsStore *s)
{
  return query_int (s, "PRAGMA user_version");
}

int
bs_store_schema_latest (void)
{
  return latest_version ();
}

const char *
bs_store_migration_sql (int version)
{
  for (gsize i = 0; i < G_N_ELEMENTS (migrations); i++)
    if (migrations[i].version == version)
      return migrations[i].sql;
  return NULL;
}

/* ---- writes ------------------------------------------------------------- */

static gboolean
writable (BsStore *s, GError **error)
{
  if (!s->readonly)
    return TRUE;
  g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: opened read-only", s->path);
  return FALSE;
}

gboolean
bs_store_begin (BsStore *s, GError **error)
{
  return writable (s, error) && step_done (s, ST_BEGIN, error);
}

/* ---- failure_days, counted by the writer ------------------------------------ */

/* count a failure row in failure_days (what the version 3 trigger did):
 * per subject with a value, its sender domain ('' when none) and day */
static void
count_days (BsStore *s, const char *const subjects[4], const char *sender, const char *day,
            gint64 run_id)
{
  static const char *const kinds[4] = { "ip", "destination", "blocklist", "provider_code" };
  if (s->days == NULL)
    s->days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (int k = 0; k < 4; k++)
    {
      if (subjects[k] == NULL || subjects[k][0] == '\0')
        continue;
      g_autofree char *key = g_strjoin ("\037", kinds[k], subjects[k], sender ? sender : "", day, NULL);
      DayCount *c = g_hash_table_lookup (s->days, key);
      if (c == NULL)
        {
          c = g_new0 (DayCount, 1);
          c->first_run = run_id > 0 ? run_id : 0;
          g_hash_table_insert (s->days, g_steal_pointer (&key), c);
        }
      c->failures++;
    }
}

/* add the open transaction's counts to failure_days, inside it */
static gboolean
flush_days (BsStore *s, GError **error)
{
  if (s->days == NULL || g_hash_table_size (s->days) == 0)
    return TRUE;
  gboolean ok = TRUE;
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, s->days);
  while (ok && g_hash_table_iter_next (&it, &k, &v))
    {
      /* the key's four parts, split in place (the table goes after this) */
      char *parts[4] = { k, NULL, NULL, NULL };
      for (int i = 1; i < 4; i++)
        {
          parts[i] = strchr (parts[i - 1], '\037');
          if (parts[i] == NULL)
            break;
          *parts[i]++ = '\0';
        }
      if (parts[3] == NULL)
        continue; /* cannot be: count_days joins four */
      const DayCount *c = v;
      sqlite3_stmt *st = s->stmt[ST_DAYS];
      for (int i = 0; i < 4; i++)
        bind_text (st, i + 1, parts[i]);
      sqlite3_bind_int64 (st, 5, c->failures);
      if (c->first_run > 0)
        sqlite3_bind_int64 (st, 6, c->first_run);
      else
        sqlite3_bind_null (st, 6);
      ok = step_done (s, ST_DAYS, error);
    }
  g_hash_table_remove_all (s->days);
  return ok;
}

/* the open transaction was rolled back: what was counted or read ahead of
 * it is not true any more */
static void
forget_transaction (BsStore *s)
{
  if (s->days != NULL)
    g_hash_table_remove_all (s->days);
  if (s->sources != NULL)
    s->sources->valid = FALSE;
}

gboolean
bs_store_commit (BsStore *s, GError **error)
{
  if (!writable (s, error))
    return FALSE;
  if (sqlite3_get_autocommit (s->db))
    {
      forget_transaction (s); /* SQLite rolled it back itself (a full disk) */
      return TRUE; /* nothing open */
    }
  if (flush_days (s, error) && step_done (s, ST_COMMIT, error))
    return TRUE;
  step_done (s, ST_ROLLBACK, NULL);
  forget_transaction (s);
  return FALSE;
}

gint64
bs_store_run_begin (BsStore *s, const char *paths, GError **error)
{
  if (!writable (s, error))
    return -1;
  g_autofree char *now = now_utc ();
  sqlite3_stmt *st = s->stmt[ST_RUN_BEGIN];
  bind_text (st, 1, now);
  bind_text (st, 2, paths);
  if (!step_done (s, ST_RUN_BEGIN, error))
    return -1;
  s->run_id = sqlite3_last_insert_rowid (s->db);
  return s->run_id;
}

static const char *
run_status_name (BsRunStatus status)
{
  switch (status)
    {
    case BS_RUN_INTERRUPTED: return "interrupted";
    case BS_RUN_ERROR: return "error";
    case BS_RUN_COMPLETE:
    default: return "complete";
    }
}

gboolean
bs_store_run_end (BsStore *s, gint64 run_id, const BsScanStats *stats, GError **error)
{
  return bs_store_run_finish (s, run_id, stats, BS_RUN_COMPLETE, error);
}

gboolean
bs_store_run_finish (BsStore *s, gint64 run_id, const BsScanStats *stats, BsRunStatus status,
                     GError **error)
{
  if (!writable (s, error) || !bs_store_commit (s, error))
    return FALSE;
  g_autofree char *now = now_utc ();
  sqlite3_stmt *st = s->stmt[ST_RUN_END];
  sqlite3_bind_int64 (st, 1, run_id);
  bind_text (st, 2, now);
  const guint64 counts[] = { stats->messages, stats->bounces, stats->not_bounces,
                             stats->undecodable, stats->duplicates, stats->unchanged,
                             stats->skipped, stats->failures, stats->delayed };
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    sqlite3_bind_int64 (st, (int) i + 3, (sqlite3_int64) MIN (counts[i], (guint64) G_MAXINT64));
  bind_text (st, 12, run_status_name (status));
  if (!step_done (s, ST_RUN_END, error))
    return FALSE;
  /* move the WAL into the database now, while no scan is running */
  sqlite3_wal_checkpoint_v2 (s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return TRUE;
}

void
bs_source_state_clear (BsSourceState *state)
{
  g_clear_pointer (&state->fingerprint, g_free);
  g_clear_pointer (&state->tail, g_free);
}

/* is key inside the keys the chunk read ahead? */
static gboolean
chunk_covers (const SourceChunk *c, const char *key)
{
  if (!c->valid)
    return FALSE;
  int from = strcmp (key, c->from);
  if (from < 0 || (from == 0 && !c->from_included))
    return FALSE;
  return c->to_end || (c->n > 0 && strcmp (key, c->rows[c->n - 1].key) <= 0);
}

/* the row of key in the chunk, or NULL */
static SourceRow *
chunk_find (SourceChunk *c, const char *key)
{
  guint lo = 0, hi = c->n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (key, c->rows[mid].key);
      if (cmp == 0)
        return &c->rows[mid];
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return NULL;
}

static char *
chunk_text (SourceChunk *c, sqlite3_stmt *st, int col)
{
  const char *v = (const char *) sqlite3_column_text (st, col);
  return v != NULL ? g_string_chunk_insert (c->strings, v) : NULL;
}

/* read the stored states of key and of the keys after it */
static void
chunk_fill (BsStore *s, const char *key)
{
  SourceChunk *c = s->sources;
  if (c == NULL)
    c = s->sources = g_new0 (SourceChunk, 1);
  if (c->strings != NULL)
    g_string_chunk_clear (c->strings);
  else
    c->strings = g_string_chunk_new (16384);
  c->n = 0;
  c->valid = FALSE;
  sqlite3_stmt *st = s->stmt[ST_SOURCE_GET];
  bind_text (st, 1, key);
  sqlite3_bind_int (st, 2, BS_STORE_SOURCE_CHUNK);
  int rc;
  while (c->n < BS_STORE_SOURCE_CHUNK && (rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      SourceRow *r = &c->rows[c->n++];
      r->state.size = sqlite3_column_int64 (st, 0);
      r->state.mtime = sqlite3_column_int64 (st, 1);
      r->state.offset = sqlite3_column_int64 (st, 2);
      r->state.next_index = (guint) CLAMP (sqlite3_column_int64 (st, 3), 0, G_MAXUINT);
      r->state.fingerprint = chunk_text (c, st, 4);
      r->state.tail = chunk_text (c, st, 5);
      r->key = chunk_text (c, st, 6);
      if (r->key == NULL)
        c->n--; /* cannot be: key is the primary key */
    }
  gboolean done = c->n < BS_STORE_SOURCE_CHUNK;
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  /* an error part way: nothing is known (a plain miss, as before) */
  if (done && rc != SQLITE_DONE)
    return;
  g_free (c->from);
  c->from = g_strdup (key);
  c->from_included = TRUE;
  c->to_end = done;
  c->valid = TRUE;
}

gboolean
bs_store_source_get (BsStore *s, const char *key, BsSourceState *state)
{
  g_return_val_if_fail (key != NULL && state != NULL, FALSE);
  if (s->stmt[ST_SOURCE_GET] == NULL)
    return FALSE;
  if (s->sources == NULL || !chunk_covers (s->sources, key))
    chunk_fill (s, key);
  if (!chunk_covers (s->sources, key))
    return FALSE;
  const SourceRow *r = chunk_find (s->sources, key);
  if (r == NULL)
    return FALSE;
  state->size = r->state.size;
  state->mtime = r->state.mtime;
  state->offset = r->state.offset;
  state->next_index = r->state.next_index;
  g_free (state->fingerprint);
  state->fingerprint = g_strdup (r->state.fingerprint);
  g_free (state->tail);
  state->tail = g_strdup (r->state.tail);
  return TRUE;
}

/* key's state was written: keep the read-ahead true */
static void
chunk_put (BsStore *s, const char *key, const BsSourceState *state)
{
  SourceChunk *c = s->sources;
  if (c == NULL || !chunk_covers (c, key))
    return;
  SourceRow *r = chunk_find (c, key);
  if (r != NULL)
    {
      r->state.size = state->size;
      r->state.mtime = state->mtime;
      r->state.offset = state->offset;
      r->state.next_index = state->next_index;
      r->state.fingerprint = state->fingerprint ? g_string_chunk_insert (c->strings, state->fingerprint) : NULL;
      r->state.tail = state->tail ? g_string_chunk_insert (c->strings, state->tail) : NULL;
      return;
    }
  /* a new key: what the chunk says of the keys after it stays true */
  g_free (c->from);
  c->from = g_strdup (key);
  c->from_included = FALSE;
}

gboolean
bs_store_source_put (BsStore *s, const char *key, const BsSourceState *state, GError **error)
{
  g_return_val_if_fail (key != NULL && state != NULL, FALSE);
  if (!writable (s, error))
    return FALSE;
  const char *now = store_now (s);
  sqlite3_stmt *st = s->stmt[ST_SOURCE_PUT];
  bind_text (st, 1, key);
  sqlite3_bind_int64 (st, 2, state->size);
  sqlite3_bind_int64 (st, 3, state->mtime);
  sqlite3_bind_int64 (st, 4, state->offset);
  sqlite3_bind_int64 (st, 5, state->next_index);
  bind_text (st, 6, state->fingerprint);
  if (s->run_id > 0)
    sqlite3_bind_int64 (st, 7, s->run_id);
  else
    sqlite3_bind_null (st, 7);
  bind_text (st, 8, now);
  bind_text (st, 9, state->tail);
  if (!step_done (s, ST_SOURCE_PUT, error))
    {
      if (s->sources != NULL)
        s->sources->valid = FALSE;
      return FALSE;
    }
  chunk_put (s, key, state);
  return TRUE;
}

gboolean
bs_store_message_known (BsStore *s, const char *content_hash)
{
  if (content_hash == NULL || s->stmt[ST_KNOWN] == NULL)
    return FALSE;
  sqlite3_stmt *st = s->stmt[ST_KNOWN];
  bind_text (st, 1, content_hash);
  gboolean known = sqlite3_step (st) == SQLITE_ROW;
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  return known;
}

static const char *
kind_name (BsMessageKind kind)
{
  switch (kind)
    {
    case BS_MESSAGE_BOUNCE: return "bounce";
    case BS_MESSAGE_UNDECODABLE: return "undecodable";
    case BS_MESSAGE_NOT_BOUNCE:
    default: return "not-bounce";
    }
}

/* ---- rows derived from records (any thread) ------------------------------- */

/* what a failures row adds to its record: its time and day in UTC, and
 * the lower-cased domains the reports group by */
typedef struct {
  char *seen_at;        /* NULL: the scan's time */
  char *day;
  char *destination;
  char *sender_domain;
} DerivedRow;

struct _BsStoreRows {
  guint n;
  DerivedRow rows[];
};

static gboolean
digits (const char *p, int n, int *out)
{
  int v = 0;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil) */
static gint64
days_from_civil (gint64 y, int m, int d)
{
  y -= m <= 2;
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64 z, int *y, int *m, int *d)
{
  z += 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yoe + era * 400 + (*m <= 2));
}

/* "2026-11-25T10:35:38+09:00" (what datetime.c writes) to UTC without
 * GDateTime; FALSE for anything else */
static gboolean
iso_to_utc_fast (const char *t, char **seen_at, char **day)
{
  int y, mo, d, h, mi, sec, oh, om;
  if (strlen (t) != 25 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':'
      || t[16] != ':' || (t[19] != '+' && t[19] != '-') || t[22] != ':'
      || !digits (t, 4, &y) || !digits (t + 5, 2, &mo) || !digits (t + 8, 2, &d)
      || !digits (t + 11, 2, &h) || !digits (t + 14, 2, &mi) || !digits (t + 17, 2, &sec)
      || !digits (t + 20, 2, &oh) || !digits (t + 23, 2, &om))
    return FALSE;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 || oh > 23 || om > 59)
    return FALSE;
  /* a day past the month's end is GDateTime's to refuse */
  static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap))
    return FALSE;
  gint64 offset = (gint64) (oh * 3600 + om * 60) * (t[19] == '-' ? -1 : 1);
  gint64 secs = days_from_civil (y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset;
  gint64 days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  gint64 rest = secs - days * 86400;
  int uy, um, ud;
  civil_from_days (days, &uy, &um, &ud);
  if (uy < 1 || uy > 9999)
    return FALSE;
  *seen_at = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", uy, um, ud, (int) (rest / 3600),
                              (int) (rest % 3600 / 60), (int) (rest % 60));
  *day = g_strndup (*seen_at, 10);
  return TRUE;
}

/* the failure's time in UTC, and its UTC day; fall back to the original's
 * date, then (NULL) to the scan time, when the bounce gives no usable time */
static void
record_time (const BsRecord *r, char **seen_at, char **day)
{
  const char *candidates[] = { r->timestamp, r->orig_date };
  for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (candidates[i] == NULL)
        continue;
      if (iso_to_utc_fast (candidates[i], seen_at, day))
        return;
      g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (candidates[i], utc);
      if (t == NULL)
        continue;
      g_autoptr (GDateTime) u = g_date_time_to_utc (t);
      if (u == NULL)
        continue;
      *seen_at = g_date_time_format (u, "%Y-%m-%dT%H:%M:%SZ");
      *day = g_date_time_format (u, "%Y-%m-%d");
      return;
    }
  *seen_at = NULL;
  *day = NULL;
}

static char *
lower_or_null (const char *s)
{
  return s != NULL ? g_utf8_strdown (s, -1) : NULL;
}

BsStoreRows *
bs_store_rows_new (GPtrArray *records)
{
  guint n = records != NULL ? records->len : 0;
  BsStoreRows *rows = g_malloc0 (sizeof *rows + n * sizeof (DerivedRow));
  rows->n = n;
  for (guint i = 0; i < n; i++)
    {
      const BsRecord *r = g_ptr_array_index (records, i);
      DerivedRow *d = &rows->rows[i];
      record_time (r, &d->seen_at, &d->day);
      d->destination = lower_or_null (r->destination);
      d->sender_domain = lower_or_null (r->sender_domain);
    }
  return rows;
}

void
bs_store_rows_free (BsStoreRows *rows)
{
  if (rows == NULL)
    return;
  for (guint i = 0; i < rows->n; i++)
    {
      g_free (rows->rows[i].seen_at);
      g_free (rows->rows[i].day);
      g_free (rows->rows[i].destination);
      g_free (rows->rows[i].sender_domain);
    }
  g_free (rows);
}

/* ---- messages and their records (the writer) ------------------------------ */

static gboolean
add_failure (BsStore *s, gint64 message_id, gint64 run_id, guint seq, const BsRecord *r,
             const DerivedRow *d, const char *now, GError **error)
{
  sqlite3_stmt *st = s->stmt[ST_FAILURE];
  char now_day[11];
  g_strlcpy (now_day, now, sizeof now_day);
  int i = 1;
  sqlite3_bind_int64 (st, i++, message_id);
  sqlite3_bind_int64 (st, i++, seq);
  bind_text (st, i++, r->recipient);
  bind_text (st, i++, r->orig_recipient);
  bind_text (st, i++, r->status);
  bind_text (st, i++, r->status_from);
  if (r->reply_code > 0)
    sqlite3_bind_int64 (st, i++, r->reply_code);
  else
    sqlite3_bind_null (st, i++);
  bind_text (st, i++, bs_reason_name (r->reason));
  sqlite3_bind_int (st, i++, r->hard_bounce ? 1 : 0);
  sqlite3_bind_int (st, i++, bs_record_is_failure (r) ? 1 : 0);
  bind_text (st, i++, r->action);
  bind_text (st, i++, d->destination);
  bind_text (st, i++, d->sender_domain);
  bind_text (st, i++, r->sending_ip);
  bind_text (st, i++, r->sending_ip_from);
  bind_text (st, i++, r->remote_mta);
  bind_text (st, i++, r->reporting_mta);
  bind_text (st, i++, r->diagnostic);
  bind_text (st, i++, r->diagnostic_type);
  bind_text (st, i++, r->command);
  bind_text (st, i++, r->provider_code);
  bind_text (st, i++, r->blocklist);
  bind_text (st, i++, r->mta);
  bind_text (st, i++, r->timestamp);
  bind_text (st, i++, d->seen_at != NULL ? d->seen_at : now);
  bind_text (st, i++, d->seen_at != NULL ? d->day : now_day);
  bind_text (st, i++, r->orig_message_id);
  bind_text (st, i++, r->orig_from);
  bind_text (st, i++, r->orig_to);
  bind_text (st, i++, r->orig_subject);
  bind_text (st, i++, r->orig_date);
  bind_text (st, i++, r->rule);
  bind_text (st, i++, r->evidence);
  bind_text (st, i++, r->feedback_type);
  g_assert (i == 35);
  if (!step_done (s, ST_FAILURE, error))
    return FALSE;
  if (bs_record_is_failure (r))
    {
      const char *subjects[4] = { r->sending_ip, d->destination, r->blocklist, r->provider_code };
      count_days (s, subjects, d->sender_domain, d->seen_at != NULL ? d->day : now_day, run_id);
    }
  return TRUE;
}

gboolean
bs_store_put_message (BsStore *s, gint64 run_id, const BsMessageMeta *meta, GPtrArray *records,
                      const BsStoreRows *rows, gboolean *known, GError **error)
{
  g_return_val_if_fail (meta != NULL && meta->source != NULL && meta->content_hash != NULL, FALSE);
  guint n = records != NULL ? records->len : 0;
  g_return_val_if_fail (rows == NULL || rows->n == n, FALSE);
  if (known != NULL)
    *known = FALSE;
  if (!writable (s, error))
    return FALSE;
  BsStoreRows *own = rows == NULL ? bs_store_rows_new (records) : NULL;
  if (own != NULL)
    rows = own;
  /* the message and its records are one unit: on their own, in a
   * transaction of their own; inside the caller's batch, an error rolls the
   * whole batch back (no savepoint per message: a savepoint copies every
   * page it touches into its journal first, which cost a scan's writer
   * thread a third of its time) */
  gboolean own_tx = sqlite3_get_autocommit (s->db);
  if (own_tx && !step_done (s, ST_BEGIN, error))
    {
      bs_store_rows_free (own);
      return FALSE;
    }
  const char *now = store_now (s);
  sqlite3_stmt *st = s->stmt[ST_MESSAGE];
  if (run_id > 0)
    sqlite3_bind_int64 (st, 1, run_id);
  else
    sqlite3_bind_null (st, 1);
  bind_text (st, 2, meta->source);
  sqlite3_bind_int64 (st, 3, meta->index);
  bind_text (st, 4, meta->key);
  sqlite3_bind_int64 (st, 5, meta->offset);
  sqlite3_bind_int64 (st, 6, meta->size);
  bind_text (st, 7, meta->content_hash);
  bind_text (st, 8, kind_name (meta->kind));
  bind_text (st, 9, meta->mta);
  bind_text (st, 10, meta->error);
  bind_text (st, 11, now);
  gboolean ok = step_done (s, ST_MESSAGE, error);
  /* a message already stored (same content) adds nothing */
  if (ok && sqlite3_changes (s->db) > 0)
    {
      gint64 id = sqlite3_last_insert_rowid (s->db);
      for (guint i = 0; ok && i < n; i++)
        ok = add_failure (s, id, run_id, i + 1, g_ptr_array_index (records, i), &rows->rows[i], now,
                          error);
    }
  else if (ok && known != NULL)
    *known = TRUE;
  bs_store_rows_free (own);
  if (!ok)
    {
      /* SQLite may have rolled back already (a full disk) */
      if (!sqlite3_get_autocommit (s->db))
        step_done (s, ST_ROLLBACK, NULL);
      forget_transaction (s);
      return FALSE;
    }
  if (own_tx)
    return bs_store_commit (s, error);
  return TRUE;
}

gboolean
bs_store_add_message (BsStore *s, gint64 run_id, const BsMessageMeta *meta, GPtrArray *records,
                      GError **error)
{
  return bs_store_put_message (s, run_id, meta, records, NULL, NULL, error);
}

/* ---- prune ---------------------------------------------------------------- */

/* one statement with ?1 = the cutoff day and ?2 = now; returns the count of
 * its first column (a SELECT) or the rows it changed */
static gboolean
prune_step (BsStore *s, const char *sql, const char *day, const char *now, gint64 *n,
            GError **error)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (s->db, sql, -1, &st, NULL) != SQLITE_OK)
    {
      set_db_error (s, error, "preparing prune");
      return FALSE;
    }
  bind_text (st, 1, day);
  if (sqlite3_bind_parameter_count (st) >= 2)
    bind_text (st, 2, now);
  int rc = sqlite3_step (st);
  if (rc == SQLITE_ROW && n != NULL)
    *n = sqlite3_column_int64 (st, 0);
  else if (rc == SQLITE_DONE && n != NULL)
    *n = sqlite3_changes64 (s->db);
  sqlite3_finalize (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (s, error, "pruning");
      return FALSE;
    }
  return TRUE;
}

/* messages that have records before the cutoff and none on or after it */
#define PRUNED_MESSAGES                                                          \
  " FROM messages m WHERE m.pruned IS NULL"                                     \
  " AND EXISTS (SELECT 1 FROM failures f WHERE f.message_id = m.id AND f.day < ?1)" \
  " AND NOT EXISTS (SELECT 1 FROM failures f WHERE f.message_id = m.id AND f.day >= ?1)"

gboolean
bs_store_prune (BsStore *s, const char *before_day, gboolean dry_run, BsPruneStats *stats,
                GError **error)
{
  g_return_val_if_fail (before_day != NULL && stats != NULL, FALSE);
  memset (stats, 0, sizeof *stats);
  if (!writable (s, error) || !bs_store_commit (s, error) || !step_done (s, ST_BEGIN, error))
    return FALSE;
  g_autofree char *now = now_utc ();
  gboolean ok =
    prune_step (s, "SELECT count(*) FROM failures WHERE day < ?1", before_day, now,
                &stats->records, error)
    && prune_step (s, "SELECT count(*)" PRUNED_MESSAGES, before_day, now, &stats->messages, error)
    && prune_step (s, "SELECT count(*) FROM scan_runs WHERE started < ?1"
                      " AND id < (SELECT max(id) FROM scan_runs)", before_day, now,
                   &stats->runs, error);
  if (ok && !dry_run)
    ok = prune_step (s, "UPDATE messages SET pruned = ?2 WHERE id IN (SELECT m.id" PRUNED_MESSAGES ")",
                     before_day, now, NULL, error)
         && prune_step (s, "DELETE FROM failures WHERE day < ?1", before_day, now, NULL, error)
         && prune_step (s, "DELETE FROM scan_runs WHERE started < ?1"
                           " AND id < (SELECT max(id) FROM scan_runs)", before_day, now, NULL, error);
  if (!ok || dry_run)
    {
      step_done (s, ST_ROLLBACK, NULL);
      return ok;
    }
  if (!bs_store_commit (s, error))
    return FALSE;
  sqlite3_wal_checkpoint_v2 (s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;
}

gboolean
bs_store_vacuum (BsStore *s, GError **error)
{
  if (!writable (s, error) || !bs_store_commit (s, error) || !exec (s, "VACUUM", error))
    return FALSE;
  sqlite3_wal_checkpoint_v2 (s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;
}
