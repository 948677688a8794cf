/* mailru.c - Mail.ru's bounces, an Exim
 *
 * Recognised by a From mailer-daemon@...mail.ru, a Message-ID ending in
 * .mail.ru or .smailru.net, and one of Exim's subjects.  After "This
 * message was created automatically by mail delivery software." each
 * recipient stands indented alone on a line, its text below; the copy of
 * the message follows "------ This is a copy of the message".  Without
 * such lines, X-Failed-Recipients names the recipients.  After Sisimai's
 * Lhost::MailRu, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../find.h"

#include "exim.h"

static const char *const starts[] = { "This message was created automatically by mail delivery software.", NULL };
static const char *const stops[] = { "------ This is a copy of the message, including all the headers. ------", NULL };

static void
read_line (BsNotice *n, BsLine l)
{
  /* the address alone on its indented line */
  if ((l.s[0] == ' ' || l.s[0] == '\t') && bs_line_chr (l, '@') != NULL)
    {
      BsLine t = bs_line_trim (l);
      if (bs_line_chr (t, ' ') == NULL && bs_line_chr (t, '\t') == NULL
          && bs_notice_recipient_line (n, t) != NULL)
        return;
    }
  BsRecord *r = bs_notice_current (n);
  if (r->recipient != NULL)
    bs_text_append_line (&r->diagnostic, l);
}

static void
finish (BsRecord *r, gpointer user)
{
  /* "... __" : Mail.ru's tail after the text */
  char *tail = r->diagnostic ? bs_strstr (r->diagnostic, " __") : NULL;
  if (tail != NULL)
    *tail = '\0';
  bs_exim_finish (r, "mailru");
}

static const BsFormat format = {
  .name = "mailru", .notice = { .start = starts, .stop = stops, .flags = BS_NOTICE_START_LINE },
  .flags = BS_FORMAT_FAILED_HEADER, .read = read_line, .finish = finish,
};

gboolean
bs_lhost_mailru (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *from = bs_mail_header (mail, "From");
  g_autofree char *lfrom = from ? g_ascii_strdown (from, -1) : NULL;
  g_autofree char *mid = bs_mail_header (mail, "Message-ID");
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  if (lfrom == NULL || bs_strstr (lfrom, "mailer-daemon@") == NULL || bs_strstr (lfrom, "mail.ru") == NULL
      || mid == NULL || subject == NULL
      || !(g_str_has_suffix (mid, ".mail.ru>") || g_str_has_suffix (mid, ".smailru.net>")))
    return FALSE;
  return bs_exim_subject (subject) && bs_format_read (mail, records, &format, NULL);
}
