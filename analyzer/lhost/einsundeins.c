/* einsundeins.c - 1&1 (IONOS) bounces
 *
 * Recognised by From "\"Mail Delivery System\"" (quoted, unlike Exim's),
 * the subject "Mail delivery failed: returning message to sender" and the
 * marker "--- The header of the original message is following. ---".
 * Each recipient stands alone on a line; "For the following reason:"
 * introduces the text.  After Sisimai's Lhost::EinsUndEins, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../find.h"

#include "kit.h"

#define ORIGINAL_MARK "--- The header of the original message is following. ---"
static const char *const starts[] = { "This message was created automatically by mail delivery software", NULL };
static const char *const stops[] = { ORIGINAL_MARK, NULL };

/* 1&1's own texts */
static const BsPhrase phrases[] = {
  { BS_REASON_MESGTOOBIG, "Mail size limit exceeded" },     /* 1&1: message over the size limit */
};

static void
read_line (BsNotice *n, BsLine l)
{
  if (bs_line_chr (l, '@') != NULL && bs_line_chr (l, ' ') == NULL && l.n > 2)
    {
      bs_notice_recipient_line (n, l);
      return;
    }
  BsRecord *r = bs_notice_current (n);
  if (r->recipient == NULL)
    return;
  /* the text after "For the following reason:" replaces what came before */
  if (bs_line_starts (l, "For the following reason:"))
    bs_text_set_line (&r->diagnostic, bs_line_after (l, l.s + 25));
  else
    bs_text_append_line (&r->diagnostic, l);
}

/* "host: mx.example.org ... reason: 550 ...": the remote and its command */
static void
finish (BsRecord *r, gpointer user)
{
  const char *host = r->diagnostic ? bs_strstr (r->diagnostic, "host: ") : NULL;
  if (host == NULL || bs_strstr (host, "reason:") == NULL)
    return;
  g_autofree char *h = bs_smtp_host_after (host, "host: ");
  bs_record_set (&r->remote_mta, h);
  if (bs_strstr (r->diagnostic, "for TEXT command") != NULL)
    bs_record_set (&r->command, "DATA");
}

static const BsFormat format = {
  .name = "einsundeins", .notice = { .start = starts, .stop = stops }, .read = read_line,
  .finish = finish, BS_FORMAT_REASONS (phrases),
};

gboolean
bs_lhost_einsundeins (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *from = bs_mail_header (mail, "From");
  if (from == NULL || !g_str_has_prefix (from, "\"Mail Delivery System\"")
      || !bs_header_is (mail, "Subject", "Mail delivery failed: returning message to sender")
      || mail->body == NULL || bs_strstr (mail->body, ORIGINAL_MARK) == NULL)
    return FALSE;
  return bs_format_read (mail, records, &format, NULL);
}
