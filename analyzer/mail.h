/* mail.h - BsMail: one parsed message, as the format parsers see it
 *
 * message.c builds a BsMail from the bytes of one message: the top-level
 * headers decoded to UTF-8, the human-readable parts flattened into one LF
 * text, the delivery-status parts as text, and the original message's header
 * block.  Everything is bounded (bs.h) and valid UTF-8.  The original
 * message's body is never decoded.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* one field of the top-level header block */
typedef struct {
  const char *name;      /* in BsMail.headers, not NUL-terminated */
  guint len;             /* of the name */
  const char *value;     /* unfolded, leading blanks trimmed (in BsMail.field_text) */
} BsField;

typedef struct {
  char *source;          /* path of the file or mbox */
  guint index;           /* mbox message number, 0 elsewhere */

  char *headers;         /* top-level header block, unfolded, UTF-8, LF */
  char *content_type;    /* top-level MIME type, lower case: "multipart/report" */
  char *report_type;     /* its report-type parameter, lower case, or NULL */

  /* The body as text, in the style of Sisimai's flattened MIME: every
   * text/plain part decoded to UTF-8 (text/html reduced to text), and every
   * message/delivery-status, message/global-delivery-status,
   * message/feedback-report, message/rfc822, message/global,
   * text/rfc822-headers and message/global-headers part introduced by a line
   * "Content-Type: <type>" then a blank line, then its text (for message/
   * parts only the header block of the enclosed message).  Parts appear in
   * document order.  Not a MIME message: no boundaries. */
  char *body;

  GPtrArray *dsn;        /* (char *) text of each delivery-status part */
  char *feedback;        /* text of the message/feedback-report part, or NULL */
  char *original;        /* header block of the original message, or NULL */
  GArray *fields;        /* BsField: every top-level field, in order */
  char *field_text;      /* the values of fields: headers cut at line ends */
  guint64 field_bits;    /* a bit for every name in fields (message.c) */
  const char *subject, *from; /* the first Subject and From values in fields,
                               * asked for dozens of times a message */
  GPtrArray *received;   /* (char *) every top-level Received: value, in order
                          * (the values of fields) */
  gboolean truncated;    /* the message was larger than BS_MAX_MESSAGE_BYTES */
} BsMail;

void bs_mail_free (BsMail *mail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsMail, bs_mail_free)

/* bs_mail_parse - parse the bytes of one message; NULL with BS_ERROR_PARSE
 * when it is not a MIME message at all */
BsMail *bs_mail_parse (const char *data, gsize len, const char *source,
                       guint index, GError **error);

/* bs_mail_parse_writable - the same on bytes the caller lets it change:
 * no copy of the message is made (a bounce carrying a 20 MB original is
 * held once); the bytes are not a message any more afterwards */
BsMail *bs_mail_parse_writable (char *data, gsize len, const char *source,
                                guint index, GError **error);

/* bs_header_get - value of the first field called name in a header block
 * (unfolded, as found), newly allocated; NULL if absent */
char *bs_header_get (const char *block, const char *name);

/* bs_header_get_many - bs_header_get of n names in one pass: values[i]
 * (NULL on entry) receives the first field called names[i], or stays NULL */
void bs_header_get_many (const char *block, const char *const *names, char **values, gsize n);

/* bs_mail_header_peek - the first top-level field called name (any case),
 * transfer none; NULL if absent */
const char *bs_mail_header_peek (const BsMail *mail, const char *name);

/* bs_mail_header - bs_mail_header_peek, newly allocated */
char *bs_mail_header (const BsMail *mail, const char *name);

/* bs_mail_has_header - TRUE when the top-level headers have a field name */
gboolean bs_mail_has_header (const BsMail *mail, const char *name);

/* bs_header_decode - RFC 2047 words and raw 8-bit or ISO-2022-JP bytes of a
 * header value to UTF-8 (Japanese charsets decoded with their Microsoft
 * supersets); newly allocated, never NULL for non-NULL input */
char *bs_header_decode (const char *raw);

G_END_DECLS
