/* smtp.h - small strict readers for the SMTP facts in a bounce's text
 *
 * RFC 3463 status codes, RFC 5321 reply codes, the command a failure
 * answered, the host that answered, addresses, found in free text: one
 * reader per fact (smtp.c).  Pure functions: no allocation unless they
 * return a string, never read past the terminator.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* bs_smtp_status_valid - length of an RFC 3463 code at text ("5.1.1"), 0 if none */
gsize bs_smtp_status_valid (const char *text);

/* bs_smtp_find_status - the first RFC 3463 code in text, or NULL */
char *bs_smtp_find_status (const char *text);

/* bs_smtp_reply_valid - TRUE for a real RFC 5321 reply code (250, 421,
 * 550 ...); 441 or 580 are not */
gboolean bs_smtp_reply_valid (guint code);

/* bs_smtp_find_reply - the reply code text gives: the first code of
 * class 4 or 5 that stands as a code (not inside a word, a number, an IP
 * address or a version; followed by a blank, "-", ",", the end, or a ":"
 * that is no IPv6 group's: "550 5.1.1", "550-5.7.26", "#550", "550:",
 * "ERROR_CODE :550"), else the first such code of class 2; only codes
 * bs_smtp_reply_valid() knows; 0 for none, and for a local mailer's exit
 * status ("X-Unix; 67").  The one reader of reply codes in text. */
guint bs_smtp_find_reply (const char *text);

/* bs_smtp_command_at - the SMTP command named at text (after blanks):
 * "RCPT" for "RCPT TO:<...>", "MAIL" for "mail from", "DATA" for "end of
 * data", "CONN" for "connect" and "initial connection"; upper case,
 * static; NULL if none */
const char *bs_smtp_command_at (const char *text);

/* bs_smtp_command_named - the SMTP command a text names after the words
 * bounces write before one ("in reply to RCPT TO", "after end of data",
 * "after MAIL FROM", "[RCPT_TO]", ">>> DATA", "command DATA"), written in
 * upper case but for the words after "end of"; static; NULL if none */
const char *bs_smtp_command_named (const char *text);

/* bs_smtp_host_after - the host name in text after word ("host
 * mx.example.com[192.0.2.1] said" -> "mx.example.com"), lower case, without
 * brackets or a final dot; it must hold a dot; newly allocated, or NULL */
char *bs_smtp_host_after (const char *text, const char *word);

/* bs_smtp_address - the first mailbox "local@domain" in text, lower-cased
 * domain, without brackets or quotes; NULL if none */
char *bs_smtp_address (const char *text);

/* bs_smtp_join_reply - a multi-line SMTP reply as one text: the code and
 * status of continuation lines ("550-5.7.1 ...", "421-4.7.0 ...") dropped
 * after the first line's; newly allocated */
char *bs_smtp_join_reply (const char *text);

/* bs_smtp_domain - the domain part of an address, lower case; NULL if none */
char *bs_smtp_domain (const char *address);

G_END_DECLS
