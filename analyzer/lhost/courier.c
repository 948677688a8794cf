/* courier.c - Courier MTA bounces ("NOTICE: mail delivery status.")
 *
 * A multipart/report whose delivery-status part dsn.c reads; the text part
 * adds the SMTP command (">>> RCPT TO:<...>") and Courier's own messages
 * ("No such domain.") that state the reason.
 * After Sisimai's Lhost::Courier, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../bs.h"
#include "../smtp.h"

#include "kit.h"

/* Courier's own texts (courier/module.esmtp) and the reason each states */
static const BsPhrase reasons[] = {
  { BS_REASON_HOSTUNKNOWN, "No such domain." },             /* Courier: recipient domain does not exist */
  { BS_REASON_SYSTEMERROR, "This domain's DNS violates RFC 1035." },/* Courier: the domain's DNS is broken */
  { BS_REASON_NETWORKERROR, "DNS lookup failed." },         /* Courier: DNS lookup failed */
};

/* the command of the first ">>> COMMAND" line (maybe indented) of the
 * notice, static; NULL */
static const char *
first_command (const char *body)
{
  BsLines it;
  BsLine l;
  if (body == NULL)
    return NULL;
  bs_lines_init (&it, body, bs_text_end (body, NULL));
  for (guint i = 0; i < 8u * BS_MAX_RECIPIENTS && bs_lines_next (&it, &l); i++)
    {
      BsLine t = bs_line_trim (l);
      if (bs_line_starts (t, ">>> "))
        {
          g_autofree char *c = bs_line_dup (bs_line_after (t, t.s + 4));
          const char *w = bs_smtp_command_at (c);
          if (w != NULL)
            return w;
        }
    }
  return NULL;
}

gboolean
bs_lhost_courier (const BsMail *mail, GPtrArray *records)
{
  gboolean match = bs_header_has (mail, "From", "Courier mail server at ")
                   || bs_header_has (mail, "Subject", "NOTICE: mail delivery status.")
                   || bs_header_has (mail, "Subject", "WARNING: delayed mail.")
                   || bs_header_starts (mail, "Message-ID", "<courier.");
  if (!match)
    return FALSE;
  bs_records_from_text_dsn (mail->body, records);
  if (records->len == 0)
    return FALSE;
  const char *command = first_command (mail->body);
  for (guint i = 0; i < records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (records, i);
      if (r->command == NULL)
        bs_record_set (&r->command, command);
      bs_phrase_reason (r, reasons, G_N_ELEMENTS (reasons), "courier");
    }
  return TRUE;
}
