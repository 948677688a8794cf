/* xlsx_book.h - the workbook while it is written, shared by report_xlsx.c
 * (the workbook and its table sheets), xlsx_summary.c (the Summary sheet)
 * and xlsx_book.c (cell styles, typed cells, tables with their two header
 * rows), and nothing else
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <xlsxwriter.h>

#include "aggregate.h"
#include "report.h"

/* the rows of a sheet, headers included (Excel's and LibreOffice's limit) */
#define XLSX_SHEET_ROWS 1048576u
/* the two header rows of every table */
#define XLSX_HEADER_ROWS 2u
/* the most lines of wrapped text a row is made high for */
#define XLSX_ROW_LINES 8u

/* ---- columns: data (name, labels, type, width) ---------------------------- */

typedef enum {
  COL_TEXT,       /* a string cell: codes, addresses, IPs, names */
  COL_LONG,       /* a string that may be long: wrapped (not in Failures) */
  COL_COUNT,      /* a number */
  COL_DAY,        /* a day, in the report's zone (as the history's days) */
  COL_TIME,       /* a time, in the report's zone */
  COL_TIME_UTC,   /* a time, in UTC whatever the zone (failures.csv's time_utc) */
} ColType;

typedef struct {
  const char *name;   /* machine name: the CSV's column */
  const char *en;
  const char *ja;
  ColType type;
  double width;       /* characters; 0: the type's */
} Column;

/* ---- the workbook being written ------------------------------------------ */

typedef struct {
  lxw_workbook *wb;
  BsReportQuery *q;
  BsReportQuery *fork;     /* the Failures' own reader, or NULL: they are written in turn */
  const BsReportOptions *o;
  gboolean ja;
  const char *lang;        /* "ja" or "en" */
  GTimeZone *tz;           /* the report's zone */
  const char *tz_name;
  gboolean sorted;         /* read the failures the plain way (an order error) */
  gint64 failures;         /* the failure rows of the filter */
  lxw_error err;           /* libxlsxwriter's first error */
  /* the Failures sheets may be written by a thread of their own while the
   * others are (report_xlsx.c): then the thread has a copy of this Book
   * (its own buffers, error and fork of the query), and what adds to the
   * workbook itself (a sheet, a chart) holds lock */
  GMutex *lock;
  GPtrArray *failure_sheets;   /* lxw_worksheet: the sheets "Failures 2"... added
                                  beforehand, in order; NULL: added as needed */
  const gint *stop;        /* non-zero: the other part failed, stop (or NULL) */
  GString *buf;            /* a cell's safe text */
  GString *label;          /* a header label */
  struct {
    lxw_format *title, *heading, *header, *label, *machine, *text, *wrap, *count, *day, *time, *note;
  } f;
} Book;

static inline const char *
pick (const Book *b, const char *en, const char *ja)
{
  return b->ja ? ja : en;
}

/* what a reason of the history means (reasons.h), or NULL */
static inline const char *
reason_label (const Book *b, const char *reason)
{
  return bs_reason_label (bs_reason_from_name (reason), b->lang);
}

static inline void
check (Book *b, lxw_error e)
{
  if (b->err == LXW_NO_ERROR)
    b->err = e;
}

/* a table being written: its header at row `top`, its next row at `row` */
typedef struct {
  Book *b;
  lxw_worksheet *ws;
  const Column *const *cols;
  guint n;
  lxw_row_t top;
  lxw_row_t row;
} Table;

/* xlsx_book.c */
void xlsx_make_formats (Book *b);
lxw_worksheet *xlsx_add_sheet (Book *b, const char *name);
void xlsx_put_text (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *text,
                    lxw_format *format);
void xlsx_put_count (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, gint64 n);
void xlsx_put_cell (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, ColType type,
                    const char *value);
double xlsx_column_width (const Column *c);
void xlsx_table_begin (Table *t, Book *b, lxw_worksheet *ws, lxw_row_t top,
                       const Column *const *cols, guint n, gboolean widths);
void xlsx_table_end (Table *t, gboolean freeze);
void xlsx_fit_row (Table *t, const char *const *values);
void xlsx_put_row (Table *t, const char *const *values);
const Column **xlsx_column_list (const Column *cols, guint n);

/* xlsx_summary.c */
gboolean xlsx_write_summary (Book *b, lxw_worksheet *ws, const char *title, BsAggKind kind,
                             GError **error);
