/* blocklist.c - which blocklist or reputation system refused the mail
 *
 * The first row of rules/blocklists.c whose text the diagnostic holds;
 * else the system behind the provider code (rules/blocklists.c's codes,
 * with Spectrum's and Orange's numbers and Microsoft's two systems told
 * apart); else, for a refusal of the provider's own (a reason whose row
 * says so), the provider's own reputation system.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "internal.h"

#include <string.h>

#include "../find.h"

static gboolean
microsoft_consumer (const Ctx *c)
{
  static const char *const consumer[] = { "outlook.com", "hotmail.com", "live.com", "msn.com" };
  if (bs_strstr (c->rhost, ".olc.protection.outlook.com") != NULL || bs_host_has_suffix (c->rhost, ".hotmail.com"))
    return TRUE;
  if (bs_strstr (c->rhost, ".mail.protection.outlook.com") != NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (consumer); i++)
    if (c->domain[0] && bs_domain_is (c->domain, consumer[i]))
      return TRUE;
  if (g_str_has_prefix (c->domain, "hotmail.") || g_str_has_prefix (c->domain, "live.")
      || g_str_has_prefix (c->domain, "outlook."))
    return TRUE;
  return bs_strstr (c->rhost, "protection.outlook.com") == NULL;
}

static const char *
blocklist_of_code (const Ctx *c, const char *code)
{
  if (code == NULL)
    return NULL;
  /* Spectrum's numbers and Orange's last three digits name a list */
  if (c->provider && strcmp (c->provider, "spectrum") == 0)
    {
      long v = bs_classify_code_number (c->diag, BS_CODE_AUP);
      if (v >= 1200 && v <= 1210)
        return "cloudmark";
      if (v >= 1220 && v <= 1250)
        return "spamhaus-zen";
      return "spectrum";
    }
  if (g_str_has_prefix (code, "LPN") || g_str_has_prefix (code, "OFR") || g_str_has_prefix (code, "OUK"))
    {
      gsize n = strlen (code);
      if (n >= 3 && strcmp (code + n - 3, "101") == 0)
        return "spamhaus-zen";
      if (n >= 3 && strcmp (code + n - 3, "102") == 0)
        return "cloudmark";
      return "orange";
    }
  for (gsize i = 0; i < bs_rules_n_codes; i++)
    if (g_str_has_prefix (code, bs_rules_codes[i].prefix))
      {
        const char *b = bs_rules_codes[i].blocklist;
        if (b && strcmp (b, "microsoft") == 0)
          return microsoft_consumer (c) ? "microsoft-olc" : "microsoft-eop";
        return b;
      }
  return NULL;
}

const char *
bs_classify_blocklist (const Ctx *c, const char *code)
{
  for (gsize i = 0; c->diag[0] && i < bs_rules_n_blocklist; i++)
    if (bs_ctx_find (c, &bs_rules_blocklist[i].text, bs_filter_blocklist (i), NULL) != NULL)
      return bs_rules_blocklist[i].blocklist;
  const char *b = blocklist_of_code (c, code);
  if (b != NULL)
    return b;
  if (c->provider == NULL)
    return NULL;
  if (strcmp (c->provider, "microsoft") == 0)
    {
      if (bs_status_in (c->status, "5.7.", 606, 649) || strcmp (c->status, "5.7.511") == 0)
        return "microsoft-eop";
      if (strcmp (c->status, "5.7.513") == 0 || strcmp (c->status, "5.7.507") == 0)
        return "recipient-blocklist";
    }
  if (!bs_reason_provider_refused (c->reason))
    return NULL;
  static const struct {
    const char *provider, *blocklist;
  } own[] = {
    { "google", "gmail" }, { "yahoo", "yahoo" }, { "aol", "yahoo" }, { "apple", "apple-icloud" },
    { "cox", "cox" }, { "godaddy", "godaddy" }, { "spectrum", "spectrum" }, { "franceptt", "orange" },
  };
  if (strcmp (c->provider, "microsoft") == 0)
    return microsoft_consumer (c) ? "microsoft-olc" : "microsoft-eop";
  for (gsize i = 0; i < G_N_ELEMENTS (own); i++)
    if (strcmp (own[i].provider, c->provider) == 0)
      return own[i].blocklist;
  return NULL;
}
