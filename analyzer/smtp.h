/* smtp.h - small strict readers for what SMTP texts carry
 *
 * RFC 3463 status codes, RFC 5321 reply codes, addresses and IP addresses,
 * found in free text.  Pure functions: no allocation unless they return a
 * string, never read past the terminator.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bs_smtp_status_valid - length of an RFC 3463 code at text ("5.1.1"), 0 if none */
gsize bs_smtp_status_valid (const char *text);

/* bs_smtp_find_status - the first RFC 3463 code in text, or NULL */
char *bs_smtp_find_status (const char *text);

/* bs_smtp_reply_valid - TRUE for a real RFC 5321 reply code (250, 421,
 * 550 ...); 441 or 580 are not */
gboolean bs_smtp_reply_valid (guint code);

/* bs_smtp_find_reply - the first RFC 5321 reply code in text that stands as
 * a code (at the start, or before a space/dash and a status) and that
 * bs_smtp_reply_valid() knows, 0 */
guint bs_smtp_find_reply (const char *text);

/* bs_smtp_address - the first mailbox "local@domain" in text, lower-cased
 * domain, without brackets or quotes; NULL if none */
char *bs_smtp_address (const char *text);

/* bs_smtp_join_reply - a multi-line SMTP reply as one text: the code and
 * status of continuation lines ("550-5.7.1 ...", "421-4.7.0 ...") dropped
 * after the first line's; newly allocated */
char *bs_smtp_join_reply (const char *text);

/* bs_smtp_domain - the domain part of an address, lower case; NULL if none */
char *bs_smtp_domain (const char *address);

G_END_DECLS
