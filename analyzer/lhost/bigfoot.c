/* bigfoot.c - Bigfoot's bounces (a Sendmail notice)
 *
 * Recognised by a From at bigfoot.com or a Received field through
 * *.bigfoot.com; the session transcript (">>> RCPT TO:", "<<< 553 ...")
 * names the SMTP command, and a delivery-status part lists the
 * recipients.  After Sisimai's Lhost::Bigfoot, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include "providerscan.h"

static const char *const starts[] = { "----- Transcript of session follows", NULL };
static const BsPscanSpec spec = { .start_within = starts };

static void
finish (BsRecord *r, gpointer user)
{
  GPtrArray *commands = user;
  if (r->command == NULL && commands->len > 0)
    bs_record_set (&r->command, g_ptr_array_index (commands, commands->len - 1));
}

gboolean
bs_lhost_bigfoot (const BsMail *mail, GPtrArray *records)
{
  if (!bs_pscan_header_has (mail, "From", "@bigfoot.com>") && !bs_pscan_received_has (mail, ".bigfoot.com "))
    return FALSE;
  g_autoptr (GPtrArray) commands = bs_pscan_commands (mail->body, &spec);
  return bs_pscan_dsn_module (mail, records, &spec, finish, commands);
}
