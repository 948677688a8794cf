/* x6.c - an unidentified MTA's bounces ("There was an error sending your
 * mail")
 *
 * "N error(s):", then one paragraph per recipient naming it ("... rejected
 * recipient <user@example.com> (Error following RCPT command) ...", "...
 * returned permanent errors: user@example.com. Reason: ...").
 * After Sisimai's Lhost::X6, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../smtp.h"
#include "textscan.h"

static const char *const starts[] = { " error(s):", NULL };
static const char *const stops[] = { "The attachment contains the original mail headers", NULL };

/* a line naming "<user@example.com>" or "errors: user@example.com" */
static char *
rcpt (BsLine l, BsLine *rest)
{
  char *addr = bs_line_angle_addr (l, l.s, NULL);
  const char *e = bs_line_find (l, "errors:");
  if (addr == NULL && e != NULL)
    {
      g_autofree char *tail = bs_line_dup (bs_line_after (l, e + 7));
      addr = bs_smtp_address (tail);
    }
  if (addr != NULL)
    *rest = l;
  return addr;
}

/* "(DATA)", "(Error following RCPT command)" */
static const BsCommandPhrase commands[] = {
  { "HELO", "HELO" }, { "EHLO", "EHLO" }, { "MAIL", "MAIL" }, { "RCPT", "RCPT" }, { "DATA", "DATA" },
};

static const BsTextForm form = {
  .start = starts, .flags = BS_START_ANYWHERE, .stop = stops, .rcpt = rcpt, .other = bs_other_skip,
  .name = "x6", .commands = commands, .n_commands = G_N_ELEMENTS (commands),
};

gboolean
bs_lhost_x6 (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_has (mail, "Subject", "There was an error sending your mail", TRUE))
    return FALSE;
  return bs_text_read (mail, &form, records);
}
