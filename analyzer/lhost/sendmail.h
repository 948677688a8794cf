/* sendmail.h - what Sendmail's notices share with those of old Sendmail
 * (v5sendmail.c): the session transcript and forwarded notices
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "kit.h"

G_BEGIN_DECLS

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

/* bs_sendmail_subject - the Subject without the "Fwd:"/"Fw:" of a
 * forwarded notice (newly allocated, "" when absent); *forwarded tells */
char *bs_sendmail_subject (const BsMail *mail, gboolean *forwarded);

/* bs_sendmail_body - the body, with the "> " quote marks of a forwarded
 * notice removed when forwarded (newly allocated) */
char *bs_sendmail_body (const BsMail *mail, gboolean forwarded);

G_END_DECLS
