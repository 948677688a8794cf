/* report_xlsx.c - the workbook: the report as an .xlsx file whose cells
 * have types, written with libxlsxwriter
 *
 * One sheet per table, in the order of `sheets` below (adding a sheet is
 * a row there and a function that writes it): Summary (the headline, the
 * figures and what to do now), Failures (failures.csv row for row, in as
 * many sheets as a sheet's rows need), one sheet per group of failures
 * (by sender domain, destination domain, sending IP, error code, reason,
 * blocklist), By day (a column per reason family and a stacked chart of
 * them) and Changes.
 *
 * Every table opens with two header rows: the labels in the report's
 * language, then the machine names (the CSV files' column names, the same
 * in every language, for scripts); the two are frozen and the second
 * carries the autofilter.  Cells are typed (xlsx_cell.h): counts are
 * numbers, days dates, times date-times in the report's time zone (named
 * in the column's label), everything else a string cell, never a formula.
 * The columns of each table are data: name, labels, type, width.
 *
 * Memory: libxlsxwriter's constant-memory mode, each sheet's rows streamed
 * in order to a temporary file in the workbook's folder, then zipped into
 * place; the file is written whole or not at all (output.c), mode 0600.
 * Reads the history only through aggregate.h and changes.h; its times are
 * in the filter's time zone (history/filter.h; UTC unless given).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "report.h"

#include <string.h>
#include <xlsxwriter.h>

#include "advice.h"
#include "aggregate.h"
#include "bs.h"
#include "changes.h"
#include "html.h"
#include "output.h"
#include "xlsx_cell.h"

/* the rows of a sheet, headers included (Excel's and LibreOffice's limit) */
#define XLSX_SHEET_ROWS 1048576u
/* the two header rows of every table */
#define XLSX_HEADER_ROWS 2u
/* the days of history from which By day's chart is left out (a year and a
 * quarter of bars is still readable; the table has every day) */
#define XLSX_CHART_DAYS_MAX 500u
/* the most lines of wrapped text a row is made high for */
#define XLSX_ROW_LINES 8u
/* "a (3), b (1)": the values listed in a cell of what to do now */
#define XLSX_LIST_MAX 20u

/* ---- columns ---------------------------------------------------------- */

typedef enum {
  COL_TEXT,       /* a string cell: codes, addresses, IPs, names */
  COL_LONG,       /* a string that may be long: wrapped (not in Failures) */
  COL_COUNT,      /* a number */
  COL_DAY,        /* a day of the history (UTC) */
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

/* failures.csv's columns (docs/csv.md), by name: a column the history adds
 * later is written as text, its name as its label */
static const Column failure_columns[] = {
  { "day", "Day", "日付", COL_DAY, 0 },
  { "time_utc", "Time", "日時", COL_TIME_UTC, 0 },
  { "timestamp", "Bounce's date as written", "エラーメールの日時（記載どおり）", COL_TEXT, 26 },
  { "recipient", "Recipient", "宛先アドレス", COL_TEXT, 30 },
  { "orig_recipient", "Original recipient", "元の宛先アドレス", COL_TEXT, 24 },
  { "action", "Action", "アクション", COL_TEXT, 9 },
  { "status", "Status", "ステータス", COL_TEXT, 9 },
  { "status_from", "Status from", "ステータスの出所", COL_TEXT, 10 },
  { "reply_code", "SMTP reply", "SMTP応答コード", COL_TEXT, 9 },
  { "reason", "Reason", "原因", COL_TEXT, 14 },
  { "family", "Family", "分類", COL_TEXT, 12 },
  { "hard_bounce", "Hard bounce", "ハードバウンス", COL_COUNT, 9 },
  { "destination", "Destination domain", "宛先ドメイン", COL_TEXT, 22 },
  { "sender_domain", "Sender domain", "送信元ドメイン", COL_TEXT, 20 },
  { "sending_ip", "Sending IP", "送信元IPアドレス", COL_TEXT, 16 },
  { "sending_ip_from", "Sending IP from", "送信元IPの出所", COL_TEXT, 10 },
  { "provider_code", "Provider code", "事業者のエラーコード", COL_TEXT, 14 },
  { "blocklist", "Blocklist", "ブロックリスト", COL_TEXT, 16 },
  { "remote_mta", "Remote server", "相手サーバー", COL_TEXT, 24 },
  { "reporting_mta", "Reporting server", "エラーを報告したサーバー", COL_TEXT, 24 },
  { "command", "SMTP command", "SMTPコマンド", COL_TEXT, 9 },
  { "diagnostic_type", "Diagnostic type", "診断の種類", COL_TEXT, 9 },
  { "diagnostic", "Server's message", "相手サーバーのメッセージ", COL_TEXT, 60 },
  { "mta", "Bounce format", "エラーメールの形式", COL_TEXT, 12 },
  { "feedback_type", "Feedback type", "苦情報告の種類", COL_TEXT, 10 },
  { "orig_message_id", "Original Message-ID", "元のメールのMessage-ID", COL_TEXT, 30 },
  { "orig_from", "Original From", "元のメールの差出人", COL_TEXT, 28 },
  { "orig_to", "Original To", "元のメールの宛先", COL_TEXT, 28 },
  { "orig_subject", "Original Subject", "元のメールの件名", COL_TEXT, 30 },
  { "orig_date", "Original Date", "元のメールの日時", COL_TIME, 0 },
  { "rule", "Rule", "判定ルール", COL_TEXT, 18 },
  { "evidence", "Evidence", "判定の根拠", COL_TEXT, 24 },
  { "source", "Source", "読み込んだファイル", COL_TEXT, 30 },
  { "mbox_index", "Number in mbox", "mbox内の番号", COL_COUNT, 9 },
};

/* the counts of every group sheet, after its key columns (by-*.csv's) */
static const Column group_counts[] = {
  { "failures", "Failures", "配信失敗", COL_COUNT, 0 },
  { "recipients", "Recipients", "宛先", COL_COUNT, 0 },
  { "hard_bounces", "Hard bounces", "ハードバウンス", COL_COUNT, 0 },
  { "first_seen", "First seen", "最初の発生", COL_TIME, 0 },
  { "last_seen", "Last seen", "最後の発生", COL_TIME, 0 },
  { "example_diagnostic", "Latest server message", "相手サーバーからの最新のメッセージ",
    COL_LONG, 60 },
};

/* the columns of By day's families, in BsReasonFamily order: their
 * labels are bs_family_label's */
static const char *const family_columns[BS_FAMILY_COUNT] = {
  [BS_FAMILY_REPUTATION] = "failures_reputation",
  [BS_FAMILY_ADDRESS] = "failures_address",
  [BS_FAMILY_MAILBOX_FULL] = "failures_mailbox_full",
  [BS_FAMILY_OTHER] = "failures_other",
};

static const Column change_columns[] = {
  { "change", "Change", "変化", COL_TEXT, 14 },
  { "subject", "Subject", "対象", COL_TEXT, 20 },
  { "value", "Value", "値", COL_TEXT, 28 },
  { "first_day", "First failure", "最初の失敗", COL_DAY, 0 },
  { "last_day", "Last failure", "最後の失敗", COL_DAY, 0 },
  { "cleared_day", "Cleared on", "解消日", COL_DAY, 0 },
  { "previous_last_day", "Previous episode's last failure", "前回の最後の失敗", COL_DAY, 0 },
  { "failures", "Failures", "配信失敗", COL_COUNT, 0 },
  { "days", "Days with failures", "失敗のあった日数", COL_COUNT, 0 },
  { "episode", "Episode", "何回目", COL_COUNT, 0 },
  { "type", "Change (name)", "変化（名前）", COL_TEXT, 9 },
  { "kind", "Subject (name)", "対象（名前）", COL_TEXT, 14 },
};

static const Column problem_columns[] = {
  { "problem", "Problem", "問題", COL_LONG, 50 },
  { "recipients", "Recipients", "宛先", COL_COUNT, 0 },
  { "failures", "Failures", "配信失敗", COL_COUNT, 0 },
  { "sending_ip", "Sending IP", "送信元IPアドレス", COL_TEXT, 20 },
  { "blocklists", "Blocklists", "ブロックリスト", COL_LONG, 20 },
  { "provider_codes", "Provider codes", "事業者のエラーコード", COL_LONG, 16 },
  { "reasons", "Reasons", "原因", COL_LONG, 18 },
  { "destinations", "Destinations", "宛先ドメイン", COL_LONG, 30 },
  { "first_seen", "First seen", "最初の発生", COL_TIME, 0 },
  { "last_seen", "Last seen", "最後の発生", COL_TIME, 0 },
  { "next_step", "Next step", "次の対応", COL_LONG, 60 },
  { "url", "Lookup and delisting page", "確認・解除申請のページ", COL_TEXT, 30 },
  { "latest_message", "The server's latest message", "相手サーバーからの最新のメッセージ",
    COL_LONG, 50 },
  { "advice", "Advice key", "対応の種類", COL_TEXT, 16 },
  { "family", "Family", "分類", COL_TEXT, 12 },
};

static const Column family_table[] = {
  { "family_label", "Reason family", "原因の分類", COL_LONG, 0 },
  { "recipients", "Recipients", "宛先", COL_COUNT, 0 },
  { "failures", "Failures", "配信失敗", COL_COUNT, 0 },
  { "family", "Family (name)", "分類（名前）", COL_TEXT, 0 },
};

/* ---- the workbook being written ------------------------------------------ */

typedef struct {
  lxw_workbook *wb;
  BsReportQuery *q;
  const BsReportOptions *o;
  gboolean ja;
  const char *lang;        /* "ja" or "en" */
  GTimeZone *tz;           /* the report's zone */
  const char *tz_name;
  gboolean sorted;         /* read the failures the plain way (an order error) */
  gint64 failures;         /* the failure rows of the filter */
  lxw_error err;           /* libxlsxwriter's first error */
  GString *buf;            /* a cell's safe text */
  GString *label;          /* a header label */
  struct {
    lxw_format *title, *heading, *header, *label, *machine, *text, *wrap, *count, *day, *time, *note;
  } f;
} Book;

static const char *
pick (const Book *b, const char *en, const char *ja)
{
  return b->ja ? ja : en;
}

/* what a reason of the history means (reasons.h), or NULL */
static const char *
reason_label (const Book *b, const char *reason)
{
  return bs_reason_label (bs_reason_from_name (reason), b->lang);
}

static void
check (Book *b, lxw_error e)
{
  if (b->err == LXW_NO_ERROR)
    b->err = e;
}

static lxw_format *
new_format (Book *b)
{
  lxw_format *f = workbook_add_format (b->wb);
  format_set_font_size (f, 10);
  format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

/* the workbook's cell styles: a date format per language */
static void
make_formats (Book *b)
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
}

/* ---- cells ---------------------------------------------------------------- */

static void
put_text (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *text,
          lxw_format *format)
{
  const char *safe = bs_xlsx_text (b->buf, text);
  if (safe != NULL && *safe != '\0')
    check (b, worksheet_write_string (ws, r, c, safe, format));
}

static void
put_count (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, gint64 n)
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
static void
put_cell (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, ColType type, const char *value)
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
      put_text (b, ws, r, c, value, b->f.wrap);
      return;
    case COL_TEXT:
      break;
    }
  put_text (b, ws, r, c, value, b->f.text);
}

/* ---- tables --------------------------------------------------------------- */

/* a table being written: its header at row `top`, its next row at `row` */
typedef struct {
  Book *b;
  lxw_worksheet *ws;
  const Column *const *cols;
  guint n;
  lxw_row_t top;
  lxw_row_t row;
} Table;

static double
column_width (const Column *c)
{
  if (c->width > 0)
    return c->width;
  switch (c->type)
    {
    case COL_COUNT:
      return 11;
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
  const char *zone = c->type == COL_TIME ? b->tz_name
                     : c->type == COL_TIME_UTC || c->type == COL_DAY ? "UTC" : NULL;
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
static void
table_begin (Table *t, Book *b, lxw_worksheet *ws, lxw_row_t top, const Column *const *cols,
             guint n, gboolean widths)
{
  *t = (Table) { b, ws, cols, n, top, top + XLSX_HEADER_ROWS };
  /* the labels' row as high as its longest label needs (rows are written
   * in order: before its cells) */
  guint lines = 1;
  for (guint i = 0; i < n; i++)
    lines = MAX (lines, text_lines (column_label (b, cols[i]), column_width (cols[i])));
  check (b, worksheet_set_row (ws, top, row_height (MIN (lines, 4u)), NULL));
  for (guint i = 0; i < n; i++)
    {
      if (widths)
        check (b, worksheet_set_column (ws, (lxw_col_t) i, (lxw_col_t) i,
                                        column_width (cols[i]), NULL));
      check (b, worksheet_write_string (ws, top, (lxw_col_t) i, column_label (b, cols[i]),
                                        b->f.header));
    }
  for (guint i = 0; i < n; i++)
    check (b, worksheet_write_string (ws, top + 1, (lxw_col_t) i, cols[i]->name, b->f.machine));
}

/* the filter on the table's machine names; with freeze, its headers stay
 * in sight (a sheet that is one table) */
static void
table_end (Table *t, gboolean freeze)
{
  check (t->b, worksheet_autofilter (t->ws, t->top + 1, 0, MAX (t->row - 1, t->top + 1),
                                     (lxw_col_t) (t->n - 1)));
  if (freeze)
    worksheet_freeze_panes (t->ws, t->top + XLSX_HEADER_ROWS, 0);
}

/* a row of wrapped text as high as its text needs (readers do not all fit
 * it themselves), at most XLSX_ROW_LINES lines; before its cells are
 * written: values[i] is column i's text, or NULL */
static void
fit_row (Table *t, const char *const *values)
{
  guint lines = 1;
  for (guint i = 0; i < t->n; i++)
    if (t->cols[i]->type == COL_LONG && values[i] != NULL)
      lines = MAX (lines, text_lines (values[i], column_width (t->cols[i])));
  if (lines > 1)
    check (t->b, worksheet_set_row (t->ws, t->row, row_height (MIN (lines, XLSX_ROW_LINES)), NULL));
}

/* a table's column list from an array of columns */
static const Column **
column_list (const Column *cols, guint n)
{
  const Column **list = g_new (const Column *, n);
  for (guint i = 0; i < n; i++)
    list[i] = &cols[i];
  return list;
}

/* ---- Failures ------------------------------------------------------------- */

typedef struct {
  Book *b;
  const char *title;        /* the sheets' name */
  Table t;
  const Column **cols;      /* one per failure column */
  guint n;
  guint sheet;              /* sheets so far */
} FailureSheets;

static lxw_worksheet *
add_sheet (Book *b, const char *name)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, name);
  if (ws == NULL)
    check (b, LXW_ERROR_MEMORY_MALLOC_FAILED);
  return ws;
}

/* the next sheet of failures: "Failures", "Failures 2", ... */
static gboolean
failure_sheet (FailureSheets *s, lxw_worksheet *ws)
{
  s->sheet++;
  if (ws == NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", s->title, s->sheet);
      if ((ws = add_sheet (s->b, name)) == NULL)
        return FALSE;
    }
  table_begin (&s->t, s->b, ws, 0, s->cols, s->n, TRUE);
  return TRUE;
}

static gboolean
failure_row (const char *const *values, gpointer user)
{
  FailureSheets *s = user;
  if (s->t.row >= XLSX_SHEET_ROWS)
    {
      table_end (&s->t, TRUE);
      if (!failure_sheet (s, NULL))
        return FALSE;
    }
  for (guint i = 0; i < s->n; i++)
    put_cell (s->b, s->t.ws, s->t.row, (lxw_col_t) i, s->cols[i]->type, values[i]);
  s->t.row++;
  return s->b->err == LXW_NO_ERROR;
}

static gboolean
write_failures (Book *b, lxw_worksheet *ws, const char *title, BsAggKind kind, GError **error)
{
  guint n;
  const BsReportColumn *names = bs_report_failure_columns (&n);
  g_autofree const Column **cols = g_new (const Column *, n);
  g_autofree Column *unknown = g_new0 (Column, n);
  for (guint i = 0; i < n; i++)
    {
      cols[i] = NULL;
      for (gsize k = 0; k < G_N_ELEMENTS (failure_columns) && cols[i] == NULL; k++)
        if (strcmp (failure_columns[k].name, names[i].name) == 0)
          cols[i] = &failure_columns[k];
      if (cols[i] == NULL)
        {
          unknown[i] = (Column) { names[i].name, names[i].name, names[i].name,
                                  names[i].numeric ? COL_COUNT : COL_TEXT, 0 };
          cols[i] = &unknown[i];
        }
    }
  FailureSheets s = { b, title, { 0 }, cols, n, 0 };
  if (!failure_sheet (&s, ws))
    return TRUE;   /* b->err says why */
  gboolean ok = b->sorted ? bs_report_foreach_failure_sorted (b->q, failure_row, &s, error)
                          : bs_report_foreach_failure (b->q, BS_AGG_COUNT, NULL, 0, failure_row,
                                                       &s, error);
  table_end (&s.t, TRUE);
  return ok;
}

/* ---- group sheets --------------------------------------------------------- */

/* the key columns of each group sheet (by-*.csv's) */
static const Column group_keys[BS_AGG_COUNT][3] = {
  [BS_AGG_DOMAIN] = { { "destination", "Destination domain", "宛先ドメイン", COL_TEXT, 28 } },
  [BS_AGG_IP] = { { "sending_ip", "Sending IP", "送信元IPアドレス", COL_TEXT, 20 } },
  [BS_AGG_CODE] = { { "status", "Status", "ステータス", COL_TEXT, 10 },
                    { "reply_code", "SMTP reply", "SMTP応答コード", COL_TEXT, 10 },
                    { "provider_code", "Provider code", "事業者のエラーコード", COL_TEXT, 16 } },
  [BS_AGG_REASON] = { { "reason", "Reason", "原因", COL_TEXT, 16 },
                      { "reason_label", "Meaning", "意味", COL_LONG, 32 },
                      { "family", "Family", "分類", COL_TEXT, 14 } },
  [BS_AGG_BLOCKLIST] = { { "blocklist", "Blocklist", "ブロックリスト", COL_TEXT, 20 } },
  [BS_AGG_DAY] = { { "day", "Day", "日付", COL_DAY, 0 } },
  [BS_AGG_SENDER] = { { "sender_domain", "Sender domain", "送信元ドメイン", COL_TEXT, 28 } },
};

static guint
n_keys (BsAggKind kind)
{
  guint n = 0;
  while (n < G_N_ELEMENTS (group_keys[kind]) && group_keys[kind][n].name != NULL)
    n++;
  return n;
}

/* the key cells of a group row, from column 0 */
static void
group_key_cells (Book *b, lxw_worksheet *ws, lxw_row_t r, BsAggKind kind, const BsAggRow *row)
{
  const Column *keys = group_keys[kind];
  if (kind == BS_AGG_CODE)
    {
      put_cell (b, ws, r, 0, COL_TEXT, row->status);
      if (row->reply_code > 0)
        {
          char reply[16];
          g_snprintf (reply, sizeof reply, "%d", row->reply_code);
          put_cell (b, ws, r, 1, COL_TEXT, reply);
        }
      put_cell (b, ws, r, 2, COL_TEXT, row->provider_code);
      return;
    }
  put_cell (b, ws, r, 0, keys[0].type, row->key);
  if (kind == BS_AGG_REASON)
    {
      put_cell (b, ws, r, 1, COL_LONG, reason_label (b, row->key));
      put_cell (b, ws, r, 2, COL_TEXT,
                bs_family_name (bs_reason_family (bs_reason_from_name (row->key), NULL)));
    }
}

/* a group's counts from column c, its example as a cell of example_type */
static void
group_count_cells (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const BsAggRow *row,
                   ColType example_type)
{
  put_count (b, ws, r, c, row->failures);
  put_count (b, ws, r, c + 1, row->recipients);
  put_count (b, ws, r, c + 2, row->hard);
  put_cell (b, ws, r, c + 3, COL_TIME, row->first_seen);
  put_cell (b, ws, r, c + 4, COL_TIME, row->last_seen);
  put_cell (b, ws, r, c + 5, example_type, row->example);
}

static gboolean
write_groups (Book *b, lxw_worksheet *ws, const char *title, BsAggKind kind, GError **error)
{
  g_autoptr (GPtrArray) rows = bs_report_aggregate (b->q, kind, 0, NULL, error);
  if (rows == NULL)
    return FALSE;
  guint keys = n_keys (kind);
  g_autofree const Column **cols = g_new (const Column *, keys + G_N_ELEMENTS (group_counts));
  for (guint i = 0; i < keys; i++)
    cols[i] = &group_keys[kind][i];
  for (guint i = 0; i < G_N_ELEMENTS (group_counts); i++)
    cols[keys + i] = &group_counts[i];
  Table t;
  table_begin (&t, b, ws, 0, cols, keys + G_N_ELEMENTS (group_counts), TRUE);
  g_autofree const char **texts = g_new0 (const char *, t.n);
  for (guint i = 0; i < rows->len; i++, t.row++)
    {
      const BsAggRow *row = g_ptr_array_index (rows, i);
      if (kind == BS_AGG_REASON)
        texts[1] = reason_label (b, row->key);
      texts[t.n - 1] = row->example;
      fit_row (&t, texts);
      group_key_cells (b, ws, t.row, kind, row);
      group_count_cells (b, ws, t.row, keys, row, COL_LONG);
    }
  table_end (&t, TRUE);
  return TRUE;
}

/* ---- By day --------------------------------------------------------------- */

/* "=Sheet!$A$3:$A$9" of a column's rows, the sheet's name quoted */
static char *
range_of (const char *sheet, lxw_col_t col, lxw_row_t first, lxw_row_t last)
{
  g_autoptr (GString) quoted = g_string_new ("'");
  for (const char *p = sheet; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (quoted, '\'');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '\'');
  char a[16], z[16];
  lxw_rowcol_to_cell_abs (a, first, col, TRUE, TRUE);
  lxw_rowcol_to_cell_abs (z, last, col, TRUE, TRUE);
  return g_strdup_printf ("=%s!%s:%s", quoted->str, a, z);
}

/* a stacked column chart of the families per day, right of the table */
static void
day_chart (Book *b, lxw_worksheet *ws, const char *title, lxw_row_t first, lxw_row_t last,
           lxw_col_t at)
{
  lxw_chart *chart = workbook_add_chart (b->wb, LXW_CHART_COLUMN_STACKED);
  if (chart == NULL)
    return;
  g_autofree char *days = range_of (title, 0, first, last);
  for (int f = 0; f < BS_FAMILY_COUNT; f++)
    {
      g_autofree char *values = range_of (title, (lxw_col_t) (1 + f), first, last);
      lxw_chart_series *series = chart_add_series (chart, days, values);
      if (series == NULL)
        continue;
      chart_series_set_name (series, bs_family_label ((BsReasonFamily) f, b->lang));
      lxw_chart_fill fill = { .color = (lxw_color_t) g_ascii_strtoull (
                                bs_family_color ((BsReasonFamily) f) + 1, NULL, 16) };
      chart_series_set_fill (series, &fill);
    }
  chart_set_series_gap (chart, 30);
  chart_title_set_name (chart, pick (b, "Failures per day, by reason family",
                                     "日ごとの配信失敗（原因の分類別）"));
  chart_axis_set_num_format (chart->x_axis, b->ja ? "m/d" : "d mmm");
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options place = { .x_offset = 10, .y_offset = 10, .x_scale = 2.0, .y_scale = 1.4 };
  check (b, worksheet_insert_chart_opt (ws, XLSX_HEADER_ROWS, at, chart, &place));
}

static gboolean
write_days (Book *b, lxw_worksheet *ws, const char *title, BsAggKind kind, GError **error)
{
  g_autoptr (GPtrArray) rows = bs_report_aggregate (b->q, BS_AGG_DAY, 0, NULL, error);
  if (rows == NULL)
    return FALSE;
  /* the day, its families side by side (a stacked chart is one selection),
   * then the counts of every group sheet; a day a line, its latest message
   * not wrapped */
  Column families[BS_FAMILY_COUNT];
  Column example = group_counts[G_N_ELEMENTS (group_counts) - 1];
  example.type = COL_TEXT;
  const Column *cols[1 + BS_FAMILY_COUNT + G_N_ELEMENTS (group_counts)];
  cols[0] = &group_keys[BS_AGG_DAY][0];
  for (int f = 0; f < BS_FAMILY_COUNT; f++)
    {
      const char *label = bs_family_label ((BsReasonFamily) f, "en");
      const char *label_ja = bs_family_label ((BsReasonFamily) f, "ja");
      families[f] = (Column) { family_columns[f], label, label_ja, COL_COUNT, 14 };
      cols[1 + f] = &families[f];
    }
  for (guint i = 0; i < G_N_ELEMENTS (group_counts); i++)
    cols[1 + BS_FAMILY_COUNT + i] = &group_counts[i];
  cols[G_N_ELEMENTS (cols) - 1] = &example;
  Table t;
  table_begin (&t, b, ws, 0, cols, G_N_ELEMENTS (cols), TRUE);
  for (guint i = 0; i < rows->len; i++, t.row++)
    {
      const BsAggRow *row = g_ptr_array_index (rows, i);
      put_cell (b, ws, t.row, 0, COL_DAY, row->key);
      for (int f = 0; f < BS_FAMILY_COUNT; f++)
        put_count (b, ws, t.row, (lxw_col_t) (1 + f), row->family_failures[f]);
      group_count_cells (b, ws, t.row, 1 + BS_FAMILY_COUNT, row, example.type);
    }
  table_end (&t, TRUE);
  if (rows->len > 0 && rows->len <= XLSX_CHART_DAYS_MAX)
    day_chart (b, ws, title, XLSX_HEADER_ROWS, t.row - 1, (lxw_col_t) (G_N_ELEMENTS (cols) + 1));
  return TRUE;
}

/* ---- Changes -------------------------------------------------------------- */

static const char *
change_label (const Book *b, BsChangeType type)
{
  switch (type)
    {
    case BS_CHANGE_NEW:
      return pick (b, "New", "新たに発生");
    case BS_CHANGE_BACK:
      return pick (b, "Came back", "再発");
    case BS_CHANGE_CLEARED:
      return pick (b, "Cleared", "解消");
    case BS_CHANGE_TYPE_COUNT:
      break;
    }
  return "";
}

static const char *
subject_label (const Book *b, BsSubjectKind kind)
{
  switch (kind)
    {
    case BS_SUBJECT_IP:
      return pick (b, "Sending IP", "送信元IPアドレス");
    case BS_SUBJECT_DESTINATION:
      return pick (b, "Destination domain", "宛先ドメイン");
    case BS_SUBJECT_BLOCKLIST:
      return pick (b, "Blocklist", "ブロックリスト");
    case BS_SUBJECT_PROVIDER_CODE:
      return pick (b, "Provider code", "事業者のエラーコード");
    case BS_SUBJECT_COUNT:
      break;
    }
  return "";
}

static gboolean
write_changes (Book *b, lxw_worksheet *ws, const char *title, BsAggKind kind, GError **error)
{
  g_autoptr (BsChanges) changes = bs_changes_for_report (bs_report_query_read (b->q), b->o, error);
  if (changes == NULL)
    return FALSE;
  g_autofree const Column **cols = column_list (change_columns, G_N_ELEMENTS (change_columns));
  Table t;
  table_begin (&t, b, ws, 0, cols, G_N_ELEMENTS (change_columns), TRUE);
  for (guint i = 0; i < changes->changes->len; i++, t.row++)
    {
      const BsChange *c = g_ptr_array_index (changes->changes, i);
      const char *cells[] = {
        change_label (b, c->type), subject_label (b, c->kind), c->value, c->first_day,
        c->last_day, c->cleared_day, c->previous_last_day, NULL, NULL, NULL,
        bs_change_type_name (c->type), bs_subject_kind_name (c->kind),
      };
      G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (change_columns));
      for (guint k = 0; k < G_N_ELEMENTS (cells); k++)
        put_cell (b, ws, t.row, (lxw_col_t) k, change_columns[k].type, cells[k]);
      put_count (b, ws, t.row, 7, c->failures);
      put_count (b, ws, t.row, 8, c->days);
      put_count (b, ws, t.row, 9, c->episode);
    }
  table_end (&t, TRUE);
  return TRUE;
}

/* ---- Summary -------------------------------------------------------------- */

/* the period: the options' dates, else the history's */
static void
period (const Book *b, const BsReportTotals *t, const char **from, const char **to)
{
  const char *since = bs_history_filter_since (b->o->filter);
  const char *until = bs_history_filter_until (b->o->filter);
  *from = since != NULL ? since : t->first_day;
  *to = until != NULL ? until : t->last_day;
}

/* the headline's sentence, as the page says it */
static char *
headline (const Book *b, const BsReportTotals *t)
{
  const char *from, *to;
  period (b, t, &from, &to);
  if (from == NULL || to == NULL)
    return g_strdup (pick (b, "There is no bounce in the history for this selection.",
                           "この条件に該当するエラーメールは記録されていません。"));
  /* the page's date and number formats (html.h), as plain text */
  GString *s = g_string_new (NULL);
  BsHtml h = { .out = s, .ja = b->ja };
  g_autofree char *a = bs_html_date_string (&h, from, BS_DATE_DAY);
  g_autofree char *z = bs_html_date_string (&h, to, BS_DATE_DAY);
  gboolean one_day = strcmp (from, to) == 0;
  if (b->ja)
    {
      if (one_day)
        g_string_append_printf (s, "%s、", a);
      else
        g_string_append_printf (s, "%sから%sまでに、", a, z);
      if (t->recipients > 0)
        {
          bs_html_number (&h, t->recipients);
          g_string_append (s, "件の宛先にメールが届きませんでした。");
        }
      else
        g_string_append (s, "配信に失敗したメールはありません。");
    }
  else
    {
      if (one_day)
        g_string_append_printf (s, "On %s", a);
      else
        g_string_append_printf (s, "Between %s and %s", a, z);
      if (t->recipients > 0)
        {
          g_string_append (s, ", mail to ");
          bs_html_number (&h, t->recipients);
          g_string_append (s, t->recipients == 1 ? " recipient could not be delivered."
                                                 : " recipients could not be delivered.");
        }
      else
        g_string_append (s, ", no mail failed.");
    }
  return g_string_free (s, FALSE);
}

/* a label in column A and a value in B: one line of the summary's facts */
static void
fact (Book *b, lxw_worksheet *ws, lxw_row_t *r, const char *en, const char *ja, const char *value)
{
  check (b, worksheet_write_string (ws, *r, 0, pick (b, en, ja), b->f.label));
  put_text (b, ws, *r, 1, value, b->f.text);
  (*r)++;
}

/* the report's name, its scope and its headline */
static void
summary_head (Book *b, lxw_worksheet *ws, lxw_row_t *r, const BsReportTotals *t)
{
  const char *name = pick (b, "Bounce report", "配信エラー（バウンス）レポート");
  const char *title = b->o->title;
  if (title != NULL && *title != '\0')
    {
      put_text (b, ws, (*r)++, 0, title, b->f.title);
      check (b, worksheet_write_string (ws, (*r)++, 0, name, b->f.heading));
    }
  else
    check (b, worksheet_write_string (ws, (*r)++, 0, name, b->f.title));
  g_autofree char *line = headline (b, t);
  check (b, worksheet_write_string (ws, (*r)++, 0, line, b->f.heading));
  (*r)++;

  const char *from, *to;
  period (b, t, &from, &to);
  check (b, worksheet_write_string (ws, *r, 0, pick (b, "Period", "対象期間"), b->f.label));
  put_cell (b, ws, *r, 1, COL_DAY, from);
  put_cell (b, ws, *r, 2, COL_DAY, to);
  (*r)++;
  const char *const *senders = bs_report_query_senders (b->q);
  if (senders != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) senders);
      fact (b, ws, r, "Sent from", "送信元ドメイン", list);
    }
  check (b, worksheet_write_string (ws, *r, 0, pick (b, "Generated", "作成日時"), b->f.label));
  g_autofree char *generated = bs_report_iso_utc (b->o->generated_at);
  put_cell (b, ws, *r, 1, COL_TIME, generated);
  (*r)++;
  fact (b, ws, r, "Time zone", "タイムゾーン", b->tz_name);
  GString *scope = g_string_new (NULL);
  if (senders != NULL)
    g_string_append (scope, pick (b, "Only mail sent from these domains and their subdomains. ",
                                  "上記のドメイン（サブドメインを含む）から送信したメールだけを対象としています。"));
  if (b->o->redact)
    g_string_append (scope, pick (b, "The part before the @ of recipients' addresses is masked (***). ",
                                  "宛先アドレスの @ より前の部分は伏せています（***）。"));
  if (b->ja)
    g_string_append_printf (scope, "日時は%sで表示しています。日付は協定世界時（UTC）の日付です。",
                            b->tz_name);
  else
    g_string_append_printf (scope, "Times are in %s; days are UTC days.", b->tz_name);
  check (b, worksheet_write_string (ws, (*r)++, 0, scope->str, b->f.note));
  g_string_free (scope, TRUE);
  (*r)++;
}

/* the failed recipients per reason family, then the other figures */
static void
summary_figures (Book *b, lxw_worksheet *ws, lxw_row_t *r, const BsReportTotals *t)
{
  g_autofree const Column **cols = column_list (family_table, G_N_ELEMENTS (family_table));
  Table tab;
  table_begin (&tab, b, ws, *r, cols, G_N_ELEMENTS (family_table), FALSE);
  for (int f = 0; f < BS_FAMILY_COUNT; f++, tab.row++)
    {
      put_cell (b, ws, tab.row, 0, COL_LONG, bs_family_label ((BsReasonFamily) f, b->lang));
      put_count (b, ws, tab.row, 1, t->family_recipients[f]);
      put_count (b, ws, tab.row, 2, t->family_failures[f]);
      put_cell (b, ws, tab.row, 3, COL_TEXT, bs_family_name ((BsReasonFamily) f));
    }
  *r = tab.row + 1;
  static const struct {
    const char *name, *en, *ja;
  } figures[] = {
    { "recipients", "Recipients whose mail failed", "配信に失敗した宛先" },
    { "failures", "Failed deliveries (one per recipient of each bounce)",
      "配信失敗（エラーメール1通の宛先ごとに1件）" },
    { "hard_bounces", "Of them permanent (hard bounces)", "うち恒久的なエラー（ハードバウンス）" },
    { "delay_warnings", "Delay warnings (not counted as failures)", "遅延通知（配信失敗には数えていません）" },
    { "other_notices", "Other notices (delivered, auto-replies, complaints)",
      "その他の通知（配信成功・自動応答・苦情報告）" },
  };
  const gint64 values[] = { t->recipients, t->failures, t->hard, t->delayed, t->other_notices };
  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (figures));
  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++, (*r)++)
    {
      check (b, worksheet_write_string (ws, *r, 0, pick (b, figures[i].en, figures[i].ja),
                                        b->f.label));
      put_count (b, ws, *r, 1, values[i]);
      check (b, worksheet_write_string (ws, *r, 3, figures[i].name, b->f.machine));
    }
  (*r)++;
}

/* "a (3), b (1)" of counts, at most XLSX_LIST_MAX */
static char *
count_list (const Book *b, const GPtrArray *counts)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < counts->len && i < XLSX_LIST_MAX; i++)
    {
      const BsCount *c = g_ptr_array_index (counts, i);
      g_string_append_printf (s, b->ja ? "%s%s（%" G_GINT64_FORMAT "）" : "%s%s (%" G_GINT64_FORMAT ")",
                              i > 0 ? (b->ja ? "、" : ", ") : "", c->value, c->count);
    }
  if (counts->len > XLSX_LIST_MAX)
    g_string_append_printf (s, b->ja ? "、ほか%u件" : ", and %u more", counts->len - XLSX_LIST_MAX);
  return g_string_free (s, FALSE);
}

/* what to do now: every problem, the ones that hurt the most recipients
 * first (the page's order), each with its next step */
static gboolean
summary_problems (Book *b, lxw_worksheet *ws, lxw_row_t *r, GError **error)
{
  g_autoptr (GPtrArray) problems = bs_report_problems (b->q, 0, NULL, error);
  if (problems == NULL)
    return FALSE;
  check (b, worksheet_write_string (ws, (*r)++, 0, pick (b, "What to do now", "いま対処すべき問題"),
                                    b->f.heading));
  if (problems->len == 0)
    {
      check (b, worksheet_write_string (ws, (*r)++, 0,
                                        pick (b, "Nothing to do: no delivery failed in this period.",
                                              "対処が必要な問題はありません。この期間に配信の失敗はありませんでした。"),
                                        b->f.note));
      return TRUE;
    }
  g_autofree const Column **cols = column_list (problem_columns, G_N_ELEMENTS (problem_columns));
  Table t;
  table_begin (&t, b, ws, *r, cols, G_N_ELEMENTS (problem_columns), FALSE);
  for (guint i = 0; i < problems->len; i++, t.row++)
    {
      const BsProblem *p = g_ptr_array_index (problems, i);
      const BsAdvice *adv = bs_advice_for (p->advice_key, b->ja ? "ja" : "en");
      g_autofree char *blocklists = count_list (b, p->blocklists);
      g_autofree char *codes = count_list (b, p->codes);
      g_autofree char *reasons = count_list (b, p->reasons);
      g_autofree char *destinations = count_list (b, p->destinations);
      g_autofree char *ips = p->sending_ip != NULL ? g_strdup (p->sending_ip) : count_list (b, p->ips);
      const char *cells[] = {
        adv != NULL ? adv->title : p->advice_key, NULL, NULL, ips, blocklists, codes, reasons,
        destinations, p->first_seen, p->last_seen, adv != NULL ? adv->next_step : NULL,
        adv != NULL && adv->url != NULL && g_str_has_prefix (adv->url, "https://") ? adv->url : NULL,
        p->example, p->advice_key, bs_family_name (p->family),
      };
      G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (problem_columns));
      fit_row (&t, cells);
      for (guint k = 0; k < G_N_ELEMENTS (cells); k++)
        put_cell (b, ws, t.row, (lxw_col_t) k, problem_columns[k].type, cells[k]);
      put_count (b, ws, t.row, 1, p->recipients);
      put_count (b, ws, t.row, 2, p->failures);
    }
  table_end (&t, FALSE);
  *r = t.row;
  return TRUE;
}

static gboolean
write_summary (Book *b, lxw_worksheet *ws, const char *title, BsAggKind kind, GError **error)
{
  BsReportTotals t;
  if (!bs_report_totals (b->q, &t, error))
    {
      bs_report_totals_clear (&t);
      return FALSE;
    }
  /* the widths of the problems' table, the widest; the facts above it
   * read in the first two columns */
  for (guint i = 0; i < G_N_ELEMENTS (problem_columns); i++)
    check (b, worksheet_set_column (ws, (lxw_col_t) i, (lxw_col_t) i,
                                    i == 1 ? 19 : column_width (&problem_columns[i]), NULL));
  lxw_row_t r = 0;
  summary_head (b, ws, &r, &t);
  summary_figures (b, ws, &r, &t);
  bs_report_totals_clear (&t);
  return summary_problems (b, ws, &r, error);
}

/* ---- the sheets ----------------------------------------------------------- */

/* writes the sheet ws called title; FALSE with error when the history could
 * not be read (libxlsxwriter's errors are in b->err) */
typedef gboolean (*SheetFunc) (Book *b, lxw_worksheet *ws, const char *title, BsAggKind kind,
                               GError **error);

typedef struct {
  const char *id;      /* the table's machine name: the CSV file's */
  const char *en;      /* the sheet's name (31 characters at most) */
  const char *ja;
  SheetFunc write;
  BsAggKind kind;      /* write_groups: the groups */
} SheetDef;

/* the sheets, in the workbook's order; issue 14 adds the incidents to the
 * summary and "Addresses to stop mailing" after By day */
static const SheetDef sheets[] = {
  { "summary", "Summary", "概要", write_summary, BS_AGG_COUNT },
  { "failures", "Failures", "配信失敗", write_failures, BS_AGG_COUNT },
  { "by-sender-domain", "By sender domain", "送信元ドメイン別", write_groups, BS_AGG_SENDER },
  { "by-domain", "By destination domain", "宛先ドメイン別", write_groups, BS_AGG_DOMAIN },
  { "by-ip", "By sending IP", "送信元IPアドレス別", write_groups, BS_AGG_IP },
  { "by-code", "By error code", "エラーコード別", write_groups, BS_AGG_CODE },
  { "by-reason", "By reason", "原因別", write_groups, BS_AGG_REASON },
  { "by-blocklist", "By blocklist", "ブロックリスト別", write_groups, BS_AGG_BLOCKLIST },
  { "by-day", "By day", "日別", write_days, BS_AGG_DAY },
  { "changes", "Changes", "変化", write_changes, BS_AGG_COUNT },
};

/* printed: landscape, on A4 in Japanese (Letter or A4 by the printer's
 * default in English), a table of a few columns fitted to the page's width */
static void
page_setup (Book *b, lxw_worksheet *ws, const SheetDef *def)
{
  worksheet_set_landscape (ws);
  if (b->ja)
    worksheet_set_paper (ws, 9);   /* A4 */
  if (def->write != write_failures && def->write != write_summary)
    worksheet_fit_to_pages (ws, 1, 0);
  if (def->write != write_summary)   /* a table's headers on every page */
    check (b, worksheet_repeat_rows (ws, 0, XLSX_HEADER_ROWS - 1));
}

/* the workbook into the file at path (a temporary name), from the history */
static gboolean
write_book (Book *b, const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  /* the sheets' rows wait in the workbook's own folder, not in a /tmp that
   * may be memory; a sheet's part may pass 4 GB */
  lxw_workbook_options options = {
    .constant_memory = LXW_TRUE,
    .tmpdir = dir,
    .use_zip64 = b->failures > 500000,
  };
  b->wb = workbook_new_opt (path, &options);
  if (b->wb == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_WRITE, "cannot start the workbook");
      return FALSE;
    }
  const char *name = pick (b, "Bounce report", "配信エラー（バウンス）レポート");
  lxw_doc_properties props = {
    .title = (char *) (b->o->title != NULL && *b->o->title != '\0' ? b->o->title : name),
    .subject = (char *) name,
    .comments = (char *) "bouncescan",
    .created = (time_t) b->o->generated_at,   /* the same history, the same file */
  };
  check (b, workbook_set_properties (b->wb, &props));
  make_formats (b);
  gboolean ok = TRUE;
  for (gsize i = 0; ok && b->err == LXW_NO_ERROR && i < G_N_ELEMENTS (sheets); i++)
    {
      const char *title = pick (b, sheets[i].en, sheets[i].ja);
      lxw_worksheet *ws = add_sheet (b, title);
      if (ws == NULL)
        break;
      page_setup (b, ws, &sheets[i]);
      ok = sheets[i].write (b, ws, title, sheets[i].kind, error);
    }
  lxw_error closed = workbook_close (b->wb);   /* frees it, always */
  b->wb = NULL;
  check (b, closed);
  if (ok && b->err != LXW_NO_ERROR)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_WRITE, "writing the workbook: %s",
                   lxw_strerror (b->err));
      ok = FALSE;
    }
  return ok;
}

gboolean
bs_report_xlsx_query (BsReportQuery *q, const char *path, GError **error)
{
  const BsReportOptions *o = bs_report_query_options (q);
  BsReportTotals t;
  if (!bs_report_totals (q, &t, error))
    {
      bs_report_totals_clear (&t);
      return FALSE;
    }
  gint64 failures = t.failures;
  bs_report_totals_clear (&t);
  gboolean ja = o->lang != NULL && g_ascii_strncasecmp (o->lang, "ja", 2) == 0;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();   /* no filter: UTC */
  g_autoptr (GString) buf = g_string_new (NULL);
  g_autoptr (GString) label = g_string_new (NULL);
  for (int attempt = 0; attempt < 2; attempt++)
    {
      Book b = {
        .q = q, .o = o,
        .ja = ja,
        .lang = ja ? "ja" : "en",
        .tz = o->filter != NULL ? bs_history_filter_time_zone (o->filter) : utc,
        .tz_name = o->filter != NULL ? bs_history_filter_time_zone_name (o->filter) : "UTC",
        .sorted = attempt > 0,
        .failures = failures,
        .buf = buf,
        .label = label,
      };
      g_autoptr (BsOutFile) out = bs_out_open (path, error);
      if (out == NULL)
        return FALSE;
      g_autoptr (GError) local = NULL;
      const char *tmp = bs_out_temp_path (out);
      if (tmp == NULL || write_book (&b, tmp, &local))
        return bs_out_commit (g_steal_pointer (&out), error);   /* (says why there is no tmp) */
      /* the fast read of the failures came out of order: the workbook
       * again, the plain way */
      if (attempt > 0 || !g_error_matches (local, BS_ERROR, BS_ERROR_DISORDER))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  g_assert_not_reached ();
}

gboolean
bs_report_xlsx (BsStore *store, const BsReportOptions *options, const char *path, GError **error)
{
  g_return_val_if_fail (store != NULL && options != NULL && path != NULL, FALSE);
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, options, error);
  return q != NULL && bs_report_xlsx_query (q, path, error);
}
