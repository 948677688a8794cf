/* test-report-query.c - a report's query over the history: the problems,
 * the charts' cross counts, the one-read summary against plain SQL, the
 * fast failures.csv against its sorted fallback, the writer thread on a
 * fork of the query; the look-up of bouncescan search, the addresses to
 * stop mailing
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "test-reports-history.h"

#include "addresses.h"

static void
test_problems (Fixture *f, gconstpointer data)
{
  make_history (f);
  g_autoptr (BsStore) store = reader (f);
  g_autoptr (GError) error = NULL;
  BsReportOptions o = { .lang = "en" };
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, &o, &error);
  gint64 total = 0;
  g_autoptr (GPtrArray) all = bs_report_problems (q, 0, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 4);
  g_assert_cmpuint (all->len, ==, 4);
  const BsProblem *p0 = g_ptr_array_index (all, 0);
  g_assert_cmpstr (p0->advice_key, ==, "userunknown");
  g_assert_cmpint (p0->recipients, ==, 3);
  g_assert_null (p0->sending_ip);          /* a wrong address is no IP's problem */
  g_assert_cmpuint (p0->ips->len, ==, 3);
  g_assert_cmpint (p0->family, ==, BS_FAMILY_ADDRESS);
  g_assert_cmpstr (((BsCount *) g_ptr_array_index (p0->destinations, 0))->value, ==, "example.org");
  g_assert_cmpint (((BsCount *) g_ptr_array_index (p0->destinations, 0))->count, ==, 3);
  g_assert_cmpstr (p0->first_seen, ==, "2024-03-01T10:00:00Z");
  g_assert_cmpstr (p0->last_seen, ==, "2024-03-02T10:00:00Z");
  g_assert_nonnull (p0->example);
  const BsProblem *p1 = g_ptr_array_index (all, 1);
  g_assert_cmpstr (p1->advice_key, ==, "mailboxfull");   /* the newest of the ties */
  const BsProblem *p2 = g_ptr_array_index (all, 2);
  g_assert_cmpstr (p2->advice_key, ==, "blocked");       /* unknown list: its reason */
  g_assert_cmpstr (p2->sending_ip, ==, "198.51.100.9");
  const BsProblem *p3 = g_ptr_array_index (all, 3);
  g_assert_cmpstr (p3->advice_key, ==, "spamhaus-zen");
  g_assert_cmpstr (p3->sending_ip, ==, "192.0.2.1");
  g_assert_cmpint (p3->family, ==, BS_FAMILY_REPUTATION);
  g_assert_cmpstr (((BsCount *) g_ptr_array_index (p3->blocklists, 0))->value, ==, "spamhaus-zen");

  g_autoptr (GPtrArray) two = bs_report_problems (q, 2, &total, &error);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpint (total, ==, 4);

  /* a customer's problems are its own */
  const char *const senders[] = { "b.example.net", NULL };
  g_autoptr (BsHistoryFilter) filter = bs_history_filter_new (NULL, NULL, senders, NULL, NULL);
  BsReportOptions b = { .lang = "en", .filter = filter };
  g_autoptr (BsReportQuery) qb = bs_report_query_new (store, &b, &error);
  g_autoptr (GPtrArray) bp = bs_report_problems (qb, 0, &total, &error);
  g_assert_cmpuint (bp->len, ==, 1);
  g_assert_cmpstr (((BsProblem *) g_ptr_array_index (bp, 0))->sending_ip, ==, "198.51.100.9");
}

/* the charts' counts: by day and reason, by domain and family */
static void
test_cross (Fixture *f, gconstpointer data)
{
  make_history (f);
  g_autoptr (BsStore) store = reader (f);
  g_autoptr (GError) error = NULL;
  BsReportOptions o = { .lang = "en" };
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, &o, &error);
  g_autoptr (GPtrArray) days = bs_report_cross (q, BS_AGG_DAY, BS_CROSS_REASON, &error);
  g_assert_no_error (error);
  gint64 sum = 0, blocked_0302 = 0;
  for (guint i = 0; i < days->len; i++)
    {
      const BsCrossCell *c = g_ptr_array_index (days, i);
      sum += c->failures;
      if (g_strcmp0 (c->key, "2024-03-02") == 0 && g_strcmp0 (c->sub, "blocked") == 0)
        blocked_0302 = c->failures;
    }
  g_assert_cmpint (sum, ==, 6);
  g_assert_cmpint (blocked_0302, ==, 2);
  g_autoptr (GPtrArray) doms = bs_report_cross (q, BS_AGG_DOMAIN, BS_CROSS_FAMILY, &error);
  gint64 org_address = 0, org_reputation = 0;
  for (guint i = 0; i < doms->len; i++)
    {
      const BsCrossCell *c = g_ptr_array_index (doms, i);
      if (g_strcmp0 (c->key, "example.org") != 0)
        continue;
      if (strcmp (c->sub, "address") == 0)
        org_address = c->failures;
      if (strcmp (c->sub, "reputation") == 0)
        org_reputation = c->failures;
    }
  g_assert_cmpint (org_address, ==, 3);
  g_assert_cmpint (org_reputation, ==, 1);
}

/* dates per language, numbers grouped, whatever the locale */
/* ---- the one-read summary, the fast failures.csv, the writer thread ------ */

/* the field as the first escaper made it (one path for every byte): the
 * fast paths of bs_escape_csv must give the same */
static gboolean
collect_row (const char *const *values, gpointer user)
{
  guint n = 0;
  bs_report_failure_columns (&n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (user, "%s|", values[i] ? values[i] : "(null)");
  g_string_append_c (user, '\n');
  return TRUE;
}

/* the history of make_history, and many more failures: several per
 * recipient, across domains, IPs, codes, reasons, blocklists and days */
static void
make_big_history (Fixture *f)
{
  make_history (f);
  static const char *const reasons[] = { "userunknown", "blocked", "mailboxfull", "spamdetected", NULL };
  static const char *const lists[] = { NULL, "spamhaus-zen", NULL, "barracuda" };
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (f->db, &error);
  g_assert_no_error (error);
  gint64 run = bs_store_run_begin (store, "/mail/more", &error);
  g_assert_true (bs_store_begin (store, &error));
  for (int i = 0; i < 600; i++)
    {
      g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
      for (int j = 0; j < 1 + i % 3; j++)
        {
          int n = i * 7 + j;
          g_autofree char *rcpt = g_strdup_printf ("user%d@d%d.example.org", n % 97, n % 5);
          g_autofree char *dest = g_strdup_printf ("d%d.example.org", n % 5);
          g_autofree char *ip = g_strdup_printf ("203.0.113.%d", n % 4);
          g_autofree char *when = g_strdup_printf ("2024-04-%02dT%02d:%02d:00+09:00", 1 + n % 20, n % 24,
                                                   (n * 13) % 60);
          g_autofree char *diag = n % 6 == 0 ? NULL : g_strdup_printf ("550 5.7.%d no, \"%d\"", n % 9, n);
          Rec x = { rcpt, n % 4 ? "a.example.com" : "b.example.net", dest, ip, reasons[n % 5],
                    lists[n % 4], when, diag, n % 11 == 0 ? "delayed" : NULL };
          BsRecord *r = rec_new (&x);
          if (n % 13 == 0)
            g_clear_pointer (&r->recipient, g_free);
          if (n % 7 == 0)
            r->reply_code = 0;
          g_ptr_array_add (records, r);
        }
      g_autofree char *hash = g_strdup_printf ("more-%d", i);
      g_autofree char *source = g_strdup_printf ("/mail/more/%d", i);
      add_message (store, run, hash, BS_MESSAGE_BOUNCE, source, NULL, records);
    }
  g_assert_true (bs_store_commit (store, &error));
}

/* runs sql on the history of f, as an older or pruned history would be */
static void
alter_history (Fixture *f, const char *sql)
{
  test_sql_exec (f->db, sql);
}

/* the counts of the one read are those of plain SQL; with data, on a
 * history whose record ids are far apart (as after a prune) */
static void
test_summary_counts (Fixture *f, gconstpointer data)
{
  make_big_history (f);
  if (data != NULL)
    alter_history (f, "UPDATE failure_recipients SET id = -id;"
                      " UPDATE failure_recipients SET id = -id * 1000 - id % 7");
  g_autoptr (BsStore) store = reader (f);
  const char *db = f->db;
  g_autoptr (GError) error = NULL;
  BsReportOptions o = { .lang = "en" };
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, &o, &error);
  BsReportTotals t;
  g_assert_true (bs_report_totals (q, &t, &error));
  g_assert_cmpint (t.failures, ==, test_sql_int (db, "SELECT count(*) FROM failures WHERE is_failure = 1", NULL));
  g_assert_cmpint (t.recipients, ==, test_sql_int (db, "SELECT count(DISTINCT recipient) FROM failures"
                                                  " WHERE is_failure = 1", NULL));
  g_assert_cmpint (t.delayed, ==, test_sql_int (db, "SELECT count(*) FROM failures WHERE is_failure = 0"
                                               " AND action = 'delayed'", NULL));
  bs_report_totals_clear (&t);
  static const struct { BsAggKind kind; const char *column; } kinds[] = {
    { BS_AGG_DOMAIN, "destination" }, { BS_AGG_IP, "sending_ip" }, { BS_AGG_REASON, "reason" },
    { BS_AGG_BLOCKLIST, "blocklist" }, { BS_AGG_DAY, "day" }, { BS_AGG_SENDER, "sender_domain" },
  };
  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gint64 groups = 0;
      g_autoptr (GPtrArray) rows = bs_report_aggregate (q, kinds[k].kind, 0, &groups, &error);
      g_assert_no_error (error);
      g_autofree char *count_sql = g_strdup_printf (
        "SELECT count(*) FROM (SELECT 1 FROM failures WHERE is_failure = 1%s GROUP BY %s)",
        kinds[k].kind == BS_AGG_BLOCKLIST ? " AND blocklist IS NOT NULL" : "", kinds[k].column);
      g_assert_cmpint (groups, ==, test_sql_int (db, count_sql, NULL));
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) * 1000000 + count(DISTINCT recipient) * 1000 + sum(hard_bounce)"
        " FROM failures WHERE is_failure = 1 AND %s IS ?1", kinds[k].column);
      gint64 before = G_MAXINT64;
      for (guint i = 0; i < rows->len; i++)
        {
          const BsAggRow *r = g_ptr_array_index (rows, i);
          g_assert_cmpint (r->failures * 1000000 + r->recipients * 1000 + r->hard, ==,
                           test_sql_int (db, sql, r->key));
          gint64 by_family = 0;
          for (int fam = 0; fam < BS_FAMILY_COUNT; fam++)
            by_family += r->family_failures[fam];
          g_assert_cmpint (by_family, ==, r->failures);
          if (kinds[k].kind != BS_AGG_DAY)
            g_assert_cmpint (r->failures, <=, before);   /* largest first */
          before = r->failures;
        }
    }
  /* the codes' groups, with their NULL parts */
  gint64 groups = 0;
  g_autoptr (GPtrArray) codes = bs_report_aggregate (q, BS_AGG_CODE, 0, &groups, &error);
  g_assert_nonnull (codes);
  g_assert_cmpint (groups, ==, test_sql_int (db, "SELECT count(*) FROM (SELECT 1 FROM failures WHERE"
                                            " is_failure = 1 GROUP BY status, reply_code, provider_code)",
                                        NULL));
  /* the latest failures of a row: the same whether kept by the summary or searched */
  g_autoptr (BsReportQuery) kept = bs_report_query_new (store, &o, &error);
  bs_report_query_keep_recent (kept, TRUE);
  g_autoptr (GPtrArray) doms = bs_report_aggregate (kept, BS_AGG_DOMAIN, 3, NULL, &error);
  for (guint i = 0; i < doms->len; i++)
    {
      GString *a = g_string_new (NULL), *b = g_string_new (NULL);
      g_assert_true (bs_report_foreach_recent_failure (kept, BS_AGG_DOMAIN, g_ptr_array_index (doms, i),
                                                       10, collect_row, a, &error));
      g_assert_true (bs_report_foreach_recent_failure (q, BS_AGG_DOMAIN, g_ptr_array_index (doms, i), 10,
                                                       collect_row, b, &error));
      g_assert_cmpstr (a->str, ==, b->str);
      g_assert_cmpuint (a->len, >, 0);
      g_string_free (a, TRUE);
      g_string_free (b, TRUE);
    }
}

/* the rows of failures.csv's one statement, checked against its plain
 * fallback; both as text */
static char *
failure_rows (Fixture *f, const BsReportOptions *o)
{
  g_autoptr (BsStore) store = reader (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, o, &error);
  g_autoptr (GString) fast = g_string_new (NULL), plain = g_string_new (NULL);
  g_assert_true (bs_report_foreach_failure (q, BS_AGG_COUNT, NULL, 0, collect_row, fast, &error));
  g_assert_true (bs_report_foreach_failure_sorted (q, collect_row, plain, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fast->str, ==, plain->str);
  return g_string_free (g_steal_pointer (&fast), FALSE);
}

/* failures.csv's one statement and its plain fallback give the same rows:
 * by the time index, by a scan and sort (a sender filter; a history older
 * than the index), with dates */
static void
test_failure_order (Fixture *f, gconstpointer data)
{
  make_big_history (f);
  BsReportOptions o = { .lang = "en", .redact = TRUE };
  g_autofree char *all = failure_rows (f, &o);
  g_assert_null (strstr (all, "user1@"));   /* redacted */
  g_assert_cmpuint (strlen (all), >, 1000);
  const char *const senders[] = { "example.com", NULL };
  g_autoptr (BsHistoryFilter) sender_filter = bs_history_filter_new (NULL, NULL, senders, NULL, NULL);
  BsReportOptions by_sender = { .lang = "en", .filter = sender_filter };
  g_free (failure_rows (f, &by_sender));
  g_autoptr (BsHistoryFilter) days = bs_history_filter_new ("2024-04-03", "2024-04-11", NULL, NULL,
                                                            NULL);
  BsReportOptions dated = { .lang = "en", .filter = days };
  g_autofree char *window = failure_rows (f, &dated);
  alter_history (f, "DROP INDEX failures_time");
  g_autofree char *older = failure_rows (f, &o);
  g_assert_cmpstr (older, ==, all);
  g_autofree char *older_window = failure_rows (f, &dated);
  g_assert_cmpstr (older_window, ==, window);
}

/* bs_report_write (failures.csv by a thread on a fork of the query) writes
 * what the two writers write one after the other */
static void
test_write_both (Fixture *f, gconstpointer data)
{
  make_big_history (f);
  g_autoptr (BsStore) store = reader (f);
  g_autoptr (GError) error = NULL;
  BsReportOptions o = { .lang = "en", .generated_at = 1 };
  g_autofree char *one = g_build_filename (f->dir, "one", NULL);
  g_autofree char *two = g_build_filename (f->dir, "two", NULL);
  g_autofree char *html_one = g_build_filename (f->dir, "one.html", NULL);
  g_autofree char *html_two = g_build_filename (f->dir, "two.html", NULL);
  g_assert_true (bs_report_html (store, &o, html_one, &error));
  g_assert_true (bs_report_csv (store, &o, one, &error));
  const char *failed = NULL;
  BsReportTargets both = { .html = html_two, .csv_dir = two };
  g_assert_true (bs_report_write (store, &o, &both, &failed, &error));
  g_assert_no_error (error);
  g_autofree char *a = read_file (html_one, NULL), *b = read_file (html_two, NULL);
  g_assert_cmpstr (a, ==, b);
  for (gsize i = 0; i < G_N_ELEMENTS (csv_files); i++)
    {
      g_autofree char *x = read_file (one, csv_files[i]), *y = read_file (two, csv_files[i]);
      g_assert_cmpstr (x, ==, y);
    }
  /* without a fork (the summary already read), one connection writes the same */
  g_autofree char *three = g_build_filename (f->dir, "three", NULL);
  {
    g_autoptr (BsReportQuery) q = bs_report_query_new (store, &o, &error);
    BsReportTotals t;
    g_assert_true (bs_report_totals (q, &t, &error));
    bs_report_totals_clear (&t);
    g_assert_null (bs_report_query_fork (q));
    g_assert_true (bs_report_csv_query (q, three, &error));
  }
  for (gsize i = 0; i < G_N_ELEMENTS (csv_files); i++)
    {
      g_autofree char *x = read_file (one, csv_files[i]), *y = read_file (three, csv_files[i]);
      g_assert_cmpstr (x, ==, y);
    }
  /* a folder that cannot be made: the page is written all the same */
  g_autofree char *blocker = g_build_filename (f->dir, "blocker", NULL);
  g_autofree char *under = g_build_filename (blocker, "csv", NULL);
  g_autofree char *html_four = g_build_filename (f->dir, "four.html", NULL);
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  BsReportTargets blocked = { .html = html_four, .csv_dir = under };
  g_assert_false (bs_report_write (store, &o, &blocked, &failed, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (failed, ==, under);
  g_assert_true (g_file_test (html_four, G_FILE_TEST_EXISTS));
  /* a fork reads the snapshot of its query, not what was committed since */
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, &o, &error);
  g_autoptr (BsReportQuery) fork = bs_report_query_fork (q);
  g_assert_nonnull (fork);
  {
    g_autoptr (BsStore) writer = bs_store_open (f->db, &error);
    g_assert_no_error (error);
    g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
    Rec x = { "late@example.org", "a.example.com", "example.org", "192.0.2.9", "userunknown", NULL,
              "2024-05-01T00:00:00+00:00", "550 late", NULL };
    g_ptr_array_add (records, rec_new (&x));
    gint64 run = bs_store_run_begin (writer, "/mail/late", &error);
    g_assert_true (bs_store_begin (writer, &error));
    add_message (writer, run, "late", BS_MESSAGE_BOUNCE, "/mail/late/1", NULL, records);
    g_assert_true (bs_store_commit (writer, &error));
  }
  BsReportTotals t1, t2;
  g_assert_true (bs_report_totals (q, &t1, &error));
  g_assert_true (bs_report_totals (fork, &t2, &error));
  g_assert_cmpint (t1.failures, ==, t2.failures);
  g_autoptr (BsStore) now = reader (f);
  g_assert_nonnull (now);   /* (clang: an autoptr only freed is an unused variable) */
  g_assert_cmpint (t1.failures + 1, ==, test_sql_int (f->db, "SELECT count(*) FROM failures"
                                                              " WHERE is_failure = 1", NULL));
  bs_report_totals_clear (&t1);
  bs_report_totals_clear (&t2);
}

/* the recipients of a look-up (bouncescan search), in its order */
static char *
lookup (BsStore *store, const BsHistoryFilter *filter, BsLookupKind kind, const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  g_autoptr (BsHistoryIter) it = bs_history_lookup (read, filter, kind, value, &error);
  g_assert_no_error (error);
  g_autoptr (GString) s = g_string_new (NULL);
  BsFailureRow row;
  while (bs_history_next_failure (it, &row, &error))
    g_string_append_printf (s, "%s%s", s->len > 0 ? " " : "", row.values[BS_FIELD_RECIPIENT]);
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* a recipient (any case), a destination domain, a sending IP: their
 * failures in time order (never the delay warning), within the filter */
static void
test_lookup (Fixture *f, gconstpointer data)
{
  make_history (f);
  g_autoptr (BsStore) store = reader (f);
  static const struct {
    BsLookupKind kind;
    const char *value, *want;
  } cases[] = {
    { BS_LOOKUP_ADDRESS, "ALICE@Example.ORG", "alice@example.org" },
    { BS_LOOKUP_ADDRESS, "dave@example.org", "" },
    { BS_LOOKUP_ADDRESS, "nobody@example.org", "" },
    { BS_LOOKUP_DOMAIN, "example.org", "alice@example.org bob@example.org frank@example.org gina@example.org" },
    { BS_LOOKUP_DOMAIN, "EXAMPLE.org.", "alice@example.org bob@example.org frank@example.org gina@example.org" },
    { BS_LOOKUP_DOMAIN, "org", "" },
    { BS_LOOKUP_IP, "192.0.2.1", "alice@example.org bob@example.org" },
    { BS_LOOKUP_IP, "192.0.2.10", "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = lookup (store, NULL, cases[i].kind, cases[i].value);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
  const char *const senders[] = { "a.example.com", NULL };
  g_autoptr (BsHistoryFilter) customer = bs_history_filter_new (NULL, NULL, senders, NULL, NULL);
  g_autofree char *theirs = lookup (store, customer, BS_LOOKUP_DOMAIN, "example.org");
  g_assert_cmpstr (theirs, ==, "alice@example.org bob@example.org");
  g_autoptr (BsHistoryFilter) later = bs_history_filter_new ("2024-03-02", NULL, NULL, NULL, NULL);
  g_autofree char *since = lookup (store, later, BS_LOOKUP_IP, "192.0.2.1");
  g_assert_cmpstr (since, ==, "bob@example.org");
}

/* the addresses to stop mailing: the rule of addresses.h on a history of
 * each case, and addresses.csv */
static void
test_addresses (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *rcpt, *reason, *status, *when, *diag;
  } recs[] = {
    /* certain: two failures on two days, written in two cases */
    { "Gone@example.org", "userunknown", "5.1.1", "2024-03-01T10:00:00Z", "550 5.1.1 no such user" },
    { "gone@example.org", "userunknown", "5.1.1", "2024-03-03T10:00:00Z", "=HYPERLINK(\"x\") no such user" },
    /* certain: the domain is gone */
    { "info@closed.example", "hostunknown", "5.4.4", "2024-03-02T10:00:00Z", "Host not found" },
    /* uncertain: a carrier's "Unknown user", once */
    { "taro@docomo.ne.jp", "userunknown", "5.0.0", "2024-03-02T10:00:00Z", "550 Unknown user taro@docomo.ne.jp" },
    /* certain: SoftBank's "Invalid recipient" */
    { "hana@i.softbank.jp", "userunknown", "5.0.0", "2024-03-02T10:00:00Z", "550 Invalid recipient" },
    /* uncertain: a later full mailbox says it exists */
    { "back@example.org", "userunknown", "5.1.1", "2024-03-01T10:00:00Z", "550 no such user" },
    { "back@example.org", "mailboxfull", "5.2.2", "2024-03-04T10:00:00Z", "552 mailbox full" },
    /* not listed: full only, a temporary unknown user, a block */
    { "full@example.org", "mailboxfull", "5.2.2", "2024-03-01T10:00:00Z", "552 full" },
    { "later@example.org", "userunknown", "4.1.1", "2024-03-01T10:00:00Z", "450 try later" },
    { "blocked@example.org", "blocked", "5.7.1", "2024-03-01T10:00:00Z", "550 blocked" },
  };
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (BsStore) store = bs_store_open (f->db, &error);
    gint64 run = bs_store_run_begin (store, "/mail", &error);
    g_assert_true (bs_store_begin (store, &error));
    for (gsize i = 0; i < G_N_ELEMENTS (recs); i++)
      {
        g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
        BsRecord *r = bs_record_new ();
        bs_record_set (&r->recipient, recs[i].rcpt);
        const char *at = strrchr (recs[i].rcpt, '@');
        g_autofree char *dest = g_ascii_strdown (at + 1, -1);
        bs_record_set (&r->destination, dest);
        bs_record_set (&r->sender_domain, i % 2 ? "b.example.net" : "a.example.com");
        r->reason = bs_reason_from_name (recs[i].reason);
        bs_record_set (&r->status, recs[i].status);
        bs_record_set (&r->timestamp, recs[i].when);
        bs_record_set (&r->diagnostic, recs[i].diag);
        bs_record_set (&r->action, "failed");
        g_ptr_array_add (records, r);
        g_autofree char *hash = g_strdup_printf ("h%zu", i);
        add_message (store, run, hash, BS_MESSAGE_BOUNCE, "/mail/1", NULL, records);
      }
    g_assert_true (bs_store_commit (store, &error));
    g_assert_no_error (error);
  }
  g_autoptr (BsStore) store = reader (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  g_autoptr (GPtrArray) list = bs_addresses_read (read, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_autoptr (GString) got = g_string_new (NULL);
  for (guint i = 0; i < list->len; i++)
    {
      const BsAddress *a = g_ptr_array_index (list, i);
      g_string_append_printf (got, "%s %s %s %" G_GINT64_FORMAT " %u|", a->recipient,
                              bs_certainty_name (a->certainty), bs_reason_name (a->reason),
                              a->failures, a->days);
    }
  g_assert_cmpstr (got->str, ==,
                   "info@closed.example certain hostunknown 1 1|"
                   "Gone@example.org certain userunknown 2 2|"
                   "hana@i.softbank.jp certain userunknown 1 1|"
                   "taro@docomo.ne.jp uncertain userunknown 1 1|"
                   "back@example.org uncertain userunknown 1 1|");
  const BsAddress *gone = g_ptr_array_index (list, 1);
  g_assert_cmpstr (gone->first_seen, ==, "2024-03-01T10:00:00Z");
  g_assert_cmpstr (gone->last_seen, ==, "2024-03-03T10:00:00Z");
  g_assert_cmpstr (gone->sender_domains, ==, "a.example.com b.example.net");
  g_assert_cmpint (((const BsAddress *) g_ptr_array_index (list, 3))->why, ==, BS_ADDRESS_CARRIER);
  g_assert_cmpint (((const BsAddress *) g_ptr_array_index (list, 4))->why, ==, BS_ADDRESS_EXISTS_LATER);
  /* one customer's: only what was sent from it */
  const char *const senders[] = { "b.example.net", NULL };
  g_autoptr (BsHistoryFilter) customer = bs_history_filter_new (NULL, NULL, senders, NULL, NULL);
  g_autoptr (GPtrArray) theirs = bs_addresses_read (read, customer, TRUE, &error);
  g_assert_cmpuint (theirs->len, ==, 3);   /* gone, back (its full mailbox was a.example.com's), taro */
  g_assert_cmpstr (((const BsAddress *) g_ptr_array_index (theirs, 0))->recipient, ==, "***@example.org");
  bs_history_read_end (g_steal_pointer (&read));
  /* addresses.csv: the same, its diagnostic guarded against formulas */
  BsReportOptions o = { .lang = "en" };
  g_assert_true (bs_report_csv (store, &o, f->out, &error));
  g_autofree char *text = read_file (f->out, "addresses.csv");
  g_autoptr (GPtrArray) rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 6);
  char **head = g_ptr_array_index (rows, 0), **second = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (head[0], ==, "recipient");
  g_assert_cmpstr (head[1], ==, "certainty");
  g_assert_cmpstr (second[0], ==, "Gone@example.org");
  g_assert_cmpstr (second[1], ==, "certain");
  g_assert_true (g_str_has_prefix (second[9], "'="));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/reports/problems", test_problems);
  ADD ("/reports/cross", test_cross);
  ADD ("/reports/summary-counts", test_summary_counts);
  g_test_add ("/reports/summary-counts-sparse", Fixture, "sparse", fixture_set_up, test_summary_counts,
              fixture_tear_down);
  ADD ("/reports/failure-order", test_failure_order);
  ADD ("/reports/write-both", test_write_both);
  ADD ("/history/lookup", test_lookup);
  ADD ("/reports/addresses", test_addresses);
#undef ADD
  return g_test_run ();
}
