/* progress.c - a scan as the commands run it: every path in turn, warnings and
 * undecodable messages on stderr (safe for a terminal), progress and time
 * left on a terminal, the summary
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void
print_warning (const char *path, const GError *error, gpointer user)
{
  (void) user;
  const char *msg = error->message;
  gsize n = strlen (path);
  if (strncmp (msg, path, n) == 0 && strncmp (msg + n, ": ", 2) == 0)
    msg += n + 2; /* the message names the path already */
  g_autofree char *shown_path = bs_cli_for_terminal (path);
  g_autofree char *shown_msg = bs_cli_for_terminal (msg);
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
  g_autofree char *shown = bs_cli_for_terminal (source);
  if (index > 0)
    g_printerr ("bouncescan: %s, message %u: not decoded: %s\n", shown, index, why);
  else
    g_printerr ("bouncescan: %s: not decoded: %s\n", shown, why);
}

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
  if (!p->tty || bs_cli_opt.quiet)
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
  if (p->tty && !bs_cli_opt.quiet && p->last > 0)
    g_printerr ("\r\033[K");
  p->last = 0;
}

void
bs_cli_print_summary (const BsScanStats *s, FILE *out)
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

/* run the scan of every path; TRUE unless a path or the store failed */
gboolean
bs_cli_scan_paths (char **paths, BsStore *store, gint64 run_id,
                   void (*record) (const BsRecord *, gpointer), gpointer record_user,
                   gboolean json_undecodable, BsScanStats *stats)
{
  CliRun progress = { g_get_monotonic_time (), 0, isatty (STDERR_FILENO), 0, record, record_user,
                      json_undecodable };
  BsScanOptions o = {
    .store = store,
    .run_id = run_id,
    .threads = bs_cli_opt.jobs > 0 ? (guint) bs_cli_opt.jobs : 0,
    .follow_links = bs_cli_opt.follow,
    .cancelled = (const gint *) &bs_cli_interrupted,
    .record = record ? forward_record : NULL,
    .undecodable = print_undecodable,
    .warn = print_warning,
    .progress = show_progress,
    .user = &progress,
  };
  /* on a terminal only: what there is to read, for the time left */
  for (char **p = paths; progress.tty && !bs_cli_opt.quiet && *p != NULL; p++)
    if (!bs_scan_estimate (*p, &o, &progress.total_bytes))
      {
        progress.total_bytes = 0;
        break;
      }
  progress.started = g_get_monotonic_time ();
  gboolean ok = TRUE;
  for (char **p = paths; *p != NULL && !g_atomic_int_get (&bs_cli_interrupted); p++)
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
  if (g_atomic_int_get (&bs_cli_interrupted))
    g_printerr ("bouncescan: interrupted; what was read so far is kept\n");
  return ok;
}
