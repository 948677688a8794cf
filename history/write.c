/* write.c - the history's writer: transactions, scan runs, per-path source
 * state, messages known by content hash, their records (a row of
 * failure_groups per run of records that share every column but the
 * recipient's, a row of failure_recipients per record: schema 11) and the
 * per-day counts of failure_days, pruning
 *
 * SQLite's, and what PostgreSQL's writer (pg-write.c) shares with it: the
 * rows derived from records, the per-day counts of a transaction, the
 * source state read ahead, pruning (through stmt.h).  Writers: the store
 * holds the scan lock of its host for the life of the handle, so two scans
 * on one host never interleave their writes.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "pg.h"

/* every statement a writer uses, prepared once at open */
const char *const bs_store_statements[ST_COUNT] = {
  [ST_BEGIN] = "BEGIN IMMEDIATE",
  [ST_COMMIT] = "COMMIT",
  [ST_ROLLBACK] = "ROLLBACK",
  [ST_RUN_BEGIN] = "INSERT INTO scan_runs (started, paths, host) VALUES (?1, ?2, ?3)",
  [ST_RUN_END] =
    "UPDATE scan_runs SET finished = ?2, messages = ?3, bounces = ?4, not_bounces = ?5,"
    " undecodable = ?6, duplicates = ?7, unchanged = ?8, skipped = ?9, failures = ?10,"
    " delayed = ?11, status = ?12 WHERE id = ?1",
  [ST_SOURCE_GET] =
    "SELECT size, mtime, offset, next_index, fingerprint, tail, key FROM sources"
    " WHERE host = ?3 AND key >= ?1 ORDER BY key LIMIT ?2",
  [ST_SOURCE_PUT] =
    "INSERT INTO sources (key, size, mtime, offset, next_index, fingerprint, last_run, updated,"
    " tail, host) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (host, key) DO UPDATE SET size = excluded.size, mtime = excluded.mtime,"
    " offset = excluded.offset, next_index = excluded.next_index,"
    " fingerprint = excluded.fingerprint, last_run = excluded.last_run,"
    " updated = excluded.updated, tail = excluded.tail",
  [ST_KNOWN] = "SELECT 1 FROM messages WHERE content_hash = ?1 OR identity = ?1",
  /* known by its content hash or by its identity: nothing added */
  [ST_MESSAGE] =
    "INSERT INTO messages (run_id, source, mbox_index, key, offset, size, content_hash,"
    " kind, mta, error, first_seen, identity, host)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    " ON CONFLICT DO NOTHING",
  /* a message stored before schema 8, found again by its content hash */
  [ST_IDENTITY] =
    "UPDATE OR IGNORE messages SET identity = ?2 WHERE content_hash = ?1 AND identity IS NULL",
  /* what the records of one group share (schema 11), then each record */
  [ST_GROUP] =
    "INSERT INTO failure_groups (message_id, status, status_from, reply_code, reason, hard_bounce,"
    " is_failure, action, destination, sender_domain, sending_ip, sending_ip_from, remote_mta,"
    " reporting_mta, diagnostic, diagnostic_type, command, provider_code, blocklist, mta,"
    " timestamp, seen_at, day, original_id, rule, evidence, feedback_type, host)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
  [ST_RECIPIENT] =
    "INSERT INTO failure_recipients (group_id, seq, recipient, orig_recipient)"
    " VALUES (?1, ?2, ?3, ?4)",
  /* the original's headers, once per bounce (and per distinct original) */
  [ST_ORIGINAL] =
    "INSERT INTO originals (message_id, orig_message_id, orig_from, orig_to, orig_subject,"
    " orig_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [ST_DAYS] =
    "INSERT INTO failure_days (kind, value, sender_domain, day, failures, first_run, host)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (kind, value, sender_domain, day, host) DO UPDATE"
    " SET failures = failures + excluded.failures",
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

struct _SourceChunk {
  SourceRow rows[BS_STORE_SOURCE_CHUNK];
  guint n;
  gboolean valid;
  char *from;             /* the rows are every stored key in (from, last] */
  gboolean from_included; /* or [from, last] */
  gboolean to_end;        /* fewer rows than asked for: last is the end */
  GStringChunk *strings;
};

/* ---- writes ------------------------------------------------------------- */

gboolean
bs_store_begin (BsStore *s, GError **error)
{
  if (s->pg != NULL)
    return bs_store_writable (s, error) && bs_pg_begin (s, error);
  return bs_store_writable (s, error) && bs_store_step (s, ST_BEGIN, error);
}

gboolean
bs_store_in_transaction (BsStore *s)
{
  return s->pg != NULL ? s->pg_tx : !sqlite3_get_autocommit (s->db);
}

void
bs_store_rollback (BsStore *s)
{
  if (s->pg != NULL)
    bs_pg_rollback (s);
  else if (!sqlite3_get_autocommit (s->db))
    bs_store_step (s, ST_ROLLBACK, NULL);
  bs_store_forget_transaction (s);
}

/* ---- failure_days, counted by the writer ------------------------------------ */

/* count a failure row in failure_days (what the version 3 trigger did):
 * per subject with a value, its sender domain ('' when none) and day */
void
bs_store_count_days (BsStore *s, const char *const subjects[4], const char *sender,
                     const char *day, gint64 run_id)
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
        bs_store_bind_text (st, i + 1, parts[i]);
      sqlite3_bind_int64 (st, 5, c->failures);
      if (c->first_run > 0)
        sqlite3_bind_int64 (st, 6, c->first_run);
      else
        sqlite3_bind_null (st, 6);
      bs_store_bind_text (st, 7, s->host);
      ok = bs_store_step (s, ST_DAYS, error);
    }
  g_hash_table_remove_all (s->days);
  return ok;
}

/* the open transaction was rolled back: what was counted or read ahead of
 * it is not true any more */
void
bs_store_forget_transaction (BsStore *s)
{
  if (s->days != NULL)
    g_hash_table_remove_all (s->days);
  if (s->sources != NULL)
    s->sources->valid = FALSE;
}

gboolean
bs_store_commit (BsStore *s, GError **error)
{
  if (!bs_store_writable (s, error))
    return FALSE;
  if (s->pg != NULL)
    return bs_pg_commit (s, error);
  if (sqlite3_get_autocommit (s->db))
    {
      bs_store_forget_transaction (s); /* SQLite rolled it back itself (a full disk) */
      return TRUE; /* nothing open */
    }
  if (flush_days (s, error) && bs_store_step (s, ST_COMMIT, error))
    return TRUE;
  bs_store_step (s, ST_ROLLBACK, NULL);
  bs_store_forget_transaction (s);
  return FALSE;
}

gint64
bs_store_run_begin (BsStore *s, const char *paths, GError **error)
{
  if (!bs_store_writable (s, error))
    return -1;
  if (s->pg != NULL)
    return s->run_id = bs_pg_run_begin (s, paths, error);
  g_autofree char *now = bs_store_now_utc ();
  sqlite3_stmt *st = s->stmt[ST_RUN_BEGIN];
  bs_store_bind_text (st, 1, now);
  bs_store_bind_text (st, 2, paths);
  bs_store_bind_text (st, 3, s->host);
  if (!bs_store_step (s, ST_RUN_BEGIN, error))
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
  if (!bs_store_writable (s, error) || !bs_store_commit (s, error))
    return FALSE;
  if (s->pg != NULL)
    return bs_pg_run_finish (s, run_id, stats, run_status_name (status), error);
  g_autofree char *now = bs_store_now_utc ();
  sqlite3_stmt *st = s->stmt[ST_RUN_END];
  sqlite3_bind_int64 (st, 1, run_id);
  bs_store_bind_text (st, 2, now);
  const guint64 counts[] = { stats->messages, stats->bounces, stats->not_bounces,
                             stats->undecodable, stats->duplicates, stats->unchanged,
                             stats->skipped, stats->failures, stats->delayed };
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    sqlite3_bind_int64 (st, (int) i + 3, (sqlite3_int64) MIN (counts[i], (guint64) G_MAXINT64));
  bs_store_bind_text (st, 12, run_status_name (status));
  if (!bs_store_step (s, ST_RUN_END, error))
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
chunk_text (SourceChunk *c, BsStmt *st, int col)
{
  const char *v = bs_stmt_text (st, col);
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
  g_autoptr (BsStmt) st = bs_stmt_prepare (s->db, s->pg, bs_store_statements[ST_SOURCE_GET], NULL);
  if (st == NULL)
    return;
  bs_stmt_bind_text (st, 1, key);
  bs_stmt_bind_int64 (st, 2, BS_STORE_SOURCE_CHUNK);
  bs_stmt_bind_text (st, 3, s->host);
  int rc = BS_STMT_DONE;
  while (c->n < BS_STORE_SOURCE_CHUNK && (rc = bs_stmt_step (st)) == BS_STMT_ROW)
    {
      SourceRow *r = &c->rows[c->n++];
      r->state.size = bs_stmt_int64 (st, 0);
      r->state.mtime = bs_stmt_int64 (st, 1);
      r->state.offset = bs_stmt_int64 (st, 2);
      r->state.next_index = (guint) CLAMP (bs_stmt_int64 (st, 3), 0, G_MAXUINT);
      r->state.fingerprint = chunk_text (c, st, 4);
      r->state.tail = chunk_text (c, st, 5);
      r->key = chunk_text (c, st, 6);
      if (r->key == NULL)
        c->n--; /* cannot be: key is the primary key */
    }
  gboolean done = c->n < BS_STORE_SOURCE_CHUNK;
  /* an error part way: nothing is known (a plain miss, as before) */
  if (done && rc != BS_STMT_DONE)
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
  if (s->readonly)
    return FALSE;
  if (s->pg != NULL && bs_pg_source_pending (s, key, state))
    return TRUE;
  if (s->pg != NULL && !bs_pg_settle (s, NULL))
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
void
bs_store_sources_written (BsStore *s, const char *key, const BsSourceState *state)
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
  if (!bs_store_writable (s, error))
    return FALSE;
  if (s->pg != NULL)
    return bs_pg_source_put (s, key, state, error);
  const char *now = bs_store_now (s);
  sqlite3_stmt *st = s->stmt[ST_SOURCE_PUT];
  bs_store_bind_text (st, 1, key);
  sqlite3_bind_int64 (st, 2, state->size);
  sqlite3_bind_int64 (st, 3, state->mtime);
  sqlite3_bind_int64 (st, 4, state->offset);
  sqlite3_bind_int64 (st, 5, state->next_index);
  bs_store_bind_text (st, 6, state->fingerprint);
  if (s->run_id > 0)
    sqlite3_bind_int64 (st, 7, s->run_id);
  else
    sqlite3_bind_null (st, 7);
  bs_store_bind_text (st, 8, now);
  bs_store_bind_text (st, 9, state->tail);
  bs_store_bind_text (st, 10, s->host);
  if (!bs_store_step (s, ST_SOURCE_PUT, error))
    {
      if (s->sources != NULL)
        s->sources->valid = FALSE;
      return FALSE;
    }
  bs_store_sources_written (s, key, state);
  return TRUE;
}

gboolean
bs_store_message_known (BsStore *s, const char *content_hash)
{
  if (content_hash == NULL || s->readonly)
    return FALSE;
  if (s->pg != NULL)
    return bs_pg_message_known (s, content_hash);
  sqlite3_stmt *st = s->stmt[ST_KNOWN];
  bs_store_bind_text (st, 1, content_hash);
  gboolean known = sqlite3_step (st) == SQLITE_ROW;
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  return known;
}

const char *
bs_store_kind_name (BsMessageKind kind)
{
  switch (kind)
    {
    case BS_MESSAGE_BOUNCE: return "bounce";
    case BS_MESSAGE_UNDECODABLE: return "undecodable";
    case BS_MESSAGE_NOT_BOUNCE:
    default: return "not-bounce";
    }
}

/* ---- messages and their records (the writer) ------------------------------ */

/* the original's headers of r (the five fields) */
#define ORIGINAL_FIELDS(r) { (r)->orig_message_id, (r)->orig_from, (r)->orig_to, \
                             (r)->orig_subject, (r)->orig_date }

/* the row of originals for r's original: the one of the record before it
 * in the same bounce (*last) when it is the same, else a new one; 0 when r
 * knows nothing of its original */
static gboolean
original_id (BsStore *s, gint64 message_id, const BsRecord *r, const BsRecord **last,
             gint64 *id, GError **error)
{
  const char *mine[] = ORIGINAL_FIELDS (r);
  gboolean any = FALSE, same = *last != NULL;
  if (*last != NULL)
    {
      const char *theirs[] = ORIGINAL_FIELDS (*last);
      for (gsize k = 0; same && k < G_N_ELEMENTS (mine); k++)
        same = mine[k] == theirs[k] || g_strcmp0 (mine[k], theirs[k]) == 0;
    }
  for (gsize k = 0; k < G_N_ELEMENTS (mine); k++)
    any = any || mine[k] != NULL;
  if (!any)
    {
      *id = 0;
      return TRUE;
    }
  if (same && *id > 0)
    return TRUE;
  sqlite3_stmt *st = s->stmt[ST_ORIGINAL];
  sqlite3_bind_int64 (st, 1, message_id);
  for (gsize k = 0; k < G_N_ELEMENTS (mine); k++)
    bs_store_bind_text (st, (int) k + 2, mine[k]);
  if (!bs_store_step (s, ST_ORIGINAL, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (s->db);
  *last = r;
  return TRUE;
}

/* the group of columns r shares with the records of its group (schema
 * 11): a new row of failure_groups, its id in *group */
static gboolean
add_group (BsStore *s, gint64 message_id, const BsRecord *r, const DerivedRow *d,
           gint64 original, const char *now, gint64 *group, GError **error)
{
  sqlite3_stmt *st = s->stmt[ST_GROUP];
  char now_day[11];
  g_strlcpy (now_day, now, sizeof now_day);
  int i = 1;
  sqlite3_bind_int64 (st, i++, message_id);
  bs_store_bind_text (st, i++, r->status);
  bs_store_bind_text (st, i++, r->status_from);
  if (r->reply_code > 0)
    sqlite3_bind_int64 (st, i++, r->reply_code);
  else
    sqlite3_bind_null (st, i++);
  bs_store_bind_text (st, i++, bs_reason_name (r->reason));
  sqlite3_bind_int (st, i++, r->hard_bounce ? 1 : 0);
  sqlite3_bind_int (st, i++, bs_record_is_failure (r) ? 1 : 0);
  bs_store_bind_text (st, i++, r->action);
  bs_store_bind_text (st, i++, d->destination);
  bs_store_bind_text (st, i++, d->sender_domain);
  bs_store_bind_text (st, i++, r->sending_ip);
  bs_store_bind_text (st, i++, r->sending_ip_from);
  bs_store_bind_text (st, i++, r->remote_mta);
  bs_store_bind_text (st, i++, r->reporting_mta);
  bs_store_bind_text (st, i++, r->diagnostic);
  bs_store_bind_text (st, i++, r->diagnostic_type);
  bs_store_bind_text (st, i++, r->command);
  bs_store_bind_text (st, i++, r->provider_code);
  bs_store_bind_text (st, i++, r->blocklist);
  bs_store_bind_text (st, i++, r->mta);
  bs_store_bind_text (st, i++, r->timestamp);
  bs_store_bind_text (st, i++, d->seen_at != NULL ? d->seen_at : now);
  bs_store_bind_text (st, i++, d->seen_at != NULL ? d->day : now_day);
  if (original > 0)
    sqlite3_bind_int64 (st, i++, original);
  else
    sqlite3_bind_null (st, i++);
  bs_store_bind_text (st, i++, r->rule);
  bs_store_bind_text (st, i++, r->evidence);
  bs_store_bind_text (st, i++, r->feedback_type);
  bs_store_bind_text (st, i++, s->host);
  g_assert (i == 29);
  if (!bs_store_step (s, ST_GROUP, error))
    return FALSE;
  *group = sqlite3_last_insert_rowid (s->db);
  return TRUE;
}

/* record r of a group: its row of failure_recipients, and its per-day counts */
static gboolean
add_failure (BsStore *s, gint64 group, gint64 run_id, guint seq, const BsRecord *r,
             const DerivedRow *d, const char *now, GError **error)
{
  sqlite3_stmt *st = s->stmt[ST_RECIPIENT];
  sqlite3_bind_int64 (st, 1, group);
  sqlite3_bind_int64 (st, 2, seq);
  bs_store_bind_text (st, 3, r->recipient);
  bs_store_bind_text (st, 4, r->orig_recipient);
  if (!bs_store_step (s, ST_RECIPIENT, error))
    return FALSE;
  if (bs_record_is_failure (r))
    {
      char now_day[11];
      g_strlcpy (now_day, now, sizeof now_day);
      const char *subjects[4] = { r->sending_ip, d->destination, r->blocklist, r->provider_code };
      bs_store_count_days (s, subjects, d->sender_domain, d->seen_at != NULL ? d->day : now_day, run_id);
    }
  return TRUE;
}

gboolean
bs_store_put_message (BsStore *s, gint64 run_id, const BsMessageMeta *meta, GPtrArray *records,
                      const BsStoreRows *rows, gboolean *known, GError **error)
{
  g_return_val_if_fail (meta != NULL && meta->source != NULL && meta->content_hash != NULL, FALSE);
  guint n = records != NULL ? records->len : 0;
  g_return_val_if_fail (rows == NULL || bs_store_rows_len (rows) == n, FALSE);
  if (known != NULL)
    *known = FALSE;
  if (!bs_store_writable (s, error))
    return FALSE;
  if (s->pg != NULL)
    return bs_pg_put_message (s, run_id, meta, records, rows, known, error);
  BsStoreRows *own = rows == NULL ? bs_store_rows_new (records) : NULL;
  if (own != NULL)
    rows = own;
  /* the message and its records are one unit: on their own, in a
   * transaction of their own; inside the caller's batch, an error rolls the
   * whole batch back (no savepoint per message: a savepoint copies every
   * page it touches into its journal first, which cost a scan's writer
   * thread a third of its time) */
  gboolean own_tx = sqlite3_get_autocommit (s->db);
  if (own_tx && !bs_store_step (s, ST_BEGIN, error))
    {
      bs_store_rows_free (own);
      return FALSE;
    }
  const char *now = bs_store_now (s);
  sqlite3_stmt *st = s->stmt[ST_MESSAGE];
  bs_store_bind_text (st, 13, s->host);
  if (run_id > 0)
    sqlite3_bind_int64 (st, 1, run_id);
  else
    sqlite3_bind_null (st, 1);
  bs_store_bind_text (st, 2, meta->source);
  sqlite3_bind_int64 (st, 3, meta->index);
  bs_store_bind_text (st, 4, meta->key);
  sqlite3_bind_int64 (st, 5, meta->offset);
  sqlite3_bind_int64 (st, 6, meta->size);
  bs_store_bind_text (st, 7, meta->content_hash);
  bs_store_bind_text (st, 8, bs_store_kind_name (meta->kind));
  bs_store_bind_text (st, 9, meta->mta);
  bs_store_bind_text (st, 10, meta->error);
  bs_store_bind_text (st, 11, now);
  bs_store_bind_text (st, 12, meta->identity);
  gboolean ok = bs_store_step (s, ST_MESSAGE, error);
  /* a message already stored (same content) adds nothing */
  if (ok && sqlite3_changes (s->db) > 0)
    {
      gint64 id = sqlite3_last_insert_rowid (s->db), original = 0, group = 0;
      const BsRecord *last = NULL;   /* the record whose original is the row original */
      for (guint i = 0; ok && i < n; i++)
        {
          const BsRecord *r = g_ptr_array_index (records, i);
          const DerivedRow *d = bs_store_row (rows, i);
          if (!bs_store_rows_same_group (records, rows, i))
            ok = original_id (s, id, r, &last, &original, error)
                 && add_group (s, id, r, d, original, now, &group, error);
          ok = ok && add_failure (s, group, run_id, i + 1, r, d, now, error);
        }
    }
  else if (ok)
    {
      if (known != NULL)
        *known = TRUE;
      if (meta->identity != NULL)
        {
          sqlite3_stmt *up = s->stmt[ST_IDENTITY];
          bs_store_bind_text (up, 1, meta->content_hash);
          bs_store_bind_text (up, 2, meta->identity);
          ok = bs_store_step (s, ST_IDENTITY, error);
        }
    }
  bs_store_rows_free (own);
  if (!ok)
    {
      /* SQLite may have rolled back already (a full disk) */
      if (!sqlite3_get_autocommit (s->db))
        bs_store_step (s, ST_ROLLBACK, NULL);
      bs_store_forget_transaction (s);
      return FALSE;
    }
  if (own_tx)
    return bs_store_commit (s, error);
  return TRUE;
}

void
bs_store_take_late (BsStore *s, BsScanStats *late)
{
  memset (late, 0, sizeof *late);
  if (s->pg != NULL)
    bs_pg_take_late (s, late);
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
  g_autoptr (GError) local = NULL;
  g_autoptr (BsStmt) st = bs_stmt_prepare (s->db, s->pg, sql, &local);
  if (st == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: preparing prune: %s", s->path,
                   local->message);
      return FALSE;
    }
  bs_stmt_bind_text (st, 1, day);
  if (strstr (sql, "?2") != NULL)
    bs_stmt_bind_text (st, 2, now);
  int rc = bs_stmt_step (st);
  if (rc == BS_STMT_ROW && n != NULL)
    *n = bs_stmt_int64 (st, 0);
  else if (rc == BS_STMT_DONE && n != NULL)
    *n = bs_stmt_changes (st);
  if (rc != BS_STMT_ROW && rc != BS_STMT_DONE)
    {
      g_set_error (error, BS_ERROR, bs_stmt_busy (st) ? BS_ERROR_BUSY : BS_ERROR_STORE,
                   "database %s: pruning: %s", s->path, bs_stmt_errmsg (st));
      return FALSE;
    }
  return TRUE;
}

/* messages that have records before the cutoff and none on or after it */
#define PRUNED_MESSAGES                                                          \
  " FROM messages m WHERE m.pruned IS NULL"                                     \
  " AND EXISTS (SELECT 1 FROM failure_groups f WHERE f.message_id = m.id AND f.day < ?1)" \
  " AND NOT EXISTS (SELECT 1 FROM failure_groups f WHERE f.message_id = m.id AND f.day >= ?1)"

gboolean
bs_store_prune (BsStore *s, const char *before_day, gboolean dry_run, BsPruneStats *stats,
                GError **error)
{
  g_return_val_if_fail (before_day != NULL && stats != NULL, FALSE);
  memset (stats, 0, sizeof *stats);
  if (!bs_store_writable (s, error) || !bs_store_commit (s, error) || !bs_store_begin (s, error))
    return FALSE;
  g_autofree char *now = bs_store_now_utc ();
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
         /* a group's records go with it (ON DELETE CASCADE) */
         && prune_step (s, "DELETE FROM failure_groups WHERE day < ?1", before_day, now, NULL, error)
         && prune_step (s, "DELETE FROM originals WHERE id NOT IN"
                           " (SELECT original_id FROM failure_groups WHERE original_id IS NOT NULL)",
                        before_day, now, NULL, error)
         && prune_step (s, "DELETE FROM scan_runs WHERE started < ?1"
                           " AND id < (SELECT max(id) FROM scan_runs)", before_day, now, NULL, error);
  if (!ok || dry_run)
    {
      bs_store_rollback (s);
      return ok;
    }
  if (!bs_store_commit (s, error))
    return FALSE;
  if (s->pg == NULL)
    sqlite3_wal_checkpoint_v2 (s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;
}

gboolean
bs_store_vacuum (BsStore *s, GError **error)
{
  if (!bs_store_writable (s, error) || !bs_store_commit (s, error))
    return FALSE;
  if (s->pg != NULL)
    return bs_pg_exec (s, "VACUUM ANALYZE", error);
  if (!bs_store_exec (s, "VACUUM", error))
    return FALSE;
  sqlite3_wal_checkpoint_v2 (s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;
}

void
bs_store_sources_free (BsStore *s)
{
  if (s->sources == NULL)
    return;
  g_free (s->sources->from);
  if (s->sources->strings != NULL)
    g_string_chunk_free (s->sources->strings);
  g_clear_pointer (&s->sources, g_free);
}
