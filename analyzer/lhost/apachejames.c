/* apachejames.c - Apache James bounces ("[BOUNCE]", Message-ID ...JavaMail...)
 *
 * "Error message below:" and the remote's reply, then "Message details:"
 * with "  RCPT TO: user@example.com" naming each recipient; the error text
 * before the details is every recipient's diagnostic.
 * After Sisimai's Lhost::ApacheJames, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "kit.h"

/* "  RCPT TO: user@example.com" */
static char *
rcpt (BsLine l, BsLine *rest)
{
  (void) rest;
  return bs_line_starts (l, "  RCPT TO: ") ? bs_line_bare_addr (bs_line_after (l, l.s + 11), NULL) : NULL;
}

static BsLineAction
other (BsLine l, BsRecord *cur)
{
  (void) l, (void) cur;
  return BS_LINE_SKIP;
}

static const BsFormat format = { .rcpt = rcpt, .other = other };

gboolean
bs_lhost_apachejames (const BsMail *mail, GPtrArray *records)
{
  gboolean match = bs_header_starts (mail, "Subject", "[BOUNCE]")
                   || bs_header_has (mail, "Message-ID", ".JavaMail.")
                   || bs_received_has (mail, "JAMES SMTP Server");
  if (!match || mail->body == NULL)
    return FALSE;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  if (bs_format_scan (mail->body, &format, found) == 0)
    return FALSE;
  static const char *const details[] = { "Message details:", NULL };
  const char *end = bs_text_find (mail->body, mail->body + strlen (mail->body), details, FALSE);
  g_autofree char *text = end ? g_strndup (mail->body, (gsize) (end - mail->body)) : NULL;
  for (guint i = 0; i < found->len; i++)
    bs_record_set (&((BsRecord *) g_ptr_array_index (found, i))->diagnostic, text);
  bs_records_adopt (records, found);
  return records->len > 0;
}
