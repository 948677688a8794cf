/* charset.h - any text a bounce holds, to valid UTF-8
 *
 * Japanese business mail breaks strict converters: ISO-2022-JP is decoded as
 * its Microsoft superset (JIS bytes mapped to CP932), Shift_JIS as CP932,
 * EUC-JP as EUC-JP-MS.  Text without a usable label is tried as UTF-8, then
 * ISO-2022-JP (when it holds its escape sequences), CP932, EUC-JP, and last
 * Latin-1, which never fails.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bs_charset_to_utf8 - len bytes of text in charset (NULL = unknown) to a
 * newly allocated valid UTF-8 string; never NULL */
char *bs_charset_to_utf8 (const char *text, gsize len, const char *charset);

/* bs_rfc2047_decode - decode RFC 2047 encoded words and raw 8-bit or
 * ISO-2022-JP bytes of a header value; never NULL for non-NULL input */
char *bs_rfc2047_decode (const char *value);

G_END_DECLS
