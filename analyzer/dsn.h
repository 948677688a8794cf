/* dsn.h - RFC 3464 / RFC 6533 delivery-status parts to records
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "mail.h"

G_BEGIN_DECLS

/* bs_dsn_fields - split a delivery-status text into field groups: a
 * GPtrArray of GPtrArray of (char *) "Name: value" lines, unfolded */
GPtrArray *bs_dsn_groups (const char *text);

/* bs_dsn_parse - one record (BsRecord *) per recipient block of every
 * delivery-status part of mail, appended to records; returns how many */
guint bs_dsn_parse (const BsMail *mail, GPtrArray *records);

/* bs_dsn_parse_text - the same for one delivery-status text */
guint bs_dsn_parse_text (const char *text, GPtrArray *records);

G_END_DECLS
