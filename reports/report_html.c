/* report_html.c - the HTML report: one self-contained page (inline CSS, no
 * script, no fetch), English or Japanese
 *
 * Layout: title and period, the headline totals with the reason families,
 * the mailbox's mail counts (whole history; left out of a report by sender),
 * one table per aggregate with an example diagnostic per row, and the list
 * of messages that could not be decoded.  Labels are tables of strings
 * here, not gettext: cron runs in the C locale.  A Content-Security-Policy
 * meta tag forbids every fetch and script even if escaping ever failed;
 * every value from the history goes through bs_escape_html.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "report.h"

#include <gio/gio.h>
#include <string.h>

#include "aggregate.h"
#include "changes.h"
#include "checks.h"
#include "escape.h"
#include "output.h"

/* rows of each table in the page; the CSV files have every row */
#define HTML_TABLE_ROWS 50
#define HTML_DAY_ROWS 400
#define HTML_UNDECODABLE_ROWS 200

/* ---- strings ------------------------------------------------------------ */

typedef enum {
  L_TITLE,
  L_GENERATED,
  L_PERIOD,
  L_NO_DATA,
  L_SENDERS,
  L_SENDER_NOTE,
  L_TIMES_UTC,
  L_HEADLINE,
  L_FAILED_RECIPIENTS,
  L_FAILURES,
  L_HARD,
  L_DELAYED,
  L_OTHER_NOTICES,
  L_WHY,
  L_CAUSE,
  L_SHARE,
  L_FAMILY_REPUTATION,
  L_FAMILY_ADDRESS,
  L_FAMILY_FULL,
  L_FAMILY_OTHER,
  L_RECIPIENTS_COL,
  L_FAILURES_COL,
  L_HISTORY,
  L_MESSAGES,
  L_BOUNCES,
  L_NOT_BOUNCES,
  L_UNDECODABLE,
  L_SCANS,
  L_LAST_SCAN,
  L_BY_DOMAIN,
  L_BY_IP,
  L_BY_CODE,
  L_BY_REASON,
  L_BY_BLOCKLIST,
  L_BY_DAY,
  L_COL_DOMAIN,
  L_COL_IP,
  L_COL_STATUS,
  L_COL_REPLY,
  L_COL_PROVIDER,
  L_COL_REASON,
  L_COL_BLOCKLIST,
  L_COL_DAY,
  L_COL_HARD,
  L_COL_FIRST,
  L_COL_LAST,
  L_COL_EXAMPLE,
  L_NOT_GIVEN,
  L_NOTHING,
  L_MORE_ROWS,
  L_MORE_ROWS_END,
  L_UNDECODED_TITLE,
  L_UNDECODED_NOTE,
  L_COL_FILE,
  L_COL_INDEX,
  L_COL_WHY,
  L_COL_READ_AT,
  L_FOOTER,
  L_COUNT
} Label;

typedef struct {
  const char *en;
  const char *ja;
} Text;

static const Text labels[L_COUNT] = {
  [L_TITLE] = { "Bounce report", "バウンスメール（配信エラー）レポート" },
  [L_GENERATED] = { "Generated", "作成日時" },
  [L_PERIOD] = { "Period covered", "対象期間" },
  [L_NO_DATA] = { "no bounce in the history for this selection",
                  "この条件に該当するバウンスは記録されていません" },
  [L_SENDERS] = { "Sender domains", "送信元ドメイン" },
  [L_SENDER_NOTE] = { "This report covers only mail sent from these domains (and their subdomains).",
                      "このレポートは、これらのドメイン（サブドメインを含む）から送信されたメールだけを対象としています。" },
  [L_TIMES_UTC] = { "Days and times are UTC.", "日付・時刻は協定世界時（UTC）です。" },
  [L_HEADLINE] = { "Summary", "概要" },
  [L_FAILED_RECIPIENTS] = { "Recipients that failed", "配信に失敗した宛先" },
  [L_FAILURES] = { "Failed deliveries (one per recipient of each bounce)",
                   "配信失敗の件数（バウンス1通の宛先1件ごと）" },
  [L_HARD] = { "of which permanent (hard bounces)", "うち恒久的なエラー（ハードバウンス）" },
  [L_DELAYED] = { "Delay warnings (not failures)", "遅延通知（配信失敗ではありません）" },
  [L_OTHER_NOTICES] = { "Other notices (delivered, auto-replies, feedback reports)",
                        "その他の通知（配信成功・自動応答・苦情報告）" },
  [L_WHY] = { "Why mail failed", "配信失敗の原因" },
  [L_CAUSE] = { "Cause", "原因の分類" },
  [L_SHARE] = { "Share of recipients", "宛先数の割合" },
  [L_FAMILY_REPUTATION] = { "Sending server's reputation or a blocklist",
                            "送信サーバーの評価・ブロックリスト" },
  [L_FAMILY_ADDRESS] = { "Wrong or closed address", "宛先アドレスの誤り・廃止" },
  [L_FAMILY_FULL] = { "Mailbox full", "メールボックスの容量超過" },
  [L_FAMILY_OTHER] = { "Other reasons", "その他の原因" },
  [L_RECIPIENTS_COL] = { "Recipients", "宛先数" },
  [L_FAILURES_COL] = { "Failures", "失敗件数" },
  [L_HISTORY] = { "Mail in the history (all dates)", "履歴に記録されたメール（全期間）" },
  [L_MESSAGES] = { "Messages read", "読み込んだメール" },
  [L_BOUNCES] = { "Bounces", "バウンスメール" },
  [L_NOT_BOUNCES] = { "Not bounces (ordinary mail, spam)", "バウンス以外（通常のメール・迷惑メール）" },
  [L_UNDECODABLE] = { "Could not be decoded", "解析できなかったメール" },
  [L_SCANS] = { "Scans", "スキャン回数" },
  [L_LAST_SCAN] = { "Last scan finished", "最後のスキャンの終了日時" },
  [L_BY_DOMAIN] = { "By destination domain", "宛先ドメイン別" },
  [L_BY_IP] = { "By sending IP address", "送信元IPアドレス別" },
  [L_BY_CODE] = { "By error code", "エラーコード別" },
  [L_BY_REASON] = { "By reason", "原因別" },
  [L_BY_BLOCKLIST] = { "By blocklist", "ブロックリスト別" },
  [L_BY_DAY] = { "By day", "日別" },
  [L_COL_DOMAIN] = { "Destination domain", "宛先ドメイン" },
  [L_COL_IP] = { "Sending IP", "送信元IPアドレス" },
  [L_COL_STATUS] = { "Status", "ステータス" },
  [L_COL_REPLY] = { "SMTP reply", "SMTP応答コード" },
  [L_COL_PROVIDER] = { "Provider code", "事業者のエラーコード" },
  [L_COL_REASON] = { "Reason", "原因" },
  [L_COL_BLOCKLIST] = { "Blocklist", "ブロックリスト" },
  [L_COL_DAY] = { "Day", "日付" },
  [L_COL_HARD] = { "Permanent", "恒久的" },
  [L_COL_FIRST] = { "First seen", "初回" },
  [L_COL_LAST] = { "Last seen", "最終" },
  [L_COL_EXAMPLE] = { "Example of the server's message", "相手サーバーのメッセージ例" },
  [L_NOT_GIVEN] = { "(not given)", "（記載なし）" },
  [L_NOTHING] = { "Nothing for this selection.", "該当するものはありません。" },
  [L_MORE_ROWS] = { "Showing the first ", "上位" },
  [L_MORE_ROWS_END] = { " rows; the CSV files have all of them.",
                        "件を表示しています。すべての行はCSVファイルにあります。" },
  [L_UNDECODED_TITLE] = { "Messages that could not be decoded", "解析できなかったメール" },
  [L_UNDECODED_NOTE] = { "These looked like bounces but could not be read; check them by hand.",
                         "バウンスと思われますが読み取れませんでした。内容を直接ご確認ください。" },
  [L_COL_FILE] = { "File", "ファイル" },
  [L_COL_INDEX] = { "No. in mbox", "mbox内の番号" },
  [L_COL_WHY] = { "Why", "理由" },
  [L_COL_READ_AT] = { "Read at", "読み込み日時" },
  [L_FOOTER] = { "Made by bouncescan from its history database.",
                 "bouncescan が履歴データベースから作成しました。" },
};

/* what each Sisimai reason means, for the reason table */
static const struct {
  const char *reason;
  Text text;
} reason_texts[] = {
  { "authfailure", { "SPF, DKIM or DMARC check failed", "送信ドメイン認証（SPF・DKIM・DMARC）の失敗" } },
  { "badreputation", { "Sending server's reputation too low", "送信サーバーの評価が低い" } },
  { "blocked", { "Sending IP address or host refused", "送信元IPアドレス・ホストの拒否" } },
  { "contenterror", { "Message content refused", "メールの内容による拒否" } },
  { "delivered", { "Delivered", "配信成功" } },
  { "exceedlimit", { "Over the recipient's size limit", "受信者のサイズ上限を超過" } },
  { "expired", { "Delivery time expired", "配送期限切れ（再送の打ち切り）" } },
  { "feedback", { "Complaint feedback report", "苦情フィードバック報告" } },
  { "filtered", { "Refused by the recipient's filter", "受信者側のフィルタによる拒否" } },
  { "hasmoved", { "Recipient has moved", "宛先アドレスの移転" } },
  { "hostunknown", { "Destination domain does not exist", "宛先ドメインが存在しない" } },
  { "mailboxfull", { "Mailbox full", "メールボックスの容量超過" } },
  { "mailererror", { "Mail program error at the destination", "宛先側のメールプログラムのエラー" } },
  { "mesgtoobig", { "Message too big", "メールのサイズが大きすぎる" } },
  { "networkerror", { "Network or DNS error", "ネットワークまたはDNSのエラー" } },
  { "norelaying", { "Relaying denied", "中継（リレー）の拒否" } },
  { "notaccept", { "Destination accepts no mail", "宛先がメールを受け付けていない" } },
  { "notcompliantrfc", { "Message does not follow the RFCs", "メールの形式がRFCに準拠していない" } },
  { "onhold", { "On hold: cause not decided", "保留（原因を特定できず）" } },
  { "policyviolation", { "Refused by the receiving site's policy", "受信側のポリシーによる拒否" } },
  { "rejected", { "Sender address refused", "送信者アドレスの拒否" } },
  { "requireptr", { "Sending IP has no reverse DNS (PTR)", "送信元IPに逆引き（PTR）がない" } },
  { "securityerror", { "Security error (authentication, TLS)", "セキュリティエラー（認証・TLS）" } },
  { "spamdetected", { "Judged as spam", "迷惑メールと判定" } },
  { "speeding", { "Sending too fast (rate limited)", "送信速度の制限" } },
  { "suspend", { "Recipient account suspended", "宛先アカウントの停止" } },
  { "syntaxerror", { "SMTP syntax error", "SMTPの構文エラー" } },
  { "systemerror", { "Error on the destination system", "宛先システムのエラー" } },
  { "systemfull", { "Destination system full", "宛先システムの容量不足" } },
  { "toomanyconn", { "Too many connections", "接続数の超過" } },
  { "undefined", { "Cause not determined", "原因不明" } },
  { "userunknown", { "Recipient address does not exist", "宛先アドレスが存在しない" } },
  { "vacation", { "Auto-reply (vacation)", "自動応答（不在通知）" } },
  { "virusdetected", { "Virus detected", "ウイルスの検出" } },
};

static const Label family_labels[BS_FAMILY_COUNT] = {
  [BS_FAMILY_REPUTATION] = L_FAMILY_REPUTATION,
  [BS_FAMILY_ADDRESS] = L_FAMILY_ADDRESS,
  [BS_FAMILY_MAILBOX_FULL] = L_FAMILY_FULL,
  [BS_FAMILY_OTHER] = L_FAMILY_OTHER,
};

/* one table per aggregate: its title, key column headers, id, rows shown */
static const struct {
  BsAggKind kind;
  Label title;
  Label keys[3];
  guint rows;
} tables[] = {
  { BS_AGG_REASON, L_BY_REASON, { L_COL_REASON }, HTML_TABLE_ROWS },
  { BS_AGG_DOMAIN, L_BY_DOMAIN, { L_COL_DOMAIN }, HTML_TABLE_ROWS },
  { BS_AGG_IP, L_BY_IP, { L_COL_IP }, HTML_TABLE_ROWS },
  { BS_AGG_BLOCKLIST, L_BY_BLOCKLIST, { L_COL_BLOCKLIST }, HTML_TABLE_ROWS },
  { BS_AGG_CODE, L_BY_CODE, { L_COL_STATUS, L_COL_REPLY, L_COL_PROVIDER }, HTML_TABLE_ROWS },
  { BS_AGG_DAY, L_BY_DAY, { L_COL_DAY }, HTML_DAY_ROWS },
};

static const char css[] =
  ":root{color-scheme:light;--line:#d0d4da;--head:#eef1f5;--muted:#5a6270;--accent:#9b1c1c}"
  "*{box-sizing:border-box}"
  "body{font-family:system-ui,-apple-system,'Segoe UI','Hiragino Sans','Noto Sans CJK JP',"
  "'Yu Gothic',Meiryo,sans-serif;margin:0 auto;max-width:78rem;padding:1.5rem;color:#1d2330;"
  "line-height:1.5;background:#fff}"
  "h1{font-size:1.6rem;margin:0 0 .5rem}"
  "h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}"
  "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:0 0 1rem}"
  "dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}"
  ".note{color:var(--muted);font-size:.9rem}"
  ".cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:.5rem 0}"
  ".card{border:1px solid var(--line);border-radius:.4rem;padding:.6rem .9rem;min-width:11rem}"
  ".card .n{font-size:1.6rem;font-weight:600;font-variant-numeric:tabular-nums}"
  ".card.main .n{color:var(--accent)}"
  ".card .l{font-size:.85rem;color:var(--muted)}"
  "table{border-collapse:collapse;width:100%;margin:.4rem 0 .3rem;font-size:.9rem}"
  "th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}"
  "th{background:var(--head);font-weight:600}"
  "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
  "td.t{white-space:nowrap}"
  "td.ex{font-family:ui-monospace,'SFMono-Regular',Consolas,monospace;font-size:.8rem;"
  "overflow-wrap:anywhere;max-width:40rem}"
  ".desc{display:block;color:var(--muted);font-size:.8rem}"
  ".unknown{color:var(--muted);font-style:italic}"
  "footer{margin-top:2rem;color:var(--muted);font-size:.8rem}"
  "@media print{body{max-width:none;padding:0}h2{break-after:avoid}tr{break-inside:avoid}}";

/* ---- writing helpers ---------------------------------------------------- */

typedef struct {
  GString *h;
  const BsReportOptions *o;
  gboolean ja;
} Html;

static const char *
tr (const Html *w, Label l)
{
  return w->ja ? labels[l].ja : labels[l].en;
}

static const char *
reason_text (const Html *w, const char *reason)
{
  for (gsize i = 0; reason != NULL && i < G_N_ELEMENTS (reason_texts); i++)
    if (strcmp (reason_texts[i].reason, reason) == 0)
      return w->ja ? reason_texts[i].text.ja : reason_texts[i].text.en;
  return NULL;
}

/* escaped text */
static void
text (Html *w, const char *s)
{
  bs_escape_html (w->h, s);
}

/* literal markup (never data) */
static void
raw (Html *w, const char *s)
{
  g_string_append (w->h, s);
}

static void
number (Html *w, gint64 n)
{
  /* grouped by hand: locale-independent, same in both languages */
  char digits[32];
  g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, n < 0 ? -n : n);
  if (n < 0)
    g_string_append_c (w->h, '-');
  gsize len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (w->h, ',');
      g_string_append_c (w->h, digits[i]);
    }
}

/* a value that may be unknown */
static void
value_or_unknown (Html *w, const char *s)
{
  if (s == NULL || *s == '\0')
    {
      raw (w, "<span class=\"unknown\">");
      text (w, tr (w, L_NOT_GIVEN));
      raw (w, "</span>");
    }
  else
    text (w, s);
}

/* "2026-03-05T10:20:30Z" shown as "2026-03-05 10:20" */
static void
time_cell (Html *w, const char *iso)
{
  raw (w, "<td class=\"t\">");
  if (iso != NULL && strlen (iso) >= 16)
    {
      g_autofree char *shown = g_strndup (iso, 16);
      shown[10] = ' ';
      text (w, shown);
    }
  else
    text (w, iso);
  raw (w, "</td>");
}

static void
number_cell (Html *w, gint64 n)
{
  raw (w, "<td class=\"n\">");
  number (w, n);
  raw (w, "</td>");
}

static void
card (Html *w, gint64 n, Label l, gboolean main)
{
  raw (w, main ? "<div class=\"card main\"><div class=\"n\">" : "<div class=\"card\"><div class=\"n\">");
  number (w, n);
  raw (w, "</div><div class=\"l\">");
  text (w, tr (w, l));
  raw (w, "</div></div>\n");
}

/* ---- sections ----------------------------------------------------------- */

static void
write_head (Html *w, BsReportQuery *q, const BsReportTotals *t)
{
  raw (w, "<!DOCTYPE html>\n<html lang=\"");
  raw (w, w->ja ? "ja" : "en");
  raw (w, "\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"bouncescan\">\n<title>");
  text (w, tr (w, L_TITLE));
  if (w->o->title != NULL && *w->o->title != '\0')
    {
      raw (w, " - ");
      text (w, w->o->title);
    }
  raw (w, "</title>\n<style>");
  raw (w, css);
  raw (w, "</style>\n</head>\n<body>\n<header>\n<h1>");
  text (w, tr (w, L_TITLE));
  if (w->o->title != NULL && *w->o->title != '\0')
    {
      raw (w, ": ");
      text (w, w->o->title);
    }
  raw (w, "</h1>\n<dl class=\"meta\">\n<dt>");
  text (w, tr (w, L_PERIOD));
  raw (w, "</dt><dd>");
  const char *from = w->o->since && *w->o->since ? w->o->since : t->first_day;
  const char *to = w->o->until && *w->o->until ? w->o->until : t->last_day;
  if (from == NULL && to == NULL)
    text (w, tr (w, L_NO_DATA));
  else
    {
      text (w, from ? from : "…");
      raw (w, " – ");
      text (w, to ? to : "…");
    }
  raw (w, "</dd>\n");
  const char *const *senders = bs_report_query_senders (q);
  if (senders != NULL)
    {
      raw (w, "<dt>");
      text (w, tr (w, L_SENDERS));
      raw (w, "</dt><dd>");
      for (gsize i = 0; senders[i] != NULL; i++)
        {
          if (i > 0)
            raw (w, ", ");
          text (w, senders[i]);
        }
      raw (w, "</dd>\n");
    }
  raw (w, "<dt>");
  text (w, tr (w, L_GENERATED));
  raw (w, "</dt><dd>");
  g_autofree char *generated = bs_report_iso_utc (w->o->generated_at);
  generated[10] = ' ';
  generated[16] = '\0';
  text (w, generated);
  raw (w, " UTC</dd>\n</dl>\n<p class=\"note\">");
  if (senders != NULL)
    {
      text (w, tr (w, L_SENDER_NOTE));
      if (!w->ja)
        raw (w, " ");   /* Japanese sentences follow each other without a space */
    }
  text (w, tr (w, L_TIMES_UTC));
  raw (w, "</p>\n</header>\n");
}

static void
write_totals (Html *w, const BsReportTotals *t)
{
  raw (w, "<section id=\"summary\">\n<h2>");
  text (w, tr (w, L_HEADLINE));
  raw (w, "</h2>\n<div class=\"cards\">\n");
  card (w, t->recipients, L_FAILED_RECIPIENTS, TRUE);
  card (w, t->failures, L_FAILURES, FALSE);
  card (w, t->hard, L_HARD, FALSE);
  card (w, t->delayed, L_DELAYED, FALSE);
  if (t->other_notices > 0)
    card (w, t->other_notices, L_OTHER_NOTICES, FALSE);
  raw (w, "</div>\n<h3>");
  text (w, tr (w, L_WHY));
  raw (w, "</h3>\n<table class=\"families\">\n<thead><tr><th>");
  text (w, tr (w, L_CAUSE));
  raw (w, "</th><th class=\"n\">");
  text (w, tr (w, L_RECIPIENTS_COL));
  raw (w, "</th><th class=\"n\">");
  text (w, tr (w, L_SHARE));
  raw (w, "</th><th class=\"n\">");
  text (w, tr (w, L_FAILURES_COL));
  raw (w, "</th></tr></thead>\n<tbody>\n");
  gint64 all = 0;
  for (int f = 0; f < BS_FAMILY_COUNT; f++)
    all += t->family_recipients[f];
  for (int f = 0; f < BS_FAMILY_COUNT; f++)
    {
      raw (w, "<tr><th scope=\"row\">");
      text (w, tr (w, family_labels[f]));
      raw (w, "</th>");
      number_cell (w, t->family_recipients[f]);
      /* whole percent, rounded, integer arithmetic: no locale involved */
      g_string_append_printf (w->h, "<td class=\"n\">%" G_GINT64_FORMAT "%%</td>",
                              all > 0 ? (t->family_recipients[f] * 100 + all / 2) / all : 0);
      number_cell (w, t->family_failures[f]);
      raw (w, "</tr>\n");
    }
  raw (w, "</tbody>\n</table>\n");
  if (t->has_mail_counts)
    {
      raw (w, "<h3>");
      text (w, tr (w, L_HISTORY));
      raw (w, "</h3>\n<table class=\"history\">\n<tbody>\n");
      const struct { Label l; gint64 n; } rows[] = {
        { L_MESSAGES, t->messages }, { L_BOUNCES, t->bounces },
        { L_NOT_BOUNCES, t->not_bounces }, { L_UNDECODABLE, t->undecodable },
        { L_SCANS, t->runs },
      };
      for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          raw (w, "<tr><th scope=\"row\">");
          text (w, tr (w, rows[i].l));
          raw (w, "</th>");
          number_cell (w, rows[i].n);
          raw (w, "</tr>\n");
        }
      raw (w, "<tr><th scope=\"row\">");
      text (w, tr (w, L_LAST_SCAN));
      raw (w, "</th>");
      time_cell (w, t->last_scan);
      raw (w, "</tr>\n</tbody>\n</table>\n");
    }
  raw (w, "</section>\n");
}

static gboolean
write_aggregate (Html *w, BsReportQuery *q, gsize which, GError **error)
{
  BsAggKind kind = tables[which].kind;
  gint64 groups = 0;
  g_autoptr (GPtrArray) rows = bs_report_aggregate (q, kind, tables[which].rows, &groups, error);
  if (rows == NULL)
    return FALSE;
  g_string_append_printf (w->h, "<section id=\"by-%s\">\n<h2>", bs_agg_name (kind));
  text (w, tr (w, tables[which].title));
  raw (w, "</h2>\n");
  if (rows->len == 0)
    {
      raw (w, "<p class=\"note\">");
      text (w, tr (w, L_NOTHING));
      raw (w, "</p>\n</section>\n");
      return TRUE;
    }
  raw (w, "<table>\n<thead><tr>");
  for (gsize k = 0; k < G_N_ELEMENTS (tables[which].keys) && (k == 0 || tables[which].keys[k]); k++)
    {
      raw (w, "<th>");
      text (w, tr (w, tables[which].keys[k]));
      raw (w, "</th>");
    }
  static const Label counts[] = { L_FAILURES_COL, L_RECIPIENTS_COL, L_COL_HARD };
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      raw (w, "<th class=\"n\">");
      text (w, tr (w, counts[i]));
      raw (w, "</th>");
    }
  static const Label tail[] = { L_COL_FIRST, L_COL_LAST, L_COL_EXAMPLE };
  for (gsize i = 0; i < G_N_ELEMENTS (tail); i++)
    {
      raw (w, "<th>");
      text (w, tr (w, tail[i]));
      raw (w, "</th>");
    }
  raw (w, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const BsAggRow *r = g_ptr_array_index (rows, i);
      raw (w, "<tr>");
      if (kind == BS_AGG_CODE)
        {
          raw (w, "<td>");
          value_or_unknown (w, r->status);
          raw (w, "</td><td>");
          if (r->reply_code > 0)
            g_string_append_printf (w->h, "%d", r->reply_code);
          else
            value_or_unknown (w, NULL);
          raw (w, "</td><td>");
          value_or_unknown (w, r->provider_code);
          raw (w, "</td>");
        }
      else
        {
          raw (w, "<td>");
          value_or_unknown (w, r->key);
          const char *desc = kind == BS_AGG_REASON ? reason_text (w, r->key) : NULL;
          if (desc != NULL)
            {
              raw (w, "<span class=\"desc\">");
              text (w, desc);
              raw (w, "</span>");
            }
          raw (w, "</td>");
        }
      number_cell (w, r->failures);
      number_cell (w, r->recipients);
      number_cell (w, r->hard);
      time_cell (w, r->first_seen);
      time_cell (w, r->last_seen);
      raw (w, "<td class=\"ex\">");
      text (w, r->example);
      raw (w, "</td></tr>\n");
    }
  raw (w, "</tbody>\n</table>\n");
  if (groups > (gint64) rows->len)
    {
      raw (w, "<p class=\"note\">");
      text (w, tr (w, L_MORE_ROWS));
      number (w, rows->len);
      raw (w, " / ");
      number (w, groups);
      text (w, tr (w, L_MORE_ROWS_END));
      raw (w, "</p>\n");
    }
  raw (w, "</section>\n");
  return TRUE;
}

static gboolean
undecodable_row (const char *source, guint index, const char *why, const char *first_seen,
                 gpointer user)
{
  Html *w = user;
  raw (w, "<tr><td class=\"ex\">");
  text (w, source);
  raw (w, "</td><td class=\"n\">");
  if (index > 0)
    number (w, index);
  raw (w, "</td><td>");
  text (w, why);
  raw (w, "</td>");
  time_cell (w, first_seen);
  raw (w, "</tr>\n");
  return TRUE;
}

static gboolean
write_undecodable (Html *w, BsReportQuery *q, GError **error)
{
  if (bs_report_query_by_sender (q))
    return TRUE; /* an undecodable message belongs to no known sender */
  gsize mark = w->h->len;
  raw (w, "<section id=\"undecodable\">\n<h2>");
  text (w, tr (w, L_UNDECODED_TITLE));
  raw (w, "</h2>\n<p class=\"note\">");
  text (w, tr (w, L_UNDECODED_NOTE));
  raw (w, "</p>\n<table>\n<thead><tr>");
  static const Label heads[] = { L_COL_FILE, L_COL_INDEX, L_COL_WHY, L_COL_READ_AT };
  for (gsize i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      raw (w, i == 1 ? "<th class=\"n\">" : "<th>");
      text (w, tr (w, heads[i]));
      raw (w, "</th>");
    }
  raw (w, "</tr></thead>\n<tbody>\n");
  gint64 total = 0;
  if (!bs_report_foreach_undecodable (q, HTML_UNDECODABLE_ROWS, &total, undecodable_row, w, error))
    return FALSE;
  if (total == 0)
    {
      g_string_truncate (w->h, mark); /* no section when there is nothing */
      return TRUE;
    }
  raw (w, "</tbody>\n</table>\n");
  if (total > HTML_UNDECODABLE_ROWS)
    {
      raw (w, "<p class=\"note\">");
      text (w, tr (w, L_MORE_ROWS));
      number (w, HTML_UNDECODABLE_ROWS);
      raw (w, " / ");
      number (w, total);
      raw (w, "</p>\n");
    }
  raw (w, "</section>\n");
  return TRUE;
}

gboolean
bs_report_html (sqlite3 *db, const BsReportOptions *options, const char *path, GError **error)
{
  g_return_val_if_fail (db != NULL && options != NULL && path != NULL, FALSE);
  g_autoptr (BsReportQuery) q = bs_report_query_new (db, options, error);
  if (q == NULL)
    return FALSE;
  BsReportTotals t;
  if (!bs_report_totals (q, &t, error))
    {
      bs_report_totals_clear (&t);
      return FALSE;
    }
  g_autoptr (GString) h = g_string_sized_new (64 * 1024);
  Html w = { h, options, options->lang != NULL && strcmp (options->lang, "ja") == 0 };
  write_head (&w, q, &t);
  raw (&w, "<main>\n");
  write_totals (&w, &t);
  bs_report_totals_clear (&t);
  if (!bs_changes_report_section (w.h, db, options, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!write_aggregate (&w, q, i, error))
      return FALSE;
  if (!write_undecodable (&w, q, error))
    return FALSE;
  if (!bs_report_checks_html (db, options, h, error))  /* live checks (--check), issue 8 */
    return FALSE;
  raw (&w, "</main>\n<footer>");
  text (&w, tr (&w, L_FOOTER));
  raw (&w, "</footer>\n</body>\n</html>\n");
  g_autoptr (BsOutFile) out = bs_out_open (path, error);
  if (out == NULL)
    return FALSE;
  bs_out_gstring (out, h);
  return bs_out_commit (g_steal_pointer (&out), error);
}
