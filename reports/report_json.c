/* report_json.c - report --json FILE: the report's incidents in the order
 * the page shows them, with the report's period, sender domains and time
 * zone (the schema: docs/json.md)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "aggregate.h"

#include "config.h"
#include "output.h"

static void
member_text (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

typedef struct {
  BsOutFile *file;
  const gint *cancelled;
} Sink;

/* the file's next piece; FALSE after a signal */
static gboolean
to_file (const char *text, gsize len, gpointer data)
{
  Sink *sink = data;
  bs_out_write (sink->file, text, len);
  return sink->cancelled == NULL || g_atomic_int_get (sink->cancelled) == 0;
}

gboolean
bs_report_json_query (BsReportQuery *q, const char *path, GError **error)
{
  const BsIncidentList *l = bs_report_query_incidents (q, error);
  if (l == NULL)
    return FALSE;
  const BsReportOptions *o = bs_report_query_options (q);
  GTimeZone *tz = bs_history_filter_time_zone (o->filter);
  gboolean ja = o->lang != NULL && g_ascii_strncasecmp (o->lang, "ja", 2) == 0;
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (o->generated_at);
  g_autoptr (GDateTime) now = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
  g_autofree char *generated = now != NULL ? g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z")
                                           : NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  member_text (b, "generator", "bouncescan " PACKAGE_VERSION);
  member_text (b, "generated_at", generated);
  member_text (b, "time_zone", bs_history_filter_time_zone_name (o->filter));
  json_builder_set_member_name (b, "period");
  json_builder_begin_object (b);
  member_text (b, "since", bs_history_filter_since (o->filter));
  member_text (b, "until", bs_history_filter_until (o->filter));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "sender_domains");
  const char *const *senders = bs_report_query_senders (q);
  if (senders != NULL)
    {
      json_builder_begin_array (b);
      for (gsize i = 0; senders[i] != NULL; i++)
        json_builder_add_string_value (b, senders[i]);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "quiet_days");
  json_builder_add_int_value (b, l->quiet_days);
  member_text (b, "reference_day", l->reference_day);
  json_builder_end_object (b);
  g_autoptr (JsonNode) head = json_builder_get_root (b);
  g_autoptr (BsOutFile) file = bs_out_open (path, o->cancelled, error);
  if (file == NULL)
    return FALSE;
  Sink sink = { file, o->cancelled };
  bs_incidents_json_write (l, head, tz, FALSE, ja, to_file, &sink);
  return bs_out_commit (g_steal_pointer (&file), error);
}
