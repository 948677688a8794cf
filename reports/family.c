/* family.c - the headline's grouping of reasons: what the sender can do
 * about a failure (its IP's or domain's reputation, a wrong address, a full
 * mailbox, anything else)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "aggregate.h"

#include <string.h>

typedef struct {
  const char *reason;
  BsReasonFamily family;
} FamilyRow;

/* Sisimai reasons whose cure is on the sender's side (its IP or domain's
 * reputation, authentication, rate) versus a bad address versus a full
 * mailbox; any reason not listed, and NULL, is "other".  A record naming a
 * blocklist is "reputation" whatever its reason. */
static const FamilyRow family_rows[] = {
  { "blocked", BS_FAMILY_REPUTATION },          /* IP or host refused, often a blocklist */
  { "badreputation", BS_FAMILY_REPUTATION },    /* IP/domain reputation too low */
  { "spamdetected", BS_FAMILY_REPUTATION },     /* judged as spam */
  { "authfailure", BS_FAMILY_REPUTATION },      /* SPF, DKIM or DMARC failed */
  { "requireptr", BS_FAMILY_REPUTATION },       /* no reverse DNS for the sending IP */
  { "rejected", BS_FAMILY_REPUTATION },         /* envelope sender refused */
  { "policyviolation", BS_FAMILY_REPUTATION },  /* receiving site's policy */
  { "speeding", BS_FAMILY_REPUTATION },         /* rate limited */
  { "toomanyconn", BS_FAMILY_REPUTATION },      /* too many connections */
  { "userunknown", BS_FAMILY_ADDRESS },         /* no such mailbox */
  { "hostunknown", BS_FAMILY_ADDRESS },         /* no such domain */
  { "hasmoved", BS_FAMILY_ADDRESS },            /* address moved */
  { "suspend", BS_FAMILY_ADDRESS },             /* account disabled */
  { "notaccept", BS_FAMILY_ADDRESS },           /* domain accepts no mail (null MX) */
  { "mailboxfull", BS_FAMILY_MAILBOX_FULL },    /* over quota */
};

static const char *const family_names[BS_FAMILY_COUNT] = {
  [BS_FAMILY_REPUTATION] = "reputation",
  [BS_FAMILY_ADDRESS] = "address",
  [BS_FAMILY_MAILBOX_FULL] = "mailbox-full",
  [BS_FAMILY_OTHER] = "other",
};

BsReasonFamily
bs_reason_family (const char *reason, const char *blocklist)
{
  if (blocklist != NULL && *blocklist != '\0')
    return BS_FAMILY_REPUTATION;
  for (gsize i = 0; reason != NULL && i < G_N_ELEMENTS (family_rows); i++)
    if (strcmp (family_rows[i].reason, reason) == 0)
      return family_rows[i].family;
  return BS_FAMILY_OTHER;
}

const char *
bs_family_name (BsReasonFamily family)
{
  return family < BS_FAMILY_COUNT ? family_names[family] : "other";
}
