/* check.h - live checks (--check): is the IP a bounce blamed still on the
 * blocklists, does it have a PTR that resolves back, does the sender domain
 * publish SPF and DMARC
 *
 * A BsChecker collects targets (from records, or from the failures of the
 * history), asks DNS through libunbound (asynchronous, at most max_inflight
 * queries at once, each cancelled after timeout_ms, each name asked once
 * per run), and keeps one BsCheckResult per IP and list, per IP for its PTR,
 * and per domain for SPF and DMARC.  bs_checker_save keeps them in the
 * history (bs_store_add_checks) with the time of each answer.  The lists,
 * their zones and return codes are the tables of analyzer/rules/dnsbl.c.
 * Its own library (check/: check-private.h says which file does what),
 * linked by the commands that check and by nothing else.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "history.h"
#include "record.h"
#include "rules/dnsbl.h"

G_BEGIN_DECLS

typedef enum {
  BS_CHECK_DNSBL,    /* an IP (or a domain) on a DNS blocklist */
  BS_CHECK_NO_DNS,   /* a list a bounce named that no DNS query can ask */
  BS_CHECK_PTR,      /* the IP's PTR record and whether it resolves back */
  BS_CHECK_SPF,      /* the domain's SPF record (TXT v=spf1) */
  BS_CHECK_DMARC,    /* the domain's DMARC record (TXT at _dmarc.) */
} BsCheckKind;

typedef enum {
  BS_CHECK_LISTED,        /* DNSBL: a listing code */
  BS_CHECK_NOT_LISTED,    /* DNSBL: no such name (or no code of this sub-list) */
  BS_CHECK_REFUSED,       /* DNSBL: the list's error code: this resolver cannot ask it */
  BS_CHECK_CONFIRMED,     /* PTR: its name resolves back to the IP */
  BS_CHECK_UNCONFIRMED,   /* PTR: its name does not resolve back to the IP */
  BS_CHECK_FOUND,         /* SPF, DMARC: one record */
  BS_CHECK_NONE,          /* PTR, SPF, DMARC: no record */
  BS_CHECK_SEVERAL,       /* SPF, DMARC: more than one record (receivers treat it as an error) */
  BS_CHECK_TIMEOUT,       /* no answer in time: state unknown */
  BS_CHECK_FAILED,        /* the resolver failed (SERVFAIL, REFUSED...): state unknown */
  BS_CHECK_NOT_CHECKED,   /* NO_DNS: cannot be asked over DNS */
} BsCheckStatus;

typedef struct {
  BsCheckKind kind;
  BsCheckStatus status;
  char *subject;       /* the IP (canonical text) or the domain checked */
  char *list;          /* DNSBL, NO_DNS: blocklist id; else NULL */
  char *list_name;     /* its name, "Spamhaus SBL"; else NULL */
  char *query;         /* the DNS name asked, or NULL */
  char *answer;        /* what came back: codes, PTR names, the record */
  char *listed_as;     /* DNSBL listed: the sub-lists, "Spamhaus SBL, Spamhaus PBL" */
  char *detail;        /* what the codes mean, why it failed, why DNS cannot tell */
  char *fix;           /* REFUSED: what to do about it */
  gboolean blamed;     /* a bounce named this list */
  gint64 checked_at;   /* unix time of the answer */
} BsCheckResult;

typedef struct {
  const char *resolver;        /* NULL or "system": the resolvers of /etc/resolv.conf;
                                  "recursive": libunbound asks the authorities itself;
                                  "ADDR[@PORT]": forward to that resolver */
  guint timeout_ms;            /* per query; 0: BS_CHECK_TIMEOUT_MS */
  guint max_inflight;          /* queries at once; 0: BS_CHECK_MAX_INFLIGHT */
  const char *lists;           /* default set, "id,id,...", "none"; NULL: the table's */
  const char *const *zones;    /* NULL-terminated "ID=ZONE": another zone for a list
                                  (a mirror, a query-key zone), or a list of one's own */
} BsCheckOptions;

/* an answer slower than this is counted as none (lists answer in
 * milliseconds; a resolver that retries takes a few seconds) */
#define BS_CHECK_TIMEOUT_MS 5000
/* queries in flight at once: enough to finish thousands of names in
 * seconds, few enough not to look like a flood to a list */
#define BS_CHECK_MAX_INFLIGHT 32
/* names a PTR record may give that are asked back (forward confirmation) */
#define BS_CHECK_MAX_PTR_NAMES 4

/* which failures of the history are checked */
typedef struct {
  gint64 run_id;               /* > 0: the failures this scan run added */
  const char *recent_day;      /* "YYYY-MM-DD": failures of that day or later */
  const BsHistoryFilter *filter;  /* a report's period and sender domains, or NULL */
  gboolean follow_listed;      /* also every IP and list whose last check said listed */
  guint max_ips;               /* most-failing IPs first; 0: BS_CHECK_MAX_IPS */
} BsCheckScope;

#define BS_CHECK_MAX_IPS 200

typedef struct _BsChecker BsChecker;

/* bs_checker_new - a checker with its libunbound context; fails on a bad
 * resolver address, an unknown list id or a bad zone (BS_ERROR_USAGE) */
BsChecker *bs_checker_new (const BsCheckOptions *options, GError **error);
void bs_checker_free (BsChecker *checker);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsChecker, bs_checker_free)

/* bs_checker_add_ip - check ip against the default lists, its PTR, and the
 * list blocklist names (a blocklist id, or NULL); a DNS list of domains
 * (the DBL) is asked for domain.  Private and invalid addresses are left out. */
void bs_checker_add_ip (BsChecker *checker, const char *ip, const char *blocklist,
                        const char *domain);
/* bs_checker_add_domain - check the SPF and DMARC records of domain */
void bs_checker_add_domain (BsChecker *checker, const char *domain);
/* bs_checker_add_record - the targets of one record: its sending IP with its
 * blocklist, and its sender domain when the reason is authfailure or
 * policyviolation */
void bs_checker_add_record (BsChecker *checker, const BsRecord *record);
/* bs_checker_add_history - the targets of the failures of the history in
 * scope, read from read */
gboolean bs_checker_add_history (BsChecker *checker, BsHistoryRead *read,
                                 const BsCheckScope *scope, GError **error);
/* bs_checker_count - IPs and domains to check */
guint bs_checker_count (BsChecker *checker);

/* bs_checker_run - ask DNS; stops early when *cancelled becomes non-zero.
 * Fails only when the resolver cannot be used at all. */
gboolean bs_checker_run (BsChecker *checker, const gint *cancelled, GError **error);

/* bs_checker_results - BsCheckResult *, sorted by subject, kind and list
 * (transfer none; empty before run) */
GPtrArray *bs_checker_results (BsChecker *checker);
/* bs_checker_resolver - how the checker asks: "system", "recursive", "ADDR@PORT" */
const char *bs_checker_resolver (BsChecker *checker);

/* bs_checker_save - add the results to the history of store (a writer) */
gboolean bs_checker_save (BsChecker *checker, BsStore *store, gint64 run_id, GError **error);

const char *bs_check_kind_name (BsCheckKind kind);
const char *bs_check_status_name (BsCheckStatus status);

/* bs_check_list - the DNS list with this id (built-in table), or NULL */
const BsDnsbl *bs_check_list (const char *id);
/* bs_check_nodns - the entry of a list that DNS cannot ask, or NULL */
const BsDnsblNoDns *bs_check_nodns (const char *id);

/* the verdict on one A record a list answered */
typedef enum {
  BS_DNSBL_LISTED,        /* a listing code (code set when the table names it) */
  BS_DNSBL_OTHER_LIST,    /* a listing, but of another sub-list than list->only */
  BS_DNSBL_REFUSED,       /* an error code (error set): never a listing */
  BS_DNSBL_UNEXPECTED,    /* not a blocklist answer (error set) */
} BsDnsblVerdict;

/* bs_check_dnsbl_code - what address (an A record, dotted) means from list */
BsDnsblVerdict bs_check_dnsbl_code (const BsDnsbl *list, const char *address,
                                    const BsDnsblCode **code, const BsDnsblError **error);

/* bs_check_reverse_name - the name asked for ip: reversed octets (IPv4) or
 * nibbles (IPv6), then "." zone, or in-addr.arpa / ip6.arpa when zone is
 * NULL; NULL for an invalid address.  An IPv4-mapped IPv6 address is IPv4. */
char *bs_check_reverse_name (const char *ip, const char *zone);
/* bs_check_domain_canonical - domain lower-cased in ASCII (IDNA), without
 * a trailing dot, or NULL when it is not a host name with two labels */
char *bs_check_domain_canonical (const char *domain);

G_END_DECLS
