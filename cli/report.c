/* report.c - bouncescan report: the HTML page, the CSV files and the workbook from the
 * history, read-only (a report runs while the nightly scan writes); with
 * --check, DNS asked first about the report's IPs and domains
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

static char *html = NULL, *csv = NULL, *xlsx = NULL;

static GOptionEntry entries[] = {
  BS_CLI_DB_ENTRY,
  BS_CLI_HOST_ENTRY,
  { "html", 0, 0, G_OPTION_ARG_FILENAME, &html, "Write the HTML report to FILE", "FILE" },
  { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "Write the CSV files into DIR", "DIR" },
  { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx, "Write the workbook (one sheet per table, typed cells) to FILE",
    "FILE" },
  { "json", 0, 0, G_OPTION_ARG_FILENAME, &bs_cli_opt.json,
    "Write the incidents, in the page's order, as JSON to FILE (docs/json.md)", "FILE" },
  { NULL }
};

/* report --check: the IPs and domains of the report's failures, asked now
 * and written to the history (as a writer, before the report reads it) */
static int
report_checks (const char *db)
{
  g_autoptr (BsChecker) checker = bs_cli_checker_new ();
  if (checker == NULL)
    return EXIT_USAGE;
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open_as (db, bs_cli_opt.host, 0, NULL, &error);
  if (store == NULL)
    return bs_cli_fail ("--check: ", error);
  BsCheckScope scope = { .filter = bs_cli_opt.filter };
  return bs_cli_check_history (checker, store, &scope);
}

static int
run_report (int argc, char **argv)
{
  if (argc > 1)
    {
      g_printerr ("bouncescan report: unexpected argument '%s' (reports read the database; see"
                  " --help)\n", argv[1]);
      return EXIT_USAGE;
    }
  if (html == NULL && csv == NULL && xlsx == NULL && bs_cli_opt.json == NULL)
    {
      g_printerr ("bouncescan report: say where to write: --html FILE, --csv DIR, --xlsx FILE,"
                  " --json FILE\n");
      return EXIT_USAGE;
    }
  if (!bs_cli_check_report_options ("report"))
    return EXIT_USAGE;
  const char *db = bs_cli_db ();
  if (!bs_store_is_server (db) && !g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bouncescan report: %s: no such database (run 'bouncescan scan' first)\n", db);
      return EXIT_ERROR;
    }
  int crc = bs_cli_opt.check ? report_checks (db) : EXIT_OK;
  if (crc != EXIT_OK)
    return crc;
  /* a reader: no scan lock, so a report runs while the nightly scan writes
   * (an older schema is upgraded first, which takes the lock) */
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = bs_cli_open_reader (db, &rc);
  if (store == NULL)
    return rc;
  if ((rc = bs_cli_check_senders (store, bs_cli_opt.filter)) != EXIT_OK)
    return rc;
  rc = bs_cli_write_reports (store, html, csv, xlsx);
  if (bs_cli_opt.check && !bs_cli_opt.quiet && rc == EXIT_OK)
    {
      BsReportOptions ro = bs_cli_report_options ();
      bs_cli_print_checks (store, &ro);
    }
  return bs_cli_exit_code (rc);   /* interrupted: 128 + the signal */
}

const BsCliCommand bs_cli_report = {
  .name = "report",
  .synopsis = "report",
  .summary = "write the HTML report, CSV files and workbook from the history",
  .parameters = "- write the HTML, CSV and workbook reports from the history",
  .description = NULL,
  .entries = entries,
  .shared = BS_CLI_FILTER | BS_CLI_REPORT | BS_CLI_CHECK,
  .run = run_report,
};
