/* classify.c - walk the rule tables to give each record its verdict
 *
 * Owns the order in which the tables of analyzer/rules/ are consulted, and
 * the verdict fields of a record: reason, hard_bounce, blocklist,
 * provider_code, sending_ip (+ sending_ip_from), rule and evidence, and a
 * status when the bounce gave none.  The decision order follows Sisimai's
 * (Data.pm, Reason.pm; BSD-2-Clause, azumakuniyuki) with Sisimai 5's
 * reasons.  Precedence, highest first (docs/classification.md says more):
 *
 *  1. a reason the format stated that is not a failure (delivered, vacation,
 *     feedback) is kept as it is;
 *  2. the user's rules file (--rules), first matching rule;
 *  3. any other reason the format stated, when it is a definite one (not in
 *     the "retry" set: undefined, onhold, systemerror, securityerror,
 *     expired, networkerror, hostunknown, userunknown);
 *  4. an MTA's own wording (rules/format.c), same definite/retry split;
 *  5. a 2.x.x status: delivered;
 *  6. the provider's own rules (rules/rhost.c), chosen by the recipient's
 *     domain or the remote MTA's name;
 *  7. the ordered reason tests: each weighs the status meaning
 *     (rules/status.c), the phrases (rules/phrases.c), the SMTP command and
 *     a retry-set reason the format stated, in Sisimai 5's order
 *     (mailboxfull ... blocked, see order0 below);
 *  8. the retry-set reason the format stated;
 *  9. the status meaning, or, when it says nothing definite, the phrase
 *     groups of order1, then the status class (X.6 content, X.7 security),
 *     x-unix diagnostics, 50x replies (syntax), delayed (expired), a refusal
 *     at HELO (blocked);
 * 10. onhold when there is text, else undefined.
 *
 * Then hard_bounce from the reason, and, independently of the reason, the
 * blocklist, provider code and refused sending IP.  Diagnostic text is
 * lower-cased once per record and searched with strstr; no regex.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "classify.h"
#include "find.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bs.h"
#include "rules/rules.h"
#include "smtp.h"

/* ------------------------------------------------------------------------ */
/* user rules                                                               */

typedef struct {
  char *name;
  guint line;
  GPtrArray *diagnostic;  /* lower-case substrings, all must appear */
  char *status;           /* exact, or a prefix ending in '.' */
  char *reply;            /* "550", or "5xx" */
  char *remote_mta;       /* lower-case substring */
  char *domain;           /* lower-case domain or parent domain */
  char *command;          /* upper case */
  char *mta;              /* lower-case substring of the format name */
  BsReason reason;
  int hard;               /* -1: from the reason, 0, 1 */
  char *blocklist;
} UserRule;

static GPtrArray *user_rules; /* UserRule *; written only by bs_classify_load_rules */

static void
user_rule_free (UserRule *u)
{
  if (u == NULL)
    return;
  g_free (u->name);
  if (u->diagnostic)
    g_ptr_array_unref (u->diagnostic);
  g_free (u->status);
  g_free (u->reply);
  g_free (u->remote_mta);
  g_free (u->domain);
  g_free (u->command);
  g_free (u->mta);
  g_free (u->blocklist);
  g_free (u);
}

static gboolean
valid_id (const char *s)
{
  if (*s == '\0' || strlen (s) > 64)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static gboolean
rule_error (GError **error, const char *path, guint line, const char *fmt, ...) G_GNUC_PRINTF (4, 5);

static gboolean
rule_error (GError **error, const char *path, guint line, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, BS_ERROR, BS_ERROR_PARSE, "%s:%u: %s", path, line, msg);
  return FALSE;
}

static gboolean
rule_complete (UserRule *u, const char *path, GError **error)
{
  if (u->reason == BS_REASON_NONE)
    return rule_error (error, path, u->line, "rule \"%s\" has no \"reason =\" line", u->name);
  if (u->diagnostic->len == 0 && !u->status && !u->reply && !u->remote_mta && !u->domain
      && !u->command && !u->mta)
    return rule_error (error, path, u->line, "rule \"%s\" matches nothing: give at least one of "
                       "diagnostic, status, reply, remote-mta, domain, command, mta", u->name);
  return TRUE;
}

/* the rules file format is documented in docs/rules.md */
gboolean
bs_classify_load_rules (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &text, &len, &local))
    {
      int code = g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? BS_ERROR_NOT_FOUND
                                                                         : BS_ERROR_UNREADABLE;
      g_set_error (error, BS_ERROR, code, "%s: %s", path, local->message);
      return FALSE;
    }
  if (len > 4u * 1024u * 1024u)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_TOO_LARGE, "%s: a rules file over 4 MB is not read", path);
      return FALSE;
    }
  if (!g_utf8_validate (text, (gssize) len, NULL) || memchr (text, '\0', len) != NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_PARSE, "%s: not a UTF-8 text file", path);
      return FALSE;
    }

  g_autoptr (GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) user_rule_free);
  UserRule *cur = NULL;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint lineno = 1; lines[lineno - 1] != NULL; lineno++)
    {
      char *line = g_strstrip (lines[lineno - 1]);
      if (line[0] == '\0' || line[0] == '#' || line[0] == ';')
        continue;
      if (line[0] == '[')
        {
          gsize n = strlen (line);
          if (line[n - 1] != ']' || strncmp (line, "[rule ", 6) != 0)
            return rule_error (error, path, lineno, "expected a group \"[rule NAME]\", got \"%s\"", line);
          line[n - 1] = '\0';
          char *name = g_strstrip (line + 6);
          if (!valid_id (name))
            return rule_error (error, path, lineno, "a rule name is letters, digits, '-', '_' or '.'");
          if (cur != NULL && !rule_complete (cur, path, error))
            return FALSE;
          cur = g_new0 (UserRule, 1);
          cur->name = g_strdup (name);
          cur->line = lineno;
          cur->hard = -1;
          cur->diagnostic = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (rules, cur);
          continue;
        }
      char *eq = strchr (line, '=');
      if (eq == NULL)
        return rule_error (error, path, lineno, "expected \"key = value\", got \"%s\"", line);
      if (cur == NULL)
        return rule_error (error, path, lineno, "\"%s\" comes before any \"[rule NAME]\" group", line);
      *eq = '\0';
      char *key = g_strstrip (line);
      char *value = g_strstrip (eq + 1);
      if (*value == '\0')
        return rule_error (error, path, lineno, "\"%s\" has an empty value", key);
      if (strcmp (key, "diagnostic") == 0)
        g_ptr_array_add (cur->diagnostic, g_utf8_strdown (value, -1));
      else if (strcmp (key, "status") == 0)
        {
          gsize n = strlen (value);
          if (value[n - 1] == '*')
            value[n - 1] = '\0';
          if (!(bs_smtp_status_valid (value) == strlen (value)
                || ((value[0] == '2' || value[0] == '4' || value[0] == '5') && value[1] == '.'
                    && value[strlen (value) - 1] == '.')))
            return rule_error (error, path, lineno, "status \"%s\" is not like 5.7.1 or 5.7.*", value);
          g_free (cur->status);
          cur->status = g_strdup (value);
        }
      else if (strcmp (key, "reply") == 0)
        {
          if (strlen (value) != 3 || (value[0] != '2' && value[0] != '4' && value[0] != '5')
              || !((g_ascii_isdigit (value[1]) && g_ascii_isdigit (value[2]))
                   || (g_ascii_tolower (value[1]) == 'x' && g_ascii_tolower (value[2]) == 'x')))
            return rule_error (error, path, lineno, "reply \"%s\" is not like 550 or 5xx", value);
          g_free (cur->reply);
          cur->reply = g_ascii_strdown (value, -1);
        }
      else if (strcmp (key, "remote-mta") == 0)
        {
          g_free (cur->remote_mta);
          cur->remote_mta = g_ascii_strdown (value, -1);
        }
      else if (strcmp (key, "domain") == 0)
        {
          g_free (cur->domain);
          cur->domain = g_ascii_strdown (value[0] == '@' ? value + 1 : value, -1);
        }
      else if (strcmp (key, "command") == 0)
        {
          g_free (cur->command);
          cur->command = g_ascii_strup (value, -1);
        }
      else if (strcmp (key, "mta") == 0)
        {
          g_free (cur->mta);
          cur->mta = g_ascii_strdown (value, -1);
        }
      else if (strcmp (key, "reason") == 0)
        {
          g_autofree char *r = g_ascii_strdown (value, -1);
          cur->reason = bs_reason_from_name (r);
          if (cur->reason == BS_REASON_NONE)
            return rule_error (error, path, lineno, "unknown reason \"%s\" (see docs/classification.md)", value);
        }
      else if (strcmp (key, "hard-bounce") == 0)
        {
          if (g_ascii_strcasecmp (value, "yes") == 0 || g_ascii_strcasecmp (value, "true") == 0
              || strcmp (value, "1") == 0)
            cur->hard = 1;
          else if (g_ascii_strcasecmp (value, "no") == 0 || g_ascii_strcasecmp (value, "false") == 0
                   || strcmp (value, "0") == 0)
            cur->hard = 0;
          else
            return rule_error (error, path, lineno, "hard-bounce is yes or no, not \"%s\"", value);
        }
      else if (strcmp (key, "blocklist") == 0)
        {
          g_autofree char *b = g_ascii_strdown (value, -1);
          if (!valid_id (b))
            return rule_error (error, path, lineno, "a blocklist id is letters, digits, '-', '_' or '.'");
          g_free (cur->blocklist);
          cur->blocklist = g_steal_pointer (&b);
        }
      else
        return rule_error (error, path, lineno, "unknown key \"%s\" (see docs/rules.md)", key);
    }
  if (cur != NULL && !rule_complete (cur, path, error))
    return FALSE;
  if (rules->len == 0)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_PARSE, "%s: no \"[rule NAME]\" group in the file", path);
      return FALSE;
    }
  if (user_rules == NULL)
    user_rules = g_ptr_array_new_with_free_func ((GDestroyNotify) user_rule_free);
  for (guint i = 0; i < rules->len; i++)
    g_ptr_array_add (user_rules, g_ptr_array_index (rules, i));
  g_ptr_array_set_free_func (rules, NULL);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* one record's facts, normalised once                                      */

typedef struct {
  const BsMail *mail;
  BsRecord *r;
  char *diag;               /* lower case, codes of continuation lines removed; "" if none */
  const char *status;       /* the status the tests use, or "" */
  char *status_own;         /* storage for a status taken from the text */
  BsReason sr;              /* what the status means (rules/status.c), or NONE */
  guint reply;
  char command[8];          /* EHLO HELO MAIL RCPT DATA QUIT CONN, or "" */
  char *rhost;              /* lower-case remote MTA, or "" */
  char *domain;             /* lower-case recipient domain, or "" */
  char *mta;                /* format name: lower-case letters and digits */
  gboolean smtp_type;       /* diagnostic type smtp, or none given */
  gboolean xunix;           /* diagnostic type x-unix / x-postfix */
  BsReason given;           /* retry-set reason the format or a format rule stated */
  char *given_rule;
  const char *provider;     /* rules/rhost.c provider, or NULL */
  guint8 *bigrams;          /* which byte pairs occur in diag: a filter before strstr */
  guint16 *first;           /* 1 + where each byte pair first occurs in diag, or 0 */
  gint16 memo[64];          /* per phrase group: -2 not tried, -1 no match, else the row */
  /* the decision */
  BsReason reason;
  char *rule;
  char *evidence;
} Ctx;

static BsReason
status_meaning (const char *status)
{
  if (status == NULL || *status == '\0')
    return BS_REASON_NONE;
  for (gsize i = 0; i < bs_rules_n_status; i++)
    {
      /* "X.Y.Z": the subject digit tells most rows apart before the whole */
      const char *t = bs_rules_status[i].status;
      if (t[0] == status[0] && t[1] == status[1] && (t[1] == '\0' || t[2] == status[2])
          && strcmp (t, status) == 0)
        return bs_rules_status[i].reason;
    }
  return BS_REASON_NONE;
}

/* evidence text from the lower-case diagnostic, bounded */
static char *
evidence_at (const char *start, const char *end)
{
  if (start == NULL)
    return NULL;
  if (end == NULL || end < start)
    end = start + strlen (start);
  gsize n = (gsize) (end - start);
  if (n > 200)
    n = 200;
  while (n > 0 && ((guchar) start[n] & 0xc0) == 0x80)
    n--; /* do not cut a UTF-8 sequence */
  return g_strndup (start, n);
}

/* phrase_find - pieces of p in order in hay; *end gets the end of the last */
static const char *
phrase_find (const char *hay, const BsPhrase *p, const char **end)
{
  if (p->piece[0] == NULL)
    return NULL;
  const char *first = bs_strstr (hay, p->piece[0]);
  if (first == NULL)
    return NULL;
  const char *at = first + strlen (p->piece[0]);
  for (int i = 1; i < BS_RULE_PIECES && p->piece[i] != NULL; i++)
    {
      const char *next = bs_strstr (at, p->piece[i]);
      if (next == NULL)
        return NULL;
      at = next + strlen (p->piece[i]);
    }
  if (end)
    *end = at;
  return first;
}

/* A phrase's filter: three byte pairs of its first piece (first, middle,
 * last), computed once for every table row.  A row whose pairs do not all
 * occur in the diagnostic cannot match, and strstr is not called. */
typedef struct {
  guint16 k[3];             /* 0: no filter (a piece shorter than 2 bytes) */
} Filter;

static Filter *filters_groups[64];
static const BsPhraseGroup *group_by_reason[BS_REASON_COUNT];
static Filter *filters_provider, *filters_blocklist, *filters_format;

static void
filter_of (const BsPhrase *p, Filter *f)
{
  const char *piece = p->piece[0];
  gsize n = piece ? strlen (piece) : 0;
  if (n < 2)
    {
      f->k[0] = f->k[1] = f->k[2] = 0;
      return;
    }
  gsize at[3] = { 0, (n - 2) / 2, n - 2 };
  for (int i = 0; i < 3; i++)
    f->k[i] = (guint16) (((guint) (guchar) piece[at[i]] << 8) | (guchar) piece[at[i] + 1]);
}

static void
filters_init (void)
{
  static gsize once = 0;
  if (!g_once_init_enter (&once))
    return;
  for (gsize g = 0; g < bs_rules_n_phrase_groups && g < G_N_ELEMENTS (filters_groups); g++)
    {
      const BsPhraseGroup *grp = &bs_rules_phrase_groups[g];
      if (grp->reason < BS_REASON_COUNT)
        group_by_reason[grp->reason] = grp;
      filters_groups[g] = g_new0 (Filter, grp->n_rows + grp->n_except);
      for (gsize i = 0; i < grp->n_rows; i++)
        filter_of (&grp->rows[i], &filters_groups[g][i]);
      for (gsize i = 0; i < grp->n_except; i++)
        filter_of (&grp->except[i], &filters_groups[g][grp->n_rows + i]);
    }
  filters_provider = g_new0 (Filter, bs_rules_n_provider);
  for (gsize i = 0; i < bs_rules_n_provider; i++)
    filter_of (&bs_rules_provider[i].text, &filters_provider[i]);
  filters_blocklist = g_new0 (Filter, bs_rules_n_blocklist);
  for (gsize i = 0; i < bs_rules_n_blocklist; i++)
    filter_of (&bs_rules_blocklist[i].text, &filters_blocklist[i]);
  filters_format = g_new0 (Filter, bs_rules_n_format);
  for (gsize i = 0; i < bs_rules_n_format; i++)
    filter_of (&bs_rules_format[i].text, &filters_format[i]);
  g_once_init_leave (&once, 1);
}

static inline gboolean
filter_pass (const Ctx *c, const Filter *f)
{
  for (int i = 0; i < 3; i++)
    if (f->k[i] != 0 && !(c->bigrams[f->k[i] >> 3] & (1u << (f->k[i] & 7))))
      return FALSE;
  return TRUE;
}

/* ctx_find - phrase_find on the record's diagnostic, after the filter */
static const char *
ctx_find (const Ctx *c, const BsPhrase *p, const Filter *f, const char **end)
{
  if (f != NULL && !filter_pass (c, f))
    return NULL;
  /* the search starts where the phrase's first byte pair first occurs */
  gsize from = f != NULL && f->k[0] != 0 ? (gsize) c->first[f->k[0]] - 1 : 0;
  return phrase_find (c->diag + from, p, end);
}

/* ctx_strstr - bs_strstr in the diagnostic, from where the needle's first
 * byte pair first occurs (NULL at once when it does not occur) */
static const char *
ctx_strstr (const Ctx *c, const char *needle)
{
  if (needle[0] == '\0' || needle[1] == '\0')
    return bs_strstr (c->diag, needle);
  guint k = ((guint) (guchar) needle[0] << 8) | (guchar) needle[1];
  return c->first[k] == 0 ? NULL : bs_strstr (c->diag + c->first[k] - 1, needle);
}

static const BsPhraseGroup *
group_of (BsReason reason)
{
  return reason < BS_REASON_COUNT ? group_by_reason[reason] : NULL;
}

/* match - does the diagnostic hold one of reason's phrases?  When rule is
 * not NULL, it receives the row id and *evidence the matched text */
static gboolean
match (Ctx *c, BsReason reason, char **rule, char **evidence)
{
  const BsPhraseGroup *g = group_of (reason);
  if (g == NULL || c->diag[0] == '\0')
    return FALSE;
  gsize gi = (gsize) (g - bs_rules_phrase_groups);
  gint16 *memo = gi < G_N_ELEMENTS (c->memo) ? &c->memo[gi] : NULL;
  if (memo && *memo == -1)
    return FALSE;
  if (memo && *memo == -2)
    {
      *memo = -1;
      gboolean vetoed = FALSE;
      const Filter *f = gi < G_N_ELEMENTS (filters_groups) ? filters_groups[gi] : NULL;
      for (gsize i = 0; i < g->n_except && !vetoed; i++)
        vetoed = ctx_find (c, &g->except[i], f ? &f[g->n_rows + i] : NULL, NULL) != NULL;
      for (gsize i = 0; !vetoed && i < g->n_rows && i < G_MAXINT16; i++)
        if (ctx_find (c, &g->rows[i], f ? &f[i] : NULL, NULL) != NULL)
          {
            *memo = (gint16) i;
            break;
          }
      if (*memo < 0)
        return FALSE;
    }
  gsize row = memo ? (gsize) *memo : 0;
  const char *end = NULL;
  const char *at = NULL;
  if (memo)
    at = phrase_find (c->diag, &g->rows[row], &end);
  else
    for (row = 0; at == NULL && row < g->n_rows; row++)
      if ((at = ctx_find (c, &g->rows[row], NULL, &end)) != NULL)
        break;
  if (at == NULL)
    return FALSE;
  if (rule)
    *rule = g_strdup_printf ("phrase:%s:%" G_GSIZE_FORMAT, bs_reason_name (reason), row + 1);
  if (evidence)
    *evidence = evidence_at (at, end);
  return TRUE;
}

static void
decide (Ctx *c, BsReason reason, char *rule, char *evidence)
{
  c->reason = reason;
  g_free (c->rule);
  c->rule = rule;
  g_free (c->evidence);
  c->evidence = evidence;
}

static void
decide_status (Ctx *c, BsReason reason)
{
  decide (c, reason, g_strdup_printf ("status:%s", c->status), g_strdup (c->status));
}

static gboolean
command_is (const Ctx *c, const char *const *list)
{
  for (; *list; list++)
    if (strcmp (c->command, *list) == 0)
      return TRUE;
  return FALSE;
}

static const char *const cmd_conn[] = { "CONN", "EHLO", "HELO", NULL };
static const char *const cmd_before_data[] = { "CONN", "EHLO", "HELO", "MAIL", "RCPT", NULL };

/* ------------------------------------------------------------------------ */
/* the reason tests of order0, after Sisimai's Reason/<Name>.pm true()      */

/* test_reason - TRUE when reason fits the record; sets the decision */
static gboolean
test_reason (Ctx *c, BsReason reason)
{
  char *rule = NULL, *ev = NULL;
  BsReason given = c->given;
  gboolean has_status = c->status[0] != '\0';

#define GIVEN()                                                                   \
  do {                                                                            \
    if (given == reason)                                                          \
      {                                                                           \
        decide (c, reason, g_strdup (c->given_rule), g_strdup (bs_reason_name (reason))); \
        return TRUE;                                                              \
      }                                                                           \
  } while (0)
#define STATUS()                                                                  \
  do {                                                                            \
    if (c->sr == reason)                                                          \
      {                                                                           \
        decide_status (c, reason);                                                \
        return TRUE;                                                              \
      }                                                                           \
  } while (0)
#define PHRASE()                                                                  \
  do {                                                                            \
    if (match (c, reason, &rule, &ev))                                            \
      {                                                                           \
        decide (c, reason, rule, ev);                                             \
        return TRUE;                                                              \
      }                                                                           \
  } while (0)

  switch (reason)
    {
    case BS_REASON_MAILBOXFULL:
    case BS_REASON_EXCEEDLIMIT:
      if (!has_status)
        return FALSE;
      GIVEN ();
      STATUS ();
      PHRASE ();
      return FALSE;
    case BS_REASON_MESGTOOBIG:
      GIVEN ();
      STATUS ();
      if (c->sr == BS_REASON_EXCEEDLIMIT || strcmp (c->status, "5.2.3") == 0)
        return FALSE;
      PHRASE ();
      return FALSE;
    case BS_REASON_SUSPEND:
      if (!has_status)
        return FALSE;
      GIVEN ();
      PHRASE ();
      return FALSE;
    case BS_REASON_HASMOVED:
    case BS_REASON_NOTCOMPLIANTRFC:
    case BS_REASON_BADREPUTATION:
    case BS_REASON_SPEEDING:
      GIVEN ();
      PHRASE ();
      return FALSE;
    case BS_REASON_NORELAYING:
      if (given == BS_REASON_SECURITYERROR || given == BS_REASON_SYSTEMERROR
          || given == BS_REASON_UNDEFINED)
        return FALSE;
      if (command_is (c, cmd_conn))
        return FALSE;
      PHRASE ();
      return FALSE;
    case BS_REASON_AUTHFAILURE:
    case BS_REASON_REQUIREPTR:
    case BS_REASON_TOOMANYCONN:
    case BS_REASON_BLOCKED:
      GIVEN ();
      STATUS ();
      PHRASE ();
      return FALSE;
    case BS_REASON_USERUNKNOWN:
      GIVEN ();
      if (c->sr == BS_REASON_SUSPEND)
        return FALSE;
      if (c->sr == BS_REASON_USERUNKNOWN)
        {
          /* 5.1.1 and friends, unless the text says it is something else */
          static const BsReason others[] = {
            BS_REASON_NORELAYING, BS_REASON_BLOCKED, BS_REASON_MAILBOXFULL, BS_REASON_HASMOVED,
            BS_REASON_REJECTED, BS_REASON_NOTACCEPT, BS_REASON_SPEEDING, BS_REASON_BADREPUTATION,
            BS_REASON_REQUIREPTR, BS_REASON_AUTHFAILURE,
          };
          for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
            if (match (c, others[i], NULL, NULL))
              return FALSE;
          decide_status (c, reason);
          return TRUE;
        }
      if (strcmp (c->command, "RCPT") == 0)
        PHRASE ();
      return FALSE;
    case BS_REASON_FILTERED:
      GIVEN ();
      if (c->sr == BS_REASON_SUSPEND)
        return FALSE;
      if (c->sr == BS_REASON_FILTERED)
        {
          if (match (c, BS_REASON_USERUNKNOWN, NULL, &ev) || match (c, BS_REASON_FILTERED, NULL, &ev))
            {
              decide (c, reason, g_strdup_printf ("status:%s", c->status), ev);
              return TRUE;
            }
          return FALSE;
        }
      if (command_is (c, cmd_before_data))
        return FALSE;
      PHRASE ();
      if (match (c, BS_REASON_USERUNKNOWN, &rule, &ev))
        {
          g_free (rule);
          decide (c, reason, g_strdup ("phrase:filtered:userunknown-after-data"), ev);
          return TRUE;
        }
      return FALSE;
    case BS_REASON_REJECTED:
      {
        GIVEN ();
        STATUS ();
        BsReason tr = c->sr != BS_REASON_NONE ? c->sr : BS_REASON_UNDEFINED;
        if (strcmp (c->command, "MAIL") == 0)
          PHRASE ();
        else if (strcmp (c->command, "DATA") == 0)
          {
            if (tr != BS_REASON_USERUNKNOWN)
              PHRASE ();
          }
        else if (tr == BS_REASON_ONHOLD || tr == BS_REASON_UNDEFINED
                 || tr == BS_REASON_SECURITYERROR || tr == BS_REASON_SYSTEMERROR)
          PHRASE ();
        return FALSE;
      }
    case BS_REASON_HOSTUNKNOWN:
      GIVEN ();
      if (c->sr == BS_REASON_HOSTUNKNOWN)
        {
          if (match (c, BS_REASON_NETWORKERROR, NULL, NULL))
            return FALSE;
          decide_status (c, reason);
          return TRUE;
        }
      PHRASE ();
      return FALSE;
    case BS_REASON_SPAMDETECTED:
      if (!has_status)
        return FALSE;
      GIVEN ();
      STATUS ();
      if (command_is (c, cmd_before_data))
        return FALSE;
      PHRASE ();
      return FALSE;
    default:
      return FALSE;
    }
#undef GIVEN
#undef STATUS
#undef PHRASE
}

/* Sisimai 5's order of the reason tests (Reason.pm $ClassOrder->[0]) */
static const BsReason order0[] = {
  BS_REASON_MAILBOXFULL, BS_REASON_MESGTOOBIG, BS_REASON_EXCEEDLIMIT, BS_REASON_SUSPEND,
  BS_REASON_HASMOVED, BS_REASON_NORELAYING, BS_REASON_AUTHFAILURE, BS_REASON_USERUNKNOWN,
  BS_REASON_FILTERED, BS_REASON_REQUIREPTR, BS_REASON_NOTCOMPLIANTRFC, BS_REASON_BADREPUTATION,
  BS_REASON_REJECTED, BS_REASON_HOSTUNKNOWN, BS_REASON_SPAMDETECTED, BS_REASON_SPEEDING,
  BS_REASON_TOOMANYCONN, BS_REASON_BLOCKED,
};

/* phrase groups tried when the status says nothing definite ($ClassOrder->[1]) */
static const BsReason order1[] = {
  BS_REASON_MAILBOXFULL, BS_REASON_AUTHFAILURE, BS_REASON_BADREPUTATION, BS_REASON_REQUIREPTR,
  BS_REASON_NOTCOMPLIANTRFC, BS_REASON_SPEEDING, BS_REASON_SPAMDETECTED, BS_REASON_POLICYVIOLATION,
  BS_REASON_VIRUSDETECTED, BS_REASON_NORELAYING, BS_REASON_SECURITYERROR, BS_REASON_SYSTEMERROR,
  BS_REASON_NETWORKERROR, BS_REASON_SUSPEND, BS_REASON_EXPIRED, BS_REASON_CONTENTERROR,
  BS_REASON_SYSTEMFULL, BS_REASON_NOTACCEPT, BS_REASON_MAILERERROR,
};

/* ------------------------------------------------------------------------ */
/* provider rules                                                           */

static gboolean
host_has_suffix (const char *host, const char *suffix)
{
  gsize h = strlen (host), s = strlen (suffix);
  if (h < s || strcmp (host + h - s, suffix) != 0)
    return FALSE;
  /* a suffix without a leading dot must start a label */
  return suffix[0] == '.' || h == s || host[h - s - 1] == '.';
}

static gboolean
domain_is (const char *domain, const char *name)
{
  gsize d = strlen (domain), n = strlen (name);
  if (d < n || strcmp (domain + d - n, name) != 0)
    return FALSE;
  return d == n || domain[d - n - 1] == '.';
}

static const char *
provider_of (const char *rhost, const char *domain)
{
  /* the recipient's domain first, then the remote host (Sisimai 5) */
  if (domain[0])
    for (gsize i = 0; i < bs_rules_n_provider_hosts; i++)
      if (bs_rules_provider_hosts[i].domain && domain_is (domain, bs_rules_provider_hosts[i].domain))
        return bs_rules_provider_hosts[i].provider;
  if (rhost[0])
    for (gsize i = 0; i < bs_rules_n_provider_hosts; i++)
      if (bs_rules_provider_hosts[i].host_suffix
          && host_has_suffix (rhost, bs_rules_provider_hosts[i].host_suffix))
        return bs_rules_provider_hosts[i].provider;
  return NULL;
}

/* code_number - the number of a provider code of kind in the text, or -1 */
static long
code_number (const char *diag, BsCodeKind kind)
{
  if (kind == BS_CODE_AUP)
    {
      const char *p = bs_strstr (diag, "aup#");
      if (p == NULL)
        return -1;
      p += 4;
      for (int i = 0; i < 8 && (g_ascii_isalpha (*p) || *p == '-'); i++)
        p++;
      if (!g_ascii_isdigit (*p))
        return -1;
      long v = 0;
      for (int i = 0; i < 6 && g_ascii_isdigit (*p); i++, p++)
        v = v * 10 + (*p - '0');
      return v;
    }
  if (kind == BS_CODE_IUA)
    {
      const char *p = bs_strstr (diag, ".i.ua/err/");
      if (p == NULL)
        return -1;
      p += 10;
      long v = -1;
      for (int i = 0; i < 4 && g_ascii_isdigit (*p); i++, p++)
        v = (v < 0 ? 0 : v * 10) + (*p - '0');
      return v;
    }
  if (kind == BS_CODE_FRANCEPTT)
    {
      /* (LPN|LPNAAA|OFR|OUK)(_NNN|NNN[-_]NNN) */
      static const char *const prefixes[] = { "lpnaaa", "lpn", "ofr", "ouk" };
      for (const char *p = diag; *p; p++)
        {
          if (p > diag && g_ascii_isalnum (p[-1]))
            continue;
          for (gsize k = 0; k < G_N_ELEMENTS (prefixes); k++)
            {
              gsize n = strlen (prefixes[k]);
              if (strncmp (p, prefixes[k], n) != 0)
                continue;
              const char *q = p + n;
              if (q[0] == '_' && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]) && g_ascii_isdigit (q[3])
                  && !g_ascii_isalnum (q[4]))
                return (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
              if (g_ascii_isdigit (q[0]) && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2])
                  && (q[3] == '_' || q[3] == '-') && g_ascii_isdigit (q[4]) && g_ascii_isdigit (q[5])
                  && g_ascii_isdigit (q[6]) && !g_ascii_isalnum (q[7]))
                return (q[4] - '0') * 100 + (q[5] - '0') * 10 + (q[6] - '0');
            }
        }
      return -1;
    }
  return -1;
}

static gboolean
status_in (const char *status, const char *want, guint lo, guint hi)
{
  if (want == NULL)
    return TRUE;
  if (status[0] == '\0')
    return FALSE;
  gsize n = strlen (want);
  if (want[n - 1] != '.')
    return strcmp (status, want) == 0;
  if (strncmp (status, want, n) != 0)
    return FALSE;
  const char *p = status + n;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  guint v = 0;
  for (int i = 0; i < 4 && g_ascii_isdigit (*p); i++, p++)
    v = v * 10 + (guint) (*p - '0');
  return *p == '\0' && v >= lo && v <= hi;
}

static gboolean
provider_rules (Ctx *c)
{
  guint n = 0;
  for (gsize i = 0; i < bs_rules_n_provider; i++)
    {
      const BsProviderRule *p = &bs_rules_provider[i];
      if (p->provider[0] != c->provider[0] || strcmp (p->provider, c->provider) != 0)
        continue;
      n++;
      if (p->reply && p->reply != c->reply)
        continue;
      if (p->code != BS_CODE_NONE)
        {
          long v = code_number (c->diag, p->code);
          if (v < 0 || (guint) v < p->lo || (guint) v > p->hi)
            continue;
        }
      else if (!status_in (c->status, p->status, p->lo, p->hi))
        continue;
      if (p->command && strcmp (p->command, c->command) != 0)
        continue;
      const char *at = NULL, *end = NULL;
      if (p->text.piece[0] != NULL)
        {
          if (c->diag[0] == '\0' || (at = ctx_find (c, &p->text, &filters_provider[i], &end)) == NULL)
            continue;
        }
      char *ev = at ? evidence_at (at, end) : g_strdup (c->status[0] ? c->status : c->provider);
      decide (c, p->reason, g_strdup_printf ("rhost:%s:%u", c->provider, n), ev);
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* user rules                                                               */

static const UserRule *
user_rule_match (const Ctx *c, char **evidence)
{
  if (user_rules == NULL)
    return NULL;
  for (guint i = 0; i < user_rules->len; i++)
    {
      const UserRule *u = g_ptr_array_index (user_rules, i);
      gboolean ok = TRUE;
      const char *first = NULL;
      for (guint k = 0; ok && k < u->diagnostic->len; k++)
        {
          const char *at = bs_strstr (c->diag, g_ptr_array_index (u->diagnostic, k));
          ok = at != NULL;
          if (at && first == NULL)
            first = at;
        }
      if (ok && u->status)
        {
          gsize n = strlen (u->status);
          ok = u->status[n - 1] == '.' ? strncmp (c->status, u->status, n) == 0
                                       : strcmp (c->status, u->status) == 0;
        }
      if (ok && u->reply)
        {
          char got[4];
          g_snprintf (got, sizeof got, "%u", c->reply);
          ok = c->reply >= 200 && c->reply < 600 && got[0] == u->reply[0]
               && (u->reply[1] == 'x' || (got[1] == u->reply[1] && got[2] == u->reply[2]));
        }
      if (ok && u->remote_mta)
        ok = bs_strstr (c->rhost, u->remote_mta) != NULL;
      if (ok && u->domain)
        ok = c->domain[0] && domain_is (c->domain, u->domain);
      if (ok && u->command)
        ok = strcmp (c->command, u->command) == 0;
      if (ok && u->mta)
        {
          g_autofree char *m = c->r->mta ? g_ascii_strdown (c->r->mta, -1) : g_strdup ("");
          ok = bs_strstr (m, u->mta) != NULL;
        }
      if (ok)
        {
          *evidence = first ? evidence_at (first, first + strlen (g_ptr_array_index (u->diagnostic, 0)))
                            : g_strdup (u->name);
          return u;
        }
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* the reason                                                               */

static gboolean
format_matches (const Ctx *c, const char *row_mta)
{
  return row_mta == NULL || bs_strstr (c->mta, row_mta) != NULL;
}

static void
decide_reason (Ctx *c, const UserRule **user)
{
  BsRecord *r = c->r;
  *user = NULL;

  /* 1. not failures: the format's word stands */
  if (!bs_reason_is_failure (r->reason))
    {
      decide (c, r->reason, g_strdup (r->rule ? r->rule : "format"),
              g_strdup (r->evidence ? r->evidence : bs_reason_name (r->reason)));
      return;
    }

  /* 2. the user's rules */
  char *ev = NULL;
  const UserRule *u = user_rule_match (c, &ev);
  if (u != NULL)
    {
      *user = u;
      decide (c, u->reason, g_strdup_printf ("user:%s", u->name), ev);
      return;
    }

  /* 3. a definite reason the format stated */
  if (r->reason != BS_REASON_NONE)
    {
      if (!bs_reason_retry (r->reason))
        {
          decide (c, r->reason, g_strdup (r->rule ? r->rule : "format"),
                  g_strdup (r->evidence ? r->evidence : bs_reason_name (r->reason)));
          return;
        }
      c->given = r->reason;
      c->given_rule = g_strdup (r->rule ? r->rule : "format");
    }

  /* 4. an MTA's own wording */
  if (c->diag[0])
    for (gsize i = 0; i < bs_rules_n_format; i++)
      {
        const BsFormatRule *f = &bs_rules_format[i];
        if (!format_matches (c, f->mta))
          continue;
        const char *end = NULL;
        const char *at = f->text.piece[0] && f->text.piece[0][0] == '\0'
                           ? c->diag : ctx_find (c, &f->text, &filters_format[i], &end);
        if (at == NULL)
          continue;
        if (!bs_reason_retry (f->reason))
          {
            decide (c, f->reason, g_strdup_printf ("format:%" G_GSIZE_FORMAT, i + 1),
                    evidence_at (at, end ? end : at));
            return;
          }
        if (c->given == BS_REASON_NONE)
          {
            c->given = f->reason;
            c->given_rule = g_strdup_printf ("format:%" G_GSIZE_FORMAT, i + 1);
          }
      }

  /* 5. delivered */
  if (g_str_has_prefix (c->status, "2."))
    {
      decide_status (c, BS_REASON_DELIVERED);
      return;
    }

  /* 6. the provider's own rules */
  if (c->provider != NULL && provider_rules (c))
    return;

  /* 7. the ordered reason tests */
  if (c->smtp_type)
    for (gsize i = 0; i < G_N_ELEMENTS (order0); i++)
      if (test_reason (c, order0[i]))
        return;

  /* 8. the retry-set reason the format stated */
  if (c->given != BS_REASON_NONE)
    {
      decide (c, c->given, g_strdup (c->given_rule), g_strdup (bs_reason_name (c->given)));
      return;
    }

  /* 9. the status, or the text, or the kind of failure; a delay warning
   * whose current error is a connection failure is a network error */
  if (r->action && g_ascii_strcasecmp (r->action, "delayed") == 0)
    for (gsize i = 0; i < bs_rules_n_delay_network; i++)
      {
        const char *end = NULL;
        const char *at = phrase_find (c->diag, &bs_rules_delay_network[i], &end);
        if (at != NULL)
          {
            decide (c, BS_REASON_NETWORKERROR, g_strdup_printf ("delay-network:%" G_GSIZE_FORMAT, i + 1),
                    evidence_at (at, end));
            return;
          }
      }
  BsReason sr = c->sr;
  gboolean try = sr == BS_REASON_NONE || sr == BS_REASON_EXPIRED || bs_reason_retry (sr) || !c->smtp_type;
  if (try)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (order1); i++)
        {
          char *rule = NULL;
          if (match (c, order1[i], &rule, &ev))
            {
              decide (c, order1[i], rule, ev);
              return;
            }
        }
    }
  if (sr != BS_REASON_NONE && sr != BS_REASON_UNDEFINED)
    {
      decide_status (c, sr);
      return;
    }
  if (c->status[0] && (c->status[0] == '4' || c->status[0] == '5') && c->status[1] == '.')
    {
      if (c->status[2] == '6' && c->status[3] == '.')
        {
          decide (c, BS_REASON_CONTENTERROR, g_strdup ("status-class:x.6"), g_strdup (c->status));
          return;
        }
      if (c->status[2] == '7' && c->status[3] == '.')
        {
          decide (c, BS_REASON_SECURITYERROR, g_strdup ("status-class:x.7"), g_strdup (c->status));
          return;
        }
    }
  if (c->xunix)
    {
      decide (c, BS_REASON_MAILERERROR, g_strdup ("diagnostic-type:x-unix"), g_strdup (r->diagnostic_type));
      return;
    }
  if (c->reply >= 400 && c->reply < 600 && (c->reply % 100) / 10 == 0 && c->reply % 10 <= 7)
    {
      g_autofree char *code = g_strdup_printf ("%u", c->reply);
      decide (c, BS_REASON_SYNTAXERROR, g_strdup ("reply:50x"), g_strdup (code));
      return;
    }
  if (r->action && (g_ascii_strncasecmp (r->action, "delayed", 7) == 0
                    || g_ascii_strncasecmp (r->action, "expired", 7) == 0))
    {
      decide (c, BS_REASON_EXPIRED, g_strdup ("action:delayed"), g_strdup (r->action));
      return;
    }
  if (strcmp (c->command, "EHLO") == 0 || strcmp (c->command, "HELO") == 0
      || strcmp (c->command, "CONN") == 0)
    {
      decide (c, BS_REASON_BLOCKED, g_strdup ("command:connection"), g_strdup (c->command));
      return;
    }

  /* 10. nothing definite */
  if (match (c, BS_REASON_VACATION, NULL, &ev))
    {
      decide (c, BS_REASON_VACATION, g_strdup ("phrase:vacation"), ev);
      return;
    }
  if (c->diag[0])
    decide (c, BS_REASON_ONHOLD, g_strdup ("fallback:onhold"), evidence_at (c->diag, NULL));
  else
    decide (c, BS_REASON_UNDEFINED, g_strdup ("fallback:undefined"), NULL);
}

/* ------------------------------------------------------------------------ */
/* blocklist, provider code, sending IP                                     */

static gboolean
microsoft_consumer (const Ctx *c)
{
  static const char *const consumer[] = { "outlook.com", "hotmail.com", "live.com", "msn.com" };
  if (bs_strstr (c->rhost, ".olc.protection.outlook.com") != NULL || host_has_suffix (c->rhost, ".hotmail.com"))
    return TRUE;
  if (bs_strstr (c->rhost, ".mail.protection.outlook.com") != NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (consumer); i++)
    if (c->domain[0] && domain_is (c->domain, consumer[i]))
      return TRUE;
  if (g_str_has_prefix (c->domain, "hotmail.") || g_str_has_prefix (c->domain, "live.")
      || g_str_has_prefix (c->domain, "outlook."))
    return TRUE;
  return bs_strstr (c->rhost, "protection.outlook.com") == NULL;
}

static gboolean
code_char (char ch)
{
  return g_ascii_isupper (ch) || g_ascii_isdigit (ch);
}

/* provider_code_at - length of a provider code starting at p (original
 * case), 0 if none; *skip gets how many leading bytes are not part of it
 * (an opening parenthesis or bracket); *copy the code as kept */
static gsize
provider_code_at (const char *text, const char *p, char **copy)
{
  char prev = p > text ? p[-1] : ' ';
  if (g_ascii_isalnum (prev) || prev == '-' || prev == '_' || prev == '.' || prev == '/')
    return 0;
  /* (S3150) (AS3150) (S775) (AS16012607) */
  if (p[0] == '(')
    {
      const char *q = p + 1;
      if (q[0] == 'A' && q[1] == 'S')
        q += 2;
      else if (q[0] == 'S')
        q += 1;
      else
        return 0;
      const char *d = q;
      while (g_ascii_isdigit (*q) && q - d < 10)
        q++;
      if (q - d < 3 || *q != ')')
        return 0;
      *copy = g_strndup (p + 1, (gsize) (q - p - 1));
      return (gsize) (q - p + 1);
    }
  /* AS(1450) */
  if (p[0] == 'A' && p[1] == 'S' && p[2] == '(')
    {
      const char *q = p + 3, *d = q;
      while (g_ascii_isdigit (*q) && q - d < 10)
        q++;
      if (q - d < 3 || *q != ')')
        return 0;
      g_autofree char *num = g_strndup (d, (gsize) (q - d));
      *copy = g_strconcat ("AS", num, NULL);
      return (gsize) (q - p + 1);
    }
  /* [TSS04] [TS01] [PH01] [BL21] [CS01] [HME1] */
  if (p[0] == '[')
    {
      const char *q = p + 1, *l = q;
      while (g_ascii_isupper (*q) && q - l < 5)
        q++;
      const char *d = q;
      while (g_ascii_isdigit (*q) && q - d < 4)
        q++;
      if (d - l < 2 || d - l > 4 || q - d < 1 || q - d > 3 || *q != ']')
        return 0;
      *copy = g_strndup (p + 1, (gsize) (q - p - 1));
      return (gsize) (q - p + 1);
    }
  /* SC-001 DY-001 OU-001 RP-001, POL-P1 */
  static const char *const olc[] = { "SC-", "DY-", "OU-", "RP-" };
  for (gsize i = 0; i < G_N_ELEMENTS (olc); i++)
    if (strncmp (p, olc[i], 3) == 0 && g_ascii_isdigit (p[3]) && g_ascii_isdigit (p[4])
        && g_ascii_isdigit (p[5]) && !code_char (p[6]))
      {
        *copy = g_strndup (p, 6);
        return 6;
      }
  if (strncmp (p, "POL-P", 5) == 0 && g_ascii_isdigit (p[5]) && !code_char (p[6]))
    {
      *copy = g_strndup (p, 6);
      return 6;
    }
  /* GoDaddy IB103 */
  if (p[0] == 'I' && p[1] == 'B' && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3])
      && g_ascii_isdigit (p[4]) && !code_char (p[5]))
    {
      *copy = g_strndup (p, 5);
      return 5;
    }
  /* Cox and Spectrum: AUP#CXBL, AUP#IPBL0001, AUP#In-1310 */
  if (strncmp (p, "AUP#", 4) == 0)
    {
      const char *q = p + 4;
      while ((g_ascii_isalnum (*q) || *q == '-') && q - p < 24)
        q++;
      if (q == p + 4)
        return 0;
      *copy = g_strndup (p + 4, (gsize) (q - p - 4));
      return (gsize) (q - p);
    }
  /* Orange / La Poste: OFR006_102, LPNAAA_101, OFR_506, LPN105-104 */
  static const char *const fr[] = { "LPN", "OFR", "OUK" };
  for (gsize i = 0; i < G_N_ELEMENTS (fr); i++)
    if (strncmp (p, fr[i], 3) == 0)
      {
        const char *q = p + 3;
        while (code_char (*q) && q - p < 9)
          q++;
        if ((*q == '_' || *q == '-') && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2])
            && g_ascii_isdigit (q[3]) && !code_char (q[4]))
          {
            *copy = g_strndup (p, (gsize) (q + 4 - p));
            return (gsize) (q + 4 - p);
          }
      }
  return 0;
}

char *
bs_classify_provider_code (const char *text)
{
  if (text == NULL)
    return NULL;
  gsize n = strlen (text);
  if (n > BS_MAX_FIELD_BYTES * 4)
    n = BS_MAX_FIELD_BYTES * 4;
  for (gsize i = 0; i < n; i++)
    {
      char c = text[i];
      if (c != '(' && c != '[' && c != 'A' && c != 'S' && c != 'D' && c != 'O' && c != 'R'
          && c != 'P' && c != 'I' && c != 'L')
        continue;
      char *copy = NULL;
      if (provider_code_at (text, text + i, &copy) > 0)
        return copy;
    }
  return NULL;
}

static const char *
blocklist_of_code (const Ctx *c, const char *code)
{
  if (code == NULL)
    return NULL;
  /* Spectrum's numbers and Orange's last three digits name a list */
  if (c->provider && strcmp (c->provider, "spectrum") == 0)
    {
      long v = code_number (c->diag, BS_CODE_AUP);
      if (v >= 1200 && v <= 1210)
        return "cloudmark";
      if (v >= 1220 && v <= 1250)
        return "spamhaus-zen";
      return "spectrum";
    }
  if (g_str_has_prefix (code, "LPN") || g_str_has_prefix (code, "OFR") || g_str_has_prefix (code, "OUK"))
    {
      gsize n = strlen (code);
      if (n >= 3 && strcmp (code + n - 3, "101") == 0)
        return "spamhaus-zen";
      if (n >= 3 && strcmp (code + n - 3, "102") == 0)
        return "cloudmark";
      return "orange";
    }
  for (gsize i = 0; i < bs_rules_n_codes; i++)
    if (g_str_has_prefix (code, bs_rules_codes[i].prefix))
      {
        const char *b = bs_rules_codes[i].blocklist;
        if (b && strcmp (b, "microsoft") == 0)
          return microsoft_consumer (c) ? "microsoft-olc" : "microsoft-eop";
        return b;
      }
  return NULL;
}

static const char *
find_blocklist (const Ctx *c, const char *code)
{
  for (gsize i = 0; c->diag[0] && i < bs_rules_n_blocklist; i++)
    if (ctx_find (c, &bs_rules_blocklist[i].text, &filters_blocklist[i], NULL) != NULL)
      return bs_rules_blocklist[i].blocklist;
  const char *b = blocklist_of_code (c, code);
  if (b != NULL)
    return b;
  if (c->provider == NULL)
    return NULL;
  if (strcmp (c->provider, "microsoft") == 0)
    {
      if (status_in (c->status, "5.7.", 606, 649) || strcmp (c->status, "5.7.511") == 0)
        return "microsoft-eop";
      if (strcmp (c->status, "5.7.513") == 0 || strcmp (c->status, "5.7.507") == 0)
        return "recipient-blocklist";
    }
  if (!bs_reason_provider_refused (c->reason))
    return NULL;
  static const struct {
    const char *provider, *blocklist;
  } own[] = {
    { "google", "gmail" }, { "yahoo", "yahoo" }, { "aol", "yahoo" }, { "apple", "apple-icloud" },
    { "cox", "cox" }, { "godaddy", "godaddy" }, { "spectrum", "spectrum" }, { "franceptt", "orange" },
  };
  if (strcmp (c->provider, "microsoft") == 0)
    return microsoft_consumer (c) ? "microsoft-olc" : "microsoft-eop";
  for (gsize i = 0; i < G_N_ELEMENTS (own); i++)
    if (strcmp (own[i].provider, c->provider) == 0)
      return own[i].blocklist;
  return NULL;
}

/* IP addresses: what a refusal names as the sender's address */

static gboolean
ip_char (char ch)
{
  return g_ascii_isxdigit (ch) || ch == ':' || ch == '.';
}

/* words before an address that make it the refused sender's address */
static const char *const ip_cues[] = {
  "client host", "client", "messages from", "message from", "mail from", "connections from",
  "connection from", "from ip address", "from ip", "from your ip", "from", "ip address",
  "sending ip", "sender ip", "source ip", "your ip", "the ip", "blocked ip", "banned sender",
  "ip", "query/ip/", "?ip=", "&ip=", "bl.shtml?", "lookup.cgi?ip=", "the mail server",
  "your mail server", "mail server", "reverse dns required:", "reverse dns for", "is not",
  "your server", "lookup failed", "address", "sender", "smtp client", "host ip", "rdns for",
  "your hostname", "your reverse hostname", "unknown client", "client address",
};

/* words before an address that make it the remote server's own */
static const char *const ip_not_cues[] = {
  "remote host", "connected to", "talking to", "host", "relay", "server", "mx",
};

/* words after an address that make it the refused one */
static const char *const ip_after_cues[] = {
  " is listed", " listed", " is blocked", " blocked", " is in ", " has been", " was blocked",
  " is on ", " is not allowed", " not allowed", " is blacklisted", " blacklisted", " is banned",
  " has a poor", " has sent", ": client host rejected", ": helo command rejected",
};

/* words after an address that make it the remote server's own */
static const char *const ip_not_after[] = {
  " said", " failed after", ": said", "] said",
};

static gboolean
ends_with_word (const char *start, const char *end, const char *word)
{
  gsize n = strlen (word);
  if ((gsize) (end - start) < n || g_ascii_strncasecmp (end - n, word, n) != 0)
    return FALSE;
  if (end - n == start)
    return TRUE;
  char before = end[-(gssize) n - 1];
  /* a cue that ends in a separator ("?ip=") may follow anything */
  if (!g_ascii_isalnum (word[0]))
    return TRUE;
  return !g_ascii_isalnum (before);
}

static gboolean
starts_with_ci (const char *p, const char *word)
{
  return g_ascii_strncasecmp (p, word, strlen (word)) == 0;
}

/* ip_context - +1 when the words around [s, e) name it as the sender's
 * address, -1 when they name it as the remote server's, 0 when neither */
static int
ip_context (const char *text, const char *s, const char *e)
{
  /* after: skip "]", ")", ">" and a ":port" */
  const char *a = e;
  for (int i = 0; i < 2 && (*a == ']' || *a == ')' || *a == '>'); i++)
    a++;
  if (*a == ':' && g_ascii_isdigit (a[1]))
    {
      a++;
      while (g_ascii_isdigit (*a))
        a++;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (ip_not_after); i++)
    if (starts_with_ci (a, ip_not_after[i]) || starts_with_ci (e, ip_not_after[i]))
      return -1;
  /* Gmail: "[203.0.113.5 18]" holds the client's address */
  if (s > text && s[-1] == '[' && *e == ' ' && g_ascii_isdigit (e[1]))
    {
      const char *q = e + 1;
      while (g_ascii_isdigit (*q) && q - e < 6)
        q++;
      if (*q == ']')
        return 1;
    }
  /* Gmail and others: "550-5.7.25 [203.0.113.5] The IP address ..." names
   * the client right after the reply's codes */
  if (s > text && s[-1] == '[')
    {
      const char *q = s - 1;
      while (q > text && q[-1] == ' ')
        q--;
      const char *w = q;
      while (w > text && w[-1] != ' ' && w[-1] != '-')
        w--;
      gsize st = bs_smtp_status_valid (w);
      if (st > 0 && w + st == q && w - text <= 8)
        return 1;
    }
  /* before: skip brackets, quotes, spaces, ":" and "=" */
  const char *b = s;
  if (b - text >= 5 && g_ascii_strncasecmp (b - 5, "ipv6:", 5) == 0)
    b -= 5;
  while (b > text && (b[-1] == ' ' || b[-1] == '[' || b[-1] == '(' || b[-1] == '<' || b[-1] == '"'
                      || b[-1] == '\'' || b[-1] == ':' || b[-1] == '\t' || b[-1] == ','
                      || b[-1] == '='))
    b--;
  const char *from = b - text > 48 ? b - 48 : text;
  /* "host mx.example.com [192.0.2.1]": a host name right before the address */
  {
    const char *w = b;
    while (w > from && w[-1] != ' ')
      w--;
    if (w < b && memchr (w, '.', (gsize) (b - w)) != NULL && g_ascii_isalpha (*w)
        && w - text >= 5 && g_ascii_strncasecmp (w - 5, "host ", 5) == 0)
      return -1;
  }
  for (gsize i = 0; i < G_N_ELEMENTS (ip_not_cues); i++)
    if (ends_with_word (from, b, ip_not_cues[i]))
      {
        /* "client host", "mail server", "your server" are the sender's */
        gboolean sender_side = FALSE;
        for (gsize k = 0; k < G_N_ELEMENTS (ip_cues); k++)
          if (strlen (ip_cues[k]) > strlen (ip_not_cues[i]) && ends_with_word (from, b, ip_cues[k]))
            sender_side = TRUE;
        if (!sender_side)
          return -1;
      }
  for (gsize i = 0; i < G_N_ELEMENTS (ip_cues); i++)
    if (ends_with_word (from, b, ip_cues[i]))
      return 1;
  for (gsize i = 0; i < G_N_ELEMENTS (ip_after_cues); i++)
    if (starts_with_ci (a, ip_after_cues[i]))
      return 1;
  return 0;
}

/* next_ip - the next address in text from *pos: a new string, with its
 * place in [*s, *e); NULL at the end */
static char *
next_ip (const char *text, const char **pos, const char **s, const char **e)
{
  const char *p = *pos;
  while (*p)
    {
      if (!ip_char (*p) || (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '-'
                                         || p[-1] == '_' || (p[-1] == ':' && !(p - text >= 5 && g_ascii_strncasecmp (p - 5, "ipv6:", 5) == 0)))))
        {
          p++;
          continue;
        }
      const char *q = p;
      while (ip_char (*q) && q - p < 64)
        q++;
      const char *end = q;
      while (end > p && (end[-1] == '.' || (end[-1] == ':' && !(end - p >= 2 && end[-2] == ':'))))
        end--;
      if (g_ascii_isalnum (*q) || *q == '-' || *q == '_' || *q == '@' || end - p < 3)
        {
          p = q > p ? q : p + 1;
          continue;
        }
      g_autofree char *cand = g_ascii_strdown (p, (gssize) (end - p));
      gboolean v4 = strchr (cand, ':') == NULL;
      int dots = 0;
      for (const char *k = cand; *k; k++)
        dots += *k == '.';
      if ((v4 && dots == 3 && g_hostname_is_ip_address (cand))
          || (!v4 && strchr (cand, ':') != strrchr (cand, ':') && g_hostname_is_ip_address (cand)))
        {
          if (v4)
            for (const char *k = cand; *k; k++)
              if (!g_ascii_isdigit (*k) && *k != '.')
                goto skip;
          *s = p;
          *e = end;
          *pos = q;
          return g_steal_pointer (&cand);
        }
    skip:
      p = q;
    }
  *pos = p;
  return NULL;
}

char *
bs_classify_ip (const char *text)
{
  if (text == NULL)
    return NULL;
  const char *pos = text, *s = NULL, *e = NULL;
  char *ip;
  int guard = 0;
  while ((ip = next_ip (text, &pos, &s, &e)) != NULL && guard++ < 64)
    {
      if (ip_context (text, s, e) > 0)
        return ip;
      g_free (ip);
    }
  g_free (ip);
  return NULL;
}

static gboolean
ip_is_private (const char *ip)
{
  if (strchr (ip, ':') != NULL)
    {
      return g_ascii_strncasecmp (ip, "fe8", 3) == 0 || g_ascii_strncasecmp (ip, "fe9", 3) == 0
             || g_ascii_strncasecmp (ip, "fea", 3) == 0 || g_ascii_strncasecmp (ip, "feb", 3) == 0
             || g_ascii_strncasecmp (ip, "fc", 2) == 0 || g_ascii_strncasecmp (ip, "fd", 2) == 0
             || strcmp (ip, "::1") == 0 || strcmp (ip, "::") == 0;
    }
  guint a = 0, b = 0;
  if (sscanf (ip, "%u.%u", &a, &b) != 2)
    return TRUE;
  return a == 10 || a == 127 || a == 0 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
         || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127) || a >= 224;
}

/* a Received field of a submission: its client is a person's mail program
 * or a local process, not an MTA that passed the message on (RFC 3848
 * "with ESMTPA/ESMTPSA", Postfix's "(Authenticated sender: ...)", Exim's
 * "with local", webmail) */
static const char *const submission_cues[] = {
  "authenticated sender:",     /* Postfix smtpd_sasl_authenticated_header */
  "(authenticated",            /* Sendmail "(authenticated bits=0)", Exim "(authenticated" */
  " with esmtpa",              /* RFC 3848: ESMTPA, ESMTPSA */
  " with esmtpsa",             /* RFC 3848 */
  " with lmtpa",               /* RFC 3848 */
  " with smtpa",               /* RFC 3848 (SMTP + AUTH) */
  " with asmtp",               /* authenticated SMTP, older wording */
  " with local",               /* Exim, Sendmail: local submission */
  " with http",                /* webmail */
};

static gboolean
is_submission (const char *field)
{
  for (gsize i = 0; i < G_N_ELEMENTS (submission_cues); i++)
    if (bs_strstr (field, submission_cues[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* received_ip - bs_classify_received_ip(); *by_remote tells whether the
 * field the address came from was added by the remote MTA (or a host of
 * the recipient's domain): only then is it surely the address the remote
 * saw.  Fields of submissions are skipped. */
static char *
received_ip (const char *headers, const char *remote_mta, const char *domain, gboolean *by_remote)
{
  if (by_remote)
    *by_remote = FALSE;
  if (headers == NULL)
    return NULL;
  char *first = NULL, *best = NULL;
  const char *line = headers;
  int count = 0;
  while (line && *line && count < 64)
    {
      const char *end = strchr (line, '\n');
      gsize n = end ? (gsize) (end - line) : strlen (line);
      if (n > 9 && g_ascii_strncasecmp (line, "Received:", 9) == 0)
        {
          count++;
          /* the field with its continuation lines */
          const char *fe = end;
          while (fe && (fe[1] == ' ' || fe[1] == '\t'))
            fe = strchr (fe + 1, '\n');
          gsize fn = fe ? (gsize) (fe - line) : strlen (line);
          if (fn > 4096)
            fn = 4096;
          g_autofree char *field = g_ascii_strdown (line + 9, (gssize) fn - 9);
          if (is_submission (field))
            {
              line = fe ? fe + 1 : NULL;
              continue;
            }
          char *by = bs_strstr (field, " by ");
          if (by != NULL)
            *by = '\0';
          const char *from = bs_strstr (field, "from ");
          const char *pos = from ? from : field;
          const char *s, *e;
          char *ip;
          while ((ip = next_ip (field, &pos, &s, &e)) != NULL)
            {
              gboolean bracketed = s > field && s[-1] == '[';
              if (!bracketed && s - field >= 6 && g_ascii_strncasecmp (s - 6, "[ipv6:", 6) == 0)
                bracketed = TRUE;
              if (bracketed && !ip_is_private (ip))
                break;
              g_free (ip);
            }
          if (ip != NULL)
            {
              gboolean added_by_remote = FALSE;
              if (by != NULL)
                {
                  const char *byhost = by + 4;
                  if (remote_mta && *remote_mta)
                    {
                      g_autofree char *rm = g_ascii_strdown (remote_mta, -1);
                      added_by_remote = strncmp (byhost, rm, strlen (rm)) == 0;
                    }
                  if (!added_by_remote && domain && *domain)
                    {
                      const char *sp = strchr (byhost, ' ');
                      g_autofree char *bh = sp ? g_strndup (byhost, (gsize) (sp - byhost)) : g_strdup (byhost);
                      added_by_remote = domain_is (bh, domain);
                    }
                }
              if (added_by_remote && best == NULL)
                best = g_strdup (ip);
              if (first == NULL)
                first = g_strdup (ip);
              g_free (ip);
            }
          line = fe ? fe + 1 : NULL;
          continue;
        }
      line = end ? end + 1 : NULL;
    }
  if (best != NULL)
    {
      g_free (first);
      if (by_remote)
        *by_remote = TRUE;
      return best;
    }
  return first;
}

char *
bs_classify_received_ip (const char *headers, const char *remote_mta, const char *domain)
{
  return received_ip (headers, remote_mta, domain, NULL);
}

char *
bs_classify_reporter_ip (const GPtrArray *received, const char *reporting_mta)
{
  if (received == NULL || reporting_mta == NULL)
    return NULL;
  g_autofree char *want = g_ascii_strdown (reporting_mta, -1);
  g_strstrip (want);
  gsize wn = strlen (want);
  while (wn > 0 && want[wn - 1] == '.')
    want[--wn] = '\0';
  if (wn < 3)
    return NULL;
  for (guint i = 0; i < received->len && i < 64; i++)
    {
      const char *v = g_ptr_array_index (received, i);
      if (v == NULL)
        continue;
      g_autofree char *field = g_ascii_strdown (v, (gssize) MIN (strlen (v), (gsize) 4096));
      char *by = bs_strstr (field, " by ");
      if (by != NULL)
        *by = '\0';
      const char *from = bs_strstr (field, "from ");
      if (from == NULL)
        continue;
      /* "from HOST (NAME [IP])": HOST or NAME is the reporting MTA */
      const char *h = from + 5;
      gboolean named = FALSE;
      for (const char *p = h; p != NULL && *p; p = strpbrk (p, " (\t"))
        {
          while (*p == ' ' || *p == '(' || *p == '\t')
            p++;
          if (strncmp (p, want, wn) == 0 && (p[wn] == '\0' || p[wn] == ' ' || p[wn] == ')' || p[wn] == '.'))
            {
              named = TRUE;
              break;
            }
          if (*p == '[')
            break;
        }
      if (!named)
        continue;
      const char *pos = from, *s, *e;
      char *ip;
      while ((ip = next_ip (field, &pos, &s, &e)) != NULL)
        {
          if (s > field && s[-1] == '[' && !ip_is_private (ip))
            return ip;
          g_free (ip);
        }
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* the record                                                               */

/* normalise_diag - lower case, and drop the reply/status prefixes of a
 * multi-line reply ("550-5.7.1 ... 550-5.7.1 ...") so that phrases broken
 * across its lines match again */
static char *
normalise_diag (const char *text, guint reply)
{
  if (text == NULL)
    return g_strdup ("");
  gsize n = strlen (text);
  if (n > BS_MAX_FIELD_BYTES)
    n = BS_MAX_FIELD_BYTES;
  char *low = g_ascii_strdown (text, (gssize) n);
  if (reply < 200 || reply > 599)
    return low;
  char code[5];
  g_snprintf (code, sizeof code, "%u", reply);
  /* count "NNN-" / "NNN " occurrences that stand as codes */
  int seen = 0;
  for (const char *p = low; (p = bs_strstr (p, code)) != NULL; p += 3)
    if ((p == low || p[-1] == ' ') && (p[3] == '-' || p[3] == ' '))
      seen++;
  if (seen < 2)
    return low;
  GString *out = g_string_sized_new (n);
  for (const char *p = low; *p;)
    {
      if ((p == low || p[-1] == ' ') && strncmp (p, code, 3) == 0 && (p[3] == '-' || p[3] == ' '))
        {
          const char *q = p + 4;
          gsize st = bs_smtp_status_valid (q);
          if (st > 0 && (q[st] == ' ' || q[st] == '\0'))
            q += st;
          p = q;
          while (*p == ' ')
            p++;
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, *p++);
    }
  g_free (low);
  return g_string_free (out, FALSE);
}

static void
set_command (Ctx *c, const char *command)
{
  c->command[0] = '\0';
  if (command == NULL)
    return;
  while (*command == ' ')
    command++;
  if (g_ascii_strncasecmp (command, "end of ", 7) == 0)
    command += 7;
  static const char *const known[] = { "EHLO", "HELO", "MAIL", "RCPT", "DATA", "QUIT", "CONN", "BDAT" };
  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strncasecmp (command, known[i], 4) == 0 && !g_ascii_isalpha (command[4]))
      {
        g_strlcpy (c->command, known[i], sizeof c->command);
        if (strcmp (c->command, "BDAT") == 0)
          g_strlcpy (c->command, "DATA", sizeof c->command);
        return;
      }
  if (g_ascii_strncasecmp (command, "connect", 7) == 0 || g_ascii_strncasecmp (command, "greeting", 8) == 0)
    g_strlcpy (c->command, "CONN", sizeof c->command);
}

/* the SMTP command a reply answered, read from the reply's own wording when
 * the format gave none (Postfix "in reply to", Exim "after", qmail) */
static const struct {
  const char *text;
  const char *command;
} command_cues[] = {
  { "in reply to rcpt to command", "RCPT" },       /* Postfix */
  { "in reply to rcpt command", "RCPT" },          /* Postfix (LMTP) */
  { "in reply to mail from command", "MAIL" },     /* Postfix */
  { "in reply to end of data command", "DATA" },   /* Postfix */
  { "in reply to data command", "DATA" },          /* Postfix */
  { "in reply to ehlo command", "EHLO" },          /* Postfix */
  { "in reply to helo command", "HELO" },          /* Postfix */
  { "error from remote mail server after rcpt to:", "RCPT" }, /* Exim */
  { "error from remote mail server after mail from:", "MAIL" }, /* Exim */
  { "error from remote mail server after end of data", "DATA" }, /* Exim */
  { "error from remote mail server after data", "DATA" }, /* Exim */
  { "error from remote mail server after ehlo", "EHLO" }, /* Exim */
  { "error from remote mail server after helo", "HELO" }, /* Exim */
  { "but sender was rejected", "MAIL" },           /* qmail */
  { "but my name was rejected", "EHLO" },          /* qmail */
  { "does not like recipient", "RCPT" },           /* qmail */
  { "failed after i sent the message", "DATA" },   /* qmail */
  { "failed on data command", "DATA" },            /* qmail */
  { ">>> rcpt to:", "RCPT" },                      /* Sendmail transcript */
  { ">>> mail from:", "MAIL" },                    /* Sendmail transcript */
  { ">>> data", "DATA" },                          /* Sendmail transcript */
};

static void
ctx_init (Ctx *c, const BsMail *mail, BsRecord *r)
{
  filters_init ();
  /* the bigram set is per thread and all zero between records (ctx_clear) */
  static _Thread_local guint8 bigrams[8192];
  static _Thread_local guint16 first[65536];
  G_STATIC_ASSERT (BS_MAX_FIELD_BYTES < G_MAXUINT16); /* normalise_diag's bound */
  memset (c, 0, sizeof *c);
  c->bigrams = bigrams;
  c->first = first;
  c->mail = mail;
  c->r = r;
  c->reply = r->reply_code;
  c->diag = normalise_diag (r->diagnostic, r->reply_code);
  for (const guchar *p = (const guchar *) c->diag; p[0] && p[1]; p++)
    {
      guint k = ((guint) p[0] << 8) | p[1];
      c->bigrams[k >> 3] |= (guint8) (1u << (k & 7));
      if (c->first[k] == 0)
        c->first[k] = (guint16) ((const char *) p - c->diag + 1);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (c->memo); i++)
    c->memo[i] = -2;
  /* the status the text names wins when it is a plain one (Sisimai) */
  c->status = r->status ? r->status : "";
  g_autofree char *text_status = r->diagnostic ? bs_smtp_find_status (r->diagnostic) : NULL;
  if (text_status && strlen (text_status) == 5 && (text_status[0] == '4' || text_status[0] == '5')
      && text_status[2] != '0' && text_status[4] != '0')
    {
      c->status_own = g_steal_pointer (&text_status);
      c->status = c->status_own;
    }
  c->sr = status_meaning (c->status);
  set_command (c, r->command);
  if (c->command[0] == '\0')
    for (gsize i = 0; i < G_N_ELEMENTS (command_cues); i++)
      if (ctx_strstr (c, command_cues[i].text) != NULL)
        {
          g_strlcpy (c->command, command_cues[i].command, sizeof c->command);
          break;
        }
  c->rhost = r->remote_mta ? g_ascii_strdown (r->remote_mta, -1) : g_strdup ("");
  g_strstrip (c->rhost);
  {
    /* "mx.example.com [192.0.2.1]" -> the name only */
    char *sp = strpbrk (c->rhost, " [(");
    if (sp != NULL && sp != c->rhost)
      *sp = '\0';
    gsize n = strlen (c->rhost);
    if (n > 0 && c->rhost[n - 1] == '.')
      c->rhost[n - 1] = '\0';
  }
  const char *dom = r->destination;
  g_autofree char *dom_own = NULL;
  if (dom == NULL && r->recipient != NULL)
    dom = dom_own = bs_smtp_domain (r->recipient);
  c->domain = dom ? g_ascii_strdown (dom, -1) : g_strdup ("");
  GString *m = g_string_new (NULL);
  for (const char *p = r->mta ? r->mta : ""; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (m, g_ascii_tolower (*p));
  c->mta = g_string_free (m, FALSE);
  c->smtp_type = r->diagnostic_type == NULL || g_ascii_strcasecmp (r->diagnostic_type, "smtp") == 0;
  c->xunix = r->diagnostic_type != NULL && (g_ascii_strcasecmp (r->diagnostic_type, "x-unix") == 0
                                            || g_ascii_strcasecmp (r->diagnostic_type, "x-postfix") == 0);
  c->provider = provider_of (c->rhost, c->domain);
}

static void
ctx_clear (Ctx *c)
{
  for (const guchar *p = (const guchar *) c->diag; p && p[0] && p[1]; p++)
    {
      guint k = ((guint) p[0] << 8) | p[1];
      c->bigrams[k >> 3] = 0;
      c->first[k] = 0;
    }
  g_free (c->diag);
  g_free (c->status_own);
  g_free (c->rhost);
  g_free (c->domain);
  g_free (c->mta);
  g_free (c->given_rule);
  g_free (c->rule);
  g_free (c->evidence);
}

/* words that make a failure without a status temporary (class 4): the MTA
 * gave up after temporary errors, or says the error was temporary */
static const char *const temporary_words[] = {
  "temporar",                                      /* "temporary failure", "temporarily" */
  "persistent",                                    /* "persistent transient failure" (Sisimai) */
  ": retry timeout exceeded",                      /* Exim: a temporary error, then the retry time ran out */
  "have been failing for a long time",             /* Exim smtp.c: every host kept failing */
  "retry time not reached for any host after a long failure period", /* Exim smtp.c */
};

/* permanent_class - '4' or '5' for a record without a status (after
 * Sisimai's SMTP/Error.pm is_permanent): the reply's class, else 4 for a
 * delay (the message is still queued) or for a text that says the error
 * was temporary, else 5 */
static char
permanent_class (const BsRecord *r, const char *diag)
{
  if (r->reply_code >= 400 && r->reply_code < 500)
    return '4';
  if (r->reply_code >= 500 && r->reply_code < 600)
    return '5';
  if (r->action && g_ascii_strcasecmp (r->action, "delayed") == 0)
    return '4';
  for (gsize i = 0; i < G_N_ELEMENTS (temporary_words); i++)
    if (bs_strstr (diag, temporary_words[i]) != NULL)
      return '4';
  return '5';
}

void
bs_classify_record (const BsMail *mail, BsRecord *r)
{
  if (r == NULL)
    return;
  Ctx c;
  ctx_init (&c, mail, r);
  const UserRule *user = NULL;
  decide_reason (&c, &user);

  r->reason = c.reason;
  bs_record_set (&r->rule, c.rule);
  bs_record_set (&r->evidence, c.evidence ? c.evidence : bs_reason_name (c.reason));

  /* hard: the address or its domain cannot receive mail at all */
  gboolean temporary = (r->status && r->status[0] == '4') || (r->reply_code >= 400 && r->reply_code < 500);
  r->hard_bounce = bs_reason_hard (c.reason, temporary);
  if (user != NULL && user->hard >= 0)
    r->hard_bounce = user->hard == 1;

  /* a delay warning is no failure, but what delays it (a blocklist, a
   * provider's code, the sending IP named) is worth telling too */
  gboolean delayed = r->action != NULL && g_ascii_strcasecmp (r->action, "delayed") == 0;
  if (bs_record_is_failure (r) || delayed)
    {
      /* provider code and blocklist */
      g_autofree char *code = bs_classify_provider_code (r->diagnostic);
      if (r->provider_code == NULL)
        bs_record_set (&r->provider_code, code);
      if (r->blocklist == NULL)
        {
          const char *b = user && user->blocklist ? user->blocklist : find_blocklist (&c, r->provider_code);
          bs_record_set (&r->blocklist, b);
        }

      /* the refused sending IP */
      if (r->sending_ip == NULL)
        {
          g_autofree char *ip = bs_classify_ip (r->diagnostic);
          if (ip != NULL && (r->remote_mta == NULL || bs_strstr (r->remote_mta, ip) == NULL))
            {
              bs_record_set (&r->sending_ip, ip);
              bs_record_set (&r->sending_ip_from, "reply");
            }
          else if (mail != NULL && (r->blocklist != NULL || bs_reason_provider_refused (c.reason)))
            {
              /* a field the remote MTA added to the original names what it
               * saw; else, when the reporting MTA talked to a remote one, its
               * own address where the bounce came from it (it is the host
               * that sent the original on); else the original's last hop
               * that was not a submission (the reporting MTA refused the
               * message itself: a gateway's filter) */
              gboolean by_remote = FALSE;
              g_autofree char *rip = received_ip (mail->original, r->remote_mta, c.domain, &by_remote);
              if (!by_remote && r->remote_mta != NULL && *r->remote_mta != '\0')
                {
                  char *own = bs_classify_reporter_ip (mail->received, r->reporting_mta);
                  if (own != NULL)
                    {
                      g_free (rip);
                      rip = own;
                    }
                }
              if (rip != NULL)
                {
                  bs_record_set (&r->sending_ip, rip);
                  bs_record_set (&r->sending_ip_from, "received");
                }
            }
        }

    }
  /* a status for failures and delays that gave none: the class only */
  if (r->status == NULL && (bs_record_is_failure (r) || delayed))
    {
      char st[6] = { permanent_class (r, c.diag), '.', '0', '.', '0', '\0' };
      bs_record_set (&r->status, st);
      bs_record_set (&r->status_from, "inferred");
    }
  ctx_clear (&c);
}
