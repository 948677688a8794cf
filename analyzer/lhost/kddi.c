/* kddi.c - KDDI (au one net, DION) mail bounces
 *
 * "Your mail sent on: <date>", then "Could not be delivered to: <user@...>"
 * and an indented sentence that states the reason.  X-SPASIGN: NG marks a
 * message refused by the recipient's filter.  After Sisimai's Lhost::KDDI,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "textscan.h"

static const char *const starts[] = {
  "Your mail sent on", "Your mail attempted to be delivered on", NULL,
};

/* KDDI's own texts and the reason each states */
static const BsPhrase reasons[] = {
  { "mailboxfull", "As their mailbox is full" },
  { "norelaying", "Due to the following SMTP relay error" },
  { "hostunknown", "As the remote domain doesnt exist" },
};

/* "     Could not be delivered to: <user@example.jp>" */
static char *
rcpt (BsLine l, BsLine *rest)
{
  BsLine t = bs_line_trim (l);
  (void) rest;
  if (l.s[0] != ' ' && l.s[0] != '\t')
    return NULL;
  return bs_line_starts (t, "Could not be delivered to: <") ? bs_line_angle_addr (t, t.s, NULL) : NULL;
}

static BsLineAction
other (BsLine l, BsRecord *cur)
{
  (void) cur;
  return l.s[0] == ' ' || l.s[0] == '\t' ? BS_LINE_JOIN : BS_LINE_SKIP;
}

static const BsTextForm form = { .start = starts, .rcpt = rcpt, .other = other };

gboolean
bs_lhost_kddi (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *from = bs_mail_header (mail, "From");
  const char *at = from ? strstr (from, "no-reply@") : NULL;
  gboolean match = at != NULL && strstr (at, ".dion.ne.jp") != NULL;
  match = match || bs_header_has (mail, "Reply-To", "no-reply@app.auone-net.jp", TRUE)
          || bs_received_has (mail, "ezweb.ne.jp (") || bs_received_has (mail, ".au.com (");
  if (!match)
    return FALSE;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  if (bs_textscan (mail->body, &form, found) == 0)
    return FALSE;
  gboolean filtered = bs_header_has (mail, "X-SPASIGN", "NG", TRUE);
  for (guint i = 0; i < found->len; i++)
    {
      BsRecord *r = g_ptr_array_index (found, i);
      if (filtered)
        bs_set_reason_to (r, "filtered", "kddi", "X-SPASIGN: NG");
      bs_set_reason (r, reasons, G_N_ELEMENTS (reasons), "kddi");
    }
  bs_records_adopt (records, found);
  return records->len > 0;
}
