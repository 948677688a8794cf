/* office365.c - Exchange Online (Office 365, Microsoft 365) bounces
 *
 * Recognised by at least two of the marks Exchange Online leaves on its
 * NDRs (an "Undeliverable:" subject, X-MS-Exchange-Message-Is-Ndr, the
 * anti-spam and cross-tenant headers, a *.prod.outlook.com or
 * *.outbound.protection.outlook.com host in Received or Message-ID).  The
 * text names each recipient as "user@domain<mailto:user@domain>", then
 * "Diagnostic information for administrators:" holds the remote's reply;
 * the delivery-status part completes it.  Microsoft's extended status codes
 * (5.7.50x, 4.7.6xx...) state the reason.  After Sisimai's Lhost::Office365,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"
#include "../find.h"

#include <string.h>

#include "../smtp.h"
#include "providerscan.h"

static const char *const starts[] = {
  "Delivery has failed to these recipients or groups:", "Original Message Details", NULL,
};
static const char *const starts_within[] = {
  " rejected your message to the following email addresses:",
  " rejected your message to the following e-mail addresses:", NULL,
};
static const BsPscanSpec spec = { .start = starts, .start_within = starts_within };

/* Microsoft's status codes that name the reason (Exchange Online NDR
 * documentation; Sisimai's table): prefix of the status, reason */
static const struct {
  const char *status;
  gboolean exact;
  BsReason reason;
} statuses[] = {
  { "4.4.7", TRUE, BS_REASON_EXPIRED },  /* message expired in the queue */
  { "4.4.312", TRUE, BS_REASON_NETWORKERROR }, /* DNS query failed */
  { "4.4.316", TRUE, BS_REASON_EXPIRED }, /* connection refused, expired */
  { "4.7.26", TRUE, BS_REASON_SECURITYERROR }, /* unauthenticated sender */
  { "4.7.5", FALSE, BS_REASON_BLOCKED }, /* 4.7.5xx: IP not allowed */
  { "4.7.6", FALSE, BS_REASON_BLOCKED }, /* 4.7.6xx: sender blocked */
  { "4.7.85", FALSE, BS_REASON_BLOCKED }, /* 4.7.85x */
  { "4.7.86", FALSE, BS_REASON_BLOCKED },                   /* 4.7.85x-89x: sending IP temporarily restricted */
  { "4.7.87", FALSE, BS_REASON_BLOCKED },                   /* 4.7.85x-89x: sending IP temporarily restricted */
  { "4.7.88", FALSE, BS_REASON_BLOCKED },                   /* 4.7.85x-89x: sending IP temporarily restricted */
  { "4.7.89", FALSE, BS_REASON_BLOCKED },                   /* 4.7.85x-89x: sending IP temporarily restricted */
  { "5.0.350", TRUE, BS_REASON_CONTENTERROR }, /* generic error from the remote */
  { "5.1.10", TRUE, BS_REASON_USERUNKNOWN }, /* recipient not found by SMTP address lookup */
  { "5.4.1", TRUE, BS_REASON_NORELAYING }, /* relay access denied */
  { "5.4.6", TRUE, BS_REASON_NETWORKERROR }, /* routing loop */
  { "5.4.312", TRUE, BS_REASON_NETWORKERROR }, /* DNS query failed */
  { "5.4.316", TRUE, BS_REASON_EXPIRED }, /* connection refused, expired */
  { "5.6.11", TRUE, BS_REASON_CONTENTERROR }, /* bare line feeds */
  { "5.7.1", TRUE, BS_REASON_REJECTED }, /* delivery not authorized */
  { "5.7.12", TRUE, BS_REASON_REJECTED }, /* sender not authenticated for the group */
  { "5.7.13", TRUE, BS_REASON_REJECTED },                   /* sender not allowed to send to the group */
  { "5.7.124", TRUE, BS_REASON_REJECTED }, /* sender not in the group's allowed list */
  { "5.7.133", TRUE, BS_REASON_REJECTED }, /* sender not authenticated for the group */
  { "5.7.134", TRUE, BS_REASON_REJECTED },                  /* sender not allowed to send to the mailbox/group */
  { "5.7.135", TRUE, BS_REASON_REJECTED },                  /* sender not allowed to send to the mailbox/group */
  { "5.7.136", TRUE, BS_REASON_REJECTED },                  /* sender not allowed to send to the mailbox/group */
  { "5.7.23", TRUE, BS_REASON_BLOCKED }, /* SPF failure */
  { "5.7.25", TRUE, BS_REASON_NETWORKERROR }, /* no PTR record */
  { "5.7.501", TRUE, BS_REASON_SPAMDETECTED }, /* spam, account suspended */
  { "5.7.502", TRUE, BS_REASON_SPAMDETECTED },              /* sender blocked for spam, account suspended */
  { "5.7.503", TRUE, BS_REASON_SPAMDETECTED },              /* sender blocked for spam, account suspended */
  { "5.7.504", TRUE, BS_REASON_FILTERED }, /* recipient rejected */
  { "5.7.505", TRUE, BS_REASON_FILTERED },                  /* banned recipient: the recipient refuses it */
  { "5.7.506", TRUE, BS_REASON_BLOCKED }, /* Bad HELO */
  { "5.7.507", TRUE, BS_REASON_BLOCKED }, /* rejected by IP reputation */
  { "5.7.508", TRUE, BS_REASON_TOOMANYCONN }, /* IPv6 rate limit */
  { "5.7.509", TRUE, BS_REASON_SECURITYERROR }, /* DMARC reject */
  { "5.7.510", TRUE, BS_REASON_NOTACCEPT }, /* IPv6 not accepted */
  { "5.7.511", TRUE, BS_REASON_REJECTED }, /* banned sender */
  { "5.7.512", TRUE, BS_REASON_SECURITYERROR }, /* missing From: domain */
  { "5.7.57", TRUE, BS_REASON_SECURITYERROR }, /* client not authenticated */
  { "5.7.606", FALSE, BS_REASON_BLOCKED }, /* 5.7.606-609: IP banned */
  { "5.7.607", FALSE, BS_REASON_BLOCKED },                  /* 5.7.606-609: sending IP banned */
  { "5.7.608", FALSE, BS_REASON_BLOCKED },                  /* 5.7.606-609: sending IP banned */
  { "5.7.609", FALSE, BS_REASON_BLOCKED },                  /* 5.7.606-609: sending IP banned */
  { "5.7.61", FALSE, BS_REASON_BLOCKED }, /* 5.7.61x-64x: IP banned */
  { "5.7.62", FALSE, BS_REASON_BLOCKED },                   /* 5.7.61x-64x: sending IP banned */
  { "5.7.63", FALSE, BS_REASON_BLOCKED },                   /* 5.7.61x-64x: sending IP banned */
  { "5.7.64", FALSE, BS_REASON_BLOCKED },                   /* 5.7.61x-64x: sending IP banned */
  { "5.7.70", FALSE, BS_REASON_TOOMANYCONN }, /* 5.7.70x-74x: tenant over its limits */
  { "5.7.71", FALSE, BS_REASON_TOOMANYCONN },               /* 5.7.70x-74x: tenant over its sending limits */
  { "5.7.72", FALSE, BS_REASON_TOOMANYCONN },               /* 5.7.70x-74x: tenant over its sending limits */
  { "5.7.73", FALSE, BS_REASON_TOOMANYCONN },               /* 5.7.70x-74x: tenant over its sending limits */
  { "5.7.74", FALSE, BS_REASON_TOOMANYCONN },               /* 5.7.70x-74x: tenant over its sending limits */
};

/* headers Exchange Online puts on its NDRs */
static const char *const marks[] = {
  "X-MS-Exchange-Message-Is-Ndr", "X-Microsoft-Antispam-PRVS", "X-Exchange-Antispam-Report-Test",
  "X-Exchange-Antispam-Report-CFA-Test", "X-MS-Exchange-CrossTenant-OriginalArrivalTime",
  "X-MS-Exchange-CrossTenant-FromEntityHeader", "X-MS-Exchange-Transport-CrossTenantHeadersStamped",
};
static const char *const outlook_hosts[] = { ".outbound.protection.outlook.com", ".prod.outlook.com" };

typedef struct {
  gboolean end_of_error;   /* "Original message headers:" seen */
  char *generating;        /* "Generating server:" */
} State;

static void
read_line (BsPscan *scan, const char *line)
{
  State *st = scan->user;
  if (st->end_of_error)
    return;
  const char *m = bs_strstr (line, "<mailto:");
  if ((m != NULL && strchr (line, '@') < m && g_str_has_suffix (line, ">"))
      || g_str_has_prefix (line, "Recipient Address:"))
    {
      if (bs_pscan_recipient (scan, m ? m + 8 : line + 18) != NULL)
        return;
    }
  if (g_str_has_prefix (line, "Generating server: "))
    {
      if (st->generating == NULL)
        st->generating = g_ascii_strdown (line + 19, -1);
      return;
    }
  BsRecord *r = bs_pscan_current (scan);
  if (g_str_has_prefix (line, "Diagnostic information for administrators:")
      || g_str_has_prefix (line, "Error Details"))
    bs_record_set (&r->diagnostic, line);
  else if (r->diagnostic != NULL)
    {
      if (g_str_has_prefix (line, "Original message headers") || g_str_has_prefix (line, "Original Message Headers")
          || g_str_has_prefix (line, "Message Hops"))
        st->end_of_error = TRUE;
      else
        bs_pscan_append (&r->diagnostic, line);
    }
}

static gboolean
is_exchange_online (const BsMail *mail)
{
  guint score = bs_pscan_header_has (mail, "Subject", "Undeliverable:") ? 1 : 0;
  for (gsize i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      const char *v = bs_mail_header_peek (mail, marks[i]);
      score += v != NULL && *v != '\0'; /* an empty one does not count */
    }
  for (gsize i = 0; i < G_N_ELEMENTS (outlook_hosts); i++)
    if (bs_pscan_received_has (mail, outlook_hosts[i]))
      {
        score++;
        break;
      }
  for (gsize i = 0; i < G_N_ELEMENTS (outlook_hosts); i++)
    if (bs_pscan_header_has (mail, "Message-ID", outlook_hosts[i]))
      {
        score++;
        break;
      }
  return score >= 2;
}

/* what Exchange Online's texts and codes say about one record */
static void
finish (BsRecord *r, const char *generating)
{
  if (r->reporting_mta == NULL)
    bs_record_set (&r->reporting_mta, generating);
  if (r->status == NULL || g_str_has_suffix (r->status, ".0.0"))
    {
      g_autofree char *found = bs_smtp_find_status (r->diagnostic);
      if (found != NULL)
        bs_pscan_set_status (r, found);
    }
  if (r->diagnostic != NULL && bs_strstr (r->diagnostic, "unknown recipient or mailbox unavailable ->"))
    bs_record_set (&r->command, "RCPT");
  for (gsize s = 0; r->status != NULL && s < G_N_ELEMENTS (statuses); s++)
    if (statuses[s].exact ? strcmp (r->status, statuses[s].status) == 0
                          : g_str_has_prefix (r->status, statuses[s].status))
      {
        bs_set_reason_to (r, statuses[s].reason, "office365", r->status);
        break;
      }
}

gboolean
bs_lhost_office365 (const BsMail *mail, GPtrArray *records)
{
  if (!is_exchange_online (mail))
    return FALSE;
  State st = { FALSE, NULL };
  g_autoptr (BsPscan) scan = bs_pscan_run (mail->body, &spec, read_line, &st);
  g_autofree char *generating = st.generating;
  GPtrArray *list = records;
  if (scan != NULL && scan->recipients > 0)
    {
      bs_pscan_merge_dsn (scan, records);
      list = scan->records;
    }
  /* no text part we could read: the delivery-status part alone */
  for (guint i = 0; i < list->len; i++)
    finish (g_ptr_array_index (list, i), generating);
  if (list == records)
    return bs_pscan_claim (records);
  return bs_pscan_commit (scan, records);
}
