/* activehunter.c - ActiveHunter (Japanese mail filter) bounces (X-AHMAILID)
 *
 * "----- The following addresses had permanent fatal errors -----", then
 * ">>> user@example.com <user@example.com>" and the remote's reply.
 * After Sisimai's Lhost::Activehunter, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

static const char *const starts[] = {
  "  ----- The following addresses had permanent fatal errors -----", NULL,
};

/* ">>> user@example.com <user@example.com>" */
static char *
rcpt (BsLine l, BsLine *rest)
{
  (void) rest;
  return bs_line_starts (l, ">>> ") && bs_line_ends (l, ">") ? bs_line_angle_addr (l, l.s + 4, NULL) : NULL;
}

/* the first line of text is the reply ("550 sorry, no mailbox here ...") */
static BsLineAction
other (BsLine l, BsRecord *cur)
{
  return cur != NULL && cur->diagnostic == NULL && g_ascii_isalnum (l.s[0]) ? BS_LINE_JOIN : BS_LINE_SKIP;
}

static const BsFormat format = {
  .name = "activehunter", .notice = { .start = starts }, .rcpt = rcpt, .other = other,
};

gboolean
bs_lhost_activehunter (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *id = bs_mail_header (mail, "X-AHMAILID");
  if (id == NULL)
    return FALSE;
  return bs_format_read (mail, records, &format, NULL);
}
