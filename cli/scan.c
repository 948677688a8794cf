/* scan.c - bouncescan scan PATH...: every bounce into the history (a second
 * scan reads only what is new), then, with --check, DNS asked about what
 * the scan brought
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

static char **paths = NULL;

static GOptionEntry entries[] = {
  BS_CLI_DB_ENTRY,
  { "host", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.host,
    "Record this scan for host NAME (default: this machine's name); one scan per host at"
    " a time", "NAME" },
  { "wait", 0, 0, G_OPTION_ARG_INT, &bs_cli_opt.wait,
    "While another scan holds the history, wait up to SECONDS (default 0: stop at once, exit 4)",
    "SECONDS" },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "PATH..." },
  { NULL }
};

int
bs_cli_do_scan (char **scan_paths, const char *db, BsChecker *checker, BsScanStats *stats)
{
  g_autoptr (GError) error = NULL;
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = bs_cli_open_writer (db, &rc);
  if (store == NULL)
    return rc;
  g_autofree char *joined = g_strjoinv (" ", scan_paths);
  gint64 run = bs_store_run_begin (store, joined, &error);
  if (run < 0)
    return bs_cli_fail (NULL, error);
  gboolean ok = bs_cli_scan_paths (scan_paths, store, run, NULL, NULL, FALSE, stats);
  /* the signal is read once, and the run recorded as it says: a signal
   * after this finds the run recorded complete (or failed), and that is
   * what the exit code says; only the checks still look at it */
  int sig = g_atomic_int_get (&bs_cli_interrupted);
  BsRunStatus status = sig != 0 ? BS_RUN_INTERRUPTED : ok ? BS_RUN_COMPLETE : BS_RUN_ERROR;
  if (!bs_store_run_finish (store, run, stats, status, &error))
    return bs_cli_fail (NULL, error);
  if (status == BS_RUN_INTERRUPTED)
    {
      g_printerr ("bouncescan: interrupted; what was read so far is kept\n");
      return EXIT_SIGNAL + sig;
    }
  if (checker != NULL)
    {
      /* this run's failures and the last 30 days', and every listing known */
      g_autofree char *recent = bs_cli_day_ago (30);
      BsCheckScope scope = { .run_id = run, .recent_day = recent, .follow_listed = TRUE };
      int crc = bs_cli_check_history (checker, store, &scope);
      if (crc != EXIT_OK)
        return bs_cli_exit_code (crc);   /* the checks stopped by a signal: 128 + it */
    }
  return ok ? EXIT_OK : EXIT_ERROR;
}

/* after scan --check: the last 30 days' IPs and domains, as the report shows them */
static void
print_scan_checks (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open_readonly (db, &error);
  if (store == NULL)
    {
      bs_cli_fail (NULL, error);
      return;
    }
  g_autofree char *recent = bs_cli_day_ago (30);
  /* the last 30 days, times in the system's zone as the reports show them */
  g_autoptr (BsHistoryFilter) filter = bs_history_filter_new (recent, NULL, NULL, bs_cli_time_zone (),
                                                              NULL);
  BsReportOptions ro = { .filter = filter, .lang = bs_cli_default_lang (),
                         .generated_at = g_get_real_time () / G_USEC_PER_SEC };
  bs_cli_print_checks (store, &ro);
}

static int
run_scan (int argc, char **argv)
{
  g_auto (GStrv) given = g_steal_pointer (&paths);
  if (given == NULL || given[0] == NULL)
    {
      g_printerr ("bouncescan scan: name at least one mailbox or message (see --help)\n");
      return EXIT_USAGE;
    }
  if (!bs_cli_load_rules ())
    return EXIT_USAGE;
  if (bs_cli_opt.wait < 0)
    {
      g_printerr ("bouncescan scan: --wait takes a number of seconds\n");
      return EXIT_USAGE;
    }
  g_autoptr (BsChecker) checker = bs_cli_opt.check ? bs_cli_checker_new () : NULL;
  if (bs_cli_opt.check && checker == NULL)
    return EXIT_USAGE;
  BsScanStats stats = { 0 };
  const char *db = bs_cli_db ();
  int rc = bs_cli_do_scan (given, db, checker, &stats);
  if (!bs_cli_opt.quiet && rc != EXIT_BUSY)
    bs_cli_print_summary (&stats, stdout);
  if (checker != NULL && !bs_cli_opt.quiet && rc == EXIT_OK)
    print_scan_checks (db);
  return rc;   /* a run recorded complete exits 0, whenever a signal came */
}

const BsCliCommand bs_cli_scan = {
  .name = "scan",
  .synopsis = "scan PATH...",
  .summary = "record bounces in the history (--db FILE or postgresql://...)",
  .parameters = "PATH... - record every failed recipient in the history",
  .description =
    "Reads the mail at each PATH and records every bounce in the history (an SQLite\n"
    "file, or a PostgreSQL database that many hosts scan into at once: --host).\n"
    "A second scan reads only what is new; the mailbox is never written to.\n"
    "Killed at any moment, the next scan goes on from what was committed; Ctrl-C\n"
    "stops cleanly and keeps what was read (exit 130).  Exit codes: 0 done, 1 a\n"
    "path or the history failed, 2 usage, 4 another scan holds the history.",
  .entries = entries,
  .shared = BS_CLI_COMMON | BS_CLI_CHECK,
  .run = run_scan,
};
