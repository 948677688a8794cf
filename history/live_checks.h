/* live_checks.h - the live checks' rows in the history: what the checks table
 * says of a subject, the failures that name an IP, a sender domain or a
 * list, and the targets a --check run picks from the history
 *
 * The writer side is bs_store_add_checks (store.h); these are reads, made
 * through a BsHistoryRead (read.h), their strings valid until the next call.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "read.h"

G_BEGIN_DECLS

/* bs_history_has_checks - TRUE when a --check run ever answered */
gboolean bs_history_has_checks (BsHistoryRead *read);

/* bs_history_checks_of - every answer about subject (an IP in canonical
 * text, or a domain), by kind, list, then time (oldest first) */
BsHistoryIter *bs_history_checks_of (BsHistoryRead *read, const char *subject, GError **error);
gboolean bs_history_next_check (BsHistoryIter *iter, BsCheckRow *row, GError **error);

/* a value of the failures and how they name it */
typedef struct {
  const char *value;
  gint64 failures;
  const char *last_seen;   /* the newest failure's time */
} BsFailingRow;

/* bs_history_failing - the values of field (BS_FIELD_SENDING_IP or
 * BS_FIELD_SENDER_DOMAIN) in the failures of filter, the most failing
 * first (then by value), at most limit */
BsHistoryIter *bs_history_failing (BsHistoryRead *read, const BsHistoryFilter *filter,
                                   BsFailureField field, guint limit, GError **error);
/* bs_history_blamed_lists - the blocklists that the failures of filter
 * whose field is value name, with the newest of them (in no order) */
BsHistoryIter *bs_history_blamed_lists (BsHistoryRead *read, const BsHistoryFilter *filter,
                                        BsFailureField field, const char *value, GError **error);
gboolean bs_history_next_failing (BsHistoryIter *iter, BsFailingRow *row, GError **error);

/* which failures a --check run takes its targets from */
typedef struct {
  gint64 run_id;                   /* > 0: those this scan run added... */
  const char *recent_day;          /* ...or dated on or after this day (either, or both) */
  const BsHistoryFilter *filter;   /* a report's period and sender domains, or NULL */
  guint max;                       /* most failing first, at most this many IPs / domains */
} BsTargetScope;

typedef struct {
  const char *ip;
  const char *blocklist;           /* a list a failure of this IP named, or NULL */
  const char *sender_domain;       /* the sender of such a failure, or NULL */
} BsIpTarget;

typedef struct {
  const char *domain;
  gboolean auth_failure;           /* an authentication or policy refusal named it */
  const char *lists;               /* comma-separated lists of domains named, or NULL */
} BsDomainTarget;

/* bs_history_ip_targets - the scope's most failing IPs, one row per IP,
 * list and sender domain they failed with, by IP */
BsHistoryIter *bs_history_ip_targets (BsHistoryRead *read, const BsTargetScope *scope,
                                      GError **error);
gboolean bs_history_next_ip_target (BsHistoryIter *iter, BsIpTarget *row, GError **error);

/* bs_history_domain_targets - the scope's sender domains refused for their
 * authentication or policy, or named on one of domain_lists (the ids of
 * the DNS lists of domains), the most failing first */
BsHistoryIter *bs_history_domain_targets (BsHistoryRead *read, const BsTargetScope *scope,
                                          const char *const *domain_lists, GError **error);
gboolean bs_history_next_domain_target (BsHistoryIter *iter, BsDomainTarget *row,
                                        GError **error);

/* bs_history_still_listed - every (subject, list) whose last known DNS list
 * state is "listed", at most max: followed until delisted */
BsHistoryIter *bs_history_still_listed (BsHistoryRead *read, guint max, GError **error);
gboolean bs_history_next_listed (BsHistoryIter *iter, const char **subject, const char **list,
                                 GError **error);

G_END_DECLS
