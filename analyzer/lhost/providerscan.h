/* providerscan.h - the walk that provider and appliance notices share
 *
 * Most provider bounces have one shape: a start marker opens the notice,
 * recipient lines and their error text follow, and a marker of the
 * original message ends it.  A module describes its markers in a
 * BsPscanSpec, gives a callback that reads one line into the scan state,
 * then finishes the records with the helpers below.  Delivery-status
 * fields written inside the notice (as many providers do, in a real
 * delivery-status part or in plain text) are read by bs_pscan_dsn_line().
 * After Sisimai's Lhost modules (BSD-2-Clause): the loop every one of them
 * repeats, written once.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "../mail.h"
#include "../record.h"

G_BEGIN_DECLS

/* where the notice starts and ends in the flattened body */
typedef struct {
  /* a line starting with one of these opens the notice (NULL-terminated;
   * NULL: the notice starts at the first line) */
  const char *const *start;
  /* ... or a line containing one of these (NULL-terminated, may be NULL) */
  const char *const *start_within;
  /* hand the opening line to the callback too */
  gboolean read_start_line;
  /* hand blank lines to the callback (otherwise skipped) */
  gboolean read_blank_lines;
  /* a line starting with one of these ends the notice (NULL-terminated);
   * the original message's part markers "Content-Type: message/rfc822"
   * and friends always end it */
  const char *const *stop;
} BsPscanSpec;

/* the state of one walk: the records being built, per-message fields */
typedef struct {
  GPtrArray *records;     /* (BsRecord *), the first one made at start */
  guint recipients;       /* records given a recipient */
  char *reporting_mta;    /* Reporting-MTA seen in the notice */
  char *arrival_date;     /* Arrival-Date seen in the notice */
  gboolean in_diagnostic; /* the last DSN field read was Diagnostic-Code */
  gboolean new_group;     /* a blank line came after the last DSN field */
  gpointer user;          /* the module's own state */
} BsPscan;

typedef void (*BsPscanLine) (BsPscan *scan, const char *line);

/* bs_pscan_run - walk the notice of body line by line (lines without
 * their newline); NULL when no start marker was found.  Free with
 * bs_pscan_free(). */
BsPscan *bs_pscan_run (const char *body, const BsPscanSpec *spec, BsPscanLine read, gpointer user);
void bs_pscan_free (BsPscan *scan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsPscan, bs_pscan_free)

/* bs_pscan_current - the record being filled (never NULL) */
BsRecord *bs_pscan_current (BsPscan *scan);

/* bs_pscan_recipient - start the record of a new recipient (reusing the
 * current one while it has none); address is cleaned to local@domain.
 * Returns NULL (and adds nothing) when text holds no address. */
BsRecord *bs_pscan_recipient (BsPscan *scan, const char *text);

/* bs_pscan_append - add text to a string field, joined by one space */
void bs_pscan_append (char **field, const char *text);

/* bs_pscan_dsn_line - read an RFC 3464 field (or the continuation of a
 * Diagnostic-Code) into the scan: Final-Recipient opens a record; TRUE
 * when the line was one */
gboolean bs_pscan_dsn_line (BsPscan *scan, const char *line);

/* bs_pscan_dsn_reader - a BsPscanLine that reads only DSN fields */
void bs_pscan_dsn_reader (BsPscan *scan, const char *line);

/* bs_pscan_merge_dsn - complete each record of the scan from the record
 * for the same recipient in dsn (what dsn.c read from the delivery-status
 * parts): status, action, remote and reporting MTA, date, diagnostic,
 * where the notice's text gave none */
void bs_pscan_merge_dsn (BsPscan *scan, const GPtrArray *dsn);

/* a module's finishing step for one record */
typedef void (*BsPscanFinish) (BsRecord *r, gpointer user);

/* bs_pscan_dsn_module - the whole of a module whose notice carries
 * delivery-status fields (in a delivery-status part, or written in the
 * text): when dsn.c found records, they are the recipients, provided the
 * notice's start marker is in the body; otherwise the fields are read from
 * the notice's lines.  finish (may be NULL) then completes each record,
 * and the Data.pm step of bs_pscan_commit follows.  TRUE when records
 * hold this format's recipients. */
gboolean bs_pscan_dsn_module (const BsMail *mail, GPtrArray *records, const BsPscanSpec *spec,
                              BsPscanFinish finish, gpointer user);

/* bs_pscan_inner_reply - a reply quoted in angle brackets inside the
 * diagnostic ("554 4.4.7 Message expired ... <421 4.4.2 Connection timed
 * out>", as Amazon writes them) is the remote's last word: its reply code
 * and status win */
void bs_pscan_inner_reply (BsRecord *r);

/* bs_pscan_commit - drop records without a recipient, clean diagnostics
 * (Sisimai's String->sweep), give per-message fields to every record and
 * move them into records (replacing what was there); FALSE, leaving
 * records alone, when the scan found no recipient.  Then, as Sisimai's
 * Data.pm does for every record: a precise status (x.[1-9].[1-9]) in the
 * diagnostic wins over a vaguer one, and the reply code is read from the
 * diagnostic when none was given. */
gboolean bs_pscan_commit (BsPscan *scan, GPtrArray *records);

/* bs_pscan_claim - take the records dsn.c made as this format's: the
 * same Data.pm step as bs_pscan_commit on each; TRUE if there are any */
gboolean bs_pscan_claim (GPtrArray *records);

/* bs_pscan_text_codes - the Data.pm step of bs_pscan_commit for one
 * record: precise status and reply code from the diagnostic (a status the
 * module already read from the text, status_from "text", is kept) */
void bs_pscan_text_codes (BsRecord *r);

/* a reason a provider's fixed text states */
typedef struct {
  const char *reason;
  const char *text;       /* case-sensitive substring of the diagnostic */
} BsPscanPhrase;

/* bs_pscan_phrase_reason - the first row whose text is in r->diagnostic
 * gives r its reason, rule "lhost-<module>" and evidence; TRUE if one did */
gboolean bs_pscan_phrase_reason (BsRecord *r, const BsPscanPhrase *rows, gsize n_rows,
                                 const char *module);

/* bs_pscan_set_reason - set reason, rule "lhost-<module>" and evidence */
void bs_pscan_set_reason (BsRecord *r, const char *reason, const char *module,
                          const char *evidence);

/* bs_pscan_set_status - r->status from text ("bounce": stated) */
void bs_pscan_set_status (BsRecord *r, const char *status);

/* bs_pscan_refine_status - a status of x.0.0 or x.1.0 replaced by the
 * more precise one quoted in the diagnostic ("5.1.0 - Unknown address
 * error 550-'5.7.1 ...'"), as Amazon's services write them */
void bs_pscan_refine_status (BsRecord *r);

/* bs_pscan_reply_code - an SMTP reply code standing as a word in text
 * (a 4xx or 5xx one first, else a 2xx one; "550:" counts), IPv4
 * addresses skipped, only codes bs_pscan_reply_valid() knows; 0 if none.
 * Sisimai's SMTP::Reply->find. */
guint bs_pscan_reply_code (const char *text);

/* bs_pscan_reply_valid - TRUE for a reply code bounces really carry */
gboolean bs_pscan_reply_valid (guint code);

/* bs_pscan_command - the SMTP command named in text: "RCPT" for
 * "RCPT TO", "[RCPT_TO]", "after RCPT", "in reply to RCPT TO command"... */
char *bs_pscan_command (const char *text);

/* bs_pscan_commands - the SMTP commands named in the lines of the notice
 * (bs_pscan_command on each line), in order; (char *) */
GPtrArray *bs_pscan_commands (const char *body, const BsPscanSpec *spec);

/* bs_pscan_exim_finish - for notices written by Exim (MXLogic, Mail.ru):
 * the remote host from "host X [IP]: ", the command from "SMTP error from
 * remote mail server after RCPT", and the reason Exim's own texts state
 * (rejected after MAIL, blocked after HELO/EHLO, fixed phrases, delays) */
void bs_pscan_exim_finish (BsRecord *r, const char *module);

/* header helpers on the top-level headers */
gboolean bs_pscan_header_has (const BsMail *mail, const char *name, const char *text);
gboolean bs_pscan_header_is (const BsMail *mail, const char *name, const char *value);
/* bs_pscan_received_has - TRUE when a Received: field contains text */
gboolean bs_pscan_received_has (const BsMail *mail, const char *text);
/* bs_pscan_received_host - the "from" host of the first (newest=FALSE:
 * last) Received: field, newly allocated or NULL */
char *bs_pscan_received_from (const BsMail *mail, gboolean newest);
/* bs_pscan_received_by - the "by" host of the newest Received: field */
char *bs_pscan_received_by (const BsMail *mail);

G_END_DECLS
