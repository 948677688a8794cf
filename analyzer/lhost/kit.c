/* kit.c - the format kit (see kit.h)
 *
 * Owns the one walk over a notice, the building of records from a
 * notice's lines (RFC 3464 fields written in text included), committing or
 * adopting them, the fixed-phrase rows, the table-driven reading of a
 * format (BsFormat) and the top-level header helpers; the line helpers
 * are lines.c's.
 * After Sisimai's Lhost modules, RFC1894.pm and String.pm (BSD-2-Clause).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

#include <string.h>

#include "../bs.h"
#include "../datetime.h"
#include "../dsn.h"
#include "../find.h"
#include "../smtp.h"

/* lines of a body a walk reads at most: a notice for BS_MAX_RECIPIENTS
 * recipients with a few lines each */
#define NOTICE_MAX_LINES (8u * BS_MAX_RECIPIENTS)

/* Received: fields looked at, newest first */
#define MAX_RECEIVED 256u

/* ---- notices -------------------------------------------------------------- */

static gboolean
opens (BsLine l, const BsNoticeSpec *spec)
{
  return bs_line_mark (l, spec->start, FALSE) || bs_line_mark (l, spec->start_within, TRUE);
}

/* walk - one pass over body; with `from_top`, every line is the notice's
 * (no start marker looked for); FALSE when the notice never opened */
static gboolean
walk (BsNotice *n, const char *body, const BsNoticeSpec *spec, BsNoticeLine read, gboolean from_top)
{
  gboolean reading = from_top || (spec->start == NULL && spec->start_within == NULL);
  gboolean found = reading;
  BsLines it;
  BsLine l;
  bs_lines_init (&it, body, body + strlen (body));
  for (guint count = 0; count < NOTICE_MAX_LINES && !n->done && bs_lines_next (&it, &l); count++)
    {
      if (bs_line_returned (l) || bs_line_mark (l, spec->stop, FALSE))
        break;
      if (!reading)
        {
          if (!opens (l, spec))
            continue;
          reading = found = TRUE;
          if ((spec->flags & BS_NOTICE_START_LINE) == 0)
            continue;
        }
      if (l.n == 0 && (spec->flags & BS_NOTICE_BLANK) == 0)
        continue;
      read (n, l);
    }
  return found;
}

BsNotice *
bs_notice_walk (const char *body, const BsNoticeSpec *spec, BsNoticeLine read, gpointer user)
{
  if (body == NULL || spec == NULL || read == NULL)
    return NULL;
  BsNotice *n = g_new0 (BsNotice, 1);
  n->records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  n->user = user;
  if (!walk (n, body, spec, read, FALSE)
      && !((spec->flags & BS_NOTICE_OPTIONAL) != 0 && walk (n, body, spec, read, TRUE)))
    {
      bs_notice_free (n);
      return NULL;
    }
  return n;
}

void
bs_notice_free (BsNotice *n)
{
  if (n == NULL)
    return;
  g_ptr_array_unref (n->records);
  g_free (n->reporting_mta);
  g_free (n->arrival_date);
  g_free (n);
}

static void
ignore_line (BsNotice *n, BsLine line)
{
  (void) line;
  n->done = TRUE;
}

/* the notice of spec is in body */
static gboolean
notice_found (const char *body, const BsNoticeSpec *spec)
{
  /* the first line read is enough: the notice is there */
  BsNoticeSpec any = *spec;
  any.flags |= BS_NOTICE_START_LINE | BS_NOTICE_BLANK;
  g_autoptr (BsNotice) n = bs_notice_walk (body, &any, ignore_line, NULL);
  return n != NULL;
}

/* ---- records -------------------------------------------------------------- */

BsRecord *
bs_notice_current (BsNotice *n)
{
  if (n->records->len == 0)
    g_ptr_array_add (n->records, bs_record_new ());
  return g_ptr_array_index (n->records, n->records->len - 1);
}

BsRecord *
bs_notice_recipient (BsNotice *n, const char *text)
{
  g_autofree char *addr = bs_smtp_address (text);
  if (addr == NULL)
    return NULL;
  BsRecord *r = bs_notice_current (n);
  if (r->recipient != NULL)
    {
      if (n->records->len >= BS_MAX_RECIPIENTS)
        return r; /* keep the text, drop the surplus recipient */
      r = bs_record_new ();
      g_ptr_array_add (n->records, r);
    }
  bs_record_set (&r->recipient, addr);
  n->recipients++;
  return r;
}

BsRecord *
bs_notice_recipient_line (BsNotice *n, BsLine text)
{
  if (bs_line_chr (text, '@') == NULL)
    return NULL;
  g_autofree char *t = bs_line_dup (text);
  return bs_notice_recipient (n, t);
}

void
bs_text_append (char **field, const char *text, gsize n)
{
  if (text == NULL || n == 0)
    return;
  gsize have = *field ? strlen (*field) : 0;
  if (have >= BS_MAX_FIELD_BYTES)
    return;
  g_autofree char *piece = g_strndup (text, MIN (n, BS_MAX_FIELD_BYTES));
  g_autofree char *clean = bs_text_clean (piece, BS_MAX_FIELD_BYTES);
  if (clean == NULL)
    return;
  if (have == 0)
    {
      g_free (*field);
      *field = g_steal_pointer (&clean);
      return;
    }
  /* two clean texts joined by one space are clean while they fit (and
   * the second does not start with U+FFFD, which takes no space before) */
  g_autofree char *joined = g_strconcat (*field, " ", clean, NULL);
  if (strlen (joined) <= BS_MAX_FIELD_BYTES && !g_str_has_prefix (clean, "\xef\xbf\xbd"))
    {
      g_free (*field);
      *field = g_steal_pointer (&joined);
    }
  else
    bs_record_set (field, joined);
}

void
bs_text_append_line (char **field, BsLine line)
{
  bs_text_append (field, line.s, line.n);
}

/* "rfc822; user@example.com" -> "user@example.com", the type ("rfc822")
 * in *type when asked */
static BsLine
after_type (BsLine value, BsLine *type)
{
  const char *semi = bs_line_chr (value, ';');
  if (semi == NULL || semi - value.s > 32)
    return value;
  if (type != NULL)
    *type = bs_line_trim ((BsLine) { value.s, (gsize) (semi - value.s) });
  return bs_line_trim (bs_line_after (value, semi + 1));
}

void
bs_text_set_line (char **field, BsLine v)
{
  g_autofree char *s = bs_line_dup (v);
  bs_record_set (field, s);
}

/* RFC 3464 actions, and the misspellings Sisimai's RFC1894 corrects */
static const struct {
  const char *word;
  const char *action;
} actions[] = {
  { "failed", "failed" },       { "delayed", "delayed" },   { "delivered", "delivered" },
  { "relayed", "relayed" },     { "expanded", "expanded" }, { "deliverable", "delivered" },
  { "expired", "delayed" },     { "failure", "failed" },
};

/* fields of a group that belong to the message, not to a recipient */
static gboolean
per_message (BsLine l)
{
  BsLine v;
  return bs_line_field (l, "Reporting-MTA", &v) || bs_line_field (l, "Arrival-Date", &v)
         || bs_line_field (l, "Received-From-MTA", &v);
}

/* the fields of one recipient (Final-Recipient and what follows it) */
static gboolean
recipient_field (BsNotice *n, BsRecord *r, BsLine line)
{
  BsLine v, type = { NULL, 0 };
  if (bs_line_field (line, "Final-Recipient", &v))
    {
      bs_notice_recipient_line (n, after_type (v, NULL));
      return TRUE;
    }
  if (bs_line_field (line, "Original-Recipient", &v) || bs_line_field (line, "X-Actual-Recipient", &v))
    {
      g_autofree char *t = bs_line_dup (after_type (v, NULL));
      g_autofree char *addr = bs_smtp_address (t);
      if (addr != NULL)
        bs_record_set (&r->orig_recipient, addr);
      return TRUE;
    }
  if (bs_line_field (line, "Action", &v))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
        if (bs_line_istarts (v, actions[i].word))
          {
            bs_record_set (&r->action, actions[i].action);
            break;
          }
      return TRUE;
    }
  if (bs_line_field (line, "Status", &v))
    {
      g_autofree char *t = bs_line_dup (v);
      g_autofree char *st = bs_smtp_find_status (t);
      if (st != NULL && bs_smtp_status_valid (t) > 0)
        bs_record_set_status (r, st);
      return TRUE;
    }
  if (bs_line_field (line, "Remote-MTA", &v))
    {
      bs_text_set_line (&r->remote_mta, after_type (v, NULL));
      return TRUE;
    }
  if (bs_line_field (line, "Diagnostic-Code", &v))
    {
      bs_text_set_line (&r->diagnostic, after_type (v, &type));
      bs_text_set_line (&r->diagnostic_type, type);
      n->in_diagnostic = TRUE;
      return TRUE;
    }
  if (bs_line_field (line, "Last-Attempt-Date", &v))
    {
      g_autofree char *t = bs_line_dup (v);
      g_autofree char *iso = bs_datetime_iso (t);
      bs_record_set (&r->timestamp, iso);
      return TRUE;
    }
  return FALSE;
}

gboolean
bs_notice_dsn_line (BsNotice *n, BsLine line)
{
  BsLine v;
  if (line.n == 0)
    {
      /* an empty line ends a group of fields: the next group is another
       * recipient's, whatever field it begins with */
      n->new_group = TRUE;
      n->in_diagnostic = FALSE;
      return FALSE;
    }
  gboolean indented = line.s[0] == ' ' || line.s[0] == '\t';
  if (n->new_group && bs_notice_current (n)->recipient != NULL && !indented
      && n->records->len < BS_MAX_RECIPIENTS && bs_line_chr (line, ':') != NULL && !per_message (line))
    g_ptr_array_add (n->records, bs_record_new ());
  n->new_group = FALSE;
  BsRecord *r = bs_notice_current (n);
  if (indented && n->in_diagnostic)
    {
      bs_text_append_line (&r->diagnostic, line); /* a continuation */
      return TRUE;
    }
  n->in_diagnostic = FALSE;
  if (recipient_field (n, r, line))
    return TRUE;
  if (bs_line_field (line, "Reporting-MTA", &v))
    {
      if (n->reporting_mta == NULL)
        n->reporting_mta = bs_line_dup (after_type (v, NULL));
      return TRUE;
    }
  if (bs_line_field (line, "Arrival-Date", &v))
    {
      if (n->arrival_date == NULL)
        n->arrival_date = bs_line_dup (v);
      return TRUE;
    }
  return bs_line_field (line, "Received-From-MTA", &v) || bs_line_field (line, "X-Original-Message-ID", &v);
}

/* a reader of DSN fields only */
static void
dsn_reader (BsNotice *n, BsLine line)
{
  bs_notice_dsn_line (n, line);
}

void
bs_notice_failed_recipients (BsNotice *n, const BsMail *mail)
{
  g_autofree char *failed = bs_mail_header (mail, "X-Failed-Recipients");
  g_auto (GStrv) list = failed ? g_strsplit (failed, ",", BS_MAX_RECIPIENTS) : NULL;
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    bs_notice_recipient (n, list[i]);
}

static void
fill (char **dst, const char *src)
{
  if (*dst == NULL && src != NULL)
    bs_record_set (dst, src);
}

void
bs_notice_merge_dsn (BsNotice *n, const GPtrArray *dsn)
{
  for (guint i = 0; dsn != NULL && i < n->records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (n->records, i);
      for (guint j = 0; r->recipient != NULL && j < dsn->len; j++)
        {
          const BsRecord *d = g_ptr_array_index (dsn, j);
          if (d->recipient == NULL || g_ascii_strcasecmp (d->recipient, r->recipient) != 0)
            continue;
          if (r->status == NULL && d->status != NULL)
            {
              bs_record_set (&r->status, d->status);
              bs_record_set (&r->status_from, d->status_from);
            }
          fill (&r->action, d->action);
          fill (&r->remote_mta, d->remote_mta);
          fill (&r->reporting_mta, d->reporting_mta);
          fill (&r->timestamp, d->timestamp);
          fill (&r->orig_recipient, d->orig_recipient);
          if (r->diagnostic == NULL && d->diagnostic != NULL)
            {
              bs_record_set (&r->diagnostic, d->diagnostic);
              bs_record_set (&r->diagnostic_type, d->diagnostic_type);
            }
          break;
        }
    }
}

/* Sisimai's String->sweep and Data.pm step for one record */
static void
record_finish (BsRecord *r)
{
  if (r->diagnostic == NULL)
    return;
  /* Sisimai's String->sweep past what bs_record_set does: cut a trailing
   * " --xxx" (a MIME boundary or a signature glued to the text) */
  for (char *p = bs_strstr (r->diagnostic, " --"); p != NULL; p = bs_strstr (p + 1, " --"))
    {
      char *q = p + 1;
      while (*q == '-')
        q++;
      if (*q != '\0' && *q != ' ' && *q != '\t')
        {
          *p = '\0';
          break;
        }
    }
  bs_record_set (&r->diagnostic, r->diagnostic);
  if (r->reply_code == 0 && r->diagnostic != NULL)
    r->reply_code = bs_smtp_find_reply (r->diagnostic);
}

gboolean
bs_notice_commit (BsNotice *n, GPtrArray *records)
{
  if (n == NULL || n->recipients == 0)
    return FALSE;
  g_autofree char *arrival = bs_datetime_iso (n->arrival_date);
  g_ptr_array_set_size (records, 0);
  for (guint i = 0; i < n->records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (n->records, i);
      if (r->recipient == NULL)
        continue;
      record_finish (r);
      fill (&r->reporting_mta, n->reporting_mta);
      fill (&r->timestamp, arrival);
      fill (&r->action, "failed");
      g_ptr_array_add (records, r);
      n->records->pdata[i] = NULL; /* now owned by records */
    }
  return records->len > 0;
}

gboolean
bs_records_claim (GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    record_finish (g_ptr_array_index (records, i));
  return records->len > 0;
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

void
bs_record_set_status (BsRecord *r, const char *status)
{
  bs_record_set (&r->status, status);
  bs_record_set (&r->status_from, r->status ? "bounce" : NULL);
}

void
bs_record_set_reason (BsRecord *r, BsReason reason, const char *name, const char *evidence)
{
  g_autofree char *rule = g_strconcat ("lhost-", name, NULL);
  r->reason = reason;
  bs_record_set (&r->rule, rule);
  bs_record_set (&r->evidence, evidence);
}

/* ---- phrases -------------------------------------------------------------- */

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

gboolean
bs_phrase_reason (BsRecord *r, const BsPhrase *rows, gsize n, const char *name)
{
  if (r->reason != BS_REASON_NONE)
    return FALSE;
  const BsPhrase *hit = bs_phrase_find (r->diagnostic, rows, n);
  if (hit == NULL)
    return FALSE;
  bs_record_set_reason (r, hit->reason, name, hit->phrase);
  return TRUE;
}

gboolean
bs_phrase_command (BsRecord *r, const BsCommandPhrase *rows, gsize n)
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

/* ---- formats -------------------------------------------------------------- */

/* the state of an rcpt reading */
typedef struct {
  const BsFormat *format;
  GPtrArray *found;
  BsRecord *current; /* the record being read, in found; NULL before one */
  BsRecord *before;  /* the text read before any recipient */
  guint added;
} RcptScan;

static void
rcpt_line (BsNotice *n, BsLine l)
{
  RcptScan *s = n->user;
  const BsFormat *f = s->format;
  if (bs_line_blank (l) && (f->flags & BS_FORMAT_KEEP_BLANK) == 0)
    return;
  BsLine rest = { NULL, 0 };
  g_autofree char *addr = f->rcpt (l, &rest);
  if (addr != NULL)
    {
      if (s->found->len >= BS_MAX_RECIPIENTS)
        {
          n->done = TRUE;
          return;
        }
      s->current = bs_record_new ();
      bs_record_set (&s->current->recipient, addr);
      if ((f->flags & BS_FORMAT_TEXT_BEFORE) != 0 && s->before->diagnostic != NULL)
        bs_text_append (&s->current->diagnostic, s->before->diagnostic, strlen (s->before->diagnostic));
      g_clear_pointer (&s->before->diagnostic, g_free);
      bs_text_append_line (&s->current->diagnostic, bs_line_trim (rest));
      g_ptr_array_add (s->found, s->current);
      s->added++;
      return;
    }
  BsLineAction act = f->other ? f->other (l, s->current) : BS_LINE_JOIN;
  if (act == BS_LINE_STOP)
    n->done = TRUE;
  else if (act == BS_LINE_JOIN)
    bs_text_append_line (s->current ? &s->current->diagnostic : &s->before->diagnostic, bs_line_trim (l));
}

guint
bs_format_scan (const char *body, const BsFormat *format, GPtrArray *found)
{
  g_autoptr (BsRecord) before = bs_record_new ();
  RcptScan s = { format, found, NULL, before, 0 };
  BsNoticeSpec spec = format->notice;
  spec.flags |= BS_NOTICE_BLANK; /* rcpt_line decides on blank lines */
  bs_notice_free (bs_notice_walk (body, &spec, rcpt_line, &s));
  return s.added;
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

/* finish, then the command and reason phrases, on every record of list */
static void
finish_all (GPtrArray *list, const BsFormat *format, gpointer user)
{
  for (guint i = 0; i < list->len; i++)
    {
      BsRecord *r = g_ptr_array_index (list, i);
      if (r == NULL)
        continue;
      if (format->finish != NULL)
        format->finish (r, user);
      if (format->commands != NULL)
        bs_phrase_command (r, format->commands, format->n_commands);
      if (format->reasons != NULL)
        bs_phrase_reason (r, format->reasons, format->n_reasons, format->name);
    }
}

/* the rcpt reading: the text's records adopted into records */
static gboolean
read_rcpt (const BsMail *mail, GPtrArray *records, const BsFormat *format, gpointer user)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  if (bs_format_scan (mail->body, format, found) == 0 && records->len == 0)
    return FALSE;
  if ((format->flags & BS_FORMAT_REPLACE) != 0 && found->len > 0)
    g_ptr_array_set_size (records, 0);
  bs_records_adopt (records, found);
  finish_all (records, format, user);
  return records->len > 0;
}

/* the line reading: the notice's records replace records */
static gboolean
read_lines (const BsMail *mail, GPtrArray *records, const BsFormat *format, gpointer user)
{
  g_autoptr (BsNotice) n = bs_notice_walk (mail->body, &format->notice, format->read, user);
  if (n == NULL)
    return FALSE;
  if ((format->flags & BS_FORMAT_FAILED_HEADER) != 0 && n->recipients == 0)
    bs_notice_failed_recipients (n, mail);
  if ((format->flags & BS_FORMAT_MERGE_DSN) != 0)
    bs_notice_merge_dsn (n, records);
  finish_all (n->records, format, user);
  return bs_notice_commit (n, records);
}

/* the DSN reading: dsn.c's records, or the fields written in the notice */
static gboolean
read_dsn (const BsMail *mail, GPtrArray *records, const BsFormat *format, gpointer user)
{
  if (records->len > 0)
    {
      if (!notice_found (mail->body, &format->notice))
        return FALSE;
    }
  else
    {
      BsNoticeSpec spec = format->notice;
      spec.flags |= BS_NOTICE_BLANK; /* empty lines part the field groups */
      g_autoptr (BsNotice) n = bs_notice_walk (mail->body, &spec, dsn_reader, user);
      if (!bs_notice_commit (n, records))
        return FALSE;
    }
  finish_all (records, format, user);
  return bs_records_claim (records);
}

gboolean
bs_format_read (const BsMail *mail, GPtrArray *records, const BsFormat *format, gpointer user)
{
  if (format->rcpt != NULL)
    return read_rcpt (mail, records, format, user);
  if (format->read != NULL)
    return read_lines (mail, records, format, user);
  return read_dsn (mail, records, format, user);
}

static void
collect_command (BsNotice *n, BsLine line)
{
  GPtrArray *out = n->user;
  g_autofree char *t = bs_line_dup (line);
  const char *cmd = bs_smtp_command_named (t);
  if (cmd != NULL && out->len < BS_MAX_RECIPIENTS)
    g_ptr_array_add (out, g_strdup (cmd));
}

GPtrArray *
bs_notice_commands (const char *body, const BsNoticeSpec *spec)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  bs_notice_free (bs_notice_walk (body, spec, collect_command, out));
  return out;
}

/* ---- headers -------------------------------------------------------------- */

gboolean
bs_header_has (const BsMail *mail, const char *name, const char *needle)
{
  const char *v = bs_mail_header_peek (mail, name);
  return v != NULL && bs_strstr (v, needle) != NULL;
}

gboolean
bs_header_starts (const BsMail *mail, const char *name, const char *prefix)
{
  const char *v = bs_mail_header_peek (mail, name);
  return v != NULL && g_str_has_prefix (v, prefix);
}

gboolean
bs_header_is (const BsMail *mail, const char *name, const char *value)
{
  const char *v = bs_mail_header_peek (mail, name);
  return v != NULL && strcmp (v, value) == 0;
}

gboolean
bs_received_has (const BsMail *mail, const char *needle)
{
  for (guint i = 0; mail->received != NULL && i < mail->received->len && i < MAX_RECEIVED; i++)
    if (bs_strstr (g_ptr_array_index (mail->received, i), needle) != NULL)
      return TRUE;
  return FALSE;
}
