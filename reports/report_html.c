/* report_html.c - the HTML report: one self-contained page, English or
 * Japanese, for a postmaster at 7 a.m. and for a customer's PDF
 *
 * Order of the page: the header (title, period, scope), the headline in
 * plain words with the reason families, "what to do now" (the problems
 * ranked by the recipients they hurt, each with its advice from advice.h),
 * the sections of other parts of the project (changes since the last scan,
 * live checks), the charts (inline SVG, html_chart.c), one table per
 * aggregate whose rows open their latest failures (<details>), the
 * mailbox's counts and the messages that could not be decoded.
 *
 * Self-contained and inert: inline CSS and script (html_assets.c) named by
 * their SHA-256 in a Content-Security-Policy that forbids every fetch and
 * any other script or style; every value from the history goes through
 * bs_html_text.  Labels are pairs of strings, not gettext: cron runs in the
 * C locale.  The page is complete with JavaScript off.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "report.h"

#include <string.h>

#include "advice.h"
#include "aggregate.h"
#include "changes.h"
#include "checks.h"
#include "config.h"
#include "html.h"
#include "html_chart.h"
#include "output.h"

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

/* ---- families and reasons ----------------------------------------------- */

typedef struct {
  const char *en;
  const char *ja;
} Text;

/* per family: its css class (colours, labels and shades: reasons.h) */
static const char *const family_class[BS_FAMILY_COUNT] = {
  [BS_FAMILY_REPUTATION] = "rep",
  [BS_FAMILY_ADDRESS] = "addr",
  [BS_FAMILY_MAILBOX_FULL] = "full",
  [BS_FAMILY_OTHER] = "other",
};
#define OTHER_REASONS_COLOR "#c5ccd7"

/* ---- the writer --------------------------------------------------------- */

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
static GPtrArray *
page_rows (Page *p, BsAggKind kind, GError **error)
{
  if (p->rows[kind] == NULL)
    p->rows[kind] = bs_report_aggregate (p->q, kind, HTML_TABLE_ROWS, &p->groups[kind], error);
  return p->rows[kind];
}

static const char *
pick (const Page *p, const char *en, const char *ja)
{
  return p->h.ja ? ja : en;
}

static void
raw (Page *p, const char *markup)
{
  bs_html_raw (H (p), markup);
}

static void
text (Page *p, const char *s)
{
  bs_html_text (H (p), s);
}

static void
tr (Page *p, const char *en, const char *ja)
{
  bs_html_tr (H (p), en, ja);
}

static void
number (Page *p, gint64 n)
{
  bs_html_number (H (p), n);
}

/* what a reason (a name from the history) means, or NULL */
static const char *
reason_text (const Page *p, const char *reason)
{
  return bs_reason_label (bs_reason_from_name (reason), p->h.ja ? "ja" : "en");
}

static const char *
family_label (const Page *p, BsReasonFamily f)
{
  return bs_family_label (f, p->h.ja ? "ja" : "en");
}

/* a value that may be unknown */
static void
value_or_unknown (Page *p, const char *s)
{
  if (s == NULL || *s == '\0')
    {
      raw (p, "<span class=\"notgiven\">");
      tr (p, "(not given)", "（記載なし）");
      raw (p, "</span>");
    }
  else
    text (p, s);
}

/* a time, sortable by its ISO 8601 value; shown as a day or a day and time */
static void
time_cell (Page *p, const char *iso, BsDateStyle style)
{
  raw (p, "<td class=\"t\" data-v=\"");
  text (p, iso);
  raw (p, "\">");
  bs_html_date (H (p), iso, style);
  raw (p, "</td>");
}

static void
number_cell (Page *p, gint64 n)
{
  g_string_append_printf (p->h.out, "<td class=\"n\" data-v=\"%" G_GINT64_FORMAT "\">", n);
  number (p, n);
  raw (p, "</td>");
}

/* "N recipients" / "宛先N件" (a count), "N件の宛先" (in a sentence) */
static void
recipients_phrase (Page *p, gint64 n, gboolean sentence)
{
  if (p->h.ja)
    {
      raw (p, sentence ? "" : "宛先");
      number (p, n);
      raw (p, sentence ? "件の宛先" : "件");
      return;
    }
  number (p, n);
  raw (p, n == 1 ? " recipient" : " recipients");
}

/* sha256-BASE64 of text, as a CSP source */
static char *
csp_hash (const char *text)
{
  g_autoptr (GChecksum) c = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (c, (const guchar *) text, (gssize) strlen (text));
  guint8 digest[32];
  gsize len = sizeof digest;
  g_checksum_get_digest (c, digest, &len);
  g_autofree char *b64 = g_base64_encode (digest, len);
  return g_strdup_printf ("'sha256-%s'", b64);
}

/* ---- head and header ---------------------------------------------------- */

static const char *
report_name (const Page *p)
{
  return pick (p, "Bounce report", "配信エラー（バウンス）レポート");
}

static void
write_head (Page *p)
{
  const char *title = p->h.options->title;
  gboolean has_title = title != NULL && *title != '\0';
  g_autofree char *style_hash = csp_hash (bs_html_css);
  g_autofree char *script_hash = csp_hash (bs_html_script);
  raw (p, "<!DOCTYPE html>\n<html lang=\"");
  raw (p, p->h.ja ? "ja" : "en");
  raw (p, "\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ");
  raw (p, style_hash);
  raw (p, "; script-src ");
  raw (p, script_hash);
  raw (p, "; img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n"
          "<meta http-equiv=\"x-dns-prefetch-control\" content=\"off\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"bouncescan " PACKAGE_VERSION "\">\n<title>");
  if (has_title)
    {
      text (p, title);
      raw (p, " – ");
    }
  text (p, report_name (p));
  raw (p, "</title>\n<style>");
  raw (p, bs_html_css);
  raw (p, "</style>\n</head>\n");
}

/* the period: the options' dates, else the history's */
static void
period (Page *p, const BsReportTotals *t, const char **from, const char **to)
{
  const char *since = bs_history_filter_since (p->h.options->filter);
  const char *until = bs_history_filter_until (p->h.options->filter);
  *from = since != NULL ? since : t->first_day;
  *to = until != NULL ? until : t->last_day;
}

static void
write_period (Page *p, const char *from, const char *to)
{
  if (from == NULL && to == NULL)
    {
      tr (p, "no bounce in the history for this selection",
          "この条件に該当するエラーメールは記録されていません");
      return;
    }
  bs_html_date (H (p), from ? from : "…", BS_DATE_DAY);
  if (to == NULL || from == NULL || strcmp (from, to) != 0)
    {
      raw (p, p->h.ja ? "～" : " – ");
      bs_html_date (H (p), to ? to : "…", BS_DATE_DAY);
    }
}

static void
write_header (Page *p, const BsReportTotals *t)
{
  const char *title = p->h.options->title;
  raw (p, "<body>\n<header class=\"top\">\n<div class=\"wrap\">\n");
  if (title != NULL && *title != '\0')
    {
      raw (p, "<p class=\"kicker\">");
      text (p, report_name (p));
      raw (p, "</p>\n<h1>");
      text (p, title);
    }
  else
    {
      raw (p, "<h1>");
      text (p, report_name (p));
    }
  raw (p, "</h1>\n<dl class=\"meta\">\n<div><dt>");
  tr (p, "Period", "対象期間");
  raw (p, "</dt><dd>");
  const char *from, *to;
  period (p, t, &from, &to);
  write_period (p, from, to);
  raw (p, "</dd></div>\n");
  const char *const *senders = bs_report_query_senders (p->q);
  if (senders != NULL)
    {
      raw (p, "<div><dt>");
      tr (p, "Sent from", "送信元ドメイン");
      raw (p, "</dt><dd>");
      for (gsize i = 0; senders[i] != NULL; i++)
        {
          if (i > 0)
            raw (p, ", ");
          text (p, senders[i]);
        }
      raw (p, "</dd></div>\n");
    }
  raw (p, "<div><dt>");
  tr (p, "Generated", "作成日時");
  raw (p, "</dt><dd>");
  g_autofree char *generated = bs_report_iso_utc (p->h.options->generated_at);
  bs_html_date (H (p), generated, BS_DATE_TIME);
  raw (p, " UTC</dd></div>\n</dl>\n<p class=\"scope\">");
  if (senders != NULL)
    tr (p, "This report covers only mail sent from these domains and their subdomains. ",
        "このレポートは、上記のドメイン（サブドメインを含む）から送信したメールだけを対象としています。");
  if (p->h.options->redact)
    tr (p, "The part before the @ of recipients' addresses is masked (***). ",
        "宛先アドレスの @ より前の部分は伏せています（***）。");
  tr (p, "Times are UTC.", "日時はすべて協定世界時（UTC）です。日本時間はこれに9時間を足した時刻です。");
  raw (p, "</p>\n</div>\n</header>\n");
}

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

static void
write_headline (Page *p, const BsReportTotals *t)
{
  bs_html_section_begin (H (p), "summary", pick (p, "Summary", "概要"));
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
          recipients_phrase (p, t->recipients, TRUE);
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
          recipients_phrase (p, t->recipients, TRUE);
          raw (p, "</strong> could not be delivered.");
        }
      else
        raw (p, ", no mail failed.");
    }
  raw (p, "</p>\n");

  if (t->recipients > 0)
    {
      /* the second sentence: the families, largest first */
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
                                  family_class[f], bs_family_name (f));
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
  bs_html_section_end (H (p));
}

/* ---- what to do now ----------------------------------------------------- */

/* "a (3), b (1), and 2 more" of counts, at most max */
static void
count_list (Page *p, const GPtrArray *counts, guint max, gboolean mono, gboolean with_counts)
{
  guint shown = MIN (counts->len, max);
  for (guint i = 0; i < shown; i++)
    {
      const BsCount *c = g_ptr_array_index (counts, i);
      if (i > 0)
        raw (p, p->h.ja ? "、" : ", ");
      raw (p, mono ? "<span class=\"mono\">" : "<span>");
      text (p, c->value);
      raw (p, "</span>");
      if (with_counts)
        {
          raw (p, p->h.ja ? "（" : " (");
          number (p, c->count);
          raw (p, p->h.ja ? "）" : ")");
        }
    }
  if (counts->len > shown)
    {
      raw (p, p->h.ja ? "、ほか" : ", and ");
      number (p, counts->len - shown);
      raw (p, p->h.ja ? "件" : " more");
    }
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
                          family_class[pr->family]);
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
  recipients_phrase (p, pr->recipients, FALSE);
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
      count_list (p, pr->blocklists, HTML_PROBLEM_CODES, TRUE, pr->blocklists->len > 1);
      raw (p, "</dd>\n");
    }
  if (pr->codes->len > 0)
    {
      fact (p, "Provider code", "事業者のエラーコード");
      count_list (p, pr->codes, HTML_PROBLEM_CODES, TRUE, pr->codes->len > 1);
      raw (p, "</dd>\n");
    }
  fact (p, "Reason", "原因");
  count_list (p, pr->reasons, HTML_PROBLEM_CODES, TRUE, pr->reasons->len > 1);
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
  if (adv != NULL)
    {
      raw (p, "<div class=\"advice\">\n<p>");
      text (p, adv->explanation);
      raw (p, "</p>\n<div class=\"next\"><strong>");
      tr (p, "Next step", "次の対応");
      raw (p, "</strong>");
      text (p, adv->next_step);
      if (adv->url != NULL && g_str_has_prefix (adv->url, "https://"))
        {
          raw (p, "<br>");
          tr (p, "Lookup and delisting page: ", "確認・解除申請のページ：");
          raw (p, "<a href=\"");
          text (p, adv->url);
          raw (p, "\" rel=\"noopener noreferrer\" target=\"_blank\">");
          text (p, adv->url);
          raw (p, "</a>");
        }
      raw (p, "</div>\n</div>\n");
    }
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

static gboolean
write_todo (Page *p, GError **error)
{
  gint64 total = 0;
  g_autoptr (GPtrArray) problems = bs_report_problems (p->q, HTML_PROBLEMS, &total, error);
  if (problems == NULL)
    return FALSE;
  bs_html_section_begin (H (p), "todo", pick (p, "What to do now", "いま対処すべき問題"));
  if (problems->len == 0)
    {
      bs_html_note (H (p), pick (p, "Nothing to do: no delivery failed in this period.",
                                 "対処が必要な問題はありません。この期間に配信の失敗はありませんでした。"));
      bs_html_section_end (H (p));
      return TRUE;
    }
  bs_html_note (H (p), pick (p, "Each problem groups the failures that one cause explains, ranked by "
                                "the number of recipients it affects, with what to do next.",
                             "原因ごとに配信失敗をまとめ、影響を受けた宛先の多い順に並べています。"
                             "それぞれに次の対応を記載しています。"));
  for (guint i = 0; i < problems->len; i++)
    write_problem (p, i + 1, g_ptr_array_index (problems, i));
  if (total > (gint64) problems->len)
    {
      raw (p, "<p class=\"note\">");
      if (p->h.ja)
        {
          raw (p, "このほかに、影響が小さい問題が");
          number (p, total - problems->len);
          raw (p, "件あります。下の表で確認できます。");
        }
      else
        {
          number (p, total - problems->len);
          raw (p, total - problems->len == 1 ? " smaller problem is" : " smaller problems are");
          raw (p, " in the tables below.");
        }
      raw (p, "</p>\n");
    }
  bs_html_section_end (H (p));
  return TRUE;
}

/* ---- sections written by other parts of the project --------------------- */

/* "What changed" since the last scan (new, cleared, came back): written by
 * reports/changes.c */
static gboolean
write_changes (Page *p, GError **error)
{
  return bs_changes_report_section (p->h.out, bs_report_query_read (p->q), p->h.options, error);
}

/* "Live checks (DNS)" (is it still listed, PTR, SPF/DMARC):
 * reports/checks.c writes its own <section id="checks"> */
static gboolean
write_checks (Page *p, GError **error)
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

static gboolean
write_day_chart (Page *p, GError **error)
{
  g_autoptr (GPtrArray) cells = bs_report_cross (p->q, BS_AGG_DAY, BS_CROSS_REASON, error);
  if (cells == NULL)
    return FALSE;
  if (cells->len == 0)
    return TRUE;
  /* the range: the options' dates when given, else the failures' */
  GDate first, last, d;
  gboolean have = FALSE;
  g_autoptr (GHashTable) totals = g_hash_table_new (g_str_hash, g_str_equal);
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
    return TRUE;
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

static gboolean
write_charts (Page *p, const BsReportTotals *t, GError **error)
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

/* ---- tables ------------------------------------------------------------- */

typedef struct {
  BsAggKind kind;
  const char *id;
  Text title;
  Text keys[3];        /* the key columns' headers */
  Text what;           /* "domains" in the "showing N of M" note */
} TableDef;

static const TableDef tables[] = {
  { BS_AGG_DOMAIN, "domain", { "By destination domain", "宛先ドメイン別" },
    { { "Destination domain", "宛先ドメイン" } }, { "domains", "ドメイン" } },
  { BS_AGG_IP, "ip", { "By sending IP address", "送信元IPアドレス別" },
    { { "Sending IP", "送信元IPアドレス" } }, { "IP addresses", "IPアドレス" } },
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
  time_cell (p, values[p->col_time], BS_DATE_TIME);
  raw (p, "<td class=\"mono who\">");
  text (p, values[p->col_recipient]);
  raw (p, "</td><td class=\"who\">");
  text (p, values[p->col_from]);
  raw (p, "</td><td class=\"subj\">");
  text (p, values[p->col_subject]);
  raw (p, "</td><td class=\"mono reason\">");
  text (p, values[p->col_reason]);
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
      value_or_unknown (p, r->status);
      raw (p, "</span></td><td class=\"mono\">");
      if (r->reply_code > 0)
        g_string_append_printf (p->h.out, "%d", r->reply_code);
      else
        value_or_unknown (p, NULL);
      raw (p, "</td><td class=\"mono\">");
      value_or_unknown (p, r->provider_code);
      raw (p, "</td>");
      return;
    }
  raw (p, "<td class=\"key\" data-v=\"");
  text (p, r->key);
  raw (p, "\"><button type=\"button\" class=\"tog\" aria-expanded=\"false\" aria-label=\"");
  text (p, toggle);
  raw (p, def->kind == BS_AGG_DOMAIN ? "\"></button><span>" : "\"></button><span class=\"mono\">");
  value_or_unknown (p, r->key);
  raw (p, "</span>");
  const char *desc = NULL;
  if (def->kind == BS_AGG_REASON)
    desc = reason_text (p, r->key);
  else if (def->kind == BS_AGG_BLOCKLIST && r->key != NULL)
    {
      const BsAdvice *a = bs_advice_for (r->key, p->h.ja ? "ja" : "en");
      desc = a ? a->title : NULL;
    }
  if (desc != NULL)
    {
      raw (p, "<span class=\"desc\">");
      text (p, desc);
      raw (p, "</span>");
    }
  raw (p, "</td>");
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
  raw (p, "</th><th aria-sort=\"none\">");
  tr (p, "First seen", "初回発生");
  raw (p, "</th><th aria-sort=\"none\">");
  tr (p, "Last seen", "最終発生");
  raw (p, "</th><th>");
  tr (p, "The server's latest message", "相手サーバーからの最新のメッセージ");
  raw (p, "</th></tr></thead>\n");
  guint colspan = n_keys + 6;
  for (guint i = 0; i < rows->len; i++)
    {
      const BsAggRow *r = g_ptr_array_index (rows, i);
      raw (p, "<tbody class=\"g\">\n<tr class=\"row\">");
      key_cells (p, def, r);
      number_cell (p, r->failures);
      number_cell (p, r->recipients);
      number_cell (p, r->hard);
      time_cell (p, r->first_seen, BS_DATE_DAY);
      time_cell (p, r->last_seen, BS_DATE_DAY);
      raw (p, "<td class=\"ex\"><div class=\"clip mono\">");
      text (p, r->example);
      raw (p, "</div></td></tr>\n");
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
  time_cell (p, first_seen, BS_DATE_TIME);
  raw (p, "</tr>\n");
  return TRUE;
}

static gboolean
write_history (Page *p, const BsReportTotals *t, GError **error)
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
      number_cell (p, rows[i].n);
      raw (p, "</tr>\n");
    }
  raw (p, "<tr><th scope=\"row\">");
  tr (p, "Last scan finished", "最後のスキャンの終了日時");
  raw (p, "</th>");
  time_cell (p, t->last_scan, BS_DATE_TIME);
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

/* ---- page --------------------------------------------------------------- */

/* the navigation, from the sections actually written */
static void
write_nav (Page *p, gsize at)
{
  g_autoptr (GString) nav = g_string_new ("<nav class=\"toc\" aria-label=\"");
  BsHtml n = { nav, p->h.options, p->h.ja, NULL };
  bs_html_text (&n, pick (p, "Sections", "目次"));
  bs_html_raw (&n, "\"><ul>");
  for (guint i = 0; i + 1 < p->h.sections->len; i += 2)
    {
      bs_html_raw (&n, "<li><a href=\"#");
      bs_html_text (&n, g_ptr_array_index (p->h.sections, i));
      bs_html_raw (&n, "\">");
      bs_html_text (&n, g_ptr_array_index (p->h.sections, i + 1));
      bs_html_raw (&n, "</a></li>");
    }
  bs_html_raw (&n, "</ul></nav>\n");
  g_string_insert_len (p->h.out, (gssize) at, nav->str, (gssize) nav->len);
}

static void
write_footer (Page *p)
{
  raw (p, "<footer>\n<div class=\"wrap\">\n<p>");
  if (p->h.ja)
    {
      raw (p, "各表は上位");
      number (p, HTML_TABLE_ROWS);
      raw (p, "行まで、各行の配信失敗は最新");
      number (p, HTML_ROW_FAILURES);
      raw (p, "件までを表示しています。すべての行と配信失敗は、bouncescan report --csv で作成する"
              "CSVファイル（failures.csv、by-domain.csv など）にあります。");
    }
  else
    {
      raw (p, "Each table shows at most ");
      number (p, HTML_TABLE_ROWS);
      raw (p, " rows, and each row its ");
      number (p, HTML_ROW_FAILURES);
      raw (p, " latest failures. The CSV files (bouncescan report --csv: failures.csv, "
              "by-domain.csv, ...) hold every row and every failure.");
    }
  raw (p, "</p>\n<p>");
  tr (p, "Made by bouncescan " PACKAGE_VERSION " from its history database.",
      "bouncescan " PACKAGE_VERSION " が履歴データベースから作成しました。");
  raw (p, "</p>\n</div>\n</footer>\n<script>");
  raw (p, bs_html_script);
  raw (p, "</script>\n</body>\n</html>\n");
}

gboolean
bs_report_html_query (BsReportQuery *q, const char *path, GError **error)
{
  const BsReportOptions *options = bs_report_query_options (q);
  /* the tables' rows list their latest failures: kept while counting */
  bs_report_query_keep_recent (q, TRUE);
  BsReportTotals t;
  if (!bs_report_totals (q, &t, error))
    {
      bs_report_totals_clear (&t);
      return FALSE;
    }
  g_autoptr (GString) out = g_string_sized_new (256 * 1024);
  g_autoptr (GPtrArray) sections = g_ptr_array_new_with_free_func (g_free);
  Page page = {
    .h = { out, options, options->lang != NULL && g_ascii_strncasecmp (options->lang, "ja", 2) == 0,
           sections },
    .q = q,
    .col_time = bs_report_failure_column ("time_utc"),
    .col_recipient = bs_report_failure_column ("recipient"),
    .col_from = bs_report_failure_column ("orig_from"),
    .col_subject = bs_report_failure_column ("orig_subject"),
    .col_reason = bs_report_failure_column ("reason"),
    .col_diagnostic = bs_report_failure_column ("diagnostic"),
  };
  Page *p = &page;
  g_assert (p->col_time >= 0 && p->col_recipient >= 0 && p->col_from >= 0 && p->col_subject >= 0
            && p->col_reason >= 0 && p->col_diagnostic >= 0);
  write_head (p);
  write_header (p, &t);
  gsize nav_at = out->len;
  raw (p, "<main class=\"wrap\">\n");
  gboolean ok = TRUE;
  write_headline (p, &t);
  ok = ok && write_todo (p, error);
  ok = ok && write_changes (p, error);   /* reports/changes.c */
  ok = ok && write_checks (p, error);    /* reports/checks.c */
  ok = ok && write_charts (p, &t, error);
  for (gsize i = 0; ok && i < G_N_ELEMENTS (tables); i++)
    ok = write_table (p, &tables[i], error);
  ok = ok && write_history (p, &t, error);
  bs_report_totals_clear (&t);
  for (int k = 0; k < BS_AGG_COUNT; k++)
    g_clear_pointer (&page.rows[k], g_ptr_array_unref);
  if (!ok)
    return FALSE;
  raw (p, "</main>\n");
  write_footer (p);
  write_nav (p, nav_at);
  g_autoptr (BsOutFile) file = bs_out_open (path, error);
  if (file == NULL)
    return FALSE;
  bs_out_gstring (file, out);
  return bs_out_commit (g_steal_pointer (&file), error);
}

gboolean
bs_report_html (BsStore *store, const BsReportOptions *options, const char *path, GError **error)
{
  g_return_val_if_fail (store != NULL && options != NULL && path != NULL, FALSE);
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, options, error);
  return q != NULL && bs_report_html_query (q, path, error);
}
