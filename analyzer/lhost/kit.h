/* kit.h - the format kit: what every format module (lhost/<name>.c) is made of
 *
 * A module recognises its bounces by their headers, finds its notice in the
 * flattened body (BsMail.body, mail.h) between a start marker and a stop
 * marker or the returned message, reads the notice's lines into records
 * (one per recipient, with the text that explains it), and lets the fixed
 * phrases of its MTA state the reason or the SMTP command.  The kit is:
 *
 *   lines     BsLine: one line of the body, read in place, and its helpers
 *             (lines.c; the rest is kit.c)
 *   notices   BsNoticeSpec and bs_notice_walk(): where a notice is, and the
 *             one walk over its lines (memchr-led, no copy per line)
 *   records   BsNotice: the records a walk builds, RFC 3464 fields written
 *             in a notice, and the two ways they end up in the message's
 *             records: committed (they replace what dsn.c read) or adopted
 *             (they complete the delivery-status part's records)
 *   formats   BsFormat: a module as a table (markers, how a line is read,
 *             its phrases) and bs_format_read(), which most modules are
 *   phrases   BsPhrase rows: fixed texts that state a reason or a command
 *   headers   the top-level fields and Received: fields, read in place
 *
 * The SMTP facts in a text (status, reply code, command, host) are read by
 * smtp.h's readers, one per fact.  What only one format (and the formats
 * built on it) needs stays in that module, with a header of its own when
 * another module shares it (qmail.h, exim.h, sendmail.h, kddi.h,
 * amazonses.h, mda.h).  After Sisimai's Lhost modules, RFC1894.pm and
 * String.pm (BSD-2-Clause): the loop all of them repeat, written once.
 * docs/adding-a-format.md shows a module made of it.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "../lhost.h"
#include "../mail.h"
#include "../record.h"
#include "../smtp.h" /* the SMTP facts a notice states: one reader each */

G_BEGIN_DECLS

/* the function of every format of formats.h, bs_lhost_<name> (lhost.h) */
#define BS_FORMAT(name) gboolean bs_lhost_##name (const BsMail *mail, GPtrArray *records);
#include "formats.h"
#undef BS_FORMAT

/* ---- lines ---------------------------------------------------------------- */

/* one line of a text, in place: without its LF (and a CR before it); not
 * NUL-terminated */
typedef struct {
  const char *s;
  gsize n;
} BsLine;

/* the lines of [p, end) */
typedef struct {
  const char *p;
  const char *end;
} BsLines;

void bs_lines_init (BsLines *it, const char *start, const char *end);
gboolean bs_lines_next (BsLines *it, BsLine *line);

gboolean bs_line_starts (BsLine l, const char *prefix);
gboolean bs_line_istarts (BsLine l, const char *prefix); /* ASCII case-insensitive */
gboolean bs_line_ends (BsLine l, const char *suffix);
gboolean bs_line_equals (BsLine l, const char *text);
const char *bs_line_find (BsLine l, const char *needle);  /* first occurrence, or NULL */
const char *bs_line_chr (BsLine l, char c);               /* memchr */
gboolean bs_line_blank (BsLine l);                        /* empty, or blanks only */
BsLine bs_line_trim (BsLine l);                           /* without blanks around */
BsLine bs_line_after (BsLine l, const char *p);           /* the part of l from p on */
char *bs_line_dup (BsLine l);

/* bs_line_field - "Name: value" (name ASCII case-insensitive, blanks
 * allowed before the colon): TRUE, with the value (blanks around it
 * trimmed) in *value */
gboolean bs_line_field (BsLine l, const char *name, BsLine *value);

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

/* bs_line_mark - TRUE when l starts with (anywhere: holds) one of marks
 * (NULL-terminated, may be NULL) */
gboolean bs_line_mark (BsLine l, const char *const *marks, gboolean anywhere);

/* bs_line_returned - TRUE for a line where the returned message begins: the
 * "Content-Type: message/rfc822" (message/global, text/rfc822-headers,
 * message/partial) line message.c writes before it, any case */
gboolean bs_line_returned (BsLine l);

/* bs_text_find - the start of the first line in [from, end) that starts with
 * (anywhere: holds) one of marks; NULL if none */
const char *bs_text_find (const char *from, const char *end, const char *const *marks,
                          gboolean anywhere);

/* bs_text_end - the first line of text starting with one of marks or where
 * the returned message begins (bs_line_returned); the end of text otherwise */
const char *bs_text_end (const char *text, const char *const *marks);

/* ---- notices -------------------------------------------------------------- */

enum {
  BS_NOTICE_START_LINE = 1 << 0, /* the line that opens the notice is read too */
  BS_NOTICE_BLANK = 1 << 1,      /* empty lines are read too (else skipped) */
  BS_NOTICE_OPTIONAL = 1 << 2,   /* no start marker found: read from the top */
};

/* where a notice is in the flattened body */
typedef struct {
  /* a line starting with one of these opens the notice (NULL-terminated);
   * start and start_within both NULL: it opens at the first line */
  const char *const *start;
  /* ... or a line holding one of these */
  const char *const *start_within;
  /* a line starting with one of these ends it; the returned message
   * (bs_line_returned) always does, before the start marker too */
  const char *const *stop;
  guint flags; /* BS_NOTICE_* */
} BsNoticeSpec;

typedef struct _BsNotice BsNotice;

/* reads one line of a notice into n */
typedef void (*BsNoticeLine) (BsNotice *n, BsLine line);

/* the records one walk builds, and what the notice says for all of them */
struct _BsNotice {
  GPtrArray *records;     /* (BsRecord *), the first one made at the start */
  guint recipients;       /* records given a recipient */
  char *reporting_mta;    /* Reporting-MTA written in the notice */
  char *arrival_date;     /* Arrival-Date written in the notice */
  gboolean in_diagnostic; /* the last DSN field read was Diagnostic-Code */
  gboolean new_group;     /* an empty line came after the last DSN field */
  gboolean done;          /* set by a reader: the notice ends here */
  gpointer user;          /* the module's own state */
};

/* bs_notice_walk - read the notice of body with spec: read() gets each of
 * its lines, at most 8 * BS_MAX_RECIPIENTS lines of the body; NULL when no
 * start marker was found (and the spec does not allow it).  Free with
 * bs_notice_free(). */
BsNotice *bs_notice_walk (const char *body, const BsNoticeSpec *spec, BsNoticeLine read,
                          gpointer user);
void bs_notice_free (BsNotice *n);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsNotice, bs_notice_free)

/* ---- records -------------------------------------------------------------- */

/* bs_notice_current - the record being filled (never NULL) */
BsRecord *bs_notice_current (BsNotice *n);

/* bs_notice_recipient - start the record of the recipient whose address is
 * in text (cleaned to local@domain), reusing the current record while it
 * has none; NULL (nothing added) when text holds no address.  Beyond
 * BS_MAX_RECIPIENTS the current record is returned unchanged. */
BsRecord *bs_notice_recipient (BsNotice *n, const char *text);
BsRecord *bs_notice_recipient_line (BsNotice *n, BsLine text);

/* bs_notice_dsn_line - read an RFC 3464 field written in the notice (or
 * the continuation of a Diagnostic-Code) into n; Final-Recipient opens a
 * record, an empty line ends a group.  TRUE when the line was one. */
gboolean bs_notice_dsn_line (BsNotice *n, BsLine line);

/* bs_notice_failed_recipients - a record for each address of the
 * X-Failed-Recipients header field */
void bs_notice_failed_recipients (BsNotice *n, const BsMail *mail);

/* bs_notice_merge_dsn - complete each record of the walk from the record
 * for the same recipient in dsn (what dsn.c read from the delivery-status
 * parts): status, action, MTAs, date, original recipient, diagnostic,
 * where the notice gave none */
void bs_notice_merge_dsn (BsNotice *n, const GPtrArray *dsn);

/* bs_notice_commit - the walk's records replace those of records: the
 * ones without a recipient dropped, each finished (Sisimai's String->sweep
 * and Data.pm step: a trailing " --boundary" cut from the diagnostic, the
 * reply code read from it when none was given), given the notice's
 * Reporting-MTA and Arrival-Date where they have none, and action "failed"
 * when none is stated.  FALSE, leaving records alone, when the walk found
 * no recipient. */
gboolean bs_notice_commit (BsNotice *n, GPtrArray *records);

/* bs_records_claim - the records dsn.c made are this format's: each
 * finished as bs_notice_commit() finishes its own; TRUE if there are any */
gboolean bs_records_claim (GPtrArray *records);

/* bs_records_adopt - the records a text reading found go into records:
 * when records (from the delivery-status part) already holds recipients,
 * each found one completes the record with the same address (the fields
 * it lacks; a status ending in ".0.0" or a missing reply code bettered by
 * a specific one in the text); otherwise found's records become them.
 * found is emptied. */
void bs_records_adopt (GPtrArray *records, GPtrArray *found);

/* bs_records_from_text_dsn - when records is empty, read delivery-status
 * fields ("Final-Recipient: ...") from the notice's own text (a report sent
 * without MIME structure); returns records->len */
guint bs_records_from_text_dsn (const char *body, GPtrArray *records);

/* bs_text_append - add text (n bytes) to a field, one space between, as
 * bs_record_set() cleans it; nothing past BS_MAX_FIELD_BYTES */
void bs_text_append (char **field, const char *text, gsize n);
void bs_text_append_line (char **field, BsLine line);

/* bs_text_set_line - a field set to line, as bs_record_set() cleans it */
void bs_text_set_line (char **field, BsLine line);

/* bs_record_set_status - r->status from status, stated by the bounce
 * (status_from "bounce"; NULL clears both) */
void bs_record_set_status (BsRecord *r, const char *status);

/* bs_record_set_reason - reason, rule "lhost-<name>" and evidence */
void bs_record_set_reason (BsRecord *r, BsReason reason, const char *name, const char *evidence);

/* ---- phrases -------------------------------------------------------------- */

/* a fixed text of an MTA and the reason it states */
typedef struct {
  BsReason reason;
  const char *phrase; /* case-sensitive text it is found by */
} BsPhrase;

/* a fixed text of an MTA and the SMTP command it names */
typedef struct {
  const char *command;
  const char *phrase; /* case-sensitive text it is found by */
} BsCommandPhrase;

#define BS_PHRASES(table) (table), G_N_ELEMENTS (table)

/* bs_phrase_find - the first row whose phrase is in text, or NULL */
const BsPhrase *bs_phrase_find (const char *text, const BsPhrase *rows, gsize n);

/* bs_phrase_reason - when the record has no reason yet and its diagnostic
 * holds a phrase of rows, set reason, rule ("lhost-<name>") and evidence */
gboolean bs_phrase_reason (BsRecord *r, const BsPhrase *rows, gsize n, const char *name);

/* bs_phrase_command - when the record has no command and its diagnostic
 * holds a phrase of rows, set the command */
gboolean bs_phrase_command (BsRecord *r, const BsCommandPhrase *rows, gsize n);

/* ---- formats -------------------------------------------------------------- */

/* how a line that names no recipient is taken (BsFormat.other) */
typedef enum {
  BS_LINE_JOIN, /* part of the current recipient's diagnostic */
  BS_LINE_SKIP, /* ignored */
  BS_LINE_STOP, /* the notice ends here */
} BsLineAction;

enum {
  BS_FORMAT_KEEP_BLANK = 1 << 0,  /* rcpt reading: blank lines reach `other` */
  BS_FORMAT_TEXT_BEFORE = 1 << 1, /* rcpt reading: text before the first recipient
                                     is its own (the reason, then the address) */
  BS_FORMAT_REPLACE = 1 << 2,     /* rcpt reading: the text's recipients replace
                                     the delivery-status part's */
  BS_FORMAT_MERGE_DSN = 1 << 3,   /* line reading: dsn.c's records complete the
                                     text's (bs_notice_merge_dsn) */
  BS_FORMAT_FAILED_HEADER = 1 << 4, /* line reading: no recipient in the text:
                                       X-Failed-Recipients names them */
};

/* a format module as a table: where its notice is, how it is read, and
 * what its fixed texts state.  It is read in one of three ways, by which
 * reader it has:
 *  - rcpt (a plain-text MTA notice): a line naming a recipient starts its
 *    record, `other` says what the other lines are; the records found are
 *    adopted into the delivery-status part's (or replace them);
 *  - read (a provider's notice): each line goes to read(), which builds
 *    the records on the BsNotice; they are committed, replacing dsn.c's;
 *  - neither: the recipients are dsn.c's (provided the notice's start
 *    marker is in the body), or the DSN fields written in the notice.
 * Every record is then given to finish(), then the command and reason
 * phrases (where it has none). */
typedef struct {
  const char *name;    /* the module's name: its rules are "lhost-<name>" */
  BsNoticeSpec notice; /* where the notice is */
  guint flags;         /* BS_FORMAT_* */
  /* rcpt - when line names a recipient, the address (newly allocated) and
   * in *rest the text on that line that begins its diagnostic (n == 0 for
   * none); NULL for other lines */
  char *(*rcpt) (BsLine line, BsLine *rest);
  /* other - what any other line is; `current` is the record being read
   * (NULL before the first recipient).  NULL: every line after a recipient
   * joins its diagnostic. */
  BsLineAction (*other) (BsLine line, BsRecord *current);
  BsNoticeLine read;
  void (*finish) (BsRecord *r, gpointer user);
  const BsPhrase *reasons;
  gsize n_reasons;
  const BsCommandPhrase *commands;
  gsize n_commands;
} BsFormat;

#define BS_FORMAT_REASONS(table) .reasons = (table), .n_reasons = G_N_ELEMENTS (table)
#define BS_FORMAT_COMMANDS(table) .commands = (table), .n_commands = G_N_ELEMENTS (table)

/* bs_format_read - read mail as format (user: the module's state, for
 * read() and finish()); TRUE when records now hold this format's
 * recipients */
gboolean bs_format_read (const BsMail *mail, GPtrArray *records, const BsFormat *format,
                         gpointer user);

/* bs_format_scan - the rcpt reading alone: the records of the notice,
 * appended to found (each with its recipient and joined text); how many */
guint bs_format_scan (const char *body, const BsFormat *format, GPtrArray *found);

/* BsLineAction readers most rcpt formats use */
BsLineAction bs_other_skip (BsLine line, BsRecord *current);     /* only recipient lines count */
BsLineAction bs_other_indented (BsLine line, BsRecord *current); /* indented lines join */

/* bs_notice_commands - the SMTP commands the lines of the notice name
 * (bs_smtp_command_named on each), in order; (char *) */
GPtrArray *bs_notice_commands (const char *body, const BsNoticeSpec *spec);

/* ---- headers -------------------------------------------------------------- */

/* bs_header_has - TRUE when the top-level field name holds needle (case
 * sensitive); bs_header_starts - its value starts with prefix;
 * bs_header_is - its value is value */
gboolean bs_header_has (const BsMail *mail, const char *name, const char *needle);
gboolean bs_header_starts (const BsMail *mail, const char *name, const char *prefix);
gboolean bs_header_is (const BsMail *mail, const char *name, const char *value);

/* bs_received_has - TRUE when a top-level Received: field holds needle */
gboolean bs_received_has (const BsMail *mail, const char *needle);

G_END_DECLS
