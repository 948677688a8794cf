/* message_repair.c - a message's bytes made fit for the MIME parser
 *
 * Owns what is done to a message's bytes before GMime reads them: line ends
 * to LF, a boundary parameter on an unindented line folded back, encoded
 * words beyond a field's share defused (GMime's reader of them is quadratic),
 * and the types of enclosed messages hidden (GMime would parse an enclosed
 * message down to its last attachment) and given back in the texts handed
 * on.  Each returns a changed copy, or NULL when there is nothing to do.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "message_parts.h"

#include <string.h>

#include "find.h"

/* normalise CRLF and bare CR to LF; returns NULL when there is no CR */
char *
bs_msg_to_lf (const char *data, gsize len, gsize *out_len)
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
char *
bs_msg_fold_boundary (const char *data, gsize len, gsize *out_len)
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
char *
bs_msg_defuse_encoded_words (const char *data, gsize len, gsize *out_len)
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
char *
bs_msg_hide_enclosed (const char *data, gsize len, gboolean in_place)
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
void
bs_msg_unhide_types (char *text)
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
const char *
bs_msg_real_type (const char *mime)
{
  for (gsize i = 0; i < G_N_ELEMENTS (hidden_types); i++)
    if (strcmp (mime, hidden_types[i].hidden) == 0)
      return hidden_types[i].real;
  return NULL;
}
