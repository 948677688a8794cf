/* surfcontrol.c - SurfControl E-mail Filter (Websense) bounces
 *
 * Recognised by X-SEF-Processed and the X-Mailer "SurfControl E-mail
 * Filter".  After "Your message could not be sent." each recipient is
 * "Addressed To: user@domain", its attempt "user@domain: [192.0.2.5], 550
 * text"; a delivery-status part follows.  After Sisimai's
 * Lhost::SurfControl, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "../find.h"

#include <string.h>

#include "kit.h"

static const char *const starts[] = { "Your message could not be sent.", NULL };

static void
read_line (BsNotice *scan, BsLine l)
{
  g_autofree char *line = bs_line_dup (l);
  if (g_str_has_prefix (line, "Addressed To:"))
    {
      bs_notice_recipient (scan, line + 13);
      return;
    }
  /* "kijitora@example.com: [192.0.2.5], 550 kijitora@example.com... No such user" */
  const char *sep = bs_strstr (line, ": [");
  const char *close = sep ? bs_strstr (sep, "], ") : NULL;
  if (sep != NULL && close != NULL && memchr (line, '@', (gsize) (sep - line)) != NULL
      && memchr (line, ' ', (gsize) (sep - line)) == NULL)
    {
      BsRecord *r = bs_notice_current (scan);
      g_autofree char *ip = g_strndup (sep + 3, (gsize) (close - sep - 3));
      bs_record_set (&r->remote_mta, ip);
      bs_record_set (&r->diagnostic, close + 3);
      return;
    }
  if (!g_str_has_prefix (line, "Final-Recipient"))
    bs_notice_dsn_line (scan, l);
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
