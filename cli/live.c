/* live.c - the live checks (--check) as the commands run them: the checker
 * from the options, a run over the history's failures kept in it, the
 * answers as the report shows them
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

#include <stdio.h>

#include "checks.h"

/* a checker from the options; NULL (message printed) when they are wrong */
BsChecker *
bs_cli_checker_new (void)
{
  BsCheckOptions co = {
    .resolver = bs_cli_opt.resolver,
    .timeout_ms = bs_cli_opt.dns_timeout > 0 ? (guint) MIN (bs_cli_opt.dns_timeout * 1000.0, 120000.0) : 0,
    .lists = bs_cli_opt.dnsbl,
    .zones = (const char *const *) bs_cli_opt.dnsbl_zone,
  };
  g_autoptr (GError) error = NULL;
  BsChecker *c = bs_checker_new (&co, &error);
  if (c == NULL)
    g_printerr ("bouncescan: %s\n", error->message);
  return c;
}

/* ask DNS with c (made by bs_cli_checker_new before anything else ran, so a wrong
 * option stops the command at once) and keep the answers in the history */
int
bs_cli_check_history (BsChecker *c, BsStore *store, const BsCheckScope *scope)
{
  g_autoptr (GError) error = NULL;
  BsHistoryRead *read = bs_history_read_begin (store, &error);
  gboolean ok = read != NULL && bs_checker_add_history (c, read, scope, &error);
  bs_history_read_end (read);
  if (!ok || !bs_checker_run (c, (const gint *) &bs_cli_interrupted, &error)
      || !bs_checker_save (c, store, scope->run_id, &error))
    return bs_cli_fail ("--check: ", error);
  return EXIT_OK;
}

/* the text the report shows, on stdout */
void
bs_cli_print_checks (BsStore *store, const BsReportOptions *ro)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  if (read == NULL || !bs_report_checks_text (read, ro, text, &error))
    g_printerr ("bouncescan: %s\n", error->message);
  fputs (text->str, stdout);
}
