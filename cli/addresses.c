/* addresses.c - bouncescan addresses: the addresses to stop mailing, read
 * from the history (reports/addresses.h has the rule), each with its
 * evidence and how certain it is; --bare prints the addresses alone, for
 * a mailing list's suppression file
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "addresses.h"
#include "advice.h"

/* a server's message on an address's line, at most */
#define LINE_DIAGNOSTIC_CHARS 120

static char *only = NULL;
static gboolean bare = FALSE;

static GOptionEntry entries[] = {
  BS_CLI_DB_ENTRY,
  BS_CLI_HOST_ENTRY,
  { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Only the certain or the uncertain ones",
    "certain|uncertain" },
  { "bare", 0, 0, G_OPTION_ARG_NONE, &bare, "Print the addresses alone, one a line", NULL },
  { NULL }
};

/* the heading of the addresses of one why */
static void
print_heading (BsAddressWhy why, guint n, const char *lang)
{
  gboolean ja = strcmp (lang, "ja") == 0;
  BsCertainty c = why == BS_ADDRESS_GONE ? BS_CERTAINTY_CERTAIN : BS_CERTAINTY_UNCERTAIN;
  const char *name = ja ? (c == BS_CERTAINTY_CERTAIN ? "確実" : "要確認") : bs_certainty_name (c);
  printf ("%s (%u): %s\n", name, n, bs_address_note (why, lang));
}

static void
print_address (const BsAddress *a, const char *lang)
{
  gboolean ja = strcmp (lang, "ja") == 0;
  g_autofree char *who = bs_cli_for_terminal (a->recipient);
  g_autofree char *last = bs_cli_local_time (a->last_seen, "%Y-%m-%d");
  /* a carrier's "Unknown user" is no proof the address does not exist */
  const BsAdvice *carrier = a->why == BS_ADDRESS_CARRIER ? bs_advice_for ("carrier-unknown-user", lang)
                                                         : NULL;
  const char *reason = carrier != NULL ? carrier->title : bs_reason_label (a->reason, lang);
  if (ja)
    printf ("  %s  %s (%s)  %" G_GINT64_FORMAT " 件、%u 日、最後 %s\n", who, reason,
            bs_reason_name (a->reason), a->failures, a->days, last);
  else
    printf ("  %s  %s (%s)  %" G_GINT64_FORMAT " failure%s on %u day%s, last %s\n", who, reason,
            bs_reason_name (a->reason), a->failures, a->failures == 1 ? "" : "s", a->days,
            a->days == 1 ? "" : "s", last);
  if (a->diagnostic != NULL)
    {
      g_autofree char *said = bs_cli_one_line (a->diagnostic, LINE_DIAGNOSTIC_CHARS);
      printf ("      %s\n", said);
    }
}

static int
run_addresses (int argc, char **argv)
{
  if (argc > 1)
    {
      g_printerr ("bouncescan addresses: unexpected argument '%s' (see --help)\n", argv[1]);
      return EXIT_USAGE;
    }
  int want = -1;
  if (only != NULL && (want = strcmp (only, "certain") == 0     ? BS_CERTAINTY_CERTAIN
                              : strcmp (only, "uncertain") == 0 ? BS_CERTAINTY_UNCERTAIN : -2) == -2)
    {
      g_printerr ("bouncescan addresses: --only is certain or uncertain\n");
      return EXIT_USAGE;
    }
  if (!bs_cli_check_report_options ("addresses"))
    return EXIT_USAGE;
  const char *lang = bs_cli_default_lang ();
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = NULL;
  g_autoptr (BsHistoryRead) read = bs_cli_begin_filtered_read (&store, &rc);
  if (read == NULL)
    return rc;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = bs_addresses_read (read, bs_cli_opt.filter, FALSE, &error);
  if (list == NULL)
    return bs_cli_fail (NULL, error);
  guint shown = 0;
  for (int why = BS_ADDRESS_GONE; why <= BS_ADDRESS_EXISTS_LATER; why++)
    {
      guint n = 0;
      for (guint i = 0; i < list->len; i++)
        {
          const BsAddress *a = g_ptr_array_index (list, i);
          if ((int) a->why != why || (want >= 0 && (int) a->certainty != want))
            continue;
          if (bare)
            {
              g_autofree char *who = bs_cli_for_terminal (a->recipient);
              printf ("%s\n", who);
            }
          else
            {
              if (n == 0)
                {
                  guint total = 0;
                  for (guint k = 0; k < list->len; k++)
                    total += ((const BsAddress *) g_ptr_array_index (list, k))->why == (BsAddressWhy) why;
                  print_heading ((BsAddressWhy) why, total, lang);
                }
              print_address (a, lang);
            }
          n++;
        }
      if (n > 0 && !bare)
        printf ("\n");
      shown += n;
    }
  if (shown == 0 && !bare)
    printf ("%s\n", strcmp (lang, "ja") == 0 ? "配信を止めるべきアドレスはありません。"
                                            : "No address to stop mailing.");
  if (fflush (stdout) != 0)
    return EXIT_ERROR;
  return EXIT_OK;
}

const BsCliCommand bs_cli_addresses = {
  .name = "addresses",
  .synopsis = "addresses",
  .summary = "the addresses to stop mailing, with the evidence",
  .parameters = "- the addresses to stop mailing",
  .description =
    "Reads the history and lists the recipients whose bounces show that the address or\n"
    "its domain is gone, with the evidence (failures, days, the latest server message):\n"
    "\"certain\" ones, then \"uncertain\" ones to confirm by another channel first (a\n"
    "mobile carrier's \"Unknown user\", which may be the recipient's own filter; a later\n"
    "full mailbox).  The rule: docs/addresses.md.  report --csv writes addresses.csv.",
  .entries = entries,
  .shared = BS_CLI_FILTER,
  .run = run_addresses,
};
