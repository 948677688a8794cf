/* phrase.c - the phrase search: a record's diagnostic against the rows of
 * the rule tables
 *
 * The hot path of a dump.  Every row's first piece gives three byte pairs
 * (first, middle, last), computed once; a row whose pairs do not all occur
 * in the diagnostic cannot match, and strstr is not called.  A search
 * starts where the row's first byte pair first occurs.  A phrase group is
 * searched once per record (the memo of Ctx).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "internal.h"

#include <string.h>

#include "../find.h"

static BsFilter *filters_groups[64];
static guint8 group_by_reason[BS_REASON_COUNT];   /* 1 + index in bs_rules_phrase_groups, or 0 */
static BsFilter *filters_provider, *filters_blocklist, *filters_format;

/* bs_evidence_at - evidence text from the lower-case diagnostic, bounded */
char *
bs_evidence_at (const char *start, const char *end)
{
  if (start == NULL)
    return NULL;
  if (end == NULL || end < start)
    end = start + strlen (start);
  gsize n = (gsize) (end - start);
  if (n > 200)
    n = 200;
  while (n > 0 && ((guchar) start[n] & 0xc0) == 0x80)
    n--; /* do not cut a UTF-8 sequence */
  return g_strndup (start, n);
}

/* bs_classify_phrase_find - pieces of p in order in hay; *end gets the end of the last */
const char *
bs_classify_phrase_find (const char *hay, const BsPhrase *p, const char **end)
{
  if (p->piece[0] == NULL)
    return NULL;
  const char *first = bs_strstr (hay, p->piece[0]);
  if (first == NULL)
    return NULL;
  const char *at = first + strlen (p->piece[0]);
  for (int i = 1; i < BS_RULE_PIECES && p->piece[i] != NULL; i++)
    {
      const char *next = bs_strstr (at, p->piece[i]);
      if (next == NULL)
        return NULL;
      at = next + strlen (p->piece[i]);
    }
  if (end)
    *end = at;
  return first;
}

static void
filter_of (const BsPhrase *p, BsFilter *f)
{
  const char *piece = p->piece[0];
  gsize n = piece ? strlen (piece) : 0;
  if (n < 2)
    {
      f->k[0] = f->k[1] = f->k[2] = 0;
      return;
    }
  gsize at[3] = { 0, (n - 2) / 2, n - 2 };
  for (int i = 0; i < 3; i++)
    f->k[i] = (guint16) (((guint) (guchar) piece[at[i]] << 8) | (guchar) piece[at[i] + 1]);
}

void
bs_filters_init (void)
{
  static gsize once = 0;
  if (!g_once_init_enter (&once))
    return;
  for (gsize g = 0; g < bs_rules_n_phrase_groups && g < G_N_ELEMENTS (filters_groups); g++)
    {
      const BsPhraseGroup *grp = bs_rules_phrase_groups[g];
      if (grp->reason < BS_REASON_COUNT)
        group_by_reason[grp->reason] = (guint8) (g + 1);
      filters_groups[g] = g_new0 (BsFilter, grp->n_rows + grp->n_except);
      for (gsize i = 0; i < grp->n_rows; i++)
        filter_of (&grp->rows[i].text, &filters_groups[g][i]);
      for (gsize i = 0; i < grp->n_except; i++)
        filter_of (&grp->except[i].text, &filters_groups[g][grp->n_rows + i]);
    }
  filters_provider = g_new0 (BsFilter, bs_rules_n_provider);
  for (gsize i = 0; i < bs_rules_n_provider; i++)
    filter_of (&bs_rules_provider[i].text, &filters_provider[i]);
  filters_blocklist = g_new0 (BsFilter, bs_rules_n_blocklist);
  for (gsize i = 0; i < bs_rules_n_blocklist; i++)
    filter_of (&bs_rules_blocklist[i].text, &filters_blocklist[i]);
  filters_format = g_new0 (BsFilter, bs_rules_n_format);
  for (gsize i = 0; i < bs_rules_n_format; i++)
    filter_of (&bs_rules_format[i].text, &filters_format[i]);
  g_once_init_leave (&once, 1);
}

const BsFilter *
bs_filter_provider (gsize row)
{
  return &filters_provider[row];
}

const BsFilter *
bs_filter_blocklist (gsize row)
{
  return &filters_blocklist[row];
}

const BsFilter *
bs_filter_format (gsize row)
{
  return &filters_format[row];
}

static inline gboolean
filter_pass (const Ctx *c, const BsFilter *f)
{
  for (int i = 0; i < 3; i++)
    if (f->k[i] != 0 && !(c->bigrams[f->k[i] >> 3] & (1u << (f->k[i] & 7))))
      return FALSE;
  return TRUE;
}

/* bs_ctx_find - bs_classify_phrase_find on the record's diagnostic, after the filter */
const char *
bs_ctx_find (const Ctx *c, const BsPhrase *p, const BsFilter *f, const char **end)
{
  if (f != NULL && !filter_pass (c, f))
    return NULL;
  /* the search starts where the phrase's first byte pair first occurs */
  gsize from = f != NULL && f->k[0] != 0 ? (gsize) c->first[f->k[0]] - 1 : 0;
  return bs_classify_phrase_find (c->diag + from, p, end);
}

/* bs_ctx_strstr - bs_strstr in the diagnostic, from where the needle's first
 * byte pair first occurs (NULL at once when it does not occur) */
const char *
bs_ctx_strstr (const Ctx *c, const char *needle)
{
  if (needle[0] == '\0' || needle[1] == '\0')
    return bs_strstr (c->diag, needle);
  guint k = ((guint) (guchar) needle[0] << 8) | (guchar) needle[1];
  return c->first[k] == 0 ? NULL : bs_strstr (c->diag + c->first[k] - 1, needle);
}

/* bs_ctx_match - does the diagnostic hold one of reason's phrases?  When rule is
 * not NULL, it receives the row id and *evidence the matched text */
gboolean
bs_ctx_match (Ctx *c, BsReason reason, char **rule, char **evidence)
{
  guint gi1 = reason < BS_REASON_COUNT ? group_by_reason[reason] : 0;
  if (gi1 == 0 || c->diag[0] == '\0')
    return FALSE;
  gsize gi = gi1 - 1;
  const BsPhraseGroup *g = bs_rules_phrase_groups[gi];
  gint16 *memo = gi < G_N_ELEMENTS (c->memo) ? &c->memo[gi] : NULL;
  if (memo && *memo == -1)
    return FALSE;
  if (memo && *memo == -2)
    {
      *memo = -1;
      gboolean vetoed = FALSE;
      const BsFilter *f = gi < G_N_ELEMENTS (filters_groups) ? filters_groups[gi] : NULL;
      for (gsize i = 0; i < g->n_except && !vetoed; i++)
        vetoed = bs_ctx_find (c, &g->except[i].text, f ? &f[g->n_rows + i] : NULL, NULL) != NULL;
      for (gsize i = 0; !vetoed && i < g->n_rows && i < G_MAXINT16; i++)
        if (bs_ctx_find (c, &g->rows[i].text, f ? &f[i] : NULL, NULL) != NULL)
          {
            *memo = (gint16) i;
            break;
          }
      if (*memo < 0)
        return FALSE;
    }
  gsize row = memo ? (gsize) *memo : 0;
  const char *end = NULL;
  const char *at = NULL;
  if (memo)
    at = bs_classify_phrase_find (c->diag, &g->rows[row].text, &end);
  else
    for (row = 0; at == NULL && row < g->n_rows; row++)
      if ((at = bs_ctx_find (c, &g->rows[row].text, NULL, &end)) != NULL)
        break;
  if (at == NULL)
    return FALSE;
  if (rule)
    *rule = g_strdup_printf ("phrase:%s:%s", bs_reason_name (reason), g->rows[row].id);
  if (evidence)
    *evidence = bs_evidence_at (at, end);
  return TRUE;
}
