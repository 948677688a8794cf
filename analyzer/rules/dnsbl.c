/* dnsbl.c - the blocklists that a live check (--check) can ask over DNS:
 * zones, return codes and their meaning, error codes, and the lists no DNS
 * query can ask
 *
 * Facts from the operators' public pages (Spamhaus's zone documentation
 * for ZEN and DBL codes, the error codes 127.255.255.252/254/255
 * that false "listed" verdicts in other tools came from).  Ids are those of
 * blocklists.c, so a bounce's blocklist leads to its zone; a Spamhaus
 * sub-list (SBL, CSS, XBL, PBL) is read from the ZEN answer, so one query
 * per IP answers all of them.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "dnsbl.h"

/* the fix every Spamhaus refusal has: a resolver of one's own, or a key */
#define SPAMHAUS_FIX \
  "Ask through a resolver of your own that recurses itself (--resolver recursive, or " \
  "--resolver ADDR for your own DNS server), not a public or shared one; or get a free " \
  "Spamhaus Data Query Service key and ask its zone (--dnsbl-zone " \
  "spamhaus-zen=KEY.zen.dq.spamhaus.net)."

/* ---- answers ------------------------------------------------------------ */

/* Spamhaus ZEN = SBL + CSS + XBL + PBL (docs.spamhaus.com, 040-zones) */
static const BsDnsblCode zen_codes[] = {
  { "127.0.0.2", "spamhaus-sbl", "Spamhaus SBL",
    "a spam source or spam support service, listed by hand" },          /* SBL */
  { "127.0.0.3", "spamhaus-css", "Spamhaus CSS",
    "an automatic listing of a low-reputation sender (snowshoe sending)" }, /* CSS */
  { "127.0.0.4", "spamhaus-xbl", "Spamhaus XBL",
    "a compromised host, bot or open proxy (the former CBL)" },         /* XBL */
  { "127.0.0.9", "spamhaus-sbl", "Spamhaus SBL (DROP)",
    "part of a network hijacked or run by spammers (Don't Route Or Peer)" }, /* DROP */
  { "127.0.0.10", "spamhaus-pbl", "Spamhaus PBL",
    "an end-user range that its ISP says should not send mail directly" }, /* PBL, ISP */
  { "127.0.0.11", "spamhaus-pbl", "Spamhaus PBL",
    "an end-user range that Spamhaus says should not send mail directly" }, /* PBL, Spamhaus */
  { "127.0.0.30", "spamhaus-sbl", "Spamhaus SBL (BCL)",
    "a botnet command and control server" },                            /* BCL */
};

/* Spamhaus DBL: domains */
static const BsDnsblCode dbl_codes[] = {
  { "127.0.1.2", "spamhaus-dbl", "Spamhaus DBL", "a spam domain" },
  { "127.0.1.4", "spamhaus-dbl", "Spamhaus DBL", "a phishing domain" },
  { "127.0.1.5", "spamhaus-dbl", "Spamhaus DBL", "a malware domain" },
  { "127.0.1.6", "spamhaus-dbl", "Spamhaus DBL", "a botnet command and control domain" },
  { "127.0.1.102", "spamhaus-dbl", "Spamhaus DBL", "an abused legitimate domain used for spam" },
  { "127.0.1.103", "spamhaus-dbl", "Spamhaus DBL", "an abused legitimate redirector used for spam" },
  { "127.0.1.104", "spamhaus-dbl", "Spamhaus DBL", "an abused legitimate domain used for phishing" },
  { "127.0.1.105", "spamhaus-dbl", "Spamhaus DBL", "an abused legitimate domain used for malware" },
  { "127.0.1.106", "spamhaus-dbl", "Spamhaus DBL",
    "an abused legitimate domain used for botnet command and control" },
};

/* Spamhaus's error answers (never listings) */
static const BsDnsblError spamhaus_errors[] = {
  { "127.255.255.252", "Spamhaus answers 127.255.255.252: the zone name has a typing error",
    "Check the zone given with --dnsbl-zone." },                        /* typo in zone */
  { "127.255.255.254", "Spamhaus answers 127.255.255.254: this resolver cannot ask Spamhaus "
    "(queries through public and open resolvers are refused)", SPAMHAUS_FIX }, /* public resolver */
  { "127.255.255.255", "Spamhaus answers 127.255.255.255: this resolver sent too many queries "
    "and is refused", SPAMHAUS_FIX },                                   /* excessive queries */
};

static const BsDnsblError dbl_errors[] = {
  { "127.0.1.255", "Spamhaus DBL answers 127.0.1.255: an IP address was asked of a domain list",
    "Ask the DBL for domain names only." },                             /* IP asked of DBL */
  { "127.255.255.252", "Spamhaus answers 127.255.255.252: the zone name has a typing error",
    "Check the zone given with --dnsbl-zone." },
  { "127.255.255.254", "Spamhaus answers 127.255.255.254: this resolver cannot ask Spamhaus "
    "(queries through public and open resolvers are refused)", SPAMHAUS_FIX },
  { "127.255.255.255", "Spamhaus answers 127.255.255.255: this resolver sent too many queries "
    "and is refused", SPAMHAUS_FIX },
};

/* lists whose only listing answer is 127.0.0.2 */
static const BsDnsblCode spamcop_codes[] = {
  { "127.0.0.2", "spamcop", "SpamCop", "mail from this IP was reported by SpamCop users or traps "
    "(delisting is automatic once reports stop)" },
};
static const BsDnsblCode barracuda_codes[] = {
  { "127.0.0.2", "barracuda", "Barracuda BRBL", "Barracuda Central rates this IP's reputation poor" },
};
static const BsDnsblCode psbl_codes[] = {
  { "127.0.0.2", "psbl", "PSBL", "this IP hit the PSBL spam traps" },
};
static const BsDnsblCode mailspike_codes[] = {
  { "127.0.0.2", "mailspike", "Mailspike", "this IP took part in a zero-hour spam wave" },
};
static const BsDnsblCode uce1_codes[] = {
  { "127.0.0.2", "uceprotect-l1", "UCEPROTECT Level 1",
    "this single IP hit UCEPROTECT's traps (expires after 7 days without hits)" },
};
static const BsDnsblCode uce2_codes[] = {
  { "127.0.0.2", "uceprotect-l2", "UCEPROTECT Level 2",
    "the range around this IP is escalated after several of its IPs were listed" },
};
static const BsDnsblCode uce3_codes[] = {
  { "127.0.0.2", "uceprotect-l3", "UCEPROTECT Level 3",
    "the whole network (ASN) of this IP is listed" },
};

/* SpamRATS: one zone, one code per list (spamrats.com removal page) */
static const BsDnsblCode spamrats_codes[] = {
  { "127.0.0.36", "spamrats", "SpamRATS RATS-Dyna", "the IP's reverse DNS looks dynamic (generic)" },
  { "127.0.0.37", "spamrats", "SpamRATS RATS-NoPtr", "the IP has no reverse DNS (PTR) record" },
  { "127.0.0.38", "spamrats", "SpamRATS RATS-Spam", "the IP sent mail to SpamRATS traps" },
  { "127.0.0.43", "spamrats", "SpamRATS RATS-Auth", "the IP guessed passwords (authentication attacks)" },
};

/* ---- lists -------------------------------------------------------------- */

#define CODES(a) (a), G_N_ELEMENTS (a)
#define NO_ERRORS NULL, 0

const BsDnsbl bs_dnsbl_lists[] = {
  /* Spamhaus: ZEN asked once; its sub-lists are views of the same answer */
  { "spamhaus-zen", "Spamhaus ZEN", "zen.spamhaus.org", BS_DNSBL_IP, TRUE, NULL,
    CODES (zen_codes), CODES (spamhaus_errors) },
  { "spamhaus-sbl", "Spamhaus SBL", "zen.spamhaus.org", BS_DNSBL_IP, FALSE, "spamhaus-sbl",
    CODES (zen_codes), CODES (spamhaus_errors) },
  { "spamhaus-css", "Spamhaus CSS", "zen.spamhaus.org", BS_DNSBL_IP, FALSE, "spamhaus-css",
    CODES (zen_codes), CODES (spamhaus_errors) },
  { "spamhaus-xbl", "Spamhaus XBL", "zen.spamhaus.org", BS_DNSBL_IP, FALSE, "spamhaus-xbl",
    CODES (zen_codes), CODES (spamhaus_errors) },
  { "spamhaus-pbl", "Spamhaus PBL", "zen.spamhaus.org", BS_DNSBL_IP, FALSE, "spamhaus-pbl",
    CODES (zen_codes), CODES (spamhaus_errors) },
  /* Spamhaus DBL: the sender's domain, when a bounce names the DBL */
  { "spamhaus-dbl", "Spamhaus DBL", "dbl.spamhaus.org", BS_DNSBL_DOMAIN, FALSE, NULL,
    CODES (dbl_codes), CODES (dbl_errors) },
  /* other public IP lists */
  { "spamcop", "SpamCop", "bl.spamcop.net", BS_DNSBL_IP, TRUE, NULL,
    CODES (spamcop_codes), NO_ERRORS },
  { "barracuda", "Barracuda BRBL", "b.barracudacentral.org", BS_DNSBL_IP, TRUE, NULL,
    CODES (barracuda_codes), NO_ERRORS },
  { "psbl", "PSBL", "psbl.surriel.com", BS_DNSBL_IP, TRUE, NULL,
    CODES (psbl_codes), NO_ERRORS },
  { "mailspike", "Mailspike", "bl.mailspike.net", BS_DNSBL_IP, TRUE, NULL,
    CODES (mailspike_codes), NO_ERRORS },
  { "uceprotect-l1", "UCEPROTECT Level 1", "dnsbl-1.uceprotect.net", BS_DNSBL_IP, TRUE, NULL,
    CODES (uce1_codes), NO_ERRORS },
  { "uceprotect-l2", "UCEPROTECT Level 2", "dnsbl-2.uceprotect.net", BS_DNSBL_IP, FALSE, NULL,
    CODES (uce2_codes), NO_ERRORS },
  { "uceprotect-l3", "UCEPROTECT Level 3", "dnsbl-3.uceprotect.net", BS_DNSBL_IP, FALSE, NULL,
    CODES (uce3_codes), NO_ERRORS },
  { "spamrats", "SpamRATS", "all.spamrats.com", BS_DNSBL_IP, FALSE, NULL,
    CODES (spamrats_codes), NO_ERRORS },
};
const gsize bs_dnsbl_n_lists = G_N_ELEMENTS (bs_dnsbl_lists);

/* 127.255.255.0/24 from a list whose own table does not name the code:
 * lists use that range for errors, never for listings */
const BsDnsblError bs_dnsbl_generic_refusal = {
  "127.255.255.0/24", "the list answered with an error code (127.255.255.x): it refuses "
  "queries from this resolver", "Ask through a resolver of your own (--resolver recursive, or "
  "--resolver ADDR), or the list's own query service."
};

/* an address outside 127.0.0.0/8: no list answers that way; a resolver
 * that rewrites "no such name" into an address of its own does */
const BsDnsblError bs_dnsbl_unexpected_answer = {
  "not 127.0.0.0/8", "the answer is not a blocklist code (a resolver that rewrites unknown "
  "names into an address of its own answers this way)", "Ask through a resolver that does "
  "not rewrite answers (--resolver recursive, or --resolver ADDR)."
};

/* ---- lists no DNS query can ask ----------------------------------------- */

const BsDnsblNoDns bs_dnsbl_nodns[] = {
  { "sorbs", "SORBS", "SORBS closed in June 2024; a receiver that still names it has a stale "
    "setting" },                                                        /* decommissioned */
  { "invaluement", "Invaluement", "Invaluement's zones answer only subscribers" },
  { "proofpoint", "Proofpoint", "Proofpoint's reputation has no public DNS zone; look the IP up "
    "at ipcheck.proofpoint.com" },
  { "cloudmark", "Cloudmark", "Cloudmark CSI has no public DNS zone; see csi.cloudmark.com" },
  { "microsoft-olc", "Microsoft (Outlook.com)", "Outlook.com's block list is private; Microsoft's "
    "sender support answers, and SNDS shows the IP's status" },
  { "microsoft-eop", "Microsoft 365", "Microsoft 365's blocked senders list is private; the "
    "delist portal sender.office.com tells" },
  { "microsoft", "Microsoft", "Microsoft's block lists are private; its sender support answers" },
  { "recipient-blocklist", "the recipient's own block list", "only the recipient's "
    "organisation can tell" },
  { "gmail", "Gmail", "Gmail's checks are its own; Postmaster Tools shows the domain's reputation" },
  { "yahoo", "Yahoo", "Yahoo's blocks are its own; its sender support answers" },
  { "apple-icloud", "Apple iCloud", "iCloud's blocks are its own; its postmaster page answers" },
  { "cox", "Cox", "Cox's block lists are its own; its unblock request answers" },
  { "godaddy", "GoDaddy", "GoDaddy's blocks are its own" },
  { "spectrum", "Spectrum", "Spectrum's blocks are its own; its unblock request answers" },
  { "orange", "Orange", "Orange's blocks are its own" },
};
const gsize bs_dnsbl_n_nodns = G_N_ELEMENTS (bs_dnsbl_nodns);
