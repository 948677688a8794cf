/* check-private.h - the live checks' insides, shared by the files of check/
 * and nothing else: the checker, its targets and queries
 *
 * Files: names.c (names, the list tables, addresses), checker.c (the
 * checker, which lists, the targets: from records and from the history),
 * dns.c (libunbound: the resolver, the queries, their answers; the only
 * file that includes unbound.h), results.c (what the answers mean, and
 * their keeping in the history).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "check.h"

#include "bs.h"
#include "canonical.h"


#define RR_A 1
#define RR_PTR 12
#define RR_TXT 16
#define RR_AAAA 28

/* bytes of one TXT record kept (an SPF record with includes is a few
 * hundred bytes; RFC 7208 caps a reply at 512 for UDP) */
#define MAX_TXT_BYTES 2048
/* records of one answer read (a DNSBL gives one to three) */
#define MAX_RRS 16
/* length of a list id given on the command line or found in the history */
#define MAX_LIST_ID 48

/* an IP address as numbers (canonical.h) */
typedef BsIp Addr;

/* ---- the checker ---------------------------------------------------------- */

typedef enum { Q_QUEUED, Q_FLIGHT, Q_DONE } QState;
typedef enum { Q_ANSWER, Q_NXDOMAIN, Q_NODATA, Q_TIMEOUT, Q_FAILED } QOutcome;

typedef struct {
  char *name;
  int type;
  int async_id;
  gint64 deadline;     /* monotonic microseconds */
  QState state;
  QOutcome outcome;
  char *error;         /* Q_FAILED: why */
  GPtrArray *rdata;    /* GBytes *, at most MAX_RRS */
  gint64 answered;     /* unix time */
} Query;

typedef struct {
  char *ip;            /* canonical text */
  Addr addr;
  GHashTable *lists;   /* const BsDnsbl * -> blamed (gboolean as pointer) */
  GHashTable *nodns;   /* blocklist id (owned) -> TRUE */
} IpTarget;

typedef struct {
  char *domain;
  gboolean auth;       /* SPF and DMARC */
  GHashTable *lists;   /* domain lists (DBL) -> blamed */
} DomainTarget;

struct _BsChecker {
  struct ub_ctx *ctx;
  char *resolver;
  guint timeout_ms;
  guint max_inflight;
  GPtrArray *lists;        /* BsDnsbl *, owned copies: built-in with zone overrides, custom */
  GPtrArray *strings;      /* strings the copies point to */
  GPtrArray *defaults;     /* IP lists asked for every IP (transfer none) */
  GHashTable *ips;         /* canonical ip -> IpTarget */
  GHashTable *domains;     /* domain -> DomainTarget */
  GHashTable *queries;     /* "type name" -> Query */
  GQueue queue;            /* Query * waiting to be sent */
  GPtrArray *results;      /* BsCheckResult * */
  gboolean ran;
};

/* ---- names.c ---- */

char *bs_addr_text (const Addr *a);
/* a private, loopback or otherwise unroutable address (never asked) */
gboolean bs_addr_private (const Addr *a);
/* the name asked for a: reversed octets or nibbles, then "." zone (or the
 * reverse zones) */
char *bs_addr_reverse_name (const Addr *a, const char *zone);

/* ---- checker.c ---- */

BsDnsbl *bs_checker_find_list (BsChecker *c, const char *id);
IpTarget *bs_checker_ip_target (BsChecker *c, const char *ip);
DomainTarget *bs_checker_domain_target (BsChecker *c, const char *domain);
void bs_checker_mark (GHashTable *lists, BsDnsbl *l, gboolean blamed);
void bs_checker_add_ip_list (BsChecker *c, const char *ip, const char *blocklist,
                             const char *domain, gboolean blamed);
void bs_checker_add_domain_list (BsChecker *c, const char *domain, const char *blocklist);

/* ---- dns.c ---- */

/* the resolver context of c, asking as spec says (check.h: resolver) */
gboolean bs_dns_open (BsChecker *c, const char *spec, GError **error);
void bs_dns_close (BsChecker *c);
void bs_dns_query_free (gpointer query);
/* queue name of type (once per run) / its query, once answered */
Query *bs_dns_ask (BsChecker *c, const char *name, int type);
Query *bs_dns_answer (BsChecker *c, const char *name, int type);
/* send the queued queries, at most max_inflight at once, until each has an
 * answer or its time-out; FALSE only when the resolver cannot be used */
gboolean bs_dns_run (BsChecker *c, const gint *cancelled, GError **error);
/* the records of an answer: addresses (family AF_INET/AF_INET6, text),
 * PTR names, TXT records (char *) */
GPtrArray *bs_dns_addresses (const Query *q, int family);
GPtrArray *bs_dns_ptr_names (const Query *q);
GPtrArray *bs_dns_txt_records (const Query *q);

/* ---- results.c ---- */

void bs_check_result_free (gpointer result);
