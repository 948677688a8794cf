/* generic_cues.h - the cues of the generic bounce reader (lhost/generic.c)
 *
 * What a person reads a bounce of an unknown MTA by, as data rows: the
 * sentences that say mail failed, the phrases a failed address follows or
 * precedes, the subjects and senders of bounces, the lines where the
 * returned original begins, and the syntaxes of addresses that are not
 * plain (X.400).  Every row has a stable id (the records' `rule` names it)
 * and a sample line that exercises it (tests/test-generic.c checks each).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  /* a sentence that says mail failed: the message is a bounce; an address
   * on its line, or alone on a line below it, is a failed recipient */
  BS_CUE_NOTICE,
  /* the failed address follows it: on its line ("could not be delivered
   * to <a@b>") or listed on the lines below ("The following recipients:") */
  BS_CUE_LEAD,
  /* the address before it on the line failed ("a@b: unknown user account") */
  BS_CUE_TRAIL,
  /* an address syntax: the address follows at once ("dda:SMTP=a@b") */
  BS_CUE_SYNTAX,
  /* the subject of a bounce (anywhere in the Subject) */
  BS_CUE_SUBJECT,
  /* the From of a bounce (anywhere in the From field) */
  BS_CUE_SENDER,
  /* an address on its line is someone to write to ("please contact
   * <help@example.net>"): never a recipient, anywhere in the notice */
  BS_CUE_CONTACT,
  /* the returned original begins (at the start of a line, after blanks,
   * dashes, stars or '=' signs): the notice ends */
  BS_CUE_ORIGINAL,
  /* a delay warning, not a failure (Subject or notice text) */
  BS_CUE_DELAY,
  /* the address right after it is another name of the recipient named
   * before it, the one the sender used ("(generated from a@b)", "(expanded
   * from <a@b>)"): taken only when the text names no other for it (Exim's
   * "an undisclosed address"); never the sender's "from" */
  BS_CUE_ALIAS,
} BsCueKind;

typedef struct {
  const char *id;      /* stable: "lead-en-could-not-be-delivered-to" */
  BsCueKind kind;
  const char *lang;    /* ISO 639-1 code, "" for syntaxes */
  const char *text;    /* lower case (ASCII letters); UTF-8 as written */
  const char *sample;  /* a line of a real bounce's shape that it matches */
} BsCue;

extern const BsCue bs_generic_cues[];
extern const gsize bs_generic_n_cues;

G_END_DECLS
