/* xlsx-floor.c - the workbook benchmark's floor: libxlsxwriter alone
 * writing a CSV file's fields as string cells of one sheet (a row a
 * record), in its constant-memory mode with its temporary files in the
 * workbook's folder, as report_xlsx.c writes Failures; no types, styles,
 * other sheets or history.  The workbook's own cost is measured against it.
 *
 *     xlsx-floor FILE.csv OUT.xlsx
 *
 * The CSV is read as RFC 4180 (quoted fields may hold commas, quotes and
 * line breaks), as report_csv.c writes it; a field is cut at 32,767 bytes.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define FIELD_MAX 32767
#define ROWS_MAX 1048576u

/* the next field of in into field; returns the character after it (',',
 * '\n' or EOF) */
static int
read_field (FILE *in, char *field)
{
  size_t n = 0;
  int c = getc_unlocked (in);
  int quoted = c == '"';
  if (quoted)
    c = getc_unlocked (in);
  for (;; c = getc_unlocked (in))
    {
      if (c == EOF)
        break;
      if (quoted && c == '"')
        {
          c = getc_unlocked (in);
          if (c != '"')
            quoted = 0;   /* the closing quote: what follows ends the field */
        }
      if (!quoted && (c == ',' || c == '\n' || c == EOF))
        break;
      if (!quoted && c == '\r')
        continue;
      if (n < FIELD_MAX)
        field[n++] = (char) c;
    }
  field[n] = '\0';
  return c;
}

int
main (int argc, char **argv)
{
  if (argc != 3)
    {
      fprintf (stderr, "usage: xlsx-floor FILE.csv OUT.xlsx\n");
      return 2;
    }
  FILE *in = fopen (argv[1], "r");
  if (in == NULL)
    {
      perror (argv[1]);
      return 1;
    }
  char *copy = strdup (argv[2]);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = dirname (copy),
                                   .use_zip64 = LXW_TRUE };
  lxw_workbook *wb = workbook_new_opt (argv[2], &options);
  lxw_worksheet *ws = wb != NULL ? workbook_add_worksheet (wb, NULL) : NULL;
  if (ws == NULL)
    return 1;
  static char field[FIELD_MAX + 1];
  lxw_row_t row = 0;
  lxw_col_t col = 0;
  lxw_error err = LXW_NO_ERROR;
  for (;;)
    {
      int end = read_field (in, field);
      if (end == EOF && col == 0 && field[0] == '\0')
        break;
      if (field[0] != '\0' && row < ROWS_MAX && err == LXW_NO_ERROR)
        err = worksheet_write_string (ws, row, col, field, NULL);
      col++;
      if (end != ',')
        {
          row++;
          col = 0;
        }
      if (end == EOF)
        break;
    }
  fclose (in);
  lxw_error closed = workbook_close (wb);
  free (copy);
  if (err != LXW_NO_ERROR || closed != LXW_NO_ERROR)
    {
      fprintf (stderr, "xlsx-floor: %s\n", lxw_strerror (err != LXW_NO_ERROR ? err : closed));
      return 1;
    }
  return 0;
}
