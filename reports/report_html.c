/* report_html.c - the HTML report (placeholder until the reports land)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "report.h"

#include <gio/gio.h>

gboolean
bs_report_html (sqlite3 *db, const BsReportOptions *options, const char *path, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "HTML reports are not written yet");
  return FALSE;
}
