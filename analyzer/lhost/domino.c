/* domino.c - IBM/HCL Domino bounces ("DELIVERY FAILURE: ...")
 *
 * "Your message / Subject: ... / was not delivered to: / <address> /
 * because: / <reason>", each part on its own indented line.  Domino's own
 * sentences state the reason.  After Sisimai's Lhost::Domino, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "textscan.h"

static const char *const starts[] = { "Your message", NULL };

/* Domino's own texts and the reason each states */
static const BsPhrase reasons[] = {
  { BS_REASON_USERUNKNOWN, "not listed in Domino Directory" }, /* Domino: no such user (English) */
  { BS_REASON_USERUNKNOWN, "not listed in public Name & Address Book" }, /* Domino/Notes: no such user (older wording) */
  { BS_REASON_USERUNKNOWN, "non répertorié dans l'annuaire Domino" }, /* Domino: no such user (French) */
  { BS_REASON_USERUNKNOWN, "Domino ディレクトリには見つかりません" },      /* Domino: no such user (Japanese) */
  { BS_REASON_FILTERED, "Cannot route mail to user" },      /* Domino: the user's mail routing refuses it */
  { BS_REASON_SYSTEMERROR, "Several matches found in Domino Directory" }, /* Domino: ambiguous directory entry */
};

/* "  user@example.com" alone on its indented line */
static char *
rcpt (BsLine l, BsLine *rest)
{
  BsLine t = bs_line_trim (l);
  const char *after = NULL;
  if (l.s[0] != ' ' || t.n == 0)
    return NULL;
  char *addr = bs_line_bare_addr (t, &after);
  if (addr != NULL && after != t.s + t.n)
    g_clear_pointer (&addr, g_free); /* a sentence holding an address */
  (void) rest;
  return addr;
}

/* the reason is the indented text after "because:" */
static BsLineAction
other (BsLine l, BsRecord *cur)
{
  (void) cur;
  if (bs_line_equals (l, "because:") || bs_line_equals (l, "was not delivered to:")
      || bs_line_starts (l, "  Subject:"))
    return BS_LINE_SKIP;
  return l.s[0] == ' ' ? BS_LINE_JOIN : BS_LINE_SKIP;
}

static const BsTextForm form = {
  .start = starts, .rcpt = rcpt, .other = other,
  .name = "domino", .reasons = reasons, .n_reasons = G_N_ELEMENTS (reasons),
};

gboolean
bs_lhost_domino (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_has (mail, "Subject", "DELIVERY FAILURE:", TRUE)
      && !bs_header_has (mail, "Subject", "DELIVERY_FAILURE:", TRUE))
    return FALSE;
  return bs_text_read (mail, &form, records);
}
