/* html_headline.c - the top of the HTML report: the summary in plain words
 * (the opening sentence on the worst live incident, html_incidents.c; the
 * families of the failures, their tiles, the figures) and, after "what to
 * do now" (the incidents), the other problems (addresses, mailboxes...)
 * ranked by the recipients they hurt, each with its advice
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "html_page.h"

#include "advice.h"

/* ---- headline ----------------------------------------------------------- */

/* the English clause of a family in the headline's second sentence */
static void
family_clause_en (Page *p, BsReasonFamily f, gint64 n)
{
  number (p, n);
  switch (f)
    {
    case BS_FAMILY_REPUTATION:
      raw (p, n == 1 ? " was refused because of the sending server's reputation or a blocklist"
                     : " were refused because of the sending server's reputation or a blocklist");
      break;
    case BS_FAMILY_ADDRESS:
      raw (p, " had a wrong or closed address");
      break;
    case BS_FAMILY_MAILBOX_FULL:
      raw (p, n == 1 ? " had a full mailbox" : " had full mailboxes");
      break;
    default:
      raw (p, " failed for other reasons");
      break;
    }
}

static void
family_clause_ja (Page *p, BsReasonFamily f, gint64 n)
{
  static const char *const what[BS_FAMILY_COUNT] = {
    [BS_FAMILY_REPUTATION] = "送信サーバーの評価やブロックリストによる拒否が",
    [BS_FAMILY_ADDRESS] = "宛先アドレスの誤りや廃止が",
    [BS_FAMILY_MAILBOX_FULL] = "メールボックスの容量超過が",
    [BS_FAMILY_OTHER] = "その他の原因が",
  };
  raw (p, what[f]);
  number (p, n);
  raw (p, "件");
}

/* a bar of share/all, for a tile */
static void
share_bar (Page *p, gint64 share, gint64 all, const char *color)
{
  double w = all > 0 ? 100.0 * (double) share / (double) all : 0;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  raw (p, "<svg viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
          "<rect width=\"100\" height=\"6\" rx=\"3\" fill=\"#eceff4\"/>");
  if (w > 0)
    g_string_append_printf (p->h.out, "<rect width=\"%s\" height=\"6\" rx=\"3\" fill=\"%s\"/>",
                            g_ascii_formatd (buf, sizeof buf, "%.1f", MAX (w, 2.0)), color);
  raw (p, "</svg>");
}

/* the first sentence: how many recipients failed, when */
static void
write_lead (Page *p, const BsReportTotals *t)
{
  const char *from, *to;
  period (p, t, &from, &to);
  gboolean one_day = from != NULL && to != NULL && strcmp (from, to) == 0;
  raw (p, t->recipients > 0 ? "<p class=\"lead\">" : "<p class=\"lead ok\">");
  if (from == NULL && to == NULL)
    tr (p, "There is no bounce in the history for this selection.",
        "この条件に該当するエラーメールは記録されていません。");
  else if (p->h.ja)
    {
      bs_html_date (H (p), from, BS_DATE_DAY);
      if (!one_day)
        {
          raw (p, "から");
          bs_html_date (H (p), to, BS_DATE_DAY);
          raw (p, "までに");
        }
      raw (p, "、");
      if (t->recipients > 0)
        {
          raw (p, "<strong>");
          page_recipients_phrase (p, t->recipients, TRUE);
          raw (p, "</strong>にメールが届きませんでした。");
        }
      else
        raw (p, "配信に失敗したメールはありません。");
    }
  else
    {
      raw (p, one_day ? "On " : "Between ");
      bs_html_date (H (p), from, BS_DATE_DAY);
      if (!one_day)
        {
          raw (p, " and ");
          bs_html_date (H (p), to, BS_DATE_DAY);
        }
      if (t->recipients > 0)
        {
          raw (p, ", mail to <strong>");
          page_recipients_phrase (p, t->recipients, TRUE);
          raw (p, "</strong> could not be delivered.");
        }
      else
        raw (p, ", no mail failed.");
    }
  raw (p, "</p>\n");

}

/* the second sentence: the families, largest first, and their tiles */
static void
write_families (Page *p, const BsReportTotals *t)
{
  if (t->recipients == 0)
    return;
  int order[BS_FAMILY_COUNT] = { BS_FAMILY_REPUTATION, BS_FAMILY_ADDRESS,
                                 BS_FAMILY_MAILBOX_FULL, BS_FAMILY_OTHER };
  int n = 0;
  for (int f = 0; f < BS_FAMILY_COUNT; f++)
    if (t->family_recipients[f] > 0)
      n++;
  raw (p, "<p class=\"why\">");
  raw (p, pick (p, "Of these, ", "内訳は、"));
  int done = 0;
  for (int i = 0; i < BS_FAMILY_COUNT; i++)
    {
      BsReasonFamily f = (BsReasonFamily) order[i];
      if (t->family_recipients[f] == 0)
        continue;
      if (done > 0)
        raw (p, p->h.ja ? "、" : (done == n - 1 ? (n > 2 ? ", and " : " and ") : ", "));
      if (p->h.ja)
        family_clause_ja (p, f, t->family_recipients[f]);
      else
        family_clause_en (p, f, t->family_recipients[f]);
      done++;
    }
  raw (p, pick (p, ".", "です。"));
  raw (p, "</p>\n<div class=\"tiles\">\n");
  gint64 all = 0;
  for (int f = 0; f < BS_FAMILY_COUNT; f++)
    all += t->family_recipients[f];
  for (int i = 0; i < BS_FAMILY_COUNT; i++)
    {
      BsReasonFamily f = (BsReasonFamily) order[i];
      g_string_append_printf (p->h.out, "<div class=\"tile %s\" data-family=\"%s\"><div class=\"n\">",
                              bs_html_family_class[f], bs_family_name (f));
      number (p, t->family_recipients[f]);
      g_string_append_printf (p->h.out, "<small>%" G_GINT64_FORMAT "%%</small></div><div class=\"l\">",
                              all > 0 ? (t->family_recipients[f] * 100 + all / 2) / all : 0);
      tr (p, bs_family_label (f, "en"), bs_family_label (f, "ja"));
      raw (p, "</div>");
      share_bar (p, t->family_recipients[f], all, bs_family_color (f));
      raw (p, "</div>\n");
    }
  raw (p, "</div>\n");
}

/* the other figures in one line */
static void
write_figures (Page *p, const BsReportTotals *t)
{
  raw (p, "<ul class=\"figures\">\n<li>");
  if (p->h.ja)
    {
      raw (p, "配信に失敗した宛先 <b id=\"n-recipients\">");
      number (p, t->recipients);
      raw (p, "</b>件</li>\n<li>配信失敗 <b id=\"n-failures\">");
      number (p, t->failures);
      raw (p, "</b>件（エラーメール1通の宛先ごとに1件）</li>\n<li>うち恒久的なエラー（ハードバウンス） <b id=\"n-hard\">");
      number (p, t->hard);
      raw (p, "</b>件</li>\n<li>遅延通知 <b id=\"n-delayed\">");
      number (p, t->delayed);
      raw (p, "</b>件（配信失敗には数えていません）</li>\n");
      if (t->other_notices > 0)
        {
          raw (p, "<li>その他の通知（配信成功・自動応答・苦情報告） <b>");
          number (p, t->other_notices);
          raw (p, "</b>件</li>\n");
        }
    }
  else
    {
      raw (p, "<b id=\"n-recipients\">");
      number (p, t->recipients);
      raw (p, t->recipients == 1 ? "</b> recipient failed" : "</b> recipients failed");
      raw (p, "</li>\n<li><b id=\"n-failures\">");
      number (p, t->failures);
      raw (p, t->failures == 1 ? "</b> failed delivery" : "</b> failed deliveries");
      raw (p, " (one per recipient of each bounce)</li>\n<li><b id=\"n-hard\">");
      number (p, t->hard);
      raw (p, "</b> of them permanent (hard bounces)</li>\n<li><b id=\"n-delayed\">");
      number (p, t->delayed);
      raw (p, t->delayed == 1 ? "</b> delay warning" : "</b> delay warnings");
      raw (p, " (not counted as failures)</li>\n");
      if (t->other_notices > 0)
        {
          raw (p, "<li><b>");
          number (p, t->other_notices);
          raw (p, "</b> other notices (delivered, auto-replies, complaints)</li>\n");
        }
    }
  raw (p, "</ul>\n");
}

void
page_write_headline (Page *p, const BsReportTotals *t)
{
  bs_html_section_begin (H (p), "summary", pick (p, "Summary", "概要"));
  page_write_opening (p);
  write_lead (p, t);
  write_families (p, t);
  write_figures (p, t);
  bs_html_section_end (H (p));
}

/* ---- what to do now ----------------------------------------------------- */

/* "a (3), b (1), and 2 more" of counts, at most max; each value written
 * by show (page_reason, page_system), else as text (mono: monospaced) */
static void
count_list_by (Page *p, const GPtrArray *counts, guint max, gboolean mono, gboolean with_counts,
               void (*show) (Page *, const char *))
{
  guint shown = MIN (counts->len, max);
  for (guint i = 0; i < shown; i++)
    {
      const BsCount *c = g_ptr_array_index (counts, i);
      page_list_item (p, i, c->value, c->count, mono, with_counts, show);
    }
  page_list_more (p, counts->len, shown);
}

static void
count_list (Page *p, const GPtrArray *counts, guint max, gboolean mono, gboolean with_counts)
{
  count_list_by (p, counts, max, mono, with_counts, NULL);
}

static void
fact (Page *p, const char *en, const char *ja)
{
  raw (p, "<dt>");
  tr (p, en, ja);
  raw (p, "</dt><dd>");
}

static void
write_problem (Page *p, guint rank, const BsProblem *pr)
{
  const BsAdvice *adv = bs_advice_for (pr->advice_key, p->h.ja ? "ja" : "en");
  g_string_append_printf (p->h.out, "<article class=\"problem %s\" data-key=\"",
                          bs_html_family_class[pr->family]);
  text (p, pr->advice_key);
  g_string_append_printf (p->h.out, "\" data-recipients=\"%" G_GINT64_FORMAT "\">\n"
                          "<div class=\"rank\">%u</div>\n<div>\n<h3>", pr->recipients, rank);
  if (adv != NULL)
    text (p, adv->title);
  else
    text (p, pr->advice_key);
  if (pr->sending_ip != NULL)
    {
      raw (p, " <span class=\"badge mono\">");
      text (p, pr->sending_ip);
      raw (p, "</span>");
    }
  raw (p, "</h3>\n<p class=\"sub\"><b>");
  page_recipients_phrase (p, pr->recipients, FALSE);
  raw (p, "</b>");
  if (pr->failures != pr->recipients)
    {
      raw (p, p->h.ja ? "（配信失敗" : " (");
      number (p, pr->failures);
      raw (p, p->h.ja ? "件）" : " failed deliveries)");
    }
  raw (p, p->h.ja ? "・" : " · ");
  if (p->h.ja)
    {
      raw (p, "宛先ドメイン");
      number (p, pr->destinations->len);
      raw (p, "件");
    }
  else
    {
      number (p, pr->destinations->len);
      raw (p, pr->destinations->len == 1 ? " destination domain" : " destination domains");
    }
  raw (p, "</p>\n<dl class=\"facts\">\n");
  if (pr->sending_ip != NULL || pr->ips->len > 0)
    {
      fact (p, "Sending IP", "送信元IPアドレス");
      if (pr->sending_ip != NULL)
        {
          raw (p, "<span class=\"mono\">");
          text (p, pr->sending_ip);
          raw (p, "</span>");
        }
      else
        count_list (p, pr->ips, HTML_PROBLEM_CODES, TRUE, pr->ips->len > 1);
      raw (p, "</dd>\n");
    }
  if (pr->blocklists->len > 0)
    {
      fact (p, "Blocklist", "ブロックリスト");
      count_list_by (p, pr->blocklists, HTML_PROBLEM_CODES, TRUE, pr->blocklists->len > 1,
                     page_system);
      raw (p, "</dd>\n");
    }
  if (pr->codes->len > 0)
    {
      fact (p, "Provider code", "事業者のエラーコード");
      count_list (p, pr->codes, HTML_PROBLEM_CODES, TRUE, pr->codes->len > 1);
      raw (p, "</dd>\n");
    }
  fact (p, "Reason", "原因");
  count_list_by (p, pr->reasons, HTML_PROBLEM_CODES, TRUE, pr->reasons->len > 1, page_reason);
  raw (p, "</dd>\n");
  if (pr->destinations->len > 0)
    {
      fact (p, "Destinations", "宛先ドメイン");
      count_list (p, pr->destinations, HTML_PROBLEM_DOMAINS, FALSE, TRUE);
      raw (p, "</dd>\n");
    }
  fact (p, "Seen", "発生期間");
  bs_html_date (H (p), pr->first_seen, BS_DATE_TIME);
  if (g_strcmp0 (pr->first_seen, pr->last_seen) != 0)
    {
      raw (p, p->h.ja ? " ～ " : " – ");
      bs_html_date (H (p), pr->last_seen, BS_DATE_TIME);
    }
  raw (p, "</dd>\n</dl>\n");
  page_write_advice (p, adv, FALSE);
  if (pr->example != NULL)
    {
      raw (p, "<p class=\"quote\">");
      tr (p, "The server's latest message: ", "相手サーバーからの最新のメッセージ：");
      raw (p, "<span class=\"mono\">");
      text (p, pr->example);
      raw (p, "</span></p>\n");
    }
  raw (p, "</div>\n</article>\n");
}

gboolean
page_write_todo (Page *p, GError **error)
{
  gint64 all = 0;
  g_autoptr (GPtrArray) problems = bs_report_problems (p->q, 0, &all, error);
  if (problems == NULL)
    return FALSE;
  /* the reputation family's problems are the incidents above */
  g_autoptr (GPtrArray) others = g_ptr_array_new ();
  for (guint i = 0; i < problems->len; i++)
    if (((BsProblem *) g_ptr_array_index (problems, i))->family != BS_FAMILY_REPUTATION)
      g_ptr_array_add (others, g_ptr_array_index (problems, i));
  if (others->len == 0)
    return TRUE;
  bs_html_section_begin (H (p), "problems", pick (p, "Addresses and other problems",
                                                  "宛先アドレスなどの問題"));
  bs_html_note (H (p), pick (p, "Wrong or closed addresses, full mailboxes and the other failures "
                                "that are not the sending server's, one cause each, ranked by the "
                                "number of recipients it affects, with what to do next.",
                             "送信サーバー側ではない原因（宛先アドレスの誤りや廃止、メールボックスの"
                             "容量超過など）ごとに配信失敗をまとめ、影響を受けた宛先の多い順に並べています。"
                             "それぞれに次の対応を記載しています。"));
  guint shown = MIN (others->len, HTML_PROBLEMS);
  for (guint i = 0; i < shown; i++)
    write_problem (p, i + 1, g_ptr_array_index (others, i));
  if (others->len > shown)
    {
      guint rest = others->len - shown;
      raw (p, "<p class=\"note\">");
      if (p->h.ja)
        {
          raw (p, "このほかに、影響が小さい問題が");
          number (p, rest);
          raw (p, "件あります。下の表で確認できます。");
        }
      else
        {
          number (p, rest);
          raw (p, rest == 1 ? " smaller problem is" : " smaller problems are");
          raw (p, " in the tables below.");
        }
      raw (p, "</p>\n");
    }
  bs_html_section_end (H (p));
  return TRUE;
}
