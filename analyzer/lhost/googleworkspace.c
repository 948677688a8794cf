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
#include "lhost-modules.h"

#include <string.h>

#include "../bs.h"
#include "../smtp.h"
#include "providerscan.h"

static const char *const starts[] = { "** ", NULL };
static const BsPscanSpec spec = { .start = starts, .read_start_line = TRUE };

/* Google's own texts */
static const BsPhrase phrases[] = {
  { BS_REASON_USERUNKNOWN, "because the address couldn't be found. Check for typos or unnecessary spaces and try again." }, /* Google Workspace: no such recipient */
  { BS_REASON_NOTACCEPT, "Null MX" },                       /* Google Workspace: the domain accepts no mail (RFC 7505) */
  { BS_REASON_NETWORKERROR, " had no relevant answers." },  /* Google Workspace: DNS had no answer for the domain */
  { BS_REASON_NETWORKERROR, " responded with code NXDOMAIN" }, /* Google Workspace: recipient domain does not exist */
};

/* "** Message not delivered **" */
static gboolean
is_title (const char *line)
{
  gsize n = strlen (line);
  return n > 6 && g_str_has_prefix (line, "** ") && g_str_has_suffix (line, " **");
}

static void
read_line (BsPscan *scan, const char *line)
{
  GString *notice = scan->user;
  if (bs_pscan_dsn_line (scan, line))
    return;
  if (notice->len == 0 && !is_title (line))
    return;
  if (!g_str_has_prefix (line, "Content-Type:") && notice->len < BS_MAX_FIELD_BYTES)
    g_string_append_printf (notice, "%s ", line);
}

static void
finish (BsRecord *r, const char *notice)
{
  if (*notice != '\0')
    {
      if (r->diagnostic == NULL)
        bs_record_set (&r->diagnostic, notice);
      g_autofree char *st = bs_smtp_find_status (notice);
      guint reply = bs_pscan_reply_code (notice);
      gboolean better = FALSE;
      if ((r->status == NULL || g_str_has_suffix (r->status, ".0.0")) && st != NULL
          && !g_str_has_suffix (st, ".0.0"))
        {
          bs_pscan_set_status (r, st);
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
  bs_set_reason (r, phrases, G_N_ELEMENTS (phrases), "googleworkspace");
}

gboolean
bs_lhost_googleworkspace (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *state = bs_mail_header (mail, "X-Gm-Message-State");
  if (state == NULL || !bs_pscan_header_has (mail, "From", "<mailer-daemon@googlemail.com>")
      || !bs_pscan_header_has (mail, "Subject", "Delivery Status Notification"))
    return FALSE;
  GString *notice = g_string_new (NULL);
  g_autoptr (BsPscan) scan = bs_pscan_run (mail->body, &spec, read_line, notice);
  g_autofree char *text = g_strstrip (g_string_free (notice, FALSE));
  if (scan == NULL || *text == '\0')
    return FALSE;
  if (records->len == 0)
    {
      if (scan->recipients == 0)
        {
          g_autofree char *failed = bs_mail_header (mail, "X-Failed-Recipients");
          g_auto (GStrv) list = failed ? g_strsplit (failed, ",", 256) : NULL;
          for (guint i = 0; list != NULL && list[i] != NULL; i++)
            bs_pscan_recipient (scan, list[i]);
        }
      if (!bs_pscan_commit (scan, records))
        return FALSE;
    }
  for (guint i = 0; i < records->len; i++)
    finish (g_ptr_array_index (records, i), text);
  return bs_pscan_claim (records);
}
