/* rfc3464.c - the last resort for bounces no format module knows
 *
 * Tried after every other module, and only when dsn.c found no
 * delivery-status part to read.  Two readings, after Sisimai's RFC3464.pm
 * and MDA.pm (BSD-2-Clause):
 *  1. delivery-status fields written as text (a multipart/report whose
 *     MIME structure is broken, a DSN pasted in a text/plain part), from
 *     a marker line to the original message;
 *  2. for mail from a mailer-daemon, postmaster or root (or with a
 *     bounce's subject or null Return-Path): any line naming an address
 *     after one of the phrases bounces use ("could not be delivered to:",
 *     "unknown user:", an address alone at the start of a line...), the
 *     text around it as the diagnostic.
 * Local delivery agents' messages (mda.c) state their reason.  It is the
 * last entry of the table (lhost.c): a message any other module claims is
 * left to it.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../bs.h"
#include "../find.h"
#include "../smtp.h"

#include "mda.h"

/* reading 1: where written delivery-status fields begin and end */
static const char *const dsn_starts[] = {
  "content-type: message/delivery-status", "content-type: message/xdelivery-status",
  "content-type: message/disposition-notification", "content-type: text/plain; charset=",
  "the original message was received at ", "this report relates to your message",
  "your message could not be delivered", "your message was not delivered to the following recipients",
  NULL,
};

/* reading 2: lines that end the notice (lower case; at the start of a line) */
static const char *const stops_at_start[] = {
  "content-type: message/delivery-status", "here is a copy of the first part of the message",
  "the non-delivered message is attached to this message.", "received:", "received-from-mta:",
  "reporting-mta:", "return-path:", "a copy of the original message below this line:",
  "content-type: message/rfc822", "content-type: text/rfc822-headers",
};
/* ... or anywhere in it */
static const char *const stops_within[] = {
  "attachment is a copy of the message", "below is a copy of the original message:",
  "below this line is a copy of the message", "message text follows: ", "original message follows",
  "the attachment contains the original mail headers", "unsent message below",
  "your message reads (in part):",
};

/* reading 2: phrases an address follows (lower case, anywhere in a line) */
static const char *const address_leads[] = {
  "addressed to ", "could not be delivered to: ", "delivered to ", "delivery failed: ",
  "did not reach the following recipient: ", "error-for: ", "failed recipient: ",
  "failed to deliver to ", "intended recipient: ", "mailbox is full: ", "rcpt to:",
  "the following recipients returned permanent errors: ", "the following message to ",
  "unknown user: ", "undeliverable to ", "undeliverable address: ", "you sent mail to ",
  "your message to ",
};
/* ... or at the start of a line, after blanks */
static const char *const address_leads_at_start[] = { "recipient:", "address: " };

/* subjects of bounces (lower case); Sisimai's "warning: " and "mail
 * error" are left out: ordinary mail carries them too */
static const char *const bounce_subjects[] = {
  "delivery failed", "delivery failure", "delivery report", "failure notice", "mail delivery",
  "non-delivery", "returned mail", "undeliverable mail",
};

static gboolean
any_prefix (const char *s, const char *const *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_has_prefix (s, list[i]))
      return TRUE;
  return FALSE;
}

static gboolean
any_within (const char *s, const char *const *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (bs_strstr (s, list[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* ---- reading 1: written delivery-status fields ---- */

typedef struct {
  GPtrArray *other;   /* (GString *) per record: reply lines outside the fields */
} Written;

/* "550 text" or "<user@domain>: text": a reply outside the fields */
static gboolean
is_reply_line (const char *line)
{
  if ((line[0] == '4' || line[0] == '5') && g_ascii_isdigit (line[1]) && g_ascii_isdigit (line[2])
      && (line[3] == ' ' || line[3] == '\t'))
    return TRUE;
  const char *gt = line[0] == '<' ? strchr (line, '>') : NULL;
  return gt != NULL && memchr (line, '@', (gsize) (gt - line)) != NULL && (gt[1] == ':' || gt[1] == ' ');
}

static void
read_written (BsNotice *scan, BsLine l)
{
  g_autofree char *line = bs_line_dup (l);
  Written *w = scan->user;
  if (bs_notice_dsn_line (scan, l) || *line == '\0')
    return;
  if (line[0] == ' ' || line[0] == '-' || !is_reply_line (line))
    return;
  while (w->other->len < scan->records->len)
    g_ptr_array_add (w->other, g_string_new (NULL));
  GString *s = g_ptr_array_index (w->other, scan->records->len - 1);
  if (s->len < BS_MAX_FIELD_BYTES)
    g_string_append_printf (s, " %s", line);
}

static void
free_gstring (gpointer s)
{
  g_string_free (s, TRUE);
}

/* the first line of text that starts reading 1 (case-insensitive) */
static gboolean
find_written (const char *body, BsNotice **out, Written *w)
{
  const char *line = body;
  for (guint n = 0; line != NULL && *line != '\0' && n < 100000; n++)
    {
      const char *end = strchr (line, '\n');
      gsize len = end ? (gsize) (end - line) : strlen (line);
      g_autofree char *lower = g_ascii_strdown (line, (gssize) MIN (len, 128));
      if (any_prefix (lower, dsn_starts, G_N_ELEMENTS (dsn_starts) - 1))
        {
          static const char *const stops[] = { "Return-Path: <", "return-path: <", "RETURN-PATH: <", NULL };
          BsNoticeSpec spec = { .stop = stops };
          *out = bs_notice_walk (end ? end + 1 : "", &spec, read_written, w);
          return *out != NULL && (*out)->recipients > 0;
        }
      line = end ? end + 1 : NULL;
    }
  return FALSE;
}

/* ---- reading 2: addresses in the text of a bounce ---- */

/* the address at p: optional quote and "<", local part, "@", a dotted
 * domain (Sisimai's ['"]?<?([^\s@=<>]+@[-.0-9a-z]+[.][0-9a-z]+)>?['"]?) */
static char *
address_at (const char *p)
{
  if (*p == '"' || *p == '\'')
    p++;
  if (*p == '<')
    p++;
  const char *s = p;
  while (*p && !g_ascii_isspace (*p) && *p != '@' && *p != '=' && *p != '<' && *p != '>')
    p++;
  if (p == s || *p != '@')
    return NULL;
  const char *d = ++p;
  while (g_ascii_isalnum (*p) || *p == '-' || *p == '.')
    p++;
  while (p > d && p[-1] == '.')
    p--;
  if (p == d || memchr (d, '.', (gsize) (p - d)) == NULL || (gsize) (p - s) > BS_MAX_ADDRESS_BYTES)
    return NULL;
  return g_strndup (s, (gsize) (p - s));
}

/* the address a line of a bounce names, or NULL (line in lower case) */
static char *
line_address (const char *lower)
{
  const char *p = lower + strspn (lower, " \t");
  char *a = address_at (p);
  if (a != NULL)
    return a;
  if (*p == '"')
    {
      /* "Name" <user@domain> */
      const char *q = strchr (p + 1, '"');
      if (q != NULL && (a = address_at (q + 1 + strspn (q + 1, " \t"))) != NULL)
        return a;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (address_leads_at_start); i++)
    if (g_str_has_prefix (p, address_leads_at_start[i]))
      {
        const char *v = p + strlen (address_leads_at_start[i]);
        if ((a = address_at (v + strspn (v, " \t"))) != NULL)
          return a;
      }
  for (gsize i = 0; i < G_N_ELEMENTS (address_leads); i++)
    for (const char *m = bs_strstr (p, address_leads[i]); m != NULL; m = bs_strstr (m + 1, address_leads[i]))
      {
        const char *v = m + strlen (address_leads[i]);
        if ((a = address_at (v + strspn (v, " "))) != NULL)
          return a;
      }
  return NULL;
}

/* lines that are no part of the text: MIME debris and rulers */
static gboolean
is_debris (const char *lower)
{
  const char *p = lower + strspn (lower, " \t");
  gsize n = strlen (lower);
  return *p == '\0' || g_str_has_prefix (lower, "--") || g_str_has_prefix (p, "--")
         || (lower[0] == '-' && strspn (lower, "-") < n && lower[strspn (lower, "-")] == '=')
         || (p != lower && *p == '=' && g_ascii_isdigit (p[1])) || g_str_has_prefix (lower, "hi !")
         || bs_strstr (lower, "content-description: ") || bs_strstr (lower, "content-disposition: ")
         || bs_strstr (lower, "content-transfer-encoding: ") || bs_strstr (lower, "content-type: ")
         || bs_strstr (lower, "name=") || bs_strstr (lower, "charset=") || g_str_has_suffix (lower, "--")
         || bs_strstr (lower, ": --------") || lower[0] == '*';
}

static gboolean
is_stop (const char *lower)
{
  if (any_prefix (lower, stops_at_start, G_N_ELEMENTS (stops_at_start))
      || any_within (lower, stops_within, G_N_ELEMENTS (stops_within)))
    return TRUE;
  /* "*** Original message ***", "message contains 2 file attachments",
   * "the first 20 lines " */
  gsize n = strlen (lower);
  if (g_str_has_prefix (lower, "*** ") && n > 8 && g_str_has_suffix (lower, " ***"))
    return TRUE;
  const char *m = bs_strstr (lower, "message contains ");
  if (m != NULL && bs_strstr (m, " file attachments") != NULL)
    return TRUE;
  m = bs_strstr (lower, "the first ");
  return m != NULL && g_ascii_isdigit (m[10]) && bs_strstr (m + 10, " lines ") != NULL;
}

static gboolean
looks_like_bounce (const BsMail *mail)
{
  g_autofree char *from = bs_mail_header (mail, "From");
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  g_autofree char *rpath = bs_mail_header (mail, "Return-Path");
  g_autofree char *lfrom = from ? g_ascii_strdown (from, -1) : g_strdup ("");
  g_autofree char *lsub = subject ? g_utf8_strdown (subject, -1) : g_strdup ("");
  g_autofree char *lrp = rpath ? g_ascii_strdown (rpath, -1) : g_strdup ("");
  if (bs_strstr (lfrom, "postmaster@") || bs_strstr (lfrom, "mailer-daemon@") || bs_strstr (lfrom, "root@"))
    return TRUE;
  if (bs_strstr (lrp, "<>") || bs_strstr (lrp, "mailer-daemon"))
    return TRUE;
  return any_within (lsub, bounce_subjects, G_N_ELEMENTS (bounce_subjects));
}

static void
read_text (BsNotice *scan, BsLine l)
{
  g_autofree char *line = bs_line_dup (l);
  g_autofree char *lower = g_ascii_strdown (line, -1);
  if (is_stop (lower))
    {
      scan->done = TRUE;
      return;
    }
  if (is_debris (lower))
    return;
  g_autofree char *addr = line_address (lower);
  BsRecord *r = bs_notice_current (scan);
  if (addr != NULL)
    {
      /* keep the local part's case as written */
      const char *at = strchr (addr, '@');
      const char *orig = bs_strstr (lower, addr);
      g_autofree char *cased = orig ? g_strndup (line + (orig - lower), strlen (addr)) : g_strdup (addr);
      g_autofree char *c = bs_smtp_address (cased);
      if (c != NULL && at != NULL && (r->recipient == NULL || g_ascii_strcasecmp (r->recipient, c) != 0))
        r = bs_notice_recipient (scan, c);
    }
  bs_text_append_line (&r->diagnostic, l);
}

/* " (RCPT|MAIL|DATA) command": the command a diagnostic names */
static void
command_of (BsRecord *r)
{
  static const char *const commands[] = { " RCPT command", " MAIL command", " DATA command" };
  for (gsize i = 0; r->diagnostic != NULL && i < G_N_ELEMENTS (commands); i++)
    if (bs_strstr (r->diagnostic, commands[i]) != NULL)
      {
        g_autofree char *c = g_strndup (commands[i] + 1, 4);
        bs_record_set (&r->command, c);
      }
}

gboolean
bs_lhost_rfc3464 (const BsMail *mail, GPtrArray *records)
{
  if (records->len > 0 || mail->body == NULL)
    return FALSE;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  Written w = { g_ptr_array_new_with_free_func (free_gstring) };
  BsNotice *written = NULL;
  gboolean ok = find_written (mail->body, &written, &w);
  if (ok)
    {
      /* a reply written beside the fields stands in for a missing
       * Diagnostic-Code */
      for (guint i = 0; i < written->records->len && i < w.other->len; i++)
        {
          BsRecord *r = g_ptr_array_index (written->records, i);
          GString *s = g_ptr_array_index (w.other, i);
          if (r->diagnostic == NULL && s->len > 0)
            bs_record_set (&r->diagnostic, s->str);
        }
      ok = bs_notice_commit (written, found);
    }
  bs_notice_free (written);
  g_ptr_array_unref (w.other);

  if (!ok && looks_like_bounce (mail))
    {
      static const BsNoticeSpec all = { .start = NULL };
      g_autoptr (BsNotice) scan = bs_notice_walk (mail->body, &all, read_text, NULL);
      ok = bs_notice_commit (scan, found);
    }
  if (!ok)
    return FALSE;
  bs_mda_reason (mail, found);
  for (guint i = 0; i < found->len; i++)
    command_of (g_ptr_array_index (found, i));
  g_ptr_array_extend_and_steal (records, g_steal_pointer (&found));
  return TRUE;
}
