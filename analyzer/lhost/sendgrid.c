/* sendgrid.c - SendGrid's bounces
 *
 * Recognised by Return-Path <apps@sendgrid.net> and the subject
 * "Undelivered Mail Returned to Sender"; a summary line per recipient ends
 * with the SMTP command ("... User Unknown  in RCPT TO"), then a
 * delivery-status part (whose Diagnostic-Code may lack its "smtp;" type).
 * After Sisimai's Lhost::SendGrid, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "../smtp.h"
#include "providerscan.h"

static const char *const starts[] = { "This is an automatically generated message from SendGrid.", NULL };
static const BsPscanSpec spec = { .start = starts };

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
        bs_pscan_set_status (r, st);
    }
}

gboolean
bs_lhost_sendgrid (const BsMail *mail, GPtrArray *records)
{
  if (!bs_pscan_header_is (mail, "Return-Path", "<apps@sendgrid.net>")
      || !bs_pscan_header_is (mail, "Subject", "Undelivered Mail Returned to Sender"))
    return FALSE;
  g_autoptr (GPtrArray) commands = bs_pscan_commands (mail->body, &spec);
  return bs_pscan_dsn_module (mail, records, &spec, finish, commands);
}
