/* test-kit.c - the format kit (analyzer/lhost/kit.h) on small texts
 *
 * The line helpers, the notice walk (markers, the returned message, blank
 * lines, a start that is optional), the three readings of a BsFormat and
 * what they leave in the records (adopted into the delivery-status part's
 * records, or committed in their place), and the phrase rows.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <gmime/gmime.h>
#include <string.h>

#include "dsn.h"
#include "lhost/kit.h"

static BsLine
line_of (const char *s)
{
  return (BsLine) { s, strlen (s) };
}

static void
test_lines (void)
{
  const char text[] = "first\r\n\nthird line\nlast";
  BsLines it;
  BsLine l;
  bs_lines_init (&it, text, text + strlen (text));
  g_assert_true (bs_lines_next (&it, &l));
  g_assert_cmpuint (l.n, ==, 5); /* without its CR */
  g_assert_true (bs_lines_next (&it, &l));
  g_assert_cmpuint (l.n, ==, 0);
  g_assert_true (bs_lines_next (&it, &l));
  g_assert_true (bs_line_equals (l, "third line"));
  g_assert_true (bs_lines_next (&it, &l));
  g_assert_true (bs_line_equals (l, "last"));
  g_assert_false (bs_lines_next (&it, &l));

  BsLine v;
  g_assert_true (bs_line_field (line_of ("final-recipient :  rfc822; a@example.net  "), "Final-Recipient", &v));
  g_assert_true (bs_line_equals (v, "rfc822; a@example.net"));
  g_assert_false (bs_line_field (line_of ("Final-Recipients: x"), "Final-Recipient", &v));

  g_autofree char *angle = bs_line_angle_addr (line_of ("<no> said <a@example.net>: 550"), NULL, NULL);
  g_assert_cmpstr (angle, ==, "a@example.net");
  g_autofree char *bare = bs_line_bare_addr (line_of ("  b@example.org: text"), NULL);
  g_assert_cmpstr (bare, ==, "b@example.org");
  g_autofree char *labelled = bs_line_labelled_addr (line_of ("    Recipient: <c@example.jp>"), "Recipient:");
  g_assert_cmpstr (labelled, ==, "c@example.jp");
  g_autofree char *unindented = bs_line_labelled_addr (line_of ("Recipient: <c@example.jp>"), "Recipient:");
  g_assert_null (unindented);

  g_assert_true (bs_line_returned (line_of ("Content-Type: message/rfc822")));
  g_assert_true (bs_line_returned (line_of ("content-type: Message/Global-Headers")));
  g_assert_false (bs_line_returned (line_of ("Content-Type: message/delivery-status")));
}

/* a reader that writes every line it gets into a GString, one per line */
static void
collect (BsNotice *n, BsLine line)
{
  GString *out = n->user;
  g_string_append_len (out, line.s, (gssize) line.n);
  g_string_append_c (out, '|');
  if (bs_line_equals (line, "enough"))
    n->done = TRUE;
}

/* the lines spec reads from body, "a|b|"; NULL when the notice is not there */
static char *
walked (const char *body, const BsNoticeSpec *spec)
{
  GString *out = g_string_new (NULL);
  g_autoptr (BsNotice) n = bs_notice_walk (body, spec, collect, out);
  return g_string_free (out, n == NULL);
}

static void
test_walk (void)
{
  static const char *const start[] = { "Begin:", NULL };
  static const char *const within[] = { "in the middle", NULL };
  static const char *const stop[] = { "-- end", NULL };
  const char body[] = "before\nBegin: here\none\n\n  two\n-- end\nafter\n";

  BsNoticeSpec spec = { .start = start, .stop = stop };
  g_autofree char *a = walked (body, &spec);
  g_assert_cmpstr (a, ==, "one|  two|");
  spec.flags = BS_NOTICE_START_LINE | BS_NOTICE_BLANK;
  g_autofree char *b = walked (body, &spec);
  g_assert_cmpstr (b, ==, "Begin: here|one||  two|");

  /* a marker anywhere in the line; no marker: read from the top */
  BsNoticeSpec mid = { .start_within = within };
  g_autofree char *c = walked ("x\nit is in the middle\ny\n", &mid);
  g_assert_cmpstr (c, ==, "y|");
  g_autofree char *d = walked ("x\ny\n", &mid);
  g_assert_null (d);
  mid.flags = BS_NOTICE_OPTIONAL;
  g_autofree char *e = walked ("x\ny\n", &mid);
  g_assert_cmpstr (e, ==, "x|y|");

  /* the returned message ends the notice, before its start too */
  BsNoticeSpec any = { 0 };
  g_autofree char *f = walked ("x\nContent-Type: message/rfc822\n\nSubject: y\n", &any);
  g_assert_cmpstr (f, ==, "x|");
  BsNoticeSpec late = { .start = start };
  g_autofree char *g = walked ("x\nContent-Type: text/rfc822-headers\nBegin:\ny\n", &late);
  g_assert_null (g);

  /* a reader ends the walk */
  g_autofree char *h = walked ("a\nenough\nb\n", &any);
  g_assert_cmpstr (h, ==, "a|enough|");
}

static BsMail *
mail_of (const char *text)
{
  g_autoptr (GError) error = NULL;
  BsMail *mail = bs_mail_parse (text, strlen (text), "test", 0, &error);
  g_assert_no_error (error);
  return mail;
}

/* "<user@example.net>: text" */
static char *
rcpt_colon (BsLine l, BsLine *rest)
{
  const char *after = NULL;
  char *addr = l.n > 0 && l.s[0] == '<' ? bs_line_angle_addr (l, l.s, &after) : NULL;
  if (addr != NULL && after < l.s + l.n && *after == ':')
    *rest = bs_line_after (l, after + 1);
  return addr;
}

static const char *const rcpt_starts[] = { "The mail system", NULL };

static const BsPhrase rcpt_reasons[] = {
  { BS_REASON_MAILBOXFULL, "quota is full" },
};

static const BsCommandPhrase rcpt_commands[] = {
  { "DATA", "after the message" },
};

static const BsFormat rcpt_format = {
  .name = "kittest", .notice = { .start = rcpt_starts }, .rcpt = rcpt_colon,
  .other = bs_other_indented, BS_FORMAT_REASONS (rcpt_reasons), BS_FORMAT_COMMANDS (rcpt_commands),
};

#define NOTICE_HEAD "From: MAILER-DAEMON@mx.example.net\nSubject: failure\nMIME-Version: 1.0\n"

static void
test_format_rcpt (void)
{
  /* no delivery-status part: the text's records are the records */
  g_autoptr (BsMail) mail = mail_of (NOTICE_HEAD "\nThe mail system\n\n"
                                     "<a@example.net>: 552 5.2.2 your\n    quota is full\n"
                                     "unindented prose\n<b@example.org>: 550 5.1.1 unknown\n");
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_assert_true (bs_format_read (mail, records, &rcpt_format, NULL));
  g_assert_cmpuint (records->len, ==, 2);
  BsRecord *a = g_ptr_array_index (records, 0), *b = g_ptr_array_index (records, 1);
  g_assert_cmpstr (a->recipient, ==, "a@example.net");
  g_assert_cmpstr (a->diagnostic, ==, "552 5.2.2 your quota is full");
  g_assert_cmpint (a->reason, ==, BS_REASON_MAILBOXFULL);
  g_assert_cmpstr (a->rule, ==, "lhost-kittest");
  g_assert_cmpstr (b->diagnostic, ==, "550 5.1.1 unknown");
  g_assert_cmpint (b->reason, ==, BS_REASON_NONE);

  /* a delivery-status part's record for the same recipient is completed:
   * its vague status bettered by the text's, its empty diagnostic filled */
  g_autoptr (BsMail) dsn = mail_of (NOTICE_HEAD "Content-Type: multipart/report; boundary=\"B\"\n\n"
                                    "--B\nContent-Type: text/plain\n\nThe mail system\n\n"
                                    "<A@Example.NET>: 552 5.2.2 full after the message\n"
                                    "--B\nContent-Type: message/delivery-status\n\n"
                                    "Reporting-MTA: dns; mx.example.net\n\n"
                                    "Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.0.0\n\n"
                                    "--B--\n");
  g_autoptr (GPtrArray) adopted = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_assert_cmpuint (bs_dsn_parse (dsn, adopted), ==, 1);
  g_assert_true (bs_format_read (dsn, adopted, &rcpt_format, NULL));
  g_assert_cmpuint (adopted->len, ==, 1);
  BsRecord *r = g_ptr_array_index (adopted, 0);
  g_assert_cmpstr (r->recipient, ==, "a@example.net");
  g_assert_cmpstr (r->status, ==, "5.2.2");
  g_assert_cmpstr (r->status_from, ==, "text");
  g_assert_cmpstr (r->diagnostic, ==, "552 5.2.2 full after the message");
  g_assert_cmpstr (r->command, ==, "DATA");
}

/* a provider's reader: "Recipient: user@example.net", then "Error: text" */
static void
read_recipient (BsNotice *n, BsLine l)
{
  if (bs_line_starts (l, "Recipient: "))
    bs_notice_recipient_line (n, bs_line_after (l, l.s + 11));
  else if (bs_line_starts (l, "Error: "))
    bs_text_append_line (&bs_notice_current (n)->diagnostic, bs_line_after (l, l.s + 7));
}

static const char *const read_starts[] = { "Delivery failed:", NULL };

static const BsFormat read_format = {
  .name = "kittest", .notice = { .start = read_starts }, .read = read_recipient,
};

static void
test_format_read (void)
{
  g_autoptr (BsMail) mail = mail_of (NOTICE_HEAD "\nDelivery failed:\n"
                                     "Error: text before any recipient\n"
                                     "Recipient: <Carol@Example.JP>\n"
                                     "Error: 550 5.1.1 no such user --0000boundary\n");
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_ptr_array_add (records, bs_record_new ()); /* what dsn.c read: replaced */
  g_assert_true (bs_format_read (mail, records, &read_format, NULL));
  g_assert_cmpuint (records->len, ==, 1);
  BsRecord *r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r->recipient, ==, "Carol@example.jp");
  /* the text joined to the recipient's record, a trailing boundary cut */
  g_assert_cmpstr (r->diagnostic, ==, "text before any recipient 550 5.1.1 no such user");
  g_assert_cmpuint (r->reply_code, ==, 550);
  g_assert_cmpstr (r->action, ==, "failed");

  /* no recipient in the notice: the message is not this format's */
  g_autoptr (BsMail) none = mail_of (NOTICE_HEAD "\nDelivery failed:\nError: nobody\n");
  g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_assert_false (bs_format_read (none, kept, &read_format, NULL));
  g_assert_cmpuint (kept->len, ==, 0);
}

static const BsFormat dsn_format = {
  .name = "kittest", .notice = { .start = read_starts },
};

static void
test_format_dsn (void)
{
  /* the delivery-status fields written in the notice's own text */
  g_autoptr (BsMail) mail = mail_of (NOTICE_HEAD "\nDelivery failed:\n"
                                     "Reporting-MTA: dns; mx.example.net\n\n"
                                     "Final-Recipient: rfc822; d@example.net\nStatus: 5.1.1\n"
                                     "Diagnostic-Code: smtp; 550 5.1.1 <d@example.net>:\n"
                                     "    user unknown\n\n"
                                     "Final-Recipient: rfc822; e@example.net\nAction: delayed\n");
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_assert_true (bs_format_read (mail, records, &dsn_format, NULL));
  g_assert_cmpuint (records->len, ==, 2);
  BsRecord *d = g_ptr_array_index (records, 0), *e = g_ptr_array_index (records, 1);
  g_assert_cmpstr (d->status, ==, "5.1.1");
  g_assert_cmpstr (d->diagnostic, ==, "550 5.1.1 <d@example.net>: user unknown");
  g_assert_cmpstr (d->diagnostic_type, ==, "smtp");
  g_assert_cmpstr (d->reporting_mta, ==, "mx.example.net");
  g_assert_cmpuint (d->reply_code, ==, 550);
  g_assert_cmpstr (e->action, ==, "delayed");

  /* dsn.c's records are the format's when its marker is in the body */
  g_autoptr (BsMail) other = mail_of (NOTICE_HEAD "\nSomething else\n");
  g_autoptr (GPtrArray) dsn = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_ptr_array_add (dsn, bs_record_new ());
  g_assert_false (bs_format_read (other, dsn, &dsn_format, NULL));
  g_assert_true (bs_format_read (mail, dsn, &dsn_format, NULL));
  g_assert_cmpuint (dsn->len, ==, 1);
}

static void
test_headers (void)
{
  g_autoptr (BsMail) mail = mail_of ("From: \"Mail Delivery System\" <MAILER-DAEMON@mx.example.net>\n"
                                     "Subject: Returned mail: see transcript\n"
                                     "Received: from a.example.net by b.example.net (qmail 1 invoked for bounce)\n"
                                     "\nbody\n");
  g_assert_true (bs_header_has (mail, "From", "MAILER-DAEMON@"));
  g_assert_true (bs_header_starts (mail, "Subject", "Returned mail:"));
  g_assert_false (bs_header_starts (mail, "Subject", "see transcript"));
  g_assert_true (bs_header_is (mail, "subject", "Returned mail: see transcript"));
  g_assert_false (bs_header_has (mail, "X-Absent", "x"));
  g_assert_true (bs_received_has (mail, "invoked for bounce)"));
  g_assert_false (bs_received_has (mail, "invoked from network)"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add_func ("/kit/lines", test_lines);
  g_test_add_func ("/kit/walk", test_walk);
  g_test_add_func ("/kit/format-rcpt", test_format_rcpt);
  g_test_add_func ("/kit/format-read", test_format_read);
  g_test_add_func ("/kit/format-dsn", test_format_dsn);
  g_test_add_func ("/kit/headers", test_headers);
  return g_test_run ();
}
