/* test-advice.c - advice tables: every reason and blocklist, both languages
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <glib.h>
#include <string.h>

#include "advice.h"
#include "rules/rules.h"

/* public pages the advice may name (../shared/reference/field-notes.md) */
static const char *const allowed_urls[] = {
  "https://check.spamhaus.org/",
  "https://www.spamcop.net/bl.shtml",
  "https://barracudacentral.org/",
  "https://www.uceprotect.net/en/rblcheck.php",
  "https://psbl.org/",
  "https://mailspike.org/lookup.html",
  "https://spamrats.com/removal.php",
  "https://www.invaluement.com/",
  "https://ipcheck.proofpoint.com/",
  "https://csi.cloudmark.com/",
  "https://support.microsoft.com/supportrequestform/8ad563e3-288e-2a61-8122-3ba03d6b8d75",
  "https://sender.office.com/",
  "https://support.google.com/mail/answer/81126",
  "https://senders.yahooinc.com/smtp-error-codes/",
  "https://support.apple.com/en-us/102322",
};

static gboolean
has_japanese (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff))
        return TRUE;
    }
  return FALSE;
}

static void
check_key (const char *key)
{
  const BsAdvice *en = bs_advice_for (key, "en");
  const BsAdvice *ja = bs_advice_for (key, "ja");
  if (en == NULL || ja == NULL)
    g_error ("no advice for %s (en %p, ja %p)", key, (void *) en, (void *) ja);
  g_assert_cmpstr (en->lang, ==, "en");
  g_assert_cmpstr (ja->lang, ==, "ja");
  g_assert_cmpint (en->kind, ==, ja->kind);
  g_assert_cmpstr (en->url, ==, ja->url);
  const char *fields[] = { en->title, en->explanation, en->next_step, ja->title, ja->explanation, ja->next_step };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_assert_nonnull (fields[i]);
      g_assert_cmpuint (strlen (fields[i]), >, 5);
      g_assert_true (g_utf8_validate (fields[i], -1, NULL));
    }
  g_assert_false (has_japanese (en->explanation));
  g_assert_false (has_japanese (en->next_step));
  if (!has_japanese (ja->title) || !has_japanese (ja->explanation) || !has_japanese (ja->next_step))
    g_error ("%s: Japanese advice is not Japanese", key);
  /* polite form: the explanation and the next step end in です/ます style */
  const char *polite[] = { ja->explanation, ja->next_step };
  for (gsize i = 0; i < G_N_ELEMENTS (polite); i++)
    if (strstr (polite[i], "ます") == NULL && strstr (polite[i], "です") == NULL
        && strstr (polite[i], "ません") == NULL && strstr (polite[i], "ました") == NULL
        && strstr (polite[i], "ください") == NULL)
      g_error ("%s: Japanese text not in です/ます form: %s", key, polite[i]);
  if (en->url != NULL)
    {
      gboolean ok = FALSE;
      for (gsize i = 0; i < G_N_ELEMENTS (allowed_urls); i++)
        ok |= strcmp (allowed_urls[i], en->url) == 0;
      if (!ok)
        g_error ("%s: page %s is not from the field notes", key, en->url);
    }
  /* no advice sends anyone to SORBS, which is gone */
  g_assert_null (strstr (en->next_step, "sorbs.net"));
  g_assert_true (en->url == NULL || strstr (en->url, "sorbs") == NULL);
}

static void
test_reasons (void)
{
  for (int r = BS_REASON_NONE + 1; r < BS_REASON_COUNT; r++)
    check_key (bs_reason_name ((BsReason) r));
}

static void
test_blocklists (void)
{
  for (gsize i = 0; i < bs_rules_n_blocklist_ids; i++)
    check_key (bs_rules_blocklist_ids[i]);
  /* every blocklist a rule can give has an id with advice */
  for (gsize i = 0; i < bs_rules_n_blocklist; i++)
    g_assert_nonnull (bs_advice_for (bs_rules_blocklist[i].blocklist, "ja"));
  for (gsize i = 0; i < bs_rules_n_codes; i++)
    if (bs_rules_codes[i].blocklist && strcmp (bs_rules_codes[i].blocklist, "microsoft") != 0)
      g_assert_nonnull (bs_advice_for (bs_rules_codes[i].blocklist, "en"));
}

static void
test_special (void)
{
  check_key ("carrier-unknown-user");
  const BsAdvice *sorbs = bs_advice_for ("sorbs", "en");
  g_assert_null (sorbs->url);
  g_assert_nonnull (strstr (sorbs->explanation, "2024"));
  gsize n = 0;
  const char *const *keys = bs_advice_keys (&n);
  g_assert_cmpuint (n, ==, (BS_REASON_COUNT - 1) + bs_rules_n_blocklist_ids + 1);
  for (gsize i = 0; i < n; i++)
    check_key (keys[i]);
  g_assert_null (keys[n]);
}

static void
test_lang (void)
{
  g_assert_cmpstr (bs_advice_for ("blocked", "ja_JP.UTF-8")->lang, ==, "ja");
  g_assert_cmpstr (bs_advice_for ("blocked", "JA")->lang, ==, "ja");
  g_assert_cmpstr (bs_advice_for ("blocked", NULL)->lang, ==, "en");
  g_assert_cmpstr (bs_advice_for ("blocked", "fr")->lang, ==, "en");
  g_assert_null (bs_advice_for ("no-such-key", "en"));
  g_assert_null (bs_advice_for (NULL, "en"));
}

static void
test_key_for_record (void)
{
  g_autoptr (BsRecord) r = bs_record_new ();
  r->reason = bs_reason_from_name ("userunknown");
  bs_record_set (&r->recipient, "user@docomo.ne.jp");
  bs_record_set (&r->destination, "docomo.ne.jp");
  g_assert_cmpstr (bs_advice_key (r), ==, "carrier-unknown-user");
  bs_record_set (&r->destination, "mail.ezweb.ne.jp");
  g_assert_cmpstr (bs_advice_key (r), ==, "carrier-unknown-user");
  /* SoftBank's "Invalid recipient" is no filter: a dead address */
  bs_record_set (&r->destination, "i.softbank.jp");
  g_assert_cmpstr (bs_advice_key (r), ==, "userunknown");
  bs_record_set (&r->destination, "notdocomo.ne.jp");
  g_assert_cmpstr (bs_advice_key (r), ==, "userunknown");
  bs_record_set (&r->destination, "example.jp");
  g_assert_cmpstr (bs_advice_key (r), ==, "userunknown");
  r->reason = bs_reason_from_name ("blocked");
  bs_record_set (&r->blocklist, "spamhaus-pbl");
  g_assert_cmpstr (bs_advice_key (r), ==, "spamhaus-pbl");
  bs_record_set (&r->blocklist, "a-list-of-the-users-own");
  g_assert_cmpstr (bs_advice_key (r), ==, "blocked");
  r->reason = bs_reason_from_name ("no-such-reason");
  bs_record_set (&r->blocklist, NULL);
  g_assert_cmpstr (bs_advice_key (r), ==, "undefined");
  g_assert_cmpstr (bs_advice_key (NULL), ==, "undefined");
}

/* an incident's next step: the same advice, its "meanwhile" about the
 * affected customers' mail; a record's (explain) about its recipient */
static void
test_incident_step (void)
{
  const char *keys[] = { "blocked", "spamhaus-zen", "microsoft-olc" };
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const BsAdvice *en = bs_advice_for (keys[i], "en"), *ja = bs_advice_for (keys[i], "ja");
      g_assert_nonnull (en);
      g_assert_cmpstr (bs_advice_next_step (en, FALSE), ==, en->next_step);
      const char *step = bs_advice_next_step (en, TRUE);
      if (g_str_has_suffix (en->next_step, "mail to this recipient can go out through another SMTP relay"
                                           " (your provider's or a mail-sending service)."))
        {
          g_assert_true (g_str_has_suffix (step, "Meanwhile, the affected customers' mail can go out"
                                                 " through another SMTP relay (your provider's or a"
                                                 " mail-sending service)."));
          g_assert_null (strstr (step, "this recipient"));
          /* the rest of the step unchanged */
          gsize head = (gsize) (strstr (step, "Meanwhile") - step);
          g_assert_true (strncmp (step, en->next_step, head) == 0);
          g_assert_true (g_str_has_prefix (en->next_step + head, "Meanwhile, mail to this recipient"));
          g_assert_nonnull (strstr (bs_advice_next_step (ja, TRUE), "影響を受けた顧客のメールを別の SMTP リレー"));
          g_assert_null (strstr (bs_advice_next_step (ja, FALSE), "影響を受けた顧客"));
        }
      else
        g_assert_cmpstr (step, ==, en->next_step);
    }
  g_assert_true (g_str_has_suffix (bs_advice_next_step (bs_advice_for ("blocked", "en"), TRUE),
                                   "the affected customers' mail can go out through another SMTP relay"
                                   " (your provider's or a mail-sending service)."));
  /* advice with no such sentence keeps its step */
  const BsAdvice *unknown = bs_advice_for ("userunknown", "en");
  g_assert_cmpstr (bs_advice_next_step (unknown, TRUE), ==, unknown->next_step);
  g_assert_null (bs_advice_next_step (NULL, TRUE));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/advice/reasons", test_reasons);
  g_test_add_func ("/advice/blocklists", test_blocklists);
  g_test_add_func ("/advice/special", test_special);
  g_test_add_func ("/advice/lang", test_lang);
  g_test_add_func ("/advice/key-for-record", test_key_for_record);
  g_test_add_func ("/advice/incident-step", test_incident_step);
  return g_test_run ();
}
