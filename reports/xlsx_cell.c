/* xlsx_cell.c - workbook cell values: safe text, counts, days and times in
 * a zone (see xlsx_cell.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "xlsx_cell.h"

#include <string.h>

#include "escape.h"

/* ---- text ----------------------------------------------------------------- */

static gboolean
is_hex4 (const char *p)
{
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isxdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* "_xHHHH_" at p: how OOXML escapes a character (the string ends before
 * p[6] when it is not: the NUL is no hex digit) */
static gboolean
is_escape (const char *p)
{
  return p[0] == '_' && p[1] == 'x' && is_hex4 (p + 2) && p[6] == '_';
}

/* text a cell takes as it is: printable ASCII, TAB and LF, no "_xHHHH_",
 * short enough */
static gboolean
plain_text (const char *text)
{
  const guchar *p = (const guchar *) text;
  for (gsize i = 0; p[i] != '\0'; i++)
    {
      guchar c = p[i];
      if ((c < 0x20 && c != '\t' && c != '\n') || c >= 0x7F || i >= BS_XLSX_TEXT_MAX
          || (c == '_' && is_escape (text + i)))
        return FALSE;
    }
  return TRUE;
}

const char *
bs_xlsx_text (GString *buf, const char *text)
{
  if (text == NULL || plain_text (text))
    return text;
  g_autoptr (GString) visible = g_string_new (NULL);
  bs_escape_visible (visible, text, TRUE);
  g_string_truncate (buf, 0);
  const char *p = visible->str, *end = visible->str + visible->len;
  while (p < end)
    {
      if (*p == '\r')
        {
          /* CRLF and CR are one line break, as XML reads them */
          g_string_append_c (buf, '\n');
          p += p[1] == '\n' ? 2 : 1;
          continue;
        }
      if (*p == '_' && is_escape (p))
        {
          /* "_xHHHH_" is how OOXML escapes a character: its "_" escaped, the
           * text reads back as written */
          g_string_append (buf, "_x005F_");
          p++;
          continue;
        }
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      if (c == 0xFFFE || c == 0xFFFF)
        g_string_append_printf (buf, "[U+%04X]", c);
      else
        g_string_append_len (buf, p, next - p);
      p = next;
    }
  if (buf->len > BS_XLSX_TEXT_MAX)
    {
      static const char more[] = "…";
      const char *cut = g_utf8_find_prev_char (buf->str, buf->str + BS_XLSX_TEXT_MAX
                                                           - (sizeof more - 1) + 1);
      g_string_truncate (buf, cut != NULL ? (gsize) (cut - buf->str) : 0);
      g_string_append (buf, more);
    }
  return buf->str;
}

/* ---- numbers -------------------------------------------------------------- */

gboolean
bs_xlsx_count (const char *text, double *value)
{
  gint64 n;
  /* within a double's exact integers */
  if (text == NULL
      || !g_ascii_string_to_signed (text, 10, -(G_GINT64_CONSTANT (1) << 53),
                                    G_GINT64_CONSTANT (1) << 53, &n, NULL))
    return FALSE;
  *value = (double) n;
  return TRUE;
}

/* ---- days and times ------------------------------------------------------- */

/* the day number of a date (GDate's: 1 is 0001-01-01) */
static gint64
day_number (int y, int m, int d)
{
  GDate date;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

/* n digits at p as a number, or -1 */
static int
digits (const char *p, int n)
{
  int v = 0;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      v = v * 10 + (p[i] - '0');
    }
  return v;
}

/* "YYYY-MM-DD" at the start of text, a valid date */
static gboolean
parse_date (const char *text, int *y, int *m, int *d)
{
  if (text == NULL || strnlen (text, 10) < 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  *y = digits (text, 4);
  *m = digits (text + 5, 2);
  *d = digits (text + 8, 2);
  return *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1
         && g_date_valid_dmy ((GDateDay) *d, (GDateMonth) *m, (GDateYear) *y);
}

static gboolean
in_range (int year)
{
  return year >= BS_XLSX_YEAR_MIN && year <= BS_XLSX_YEAR_MAX;
}

gboolean
bs_xlsx_day (const char *text, BsXlsxTime *day)
{
  int y, m, d;
  if (!parse_date (text, &y, &m, &d) || text[10] != '\0' || !in_range (y))
    return FALSE;
  *day = (BsXlsxTime) { y, m, d, 0, 0, 0 };
  return TRUE;
}

/* the offset east of UTC, in seconds, of "Z", "+09:00", "-0500", "+09" */
static gboolean
parse_offset (const char *p, gint64 *seconds)
{
  if (*p == 'Z' || *p == 'z')
    {
      *seconds = 0;
      return p[1] == '\0';
    }
  if (*p != '+' && *p != '-')
    return FALSE;
  int sign = *p == '-' ? -1 : 1;
  p++;
  int h = digits (p, 2), min = 0;
  if (h < 0 || h > 23)
    return FALSE;
  p += 2;
  if (*p == ':')
    p++;
  if (*p != '\0')
    {
      if ((min = digits (p, 2)) < 0 || min > 59 || p[2] != '\0')
        return FALSE;
    }
  *seconds = sign * (h * 3600 + min * 60);
  return TRUE;
}

gboolean
bs_xlsx_time (const char *text, GTimeZone *tz, BsXlsxTime *time)
{
  int y, mo, d;
  if (!parse_date (text, &y, &mo, &d) || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')
      || strnlen (text, 19) < 19 || text[13] != ':' || text[16] != ':')
    return FALSE;
  int h = digits (text + 11, 2), mi = digits (text + 14, 2), s = digits (text + 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
    return FALSE;
  const char *p = text + 19;
  if (*p == '.' || *p == ',')
    {
      /* fractions of a second: the cell keeps whole seconds */
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  gint64 offset;
  if (!parse_offset (p, &offset))
    return FALSE;
  /* seconds since 0001-01-01 in UTC, then in tz */
  gint64 epoch = day_number (1970, 1, 1) * 86400;
  gint64 t = day_number (y, mo, d) * 86400 + h * 3600 + mi * 60 + MIN (s, 59) - offset;
  if (tz != NULL)
    t += g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t - epoch));
  gint64 days = t / 86400;   /* t > 0: the date was in year 1 or later, the offset under a day */
  if (days < 1 || days > G_MAXUINT32)
    return FALSE;
  GDate date;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) days);
  time->year = g_date_get_year (&date);
  time->month = g_date_get_month (&date);
  time->day = g_date_get_day (&date);
  time->hour = (int) (t % 86400 / 3600);
  time->minute = (int) (t % 3600 / 60);
  time->second = (int) (t % 60);
  return in_range (time->year);
}
