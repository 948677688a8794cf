/* html_chart.h - the report's charts, drawn as inline SVG by the program
 *
 * Two shapes: columns over time (stacked series, y axis with round ticks,
 * x labels thinned to stay readable) and horizontal bars for the largest
 * groups (stacked series, the total at the bar's end).  Every group has a
 * tooltip (<title>) with its numbers; the legend is HTML so that it wraps
 * and prints.  Colours are constants of the program, never data.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "html.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;    /* legend text */
  const char *color;   /* "#rrggbb", a constant */
} BsChartSeries;

typedef struct {
  char *label;         /* axis label, plain text (escaped when written) */
  char *tip;           /* tooltip heading, plain text */
  gint64 *values;      /* one per series */
} BsChartGroup;

void bs_chart_group_clear (BsChartGroup *group);

/* bs_chart_columns - stacked columns, one per group, left to right */
void bs_chart_columns (BsHtml *h, const char *title, const BsChartSeries *series, guint n_series,
                       const BsChartGroup *groups, guint n_groups);

/* bs_chart_bars - stacked horizontal bars, one per group, top to bottom */
void bs_chart_bars (BsHtml *h, const char *title, const BsChartSeries *series, guint n_series,
                    const BsChartGroup *groups, guint n_groups);

/* bs_chart_legend - the series' colours and names (those with show[i],
 * or all when show is NULL) */
void bs_chart_legend (BsHtml *h, const BsChartSeries *series, guint n_series, const gboolean *show);

G_END_DECLS
