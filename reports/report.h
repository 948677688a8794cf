/* report.h - the HTML, CSV and workbook reports, written from the history
 *
 * Reports read the history only, through history/read.h (this library
 * links neither GMime nor SQLite): they are the last step of
 * source -> message -> records -> history -> report.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "history.h"

G_BEGIN_DECLS

typedef struct {
  const BsHistoryFilter *filter;       /* period and sender domains; NULL: everything */
  const char *lang;                    /* "en" or "ja" */
  const char *title;                   /* report title / organisation, or NULL */
  gboolean redact;                     /* mask recipients' local parts */
  gboolean excel;                      /* CSV with UTF-8 BOM and CRLF */
  gint64 generated_at;                 /* unix time printed as "generated at" */
  const char *paper;                   /* the page's paper when printed, "A4" or "letter"
                                          (a Japanese page: always A4); NULL: A4 */
  const gint *cancelled;               /* non-zero: stop, the report not written (the
                                          workbook's rows look at it); NULL: never */
} BsReportOptions;

/* bs_report_csv - write the failure details and one CSV per aggregate into dir
 * (created if missing); returns FALSE with error set on failure */
gboolean bs_report_csv (BsStore *store, const BsReportOptions *options,
                        const char *dir, GError **error);

/* bs_report_html - write one self-contained HTML report to path */
gboolean bs_report_html (BsStore *store, const BsReportOptions *options,
                         const char *path, GError **error);

/* bs_report_xlsx - write the workbook (report_xlsx.c) to path; its times
 * in the filter's time zone */
gboolean bs_report_xlsx (BsStore *store, const BsReportOptions *options, const char *path,
                         GError **error);

/* the reports one run writes; a NULL path is not written */
typedef struct {
  const char *html;      /* the page */
  const char *csv_dir;   /* the CSV files' folder */
  const char *xlsx;      /* the workbook */
  const char *json;      /* the incidents as JSON (docs/json.md) */
} BsReportTargets;

/* bs_report_write - the reports of targets from one read of the history:
 * the same snapshot and counts for all, counted once.  On failure *failed
 * (may be NULL) gets the path that could not be written. */
gboolean bs_report_write (BsStore *store, const BsReportOptions *options,
                          const BsReportTargets *targets, const char **failed, GError **error);

G_END_DECLS
