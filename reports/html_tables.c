/* html_tables.c - the report's tables (one per aggregate, whose rows open
 * their latest failures), the mailbox's counts and the messages that could
 * not be decoded
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "html_page.h"

#include "advice.h"

/* ---- tables ------------------------------------------------------------- */

typedef struct {
  BsAggKind kind;
  const char *id;
  Text title;
  Text keys[3];        /* the key columns' headers */
  Text what;           /* "domains" in the "showing N of M" note */
  gboolean reasons;    /* its last column: the reasons of its failures (else the
                          server's latest message) */
} TableDef;

static const TableDef tables[] = {
  { BS_AGG_DOMAIN, "domain", { "By destination domain", "宛先ドメイン別" },
    { { "Destination domain", "宛先ドメイン" } }, { "domains", "ドメイン" } },
  { BS_AGG_IP, "ip", { "By sending IP address", "送信元IPアドレス別" },
    { { "Sending IP", "送信元IPアドレス" } }, { "IP addresses", "IPアドレス" } },
  { BS_AGG_SENDER, "sender", { "By sender domain (customer)", "送信元ドメイン別（お客様別）" },
    { { "Sender domain", "送信元ドメイン" } }, { "sender domains", "送信元ドメイン" }, TRUE },
  { BS_AGG_CODE, "code", { "By error code", "エラーコード別" },
    { { "Status", "ステータス" }, { "SMTP reply", "SMTP応答コード" },
      { "Provider code", "事業者のエラーコード" } }, { "codes", "コード" } },
  { BS_AGG_REASON, "reason", { "By reason", "原因別" },
    { { "Reason", "原因" } }, { "reasons", "原因" } },
  { BS_AGG_BLOCKLIST, "blocklist", { "By blocklist", "ブロックリスト別" },
    { { "Blocklist", "ブロックリスト" } }, { "blocklists", "ブロックリスト" } },
};

typedef struct {
  Page *p;
  guint n;
} RowList;

static gboolean
failure_item (const char *const *values, gpointer user)
{
  RowList *l = user;
  Page *p = l->p;
  raw (p, "<tr>");
  page_time_cell (p, values[p->col_time], BS_DATE_TIME);
  raw (p, "<td class=\"mono who\">");
  text (p, values[p->col_recipient]);
  raw (p, "</td><td class=\"who\">");
  text (p, values[p->col_from]);
  raw (p, "</td><td class=\"subj\">");
  text (p, values[p->col_subject]);
  raw (p, "</td><td class=\"reason\">");
  page_reason (p, values[p->col_reason]);
  raw (p, "</td><td class=\"mono diag\">");
  text (p, values[p->col_diagnostic]);
  raw (p, "</td></tr>\n");
  l->n++;
  return TRUE;
}

static gboolean
write_row_failures (Page *p, const TableDef *def, const BsAggRow *r, guint colspan, GError **error)
{
  g_string_append_printf (p->h.out, "<tr class=\"more\"><td colspan=\"%u\"><details><summary>", colspan);
  gboolean cut = r->failures > HTML_ROW_FAILURES;
  if (p->h.ja)
    {
      raw (p, "配信失敗の一覧（");
      if (cut)
        {
          raw (p, "最新");
          number (p, HTML_ROW_FAILURES);
          raw (p, "件／全");
        }
      number (p, r->failures);
      raw (p, "件）");
    }
  else
    {
      raw (p, "Show the ");
      if (cut)
        {
          number (p, HTML_ROW_FAILURES);
          raw (p, " latest of ");
        }
      if (r->failures != 1 || cut)
        {
          number (p, r->failures);
          raw (p, " failures");
        }
      else
        raw (p, "failure");
    }
  raw (p, "</summary>\n<table class=\"fails\">\n<thead><tr><th>");
  tr (p, "When", "日時");
  raw (p, "</th><th>");
  tr (p, "Recipient", "宛先");
  raw (p, "</th><th>");
  tr (p, "From", "差出人");
  raw (p, "</th><th>");
  tr (p, "Subject", "件名");
  raw (p, "</th><th>");
  tr (p, "Reason", "原因");
  raw (p, "</th><th>");
  tr (p, "The server's message", "相手サーバーからのメッセージ");
  raw (p, "</th></tr></thead>\n<tbody>\n");
  RowList l = { p, 0 };
  if (!bs_report_foreach_recent_failure (p->q, def->kind, r, HTML_ROW_FAILURES, failure_item, &l, error))
    return FALSE;
  raw (p, "</tbody>\n</table>\n");
  if (cut)
    bs_html_note (H (p), pick (p, "Every failure is in failures.csv.",
                               "すべての配信失敗は failures.csv にあります。"));
  raw (p, "</details></td></tr>\n");
  return TRUE;
}

/* the key cell(s) of a row */
static void
key_cells (Page *p, const TableDef *def, const BsAggRow *r)
{
  const char *toggle = pick (p, "Show or hide the failures", "配信失敗の一覧を開く・閉じる");
  if (def->kind == BS_AGG_CODE)
    {
      raw (p, "<td class=\"key\"><button type=\"button\" class=\"tog\" aria-expanded=\"false\" aria-label=\"");
      text (p, toggle);
      raw (p, "\"></button><span class=\"mono\">");
      page_value_or_unknown (p, r->status);
      raw (p, "</span></td><td class=\"mono\">");
      if (r->reply_code > 0)
        g_string_append_printf (p->h.out, "%d", r->reply_code);
      else
        page_value_or_unknown (p, NULL);
      raw (p, "</td><td class=\"mono\">");
      page_value_or_unknown (p, r->provider_code);
      raw (p, "</td>");
      return;
    }
  raw (p, "<td class=\"key\" data-v=\"");
  text (p, r->key);
  raw (p, "\"><button type=\"button\" class=\"tog\" aria-expanded=\"false\" aria-label=\"");
  text (p, toggle);
  raw (p, "\"></button>");
  const char *desc = NULL;
  if (def->kind == BS_AGG_REASON)
    page_reason (p, r->key);
  else if (def->kind == BS_AGG_BLOCKLIST)
    {
      page_system (p, r->key);
      const BsAdvice *a = r->key != NULL ? bs_advice_for (r->key, p->h.ja ? "ja" : "en") : NULL;
      desc = a ? a->title : NULL;
    }
  else
    {
      raw (p, def->kind == BS_AGG_DOMAIN ? "<span>" : "<span class=\"mono\">");
      page_value_or_unknown (p, r->key);
      raw (p, "</span>");
    }
  if (desc != NULL)
    {
      raw (p, "<span class=\"desc\">");
      text (p, desc);
      raw (p, "</span>");
    }
  raw (p, "</td>");
}

/* reasons shown in a row's cell, at most */
#define CELL_REASONS 3

/* the cell of a group's reasons: the main ones, labelled, with their
 * failures ("The address does not exist (userunknown) 40"), then how many
 * failures the others have */
static void
reasons_cell (Page *p, const GPtrArray *reasons, gint64 failures)
{
  raw (p, "<td class=\"reasons\"><ul class=\"counts\">");
  gint64 shown = 0;
  for (guint i = 0; reasons != NULL && i < reasons->len && i < CELL_REASONS; i++)
    {
      const BsCount *c = g_ptr_array_index (reasons, i);
      raw (p, "<li>");
      page_reason (p, c->value);
      raw (p, " <b>");
      number (p, c->count);
      raw (p, "</b></li>");
      shown += c->count;
    }
  if (failures > shown)
    {
      raw (p, "<li>");
      tr (p, "other reasons", "その他の原因");
      raw (p, " <b>");
      number (p, failures - shown);
      raw (p, "</b></li>");
    }
  raw (p, "</ul></td>");
}

static gboolean
write_table (Page *p, const TableDef *def, GError **error)
{
  GPtrArray *rows = page_rows (p, def->kind, error);
  if (rows == NULL)
    return FALSE;
  gint64 groups = p->groups[def->kind];
  g_autofree char *section = g_strdup_printf ("by-%s", bs_agg_name (def->kind));
  bs_html_section_begin (H (p), section, pick (p, def->title.en, def->title.ja));
  if (rows->len == 0)
    {
      bs_html_note (H (p), def->kind == BS_AGG_BLOCKLIST
                             ? pick (p, "No bounce names a blocklist.", "ブロックリスト名が書かれたエラーメールはありません。")
                             : pick (p, "Nothing for this selection.", "該当するものはありません。"));
      bs_html_section_end (H (p));
      return TRUE;
    }
  /* the filter box: shown only when the script runs */
  g_string_append_printf (p->h.out,
                          "<div class=\"tablebar\"><input type=\"search\" class=\"filter\" id=\"f-%s\" "
                          "data-table=\"t-%s\" data-count=\"c-%s\" data-fmt=\"", def->id, def->id, def->id);
  text (p, pick (p, "{n} of {all} rows", "{all}件中{n}件を表示"));
  raw (p, "\" placeholder=\"");
  text (p, pick (p, "Filter: a domain, an address, a word…", "絞り込み：ドメイン、アドレス、語句など"));
  raw (p, "\" aria-label=\"");
  text (p, pick (p, "Filter the rows", "行を絞り込む"));
  g_string_append_printf (p->h.out, "\"><span class=\"count\" id=\"c-%s\" aria-live=\"polite\"></span>"
                          "<span class=\"note\">", def->id);
  tr (p, "Click a header to sort, a row to see its failures.",
      "見出しをクリックすると並べ替え、行をクリックすると配信失敗の一覧が開きます。");
  g_string_append_printf (p->h.out, "</span></div>\n<div class=\"scroll\">\n<table class=\"data\" id=\"t-%s\">\n"
                          "<thead><tr>", def->id);
  guint n_keys = def->kind == BS_AGG_CODE ? 3 : 1;
  for (guint k = 0; k < n_keys; k++)
    {
      raw (p, "<th aria-sort=\"none\">");
      tr (p, def->keys[k].en, def->keys[k].ja);
      raw (p, "</th>");
    }
  raw (p, "<th class=\"n\" aria-sort=\"descending\">");
  tr (p, "Failures", "失敗件数");
  raw (p, "</th><th class=\"n\" aria-sort=\"none\">");
  tr (p, "Recipients", "宛先数");
  raw (p, "</th><th class=\"n\" aria-sort=\"none\">");
  tr (p, "Permanent", "恒久的エラー");
  raw (p, "</th><th class=\"d\" aria-sort=\"none\">");
  tr (p, "First seen", "初回発生");
  raw (p, "</th><th class=\"d\" aria-sort=\"none\">");
  tr (p, "Last seen", "最終発生");
  raw (p, "</th><th class=\"x\">");
  if (def->reasons)
    tr (p, "Reasons", "原因");
  else
    tr (p, "The server's latest message", "相手サーバーからの最新のメッセージ");
  raw (p, "</th></tr></thead>\n");
  guint colspan = n_keys + 6;
  for (guint i = 0; i < rows->len; i++)
    {
      const BsAggRow *r = g_ptr_array_index (rows, i);
      raw (p, "<tbody class=\"g\">\n<tr class=\"row\">");
      key_cells (p, def, r);
      page_number_cell (p, r->failures);
      page_number_cell (p, r->recipients);
      page_number_cell (p, r->hard);
      page_time_cell (p, r->first_seen, BS_DATE_DAY);
      page_time_cell (p, r->last_seen, BS_DATE_DAY);
      if (def->reasons)
        reasons_cell (p, r->reasons, r->failures);
      else
        {
          raw (p, "<td class=\"ex\"><div class=\"clip mono\">");
          text (p, r->example);
          raw (p, "</div></td>");
        }
      raw (p, "</tr>\n");
      if (!write_row_failures (p, def, r, colspan, error))
        return FALSE;
      raw (p, "</tbody>\n");
    }
  raw (p, "</table>\n</div>\n");
  if (groups > (gint64) rows->len)
    {
      raw (p, "<p class=\"note\">");
      if (p->h.ja)
        {
          raw (p, "上位");
          number (p, rows->len);
          raw (p, "件を表示しています（全");
          number (p, groups);
          raw (p, "件）。すべての行は by-");
          raw (p, bs_agg_name (def->kind));
          raw (p, ".csv にあります。");
        }
      else
        {
          raw (p, "Showing the ");
          number (p, rows->len);
          raw (p, " largest of ");
          number (p, groups);
          raw (p, " ");
          text (p, def->what.en);
          raw (p, "; all of them are in by-");
          raw (p, bs_agg_name (def->kind));
          raw (p, ".csv.");
        }
      raw (p, "</p>\n");
    }
  bs_html_section_end (H (p));
  return TRUE;
}

gboolean
page_write_tables (Page *p, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!write_table (p, &tables[i], error))
      return FALSE;
  return TRUE;
}

/* ---- history and undecodable messages ----------------------------------- */

static gboolean
undecodable_row (const char *source, guint index, const char *why, const char *first_seen,
                 gpointer user)
{
  Page *p = user;
  raw (p, "<tr><td class=\"mono\">");
  text (p, source);
  raw (p, "</td><td class=\"n\">");
  if (index > 0)
    number (p, index);
  raw (p, "</td><td>");
  text (p, why);
  raw (p, "</td>");
  page_time_cell (p, first_seen, BS_DATE_TIME);
  raw (p, "</tr>\n");
  return TRUE;
}

gboolean
page_write_history (Page *p, const BsReportTotals *t, GError **error)
{
  if (!t->has_mail_counts)
    return TRUE;   /* a report by sender says nothing of the rest of the mailbox */
  bs_html_section_begin (H (p), "history", pick (p, "Mailbox and scans (all dates)",
                                                 "メールボックスとスキャンの記録（全期間）"));
  raw (p, "<table class=\"plain\">\n<tbody>\n");
  const struct {
    Text label;
    gint64 n;
  } rows[] = {
    { { "Messages read", "読み込んだメール" }, t->messages },
    { { "Bounces", "エラーメール（バウンス）" }, t->bounces },
    { { "Not bounces (ordinary mail, spam)", "エラーメール以外（通常のメール・迷惑メール）" }, t->not_bounces },
    { { "Could not be decoded", "解析できなかったメール" }, t->undecodable },
    { { "Scans", "スキャン回数" }, t->runs },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      raw (p, "<tr><th scope=\"row\">");
      tr (p, rows[i].label.en, rows[i].label.ja);
      raw (p, "</th>");
      page_number_cell (p, rows[i].n);
      raw (p, "</tr>\n");
    }
  raw (p, "<tr><th scope=\"row\">");
  tr (p, "Last scan finished", "最後のスキャンの終了日時");
  raw (p, "</th>");
  page_time_cell (p, t->last_scan, BS_DATE_TIME);
  raw (p, "</tr>\n</tbody>\n</table>\n");

  gsize mark = p->h.out->len;
  raw (p, "<h3>");
  tr (p, "Messages that could not be decoded", "解析できなかったメール");
  raw (p, "</h3>\n");
  bs_html_note (H (p), pick (p, "These looked like bounces but could not be read; check them by hand.",
                             "エラーメールと思われますが、内容を読み取れませんでした。メールを直接ご確認ください。"));
  raw (p, "<div class=\"scroll\">\n<table>\n<thead><tr><th>");
  tr (p, "File", "ファイル");
  raw (p, "</th><th class=\"n\">");
  tr (p, "No. in mbox", "mbox内の番号");
  raw (p, "</th><th>");
  tr (p, "Why", "理由");
  raw (p, "</th><th>");
  tr (p, "Read at", "読み込み日時");
  raw (p, "</th></tr></thead>\n<tbody>\n");
  gint64 total = 0;
  if (!bs_report_foreach_undecodable (p->q, HTML_UNDECODABLE_ROWS, &total, undecodable_row, p, error))
    return FALSE;
  if (total == 0)
    g_string_truncate (p->h.out, mark);   /* nothing to list */
  else
    {
      raw (p, "</tbody>\n</table>\n</div>\n");
      if (total > HTML_UNDECODABLE_ROWS)
        {
          raw (p, "<p class=\"note\">");
          if (p->h.ja)
            {
              raw (p, "新しい順に");
              number (p, HTML_UNDECODABLE_ROWS);
              raw (p, "件を表示しています（全");
              number (p, total);
              raw (p, "件）。");
            }
          else
            {
              raw (p, "Showing the ");
              number (p, HTML_UNDECODABLE_ROWS);
              raw (p, " newest of ");
              number (p, total);
              raw (p, ".");
            }
          raw (p, "</p>\n");
        }
    }
  bs_html_section_end (H (p));
  return TRUE;
}

