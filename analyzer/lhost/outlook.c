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
static const BsPscanSpec spec = { .start = starts };

/* Hotmail's own texts */
static const BsPscanPhrase phrases[] = {
  { "hostunknown", "The mail could not be delivered to the recipient because the domain is not reachable" },
  { "userunknown", "Requested action not taken: mailbox unavailable" },
};

static void
finish (BsRecord *r, gpointer user)
{
  bs_pscan_phrase_reason (r, phrases, G_N_ELEMENTS (phrases), "outlook");
}

gboolean
bs_lhost_outlook (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *delivery = bs_mail_header (mail, "X-Message-Delivery");
  g_autofree char *info = bs_mail_header (mail, "X-Message-Info");
  guint score = bs_pscan_header_has (mail, "Subject", "Delivery Status Notification");
  score += delivery != NULL && *delivery != '\0';
  score += info != NULL && *info != '\0';
  score += bs_pscan_received_has (mail, ".hotmail.com");
  if (score < 2)
    return FALSE;
  return bs_pscan_dsn_module (mail, records, &spec, finish, NULL);
}
