/* maildeliversystem.c - the notices signed "Mail Deliver System"
 * ("Returned Mail: ..."), of an MTA seen at Japanese ISPs
 *
 * "The original message was received at ...", then one line per recipient:
 * "user@example.com [reason]".  Sisimai calls this format X1 (Lhost::X1,
 * BSD-2-Clause), after which it is written.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

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

static const BsFormat format = {
  .name = "maildeliversystem", .notice = { .start = starts }, .rcpt = rcpt, .other = bs_other_skip,
};

gboolean
bs_lhost_maildeliversystem (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_starts (mail, "Subject", "Returned Mail: ")
      || !bs_header_starts (mail, "From", "\"Mail Deliver System\" "))
    return FALSE;
  return bs_format_read (mail, records, &format, NULL);
}
