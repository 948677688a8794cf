/* test-core.c - unit tests for charset.c, smtp.c, dsn.c, message.c, parse.c, source.c
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "canonical.h"
#include "charset.h"
#include "datetime.h"
#include "dsn.h"
#include "identity.h"
#include "lhost.h"
#include "mail.h"
#include "record.h"
#include "smtp.h"
#include "source.h"

/* ---- charset ---------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *input;
  const char *want;
} DecodeCase;

static const DecodeCase decode_cases[] = {
  /* ISO-2022-JP encoded word: "テスト" */
  { "iso2022jp-b", "=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=", "テスト" },
  /* raw ISO-2022-JP bytes in a header (no encoded word) */
  { "iso2022jp-raw", "\x1b$B%F%9%H\x1b(B mail", "テスト mail" },
  /* NEC row 13 "①" (0x2D21) as Outlook writes it: glibc's ISO-2022-JP rejects it */
  { "iso2022jp-nec", "=?ISO-2022-JP?B?GyRCLSEbKEI=?=", "①" },
  /* Shift_JIS label with a CP932-only character "㈱" (0x878A) */
  { "sjis-cp932", "=?Shift_JIS?B?h4o=?=", "㈱" },
  /* EUC-JP "日本" */
  { "eucjp", "=?EUC-JP?B?xvzL3A==?=", "日本" },
  /* UTF-8 Q encoding with underscore as space */
  { "utf8-q", "=?UTF-8?Q?caf=C3=A9_au_lait?=", "café au lait" },
  /* adjacent words split in the middle of a character are joined first */
  { "split-word", "=?UTF-8?B?44GC?= =?UTF-8?B?44GE?=", "あい" },
  /* plain text is left alone */
  { "plain", "Undelivered Mail Returned to Sender", "Undelivered Mail Returned to Sender" },
  /* a label that lies: says ISO-8859-1, bytes are UTF-8 */
  { "lying-label", "=?ISO-8859-1?Q?=E3=81=82?=", "あ" },
  /* malformed words stay as text */
  { "malformed", "=?UTF-8?X?abc?= end", "=?UTF-8?X?abc?= end" },
};

static void
test_decode (gconstpointer data)
{
  const DecodeCase *c = data;
  g_autofree char *got = bs_rfc2047_decode (c->input);
  g_assert_cmpstr (got, ==, c->want);
  g_assert_true (g_utf8_validate (got, -1, NULL));
}

static void
test_charset_invalid (void)
{
  /* bytes that are nothing: still valid UTF-8 out */
  const char bad[] = "\xff\xfe\x80 abc \xc3";
  g_autofree char *got = bs_charset_to_utf8 (bad, sizeof bad - 1, "utf-8");
  g_assert_true (g_utf8_validate (got, -1, NULL));
  g_autofree char *nul = bs_charset_to_utf8 ("ab\0cd", 5, NULL);
  g_assert_cmpstr (nul, ==, "ab");
}

/* ---- smtp --------------------------------------------------------------- */

static void
test_smtp_status (void)
{
  static const struct { const char *in; const char *want; } cases[] = {
    { "550 5.1.1 <a@example.com>: User unknown", "5.1.1" },
    { "smtp; 554 5.7.1 Service unavailable", "5.7.1" },
    { "#5.0.0 X-Unix; 67", "5.0.0" },
    { "connect to 192.0.2.1:25: timed out", NULL },
    { "version 5.1.12.3 of the server", NULL },
    { "4.4.7", "4.4.7" },
    { "5.7.606 Access denied", "5.7.606" },
    { "5.1", NULL },
    { "", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bs_smtp_find_status (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

static void
test_smtp_reply (void)
{
  static const struct { const char *in; guint want; } cases[] = {
    { "550 5.1.1 User unknown", 550 },
    { "host mx.example.com[192.0.2.1] said: 452 4.2.2 Mailbox full", 452 },
    { "550-5.7.26 This mail is unauthenticated", 550 },
    { "connect to 192.0.2.1:25: Connection refused", 0 },
    { "Message-ID 12345@x", 0 },
    { "error 999 happened", 0 },
    /* a code followed by ":" or after " :" (Zoho, EZweb), not an IPv6 group */
    { "Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <a@example.net>", 550 },
    { "550: 5.2.2 <a@example.net>... Mailbox Full", 550 },
    { "from 2001:db8::250 said nothing", 0 },
    { "#550 5.1.1 RESOLVER.ADR.RecipNotFound", 550 },
    /* a failure's code before an earlier 2xx step's */
    { "250 2.1.0 Sender ok; 550 5.1.1 User unknown", 550 },
    { "250 2.0.0 Ok: queued as 4ABC", 250 },
    /* not codes: a version, a path, a number in a word, a mailer's exit status */
    { "release 1.550 of the filter", 0 },
    { "see /550/help", 0 },
    { "queue id A550B", 0 },
    { "X-Unix; 550 local delivery", 0 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (bs_smtp_find_reply (cases[i].in), ==, cases[i].want);
}

static void
test_smtp_command (void)
{
  /* the word at a place */
  g_assert_cmpstr (bs_smtp_command_at ("RCPT TO:<a@example.net>"), ==, "RCPT");
  g_assert_cmpstr (bs_smtp_command_at ("  mail from:<a@example.net>"), ==, "MAIL");
  g_assert_cmpstr (bs_smtp_command_at ("end of data"), ==, "DATA");
  g_assert_cmpstr (bs_smtp_command_at ("initial connection"), ==, "CONN");
  g_assert_cmpstr (bs_smtp_command_at ("RCPT_TO]"), ==, "RCPT");
  g_assert_null (bs_smtp_command_at ("database"));
  g_assert_null (bs_smtp_command_at (NULL));
  /* the word after the phrases bounces put before one */
  g_assert_cmpstr (bs_smtp_command_named ("(in reply to RCPT TO command)"), ==, "RCPT");
  g_assert_cmpstr (bs_smtp_command_named ("SMTP error from remote mail server after end of data:"), ==, "DATA");
  g_assert_cmpstr (bs_smtp_command_named ("550 5.1.1 User Unknown [RCPT_TO]"), ==, "RCPT");
  g_assert_cmpstr (bs_smtp_command_named ("SMTP error from remote server after MAIL FROM command:"), ==, "MAIL");
  /* prose is no command: lower case after "after" */
  g_assert_null (bs_smtp_command_named ("rejected after data was sent"));
  g_assert_null (bs_smtp_command_named ("no command here"));
}

static void
test_smtp_host (void)
{
  g_autofree char *a = bs_smtp_host_after ("host mx.example.com[192.0.2.1] said: 550", "host ");
  g_assert_cmpstr (a, ==, "mx.example.com");
  g_autofree char *b = bs_smtp_host_after ("delivered by MX2.Example.NET. [192.0.2.2].", " by ");
  g_assert_cmpstr (b, ==, "mx2.example.net");
  g_autofree char *c = bs_smtp_host_after ("host unknown", "host ");
  g_assert_null (c);
  g_autofree char *d = bs_smtp_host_after ("no such word", "host ");
  g_assert_null (d);
}

static void
test_smtp_address (void)
{
  static const struct { const char *in; const char *want; } cases[] = {
    { "<Kijitora@Example.JP>", "Kijitora@example.jp" },
    { "rfc822; user@example.com", "user@example.com" },
    { "\"Taro\" <taro@shop.example.jp>.", "taro@shop.example.jp" },
    { "no address here", NULL },
    { "@", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bs_smtp_address (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

static void
test_smtp_join (void)
{
  static const struct { const char *in; const char *want; } cases[] = {
    { "421-4.7.0 This message is suspicious 421-4.7.0 due to the very low 421 4.7.0 reputation",
      "421-4.7.0 This message is suspicious due to the very low reputation" },
    { "550-5.7.26 Unauthenticated email 550-5.7.26 is not accepted 550 5.7.26 - gsmtp",
      "550-5.7.26 Unauthenticated email is not accepted - gsmtp" },
    { "550 5.1.1 User unknown", "550 5.1.1 User unknown" },
    { "Sorry, 550 people", "Sorry, 550 people" },
    { "554-mx.example.com 554 Your access is blocked", "554-mx.example.com Your access is blocked" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bs_smtp_join_reply (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

/* ---- dsn ---------------------------------------------------------------- */

static const char dsn_text[] =
  "Reporting-MTA: dns; mail.example.jp\n"
  "Arrival-Date: Wed, 25 Nov 2026 10:00:00 +0900\n"
  "\n"
  "Final-Recipient: rfc822; alice@example.com\n"
  "Original-Recipient: rfc822;Alice@example.com\n"
  "Action: failed\n"
  "Status: 5.1.1\n"
  "Remote-MTA: dns; mx.example.com\n"
  "Diagnostic-Code: smtp; 550 5.1.1 <alice@example.com>: Recipient address\n"
  "    rejected: User unknown in virtual mailbox\n"
  "\tfolded thrice\n"
  "\n"
  "Final-Recipient: rfc822; bob@example.net\n"
  "Action: delayed\n"
  "Status: 4.4.1\n"
  "Diagnostic-Code: X-Postfix; connect to mx.example.net[192.0.2.7]:25: Connection timed out\n";

static void
test_dsn_parse (void)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_assert_cmpuint (bs_dsn_parse_text (dsn_text, records), ==, 2);
  BsRecord *a = g_ptr_array_index (records, 0);
  g_assert_cmpstr (a->recipient, ==, "alice@example.com");
  g_assert_cmpstr (a->status, ==, "5.1.1");
  g_assert_cmpstr (a->action, ==, "failed");
  g_assert_cmpstr (a->remote_mta, ==, "mx.example.com");
  g_assert_cmpstr (a->reporting_mta, ==, "mail.example.jp");
  g_assert_cmpstr (a->diagnostic_type, ==, "smtp");
  g_assert_cmpstr (a->diagnostic, ==,
                   "550 5.1.1 <alice@example.com>: Recipient address rejected: User unknown in virtual mailbox folded thrice");
  g_assert_cmpstr (a->timestamp, ==, "2026-11-25T10:00:00+09:00");
  BsRecord *b = g_ptr_array_index (records, 1);
  g_assert_cmpstr (b->recipient, ==, "bob@example.net");
  g_assert_cmpstr (b->action, ==, "delayed");
  g_assert_false (bs_record_is_failure (b));
}

/* ---- message + parse ---------------------------------------------------- */

static const char bounce[] =
  "From: MAILER-DAEMON@mail.example.jp (Mail Delivery System)\n"
  "To: taro@shop.example.jp\n"
  "Subject: Undelivered Mail Returned to Sender\n"
  "Date: Wed, 25 Nov 2026 10:00:05 +0900\n"
  "MIME-Version: 1.0\n"
  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n"
  "\n"
  "--B\n"
  "Content-Type: text/plain\n"
  "\n"
  "I'm sorry to have to inform you that your message could not be delivered.\n"
  "--B\n"
  "Content-Type: message/delivery-status\n"
  "\n"
  "Reporting-MTA: dns; mail.example.jp\n"
  "\n"
  "Final-Recipient: rfc822; alice@example.com\n"
  "Action: failed\n"
  "Status: 5.1.1\n"
  "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n"
  "\n"
  "--B\n"
  "Content-Type: text/rfc822-headers\n"
  "\n"
  "From: =?ISO-2022-JP?B?GyRCQkBPOhsoQg==?= <taro@shop.example.jp>\n"
  "To: alice@example.com\n"
  "Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\n"
  "Date: Wed, 25 Nov 2026 09:59:00 +0900\n"
  "Message-ID: <20261125095900.1@shop.example.jp>\n"
  "--B--\n";

static void
check_bounce_records (const char *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsMail) mail = bs_mail_parse (data, len, "test.eml", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mail);
  g_assert_cmpstr (mail->content_type, ==, "multipart/report");
  g_assert_cmpstr (mail->report_type, ==, "delivery-status");
  g_assert_cmpuint (mail->dsn->len, ==, 1);
  g_assert_nonnull (mail->original);
  const char *mta = NULL;
  g_autoptr (GPtrArray) records = bs_parse_mail (mail, &mta);
  g_assert_cmpuint (records->len, ==, 1);
  BsRecord *r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r->recipient, ==, "alice@example.com");
  g_assert_cmpstr (r->destination, ==, "example.com");
  g_assert_cmpstr (r->status, ==, "5.1.1");
  g_assert_cmpuint (r->reply_code, ==, 550);
  g_assert_cmpstr (r->orig_subject, ==, "テスト");
  g_assert_cmpstr (r->orig_from, ==, "太郎 <taro@shop.example.jp>");
  g_assert_cmpstr (r->orig_message_id, ==, "20261125095900.1@shop.example.jp");
  g_assert_cmpstr (r->orig_date, ==, "2026-11-25T09:59:00+09:00");
  g_assert_cmpstr (r->sender_domain, ==, "shop.example.jp");
  g_assert_cmpstr (r->source, ==, "test.eml");
}

static void
test_message_lf (void)
{
  check_bounce_records (bounce, sizeof bounce - 1);
}

/* the same message with CRLF and with bare CR line endings */
static void
test_message_line_endings (void)
{
  const char *ends[] = { "\r\n", "\r" };
  for (gsize e = 0; e < G_N_ELEMENTS (ends); e++)
    {
      g_auto (GStrv) lines = g_strsplit (bounce, "\n", -1);
      g_autofree char *joined = g_strjoinv (ends[e], lines);
      check_bounce_records (joined, strlen (joined));
    }
}

static void
test_message_garbage (void)
{
  g_autoptr (GError) error = NULL;
  const char junk[] = "\x7f" "ELF\x02\x01\x01\0\0\0";
  g_autoptr (BsMail) mail = bs_mail_parse (junk, sizeof junk - 1, "junk", 0, &error);
  g_assert_null (mail);
  g_assert_error (error, g_quark_from_static_string ("bs-error-quark"), 4 /* BS_ERROR_PARSE */);
}

/* ---- dates -------------------------------------------------------------- */

static void
test_datetime (void)
{
  static const struct { const char *in; const char *want; } cases[] = {
    { "Wed, 25 Nov 2026 10:00:05 +0900", "2026-11-25T10:00:05+09:00" },
    { "25 Nov 2026 10:00:05 -0500 (EST)", "2026-11-25T10:00:05-05:00" },
    { "Thu, 1 Jan 2026 00:00 -0000", "2026-01-01T00:00:00+00:00" },
    { "Mon, 29 Feb 2027 10:00:05 +0900", NULL },    /* no such day */
    { "Wed, 25 Nov 1970 10:00:05 +0900", NULL },    /* before e-mail as we know it */
    /* forms the quick reader leaves to GMime */
    { "Wed, 25 Nov 26 10:00:05 +0900", "2026-11-25T10:00:05+09:00" },
    { "Wed, 25 nov 2026 10:00:05 GMT", "2026-11-25T10:00:05+00:00" },
    { "2026-11-25T10:00:05Z", "2026-11-25T10:00:05+00:00" },
    { "not a date", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bs_datetime_iso (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

/* ---- record ------------------------------------------------------------ */

/* the hand-written JSON line reads back, with json-glib, as what was set */
static void
test_record_json (void)
{
  g_autoptr (BsRecord) r = bs_record_new ();
  r->recipient = g_strdup ("a\"b\\c@example.com");
  r->diagnostic = g_strdup ("550 \"quoted\" back\\slash \x01 tab\t end \xe6\x97\xa5\xe6\x9c\xac");
  r->orig_subject = g_strdup ("</script><b>\u2028");
  r->reply_code = 550;
  r->hard_bounce = TRUE;
  g_autofree char *json = bs_record_to_json (r);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "recipient"), ==, r->recipient);
  g_assert_cmpstr (json_object_get_string_member (o, "diagnostic"), ==, r->diagnostic);
  g_assert_cmpstr (json_object_get_string_member (o, "orig_subject"), ==, r->orig_subject);
  g_assert_cmpint (json_object_get_int_member (o, "reply_code"), ==, 550);
  g_assert_true (json_object_get_boolean_member (o, "hard_bounce"));
  g_assert_true (json_object_get_null_member (o, "index"));
  g_assert_true (json_object_get_null_member (o, "status"));
  g_assert_cmpuint (json_object_get_size (o), ==, 32);
  g_assert_null (strchr (json, '\n'));

  g_autofree char *und = bs_undecodable_to_json ("/m\"box", 3, "no \\ recipient");
  g_assert_true (json_parser_load_from_data (parser, und, -1, &error));
  JsonObject *u = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                 "undecodable");
  g_assert_cmpstr (json_object_get_string_member (u, "source"), ==, "/m\"box");
  g_assert_cmpint (json_object_get_int_member (u, "index"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (u, "error"), ==, "no \\ recipient");
}

static void
test_record_clean (void)
{
  static const struct { const char *in; const char *want; } cases[] = {
    { "plain text", "plain text" },
    { "  two  spaces\r\n\tand\x01 controls  ", "two spaces and controls" },
    { "\xe6\x97\xa5\xe2\x80\xa8\xe6\x9c\xac", "\xe6\x97\xa5 \xe6\x9c\xac" },
    { "bad \xff byte", "bad\xef\xbf\xbd byte" },
    { " \t\n ", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bs_text_clean (cases[i].in, 4096);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
  g_autofree char *cut = bs_text_clean ("abc def", 5);
  g_assert_cmpstr (cut, ==, "abc d");
}

/* ---- enclosed messages ------------------------------------------------ */

/* an original with attachments: only its header block is read, and a
 * Content-Type line quoted in the notice keeps its real name */
static const char enclosed[] =
  "From: MAILER-DAEMON@mx.example.jp\n"
  "To: taro@example.jp\n"
  "Subject: Returned mail\n"
  "MIME-Version: 1.0\n"
  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\n"
  "\n"
  "--B1\n"
  "Content-Type: text/plain\n"
  "\n"
  "Quoted here:\n"
  "Content-Type: message/rfc822\n"
  "\n"
  "--B1\n"
  "Content-Type: message/delivery-status\n"
  "\n"
  "Reporting-MTA: dns; mx.example.jp\n"
  "\n"
  "Final-Recipient: rfc822; hanako@example.com\n"
  "Action: failed\n"
  "Status: 5.1.1\n"
  "\n"
  "--B1\n"
  "Content-Type: Message/RFC822\n"
  "\n"
  "From: taro@example.jp\n"
  "To: hanako@example.com\n"
  "Subject: =?UTF-8?B?5pel5pys?=\n"
  "MIME-Version: 1.0\n"
  "Content-Type: multipart/mixed; boundary=\"B2\"\n"
  "\n"
  "--B2\n"
  "Content-Type: text/plain\n"
  "\n"
  "body text\n"
  "--B2\n"
  "Content-Type: message/rfc822\n"
  "\n"
  "From: deep@example.net\n"
  "\n"
  "forwarded\n"
  "--B2\n"
  "Content-Type: application/pdf\n"
  "Content-Transfer-Encoding: base64\n"
  "\n"
  "JVBERi0xLjQK\n"
  "--B2--\n"
  "\n"
  "--B1--\n";

static void
test_message_enclosed (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BsMail) mail = bs_mail_parse (enclosed, sizeof enclosed - 1, "enclosed", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mail->original);
  g_assert_true (g_str_has_prefix (mail->original, "From: taro@example.jp\nTo: hanako@example.com\n"));
  g_assert_null (strstr (mail->original, "body text"));
  g_assert_null (strstr (mail->body, "body text"));
  g_assert_null (strstr (mail->body, "deep@example.net"));
  g_assert_null (strstr (mail->body, "x-bs"));
  g_assert_nonnull (strstr (mail->body, "Quoted here:\nContent-Type: message/rfc822\n"));
  g_assert_nonnull (strstr (mail->body, "Content-Type: message/rfc822\n\nFrom: taro@example.jp"));
  g_assert_cmpuint (mail->dsn->len, ==, 1);

  g_autoptr (GPtrArray) records = bs_parse_mail (mail, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  BsRecord *r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r->recipient, ==, "hanako@example.com");
  g_assert_cmpstr (r->orig_subject, ==, "\xe6\x97\xa5\xe6\x9c\xac");
}

/* a bounce forwarded inside a notice with no report of its own: the
 * enclosed report is read */
static void
test_message_forwarded (void)
{
  g_autofree char *fwd = g_strconcat (
    "From: helpdesk@example.jp\n"
    "Subject: Fwd: Returned mail\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"F0\"\n"
    "\n"
    "--F0\n"
    "Content-Type: text/plain\n"
    "\n"
    "See the bounce below.\n"
    "--F0\n"
    "Content-Type: message/rfc822\n"
    "\n", enclosed, "--F0--\n", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BsMail) mail = bs_mail_parse (fwd, strlen (fwd), "fwd", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mail->dsn->len, ==, 1);
  g_assert_true (g_str_has_prefix (mail->original, "From: taro@example.jp\n"));
}

/* ---- mbox ------------------------------------------------------------- */

static gboolean
collect_item (const BsItem *it, gpointer user)
{
  g_ptr_array_add (user, g_strndup (it->data, it->len));
  return TRUE;
}

/* mboxrd: one '>' comes off a quoted From_ line, only at a line's start */
static void
test_mbox_unquote (void)
{
  static const char mbox[] = "From a@example.com Wed Nov 25 10:00:00 2026\n"
                             "Subject: one\n\n"
                             ">From here\n"
                             ">>From there\n"
                             "x>From not a line start\n"
                             ">From\n"
                             "From b@example.com Wed Nov 25 10:00:01 2026\n"
                             "Subject: two\n\n"
                             "body\n";
  g_autofree char *dir = g_dir_make_tmp ("bs-mbox-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mbox", NULL);
  g_assert_true (g_file_set_contents (path, mbox, -1, NULL));
  g_autoptr (GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  BsWalker w = { .item = collect_item, .user = got };
  bs_source_walk (path, &w, NULL);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (got, 0), ==,
                   "Subject: one\n\nFrom here\n>From there\nx>From not a line start\n>From\n");
  g_assert_cmpstr (g_ptr_array_index (got, 1), ==, "Subject: two\n\nbody\n");
  g_unlink (path);
  g_rmdir (dir);
}

/* one spelling of an IP and of a domain for every layer (canonical.h) */
static void
test_canonical (void)
{
  static const struct { const char *in, *out; } ips[] = {
    { "192.0.2.1", "192.0.2.1" }, { " [192.0.2.1] ", "192.0.2.1" },
    { "IPv6:2001:DB8:0::25", "2001:db8::25" }, { "::ffff:192.0.2.9", "192.0.2.9" },
    { "192.0.2.300", NULL }, { "example.com", NULL }, { "", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (ips); i++)
    {
      g_autofree char *got = bs_canonical_ip (ips[i].in);
      g_assert_cmpstr (got, ==, ips[i].out);
    }
  static const struct { const char *in, *out; } domains[] = {
    { "Example.COM.", "example.com" }, { " @shop.example.jp", "shop.example.jp" },
    { ".example.jp", "example.jp" }, { "B\xc3\xbc" "cher.Example", "xn--bcher-kva.example" },
    { "localhost", "localhost" }, { "a..b", NULL }, { "-a.example", NULL },
    { "a-.example", NULL }, { "a b.example", NULL }, { "\xff\xfe.example", NULL },
    { "", NULL }, { "...", NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      g_autofree char *got = bs_canonical_domain (domains[i].in);
      g_assert_cmpstr (got, ==, domains[i].out);
    }
  g_autofree char *label = g_strnfill (64, 'a');
  g_autofree char *long_label = g_strconcat (label, ".example", NULL);
  g_assert_null (bs_canonical_domain (long_label));
  g_autofree char *name = g_strnfill (300, 'a');
  g_assert_null (bs_canonical_domain (name));
}

/* a message's identity: the same after a client's status fields, line
 * ends and trailing blank lines change; another for another message */
static void
test_identity (void)
{
  static const char *const same[] = {
    "From: a@example.com\nSubject: x\n\nbody\n",
    "From: a@example.com\nSubject: x\nStatus: RO\nX-Status: A\n\nbody\n\n",
    "X-Mozilla-Status: 0001\nX-Mozilla-Status2: 00000000\nFrom: a@example.com\nSubject: x\n\nbody",
    "From: a@example.com\r\nX-UID: 7\r\nSubject: x\r\nX-Keywords: $Forwarded\r\n"
    "Content-Length: 5\r\n\r\nbody\r\n",
    "From: a@example.com\nX-IMAPbase: 1700000000 12\n  0000000001\nSubject: x\n\nbody\n",
  };
  g_autofree char *want = bs_message_identity (same[0], strlen (same[0]));
  for (gsize i = 1; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *got = bs_message_identity (same[i], strlen (same[i]));
      g_assert_cmpstr (got, ==, want);
    }
  static const char *const other[] = {
    "From: a@example.com\nSubject: y\n\nbody\n",
    "From: a@example.com\nSubject: x\n\nbody 2\n",
    /* a body line that looks like a status field is the body's */
    "From: a@example.com\nSubject: x\n\nStatus: RO\nbody\n",
    "From: a@example.com\nSubject: x\nX-Status-Report: 1\n\nbody\n",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (other); i++)
    {
      g_autofree char *got = bs_message_identity (other[i], strlen (other[i]));
      g_assert_cmpstr (got, !=, want);
    }
  /* the content hash is of the bytes as they are */
  g_autofree char *a = bs_content_hash (same[0], strlen (same[0]));
  g_autofree char *b = bs_content_hash (same[1], strlen (same[1]));
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpuint (strlen (a), ==, 64);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  for (gsize i = 0; i < G_N_ELEMENTS (decode_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/charset/decode/%s", decode_cases[i].name);
      g_test_add_data_func (path, &decode_cases[i], test_decode);
    }
  g_test_add_func ("/charset/invalid", test_charset_invalid);
  g_test_add_func ("/canonical/ip-and-domain", test_canonical);
  g_test_add_func ("/smtp/status", test_smtp_status);
  g_test_add_func ("/smtp/reply", test_smtp_reply);
  g_test_add_func ("/smtp/command", test_smtp_command);
  g_test_add_func ("/smtp/host", test_smtp_host);
  g_test_add_func ("/smtp/address", test_smtp_address);
  g_test_add_func ("/smtp/join", test_smtp_join);
  g_test_add_func ("/dsn/parse", test_dsn_parse);
  g_test_add_func ("/message/lf", test_message_lf);
  g_test_add_func ("/message/line-endings", test_message_line_endings);
  g_test_add_func ("/message/garbage", test_message_garbage);
  g_test_add_func ("/message/enclosed", test_message_enclosed);
  g_test_add_func ("/message/forwarded", test_message_forwarded);
  g_test_add_func ("/datetime/iso", test_datetime);
  g_test_add_func ("/record/json", test_record_json);
  g_test_add_func ("/record/clean", test_record_clean);
  g_test_add_func ("/source/mbox-unquote", test_mbox_unquote);
  g_test_add_func ("/identity/client-fields", test_identity);
  int rc = g_test_run ();
  g_mime_shutdown ();
  return rc;
}
