/* lines.c - BsLine: the format kit's lines, read in place (see kit.h)
 *
 * Owns the line walk over a text (memchr-led, no copy), the tests on one
 * line (prefix, suffix, search, field), the addresses a line names, and
 * the markers that find a notice's first and last line.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

#include <string.h>

#include "../bs.h"

/* lines a search for a marker reads at most (as a notice walk, kit.c) */
#define MAX_LINES (8u * BS_MAX_RECIPIENTS)

/* ---- lines ---------------------------------------------------------------- */

void
bs_lines_init (BsLines *it, const char *start, const char *end)
{
  it->p = start;
  it->end = end;
}

gboolean
bs_lines_next (BsLines *it, BsLine *line)
{
  if (it->p == NULL || it->p >= it->end)
    return FALSE;
  const char *nl = memchr (it->p, '\n', (gsize) (it->end - it->p));
  const char *e = nl ? nl : it->end;
  line->s = it->p;
  line->n = (gsize) (e - it->p);
  if (line->n > 0 && line->s[line->n - 1] == '\r')
    line->n--;
  it->p = nl ? nl + 1 : it->end;
  return TRUE;
}

gboolean
bs_line_starts (BsLine l, const char *prefix)
{
  if (l.n == 0 || l.s[0] != prefix[0])
    return prefix[0] == '\0';
  gsize k = strlen (prefix);
  return l.n >= k && memcmp (l.s, prefix, k) == 0;
}

gboolean
bs_line_istarts (BsLine l, const char *prefix)
{
  gsize k = strlen (prefix);
  return l.n >= k && g_ascii_strncasecmp (l.s, prefix, k) == 0;
}

gboolean
bs_line_ends (BsLine l, const char *suffix)
{
  gsize k = strlen (suffix);
  return l.n >= k && memcmp (l.s + l.n - k, suffix, k) == 0;
}

gboolean
bs_line_equals (BsLine l, const char *text)
{
  return strlen (text) == l.n && memcmp (l.s, text, l.n) == 0;
}

const char *
bs_line_find (BsLine l, const char *needle)
{
  gsize k = strlen (needle);
  if (k == 0 || k > l.n)
    return NULL;
  /* where the first byte is, then the rest */
  const char *last = l.s + l.n - k;
  for (const char *p = l.s; p <= last && (p = memchr (p, needle[0], (gsize) (last - p) + 1)) != NULL; p++)
    if (memcmp (p + 1, needle + 1, k - 1) == 0)
      return p;
  return NULL;
}

const char *
bs_line_chr (BsLine l, char c)
{
  return l.n > 0 ? memchr (l.s, c, l.n) : NULL;
}

gboolean
bs_line_blank (BsLine l)
{
  for (gsize i = 0; i < l.n; i++)
    if (l.s[i] != ' ' && l.s[i] != '\t')
      return FALSE;
  return TRUE;
}

BsLine
bs_line_trim (BsLine l)
{
  while (l.n > 0 && (l.s[0] == ' ' || l.s[0] == '\t'))
    l.s++, l.n--;
  while (l.n > 0 && (l.s[l.n - 1] == ' ' || l.s[l.n - 1] == '\t'))
    l.n--;
  return l;
}

BsLine
bs_line_after (BsLine l, const char *p)
{
  BsLine r = { l.s + l.n, 0 };
  if (p != NULL && p >= l.s && p <= l.s + l.n)
    {
      r.s = p;
      r.n = (gsize) (l.s + l.n - p);
    }
  return r;
}

char *
bs_line_dup (BsLine l)
{
  return g_strndup (l.s, l.n);
}

gboolean
bs_line_field (BsLine l, const char *name, BsLine *value)
{
  gsize k = strlen (name);
  if (!bs_line_istarts (l, name))
    return FALSE;
  BsLine v = bs_line_trim (bs_line_after (l, l.s + k));
  if (v.n == 0 || v.s[0] != ':')
    return FALSE;
  *value = bs_line_trim (bs_line_after (v, v.s + 1));
  return TRUE;
}

char *
bs_line_labelled_addr (BsLine l, const char *label)
{
  BsLine t = bs_line_trim (l);
  if (l.n == 0 || (l.s[0] != ' ' && l.s[0] != '\t') || !bs_line_starts (t, label))
    return NULL;
  BsLine v = bs_line_trim (bs_line_after (t, t.s + strlen (label)));
  if (v.n > 0 && v.s[0] == '<')
    return bs_line_angle_addr (v, v.s, NULL);
  return bs_line_bare_addr (v, NULL);
}

char *
bs_line_angle_addr (BsLine l, const char *from, const char **after)
{
  const char *end = l.s + l.n;
  const char *p = from ? from : l.s;
  while (p < end)
    {
      const char *lt = memchr (p, '<', (gsize) (end - p));
      if (lt == NULL)
        return NULL;
      const char *gt = memchr (lt + 1, '>', (gsize) (end - lt - 1));
      if (gt == NULL)
        return NULL;
      const char *at = memchr (lt + 1, '@', (gsize) (gt - lt - 1));
      gsize len = (gsize) (gt - lt - 1);
      if (at != NULL && at > lt + 1 && at < gt - 1 && len <= BS_MAX_ADDRESS_BYTES
          && memchr (lt + 1, ' ', len) == NULL && memchr (lt + 1, '<', len) == NULL)
        {
          if (after)
            *after = gt + 1;
          return g_strndup (lt + 1, len);
        }
      p = lt + 1;
    }
  return NULL;
}

char *
bs_line_bare_addr (BsLine l, const char **after)
{
  BsLine t = l;
  while (t.n > 0 && (t.s[0] == ' ' || t.s[0] == '\t'))
    t.s++, t.n--;
  gsize i = 0;
  while (i < t.n && t.s[i] != ' ' && t.s[i] != '\t')
    i++;
  gsize tok = i;
  while (tok > 0 && (t.s[tok - 1] == ':' || t.s[tok - 1] == ',' || t.s[tok - 1] == ';'))
    tok--;
  const char *at = tok > 0 ? memchr (t.s, '@', tok) : NULL;
  if (at == NULL || at == t.s || at == t.s + tok - 1 || tok > BS_MAX_ADDRESS_BYTES)
    return NULL;
  if (after)
    *after = t.s + i;
  return g_strndup (t.s, tok);
}

gboolean
bs_line_mark (BsLine l, const char *const *marks, gboolean anywhere)
{
  for (gsize i = 0; marks != NULL && marks[i] != NULL; i++)
    if (anywhere ? bs_line_find (l, marks[i]) != NULL : bs_line_starts (l, marks[i]))
      return TRUE;
  return FALSE;
}

/* the Content-Type lines message.c writes before a returned message (the
 * prefix "message/global" also stands for message/global-headers) */
static const char *const returned_types[] = {
  "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers",
  "Content-Type: message/global", "Content-Type: message/partial",
};

gboolean
bs_line_returned (BsLine l)
{
  if (l.n < 20 || (l.s[0] | 0x20) != 'c')
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (returned_types); i++)
    if (bs_line_istarts (l, returned_types[i]))
      return TRUE;
  return FALSE;
}

const char *
bs_text_find (const char *from, const char *end, const char *const *marks, gboolean anywhere)
{
  BsLines it;
  BsLine l;
  bs_lines_init (&it, from, end);
  for (guint i = 0; i < MAX_LINES && bs_lines_next (&it, &l); i++)
    if (bs_line_mark (l, marks, anywhere))
      return l.s;
  return NULL;
}

const char *
bs_text_end (const char *text, const char *const *marks)
{
  if (text == NULL)
    return NULL;
  const char *end = text + strlen (text);
  BsLines it;
  BsLine l;
  bs_lines_init (&it, text, end);
  while (bs_lines_next (&it, &l))
    if (bs_line_returned (l) || bs_line_mark (l, marks, FALSE))
      return l.s;
  return end;
}
