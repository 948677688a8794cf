/* lhost-modules.h - the parse functions of every format module (see lhost.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "../lhost.h"

/* @@PROVIDERS@@ */
gboolean bs_lhost_yahoo (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_googlegroups (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_gmail (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_office365 (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_exchange2007 (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_exchange2003 (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_amazonses (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_amazonworkmail (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_receivingses (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_outlook (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_aol (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_sendgrid (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_yandex (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_messagelabs (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_barracuda (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_bigfoot (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_facebook (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_zoho (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_mcafee (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_gmx (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_einsundeins (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_mxlogic (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_mailru (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_mailfoundry (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_mailmarshalsmtp (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_verizon (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_surfcontrol (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_googleworkspace (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_rfc3464 (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_mda (const BsMail *mail, GPtrArray *records);
/* @@PROVIDERS-END@@ */
/* @@UNIX-MTAS@@ */
gboolean bs_lhost_activehunter (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_amavis (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_apachejames (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_biglobe (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_courier (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_domino (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_exim (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_ezweb (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_fml (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_imailserver (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_interscanmss (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_kddi (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_messagingserver (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_mfilter (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_notes (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_opensmtpd (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_postfix (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_powermta (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_qmail (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_sendmail (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_v5sendmail (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_x1 (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_x2 (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_x3 (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_x4 (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_x5 (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_x6 (const BsMail *mail, GPtrArray *records);
/* @@UNIX-MTAS-END@@ */
gboolean bs_lhost_arf (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_rfc3834 (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_generic (const BsMail *mail, GPtrArray *records);
