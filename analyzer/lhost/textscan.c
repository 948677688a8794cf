/* textscan.c - shared reader for plain-text bounce notices (see textscan.h)
 *
 * Owns the line walk every plain-text MTA parser shares: find where the
 * notice starts, split it into recipients and their explanations, stop where
 * the returned message begins; plus the small line and phrase helpers.
 * Shape after Sisimai's Lhost::* modules (BSD-2-Clause).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "textscan.h"
#include "../find.h"

#include <string.h>

#include "../bs.h"
#include "../dsn.h"
#include "../smtp.h"

/* lines of a notice we read at most: a notice for BS_MAX_RECIPIENTS
 * recipients with a few lines each */
#define MAX_LINES (BS_MAX_RECIPIENTS * 8)

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
bs_line_ifind (BsLine l, const char *needle)
{
  gsize k = strlen (needle);
  if (k == 0 || k > l.n)
    return NULL;
  const char first = g_ascii_tolower (needle[0]);
  for (gsize i = 0; i + k <= l.n; i++)
    if (g_ascii_tolower (l.s[i]) == first && g_ascii_strncasecmp (l.s + i, needle, k) == 0)
      return l.s + i;
  return NULL;
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

/* ---- markers ---------------------------------------------------------------- */

/* Content-Type lines message.c writes before a returned message */
static const char *const returned_types[] = {
  "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers",
  "Content-Type: message/global", "Content-Type: message/partial", NULL,
};

gboolean
bs_text_mark_line (BsLine l, const char *const *marks, gboolean anywhere)
{
  for (gsize i = 0; marks != NULL && marks[i] != NULL; i++)
    if (anywhere ? bs_line_find (l, marks[i]) != NULL : bs_line_starts (l, marks[i]))
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
    if (bs_text_mark_line (l, marks, anywhere))
      return l.s;
  return NULL;
}

const char *
bs_text_end (const char *body, const char *const *marks)
{
  if (body == NULL)
    return NULL;
  const char *end = body + strlen (body);
  BsLines it;
  BsLine l;
  bs_lines_init (&it, body, end);
  while (bs_lines_next (&it, &l))
    if (bs_text_mark_line (l, returned_types, FALSE) || bs_text_mark_line (l, marks, FALSE))
      return l.s;
  return end;
}

/* ---- the walk --------------------------------------------------------------- */

void
bs_diag_append (BsRecord *r, const char *text, gsize n)
{
  if (r == NULL || text == NULL || n == 0)
    return;
  gsize have = r->diagnostic ? strlen (r->diagnostic) : 0;
  if (have >= BS_MAX_FIELD_BYTES)
    return;
  g_autofree char *piece = g_strndup (text, MIN (n, BS_MAX_FIELD_BYTES));
  g_autofree char *clean = bs_text_clean (piece, BS_MAX_FIELD_BYTES);
  if (clean == NULL)
    return;
  if (have == 0)
    {
      g_free (r->diagnostic);
      r->diagnostic = g_steal_pointer (&clean);
      return;
    }
  /* two clean texts joined by one space are clean while they fit (and
   * the second does not start with U+FFFD, which takes no space before) */
  g_autofree char *joined = g_strconcat (r->diagnostic, " ", clean, NULL);
  if (strlen (joined) <= BS_MAX_FIELD_BYTES && !g_str_has_prefix (clean, "\xef\xbf\xbd"))
    {
      g_free (r->diagnostic);
      r->diagnostic = g_steal_pointer (&joined);
    }
  else
    bs_record_set (&r->diagnostic, joined);
}

guint
bs_textscan (const char *body, const BsTextForm *form, GPtrArray *found)
{
  if (body == NULL)
    return 0;
  const char *end = bs_text_end (body, form->stop);
  const char *from = body;
  gboolean anywhere = (form->flags & BS_START_ANYWHERE) != 0;
  if (form->start != NULL)
    {
      from = bs_text_find (body, end, form->start, anywhere);
      if (from == NULL && (form->flags & BS_START_OPTIONAL) != 0)
        from = body;
      else if (from == NULL)
        return 0;
      else if ((form->flags & BS_START_SCAN) == 0)
        {
          const char *nl = memchr (from, '\n', (gsize) (end - from));
          from = nl ? nl + 1 : end;
        }
    }

  guint added = 0;
  BsRecord *cur = NULL;
  g_autoptr (BsRecord) before = bs_record_new (); /* text read before any recipient */
  BsLines it;
  BsLine l;
  bs_lines_init (&it, from, end);
  for (guint i = 0; i < MAX_LINES && bs_lines_next (&it, &l); i++)
    {
      if (bs_line_blank (l) && (form->flags & BS_KEEP_BLANK) == 0)
        continue;
      BsLine rest = { NULL, 0 };
      g_autofree char *addr = form->rcpt (l, &rest);
      if (addr != NULL)
        {
          if (found->len >= BS_MAX_RECIPIENTS)
            break;
          cur = bs_record_new ();
          bs_record_set (&cur->recipient, addr);
          if ((form->flags & BS_TEXT_BEFORE) != 0 && before->diagnostic != NULL)
            bs_diag_append (cur, before->diagnostic, strlen (before->diagnostic));
          g_clear_pointer (&before->diagnostic, g_free);
          rest = bs_line_trim (rest);
          bs_diag_append (cur, rest.s, rest.n);
          g_ptr_array_add (found, cur);
          added++;
          continue;
        }
      BsLineAction act = form->other ? form->other (l, cur) : BS_LINE_JOIN;
      if (act == BS_LINE_STOP)
        break;
      if (act == BS_LINE_JOIN)
        {
          BsLine t = bs_line_trim (l);
          bs_diag_append (cur ? cur : before, t.s, t.n);
        }
    }
  return added;
}

BsLineAction
bs_other_skip (BsLine line, BsRecord *current)
{
  (void) line, (void) current;
  return BS_LINE_SKIP;
}

BsLineAction
bs_other_indented (BsLine line, BsRecord *current)
{
  (void) current;
  return line.n > 0 && (line.s[0] == ' ' || line.s[0] == '\t') ? BS_LINE_JOIN : BS_LINE_SKIP;
}

gboolean
bs_text_read (const BsMail *mail, const BsTextForm *form, GPtrArray *records)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  if (bs_textscan (mail->body, form, found) == 0 && records->len == 0)
    return FALSE;
  if ((form->flags & BS_REPLACE) != 0 && found->len > 0)
    g_ptr_array_set_size (records, 0);
  bs_records_adopt (records, found);
  for (guint i = 0; i < records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (records, i);
      if (form->commands != NULL)
        bs_set_command (r, form->commands, form->n_commands);
      if (form->reasons != NULL)
        bs_set_reason (r, form->reasons, form->n_reasons, form->name);
    }
  return records->len > 0;
}

/* ---- phrases and commands ------------------------------------------------------ */

const BsPhrase *
bs_phrase_find (const char *text, const BsPhrase *rows, gsize n)
{
  if (text == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (bs_strstr (text, rows[i].phrase) != NULL)
      return &rows[i];
  return NULL;
}

void
bs_set_reason_to (BsRecord *r, BsReason reason, const char *name, const char *evidence)
{
  g_autofree char *rule = g_strconcat ("lhost-", name, NULL);
  r->reason = reason;
  bs_record_set (&r->rule, rule);
  bs_record_set (&r->evidence, evidence);
}

gboolean
bs_set_reason (BsRecord *r, const BsPhrase *rows, gsize n, const char *name)
{
  if (r->reason != BS_REASON_NONE)
    return FALSE;
  const BsPhrase *hit = bs_phrase_find (r->diagnostic, rows, n);
  if (hit == NULL)
    return FALSE;
  bs_set_reason_to (r, hit->reason, name, hit->phrase);
  return TRUE;
}

gboolean
bs_set_command (BsRecord *r, const BsCommandPhrase *rows, gsize n)
{
  if (r->command != NULL || r->diagnostic == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (bs_strstr (r->diagnostic, rows[i].phrase) != NULL)
      {
        bs_record_set (&r->command, rows[i].command);
        return TRUE;
      }
  return FALSE;
}

/* SMTP commands as bounces name them, in the order they are tried */
static const BsCommandPhrase command_words[] = {
  { "CONN", "initial connection" },     /* Exim: "after initial connection" */
  { "CONN", "connect" },                /* "after connect", "CONNECT" */
  { "DATA", "end of data" },            /* Exim, Postfix: after the message */
  { "EHLO", "ehlo" }, { "HELO", "helo" }, { "MAIL", "mail from" }, { "MAIL", "mail" },
  { "RCPT", "rcpt" }, { "DATA", "data" }, { "STARTTLS", "starttls" }, { "AUTH", "auth" },
};

const char *
bs_command_word (const char *text)
{
  if (text == NULL)
    return NULL;
  while (*text == ' ' || *text == '\t')
    text++;
  for (gsize i = 0; i < G_N_ELEMENTS (command_words); i++)
    {
      gsize k = strlen (command_words[i].phrase);
      if (g_ascii_strncasecmp (text, command_words[i].phrase, k) == 0 && !g_ascii_isalpha (text[k]))
        return command_words[i].command;
    }
  return NULL;
}

char *
bs_host_after (const char *text, const char *word)
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

/* ---- merging ---------------------------------------------------------------- */

static void
fill (char **dst, const char *src)
{
  if (*dst == NULL && src != NULL)
    bs_record_set (dst, src);
}

/* a diagnostic that says nothing: empty, or only a number */
static gboolean
diag_empty (const char *d)
{
  if (d == NULL)
    return TRUE;
  for (const char *p = d; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != ' ' && *p != '.')
      return FALSE;
  return TRUE;
}

/* complete_from - r (from the delivery-status part) takes what it lacks
 * from f, the same recipient as the text tells it */
static void
complete_from (BsRecord *r, const BsRecord *f)
{
  if (diag_empty (r->diagnostic) && f->diagnostic != NULL)
    bs_record_set (&r->diagnostic, f->diagnostic);
  fill (&r->command, f->command);
  fill (&r->remote_mta, f->remote_mta);
  fill (&r->reporting_mta, f->reporting_mta);
  fill (&r->action, f->action);
  g_autofree char *fs = f->status ? g_strdup (f->status) : bs_smtp_find_status (f->diagnostic);
  if (fs != NULL && !g_str_has_suffix (fs, ".0.0")
      && (r->status == NULL || g_str_has_suffix (r->status, ".0.0")))
    {
      bs_record_set (&r->status, fs);
      bs_record_set (&r->status_from, "text");
    }
  if (r->reply_code == 0 && bs_smtp_find_reply (r->diagnostic) == 0)
    r->reply_code = f->reply_code ? f->reply_code : bs_smtp_find_reply (f->diagnostic);
  if (r->reason == BS_REASON_NONE && f->reason != BS_REASON_NONE)
    {
      r->reason = f->reason;
      bs_record_set (&r->rule, f->rule);
      bs_record_set (&r->evidence, f->evidence);
    }
}

/* lower-cased address of a record, newly allocated; NULL */
static char *
address_key (const BsRecord *r)
{
  g_autofree char *a = bs_smtp_address (r->recipient);
  return a ? g_ascii_strdown (a, -1) : NULL;
}

void
bs_records_adopt (GPtrArray *records, GPtrArray *found)
{
  if (records->len == 0)
    {
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (records, g_ptr_array_index (found, i));
      g_ptr_array_set_free_func (found, NULL);
      g_ptr_array_set_size (found, 0);
      g_ptr_array_set_free_func (found, (GDestroyNotify) bs_record_free);
      return;
    }
  /* address -> the first record for it (a table: thousands of recipients) */
  g_autoptr (GHashTable) by_addr = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint j = 0; j < records->len; j++)
    {
      BsRecord *r = g_ptr_array_index (records, j);
      char *key = address_key (r);
      if (key != NULL && !g_hash_table_contains (by_addr, key))
        g_hash_table_insert (by_addr, key, r);
      else
        g_free (key);
    }
  for (guint i = 0; i < found->len; i++)
    {
      BsRecord *f = g_ptr_array_index (found, i);
      g_autofree char *key = address_key (f);
      BsRecord *r = key ? g_hash_table_lookup (by_addr, key) : NULL;
      if (r != NULL)
        complete_from (r, f);
    }
  g_ptr_array_set_size (found, 0);
}

/* ---- transcripts ------------------------------------------------------------ */

void
bs_transcript_free (BsTranscript *t)
{
  if (t == NULL)
    return;
  g_free (t->command);
  g_free (t->replies);
  g_free (t->host);
  g_free (t->status);
  g_free (t->text);
  g_ptr_array_unref (t->items);
  g_free (t);
}

static void
join (char **dst, const char *text, gsize n)
{
  gsize have = *dst ? strlen (*dst) : 0;
  if (n == 0 || have >= BS_MAX_FIELD_BYTES)
    return;
  g_autofree char *piece = g_strndup (text, n);
  char *joined = have ? g_strconcat (*dst, " ", piece, NULL) : g_strdup (piece);
  g_free (*dst);
  *dst = joined;
}

BsTranscript *
bs_transcript_read (const char *from, const char *end)
{
  static const char *const marks[] = { "----- Transcript of session follows -----", NULL };
  const char *start = from ? bs_text_find (from, end, marks, TRUE) : NULL;
  if (start == NULL)
    return NULL;
  BsTranscript *t = g_new0 (BsTranscript, 1);
  t->items = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_autofree char *pending_cmd = NULL, *pending_reply = NULL, *host = NULL;
  BsLines it;
  BsLine l;
  bs_lines_init (&it, start, end);
  bs_lines_next (&it, &l); /* the marker */
  for (guint i = 0; i < MAX_LINES && bs_lines_next (&it, &l); i++)
    {
      if (bs_line_blank (l))
        {
          if (t->items->len > 0 || t->replies != NULL || t->text != NULL)
            break; /* the transcript is one paragraph */
          continue;
        }
      if (bs_line_starts (l, "Content-Type:"))
        break;
      if (bs_line_starts (l, ">>> "))
        {
          BsLine c = bs_line_trim (bs_line_after (l, l.s + 4));
          g_autofree char *cmd = bs_line_dup (c);
          const char *w = bs_command_word (cmd);
          if (c.n >= 4 && g_ascii_strncasecmp (c.s, "QUIT", 4) == 0)
            continue;
          g_free (t->command);
          t->command = g_strdup (w ? w : "");
          g_free (pending_cmd);
          pending_cmd = g_strdup (t->command);
          continue;
        }
      if (bs_line_starts (l, "<<< "))
        {
          BsLine r = bs_line_trim (bs_line_after (l, l.s + 4));
          if (t->command == NULL)
            t->greeting = TRUE;
          g_autofree char *reply = bs_line_dup (r);
          if (t->replies == NULL || bs_strstr (t->replies, reply) == NULL)
            join (&t->replies, r.s, r.n);
          g_free (pending_reply);
          pending_reply = g_steal_pointer (&reply);
          continue;
        }
      if (bs_line_starts (l, "... while talking to ") || bs_line_starts (l, "While talking to "))
        {
          g_autofree char *line = bs_line_dup (l);
          g_free (host);
          host = bs_host_after (line, "hile talking to ");
          if (t->host == NULL)
            t->host = g_strdup (host);
          continue;
        }
      /* "550 5.1.1 <addr>... text" or "<addr>... text" */
      BsLine body = l;
      gboolean coded = l.n > 4 && g_ascii_isdigit (l.s[0]) && g_ascii_isdigit (l.s[1])
                       && g_ascii_isdigit (l.s[2]) && (l.s[3] == ' ' || l.s[3] == '\t');
      gsize sn = 0;
      const char *st = NULL;
      if (coded)
        {
          body = bs_line_trim (bs_line_after (l, l.s + 4));
          sn = bs_smtp_status_valid (body.s); /* "550 5.1.1 <addr>..." */
          if (sn > 0 && sn < body.n)
            {
              st = body.s;
              body = bs_line_trim (bs_line_after (body, body.s + sn));
            }
        }
      const char *dots = bs_line_find (body, ">... ");
      if (body.n > 0 && body.s[0] == '<' && dots != NULL)
        {
          const char *after = NULL;
          g_autofree char *addr = bs_line_angle_addr (body, body.s, &after);
          if (addr != NULL && after == dots + 1 && t->items->len < BS_MAX_RECIPIENTS)
            {
              BsRecord *r = bs_record_new ();
              bs_record_set (&r->recipient, addr);
              /* what sendmail said, then what the remote replied */
              BsLine txt = bs_line_trim (bs_line_after (body, dots + 5));
              bs_diag_append (r, txt.s, txt.n);
              if (pending_reply != NULL)
                {
                  if (r->diagnostic != NULL)
                    {
                      g_autofree char *d = g_strconcat (r->diagnostic, ":", NULL);
                      bs_record_set (&r->diagnostic, d);
                    }
                  bs_diag_append (r, pending_reply, strlen (pending_reply));
                }
              bs_record_set (&r->remote_mta, pending_reply ? host : NULL);
              bs_record_set (&r->command, pending_cmd);
              g_ptr_array_add (t->items, r);
              g_clear_pointer (&pending_cmd, g_free);
              g_clear_pointer (&pending_reply, g_free);
            }
        }
      if (coded)
        {
          /* sendmail's own line: "554 5.0.0 Service unavailable" */
          if (st != NULL)
            {
              g_free (t->status);
              t->status = g_strndup (st, sn);
            }
          join (&t->text, l.s, l.n);
        }
      else if (bs_line_starts (l, "Message ") || bs_line_starts (l, "Warning: "))
        join (&t->text, l.s, l.n);
    }
  return t;
}

guint
bs_records_from_text_dsn (const char *body, GPtrArray *records)
{
  if (records->len == 0 && body != NULL)
    {
      const char *end = bs_text_end (body, NULL);
      g_autofree char *text = g_strndup (body, (gsize) (end - body));
      bs_dsn_parse_text (text, records);
    }
  return records->len;
}

char *
bs_first_command (const char *body)
{
  BsLines it;
  BsLine l;
  if (body == NULL)
    return NULL;
  bs_lines_init (&it, body, bs_text_end (body, NULL));
  for (guint i = 0; i < MAX_LINES && bs_lines_next (&it, &l); i++)
    {
      BsLine t = bs_line_trim (l);
      if (bs_line_starts (t, ">>> "))
        {
          g_autofree char *c = bs_line_dup (bs_line_after (t, t.s + 4));
          const char *w = bs_command_word (c);
          if (w != NULL)
            return g_strdup (w);
        }
    }
  return NULL;
}

/* ---- forwarded bounces ---------------------------------------------------- */

char *
bs_notice_subject (const BsMail *mail, gboolean *forwarded)
{
  g_autofree char *s = bs_mail_header (mail, "Subject");
  const char *p = s ? s : "";
  while (*p == ' ' || *p == '\t')
    p++;
  gboolean fwd = FALSE;
  if (g_ascii_strncasecmp (p, "fwd:", 4) == 0)
    p += 4, fwd = TRUE;
  else if (g_ascii_strncasecmp (p, "fw:", 3) == 0)
    p += 3, fwd = TRUE;
  while (*p == ' ' || *p == '\t')
    p++;
  if (forwarded)
    *forwarded = fwd;
  return g_strchomp (g_strdup (p));
}

char *
bs_notice_body (const BsMail *mail, gboolean forwarded)
{
  if (mail->body == NULL)
    return g_strdup ("");
  if (!forwarded)
    return g_strdup (mail->body);
  GString *out = g_string_sized_new (strlen (mail->body));
  BsLines it;
  BsLine l;
  bs_lines_init (&it, mail->body, mail->body + strlen (mail->body));
  while (bs_lines_next (&it, &l))
    {
      /* one level of quoting: "> text", ">", and ">>>> DATA" (a quoted
       * transcript line ">>> DATA") */
      gsize i = 0;
      if (l.n >= 2 && l.s[0] == '>' && l.s[1] == ' ')
        i = 2;
      else if (l.n == 1 && l.s[0] == '>')
        i = 1;
      else if (l.n >= 4 && memcmp (l.s, ">>>>", 4) == 0)
        i = 1;
      g_string_append_len (out, l.s + i, (gssize) (l.n - i));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* ---- headers ---------------------------------------------------------------- */

gboolean
bs_header_has (const BsMail *mail, const char *name, const char *needle, gboolean at_start)
{
  const char *s = bs_mail_header_peek (mail, name);
  if (s == NULL)
    return FALSE;
  while (*s == ' ' || *s == '\t')
    s++;
  return at_start ? g_str_has_prefix (s, needle) : bs_strstr (s, needle) != NULL;
}

gboolean
bs_spasign (const BsMail *mail, GPtrArray *records, const char *name)
{
  if (bs_header_has (mail, "X-SPASIGN", "NG", TRUE))
    for (guint i = 0; i < records->len; i++)
      bs_set_reason_to (g_ptr_array_index (records, i), BS_REASON_FILTERED, name, "X-SPASIGN: NG");
  return TRUE;
}

gboolean
bs_received_has (const BsMail *mail, const char *needle)
{
  for (guint i = 0; mail->received != NULL && i < mail->received->len && i < MAX_LINES; i++)
    if (bs_strstr (g_ptr_array_index (mail->received, i), needle) != NULL)
      return TRUE;
  return FALSE;
}
