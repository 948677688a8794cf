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
#include "lhost-modules.h"
#include "../find.h"

#include <string.h>

#include "providerscan.h"

static const char *const sms_starts[] = { "Error: ", "Error:\t", NULL };
static const char *const mms_starts[] = { "Message could not be delivered to mobile", NULL };

/* Verizon's own texts */
static const BsPhrase phrases[] = {
  { BS_REASON_USERUNKNOWN, "550 - Requested action not taken: no such user here" }, /* Verizon SMS gateway: no such number */
  { BS_REASON_USERUNKNOWN, "No valid recipients for this MM" }, /* Verizon MMS gateway: no such number */
};

static void
read_sms (BsPscan *scan, const char *line)
{
  g_autofree char *t = g_strstrip (g_strdup (line));
  if (g_str_has_prefix (t, "RCPT TO:") && (line[0] == ' ' || line[0] == '\t'))
    bs_pscan_recipient (scan, t + 8);
  else if (g_ascii_isdigit (line[0]) && g_ascii_isdigit (line[1]) && g_ascii_isdigit (line[2])
           && g_str_has_prefix (line + 3, " - "))
    bs_record_set (&bs_pscan_current (scan)->diagnostic, line);
}

static void
read_mms (BsPscan *scan, const char *line)
{
  if (g_str_has_prefix (line, "To:"))
    bs_pscan_recipient (scan, line + 3);
  else if (g_str_has_prefix (line, "Error:"))
    bs_record_set (&bs_pscan_current (scan)->diagnostic, line + 6);
}

static const BsPscanFormat sms = { "verizon", { .start = sms_starts }, read_sms, BS_PSCAN_PHRASES (phrases) };
static const BsPscanFormat mms = { "verizon", { .start = mms_starts }, read_mms, BS_PSCAN_PHRASES (phrases) };

gboolean
bs_lhost_verizon (const BsMail *mail, GPtrArray *records)
{
  if (!bs_pscan_received_has (mail, ".vtext.com ("))
    return FALSE;
  g_autofree char *from = bs_mail_header (mail, "From");
  if (from != NULL && strcmp (from, "post_master@vtext.com") == 0)
    return bs_pscan_text_format (mail, records, &sms, NULL);
  if (from != NULL && bs_strstr (from, ".vzwpix.com") != NULL && bs_strstr (from, "sysadmin@") != NULL)
    return bs_pscan_text_format (mail, records, &mms, NULL);
  return FALSE;
}
