/* generic_nobody.c - the generic reader's last resorts, when the notice
 * names no recipient: a local part or screen name matched to the original's
 * To/Cc, the original's one recipient (never a mailing list's own address),
 * a screen name listed under a lead at the mailer's own domain
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

#include <string.h>

#include "../bs.h"
#include "../find.h"
#include "../smtp.h"
#include "generic.h"

/* ---- when the text names nobody: the original's recipients --------------- */

/* the original's To and Cc addresses (lower case domains), less a mailing
 * list's own address (its List-Post, X-BeenThere, Mailing-List): a post to
 * a list names the list, not the member whose mailbox refused it */
GPtrArray *
bs_generic_original_recipients (const BsMail *mail, const char *after_notice)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  static const char *const names[] = { "To", "Cc", "List-Post", "X-BeenThere", "Mailing-List" };
  enum { N_RCPT = 2, N_NAMES = G_N_ELEMENTS (names) };
  char *values[N_NAMES] = { NULL };
  if (mail->original != NULL)
    bs_header_get_many (mail->original, names, values, N_NAMES);
  else if (after_notice != NULL)
    {
      /* an original written inline: its header block, bounded */
      while (*after_notice == '\n' || *after_notice == '\r')
        after_notice++;
      g_autofree char *block = g_strndup (after_notice, 16384);
      bs_header_get_many (block, names, values, N_NAMES);
    }
  g_autoptr (GHashTable) lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (int i = N_RCPT; i < N_NAMES; i++)
    bs_generic_add_addresses (lists, values[i]);
  for (int i = 0; i < N_RCPT; i++)
    {
      if (values[i] != NULL)
        {
          gsize n = strnlen (values[i], BS_MAX_FIELD_BYTES);
          Found f[LINE_ADDRESSES];
          guint k = bs_generic_line_addresses (values[i], n, f);
          for (guint j = 0; j < k; j++)
            {
              g_autofree char *l = g_ascii_strdown (f[j].addr, -1);
              if (g_hash_table_contains (lists, l))
                g_free (f[j].addr);
              else
                g_ptr_array_add (out, f[j].addr);
            }
        }
    }
  for (int i = 0; i < N_NAMES; i++)
    g_free (values[i]);
  return out;
}

/* a word of lower equal to local (case-insensitive), bounded by non-atext */
static gboolean
names_local_part (const char *lower, const char *local, gsize n)
{
  for (const char *p = lower; (p = g_strstr_len (p, -1, local)) != NULL; p++)
    {
      /* ("taro... User unknown": the dots of a Sendmail line end the word) */
      gboolean left = p == lower || !bs_generic_local_char ((guchar) p[-1]);
      gboolean right = p[n] != '@' && (!bs_generic_local_char ((guchar) p[n]) || (p[n] == '.' && !bs_generic_local_char ((guchar) p[n + 1])) || (p[n] == '.' && p[n + 1] == '.'));
      if (left && right)
        return TRUE;
    }
  return FALSE;
}

void
bs_generic_from_original (Walk *w, const BsMail *mail, GArray *lines, const char *after_notice)
{
  g_autoptr (GPtrArray) to = bs_generic_original_recipients (mail, after_notice);
  for (guint i = 0; i < w->summary->len; i++)
    g_ptr_array_add (to, g_strdup (g_ptr_array_index (w->summary, i)));
  /* a local part or screen name the notice names beside a cue */
  for (guint i = 0; i < to->len && w->cands->len == 0; i++)
    {
      const char *a = g_ptr_array_index (to, i);
      if (bs_generic_refused_address (w, a))
        continue;
      const char *at = strrchr (a, '@');
      g_autofree char *local = g_ascii_strdown (a, at ? at - a : -1);
      if (strlen (local) < 2)
        continue;
      for (guint j = 0; j < lines->len; j++)
        {
          const Line *l = &g_array_index (lines, Line, j);
          char lower[LINE_BYTES + 1];
          bs_generic_lower_copy (l->s, l->n, lower);
          if (memchr (lower, '@', l->n) != NULL || !names_local_part (lower, local, strlen (local)))
            continue;
          if (bs_generic_cue_find (lower, BS_CUE_TRAIL, NULL) || bs_generic_cue_find (lower, BS_CUE_LEAD, NULL)
              || bs_generic_cue_find (lower, BS_CUE_NOTICE, NULL) || bs_generic_has_reply (l->s, l->n))
            {
              Cand *c = bs_generic_cand_add (w, g_strdup (a), NULL, "original-to-local-part", 1);
              if (c != NULL)
                bs_generic_diag_add (c, l->s, l->n);
              break;
            }
        }
    }
  /* the one recipient of a message the notice says failed */
  guint usable = 0;
  const char *only = NULL;
  for (guint i = 0; i < to->len; i++)
    if (!bs_generic_refused_address (w, g_ptr_array_index (to, i)))
      usable++, only = g_ptr_array_index (to, i);
  if (w->cands->len == 0 && usable == 1 && w->notice)
    bs_generic_cand_add (w, g_strdup (only), NULL, "original-to", 1);
}

/* the domain of a bounce sent by a mailer (MAILER-DAEMON@d, postmaster@d),
 * lower case; NULL for any other sender */
static char *
mailer_domain (const BsMail *mail)
{
  const char *from = bs_mail_header_peek (mail, "From");
  if (from == NULL)
    return NULL;
  gsize n = strnlen (from, BS_MAX_FIELD_BYTES);
  Found f[LINE_ADDRESSES];
  guint k = bs_generic_line_addresses (from, n, f);
  char *domain = NULL;
  for (guint i = 0; i < k; i++)
    {
      g_autofree char *l = g_ascii_strdown (f[i].addr, -1);
      if (domain == NULL && (g_str_has_prefix (l, "mailer-daemon@") || g_str_has_prefix (l, "postmaster@")))
        domain = g_strdup (strchr (l, '@') + 1);
      g_free (f[i].addr);
    }
  return domain;
}

/* a name alone on its line: one word of an address's local part (letters
 * in it), nothing else but blanks */
static gboolean
bare_name (const char *line, gsize n, gsize *s, gsize *e)
{
  gsize i = 0;
  while (i < n && (line[i] == ' ' || line[i] == '\t'))
    i++;
  gsize a = i;
  gboolean letter = FALSE;
  while (i < n && bs_generic_local_char ((guchar) line[i]))
    letter |= g_ascii_isalpha (line[i]), i++;
  gsize b = i;
  while (i < n && (line[i] == ' ' || line[i] == '\t'))
    i++;
  *s = a;
  *e = b;
  return i == n && letter && b - a >= 2 && b - a <= 64 && line[a] != '.' && line[b - 1] != '.';
}

/* from_mailer_domain - a screen name or local part listed alone under a
 * lead ("...could not be delivered:" / "\tscreenname") in a bounce sent by
 * MAILER-DAEMON@d: the mailbox is name@d, the mailer's own domain; the
 * lead's sentence is its text (it says why) */
void
bs_generic_from_mailer_domain (Walk *w, const BsMail *mail, GArray *lines)
{
  g_autofree char *domain = NULL;
  const Line *under_lead = NULL;
  for (guint j = 0; j < lines->len && w->cands->len == 0; j++)
    {
      const Line *l = &g_array_index (lines, Line, j);
      char lower[LINE_BYTES + 1];
      bs_generic_lower_copy (l->s, l->n, lower);
      if (lower[strspn (lower, " \t")] == '\0')
        continue; /* a blank line keeps the lead above */
      gsize s = 0, e = 0;
      if (under_lead && bare_name (l->s, l->n, &s, &e))
        {
          if (domain == NULL && (domain = mailer_domain (mail)) == NULL)
            return;
          g_autofree char *local = g_strndup (l->s + s, e - s);
          char *addr = g_strconcat (local, "@", domain, NULL);
          if (bs_generic_refused_address (w, addr))
            {
              g_free (addr);
              return;
            }
          Cand *c = bs_generic_cand_add (w, addr, NULL, "local-part-mailer-domain", 0);
          if (c != NULL)
            bs_generic_diag_add (c, under_lead->s, under_lead->n);
          return;
        }
      under_lead = bs_generic_cue_find (lower, BS_CUE_LEAD, NULL) != NULL ? l : NULL;
    }
}

