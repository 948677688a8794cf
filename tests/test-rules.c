/* test-rules.c - every row of every rule table (analyzer/rules/): its id is
 * well formed and unique, and its sample is decided by it
 *
 * A sample is what a remote server (or, for format rows, an MTA) writes.
 * It is classified as a bounce would give it: the reply code and status
 * read from its text, action "failed", the format (format rows) or the
 * provider's host or domain (provider rows) and the SMTP command a provider
 * row asks for.  Decisive rows must give their own rule id; rows that
 * decide nothing alone (the phrases that veto a group, blocklist and code
 * rows, provider hosts) must match their sample, and be the first of their
 * table to.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <glib.h>
#include <string.h>

#include "advice.h"
#include "classify.h"
#include "rules/rules.h"
#include "smtp.h"

typedef struct {
  const char *mta;          /* format name, or NULL */
  const char *remote;       /* remote MTA, or NULL */
  const char *domain;       /* recipient domain, or NULL: example.com */
  const char *command;      /* SMTP command, or NULL */
  const char *action;       /* NULL: failed */
} Context;

static BsRecord *
classify (const char *sample, const Context *x)
{
  BsRecord *r = bs_record_new ();
  bs_record_set (&r->diagnostic, sample);
  r->reply_code = bs_smtp_find_reply (sample);
  g_autofree char *status = bs_smtp_find_status (sample);
  if (status != NULL)
    {
      bs_record_set (&r->status, status);
      bs_record_set (&r->status_from, "text");
    }
  const char *domain = x->domain ? x->domain : "example.com";
  g_autofree char *rcpt = g_strconcat ("user@", domain, NULL);
  bs_record_set (&r->recipient, rcpt);
  bs_record_set (&r->destination, domain);
  bs_record_set (&r->remote_mta, x->remote);
  bs_record_set (&r->mta, x->mta);
  bs_record_set (&r->command, x->command);
  bs_record_set (&r->action, x->action ? x->action : "failed");
  bs_classify_record (NULL, r);
  return r;
}

/* does text hold p's pieces in order (as the classifier reads: lower case)? */
static gboolean
phrase_in (const BsPhrase *p, const char *text)
{
  if (p->piece[0] == NULL)
    return FALSE;
  g_autofree char *low = g_ascii_strdown (text, -1);
  const char *at = low;
  for (int i = 0; i < BS_RULE_PIECES && p->piece[i] != NULL; i++)
    {
      const char *hit = strstr (at, p->piece[i]);
      if (hit == NULL)
        return FALSE;
      at = hit + strlen (p->piece[i]);
    }
  return TRUE;
}

/* ---- ids ----------------------------------------------------------------- */

static gboolean
valid_id (const char *id)
{
  gboolean letter = FALSE;
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '.')
        return FALSE;
      letter |= g_ascii_islower (*p);
    }
  return letter && id[0] != '-' && id[strlen (id) - 1] != '-';
}

static void
add_id (GHashTable *seen, char *full)
{
  if (!g_hash_table_add (seen, full))
    g_error ("rule id %s is given to two rows", full);
}

static void
test_ids (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (gsize g = 0; g < bs_rules_n_phrase_groups; g++)
    {
      const BsPhraseGroup *grp = bs_rules_phrase_groups[g];
      const char *reason = bs_reason_name (grp->reason);
      for (gsize i = 0; i < grp->n_rows + grp->n_except; i++)
        {
          const BsPhraseRow *row = i < grp->n_rows ? &grp->rows[i] : &grp->except[i - grp->n_rows];
          if (!valid_id (row->id))
            g_error ("phrase row %s/%" G_GSIZE_FORMAT ": id \"%s\" is not letters, digits, '-' and '.'",
                     reason, i, row->id);
          add_id (seen, g_strdup_printf ("phrase:%s:%s", reason, row->id));
        }
    }
  for (gsize i = 0; i < bs_rules_n_delay_network; i++)
    {
      g_assert_true (valid_id (bs_rules_delay_network[i].id));
      add_id (seen, g_strdup_printf ("delay-network:%s", bs_rules_delay_network[i].id));
    }
  for (gsize i = 0; i < bs_rules_n_format; i++)
    {
      if (!valid_id (bs_rules_format[i].id))
        g_error ("format row %" G_GSIZE_FORMAT ": id \"%s\"", i, bs_rules_format[i].id);
      add_id (seen, g_strdup_printf ("format:%s", bs_rules_format[i].id));
    }
  for (gsize i = 0; i < bs_rules_n_provider; i++)
    {
      const BsProviderRule *p = &bs_rules_provider[i];
      if (!valid_id (p->id))
        g_error ("provider row %s/%" G_GSIZE_FORMAT ": id \"%s\"", p->provider, i, p->id);
      add_id (seen, g_strdup_printf ("rhost:%s:%s", p->provider, p->id));
    }
  for (gsize i = 0; i < bs_rules_n_status; i++)
    add_id (seen, g_strdup_printf ("status:%s", bs_rules_status[i].status));
  for (gsize i = 0; i < bs_rules_n_provider_hosts; i++)
    {
      const BsProviderHost *h = &bs_rules_provider_hosts[i];
      add_id (seen, h->host_suffix ? g_strdup_printf ("host:%s", h->host_suffix)
                                   : g_strdup_printf ("domain:%s", h->domain));
    }
  for (gsize i = 0; i < bs_rules_n_blocklist; i++)
    {
      g_assert_true (valid_id (bs_rules_blocklist[i].id));
      add_id (seen, g_strdup_printf ("blocklist:%s", bs_rules_blocklist[i].id));
    }
  for (gsize i = 0; i < bs_rules_n_codes; i++)
    add_id (seen, g_strdup_printf ("code:%s", bs_rules_codes[i].prefix));
  /* the rules named in the code, not in a table */
  static const char *const named[] = {
    "phrase:filtered:userunknown-after-data", "phrase:vacation", "status-class:x.6",
    "status-class:x.7", "diagnostic-type:x-unix", "reply:50x", "action:delayed",
    "command:connection", "fallback:onhold", "fallback:undefined",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
    add_id (seen, g_strdup (named[i]));
}

/* ---- samples ------------------------------------------------------------- */

static guint failed;

/* the context a provider's rows are tried in: its first domain, else the
 * sample of its first host */
static Context
provider_context (const char *provider)
{
  Context x = { 0 };
  for (gsize i = 0; i < bs_rules_n_provider_hosts; i++)
    {
      const BsProviderHost *h = &bs_rules_provider_hosts[i];
      if (strcmp (h->provider, provider) != 0)
        continue;
      if (h->domain != NULL && x.domain == NULL)
        x.domain = h->domain;
      else if (x.remote == NULL)
        x.remote = h->sample;
    }
  return x;
}

/* a row that decides a reason: the rule id it gives, a positional id an
 * older version gave it (NULL: none), its sample and the context */
typedef struct {
  char *rule;
  char *old;
  const char *sample;
  Context x;
} Decisive;

static void
decisive_clear (Decisive *d)
{
  g_free (d->rule);
  g_free (d->old);
}

static void
add (GArray *rows, char *rule, char *old, const char *sample, Context x)
{
  Decisive d = { rule, old, sample, x };
  g_array_append_val (rows, d);
}

/* every decisive row of table: "phrase" (the delay rows with them),
 * "format", "status" or "provider" */
static GArray *
decisive_rows (const char *table)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Decisive));
  g_array_set_clear_func (rows, (GDestroyNotify) decisive_clear);
  Context none = { 0 }, delayed = { .action = "delayed" };
  if (strcmp (table, "phrase") == 0)
    {
      for (gsize g = 0; g < bs_rules_n_phrase_groups; g++)
        {
          const BsPhraseGroup *grp = bs_rules_phrase_groups[g];
          const char *reason = bs_reason_name (grp->reason);
          for (gsize i = 0; grp->reason != BS_REASON_VACATION && i < grp->n_rows; i++)
            add (rows, g_strdup_printf ("phrase:%s:%s", reason, grp->rows[i].id),
                 g_strdup_printf ("phrase:%s:7", reason), grp->rows[i].sample, none);
        }
      for (gsize i = 0; i < bs_rules_n_delay_network; i++)
        add (rows, g_strdup_printf ("delay-network:%s", bs_rules_delay_network[i].id),
             g_strdup ("delay-network:1"), bs_rules_delay_network[i].sample, delayed);
    }
  for (gsize i = 0; strcmp (table, "format") == 0 && i < bs_rules_n_format; i++)
    {
      const BsFormatRule *f = &bs_rules_format[i];
      Context x = { .mta = f->mta };
      add (rows, g_strdup_printf ("format:%s", f->id), g_strdup ("format:12"), f->sample, x);
    }
  for (gsize i = 0; strcmp (table, "status") == 0 && i < bs_rules_n_status; i++)
    add (rows, g_strdup_printf ("status:%s", bs_rules_status[i].status), NULL,
         bs_rules_status[i].sample, none);
  for (gsize i = 0; strcmp (table, "provider") == 0 && i < bs_rules_n_provider; i++)
    {
      const BsProviderRule *p = &bs_rules_provider[i];
      Context x = provider_context (p->provider);
      x.command = p->command;
      add (rows, g_strdup_printf ("rhost:%s:%s", p->provider, p->id),
           g_strdup_printf ("rhost:%s:3", p->provider), p->sample, x);
    }
  return rows;
}

/* every decisive row of table: its sample gives its rule id */
static void
samples_decided (const char *table)
{
  g_autoptr (GArray) rows = decisive_rows (table);
  for (guint i = 0; i < rows->len; i++)
    {
      const Decisive *d = &g_array_index (rows, Decisive, i);
      if (d->sample == NULL)
        {
          g_printerr ("%s: no sample\n", d->rule);
          failed++;
          continue;
        }
      g_autoptr (BsRecord) r = classify (d->sample, &d->x);
      if (g_strcmp0 (r->rule, d->rule) != 0)
        {
          g_printerr ("%s: sample decided by %s (%s)\n  %s\n", d->rule, r->rule,
                      bs_reason_name (r->reason), d->sample);
          failed++;
        }
    }
}

static void
test_phrases (void)
{
  failed = 0;
  samples_decided ("phrase");
  Context none = { 0 };
  for (gsize g = 0; g < bs_rules_n_phrase_groups; g++)
    {
      const BsPhraseGroup *grp = bs_rules_phrase_groups[g];
      const char *reason = bs_reason_name (grp->reason);
      /* only the last resort reads the vacation phrases */
      for (gsize i = 0; grp->reason == BS_REASON_VACATION && i < grp->n_rows; i++)
        {
          g_autoptr (BsRecord) r = classify (grp->rows[i].sample, &none);
          if (r->reason != BS_REASON_VACATION || !phrase_in (&grp->rows[i].text, grp->rows[i].sample))
            {
              g_printerr ("phrase:%s:%s: sample is not read as vacation by it\n", reason, grp->rows[i].id);
              failed++;
            }
        }
      for (gsize i = 0; i < grp->n_except; i++)
        {
          const BsPhraseRow *row = &grp->except[i];
          if (row->sample == NULL || !phrase_in (&row->text, row->sample))
            {
              g_printerr ("phrase:%s:%s: the except row does not match its sample\n", reason, row->id);
              failed++;
            }
        }
    }
  g_assert_cmpuint (failed, ==, 0);
}

static void
test_formats (void)
{
  failed = 0;
  samples_decided ("format");
  g_assert_cmpuint (failed, ==, 0);
}

static void
test_statuses (void)
{
  failed = 0;
  samples_decided ("status");
  for (gsize i = 0; i < bs_rules_n_status; i++)
    {
      const BsStatusRule *s = &bs_rules_status[i];
      g_autofree char *got = s->sample ? bs_smtp_find_status (s->sample) : NULL;
      if (g_strcmp0 (got, s->status) != 0)
        {
          g_printerr ("status:%s: the sample's status is %s\n", s->status, got);
          failed++;
        }
    }
  g_assert_cmpuint (failed, ==, 0);
}

static void
test_providers (void)
{
  failed = 0;
  samples_decided ("provider");
  for (gsize i = 0; i < bs_rules_n_provider_hosts; i++)
    {
      const BsProviderHost *h = &bs_rules_provider_hosts[i];
      g_assert_nonnull (h->sample);
      g_autofree char *low = g_ascii_strdown (h->sample, -1);
      const char *got = h->domain ? bs_classify_provider_of ("", low) : bs_classify_provider_of (low, "");
      if (g_strcmp0 (got, h->provider) != 0)
        {
          g_printerr ("provider %s: %s %s gives %s\n", h->provider, h->domain ? "domain" : "host",
                      h->sample, got);
          failed++;
        }
    }
  g_assert_cmpuint (failed, ==, 0);
}

static void
test_blocklists (void)
{
  failed = 0;
  Context x = { 0 };
  for (gsize i = 0; i < bs_rules_n_blocklist; i++)
    {
      const BsBlocklistRule *b = &bs_rules_blocklist[i];
      gsize first = bs_rules_n_blocklist;
      for (gsize k = 0; b->sample != NULL && k < bs_rules_n_blocklist && first == bs_rules_n_blocklist; k++)
        if (phrase_in (&bs_rules_blocklist[k].text, b->sample))
          first = k;
      g_autoptr (BsRecord) r = b->sample ? classify (b->sample, &x) : NULL;
      if (first != i || r == NULL || g_strcmp0 (r->blocklist, b->blocklist) != 0)
        {
          g_printerr ("blocklist:%s: sample first matched by row %" G_GSIZE_FORMAT " (not %" G_GSIZE_FORMAT
                      "), gives %s\n  %s\n", b->id, first, i, r ? r->blocklist : "-", b->sample);
          failed++;
        }
    }
  for (gsize i = 0; i < bs_rules_n_codes; i++)
    {
      const BsCodeRule *c = &bs_rules_codes[i];
      g_autofree char *code = c->sample ? bs_classify_provider_code (c->sample) : NULL;
      gsize first = bs_rules_n_codes;
      for (gsize k = 0; code != NULL && k < bs_rules_n_codes && first == bs_rules_n_codes; k++)
        if (g_str_has_prefix (code, bs_rules_codes[k].prefix))
          first = k;
      g_autoptr (BsRecord) r = c->sample ? classify (c->sample, &x) : NULL;
      gboolean list_ok = r != NULL
                         && (g_strcmp0 (r->blocklist, c->blocklist) == 0
                             || (g_strcmp0 (c->blocklist, "microsoft") == 0 && r->blocklist != NULL
                                 && g_str_has_prefix (r->blocklist, "microsoft-")));
      if (first != i || !list_ok)
        {
          g_printerr ("code:%s: sample's code %s first matched by row %" G_GSIZE_FORMAT ", gives %s\n  %s\n",
                      c->prefix, code, first, r ? r->blocklist : "-", c->sample);
          failed++;
        }
    }
  g_assert_cmpuint (failed, ==, 0);
}

/* an old positional id ("phrase:blocked:22") is found again as the row
 * that decided: for every decisive row's sample, the id its record had
 * once is read back as the row's own */
static void
test_old_ids (void)
{
  failed = 0;
  static const char *const tables[] = { "phrase", "format", "provider" };
  for (gsize t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr (GArray) rows = decisive_rows (tables[t]);
      for (guint i = 0; i < rows->len; i++)
        {
          const Decisive *d = &g_array_index (rows, Decisive, i);
          if (d->sample == NULL)
            continue;   /* test_phrases ... say so */
          g_autoptr (BsRecord) r = classify (d->sample, &d->x);
          bs_record_set (&r->rule, d->old);
          g_autofree char *got = bs_classify_stable_rule_id (r);
          if (g_strcmp0 (got, d->rule) != 0)
            {
              g_printerr ("%s read back as %s, not %s\n", d->old, got, d->rule);
              failed++;
            }
        }
    }
  /* not positional, or unknown: no new id */
  g_autoptr (BsRecord) r = bs_record_new ();
  static const char *const kept[] = { "status:5.1.1", "phrase:filtered:userunknown-after-data",
                                      "phrase:blocked:blocked-using", "user:mine", "phrase:nosuch:3",
                                      "rhost:nosuch:1", "format:", NULL };
  for (gsize i = 0; kept[i] != NULL; i++)
    {
      bs_record_set (&r->rule, kept[i]);
      g_assert_null (bs_classify_stable_rule_id (r));
    }
  g_assert_cmpuint (failed, ==, 0);
}

/* the advice's special case: every carrier domain row gives it for its
 * sample recipient's "Unknown user" */
static void
test_advice_special (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (gsize i = 0; i < bs_advice_n_carrier_domains; i++)
    {
      const BsAdviceDomain *d = &bs_advice_carrier_domains[i];
      g_assert_true (g_hash_table_add (seen, (gpointer) d->domain));
      g_autoptr (BsRecord) r = bs_record_new ();
      r->reason = BS_REASON_USERUNKNOWN;
      bs_record_set (&r->recipient, d->sample);
      g_assert_cmpstr (bs_advice_key (r), ==, "carrier-unknown-user");
    }
}

/* every refusing system the rules name (blocklists, provider codes, the
 * advice's blocklist keys) has a name in both languages */
static void
test_system_labels (void)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  for (gsize i = 0; i < bs_rules_n_blocklist; i++)
    g_ptr_array_add (ids, (gpointer) bs_rules_blocklist[i].blocklist);
  for (gsize i = 0; i < bs_rules_n_codes; i++)
    if (bs_rules_codes[i].blocklist != NULL)
      g_ptr_array_add (ids, (gpointer) bs_rules_codes[i].blocklist);
  gsize n = 0;
  const char *const *keys = bs_advice_keys (&n);
  for (gsize i = 0; i < n; i++)
    if (bs_reason_from_name (keys[i]) == BS_REASON_NONE && strcmp (keys[i], "carrier-unknown-user") != 0)
      g_ptr_array_add (ids, (gpointer) keys[i]);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      if (bs_system_label (id, "en") == NULL || bs_system_label (id, "ja") == NULL)
        g_error ("the system %s has no name", id);
    }
  g_assert_cmpstr (bs_system_label ("microsoft-olc", "ja"), ==, "Outlook.com / Hotmail");
  g_assert_null (bs_system_label ("a-list-of-the-users-own", "en"));
  g_assert_null (bs_system_label (NULL, "en"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rules/system-labels", test_system_labels);
  g_test_add_func ("/rules/ids", test_ids);
  g_test_add_func ("/rules/phrases", test_phrases);
  g_test_add_func ("/rules/formats", test_formats);
  g_test_add_func ("/rules/statuses", test_statuses);
  g_test_add_func ("/rules/providers", test_providers);
  g_test_add_func ("/rules/blocklists", test_blocklists);
  g_test_add_func ("/rules/old-ids", test_old_ids);
  g_test_add_func ("/rules/advice-special", test_advice_special);
  return g_test_run ();
}
