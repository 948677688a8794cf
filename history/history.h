/* history.h - the history layer: the only code that opens the database
 *
 * Data flows source -> message -> records -> history -> report.  The history
 * keeps what scans learn and answers every reader; nothing above it writes
 * SQL or sees a database handle:
 * - store.h: the handle (BsStore), opened by a writer (scan, prune, --check:
 *   the scan lock, the schema and its upgrades) or a reader (read-only,
 *   never a byte written), and the writer's calls;
 * - filter.h: which failures a reader asks for (days, sender domains, time
 *   zone), built once from the command line;
 * - read.h: a snapshot (BsHistoryRead) and its iterators: records' facts,
 *   failure rows in time order, per-day counts, mail counts, sender domains;
 * - live_checks.h: the live checks' answers and targets.
 *
 * Backends: the calls of these headers name no SQLite type.  Today's only
 * backend is SQLite (store.c, schema.c, write.c, read.c, failures.c, days.c,
 * checks.c, and their private sqlite-backend.h); another one (PostgreSQL)
 * answers the same calls behind the same BsStore, chosen at open.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "live_checks.h"
#include "filter.h"
#include "read.h"
#include "store.h"
