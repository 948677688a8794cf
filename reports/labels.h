/* labels.h - the words a reader sees for the reason families and the
 * reasons, English and Japanese: one home for the HTML page and the
 * workbook (labels.c)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "aggregate.h"

G_BEGIN_DECLS

/* bs_label_family - "Mailbox full" / "メールボックスの容量超過" */
const char *bs_label_family (BsReasonFamily family, gboolean ja);
/* bs_label_family_color - its colour in the charts, "#rrggbb" */
const char *bs_label_family_color (BsReasonFamily family);

/* bs_label_reason - what a Sisimai reason means in a few words
 * ("Recipient address does not exist"), or NULL for an unknown reason */
const char *bs_label_reason (const char *reason, gboolean ja);

G_END_DECLS
