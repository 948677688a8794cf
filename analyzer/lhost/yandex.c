/* yandex.c - Yandex.Mail's bounces (a Postfix notice, in Russian first)
 *
 * Recognised by X-Yandex-Uniq and From mailer-daemon@yandex.ru; after
 * "This is the mail system at host yandex.ru." come Postfix-style lines
 * "(in reply to RCPT TO command)" naming each recipient's SMTP command,
 * then a delivery-status part.  After Sisimai's Lhost::Yandex,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

static const char *const starts[] = { "This is the mail system at host yandex.ru.", NULL };

typedef struct {
  GPtrArray *commands;
  guint next;
} Commands;

static void
finish (BsRecord *r, gpointer user)
{
  Commands *c = user;
  if (r->command == NULL && c->next < c->commands->len)
    bs_record_set (&r->command, g_ptr_array_index (c->commands, c->next));
  c->next++;
}

static const BsFormat format = {
  .name = "yandex", .notice = { .start = starts }, .finish = finish,
};

gboolean
bs_lhost_yandex (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *uniq = bs_mail_header (mail, "X-Yandex-Uniq");
  if (uniq == NULL || !bs_header_is (mail, "From", "mailer-daemon@yandex.ru"))
    return FALSE;
  g_autoptr (GPtrArray) commands = bs_notice_commands (mail->body, &format.notice);
  Commands c = { commands, 0 };
  return bs_format_read (mail, records, &format, &c);
}
