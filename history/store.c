/* store.c - opening and closing the history: PostgreSQL's by pg.c, SQLite's
 * here: the scan lock, the
 * writer's journal files kept for the readers, the readers' read-only ways
 * in, and errors that say why
 *
 * Writers: bs_store_open takes an exclusive flock() on "<db>-lock" for the
 * life of the handle, so two scans never interleave their writes; the second
 * fails at once with BS_ERROR_BUSY.  The lock dies with the process, so a
 * killed scan leaves no stale lock.
 *
 * Readers never write.  SQLite's reader of a WAL database makes its "-wal"
 * and "-shm" files when they are missing, owned by the reader's user (the
 * owner's next scan then cannot write them), and cannot open the database
 * at all where it may not make them (a read-only folder or file system).
 * So the writer keeps both files when it closes (SQLite's persistent WAL),
 * with every page checkpointed into the database and the database's mode,
 * and a reader opens the file read-only (mode=ro): it uses those files as
 * they are and makes none.  Where they are missing (a history copied
 * without them, or last closed by an older bouncescan) or cannot be used,
 * the reader takes the database file as it is (immutable=1): no writer is
 * connected then (a connected writer has its "-wal"), and a scan that
 * starts meanwhile writes into its own "-wal" until it checkpoints.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "pg.h"

/* pages of write-ahead log between checkpoints (SQLite's default: 1000),
 * and the bytes of log file kept after one */
#define BS_STORE_WAL_PAGES 8192
#define BS_STORE_WAL_LIMIT 33554432

/* how often a scan that waits for another one (--wait) tries the lock */
#define BS_STORE_LOCK_POLL_MS 200

/* the byte of a "-shm" file every SQLite connection holds a shared lock on
 * while it is open (os_unix.c: UNIX_SHM_DMS) */
#define SHM_DMS_BYTE 128

/* ---- errors ------------------------------------------------------------- */

/* SQLite's "database or disk is full" comes from its VFS for ENOSPC only:
 * say so, with what the file system has left */
static char *
full_hint (BsStore *s)
{
  g_autofree char *dir = g_path_get_dirname (s->path);
  struct statvfs v;
  if (statvfs (dir, &v) != 0)
    return g_strdup_printf (" (%s)", g_strerror (ENOSPC));
  g_autofree char *left = g_format_size ((guint64) v.f_bavail * v.f_frsize);
  return g_strdup_printf (" (%s: %s free in %s)", g_strerror (ENOSPC), left, dir);
}

/* what the user can do about the last error, or "": the system's reason
 * when SQLite's is only "disk I/O error" or "disk is full", advice when
 * the file is damaged */
static char *
error_hint (BsStore *s)
{
  int primary = sqlite3_extended_errcode (s->db) & 0xff;
  int sys = sqlite3_system_errno (s->db);
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    return g_strdup (" (the file is damaged or is not a bouncescan history: restore it from a"
                     " backup, or name another file with --db)");
  if (primary == SQLITE_FULL)
    return full_hint (s);
  if (sys != 0 && (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN
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

static int
error_code (BsStore *s)
{
  int primary = sqlite3_extended_errcode (s->db) & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? BS_ERROR_BUSY : BS_ERROR_STORE;
}

void
bs_store_db_error (BsStore *s, GError **error, const char *what)
{
  g_autofree char *hint = error_hint (s);
  g_set_error (error, BS_ERROR, error_code (s), "database %s: %s: %s%s", s->path, what,
               sqlite3_errmsg (s->db), hint);
}

gboolean
bs_store_exec (BsStore *s, const char *sql, GError **error)
{
  char *msg = NULL;
  if (sqlite3_exec (s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
    return TRUE;
  g_autofree char *hint = error_hint (s);
  g_set_error (error, BS_ERROR, error_code (s), "database %s: %s%s", s->path,
               msg ? msg : sqlite3_errmsg (s->db), hint);
  sqlite3_free (msg);
  return FALSE;
}

gboolean
bs_store_step (BsStore *s, StmtId id, GError **error)
{
  sqlite3_stmt *st = s->stmt[id];
  int rc = sqlite3_step (st);
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  g_autofree char *name = statement_name (bs_store_statements[id]);
  bs_store_db_error (s, error, name);
  return FALSE;
}

gboolean
bs_store_writable (BsStore *s, GError **error)
{
  if (!s->readonly)
    return TRUE;
  g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: opened read-only", s->path);
  return FALSE;
}

/* ---- small helpers ------------------------------------------------------ */

char *
bs_store_now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

const char *
bs_store_now (BsStore *s)
{
  gint64 sec = g_get_real_time () / G_USEC_PER_SEC;
  if (sec != s->now_second || s->now_text[0] == '\0')
    {
      g_autofree char *now = bs_store_now_utc ();
      g_strlcpy (s->now_text, now, sizeof s->now_text);
      s->now_second = sec;
    }
  return s->now_text;
}

/* every statement is reset and its bindings cleared right after its step
 * (bs_store_step, bs_store_source_get...): the values outlive their use,
 * and SQLite need not copy them */
void
bs_store_bind_text (sqlite3_stmt *st, int i, const char *value)
{
  if (value == NULL)
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_text (st, i, value, -1, SQLITE_STATIC);
}

const char *
bs_store_path (BsStore *s)
{
  return s->path;
}

gboolean
bs_store_is_reader (BsStore *s)
{
  return s->readonly;
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
      int fd = open (s->lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
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

/* ---- the journal files beside the database ------------------------------- */

/* is an SQLite connection open on the history?  (each one holds a shared
 * lock on a byte of the "-shm" file while it is) */
static gboolean
shm_in_use (const char *shm)
{
  int fd = open (shm, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0)
    return FALSE;
  struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = SHM_DMS_BYTE, .l_len = 1 };
  gboolean used = fcntl (fd, F_GETLK, &l) != 0 || l.l_type != F_UNLCK;
  close (fd);
  return used;
}

/* A reader of an older bouncescan (or SQLite's own tools) made "-wal" and
 * "-shm" files as its own user when they were missing, and the writer may
 * not write them: under the scan lock, when they hold no data (an empty
 * "-wal") and nobody has them open, they are removed, and SQLite makes
 * them again as the writer's. */
static void
clear_foreign_journal (BsStore *s)
{
  g_autofree char *wal = g_strconcat (s->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (s->path, "-shm", NULL);
  struct stat w;
  gboolean foreign = (access (wal, F_OK) == 0 && access (wal, W_OK) != 0)
                     || (access (shm, F_OK) == 0 && access (shm, W_OK) != 0);
  if (!foreign || (lstat (wal, &w) == 0 && (!S_ISREG (w.st_mode) || w.st_size > 0))
      || shm_in_use (shm))
    return;
  unlink (shm);
  unlink (wal);
}

/* the writer's "-wal" and "-shm" take the database's mode (its owner may
 * have made it readable by a group since they were made) */
static void
journal_modes (BsStore *s)
{
  struct stat db;
  if (stat (s->path, &db) != 0)
    return;
  static const char *const suffixes[] = { "-wal", "-shm" };
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (s->path, suffixes[i], NULL);
      struct stat st;
      if (lstat (p, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid ()
          && (st.st_mode & 07777) != (db.st_mode & 07777))
        chmod (p, db.st_mode & 07777);
    }
}

/* ---- open, close ----------------------------------------------------------- */

static void
store_free (BsStore *s)
{
  bs_pg_close (s);
  g_free (s->pg_conninfo);
  g_free (s->host);
  for (int i = 0; i < ST_COUNT; i++)
    sqlite3_finalize (s->stmt[i]);
  if (s->db != NULL)
    sqlite3_close_v2 (s->db);
  lock_release (s);
  if (s->days != NULL)
    g_hash_table_unref (s->days);
  bs_store_sources_free (s);
  g_free (s->lock_path);
  g_free (s->uri);
  g_free (s->path);
  g_free (s);
}

static BsStore *
store_new (const char *path)
{
  BsStore *s = g_new0 (BsStore, 1);
  s->path = g_strdup (path);
  s->lock_fd = -1;
  s->host = g_strdup (g_get_host_name ());
  return s;
}

static gboolean
open_db (BsStore *s, const char *name, int flags, GError **error)
{
  if (sqlite3_open_v2 (name, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: %s", s->path,
                   s->db ? sqlite3_errmsg (s->db) : "out of memory");
      return FALSE;
    }
  sqlite3_extended_result_codes (s->db, 1);
  sqlite3_busy_timeout (s->db, BS_STORE_BUSY_MS);
  return bs_store_exec (s, "PRAGMA foreign_keys = ON", error);
}

BsStore *
bs_store_open (const char *path, GError **error)
{
  return bs_store_open_wait (path, 0, NULL, error);
}

/* WAL, its files kept at close, synchronous NORMAL: a commit writes the
 * log, no fsync; the checkpoints (every BS_STORE_WAL_PAGES pages of log)
 * sync.  A scan's batches rewrite the same index pages: a longer log copies
 * each of them into the database once per checkpoint, not once per batch. */
static gboolean
writer_journal (BsStore *s, GError **error)
{
  int persist = 1;
  sqlite3_file_control (s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  sqlite3_stmt *st = NULL;
  const char *mode = NULL;
  if (sqlite3_prepare_v2 (s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    mode = (const char *) sqlite3_column_text (st, 0);
  gboolean wal = mode != NULL && g_ascii_strcasecmp (mode, "wal") == 0;
  sqlite3_finalize (st);
  if (!wal)
    {
      bs_store_db_error (s, error, "switching to WAL journal");
      return FALSE;
    }
  journal_modes (s);
  return bs_store_exec (s, "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;"
                           " PRAGMA cache_size = -16384;"
                           " PRAGMA wal_autocheckpoint = " G_STRINGIFY (BS_STORE_WAL_PAGES) ";"
                           " PRAGMA journal_size_limit = " G_STRINGIFY (BS_STORE_WAL_LIMIT), error);
}

BsStore *
bs_store_open_wait (const char *path, guint wait_seconds, const gint *cancelled, GError **error)
{
  return bs_store_open_as (path, NULL, wait_seconds, cancelled, error);
}

gboolean
bs_store_is_server (const char *db)
{
  return bs_pg_is_conninfo (db);
}

const char *
bs_store_host (BsStore *s)
{
  return s->host;
}

BsStore *
bs_store_open_as (const char *path, const char *host, guint wait_seconds, const gint *cancelled,
                  GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  BsStore *s = store_new (path);
  if (host != NULL && *host != '\0')
    {
      g_free (s->host);
      s->host = g_strdup (host);
    }
  if (bs_pg_is_conninfo (path))
    {
      if (!bs_pg_open_writer (s, path, wait_seconds, cancelled, error))
        {
          store_free (s);
          return NULL;
        }
      return s;
    }
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
  /* SQLite would open a FIFO or a device as it is and wait on it */
  struct stat st;
  if (stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: not a regular file", path);
      store_free (s);
      return NULL;
    }
  clear_foreign_journal (s);
  if (!open_db (s, path, SQLITE_OPEN_READWRITE, error) || !bs_store_check_identity (s, error)
      || !writer_journal (s, error) || !bs_store_migrate (s, error))
    {
      store_free (s);
      return NULL;
    }
  for (int i = 0; i < ST_COUNT; i++)
    if (sqlite3_prepare_v3 (s->db, bs_store_statements[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &s->stmt[i], NULL) != SQLITE_OK)
      {
        bs_store_db_error (s, error, "preparing the writer's statements");
        store_free (s);
        return NULL;
      }
  return s;
}

/* is the database in WAL mode (its header's read and write versions)? */
static gboolean
wal_mode (const char *path)
{
  guchar header[20];
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return FALSE;
  gboolean wal = pread (fd, header, sizeof header, 0) == (ssize_t) sizeof header
                 && header[18] == 2 && header[19] == 2;
  close (fd);
  return wal;
}

char *
bs_store_reader_uri (const char *path, gboolean immutable)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", TRUE);
  return g_strdup_printf ("file:%s?mode=ro%s", escaped, immutable ? "&immutable=1" : "");
}

/* open for reading and read the schema's version and mark; -1 with error
 * set when the file cannot be read */
static int
reader_open (BsStore *s, gboolean immutable, int *app, GError **error)
{
  g_free (s->uri);
  s->uri = bs_store_reader_uri (s->path, immutable);
  if (!open_db (s, s->uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error))
    return -1;
  int version = bs_store_query_int (s->db, "PRAGMA user_version");
  *app = bs_store_query_int (s->db, "PRAGMA application_id");
  if (version < 0)
    bs_store_db_error (s, error, "reading the schema version");
  return version;
}

/* may a failure to read be the journal files, not the database? */
static gboolean
journal_trouble (BsStore *s)
{
  int primary = sqlite3_extended_errcode (s->db) & 0xff;
  return primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY || primary == SQLITE_IOERR
         || primary == SQLITE_PERM;
}

BsStore *
bs_store_open_readonly (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_autoptr (BsStore) s = store_new (path);
  s->readonly = TRUE;
  if (bs_pg_is_conninfo (path))
    return bs_pg_open_reader (s, path, error) ? g_steal_pointer (&s) : NULL;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_NOT_FOUND, "database %s: no such file", path);
      return NULL;
    }
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gboolean immutable = wal_mode (path) && (!g_file_test (wal, G_FILE_TEST_EXISTS)
                                           || !g_file_test (shm, G_FILE_TEST_EXISTS));
  int app = 0;
  g_autoptr (GError) local = NULL;
  int version = reader_open (s, immutable, &app, &local);
  if (version < 0 && !immutable && s->db != NULL && journal_trouble (s))
    {
      /* the journal files cannot be read here: the database file alone */
      sqlite3_close_v2 (g_steal_pointer (&s->db));
      g_clear_error (&local);
      version = reader_open (s, TRUE, &app, &local);
    }
  if (version < 0)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (version == 0 || app != BS_STORE_APPLICATION_ID)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                   "database %s: not a bouncescan history (run 'bouncescan scan' first)", path);
      return NULL;
    }
  int latest = bs_store_latest_version ();
  if (version != latest)
    {
      g_set_error (error, BS_ERROR, version < latest ? BS_ERROR_OLD_SCHEMA : BS_ERROR_STORE,
                   "database %s: schema version %d, this bouncescan reads %d%s", path, version,
                   latest, version < latest ? " (a 'bouncescan scan' upgrades it)" : "");
      return NULL;
    }
  return g_steal_pointer (&s);
}

void
bs_store_close (BsStore *s)
{
  if (s == NULL)
    return;
  if (s->pg != NULL)
    bs_pg_close (s);
  if (s->db != NULL && !s->readonly)
    {
      if (!sqlite3_get_autocommit (s->db))
        bs_store_commit (s, NULL);
      /* every page into the database, the log emptied (kept: see above);
       * a reader reading meanwhile keeps what it reads in the log */
      sqlite3_busy_timeout (s->db, 0);
      sqlite3_wal_checkpoint_v2 (s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    }
  store_free (s);
}
