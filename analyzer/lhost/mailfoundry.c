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
static const BsPscanSpec spec = { .start = starts, .read_start_line = TRUE };

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

gboolean
bs_lhost_mailfoundry (const BsMail *mail, GPtrArray *records)
{
  if (!bs_pscan_header_is (mail, "Subject", "Message delivery has failed")
      || !bs_pscan_received_has (mail, "(MAILFOUNDRY) id"))
    return FALSE;
  g_autoptr (BsPscan) scan = bs_pscan_run (mail->body, &spec, read_line, NULL);
  return scan != NULL && bs_pscan_commit (scan, records);
}
