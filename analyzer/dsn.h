/* dsn.h - RFC 3464 / RFC 6533 delivery-status parts to records
 *
 * dsn.c reads the message/delivery-status (message/global-delivery-status)
 * parts message.c kept (BsMail.dsn) before any format module runs; a
 * module may complete or replace what it read (lhost.h).  The RFC 3464
 * fields some notices write in their text are read the same way
 * (bs_dsn_parse_text) or line by line during a notice walk
 * (bs_notice_dsn_line, lhost/kit.h).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "mail.h"

G_BEGIN_DECLS

/* bs_dsn_groups - split a delivery-status text into its groups of fields
 * (separated by blank lines): a GPtrArray of GPtrArray of (char *) "Name:
 * value" lines, continuation lines unfolded into their field */
GPtrArray *bs_dsn_groups (const char *text);

/* bs_dsn_parse - one record (BsRecord *) per recipient group of every
 * delivery-status part of mail, appended to records; returns how many */
guint bs_dsn_parse (const BsMail *mail, GPtrArray *records);

/* bs_dsn_parse_text - the same for one delivery-status text */
guint bs_dsn_parse_text (const char *text, GPtrArray *records);

G_END_DECLS
