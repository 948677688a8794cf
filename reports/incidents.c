/* incidents.c - the incident builder: facts grouped into incidents, their
 * days into episodes, a state judged at a reference day, the events
 * between two judgements (see incidents.h for the rules); pure: no
 * history, no clock
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "incidents.h"

#include <stdio.h>
#include <string.h>

#include "reasons.h"

static const char *const state_names[BS_INCIDENT_STATE_COUNT] = {
  [BS_INCIDENT_WARNING] = "warning",
  [BS_INCIDENT_ACTIVE] = "active",
  [BS_INCIDENT_RETURNED] = "returned",
  [BS_INCIDENT_CLEARED] = "cleared",
};

static const char *const event_names[BS_INCIDENT_EVENT_COUNT] = {
  [BS_INCIDENT_EVENT_WARNING] = "warning",
  [BS_INCIDENT_EVENT_OPENED] = "opened",
  [BS_INCIDENT_EVENT_RETURNED] = "returned",
  [BS_INCIDENT_EVENT_CLEARED] = "cleared",
};

const char *
bs_incident_state_name (BsIncidentState state)
{
  return state < BS_INCIDENT_STATE_COUNT ? state_names[state] : NULL;
}

const char *
bs_incident_event_name (BsIncidentEvent event)
{
  return event < BS_INCIDENT_EVENT_COUNT ? event_names[event] : NULL;
}

gboolean
bs_incident_is_live (const BsIncident *i)
{
  return i->state == BS_INCIDENT_WARNING || i->state == BS_INCIDENT_ACTIVE
         || i->state == BS_INCIDENT_RETURNED;
}

/* ---- which records are facts of an incident -------------------------------- */

/* a delay warning that cites the sender's reputation (a rate limit or a
 * connection limit alone does not: every large provider defers so) */
static gboolean
delay_cites_reputation (BsReason reason)
{
  return bs_reason_family (reason, NULL) == BS_FAMILY_REPUTATION && reason != BS_REASON_SPEEDING
         && reason != BS_REASON_TOOMANYCONN;
}

gboolean
bs_incident_fact_of (const BsRecordFacts *row, BsIncidentFact *f)
{
  memset (f, 0, sizeof *f);
  if (row->seen_at == NULL || (row->is_failure != 1 && !row->delayed))
    return FALSE;
  BsReason reason = bs_reason_from_name (row->reason);
  gboolean listed = row->blocklist != NULL && row->blocklist[0] != '\0';
  if (row->is_failure == 1)
    {
      if (bs_reason_family (reason, row->blocklist) != BS_FAMILY_REPUTATION)
        return FALSE;
      f->failure = TRUE;
      f->warning = (row->status != NULL && row->status[0] == '4')
                   || (row->has_reply && row->reply_code / 100 == 4);
    }
  else if (row->delayed)
    {
      if (!listed && !delay_cites_reputation (reason))
        return FALSE;
      f->warning = TRUE;
    }
  else
    return FALSE;
  f->sending_ip = row->sending_ip != NULL && row->sending_ip[0] != '\0' ? row->sending_ip : NULL;
  f->sender_domain = row->sender_domain;
  f->host = row->host;
  f->system = listed ? row->blocklist : NULL;
  f->destination = row->destination;
  f->recipient = row->recipient;
  f->provider_code = row->provider_code;
  f->reason = row->reason;
  f->time = row->seen_at;
  f->day = row->day;
  f->id = row->id;
  f->blame_sender = f->sending_ip == NULL
                    || (!listed && (bs_reason_sender_auth (reason)
                                    || reason == BS_REASON_POLICYVIOLATION));
  return TRUE;
}

/* ---- the set being built ----------------------------------------------------- */

/* the values of one kind and their counts: a short array, indexed by a
 * hash table only past COUNTS_LISTED values (most incidents have one IP,
 * one host, a few codes: a table each would outweigh them) */
typedef struct {
  BsIncidentCount **v;
  guint n;
  GHashTable *index;        /* value -> BsIncidentCount (not owned), or NULL */
} Counts;

#define COUNTS_LISTED 8

/* one episode while its facts are added: a run of days with a fact, none
 * more than the quiet period after the one before.  Facts may come in any
 * order: a day inside a run's reach joins it, and a day that bridges the
 * gap between two runs merges them (an episode's figures are sums, minima
 * and maxima, so the order they are added in does not matter).  No table
 * per day: a large history has tens of thousands of incidents, each with
 * a day per day of the period, and far fewer episodes. */
typedef struct {
  guint32 start, end;       /* Julian days of its first and last fact */
  gboolean refused;         /* a refusal (not a warning) on one of its days */
  gint64 failures, warnings;
  char *first, *last, *first_refusal;
  Counts senders, codes;    /* the customers hit and the codes, in this episode */
} Run;

typedef struct {
  BsIncident *inc;
  GArray *runs;             /* Run, oldest first, apart by more than the quiet period */
  GArray *recipients;       /* const char *: the set's copy of each failed recipient,
                               once per failure (counted distinct when finished) */
  Counts counts[5];         /* ips, codes, senders, destinations, hosts */
  Counts reasons;           /* reason -> its facts (in failures) */
} Building;

enum { C_IPS, C_CODES, C_SENDERS, C_DESTINATIONS, C_HOSTS, C_COUNT };

struct _BsIncidentSet {
  GTimeZone *tz, *utc;
  guint quiet;
  GHashTable *by_key;       /* key -> Building */
  GStringChunk *recipient_names;  /* each failed recipient (lower case) once */
  GHashTable *recipients;   /* set of recipient_names' strings */
  guint32 newest;           /* newest day of a fact */
};

static void
count_free (BsIncidentCount *c)
{
  g_free (c->value);
  g_free (c);
}

static void
counts_clear (Counts *t)
{
  for (guint i = 0; i < t->n; i++)
    count_free (t->v[i]);
  g_clear_pointer (&t->v, g_free);
  g_clear_pointer (&t->index, g_hash_table_unref);
  t->n = 0;
}

/* the count of value in t, added when new */
static BsIncidentCount *
counts_get (Counts *t, const char *value)
{
  if (t->index != NULL)
    {
      BsIncidentCount *c = g_hash_table_lookup (t->index, value);
      if (c != NULL)
        return c;
    }
  else
    for (guint i = 0; i < t->n; i++)
      if (strcmp (t->v[i]->value, value) == 0)
        return t->v[i];
  if ((t->n & (t->n - 1)) == 0) /* 0, 1, 2, 4...: full */
    t->v = g_renew (BsIncidentCount *, t->v, MAX (1u, t->n * 2));
  BsIncidentCount *c = g_new0 (BsIncidentCount, 1);
  c->value = g_strdup (value);
  t->v[t->n++] = c;
  if (t->index == NULL && t->n > COUNTS_LISTED)
    {
      t->index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < t->n; i++)
        g_hash_table_insert (t->index, t->v[i]->value, t->v[i]);
    }
  else if (t->index != NULL)
    g_hash_table_insert (t->index, c->value, c);
  return c;
}

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->first, g_free);
  g_clear_pointer (&r->last, g_free);
  g_clear_pointer (&r->first_refusal, g_free);
  counts_clear (&r->senders);
  counts_clear (&r->codes);
}

static void
episode_free (BsEpisode *e)
{
  g_free (e->start);
  g_free (e->last);
  g_free (e->first_refusal);
  g_free (e->start_day);
  g_free (e->last_day);
  g_free (e->cleared_day);
  g_clear_pointer (&e->sender_domains, g_ptr_array_unref);
  g_clear_pointer (&e->provider_codes, g_ptr_array_unref);
  g_free (e);
}

void
bs_incident_free (BsIncident *i)
{
  if (i == NULL)
    return;
  g_free (i->key);
  g_free (i->subject);
  g_free (i->system);
  g_free (i->reason);
  g_clear_pointer (&i->sending_ips, g_ptr_array_unref);
  g_clear_pointer (&i->provider_codes, g_ptr_array_unref);
  g_clear_pointer (&i->sender_domains, g_ptr_array_unref);
  g_clear_pointer (&i->destinations, g_ptr_array_unref);
  g_clear_pointer (&i->hosts, g_ptr_array_unref);
  g_clear_pointer (&i->episodes, g_ptr_array_unref);
  g_free (i->first);
  g_free (i->last);
  g_free (i->check_status);
  g_free (i->checked_at);
  g_free (i);
}

static void
building_free (Building *b)
{
  bs_incident_free (b->inc);
  g_array_unref (b->runs);
  g_array_unref (b->recipients);
  for (int k = 0; k < C_COUNT; k++)
    counts_clear (&b->counts[k]);
  counts_clear (&b->reasons);
  g_free (b);
}

BsIncidentSet *
bs_incident_set_new (GTimeZone *tz, guint quiet_days)
{
  BsIncidentSet *s = g_new0 (BsIncidentSet, 1);
  s->utc = g_time_zone_new_utc ();
  s->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_ref (s->utc);
  s->quiet = quiet_days > 0 ? quiet_days : BS_INCIDENT_QUIET_DAYS;
  s->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) building_free);
  s->recipient_names = g_string_chunk_new (64 * 1024);
  s->recipients = g_hash_table_new (g_str_hash, g_str_equal);
  return s;
}

void
bs_incident_set_free (BsIncidentSet *s)
{
  if (s == NULL)
    return;
  g_hash_table_unref (s->by_key);
  g_hash_table_unref (s->recipients);
  g_string_chunk_free (s->recipient_names);
  g_time_zone_unref (s->tz);
  g_time_zone_unref (s->utc);
  g_free (s);
}

static guint32
julian_in (GTimeZone *utc, GTimeZone *tz, const char *iso)
{
  if (iso == NULL)
    return 0;
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (iso, utc);
  g_autoptr (GDateTime) l = t != NULL ? g_date_time_to_timezone (t, tz) : NULL;
  if (l == NULL)
    return 0;
  GDate d;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, (GDateDay) g_date_time_get_day_of_month (l),
                  (GDateMonth) g_date_time_get_month (l), (GDateYear) g_date_time_get_year (l));
  return g_date_valid (&d) ? g_date_get_julian (&d) : 0;
}

static char *
julian_text (guint32 jd)
{
  if (jd == 0 || !g_date_valid_julian (jd))
    return NULL;
  GDate d;
  g_date_clear (&d, 1);
  g_date_set_julian (&d, jd);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d));
}

static guint32
text_julian (const char *day)
{
  int y, m, d;
  if (day == NULL || strlen (day) != 10 || sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;
  GDate date;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

char *
bs_incident_local_day (GTimeZone *tz, const char *iso)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  return julian_text (julian_in (utc, tz != NULL ? tz : utc, iso));
}

static void
keep_min (char **slot, const char *t)
{
  if (t != NULL && (*slot == NULL || strcmp (t, *slot) < 0))
    {
      g_free (*slot);
      *slot = g_strdup (t);
    }
}

static void
keep_max (char **slot, const char *t)
{
  if (t != NULL && (*slot == NULL || strcmp (t, *slot) > 0))
    {
      g_free (*slot);
      *slot = g_strdup (t);
    }
}

static BsIncidentCount *
tally (Counts *t, const char *value, const BsIncidentFact *f)
{
  if (value == NULL || value[0] == '\0')
    return NULL;
  BsIncidentCount *c = counts_get (t, value);
  if (f->failure)
    c->failures++;
  else
    c->warnings++;
  return c;
}

/* src's figures added to dst's (two runs that became one episode; src is
 * cleared when it leaves the array) */
static void
run_merge (Run *dst, Run *src)
{
  dst->start = MIN (dst->start, src->start);
  dst->end = MAX (dst->end, src->end);
  dst->refused = dst->refused || src->refused;
  dst->failures += src->failures;
  dst->warnings += src->warnings;
  keep_min (&dst->first, src->first);
  keep_max (&dst->last, src->last);
  keep_min (&dst->first_refusal, src->first_refusal);
  Counts *from[] = { &src->senders, &src->codes }, *to[] = { &dst->senders, &dst->codes };
  for (guint k = 0; k < G_N_ELEMENTS (from); k++)
    for (guint i = 0; i < from[k]->n; i++)
      {
        BsIncidentCount *c = counts_get (to[k], from[k]->v[i]->value);
        c->failures += from[k]->v[i]->failures;
        c->warnings += from[k]->v[i]->warnings;
      }
}

/* the run of b that day jd belongs to: one whose days it is at most quiet
 * days from, merged with its neighbour when jd bridges them; a new one in
 * its place when none (facts come mostly in order: the last run is tried
 * first) */
static Run *
run_of (Building *b, guint32 jd, guint quiet)
{
  GArray *runs = b->runs;
  guint lo = 0, hi = runs->len;
  /* the first run that does not end more than quiet days before jd */
  if (hi > 0 && (guint64) g_array_index (runs, Run, hi - 1).end + quiet < jd)
    lo = hi;
  else if (hi > 0 && (hi == 1 || (guint64) g_array_index (runs, Run, hi - 2).end + quiet < jd))
    lo = hi - 1;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if ((guint64) g_array_index (runs, Run, mid).end + quiet < jd)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == runs->len || (guint64) jd + quiet < g_array_index (runs, Run, lo).start)
    {
      Run r = { .start = jd, .end = jd };
      g_array_insert_val (runs, lo, r);
      return &g_array_index (runs, Run, lo);
    }
  Run *r = &g_array_index (runs, Run, lo);
  r->start = MIN (r->start, jd);
  r->end = MAX (r->end, jd);
  /* jd may now reach the next run (the one before ends too early: lo is
   * the first that does not) */
  if (lo + 1 < runs->len && (guint64) r->end + quiet >= g_array_index (runs, Run, lo + 1).start)
    {
      run_merge (r, &g_array_index (runs, Run, lo + 1));
      g_array_remove_index (runs, lo + 1);
      r = &g_array_index (runs, Run, lo);
    }
  return r;
}

/* tally value into an episode's counts of it */
static void
tally_run (Counts *t, BsIncidentCount *value, const BsIncidentFact *f)
{
  if (value == NULL)
    return;
  BsIncidentCount *c = counts_get (t, value->value);
  if (f->failure)
    c->failures++;
  else
    c->warnings++;
}

static Building *
building_for (BsIncidentSet *s, const BsIncidentFact *f)
{
  const char *subject = f->blame_sender ? f->sender_domain : f->sending_ip;
  const char *system = f->system != NULL ? f->system : f->destination;
  g_autofree char *key = g_strdup_printf ("%s %s", subject != NULL ? subject : "?",
                                          system != NULL ? system : "?");
  Building *b = g_hash_table_lookup (s->by_key, key);
  if (b != NULL)
    return b;
  b = g_new0 (Building, 1);
  b->inc = g_new0 (BsIncident, 1);
  b->inc->key = g_steal_pointer (&key);
  b->inc->blame_sender = f->blame_sender;
  b->inc->subject = g_strdup (subject != NULL ? subject : "?");
  b->inc->system = g_strdup (system != NULL ? system : "?");
  b->inc->system_listed = f->system != NULL;
  b->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  g_array_set_clear_func (b->runs, (GDestroyNotify) run_clear);
  b->recipients = g_array_new (FALSE, FALSE, sizeof (const char *));
  g_hash_table_insert (s->by_key, b->inc->key, b);
  return b;
}

void
bs_incident_set_add (BsIncidentSet *s, const BsIncidentFact *f)
{
  guint32 jd = f->day != NULL ? text_julian (f->day) : julian_in (s->utc, s->tz, f->time);
  if (jd == 0)
    return;
  Building *b = building_for (s, f);
  BsIncident *inc = b->inc;
  Run *run = run_of (b, jd, s->quiet);
  s->newest = MAX (s->newest, jd);
  keep_min (&run->first, f->time);
  keep_max (&run->last, f->time);
  keep_min (&inc->first, f->time);
  keep_max (&inc->last, f->time);
  if (f->failure)
    {
      run->failures++;
      inc->failures++;
      if (f->recipient != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (f->recipient, -1);
          const char *one = g_hash_table_lookup (s->recipients, lower);
          if (one == NULL)
            {
              one = g_string_chunk_insert (s->recipient_names, lower);
              g_hash_table_add (s->recipients, (gpointer) one);
            }
          g_array_append_val (b->recipients, one);
        }
    }
  else
    {
      run->warnings++;
      inc->warnings++;
    }
  if (f->failure && !f->warning)
    {
      run->refused = TRUE;
      keep_min (&run->first_refusal, f->time);
    }
  tally (&b->counts[C_IPS], f->sending_ip, f);
  tally_run (&run->codes, tally (&b->counts[C_CODES], f->provider_code, f), f);
  tally_run (&run->senders, tally (&b->counts[C_SENDERS], f->sender_domain, f), f);
  tally (&b->counts[C_DESTINATIONS], f->destination, f);
  tally (&b->counts[C_HOSTS], f->host, f);
  if (f->reason != NULL)
    counts_get (&b->reasons, f->reason)->failures++;
}

/* ---- finishing: episodes, state, order --------------------------------------- */

static int
compare_counts (gconstpointer pa, gconstpointer pb)
{
  const BsIncidentCount *a = *(BsIncidentCount *const *) pa, *b = *(BsIncidentCount *const *) pb;
  if (a->failures != b->failures)
    return a->failures > b->failures ? -1 : 1;
  if (a->warnings != b->warnings)
    return a->warnings > b->warnings ? -1 : 1;
  return strcmp (a->value, b->value);
}

/* t's counts, most first; t is left empty */
static GPtrArray *
sorted_counts (Counts *t)
{
  GPtrArray *a = g_ptr_array_new_full (t->n, (GDestroyNotify) count_free);
  for (guint i = 0; i < t->n; i++)
    g_ptr_array_add (a, t->v[i]);
  t->n = 0;
  counts_clear (t);
  g_ptr_array_sort (a, compare_counts);
  return a;
}

/* the episodes of b's runs, and its state at ref; the runs are left empty */
static void
cut_episodes (Building *b, guint quiet, guint32 ref)
{
  BsIncident *inc = b->inc;
  inc->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) episode_free);
  gboolean refused_before = FALSE;
  BsEpisode *e = NULL;
  const Run *last = NULL;
  for (guint i = 0; i < b->runs->len; i++)
    {
      Run *r = &g_array_index (b->runs, Run, i);
      refused_before = refused_before || (last != NULL && last->refused);
      e = g_new0 (BsEpisode, 1);
      g_ptr_array_add (inc->episodes, e);
      e->start = g_steal_pointer (&r->first);
      e->last = g_steal_pointer (&r->last);
      e->first_refusal = g_steal_pointer (&r->first_refusal);
      e->start_day = julian_text (r->start);
      e->last_day = julian_text (r->end);
      if (ref >= (guint64) r->end + quiet)
        e->cleared_day = julian_text (r->end + quiet);
      e->failures = r->failures;
      e->warnings = r->warnings;
      e->sender_domains = sorted_counts (&r->senders);
      e->provider_codes = sorted_counts (&r->codes);
      last = r;
    }
  if (e == NULL)
    inc->state = BS_INCIDENT_NONE;
  else if (e->cleared_day != NULL)
    inc->state = BS_INCIDENT_CLEARED;
  else if (!last->refused)
    inc->state = BS_INCIDENT_WARNING;
  else
    inc->state = refused_before ? BS_INCIDENT_RETURNED : BS_INCIDENT_ACTIVE;
}

static int
state_rank (BsIncidentState s)
{
  switch (s)
    {
    case BS_INCIDENT_ACTIVE:
    case BS_INCIDENT_RETURNED:
      return 0;
    case BS_INCIDENT_WARNING:
      return 1;
    case BS_INCIDENT_CLEARED:
      return 2;
    default:
      return 3;
    }
}

static int
compare_incidents (gconstpointer pa, gconstpointer pb)
{
  const BsIncident *a = *(BsIncident *const *) pa, *b = *(BsIncident *const *) pb;
  int ra = state_rank (a->state), rb = state_rank (b->state);
  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (a->recipients != b->recipients)
    return a->recipients > b->recipients ? -1 : 1;
  if (a->failures != b->failures)
    return a->failures > b->failures ? -1 : 1;
  if (a->warnings != b->warnings)
    return a->warnings > b->warnings ? -1 : 1;
  return strcmp (a->key, b->key);
}

static int
compare_pointers (gconstpointer pa, gconstpointer pb)
{
  guintptr a = (guintptr) *(const char *const *) pa, b = (guintptr) *(const char *const *) pb;
  return a < b ? -1 : a > b;
}

/* how many distinct recipients (one copy each: distinct pointers) */
static gint64
distinct_recipients (GArray *recipients)
{
  g_array_sort (recipients, compare_pointers);
  gint64 n = 0;
  for (guint i = 0; i < recipients->len; i++)
    n += i == 0 || g_array_index (recipients, const char *, i)
                     != g_array_index (recipients, const char *, i - 1);
  return n;
}

/* the most frequent reason (then by name) */
static char *
top_reason (const Counts *reasons)
{
  const char *best = NULL;
  gint64 most = 0;
  for (guint i = 0; i < reasons->n; i++)
    {
      const BsIncidentCount *c = reasons->v[i];
      if (c->failures > most || (c->failures == most && best != NULL && strcmp (c->value, best) < 0))
        {
          best = c->value;
          most = c->failures;
        }
    }
  return g_strdup (best);
}

GPtrArray *
bs_incident_set_finish (BsIncidentSet *s, const char *ref_day)
{
  guint32 ref = ref_day != NULL ? text_julian (ref_day) : s->newest;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_incident_free);
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, s->by_key);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      Building *b = v;
      BsIncident *inc = b->inc;
      cut_episodes (b, s->quiet, ref);
      inc->recipients = distinct_recipients (b->recipients);
      inc->sending_ips = sorted_counts (&b->counts[C_IPS]);
      inc->provider_codes = sorted_counts (&b->counts[C_CODES]);
      inc->sender_domains = sorted_counts (&b->counts[C_SENDERS]);
      inc->destinations = sorted_counts (&b->counts[C_DESTINATIONS]);
      inc->hosts = sorted_counts (&b->counts[C_HOSTS]);
      inc->reason = top_reason (&b->reasons);
      b->inc = NULL;
      g_hash_table_iter_remove (&it);
      if (inc->state == BS_INCIDENT_NONE)
        bs_incident_free (inc);
      else
        g_ptr_array_add (out, inc);
    }
  s->newest = 0;
  g_ptr_array_sort (out, compare_incidents);
  return out;
}

/* ---- events --------------------------------------------------------------------- */

void
bs_incidents_set_events (GPtrArray *before, GPtrArray *after)
{
  g_autoptr (GHashTable) earlier = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; before != NULL && i < before->len; i++)
    {
      BsIncident *b = g_ptr_array_index (before, i);
      g_hash_table_insert (earlier, b->key, b);
    }
  static const BsIncidentEvent to[BS_INCIDENT_STATE_COUNT] = {
    [BS_INCIDENT_WARNING] = BS_INCIDENT_EVENT_WARNING,
    [BS_INCIDENT_ACTIVE] = BS_INCIDENT_EVENT_OPENED,
    [BS_INCIDENT_RETURNED] = BS_INCIDENT_EVENT_RETURNED,
    [BS_INCIDENT_CLEARED] = BS_INCIDENT_EVENT_CLEARED,
  };
  for (guint i = 0; i < after->len; i++)
    {
      BsIncident *a = g_ptr_array_index (after, i);
      const BsIncident *b = g_hash_table_lookup (earlier, a->key);
      BsIncidentState was = b != NULL ? b->state : BS_INCIDENT_NONE;
      guint episodes = b != NULL ? b->episodes->len : 0;
      a->event = was == a->state && episodes == a->episodes->len ? BS_INCIDENT_EVENT_NONE
                                                                 : to[a->state];
    }
}

guint
bs_incidents_count_events (const GPtrArray *list)
{
  guint n = 0;
  for (guint i = 0; list != NULL && i < list->len; i++)
    n += ((const BsIncident *) g_ptr_array_index (list, i))->event != BS_INCIDENT_EVENT_NONE;
  return n;
}
