/* message.c - the bytes of one message to a BsMail (see mail.h)
 *
 * Owns the parse: the bytes repaired (message_repair.c) and their top-level
 * header block read (message_headers.c), GMime's parse of the rest, the
 * walk over MIME parts, and the bounded decoding of the parts a bounce
 * analyzer reads.  The GMime objects live only inside bs_mail_parse(); the
 * BsMail holds plain copies.  Only text, report and header parts are
 * decoded; attachments and the original message's body never are.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "message_parts.h"
#include "find.h"

#include <string.h>

#include "bs.h"
#include "charset.h"
#include "gmime-autoptr.h"

void
bs_mail_free (BsMail *m)
{
  if (m == NULL)
    return;
  g_free (m->source);
  g_free (m->headers);
  g_free (m->content_type);
  g_free (m->report_type);
  g_free (m->body);
  if (m->dsn)
    g_ptr_array_unref (m->dsn);
  g_free (m->feedback);
  g_free (m->original);
  if (m->fields)
    g_array_unref (m->fields);
  g_free (m->field_text);
  if (m->received)
    g_ptr_array_unref (m->received);
  g_free (m);
}

/* the decoded bytes of a leaf part, at most max bytes of its encoded form */
static GByteArray *
part_bytes (GMimePart *part, gsize max)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  GByteArray *bytes = g_byte_array_new ();
  if (content == NULL)
    return bytes;
  GMimeStream *raw = g_mime_data_wrapper_get_stream (content);
  if (raw == NULL)
    return bytes;
  gint64 start = raw->bound_start;
  gint64 len = g_mime_stream_length (raw);
  g_autoptr (GMimeStream) out = g_mime_stream_mem_new_with_byte_array (bytes);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (out), FALSE);
  if (len >= 0 && (gsize) len > max)
    {
      g_autoptr (GMimeStream) sub = g_mime_stream_substream (raw, start, start + (gint64) max);
      g_autoptr (GMimeDataWrapper) w
        = g_mime_data_wrapper_new_with_stream (sub, g_mime_data_wrapper_get_encoding (content));
      g_mime_data_wrapper_write_to_stream (w, out);
    }
  else
    g_mime_data_wrapper_write_to_stream (content, out);
  g_mime_stream_reset (raw);
  return bytes;
}

static char *
part_text (GMimePart *part, gsize max)
{
  g_autoptr (GByteArray) bytes = part_bytes (part, max);
  const char *charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (part), "charset");
  /* a NUL decoded from "=00" (Office 365 writes "LinkId=00000000" in QP)
   * would end the text: the rest of the notice matters */
  gboolean wide = charset != NULL && (g_ascii_strncasecmp (charset, "utf-16", 6) == 0
                                      || g_ascii_strncasecmp (charset, "utf-32", 6) == 0
                                      || g_ascii_strncasecmp (charset, "ucs", 3) == 0);
  for (guint8 *nul = wide || bytes->len == 0 ? NULL : memchr (bytes->data, '\0', bytes->len); nul != NULL;
       nul = memchr (nul, '\0', bytes->len - (gsize) (nul - bytes->data)))
    *nul = ' ';
  gsize n = 0;
  g_autofree char *lf = bs_msg_to_lf ((const char *) bytes->data, bytes->len, &n);
  char *text = lf != NULL ? bs_charset_to_utf8 (lf, n, charset)
                          : bs_charset_to_utf8 ((const char *) bytes->data, bytes->len, charset);
  bs_msg_unhide_types (text);
  return text;
}

/* html_to_text - crude but safe: drop tags, style/script, decode entities */
static char *
html_to_text (const char *html)
{
  GString *out = g_string_new (NULL);
  const char *p = html;
  while (*p)
    {
      if (*p == '<')
        {
          if (g_ascii_strncasecmp (p, "<style", 6) == 0 || g_ascii_strncasecmp (p, "<script", 7) == 0)
            {
              const char *close = g_ascii_strncasecmp (p, "<style", 6) == 0 ? "</style" : "</script";
              const char *q = p;
              while (*q && g_ascii_strncasecmp (q, close, strlen (close)) != 0)
                q++;
              p = q;
            }
          gboolean block = g_ascii_strncasecmp (p, "<br", 3) == 0 || g_ascii_strncasecmp (p, "<p", 2) == 0
                           || g_ascii_strncasecmp (p, "</p", 3) == 0 || g_ascii_strncasecmp (p, "<div", 4) == 0
                           || g_ascii_strncasecmp (p, "</div", 5) == 0 || g_ascii_strncasecmp (p, "<tr", 3) == 0
                           || g_ascii_strncasecmp (p, "<li", 3) == 0 || g_ascii_strncasecmp (p, "</h", 3) == 0;
          /* table cells stay apart: "a@b</td><td>550 ..." is two words */
          gboolean cell = g_ascii_strncasecmp (p, "<td", 3) == 0 || g_ascii_strncasecmp (p, "<th", 3) == 0;
          const char *q = strchr (p, '>');
          if (q == NULL)
            break;
          p = q + 1;
          if (block)
            g_string_append_c (out, '\n');
          else if (cell)
            g_string_append_c (out, ' ');
          continue;
        }
      if (*p == '&')
        {
          static const struct { const char *e; const char *s; } ents[] = {
            { "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" }, { "&quot;", "\"" },
            { "&#39;", "'" }, { "&nbsp;", " " }, { "&apos;", "'" },
          };
          gboolean done = FALSE;
          for (gsize i = 0; i < G_N_ELEMENTS (ents); i++)
            if (g_ascii_strncasecmp (p, ents[i].e, strlen (ents[i].e)) == 0)
              {
                g_string_append (out, ents[i].s);
                p += strlen (ents[i].e);
                done = TRUE;
                break;
              }
          if (done)
            continue;
          /* "&#64;", "&#x40;": a numeric reference to an ASCII character */
          if (p[1] == '#')
            {
              const char *d = p + 2;
              gboolean hex = *d == 'x' || *d == 'X';
              char *e = NULL;
              guint64 v = g_ascii_strtoull (d + hex, &e, hex ? 16 : 10);
              if (e != NULL && e > d + hex && e - p < 10 && *e == ';' && v >= 0x20 && v < 0x7f)
                {
                  g_string_append_c (out, (char) v);
                  p = e + 1;
                  continue;
                }
            }
        }
      if (*p == '\n')
        {
          g_string_append_c (out, ' ');
          p++;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  BsMail *mail;
  GString *body;
  int depth;
} Walk;

static void
append_marked (Walk *w, const char *type, const char *text)
{
  if (w->body->len >= BS_MAX_BODY_BYTES)
    return;
  g_string_append (w->body, "Content-Type: ");
  g_string_append (w->body, type);
  g_string_append (w->body, "\n\n");
  g_string_append (w->body, text);
  if (w->body->len > 0 && w->body->str[w->body->len - 1] != '\n')
    g_string_append_c (w->body, '\n');
  g_string_append_c (w->body, '\n');
}

/* the header block at the start of a text: up to the first blank line */
static char *
leading_headers (const char *text)
{
  const char *end = bs_strstr (text, "\n\n");
  gsize n = end ? (gsize) (end - text) + 1 : strlen (text);
  return bs_msg_unfold_block (text, n);
}

static void walk_object (Walk *w, GMimeObject *obj, gboolean in_alternative, gboolean has_plain);
static GMimeObject *construct (GMimeStream *stream);

/* an enclosed message (hidden by hide_enclosed): its header block is read
 * from the part's first bytes, its body never */
/* the raw bytes of a part not transfer-encoded, up to its first blank line
 * (at most max bytes); NULL when the part is encoded */
static GByteArray *
part_head (GMimePart *part, gsize max)
{
  GMimeContentEncoding enc = g_mime_part_get_content_encoding (part);
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  GMimeStream *raw = content ? g_mime_data_wrapper_get_stream (content) : NULL;
  if (raw == NULL || (enc != GMIME_CONTENT_ENCODING_DEFAULT && enc != GMIME_CONTENT_ENCODING_7BIT
                      && enc != GMIME_CONTENT_ENCODING_8BIT && enc != GMIME_CONTENT_ENCODING_BINARY))
    return NULL;
  GByteArray *bytes = g_byte_array_new ();
  g_mime_stream_reset (raw);
  char buf[4096];
  while (bytes->len < max)
    {
      gssize n = g_mime_stream_read (raw, buf, MIN (sizeof buf, max - bytes->len));
      if (n <= 0)
        break;
      gsize from = bytes->len > 0 ? bytes->len - 1 : 0;
      g_byte_array_append (bytes, (const guint8 *) buf, (guint) n);
      if (memmem (bytes->data + from, bytes->len - from, "\n\n", 2) != NULL)
        break;
    }
  g_mime_stream_reset (raw);
  return bytes;
}

static void
walk_enclosed (Walk *w, GMimePart *part, const char *mime)
{
  g_autoptr (GByteArray) head = part_head (part, BS_MAX_HEADER_BLOCK_BYTES);
  g_autofree char *text = NULL;
  if (head != NULL)
    {
      text = bs_charset_to_utf8 ((const char *) head->data, head->len, NULL);
      bs_msg_unhide_types (text);
    }
  else
    text = part_text (part, BS_MAX_HEADER_BLOCK_BYTES);
  g_autofree char *hdrs = leading_headers (text);
  g_autofree char *type = bs_header_get (hdrs, "Content-Type");
  if (w->mail->dsn->len == 0 && type != NULL && g_ascii_strncasecmp (type, "multipart/report", 16) == 0)
    {
      /* a bounce forwarded inside a notice: read the enclosed report
       * itself; its own original becomes the original */
      g_autoptr (GByteArray) bytes = part_bytes (part, BS_MAX_MESSAGE_BYTES);
      g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_byte_array (bytes);
      g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
      g_autoptr (GMimeObject) inner = construct (stream);
      if (inner != NULL)
        {
          walk_object (w, inner, FALSE, FALSE);
          return;
        }
    }
  append_marked (w, mime, hdrs);
  if (w->mail->original == NULL)
    w->mail->original = g_steal_pointer (&hdrs);
}

static void
walk_leaf (Walk *w, GMimePart *part, gboolean in_alternative, gboolean has_plain)
{
  GMimeContentType *ct = g_mime_object_get_content_type (GMIME_OBJECT (part));
  const char *type = ct ? g_mime_content_type_get_media_type (ct) : "text";
  const char *sub = ct ? g_mime_content_type_get_media_subtype (ct) : "plain";
  /* "type/subtype", lower case (a longer one is no type read here) */
  char mime[128];
  g_strlcpy (mime, type ? type : "text", sizeof mime);
  g_strlcat (mime, "/", sizeof mime);
  g_strlcat (mime, sub ? sub : "plain", sizeof mime);
  for (char *c = mime; *c; c++)
    *c = g_ascii_tolower (*c);

  const char *enclosed = bs_msg_real_type (mime);
  if (enclosed != NULL)
    {
      walk_enclosed (w, part, enclosed);
      return;
    }
  if (strcmp (mime, "text/plain") == 0 || strcmp (mime, "text/enriched") == 0)
    {
      if (g_mime_part_get_filename (part) != NULL && w->body->len > 0
          && !g_str_has_suffix (g_mime_part_get_filename (part), ".txt"))
        return; /* an attached document, not the notice */
      g_autofree char *text = part_text (part, BS_MAX_PART_BYTES);
      if (w->body->len < BS_MAX_BODY_BYTES)
        {
          g_string_append (w->body, text);
          g_string_append (w->body, "\n");
        }
      return;
    }
  if (strcmp (mime, "text/html") == 0)
    {
      if (in_alternative && has_plain)
        return;
      g_autofree char *html = part_text (part, BS_MAX_PART_BYTES);
      g_autofree char *text = html_to_text (html);
      if (w->body->len < BS_MAX_BODY_BYTES)
        {
          g_string_append (w->body, text);
          g_string_append (w->body, "\n");
        }
      return;
    }
  if (strcmp (mime, "message/delivery-status") == 0
      || strcmp (mime, "message/global-delivery-status") == 0)
    {
      g_autofree char *text = part_text (part, BS_MAX_PART_BYTES);
      append_marked (w, mime, text);
      if (w->mail->dsn->len < 16)
        g_ptr_array_add (w->mail->dsn, g_steal_pointer (&text));
      return;
    }
  /* a vendor's own status part (message/x-delivery-status,
   * message/x-...-status): its fields in the body, for the readers of
   * fields written as text */
  if (g_str_has_prefix (mime, "message/x") && g_str_has_suffix (mime, "status"))
    {
      g_autofree char *text = part_text (part, BS_MAX_PART_BYTES);
      append_marked (w, mime, text);
      return;
    }
  if (strcmp (mime, "message/feedback-report") == 0)
    {
      g_autofree char *text = part_text (part, BS_MAX_PART_BYTES);
      append_marked (w, mime, text);
      if (w->mail->feedback == NULL)
        w->mail->feedback = g_steal_pointer (&text);
      return;
    }
  if (strcmp (mime, "text/rfc822-headers") == 0 || strcmp (mime, "message/global-headers") == 0
      || strcmp (mime, "message/rfc822") == 0 || strcmp (mime, "message/global") == 0
      || strcmp (mime, "message/partial") == 0)
    {
      g_autofree char *text = part_text (part, BS_MAX_PART_BYTES);
      g_autofree char *hdrs = leading_headers (text);
      append_marked (w, mime, hdrs);
      if (w->mail->original == NULL)
        w->mail->original = g_steal_pointer (&hdrs);
      return;
    }
}

static void
walk_object (Walk *w, GMimeObject *obj, gboolean in_alternative, gboolean has_plain)
{
  if (obj == NULL || w->depth >= BS_MAX_MIME_DEPTH)
    return;
  w->depth++;
  if (GMIME_IS_MULTIPART (obj))
    {
      GMimeMultipart *mp = GMIME_MULTIPART (obj);
      int n = g_mime_multipart_get_count (mp);
      GMimeContentType *ct = g_mime_object_get_content_type (obj);
      gboolean alt = ct && g_mime_content_type_is_type (ct, "multipart", "alternative");
      gboolean plain = FALSE;
      for (int i = 0; alt && i < n; i++)
        {
          GMimeObject *c = g_mime_multipart_get_part (mp, i);
          GMimeContentType *cct = c ? g_mime_object_get_content_type (c) : NULL;
          if (cct && g_mime_content_type_is_type (cct, "text", "plain"))
            plain = TRUE;
        }
      for (int i = 0; i < n && i < 1000; i++)
        walk_object (w, g_mime_multipart_get_part (mp, i), alt, plain);
      /* a multipart whose boundary never appears (an old Sendmail's
       * multipart/report written as plain text): its text is the prologue */
      const char *prologue = n == 0 ? g_mime_multipart_get_prologue (mp) : NULL;
      if (prologue != NULL && w->body->len < BS_MAX_BODY_BYTES)
        {
          gsize at = w->body->len;
          g_string_append_len (w->body, prologue, (gssize) strnlen (prologue, BS_MAX_PART_BYTES));
          bs_msg_unhide_types (w->body->str + at);
          g_string_append_c (w->body, '\n');
        }
    }
  else if (GMIME_IS_MESSAGE_PART (obj))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (obj));
      GMimeContentType *ct = g_mime_object_get_content_type (obj);
      g_autofree char *mime = ct ? g_mime_content_type_get_mime_type (ct) : g_strdup ("message/rfc822");
      g_autofree char *lower = g_ascii_strdown (mime, -1);
      GMimeObject *body = inner ? g_mime_message_get_mime_part (inner) : NULL;
      GMimeContentType *ict = body ? g_mime_object_get_content_type (body) : NULL;
      if (inner != NULL && w->mail->dsn->len == 0 && ict != NULL
          && g_mime_content_type_is_type (ict, "multipart", "report"))
        {
          /* a bounce forwarded inside a notice: read the enclosed report
           * itself; its own original becomes the original */
          walk_object (w, body, FALSE, FALSE);
        }
      else if (inner != NULL)
        {
          g_autofree char *hdrs = bs_msg_object_headers (GMIME_OBJECT (inner));
          append_marked (w, lower, hdrs);
          if (w->mail->original == NULL)
            w->mail->original = g_steal_pointer (&hdrs);
        }
    }
  else if (GMIME_IS_PART (obj))
    walk_leaf (w, GMIME_PART (obj), in_alternative, has_plain);
  w->depth--;
}

static BsMail *parse_stream (GMimeStream *stream, const char *source, guint index,
                             gboolean truncated, char *headers, GError **error);

/* parse_bytes - bs_mail_parse; with writable, data may be changed in place */
static BsMail *
parse_bytes (const char *data, gsize len, gboolean writable, const char *source, guint index,
             GError **error)
{
  gboolean truncated = FALSE;
  if (len > BS_MAX_MESSAGE_BYTES)
    {
      len = BS_MAX_MESSAGE_BYTES;
      truncated = TRUE;
    }
  gsize lf_len = 0;
  g_autofree char *lf = bs_msg_to_lf (data, len, &lf_len);
  if (lf != NULL)
    {
      data = lf;
      len = lf_len;
    }

  /* an mbox envelope line ("From sender date") on a single file: not a
   * header field, and GMime reads no headers after it */
  if (len > 5 && memcmp (data, "From ", 5) == 0)
    {
      const char *nl = memchr (data, '\n', len);
      gsize skip = nl ? (gsize) (nl + 1 - data) : len;
      data += skip;
      len -= skip;
    }

  gsize fold_len = 0;
  g_autofree char *folded = bs_msg_fold_boundary (data, len, &fold_len);
  if (folded != NULL)
    {
      data = folded;
      len = fold_len;
    }

  gsize defused_len = 0;
  g_autofree char *defused = bs_msg_defuse_encoded_words (data, len, &defused_len);
  if (defused != NULL)
    {
      data = defused;
      len = defused_len;
    }

  /* in place in a copy of our own, or in the caller's bytes when they may
   * change */
  g_autofree char *hidden = bs_msg_hide_enclosed (data, len, writable || lf != NULL || folded != NULL
                                                      || defused != NULL);
  /* the bytes are ours to change from here (a copy of the caller's when
   * they may not change: only tests ask for that) */
  g_autofree char *own = NULL;
  char *buf = hidden ? hidden
              : writable || lf != NULL || folded != NULL || defused != NULL || len == 0
                ? (char *) data
                : (own = g_memdup2 (data, len));
  GString *top = g_string_sized_new (2048);
  gssize from = bs_msg_read_top_headers (buf, len, top);
  char *headers = g_string_free (top, from < 0);
  from = MAX (from, 0);

  /* the parser reads these bytes in place, no copy; the wrapper array gives
   * them back (g_byte_array_steal) before it goes */
  GByteArray *bytes = g_byte_array_new_take (from > 0 ? (guint8 *) buf + from : (guint8 *) buf,
                                             len - (gsize) from);
  GMimeStream *stream = g_mime_stream_mem_new_with_byte_array (bytes);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  BsMail *mail = parse_stream (stream, source, index, truncated, headers, error);
  g_object_unref (stream);
  g_byte_array_steal (bytes, NULL);
  g_byte_array_unref (bytes);
  return mail;
}

BsMail *
bs_mail_parse (const char *data, gsize len, const char *source, guint index, GError **error)
{
  return parse_bytes (data, len, FALSE, source, index, error);
}

BsMail *
bs_mail_parse_writable (char *data, gsize len, const char *source, guint index, GError **error)
{
  return parse_bytes (data, len, TRUE, source, index, error);
}

/* construct - GMime's parse of the message in stream, or NULL.  Read as a
 * MIME part, not a GMimeMessage: all its header fields stay in one list in
 * their order, and GMime does not parse the address and date fields, which
 * cost a fifth of its time and which we read ourselves. */
static GMimeObject *
construct (GMimeStream *stream)
{
  /* the options, made once: every parse only reads them */
  static GMimeParserOptions *options = NULL;
  if (g_once_init_enter (&options))
    {
      GMimeParserOptions *o = g_mime_parser_options_new ();
      const char *charsets[] = { "utf-8", NULL };
      g_mime_parser_options_set_fallback_charsets (o, charsets);
      g_once_init_leave (&options, o);
    }
  g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  return g_mime_parser_construct_part (parser, options);
}

/* parse_stream - the message in stream to a BsMail; headers (taken) is
 * the text of its top-level header block read beforehand, or NULL */
static BsMail *
parse_stream (GMimeStream *stream, const char *source, guint index, gboolean truncated,
              char *headers, GError **error)
{
  g_autofree char *text = headers;
  g_autoptr (GMimeObject) top = construct (stream);
  if (top == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_PARSE, "not a MIME message");
      return NULL;
    }

  g_autoptr (BsMail) mail = g_new0 (BsMail, 1);
  mail->source = g_strdup (source);
  mail->index = index;
  mail->truncated = truncated;
  mail->dsn = g_ptr_array_new_with_free_func (g_free);
  mail->headers = text != NULL ? g_steal_pointer (&text) : bs_msg_object_headers (top);
  bs_msg_unhide_types (mail->headers);
  if (mail->headers[0] == '\0' || strchr (mail->headers, ':') == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_PARSE, "no message header found");
      return NULL;
    }

  GMimeContentType *ct = g_mime_object_get_content_type (top);
  if (ct != NULL)
    {
      g_autofree char *mime = g_mime_content_type_get_mime_type (ct);
      mail->content_type = g_ascii_strdown (mime, -1);
      bs_msg_unhide_types (mail->content_type);
      const char *rt = g_mime_content_type_get_parameter (ct, "report-type");
      if (rt != NULL)
        mail->report_type = g_ascii_strdown (rt, -1);
    }
  else
    mail->content_type = g_strdup ("text/plain");
  bs_msg_index_headers (mail);

  Walk w = { mail, g_string_sized_new (8192), 0 };
  walk_object (&w, top, FALSE, FALSE);
  mail->body = g_string_free (w.body, FALSE);
  return g_steal_pointer (&mail);
}
