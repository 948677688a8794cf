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

/* SES's own refusal texts */
static const BsPhrase phrases[] = {
  { BS_REASON_FILTERED, "Mailbox does not exist" },         /* SES inbound: suppressed or unknown address */
  { BS_REASON_MESGTOOBIG, "Message too large" },            /* SES inbound: message over the size limit */
  { BS_REASON_MAILBOXFULL, "Mailbox full" },                /* SES inbound: mailbox full */
  { BS_REASON_CONTENTERROR, "Message content rejected" },   /* SES inbound: content refused */
};

static void
finish (BsRecord *r, gpointer user)
{
  bs_pscan_refine_status (r);
}

static const BsPscanFormat format = {
  "receivingses", { .start = starts }, .finish = finish, BS_PSCAN_PHRASES (phrases),
};

gboolean
bs_lhost_receivingses (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *ses = bs_mail_header (mail, "X-SES-Outgoing");
  if (ses == NULL)
    return FALSE;
  return bs_pscan_dsn_format (mail, records, &format, NULL);
}
