/* escape.h - the one place where text from a bounce becomes HTML or CSV
 *
 * Every value a report prints came from a stranger's mail server.  Both
 * escapers first make the text valid UTF-8 and show invisible characters
 * (C0/C1 controls, DEL, every format character: bidi overrides, zero-width
 * and invisible operators; the line and paragraph separators) as visible
 * symbols, then apply the output format's own quoting.  The terminal
 * (cli/) shows the same characters the same way.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bs_escape_is_invisible - is c shown as nothing, or does it change how
 * the text around it is shown (Unicode's format characters, Cf; the line
 * and paragraph separators; fillers, joiners and variation selectors)?
 * Such characters are shown as "[U+XXXX]" */
gboolean bs_escape_is_invisible (gunichar c);

/* bs_escape_visible - append text to out as valid UTF-8 with every control
 * and invisible character shown as a visible symbol (U+2400.., or "[U+202E]"
 * for the C1 controls and bs_escape_is_invisible's); keep_breaks keeps TAB,
 * LF and CR as they are (CSV quotes them) */
void bs_escape_visible (GString *out, const char *text, gboolean keep_breaks);

/* bs_escape_html - append text made visible and escaped for an HTML text
 * node or a double- or single-quoted attribute value (& < > " ') */
void bs_escape_html (GString *out, const char *text);

/* bs_escape_csv - append one RFC 4180 field: a cell that a spreadsheet
 * would read as a formula (first character = + - @ TAB CR, or their
 * full-width forms) gets a leading apostrophe; the field is double-quoted
 * when it holds a comma, a quote, a line break or leading/trailing space.
 * NULL is an empty field. */
void bs_escape_csv (GString *out, const char *text);

/* bs_escape_csv_plain - is the field of text (len bytes, no NUL among them)
 * text itself?  Printable ASCII with nothing to quote or guard; a cheap
 * test for the writer of a big file, which then copies text as it is */
gboolean bs_escape_csv_plain (const char *text, gsize len);

G_END_DECLS
