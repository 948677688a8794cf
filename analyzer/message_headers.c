/* message_headers.c - a message's header fields
 *
 * Owns the header blocks of a message: the top-level block read from the
 * raw bytes (without GMime, which spends more on a bounce's dozen Received
 * and DKIM fields than on the rest), its fields indexed for the format
 * modules' look-ups (bs_mail_header_peek), a GMime object's header block as
 * text, the look-up of a field in a block's text, and the decoding of
 * encoded words and raw 8-bit values to UTF-8.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "message_parts.h"

#include <string.h>

#include "bs.h"
#include "charset.h"

char *
bs_msg_unfold_block (const char *text, gsize len)
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
void
bs_msg_index_headers (BsMail *mail)
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
                                ? bs_msg_unfold_block (raw, raw_len) : NULL;
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
char *
bs_msg_object_headers (GMimeObject *obj)
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
gssize
bs_msg_read_top_headers (char *data, gsize len, GString *out)
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
