/* yandex.c - Yandex.Mail's bounces (a Postfix notice, in Russian first)
 *
 * Recognised by X-Yandex-Uniq and From mailer-daemon@yandex.ru; after
 * "This is the mail system at host yandex.ru." come Postfix-style lines
 * "(in reply to RCPT TO command)" naming each recipient's SMTP command,
 * then a delivery-status part.  After Sisimai's Lhost::Yandex,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include "providerscan.h"

static const char *const starts[] = { "This is the mail system at host yandex.ru.", NULL };
static const BsPscanSpec spec = { .start = starts };

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

gboolean
bs_lhost_yandex (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *uniq = bs_mail_header (mail, "X-Yandex-Uniq");
  if (uniq == NULL || !bs_pscan_header_is (mail, "From", "mailer-daemon@yandex.ru"))
    return FALSE;
  g_autoptr (GPtrArray) commands = bs_pscan_commands (mail->body, &spec);
  Commands c = { commands, 0 };
  return bs_pscan_dsn_module (mail, records, &spec, finish, &c);
}
