/* xlsx_book.c - the workbook's cell styles (a date format per language),
 * its typed cells (xlsx_cell.h's values) and its tables: two header rows
 * (labels in the report's language, then the machine names), widths,
 * wrapped rows as high as their text, the autofilter and the frozen
 * headers (see xlsx_book.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "xlsx_book.h"

#include "bs.h"
#include "xlsx_cell.h"

static lxw_format *
new_format (Book *b)
{
  lxw_format *f = workbook_add_format (b->wb);
  format_set_font_size (f, 10);
  format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

/* the workbook's cell styles: a date format per language */
void
xlsx_make_formats (Book *b)
{
  b->f.title = new_format (b);
  format_set_bold (b->f.title);
  format_set_font_size (b->f.title, 14);
  b->f.heading = new_format (b);
  format_set_bold (b->f.heading);
  format_set_font_size (b->f.heading, 12);
  b->f.header = new_format (b);
  format_set_bold (b->f.header);
  format_set_text_wrap (b->f.header);
  format_set_bg_color (b->f.header, 0xE8ECF2);
  b->f.label = new_format (b);
  format_set_bold (b->f.label);
  format_set_bg_color (b->f.label, 0xE8ECF2);
  b->f.machine = new_format (b);
  format_set_font_size (b->f.machine, 8);
  format_set_font_color (b->f.machine, 0x5E6878);
  format_set_bg_color (b->f.machine, 0xF4F6F9);
  format_set_bottom (b->f.machine, LXW_BORDER_THIN);
  b->f.text = new_format (b);
  b->f.wrap = new_format (b);
  format_set_text_wrap (b->f.wrap);
  b->f.count = new_format (b);
  format_set_num_format (b->f.count, "#,##0");
  b->f.day = new_format (b);
  format_set_num_format (b->f.day, b->ja ? "yyyy/mm/dd" : "yyyy-mm-dd");
  format_set_align (b->f.day, LXW_ALIGN_LEFT);
  b->f.time = new_format (b);
  format_set_num_format (b->f.time, b->ja ? "yyyy/mm/dd hh:mm:ss" : "yyyy-mm-dd hh:mm:ss");
  format_set_align (b->f.time, LXW_ALIGN_LEFT);
  b->f.note = new_format (b);
  format_set_font_color (b->f.note, 0x5E6878);
  /* each style's number in the workbook, now and in this order: it is
   * given at a cell's first use otherwise, and two sheets written at once
   * would race for it (and number them by chance) */
  lxw_format *all[] = { b->f.title, b->f.heading, b->f.header, b->f.label, b->f.machine,
                        b->f.text, b->f.wrap, b->f.count, b->f.day, b->f.time, b->f.note };
  G_STATIC_ASSERT (sizeof all == sizeof b->f);
  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    lxw_format_get_xf_index (all[i]);
}

/* ---- cells ---------------------------------------------------------------- */

void
xlsx_put_text (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *text,
          lxw_format *format)
{
  const char *safe = bs_xlsx_text (b->buf, text);
  if (safe != NULL && *safe != '\0')
    check (b, worksheet_write_string (ws, r, c, safe, format));
}

void
xlsx_put_count (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, gint64 n)
{
  check (b, worksheet_write_number (ws, r, c, (double) n, b->f.count));
}

static void
put_time_value (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const BsXlsxTime *t,
                lxw_format *format)
{
  lxw_datetime dt = { t->year, t->month, t->day, t->hour, t->minute, t->second };
  check (b, worksheet_write_datetime (ws, r, c, &dt, format));
}

/* value in a cell of type: a value that is not of its type (a hostile
 * date, a count that is no number) is written as text */
void
xlsx_put_cell (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, ColType type, const char *value)
{
  BsXlsxTime t;
  double n;
  if (value == NULL || *value == '\0')
    return;
  switch (type)
    {
    case COL_COUNT:
      if (bs_xlsx_count (value, &n))
        {
          check (b, worksheet_write_number (ws, r, c, n, b->f.count));
          return;
        }
      break;
    case COL_DAY:
      if (bs_xlsx_day (value, &t))
        {
          put_time_value (b, ws, r, c, &t, b->f.day);
          return;
        }
      break;
    case COL_TIME:
    case COL_TIME_UTC:
      if (bs_xlsx_time (value, type == COL_TIME ? b->tz : NULL, &t))
        {
          put_time_value (b, ws, r, c, &t, b->f.time);
          return;
        }
      break;
    case COL_LONG:
      xlsx_put_text (b, ws, r, c, value, b->f.wrap);
      return;
    case COL_TEXT:
      break;
    }
  xlsx_put_text (b, ws, r, c, value, b->f.text);
}

/* ---- tables --------------------------------------------------------------- */

double
xlsx_column_width (const Column *c)
{
  if (c->width > 0)
    return c->width;
  switch (c->type)
    {
    case COL_COUNT:
    case COL_DAY:
      return 11;
    case COL_TIME:
    case COL_TIME_UTC:
      return 19;
    case COL_LONG:
      return 40;
    case COL_TEXT:
      break;
    }
  return 16;
}

/* the label of a column, its zone named for a time or a day */
static const char *
column_label (Book *b, const Column *c)
{
  const char *label = pick (b, c->en, c->ja);
  const char *zone = c->type == COL_TIME || c->type == COL_DAY ? b->tz_name
                     : c->type == COL_TIME_UTC ? "UTC" : NULL;
  if (zone == NULL)
    return label;
  g_string_printf (b->label, b->ja ? "%s（%s）" : "%s (%s)", label, zone);
  return b->label->str;
}

/* about the lines text takes wrapped in a column of width characters: a
 * wide character takes two, a line breaks at a space or a line feed */
static guint
text_lines (const char *text, double width)
{
  guint per_line = MAX ((guint) width - 1, 4u), lines = 1;
  guint used = 0;   /* columns taken on the line */
  guint word = 0;   /* of them, the word being read (it moves down whole) */
  for (const char *p = text; *p != '\0' && lines < 100; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\n')
        {
          lines++;
          used = word = 0;
          continue;
        }
      if (c == ' ')
        {
          used = MIN (used + 1, per_line);
          word = 0;
          continue;
        }
      guint w = g_unichar_iswide (c) ? 2 : 1;   /* a wide character breaks anywhere */
      if (used + w > per_line)
        {
          lines++;
          used = w == 1 && word + w <= per_line ? word : 0;
        }
      used += w;
      word = w == 1 ? word + 1 : 0;
    }
  return lines;
}

/* the height of a row of `lines` lines of the 10-point font */
static double
row_height (guint lines)
{
  return 13.0 * lines + 2;
}

/* the two header rows of a table at row top of ws; with widths, the
 * table's columns get its widths (a sheet of one table) */
void
xlsx_table_begin (Table *t, Book *b, lxw_worksheet *ws, lxw_row_t top, const Column *const *cols,
             guint n, gboolean widths)
{
  *t = (Table) { b, ws, cols, n, top, top + XLSX_HEADER_ROWS };
  /* the labels' row as high as its longest label needs (rows are written
   * in order: before its cells) */
  guint lines = 1;
  for (guint i = 0; i < n; i++)
    lines = MAX (lines, text_lines (column_label (b, cols[i]), xlsx_column_width (cols[i])));
  check (b, worksheet_set_row (ws, top, row_height (MIN (lines, 4u)), NULL));
  for (guint i = 0; i < n; i++)
    {
      if (widths)
        check (b, worksheet_set_column (ws, (lxw_col_t) i, (lxw_col_t) i,
                                        xlsx_column_width (cols[i]), NULL));
      check (b, worksheet_write_string (ws, top, (lxw_col_t) i, column_label (b, cols[i]),
                                        b->f.header));
    }
  for (guint i = 0; i < n; i++)
    check (b, worksheet_write_string (ws, top + 1, (lxw_col_t) i, cols[i]->name, b->f.machine));
}

/* the filter on the table's machine names; with freeze, its headers stay
 * in sight (a sheet that is one table) */
void
xlsx_table_end (Table *t, gboolean freeze)
{
  check (t->b, worksheet_autofilter (t->ws, t->top + 1, 0, MAX (t->row - 1, t->top + 1),
                                     (lxw_col_t) (t->n - 1)));
  if (freeze)
    worksheet_freeze_panes (t->ws, t->top + XLSX_HEADER_ROWS, 0);
}

/* a row of wrapped text as high as its text needs (readers do not all fit
 * it themselves), at most XLSX_ROW_LINES lines; before its cells are
 * written: values[i] is column i's text, or NULL */
void
xlsx_fit_row (Table *t, const char *const *values)
{
  guint lines = 1;
  for (guint i = 0; i < t->n; i++)
    if (t->cols[i]->type == COL_LONG && values[i] != NULL)
      lines = MAX (lines, text_lines (values[i], xlsx_column_width (t->cols[i])));
  if (lines > 1)
    check (t->b, worksheet_set_row (t->ws, t->row, row_height (MIN (lines, XLSX_ROW_LINES)), NULL));
}

/* the row's cells, values[i] (or NULL: none) as column i's type */
void
xlsx_put_row (Table *t, const char *const *values)
{
  for (guint i = 0; i < t->n; i++)
    xlsx_put_cell (t->b, t->ws, t->row, (lxw_col_t) i, t->cols[i]->type, values[i]);
}

/* a table's column list from an array of columns */
const Column **
xlsx_column_list (const Column *cols, guint n)
{
  const Column **list = g_new (const Column *, n);
  for (guint i = 0; i < n; i++)
    list[i] = &cols[i];
  return list;
}

lxw_worksheet *
xlsx_add_sheet (Book *b, const char *name)
{
  if (b->lock != NULL)
    g_mutex_lock (b->lock);
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, name);
  if (b->lock != NULL)
    g_mutex_unlock (b->lock);
  if (ws == NULL)
    check (b, LXW_ERROR_MEMORY_MALLOC_FAILED);
  return ws;
}
