/* test-reports.c - the escapers, the CSV files (RFC 4180, BOM, CRLF,
 * formula guard), the HTML page with hostile values in every field, and
 * the filters (sender domain, dates, redaction); the report's queries are
 * test-report-query.c's
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "test-reports-history.h"

/* ---- escapers ----------------------------------------------------------- */

static char *
csv_field (const char *s)
{
  GString *out = g_string_new (NULL);
  bs_escape_csv (out, s);
  return g_string_free (out, FALSE);
}

static char *
html_text (const char *s)
{
  GString *out = g_string_new (NULL);
  bs_escape_html (out, s);
  return g_string_free (out, FALSE);
}

static void
test_csv_quoting (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\r\nlf", "\"cr\r\nlf\"" },
    { " padded", "\" padded\"" },
    { "日本語,テキスト", "\"日本語,テキスト\"" },
    { "=1+2", "'=1+2" },
    { "+81 3 1234", "'+81 3 1234" },
    { "-2", "'-2" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tcmd", "'\tcmd" },
    { "\rcmd", "\"'\rcmd\"" },
    { "=HYPERLINK(\"http://x.example/\",\"a\")", "\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"a\"\")\"" },
    { "＝1+2", "'＝1+2" },
    { "a=b", "a=b" },
    { "5.7.1", "5.7.1" },
    { "esc\x1b[31m", "esc\xe2\x90\x9b[31m" },   /* ESC shown as U+241B */
    { "", "" },
    { NULL, "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = csv_field (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_html_escaping (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;" },
    { "\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" },
    { "a & b 'c'", "a &amp; b &#39;c&#39;" },
    { "nul\x01" "bell\x07", "nul\xe2\x90\x81" "bell\xe2\x90\x87" },
    { "del\x7f", "del\xe2\x90\xa1" },
    { "rtl\xe2\x80\xae" "txt", "rtl[U+202E]txt" },
    { "c1\xc2\x85", "c1[U+0085]" },
    /* every format character (Cf), not a list of known ones: an invisible
     * plus, a soft hyphen, a tag; the line and paragraph separators; a
     * Hangul filler, shown as nothing too (a variation selector stays) */
    { "gmail\xe2\x81\xa4.com", "gmail[U+2064].com" },
    { "soft\xc2\xadhyphen", "soft[U+00AD]hyphen" },
    { "tag\xf3\xa0\x81\x81", "tag[U+E0041]" },
    { "line\xe2\x80\xa8para\xe2\x80\xa9", "line[U+2028]para[U+2029]" },
    { "vs\xef\xb8\x8f fill\xe3\x85\xa4", "vs\xef\xb8\x8f fill[U+3164]" },
    { "bad\xff\xfe utf8", "bad\xef\xbf\xbd\xef\xbf\xbd utf8" },
    { "メール", "メール" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = html_text (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_redact (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "bob@example.org", "***@example.org" },
    { "550 5.1.1 <bob.smith+tag@example.org>: User unknown", "550 5.1.1 <***@example.org>: User unknown" },
    { "a@x.example, c@y.example", "***@x.example, ***@y.example" },
    { "no address @ here", "no address @ here" },
    { "@example.org", "@example.org" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bs_report_redact (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_null (bs_report_redact (NULL));
}

static void
test_families (void)
{
  g_assert_cmpint (bs_reason_family (bs_reason_from_name ("blocked"), NULL), ==, BS_FAMILY_REPUTATION);
  g_assert_cmpint (bs_reason_family (bs_reason_from_name ("expired"), "spamhaus-zen"), ==, BS_FAMILY_REPUTATION);
  g_assert_cmpint (bs_reason_family (bs_reason_from_name ("userunknown"), NULL), ==, BS_FAMILY_ADDRESS);
  g_assert_cmpint (bs_reason_family (bs_reason_from_name ("mailboxfull"), NULL), ==, BS_FAMILY_MAILBOX_FULL);
  g_assert_cmpint (bs_reason_family (bs_reason_from_name ("expired"), NULL), ==, BS_FAMILY_OTHER);
  g_assert_cmpint (bs_reason_family (bs_reason_from_name (NULL), NULL), ==, BS_FAMILY_OTHER);
}

static void
test_csv_files (Fixture *f, gconstpointer data)
{
  make_history (f);
  g_autoptr (BsStore) store = reader (f);
  g_autoptr (GError) error = NULL;
  BsReportOptions o = { .lang = "en", .generated_at = 0 };
  g_assert_true (bs_report_csv (store, &o, f->out, &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (csv_files); i++)
    {
      g_autofree char *text = read_file (f->out, csv_files[i]);
      g_assert_false (g_str_has_prefix (text, "\xEF\xBB\xBF"));
      g_autoptr (GPtrArray) rows = parse_csv (text);
      g_assert_cmpuint (rows->len, >=, 1);
      guint width = g_strv_length (g_ptr_array_index (rows, 0));
      for (guint r = 0; r < rows->len; r++)
        g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, r)), ==, width);
    }
  g_autofree char *text = read_file (f->out, "failures.csv");
  g_autoptr (GPtrArray) rows = parse_csv (text);
  /* 6 failures: the delay warning is not one */
  g_assert_cmpuint (rows->len, ==, 1 + 6);
  guint n_columns = 0;
  bs_report_failure_columns (&n_columns);
  g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, 0)), ==, n_columns);
  int day = column_index (rows, "day"), rcpt = column_index (rows, "recipient");
  char **first = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (first[day], ==, "2024-03-01");
  g_assert_cmpstr (first[rcpt], ==, "alice@example.org");
  g_assert_cmpstr (first[column_index (rows, "family")], ==, "address");
  g_assert_cmpstr (first[column_index (rows, "reply_code")], ==, "550");
  g_assert_cmpstr (first[column_index (rows, "time_utc")], ==, "2024-03-01T10:00:00Z");

  g_autofree char *by_domain = read_file (f->out, "by-domain.csv");
  g_autoptr (GPtrArray) dr = parse_csv (by_domain);
  char **top = g_ptr_array_index (dr, 1);
  g_assert_cmpstr (top[0], ==, "example.org");
  g_assert_cmpstr (top[column_index (dr, "failures")], ==, "4");
  g_assert_cmpstr (top[column_index (dr, "recipients")], ==, "4");

  g_autofree char *by_bl = read_file (f->out, "by-blocklist.csv");
  g_autoptr (GPtrArray) br = parse_csv (by_bl);
  g_assert_cmpuint (br->len, ==, 1 + 2);   /* rows without a blocklist are left out */
}

static void
test_csv_excel (Fixture *f, gconstpointer data)
{
  make_history (f);
  g_autoptr (BsStore) store = reader (f);
  g_autoptr (GError) error = NULL;
  BsReportOptions o = { .lang = "ja", .excel = TRUE };
  g_assert_true (bs_report_csv (store, &o, f->out, &error));
  for (gsize i = 0; i < G_N_ELEMENTS (csv_files); i++)
    {
      g_autofree char *text = read_file (f->out, csv_files[i]);
      g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
      g_assert_true (g_str_has_suffix (text, "\r\n"));
      g_autoptr (GPtrArray) rows = parse_csv (text);
      g_assert_cmpuint (rows->len, >=, 1);
    }
}

/* every string field of a record set to a hostile value (the reason is no
 * string: a name of reasons.c, never text from a bounce) */
static BsRecord *
hostile_record (const char *payload, guint n)
{
  BsRecord *r = bs_record_new ();
  char **fields[] = {
    &r->recipient, &r->orig_recipient, &r->status, &r->status_from, &r->action, &r->remote_mta,
    &r->reporting_mta, &r->diagnostic, &r->diagnostic_type, &r->command, &r->mta,
    &r->feedback_type, &r->orig_message_id, &r->orig_from, &r->orig_to, &r->orig_subject,
    &r->orig_date, &r->destination, &r->sender_domain, &r->sending_ip,
    &r->sending_ip_from, &r->provider_code, &r->blocklist, &r->rule, &r->evidence,
    &r->timestamp,
  };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *v = g_strdup_printf ("%s%u", payload, n);
      bs_record_set (fields[i], v);
    }
  bs_record_set (&r->action, "failed");
  r->reply_code = 550;
  return r;
}

static const char *const payloads[] = {
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "'><svg/onload=alert(1)>",
  "=cmd|' /C calc'!A0",
  "</style><script>x</script>",
  "<!--",
  "]]><iframe src=//evil.example>",
};

/* every tag of the page is one the writer makes, with only its attributes;
 * the one script and the one stylesheet are the program's constants */
static void
assert_only_our_markup (const char *page)
{
  static const char *const tags[] = {
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
    "dl", "dt", "dd", "p", "main", "section", "div", "table", "thead", "tbody", "tr", "th",
    "td", "span", "footer", "nav", "ul", "li", "a", "article", "details", "summary", "svg", "g",
    "rect", "line", "text", "input", "button", "script", "small", "b", "strong", "br", "ol",
  };
  static const char *const attributes[] = {
    "lang", "charset", "http-equiv", "content", "name", "class", "id", "scope", "aria-label",
    "aria-hidden", "aria-sort", "aria-expanded", "aria-live", "role", "viewBox", "x", "y", "x1",
    "x2", "y1", "y2", "width", "height", "rx", "fill", "text-anchor", "preserveAspectRatio",
    "type", "placeholder", "data-table", "data-count", "data-fmt", "data-v", "data-key",
    "data-recipients", "data-family", "colspan", "href", "rel", "target", "data-state",
    "data-zone",
  };
  /* the script and the stylesheet, then the rest without them */
  g_autofree char *script = g_strdup_printf ("<script>%s</script>", bs_html_script);
  g_autofree char *style = g_strdup_printf ("<style>%s</style>", bs_html_css);
  const char *at = strstr (page, script);
  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, "<script"));
  g_assert_true (strstr (page, "<script") == at);
  GString *rest = g_string_new (page);
  g_string_replace (rest, script, "<script></script>", 0);
  g_assert_cmpuint (g_string_replace (rest, style, "<style></style>", 0), ==, 1);
  g_autofree char *html = g_string_free (rest, FALSE);

  g_autoptr (GRegex) tag_re = g_regex_new ("<(/?)([!A-Za-z0-9-]+)([^>]*)>", 0, 0, NULL);
  g_autoptr (GRegex) quoted = g_regex_new ("\"[^\"]*\"", 0, 0, NULL);
  g_autoptr (GRegex) attr_re = g_regex_new ("([A-Za-z0-9-]+)\\s*=", 0, 0, NULL);
  g_autoptr (GRegex) href_re = g_regex_new ("href=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;
  guint seen = 0;
  /* every "<" starts one of our tags */
  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    seen++;
  guint matched = 0;
  g_regex_match (tag_re, html, 0, &m);
  while (g_match_info_matches (m))
    {
      matched++;
      g_autofree char *name = g_match_info_fetch (m, 2);
      g_autofree char *rest_of_tag = g_match_info_fetch (m, 3);
      gboolean known = FALSE;
      for (gsize i = 0; i < G_N_ELEMENTS (tags); i++)
        known |= g_ascii_strcasecmp (tags[i], name) == 0;
      if (!known)
        g_error ("unexpected tag <%s%s>", name, rest_of_tag);
      g_autofree char *bare = g_regex_replace_literal (quoted, rest_of_tag, -1, 0, "", 0, NULL);
      g_autoptr (GMatchInfo) a = NULL;
      g_regex_match (attr_re, bare, 0, &a);
      while (g_match_info_matches (a))
        {
          g_autofree char *attr = g_match_info_fetch (a, 1);
          gboolean ok = FALSE;
          for (gsize i = 0; i < G_N_ELEMENTS (attributes); i++)
            ok |= strcmp (attributes[i], attr) == 0;
          if (!ok)
            g_error ("unexpected attribute %s in <%s%s>", attr, name, rest_of_tag);
          g_match_info_next (a, NULL);
        }
      /* links: the page's own anchors, or the advice's https pages */
      g_autoptr (GMatchInfo) h = NULL;
      if (g_regex_match (href_re, rest_of_tag, 0, &h))
        {
          g_autofree char *url = g_match_info_fetch (h, 1);
          g_assert_true (url[0] == '#' || g_str_has_prefix (url, "https://"));
        }
      g_match_info_next (m, NULL);
    }
  g_assert_cmpuint (matched, ==, seen);
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<iframe"));
  g_assert_null (strstr (html, "<!--"));
  g_assert_null (strstr (html, "http:"));
  g_assert_null (strstr (html, "javascript:"));
}

static void
test_html_hostile (Fixture *f, gconstpointer data)
{
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (BsStore) store = bs_store_open (f->db, &error);
    gint64 run = bs_store_run_begin (store, "x", &error);
    for (gsize i = 0; i < G_N_ELEMENTS (payloads); i++)
      {
        g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
        g_ptr_array_add (records, hostile_record (payloads[i], (guint) i));
        g_autofree char *hash = g_strdup_printf ("h%zu", i);
        g_autofree char *source = g_strdup_printf ("/mail/%s", payloads[i]);
        add_message (store, run, hash, BS_MESSAGE_BOUNCE, source, NULL, records);
        g_autofree char *bad = g_strdup_printf ("u%zu", i);
        add_message (store, run, bad, BS_MESSAGE_UNDECODABLE, source, payloads[i], NULL);
      }
  }
  g_autoptr (BsStore) store = reader (f);
  for (int lang = 0; lang < 2; lang++)
    {
      g_autoptr (GError) error = NULL;
      BsReportOptions o = { .lang = lang ? "ja" : "en", .title = payloads[0], .generated_at = 0 };
      g_autofree char *path = g_build_filename (f->dir, "report.html", NULL);
      g_assert_true (bs_report_html (store, &o, path, &error));
      g_assert_no_error (error);
      g_autofree char *html = read_file (path, NULL);
      g_assert_true (g_utf8_validate (html, -1, NULL));
      assert_only_our_markup (html);
      /* the payloads show as text */
      g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
      g_assert_nonnull (strstr (html, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
      g_assert_nonnull (strstr (html, lang ? "lang=\"ja\"" : "lang=\"en\""));

      /* the CSV keeps the text, guarded */
      BsReportOptions c = { .lang = "en" };
      g_assert_true (bs_report_csv (store, &c, f->out, &error));
      g_autofree char *csv = read_file (f->out, "failures.csv");
      g_autoptr (GPtrArray) rows = parse_csv (csv);
      g_assert_cmpuint (rows->len, ==, 1 + G_N_ELEMENTS (payloads));
      int diag = column_index (rows, "diagnostic");
      gboolean guarded = FALSE;
      for (guint r = 1; r < rows->len; r++)
        {
          char **row = g_ptr_array_index (rows, r);
          g_assert_false (row[diag][0] == '=');
          guarded |= g_str_has_prefix (row[diag], "'=cmd");
        }
      g_assert_true (guarded);
    }
}

static char *
all_output (Fixture *f, const BsReportOptions *o)
{
  g_autoptr (BsStore) store = reader (f);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.html", NULL);
  g_assert_true (bs_report_html (store, o, path, &error));
  g_assert_no_error (error);
  g_assert_true (bs_report_csv (store, o, f->out, &error));
  g_assert_no_error (error);
  GString *all = g_string_new (NULL);
  g_autofree char *html = read_file (path, NULL);
  g_string_append (all, html);
  for (gsize i = 0; i < G_N_ELEMENTS (csv_files); i++)
    {
      g_autofree char *text = read_file (f->out, csv_files[i]);
      g_string_append (all, text);
    }
  return g_string_free (all, FALSE);
}

static void
test_sender_filter (Fixture *f, gconstpointer data)
{
  make_history (f);
  const char *const senders[] = { "A.Example.COM.", NULL };
  g_autoptr (BsHistoryFilter) filter = bs_history_filter_new (NULL, NULL, senders, NULL, NULL);
  g_assert_cmpstr (bs_history_filter_senders (filter)[0], ==, "a.example.com");
  BsReportOptions o = { .lang = "en", .filter = filter, .generated_at = 0 };
  g_autofree char *all = all_output (f, &o);
  static const char *const foreign[] = {
    "b.example.net", "b-only", "198.51.100.9", "secret-b", "b-secret-list", "xa.example.com",
    "lookalike-x", "nosender-x", "198.51.100.10", "198.51.100.11", "leak", "/mail/postmaster/cur/plain",
    "erin", "frank", "gina",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (foreign); i++)
    if (strstr (all, foreign[i]) != NULL)
      g_error ("a report for a.example.com shows \"%s\"", foreign[i]);
  g_assert_nonnull (strstr (all, "a-marker"));
  g_assert_nonnull (strstr (all, "news.a.example.com"));   /* subdomains are the customer's */

  /* its numbers are its own */
  g_autoptr (BsStore) store = reader (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, &o, &error);
  BsReportTotals t;
  g_assert_true (bs_report_totals (q, &t, &error));
  g_assert_cmpint (t.failures, ==, 3);
  g_assert_cmpint (t.recipients, ==, 3);
  g_assert_cmpint (t.delayed, ==, 1);
  g_assert_false (t.has_mail_counts);
  g_assert_cmpint (t.family_failures[BS_FAMILY_REPUTATION], ==, 1);
  g_assert_cmpint (t.family_failures[BS_FAMILY_ADDRESS], ==, 1);
  g_assert_cmpint (t.family_failures[BS_FAMILY_MAILBOX_FULL], ==, 1);
  g_assert_cmpstr (t.first_day, ==, "2024-03-01");
  g_assert_cmpstr (t.last_day, ==, "2024-03-03");
  bs_report_totals_clear (&t);

  /* a filter naming nothing usable is refused, never everything */
  const char *const empty[] = { " ", "@", NULL };
  g_assert_null (bs_history_filter_new (NULL, NULL, empty, NULL, &error));
  g_assert_error (error, BS_ERROR, BS_ERROR_USAGE);
}

static void
test_whole_history (Fixture *f, gconstpointer data)
{
  make_history (f);
  BsReportOptions o = { .lang = "en", .generated_at = 0 };
  g_autofree char *all = all_output (f, &o);
  /* without a filter, everything is there, the undecodable message too */
  g_assert_nonnull (strstr (all, "b.example.net-leak"));
  g_assert_nonnull (strstr (all, "looks like a bounce &lt;b&gt;bold&lt;/b&gt;"));
  g_autoptr (BsStore) store = reader (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, &o, &error);
  BsReportTotals t;
  g_assert_true (bs_report_totals (q, &t, &error));
  g_assert_cmpint (t.failures, ==, 6);
  g_assert_cmpint (t.delayed, ==, 1);
  g_assert_true (t.has_mail_counts);
  g_assert_cmpint (t.messages, ==, 9);
  g_assert_cmpint (t.bounces, ==, 7);
  g_assert_cmpint (t.not_bounces, ==, 1);
  g_assert_cmpint (t.undecodable, ==, 1);
  g_assert_cmpint (t.runs, ==, 1);
  bs_report_totals_clear (&t);

  gint64 groups = 0;
  g_autoptr (GPtrArray) rows = bs_report_aggregate (q, BS_AGG_IP, 1, &groups, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (groups, ==, 5);
  BsAggRow *top = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (top->key, ==, "192.0.2.1");
  g_assert_cmpint (top->failures, ==, 2);
  g_assert_cmpstr (top->first_seen, ==, "2024-03-01T10:00:00Z");
  g_assert_cmpstr (top->last_seen, ==, "2024-03-02T10:00:00Z");
  g_assert_cmpstr (top->example, ==, "550 5.7.1 listed at zen (a-marker)");   /* the newest */

  g_autoptr (GPtrArray) days = bs_report_aggregate (q, BS_AGG_DAY, 0, NULL, &error);
  g_assert_cmpuint (days->len, ==, 3);
  g_assert_cmpstr (((BsAggRow *) g_ptr_array_index (days, 0))->key, ==, "2024-03-01");
  g_autoptr (GPtrArray) codes = bs_report_aggregate (q, BS_AGG_CODE, 0, NULL, &error);
  g_assert_cmpuint (codes->len, ==, 1);
  BsAggRow *code = g_ptr_array_index (codes, 0);
  g_assert_cmpstr (code->key, ==, "5.7.1 550");
  g_assert_cmpint (code->reply_code, ==, 550);
}

static void
test_dates (Fixture *f, gconstpointer data)
{
  make_history (f);
  g_autoptr (BsStore) store = reader (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsHistoryFilter) filter = bs_history_filter_new ("2024-03-02", "2024-03-02", NULL, NULL,
                                                              NULL);
  BsReportOptions o = { .lang = "en", .filter = filter };
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, &o, &error);
  BsReportTotals t;
  g_assert_true (bs_report_totals (q, &t, &error));
  g_assert_cmpint (t.failures, ==, 4);
  g_assert_cmpint (t.delayed, ==, 0);
  bs_report_totals_clear (&t);
}

static void
test_redacted_report (Fixture *f, gconstpointer data)
{
  make_history (f);
  BsReportOptions o = { .lang = "en", .redact = TRUE };
  g_autofree char *all = all_output (f, &o);
  g_assert_null (strstr (all, "alice@"));
  g_assert_null (strstr (all, "bob@"));
  g_assert_nonnull (strstr (all, "***@example.org"));
}

static void
test_reproducible (Fixture *f, gconstpointer data)
{
  make_history (f);
  BsReportOptions o = { .lang = "ja", .generated_at = 86400 };
  g_autofree char *one = all_output (f, &o);
  g_autofree char *two = all_output (f, &o);
  g_assert_cmpstr (one, ==, two);
  g_assert_nonnull (strstr (one, "1970年1月2日 00:00 UTC"));
  g_assert_nonnull (strstr (one, "宛先ドメイン別"));
}

/* what to do now: one problem per advice, per IP for the sender's own
 * reputation; the most recipients first; ties by the newest */
static void
test_html_kit (void)
{
  g_autoptr (GString) out = g_string_new (NULL);
  BsReportOptions o = { .lang = "ja" };
  BsHtml ja = { out, &o, TRUE, NULL }, en = { out, &o, FALSE, NULL };
  bs_html_date (&ja, "2026-03-05", BS_DATE_DAY);
  g_assert_cmpstr (out->str, ==, "2026年3月5日");
  g_string_truncate (out, 0);
  bs_html_date (&en, "2026-03-05T10:20:30Z", BS_DATE_TIME);
  g_assert_cmpstr (out->str, ==, "5 Mar 2026 10:20");
  g_string_truncate (out, 0);
  bs_html_date (&ja, "2026-03-05T10:20:30Z", BS_DATE_TIME);
  g_assert_cmpstr (out->str, ==, "2026年3月5日 10:20");
  g_string_truncate (out, 0);
  bs_html_date (&en, "2026-13-45<b>", BS_DATE_DAY);   /* no date: text, escaped */
  g_assert_cmpstr (out->str, ==, "2026-13-45&lt;b&gt;");
  g_string_truncate (out, 0);
  bs_html_number (&en, 1234567);
  g_assert_cmpstr (out->str, ==, "1,234,567");
  g_string_truncate (out, 0);
  bs_html_number (&en, G_MININT64);
  g_assert_cmpstr (out->str, ==, "-9,223,372,036,854,775,808");
}

/* ---- the one-read summary, the fast failures.csv, the writer thread ------ */

/* the field as the first escaper made it (one path for every byte): the
 * fast paths of bs_escape_csv must give the same */
static char *
csv_field_reference (const char *text)
{
  GString *out = g_string_new (NULL);
  if (text == NULL || *text == '\0')
    return g_string_free (out, FALSE);
  g_autoptr (GString) cell = g_string_new (NULL);
  gunichar c = g_utf8_get_char_validated (text, -1);
  if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == 0xFF1D
      || c == 0xFF0B || c == 0xFF0D || c == 0xFF20)
    g_string_append_c (cell, '\'');
  bs_escape_visible (cell, text, TRUE);
  gboolean quote = cell->str[0] == ' ' || cell->str[cell->len - 1] == ' '
                   || strpbrk (cell->str, ",\"\r\n") != NULL;
  if (!quote)
    g_string_append_len (out, cell->str, (gssize) cell->len);
  else
    {
      g_string_append_c (out, '"');
      for (gsize i = 0; i < cell->len; i++)
        {
          if (cell->str[i] == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, cell->str[i]);
        }
      g_string_append_c (out, '"');
    }
  return g_string_free (out, FALSE);
}

static void
test_csv_fast_paths (void)
{
  /* every special byte at every offset of cells of 1 to 40 bytes, so that
   * the 16- and 8-byte steps and their tails all meet one */
  static const char *const specials[] = {
    ",", "\"", "\r", "\n", "\t", "\x01", "\x1f", "\x7f", " ", "=", "-", "\xc3\xa9", "\xe2\x80\xae",
    "\xff", "\xef\xbc\x9d", "@", "+",
  };
  GRand *rand = g_rand_new_with_seed (20261125);
  for (gsize k = 0; k < G_N_ELEMENTS (specials); k++)
    for (gsize len = 1; len <= 40; len++)
      for (gsize at = 0; at < len; at++)
        {
          GString *in = g_string_new (NULL);
          for (gsize i = 0; i < len; i++)
            {
              if (i == at)
                g_string_append (in, specials[k]);
              else
                g_string_append_c (in, (char) ('a' + g_rand_int_range (rand, 0, 26)));
            }
          g_autofree char *want = csv_field_reference (in->str);
          g_autofree char *got = csv_field (in->str);
          g_assert_cmpstr (got, ==, want);
          /* "plain" is a promise that the text is its own field */
          if (bs_escape_csv_plain (in->str, in->len))
            g_assert_cmpstr (want, ==, in->str);
          g_string_free (in, TRUE);
        }
  g_rand_free (rand);
}

/* a failure row as one line of text (a BsFailureFunc) */
/* every writer (the page, the CSV files, the workbook, the JSON) cancelled
 * (a signal): BS_ERROR_INTERRUPTED, no file, no temporary file left; then
 * written whole */
static void
test_cancelled (Fixture *f, gconstpointer data)
{
  make_history (f);
  g_autoptr (BsStore) store = reader (f);
  g_assert_cmpint (g_mkdir (f->out, 0700), ==, 0);
  g_autofree char *html = g_build_filename (f->out, "report.html", NULL);
  g_autofree char *csv = g_build_filename (f->out, "csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->out, "report.xlsx", NULL);
  g_autofree char *json = g_build_filename (f->out, "report.json", NULL);
  const BsReportTargets each[] = {
    { .html = html }, { .csv_dir = csv }, { .xlsx = xlsx }, { .json = json },
    { .html = html, .csv_dir = csv, .xlsx = xlsx, .json = json },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (each); i++)
    {
      gint cancelled = 1;
      BsReportOptions o = { .lang = "en", .cancelled = &cancelled };
      g_autoptr (GError) error = NULL;
      g_assert_false (bs_report_write (store, &o, &each[i], NULL, &error));
      g_assert_error (error, BS_ERROR, BS_ERROR_INTERRUPTED);
      /* nothing: no report, no temporary file (the CSV files' folder is
       * made first, empty) */
      g_autoptr (GDir) dir = g_dir_open (f->out, 0, NULL);
      for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
        {
          g_assert_cmpstr (name, ==, "csv");
          g_autoptr (GDir) sub = g_dir_open (csv, 0, NULL);
          g_assert_null (g_dir_read_name (sub));
        }
      g_clear_error (&error);
      cancelled = 0;
      g_assert_true (bs_report_write (store, &o, &each[i], NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (each[i].html ? html : each[i].xlsx ? xlsx : each[i].json ? json
                                  : csv, G_FILE_TEST_EXISTS));
      for (const char *const *p = (const char *const[]) { html, xlsx, json, NULL }; *p; p++)
        g_unlink (*p);
      g_autoptr (GDir) sub = g_dir_open (csv, 0, NULL);
      for (const char *name; sub != NULL && (name = g_dir_read_name (sub)) != NULL;)
        {
          g_autofree char *one = g_build_filename (csv, name, NULL);
          g_unlink (one);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reports/csv-quoting", test_csv_quoting);
  g_test_add_func ("/reports/html-escaping", test_html_escaping);
  g_test_add_func ("/reports/redact", test_redact);
  g_test_add_func ("/reports/families", test_families);
  g_test_add_func ("/reports/html-kit", test_html_kit);
  g_test_add_func ("/reports/csv-fast-paths", test_csv_fast_paths);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/reports/csv-files", test_csv_files);
  ADD ("/reports/csv-excel", test_csv_excel);
  ADD ("/reports/html-hostile", test_html_hostile);
  ADD ("/reports/sender-filter", test_sender_filter);
  ADD ("/reports/whole-history", test_whole_history);
  ADD ("/reports/dates", test_dates);
  ADD ("/reports/redacted", test_redacted_report);
  ADD ("/reports/reproducible", test_reproducible);
  ADD ("/reports/cancelled", test_cancelled);
#undef ADD
  return g_test_run ();
}
