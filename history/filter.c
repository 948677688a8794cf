/* filter.c - the readers' filter: days, canonical sender domains and their
 * spellings, the time zone; the sender rule in C and the suggestions for a
 * domain the history does not know (see filter.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "filter.h"

#include <stdio.h>
#include <string.h>

#include "bs.h"
#include "canonical.h"

struct _BsHistoryFilter {
  char *since, *until;    /* "YYYY-MM-DD", or NULL */
  char **senders;         /* canonical, NULL-terminated; NULL: every sender */
  char **spellings;       /* every spelling of them; NULL with senders */
  GTimeZone *tz;
  char *tz_name;
  char *host;             /* one scanning host's failures, or NULL: the fleet's */
  gboolean local;         /* the zone is not UTC */
  char *since_at, *until_at;   /* the period's bounds as UTC instants */
};

/* a copy of text when it is a day written "YYYY-MM-DD", else NULL (the
 * history compares days as text: "2026-3-5" would sort after "2026-10-01") */
static char *
parse_day (const char *text)
{
  int y, m, d;
  char extra;
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || strspn (text, "0123456789-") != 10
      || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || y < 1
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_strdup (text);
}

static void
add_spelling (GPtrArray *list, const char *s)
{
  if (s == NULL || *s == '\0')
    return;
  for (guint i = 0; i < list->len; i++)
    if (strcmp (g_ptr_array_index (list, i), s) == 0)
      return;
  g_ptr_array_add (list, g_strdup (s));
}

char **
bs_history_domain_spellings (const char *given)
{
  char *d = bs_canonical_domain (given);
  if (d == NULL)
    return NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  add_spelling (list, d);
  g_autofree char *unicode = g_hostname_to_unicode (d);
  add_spelling (list, unicode);
  g_free (d);
  g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

static gboolean
set_senders (BsHistoryFilter *f, const char *const *given, GError **error)
{
  g_autoptr (GPtrArray) senders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) spellings = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; given[i] != NULL; i++)
    {
      if (i >= BS_MAX_SENDER_DOMAINS)
        {
          g_set_error (error, BS_ERROR, BS_ERROR_USAGE, "at most %d sender domains",
                       BS_MAX_SENDER_DOMAINS);
          return FALSE;
        }
      char *d = bs_canonical_domain (given[i]);
      if (d == NULL)
        {
          g_autofree char *shown = g_utf8_make_valid (given[i], -1);
          if (g_utf8_strlen (shown, -1) > 100)
            *g_utf8_offset_to_pointer (shown, 100) = '\0';
          g_set_error (error, BS_ERROR, BS_ERROR_USAGE, "--sender-domain '%s': not a domain name",
                       shown);
          return FALSE;
        }
      g_auto (GStrv) both = bs_history_domain_spellings (d);
      for (gsize k = 0; both[k] != NULL; k++)
        add_spelling (spellings, both[k]);
      add_spelling (senders, d);
      g_free (d);
    }
  g_ptr_array_add (senders, NULL);
  g_ptr_array_add (spellings, NULL);
  f->senders = (char **) g_ptr_array_free (g_steal_pointer (&senders), FALSE);
  f->spellings = (char **) g_ptr_array_free (g_steal_pointer (&spellings), FALSE);
  return TRUE;
}

/* "YYYY-MM-DD" + days at local midnight in f's zone, as a UTC instant */
static char *
midnight_utc (const BsHistoryFilter *f, const char *day, int days)
{
  int y, m, d;
  if (day == NULL || sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;
  g_autoptr (GDateTime) start = g_date_time_new (f->tz, y, m, d, 0, 0, 0);
  g_autoptr (GDateTime) then = start != NULL ? g_date_time_add_days (start, days) : NULL;
  g_autoptr (GDateTime) utc = then != NULL ? g_date_time_to_utc (then) : NULL;
  return utc != NULL ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* is tz UTC all year? */
static gboolean
zone_is_utc (GTimeZone *tz)
{
  for (gint64 t = 1704067200; t < 1704067200 + 366 * 86400; t += 30 * 86400)
    {
      gint interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t);
      if (interval < 0 || g_time_zone_get_offset (tz, interval) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
set_bounds (BsHistoryFilter *f)
{
  f->local = !zone_is_utc (f->tz);
  f->since_at = midnight_utc (f, f->since, 0);
  f->until_at = midnight_utc (f, f->until, 1);
}

BsHistoryFilter *
bs_history_filter_new (const char *since, const char *until, const char *const *sender_domains,
                       const char *tz, GError **error)
{
  g_autoptr (BsHistoryFilter) f = g_new0 (BsHistoryFilter, 1);
  const char *const days[2] = { since, until };
  char **slots[2] = { &f->since, &f->until };
  for (int i = 0; i < 2; i++)
    if (days[i] != NULL && (*slots[i] = parse_day (days[i])) == NULL)
      {
        g_set_error (error, BS_ERROR, BS_ERROR_USAGE, "dates are written YYYY-MM-DD");
        return NULL;
      }
  if (sender_domains != NULL && !set_senders (f, sender_domains, error))
    return NULL;
  if (tz != NULL && strcmp (tz, "local") == 0)
    {
      /* the system's zone: TZ, else /etc/localtime */
      f->tz = g_time_zone_new_local ();
      const char *id = g_time_zone_get_identifier (f->tz);
      f->tz_name = g_strdup (id != NULL && *id != '\0' && *id != ':' ? id : "local");
      set_bounds (f);
      return g_steal_pointer (&f);
    }
  f->tz_name = g_strdup (tz != NULL ? tz : "UTC");
  f->tz = g_time_zone_new_identifier (f->tz_name);
  if (f->tz == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_USAGE, "unknown time zone '%s'", f->tz_name);
      return NULL;
    }
  set_bounds (f);
  return g_steal_pointer (&f);
}

void
bs_history_filter_free (BsHistoryFilter *f)
{
  if (f == NULL)
    return;
  g_free (f->since);
  g_free (f->until);
  g_strfreev (f->senders);
  g_strfreev (f->spellings);
  if (f->tz != NULL)
    g_time_zone_unref (f->tz);
  g_free (f->tz_name);
  g_free (f->host);
  g_free (f->since_at);
  g_free (f->until_at);
  g_free (f);
}

void
bs_history_filter_set_host (BsHistoryFilter *f, const char *host)
{
  g_free (f->host);
  f->host = host != NULL && *host != '\0' ? g_strdup (host) : NULL;
}

const char *
bs_history_filter_host (const BsHistoryFilter *f)
{
  return f != NULL ? f->host : NULL;
}

const char *
bs_history_filter_since (const BsHistoryFilter *f)
{
  return f != NULL ? f->since : NULL;
}

const char *
bs_history_filter_until (const BsHistoryFilter *f)
{
  return f != NULL ? f->until : NULL;
}

const char *const *
bs_history_filter_senders (const BsHistoryFilter *f)
{
  return f != NULL ? (const char *const *) f->senders : NULL;
}

const char *const *
bs_history_filter_spellings (const BsHistoryFilter *f)
{
  return f != NULL ? (const char *const *) f->spellings : NULL;
}

GTimeZone *
bs_history_filter_time_zone (const BsHistoryFilter *f)
{
  static GTimeZone *utc;
  if (f != NULL)
    return f->tz;
  if (g_once_init_enter (&utc))
    g_once_init_leave (&utc, g_time_zone_new_utc ());
  return utc;
}

const char *
bs_history_filter_time_zone_name (const BsHistoryFilter *f)
{
  return f != NULL ? f->tz_name : "UTC";
}

gboolean
bs_history_filter_is_local (const BsHistoryFilter *f)
{
  return f != NULL && f->local;
}

const char *
bs_history_filter_since_at (const BsHistoryFilter *f)
{
  return f != NULL ? f->since_at : NULL;
}

const char *
bs_history_filter_until_at (const BsHistoryFilter *f)
{
  return f != NULL ? f->until_at : NULL;
}

/* GDate's Julian day of 1970-01-01 */
#define EPOCH_JULIAN 719163

/* the zone's offset at unix time t, in seconds */
static gint
offset_at (GTimeZone *tz, gint64 t)
{
  gint interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t);
  return interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;
}

gboolean
bs_history_filter_localise_cached (const BsHistoryFilter *f, const char *utc, char day[11],
                                   char time[32], BsZoneCache *cache)
{
  int y, mo, d, h, mi, s;
  if (utc == NULL || strlen (utc) != 20 || utc[19] != 'Z'
      || sscanf (utc, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) mo, (GDateYear) y) || h > 23 || mi > 59
      || s > 60)
    return FALSE;
  if (f == NULL || !f->local)
    {
      memcpy (day, utc, 10);
      day[10] = '\0';
      g_snprintf (time, 32, "%.19s+00:00", utc);
      return TRUE;
    }
  GDate date;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) mo, (GDateYear) y);
  gint64 hour_start = ((gint64) g_date_get_julian (&date) - EPOCH_JULIAN) * 86400 + h * 3600;
  gint offset;
  if (cache != NULL && memcmp (cache->hour, utc, 13) == 0)
    offset = cache->offset;
  else
    {
      offset = offset_at (f->tz, hour_start + mi * 60 + s);
      /* the same offset all the hour: kept for the next rows */
      if (cache != NULL && offset == offset_at (f->tz, hour_start)
          && offset == offset_at (f->tz, hour_start + 3599))
        {
          memcpy (cache->hour, utc, 13);
          cache->hour[13] = '\0';
          cache->offset = offset;
        }
    }
  gint64 local = hour_start + mi * 60 + s + offset;
  gint64 days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  gint64 rest = local - days * 86400;
  if (days + EPOCH_JULIAN < 1 || !g_date_valid_julian ((guint32) (days + EPOCH_JULIAN)))
    return FALSE;
  g_date_set_julian (&date, (guint32) (days + EPOCH_JULIAN));
  gint off = ABS (offset) / 60;
  g_snprintf (day, 11, "%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
              g_date_get_day (&date));
  g_snprintf (time, 32, "%sT%02d:%02d:%02d%c%02d:%02d", day, (int) (rest / 3600),
              (int) (rest % 3600 / 60), (int) (rest % 60), offset < 0 ? '-' : '+', off / 60,
              off % 60);
  return TRUE;
}

gboolean
bs_history_filter_localise (const BsHistoryFilter *f, const char *utc, char day[11],
                            char time[32])
{
  return bs_history_filter_localise_cached (f, utc, day, time, NULL);
}

gboolean
bs_history_filter_day_in (const BsHistoryFilter *f, const char *day)
{
  if (f == NULL)
    return TRUE;
  if (day == NULL)
    return f->since == NULL && f->until == NULL;
  return (f->since == NULL || strcmp (day, f->since) >= 0)
         && (f->until == NULL || strcmp (day, f->until) <= 0);
}

gboolean
bs_history_domain_matches (const char *domain, const char *sender_domain)
{
  if (domain == NULL || sender_domain == NULL)
    return FALSE;
  gsize d = strlen (domain), s = strlen (sender_domain);
  if (s == d)
    return strcmp (domain, sender_domain) == 0;
  return s > d && sender_domain[s - d - 1] == '.' && strcmp (sender_domain + s - d, domain) == 0;
}

/* does a spelling of the canonical domain d match a domain of known? */
static gboolean
known_match (const char *d, GPtrArray *known)
{
  g_autofree char *unicode = g_hostname_to_unicode (d);
  for (guint k = 0; k < known->len; k++)
    {
      const char *sender = g_ptr_array_index (known, k);
      if (bs_history_domain_matches (d, sender) || bs_history_domain_matches (unicode, sender))
        return TRUE;
    }
  return FALSE;
}

const char *
bs_history_filter_unknown (const BsHistoryFilter *f, GPtrArray *known)
{
  for (gsize i = 0; f != NULL && f->senders != NULL && f->senders[i] != NULL; i++)
    if (!known_match (f->senders[i], known))
      return f->senders[i];
  return NULL;
}

/* Levenshtein distance of a and b (bytes), at most 255 of each */
static guint
edit_distance (const char *a, const char *b)
{
  gsize n = MIN (strlen (a), 255), m = MIN (strlen (b), 255);
  guint row[256], prev[256];
  for (gsize j = 0; j <= m; j++)
    prev[j] = (guint) j;
  for (gsize i = 1; i <= n; i++)
    {
      row[0] = (guint) i;
      for (gsize j = 1; j <= m; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          row[j] = MIN (MIN (prev[j] + 1, row[j - 1] + 1), prev[j - 1] + cost);
        }
      memcpy (prev, row, (m + 1) * sizeof row[0]);
    }
  return prev[m];
}

typedef struct {
  const char *domain;
  guint distance;
} Near;

static gint
near_cmp (gconstpointer a, gconstpointer b)
{
  const Near *x = a, *y = b;
  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return strcmp (x->domain, y->domain);
}

GPtrArray *
bs_history_closest_domains (const char *domain, GPtrArray *known, guint n)
{
  g_autoptr (GArray) near = g_array_sized_new (FALSE, FALSE, sizeof (Near), known->len);
  for (guint k = 0; k < known->len; k++)
    {
      Near x = { g_ptr_array_index (known, k), 0 };
      x.distance = edit_distance (domain, x.domain);
      g_array_append_val (near, x);
    }
  g_array_sort (near, near_cmp);
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < near->len && out->len < n; i++)
    g_ptr_array_add (out, (gpointer) g_array_index (near, Near, i).domain);
  return out;
}
