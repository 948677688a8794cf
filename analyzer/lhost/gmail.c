/* gmail.c - Gmail's own bounces ("Delivery to the following recipient
 * failed permanently:" / "... has been delayed:")
 *
 * Sent by mailer-daemon@googlemail.com with a "Delivery Status
 * Notification" subject and no delivery-status part: each recipient is an
 * indented address, then "Technical details of permanent failure:" and the
 * remote's reply, often ending in Google's "(state N)" code, which names
 * the SMTP stage.  After Sisimai's Lhost::Gmail, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"
#include "../find.h"

#include <string.h>

#include "../smtp.h"
#include "providerscan.h"

static const char *const starts[] = { "Delivery to the following recipient", NULL };
static const char *const stops[] = {
  "----- Original message -----", "----- Message header follows -----",
  "   ----- Original message -----", "   ----- Message header follows -----", NULL,
};

/* Google's "(state N)" codes: the SMTP stage that failed, and the reason
 * Google's own wording implies (Sisimai's table) */
static const struct {
  const char *state;
  const char *command;
  BsReason reason;
} states[] = {
  { "(state 6).", "MAIL", BS_REASON_SYSTEMERROR }, /* 500 Remote server does not support TLS */
  { "(state 8).", "AUTH", BS_REASON_SYSTEMERROR }, /* 535 SMTP AUTH failed with the remote server */
  { "(state 9).", "AUTH", BS_REASON_SYSTEMERROR }, /* 454 TLS missing certificate */
  { "(state 12).", "AUTH", BS_REASON_NORELAYING }, /* does not support SMTP Authenticated Relay */
  { "(state 13).", "EHLO", BS_REASON_BLOCKED }, /* 550 5.7.1 ... Access denied */
  { "(state 14).", "RCPT", BS_REASON_USERUNKNOWN }, /* 550 5.1.1 ... User Unknown */
  { "(state 15).", "DATA", BS_REASON_FILTERED }, /* 554 Error: no valid recipients */
  { "(state 17).", "DATA", BS_REASON_FILTERED }, /* 550 #5.1.0 Address rejected */
  { "(state 18).", "DATA", BS_REASON_FILTERED }, /* 550 Unknown user ... */
};

/* Gmail's own texts without a remote reply */
static const BsPhrase phrases[] = {
  { BS_REASON_EXPIRED, "DNS Error: Could not contact DNS servers" },/* Gmail gave up: no DNS answer for the domain */
  { BS_REASON_EXPIRED, "Delivery to the following recipient has been delayed" }, /* Gmail delay notice */
  { BS_REASON_EXPIRED, "The recipient server did not accept our requests to connect" }, /* Gmail gave up: the MX refused connections */
  { BS_REASON_HOSTUNKNOWN, "DNS Error: Domain name not found" }, /* Gmail: recipient domain does not exist */
  { BS_REASON_HOSTUNKNOWN, "DNS Error: DNS server returned answer with no data" }, /* Gmail: recipient domain has no MX or A record */
};

static void
read_line (BsPscan *scan, const char *line)
{
  /* "     kijitora@example.jp" */
  if ((line[0] == ' ' || line[0] == '\t') && strchr (line, '@') != NULL)
    {
      g_autofree char *t = g_strstrip (g_strdup (line));
      if (strchr (t, ' ') == NULL && bs_pscan_recipient (scan, t) != NULL)
        return;
    }
  bs_pscan_append (&bs_pscan_current (scan)->diagnostic, line);
}

/* "... by mx.example.jp. [192.0.2.153]." : the remote host */
static void
remote_host (BsRecord *r)
{
  const char *p = r->diagnostic ? bs_strstr (r->diagnostic, " by ") : NULL;
  for (; p != NULL; p = bs_strstr (p + 1, " by "))
    {
      const char *h = p + 4;
      gsize n = strcspn (h, " ");
      if (n < 2 || h[n - 1] != '.' || strncmp (h + n, " [", 2) != 0)
        continue;
      g_autofree char *host = g_strndup (h, n - 1);
      bs_record_set (&r->remote_mta, host);
      return;
    }
}

static void
finish (BsRecord *r, gpointer user)
{
  if (r->diagnostic && bs_strstr (r->diagnostic, "Delivery to the following recipient has been delayed"))
    bs_record_set (&r->action, "delayed");
  remote_host (r);
  gboolean stated = FALSE;
  for (gsize s = 0; r->diagnostic != NULL && s < G_N_ELEMENTS (states); s++)
    if (bs_strstr (r->diagnostic, states[s].state) != NULL)
      {
        bs_record_set (&r->command, states[s].command);
        bs_set_reason_to (r, states[s].reason, "gmail", states[s].state);
        stated = TRUE;
        break;
      }
  if (!stated)
    bs_set_reason (r, phrases, G_N_ELEMENTS (phrases), "gmail");
  /* a precise status in the remote's reply says more than Google's
   * stage code: leave the reason to it */
  g_autofree char *st = r->reason != BS_REASON_NONE ? bs_smtp_find_status (r->diagnostic) : NULL;
  if (st != NULL && strlen (st) == 5 && st[2] != '0' && st[4] != '0')
    {
      r->reason = BS_REASON_NONE;
      g_clear_pointer (&r->rule, g_free);
      g_clear_pointer (&r->evidence, g_free);
    }
}

static const BsPscanFormat format = {
  "gmail", { .start = starts, .read_start_line = TRUE, .stop = stops }, read_line, .finish = finish,
};

gboolean
bs_lhost_gmail (const BsMail *mail, GPtrArray *records)
{
  return bs_pscan_header_has (mail, "From", "<mailer-daemon@googlemail.com>")
         && bs_pscan_header_has (mail, "Subject", "Delivery Status Notification")
         && bs_pscan_text_format (mail, records, &format, NULL);
}
