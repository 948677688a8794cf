/* imailserver.c - Ipswitch IMail Server bounces ("Undeliverable Mail",
 * X-Mailer: <SMTP32 v...>)
 *
 * One line per recipient, "Unknown user: user@example.com" or
 * "undeliverable to user@example.com", then "Body of message generated
 * response:" and the remote's reply, up to "Original message follows.".
 * After Sisimai's Lhost::IMailServer, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../smtp.h"
#include "textscan.h"

static const char *const stops[] = { "Original message follows.", NULL };

/* IMail's own texts: the command it was sending */
static const BsCommandPhrase commands[] = {
  { "CONN", "SMTP connection failed," },                    /* IMail: refused at connection */
  { "CONN", "Unexpected connection response from server:" },/* IMail: refused in the greeting */
  { "EHLO", "Unexpected response to EHLO/HELO:" },          /* IMail: refused at EHLO/HELO */
  { "MAIL", "Server response to MAIL FROM:" },              /* IMail: refused at MAIL FROM */
  { "RCPT", "Additional RCPT TO generated following response:" },  /* IMail: refused at RCPT TO */
  { "DATA", "DATA command generated response:" },           /* IMail: refused at DATA */
};

/* IMail's own texts and the reason each states */
static const BsPhrase reasons[] = {
  { BS_REASON_HOSTUNKNOWN, "Unknown host" },                /* IMail: recipient domain does not exist */
  { BS_REASON_USERUNKNOWN, "Unknown user" },                /* IMail: no such recipient */
  { BS_REASON_USERUNKNOWN, "Invalid final delivery userid" }, /* IMail: no such local user */
  { BS_REASON_MAILBOXFULL, "User mailbox exceeds allowed size" }, /* IMail: mailbox over quota */
  { BS_REASON_VIRUSDETECTED, "Requested action not taken: virus detected" }, /* IMail: a virus found */
  { BS_REASON_EXPIRED, "Delivery failed " },                /* IMail gave up retrying */
};

/* "Unknown user: user@example.com", "undeliverable to user@example.com" */
static char *
rcpt (BsLine l, BsLine *rest)
{
  if (l.s[0] == ' ' || l.s[0] == '\t')
    return NULL;
  const char *colon = bs_line_find (l, ":");
  if (bs_line_starts (l, "undeliverable to "))
    {
      g_autofree char *t = bs_line_dup (l);
      return bs_smtp_address (t + 17);
    }
  if (colon == NULL || colon == l.s)
    return NULL;
  BsLine after = bs_line_trim (bs_line_after (l, colon + 1));
  const char *end = NULL;
  char *addr = bs_line_bare_addr (after, &end);
  if (addr != NULL && (end != after.s + after.n || addr[0] == '<'))
    g_clear_pointer (&addr, g_free);
  if (addr != NULL)
    {
      rest->s = l.s;
      rest->n = (gsize) (colon - l.s);
    }
  return addr;
}

static const BsTextForm form = {
  .stop = stops, .rcpt = rcpt, .name = "imailserver", .commands = commands,
  .n_commands = G_N_ELEMENTS (commands), .reasons = reasons, .n_reasons = G_N_ELEMENTS (reasons),
};

gboolean
bs_lhost_imailserver (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  gboolean match = (subject != NULL && strcmp (g_strstrip (subject), "Undeliverable Mail") == 0)
                   || bs_header_has (mail, "X-Mailer", "<SMTP32 v", TRUE);
  if (!match)
    return FALSE;
  return bs_text_read (mail, &form, records);
}
