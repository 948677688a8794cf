/* checks.c - the live checks (--check) in the HTML report and as text:
 * what each blamed IP's lists say now and since when, its PTR, its sender
 * domain's SPF and DMARC
 *
 * The history of one IP on one list is read from its rows in the checks
 * table, oldest first; only "listed" and "not listed" answers move it (a
 * timeout or a refusal says nothing about the listing): the start of the
 * current listed streak is "listed since", a listed -> not listed step is
 * "delisted on", a not listed -> listed step after a delisting is "listed
 * again on".  A list the bounces named (failures.blocklist) is "still
 * listed" or "no longer listed"; a list DNS cannot ask (Microsoft, Gmail...)
 * gets the date of the last bounce that named it instead.  Times are in the
 * report's zone (--tz) and the page's own date format (html.h:
 * bs_html_date_string), the zone named once.  Sentences are
 * templates with {name} slots, English and Japanese; every value is escaped
 * by reports/escape.c in HTML.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "checks.h"

#include <string.h>

#include "bs.h"
#include "canonical.h"
#include "escape.h"
#include "html.h"

/* IPs and domains shown (the most failing first) */
#define CHECKS_MAX_SUBJECTS 100
/* distinct failing IPs or domains read from the history */
#define CHECKS_MAX_CANDIDATES 2000

/* ---- sentences ------------------------------------------------------------ */

typedef enum {
  T_TITLE,
  T_TEXT_TITLE,
  T_NOTE,
  T_IP_HEAD,
  T_IP_HEAD_ONE,
  T_DOMAIN_HEAD,
  T_STILL_LISTED,
  T_ALSO_LISTED,
  T_LISTED_SINCE,
  T_LISTED_AGAIN,
  T_DELISTED,
  T_NOT_LISTED_BLAMED,
  T_NOT_LISTED,
  T_REFUSED,
  T_NO_ANSWER,
  T_FAILED,
  T_LAST_KNOWN,
  T_STATE_LISTED,
  T_STATE_NOT_LISTED,
  T_NO_DNS,
  T_PTR_OK,
  T_PTR_BAD,
  T_PTR_NONE,
  T_PTR_UNKNOWN,
  T_RECORD_FOUND,
  T_RECORD_NONE,
  T_RECORD_SEVERAL,
  T_RECORD_UNKNOWN,
  T_AGO_TODAY,
  T_AGO_ONE,
  T_AGO_DAYS,
  T_COUNT
} Template;

static const struct {
  const char *en;
  const char *ja;
} templates[T_COUNT] = {
  [T_TITLE] = { "Live checks (DNS)", "DNS による現在の状態の確認" },
  [T_TEXT_TITLE] = { "Live checks (DNS), times in {zone}", "DNS による現在の状態の確認（時刻は {zone}）" },
  [T_NOTE] = { "What DNS answered when bouncescan ran with --check, times in {zone}: the bounces "
               "say what was true when they were written, these lines what is true now.",
               "--check 実行時の DNS の応答です（時刻は {zone}）。エラーメールは書かれた時点の"
               "状態を、ここは現在の状態を示します。" },
  [T_IP_HEAD] = { "{ip}: {n} failures, last bounce {last}",
                  "{ip}: 配送失敗 {n} 件、最後のエラーメール {last}" },
  [T_IP_HEAD_ONE] = { "{ip}: 1 failure, last bounce {last}",
                      "{ip}: 配送失敗 1 件、最後のエラーメール {last}" },
  [T_DOMAIN_HEAD] = { "{domain} (sender domain)", "{domain}（送信元ドメイン）" },
  [T_STILL_LISTED] = { "still listed on {list} as of {time}", "{time} 時点で {list} にまだ登録されています" },
  [T_ALSO_LISTED] = { "also listed on {list} as of {time}", "{time} 時点で {list} にも登録されています" },
  [T_LISTED_SINCE] = { " (listed since {since})", "（{since} から登録）" },
  [T_LISTED_AGAIN] = { "listed again on {list} since {since} (delisted on {delisted}); still listed as of {time}",
                       "{list} に {since} から再登録されています（{delisted} に解除されていました）。{time} 時点で登録中" },
  [T_DELISTED] = { "no longer listed on {list} as of {time} (delisted on {delisted})",
                   "{time} 時点で {list} から解除されています（{delisted} に解除を確認）" },
  [T_NOT_LISTED_BLAMED] = { "not listed on {list} as of {time}, though a bounce named it {ago}",
                            "{time} 時点で {list} に登録されていません（エラーメールでの指摘は{ago}）" },
  [T_NOT_LISTED] = { "not listed on {lists} as of {time}", "{time} 時点で {lists} には登録されていません" },
  [T_REFUSED] = { "{list} cannot be asked through this resolver ({resolver}), so this is not a listing: {detail}. Fix: {fix}",
                  "{list} にはこのリゾルバー（{resolver}）から問い合わせできません（登録されているという意味ではありません）: {detail}。対処: {fix}" },
  [T_NO_ANSWER] = { "no answer from {lists} as of {time}: state unknown",
                    "{time} 時点で {lists} から応答がありません（状態不明）" },
  [T_FAILED] = { "{list} could not be checked as of {time}: {detail}",
                 "{time} 時点で {list} を確認できませんでした: {detail}" },
  [T_LAST_KNOWN] = { " (last known: {state} on {when})", "（最後に確認できた状態: {when} に{state}）" },
  [T_STATE_LISTED] = { "listed", "登録あり" },
  [T_STATE_NOT_LISTED] = { "not listed", "登録なし" },
  [T_NO_DNS] = { "delisted by {list}? cannot be checked by DNS: the last bounce was {ago} ({detail})",
                 "{list} のブロックは解除されましたか? DNS では確認できません。最後のエラーメールは{ago}です（{detail}）" },
  [T_PTR_OK] = { "PTR {answer}, forward-confirmed as of {time}", "PTR {answer}（{time} 時点で正引きも一致）" },
  [T_PTR_BAD] = { "PTR {answer} does not resolve back to {ip}: not forward-confirmed as of {time}",
                  "PTR {answer} の正引きが {ip} に一致しません（{time} 時点）" },
  [T_PTR_NONE] = { "no PTR record as of {time}: many receivers refuse mail from an IP without one",
                   "{time} 時点で PTR レコード（逆引き）がありません。逆引きのない IP からのメールを拒否する受信側は多くあります" },
  [T_PTR_UNKNOWN] = { "PTR could not be checked as of {time}: {detail}",
                      "{time} 時点で PTR を確認できませんでした: {detail}" },
  [T_RECORD_FOUND] = { "{what} {answer} (as of {time}{detail})", "{what} {answer}（{time} 時点{detail}）" },
  [T_RECORD_NONE] = { "no {what} record as of {time}: {detail}", "{time} 時点で {what} レコードがありません: {detail}" },
  [T_RECORD_SEVERAL] = { "{what}: {detail} (as of {time})", "{what}: {detail}（{time} 時点）" },
  [T_RECORD_UNKNOWN] = { "{what} could not be checked as of {time}: {detail}",
                         "{time} 時点で {what} を確認できませんでした: {detail}" },
  [T_AGO_TODAY] = { "less than a day ago", "1 日以内" },
  [T_AGO_ONE] = { "1 day ago", "1 日前" },
  [T_AGO_DAYS] = { "{n} days ago", "{n} 日前" },
};

/* a template with its {name} slots filled from kv (name, value, ..., NULL);
 * an unknown or NULL slot is left empty */
static void
expand (GString *out, const char *tpl, const char *const *kv)
{
  const char *p = tpl;
  while (*p != '\0')
    {
      const char *end = *p == '{' ? strchr (p, '}') : NULL;
      if (end == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      gsize n = (gsize) (end - p - 1);
      for (gsize i = 0; kv[i] != NULL; i += 2)
        if (strlen (kv[i]) == n && strncmp (kv[i], p + 1, n) == 0)
          {
            if (kv[i + 1] != NULL)
              g_string_append (out, kv[i + 1]);
            break;
          }
      p = end + 1;
    }
}

/* ---- the model -------------------------------------------------------------- */

typedef struct {
  char *kind;            /* dnsbl, no-dns, ptr, spf, dmarc */
  char *list, *list_name;
  /* the newest row */
  char *status, *checked_at, *answer, *listed_as, *detail, *fix, *resolver;
  /* the newest "listed" or "not-listed" row, and the history they make */
  char *known_status, *known_at;
  char *listed_since, *delisted_on, *relisted_on;
  char *last_bounce;     /* newest failure that named this list, or NULL */
} State;

typedef struct {
  char *subject;         /* canonical IP, or domain */
  gboolean is_ip;
  gint64 failures;
  char *last_bounce;
  GPtrArray *raw;        /* the failures' own spellings of the IP */
  GPtrArray *states;     /* State * */
} Subject;

typedef struct {
  BsHistoryRead *read;
  const BsReportOptions *o;
  gboolean ja;
  gint64 now;
  BsHtml dates;          /* the page's date format, zone and language (no page) */
} Ctx;

static void
state_free (gpointer p)
{
  State *s = p;
  char **fields[] = { &s->kind, &s->list, &s->list_name, &s->status, &s->checked_at, &s->answer,
                      &s->listed_as, &s->detail, &s->fix, &s->resolver, &s->known_status,
                      &s->known_at, &s->listed_since, &s->delisted_on, &s->relisted_on,
                      &s->last_bounce };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    g_free (*fields[i]);
  g_free (s);
}

static void
subject_free (gpointer p)
{
  Subject *s = p;
  g_free (s->subject);
  g_free (s->last_bounce);
  g_ptr_array_unref (s->raw);
  g_ptr_array_unref (s->states);
  g_free (s);
}

static const char *
tr (const Ctx *x, Template t)
{
  return x->ja ? templates[t].ja : templates[t].en;
}

/* fold one row into the state of its list */
static void
state_add_row (State *s, const BsCheckRow *row)
{
  char **latest[] = { &s->status, &s->checked_at, &s->answer, &s->listed_as, &s->detail,
                      &s->fix, &s->resolver };
  const char *values[] = { row->status, row->checked_at, row->answer, row->listed_as,
                           row->detail, row->fix, row->resolver };
  for (gsize i = 0; i < G_N_ELEMENTS (latest); i++)
    {
      g_free (*latest[i]);
      *latest[i] = g_strdup (values[i]);
    }
  gboolean listed = g_strcmp0 (s->status, "listed") == 0;
  if (!listed && g_strcmp0 (s->status, "not-listed") != 0)
    return;
  gboolean was_listed = g_strcmp0 (s->known_status, "listed") == 0;
  gboolean was_clear = g_strcmp0 (s->known_status, "not-listed") == 0;
  if (listed && !was_listed)
    {
      g_free (s->listed_since);
      s->listed_since = g_strdup (s->checked_at);
      if (was_clear && s->delisted_on != NULL)
        {
          g_free (s->relisted_on);
          s->relisted_on = g_strdup (s->checked_at);
        }
    }
  else if (!listed && was_listed)
    {
      g_free (s->delisted_on);
      s->delisted_on = g_strdup (s->checked_at);
    }
  g_free (s->known_status);
  g_free (s->known_at);
  s->known_status = g_strdup (s->status);
  s->known_at = g_strdup (s->checked_at);
}

/* every check of subject, one State per kind and list */
static gboolean
read_states (Ctx *x, Subject *s, GError **error)
{
  g_autoptr (BsHistoryIter) it = bs_history_checks_of (x->read, s->subject, error);
  if (it == NULL)
    return FALSE;
  State *cur = NULL;
  BsCheckRow row;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_check (it, &row, &local))
    {
      if (cur == NULL || g_strcmp0 (cur->kind, row.kind) != 0 || g_strcmp0 (cur->list, row.list) != 0)
        {
          cur = g_new0 (State, 1);
          cur->kind = g_strdup (row.kind);
          cur->list = g_strdup (row.list);
          g_ptr_array_add (s->states, cur);
        }
      g_free (cur->list_name);
      cur->list_name = g_strdup (row.list_name);
      state_add_row (cur, &row);
    }
  if (local == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* the lists the report's bounces named for this IP (or sender domain: the
 * DBL), with their last bounce */
static gboolean
read_blamed (Ctx *x, Subject *s, GError **error)
{
  BsFailureField field = s->is_ip ? BS_FIELD_SENDING_IP : BS_FIELD_SENDER_DOMAIN;
  for (guint r = 0; r < s->raw->len; r++)
    {
      g_autoptr (BsHistoryIter) it = bs_history_blamed_lists (x->read, x->o->filter, field,
                                                              g_ptr_array_index (s->raw, r), error);
      if (it == NULL)
        return FALSE;
      BsFailingRow row;
      g_autoptr (GError) local = NULL;
      while (bs_history_next_failing (it, &row, &local))
        for (guint i = 0; i < s->states->len; i++)
          {
            State *state = g_ptr_array_index (s->states, i);
            if (g_strcmp0 (state->list, row.value) == 0 && strcmp (state->kind, "ptr") != 0
                && (state->last_bounce == NULL || g_strcmp0 (row.last_seen, state->last_bounce) > 0))
              {
                g_free (state->last_bounce);
                state->last_bounce = g_strdup (row.last_seen);
              }
          }
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

static gint
by_failures (gconstpointer a, gconstpointer b)
{
  const Subject *x = *(const Subject *const *) a, *y = *(const Subject *const *) b;
  if (x->failures != y->failures)
    return x->failures > y->failures ? -1 : 1;
  return strcmp (x->subject, y->subject);
}

/* the report's failing IPs (is_ip) or sender domains, one per canonical
 * form, with the failures' own spellings */
static GPtrArray *
read_candidates (Ctx *x, gboolean is_ip, GError **error)
{
  g_autoptr (BsHistoryIter) it =
    bs_history_failing (x->read, x->o->filter, is_ip ? BS_FIELD_SENDING_IP : BS_FIELD_SENDER_DOMAIN,
                        CHECKS_MAX_CANDIDATES, error);
  if (it == NULL)
    return NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (subject_free);
  BsFailingRow row;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_failing (it, &row, &local))
    {
      g_autofree char *canon = is_ip ? bs_canonical_ip (row.value) : bs_canonical_domain (row.value);
      if (canon == NULL)
        continue;
      Subject *s = g_hash_table_lookup (seen, canon);
      if (s == NULL)
        {
          s = g_new0 (Subject, 1);
          s->subject = g_steal_pointer (&canon);
          s->is_ip = is_ip;
          s->raw = g_ptr_array_new_with_free_func (g_free);
          s->states = g_ptr_array_new_with_free_func (state_free);
          g_hash_table_insert (seen, s->subject, s);
          g_ptr_array_add (all, s);
        }
      g_ptr_array_add (s->raw, g_strdup (row.value));
      s->failures += row.failures;
      if (row.last_seen != NULL && g_strcmp0 (row.last_seen, s->last_bounce) > 0)
        {
          g_free (s->last_bounce);
          s->last_bounce = g_strdup (row.last_seen);
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&all);
}

/* the report's failing IPs (is_ip) or sender domains that have checks */
static GPtrArray *
read_subjects (Ctx *x, gboolean is_ip, GError **error)
{
  g_autoptr (GPtrArray) all = read_candidates (x, is_ip, error);
  if (all == NULL)
    return NULL;
  g_ptr_array_sort (all, by_failures);
  GPtrArray *out = g_ptr_array_new_with_free_func (subject_free);
  for (guint i = 0; i < all->len && out->len < CHECKS_MAX_SUBJECTS; i++)
    {
      Subject *s = g_ptr_array_index (all, i);
      if (!read_states (x, s, error) || !read_blamed (x, s, error))
        {
          g_ptr_array_unref (out);
          return NULL;
        }
      if (s->states->len > 0)
        g_ptr_array_add (out, g_ptr_array_steal_index (all, i)), i--;
    }
  return out;
}

/* ---- lines ------------------------------------------------------------------- */

typedef enum { MARK_BAD, MARK_GOOD, MARK_UNKNOWN } Mark;

typedef struct {
  Mark mark;
  char *text;
} Line;

static void
line_free (gpointer p)
{
  Line *l = p;
  g_free (l->text);
  g_free (l);
}

/* "2026-03-05T10:20:30Z" as the page shows a time: in the report's zone,
 * "5 Mar 2026 19:20" or "2026年3月5日 19:20" */
static char *
when (const Ctx *x, const char *iso)
{
  if (iso == NULL)
    return g_strdup ("?");
  return bs_html_date_string (&x->dates, iso, BS_DATE_TIME);
}

char *
bs_report_checks_ago (const char *iso, gint64 now, const char *lang)
{
  gboolean ja = lang != NULL && g_str_has_prefix (lang, "ja");
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) t = iso ? g_date_time_new_from_iso8601 (iso, utc) : NULL;
  if (t == NULL)
    return g_strdup ("?");
  gint64 days = (now - g_date_time_to_unix (t)) / 86400;
  if (days < 1)
    return g_strdup (ja ? templates[T_AGO_TODAY].ja : templates[T_AGO_TODAY].en);
  if (days == 1)
    return g_strdup (ja ? templates[T_AGO_ONE].ja : templates[T_AGO_ONE].en);
  g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, days);
  GString *s = g_string_new (NULL);
  const char *const kv[] = { "n", n, NULL };
  expand (s, ja ? templates[T_AGO_DAYS].ja : templates[T_AGO_DAYS].en, kv);
  return g_string_free (s, FALSE);
}

static void
add_line (GPtrArray *lines, Mark mark, GString *text)
{
  Line *l = g_new0 (Line, 1);
  l->mark = mark;
  l->text = g_strdup (text->str);
  g_ptr_array_add (lines, l);
  g_string_truncate (text, 0);
}

/* "Spamhaus ZEN (Spamhaus PBL)", or the sub-list's own name */
static char *
shown_name (const State *s)
{
  const char *name = s->list_name ? s->list_name : s->list;
  if (s->listed_as != NULL && g_strcmp0 (s->listed_as, name) != 0
      && g_strcmp0 (s->status, "listed") == 0)
    return g_strdup_printf ("%s (%s)", name, s->listed_as);
  return g_strdup (name);
}

/* " (last known: listed on 2026-03-01 ...)" after an unknown state */
static void
last_known (const Ctx *x, GString *out, const State *s)
{
  if (s->known_status == NULL)
    return;
  g_autofree char *at = when (x, s->known_at);
  const char *state = tr (x, strcmp (s->known_status, "listed") == 0 ? T_STATE_LISTED
                                                                      : T_STATE_NOT_LISTED);
  const char *const kv[] = { "state", state, "when", at, NULL };
  expand (out, tr (x, T_LAST_KNOWN), kv);
}

static void
dnsbl_lines (const Ctx *x, const Subject *subj, GPtrArray *lines)
{
  g_autoptr (GString) t = g_string_new (NULL);
  g_autoptr (GString) clear = g_string_new (NULL), silent = g_string_new (NULL);
  const char *clear_at = NULL, *silent_at = NULL;
  /* the lists the bounces named first, then the default set */
  for (guint i = 0; i < 2 * subj->states->len; i++)
    {
      const State *s = g_ptr_array_index (subj->states, i % subj->states->len);
      gboolean blamed = s->last_bounce != NULL;
      if (strcmp (s->kind, "dnsbl") != 0 || blamed != (i < subj->states->len))
        continue;
      g_autofree char *name = shown_name (s);
      g_autofree char *at = when (x, s->checked_at);
      g_autofree char *since = when (x, s->listed_since);
      g_autofree char *delisted = when (x, s->delisted_on);
      g_autofree char *ago = bs_report_checks_ago (s->last_bounce, x->now, x->ja ? "ja" : "en");
      const char *const kv[] = { "list", name, "time", at, "since", since, "delisted", delisted,
                                 "ago", ago, "detail", s->detail, "fix", s->fix,
                                 "resolver", s->resolver, NULL };
      if (strcmp (s->status, "listed") == 0)
        {
          if (s->relisted_on != NULL && g_strcmp0 (s->relisted_on, s->listed_since) == 0)
            expand (t, tr (x, T_LISTED_AGAIN), kv);
          else
            {
              expand (t, tr (x, blamed ? T_STILL_LISTED : T_ALSO_LISTED), kv);
              if (g_strcmp0 (s->listed_since, s->checked_at) != 0)
                expand (t, tr (x, T_LISTED_SINCE), kv);
            }
          add_line (lines, MARK_BAD, t);
        }
      else if (strcmp (s->status, "not-listed") == 0 && (s->delisted_on != NULL || blamed))
        {
          expand (t, tr (x, s->delisted_on != NULL ? T_DELISTED : T_NOT_LISTED_BLAMED), kv);
          add_line (lines, MARK_GOOD, t);
        }
      else if (strcmp (s->status, "not-listed") == 0)
        {
          g_string_append_printf (clear, "%s%s", clear->len ? ", " : "", name);
          if (clear_at == NULL || g_strcmp0 (s->checked_at, clear_at) > 0)
            clear_at = s->checked_at;
        }
      else if (strcmp (s->status, "refused") == 0)
        {
          expand (t, tr (x, T_REFUSED), kv);
          last_known (x, t, s);
          add_line (lines, MARK_UNKNOWN, t);
        }
      else if (strcmp (s->status, "timeout") == 0 && !blamed && s->known_status == NULL)
        {
          g_string_append_printf (silent, "%s%s", silent->len ? ", " : "", name);
          if (silent_at == NULL || g_strcmp0 (s->checked_at, silent_at) > 0)
            silent_at = s->checked_at;
        }
      else
        {
          const char *const one[] = { "lists", name, "list", name, "time", at,
                                      "detail", s->detail, NULL };
          expand (t, tr (x, strcmp (s->status, "timeout") == 0 ? T_NO_ANSWER : T_FAILED), one);
          last_known (x, t, s);
          add_line (lines, MARK_UNKNOWN, t);
        }
    }
  if (clear->len > 0)
    {
      g_autofree char *at = when (x, clear_at);
      const char *const kv[] = { "lists", clear->str, "time", at, NULL };
      expand (t, tr (x, T_NOT_LISTED), kv);
      add_line (lines, MARK_GOOD, t);
    }
  if (silent->len > 0)
    {
      g_autofree char *at = when (x, silent_at);
      const char *const kv[] = { "lists", silent->str, "time", at, NULL };
      expand (t, tr (x, T_NO_ANSWER), kv);
      add_line (lines, MARK_UNKNOWN, t);
    }
}

static void
other_lines (const Ctx *x, const Subject *subj, GPtrArray *lines)
{
  g_autoptr (GString) t = g_string_new (NULL);
  for (guint i = 0; i < subj->states->len; i++)
    {
      const State *s = g_ptr_array_index (subj->states, i);
      g_autofree char *at = when (x, s->checked_at);
      g_autofree char *ago = bs_report_checks_ago (s->last_bounce, x->now, x->ja ? "ja" : "en");
      gboolean spf = strcmp (s->kind, "spf") == 0;
      g_autofree char *extra = s->detail != NULL ? g_strconcat (", ", s->detail, NULL) : NULL;
      const char *const kv[] = { "list", s->list_name ? s->list_name : s->list, "ago", ago,
                                 "detail", s->detail, "answer", s->answer, "time", at,
                                 "ip", subj->subject, "what", spf ? "SPF" : "DMARC", NULL };
      const char *const found[] = { "what", spf ? "SPF" : "DMARC", "answer", s->answer,
                                    "time", at, "detail", spf ? NULL : extra, NULL };
      if (strcmp (s->kind, "no-dns") == 0)
        {
          if (s->last_bounce == NULL)
            continue; /* not named by a bounce of this report */
          expand (t, tr (x, T_NO_DNS), kv);
          add_line (lines, MARK_UNKNOWN, t);
        }
      else if (strcmp (s->kind, "ptr") == 0)
        {
          Template tp = strcmp (s->status, "confirmed") == 0 ? T_PTR_OK
                        : strcmp (s->status, "unconfirmed") == 0 ? T_PTR_BAD
                        : strcmp (s->status, "none") == 0 ? T_PTR_NONE : T_PTR_UNKNOWN;
          expand (t, tr (x, tp), kv);
          add_line (lines, tp == T_PTR_OK ? MARK_GOOD : tp == T_PTR_UNKNOWN ? MARK_UNKNOWN : MARK_BAD, t);
        }
      else if (spf || strcmp (s->kind, "dmarc") == 0)
        {
          if (strcmp (s->status, "found") == 0)
            expand (t, tr (x, T_RECORD_FOUND), found);
          else
            expand (t, tr (x, strcmp (s->status, "none") == 0 ? T_RECORD_NONE
                              : strcmp (s->status, "several") == 0 ? T_RECORD_SEVERAL
                              : T_RECORD_UNKNOWN), kv);
          add_line (lines, strcmp (s->status, "found") == 0 ? MARK_GOOD
                           : strcmp (s->status, "none") == 0 || strcmp (s->status, "several") == 0
                           ? MARK_BAD : MARK_UNKNOWN, t);
        }
    }
}

static GPtrArray *
subject_lines (const Ctx *x, const Subject *s)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (line_free);
  dnsbl_lines (x, s, lines);
  other_lines (x, s, lines);
  return lines;
}

static char *
subject_head (const Ctx *x, const Subject *s)
{
  GString *t = g_string_new (NULL);
  g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, s->failures);
  g_autofree char *last = when (x, s->last_bounce);
  const char *const kv[] = { "ip", s->subject, "domain", s->subject, "n", n, "last", last, NULL };
  expand (t, tr (x, !s->is_ip ? T_DOMAIN_HEAD : s->failures == 1 ? T_IP_HEAD_ONE : T_IP_HEAD), kv);
  return g_string_free (t, FALSE);
}

/* ---- writers ------------------------------------------------------------------ */

static gboolean
collect (BsHistoryRead *read, const BsReportOptions *o, Ctx *x, GPtrArray **ips,
         GPtrArray **domains, GError **error)
{
  memset (x, 0, sizeof *x);
  x->read = read;
  x->o = o;
  x->ja = o->lang != NULL && g_str_has_prefix (o->lang, "ja");
  x->now = o->generated_at > 0 ? o->generated_at : g_get_real_time () / G_USEC_PER_SEC;
  x->dates = (BsHtml) { NULL, o, x->ja, NULL };
  *ips = *domains = NULL;
  if (!bs_history_has_checks (read))
    return TRUE;
  *ips = read_subjects (x, TRUE, error);
  if (*ips == NULL)
    return FALSE;
  *domains = read_subjects (x, FALSE, error);
  return *domains != NULL;
}

static const char *const mark_class[] = { "bad", "good", "unknown" };
static const char *const mark_symbol[] = { "\u2717", "\u2713", "?" };

static void
html_subjects (const Ctx *x, GString *out, GPtrArray *subjects)
{
  for (guint i = 0; subjects != NULL && i < subjects->len; i++)
    {
      const Subject *s = g_ptr_array_index (subjects, i);
      g_autofree char *head = subject_head (x, s);
      g_autoptr (GPtrArray) lines = subject_lines (x, s);
      if (lines->len == 0)
        continue;
      g_string_append (out, "<h3>");
      bs_escape_html (out, head);
      g_string_append (out, "</h3>\n<ul class=\"checks\">\n");
      for (guint k = 0; k < lines->len; k++)
        {
          const Line *l = g_ptr_array_index (lines, k);
          g_string_append_printf (out, "<li class=\"%s\"><span class=\"mark\">%s</span> ",
                                  mark_class[l->mark], mark_symbol[l->mark]);
          bs_escape_html (out, l->text);
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ul>\n");
    }
}

gboolean
bs_report_checks_html (BsHistoryRead *read, const BsReportOptions *o, GString *out, GError **error)
{
  g_return_val_if_fail (read != NULL && o != NULL && out != NULL, FALSE);
  Ctx x;
  g_autoptr (GPtrArray) ips = NULL, domains = NULL;
  gboolean ok = collect (read, o, &x, &ips, &domains, error);
  if (ok && ((ips != NULL && ips->len > 0) || (domains != NULL && domains->len > 0)))
    {
      /* styled by the page's stylesheet (html_assets.c): the page's CSP
       * allows no other style block */
      g_string_append (out, "<section id=\"checks\">\n<h2>");
      bs_escape_html (out, tr (&x, T_TITLE));
      g_string_append (out, "</h2>\n<p class=\"note\">");
      g_autoptr (GString) note = g_string_new (NULL);
      const char *const zone[] = { "zone", bs_history_filter_time_zone_name (o->filter), NULL };
      expand (note, tr (&x, T_NOTE), zone);
      bs_escape_html (out, note->str);
      g_string_append (out, "</p>\n");
      html_subjects (&x, out, ips);
      html_subjects (&x, out, domains);
      g_string_append (out, "</section>\n");
    }
  return ok;
}

static void
text_subjects (const Ctx *x, GString *out, GPtrArray *subjects)
{
  for (guint i = 0; subjects != NULL && i < subjects->len; i++)
    {
      const Subject *s = g_ptr_array_index (subjects, i);
      g_autofree char *head = subject_head (x, s);
      g_autoptr (GPtrArray) lines = subject_lines (x, s);
      if (lines->len == 0)
        continue;
      g_string_append (out, "  ");
      bs_escape_visible (out, head, FALSE);
      g_string_append_c (out, '\n');
      for (guint k = 0; k < lines->len; k++)
        {
          const Line *l = g_ptr_array_index (lines, k);
          /* texts from the history: controls made visible, as in the reports */
          g_string_append_printf (out, "    %s ", mark_symbol[l->mark]);
          bs_escape_visible (out, l->text, FALSE);
          g_string_append_c (out, '\n');
        }
    }
}

gboolean
bs_report_checks_text (BsHistoryRead *read, const BsReportOptions *o, GString *out, GError **error)
{
  g_return_val_if_fail (read != NULL && o != NULL && out != NULL, FALSE);
  Ctx x;
  g_autoptr (GPtrArray) ips = NULL, domains = NULL;
  gboolean ok = collect (read, o, &x, &ips, &domains, error);
  if (ok && ((ips != NULL && ips->len > 0) || (domains != NULL && domains->len > 0)))
    {
      /* the zone's name may come from TZ: made visible, as the lines are */
      g_autoptr (GString) title = g_string_new (NULL);
      const char *const zone[] = { "zone", bs_history_filter_time_zone_name (o->filter), NULL };
      expand (title, tr (&x, T_TEXT_TITLE), zone);
      bs_escape_visible (out, title->str, FALSE);
      g_string_append (out, ":\n");
      text_subjects (&x, out, ips);
      text_subjects (&x, out, domains);
    }
  return ok;
}
