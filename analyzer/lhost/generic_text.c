/* generic_text.c - the generic reader's reading of lines: lower case, the
 * cues on a line, the addresses in it, and where the notice ends (the
 * returned original's part, a marker line, its header block written inline)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

#include <string.h>

#include "../bs.h"
#include "../find.h"
#include "../smtp.h"
#include "generic.h"

/* ---- lower case and cues --------------------------------------------------- */

/* lower_copy - n bytes of s lower-cased into out (n + 1 bytes): ASCII,
 * Latin-1 and Cyrillic capitals (the same length in UTF-8) */
void
bs_generic_lower_copy (const char *s, gsize n, char *out)
{
  for (gsize i = 0; i < n; i++)
    {
      guchar c = (guchar) s[i];
      if (c >= 'A' && c <= 'Z')
        c = (guchar) (c + 32);
      else if (i + 1 < n)
        {
          guchar d = (guchar) s[i + 1];
          if (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97)
            {
              out[i++] = (char) c;
              c = (guchar) (d + 0x20); /* À-Þ -> à-þ */
            }
          else if (c == 0xD0 && d >= 0x90 && d <= 0x9F)
            {
              out[i++] = (char) c;
              c = (guchar) (d + 0x20); /* А-П -> а-п */
            }
          else if (c == 0xD0 && d >= 0xA0 && d <= 0xAF)
            {
              out[i++] = (char) 0xD1;
              c = (guchar) (d - 0x20); /* Р-Я -> р-я */
            }
          else if (c == 0xD0 && d >= 0x80 && d <= 0x8F)
            {
              out[i++] = (char) 0xD1;
              c = (guchar) (d + 0x10); /* Ѐ-Џ -> ѐ-џ */
            }
        }
      out[i] = (char) c;
    }
  out[n] = '\0';
}

char *
bs_generic_lower_dup (const char *s)
{
  gsize n = strnlen (s, LINE_BYTES);
  char *out = g_malloc (n + 1);
  bs_generic_lower_copy (s, n, out);
  return out;
}

/* cue_find - the first row of kind whose text is in lower (from `from` on);
 * *at receives where it starts.  NULL if none. */
const BsCue *
bs_generic_cue_find (const char *lower, BsCueKind kind, const char **at)
{
  for (gsize i = 0; i < bs_generic_n_cues; i++)
    {
      const BsCue *c = &bs_generic_cues[i];
      if (c->kind != kind)
        continue;
      const char *p = bs_strstr (lower, c->text);
      if (p != NULL)
        {
          if (at != NULL)
            *at = p;
          return c;
        }
    }
  return NULL;
}

guint
bs_generic_line_leads (const char *lower, Lead *out)
{
  guint k = 0;
  for (gsize i = 0; i < bs_generic_n_cues && k < LINE_LEADS; i++)
    {
      const BsCue *c = &bs_generic_cues[i];
      if (c->kind != BS_CUE_LEAD)
        continue;
      gsize n = strlen (c->text);
      for (const char *p = bs_strstr (lower, c->text); p != NULL && k < LINE_LEADS;
           p = bs_strstr (p + n, c->text))
        out[k++] = (Lead) { (gsize) (p - lower) + n, c };
    }
  return k;
}

/* lead_before - the lead that ends nearest before offset s (the address's
 * lead), NULL if none */
const BsCue *
bs_generic_lead_before (const Lead *leads, guint k, gsize s)
{
  const Lead *best = NULL;
  for (guint i = 0; i < k; i++)
    if (leads[i].end <= s && (best == NULL || leads[i].end > best->end))
      best = &leads[i];
  return best ? best->cue : NULL;
}

/* cue_ending - the row of kind whose text ends at offset s of lower (an
 * address syntax "dda:smtp=", an alias "generated from"), NULL if none */
const BsCue *
bs_generic_cue_ending (const char *lower, gsize s, BsCueKind kind)
{
  for (gsize c = 0; c < bs_generic_n_cues; c++)
    {
      const BsCue *row = &bs_generic_cues[c];
      gsize rl = strlen (row->text);
      if (row->kind == kind && s >= rl && memcmp (lower + s - rl, row->text, rl) == 0)
        return row;
    }
  return NULL;
}

/* ---- addresses ----------------------------------------------------------- */

gboolean
bs_generic_local_char (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80 || (c != 0 && strchr ("!#$%&*+?^_`{|}~.-", c) != NULL);
}

static gboolean
domain_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c >= 0x80;
}

/* address_at - the address around the '@' at line[at]: *s and *e its
 * bounds; NULL when it is none (no dot in the domain, a one-letter or
 * numeric last label, empty parts) */
static char *
address_at (const char *line, gsize n, gsize at, gsize *s, gsize *e)
{
  gsize a = at, b = at + 1;
  while (a > 0 && bs_generic_local_char ((guchar) line[a - 1]) && at - a < 64)
    a--;
  while (a < at && line[a] == '.')
    a++;
  if (a == at || line[at - 1] == '.' || g_strstr_len (line + a, (gssize) (at - a), "..") != NULL)
    return NULL; /* "david...@example.com": cut short, no address */
  if (b < n && line[b] == '[')
    {
      /* an address literal: user@[192.0.2.1] */
      const char *close = memchr (line + b, ']', MIN (n - b, 48));
      if (close == NULL)
        return NULL;
      b = (gsize) (close - line) + 1;
    }
  else
    {
      while (b < n && domain_char ((guchar) line[b]) && b - at < 256)
        b++;
      while (b > at + 1 && (line[b - 1] == '.' || line[b - 1] == '-'))
        b--;
      const char *dot = NULL;
      for (gsize i = at + 1; i < b; i++)
        if (line[i] == '.')
          dot = line + i;
      if (dot == NULL || dot == line + at + 1 || line + b - dot < 2)
        return NULL;
      gboolean letters = FALSE;
      for (const char *p = dot + 1; p < line + b; p++)
        if (!g_ascii_isdigit (*p) && *p != '-')
          letters = TRUE;
      if (!letters)
        return NULL; /* an IP address, a version number */
    }
  *s = a;
  *e = b;
  g_autofree char *domain = g_ascii_strdown (line + at + 1, (gssize) (b - at - 1));
  g_autofree char *local = g_strndup (line + a, at - a);
  return g_strconcat (local, "@", domain, NULL);
}

/* line_addresses - every address in line (at most LINE_ADDRESSES) */
guint
bs_generic_line_addresses (const char *line, gsize n, Found *out)
{
  guint k = 0;
  gsize from = 0;
  for (const char *at = memchr (line, '@', n); at != NULL && k < LINE_ADDRESSES;
       at = from < n ? memchr (line + from, '@', n - from) : NULL)
    {
      gsize i = (gsize) (at - line);
      from = i + 1;
      gsize s = 0, e = 0;
      char *a = address_at (line, n, i, &s, &e);
      if (a == NULL)
        continue;
      out[k++] = (Found) { s, e, a };
      from = e;
    }
  return k;
}

/* ---- the notice's lines --------------------------------------------------- */

/* enclosed parts of the flattened body that hold the returned original */
static const char *const original_parts[] = {
  "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers", "Content-Type: message/global",
  "Content-Type: message/partial", "Content-Type: text/x-bs-r822", "Content-Type: text/x-bs-glob",
};

/* header names that open an original's header block written inline */
static const char *const block_names[] = {
  "received:", "return-path:", "message-id:", "mime-version:", "dkim-signature:", "x-mailer:",
  "delivered-to:", "content-type:", "user-agent:", "x-originating-ip:", "authentication-results:",
};
static const char *const summary_names[] = {
  "from:", "to:", "cc:", "subject:", "date:", "sent:", "reply-to:", "sender:", "in-reply-to:",
  "references:", "bcc:", "x-", "arc-", "list-",
};

gboolean
bs_generic_starts_any (const char *lower, const char *const *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (strncmp (lower, list[i], strlen (list[i])) == 0)
      return TRUE;
  return FALSE;
}

/* a field of the original's header summary a notice may show ("To: a@b") */
gboolean
bs_generic_summary_field (const char *lower)
{
  return bs_generic_starts_any (lower, summary_names, G_N_ELEMENTS (summary_names));
}

/* a "Name: value" line of a header block (no blank before the name) */
gboolean
bs_generic_header_like (const char *line, gsize n)
{
  gsize i = 0;
  while (i < n && i < 40 && (g_ascii_isalnum (line[i]) || line[i] == '-'))
    i++;
  return i > 0 && i < n && line[i] == ':';
}

/* a line that says the returned original follows ("----- Original
 * message -----", "Below is a copy of the message:") */
static gboolean
original_marker (const char *p, gsize n)
{
  gsize i = 0;
  while (i < n && i < 40 && strchr (" \t-*=_|>#[(", p[i]) != NULL)
    i++;
  if (i == n)
    return FALSE;
  char lower[LINE_BYTES + 1];
  bs_generic_lower_copy (p + i, MIN (n - i, LINE_BYTES), lower);
  for (gsize c = 0; c < bs_generic_n_cues; c++)
    {
      const BsCue *row = &bs_generic_cues[c];
      if (row->kind == BS_CUE_ORIGINAL && strncmp (lower, row->text, strlen (row->text)) == 0)
        return TRUE;
    }
  return FALSE;
}

/* the notice: lines of body up to the returned original; *after is where
 * the original begins (NULL: not found) */
GArray *
bs_generic_notice_lines (const char *body, const char **after)
{
  *after = NULL;
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  gsize total = strnlen (body, BS_MAX_BODY_BYTES);
  const char *p = body, *end = body + MIN (total, NOTICE_BYTES);
  while (p < end && lines->len < NOTICE_LINES)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      gsize n = nl ? (gsize) (nl - p) : (gsize) (end - p);
      if (n > 0 && p[n - 1] == '\r')
        n--;
      Line l = { p, MIN (n, LINE_BYTES) };
      if (bs_generic_starts_any (p, original_parts, G_N_ELEMENTS (original_parts)))
        {
          *after = nl ? nl + 1 : end;
          break;
        }
      if (original_marker (p, l.n))
        {
          *after = nl ? nl + 1 : end;
          break;
        }
      /* the original's header block written inline: a run of header lines
       * with a field only a message has (a summary of From/To/Subject
       * lines in the notice itself does not end it) */
      if (bs_generic_header_like (p, n))
        {
          char head[24];
          bs_generic_lower_copy (p, MIN (n, sizeof head - 1), head);
          if (bs_generic_starts_any (head, block_names, G_N_ELEMENTS (block_names))
              || bs_generic_starts_any (head, summary_names, G_N_ELEMENTS (summary_names)))
            {
              gboolean block = FALSE;
              guint run = 0;
              const char *q = p;
              for (guint k = 0; k < 12 && q < end; k++)
                {
                  const char *qn = memchr (q, '\n', (gsize) (end - q));
                  gsize m = qn ? (gsize) (qn - q) : (gsize) (end - q);
                  if (m > 0 && q[m - 1] == '\r')
                    m--;
                  if (m == 0)
                    break;
                  if (q[0] != ' ' && q[0] != '\t')
                    {
                      if (!bs_generic_header_like (q, m))
                        break;
                      char h[24];
                      bs_generic_lower_copy (q, MIN (m, sizeof h - 1), h);
                      if (bs_generic_starts_any (h, block_names, G_N_ELEMENTS (block_names)))
                        block = TRUE;
                      run++;
                    }
                  if (qn == NULL)
                    break;
                  q = qn + 1;
                }
              if (block && run >= 2)
                {
                  *after = p;
                  break;
                }
            }
        }
      g_array_append_val (lines, l);
      p = nl ? nl + 1 : end;
    }
  return lines;
}

