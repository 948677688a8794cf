/* googleworkspace.c - Google Workspace (G Suite) bounces: Gmail's newer
 * "** Message not delivered **" notices
 *
 * Sent by mailer-daemon@googlemail.com with a "Delivery Status
 * Notification" subject and X-Gm-Message-State.  The text under "** ...
 * **" explains, "The response was:" quotes the remote; a delivery-status
 * part (sometimes empty: then X-Failed-Recipients names the recipients)
 * follows.  The quoted response often says more than the part's vague
 * status.  After Sisimai's Lhost::GSuite, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../bs.h"
#include "../smtp.h"

#include "kit.h"

static const char *const starts[] = { "** ", NULL };
static const BsNoticeSpec spec = { .start = starts, .flags = BS_NOTICE_START_LINE };

/* Google's own texts */
static const BsPhrase phrases[] = {
  { BS_REASON_USERUNKNOWN, "because the address couldn't be found. Check for typos or unnecessary spaces and try again." }, /* Google Workspace: no such recipient */
  { BS_REASON_NOTACCEPT, "Null MX" },                       /* Google Workspace: the domain accepts no mail (RFC 7505) */
  { BS_REASON_NETWORKERROR, " had no relevant answers." },  /* Google Workspace: DNS had no answer for the domain */
  { BS_REASON_NETWORKERROR, " responded with code NXDOMAIN" }, /* Google Workspace: recipient domain does not exist */
};

/* "** Message not delivered **" */
static gboolean
is_title (BsLine l)
{
  return l.n > 6 && bs_line_starts (l, "** ") && bs_line_ends (l, " **");
}

static void
read_line (BsNotice *n, BsLine l)
{
  GString *notice = n->user;
  if (bs_notice_dsn_line (n, l))
    return;
  if (notice->len == 0 && !is_title (l))
    return;
  if (!bs_line_starts (l, "Content-Type:") && notice->len < BS_MAX_FIELD_BYTES)
    {
      g_string_append_len (notice, l.s, (gssize) l.n);
      g_string_append_c (notice, ' ');
    }
}

static void
finish (BsRecord *r, const char *notice)
{
  if (*notice != '\0')
    {
      if (r->diagnostic == NULL)
        bs_record_set (&r->diagnostic, notice);
      g_autofree char *st = bs_smtp_find_status (notice);
      guint reply = bs_smtp_find_reply (notice);
      gboolean better = FALSE;
      if ((r->status == NULL || g_str_has_suffix (r->status, ".0.0")) && st != NULL
          && !g_str_has_suffix (st, ".0.0"))
        {
          bs_record_set_status (r, st);
          better = TRUE;
        }
      if ((r->reply_code == 0 || r->reply_code % 100 == 0) && reply % 100 != 0)
        {
          r->reply_code = reply;
          better = TRUE;
        }
      if (better && strlen (notice) > strlen (r->diagnostic))
        bs_record_set (&r->diagnostic, notice);
    }
  bs_phrase_reason (r, phrases, G_N_ELEMENTS (phrases), "googleworkspace");
}

gboolean
bs_lhost_googleworkspace (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *state = bs_mail_header (mail, "X-Gm-Message-State");
  if (state == NULL || !bs_header_has (mail, "From", "<mailer-daemon@googlemail.com>")
      || !bs_header_has (mail, "Subject", "Delivery Status Notification"))
    return FALSE;
  GString *notice = g_string_new (NULL);
  g_autoptr (BsNotice) scan = bs_notice_walk (mail->body, &spec, read_line, notice);
  g_autofree char *text = g_strstrip (g_string_free (notice, FALSE));
  if (scan == NULL || *text == '\0')
    return FALSE;
  if (records->len == 0)
    {
      if (scan->recipients == 0)
        bs_notice_failed_recipients (scan, mail);
      if (!bs_notice_commit (scan, records))
        return FALSE;
    }
  for (guint i = 0; i < records->len; i++)
    finish (g_ptr_array_index (records, i), text);
  return bs_records_claim (records);
}
