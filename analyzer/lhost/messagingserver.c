/* messagingserver.c - Oracle (Sun, iPlanet) Communications Messaging Server
 * bounces ("Delivery Notification: ...", boundary "Boundary_(ID_...")
 *
 * "This report relates to a message you sent with the following header
 * fields:", then per recipient "  Recipient address: ...", "  Original
 * address: ...", "  Reason: ...", "  Diagnostic code: smtp;550 ...",
 * "  Remote system: dns;mx.example.com (...)".  After Sisimai's
 * Lhost::MessagingServer, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../smtp.h"
#include "textscan.h"

static const char *const starts[] = {
  "This report relates to a message you sent with the following header fields:", NULL,
};
static const char *const stops[] = { "Content-type: message/rfc822", "Return-path:", NULL };

/* Messaging Server's own texts and the reason each states */
static const BsPhrase reasons[] = {
  { BS_REASON_HOSTUNKNOWN, "Illegal host/domain name found" }, /* Oracle Messaging Server: recipient domain does not exist */
};

/* "  Recipient address: user@example.com" */
static char *
rcpt (BsLine l, BsLine *rest)
{
  (void) rest;
  return bs_line_labelled_addr (l, "Recipient address:");
}

/* "Reason:", "Diagnostic code: smtp;...", "Remote system: dns;host (...)",
 * "Status: 5.1.1 (...)" */
static BsLineAction
other (BsLine l, BsRecord *cur)
{
  BsLine t = bs_line_trim (l);
  if (cur == NULL)
    return BS_LINE_SKIP;
  if (bs_line_starts (t, "Reason:") && cur->diagnostic == NULL)
    {
      g_autofree char *d = bs_line_dup (bs_line_after (t, t.s + 7));
      bs_record_set (&cur->diagnostic, d);
    }
  else if (bs_line_starts (t, "Diagnostic code:"))
    {
      const char *semi = bs_line_find (t, ";");
      g_autofree char *d = bs_line_dup (bs_line_after (t, semi ? semi + 1 : t.s + 16));
      bs_record_set (&cur->diagnostic, d);
    }
  else if (bs_line_starts (t, "Remote system: dns;") && cur->remote_mta == NULL)
    {
      g_autofree char *d = bs_line_dup (t);
      g_autofree char *h = bs_host_after (d, "dns;");
      bs_record_set (&cur->remote_mta, h);
    }
  else if (bs_line_starts (l, "Status:") && cur->status == NULL)
    {
      g_autofree char *d = bs_line_dup (bs_line_trim (bs_line_after (l, l.s + 7)));
      gsize n = bs_smtp_status_valid (d);
      if (n > 0)
        {
          d[n] = '\0';
          bs_record_set (&cur->status, d);
          bs_record_set (&cur->status_from, "bounce");
        }
    }
  return BS_LINE_SKIP;
}

static const BsTextForm form = {
  .start = starts, .stop = stops, .rcpt = rcpt, .other = other,
  .name = "messagingserver", .reasons = reasons, .n_reasons = G_N_ELEMENTS (reasons),
};

gboolean
bs_lhost_messagingserver (const BsMail *mail, GPtrArray *records)
{
  gboolean match = bs_header_has (mail, "Content-Type", "Boundary_(ID_", FALSE)
                   || bs_header_has (mail, "Subject", "Delivery Notification: ", TRUE);
  if (!match)
    return FALSE;
  return bs_text_read (mail, &form, records);
}
