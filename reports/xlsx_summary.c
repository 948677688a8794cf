/* xlsx_summary.c - the workbook's Summary sheet: the report's name, its
 * scope and headline as the page says it, the failed recipients per
 * reason family and the other figures, then what to do now (every
 * problem, the page's order, with its next step)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "xlsx_book.h"

#include "advice.h"
#include "html.h"

/* "a (3), b (1)": the values listed in a cell of what to do now */
#define XLSX_LIST_MAX 20u

static const Column problem_columns[] = {
  { "problem", "Problem", "問題", COL_LONG, 50 },
  { "recipients", "Recipients", "宛先", COL_COUNT, 0 },
  { "failures", "Failures", "配信失敗", COL_COUNT, 0 },
  { "sending_ip", "Sending IP", "送信元IPアドレス", COL_TEXT, 20 },
  { "blocklists", "Blocklists", "ブロックリスト", COL_LONG, 20 },
  { "provider_codes", "Provider codes", "事業者のエラーコード", COL_LONG, 16 },
  { "reasons", "Reasons", "原因", COL_LONG, 18 },
  { "destinations", "Destinations", "宛先ドメイン", COL_LONG, 30 },
  { "first_seen", "First seen", "最初の発生", COL_TIME, 0 },
  { "last_seen", "Last seen", "最後の発生", COL_TIME, 0 },
  { "next_step", "Next step", "次の対応", COL_LONG, 60 },
  { "url", "Lookup and delisting page", "確認・解除申請のページ", COL_TEXT, 30 },
  { "latest_message", "The server's latest message", "相手サーバーからの最新のメッセージ",
    COL_LONG, 50 },
  { "advice", "Advice key", "対応の種類", COL_TEXT, 16 },
  { "family", "Family", "分類", COL_TEXT, 12 },
};

static const Column family_table[] = {
  { "family_label", "Reason family", "原因の分類", COL_LONG, 0 },
  { "recipients", "Recipients", "宛先", COL_COUNT, 0 },
  { "failures", "Failures", "配信失敗", COL_COUNT, 0 },
  { "family", "Family (name)", "分類（名前）", COL_TEXT, 0 },
};

/* the period: the options' dates, else the history's */
static void
period (const Book *b, const BsReportTotals *t, const char **from, const char **to)
{
  const char *since = bs_history_filter_since (b->o->filter);
  const char *until = bs_history_filter_until (b->o->filter);
  *from = since != NULL ? since : t->first_day;
  *to = until != NULL ? until : t->last_day;
}

/* the headline's sentence, as the page says it */
static char *
headline (const Book *b, const BsReportTotals *t)
{
  const char *from, *to;
  period (b, t, &from, &to);
  if (from == NULL || to == NULL)
    return g_strdup (pick (b, "There is no bounce in the history for this selection.",
                           "この条件に該当するエラーメールは記録されていません。"));
  /* the page's date and number formats (html.h), as plain text */
  GString *s = g_string_new (NULL);
  BsHtml h = { .out = s, .ja = b->ja };
  g_autofree char *a = bs_html_date_string (&h, from, BS_DATE_DAY);
  g_autofree char *z = bs_html_date_string (&h, to, BS_DATE_DAY);
  gboolean one_day = strcmp (from, to) == 0;
  if (b->ja)
    {
      if (one_day)
        g_string_append_printf (s, "%s、", a);
      else
        g_string_append_printf (s, "%sから%sまでに、", a, z);
      if (t->recipients > 0)
        {
          bs_html_number (&h, t->recipients);
          g_string_append (s, "件の宛先にメールが届きませんでした。");
        }
      else
        g_string_append (s, "配信に失敗したメールはありません。");
    }
  else
    {
      if (one_day)
        g_string_append_printf (s, "On %s", a);
      else
        g_string_append_printf (s, "Between %s and %s", a, z);
      if (t->recipients > 0)
        {
          g_string_append (s, ", mail to ");
          bs_html_number (&h, t->recipients);
          g_string_append (s, t->recipients == 1 ? " recipient could not be delivered."
                                                 : " recipients could not be delivered.");
        }
      else
        g_string_append (s, ", no mail failed.");
    }
  return g_string_free (s, FALSE);
}

/* a label in column A and a value in B: one line of the summary's facts */
static void
fact (Book *b, lxw_worksheet *ws, lxw_row_t *r, const char *en, const char *ja, const char *value)
{
  check (b, worksheet_write_string (ws, *r, 0, pick (b, en, ja), b->f.label));
  xlsx_put_text (b, ws, *r, 1, value, b->f.text);
  (*r)++;
}

/* the report's name, its scope and its headline */
static void
summary_head (Book *b, lxw_worksheet *ws, lxw_row_t *r, const BsReportTotals *t)
{
  const char *name = pick (b, "Bounce report", "配信エラー（バウンス）レポート");
  const char *title = b->o->title;
  if (title != NULL && *title != '\0')
    {
      xlsx_put_text (b, ws, (*r)++, 0, title, b->f.title);
      check (b, worksheet_write_string (ws, (*r)++, 0, name, b->f.heading));
    }
  else
    check (b, worksheet_write_string (ws, (*r)++, 0, name, b->f.title));
  g_autofree char *line = headline (b, t);
  check (b, worksheet_write_string (ws, (*r)++, 0, line, b->f.heading));
  (*r)++;

  const char *from, *to;
  period (b, t, &from, &to);
  check (b, worksheet_write_string (ws, *r, 0, pick (b, "Period", "対象期間"), b->f.label));
  xlsx_put_cell (b, ws, *r, 1, COL_DAY, from);
  xlsx_put_cell (b, ws, *r, 2, COL_DAY, to);
  (*r)++;
  const char *const *senders = bs_report_query_senders (b->q);
  if (senders != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) senders);
      fact (b, ws, r, "Sent from", "送信元ドメイン", list);
    }
  check (b, worksheet_write_string (ws, *r, 0, pick (b, "Generated", "作成日時"), b->f.label));
  g_autofree char *generated = bs_report_iso_utc (b->o->generated_at);
  xlsx_put_cell (b, ws, *r, 1, COL_TIME, generated);
  (*r)++;
  fact (b, ws, r, "Time zone", "タイムゾーン", b->tz_name);
  GString *scope = g_string_new (NULL);
  if (senders != NULL)
    g_string_append (scope, pick (b, "Only mail sent from these domains and their subdomains. ",
                                  "上記のドメイン（サブドメインを含む）から送信したメールだけを対象としています。"));
  if (b->o->redact)
    g_string_append (scope, pick (b, "The part before the @ of recipients' addresses is masked (***). ",
                                  "宛先アドレスの @ より前の部分は伏せています（***）。"));
  if (b->ja)
    g_string_append_printf (scope, "日時は%sで表示しています。日付は協定世界時（UTC）の日付です。",
                            b->tz_name);
  else
    g_string_append_printf (scope, "Times are in %s; days are UTC days.", b->tz_name);
  check (b, worksheet_write_string (ws, (*r)++, 0, scope->str, b->f.note));
  g_string_free (scope, TRUE);
  (*r)++;
}

/* the failed recipients per reason family, then the other figures */
static void
summary_figures (Book *b, lxw_worksheet *ws, lxw_row_t *r, const BsReportTotals *t)
{
  g_autofree const Column **cols = xlsx_column_list (family_table, G_N_ELEMENTS (family_table));
  Table tab;
  xlsx_table_begin (&tab, b, ws, *r, cols, G_N_ELEMENTS (family_table), FALSE);
  for (int f = 0; f < BS_FAMILY_COUNT; f++, tab.row++)
    {
      xlsx_put_cell (b, ws, tab.row, 0, COL_LONG, bs_family_label ((BsReasonFamily) f, b->lang));
      xlsx_put_count (b, ws, tab.row, 1, t->family_recipients[f]);
      xlsx_put_count (b, ws, tab.row, 2, t->family_failures[f]);
      xlsx_put_cell (b, ws, tab.row, 3, COL_TEXT, bs_family_name ((BsReasonFamily) f));
    }
  *r = tab.row + 1;
  static const struct {
    const char *name, *en, *ja;
  } figures[] = {
    { "recipients", "Recipients whose mail failed", "配信に失敗した宛先" },
    { "failures", "Failed deliveries (one per recipient of each bounce)",
      "配信失敗（エラーメール1通の宛先ごとに1件）" },
    { "hard_bounces", "Of them permanent (hard bounces)", "うち恒久的なエラー（ハードバウンス）" },
    { "delay_warnings", "Delay warnings (not counted as failures)", "遅延通知（配信失敗には数えていません）" },
    { "other_notices", "Other notices (delivered, auto-replies, complaints)",
      "その他の通知（配信成功・自動応答・苦情報告）" },
  };
  const gint64 values[] = { t->recipients, t->failures, t->hard, t->delayed, t->other_notices };
  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (figures));
  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++, (*r)++)
    {
      check (b, worksheet_write_string (ws, *r, 0, pick (b, figures[i].en, figures[i].ja),
                                        b->f.label));
      xlsx_put_count (b, ws, *r, 1, values[i]);
      check (b, worksheet_write_string (ws, *r, 3, figures[i].name, b->f.machine));
    }
  (*r)++;
}

/* "a (3), b (1)" of counts, at most XLSX_LIST_MAX */
static char *
count_list (const Book *b, const GPtrArray *counts)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < counts->len && i < XLSX_LIST_MAX; i++)
    {
      const BsCount *c = g_ptr_array_index (counts, i);
      g_string_append_printf (s, b->ja ? "%s%s（%" G_GINT64_FORMAT "）" : "%s%s (%" G_GINT64_FORMAT ")",
                              i > 0 ? (b->ja ? "、" : ", ") : "", c->value, c->count);
    }
  if (counts->len > XLSX_LIST_MAX)
    g_string_append_printf (s, b->ja ? "、ほか%u件" : ", and %u more", counts->len - XLSX_LIST_MAX);
  return g_string_free (s, FALSE);
}

/* what to do now: every problem, the ones that hurt the most recipients
 * first (the page's order), each with its next step */
static gboolean
summary_problems (Book *b, lxw_worksheet *ws, lxw_row_t *r, GError **error)
{
  g_autoptr (GPtrArray) problems = bs_report_problems (b->q, 0, NULL, error);
  if (problems == NULL)
    return FALSE;
  check (b, worksheet_write_string (ws, (*r)++, 0, pick (b, "What to do now", "いま対処すべき問題"),
                                    b->f.heading));
  if (problems->len == 0)
    {
      check (b, worksheet_write_string (ws, (*r)++, 0,
                                        pick (b, "Nothing to do: no delivery failed in this period.",
                                              "対処が必要な問題はありません。この期間に配信の失敗はありませんでした。"),
                                        b->f.note));
      return TRUE;
    }
  g_autofree const Column **cols = xlsx_column_list (problem_columns, G_N_ELEMENTS (problem_columns));
  Table t;
  xlsx_table_begin (&t, b, ws, *r, cols, G_N_ELEMENTS (problem_columns), FALSE);
  for (guint i = 0; i < problems->len; i++, t.row++)
    {
      const BsProblem *p = g_ptr_array_index (problems, i);
      const BsAdvice *adv = bs_advice_for (p->advice_key, b->ja ? "ja" : "en");
      g_autofree char *blocklists = count_list (b, p->blocklists);
      g_autofree char *codes = count_list (b, p->codes);
      g_autofree char *reasons = count_list (b, p->reasons);
      g_autofree char *destinations = count_list (b, p->destinations);
      g_autofree char *ips = p->sending_ip != NULL ? g_strdup (p->sending_ip) : count_list (b, p->ips);
      const char *cells[] = {
        adv != NULL ? adv->title : p->advice_key, NULL, NULL, ips, blocklists, codes, reasons,
        destinations, p->first_seen, p->last_seen, adv != NULL ? adv->next_step : NULL,
        adv != NULL && adv->url != NULL && g_str_has_prefix (adv->url, "https://") ? adv->url : NULL,
        p->example, p->advice_key, bs_family_name (p->family),
      };
      G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (problem_columns));
      xlsx_fit_row (&t, cells);
      for (guint k = 0; k < G_N_ELEMENTS (cells); k++)
        xlsx_put_cell (b, ws, t.row, (lxw_col_t) k, problem_columns[k].type, cells[k]);
      xlsx_put_count (b, ws, t.row, 1, p->recipients);
      xlsx_put_count (b, ws, t.row, 2, p->failures);
    }
  xlsx_table_end (&t, FALSE);
  *r = t.row;
  return TRUE;
}

gboolean
xlsx_write_summary (Book *b, lxw_worksheet *ws, const char *title, BsAggKind kind, GError **error)
{
  BsReportTotals t;
  if (!bs_report_totals (b->q, &t, error))
    {
      bs_report_totals_clear (&t);
      return FALSE;
    }
  /* the widths of the problems' table, the widest; the facts above it
   * read in the first two columns */
  for (guint i = 0; i < G_N_ELEMENTS (problem_columns); i++)
    check (b, worksheet_set_column (ws, (lxw_col_t) i, (lxw_col_t) i,
                                    i == 1 ? 19 : xlsx_column_width (&problem_columns[i]), NULL));
  lxw_row_t r = 0;
  summary_head (b, ws, &r, &t);
  summary_figures (b, ws, &r, &t);
  bs_report_totals_clear (&t);
  return summary_problems (b, ws, &r, error);
}
