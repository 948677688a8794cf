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
#include "../find.h"

static const char *const starts[] = {
  "Your mail sent on", "Your mail attempted to be delivered on", NULL,
};

/* KDDI's own texts and the reason each states */
static const BsPhrase reasons[] = {
  { BS_REASON_MAILBOXFULL, "As their mailbox is full" },    /* au (KDDI): mailbox full */
  { BS_REASON_NORELAYING, "Due to the following SMTP relay error" },/* au (KDDI): relaying refused */
  { BS_REASON_HOSTUNKNOWN, "As the remote domain doesnt exist" }, /* au (KDDI): recipient domain does not exist */
};

/* "     Could not be delivered to: <user@example.jp>" */
static char *
rcpt (BsLine l, BsLine *rest)
{
  (void) rest;
  return bs_line_labelled_addr (l, "Could not be delivered to:");
}

static const BsTextForm form = {
  .start = starts, .rcpt = rcpt, .other = bs_other_indented,
  .name = "kddi", .reasons = reasons, .n_reasons = G_N_ELEMENTS (reasons),
};

gboolean
bs_lhost_kddi (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *from = bs_mail_header (mail, "From");
  const char *at = from ? bs_strstr (from, "no-reply@") : NULL;
  gboolean match = at != NULL && bs_strstr (at, ".dion.ne.jp") != NULL;
  match = match || bs_header_has (mail, "Reply-To", "no-reply@app.auone-net.jp", TRUE)
          || bs_received_has (mail, "ezweb.ne.jp (") || bs_received_has (mail, ".au.com (");
  if (!match)
    return FALSE;
  return bs_text_read (mail, &form, records) && bs_spasign (mail, records, "kddi");
}
