/* mailmarshalsmtp.c - Trustwave MailMarshal SMTP bounces
 *
 * Recognised by a subject beginning "Undeliverable Mail: \"".  "Your
 * message:" opens the notice; "Could not be delivered because of" gives
 * the text, then "The following recipients were affected:" lists them,
 * indented by four spaces; "Additional Information" names the MTAs.  After
 * Sisimai's Lhost::MailMarshalSMTP, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "kit.h"

static const char *const starts[] = { "Your message:", NULL };

typedef struct {
  GString *error;        /* the text after "Could not be delivered because of" */
  gboolean in_error;
  char *reporting;
  char *remote;
} State;

/* "Reporting-MTA:      <rr1.example.com>" -> "rr1.example.com" */
static char *
angled (BsLine l, const char *name)
{
  if (!bs_line_starts (l, name))
    return NULL;
  const char *lt = bs_line_chr (l, '<');
  const char *gt = lt ? bs_line_chr (bs_line_after (l, lt), '>') : NULL;
  return gt ? g_strndup (lt + 1, (gsize) (gt - lt - 1)) : NULL;
}

static void
read_line (BsNotice *n, BsLine l)
{
  State *st = n->user;
  /* "    user@example.com" */
  if (bs_line_starts (l, "    ") && bs_line_chr (l, '@') != NULL
      && bs_line_chr (bs_line_after (l, l.s + 4), ' ') == NULL)
    {
      bs_notice_recipient_line (n, l);
      return;
    }
  if (bs_line_starts (l, "Could not be delivered because of"))
    {
      st->in_error = TRUE;
      return;
    }
  if (st->in_error)
    {
      if (bs_line_starts (l, "The following recipients were affected:"))
        st->in_error = FALSE;
      else if (st->error->len < 4096)
        {
          g_string_append_c (st->error, ' ');
          g_string_append_len (st->error, l.s, (gssize) l.n);
        }
      return;
    }
  char *v;
  if ((v = angled (l, "Reporting-MTA:")) != NULL)
    g_free (st->reporting), st->reporting = v;
  else if ((v = angled (l, "Remote-MTA:")) != NULL)
    g_free (st->remote), st->remote = v;
}

/* the text and the MTAs are the notice's, shared by its recipients */
static void
finish (BsRecord *r, gpointer user)
{
  State *st = user;
  bs_record_set (&r->diagnostic, st->error->str);
  bs_record_set (&r->reporting_mta, st->reporting);
  bs_record_set (&r->remote_mta, st->remote);
}

static const BsFormat format = {
  .name = "mailmarshalsmtp", .notice = { .start = starts, .flags = BS_NOTICE_START_LINE },
  .read = read_line, .finish = finish,
};

gboolean
bs_lhost_mailmarshalsmtp (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  if (subject == NULL || !g_str_has_prefix (subject, "Undeliverable Mail: \""))
    return FALSE;
  State st = { g_string_new (NULL), FALSE, NULL, NULL };
  gboolean ok = bs_format_read (mail, records, &format, &st);
  g_string_free (st.error, TRUE);
  g_free (st.reporting);
  g_free (st.remote);
  return ok;
}
