/* xlsx_summary.c - the workbook's Summary sheet: the report's name, its
 * scope and headline as the page says it; the incidents (incidents.h: a
 * sending IP or sender domain refused by a system, what the sender must
 * fix first) in the page's order; the failed recipients per reason family
 * and the other figures; then what to do now (every problem, the page's
 * order, with its next step).  The incidents' and the problems' tables
 * share the sheet's columns: theirs line up (a sentence, recipients,
 * failures, the subject, ...), their machine names after them.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "xlsx_book.h"

#include <string.h>

#include "advice.h"
#include "html.h"
#include "incidents.h"

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

/* the incidents, their columns under the problems' of the same kind */
static const Column incident_columns[] = {
  { "incident", "Incident", "インシデント", COL_LONG, 50 },
  { "recipients", "Recipients", "宛先", COL_COUNT, 0 },
  { "failures", "Failures", "配信失敗", COL_COUNT, 0 },
  { "subject", "Refused sending IP or sender domain", "拒否された送信元IPアドレスまたは送信元ドメイン",
    COL_TEXT, 20 },
  { "system_label", "Refused by", "拒否した相手", COL_LONG, 20 },
  { "provider_codes", "Provider codes", "事業者のエラーコード", COL_LONG, 16 },
  { "reason_label", "Reason", "原因", COL_LONG, 18 },
  { "destinations", "Destinations", "宛先ドメイン", COL_LONG, 30 },
  { "first", "First seen", "最初の発生", COL_TIME, 0 },
  { "last", "Last seen", "最後の発生", COL_TIME, 0 },
  { "next_step", "Next step", "次の対応", COL_LONG, 60 },
  { "url", "Lookup and delisting page", "確認・解除申請のページ", COL_TEXT, 30 },
  { "sender_domains", "Customers hit", "影響を受けた顧客（送信元ドメイン）", COL_LONG, 50 },
  { "warnings", "Delay warnings", "遅延通知", COL_COUNT, 16 },
  { "episodes", "Episodes", "発生回数", COL_COUNT, 12 },
  { "first_refusal", "Refused since (this episode)", "今回の拒否の開始", COL_TIME, 0 },
  { "cleared_day", "Cleared on", "解消日", COL_DAY, 0 },
  { "live_check", "Live check", "ライブチェック", COL_TEXT, 0 },
  { "state", "State (name)", "状態（名前）", COL_TEXT, 0 },
  { "blamed", "Blamed (name)", "対象の種類（名前）", COL_TEXT, 0 },
  { "system", "System (name)", "拒否した相手（名前）", COL_TEXT, 0 },
  { "reason", "Reason (name)", "原因（名前）", COL_TEXT, 0 },
  { "advice", "Advice key", "対応の種類", COL_TEXT, 0 },
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
    g_string_append_printf (scope, "日時と日付は%sで表示しています（「配信失敗」シートの日時（UTC）は協定世界時）。",
                            b->tz_name);
  else
    g_string_append_printf (scope, "Times and days are in %s (the Failures sheet's Time (UTC) is UTC).",
                            b->tz_name);
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

/* an advice's page, when it is one (https) */
static const char *
advice_url (const BsAdvice *adv)
{
  return adv != NULL && adv->url != NULL && g_str_has_prefix (adv->url, "https://") ? adv->url : NULL;
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

/* "a (3), b (1)" of an incident's counts (failures and warnings), at most
 * XLSX_LIST_MAX */
static char *
incident_count_list (const Book *b, const GPtrArray *counts)
{
  g_autoptr (GPtrArray) plain = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < counts->len; i++)
    {
      const BsIncidentCount *c = g_ptr_array_index (counts, i);
      BsCount *n = g_new (BsCount, 1);
      *n = (BsCount) { .value = c->value, .count = c->failures + c->warnings };
      g_ptr_array_add (plain, n);
    }
  return count_list (b, plain);
}

/* the incident in a sentence: its state, who is refused and by whom */
static char *
incident_sentence (const Book *b, const BsIncident *inc)
{
  const char *system = bs_incident_system_label (inc->system, b->ja);
  const char *kind = inc->blame_sender ? pick (b, "sender domain ", "送信元ドメイン ") : "";
  switch (inc->state)
    {
    case BS_INCIDENT_WARNING:
      return b->ja ? g_strdup_printf ("警告: %s%s が %s に評価を理由に遅延されています（拒否はまだありません）",
                                      kind, inc->subject, system)
                   : g_strdup_printf ("Warning: %s%s deferred for its reputation by %s, no refusal yet",
                                      kind, inc->subject, system);
    case BS_INCIDENT_RETURNED:
      return b->ja ? g_strdup_printf ("再発: %s%s が %s に再び拒否されています", kind, inc->subject, system)
                   : g_strdup_printf ("Came back: %s%s refused again by %s", kind, inc->subject, system);
    case BS_INCIDENT_CLEARED:
      return b->ja ? g_strdup_printf ("解消: %s%s の %s による拒否は解消しました", kind, inc->subject, system)
                   : g_strdup_printf ("Cleared: %s%s no longer refused by %s", kind, inc->subject, system);
    default:
      return b->ja ? g_strdup_printf ("発生中: %s%s が %s に拒否されています", kind, inc->subject, system)
                   : g_strdup_printf ("Active: %s%s refused by %s", kind, inc->subject, system);
    }
}

/* one incident's row of cells, in incident_columns' order; the texts it
 * makes go to keep */
static void
incident_cells (const Book *b, const BsIncident *inc, const char **cells, GPtrArray *keep)
{
  const BsEpisode *e = g_ptr_array_index (inc->episodes, inc->episodes->len - 1);
  const char *key = bs_incident_advice_key (inc);
  const BsAdvice *adv = bs_advice_for (key, b->lang);
  const char *made[] = {
    incident_sentence (b, inc), incident_count_list (b, inc->provider_codes),
    incident_count_list (b, inc->destinations), incident_count_list (b, inc->sender_domains),
  };
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    g_ptr_array_add (keep, (gpointer) made[i]);
  const char *row[] = {
    made[0], NULL, NULL, inc->subject, bs_incident_system_label (inc->system, b->ja), made[1],
    reason_label (b, inc->reason), made[2], inc->first, inc->last,
    adv != NULL ? bs_advice_next_step (adv, TRUE) : NULL,
    advice_url (adv), made[3], NULL, NULL, e->first_refusal, e->cleared_day, inc->check_status,
    bs_incident_state_name (inc->state), inc->blame_sender ? "sender_domain" : "sending_ip",
    inc->system, inc->reason, key,
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (row) == G_N_ELEMENTS (incident_columns));
  memcpy (cells, row, sizeof row);
}

/* the incidents, in the page's order: live ones first */
static gboolean
summary_incidents (Book *b, lxw_worksheet *ws, lxw_row_t *r, GError **error)
{
  const BsIncidentList *list = bs_report_query_incidents (b->q, error);   /* the page's */
  if (list == NULL)
    return FALSE;
  check (b, worksheet_write_string (ws, (*r)++, 0,
                                    pick (b, "Incidents: sending IPs and sender domains refused for their reputation",
                                          "インシデント: 評価を理由に拒否された送信元IPアドレス・送信元ドメイン"),
                                    b->f.heading));
  if (list->incidents->len == 0)
    {
      check (b, worksheet_write_string (ws, (*r)++, 0,
                                        pick (b, "No incident: no sending IP or sender domain was refused for its reputation in this period.",
                                              "インシデントはありません。この期間に評価を理由に拒否された送信元はありません。"),
                                        b->f.note));
      (*r)++;
      return TRUE;
    }
  g_autofree const Column **cols = xlsx_column_list (incident_columns, G_N_ELEMENTS (incident_columns));
  Table t;
  xlsx_table_begin (&t, b, ws, *r, cols, G_N_ELEMENTS (incident_columns), FALSE);
  for (guint i = 0; i < list->incidents->len; i++, t.row++)
    {
      const BsIncident *inc = g_ptr_array_index (list->incidents, i);
      g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
      const char *cells[G_N_ELEMENTS (incident_columns)];
      incident_cells (b, inc, cells, keep);
      xlsx_fit_row (&t, cells);
      xlsx_put_row (&t, cells);
      xlsx_put_count (b, ws, t.row, 1, inc->recipients);
      xlsx_put_count (b, ws, t.row, 2, inc->failures);
      xlsx_put_count (b, ws, t.row, 13, inc->warnings);
      xlsx_put_count (b, ws, t.row, 14, inc->episodes->len);
    }
  xlsx_table_end (&t, FALSE);
  *r = t.row + 1;
  return TRUE;
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
        advice_url (adv), p->example, p->advice_key, bs_family_name (p->family),
      };
      G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (problem_columns));
      xlsx_fit_row (&t, cells);
      xlsx_put_row (&t, cells);
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
  /* the widths of the problems' table, the widest, then the incidents'
   * columns past it; the facts above them read in the first two columns */
  G_STATIC_ASSERT (G_N_ELEMENTS (incident_columns) > G_N_ELEMENTS (problem_columns));
  for (guint i = 0; i < G_N_ELEMENTS (incident_columns); i++)
    check (b, worksheet_set_column (ws, (lxw_col_t) i, (lxw_col_t) i,
                                    i == 1 ? 19
                                    : xlsx_column_width (i < G_N_ELEMENTS (problem_columns)
                                                           ? &problem_columns[i] : &incident_columns[i]),
                                    NULL));
  lxw_row_t r = 0;
  summary_head (b, ws, &r, &t);
  gboolean ok = summary_incidents (b, ws, &r, error);
  if (ok)
    summary_figures (b, ws, &r, &t);
  bs_report_totals_clear (&t);
  return ok && summary_problems (b, ws, &r, error);
}
