/* ip.c - the refused sending IP: the address a refusal names as the
 * sender's, else the one the Received fields of the original show
 *
 * A refusal names two kinds of addresses: the sender's ("Client host
 * [203.0.113.5] blocked", "messages from 203.0.113.5") and the remote
 * server's own ("host mx.example.com[192.0.2.1] said"); the words around
 * an address tell which.  When the refusal names none, the original's
 * Received fields (or the bounce's own) show what the remote saw.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "../find.h"
#include "../smtp.h"

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

/* bs_classify_received_ip_by - bs_classify_received_ip(); *by_remote tells whether the
 * field the address came from was added by the remote MTA (or a host of
 * the recipient's domain): only then is it surely the address the remote
 * saw.  Fields of submissions are skipped. */
char *
bs_classify_received_ip_by (const char *headers, const char *remote_mta, const char *domain,
                            gboolean *by_remote)
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
                      added_by_remote = bs_domain_is (bh, domain);
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
  return bs_classify_received_ip_by (headers, remote_mta, domain, NULL);
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
