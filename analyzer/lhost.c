/* lhost.c - the table of format parsers, in the order they are tried
 *
 * Specific formats come first (they know their own quirks, and may complete
 * what the generic RFC 3464 reading found); generic readers last, and the
 * RFC 3464 text reading the very last.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost.h"

#include "lhost/lhost-modules.h"

static const BsLhost lhosts[] = {
  /* @@PROVIDERS@@ providers and appliances: { "name", bs_lhost_name }, */
  { "yahoo", bs_lhost_yahoo },
  { "googleworkspace", bs_lhost_googleworkspace },
  { "googlegroups", bs_lhost_googlegroups },
  { "gmail", bs_lhost_gmail },
  { "office365", bs_lhost_office365 },
  { "exchange2007", bs_lhost_exchange2007 },
  { "exchange2003", bs_lhost_exchange2003 },
  { "amazonses", bs_lhost_amazonses },
  { "amazonworkmail", bs_lhost_amazonworkmail },
  { "receivingses", bs_lhost_receivingses },
  { "outlook", bs_lhost_outlook },
  { "aol", bs_lhost_aol },
  { "sendgrid", bs_lhost_sendgrid },
  { "yandex", bs_lhost_yandex },
  { "messagelabs", bs_lhost_messagelabs },
  { "barracuda", bs_lhost_barracuda },
  { "bigfoot", bs_lhost_bigfoot },
  { "facebook", bs_lhost_facebook },
  { "zoho", bs_lhost_zoho },
  { "mcafee", bs_lhost_mcafee },
  { "gmx", bs_lhost_gmx },
  { "einsundeins", bs_lhost_einsundeins },
  { "mxlogic", bs_lhost_mxlogic },
  { "mailru", bs_lhost_mailru },
  { "mailfoundry", bs_lhost_mailfoundry },
  { "mailmarshalsmtp", bs_lhost_mailmarshalsmtp },
  { "verizon", bs_lhost_verizon },
  { "surfcontrol", bs_lhost_surfcontrol },
  { "mda", bs_lhost_mda },
  /* @@PROVIDERS-END@@ */
  /* @@UNIX-MTAS@@ MTAs and their plain-text notices */
  { "activehunter", bs_lhost_activehunter },
  { "amavis", bs_lhost_amavis },
  { "apachejames", bs_lhost_apachejames },
  { "biglobe", bs_lhost_biglobe },
  { "courier", bs_lhost_courier },
  { "domino", bs_lhost_domino },
  { "ezweb", bs_lhost_ezweb },
  { "fml", bs_lhost_fml },
  { "imailserver", bs_lhost_imailserver },
  { "interscanmss", bs_lhost_interscanmss },
  { "kddi", bs_lhost_kddi },
  { "messagingserver", bs_lhost_messagingserver },
  { "mfilter", bs_lhost_mfilter },
  { "notes", bs_lhost_notes },
  { "opensmtpd", bs_lhost_opensmtpd },
  { "powermta", bs_lhost_powermta },
  { "x1", bs_lhost_x1 },
  { "x2", bs_lhost_x2 },
  { "x3", bs_lhost_x3 },
  { "x5", bs_lhost_x5 },
  { "x6", bs_lhost_x6 },
  { "exim", bs_lhost_exim },
  { "sendmail", bs_lhost_sendmail },
  { "postfix", bs_lhost_postfix },
  { "qmail", bs_lhost_qmail },
  { "v5sendmail", bs_lhost_v5sendmail },
  { "x4", bs_lhost_x4 },
  /* @@UNIX-MTAS-END@@ */
  { "arf", bs_lhost_arf },
  { "rfc3834", bs_lhost_rfc3834 },
  /* the last resorts: tried once every module above has left the message */
  { "rfc3464", bs_lhost_rfc3464 },
  { "generic", bs_lhost_generic },
};

/* modules turned off (bs_lhost_disable): one bit per row of lhosts */
static guint64 disabled[(G_N_ELEMENTS (lhosts) + 63) / 64];

const BsLhost *
bs_lhost_table (gsize *n)
{
  *n = G_N_ELEMENTS (lhosts);
  return lhosts;
}

gboolean
bs_lhost_disable (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (lhosts); i++)
    if (g_strcmp0 (lhosts[i].name, name) == 0)
      {
        disabled[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
        return TRUE;
      }
  return FALSE;
}

gboolean
bs_lhost_enabled (gsize i)
{
  return i >= G_N_ELEMENTS (lhosts) || (disabled[i / 64] & (G_GUINT64_CONSTANT (1) << (i % 64))) == 0;
}
