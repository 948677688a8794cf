/* report_csv.c - the CSV reports: failures.csv (one row per failed
 * recipient, every field), one file per aggregate (by-domain.csv ...) and
 * addresses.csv (the addresses to stop mailing, addresses.h)
 *
 * RFC 4180: UTF-8, a header row, CRLF line ends always (the RFC's), fields
 * quoted when needed; --excel adds a UTF-8 byte-order mark so that Excel
 * (Japanese Windows included) reads UTF-8.  Cells a spreadsheet would take
 * for a formula are neutralised (escape.c).  Numbers are the history's
 * decimal text (locale-independent); times are UTC ISO 8601.  Columns:
 * docs/csv.md.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "report.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "addresses.h"
#include "aggregate.h"
#include "bs.h"
#include "escape.h"
#include "output.h"

#define CSV_EOL "\r\n"

typedef struct {
  BsOutFile *out;
  GString *line;
  guint n_columns;
  const BsReportColumn *columns;
  const gint *stop;     /* non-zero: stop writing (another part failed) */
} CsvWriter;

static BsOutFile *
csv_open (const char *dir, const char *name, const BsReportOptions *o, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  BsOutFile *out = bs_out_open (path, o->cancelled, error);
  if (out != NULL && o->excel)
    bs_out_write (out, "\xEF\xBB\xBF", 3);
  return out;
}

static void
csv_end_line (BsOutFile *out, GString *line)
{
  g_string_append (line, CSV_EOL);
  bs_out_gstring (out, line);
}

static void
csv_header (BsOutFile *out, GString *line, const char *const *names)
{
  for (gsize i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      bs_escape_csv (line, names[i]);
    }
  csv_end_line (out, line);
}

static void
csv_int (GString *line, gint64 value)
{
  g_string_append_printf (line, ",%" G_GINT64_FORMAT, value);
}

static void
csv_text (GString *line, const char *value)
{
  g_string_append_c (line, ',');
  bs_escape_csv (line, value);
}

/* ---- failures.csv ------------------------------------------------------- */

/* append n bytes to s: a copy while they fit, as they mostly do in a line
 * that keeps its size from row to row */
static inline void
line_put (GString *s, const char *p, gsize n)
{
  if (s->len + n >= s->allocated_len)
    {
      g_string_append_len (s, p, (gssize) n);
      return;
    }
  memcpy (s->str + s->len, p, n);
  s->len += n;
  s->str[s->len] = '\0';
}

/* one row of failures.csv: most cells are plain text, copied as they are
 * into the line (sized once, then reused); the others go through
 * bs_escape_csv */
static gboolean
failure_row (const char *const *values, gpointer user)
{
  CsvWriter *w = user;
  GString *line = w->line;
  for (guint i = 0; i < w->n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      const char *v = values[i];
      if (v == NULL)
        continue;
      gsize len = strlen (v);
      if (w->columns[i].numeric || bs_escape_csv_plain (v, len))
        line_put (line, v, len);
      else
        bs_escape_csv (line, v);
    }
  csv_end_line (w->out, line);
  return w->stop == NULL || !g_atomic_int_get (w->stop);
}

/* failures.csv written and synced into its temporary file, not yet in
 * place (bs_out_commit), or NULL; stops early, with no error, when *stop
 * (may be NULL) becomes non-zero */
static BsOutFile *
write_failures (BsReportQuery *q, const BsReportOptions *o, const char *dir, const gint *stop,
                GError **error)
{
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr (BsOutFile) out = csv_open (dir, "failures.csv", o, error);
      if (out == NULL)
        return NULL;
      g_autoptr (GString) line = g_string_sized_new (8192);
      CsvWriter w = { out, line, 0, NULL, stop };
      w.columns = bs_report_failure_columns (&w.n_columns);
      for (guint i = 0; i < w.n_columns; i++)
        {
          if (i > 0)
            g_string_append_c (line, ',');
          bs_escape_csv (line, w.columns[i].name);
        }
      csv_end_line (out, line);
      g_autoptr (GError) local = NULL;
      gboolean ok = attempt == 0
                      ? bs_report_foreach_failure (q, BS_AGG_COUNT, NULL, 0, failure_row, &w, &local)
                      : bs_report_foreach_failure_sorted (q, failure_row, &w, &local);
      if (ok)
        {
          bs_out_sync (out);
          return g_steal_pointer (&out);
        }
      /* the fast read came out of order: the file again, the plain way */
      if (!g_error_matches (local, BS_ERROR, BS_ERROR_DISORDER))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  g_set_error (error, BS_ERROR, BS_ERROR_DISORDER, "reading the history in time order");
  return NULL;
}

/* ---- by-*.csv ----------------------------------------------------------- */

static gboolean
write_aggregate (BsReportQuery *q, const BsReportOptions *o, const char *dir, BsAggKind kind,
                 GError **error)
{
  static const char *const key_names[BS_AGG_COUNT][4] = {
    [BS_AGG_DOMAIN] = { "destination" },
    [BS_AGG_IP] = { "sending_ip" },
    [BS_AGG_CODE] = { "status", "reply_code", "provider_code" },
    [BS_AGG_REASON] = { "reason", "family" },
    [BS_AGG_BLOCKLIST] = { "blocklist" },
    [BS_AGG_DAY] = { "day" },
    [BS_AGG_SENDER] = { "sender_domain" },
  };
  static const char *const counts[] = {
    "failures", "recipients", "hard_bounces", "first_seen", "last_seen", "example_diagnostic",
  };
  g_autoptr (GPtrArray) rows = bs_report_aggregate (q, kind, 0, NULL, error);
  if (rows == NULL)
    return FALSE;
  g_autofree char *name = g_strdup_printf ("by-%s.csv", bs_agg_name (kind));
  g_autoptr (BsOutFile) out = csv_open (dir, name, o, error);
  if (out == NULL)
    return FALSE;
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (GPtrArray) header = g_ptr_array_new ();
  for (gsize i = 0; key_names[kind][i] != NULL; i++)
    g_ptr_array_add (header, (gpointer) key_names[kind][i]);
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    g_ptr_array_add (header, (gpointer) counts[i]);
  /* by-day.csv: the day's failures per reason family too, at the end (the
   * columns before keep their places), ready for a stacked chart */
  static const char *const family_columns[BS_FAMILY_COUNT] = {
    [BS_FAMILY_REPUTATION] = "failures_reputation",
    [BS_FAMILY_ADDRESS] = "failures_address",
    [BS_FAMILY_MAILBOX_FULL] = "failures_mailbox_full",
    [BS_FAMILY_OTHER] = "failures_other",
  };
  if (kind == BS_AGG_DAY)
    for (int f = 0; f < BS_FAMILY_COUNT; f++)
      g_ptr_array_add (header, (gpointer) family_columns[f]);
  /* by-sender-domain.csv: what failed for each customer, at the end */
  if (kind == BS_AGG_SENDER)
    {
      g_ptr_array_add (header, "reasons");
      g_ptr_array_add (header, "incidents");
    }
  g_ptr_array_add (header, NULL);
  csv_header (out, line, (const char *const *) header->pdata);

  for (guint i = 0; i < rows->len; i++)
    {
      const BsAggRow *r = g_ptr_array_index (rows, i);
      if (kind == BS_AGG_CODE)
        {
          bs_escape_csv (line, r->status);
          g_string_append_c (line, ',');
          if (r->reply_code > 0)
            g_string_append_printf (line, "%d", r->reply_code);
          csv_text (line, r->provider_code);
        }
      else
        bs_escape_csv (line, r->key);
      if (kind == BS_AGG_REASON)
        csv_text (line, bs_family_name (bs_reason_family (bs_reason_from_name (r->key), NULL)));
      csv_int (line, r->failures);
      csv_int (line, r->recipients);
      csv_int (line, r->hard);
      csv_text (line, r->first_seen);
      csv_text (line, r->last_seen);
      csv_text (line, r->example);
      for (int f = 0; kind == BS_AGG_DAY && f < BS_FAMILY_COUNT; f++)
        csv_int (line, r->family_failures[f]);
      if (kind == BS_AGG_SENDER)
        {
          g_autofree char *reasons = bs_agg_reasons_text (r->reasons);
          csv_text (line, reasons);
          gint64 incidents = bs_report_sender_incidents (q, r->key, error);
          if (incidents < 0)
            return FALSE;
          csv_int (line, incidents);
        }
      csv_end_line (out, line);
    }
  return bs_out_commit (g_steal_pointer (&out), error);
}

/* ---- addresses.csv ----------------------------------------------------- */

static gboolean
write_addresses (BsReportQuery *q, const BsReportOptions *o, const char *dir, GError **error)
{
  g_autoptr (GPtrArray) rows = bs_addresses_read (bs_report_query_read (q), o->filter, o->redact,
                                                  error);
  if (rows == NULL)
    return FALSE;
  g_autoptr (BsOutFile) out = csv_open (dir, "addresses.csv", o, error);
  if (out == NULL)
    return FALSE;
  g_autoptr (GString) line = g_string_new (NULL);
  static const char *const header[] = {
    "recipient", "certainty", "reason", "failures", "days", "first_seen", "last_seen",
    "destination", "sender_domains", "last_diagnostic", "note", NULL,
  };
  csv_header (out, line, header);
  for (guint i = 0; i < rows->len; i++)
    {
      const BsAddress *a = g_ptr_array_index (rows, i);
      bs_escape_csv (line, a->recipient);
      csv_text (line, bs_certainty_name (a->certainty));
      csv_text (line, bs_reason_name (a->reason));
      csv_int (line, a->failures);
      csv_int (line, a->days);
      csv_text (line, a->first_seen);
      csv_text (line, a->last_seen);
      csv_text (line, a->destination);
      csv_text (line, a->sender_domains);
      csv_text (line, a->diagnostic);
      csv_text (line, bs_address_note (a->why, o->lang));
      csv_end_line (out, line);
    }
  return bs_out_commit (g_steal_pointer (&out), error);
}

/* ---- the files, failures.csv in a thread of its own ---------------------- */

/* failures.csv is the longest part of a report (every field of every
 * failure); the rest (the summary's one read, the HTML page, by-*.csv)
 * does not need it.  With a fork of the query (the same snapshot on a
 * second connection), failures.csv is written by a thread of its own
 * while the caller goes on; the files are put in place at the end, and
 * only when every part succeeded. */
struct _BsCsvJob {
  char *dir;
  BsReportQuery *fork;      /* NULL: failures.csv is written at finish */
  GThread *thread;
  gint stop;
  BsOutFile *failures;      /* the thread's result */
  GError *error;
};

static gpointer
failures_thread (gpointer data)
{
  BsCsvJob *job = data;
  job->failures = write_failures (job->fork, bs_report_query_options (job->fork), job->dir,
                                  &job->stop, &job->error);
  return NULL;
}

BsCsvJob *
bs_report_csv_start (BsReportQuery *q, const char *dir, GError **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int e = errno;
      g_set_error (error, BS_ERROR, BS_ERROR_WRITE, "cannot create the folder: %s",
                   g_strerror (e));
      return NULL;
    }
  BsCsvJob *job = g_new0 (BsCsvJob, 1);
  job->dir = g_strdup (dir);
  job->fork = bs_report_query_fork (q);
  if (job->fork != NULL)
    job->thread = g_thread_new ("failures.csv", failures_thread, job);
  return job;
}

gboolean
bs_report_csv_finish (BsCsvJob *job, BsReportQuery *q, gboolean go_on, GError **error)
{
  const BsReportOptions *o = bs_report_query_options (q);
  if (!go_on)
    g_atomic_int_set (&job->stop, 1);
  if (job->thread != NULL)
    g_thread_join (job->thread);
  else if (go_on)
    job->failures = write_failures (q, o, job->dir, NULL, &job->error);
  gboolean ok = go_on;
  if (ok && job->failures == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      ok = FALSE;
    }
  for (int kind = 0; ok && kind < BS_AGG_COUNT; kind++)
    ok = write_aggregate (q, o, job->dir, (BsAggKind) kind, error);
  if (ok)
    ok = write_addresses (q, o, job->dir, error);
  if (ok)
    ok = bs_out_commit (g_steal_pointer (&job->failures), error);
  bs_out_abort (job->failures);
  g_clear_error (&job->error);
  bs_report_query_free (job->fork);
  g_free (job->dir);
  g_free (job);
  return ok;
}

gboolean
bs_report_csv_query (BsReportQuery *q, const char *dir, GError **error)
{
  BsCsvJob *job = bs_report_csv_start (q, dir, error);
  return job != NULL && bs_report_csv_finish (job, q, TRUE, error);
}

gboolean
bs_report_csv (BsStore *store, const BsReportOptions *options, const char *dir, GError **error)
{
  g_return_val_if_fail (store != NULL && options != NULL && dir != NULL, FALSE);
  g_autoptr (BsReportQuery) q = bs_report_query_new (store, options, error);
  return q != NULL && bs_report_csv_query (q, dir, error);
}
