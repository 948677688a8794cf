/* mda.c - local delivery agents' rejections inside bounces
 *
 * A bounce from a mailer-daemon or postmaster whose text begins with a
 * local delivery agent's message ("Your message to <x> was automatically
 * rejected:" from Dovecot's LDA, "mail.local: ", "procmail: ",
 * "maildrop: ", "vdelivermail: ", "vdeliver: ") states the reason in that
 * agent's fixed words.  The module claims such a bounce when the agent's
 * line opens it (a transcript quoting one further down is the MTA's
 * bounce, for its own module); bs_mda_reason() serves rfc3464.c too.
 * After Sisimai's MDA.pm, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"
#include "../find.h"

#include <string.h>

#include "mda.h"
#include "providerscan.h"

/* local delivery agents: the line that names one, and what its texts mean */
typedef struct {
  const char *mda;
  const char *marker;      /* a line starting with this (lower case) */
  BsReason reason;
  const char *text;        /* lower case */
} MdaRow;

static const MdaRow mda_rows[] = {
  { "dovecot", "your message to ", BS_REASON_USERUNKNOWN, "mailbox doesn't exist: " }, /* Dovecot LDA: no such mailbox */
  { "dovecot", "your message to ", BS_REASON_MAILBOXFULL, "quota exceeded" }, /* Dovecot LDA: mailbox over quota */
  { "dovecot", "your message to ", BS_REASON_MAILBOXFULL, "not enough disk space" }, /* Dovecot LDA: disk full */
  { "mail.local", "mail.local: ", BS_REASON_USERUNKNOWN, ": unknown user:" }, /* mail.local: no such local user */
  { "mail.local", "mail.local: ", BS_REASON_USERUNKNOWN, ": user unknown" }, /* mail.local: no such local user */
  { "mail.local", "mail.local: ", BS_REASON_USERUNKNOWN, ": invalid mailbox path" }, /* mail.local: no such mailbox */
  { "mail.local", "mail.local: ", BS_REASON_USERUNKNOWN, ": user missing home directory" }, /* mail.local: the user has no home */
  { "mail.local", "mail.local: ", BS_REASON_MAILBOXFULL, "disc quota exceeded" }, /* mail.local: mailbox over quota */
  { "mail.local", "mail.local: ", BS_REASON_MAILBOXFULL, "mailbox full or quota exceeded" }, /* mail.local: mailbox over quota */
  { "mail.local", "mail.local: ", BS_REASON_SYSTEMERROR, "temporary file write error" }, /* mail.local: could not write the mailbox */
  { "procmail", "procmail: ", BS_REASON_MAILBOXFULL, "quota exceeded while writing" }, /* procmail: mailbox over quota */
  { "procmail", "procmail: ", BS_REASON_SYSTEMFULL, "no space left to finish writing" }, /* procmail: disk full */
  { "maildrop", "maildrop: ", BS_REASON_USERUNKNOWN, "invalid user specified." }, /* maildrop: no such user */
  { "maildrop", "maildrop: ", BS_REASON_USERUNKNOWN, "cannot find system user" }, /* maildrop: no such user */
  { "maildrop", "maildrop: ", BS_REASON_MAILBOXFULL, "maildir over quota." }, /* maildrop: mailbox over quota */
  { "vpopmail", "vdelivermail: ", BS_REASON_USERUNKNOWN, "sorry, no mailbox here by that name." }, /* vpopmail: no such mailbox */
  { "vpopmail", "vdelivermail: ", BS_REASON_FILTERED, "account is locked email bounced" }, /* vpopmail: account locked */
  { "vpopmail", "vdelivermail: ", BS_REASON_FILTERED, "user does not exist, but will deliver to " }, /* vpopmail: unknown user caught by a catch-all */
  { "vpopmail", "vdelivermail: ", BS_REASON_MAILBOXFULL, "domain is over quota" }, /* vpopmail: domain over quota */
  { "vpopmail", "vdelivermail: ", BS_REASON_MAILBOXFULL, "user is over quota" }, /* vpopmail: mailbox over quota */
  { "vmailmgr", "vdeliver: ", BS_REASON_USERUNKNOWN, "invalid or unknown base user or domain" }, /* vmailmgr: no such user or domain */
  { "vmailmgr", "vdeliver: ", BS_REASON_USERUNKNOWN, "invalid or unknown virtual user" }, /* vmailmgr: no such virtual user */
  { "vmailmgr", "vdeliver: ", BS_REASON_USERUNKNOWN, "user name does not refer to a virtual user" }, /* vmailmgr: no such virtual user */
  { "vmailmgr", "vdeliver: ", BS_REASON_MAILBOXFULL, "delivery failed due to system quota violation" }, /* vmailmgr: mailbox over quota */
};

/* the agent whose message line this is (lower case), or NULL */
static const char *
agent_of (const char *lower)
{
  for (gsize i = 0; i < G_N_ELEMENTS (mda_rows); i++)
    if (g_str_has_prefix (lower, mda_rows[i].marker)
        && (strcmp (mda_rows[i].mda, "dovecot") != 0 || g_str_has_suffix (lower, " was automatically rejected:")))
      return mda_rows[i].mda;
  return NULL;
}

static gboolean
from_daemon (const BsMail *mail)
{
  g_autofree char *from = bs_mail_header (mail, "From");
  g_autofree char *lfrom = from ? g_ascii_strdown (from, -1) : g_strdup ("");
  const char *f = lfrom + strspn (lfrom, " \"");
  return g_str_has_prefix (f, "mail delivery subsystem") || g_str_has_prefix (f, "mailer-daemon")
         || g_str_has_prefix (f, "postmaster");
}

gboolean
bs_mda_reason (const BsMail *mail, GPtrArray *records)
{
  if (!from_daemon (mail) || mail->body == NULL)
    return FALSE;
  const char *mda = NULL;
  const char *line = mail->body;
  for (guint n = 0; line != NULL && *line != '\0' && n < 100000; n++)
    {
      const char *end = strchr (line, '\n');
      gsize len = MIN (end ? (gsize) (end - line) : strlen (line), 4096);
      g_autofree char *text = g_strndup (line, len);
      g_autofree char *lower = g_ascii_strdown (text, -1);
      line = end ? end + 1 : NULL;
      if (mda == NULL && (mda = agent_of (lower)) == NULL)
        continue;
      if (*lower == '\0')
        break; /* the agent's message is one paragraph */
      for (gsize i = 0; i < G_N_ELEMENTS (mda_rows); i++)
        if (strcmp (mda_rows[i].mda, mda) == 0 && bs_strstr (lower, mda_rows[i].text) != NULL)
          {
            for (guint r = 0; r < records->len; r++)
              {
                BsRecord *rec = g_ptr_array_index (records, r);
                bs_record_set (&rec->mta, mda);
                bs_record_set (&rec->diagnostic, text);
                g_clear_pointer (&rec->command, g_free);
                bs_set_reason_to (rec, mda_rows[i].reason, "mda", mda_rows[i].text);
              }
            return TRUE;
          }
    }
  return FALSE;
}

gboolean
bs_lhost_mda (const BsMail *mail, GPtrArray *records)
{
  if (records->len == 0 || mail->body == NULL || !from_daemon (mail))
    return FALSE;
  const char *p = mail->body + strspn (mail->body, " \t\n");
  gsize len = strcspn (p, "\n");
  g_autofree char *first = g_ascii_strdown (p, (gssize) MIN (len, 1024));
  if (agent_of (first) == NULL)
    return FALSE;
  bs_mda_reason (mail, records);
  return bs_pscan_claim (records);
}
