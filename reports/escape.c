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

void
bs_escape_visible (GString *out, const char *text, gboolean keep_breaks)
{
  if (text == NULL)
    return;
  gsize len = strnlen (text, ESCAPE_MAX_BYTES);
  g_autofree char *valid = g_utf8_make_valid (text, (gssize) len);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
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
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

void
bs_escape_html (GString *out, const char *text)
{
  if (text == NULL)
    return;
  g_autoptr (GString) visible = g_string_new (NULL);
  bs_escape_visible (visible, text, FALSE);
  for (gsize i = 0; i < visible->len; i++)
    {
      char c = visible->str[i];
      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_c (out, c); break;
        }
    }
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

void
bs_escape_csv (GString *out, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_autoptr (GString) cell = g_string_new (NULL);
  if (needs_guard (text))
    g_string_append_c (cell, '\'');
  bs_escape_visible (cell, text, TRUE);
  gboolean quote = cell->str[0] == ' ' || cell->str[cell->len - 1] == ' '
                   || strpbrk (cell->str, ",\"\r\n") != NULL;
  if (!quote)
    {
      g_string_append_len (out, cell->str, (gssize) cell->len);
      return;
    }
  g_string_append_c (out, '"');
  for (gsize i = 0; i < cell->len; i++)
    {
      if (cell->str[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, cell->str[i]);
    }
  g_string_append_c (out, '"');
}
