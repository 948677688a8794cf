/* incidents_out.c - incidents in words (the nightly mail of `changes`, in
 * English or Japanese) and in JSON (report --json, changes --json; the
 * schema is docs/json.md); who refused, in words; times in the report's
 * zone
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "incidents.h"

#include <string.h>

#include "advice.h"
#include "escape.h"
#include "html.h"
#include "record.h"

/* customers and codes named on an event's line */
#define TEXT_CUSTOMERS 5
#define TEXT_CODES 5

/* ---- who refused ------------------------------------------------------------ */

const char *
bs_incident_system_label (const char *system, gboolean ja)
{
  /* the names' one home: analyzer/rules/systems.c */
  const char *label = bs_system_label (system, ja ? "ja" : "en");
  return label != NULL ? label : system != NULL ? system : "?";
}

/* what the last live checks said, in words: check/names.c's status names */
static const struct {
  const char *status, *en, *ja;
} check_words[] = {
  { "listed", "still listed", "掲載中" },
  { "not-listed", "no longer listed", "掲載なし（解除済み）" },
  { "refused", "the list refused to answer", "リストが回答を拒否" },
  { "timeout", "no answer", "応答なし" },
  { "failed", "the check failed", "確認できませんでした" },
};

const char *
bs_incident_check_label (const char *status, gboolean ja)
{
  for (gsize i = 0; status != NULL && i < G_N_ELEMENTS (check_words); i++)
    if (strcmp (check_words[i].status, status) == 0)
      return ja ? check_words[i].ja : check_words[i].en;
  return status;
}

const char *
bs_incident_advice_key (const BsIncident *inc)
{
  BsRecord r = { 0 };
  r.reason = bs_reason_from_name (inc->reason);
  if (r.reason == BS_REASON_NONE)
    r.reason = BS_REASON_BLOCKED;
  r.blocklist = inc->system_listed ? inc->system : NULL;
  r.destination = inc->destinations->len > 0
                    ? ((BsIncidentCount *) g_ptr_array_index (inc->destinations, 0))->value
                    : NULL;
  return bs_advice_key (&r);
}

char *
bs_incident_time (GTimeZone *tz, const char *utc)
{
  if (utc == NULL)
    return NULL;
  g_autoptr (GTimeZone) z = g_time_zone_new_utc ();
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (utc, z);
  g_autoptr (GDateTime) l = t != NULL ? g_date_time_to_timezone (t, tz != NULL ? tz : z) : NULL;
  if (l == NULL)
    return g_strdup (utc);
  return g_date_time_format (l, "%Y-%m-%dT%H:%M:%S%:z");
}

/* a UTC time in tz, in the page's form ("5 Mar 2026 09:30", "2026年3月5日
 * 09:30"), or NULL */
static char *
time_text (GTimeZone *tz, const char *utc, gboolean ja)
{
  g_autofree char *local = bs_incident_time (tz, utc);
  if (local == NULL)
    return NULL;
  GString *s = g_string_new (NULL);
  bs_date_append (s, ja, local, BS_DATE_TIME);
  return g_string_free (s, FALSE);
}

/* a local day ("YYYY-MM-DD") in the page's form, or "?" */
static char *
day_text (const char *day, gboolean ja)
{
  GString *s = g_string_new (NULL);
  bs_date_append (s, ja, day != NULL ? day : "?", BS_DATE_DAY);
  return g_string_free (s, FALSE);
}

/* ---- the nightly mail -------------------------------------------------------- */

static void
visible (GString *s, const char *text)
{
  bs_escape_visible (s, text != NULL ? text : "?", FALSE);
}

/* "S3150, S3140" and "news.example.com 169, shop.example.jp 124, +3" */
static void
text_counts (GString *s, const GPtrArray *counts, guint max, gboolean with_counts, gboolean ja)
{
  for (guint i = 0; i < counts->len && i < max; i++)
    {
      const BsIncidentCount *c = g_ptr_array_index (counts, i);
      if (i > 0)
        g_string_append (s, ja ? "、" : ", ");
      visible (s, c->value);
      if (with_counts)
        g_string_append_printf (s, ja ? " %" G_GINT64_FORMAT "件" : " %" G_GINT64_FORMAT,
                                c->failures + c->warnings);
    }
  if (counts->len > max)
    g_string_append_printf (s, ja ? "、ほか%u" : ", +%u", counts->len - max);
}

static const BsEpisode *
last_episode (const BsIncident *inc)
{
  return g_ptr_array_index (inc->episodes, inc->episodes->len - 1);
}

/* "203.0.113.12" or "sender domain example.com" */
static void
text_subject (GString *s, const BsIncident *inc, gboolean ja)
{
  if (inc->blame_sender)
    g_string_append (s, ja ? "送信元ドメイン " : "sender domain ");
  visible (s, inc->subject);
}

static void
text_system (GString *s, const BsIncident *inc, gboolean ja)
{
  visible (s, bs_incident_system_label (inc->system, ja));
  if (strcmp (bs_incident_system_label (inc->system, ja), inc->system) != 0)
    {
      g_string_append (s, ja ? "（" : " (");
      visible (s, inc->system);
      g_string_append (s, ja ? "）" : ")");
    }
}

static void
text_event_en (GString *s, const BsIncident *inc, GTimeZone *tz)
{
  const BsEpisode *e = last_episode (inc);
  g_autofree char *start = time_text (tz, e->start, FALSE);
  g_autofree char *refused = time_text (tz, e->first_refusal, FALSE);
  g_autofree char *cleared = day_text (e->cleared_day, FALSE);
  g_autofree char *last = day_text (e->last_day, FALSE);
  g_autofree char *first = day_text (e->start_day, FALSE);
  static const char *const head[BS_INCIDENT_EVENT_COUNT] = {
    [BS_INCIDENT_EVENT_WARNING] = "WARNING   ", [BS_INCIDENT_EVENT_OPENED] = "OPENED    ",
    [BS_INCIDENT_EVENT_RETURNED] = "RETURNED  ", [BS_INCIDENT_EVENT_CLEARED] = "CLEARED   ",
  };
  g_string_append (s, head[inc->event]);
  text_subject (s, inc, FALSE);
  switch (inc->event)
    {
    case BS_INCIDENT_EVENT_WARNING:
      g_string_append (s, " deferred for its reputation by ");
      text_system (s, inc, FALSE);
      g_string_append_printf (s, " since %s: %" G_GINT64_FORMAT " %s, no refusal yet", start,
                              e->warnings + e->failures,
                              e->warnings + e->failures == 1 ? "warning" : "warnings");
      break;
    case BS_INCIDENT_EVENT_OPENED:
    case BS_INCIDENT_EVENT_RETURNED:
      g_string_append (s, inc->event == BS_INCIDENT_EVENT_RETURNED ? " refused again by "
                                                                  : " refused by ");
      text_system (s, inc, FALSE);
      g_string_append_printf (s, " since %s", refused != NULL ? refused : start);
      if (inc->event == BS_INCIDENT_EVENT_RETURNED)
        {
          const BsEpisode *prev = g_ptr_array_index (inc->episodes, inc->episodes->len - 2);
          g_autofree char *had = day_text (prev->cleared_day, FALSE);
          g_string_append_printf (s, " (episode %u; had cleared %s)", inc->episodes->len, had);
        }
      g_string_append_printf (s, ": %" G_GINT64_FORMAT " %s", e->failures,
                              e->failures == 1 ? "failure" : "failures");
      break;
    default:
      g_string_append (s, " no longer refused by ");
      text_system (s, inc, FALSE);
      g_string_append_printf (s, ": cleared %s, nothing since %s; %" G_GINT64_FORMAT
                              " %s from %s", cleared, last, e->failures,
                              e->failures == 1 ? "failure" : "failures", first);
      break;
    }
  if (e->provider_codes->len > 0)
    {
      g_string_append (s, "; codes ");
      text_counts (s, e->provider_codes, TEXT_CODES, FALSE, FALSE);
    }
  g_string_append (s, "; customers ");
  text_counts (s, e->sender_domains, TEXT_CUSTOMERS, TRUE, FALSE);
  if (inc->hosts->len > 1)
    {
      /* a fleet's history: the servers whose mail was refused */
      g_string_append (s, "; hosts ");
      text_counts (s, inc->hosts, TEXT_CUSTOMERS, FALSE, FALSE);
    }
  if (inc->check_status != NULL)
    {
      g_string_append (s, "; live check: ");
      visible (s, bs_incident_check_label (inc->check_status, FALSE));
    }
  g_string_append_c (s, '\n');
}

static void
text_event_ja (GString *s, const BsIncident *inc, GTimeZone *tz)
{
  const BsEpisode *e = last_episode (inc);
  g_autofree char *start = time_text (tz, e->start, TRUE);
  g_autofree char *refused = time_text (tz, e->first_refusal, TRUE);
  g_autofree char *cleared = day_text (e->cleared_day, TRUE);
  g_autofree char *last = day_text (e->last_day, TRUE);
  g_autofree char *first = day_text (e->start_day, TRUE);
  static const char *const head[BS_INCIDENT_EVENT_COUNT] = {
    [BS_INCIDENT_EVENT_WARNING] = "【警告】", [BS_INCIDENT_EVENT_OPENED] = "【発生】",
    [BS_INCIDENT_EVENT_RETURNED] = "【再発】", [BS_INCIDENT_EVENT_CLEARED] = "【解消】",
  };
  g_string_append (s, head[inc->event]);
  text_subject (s, inc, TRUE);
  switch (inc->event)
    {
    case BS_INCIDENT_EVENT_WARNING:
      g_string_append (s, " が ");
      text_system (s, inc, TRUE);
      g_string_append_printf (s, "に評価を理由に配信を遅延されています（%s から）: 警告 %"
                              G_GINT64_FORMAT "件、拒否はまだありません", start,
                              e->warnings + e->failures);
      break;
    case BS_INCIDENT_EVENT_OPENED:
    case BS_INCIDENT_EVENT_RETURNED:
      g_string_append (s, " が ");
      text_system (s, inc, TRUE);
      g_string_append_printf (s, inc->event == BS_INCIDENT_EVENT_RETURNED
                                   ? "に再び拒否されています（%s から" : "に拒否されています（%s から",
                              refused != NULL ? refused : start);
      if (inc->event == BS_INCIDENT_EVENT_RETURNED)
        {
          const BsEpisode *prev = g_ptr_array_index (inc->episodes, inc->episodes->len - 2);
          g_autofree char *had = day_text (prev->cleared_day, TRUE);
          g_string_append_printf (s, "、%u回目。前回は %s に解消", inc->episodes->len, had);
        }
      g_string_append_printf (s, "）: 配信失敗 %" G_GINT64_FORMAT "件", e->failures);
      break;
    default:
      g_string_append (s, " の ");
      text_system (s, inc, TRUE);
      g_string_append_printf (s, "による拒否は %s に解消しました（%s 以降エラーなし）: %s から配信失敗 %"
                              G_GINT64_FORMAT "件", cleared, last, first, e->failures);
      break;
    }
  if (e->provider_codes->len > 0)
    {
      g_string_append (s, "、コード ");
      text_counts (s, e->provider_codes, TEXT_CODES, FALSE, TRUE);
    }
  g_string_append (s, "、影響を受けた顧客 ");
  text_counts (s, e->sender_domains, TEXT_CUSTOMERS, TRUE, TRUE);
  if (inc->hosts->len > 1)
    {
      g_string_append (s, "、サーバー ");
      text_counts (s, inc->hosts, TEXT_CUSTOMERS, FALSE, TRUE);
    }
  if (inc->check_status != NULL)
    {
      g_string_append (s, "、ライブチェック: ");
      visible (s, bs_incident_check_label (inc->check_status, TRUE));
    }
  g_string_append_c (s, '\n');
}

void
bs_incidents_text_events (GString *s, const BsIncidentList *l, GTimeZone *tz, gboolean ja,
                          guint limit)
{
  guint live_quiet = 0, told = 0;
  for (guint i = 0; i < l->incidents->len; i++)
    {
      const BsIncident *inc = g_ptr_array_index (l->incidents, i);
      if (inc->event != BS_INCIDENT_EVENT_NONE && (limit == 0 || told++ < limit))
        (ja ? text_event_ja : text_event_en) (s, inc, tz);
      else if (inc->event == BS_INCIDENT_EVENT_NONE && bs_incident_is_live (inc))
        live_quiet++;
    }
  if (limit > 0 && told > limit)
    g_string_append_printf (s, ja ? "ほかに %u 件のインシデントに変化があります（--limit 0 ですべて表示）。\n"
                                  : "... and %u more incidents with news (--limit 0 shows all).\n",
                            told - limit);
  if (l->events == 0)
    g_string_append (s, ja ? "インシデントの変化はありません。\n"
                           : "No incident opened, warned, came back or cleared.\n");
  /* the next step of each incident with news, once per advice */
  g_autoptr (GHashTable) said = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0, n = 0; i < l->incidents->len && (limit == 0 || n < limit); i++)
    {
      const BsIncident *inc = g_ptr_array_index (l->incidents, i);
      if (inc->event == BS_INCIDENT_EVENT_NONE)
        continue;
      n++;
      if (inc->event == BS_INCIDENT_EVENT_CLEARED)
        continue;
      const char *key = bs_incident_advice_key (inc);
      const BsAdvice *adv = bs_advice_for (key, ja ? "ja" : "en");
      if (adv == NULL || !g_hash_table_add (said, (gpointer) key))
        continue;
      g_string_append (s, ja ? "次の対応（" : "Next step (");
      visible (s, inc->key);
      g_string_append (s, ja ? "）: " : "): ");
      visible (s, bs_advice_next_step (adv, TRUE));
      if (adv->url != NULL)
        {
          g_string_append_c (s, ' ');
          visible (s, adv->url);
        }
      g_string_append_c (s, '\n');
    }
  if (live_quiet == 0)
    return;
  g_string_append_printf (s, ja ? "継続中のインシデント %u件: " : "Still live, no news (%u): ",
                          live_quiet);
  guint n = 0;
  for (guint i = 0; i < l->incidents->len; i++)
    {
      const BsIncident *inc = g_ptr_array_index (l->incidents, i);
      if (inc->event != BS_INCIDENT_EVENT_NONE || !bs_incident_is_live (inc))
        continue;
      if (limit > 0 && n >= limit)
        {
          g_string_append_printf (s, ja ? "、ほか%u件" : "; and %u more", live_quiet - n);
          break;
        }
      if (n++ > 0)
        g_string_append (s, ja ? "、" : "; ");
      visible (s, inc->key);
      g_autofree char *since = day_text (last_episode (inc)->start_day, ja);
      g_string_append_printf (s, " %s %s", bs_incident_state_name (inc->state), since);
    }
  g_string_append_c (s, '\n');
}

/* ---- JSON ---------------------------------------------------------------------- */

static void
member_time (JsonBuilder *b, const char *name, GTimeZone *tz, const char *utc)
{
  json_builder_set_member_name (b, name);
  g_autofree char *t = bs_incident_time (tz, utc);
  if (t != NULL)
    json_builder_add_string_value (b, t);
  else
    json_builder_add_null_value (b);
}

/* a string value; bytes from a bounce that are no UTF-8 become U+FFFD
 * (JSON is UTF-8) */
static void
add_text (JsonBuilder *b, const char *value)
{
  if (g_utf8_validate (value, -1, NULL))
    json_builder_add_string_value (b, value);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      json_builder_add_string_value (b, valid);
    }
}

static void
member_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    add_text (b, value);
  else
    json_builder_add_null_value (b);
}

static void
member_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
member_values (JsonBuilder *b, const char *name, const GPtrArray *counts)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < counts->len; i++)
    add_text (b, ((BsIncidentCount *) g_ptr_array_index (counts, i))->value);
  json_builder_end_array (b);
}

static void
member_counts (JsonBuilder *b, const char *name, const char *key, const GPtrArray *counts)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < counts->len; i++)
    {
      const BsIncidentCount *c = g_ptr_array_index (counts, i);
      json_builder_begin_object (b);
      member_string (b, key, c->value);
      member_int (b, "failures", c->failures);
      member_int (b, "warnings", c->warnings);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
episodes_json (JsonBuilder *b, const BsIncident *inc, GTimeZone *tz)
{
  json_builder_set_member_name (b, "episodes");
  json_builder_begin_array (b);
  for (guint i = 0; i < inc->episodes->len; i++)
    {
      const BsEpisode *e = g_ptr_array_index (inc->episodes, i);
      json_builder_begin_object (b);
      member_time (b, "start", tz, e->start);
      member_time (b, "end", tz, e->cleared_day != NULL ? e->last : NULL);
      member_time (b, "last", tz, e->last);
      member_time (b, "first_refusal", tz, e->first_refusal);
      member_string (b, "start_day", e->start_day);
      member_string (b, "last_day", e->last_day);
      member_string (b, "cleared_day", e->cleared_day);
      member_int (b, "failures", e->failures);
      member_int (b, "warnings", e->warnings);
      member_counts (b, "sender_domains", "domain", e->sender_domains);
      member_values (b, "provider_codes", e->provider_codes);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
incident_json (JsonBuilder *b, const BsIncident *inc, GTimeZone *tz, gboolean with_events,
               gboolean ja)
{
  json_builder_begin_object (b);
  member_string (b, "key", inc->key);
  member_string (b, "state", bs_incident_state_name (inc->state));
  if (with_events)
    member_string (b, "event", bs_incident_event_name (inc->event));
  member_string (b, "blamed", inc->blame_sender ? "sender_domain" : "sending_ip");
  member_string (b, "subject", inc->subject);
  member_values (b, "sending_ips", inc->sending_ips);
  member_string (b, "system", inc->system);
  member_string (b, "system_label", bs_incident_system_label (inc->system, ja));
  member_string (b, "reason", inc->reason);
  member_values (b, "provider_codes", inc->provider_codes);
  member_counts (b, "sender_domains", "domain", inc->sender_domains);
  member_counts (b, "destinations", "domain", inc->destinations);
  member_values (b, "hosts", inc->hosts);
  member_int (b, "failures", inc->failures);
  member_int (b, "recipients", inc->recipients);
  member_int (b, "warnings", inc->warnings);
  member_time (b, "first", tz, inc->first);
  member_time (b, "last", tz, inc->last);
  episodes_json (b, inc, tz);
  const char *key = bs_incident_advice_key (inc);
  const BsAdvice *adv = bs_advice_for (key, ja ? "ja" : "en");
  json_builder_set_member_name (b, "advice");
  json_builder_begin_object (b);
  member_string (b, "key", key);
  member_string (b, "title", adv != NULL ? adv->title : NULL);
  member_string (b, "next_step", bs_advice_next_step (adv, TRUE));
  member_string (b, "url", adv != NULL ? adv->url : NULL);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "live_check");
  if (inc->check_status != NULL)
    {
      json_builder_begin_object (b);
      member_string (b, "status", inc->check_status);
      member_time (b, "checked_at", tz, inc->checked_at);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

void
bs_incidents_json_write (const BsIncidentList *l, JsonNode *head, GTimeZone *tz,
                         gboolean with_events, gboolean ja, BsJsonSink sink, gpointer user)
{
  /* the head's members, then the incidents' array, one at a time */
  g_autofree char *text = json_to_string (head, TRUE);
  gsize len = strlen (text);
  while (len > 0 && (text[len - 1] == '}' || g_ascii_isspace (text[len - 1])))
    len--;
  gboolean go_on = sink (text, len, user);
  static const char open_array[] = ",\n  \"incidents\" : [";
  go_on = go_on && sink (len > 1 ? open_array : open_array + 1,
                         len > 1 ? strlen (open_array) : strlen (open_array) - 1, user);
  for (guint i = 0; go_on && i < l->incidents->len; i++)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      incident_json (b, g_ptr_array_index (l->incidents, i), tz, with_events, ja);
      g_autoptr (JsonNode) node = json_builder_get_root (b);
      g_autofree char *one = json_to_string (node, TRUE);
      go_on = sink (i > 0 ? ",\n" : "\n", i > 0 ? 2 : 1, user) && sink (one, strlen (one), user);
    }
  if (!go_on)
    return;
  static const char close_array[] = "\n  ]\n}\n";
  sink (close_array, strlen (close_array), user);
}
