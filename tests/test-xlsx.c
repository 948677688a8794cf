/* test-xlsx.c - the workbook's cell values (reports/xlsx_cell.c): text made
 * safe for a string cell, counts, days, and times in a zone
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <glib.h>
#include <string.h>

#include "xlsx_cell.h"

/* text as a cell gets it (a copy, for either return) */
static char *
cell (const char *text)
{
  g_autoptr (GString) buf = g_string_new (NULL);
  const char *v = bs_xlsx_text (buf, text);
  return g_strdup (v);
}

static void
test_text_plain (void)
{
  g_autoptr (GString) buf = g_string_new (NULL);
  /* plain text is the caller's own string: no copy per cell */
  static const char *const plain[] = {
    "550 5.1.1 <a@example.com>: Recipient address rejected", "5.1.1", "550", "S3150",
    "=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "0123", "1e5", "  spaces  ", "tab\there",
    "line\nfeed", "<&>\"'", "a_b", "_x", "x_0041_",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (plain); i++)
    g_assert_true (bs_xlsx_text (buf, plain[i]) == plain[i]);
  g_assert_null (bs_xlsx_text (buf, NULL));
}

static void
test_text_unsafe (void)
{
  static const struct {
    const char *in, *out;
  } cases[] = {
    /* controls and invisible characters as the CSV shows them (escape.c) */
    { "a\x01" "b", "a\xe2\x90\x81" "b" },
    { "a\x7f" "b", "a\xe2\x90\xa1" "b" },
    { "x\xe2\x80\xae" "gpj.exe", "x[U+202E]gpj.exe" },
    { "zero\xe2\x80\x8bwidth", "zero[U+200B]width" },
    /* line breaks: LF, as XML reads them */
    { "a\r\nb", "a\nb" },
    { "a\rb", "a\nb" },
    /* not XML characters */
    { "a\xef\xbf\xbe" "b\xef\xbf\xbf", "a[U+FFFE]b[U+FFFF]" },
    /* OOXML's escapes read back as written */
    { "_x0041_", "_x005F_x0041_" },
    { "a_x003D_cmd_x000D_", "a_x005F_x003D_cmd_x005F_x000D_" },
    { "_x00_ _xZZZZ_ _x0041", "_x00_ _xZZZZ_ _x0041" },
    /* invalid UTF-8 made valid; Japanese kept */
    { "caf\xe9", "caf\xef\xbf\xbd" },
    { "件名：お知らせ", "件名：お知らせ" },
    { "=\xe2\x80\xae" "1+1", "=[U+202E]1+1" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = cell (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_text_long (void)
{
  /* over a cell's bytes: cut at a character, with "…", valid UTF-8 */
  GString *big = g_string_new (NULL);
  while (big->len < BS_XLSX_TEXT_MAX + 100)
    g_string_append (big, "あa");
  g_autofree char *text = g_string_free (big, FALSE);
  g_autofree char *got = cell (text);
  g_assert_cmpuint (strlen (got), <=, BS_XLSX_TEXT_MAX);
  g_assert_cmpuint (strlen (got), >=, BS_XLSX_TEXT_MAX - 6);
  g_assert_true (g_utf8_validate (got, -1, NULL));
  g_assert_true (g_str_has_suffix (got, "…"));
  g_assert_true (strncmp (got, text, strlen (got) - strlen ("…")) == 0);
  /* plain ASCII just at the limit is kept whole; one byte over is cut */
  g_autofree char *edge = g_strnfill (BS_XLSX_TEXT_MAX, 'x');
  g_autofree char *kept = cell (edge);
  g_assert_cmpstr (kept, ==, edge);
  g_autofree char *over = g_strnfill (BS_XLSX_TEXT_MAX + 1, 'x');
  g_autofree char *cut = cell (over);
  g_assert_cmpuint (strlen (cut), <=, BS_XLSX_TEXT_MAX);
  g_assert_true (g_str_has_suffix (cut, "…"));
}

static void
test_count (void)
{
  double v = 0;
  g_assert_true (bs_xlsx_count ("42", &v));
  g_assert_cmpfloat (v, ==, 42);
  g_assert_true (bs_xlsx_count ("-1", &v));
  g_assert_cmpfloat (v, ==, -1);
  g_assert_true (bs_xlsx_count ("0", &v));
  g_assert_cmpfloat (v, ==, 0);
  static const char *const no[] = { "", "4.5", "1e5", " 5", "5 ", "0x10", "abc",
                                    "99999999999999999999", "9007199254740993" };
  for (gsize i = 0; i < G_N_ELEMENTS (no); i++)
    g_assert_false (bs_xlsx_count (no[i], &v));
  g_assert_false (bs_xlsx_count (NULL, &v));
}

static void
test_day (void)
{
  BsXlsxTime t;
  g_assert_true (bs_xlsx_day ("2026-03-05", &t));
  g_assert_cmpint (t.year, ==, 2026);
  g_assert_cmpint (t.month, ==, 3);
  g_assert_cmpint (t.day, ==, 5);
  g_assert_cmpint (t.hour + t.minute + t.second, ==, 0);
  g_assert_true (bs_xlsx_day ("2024-02-29", &t));
  static const char *const no[] = { "2026-02-29", "2026-13-01", "2026-00-10", "2026-02-10x",
                                    "2026-2-10", "1900-01-01", "0001-01-01", "", "5.1.1",
                                    "2026-02-10T00:00:00Z" };
  for (gsize i = 0; i < G_N_ELEMENTS (no); i++)
    g_assert_false (bs_xlsx_day (no[i], &t));
  g_assert_false (bs_xlsx_day (NULL, &t));
}

static void
assert_time (const char *text, GTimeZone *tz, int y, int mo, int d, int h, int mi, int s)
{
  BsXlsxTime t;
  g_assert_true (bs_xlsx_time (text, tz, &t));
  g_assert_cmpint (t.year, ==, y);
  g_assert_cmpint (t.month, ==, mo);
  g_assert_cmpint (t.day, ==, d);
  g_assert_cmpint (t.hour, ==, h);
  g_assert_cmpint (t.minute, ==, mi);
  g_assert_cmpint (t.second, ==, s);
}

static void
test_time (void)
{
  /* UTC (NULL), as the history writes times */
  assert_time ("2026-03-05T10:20:30Z", NULL, 2026, 3, 5, 10, 20, 30);
  /* an offset is taken back to UTC */
  assert_time ("2026-03-05T19:20:30+09:00", NULL, 2026, 3, 5, 10, 20, 30);
  assert_time ("2026-03-05T05:20:30-0500", NULL, 2026, 3, 5, 10, 20, 30);
  assert_time ("2026-03-05T19:20:30+09", NULL, 2026, 3, 5, 10, 20, 30);
  assert_time ("2026-03-05 10:20:30Z", NULL, 2026, 3, 5, 10, 20, 30);
  /* fractions are dropped; a leap second is the second before */
  assert_time ("2026-04-12T06:00:11.521Z", NULL, 2026, 4, 12, 6, 0, 11);
  assert_time ("2016-12-31T23:59:60Z", NULL, 2016, 12, 31, 23, 59, 59);
  /* across a day, a month and a year */
  assert_time ("2026-01-01T08:00:00+09:00", NULL, 2025, 12, 31, 23, 0, 0);
  assert_time ("2024-02-28T23:30:00-01:00", NULL, 2024, 2, 29, 0, 30, 0);
  BsXlsxTime t;
  static const char *const no[] = {
    "2026-03-05T10:20:30", "2026-03-05T10:20", "2026-03-05", "2026-03-05T24:00:00Z",
    "2026-03-05T10:60:00Z", "2026-02-30T10:00:00Z", "2026-03-05T10:20:30+24:00",
    "2026-03-05T10:20:30Zjunk", "2026-03-05T10:20:30.Z", "1900-01-01T00:00:00Z",
    "9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+09:00", "Tue, 5 Mar 2026 10:20:30 +0000", "",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (no); i++)
    g_assert_false (bs_xlsx_time (no[i], NULL, &t));
  g_assert_false (bs_xlsx_time (NULL, NULL, &t));
}

static void
test_time_zone (void)
{
  g_autoptr (GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr (GTimeZone) ny = g_time_zone_new_identifier ("America/New_York");
  if (tokyo == NULL || ny == NULL)
    {
      g_test_skip ("no time zone data (tzdata)");
      return;
    }
  /* a block that began at 09:07 in Japan on 9 Nov is 8 Nov in UTC */
  assert_time ("2026-11-09T00:07:00Z", tokyo, 2026, 11, 9, 9, 7, 0);
  assert_time ("2026-11-08T20:00:00Z", tokyo, 2026, 11, 9, 5, 0, 0);
  assert_time ("2026-11-09T09:07:00+09:00", tokyo, 2026, 11, 9, 9, 7, 0);
  /* daylight saving time: the offset of that instant */
  assert_time ("2026-07-01T12:00:00Z", ny, 2026, 7, 1, 8, 0, 0);
  assert_time ("2026-12-01T12:00:00Z", ny, 2026, 12, 1, 7, 0, 0);
  assert_time ("2026-03-08T06:59:59Z", ny, 2026, 3, 8, 1, 59, 59);
  assert_time ("2026-03-08T07:00:00Z", ny, 2026, 3, 8, 3, 0, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xlsx/text/plain", test_text_plain);
  g_test_add_func ("/xlsx/text/unsafe", test_text_unsafe);
  g_test_add_func ("/xlsx/text/long", test_text_long);
  g_test_add_func ("/xlsx/count", test_count);
  g_test_add_func ("/xlsx/day", test_day);
  g_test_add_func ("/xlsx/time", test_time);
  g_test_add_func ("/xlsx/time-zone", test_time_zone);
  return g_test_run ();
}
