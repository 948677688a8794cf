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
 * Backends: the calls of these headers name no database type.  SQLite (a
 * file, the embedded default) and PostgreSQL (--db postgresql://...: a
 * fleet's shared history, many hosts scanning at once) answer the same
 * calls behind the same BsStore, chosen at open (bs_store_is_server).  The
 * readers are one code for both (stmt.h is the seam, dialect.c what their
 * SQL says differently); the writers are write.c and pg-write.c.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "live_checks.h"
#include "filter.h"
#include "read.h"
#include "store.h"
