/* mailmarshalsmtp.c - Trustwave MailMarshal SMTP bounces
 *
 * Recognised by a subject beginning "Undeliverable Mail: \"".  "Your
 * message:" opens the notice; "Could not be delivered because of" gives
 * the text, then "The following recipients were affected:" lists them,
 * indented by four spaces; "Additional Information" names the MTAs.  After
 * Sisimai's Lhost::MailMarshalSMTP, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "providerscan.h"

static const char *const starts[] = { "Your message:", NULL };
static const BsPscanSpec spec = { .start = starts, .read_start_line = TRUE };

typedef struct {
  GString *error;        /* the text after "Could not be delivered because of" */
  gboolean in_error;
  char *reporting;
  char *remote;
} State;

/* "Reporting-MTA:      <rr1.example.com>" -> "rr1.example.com" */
static char *
angled (const char *line, const char *name)
{
  if (!g_str_has_prefix (line, name))
    return NULL;
  const char *lt = strchr (line, '<'), *gt = lt ? strchr (lt, '>') : NULL;
  return gt ? g_strndup (lt + 1, (gsize) (gt - lt - 1)) : NULL;
}

static void
read_line (BsPscan *scan, const char *line)
{
  State *st = scan->user;
  if (g_str_has_prefix (line, "    ") && strchr (line, '@') != NULL && strchr (line + 4, ' ') == NULL)
    {
      bs_pscan_recipient (scan, line);
      return;
    }
  if (g_str_has_prefix (line, "Could not be delivered because of"))
    {
      st->in_error = TRUE;
      return;
    }
  if (st->in_error)
    {
      if (g_str_has_prefix (line, "The following recipients were affected:"))
        st->in_error = FALSE;
      else if (st->error->len < 4096)
        g_string_append_printf (st->error, " %s", line);
      return;
    }
  char *v;
  if ((v = angled (line, "Reporting-MTA:")) != NULL)
    g_free (st->reporting), st->reporting = v;
  else if ((v = angled (line, "Remote-MTA:")) != NULL)
    g_free (st->remote), st->remote = v;
}

gboolean
bs_lhost_mailmarshalsmtp (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  if (subject == NULL || !g_str_has_prefix (subject, "Undeliverable Mail: \""))
    return FALSE;
  State st = { g_string_new (NULL), FALSE, NULL, NULL };
  g_autoptr (BsPscan) scan = bs_pscan_run (mail->body, &spec, read_line, &st);
  g_autofree char *error = g_string_free (st.error, FALSE);
  g_autofree char *reporting = st.reporting, *remote = st.remote;
  if (scan == NULL)
    return FALSE;
  for (guint i = 0; i < scan->records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (scan->records, i);
      bs_record_set (&r->diagnostic, error);
      bs_record_set (&r->reporting_mta, reporting);
      bs_record_set (&r->remote_mta, remote);
    }
  return bs_pscan_commit (scan, records);
}
