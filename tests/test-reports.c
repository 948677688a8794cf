/* test-reports.c - the escapers, the CSV files (RFC 4180, BOM, CRLF,
 * formula guard), the HTML page with hostile values in every field, and
 * the filters (sender domain, dates, redaction)
 * SPDX-License-Identifier: BSD-2-Clause
 */
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

/* ---- a history to report on ---------------------------------------------- */

typedef struct {
  char *dir;
  char *db;
  char *out;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("test-reports-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->db = g_build_filename (f->dir, "history.db", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
}

static void
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

static void
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

static BsRecord *
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

static void
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
static void
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

static char *
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
static GPtrArray *
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

static int
column_index (GPtrArray *rows, const char *name)
{
  char **header = g_ptr_array_index (rows, 0);
  for (int i = 0; header[i] != NULL; i++)
    if (strcmp (header[i], name) == 0)
      return i;
  g_assert_not_reached ();
  return -1;
}

static BsStore *
reader (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  BsStore *store = bs_store_open_readonly (f->db, &error);
  g_assert_no_error (error);
  return store;
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
    "rect", "line", "text", "input", "button", "script", "small", "b", "strong", "br",
  };
  static const char *const attributes[] = {
    "lang", "charset", "http-equiv", "content", "name", "class", "id", "scope", "aria-label",
    "aria-hidden", "aria-sort", "aria-expanded", "aria-live", "role", "viewBox", "x", "y", "x1",
    "x2", "y1", "y2", "width", "height", "rx", "fill", "text-anchor", "preserveAspectRatio",
    "type", "placeholder", "data-table", "data-count", "data-fmt", "data-v", "data-key",
    "data-recipients", "data-family", "colspan", "href", "rel", "target",
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
  g_assert_nonnull (strstr (one, "1970/01/02 00:00 UTC"));
  g_assert_nonnull (strstr (one, "宛先ドメイン別"));
}

/* what to do now: one problem per advice, per IP for the sender's own
 * reputation; the most recipients first; ties by the newest */
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
  g_assert_cmpstr (out->str, ==, "2026/03/05 10:20");
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
    alter_history (f, "UPDATE failures SET id = -id; UPDATE failures SET id = -id * 1000 - id % 7");
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
  g_assert_cmpint (t1.failures + 1, ==, test_sql_int (f->db, "SELECT count(*) FROM failures"
                                                              " WHERE is_failure = 1", NULL));
  bs_report_totals_clear (&t1);
  bs_report_totals_clear (&t2);
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
  ADD ("/reports/problems", test_problems);
  ADD ("/reports/cross", test_cross);
  ADD ("/reports/summary-counts", test_summary_counts);
  g_test_add ("/reports/summary-counts-sparse", Fixture, "sparse", fixture_set_up, test_summary_counts,
              fixture_tear_down);
  ADD ("/reports/failure-order", test_failure_order);
  ADD ("/reports/write-both", test_write_both);
#undef ADD
  return g_test_run ();
}
