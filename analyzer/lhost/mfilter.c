/* mfilter.c - m-FILTER (Digital Arts) bounces ("failure notice", X-Mailer:
 * m-FILTER)
 *
 * The address alone on a line, then "-------server message" with the
 * remote's reply and "-------SMTP command" with the command, up to
 * "-------original message".  After Sisimai's Lhost::mFILTER, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "kit.h"

static const char *const stops[] = { "-------original message", "-------original mail info", NULL };

/* the address alone on its line */
static char *
rcpt (BsLine l, BsLine *rest)
{
  const char *after = NULL;
  char *addr = bs_line_bare_addr (l, &after);
  if (addr != NULL && (l.s[0] == ' ' || after != l.s + l.n))
    g_clear_pointer (&addr, g_free);
  (void) rest;
  return addr;
}

/* the first line after "-------server message" is the reply; an upper case
 * word after "-------SMTP command" the command */
static BsLineAction
other (BsLine l, BsRecord *cur)
{
  if (cur == NULL || l.s[0] == '-')
    return BS_LINE_SKIP;
  if (l.n >= 4 && g_ascii_isupper (l.s[0]) && g_ascii_isupper (l.s[1]) && g_ascii_isupper (l.s[2])
      && g_ascii_isupper (l.s[3]))
    {
      if (cur->command == NULL)
        {
          g_autofree char *c = bs_line_dup (l);
          bs_record_set (&cur->command, bs_smtp_command_at (c));
        }
      return BS_LINE_SKIP;
    }
  return cur->diagnostic == NULL ? BS_LINE_JOIN : BS_LINE_SKIP;
}

static const BsFormat format = {
  .name = "mfilter", .notice = { .stop = stops }, .rcpt = rcpt, .other = other,
};

gboolean
bs_lhost_mfilter (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_starts (mail, "X-Mailer", "m-FILTER")
      || !bs_header_starts (mail, "Subject", "failure notice"))
    return FALSE;
  return bs_format_read (mail, records, &format, NULL);
}
