/* prune.c - bouncescan prune --older-than AGE: forget the records of old
 * bounces, keep their content hashes (no re-import) and the per-day counts
 * that changes reads
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static char *older = NULL;
static gboolean dry_run = FALSE, vacuum = FALSE;

static GOptionEntry entries[] = {
  BS_CLI_DB_ENTRY,
  { "older-than", 0, 0, G_OPTION_ARG_STRING, &older,
    "Delete the records of bounces older than AGE (180d, 26w, 1y) or dated before YYYY-MM-DD",
    "AGE" },
  { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "Only count what would be deleted", NULL },
  { "vacuum", 0, 0, G_OPTION_ARG_NONE, &vacuum, "Then give the freed space back (VACUUM)", NULL },
  { "wait", 0, 0, G_OPTION_ARG_INT, &bs_cli_opt.wait,
    "While a scan holds the history, wait up to SECONDS", "SECONDS" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &bs_cli_opt.quiet, "Print nothing but errors", NULL },
  { NULL }
};

/* "180d", "26w", "1y" (365 days) before today (UTC), or a day YYYY-MM-DD:
 * the first day that is kept, or NULL */
static char *
prune_cutoff (const char *spec)
{
  if (spec == NULL)
    return NULL;
  if (bs_cli_valid_date (spec) && strlen (spec) == 10)
    return g_strdup (spec);
  char *end = NULL;
  guint64 n = g_ascii_strtoull (spec, &end, 10);
  if (end == spec || n == 0 || n > 100000)
    return NULL;
  guint64 days = 0;
  if (strcmp (end, "d") == 0 || strcmp (end, "") == 0)
    days = n;
  else if (strcmp (end, "w") == 0)
    days = n * 7;
  else if (strcmp (end, "y") == 0)
    days = n * 365;
  else
    return NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) cut = g_date_time_add_days (now, -(gint) MIN (days, 1000000));
  return cut != NULL ? g_date_time_format (cut, "%Y-%m-%d") : NULL;
}

static int
run_prune (int argc, char **argv)
{
  g_autofree char *cutoff = prune_cutoff (older);
  if (argc > 1 || cutoff == NULL || bs_cli_opt.wait < 0)
    {
      g_printerr ("bouncescan prune: say --older-than AGE (180d, 26w, 1y) or a day YYYY-MM-DD\n");
      return EXIT_USAGE;
    }
  const char *db = bs_cli_db ();
  if (!bs_store_is_server (db) && !g_file_test (db, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("bouncescan prune: %s: no such database\n", db);
      return EXIT_ERROR;
    }
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = bs_cli_open_writer (db, &rc);
  if (store == NULL)
    return rc;
  BsPruneStats ps;
  g_autoptr (GError) error = NULL;
  if (!bs_store_prune (store, cutoff, dry_run, &ps, &error)
      || (vacuum && !dry_run && !bs_store_vacuum (store, &error)))
    return bs_cli_fail (NULL, error);
  if (!bs_cli_opt.quiet)
    printf ("%s %" G_GINT64_FORMAT " records of bounces dated before %s (%" G_GINT64_FORMAT
            " bounces left without records; their content hashes are kept) and %" G_GINT64_FORMAT
            " scan runs%s\n", dry_run ? "Would delete" : "Deleted", ps.records, cutoff, ps.messages,
            ps.runs, vacuum && !dry_run ? "; database vacuumed" : "");
  return EXIT_OK;
}

const BsCliCommand bs_cli_prune = {
  .name = "prune",
  .synopsis = "prune",
  .summary = "forget the records of old bounces (--older-than 180d)",
  .parameters = "--older-than AGE - forget old records",
  .description =
    "Deletes the failure records of bounces dated (bounce time, UTC day) before the\n"
    "cutoff, and the scan runs started before it.  The messages' content hashes are\n"
    "kept, so a later scan of the same mailbox does not import them again, and so\n"
    "are the per-day counts that 'changes' reads (no addresses, no texts).",
  .entries = entries,
  .shared = 0,
  .run = run_prune,
};
