/* html_chart.c - inline SVG charts: stacked columns over time, stacked
 * horizontal bars, and their legend (see html_chart.h)
 *
 * Coordinates are in the SVG's own units (the viewBox); the page scales the
 * picture to its width.  Text in the SVG uses the page's font.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "html_chart.h"

#include <string.h>

#include "escape.h"

/* columns: picture size and margins (viewBox units) */
#define COL_W 960
#define COL_H 270
#define COL_LEFT 52
#define COL_RIGHT 12
#define COL_TOP 14
#define COL_BOTTOM 30
#define COL_LABEL_GAP 64     /* least distance between two x labels */

/* bars: picture width, row height, label column */
#define BAR_W 560
#define BAR_ROW 30
#define BAR_LABEL 190
#define BAR_RIGHT 56
#define BAR_TOP 6
#define BAR_BOTTOM 26
#define BAR_LABEL_COLUMNS 25 /* longer labels are cut, the whole in the tooltip */

#define TICKS 5

void
bs_chart_group_clear (BsChartGroup *g)
{
  g_clear_pointer (&g->label, g_free);
  g_clear_pointer (&g->tip, g_free);
  g_clear_pointer (&g->values, g_free);
}

static gint64
group_total (const BsChartGroup *g, guint n_series)
{
  gint64 t = 0;
  for (guint s = 0; s < n_series; s++)
    t += MAX (g->values[s], 0);
  return t;
}

/* a round step (1, 2 or 5 times a power of ten) giving about TICKS ticks */
static gint64
nice_step (gint64 max)
{
  if (max <= TICKS)
    return 1;
  gint64 raw = (max + TICKS - 1) / TICKS;
  gint64 p = 1;
  while (p * 10 <= raw && p < G_MAXINT64 / 100)
    p *= 10;
  if (raw <= p)
    return p;
  if (raw <= 2 * p)
    return 2 * p;
  if (raw <= 5 * p)
    return 5 * p;
  return 10 * p;
}

static void
num (BsHtml *h, double v)
{
  /* one decimal, '.' whatever the locale */
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.1f", v);
  gsize len = strlen (buf);
  if (len > 2 && strcmp (buf + len - 2, ".0") == 0)
    buf[len - 2] = '\0';
  g_string_append (h->out, buf);
}

/* <title> of a group: its heading, total and each non-zero series */
static void
group_tip (BsHtml *h, const BsChartSeries *series, guint n_series, const BsChartGroup *g)
{
  bs_html_raw (h, "<title>");
  bs_html_text (h, g->tip ? g->tip : g->label);
  bs_html_raw (h, ": ");
  bs_html_number (h, group_total (g, n_series));
  for (guint s = 0; s < n_series; s++)
    if (g->values[s] > 0)
      {
        bs_html_raw (h, "\n");
        bs_html_text (h, series[s].name);
        bs_html_raw (h, ": ");
        bs_html_number (h, g->values[s]);
      }
  bs_html_raw (h, "</title>");
}

/* the value axis of groups: its top, the largest total rounded up to a
 * whole *step (nice_step) */
static gint64
axis_top (const BsChartGroup *groups, guint n_groups, guint n_series, gint64 *step)
{
  gint64 max = 1;
  for (guint i = 0; i < n_groups; i++)
    max = MAX (max, group_total (&groups[i], n_series));
  *step = nice_step (max);
  return ((max + *step - 1) / *step) * *step;
}

static void
svg_begin (BsHtml *h, const char *title, int w, int height, const char *klass)
{
  g_string_append_printf (h->out, "<svg class=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
                          klass, w, height);
  bs_html_text (h, title);
  bs_html_raw (h, "\">\n");
}

void
bs_chart_columns (BsHtml *h, const char *title, const BsChartSeries *series, guint n_series,
                  const BsChartGroup *groups, guint n_groups)
{
  gint64 step, top = axis_top (groups, n_groups, n_series, &step);
  double plot_w = COL_W - COL_LEFT - COL_RIGHT;
  double plot_h = COL_H - COL_TOP - COL_BOTTOM;
  double base = COL_TOP + plot_h;
  double slot = n_groups > 0 ? plot_w / n_groups : plot_w;
  double bar = MAX (slot * (slot > 6 ? 0.72 : 0.9), 0.6);

  svg_begin (h, title, COL_W, COL_H, "chart columns");
  /* y grid and labels */
  bs_html_raw (h, "<g class=\"axis\">");
  for (gint64 v = 0; v <= top; v += step)
    {
      double y = base - plot_h * (double) v / (double) top;
      bs_html_raw (h, "<line x1=\"");
      num (h, COL_LEFT);
      bs_html_raw (h, "\" x2=\"");
      num (h, COL_W - COL_RIGHT);
      bs_html_raw (h, "\" y1=\"");
      num (h, y);
      bs_html_raw (h, "\" y2=\"");
      num (h, y);
      bs_html_raw (h, v == 0 ? "\" class=\"base\"/>" : "\" class=\"grid\"/>");
      bs_html_raw (h, "<text x=\"");
      num (h, COL_LEFT - 8);
      bs_html_raw (h, "\" y=\"");
      num (h, y + 4);
      bs_html_raw (h, "\" text-anchor=\"end\">");
      bs_html_number (h, v);
      bs_html_raw (h, "</text>");
    }
  /* x labels, thinned so that they never overlap */
  guint every = (guint) MAX (1.0, COL_LABEL_GAP / MAX (slot, 0.01) + 0.999);
  for (guint i = 0; i < n_groups; i += every)
    {
      bs_html_raw (h, "<text x=\"");
      num (h, COL_LEFT + slot * (i + 0.5));
      bs_html_raw (h, "\" y=\"");
      num (h, base + 19);
      bs_html_raw (h, "\" text-anchor=\"middle\">");
      bs_html_text (h, groups[i].label);
      bs_html_raw (h, "</text>");
    }
  bs_html_raw (h, "</g>\n");
  /* the columns */
  for (guint i = 0; i < n_groups; i++)
    {
      const BsChartGroup *g = &groups[i];
      if (group_total (g, n_series) == 0)
        continue;
      bs_html_raw (h, "<g class=\"col\">");
      group_tip (h, series, n_series, g);
      double y = base;
      for (guint s = 0; s < n_series; s++)
        {
          if (g->values[s] <= 0)
            continue;
          double hgt = plot_h * (double) g->values[s] / (double) top;
          y -= hgt;
          bs_html_raw (h, "<rect x=\"");
          num (h, COL_LEFT + slot * i + (slot - bar) / 2);
          bs_html_raw (h, "\" y=\"");
          num (h, y);
          bs_html_raw (h, "\" width=\"");
          num (h, bar);
          bs_html_raw (h, "\" height=\"");
          num (h, hgt);
          g_string_append_printf (h->out, "\" fill=\"%s\"/>", series[s].color);
        }
      /* an invisible full-height target so that the tooltip is easy to reach */
      bs_html_raw (h, "<rect class=\"hit\" x=\"");
      num (h, COL_LEFT + slot * i);
      bs_html_raw (h, "\" y=\"");
      num (h, COL_TOP);
      bs_html_raw (h, "\" width=\"");
      num (h, slot);
      bs_html_raw (h, "\" height=\"");
      num (h, plot_h);
      bs_html_raw (h, "\"/></g>\n");
    }
  bs_html_raw (h, "</svg>\n");
}

/* the label as shown: made visible (bs_escape_visible), then cut to
 * BAR_LABEL_COLUMNS columns, a full-width character taking two, with "…"
 * when cut; *cut tells whether it was */
static char *
cut_label (const char *text, gboolean *cut)
{
  g_autoptr (GString) visible = g_string_new (NULL);
  bs_escape_visible (visible, text, FALSE);
  *cut = FALSE;
  guint columns = 0;
  for (const char *p = visible->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
      if (columns + w > BAR_LABEL_COLUMNS - 1 && g_utf8_strlen (p, -1) > 1)
        {
          /* more than one character left: cut here, the ellipsis in the last column */
          g_string_truncate (visible, (gsize) (p - visible->str));
          g_string_append (visible, "…");
          *cut = TRUE;
          break;
        }
      columns += w;
    }
  return g_string_free (g_steal_pointer (&visible), FALSE);
}

/* a bar's label, right-aligned against the bars, in a picture of its own
 * that clips whatever a font draws wider than its column (svg.label's
 * overflow: hidden); the whole label in
 * its title (a tooltip) when cut */
static void
bar_label (BsHtml *h, const char *label, double y)
{
  gboolean cut;
  g_autofree char *shown = cut_label (label, &cut);
  bs_html_raw (h, "<svg class=\"label\" x=\"0\" y=\"");
  num (h, y);
  g_string_append_printf (h->out, "\" width=\"%d\" height=\"%d\">",
                          BAR_LABEL - 4, BAR_ROW);
  bs_html_raw (h, "<text class=\"label\" x=\"");
  num (h, BAR_LABEL - 10);
  bs_html_raw (h, "\" y=\"");
  num (h, BAR_ROW / 2.0 + 4.5);
  bs_html_raw (h, "\" text-anchor=\"end\">");
  if (cut)
    {
      bs_html_raw (h, "<title>");
      bs_html_text (h, label);
      bs_html_raw (h, "</title>");
    }
  bs_html_text (h, shown);
  bs_html_raw (h, "</text></svg>");
}

void
bs_chart_bars (BsHtml *h, const char *title, const BsChartSeries *series, guint n_series,
               const BsChartGroup *groups, guint n_groups)
{
  gint64 step, top = axis_top (groups, n_groups, n_series, &step);
  int height = BAR_TOP + (int) n_groups * BAR_ROW + BAR_BOTTOM;
  double plot_w = BAR_W - BAR_LABEL - BAR_RIGHT;
  double bottom = BAR_TOP + (double) n_groups * BAR_ROW;

  svg_begin (h, title, BAR_W, height, "chart bars");
  bs_html_raw (h, "<g class=\"axis\">");
  for (gint64 v = 0; v <= top; v += step)
    {
      double x = BAR_LABEL + plot_w * (double) v / (double) top;
      bs_html_raw (h, "<line x1=\"");
      num (h, x);
      bs_html_raw (h, "\" x2=\"");
      num (h, x);
      bs_html_raw (h, "\" y1=\"");
      num (h, BAR_TOP);
      bs_html_raw (h, "\" y2=\"");
      num (h, bottom);
      bs_html_raw (h, v == 0 ? "\" class=\"base\"/>" : "\" class=\"grid\"/>");
      bs_html_raw (h, "<text x=\"");
      num (h, x);
      bs_html_raw (h, "\" y=\"");
      num (h, bottom + 18);
      bs_html_raw (h, "\" text-anchor=\"middle\">");
      bs_html_number (h, v);
      bs_html_raw (h, "</text>");
    }
  bs_html_raw (h, "</g>\n");
  for (guint i = 0; i < n_groups; i++)
    {
      const BsChartGroup *g = &groups[i];
      double y = BAR_TOP + (double) i * BAR_ROW;
      bs_html_raw (h, "<g class=\"bar\">");
      group_tip (h, series, n_series, g);
      bar_label (h, g->label != NULL ? g->label : "", y);
      double x = BAR_LABEL;
      for (guint s = 0; s < n_series; s++)
        {
          if (g->values[s] <= 0)
            continue;
          double w = plot_w * (double) g->values[s] / (double) top;
          bs_html_raw (h, "<rect x=\"");
          num (h, x);
          bs_html_raw (h, "\" y=\"");
          num (h, y + 6);
          bs_html_raw (h, "\" width=\"");
          num (h, w);
          bs_html_raw (h, "\" height=\"");
          num (h, BAR_ROW - 12);
          g_string_append_printf (h->out, "\" fill=\"%s\"/>", series[s].color);
          x += w;
        }
      bs_html_raw (h, "<text class=\"value\" x=\"");
      num (h, x + 6);
      bs_html_raw (h, "\" y=\"");
      num (h, y + BAR_ROW / 2.0 + 4.5);
      bs_html_raw (h, "\">");
      bs_html_number (h, group_total (g, n_series));
      bs_html_raw (h, "</text>");
      bs_html_raw (h, "<rect class=\"hit\" x=\"0\" y=\"");
      num (h, y);
      g_string_append_printf (h->out, "\" width=\"%d\" height=\"%d\"/></g>\n", BAR_W, BAR_ROW);
    }
  bs_html_raw (h, "</svg>\n");
}

void
bs_chart_legend (BsHtml *h, const BsChartSeries *series, guint n_series, const gboolean *show)
{
  bs_html_raw (h, "<ul class=\"legend\">");
  for (guint s = 0; s < n_series; s++)
    {
      if (show != NULL && !show[s])
        continue;
      g_string_append_printf (h->out,
                              "<li><svg viewBox=\"0 0 10 10\" aria-hidden=\"true\">"
                              "<rect width=\"10\" height=\"10\" rx=\"2\" fill=\"%s\"/></svg>",
                              series[s].color);
      bs_html_text (h, series[s].name);
      bs_html_raw (h, "</li>");
    }
  bs_html_raw (h, "</ul>\n");
}
