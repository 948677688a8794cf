/* bouncescan.c - the command line: options, commands, exit codes
 *
 * Only this file prints to the user.  Commands: scan (mail into the SQLite
 * history), report (HTML, CSV and the workbook from it), dump (JSON Lines, nothing
 * stored), explain (one message with advice), changes (what is new, came
 * back or cleared), prune (forget old records), and the ad-hoc form
 * "bouncescan PATH... -o DIR" that does scan and report with a temporary
 * database.  Exit codes: 0 success (changes: nothing new), 1 error, 2 usage,
 * 3 changes: something new or came back, 4 another scan holds the database,
 * 128 + N stopped by signal N (130 for Ctrl-C), what was read being kept.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "advice.h"
#include "bs.h"
#include "changes.h"
#include "check.h"
#include "checks.h"
#include "classify.h"
#include "lhost.h"
#include "report.h"
#include "scan.h"
#include "store.h"

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2, EXIT_NEW = 3, EXIT_BUSY = 4,
       EXIT_SIGNAL = 128 };

/* the signal that asked us to stop (SIGINT, SIGTERM), 0 while none did */
static volatile gint interrupted = 0;

static void
on_signal (int sig)
{
  g_atomic_int_set (&interrupted, sig);
  /* a second Ctrl-C stops at once */
  signal (sig, SIG_DFL);
}

/* the exit code of an error: from its code alone (bs.h) */
static int
exit_for (const GError *error)
{
  if (error == NULL || error->domain != BS_ERROR)
    return EXIT_ERROR;
  switch (error->code)
    {
    case BS_ERROR_USAGE:
      return EXIT_USAGE;
    case BS_ERROR_BUSY:
      return EXIT_BUSY;
    default:
      return EXIT_ERROR;
    }
}

/* print error (after prefix, may be NULL) and return its exit code */
static int
fail_with (const char *prefix, const GError *error)
{
  g_printerr ("bouncescan: %s%s\n", prefix != NULL ? prefix : "", error->message);
  return exit_for (error);
}

/* the exit code of a command that was interrupted, or rc */
static int
exit_code (int rc)
{
  int sig = g_atomic_int_get (&interrupted);
  return sig > 0 ? EXIT_SIGNAL + sig : rc;
}

/* ---- shared options ---------------------------------------------------- */

static char *opt_db = NULL;
static char *opt_rules = NULL;
static gboolean opt_follow = FALSE;
static gboolean opt_quiet = FALSE;
static gint opt_jobs = 0;

static GOptionEntry common_entries[] = {
  { "rules", 0, 0, G_OPTION_ARG_FILENAME, &opt_rules,
    "Read classification rules from FILE before the built-in ones", "FILE" },
  { "follow-links", 0, 0, G_OPTION_ARG_NONE, &opt_follow,
    "Follow symbolic links inside the scanned folders", NULL },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "Print nothing but errors", NULL },
  { "jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs, "Parse with N threads (default: one per processor)", "N" },
  { NULL }
};

/* ---- live checks (--check, issue 8) -------------------------------------- */

static gboolean opt_check = FALSE;
static char *opt_resolver = NULL, *opt_dnsbl = NULL;
static char **opt_dnsbl_zone = NULL;
static gdouble opt_dns_timeout = 0;

static GOptionEntry check_entries[] = {
  { "check", 0, 0, G_OPTION_ARG_NONE, &opt_check,
    "Ask DNS now: blocklists and PTR of the refused IPs, SPF and DMARC of sender domains", NULL },
  { "resolver", 0, 0, G_OPTION_ARG_STRING, &opt_resolver,
    "With --check: ask ADDR[@PORT], 'system' (/etc/resolv.conf, the default) or 'recursive'", "ADDR" },
  { "dnsbl", 0, 0, G_OPTION_ARG_STRING, &opt_dnsbl,
    "With --check: lists asked for every IP (default: spamhaus-zen,spamcop,barracuda,psbl,"
    "mailspike,uceprotect-l1; 'none')", "LIST,..." },
  { "dnsbl-zone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_dnsbl_zone,
    "With --check: ask LIST in ZONE instead (a mirror, a query key zone), or add a list (repeatable)",
    "LIST=ZONE" },
  { "dns-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &opt_dns_timeout,
    "With --check: seconds to wait for one answer (default 5)", "SECONDS" },
  { NULL }
};

/* a checker from the options; NULL (message printed) when they are wrong */
static BsChecker *
check_new (void)
{
  BsCheckOptions co = {
    .resolver = opt_resolver,
    .timeout_ms = opt_dns_timeout > 0 ? (guint) MIN (opt_dns_timeout * 1000.0, 120000.0) : 0,
    .lists = opt_dnsbl,
    .zones = (const char *const *) opt_dnsbl_zone,
  };
  g_autoptr (GError) error = NULL;
  BsChecker *c = bs_checker_new (&co, &error);
  if (c == NULL)
    g_printerr ("bouncescan: %s\n", error->message);
  return c;
}

/* ask DNS with c (made by check_new before anything else ran, so a wrong
 * option stops the command at once) and keep the answers in the history */
static int
check_history (BsChecker *c, BsStore *store, const BsCheckScope *scope)
{
  g_autoptr (GError) error = NULL;
  BsHistoryRead *read = bs_history_read_begin (store, &error);
  gboolean ok = read != NULL && bs_checker_add_history (c, read, scope, &error);
  bs_history_read_end (read);
  if (!ok || !bs_checker_run (c, (const gint *) &interrupted, &error)
      || !bs_checker_save (c, store, scope->run_id, &error))
    return fail_with ("--check: ", error);
  return EXIT_OK;
}

/* a --sender-domain that matches nothing in the history: said (with the
 * closest domains it knows) and exit 1 */
static int
check_senders (BsStore *store, const BsHistoryFilter *filter)
{
  if (bs_history_filter_senders (filter) == NULL)
    return EXIT_OK;
  g_autoptr (GError) error = NULL;
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  if (read == NULL || !bs_history_check_senders (read, filter, &error))
    return fail_with (NULL, error);
  return EXIT_OK;
}

/* "YYYY-MM-DD" days ago, UTC */
static char *
day_ago (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, -days);
  return g_date_time_format (then, "%Y-%m-%d");
}

/* the text the report shows, on stdout */
static void
print_checks (BsStore *store, const BsReportOptions *ro)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  if (read == NULL || !bs_report_checks_text (read, ro, text, &error))
    g_printerr ("bouncescan: %s\n", error->message);
  fputs (text->str, stdout);
}

/* explain: one line per answer */
static void
print_check_result (const BsCheckResult *r)
{
  const char *what = r->list_name ? r->list_name : bs_check_kind_name (r->kind);
  printf ("  %s %s: ", r->subject, r->kind == BS_CHECK_PTR ? "PTR" : r->kind == BS_CHECK_SPF ? "SPF"
          : r->kind == BS_CHECK_DMARC ? "DMARC" : what);
  switch (r->status)
    {
    case BS_CHECK_LISTED:
      printf ("listed as %s (%s)", r->listed_as ? r->listed_as : what, r->detail ? r->detail : "");
      break;
    case BS_CHECK_NOT_LISTED:
      printf ("not listed%s%s", r->detail ? ": " : "", r->detail ? r->detail : "");
      break;
    case BS_CHECK_REFUSED:
      printf ("cannot be asked through this resolver, so not a listing: %s. Fix: %s", r->detail, r->fix);
      break;
    case BS_CHECK_NOT_CHECKED:
      printf ("cannot be checked by DNS (%s)", r->detail);
      break;
    case BS_CHECK_TIMEOUT:
      printf ("no answer, state unknown (%s)", r->detail ? r->detail : "timeout");
      break;
    case BS_CHECK_FOUND:
      printf ("%s%s%s", r->answer, r->detail ? "; " : "", r->detail ? r->detail : "");
      break;
    default:
      printf ("%s%s%s", r->answer ? r->answer : "", r->answer && r->detail ? ": " : "",
              r->detail ? r->detail : bs_check_status_name (r->status));
      break;
    }
  printf ("\n");
}

/* text from the scanned tree (file names, reasons that quote them) made
 * safe for a terminal: valid UTF-8, control characters (ESC and the C1
 * controls, with which a file name could drive the terminal) shown as '?' */
static char *
for_terminal (const char *text)
{
  char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        g_string_append_c (out, '?');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_free (valid);
  return g_string_free (out, FALSE);
}

static void
print_warning (const char *path, const GError *error, gpointer user)
{
  (void) user;
  const char *msg = error->message;
  gsize n = strlen (path);
  if (strncmp (msg, path, n) == 0 && strncmp (msg + n, ": ", 2) == 0)
    msg += n + 2; /* the message names the path already */
  g_autofree char *shown_path = for_terminal (path);
  g_autofree char *shown_msg = for_terminal (msg);
  g_printerr ("bouncescan: %s: %s\n", shown_path, shown_msg);
}

typedef struct {
  gint64 started;
  gint64 last;
  gboolean tty;
  guint64 total_bytes;     /* what the scan should read (progress), 0: unknown */
  void (*record) (const BsRecord *record, gpointer user);  /* the command's printer */
  gpointer record_user;
  gboolean json_undecodable;  /* dump: list undecodable messages in the output */
} CliRun;

typedef CliRun Progress;

static void
print_undecodable (const char *source, guint index, const char *why, gpointer user)
{
  CliRun *run = user;
  if (run->json_undecodable)
    {
      /* dump lists them in its output too, under a key of their own */
      g_autofree char *json = bs_undecodable_to_json (source, index, why);
      fputs (json, stdout);
      fputc ('\n', stdout);
    }
  g_autofree char *shown = for_terminal (source);
  if (index > 0)
    g_printerr ("bouncescan: %s, message %u: not decoded: %s\n", shown, index, why);
  else
    g_printerr ("bouncescan: %s: not decoded: %s\n", shown, why);
}

/* progress on a terminal only: a line rewritten at most twice a second */

static void
forward_record (const BsRecord *r, gpointer user)
{
  CliRun *run = user;
  run->record (r, run->record_user);
}

static void
show_progress (const BsScanStats *s, gpointer user)
{
  Progress *p = user;
  if (!p->tty || opt_quiet)
    return;
  gint64 now = g_get_monotonic_time ();
  if (now - p->last < 500000)
    return;
  p->last = now;
  double secs = (double) (now - p->started) / 1e6;
  guint64 seen = s->messages + s->duplicates;
  g_autoptr (GString) line = g_string_new ("\r");
  g_string_append_printf (line, "%" G_GUINT64_FORMAT " messages, %" G_GUINT64_FORMAT
                          " failures, %.0f/s", seen, s->failures,
                          secs > 0 ? (double) seen / secs : 0.0);
  if (p->total_bytes > 0 && s->bytes > 0 && secs > 0)
    {
      /* time left from the bytes still to read at the rate so far */
      double done = MIN (1.0, (double) s->bytes / (double) p->total_bytes);
      double left = done > 0 ? secs * (1.0 - done) / done : 0;
      guint64 l = (guint64) (left + 0.5);
      g_string_append_printf (line, ", %.0f%%, ", done * 100.0);
      if (l >= 3600)
        g_string_append_printf (line, "%" G_GUINT64_FORMAT "h%02" G_GUINT64_FORMAT "m",
                                l / 3600, l / 60 % 60);
      else if (l >= 60)
        g_string_append_printf (line, "%" G_GUINT64_FORMAT "m%02" G_GUINT64_FORMAT "s",
                                l / 60, l % 60);
      else
        g_string_append_printf (line, "%" G_GUINT64_FORMAT "s", l);
      g_string_append (line, " left");
    }
  g_string_append (line, "\033[K");
  g_printerr ("%s", line->str);
}

static void
end_progress (Progress *p)
{
  if (p->tty && !opt_quiet && p->last > 0)
    g_printerr ("\r\033[K");
  p->last = 0;
}

static gboolean
load_rules (void)
{
  g_autoptr (GError) error = NULL;
  if (opt_rules != NULL && !bs_classify_load_rules (opt_rules, &error))
    {
      g_printerr ("bouncescan: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
print_summary (const BsScanStats *s, FILE *out)
{
  fprintf (out,
           "%" G_GUINT64_FORMAT " messages read: %" G_GUINT64_FORMAT " bounces, %" G_GUINT64_FORMAT
           " not bounces, %" G_GUINT64_FORMAT " not decoded; %" G_GUINT64_FORMAT
           " failed recipients, %" G_GUINT64_FORMAT " delay warnings",
           s->messages, s->bounces, s->not_bounces, s->undecodable, s->failures, s->delayed);
  if (s->duplicates || s->unchanged)
    fprintf (out, "; %" G_GUINT64_FORMAT " already known, %" G_GUINT64_FORMAT " files unchanged",
             s->duplicates, s->unchanged);
  if (s->skipped)
    fprintf (out, "; %" G_GUINT64_FORMAT " paths skipped", s->skipped);
  fprintf (out, "\n");
}

static void dump_record (const BsRecord *r, gpointer user);

/* run the scan of every path; TRUE unless a path or the store failed */
static gboolean
scan_paths (char **paths, BsStore *store, gint64 run_id,
            void (*record) (const BsRecord *, gpointer), gpointer record_user, BsScanStats *stats)
{
  CliRun progress = { g_get_monotonic_time (), 0, isatty (STDERR_FILENO), 0, record, record_user,
                      record == dump_record };
  BsScanOptions o = {
    .store = store,
    .run_id = run_id,
    .threads = opt_jobs > 0 ? (guint) opt_jobs : 0,
    .follow_links = opt_follow,
    .cancelled = (const gint *) &interrupted,
    .record = record ? forward_record : NULL,
    .undecodable = print_undecodable,
    .warn = print_warning,
    .progress = show_progress,
    .user = &progress,
  };
  /* on a terminal only: what there is to read, for the time left */
  for (char **p = paths; progress.tty && !opt_quiet && *p != NULL; p++)
    if (!bs_scan_estimate (*p, &o, &progress.total_bytes))
      {
        progress.total_bytes = 0;
        break;
      }
  progress.started = g_get_monotonic_time ();
  gboolean ok = TRUE;
  for (char **p = paths; *p != NULL && !g_atomic_int_get (&interrupted); p++)
    {
      g_autoptr (GError) error = NULL;
      if (!bs_scan_path (*p, &o, stats, &error))
        {
          end_progress (&progress);
          g_printerr ("bouncescan: %s\n", error->message);
          stats->skipped++;
          ok = FALSE;
          if (error->domain == BS_ERROR && error->code == BS_ERROR_STORE)
            break;
        }
    }
  end_progress (&progress);
  if (g_atomic_int_get (&interrupted))
    g_printerr ("bouncescan: interrupted; what was read so far is kept\n");
  return ok;
}

/* ---- dump ---------------------------------------------------------------- */

/* one JSON line a record, through one buffer (user) */
static void
dump_record (const BsRecord *r, gpointer user)
{
  GString *line = user;
  g_string_truncate (line, 0);
  bs_record_append_json (r, line);
  g_string_append_c (line, '\n');
  fwrite (line->str, 1, line->len, stdout);
}

static int
cmd_dump (int argc, char **argv)
{
  g_auto (GStrv) paths = NULL;
  g_auto (GStrv) without = NULL;
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "PATH..." },
    /* for the tests only (tests/generic/leave_one_out.py): read as if the
     * format module NAME did not exist */
    { "without-format", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING_ARRAY, &without, NULL, "NAME" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("PATH... - print every bounce record as JSON Lines");
  g_option_context_set_summary (ctx,
    "Reads the mail at each PATH (Maildir, mbox, MH folder, folder of message files,\n"
    "one message file, or - for standard input) and prints one JSON object per\n"
    "recipient of every bounce. Nothing is stored.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_main_entries (ctx, common_entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("bouncescan dump: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr ("bouncescan dump: name at least one mailbox or message (see --help)\n");
      return EXIT_USAGE;
    }
  for (guint i = 0; without != NULL && without[i] != NULL; i++)
    if (!bs_lhost_disable (without[i]))
      {
        g_printerr ("bouncescan dump: no format module is called \"%s\"\n", without[i]);
        return EXIT_USAGE;
      }
  if (!load_rules ())
    return EXIT_USAGE;
  BsScanStats stats = { 0 };
  g_autoptr (GString) line = g_string_sized_new (4096);
  gboolean ok = scan_paths (paths, NULL, 0, dump_record, line, &stats);
  fflush (stdout);
  if (!opt_quiet)
    print_summary (&stats, stderr);
  return ok ? EXIT_OK : EXIT_ERROR;
}

/* ---- scan ---------------------------------------------------------------- */

static gint opt_wait = 0;

/* open the history to write it, waiting --wait seconds for another scan */
static BsStore *
open_for_writing (const char *db, int *rc)
{
  g_autoptr (GError) error = NULL;
  BsStore *store = bs_store_open_wait (db, (guint) MAX (opt_wait, 0),
                                       (const gint *) &interrupted, &error);
  if (store == NULL)
    *rc = fail_with (NULL, error);
  return store;
}

/* open the history to read it: no lock while it has this program's schema
 * version (a scan may be writing); an older one is upgraded first */
static BsStore *
open_for_reading (const char *db, int *rc)
{
  g_autoptr (GError) error = NULL;
  BsStore *store = bs_store_open_readonly (db, &error);
  if (store != NULL)
    return store;
  if (g_error_matches (error, BS_ERROR, BS_ERROR_NOT_FOUND))
    {
      g_printerr ("bouncescan: %s: no such database (run 'bouncescan scan' first)\n", db);
      *rc = EXIT_ERROR;
      return NULL;
    }
  if (g_error_matches (error, BS_ERROR, BS_ERROR_OLD_SCHEMA))
    return open_for_writing (db, rc); /* upgrade it first, then read */
  *rc = fail_with (NULL, error);
  return NULL;
}
static BsChecker *scan_checker = NULL;  /* scan --check: made before the scan */

static int
do_scan (char **paths, const char *db, BsScanStats *stats)
{
  g_autoptr (GError) error = NULL;
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = open_for_writing (db, &rc);
  if (store == NULL)
    return rc;
  g_autofree char *joined = g_strjoinv (" ", paths);
  gint64 run = bs_store_run_begin (store, joined, &error);
  if (run < 0)
    {
      g_printerr ("bouncescan: %s\n", error->message);
      return EXIT_ERROR;
    }
  gboolean ok = scan_paths (paths, store, run, NULL, NULL, stats);
  BsRunStatus status = g_atomic_int_get (&interrupted) ? BS_RUN_INTERRUPTED
                       : ok ? BS_RUN_COMPLETE : BS_RUN_ERROR;
  if (!bs_store_run_finish (store, run, stats, status, &error))
    {
      g_printerr ("bouncescan: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (scan_checker != NULL && !g_atomic_int_get (&interrupted))
    {
      /* this run's failures and the last 30 days', and every listing known */
      g_autofree char *recent = day_ago (30);
      BsCheckScope scope = { .run_id = run, .recent_day = recent, .follow_listed = TRUE };
      int crc = check_history (scan_checker, store, &scope);
      if (crc != EXIT_OK)
        return crc;
    }
  return ok ? EXIT_OK : EXIT_ERROR;
}

static const char *default_lang (void);

/* after scan --check: the last 30 days' IPs and domains, as the report shows them */
static void
print_scan_checks (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open_readonly (db, &error);
  if (store == NULL)
    {
      g_printerr ("bouncescan: %s\n", error->message);
      return;
    }
  g_autofree char *recent = day_ago (30);
  g_autoptr (BsHistoryFilter) filter = bs_history_filter_new (recent, NULL, NULL, NULL, NULL);
  BsReportOptions ro = { .filter = filter, .lang = default_lang (),
                         .generated_at = g_get_real_time () / G_USEC_PER_SEC };
  print_checks (store, &ro);
}

static int
cmd_scan (int argc, char **argv)
{
  g_auto (GStrv) paths = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "SQLite history (default: bouncescan.db)", "FILE" },
    { "wait", 0, 0, G_OPTION_ARG_INT, &opt_wait,
      "While another scan holds the history, wait up to SECONDS (default 0: stop at once, exit 4)",
      "SECONDS" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "PATH..." },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("PATH... - record every failed recipient in the history");
  g_option_context_set_summary (ctx,
    "Reads the mail at each PATH and records every bounce in the SQLite history.\n"
    "A second scan reads only what is new; the mailbox is never written to.\n"
    "Killed at any moment, the next scan goes on from what was committed; Ctrl-C\n"
    "stops cleanly and keeps what was read (exit 130).  Exit codes: 0 done, 1 a\n"
    "path or the history failed, 2 usage, 4 another scan holds the history.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_main_entries (ctx, common_entries, NULL);
  g_option_context_add_main_entries (ctx, check_entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("bouncescan scan: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr ("bouncescan scan: name at least one mailbox or message (see --help)\n");
      return EXIT_USAGE;
    }
  if (!load_rules ())
    return EXIT_USAGE;
  if (opt_wait < 0)
    {
      g_printerr ("bouncescan scan: --wait takes a number of seconds\n");
      return EXIT_USAGE;
    }
  g_autoptr (BsChecker) checker = opt_check ? check_new () : NULL;
  if (opt_check && checker == NULL)
    return EXIT_USAGE;
  BsScanStats stats = { 0 };
  scan_checker = checker;
  int rc = do_scan (paths, opt_db ? opt_db : "bouncescan.db", &stats);
  scan_checker = NULL;
  if (!opt_quiet && rc != EXIT_BUSY)
    print_summary (&stats, stdout);
  if (opt_check && !opt_quiet && rc == EXIT_OK && !g_atomic_int_get (&interrupted))
    print_scan_checks (opt_db ? opt_db : "bouncescan.db");
  return exit_code (rc);
}

/* ---- report -------------------------------------------------------------- */

static char *opt_html = NULL, *opt_csv = NULL, *opt_xlsx = NULL, *opt_since = NULL, *opt_until = NULL;
static char *opt_lang = NULL, *opt_title = NULL;
static char **opt_sender = NULL;
static gboolean opt_redact = FALSE, opt_excel = FALSE;
/* --since, --until and --sender-domain, checked and made canonical once
 * (check_report_options) for every read of the command */
static BsHistoryFilter *opt_filter = NULL;

static GOptionEntry report_entries[] = {
  { "since", 0, 0, G_OPTION_ARG_STRING, &opt_since, "Only bounces on or after DATE", "YYYY-MM-DD" },
  { "until", 0, 0, G_OPTION_ARG_STRING, &opt_until, "Only bounces on or before DATE", "YYYY-MM-DD" },
  { "sender-domain", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_sender,
    "Only mail sent from DOMAIN (repeatable): a customer's report", "DOMAIN" },
  { "lang", 0, 0, G_OPTION_ARG_STRING, &opt_lang, "Report language: en or ja", "LANG" },
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title, "Title or organisation shown in the report", "TEXT" },
  { "redact", 0, 0, G_OPTION_ARG_NONE, &opt_redact, "Mask the local part of recipient addresses", NULL },
  { "excel", 0, 0, G_OPTION_ARG_NONE, &opt_excel,
    "CSV with a UTF-8 byte-order mark, for Excel (LibreOffice: choose UTF-8 when it asks)", NULL },
  { NULL }
};

static gboolean
valid_date (const char *d)
{
  if (d == NULL)
    return TRUE;
  int y, m, day;
  char extra;
  return sscanf (d, "%4d-%2d-%2d%c", &y, &m, &day, &extra) == 3 && g_date_valid_dmy (
           (GDateDay) day, (GDateMonth) m, (GDateYear) y);
}

static const char *
default_lang (void)
{
  if (opt_lang != NULL)
    return opt_lang;
  const char *const *langs = g_get_language_names ();
  for (gsize i = 0; langs[i] != NULL; i++)
    if (g_str_has_prefix (langs[i], "ja"))
      return "ja";
  return "en";
}

/* the report's options from the command line */
static BsReportOptions
report_options (void)
{
  BsReportOptions ro = {
    .filter = opt_filter, .lang = default_lang (), .title = opt_title, .redact = opt_redact, .excel = opt_excel,
    .generated_at = g_get_real_time () / G_USEC_PER_SEC,
  };
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  if (epoch != NULL)
    ro.generated_at = g_ascii_strtoll (epoch, NULL, 10);
  return ro;
}

static int
write_reports (BsStore *store, const char *html, const char *csv, const char *xlsx)
{
  BsReportOptions ro = report_options ();
  g_autoptr (GError) error = NULL;
  const char *failed = NULL;
  /* all from one read of the history */
  BsReportTargets targets = { .html = html, .csv_dir = csv, .xlsx = xlsx };
  if (!bs_report_write (store, &ro, &targets, &failed, &error))
    {
      g_prefix_error (&error, "%s: ", failed);
      return fail_with (NULL, error);
    }
  return EXIT_OK;
}

static gboolean
check_report_options (const char *cmd)
{
  g_autoptr (GError) error = NULL;
  g_clear_pointer (&opt_filter, bs_history_filter_free);
  opt_filter = bs_history_filter_new (opt_since, opt_until, (const char *const *) opt_sender, NULL,
                                      &error);
  if (opt_filter == NULL)
    {
      g_printerr ("bouncescan %s: %s\n", cmd, error->message);
      return FALSE;
    }
  if (opt_lang != NULL && strcmp (opt_lang, "en") != 0 && strcmp (opt_lang, "ja") != 0)
    {
      g_printerr ("bouncescan %s: --lang is en or ja\n", cmd);
      return FALSE;
    }
  return TRUE;
}

/* report --check: the IPs and domains of the report's failures, asked now
 * and written to the history (as a writer, before the report reads it) */
static int
report_checks (const char *db)
{
  g_autoptr (BsChecker) checker = check_new ();
  if (checker == NULL)
    return EXIT_USAGE;
  g_autoptr (GError) error = NULL;
  g_autoptr (BsStore) store = bs_store_open (db, &error);
  if (store == NULL)
    return fail_with ("--check: ", error);
  BsCheckScope scope = { .filter = opt_filter };
  return check_history (checker, store, &scope);
}

static int
cmd_report (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "SQLite history (default: bouncescan.db)", "FILE" },
    { "html", 0, 0, G_OPTION_ARG_FILENAME, &opt_html, "Write the HTML report to FILE", "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_csv, "Write the CSV files into DIR", "DIR" },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &opt_xlsx,
      "Write the workbook (one sheet per table, typed cells) to FILE", "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- write the HTML, CSV and workbook reports from the history");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_main_entries (ctx, report_entries, NULL);
  g_option_context_add_main_entries (ctx, check_entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("bouncescan report: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr ("bouncescan report: unexpected argument '%s' (reports read the database; see --help)\n", argv[1]);
      return EXIT_USAGE;
    }
  if (opt_html == NULL && opt_csv == NULL && opt_xlsx == NULL)
    {
      g_printerr ("bouncescan report: say where to write: --html FILE, --csv DIR, --xlsx FILE\n");
      return EXIT_USAGE;
    }
  if (!check_report_options ("report"))
    return EXIT_USAGE;
  const char *db = opt_db ? opt_db : "bouncescan.db";
  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bouncescan report: %s: no such database (run 'bouncescan scan' first)\n", db);
      return EXIT_ERROR;
    }
  int crc = opt_check ? report_checks (db) : EXIT_OK;
  if (crc != EXIT_OK)
    return crc;
  /* a reader: no scan lock, so a report runs while the nightly scan writes
   * (an older schema is upgraded first, which takes the lock) */
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = open_for_reading (db, &rc);
  if (store == NULL)
    return rc;
  if ((rc = check_senders (store, opt_filter)) != EXIT_OK)
    return rc;
  rc = write_reports (store, opt_html, opt_csv, opt_xlsx);
  if (opt_check && !opt_quiet && rc == EXIT_OK)
    {
      BsReportOptions ro = report_options ();
      print_checks (store, &ro);
    }
  return rc;
}

/* ---- explain -------------------------------------------------------------- */

/* labels of the explain command, English then Japanese */
static const struct {
  const char *key;
  const char *en;
  const char *ja;
} explain_labels[] = {
  { "recipient", "Recipient", "宛先" },
  { "result", "Result", "結果" },
  { "failed", "failed", "配送失敗" },
  { "not-failure", "not a failure", "配送失敗ではありません" },
  { "reason", "Reason", "理由" },
  { "codes", "Codes", "コード" },
  { "blocklist", "Blocklist", "ブロックリスト" },
  { "sending-ip", "Refused sending IP", "拒否された送信元 IP" },
  { "from-reply", "named in the refusal", "拒否メッセージに記載" },
  { "from-received", "from the original's Received header", "元メールの Received ヘッダーより" },
  { "remote", "Remote server", "相手サーバー" },
  { "said", "The server said", "相手サーバーの応答" },
  { "original", "Original message", "元のメール" },
  { "rule", "Decided by", "判定根拠" },
  { "what", "What happened", "何が起きたか" },
  { "next", "What to do", "対処方法" },
  { "page", "Lookup / delisting page", "確認・解除申請ページ" },
  { "checks", "Live checks (DNS, now)", "DNS による現在の状態の確認" },
};

static const char *explain_lang = "en";

static const char *
label (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (explain_labels); i++)
    if (strcmp (explain_labels[i].key, key) == 0)
      return strcmp (explain_lang, "ja") == 0 ? explain_labels[i].ja : explain_labels[i].en;
  return key;
}

static void
print_advice (const BsAdvice *a)
{
  if (a == NULL)
    return;
  printf ("  %s\n", a->title);
  printf ("    %s: %s\n", label ("what"), a->explanation);
  printf ("    %s: %s\n", label ("next"), a->next_step);
  if (a->url != NULL)
    printf ("    %s: %s\n", label ("page"), a->url);
}

static BsChecker *explain_checker = NULL;  /* explain --check: targets of the records */

static void
explain_record (const BsRecord *r, gpointer user)
{
  guint *n = user;
  if (explain_checker != NULL)
    bs_checker_add_record (explain_checker, r);
  if ((*n)++ > 0)
    printf ("\n");
  printf ("%s: %s", label ("recipient"), r->recipient ? r->recipient : "?");
  if (r->index > 0)
    printf ("  (%s #%u)", r->source, r->index);
  printf ("\n%s: %s%s\n", label ("result"),
          bs_record_is_failure (r) ? label ("failed") : label ("not-failure"),
          r->action && strcmp (r->action, "delayed") == 0 ? " (delayed)" : "");
  const char *reason = bs_reason_name (r->reason != BS_REASON_NONE ? r->reason : BS_REASON_UNDEFINED);
  printf ("%s: %s%s\n", label ("reason"), reason,
          r->hard_bounce ? " (hard bounce)" : "");
  printf ("%s: %s %u%s%s\n", label ("codes"), r->status ? r->status : "-", r->reply_code,
          r->provider_code ? " " : "", r->provider_code ? r->provider_code : "");
  if (r->blocklist)
    printf ("%s: %s\n", label ("blocklist"), r->blocklist);
  if (r->sending_ip)
    printf ("%s: %s (%s)\n", label ("sending-ip"), r->sending_ip,
            label (g_strcmp0 (r->sending_ip_from, "received") == 0 ? "from-received" : "from-reply"));
  if (r->remote_mta)
    printf ("%s: %s\n", label ("remote"), r->remote_mta);
  if (r->diagnostic)
    printf ("%s: %s\n", label ("said"), r->diagnostic);
  if (r->orig_subject || r->orig_from)
    printf ("%s: %s / %s / %s\n", label ("original"), r->orig_from ? r->orig_from : "-",
            r->orig_subject ? r->orig_subject : "-", r->orig_date ? r->orig_date : "-");
  if (r->rule)
    printf ("%s: %s (\"%s\")\n", label ("rule"), r->rule, r->evidence ? r->evidence : "");
  const char *key = bs_advice_key (r);
  print_advice (bs_advice_for (key, explain_lang));
  /* the reason's own advice too, unless the key's advice is there to
   * correct it (a carrier's "Unknown user" is not proof of a dead address) */
  if (r->reason != BS_REASON_NONE && strcmp (key, reason) != 0 && strcmp (key, "carrier-unknown-user") != 0)
    print_advice (bs_advice_for (reason, explain_lang));
}

/* explain --check: ask DNS about the records' IPs and domains, print the answers */
static int
explain_checks (BsChecker *checker)
{
  if (bs_checker_count (checker) == 0)
    return EXIT_OK;
  g_autoptr (GError) error = NULL;
  if (!bs_checker_run (checker, (const gint *) &interrupted, &error))
    {
      g_printerr ("bouncescan: --check: %s\n", error->message);
      return EXIT_ERROR;
    }
  printf ("\n%s (%s):\n", label ("checks"), bs_checker_resolver (checker));
  GPtrArray *results = bs_checker_results (checker);
  for (guint i = 0; i < results->len; i++)
    print_check_result (g_ptr_array_index (results, i));
  return EXIT_OK;
}

static int
cmd_explain (int argc, char **argv)
{
  g_auto (GStrv) paths = NULL;
  GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &opt_lang, "Language of the advice: en or ja", "LANG" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "FILE..." },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE... - show one message's records with advice");
  g_option_context_set_summary (ctx,
    "Reads one bounce (or each message of an mbox) and shows, for every recipient,\n"
    "what the bounce says, the verdict and the rule behind it, and what to do next.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_main_entries (ctx, common_entries, NULL);
  g_option_context_add_main_entries (ctx, check_entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("bouncescan explain: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr ("bouncescan explain: name a message file (see --help)\n");
      return EXIT_USAGE;
    }
  if (!check_report_options ("explain") || !load_rules ())
    return EXIT_USAGE;
  explain_lang = default_lang ();
  guint n = 0;
  BsScanStats stats = { 0 };
  opt_quiet = TRUE;
  g_autoptr (BsChecker) checker = opt_check ? check_new () : NULL;
  if (opt_check && checker == NULL)
    return EXIT_USAGE;
  explain_checker = checker;
  gboolean ok = scan_paths (paths, NULL, 0, explain_record, &n, &stats);
  explain_checker = NULL;
  if (n == 0 && ok)
    printf ("%s\n", strcmp (explain_lang, "ja") == 0
                      ? "このメールからは配送エラーの情報が見つかりませんでした（バウンスメールではありません）。"
                      : "No bounce record in this message: it is not a bounce.");
  if (checker != NULL && ok && explain_checks (checker) != EXIT_OK)
    return EXIT_ERROR;
  return ok ? EXIT_OK : EXIT_ERROR;
}

/* ---- changes -------------------------------------------------------------- */

static int
cmd_changes (int argc, char **argv)
{
  gboolean since_last = FALSE;
  char *as_of = NULL;
  char **kinds = NULL;
  gint quiet_days = BS_CHANGES_QUIET_DAYS, limit = 20;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "SQLite history (default: bouncescan.db)", "FILE" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &opt_since,
      "Changes dated on or after DATE (bounce time, UTC)", "YYYY-MM-DD" },
    { "since-last-scan", 0, 0, G_OPTION_ARG_NONE, &since_last,
      "Changes that the latest scan brought (the default)", NULL },
    { "until", 0, 0, G_OPTION_ARG_STRING, &opt_until, "Ignore bounces after DATE", "YYYY-MM-DD" },
    { "quiet-days", 0, 0, G_OPTION_ARG_INT, &quiet_days,
      "Cleared means no failure for N days (default 7)", "N" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      "Judge clearing at DATE or 'today' (default: the newest bounce in the history)", "DATE" },
    { "sender-domain", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_sender,
      "Only mail sent from DOMAIN (repeatable)", "DOMAIN" },
    { "kind", 0, 0, G_OPTION_ARG_STRING_ARRAY, &kinds,
      "Only changes about KIND: ip, destination, blocklist, provider_code (repeatable)", "KIND" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "At most N lines per kind of change (0: all; default 20)", "N" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "Print nothing unless something is new or came back", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- what is new, what came back, what cleared");
  g_option_context_set_summary (ctx,
    "Reads the history and tells, for sending IPs, destination domains, blocklists and\n"
    "provider codes: what fails for the first time (new), what fails again after a\n"
    "quiet period (came back) and what had no failure for the quiet period (cleared),\n"
    "each with its dates and counts.  Made for cron: --quiet prints nothing unless\n"
    "something is new or came back.\n"
    "Exit codes: 0 nothing new, 1 error, 2 usage, 3 something new or came back,\n"
    "4 the history is being upgraded by a scan.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_autoptr (GError) error = NULL;
  gboolean parsed = g_option_context_parse (ctx, &argc, &argv, &error);
  G_GNUC_UNUSED g_autofree char *as_of_owned = as_of; /* frees the option's value */
  G_GNUC_UNUSED g_auto (GStrv) kinds_owned = kinds;
  if (!parsed)
    {
      g_printerr ("bouncescan changes: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr ("bouncescan changes: unexpected argument '%s' (see --help)\n", argv[1]);
      return EXIT_USAGE;
    }
  if (since_last && opt_since != NULL)
    {
      g_printerr ("bouncescan changes: --since and --since-last-scan exclude each other\n");
      return EXIT_USAGE;
    }
  if (quiet_days < 1 || quiet_days > 3650 || limit < 0)
    {
      g_printerr ("bouncescan changes: --quiet-days is 1 to 3650, --limit 0 or more\n");
      return EXIT_USAGE;
    }
  g_autofree char *today = NULL;
  if (as_of != NULL && strcmp (as_of, "today") == 0)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      today = g_date_time_format (now, "%Y-%m-%d");
    }
  if (today == NULL && !valid_date (as_of))
    {
      g_printerr ("bouncescan changes: dates are written YYYY-MM-DD\n");
      return EXIT_USAGE;
    }
  if (!check_report_options ("changes"))
    return EXIT_USAGE;
  guint mask = 0;
  for (char **k = kinds; k != NULL && *k != NULL; k++)
    {
      BsSubjectKind kind;
      if (!bs_subject_kind_parse (*k, &kind))
        {
          g_printerr ("bouncescan changes: --kind is ip, destination, blocklist or provider_code\n");
          return EXIT_USAGE;
        }
      mask |= 1u << kind;
    }
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = open_for_reading (opt_db ? opt_db : "bouncescan.db", &rc);
  if (store == NULL)
    return rc;
  if ((rc = check_senders (store, opt_filter)) != EXIT_OK)
    return rc;
  BsChangesOptions co = {
    .filter = opt_filter, .as_of = today ? today : as_of, .quiet_days = (guint) quiet_days,
    .kinds = mask,
  };
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  g_autoptr (BsChanges) changes = read != NULL ? bs_changes_compute (read, &co, &error) : NULL;
  if (changes == NULL)
    return fail_with (NULL, error);
  gboolean alarming = bs_changes_alarming (changes);
  if (alarming || !opt_quiet)
    {
      g_autofree char *text = bs_changes_text (changes, (guint) limit);
      fputs (text, stdout);
      /* what the last live checks (--check) said of the IPs blamed: still
       * listed, delisted, listed again; nothing when none was made */
      g_autoptr (BsHistoryFilter) all_days =
        bs_history_filter_new (NULL, opt_until, (const char *const *) opt_sender, NULL, NULL);
      BsReportOptions ro = report_options ();
      ro.filter = all_days;
      g_autoptr (GString) checks = g_string_new (NULL);
      if (bs_report_checks_text (read, &ro, checks, &error) && checks->len > 0)
        printf ("\n%s", checks->str);
      g_clear_error (&error);
    }
  if (fflush (stdout) != 0)
    return EXIT_ERROR;
  return alarming ? EXIT_NEW : EXIT_OK;
}

/* ---- prune ---------------------------------------------------------------- */

/* "180d", "26w", "1y" (365 days) before today (UTC), or a day YYYY-MM-DD:
 * the first day that is kept, or NULL */
static char *
prune_cutoff (const char *spec)
{
  if (spec == NULL)
    return NULL;
  if (valid_date (spec) && strlen (spec) == 10)
    return g_strdup (spec);
  char *end = NULL;
  guint64 n = g_ascii_strtoull (spec, &end, 10);
  if (end == spec || n == 0 || n > 100000)
    return NULL;
  guint64 days = 0;
  if (strcmp (end, "d") == 0 || strcmp (end, "") == 0)
    days = n;
  else if (strcmp (end, "w") == 0)
    days = n * 7;
  else if (strcmp (end, "y") == 0)
    days = n * 365;
  else
    return NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) cut = g_date_time_add_days (now, -(gint) MIN (days, 1000000));
  return cut != NULL ? g_date_time_format (cut, "%Y-%m-%d") : NULL;
}

static int
cmd_prune (int argc, char **argv)
{
  char *older = NULL;
  gboolean dry_run = FALSE, vacuum = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "SQLite history (default: bouncescan.db)", "FILE" },
    { "older-than", 0, 0, G_OPTION_ARG_STRING, &older,
      "Delete the records of bounces older than AGE (180d, 26w, 1y) or dated before YYYY-MM-DD", "AGE" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "Only count what would be deleted", NULL },
    { "vacuum", 0, 0, G_OPTION_ARG_NONE, &vacuum, "Then give the freed space back (VACUUM)", NULL },
    { "wait", 0, 0, G_OPTION_ARG_INT, &opt_wait,
      "While a scan holds the history, wait up to SECONDS", "SECONDS" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "Print nothing but errors", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("--older-than AGE - forget old records");
  g_option_context_set_summary (ctx,
    "Deletes the failure records of bounces dated (bounce time, UTC day) before the\n"
    "cutoff, and the scan runs started before it.  The messages' content hashes are\n"
    "kept, so a later scan of the same mailbox does not import them again, and so\n"
    "are the per-day counts that 'changes' reads (no addresses, no texts).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_autoptr (GError) error = NULL;
  gboolean parsed = g_option_context_parse (ctx, &argc, &argv, &error);
  G_GNUC_UNUSED g_autofree char *older_owned = older; /* frees the option's value */
  if (!parsed)
    {
      g_printerr ("bouncescan prune: %s\n", error->message);
      return EXIT_USAGE;
    }
  g_autofree char *cutoff = prune_cutoff (older);
  if (argc > 1 || cutoff == NULL || opt_wait < 0)
    {
      g_printerr ("bouncescan prune: say --older-than AGE (180d, 26w, 1y) or a day YYYY-MM-DD\n");
      return EXIT_USAGE;
    }
  const char *db = opt_db ? opt_db : "bouncescan.db";
  if (!g_file_test (db, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("bouncescan prune: %s: no such database\n", db);
      return EXIT_ERROR;
    }
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = open_for_writing (db, &rc);
  if (store == NULL)
    return rc;
  BsPruneStats ps;
  if (!bs_store_prune (store, cutoff, dry_run, &ps, &error)
      || (vacuum && !dry_run && !bs_store_vacuum (store, &error)))
    {
      g_printerr ("bouncescan: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (!opt_quiet)
    printf ("%s %" G_GINT64_FORMAT " records of bounces dated before %s (%" G_GINT64_FORMAT
            " bounces left without records; their content hashes are kept) and %" G_GINT64_FORMAT
            " scan runs%s\n", dry_run ? "Would delete" : "Deleted", ps.records, cutoff, ps.messages,
            ps.runs, vacuum && !dry_run ? "; database vacuumed" : "");
  return EXIT_OK;
}

/* ---- ad hoc: bouncescan PATH... -o DIR ---------------------------------- */

static int
cmd_adhoc (int argc, char **argv)
{
  g_auto (GStrv) paths = NULL;
  char *out = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      "Write report.html, report.xlsx and the CSV files into DIR", "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "PATH..." },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("[COMMAND] PATH... -o DIR");
  g_option_context_set_summary (ctx,
    "Finds out why mail is not arriving: reads bounce messages and reports every\n"
    "failed recipient, its reason, the refused sending IP and blocklist, and what to do.\n"
    "\n"
    "Commands:\n"
    "  scan PATH...      record bounces in the SQLite history (--db FILE)\n"
    "  report            write the HTML report, CSV files and workbook from the history\n"
    "  dump PATH...      print every record as JSON Lines; store nothing\n"
    "  explain FILE      one message's records, the rule behind them, what to do\n"
    "  changes           what is new, came back or cleared since the last scan\n"
    "  prune             forget the records of old bounces (--older-than 180d)\n"
    "  PATH... -o DIR    scan into a temporary history and write the reports to DIR\n"
    "\n"
    "'bouncescan COMMAND --help' describes each command.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_main_entries (ctx, report_entries, NULL);
  g_option_context_add_main_entries (ctx, common_entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("bouncescan: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (paths == NULL || paths[0] == NULL || out == NULL)
    {
      g_printerr ("bouncescan: name a command, or mailboxes and -o DIR (see --help)\n");
      g_free (out);
      return EXIT_USAGE;
    }
  if (!check_report_options ("") || !load_rules ())
    {
      g_free (out);
      return EXIT_USAGE;
    }
  if (g_mkdir_with_parents (out, 0700) != 0)
    {
      g_printerr ("bouncescan: %s: %s\n", out, g_strerror (errno));
      g_free (out);
      return EXIT_ERROR;
    }
  g_autofree char *tmpdir = g_dir_make_tmp ("bouncescan-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("bouncescan: %s\n", error->message);
      g_free (out);
      return EXIT_ERROR;
    }
  g_autofree char *db = g_build_filename (tmpdir, "history.db", NULL);
  BsScanStats stats = { 0 };
  int rc = do_scan (paths, db, &stats);
  if (rc == EXIT_OK || stats.messages > 0)
    {
      g_autoptr (BsStore) store = bs_store_open_readonly (db, &error);
      int wrc = store == NULL ? fail_with (NULL, error) : check_senders (store, opt_filter);
      if (wrc == EXIT_OK)
        {
          g_autofree char *html = g_build_filename (out, "report.html", NULL);
          g_autofree char *xlsx = g_build_filename (out, "report.xlsx", NULL);
          wrc = write_reports (store, html, out, xlsx);
        }
      if (wrc != EXIT_OK)
        rc = wrc;
    }
  if (!opt_quiet)
    {
      print_summary (&stats, stdout);
      printf ("Reports written to %s\n", out);
    }
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *f = g_strconcat (db, suffixes[i], NULL);
      g_unlink (f);
    }
  g_rmdir (tmpdir);
  g_free (out);
  return rc;
}

/* ---- main ------------------------------------------------------------------ */

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
} commands[] = {
  { "scan", cmd_scan },
  { "report", cmd_report },
  { "dump", cmd_dump },
  { "explain", cmd_explain },
  { "changes", cmd_changes },
  { "prune", cmd_prune },
};

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc >= 2 && (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0))
    {
      printf ("bouncescan %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  signal (SIGINT, on_signal);
  signal (SIGTERM, on_signal);
  signal (SIGPIPE, SIG_IGN);
  /* "-j4", as make takes it: GOption reads a short option's value only
   * from the next argument */
  g_autoptr (GPtrArray) rewritten = g_ptr_array_new_with_free_func (g_free);
  for (int i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    if (strncmp (argv[i], "-j", 2) == 0 && argv[i][2] != '\0'
        && strspn (argv[i] + 2, "0123456789") == strlen (argv[i] + 2))
      {
        argv[i] = g_strconcat ("--jobs=", argv[i] + 2, NULL);
        g_ptr_array_add (rewritten, argv[i]);
      }
  g_mime_init ();
  /* an upgrade of an old history reads its rule ids with the classifier's tables */
  bs_store_set_rule_ids (bs_classify_stable_rule_id);
  int rc = -1;
  for (gsize i = 0; argc >= 2 && i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        g_autofree char *prog = g_strdup_printf ("bouncescan %s", commands[i].name);
        g_set_prgname (prog);
        rc = commands[i].run (argc - 1, argv + 1);
        break;
      }
  if (rc < 0)
    {
      g_set_prgname ("bouncescan");
      rc = cmd_adhoc (argc, argv);
    }
  g_mime_shutdown ();
  g_clear_pointer (&opt_filter, bs_history_filter_free);
  return rc;
}
