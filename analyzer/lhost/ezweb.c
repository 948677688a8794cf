/* ezweb.c - au by KDDI (EZweb) mobile mail bounces
 *
 * "Mail System Error - Returned Mail" from Postmaster@ezweb.ne.jp or
 * @au.com: the recipient as "<user@ezweb.ne.jp>" or "Recipient: <...>",
 * the SMTP exchange (">>> RCPT TO:", "<<< 550 ..."), and EZweb's fixed
 * sentences that state the reason; X-SPASIGN: NG marks a message refused by
 * the recipient's domain filter.  After Sisimai's Lhost::EZweb,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "textscan.h"

static const char *const starts[] = {
  "The user(s) ", "Your message ", "Each of the following", "<", NULL,
};

static const char *const stops[] = {
  "--------------------------------------------------", /* 50 dashes: the original */
  "Content-Type: message/delivery-status", NULL,
};

/* EZweb's own texts and the reason each states */
static const BsPhrase reasons[] = {
  { BS_REASON_MAILBOXFULL, "The user(s) account is temporarily over quota" }, /* au EZweb: mailbox over quota */
  { BS_REASON_SUSPEND, "The user(s) account is disabled." }, /* au EZweb: account disabled */
  { BS_REASON_SUSPEND, "The user(s) account is temporarily limited." }, /* au EZweb: account restricted */
  { BS_REASON_EXPIRED, "Your message was not delivered within " }, /* au EZweb: delivery time expired */
};

/* "<user@ezweb.ne.jp>", "<user@ezweb.ne.jp>: text", "    Recipient: <user@...>" */
static char *
rcpt (BsLine l, BsLine *rest)
{
  const char *after = NULL;
  if (l.s[0] != '<')
    return bs_line_labelled_addr (l, "Recipient:");
  char *addr = bs_line_angle_addr (l, l.s, &after);
  if (addr != NULL && after != l.s + 1 + strlen (addr) + 1)
    g_clear_pointer (&addr, g_free);
  (void) rest; /* what follows "<addr>:" repeats the relay's text, not the reason */
  return addr;
}

/* ">>> RCPT TO:<...>" gives the command; Japanese lines repeat the English */
static BsLineAction
other (BsLine l, BsRecord *cur)
{
  BsLine t = bs_line_trim (l);
  for (gsize i = 0; i < l.n; i++)
    if ((guchar) l.s[i] >= 0x80)
      return BS_LINE_SKIP;
  if (bs_line_starts (t, ">>> ") && cur != NULL && cur->command == NULL)
    {
      g_autofree char *c = bs_line_dup (bs_line_after (t, t.s + 4));
      bs_record_set (&cur->command, bs_command_word (c));
      return BS_LINE_SKIP;
    }
  return BS_LINE_JOIN;
}

static const BsTextForm form = {
  .start = starts, .flags = BS_START_SCAN | BS_TEXT_BEFORE, .stop = stops, .rcpt = rcpt, .other = other,
  .name = "ezweb", .reasons = reasons, .n_reasons = G_N_ELEMENTS (reasons),
};

static gboolean
is_ezweb (const BsMail *mail)
{
  int match = 0;
  g_autofree char *mid = bs_mail_header (mail, "Message-ID");
  if (mid != NULL)
    {
      g_strstrip (mid);
      match += g_str_has_suffix (mid, ".ezweb.ne.jp>") || g_str_has_suffix (mid, ".au.com>");
    }
  match += bs_header_has (mail, "From", "Postmaster@ezweb.ne.jp", FALSE);
  match += bs_header_has (mail, "From", "Postmaster@au.com", FALSE);
  match += bs_header_has (mail, "Subject", "Mail System Error - Returned Mail", TRUE);
  match += bs_received_has (mail, "ezweb.ne.jp (EZweb Mail) with");
  match += bs_received_has (mail, ".au.com (");
  return match >= 2;
}

gboolean
bs_lhost_ezweb (const BsMail *mail, GPtrArray *records)
{
  if (!is_ezweb (mail))
    return FALSE;
  return bs_text_read (mail, &form, records) && bs_spasign (mail, records, "ezweb");
}
