/* checks.h - the live checks (--check) as the reports show them: per IP a
 * bounce blamed, its state on each list now and its history (listed since,
 * delisted on, listed again on), the lists DNS cannot ask, its PTR; per
 * sender domain its SPF and DMARC records
 *
 * Read from the history's checks (history/checks.h; the check library writes them);
 * the IPs and domains are those of the report's failures (BsReportOptions:
 * period and sender domains).  Nothing is written when no check was ever
 * made for them.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "history.h"
#include "report.h"

G_BEGIN_DECLS

/* bs_report_checks_html - append the report's "Live checks" section to out
 * (every value through bs_escape_html); nothing when there are no checks */
gboolean bs_report_checks_html (BsHistoryRead *read, const BsReportOptions *options,
                                GString *out, GError **error);

/* bs_report_checks_text - the same as plain text lines (for a terminal, a
 * cron mail, `changes`); nothing when there are no checks */
gboolean bs_report_checks_text (BsHistoryRead *read, const BsReportOptions *options,
                                GString *out, GError **error);

/* bs_report_checks_ago - "today", "1 day ago", "3 days ago" (ja: "本日",
 * "3 日前") for an ISO 8601 UTC time seen from now (unix time) */
char *bs_report_checks_ago (const char *iso, gint64 now, const char *lang);

G_END_DECLS
