/* filter.h - which failures a reader of the history asks for: one object,
 * built once from the command line, used by every read (reports, changes,
 * live checks, every command)
 *
 * The rules, the same for every reader:
 * - since/until compare with the failure's day, inclusive ("YYYY-MM-DD"),
 *   a day in the filter's time zone (--tz): in a zone other than UTC, a
 *   day runs from its local midnight to the next, and the readers give
 *   every row's day (and failure rows' time_local) in that zone; the
 *   per-day counts of bs_history_days stay UTC days;
 * - a sender domain keeps the failures sent from it or from one of its
 *   subdomains.  A domain is canonicalised once, here: blanks, a leading
 *   "@" and leading or trailing dots dropped, lower case, an IDN in ASCII
 *   ("例え.jp" is "xn--r8jz45g.jp"); the history matches it in either
 *   spelling.  Everything that cannot be attributed to a sender (mail
 *   counts, non-bounces, undecodable messages, scan runs, records without a
 *   sender domain) is left out of a filter by sender.
 * No SQL here: the history's backend turns the filter into its queries.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* sender domains one filter may name (a command line rarely has more than a
 * handful; this bounds the queries built from them) */
#define BS_MAX_SENDER_DOMAINS 64

typedef struct _BsHistoryFilter BsHistoryFilter;

/* bs_history_filter_new - the filter of days since..until (either NULL),
 * of sender_domains (NULL-terminated; NULL: every sender), in time zone tz
 * (an Olson name or "UTC"; NULL: UTC).  BS_ERROR_USAGE for a malformed or
 * impossible day, a sender domain that is not a domain name, more than
 * BS_MAX_SENDER_DOMAINS, an unknown time zone. */
BsHistoryFilter *bs_history_filter_new (const char *since, const char *until,
                                        const char *const *sender_domains, const char *tz,
                                        GError **error);
void bs_history_filter_free (BsHistoryFilter *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsHistoryFilter, bs_history_filter_free)

/* the filter's days ("YYYY-MM-DD"), or NULL when open */
const char *bs_history_filter_since (const BsHistoryFilter *filter);
const char *bs_history_filter_until (const BsHistoryFilter *filter);

/* bs_history_filter_senders - the canonical sender domains (ASCII), NULL
 * when the filter keeps every sender; a NULL filter keeps everything */
const char *const *bs_history_filter_senders (const BsHistoryFilter *filter);
/* bs_history_filter_spellings - every spelling the history may hold of the
 * sender domains: each canonical domain, and its Unicode form when it is
 * an IDN (what the backends match); NULL as above */
const char *const *bs_history_filter_spellings (const BsHistoryFilter *filter);

/* bs_history_filter_set_host - keep the failures that scans on host (as
 * given to bs_store_open_as) recorded; NULL or "": every host's (the
 * fleet's, the default) */
void bs_history_filter_set_host (BsHistoryFilter *filter, const char *host);
const char *bs_history_filter_host (const BsHistoryFilter *filter);

/* bs_history_filter_time_zone - the time zone (UTC unless given), and its
 * name as given ("UTC" by default) */
GTimeZone *bs_history_filter_time_zone (const BsHistoryFilter *filter);
const char *bs_history_filter_time_zone_name (const BsHistoryFilter *filter);

/* bs_history_filter_is_local - TRUE when its zone is not UTC: the days
 * are local days */
gboolean bs_history_filter_is_local (const BsHistoryFilter *filter);

/* bs_history_filter_since_at, _until_at - the UTC instants that bound the
 * period in its zone: since's local midnight, and the local midnight after
 * until (exclusive), "YYYY-MM-DDTHH:MM:SSZ"; NULL when open */
const char *bs_history_filter_since_at (const BsHistoryFilter *filter);
const char *bs_history_filter_until_at (const BsHistoryFilter *filter);

/* bs_history_filter_localise - the day ("YYYY-MM-DD") and the time (ISO
 * 8601 with its offset, "2026-11-09T08:07:14+09:00") in the filter's zone
 * of a UTC time "YYYY-MM-DDTHH:MM:SSZ"; FALSE when it is none */
gboolean bs_history_filter_localise (const BsHistoryFilter *filter, const char *utc,
                                     char day[11], char time[32]);

/* the offset of the last UTC hour localised, for a reader's rows (one per
 * iterator: a filter is shared by threads) */
typedef struct {
  char hour[14];          /* "YYYY-MM-DDTHH", "" when none */
  gint offset;            /* seconds east of UTC, the same all that hour */
} BsZoneCache;

/* bs_history_filter_localise_cached - the same, the zone's offset taken
 * from cache (may be NULL) when the hour is the cached one */
gboolean bs_history_filter_localise_cached (const BsHistoryFilter *filter, const char *utc,
                                            char day[11], char time[32], BsZoneCache *cache);

/* bs_history_filter_day_in - TRUE when day ("YYYY-MM-DD") is in the period */
gboolean bs_history_filter_day_in (const BsHistoryFilter *filter, const char *day);

/* bs_history_domain_spellings - given canonicalised as a sender domain is
 * (above), then its spellings: the ASCII form, and the Unicode one of an
 * IDN; NULL when given is no domain name */
char **bs_history_domain_spellings (const char *given);

/* bs_history_domain_matches - TRUE when sender_domain (as the history holds
 * it) is domain (one spelling of bs_history_filter_spellings) or one of its
 * subdomains: the rule every backend applies */
gboolean bs_history_domain_matches (const char *domain, const char *sender_domain);

/* bs_history_filter_unknown - the first canonical sender domain of filter
 * that no domain of known (sender domains the history holds) matches, or
 * NULL when each matches one */
const char *bs_history_filter_unknown (const BsHistoryFilter *filter, GPtrArray *known);

/* bs_history_closest_domains - at most n domains of known (char *) closest
 * to domain (edit distance, then name): the suggestions of an unknown
 * --sender-domain; transfer container, the strings are known's */
GPtrArray *bs_history_closest_domains (const char *domain, GPtrArray *known, guint n);

G_END_DECLS
