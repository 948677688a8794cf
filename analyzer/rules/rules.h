/* rules.h - the shapes of classify.c's data tables (analyzer/rules/)
 *
 * Tables only: every array below is static const data, each row with a
 * comment naming the bounce it handles; classify.c owns the order in which
 * they are walked (see docs/classification.md).  Texts are lower case and
 * matched as substrings of the lower-cased diagnostic: a row with several
 * pieces matches when they appear in that order ("aligned").
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

/* the phrases that mean one reason (after Sisimai's Reason/<Name>.pm) */
typedef struct {
  BsReason reason;
  const BsPhrase *rows;
  gsize n_rows;
  const BsPhrase *except;   /* phrases that veto the group, or NULL */
  gsize n_except;
} BsPhraseGroup;

extern const BsPhraseGroup bs_rules_phrase_groups[];
extern const gsize bs_rules_n_phrase_groups;

/* phrases that, in a delay warning (the message is still queued), name the
 * network error being retried: networkerror, not expired */
extern const BsPhrase bs_rules_delay_network[];
extern const gsize bs_rules_n_delay_network;

/* what a format (an MTA's own bounce wording) states, after the message
 * tables of Sisimai's Lhost/<Name>.pm: mta NULL applies to every format */
typedef struct {
  const char *mta;          /* normalised format name (lower case, letters and digits) */
  BsReason reason;
  BsPhrase text;
} BsFormatRule;

extern const BsFormatRule bs_rules_format[];
extern const gsize bs_rules_n_format;

/* RFC 3463 status -> reason (after Sisimai's SMTP/Status.pm, Sisimai 5) */
typedef struct {
  const char *status;
  BsReason reason;
} BsStatusRule;

extern const BsStatusRule bs_rules_status[];
extern const gsize bs_rules_n_status;

/* remote hosts and recipient domains of providers with their own rules */
typedef struct {
  const char *provider;
  const char *host_suffix;  /* remote MTA ends with it (lower case), or NULL */
  const char *domain;       /* recipient domain equals it or ends with "." it, or NULL */
} BsProviderHost;

extern const BsProviderHost bs_rules_provider_hosts[];
extern const gsize bs_rules_n_provider_hosts;

typedef enum {
  BS_CODE_NONE = 0,   /* match on reply, status and text only */
  BS_CODE_AUP,        /* Spectrum/Charter "AUP#xxxx1234": number in lo..hi */
  BS_CODE_FRANCEPTT,  /* Orange/La Poste "OFR006_102", "LPN007_420": last 3 digits in lo..hi */
  BS_CODE_IUA,        /* i.ua ".i.ua/err/N": N in lo..hi */
} BsCodeKind;

/* one provider rule (after Sisimai's Rhost/<Name>.pm): every given field must
 * match; status "5.7." with lo..hi matches 5.7.lo to 5.7.hi */
typedef struct {
  const char *provider;
  BsReason reason;
  guint reply;              /* 0: any */
  const char *status;       /* exact, or a prefix ending in "." with lo..hi; NULL: any */
  guint lo, hi;
  BsCodeKind code;          /* a provider code whose number is in lo..hi */
  BsPhrase text;            /* empty: any */
  const char *command;      /* SMTP command the reply answered, or NULL: any */
} BsProviderRule;

extern const BsProviderRule bs_rules_provider[];
extern const gsize bs_rules_n_provider;

/* blocklists and reputation systems, recognised in the diagnostic text */
typedef struct {
  const char *blocklist;    /* stable id: "spamhaus-zen" ... */
  BsPhrase text;
} BsBlocklistRule;

extern const BsBlocklistRule bs_rules_blocklist[];
extern const gsize bs_rules_n_blocklist;

/* provider codes and the system they belong to: the code as written
 * starts with prefix (upper case) */
typedef struct {
  const char *prefix;
  const char *blocklist;    /* NULL: the code names no list */
} BsCodeRule;

extern const BsCodeRule bs_rules_codes[];
extern const gsize bs_rules_n_codes;

/* every blocklist id the tables can give, for the advice and the tests */
extern const char *const bs_rules_blocklist_ids[];
extern const gsize bs_rules_n_blocklist_ids;

G_END_DECLS
