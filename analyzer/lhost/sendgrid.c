/* sendgrid.c - SendGrid's bounces
 *
 * Recognised by Return-Path <apps@sendgrid.net> and the subject
 * "Undelivered Mail Returned to Sender"; a summary line per recipient ends
 * with the SMTP command ("... User Unknown  in RCPT TO"), then a
 * delivery-status part (whose Diagnostic-Code may lack its "smtp;" type).
 * After Sisimai's Lhost::SendGrid, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../smtp.h"

#include "kit.h"

static const char *const starts[] = { "This is an automatically generated message from SendGrid.", NULL };

static void
finish (BsRecord *r, gpointer user)
{
  GPtrArray *commands = user;
  if (r->command == NULL && commands->len > 0)
    bs_record_set (&r->command, g_ptr_array_index (commands, 0));
  if (r->status == NULL || g_str_has_suffix (r->status, ".0.0"))
    {
      g_autofree char *st = bs_smtp_find_status (r->diagnostic);
      if (st != NULL)
        bs_record_set_status (r, st);
    }
}

static const BsFormat format = {
  .name = "sendgrid", .notice = { .start = starts }, .finish = finish,
};

gboolean
bs_lhost_sendgrid (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_is (mail, "Return-Path", "<apps@sendgrid.net>")
      || !bs_header_is (mail, "Subject", "Undelivered Mail Returned to Sender"))
    return FALSE;
  g_autoptr (GPtrArray) commands = bs_notice_commands (mail->body, &format.notice);
  return bs_format_read (mail, records, &format, commands);
}
