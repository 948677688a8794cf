/* dump.c - bouncescan dump PATH...: every bounce record as a JSON line on
 * stdout (undecodable messages too, under a key of their own); nothing is
 * stored
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

#include <stdio.h>

#include "lhost.h"

static char **paths = NULL;
static char **without = NULL;

static GOptionEntry entries[] = {
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "PATH..." },
  /* for the tests only (tests/generic/leave_one_out.py): read as if the
   * format module NAME did not exist */
  { "without-format", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING_ARRAY, &without, NULL, "NAME" },
  { NULL }
};

/* one JSON line a record, through one buffer (user) */
static void
dump_record (const BsRecord *r, gpointer user)
{
  GString *line = user;
  g_string_truncate (line, 0);
  bs_record_append_json (r, line);
  g_string_append_c (line, '\n');
  fwrite (line->str, 1, line->len, stdout);
}

static int
run_dump (int argc, char **argv)
{
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr ("bouncescan dump: name at least one mailbox or message (see --help)\n");
      return EXIT_USAGE;
    }
  for (guint i = 0; without != NULL && without[i] != NULL; i++)
    if (!bs_lhost_disable (without[i]))
      {
        g_printerr ("bouncescan dump: no format module is called \"%s\"\n", without[i]);
        return EXIT_USAGE;
      }
  if (!bs_cli_load_rules ())
    return EXIT_USAGE;
  BsScanStats stats = { 0 };
  g_autoptr (GString) line = g_string_sized_new (4096);
  gboolean ok = bs_cli_scan_paths (paths, NULL, 0, dump_record, line, TRUE, &stats);
  fflush (stdout);
  if (!bs_cli_opt.quiet)
    bs_cli_print_summary (&stats, stderr);
  g_clear_pointer (&paths, g_strfreev);
  return ok ? EXIT_OK : EXIT_ERROR;
}

const BsCliCommand bs_cli_dump = {
  .name = "dump",
  .synopsis = "dump PATH...",
  .summary = "print every record as JSON Lines; store nothing",
  .parameters = "PATH... - print every bounce record as JSON Lines",
  .description =
    "Reads the mail at each PATH (Maildir, mbox, MH folder, folder of message files,\n"
    "one message file, or - for standard input) and prints one JSON object per\n"
    "recipient of every bounce. Nothing is stored.",
  .entries = entries,
  .shared = BS_CLI_COMMON,
  .run = run_dump,
};
