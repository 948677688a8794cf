/* notes.c - Lotus Notes bounces ("Undeliverable message")
 *
 * "------- Failure Reasons --------", the reason, then the address it
 * applies to, then "------- Returned Message --------".  Notes' own
 * sentences state the reason.  After Sisimai's Lhost::Notes, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "textscan.h"

static const char *const starts[] = { "------- Failure Reasons ", NULL };
static const char *const stops[] = { "------- Returned Message --------", NULL };

/* Notes' own texts and the reason each states */
static const BsPhrase reasons[] = {
  { BS_REASON_USERUNKNOWN, "User not listed in public Name & Address Book" }, /* Notes: no such user */
  { BS_REASON_USERUNKNOWN, "ディレクトリのリストにありません" },            /* Notes: no such user (Japanese) */
  { BS_REASON_NETWORKERROR, "Message has exceeded maximum hop count" }, /* Notes: mail loop (hop count) */
};

/* the address alone at the start of a line */
static char *
rcpt (BsLine l, BsLine *rest)
{
  if (l.s[0] == ' ' || l.s[0] == '\t')
    return NULL;
  (void) rest;
  return bs_line_bare_addr (l, NULL);
}

static BsLineAction
other (BsLine l, BsRecord *cur)
{
  (void) cur;
  return l.s[0] == '-' ? BS_LINE_SKIP : BS_LINE_JOIN;
}

static const BsTextForm form = {
  .start = starts, .flags = BS_TEXT_BEFORE, .stop = stops, .rcpt = rcpt, .other = other,
  .name = "notes", .reasons = reasons, .n_reasons = G_N_ELEMENTS (reasons),
};

gboolean
bs_lhost_notes (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_has (mail, "Subject", "Undeliverable message", TRUE))
    return FALSE;
  return bs_text_read (mail, &form, records);
}
