/* cli.h - the command line: the command table's entry, the options several
 * commands share, exit codes, and what every command prints through
 *
 * One file per command (dump.c, scan.c, report.c, explain.c, changes.c,
 * prune.c, search.c, addresses.c, adhoc.c), each with its BsCliCommand: its name, usage, help and
 * options; main.c holds the table, parses a command's options from its
 * entry and runs it.  Shared: common.c (options, exit codes, the history
 * opened, the readers' filter), progress.c (a scan with progress), live.c
 * (--check).  Only this folder prints to the user; it reaches the history
 * through history/ (no SQLite here: history/no-sqlite.h).
 *
 * Exit codes: 0 success (changes: no news), 1 error, 2 usage, 3 changes:
 * an incident opened, warned, came back or cleared, 4 another scan holds the database,
 * 128 + N stopped by signal N (130 for Ctrl-C), what was read being kept.
 * An error's code (bs.h) chooses its exit code (bs_cli_exit_for).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "bs.h"
#include "check.h"
#include "history.h"
#include "report.h"
#include "scan.h"

G_BEGIN_DECLS

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2, EXIT_NEW = 3, EXIT_BUSY = 4,
       EXIT_SIGNAL = 128 };

/* the option groups commands share (BsCliCommand.shared) */
typedef enum {
  BS_CLI_COMMON = 1 << 0,  /* --rules, --follow-links, --quiet, --jobs */
  BS_CLI_FILTER = 1 << 1,  /* --since, --until, --sender-domain, --tz, --lang: what of the
                              history a reader (report, search, addresses) looks at */
  BS_CLI_REPORT = 1 << 2,  /* --title, --redact, --excel (with BS_CLI_FILTER) */
  BS_CLI_CHECK = 1 << 3,   /* --check, --resolver, --dnsbl, --dnsbl-zone, --dns-timeout */
} BsCliShared;

/* one command of the table */
typedef struct {
  const char *name;          /* "scan"; NULL: the ad-hoc form (PATH... -o DIR) */
  const char *synopsis;      /* "scan PATH...", for the list of commands */
  const char *summary;       /* one line, for the list of commands */
  const char *parameters;    /* its usage line: "PATH... - record every failed..." */
  const char *description;   /* the paragraph of its --help, or NULL */
  GOptionEntry *entries;     /* its own options (and G_OPTION_REMAINING) */
  guint shared;              /* the BsCliShared groups it takes too */
  int (*run) (int argc, char **argv);   /* after its options: argv[1...] what is left */
} BsCliCommand;

extern const BsCliCommand bs_cli_dump, bs_cli_scan, bs_cli_report, bs_cli_explain,
  bs_cli_changes, bs_cli_prune, bs_cli_search, bs_cli_addresses, bs_cli_init, bs_cli_migrate,
  bs_cli_adhoc;

/* bs_cli_commands - the table, NULL-terminated, the ad-hoc form last */
const BsCliCommand *const *bs_cli_commands (void);

/* the options several commands share (each command's entries point here) */
/* --db's help, the same for every command */
#define BS_CLI_DB_HELP                                                                    \
  "The history: an SQLite file (default: bouncescan.db), or a PostgreSQL URI or"          \
  " connection string (postgresql://user@server/db, \"host=... dbname=...\")"
#define BS_CLI_DB_ENTRY                                                                   \
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &bs_cli_opt.db, BS_CLI_DB_HELP, "FILE|URI" }
/* --host of the readers (scan's records a scan for it: its own entry) */
#define BS_CLI_HOST_ENTRY                                                                 \
  { "host", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.host,                                  \
    "Only what scans on host NAME recorded (default: every host's)", "NAME" }

typedef struct {
  char *db;                      /* --db */
  char *host;                    /* --host: a scan's host, or the host a reader narrows to */
  gint wait;                     /* --wait */
  char *rules;                   /* BS_CLI_COMMON */
  gboolean follow, quiet;
  gint jobs;
  gboolean check;                /* BS_CLI_CHECK */
  char *resolver, *dnsbl;
  char **dnsbl_zone;
  gdouble dns_timeout;
  char *since, *until;           /* BS_CLI_FILTER */
  char **sender;
  char *lang;
  char *title;                   /* BS_CLI_REPORT */
  char *tz;                      /* --tz: days and times in this zone (default: the system's) */
  char *json;                    /* report --json FILE: the incidents (bs_cli_write_reports) */
  gboolean redact, excel;
  BsHistoryFilter *filter;       /* since, until and senders, made once (bs_cli_check_report_options) */
} BsCliOptions;

extern BsCliOptions bs_cli_opt;

/* --tz, the same in every command that reads days or times */
#define BS_CLI_TZ_ENTRY                                                                    \
  { "tz", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.tz,                                       \
    "Days and times in ZONE (an IANA name: Asia/Tokyo, UTC; default: the system's)", "ZONE" }
/* in BS_CLI_FILTER, and in changes (whose --since and --until say another thing) */
#define BS_CLI_SENDER_ENTRY                                                                \
  { "sender-domain", 0, 0, G_OPTION_ARG_STRING_ARRAY, &bs_cli_opt.sender,                  \
    "Only mail sent from DOMAIN (repeatable): one customer's view", "DOMAIN" }
#define BS_CLI_LANG_ENTRY                                                                  \
  { "lang", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.lang,                                  \
    "Language: en or ja (default: ja in a Japanese locale, else en)", "LANG" }

/* the signal that asked us to stop (SIGINT, SIGTERM), 0 while none did */
extern volatile gint bs_cli_interrupted;

/* ---- common.c ---- */

/* the shared entries of one group */
GOptionEntry *bs_cli_shared_entries (BsCliShared group);
/* the exit code of an error, from its code alone */
int bs_cli_exit_for (const GError *error);
/* print error (after prefix, may be NULL) and return its exit code */
int bs_cli_fail (const char *prefix, const GError *error);
/* the exit code of a command that was interrupted, or rc */
int bs_cli_exit_code (int rc);
/* text from the scanned tree or the history, safe for a terminal */
char *bs_cli_for_terminal (const char *text);
/* text on one line of a terminal, at most max characters, made safe */
char *bs_cli_one_line (const char *text, glong max);
/* a history time (UTC ISO 8601) in the readers' time zone (the filter of
 * bs_cli_check_report_options), as format says; NULL: ISO 8601 */
char *bs_cli_local_time (const char *utc, const char *format);
gboolean bs_cli_load_rules (void);
/* "YYYY-MM-DD" days ago, UTC */
char *bs_cli_day_ago (int days);
gboolean bs_cli_valid_date (const char *d);
const char *bs_cli_default_lang (void);
/* a row of a command's labels: its key, English then Japanese */
typedef struct {
  const char *key, *en, *ja;
} BsCliLabel;
/* the label of key among the n rows in lang (en or ja); key itself if absent */
const char *bs_cli_label (const BsCliLabel *labels, gsize n, const char *key, const char *lang);
/* make the filter of --since, --until, --sender-domain and check --lang;
 * FALSE (said, after "bouncescan CMD: ") when they are wrong */
gboolean bs_cli_check_report_options (const char *cmd);
/* the time zone of --tz, else the system's: "local" */
const char *bs_cli_time_zone (void);
/* "now" for a reader: SOURCE_DATE_EPOCH, else the clock (unix time) */
gint64 bs_cli_now (void);
/* "letter" where the locale's territory prints on US Letter, else "A4" */
const char *bs_cli_locale_paper (void);
/* the report's options from the command line */
BsReportOptions bs_cli_report_options (void);
/* --db, or the default history (bouncescan.db) */
const char *bs_cli_db (void);
/* the history opened to write it (waiting --wait seconds for another scan),
 * or to read it (an older schema is upgraded first); NULL: said, *rc set */
BsStore *bs_cli_open_writer (const char *db, int *rc);
BsStore *bs_cli_open_reader (const char *db, int *rc);
/* the history of --db opened to read it (in *store), once --sender-domain
 * is known to match (bs_cli_check_senders), and one read of it begun;
 * NULL: said, *rc set */
BsHistoryRead *bs_cli_begin_filtered_read (BsStore **store, int *rc);
/* a --sender-domain that matches nothing in the history: said, with the
 * closest domains it knows, and 1 */
int bs_cli_check_senders (BsStore *store, const BsHistoryFilter *filter);
/* the HTML report and the CSV files (either may be NULL) from one read */
int bs_cli_write_reports (BsStore *store, const char *html, const char *csv, const char *xlsx);

/* ---- progress.c ---- */

/* run the scan of every path (store NULL: store nothing), each record to
 * record (may be NULL) and, with json_undecodable, the undecodable messages
 * as JSON lines too; TRUE unless a path or the store failed */
gboolean bs_cli_scan_paths (char **paths, BsStore *store, gint64 run_id,
                            void (*record) (const BsRecord *, gpointer), gpointer record_user,
                            gboolean json_undecodable, BsScanStats *stats);
void bs_cli_print_summary (const BsScanStats *s, FILE *out);

/* ---- live.c ---- */

/* a checker from the options; NULL (message printed) when they are wrong */
BsChecker *bs_cli_checker_new (void);
/* ask DNS about the history's failures in scope, keep the answers in it */
int bs_cli_check_history (BsChecker *c, BsStore *store, const BsCheckScope *scope);
/* the live checks as the report shows them, on stdout */
void bs_cli_print_checks (BsStore *store, const BsReportOptions *ro);

/* ---- scan.c ---- */

/* scan paths into the history db (and, with checker, check what they
 * brought); the exit code: 128 + the signal when the run was recorded
 * interrupted; a signal after that changes only the checks' */
int bs_cli_do_scan (char **paths, const char *db, BsChecker *checker, BsScanStats *stats);

G_END_DECLS
