/* mailfoundry.c - MailFoundry gateway bounces
 *
 * Recognised by the subject "Message delivery has failed" and a Received
 * field "(MAILFOUNDRY) id".  Each recipient is "Unable to deliver message
 * to: <user@domain>", its text after "Delivery failed for the following
 * reason:".  After Sisimai's Lhost::MailFoundry, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "providerscan.h"

#define RCPT_MARK "Unable to deliver message to:"
#define ERROR_MARK "Delivery failed for the following reason:"
static const char *const starts[] = { RCPT_MARK, NULL };

static void
read_line (BsPscan *scan, const char *line)
{
  if (g_str_has_prefix (line, RCPT_MARK))
    {
      bs_pscan_recipient (scan, line + strlen (RCPT_MARK));
      return;
    }
  BsRecord *r = bs_pscan_current (scan);
  if (g_str_has_prefix (line, ERROR_MARK))
    bs_record_set (&r->diagnostic, ERROR_MARK);
  else if (r->diagnostic != NULL && line[0] != '-')
    bs_pscan_append (&r->diagnostic, line);
}

static const BsPscanFormat format = {
  "mailfoundry", { .start = starts, .read_start_line = TRUE }, read_line,
};

gboolean
bs_lhost_mailfoundry (const BsMail *mail, GPtrArray *records)
{
  return bs_pscan_header_is (mail, "Subject", "Message delivery has failed")
         && bs_pscan_received_has (mail, "(MAILFOUNDRY) id")
         && bs_pscan_text_format (mail, records, &format, NULL);
}
