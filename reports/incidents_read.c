/* incidents_read.c - the incidents of the history: one read of the
 * records' facts (history/read.h) fed to the builder (incidents.c), twice
 * when events are asked for: every record, and the records that were there
 * before the window (before the latest scan, or before a day), each
 * judged at its own reference day (see incidents.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "incidents.h"

#include <stdio.h>
#include <string.h>

void
bs_incident_list_free (BsIncidentList *l)
{
  if (l == NULL)
    return;
  g_clear_pointer (&l->incidents, g_ptr_array_unref);
  g_free (l->reference_day);
  g_free (l);
}

/* the day before day ("YYYY-MM-DD"), or NULL */
static char *
day_before (const char *day)
{
  int y, m, d;
  if (day == NULL || sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  GDate date;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_subtract_days (&date, 1);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* the local day of the newest time, never after today; NULL: none */
static char *
reference_day (GTimeZone *tz, const char *newest, const char *today)
{
  if (newest == NULL)
    return NULL;
  g_autofree char *day = bs_incident_local_day (tz, newest);
  if (day != NULL && today != NULL && strcmp (day, today) > 0)
    return g_strdup (today);
  return g_steal_pointer (&day);
}

static void
keep_newest (char **slot, const char *t)
{
  if (t != NULL && (*slot == NULL || strcmp (t, *slot) > 0))
    {
      g_free (*slot);
      *slot = g_strdup (t);
    }
}

/* the last live check (--check) of each blamed IP on its incident's list */
static gboolean
add_checks (BsHistoryRead *read, GPtrArray *incidents, GError **error)
{
  if (!bs_history_has_checks (read))
    return TRUE;
  for (guint i = 0; i < incidents->len; i++)
    {
      BsIncident *inc = g_ptr_array_index (incidents, i);
      if (inc->blame_sender || !inc->system_listed)
        continue;
      g_autoptr (BsHistoryIter) it = bs_history_checks_of (read, inc->subject, error);
      if (it == NULL)
        return FALSE;
      BsCheckRow row;
      g_autoptr (GError) local = NULL;
      while (bs_history_next_check (it, &row, &local))
        if (g_strcmp0 (row.list, inc->system) == 0 && row.checked_at != NULL
            && (inc->checked_at == NULL || strcmp (row.checked_at, inc->checked_at) > 0))
          {
            g_free (inc->checked_at);
            g_free (inc->check_status);
            inc->checked_at = g_strdup (row.checked_at);
            inc->check_status = g_strdup (row.status);
          }
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

BsIncidentList *
bs_incidents_read (BsHistoryRead *read, const BsIncidentOptions *o, GError **error)
{
  GTimeZone *tz = bs_history_filter_time_zone (o->filter);
  guint quiet = o->quiet_days > 0 ? o->quiet_days : BS_INCIDENT_QUIET_DAYS;
  g_autoptr (GDateTime) now_utc = o->now > 0 ? g_date_time_new_from_unix_utc (o->now)
                                             : g_date_time_new_now_utc ();
  g_autoptr (GDateTime) now = now_utc != NULL ? g_date_time_to_timezone (now_utc, tz) : NULL;
  g_autofree char *today = now != NULL ? g_date_time_format (now, "%Y-%m-%d") : NULL;

  g_autoptr (BsIncidentSet) all = bs_incident_set_new (tz, quiet);
  g_autoptr (BsIncidentSet) before = o->window != BS_INCIDENT_WINDOW_NONE
                                       ? bs_incident_set_new (tz, quiet) : NULL;
  g_autofree char *newest = NULL, *newest_before = NULL;
  g_autoptr (BsHistoryIter) it = bs_history_facts (read, o->filter, error);
  if (it == NULL)
    return NULL;
  BsRecordFacts row;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_facts (it, &row, &local))
    {
      keep_newest (&newest, row.seen_at);
      gboolean old = o->window == BS_INCIDENT_WINDOW_SCAN && row.id <= o->after_id;
      if (old)
        keep_newest (&newest_before, row.seen_at);
      BsIncidentFact f;
      if (!bs_incident_fact_of (&row, &f))
        continue;
      bs_incident_set_add (all, &f);
      if (o->window == BS_INCIDENT_WINDOW_SINCE)
        {
          g_autofree char *day = bs_incident_local_day (tz, f.time);
          old = day != NULL && o->since != NULL && strcmp (day, o->since) < 0;
        }
      if (old)
        bs_incident_set_add (before, &f);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_autoptr (BsIncidentList) l = g_new0 (BsIncidentList, 1);
  l->quiet_days = quiet;
  l->reference_day = o->as_of != NULL ? g_strdup (o->as_of) : reference_day (tz, newest, today);
  l->incidents = bs_incident_set_finish (all, l->reference_day);
  if (before != NULL)
    {
      g_autofree char *ref_before = o->window == BS_INCIDENT_WINDOW_SINCE
                                      ? day_before (o->since)
                                      : reference_day (tz, newest_before, today);
      g_autoptr (GPtrArray) earlier = bs_incident_set_finish (before, ref_before);
      bs_incidents_set_events (earlier, l->incidents);
      l->events = bs_incidents_count_events (l->incidents);
    }
  if (!add_checks (read, l->incidents, error))
    return NULL;
  return g_steal_pointer (&l);
}
