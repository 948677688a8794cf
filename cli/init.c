/* init.c - bouncescan init: create the history, or upgrade its schema, in
 * one transaction (what the first scan does too), so that a fleet's
 * PostgreSQL history is ready before its scanners and readers come
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

static GOptionEntry entries[] = {
  BS_CLI_DB_ENTRY,
  { "wait", 0, 0, G_OPTION_ARG_INT, &bs_cli_opt.wait,
    "While a scan of this host holds the history, wait up to SECONDS", "SECONDS" },
  { NULL }
};

static int
run_init (int argc, char **argv)
{
  if (argc > 1 || bs_cli_opt.wait < 0)
    {
      g_printerr ("bouncescan init: takes --db and --wait only (see --help)\n");
      return EXIT_USAGE;
    }
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = bs_cli_open_writer (bs_cli_db (), &rc);
  if (store == NULL)
    return rc;
  if (!bs_cli_opt.quiet)
    printf ("%s: schema version %d\n", bs_store_path (store), bs_store_schema_version (store));
  return EXIT_OK;
}

const BsCliCommand bs_cli_init = {
  .name = "init",
  .synopsis = "init",
  .summary = "create the history or upgrade its schema (--db FILE or postgresql://...)",
  .parameters = "- create or upgrade the history",
  .description =
    "Creates the history named by --db, or brings its schema to this version, in one\n"
    "transaction (a scan does the same first).  With PostgreSQL, run it once as the\n"
    "role that owns the schema; scanners then need INSERT, UPDATE and SELECT, readers\n"
    "SELECT only (README: Deployment).",
  .entries = entries,
  .shared = 0,
  .run = run_init,
};
