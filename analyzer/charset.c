/* charset.c - decode header and body text to valid UTF-8
 *
 * Owns the charset policy (see charset.h).  Converted strings are newly
 * allocated; inputs are never modified.  Conversion never fails: what no
 * charset explains ends as U+FFFD through g_utf8_make_valid().
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "charset.h"

#include <string.h>

/* superset to decode with, for labels that real mail uses loosely */
static const struct {
  const char *label;
  const char *use;
} charset_upgrades[] = {
  { "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" },
  { "x-sjis", "CP932" }, { "ms_kanji", "CP932" }, { "windows-31j", "CP932" },
  { "cp932", "CP932" }, { "euc-jp", "EUC-JP-MS" }, { "x-euc-jp", "EUC-JP-MS" },
  { "gb2312", "GBK" }, { "ks_c_5601-1987", "CP949" }, { "euc-kr", "CP949" },
  { "iso-8859-1", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
  { "ascii", "WINDOWS-1252" }, { "unknown-8bit", NULL }, { "x-unknown", NULL },
  { "8bit", NULL }, { "utf8", "UTF-8" },
};

static gboolean
is_iso2022jp (const char *charset)
{
  return charset != NULL && g_ascii_strncasecmp (charset, "iso-2022-jp", 11) == 0;
}

/* JIS X 0208 (and the NEC rows CP932 adds) bytes under ESC $ B to CP932 */
static void
jis_pair_to_sjis (guchar j1, guchar j2, GByteArray *out)
{
  guchar s1 = (guchar) (((j1 + 1) >> 1) + (j1 <= 0x5e ? 0x70 : 0xb0));
  guchar s2 = (guchar) (j2 + ((j1 & 1) ? (j2 >= 0x60 ? 0x20 : 0x1f) : 0x7e));
  g_byte_array_append (out, &s1, 1);
  g_byte_array_append (out, &s2, 1);
}

/* iso2022jp_to_cp932 - ISO-2022-JP (any of its escapes) to CP932 bytes */
static GByteArray *
iso2022jp_to_cp932 (const char *text, gsize len)
{
  GByteArray *out = g_byte_array_sized_new ((guint) len);
  enum { ASCII, ROMAN, KANA, JIS } mode = ASCII;
  const guchar *p = (const guchar *) text, *end = p + len;
  while (p < end)
    {
      if (*p == 0x1b && p + 2 < end)
        {
          if (p[1] == '$' && (p[2] == 'B' || p[2] == '@'))
            { mode = JIS; p += 3; continue; }
          if (p[1] == '(' && p[2] == 'B')
            { mode = ASCII; p += 3; continue; }
          if (p[1] == '(' && p[2] == 'J')
            { mode = ROMAN; p += 3; continue; }
          if (p[1] == '(' && p[2] == 'I')
            { mode = KANA; p += 3; continue; }
          if (p[1] == '$' && p[2] == '(' && p + 3 < end)
            { mode = JIS; p += 4; continue; } /* JIS X 0213 planes: best effort */
        }
      if (*p == '\n' || *p == '\r')
        mode = ASCII; /* RFC 1468: lines end in ASCII */
      if (mode == JIS && p + 1 < end && *p >= 0x21 && *p <= 0x7e
          && p[1] >= 0x21 && p[1] <= 0x7e)
        {
          jis_pair_to_sjis (p[0], p[1], out);
          p += 2;
          continue;
        }
      if (mode == KANA && *p >= 0x21 && *p <= 0x5f)
        {
          guchar k = (guchar) (*p + 0x80);
          g_byte_array_append (out, &k, 1);
          p++;
          continue;
        }
      g_byte_array_append (out, p, 1);
      p++;
    }
  return out;
}

static char *
convert (const char *text, gsize len, const char *to_from)
{
  gsize written = 0;
  g_autoptr (GError) error = NULL;
  char *res = g_convert (text, (gssize) len, "UTF-8", to_from, NULL, &written, &error);
  if (res != NULL && g_utf8_validate (res, (gssize) written, NULL)
      && strlen (res) == written)
    return res;
  g_free (res);
  return NULL;
}

static gboolean
has_iso2022_escape (const char *text, gsize len)
{
  const char *p = memchr (text, 0x1b, len);
  while (p != NULL && (gsize) (p - text) + 2 < len)
    {
      if ((p[1] == '$' && (p[2] == 'B' || p[2] == '@')) || (p[1] == '(' && p[2] == 'B'))
        return TRUE;
      p = memchr (p + 1, 0x1b, len - (gsize) (p + 1 - text));
    }
  return FALSE;
}

static char *
make_valid (const char *text, gsize len)
{
  return g_utf8_make_valid (text, (gssize) len);
}

/* the length of text's leading run of 7-bit bytes, read eight at a time
 * (most of a bounce is ASCII: g_utf8_validate goes a byte at a time) */
static gsize
ascii_run (const char *text, gsize len)
{
  gsize i = 0;
  for (guint64 w; i + 8 <= len; i += 8)
    {
      memcpy (&w, text + i, 8);
      if (w & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
    }
  while (i < len && (guchar) text[i] < 0x80)
    i++;
  return i;
}

char *
bs_charset_to_utf8 (const char *text, gsize len, const char *charset)
{
  if (text == NULL)
    return g_strdup ("");
  gboolean nul = memchr (text, '\0', len) != NULL;
  if (nul)
    len = strlen (text); /* an embedded NUL ends the text */
  /* a UTF-16/32 label on text without a NUL byte lies (ASCII in any wide
   * form has NULs): decoding by it would turn the text into CJK noise */
  if (!nul && charset != NULL
      && (g_ascii_strncasecmp (charset, "utf-16", 6) == 0
          || g_ascii_strncasecmp (charset, "utf-32", 6) == 0
          || g_ascii_strncasecmp (charset, "ucs", 3) == 0))
    charset = NULL;

  if (is_iso2022jp (charset) || has_iso2022_escape (text, len))
    {
      g_autoptr (GByteArray) sjis = iso2022jp_to_cp932 (text, len);
      char *res = convert ((const char *) sjis->data, sjis->len, "CP932");
      if (res != NULL)
        return res;
    }

  const char *use = charset;
  gboolean known = charset != NULL;
  for (gsize i = 0; known && i < G_N_ELEMENTS (charset_upgrades); i++)
    if (g_ascii_strcasecmp (charset, charset_upgrades[i].label) == 0)
      {
        use = charset_upgrades[i].use;
        break;
      }

  /* valid UTF-8 is taken as such whatever the label says: labels lie */
  if (ascii_run (text, len) == len || g_utf8_validate (text, (gssize) len, NULL))
    return g_strndup (text, len);

  if (use != NULL && g_ascii_strcasecmp (use, "UTF-8") != 0)
    {
      char *res = convert (text, len, use);
      if (res != NULL)
        return res;
    }
  static const char *const guesses[] = { "CP932", "EUC-JP-MS", "WINDOWS-1252" };
  for (gsize i = 0; i < G_N_ELEMENTS (guesses); i++)
    {
      char *res = convert (text, len, guesses[i]);
      if (res != NULL)
        return res;
    }
  return make_valid (text, len);
}

/* decode the payload of one encoded word into bytes */
static GByteArray *
word_bytes (const char *enc, const char *payload, gsize n)
{
  GByteArray *out = g_byte_array_new ();
  if (*enc == 'B' || *enc == 'b')
    {
      g_autofree char *copy = g_strndup (payload, n);
      gsize outlen = 0;
      int state = 0;
      guint save = 0;
      guchar *buf = g_malloc (n + 3);
      outlen = g_base64_decode_step (copy, n, buf, &state, &save);
      g_byte_array_append (out, buf, (guint) outlen);
      g_free (buf);
    }
  else
    {
      for (gsize i = 0; i < n; i++)
        {
          guchar c = (guchar) payload[i];
          if (c == '_')
            c = ' ';
          else if (c == '=' && i + 2 < n && g_ascii_isxdigit (payload[i + 1])
                   && g_ascii_isxdigit (payload[i + 2]))
            {
              c = (guchar) (g_ascii_xdigit_value (payload[i + 1]) * 16
                            + g_ascii_xdigit_value (payload[i + 2]));
              i += 2;
            }
          g_byte_array_append (out, &c, 1);
        }
    }
  return out;
}

/* parse "=?charset?E?payload?=" at p; on success fill the parts, return end;
 * on failure *stop is where the search for the word's end gave up (no "?="
 * before it), or NULL */
static const char *
parse_word (const char *p, char **charset, char *enc, const char **payload, gsize *n,
            const char **stop)
{
  *stop = NULL;
  if (p[0] != '=' || p[1] != '?')
    return NULL;
  const char *cs = p + 2;
  const char *q1 = strchr (cs, '?');
  if (q1 == NULL || q1 == cs || q1 - cs > 64 || (q1[1] == '\0') || q1[2] != '?')
    return NULL;
  char e = q1[1];
  if (e != 'B' && e != 'b' && e != 'Q' && e != 'q')
    return NULL;
  const char *pl = q1 + 3;
  /* the payload ends at "?=" and holds no white space: scan no further
   * than the first blank (a strstr to the end of a long value, once per
   * "=?", was quadratic) */
  const char *endw = pl;
  while (*endw != '\0' && *endw != ' ' && *endw != '\t' && *endw != '\n'
         && !(endw[0] == '?' && endw[1] == '='))
    endw++;
  if (endw[0] != '?')
    {
      *stop = endw;
      return NULL;
    }
  g_autofree char *label = g_strndup (cs, (gsize) (q1 - cs));
  char *star = strchr (label, '*'); /* RFC 2231 language suffix */
  if (star != NULL)
    *star = '\0';
  *charset = g_steal_pointer (&label);
  *enc = e;
  *payload = pl;
  *n = (gsize) (endw - pl);
  return endw + 2;
}

char *
bs_rfc2047_decode (const char *value)
{
  if (value == NULL)
    return NULL;
  /* the common case: ASCII without an encoded word */
  const char *q = value;
  while (*q != '\0' && (guchar) *q < 0x80 && *q != 0x1b && !(q[0] == '=' && q[1] == '?'))
    q++;
  if (*q == '\0')
    return g_strdup (value);
  GString *out = g_string_new (NULL);
  const char *p = value;
  const char *plain = p;     /* start of pending plain text */
  g_autoptr (GByteArray) pending = NULL; /* bytes of adjacent words */
  g_autofree char *pending_cs = NULL;
  /* a word that starts before this point cannot end: its payload would run
   * into the blank (or the end) where an earlier attempt found no "?=" */
  const char *no_end_before = NULL;

  while (*p != '\0')
    {
      g_autofree char *cs = NULL;
      char enc = 0;
      const char *payload = NULL;
      gsize n = 0;
      const char *stop = NULL;
      const char *next = (p[0] == '=' && p[1] == '?' && p >= no_end_before)
                           ? parse_word (p, &cs, &enc, &payload, &n, &stop) : NULL;
      if (next == NULL)
        {
          if (stop != NULL)
            no_end_before = stop;
          p++;
          continue;
        }
      /* text between words: dropped if only white space between two words */
      gboolean only_space = TRUE;
      for (const char *s = plain; s < p; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
          only_space = FALSE;
      if (!(only_space && pending != NULL) && p > plain)
        {
          if (pending != NULL)
            {
              g_autofree char *t = bs_charset_to_utf8 ((const char *) pending->data,
                                                       pending->len, pending_cs);
              g_string_append (out, t);
              g_clear_pointer (&pending, g_byte_array_unref);
            }
          g_autofree char *t = bs_charset_to_utf8 (plain, (gsize) (p - plain), NULL);
          g_string_append (out, t);
        }
      g_autoptr (GByteArray) bytes = word_bytes (&enc, payload, n);
      if (pending != NULL && pending_cs != NULL && g_ascii_strcasecmp (pending_cs, cs) == 0)
        g_byte_array_append (pending, bytes->data, bytes->len);
      else
        {
          if (pending != NULL)
            {
              g_autofree char *t = bs_charset_to_utf8 ((const char *) pending->data,
                                                       pending->len, pending_cs);
              g_string_append (out, t);
            }
          g_clear_pointer (&pending, g_byte_array_unref);
          pending = g_steal_pointer (&bytes);
          g_free (pending_cs);
          pending_cs = g_steal_pointer (&cs);
        }
      p = plain = next;
    }
  if (pending != NULL)
    {
      g_autofree char *t = bs_charset_to_utf8 ((const char *) pending->data,
                                               pending->len, pending_cs);
      g_string_append (out, t);
    }
  if (p > plain)
    {
      g_autofree char *t = bs_charset_to_utf8 (plain, (gsize) (p - plain), NULL);
      g_string_append (out, t);
    }
  return g_string_free (out, FALSE);
}
