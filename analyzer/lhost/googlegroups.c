/* googlegroups.c - Google Groups' refusals to post ("the group you tried
 * to contact may not exist, or you may not have permission")
 *
 * Sent by mailer-daemon@googlemail.com with X-Failed-Recipients (the group
 * address) and X-Google-Smtp-Source.  The notice states the reason in a
 * fixed text: four bullet points mean the post was rejected, fewer that
 * it is held.  After Sisimai's Lhost::GoogleGroups, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../bs.h"

#include "kit.h"

static const char *const stops[] = { "----- Original message -----", NULL };

typedef struct {
  GString *text;   /* the first paragraphs of the notice */
  guint blanks;    /* paragraph breaks seen */
  guint bullets;   /* " * " lines */
} Notice;

static void
read_line (BsNotice *notice, BsLine l)
{
  Notice *n = notice->user;
  gsize i = l.n > 0 && l.s[0] == ' ' ? 1 : 0;
  if (i < l.n && l.s[i] == '*')
    n->bullets++;
  if (l.n == 0)
    n->blanks++;
  else if (n->blanks < 4 && n->text->len < BS_MAX_FIELD_BYTES)
    {
      g_string_append_len (n->text, l.s, (gssize) l.n);
      g_string_append_c (n->text, ' ');
    }
}

/* the notice's text and the reason its bullet points state */
static void
finish (BsRecord *r, gpointer user)
{
  Notice *n = user;
  bs_record_set (&r->diagnostic, n->text->str);
  if (n->bullets == 4)
    bs_record_set_reason (r, BS_REASON_REJECTED, "googlegroups", "four reasons the group refused the post");
  else
    bs_record_set_reason (r, BS_REASON_ONHOLD, "googlegroups", "the group holds the post");
}

static const BsFormat format = {
  .name = "googlegroups", .notice = { .stop = stops, .flags = BS_NOTICE_BLANK },
  .flags = BS_FORMAT_FAILED_HEADER, .read = read_line, .finish = finish,
};

gboolean
bs_lhost_googlegroups (const BsMail *mail, GPtrArray *records)
{
  if (!bs_header_has (mail, "From", "<mailer-daemon@googlemail.com>")
      || !bs_header_has (mail, "Subject", "Delivery Status Notification"))
    return FALSE;
  g_autofree char *failed = bs_mail_header (mail, "X-Failed-Recipients");
  g_autofree char *source = bs_mail_header (mail, "X-Google-Smtp-Source");
  if (failed == NULL || source == NULL)
    return FALSE;
  Notice n = { g_string_new (NULL), 0, 0 };
  gboolean ok = bs_format_read (mail, records, &format, &n);
  g_string_free (n.text, TRUE);
  return ok;
}
