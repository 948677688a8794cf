/* aol.c - AOL's bounces
 *
 * Recognised by the X-AOL-IP header; the recipients are in the
 * delivery-status part.  After Sisimai's Lhost::Aol, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include "providerscan.h"

static const char *const starts[] = { "Content-Type: message/delivery-status", NULL };
static const BsPscanSpec spec = { .start = starts };

/* AOL's resolver texts */
static const BsPscanPhrase phrases[] = {
  { "hostunknown", "Host or domain name not found" },
  { "notaccept", "type=MX: Malformed or unexpected name server reply" },
};

static void
finish (BsRecord *r, gpointer user)
{
  bs_pscan_phrase_reason (r, phrases, G_N_ELEMENTS (phrases), "aol");
}

gboolean
bs_lhost_aol (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *ip = bs_mail_header (mail, "X-AOL-IP");
  if (ip == NULL)
    return FALSE;
  return bs_pscan_dsn_module (mail, records, &spec, finish, NULL);
}
