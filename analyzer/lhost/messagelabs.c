/* messagelabs.c - Symantec MessageLabs (Email Security.cloud) bounces
 *
 * Recognised by X-Msg-Ref, From MAILER-DAEMON@messagelabs.com and a
 * "Mail Delivery Failure" subject; the recipients are in the
 * delivery-status part.  After Sisimai's Lhost::MessageLabs, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "providerscan.h"

static const char *const starts[] = { "Content-Type: message/delivery-status", NULL };
static const BsPscanSpec spec = { .start = starts };

/* MessageLabs' own texts */
static const BsPscanPhrase phrases[] = {
  { "userunknown", "No such user" },
  { "securityerror", "Please turn on SMTP Authentication in your mail client" },
};

static void
finish (BsRecord *r, gpointer user)
{
  if (bs_pscan_phrase_reason (r, phrases, G_N_ELEMENTS (phrases), "messagelabs") || r->diagnostic == NULL)
    return;
  /* "542 ... Rejected": MessageLabs' refusal of an unknown recipient */
  const char *p = strstr (r->diagnostic, "542 ");
  if (p != NULL && strstr (p + 4, " Rejected") != NULL)
    bs_pscan_set_reason (r, "userunknown", "messagelabs", "542 ... Rejected");
}

gboolean
bs_lhost_messagelabs (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *ref = bs_mail_header (mail, "X-Msg-Ref");
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  if (ref == NULL || !bs_pscan_header_has (mail, "From", "MAILER-DAEMON@messagelabs.com") || subject == NULL
      || !g_str_has_prefix (subject, "Mail Delivery Failure"))
    return FALSE;
  return bs_pscan_dsn_module (mail, records, &spec, finish, NULL);
}
