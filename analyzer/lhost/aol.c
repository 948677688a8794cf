/* aol.c - AOL's bounces
 *
 * Recognised by the X-AOL-IP header; the recipients are in the
 * delivery-status part.  After Sisimai's Lhost::Aol, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include "providerscan.h"

static const char *const starts[] = { "Content-Type: message/delivery-status", NULL };

/* AOL's resolver texts */
static const BsPhrase phrases[] = {
  { BS_REASON_HOSTUNKNOWN, "Host or domain name not found" }, /* AOL: recipient domain has no DNS record */
  { BS_REASON_NOTACCEPT, "type=MX: Malformed or unexpected name server reply" }, /* AOL: the domain's MX lookup failed */
};

static const BsPscanFormat format = { "aol", { .start = starts }, BS_PSCAN_PHRASES (phrases) };

gboolean
bs_lhost_aol (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *ip = bs_mail_header (mail, "X-AOL-IP");
  if (ip == NULL)
    return FALSE;
  return bs_pscan_dsn_format (mail, records, &format, NULL);
}
