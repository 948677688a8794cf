/* summary.c - the one read that counts a report: totals, the groups of
 * every kind with their distinct recipients, the charts' cross counts (see
 * summary.h for how); the problems are gathered by problems.c
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "summary.h"

#include "bs.h"

void
bs_agg_row_free (BsAggRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->status);
  g_free (row->provider_code);
  g_free (row->first_seen);
  g_free (row->last_seen);
  g_free (row->example);
  if (row->reasons != NULL)
    g_ptr_array_unref (row->reasons);
  g_free (row);
}

void
bs_report_totals_clear (BsReportTotals *t)
{
  g_clear_pointer (&t->first_day, g_free);
  g_clear_pointer (&t->last_day, g_free);
  g_clear_pointer (&t->last_scan, g_free);
}

static char *
code_key (const char *status, gint reply, const char *provider)
{
  GString *s = g_string_new (NULL);
  if (status)
    g_string_append (s, status);
  if (reply > 0)
    g_string_append_printf (s, "%s%d", s->len ? " " : "", reply);
  if (provider)
    g_string_append_printf (s, "%s%s", s->len ? " " : "", provider);
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static void
group_free (Group *g)
{
  g_free (g->key);
  g_free (g->hkey);
  g_free (g->status);
  g_free (g->provider);
  g_free (g->first_seen);
  g_free (g->last_seen);
  g_free (g->example.seen);
  if (g->by_reason)
    g_array_unref (g->by_reason);
  for (guint i = 0; i < g->n_recent; i++)
    g_free (g->recent[i].seen);
  g_free (g->recent);
  g_free (g);
}

void
bs_summary_free (BsReportSummary *s)
{
  if (s == NULL)
    return;
  for (int k = 0; k < BS_AGG_COUNT; k++)
    {
      g_clear_pointer (&s->kinds[k].index, g_hash_table_unref);
      g_clear_pointer (&s->kinds[k].groups, g_ptr_array_unref);
    }
  g_free (s->first_day);
  g_free (s->last_day);
  g_clear_pointer (&s->problem_list, g_ptr_array_unref);
  g_clear_pointer (&s->problems, g_hash_table_unref);
  g_clear_pointer (&s->advice, g_hash_table_unref);
  g_clear_pointer (&s->codes, g_hash_table_unref);
  g_free (s->destinations.keys);
  g_free (s->destinations.counts);
  g_free (s);
}

static BsReportSummary *
summary_new (gboolean recent)
{
  BsReportSummary *s = g_new0 (BsReportSummary, 1);
  s->recent = recent;
  for (int k = 0; k < BS_AGG_COUNT; k++)
    {
      s->kinds[k].index = g_hash_table_new (g_str_hash, g_str_equal);
      s->kinds[k].groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
    }
  s->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->advice = bs_advice_cache_new ();
  s->problems = bs_problems_table_new ();
  s->problem_list = g_ptr_array_new ();
  return s;
}


static Group *
kind_group (KindTable *t, const char *value)
{
  Group *g = value ? g_hash_table_lookup (t->index, value) : t->null_group;
  if (g != NULL)
    return g;
  g = g_new0 (Group, 1);
  g->key = g_strdup (value);
  g->reason = bs_reason_from_name (value);      /* used by the reason kind */
  g->family = bs_reason_family (g->reason, NULL);
  g->index = t->groups->len;
  g_ptr_array_add (t->groups, g);
  if (value == NULL)
    t->null_group = g;
  else
    g_hash_table_insert (t->index, g->key, g);
  return g;
}

/* the index key of a code: each part tagged as NULL or text */
static void
code_hkey (GString *buf, const char *status, gboolean has_reply, gint64 reply,
           const char *provider)
{
  g_string_truncate (buf, 0);
  if (status)
    {
      g_string_append_c (buf, '+');
      g_string_append (buf, status);
    }
  g_string_append_c (buf, '\x1f');
  if (has_reply)
    {
      /* the number's digits, without printf's cost per record */
      char digits[24];
      gsize at = sizeof digits;
      guint64 v = reply < 0 ? -(guint64) reply : (guint64) reply;
      do
        digits[--at] = (char) ('0' + v % 10);
      while ((v /= 10) > 0 && at > 1);
      if (reply < 0)
        digits[--at] = '-';
      g_string_append_c (buf, '+');
      g_string_append_len (buf, digits + at, (gssize) (sizeof digits - at));
    }
  g_string_append_c (buf, '\x1f');
  if (provider)
    {
      g_string_append_c (buf, '+');
      g_string_append (buf, provider);
    }
}

static Group *
code_group (BsReportSummary *s, GString *buf, const char *status, gboolean has_reply,
            gint64 reply, const char *provider)
{
  KindTable *t = &s->kinds[BS_AGG_CODE];
  code_hkey (buf, status, has_reply, reply, provider);
  Group *g = g_hash_table_lookup (t->index, buf->str);
  if (g != NULL)
    return g;
  g = g_new0 (Group, 1);
  g->hkey = g_strdup (buf->str);
  g->status = g_strdup (status);
  g->has_reply = has_reply;
  g->reply = reply;
  g->provider = g_strdup (provider);
  g->key = code_key (status, has_reply ? (gint) reply : 0, provider);
  if (provider != NULL && *provider != '\0')
    {
      gpointer canon = NULL;
      if (!g_hash_table_lookup_extended (s->codes, provider, &canon, NULL))
        {
          canon = g_strdup (provider);
          g_hash_table_insert (s->codes, canon, canon);
        }
      g->provider_interned = canon;
    }
  g->index = t->groups->len;
  g_ptr_array_add (t->groups, g);
  g_hash_table_insert (t->index, g->hkey, g);
  return g;
}

/* keep (seen, id) among the group's RECENT_MAX newest */
static void
recent_add (Group *g, const char *seen, gint64 id)
{
  if (g->recent == NULL)
    g->recent = g_new0 (Stamp, RECENT_MAX);
  if (g->n_recent == RECENT_MAX && !stamp_newer (&g->recent[RECENT_MAX - 1], seen, id))
    return;
  guint at = g->n_recent < RECENT_MAX ? g->n_recent : RECENT_MAX - 1;
  if (g->n_recent == RECENT_MAX)
    g_free (g->recent[at].seen);   /* the oldest leaves */
  else
    g->n_recent++;
  while (at > 0 && stamp_newer (&g->recent[at - 1], seen, id))
    {
      g->recent[at] = g->recent[at - 1];
      at--;
    }
  g->recent[at].seen = g_strdup (seen);
  g->recent[at].id = id;
}


static void
group_add (BsReportSummary *s, BsAggKind kind, Group *g, const Row *r)
{
  g->failures++;
  g->hard += r->hard;
  keep_min (&g->first_seen, r->seen);
  keep_max (&g->last_seen, r->seen);
  if (r->diagnostic > 0 && stamp_newer (&g->example, r->seen, r->id))
    stamp_set (&g->example, r->seen, r->id);
  g->by_family[r->family]++;
  if (kind != BS_AGG_CODE)
    {
      if (g->by_reason == NULL)
        g->by_reason = g_array_new (FALSE, TRUE, sizeof (gint64));
      if (g->by_reason->len <= r->reason_index)
        g_array_set_size (g->by_reason, r->reason_index + 1);
      g_array_index (g->by_reason, gint64, r->reason_index)++;
    }
  if (s->recent && kind != BS_AGG_DAY)
    recent_add (g, r->seen, r->id);
}

/* a failure with a recipient, between the read and the recipient count:
 * its id and the index of each of its groups */
typedef struct {
  gint64 id;
  guint32 group[BS_AGG_COUNT];   /* NO_GROUP: none (a failure without blocklist) */
  guint32 problem;               /* Gather index */
  guint32 family;
} Pending;

#define NO_GROUP G_MAXUINT32

static int
pending_cmp (gconstpointer a, gconstpointer b)
{
  gint64 x = ((const Pending *) a)->id, y = ((const Pending *) b)->id;
  return x < y ? -1 : x > y;
}

/* the recipient run `run` touched group g */
static void
group_recipient (Group *g, guint64 run)
{
  if (g->run != run)
    {
      g->recipients++;
      g->run = run;
    }
}

/* where the pending failure of record id is: a table by id when the ids
 * are dense (as a history's are), else a binary search */
typedef struct {
  const Pending *list;
  guint n;
  gint64 min;
  guint32 *at;              /* id - min -> index + 1, or NULL */
  gsize span;
} PendingIndex;

static void
pending_index_init (PendingIndex *x, GArray *pending)
{
  *x = (PendingIndex) { (const Pending *) (gpointer) pending->data, pending->len, 0, NULL, 0 };
  if (x->n == 0 || x->n > G_MAXUINT32 - 1)
    return;
  x->min = x->list[0].id;
  guint64 span = (guint64) (x->list[x->n - 1].id - x->min) + 1;
  if (span > (guint64) x->n * 4)
    return;
  x->span = (gsize) span;
  x->at = g_new0 (guint32, x->span);
  for (guint i = 0; i < x->n; i++)
    x->at[x->list[i].id - x->min] = i + 1;
}

static const Pending *
pending_find (const PendingIndex *x, gint64 id)
{
  if (x->n == 0 || id < x->min)
    return NULL;
  if (x->at != NULL)
    {
      guint64 off = (guint64) (id - x->min);
      return off < x->span && x->at[off] != 0 ? &x->list[x->at[off] - 1] : NULL;
    }
  guint lo = 0, hi = x->n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (x->list[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < x->n && x->list[lo].id == id ? &x->list[lo] : NULL;
}

/* the distinct recipients of the totals, families, groups and problems */

static gboolean
count_recipients (BsReportQuery *q, BsReportSummary *s, GArray *pending, gboolean sorted,
                  GError **error)
{
  if (pending->len == 0)
    return TRUE;
  if (!sorted)
    g_array_sort (pending, pending_cmp);
  g_autoptr (BsHistoryIter) it = bs_history_recipients (q->read, error);
  if (it == NULL)
    return FALSE;
  PendingIndex x;
  pending_index_init (&x, pending);
  g_autoptr (GString) last = g_string_new (NULL);
  guint64 run = 0;
  const char *recipient;
  gsize len;
  gint64 id;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_recipient (it, &recipient, &len, &id, &local))
    {
      const Pending *p = pending_find (&x, id);
      if (p == NULL)
        continue;
      if (run == 0 || len != last->len || memcmp (recipient, last->str, len) != 0)
        {
          g_string_truncate (last, 0);
          g_string_append_len (last, recipient, (gssize) len);
          run++;
        }
      if (s->run != run)
        {
          s->recipients++;
          s->run = run;
        }
      if (s->family_run[p->family] != run)
        {
          s->family_recipients[p->family]++;
          s->family_run[p->family] = run;
        }
      for (int k = 0; k < BS_AGG_COUNT; k++)
        if (p->group[k] != NO_GROUP)
          group_recipient (g_ptr_array_index (s->kinds[k].groups, p->group[k]), run);
      bs_problem_recipient (s, g_ptr_array_index (s->problem_list, p->problem), run,
                            g_ptr_array_index (s->kinds[BS_AGG_DOMAIN].groups,
                                               p->group[BS_AGG_DOMAIN]));
    }
  g_free (x.at);
  if (local == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* count one failure in the totals, its groups and its problem; a failure
 * with a recipient is kept as pending for the recipients' count */
static void
count_failure (BsReportSummary *s, const BsRecordFacts *f, GString *buf, GArray *pending,
               gboolean *sorted)
{
  Row r = {
    .seen = f->seen_at ? f->seen_at : "",
    .id = f->id,
    .hard = f->hard,
    .diagnostic = f->diagnostic,
    .no_recipient = f->recipient == NULL,
  };
  Group *reason = kind_group (&s->kinds[BS_AGG_REASON], f->reason);
  r.reason_index = reason->index;
  r.family = f->blocklist != NULL ? BS_FAMILY_REPUTATION : reason->family;
  Group *destination = kind_group (&s->kinds[BS_AGG_DOMAIN], f->destination);
  Group *ip = kind_group (&s->kinds[BS_AGG_IP], f->sending_ip);
  Group *day_group = kind_group (&s->kinds[BS_AGG_DAY], f->day);
  Group *sender = kind_group (&s->kinds[BS_AGG_SENDER], f->sender_domain);
  Group *blocklist = f->blocklist != NULL
                       ? kind_group (&s->kinds[BS_AGG_BLOCKLIST], f->blocklist) : NULL;
  Group *code = code_group (s, buf, f->status, f->has_reply, f->reply_code, f->provider_code);

  s->failures++;
  s->hard += r.hard;
  s->family_failures[r.family]++;
  group_add (s, BS_AGG_DOMAIN, destination, &r);
  group_add (s, BS_AGG_IP, ip, &r);
  group_add (s, BS_AGG_CODE, code, &r);
  group_add (s, BS_AGG_REASON, reason, &r);
  if (blocklist != NULL)
    group_add (s, BS_AGG_BLOCKLIST, blocklist, &r);
  group_add (s, BS_AGG_DAY, day_group, &r);
  group_add (s, BS_AGG_SENDER, sender, &r);
  Gather *problem = bs_problem_add (s, &r, f->recipient, reason, blocklist, destination, ip, code);
  if (f->recipient == NULL)
    return;
  Pending p = { .id = r.id, .problem = problem->index, .family = r.family };
  p.group[BS_AGG_DOMAIN] = destination->index;
  p.group[BS_AGG_IP] = ip->index;
  p.group[BS_AGG_CODE] = code->index;
  p.group[BS_AGG_REASON] = reason->index;
  p.group[BS_AGG_BLOCKLIST] = blocklist != NULL ? blocklist->index : NO_GROUP;
  p.group[BS_AGG_DAY] = day_group->index;
  p.group[BS_AGG_SENDER] = sender->index;
  if (pending->len > 0 && g_array_index (pending, Pending, pending->len - 1).id >= r.id)
    *sorted = FALSE;
  g_array_append_val (pending, p);
}

/* read the filter's records once and count everything */
static BsReportSummary *
summary_read (BsReportQuery *q, gboolean recent, GError **error)
{
  g_autoptr (BsHistoryIter) it = bs_history_facts (q->read, q->filter, error);
  if (it == NULL)
    return NULL;
  BsReportSummary *s = summary_new (recent);
  g_autoptr (GString) buf = g_string_new (NULL);
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  gboolean sorted = TRUE;
  BsRecordFacts f;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_facts (it, &f, &local))
    {
      if (f.day != NULL)
        {
          keep_min (&s->first_day, f.day);
          keep_max (&s->last_day, f.day);
        }
      if (f.is_failure == 1)
        count_failure (s, &f, buf, pending, &sorted);
      else if (f.is_failure == 0)
        {
          s->notices++;
          if (f.delayed)
            s->delayed++;
        }
    }
  if (local != NULL || !count_recipients (q, s, pending, sorted, &local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      bs_summary_free (s);
      return NULL;
    }
  return s;
}

BsReportSummary *
bs_report_query_summary (BsReportQuery *q, GError **error)
{
  if (q->summary == NULL)
    q->summary = summary_read (q, q->keep_recent, error);
  return q->summary;
}

/* ---- totals ------------------------------------------------------------- */

gboolean
bs_report_totals (BsReportQuery *q, BsReportTotals *t, GError **error)
{
  memset (t, 0, sizeof *t);
  BsReportSummary *s = bs_report_query_summary (q, error);
  if (s == NULL)
    return FALSE;
  t->failures = s->failures;
  t->recipients = s->recipients;
  t->hard = s->hard;
  t->delayed = s->delayed;
  t->other_notices = s->notices - s->delayed;
  memcpy (t->family_failures, s->family_failures, sizeof t->family_failures);
  memcpy (t->family_recipients, s->family_recipients, sizeof t->family_recipients);
  t->first_day = g_strdup (s->first_day);
  t->last_day = g_strdup (s->last_day);

  if (bs_report_query_by_sender (q))
    return TRUE; /* the rest is the whole mailbox's, not this sender's */
  BsHistoryMail m;
  if (!bs_history_mail (q->read, &m, error))
    return FALSE;
  t->has_mail_counts = TRUE;
  t->messages = m.messages;
  t->bounces = m.bounces;
  t->not_bounces = m.not_bounces;
  t->undecodable = m.undecodable;
  t->runs = m.runs;
  t->last_scan = g_steal_pointer (&m.last_scan);
  return TRUE;
}

/* ---- aggregates --------------------------------------------------------- */

static int
null_first_cmp (const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

/* the order of the group's key columns (SQL's: NULL first) */
static int
key_cmp (const Group *x, const Group *y, gboolean code)
{
  if (!code)
    return null_first_cmp (x->key, y->key);
  int c = null_first_cmp (x->status, y->status);
  if (c != 0)
    return c;
  if (x->has_reply != y->has_reply)
    return x->has_reply ? 1 : -1;
  if (x->reply != y->reply)
    return x->reply < y->reply ? -1 : 1;
  return null_first_cmp (x->provider, y->provider);
}

/* most failures first, then by key */
static gint
count_then_key (gconstpointer a, gconstpointer b, gboolean code)
{
  const Group *x = *(Group *const *) a, *y = *(Group *const *) b;
  if (x->failures != y->failures)
    return x->failures > y->failures ? -1 : 1;
  return key_cmp (x, y, code);
}

static gint
group_cmp_code (gconstpointer a, gconstpointer b)
{
  return count_then_key (a, b, TRUE);
}

static gint
group_cmp_count (gconstpointer a, gconstpointer b)
{
  return count_then_key (a, b, FALSE);
}

static gint
group_cmp_key (gconstpointer a, gconstpointer b)
{
  return key_cmp (*(Group *const *) a, *(Group *const *) b, FALSE);
}

static gint
count_cmp (gconstpointer a, gconstpointer b)
{
  const BsCount *x = *(BsCount *const *) a, *y = *(BsCount *const *) b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->value, y->value);
}

/* a group's failures per reason (BsCount), most first */
static GPtrArray *
reasons_of (BsReportSummary *s, const Group *g)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_count_free);
  const GPtrArray *reasons = s->kinds[BS_AGG_REASON].groups;
  for (guint r = 0; g->by_reason != NULL && r < g->by_reason->len && r < reasons->len; r++)
    {
      gint64 n = g_array_index (g->by_reason, gint64, r);
      if (n == 0)
        continue;
      BsCount *c = g_new0 (BsCount, 1);
      c->value = g_strdup (((const Group *) g_ptr_array_index (reasons, r))->key);
      c->count = n;
      g_ptr_array_add (out, c);
    }
  g_ptr_array_sort (out, count_cmp);
  return out;
}

GPtrArray *
bs_report_aggregate (BsReportQuery *q, BsAggKind kind, guint limit, gint64 *groups, GError **error)
{
  g_return_val_if_fail (kind < BS_AGG_COUNT, NULL);
  if (groups != NULL)
    *groups = 0;
  BsReportSummary *s = bs_report_query_summary (q, error);
  if (s == NULL)
    return NULL;
  GPtrArray *all = s->kinds[kind].groups;
  g_autoptr (GPtrArray) order = g_ptr_array_sized_new (all->len);
  for (guint i = 0; i < all->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (all, i));
  g_ptr_array_sort (order, kind == BS_AGG_DAY ? group_cmp_key
                             : kind == BS_AGG_CODE ? group_cmp_code : group_cmp_count);
  if (groups != NULL)
    *groups = order->len;
  guint n = limit > 0 ? MIN (limit, order->len) : order->len;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_agg_row_free);
  for (guint i = 0; i < n; i++)
    {
      const Group *g = g_ptr_array_index (order, i);
      BsAggRow *row = g_new0 (BsAggRow, 1);
      row->key = g_strdup (g->key);
      if (kind == BS_AGG_CODE)
        {
          row->status = g_strdup (g->status);
          row->reply_code = g->has_reply ? (gint) g->reply : 0;
          row->provider_code = g_strdup (g->provider);
        }
      row->failures = g->failures;
      row->recipients = g->recipients;
      row->hard = g->hard;
      memcpy (row->family_failures, g->by_family, sizeof row->family_failures);
      row->first_seen = g_strdup (g->first_seen);
      row->last_seen = g_strdup (g->last_seen);
      if (g->example.seen != NULL)
        row->example = bs_report_query_diagnostic (q, g->example.id);
      if (kind != BS_AGG_CODE)
        row->reasons = reasons_of (s, g);
      g_ptr_array_add (rows, row);
    }
  return rows;
}


/* the summary's group of a row that bs_report_aggregate returned, or NULL */
static const Group *
group_of_row (BsReportSummary *s, BsAggKind kind, const BsAggRow *row)
{
  KindTable *t = &s->kinds[kind];
  if (kind != BS_AGG_CODE)
    return row->key ? g_hash_table_lookup (t->index, row->key) : t->null_group;
  g_autoptr (GString) buf = g_string_new (NULL);
  code_hkey (buf, row->status, row->reply_code > 0, row->reply_code, row->provider_code);
  return g_hash_table_lookup (t->index, buf->str);
}

gboolean
bs_summary_recent_ids (BsReportSummary *s, BsAggKind kind, const BsAggRow *row, gint64 *ids,
                       guint *n)
{
  const Group *g = s->recent && kind < BS_AGG_COUNT && kind != BS_AGG_DAY
                     ? group_of_row (s, kind, row) : NULL;
  if (g == NULL)
    return FALSE;
  for (guint i = 0; i < g->n_recent; i++)
    ids[i] = g->recent[i].id;
  *n = g->n_recent;
  return TRUE;
}

/* ---- cross counts ------------------------------------------------------- */

void
bs_cross_cell_free (BsCrossCell *cell)
{
  if (cell == NULL)
    return;
  g_free (cell->key);
  g_free (cell->sub);
  g_free (cell);
}

GPtrArray *
bs_report_cross (BsReportQuery *q, BsAggKind kind, BsCrossBy by, GError **error)
{
  g_return_val_if_fail (kind < BS_AGG_COUNT && kind != BS_AGG_CODE, NULL);
  BsReportSummary *s = bs_report_query_summary (q, error);
  if (s == NULL)
    return NULL;
  const GPtrArray *reasons = s->kinds[BS_AGG_REASON].groups;
  const GPtrArray *groups = s->kinds[kind].groups;
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_cross_cell_free);
  for (guint i = 0; i < groups->len; i++)
    {
      const Group *g = g_ptr_array_index (groups, i);
      if (by == BS_CROSS_FAMILY)
        {
          for (int f = 0; f < BS_FAMILY_COUNT; f++)
            if (g->by_family[f] > 0)
              {
                BsCrossCell *c = g_new0 (BsCrossCell, 1);
                c->key = g_strdup (g->key);
                c->sub = g_strdup (bs_family_name ((BsReasonFamily) f));
                c->failures = g->by_family[f];
                g_ptr_array_add (cells, c);
              }
          continue;
        }
      for (guint r = 0; g->by_reason != NULL && r < g->by_reason->len && r < reasons->len; r++)
        {
          gint64 n = g_array_index (g->by_reason, gint64, r);
          if (n == 0)
            continue;
          BsCrossCell *c = g_new0 (BsCrossCell, 1);
          c->key = g_strdup (g->key);
          c->sub = g_strdup (((const Group *) g_ptr_array_index (reasons, r))->key);
          c->failures = n;
          g_ptr_array_add (cells, c);
        }
    }
  return cells;
}
