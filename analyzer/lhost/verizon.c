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

#include <string.h>

#include "providerscan.h"

static const char *const sms_starts[] = { "Error: ", "Error:\t", NULL };
static const BsPscanSpec sms_spec = { .start = sms_starts };
static const char *const mms_starts[] = { "Message could not be delivered to mobile", NULL };
static const BsPscanSpec mms_spec = { .start = mms_starts };

/* Verizon's own texts */
static const BsPscanPhrase phrases[] = {
  { "userunknown", "550 - Requested action not taken: no such user here" },
  { "userunknown", "No valid recipients for this MM" },
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

gboolean
bs_lhost_verizon (const BsMail *mail, GPtrArray *records)
{
  if (!bs_pscan_received_has (mail, ".vtext.com ("))
    return FALSE;
  g_autofree char *from = bs_mail_header (mail, "From");
  g_autoptr (BsPscan) scan = NULL;
  if (from != NULL && strcmp (from, "post_master@vtext.com") == 0)
    scan = bs_pscan_run (mail->body, &sms_spec, read_sms, NULL);
  else if (from != NULL && strstr (from, ".vzwpix.com") != NULL && strstr (from, "sysadmin@") != NULL)
    scan = bs_pscan_run (mail->body, &mms_spec, read_mms, NULL);
  if (scan == NULL)
    return FALSE;
  for (guint i = 0; i < scan->records->len; i++)
    bs_pscan_phrase_reason (g_ptr_array_index (scan->records, i), phrases, G_N_ELEMENTS (phrases), "verizon");
  return bs_pscan_commit (scan, records);
}
