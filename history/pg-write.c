/* pg-write.c - the PostgreSQL history's writer: transactions, scan runs,
 * messages known by content hash (across every host: the same bounce in
 * two servers' mailboxes counts once), their failures rows, the per-day
 * counts and the per-path source state of the scan's host
 *
 * Messages go in through libpq's pipeline: each insert is sent without
 * waiting for its answer, and the answers (its id, or that it was known)
 * are read BS_PG_PIPELINE messages at a time, one round trip for all of
 * them.  A message found known then is counted back (bs_store_take_late).
 * Its failures rows, the batch's per-day counts and source states wait in
 * memory and go in with COPY at the commit, in the same transaction: a scan
 * killed at any moment leaves whole batches or nothing, as with SQLite.  Scans on different hosts touch different
 * per-day and source rows (their keys take the host), so they never wait
 * for each other there.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "pg.h"

/* messages sent and not yet answered, at most (then one round trip) */
#define BS_PG_PIPELINE 256

/* a message sent, its answer not read yet */
typedef struct {
  GString *rows;          /* its failures' COPY lines, each from the tab after the message id */
  GPtrArray *days;        /* per failure row: 4 subjects, sender domain, day (char *) */
  BsMessageKind kind;
  guint failures, delayed;
  gboolean identity;      /* a second statement (the identity's update) was sent */
  gint64 run_id;
} Pending;

struct _BsPgBatch {
  gboolean prepared;      /* the session's statements */
  gboolean pipeline;      /* in libpq's pipeline mode */
  GArray *pending;        /* Pending, in the order sent */
  GError *error;          /* an answer was an error: the transaction is lost */
  BsScanStats late;       /* messages counted as new that were known */
  GString *failures;      /* COPY text of the failures rows */
  GHashTable *sources;    /* key -> BsSourceState *, put in the open transaction */
};

static gboolean settle (BsStore *s, gboolean apply);

static void
pending_clear (gpointer p)
{
  Pending *m = p;
  g_string_free (m->rows, TRUE);
  g_ptr_array_unref (m->days);
}

static void
source_state_free (gpointer p)
{
  bs_source_state_clear (p);
  g_free (p);
}


static BsPgBatch *
batch (BsStore *s)
{
  if (s->batch == NULL)
    {
      s->batch = g_new0 (BsPgBatch, 1);
      s->batch->failures = g_string_new (NULL);
      s->batch->pending = g_array_new (FALSE, TRUE, sizeof (Pending));
      g_array_set_clear_func (s->batch->pending, pending_clear);
      s->batch->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 source_state_free);
    }
  return s->batch;
}

void
bs_pg_batch_free (BsPgBatch *b)
{
  if (b == NULL)
    return;
  g_string_free (b->failures, TRUE);
  g_hash_table_unref (b->sources);
  g_array_unref (b->pending);
  g_clear_error (&b->error);
  g_free (b);
}

static void
batch_clear (BsStore *s)
{
  if (s->batch == NULL)
    return;
  g_string_truncate (s->batch->failures, 0);
  g_hash_table_remove_all (s->batch->sources);
  g_array_set_size (s->batch->pending, 0);
  g_clear_error (&s->batch->error);
}

/* ---- errors and statements ---------------------------------------------------- */

/* run sql with n text parameters; its result (free with PQclear), or NULL
 * with error set */
static PGresult *
run (BsStore *s, const char *sql, int n, const char *const *params, const char *what,
     GError **error)
{
  PGresult *res = PQexecParams (s->pg, sql, n, NULL, params, NULL, NULL, 0);
  if (bs_pg_check (s, res, what, error))
    return res;
  PQclear (res);
  return NULL;
}

static gboolean
run_ok (BsStore *s, const char *sql, int n, const char *const *params, const char *what,
        GError **error)
{
  PGresult *res = run (s, sql, n, params, what, error);
  PQclear (res);
  return res != NULL;
}

/* PostgreSQL's text of a string: valid UTF-8 (a file name may not be) */
static const char *
valid (const char *text, char **own)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return text;
  return *own = g_utf8_make_valid (text, -1);
}

/* known by its content hash or its identity: nothing added */
#define MESSAGE_SQL                                                                           \
  "INSERT INTO messages (run_id, source, mbox_index, key, \"offset\", size, content_hash, kind," \
  " mta, error, first_seen, identity, host) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"  \
  " $11, $12, $13) ON CONFLICT DO NOTHING RETURNING id"
/* a message stored before schema 8, found again by its content hash */
#define IDENTITY_SQL                                                                          \
  "UPDATE messages SET identity = $2 WHERE content_hash = $1 AND identity IS NULL"            \
  " AND NOT EXISTS (SELECT 1 FROM messages o WHERE o.identity = $2)"

static gboolean
prepare (BsStore *s, GError **error)
{
  BsPgBatch *b = batch (s);
  if (b->prepared)
    return TRUE;
  PGresult *res = PQprepare (s->pg, "bs_message", MESSAGE_SQL, 13, NULL);
  gboolean ok = bs_pg_check (s, res, "preparing the writer's statements", error);
  PQclear (res);
  if (ok)
    {
      res = PQprepare (s->pg, "bs_identity", IDENTITY_SQL, 2, NULL);
      ok = bs_pg_check (s, res, "preparing the writer's statements", error);
      PQclear (res);
    }
  b->prepared = ok;
  return ok;
}

/* ---- COPY ------------------------------------------------------------------------- */

/* one value of a COPY text line */
static void
copy_value (GString *line, const char *v)
{
  if (v == NULL)
    {
      g_string_append (line, "\\N");
      return;
    }
  g_autofree char *own = NULL;
  v = valid (v, &own);
  for (const char *p = v; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (line, "\\\\"); break;
      case '\t': g_string_append (line, "\\t"); break;
      case '\n': g_string_append (line, "\\n"); break;
      case '\r': g_string_append (line, "\\r"); break;
      default: g_string_append_c (line, *p);
      }
}

void
bs_pg_copy_row (GString *out, const char *const *values, int n)
{
  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\t');
      copy_value (out, values[i]);
    }
  g_string_append_c (out, '\n');
}

/* COPY data (lines of copy_row) into table (columns) */
static gboolean
copy_in (BsStore *s, const char *into, const GString *data, GError **error)
{
  if (data->len == 0)
    return TRUE;
  g_autofree char *sql = g_strdup_printf ("COPY %s FROM STDIN", into);
  PGresult *res = PQexec (s->pg, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COPY_IN;
  if (!ok)
    bs_pg_check (s, res, "copying rows", error);
  PQclear (res);
  if (!ok)
    return FALSE;
  ok = PQputCopyData (s->pg, data->str, (int) data->len) == 1;
  if (PQputCopyEnd (s->pg, ok ? NULL : "bouncescan: sending rows failed") != 1)
    ok = FALSE;
  while ((res = PQgetResult (s->pg)) != NULL)
    {
      if (ok && !bs_pg_check (s, res, "copying rows", error))
        ok = FALSE;
      PQclear (res);
    }
  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: copying rows: %s", s->path,
                 g_strchomp (PQerrorMessage (s->pg)));
  return ok;
}

/* the failures of the batch's new messages: their originals (one row per
 * distinct original of each bounce), their groups (ids taken ahead in
 * bs_groups_in, then a row of failure_groups from each group's first
 * record), then a row of failure_recipients per record */
#define ORIGINAL_COLUMNS "orig_message_id, orig_from, orig_to, orig_subject, orig_date"
static const char failures_sql[] =
  "INSERT INTO originals (message_id, " ORIGINAL_COLUMNS ")"
  " SELECT DISTINCT message_id, " ORIGINAL_COLUMNS " FROM bs_failures_in"
  " WHERE coalesce(" ORIGINAL_COLUMNS ") IS NOT NULL ORDER BY 1;"
  "INSERT INTO bs_groups_in (id, message_id, grp)"
  " SELECT nextval(pg_get_serial_sequence('failure_groups', 'id')), message_id, grp"
  " FROM (SELECT message_id, grp FROM bs_failures_in WHERE seq = grp"
  " ORDER BY message_id, grp) AS firsts;"
  "INSERT INTO failure_groups (id, message_id, status, status_from, reply_code, reason,"
  " hard_bounce, is_failure, action, destination, sender_domain, sending_ip, sending_ip_from,"
  " remote_mta, reporting_mta, diagnostic, diagnostic_type, command, provider_code, blocklist,"
  " mta, timestamp, seen_at, day, original_id, rule, evidence, feedback_type, host)"
  " SELECT g.id, t.message_id, t.status, t.status_from, t.reply_code, t.reason, t.hard_bounce,"
  " t.is_failure, t.action, t.destination, t.sender_domain, t.sending_ip, t.sending_ip_from,"
  " t.remote_mta, t.reporting_mta, t.diagnostic, t.diagnostic_type, t.command,"
  " t.provider_code, t.blocklist, t.mta, t.timestamp, t.seen_at, t.day, o.id, t.rule,"
  " t.evidence, t.feedback_type, t.host"
  " FROM bs_groups_in g JOIN bs_failures_in t ON t.message_id = g.message_id AND t.seq = g.grp"
  " LEFT JOIN originals o ON o.message_id = t.message_id"
  " AND o.orig_message_id IS NOT DISTINCT FROM t.orig_message_id"
  " AND o.orig_from IS NOT DISTINCT FROM t.orig_from AND o.orig_to IS NOT DISTINCT FROM t.orig_to"
  " AND o.orig_subject IS NOT DISTINCT FROM t.orig_subject"
  " AND o.orig_date IS NOT DISTINCT FROM t.orig_date"
  " AND coalesce(t.orig_message_id, t.orig_from, t.orig_to, t.orig_subject, t.orig_date)"
  " IS NOT NULL ORDER BY g.id;"
  "INSERT INTO failure_recipients (group_id, seq, recipient, orig_recipient)"
  " SELECT g.id, t.seq, t.recipient, t.orig_recipient"
  " FROM bs_failures_in t JOIN bs_groups_in g ON g.message_id = t.message_id AND g.grp = t.grp"
  " ORDER BY t.message_id, t.seq";

static gboolean
flush_failures (BsStore *s, GError **error)
{
  if (s->batch->failures->len == 0)
    return TRUE;
  return copy_in (s, "bs_failures_in (" BS_FAILURE_COLUMNS ")", s->batch->failures, error)
         && bs_pg_exec (s, failures_sql, error);
}

/* the open transaction's per-day counts, added to failure_days */
static gboolean
flush_days (BsStore *s, GError **error)
{
  if (s->days == NULL || g_hash_table_size (s->days) == 0)
    return TRUE;
  g_autoptr (GString) data = g_string_new (NULL);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, s->days);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      g_auto (GStrv) parts = g_strsplit (k, "\037", 4);
      if (g_strv_length (parts) != 4)
        continue;
      const DayCount *c = v;
      char failures[24], first[24];
      g_snprintf (failures, sizeof failures, "%" G_GINT64_FORMAT, c->failures);
      g_snprintf (first, sizeof first, "%" G_GINT64_FORMAT, c->first_run);
      const char *row[] = { parts[0], parts[1], parts[2], parts[3], s->host, failures,
                            c->first_run > 0 ? first : NULL };
      bs_pg_copy_row (data, row, G_N_ELEMENTS (row));
    }
  g_hash_table_remove_all (s->days);
  return copy_in (s, "bs_days_in", data, error)
         && run_ok (s, "INSERT INTO failure_days (kind, value, sender_domain, day, host, failures,"
                       " first_run) SELECT kind, value, sender_domain, day, host, failures,"
                       " first_run FROM bs_days_in ORDER BY kind, value, sender_domain, day"
                       " ON CONFLICT (kind, value, sender_domain, day, host) DO UPDATE"
                       " SET failures = failure_days.failures + excluded.failures",
                    0, NULL, "counting the failures per day", error);
}

/* the open transaction's source states, into sources */
static gboolean
flush_sources (BsStore *s, GError **error)
{
  GHashTable *sources = s->batch->sources;
  if (g_hash_table_size (sources) == 0)
    return TRUE;
  g_autoptr (GString) data = g_string_new (NULL);
  char run[24];
  g_snprintf (run, sizeof run, "%" G_GINT64_FORMAT, s->run_id);
  const char *now = bs_store_now (s);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, sources);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      const BsSourceState *st = v;
      char size[24], mtime[24], offset[24], next[24];
      g_snprintf (size, sizeof size, "%" G_GINT64_FORMAT, st->size);
      g_snprintf (mtime, sizeof mtime, "%" G_GINT64_FORMAT, st->mtime);
      g_snprintf (offset, sizeof offset, "%" G_GINT64_FORMAT, st->offset);
      g_snprintf (next, sizeof next, "%u", st->next_index);
      const char *row[] = { k, size, mtime, offset, next, st->fingerprint,
                            s->run_id > 0 ? run : NULL, now, st->tail, s->host };
      bs_pg_copy_row (data, row, G_N_ELEMENTS (row));
    }
  g_hash_table_remove_all (sources);
  return copy_in (s, "bs_sources_in", data, error)
         && run_ok (s, "INSERT INTO sources (key, size, mtime, \"offset\", next_index, fingerprint,"
                       " last_run, updated, tail, host) SELECT key, size, mtime, \"offset\","
                       " next_index, fingerprint, last_run, updated, tail, host FROM bs_sources_in"
                       " ORDER BY key ON CONFLICT (host, key) DO UPDATE SET size = excluded.size,"
                       " mtime = excluded.mtime, \"offset\" = excluded.\"offset\","
                       " next_index = excluded.next_index, fingerprint = excluded.fingerprint,"
                       " last_run = excluded.last_run, updated = excluded.updated,"
                       " tail = excluded.tail",
                    0, NULL, "saving the source state", error);
}

/* ---- transactions ---------------------------------------------------------------- */

gboolean
bs_pg_begin (BsStore *s, GError **error)
{
  if (s->pg_tx)
    return TRUE;
  if (!bs_pg_exec (s, "BEGIN", error))
    return FALSE;
  s->pg_tx = TRUE;
  return TRUE;
}

void
bs_pg_rollback (BsStore *s)
{
  if (s->batch != NULL && s->batch->pipeline)
    settle (s, FALSE);
  if (s->pg_tx)
    PQclear (PQexec (s->pg, "ROLLBACK"));
  s->pg_tx = FALSE;
  batch_clear (s);
  bs_store_forget_transaction (s);
}

gboolean
bs_pg_commit (BsStore *s, GError **error)
{
  if (!s->pg_tx)
    return TRUE;
  batch (s);
  gboolean ok = bs_pg_settle (s, error) && flush_failures (s, error)
                && flush_days (s, error) && flush_sources (s, error)
                && bs_pg_exec (s, "COMMIT", error);
  if (!ok)
    {
      bs_pg_rollback (s);
      return FALSE;
    }
  s->pg_tx = FALSE;
  batch_clear (s);
  return TRUE;
}

/* ---- scan runs -------------------------------------------------------------------- */

gint64
bs_pg_run_begin (BsStore *s, const char *paths, GError **error)
{
  g_autofree char *now = bs_store_now_utc ();
  g_autofree char *own = NULL;
  const char *params[] = { now, valid (paths, &own), s->host };
  PGresult *res = run (s, "INSERT INTO scan_runs (started, paths, host) VALUES ($1, $2, $3)"
                          " RETURNING id", 3, params, "starting a scan run", error);
  if (res == NULL)
    return -1;
  gint64 id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  return id;
}

gboolean
bs_pg_run_finish (BsStore *s, gint64 run_id, const BsScanStats *stats, const char *status,
                  GError **error)
{
  g_autofree char *now = bs_store_now_utc ();
  const guint64 counts[] = { stats->messages, stats->bounces, stats->not_bounces,
                             stats->undecodable, stats->duplicates, stats->unchanged,
                             stats->skipped, stats->failures, stats->delayed };
  char text[G_N_ELEMENTS (counts) + 1][24];
  const char *params[G_N_ELEMENTS (counts) + 3];
  g_snprintf (text[0], sizeof text[0], "%" G_GINT64_FORMAT, run_id);
  params[0] = text[0];
  params[1] = now;
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_snprintf (text[i + 1], sizeof text[i + 1], "%" G_GUINT64_FORMAT,
                  MIN (counts[i], (guint64) G_MAXINT64));
      params[i + 2] = text[i + 1];
    }
  params[G_N_ELEMENTS (counts) + 2] = status;
  return run_ok (s, "UPDATE scan_runs SET finished = $2, messages = $3, bounces = $4,"
                    " not_bounces = $5, undecodable = $6, duplicates = $7, unchanged = $8,"
                    " skipped = $9, failures = $10, delayed = $11, status = $12 WHERE id = $1",
                 G_N_ELEMENTS (params), params, "ending the scan run", error);
}

/* ---- source state ----------------------------------------------------------------- */

gboolean
bs_pg_source_put (BsStore *s, const char *key, const BsSourceState *state, GError **error)
{
  gboolean own_tx = !s->pg_tx;
  if (own_tx && !bs_pg_begin (s, error))
    return FALSE;
  BsSourceState *copy = g_new0 (BsSourceState, 1);
  *copy = *state;
  copy->fingerprint = g_strdup (state->fingerprint);
  copy->tail = g_strdup (state->tail);
  g_autofree char *own = NULL;
  const char *k = valid (key, &own);
  g_hash_table_replace (batch (s)->sources, g_strdup (k), copy);
  bs_store_sources_written (s, key, state);
  return !own_tx || bs_pg_commit (s, error);
}

gboolean
bs_pg_source_pending (BsStore *s, const char *key, BsSourceState *state)
{
  if (s->batch == NULL)
    return FALSE;
  g_autofree char *own = NULL;
  const BsSourceState *p = g_hash_table_lookup (s->batch->sources, valid (key, &own));
  if (p == NULL)
    return FALSE;
  bs_source_state_clear (state);
  *state = *p;
  state->fingerprint = g_strdup (p->fingerprint);
  state->tail = g_strdup (p->tail);
  return TRUE;
}

/* ---- messages ------------------------------------------------------------------------ */

gboolean
bs_pg_message_known (BsStore *s, const char *content_hash)
{
  bs_pg_settle (s, NULL);
  const char *params[] = { content_hash };
  PGresult *res = run (s, "SELECT 1 FROM messages WHERE content_hash = $1 OR identity = $1", 1,
                       params,
                       "looking up a message", NULL);
  gboolean known = res != NULL && PQntuples (res) > 0;
  PQclear (res);
  return known;
}

/* ---- the pipeline ---------------------------------------------------------------- */

/* the next answer of the pipeline: its result (NULL: an error, set once) */
static gboolean
answer (BsStore *s, gboolean apply, gint64 *id)
{
  BsPgBatch *b = s->batch;
  PGresult *res = PQgetResult (s->pg);
  ExecStatusType st = PQresultStatus (res);
  gboolean ok = st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
  if (ok && id != NULL)
    *id = PQntuples (res) == 1 ? g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10) : 0;
  if (!ok && apply && b->error == NULL)
    bs_pg_check (s, res, st == PGRES_PIPELINE_ABORTED ? "storing a message (after an error)"
                                                 : "storing a message", &b->error);
  PQclear (res);
  /* each statement's results end with a NULL */
  while ((res = PQgetResult (s->pg)) != NULL)
    PQclear (res);
  return ok;
}

/* what a message found known takes back from the scan's counts */
static void
count_late (BsPgBatch *b, const Pending *m)
{
  b->late.messages++;
  b->late.bounces += m->kind == BS_MESSAGE_BOUNCE;
  b->late.not_bounces += m->kind == BS_MESSAGE_NOT_BOUNCE;
  b->late.undecodable += m->kind == BS_MESSAGE_UNDECODABLE;
  b->late.failures += m->failures;
  b->late.delayed += m->delayed;
}

/* an answered message: its failures rows and per-day counts, or counted back */
static void
resolve (BsStore *s, const Pending *m, gint64 id)
{
  BsPgBatch *b = s->batch;
  if (id <= 0)
    {
      count_late (b, m);
      return;
    }
  char prefix[24];
  g_snprintf (prefix, sizeof prefix, "%" G_GINT64_FORMAT, id);
  for (const char *line = m->rows->str; *line != '\0';)
    {
      const char *end = strchr (line, '\n');
      end = end != NULL ? end + 1 : line + strlen (line);
      g_string_append (b->failures, prefix);
      g_string_append_len (b->failures, line, end - line);
      line = end;
    }
  for (guint i = 0; i + 6 <= m->days->len; i += 6)
    {
      const char *const *d = (const char *const *) &m->days->pdata[i];
      bs_store_count_days (s, d, d[4], d[5], m->run_id);
    }
}

/* read every answer of the pipeline (apply: take them; else only drain)
 * and leave pipeline mode; FALSE when an answer was an error */
static gboolean
settle (BsStore *s, gboolean apply)
{
  BsPgBatch *b = s->batch;
  if (b == NULL || !b->pipeline)
    return b == NULL || b->error == NULL;
  gboolean synced = PQpipelineSync (s->pg) == 1;
  for (guint i = 0; synced && i < b->pending->len; i++)
    {
      const Pending *m = &g_array_index (b->pending, Pending, i);
      gint64 id = 0;
      gboolean ok = answer (s, apply, &id);
      if (m->identity)
        ok = answer (s, apply, NULL) && ok;
      if (ok && apply && b->error == NULL)
        resolve (s, m, id);
    }
  /* the sync's own answer */
  PGresult *res;
  while (synced && (res = PQgetResult (s->pg)) != NULL)
    {
      gboolean sync = PQresultStatus (res) == PGRES_PIPELINE_SYNC;
      PQclear (res);
      if (sync)
        break;
    }
  g_array_set_size (b->pending, 0);
  if ((!synced || PQexitPipelineMode (s->pg) != 1) && b->error == NULL)
    g_set_error (&b->error, BS_ERROR, BS_ERROR_STORE, "database %s: storing messages: %s",
                 s->path, g_strchomp (PQerrorMessage (s->pg)));
  b->pipeline = FALSE;
  return b->error == NULL;
}

gboolean
bs_pg_settle (BsStore *s, GError **error)
{
  if (settle (s, TRUE))
    return TRUE;
  if (error != NULL)
    *error = g_error_copy (s->batch->error);
  return FALSE;
}

void
bs_pg_take_late (BsStore *s, BsScanStats *late)
{
  memset (late, 0, sizeof *late);
  if (s->batch == NULL)
    return;
  *late = s->batch->late;
  memset (&s->batch->late, 0, sizeof s->batch->late);
}

/* the message's failures rows, as Pending keeps them */
static void
pending_rows (BsStore *s, Pending *m, GPtrArray *records, const BsStoreRows *rows,
              const char *now)
{
  char ints[BS_FAILURE_N_COLUMNS * 24];
  const char *values[BS_FAILURE_N_COLUMNS];
  m->rows = g_string_new (NULL);
  m->days = g_ptr_array_new_with_free_func (g_free);
  guint grp = 1;
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const BsRecord *r = g_ptr_array_index (records, i);
      const DerivedRow *d = bs_store_row (rows, i);
      if (!bs_store_rows_same_group (records, rows, i))
        grp = i + 1;
      bs_store_failure_values (r, d, 0, i + 1, grp, now, s->host, values, ints);
      /* every column but the message id, which the answer gives */
      g_string_append_c (m->rows, '\t');
      bs_pg_copy_row (m->rows, values + 1, BS_FAILURE_N_COLUMNS - 1);
      if (bs_record_is_failure (r))
        {
          m->failures++;
          const char *day[6] = { r->sending_ip, d->destination, r->blocklist, r->provider_code,
                                 d->sender_domain, values[25] };
          for (int k = 0; k < 6; k++)
            g_ptr_array_add (m->days, g_strdup (day[k]));
        }
      else if (r->action != NULL && strcmp (r->action, "delayed") == 0)
        m->delayed++;
    }
}

static gboolean
send_failed (BsStore *s, GError **error)
{
  g_set_error (error, BS_ERROR, BS_ERROR_STORE, "database %s: storing a message: %s", s->path,
               g_strchomp (PQerrorMessage (s->pg)));
  bs_store_rollback (s);
  return FALSE;
}

gboolean
bs_pg_put_message (BsStore *s, gint64 run_id, const BsMessageMeta *meta, GPtrArray *records,
                   const BsStoreRows *rows, gboolean *known, GError **error)
{
  gboolean own_tx = !s->pg_tx;
  if (!prepare (s, error) || (own_tx && !bs_pg_begin (s, error)))
    return FALSE;
  BsPgBatch *b = s->batch;
  if (b->error != NULL)
    {
      g_propagate_error (error, g_error_copy (b->error));
      bs_store_rollback (s);
      return FALSE;
    }
  if (!b->pipeline)
    {
      if (PQenterPipelineMode (s->pg) != 1)
        return send_failed (s, error);
      b->pipeline = TRUE;
    }
  const char *now = bs_store_now (s);
  char run[24], index[24], offset[24], size[24];
  g_snprintf (run, sizeof run, "%" G_GINT64_FORMAT, run_id);
  g_snprintf (index, sizeof index, "%u", meta->index);
  g_snprintf (offset, sizeof offset, "%" G_GINT64_FORMAT, meta->offset);
  g_snprintf (size, sizeof size, "%" G_GINT64_FORMAT, meta->size);
  g_autofree char *own_source = NULL, *own_key = NULL, *own_error = NULL;
  const char *params[] = { run_id > 0 ? run : NULL, valid (meta->source, &own_source), index,
                           valid (meta->key, &own_key), offset, size, meta->content_hash,
                           bs_store_kind_name (meta->kind), meta->mta,
                           valid (meta->error, &own_error), now, meta->identity, s->host };
  const char *up[] = { meta->content_hash, meta->identity };
  if (PQsendQueryPrepared (s->pg, "bs_message", G_N_ELEMENTS (params), params, NULL, NULL, 0) != 1
      || (meta->identity != NULL
          && PQsendQueryPrepared (s->pg, "bs_identity", 2, up, NULL, NULL, 0) != 1))
    return send_failed (s, error);
  Pending m = { .kind = meta->kind, .identity = meta->identity != NULL, .run_id = run_id };
  BsStoreRows *own_rows = rows == NULL ? bs_store_rows_new (records) : NULL;
  pending_rows (s, &m, records, own_rows != NULL ? own_rows : rows, now);
  bs_store_rows_free (own_rows);
  g_array_append_val (b->pending, m);
  if (b->pending->len >= BS_PG_PIPELINE && !bs_pg_settle (s, error))
    {
      bs_store_rollback (s);
      return FALSE;
    }
  if (!own_tx)
    return TRUE;
  /* on its own: its answer now */
  if (!bs_pg_commit (s, error))
    return FALSE;
  if (b->late.messages > 0 && known != NULL)
    {
      *known = TRUE;
      memset (&b->late, 0, sizeof b->late);
    }
  return TRUE;
}
