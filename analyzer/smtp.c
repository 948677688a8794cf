/* smtp.c - the SMTP facts a bounce's text carries, one reader each
 *
 * RFC 3463 status codes, RFC 5321 reply codes, the SMTP command a failure
 * answered, the host that answered, addresses: strict, allocation-free
 * scanners in the manner of Postfix's dsn_valid(): each returns a length or
 * zero, a static word, or a new string.  They accept hostile text of any
 * length and read it once.  Every format module and the classifier read
 * these facts here, never with a reader of their own.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "smtp.h"

#include <string.h>

#include "bs.h"
#include "find.h"

gsize
bs_smtp_status_valid (const char *t)
{
  /* class "." subject(1-3 digits) "." detail(1-3 digits) */
  if (t == NULL || (t[0] != '2' && t[0] != '4' && t[0] != '5') || t[1] != '.')
    return 0;
  gsize i = 2, n = 0;
  while (g_ascii_isdigit (t[i]) && n < 4)
    i++, n++;
  if (n == 0 || n > 3 || t[i] != '.')
    return 0;
  i++;
  n = 0;
  while (g_ascii_isdigit (t[i]) && n < 4)
    i++, n++;
  if (n == 0 || n > 3)
    return 0;
  if (t[i] == '.' || g_ascii_isalnum (t[i]))
    return 0; /* an IP address or a version number, not a status */
  return i;
}

char *
bs_smtp_find_status (const char *text)
{
  if (text == NULL)
    return NULL;
  for (const char *p = text; *p; p++)
    {
      if (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '-' || p[-1] == '_'))
        continue;
      gsize n = bs_smtp_status_valid (p);
      if (n > 0)
        return g_strndup (p, n);
    }
  return NULL;
}

/* reply codes of RFC 5321, RFC 4954 (AUTH), RFC 3207 (STARTTLS) and RFC 7504
 * (521, 556) that bounces carry; any other three-digit number is not taken
 * for a reply code (Sisimai 5's SMTP::Reply) */
static const guint reply_codes[] = {
  211, 214, 220, 221, 235, 250, 251, 252, 253, 354,
  421, 422, 430, 432, 450, 451, 452, 453, 454, 455, 458, 459,
  500, 501, 502, 503, 504, 520, 521, 523, 524, 525, 530, 533, 534, 535, 538,
  550, 551, 552, 553, 554, 555, 556,
};

gboolean
bs_smtp_reply_valid (guint code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (reply_codes); i++)
    if (reply_codes[i] == code)
      return TRUE;
  return FALSE;
}

/* where a reply code may begin: not inside a word, a number, an address or
 * a version ("1.550", "-550", "/550"); after a ":" only when a blank is
 * before it ("ERROR_CODE :550", not an IPv6 group "2001:db8::250") */
static gboolean
code_starts (const char *text, const char *p)
{
  if (p == text)
    return TRUE;
  char b = p[-1];
  if (g_ascii_isalnum (b) || b == '_' || b == '.' || b == '-' || b == '/')
    return FALSE;
  return b != ':' || p - 1 == text || p[-2] == ' ' || p[-2] == '\t';
}

/* the three digits at p stand as a reply code: a blank, "-", ",", the end,
 * or ":" not before a hex digit follows */
static gboolean
code_ends (const char *p)
{
  char a = p[3];
  return a == ' ' || a == '\t' || a == '-' || a == ',' || a == '\0' || (a == ':' && !g_ascii_isxdigit (p[4]));
}

/* a mailer's exit status, not an SMTP exchange ("X-Unix; 67") */
static gboolean
local_mailer (const char *text)
{
  for (const char *p = strpbrk (text, "xX"); p != NULL; p = strpbrk (p + 1, "xX"))
    if (g_ascii_strncasecmp (p, "x-unix;", 7) == 0)
      return TRUE;
  return FALSE;
}

guint
bs_smtp_find_reply (const char *text)
{
  if (text == NULL || local_mailer (text))
    return 0;
  guint ok = 0;
  for (const char *p = text; *p; p++)
    {
      if ((p[0] != '2' && p[0] != '4' && p[0] != '5') || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2])
          || !code_starts (text, p) || !code_ends (p))
        continue;
      guint v = (guint) ((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0'));
      if (!bs_smtp_reply_valid (v))
        continue;
      if (p[0] != '2')
        return v;
      if (ok == 0)
        ok = v;
    }
  return ok;
}

/* SMTP commands as bounces name them, in the order they are tried */
static const struct {
  const char *command;
  const char *words;
} command_words[] = {
  { "CONN", "initial connection" },     /* Exim: "after initial connection" */
  { "CONN", "connect" },                /* "after connect", "CONNECT" */
  { "DATA", "end of data" },            /* Exim, Postfix: after the message */
  { "EHLO", "ehlo" }, { "HELO", "helo" }, { "MAIL", "mail from" }, { "MAIL", "mail" },
  { "RCPT", "rcpt" }, { "DATA", "data" }, { "STARTTLS", "starttls" }, { "AUTH", "auth" },
};

const char *
bs_smtp_command_at (const char *text)
{
  if (text == NULL)
    return NULL;
  while (*text == ' ' || *text == '\t')
    text++;
  for (gsize i = 0; i < G_N_ELEMENTS (command_words); i++)
    {
      gsize k = strlen (command_words[i].words);
      if (g_ascii_strncasecmp (text, command_words[i].words, k) == 0 && !g_ascii_isalpha (text[k]))
        return command_words[i].command;
    }
  return NULL;
}

/* words a notice writes before the command it names, in the order looked
 * for ("in reply to RCPT TO", "after end of DATA", "[RCPT_TO]", ">>> DATA") */
static const char *const command_leads[] = {
  "in reply to ", "after end of ", "after ", "[", ">>> ", "command ", " in End of ", " in ",
};

const char *
bs_smtp_command_named (const char *text)
{
  if (text == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (command_leads); i++)
    {
      /* in upper case, but for the words after "end of" ("end of data") */
      const char *lead = command_leads[i];
      gboolean any_case = g_str_has_suffix (lead, "end of ");
      for (const char *p = bs_strstr (text, lead); p != NULL; p = bs_strstr (p + 1, lead))
        {
          const char *w = p + strlen (lead);
          if (!(g_ascii_isupper (*w) || (any_case && g_ascii_isalpha (*w))))
            continue;
          const char *c = bs_smtp_command_at (w);
          if (c != NULL)
            return c;
        }
    }
  return NULL;
}

char *
bs_smtp_host_after (const char *text, const char *word)
{
  const char *p = text ? bs_strstr (text, word) : NULL;
  if (p == NULL)
    return NULL;
  p += strlen (word);
  while (*p == ' ')
    p++;
  gsize n = 0;
  while (p[n] && (g_ascii_isalnum (p[n]) || p[n] == '.' || p[n] == '-' || p[n] == '_' || p[n] == ':')
         && n < 255)
    n++;
  while (n > 0 && (p[n - 1] == '.' || p[n - 1] == ':'))
    n--;
  if (n == 0 || memchr (p, '.', n) == NULL)
    return NULL;
  return g_ascii_strdown (p, (gssize) n);
}

static gboolean
atext (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~.", c) != NULL)
         || (guchar) c >= 0x80;
}

char *
bs_smtp_address (const char *text)
{
  if (text == NULL)
    return NULL;
  for (const char *at = strchr (text, '@'); at != NULL; at = strchr (at + 1, '@'))
    {
      const char *s = at;
      while (s > text && atext (s[-1]))
        s--;
      const char *e = at + 1;
      while (*e && (g_ascii_isalnum (*e) || *e == '-' || *e == '.' || *e == '_'
                    || (guchar) *e >= 0x80 || *e == '[' || *e == ']' || *e == ':'))
        e++;
      while (s < at && (*s == '.' || *s == '\'' || *s == '`'))
        s++;
      while (e > at + 1 && (e[-1] == '.' || e[-1] == ']' || e[-1] == ':'))
        {
          if (e[-1] == ']' && at[1] == '[')
            break;
          e--;
        }
      if (s == at || e <= at + 1 || (gsize) (e - s) > BS_MAX_ADDRESS_BYTES)
        continue;
      g_autofree char *local = g_strndup (s, (gsize) (at - s));
      g_autofree char *domain = g_ascii_strdown (at + 1, (gssize) (e - at - 1));
      if (strchr (domain, '.') == NULL && domain[0] != '[' && strcmp (domain, "localhost") != 0)
        {
          /* "user@host" without a dot: still an address in local bounces */
        }
      return g_strconcat (local, "@", domain, NULL);
    }
  return NULL;
}

char *
bs_smtp_domain (const char *address)
{
  const char *at = address ? strrchr (address, '@') : NULL;
  if (at == NULL || at[1] == '\0')
    return NULL;
  return g_ascii_strdown (at + 1, -1);
}

char *
bs_smtp_join_reply (const char *text)
{
  if (text == NULL)
    return NULL;
  /* the prefix of the first line: "421-4.7.0 " or "550-" or "550 5.7.1 " */
  const char *p = text;
  while (*p == ' ')
    p++;
  if (!(g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
        && (p[3] == '-' || p[3] == ' ')))
    return g_strdup (text);
  gsize plen = 4 + bs_smtp_status_valid (p + 4);
  if (plen > 4 && p[plen] == ' ')
    plen++;
  char code[4] = { p[0], p[1], p[2], '\0' };
  gboolean multiline = p[3] == '-';
  GString *out = g_string_sized_new (strlen (text));
  g_string_append_len (out, p, (gssize) plen);
  const char *q = p + plen;
  while (*q)
    {
      /* " 421-4.7.0 " or " 421 4.7.0 " or " 421-" inside: a continuation line */
      if (*q == ' ' && strncmp (q + 1, code, 3) == 0 && (q[4] == '-' || q[4] == ' '))
        {
          const char *r = q + 5;
          gsize sl = bs_smtp_status_valid (r);
          if (q[4] == '-' || sl > 0 || multiline)
            {
              r += sl;
              while (*r == ' ')
                r++;
              g_string_append_c (out, ' ');
              q = r;
              continue;
            }
        }
      g_string_append_c (out, *q++);
    }
  return g_string_free (out, FALSE);
}
