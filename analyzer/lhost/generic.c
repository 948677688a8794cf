/* generic.c - the reader of last resort: bounces of MTAs no module knows
 *
 * Tried after every format module (lhost.c), on a message none of them
 * claimed.  It reads a bounce the way a person does, by cues that are data
 * rows (rules/generic_cues.c), never by the MTA that wrote it:
 *  1. is it a bounce at all: a bounce's sender (MAILER-DAEMON, postmaster)
 *     or subject, a null Return-Path, X-Failed-Recipients, a report content
 *     type; or a sentence saying mail failed above a returned original;
 *  2. the notice: the human-readable text up to where the returned original
 *     begins (a marker line, or a header block written inline);
 *  3. the failed recipients in it: delivery-status fields written as text
 *     (a text/plain part, a vendor's message/x-...-status part, after a
 *     "Technical report:" line), X.400 addresses (dda:SMTP=, RFC-822=), an
 *     address after a lead ("could not be delivered to", "Empfänger:"),
 *     before a trail ("... unknown user account"), alone on a line below
 *     such a cue or on the line of a failure notice; never the bounce's own
 *     From/To nor the original's sender, and the original's To only when
 *     the text names nobody (then by its local part, or as the one
 *     recipient of a message the text says failed);
 *  4. for each, the text that follows it (the remote's reply: parse.c
 *     reads its code and status), classified as usual.
 * Records say mta "generic" and rule "generic:<cue id>" (classify.c adds
 * the reason's rule).  A message it cannot read gives no record.  Work is
 * bounded: a fixed share of the body, of lines and of bytes a line, a
 * linear walk with substring searches of fixed phrases.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

#include <string.h>

#include "../bs.h"
#include "../find.h"
#include "../rules/generic_cues.h"
#include "../smtp.h"
#include "mda.h"

#define NOTICE_BYTES (64u * 1024u)  /* of the body read as the notice */
#define NOTICE_LINES 2000u          /* lines of it */
#define LINE_BYTES 1024u            /* of one line looked at */
#define GATE_BYTES 8192u            /* of the body searched for a failure sentence */
#define DIAG_LINES 6u               /* lines joined to a recipient's text */
#define DIAG_BYTES 1024u            /* bytes of it */
#define LINE_ADDRESSES 16u          /* addresses looked at on one line */
#define MAX_CANDIDATES 1000u        /* recipients one notice may name */

/* ---- lower case and cues --------------------------------------------------- */

/* lower_copy - n bytes of s lower-cased into out (n + 1 bytes): ASCII,
 * Latin-1 and Cyrillic capitals (the same length in UTF-8) */
static void
lower_copy (const char *s, gsize n, char *out)
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

static char *
lower_dup (const char *s)
{
  gsize n = strnlen (s, LINE_BYTES);
  char *out = g_malloc (n + 1);
  lower_copy (s, n, out);
  return out;
}

/* cue_find - the first row of kind whose text is in lower (from `from` on);
 * *at receives where it starts.  NULL if none. */
static const BsCue *
cue_find (const char *lower, BsCueKind kind, const char **at)
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

/* where leads end on a line: found once a line, looked up for each address */
#define LINE_LEADS 32u
typedef struct {
  gsize end;         /* offset just past the lead */
  const BsCue *cue;
} Lead;

static guint
line_leads (const char *lower, Lead *out)
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
static const BsCue *
lead_before (const Lead *leads, guint k, gsize s)
{
  const Lead *best = NULL;
  for (guint i = 0; i < k; i++)
    if (leads[i].end <= s && (best == NULL || leads[i].end > best->end))
      best = &leads[i];
  return best ? best->cue : NULL;
}

/* syntax_at - the address syntax ("dda:smtp=") that ends at offset s */
static const BsCue *
syntax_at (const char *lower, gsize s)
{
  for (gsize c = 0; c < bs_generic_n_cues; c++)
    {
      const BsCue *row = &bs_generic_cues[c];
      gsize rl = strlen (row->text);
      if (row->kind == BS_CUE_SYNTAX && s >= rl && memcmp (lower + s - rl, row->text, rl) == 0)
        return row;
    }
  return NULL;
}

/* ---- addresses ----------------------------------------------------------- */

typedef struct {
  gsize s, e;     /* the address is line[s, e) */
  char *addr;     /* local@domain, the domain lower-cased */
} Found;

static gboolean
local_char (guchar c)
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
  while (a > 0 && local_char ((guchar) line[a - 1]) && at - a < 64)
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
static guint
line_addresses (const char *line, gsize n, Found *out)
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

/* ---- the message: is it a bounce, what must never be a recipient ---------- */

/* the top-level fields whose addresses are the bounce's own */
static const char *const own_fields[] = {
  "From", "To", "Cc", "Reply-To", "Sender", "Return-Path", "Errors-To", "Resent-From", "Resent-To",
};
/* the fields of the bounce's own delivery: never a recipient either, unless
 * a lead or a trail names the address (an NDR that copied the original's
 * X-Original-To into its own header; the original's sender who sent it to
 * themself) */
static const char *const delivery_fields[] = { "Delivered-To", "X-Original-To" };
/* the original's fields naming its sender */
static const char *const sender_fields[] = { "From", "Sender", "Reply-To", "Return-Path" };

static void
add_addresses (GHashTable *set, const char *value)
{
  if (value == NULL)
    return;
  gsize n = strnlen (value, BS_MAX_FIELD_BYTES);
  Found f[LINE_ADDRESSES];
  guint k = line_addresses (value, n, f);
  for (guint i = 0; i < k; i++)
    {
      char *l = g_ascii_strdown (f[i].addr, -1);
      g_free (f[i].addr);
      g_hash_table_add (set, l);
    }
}

/* is_bounce - TRUE for a message that looks like a bounce; *said is TRUE
 * when both its sender and its subject say so (then its text need not say
 * it again for the original's recipient to be taken) */
static gboolean
is_bounce (const BsMail *mail, const char *gate_lower, const BsCue **delay, gboolean *said)
{
  const char *from = bs_mail_header_peek (mail, "From");
  const char *subject = bs_mail_header_peek (mail, "Subject");
  const char *rpath = bs_mail_header_peek (mail, "Return-Path");
  g_autofree char *lsub = subject ? lower_dup (subject) : NULL;
  *delay = lsub ? cue_find (lsub, BS_CUE_DELAY, NULL) : NULL;
  if (mail->feedback != NULL)
    return FALSE; /* a feedback report (arf.c), not a bounce */
  gboolean subject_says = lsub != NULL && cue_find (lsub, BS_CUE_SUBJECT, NULL) != NULL;
  if (from != NULL)
    {
      g_autofree char *lfrom = lower_dup (from);
      if (cue_find (lfrom, BS_CUE_SENDER, NULL) != NULL)
        {
          *said = subject_says;
          return TRUE;
        }
    }
  if ((rpath != NULL && strstr (rpath, "<>") != NULL) || bs_mail_has_header (mail, "X-Failed-Recipients"))
    return TRUE;
  if (mail->content_type != NULL && strcmp (mail->content_type, "multipart/report") == 0)
    return TRUE;
  if (subject_says)
    return TRUE;
  /* a sentence saying mail failed, above a returned original */
  return mail->original != NULL && cue_find (gate_lower, BS_CUE_NOTICE, NULL) != NULL;
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

static gboolean
starts_any (const char *lower, const char *const *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (strncmp (lower, list[i], strlen (list[i])) == 0)
      return TRUE;
  return FALSE;
}

/* a "Name: value" line of a header block (no blank before the name) */
static gboolean
header_like (const char *line, gsize n)
{
  gsize i = 0;
  while (i < n && i < 40 && (g_ascii_isalnum (line[i]) || line[i] == '-'))
    i++;
  return i > 0 && i < n && line[i] == ':';
}

typedef struct {
  const char *s;  /* the line, in the body */
  gsize n;
} Line;

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
  lower_copy (p + i, MIN (n - i, LINE_BYTES), lower);
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
static GArray *
notice_lines (const char *body, const char **after)
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
      if (starts_any (p, original_parts, G_N_ELEMENTS (original_parts)))
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
      if (header_like (p, n))
        {
          char head[24];
          lower_copy (p, MIN (n, sizeof head - 1), head);
          if (starts_any (head, block_names, G_N_ELEMENTS (block_names))
              || starts_any (head, summary_names, G_N_ELEMENTS (summary_names)))
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
                      if (!header_like (q, m))
                        break;
                      char h[24];
                      lower_copy (q, MIN (m, sizeof h - 1), h);
                      if (starts_any (h, block_names, G_N_ELEMENTS (block_names)))
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

/* ---- candidates ---------------------------------------------------------- */

typedef struct {
  char *addr;
  const char *cue;     /* id of the cue that named it */
  int strength;        /* 3 a field or syntax, 2 a lead or trail, 1 a line below a cue */
  GString *diag;
  guint diag_lines;
  gboolean diag_closed;
  char *status, *action, *remote, *diag_type;
} Cand;

static void
cand_free (Cand *c)
{
  g_free (c->addr);
  g_string_free (c->diag, TRUE);
  g_free (c->status);
  g_free (c->action);
  g_free (c->remote);
  g_free (c->diag_type);
  g_free (c);
}

typedef struct {
  GPtrArray *cands;        /* Cand * in the order the text names them */
  GHashTable *index;       /* lower-case address -> Cand * */
  GHashTable *own;         /* addresses never taken (lower case) */
  GHashTable *delivery;    /* the bounce's Delivered-To, X-Original-To, a self-sent original's
                              sender: taken by a lead or trail only */
  Cand *cur;               /* the one whose text is being read */
  Cand *field;             /* the one the last Final-Recipient field opened */
  const BsCue *armed;      /* the last lead or notice seen: arms address lines below */
  gboolean notice;         /* a failure sentence was seen */
  gboolean in_diag_field;  /* the last field line was a Diagnostic-Code */
  gboolean final_pending;  /* a Final-Recipient that was no address waits for another */
  GString *pre;            /* a reply read before any recipient */
  guint pre_lines;
  gboolean pre_done;       /* its paragraph ended */
  GPtrArray *summary;      /* (char *) addresses of original-header lines in the notice */
  GPtrArray *alone;        /* (char *) addresses alone on a line under no cue */
  char prev[96];           /* the end of the last line, lower case: a phrase
                              wrapped onto the next line is still read */
} Walk;

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

static void
diag_add (Cand *c, const char *s, gsize n)
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

static Cand *
cand_add (Walk *w, char *addr, const BsCue *cue, const char *cue_id, int strength)
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
static gboolean
refused_address (const Walk *w, const char *addr)
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
      diag_add (w->field, line, n);
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
            guint k = line_addresses (line, n, f);
            char *a = NULL;
            for (guint j = 0; j < k; j++)
              {
                if (a == NULL && !refused_address (w, f[j].addr))
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
            w->field = cand_add (w, a, NULL, id, 3);
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
              diag_add (w->field, val, vn);
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
static gboolean
has_reply (const char *line, gsize n)
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
  for (gsize c = 0; c < bs_generic_n_cues; c++)
    {
      const BsCue *row = &bs_generic_cues[c];
      gsize rl = strlen (row->text);
      if (row->kind == BS_CUE_ALIAS && i >= rl && memcmp (lower + i - rl, row->text, rl) == 0)
        return row;
    }
  return NULL;
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

static void
walk_line (Walk *w, const char *line, gsize n)
{
  char lower[LINE_BYTES + 1];
  lower_copy (line, n, lower);
  const char *trim = lower;
  while (*trim == ' ' || *trim == '\t')
    trim++;
  gboolean blank = *trim == '\0';

  /* the end of a recipient's text */
  if (blank)
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

  const BsCue *lead = cue_find (lower, BS_CUE_LEAD, NULL);
  const BsCue *notice = cue_find (lower, BS_CUE_NOTICE, NULL);
  /* what arms the lines below: a cue on this line, or wrapped onto it */
  const BsCue *arm = lead ? lead : notice;
  const BsCue *wrapped = NULL; /* a lead begun on the line above, ended on this one */
  if (arm == NULL && w->prev[0] != '\0')
    {
      char joined[sizeof w->prev + 1 + 96];
      g_snprintf (joined, sizeof joined, "%s %.96s", w->prev, trim);
      const char *at = NULL;
      if ((arm = cue_find (joined, BS_CUE_LEAD, &at)) != NULL)
        {
          if (at + strlen (arm->text) > joined + strlen (w->prev) + 1)
            wrapped = arm;
        }
      else if ((arm = cue_find (joined, BS_CUE_NOTICE, NULL)) == NULL)
        arm = cue_find (joined, BS_CUE_DELAY, NULL);
    }
  if (arm == NULL)
    arm = cue_find (lower, BS_CUE_DELAY, NULL);
  gsize tl = strlen (trim);
  g_strlcpy (w->prev, trim + (tl > sizeof w->prev - 1 ? tl - (sizeof w->prev - 1) : 0), sizeof w->prev);
  /* a line of the original's headers (a summary in the notice: "  To: a@b") */
  gboolean summary = header_like (trim, strlen (trim))
                     && starts_any (trim, summary_names, G_N_ELEMENTS (summary_names));

  Found f[LINE_ADDRESSES];
  guint k = memchr (line, '@', n) != NULL ? line_addresses (line, n, f) : 0;
  Lead leads[LINE_LEADS];
  guint n_leads = k > 0 && lead != NULL ? line_leads (lower, leads) : 0;
  const char *trail_at = NULL;
  const BsCue *trail = k > 0 ? cue_find (lower, BS_CUE_TRAIL, &trail_at) : NULL;
  Cand *named = NULL;
  for (guint i = 0; i < k; i++)
    {
      g_autofree char *addr = g_steal_pointer (&f[i].addr);
      if (named != NULL)
        continue;
      gboolean held = refused_address (w, addr);
      if (held && !delivery_only (w, addr))
        continue;
      /* "(generated from a@b)": the address the sender used, of the
       * recipient named just before; the one named when none was (Exim's
       * "an undisclosed address") */
      const BsCue *alias = alias_before (lower, f[i].s);
      if (alias != NULL && w->cur != NULL && !w->cur->diag_closed)
        continue;
      /* "not accepting mail from a@b", "sent by a@b": a sender's */
      if (alias == NULL && after_from (lower, f[i].s) && syntax_at (lower, f[i].s) == NULL)
        continue;
      if (held && summary)
        continue;
      if (summary)
        {
          g_ptr_array_add (w->summary, g_steal_pointer (&addr));
          continue;
        }
      /* inside a URL or a message id */
      gboolean url = FALSE;
      for (gsize j = f[i].s; j > 0 && line[j - 1] != ' ' && line[j - 1] != '\t'; j--)
        if (line[j - 1] == '/' || line[j - 1] == '=')
          url = TRUE;
      /* an address syntax just before it */
      const BsCue *cue = syntax_at (lower, f[i].s);
      int strength = cue != NULL ? 3 : 0;
      const char *cue_id = NULL;
      if (url && cue == NULL)
        continue;
      if (cue == NULL && alias != NULL)
        cue = alias, strength = 1;
      if (cue == NULL && (cue = lead_before (leads, n_leads, f[i].s)) != NULL)
        strength = 2;
      /* "The address to / which your message was addressed, a@b, ..." */
      if (cue == NULL && wrapped != NULL && i == 0)
        cue = wrapped, strength = 2;
      if (cue == NULL && trail != NULL)
        cue = trail, strength = 2;
      if (cue == NULL && w->armed != NULL && address_first (line, f[i].s))
        cue = w->armed, strength = 1;
      /* an address of the bounce's own delivery: only a lead before it or a
       * trail after it names it */
      if (held && (cue == NULL || (cue->kind != BS_CUE_LEAD
                                   && (cue->kind != BS_CUE_TRAIL || trail_at < lower + f[i].e))))
        continue;
      if (cue == NULL && notice != NULL)
        cue = notice, strength = 1;
      if (cue == NULL && w->cur == NULL && address_first (line, f[i].s) && has_reply (line + f[i].e, n - f[i].e))
        cue_id = "address-reply", strength = 1;
      /* the one being read, named again in its own reply ("550 5.1.1
       * <a@b>... User unknown"): the line is its text */
      if (w->cur != NULL && !w->cur->diag_closed && w->cur->diag_lines < DIAG_LINES
          && g_ascii_strcasecmp (w->cur->addr, addr) == 0)
        {
          named = w->cur;
          diag_add (w->cur, line, n);
          continue;
        }
      if (cue == NULL && cue_id == NULL)
        {
          /* alone on its line: taken only when nothing else is named */
          if (address_first (line, f[i].s) && after_separators (line + f[i].e, line + n) == line + n
              && w->alone->len < LINE_ADDRESSES)
            g_ptr_array_add (w->alone, g_steal_pointer (&addr));
          continue;
        }
      Cand *c = cand_add (w, g_steal_pointer (&addr), cue, cue_id, strength);
      if (c == NULL)
        continue;
      named = c;
      /* the rest of the line begins its text */
      const char *rest = after_separators (line + f[i].e, line + n);
      if (c->diag->len == 0)
        diag_add (c, rest, (gsize) (line + n - rest));
      /* "User's mailbox is full: <a@b>": the reason came before it */
      if (c->diag->len == 0 && cue != NULL && cue->kind == BS_CUE_TRAIL && f[i].s > 0)
        diag_add (c, line, f[i].s);
    }
  for (guint i = 0; i < k; i++)
    g_free (f[i].addr);
  if (notice != NULL || (arm != NULL && arm->kind == BS_CUE_NOTICE))
    w->notice = TRUE;
  if (named != NULL)
    {
      w->cur = named;
      w->field = NULL;
      if (arm != NULL)
        w->armed = arm;
      return;
    }
  if (arm != NULL)
    w->armed = arm;
  /* a lead inside a recipient's text ("Grund: 550 5.1.1 Empfänger
   * unbekannt", an indented "... Unknown Recipient") is still its text */
  gboolean reading = w->cur != NULL && !w->cur->diag_closed && w->cur->diag_lines < DIAG_LINES;
  if (lead != NULL && reading && (line[0] == ' ' || line[0] == '\t' || has_reply (line, n)))
    lead = NULL;
  if (lead != NULL || notice != NULL)
    {
      if (w->cur != NULL && lead != NULL)
        w->cur->diag_closed = TRUE; /* a new section */
      if (lead != NULL)
        return;
    }
  if (summary)
    return;
  /* the text that follows a recipient is its reply */
  if (w->cur != NULL && !w->cur->diag_closed && w->cur->diag_lines < DIAG_LINES)
    {
      diag_add (w->cur, line, n);
      return;
    }
  /* a reply written before any recipient is named */
  if (w->cands->len == 0)
    {
      if (w->pre_lines == 0 && has_reply (line, n))
        w->pre_lines = 1, g_string_append_len (w->pre, line, (gssize) n);
      else if (w->pre_lines > 0 && !w->pre_done && w->pre_lines < DIAG_LINES && w->pre->len < DIAG_BYTES)
        {
          w->pre_lines++;
          g_string_append_c (w->pre, ' ');
          g_string_append_len (w->pre, line, (gssize) n);
        }
    }
}

/* ---- when the text names nobody: the original's recipients --------------- */

/* the original's To and Cc addresses (lower case domains), less a mailing
 * list's own address (its List-Post, X-BeenThere, Mailing-List): a post to
 * a list names the list, not the member whose mailbox refused it */
static GPtrArray *
original_recipients (const BsMail *mail, const char *after_notice)
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
    add_addresses (lists, values[i]);
  for (int i = 0; i < N_RCPT; i++)
    {
      if (values[i] != NULL)
        {
          gsize n = strnlen (values[i], BS_MAX_FIELD_BYTES);
          Found f[LINE_ADDRESSES];
          guint k = line_addresses (values[i], n, f);
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
      gboolean left = p == lower || !local_char ((guchar) p[-1]);
      gboolean right = p[n] != '@' && (!local_char ((guchar) p[n]) || (p[n] == '.' && !local_char ((guchar) p[n + 1])) || (p[n] == '.' && p[n + 1] == '.'));
      if (left && right)
        return TRUE;
    }
  return FALSE;
}

static void
from_original (Walk *w, const BsMail *mail, GArray *lines, const char *after_notice)
{
  g_autoptr (GPtrArray) to = original_recipients (mail, after_notice);
  for (guint i = 0; i < w->summary->len; i++)
    g_ptr_array_add (to, g_strdup (g_ptr_array_index (w->summary, i)));
  /* a local part or screen name the notice names beside a cue */
  for (guint i = 0; i < to->len && w->cands->len == 0; i++)
    {
      const char *a = g_ptr_array_index (to, i);
      if (refused_address (w, a))
        continue;
      const char *at = strrchr (a, '@');
      g_autofree char *local = g_ascii_strdown (a, at ? at - a : -1);
      if (strlen (local) < 2)
        continue;
      for (guint j = 0; j < lines->len; j++)
        {
          const Line *l = &g_array_index (lines, Line, j);
          char lower[LINE_BYTES + 1];
          lower_copy (l->s, l->n, lower);
          if (memchr (lower, '@', l->n) != NULL || !names_local_part (lower, local, strlen (local)))
            continue;
          if (cue_find (lower, BS_CUE_TRAIL, NULL) || cue_find (lower, BS_CUE_LEAD, NULL)
              || cue_find (lower, BS_CUE_NOTICE, NULL) || has_reply (l->s, l->n))
            {
              Cand *c = cand_add (w, g_strdup (a), NULL, "original-to-local-part", 1);
              if (c != NULL)
                diag_add (c, l->s, l->n);
              break;
            }
        }
    }
  /* the one recipient of a message the notice says failed */
  guint usable = 0;
  const char *only = NULL;
  for (guint i = 0; i < to->len; i++)
    if (!refused_address (w, g_ptr_array_index (to, i)))
      usable++, only = g_ptr_array_index (to, i);
  if (w->cands->len == 0 && usable == 1 && w->notice)
    cand_add (w, g_strdup (only), NULL, "original-to", 1);
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
  guint k = line_addresses (from, n, f);
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
  while (i < n && local_char ((guchar) line[i]))
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
static void
from_mailer_domain (Walk *w, const BsMail *mail, GArray *lines)
{
  g_autofree char *domain = NULL;
  const Line *under_lead = NULL;
  for (guint j = 0; j < lines->len && w->cands->len == 0; j++)
    {
      const Line *l = &g_array_index (lines, Line, j);
      char lower[LINE_BYTES + 1];
      lower_copy (l->s, l->n, lower);
      if (lower[strspn (lower, " \t")] == '\0')
        continue; /* a blank line keeps the lead above */
      gsize s = 0, e = 0;
      if (under_lead && bare_name (l->s, l->n, &s, &e))
        {
          if (domain == NULL && (domain = mailer_domain (mail)) == NULL)
            return;
          g_autofree char *local = g_strndup (l->s + s, e - s);
          char *addr = g_strconcat (local, "@", domain, NULL);
          if (refused_address (w, addr))
            {
              g_free (addr);
              return;
            }
          Cand *c = cand_add (w, addr, NULL, "local-part-mailer-domain", 0);
          if (c != NULL)
            diag_add (c, under_lead->s, under_lead->n);
          return;
        }
      under_lead = cue_find (lower, BS_CUE_LEAD, NULL) != NULL ? l : NULL;
    }
}

/* ---- records ------------------------------------------------------------- */

static void
fill (BsRecord *r, const Cand *c, const Walk *w, const BsCue *delay)
{
  bs_record_set (&r->recipient, c->addr);
  if (c->diag->len > 0)
    bs_record_set (&r->diagnostic, c->diag->str);
  else if (w->pre->len > 0)
    bs_record_set (&r->diagnostic, w->pre->str);
  bs_record_set (&r->diagnostic_type, c->diag_type);
  if (c->status != NULL)
    {
      bs_record_set (&r->status, c->status);
      bs_record_set (&r->status_from, "bounce");
    }
  bs_record_set (&r->action, c->action ? c->action : delay ? "delayed" : NULL);
  bs_record_set (&r->remote_mta, c->remote);
  g_autofree char *rule = g_strconcat ("generic:", c->cue, NULL);
  bs_record_set (&r->rule, rule);
}

gboolean
bs_lhost_generic (const BsMail *mail, GPtrArray *records)
{
  if (records->len > 0 || mail->body == NULL)
    return FALSE;
  /* the start of the body, lower case, its white space runs made one
   * space: a sentence wrapped over two lines is still one */
  char gate[GATE_BYTES + 1];
  lower_copy (mail->body, strnlen (mail->body, GATE_BYTES), gate);
  char *o = gate;
  for (const char *g = gate; *g; g++)
    if (!g_ascii_isspace (*g))
      *o++ = *g;
    else if (o > gate && o[-1] != ' ')
      *o++ = ' ';
  *o = '\0';
  const BsCue *delay = NULL;
  gboolean said = FALSE;
  if (!is_bounce (mail, gate, &delay, &said))
    return FALSE;

  Walk w = { 0 };
  w.cands = g_ptr_array_new_with_free_func ((GDestroyNotify) cand_free);
  w.index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.delivery = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.pre = g_string_new (NULL);
  w.summary = g_ptr_array_new_with_free_func (g_free);
  w.alone = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; i < G_N_ELEMENTS (own_fields); i++)
    add_addresses (w.own, bs_mail_header_peek (mail, own_fields[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (delivery_fields); i++)
    add_addresses (w.delivery, bs_mail_header_peek (mail, delivery_fields[i]));
  g_autoptr (GPtrArray) failed_header = g_ptr_array_new_with_free_func (g_free);
  const char *xfr = bs_mail_header_peek (mail, "X-Failed-Recipients");
  if (xfr != NULL)
    {
      Found f[LINE_ADDRESSES];
      guint k = line_addresses (xfr, strnlen (xfr, BS_MAX_FIELD_BYTES), f);
      for (guint i = 0; i < k; i++)
        g_ptr_array_add (failed_header, f[i].addr);
    }
  if (mail->original != NULL)
    {
      /* the original's sender; when it was also its recipient (a message
       * sent to oneself), a lead may still name it */
      g_autoptr (GHashTable) senders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (gsize i = 0; i < G_N_ELEMENTS (sender_fields); i++)
        {
          g_autofree char *v = bs_header_get (mail->original, sender_fields[i]);
          add_addresses (senders, v);
        }
      g_autoptr (GPtrArray) to = original_recipients (mail, NULL);
      GHashTableIter it;
      gpointer key;
      g_hash_table_iter_init (&it, senders);
      while (g_hash_table_iter_next (&it, &key, NULL))
        {
          gboolean self = FALSE;
          for (guint i = 0; i < to->len && !self; i++)
            self = g_ascii_strcasecmp (g_ptr_array_index (to, i), key) == 0;
          g_hash_table_add (self ? w.delivery : w.own, g_strdup (key));
        }
    }
  /* X-Failed-Recipients names the failed ones, whatever the bounce's
   * headers say */
  for (guint i = 0; i < failed_header->len; i++)
    {
      g_autofree char *l = g_ascii_strdown (g_ptr_array_index (failed_header, i), -1);
      g_hash_table_remove (w.own, l);
      g_hash_table_remove (w.delivery, l);
    }

  const char *after = NULL;
  g_autoptr (GArray) lines = notice_lines (mail->body, &after);
  /* someone to write to is no recipient, wherever the notice names them */
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      if (memchr (l->s, '@', l->n) == NULL)
        continue;
      char lower[LINE_BYTES + 1];
      lower_copy (l->s, l->n, lower);
      if (cue_find (lower, BS_CUE_CONTACT, NULL) != NULL)
        {
          g_autofree char *copy = g_strndup (l->s, l->n);
          add_addresses (w.own, copy);
        }
    }
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      walk_line (&w, l->s, l->n);
    }
  if (!w.notice && delay == NULL)
    w.notice = said || cue_find (gate, BS_CUE_NOTICE, NULL) != NULL;
  if (delay == NULL)
    for (guint i = 0; i < lines->len && delay == NULL; i++)
      {
        const Line *l = &g_array_index (lines, Line, i);
        char lower[LINE_BYTES + 1];
        lower_copy (l->s, l->n, lower);
        delay = cue_find (lower, BS_CUE_DELAY, NULL);
      }

  /* X-Failed-Recipients is the list; the text gives their replies */
  if (failed_header->len > 0)
    {
      g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) cand_free);
      for (guint i = 0; i < failed_header->len; i++)
        {
          const char *a = g_ptr_array_index (failed_header, i);
          g_autofree char *key = g_ascii_strdown (a, -1);
          Cand *c = g_hash_table_lookup (w.index, key);
          guint at = 0;
          if (c != NULL && g_ptr_array_find (w.cands, c, &at))
            {
              g_hash_table_remove (w.index, key);
              g_ptr_array_steal_index (w.cands, at);
            }
          else
            {
              c = g_new0 (Cand, 1);
              c->addr = g_strdup (a);
              c->diag = g_string_new (NULL);
            }
          c->cue = "header-x-failed-recipients";
          g_ptr_array_add (keep, c);
        }
      g_ptr_array_unref (w.cands);
      w.cands = g_steal_pointer (&keep);
    }
  for (guint i = 0; w.cands->len == 0 && i < w.alone->len; i++)
    cand_add (&w, g_strdup (g_ptr_array_index (w.alone, i)), NULL, "address-alone", 0);
  if (w.cands->len == 0)
    from_original (&w, mail, lines, after);
  if (w.cands->len == 0)
    from_mailer_domain (&w, mail, lines);

  gboolean ok = w.cands->len > 0;
  for (guint i = 0; i < w.cands->len && records->len < BS_MAX_RECIPIENTS; i++)
    {
      BsRecord *r = bs_record_new ();
      fill (r, g_ptr_array_index (w.cands, i), &w, delay);
      g_ptr_array_add (records, r);
    }
  /* a local delivery agent's own words (mda.c) name it and the reason */
  if (ok)
    bs_mda_reason (mail, records);
  g_ptr_array_unref (w.cands);
  g_hash_table_unref (w.index);
  g_hash_table_unref (w.own);
  g_hash_table_unref (w.delivery);
  g_string_free (w.pre, TRUE);
  g_ptr_array_unref (w.summary);
  g_ptr_array_unref (w.alone);
  return ok;
}
