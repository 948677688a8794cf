/* report.c - the reports of one run (the page, the CSV files, the
 * workbook) from one read of the history (see report.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "report.h"

#include "aggregate.h"

gboolean
bs_report_write (BsStore *store, const BsReportOptions *options, const BsReportTargets *to,
                 const char **failed, GError **error)
{
  g_return_val_if_fail (store != NULL && options != NULL && to != NULL, FALSE);
  if (failed != NULL)
    *failed = to->html != NULL ? to->html : to->xlsx != NULL ? to->xlsx
              : to->csv_dir != NULL ? to->csv_dir : to->json;
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, options, error);
  if (q == NULL)
    return FALSE;
  /* failures.csv is written meanwhile, by a thread of its own */
  BsCsvJob *job = NULL;
  g_autoptr (GError) csv_error = NULL;
  if (to->csv_dir != NULL && (job = bs_report_csv_start (q, to->csv_dir, &csv_error)) == NULL)
    {
      /* as when they were written one after the other: the page and the
       * workbook, then the folder's error */
      if (to->html != NULL && !bs_report_html_query (q, to->html, error))
        return FALSE;
      if (to->xlsx != NULL && !bs_report_xlsx_query (q, to->xlsx, error))
        {
          if (failed != NULL)
            *failed = to->xlsx;
          return FALSE;
        }
      if (to->json != NULL && !bs_report_json_query (q, to->json, error))
        {
          if (failed != NULL)
            *failed = to->json;
          return FALSE;
        }
      if (failed != NULL)
        *failed = to->csv_dir;
      g_propagate_error (error, g_steal_pointer (&csv_error));
      return FALSE;
    }
  g_autoptr (GError) local = NULL;
  gboolean ok = to->html == NULL || bs_report_html_query (q, to->html, &local);
  if (ok && to->xlsx != NULL && !bs_report_xlsx_query (q, to->xlsx, &local))
    {
      if (failed != NULL)
        *failed = to->xlsx;
      ok = FALSE;
    }
  if (ok && to->json != NULL && !bs_report_json_query (q, to->json, &local))
    {
      if (failed != NULL)
        *failed = to->json;
      ok = FALSE;
    }
  if (job != NULL && !bs_report_csv_finish (job, q, ok, ok ? error : NULL))
    {
      if (ok && failed != NULL)
        *failed = to->csv_dir;
      ok = FALSE;
    }
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}
