/* html_page.h - the HTML report's page while it is written, shared by
 * report_html.c (head, header, footer: the page), html_headline.c (the
 * summary and "what to do now"), html_charts.c and html_tables.c (and
 * nothing else): how much of the history goes into the page, the
 * families' colours, the small writers every part uses
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <string.h>

#include "advice.h"
#include "aggregate.h"
#include "html.h"

/* how much of the history goes into the page; the CSV files have it all */
#define HTML_TABLE_ROWS 25        /* rows of each table */
#define HTML_ROW_FAILURES 10      /* failures listed under each row */
#define HTML_PROBLEMS 8           /* problems in "what to do now" */
#define HTML_PROBLEM_DOMAINS 6    /* destinations named in a problem */
#define HTML_PROBLEM_CODES 5      /* provider codes / IPs named in a problem */
#define HTML_CHART_BARS 10        /* domains and IPs in the bar charts */
#define HTML_CHART_REASONS 7      /* reasons with a colour of their own */
#define HTML_UNDECODABLE_ROWS 100
#define HTML_DAY_BUCKETS_MAX 92   /* more days than this: weeks; then months */
#define HTML_WEEK_BUCKETS_MAX 104

typedef struct {
  const char *en;
  const char *ja;
} Text;

/* per family: its css class (colours, labels and shades: reasons.h) */
extern const char *const bs_html_family_class[BS_FAMILY_COUNT];
#define OTHER_REASONS_COLOR "#c5ccd7"

typedef struct {
  BsHtml h;
  BsReportQuery *q;
  /* failure columns used by the row lists */
  int col_time, col_recipient, col_from, col_subject, col_reason, col_diagnostic;
  /* the largest groups of each kind, read once for the charts and tables */
  GPtrArray *rows[BS_AGG_COUNT];
  gint64 groups[BS_AGG_COUNT];
} Page;

#define H(p) (&(p)->h)

/* the HTML_TABLE_ROWS largest groups of kind (transfer none), NULL on error */
static inline GPtrArray *
page_rows (Page *p, BsAggKind kind, GError **error)
{
  if (p->rows[kind] == NULL)
    p->rows[kind] = bs_report_aggregate (p->q, kind, HTML_TABLE_ROWS, &p->groups[kind], error);
  return p->rows[kind];
}

static inline const char *
pick (const Page *p, const char *en, const char *ja)
{
  return p->h.ja ? ja : en;
}

static inline void
raw (Page *p, const char *markup)
{
  bs_html_raw (H (p), markup);
}

static inline void
text (Page *p, const char *s)
{
  bs_html_text (H (p), s);
}

static inline void
tr (Page *p, const char *en, const char *ja)
{
  bs_html_tr (H (p), en, ja);
}

static inline void
number (Page *p, gint64 n)
{
  bs_html_number (H (p), n);
}

/* what a reason (a name from the history) means, or NULL */
static inline const char *
reason_text (const Page *p, const char *reason)
{
  return bs_reason_label (bs_reason_from_name (reason), p->h.ja ? "ja" : "en");
}

static inline const char *
family_label (const Page *p, BsReasonFamily f)
{
  return bs_family_label (f, p->h.ja ? "ja" : "en");
}

/* the period: the filter's dates, else the history's */
static inline void
period (Page *p, const BsReportTotals *t, const char **from, const char **to)
{
  const char *since = bs_history_filter_since (p->h.options->filter);
  const char *until = bs_history_filter_until (p->h.options->filter);
  *from = since != NULL ? since : t->first_day;
  *to = until != NULL ? until : t->last_day;
}

/* report_html.c */
void page_value_or_unknown (Page *p, const char *s);
void page_time_cell (Page *p, const char *iso, BsDateStyle style);
void page_number_cell (Page *p, gint64 n);
void page_recipients_phrase (Page *p, gint64 n, gboolean sentence);
/* a list "a (3), b (1), and 2 more": its i-th value (written by show:
 * page_reason, page_system; else as text, mono: monospaced) with its count
 * when with_counts, then "and N more" when shown < total */
void page_list_item (Page *p, guint i, const char *value, gint64 count, gboolean mono,
                     gboolean with_counts, void (*show) (Page *, const char *));
void page_list_more (Page *p, guint total, guint shown);
/* a reason (a name from the history) as the page shows it: its label in
 * the page's language, the name after it in parentheses (the name alone
 * when it has none); a refusing system (failures.blocklist's id) likewise,
 * by its name (advice.h: bs_system_label) */
void page_reason (Page *p, const char *reason);
void page_system (Page *p, const char *id);

/* html_headline.c: the summary; the problems that are no incident */
void page_write_headline (Page *p, const BsReportTotals *t);
gboolean page_write_todo (Page *p, GError **error);

/* html_incidents.c: the opening sentence; "what to do now"; an advice's
 * explanation, next step (an incident's: bs_advice_next_step) and page
 * (BsAdvice, advice.h; NULL: nothing) */
void page_write_opening (Page *p);
void page_write_advice (Page *p, const BsAdvice *adv, gboolean incident);
gboolean page_write_incidents (Page *p, GError **error);

/* html_charts.c */
gboolean page_write_changes (Page *p, GError **error);
gboolean page_write_checks (Page *p, GError **error);
gboolean page_write_charts (Page *p, const BsReportTotals *t, GError **error);

/* html_tables.c */
gboolean page_write_tables (Page *p, GError **error);
gboolean page_write_history (Page *p, const BsReportTotals *t, GError **error);
