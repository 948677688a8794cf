/* changes.c - new, cleared and came back: episodes of failure per subject,
 * from failure_days (see changes.h for the definitions), as a list, as the
 * plain text of `bouncescan changes` and as a section of the HTML report
 *
 * One query reads the per-day counts of every subject in (kind, value, day)
 * order; the episodes are cut in C, one subject at a time, so memory holds
 * one subject's days, not the history.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "changes.h"

#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "bs.h"
#include "escape.h"
#include "html.h"

static const char *const kind_names[BS_SUBJECT_COUNT] = {
  [BS_SUBJECT_IP] = "ip",
  [BS_SUBJECT_DESTINATION] = "destination",
  [BS_SUBJECT_BLOCKLIST] = "blocklist",
  [BS_SUBJECT_PROVIDER_CODE] = "provider_code",
};

/* other names the command line accepts for a kind */
static const struct {
  const char *name;
  BsSubjectKind kind;
} kind_aliases[] = {
  { "domain", BS_SUBJECT_DESTINATION },
  { "provider", BS_SUBJECT_PROVIDER_CODE },
  { "provider-code", BS_SUBJECT_PROVIDER_CODE },
  { "sending-ip", BS_SUBJECT_IP },
};

static const char *const type_names[BS_CHANGE_TYPE_COUNT] = {
  [BS_CHANGE_NEW] = "new",
  [BS_CHANGE_BACK] = "back",
  [BS_CHANGE_CLEARED] = "cleared",
};

const char *
bs_subject_kind_name (BsSubjectKind kind)
{
  return kind < BS_SUBJECT_COUNT ? kind_names[kind] : "?";
}

gboolean
bs_subject_kind_parse (const char *name, BsSubjectKind *kind)
{
  for (int i = 0; name != NULL && i < BS_SUBJECT_COUNT; i++)
    if (g_ascii_strcasecmp (name, kind_names[i]) == 0)
      {
        *kind = (BsSubjectKind) i;
        return TRUE;
      }
  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (kind_aliases); i++)
    if (g_ascii_strcasecmp (name, kind_aliases[i].name) == 0)
      {
        *kind = kind_aliases[i].kind;
        return TRUE;
      }
  return FALSE;
}

const char *
bs_change_type_name (BsChangeType type)
{
  return type < BS_CHANGE_TYPE_COUNT ? type_names[type] : "?";
}

/* ---- days ------------------------------------------------------------------ */

/* "YYYY-MM-DD" -> Julian day number; FALSE when it is not a valid day */
static gboolean
day_parse (const char *s, guint32 *jd)
{
  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  int y = atoi (s), m = atoi (s + 5), d = atoi (s + 8);
  if (y < 1 || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  GDate date;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  *jd = g_date_get_julian (&date);
  return TRUE;
}

static char *
day_format (guint32 jd)
{
  if (!g_date_valid_julian (jd))
    return NULL;
  GDate date;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, jd);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static guint32
today_julian (gint64 now)
{
  g_autoptr (GDateTime) t = now > 0 ? g_date_time_new_from_unix_utc (now) : g_date_time_new_now_utc ();
  GDate date;
  g_date_clear (&date, 1);
  if (t == NULL)
    return 0;
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (t),
                  (GDateMonth) g_date_time_get_month (t), (GDateYear) g_date_time_get_year (t));
  return g_date_get_julian (&date);
}

/* ---- episodes ---------------------------------------------------------------- */

typedef struct {
  const BsChangesOptions *o;
  BsChanges *result;
  guint32 quiet;
  guint32 ref;               /* reference day; 0: no failure at all */
  gboolean by_date;          /* window from a day (else: since the previous scan) */
  guint32 since;             /* by_date: first day of the window */
  gint64 previous_run;       /* !by_date: runs after it are the window */
  guint32 ref_before;        /* !by_date: reference day before those runs; 0: none */
  /* the subject being read */
  int kind;
  char *value;
  guint episode;             /* number of the current episode, 0: none yet */
  guint32 start, end;        /* its first and last failure days */
  guint32 previous_end;      /* last failure day of the episode before, 0: none */
  gint64 failures, days;
  gint64 oldest_run;         /* smallest first_run among its days */
} Walk;

static void
change_free (BsChange *c)
{
  g_free (c->value);
  g_free (c->first_day);
  g_free (c->last_day);
  g_free (c->cleared_day);
  g_free (c->previous_last_day);
  g_free (c);
}

static void
add_change (Walk *w, BsChangeType type)
{
  BsChange *c = g_new0 (BsChange, 1);
  c->type = type;
  c->kind = (BsSubjectKind) w->kind;
  c->value = g_strdup (w->value);
  c->first_day = day_format (w->start);
  c->last_day = day_format (w->end);
  c->failures = w->failures;
  c->days = w->days;
  c->episode = w->episode;
  if (type == BS_CHANGE_CLEARED)
    c->cleared_day = day_format (w->end + w->quiet);
  else if (type == BS_CHANGE_BACK && w->previous_end > 0)
    {
      c->previous_last_day = day_format (w->previous_end);
      c->cleared_day = day_format (w->previous_end + w->quiet);
    }
  g_ptr_array_add (w->result->changes, c);
  w->result->count[type]++;
}

/* the current episode is complete: its start and its clearing, when in the window */
static void
close_episode (Walk *w)
{
  if (w->episode == 0)
    return;
  gboolean start_in = w->by_date ? w->start >= w->since : w->oldest_run > w->previous_run;
  if (start_in)
    add_change (w, w->episode == 1 ? BS_CHANGE_NEW : BS_CHANGE_BACK);
  guint32 cleared = w->end + w->quiet;
  if (w->ref > 0 && cleared <= w->ref)
    {
      gboolean clear_in = w->by_date ? cleared >= w->since : cleared > w->ref_before;
      if (clear_in)
        add_change (w, BS_CHANGE_CLEARED);
    }
  else
    w->result->still_failing++;
}

static void
close_subject (Walk *w)
{
  close_episode (w);
  g_clear_pointer (&w->value, g_free);
  w->episode = 0;
  w->previous_end = 0;
}

static void
add_day (Walk *w, int kind, const char *value, guint32 day, gint64 failures, gint64 first_run)
{
  if (w->value == NULL || kind != w->kind || strcmp (value, w->value) != 0)
    {
      close_subject (w);
      w->kind = kind;
      w->value = g_strdup (value);
    }
  else if (day <= w->end + w->quiet)
    {
      /* the same episode goes on */
      w->end = day;
      w->failures += failures;
      w->days++;
      w->oldest_run = MIN (w->oldest_run, first_run);
      return;
    }
  else
    {
      close_episode (w);
      w->previous_end = w->end;
    }
  w->episode++;
  w->start = w->end = day;
  w->failures = failures;
  w->days = 1;
  w->oldest_run = first_run;
}

static int
compare_changes (gconstpointer pa, gconstpointer pb)
{
  const BsChange *a = *(BsChange *const *) pa, *b = *(BsChange *const *) pb;
  if (a->type != b->type)
    return a->type < b->type ? -1 : 1;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->failures != b->failures)
    return a->failures > b->failures ? -1 : 1;
  int c = strcmp (a->value, b->value);
  if (c != 0)
    return c;
  return g_strcmp0 (a->first_day, b->first_day);
}

/* walk the per-day counts of the filter's sender domains, up to cap */
static gboolean
read_days (BsHistoryRead *read, Walk *w, guint32 cap, GError **error)
{
  g_autofree char *cap_day = day_format (cap);
  g_autoptr (BsHistoryIter) it = bs_history_days (read, w->o->filter, cap_day, error);
  if (it == NULL)
    return FALSE;
  BsDayCount row;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_day (it, &row, &local))
    {
      guint32 day;
      int kind = -1;
      for (int k = 0; row.kind != NULL && k < BS_SUBJECT_COUNT; k++)
        if (strcmp (row.kind, kind_names[k]) == 0)
          kind = k;
      if (kind < 0 || row.value == NULL || !day_parse (row.day, &day))
        continue;
      if (w->o->kinds != 0 && (w->o->kinds & (1u << kind)) == 0)
        continue;
      add_day (w, kind, row.value, day, row.failures, row.first_run);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  close_subject (w);
  return TRUE;
}

/* the window "since the previous scan": the latest finished run and the one before */
static gboolean
read_runs (BsHistoryRead *read, BsChanges *r, GError **error)
{
  BsRunEnd last, previous;
  if (!bs_history_finished_runs (read, &last, &previous, error))
    return FALSE;
  r->last_run = last.id;
  r->last_scan = g_steal_pointer (&last.finished);
  r->previous_run = previous.id;
  r->previous_scan = g_steal_pointer (&previous.finished);
  return TRUE;
}

void
bs_changes_free (BsChanges *c)
{
  if (c == NULL)
    return;
  if (c->changes != NULL)
    g_ptr_array_unref (c->changes);
  g_free (c->reference_day);
  g_free (c->since);
  g_free (c->last_scan);
  g_free (c->previous_scan);
  g_free (c);
}

BsChanges *
bs_changes_compute (BsHistoryRead *read, const BsChangesOptions *o, GError **error)
{
  g_return_val_if_fail (read != NULL && o != NULL, NULL);
  g_autoptr (BsChanges) r = g_new0 (BsChanges, 1);
  r->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  r->quiet_days = o->quiet_days > 0 ? o->quiet_days : BS_CHANGES_QUIET_DAYS;
  Walk w = { .o = o, .result = r, .quiet = r->quiet_days };

  const char *since = bs_history_filter_since (o->filter);
  const char *until_text = bs_history_filter_until (o->filter);
  guint32 today = today_julian (o->now), cap = today, until = 0, as_of = 0;
  if ((since != NULL && !day_parse (since, &w.since))
      || (until_text != NULL && !day_parse (until_text, &until))
      || (o->as_of != NULL && !day_parse (o->as_of, &as_of)))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_USAGE, "changes: dates are written YYYY-MM-DD");
      return NULL;
    }
  if (until > 0)
    cap = MIN (cap, until);

  gboolean ok = TRUE;
  /* the reference day: the newest failure of the whole mailbox, not after
   * today (nor after until), unless given */
  g_autofree char *cap_day = day_format (until > 0 ? until : cap);
  g_autofree char *newest = NULL;
  if (as_of > 0)
    w.ref = as_of;
  else if ((ok = bs_history_newest_day (read, cap_day, 0, &newest, error)) && newest != NULL)
    day_parse (newest, &w.ref);
  if (as_of > 0 && until == 0)
    cap = MAX (cap, as_of);
  r->reference_day = w.ref > 0 ? day_format (w.ref) : NULL;

  if (ok && since != NULL)
    {
      w.by_date = TRUE;
      r->since = day_format (w.since);
    }
  else if (ok && (ok = read_runs (read, r, error)))
    {
      w.previous_run = r->previous_run;
      /* where the reference day stood before the window's runs */
      g_autofree char *before = NULL;
      if (r->previous_run > 0
          && (ok = bs_history_newest_day (read, NULL, r->previous_run, &before, error))
          && before != NULL && day_parse (before, &w.ref_before))
        w.ref_before = MIN (w.ref_before, today);
    }
  if (ok)
    ok = read_days (read, &w, cap, error);
  g_free (w.value);
  if (!ok)
    return NULL;
  g_ptr_array_sort (r->changes, compare_changes);
  return g_steal_pointer (&r);
}

gboolean
bs_changes_alarming (const BsChanges *c)
{
  return c != NULL && (c->count[BS_CHANGE_NEW] > 0 || c->count[BS_CHANGE_BACK] > 0);
}

/* ---- plain text ------------------------------------------------------------- */

typedef struct {
  const char *en;
  const char *ja;
} Text;

static const char *const type_titles_en[BS_CHANGE_TYPE_COUNT] = {
  [BS_CHANGE_NEW] = "New",
  [BS_CHANGE_BACK] = "Came back",
  [BS_CHANGE_CLEARED] = "Cleared",
};

static const char *const type_titles_ja[BS_CHANGE_TYPE_COUNT] = {
  [BS_CHANGE_NEW] = "新規",
  [BS_CHANGE_BACK] = "再発",
  [BS_CHANGE_CLEARED] = "解消",
};

static const Text kind_texts[BS_SUBJECT_COUNT] = {
  [BS_SUBJECT_IP] = { "sending IP", "送信元 IP" },
  [BS_SUBJECT_DESTINATION] = { "destination", "宛先ドメイン" },
  [BS_SUBJECT_BLOCKLIST] = { "blocklist", "ブロックリスト" },
  [BS_SUBJECT_PROVIDER_CODE] = { "provider code", "事業者エラーコード" },
};

static const char *
pick (const Text *t, gboolean ja)
{
  return ja ? t->ja : t->en;
}

/* text, then spaces up to width characters (and one more) */
static void
append_padded (GString *s, const char *text, gboolean visible, gsize width)
{
  gsize mark = s->len;
  if (visible)
    bs_escape_visible (s, text, FALSE);
  else
    g_string_append (s, text);
  gsize columns = 0;   /* a wide (CJK) character takes two on a terminal */
  for (const char *p = s->str + mark; *p != '\0'; p = g_utf8_next_char (p))
    columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  for (gsize i = columns; i < width; i++)
    g_string_append_c (s, ' ');
  g_string_append_c (s, ' ');
}

/* a day in the page's form ("5 Mar 2026", "2026年3月5日"), "?" if none */
static void
append_day (GString *s, const char *day, gboolean ja)
{
  bs_date_append (s, ja, day != NULL ? day : "?", BS_DATE_DAY);
}

static void
text_line (GString *s, const BsChange *c, gboolean ja)
{
  g_string_append (s, "  ");
  append_padded (s, pick (&kind_texts[c->kind], ja), FALSE, 14);
  append_padded (s, c->value, TRUE, 24);
  switch (c->type)
    {
    case BS_CHANGE_NEW:
      g_string_append (s, ja ? "最初のエラー " : "first failure ");
      append_day (s, c->first_day, ja);
      break;
    case BS_CHANGE_BACK:
      g_string_append (s, ja ? "再発 " : "failing again since ");
      append_day (s, c->first_day, ja);
      g_string_append (s, ja ? "（解消日 " : " (had cleared ");
      append_day (s, c->cleared_day, ja);
      g_string_append (s, ja ? "、それまでの最後のエラー " : "; last failure before ");
      append_day (s, c->previous_last_day, ja);
      g_string_append (s, ja ? "）" : ")");
      break;
    case BS_CHANGE_CLEARED:
    default:
      g_string_append (s, ja ? "解消 " : "cleared ");
      append_day (s, c->cleared_day, ja);
      g_string_append (s, ja ? "（最後のエラー " : " (no failure since ");
      append_day (s, c->last_day, ja);
      g_string_append (s, ja ? "）" : ")");
      break;
    }
  if (ja)
    g_string_append_printf (s, ": エラー %" G_GINT64_FORMAT "件、%" G_GINT64_FORMAT "日間",
                            c->failures, c->days);
  else
    g_string_append_printf (s, ": %" G_GINT64_FORMAT " %s on %" G_GINT64_FORMAT " %s",
                            c->failures, c->failures == 1 ? "failure" : "failures", c->days,
                            c->days == 1 ? "day" : "days");
  if (c->type == BS_CHANGE_CLEARED)
    {
      g_string_append (s, ja ? "、最初のエラー " : " from ");
      append_day (s, c->first_day, ja);
    }
  else if (strcmp (c->last_day, c->first_day) != 0)
    {
      g_string_append (s, ja ? "、最後のエラー " : ", last ");
      append_day (s, c->last_day, ja);
    }
  g_string_append_c (s, '\n');
}

/* a scan's end (UTC ISO 8601) in the page's form, in the zone of filter
 * (named once, at the end of the header) or in UTC */
static void
append_scan_time (GString *s, const char *iso, const BsHistoryFilter *filter, gboolean ja)
{
  char day[11], time[32];
  if (bs_history_filter_is_local (filter) && bs_history_filter_localise (filter, iso, day, time))
    bs_date_append (s, ja, time, BS_DATE_TIME);
  else
    {
      bs_date_append (s, ja, iso != NULL ? iso : "?", BS_DATE_TIME);
      g_string_append (s, " UTC");
    }
}

void
bs_changes_text_header (GString *s, const BsChanges *c, const BsHistoryFilter *filter,
                        gboolean ja)
{
  const char *zone = filter != NULL ? bs_history_filter_time_zone_name (filter) : NULL;
  if (c->since != NULL)
    {
      g_string_append (s, ja ? "" : "Changes since ");
      append_day (s, c->since, ja);
      g_string_append (s, ja ? " 以降の変化" : "");
    }
  else if (c->last_run == 0)
    g_string_append (s, ja ? "変化: 履歴に完了したスキャンがまだありません"
                           : "Changes: no finished scan in the history yet");
  else
    {
      g_string_append_printf (s, ja ? "スキャン %" G_GINT64_FORMAT " による変化（終了 "
                                     : "Changes brought by scan %" G_GINT64_FORMAT " (finished ",
                              c->last_run);
      append_scan_time (s, c->last_scan, filter, ja);
      g_string_append (s, ja ? "）" : ")");
      if (c->previous_run > 0)
        {
          g_string_append_printf (s, ja ? "、スキャン %" G_GINT64_FORMAT "（" : " since scan %"
                                  G_GINT64_FORMAT " (", c->previous_run);
          append_scan_time (s, c->previous_scan, filter, ja);
          g_string_append (s, ja ? "）以降" : ")");
        }
      else
        g_string_append (s, ja ? "、最初のスキャン" : ", the first scan");
    }
  g_string_append_printf (s, ja ? "。解消 = %u日間エラーなし、判定日 "
                                : "; cleared = no failure for %u days, judged at ", c->quiet_days);
  if (c->reference_day != NULL)
    append_day (s, c->reference_day, ja);
  else
    g_string_append (s, ja ? "（エラーなし）" : "(no failure yet)");
  if (zone != NULL)
    g_string_append_printf (s, ja ? "（日付と時刻は %s）" : " (days and times in %s)", zone);
  g_string_append (s, ja ? "。\n" : ".\n");
}

guint
bs_changes_text_body (GString *s, const BsChanges *c, guint limit, gint64 min_failures, gboolean ja)
{
  guint total = 0;
  /* with a threshold, the novelties only: what is new or came back */
  int types = min_failures > 0 ? BS_CHANGE_CLEARED : BS_CHANGE_TYPE_COUNT;
  for (int t = 0; t < types; t++)
    {
      guint n = 0;
      for (guint i = 0; i < c->changes->len; i++)
        {
          const BsChange *ch = g_ptr_array_index (c->changes, i);
          n += (int) ch->type == t && ch->failures >= min_failures;
        }
      if (n == 0)
        continue;
      total += n;
      g_string_append_printf (s, "%s (%u):\n", ja ? type_titles_ja[t] : type_titles_en[t], n);
      /* the changes are sorted by type then kind: at most limit of each kind */
      guint shown = 0, hidden = 0;
      int kind = -1;
      for (guint i = 0; i <= c->changes->len; i++)
        {
          const BsChange *ch = i < c->changes->len ? g_ptr_array_index (c->changes, i) : NULL;
          if (ch != NULL && ((int) ch->type != t || ch->failures < min_failures))
            continue;
          if (ch == NULL || (int) ch->kind != kind)
            {
              if (hidden > 0)
                {
                  g_string_append (s, "  ");
                  append_padded (s, pick (&kind_texts[kind], ja), FALSE, 14);
                  g_string_append_printf (s, ja ? "ほか %u件\n" : "... and %u more\n", hidden);
                }
              if (ch == NULL)
                break;
              kind = (int) ch->kind;
              shown = hidden = 0;
            }
          if (limit > 0 && shown >= limit)
            hidden++;
          else
            {
              text_line (s, ch, ja);
              shown++;
            }
        }
    }
  return total;
}

char *
bs_changes_text (const BsChanges *c, guint limit)
{
  GString *s = g_string_new (NULL);
  bs_changes_text_header (s, c, NULL, FALSE);
  if (bs_changes_text_body (s, c, limit, 0, FALSE) == 0)
    g_string_append (s, "Nothing new, nothing came back, nothing cleared.\n");
  g_string_append_printf (s, "Still failing: %" G_GINT64_FORMAT ".\n", c->still_failing);
  return g_string_free (s, FALSE);
}

/* ---- HTML section ------------------------------------------------------------ */


typedef enum {
  H_TITLE,
  H_SINCE,
  H_SINCE_SCAN,
  H_FIRST_SCAN,
  H_QUIET,
  H_JUDGED,
  H_NOTHING,
  H_STILL,
  H_COL_CHANGE,
  H_COL_KIND,
  H_COL_VALUE,
  H_COL_FIRST,
  H_COL_LAST,
  H_COL_CLEARED,
  H_COL_FAILURES,
  H_COL_DAYS,
  H_MORE,
  H_COUNT
} HLabel;

static const Text html_labels[H_COUNT] = {
  [H_TITLE] = { "What changed", "変化（新規・解消・再発）" },
  [H_SINCE] = { "Since ", "対象: " },
  [H_SINCE_SCAN] = { "Since the previous scan, finished ", "前回のスキャン以降（前回終了: " },
  [H_FIRST_SCAN] = { "Since the first scan", "最初のスキャン以降" },
  [H_QUIET] = { "Cleared means no failure for this many days: ", "解消: 次の日数のあいだ配信エラーなし: " },
  [H_JUDGED] = { "judged at ", "判定日: " },
  [H_NOTHING] = { "Nothing new, nothing came back, nothing cleared.",
                  "新たな問題、再発、解消はありません。" },
  [H_STILL] = { "Still failing: ", "継続中: " },
  [H_COL_CHANGE] = { "Change", "変化" },
  [H_COL_KIND] = { "About", "対象" },
  [H_COL_VALUE] = { "Value", "値" },
  [H_COL_FIRST] = { "First failure", "最初のエラー" },
  [H_COL_LAST] = { "Last failure", "最後のエラー" },
  [H_COL_CLEARED] = { "Cleared", "解消日" },
  [H_COL_FAILURES] = { "Failures", "エラー件数" },
  [H_COL_DAYS] = { "Days", "日数" },
  [H_MORE] = { "Rows shown / all: ", "表示件数 / 全件: " },
};

static const Text type_texts[BS_CHANGE_TYPE_COUNT] = {
  [BS_CHANGE_NEW] = { "new", "新規" },
  [BS_CHANGE_BACK] = { "came back", "再発" },
  [BS_CHANGE_CLEARED] = { "cleared", "解消" },
};


static void
cell (GString *out, const char *cls, const char *value)
{
  g_string_append (out, cls != NULL ? "<td class=\"" : "<td");
  if (cls != NULL)
    {
      g_string_append (out, cls);
      g_string_append (out, "\"");
    }
  g_string_append (out, ">");
  if (value != NULL)
    bs_escape_html (out, value);
  g_string_append (out, "</td>");
}

/* a day or a time in the page's own form (html.h) */
static void
date_text (GString *out, gboolean ja, const char *value, BsDateStyle style)
{
  BsHtml h = { out, NULL, ja, NULL };
  bs_html_date (&h, value, style);
}

static void
date_cell (GString *out, gboolean ja, const char *value)
{
  g_string_append (out, "<td class=\"t\">");
  if (value != NULL)
    date_text (out, ja, value, BS_DATE_DAY);
  g_string_append (out, "</td>");
}

/* the value of a change: a refusing system by its name, its id after it */
static void
value_cell (GString *out, gboolean ja, const BsChange *ch)
{
  const char *label = ch->kind == BS_SUBJECT_BLOCKLIST ? bs_system_label (ch->value, ja ? "ja" : "en")
                                                       : NULL;
  if (label == NULL)
    {
      cell (out, "ex", ch->value);
      return;
    }
  g_string_append (out, "<td class=\"ex\">");
  bs_escape_html (out, label);
  g_string_append (out, ja ? "<span class=\"tok\">（" : " <span class=\"tok\">(");
  bs_escape_html (out, ch->value);
  g_string_append (out, ja ? "）</span></td>" : ")</span></td>");
}

static void
number_cell (GString *out, gint64 n)
{
  g_string_append_printf (out, "<td class=\"n\">%" G_GINT64_FORMAT "</td>", n);
}

void
bs_changes_html_section (GString *out, const BsChanges *c, gboolean ja, guint limit)
{
  g_string_append (out, "<section id=\"changes\">\n<h2>");
  bs_escape_html (out, pick (&html_labels[H_TITLE], ja));
  g_string_append (out, "</h2>\n<p class=\"note\">");
  if (c->since != NULL)
    {
      bs_escape_html (out, pick (&html_labels[H_SINCE], ja));
      date_text (out, ja, c->since, BS_DATE_DAY);
    }
  else if (c->previous_run > 0)
    {
      bs_escape_html (out, pick (&html_labels[H_SINCE_SCAN], ja));
      date_text (out, ja, c->previous_scan, BS_DATE_TIME);
      if (ja)
        bs_escape_html (out, "）");
    }
  else
    bs_escape_html (out, pick (&html_labels[H_FIRST_SCAN], ja));
  bs_escape_html (out, ja ? "。" : ". ");
  bs_escape_html (out, pick (&html_labels[H_QUIET], ja));
  g_string_append_printf (out, "%u", c->quiet_days);
  bs_escape_html (out, ja ? "、" : ", ");
  bs_escape_html (out, pick (&html_labels[H_JUDGED], ja));
  date_text (out, ja, c->reference_day != NULL ? c->reference_day : "-", BS_DATE_DAY);
  bs_escape_html (out, ja ? "。" : ".");
  g_string_append (out, "</p>\n");
  if (c->changes->len == 0)
    {
      g_string_append (out, "<p>");
      bs_escape_html (out, pick (&html_labels[H_NOTHING], ja));
      g_string_append (out, "</p>\n");
    }
  else
    {
      static const HLabel heads[] = { H_COL_CHANGE, H_COL_KIND, H_COL_VALUE, H_COL_FIRST,
                                      H_COL_LAST, H_COL_CLEARED, H_COL_FAILURES, H_COL_DAYS };
      g_string_append (out, "<div class=\"scroll\">\n<table>\n<thead><tr>");
      for (gsize i = 0; i < G_N_ELEMENTS (heads); i++)
        {
          g_string_append (out, heads[i] == H_COL_FAILURES || heads[i] == H_COL_DAYS
                                  ? "<th class=\"n\">" : "<th>");
          bs_escape_html (out, pick (&html_labels[heads[i]], ja));
          g_string_append (out, "</th>");
        }
      g_string_append (out, "</tr></thead>\n<tbody>\n");
      guint shown[BS_CHANGE_TYPE_COUNT][BS_SUBJECT_COUNT] = { { 0 } };
      guint listed = 0;
      for (guint i = 0; i < c->changes->len; i++)
        {
          const BsChange *ch = g_ptr_array_index (c->changes, i);
          if (limit > 0 && shown[ch->type][ch->kind] >= limit)
            continue;
          shown[ch->type][ch->kind]++;
          listed++;
          g_string_append_printf (out, "<tr class=\"change-%s\">", type_names[ch->type]);
          cell (out, NULL, pick (&type_texts[ch->type], ja));
          cell (out, NULL, pick (&kind_texts[ch->kind], ja));
          value_cell (out, ja, ch);
          date_cell (out, ja, ch->first_day);
          date_cell (out, ja, ch->last_day);
          date_cell (out, ja, ch->cleared_day);
          number_cell (out, ch->failures);
          number_cell (out, ch->days);
          g_string_append (out, "</tr>\n");
        }
      g_string_append (out, "</tbody>\n</table>\n</div>\n");
      guint all = 0;
      for (int t = 0; t < BS_CHANGE_TYPE_COUNT; t++)
        all += c->count[t];
      if (listed < all)
        {
          g_string_append (out, "<p class=\"note\">");
          bs_escape_html (out, pick (&html_labels[H_MORE], ja));
          g_string_append_printf (out, "%u / %u</p>\n", listed, all);
        }
    }
  g_string_append (out, "<p class=\"note\">");
  bs_escape_html (out, pick (&html_labels[H_STILL], ja));
  g_string_append_printf (out, "%" G_GINT64_FORMAT "</p>\n</section>\n", c->still_failing);
}

/* rows of each kind of change and subject in the report's section */
#define HTML_CHANGE_ROWS 20

BsChanges *
bs_changes_for_report (BsHistoryRead *read, const BsReportOptions *ro, GError **error)
{
  BsChangesOptions co = { .filter = ro->filter, .now = ro->generated_at };
  return bs_changes_compute (read, &co, error);
}

gboolean
bs_changes_report_section (GString *out, BsHistoryRead *read, const BsReportOptions *ro,
                           GError **error)
{
  g_autoptr (BsChanges) c = bs_changes_for_report (read, ro, error);
  if (c == NULL)
    return FALSE;
  bs_changes_html_section (out, c, g_strcmp0 (ro->lang, "ja") == 0, HTML_CHANGE_ROWS);
  return TRUE;
}
