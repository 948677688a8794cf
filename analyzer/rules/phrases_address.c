/* phrases_address.c - what remote servers write about the address, its
 * domain or its mailbox: unknown, moved, suspended, full, filtered
 *
 * One array per reason (the groups of phrases.c), after the phrase lists of
 * Sisimai 4.25's reason modules (BSD-2-Clause, azumakuniyuki), regular
 * expressions turned into ordered pieces, with Sisimai 5's reasons, and
 * phrases from providers' public documentation.  Each row: its id, its
 * pieces (lower case, in order), what it answers, and a sample of what a
 * remote server writes that the row decides (rules.h).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "phrases.h"

static const BsPhraseRow userunknown[] = {
  { "qmail-bad-address", P1 ("#5.1.1 bad address"),               /* bad address */
    "550 5.0.0 <user@example.com>... Recipient rejected: #5.1.1 bad address (in reply to RCPT TO command)" },
  { "address-not-found", P2 ("<", "> not found"),                 /* "<addr> not found" */
    "550 Requested action not taken: <user@example.com> not found (in reply to RCPT TO command)" },
  { "sendmail-access-blocked-by", P3 ("<", "@", ">... blocked by "), /* Sendmail access DB */
    "550 <user@example.com>... blocked by access list (in reply to RCPT TO command)" },
  { "550-address-invalid", P1 ("550 address invalid"),            /* no such recipient (invalid) */
    "host mx.example.com[192.0.2.25] said: 550 Address invalid (in reply to RCPT TO command)" },
  { "exchange-5.1.0-address-rejected", P1 ("5.1.0 address rejected."), /* Exchange: no such recipient */
    "550 5.0.0 <user@example.com>: 5.1.0 Address rejected. (in reply to RCPT TO command)" },
  { "microsoft-account-does-not-exist", P2 ("account ", " does not exist at the organization"), /* Microsoft: no such recipient */
    "550 5.0.0 The email account that you tried to reach, user@example.com, does not exist at the organization this message was sent to. (in reply to RCPT TO command)" },
  { "orange-destinataire-invalide", P1 ("adresse d au moins un destinataire invalide"), /* Orange 416/418 */
    "550 5.0.0 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416] (in reply to RCPT TO command)" },
  { "address-does-not-exist", P1 ("address does not exist"),      /* no such address */
    "550 The address does not exist (in reply to RCPT TO command)" },
  { "not-present-in-directory", P1 ("address not present in directory"), /* no such recipient (directory) */
    "550 Address not present in directory (in reply to RCPT TO command)" },
  { "address-unknown", P1 ("address unknown"),                    /* no such recipient (unknown) */
    "550 <user@example.com>: Address unknown (in reply to RCPT TO command)" },
  { "archived-recipient", P1 ("archived recipient"),              /* no such recipient (archived) */
    "550 Archived recipient (in reply to RCPT TO command)" },
  { "bad-recipient-hyphen", P1 ("bad-recipient"),                 /* bad recipient */
    "550 user@example.com: bad-recipient (in reply to RCPT TO command)" },
  { "bad-recipient-underscore", P1 ("bad_recipient"),             /* bad recipient */
    "550 BAD_RECIPIENT (in reply to RCPT TO command)" },
  { "bad-recipient", P1 ("bad recipient"),                        /* bad recipient */
    "550 Bad recipient (in reply to RCPT TO command)" },
  { "cannot-accept-user", P1 ("can't accept user"),               /* cannot accept */
    "550 Sorry, can't accept user (in reply to RCPT TO command)" },
  { "does-not-exist-period", P1 ("does not exist."),              /* does not exist */
    "550 user@example.com does not exist. (in reply to RCPT TO command)" },
  { "destination-addresses-unknown", P1 ("destination addresses were unknown"), /* no such recipient (unknown) */
    "550 One or more destination addresses were unknown (in reply to RCPT TO command)" },
  { "server-rejected-recipients", P1 ("destination server rejected recipients"), /* rejected recipients */
    "550 The destination server rejected recipients (in reply to RCPT TO command)" },
  { "email-address-not-found", P1 ("email address could not be found"), /* no such address */
    "550 The email address could not be found (in reply to RCPT TO command)" },
  { "invalid-address", P1 ("invalid address"),                    /* no such recipient (invalid) */
    "550 Invalid address (in reply to RCPT TO command)" },
  { "invalid-mailbox", P1 ("invalid mailbox"),                    /* no such recipient (invalid) */
    "550 Invalid mailbox (in reply to RCPT TO command)" },
  { "invalid-recipient", P1 ("invalid recipient"),                /* no such recipient (invalid) */
    "550 Invalid recipient: user@example.com (in reply to RCPT TO command)" },
  { "is-not-a-known-user", P1 ("is not a known user"),            /* no such recipient (unknown) */
    "550 user@example.com is not a known user (in reply to RCPT TO command)" },
  { "is-not-a-valid-mailbox", P1 ("is not a valid mailbox"),      /* no such recipient (invalid) */
    "550 user@example.com is not a valid mailbox (in reply to RCPT TO command)" },
  { "not-an-active-address", P1 ("is not an active address at this host"), /* no such recipient (inactive) */
    "550 user@example.com is not an active address at this host (in reply to RCPT TO command)" },
  { "mailbox-named-does-not-exist", P2 ("mailbox ", " does not exist"), /* no mailbox */
    "550 Mailbox user does not exist (in reply to RCPT TO command)" },
  { "mailbox-address-unavailable", P3 ("mailbox ", "@", " unavailable"), /* no mailbox */
    "550 Mailbox user@example.com unavailable (in reply to RCPT TO command)" },
  { "mailbox-does-not-exist", P1 ("mailbox does not exist"),      /* no mailbox */
    "550 Mailbox does not exist (in reply to RCPT TO command)" },
  { "mailbox-invalid", P1 ("mailbox invalid"),                    /* no such recipient (invalid) */
    "550 Mailbox invalid (in reply to RCPT TO command)" },
  { "mailbox-is-inactive", P1 ("mailbox is inactive"),            /* no such recipient (inactive) */
    "550 Mailbox is inactive (in reply to RCPT TO command)" },
  { "mailbox-is-unavailable", P1 ("mailbox is unavailable"),      /* no such recipient (unavailable) */
    "550 Mailbox is unavailable (in reply to RCPT TO command)" },
  { "mailbox-not-present", P1 ("mailbox not present"),            /* no such recipient (missing) */
    "550 Mailbox not present (in reply to RCPT TO command)" },
  { "mailbox-not-found", P1 ("mailbox not found"),                /* no such recipient (missing) */
    "550 Mailbox not found (in reply to RCPT TO command)" },
  { "mailbox-unavailable", P1 ("mailbox unavailable"),            /* no such recipient (unavailable) */
    "550 Requested action not taken: mailbox unavailable (in reply to RCPT TO command)" },
  { "italian-nessun-utente", P1 ("nessun utente simile in questo indirizzo"), /* Italian: no such recipient */
    "550 Nessun utente simile in questo indirizzo (in reply to RCPT TO command)" },
  { "not-in-name-directory", P2 ("no ", " in name directory"),    /* no such recipient (directory) */
    "550 No user in name directory (in reply to RCPT TO command)" },
  { "no-account-by-that-name", P1 ("no account by that name here"), /* no account */
    "550 No account by that name here (in reply to RCPT TO command)" },
  { "spanish-no-existe-persona", P1 ("no existe dicha persona"),  /* Spanish: no such recipient */
    "550 No existe dicha persona (in reply to RCPT TO command)" },
  { "spanish-no-existe-usuario", P1 ("no existe ese usuario "),   /* Spanish: no such recipient */
    "550 No existe ese usuario aqui (in reply to RCPT TO command)" },
  { "no-mail-box-for-this-user", P1 ("no mail box available for this user"), /* no mailbox */
    "550 No mail box available for this user (in reply to RCPT TO command)" },
  { "no-mailbox-by-that-name", P1 ("no mailbox by that name is currently available"), /* no mailbox */
    "550 No mailbox by that name is currently available (in reply to RCPT TO command)" },
  { "no-mailbox-found", P1 ("no mailbox found"),                  /* no mailbox */
    "550 No mailbox found (in reply to RCPT TO command)" },
  { "no-matches-to-nameserver-query", P1 ("no matches to nameserver query"), /* no such recipient (directory) */
    "550 No matches to nameserver query (in reply to RCPT TO command)" },
  { "no-such-address-here", P1 ("no such address here"),          /* no such address */
    "550 No such address here (in reply to RCPT TO command)" },
  { "no-such-mailbox", P1 ("no such mailbox"),                    /* no such mailbox */
    "550 No such mailbox (in reply to RCPT TO command)" },
  { "no-such-person", P1 ("no such person at this address"),      /* no such person */
    "550 No such person at this address (in reply to RCPT TO command)" },
  { "no-such-recipient", P1 ("no such recipient"),                /* no such recipient */
    "550 No such recipient (in reply to RCPT TO command)" },
  { "no-such-user", P1 ("no such user"),                          /* no such user */
    "550 No such user (in reply to RCPT TO command)" },
  { "no-thank-you-account-unavailable", P1 ("no thank you rejected: account unavailable:"), /* no such recipient (unavailable) */
    "550 No thank you rejected: Account Unavailable: user@example.com (in reply to RCPT TO command)" },
  { "no-valid-recipients-bye", P1 ("no valid recipients, bye"),   /* none valid */
    "550 No valid recipients, bye (in reply to RCPT TO command)" },
  { "non-existent-user-hyphen", P1 ("non-existent user"),         /* no such user */
    "550 Non-existent user (in reply to RCPT TO command)" },
  { "non-existent-user", P1 ("non existent user"),                /* no such user */
    "550 Non existent user (in reply to RCPT TO command)" },
  { "nonexistent-user", P1 ("nonexistent user"),                  /* no such user */
    "550 Nonexistent user (in reply to RCPT TO command)" },
  { "not-a-valid-recipient", P1 ("not a valid recipient"),        /* no such recipient (invalid) */
    "550 user@example.com: Not a valid recipient (in reply to RCPT TO command)" },
  { "not-a-valid-user-here", P1 ("not a valid user here"),        /* no such recipient (invalid) */
    "550 user@example.com: Not a valid user here (in reply to RCPT TO command)" },
  { "not-a-local-address", P1 ("not a local address"),            /* not local */
    "550 user@example.com: Not a local address (in reply to RCPT TO command)" },
  { "not-email-addresses", P1 ("not email addresses"),            /* no such recipient (invalid) */
    "550 Recipients are not email addresses (in reply to RCPT TO command)" },
  { "rcpt-does-not-exist", P2 ("rcpt <", "> does not exist"),     /* no such recipient */
    "550 RCPT <user@example.com> does not exist (in reply to RCPT TO command)" },
  { "recipient-address-rejected-rcpt", P1 ("recipient address rejected. (in reply to rcpt to command)"), /* rejected at RCPT */
    "550 Recipient address rejected. (in reply to RCPT TO command)" },
  { "recipient-address-rejected", P1 ("recipient address rejected."), /* bare refusal at RCPT (the command is known) */
    "SMTP error from remote mail server after RCPT TO:<user@example.com>: 550 Recipient address rejected." },
  { "recipient-was-not-found-in", P2 ("recipient ", " was not found in"), /* not found */
    "550 Recipient user@example.com was not found in LDAP (in reply to RCPT TO command)" },
  { "microsoft-recipient-access-denied", P1 ("recipient address rejected: access denied"), /* Microsoft 5.4.1 */
    "550 5.0.0 <user@example.com>: Recipient address rejected: Access denied (in reply to RCPT TO command)" },
  { "recipient-invalid-user", P1 ("recipient address rejected: invalid user"), /* no such recipient (invalid) */
    "550 5.0.0 <user@example.com>: Recipient address rejected: Invalid user (in reply to RCPT TO command)" },
  { "recipient-invalid-recipient", P1 ("recipient address rejected: invalid-recipient"), /* no such recipient (invalid) */
    "550 5.0.0 <user@example.com>: Recipient address rejected: invalid-recipient (in reply to RCPT TO command)" },
  { "recipient-user-does-not-exist", P2 ("recipient address rejected: user ", " does not exist"), /* no such user */
    "550 5.0.0 <user@example.com>: Recipient address rejected: User user does not exist (in reply to RCPT TO command)" },
  { "postfix-user-unknown-in-table", P2 ("recipient address rejected: user unknown in ", " table"), /* Postfix: no such recipient */
    "550 5.0.0 <user@example.com>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)" },
  { "recipient-unknown-user", P1 ("recipient address rejected: unknown user"), /* no such recipient (unknown) */
    "550 5.0.0 <user@example.com>: Recipient address rejected: Unknown user (in reply to RCPT TO command)" },
  { "recipient-does-not-exist", P1 ("recipient does not exist"),  /* no such recipient */
    "550 Recipient does not exist here (in reply to RCPT TO command)" },
  { "recipient-is-not-local", P1 ("recipient is not local"),      /* not local */
    "550 Recipient is not local (in reply to RCPT TO command)" },
  { "recipient-not-exist", P1 ("recipient not exist"),            /* no such recipient */
    "550 Recipient not exist (in reply to RCPT TO command)" },
  { "recipient-not-found", P1 ("recipient not found"),            /* not found */
    "550 Recipient not found (in reply to RCPT TO command)" },
  { "recipient-not-ok", P1 ("recipient not ok"),                  /* not ok */
    "550 Recipient not OK (in reply to RCPT TO command)" },
  { "recipient-refuses-your-mail", P1 ("recipient refuses to accept your mail"), /* no such recipient (refuses) */
    "550 Recipient refuses to accept your mail (in reply to RCPT TO command)" },
  { "recipient-unknown", P1 ("recipient unknown"),                /* no such recipient (unknown) */
    "550 Recipient unknown (in reply to RCPT TO command)" },
  { "exchange-recipient-notfound-space", P1 ("resolver.adr.recipient notfound"), /* Exchange: no such recipient */
    "550 5.0.0 RESOLVER.ADR.Recipient NotFound; not found (in reply to RCPT TO command)" },
  { "relayed-5.1.1-user-unknown", P3 ("said: 550", "5.1.1 ", " user unknown "), /* Postfix relay of 5.1.1 */
    "host mx.example.com[192.0.2.25] said: 550 5.0.0 Rejected: 5.1.1 <user@example.com>... User unknown (in reply to RCPT TO command)" },
  { "sorry-user-unknown", P1 ("sorry, user unknown"),             /* no such recipient (unknown) */
    "550 sorry, user unknown (in reply to RCPT TO command)" },
  { "qmail-badrcptto", P1 ("sorry, badrcptto"),                   /* qmail badrcptto */
    "553 sorry, badrcptto (#5.7.1) (in reply to RCPT TO command)" },
  { "qmail-no-mailbox-by-that-name", P1 ("sorry, no mailbox here by that name"), /* qmail: no such recipient */
    "550 sorry, no mailbox here by that name. (in reply to RCPT TO command)" },
  { "envelope-recipient-denied", P1 ("sorry, your envelope recipient has been denied"), /* no such recipient (denied) */
    "553 sorry, your envelope recipient has been denied (in reply to RCPT TO command)" },
  { "qmail-domain-or-user-not-in-rcpthosts", P1 ("that domain or user isn't in my list of allowed rcpthosts"), /* qmail: no such recipient */
    "553 sorry, that domain or user isn't in my list of allowed rcpthosts (in reply to RCPT TO command)" },
  { "gmail-account-does-not-exist", P1 ("the email account that you tried to reach does not exist"), /* Gmail 5.1.1 */
    "550 5.0.0 The email account that you tried to reach does not exist (in reply to RCPT TO command)" },
  { "following-recipients-undeliverable", P1 ("the following recipients was undeliverable"), /* no such recipient (undeliverable) */
    "550 The following recipients was undeliverable (in reply to RCPT TO command)" },
  { "email-name-not-found", P1 ("the user's email name is not found"), /* not found */
    "550 The user's email name is not found. (in reply to RCPT TO command)" },
  { "no-one-at-this-address", P1 ("there is no one at this address"), /* no such recipient (nobody) */
    "550 There is no one at this address (in reply to RCPT TO command)" },
  { "address-no-longer-accepts-mail", P1 ("this address no longer accepts mail"), /* no such recipient (gone) */
    "550 This address no longer accepts mail. (in reply to RCPT TO command)" },
  { "address-wrong-or-no-longer-valid", P1 ("this email address is wrong or no longer valid"), /* no such recipient (gone) */
    "550 This email address is wrong or no longer valid (in reply to RCPT TO command)" },
  { "qmail-badrecipientto", P1 ("this recipient is in my badrecipientto list"), /* qmail: no such recipient */
    "553 sorry, this recipient is in my badrecipientto list (#5.7.1) (in reply to RCPT TO command)" },
  { "qmail-not-in-validrcptto", P1 ("this recipient is not in my validrcptto list"), /* qmail: no such recipient */
    "553 sorry, this recipient is not in my validrcptto list (#5.7.1) (in reply to RCPT TO command)" },
  { "this-spectator-does-not-exist", P1 ("this spectator does not exist"), /* does not exist */
    "550 This spectator does not exist (in reply to RCPT TO command)" },
  { "yahoo-no-account", P2 ("this user doesn't have a ", " account"), /* Yahoo/AOL: no such recipient */
    "554 delivery error: dd This user doesn't have a yahoo.com account (user@example.com) [0] (in reply to RCPT TO command)" },
  { "yahoo-no-account-no-apostrophe", P2 ("this user doesnt have a ", " account"), /* Yahoo/AOL: no such recipient */
    "554 delivery error: dd This user doesnt have a yahoo.com account (user@example.com) [0] (in reply to RCPT TO command)" },
  { "unknown-e-mail-address", P1 ("unknown e-mail address"),      /* no such recipient (unknown) */
    "550 Unknown e-mail address (in reply to RCPT TO command)" },
  { "unknown-email-address", P1 ("unknown email address"),        /* no such recipient (unknown) */
    "550 Unknown email address (in reply to RCPT TO command)" },
  { "exim-unknown-local-part", P1 ("unknown local part"),         /* Exim: no such recipient */
    "550 Unknown local part user in <user@example.com> (in reply to RCPT TO command)" },
  { "exim-unknown-local-part-hyphen", P1 ("unknown local-part"),  /* Exim: no such recipient */
    "550 Unknown local-part user in <user@example.com> (in reply to RCPT TO command)" },
  { "unknown-mailbox", P1 ("unknown mailbox"),                    /* no such recipient (unknown) */
    "550 Unknown mailbox (in reply to RCPT TO command)" },
  { "unknown-recipient", P1 ("unknown recipient"),                /* no such recipient (unknown) */
    "550 Unknown recipient (in reply to RCPT TO command)" },
  { "recipient-name-not-recognized", P1 ("the recipient name is not recognized"), /* Exchange 5.5/2000 NDR */
    "550 5.0.0 The recipient name is not recognized (in reply to RCPT TO command)" },
  { "unknown-user", P1 ("unknown user"),                          /* no such recipient (unknown) */
    "550 Unknown user (in reply to RCPT TO command)" },
  { "user-was-not-found", P2 ("user ", " was not found"),         /* not found */
    "550 User user was not found (in reply to RCPT TO command)" },
  { "user-named-does-not-exist", P2 ("user ", " does not exist"), /* does not exist */
    "550 User user does not exist (in reply to RCPT TO command)" },
  { "user-does-not-exist", P1 ("user does not exist"),            /* does not exist */
    "550 The user does not exist (in reply to RCPT TO command)" },
  { "user-missing-home-directory", P1 ("user missing home directory"), /* no home */
    "550 User missing home directory (in reply to RCPT TO command)" },
  { "user-not-active", P1 ("user not active"),                    /* no such recipient (inactive) */
    "550 User not active (in reply to RCPT TO command)" },
  { "user-not-exist", P1 ("user not exist"),                      /* does not exist */
    "550 User not exist (in reply to RCPT TO command)" },
  { "user-not-found", P1 ("user not found"),                      /* not found */
    "550 User not found (in reply to RCPT TO command)" },
  { "user-not-known", P1 ("user not known"),                      /* no such recipient (unknown) */
    "550 User not known (in reply to RCPT TO command)" },
  { "user-unknown", P1 ("user unknown"),                          /* no such recipient (unknown) */
    "550 <user@example.com>... User unknown (in reply to RCPT TO command)" },
  { "french-utilisateur-inconnu", P1 ("utilisateur inconnu !"),   /* French: no such recipient */
    "550 Utilisateur inconnu ! (in reply to RCPT TO command)" },
  { "vpopmail-unknown-virtual-user", P1 ("vdeliver: invalid or unknown virtual user"), /* vpopmail: no such recipient */
    "550 vdeliver: Invalid or unknown virtual user (in reply to RCPT TO command)" },
  { "qmail-badrcptto-list", P1 ("your envelope recipient is in my badrcptto list"), /* qmail: no such recipient */
    "553 sorry, your envelope recipient is in my badrcptto list (#5.7.1) (in reply to RCPT TO command)" },
  { "qmail-does-not-like-recipient", P1 ("does not like recipient."), /* no such recipient (qmail-remote) */
    "192.0.2.25 does not like recipient. Remote host said: 550 No thank you" },
  { "trendmicro-check-address", P1 ("please check if address is correct"), /* Trend Micro */
    "550 Please check if address is correct (in reply to RCPT TO command)" },
  { "verizon-no-valid-recipients-mm", P1 ("no valid recipients for this mm"), /* Verizon: no such recipient */
    "550 No valid recipients for this MM (in reply to RCPT TO command)" },
  { "godaddy-account-does-not-exist", P1 ("account does not exist"), /* GoDaddy: no such recipient */
    "550 Account does not exist (in reply to RCPT TO command)" },
  { "yahoo-no-longer-valid", P1 ("no longer valid"),              /* Yahoo: address no longer valid */
    "554 user@example.com is no longer valid (in reply to RCPT TO command)" },
  { "icloud-unknown-or-illegal-alias", P1 ("unknown or illegal alias"), /* iCloud: no such recipient */
    "550 5.0.0 <user@example.com>: unknown or illegal alias: user@example.com (in reply to RCPT TO command)" },
  { "address-is-not-valid", P1 ("address is not valid"),          /* no such recipient (invalid) */
    "550 This address is not valid (in reply to RCPT TO command)" },
  { "mailbox-not-available", P1 ("mailbox not available"),        /* no such recipient (unavailable) */
    "550 Mailbox not available (in reply to RCPT TO command)" },
};

const BsPhraseGroup bs_phrases_userunknown = GROUP (USERUNKNOWN, userunknown);

static const BsPhraseRow hostunknown[] = {
  { "domain-does-not-exist", P1 ("domain does not exist"),        /* no such domain */
    "550 5.0.0 Recipient domain does not exist" },
  { "domain-not-found", P1 ("domain not found"),                  /* no such domain (Axigen, others) */
    "550 5.0.0 <user@example.com> - permanent failure: domain not found" },
  { "domain-is-not-reachable", P1 ("domain is not reachable"),    /* domain unreachable */
    "550 5.0.0 The domain is not reachable" },
  { "domain-must-exist", P1 ("domain must exist"),                /* recipient domain must exist */
    "550 5.0.0 Domain must exist" },
  { "host-or-domain-name-not-found", P1 ("host or domain name not found"), /* Postfix: no DNS */
    "Host or domain name not found. Name service error for name=example.com type=MX: Host not found" },
  { "host-unknown", P1 ("host unknown"),                          /* Sendmail: host unknown */
    "550 Host unknown (Name server: example.com: host not found)" },
  { "host-unreachable", P1 ("host unreachable"),                  /* host unreachable */
    "550 5.0.0 Host unreachable" },
  { "unknown-mail-domain", P1 ("mail domain mentioned in email address is unknown"), /* unknown mail domain */
    "550 5.0.0 Mail domain mentioned in email address is unknown" },
  { "name-or-service-not-known", P1 ("name or service not known"), /* resolver error */
    "550 5.0.0 Name or service not known" },
  { "no-such-domain", P1 ("no such domain"),                      /* no such domain */
    "550 5.0.0 No such domain" },
  { "postfix-unknown-domain-name", P1 ("recipient address rejected: unknown domain name"), /* Postfix: recipient domain does not exist */
    "550 5.0.0 <user@example.com>: Recipient address rejected: unknown domain name" },
  { "account-or-domain-may-not-exist", P1 ("the account or domain may not exist"), /* account or domain */
    "550 5.0.0 The account or domain may not exist, they may be blacklisted, or missing the proper dns entries." },
  { "unknown-host", P1 ("unknown host"),                          /* unknown host */
    "550 5.0.0 Unknown host" },
  { "unroutable-address", P1 ("unroutable address"),              /* recipient domain does not exist (unroutable) */
    "550 5.0.0 Unroutable address" },
  { "exim-unrouteable-address", P1 ("unrouteable address"),       /* Exim: unrouteable */
    "Unrouteable address" },
  { "553-domain-does-not-exist", P2 ("553 ", " does not exist"),  /* "553 <domain> does not exist" */
    "553 example.com does not exist" },
  { "couldnt-find-any-host-named", P1 ("couldn't find any host named"), /* qmail: no such host */
    "550 5.0.0 I couldn't find any host named example.com" },
  { "couldnt-find-any-host-by-that-name", P1 ("couldn't find any host by that name"), /* qmail: no such host */
    "550 5.0.0 I couldn't find any host by that name" },
  { "gmail-recipient-domain-not-found", P1 ("we weren't able to find the recipient domain"), /* Gmail 5.1.2 */
    "550 5.0.0 We weren't able to find the recipient domain. Please check for any spelling errors." },
};

const BsPhraseGroup bs_phrases_hostunknown = GROUP (HOSTUNKNOWN, hostunknown);

static const BsPhraseRow hasmoved[] = {
  { "has-been-replaced-by", P1 (" has been replaced by "),        /* address replaced by another */
    "550 5.1.6 user@example.com has been replaced by new.user@example.net" },
};

const BsPhraseGroup bs_phrases_hasmoved = GROUP (HASMOVED, hasmoved);

static const BsPhraseRow suspend[] = {
  { "is-currently-suspended", P1 (" is currently suspended"),     /* suspended account */
    "550 5.2.1 The account user@example.com is currently suspended" },
  { "temporary-locked", P1 (" temporary locked"),                 /* locked account */
    "550 5.2.1 Account user@example.com temporary locked" },
  { "orange-archivee", P1 ("boite du destinataire archivee"),     /* Orange: archived */
    "550 5.2.1 Boite du destinataire archivee. Archived recipient. LPN007_402" },
  { "gmail-account-disabled", P1 ("email account that you tried to reach is disabled"), /* Gmail 5.2.1 disabled */
    "550-5.2.1 The email account that you tried to reach is disabled." },
  { "gmail-account-inactive", P1 ("email account that you tried to reach is inactive"), /* Gmail 5.2.1 inactive */
    "550-5.2.1 The email account that you tried to reach is inactive and can't receive messages." },
  { "has-been-suspended", P1 ("has been suspended"),              /* account suspended or disabled */
    "550 5.2.1 This account has been suspended" },
  { "invalid-inactive-user", P1 ("invalid/inactive user"),        /* account suspended or disabled (inactive) */
    "550 5.2.1 Invalid/inactive user" },
  { "qq-deactivated-mailbox", P1 ("is a deactivated mailbox"),    /* QQ: account suspended or disabled */
    "550 5.2.1 user@example.com is a deactivated mailbox" },
  { "mailbox-currently-suspended", P1 ("mailbox currently suspended"), /* account suspended or disabled */
    "550 5.2.1 Mailbox currently suspended" },
  { "mailbox-is-frozen", P1 ("mailbox is frozen"),                /* account suspended or disabled (frozen) */
    "550 5.2.1 Mailbox is frozen" },
  { "mailbox-unavailable-or-access-denied", P1 ("mailbox unavailable or access denied"), /* account suspended or disabled */
    "550 5.2.1 Mailbox unavailable or access denied" },
  { "temporarily-inactive", P1 ("recipient rejected: temporarily inactive"), /* account suspended or disabled (inactive) */
    "550 5.2.1 Recipient rejected: Temporarily inactive" },
  { "recipient-suspend-the-service", P1 ("recipient suspend the service"), /* account suspended or disabled */
    "550 5.2.1 Recipient suspend the service" },
  { "disabled-or-discontinued", P1 ("this account has been disabled or discontinued"), /* account suspended or disabled */
    "550 5.2.1 This account has been disabled or discontinued" },
  { "this-mailbox-is-disabled", P1 ("this mailbox is disabled"),  /* account suspended or disabled */
    "550 5.2.1 This mailbox is disabled" },
  { "163-user-suspended", P1 ("user suspended"),                  /* 163.com: account suspended or disabled */
    "550 5.2.1 User suspended" },
  { "vpopmail-account-locked", P1 ("vdelivermail: account is locked email bounced"), /* vpopmail: account suspended or disabled */
    "550 5.2.1 vdelivermail: account is locked email bounced" },
  { "account-is-disabled", P1 ("account is disabled"),            /* account suspended or disabled */
    "550 5.2.1 Account is disabled" },
  { "account-disabled", P1 ("account disabled"),                  /* account suspended or disabled */
    "550 5.2.1 Account disabled" },
  { "icloud-inactive-email-address", P1 ("inactive email address"), /* iCloud: inactive */
    "550 5.2.1 Inactive email address" },
  { "laposte-compte-bloque", P1 ("le compte du destinataire est bloque"), /* La Poste: blocked account */
    "550 5.2.1 Le compte du destinataire est bloque. The recipient account isblocked. LPN007_426" },
  { "laposte-account-isblocked", P1 ("recipient account isblocked"), /* La Poste 426 */
    "550 5.2.1 Recipient account isblocked. LPN007_426" },
  { "microsoft-banned-recipient", P1 ("access denied, banned recipient"), /* Microsoft 5.7.505 */
    "550 5.2.1 Access denied, banned recipient" },
  { "exchange-mailbox-disabled", P1 ("mailbox disabled"),         /* Exchange 5.2.1 "Mailbox disabled, not accepting messages" */
    "550 5.2.1 Mailbox disabled, not accepting messages" },
  { "this-email-account-is-inactive", P1 ("this email account is inactive"), /* inactive account (Sisimai 5) */
    "550 5.2.1 This email account is inactive" },
  { "user-or-domain-is-disabled", P1 ("user or domain is disabled"), /* disabled user or domain (Sisimai 5) */
    "550 5.2.1 User or domain is disabled" },
  { "user-is-terminated", P1 ("is unavailable: user is terminated"), /* terminated account (Sisimai 5) */
    "550 5.2.1 user@example.com is unavailable: user is terminated" },
};

const BsPhraseGroup bs_phrases_suspend = GROUP (SUSPEND, suspend);

static const BsPhraseRow notaccept[] = {
  { "nullmx", P1 ("does not accept mail (nullmx)"),               /* RFC 7505 null MX */
    "556 Domain example.com does not accept mail (nullMX)" },
  { "icloud-host-domain-no-mail", P1 ("host/domain does not accept mail"), /* iCloud null MX */
    "556 Host/domain does not accept mail" },
  { "sendmail-host-does-not-accept", P1 ("host does not accept mail"), /* Sendmail null MX */
    "556 Host does not accept mail" },
  { "sendmail-name-server-host-not-found", P1 ("name server: .: host not found"), /* Sendmail: the domain accepts no mail */
    "550 Name server: .: host not found" },
  { "yahoo-no-mx-record", P1 ("no mx record found for domain="),  /* Yahoo: the domain accepts no mail */
    "554 No MX record found for domain=example.com" },
  { "no-route-for-current-request", P1 ("no route for current request"), /* no route */
    "550 No route for current request" },
  { "smtp-permanent-error", P1 ("smtp protocol returned a permanent error"), /* permanent error */
    "554 SMTP protocol returned a permanent error" },
  { "null-mx", P1 ("null mx"),                                    /* null MX (RFC 7505) */
    "556 The domain has a null MX" },
  { "no-mail-exchanger-or-ip-address", P1 ("couldn't find a mail exchanger or ip address"), /* notqmail: null MX */
    "I couldn't find a mail exchanger or IP address" },
};

const BsPhraseGroup bs_phrases_notaccept = GROUP (NOTACCEPT, notaccept);

/* a quota on what the sender may send is no full mailbox */
static const BsPhraseRow mailboxfull_except[] = {
  { "except-daily-message-quota", P1 ("daily message quota exceeded"), /* Amazon SES sending quota (toomanyconn) */
    "454 Throttling failure: Daily message quota exceeded." },
  { "except-sending-quota", P1 ("sending quota exceeded"),        /* a provider's sending quota (toomanyconn) */
    "550 5.4.5 Daily user sending quota exceeded." },
};

static const BsPhraseRow mailboxfull[] = {
  { "receiving-limits", P1 ("account disabled temporarly for exceeding receiving limits"), /* receiving limits */
    "552 5.0.0 Account disabled temporarly for exceeding receiving limits" },
  { "exceeding-their-quota", P1 ("account is exceeding their quota"), /* mailbox full (quota) */
    "552 5.0.0 The account is exceeding their quota" },
  { "account-is-over-quota", P1 ("account is over quota"),        /* mailbox full (quota) */
    "552 5.0.0 Account is over quota" },
  { "temporarily-over-quota", P1 ("account is temporarily over quota"), /* mailbox full (quota) */
    "452 4.0.0 Account is temporarily over quota" },
  { "orange-boite-pleine", P1 ("boite du destinataire pleine"),   /* Orange: mailbox full */
    "552 5.0.0 Boite du destinataire pleine. Recipient overquota. OFR004_104" },
  { "delivery-failed-over-quota", P1 ("delivery failed: over quota"), /* mailbox full (quota) */
    "552 5.0.0 Delivery failed: Over quota" },
  { "disc-quota-exceeded", P1 ("disc quota exceeded"),            /* mailbox full (quota) */
    "552 5.0.0 Disc quota exceeded" },
  { "not-enough-space", P1 ("does not have enough space"),        /* no space */
    "552 5.0.0 The mailbox does not have enough space" },
  { "exceeded-storage-allocation", P1 ("exceeded storage allocation"), /* mailbox full (storage) */
    "552 5.0.0 Requested mail action aborted: exceeded storage allocation" },
  { "exceeding-mailbox-quota", P1 ("exceeding its mailbox quota"), /* mailbox full (quota) */
    "552 5.0.0 The recipient is exceeding its mailbox quota" },
  { "full-mailbox", P1 ("full mailbox"),                          /* mailbox full */
    "552 5.0.0 Full mailbox" },
  { "over-disk-quota", P1 ("is over disk quota"),                 /* mailbox full (quota) */
    "552 5.0.0 user@example.com is over disk quota" },
  { "over-quota-temporarily", P1 ("is over quota temporarily"),   /* mailbox full (quota) */
    "452 4.0.0 user@example.com is over quota temporarily" },
  { "mail-file-size-exceeds", P1 ("mail file size exceeds the maximum size allowed for mail delivery"), /* mbox size */
    "552 5.0.0 Mail file size exceeds the maximum size allowed for mail delivery" },
  { "mail-quota-exceeded", P1 ("mail quota exceeded"),            /* mailbox full (quota) */
    "552 5.0.0 Mail quota exceeded" },
  { "mailbox-exceeded-local-limit", P1 ("mailbox exceeded the local limit"), /* local limit */
    "552 5.0.0 Mailbox exceeded the local limit" },
  { "mailbox-full", P1 ("mailbox full"),                          /* mailbox full */
    "552 5.0.0 Mailbox full" },
  { "mailbox-exceeded-disk-space", P1 ("mailbox has exceeded its disk space limit"), /* disk space */
    "552 5.0.0 Mailbox has exceeded its disk space limit" },
  { "mailbox-is-full", P1 ("mailbox is full"),                    /* mailbox full */
    "552 5.0.0 Mailbox is full" },
  { "mailbox-over-quota", P1 ("mailbox over quota"),              /* mailbox full (quota) */
    "552 5.0.0 Mailbox over quota" },
  { "mailbox-quota-usage-exceeded", P1 ("mailbox quota usage exceeded"), /* mailbox full (quota) */
    "552 5.0.0 Mailbox quota usage exceeded" },
  { "mailbox-size-limit-exceeded", P1 ("mailbox size limit exceeded"), /* size limit */
    "552 5.0.0 Mailbox size limit exceeded" },
  { "maildir-over-quota", P1 ("maildir over quota"),              /* maildir quota */
    "552 5.0.0 maildir over quota." },
  { "maildir-userdisk-quota", P1 ("maildir delivery failed: userdisk quota "), /* maildir quota */
    "552 5.0.0 maildir delivery failed: userdisk quota 1000000 exceeded" },
  { "maildir-domaindisk-quota", P1 ("maildir delivery failed: domaindisk quota "), /* maildir quota */
    "552 5.0.0 maildir delivery failed: domaindisk quota 1000000 exceeded" },
  { "mailfolder-is-full", P1 ("mailfolder is full"),              /* folder full */
    "552 5.0.0 Mailfolder is full" },
  { "not-enough-storage-space", P1 ("not enough storage space in"), /* mailbox full (storage) */
    "552 5.0.0 Not enough storage space in the mailbox" },
  { "not-enough-disk-space", P1 ("not enough disk space"),        /* disk space */
    "552 5.0.0 Not enough disk space" },
  { "over-the-allowed-quota", P1 ("over the allowed quota"),      /* mailbox full (quota) */
    "552 5.0.0 The message is over the allowed quota" },
  { "quota-exceeded", P1 ("quota exceeded"),                      /* mailbox full (quota) */
    "552 5.0.0 Quota exceeded" },
  { "quota-violation-for", P1 ("quota violation for"),            /* mailbox full (quota) */
    "552 5.0.0 Quota violation for user@example.com" },
  { "recipient-reached-disk-quota", P1 ("recipient reached disk quota"), /* mailbox full (quota) */
    "552 5.0.0 Recipient reached disk quota" },
  { "would-exceed-allowed-storage", P1 ("recipient rejected: mailbox would exceed maximum allowed storage"), /* mailbox full (storage) */
    "552 5.0.0 Recipient Rejected: Mailbox would exceed maximum allowed storage" },
  { "user-space-used-up", P1 ("the user's space has been used up"), /* space used up */
    "552 5.0.0 The user's space has been used up." },
  { "user-you-are-trying-to-reach-over-quota", P1 ("the user you are trying to reach is over quota"), /* mailbox full (quota) */
    "552 5.0.0 The user you are trying to reach is over quota." },
  { "docomo-too-much-mail-data", P1 ("too much mail data"),       /* NTT docomo: mailbox full */
    "552 5.0.0 Too much mail data" },
  { "exceeded-quota-bouncing", P1 ("user has exceeded quota, bouncing mail"), /* mailbox full (quota) */
    "552 5.0.0 User has exceeded quota, bouncing mail" },
  { "too-many-messages-on-the-server", P1 ("user has too many messages on the server"), /* too many messages */
    "552 5.0.0 User has too many messages on the server" },
  { "user-is-over-quota", P1 ("user is over quota"),              /* mailbox full (quota) */
    "552 5.0.0 User is over quota" },
  { "user-is-over-the-quota", P1 ("user is over the quota"),      /* mailbox full (quota) */
    "552 5.0.0 User is over the quota" },
  { "user-over-quota", P1 ("user over quota"),                    /* mailbox full (quota) */
    "552 5.0.0 User over quota" },
  { "is-over-quota", P1 ("is over quota"),                        /* mailbox full (quota) */
    "552 5.0.0 user@example.com is over quota" },
  { "over-quota", P1 ("over quota"),                              /* mailbox full (quota) */
    "552 5.0.0 Over quota" },
  { "messages-in-mailbox-exceeded", P1 ("number of messages in recipient's mailbox exceeded"), /* Biglobe: too many messages */
    "552 5.0.0 The number of messages in recipient's mailbox exceeded its limit" },
  { "godaddy-account-storage-limit", P1 ("account storage limit"), /* GoDaddy: storage limit */
    "552 5.0.0 Account storage limit" },
  { "insufficient-disk-space", P1 ("insufficient disk space"),    /* disk space */
    "452 4.0.0 Insufficient disk space" },
};

const BsPhraseGroup bs_phrases_mailboxfull = GROUP_EXCEPT (MAILBOXFULL, mailboxfull);

static const BsPhraseRow filtered[] = {
  { "aol-specific-addresses-only", P1 ("because the recipient is only accepting mail from specific email addresses"), /* AOL Phoenix */
    "554 5.0.0 Delivery failed because the recipient is only accepting mail from specific email addresses" },
  { "sendgrid-bounced-address", P1 ("bounced address"),           /* SendGrid: address bounced before */
    "550 5.0.0 Bounced Address" },
  { "extended-inactivity", P1 ("due to extended inactivity new mail is not currently being accepted for this mailbox"), /* the recipient's filter refused it (inactive) */
    "550 5.0.0 Due to extended inactivity new mail is not currently being accepted for this mailbox." },
  { "att-restricted-sms", P1 ("has restricted sms e-mail"),       /* AT&T: the recipient's filter refused it */
    "550 5.0.0 The recipient has restricted SMS e-mail" },
  { "not-accepting-any-mail", P1 ("is not accepting any mail"),   /* mailbox accepts no mail */
    "550 5.0.0 This mailbox is not accepting any mail" },
  { "rejected-due-to-user-rules", P1 ("message rejected due to user rules"), /* recipient's rules */
    "550 5.0.0 Message rejected due to user rules" },
  { "not-found-recipient-account", P1 ("not found recipient account"), /* recipient filter */
    "550 5.0.0 Not found recipient account" },
  { "facebook-recipient-preferences", P1 ("refused due to recipient preferences"), /* Facebook: the recipient's filter refused it */
    "550 5.0.0 RCP-P2 Refused due to recipient preferences" },
  { "exchange-notauthorized", P1 ("resolver.rst.notauthorized"),  /* Microsoft Exchange */
    "550 5.0.0 RESOLVER.RST.NotAuthorized; not authorized" },
  { "account-is-protected-by", P1 ("this account is protected by"), /* protected account */
    "550 5.0.0 This account is protected by a filter" },
  { "mailru-user-not-found", P1 ("user not found"),               /* filter on mail.ru */
    "550 5.0.0 User not found" },
  { "user-reject", P1 ("user reject"),                            /* recipient rejects */
    "550 5.0.0 User reject" },
  { "willcom-refuse-to-receive", P1 ("we failed to deliver mail because the following address recipient id refuse to receive mail"), /* Willcom: the recipient's filter refused it */
    "550 5.0.0 We failed to deliver mail because the following address recipient id refuse to receive mail." },
  { "blocked-by-the-recipient", P1 ("you have been blocked by the recipient"), /* blocked by recipient */
    "550 5.0.0 You have been blocked by the recipient" },
  { "qq-rejected-by-recipients", P1 ("mail is rejected by recipients"), /* Tencent QQ */
    "550 5.0.0 Mail is rejected by recipients" },
};

const BsPhraseGroup bs_phrases_filtered = GROUP (FILTERED, filtered);

static const BsPhraseRow vacation[] = {
  { "away-on-vacation", P1 ("i am away on vacation"),             /* auto-reply text */
    "I am away on vacation until 10 March and will answer your message when I am back." },
  { "away-until", P1 ("i am away until"),                         /* auto-reply text */
    "I am away until Monday with no access to my mail." },
  { "out-of-the-office", P1 ("i am out of the office"),           /* auto-reply text */
    "I am out of the office this week." },
  { "traveling-for-work", P1 ("i will be traveling for work on"), /* auto-reply text */
    "I will be traveling for work on 10 and 11 March." },
};

const BsPhraseGroup bs_phrases_vacation = GROUP (VACATION, vacation);
