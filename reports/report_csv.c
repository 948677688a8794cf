/* report_csv.c - CSV reports (placeholder until the reports land)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "report.h"

#include <gio/gio.h>

gboolean
bs_report_csv (sqlite3 *db, const BsReportOptions *options, const char *dir, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "CSV reports are not written yet");
  return FALSE;
}
