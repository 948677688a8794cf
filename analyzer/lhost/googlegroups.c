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

/* the notice's text and the reason its bullet points state */
static void
finish (BsRecord *r, gpointer user)
{
  Notice *n = user;
  bs_record_set (&r->diagnostic, n->text->str);
  if (n->bullets == 4)
    bs_set_reason_to (r, BS_REASON_REJECTED, "googlegroups", "four reasons the group refused the post");
  else
    bs_set_reason_to (r, BS_REASON_ONHOLD, "googlegroups", "the group holds the post");
}

static const BsPscanFormat format = {
  "googlegroups", { .read_blank_lines = TRUE, .stop = stops }, read_line, .failed_header = TRUE,
  .finish = finish,
};

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
  gboolean ok = bs_pscan_text_format (mail, records, &format, &n);
  g_string_free (n.text, TRUE);
  return ok;
}
