/* x2.c - an unidentified MTA's bounces ("Delivery failure", "failed
 * delivery" from MAILER-DAEMON@)
 *
 * "Unable to deliver message to the following address(es).", then
 * "<user@example.com>:" and the reason, then "--- Original message
 * follows.".  After Sisimai's Lhost::X2, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "textscan.h"

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

static const BsTextForm form = { .start = starts, .stop = stops, .rcpt = rcpt, .name = "x2" };

gboolean
bs_lhost_x2 (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_has (mail, "From", "MAILER-DAEMON@", FALSE))
    return FALSE;
  gboolean match = bs_header_has (mail, "Subject", "Delivery failure", TRUE)
                   || bs_header_has (mail, "Subject", "failure delivery", TRUE)
                   || bs_header_has (mail, "Subject", "failed delivery", TRUE);
  if (!match)
    return FALSE;
  return bs_text_read (mail, &form, records);
}
