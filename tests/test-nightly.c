/* test-nightly.c - the store's nightly side (schema 3 upgrade of a
 * version 1 or 2 history, whole or not at all; the failure_days trigger;
 * prune; waiting for the scan lock; run status) and the changes computation
 * (episodes, quiet period edges, the "since the previous scan" window across
 * a killed run, filters, text and HTML escaping); the same against
 * PostgreSQL (test-fixture.h), but the upgrades of old SQLite histories
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <glib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "advice.h"
#include "bs.h"
#include "changes.h"
#include "record.h"
#include "store.h"

#include "test-fixture.h"
#include "test-sql.h"


static gint64
count_db (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return n;
}

static gint64
count (BsStore *store, const char *sql)
{
  return test_sql_int (bs_store_path (store), sql, NULL);
}

static char *
text_of (BsStore *store, const char *sql)
{
  return test_sql_text (bs_store_path (store), sql);
}

static void
exec_ok (sqlite3 *db, const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

/* ---- a version 1 history, as a version 1 bouncescan wrote it ------------- */

/* a history at version (1 or 2), with the rows a bouncescan of that
 * version wrote */
static void
make_old (const char *path, int version, gboolean conflicting_table)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_ok (db, "PRAGMA journal_mode = WAL");
  exec_ok (db, "BEGIN");
  const char *v1 = bs_store_migration_sql (1);
  g_assert_nonnull (v1);
  exec_ok (db, v1);
  exec_ok (db,
    "INSERT INTO schema_history VALUES (1, '2024-01-01T00:00:00Z', 'initial schema');"
    "INSERT INTO scan_runs (id, started, finished, paths, messages, failures)"
    " VALUES (1, '2024-03-01T02:00:00Z', '2024-03-01T02:01:00Z', '/var/mail/b', 2, 3);"
    "INSERT INTO sources (key, size, mtime, offset, next_index, fingerprint, last_run, updated)"
    " VALUES ('/var/mail/b', 5000, 1709258400, 5000, 2, 'fp', 1, '2024-03-01T02:01:00Z');"
    "INSERT INTO messages (id, run_id, source, mbox_index, key, offset, size, content_hash, kind,"
    " mta, first_seen) VALUES"
    " (1, 1, '/var/mail/b', 1, 'k1', 0, 2500, 'h1', 'bounce', 'rfc3464', '2024-03-01T02:00:10Z'),"
    " (2, 1, '/var/mail/b', 2, 'k2', 2500, 2500, 'h2', 'bounce', 'postfix', '2024-03-01T02:00:20Z');"
    "INSERT INTO failures (message_id, seq, recipient, status, reason, is_failure, action,"
    " destination, sender_domain, sending_ip, blocklist, provider_code, seen_at, day) VALUES"
    " (1, 1, 'a@example.org', '5.7.1', 'blocked', 1, 'failed', 'example.org', 'shop.example.jp',"
    "  '192.0.2.7', 'spamhaus-zen', NULL, '2024-02-28T10:00:00Z', '2024-02-28'),"
    " (1, 2, 'b@example.org', '5.7.1', 'blocked', 1, 'failed', 'example.org', 'shop.example.jp',"
    "  '192.0.2.7', 'spamhaus-zen', NULL, '2024-02-28T10:00:00Z', '2024-02-28'),"
    " (2, 1, 'c@example.net', '5.7.1', 'blocked', 1, 'failed', 'example.net', NULL,"
    "  '198.51.100.9', 'microsoft-olc', 'S3150', '2024-02-29T10:00:00Z', '2024-02-29'),"
    " (2, 2, 'd@example.net', '4.4.7', 'expired', 0, 'delayed', 'example.net', NULL,"
    "  NULL, NULL, NULL, '2024-02-29T10:00:00Z', '2024-02-29');");
  for (int v = 2; v <= version; v++)
    {
      exec_ok (db, bs_store_migration_sql (v));
      g_autofree char *log = g_strdup_printf ("INSERT INTO schema_history VALUES (%d,"
                                              " '2024-02-01T00:00:00Z', 'step')", v);
      exec_ok (db, log);
    }
  if (version >= 2)
    exec_ok (db, "INSERT INTO checks (run_id, checked_at, kind, subject, list, status)"
                 " VALUES (1, '2024-03-01T02:01:00Z', 'dnsbl', '192.0.2.7', 'spamhaus-zen', 'listed')");
  if (conflicting_table)
    exec_ok (db, "CREATE TABLE failure_days (x)");
  g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %d;"
                                          " PRAGMA application_id = 1112752974", version);
  exec_ok (db, set);
  exec_ok (db, "COMMIT");
  sqlite3_close (db);
}

static void
test_upgrade_old (Fixture *f, gconstpointer data)
{
  if (fixture_sqlite_only ("an old history's upgrade"))
    return;
  int from = GPOINTER_TO_INT (data);
  make_old (f->db, from, FALSE);
  g_autoptr (GError) error = NULL;
  /* a reader refuses the old version and says what upgrades it */
  BsStore *reader = bs_store_open_readonly (f->db, &error);
  g_assert_null (reader);
  g_assert_nonnull (strstr (error->message, "upgrades it"));
  g_clear_error (&error);

  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bs_store_schema_version (store), ==, bs_store_schema_latest ());
  g_assert_cmpint (bs_store_schema_latest (), >=, 3);
  g_assert_cmpint (count (store, "SELECT count(*) FROM schema_history"), ==, bs_store_schema_latest ());
  g_assert_cmpint (count (store, "SELECT count(*) FROM checks"), ==, from >= 2 ? 1 : 0);
  /* the history is kept */
  g_assert_cmpint (count (store, "SELECT count(*) FROM failures"), ==, 4);
  g_assert_cmpint (count (store, "SELECT count(*) FROM messages WHERE pruned IS NULL"), ==, 2);
  g_assert_cmpint (count (store, "SELECT count(*) FROM scan_runs WHERE status IS NULL"), ==, 1);
  /* failure_days from the old records: failures only, per kind */
  g_assert_cmpint (count (store, "SELECT failures FROM failure_days WHERE kind = 'ip'"
                                 " AND value = '192.0.2.7' AND day = '2024-02-28'"
                                 " AND sender_domain = 'shop.example.jp' AND first_run = 1"), ==, 2);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failure_days WHERE kind = 'provider_code'"
                                 " AND value = 'S3150' AND sender_domain = ''"), ==, 1);
  g_assert_cmpint (count (store, "SELECT sum(failures) FROM failure_days WHERE kind = 'destination'"), ==, 3);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failure_days"), ==, 7);
  /* the old mbox state still reads, without a tail hash */
  BsSourceState st = { 0 };
  g_assert_true (bs_store_source_get (store, "/var/mail/b", &st));
  g_assert_cmpint (st.offset, ==, 5000);
  g_assert_null (st.tail);
  bs_source_state_clear (&st);
  /* and new records go through the trigger */
  gint64 run = bs_store_run_begin (store, "x", &error);
  g_assert_cmpint (run, ==, 2);  /* after the old run */
  g_autoptr (GPtrArray) recs = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  BsRecord *r = bs_record_new ();
  bs_record_set (&r->recipient, "e@example.org");
  bs_record_set (&r->action, "failed");
  bs_record_set (&r->status, "5.7.1");
  bs_record_set (&r->destination, "example.org");
  bs_record_set (&r->sender_domain, "shop.example.jp");
  bs_record_set (&r->sending_ip, "192.0.2.7");
  bs_record_set (&r->timestamp, "2024-02-28T23:00:00+09:00");
  g_ptr_array_add (recs, r);
  BsMessageMeta meta = { "/var/mail/b", 3, "k3", 5000, 100, "h3", BS_MESSAGE_BOUNCE, "rfc3464", NULL };
  g_assert_true (bs_store_add_message (store, run, &meta, recs, &error));
  g_assert_cmpint (count (store, "SELECT failures FROM failure_days WHERE kind = 'ip'"
                                 " AND value = '192.0.2.7' AND day = '2024-02-28'"), ==, 3);
  g_assert_cmpint (count (store, "SELECT first_run FROM failure_days WHERE kind = 'ip'"
                                 " AND value = '192.0.2.7' AND day = '2024-02-28'"), ==, 1);
}

static void
test_upgrade_all_or_nothing (Fixture *f, gconstpointer data)
{
  if (fixture_sqlite_only ("an old history's upgrade"))
    return;
  /* version 2 applies, version 3 fails: neither stays */
  make_old (f->db, 1, TRUE);
  g_autoptr (GError) error = NULL;
  BsStore *store = bs_store_open (f->db, &error);
  g_assert_null (store);
  g_assert_error (error, BS_ERROR, BS_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "version 3"));
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (count_db (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (count_db (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'checks'"), ==, 0);
  g_assert_cmpint (count_db (db, "SELECT count(*) FROM pragma_table_info('scan_runs')"
                                 " WHERE name = 'status'"), ==, 0);
  g_assert_cmpint (count_db (db, "SELECT count(*) FROM schema_history"), ==, 1);
  g_assert_cmpint (count_db (db, "SELECT count(*) FROM failures"), ==, 4);
  sqlite3_close (db);
}

/* ---- trigger, run status, prune, lock ------------------------------------- */

/* one bounce with one failure record of the given subject fields */
static void
add_failure (BsStore *store, gint64 run, const char *hash, const char *day, const char *ip,
             const char *destination, const char *blocklist, const char *code,
             const char *sender, gboolean failure)
{
  g_autoptr (GPtrArray) recs = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  BsRecord *r = bs_record_new ();
  g_autofree char *ts = g_strdup_printf ("%sT12:00:00+00:00", day);
  g_autofree char *rcpt = g_strdup_printf ("%s@%s", hash, destination ? destination : "x.example");
  bs_record_set (&r->recipient, rcpt);
  bs_record_set (&r->action, failure ? "failed" : "delayed");
  bs_record_set (&r->status, failure ? "5.7.1" : "4.4.7");
  bs_record_set (&r->timestamp, ts);
  bs_record_set (&r->sending_ip, ip);
  bs_record_set (&r->destination, destination);
  bs_record_set (&r->blocklist, blocklist);
  bs_record_set (&r->provider_code, code);
  bs_record_set (&r->sender_domain, sender);
  g_ptr_array_add (recs, r);
  BsMessageMeta meta = { "/m", 0, hash, 0, 10, hash, BS_MESSAGE_BOUNCE, "rfc3464", NULL };
  g_autoptr (GError) error = NULL;
  g_assert_true (bs_store_add_message (store, run, &meta, recs, &error));
  g_assert_no_error (error);
}

static void
test_trigger (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  gint64 run = bs_store_run_begin (store, "x", &error);
  add_failure (store, run, "m1", "2024-03-01", "192.0.2.7", "example.org", "spamhaus-zen", "S3150",
               "a.example.com", TRUE);
  add_failure (store, run, "m2", "2024-03-01", "192.0.2.7", "example.org", NULL, NULL,
               "a.example.com", TRUE);
  add_failure (store, run, "m3", "2024-03-01", "192.0.2.7", "example.org", NULL, NULL, NULL, TRUE);
  add_failure (store, run, "m4", "2024-03-01", "192.0.2.8", "example.org", NULL, NULL, NULL, FALSE);
  add_failure (store, run, "m5", "2024-03-02", "", NULL, NULL, NULL, NULL, TRUE);
  g_assert_cmpint (count (store, "SELECT failures FROM failure_days WHERE kind = 'ip'"
                                 " AND sender_domain = 'a.example.com'"), ==, 2);
  g_assert_cmpint (count (store, "SELECT failures FROM failure_days WHERE kind = 'ip'"
                                 " AND sender_domain = ''"), ==, 1);
  /* a delay warning counts nowhere, an empty or missing value neither */
  g_assert_cmpint (count (store, "SELECT count(*) FROM failure_days WHERE value = '192.0.2.8'"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failure_days WHERE day = '2024-03-02'"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failure_days"), ==, 6);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failure_days WHERE first_run = 1"), ==, 6);

  BsScanStats stats = { .messages = 5 };
  g_assert_true (bs_store_run_finish (store, run, &stats, BS_RUN_INTERRUPTED, &error));
  g_autofree char *status = text_of (store, "SELECT status FROM scan_runs");
  g_assert_cmpstr (status, ==, "interrupted");
  run = bs_store_run_begin (store, "x", &error);
  g_assert_true (bs_store_run_end (store, run, &stats, &error));
  g_assert_cmpint (count (store, "SELECT count(*) FROM scan_runs WHERE status = 'complete'"), ==, 1);
}

static void
test_prune (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  gint64 run1 = bs_store_run_begin (store, "x", &error);
  add_failure (store, run1, "old1", "2024-01-10", "192.0.2.7", "example.org", NULL, NULL, NULL, TRUE);
  add_failure (store, run1, "old2", "2024-01-11", "192.0.2.7", "example.org", NULL, NULL, NULL, FALSE);
  add_failure (store, run1, "new1", "2024-03-10", "192.0.2.7", "example.org", NULL, NULL, NULL, TRUE);
  BsMessageMeta plain = { "/m", 0, "p", 0, 10, "plain", BS_MESSAGE_NOT_BOUNCE, NULL, NULL };
  g_assert_true (bs_store_add_message (store, run1, &plain, NULL, &error));
  BsScanStats stats = { 0 };
  g_assert_true (bs_store_run_end (store, run1, &stats, &error));
  /* runs started "before" the cutoff: make the first one old */
  test_sql_exec (bs_store_path (store), "UPDATE scan_runs SET started = '2024-01-12T00:00:00Z'");
  gint64 run2 = bs_store_run_begin (store, "x", &error);
  g_assert_true (bs_store_run_end (store, run2, &stats, &error));
  test_sql_exec (bs_store_path (store), "UPDATE scan_runs SET started = '2024-01-13T00:00:00Z'"
                                        " WHERE id = 2");
  gint64 days = count (store, "SELECT count(*) FROM failure_days");

  BsPruneStats ps;
  g_assert_true (bs_store_prune (store, "2024-03-01", TRUE, &ps, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ps.records, ==, 2);
  g_assert_cmpint (ps.messages, ==, 2);
  g_assert_cmpint (ps.runs, ==, 1);  /* never the latest run */
  g_assert_cmpint (count (store, "SELECT count(*) FROM failures"), ==, 3);

  g_assert_true (bs_store_prune (store, "2024-03-01", FALSE, &ps, &error));
  g_assert_cmpint (ps.records, ==, 2);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failures"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM messages"), ==, 4);
  g_assert_cmpint (count (store, "SELECT count(*) FROM messages WHERE pruned IS NOT NULL"), ==, 2);
  g_assert_cmpint (count (store, "SELECT count(*) FROM messages WHERE content_hash = 'plain'"
                                 " AND pruned IS NULL"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM scan_runs"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM messages WHERE run_id IS NULL"), ==, 4);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failure_days"), ==, days);
  /* the pruned bounces stay known: a re-scan does not import them again */
  g_assert_true (bs_store_message_known (store, "old1"));
  g_assert_true (bs_store_vacuum (store, &error));
  g_assert_no_error (error);
  /* pruning again finds nothing */
  g_assert_true (bs_store_prune (store, "2024-03-01", FALSE, &ps, &error));
  g_assert_cmpint (ps.records + ps.messages + ps.runs, ==, 0);
}

typedef struct {
  BsStore *holder;
  guint delay_ms;
} Release;

static gpointer
release_later (gpointer data)
{
  Release *r = data;
  g_usleep (r->delay_ms * 1000);
  bs_store_close (r->holder);
  return NULL;
}

static void
test_wait_for_lock (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  BsStore *first = bs_store_open (f->db, &error);
  g_assert_no_error (error);
  /* gives up after its time */
  gint64 t = g_get_monotonic_time ();
  BsStore *second = bs_store_open_wait (f->db, 1, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, BS_ERROR, BS_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "after waiting 1 s"));
  g_assert_cmpint (g_get_monotonic_time () - t, >=, 900000);
  g_clear_error (&error);
  /* a cancelled wait stops at once */
  gint cancelled = 1;
  t = g_get_monotonic_time ();
  g_assert_null (bs_store_open_wait (f->db, 30, &cancelled, &error));
  g_assert_error (error, BS_ERROR, BS_ERROR_BUSY);
  g_assert_cmpint (g_get_monotonic_time () - t, <, 2000000);
  g_clear_error (&error);
  /* gets the lock when the holder lets go */
  Release r = { first, 300 };
  GThread *th = g_thread_new ("release", release_later, &r);
  second = bs_store_open_wait (f->db, 30, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_thread_join (th);
  bs_store_close (second);
}

/* ---- changes ---------------------------------------------------------------- */

static BsChanges *
compute (BsStore *store, const char *since, guint quiet, guint kinds, const char *const *senders)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsHistoryFilter) filter = bs_history_filter_new (since, NULL, senders, NULL, &error);
  g_assert_no_error (error);
  BsChangesOptions o = { .filter = filter, .quiet_days = quiet, .kinds = kinds };
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  g_assert_no_error (error);
  BsChanges *c = bs_changes_compute (read, &o, &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static const BsChange *
find (const BsChanges *c, BsChangeType type, const char *value, const char *first_day)
{
  for (guint i = 0; i < c->changes->len; i++)
    {
      const BsChange *ch = g_ptr_array_index (c->changes, i);
      if (ch->type == type && strcmp (ch->value, value) == 0
          && (first_day == NULL || g_strcmp0 (ch->first_day, first_day) == 0))
        return ch;
    }
  return NULL;
}

static void
test_episodes (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  gint64 run = bs_store_run_begin (store, "x", &error);
  /* 192.0.2.1: 03-01, 03-08 (7 days later: the same episode), 03-16 (8
   * days after 03-08: a new one) */
  add_failure (store, run, "a1", "2024-03-01", "192.0.2.1", NULL, NULL, NULL, NULL, TRUE);
  add_failure (store, run, "a2", "2024-03-08", "192.0.2.1", NULL, NULL, NULL, NULL, TRUE);
  add_failure (store, run, "a3", "2024-03-08", "192.0.2.1", NULL, NULL, NULL, NULL, TRUE);
  add_failure (store, run, "a4", "2024-03-16", "192.0.2.1", NULL, NULL, NULL, NULL, TRUE);
  /* 192.0.2.2: once, on the newest day: new and still failing */
  add_failure (store, run, "b1", "2024-03-23", "192.0.2.2", NULL, NULL, NULL, NULL, TRUE);
  BsScanStats stats = { 0 };
  g_assert_true (bs_store_run_end (store, run, &stats, &error));

  g_autoptr (BsChanges) c = compute (store, "2024-01-01", 7, 1u << BS_SUBJECT_IP, NULL);
  g_assert_cmpstr (c->reference_day, ==, "2024-03-23");
  const BsChange *n = find (c, BS_CHANGE_NEW, "192.0.2.1", NULL);
  g_assert_nonnull (n);
  g_assert_cmpstr (n->first_day, ==, "2024-03-01");
  g_assert_cmpstr (n->last_day, ==, "2024-03-08");
  g_assert_cmpint (n->failures, ==, 3);
  g_assert_cmpint (n->days, ==, 2);
  const BsChange *cl = find (c, BS_CHANGE_CLEARED, "192.0.2.1", "2024-03-01");
  g_assert_nonnull (cl);
  g_assert_cmpstr (cl->cleared_day, ==, "2024-03-15");
  const BsChange *b = find (c, BS_CHANGE_BACK, "192.0.2.1", NULL);
  g_assert_nonnull (b);
  g_assert_cmpstr (b->first_day, ==, "2024-03-16");
  g_assert_cmpstr (b->previous_last_day, ==, "2024-03-08");
  g_assert_cmpstr (b->cleared_day, ==, "2024-03-15");
  g_assert_cmpuint (b->episode, ==, 2);
  /* 03-16 + 7 = 03-23 = the reference day: cleared exactly then */
  g_assert_nonnull (find (c, BS_CHANGE_CLEARED, "192.0.2.1", "2024-03-16"));
  g_assert_nonnull (find (c, BS_CHANGE_NEW, "192.0.2.2", NULL));
  g_assert_null (find (c, BS_CHANGE_CLEARED, "192.0.2.2", NULL));
  g_assert_cmpint (c->still_failing, ==, 1);
  g_assert_cmpuint (c->count[BS_CHANGE_NEW], ==, 2);
  g_assert_cmpuint (c->count[BS_CHANGE_BACK], ==, 1);
  g_assert_cmpuint (c->count[BS_CHANGE_CLEARED], ==, 2);
  g_assert_true (bs_changes_alarming (c));
  /* sorted: new, came back, cleared */
  for (guint i = 1; i < c->changes->len; i++)
    g_assert_cmpint (((BsChange *) g_ptr_array_index (c->changes, i - 1))->type, <=,
                     ((BsChange *) g_ptr_array_index (c->changes, i))->type);

  /* a longer quiet period: one episode, nothing came back */
  g_autoptr (BsChanges) q = compute (store, "2024-01-01", 8, 1u << BS_SUBJECT_IP, NULL);
  g_assert_null (find (q, BS_CHANGE_BACK, "192.0.2.1", NULL));
  g_assert_cmpint (find (q, BS_CHANGE_NEW, "192.0.2.1", NULL)->failures, ==, 4);
  /* a later window: only what happened in it */
  g_autoptr (BsChanges) w = compute (store, "2024-03-16", 7, 1u << BS_SUBJECT_IP, NULL);
  g_assert_null (find (w, BS_CHANGE_NEW, "192.0.2.1", NULL));
  g_assert_null (find (w, BS_CHANGE_CLEARED, "192.0.2.1", "2024-03-01"));
  g_assert_nonnull (find (w, BS_CHANGE_BACK, "192.0.2.1", NULL));
  /* other kinds only: nothing about IPs */
  g_autoptr (BsChanges) k = compute (store, "2024-01-01", 7, 1u << BS_SUBJECT_BLOCKLIST, NULL);
  g_assert_cmpuint (k->changes->len, ==, 0);
  g_assert_false (bs_changes_alarming (k));
}

static void
test_since_last_scan (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  BsScanStats stats = { 0 };
  /* scan 1 */
  gint64 run = bs_store_run_begin (store, "x", &error);
  add_failure (store, run, "s1", "2024-03-01", "192.0.2.1", NULL, NULL, NULL, NULL, TRUE);
  g_assert_true (bs_store_run_end (store, run, &stats, &error));
  g_autoptr (BsChanges) c1 = compute (store, NULL, 7, 1u << BS_SUBJECT_IP, NULL);
  g_assert_cmpint (c1->last_run, ==, 1);
  g_assert_cmpint (c1->previous_run, ==, 0);
  g_assert_nonnull (find (c1, BS_CHANGE_NEW, "192.0.2.1", NULL));
  /* scan 2 is killed (never finished) after storing a new IP; scan 3
   * finishes with another: both are new since scan 1 */
  run = bs_store_run_begin (store, "x", &error);
  add_failure (store, run, "s2", "2024-03-05", "192.0.2.2", NULL, NULL, NULL, NULL, TRUE);
  run = bs_store_run_begin (store, "x", &error);
  add_failure (store, run, "s3", "2024-03-10", "192.0.2.3", NULL, NULL, NULL, NULL, TRUE);
  g_assert_true (bs_store_run_end (store, run, &stats, &error));
  g_autoptr (BsChanges) c3 = compute (store, NULL, 7, 1u << BS_SUBJECT_IP, NULL);
  g_assert_cmpint (c3->last_run, ==, 3);
  g_assert_cmpint (c3->previous_run, ==, 1);
  g_assert_null (find (c3, BS_CHANGE_NEW, "192.0.2.1", NULL));
  g_assert_nonnull (find (c3, BS_CHANGE_NEW, "192.0.2.2", NULL));
  g_assert_nonnull (find (c3, BS_CHANGE_NEW, "192.0.2.3", NULL));
  /* the reference moved from 03-01 to 03-10: 192.0.2.1 cleared on 03-08 */
  g_assert_nonnull (find (c3, BS_CHANGE_CLEARED, "192.0.2.1", NULL));
  /* scan 4 brings nothing: nothing new, nothing cleared */
  run = bs_store_run_begin (store, "x", &error);
  g_assert_true (bs_store_run_end (store, run, &stats, &error));
  g_autoptr (BsChanges) c4 = compute (store, NULL, 7, 0, NULL);
  g_assert_cmpuint (c4->changes->len, ==, 0);
  g_assert_cmpint (c4->still_failing, ==, 2);
  /* scan 5 brings an older bounce of a known IP: not new */
  run = bs_store_run_begin (store, "x", &error);
  add_failure (store, run, "s5", "2024-03-09", "192.0.2.3", NULL, NULL, NULL, NULL, TRUE);
  g_assert_true (bs_store_run_end (store, run, &stats, &error));
  g_autoptr (BsChanges) c5 = compute (store, NULL, 7, 1u << BS_SUBJECT_IP, NULL);
  g_assert_null (find (c5, BS_CHANGE_NEW, "192.0.2.3", NULL));
}

static void
test_filters_and_text (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  gint64 run = bs_store_run_begin (store, "x", &error);
  add_failure (store, run, "f1", "2024-03-01", NULL, "example.org", NULL, NULL, "mail.a.example.com", TRUE);
  add_failure (store, run, "f2", "2024-03-01", NULL, "example.net", NULL, NULL, "b.example.net", TRUE);
  add_failure (store, run, "f3", "2024-03-02", NULL, "<b>\x1b[31mevil.example", NULL, NULL,
               "a.example.com", TRUE);
  BsScanStats stats = { 0 };
  g_assert_true (bs_store_run_end (store, run, &stats, &error));
  const char *const a[] = { "A.Example.COM", NULL };
  g_autoptr (BsChanges) c = compute (store, "2024-01-01", 7, 1u << BS_SUBJECT_DESTINATION, a);
  g_assert_nonnull (find (c, BS_CHANGE_NEW, "example.org", NULL));  /* a subdomain's */
  g_assert_null (find (c, BS_CHANGE_NEW, "example.net", NULL));
  g_autofree char *text = bs_changes_text (c, 0);
  g_assert_nonnull (strstr (text, "New (2):"));
  g_assert_null (strchr (text, '\x1b'));   /* control characters shown, not sent */
  g_autoptr (GString) html = g_string_new (NULL);
  bs_changes_html_section (html, c, FALSE, 0);
  g_assert_null (strstr (html->str, "<b>"));
  g_assert_nonnull (strstr (html->str, "&lt;b&gt;"));
  g_assert_nonnull (strstr (html->str, "<section id=\"changes\">"));
  /* limits */
  g_autofree char *one = bs_changes_text (c, 1);
  g_assert_nonnull (strstr (one, "... and 1 more"));
  /* bad dates are usage errors */
  g_assert_null (bs_history_filter_new ("2024-02-30", NULL, NULL, NULL, &error));
  g_assert_error (error, BS_ERROR, BS_ERROR_USAGE);
  g_clear_error (&error);
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  BsChangesOptions bad = { .as_of = "2024-13-01" };
  BsChanges *none = bs_changes_compute (read, &bad, &error);
  g_assert_null (none);
  g_assert_error (error, BS_ERROR, BS_ERROR_USAGE);
}

/* version 9: the original's headers move from each failure to one row of
 * originals per distinct original of a bounce; every row reads as before */
static void
test_upgrade_originals (Fixture *f, gconstpointer data)
{
  if (fixture_sqlite_only ("an old history's upgrade"))
    return;
  make_old (f->db, 6, FALSE);
  sqlite3 *db = test_sql_open (f->db, TRUE);
  exec_ok (db, "BEGIN");
  exec_ok (db, bs_store_migration_sql (8));   /* (7 rewrites rule ids: none here) */
  exec_ok (db, "UPDATE failures SET orig_message_id = 'o1@shop.example.jp', orig_from = 'a@shop',"
               " orig_to = 'list@example.org', orig_subject = 'News', orig_date = '2024-02-28'"
               " WHERE message_id = 1;"
               "UPDATE failures SET orig_subject = 'Other' WHERE message_id = 2 AND seq = 1;"
               "PRAGMA user_version = 8");
  exec_ok (db, "COMMIT");
  sqlite3_close (db);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bs_store_schema_version (store), ==, bs_store_schema_latest ());
  g_assert_cmpint (count (store, "SELECT count(*) FROM originals"), ==, 2);
  g_assert_cmpint (count (store, "SELECT count(DISTINCT original_id) FROM failures"
                                 " WHERE message_id = 1"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failures WHERE original_id IS NULL"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM pragma_table_info('failures')"
                                 " WHERE name GLOB 'orig_[a-z]*' AND name <> 'orig_recipient'"), ==, 0);
  /* what the readers give: each recipient's original, as stored before */
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  g_assert_no_error (error);
  g_autoptr (BsHistoryFilter) all = bs_history_filter_new (NULL, NULL, NULL, "UTC", &error);
  g_assert_no_error (error);
  BsFailureQuery q = { .sorted = TRUE };
  g_autoptr (BsHistoryIter) it = bs_history_failures (read, all, &q, &error);
  g_assert_no_error (error);
  g_autoptr (GString) seen = g_string_new (NULL);
  BsFailureRow row;
  while (bs_history_next_failure (it, &row, &error))
    g_string_append_printf (seen, "%s:%s:%s;", row.values[BS_FIELD_RECIPIENT],
                            row.values[BS_FIELD_ORIG_TO] ? row.values[BS_FIELD_ORIG_TO] : "-",
                            row.values[BS_FIELD_ORIG_SUBJECT] ? row.values[BS_FIELD_ORIG_SUBJECT] : "-");
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "a@example.org:list@example.org:News;"
                                  "b@example.org:list@example.org:News;c@example.net:-:Other;");
}

/* version 11: what a bounce's records share goes once into failure_groups,
 * a group being a run of records of one message that share it; the view
 * failures reads as the table did, in the same order; a carrier's
 * "Unknown user" an older version called hard is not (but a user rule's
 * verdict stays) */
static void
test_upgrade_groups (Fixture *f, gconstpointer data)
{
  if (fixture_sqlite_only ("an old history's upgrade"))
    return;
  make_old (f->db, 6, FALSE);
  sqlite3 *db = test_sql_open (f->db, TRUE);
  exec_ok (db, "BEGIN");
  exec_ok (db, bs_store_migration_sql (8));
  exec_ok (db,
    "INSERT INTO messages (id, run_id, source, mbox_index, key, offset, size, content_hash, kind,"
    " mta, first_seen) VALUES"
    " (3, 1, '/var/mail/b', 3, 'k3', 5000, 2500, 'h3', 'bounce', 'rfc3464', '2024-03-01T02:00:30Z'),"
    " (4, 1, '/var/mail/b', 4, 'k4', 7500, 2500, 'h4', 'bounce', 'rfc3464', '2024-03-01T02:00:40Z');"
    "INSERT INTO failures (message_id, seq, recipient, status, reason, hard_bounce, is_failure,"
    " action, destination, rule, seen_at, day) VALUES"
    " (3, 1, 'x@docomo.ne.jp', '5.1.1', 'userunknown', 1, 1, 'failed', 'docomo.ne.jp',"
    "  'status:5.1.1', '2024-02-27T10:00:00Z', '2024-02-27'),"
    " (3, 2, 'y@docomo.ne.jp', '5.1.1', 'userunknown', 1, 1, 'failed', 'docomo.ne.jp',"
    "  'user:dead', '2024-02-27T10:00:00Z', '2024-02-27'),"
    " (3, 3, 'z@example.com', '5.1.1', 'userunknown', 1, 1, 'failed', 'example.com',"
    "  'status:5.1.1', '2024-02-27T10:00:00Z', '2024-02-27'),"
    " (4, 1, 'p@gmail.com', '5.1.1', 'userunknown', 1, 1, 'failed', 'gmail.com',"
    "  'status:5.1.1', '2024-02-27T10:00:00Z', '2024-02-27'),"
    " (4, 2, 'q@yahoo.co.jp', '5.1.1', 'userunknown', 1, 1, 'failed', 'yahoo.co.jp',"
    "  'status:5.1.1', '2024-02-27T10:00:00Z', '2024-02-27'),"
    " (4, 3, 'r@gmail.com', '5.1.1', 'userunknown', 1, 1, 'failed', 'gmail.com',"
    "  'status:5.1.1', '2024-02-27T10:00:00Z', '2024-02-27'),"
    " (4, 4, 's@gmail.com', '5.1.1', 'userunknown', 1, 1, 'failed', 'gmail.com',"
    "  'status:5.1.1', '2024-02-27T10:00:00Z', '2024-02-27');"
    "PRAGMA user_version = 8");
  exec_ok (db, "COMMIT");
  sqlite3_close (db);
  g_autofree char *before = test_sql_text (f->db, "SELECT group_concat(id || ':' || recipient, ' ')"
                                                  " FROM (SELECT * FROM failures ORDER BY id)");
  bs_store_set_carrier_rule (bs_advice_record_ambiguous);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  bs_store_set_carrier_rule (NULL);
  g_assert_no_error (error);
  g_assert_cmpint (bs_store_schema_version (store), ==, bs_store_schema_latest ());
  /* every record, its id kept; one group per run of records alike */
  g_autofree char *after = text_of (store, "SELECT group_concat(id || ':' || recipient, ' ')"
                                           " FROM (SELECT * FROM failures ORDER BY id)");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failure_recipients"), ==, 11);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failure_groups WHERE message_id = 1"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failure_groups WHERE message_id = 3"), ==, 3);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failure_groups WHERE message_id = 4"), ==, 3);
  g_assert_cmpint (count (store, "SELECT count(*) FROM (SELECT group_id,"
                                 " lag(group_id) OVER (ORDER BY id) AS before FROM failure_recipients)"
                                 " WHERE group_id < before"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sqlite_schema WHERE name = 'failures'"
                                 " AND type = 'view'"), ==, 1);
  /* the carrier's record is not hard any more; the user rule's and the others' are */
  g_autofree char *hard = text_of (store, "SELECT group_concat(recipient, ' ') FROM"
                                          " (SELECT recipient FROM failures WHERE message_id = 3"
                                          " AND hard_bounce = 1 ORDER BY id)");
  g_assert_cmpstr (hard, ==, "y@docomo.ne.jp z@example.com");
  /* the readers' time order, checked as it comes (no sort) */
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  g_assert_no_error (error);
  g_autoptr (BsHistoryFilter) all = bs_history_filter_new (NULL, NULL, NULL, "UTC", &error);
  g_assert_no_error (error);
  BsFailureQuery q = { 0 };
  g_autoptr (BsHistoryIter) it = bs_history_failures (read, all, &q, &error);
  g_assert_no_error (error);
  g_autoptr (GString) seen = g_string_new (NULL);
  BsFailureRow row;
  while (bs_history_next_failure (it, &row, &error))
    g_string_append_printf (seen, "%s ", row.values[BS_FIELD_RECIPIENT]);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "x@docomo.ne.jp y@docomo.ne.jp z@example.com p@gmail.com"
                                  " q@yahoo.co.jp r@gmail.com s@gmail.com a@example.org"
                                  " b@example.org c@example.net ");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  g_test_add ("/nightly/upgrade-v1", Fixture, GINT_TO_POINTER (1), fixture_set_up, test_upgrade_old,
              fixture_tear_down);
  g_test_add ("/nightly/upgrade-v2", Fixture, GINT_TO_POINTER (2), fixture_set_up, test_upgrade_old,
              fixture_tear_down);
  ADD ("/nightly/upgrade-all-or-nothing", test_upgrade_all_or_nothing);
  ADD ("/nightly/upgrade-originals", test_upgrade_originals);
  ADD ("/nightly/upgrade-groups", test_upgrade_groups);
  ADD ("/nightly/trigger-and-status", test_trigger);
  ADD ("/nightly/prune", test_prune);
  ADD ("/nightly/wait-for-lock", test_wait_for_lock);
  ADD ("/nightly/changes/episodes", test_episodes);
  ADD ("/nightly/changes/since-last-scan", test_since_last_scan);
  ADD ("/nightly/changes/filters-and-text", test_filters_and_text);
#undef ADD
  return g_test_run ();
}
