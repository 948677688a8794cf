/* interscanmss.c - Trend Micro InterScan Messaging Security Suite notices
 *
 * "Sent <<< RCPT TO:<user@example.com>" / "Received >>> 550 5.1.1 ..."
 * transcripts, or "Unable to deliver message to <user@example.com>".
 * After Sisimai's Lhost::InterScanMSS, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "textscan.h"
#include "../find.h"

static const char *const stops[] = { "Content-type: message/rfc822", NULL };

/* subjects of its notices */
static const char *const subjects[] = {
  "Mail could not be delivered", "メッセージを配信できません。", "メール配信に失敗しました",
};

/* "... <<< RCPT TO:<user@example.com>", "Unable to deliver message to <user@...>" */
static char *
rcpt (BsLine l, BsLine *rest)
{
  const char *p = bs_line_find (l, "<<< ");
  if (p == NULL)
    p = bs_line_find (l, ">>> ");
  if (p == NULL)
    p = bs_line_find (l, "Unable to deliver message to <");
  if (p == NULL)
    return NULL;
  char *addr = bs_line_angle_addr (l, p, NULL);
  if (addr != NULL && bs_line_find (l, "Unable to deliver") != NULL)
    *rest = bs_line_trim (l);
  else if (addr != NULL && bs_line_starts (l, "Received") && strncmp (p, ">>> ", 4) == 0)
    *rest = bs_line_after (l, p + 4); /* "Received >>> 550 5.1.1 <user@...>... user unknown" */
  return addr;
}

/* "Received >>> 550 5.1.1 User unknown" (no address) is the reply */
static BsLineAction
other (BsLine l, BsRecord *cur)
{
  const char *p = bs_line_find (l, ">>> ");
  if (cur != NULL && p != NULL && bs_line_starts (l, "Received"))
    {
      BsLine reply = bs_line_after (l, p + 4);
      g_autofree char *d = bs_line_dup (reply);
      bs_record_set (&cur->diagnostic, d);
    }
  return BS_LINE_SKIP;
}

static const BsTextForm form = { .stop = stops, .rcpt = rcpt, .other = other };

gboolean
bs_lhost_interscanmss (const BsMail *mail, GPtrArray *records)
{
  gboolean match = bs_header_has (mail, "From", "\"InterScan MSS\"", TRUE)
                   || bs_header_has (mail, "From", "\"InterScan Notification\"", TRUE);
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  for (gsize i = 0; subject != NULL && i < G_N_ELEMENTS (subjects); i++)
    match = match || strcmp (g_strstrip (subject), subjects[i]) == 0;
  if (!match)
    return FALSE;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  if (bs_textscan (mail->body, &form, found) == 0)
    return FALSE;
  /* one record per address: the transcript names it on several lines */
  for (guint i = 1; i < found->len; i++)
    {
      BsRecord *a = g_ptr_array_index (found, i - 1), *b = g_ptr_array_index (found, i);
      if (g_ascii_strcasecmp (a->recipient, b->recipient) == 0)
        {
          if (b->diagnostic == NULL)
            bs_record_set (&b->diagnostic, a->diagnostic);
          g_ptr_array_remove_index (found, --i);
        }
    }
  for (guint i = 0; i < found->len; i++)
    {
      BsRecord *r = g_ptr_array_index (found, i);
      const char *sent = r->diagnostic ? bs_strstr (r->diagnostic, "Unable to deliver") : NULL;
      if (sent != NULL)
        bs_set_reason_to (r, BS_REASON_USERUNKNOWN, "interscanmss", "Unable to deliver message to");
    }
  bs_records_adopt (records, found);
  return records->len > 0;
}
