/* xlsx_cell.h - what a value of the history becomes in a workbook cell
 *
 * A workbook cell has a type, so that no reader turns a code into a date
 * or a number whatever its locale or import options: counts become number
 * cells, days and times date cells, and everything else (status codes,
 * reply codes, provider codes, addresses, IPs, texts) a string cell.
 * report_xlsx.c writes string cells with worksheet_write_string only: no
 * value from a bounce is ever a formula, whatever its first character.
 *
 * Text is made safe as in the CSV files (escape.c: valid UTF-8, control
 * and invisible characters shown as symbols, TAB and line feeds kept), and
 * for OOXML besides: CR and CRLF become LF, U+FFFE and U+FFFF (not XML
 * characters) are shown as "[U+FFFE]", a literal "_xHHHH_" is written so
 * that readers do not decode it as an escaped character, and a text over
 * BS_XLSX_TEXT_MAX bytes (the most a cell holds) is cut at a character
 * with "…".
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the most bytes of text written in one cell (Excel holds 32,767 characters) */
#define BS_XLSX_TEXT_MAX 32767

/* a date and time as a workbook stores it: the wall clock of one zone */
typedef struct {
  int year, month, day;
  int hour, minute, second;
} BsXlsxTime;

/* the years a date cell takes (Excel's calendar starts in 1900 and has a
 * day that does not exist in it, 29 Feb 1900): others are written as text */
#define BS_XLSX_YEAR_MIN 1901
#define BS_XLSX_YEAR_MAX 9999

/* bs_xlsx_text - text safe for a string cell: text itself when it needs no
 * change, else a copy in buf (its content replaced); NULL for NULL */
const char *bs_xlsx_text (GString *buf, const char *text);

/* bs_xlsx_count - an integer ("42", "-1") as a number; FALSE if it is none */
gboolean bs_xlsx_count (const char *text, double *value);

/* bs_xlsx_day - "YYYY-MM-DD" as a date; FALSE if it is none or out of range */
gboolean bs_xlsx_day (const char *text, BsXlsxTime *day);

/* bs_xlsx_time - an ISO 8601 time with its offset or "Z" (the history's
 * "2026-03-05T10:20:30Z", an original's "2026-03-05T19:20:30+09:00") as
 * the wall clock of tz (NULL: UTC); FALSE if it is none or out of range */
gboolean bs_xlsx_time (const char *text, GTimeZone *tz, BsXlsxTime *time);

G_END_DECLS
