/* sendmail.c - Sendmail (8.x) bounces: DSN plus "Transcript of session"
 *
 * Sendmail's notice is a multipart/report: a text part with the session
 * transcript (">>> RCPT To:<...>", "<<< 550 5.1.1 ...", "... while talking
 * to mx.example.com.:"), then the delivery-status part dsn.c reads.  This
 * module completes those records with the command, the remote's replies
 * and host, and reads the delivery-status fields from the text itself when
 * the report came without a MIME structure (or forwarded, "> " quoted).
 * The transcript reader and the forwarded-notice helpers serve
 * v5sendmail.c too (sendmail.h).
 * After Sisimai's Lhost::Sendmail, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../bs.h"
#include "../find.h"
#include "../smtp.h"

#include "sendmail.h"

/* lines of a transcript read at most */
#define MAX_LINES (8u * BS_MAX_RECIPIENTS)

/* ---- the transcript ---- */

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
          const char *w = bs_smtp_command_at (cmd);
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
          host = bs_smtp_host_after (line, "hile talking to ");
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
              bs_text_append_line (&r->diagnostic, txt);
              if (pending_reply != NULL)
                {
                  if (r->diagnostic != NULL)
                    {
                      g_autofree char *d = g_strconcat (r->diagnostic, ":", NULL);
                      bs_record_set (&r->diagnostic, d);
                    }
                  bs_text_append (&r->diagnostic, pending_reply, strlen (pending_reply));
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


/* ---- forwarded notices ---- */

char *
bs_sendmail_subject (const BsMail *mail, gboolean *forwarded)
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
bs_sendmail_body (const BsMail *mail, gboolean forwarded)
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

/* ---- the notice ---- */

/* subjects of Sendmail's notices (savemail.c, deliver.c) */
static const struct {
  const char *text;
  gboolean prefix; /* at the start, else at the end */
  gboolean delay;
} subjects[] = {
  { "see transcript for details", FALSE, FALSE }, /* Returned mail: / Postmaster notify: */
  { "Warning: ", TRUE, TRUE },                     /* Warning: could not send message for past 4 hours */
};

/* a diagnostic that says nothing: a numeric exit code ("X-Unix; 77") */
static gboolean
uninformative (const char *d)
{
  if (d == NULL)
    return TRUE;
  for (const char *p = d; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != ' ')
      return FALSE;
  return TRUE;
}

static void
apply (BsRecord *r, const BsTranscript *t)
{
  if (r->command == NULL && t->command != NULL && *t->command)
    bs_record_set (&r->command, t->command);
  if (r->command == NULL && t->greeting)
    bs_record_set (&r->command, "CONN");
  if (r->remote_mta == NULL)
    bs_record_set (&r->remote_mta, t->host);
  /* the MTA's own line for this recipient ("<addr>... Deferred: ...") */
  const char *own = NULL;
  for (guint i = 0; i < t->items->len; i++)
    {
      BsRecord *it = g_ptr_array_index (t->items, i);
      if (r->recipient && it->recipient && g_ascii_strcasecmp (r->recipient, it->recipient) == 0)
        own = it->diagnostic;
    }
  /* the Diagnostic-Code is this recipient's; the transcript serves when it
   * is empty or only an exit code */
  if (uninformative (r->diagnostic))
    {
      g_autoptr (GString) d = g_string_new (own ? own : t->replies);
      if (t->text != NULL && bs_strstr (d->str, t->text) == NULL)
        g_string_append_printf (d, " %s", t->text);
      bs_record_set (&r->diagnostic, d->str);
    }
  if (r->status == NULL && t->status != NULL)
    {
      bs_record_set (&r->status, t->status);
      bs_record_set (&r->status_from, "text");
    }
}

gboolean
bs_lhost_sendmail (const BsMail *mail, GPtrArray *records)
{
  gboolean fwd = FALSE, delay = FALSE, match = FALSE;
  g_autofree char *subject = bs_sendmail_subject (mail, &fwd);
  for (gsize i = 0; i < G_N_ELEMENTS (subjects) && !match; i++)
    if (subjects[i].prefix ? g_str_has_prefix (subject, subjects[i].text)
                           : g_str_has_suffix (subject, subjects[i].text))
      match = TRUE, delay = subjects[i].delay;
  if (!match || bs_mail_has_header (mail, "X-AOL-IP"))
    return FALSE;

  g_autofree char *body = bs_sendmail_body (mail, fwd);
  const char *end = bs_text_end (body, NULL);
  g_autoptr (BsTranscript) t = bs_transcript_read (body, end);
  /* no delivery-status part: its fields are in the text */
  if (bs_records_from_text_dsn (body, records) == 0)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (records, i);
      if (t != NULL)
        apply (r, t);
      if (delay && r->action == NULL)
        bs_record_set (&r->action, "delayed");
    }
  return TRUE;
}
