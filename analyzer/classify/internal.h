/* internal.h - what the files of analyzer/classify/ share: one record's
 * facts, normalised once (Ctx), and each file's functions for the others
 *
 * Not for use outside analyzer/classify/: the public API is ../classify.h.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "../classify.h"
#include "../rules/rules.h"

G_BEGIN_DECLS

/* one record's facts, normalised once (context.c), and the decision */
typedef struct {
  const BsMail *mail;
  BsRecord *r;
  char *diag;               /* lower case, codes of continuation lines removed; "" if none */
  const char *status;       /* the status the tests use, or "" */
  char *status_own;         /* storage for a status taken from the text */
  BsReason sr;              /* what the status means (rules/status.c), or NONE */
  guint reply;
  char command[8];          /* EHLO HELO MAIL RCPT DATA QUIT CONN, or "" */
  char *rhost;              /* lower-case remote MTA, or "" */
  char *domain;             /* lower-case recipient domain, or "" */
  char *mta;                /* format name: lower-case letters and digits */
  gboolean smtp_type;       /* diagnostic type smtp, or none given */
  gboolean xunix;           /* diagnostic type x-unix / x-postfix */
  BsReason given;           /* retry-set reason the format or a format rule stated */
  char *given_rule;
  const char *provider;     /* rules/rhost.c provider, or NULL */
  guint8 *bigrams;          /* which byte pairs occur in diag: a filter before strstr */
  guint16 *first;           /* 1 + where each byte pair first occurs in diag, or 0 */
  gint16 memo[64];          /* per phrase group: -2 not tried, -1 no match, else the row */
  /* the decision */
  BsReason reason;
  char *rule;
  char *evidence;
} Ctx;

/* ---- context.c: the facts, the decision, names ---- */

void bs_ctx_init (Ctx *c, const BsMail *mail, BsRecord *r);
void bs_ctx_clear (Ctx *c);
/* bs_ctx_decide - the decision so far (takes rule and evidence) */
void bs_ctx_decide (Ctx *c, BsReason reason, char *rule, char *evidence);
/* bs_ctx_decide_status - reason, by the status the tests use */
void bs_ctx_decide_status (Ctx *c, BsReason reason);
/* bs_ctx_command_is - the record's command is one of list (NULL-ended) */
gboolean bs_ctx_command_is (const Ctx *c, const char *const *list);
/* host ends with suffix: a suffix without a leading dot starts a label */
gboolean bs_host_has_suffix (const char *host, const char *suffix);
/* domain is name or a subdomain of it */
gboolean bs_domain_is (const char *domain, const char *name);

/* ---- phrase.c: the phrase search ---- */

/* a phrase's filter: byte pairs of its first piece that the diagnostic
 * must hold before strstr is called (all zero: no filter) */
typedef struct {
  guint16 k[3];
} BsFilter;

/* bs_filters_init - the filters of every table row, once */
void bs_filters_init (void);
const BsFilter *bs_filter_provider (gsize row);
const BsFilter *bs_filter_blocklist (gsize row);
const BsFilter *bs_filter_format (gsize row);
/* bs_classify_phrase_find - pieces of p in order in hay; *end gets the end of the last */
const char *bs_classify_phrase_find (const char *hay, const BsPhrase *p, const char **end);
/* bs_ctx_find - bs_classify_phrase_find on the record's diagnostic, after the filter f
 * (NULL: none) */
const char *bs_ctx_find (const Ctx *c, const BsPhrase *p, const BsFilter *f, const char **end);
/* bs_ctx_strstr - bs_strstr in the diagnostic, from where the needle's
 * first byte pair first occurs */
const char *bs_ctx_strstr (const Ctx *c, const char *needle);
/* bs_ctx_match - does the diagnostic hold one of reason's phrases?  When
 * rule is not NULL, it receives the row's id and *evidence the matched text */
gboolean bs_ctx_match (Ctx *c, BsReason reason, char **rule, char **evidence);
/* bs_evidence_at - bounded copy of [start, end) (end NULL: to the end) */
char *bs_evidence_at (const char *start, const char *end);

/* ---- userrules.c: the --rules file ---- */

typedef struct BsUserRule BsUserRule;
/* the first user rule that matches, or NULL; *evidence gets its text */
const BsUserRule *bs_user_rule_match (const Ctx *c, char **evidence);
BsReason bs_user_rule_reason (const BsUserRule *u);
const char *bs_user_rule_name (const BsUserRule *u);
int bs_user_rule_hard (const BsUserRule *u);          /* -1: from the reason */
const char *bs_user_rule_blocklist (const BsUserRule *u);

/* ---- reason.c: the reason ---- */

/* bs_classify_reason - decide c's reason, rule and evidence; *user gets the
 * user rule that decided, or NULL */
void bs_classify_reason (Ctx *c, const BsUserRule **user);

/* ---- provider.c, provider_code.c: the providers' rules and codes ---- */

gboolean bs_classify_provider_rules (Ctx *c);
/* bs_classify_provider_row - does row i of rules/rhost.c match (for c's
 * provider)?  *at, *end: where its text matched, NULL for a row without */
gboolean bs_classify_provider_row (const Ctx *c, gsize i, const char **at, const char **end);
/* status is want, or (want ending in '.') want followed by lo..hi */
gboolean bs_status_in (const char *status, const char *want, guint lo, guint hi);
/* the number of a provider code of kind in diag, or -1 */
long bs_classify_code_number (const char *diag, BsCodeKind kind);

/* ---- blocklist.c ---- */

/* the blocklist that refused (a rules/blocklists.c id), or NULL */
const char *bs_classify_blocklist (const Ctx *c, const char *code);

/* ---- ip.c ---- */

/* bs_classify_received_ip with *by_remote: the field came from the remote
 * MTA (or a host of the recipient's domain) */
char *bs_classify_received_ip_by (const char *headers, const char *remote_mta, const char *domain,
                                  gboolean *by_remote);

G_END_DECLS
