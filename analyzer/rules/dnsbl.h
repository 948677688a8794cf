/* dnsbl.h - the shapes of the DNS list tables (analyzer/rules/dnsbl.c)
 *
 * Tables only: which blocklists can be asked over DNS, in which zone, what
 * each answer means, and which answers are the list's error codes (never a
 * listing).  check/ (the live checks) walks them; ids are those of
 * blocklists.c, so a bounce's blocklist leads straight to its zone.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BS_DNSBL_IP,       /* asked with the reversed IP: 2.0.2.192.zone */
  BS_DNSBL_DOMAIN,   /* asked with a domain name: example.com.zone */
} BsDnsblKind;

/* one answer that means a listing */
typedef struct {
  const char *address;    /* the A record the list answers: "127.0.0.2" */
  const char *sublist;    /* the blocklist id it stands for: "spamhaus-sbl" */
  const char *name;       /* that sub-list's name: "Spamhaus SBL" */
  const char *meaning;    /* what the listing says about the IP or domain */
} BsDnsblCode;

/* one answer that is the list's error, never a listing */
typedef struct {
  const char *address;    /* "127.255.255.254" */
  const char *meaning;    /* why the list gave no answer */
  const char *fix;        /* what to do about it */
} BsDnsblError;

/* one list that DNS can ask */
typedef struct {
  const char *id;         /* blocklist id, as in blocklists.c */
  const char *name;       /* "Spamhaus ZEN" */
  const char *zone;       /* the zone queried: "zen.spamhaus.org" */
  BsDnsblKind kind;
  gboolean by_default;    /* in the default set that --check asks for every IP */
  const char *only;       /* a sub-list read from its parent zone's answer:
                             listed only for codes of this sub-list; NULL: any code */
  const BsDnsblCode *codes;
  gsize n_codes;
  const BsDnsblError *errors;
  gsize n_errors;
} BsDnsbl;

extern const BsDnsbl bs_dnsbl_lists[];
extern const gsize bs_dnsbl_n_lists;

/* the error every list shares: an answer in 127.255.255.0/24 that its own
 * table does not name, and an answer outside 127.0.0.0/8 */
extern const BsDnsblError bs_dnsbl_generic_refusal;
extern const BsDnsblError bs_dnsbl_unexpected_answer;

/* a blocklist a bounce can name that no DNS query can ask */
typedef struct {
  const char *id;         /* blocklist id, as in blocklists.c */
  const char *name;       /* who keeps it: "Microsoft (Outlook.com)" */
  const char *why;        /* why DNS cannot tell, and where to look instead */
} BsDnsblNoDns;

extern const BsDnsblNoDns bs_dnsbl_nodns[];
extern const gsize bs_dnsbl_n_nodns;

G_END_DECLS
