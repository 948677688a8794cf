/* generic.h - what the files of the generic reader share: its bounds, the
 * lines, addresses, candidates and walk of a notice
 *
 * generic.c decides whether a message is a bounce and makes the records;
 * generic_text.c reads lines (lower case, cues, addresses, where the notice
 * ends); generic_walk.c walks the notice's lines for the failed recipients
 * and their replies; generic_nobody.c finds them when the text names nobody.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "../rules/generic_cues.h"
#include "../mail.h"

G_BEGIN_DECLS

#define NOTICE_BYTES (64u * 1024u)  /* of the body read as the notice */
#define NOTICE_LINES 2000u          /* lines of it */
#define LINE_BYTES 1024u            /* of one line looked at */
#define GATE_BYTES 8192u            /* of the body searched for a failure sentence */
#define DIAG_LINES 6u               /* lines joined to a recipient's text */
#define DIAG_BYTES 1024u            /* bytes of it */
#define LINE_ADDRESSES 16u          /* addresses looked at on one line */
#define MAX_CANDIDATES 1000u        /* recipients one notice may name */
/* where leads end on a line: found once a line, looked up for each address */
#define LINE_LEADS 32u

typedef struct {
  gsize end;         /* offset just past the lead */
  const BsCue *cue;
} Lead;

typedef struct {
  gsize s, e;     /* the address is line[s, e) */
  char *addr;     /* local@domain, the domain lower-cased */
} Found;

typedef struct {
  const char *s;  /* the line, in the body */
  gsize n;
} Line;

typedef struct {
  char *addr;
  const char *cue;     /* id of the cue that named it */
  int strength;        /* 3 a field or syntax, 2 a lead or trail, 1 a line below a cue */
  GString *diag;
  guint diag_lines;
  gboolean diag_closed;
  char *status, *action, *remote, *diag_type;
} Cand;

typedef struct {
  GPtrArray *cands;        /* Cand * in the order the text names them */
  GHashTable *index;       /* lower-case address -> Cand * */
  GHashTable *own;         /* addresses never taken (lower case) */
  GHashTable *delivery;    /* the bounce's Delivered-To, X-Original-To, a self-sent original's
                              sender: taken by a lead or trail only */
  Cand *cur;               /* the one whose text is being read */
  Cand *field;             /* the one the last Final-Recipient field opened */
  const BsCue *armed;      /* the last lead or notice seen: arms address lines below */
  gboolean notice;         /* a failure sentence was seen */
  gboolean in_diag_field;  /* the last field line was a Diagnostic-Code */
  gboolean final_pending;  /* a Final-Recipient that was no address waits for another */
  GString *pre;            /* a reply read before any recipient */
  guint pre_lines;
  gboolean pre_done;       /* its paragraph ended */
  GPtrArray *summary;      /* (char *) addresses of original-header lines in the notice */
  GPtrArray *alone;        /* (char *) addresses alone on a line under no cue */
  char prev[96];           /* the end of the last line, lower case: a phrase
                              wrapped onto the next line is still read */
} Walk;

/* ---- generic_text.c: lower case, cues, addresses, the notice's lines */

/* lower_copy - n bytes of s lower-cased into out (n + 1 bytes): ASCII,
 * Latin-1 and Cyrillic capitals (the same length in UTF-8) */
void bs_generic_lower_copy (const char *s, gsize n, char *out);

/* lower_dup - a lower-cased copy of s (at most LINE_BYTES) */
char *bs_generic_lower_dup (const char *s);

/* cue_find - the first row of kind whose text is in lower (from `from` on);
 * *at receives where it starts.  NULL if none. */
const BsCue *bs_generic_cue_find (const char *lower, BsCueKind kind, const char **at);

/* line_leads - where each lead of the line ends (at most LINE_LEADS) */
guint bs_generic_line_leads (const char *lower, Lead *out);

/* lead_before - the lead that ends nearest before offset s (the address's
 * lead), NULL if none */
const BsCue *bs_generic_lead_before (const Lead *leads, guint k, gsize s);

/* cue_ending - the row of kind whose text ends at offset s of lower (an
 * address syntax "dda:smtp=", an alias "generated from"), NULL if none */
const BsCue *bs_generic_cue_ending (const char *lower, gsize s, BsCueKind kind);

/* a byte of an address's local part */
gboolean bs_generic_local_char (guchar c);

/* line_addresses - every address in line (at most LINE_ADDRESSES) */
guint bs_generic_line_addresses (const char *line, gsize n, Found *out);

/* every address of value (a field, a line) into set, lower-cased */
void bs_generic_add_addresses (GHashTable *set, const char *value);

/* lower starts with one of the n strings of list */
gboolean bs_generic_starts_any (const char *lower, const char *const *list, gsize n);

/* a field of the original's header summary a notice may show ("To: a@b") */
gboolean bs_generic_summary_field (const char *lower);

/* a "Name: value" line of a header block (no blank before the name) */
gboolean bs_generic_header_like (const char *line, gsize n);

/* the notice: lines of body up to the returned original; *after is where
 * the original begins (NULL: not found) */
GArray *bs_generic_notice_lines (const char *body, const char **after);

/* ---- generic_walk.c: candidates and the walk of the notice */

void bs_generic_cand_free (Cand *c);

/* diag_add - n bytes of s, trimmed, to the candidate's text (bounded) */
void bs_generic_diag_add (Cand *c, const char *s, gsize n);

/* cand_add - the candidate for addr (owned), the one already named if any
 * (its cue the stronger); NULL past MAX_CANDIDATES */
Cand *bs_generic_cand_add (Walk *w, char *addr, const BsCue *cue, const char *cue_id, int strength);

/* is the address one the bounce must never report? */
gboolean bs_generic_refused_address (const Walk *w, const char *addr);

/* a reply or status on a line: "550 ...", "550-5.1.1", "#5.1.1", "5.1.1 " */
gboolean bs_generic_has_reply (const char *line, gsize n);

/* walk_line - one line of the notice: the recipients it names, or their text */
void bs_generic_walk_line (Walk *w, const char *line, gsize n);

/* ---- generic_nobody.c: when the text names nobody */

/* the original's To and Cc addresses (lower case domains), less a mailing
 * list's own address (its List-Post, X-BeenThere, Mailing-List): a post to
 * a list names the list, not the member whose mailbox refused it */
GPtrArray *bs_generic_original_recipients (const BsMail *mail, const char *after_notice);

/* from_original - a local part or screen name the notice names beside a
 * cue, matched to the original's To/Cc; then the original's one recipient,
 * when the text says the message failed */
void bs_generic_from_original (Walk *w, const BsMail *mail, GArray *lines, const char *after_notice);

/* from_mailer_domain - a screen name or local part listed alone under a
 * lead ("...could not be delivered:" / "\tscreenname") in a bounce sent by
 * MAILER-DAEMON@d: the mailbox is name@d, the mailer's own domain; the
 * lead's sentence is its text (it says why) */
void bs_generic_from_mailer_domain (Walk *w, const BsMail *mail, GArray *lines);

G_END_DECLS
