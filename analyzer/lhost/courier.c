/* courier.c - Courier MTA bounces ("NOTICE: mail delivery status.")
 *
 * A multipart/report whose delivery-status part dsn.c reads; the text part
 * adds the SMTP command (">>> RCPT TO:<...>") and Courier's own messages
 * ("No such domain.") that state the reason.
 * After Sisimai's Lhost::Courier, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "textscan.h"

/* Courier's own texts (courier/module.esmtp) and the reason each states */
static const BsPhrase reasons[] = {
  { BS_REASON_HOSTUNKNOWN, "No such domain." },             /* Courier: recipient domain does not exist */
  { BS_REASON_SYSTEMERROR, "This domain's DNS violates RFC 1035." },/* Courier: the domain's DNS is broken */
  { BS_REASON_NETWORKERROR, "DNS lookup failed." },         /* Courier: DNS lookup failed */
};

gboolean
bs_lhost_courier (const BsMail *mail, GPtrArray *records)
{
  gboolean match = bs_header_has (mail, "From", "Courier mail server at ", FALSE)
                   || bs_header_has (mail, "Subject", "NOTICE: mail delivery status.", FALSE)
                   || bs_header_has (mail, "Subject", "WARNING: delayed mail.", FALSE)
                   || bs_header_has (mail, "Message-ID", "<courier.", TRUE);
  if (!match)
    return FALSE;
  bs_records_from_text_dsn (mail->body, records);
  if (records->len == 0)
    return FALSE;
  g_autofree char *command = bs_first_command (mail->body);
  for (guint i = 0; i < records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (records, i);
      if (r->command == NULL)
        bs_record_set (&r->command, command);
      bs_set_reason (r, reasons, G_N_ELEMENTS (reasons), "courier");
    }
  return TRUE;
}
