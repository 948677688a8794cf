/* generic_walk.c - the generic reader's walk of a notice, line by line:
 * the failed recipients it names (delivery-status fields written as text,
 * X.400 syntaxes, leads, trails, lists under a cue, aliases) and the reply
 * that follows each; who is never one (the bounce's own, the original's
 * sender, a sender after "from")
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

#include <string.h>

#include "../bs.h"
#include "../find.h"
#include "../smtp.h"
#include "generic.h"

/* ---- candidates ---------------------------------------------------------- */

void
bs_generic_cand_free (Cand *c)
{
  g_free (c->addr);
  g_string_free (c->diag, TRUE);
  g_free (c->status);
  g_free (c->action);
  g_free (c->remote);
  g_free (c->diag_type);
  g_free (c);
}

/* "user unknown" that is the whole rest of a line after an address, and
 * the separators that stand between them */
static const char *
after_separators (const char *s, const char *end)
{
  while (s < end && (*s == ' ' || *s == '\t' || *s == '>' || *s == ':' || *s == '.' || *s == ','
                     || *s == ';' || *s == ')' || *s == '(' || *s == '"' || *s == '\'' || *s == '-'
                     || *s == ']'))
    s++;
  return s;
}

void
bs_generic_diag_add (Cand *c, const char *s, gsize n)
{
  while (n > 0 && (*s == ' ' || *s == '\t'))
    s++, n--;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  if (n == 0 || c->diag->len >= DIAG_BYTES)
    return;
  if (c->diag->len > 0)
    g_string_append_c (c->diag, ' ');
  g_string_append_len (c->diag, s, (gssize) MIN (n, DIAG_BYTES - c->diag->len));
  c->diag_lines++;
}

Cand *
bs_generic_cand_add (Walk *w, char *addr, const BsCue *cue, const char *cue_id, int strength)
{
  g_autofree char *key = g_ascii_strdown (addr, -1);
  Cand *c = g_hash_table_lookup (w->index, key);
  if (c != NULL)
    {
      g_free (addr);
      if (strength > c->strength)
        {
          c->strength = strength;
          c->cue = cue ? cue->id : cue_id;
        }
      return c;
    }
  if (w->cands->len >= MAX_CANDIDATES)
    {
      g_free (addr);
      return NULL;
    }
  c = g_new0 (Cand, 1);
  c->addr = addr;
  c->cue = cue ? cue->id : cue_id;
  c->strength = strength;
  c->diag = g_string_new (NULL);
  g_ptr_array_add (w->cands, c);
  g_hash_table_insert (w->index, g_steal_pointer (&key), c);
  return c;
}

/* is the address one the bounce must never report? */
gboolean
bs_generic_refused_address (const Walk *w, const char *addr)
{
  g_autofree char *l = g_ascii_strdown (addr, -1);
  if (g_hash_table_contains (w->own, l) || g_hash_table_contains (w->delivery, l))
    return TRUE;
  return g_str_has_prefix (l, "mailer-daemon@") || g_str_has_prefix (l, "noreply@")
         || g_str_has_prefix (l, "no-reply@");
}

/* refused only as an address of the bounce's own delivery */
static gboolean
delivery_only (const Walk *w, const char *addr)
{
  g_autofree char *l = g_ascii_strdown (addr, -1);
  return g_hash_table_contains (w->delivery, l) && !g_hash_table_contains (w->own, l)
         && !g_str_has_prefix (l, "mailer-daemon@");
}

/* delivery-status fields written in the notice's text */
static gboolean
field_line (Walk *w, const char *line, gsize n, const char *lower)
{
  static const struct { const char *name; int what; } fields[] = {
    { "final-recipient:", 1 }, { "original-recipient:", 2 }, { "x-actual-recipient:", 2 },
    { "status:", 3 }, { "action:", 4 }, { "diagnostic-code:", 5 }, { "remote-mta:", 6 },
  };
  if (w->in_diag_field && (line[0] == ' ' || line[0] == '\t') && w->field != NULL)
    {
      bs_generic_diag_add (w->field, line, n);
      return TRUE;
    }
  w->in_diag_field = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gsize fl = strlen (fields[i].name);
      if (strncmp (lower, fields[i].name, fl) != 0)
        continue;
      const char *v = line + fl;
      const char *semi = memchr (v, ';', (gsize) (line + n - v));
      const char *val = semi && semi - v < 32 ? semi + 1 : v;
      gsize vn = (gsize) (line + n - val);
      g_autofree char *value = g_strstrip (g_strndup (val, vn));
      switch (fields[i].what)
        {
        case 1:
        case 2:
          {
            if (fields[i].what == 2 && !w->final_pending)
              return TRUE; /* beside an address: the record keeps the final one */
            Found f[LINE_ADDRESSES];
            guint k = bs_generic_line_addresses (line, n, f);
            char *a = NULL;
            for (guint j = 0; j < k; j++)
              {
                if (a == NULL && !bs_generic_refused_address (w, f[j].addr))
                  a = g_steal_pointer (&f[j].addr);
                g_free (f[j].addr);
              }
            if (a == NULL)
              {
                w->final_pending = fields[i].what == 1;
                return TRUE;
              }
            w->final_pending = FALSE;
            const char *id = fields[i].what == 1 ? "field-final-recipient" : "field-original-recipient";
            w->field = bs_generic_cand_add (w, a, NULL, id, 3);
            w->cur = w->field;
            if (w->cur != NULL)
              w->cur->diag_closed = TRUE; /* its text is its fields' */
            return TRUE;
          }
        case 3:
          if (w->field != NULL && w->field->status == NULL)
            w->field->status = bs_smtp_find_status (value);
          return TRUE;
        case 4:
          if (w->field != NULL && w->field->action == NULL)
            {
              char *sp = strpbrk (value, " \t(;");
              if (sp)
                *sp = '\0';
              w->field->action = g_ascii_strdown (value, -1);
            }
          return TRUE;
        case 5:
          if (w->field != NULL)
            {
              g_string_truncate (w->field->diag, 0);
              bs_generic_diag_add (w->field, val, vn);
              if (semi != NULL && semi - v < 32)
                {
                  g_autofree char *type = g_strndup (v, (gsize) (semi - v));
                  g_free (w->field->diag_type);
                  w->field->diag_type = g_ascii_strdown (g_strstrip (type), -1);
                }
              w->in_diag_field = TRUE;
            }
          return TRUE;
        case 6:
          if (w->field != NULL && w->field->remote == NULL)
            w->field->remote = g_strdup (value);
          return TRUE;
        default:
          return TRUE;
        }
    }
  return FALSE;
}

/* a reply or status on a line: "550 ...", "550-5.1.1", "#5.1.1", "5.1.1 " */
gboolean
bs_generic_has_reply (const char *line, gsize n)
{
  for (gsize i = 0; i + 3 < n; i++)
    if ((line[i] == '4' || line[i] == '5') && (i == 0 || !g_ascii_isalnum (line[i - 1])))
      {
        if (g_ascii_isdigit (line[i + 1]) && g_ascii_isdigit (line[i + 2])
            && (line[i + 3] == ' ' || line[i + 3] == '-'))
          return TRUE;
        if (line[i + 1] == '.' && g_ascii_isdigit (line[i + 2]) && bs_smtp_status_valid (line + i) > 0)
          return TRUE;
      }
  return FALSE;
}

/* the alias cue ("generated from") that ends right before the address at
 * s (blanks, '<' and quotes between), NULL if none */
static const BsCue *
alias_before (const char *lower, gsize s)
{
  gsize i = s;
  while (i > 0 && strchr (" \t<\"'", lower[i - 1]) != NULL)
    i--;
  return bs_generic_cue_ending (lower, i, BS_CUE_ALIAS);
}

/* "mail from a@b", "sent by <a@b>": the address at s is a sender's */
static gboolean
after_from (const char *lower, gsize s)
{
  gsize i = s;
  while (i > 0 && strchr (" \t<\"'", lower[i - 1]) != NULL)
    i--;
  return (i >= 4 && memcmp (lower + i - 4, "from", 4) == 0) || (i >= 7 && memcmp (lower + i - 7, "sent by", 7) == 0)
         || (i >= 6 && memcmp (lower + i - 6, "sender", 6) == 0);
}

/* the first token of the line is this address (after blanks, a bullet,
 * a number, quotes or "<") */
static gboolean
address_first (const char *line, gsize s)
{
  gsize i = 0;
  while (i < s && (line[i] == ' ' || line[i] == '\t' || line[i] == '-' || line[i] == '*'
                   || line[i] == '<' || line[i] == '"' || line[i] == '\'' || line[i] == '>'
                   || line[i] == '[' || g_ascii_isdigit (line[i]) || line[i] == ')' || line[i] == '.'))
    i++;
  if (i == s)
    return TRUE;
  /* "Name" <addr> / Name <addr>: a display name first */
  const char *lt = s > 0 && line[s - 1] == '<' ? line + s - 1 : NULL;
  if (lt == NULL)
    return FALSE;
  for (const char *p = line + i; p < lt; p++)
    if (*p == '@' || *p == ':' || *p == ',')
      return FALSE;
  return lt - (line + i) < 64;
}

/* what one line holds: its cues, where they are */
typedef struct {
  const char *line;
  gsize n;
  const char *lower;
  const BsCue *lead, *notice, *trail;
  const BsCue *wrapped;    /* a lead begun on the line above, ended on this one */
  const char *trail_at;    /* where the trail is in lower */
  gboolean summary;        /* a line of the original's headers ("  To: a@b") */
  Lead leads[LINE_LEADS];
  guint n_leads;
} LineCues;

/* what arms the lines below: a cue on this line, or one wrapped onto it
 * from the line above (then x->wrapped when it is a lead that ends here);
 * keeps the end of the line for the next */
static const BsCue *
line_arm (Walk *w, LineCues *x, const char *trim)
{
  const BsCue *arm = x->lead ? x->lead : x->notice;
  if (arm == NULL && w->prev[0] != '\0')
    {
      char joined[sizeof w->prev + 1 + 96];
      g_snprintf (joined, sizeof joined, "%s %.96s", w->prev, trim);
      const char *at = NULL;
      if ((arm = bs_generic_cue_find (joined, BS_CUE_LEAD, &at)) != NULL)
        {
          if (at + strlen (arm->text) > joined + strlen (w->prev) + 1)
            x->wrapped = arm;
        }
      else if ((arm = bs_generic_cue_find (joined, BS_CUE_NOTICE, NULL)) == NULL)
        arm = bs_generic_cue_find (joined, BS_CUE_DELAY, NULL);
    }
  if (arm == NULL)
    arm = bs_generic_cue_find (x->lower, BS_CUE_DELAY, NULL);
  gsize tl = strlen (trim);
  g_strlcpy (w->prev, trim + (tl > sizeof w->prev - 1 ? tl - (sizeof w->prev - 1) : 0), sizeof w->prev);
  return arm;
}

/* the cue that names the i-th address of the line (f) as a failed
 * recipient, its strength; NULL when none does, or when the address is one
 * never taken here (*skip) */
static const BsCue *
address_cue (const Walk *w, const LineCues *x, const Found *f, guint i, gboolean held, int *strength)
{
  const char *lower = x->lower;
  /* "(generated from a@b)": the address the sender used, of the
   * recipient named just before; the one named when none was (Exim's
   * "an undisclosed address") */
  const BsCue *alias = alias_before (lower, f->s);
  /* an address syntax just before it */
  const BsCue *cue = bs_generic_cue_ending (lower, f->s, BS_CUE_SYNTAX);
  *strength = cue != NULL ? 3 : 0;
  if (cue == NULL && alias != NULL)
    cue = alias, *strength = 1;
  if (cue == NULL && (cue = bs_generic_lead_before (x->leads, x->n_leads, f->s)) != NULL)
    *strength = 2;
  /* "The address to / which your message was addressed, a@b, ..." */
  if (cue == NULL && x->wrapped != NULL && i == 0)
    cue = x->wrapped, *strength = 2;
  if (cue == NULL && x->trail != NULL)
    cue = x->trail, *strength = 2;
  if (cue == NULL && w->armed != NULL && address_first (x->line, f->s))
    cue = w->armed, *strength = 1;
  /* an address of the bounce's own delivery: only a lead before it or a
   * trail after it names it */
  if (held && (cue == NULL || (cue->kind != BS_CUE_LEAD
                               && (cue->kind != BS_CUE_TRAIL || x->trail_at < lower + f->e))))
    return NULL;
  if (cue == NULL && x->notice != NULL)
    cue = x->notice, *strength = 1;
  return cue;
}

/* take_address - the i-th address of the line (f, addr owned): a failed
 * recipient (returned: the line names it), an address alone on its line
 * (kept for later), one of the original's header summary, or none */
static Cand *
take_address (Walk *w, const LineCues *x, const Found *f, guint i, char *addr_)
{
  g_autofree char *addr = addr_;
  const char *line = x->line, *lower = x->lower;
  gsize n = x->n;
  gboolean held = bs_generic_refused_address (w, addr);
  if (held && !delivery_only (w, addr))
    return NULL;
  const BsCue *alias = alias_before (lower, f->s);
  if (alias != NULL && w->cur != NULL && !w->cur->diag_closed)
    return NULL;
  /* "not accepting mail from a@b", "sent by a@b": a sender's */
  if (alias == NULL && after_from (lower, f->s) && bs_generic_cue_ending (lower, f->s, BS_CUE_SYNTAX) == NULL)
    return NULL;
  if (x->summary)
    {
      if (!held)
        g_ptr_array_add (w->summary, g_steal_pointer (&addr));
      return NULL;
    }
  /* inside a URL or a message id */
  gboolean url = FALSE;
  for (gsize j = f->s; j > 0 && line[j - 1] != ' ' && line[j - 1] != '\t'; j--)
    if (line[j - 1] == '/' || line[j - 1] == '=')
      url = TRUE;
  if (url && bs_generic_cue_ending (lower, f->s, BS_CUE_SYNTAX) == NULL)
    return NULL;
  int strength = 0;
  const BsCue *cue = address_cue (w, x, f, i, held, &strength);
  if (held && cue == NULL)
    return NULL;
  const char *cue_id = NULL;
  if (cue == NULL && w->cur == NULL && address_first (line, f->s) && bs_generic_has_reply (line + f->e, n - f->e))
    cue_id = "address-reply", strength = 1;
  /* the one being read, named again in its own reply ("550 5.1.1
   * <a@b>... User unknown"): the line is its text */
  if (w->cur != NULL && !w->cur->diag_closed && w->cur->diag_lines < DIAG_LINES
      && g_ascii_strcasecmp (w->cur->addr, addr) == 0)
    {
      bs_generic_diag_add (w->cur, line, n);
      return w->cur;
    }
  if (cue == NULL && cue_id == NULL)
    {
      /* alone on its line: taken only when nothing else is named */
      if (address_first (line, f->s) && after_separators (line + f->e, line + n) == line + n
          && w->alone->len < LINE_ADDRESSES)
        g_ptr_array_add (w->alone, g_steal_pointer (&addr));
      return NULL;
    }
  Cand *c = bs_generic_cand_add (w, g_steal_pointer (&addr), cue, cue_id, strength);
  if (c == NULL)
    return NULL;
  /* the rest of the line begins its text */
  const char *rest = after_separators (line + f->e, line + n);
  if (c->diag->len == 0)
    bs_generic_diag_add (c, rest, (gsize) (line + n - rest));
  /* "User's mailbox is full: <a@b>": the reason came before it */
  if (c->diag->len == 0 && cue != NULL && cue->kind == BS_CUE_TRAIL && f->s > 0)
    bs_generic_diag_add (c, line, f->s);
  return c;
}

/* a line that names no recipient: a new section, or the text of the one
 * being read, or a reply written before any is named */
static void
line_text (Walk *w, const LineCues *x)
{
  const char *line = x->line;
  gsize n = x->n;
  const BsCue *lead = x->lead;
  /* a lead inside a recipient's text ("Grund: 550 5.1.1 Empfänger
   * unbekannt", an indented "... Unknown Recipient") is still its text */
  gboolean reading = w->cur != NULL && !w->cur->diag_closed && w->cur->diag_lines < DIAG_LINES;
  if (lead != NULL && reading && (line[0] == ' ' || line[0] == '\t' || bs_generic_has_reply (line, n)))
    lead = NULL;
  if (lead != NULL)
    {
      if (w->cur != NULL)
        w->cur->diag_closed = TRUE; /* a new section */
      return;
    }
  if (x->summary)
    return;
  /* the text that follows a recipient is its reply */
  if (reading)
    {
      bs_generic_diag_add (w->cur, line, n);
      return;
    }
  /* a reply written before any recipient is named */
  if (w->cands->len == 0)
    {
      if (w->pre_lines == 0 && bs_generic_has_reply (line, n))
        w->pre_lines = 1, g_string_append_len (w->pre, line, (gssize) n);
      else if (w->pre_lines > 0 && !w->pre_done && w->pre_lines < DIAG_LINES && w->pre->len < DIAG_BYTES)
        {
          w->pre_lines++;
          g_string_append_c (w->pre, ' ');
          g_string_append_len (w->pre, line, (gssize) n);
        }
    }
}

void
bs_generic_walk_line (Walk *w, const char *line, gsize n)
{
  char lower[LINE_BYTES + 1];
  bs_generic_lower_copy (line, n, lower);
  const char *trim = lower;
  while (*trim == ' ' || *trim == '\t')
    trim++;

  /* the end of a recipient's text */
  if (*trim == '\0')
    {
      /* (a text that ends in ':' goes on after the blank line: "The
       * reason given was:") */
      if (w->cur != NULL && w->cur->diag_lines > 0 && w->cur->diag->str[w->cur->diag->len - 1] != ':')
        w->cur->diag_closed = TRUE;
      if (w->pre_lines > 0)
        w->pre_done = TRUE;
      w->in_diag_field = FALSE;
      return;
    }
  if (field_line (w, line, n, lower))
    return;
  /* MIME debris: a field of a part, a boundary */
  if (g_str_has_prefix (trim, "content-") || (g_str_has_prefix (trim, "--") && strchr (trim, ' ') == NULL))
    {
      if (w->cur)
        w->cur->diag_closed = TRUE;
      return;
    }

  LineCues x = { .line = line, .n = n, .lower = lower };
  x.lead = bs_generic_cue_find (lower, BS_CUE_LEAD, NULL);
  x.notice = bs_generic_cue_find (lower, BS_CUE_NOTICE, NULL);
  const BsCue *arm = line_arm (w, &x, trim);
  x.summary = bs_generic_header_like (trim, strlen (trim)) && bs_generic_summary_field (trim);

  Found f[LINE_ADDRESSES];
  guint k = memchr (line, '@', n) != NULL ? bs_generic_line_addresses (line, n, f) : 0;
  x.n_leads = k > 0 && x.lead != NULL ? bs_generic_line_leads (lower, x.leads) : 0;
  x.trail = k > 0 ? bs_generic_cue_find (lower, BS_CUE_TRAIL, &x.trail_at) : NULL;
  Cand *named = NULL;
  for (guint i = 0; i < k; i++)
    {
      char *addr = g_steal_pointer (&f[i].addr);
      if (named != NULL)
        g_free (addr);
      else
        named = take_address (w, &x, &f[i], i, addr);
    }
  if (x.notice != NULL || (arm != NULL && arm->kind == BS_CUE_NOTICE))
    w->notice = TRUE;
  if (arm != NULL)
    w->armed = arm;
  if (named != NULL)
    {
      w->cur = named;
      w->field = NULL;
      return;
    }
  line_text (w, &x);
}
