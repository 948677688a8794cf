/* identity.h - what identifies a message in the history: the SHA-256 of its
 * bytes, and of its bytes without the fields mail clients add or rewrite
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bs_content_hash - SHA-256 (hex) of the message's bytes as they are */
char *bs_content_hash (const char *data, gsize len);

/* bs_message_identity - SHA-256 (hex) of the message without what a mail
 * client changes when it reads or keeps it: the top-level fields Status,
 * X-Status, X-UID, X-UIDL, X-Keywords, X-IMAP, X-IMAPbase, X-Mozilla-*,
 * X-Evolution*, Content-Length and Lines (with their continuation lines),
 * the line ends (CRLF or LF) and the blank lines at its end.  The same
 * bounce marked read by mutt, Dovecot or Thunderbird keeps its identity. */
char *bs_message_identity (const char *data, gsize len);

G_END_DECLS
