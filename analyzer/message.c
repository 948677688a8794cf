/* message.c - the bytes of one message to a BsMail (see mail.h)
 *
 * Owns line-ending repair, the GMime parse, the walk over MIME parts, and the
 * bounded decoding of the parts a bounce analyzer reads.  The GMimeMessage
 * lives only inside bs_mail_parse(); the BsMail holds plain copies.  Only
 * text, report and header parts are decoded; attachments and the original
 * message's body never are.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "mail.h"

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
  g_free (m);
}

/* normalise CRLF and bare CR to LF; returns NULL when there is no CR */
static char *
to_lf (const char *data, gsize len, gsize *out_len)
{
  if (memchr (data, '\r', len) == NULL)
    return NULL;
  char *out = g_malloc (len + 1);
  gsize o = 0;
  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\r')
        {
          out[o++] = '\n';
          if (i + 1 < len && data[i + 1] == '\n')
            i++;
        }
      else
        out[o++] = data[i];
    }
  out[o] = '\0';
  *out_len = o;
  return out;
}

/* a Content-Type whose boundary parameter sits on an unindented next line
 * (";\nboundary=\"...\"", written by some Microsoft and Verizon servers)
 * loses its boundary to a MIME parser: indent it.  NULL when none. */
static char *
fold_boundary (const char *data, gsize len, gsize *out_len)
{
  static const char needle[] = ";\nboundary=";
  gboolean found = FALSE;
  for (gsize i = 0; i + sizeof needle - 1 <= len; i++)
    if (data[i] == ';' && g_ascii_strncasecmp (data + i, needle, sizeof needle - 1) == 0)
      {
        found = TRUE;
        break;
      }
  if (!found)
    return NULL;
  GString *out = g_string_sized_new (len + 64);
  for (gsize i = 0; i < len; i++)
    {
      g_string_append_c (out, data[i]);
      if (data[i] == ';' && i + sizeof needle - 1 <= len
          && g_ascii_strncasecmp (data + i, needle, sizeof needle - 1) == 0)
        {
          g_string_append (out, "\n ");
          i++; /* the newline */
        }
    }
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

/* unfold and NUL-cut a header block given as raw text */
static char *
unfold_block (const char *text, gsize len)
{
  GString *out = g_string_sized_new (len + 1);
  for (gsize i = 0; i < len && text[i] != '\0'; i++)
    {
      char c = text[i];
      if (c == '\r')
        continue;
      if (c == '\n' && i + 1 < len && (text[i + 1] == ' ' || text[i + 1] == '\t'))
        {
          g_string_append_c (out, ' ');
          while (i + 1 < len && (text[i + 1] == ' ' || text[i + 1] == '\t'))
            i++;
          continue;
        }
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
bs_header_get (const char *block, const char *name)
{
  if (block == NULL || name == NULL)
    return NULL;
  gsize nlen = strlen (name);
  const char *line = block;
  while (line != NULL && *line != '\0')
    {
      if (*line == '\n')
        break; /* end of the header block */
      if (g_ascii_strncasecmp (line, name, nlen) == 0)
        {
          const char *p = line + nlen;
          while (*p == ' ' || *p == '\t')
            p++;
          if (*p == ':')
            {
              p++;
              const char *end = strchr (p, '\n');
              gsize n = end ? (gsize) (end - p) : strlen (p);
              return g_strstrip (g_strndup (p, n));
            }
        }
      line = strchr (line, '\n');
      if (line)
        line++;
    }
  return NULL;
}

char *
bs_mail_header (const BsMail *mail, const char *name)
{
  return bs_header_get (mail->headers, name);
}

char *
bs_header_decode (const char *raw)
{
  return bs_rfc2047_decode (raw);
}

/* header block of a GMimeObject as UTF-8 text: "Name: decoded value\n"... */
static char *
object_headers (GMimeObject *obj)
{
  GMimeHeaderList *list = g_mime_object_get_header_list (obj);
  GString *out = g_string_new (NULL);
  int n = list ? g_mime_header_list_get_count (list) : 0;
  for (int i = 0; i < n && out->len < BS_MAX_PART_BYTES; i++)
    {
      GMimeHeader *h = g_mime_header_list_get_header_at (list, i);
      const char *name = g_mime_header_get_name (h);
      const char *raw = g_mime_header_get_raw_value (h);
      if (name == NULL)
        continue;
      g_autofree char *unfolded = raw ? unfold_block (raw, strlen (raw)) : g_strdup ("");
      g_autofree char *value = bs_rfc2047_decode (g_strstrip (unfolded));
      for (char *c = value; *c; c++)
        if (*c == '\n' || *c == '\r')
          *c = ' ';
      g_string_append_printf (out, "%s: %s\n", name, value);
    }
  return g_string_free (out, FALSE);
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
  for (guint i = 0; !wide && i < bytes->len; i++)
    if (bytes->data[i] == '\0')
      bytes->data[i] = ' ';
  gsize n = 0;
  g_autofree char *lf = to_lf ((const char *) bytes->data, bytes->len, &n);
  if (lf != NULL)
    return bs_charset_to_utf8 (lf, n, charset);
  return bs_charset_to_utf8 ((const char *) bytes->data, bytes->len, charset);
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
          const char *q = strchr (p, '>');
          if (q == NULL)
            break;
          p = q + 1;
          if (block)
            g_string_append_c (out, '\n');
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
  g_string_append_printf (w->body, "Content-Type: %s\n\n", type);
  g_string_append (w->body, text);
  if (w->body->len > 0 && w->body->str[w->body->len - 1] != '\n')
    g_string_append_c (w->body, '\n');
  g_string_append_c (w->body, '\n');
}

/* the header block at the start of a text: up to the first blank line */
static char *
leading_headers (const char *text)
{
  const char *end = strstr (text, "\n\n");
  gsize n = end ? (gsize) (end - text) + 1 : strlen (text);
  return unfold_block (text, n);
}

static void walk_object (Walk *w, GMimeObject *obj, gboolean in_alternative, gboolean has_plain);

static void
walk_leaf (Walk *w, GMimePart *part, gboolean in_alternative, gboolean has_plain)
{
  GMimeContentType *ct = g_mime_object_get_content_type (GMIME_OBJECT (part));
  const char *type = ct ? g_mime_content_type_get_media_type (ct) : "text";
  const char *sub = ct ? g_mime_content_type_get_media_subtype (ct) : "plain";
  g_autofree char *mime = g_strdup_printf ("%s/%s", type ? type : "text", sub ? sub : "plain");
  for (char *c = mime; *c; c++)
    *c = g_ascii_tolower (*c);

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
    }
  else if (GMIME_IS_MESSAGE_PART (obj))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (obj));
      GMimeContentType *ct = g_mime_object_get_content_type (obj);
      g_autofree char *mime = ct ? g_mime_content_type_get_mime_type (ct) : g_strdup ("message/rfc822");
      g_autofree char *lower = g_ascii_strdown (mime, -1);
      if (inner != NULL)
        {
          g_autofree char *hdrs = object_headers (GMIME_OBJECT (inner));
          append_marked (w, lower, hdrs);
          if (w->mail->original == NULL)
            w->mail->original = g_steal_pointer (&hdrs);
        }
    }
  else if (GMIME_IS_PART (obj))
    walk_leaf (w, GMIME_PART (obj), in_alternative, has_plain);
  w->depth--;
}

BsMail *
bs_mail_parse (const char *data, gsize len, const char *source, guint index, GError **error)
{
  gboolean truncated = FALSE;
  if (len > BS_MAX_MESSAGE_BYTES)
    {
      len = BS_MAX_MESSAGE_BYTES;
      truncated = TRUE;
    }
  gsize lf_len = 0;
  g_autofree char *lf = to_lf (data, len, &lf_len);
  if (lf != NULL)
    {
      data = lf;
      len = lf_len;
    }

  gsize fold_len = 0;
  g_autofree char *folded = fold_boundary (data, len, &fold_len);
  if (folded != NULL)
    {
      data = folded;
      len = fold_len;
    }

  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (data, len);
  g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  g_autoptr (GMimeParserOptions) options = g_mime_parser_options_new ();
  const char *charsets[] = { "utf-8", "cp932", "euc-jp", "iso-8859-1", NULL };
  g_mime_parser_options_set_fallback_charsets (options, charsets);
  g_autoptr (GMimeMessage) msg = g_mime_parser_construct_message (parser, options);
  if (msg == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_PARSE, "not a MIME message");
      return NULL;
    }

  g_autoptr (BsMail) mail = g_new0 (BsMail, 1);
  mail->source = g_strdup (source);
  mail->index = index;
  mail->truncated = truncated;
  mail->dsn = g_ptr_array_new_with_free_func (g_free);
  mail->headers = object_headers (GMIME_OBJECT (msg));
  if (mail->headers[0] == '\0' || strchr (mail->headers, ':') == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_PARSE, "no message header found");
      return NULL;
    }

  GMimeObject *top = g_mime_message_get_mime_part (msg);
  if (top != NULL)
    {
      /* GMime keeps the top-level Content-* fields (Content-Language...)
       * on the MIME part: they belong to the message's header block too */
      g_autofree char *part_headers = object_headers (top);
      char *joined = g_strconcat (mail->headers, part_headers, NULL);
      g_free (mail->headers);
      mail->headers = joined;
    }
  GMimeContentType *ct = top ? g_mime_object_get_content_type (top) : NULL;
  if (ct != NULL)
    {
      g_autofree char *mime = g_mime_content_type_get_mime_type (ct);
      mail->content_type = g_ascii_strdown (mime, -1);
      const char *rt = g_mime_content_type_get_parameter (ct, "report-type");
      if (rt != NULL)
        mail->report_type = g_ascii_strdown (rt, -1);
    }
  else
    mail->content_type = g_strdup ("text/plain");

  Walk w = { mail, g_string_new (NULL), 0 };
  walk_object (&w, top, FALSE, FALSE);
  mail->body = g_string_free (w.body, FALSE);
  return g_steal_pointer (&mail);
}
