/* test-incidents.c - the incident builder (reports/incidents.c) on
 * synthetic facts: which records are facts, episodes and the quiet period,
 * states at a reference day, local days, events between two judgements,
 * page order, the customers hit
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <glib.h>
#include <string.h>

#include "bs.h"
#include "incidents.h"

/* ---- which records are facts ----------------------------------------------- */

static void
test_fact_of (void)
{
  BsIncidentFact f;
  BsRecordFacts r = { .id = 1, .recipient = "a@hotmail.com", .destination = "hotmail.com",
                      .sender_domain = "shop.example.jp", .sending_ip = "203.0.113.12",
                      .status = "5.7.1", .has_reply = TRUE, .reply_code = 550,
                      .provider_code = "S3150", .reason = "blocked", .blocklist = "microsoft-olc",
                      .seen_at = "2026-11-08T23:07:14Z", .is_failure = 1 };
  g_assert_true (bs_incident_fact_of (&r, &f));
  g_assert_true (f.failure);
  g_assert_false (f.warning);
  g_assert_false (f.blame_sender);
  g_assert_cmpstr (f.system, ==, "microsoft-olc");

  /* a 4xx refusal is a warning */
  BsRecordFacts t = r;
  t.status = "4.7.650";
  t.reply_code = 451;
  g_assert_true (bs_incident_fact_of (&t, &f));
  g_assert_true (f.failure && f.warning);

  /* a delay warning citing reputation or a blocklist */
  BsRecordFacts d = r;
  d.is_failure = 0;
  d.delayed = TRUE;
  d.reason = "badreputation";
  g_assert_true (bs_incident_fact_of (&d, &f));
  g_assert_true (!f.failure && f.warning);
  /* a greylisting delay is none; nor a rate limit that names no list */
  d.blocklist = NULL;
  d.reason = "expired";
  g_assert_false (bs_incident_fact_of (&d, &f));
  d.reason = "speeding";
  g_assert_false (bs_incident_fact_of (&d, &f));

  /* address problems are none */
  BsRecordFacts u = r;
  u.reason = "userunknown";
  u.blocklist = NULL;
  g_assert_false (bs_incident_fact_of (&u, &f));
  /* a notice that is no delay is none, nor a record without a time */
  BsRecordFacts n = r;
  n.is_failure = 0;
  g_assert_false (bs_incident_fact_of (&n, &f));
  n = r;
  n.seen_at = NULL;
  g_assert_false (bs_incident_fact_of (&n, &f));

  /* authentication blames the sender domain, whatever IP sent it */
  BsRecordFacts a = r;
  a.reason = "authfailure";
  a.blocklist = NULL;
  a.destination = "gmail.com";
  g_assert_true (bs_incident_fact_of (&a, &f));
  g_assert_true (f.blame_sender);
  g_assert_null (f.system);
}

/* ---- a month: warning, block, quiet, warning, block again --------------------- */

typedef struct {
  const char *time;
  gboolean warning;          /* a delay warning, else a refusal */
  const char *sender;
  const char *recipient;
} MonthFact;

/* in UTC; Japan is 9 hours ahead: 2026-11-08T23:07Z is 9 Nov in Japan */
static const MonthFact month[] = {
  { "2026-11-07T23:28:00Z", TRUE, "shop.example.jp", "a@outlook.jp" },   /* 8 Nov JST */
  { "2026-11-08T05:00:00Z", TRUE, "news.example.com", "b@hotmail.com" },
  { "2026-11-08T23:07:14Z", FALSE, "shop.example.jp", "c@outlook.jp" },  /* 9 Nov JST */
  { "2026-11-09T02:00:00Z", FALSE, "news.example.com", "d@hotmail.com" },
  { "2026-11-12T02:00:00Z", FALSE, "news.example.com", "d@hotmail.com" },
  { "2026-11-15T10:00:00Z", FALSE, "kobo.example.jp", "e@live.jp" },     /* 15 Nov JST */
  { "2026-11-28T23:00:00Z", TRUE, "shop.example.jp", "f@outlook.jp" },   /* 29 Nov JST */
  { "2026-11-30T01:15:00Z", FALSE, "salon.example.jp", "g@outlook.jp" }, /* 30 Nov JST */
};

static void
add_month (BsIncidentSet *set, const char *until)
{
  for (gsize i = 0; i < G_N_ELEMENTS (month); i++)
    {
      if (until != NULL && strcmp (month[i].time, until) > 0)
        break;
      BsIncidentFact f = { .sending_ip = "203.0.113.12", .sender_domain = month[i].sender,
                           .system = "microsoft-olc", .destination = "outlook.jp",
                           .recipient = month[i].recipient,
                           .provider_code = month[i].warning ? "S775" : "S3150",
                           .reason = month[i].warning ? "badreputation" : "blocked",
                           .time = month[i].time, .id = (gint64) i + 1,
                           .failure = !month[i].warning, .warning = month[i].warning };
      bs_incident_set_add (set, &f);
    }
}

/* the incidents of the month up to until (a UTC time), judged at ref (a day in Japan) */
static GPtrArray *
judge (const char *until, const char *ref)
{
  g_autoptr (GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_assert_nonnull (tokyo);
  g_autoptr (BsIncidentSet) set = bs_incident_set_new (tokyo, 7);
  add_month (set, until);
  return bs_incident_set_finish (set, ref);
}

static BsIncidentState
state_at (const char *until, const char *ref)
{
  g_autoptr (GPtrArray) list = judge (until, ref);
  g_assert_cmpuint (list->len, ==, 1);
  return ((BsIncident *) g_ptr_array_index (list, 0))->state;
}

static void
test_states (void)
{
  g_assert_cmpint (state_at ("2026-11-08T12:00:00Z", "2026-11-08"), ==, BS_INCIDENT_WARNING);
  g_assert_cmpint (state_at ("2026-11-08T23:59:00Z", "2026-11-09"), ==, BS_INCIDENT_ACTIVE);
  g_assert_cmpint (state_at ("2026-11-20T00:00:00Z", "2026-11-21"), ==, BS_INCIDENT_ACTIVE);
  /* cleared on the last day + 7 */
  g_assert_cmpint (state_at ("2026-11-21T00:00:00Z", "2026-11-22"), ==, BS_INCIDENT_CLEARED);
  g_assert_cmpint (state_at ("2026-11-28T23:30:00Z", "2026-11-29"), ==, BS_INCIDENT_WARNING);
  g_assert_cmpint (state_at (NULL, "2026-11-30"), ==, BS_INCIDENT_RETURNED);
  g_assert_cmpint (state_at (NULL, "2026-12-07"), ==, BS_INCIDENT_CLEARED);
  /* without a reference day: the newest day of a fact */
  g_assert_cmpint (state_at (NULL, NULL), ==, BS_INCIDENT_RETURNED);
}

static void
test_episodes (void)
{
  g_autoptr (GPtrArray) list = judge (NULL, "2026-12-01");
  const BsIncident *inc = g_ptr_array_index (list, 0);
  g_assert_cmpstr (inc->key, ==, "203.0.113.12 microsoft-olc");
  g_assert_cmpint (inc->failures, ==, 5);
  g_assert_cmpint (inc->warnings, ==, 3);
  /* d@hotmail.com failed twice */
  g_assert_cmpint (inc->recipients, ==, 4);
  g_assert_cmpuint (inc->episodes->len, ==, 2);
  const BsEpisode *e1 = g_ptr_array_index (inc->episodes, 0);
  const BsEpisode *e2 = g_ptr_array_index (inc->episodes, 1);
  g_assert_cmpstr (e1->start_day, ==, "2026-11-08");
  g_assert_cmpstr (e1->last_day, ==, "2026-11-15");
  g_assert_cmpstr (e1->cleared_day, ==, "2026-11-22");
  g_assert_cmpstr (e1->start, ==, "2026-11-07T23:28:00Z");
  g_assert_cmpstr (e1->first_refusal, ==, "2026-11-08T23:07:14Z");
  g_assert_cmpint (e1->failures, ==, 4);
  g_assert_cmpint (e1->warnings, ==, 2);
  g_assert_cmpstr (e2->start_day, ==, "2026-11-29");
  g_assert_null (e2->cleared_day);
  g_assert_cmpstr (e2->first_refusal, ==, "2026-11-30T01:15:00Z");
  /* the customers of the second episode alone */
  g_assert_cmpuint (e2->sender_domains->len, ==, 2);
  g_assert_cmpstr (((BsIncidentCount *) g_ptr_array_index (e2->sender_domains, 0))->value, ==,
                   "salon.example.jp");
  /* the customers hit, most failures first; a customer hit only by a
   * warning is named too */
  g_assert_cmpuint (inc->sender_domains->len, ==, 4);
  const BsIncidentCount *c0 = g_ptr_array_index (inc->sender_domains, 0);
  g_assert_cmpstr (c0->value, ==, "news.example.com");
  g_assert_cmpint (c0->failures, ==, 2);
  g_assert_cmpint (c0->warnings, ==, 1);
  g_assert_cmpstr (inc->reason, ==, "blocked");
  const BsIncidentCount *code = g_ptr_array_index (inc->provider_codes, 0);
  g_assert_cmpstr (code->value, ==, "S3150");
}

/* a fact at 23:07 UTC on 8 Nov is a day of 9 Nov in Japan, of 8 Nov in UTC */
static void
test_local_days (void)
{
  g_autoptr (GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autofree char *jst = bs_incident_local_day (tokyo, "2026-11-08T23:07:14Z");
  g_autofree char *utc = bs_incident_local_day (NULL, "2026-11-08T23:07:14Z");
  g_assert_cmpstr (jst, ==, "2026-11-09");
  g_assert_cmpstr (utc, ==, "2026-11-08");
  g_autofree char *bad = bs_incident_local_day (tokyo, "yesterday");
  g_assert_null (bad);

  /* in UTC the warning day and the first refusal share 8 Nov */
  g_autoptr (BsIncidentSet) set = bs_incident_set_new (NULL, 7);
  add_month (set, "2026-11-08T23:59:00Z");
  g_autoptr (GPtrArray) list = bs_incident_set_finish (set, "2026-11-08");
  const BsIncident *inc = g_ptr_array_index (list, 0);
  const BsEpisode *e1 = g_ptr_array_index (inc->episodes, 0);
  g_assert_cmpstr (e1->start_day, ==, "2026-11-07");
  g_assert_cmpint (inc->state, ==, BS_INCIDENT_ACTIVE);
}

static BsIncidentEvent
event_between (const char *until_before, const char *ref_before, const char *until,
               const char *ref)
{
  g_autoptr (GPtrArray) before = until_before != NULL ? judge (until_before, ref_before) : NULL;
  g_autoptr (GPtrArray) after = judge (until, ref);
  bs_incidents_set_events (before, after);
  g_assert_cmpuint (bs_incidents_count_events (after), <=, 1);
  return ((BsIncident *) g_ptr_array_index (after, 0))->event;
}

static void
test_events (void)
{
  g_assert_cmpint (event_between (NULL, NULL, "2026-11-08T12:00:00Z", "2026-11-08"), ==,
                   BS_INCIDENT_EVENT_WARNING);
  g_assert_cmpint (event_between ("2026-11-08T12:00:00Z", "2026-11-08", "2026-11-09T12:00:00Z",
                                  "2026-11-09"), ==, BS_INCIDENT_EVENT_OPENED);
  /* more refusals of a live incident are no news */
  g_assert_cmpint (event_between ("2026-11-09T12:00:00Z", "2026-11-09", "2026-11-12T12:00:00Z",
                                  "2026-11-12"), ==, BS_INCIDENT_EVENT_NONE);
  /* the day before the quiet period ends, and the day it does */
  g_assert_cmpint (event_between ("2026-11-20T00:00:00Z", "2026-11-20", "2026-11-21T00:00:00Z",
                                  "2026-11-21"), ==, BS_INCIDENT_EVENT_NONE);
  g_assert_cmpint (event_between ("2026-11-21T00:00:00Z", "2026-11-21", "2026-11-22T00:00:00Z",
                                  "2026-11-22"), ==, BS_INCIDENT_EVENT_CLEARED);
  g_assert_cmpint (event_between ("2026-11-28T00:00:00Z", "2026-11-28", "2026-11-28T23:30:00Z",
                                  "2026-11-29"), ==, BS_INCIDENT_EVENT_WARNING);
  g_assert_cmpint (event_between ("2026-11-28T23:30:00Z", "2026-11-29", NULL, "2026-11-30"), ==,
                   BS_INCIDENT_EVENT_RETURNED);
  /* a first scan of the whole month: the incident is live again */
  g_assert_cmpint (event_between (NULL, NULL, NULL, "2026-11-30"), ==,
                   BS_INCIDENT_EVENT_RETURNED);
}

static void
add_simple (BsIncidentSet *set, const char *ip, const char *system, const char *time,
            const char *recipient, gboolean warning)
{
  BsIncidentFact f = { .sending_ip = ip, .sender_domain = "a.example", .system = system,
                       .destination = "d.example", .recipient = recipient, .reason = "blocked",
                       .time = time, .failure = !warning, .warning = warning };
  bs_incident_set_add (set, &f);
}

static void
test_order (void)
{
  g_autoptr (BsIncidentSet) set = bs_incident_set_new (NULL, 7);
  /* cleared, with the most recipients */
  for (int i = 0; i < 9; i++)
    {
      g_autofree char *r = g_strdup_printf ("r%d@d.example", i);
      add_simple (set, "192.0.2.1", "spamhaus-zen", "2026-11-01T10:00:00Z", r, FALSE);
    }
  /* a warning */
  add_simple (set, "192.0.2.2", "microsoft-olc", "2026-11-20T10:00:00Z", NULL, TRUE);
  /* two live ones: the one with more recipients first */
  add_simple (set, "192.0.2.3", "spamcop", "2026-11-19T10:00:00Z", "x@d.example", FALSE);
  add_simple (set, "192.0.2.4", "microsoft-eop", "2026-11-19T10:00:00Z", "x@d.example", FALSE);
  add_simple (set, "192.0.2.4", "microsoft-eop", "2026-11-20T10:00:00Z", "y@d.example", FALSE);
  /* no system named: the destination stands in */
  add_simple (set, "192.0.2.5", NULL, "2026-10-01T10:00:00Z", "z@d.example", FALSE);
  g_autoptr (GPtrArray) list = bs_incident_set_finish (set, NULL);
  static const char *const keys[] = { "192.0.2.4 microsoft-eop", "192.0.2.3 spamcop",
                                      "192.0.2.2 microsoft-olc", "192.0.2.1 spamhaus-zen",
                                      "192.0.2.5 d.example" };
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (keys));
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpstr (((BsIncident *) g_ptr_array_index (list, i))->key, ==, keys[i]);
  g_assert_cmpint (((BsIncident *) g_ptr_array_index (list, 2))->state, ==, BS_INCIDENT_WARNING);
  g_assert_cmpint (((BsIncident *) g_ptr_array_index (list, 3))->state, ==, BS_INCIDENT_CLEARED);
  g_assert_true (bs_incident_is_live (g_ptr_array_index (list, 0)));
  g_assert_false (bs_incident_is_live (g_ptr_array_index (list, 4)));
}

/* an episode of warnings only that cleared, then refusals: opened, not returned */
static void
test_first_refusals_after_warnings (void)
{
  g_autoptr (BsIncidentSet) set = bs_incident_set_new (NULL, 7);
  add_simple (set, "192.0.2.9", "microsoft-olc", "2026-11-01T10:00:00Z", NULL, TRUE);
  add_simple (set, "192.0.2.9", "microsoft-olc", "2026-11-20T10:00:00Z", "a@d.example", FALSE);
  g_autoptr (GPtrArray) list = bs_incident_set_finish (set, "2026-11-20");
  const BsIncident *inc = g_ptr_array_index (list, 0);
  g_assert_cmpuint (inc->episodes->len, ==, 2);
  g_assert_cmpint (inc->state, ==, BS_INCIDENT_ACTIVE);
  g_assert_cmpstr (bs_incident_state_name (inc->state), ==, "active");
  g_assert_cmpstr (bs_incident_event_name (BS_INCIDENT_EVENT_OPENED), ==, "opened");
  g_assert_null (bs_incident_state_name (BS_INCIDENT_NONE));
}

/* the history's filter in a zone: local days, the period's UTC bounds */
static void
test_filter_zone (void)
{
  g_autoptr (BsHistoryFilter) f = bs_history_filter_new ("2026-11-09", "2026-11-09", NULL,
                                                         "Asia/Tokyo", NULL);
  g_assert_nonnull (f);
  g_assert_true (bs_history_filter_is_local (f));
  g_assert_cmpstr (bs_history_filter_since_at (f), ==, "2026-11-08T15:00:00Z");
  g_assert_cmpstr (bs_history_filter_until_at (f), ==, "2026-11-09T15:00:00Z");
  char day[11], time[32];
  g_assert_true (bs_history_filter_localise (f, "2026-11-08T23:07:14Z", day, time));
  g_assert_cmpstr (day, ==, "2026-11-09");
  g_assert_cmpstr (time, ==, "2026-11-09T08:07:14+09:00");
  g_assert_false (bs_history_filter_localise (f, "2026-11-08 23:07", day, time));

  g_autoptr (BsHistoryFilter) utc = bs_history_filter_new (NULL, NULL, NULL, "UTC", NULL);
  g_assert_false (bs_history_filter_is_local (utc));
  g_assert_true (bs_history_filter_localise (utc, "2026-11-08T23:07:14Z", day, time));
  g_assert_cmpstr (day, ==, "2026-11-08");
  g_assert_cmpstr (time, ==, "2026-11-08T23:07:14+00:00");
  g_autoptr (GError) error = NULL;
  g_autoptr (BsHistoryFilter) bad = bs_history_filter_new (NULL, NULL, NULL, "Mars/Base", &error);
  g_assert_null (bad);
  g_assert_error (error, BS_ERROR, BS_ERROR_USAGE);
  /* summer time starts at 01:00 UTC on 29 March in Berlin; a cache per reader */
  g_autoptr (BsHistoryFilter) berlin = bs_history_filter_new (NULL, NULL, NULL, "Europe/Berlin",
                                                              NULL);
  BsZoneCache cache = { "", 0 };
  static const char *const berlin_times[][2] = {
    { "2026-03-29T00:59:59Z", "2026-03-29T01:59:59+01:00" },
    { "2026-03-29T01:00:00Z", "2026-03-29T03:00:00+02:00" },
    { "2026-03-29T00:10:00Z", "2026-03-29T01:10:00+01:00" },
    { "2026-12-31T23:30:00Z", "2027-01-01T00:30:00+01:00" },
    { "2026-12-31T23:45:00Z", "2027-01-01T00:45:00+01:00" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (berlin_times); i++)
    {
      g_assert_true (bs_history_filter_localise_cached (berlin, berlin_times[i][0], day, time,
                                                        &cache));
      g_assert_cmpstr (time, ==, berlin_times[i][1]);
    }
  g_autoptr (BsHistoryFilter) ny = bs_history_filter_new (NULL, NULL, NULL, "America/New_York",
                                                          NULL);
  g_assert_true (bs_history_filter_localise (ny, "2026-11-09T03:00:00Z", day, time));
  g_assert_cmpstr (time, ==, "2026-11-08T22:00:00-05:00");
  g_assert_cmpstr (day, ==, "2026-11-08");
  g_autoptr (BsHistoryFilter) kolkata = bs_history_filter_new (NULL, NULL, NULL, "Asia/Kolkata",
                                                               NULL);
  g_assert_true (bs_history_filter_localise (kolkata, "2026-11-08T20:00:00Z", day, time));
  g_assert_cmpstr (time, ==, "2026-11-09T01:30:00+05:30");
  g_autoptr (BsHistoryFilter) local = bs_history_filter_new (NULL, NULL, NULL, "local", NULL);
  g_assert_nonnull (local);
  g_assert_nonnull (bs_history_filter_time_zone_name (local));
}

/* ---- the same facts in any order, and many values -------------------------- */

static void
describe_counts (GString *out, const char *what, const GPtrArray *counts)
{
  g_string_append_printf (out, " %s:", what);
  for (guint i = 0; i < counts->len; i++)
    {
      const BsIncidentCount *c = g_ptr_array_index (counts, i);
      g_string_append_printf (out, " %s=%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, c->value,
                              c->failures, c->warnings);
    }
}

/* everything the builder says about list, as text */
static char *
describe (const GPtrArray *list)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < list->len; i++)
    {
      const BsIncident *inc = g_ptr_array_index (list, i);
      g_string_append_printf (out, "%s %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " %" G_GINT64_FORMAT " %s %s %s",
                              inc->key, inc->state, inc->failures, inc->warnings, inc->recipients,
                              inc->reason, inc->first, inc->last);
      describe_counts (out, "ips", inc->sending_ips);
      describe_counts (out, "codes", inc->provider_codes);
      describe_counts (out, "senders", inc->sender_domains);
      describe_counts (out, "destinations", inc->destinations);
      describe_counts (out, "hosts", inc->hosts);
      for (guint k = 0; k < inc->episodes->len; k++)
        {
          const BsEpisode *e = g_ptr_array_index (inc->episodes, k);
          g_string_append_printf (out, "\n  %s %s %s %s %s %s %" G_GINT64_FORMAT
                                  " %" G_GINT64_FORMAT, e->start_day, e->last_day,
                                  e->cleared_day != NULL ? e->cleared_day : "-", e->start, e->last,
                                  e->first_refusal != NULL ? e->first_refusal : "-", e->failures, e->warnings);
          describe_counts (out, "senders", e->sender_domains);
          describe_counts (out, "codes", e->provider_codes);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* the month in the order of order[], with a second incident whose 12
 * customers and recipients (in two cases) pass the short lists' limit */
static char *
judge_in_order (const guint *order)
{
  g_autoptr (GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr (BsIncidentSet) set = bs_incident_set_new (tokyo, 7);
  for (gsize n = 0; n < G_N_ELEMENTS (month); n++)
    {
      gsize i = order[n];
      BsIncidentFact f = { .sending_ip = "203.0.113.12", .sender_domain = month[i].sender,
                           .system = "microsoft-olc", .destination = "outlook.jp",
                           .recipient = month[i].recipient,
                           .provider_code = month[i].warning ? "S775" : "S3150",
                           .reason = month[i].warning ? "badreputation" : "blocked",
                           .time = month[i].time, .id = (gint64) i + 1,
                           .failure = !month[i].warning, .warning = month[i].warning };
      bs_incident_set_add (set, &f);
      for (guint c = 0; c < 12; c++)
        {
          g_autofree char *sender = g_strdup_printf ("c%02u.example.jp", (c * 7 + (guint) i) % 12);
          g_autofree char *rcpt = g_strdup_printf (c % 2 ? "U%u@Example.com" : "u%u@example.com",
                                                   c % 5);
          f.sending_ip = "198.51.100.7";
          f.system = "spamhaus-zen";
          f.sender_domain = sender;
          f.recipient = rcpt;
          bs_incident_set_add (set, &f);
        }
    }
  g_autoptr (GPtrArray) list = bs_incident_set_finish (set, "2026-12-01");
  g_assert_cmpuint (list->len, ==, 2);
  return describe (list);
}

static void
test_any_order (void)
{
  guint n = G_N_ELEMENTS (month), forward[G_N_ELEMENTS (month)], backward[G_N_ELEMENTS (month)],
        mixed[G_N_ELEMENTS (month)], outside_in[G_N_ELEMENTS (month)],
        shuffled[G_N_ELEMENTS (month)];
  for (guint i = 0; i < n; i++)
    {
      forward[i] = i;
      backward[i] = n - 1 - i;
      mixed[i] = i < (n + 1) / 2 ? 2 * i : 2 * (i - (n + 1) / 2) + 1;  /* even, then odd */
      /* the first and the last fact, then inwards: far-apart days first,
       * whose episodes the days between join (and merge) later */
      outside_in[i] = i % 2 == 0 ? i / 2 : n - 1 - i / 2;
      shuffled[i] = i;
    }
  g_autoptr (GRand) rand = g_rand_new_with_seed (18);
  for (guint i = n - 1; i > 0; i--)
    {
      guint k = (guint) g_rand_int_range (rand, 0, (gint32) i + 1), t = shuffled[i];
      shuffled[i] = shuffled[k];
      shuffled[k] = t;
    }
  g_autofree char *in_order = judge_in_order (forward);
  g_autofree char *reversed = judge_in_order (backward);
  g_autofree char *interleaved = judge_in_order (mixed);
  g_autofree char *inwards = judge_in_order (outside_in);
  g_autofree char *random = judge_in_order (shuffled);
  g_assert_cmpstr (reversed, ==, in_order);
  g_assert_cmpstr (interleaved, ==, in_order);
  g_assert_cmpstr (inwards, ==, in_order);
  g_assert_cmpstr (random, ==, in_order);
  /* 12 customers, 5 recipients (case ignored) */
  g_assert_nonnull (strstr (in_order, "198.51.100.7 spamhaus-zen"));
  g_assert_nonnull (strstr (in_order, "c11.example.jp="));
  g_assert_nonnull (strstr (in_order, "198.51.100.7 spamhaus-zen 3 60 36 5 "));
}

/* facts days apart, added so that two episodes form first and a day
 * between them, added last, makes them one: the same incident as in order */
static char *
judge_bridge (const guint *order, guint n)
{
  static const struct {
    const char *time, *sender, *code;
    gboolean warning;
  } facts[] = {
    { "2026-11-01T09:00:00Z", "a.example.jp", "S775", TRUE },
    { "2026-11-05T10:00:00Z", "b.example.jp", "S3150", FALSE },
    { "2026-11-09T11:00:00Z", "a.example.jp", "S3150", FALSE },
    { "2026-11-20T12:00:00Z", "c.example.jp", "S3150", FALSE },
    { "2026-11-13T13:00:00Z", "b.example.jp", "S775", TRUE },
  };
  g_autoptr (BsIncidentSet) set = bs_incident_set_new (NULL, 7);
  for (guint k = 0; k < n; k++)
    {
      guint i = order[k];
      BsIncidentFact f = { .sending_ip = "203.0.113.12", .sender_domain = facts[i].sender,
                           .system = "microsoft-olc", .destination = "outlook.jp",
                           .recipient = "u@example.jp", .provider_code = facts[i].code,
                           .reason = "blocked", .time = facts[i].time, .id = (gint64) i + 1,
                           .failure = TRUE, .warning = facts[i].warning };
      bs_incident_set_add (set, &f);
    }
  g_autoptr (GPtrArray) list = bs_incident_set_finish (set, "2026-11-21");
  g_assert_cmpuint (list->len, ==, 1);
  return describe (list);
}

static void
test_bridge (void)
{
  /* days 1, 5, 9, 13, 20: one episode (no gap over 7 days) */
  static const guint forward[] = { 0, 1, 2, 4, 3 }, apart[] = { 0, 2, 3, 1, 4 },
                     ends_first[] = { 3, 0, 4, 1, 2 };
  g_autofree char *in_order = judge_bridge (forward, G_N_ELEMENTS (forward));
  g_assert_nonnull (strstr (in_order, "\n  2026-11-01 2026-11-20 - 2026-11-01T09:00:00Z "
                                      "2026-11-20T12:00:00Z 2026-11-05T10:00:00Z 5 0 senders: a.example.jp=2/0 "
                                      "b.example.jp=2/0 c.example.jp=1/0 codes: S3150=3/0 S775=2/0"));
  g_assert_null (strstr (in_order, "\n  2026-11-13"));   /* one episode */
  g_autofree char *bridged = judge_bridge (apart, G_N_ELEMENTS (apart));
  g_autofree char *from_ends = judge_bridge (ends_first, G_N_ELEMENTS (ends_first));
  g_assert_cmpstr (bridged, ==, in_order);
  g_assert_cmpstr (from_ends, ==, in_order);
  /* without the days between, three episodes: 1, 9 and 20 are apart */
  static const guint three[] = { 0, 2, 3 };
  g_autofree char *split = judge_bridge (three, G_N_ELEMENTS (three));
  g_assert_nonnull (strstr (split, "\n  2026-11-01 2026-11-01 "));
  g_assert_nonnull (strstr (split, "\n  2026-11-09 2026-11-09 "));
  g_assert_nonnull (strstr (split, "\n  2026-11-20 2026-11-20 "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/incidents/fact-of", test_fact_of);
  g_test_add_func ("/incidents/states", test_states);
  g_test_add_func ("/incidents/episodes", test_episodes);
  g_test_add_func ("/incidents/local-days", test_local_days);
  g_test_add_func ("/incidents/events", test_events);
  g_test_add_func ("/incidents/order", test_order);
  g_test_add_func ("/incidents/first-refusals-after-warnings", test_first_refusals_after_warnings);
  g_test_add_func ("/incidents/filter-zone", test_filter_zone);
  g_test_add_func ("/incidents/any-order", test_any_order);
  g_test_add_func ("/incidents/bridge", test_bridge);
  return g_test_run ();
}
