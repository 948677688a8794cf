/* provider.c - the providers' own rules (rules/rhost.c)
 *
 * Which provider a record is about, by the recipient's domain first, then
 * the remote MTA's name (Sisimai 5's order); then that provider's rules in
 * order: the first whose every given field (reply, status or its range,
 * provider code number, SMTP command, text) matches decides.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "internal.h"

#include <string.h>

const char *
bs_classify_provider_of (const char *rhost, const char *domain)
{
  /* the recipient's domain first, then the remote host (Sisimai 5) */
  if (domain[0])
    for (gsize i = 0; i < bs_rules_n_provider_hosts; i++)
      if (bs_rules_provider_hosts[i].domain && bs_domain_is (domain, bs_rules_provider_hosts[i].domain))
        return bs_rules_provider_hosts[i].provider;
  if (rhost[0])
    for (gsize i = 0; i < bs_rules_n_provider_hosts; i++)
      if (bs_rules_provider_hosts[i].host_suffix
          && bs_host_has_suffix (rhost, bs_rules_provider_hosts[i].host_suffix))
        return bs_rules_provider_hosts[i].provider;
  return NULL;
}

gboolean
bs_status_in (const char *status, const char *want, guint lo, guint hi)
{
  if (want == NULL)
    return TRUE;
  if (status[0] == '\0')
    return FALSE;
  gsize n = strlen (want);
  if (want[n - 1] != '.')
    return strcmp (status, want) == 0;
  if (strncmp (status, want, n) != 0)
    return FALSE;
  const char *p = status + n;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  guint v = 0;
  for (int i = 0; i < 4 && g_ascii_isdigit (*p); i++, p++)
    v = v * 10 + (guint) (*p - '0');
  return *p == '\0' && v >= lo && v <= hi;
}

gboolean
bs_classify_provider_row (const Ctx *c, gsize i, const char **at, const char **end)
{
  const BsProviderRule *p = &bs_rules_provider[i];
  *at = *end = NULL;
  if (p->provider[0] != c->provider[0] || strcmp (p->provider, c->provider) != 0)
    return FALSE;
  if (p->reply && p->reply != c->reply)
    return FALSE;
  if (p->code != BS_CODE_NONE)
    {
      long v = bs_classify_code_number (c->diag, p->code);
      if (v < 0 || (guint) v < p->lo || (guint) v > p->hi)
        return FALSE;
    }
  else if (!bs_status_in (c->status, p->status, p->lo, p->hi))
    return FALSE;
  if (p->command && strcmp (p->command, c->command) != 0)
    return FALSE;
  if (p->text.piece[0] == NULL)
    return TRUE;
  return c->diag[0] != '\0' && (*at = bs_ctx_find (c, &p->text, bs_filter_provider (i), end)) != NULL;
}

gboolean
bs_classify_provider_rules (Ctx *c)
{
  for (gsize i = 0; i < bs_rules_n_provider; i++)
    {
      const BsProviderRule *p = &bs_rules_provider[i];
      const char *at, *end;
      if (!bs_classify_provider_row (c, i, &at, &end))
        continue;
      char *ev = at ? bs_evidence_at (at, end) : g_strdup (c->status[0] ? c->status : c->provider);
      bs_ctx_decide (c, p->reason, g_strdup_printf ("rhost:%s:%s", c->provider, p->id), ev);
      return TRUE;
    }
  return FALSE;
}
