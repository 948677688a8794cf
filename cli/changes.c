/* changes.c - bouncescan changes: what is new, what came back and what
 * cleared since the last scan (or a day), for a terminal or a cron mail
 * (reports/changes.c tells them), with what the last live checks said
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "changes.h"
#include "checks.h"

static gboolean since_last = FALSE;
static char *as_of = NULL;
static char **kinds = NULL;
static gint quiet_days = BS_CHANGES_QUIET_DAYS, limit = 20;

static GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &bs_cli_opt.db, BS_CLI_DB_HELP, "FILE|URI" },
  { "host", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.host,
    "Only what scans on host NAME recorded (default: every host's)", "NAME" },
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
  { "sender-domain", 0, 0, G_OPTION_ARG_STRING_ARRAY, &bs_cli_opt.sender,
    "Only mail sent from DOMAIN (repeatable)", "DOMAIN" },
  { "kind", 0, 0, G_OPTION_ARG_STRING_ARRAY, &kinds,
    "Only changes about KIND: ip, destination, blocklist, provider_code (repeatable)", "KIND" },
  { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
    "At most N lines per kind of change (0: all; default 20)", "N" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &bs_cli_opt.quiet,
    "Print nothing unless something is new or came back", NULL },
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
    *today = bs_cli_day_ago (0);
  options->as_of = *today != NULL ? *today : as_of;
  options->quiet_days = (guint) quiet_days;
  options->filter = bs_cli_opt.filter;
  for (char **k = kinds; k != NULL && *k != NULL; k++)
    {
      BsSubjectKind kind;
      if (!bs_subject_kind_parse (*k, &kind))
        {
          g_printerr ("bouncescan changes: --kind is ip, destination, blocklist or provider_code\n");
          return FALSE;
        }
      options->kinds |= 1u << kind;
    }
  return TRUE;
}

/* the changes as text and, after them, what the last live checks (--check)
 * said of the IPs blamed (still listed, delisted, listed again) */
static void
print_changes (BsHistoryRead *read, const BsChanges *changes)
{
  g_autofree char *text = bs_changes_text (changes, (guint) limit);
  fputs (text, stdout);
  g_autoptr (BsHistoryFilter) all_days =
    bs_history_filter_new (NULL, bs_cli_opt.until, (const char *const *) bs_cli_opt.sender, NULL,
                           NULL);
  if (all_days != NULL)
    bs_history_filter_set_host (all_days, bs_cli_opt.host);
  BsReportOptions ro = bs_cli_report_options ();
  ro.filter = all_days;
  g_autoptr (GString) checks = g_string_new (NULL);
  if (bs_report_checks_text (read, &ro, checks, NULL) && checks->len > 0)
    printf ("\n%s", checks->str);
}

static int
run_changes (int argc, char **argv)
{
  g_autofree char *today = NULL;
  BsChangesOptions co = { 0 };
  if (!check_options (argc, argv, &today, &co))
    return EXIT_USAGE;
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = bs_cli_open_reader (bs_cli_db (),
                                                  &rc);
  if (store == NULL)
    return rc;
  if ((rc = bs_cli_check_senders (store, bs_cli_opt.filter)) != EXIT_OK)
    return rc;
  g_autoptr (GError) error = NULL;
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  g_autoptr (BsChanges) changes = read != NULL ? bs_changes_compute (read, &co, &error) : NULL;
  if (changes == NULL)
    return bs_cli_fail (NULL, error);
  gboolean alarming = bs_changes_alarming (changes);
  if (alarming || !bs_cli_opt.quiet)
    print_changes (read, changes);
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
    "Reads the history and tells, for sending IPs, destination domains, blocklists and\n"
    "provider codes: what fails for the first time (new), what fails again after a\n"
    "quiet period (came back) and what had no failure for the quiet period (cleared),\n"
    "each with its dates and counts.  Made for cron: --quiet prints nothing unless\n"
    "something is new or came back.\n"
    "Exit codes: 0 nothing new, 1 error, 2 usage, 3 something new or came back,\n"
    "4 the history is being upgraded by a scan.",
  .entries = entries,
  .shared = 0,
  .run = run_changes,
};
