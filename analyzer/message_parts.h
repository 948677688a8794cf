/* message_parts.h - what the parts of the message reader (message*.c)
 * share: not an API, the reader's public face is mail.h
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include <gmime/gmime.h>

#include "mail.h"

G_BEGIN_DECLS

/* message_repair.c: the bytes before the parse; each returns a changed
 * copy (its length in *out_len), or NULL when there is nothing to do */
char *bs_msg_to_lf (const char *data, gsize len, gsize *out_len);
char *bs_msg_fold_boundary (const char *data, gsize len, gsize *out_len);
char *bs_msg_defuse_encoded_words (const char *data, gsize len, gsize *out_len);
/* the enclosed messages' types renamed to private leaf types of the same
 * length: a changed copy, or NULL when there is none or when in_place lets
 * it change data itself */
char *bs_msg_hide_enclosed (const char *data, gsize len, gboolean in_place);
/* bs_msg_hide_enclosed undone in a text handed on, in place */
void bs_msg_unhide_types (char *text);
/* the real MIME type of a hidden one (lower case), or NULL */
const char *bs_msg_real_type (const char *mime);

/* message_headers.c */
/* a header block given as raw text, unfolded and cut at a NUL */
char *bs_msg_unfold_block (const char *text, gsize len);
/* mail->fields and mail->received from mail->headers */
void bs_msg_index_headers (BsMail *mail);
/* the header block of a GMime object as UTF-8 text: "Name: value\n"... */
char *bs_msg_object_headers (GMimeObject *obj);
/* the top-level header block of data read into out without GMime; the
 * offset where what GMime is to read starts, or -1 (message_headers.c) */
gssize bs_msg_read_top_headers (char *data, gsize len, GString *out);

G_END_DECLS
