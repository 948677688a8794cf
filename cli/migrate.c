/* migrate.c - bouncescan migrate --from FILE --to URI: an SQLite history
 * copied into a PostgreSQL one (a server moving into the fleet's history);
 * idempotent and resumable (history/migrate.c)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

static char *from = NULL, *to = NULL;

static GOptionEntry entries[] = {
  { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, "The SQLite history to copy", "FILE" },
  { "to", 0, 0, G_OPTION_ARG_FILENAME, &to,
    "The PostgreSQL history to copy it into (a URI or connection string)", "URI" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &bs_cli_opt.quiet, "Print nothing but errors", NULL },
  { NULL }
};

static void
progress (const BsCopyStats *s, gpointer user)
{
  if (!bs_cli_opt.quiet)
    g_printerr ("\r%" G_GINT64_FORMAT " messages copied, %" G_GINT64_FORMAT " there already",
                s->messages, s->known);
}

static int
run_migrate (int argc, char **argv)
{
  if (argc > 1 || from == NULL || to == NULL)
    {
      g_printerr ("bouncescan migrate: say --from FILE (SQLite) and --to URI (PostgreSQL)\n");
      return EXIT_USAGE;
    }
  if (bs_store_is_server (from) || !bs_store_is_server (to))
    {
      g_printerr ("bouncescan migrate: --from is an SQLite file, --to a PostgreSQL URI or"
                  " connection string\n");
      return EXIT_USAGE;
    }
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) source = bs_cli_open_reader (from, &rc);
  if (source == NULL)
    return rc;
  g_autoptr (GError) error = NULL;
  /* its own lock: two copies exclude each other, scans do not wait */
  g_autoptr (BsStore) target = bs_store_open_as (to, "bouncescan-migrate", 0, NULL, &error);
  if (target == NULL)
    return bs_cli_fail (NULL, error);
  BsCopyStats stats;
  gboolean ok = bs_store_copy_history (source, target, progress, NULL, &stats, &error);
  if (!bs_cli_opt.quiet)
    {
      g_printerr ("\r");
      printf ("%" G_GINT64_FORMAT " scan runs, %" G_GINT64_FORMAT " messages and %" G_GINT64_FORMAT
              " failure records copied; %" G_GINT64_FORMAT " messages were there already\n",
              stats.runs, stats.messages, stats.failures, stats.known);
    }
  if (!ok)
    return bs_cli_fail ("migrate (run it again to go on: what was copied is kept): ", error);
  return EXIT_OK;
}

const BsCliCommand bs_cli_migrate = {
  .name = "migrate",
  .synopsis = "migrate",
  .summary = "copy an SQLite history into PostgreSQL (--from FILE --to URI)",
  .parameters = "--from FILE --to URI - copy a history into PostgreSQL",
  .description =
    "Copies every scan run, message, failure record, per-day count, source state and\n"
    "live check of the SQLite history into the PostgreSQL one (created or upgraded\n"
    "first).  Run again, or after it was stopped, it copies only what is missing.\n"
    "Copy a server's history before its first scan into PostgreSQL: the per-day\n"
    "counts already there for its days are kept as they are.",
  .entries = entries,
  .shared = 0,
  .run = run_migrate,
};
