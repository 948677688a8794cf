/* html_incidents.c - the incidents on the HTML page: the opening sentence
 * on the worst live incident, and "What to do now": the incidents by
 * state and impact (live, then warnings, then cleared, marked so), each
 * with its facts, its customers, its episodes on a small timeline and its
 * next step; the incidents beyond the first ones in a short list, each
 * with its next step too (reports/incidents.h has the rules)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "html_page.h"

#include "advice.h"

/* incidents shown in full; the others are listed with their next step */
#define HTML_INCIDENTS 8
#define HTML_INCIDENT_VALUES 6    /* customers, destinations, codes named */
/* a cleared incident is shown in full while it cleared this recently */
#define HTML_CLEARED_DAYS 30
/* the other incidents listed, at most (report --json has them all) */
#define HTML_MORE_INCIDENTS 50

static const Text state_labels[BS_INCIDENT_STATE_COUNT] = {
  [BS_INCIDENT_WARNING] = { "Warning", "警告" },
  [BS_INCIDENT_ACTIVE] = { "Active", "発生中" },
  [BS_INCIDENT_RETURNED] = { "Returned", "再発" },
  [BS_INCIDENT_CLEARED] = { "Cleared", "解消" },
};

static const BsEpisode *
last_episode (const BsIncident *inc)
{
  return g_ptr_array_index (inc->episodes, inc->episodes->len - 1);
}

static GTimeZone *
page_zone (const Page *p)
{
  return bs_history_filter_time_zone (p->h.options->filter);
}

static const char *
system_label (const Page *p, const BsIncident *inc)
{
  return bs_incident_system_label (inc->system, p->h.ja);
}

/* "the second time", "3回目" */
static void
nth_time (Page *p, guint n)
{
  static const char *const words[] = { NULL, NULL, "second", "third", "fourth", "fifth" };
  if (p->h.ja)
    g_string_append_printf (p->h.out, "%u回目", n);
  else if (n < G_N_ELEMENTS (words))
    g_string_append_printf (p->h.out, "the %s time", words[n]);
  else
    g_string_append_printf (p->h.out, "the %uth time", n);
}

/* "203.0.113.12" or "the domain example.com" */
static void
subject (Page *p, const BsIncident *inc)
{
  if (inc->blame_sender)
    tr (p, "the domain ", "ドメイン ");
  raw (p, "<b class=\"mono\">");
  text (p, inc->subject);
  raw (p, "</b>");
}

/* ---- the opening sentence ------------------------------------------------ */

void
page_write_opening (Page *p)
{
  g_autoptr (GError) error = NULL;
  const BsIncidentList *l = bs_report_query_incidents (p->q, &error);
  if (l == NULL || l->incidents->len == 0)
    return;
  const BsIncident *inc = g_ptr_array_index (l->incidents, 0);
  if (!bs_incident_is_live (inc))
    return;
  const BsEpisode *e = last_episode (inc);
  const BsEpisode *first = g_ptr_array_index (inc->episodes, 0);
  gboolean warning = inc->state == BS_INCIDENT_WARNING;
  const char *since = warning || e->first_refusal == NULL ? e->start : e->first_refusal;
  const char *first_day = first->first_refusal != NULL ? first->first_refusal : first->start;
  guint customers = e->sender_domains->len;
  g_string_append_printf (p->h.out, "<p class=\"opening state-%s\" data-key=\"",
                          bs_incident_state_name (inc->state));
  text (p, inc->key);
  raw (p, "\">");
  if (p->h.ja)
    {
      raw (p, "<strong>");
      text (p, system_label (p, inc));
      raw (p, "</strong> が ");
      subject (p, inc);
      raw (p, warning ? " からのメールを評価を理由に遅らせています（" : " からのメールを拒否しています（");
      bs_html_date (H (p), since, BS_DATE_DAY);
      raw (p, "から");
      if (inc->state == BS_INCIDENT_RETURNED)
        {
          raw (p, "、");
          bs_html_date (H (p), first_day, BS_DATE_DAY);
          raw (p, "以来");
          nth_time (p, inc->episodes->len);
        }
      raw (p, warning ? "。拒否の前触れです）。" : "）。");
      g_string_append_printf (p->h.out, "影響を受けた顧客は%u件です。</p>\n", customers);
      return;
    }
  raw (p, "<strong>");
  text (p, system_label (p, inc));
  raw (p, warning ? "</strong> is deferring mail from " : "</strong> has refused mail from ");
  subject (p, inc);
  raw (p, warning ? " for its reputation since " : " since ");
  bs_html_date (H (p), since, BS_DATE_DAY);
  if (warning)
    raw (p, ", the usual warning before a block");
  else if (inc->state == BS_INCIDENT_RETURNED)
    {
      raw (p, ", ");
      nth_time (p, inc->episodes->len);
      raw (p, " since ");
      bs_html_date (H (p), first_day, BS_DATE_DAY);
    }
  g_string_append_printf (p->h.out, "; %u %s affected.</p>\n", customers,
                          customers == 1 ? "customer" : "customers");
}

/* ---- one incident -------------------------------------------------------- */

static void
fact (Page *p, const char *en, const char *ja)
{
  raw (p, "<dt>");
  tr (p, en, ja);
  raw (p, "</dt><dd>");
}

/* "a (3), b (1), and 2 more" */
static void
values (Page *p, const GPtrArray *counts, gboolean mono, gboolean with_counts)
{
  guint shown = MIN (counts->len, HTML_INCIDENT_VALUES);
  for (guint i = 0; i < shown; i++)
    {
      const BsIncidentCount *c = g_ptr_array_index (counts, i);
      page_list_item (p, i, c->value, c->failures + c->warnings, mono, with_counts, NULL);
    }
  page_list_more (p, counts->len, shown);
}

static guint32
julian (const char *day)
{
  GDate d;
  return bs_html_parse_day (day, &d) ? g_date_get_julian (&d) : 0;
}

/* one rectangle of the timeline, days [from, to] of span days from lo */
static void
timeline_rect (Page *p, guint32 lo, guint32 span, guint32 from, guint32 to, const char *cls)
{
  if (from == 0 || to < from)
    return;
  char x[G_ASCII_DTOSTR_BUF_SIZE], w[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (x, sizeof x, "%.2f", 100.0 * (from - lo) / span);
  g_ascii_formatd (w, sizeof w, "%.2f", MAX (100.0 * (to + 1 - from) / span, 0.8));
  g_string_append_printf (p->h.out, "<rect class=\"%s\" x=\"%s\" y=\"0\" width=\"%s\" height=\"10\"/>",
                          cls, x, w);
}

/* the episodes on a line from the first day to the reference day:
 * warnings, refusals, the quiet period that cleared them */
static void
timeline (Page *p, const BsIncident *inc, const char *ref_day)
{
  const BsEpisode *first = g_ptr_array_index (inc->episodes, 0);
  guint32 lo = julian (first->start_day), hi = MAX (julian (ref_day), julian (last_episode (inc)->last_day));
  if (lo == 0 || hi < lo)
    return;
  guint32 span = hi - lo + 1;
  raw (p, "<svg class=\"timeline\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\""
          " aria-hidden=\"true\"><rect class=\"tl-base\" x=\"0\" y=\"4\" width=\"100\" height=\"2\"/>");
  for (guint i = 0; i < inc->episodes->len; i++)
    {
      const BsEpisode *e = g_ptr_array_index (inc->episodes, i);
      g_autofree char *refused = bs_incident_local_day (page_zone (p), e->first_refusal);
      guint32 start = julian (e->start_day), last = julian (e->last_day);
      guint32 refusal = refused != NULL ? julian (refused) : 0;
      guint32 end = e->cleared_day != NULL ? last : hi;
      if (refusal > start)
        timeline_rect (p, lo, span, start, refusal - 1, "tl-warn");
      timeline_rect (p, lo, span, refusal > 0 ? refusal : start, end, refusal > 0 ? "tl-refused" : "tl-warn");
      if (e->cleared_day != NULL)
        timeline_rect (p, lo, span, last + 1, MIN (julian (e->cleared_day), hi), "tl-quiet");
    }
  raw (p, "</svg>");
}

static void
episode_list (Page *p, const BsIncident *inc)
{
  raw (p, "<ol class=\"episodes\">");
  for (guint i = 0; i < inc->episodes->len; i++)
    {
      const BsEpisode *e = g_ptr_array_index (inc->episodes, i);
      raw (p, "<li>");
      bs_html_date (H (p), e->start_day, BS_DATE_DAY);
      raw (p, p->h.ja ? "～" : " – ");
      if (e->cleared_day != NULL)
        bs_html_date (H (p), e->last_day, BS_DATE_DAY);
      else
        tr (p, "now", "継続中");
      raw (p, p->h.ja ? "：配信失敗 " : ": ");
      number (p, e->failures);
      raw (p, p->h.ja ? "件、遅延通知 " : e->failures == 1 ? " failure, " : " failures, ");
      number (p, e->warnings);
      raw (p, p->h.ja ? "件" : e->warnings == 1 ? " warning" : " warnings");
      if (e->cleared_day != NULL)
        {
          raw (p, p->h.ja ? "（" : "; cleared ");
          bs_html_date (H (p), e->cleared_day, BS_DATE_DAY);
          raw (p, p->h.ja ? "に解消）" : "");
        }
      raw (p, "</li>");
    }
  raw (p, "</ol>");
}

/* what the state means, with its day */
static void
state_line (Page *p, const BsIncident *inc)
{
  const BsEpisode *e = last_episode (inc);
  switch (inc->state)
    {
    case BS_INCIDENT_WARNING:
      tr (p, "Delay warnings citing reputation since ", "評価を理由とする遅延通知: ");
      bs_html_date (H (p), e->start, BS_DATE_TIME);
      tr (p, "; no refusal yet: the usual sign of a block to come.",
          "から。まだ拒否はありませんが、拒否の前触れです。");
      break;
    case BS_INCIDENT_ACTIVE:
    case BS_INCIDENT_RETURNED:
      tr (p, inc->state == BS_INCIDENT_RETURNED ? "Refused again since " : "Refused since ",
          inc->state == BS_INCIDENT_RETURNED ? "再び拒否されています: " : "拒否されています: ");
      bs_html_date (H (p), e->first_refusal != NULL ? e->first_refusal : e->start, BS_DATE_TIME);
      tr (p, "; last failure ", "から。最後の配信失敗 ");
      bs_html_date (H (p), e->last, BS_DATE_TIME);
      raw (p, p->h.ja ? "。" : ".");
      break;
    default:
      tr (p, "Cleared on ", "解消: ");
      bs_html_date (H (p), e->cleared_day, BS_DATE_DAY);
      tr (p, " (no failure since ", "（");
      bs_html_date (H (p), e->last_day, BS_DATE_DAY);
      tr (p, ").", "以降エラーなし）。");
      break;
    }
}

void
page_write_advice (Page *p, const BsAdvice *adv, gboolean incident)
{
  if (adv == NULL)
    return;
  raw (p, "<div class=\"advice\">\n<p>");
  text (p, adv->explanation);
  raw (p, "</p>\n<div class=\"next\"><strong>");
  tr (p, "Next step", "次の対応");
  raw (p, "</strong>");
  text (p, bs_advice_next_step (adv, incident));
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

static void
write_incident (Page *p, guint rank, const BsIncident *inc, const char *ref_day)
{
  const BsAdvice *adv = bs_advice_for (bs_incident_advice_key (inc), p->h.ja ? "ja" : "en");
  const char *state = bs_incident_state_name (inc->state);
  g_string_append_printf (p->h.out, "<article class=\"problem incident rep state-%s\" data-key=\"",
                          state);
  text (p, inc->key);
  g_string_append_printf (p->h.out, "\" data-state=\"%s\" data-recipients=\"%" G_GINT64_FORMAT
                          "\">\n<div class=\"rank\">%u</div>\n<div>\n<h3>", state, inc->recipients,
                          rank);
  text (p, adv != NULL ? adv->title : system_label (p, inc));
  raw (p, " <span class=\"badge mono\">");
  text (p, inc->subject);
  g_string_append_printf (p->h.out, "</span> <span class=\"state s-%s\">", state);
  tr (p, state_labels[inc->state].en, state_labels[inc->state].ja);
  raw (p, "</span></h3>\n<p class=\"sub\"><b>");
  page_recipients_phrase (p, inc->recipients, FALSE);
  raw (p, "</b>");
  raw (p, p->h.ja ? "・顧客 " : " · ");
  number (p, inc->sender_domains->len);
  raw (p, p->h.ja ? "件" : inc->sender_domains->len == 1 ? " customer" : " customers");
  raw (p, "</p>\n<p class=\"stateline\">");
  state_line (p, inc);
  raw (p, "</p>\n<dl class=\"facts\">\n");
  fact (p, "Refused by", "拒否した側");
  page_system (p, inc->system);   /* its name, the id after it in parentheses */
  raw (p, "</dd>\n");
  fact (p, "Sending IP", "送信元IPアドレス");
  if (inc->sending_ips->len > 0)
    values (p, inc->sending_ips, TRUE, inc->sending_ips->len > 1);
  else
    page_value_or_unknown (p, NULL);
  raw (p, "</dd>\n");
  if (inc->hosts->len > 1)
    {
      /* a fleet's history: the servers whose mail was refused */
      fact (p, "Hosts", "サーバー");
      values (p, inc->hosts, TRUE, TRUE);
      raw (p, "</dd>\n");
    }
  if (inc->provider_codes->len > 0)
    {
      fact (p, "Provider code", "事業者のエラーコード");
      values (p, inc->provider_codes, TRUE, inc->provider_codes->len > 1);
      raw (p, "</dd>\n");
    }
  fact (p, "Customers", "影響を受けた顧客");
  values (p, inc->sender_domains, FALSE, TRUE);
  raw (p, "</dd>\n");
  fact (p, "Destinations", "宛先ドメイン");
  values (p, inc->destinations, FALSE, TRUE);
  raw (p, "</dd>\n");
  fact (p, "Episodes", "発生期間");
  timeline (p, inc, ref_day);
  episode_list (p, inc);
  raw (p, "</dd>\n");
  if (inc->check_status != NULL)
    {
      fact (p, "Live check", "ライブチェック");
      text (p, bs_incident_check_label (inc->check_status, p->h.ja));
      raw (p, " (");
      bs_html_date (H (p), inc->checked_at, BS_DATE_TIME);
      raw (p, ")</dd>\n");
    }
  raw (p, "</dl>\n");
  page_write_advice (p, adv, TRUE);
  raw (p, "</div>\n</article>\n");
}

/* the incidents past the first ones: one line each, with the next step */
static void
write_more (Page *p, const GPtrArray *list)
{
  raw (p, "<p class=\"note\">");
  tr (p, "Other incidents, and those that cleared longer ago:",
      "そのほかのインシデントと、以前に解消したもの：");
  raw (p, "</p>\n<ul class=\"more-incidents\">\n");
  for (guint i = 0; i < list->len && i < HTML_MORE_INCIDENTS; i++)
    {
      const BsIncident *inc = g_ptr_array_index (list, i);
      const BsAdvice *adv = bs_advice_for (bs_incident_advice_key (inc), p->h.ja ? "ja" : "en");
      g_string_append_printf (p->h.out, "<li class=\"incident state-%s\" data-key=\"",
                              bs_incident_state_name (inc->state));
      text (p, inc->key);
      raw (p, "\"><b>");
      text (p, system_label (p, inc));
      raw (p, "</b> <span class=\"mono\">");
      text (p, inc->subject);
      g_string_append_printf (p->h.out, "</span> <span class=\"state s-%s\">",
                              bs_incident_state_name (inc->state));
      tr (p, state_labels[inc->state].en, state_labels[inc->state].ja);
      raw (p, "</span> ");
      page_recipients_phrase (p, inc->recipients, FALSE);
      if (adv != NULL)
        {
          raw (p, p->h.ja ? "。次の対応：" : ". Next step: ");
          text (p, bs_advice_next_step (adv, TRUE));
        }
      raw (p, "</li>\n");
    }
  raw (p, "</ul>\n");
  if (list->len > HTML_MORE_INCIDENTS)
    {
      raw (p, "<p class=\"note\">");
      number (p, list->len - HTML_MORE_INCIDENTS);
      tr (p, " more: report --json lists every incident.",
          "件はここに載せていません。report --json ですべてのインシデントを出力できます。");
      raw (p, "</p>\n");
    }
}

gboolean
page_write_incidents (Page *p, GError **error)
{
  const BsIncidentList *l = bs_report_query_incidents (p->q, error);
  if (l == NULL)
    return FALSE;
  bs_html_section_begin (H (p), "todo", pick (p, "What to do now", "いま対処すべき問題"));
  if (l->incidents->len == 0)
    {
      bs_html_note (H (p), pick (p, "No sending IP or sender domain was refused for its reputation, "
                                    "a blocklist, a policy or its authentication in this period.",
                                 "この期間に、送信元IPアドレスや送信元ドメインが評価・ブロックリスト・"
                                 "ポリシー・認証を理由に拒否されたことはありません。"));
      bs_html_section_end (H (p));
      return TRUE;
    }
  bs_html_note (H (p), pick (p, "Each incident is one sending IP (or sender domain) refused by one "
                                "blocklist or provider: live ones first, then warnings, then those "
                                "that cleared, by the recipients they hurt.",
                             "インシデントは、1つの送信元IPアドレス（または送信元ドメイン）が1つの"
                             "ブロックリストや事業者に拒否されている状態です。発生中のもの、警告、"
                             "解消したものの順に、影響を受けた宛先の多い順に並べています。"));
  /* in full: the live ones and those that cleared lately, at most HTML_INCIDENTS */
  guint32 ref = julian (l->reference_day);
  g_autoptr (GPtrArray) more = g_ptr_array_new ();
  guint shown = 0;
  for (guint i = 0; i < l->incidents->len; i++)
    {
      const BsIncident *inc = g_ptr_array_index (l->incidents, i);
      guint32 cleared = inc->state == BS_INCIDENT_CLEARED
                          ? julian (last_episode (inc)->cleared_day) : ref;
      if (shown < HTML_INCIDENTS && cleared + HTML_CLEARED_DAYS >= ref)
        write_incident (p, ++shown, inc, l->reference_day);
      else
        g_ptr_array_add (more, (gpointer) inc);
    }
  if (more->len > 0)
    write_more (p, more);
  bs_html_section_end (H (p));
  return TRUE;
}
