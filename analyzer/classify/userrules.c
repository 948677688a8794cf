/* userrules.c - the user's rules file (--rules, docs/rules.md): read once,
 * tried before the built-in tables
 *
 * A rule is a "[rule NAME]" group of "key = value" lines; every key given
 * must match the record.  A rule decides the reason (rule id "user:NAME"),
 * and may set hard-bounce and the blocklist.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "internal.h"

#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "../bs.h"
#include "../find.h"
#include "../smtp.h"

struct BsUserRule {
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
};

typedef struct BsUserRule UserRule;

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

/* rule_set - one "key = value" line of rule cur */
static gboolean
rule_set (UserRule *cur, const char *key, char *value, const char *path, guint lineno, GError **error)
{
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
  return TRUE;
}

/* rule_open - a "[rule NAME]" line: a new rule, after checking the last */
static UserRule *
rule_open (char *line, UserRule *last, const char *path, guint lineno, GError **error)
{
  gsize n = strlen (line);
  if (line[n - 1] != ']' || strncmp (line, "[rule ", 6) != 0)
    {
      rule_error (error, path, lineno, "expected a group \"[rule NAME]\", got \"%s\"", line);
      return NULL;
    }
  line[n - 1] = '\0';
  char *name = g_strstrip (line + 6);
  if (!valid_id (name))
    {
      rule_error (error, path, lineno, "a rule name is letters, digits, '-', '_' or '.'");
      return NULL;
    }
  if (last != NULL && !rule_complete (last, path, error))
    return NULL;
  UserRule *cur = g_new0 (UserRule, 1);
  cur->name = g_strdup (name);
  cur->line = lineno;
  cur->hard = -1;
  cur->diagnostic = g_ptr_array_new_with_free_func (g_free);
  return cur;
}

/* read_file - the rules file's text: bounded, UTF-8, no NUL */
static char *
read_file (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) local = NULL;
  /* a FIFO or a device would hold the command on its open or its read */
  GStatBuf st;
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_UNREADABLE, "%s: not a regular file", path);
      return NULL;
    }
  if (!g_file_get_contents (path, &text, &len, &local))
    {
      int code = g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? BS_ERROR_NOT_FOUND
                                                                         : BS_ERROR_UNREADABLE;
      g_set_error (error, BS_ERROR, code, "%s: %s", path, local->message);
      return NULL;
    }
  if (len > 4u * 1024u * 1024u)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_TOO_LARGE, "%s: a rules file over 4 MB is not read", path);
      return NULL;
    }
  if (!g_utf8_validate (text, (gssize) len, NULL) || memchr (text, '\0', len) != NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_PARSE, "%s: not a UTF-8 text file", path);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* the rules file format is documented in docs/rules.md */
gboolean
bs_classify_load_rules (const char *path, GError **error)
{
  g_autofree char *text = read_file (path, error);
  if (text == NULL)
    return FALSE;
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
          if ((cur = rule_open (line, cur, path, lineno, error)) == NULL)
            return FALSE;
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
      if (!rule_set (cur, key, value, path, lineno, error))
        return FALSE;
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

const BsUserRule *
bs_user_rule_match (const Ctx *c, char **evidence)
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
        ok = c->domain[0] && bs_domain_is (c->domain, u->domain);
      if (ok && u->command)
        ok = strcmp (c->command, u->command) == 0;
      if (ok && u->mta)
        {
          g_autofree char *m = c->r->mta ? g_ascii_strdown (c->r->mta, -1) : g_strdup ("");
          ok = bs_strstr (m, u->mta) != NULL;
        }
      if (ok)
        {
          *evidence = first ? bs_evidence_at (first, first + strlen (g_ptr_array_index (u->diagnostic, 0)))
                            : g_strdup (u->name);
          return u;
        }
    }
  return NULL;
}

BsReason
bs_user_rule_reason (const BsUserRule *u)
{
  return u->reason;
}

const char *
bs_user_rule_name (const BsUserRule *u)
{
  return u->name;
}

int
bs_user_rule_hard (const BsUserRule *u)
{
  return u->hard;
}

const char *
bs_user_rule_blocklist (const BsUserRule *u)
{
  return u->blocklist;
}
