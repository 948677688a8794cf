/* zoho.c - Zoho Mail's bounces
 *
 * Recognised by the X-ZohoMail header.  After "This message was created
 * automatically by mail delivery software" each recipient line is
 * "user@domain <text>" or "[Status: Error, Address: <user@domain>,
 * ResponseCode 421, ...]"; the original's headers follow, inline, from a
 * "Received:" line.  After Sisimai's Lhost::Zoho, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../find.h"

#include "kit.h"

static const char *const starts[] = { "This message was created automatically by mail delivery", NULL };
static const char *const stops[] = { "Received:", NULL };

/* Zoho's own texts */
static const BsPhrase phrases[] = {
  { BS_REASON_EXPIRED, "Host not reachable" },              /* Zoho gave up: the MX was unreachable */
};

static void
read_line (BsNotice *n, BsLine l)
{
  gboolean *warning = n->user;
  if (bs_line_starts (l, "THIS IS A WARNING MESSAGE ONLY"))
    *warning = TRUE;
  gsize first = 0;
  while (first < l.n && l.s[first] != ' ' && l.s[first] != '\t')
    first++;
  /* "kijitora@example.co.jp Invalid Address, ERROR_CODE :550, ..." */
  if (memchr (l.s, '@', first) != NULL && first + 1 < l.n)
    {
      BsRecord *r = bs_notice_recipient_line (n, l);
      if (r != NULL)
        bs_text_set_line (&r->diagnostic, bs_line_after (l, l.s + first + 1));
      return;
    }
  /* "[Status: Error, Address: <kijitora@example.jp>, ResponseCode 421, ...]" */
  const char *lt = bs_line_chr (l, '<');
  if (bs_line_starts (l, "[Status: ") && lt != NULL && bs_line_find (bs_line_after (l, lt), ">,") != NULL)
    {
      BsRecord *r = bs_notice_recipient_line (n, bs_line_after (l, lt));
      if (r != NULL)
        bs_text_set_line (&r->diagnostic, l);
    }
}

/* "THIS IS A WARNING MESSAGE ONLY": Zoho keeps trying */
static void
finish (BsRecord *r, gpointer user)
{
  if (*(gboolean *) user)
    bs_record_set (&r->action, "delayed");
}

static const BsFormat format = {
  .name = "zoho", .notice = { .start = starts, .stop = stops }, .read = read_line, .finish = finish,
  BS_FORMAT_REASONS (phrases),
};

gboolean
bs_lhost_zoho (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *zoho = bs_mail_header (mail, "X-ZohoMail");
  gboolean warning = FALSE;
  return zoho != NULL && bs_format_read (mail, records, &format, &warning);
}
