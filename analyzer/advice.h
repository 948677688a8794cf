/* advice.h - what a bounce means and what to do next, in plain words
 *
 * One entry per reason, per blocklist id and per special case (a Japanese
 * carrier's "Unknown user"), in English and in Japanese, and the names of
 * the systems that refuse mail.  The texts live in analyzer/rules/advice.c
 * and systems.c; this header only finds them.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "reasons.h"
#include "record.h"

G_BEGIN_DECLS

typedef struct {
  const char *key;          /* reason name, blocklist id, or special key */
  const char *lang;         /* "en" or "ja" */
  BsAdviceKind kind;        /* a reason's: its row of reasons.c */
  const char *title;        /* a few words */
  const char *explanation;  /* what happened, for someone who is not a mail admin */
  const char *next_step;    /* what to do: whom to ask, where to look, how long, meanwhile */
  const char *url;          /* public lookup or delisting page, or NULL */
} BsAdvice;

/* bs_advice_for - the advice for key (a reason's name, "spamhaus-zen",
 * "carrier-unknown-user") in lang ("ja", "ja_JP.UTF-8", "en"; NULL or
 * anything else: English); NULL for an unknown key */
const BsAdvice *bs_advice_for (const char *key, const char *lang);

/* bs_advice_next_step - a's next step (a from bs_advice_for); for an
 * incident (a refused sending IP or sender domain: many recipients), its
 * closing "meanwhile" speaks of the affected customers' mail rather than
 * of one recipient.  NULL for a NULL a. */
const char *bs_advice_next_step (const BsAdvice *a, gboolean incident);

/* bs_advice_key - the key that best explains a record: a special case, else
 * its blocklist, else its reason (never NULL) */
const char *bs_advice_key (const BsRecord *record);

/* the domains of the special case "carrier-unknown-user" (a Japanese
 * mobile carrier's "Unknown user"): the domain, or a subdomain of it, and
 * the sample recipient the row stands for */
typedef struct {
  const char *domain;
  const char *sample;
} BsAdviceDomain;

extern const BsAdviceDomain bs_advice_carrier_domains[];
extern const gsize bs_advice_n_carrier_domains;

/* bs_advice_carrier_ambiguous - reason, at domain (a recipient's domain),
 * is a mobile carrier's "Unknown user" that also means the recipient's own
 * filter refused (userunknown or filtered at a domain of
 * bs_advice_carrier_domains, or under it): it does not prove the address
 * is dead.  bs_advice_record_ambiguous - the same of a record (its
 * destination, else its recipient's domain). */
gboolean bs_advice_carrier_ambiguous (BsReason reason, const char *domain);
gboolean bs_advice_record_ambiguous (const BsRecord *record);

/* bs_system_label - the name of a refusing system (a blocklist or a
 * provider's own, failures.blocklist's id: "microsoft-olc" is "Outlook.com
 * / Hotmail") in lang ("ja..." or English); NULL for an id it does not know
 * (a list of a user's rules).  Its table: rules/systems.c. */
const char *bs_system_label (const char *id, const char *lang);

/* bs_advice_keys - every key with advice (transfer none) */
const char *const *bs_advice_keys (gsize *n_keys);

G_END_DECLS
