/* datetime.c - dates found in bounces, normalised to ISO 8601 with offset
 *
 * GMime's RFC 5322 date parser does the work; this file only formats the
 * result, keeping the offset the message gave.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "datetime.h"

#include <gmime/gmime.h>
#include <string.h>

/* the digits at *p, at least min and at most max of them */
static gboolean
digits (const char **p, int min, int max, int *value)
{
  int n = 0, v = 0;
  while (n < max && g_ascii_isdigit ((*p)[n]))
    v = v * 10 + ((*p)[n++] - '0');
  *p += n;
  *value = v;
  return n >= min;
}

/* "YYYY-MM-DDTHH:MM:SS+HH:MM" of values in range, written directly (a
 * printf costs more than reading the date) */
static char *
iso_text (int year, int month, int day, int hour, int min, int sec, char sign, int oh, int om)
{
  const int v[] = { year, month, day, hour, min, sec, oh, om };
  const int width[] = { 4, 2, 2, 2, 2, 2, 2, 2 };
  const char after[] = { '-', '-', 'T', ':', ':', sign, ':', '\0' };
  char *out = g_malloc (26), *o = out;
  for (gsize i = 0; i < G_N_ELEMENTS (v); i++)
    {
      int x = ABS (v[i]);
      for (int w = width[i] - 1; w >= 0; w--, x /= 10)
        o[w] = (char) ('0' + x % 10);
      o += width[i];
      *o++ = after[i];
    }
  return out;
}

/* the common RFC 5322 form, "[Wed, ]25 Nov 2026 10:00:05 +0900[ (JST)]",
 * read directly: GMime's general date reader costs fifty times more.  NULL
 * for anything else, which GMime then reads. */
static char *
rfc5322_quick (const char *p)
{
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  int day, year, hour, min, sec = 0, tz;
  if (g_ascii_isalpha (p[0]))
    {
      if (!g_ascii_isalpha (p[1]) || !g_ascii_isalpha (p[2]) || p[3] != ',')
        return NULL;
      p += 4;
    }
  while (*p == ' ')
    p++;
  if (!digits (&p, 1, 2, &day) || *p++ != ' ')
    return NULL;
  const char *m = NULL;
  for (int i = 0; i < 12 && m == NULL; i++)
    if (strncmp (p, months + 3 * i, 3) == 0)
      m = months + 3 * i;
  if (m == NULL || p[3] != ' ')
    return NULL;
  int month = (int) (m - months) / 3 + 1;
  p += 4;
  if (!digits (&p, 4, 4, &year) || *p++ != ' ' || !digits (&p, 2, 2, &hour) || *p++ != ':'
      || !digits (&p, 2, 2, &min))
    return NULL;
  if (*p == ':' && (p++, !digits (&p, 2, 2, &sec)))
    return NULL;
  if (*p++ != ' ' || (*p != '+' && *p != '-'))
    return NULL;
  char sign = *p++;
  if (!digits (&p, 4, 4, &tz) || (*p != '\0' && *p != ' '))
    return NULL;
  if (year < 1980 || year > 2200 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year)
      || hour > 23 || min > 59 || sec > 59 || tz / 100 > 23 || tz % 100 > 59)
    return NULL;
  return iso_text (year, month, day, hour, min, sec, sign == '-' && tz == 0 ? '+' : sign, tz / 100,
                   tz % 100);
}

char *
bs_datetime_iso (const char *date)
{
  if (date == NULL || *date == '\0' || strlen (date) > 256)
    return NULL;
  char *quick = rfc5322_quick (date);
  if (quick != NULL)
    return quick;
  GDateTime *dt = g_mime_utils_header_decode_date (date);
  if (dt == NULL)
    {
      GTimeZone *utc = g_time_zone_new_utc ();
      dt = g_date_time_new_from_iso8601 (date, utc);
      g_time_zone_unref (utc);
    }
  if (dt == NULL)
    return NULL;
  if (g_date_time_get_year (dt) < 1980 || g_date_time_get_year (dt) > 2200)
    {
      g_date_time_unref (dt);
      return NULL;
    }
  /* g_date_time_format() parses its format each time: written directly */
  int y, mo, d;
  g_date_time_get_ymd (dt, &y, &mo, &d);
  gint64 off = g_date_time_get_utc_offset (dt) / G_TIME_SPAN_MINUTE;
  char sign = off < 0 ? '-' : '+';
  off = off < 0 ? -off : off;
  char *s = iso_text (y, mo, d, g_date_time_get_hour (dt), g_date_time_get_minute (dt),
                      g_date_time_get_second (dt), sign, (int) (off / 60), (int) (off % 60));
  g_date_time_unref (dt);
  return s;
}
