/* surfcontrol.c - SurfControl E-mail Filter (Websense) bounces
 *
 * Recognised by X-SEF-Processed and the X-Mailer "SurfControl E-mail
 * Filter".  After "Your message could not be sent." each recipient is
 * "Addressed To: user@domain", its attempt "user@domain: [192.0.2.5], 550
 * text"; a delivery-status part follows.  After Sisimai's
 * Lhost::SurfControl, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../find.h"

#include "kit.h"

static const char *const starts[] = { "Your message could not be sent.", NULL };

static void
read_line (BsNotice *n, BsLine l)
{
  if (bs_line_starts (l, "Addressed To:"))
    {
      bs_notice_recipient_line (n, bs_line_after (l, l.s + 13));
      return;
    }
  /* "kijitora@example.com: [192.0.2.5], 550 kijitora@example.com... No such user" */
  const char *sep = bs_line_find (l, ": [");
  BsLine rest = bs_line_after (l, sep);
  const char *close = sep ? bs_line_find (rest, "], ") : NULL;
  gsize before = sep ? (gsize) (sep - l.s) : 0;
  if (close != NULL && memchr (l.s, '@', before) != NULL && memchr (l.s, ' ', before) == NULL)
    {
      BsRecord *r = bs_notice_current (n);
      bs_text_set_line (&r->remote_mta, (BsLine) { sep + 3, (gsize) (close - sep - 3) });
      bs_text_set_line (&r->diagnostic, bs_line_after (l, close + 3));
      return;
    }
  if (!bs_line_starts (l, "Final-Recipient"))
    bs_notice_dsn_line (n, l);
}

static const BsFormat format = {
  .name = "surfcontrol", .notice = { .start = starts }, .read = read_line,
};

gboolean
bs_lhost_surfcontrol (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *sef = bs_mail_header (mail, "X-SEF-Processed");
  return sef != NULL && bs_header_is (mail, "X-Mailer", "SurfControl E-mail Filter")
         && bs_format_read (mail, records, &format, NULL);
}
