/* adhoc.c - bouncescan PATH... -o DIR: scan into a temporary history and
 * write the reports to DIR, the history removed after
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>

static char **paths = NULL;
static char *out = NULL;

static GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write report.html, report.xlsx and the CSV files into DIR",
    "DIR" },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "PATH..." },
  { NULL }
};

/* the reports of the temporary history db, after its scan */
static int
write_from (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open_readonly (db, &error);
  int rc = store == NULL ? bs_cli_fail (NULL, error) : bs_cli_check_senders (store, bs_cli_opt.filter);
  if (rc != EXIT_OK)
    return rc;
  g_autofree char *html = g_build_filename (out, "report.html", NULL);
  g_autofree char *xlsx = g_build_filename (out, "report.xlsx", NULL);
  return bs_cli_write_reports (store, html, out, xlsx);
}

static int
run_adhoc (int argc, char **argv)
{
  if (paths == NULL || paths[0] == NULL || out == NULL)
    {
      g_printerr ("bouncescan: name a command, or mailboxes and -o DIR (see --help)\n");
      return EXIT_USAGE;
    }
  if (!bs_cli_check_report_options ("") || !bs_cli_load_rules ())
    return EXIT_USAGE;
  if (g_mkdir_with_parents (out, 0700) != 0)
    {
      g_printerr ("bouncescan: %s: %s\n", out, g_strerror (errno));
      return EXIT_ERROR;
    }
  g_autoptr (GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("bouncescan-XXXXXX", &error);
  if (tmpdir == NULL)
    return bs_cli_fail (NULL, error);
  g_autofree char *db = g_build_filename (tmpdir, "history.db", NULL);
  BsScanStats stats = { 0 };
  int rc = bs_cli_do_scan (paths, db, NULL, &stats);
  if (rc == EXIT_OK || stats.messages > 0)
    {
      int wrc = write_from (db);
      if (wrc != EXIT_OK)
        rc = wrc;
    }
  if (!bs_cli_opt.quiet)
    {
      bs_cli_print_summary (&stats, stdout);
      printf ("Reports written to %s\n", out);
    }
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *f = g_strconcat (db, suffixes[i], NULL);
      g_unlink (f);
    }
  g_rmdir (tmpdir);
  return rc;
}

const BsCliCommand bs_cli_adhoc = {
  .name = NULL,
  .synopsis = "PATH... -o DIR",
  .summary = "scan into a temporary history and write the reports to DIR",
  .parameters = "[COMMAND] PATH... -o DIR",
  .description =
    "Finds out why mail is not arriving: reads bounce messages and reports every\n"
    "failed recipient, its reason, the refused sending IP and blocklist, and what to do.",
  .entries = entries,
  .shared = BS_CLI_FILTER | BS_CLI_REPORT | BS_CLI_COMMON,
  .run = run_adhoc,
};
