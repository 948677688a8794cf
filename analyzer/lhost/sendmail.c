/* sendmail.c - Sendmail (8.x) bounces: DSN plus "Transcript of session"
 *
 * Sendmail's notice is a multipart/report: a text part with the session
 * transcript (">>> RCPT To:<...>", "<<< 550 5.1.1 ...", "... while talking
 * to mx.example.com.:"), then the delivery-status part dsn.c reads.  This
 * module completes those records with the command, the remote's replies
 * and host, and reads the delivery-status fields from the text itself when
 * the report came without a MIME structure (or forwarded, "> " quoted).
 * After Sisimai's Lhost::Sendmail, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../smtp.h"
#include "../find.h"
#include "textscan.h"

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
  g_autofree char *subject = bs_notice_subject (mail, &fwd);
  for (gsize i = 0; i < G_N_ELEMENTS (subjects) && !match; i++)
    if (subjects[i].prefix ? g_str_has_prefix (subject, subjects[i].text)
                           : g_str_has_suffix (subject, subjects[i].text))
      match = TRUE, delay = subjects[i].delay;
  if (!match || bs_mail_has_header (mail, "X-AOL-IP"))
    return FALSE;

  g_autofree char *body = bs_notice_body (mail, fwd);
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
