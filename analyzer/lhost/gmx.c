/* gmx.c - GMX (and web.de, mail.com) bounces
 *
 * Recognised by the X-GMX-Antispam header.  Each recipient is
 * "\"user@domain\":" or "<user@domain>", followed by "SMTP error from
 * remote server after RCPT command:", "host: mx.example.jp" and the reply,
 * or "Reason:" and a text.  The original's header follows "--- The header
 * of the original message is following. ---".  After Sisimai's Lhost::GMX,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "../smtp.h"
#include "providerscan.h"

static const char *const starts[] = { "This message was created automatically by mail delivery software", NULL };
static const char *const stops[] = { "--- The header of the original message is following. ---", NULL };

/* GMX's own texts */
static const BsPhrase phrases[] = {
  { BS_REASON_EXPIRED, "delivery retry timeout exceeded" }, /* GMX gave up retrying: queue lifetime over */
};

/* a line that holds a status, an address in brackets or a reply code */
static gboolean
has_reply (const char *line)
{
  g_autofree char *st = bs_smtp_find_status (line);
  const char *lt = strchr (line, '<');
  return st != NULL || (lt != NULL && strchr (lt, '@') && strchr (lt, '>')) || bs_pscan_reply_code (line) != 0;
}

static void
read_line (BsPscan *scan, const char *line)
{
  gsize n = strlen (line);
  if ((line[0] == '"' && n > 3 && g_str_has_suffix (line, "\":") && strchr (line, '@'))
      || (line[0] == '<' && line[n - 1] == '>' && strchr (line, '@') && strchr (line, ' ') == NULL))
    {
      bs_pscan_recipient (scan, line);
      return;
    }
  BsRecord *r = bs_pscan_current (scan);
  if (g_str_has_prefix (line, "SMTP error ") && g_str_has_suffix (line, " command:"))
    {
      g_autofree char *cmd = bs_pscan_command (line);
      bs_record_set (&r->command, cmd);
    }
  else if (g_str_has_prefix (line, "host:"))
    bs_record_set (&r->remote_mta, line + 5);
  else if (has_reply (line))
    {
      if (r->diagnostic == NULL || strcmp (r->diagnostic, "Reason:") == 0)
        bs_record_set (&r->diagnostic, line);
    }
  else if (strcmp (line, "Reason:") == 0 || (r->diagnostic && strcmp (r->diagnostic, "Reason:") == 0))
    bs_record_set (&r->diagnostic, line);
}

static const BsPscanFormat format = {
  "gmx", { .start = starts, .stop = stops }, read_line, BS_PSCAN_PHRASES (phrases),
};

gboolean
bs_lhost_gmx (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *antispam = bs_mail_header (mail, "X-GMX-Antispam");
  return antispam != NULL && bs_pscan_text_format (mail, records, &format, NULL);
}
