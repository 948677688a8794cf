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
#include "../find.h"

#include <string.h>

#include "providerscan.h"

static const char *const starts[] = { "--- The following addresses had delivery problems ---", NULL };

/* McAfee's texts for an unknown recipient */
static const BsPhrase phrases[] = {
  { BS_REASON_USERUNKNOWN, "No such user" },                /* McAfee gateway: no such recipient */
  { BS_REASON_USERUNKNOWN, "550 Unknown user " },           /* McAfee gateway: no such recipient */
  { BS_REASON_USERUNKNOWN, "... User not exist" },          /* McAfee gateway: no such recipient */
};

static void
read_line (BsPscan *scan, const char *line)
{
  /* "<kijitora@example.co.jp>   (Unknown user kijitora@example.co.jp)" */
  const char *gt = bs_strstr (line, ">");
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

/* "User (user@domain) unknown. ": McAfee's other text for it */
static void
finish (BsRecord *r, gpointer user)
{
  if (r->diagnostic && bs_strstr (r->diagnostic, " User (") && bs_strstr (r->diagnostic, ") unknown. "))
    bs_set_reason_to (r, BS_REASON_USERUNKNOWN, "mcafee", "User (...) unknown.");
}

static const BsPscanFormat format = {
  "mcafee", { .start_within = starts }, read_line, .finish = finish, BS_PSCAN_PHRASES (phrases),
};

gboolean
bs_lhost_mcafee (const BsMail *mail, GPtrArray *records)
{
  return bs_pscan_header_has (mail, "X-NAI-Header", "Modified by McAfee")
         && bs_pscan_header_is (mail, "Subject", "Delivery Status")
         && bs_pscan_text_format (mail, records, &format, NULL);
}
