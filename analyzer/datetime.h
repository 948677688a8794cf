/* datetime.h - message dates to ISO 8601 with offset
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bs_datetime_iso - an RFC 5322 date (or an ISO 8601 one) as
 * "2026-11-25T10:35:38+09:00"; NULL when it cannot be read */
char *bs_datetime_iso (const char *date);

G_END_DECLS
