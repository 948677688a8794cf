/* rules.h - the shapes of the classification's data tables (analyzer/rules/)
 *
 * Tables only: every array below is static const data; analyzer/classify/
 * owns the order in which they are walked (see docs/classification.md).
 * Texts are lower case and matched as substrings of the lower-cased
 * diagnostic: a row with several pieces matches when they appear in that
 * order ("aligned").
 *
 * Every row has a stable id, written in the row (never its position: a row
 * inserted before it changes nothing), and a sample: what a remote server
 * (or a format) writes that the row decides.  A row's id is the part of
 * the rule id the history keeps ("phrase:REASON:ID", "format:ID",
 * "rhost:PROVIDER:ID", "delay-network:ID"); rows keyed by what they match
 * (statuses, provider hosts, provider codes) have that key as their id.
 * tests/test-rules.c walks every row and checks that its sample is decided
 * by it.  An id is letters, digits, '-' and '.', with at least one letter,
 * and is never given to another row once released.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "../reasons.h"

G_BEGIN_DECLS

#define BS_RULE_PIECES 3

/* one phrase: up to BS_RULE_PIECES lower-case pieces, in order */
typedef struct {
  const char *piece[BS_RULE_PIECES];
} BsPhrase;

/* a row of a phrase table: id, phrase, sample */
typedef struct {
  const char *id;
  BsPhrase text;
  const char *sample;       /* a diagnostic this row decides (an except row: matches) */
} BsPhraseRow;

/* the phrases that mean one reason (after Sisimai's reason phrase lists) */
typedef struct {
  BsReason reason;
  const BsPhraseRow *rows;
  gsize n_rows;
  const BsPhraseRow *except; /* phrases that veto the group, or NULL */
  gsize n_except;
} BsPhraseGroup;

extern const BsPhraseGroup *const bs_rules_phrase_groups[];
extern const gsize bs_rules_n_phrase_groups;

/* phrases that, in a delay warning (the message is still queued), name the
 * network error being retried: networkerror, not expired */
extern const BsPhraseRow bs_rules_delay_network[];
extern const gsize bs_rules_n_delay_network;

/* what a format (an MTA's own bounce wording) states, after the message
 * tables of Sisimai's MTA modules: mta NULL applies to every format */
typedef struct {
  const char *id;
  const char *mta;          /* normalised format name (lower case, letters and digits) */
  BsReason reason;
  BsPhrase text;
  const char *sample;       /* the format's text this row decides */
} BsFormatRule;

extern const BsFormatRule bs_rules_format[];
extern const gsize bs_rules_n_format;

/* RFC 3463 status -> reason (after Sisimai 5's table of statuses); the
 * status is the row's id ("status:5.1.1") */
typedef struct {
  const char *status;
  BsReason reason;
  const char *sample;       /* a reply with this status that its meaning decides */
} BsStatusRule;

extern const BsStatusRule bs_rules_status[];
extern const gsize bs_rules_n_status;

/* remote hosts and recipient domains of providers with their own rules;
 * the host suffix or the domain is the row's id */
typedef struct {
  const char *provider;
  const char *host_suffix;  /* remote MTA ends with it (lower case), or NULL */
  const char *domain;       /* recipient domain equals it or ends with "." it, or NULL */
  const char *sample;       /* a remote MTA's name, or a recipient's domain, it stands for */
} BsProviderHost;

extern const BsProviderHost bs_rules_provider_hosts[];
extern const gsize bs_rules_n_provider_hosts;

typedef enum {
  BS_CODE_NONE = 0,   /* match on reply, status and text only */
  BS_CODE_AUP,        /* Spectrum/Charter "AUP#xxxx1234": number in lo..hi */
  BS_CODE_FRANCEPTT,  /* Orange/La Poste "OFR006_102", "LPN007_420": last 3 digits in lo..hi */
  BS_CODE_IUA,        /* i.ua ".i.ua/err/N": N in lo..hi */
} BsCodeKind;

/* one provider rule (after Sisimai's provider modules): every given field
 * must match; status "5.7." with lo..hi matches 5.7.lo to 5.7.hi */
typedef struct {
  const char *provider;
  const char *id;           /* unique among the provider's rows */
  BsReason reason;
  guint reply;              /* 0: any */
  const char *status;       /* exact, or a prefix ending in "." with lo..hi; NULL: any */
  guint lo, hi;
  BsCodeKind code;          /* a provider code whose number is in lo..hi */
  BsPhrase text;            /* empty: any */
  const char *command;      /* SMTP command the reply answered, or NULL: any */
  const char *sample;       /* the provider's reply this row decides */
} BsProviderRule;

extern const BsProviderRule bs_rules_provider[];
extern const gsize bs_rules_n_provider;

/* blocklists and reputation systems, recognised in the diagnostic text */
typedef struct {
  const char *id;           /* the row's own */
  const char *blocklist;    /* the list's stable id: "spamhaus-zen" ... */
  BsPhrase text;
  const char *sample;       /* a refusal whose first matching row this is */
} BsBlocklistRule;

extern const BsBlocklistRule bs_rules_blocklist[];
extern const gsize bs_rules_n_blocklist;

/* provider codes and the system they belong to: the code as written
 * starts with prefix (upper case), the row's id */
typedef struct {
  const char *prefix;
  const char *blocklist;    /* NULL: the code names no list */
  const char *sample;       /* a refusal with such a code */
} BsCodeRule;

extern const BsCodeRule bs_rules_codes[];
extern const gsize bs_rules_n_codes;

/* every blocklist id the tables can give, for the advice and the tests */
extern const char *const bs_rules_blocklist_ids[];
extern const gsize bs_rules_n_blocklist_ids;

G_END_DECLS
