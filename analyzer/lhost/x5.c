/* x5.c - bounces forwarded by a notification relay (To:
 * NotificationRecipients, From "Mail Delivery Subsystem")
 *
 * The relay wraps the real bounce, a Sendmail-style report, in a
 * message/rfc822 part; its delivery-status fields are read from wherever
 * the flattened body holds them.  After Sisimai's Lhost::X5, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../dsn.h"
#include "textscan.h"

gboolean
bs_lhost_x5 (const BsMail *mail, GPtrArray *records)
{
  int match = bs_header_has (mail, "To", "NotificationRecipients", FALSE)
              + bs_header_has (mail, "From", "Mail Delivery Subsystem", FALSE)
              + bs_header_has (mail, "Subject", "Mail Delivery Subsystem", FALSE);
  if (match < 2)
    return FALSE;
  static const char *const marks[] = { "Content-Type: message/delivery-status", NULL };
  if (mail->body == NULL)
    return FALSE;
  const char *end = mail->body + strlen (mail->body);
  const char *ds = records->len == 0 ? bs_text_find (mail->body, end, marks, FALSE) : NULL;
  if (ds != NULL)
    {
      const char *stop = bs_text_end (ds + 1, NULL);
      g_autofree char *text = g_strndup (ds, (gsize) (stop - ds));
      bs_dsn_parse_text (text, records);
    }
  return records->len > 0;
}
