/* html.c - the markup kit of the HTML report: escaped text, numbers and
 * dates per language, sections (see html.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "html.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"

/* month names: English abbreviations, the same in every locale */
static const char *const months_en[12] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

const char *
bs_html_pick (const BsHtml *h, const char *en, const char *ja)
{
  return h->ja ? ja : en;
}

void
bs_html_raw (BsHtml *h, const char *markup)
{
  g_string_append (h->out, markup);
}

void
bs_html_text (BsHtml *h, const char *text)
{
  bs_escape_html (h->out, text);
}

void
bs_html_tr (BsHtml *h, const char *en, const char *ja)
{
  bs_escape_html (h->out, h->ja ? ja : en);
}

void
bs_html_number (BsHtml *h, gint64 n)
{
  /* grouped by hand: locale-independent, the same in both languages */
  char digits[32];
  guint64 u = n < 0 ? (guint64) (-(n + 1)) + 1 : (guint64) n;
  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, u);
  if (n < 0)
    g_string_append_c (h->out, '-');
  gsize len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (h->out, ',');
      g_string_append_c (h->out, digits[i]);
    }
}

gboolean
bs_html_parse_day (const char *text, GDate *date)
{
  if (text == NULL || strlen (text) < 10)
    return FALSE;
  for (int i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;
  int y = atoi (text), m = atoi (text + 5), d = atoi (text + 8);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* text as a date in style, appended to out (plain text) */
static gboolean
format_date (GString *out, gboolean ja, const char *text, BsDateStyle style)
{
  GDate d;
  if (!bs_html_parse_day (text, &d))
    return FALSE;
  int y = g_date_get_year (&d), m = g_date_get_month (&d), day = g_date_get_day (&d);
  int hh = 0, mm = 0;
  if (style == BS_DATE_TIME
      && (strlen (text) < 16 || text[10] != 'T' || text[13] != ':'
          || !g_ascii_isdigit (text[11]) || !g_ascii_isdigit (text[12])
          || !g_ascii_isdigit (text[14]) || !g_ascii_isdigit (text[15])
          || (hh = atoi (text + 11)) > 23 || (mm = atoi (text + 14)) > 59))
    return FALSE;
  switch (style)
    {
    case BS_DATE_DAY:
      if (ja)
        g_string_append_printf (out, "%d年%d月%d日", y, m, day);
      else
        g_string_append_printf (out, "%d %s %d", day, months_en[m - 1], y);
      break;
    case BS_DATE_TIME:
      if (ja)
        g_string_append_printf (out, "%d年%d月%d日 %02d:%02d", y, m, day, hh, mm);
      else
        g_string_append_printf (out, "%d %s %d %02d:%02d", day, months_en[m - 1], y, hh, mm);
      break;
    case BS_DATE_SHORT:
      if (ja)
        g_string_append_printf (out, "%d/%d", m, day);
      else
        g_string_append_printf (out, "%d %s", day, months_en[m - 1]);
      break;
    case BS_DATE_MONTH:
      if (ja)
        g_string_append_printf (out, "%d年%d月", y, m);
      else
        g_string_append_printf (out, "%s %d", months_en[m - 1], y);
      break;
    }
  return TRUE;
}

void
bs_date_append (GString *out, gboolean ja, const char *text, BsDateStyle style)
{
  if (!format_date (out, ja, text, style) && text != NULL)
    g_string_append (out, text);
}

/* a UTC time ("...Z") in the report's zone (with its offset); else text */
static const char *
local_time (const BsHtml *h, const char *text, char buf[32])
{
  char day[11];
  const BsHistoryFilter *f = h->options != NULL ? h->options->filter : NULL;
  if (text != NULL && strlen (text) == 20 && bs_history_filter_is_local (f)
      && bs_history_filter_localise (f, text, day, buf))
    return buf;
  return text;
}

void
bs_html_date (BsHtml *h, const char *text, BsDateStyle style)
{
  char buf[32];
  text = local_time (h, text, buf);
  /* digits, letters, CJK and separators only: no escaping needed */
  if (!format_date (h->out, h->ja, text, style))
    bs_html_text (h, text);
}

char *
bs_html_date_string (const BsHtml *h, const char *text, BsDateStyle style)
{
  char buf[32];
  text = local_time (h, text, buf);
  GString *s = g_string_new (NULL);
  if (!format_date (s, h->ja, text, style) && text != NULL)
    g_string_append (s, text);
  return g_string_free (s, FALSE);
}

void
bs_html_nav_add (BsHtml *h, const char *id, const char *title)
{
  if (h->sections != NULL)
    {
      g_ptr_array_add (h->sections, g_strdup (id));
      g_ptr_array_add (h->sections, g_strdup (title));
    }
}

void
bs_html_section_begin (BsHtml *h, const char *id, const char *title)
{
  bs_html_nav_add (h, id, title);
  bs_html_raw (h, "<section id=\"");
  bs_html_text (h, id);
  bs_html_raw (h, "\">\n<h2>");
  bs_html_text (h, title);
  bs_html_raw (h, "</h2>\n");
}

void
bs_html_section_end (BsHtml *h)
{
  bs_html_raw (h, "</section>\n");
}

void
bs_html_note (BsHtml *h, const char *text)
{
  bs_html_raw (h, "<p class=\"note\">");
  bs_html_text (h, text);
  bs_html_raw (h, "</p>\n");
}
