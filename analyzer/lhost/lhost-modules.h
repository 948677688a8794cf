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
/* @@PROVIDERS-END@@ */
/* @@UNIX-MTAS@@ */
gboolean bs_lhost_exim (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_opensmtpd (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_postfix (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_qmail (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_sendmail (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_v5sendmail (const BsMail *mail, GPtrArray *records);
/* @@UNIX-MTAS-END@@ */
gboolean bs_lhost_arf (const BsMail *mail, GPtrArray *records);
gboolean bs_lhost_rfc3834 (const BsMail *mail, GPtrArray *records);
