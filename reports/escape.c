/* escape.c - visible-character mapping, HTML escaping, RFC 4180 CSV fields
 * with the spreadsheet formula guard (see escape.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "escape.h"

#include <string.h>

/* bytes of one value we look at: record fields are bounded far below this,
 * but an escaper must not trust its caller */
#define ESCAPE_MAX_BYTES (1024u * 1024u)

/* characters that change how text around them is shown without being seen:
 * bidi embeddings and overrides (Trojan-source style reordering), isolates,
 * marks, zero-width characters, line/paragraph separators, BOM */
static const gunichar invisible[] = {
  0x061C,                                 /* Arabic letter mark */
  0x200B, 0x200C, 0x200D, 0x200E, 0x200F, /* zero-width space/joiners, LRM, RLM */
  0x2028, 0x2029,                         /* line and paragraph separators */
  0x202A, 0x202B, 0x202C, 0x202D, 0x202E, /* bidi embeddings and overrides */
  0x2060,                                 /* word joiner */
  0x2066, 0x2067, 0x2068, 0x2069,         /* bidi isolates */
  0xFEFF,                                 /* BOM / zero-width no-break space */
};

static gboolean
is_invisible (gunichar c)
{
  for (gsize i = 0; i < G_N_ELEMENTS (invisible); i++)
    if (invisible[i] == c)
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
      else if (is_invisible (c))
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

static guint8 csv_class[256];

static void
csv_class_init (void)
{
  static gsize done = 0;
  if (!g_once_init_enter (&done))
    return;
  for (guint c = 0; c < 256; c++)
    {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c >= 0x7F)
        csv_class[c] = CSV_ODD;
      else if (c == '\n' || c == '\r' || c == ',' || c == '"')
        csv_class[c] = CSV_QUOTE;
    }
  g_once_init_leave (&done, 1);
}

void
bs_escape_csv (GString *out, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  /* one look at the bytes; most cells are plain ASCII */
  csv_class_init ();
  guint acc = 0;
  gsize len = 0;
  while (len < ESCAPE_MAX_BYTES && text[len] != '\0')
    acc |= csv_class[(guchar) text[len++]];
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
