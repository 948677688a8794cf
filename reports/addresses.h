/* addresses.h - the addresses to stop mailing: the recipients whose
 * failures show that the address or its domain is gone, with the evidence
 * and how certain it is (the rule: docs/addresses.md)
 *
 * A failure is a sign the address is gone when its reason says the address
 * or its domain does not exist or accepts no mail (userunknown,
 * hostunknown, notaccept, hasmoved) and it was not temporary (no 4xx status
 * or reply).  An address with such a sign is listed: "certain" unless
 * every sign is a mobile carrier's ambiguous "Unknown user" (advice.h:
 * bs_advice_carrier_ambiguous, which may be the recipient's own filter) or
 * a later bounce says its mailbox exists (full): those are "uncertain",
 * to confirm by another channel before removing them.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "history.h"
#include "reasons.h"

G_BEGIN_DECLS

typedef enum {
  BS_CERTAINTY_CERTAIN,     /* the remote said the address or its domain is gone */
  BS_CERTAINTY_UNCERTAIN,   /* it may be: confirm by another channel */
} BsCertainty;

/* why an address has its certainty */
typedef enum {
  BS_ADDRESS_GONE,          /* certain: a plain "no such address or domain" */
  BS_ADDRESS_CARRIER,       /* uncertain: only a carrier's ambiguous "Unknown user" */
  BS_ADDRESS_EXISTS_LATER,  /* uncertain: a later bounce says its mailbox is full */
} BsAddressWhy;

typedef struct {
  char *recipient;          /* as first written in the history (redacted when asked) */
  char *destination;        /* its domain, lower case, or NULL */
  BsCertainty certainty;
  BsAddressWhy why;
  BsReason reason;          /* of its newest sign */
  gint64 failures;          /* its failures that are signs */
  guint days;               /* the days they fell on, in the filter's time zone */
  char *first_seen;         /* UTC ISO 8601 of its first and newest sign */
  char *last_seen;
  char *diagnostic;         /* what the server said with the newest sign (redacted when
                               asked), or NULL */
  char *sender_domains;     /* the senders whose mail it refused, space-separated */
} BsAddress;

void bs_address_free (BsAddress *address);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsAddress, bs_address_free)

/* bs_addresses_read - the addresses of filter's failures to stop mailing
 * (BsAddress, transfer full): certain ones first, then by domain and
 * address; redact masks local parts; NULL on error */
GPtrArray *bs_addresses_read (BsHistoryRead *read, const BsHistoryFilter *filter, gboolean redact,
                              GError **error);

/* "certain", "uncertain" */
const char *bs_certainty_name (BsCertainty certainty);

/* bs_address_note - what to do with an address of that why, in lang ("ja"
 * or English), a sentence */
const char *bs_address_note (BsAddressWhy why, const char *lang);

G_END_DECLS
