/* escape.c - visible-character mapping, HTML escaping, RFC 4180 CSV fields
 * with the spreadsheet formula guard (see escape.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "escape.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* bytes of one value we look at: record fields are bounded far below this,
 * but an escaper must not trust its caller */
#define ESCAPE_MAX_BYTES (1024u * 1024u)

/* characters shown as nothing, or that change how the text around them is
 * shown, that are not of the format category (Cf, which holds the bidi
 * embeddings, overrides, isolates and marks, the zero-width characters,
 * the invisible operators U+2061..U+2064, soft hyphen, BOM, tags): the
 * combining grapheme joiner, the Hangul and Khmer fillers, the Mongolian
 * selectors (variation selectors, which only choose a glyph, stay) */
static const struct { gunichar first, last; } invisible_ranges[] = {
  { 0x034F, 0x034F }, { 0x115F, 0x1160 }, { 0x17B4, 0x17B5 }, { 0x180B, 0x180F },
  { 0x3164, 0x3164 }, { 0xFFA0, 0xFFA0 },
};

gboolean
bs_escape_is_invisible (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_FORMAT:               /* Cf */
    case G_UNICODE_LINE_SEPARATOR:       /* U+2028 */
    case G_UNICODE_PARAGRAPH_SEPARATOR:  /* U+2029 */
      return TRUE;
    default:
      break;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (invisible_ranges); i++)
    if (c >= invisible_ranges[i].first && c <= invisible_ranges[i].last)
      return TRUE;
  return FALSE;
}

/* a byte shown as it is: printable ASCII, and TAB, LF, CR when kept */
static inline gboolean
plain_byte (guchar c, gboolean keep_breaks)
{
  return (c >= 0x20 && c < 0x7F) || (keep_breaks && (c == '\t' || c == '\n' || c == '\r'));
}

/* the length of text's leading run of plain bytes */
static gsize
plain_prefix (const char *text, gsize len, gboolean keep_breaks)
{
  gsize i = 0;
  while (i < len && plain_byte ((guchar) text[i], keep_breaks))
    i++;
  return i;
}

/* the characters of valid UTF-8 text, mapped */
static void
visible_chars (GString *out, const char *p, const char *end, gboolean keep_breaks)
{
  while (p < end)
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);
      if (keep_breaks && (c == '\t' || c == '\n' || c == '\r'))
        g_string_append_c (out, (char) c);
      else if (c < 0x20)
        g_string_append_unichar (out, 0x2400 + c);  /* control pictures: NUL -> U+2400 */
      else if (c == 0x7F)
        g_string_append_unichar (out, 0x2421);      /* DEL symbol */
      else if (c >= 0x80 && c <= 0x9F)
        g_string_append_printf (out, "[U+%04X]", c); /* C1 controls */
      else if (bs_escape_is_invisible (c))
        g_string_append_printf (out, "[U+%04X]", c);
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
}

void
bs_escape_visible (GString *out, const char *text, gboolean keep_breaks)
{
  if (text == NULL)
    return;
  gsize len = strnlen (text, ESCAPE_MAX_BYTES);
  /* most values are plain ASCII: copied at once */
  gsize plain = plain_prefix (text, len, keep_breaks);
  g_string_append_len (out, text, (gssize) plain);
  if (plain == len)
    return;
  const char *rest = text + plain;
  gsize rest_len = len - plain;
  if (g_utf8_validate_len (rest, rest_len, NULL))
    {
      visible_chars (out, rest, rest + rest_len, keep_breaks);
      return;
    }
  g_autofree char *valid = g_utf8_make_valid (rest, (gssize) rest_len);
  visible_chars (out, valid, valid + strlen (valid), keep_breaks);
}

/* text already visible, escaped for HTML */
static void
html_entities (GString *out, const char *text, gsize len)
{
  gsize run = 0;   /* start of the bytes not yet copied */
  for (gsize i = 0; i < len; i++)
    {
      const char *entity;
      switch (text[i])
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
      g_string_append_len (out, text + run, (gssize) (i - run));
      g_string_append (out, entity);
      run = i + 1;
    }
  g_string_append_len (out, text + run, (gssize) (len - run));
}

void
bs_escape_html (GString *out, const char *text)
{
  if (text == NULL)
    return;
  gsize len = strnlen (text, ESCAPE_MAX_BYTES);
  if (plain_prefix (text, len, FALSE) == len)
    {
      html_entities (out, text, len);
      return;
    }
  g_autoptr (GString) visible = g_string_new (NULL);
  bs_escape_visible (visible, text, FALSE);
  html_entities (out, visible->str, visible->len);
}

/* first characters that make a spreadsheet (Excel, LibreOffice, Google
 * Sheets) read a cell as a formula or a command; the full-width forms are
 * included because Japanese input methods produce them and some spreadsheet
 * versions normalise them */
static const gunichar formula_starts[] = {
  '=', '+', '-', '@', '\t', '\r',
  0xFF1D, 0xFF0B, 0xFF0D, 0xFF20,   /* ＝ ＋ － ＠ */
};

static gboolean
needs_guard (const char *text)
{
  gunichar c = g_utf8_get_char_validated (text, -1);
  for (gsize i = 0; i < G_N_ELEMENTS (formula_starts); i++)
    if (formula_starts[i] == c)
      return TRUE;
  return FALSE;
}

/* append cell as an RFC 4180 field: quoted when it holds a comma, a quote,
 * a line break or leading/trailing space */
static void
csv_field (GString *out, const char *cell, gsize len)
{
  gboolean quote = len > 0 && (cell[0] == ' ' || cell[len - 1] == ' '
                               || memchr (cell, ',', len) || memchr (cell, '"', len)
                               || memchr (cell, '\r', len) || memchr (cell, '\n', len));
  if (!quote)
    {
      g_string_append_len (out, cell, (gssize) len);
      return;
    }
  g_string_append_c (out, '"');
  gsize run = 0;
  for (gsize i = 0; i < len; i++)
    if (cell[i] == '"')
      {
        g_string_append_len (out, cell + run, (gssize) (i + 1 - run));
        run = i;   /* the quote is written twice */
      }
  g_string_append_len (out, cell + run, (gssize) (len - run));
  g_string_append_c (out, '"');
}

/* what a byte asks of a CSV cell: CSV_ODD, the slow path (not printable
 * ASCII, and not TAB, LF or CR); CSV_QUOTE, quoting */
enum { CSV_ODD = 1, CSV_QUOTE = 2 };

#define O CSV_ODD
#define Q CSV_QUOTE
/* the class of each byte: controls but TAB, LF, CR and bytes >= 0x7F are
 * odd; LF, CR, comma and double quote ask for quoting */
static const guint8 csv_class[256] = {
  O, O, O, O, O, O, O, O, O, 0, Q, O, O, Q, O, O,
  O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
  0, 0, Q, 0, 0, 0, 0, 0, 0, 0, 0, 0, Q, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, O,
  O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
  O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
  O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
  O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
  O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
  O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
  O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
  O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
};
#undef O
#undef Q

/* could the 8 bytes of w hold a byte whose class is not 0 (>= 0x7F, < 0x20,
 * ',' or '"')?  Word-at-a-time tests: exact when the answer is no, and a
 * yes (rarely a false one) sends the bytes to the table */
static inline gboolean
word_maybe_odd (guint64 w)
{
  const guint64 ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  guint64 comma = w ^ (ones * ','), quote = w ^ (ones * '"'), del = w ^ (ones * 0x7F);
  guint64 hit = (w & highs) | ((w - ones * 0x20) & ~w & highs)
                | ((comma - ones) & ~comma & highs) | ((quote - ones) & ~quote & highs)
                | ((del - ones) & ~del & highs);
  return hit != 0;
}

/* the classes of len bytes of text, or-ed */
static guint
csv_scan (const char *text, gsize len)
{
  guint acc = 0;
  gsize i = 0;
#ifdef __SSE2__
  /* 16 bytes at a time: any byte < 0x20 or >= 0x7F (a signed compare takes
   * both), or a comma or a quote, sends the 16 to the table */
  const __m128i space = _mm_set1_epi8 (0x20), del = _mm_set1_epi8 (0x7F);
  const __m128i comma = _mm_set1_epi8 (','), quote = _mm_set1_epi8 ('"');
  for (; i + 16 <= len; i += 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (const void *) (text + i));
      __m128i hit = _mm_or_si128 (_mm_or_si128 (_mm_cmplt_epi8 (v, space), _mm_cmpeq_epi8 (v, del)),
                                  _mm_or_si128 (_mm_cmpeq_epi8 (v, comma), _mm_cmpeq_epi8 (v, quote)));
      if (_mm_movemask_epi8 (hit) != 0)
        for (gsize j = i; j < i + 16; j++)
          acc |= csv_class[(guchar) text[j]];
    }
#endif
  for (; i + 8 <= len; i += 8)
    {
      guint64 w;
      memcpy (&w, text + i, 8);
      if (word_maybe_odd (w))
        for (gsize j = i; j < i + 8; j++)
          acc |= csv_class[(guchar) text[j]];
    }
  for (; i < len; i++)
    acc |= csv_class[(guchar) text[i]];
  return acc;
}

gboolean
bs_escape_csv_plain (const char *text, gsize len)
{
  return len > 0 && len < ESCAPE_MAX_BYTES && strchr ("=+-@\t\r ", text[0]) == NULL
         && text[len - 1] != ' ' && csv_scan (text, len) == 0;
}

void
bs_escape_csv (GString *out, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  /* one look at the bytes; most cells are plain ASCII */
  gsize len = strnlen (text, ESCAPE_MAX_BYTES);
  guint acc = csv_scan (text, len);
  if ((acc & CSV_ODD) == 0 && strchr ("=+-@\t\r", text[0]) == NULL)
    {
      if ((acc & CSV_QUOTE) == 0 && text[0] != ' ' && text[len - 1] != ' ')
        g_string_append_len (out, text, (gssize) len);
      else
        csv_field (out, text, len);
      return;
    }
  g_autoptr (GString) cell = g_string_new (NULL);
  if (needs_guard (text))
    g_string_append_c (cell, '\'');
  bs_escape_visible (cell, text, TRUE);
  csv_field (out, cell->str, cell->len);
}
