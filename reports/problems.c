/* problems.c - "what to do now": the failures that one piece of advice
 * explains (advice.h), gathered while the summary reads (summary.c), one
 * problem per refused IP for the sending server's own reputation, ranked
 * by the recipients they hurt
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "summary.h"

#include "advice.h"

static guint
advice_hash (gconstpointer p)
{
  const AdviceKey *k = p;
  return g_direct_hash (k->reason) ^ (g_direct_hash (k->blocklist) * 31u)
         ^ (g_direct_hash (k->destination) * 1009u);
}

static gboolean
advice_equal (gconstpointer a, gconstpointer b)
{
  const AdviceKey *x = a, *y = b;
  return x->reason == y->reason && x->blocklist == y->blocklist && x->destination == y->destination;
}


static guint
problem_hash (gconstpointer p)
{
  const ProblemKey *k = p;
  return g_direct_hash (k->advice_key) ^ (g_direct_hash (k->ip) * 31u);
}

static gboolean
problem_equal (gconstpointer a, gconstpointer b)
{
  const ProblemKey *x = a, *y = b;
  return x->advice_key == y->advice_key && x->ip == y->ip;
}

static void
gather_free (Gather *g)
{
  g_free (g->first_seen);
  g_free (g->last_seen);
  g_free (g->example.seen);
  g_hash_table_unref (g->reasons);
  g_hash_table_unref (g->blocklists);
  g_hash_table_unref (g->codes);
  g_hash_table_unref (g->ips);
  g_free (g);
}

static gsize
pairs_slot (const Pairs *t, guint64 key)
{
  gsize mask = ((gsize) 1 << t->bits) - 1;
  gsize i = (gsize) ((key * 0x9E3779B97F4A7C15ULL) >> (64 - t->bits));
  while (t->keys[i] != 0 && t->keys[i] != key)
    i = (i + 1) & mask;
  return i;
}

static void
pairs_add (Pairs *t, guint64 pair)
{
  guint64 key = pair + 1;
  if (t->keys == NULL || (t->used + 1) * 10 > ((gsize) 7 << t->bits))
    {
      Pairs bigger = { NULL, NULL, t->keys ? t->bits + 1 : 10, t->used };
      bigger.keys = g_new0 (guint64, (gsize) 1 << bigger.bits);
      bigger.counts = g_new0 (guint32, (gsize) 1 << bigger.bits);
      for (gsize i = 0; t->keys != NULL && i < ((gsize) 1 << t->bits); i++)
        if (t->keys[i] != 0)
          {
            gsize j = pairs_slot (&bigger, t->keys[i]);
            bigger.keys[j] = t->keys[i];
            bigger.counts[j] = t->counts[i];
          }
      g_free (t->keys);
      g_free (t->counts);
      *t = bigger;
    }
  gsize i = pairs_slot (t, key);
  if (t->keys[i] == 0)
    {
      t->keys[i] = key;
      t->used++;
    }
  t->counts[i]++;
}

GHashTable *
bs_problems_table_new (void)
{
  return g_hash_table_new_full (problem_hash, problem_equal, NULL, (GDestroyNotify) gather_free);
}

GHashTable *
bs_advice_cache_new (void)
{
  return g_hash_table_new_full (advice_hash, advice_equal, g_free, NULL);
}

static void
tally (GHashTable *t, const char *value, gint64 n)
{
  if (value == NULL || *value == '\0')
    return;
  gpointer old = g_hash_table_lookup (t, value);
  g_hash_table_insert (t, (gpointer) value, GSIZE_TO_POINTER (GPOINTER_TO_SIZE (old) + (gsize) n));
}

/* advice kinds whose cure is per sending IP (delisting, PTR, reputation) */
static gboolean
per_ip_kind (int kind)
{
  return kind == BS_ADVICE_REPUTATION || kind == BS_ADVICE_SENDER;
}

/* the advice key and kind of a failure (cached per reason, blocklist and
 * destination; a failure without destination is looked at by itself,
 * since its recipient's domain stands in) */
static const char *
row_advice (BsReportSummary *s, const Group *reason, const Group *blocklist,
            const Group *destination, const char *recipient, int *kind)
{
  AdviceKey k = { reason, blocklist, destination };
  AdviceHit *hit = destination->key != NULL ? g_hash_table_lookup (s->advice, &k) : NULL;
  if (hit != NULL)
    {
      *kind = hit->advice_kind;
      return hit->advice_key;
    }
  BsRecord r = { 0 };
  r.reason = reason->reason != BS_REASON_NONE ? reason->reason : BS_REASON_UNDEFINED;
  r.blocklist = blocklist ? blocklist->key : NULL;
  r.destination = destination->key;
  r.recipient = (char *) recipient;
  const char *akey = bs_advice_key (&r);
  const BsAdvice *adv = bs_advice_for (akey, "en");
  *kind = adv ? (int) adv->kind : (int) BS_ADVICE_TEMPORARY;
  if (destination->key != NULL)
    {
      hit = g_new0 (AdviceHit, 1);
      hit->k = k;
      hit->advice_key = akey;
      hit->advice_kind = *kind;
      g_hash_table_insert (s->advice, &hit->k, hit);
    }
  return akey;
}

/* a recipient run that touched problem g */
void
bs_problem_recipient (BsReportSummary *s, Gather *g, guint64 run, const Group *destination)
{
  if (run != 0 && g->run == run)
    return;
  g->recipients++;
  g->run = run;
  if (destination->key != NULL && *destination->key != '\0')
    pairs_add (&s->destinations, (guint64) g->index << 32 | destination->index);
}

Gather *
bs_problem_add (BsReportSummary *s, const Row *r, const char *recipient, const Group *reason,
             const Group *blocklist, const Group *destination, const Group *ip,
             const Group *code)
{
  int akind;
  const char *akey = row_advice (s, reason, blocklist, destination, recipient, &akind);
  gboolean by_ip = per_ip_kind (akind) && ip->key != NULL && *ip->key != '\0';
  ProblemKey k = { akey, by_ip ? ip : NULL };
  Gather *g = g_hash_table_lookup (s->problems, &k);
  if (g == NULL)
    {
      g = g_new0 (Gather, 1);
      g->k = k;
      g->advice_kind = akind;
      g->reasons = g_hash_table_new (g_direct_hash, g_direct_equal);
      g->blocklists = g_hash_table_new (g_direct_hash, g_direct_equal);
      g->codes = g_hash_table_new (g_direct_hash, g_direct_equal);
      g->ips = g_hash_table_new (g_direct_hash, g_direct_equal);
      g->index = g_hash_table_size (s->problems);
      g_hash_table_insert (s->problems, &g->k, g);
      g_ptr_array_add (s->problem_list, g);
    }
  g->failures++;
  keep_min (&g->first_seen, r->seen);
  keep_max (&g->last_seen, r->seen);
  if (r->diagnostic == 2 && stamp_newer (&g->example, r->seen, r->id))
    stamp_set (&g->example, r->seen, r->id);
  tally (g->reasons, reason->key, 1);
  tally (g->blocklists, blocklist ? blocklist->key : NULL, 1);
  tally (g->codes, code->provider_interned, 1);
  tally (g->ips, ip->key, 1);
  const char *bl = blocklist ? blocklist->key : NULL;
  g->families[bl != NULL && *bl != '\0' ? BS_FAMILY_REPUTATION : reason->family]++;
  /* a failure with no recipient still hurts someone: count it alone */
  if (r->no_recipient)
    bs_problem_recipient (s, g, 0, destination);
  return g;
}

/* ---- problems ----------------------------------------------------------- */

void
bs_count_free (BsCount *c)
{
  if (c == NULL)
    return;
  g_free (c->value);
  g_free (c);
}

void
bs_problem_free (BsProblem *p)
{
  if (p == NULL)
    return;
  g_free (p->sending_ip);
  g_clear_pointer (&p->reasons, g_ptr_array_unref);
  g_clear_pointer (&p->blocklists, g_ptr_array_unref);
  g_clear_pointer (&p->codes, g_ptr_array_unref);
  g_clear_pointer (&p->ips, g_ptr_array_unref);
  g_clear_pointer (&p->destinations, g_ptr_array_unref);
  g_free (p->first_seen);
  g_free (p->last_seen);
  g_free (p->example);
  g_free (p);
}

static gint
count_cmp (gconstpointer a, gconstpointer b)
{
  const BsCount *x = *(BsCount *const *) a, *y = *(BsCount *const *) b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->value, y->value);
}

/* the tally as BsCount, most first (ties by value: the same page every time) */
static GPtrArray *
tally_sorted (GHashTable *tally)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_count_free);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, tally);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      BsCount *c = g_new0 (BsCount, 1);
      c->value = g_strdup (k);
      c->count = (gint64) GPOINTER_TO_SIZE (v);
      g_ptr_array_add (out, c);
    }
  g_ptr_array_sort (out, count_cmp);
  return out;
}

/* the destinations of the recipients of each problem in gathers (n of
 * them), most first, into out[i]: one pass over the pairs for them all */
static void
problem_destinations (const BsReportSummary *s, const Gather *const *gathers, guint n,
                      GPtrArray **out)
{
  g_autoptr (GHashTable) at = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree GHashTable **tallies = g_new0 (GHashTable *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      tallies[i] = g_hash_table_new (g_direct_hash, g_direct_equal);
      g_hash_table_insert (at, GUINT_TO_POINTER (gathers[i]->index + 1), tallies[i]);
    }
  const Pairs *t = &s->destinations;
  const GPtrArray *domains = s->kinds[BS_AGG_DOMAIN].groups;
  for (gsize i = 0; t->keys != NULL && i < ((gsize) 1 << t->bits); i++)
    {
      if (t->keys[i] == 0)
        continue;
      GHashTable *tally = g_hash_table_lookup (at, GUINT_TO_POINTER (((t->keys[i] - 1) >> 32) + 1));
      guint d = (guint) ((t->keys[i] - 1) & 0xFFFFFFFFu);
      if (tally != NULL && d < domains->len)
        g_hash_table_insert (tally, ((const Group *) g_ptr_array_index (domains, d))->key,
                             GSIZE_TO_POINTER ((gsize) t->counts[i]));
    }
  for (guint i = 0; i < n; i++)
    {
      out[i] = tally_sorted (tallies[i]);
      g_hash_table_unref (tallies[i]);
    }
}

static gint
problem_cmp (gconstpointer a, gconstpointer b)
{
  const BsProblem *x = *(BsProblem *const *) a, *y = *(BsProblem *const *) b;
  if (x->recipients != y->recipients)
    return x->recipients > y->recipients ? -1 : 1;
  if (x->failures != y->failures)
    return x->failures > y->failures ? -1 : 1;
  int c = g_strcmp0 (y->last_seen, x->last_seen);    /* the more recent first */
  if (c != 0)
    return c;
  c = strcmp (x->advice_key, y->advice_key);
  return c != 0 ? c : g_strcmp0 (x->sending_ip, y->sending_ip);
}

GPtrArray *
bs_report_problems (BsReportQuery *q, guint limit, gint64 *total, GError **error)
{
  if (total)
    *total = 0;
  BsReportSummary *s = bs_report_query_summary (q, error);
  if (s == NULL)
    return NULL;
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_problem_free);
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, s->problems);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      const Gather *g = v;
      BsProblem *p = g_new0 (BsProblem, 1);
      p->advice_key = g->k.advice_key;
      p->advice_kind = g->advice_kind;
      p->sending_ip = g->k.ip ? g_strdup (g->k.ip->key) : NULL;
      p->failures = g->failures;
      p->recipients = g->recipients;
      p->first_seen = g_strdup (g->first_seen);
      p->last_seen = g_strdup (g->last_seen);
      /* the family of most of its failures; a tie goes to the first name */
      p->family = BS_FAMILY_OTHER;
      for (int f = 0; f < BS_FAMILY_COUNT; f++)
        if (g->families[f] > 0
            && (g->families[f] > g->families[p->family]
                || (g->families[f] == g->families[p->family]
                    && (g->families[p->family] == 0
                        || strcmp (bs_family_name ((BsReasonFamily) f), bs_family_name (p->family)) < 0))))
          p->family = (BsReasonFamily) f;
      g_ptr_array_add (problems, p);
    }
  g_ptr_array_sort (problems, problem_cmp);
  if (total)
    *total = problems->len;
  if (limit > 0 && problems->len > limit)
    g_ptr_array_set_size (problems, limit);
  /* the counts and examples of the problems kept only */
  g_autofree const Gather **gathers = g_new (const Gather *, problems->len + 1);
  for (guint i = 0; i < problems->len; i++)
    {
      BsProblem *p = g_ptr_array_index (problems, i);
      ProblemKey k = { p->advice_key, NULL };
      if (p->sending_ip != NULL)
        k.ip = g_hash_table_lookup (s->kinds[BS_AGG_IP].index, p->sending_ip);
      const Gather *g = gathers[i] = g_hash_table_lookup (s->problems, &k);
      g_assert (g != NULL);
      p->reasons = tally_sorted (g->reasons);
      p->blocklists = tally_sorted (g->blocklists);
      p->codes = tally_sorted (g->codes);
      p->ips = tally_sorted (g->ips);
      if (g->example.seen != NULL)
        p->example = bs_report_query_diagnostic (q, g->example.id);
    }
  g_autofree GPtrArray **destinations = g_new (GPtrArray *, problems->len + 1);
  problem_destinations (s, gathers, problems->len, destinations);
  for (guint i = 0; i < problems->len; i++)
    ((BsProblem *) g_ptr_array_index (problems, i))->destinations = destinations[i];
  return problems;
}
