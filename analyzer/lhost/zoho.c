/* zoho.c - Zoho Mail's bounces
 *
 * Recognised by the X-ZohoMail header.  After "This message was created
 * automatically by mail delivery software" each recipient line is
 * "user@domain <text>" or "[Status: Error, Address: <user@domain>,
 * ResponseCode 421, ...]"; the original's headers follow, inline, from a
 * "Received:" line.  After Sisimai's Lhost::Zoho, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"
#include "../find.h"

#include <string.h>

#include "providerscan.h"

static const char *const starts[] = { "This message was created automatically by mail delivery", NULL };
static const char *const stops[] = { "Received:", NULL };

/* Zoho's own texts */
static const BsPhrase phrases[] = {
  { BS_REASON_EXPIRED, "Host not reachable" },              /* Zoho gave up: the MX was unreachable */
};

static void
read_line (BsPscan *scan, const char *line)
{
  gboolean *warning = scan->user;
  if (g_str_has_prefix (line, "THIS IS A WARNING MESSAGE ONLY"))
    *warning = TRUE;
  gsize first = strcspn (line, " \t");
  /* "kijitora@example.co.jp Invalid Address, ERROR_CODE :550, ..." */
  if (memchr (line, '@', first) != NULL && line[first] != '\0' && line[first + 1] != '\0')
    {
      BsRecord *r = bs_pscan_recipient (scan, line);
      if (r != NULL)
        bs_record_set (&r->diagnostic, line + first + 1);
      return;
    }
  /* "[Status: Error, Address: <kijitora@example.jp>, ResponseCode 421, ...]" */
  const char *lt = strchr (line, '<');
  if (g_str_has_prefix (line, "[Status: ") && lt != NULL && bs_strstr (lt, ">,") != NULL)
    {
      BsRecord *r = bs_pscan_recipient (scan, lt);
      if (r != NULL)
        bs_record_set (&r->diagnostic, line);
    }
}

/* "THIS IS A WARNING MESSAGE ONLY": Zoho keeps trying */
static void
finish (BsRecord *r, gpointer user)
{
  if (*(gboolean *) user)
    bs_record_set (&r->action, "delayed");
}

static const BsPscanFormat format = {
  "zoho", { .start = starts, .stop = stops }, read_line, .finish = finish, BS_PSCAN_PHRASES (phrases),
};

gboolean
bs_lhost_zoho (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *zoho = bs_mail_header (mail, "X-ZohoMail");
  gboolean warning = FALSE;
  return zoho != NULL && bs_pscan_text_format (mail, records, &format, &warning);
}
