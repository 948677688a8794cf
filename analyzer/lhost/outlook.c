/* outlook.c - Outlook.com / Hotmail bounces (the consumer service)
 *
 * Recognised by two of: a "Delivery Status Notification" subject, the
 * X-Message-Delivery and X-Message-Info headers Hotmail adds, a Received
 * field through *.hotmail.com.  A delivery-status part follows "This is an
 * automatically generated Delivery Status Notification".  After Sisimai's
 * Lhost::Outlook, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include "providerscan.h"

static const char *const starts[] = { "This is an automatically generated Delivery Status Notification", NULL };

/* Hotmail's own texts */
static const BsPhrase phrases[] = {
  { BS_REASON_HOSTUNKNOWN, "The mail could not be delivered to the recipient because the domain is not reachable" }, /* Outlook.com: recipient domain unreachable */
  { BS_REASON_USERUNKNOWN, "Requested action not taken: mailbox unavailable" }, /* Outlook.com: no such mailbox */
};

static const BsPscanFormat format = { "outlook", { .start = starts }, BS_PSCAN_PHRASES (phrases) };

gboolean
bs_lhost_outlook (const BsMail *mail, GPtrArray *records)
{
  const char *delivery = bs_mail_header_peek (mail, "X-Message-Delivery");
  const char *info = bs_mail_header_peek (mail, "X-Message-Info");
  guint score = bs_pscan_header_has (mail, "Subject", "Delivery Status Notification");
  score += delivery != NULL && *delivery != '\0';
  score += info != NULL && *info != '\0';
  score += bs_pscan_received_has (mail, ".hotmail.com");
  if (score < 2)
    return FALSE;
  return bs_pscan_dsn_format (mail, records, &format, NULL);
}
