/* html_charts.c - the report's sections written by other parts of the
 * project (what changed, live checks) and its charts (failures per day by
 * reason, the largest domains and IPs by family; inline SVG, html_chart.c)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "html_page.h"

#include "changes.h"
#include "checks.h"
#include "html_chart.h"

/* ---- sections written by other parts of the project --------------------- */

/* "What changed" since the last scan (new, cleared, came back): written by
 * reports/changes.c */
gboolean
page_write_changes (Page *p, GError **error)
{
  return bs_changes_report_section (p->h.out, bs_report_query_read (p->q), p->h.options, error);
}

/* "Live checks (DNS)" (is it still listed, PTR, SPF/DMARC):
 * reports/checks.c writes its own <section id="checks"> */
gboolean
page_write_checks (Page *p, GError **error)
{
  gsize before = p->h.out->len;
  if (!bs_report_checks_html (bs_report_query_read (p->q), p->h.options, p->h.out, error))
    return FALSE;
  if (p->h.out->len > before)
    bs_html_nav_add (H (p), "checks", pick (p, "Live checks (DNS)", "DNS による現在の状態の確認"));
  return TRUE;
}

/* ---- charts ------------------------------------------------------------- */

typedef enum { BUCKET_DAY, BUCKET_WEEK, BUCKET_MONTH } Bucket;

/* index of date's bucket from first */
static guint
bucket_of (const GDate *first, const GDate *date, Bucket b)
{
  switch (b)
    {
    case BUCKET_DAY:
      return (guint) g_date_days_between (first, date);
    case BUCKET_WEEK:
      return (guint) (g_date_days_between (first, date) / 7);
    default:
      return (guint) ((g_date_get_year (date) - g_date_get_year (first)) * 12
                      + (int) g_date_get_month (date) - (int) g_date_get_month (first));
    }
}

static gint
cell_cmp_desc (gconstpointer a, gconstpointer b)
{
  const BsCount *x = *(BsCount *const *) a, *y = *(BsCount *const *) b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->value, y->value);
}

/* the day chart's range (the filter's dates when given and not too far
 * off, else the failures'), its buckets, and each reason's total failures;
 * FALSE when no cell has a day */
static gboolean
day_range (Page *p, GPtrArray *cells, GHashTable *totals, GDate *first_out, GDate *last_out,
           Bucket *bucket)
{
  GDate first, last, d;
  gboolean have = FALSE;
  for (guint i = 0; i < cells->len; i++)
    {
      BsCrossCell *c = g_ptr_array_index (cells, i);
      if (!bs_html_parse_day (c->key, &d))
        continue;
      if (!have || g_date_compare (&d, &first) < 0)
        first = d;
      if (!have || g_date_compare (&d, &last) > 0)
        last = d;
      have = TRUE;
      const char *r = c->sub ? c->sub : bs_reason_name (BS_REASON_UNDEFINED);
      g_hash_table_insert (totals, (gpointer) r,
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (totals, r))
                                             + (gsize) c->failures));
    }
  if (!have)
    return FALSE;
  const char *since = bs_history_filter_since (p->h.options->filter);
  const char *until = bs_history_filter_until (p->h.options->filter);
  if (since && bs_html_parse_day (since, &d) && g_date_compare (&d, &first) < 0
      && g_date_days_between (&d, &last) < 3 * 366)
    first = d;
  if (until && bs_html_parse_day (until, &d) && g_date_compare (&d, &last) > 0
      && g_date_days_between (&first, &d) < 3 * 366)
    last = d;
  int days = g_date_days_between (&first, &last) + 1;
  Bucket b = days <= HTML_DAY_BUCKETS_MAX ? BUCKET_DAY
             : days <= HTML_WEEK_BUCKETS_MAX * 7 ? BUCKET_WEEK : BUCKET_MONTH;
  if (b == BUCKET_WEEK)
    {
      /* weeks start on Monday */
      while (g_date_get_weekday (&first) != G_DATE_MONDAY)
        g_date_subtract_days (&first, 1);
    }
  else if (b == BUCKET_MONTH)
    g_date_set_day (&first, 1);
  *first_out = first;
  *last_out = last;
  *bucket = b;
  return TRUE;
}

static gboolean
write_day_chart (Page *p, GError **error)
{
  g_autoptr (GPtrArray) cells = bs_report_cross (p->q, BS_AGG_DAY, BS_CROSS_REASON, error);
  if (cells == NULL)
    return FALSE;
  GDate first, last, d;
  Bucket b;
  g_autoptr (GHashTable) totals = g_hash_table_new (g_str_hash, g_str_equal);
  if (cells->len == 0 || !day_range (p, cells, totals, &first, &last, &b))
    return TRUE;
  guint n_buckets = bucket_of (&first, &last, b) + 1;

  /* the series: the biggest reasons, then all others together */
  g_autoptr (GPtrArray) order = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_count_free);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, totals);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      BsCount *c = g_new0 (BsCount, 1);
      c->value = g_strdup (k);
      c->count = (gint64) GPOINTER_TO_SIZE (v);
      g_ptr_array_add (order, c);
    }
  g_ptr_array_sort (order, cell_cmp_desc);
  guint n_own = MIN (order->len, HTML_CHART_REASONS);
  if (order->len == n_own + 1)
    n_own++;   /* one reason left over: it gets its own colour, not "others" */
  guint n_series = n_own + (order->len > n_own ? 1 : 0);
  g_autofree BsChartSeries *series = g_new0 (BsChartSeries, n_series);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int used[BS_FAMILY_COUNT] = { 0 };
  for (guint s = 0; s < n_own; s++)
    {
      const char *reason = ((BsCount *) g_ptr_array_index (order, s))->value;
      const char *desc = reason_text (p, reason);
      char *name = desc == NULL ? g_strdup (reason)
                   : p->h.ja ? g_strdup_printf ("%s（%s）", desc, reason)
                   : g_strdup_printf ("%s (%s)", desc, reason);
      g_ptr_array_add (names, name);
      series[s].name = name;
      BsReasonFamily f = bs_reason_family (bs_reason_from_name (reason), NULL);
      series[s].color = bs_family_shade (f, (guint) used[f]++);
    }
  if (n_series > n_own)
    {
      series[n_own].name = pick (p, "Other reasons", "その他の原因");
      series[n_own].color = OTHER_REASONS_COLOR;
    }

  g_autofree BsChartGroup *groups = g_new0 (BsChartGroup, n_buckets);
  GDate at = first;
  for (guint i = 0; i < n_buckets; i++)
    {
      g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&at),
                                              g_date_get_month (&at), g_date_get_day (&at));
      groups[i].values = g_new0 (gint64, n_series);
      groups[i].label = bs_html_date_string (H (p), iso, b == BUCKET_MONTH ? BS_DATE_MONTH : BS_DATE_SHORT);
      g_autofree char *day = bs_html_date_string (H (p), iso, BS_DATE_DAY);
      groups[i].tip = b == BUCKET_WEEK ? (p->h.ja ? g_strdup_printf ("%sからの週", day)
                                                  : g_strdup_printf ("Week of %s", day))
                      : b == BUCKET_MONTH ? bs_html_date_string (H (p), iso, BS_DATE_MONTH)
                      : g_steal_pointer (&day);
      if (b == BUCKET_DAY)
        g_date_add_days (&at, 1);
      else if (b == BUCKET_WEEK)
        g_date_add_days (&at, 7);
      else
        g_date_add_months (&at, 1);
    }
  for (guint i = 0; i < cells->len; i++)
    {
      BsCrossCell *c = g_ptr_array_index (cells, i);
      if (!bs_html_parse_day (c->key, &d) || g_date_compare (&d, &first) < 0
          || g_date_compare (&d, &last) > 0)
        continue;
      guint at_bucket = bucket_of (&first, &d, b);
      if (at_bucket >= n_buckets)
        continue;
      guint s = n_series - 1;
      for (guint j = 0; j < n_own; j++)
        if (g_strcmp0 (((BsCount *) g_ptr_array_index (order, j))->value,
                       c->sub ? c->sub : bs_reason_name (BS_REASON_UNDEFINED)) == 0)
          s = j;
      groups[at_bucket].values[s] += c->failures;
    }
  raw (p, "<div class=\"wide\">\n<h3>");
  const char *title = b == BUCKET_DAY ? pick (p, "Failed deliveries per day, by reason", "日ごとの配信失敗（原因別）")
                      : b == BUCKET_WEEK ? pick (p, "Failed deliveries per week, by reason", "週ごとの配信失敗（原因別）")
                      : pick (p, "Failed deliveries per month, by reason", "月ごとの配信失敗（原因別）");
  text (p, title);
  raw (p, "</h3>\n");
  bs_chart_columns (H (p), title, series, n_series, groups, n_buckets);
  bs_chart_legend (H (p), series, n_series, NULL);
  raw (p, "</div>\n");
  for (guint i = 0; i < n_buckets; i++)
    bs_chart_group_clear (&groups[i]);
  return TRUE;
}

/* the top groups of kind as bars stacked by family */
static gboolean
write_bar_chart (Page *p, BsAggKind kind, const char *title, GError **error)
{
  GPtrArray *rows = page_rows (p, kind, error);
  if (rows == NULL)
    return FALSE;
  g_autoptr (GPtrArray) cells = bs_report_cross (p->q, kind, BS_CROSS_FAMILY, error);
  if (cells == NULL)
    return FALSE;
  BsChartSeries series[BS_FAMILY_COUNT];
  for (int f = 0; f < BS_FAMILY_COUNT; f++)
    {
      series[f].name = family_label (p, (BsReasonFamily) f);
      series[f].color = bs_family_color ((BsReasonFamily) f);
    }
  g_autofree BsChartGroup *groups = g_new0 (BsChartGroup, HTML_CHART_BARS);
  guint n = 0;
  gboolean used[BS_FAMILY_COUNT] = { FALSE };
  for (guint i = 0; i < rows->len && n < HTML_CHART_BARS; i++)
    {
      const BsAggRow *r = g_ptr_array_index (rows, i);
      if (r->key == NULL)
        continue;   /* "not given" is no domain or IP to draw */
      groups[n].label = g_strdup (r->key);
      groups[n].tip = g_strdup (r->key);
      groups[n].values = g_new0 (gint64, BS_FAMILY_COUNT);
      for (guint c = 0; c < cells->len; c++)
        {
          BsCrossCell *cell = g_ptr_array_index (cells, c);
          if (g_strcmp0 (cell->key, r->key) != 0)
            continue;
          for (int f = 0; f < BS_FAMILY_COUNT; f++)
            if (g_strcmp0 (cell->sub, bs_family_name (f)) == 0)
              {
                groups[n].values[f] += cell->failures;
                used[f] = TRUE;
              }
        }
      n++;
    }
  raw (p, "<div>\n<h3>");
  text (p, title);
  raw (p, "</h3>\n");
  if (n == 0)
    bs_html_note (H (p), kind == BS_AGG_IP ? pick (p, "No bounce names the sending IP address.",
                                                   "送信元IPアドレスが書かれたエラーメールはありません。")
                                           : pick (p, "Nothing to show.", "表示するものはありません。"));
  else
    {
      bs_chart_bars (H (p), title, series, BS_FAMILY_COUNT, groups, n);
      bs_chart_legend (H (p), series, BS_FAMILY_COUNT, used);
    }
  raw (p, "</div>\n");
  for (guint i = 0; i < n; i++)
    bs_chart_group_clear (&groups[i]);
  return TRUE;
}

gboolean
page_write_charts (Page *p, const BsReportTotals *t, GError **error)
{
  if (t->failures == 0)
    return TRUE;
  bs_html_section_begin (H (p), "charts", pick (p, "Charts", "グラフ"));
  raw (p, "<div class=\"charts\">\n");
  if (!write_day_chart (p, error)
      || !write_bar_chart (p, BS_AGG_DOMAIN, pick (p, "Destination domains with the most failures",
                                                   "配信失敗の多い宛先ドメイン"), error)
      || !write_bar_chart (p, BS_AGG_IP, pick (p, "Sending IP addresses with the most failures",
                                               "配信失敗の多い送信元IPアドレス"), error))
    return FALSE;
  raw (p, "</div>\n");
  bs_html_note (H (p), pick (p, "Numbers are failed deliveries. Point at a bar to see its figures.",
                             "数値は配信失敗の件数です。棒にマウスポインターを重ねると内訳が表示されます。"));
  bs_html_section_end (H (p));
  return TRUE;
}

