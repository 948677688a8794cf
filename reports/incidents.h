/* incidents.h - incidents: what the sender must fix first
 *
 * An incident is the refusals of one blamed sender by one refusing system:
 * keyed by what is blamed (the sending IP; the sender domain for SPF,
 * DKIM, DMARC and policy refusals, or when no IP is known) and by the
 * system that refused (the blocklist or provider system id of
 * failures.blocklist: microsoft-olc, spamhaus-zen...; without one, the
 * destination domain that refused).  Its facts are the failures of the
 * reputation family (blocklists, reputation, policy, authentication) and
 * the delay warnings that cite a blocklist or reputation: a warning (a
 * delay, or a refusal with a 4xx status) is the day of notice before the
 * hard refusals.
 *
 * Episodes: the days with a fact, in the report's time zone, cut where a
 * day comes more than the quiet period (default 7 days) after the one
 * before.  An episode has cleared when the reference day (the newest
 * bounce, never after today) is its last day + the quiet period or later.
 * State, judged at the reference day, from the latest episode:
 *   warning   live, with warnings only so far;
 *   active    live, with refusals, and no earlier episode had any;
 *   returned  live, with refusals, after an earlier episode with refusals;
 *   cleared   the latest episode has cleared.
 * Events (what one scan, or a period, brought): the states before and
 * after compared: warning, opened (active), returned, cleared.
 *
 * This file's builder is pure: facts in, incidents out (no history, no
 * clock); incidents_read.c feeds it from the history.  Page order: live
 * (active and returned), then warnings, then cleared; in each, the most
 * recipients, failures and warnings first, then by key.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include <json-glib/json-glib.h>

#include "history.h"

G_BEGIN_DECLS

#define BS_INCIDENT_QUIET_DAYS 7

typedef enum {
  BS_INCIDENT_NONE,        /* nothing yet */
  BS_INCIDENT_WARNING,
  BS_INCIDENT_ACTIVE,
  BS_INCIDENT_RETURNED,
  BS_INCIDENT_CLEARED,
  BS_INCIDENT_STATE_COUNT
} BsIncidentState;

typedef enum {
  BS_INCIDENT_EVENT_NONE,
  BS_INCIDENT_EVENT_WARNING,   /* an episode began with warnings */
  BS_INCIDENT_EVENT_OPENED,    /* the first refusals */
  BS_INCIDENT_EVENT_RETURNED,  /* refusals again after a cleared episode */
  BS_INCIDENT_EVENT_CLEARED,   /* the quiet period passed */
  BS_INCIDENT_EVENT_COUNT
} BsIncidentEvent;

/* "warning", "active", "returned", "cleared" (NULL for none) */
const char *bs_incident_state_name (BsIncidentState state);
/* "warning", "opened", "returned", "cleared" (NULL for none) */
const char *bs_incident_event_name (BsIncidentEvent event);

/* one fact of an incident (the strings are the caller's) */
typedef struct {
  const char *sending_ip;      /* may be NULL */
  const char *sender_domain;   /* may be NULL */
  const char *host;            /* the host whose scan stored it, or NULL */
  const char *system;          /* blocklist id, or NULL: the destination stands in */
  const char *destination;
  const char *recipient;       /* may be NULL */
  const char *provider_code;   /* may be NULL */
  const char *reason;          /* reason name */
  const char *time;            /* UTC ISO 8601 ("2026-11-09T23:07:14Z") */
  const char *day;             /* its day in the set's zone ("YYYY-MM-DD"), or NULL: from time */
  gint64 id;                   /* the record's id */
  gboolean blame_sender;       /* the sender domain is blamed (auth, policy) */
  gboolean failure;            /* a failure record (else a delay warning) */
  gboolean warning;            /* a delay warning or a 4xx refusal */
} BsIncidentFact;

/* bs_incident_fact_of - the incident fact of a record of the history, or
 * FALSE when the record is none (not of the reputation family, a delay
 * that cites no blocklist or reputation, no time); fact's strings are
 * row's */
gboolean bs_incident_fact_of (const BsRecordFacts *row, BsIncidentFact *fact);

/* a value of an incident and how many of its failures and warnings name it */
typedef struct {
  char *value;
  gint64 failures;
  gint64 warnings;
} BsIncidentCount;

typedef struct {
  char *start;              /* UTC ISO 8601 of its first fact */
  char *last;               /* of its last fact */
  char *first_refusal;      /* of its first refusal (not a warning), or NULL */
  char *start_day;          /* local days ("YYYY-MM-DD") */
  char *last_day;
  char *cleared_day;        /* last day + quiet period; NULL while live */
  gint64 failures;
  gint64 warnings;
  GPtrArray *sender_domains;    /* BsIncidentCount: the customers hit in this episode */
  GPtrArray *provider_codes;    /* BsIncidentCount: the codes of this episode */
} BsEpisode;

typedef struct {
  char *key;                /* "SUBJECT SYSTEM" */
  gboolean blame_sender;    /* the subject is a sender domain, else a sending IP */
  char *subject;            /* the blamed IP or sender domain */
  char *system;
  gboolean system_listed;   /* the system is a blocklist id (else a destination) */
  char *reason;             /* its most frequent reason */
  GPtrArray *sending_ips;       /* BsIncidentCount, most first */
  GPtrArray *provider_codes;
  GPtrArray *sender_domains;    /* the customers hit */
  GPtrArray *destinations;
  GPtrArray *hosts;             /* BsIncidentCount: the fleet's hosts whose mail was refused */
  gint64 failures;          /* failure records */
  gint64 recipients;        /* distinct failed recipients */
  gint64 warnings;          /* delay warnings */
  char *first;              /* UTC ISO 8601 of the first and last fact */
  char *last;
  GPtrArray *episodes;      /* BsEpisode, oldest first */
  BsIncidentState state;
  BsIncidentEvent event;    /* set by bs_incidents_set_events */
  char *check_status;       /* the last live check of the IP on the system's list
                               (listed, not-listed...), or NULL (incidents_read.c) */
  char *checked_at;         /* when (UTC ISO 8601) */
} BsIncident;

void bs_incident_free (BsIncident *incident);

typedef struct _BsIncidentSet BsIncidentSet;

/* bs_incident_set_new - an empty set whose days are in tz (NULL: UTC) and
 * whose episodes cut after quiet_days (0: BS_INCIDENT_QUIET_DAYS) */
BsIncidentSet *bs_incident_set_new (GTimeZone *tz, guint quiet_days);
void bs_incident_set_free (BsIncidentSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsIncidentSet, bs_incident_set_free)

/* bs_incident_set_add - add one fact (copied) */
void bs_incident_set_add (BsIncidentSet *set, const BsIncidentFact *fact);

/* bs_incident_set_finish - the incidents (BsIncident, page order) with
 * their episodes and states judged at ref_day ("YYYY-MM-DD" in the set's
 * zone; NULL: the newest day of a fact); the set is left empty */
GPtrArray *bs_incident_set_finish (BsIncidentSet *set, const char *ref_day);

/* bs_incident_local_day - the day ("YYYY-MM-DD") in tz of a UTC ISO 8601
 * time; NULL when it is none */
char *bs_incident_local_day (GTimeZone *tz, const char *iso);

/* bs_incidents_set_events - each incident of after gets the event that
 * took it from its state in before (the same incidents, judged earlier:
 * with fewer facts, at an earlier reference day) to its state now */
void bs_incidents_set_events (GPtrArray *before, GPtrArray *after);

/* bs_incidents_count_events - how many incidents of list have an event */
guint bs_incidents_count_events (const GPtrArray *list);

/* bs_incident_is_live - warning, active or returned */
gboolean bs_incident_is_live (const BsIncident *incident);

/* ---- from the history (incidents_read.c) ---- */

/* what the events are about */
typedef enum {
  BS_INCIDENT_WINDOW_NONE,    /* no events */
  BS_INCIDENT_WINDOW_SCAN,    /* what the records after after_id brought */
  BS_INCIDENT_WINDOW_SINCE,   /* what the days from since on brought */
} BsIncidentWindow;

typedef struct {
  const BsHistoryFilter *filter;  /* the records read (days, sender domains) and the
                                     time zone; NULL: everything, UTC */
  guint quiet_days;               /* 0: BS_INCIDENT_QUIET_DAYS */
  const char *as_of;              /* the reference day; NULL: the newest record's
                                     day, never after today */
  gint64 now;                     /* unix time of "today"; 0: the clock */
  BsIncidentWindow window;
  const char *since;              /* BS_INCIDENT_WINDOW_SINCE: a day in the zone */
  gint64 after_id;                /* BS_INCIDENT_WINDOW_SCAN: 0 for everything */
} BsIncidentOptions;

typedef struct {
  GPtrArray *incidents;           /* BsIncident, page order */
  char *reference_day;            /* the day states are judged at; NULL: no record */
  guint quiet_days;
  guint events;                   /* incidents with an event */
} BsIncidentList;

void bs_incident_list_free (BsIncidentList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsIncidentList, bs_incident_list_free)

/* bs_incidents_read - the incidents of the records of options' filter,
 * and, with a window, their events; NULL with error when the history
 * cannot be read */
BsIncidentList *bs_incidents_read (BsHistoryRead *read, const BsIncidentOptions *options,
                                   GError **error);

/* ---- in words and in JSON (incidents_out.c) ---- */

/* bs_incident_system_label - who refused, in words ("Outlook.com /
 * Hotmail"); the id itself when it has no name */
const char *bs_incident_system_label (const char *system, gboolean ja);

/* bs_incident_check_label - a live check's status (listed, not-listed...)
 * in words; the status itself when it has none */
const char *bs_incident_check_label (const char *status, gboolean ja);

/* bs_incident_advice_key - the advice (advice.h) that explains it */
const char *bs_incident_advice_key (const BsIncident *incident);

/* bs_incident_time - a UTC ISO 8601 time in tz: "2026-11-09T08:07:14+09:00"
 * (the JSON's; what is printed is in the page's form, html.h) */
char *bs_incident_time (GTimeZone *tz, const char *utc);

/* bs_incidents_text_events - one line per incident with an event (its
 * subject, system, codes and customers), the next step of each, and the
 * live incidents without news, at most limit of each (0: all); English or
 * Japanese */
void bs_incidents_text_events (GString *out, const BsIncidentList *list, GTimeZone *tz,
                               gboolean ja, guint limit);

/* where JSON text goes, piece by piece; FALSE: stop writing (a signal),
 * the document left unfinished */
typedef gboolean (*BsJsonSink) (const char *text, gsize len, gpointer user);

/* bs_incidents_json_write - the JSON document of head (an object, its
 * members first) with the member "incidents": the list (docs/json.md),
 * each with its event when with_events; written to sink one incident at a
 * time, so that memory holds one incident's JSON, not the document's */
void bs_incidents_json_write (const BsIncidentList *list, JsonNode *head, GTimeZone *tz,
                              gboolean with_events, gboolean ja, BsJsonSink sink, gpointer user);

G_END_DECLS
