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

#include <string.h>

#include "providerscan.h"

static const char *const starts[] = { "This message was created automatically by mail delivery", NULL };
static const char *const stops[] = { "Received:", NULL };
static const BsPscanSpec spec = { .start = starts, .stop = stops };

/* Zoho's own texts */
static const BsPscanPhrase phrases[] = {
  { "expired", "Host not reachable" },
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
  if (g_str_has_prefix (line, "[Status: ") && lt != NULL && strstr (lt, ">,") != NULL)
    {
      BsRecord *r = bs_pscan_recipient (scan, lt);
      if (r != NULL)
        bs_record_set (&r->diagnostic, line);
    }
}

gboolean
bs_lhost_zoho (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *zoho = bs_mail_header (mail, "X-ZohoMail");
  if (zoho == NULL)
    return FALSE;
  gboolean warning = FALSE;
  g_autoptr (BsPscan) scan = bs_pscan_run (mail->body, &spec, read_line, &warning);
  if (scan == NULL)
    return FALSE;
  for (guint i = 0; i < scan->records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (scan->records, i);
      bs_pscan_phrase_reason (r, phrases, G_N_ELEMENTS (phrases), "zoho");
      if (warning)
        bs_record_set (&r->action, "delayed");
    }
  return bs_pscan_commit (scan, records);
}
