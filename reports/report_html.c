/* report_html.c - the HTML report: one self-contained page, English or
 * Japanese, for a postmaster at 7 a.m. and for a customer's PDF
 *
 * Order of the page: the header (title, period, scope), the headline in
 * plain words (the worst live incident first) with the reason families,
 * "what to do now" (the incidents: live, warnings, cleared, each with its
 * episodes and next step), the other problems (addresses, mailboxes...)
 * ranked by the recipients they hurt, each with its advice from advice.h,
 * the sections of other parts of the project (changes since the last scan,
 * live checks), the charts (inline SVG, html_chart.c), one table per
 * aggregate whose rows open their latest failures (<details>), the
 * mailbox's counts and the messages that could not be decoded.  This file
 * writes the page's frame (head, header, navigation, footer) and calls the
 * parts: html_headline.c (headline, what to do now), html_charts.c (the
 * other parts' sections, charts), html_tables.c (tables, mailbox counts);
 * html_page.h is what they share.
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
#include "config.h"
#include "html_page.h"
#include "output.h"

/* ---- families ------------------------------------------------------------ */

/* per family: its css class (colours, labels and shades: reasons.h) */
const char *const bs_html_family_class[BS_FAMILY_COUNT] = {
  [BS_FAMILY_REPUTATION] = "rep",
  [BS_FAMILY_ADDRESS] = "addr",
  [BS_FAMILY_MAILBOX_FULL] = "full",
  [BS_FAMILY_OTHER] = "other",
};

/* ---- small writers ------------------------------------------------------- */

/* a value that may be unknown */
void
page_value_or_unknown (Page *p, const char *s)
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

/* a label and, after it, the token it stands for (a reason's name, a
 * system's id); the token alone when it has no label */
static void
labelled (Page *p, const char *label, const char *token)
{
  if (token == NULL || *token == '\0')
    {
      page_value_or_unknown (p, NULL);
      return;
    }
  if (label == NULL)
    {
      raw (p, "<span class=\"mono\">");
      text (p, token);
      raw (p, "</span>");
      return;
    }
  text (p, label);
  raw (p, p->h.ja ? "<span class=\"tok\">（" : " <span class=\"tok\">(");
  text (p, token);
  raw (p, p->h.ja ? "）</span>" : ")</span>");
}

void
page_reason (Page *p, const char *reason)
{
  labelled (p, reason_text (p, reason), reason);
}

void
page_system (Page *p, const char *id)
{
  labelled (p, bs_system_label (id, p->h.ja ? "ja" : "en"), id);
}

/* a time, sortable by its ISO 8601 value; shown as a day or a day and time */
void
page_time_cell (Page *p, const char *iso, BsDateStyle style)
{
  raw (p, "<td class=\"t\" data-v=\"");
  text (p, iso);
  raw (p, "\">");
  bs_html_date (H (p), iso, style);
  raw (p, "</td>");
}

void
page_number_cell (Page *p, gint64 n)
{
  g_string_append_printf (p->h.out, "<td class=\"n\" data-v=\"%" G_GINT64_FORMAT "\">", n);
  number (p, n);
  raw (p, "</td>");
}

/* "N recipients" / "宛先N件" (a count), "N件の宛先" (in a sentence) */
void
page_list_item (Page *p, guint i, const char *value, gint64 count, gboolean mono,
                gboolean with_counts, void (*show) (Page *, const char *))
{
  if (i > 0)
    raw (p, p->h.ja ? "、" : ", ");
  raw (p, mono && show == NULL ? "<span class=\"mono\">" : "<span>");
  if (show != NULL)
    show (p, value);
  else
    text (p, value);
  raw (p, "</span>");
  if (with_counts)
    {
      raw (p, p->h.ja ? "（" : " (");
      number (p, count);
      raw (p, p->h.ja ? "）" : ")");
    }
}

void
page_list_more (Page *p, guint total, guint shown)
{
  if (total <= shown)
    return;
  raw (p, p->h.ja ? "、ほか" : ", and ");
  number (p, total - shown);
  raw (p, p->h.ja ? "件" : " more");
}

void
page_recipients_phrase (Page *p, gint64 n, gboolean sentence)
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
  /* the paper: A4 for a Japanese page, else the locale's */
  const char *paper = !p->h.ja && g_strcmp0 (p->h.options->paper, "letter") == 0
                        ? bs_html_css_letter : bs_html_css_a4;
  g_autofree char *paper_hash = csp_hash (paper);
  g_autofree char *script_hash = csp_hash (bs_html_script);
  raw (p, "<!DOCTYPE html>\n<html lang=\"");
  raw (p, p->h.ja ? "ja" : "en");
  raw (p, "\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ");
  raw (p, style_hash);
  raw (p, " ");
  raw (p, paper_hash);
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
  raw (p, "</style>\n<style>");
  raw (p, paper);
  raw (p, "</style>\n</head>\n");
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
  if (!bs_history_filter_is_local (p->h.options->filter))
    raw (p, " UTC");
  raw (p, "</dd></div>\n</dl>\n<p class=\"scope\">");
  if (senders != NULL)
    tr (p, "This report covers only mail sent from these domains and their subdomains. ",
        "このレポートは、上記のドメイン（サブドメインを含む）から送信したメールだけを対象としています。");
  if (p->h.options->redact)
    tr (p, "The part before the @ of recipients' addresses is masked (***). ",
        "宛先アドレスの @ より前の部分は伏せています（***）。");
  const BsHistoryFilter *f = p->h.options->filter;
  const char *zone = bs_history_filter_time_zone_name (f);
  if (!bs_history_filter_is_local (f))
    tr (p, "Days and times are UTC.", "日付と時刻はすべて協定世界時（UTC）です。");
  else
    {
      /* the zone and its offset now */
      g_autoptr (GDateTime) now = g_date_time_new_now (bs_history_filter_time_zone (f));
      g_autofree char *offset = now != NULL ? g_date_time_format (now, "%:z") : NULL;
      raw (p, "<span class=\"zone\" data-zone=\"");
      text (p, zone);
      raw (p, "\">");
      tr (p, "Days and times are in the time zone ", "日付と時刻はすべてタイムゾーン ");
      text (p, zone);
      raw (p, p->h.ja ? "（UTC" : " (UTC");
      text (p, offset != NULL ? offset : "");
      raw (p, p->h.ja ? "）の時刻です。" : ").");
      raw (p, "</span>");
    }
  raw (p, "</p>\n</div>\n</header>\n");
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
  page_write_headline (p, &t);
  ok = ok && page_write_incidents (p, error);   /* html_incidents.c */
  ok = ok && page_write_todo (p, error);
  ok = ok && page_write_changes (p, error);   /* reports/changes.c */
  ok = ok && page_write_checks (p, error);    /* reports/checks.c */
  ok = ok && page_write_charts (p, &t, error);
  ok = ok && page_write_tables (p, error);
  ok = ok && page_write_history (p, &t, error);
  bs_report_totals_clear (&t);
  for (int k = 0; k < BS_AGG_COUNT; k++)
    g_clear_pointer (&page.rows[k], g_ptr_array_unref);
  if (!ok)
    return FALSE;
  raw (p, "</main>\n");
  write_footer (p);
  write_nav (p, nav_at);
  g_autoptr (BsOutFile) file = bs_out_open (path, options->cancelled, error);
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
