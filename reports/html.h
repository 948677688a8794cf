/* html.h - the markup kit of the HTML report, shared by its sections
 *
 * report_html.c writes the page; sections written elsewhere (the changes
 * since the last scan, reports/changes.c; the live checks, reports/checks.c)
 * append to the same BsHtml with these helpers so that they look and
 * behave like the rest of the page:
 * - bs_html_text () for every value (it escapes), bs_html_raw () only for
 *   literal markup of the program's own;
 * - a section is bs_html_section_begin (h, "changes", title) ...
 *   bs_html_section_end (h); its id becomes the page's navigation anchor;
 * - the page's CSS classes (html_assets.c): "note" (muted small text),
 *   "panel" (a white box), "data" tables with "n" (number) and "t" (time)
 *   cells, "muted", "mono", "badge", "notgiven" (a value the bounce did not give);
 * - no inline style or script: the Content-Security-Policy allows only the
 *   page's own script (by its hash) and its own stylesheet.
 * Labels come in pairs, English and Japanese (bs_html_pick): no gettext,
 * since cron runs in the C locale with no Japanese locale installed.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "report.h"

G_BEGIN_DECLS

typedef struct {
  GString *out;                   /* the page so far */
  const BsReportOptions *options;
  gboolean ja;                    /* Japanese, else English */
  GPtrArray *sections;            /* ids and titles of the sections so far,
                                     for the page's navigation (owned) */
} BsHtml;

/* the page's stylesheet and script (html_assets.c) */
extern const char bs_html_css[];
extern const char bs_html_script[];
/* the paper a printed page takes, in a stylesheet of its own: A4 (a
 * Japanese page, and most of the world) or US Letter (report.h: paper) */
extern const char bs_html_css_a4[];
extern const char bs_html_css_letter[];

/* bs_html_pick - en or ja, after the page's language */
const char *bs_html_pick (const BsHtml *h, const char *en, const char *ja);

/* bs_html_raw - literal markup of the program's own (never data) */
void bs_html_raw (BsHtml *h, const char *markup);
/* bs_html_text - text made visible and escaped (NULL writes nothing) */
void bs_html_text (BsHtml *h, const char *text);
/* bs_html_tr - bs_html_text (bs_html_pick (en, ja)) */
void bs_html_tr (BsHtml *h, const char *en, const char *ja);
/* bs_html_number - an integer grouped by thousands ("12,345"), any locale */
void bs_html_number (BsHtml *h, gint64 n);

/* dates are shown per language; a value that is no date shows as text */
typedef enum {
  BS_DATE_DAY,     /* "2026-03-05": "5 Mar 2026", "2026年3月5日" */
  BS_DATE_TIME,    /* "2026-03-05T10:20:30Z": "5 Mar 2026 10:20", "2026年3月5日 10:20" */
  BS_DATE_SHORT,   /* "2026-03-05": "5 Mar", "3/5" (chart axes) */
  BS_DATE_MONTH,   /* "2026-03-05": "Mar 2026", "2026年3月" */
} BsDateStyle;

void bs_html_date (BsHtml *h, const char *text, BsDateStyle style);
/* bs_html_date_string - the same as plain (unescaped) text */
char *bs_html_date_string (const BsHtml *h, const char *text, BsDateStyle style);
/* bs_date_append - a day "YYYY-MM-DD" or a time "YYYY-MM-DDTHH:MM..." as
 * it stands (no zone is applied) in the page's form for the language, as
 * plain text, for what is printed (changes); text as it is when it is no
 * date */
void bs_date_append (GString *out, gboolean ja, const char *text, BsDateStyle style);
/* bs_html_parse_day - "YYYY-MM-DD..." into *date; FALSE if it is none */
gboolean bs_html_parse_day (const char *text, GDate *date);

/* a section of the page: <section id="ID"><h2>TITLE</h2> ... </section> */
void bs_html_section_begin (BsHtml *h, const char *id, const char *title);
void bs_html_section_end (BsHtml *h);
/* bs_html_nav_add - name in the navigation a section written without
 * bs_html_section_begin (its <section id="ID">) */
void bs_html_nav_add (BsHtml *h, const char *id, const char *title);
/* bs_html_note - <p class="note">text</p> */
void bs_html_note (BsHtml *h, const char *text);

G_END_DECLS
