/* powermta.c - PowerMTA bounces ("Delivery report")
 *
 * A multipart/report (dsn.c reads it) whose recipient groups carry
 * "X-PowerMTA-BounceCategory: bad-mailbox": PowerMTA's own classification,
 * which states the reason.  After Sisimai's Lhost::PowerMTA, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../dsn.h"
#include "../smtp.h"
#include "textscan.h"

/* X-PowerMTA-BounceCategory values and the reason each states */
static const BsPhrase categories[] = {
  { BS_REASON_HOSTUNKNOWN, "bad-domain" },                  /* PowerMTA category: recipient domain does not exist */
  { BS_REASON_USERUNKNOWN, "bad-mailbox" },                 /* PowerMTA category: no such mailbox */
  { BS_REASON_SUSPEND, "inactive-mailbox" },               /* PowerMTA category: mailbox disabled */
  { BS_REASON_EXPIRED, "message-expired" },                 /* PowerMTA category: queue lifetime over */
  { BS_REASON_NETWORKERROR, "no-answer-from-host" },        /* PowerMTA category: the MX did not answer */
  { BS_REASON_POLICYVIOLATION, "policy-related" },          /* PowerMTA category: refused by the receiver's policy */
  { BS_REASON_MAILBOXFULL, "quota-issues" },                /* PowerMTA category: mailbox over quota */
  { BS_REASON_SYSTEMERROR, "routing-errors" },              /* PowerMTA category: routing failed */
  { BS_REASON_SPAMDETECTED, "spam-related" },               /* PowerMTA category: refused as spam */
};

/* the category PowerMTA gave the recipient addr in a delivery-status text */
static char *
category_of (const char *text, const char *addr)
{
  g_autoptr (GPtrArray) groups = bs_dsn_groups (text);
  for (guint g = 0; g < groups->len; g++)
    {
      GPtrArray *group = g_ptr_array_index (groups, g);
      gboolean mine = FALSE;
      const char *cat = NULL;
      for (guint i = 0; i < group->len; i++)
        {
          const char *f = g_ptr_array_index (group, i);
          if (g_ascii_strncasecmp (f, "Final-Recipient:", 16) == 0)
            {
              g_autofree char *a = bs_smtp_address (f + 16);
              mine = a != NULL && addr != NULL && g_ascii_strcasecmp (a, addr) == 0;
            }
          else if (g_ascii_strncasecmp (f, "X-PowerMTA-BounceCategory:", 26) == 0)
            cat = f + 26;
        }
      if (mine && cat != NULL)
        return g_strstrip (g_strdup (cat));
    }
  return NULL;
}

gboolean
bs_lhost_powermta (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_has (mail, "Subject", "Delivery report", FALSE))
    return FALSE;
  static const char *const starts[] = { "Hello, this is the mail server on ", NULL };
  if (mail->body == NULL)
    return FALSE;
  if (bs_text_find (mail->body, mail->body + strlen (mail->body), starts, TRUE) == NULL)
    return FALSE;
  bs_records_from_text_dsn (mail->body, records);
  for (guint i = 0; i < records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (records, i);
      for (guint d = 0; mail->dsn != NULL && d < mail->dsn->len && r->reason == BS_REASON_NONE; d++)
        {
          g_autofree char *cat = category_of (g_ptr_array_index (mail->dsn, d), r->recipient);
          for (gsize k = 0; cat != NULL && k < G_N_ELEMENTS (categories); k++)
            if (strcmp (cat, categories[k].phrase) == 0)
              bs_set_reason_to (r, categories[k].reason, "powermta", cat);
        }
    }
  return records->len > 0;
}
