/* statusnotification.c - the "Delivery status notification" notices of
 * an MTA signing "Mail Delivery System"
 *
 * "This is an automatically generated Delivery Status Notification.", then
 * "  * user@example.com" and lines "SMTP:RCPT 550 ...", "Routing: ..." or
 * "Diagnostic-Code: smtp; ...".  Sisimai calls this format X3 (Lhost::X3,
 * BSD-2-Clause), after which it is written.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "kit.h"

static const char *const starts[] = {
  "      This is an automatically generated Delivery Status Notification.", NULL,
};

/* "   * user@example.com" */
static char *
rcpt (BsLine l, BsLine *rest)
{
  (void) rest;
  return bs_line_labelled_addr (l, "* ");
}

/* "SMTP:RCPT 550 5.1.1 ...", "Routing: ...", "Diagnostic-Code: smtp; ..." */
static BsLineAction
other (BsLine l, BsRecord *cur)
{
  static const char *const prefixes[] = { "Routing: ", "Diagnostic-Code: smtp; " };
  if (cur == NULL)
    return BS_LINE_SKIP;
  if (bs_line_starts (l, "SMTP:"))
    {
      g_autofree char *c = bs_line_dup (bs_line_after (l, l.s + 5));
      const char *sp = strchr (c, ' ');
      bs_record_set (&cur->command, bs_smtp_command_at (c));
      bs_record_set (&cur->diagnostic, sp ? sp + 1 : NULL);
      return BS_LINE_SKIP;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (bs_line_starts (l, prefixes[i]))
      {
        g_autofree char *d = bs_line_dup (bs_line_after (l, l.s + strlen (prefixes[i])));
        bs_record_set (&cur->diagnostic, d);
      }
  return BS_LINE_SKIP;
}

static const BsFormat format = {
  .name = "statusnotification", .notice = { .start = starts }, .flags = BS_FORMAT_REPLACE,
  .rcpt = rcpt, .other = other,
};

gboolean
bs_lhost_statusnotification (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_starts (mail, "From", "Mail Delivery System")
      || !bs_header_starts (mail, "Subject", "Delivery status notification"))
    return FALSE;
  return bs_format_read (mail, records, &format, NULL);
}
