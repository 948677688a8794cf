/* deliveryfailure.c - the "Delivery failure" ("failed delivery") notices
 * of an MTA sending from MAILER-DAEMON@
 *
 * "Unable to deliver message to the following address(es).", then
 * "<user@example.com>:" and the reason, then "--- Original message
 * follows.".  Sisimai calls this format X2 (Lhost::X2, BSD-2-Clause),
 * after which it is written.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

static const char *const starts[] = { "Unable to deliver message to the following address", NULL };
static const char *const stops[] = { "--- Original message follows.", NULL };

/* "<user@example.com>:" alone on its line */
static char *
rcpt (BsLine l, BsLine *rest)
{
  const char *after = NULL;
  char *addr = l.s[0] == '<' ? bs_line_angle_addr (l, l.s, &after) : NULL;
  if (addr != NULL && !(after + 1 == l.s + l.n && *after == ':'))
    g_clear_pointer (&addr, g_free);
  (void) rest;
  return addr;
}

static const BsFormat format = {
  .name = "deliveryfailure", .notice = { .start = starts, .stop = stops }, .rcpt = rcpt,
};

gboolean
bs_lhost_deliveryfailure (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_has (mail, "From", "MAILER-DAEMON@"))
    return FALSE;
  gboolean match = bs_header_starts (mail, "Subject", "Delivery failure")
                   || bs_header_starts (mail, "Subject", "failure delivery")
                   || bs_header_starts (mail, "Subject", "failed delivery");
  if (!match)
    return FALSE;
  return bs_format_read (mail, records, &format, NULL);
}
