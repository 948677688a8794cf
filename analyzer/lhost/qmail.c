/* qmail.c - qmail (and netqmail, indimail, s/qmail) bounces
 *
 * "Hi. This is the qmail-send program at ...": each failed recipient on a
 * line "<user@example.com>:", the error text below it (qmail-remote's "...
 * does not like recipient. Remote host said: 550 ...", or qmail's own
 * sentences), then "--- Below this line is a copy of the message.".  The
 * same shape serves X4 (qmail-like notices, see x4.c).  qmail's own fixed
 * sentences state the reason.  After Sisimai's Lhost::qmail, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../smtp.h"
#include "../find.h"
#include "textscan.h"

static const char *const starts[] = { "Hi. This is the qmail", NULL };

static const char *const stops[] = {
  "--- Below this line is a copy of the message", /* qmail-send */
  "--- Enclosed is a copy of the message",        /* indimail */
  "--- Original message follows",                 /* qmail-like X4 */
  NULL,
};

/* where qmail-remote gave up: the SMTP command */
static const BsCommandPhrase commands[] = {
  { "CONN", "but greeting failed." },                    /* Connected to X but greeting failed. */
  { "EHLO", "but my name was rejected." },               /* Connected to X but my name was rejected. */
  { "MAIL", "but sender was rejected." },                /* Connected to X but sender was rejected. */
  { "RCPT", " does not like recipient." },               /* X does not like recipient. */
  { "DATA", " failed on DATA command." },                /* X failed on DATA command. */
  { "DATA", " failed after I sent the message." },       /* X failed after I sent the message. */
  { "RCPT", "most progress was RCPT TO response" },      /* Sorry, no SMTP connection got far enough */
  { "DATA", "most progress was DATA response" },
  { "MAIL", "most progress was MAIL FROM response" },
  { "EHLO", "most progress was HELO response" },
};

/* qmail's (and its LDAP/vpopmail patches') own sentences and their reason */
static const BsPhrase reasons[] = {
  { BS_REASON_HOSTUNKNOWN, "Sorry, I couldn't find any host " },    /* qmail-remote: no such domain */
  { BS_REASON_NOTACCEPT, "Sorry, I couldn't find a mail exchanger or IP address" }, /* no MX and no A */
  { BS_REASON_NETWORKERROR, "Sorry, I wasn't able to establish an SMTP connection" },
  { BS_REASON_NETWORKERROR, "Sorry. Although I'm listed as a best-preference MX or A for that host" },
  { BS_REASON_USERUNKNOWN, "Sorry, no mailbox here by that name" }, /* qmail-local */
  { BS_REASON_MESGTOOBIG, "Message size exceeds fixed maximum message size:" }, /* qmail-smtpd databytes */
  { BS_REASON_SUSPEND, "Mailaddress is administrativly disabled" }, /* qmail-ldap */
  { BS_REASON_SUSPEND, "Mailaddress is administratively disabled" }, /* qmail-ldap */
  { BS_REASON_EXCEEDLIMIT, "The message exeeded the maximum size the user accepts" }, /* qmail-ldap */
  { BS_REASON_SYSTEMERROR, "Automatic homedir creator crashed" },   /* qmail-ldap */
  { BS_REASON_SYSTEMERROR, "Illegal value in LDAP attribute" },
  { BS_REASON_SYSTEMERROR, "LDAP attribute is not given but mandatory" },
  { BS_REASON_SYSTEMERROR, "Timeout while performing search on LDAP server" },
  { BS_REASON_SYSTEMERROR, "Too many results returned but needs to be unique" },
  { BS_REASON_SYSTEMERROR, "Permanent error while executing qmail-forward" },
  { BS_REASON_SYSTEMERROR, "Temporary error in automatic homedir creation" },
  { BS_REASON_SYSTEMERROR, "Temporary error while executing qmail-forward" },
  { BS_REASON_SYSTEMERROR, "Temporary failure in LDAP lookup" },
  { BS_REASON_SYSTEMERROR, "Unable to contact LDAP server" },
  { BS_REASON_SYSTEMERROR, "Unable to login into LDAP server, bad credentials" },
};

/* qmail-send gave up after queuelifetime: the reason, unless the remote
 * refused it (then "I'm not going to try again; this message has been in
 * the queue too long." only closes the remote's refusal) */
static const char queue_too_long[] = "this message has been in the queue too long.";

/* "<user@example.com>:" (or "To: <user@example.com>:") alone on its line */
static char *
rcpt (BsLine l, BsLine *rest)
{
  BsLine t = bs_line_trim (l);
  if (bs_line_istarts (t, "To:"))
    t = bs_line_trim (bs_line_after (t, t.s + 3));
  if (t.n < 4 || t.s[0] != '<' || !bs_line_ends (t, ">:"))
    return NULL;
  const char *after = NULL;
  char *addr = bs_line_angle_addr (t, t.s, &after);
  if (addr != NULL && after != t.s + t.n - 1)
    g_clear_pointer (&addr, g_free);
  (void) rest;
  return addr;
}

/* the status qmail appends to its own sentences: "(#5.1.2)" */
static char *
hash_status (const char *d)
{
  for (const char *p = d ? bs_strstr (d, "(#") : NULL; p != NULL; p = bs_strstr (p + 2, "(#"))
    {
      gsize n = bs_smtp_status_valid (p + 2);
      if (n > 0)
        return g_strndup (p + 2, n);
    }
  return NULL;
}

/* "Giving up on 192.0.2.1.", "Connected to 192.0.2.1 but", "remote host 192.0.2.1 said:" */
static void
remote_host (BsRecord *r)
{
  static const char *const words[] = { "Giving up on ", "Connected to ", "remote host " };
  for (gsize i = 0; i < G_N_ELEMENTS (words) && r->remote_mta == NULL; i++)
    {
      g_autofree char *h = bs_host_after (r->diagnostic, words[i]);
      bs_record_set (&r->remote_mta, h);
    }
}

static const BsTextForm qmail_form = {
  .start = starts, .stop = stops, .rcpt = rcpt,
};

gboolean
bs_qmail_read (const BsMail *mail, GPtrArray *records, const char *const *start_marks,
               const char *name)
{
  BsTextForm form = qmail_form;
  if (start_marks != NULL)
    form.start = start_marks;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  if (bs_textscan (mail->body, &form, found) == 0)
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      BsRecord *r = g_ptr_array_index (found, i);
      bs_set_command (r, commands, G_N_ELEMENTS (commands));
      remote_host (r);
      bs_set_reason (r, reasons, G_N_ELEMENTS (reasons), name);
      if (r->reason == BS_REASON_NONE && r->command == NULL && r->diagnostic != NULL
          && bs_strstr (r->diagnostic, queue_too_long) != NULL && bs_strstr (r->diagnostic, "Remote host said:") == NULL)
        bs_set_reason_to (r, BS_REASON_EXPIRED, name, queue_too_long);
      g_autofree char *st = hash_status (r->diagnostic);
      if (st != NULL)
        {
          bs_record_set (&r->status, st);
          bs_record_set (&r->status_from, "bounce");
        }
    }
  g_ptr_array_set_size (records, 0);
  bs_records_adopt (records, found);
  return records->len > 0;
}

gboolean
bs_lhost_qmail (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  gboolean match = subject != NULL && strcmp (g_strstrip (subject), "failure notice") == 0;
  match = match || bs_received_has (mail, "invoked for bounce)")
          || bs_received_has (mail, "invoked from network)");
  if (!match)
    return FALSE;
  return bs_qmail_read (mail, records, NULL, "qmail");
}
