/* notificationrelay.c - bounces forwarded by a notification relay (To:
 * NotificationRecipients, From "Mail Delivery Subsystem")
 *
 * The relay (a mail security gateway) wraps the real bounce, a
 * Sendmail-style report, in a message/rfc822 part; its delivery-status
 * fields are read from wherever the flattened body holds them.  Sisimai
 * calls this format X5 (Lhost::X5, BSD-2-Clause), after which it is
 * written.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../dsn.h"

#include "kit.h"

gboolean
bs_lhost_notificationrelay (const BsMail *mail, GPtrArray *records)
{
  int match = bs_header_has (mail, "To", "NotificationRecipients")
              + bs_header_has (mail, "From", "Mail Delivery Subsystem")
              + bs_header_has (mail, "Subject", "Mail Delivery Subsystem");
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
