/* v5sendmail.c - bounces of old Sendmail (5.x and 8 before DSN)
 *
 * "Returned mail: ..." with only a session transcript: one line
 * "554 <user@example.com>... reason" per failed recipient, the commands
 * sent and replies received before it, then "----- Unsent message follows
 * -----" and the returned message.  Read with sendmail.c's transcript
 * reader (sendmail.h).  After Sisimai's Lhost::V5sendmail, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../smtp.h"

#include "sendmail.h"

/* where the returned message starts (savemail.c) */
static const char *const originals[] = {
  "   ----- Unsent message follows -----", "  ----- Unsent message follows -----",
  "   ----- No message was collected -----", "  ----- No message was collected -----", NULL,
};

/* the To: of the returned message, for a transcript that names no one */
static char *
original_to (const char *from)
{
  static const char *const to[] = { "To:", NULL };
  const char *line = bs_text_find (from, from + strlen (from), to, FALSE);
  if (line == NULL)
    return NULL;
  const char *nl = strchr (line, '\n');
  g_autofree char *v = g_strndup (line + 3, nl ? (gsize) (nl - line - 3) : strlen (line + 3));
  return bs_smtp_address (v);
}

gboolean
bs_lhost_v5sendmail (const BsMail *mail, GPtrArray *records)
{
  gboolean fwd = FALSE;
  g_autofree char *subject = bs_sendmail_subject (mail, &fwd);
  if (!g_str_has_prefix (subject, "Returned mail: ") || !g_ascii_isupper (subject[15]))
    return FALSE;
  g_autofree char *body = bs_sendmail_body (mail, fwd);
  const char *orig = bs_text_find (body, body + strlen (body), originals, FALSE);
  if (orig == NULL)
    return FALSE;
  g_autoptr (BsTranscript) t = bs_transcript_read (body, orig);
  if (t == NULL)
    return FALSE;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  for (guint i = 0; i < t->items->len; i++)
    g_ptr_array_add (found, bs_record_copy (g_ptr_array_index (t->items, i)));
  if (found->len == 0)
    {
      g_autofree char *to = original_to (orig);
      if (to == NULL)
        return FALSE;
      BsRecord *r = bs_record_new ();
      bs_record_set (&r->recipient, to);
      bs_record_set (&r->diagnostic, t->text);
      bs_record_set (&r->command, t->command);
      bs_record_set (&r->remote_mta, t->host);
      g_ptr_array_add (found, r);
    }
  g_ptr_array_set_size (records, 0);
  bs_records_adopt (records, found);
  return records->len > 0;
}
