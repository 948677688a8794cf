/* mcafee.c - McAfee Email Gateway (Web Security Appliance) bounces
 *
 * Recognised by an X-NAI-Header "Modified by McAfee" and the subject
 * "Delivery Status".  Under "--- The following addresses had delivery
 * problems ---" each recipient is "<user@domain>   (text)"; the
 * delivery-status part that follows has no Final-Recipient, only
 * Original-Recipient, Remote-MTA and Diagnostic-Code.  After Sisimai's
 * Lhost::McAfee, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "providerscan.h"

static const char *const starts[] = { "--- The following addresses had delivery problems ---", NULL };
static const BsPscanSpec spec = { .start_within = starts };

/* McAfee's texts for an unknown recipient */
static const BsPscanPhrase phrases[] = {
  { "userunknown", "No such user" },
  { "userunknown", "550 Unknown user " },
  { "userunknown", "... User not exist" },
};

static void
read_line (BsPscan *scan, const char *line)
{
  /* "<kijitora@example.co.jp>   (Unknown user kijitora@example.co.jp)" */
  const char *gt = strstr (line, ">");
  if (line[0] == '<' && gt != NULL && strchr (gt, '(') != NULL && g_str_has_suffix (line, ")"))
    {
      BsRecord *r = bs_pscan_recipient (scan, line);
      if (r != NULL)
        {
          g_autofree char *text = g_strdup (strchr (gt, '(') + 1);
          text[strlen (text) - 1] = '\0';
          bs_record_set (&r->diagnostic, text);
        }
      return;
    }
  if (!g_str_has_prefix (line, "Final-Recipient"))
    bs_pscan_dsn_line (scan, line);
}

gboolean
bs_lhost_mcafee (const BsMail *mail, GPtrArray *records)
{
  if (!bs_pscan_header_has (mail, "X-NAI-Header", "Modified by McAfee")
      || !bs_pscan_header_is (mail, "Subject", "Delivery Status"))
    return FALSE;
  g_autoptr (BsPscan) scan = bs_pscan_run (mail->body, &spec, read_line, NULL);
  if (scan == NULL)
    return FALSE;
  for (guint i = 0; i < scan->records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (scan->records, i);
      if (!bs_pscan_phrase_reason (r, phrases, G_N_ELEMENTS (phrases), "mcafee") && r->diagnostic
          && strstr (r->diagnostic, " User (") && strstr (r->diagnostic, ") unknown. "))
        bs_pscan_set_reason (r, "userunknown", "mcafee", "User (...) unknown.");
    }
  return bs_pscan_commit (scan, records);
}
