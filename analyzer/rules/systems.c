/* systems.c - the names of the systems that refuse mail: the blocklists
 * and the providers' own reputation systems of failures.blocklist
 * (blocklists.c, the provider codes, classify/blocklist.c), as a person
 * knows them, in English and in Japanese
 *
 * The ids are the stable ones of blocklists.c; a report shows the name
 * with the id after it ("Outlook.com / Hotmail (microsoft-olc)").  A list
 * a user's rules file names is not here: its id is shown as it is.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../advice.h"

static const struct {
  const char *id, *en, *ja;
} systems[] = {
  { "spamhaus-zen", "Spamhaus ZEN", "Spamhaus ZEN" },
  { "spamhaus-sbl", "Spamhaus SBL", "Spamhaus SBL" },
  { "spamhaus-css", "Spamhaus CSS", "Spamhaus CSS" },
  { "spamhaus-xbl", "Spamhaus XBL (CBL)", "Spamhaus XBL（CBL）" },
  { "spamhaus-pbl", "Spamhaus PBL", "Spamhaus PBL" },
  { "spamhaus-dbl", "Spamhaus DBL (domains)", "Spamhaus DBL（ドメインのリスト）" },
  { "spamcop", "SpamCop", "SpamCop" },
  { "barracuda", "Barracuda Reputation", "Barracuda の評価リスト" },
  { "sorbs", "SORBS (closed in 2024)", "SORBS（2024 年に閉鎖）" },
  { "uceprotect-l1", "UCEPROTECT level 1", "UCEPROTECT レベル 1" },
  { "uceprotect-l2", "UCEPROTECT level 2", "UCEPROTECT レベル 2" },
  { "uceprotect-l3", "UCEPROTECT level 3", "UCEPROTECT レベル 3" },
  { "psbl", "PSBL", "PSBL" },
  { "mailspike", "Mailspike", "Mailspike" },
  { "spamrats", "SpamRATS", "SpamRATS" },
  { "invaluement", "Invaluement", "Invaluement" },
  { "proofpoint", "Proofpoint", "Proofpoint" },
  { "cloudmark", "Cloudmark", "Cloudmark" },
  { "microsoft-olc", "Outlook.com / Hotmail", "Outlook.com / Hotmail" },
  { "microsoft-eop", "Microsoft 365 (Exchange Online)", "Microsoft 365（Exchange Online）" },
  { "microsoft", "Microsoft", "Microsoft" },
  { "recipient-blocklist", "The recipient organisation's own block list", "相手組織独自のブロックリスト" },
  { "gmail", "Gmail", "Gmail" },
  { "yahoo", "Yahoo / AOL", "Yahoo / AOL" },
  { "apple-icloud", "iCloud Mail", "iCloud メール" },
  { "cox", "Cox", "Cox" },
  { "godaddy", "GoDaddy", "GoDaddy" },
  { "spectrum", "Spectrum / Charter", "Spectrum / Charter" },
  { "orange", "Orange / La Poste", "Orange / La Poste" },
};

const char *
bs_system_label (const char *id, const char *lang)
{
  if (id == NULL)
    return NULL;
  gboolean ja = lang != NULL && g_ascii_strncasecmp (lang, "ja", 2) == 0;
  for (gsize i = 0; i < G_N_ELEMENTS (systems); i++)
    if (strcmp (systems[i].id, id) == 0)
      return ja ? systems[i].ja : systems[i].en;
  return NULL;
}
