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
#include "../find.h"

#include <string.h>

#include "../smtp.h"
#include "providerscan.h"

#define ORIGINAL_MARK "--- The header of the original message is following. ---"
static const char *const starts[] = { "This message was created automatically by mail delivery software", NULL };
static const char *const stops[] = { ORIGINAL_MARK, NULL };

/* 1&1's own texts */
static const BsPhrase phrases[] = {
  { BS_REASON_MESGTOOBIG, "Mail size limit exceeded" },     /* 1&1: message over the size limit */
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

/* "host: mx.example.org ... reason: 550 ...": the remote and its command */
static void
finish (BsRecord *r, gpointer user)
{
  const char *host = r->diagnostic ? bs_strstr (r->diagnostic, "host: ") : NULL;
  if (host == NULL || bs_strstr (host, "reason:") == NULL)
    return;
  g_autofree char *h = g_strndup (host + 6, strcspn (host + 6, " "));
  bs_record_set (&r->remote_mta, h);
  if (bs_strstr (r->diagnostic, "for TEXT command") != NULL)
    bs_record_set (&r->command, "DATA");
}

static const BsPscanFormat format = {
  "einsundeins", { .start = starts, .stop = stops }, read_line, .finish = finish, BS_PSCAN_PHRASES (phrases),
};

gboolean
bs_lhost_einsundeins (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *from = bs_mail_header (mail, "From");
  if (from == NULL || !g_str_has_prefix (from, "\"Mail Delivery System\"")
      || !bs_pscan_header_is (mail, "Subject", "Mail delivery failed: returning message to sender")
      || mail->body == NULL || bs_strstr (mail->body, ORIGINAL_MARK) == NULL)
    return FALSE;
  gboolean reason_seen = FALSE;
  return bs_pscan_text_format (mail, records, &format, &reason_seen);
}
