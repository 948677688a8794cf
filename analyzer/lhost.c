/* lhost.c - the table of format parsers, in the order they are tried
 *
 * Specific formats come first (they know their own quirks, and may complete
 * what the generic RFC 3464 reading found); generic readers last.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost.h"

#include "lhost/lhost-modules.h"

static const BsLhost lhosts[] = {
  /* @@PROVIDERS@@ providers and appliances: { "name", bs_lhost_name }, */
  { "yahoo", bs_lhost_yahoo },
  { "googlegroups", bs_lhost_googlegroups },
  { "gmail", bs_lhost_gmail },
  { "office365", bs_lhost_office365 },
  { "exchange2007", bs_lhost_exchange2007 },
  { "exchange2003", bs_lhost_exchange2003 },
  { "amazonses", bs_lhost_amazonses },
  /* @@PROVIDERS-END@@ */
  /* @@UNIX-MTAS@@ MTAs and their plain-text notices */
  { "exim", bs_lhost_exim },
  { "sendmail", bs_lhost_sendmail },
  { "v5sendmail", bs_lhost_v5sendmail },
  { "postfix", bs_lhost_postfix },
  { "qmail", bs_lhost_qmail },
  { "opensmtpd", bs_lhost_opensmtpd },
  /* @@UNIX-MTAS-END@@ */
  { "arf", bs_lhost_arf },
  { "rfc3834", bs_lhost_rfc3834 },
};

const BsLhost *
bs_lhost_table (gsize *n)
{
  *n = G_N_ELEMENTS (lhosts);
  return lhosts;
}
