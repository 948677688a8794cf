/* datetime.c - dates found in bounces, normalised to ISO 8601 with offset
 *
 * GMime's RFC 5322 date parser does the work; this file only formats the
 * result, keeping the offset the message gave.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "datetime.h"

#include <gmime/gmime.h>
#include <string.h>

char *
bs_datetime_iso (const char *date)
{
  if (date == NULL || *date == '\0' || strlen (date) > 256)
    return NULL;
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
  char *s = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, d,
                             g_date_time_get_hour (dt), g_date_time_get_minute (dt),
                             g_date_time_get_second (dt), sign, (int) (off / 60), (int) (off % 60));
  g_date_time_unref (dt);
  return s;
}
