/* qmaillike.c - qmail-like bounces of other MTAs ("failure notice",
 * "Permanent Delivery Failure") that do not start "Hi. This is the qmail"
 *
 * Same shape as qmail's ("<user@example.com>:" then the error), read by
 * qmail.c's reader (qmail.h) with these notices' own first sentences.
 * Sisimai calls this format X4 (Lhost::X4, BSD-2-Clause), after which it
 * is written.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "qmail.h"

/* first sentences of the notices (several localised qmail variants) */
static const char *const starts[] = {
  "He/Her is not ", "Hi. ", "Su mensaje no pudo ser entregado",
  "This is the machine generated message from mail service", "This is the mail delivery agent at",
  "Unable to deliver message to the following address",
  "Unfortunately, your mail was not delivered to the following address:",
  "Your mail message to the following address", "Your message to the following addresses",
  "We're sorry.", NULL,
};

gboolean
bs_lhost_qmaillike (const BsMail *mail, GPtrArray *records)
{
  gboolean match = bs_header_starts (mail, "Subject", "failure notice")
                   || bs_header_starts (mail, "Subject", "Permanent Delivery Failure")
                   || bs_received_has (mail, "invoked for bounce)");
  if (!match)
    return FALSE;
  return bs_qmail_read (mail, records, starts, "qmaillike");
}
