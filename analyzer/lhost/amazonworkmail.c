/* amazonworkmail.c - Amazon WorkMail's bounces
 *
 * Recognised by X-SES-Outgoing with an "Amazon WorkMail" X-Mailer (or
 * X-Original-Mailer).  The delivery-status fields are written in the text
 * after "Technical report:"; as with SES (amazonses.h), a vague status is
 * made precise from the text and an inner "<421 4.4.2 ...>" reply is the
 * remote's.
 * After Sisimai's Lhost::AmazonWorkMail, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "amazonses.h"

static const char *const starts[] = { "Technical report:", NULL };
static const char *const stops[] = { "<!DOCTYPE HTML><html>", NULL };

static void
finish (BsRecord *r, gpointer user)
{
  (void) user;
  bs_amazon_refine_status (r);
  bs_amazon_inner_reply (r);
}

static const BsFormat format = {
  .name = "amazonworkmail", .notice = { .start = starts, .stop = stops }, .finish = finish,
};

gboolean
bs_lhost_amazonworkmail (const BsMail *mail, GPtrArray *records)
{
  const char *ses = bs_mail_header_peek (mail, "X-SES-Outgoing");
  const char *original = bs_mail_header_peek (mail, "X-Original-Mailer");
  const char *xmailer = bs_mail_header_peek (mail, "X-Mailer");
  const char *mailer = original ? original : xmailer;
  if (ses == NULL || mailer == NULL || strcmp (mailer, "Amazon WorkMail") != 0)
    return FALSE;
  return bs_format_read (mail, records, &format, NULL);
}
