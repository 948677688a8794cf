/* receivingses.c - Amazon SES (receiving): refusals of inbound mail
 *
 * Recognised by X-SES-Outgoing and the text "This message could not be
 * delivered." before a delivery-status part.  SES's fixed texts in the
 * Diagnostic-Code name the reason.  After Sisimai's Lhost::ReceivingSES,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include "providerscan.h"

static const char *const starts[] = { "This message could not be delivered.", NULL };
static const BsPscanSpec spec = { .start = starts };

/* SES's own refusal texts */
static const BsPscanPhrase phrases[] = {
  { "filtered", "Mailbox does not exist" },
  { "mesgtoobig", "Message too large" },
  { "mailboxfull", "Mailbox full" },
  { "contenterror", "Message content rejected" },
};

static void
finish (BsRecord *r, gpointer user)
{
  bs_pscan_refine_status (r);
  bs_pscan_phrase_reason (r, phrases, G_N_ELEMENTS (phrases), "receivingses");
}

gboolean
bs_lhost_receivingses (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *ses = bs_mail_header (mail, "X-SES-Outgoing");
  if (ses == NULL)
    return FALSE;
  return bs_pscan_dsn_module (mail, records, &spec, finish, NULL);
}
