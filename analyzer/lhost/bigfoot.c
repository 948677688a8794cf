/* bigfoot.c - Bigfoot's bounces (a Sendmail notice)
 *
 * Recognised by a From at bigfoot.com or a Received field through
 * *.bigfoot.com; the session transcript (">>> RCPT TO:", "<<< 553 ...")
 * names the SMTP command, and a delivery-status part lists the
 * recipients.  After Sisimai's Lhost::Bigfoot, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

static const char *const starts[] = { "----- Transcript of session follows", NULL };

static void
finish (BsRecord *r, gpointer user)
{
  GPtrArray *commands = user;
  if (r->command == NULL && commands->len > 0)
    bs_record_set (&r->command, g_ptr_array_index (commands, commands->len - 1));
}

static const BsFormat format = {
  .name = "bigfoot", .notice = { .start_within = starts }, .finish = finish,
};

gboolean
bs_lhost_bigfoot (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_has (mail, "From", "@bigfoot.com>") && !bs_received_has (mail, ".bigfoot.com "))
    return FALSE;
  g_autoptr (GPtrArray) commands = bs_notice_commands (mail->body, &format.notice);
  return bs_format_read (mail, records, &format, commands);
}
