/* kddi.h - what au (KDDI) mail notices share: the X-SPASIGN mark of its
 * filter, used by kddi.c and ezweb.c
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "kit.h"

G_BEGIN_DECLS

/* bs_kddi_spasign - "X-SPASIGN: NG" (au/KDDI's filter refused the message):
 * every record's reason is filtered, rule "lhost-<name>"; returns TRUE */
gboolean bs_kddi_spasign (const BsMail *mail, GPtrArray *records, const char *name);

G_END_DECLS
