/* arf.c - feedback reports (ARF, RFC 5965): not delivery failures
 *
 * A multipart/report; report-type=feedback-report message (an abuse or
 * feedback-loop report) gives one record with reason "feedback" and the
 * Feedback-Type, for the address named in Original-Rcpt-To or, failing it,
 * the original message's To.  Never counted as a failure.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "../smtp.h"

gboolean
bs_lhost_arf (const BsMail *mail, GPtrArray *records)
{
  gboolean is_arf = (mail->report_type && strcmp (mail->report_type, "feedback-report") == 0)
                    || mail->feedback != NULL;
  if (!is_arf)
    return FALSE;
  const char *fb = mail->feedback ? mail->feedback : "";
  g_autofree char *type = bs_header_get (fb, "Feedback-Type");
  g_autofree char *rcpt = bs_header_get (fb, "Original-Rcpt-To");
  g_autofree char *to = bs_header_get (mail->original, "To");
  g_autofree char *addr = bs_smtp_address (rcpt ? rcpt : to);
  g_autofree char *arrival = bs_header_get (fb, "Arrival-Date");
  g_autofree char *ua = bs_header_get (fb, "User-Agent");
  g_autofree char *source_ip = bs_header_get (fb, "Source-IP");

  g_ptr_array_set_size (records, 0);
  BsRecord *r = bs_record_new ();
  bs_record_set (&r->recipient, addr);
  bs_record_set (&r->reason, "feedback");
  bs_record_set (&r->feedback_type, type ? type : "abuse");
  bs_record_set (&r->diagnostic, ua);
  if (source_ip != NULL && g_hostname_is_ip_address (g_strstrip (source_ip)))
    {
      bs_record_set (&r->sending_ip, source_ip);
      bs_record_set (&r->sending_ip_from, "report");
    }
  bs_record_set (&r->rule, "arf");
  bs_record_set (&r->evidence, "report-type=feedback-report");
  g_ptr_array_add (records, r);
  (void) arrival;
  return TRUE;
}
