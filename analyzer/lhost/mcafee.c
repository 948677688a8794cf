/* mcafee.c - McAfee Email Gateway (Web Security Appliance) bounces
 *
 * Recognised by an X-NAI-Header "Modified by McAfee" and the subject
 * "Delivery Status".  Under "--- The following addresses had delivery
 * problems ---" each recipient is "<user@domain>   (text)"; the
 * delivery-status part that follows has no Final-Recipient, only
 * Original-Recipient, Remote-MTA and Diagnostic-Code.  After Sisimai's
 * Lhost::McAfee, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../find.h"

#include "kit.h"

static const char *const starts[] = { "--- The following addresses had delivery problems ---", NULL };

/* McAfee's texts for an unknown recipient */
static const BsPhrase phrases[] = {
  { BS_REASON_USERUNKNOWN, "No such user" },                /* McAfee gateway: no such recipient */
  { BS_REASON_USERUNKNOWN, "550 Unknown user " },           /* McAfee gateway: no such recipient */
  { BS_REASON_USERUNKNOWN, "... User not exist" },          /* McAfee gateway: no such recipient */
};

static void
read_line (BsNotice *n, BsLine l)
{
  /* "<kijitora@example.co.jp>   (Unknown user kijitora@example.co.jp)" */
  const char *gt = bs_line_chr (l, '>');
  const char *paren = gt ? bs_line_chr (bs_line_after (l, gt), '(') : NULL;
  if (l.s[0] == '<' && paren != NULL && bs_line_ends (l, ")"))
    {
      BsRecord *r = bs_notice_recipient_line (n, l);
      if (r != NULL)
        bs_text_set_line (&r->diagnostic, (BsLine) { paren + 1, (gsize) (l.s + l.n - 1 - (paren + 1)) });
      return;
    }
  if (!bs_line_starts (l, "Final-Recipient"))
    bs_notice_dsn_line (n, l);
}

/* "User (user@domain) unknown. ": McAfee's other text for it */
static void
finish (BsRecord *r, gpointer user)
{
  if (r->diagnostic && bs_strstr (r->diagnostic, " User (") && bs_strstr (r->diagnostic, ") unknown. "))
    bs_record_set_reason (r, BS_REASON_USERUNKNOWN, "mcafee", "User (...) unknown.");
}

static const BsFormat format = {
  .name = "mcafee", .notice = { .start_within = starts }, .read = read_line, .finish = finish,
  BS_FORMAT_REASONS (phrases),
};

gboolean
bs_lhost_mcafee (const BsMail *mail, GPtrArray *records)
{
  return bs_header_has (mail, "X-NAI-Header", "Modified by McAfee")
         && bs_header_is (mail, "Subject", "Delivery Status")
         && bs_format_read (mail, records, &format, NULL);
}
