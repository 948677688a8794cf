/* report_xlsx.c - the workbook: the report as an .xlsx file whose cells
 * have types, written with libxlsxwriter
 *
 * One sheet per table, in the order of `sheets` below (adding a sheet is
 * a row there and a function that writes it): Summary (the headline, the
 * incidents, the figures and what to do now), Failures (failures.csv row
 * for row, in as many sheets as a sheet's rows need), one sheet per group
 * of failures (by sender domain, destination domain, sending IP, error
 * code, reason, blocklist), By day (a column per reason family and a
 * stacked chart of them), Addresses to stop mailing (addresses.csv) and
 * Changes.
 *
 * Every table opens with two header rows: the labels in the report's
 * language, then the machine names (the CSV files' column names, the same
 * in every language, for scripts); the two are frozen and the second
 * carries the autofilter.  Cells are typed (xlsx_cell.h): counts are
 * numbers, days dates, times date-times in the report's time zone (named
 * in the column's label), everything else a string cell, never a formula.
 * The columns of each table are data: name, labels, type, width
 * (xlsx_book.h); the Summary is xlsx_summary.c's, the cells and tables
 * xlsx_book.c's.
 *
 * Memory: libxlsxwriter's constant-memory mode, each sheet's rows streamed
 * in order to a temporary file in the workbook's folder, then zipped into
 * place; the sheets written in an order chosen for memory (WRITE_*), the
 * Failures by a thread of their own on a fork of the query (FailureJob);
 * the file is written whole or not at all (output.c), mode 0600.
 * Reads the history only through aggregate.h and changes.h; its times are
 * in the filter's time zone (history/filter.h: --tz, else the system's),
 * and so are its days.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "xlsx_book.h"

#include <string.h>

#include "addresses.h"
#include "bs.h"
#include "changes.h"
#include "output.h"

/* the days of history from which By day's chart is left out (a year and a
 * quarter of bars is still readable; the table has every day) */
#define XLSX_CHART_DAYS_MAX 500u

/* failures.csv's columns (docs/csv.md), by name: a column the history adds
 * later is written as text, its name as its label */
static const Column failure_columns[] = {
  { "day", "Day", "日付", COL_DAY, 0 },
  { "time_utc", "Time", "日時", COL_TIME_UTC, 0 },
  { "time_local", "Time", "日時", COL_TIME, 0 },
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

/* ---- Failures ------------------------------------------------------------- */

typedef struct {
  Book *b;
  const char *title;        /* the sheets' name */
  Table t;
  const Column **cols;      /* one per failure column */
  guint n;
  guint sheet;              /* sheets so far */
} FailureSheets;

/* the next sheet of failures: "Failures", "Failures 2", ... (added
 * beforehand when b->failure_sheets has it) */
static gboolean
failure_sheet (FailureSheets *s, lxw_worksheet *ws)
{
  s->sheet++;
  GPtrArray *ready = s->b->failure_sheets;
  if (ws == NULL && ready != NULL && s->sheet - 2 < ready->len)
    ws = g_ptr_array_index (ready, s->sheet - 2);
  if (ws == NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", s->title, s->sheet);
      if ((ws = xlsx_add_sheet (s->b, name)) == NULL)
        return FALSE;
    }
  xlsx_table_begin (&s->t, s->b, ws, 0, s->cols, s->n, TRUE);
  return TRUE;
}

static gboolean
failure_row (const char *const *values, gpointer user)
{
  FailureSheets *s = user;
  if (s->t.row >= XLSX_SHEET_ROWS)
    {
      xlsx_table_end (&s->t, TRUE);
      if (!failure_sheet (s, NULL))
        return FALSE;
    }
  xlsx_put_row (&s->t, values);
  s->t.row++;
  /* a signal (SIGINT, SIGTERM) stops the longest part of a workbook */
  const gint *cancelled = s->b->o->cancelled;
  return s->b->err == LXW_NO_ERROR && (cancelled == NULL || g_atomic_int_get (cancelled) == 0)
         && (s->b->stop == NULL || g_atomic_int_get (s->b->stop) == 0);
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
  xlsx_table_end (&s.t, TRUE);
  if (ok && b->o->cancelled != NULL && g_atomic_int_get (b->o->cancelled) != 0)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_INTERRUPTED, "interrupted: the workbook is not written");
      return FALSE;
    }
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
      xlsx_put_cell (b, ws, r, 0, COL_TEXT, row->status);
      if (row->reply_code > 0)
        {
          char reply[16];
          g_snprintf (reply, sizeof reply, "%d", row->reply_code);
          xlsx_put_cell (b, ws, r, 1, COL_TEXT, reply);
        }
      xlsx_put_cell (b, ws, r, 2, COL_TEXT, row->provider_code);
      return;
    }
  xlsx_put_cell (b, ws, r, 0, keys[0].type, row->key);
  if (kind == BS_AGG_REASON)
    {
      xlsx_put_cell (b, ws, r, 1, COL_LONG, reason_label (b, row->key));
      xlsx_put_cell (b, ws, r, 2, COL_TEXT,
                bs_family_name (bs_reason_family (bs_reason_from_name (row->key), NULL)));
    }
}

/* a group's counts from column c, its example as a cell of example_type */
static void
group_count_cells (Book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const BsAggRow *row,
                   ColType example_type)
{
  xlsx_put_count (b, ws, r, c, row->failures);
  xlsx_put_count (b, ws, r, c + 1, row->recipients);
  xlsx_put_count (b, ws, r, c + 2, row->hard);
  xlsx_put_cell (b, ws, r, c + 3, COL_TIME, row->first_seen);
  xlsx_put_cell (b, ws, r, c + 4, COL_TIME, row->last_seen);
  xlsx_put_cell (b, ws, r, c + 5, example_type, row->example);
}

/* the sender domains' sheet: what failed for each customer, at the end as
 * in by-sender-domain.csv */
static const Column sender_reasons = { "reasons", "Reasons", "原因別の件数", COL_LONG, 32 };
static const Column sender_incidents = { "incidents", "Incidents", "インシデント", COL_COUNT, 0 };

static gboolean
write_groups (Book *b, lxw_worksheet *ws, const char *title, BsAggKind kind, GError **error)
{
  g_autoptr (GPtrArray) rows = bs_report_aggregate (b->q, kind, 0, NULL, error);
  if (rows == NULL)
    return FALSE;
  guint keys = n_keys (kind);
  guint counts = G_N_ELEMENTS (group_counts);
  guint n = keys + counts + (kind == BS_AGG_SENDER ? 2 : 0);
  g_autofree const Column **cols = g_new (const Column *, n);
  for (guint i = 0; i < keys; i++)
    cols[i] = &group_keys[kind][i];
  for (guint i = 0; i < counts; i++)
    cols[keys + i] = &group_counts[i];
  if (kind == BS_AGG_SENDER)
    {
      cols[n - 2] = &sender_reasons;
      cols[n - 1] = &sender_incidents;
    }
  Table t;
  xlsx_table_begin (&t, b, ws, 0, cols, n, TRUE);
  g_autofree const char **texts = g_new0 (const char *, t.n);
  for (guint i = 0; i < rows->len; i++, t.row++)
    {
      const BsAggRow *row = g_ptr_array_index (rows, i);
      g_autofree char *reasons = kind == BS_AGG_SENDER ? bs_agg_reasons_text (row->reasons) : NULL;
      if (kind == BS_AGG_REASON)
        texts[1] = reason_label (b, row->key);
      texts[keys + counts - 1] = row->example;
      if (reasons != NULL)
        texts[n - 2] = reasons;
      xlsx_fit_row (&t, texts);
      group_key_cells (b, ws, t.row, kind, row);
      group_count_cells (b, ws, t.row, keys, row, COL_LONG);
      if (reasons != NULL)
        {
          xlsx_put_cell (b, ws, t.row, n - 2, COL_LONG, reasons);
          gint64 incidents = bs_report_sender_incidents (b->q, row->key, error);
          if (incidents < 0)
            return FALSE;
          xlsx_put_count (b, ws, t.row, n - 1, incidents);
        }
    }
  xlsx_table_end (&t, TRUE);
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
  g_mutex_lock (b->lock);
  lxw_chart *chart = workbook_add_chart (b->wb, LXW_CHART_COLUMN_STACKED);
  if (chart == NULL)
    {
      g_mutex_unlock (b->lock);
      return;
    }
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
  g_mutex_unlock (b->lock);
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
  xlsx_table_begin (&t, b, ws, 0, cols, G_N_ELEMENTS (cols), TRUE);
  for (guint i = 0; i < rows->len; i++, t.row++)
    {
      const BsAggRow *row = g_ptr_array_index (rows, i);
      xlsx_put_cell (b, ws, t.row, 0, COL_DAY, row->key);
      for (int f = 0; f < BS_FAMILY_COUNT; f++)
        xlsx_put_count (b, ws, t.row, (lxw_col_t) (1 + f), row->family_failures[f]);
      group_count_cells (b, ws, t.row, 1 + BS_FAMILY_COUNT, row, example.type);
    }
  xlsx_table_end (&t, TRUE);
  if (rows->len > 0 && rows->len <= XLSX_CHART_DAYS_MAX)
    day_chart (b, ws, title, XLSX_HEADER_ROWS, t.row - 1, (lxw_col_t) (G_N_ELEMENTS (cols) + 1));
  return TRUE;
}

/* ---- Addresses to stop mailing ------------------------------------------- */

/* addresses.csv's columns, then what they mean in the report's language */
static const Column address_columns[] = {
  { "recipient", "Recipient", "宛先アドレス", COL_TEXT, 34 },
  { "certainty", "Certainty", "確実さ", COL_TEXT, 11 },
  { "reason", "Reason", "原因", COL_TEXT, 14 },
  { "failures", "Failures", "配信失敗", COL_COUNT, 0 },
  { "days", "Days with failures", "失敗のあった日数", COL_COUNT, 0 },
  { "first_seen", "First seen", "最初の発生", COL_TIME, 0 },
  { "last_seen", "Last seen", "最後の発生", COL_TIME, 0 },
  { "destination", "Destination domain", "宛先ドメイン", COL_TEXT, 24 },
  { "sender_domains", "Sender domains", "送信元ドメイン", COL_TEXT, 24 },
  { "last_diagnostic", "Server's latest message", "相手サーバーからの最新のメッセージ", COL_TEXT, 60 },
  { "note", "What to do", "対応", COL_TEXT, 50 },
  { "reason_label", "Meaning", "意味", COL_TEXT, 32 },
};

static gboolean
write_addresses (Book *b, lxw_worksheet *ws, const char *title, BsAggKind kind, GError **error)
{
  GPtrArray *rows = bs_addresses_read (bs_report_query_read (b->q), b->o->filter, b->o->redact,
                                       error);
  if (rows == NULL)
    return FALSE;
  g_autofree const Column **cols = xlsx_column_list (address_columns, G_N_ELEMENTS (address_columns));
  Table t;
  xlsx_table_begin (&t, b, ws, 0, cols, G_N_ELEMENTS (address_columns), TRUE);
  for (guint i = 0; i < rows->len && t.row < XLSX_SHEET_ROWS; i++, t.row++)
    {
      const BsAddress *a = g_ptr_array_index (rows, i);
      const char *cells[] = {
        a->recipient, bs_certainty_name (a->certainty), bs_reason_name (a->reason), NULL, NULL,
        a->first_seen, a->last_seen, a->destination, a->sender_domains, a->diagnostic,
        bs_address_note (a->why, b->lang), bs_reason_label (a->reason, b->lang),
      };
      G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (address_columns));
      xlsx_put_row (&t, cells);
      xlsx_put_count (b, ws, t.row, 3, a->failures);
      xlsx_put_count (b, ws, t.row, 4, a->days);
    }
  xlsx_table_end (&t, TRUE);
  if (b->o->cancelled != NULL && g_atomic_int_get (b->o->cancelled) != 0)
    bs_report_leave (rows);   /* stopped: left to the exit */
  else
    g_ptr_array_unref (rows);
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
  g_autofree const Column **cols = xlsx_column_list (change_columns, G_N_ELEMENTS (change_columns));
  Table t;
  xlsx_table_begin (&t, b, ws, 0, cols, G_N_ELEMENTS (change_columns), TRUE);
  for (guint i = 0; i < changes->changes->len; i++, t.row++)
    {
      const BsChange *c = g_ptr_array_index (changes->changes, i);
      const char *cells[] = {
        change_label (b, c->type), subject_label (b, c->kind), c->value, c->first_day,
        c->last_day, c->cleared_day, c->previous_last_day, NULL, NULL, NULL,
        bs_change_type_name (c->type), bs_subject_kind_name (c->kind),
      };
      G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (change_columns));
      xlsx_put_row (&t, cells);
      xlsx_put_count (b, ws, t.row, 7, c->failures);
      xlsx_put_count (b, ws, t.row, 8, c->days);
      xlsx_put_count (b, ws, t.row, 9, c->episode);
    }
  xlsx_table_end (&t, TRUE);
  return TRUE;
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
  guint step;          /* when it is written (WRITE_*) */
} SheetDef;

/* when a sheet is written: each sheet's rows wait in a file of their own,
 * so the order the sheets are written in is free, and chosen for memory.
 * The Failures sheets first, as they are added (a sheet that fills up adds
 * the next right after it); then the tables read apart from the summary,
 * whose memory is theirs alone and given back before the rest (the
 * addresses are the largest); then the group tables (the summary's, and
 * By sender domain builds the incidents), the Summary last. */
enum { WRITE_FAILURES, WRITE_APART, WRITE_GROUPS, WRITE_SUMMARY, WRITE_STEPS };

/* the sheets, in the workbook's order */
static const SheetDef sheets[] = {
  { "summary", "Summary", "概要", xlsx_write_summary, BS_AGG_COUNT, WRITE_SUMMARY },
  { "failures", "Failures", "配信失敗", write_failures, BS_AGG_COUNT, WRITE_FAILURES },
  { "by-sender-domain", "By sender domain", "送信元ドメイン別", write_groups, BS_AGG_SENDER,
    WRITE_GROUPS },
  { "by-domain", "By destination domain", "宛先ドメイン別", write_groups, BS_AGG_DOMAIN,
    WRITE_GROUPS },
  { "by-ip", "By sending IP", "送信元IPアドレス別", write_groups, BS_AGG_IP, WRITE_GROUPS },
  { "by-code", "By error code", "エラーコード別", write_groups, BS_AGG_CODE, WRITE_GROUPS },
  { "by-reason", "By reason", "原因別", write_groups, BS_AGG_REASON, WRITE_GROUPS },
  { "by-blocklist", "By blocklist", "ブロックリスト別", write_groups, BS_AGG_BLOCKLIST,
    WRITE_GROUPS },
  { "by-day", "By day", "日別", write_days, BS_AGG_DAY, WRITE_GROUPS },
  { "addresses", "Addresses to stop mailing", "配信を停止すべきアドレス", write_addresses,
    BS_AGG_COUNT, WRITE_APART },
  { "changes", "Changes", "変化", write_changes, BS_AGG_COUNT, WRITE_APART },
};

/* printed: landscape, on A4 in Japanese (Letter or A4 by the printer's
 * default in English), a table of a few columns fitted to the page's width */
static void
page_setup (Book *b, lxw_worksheet *ws, const SheetDef *def)
{
  worksheet_set_landscape (ws);
  if (b->ja)
    worksheet_set_paper (ws, 9);   /* A4 */
  if (def->write != write_failures && def->write != xlsx_write_summary)
    worksheet_fit_to_pages (ws, 1, 0);
  if (def->write != xlsx_write_summary)   /* a table's headers on every page */
    check (b, worksheet_repeat_rows (ws, 0, XLSX_HEADER_ROWS - 1));
}

/* ---- the Failures sheets in a thread of their own ------------------------ */

/* the Failures sheets are the longest part of a workbook (every field of
 * every failure), and need nothing the others read: with a fork of the
 * query (the same snapshot on a second connection), a thread writes them
 * while the caller writes the other sheets.  Each sheet's rows go to a file
 * of its own; the thread has its own Book (buffers, error), the styles are
 * numbered beforehand (xlsx_make_formats), and what adds to the workbook
 * itself holds b->lock.  The sheets "Failures 2"... that the failures
 * counted fill are added beforehand, in their place. */
typedef struct {
  Book b;
  lxw_worksheet *ws;
  const char *title;
  GThread *thread;
  gint stop;                /* the caller failed */
  gboolean ok;
  GError *error;
} FailureJob;

static gpointer
failures_thread (gpointer data)
{
  FailureJob *j = data;
  j->ok = write_failures (&j->b, j->ws, j->title, BS_AGG_COUNT, &j->error);
  return NULL;
}

static FailureJob *
failures_start (Book *b, lxw_worksheet *ws, const char *title)
{
  FailureJob *j = g_new0 (FailureJob, 1);
  j->ws = ws;
  j->title = title;
  j->b = *b;
  j->b.q = b->fork;
  j->b.buf = g_string_new (NULL);
  j->b.label = g_string_new (NULL);
  j->b.stop = &j->stop;
  j->b.failure_sheets = g_ptr_array_new ();
  /* a sheet holds XLSX_SHEET_ROWS rows, its two header rows among them */
  gint64 more = b->failures > 0 ? (b->failures - 1) / (XLSX_SHEET_ROWS - XLSX_HEADER_ROWS) : 0;
  for (gint64 k = 0; k < more && b->err == LXW_NO_ERROR; k++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", title, (guint) k + 2);
      lxw_worksheet *next = xlsx_add_sheet (b, name);
      if (next != NULL)
        g_ptr_array_add (j->b.failure_sheets, next);
    }
  j->thread = g_thread_new ("Failures", failures_thread, j);
  return j;
}

/* waits for the thread (go_on FALSE: stop it first); its error, or
 * libxlsxwriter's, is the workbook's */
static gboolean
failures_finish (Book *b, FailureJob *j, gboolean go_on, GError **error)
{
  if (!go_on)
    g_atomic_int_set (&j->stop, 1);
  g_thread_join (j->thread);
  check (b, j->b.err);
  gboolean ok = j->ok;
  if (!ok && go_on)
    g_propagate_error (error, g_steal_pointer (&j->error));
  g_clear_error (&j->error);
  g_string_free (j->b.buf, TRUE);
  g_string_free (j->b.label, TRUE);
  g_ptr_array_unref (j->b.failure_sheets);
  g_free (j);
  return ok;
}

/* workbook_close, in a thread of its own */
typedef struct {
  lxw_workbook *wb;
  lxw_error err;
  gboolean done;
  GMutex lock;
  GCond cond;
} Closing;

static gpointer
closing_thread (gpointer data)
{
  Closing *c = data;
  lxw_error err = workbook_close (c->wb);   /* frees it, always */
  g_mutex_lock (&c->lock);
  c->err = err;
  c->done = TRUE;
  g_cond_signal (&c->cond);
  g_mutex_unlock (&c->lock);
  return NULL;
}

/* workbook_close (wb): it compresses every sheet into the file, the
 * longest part of a big workbook, which libxlsxwriter cannot stop; so it
 * runs in a thread, and a signal (*cancelled) gives it up at once: FALSE,
 * the thread left to finish into a file that is removed (its temporary
 * file, bs_out_abort) until the process exits.  TRUE with *err when done. */
static gboolean
close_book (lxw_workbook *wb, const gint *cancelled, lxw_error *err)
{
  Closing *c = g_new0 (Closing, 1);
  c->wb = wb;
  g_mutex_init (&c->lock);
  g_cond_init (&c->cond);
  GThread *thread = g_thread_new ("workbook", closing_thread, c);
  g_mutex_lock (&c->lock);
  while (!c->done && (cancelled == NULL || g_atomic_int_get (cancelled) == 0))
    g_cond_wait_until (&c->cond, &c->lock, g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND);
  gboolean done = c->done;
  g_mutex_unlock (&c->lock);
  if (!done)
    {
      g_thread_unref (thread);   /* c and the workbook stay the thread's */
      return FALSE;
    }
  g_thread_join (thread);
  *err = c->err;
  g_mutex_clear (&c->lock);
  g_cond_clear (&c->cond);
  g_free (c);
  return TRUE;
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
  xlsx_make_formats (b);
  GMutex lock;
  g_mutex_init (&lock);
  b->lock = &lock;
  gboolean ok = TRUE;
  /* every sheet added in the workbook's order (the Failures' as they are
   * written, or all beforehand for a thread of their own), then written
   * step by step */
  lxw_worksheet *ws[G_N_ELEMENTS (sheets)] = { NULL };
  FailureJob *job = NULL;
  for (guint step = 0; step < WRITE_STEPS; step++)
    for (gsize i = 0; ok && b->err == LXW_NO_ERROR && i < G_N_ELEMENTS (sheets); i++)
      {
        const char *title = pick (b, sheets[i].en, sheets[i].ja);
        if (step == 0)
          {
            if ((ws[i] = xlsx_add_sheet (b, title)) == NULL)
              break;
            page_setup (b, ws[i], &sheets[i]);
          }
        if (sheets[i].step != step)
          continue;
        if (sheets[i].write == write_failures && b->fork != NULL)
          job = failures_start (b, ws[i], title);
        else
          ok = sheets[i].write (b, ws[i], title, sheets[i].kind, error);
        /* a signal stops the sheets written beside the Failures' thread too,
         * between two of them */
        if (ok && b->o->cancelled != NULL && g_atomic_int_get (b->o->cancelled) != 0)
          {
            g_set_error (error, BS_ERROR, BS_ERROR_INTERRUPTED,
                         "interrupted: the workbook is not written");
            ok = FALSE;
          }
      }
  if (job != NULL)
    ok = failures_finish (b, job, ok && b->err == LXW_NO_ERROR, ok ? error : NULL) && ok;
  b->lock = NULL;
  g_mutex_clear (&lock);
  if (!ok || b->err != LXW_NO_ERROR)
    {
      /* (a signal, an error) the rows so far are not compressed into a
       * file that is thrown away: that took longer than all before it */
      lxw_workbook_free (b->wb);
      b->wb = NULL;
      if (ok)
        g_set_error (error, BS_ERROR, BS_ERROR_WRITE, "writing the workbook: %s",
                     lxw_strerror (b->err));
      return FALSE;
    }
  lxw_error closed;
  gboolean given_up = !close_book (b->wb, b->o->cancelled, &closed);
  b->wb = NULL;
  if (given_up)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_INTERRUPTED, "interrupted: the workbook is not written");
      return FALSE;
    }
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
  /* before the first read: the failures' own reader (NULL: none to be had,
   * they are written in turn) */
  g_autoptr (BsReportQuery) fork = bs_report_query_fork (q);
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
        .fork = attempt == 0 ? fork : NULL,   /* a second try reads the plain way, in turn */
        .failures = failures,
        .buf = buf,
        .label = label,
      };
      g_autoptr (BsOutFile) out = bs_out_open (path, o->cancelled, error);
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
