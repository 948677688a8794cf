/* opensmtpd.c - OpenSMTPD bounces ("This is the MAILER-DAEMON, please DO
 * NOT REPLY to this e-mail.")
 *
 * One line per failed recipient, "user@example.com: 550 5.1.1 ...", after
 * the indented greeting; newer versions add a delivery-status part whose
 * Status is only "5.0.0" (dsn.c), which the text betters.  OpenSMTPD's own
 * messages (mta.c, envelope expiry) state the reason.
 * After Sisimai's Lhost::OpenSMTPD, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "textscan.h"

static const char *const starts[] = {
  "    This is the MAILER-DAEMON, please DO NOT REPLY to this", NULL,
};

static const char *const stops[] = {
  "    Below is a copy of the original message:", "Content-Type: message/delivery-status", NULL,
};

/* OpenSMTPD's own error texts (smtpd/mta.c, queue) and the reason each states */
static const BsPhrase reasons[] = {
  { BS_REASON_EXPIRED, "Envelope expired" },                /* OpenSMTPD gave up: queue lifetime over */
  { BS_REASON_HOSTUNKNOWN, "Invalid domain name" },         /* OpenSMTPD: malformed recipient domain */
  { BS_REASON_HOSTUNKNOWN, "Domain does not exist" },       /* OpenSMTPD: recipient domain does not exist */
  { BS_REASON_NOTACCEPT, "Destination seem to reject all mails" }, /* OpenSMTPD: every MX refuses mail */
  { BS_REASON_NETWORKERROR, "Address family mismatch on destination MXs" }, /* OpenSMTPD: no MX reachable over IPv4/IPv6 */
  { BS_REASON_NETWORKERROR, "All routes to destination blocked" }, /* OpenSMTPD: no route to the MX */
  { BS_REASON_NETWORKERROR, "bad DNS lookup error code" },  /* OpenSMTPD: DNS lookup failed */
  { BS_REASON_NETWORKERROR, "Could not retrieve source address" }, /* OpenSMTPD: no source address to connect from */
  { BS_REASON_NETWORKERROR, "Loop detected" },              /* OpenSMTPD: mail loop */
  { BS_REASON_NETWORKERROR, "Network error on destination MXs" }, /* OpenSMTPD: network error towards the MX */
  { BS_REASON_NETWORKERROR, "No MX found for domain" },     /* OpenSMTPD: the domain has no MX */
  { BS_REASON_NETWORKERROR, "No MX found for destination" }, /* OpenSMTPD: the domain has no MX */
  { BS_REASON_NETWORKERROR, "No valid route to remote MX" }, /* OpenSMTPD: no route to the MX */
  { BS_REASON_NETWORKERROR, "No valid route to destination" }, /* OpenSMTPD: no route to the destination */
  { BS_REASON_NETWORKERROR, "Temporary failure in MX lookup" }, /* OpenSMTPD: MX lookup failed for now */
  { BS_REASON_SECURITYERROR, "Could not retrieve credentials" }, /* OpenSMTPD: relay credentials missing */
};

/* "user@example.com: 550 5.1.1 ..." at the start of a line */
static char *
rcpt (BsLine l, BsLine *rest)
{
  if (l.s[0] == ' ' || l.s[0] == '\t')
    return NULL;
  const char *after = NULL;
  char *addr = bs_line_bare_addr (l, &after);
  if (addr != NULL)
    *rest = bs_line_after (l, after);
  return addr;
}

static const BsTextForm form = {
  .start = starts, .stop = stops, .rcpt = rcpt, .other = bs_other_skip,
  .name = "opensmtpd", .reasons = reasons, .n_reasons = G_N_ELEMENTS (reasons),
};

gboolean
bs_lhost_opensmtpd (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_has (mail, "Subject", "Delivery status notification", FALSE))
    return FALSE;
  if (!bs_header_has (mail, "From", "Mailer Daemon <", FALSE) && !bs_received_has (mail, " (OpenSMTPD) with "))
    return FALSE;
  return bs_text_read (mail, &form, records);
}
