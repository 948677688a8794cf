/* x1.c - an unidentified MTA's bounces ("Returned Mail: ..." from
 * "Mail Deliver System")
 *
 * "The original message was received at ...", then one line per recipient:
 * "user@example.com [reason]".  After Sisimai's Lhost::X1, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "textscan.h"

static const char *const starts[] = { "The original message was received at ", NULL };

/* "user@example.com [User unknown]" */
static char *
rcpt (BsLine l, BsLine *rest)
{
  const char *after = NULL;
  if (!bs_line_ends (l, "]"))
    return NULL;
  char *addr = bs_line_bare_addr (l, &after);
  BsLine tail = bs_line_trim (bs_line_after (l, after));
  if (addr == NULL || tail.n < 2 || tail.s[0] != '[')
    {
      g_free (addr);
      return NULL;
    }
  rest->s = tail.s + 1;
  rest->n = tail.n - 2;
  return addr;
}

static const BsTextForm form = { .start = starts, .rcpt = rcpt, .other = bs_other_skip, .name = "x1" };

gboolean
bs_lhost_x1 (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_has (mail, "Subject", "Returned Mail: ", TRUE)
      || !bs_header_has (mail, "From", "\"Mail Deliver System\" ", TRUE))
    return FALSE;
  return bs_text_read (mail, &form, records);
}
