/* rows.c - what a failures row derives from its record, touching no
 * database (a scan's workers call it): its time and day in UTC, the
 * lower-cased domains the reports group by, and the row's values as text
 * (PostgreSQL's COPY); the same for both backends
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "sqlite-backend.h"

/* what a failures row adds to its record (DerivedRow): its time and day
 * in UTC, and the lower-cased domains the reports group by */
struct _BsStoreRows {
  guint n;
  DerivedRow rows[];
};

static gboolean
digits (const char *p, int n, int *out)
{
  int v = 0;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil) */
static gint64
days_from_civil (gint64 y, int m, int d)
{
  y -= m <= 2;
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64 z, int *y, int *m, int *d)
{
  z += 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yoe + era * 400 + (*m <= 2));
}

/* "2026-11-25T10:35:38+09:00" (what datetime.c writes) to UTC without
 * GDateTime; FALSE for anything else */
static gboolean
iso_to_utc_fast (const char *t, char **seen_at, char **day)
{
  int y, mo, d, h, mi, sec, oh, om;
  if (strlen (t) != 25 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':'
      || t[16] != ':' || (t[19] != '+' && t[19] != '-') || t[22] != ':'
      || !digits (t, 4, &y) || !digits (t + 5, 2, &mo) || !digits (t + 8, 2, &d)
      || !digits (t + 11, 2, &h) || !digits (t + 14, 2, &mi) || !digits (t + 17, 2, &sec)
      || !digits (t + 20, 2, &oh) || !digits (t + 23, 2, &om))
    return FALSE;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 || oh > 23 || om > 59)
    return FALSE;
  /* a day past the month's end is GDateTime's to refuse */
  static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap))
    return FALSE;
  gint64 offset = (gint64) (oh * 3600 + om * 60) * (t[19] == '-' ? -1 : 1);
  gint64 secs = days_from_civil (y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset;
  gint64 days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  gint64 rest = secs - days * 86400;
  int uy, um, ud;
  civil_from_days (days, &uy, &um, &ud);
  if (uy < 1 || uy > 9999)
    return FALSE;
  *seen_at = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", uy, um, ud, (int) (rest / 3600),
                              (int) (rest % 3600 / 60), (int) (rest % 60));
  *day = g_strndup (*seen_at, 10);
  return TRUE;
}

/* the failure's time in UTC, and its UTC day; fall back to the original's
 * date, then (NULL) to the scan time, when the bounce gives no usable time */
static void
record_time (const BsRecord *r, char **seen_at, char **day)
{
  const char *candidates[] = { r->timestamp, r->orig_date };
  for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (candidates[i] == NULL)
        continue;
      if (iso_to_utc_fast (candidates[i], seen_at, day))
        return;
      g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (candidates[i], utc);
      if (t == NULL)
        continue;
      g_autoptr (GDateTime) u = g_date_time_to_utc (t);
      if (u == NULL)
        continue;
      *seen_at = g_date_time_format (u, "%Y-%m-%dT%H:%M:%SZ");
      *day = g_date_time_format (u, "%Y-%m-%d");
      return;
    }
  *seen_at = NULL;
  *day = NULL;
}

static char *
lower_or_null (const char *s)
{
  return s != NULL ? g_utf8_strdown (s, -1) : NULL;
}

BsStoreRows *
bs_store_rows_new (GPtrArray *records)
{
  guint n = records != NULL ? records->len : 0;
  BsStoreRows *rows = g_malloc0 (sizeof *rows + n * sizeof (DerivedRow));
  rows->n = n;
  for (guint i = 0; i < n; i++)
    {
      const BsRecord *r = g_ptr_array_index (records, i);
      DerivedRow *d = &rows->rows[i];
      record_time (r, &d->seen_at, &d->day);
      d->destination = lower_or_null (r->destination);
      d->sender_domain = lower_or_null (r->sender_domain);
    }
  return rows;
}

gsize
bs_store_rows_bytes (const BsStoreRows *rows)
{
  gsize n = sizeof *rows + rows->n * sizeof (DerivedRow);
  for (guint i = 0; i < rows->n; i++)
    {
      const DerivedRow *d = &rows->rows[i];
      const char *texts[] = { d->seen_at, d->day, d->destination, d->sender_domain };
      for (gsize k = 0; k < G_N_ELEMENTS (texts); k++)
        n += texts[k] != NULL ? strlen (texts[k]) + 1 + 16 : 0;
    }
  return n;
}

void
bs_store_rows_free (BsStoreRows *rows)
{
  if (rows == NULL)
    return;
  for (guint i = 0; i < rows->n; i++)
    {
      g_free (rows->rows[i].seen_at);
      g_free (rows->rows[i].day);
      g_free (rows->rows[i].destination);
      g_free (rows->rows[i].sender_domain);
    }
  g_free (rows);
}

guint
bs_store_rows_len (const BsStoreRows *rows)
{
  return rows->n;
}

const DerivedRow *
bs_store_row (const BsStoreRows *rows, guint i)
{
  return &rows->rows[i];
}

static gboolean
same (const char *a, const char *b)
{
  return a == b || g_strcmp0 (a, b) == 0;
}

gboolean
bs_store_rows_same_group (GPtrArray *records, const BsStoreRows *rows, guint i)
{
  if (i == 0 || i >= rows->n || records == NULL || i >= records->len)
    return FALSE;
  const BsRecord *a = g_ptr_array_index (records, i - 1), *b = g_ptr_array_index (records, i);
  const DerivedRow *da = &rows->rows[i - 1], *db = &rows->rows[i];
  if (a->reply_code != b->reply_code || a->reason != b->reason
      || !a->hard_bounce != !b->hard_bounce || bs_record_is_failure (a) != bs_record_is_failure (b))
    return FALSE;
  const char *mine[] = {
    a->status, a->status_from, a->action, da->destination, da->sender_domain, a->sending_ip,
    a->sending_ip_from, a->remote_mta, a->reporting_mta, a->diagnostic, a->diagnostic_type,
    a->command, a->provider_code, a->blocklist, a->mta, a->timestamp, da->seen_at, da->day,
    a->orig_message_id, a->orig_from, a->orig_to, a->orig_subject, a->orig_date, a->rule,
    a->evidence, a->feedback_type,
  };
  const char *theirs[] = {
    b->status, b->status_from, b->action, db->destination, db->sender_domain, b->sending_ip,
    b->sending_ip_from, b->remote_mta, b->reporting_mta, b->diagnostic, b->diagnostic_type,
    b->command, b->provider_code, b->blocklist, b->mta, b->timestamp, db->seen_at, db->day,
    b->orig_message_id, b->orig_from, b->orig_to, b->orig_subject, b->orig_date, b->rule,
    b->evidence, b->feedback_type,
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (mine) == G_N_ELEMENTS (theirs));
  for (gsize k = 0; k < G_N_ELEMENTS (mine); k++)
    if (!same (mine[k], theirs[k]))
      return FALSE;
  return TRUE;
}

void
bs_store_failure_values (const BsRecord *r, const DerivedRow *d, gint64 message_id, guint seq,
                         guint grp, const char *now, const char *host,
                         const char *values[BS_FAILURE_N_COLUMNS], char *ints)
{
  /* the numbers' text, 24 bytes each */
  char *n = ints;
#define NUMBER(v) (g_snprintf (n, 24, "%" G_GINT64_FORMAT, (gint64) (v)), n += 24, n - 24)
  int i = 0;
  values[i++] = NUMBER (message_id);
  values[i++] = NUMBER (seq);
  values[i++] = r->recipient;
  values[i++] = r->orig_recipient;
  values[i++] = r->status;
  values[i++] = r->status_from;
  values[i++] = r->reply_code > 0 ? NUMBER (r->reply_code) : NULL;
  values[i++] = bs_reason_name (r->reason);
  values[i++] = r->hard_bounce ? "1" : "0";
  values[i++] = bs_record_is_failure (r) ? "1" : "0";
  values[i++] = r->action;
  values[i++] = d->destination;
  values[i++] = d->sender_domain;
  values[i++] = r->sending_ip;
  values[i++] = r->sending_ip_from;
  values[i++] = r->remote_mta;
  values[i++] = r->reporting_mta;
  values[i++] = r->diagnostic;
  values[i++] = r->diagnostic_type;
  values[i++] = r->command;
  values[i++] = r->provider_code;
  values[i++] = r->blocklist;
  values[i++] = r->mta;
  values[i++] = r->timestamp;
  values[i++] = d->seen_at != NULL ? d->seen_at : now;
  if (d->seen_at != NULL)
    values[i++] = d->day;
  else
    {
      g_strlcpy (n, now, 11);
      values[i++] = n;
      n += 24;
    }
  values[i++] = r->orig_message_id;
  values[i++] = r->orig_from;
  values[i++] = r->orig_to;
  values[i++] = r->orig_subject;
  values[i++] = r->orig_date;
  values[i++] = r->rule;
  values[i++] = r->evidence;
  values[i++] = r->feedback_type;
  values[i++] = host;
  values[i++] = NUMBER (grp);
#undef NUMBER
  g_assert (i == BS_FAILURE_N_COLUMNS);
}

