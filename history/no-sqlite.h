/* no-sqlite.h - forced (-include) into every file of the layers above the
 * history (reports/, cli/): SQLite's and libpq's names are poisoned there, so that its
 * header, or a call that skips the history, does not build.  Their way to
 * the database is history.h.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once
#pragma GCC poison sqlite3 sqlite3_stmt sqlite3_open_v2 sqlite3_prepare_v2 sqlite3_exec
#pragma GCC poison PGconn PGresult PQconnectdb PQexec PQexecParams
