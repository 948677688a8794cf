/* test-reports-history.h - the histories the report tests read: two
 * customers and their neighbours (make_history), a fixture folder, the
 * files as a strict RFC 4180 reader sees them
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "aggregate.h"
#include "bs.h"
#include "escape.h"
#include "html.h"
#include "record.h"
#include "report.h"
#include "store.h"

#include "test-sql.h"

typedef struct {
  char *dir;
  char *db;
  char *out;
} Fixture;

G_GNUC_UNUSED static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("test-reports-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->db = g_build_filename (f->dir, "history.db", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
}

G_GNUC_UNUSED static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
      const char *name;
      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *p = g_build_filename (path, name, NULL);
          remove_tree (p);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

G_GNUC_UNUSED static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->db);
  g_free (f->out);
  g_free (f->dir);
}

typedef struct {
  const char *recipient, *sender_domain, *destination, *ip, *reason, *blocklist;
  const char *timestamp, *diagnostic, *action;
} Rec;

G_GNUC_UNUSED static BsRecord *
rec_new (const Rec *x)
{
  BsRecord *r = bs_record_new ();
  bs_record_set (&r->recipient, x->recipient);
  bs_record_set (&r->sender_domain, x->sender_domain);
  bs_record_set (&r->destination, x->destination);
  bs_record_set (&r->sending_ip, x->ip);
  r->reason = bs_reason_from_name (x->reason);
  bs_record_set (&r->blocklist, x->blocklist);
  bs_record_set (&r->timestamp, x->timestamp);
  bs_record_set (&r->diagnostic, x->diagnostic);
  bs_record_set (&r->action, x->action ? x->action : "failed");
  bs_record_set (&r->status, g_strcmp0 (x->action, "delayed") == 0 ? "4.4.7" : "5.7.1");
  r->reply_code = 550;
  return r;
}

G_GNUC_UNUSED static void
add_message (BsStore *store, gint64 run, const char *hash, BsMessageKind kind, const char *source,
             const char *why, GPtrArray *records)
{
  BsMessageMeta meta = { source, 0, source, 0, 100, hash, kind, "rfc3464", why };
  g_autoptr (GError) error = NULL;
  g_assert_true (bs_store_add_message (store, run, &meta, records, &error));
  g_assert_no_error (error);
}

/* two customers (a.example.com with a subdomain, and b.example.net), a
 * look-alike xa.example.com, a record without sender, a delay warning, a
 * non-bounce and an undecodable message whose path names the other customer */
G_GNUC_UNUSED static void
make_history (Fixture *f)
{
  static const Rec recs[] = {
    { "alice@example.org", "a.example.com", "example.org", "192.0.2.1", "userunknown", NULL,
      "2024-03-01T10:00:00+00:00", "550 5.1.1 <alice@example.org>: user unknown (a-marker)", NULL },
    { "bob@example.org", "news.a.example.com", "example.org", "192.0.2.1", "blocked", "spamhaus-zen",
      "2024-03-02T10:00:00+00:00", "550 5.7.1 listed at zen (a-marker)", NULL },
    { "carol@hotmail.example", "a.example.com", "hotmail.example", "192.0.2.2", "mailboxfull", NULL,
      "2024-03-03T10:00:00+00:00", "552 mailbox full", NULL },
    { "dave@example.org", "a.example.com", "example.org", "192.0.2.1", "expired", NULL,
      "2024-03-03T11:00:00+00:00", "451 try later", "delayed" },
    { "erin@b-only.example.net", "b.example.net", "b-only.example.net", "198.51.100.9", "blocked",
      "b-secret-list", "2024-03-02T10:00:00+00:00", "550 secret-b refused", NULL },
    { "frank@example.org", "xa.example.com", "example.org", "198.51.100.10", "userunknown", NULL,
      "2024-03-02T10:00:00+00:00", "550 lookalike-x", NULL },
    { "gina@example.org", NULL, "example.org", "198.51.100.11", "userunknown", NULL,
      "2024-03-02T10:00:00+00:00", "550 nosender-x", NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  g_assert_no_error (error);
  gint64 run = bs_store_run_begin (store, "/mail/postmaster", &error);
  g_assert_true (bs_store_begin (store, &error));
  for (gsize i = 0; i < G_N_ELEMENTS (recs); i++)
    {
      g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
      g_ptr_array_add (records, rec_new (&recs[i]));
      g_autofree char *hash = g_strdup_printf ("hash-%zu", i);
      g_autofree char *source = g_strdup_printf ("/mail/postmaster/cur/%zu", i);
      add_message (store, run, hash, BS_MESSAGE_BOUNCE, source, NULL, records);
    }
  add_message (store, run, "plain", BS_MESSAGE_NOT_BOUNCE, "/mail/postmaster/cur/plain", NULL, NULL);
  add_message (store, run, "broken", BS_MESSAGE_UNDECODABLE, "/mail/postmaster/cur/b.example.net-leak",
               "looks like a bounce <b>bold</b>", NULL);
  g_assert_true (bs_store_commit (store, &error));
  BsScanStats stats = { .messages = 9 };
  g_assert_true (bs_store_run_end (store, run, &stats, &error));
}

G_GNUC_UNUSED static char *
read_file (const char *dir, const char *name)
{
  g_autofree char *path = name ? g_build_filename (dir, name, NULL) : g_strdup (dir);
  char *data = NULL;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  struct stat st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  return data;
}

static const char *const csv_files[] = {
  "failures.csv", "by-domain.csv", "by-ip.csv", "by-code.csv", "by-reason.csv",
  "by-blocklist.csv", "by-day.csv",
};

/* a strict RFC 4180 reader: rows of fields; fails the test on bad syntax */
G_GNUC_UNUSED static GPtrArray *
parse_csv (const char *s)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *row = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  if (g_str_has_prefix (s, "\xEF\xBB\xBF"))
    s += 3;
  const char *p = s;
  while (*p != '\0')
    {
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, '"'), p += 2;
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p++);
            }
        }
      else
        while (*p != '\0' && *p != ',' && *p != '\r' && *p != '\n')
          {
            g_assert_true (*p != '"');
            g_string_append_c (field, *p++);
          }
      g_ptr_array_add (row, g_string_free (field, FALSE));
      field = g_string_new (NULL);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');   /* CRLF only */
          p += 2;
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
          row = g_ptr_array_new ();
        }
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_free (row, TRUE);
  g_string_free (field, TRUE);
  return rows;
}

G_GNUC_UNUSED static int
column_index (GPtrArray *rows, const char *name)
{
  char **header = g_ptr_array_index (rows, 0);
  for (int i = 0; header[i] != NULL; i++)
    if (strcmp (header[i], name) == 0)
      return i;
  g_assert_not_reached ();
  return -1;
}

G_GNUC_UNUSED static BsStore *
reader (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  BsStore *store = bs_store_open_readonly (f->db, &error);
  g_assert_no_error (error);
  return store;
}

