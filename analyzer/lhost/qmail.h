/* qmail.h - qmail's notice reader, shared with the qmail-like notices of
 * other MTAs (qmaillike.c)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "kit.h"

G_BEGIN_DECLS

/* bs_qmail_read - read a qmail-shaped notice ("<user@example.com>:" then
 * its error text) that starts after a line starting with one of
 * start_marks (NULL: qmail's own "Hi. This is the qmail"); its records
 * replace records; reasons get the rule "lhost-<name>".  TRUE when records
 * holds any. */
gboolean bs_qmail_read (const BsMail *mail, GPtrArray *records, const char *const *start_marks,
                        const char *name);

G_END_DECLS
