/* amavis.c - amavisd-new notices ("Content-filter at ... ")
 *
 * amavisd-new returns a multipart/report (dsn.c reads it) whose
 * Diagnostic-Code names what its filter found ("... - spam", "... -
 * infected"): those fixed texts state the reason.
 * After Sisimai's Lhost::Amavis, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "textscan.h"

/* amavisd-new's own verdicts in the Diagnostic-Code, lower case */
static const BsPhrase reasons[] = {
  { BS_REASON_SPAMDETECTED, " - spam" },                    /* amavisd-new: rejected as spam (id=... - spam) */
  { BS_REASON_VIRUSDETECTED, " - infected" },               /* amavisd-new: a virus found (INFECTED) */
  { BS_REASON_CONTENTERROR, " - bad header:" },             /* amavisd-new: malformed header (BAD HEADER) */
  { BS_REASON_EXCEEDLIMIT, " - message size exceeds recipient" }, /* amavisd-new: over the recipient's size limit */
  { BS_REASON_SYSTEMERROR, " - temporary mta failure on relaying" },/* amavisd-new: the next MTA failed temporarily */
  { BS_REASON_SYSTEMERROR, " - rejected by next-hop mta on relaying" }, /* amavisd-new: the next MTA refused it */
  { BS_REASON_SYSTEMERROR, " - unable to relay message back to mta" }, /* amavisd-new: could not hand the message back */
};

gboolean
bs_lhost_amavis (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_has (mail, "From", "\"Content-filter at ", TRUE))
    return FALSE;
  bs_records_from_text_dsn (mail->body, records);
  for (guint i = 0; i < records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (records, i);
      g_autofree char *lower = r->diagnostic ? g_utf8_strdown (r->diagnostic, -1) : NULL;
      const BsPhrase *hit = bs_phrase_find (lower, reasons, G_N_ELEMENTS (reasons));
      if (hit != NULL && r->reason == BS_REASON_NONE)
        bs_set_reason_to (r, hit->reason, "amavis", hit->phrase);
    }
  return records->len > 0;
}
