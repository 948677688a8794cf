/* einsundeins.c - 1&1 (IONOS) bounces
 *
 * Recognised by From "\"Mail Delivery System\"" (quoted, unlike Exim's),
 * the subject "Mail delivery failed: returning message to sender" and the
 * marker "--- The header of the original message is following. ---".
 * Each recipient stands alone on a line; "For the following reason:"
 * introduces the text.  After Sisimai's Lhost::EinsUndEins, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "../smtp.h"
#include "providerscan.h"

#define ORIGINAL_MARK "--- The header of the original message is following. ---"
static const char *const starts[] = { "This message was created automatically by mail delivery software", NULL };
static const char *const stops[] = { ORIGINAL_MARK, NULL };
static const BsPscanSpec spec = { .start = starts, .stop = stops };

/* 1&1's own texts */
static const BsPscanPhrase phrases[] = {
  { "mesgtoobig", "Mail size limit exceeded" },
};

static void
read_line (BsPscan *scan, const char *line)
{
  gboolean *reason_seen = scan->user;
  gsize n = strlen (line);
  if (strchr (line, '@') != NULL && strchr (line, ' ') == NULL && n > 2)
    {
      if (bs_pscan_recipient (scan, line) != NULL)
        *reason_seen = FALSE;
      return;
    }
  BsRecord *r = bs_pscan_current (scan);
  if (r->recipient == NULL)
    return;
  /* the text after "For the following reason:" replaces what came before */
  if (g_str_has_prefix (line, "For the following reason:"))
    {
      bs_record_set (&r->diagnostic, line + 25);
      *reason_seen = TRUE;
    }
  else
    bs_pscan_append (&r->diagnostic, line);
}

gboolean
bs_lhost_einsundeins (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *from = bs_mail_header (mail, "From");
  if (from == NULL || !g_str_has_prefix (from, "\"Mail Delivery System\"")
      || !bs_pscan_header_is (mail, "Subject", "Mail delivery failed: returning message to sender")
      || mail->body == NULL || strstr (mail->body, ORIGINAL_MARK) == NULL)
    return FALSE;
  gboolean reason_seen = FALSE;
  g_autoptr (BsPscan) scan = bs_pscan_run (mail->body, &spec, read_line, &reason_seen);
  if (scan == NULL)
    return FALSE;
  for (guint i = 0; i < scan->records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (scan->records, i);
      /* "host: mx.example.org ... reason: 550 ..." */
      const char *host = r->diagnostic ? strstr (r->diagnostic, "host: ") : NULL;
      if (host != NULL && strstr (host, "reason:") != NULL)
        {
          g_autofree char *h = g_strndup (host + 6, strcspn (host + 6, " "));
          bs_record_set (&r->remote_mta, h);
          if (strstr (r->diagnostic, "for TEXT command") != NULL)
            bs_record_set (&r->command, "DATA");
        }
      bs_pscan_phrase_reason (r, phrases, G_N_ELEMENTS (phrases), "einsundeins");
    }
  return bs_pscan_commit (scan, records);
}
