/* mxlogic.c - McAfee SaaS Email Protection (MXLogic) bounces, an Exim
 *
 * Recognised by the X-MX-Bounce, X-MXL-Hash or X-MXL-NoteHash headers
 * MXLogic adds.  After "This message was created automatically by mail
 * delivery software." each recipient is "  <user@domain>: reply"; the
 * original's header follows "Included is a copy of the message header:".
 * After Sisimai's Lhost::MXLogic, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../find.h"

#include "exim.h"

static const char *const starts[] = { "This message was created automatically by mail delivery software.", NULL };
static const char *const stops[] = { "Included is a copy of the message header:", NULL };

static void
read_line (BsNotice *n, BsLine l)
{
  /* "  <user@example.com>: 550 ..." */
  BsLine t = bs_line_trim (l);
  const char *close = t.n > 0 && t.s[0] == '<' ? bs_line_find (t, ">:") : NULL;
  if (close != NULL && memchr (t.s, '@', (gsize) (close - t.s)) != NULL)
    {
      BsRecord *r = bs_notice_recipient_line (n, t);
      if (r != NULL)
        bs_text_set_line (&r->diagnostic, bs_line_after (t, close + 2));
      return;
    }
  BsRecord *r = bs_notice_current (n);
  if (r->recipient != NULL)
    bs_text_append_line (&r->diagnostic, l);
}

static void
finish (BsRecord *r, gpointer user)
{
  bs_exim_finish (r, "mxlogic");
}

static const BsFormat format = {
  .name = "mxlogic", .notice = { .start = starts, .stop = stops }, .read = read_line, .finish = finish,
};

gboolean
bs_lhost_mxlogic (const BsMail *mail, GPtrArray *records)
{
  const char *bounce = bs_mail_header_peek (mail, "X-MX-Bounce");
  const char *hash = bs_mail_header_peek (mail, "X-MXL-Hash");
  const char *note = bs_mail_header_peek (mail, "X-MXL-NoteHash");
  return (bounce != NULL || hash != NULL || note != NULL)
         && bs_format_read (mail, records, &format, NULL);
}
