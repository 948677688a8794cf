/* phrases.c - the phrase groups: which reason each array of phrases_*.c
 * means, with the phrases that veto it; and the phrases of a delay's
 * network error
 *
 * The order in which groups are tried is analyzer/classify/reason.c's
 * business, not this file's.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "phrases.h"

/* a delay warning's current error when it is a connection failure: the
 * message is still queued, so it has not expired (a final bounce with the
 * same words has: the queue gave up) */
const BsPhraseRow bs_rules_delay_network[] = {
  { "connection-timed-out", P1 ("connection timed out"),          /* Postfix/Sendmail delay: connect() timed out */
    "connect to mx.example.com[192.0.2.25]:25: Connection timed out" },
  { "connection-refused", P1 ("connection refused"),              /* Postfix/Exim delay: the MX refuses TCP */
    "connect to mx.example.com[192.0.2.25]:25: Connection refused" },
  { "timed-out-while", P1 ("timed out while"),                    /* Postfix "timed out while receiving the initial server greeting" */
    "conversation with mx.example.com[192.0.2.25] timed out while receiving the initial server greeting" },
  { "network-is-unreachable", P1 ("network is unreachable"),      /* delay: no route from the sender's network */
    "connect to mx.example.com[2001:db8::25]:25: Network is unreachable" },
  { "lost-connection-with", P1 ("lost connection with"),          /* Postfix delay: "lost connection with mx[ip] while ..." */
    "lost connection with mx.example.com[192.0.2.25] while sending RCPT TO" },
};
const gsize bs_rules_n_delay_network = G_N_ELEMENTS (bs_rules_delay_network);

const BsPhraseGroup *const bs_rules_phrase_groups[] = {
  &bs_phrases_authfailure,
  &bs_phrases_badreputation,
  &bs_phrases_blocked,
  &bs_phrases_contenterror,
  &bs_phrases_exceedlimit,
  &bs_phrases_expired,
  &bs_phrases_filtered,
  &bs_phrases_hasmoved,
  &bs_phrases_hostunknown,
  &bs_phrases_mailboxfull,
  &bs_phrases_mailererror,
  &bs_phrases_mesgtoobig,
  &bs_phrases_networkerror,
  &bs_phrases_norelaying,
  &bs_phrases_notaccept,
  &bs_phrases_notcompliantrfc,
  &bs_phrases_policyviolation,
  &bs_phrases_rejected,
  &bs_phrases_requireptr,
  &bs_phrases_securityerror,
  &bs_phrases_spamdetected,
  &bs_phrases_speeding,
  &bs_phrases_suspend,
  &bs_phrases_systemerror,
  &bs_phrases_systemfull,
  &bs_phrases_toomanyconn,
  &bs_phrases_userunknown,
  &bs_phrases_virusdetected,
  &bs_phrases_vacation,
};
const gsize bs_rules_n_phrase_groups = G_N_ELEMENTS (bs_rules_phrase_groups);
