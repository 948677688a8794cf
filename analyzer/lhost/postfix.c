/* postfix.c - Postfix bounces: the text part of bounce(8) notices
 *
 * Postfix sends a multipart/report whose delivery-status part dsn.c reads;
 * this module adds what only the text says ("host mx[192.0.2.1] said: 550
 * ... (in reply to RCPT TO command)": remote host, command, and the reply
 * when the DSN lacks a Diagnostic-Code), and reads notices sent without a
 * DSN part.  After Sisimai's Lhost::Postfix, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../find.h"
#include "../smtp.h"

#include "kit.h"

/* subjects Postfix's bounce templates use */
static const char *const subjects[] = {
  "Undelivered Mail Returned to Sender",   /* failure template */
  "Delayed Mail (still being retried)",    /* delay template */
  "Successful Mail Delivery Report",       /* success template (not a failure) */
};

/* first lines of bounce(5) templates, default and customised */
static const char *const starts[] = {
  "This is the Postfix program", "This is the mail system at host", "The Postfix program",
  "The mail system", NULL,
};

/* the notice ends where the delivery-status fields begin: in their MIME
 * part, or written in the text of a notice sent without MIME structure */
static const char *const stops[] = { "Content-Type: message/delivery-status", "Reporting-MTA: ", NULL };

/* "<user@example.com>: ..." or "<r@example.com> (expanded from <a@example.org>): ..." */
static char *
rcpt (BsLine l, BsLine *rest)
{
  if (l.n < 4 || l.s[0] != '<')
    return NULL;
  const char *after = NULL;
  char *addr = bs_line_angle_addr (l, l.s, &after);
  if (addr == NULL)
    return NULL;
  BsLine tail = bs_line_after (l, after);
  if (bs_line_starts (tail, " (expanded from "))
    {
      const char *colon = bs_line_find (tail, "):");
      tail = colon ? bs_line_after (tail, colon + 1) : (BsLine) { tail.s + tail.n, 0 };
    }
  if (tail.n == 0 || tail.s[0] != ':')
    {
      g_free (addr);
      return NULL;
    }
  *rest = bs_line_after (tail, tail.s + 1);
  return addr;
}

/* continuation lines are indented */
static const BsFormat format = {
  .notice = { .start_within = starts, .stop = stops, .flags = BS_NOTICE_OPTIONAL },
  .rcpt = rcpt, .other = bs_other_indented,
};

/* command and remote host from "host X[ip] said: ... (in reply to RCPT TO command)" */
static void
facts (BsRecord *r)
{
  const char *d = r->diagnostic;
  if (d == NULL)
    return;
  const char *irt = bs_strstr (d, "(in reply to ");
  if (r->command == NULL && irt != NULL)
    {
      const char *c = irt + strlen ("(in reply to ");
      bs_record_set (&r->command, bs_smtp_command_at (c));
    }
  if (r->command == NULL && bs_strstr (d, "refused to talk to me:") != NULL)
    bs_record_set (&r->command, "CONN");
  if (r->remote_mta == NULL && (bs_strstr (d, " said:") != NULL || bs_strstr (d, "refused to talk") != NULL))
    {
      g_autofree char *h = bs_smtp_host_after (d, "host ");
      bs_record_set (&r->remote_mta, h);
    }
}

gboolean
bs_lhost_postfix (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  if (subject == NULL || bs_mail_has_header (mail, "X-AOL-IP"))
    return FALSE;
  g_strstrip (subject);
  gsize which = G_N_ELEMENTS (subjects);
  for (gsize i = 0; i < G_N_ELEMENTS (subjects); i++)
    if (strcmp (subject, subjects[i]) == 0)
      which = i;
  if (which == G_N_ELEMENTS (subjects))
    return FALSE;

  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  bs_format_scan (mail->body, &format, found);
  if (found->len == 0 && records->len == 0 && mail->body != NULL
      && bs_strstr (mail->body, "--- Delivery report unavailable ---") != NULL)
    {
      /* no report: the recipient is the original message's To */
      g_autofree char *to = bs_header_get (mail->original, "To");
      g_autofree char *addr = bs_smtp_address (to);
      if (addr != NULL)
        {
          BsRecord *r = bs_record_new ();
          bs_record_set (&r->recipient, addr);
          g_ptr_array_add (found, r);
        }
    }
  /* a notice sent without MIME structure writes its delivery-status fields
   * in the text: they are the records (status, action, diagnostic) */
  if (records->len == 0 && found->len > 0)
    bs_records_from_text_dsn (mail->body, records);
  for (guint i = 0; i < found->len; i++)
    {
      BsRecord *r = g_ptr_array_index (found, i);
      facts (r);
      if (which == 1)
        bs_record_set (&r->action, "delayed");
      else if (which == 2)
        bs_record_set (&r->action, "delivered");
    }
  bs_records_adopt (records, found);
  for (guint i = 0; i < records->len; i++)
    facts (g_ptr_array_index (records, i));
  return records->len > 0;
}
