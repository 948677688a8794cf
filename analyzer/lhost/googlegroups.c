/* googlegroups.c - Google Groups' refusals to post ("the group you tried
 * to contact may not exist, or you may not have permission")
 *
 * Sent by mailer-daemon@googlemail.com with X-Failed-Recipients (the group
 * address) and X-Google-Smtp-Source.  The notice states the reason in a
 * fixed text: four bullet points mean the post was rejected, fewer that
 * it is held.  After Sisimai's Lhost::GoogleGroups, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "../bs.h"
#include "providerscan.h"

static const char *const stops[] = { "----- Original message -----", NULL };
static const BsPscanSpec spec = { .read_blank_lines = TRUE, .stop = stops };

typedef struct {
  GString *text;   /* the first paragraphs of the notice */
  guint blanks;    /* paragraph breaks seen */
  guint bullets;   /* " * " lines */
} Notice;

static void
read_line (BsPscan *scan, const char *line)
{
  Notice *n = scan->user;
  const char *p = line[0] == ' ' ? line + 1 : line;
  if (*p == '*')
    n->bullets++;
  if (*line == '\0')
    n->blanks++;
  else if (n->blanks < 4 && n->text->len < BS_MAX_FIELD_BYTES)
    g_string_append_printf (n->text, "%s ", line);
}

gboolean
bs_lhost_googlegroups (const BsMail *mail, GPtrArray *records)
{
  if (!bs_pscan_header_has (mail, "From", "<mailer-daemon@googlemail.com>")
      || !bs_pscan_header_has (mail, "Subject", "Delivery Status Notification"))
    return FALSE;
  g_autofree char *failed = bs_mail_header (mail, "X-Failed-Recipients");
  g_autofree char *source = bs_mail_header (mail, "X-Google-Smtp-Source");
  if (failed == NULL || source == NULL)
    return FALSE;

  Notice n = { g_string_new (NULL), 0, 0 };
  g_autoptr (BsPscan) scan = bs_pscan_run (mail->body, &spec, read_line, &n);
  g_autofree char *text = g_string_free (n.text, FALSE);
  if (scan == NULL)
    return FALSE;
  const char *reason = n.bullets == 4 ? "rejected" : "onhold";
  g_auto (GStrv) rcpts = g_strsplit (failed, ",", 256);
  for (guint i = 0; rcpts[i] != NULL; i++)
    {
      BsRecord *r = bs_pscan_recipient (scan, rcpts[i]);
      if (r == NULL)
        continue;
      bs_record_set (&r->diagnostic, text);
      bs_pscan_set_reason (r, reason, "googlegroups",
                           n.bullets == 4 ? "four reasons the group refused the post"
                                          : "the group holds the post");
    }
  return bs_pscan_commit (scan, records);
}
