/* classify.h - the verdict on one record: reason, hard/soft, blocklist,
 * provider code, refused sending IP, and the rule that decided
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "mail.h"
#include "record.h"

G_BEGIN_DECLS

/* bs_classify_load_rules - read a user's rules file, tried before the
 * built-in tables; call before any classification */
gboolean bs_classify_load_rules (const char *path, GError **error);

/* bs_classify_record - fill the verdict fields of r from its facts and the
 * message it came from; thread-safe */
void bs_classify_record (const BsMail *mail, BsRecord *r);

G_END_DECLS
