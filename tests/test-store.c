/* test-store.c - the SQLite history: create, schema version, messages and
 * records, dedup by content hash, source state, the scan lock, file modes;
 * the same against PostgreSQL (test-fixture.h; SQLite's own files aside)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "bs.h"
#include "record.h"
#include "store.h"

#include "test-fixture.h"
#include "test-sql.h"


static gint64
count (BsStore *store, const char *sql)
{
  return test_sql_int (bs_store_path (store), sql, NULL);
}

static gint64
count_in (const char *db, const char *sql)
{
  return test_sql_int (db, sql, NULL);
}

static char *
text_of (BsStore *store, const char *sql)
{
  return test_sql_text (bs_store_path (store), sql);
}

static BsRecord *
make_record (const char *recipient, const char *action, const char *reason, const char *ts)
{
  BsRecord *r = bs_record_new ();
  bs_record_set (&r->recipient, recipient);
  bs_record_set (&r->action, action);
  bs_record_set (&r->status, g_strcmp0 (action, "delayed") == 0 ? "4.4.7" : "5.1.1");
  r->reason = bs_reason_from_name (reason);
  bs_record_set (&r->timestamp, ts);
  bs_record_set (&r->destination, "Example.ORG");
  bs_record_set (&r->sender_domain, "A.Example.COM");
  bs_record_set (&r->diagnostic, "550 5.1.1 <x@example.org>: User unknown");
  bs_record_set (&r->sending_ip, "192.0.2.7");
  r->reply_code = 550;
  r->hard_bounce = TRUE;
  return r;
}

static void
add_one (BsStore *store, gint64 run, const char *hash, GPtrArray *records)
{
  BsMessageMeta meta = { "/tmp/mail/cur/1", 0, "maildir:/tmp/mail/1", 0, 1234, hash,
                         records && records->len ? BS_MESSAGE_BOUNCE : BS_MESSAGE_NOT_BOUNCE,
                         "rfc3464", NULL };
  g_autoptr (GError) error = NULL;
  g_assert_true (bs_store_add_message (store, run, &meta, records, &error));
  g_assert_no_error (error);
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  mode_t old = umask (0);   /* even a permissive umask gives 0600 */
  BsStore *store = bs_store_open (f->db, &error);
  umask (old);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_autofree char *lock = g_strconcat (f->db, "-lock", NULL);
  if (!fixture_pg ())
    {
      struct stat st;
      g_assert_cmpint (g_stat (f->db, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_cmpint (g_stat (lock, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
      if (g_stat (wal, &st) == 0)
        g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_autofree char *mode = text_of (store, "PRAGMA journal_mode");
      g_assert_cmpstr (mode, ==, "wal");
    }
  g_assert_cmpint (bs_store_schema_version (store), ==, bs_store_schema_latest ());
  g_assert_cmpint (bs_store_schema_latest (), >=, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM schema_history"), ==, bs_store_schema_latest ());
  bs_store_close (store);
  /* the lock file goes with the handle */
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));

  /* reopening keeps the version and adds no migration */
  store = bs_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bs_store_schema_version (store), ==, bs_store_schema_latest ());
  g_assert_cmpint (count (store, "SELECT count(*) FROM schema_history"), ==, bs_store_schema_latest ());
  bs_store_close (store);
}

static void
test_not_ours (Fixture *f, gconstpointer data)
{
  if (fixture_pg ())
    test_sql_exec (f->db, "CREATE TABLE t (x integer)");
  else
    {
      sqlite3 *db = NULL;
      g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }
  g_autoptr (GError) error = NULL;
  BsStore *store = bs_store_open (f->db, &error);
  g_assert_null (store);
  g_assert_error (error, BS_ERROR, BS_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "not a bouncescan history"));
  g_clear_error (&error);
  store = bs_store_open_readonly (f->db, &error);
  g_assert_null (store);
  g_assert_error (error, BS_ERROR, BS_ERROR_STORE);
}

static void
test_not_a_database (Fixture *f, gconstpointer data)
{
  if (fixture_sqlite_only ("a file that is not a database"))
    return;
  g_assert_true (g_file_set_contents (f->db, "this is not SQLite, just text\n", -1, NULL));
  g_autoptr (GError) error = NULL;
  BsStore *store = bs_store_open (f->db, &error);
  g_assert_null (store);
  g_assert_error (error, BS_ERROR, BS_ERROR_STORE);
}

static void
test_newer_schema (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  BsStore *store = bs_store_open (f->db, &error);
  g_assert_no_error (error);
  test_sql_exec (f->db, fixture_pg () ? "INSERT INTO schema_history (version, applied, what)"
                                         " VALUES (999, 'now', 'a newer bouncescan')"
                                       : "PRAGMA user_version = 999");
  bs_store_close (store);
  store = bs_store_open (f->db, &error);
  g_assert_null (store);
  g_assert_error (error, BS_ERROR, BS_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "newer"));
}

static void
test_messages (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  g_assert_no_error (error);
  gint64 run = bs_store_run_begin (store, "/tmp/mail", &error);
  g_assert_no_error (error);
  g_assert_cmpint (run, >, 0);

  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_ptr_array_add (records, make_record ("bob@example.org", "failed", "userunknown",
                                         "2024-03-05T08:20:30+09:00"));
  g_ptr_array_add (records, make_record ("carol@example.org", "delayed", "expired",
                                         "2024-03-05T10:00:00+00:00"));
  g_assert_true (bs_store_begin (store, &error));
  g_assert_false (bs_store_message_known (store, "aaaa"));
  add_one (store, run, "aaaa", records);
  /* known inside the batch already */
  g_assert_true (bs_store_message_known (store, "aaaa"));
  add_one (store, run, "bbbb", NULL);
  BsMessageMeta bad = { "/tmp/mail/mbox", 3, "/tmp/mail/mbox", 4096, 77, "cccc",
                        BS_MESSAGE_UNDECODABLE, NULL, "truncated MIME" };
  g_assert_true (bs_store_add_message (store, run, &bad, NULL, &error));
  g_assert_true (bs_store_commit (store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (store, "SELECT count(*) FROM messages"), ==, 3);
  g_assert_cmpint (count (store, "SELECT count(*) FROM messages WHERE kind = 'bounce'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM messages WHERE kind = 'not-bounce'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM messages WHERE kind = 'undecodable'"
                                 " AND error = 'truncated MIME' AND mbox_index = 3 AND \"offset\" = 4096"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failures"), ==, 2);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failures WHERE is_failure = 1"), ==, 1);
  /* the failure's day is its UTC day; domains are stored lower-cased */
  g_autofree char *day = text_of (store, "SELECT day FROM failures WHERE recipient = 'bob@example.org'");
  g_assert_cmpstr (day, ==, "2024-03-04");
  g_autofree char *seen = text_of (store, "SELECT seen_at FROM failures WHERE recipient = 'bob@example.org'");
  g_assert_cmpstr (seen, ==, "2024-03-04T23:20:30Z");
  g_autofree char *dest = text_of (store, "SELECT destination || ' ' || sender_domain FROM failures LIMIT 1");
  g_assert_cmpstr (dest, ==, "example.org a.example.com");
  g_assert_cmpint (count (store, "SELECT reply_code FROM failures LIMIT 1"), ==, 550);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failures f JOIN messages m ON m.id = f.message_id"
                                 " WHERE m.content_hash = 'aaaa' AND f.seq IN (1, 2)"), ==, 2);

  BsScanStats stats = { .messages = 3, .bounces = 1, .not_bounces = 1, .undecodable = 1,
                        .failures = 1, .delayed = 1 };
  g_assert_true (bs_store_run_end (store, run, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM scan_runs WHERE finished IS NOT NULL"
                                 " AND messages = 3 AND failures = 1 AND delayed = 1"), ==, 1);
}

static void
test_dedup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  gint64 run = bs_store_run_begin (store, "a b", &error);
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_ptr_array_add (records, make_record ("bob@example.org", "failed", "userunknown", NULL));
  /* outside a batch: the message is its own unit */
  add_one (store, run, "same-hash", records);
  add_one (store, run, "same-hash", records);
  g_assert_true (bs_store_begin (store, &error));
  add_one (store, run, "same-hash", records);
  g_assert_true (bs_store_commit (store, &error));
  g_assert_cmpint (count (store, "SELECT count(*) FROM messages"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM failures"), ==, 1);
  g_assert_true (bs_store_message_known (store, "same-hash"));
  g_assert_false (bs_store_message_known (store, "other-hash"));
  /* no timestamp: the day falls back to the scan's */
  g_autofree char *day = text_of (store, "SELECT day FROM failures");
  g_assert_cmpint (strlen (day), ==, 10);
}

static void
test_source_state (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  BsStore *store = bs_store_open (f->db, &error);
  BsSourceState st = { 0 };
  g_assert_false (bs_store_source_get (store, "/var/mail/bounces", &st));
  BsSourceState put = { 123456, 1700000000, 120000, 42, (char *) "f1ngerprint" };
  g_assert_true (bs_store_source_put (store, "/var/mail/bounces", &put, &error));
  g_assert_no_error (error);
  bs_store_close (store);

  store = bs_store_open (f->db, &error);
  g_assert_true (bs_store_source_get (store, "/var/mail/bounces", &st));
  g_assert_cmpint (st.size, ==, 123456);
  g_assert_cmpint (st.mtime, ==, 1700000000);
  g_assert_cmpint (st.offset, ==, 120000);
  g_assert_cmpuint (st.next_index, ==, 42);
  g_assert_cmpstr (st.fingerprint, ==, "f1ngerprint");
  /* replace */
  BsSourceState again = { 200000, 1700000100, 200000, 50, NULL };
  g_assert_true (bs_store_source_put (store, "/var/mail/bounces", &again, &error));
  g_assert_true (bs_store_source_get (store, "/var/mail/bounces", &st));
  g_assert_cmpint (st.size, ==, 200000);
  g_assert_cmpuint (st.next_index, ==, 50);
  g_assert_null (st.fingerprint);
  bs_source_state_clear (&st);
  bs_store_close (store);
}

static void
test_busy (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  BsStore *first = bs_store_open (f->db, &error);
  g_assert_no_error (error);
  BsStore *second = bs_store_open (f->db, &error);
  g_assert_null (second);
  g_assert_error (error, BS_ERROR, BS_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "another scan"));
  g_clear_error (&error);

  /* a reader works while the writer holds the lock, and sees committed data */
  gint64 run = bs_store_run_begin (first, "x", &error);
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_ptr_array_add (records, make_record ("bob@example.org", "failed", "userunknown", NULL));
  add_one (first, run, "h1", records);
  BsStore *reader = bs_store_open_readonly (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (reader, "SELECT count(*) FROM failures"), ==, 1);
  /* a reader cannot write */
  g_assert_false (bs_store_begin (reader, &error));
  g_assert_error (error, BS_ERROR, BS_ERROR_STORE);
  g_clear_error (&error);
  bs_store_close (reader);

  bs_store_close (first);
  second = bs_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  bs_store_close (second);
}

static void
test_readonly_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  BsStore *store = bs_store_open_readonly (f->db, &error);
  g_assert_null (store);
  /* PostgreSQL: an empty database (a reader never makes the schema) */
  if (fixture_pg ())
    {
      g_assert_error (error, BS_ERROR, BS_ERROR_STORE);
      g_assert_nonnull (strstr (error->message, "not a bouncescan history"));
      g_assert_cmpint (count_in (f->db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
                       ==, 0);
      return;
    }
  g_assert_error (error, BS_ERROR, BS_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/store/create", test_create);
  ADD ("/store/not-ours", test_not_ours);
  ADD ("/store/not-a-database", test_not_a_database);
  ADD ("/store/newer-schema", test_newer_schema);
  ADD ("/store/messages", test_messages);
  ADD ("/store/dedup", test_dedup);
  ADD ("/store/source-state", test_source_state);
  ADD ("/store/busy", test_busy);
  ADD ("/store/readonly-missing", test_readonly_missing);
#undef ADD
  return g_test_run ();
}
