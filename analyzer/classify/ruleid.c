/* ruleid.c - the rule ids older versions wrote, read again as stable ones
 *
 * Before rows had ids of their own, a rule id was the row's position
 * ("phrase:blocked:22", "format:51", "rhost:google:45", "delay-network:1"),
 * and a row inserted in a table re-pointed the ids after it: a history
 * holds ids of whatever table its scans had.  The row is found again by
 * what it matched, not by its number: a phrase row by the evidence kept
 * with the id (the text from its first piece to its last), a format,
 * provider or delay row by the stored facts (reason, status, reply,
 * command, format, diagnostic), as the classification chose it.  The
 * history's upgrade to schema 7 calls this for every such id.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "internal.h"

#include <string.h>

#include "../bs.h"
#include "../find.h"

/* an old id: prefix, then (for phrase and rhost) a name and ':', then digits */
static gboolean
positional (const char *rule, const char *prefix, char **name)
{
  gsize n = strlen (prefix);
  if (strncmp (rule, prefix, n) != 0)
    return FALSE;
  const char *p = rule + n;
  if (name != NULL)
    {
      const char *colon = strchr (p, ':');
      if (colon == NULL || colon == p)
        return FALSE;
      *name = g_strndup (p, (gsize) (colon - p));
      p = colon + 1;
    }
  gboolean digits = *p != '\0';
  for (; *p; p++)
    digits &= g_ascii_isdigit (*p);
  if (!digits && name != NULL)
    g_clear_pointer (name, g_free);
  return digits;
}

/* does evidence (the stored span, its ends trimmed) begin with p's first
 * piece, hold the others in order and end with the last (unless cut at its
 * bound)?  Only the outer ends of the pieces are trimmed as the span was. */
static gboolean
evidence_is (const char *evidence, const BsPhrase *p)
{
  int n_pieces = 1;
  while (n_pieces < BS_RULE_PIECES && p->piece[n_pieces] != NULL)
    n_pieces++;
  g_autofree char *first = g_strchug (g_strdup (p->piece[0]));
  g_autofree char *last = g_strchomp (g_strdup (p->piece[n_pieces - 1]));
  if (n_pieces == 1)
    g_strchomp (first);
  if (*first == '\0' || strncmp (evidence, first, strlen (first)) != 0)
    return FALSE;
  const char *at = evidence + strlen (first);
  for (int i = 1; i < n_pieces; i++)
    {
      const char *piece = i == n_pieces - 1 ? last : p->piece[i];
      const char *hit = strstr (at, piece);
      if (hit == NULL)
        return FALSE;
      at = hit + strlen (piece);
    }
  gsize len = strlen (evidence), n = strlen (n_pieces == 1 ? first : last);
  return len >= 190 || (len >= n && strcmp (evidence + len - n, n_pieces == 1 ? first : last) == 0);
}

static char *
phrase_id (const char *group, const char *evidence)
{
  BsReason reason = bs_reason_from_name (group);
  if (reason == BS_REASON_NONE || evidence == NULL)
    return NULL;
  for (gsize g = 0; g < bs_rules_n_phrase_groups; g++)
    {
      const BsPhraseGroup *grp = bs_rules_phrase_groups[g];
      if (grp->reason != reason)
        continue;
      for (gsize i = 0; i < grp->n_rows; i++)
        if (evidence_is (evidence, &grp->rows[i].text))
          return g_strdup_printf ("phrase:%s:%s", group, grp->rows[i].id);
    }
  return NULL;
}

static char *
format_id (const Ctx *c, BsReason reason)
{
  for (gsize i = 0; i < bs_rules_n_format; i++)
    {
      const BsFormatRule *f = &bs_rules_format[i];
      if (f->reason != reason || (f->mta != NULL && bs_strstr (c->mta, f->mta) == NULL))
        continue;
      if ((f->text.piece[0] != NULL && f->text.piece[0][0] == '\0')
          || bs_ctx_find (c, &f->text, bs_filter_format (i), NULL) != NULL)
        return g_strdup_printf ("format:%s", f->id);
    }
  return NULL;
}

static char *
provider_id (Ctx *c, const char *provider, BsReason reason)
{
  c->provider = provider;
  for (gsize i = 0; i < bs_rules_n_provider; i++)
    {
      const char *at, *end;
      if (bs_rules_provider[i].reason == reason && bs_classify_provider_row (c, i, &at, &end))
        return g_strdup_printf ("rhost:%s:%s", provider, bs_rules_provider[i].id);
    }
  return NULL;
}

static char *
delay_id (const Ctx *c)
{
  for (gsize i = 0; i < bs_rules_n_delay_network; i++)
    if (bs_classify_phrase_find (c->diag, &bs_rules_delay_network[i].text, NULL) != NULL)
      return g_strdup_printf ("delay-network:%s", bs_rules_delay_network[i].id);
  return NULL;
}

char *
bs_classify_stable_rule_id (const BsRecord *r)
{
  if (r == NULL || r->rule == NULL)
    return NULL;
  g_autofree char *name = NULL;
  if (positional (r->rule, "phrase:", &name))
    return phrase_id (name, r->evidence);
  gboolean format = positional (r->rule, "format:", NULL);
  gboolean rhost = !format && positional (r->rule, "rhost:", &name);
  gboolean delay = !format && !rhost && positional (r->rule, "delay-network:", NULL);
  if (!format && !rhost && !delay)
    return NULL;
  /* the facts as the classification saw them (its context of the record) */
  g_autoptr (BsRecord) copy = bs_record_copy (r);
  Ctx c;
  bs_ctx_init (&c, NULL, copy);
  char *id = NULL;
  if (format)
    id = format_id (&c, r->reason);
  else if (rhost)
    {
      const char *known = NULL;
      for (gsize i = 0; i < bs_rules_n_provider && known == NULL; i++)
        if (strcmp (bs_rules_provider[i].provider, name) == 0)
          known = bs_rules_provider[i].provider;
      id = known ? provider_id (&c, known, r->reason) : NULL;
    }
  else
    id = delay_id (&c);
  bs_ctx_clear (&c);
  return id;
}
