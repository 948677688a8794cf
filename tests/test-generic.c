/* test-generic.c - the generic reader (lhost/generic.c) and its cue table
 *
 * Every row of rules/generic_cues.c has a unique id and a sample its text
 * is found in.  Then short messages through bs_mail_parse() and
 * bs_parse_mail(): who the generic reader takes as a failed recipient (and
 * who never: the bounce's own From/To, the original's sender, someone to
 * contact, a sender after "from", a mailing list's own address, the
 * bounce's Delivered-To unless a lead names it), a wrapped lead, a screen
 * name under a lead in a mailer's bounce, automatic rejections that carry
 * auto-reply headers, X.400 and other recipients that are no plain address
 * (dsn.c), text that names nobody, mail that is no bounce, and hostile
 * text that must stay cheap.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <gmime/gmime.h>
#include <string.h>

#include "lhost.h"
#include "mail.h"
#include "record.h"
#include "rules/generic_cues.h"

static void
test_cues (void)
{
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (gsize i = 0; i < bs_generic_n_cues; i++)
    {
      const BsCue *c = &bs_generic_cues[i];
      g_assert_true (g_hash_table_add (ids, (gpointer) c->id));
      g_assert_cmpuint (strlen (c->text), >, 2);
      g_autofree char *lower = g_utf8_strdown (c->text, -1);
      g_assert_cmpstr (lower, ==, c->text); /* written in lower case */
      g_autofree char *sample = g_utf8_strdown (c->sample, -1);
      if (strstr (sample, c->text) == NULL)
        g_error ("cue %s: its sample \"%s\" does not hold \"%s\"", c->id, c->sample, c->text);
    }
}

typedef struct {
  const char *name;
  const char *message;
  const char *mta;        /* of the records; NULL: no record */
  const char *recipients; /* the recipients, joined by ' ' */
  const char *cue;        /* the rule's start, or NULL */
  const char *status;     /* of the first record, or NULL: not checked */
} Case;

#define HEAD(subject)                                                                              \
  "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"                                   \
  "To: sender@example.jp\n"                                                                       \
  "Subject: " subject "\n"                                                                        \
  "Date: Tue, 10 Mar 2026 10:00:05 +0900\n"

#define ORIGINAL                                                                                   \
  "Received: from smtp.example.jp ([203.0.113.5]) by mx.example.net; Tue, 10 Mar 2026 10:00:01 +0900\n" \
  "From: Sender <sender@example.jp>\n"                                                            \
  "To: taro@example.com\n"                                                                        \
  "Subject: Hello\n"                                                                              \
  "Message-ID: <1@example.jp>\n\n"                                                                \
  "Write to sender@example.jp or to list@example.org: we could not be delivered ...\n"

static const Case cases[] = {
  { "lead-on-line",
    HEAD ("Delivery failure") "\n"
    "Your message could not be delivered to <taro@example.com>.\n"
    "Reason: 550 5.1.1 User unknown\n\n" ORIGINAL,
    "generic", "taro@example.com", "generic:lead-en-could-not-be-delivered-to", "5.1.1" },
  { "list-under-lead",
    HEAD ("Undeliverable: Hello") "\n"
    "The following recipients could not be reached:\n\n"
    "  taro@example.com\n    550 5.1.1 unknown\n\n"
    "  hanako@example.org\n    552 5.2.2 over quota\n\n"
    "----- Original message -----\n" ORIGINAL,
    "generic", "taro@example.com hanako@example.org", "generic:lead-en-following-recipients", "5.1.1" },
  { "trail-after-address",
    HEAD ("failure notice") "\n"
    "We tried to deliver your message, but:\n\n"
    "taro@example.com: unknown user account\n\n" ORIGINAL,
    "generic", "taro@example.com", "generic:trail-en-unknown-user", NULL },
  { "wrapped-lead",
    HEAD ("Returned mail") "\n"
    "A message that you sent could not be delivered to one or more of its recipients. The following\n"
    "address(es) failed:\n\n"
    "  taro@example.com\n    SMTP error from remote mail server after RCPT TO:<taro@example.com>:\n"
    "    550 5.1.1 No such user\n\n" ORIGINAL,
    "generic", "taro@example.com", NULL, "5.1.1" },
  { "x400-dda",
    HEAD ("Undeliverable: Hello") "\n"
    "did not reach the following recipient(s):\n\n"
    "c=US;a= ;p=Example;o=MAIL;dda:SMTP=jane.roe@example.com; on 3/10/2026 10:00 AM\n"
    "    The recipient name is not recognized\n\n" ORIGINAL,
    "generic", "jane.roe@example.com", "generic:syntax-x400-dda-smtp", NULL },
  { "contact-not-recipient",
    HEAD ("Delivery failure") "\n"
    "Your message could not be delivered.\nFor help, please contact <help@example.net>.\n\n"
    "Recipient: <taro@example.com>\n550 5.1.1 User unknown\n\n" ORIGINAL,
    "generic", "taro@example.com", "generic:lead-en-recipient", "5.1.1" },
  { "own-headers-never",
    "From: postmaster@example.net\nTo: sender@example.jp\nSubject: Undeliverable mail\n"
    "Reply-To: help@example.net\n\n"
    "Message from sender@example.jp could not be delivered to taro@example.com\n"
    "Replies go to help@example.net: delivery failed\n\n" ORIGINAL,
    "generic", "taro@example.com", NULL, NULL },
  { "original-to-local-part",
    HEAD ("Returned mail: User unknown") "\n"
    "----- The following errors occurred -----\n"
    "550 taro... User unknown\n\n"
    "----- Original message follows -----\n" ORIGINAL,
    "generic", "taro@example.com", "generic:original-to-local-part", NULL },
  { "dsn-fields-in-text",
    HEAD ("Delivery Status Notification (Failure)") "Content-Type: text/plain\n\n"
    "Delivery to one or more recipients failed. Technical report:\n\n"
    "Reporting-MTA: dns; mx.example.net\n\n"
    "Final-Recipient: rfc822; taro@example.com\nAction: failed\nStatus: 5.2.2\n"
    "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\n\n" ORIGINAL,
    NULL, "taro@example.com", NULL, "5.2.2" },
  { "dsn-system-final",
    HEAD ("Delivery Status Notification (Failure)")
    "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
    "--B\nContent-Type: text/plain\n\nDelivery failed.\n\n"
    "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
    "Original-Recipient: rfc822; taro@example.com\nFinal-Recipient: system; <>\n"
    "Action: failed\nStatus: 5.1.1\n\n--B--\n",
    NULL, "taro@example.com", NULL, "5.1.1" },
  { "dsn-x400-final",
    HEAD ("Delivery Status Notification (Failure)")
    "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
    "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
    "Final-Recipient: x400; /RFC-822=jane.roe(a)example.com/ADMD= /C=WW/\n"
    "Action: failed\nStatus: 5.0.0\n\n--B--\n",
    NULL, "jane.roe@example.com", NULL, NULL },
  { "vendor-status-part",
    "From: postmaster@gw.example.net\nTo: sender@example.jp\nSubject: Delivery failure\n"
    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
    "--B\nContent-Type: text/plain\n\nDelivery failed.\n\n"
    "--B\nContent-Type: message/x-delivery-status\n\nFinal-Recipient: rfc822; taro@example.com\n"
    "Action: failed\nStatus: 5.2.1\n\n--B--\n",
    "generic", "taro@example.com", "generic:field-final-recipient", "5.2.1" },
  { "html-only",
    HEAD ("Undeliverable") "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
    "<html><body><p>Delivery has failed to these recipients:</p><table><tr><td>taro&#64;example.com"
    "</td><td>550 5.1.1 User unknown</td></tr></table></body></html>\n",
    "generic", "taro@example.com", NULL, "5.1.1" },
  { "sender-after-from-never",
    HEAD ("Mail Delivery Problem") "\n"
    "Your mail to the following recipients could not be delivered because they are not accepting "
    "mail from news@lists.example.org:\n"
    "\ttaro.yamada\n\n",
    "generic", "taro.yamada@mx.example.net", "generic:local-part-mailer-domain", NULL },
  { "bare-name-needs-mailer-sender",
    "From: Mail Delivery System <notices@mx.example.net>\nTo: sender@example.jp\n"
    "Subject: Mail Delivery Problem\n\n"
    "Your mail to the following recipients could not be delivered:\n\ttaro.yamada\n\n",
    NULL, "", NULL, NULL },
  { "bare-name-with-words-never",
    HEAD ("Returned mail") "\n"
    "Message not delivered to the following:\n\n"
    " taro    No matches to nameserver query\n\n",
    NULL, "", NULL, NULL },
  { "lead-wrapped-before-address",
    HEAD ("FAILED MAIL to taro") "\n"
    "The address to\n"
    "which your message was addressed, taro@example.com, did not match any mailbox here.\n\n"
    "Original message as received is as follows:\n" ORIGINAL,
    "generic", "taro@example.com", "generic:lead-en-the-address-to-which", NULL },
  { "delivery-header-named-by-lead",
    "From: <admin@example.com>\nTo: <list-bounces@example.org>\nX-Original-To: <taro@example.com>\n"
    "Subject: Non-Delivery: Your message awaits moderator approval\n\n"
    "--- Non-Delivery Report ---\nThe email below could not be delivered to the following user:\n\n"
    "\"taro@example.com\" <taro@example.com>\n\nOld message:\n",
    "generic", "taro@example.com", "generic:lead-en-could-not-be-delivered-to", NULL },
  { "delivery-header-otherwise-never",
    HEAD ("Undeliverable mail") "Delivered-To: postmaster@example.jp\n\n"
    "Delivery failed: this copy was kept for postmaster@example.jp\n\n"
    "Recipient: <taro@example.com>\n550 5.1.1 User unknown\n\n",
    "generic", "taro@example.com", "generic:lead-en-recipient", NULL },
  { "self-sent-original",
    HEAD ("Message delivery problem")
    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
    "--B\nContent-Type: text/plain\n\nThe message returned below could not be delivered to one or more "
    "destinations.\n\n<taro@example.com>: Name service error for domain example.com: host not found\n\n"
    "--B\nContent-Type: message/rfc822\n\n"
    "From: Taro <taro@example.com>\nTo: taro@example.com\nSubject: test to myself\n\ntest\n--B--\n",
    "generic", "taro@example.com", NULL, NULL },
  { "original-sender-never",
    HEAD ("Message delivery problem")
    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
    "--B\nContent-Type: text/plain\n\nThe message returned below could not be delivered to one or more "
    "destinations.\n\n<hanako@example.org>: host not found\n\n"
    "--B\nContent-Type: message/rfc822\n\n"
    "From: Hanako <hanako@example.org>\nTo: taro@example.com\nSubject: hello\n\nhello\n--B--\n",
    "generic", "taro@example.com", "generic:original-to", NULL },
  { "alias-of-undisclosed",
    HEAD ("Message delivery problem") "\n"
    "A message that you sent could not be delivered to one or more of its\n"
    "recipients. This is a permanent error. The following address(es) failed:\n\n"
    "  an undisclosed address\n    (generated from taro@example.com)\n\n" ORIGINAL,
    "generic", "taro@example.com", "generic:alias-en-generated-from", NULL },
  { "alias-of-named-never",
    HEAD ("Message delivery problem") "\n"
    "The following address(es) failed:\n\n"
    "  taro@mail.example.com\n    (generated from taro@example.com)\n    550 5.1.1 unknown user\n\n"
    "  <hanako@mail.example.org> (expanded from <hanako@example.org>): 552 mailbox full\n\n" ORIGINAL,
    "generic", "taro@mail.example.com hanako@mail.example.org", NULL, NULL },
  { "list-post-not-recipient",
    HEAD ("Mail delivery failed: returning message to sender")
    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
    "--B\nContent-Type: text/plain\n\nA message that you sent could not be delivered to one or more of "
    "its recipients.\nOne or more of the recipients are not a valid user of the system.\n\n"
    "--B\nContent-Type: message/rfc822\n\n"
    "From: Owner <owner@example.org>\nTo: \"Members\" <members@lists.example.org>\n"
    "List-Post: <mailto:members@lists.example.org>\nX-BeenThere: members@lists.example.org\n"
    "Subject: [Members] News\n\nNews.\n--B--\n",
    NULL, "", NULL, NULL },
  { "null-from-auto-reply",
    "From: <>\nTo: sender@example.jp\nReturn-Path: <>\nAuto-Submitted: auto-replied\n"
    "Subject: \n\n"
    "You sent mail to taro@example.com. That's not a valid user here.\n",
    "generic", "taro@example.com", "generic:trail-en-not-valid", NULL },
  { "auto-replied-rejected",
    "From: Mail Delivery Subsystem <admin@example.com>\nTo: sender@example.jp\n"
    "Auto-Submitted: auto-replied (rejected)\nSubject: Automatically rejected mail\n\n"
    "Your message to <taro@example.com> was automatically rejected:\nQuota exceeded\n",
    "dovecot", "taro@example.com", "lhost-mda", NULL },
  { "nothing-named",
    HEAD ("Delivery failure") "\nSomething went wrong.\n",
    NULL, "", NULL, NULL },
  { "not-a-bounce",
    "From: Taro <taro@example.com>\nTo: sender@example.jp\nSubject: Re: your order\n\n"
    "My mail to hanako@example.org could not be delivered, she says. Can you check?\n",
    NULL, "", NULL, NULL },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (BsMail) mail = bs_mail_parse (c->message, strlen (c->message), c->name, 0, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) records = bs_parse_mail (mail, NULL);
  g_autoptr (GString) got = g_string_new (NULL);
  for (guint i = 0; i < records->len; i++)
    {
      const BsRecord *r = g_ptr_array_index (records, i);
      g_string_append_printf (got, "%s%s", i ? " " : "", r->recipient);
      if (c->mta != NULL)
        g_assert_cmpstr (r->mta, ==, c->mta);
    }
  if (strcmp (got->str, c->recipients) != 0)
    g_error ("%s: recipients \"%s\", expected \"%s\"", c->name, got->str, c->recipients);
  if (records->len == 0)
    return;
  const BsRecord *first = g_ptr_array_index (records, 0);
  if (c->cue != NULL && !g_str_has_prefix (first->rule, c->cue))
    g_error ("%s: rule \"%s\", expected \"%s...\"", c->name, first->rule, c->cue);
  if (c->status != NULL)
    g_assert_cmpstr (first->status, ==, c->status);
}

/* hostile text: long lines of '@', of addresses, of cue words; bounded */
static void
test_hostile (void)
{
  GString *m = g_string_new (HEAD ("Undeliverable") "\n");
  /* lines of leads and addresses: every address looks for its lead */
  for (int i = 0; i < 300; i++)
    {
      for (int j = 0; j < 20; j++)
        g_string_append_printf (m, "recipient: unknown user r%d.%d@example.org ", i, j);
      g_string_append_c (m, '\n');
    }
  for (int i = 0; i < 2000; i++)
    g_string_append (m, "could not be delivered to ");
  g_string_append_c (m, '\n');
  for (int i = 0; i < 20000; i++)
    g_string_append (m, "@a.b@");
  g_string_append_c (m, '\n');
  for (int i = 0; i < 5000; i++)
    g_string_append_printf (m, "user%d@example.com\n", i);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsMail) mail = bs_mail_parse (m->str, m->len, "hostile", 0, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) records = bs_parse_mail (mail, NULL);
  g_assert_cmpuint (records->len, <=, 2000); /* the notice is read in bounded bytes and lines */
  g_string_free (m, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/generic/cues", test_cues);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/generic/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/generic/hostile", test_hostile);
  return g_test_run ();
}
