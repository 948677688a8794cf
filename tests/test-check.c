/* test-check.c - live checks without the network: the DNS list tables
 * (every code has a meaning, error codes are never listings), the reversed
 * names (IPv4 octets, IPv6 nibbles), names and addresses from bounces, the
 * checker's options, and the history as the reports tell it (listed since,
 * delisted on, listed again on) from checks rows written here
 *
 * The end-to-end test against a real DNS server is tests/cli/test_check.py.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <arpa/inet.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bs.h"
#include "canonical.h"
#include "check.h"
#include "checks.h"
#include "record.h"
#include "rules/rules.h"
#include "store.h"

#include "test-fixture.h"

/* ---- the tables ------------------------------------------------------------ */

static gboolean
is_127 (const char *address, guint8 out[4])
{
  return inet_pton (AF_INET, address, out) == 1 && out[0] == 127;
}

static void
test_codes_have_meanings (void)
{
  g_assert_cmpuint (bs_dnsbl_n_lists, >, 0);
  for (gsize i = 0; i < bs_dnsbl_n_lists; i++)
    {
      const BsDnsbl *l = &bs_dnsbl_lists[i];
      g_test_message ("list %s", l->id);
      g_assert_nonnull (l->name);
      g_autofree char *zone = bs_check_domain_canonical (l->zone);
      g_assert_cmpstr (zone, ==, l->zone);
      g_assert_cmpuint (l->n_codes, >, 0);
      for (gsize k = 0; k < l->n_codes; k++)
        {
          const BsDnsblCode *c = &l->codes[k];
          guint8 a[4];
          g_assert_true (is_127 (c->address, a));
          g_assert_false (a[1] == 255 && a[2] == 255); /* the error range is never a listing */
          g_assert_true (c->name && *c->name && c->meaning && *c->meaning && c->sublist);
          const BsDnsblCode *got = NULL;
          const BsDnsblError *err = NULL;
          BsDnsblVerdict v = bs_check_dnsbl_code (l, c->address, &got, &err);
          g_assert_true (got == c);
          g_assert_null (err);
          if (l->only == NULL || strcmp (l->only, c->sublist) == 0)
            g_assert_cmpint (v, ==, BS_DNSBL_LISTED);
          else
            g_assert_cmpint (v, ==, BS_DNSBL_OTHER_LIST);
        }
      for (gsize k = 0; k < l->n_errors; k++)
        {
          const BsDnsblError *e = &l->errors[k];
          const BsDnsblCode *got = NULL;
          const BsDnsblError *err = NULL;
          g_assert_cmpint (bs_check_dnsbl_code (l, e->address, &got, &err), ==, BS_DNSBL_REFUSED);
          g_assert_true (err == e);
          g_assert_null (got);
          g_assert_true (e->meaning && *e->meaning && e->fix && *e->fix);
          for (gsize m = 0; m < l->n_codes; m++)
            g_assert_cmpstr (l->codes[m].address, !=, e->address);
        }
    }
}

static void
test_errors_never_listed (void)
{
  /* on every list, the 127.255.255.x range and addresses outside 127/8 */
  static const char *const refused[] = { "127.255.255.252", "127.255.255.254", "127.255.255.255",
                                         "127.255.255.1" };
  static const char *const odd[] = { "192.0.2.1", "10.0.0.1", "0.0.0.0", "not an address", "" };
  for (gsize i = 0; i < bs_dnsbl_n_lists; i++)
    {
      const BsDnsbl *l = &bs_dnsbl_lists[i];
      for (gsize k = 0; k < G_N_ELEMENTS (refused); k++)
        {
          const BsDnsblError *err = NULL;
          g_assert_cmpint (bs_check_dnsbl_code (l, refused[k], NULL, &err), ==, BS_DNSBL_REFUSED);
          g_assert_nonnull (err);
          g_assert_nonnull (err->fix);
        }
      for (gsize k = 0; k < G_N_ELEMENTS (odd); k++)
        g_assert_cmpint (bs_check_dnsbl_code (l, odd[k], NULL, NULL), ==, BS_DNSBL_UNEXPECTED);
      g_assert_cmpint (bs_check_dnsbl_code (l, NULL, NULL, NULL), ==, BS_DNSBL_UNEXPECTED);
      /* a 127/8 code the table does not name: a listing of the list, not of a sub-list */
      g_assert_cmpint (bs_check_dnsbl_code (l, "127.0.0.99", NULL, NULL), ==,
                       l->only ? BS_DNSBL_OTHER_LIST : BS_DNSBL_LISTED);
    }
}

static void
test_spamhaus_codes (void)
{
  static const struct {
    const char *list, *address, *sublist;
    BsDnsblVerdict verdict;
  } cases[] = {
    { "spamhaus-zen", "127.0.0.2", "spamhaus-sbl", BS_DNSBL_LISTED },
    { "spamhaus-zen", "127.0.0.3", "spamhaus-css", BS_DNSBL_LISTED },
    { "spamhaus-zen", "127.0.0.4", "spamhaus-xbl", BS_DNSBL_LISTED },
    { "spamhaus-zen", "127.0.0.9", "spamhaus-sbl", BS_DNSBL_LISTED },
    { "spamhaus-zen", "127.0.0.10", "spamhaus-pbl", BS_DNSBL_LISTED },
    { "spamhaus-zen", "127.0.0.11", "spamhaus-pbl", BS_DNSBL_LISTED },
    { "spamhaus-sbl", "127.0.0.2", "spamhaus-sbl", BS_DNSBL_LISTED },
    { "spamhaus-sbl", "127.0.0.10", "spamhaus-pbl", BS_DNSBL_OTHER_LIST },
    { "spamhaus-pbl", "127.0.0.11", "spamhaus-pbl", BS_DNSBL_LISTED },
    { "spamhaus-xbl", "127.0.0.2", "spamhaus-sbl", BS_DNSBL_OTHER_LIST },
    { "spamhaus-dbl", "127.0.1.2", "spamhaus-dbl", BS_DNSBL_LISTED },
    { "spamhaus-dbl", "127.0.1.106", "spamhaus-dbl", BS_DNSBL_LISTED },
    { "spamhaus-dbl", "127.0.1.255", NULL, BS_DNSBL_REFUSED },
    { "spamhaus-zen", "127.255.255.254", NULL, BS_DNSBL_REFUSED },
    { "spamhaus-pbl", "127.255.255.255", NULL, BS_DNSBL_REFUSED },
    { "spamcop", "127.0.0.2", "spamcop", BS_DNSBL_LISTED },
    { "spamrats", "127.0.0.37", "spamrats", BS_DNSBL_LISTED },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const BsDnsbl *l = bs_check_list (cases[i].list);
      g_assert_nonnull (l);
      const BsDnsblCode *code = NULL;
      const BsDnsblError *err = NULL;
      g_assert_cmpint (bs_check_dnsbl_code (l, cases[i].address, &code, &err), ==, cases[i].verdict);
      if (cases[i].sublist)
        g_assert_cmpstr (code->sublist, ==, cases[i].sublist);
      else
        g_assert_true (code == NULL && err != NULL);
    }
  /* the Spamhaus public-resolver answer says what to do, with a key or a resolver */
  const BsDnsblError *err = NULL;
  bs_check_dnsbl_code (bs_check_list ("spamhaus-zen"), "127.255.255.254", NULL, &err);
  g_assert_nonnull (strstr (err->meaning, "resolver"));
  g_assert_nonnull (strstr (err->fix, "--resolver"));
  g_assert_nonnull (strstr (err->fix, "dq.spamhaus.net"));
}

/* every blocklist id of classify's tables has a DNS list or says why DNS
 * cannot ask; every id here is one classify can give */
static void
test_ids_cover_blocklists (void)
{
  for (gsize i = 0; i < bs_rules_n_blocklist_ids; i++)
    {
      const char *id = bs_rules_blocklist_ids[i];
      g_test_message ("blocklist %s", id);
      g_assert_true (bs_check_list (id) != NULL || bs_check_nodns (id) != NULL);
    }
  for (gsize i = 0; i < bs_dnsbl_n_lists + bs_dnsbl_n_nodns; i++)
    {
      const char *id = i < bs_dnsbl_n_lists ? bs_dnsbl_lists[i].id
                                            : bs_dnsbl_nodns[i - bs_dnsbl_n_lists].id;
      gboolean known = FALSE;
      for (gsize k = 0; k < bs_rules_n_blocklist_ids && !known; k++)
        known = strcmp (bs_rules_blocklist_ids[k], id) == 0;
      for (gsize k = 0; k < bs_rules_n_codes && !known; k++)
        known = g_strcmp0 (bs_rules_codes[k].blocklist, id) == 0;
      g_test_message ("table id %s", id);
      g_assert_true (known);
    }
  for (gsize i = 0; i < bs_dnsbl_n_nodns; i++)
    g_assert_true (bs_dnsbl_nodns[i].name && bs_dnsbl_nodns[i].why);
  /* a sub-list view reads the zone of a whole list */
  for (gsize i = 0; i < bs_dnsbl_n_lists; i++)
    if (bs_dnsbl_lists[i].only != NULL)
      {
        gboolean parent = FALSE;
        for (gsize k = 0; k < bs_dnsbl_n_lists; k++)
          parent |= bs_dnsbl_lists[k].only == NULL
                    && strcmp (bs_dnsbl_lists[k].zone, bs_dnsbl_lists[i].zone) == 0;
        g_assert_true (parent);
      }
}

/* ---- names ------------------------------------------------------------------- */

static void
test_reverse_names (void)
{
  static const struct {
    const char *ip, *zone, *want;
  } cases[] = {
    { "192.0.2.1", "zen.spamhaus.org", "1.2.0.192.zen.spamhaus.org" },
    { "192.0.2.1", NULL, "1.2.0.192.in-addr.arpa" },
    { "[203.0.113.45]", "bl.spamcop.net", "45.113.0.203.bl.spamcop.net" },
    { " 198.51.100.7 ", NULL, "7.100.51.198.in-addr.arpa" },
    { "::ffff:192.0.2.9", "zen.test", "9.2.0.192.zen.test" },
    { "2001:db8::25", "zen.spamhaus.org",
      "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org" },
    { "2001:DB8:0:0:0:0:0:25", NULL,
      "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa" },
    { "IPv6:2001:db8:1234:5678:9abc:def0:1:2", NULL,
      "2.0.0.0.1.0.0.0.0.f.e.d.c.b.a.9.8.7.6.5.4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa" },
    { "300.1.2.3", NULL, NULL },
    { "192.0.2", NULL, NULL },
    { "192.0.2.1.zen", NULL, NULL },
    { "2001:db8::25::1", NULL, NULL },
    { "", NULL, NULL },
    { "example.com", NULL, NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bs_check_reverse_name (cases[i].ip, cases[i].zone);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
  g_assert_null (bs_check_reverse_name (NULL, NULL));
  g_autofree char *huge = g_strnfill (100000, '1');
  g_assert_null (bs_check_reverse_name (huge, NULL));
  g_autofree char *v6 = bs_canonical_ip ("2001:DB8:0::25");
  g_assert_cmpstr (v6, ==, "2001:db8::25");
  g_autofree char *v4 = bs_canonical_ip ("::ffff:192.0.2.9");
  g_assert_cmpstr (v4, ==, "192.0.2.9");
}

static void
test_domains (void)
{
  static const struct {
    const char *in, *want;
  } cases[] = {
    { "Example.COM.", "example.com" },
    { "@mail.example.jp", "mail.example.jp" },
    { "例え.jp", "xn--r8jz45g.jp" },
    { "_dmarc.example.com", "_dmarc.example.com" },
    { "localhost", NULL },
    { "ex ample.com", NULL },
    { "-a.example.com", NULL },
    { "a-.example.com", NULL },
    { "a..example.com", NULL },
    { "example.com/x", NULL },
    { "", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bs_check_domain_canonical (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
  g_autofree char *label = g_strnfill (64, 'a');
  g_autofree char *long_label = g_strconcat (label, ".example.com", NULL);
  g_assert_null (bs_check_domain_canonical (long_label));
  g_assert_null (bs_check_domain_canonical ("\xff\xfe.example.com"));
}

/* ---- the checker's options and targets --------------------------------------- */

static void
test_options (void)
{
  static const struct {
    const char *resolver, *lists, *zone, *shown;   /* shown NULL: a usage error */
  } cases[] = {
    { "127.0.0.1@5353", NULL, NULL, "127.0.0.1@5353" },
    { "::1", NULL, NULL, "::1@53" },
    { "192.0.2.53", "spamhaus-zen,spamcop", NULL, "192.0.2.53@53" },
    { "192.0.2.53", "none", "spamhaus-zen=KEY.zen.dq.spamhaus.net", "192.0.2.53@53" },
    { "192.0.2.53", "my-list", "my-list=bl.example.net", "192.0.2.53@53" },
    { "recursive", NULL, NULL, "recursive" },
    { "resolver.example.net", NULL, NULL, NULL },
    { "127.0.0.1@0", NULL, NULL, NULL },
    { "127.0.0.1@65536", NULL, NULL, NULL },
    { "127.0.0.1@53x", NULL, NULL, NULL },
    { "127.0.0.1", "no-such-list", NULL, NULL },
    { "127.0.0.1", "spamhaus-dbl", NULL, NULL },       /* a list of domains, not of IPs */
    { "127.0.0.1", NULL, "spamhaus-zen", NULL },
    { "127.0.0.1", NULL, "=zen.example.net", NULL },
    { "127.0.0.1", NULL, "spamhaus-zen=bad zone", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *zones[] = { cases[i].zone, NULL };
      BsCheckOptions o = { .resolver = cases[i].resolver, .lists = cases[i].lists,
                           .zones = cases[i].zone ? zones : NULL };
      g_autoptr (GError) error = NULL;
      g_autoptr (BsChecker) c = bs_checker_new (&o, &error);
      g_test_message ("case %zu: %s", i, cases[i].resolver);
      if (cases[i].shown == NULL)
        {
          g_assert_null (c);
          g_assert_error (error, BS_ERROR, BS_ERROR_USAGE);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (bs_checker_resolver (c), ==, cases[i].shown);
        }
    }
}

static void
test_targets (void)
{
  BsCheckOptions o = { .resolver = "127.0.0.1@1" };
  g_autoptr (BsChecker) c = bs_checker_new (&o, NULL);
  g_assert_nonnull (c);
  /* private, loopback, link-local and bad addresses are not asked */
  static const char *const skipped[] = { "10.1.2.3", "192.168.0.1", "172.20.0.1", "127.0.0.1",
                                         "169.254.1.1", "100.64.0.1", "::1", "fe80::1", "fd00::1",
                                         "224.0.0.1", "0.0.0.0", "garbage", "" };
  for (gsize i = 0; i < G_N_ELEMENTS (skipped); i++)
    bs_checker_add_ip (c, skipped[i], "spamhaus-zen", NULL);
  bs_checker_add_domain (c, "localhost");
  bs_checker_add_domain (c, NULL);
  g_assert_cmpuint (bs_checker_count (c), ==, 0);
  /* one target per address, however written */
  bs_checker_add_ip (c, "192.0.2.1", "spamhaus-zen", NULL);
  bs_checker_add_ip (c, "[192.0.2.1]", "microsoft-olc", NULL);
  bs_checker_add_ip (c, "::ffff:192.0.2.1", NULL, NULL);
  g_assert_cmpuint (bs_checker_count (c), ==, 1);
  /* a record: its IP, and its sender domain when authentication failed */
  g_autoptr (BsRecord) r = bs_record_new ();
  bs_record_set (&r->action, "failed");
  bs_record_set (&r->status, "5.7.26");
  r->reason = bs_reason_from_name ("authfailure");
  bs_record_set (&r->sending_ip, "2001:db8::25");
  bs_record_set (&r->sender_domain, "Example.COM");
  bs_checker_add_record (c, r);
  g_assert_cmpuint (bs_checker_count (c), ==, 3);
  g_assert_cmpuint (bs_checker_results (c)->len, ==, 0);
}

/* ---- the history, as the reports tell it -------------------------------------- */


static void
add_failure (BsStore *store, guint n, const char *ip, const char *blocklist, const char *reason,
             const char *ts)
{
  g_autoptr (BsRecord) r = bs_record_new ();
  bs_record_set (&r->recipient, "user@example.org");
  bs_record_set (&r->action, "failed");
  bs_record_set (&r->status, "5.7.1");
  r->reason = bs_reason_from_name (reason);
  bs_record_set (&r->sending_ip, ip);
  bs_record_set (&r->blocklist, blocklist);
  bs_record_set (&r->sender_domain, "example.com");
  bs_record_set (&r->timestamp, ts);
  g_autoptr (GPtrArray) records = g_ptr_array_new ();
  g_ptr_array_add (records, r);
  g_autofree char *hash = g_strdup_printf ("%064u", n);
  BsMessageMeta meta = { .source = "test", .key = hash, .content_hash = hash,
                         .kind = BS_MESSAGE_BOUNCE };
  g_assert_true (bs_store_add_message (store, 0, &meta, records, NULL));
}

static void
add_check (BsStore *store, const char *at, const char *kind, const char *subject,
           const char *list, const char *name, const char *status, const char *detail)
{
  BsCheckRow row = {
    .checked_at = at, .kind = kind, .subject = subject, .list = list, .list_name = name,
    .status = status, .listed_as = g_strcmp0 (status, "listed") == 0 ? name : NULL,
    .detail = detail, .fix = g_strcmp0 (status, "refused") == 0 ? "use your own resolver" : NULL,
    .resolver = "test",
  };
  g_autoptr (GError) error = NULL;
  g_assert_true (bs_store_add_checks (store, 0, &row, 1, &error));
  g_assert_no_error (error);
}

static gint64
unix_of (const char *iso)
{
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (iso, NULL);
  return g_date_time_to_unix (t);
}

static void
test_history (Fixture *f, gconstpointer data)
{
  g_autoptr (BsStore) store = bs_store_open (f->db, NULL);
  g_assert_nonnull (store);
  add_failure (store, 1, "192.0.2.2", "spamhaus-sbl", "blocked", "2026-03-01T08:00:00Z");
  add_failure (store, 2, "192.0.2.6", "microsoft-olc", "blocked", "2026-03-07T10:00:00Z");
  add_failure (store, 3, "192.0.2.4", "spamhaus-zen", "blocked", "2026-03-09T10:00:00Z");
  /* SBL: listed, no answer, delisted, listed again */
  add_check (store, "2026-03-02T06:00:00Z", "dnsbl", "192.0.2.2", "spamhaus-sbl", "Spamhaus SBL", "listed", NULL);
  add_check (store, "2026-03-03T06:00:00Z", "dnsbl", "192.0.2.2", "spamhaus-sbl", "Spamhaus SBL", "timeout", "no answer");
  add_check (store, "2026-03-04T06:00:00Z", "dnsbl", "192.0.2.2", "spamhaus-sbl", "Spamhaus SBL", "not-listed", NULL);
  add_check (store, "2026-03-08T06:00:00Z", "dnsbl", "192.0.2.2", "spamhaus-sbl", "Spamhaus SBL", "listed", NULL);
  add_check (store, "2026-03-10T06:00:00Z", "dnsbl", "192.0.2.2", "spamhaus-sbl", "Spamhaus SBL", "listed", NULL);
  /* SpamCop (not named by a bounce): listed, then delisted */
  add_check (store, "2026-03-02T06:00:00Z", "dnsbl", "192.0.2.2", "spamcop", "SpamCop", "listed", NULL);
  add_check (store, "2026-03-10T06:00:00Z", "dnsbl", "192.0.2.2", "spamcop", "SpamCop", "not-listed", NULL);
  /* Outlook.com: no DNS */
  add_check (store, "2026-03-10T06:00:00Z", "no-dns", "192.0.2.6", "microsoft-olc",
             "Microsoft (Outlook.com)", "not-checked", "private list");
  /* ZEN refuses this resolver: never "listed", with the fix */
  add_check (store, "2026-03-10T06:00:00Z", "dnsbl", "192.0.2.4", "spamhaus-zen", "Spamhaus ZEN",
             "refused", "Spamhaus answers 127.255.255.254 <b>");
  /* a check for an IP no failure of the report names is left out */
  add_check (store, "2026-03-10T06:00:00Z", "dnsbl", "198.51.100.1", "spamcop", "SpamCop", "listed", NULL);

  BsReportOptions o = { .lang = "en", .generated_at = unix_of ("2026-03-10T12:00:00Z") };
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  g_assert_true (bs_report_checks_text (read, &o, text, &error));
  g_assert_no_error (error);
  g_test_message ("%s", text->str);
  /* times in the page's own format, the zone (UTC by default) named once */
  g_assert_true (g_str_has_prefix (text->str, "Live checks (DNS), times in UTC:\n"));
  g_assert_nonnull (strstr (text->str, "listed again on Spamhaus SBL since 8 Mar 2026 06:00"
                                       " (delisted on 4 Mar 2026 06:00); still listed as of"
                                       " 10 Mar 2026 06:00"));
  g_assert_nonnull (strstr (text->str, "no longer listed on SpamCop as of 10 Mar 2026 06:00"
                                       " (delisted on 10 Mar 2026 06:00)"));
  g_assert_nonnull (strstr (text->str, "delisted by Microsoft (Outlook.com)? cannot be checked by"
                                       " DNS: the last bounce was 3 days ago"));
  g_assert_nonnull (strstr (text->str, "Spamhaus ZEN cannot be asked through this resolver"));
  g_assert_null (strstr (text->str, "198.51.100.1"));
  /* the refusal is not a listing, on no line */
  g_auto (GStrv) lines = g_strsplit (text->str, "\n", -1);
  for (gsize i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "Spamhaus ZEN") != NULL)
      g_assert_null (strstr (lines[i], " listed on"));

  /* the period of the report picks the IPs: before the Microsoft bounce */
  g_autoptr (BsHistoryFilter) until = bs_history_filter_new (NULL, "2026-03-05", NULL, NULL, NULL);
  BsReportOptions early = o;
  early.filter = until;
  g_string_truncate (text, 0);
  g_assert_true (bs_report_checks_text (read, &early, text, NULL));
  g_assert_null (strstr (text->str, "Microsoft"));
  g_assert_nonnull (strstr (text->str, "Spamhaus SBL"));

  /* HTML: one section, every value escaped */
  g_autoptr (GString) html = g_string_new (NULL);
  g_assert_true (bs_report_checks_html (read, &o, html, NULL));
  g_assert_nonnull (strstr (html->str, "<section id=\"checks\">"));
  g_assert_nonnull (strstr (html->str, "127.255.255.254 &lt;b&gt;"));
  g_assert_null (strstr (html->str, "<b>"));

  /* Japanese */
  BsReportOptions ja = o;
  ja.lang = "ja";
  g_string_truncate (text, 0);
  g_assert_true (bs_report_checks_text (read, &ja, text, NULL));
  g_assert_nonnull (strstr (text->str, "再登録"));
  g_assert_nonnull (strstr (text->str, "3 日前"));

  /* --tz: every time in the report's zone, as the rest of the page shows
   * it, in both languages; the zone named in the text and in the page */
  g_autoptr (BsHistoryFilter) tokyo = bs_history_filter_new (NULL, NULL, NULL, "Asia/Tokyo", NULL);
  g_assert_nonnull (tokyo);
  BsReportOptions local = o;
  local.filter = tokyo;
  g_string_truncate (text, 0);
  g_assert_true (bs_report_checks_text (read, &local, text, NULL));
  g_test_message ("%s", text->str);
  g_assert_true (g_str_has_prefix (text->str, "Live checks (DNS), times in Asia/Tokyo:\n"));
  g_assert_nonnull (strstr (text->str, "listed again on Spamhaus SBL since 8 Mar 2026 15:00"
                                       " (delisted on 4 Mar 2026 15:00); still listed as of"
                                       " 10 Mar 2026 15:00"));
  g_assert_nonnull (strstr (text->str, "192.0.2.2: 1 failure, last bounce 1 Mar 2026 17:00"));
  g_assert_null (strstr (text->str, "UTC"));
  g_string_truncate (html, 0);
  g_assert_true (bs_report_checks_html (read, &local, html, NULL));
  g_assert_nonnull (strstr (html->str, "times in Asia/Tokyo"));
  g_assert_nonnull (strstr (html->str, "as of 10 Mar 2026 15:00"));
  g_assert_null (strstr (html->str, "UTC"));
  local.lang = "ja";
  g_string_truncate (text, 0);
  g_assert_true (bs_report_checks_text (read, &local, text, NULL));
  g_test_message ("%s", text->str);
  g_assert_true (g_str_has_prefix (text->str, "DNS による現在の状態の確認（時刻は Asia/Tokyo）:\n"));
  g_assert_nonnull (strstr (text->str, "2026年3月10日 15:00 時点で登録中"));
  g_assert_nonnull (strstr (text->str, "2026年3月8日 15:00 から再登録"));
  g_assert_null (strstr (text->str, "UTC"));
}

static void
test_no_checks (Fixture *f, gconstpointer data)
{
  g_autoptr (BsStore) store = bs_store_open (f->db, NULL);
  add_failure (store, 1, "192.0.2.2", "spamhaus-sbl", "blocked", "2026-03-01T08:00:00Z");
  BsReportOptions o = { .lang = "en", .generated_at = 1 };
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, NULL);
  g_assert_true (bs_report_checks_html (read, &o, out, NULL));
  g_assert_true (bs_report_checks_text (read, &o, out, NULL));
  g_assert_cmpstr (out->str, ==, "");
}

static void
test_ago (void)
{
  gint64 now = unix_of ("2026-03-10T12:00:00Z");
  static const struct {
    const char *iso, *en, *ja;
  } cases[] = {
    { "2026-03-10T11:00:00Z", "less than a day ago", "1 日以内" },
    { "2026-03-09T11:00:00Z", "1 day ago", "1 日前" },
    { "2026-03-07T10:00:00Z", "3 days ago", "3 日前" },
    { "2027-01-01T00:00:00Z", "less than a day ago", "1 日以内" },
    { "garbage", "?", "?" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *en = bs_report_checks_ago (cases[i].iso, now, "en");
      g_autofree char *ja = bs_report_checks_ago (cases[i].iso, now, "ja");
      g_assert_cmpstr (en, ==, cases[i].en);
      g_assert_cmpstr (ja, ==, cases[i].ja);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/check/codes-have-meanings", test_codes_have_meanings);
  g_test_add_func ("/check/errors-never-listed", test_errors_never_listed);
  g_test_add_func ("/check/spamhaus-codes", test_spamhaus_codes);
  g_test_add_func ("/check/ids-cover-blocklists", test_ids_cover_blocklists);
  g_test_add_func ("/check/reverse-names", test_reverse_names);
  g_test_add_func ("/check/domains", test_domains);
  g_test_add_func ("/check/options", test_options);
  g_test_add_func ("/check/targets", test_targets);
  g_test_add_func ("/check/ago", test_ago);
  g_test_add ("/check/history", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/check/no-checks", Fixture, NULL, fixture_set_up, test_no_checks, fixture_tear_down);
  return g_test_run ();
}
