/* yahoo.c - Yahoo! Mail's bounces ("Sorry, we were unable to deliver
 * your message to the following address.")
 *
 * Recognised by the X-YMailISG header Yahoo adds; each recipient is a line
 * "<address>:" followed by "Remote host said: <reply> [RCPT_TO]" (the
 * reply sometimes on the next lines).  After Sisimai's Lhost::Yahoo,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../smtp.h"

#include "kit.h"

static const char *const starts[] = { "Sorry, we were unable to deliver your message", NULL };
static const char *const stops[] = { "--- Below this line is a copy of the message.", NULL };

static void
read_line (BsNotice *n, BsLine l)
{
  /* <kijitora@example.org>: */
  if (l.n > 3 && l.s[0] == '<' && bs_line_ends (l, ">:") && bs_line_chr (l, '@') != NULL)
    {
      bs_notice_recipient_line (n, l);
      return;
    }
  BsRecord *r = bs_notice_current (n);
  /* Remote host said: 550 5.1.1 <...>... User Unknown [RCPT_TO] */
  if (bs_line_starts (l, "Remote host said:"))
    {
      bs_text_set_line (&r->diagnostic, l);
      return;
    }
  /* "[RCPT_TO]" alone, after a reply on its own line */
  if (l.s[0] == '[' || (g_ascii_isspace (l.s[0]) && bs_line_chr (l, '[') != NULL))
    {
      g_autofree char *t = bs_line_dup (l);
      const char *cmd = bs_smtp_command_named (t);
      if (cmd != NULL)
        {
          bs_record_set (&r->command, cmd);
          return;
        }
    }
  if (r->diagnostic != NULL && strcmp (r->diagnostic, "Remote host said:") == 0)
    bs_text_set_line (&r->diagnostic, l);
  else
    bs_text_append_line (&r->diagnostic, l);
}

/* the SMTP command: "[RCPT_TO]" at the end, or RCPT for an address reply */
static void
finish (BsRecord *r, gpointer user)
{
  (void) user;
  if (r->command == NULL)
    bs_record_set (&r->command, bs_smtp_command_named (r->diagnostic));
  if (r->command == NULL && r->diagnostic && strchr (r->diagnostic, '<') && strchr (r->diagnostic, '@'))
    bs_record_set (&r->command, "RCPT");
}

static const BsFormat format = {
  .name = "yahoo", .notice = { .start = starts, .stop = stops }, .read = read_line, .finish = finish,
};

gboolean
bs_lhost_yahoo (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *isg = bs_mail_header (mail, "X-YMailISG");
  return isg != NULL && bs_format_read (mail, records, &format, NULL);
}
