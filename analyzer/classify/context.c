/* context.c - one record's facts, normalised once, and the decision so far
 *
 * The diagnostic lower-cased (with the codes of a multi-line reply's
 * continuation lines taken out) and its byte pairs noted for the phrase
 * search; the status the tests use (a plain one the text names wins) and
 * what it means; the SMTP command (given, or read from the reply's own
 * wording); the remote host, recipient domain and format name, and the
 * provider they point to.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "internal.h"

#include <string.h>

#include "../bs.h"
#include "../find.h"
#include "../smtp.h"

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


void
bs_ctx_init (Ctx *c, const BsMail *mail, BsRecord *r)
{
  bs_filters_init ();
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
      if (bs_ctx_strstr (c, command_cues[i].text) != NULL)
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
  /* X-Postfix is Postfix's own text about an SMTP delivery ("Host or domain
   * name not found", "message size ... exceeds size limit"): read as an
   * SMTP diagnostic, a local mailer's error only when no phrase says more */
  gboolean xpostfix = r->diagnostic_type != NULL && g_ascii_strcasecmp (r->diagnostic_type, "x-postfix") == 0;
  c->smtp_type = r->diagnostic_type == NULL || g_ascii_strcasecmp (r->diagnostic_type, "smtp") == 0 || xpostfix;
  c->xunix = r->diagnostic_type != NULL && (g_ascii_strcasecmp (r->diagnostic_type, "x-unix") == 0 || xpostfix);
  c->provider = bs_classify_provider_of (c->rhost, c->domain);
}

void
bs_ctx_clear (Ctx *c)
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

void
bs_ctx_decide (Ctx *c, BsReason reason, char *rule, char *evidence)
{
  c->reason = reason;
  g_free (c->rule);
  c->rule = rule;
  g_free (c->evidence);
  c->evidence = evidence;
}

void
bs_ctx_decide_status (Ctx *c, BsReason reason)
{
  bs_ctx_decide (c, reason, g_strdup_printf ("status:%s", c->status), g_strdup (c->status));
}

gboolean
bs_ctx_command_is (const Ctx *c, const char *const *list)
{
  for (; *list; list++)
    if (strcmp (c->command, *list) == 0)
      return TRUE;
  return FALSE;
}

gboolean
bs_host_has_suffix (const char *host, const char *suffix)
{
  gsize h = strlen (host), s = strlen (suffix);
  if (h < s || strcmp (host + h - s, suffix) != 0)
    return FALSE;
  /* a suffix without a leading dot must start a label */
  return suffix[0] == '.' || h == s || host[h - s - 1] == '.';
}

gboolean
bs_domain_is (const char *domain, const char *name)
{
  gsize d = strlen (domain), n = strlen (name);
  if (d < n || strcmp (domain + d - n, name) != 0)
    return FALSE;
  return d == n || domain[d - n - 1] == '.';
}
