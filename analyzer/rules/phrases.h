/* phrases.h - the phrase tables of phrases_*.c, for phrases.c's groups
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "rules.h"

#define P1(a) { { (a), NULL, NULL } }
#define P2(a, b) { { (a), (b), NULL } }
#define P3(a, b, c) { { (a), (b), (c) } }

/* the group of a reason's phrases (name), with its except phrases (name_except) */
#define GROUP(e, name) { BS_REASON_##e, name, G_N_ELEMENTS (name), NULL, 0 }
#define GROUP_EXCEPT(e, name) { BS_REASON_##e, name, G_N_ELEMENTS (name), name##_except, G_N_ELEMENTS (name##_except) }

extern const BsPhraseGroup bs_phrases_authfailure;
extern const BsPhraseGroup bs_phrases_badreputation;
extern const BsPhraseGroup bs_phrases_blocked;
extern const BsPhraseGroup bs_phrases_requireptr;
extern const BsPhraseGroup bs_phrases_speeding;
extern const BsPhraseGroup bs_phrases_toomanyconn;
extern const BsPhraseGroup bs_phrases_spamdetected;
extern const BsPhraseGroup bs_phrases_policyviolation;
extern const BsPhraseGroup bs_phrases_rejected;
extern const BsPhraseGroup bs_phrases_contenterror;
extern const BsPhraseGroup bs_phrases_notcompliantrfc;
extern const BsPhraseGroup bs_phrases_virusdetected;
extern const BsPhraseGroup bs_phrases_mesgtoobig;
extern const BsPhraseGroup bs_phrases_exceedlimit;
extern const BsPhraseGroup bs_phrases_userunknown;
extern const BsPhraseGroup bs_phrases_hostunknown;
extern const BsPhraseGroup bs_phrases_hasmoved;
extern const BsPhraseGroup bs_phrases_suspend;
extern const BsPhraseGroup bs_phrases_notaccept;
extern const BsPhraseGroup bs_phrases_mailboxfull;
extern const BsPhraseGroup bs_phrases_filtered;
extern const BsPhraseGroup bs_phrases_vacation;
extern const BsPhraseGroup bs_phrases_expired;
extern const BsPhraseGroup bs_phrases_networkerror;
extern const BsPhraseGroup bs_phrases_systemerror;
extern const BsPhraseGroup bs_phrases_systemfull;
extern const BsPhraseGroup bs_phrases_mailererror;
extern const BsPhraseGroup bs_phrases_securityerror;
extern const BsPhraseGroup bs_phrases_norelaying;
