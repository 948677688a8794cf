/* main.c - bouncescan's main(): the command table, each command's options
 * parsed from its entry (its own, then the groups it shares), signals, the
 * ad-hoc form when no command is named (see cli.h for the commands)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "config.h"

#include <gmime/gmime.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "advice.h"
#include "classify.h"
#include "cli.h"

/* the commands, in the order 'bouncescan --help' lists them; the ad-hoc
 * form last */
static const BsCliCommand *const commands[] = {
  &bs_cli_scan, &bs_cli_report, &bs_cli_search, &bs_cli_addresses, &bs_cli_dump, &bs_cli_explain,
  &bs_cli_changes, &bs_cli_prune, &bs_cli_init, &bs_cli_migrate, &bs_cli_adhoc, NULL,
};

const BsCliCommand *const *
bs_cli_commands (void)
{
  return commands;
}

static void
on_signal (int sig)
{
  g_atomic_int_set (&bs_cli_interrupted, sig);
}

/* SIGINT and SIGTERM set bs_cli_interrupted, which every loop that can
 * take long looks at; without SA_RESTART, a system call waiting on
 * something that never comes (a pipe on standard input) returns EINTR,
 * so that the command stops whatever it waits on.  A second signal stops
 * at once (SA_RESETHAND). */
static void
catch_signals (void)
{
  struct sigaction sa = { 0 };
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESETHAND;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
  signal (SIGPIPE, SIG_IGN);
}

/* the ad-hoc form's help: what the program does, and the table's commands */
static char *
adhoc_description (void)
{
  GString *s = g_string_new (bs_cli_adhoc.description);
  g_string_append (s, "\n\nCommands:\n");
  for (gsize i = 0; commands[i] != NULL; i++)
    g_string_append_printf (s, "  %-18s%s\n", commands[i]->synopsis, commands[i]->summary);
  g_string_append (s, "\n'bouncescan COMMAND --help' describes each command.");
  return g_string_free (s, FALSE);
}

/* parse cmd's options out of argv; FALSE (said) on a usage error */
static gboolean
parse (const BsCliCommand *cmd, int *argc, char ***argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new (cmd->parameters);
  g_autofree char *description = cmd->name == NULL ? adhoc_description () : NULL;
  if (cmd->description != NULL)
    g_option_context_set_summary (ctx, description != NULL ? description : cmd->description);
  g_option_context_add_main_entries (ctx, cmd->entries, NULL);
  static const BsCliShared groups[] = { BS_CLI_FILTER, BS_CLI_REPORT, BS_CLI_COMMON, BS_CLI_CHECK };
  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    if (cmd->shared & groups[i])
      g_option_context_add_main_entries (ctx, bs_cli_shared_entries (groups[i]), NULL);
  g_autoptr (GError) error = NULL;
  if (g_option_context_parse (ctx, argc, argv, &error))
    return TRUE;
  g_printerr ("bouncescan%s%s: %s\n", cmd->name ? " " : "", cmd->name ? cmd->name : "",
              error->message);
  return FALSE;
}

static int
run (const BsCliCommand *cmd, int argc, char **argv)
{
  g_autofree char *prog = g_strdup_printf ("bouncescan%s%s", cmd->name ? " " : "",
                                           cmd->name ? cmd->name : "");
  g_set_prgname (prog);
  if (!parse (cmd, &argc, &argv))
    return EXIT_USAGE;
  return cmd->run (argc, argv);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc >= 2 && (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0))
    {
      printf ("bouncescan %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  catch_signals ();
  /* "-j4", as make takes it: GOption reads a short option's value only
   * from the next argument */
  g_autoptr (GPtrArray) rewritten = g_ptr_array_new_with_free_func (g_free);
  for (int i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    if (strncmp (argv[i], "-j", 2) == 0 && argv[i][2] != '\0'
        && strspn (argv[i] + 2, "0123456789") == strlen (argv[i] + 2))
      {
        argv[i] = g_strconcat ("--jobs=", argv[i] + 2, NULL);
        g_ptr_array_add (rewritten, argv[i]);
      }
  g_mime_init ();
  /* an upgrade of an old history reads its rule ids with the classifier's tables */
  bs_store_set_rule_ids (bs_classify_stable_rule_id);
  bs_store_set_carrier_rule (bs_advice_record_ambiguous);
  const BsCliCommand *cmd = &bs_cli_adhoc;
  for (gsize i = 0; argc >= 2 && commands[i] != NULL; i++)
    if (commands[i]->name != NULL && strcmp (argv[1], commands[i]->name) == 0)
      cmd = commands[i];
  int rc = cmd == &bs_cli_adhoc ? run (cmd, argc, argv) : run (cmd, argc - 1, argv + 1);
  g_mime_shutdown ();
  g_clear_pointer (&bs_cli_opt.filter, bs_history_filter_free);
  return rc;
}
