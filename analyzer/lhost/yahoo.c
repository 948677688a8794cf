/* yahoo.c - Yahoo! Mail's bounces ("Sorry, we were unable to deliver
 * your message to the following address.")
 *
 * Recognised by the X-YMailISG header Yahoo adds; each recipient is a line
 * "<address>:" followed by "Remote host said: <reply> [RCPT_TO]" (the
 * reply sometimes on the next lines).  After Sisimai's Lhost::Yahoo,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "providerscan.h"

static const char *const starts[] = { "Sorry, we were unable to deliver your message", NULL };
static const char *const stops[] = { "--- Below this line is a copy of the message.", NULL };

static void
read_line (BsPscan *scan, const char *line)
{
  gsize n = strlen (line);
  /* <kijitora@example.org>: */
  if (line[0] == '<' && n > 3 && line[n - 1] == ':' && line[n - 2] == '>' && strchr (line, '@'))
    {
      bs_pscan_recipient (scan, line);
      return;
    }
  BsRecord *r = bs_pscan_current (scan);
  /* Remote host said: 550 5.1.1 <...>... User Unknown [RCPT_TO] */
  if (g_str_has_prefix (line, "Remote host said:"))
    {
      bs_record_set (&r->diagnostic, line);
      return;
    }
  /* "[RCPT_TO]" alone, after a reply on its own line */
  if (line[0] == '[' || (g_ascii_isspace (line[0]) && strchr (line, '[') != NULL))
    {
      g_autofree char *cmd = bs_pscan_command (line);
      if (cmd != NULL)
        {
          bs_record_set (&r->command, cmd);
          return;
        }
    }
  if (r->diagnostic != NULL && strcmp (r->diagnostic, "Remote host said:") == 0)
    bs_record_set (&r->diagnostic, line);
  else
    bs_pscan_append (&r->diagnostic, line);
}

/* the SMTP command: "[RCPT_TO]" at the end, or RCPT for an address reply */
static void
finish (BsRecord *r, gpointer user)
{
  if (r->command == NULL)
    {
      g_autofree char *cmd = bs_pscan_command (r->diagnostic);
      bs_record_set (&r->command, cmd);
    }
  if (r->command == NULL && r->diagnostic && strchr (r->diagnostic, '<') && strchr (r->diagnostic, '@'))
    bs_record_set (&r->command, "RCPT");
}

static const BsPscanFormat format = {
  "yahoo", { .start = starts, .stop = stops }, read_line, .finish = finish,
};

gboolean
bs_lhost_yahoo (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *isg = bs_mail_header (mail, "X-YMailISG");
  return isg != NULL && bs_pscan_text_format (mail, records, &format, NULL);
}
