/* mailfoundry.c - MailFoundry gateway bounces
 *
 * Recognised by the subject "Message delivery has failed" and a Received
 * field "(MAILFOUNDRY) id".  Each recipient is "Unable to deliver message
 * to: <user@domain>", its text after "Delivery failed for the following
 * reason:".  After Sisimai's Lhost::MailFoundry, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "kit.h"

#define RCPT_MARK "Unable to deliver message to:"
#define ERROR_MARK "Delivery failed for the following reason:"
static const char *const starts[] = { RCPT_MARK, NULL };

static void
read_line (BsNotice *n, BsLine l)
{
  if (bs_line_starts (l, RCPT_MARK))
    {
      bs_notice_recipient_line (n, bs_line_after (l, l.s + strlen (RCPT_MARK)));
      return;
    }
  BsRecord *r = bs_notice_current (n);
  if (bs_line_starts (l, ERROR_MARK))
    bs_record_set (&r->diagnostic, ERROR_MARK);
  else if (r->diagnostic != NULL && l.s[0] != '-')
    bs_text_append_line (&r->diagnostic, l);
}

static const BsFormat format = {
  .name = "mailfoundry", .notice = { .start = starts, .flags = BS_NOTICE_START_LINE }, .read = read_line,
};

gboolean
bs_lhost_mailfoundry (const BsMail *mail, GPtrArray *records)
{
  return bs_header_is (mail, "Subject", "Message delivery has failed")
         && bs_received_has (mail, "(MAILFOUNDRY) id")
         && bs_format_read (mail, records, &format, NULL);
}
