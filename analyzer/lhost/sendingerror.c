/* sendingerror.c - the "There was an error sending your mail" notices of
 * a hosted mail service
 *
 * "N error(s):", then one paragraph per recipient naming it ("... rejected
 * recipient <user@example.com> (Error following RCPT command) ...", "...
 * returned permanent errors: user@example.com. Reason: ...").  Sisimai
 * calls this format X6 (Lhost::X6, BSD-2-Clause), after which it is
 * written.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../smtp.h"

#include "kit.h"

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

static const BsFormat format = {
  .name = "sendingerror", .notice = { .start_within = starts, .stop = stops }, .rcpt = rcpt,
  .other = bs_other_skip, BS_FORMAT_COMMANDS (commands),
};

gboolean
bs_lhost_sendingerror (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_starts (mail, "Subject", "There was an error sending your mail"))
    return FALSE;
  return bs_format_read (mail, records, &format, NULL);
}
