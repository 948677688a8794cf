/* verizon.c - Verizon Wireless' bounces: vtext.com (SMS gateway) and
 * vzwpix.com (MMS gateway)
 *
 * Recognised by a Received field through *.vtext.com and the sender: for
 * post_master@vtext.com, "Error: ..." opens the notice and "RCPT TO:"
 * names the recipient, "550 - text" the reply; for sysadmin@*.vzwpix.com,
 * "Message could not be delivered to mobile." opens it, "To:" names the
 * recipient and "Error:" gives the text.  After Sisimai's Lhost::Verizon,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../find.h"

#include "kit.h"

static const char *const sms_starts[] = { "Error: ", "Error:\t", NULL };
static const char *const mms_starts[] = { "Message could not be delivered to mobile", NULL };

/* Verizon's own texts */
static const BsPhrase phrases[] = {
  { BS_REASON_USERUNKNOWN, "550 - Requested action not taken: no such user here" }, /* Verizon SMS gateway: no such number */
  { BS_REASON_USERUNKNOWN, "No valid recipients for this MM" }, /* Verizon MMS gateway: no such number */
};

/* "  RCPT TO: 5551234567@vtext.com" names the recipient, "550 - text" is
 * the reply */
static void
read_sms (BsNotice *n, BsLine l)
{
  BsLine t = bs_line_trim (l);
  if (bs_line_starts (t, "RCPT TO:") && (l.s[0] == ' ' || l.s[0] == '\t'))
    bs_notice_recipient_line (n, bs_line_after (t, t.s + 8));
  else if (l.n >= 6 && g_ascii_isdigit (l.s[0]) && g_ascii_isdigit (l.s[1]) && g_ascii_isdigit (l.s[2])
           && memcmp (l.s + 3, " - ", 3) == 0)
    bs_text_set_line (&bs_notice_current (n)->diagnostic, l);
}

/* "To: 5551234567@vzwpix.com" names the recipient, "Error: text" the text */
static void
read_mms (BsNotice *n, BsLine l)
{
  if (bs_line_starts (l, "To:"))
    bs_notice_recipient_line (n, bs_line_after (l, l.s + 3));
  else if (bs_line_starts (l, "Error:"))
    bs_text_set_line (&bs_notice_current (n)->diagnostic, bs_line_after (l, l.s + 6));
}

static const BsFormat sms = {
  .name = "verizon", .notice = { .start = sms_starts }, .read = read_sms, BS_FORMAT_REASONS (phrases),
};
static const BsFormat mms = {
  .name = "verizon", .notice = { .start = mms_starts }, .read = read_mms, BS_FORMAT_REASONS (phrases),
};

gboolean
bs_lhost_verizon (const BsMail *mail, GPtrArray *records)
{
  if (!bs_received_has (mail, ".vtext.com ("))
    return FALSE;
  g_autofree char *from = bs_mail_header (mail, "From");
  if (from != NULL && strcmp (from, "post_master@vtext.com") == 0)
    return bs_format_read (mail, records, &sms, NULL);
  if (from != NULL && bs_strstr (from, ".vzwpix.com") != NULL && bs_strstr (from, "sysadmin@") != NULL)
    return bs_format_read (mail, records, &mms, NULL);
  return FALSE;
}
