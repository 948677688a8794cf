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

/* normalise CRLF and bare CR to LF; returns NULL when there is no CR */
static char *
to_lf (const char *data, gsize len, gsize *out_len)
{
  if (data == NULL || len == 0 || memchr (data, '\r', len) == NULL)
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
  if (len == 0)
    return NULL;
  gboolean found = FALSE;
  for (const char *p = memchr (data, ';', len); p != NULL && !found;
       p = memchr (p + 1, ';', len - (gsize) (p + 1 - data)))
    found = (gsize) (data + len - p) >= sizeof needle - 1
            && g_ascii_strncasecmp (p, needle, sizeof needle - 1) == 0;
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

/* encoded words GMime may decode in one header field: its RFC 2047 reader
 * looks for each "=?"'s end to the end of the field, so a field of 100,000
 * "=?" that never end took minutes; no real field has this many words */
#define BS_MAX_FIELD_WORDS 64

/* turn every "=?" past the BS_MAX_FIELD_WORDS-th of one logical line (a
 * line and its continuation lines, anywhere in the message) into "= ";
 * NULL when there is none */
static char *
defuse_encoded_words (const char *data, gsize len, gsize *out_len)
{
  /* the common case, in one quick pass: too few words in the whole message */
  guint total = 0;
  if (len == 0)
    return NULL;
  for (const char *p = memchr (data, '=', len); p != NULL && total <= BS_MAX_FIELD_WORDS;
       p = memchr (p + 1, '=', len - (gsize) (p + 1 - data)))
    total += p + 1 < data + len && p[1] == '?';
  if (total <= BS_MAX_FIELD_WORDS)
    return NULL;
  char *out = NULL;
  guint words = 0;
  for (gsize i = 0; i + 1 < len; i++)
    {
      if (data[i] == '\n' && data[i + 1] != ' ' && data[i + 1] != '\t')
        words = 0;
      else if (data[i] == '=' && data[i + 1] == '?' && ++words > BS_MAX_FIELD_WORDS)
        {
          if (out == NULL)
            out = g_memdup2 (data, len);
          out[i + 1] = ' ';
        }
    }
  *out_len = len;
  return out;
}

/* GMime parses an enclosed message (message/rfc822, message/global) down
 * to its last attachment, which costs more than the rest of a bounce and is
 * never used: only the enclosed header block is read.  So before the parse
 * such a part's Content-Type is renamed, in place and at the same length, to
 * a private leaf type; GMime then only finds the part's end, and
 * walk_leaf() reads its header block from the raw bytes.  Texts handed on
 * get the real names back (unhide_types). */
static const struct {
  const char *real;    /* as found after "Content-Type:", any case */
  const char *hidden;  /* the same length */
} hidden_types[] = {
  { "message/rfc822", "text/x-bs-r822" },
  { "message/global", "text/x-bs-glob" },
};

/* the hidden name of the type that starts at p (lower case), or NULL */
static const char *
hidden_name (const char *p, const char *end, gsize *n)
{
  for (gsize i = 0; i < G_N_ELEMENTS (hidden_types); i++)
    {
      gsize len = strlen (hidden_types[i].real);
      if ((gsize) (end - p) >= len && g_ascii_strncasecmp (p, hidden_types[i].real, len) == 0
          && (p + len == end || !(g_ascii_isalnum (p[len]) || p[len] == '-' || p[len] == '.')))
        {
          *n = len;
          return hidden_types[i].hidden;
        }
    }
  return NULL;
}

/* rename the enclosed-message types of every "Content-Type:" line that
 * starts a line; returns a changed copy, or NULL when there is none or
 * when in_place lets it change data itself (a 20 MB bounce is not copied) */
static char *
hide_enclosed (const char *data, gsize len, gboolean in_place)
{
  static const char field[] = "content-type:";
  const gsize flen = sizeof field - 1;
  char *out = NULL;
  char *target = NULL;
  if (len == 0)
    return NULL;
  const char *end = data + len;
  for (const char *p = data; p < end;)
    {
      const char *slash = memchr (p, '/', (gsize) (end - p));
      if (slash == NULL)
        break;
      p = slash + 1;
      /* "message" before the slash, then blanks back to the field name at
       * the start of a line */
      if (slash - data < (gssize) (flen + 7) || (slash[-7] | 0x20) != 'm'
          || g_ascii_strncasecmp (slash - 7, "message", 7) != 0)
        continue;
      const char *q = slash - 7;
      while (q > data && (q[-1] == ' ' || q[-1] == '\t'))
        q--;
      if (q - data < (gssize) flen || g_ascii_strncasecmp (q - flen, field, flen) != 0)
        continue;
      q -= flen;
      if (q != data && q[-1] != '\n')
        continue;
      gsize n = 0;
      const char *hidden = hidden_name (slash - 7, end, &n);
      if (hidden == NULL)
        continue;
      if (target == NULL)
        target = in_place ? (char *) data : (out = g_memdup2 (data, len));
      memcpy (target + (slash - 7 - data), hidden, n);
    }
  return out;
}

/* hide_enclosed() undone in a text handed on, in place */
static void
unhide_types (char *text)
{
  if (text == NULL)
    return;
  /* "x-bs-" first: an 'x' is rarer in a text than a 't' */
  for (char *x = bs_strstr (text, "x-bs-"); x != NULL; x = bs_strstr (x + 1, "x-bs-"))
    {
      if (x - text < 5 || memcmp (x - 5, "text/", 5) != 0)
        continue;
      char *p = x - 5;
      for (gsize i = 0; i < G_N_ELEMENTS (hidden_types); i++)
        if (strncmp (p, hidden_types[i].hidden, strlen (hidden_types[i].hidden)) == 0)
          memcpy (p, hidden_types[i].real, strlen (hidden_types[i].real));
    }
}

/* the real MIME type of a hidden one (lower case), or NULL */
static const char *
real_type (const char *mime)
{
  for (gsize i = 0; i < G_N_ELEMENTS (hidden_types); i++)
    if (strcmp (mime, hidden_types[i].hidden) == 0)
      return hidden_types[i].real;
  return NULL;
}

/* unfold and NUL-cut a header block given as raw text */
static char *
unfold_block (const char *text, gsize len)
{
  len = strnlen (text, len);
  GString *out = g_string_sized_new (len + 1);
  for (gsize i = 0; i < len;)
    {
      /* copy up to the next CR or LF in one piece */
      gsize run = i;
      while (run < len && text[run] != '\r' && text[run] != '\n')
        run++;
      g_string_append_len (out, text + i, (gssize) (run - i));
      i = run;
      if (i >= len)
        break;
      char c = text[i++];
      if (c == '\r')
        continue;
      if (i < len && (text[i] == ' ' || text[i] == '\t'))
        {
          g_string_append_c (out, ' ');
          while (i < len && (text[i] == ' ' || text[i] == '\t'))
            i++;
          continue;
        }
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

void
bs_header_get_many (const char *block, const char *const *names, char **values, gsize n)
{
  gsize left = n;
  for (const char *line = block; line != NULL && *line != '\0' && *line != '\n' && left > 0;)
    {
      const char *end = strchr (line, '\n');
      for (gsize i = 0; i < n; i++)
        {
          gsize nlen = strlen (names[i]);
          if (values[i] != NULL || (line[0] | 0x20) != (names[i][0] | 0x20)
              || g_ascii_strncasecmp (line, names[i], nlen) != 0)
            continue;
          const char *p = line + nlen;
          while (*p == ' ' || *p == '\t')
            p++;
          if (*p != ':')
            continue;
          p++;
          gsize len = end ? (gsize) (end - p) : strlen (p);
          values[i] = g_strstrip (g_strndup (p, len));
          left--;
          break;
        }
      line = end ? end + 1 : NULL;
    }
}

char *
bs_header_get (const char *block, const char *name)
{
  char *value = NULL;
  if (block != NULL && name != NULL)
    bs_header_get_many (block, &name, &value, 1);
  return value;
}

/* one of 64 bits for a field name of n bytes (any case): most names the
 * format modules look for are not in a bounce's header, and the bits of
 * those present tell so at once */
static inline guint64
field_bit (const char *name, gsize n)
{
  return G_GUINT64_CONSTANT (1) << ((n + (guint) (name[0] | 0x20) * 7 + (guint) (name[n - 1] | 0x20) * 13) & 63);
}

const char *
bs_mail_header_peek (const BsMail *mail, const char *name)
{
  if (mail->fields == NULL || name == NULL)
    return NULL;
  /* a look along a few dozen fields, their lengths first, is quicker than
   * hashing a lower-cased copy of the name */
  gsize n = strlen (name);
  if (n == 0 || !(mail->field_bits & field_bit (name, n)))
    return NULL;
  if (n == 7 && memcmp (name, "Subject", 7) == 0)
    return mail->subject;
  if (n == 4 && memcmp (name, "From", 4) == 0)
    return mail->from;
  /* (x | 0x20) is the lower case of a letter: a quick look at the first
   * and last bytes before the whole name */
  const char first = (char) (name[0] | 0x20), last = (char) (name[n - 1] | 0x20);
  for (guint i = 0; i < mail->fields->len; i++)
    {
      const BsField *f = &g_array_index (mail->fields, BsField, i);
      if (f->len == n && (f->name[0] | 0x20) == first && (f->name[n - 1] | 0x20) == last
          && g_ascii_strncasecmp (f->name, name, n) == 0)
        return f->value;
    }
  return NULL;
}

char *
bs_mail_header (const BsMail *mail, const char *name)
{
  return g_strdup (bs_mail_header_peek (mail, name));
}

/* index_headers - the fields and the Received list of the header block;
 * the values are the lines of one copy of it, cut at their ends */
static void
index_headers (BsMail *mail)
{
  mail->fields = g_array_sized_new (FALSE, FALSE, sizeof (BsField), 32);
  mail->received = g_ptr_array_new ();
  mail->field_text = g_strdup (mail->headers);
  for (char *line = mail->field_text; line != NULL && *line != '\0';)
    {
      char *end = strchr (line, '\n');
      gsize n = end ? (gsize) (end - line) : strlen (line);
      if (end != NULL)
        *end = '\0';
      const char *colon = memchr (line, ':', n);
      if (colon != NULL && colon > line && colon - line < 76)
        {
          const char *v = colon + 1;
          while (v < line + n && (*v == ' ' || *v == '\t'))
            v++;
          BsField f = { mail->headers + (line - mail->field_text), (guint) (colon - line), v };
          g_array_append_val (mail->fields, f);
          mail->field_bits |= field_bit (f.name, f.len);
          if (mail->subject == NULL && f.len == 7 && g_ascii_strncasecmp (f.name, "subject", 7) == 0)
            mail->subject = f.value;
          if (mail->from == NULL && f.len == 4 && g_ascii_strncasecmp (f.name, "from", 4) == 0)
            mail->from = f.value;
          if (f.len == 8 && g_ascii_strncasecmp (line, "received", 8) == 0)
            g_ptr_array_add (mail->received, (gpointer) f.value);
        }
      line = end ? end + 1 : NULL;
    }
}

gboolean
bs_mail_has_header (const BsMail *mail, const char *name)
{
  return bs_mail_header_peek (mail, name) != NULL;
}

char *
bs_header_decode (const char *raw)
{
  return bs_rfc2047_decode (raw);
}

/* one field as a line of a header block's text: "Name: decoded value\n",
 * the value (raw, as after the colon) unfolded and trimmed */
static void
append_field (GString *out, const char *name, gsize name_len, const char *raw, gsize raw_len)
{
  g_autofree char *unfolded = memchr (raw, '\n', raw_len) || memchr (raw, '\r', raw_len)
                                ? unfold_block (raw, raw_len) : NULL;
  const char *v = unfolded ? unfolded : raw;
  gsize vlen = unfolded ? strlen (unfolded) : strnlen (raw, raw_len);
  while (vlen > 0 && (*v == ' ' || *v == '\t'))
    v++, vlen--;
  while (vlen > 0 && g_ascii_isspace (v[vlen - 1]))
    vlen--;
  /* plain: no encoded word, no 8-bit or ISO-2022 byte (and, unfolded,
   * no line break) */
  gboolean plain = TRUE;
  for (gsize c = 0; plain && c < vlen; c++)
    plain = !((guchar) v[c] >= 0x80 || v[c] == 0x1b || (v[c] == '=' && c + 1 < vlen && v[c + 1] == '?'));
  g_string_append_len (out, name, (gssize) name_len);
  g_string_append (out, ": ");
  if (plain)
    g_string_append_len (out, v, (gssize) vlen);
  else
    {
      gsize at = out->len;
      g_autofree char *trimmed = g_strndup (v, vlen);
      g_autofree char *decoded = bs_rfc2047_decode (trimmed);
      g_string_append (out, decoded);
      for (char *c = out->str + at; *c; c++)
        if (*c == '\n' || *c == '\r')
          *c = ' ';
    }
  g_string_append_c (out, '\n');
}

/* header block of a GMimeObject as UTF-8 text: "Name: decoded value\n"... */
static char *
object_headers (GMimeObject *obj)
{
  GMimeHeaderList *list = g_mime_object_get_header_list (obj);
  GString *out = g_string_sized_new (2048);
  int n = list ? g_mime_header_list_get_count (list) : 0;
  for (int i = 0; i < n && out->len < BS_MAX_PART_BYTES; i++)
    {
      GMimeHeader *h = g_mime_header_list_get_header_at (list, i);
      const char *name = g_mime_header_get_name (h);
      const char *raw = g_mime_header_get_raw_value (h);
      if (name != NULL)
        append_field (out, name, strlen (name), raw ? raw : "", raw ? strlen (raw) : 0);
    }
  return g_string_free (out, FALSE);
}

/* The top-level header block read without GMime, which spends more on a
 * bounce's dozen Received, DKIM and X- fields (an object, a list entry and
 * copies each) than on the rest of the message: the same text as
 * object_headers() would give.  GMime is then handed only the Content-*
 * fields, moved in place to the end of the block, and the body.  Returns the
 * offset where what GMime reads starts, or -1 when the block is not plain
 * "Name: value" fields (a line without a colon, a blank continuation, a CR
 * or a NUL, no end): GMime reads the whole message then. */
static gssize
read_top_headers (char *data, gsize len, GString *out)
{
  if (len == 0)
    return -1;
  if (data[0] == '\n')
    return 0; /* no header at all */
  const char *end = data;
  while ((end = memchr (end, '\n', len - (gsize) (end - data))) != NULL && end + 1 < data + len
         && end[1] != '\n')
    end++;
  if (end == NULL || end + 1 >= data + len)
    return -1;
  gsize block = (gsize) (end - data) + 1; /* with the last field's newline */
  if (memchr (data, '\r', block) != NULL || memchr (data, '\0', block) != NULL)
    return -1;
  g_autoptr (GString) content = g_string_new (NULL);
  for (gsize at = 0; at < block;)
    {
      /* the name, then directly the colon */
      gsize p = at;
      while (data[p] > ' ' && data[p] < 0x7f && data[p] != ':')
        p++;
      if (p == at || data[p] != ':')
        return -1;
      /* the field's end: a newline not followed by a blank */
      gsize e = p;
      for (;;)
        {
          const char *nl = memchr (data + e, '\n', block - e);
          e = (gsize) (nl - data) + 1;
          if (e >= block || (data[e] != ' ' && data[e] != '\t'))
            break;
          gsize q = e; /* a continuation line of blanks only */
          while (data[q] == ' ' || data[q] == '\t')
            q++;
          if (data[q] == '\n')
            return -1;
        }
      if (out->len < BS_MAX_PART_BYTES)
        append_field (out, data + at, p - at, data + p + 1, e - 1 - (p + 1));
      if (p - at > 8 && g_ascii_strncasecmp (data + at, "content-", 8) == 0)
        g_string_append_len (content, data + at, (gssize) (e - at));
      at = e;
    }
  memcpy (data + block - content->len, content->str, content->len);
  return (gssize) (block - content->len);
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
  g_autofree char *lf = to_lf ((const char *) bytes->data, bytes->len, &n);
  char *text = lf != NULL ? bs_charset_to_utf8 (lf, n, charset)
                          : bs_charset_to_utf8 ((const char *) bytes->data, bytes->len, charset);
  unhide_types (text);
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
  return unfold_block (text, n);
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
      unhide_types (text);
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

  const char *enclosed = real_type (mime);
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
          unhide_types (w->body->str + at);
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
  g_autofree char *lf = to_lf (data, len, &lf_len);
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
  g_autofree char *folded = fold_boundary (data, len, &fold_len);
  if (folded != NULL)
    {
      data = folded;
      len = fold_len;
    }

  gsize defused_len = 0;
  g_autofree char *defused = defuse_encoded_words (data, len, &defused_len);
  if (defused != NULL)
    {
      data = defused;
      len = defused_len;
    }

  /* in place in a copy of our own, or in the caller's bytes when they may
   * change */
  g_autofree char *hidden = hide_enclosed (data, len, writable || lf != NULL || folded != NULL
                                                      || defused != NULL);
  /* the bytes are ours to change from here (a copy of the caller's when
   * they may not change: only tests ask for that) */
  g_autofree char *own = NULL;
  char *buf = hidden ? hidden
              : writable || lf != NULL || folded != NULL || defused != NULL || len == 0
                ? (char *) data
                : (own = g_memdup2 (data, len));
  GString *top = g_string_sized_new (2048);
  gssize from = read_top_headers (buf, len, top);
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
  mail->headers = text != NULL ? g_steal_pointer (&text) : object_headers (top);
  unhide_types (mail->headers);
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
      unhide_types (mail->content_type);
      const char *rt = g_mime_content_type_get_parameter (ct, "report-type");
      if (rt != NULL)
        mail->report_type = g_ascii_strdown (rt, -1);
    }
  else
    mail->content_type = g_strdup ("text/plain");
  index_headers (mail);

  Walk w = { mail, g_string_sized_new (8192), 0 };
  walk_object (&w, top, FALSE, FALSE);
  mail->body = g_string_free (w.body, FALSE);
  return g_steal_pointer (&mail);
}
