/* changes.c - bouncescan changes: the nightly mail.  The incidents that
 * opened, warned, came back or cleared since the last scan (or a day),
 * one line each (reports/incidents_out.c), then the other novelties
 * (reports/changes.c): those of the kinds asked with --kind, else only
 * the destinations new or back with BS_CHANGES_NOVELTY_FAILURES failures or
 * more; and what the last live checks said.  --json gives the incidents
 * with their events.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "changes.h"
#include "checks.h"
#include "incidents.h"

static gboolean since_last = FALSE, json = FALSE;
static char *as_of = NULL;
static char **kinds = NULL;
static gint quiet_days = BS_CHANGES_QUIET_DAYS, limit = 20;

static GOptionEntry entries[] = {
  BS_CLI_DB_ENTRY,
  BS_CLI_HOST_ENTRY,
  { "since", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.since,
    "Changes dated on or after DATE (bounce time, UTC)", "YYYY-MM-DD" },
  { "since-last-scan", 0, 0, G_OPTION_ARG_NONE, &since_last,
    "Changes that the latest scan brought (the default)", NULL },
  { "until", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.until, "Ignore bounces after DATE",
    "YYYY-MM-DD" },
  { "quiet-days", 0, 0, G_OPTION_ARG_INT, &quiet_days,
    "Cleared means no failure for N days (default 7)", "N" },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
    "Judge clearing at DATE or 'today' (default: the newest bounce in the history)", "DATE" },
  BS_CLI_SENDER_ENTRY,
  BS_CLI_TZ_ENTRY,
  BS_CLI_LANG_ENTRY,
  { "json", 0, 0, G_OPTION_ARG_NONE, &json,
    "Print the incidents with their events as JSON (docs/json.md)", NULL },
  { "kind", 0, 0, G_OPTION_ARG_STRING_ARRAY, &kinds,
    "Also list what is new, came back or cleared about KIND: ip, destination, blocklist,"
    " provider_code, all (repeatable)", "KIND" },
  { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
    "At most N incidents with news, and N lines per kind of change (0: all; default 20)", "N" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &bs_cli_opt.quiet,
    "Print nothing unless an incident opened, warned, came back or cleared", NULL },
  { NULL }
};

/* the options checked: the reference day (NULL: the newest bounce) and the
 * mask of kinds in *options; FALSE when they are wrong (said) */
static gboolean
check_options (int argc, char **argv, char **today, BsChangesOptions *options)
{
  const char *bad = NULL;
  if (argc > 1)
    g_printerr ("bouncescan changes: unexpected argument '%s' (see --help)\n", argv[1]);
  else if (since_last && bs_cli_opt.since != NULL)
    bad = "--since and --since-last-scan exclude each other";
  else if (quiet_days < 1 || quiet_days > 3650 || limit < 0)
    bad = "--quiet-days is 1 to 3650, --limit 0 or more";
  else if (as_of != NULL && strcmp (as_of, "today") != 0 && !bs_cli_valid_date (as_of))
    bad = "dates are written YYYY-MM-DD";
  if (bad != NULL)
    g_printerr ("bouncescan changes: %s\n", bad);
  if (argc > 1 || bad != NULL || !bs_cli_check_report_options ("changes"))
    return FALSE;
  if (as_of != NULL && strcmp (as_of, "today") == 0)
    {
      /* today in the zone of --tz (SOURCE_DATE_EPOCH sets "now") */
      g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (bs_cli_now ());
      g_autoptr (GDateTime) local =
        now != NULL ? g_date_time_to_timezone (now, bs_history_filter_time_zone (bs_cli_opt.filter))
                    : NULL;
      *today = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : bs_cli_day_ago (0);
    }
  options->as_of = *today != NULL ? *today : as_of;
  options->quiet_days = (guint) quiet_days;
  options->filter = bs_cli_opt.filter;
  for (char **k = kinds; k != NULL && *k != NULL; k++)
    {
      BsSubjectKind kind;
      if (strcmp (*k, "all") == 0)
        options->kinds |= (1u << BS_SUBJECT_COUNT) - 1;
      else if (!bs_subject_kind_parse (*k, &kind))
        {
          g_printerr ("bouncescan changes: --kind is ip, destination, blocklist, provider_code"
                      " or all\n");
          return FALSE;
        }
      else
        options->kinds |= 1u << kind;
    }
  return TRUE;
}

/* the filter of the incidents: every day up to --until (a window needs
 * what came before it), the sender domains, the zone */
static BsHistoryFilter *
incident_filter (void)
{
  BsHistoryFilter *f = bs_history_filter_new (NULL, bs_cli_opt.until,
                                              (const char *const *) bs_cli_opt.sender,
                                              bs_cli_time_zone (), NULL);
  if (f != NULL)
    bs_history_filter_set_host (f, bs_cli_opt.host);
  return f;
}

/* the incidents with the events of the changes' window */
static BsIncidentList *
read_incidents (BsHistoryRead *read, const BsChangesOptions *co, const BsChanges *changes,
                const BsHistoryFilter *filter, GError **error)
{
  BsIncidentOptions io = { .filter = filter, .quiet_days = co->quiet_days, .as_of = co->as_of,
                           .now = co->now };
  if (bs_cli_opt.since != NULL)
    {
      io.window = BS_INCIDENT_WINDOW_SINCE;
      io.since = bs_cli_opt.since;
    }
  else
    {
      io.window = BS_INCIDENT_WINDOW_SCAN;
      if (!bs_history_last_record (read, changes->previous_run, &io.after_id, error))
        return NULL;
    }
  return bs_incidents_read (read, &io, error);
}

/* the incidents' events, the other changes and, after them, what the last
 * live checks (--check) said of the IPs blamed */
static void
print_changes (BsHistoryRead *read, BsChanges *changes, const BsIncidentList *incidents,
               const BsHistoryFilter *filter, guint asked)
{
  gboolean ja = strcmp (bs_cli_default_lang (), "ja") == 0;
  GTimeZone *tz = bs_history_filter_time_zone (filter);
  g_autoptr (GString) s = g_string_new (NULL);
  if (asked == 0 && incidents->reference_day != NULL)
    {
      /* the incidents' day, in the zone (the other kinds' is a UTC day) */
      g_free (changes->reference_day);
      changes->reference_day = g_strdup (incidents->reference_day);
    }
  bs_changes_text_header (s, changes, filter, ja);
  bs_incidents_text_events (s, incidents, tz, ja, (guint) limit);
  if (asked != 0)
    {
      /* the lists by kind come from the per-day counts, which keep UTC days */
      if (bs_history_filter_is_local (filter))
        g_string_append (s, ja ? "種類別の一覧の日付は UTC です（履歴の日別集計は UTC の日で保存されています）。\n"
                               : "The lists by kind count UTC days (the history's per-day counts are kept by UTC day).\n");
      if (bs_changes_text_body (s, changes, (guint) limit, 0, ja) == 0)
        g_string_append (s, ja ? "新たな問題、再発、解消はありません。\n"
                               : "Nothing new, nothing came back, nothing cleared.\n");
      g_string_append_printf (s, ja ? "継続中: %" G_GINT64_FORMAT "\n"
                                    : "Still failing: %" G_GINT64_FORMAT ".\n",
                              changes->still_failing);
    }
  else
    {
      g_autoptr (GString) big = g_string_new (NULL);
      if (bs_changes_text_body (big, changes, (guint) limit, BS_CHANGES_NOVELTY_FAILURES, ja) > 0)
        g_string_append_printf (s, ja ? "%d件以上の配信失敗がある宛先ドメインの変化:\n%s"
                                      : "Destinations with %d failures or more:\n%s",
                                BS_CHANGES_NOVELTY_FAILURES, big->str);
    }
  fputs (s->str, stdout);
  BsReportOptions ro = bs_cli_report_options ();
  ro.filter = filter;
  g_autoptr (GString) checks = g_string_new (NULL);
  if (bs_report_checks_text (read, &ro, checks, NULL) && checks->len > 0)
    printf ("\n%s", checks->str);
}

static gboolean
to_stdout (const char *text, gsize len, gpointer user)
{
  fwrite (text, 1, len, stdout);
  return TRUE;
}

static void
print_json (const BsChanges *changes, const BsIncidentList *incidents,
            const BsHistoryFilter *filter)
{
  GTimeZone *tz = bs_history_filter_time_zone (filter);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "time_zone");
  json_builder_add_string_value (b, bs_history_filter_time_zone_name (filter));
  json_builder_set_member_name (b, "quiet_days");
  json_builder_add_int_value (b, incidents->quiet_days);
  json_builder_set_member_name (b, "reference_day");
  if (incidents->reference_day != NULL)
    json_builder_add_string_value (b, incidents->reference_day);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "window");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "since");
  if (changes->since != NULL)
    json_builder_add_string_value (b, changes->since);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "last_scan");
  json_builder_add_int_value (b, changes->last_run);
  json_builder_set_member_name (b, "previous_scan");
  json_builder_add_int_value (b, changes->previous_run);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "events");
  json_builder_add_int_value (b, incidents->events);
  json_builder_end_object (b);
  g_autoptr (JsonNode) head = json_builder_get_root (b);
  bs_incidents_json_write (incidents, head, tz, TRUE, strcmp (bs_cli_default_lang (), "ja") == 0,
                           to_stdout, NULL);
}

static int
run_changes (int argc, char **argv)
{
  g_autofree char *today = NULL;
  BsChangesOptions co = { .now = bs_cli_now () };
  if (!check_options (argc, argv, &today, &co))
    return EXIT_USAGE;
  g_autoptr (BsHistoryFilter) filter = incident_filter ();
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = NULL;
  g_autoptr (BsHistoryRead) read = bs_cli_begin_filtered_read (&store, &rc);
  if (read == NULL)
    return rc;
  g_autoptr (GError) error = NULL;
  /* without --kind, the destinations only (the others are incidents') */
  guint asked = co.kinds;
  if (asked == 0)
    co.kinds = 1u << BS_SUBJECT_DESTINATION;
  g_autoptr (BsChanges) changes = bs_changes_compute (read, &co, &error);
  g_autoptr (BsIncidentList) incidents =
    changes != NULL ? read_incidents (read, &co, changes, filter, &error) : NULL;
  if (incidents == NULL)
    return bs_cli_fail (NULL, error);
  gboolean alarming = incidents->events > 0 || (asked != 0 && bs_changes_alarming (changes));
  if (json)
    print_json (changes, incidents, filter);
  else if (alarming || !bs_cli_opt.quiet)
    print_changes (read, changes, incidents, filter, asked);
  if (fflush (stdout) != 0)
    return EXIT_ERROR;
  return alarming ? EXIT_NEW : EXIT_OK;
}

const BsCliCommand bs_cli_changes = {
  .name = "changes",
  .synopsis = "changes",
  .summary = "what is new, came back or cleared since the last scan",
  .parameters = "- what is new, what came back, what cleared",
  .description =
    "Reads the history and tells which incidents (a sending IP or sender domain refused\n"
    "by one blocklist or provider) opened, warned (delay warnings citing reputation),\n"
    "came back or cleared (no refusal for the quiet period), one line each with the IP,\n"
    "the system, the provider codes and the customers hit, and the next step.  --kind\n"
    "adds, for sending IPs, destination domains, blocklists and provider codes, what\n"
    "fails for the first time (new), again (came back) or no longer (cleared); without\n"
    "it, only destinations new or back with 100 failures or more.  Made for cron:\n"
    "--quiet prints nothing unless an incident has news.\n"
    "Exit codes: 0 no news, 1 error, 2 usage, 3 an incident opened, warned, came back\n"
    "or cleared (with --kind: or something of those kinds is new or came back), 4 the\n"
    "history is being upgraded by a scan.",
  .entries = entries,
  .shared = 0,
  .run = run_changes,
};
