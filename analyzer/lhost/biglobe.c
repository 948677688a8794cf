/* biglobe.c - BIGLOBE (NEC, Japan) bounces ("Returned mail: ...")
 *
 * "----- The following addresses had delivery problems -----", the
 * addresses, then "----- Non-delivered information -----" and the reason.
 * After Sisimai's Lhost::Biglobe, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "textscan.h"

static const char *const starts[] = { "   ----- The following addresses had delivery problems -----", NULL };

/* BIGLOBE's own texts and the reason each states */
static const BsPhrase reasons[] = {
  { BS_REASON_FILTERED, "Mail Delivery Failed... User unknown" }, /* Biglobe: the recipient's own filter refused it */
  { BS_REASON_MAILBOXFULL, "The number of messages in recipient's mailbox exceeded the local limit." }, /* Biglobe: mailbox over its message count */
};

/* the address alone on its line */
static char *
rcpt (BsLine l, BsLine *rest)
{
  const char *after = NULL;
  char *addr = l.s[0] != ' ' ? bs_line_bare_addr (l, &after) : NULL;
  if (addr != NULL && after != l.s + l.n)
    g_clear_pointer (&addr, g_free);
  (void) rest;
  return addr;
}

/* "   ----- Non-delivered information -----" is not the reason */
static BsLineAction
other (BsLine l, BsRecord *cur)
{
  (void) cur;
  return g_ascii_isalnum (l.s[0]) ? BS_LINE_JOIN : BS_LINE_SKIP;
}

static const BsTextForm form = {
  .start = starts, .rcpt = rcpt, .other = other,
  .name = "biglobe", .reasons = reasons, .n_reasons = G_N_ELEMENTS (reasons),
};

gboolean
bs_lhost_biglobe (const BsMail *mail, GPtrArray *records)
{
  static const char *const senders[] = {
    "postmaster@biglobe.ne.jp", "postmaster@inacatv.ne.jp", "postmaster@tmtv.ne.jp",
    "postmaster@ttv.ne.jp",
  };
  gboolean match = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (senders) && !match; i++)
    match = bs_header_has (mail, "From", senders[i], FALSE);
  if (!match || !bs_header_has (mail, "Subject", "Returned mail:", TRUE))
    return FALSE;
  return bs_text_read (mail, &form, records);
}
