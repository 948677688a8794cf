/* common.c - the command line's shared parts: its options shared by several
 * commands, exit codes from error codes, text made safe for a terminal,
 * the history opened for writing or reading, the readers' filter
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "escape.h"

BsCliOptions bs_cli_opt;
volatile gint bs_cli_interrupted = 0;

/* ---- the options several commands take ----------------------------------- */

static GOptionEntry common_entries[] = {
  { "rules", 0, 0, G_OPTION_ARG_FILENAME, &bs_cli_opt.rules,
    "Read classification rules from FILE before the built-in ones", "FILE" },
  { "follow-links", 0, 0, G_OPTION_ARG_NONE, &bs_cli_opt.follow,
    "Follow symbolic links inside the scanned folders", NULL },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &bs_cli_opt.quiet, "Print nothing but errors", NULL },
  { "jobs", 'j', 0, G_OPTION_ARG_INT, &bs_cli_opt.jobs,
    "Parse with N threads (default: one per processor)", "N" },
  { NULL }
};

/* the history's filter, for every command that reads it and writes or
 * prints what it found (report, the ad-hoc job, search, addresses) */
static GOptionEntry filter_entries[] = {
  { "since", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.since, "Only bounces on or after DATE",
    "YYYY-MM-DD" },
  { "until", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.until, "Only bounces on or before DATE",
    "YYYY-MM-DD" },
  BS_CLI_SENDER_ENTRY,
  BS_CLI_TZ_ENTRY,
  BS_CLI_LANG_ENTRY,
  { NULL }
};

static GOptionEntry report_entries[] = {
  { "title", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.title,
    "Title or organisation shown in the report", "TEXT" },
  { "redact", 0, 0, G_OPTION_ARG_NONE, &bs_cli_opt.redact,
    "Mask the local part of recipient addresses", NULL },
  { "excel", 0, 0, G_OPTION_ARG_NONE, &bs_cli_opt.excel, "CSV with a UTF-8 byte-order mark, for Excel (LibreOffice: choose UTF-8 when it asks)",
    NULL },
  { NULL }
};

static GOptionEntry check_entries[] = {
  { "check", 0, 0, G_OPTION_ARG_NONE, &bs_cli_opt.check,
    "Ask DNS now: blocklists and PTR of the refused IPs, SPF and DMARC of sender domains", NULL },
  { "resolver", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.resolver,
    "With --check: ask ADDR[@PORT], 'system' (/etc/resolv.conf, the default) or 'recursive'",
    "ADDR" },
  { "dnsbl", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.dnsbl,
    "With --check: lists asked for every IP (default: spamhaus-zen,spamcop,barracuda,psbl,"
    "mailspike,uceprotect-l1; 'none')", "LIST,..." },
  { "dnsbl-zone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &bs_cli_opt.dnsbl_zone,
    "With --check: ask LIST in ZONE instead (a mirror, a query key zone), or add a list (repeatable)",
    "LIST=ZONE" },
  { "dns-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &bs_cli_opt.dns_timeout,
    "With --check: seconds to wait for one answer (default 5)", "SECONDS" },
  { NULL }
};

GOptionEntry *
bs_cli_shared_entries (BsCliShared group)
{
  switch (group)
    {
    case BS_CLI_COMMON:
      return common_entries;
    case BS_CLI_FILTER:
      return filter_entries;
    case BS_CLI_REPORT:
      return report_entries;
    case BS_CLI_CHECK:
    default:
      return check_entries;
    }
}

/* ---- errors ---------------------------------------------------------------- */

/* the exit code of an error: from its code alone (bs.h) */
int
bs_cli_exit_for (const GError *error)
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
int
bs_cli_fail (const char *prefix, const GError *error)
{
  g_printerr ("bouncescan: %s%s\n", prefix != NULL ? prefix : "", error->message);
  return bs_cli_exit_for (error);
}

/* the exit code of a command that was interrupted, or rc */
int
bs_cli_exit_code (int rc)
{
  int sig = g_atomic_int_get (&bs_cli_interrupted);
  return sig > 0 ? EXIT_SIGNAL + sig : rc;
}

/* text from the scanned tree or a bounce (file names, reasons that quote
 * them, the fields explain prints) made safe for a terminal: valid UTF-8,
 * control characters (ESC and the C1 controls, with which a file name could
 * drive the terminal) shown as '?', the invisible and bidi characters that
 * would hide or reorder what is shown as "[U+202E]", as in the reports */
char *
bs_cli_for_terminal (const char *text)
{
  if (text == NULL)
    return NULL;
  char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        g_string_append_c (out, '?');
      else if (bs_escape_is_invisible (c))
        g_string_append_printf (out, "[U+%04X]", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_free (valid);
  return g_string_free (out, FALSE);
}

/* text (a server's message) on one line of a terminal: blanks and line
 * breaks as one space, at most max characters (then " …"), made safe */
char *
bs_cli_one_line (const char *text, glong max)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr (GString) s = g_string_new (NULL);
  glong n = 0;
  const char *p = valid;
  for (; *p != '\0' && n < max; p = g_utf8_next_char (p), n++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          if (s->len > 0 && s->str[s->len - 1] != ' ')
            g_string_append_c (s, ' ');
          continue;
        }
      g_string_append_len (s, p, g_utf8_next_char (p) - p);
    }
  if (*p != '\0')
    g_string_append (s, " …");
  return bs_cli_for_terminal (s->str);
}

/* a time of the history (UTC ISO 8601) in the readers' time zone, as
 * format says (NULL: ISO 8601 with its offset); "?" for NULL, the text
 * itself when it cannot be read */
char *
bs_cli_local_time (const char *utc, const char *format)
{
  if (utc == NULL)
    return g_strdup ("?");
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (utc, NULL);
  if (t == NULL)
    return g_strdup (utc);
  g_autoptr (GDateTime) local =
    g_date_time_to_timezone (t, bs_history_filter_time_zone (bs_cli_opt.filter));
  return format != NULL ? g_date_time_format (local, format) : g_date_time_format_iso8601 (local);
}

gboolean
bs_cli_load_rules (void)
{
  g_autoptr (GError) error = NULL;
  if (bs_cli_opt.rules != NULL && !bs_classify_load_rules (bs_cli_opt.rules, &error))
    {
      g_printerr ("bouncescan: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* "YYYY-MM-DD" days ago, UTC */
char *
bs_cli_day_ago (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, -days);
  return g_date_time_format (then, "%Y-%m-%d");
}

gboolean
bs_cli_valid_date (const char *d)
{
  if (d == NULL)
    return TRUE;
  int y, m, day;
  char extra;
  return sscanf (d, "%4d-%2d-%2d%c", &y, &m, &day, &extra) == 3 && g_date_valid_dmy (
           (GDateDay) day, (GDateMonth) m, (GDateYear) y);
}

const char *
bs_cli_default_lang (void)
{
  if (bs_cli_opt.lang != NULL)
    return bs_cli_opt.lang;
  const char *const *langs = g_get_language_names ();
  for (gsize i = 0; langs[i] != NULL; i++)
    if (g_str_has_prefix (langs[i], "ja"))
      return "ja";
  return "en";
}

const char *
bs_cli_label (const BsCliLabel *labels, gsize n, const char *key, const char *lang)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (labels[i].key, key) == 0)
      return strcmp (lang, "ja") == 0 ? labels[i].ja : labels[i].en;
  return key;
}

const char *
bs_cli_time_zone (void)
{
  return bs_cli_opt.tz != NULL ? bs_cli_opt.tz : "local";
}

gint64
bs_cli_now (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  if (epoch != NULL)
    return g_ascii_strtoll (epoch, NULL, 10);
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* the paper of the user's locale: US Letter where the locale's territory
 * uses it (LC_ALL, LC_PAPER, LANG, as POSIX orders them: "en_US.UTF-8"),
 * else A4, the paper of the rest of the world and of the C locale */
const char *
bs_cli_locale_paper (void)
{
  static const char *const letter[] = {
    "US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "PR", "SV", "DO", "NI",
  };
  const char *const vars[] = { "LC_ALL", "LC_PAPER", "LANG" };
  for (gsize i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      const char *v = g_getenv (vars[i]);
      if (v == NULL || *v == '\0')
        continue;
      const char *u = strchr (v, '_');
      for (gsize k = 0; u != NULL && k < G_N_ELEMENTS (letter); k++)
        if (strncmp (u + 1, letter[k], 2) == 0 && !g_ascii_isalpha (u[3]))
          return "letter";
      return "A4";
    }
  return "A4";
}

/* the report's options from the command line */
BsReportOptions
bs_cli_report_options (void)
{
  BsReportOptions ro = {
    .filter = bs_cli_opt.filter, .lang = bs_cli_default_lang (), .title = bs_cli_opt.title, .redact = bs_cli_opt.redact, .excel = bs_cli_opt.excel,
    .generated_at = bs_cli_now (), .paper = bs_cli_locale_paper (),
    .cancelled = (const gint *) &bs_cli_interrupted,
  };
  return ro;
}

gboolean
bs_cli_check_report_options (const char *cmd)
{
  g_autoptr (GError) error = NULL;
  g_clear_pointer (&bs_cli_opt.filter, bs_history_filter_free);
  bs_cli_opt.filter = bs_history_filter_new (bs_cli_opt.since, bs_cli_opt.until,
                                             (const char *const *) bs_cli_opt.sender,
                                             bs_cli_time_zone (), &error);
  if (bs_cli_opt.filter == NULL)
    {
      g_printerr ("bouncescan %s: %s\n", cmd, error->message);
      return FALSE;
    }
  bs_history_filter_set_host (bs_cli_opt.filter, bs_cli_opt.host);
  if (bs_cli_opt.lang != NULL && strcmp (bs_cli_opt.lang, "en") != 0 && strcmp (bs_cli_opt.lang, "ja") != 0)
    {
      g_printerr ("bouncescan %s: --lang is en or ja\n", cmd);
      return FALSE;
    }
  return TRUE;
}

const char *
bs_cli_db (void)
{
  return bs_cli_opt.db != NULL ? bs_cli_opt.db : "bouncescan.db";
}

/* open the history to write it (for --host), waiting --wait seconds for
 * another scan of that host */
BsStore *
bs_cli_open_writer (const char *db, int *rc)
{
  g_autoptr (GError) error = NULL;
  BsStore *store = bs_store_open_as (db, bs_cli_opt.host, (guint) MAX (bs_cli_opt.wait, 0),
                                     (const gint *) &bs_cli_interrupted, &error);
  if (store == NULL)
    *rc = bs_cli_fail (NULL, error);
  return store;
}

/* open the history to read it: no lock while it has this program's schema
 * version (a scan may be writing); an older one is upgraded first */
BsStore *
bs_cli_open_reader (const char *db, int *rc)
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
  /* an older history is upgraded first, then read; by its writer only: a
   * reader that may not write it (another user, a read-only folder or file
   * system) is told so, and writes nothing */
  if (g_error_matches (error, BS_ERROR, BS_ERROR_OLD_SCHEMA) && access (db, W_OK) == 0)
    return bs_cli_open_writer (db, rc);
  if (g_error_matches (error, BS_ERROR, BS_ERROR_OLD_SCHEMA))
    {
      int e = errno;
      g_printerr ("bouncescan: %s; this user may not upgrade it (%s): its owner's next scan does\n",
                  error->message, g_strerror (e));
      *rc = EXIT_ERROR;
      return NULL;
    }
  *rc = bs_cli_fail (NULL, error);
  return NULL;
}

BsHistoryRead *
bs_cli_begin_filtered_read (BsStore **store, int *rc)
{
  *store = bs_cli_open_reader (bs_cli_db (), rc);
  if (*store != NULL && (*rc = bs_cli_check_senders (*store, bs_cli_opt.filter)) != EXIT_OK)
    g_clear_pointer (store, bs_store_close);
  if (*store == NULL)
    return NULL;
  g_autoptr (GError) error = NULL;
  BsHistoryRead *read = bs_history_read_begin (*store, &error);
  if (read == NULL)
    *rc = bs_cli_fail (NULL, error);
  return read;
}

/* a --sender-domain that matches nothing in the history: said (with the
 * closest domains it knows) and exit 1 */
int
bs_cli_check_senders (BsStore *store, const BsHistoryFilter *filter)
{
  if (bs_history_filter_senders (filter) == NULL)
    return EXIT_OK;
  g_autoptr (GError) error = NULL;
  g_autoptr (BsHistoryRead) read = bs_history_read_begin (store, &error);
  if (read == NULL || !bs_history_check_senders (read, filter, &error))
    return bs_cli_fail (NULL, error);
  return EXIT_OK;
}

int
bs_cli_write_reports (BsStore *store, const char *html, const char *csv, const char *xlsx)
{
  BsReportOptions ro = bs_cli_report_options ();
  g_autoptr (GError) error = NULL;
  const char *failed = NULL;
  /* all from one read of the history */
  BsReportTargets targets = { .html = html, .csv_dir = csv, .xlsx = xlsx, .json = bs_cli_opt.json };
  if (!bs_report_write (store, &ro, &targets, &failed, &error))
    {
      /* a signal: whichever file it was at, none is left half written */
      if (g_atomic_int_get (&bs_cli_interrupted) != 0)
        {
          g_printerr ("bouncescan: interrupted; no file was left half written\n");
          return EXIT_ERROR;
        }
      g_prefix_error (&error, "%s: ", failed);
      return bs_cli_fail (NULL, error);
    }
  return EXIT_OK;
}
