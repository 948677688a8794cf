/* test-lhost-unix.c - the MTA format parsers on bounces written here
 *
 * Each case is a short bounce in one MTA's layout (addresses and hosts of
 * the documentation ranges), passed through bs_mail_parse() and
 * bs_parse_mail(); the records must name the recipients with the status,
 * reply code and format the layout states.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <gmime/gmime.h>
#include <string.h>

#include "lhost.h"
#include "mail.h"
#include "record.h"

typedef struct {
  const char *name;
  const char *message;
  const char *mta;
  guint n;               /* records expected */
  const char *recipient; /* of the first record */
  const char *status;    /* of the first record, NULL for none */
  guint reply;
  const char *command;   /* NULL: not checked */
} Case;

#define POSTFIX_HEAD                                                                               \
  "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"                                   \
  "To: sender@example.net\n"                                                                      \
  "Subject: Undelivered Mail Returned to Sender\n"                                                \
  "Date: Mon, 1 Jun 2020 10:00:00 +0900\n"                                                        \
  "MIME-Version: 1.0\n"

static const Case cases[] = {
  { "postfix-text",
    POSTFIX_HEAD "Content-Type: text/plain\n\n"
    "This is the mail system at host mx.example.net.\n\n"
    "I'm sorry to have to inform you that your message could not\n"
    "be delivered to one or more recipients.\n\n"
    "                   The mail system\n\n"
    "<alice@example.com>: host mx.example.com[192.0.2.10] said: 550 5.1.1\n"
    "    <alice@example.com>: Recipient address rejected: User unknown (in reply\n"
    "    to RCPT TO command)\n\n"
    "--- original follows\n",
    "postfix", 1, "alice@example.com", "5.1.1", 550, "RCPT" },
  { "postfix-dsn",
    POSTFIX_HEAD
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
    "--B\nContent-Type: text/plain\n\n"
    "This is the mail system at host mx.example.net.\n\n"
    "<bob@example.org>: host mx.example.org[198.51.100.7] said: 552 5.2.2 Mailbox\n"
    "    full (in reply to end of DATA command)\n\n"
    "--B\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; mx.example.net\n\n"
    "Final-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.0.0\n\n"
    "--B--\n",
    "postfix", 1, "bob@example.org", "5.2.2", 552, "DATA" },
  { "sendmail",
    "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\n"
    "To: <sender@example.net>\n"
    "Subject: Returned mail: see transcript for details\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"S\"\n\n"
    "--S\n\n"
    "   ----- The following addresses had permanent fatal errors -----\n"
    "<carol@example.jp>\n    (reason: 550 5.1.1 <carol@example.jp>... User unknown)\n\n"
    "   ----- Transcript of session follows -----\n"
    "... while talking to mx.example.jp.:\n"
    ">>> RCPT To:<carol@example.jp>\n"
    "<<< 550 5.1.1 <carol@example.jp>... User unknown\n"
    "550 5.1.1 <carol@example.jp>... User unknown\n\n"
    "--S\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; mx.example.net\n\n"
    "Final-Recipient: RFC822; carol@example.jp\nAction: failed\nStatus: 5.1.1\n"
    "Remote-MTA: DNS; mx.example.jp\n"
    "Diagnostic-Code: SMTP; 550 5.1.1 <carol@example.jp>... User unknown\n\n"
    "--S--\n",
    "sendmail", 1, "carol@example.jp", "5.1.1", 550, "RCPT" },
  { "exim",
    "From: Mail Delivery System <Mailer-Daemon@mx.example.net>\n"
    "To: sender@example.net\n"
    "Subject: Mail delivery failed: returning message to sender\n"
    "Message-Id: <E1abcde-000123-Xy@mx.example.net>\n"
    "X-Failed-Recipients: dave@example.com\n\n"
    "This message was created automatically by mail delivery software.\n\n"
    "A message that you sent could not be delivered to one or more of its\n"
    "recipients. This is a permanent error. The following address(es) failed:\n\n"
    "  dave@example.com\n"
    "    SMTP error from remote mail server after RCPT TO:<dave@example.com>:\n"
    "    host mx.example.com [192.0.2.20]: 550 5.1.1 <dave@example.com>: no such user\n\n"
    "------ This is a copy of the message, including all the headers. ------\n\n"
    "Subject: hello\n",
    "exim", 1, "dave@example.com", "5.1.1", 550, "RCPT" },
  { "qmail",
    "From: MAILER-DAEMON@mx.example.net\n"
    "To: sender@example.net\n"
    "Subject: failure notice\n\n"
    "Hi. This is the qmail-send program at mx.example.net.\n"
    "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
    "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
    "<erin@example.org>:\n"
    "Sorry, I couldn't find any host named example.org. (#5.1.2)\n\n"
    "<frank@example.org>:\n"
    "192.0.2.30 does not like recipient.\n"
    "Remote host said: 550 5.1.1 <frank@example.org>: unknown user\n"
    "Giving up on 192.0.2.30.\n\n"
    "--- Below this line is a copy of the message.\n\n"
    "Subject: hello\n",
    "qmail", 2, "erin@example.org", "5.1.2", 0, NULL },
  { "opensmtpd",
    "From: Mailer Daemon <MAILER-DAEMON@mx.example.net>\n"
    "To: sender@example.net\n"
    "Subject: Delivery status notification: error\n"
    "Received: from localhost (localhost [local]); by mx.example.net (OpenSMTPD) with ESMTPA id 1a2b3c4d\n\n"
    "    Hi!\n\n"
    "    This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.\n\n"
    "    An error has occurred while attempting to deliver a message for\n"
    "    the following list of recipients:\n\n"
    "grace@example.com: 550 5.2.2 <grace@example.com>: Mailbox full\n\n"
    "    Below is a copy of the original message:\n\n"
    "Subject: hello\n",
    "opensmtpd", 1, "grace@example.com", "5.2.2", 550, NULL },
  { "v5sendmail",
    "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\n"
    "To: sender@example.net\n"
    "Subject: Returned mail: User unknown\n\n"
    "   ----- Transcript of session follows -----\n"
    "While talking to mx.example.com:\n"
    ">>> RCPT To:<heidi@example.com>\n"
    "<<< 550 <heidi@example.com>... User unknown\n"
    "550 <heidi@example.com>... User unknown\n\n"
    "   ----- Unsent message follows -----\n"
    "To: heidi@example.com\nSubject: hello\n",
    "v5sendmail", 1, "heidi@example.com", NULL, 550, "RCPT" },
  { "courier",
    "From: Courier mail server at mx.example.net <@>\n"
    "To: sender@example.net\n"
    "Subject: NOTICE: mail delivery status.\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"C\"\n\n"
    "--C\nContent-Type: text/plain\n\n"
    "UNDELIVERABLE MAIL\n\n"
    "<ivan@example.com>:\n"
    ">>> RCPT TO:<ivan@example.com>\n"
    "<<< 550 5.1.1 <ivan@example.com>... User Unknown\n\n"
    "--C\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; mx.example.net\n\n"
    "Final-Recipient: rfc822; ivan@example.com\nAction: failed\nStatus: 5.0.0\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <ivan@example.com>... User Unknown\n\n"
    "--C--\n",
    "courier", 1, "ivan@example.com", "5.1.1", 550, "RCPT" },
  { "domino",
    "From: Postmaster@example.jp\n"
    "To: sender@example.net\n"
    "Subject: DELIVERY FAILURE: User judy (judy@example.jp) not listed in Domino Directory\n\n"
    "Your message\n\n  Subject: hello\n\nwas not delivered to:\n\n  judy@example.jp\n\n"
    "because:\n\n  User judy (judy@example.jp) not listed in Domino Directory\n",
    "domino", 1, "judy@example.jp", NULL, 0, NULL },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (BsMail) mail = bs_mail_parse (c->message, strlen (c->message), c->name, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mail);
  const char *mta = NULL;
  g_autoptr (GPtrArray) records = bs_parse_mail (mail, &mta);
  g_assert_cmpstr (mta, ==, c->mta);
  g_assert_cmpuint (records->len, ==, c->n);
  BsRecord *r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r->recipient, ==, c->recipient);
  g_assert_cmpstr (r->status, ==, c->status);
  g_assert_cmpuint (r->reply_code, ==, c->reply);
  if (c->command != NULL)
    g_assert_cmpstr (r->command, ==, c->command);
}

/* a message that is none of these formats gives no record */
static void
test_not_bounce (void)
{
  static const char msg[] = "From: alice@example.com\nTo: bob@example.org\n"
                            "Subject: failure notice\n\nHello <bob@example.org>:\nsee you\n";
  g_autoptr (BsMail) mail = bs_mail_parse (msg, sizeof msg - 1, "plain", 0, NULL);
  g_assert_nonnull (mail);
  g_autoptr (GPtrArray) records = bs_parse_mail (mail, NULL);
  g_assert_cmpuint (records->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lhost-unix/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/lhost-unix/not-bounce", test_not_bounce);
  return g_test_run ();
}
