/* textscan.h - shared reader for plain-text bounce notices (the MTA parsers)
 *
 * Most plain-text notices have one shape: a sentence that starts the notice,
 * then for each failed recipient a line naming it followed by lines of
 * explanation, up to a line where the returned original message begins.
 * A module describes its shape with a BsTextForm (markers and two small
 * callbacks) and bs_textscan() walks the flattened body once, bounded.
 * Helpers to look at lines, pick addresses, and to set facts from fixed
 * phrase tables complete it.  Shape after Sisimai's Lhost::* modules
 * (BSD-2-Clause).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "lhost-modules.h"

G_BEGIN_DECLS

/* one line of the body, without its LF (and without a trailing CR) */
typedef struct {
  const char *s;
  gsize n;
} BsLine;

/* lines of [p, end) */
typedef struct {
  const char *p;
  const char *end;
} BsLines;

void bs_lines_init (BsLines *it, const char *start, const char *end);
gboolean bs_lines_next (BsLines *it, BsLine *line);

gboolean bs_line_starts (BsLine l, const char *prefix);
gboolean bs_line_istarts (BsLine l, const char *prefix);
gboolean bs_line_ends (BsLine l, const char *suffix);
gboolean bs_line_equals (BsLine l, const char *text);
const char *bs_line_find (BsLine l, const char *needle);
const char *bs_line_ifind (BsLine l, const char *needle);
gboolean bs_line_blank (BsLine l);
BsLine bs_line_trim (BsLine l);
BsLine bs_line_after (BsLine l, const char *p); /* the part of l from p on */
char *bs_line_dup (BsLine l);

/* bs_line_angle_addr - the address between the first '<' at or after
 * `from` and its '>' when it holds an '@' (newly allocated, NULL if none);
 * *after points past the '>' */
char *bs_line_angle_addr (BsLine l, const char *from, const char **after);

/* bs_line_bare_addr - the line (after leading blanks) is one token holding
 * an '@', up to white space, ':' or end: returns it (NULL if not); *after
 * points past it */
char *bs_line_bare_addr (BsLine l, const char **after);

/* bs_line_labelled_addr - an indented line "  <label> user@example.com"
 * (or "<user@example.com>"): the address, newly allocated; NULL */
char *bs_line_labelled_addr (BsLine l, const char *label);

/* how a format treats a line that is not a recipient line */
typedef enum {
  BS_LINE_JOIN,  /* part of the current recipient's diagnostic */
  BS_LINE_SKIP,  /* ignored */
  BS_LINE_STOP,  /* the notice ends here */
} BsLineAction;

enum {
  BS_START_ANYWHERE = 1 << 0, /* start markers match anywhere in a line */
  BS_START_SCAN = 1 << 1,     /* the start line is itself read */
  BS_KEEP_BLANK = 1 << 2,     /* blank lines reach `other` (else skipped) */
  BS_START_OPTIONAL = 1 << 3, /* no start marker: read from the top */
  BS_TEXT_BEFORE = 1 << 4,    /* text joined before the first recipient is its own
                                 (formats that give the reason, then the address) */
  BS_REPLACE = 1 << 5,        /* bs_text_read: the text's recipients replace the DSN's */
};

/* a fixed phrase of an MTA and the reason it states */
typedef struct {
  BsReason reason;
  const char *phrase; /* case-sensitive text it is found by */
} BsPhrase;

/* a fixed phrase of an MTA and the SMTP command it names */
typedef struct {
  const char *command;
  const char *phrase; /* case-sensitive text it is found by */
} BsCommandPhrase;

typedef struct {
  /* the notice begins after a line that starts with one of these (NULL: at
   * the top of the body) */
  const char *const *start;
  guint flags;
  /* the notice ends at a line that starts with one of these; it always ends
   * at a "Content-Type: message/rfc822" or text/rfc822-headers line */
  const char *const *stop;
  /* rcpt - when line names a recipient, the address (newly allocated) and
   * in *rest the text on that line that begins its diagnostic (n == 0 for
   * none); NULL for other lines */
  char *(*rcpt) (BsLine line, BsLine *rest);
  /* other - what to do with any other line; `current` is the record being
   * read (NULL before the first recipient), for formats that take more
   * facts from their lines (an SMTP command, a remote host).  NULL: every
   * line after a recipient joins its diagnostic. */
  BsLineAction (*other) (BsLine line, BsRecord *current);
  /* for bs_text_read: the format's name ("lhost-<name>" rules), the fixed
   * phrases that state a reason, and those that name the SMTP command */
  const char *name;
  const BsPhrase *reasons;
  gsize n_reasons;
  const BsCommandPhrase *commands;
  gsize n_commands;
} BsTextForm;

/* other callbacks most forms use */
BsLineAction bs_other_skip (BsLine line, BsRecord *current);     /* only recipient lines count */
BsLineAction bs_other_indented (BsLine line, BsRecord *current); /* indented lines join */

/* bs_text_read - the whole job of most plain-text modules: scan the body
 * with form, adopt the recipients into records (bs_records_adopt, or
 * replacing them with BS_REPLACE), then give every record the command and
 * the reason the form's phrases state; TRUE when records holds any */
gboolean bs_text_read (const BsMail *mail, const BsTextForm *form, GPtrArray *records);

/* bs_textscan - the records of a plain-text notice of this form, appended to
 * found (each with recipient and the joined diagnostic); returns how many */
guint bs_textscan (const char *body, const BsTextForm *form, GPtrArray *found);

/* bs_text_end - the first line of body starting with one of marks or with
 * the Content-Type line of a returned message; the end of body otherwise */
const char *bs_text_end (const char *body, const char *const *marks);

/* bs_text_find - start of the first line in [from, end) that starts with
 * (or, with anywhere, holds) one of marks; NULL if none */
const char *bs_text_find (const char *from, const char *end, const char *const *marks,
                          gboolean anywhere);

/* bs_text_mark_line - TRUE when line starts with (or holds) one of marks */
gboolean bs_text_mark_line (BsLine l, const char *const *marks, gboolean anywhere);

/* bs_diag_append - add text to a record's diagnostic, one space between */
void bs_diag_append (BsRecord *r, const char *text, gsize n);


/* bs_phrase_find - the first row whose phrase is in text, or NULL */
const BsPhrase *bs_phrase_find (const char *text, const BsPhrase *rows, gsize n);

/* bs_set_reason - when the record has no reason yet and its diagnostic holds
 * a phrase of rows, set reason, rule ("lhost-<name>") and evidence */
gboolean bs_set_reason (BsRecord *r, const BsPhrase *rows, gsize n, const char *name);

/* bs_set_reason_to - set reason, rule "lhost-<name>" and evidence */
void bs_set_reason_to (BsRecord *r, BsReason reason, const char *name, const char *evidence);

/* bs_set_command - when the record has no command and its diagnostic holds
 * a phrase of rows, set the command */
gboolean bs_set_command (BsRecord *r, const BsCommandPhrase *rows, gsize n);

/* bs_command_word - "RCPT" from "RCPT TO:<...>", "MAIL" from "mail from",
 * "DATA" from "end of data", "CONN" from "initial connection": the SMTP
 * command named at text (upper case, static), NULL if none */
const char *bs_command_word (const char *text);

/* bs_host_after - the host name in text after word ("host mx.example.com[192.0.2.1]
 * said" -> "mx.example.com"), without brackets or a final dot; NULL */
char *bs_host_after (const char *text, const char *word);

/* bs_records_adopt - the facts found by a text reader go into records: when
 * records (from the delivery-status part) already holds recipients, each
 * found one completes the record with the same address (fields it lacks);
 * otherwise found's records replace them.  A status ending in ".0.0" or a
 * missing reply code is bettered by a specific one in the found text.
 * found is emptied. */
void bs_records_adopt (GPtrArray *records, GPtrArray *found);

/* A Sendmail-style session transcript ("----- Transcript of session
 * follows -----"): ">>> COMMAND" lines sent, "<<< reply" lines received,
 * "... while talking to host.:" and the MTA's own "550 5.1.1 <addr>... text"
 * or "<addr>... text" lines. */
typedef struct {
  char *command;      /* the last command sent (not QUIT), NULL */
  char *replies;      /* every distinct reply, joined, NULL */
  char *host;         /* the first host talked to, NULL */
  char *status;       /* status of the MTA's own "NNN X.Y.Z ..." line, NULL */
  char *text;         /* the MTA's own lines (status lines, "Warning: ...") */
  gboolean greeting;  /* a reply came before any command: refused at connect */
  /* (BsRecord *) one per "[NNN ]<addr>... text" line: recipient, its text
   * (with the reply received before it) and the command sent before it */
  GPtrArray *items;
} BsTranscript;

/* bs_transcript_read - read the transcript in [from, end); NULL when the
 * text has none (no marker) */
BsTranscript *bs_transcript_read (const char *from, const char *end);
void bs_transcript_free (BsTranscript *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsTranscript, bs_transcript_free)

/* bs_notice_subject - the Subject without the "Fwd:"/"Fw:" of a forwarded
 * bounce (newly allocated, "" when absent); *forwarded tells */
char *bs_notice_subject (const BsMail *mail, gboolean *forwarded);

/* bs_notice_body - the body, with the "> " quote marks of a forwarded
 * bounce removed when forwarded (newly allocated) */
char *bs_notice_body (const BsMail *mail, gboolean forwarded);

/* bs_spasign - "X-SPASIGN: NG" (au/KDDI's filter refused the message):
 * every record's reason is filtered; returns TRUE */
gboolean bs_spasign (const BsMail *mail, GPtrArray *records, const char *name);

/* bs_header_has - TRUE when the top-level field name holds needle
 * (case-sensitive; prefix only when at_start) */
gboolean bs_header_has (const BsMail *mail, const char *name, const char *needle, gboolean at_start);

/* bs_received_has - TRUE when any top-level Received: field holds needle */
gboolean bs_received_has (const BsMail *mail, const char *needle);

/* bs_records_from_text_dsn - when records is empty, read delivery-status
 * fields ("Final-Recipient: ...") from the notice's own text (a report sent
 * without MIME structure); returns records->len */
guint bs_records_from_text_dsn (const char *body, GPtrArray *records);

/* bs_first_command - the command of the first ">>> COMMAND" line (optionally
 * indented) of body, newly allocated; NULL */
char *bs_first_command (const char *body);

/* bs_qmail_read - read a qmail-shaped notice (qmail.c) that starts after
 * one of start_marks (NULL: qmail's own); records are replaced; reasons
 * get the rule "lhost-<name>" */
gboolean bs_qmail_read (const BsMail *mail, GPtrArray *records, const char *const *start_marks,
                        const char *name);

G_END_DECLS
