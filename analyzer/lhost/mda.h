/* mda.h - local delivery agents' rejections (dovecot, mail.local,
 * procmail, maildrop, vpopmail, vmailmgr) inside bounces: mda.c's reader,
 * shared with rfc3464.c
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "kit.h"

G_BEGIN_DECLS

/* bs_mda_reason - when a bounce from a mailer-daemon or postmaster quotes
 * a local delivery agent's message, give every record that agent as mta,
 * its text as diagnostic and the reason it states; TRUE if one did */
gboolean bs_mda_reason (const BsMail *mail, GPtrArray *records);

G_END_DECLS
