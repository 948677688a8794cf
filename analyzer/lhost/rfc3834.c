/* rfc3834.c - automatic replies (RFC 3834): not delivery failures
 *
 * Recognised by Auto-Submitted: auto-replied, by the headers Microsoft,
 * Apple and others add (X-Auto-Response-Suppress: OOF or AutoReply, or
 * with an "Automatic reply:" subject, X-Apple-Action: vacation,
 * X-Autoreply, Precedence: auto_reply) or an out-of-office subject.  Mail
 * from postmaster, mailer-daemon, a mail delivery system or root is a
 * bounce or a system notice, never an auto-reply; so is an automatic
 * rejection (Auto-Submitted: auto-replied (rejected), Dovecot's and
 * Sieve's "Your message to <a@b> was automatically rejected") and a reply
 * from nobody (a null From: "You sent mail to a@b. That's not a valid user
 * here."): the generic reader reads those.  Gives one record with reason
 * vacation for the address that answered.  After Sisimai's RFC3834.pm,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../find.h"
#include "../smtp.h"

#include "kit.h"

/* subjects that mark an automatic reply (each seen in real auto-replies) */
static const char *const auto_subjects[] = {
  "auto:", "automatic reply", "auto reply", "autoreply", "auto-reply",
  "out of office", "out of the office", "vacation", "away from", "away until",
  "自動応答", "自動返信", "不在", "abwesenheit", "absence", "réponse automatique",
};

/* subject prefixes that alone mark an automatic reply */
static const char *const reply_prefixes[] = {
  "auto:", "auto response:", "automatic reply:", "out of office:", "out of the office:",
};

/* senders and subjects of system mail that carries Auto-Submitted too */
static const char *const system_senders[] = {
  "root@", "postmaster@", "mailer-daemon", "mail delivery",
};
static const char *const system_subjects[] = { "security information for", "mail failure -" };

static gboolean
is_system_mail (const char *from, const char *subject, const char *to)
{
  g_autofree char *lfrom = from ? g_ascii_strdown (from, -1) : g_strdup ("");
  g_autofree char *lto = to ? g_ascii_strdown (to, -1) : g_strdup ("");
  for (gsize i = 0; i < G_N_ELEMENTS (system_senders); i++)
    if (bs_strstr (lfrom, system_senders[i]) != NULL)
      return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (system_subjects); i++)
    if (bs_strstr (subject, system_subjects[i]) != NULL)
      return TRUE;
  return g_str_has_prefix (lto, "root@") || bs_strstr (lto, "<root@") != NULL;
}

/* the first lines of the reply's text (at most five with a space) */
static char *
reply_text (const char *body)
{
  GString *out = g_string_new (NULL);
  const char *line = body;
  guint taken = 0, blanks = 0;
  while (line != NULL && *line != '\0' && taken < 5 && blanks < 2)
    {
      const char *end = strchr (line, '\n');
      gsize n = end ? (gsize) (end - line) : strlen (line);
      if (n == 0)
        blanks++;
      else if (memchr (line, ' ', n) != NULL && g_ascii_strncasecmp (line, "Content-T", 9) != 0)
        {
          g_string_append_len (out, line, (gssize) MIN (n, 1024));
          g_string_append_c (out, ' ');
          taken++;
        }
      line = end ? end + 1 : NULL;
    }
  return g_string_free (out, out->len == 0);
}

gboolean
bs_lhost_rfc3834 (const BsMail *mail, GPtrArray *records)
{
  if (records->len > 0 || mail->dsn->len > 0)
    return FALSE;
  g_autofree char *auto_sub = bs_mail_header (mail, "Auto-Submitted");
  g_autofree char *prec = bs_mail_header (mail, "Precedence");
  g_autofree char *x_auto = bs_mail_header (mail, "X-Autoreply");
  g_autofree char *x_autorespond = bs_mail_header (mail, "X-Autorespond");
  g_autofree char *suppress = bs_mail_header (mail, "X-Auto-Response-Suppress");
  g_autofree char *subject_raw = bs_mail_header (mail, "Subject");
  g_autofree char *subject = subject_raw ? g_utf8_strdown (subject_raw, -1) : g_strdup ("");

  g_autofree char *from = bs_mail_header (mail, "From");
  g_autofree char *to = bs_mail_header (mail, "To");
  g_autofree char *apple = bs_mail_header (mail, "X-Apple-Action");
  if (is_system_mail (from, subject, to))
    return FALSE;

  gboolean subject_auto = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (auto_subjects); i++)
    if (bs_strstr (subject, auto_subjects[i]) != NULL)
      subject_auto = TRUE;
  gboolean subject_prefix = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (reply_prefixes); i++)
    if (g_str_has_prefix (subject, reply_prefixes[i]))
      subject_prefix = TRUE;
  g_autofree char *lsuppress = suppress ? g_ascii_strdown (suppress, -1) : NULL;

  gboolean is_auto = FALSE;
  const char *evidence = NULL;
  g_autofree char *lauto = auto_sub ? g_ascii_strdown (auto_sub, -1) : NULL;
  if (lauto && bs_strstr (lauto, "rejected") != NULL)
    return FALSE; /* an automatic rejection: a bounce */
  if (auto_sub && g_ascii_strncasecmp (auto_sub, "auto-replied", 12) == 0)
    is_auto = TRUE, evidence = "Auto-Submitted: auto-replied";
  else if (apple && g_ascii_strcasecmp (g_strstrip (apple), "vacation") == 0)
    is_auto = TRUE, evidence = "X-Apple-Action: vacation";
  else if (lsuppress && (bs_strstr (lsuppress, "oof") || bs_strstr (lsuppress, "autoreply")))
    is_auto = TRUE, evidence = "X-Auto-Response-Suppress: OOF";
  else if (subject_prefix)
    is_auto = TRUE, evidence = "automatic-reply subject";
  else if (x_auto || x_autorespond)
    is_auto = TRUE, evidence = "X-Autoreply";
  else if (prec && g_ascii_strncasecmp (prec, "auto_reply", 10) == 0)
    is_auto = TRUE, evidence = "Precedence: auto_reply";
  else if (suppress && subject_auto)
    is_auto = TRUE, evidence = "X-Auto-Response-Suppress with an automatic-reply subject";
  if (!is_auto)
    return FALSE;

  g_autofree char *return_path = bs_mail_header (mail, "Return-Path");
  g_autofree char *addr = bs_smtp_address (from ? from : return_path);
  if (addr == NULL || *addr == '\0')
    return FALSE; /* a reply from nobody is a mailer's, not a person's */
  g_autofree char *text = reply_text (mail->body);
  BsRecord *r = bs_record_new ();
  bs_record_set (&r->recipient, addr);
  r->reason = BS_REASON_VACATION;
  bs_record_set (&r->diagnostic, text ? text : subject_raw);
  bs_record_set (&r->rule, "rfc3834");
  bs_record_set (&r->evidence, evidence);
  g_ptr_array_add (records, r);
  return TRUE;
}
