/* messagelabs.c - Symantec MessageLabs (Email Security.cloud) bounces
 *
 * Recognised by X-Msg-Ref, From MAILER-DAEMON@messagelabs.com and a
 * "Mail Delivery Failure" subject; the recipients are in the
 * delivery-status part.  After Sisimai's Lhost::MessageLabs, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"
#include "../find.h"

#include <string.h>

#include "providerscan.h"

static const char *const starts[] = { "Content-Type: message/delivery-status", NULL };

/* MessageLabs' own texts */
static const BsPhrase phrases[] = {
  { BS_REASON_USERUNKNOWN, "No such user" },                /* MessageLabs: no such recipient */
  { BS_REASON_SECURITYERROR, "Please turn on SMTP Authentication in your mail client" }, /* MessageLabs: relaying needs SMTP AUTH */
};

static void
finish (BsRecord *r, gpointer user)
{
  if (r->diagnostic == NULL)
    return;
  /* "542 ... Rejected": MessageLabs' refusal of an unknown recipient */
  const char *p = bs_strstr (r->diagnostic, "542 ");
  if (p != NULL && bs_strstr (p + 4, " Rejected") != NULL)
    bs_set_reason_to (r, BS_REASON_USERUNKNOWN, "messagelabs", "542 ... Rejected");
}

static const BsPscanFormat format = {
  "messagelabs", { .start = starts }, .finish = finish, BS_PSCAN_PHRASES (phrases),
};

gboolean
bs_lhost_messagelabs (const BsMail *mail, GPtrArray *records)
{
  const char *ref = bs_mail_header_peek (mail, "X-Msg-Ref");
  const char *subject = bs_mail_header_peek (mail, "Subject");
  if (ref == NULL || !bs_pscan_header_has (mail, "From", "MAILER-DAEMON@messagelabs.com") || subject == NULL
      || !g_str_has_prefix (subject, "Mail Delivery Failure"))
    return FALSE;
  return bs_pscan_dsn_format (mail, records, &format, NULL);
}
