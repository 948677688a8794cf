/* format.c - reasons an MTA's own bounce wording states
 *
 * MTAs write some failures in words of their own, not the remote server's
 * (qmail's "Sorry, I couldn't find any host named", Exim's "all relevant MX
 * records point to non-existent hosts").  These rows stand for the reason a
 * format parser would state; after the message tables of Sisimai 4.25's MTA
 * modules (BSD-2-Clause, azumakuniyuki) with Sisimai 5's changes.
 * mta NULL: the wording is distinctive enough for any format; otherwise the
 * record's format name (lower case, letters and digits only) must contain
 * it.  Lower case; first matching row wins.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "rules.h"

#define T1(a) { { (a), NULL, NULL } }

const BsFormatRule bs_rules_format[] = {
  /* Exim (and mail.ru, which runs it) */
  { "exim-host-lookups-failed", NULL, BS_REASON_HOSTUNKNOWN, T1 ("all host address lookups failed permanently"), /* Exim: no address for the host */
    "all host address lookups failed permanently" },
  { "exim-mx-to-non-existent-hosts", NULL, BS_REASON_HOSTUNKNOWN, T1 ("all relevant mx records point to non-existent hosts"), /* Exim: dead MX */
    "all relevant MX records point to non-existent hosts" },
  { "exim-no-smtp-service", NULL, BS_REASON_NOTACCEPT, T1 ("an mx or srv record indicated no smtp service"), /* Exim: null MX */
    "an MX or SRV record indicated no SMTP service" },
  { "exim-no-host-for-connection", NULL, BS_REASON_NOTACCEPT, T1 ("no host found for existing smtp connection"), /* Exim */
    "no host found for existing SMTP connection" },
  { "exim-angle-brackets-nested", NULL, BS_REASON_SYNTAXERROR, T1 ("angle-brackets nested too deep"), /* Exim address syntax */
    "malformed address: <<<user@example.com>>> - angle-brackets nested too deep" },
  { "exim-expected-word", NULL, BS_REASON_SYNTAXERROR, T1 ("expected word or \"<\""), /* Exim address syntax */
    "malformed address: user@ - expected word or \"<\"" },
  { "exim-source-routed-domain-missing", NULL, BS_REASON_SYNTAXERROR, T1 ("domain missing in source-routed address"), /* Exim address syntax */
    "malformed address: @relay:user - domain missing in source-routed address" },
  { "exim-malformed-address", NULL, BS_REASON_SYNTAXERROR, T1 ("malformed address:"), /* Exim address syntax */
    "malformed address: user@example..com may not follow user@example" },
  { "exim-file-forbidden", NULL, BS_REASON_SYSTEMERROR, T1 ("delivery to file forbidden"), /* Exim local delivery */
    "delivery to file forbidden" },
  { "exim-pipe-forbidden", NULL, BS_REASON_SYSTEMERROR, T1 ("delivery to pipe forbidden"), /* Exim local delivery */
    "delivery to pipe forbidden" },
  { "exim-local-delivery-failed", NULL, BS_REASON_SYSTEMERROR, T1 ("local delivery failed"), /* Exim local delivery */
    "local delivery failed" },
  { "exim-lmtp-error", NULL, BS_REASON_SYSTEMERROR, T1 ("lmtp error after "), /* Exim LMTP */
    "LMTP error after RCPT TO:<user@example.com>: 451 4.3.0 Temporary failure" },
  { "exim-too-many-received", NULL, BS_REASON_CONTENTERROR, T1 ("too many \"received\" headers"), /* Exim loop guard */
    "Too many \"Received\" headers - suspected mail loop" },
  { "exim-quota-exceed", NULL, BS_REASON_MAILBOXFULL, T1 ("error: quota exceed"), /* Exim quota */
    "save to mailbox failed: error: quota exceed" },
  { "mailru-no-action-required", "mailru", BS_REASON_EXPIRED, T1 ("no action is required on your part"), /* mail.ru delay notice */
    "Message will be retried for 2 more day(s). No action is required on your part." },
  /* Courier */
  { "courier-dns-violates-rfc-1035", NULL, BS_REASON_SYSTEMERROR, T1 ("this domain's dns violates rfc 1035."), /* Courier DNS */
    "This domain's DNS violates RFC 1035." },
  { "courier-dns-lookup-failed", "courier", BS_REASON_NETWORKERROR, T1 ("dns lookup failed."), /* Courier DNS */
    "DNS lookup failed." },
  /* OpenSMTPD */
  { "opensmtpd-invalid-domain-name", "opensmtpd", BS_REASON_HOSTUNKNOWN, T1 ("invalid domain name"), /* OpenSMTPD */
    "Invalid domain name" },
  { "opensmtpd-rejects-all-mails", NULL, BS_REASON_NOTACCEPT, T1 ("destination seem to reject all mails"), /* OpenSMTPD */
    "Destination seem to reject all mails" },
  { "opensmtpd-address-family-mismatch", NULL, BS_REASON_NETWORKERROR, T1 ("address family mismatch on destination mxs"), /* OpenSMTPD */
    "Address family mismatch on destination MXs" },
  { "opensmtpd-all-routes-blocked", NULL, BS_REASON_NETWORKERROR, T1 ("all routes to destination blocked"), /* OpenSMTPD */
    "All routes to destination blocked" },
  { "opensmtpd-bad-dns-lookup", NULL, BS_REASON_NETWORKERROR, T1 ("bad dns lookup error code"), /* OpenSMTPD */
    "Bad DNS lookup error code" },
  { "opensmtpd-no-source-address", NULL, BS_REASON_NETWORKERROR, T1 ("could not retrieve source address"), /* OpenSMTPD */
    "Could not retrieve source address" },
  { "opensmtpd-loop-detected", "opensmtpd", BS_REASON_NETWORKERROR, T1 ("loop detected"), /* OpenSMTPD */
    "Loop detected" },
  { "opensmtpd-no-mx-for-domain", NULL, BS_REASON_NETWORKERROR, T1 ("no mx found for domain"), /* OpenSMTPD */
    "No MX found for domain" },
  { "opensmtpd-no-mx-for-destination", NULL, BS_REASON_NETWORKERROR, T1 ("no mx found for destination"), /* OpenSMTPD */
    "No MX found for destination" },
  { "opensmtpd-no-route-to-remote-mx", NULL, BS_REASON_NETWORKERROR, T1 ("no valid route to remote mx"), /* OpenSMTPD */
    "No valid route to remote MX" },
  { "opensmtpd-no-route-to-destination", NULL, BS_REASON_NETWORKERROR, T1 ("no valid route to destination"), /* OpenSMTPD */
    "No valid route to destination" },
  { "opensmtpd-mx-lookup-failure", NULL, BS_REASON_NETWORKERROR, T1 ("temporary failure in mx lookup"), /* OpenSMTPD */
    "Temporary failure in MX lookup" },
  { "opensmtpd-no-credentials", NULL, BS_REASON_SECURITYERROR, T1 ("could not retrieve credentials"), /* OpenSMTPD */
    "Could not retrieve credentials" },
  /* qmail and its LDAP/X4 variants */
  { "qmail-ldap-administratively-disabled", NULL, BS_REASON_SUSPEND, T1 ("mailaddress is administratively disabled"), /* qmail-ldap 5.2.1 */
    "Sorry, the mailaddress is administratively disabled. (#5.2.1)" },
  { "qmail-ldap-administrativley-disabled", NULL, BS_REASON_SUSPEND, T1 ("mailaddress is administrativley disabled"), /* qmail-ldap 5.2.1 (sic) */
    "Sorry, the mailaddress is administrativley disabled. (#5.2.1)" },
  { "qmail-ldap-exeeded-maximum-size", NULL, BS_REASON_EXCEEDLIMIT, T1 ("the message exeeded the maximum size the user accepts"), /* qmail-ldap 5.2.3 */
    "The message exeeded the maximum size the user accepts" },
  { "qmail-ldap-homedir-creator-crashed", NULL, BS_REASON_SYSTEMERROR, T1 ("automatic homedir creator crashed"), /* qmail-ldap */
    "Automatic homedir creator crashed" },
  { "qmail-ldap-illegal-value", NULL, BS_REASON_SYSTEMERROR, T1 ("illegal value in ldap attribute"), /* qmail-ldap */
    "Illegal value in LDAP attribute" },
  { "qmail-ldap-attribute-mandatory", NULL, BS_REASON_SYSTEMERROR, T1 ("ldap attribute is not given but mandatory"), /* qmail-ldap */
    "LDAP attribute is not given but mandatory" },
  { "qmail-ldap-search-timeout", NULL, BS_REASON_SYSTEMERROR, T1 ("timeout while performing search on ldap server"), /* qmail-ldap */
    "Timeout while performing search on LDAP server" },
  { "qmail-ldap-too-many-results", NULL, BS_REASON_SYSTEMERROR, T1 ("too many results returned but needs to be unique"), /* qmail-ldap */
    "Too many results returned but needs to be unique" },
  { "qmail-ldap-forward-error", NULL, BS_REASON_SYSTEMERROR, T1 ("error while executing qmail-forward"), /* qmail-ldap */
    "Error while executing qmail-forward" },
  { "qmail-ldap-homedir-creation", NULL, BS_REASON_SYSTEMERROR, T1 ("temporary error in automatic homedir creation"), /* qmail-ldap */
    "Temporary error in automatic homedir creation" },
  { "qmail-ldap-lookup-failure", NULL, BS_REASON_SYSTEMERROR, T1 ("temporary failure in ldap lookup"), /* qmail-ldap */
    "Temporary failure in LDAP lookup" },
  { "qmail-ldap-contact-server", NULL, BS_REASON_SYSTEMERROR, T1 ("unable to contact ldap server"), /* qmail-ldap */
    "Unable to contact LDAP server" },
  { "qmail-ldap-login-server", NULL, BS_REASON_SYSTEMERROR, T1 ("unable to login into ldap server"), /* qmail-ldap */
    "Unable to login into LDAP server" },
  { "qmail-not-enough-free-space", NULL, BS_REASON_SYSTEMFULL, T1 ("requested action not taken: mailbox unavailable (not enough free space)"), /* qmail */
    "Requested action not taken: mailbox unavailable (not enough free space)" },
  { "qmail-disk-quota-exceeded", NULL, BS_REASON_MAILBOXFULL, T1 ("disk quota exceeded"), /* qmail: quota, even after "does not like recipient" */
    "192.0.2.25 does not like recipient. Remote host said: 552 Disk quota exceeded" },
  { "qmail-name-rejected", NULL, BS_REASON_BLOCKED, T1 ("but my name was rejected"), /* qmail: HELO refused */
    "Connected to 192.0.2.25 but my name was rejected. Remote host said: 550 Bad HELO" },
  { "qmail-bad-interpreter", "qmail", BS_REASON_SYSTEMERROR, T1 ("bad interpreter: no such file or directory"), /* qmail local */
    "/usr/local/bin/filter: bad interpreter: No such file or directory" },
  { "qmail-system-error", "qmail", BS_REASON_SYSTEMERROR, T1 ("system error"), /* qmail local */
    "Sorry, system error." },
  { "x4-bad-interpreter", "x4", BS_REASON_SYSTEMERROR, T1 ("bad interpreter: no such file or directory"), /* qmail-ldap (X4) local */
    "/usr/local/bin/filter: bad interpreter: No such file or directory" },
  { "x4-system-error", "x4", BS_REASON_SYSTEMERROR, T1 ("system error"), /* qmail-ldap (X4) local */
    "Sorry, system error." },
  { "qmail-no-host", NULL, BS_REASON_HOSTUNKNOWN, T1 ("sorry, i couldn't find any host "), /* qmail-remote 4.1.2/5.1.2 */
    "Sorry, I couldn't find any host named example.com. (#5.1.2)" },
  { "notqmail-null-mx", NULL, BS_REASON_NOTACCEPT, T1 ("sorry, i couldn't find a mail exchanger or ip address"), /* notqmail: null MX */
    "Sorry, I couldn't find a mail exchanger or IP address. (#5.1.10)" },
  { "qmail-no-smtp-connection", NULL, BS_REASON_NETWORKERROR, T1 ("sorry, i wasn't able to establish an smtp connection"), /* qmail-remote */
    "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)" },
  { "qmail-best-preference-mx", NULL, BS_REASON_NETWORKERROR, T1 ("although i'm listed as a best-preference mx or a for that host"), /* qmail MX loop */
    "Sorry. Although I'm listed as a best-preference MX or A for that host, it isn't in my control/locals file, so I don't treat it as local. (#5.4.6)" },
  /* formats whose own words say "no such user" (retry-set: a later test may still override) */
  { "exchange-recipnotfound", NULL, BS_REASON_USERUNKNOWN, T1 ("resolver.adr.recipnotfound"), /* Exchange 2007+: 5.1.1 */
    "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found" },
  { "exchange-exrecipnotfound", NULL, BS_REASON_USERUNKNOWN, T1 ("resolver.adr.exrecipnotfound"), /* Exchange 2007+: 5.1.1 */
    "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found" },
  { "office365-recipientnotfound", NULL, BS_REASON_USERUNKNOWN, T1 ("resolver.adr.recipientnotfound"), /* Office 365: 5.1.10 */
    "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup" },
  { "domino-not-listed", NULL, BS_REASON_USERUNKNOWN, T1 ("not listed in domino directory"), /* Domino */
    "User user@example.com not listed in Domino Directory" },
  { "domino-not-in-address-book", NULL, BS_REASON_USERUNKNOWN, T1 ("not listed in public name & address book"), /* Domino/Notes */
    "User user@example.com not listed in public Name & Address Book" },
  { "domino-french", NULL, BS_REASON_USERUNKNOWN, T1 ("non r\xc3\xa9pertori\xc3\xa9 dans l'annuaire domino"), /* Domino, French */
    "Utilisateur user@example.com non répertorié dans l'annuaire Domino" },
  { "domino-japanese", NULL, BS_REASON_USERUNKNOWN, T1 ("domino \xe3\x83\x87\xe3\x82\xa3\xe3\x83\xac\xe3\x82\xaf\xe3\x83\x88\xe3\x83\xaa\xe3\x81\xab\xe3\x81\xaf\xe8\xa6\x8b\xe3\x81\xa4\xe3\x81\x8b\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93"), /* Domino, Japanese */
    "user@example.com は Domino ディレクトリには見つかりません" },
  { "notes-japanese", NULL, BS_REASON_USERUNKNOWN, T1 ("\xe3\x83\x87\xe3\x82\xa3\xe3\x83\xac\xe3\x82\xaf\xe3\x83\x88\xe3\x83\xaa\xe3\x81\xae\xe3\x83\xaa\xe3\x82\xb9\xe3\x83\x88\xe3\x81\xab\xe3\x81\x82\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93"), /* Notes, Japanese */
    "user@example.com はディレクトリのリストにありません" },
  { "exchange2003-unknown-recipient", "exchange2003", BS_REASON_USERUNKNOWN, T1 ("unknown recipient"), /* Exchange 2003 000C05A6 */
    "Unknown Recipient" },
  { "mcafee-unknown-user", "mcafee", BS_REASON_USERUNKNOWN, T1 ("unknown user"), /* McAfee */
    "550 Unknown user user@example.com" },
  { "mcafee-user-not-exist", "mcafee", BS_REASON_USERUNKNOWN, T1 ("user not exist"), /* McAfee */
    "550 user@example.com... User not exist" },
  { "mcafee-no-such-user", "mcafee", BS_REASON_USERUNKNOWN, T1 ("no such user"), /* McAfee */
    "550 No such user" },
  { "verizon-no-such-user-here", "verizon", BS_REASON_USERUNKNOWN, T1 ("no such user here"), /* Verizon */
    "No such user here" },
  { "verizon-no-valid-recipients-mm", "verizon", BS_REASON_USERUNKNOWN, T1 ("no valid recipients for this mm"), /* Verizon MMS */
    "No valid recipients for this MM" },
  { "outlook-mailbox-unavailable", "outlook", BS_REASON_USERUNKNOWN, T1 ("requested action not taken: mailbox unavailable"), /* Outlook.com */
    "550 Requested action not taken: mailbox unavailable" },
  { "messagelabs-no-such-user", "messagelabs", BS_REASON_USERUNKNOWN, T1 ("no such user"), /* MessageLabs */
    "550 No such user" },
  { "trendmicro-check-address", "trendmicro", BS_REASON_USERUNKNOWN, T1 ("please check if address is correct"), /* Trend Micro */
    "Please check if address is correct" },
  { "interscan-check-address", "interscan", BS_REASON_USERUNKNOWN, T1 ("please check if address is correct"), /* Trend Micro InterScan */
    "Please check if address is correct" },
  { "courier-no-such-domain", "courier", BS_REASON_HOSTUNKNOWN, T1 ("no such domain."), /* Courier */
    "No such domain." },
  { "outlook-domain-not-reachable", "outlook", BS_REASON_HOSTUNKNOWN, T1 ("the domain is not reachable"), /* Outlook.com */
    "The domain is not reachable" },
  /* Lotus Domino / Notes */
  { "domino-cannot-route", NULL, BS_REASON_FILTERED, T1 ("cannot route mail to user"), /* Domino */
    "Cannot route mail to user (user@example.com)" },
  { "domino-several-matches", NULL, BS_REASON_SYSTEMERROR, T1 ("several matches found in domino directory"), /* Domino */
    "Several matches found in Domino Directory" },
  { "notes-maximum-hop-count", NULL, BS_REASON_NETWORKERROR, T1 ("message has exceeded maximum hop count"), /* Notes */
    "Message has exceeded maximum hop count" },
  /* Japanese ISPs and carriers */
  { "biglobe-user-unknown", NULL, BS_REASON_FILTERED, T1 ("mail delivery failed... user unknown"), /* Biglobe: the recipient's filter */
    "Mail Delivery Failed... User unknown" },
  { "biglobe-too-many-messages", NULL, BS_REASON_MAILBOXFULL, T1 ("the number of messages in recipient's mailbox exceeded the local limit"), /* Biglobe */
    "The number of messages in recipient's mailbox exceeded the local limit." },
  { "kddi-mailbox-full", NULL, BS_REASON_MAILBOXFULL, T1 ("as their mailbox is full"), /* KDDI */
    "The user is not available as their mailbox is full" },
  { "kddi-smtp-relay-error", NULL, BS_REASON_NORELAYING, T1 ("due to the following smtp relay error"), /* KDDI */
    "The message could not be delivered due to the following SMTP relay error" },
  { "kddi-domain-doesnt-exist", NULL, BS_REASON_HOSTUNKNOWN, T1 ("as the remote domain doesnt exist"), /* KDDI */
    "The message could not be delivered as the remote domain doesnt exist" },
  { "ezweb-account-disabled", NULL, BS_REASON_SUSPEND, T1 ("the user(s) account is disabled"), /* au EZweb */
    "The user(s) account is disabled." },
  { "ezweb-not-delivered-within", NULL, BS_REASON_EXPIRED, T1 ("your message was not delivered within "), /* au EZweb */
    "Your message was not delivered within 3 days of being queued." },
  /* providers' notices */
  { "gmx-retry-timeout", NULL, BS_REASON_EXPIRED, T1 ("delivery retry timeout exceeded"), /* GMX */
    "delivery retry timeout exceeded" },
  { "gmail-dns-servers", NULL, BS_REASON_EXPIRED, T1 ("dns error: could not contact dns servers"), /* Gmail */
    "DNS Error: Could not contact DNS servers" },
  { "gmail-delivery-delayed", NULL, BS_REASON_EXPIRED, T1 ("delivery to the following recipient has been delayed"), /* Gmail */
    "Delivery to the following recipient has been delayed: user@example.com" },
  { "gmail-no-connection-accepted", NULL, BS_REASON_EXPIRED, T1 ("the recipient server did not accept our requests to connect"), /* Gmail */
    "The recipient server did not accept our requests to connect." },
  { "gmail-domain-not-found", NULL, BS_REASON_HOSTUNKNOWN, T1 ("dns error: domain name not found"), /* Gmail */
    "DNS Error: Domain name not found" },
  { "gmail-no-data", NULL, BS_REASON_HOSTUNKNOWN, T1 ("dns error: dns server returned answer with no data"), /* Gmail */
    "DNS Error: DNS server returned answer with no data" },
  { "google-workspace-address-not-found", NULL, BS_REASON_USERUNKNOWN, T1 ("because the address couldn't be found. check for typos or unnecessary spaces"), /* Google Workspace */
    "Your message wasn't delivered to user@example.com because the address couldn't be found. Check for typos or unnecessary spaces and try again." },
  { "google-workspace-no-relevant-answers", NULL, BS_REASON_NETWORKERROR, T1 (" had no relevant answers."), /* Google Workspace DNS */
    "The DNS response for example.com had no relevant answers." },
  { "google-workspace-nxdomain", NULL, BS_REASON_NETWORKERROR, T1 (" responded with code nxdomain"), /* Google Workspace DNS */
    "The domain example.com responded with code NXDOMAIN" },
  { "ses-delivery-expired", NULL, BS_REASON_EXPIRED, T1 ("delivery expired"), /* Amazon SES */
    "Delivery expired" },
  { "receivingses-mailbox-does-not-exist", "receivingses", BS_REASON_FILTERED, T1 ("mailbox does not exist"), /* Amazon SES inbound: suppressed address */
    "550 Mailbox does not exist" },
  { "receivingses-content-rejected", "receivingses", BS_REASON_CONTENTERROR, T1 ("message content rejected"), /* Amazon SES inbound */
    "554 Message content rejected" },
  { "receivingses-message-filtered", "receivingses", BS_REASON_FILTERED, T1 ("message filtered"), /* Amazon SES inbound: receipt rule filter */
    "554 Message filtered" },
  { "zoho-host-not-reachable", "zoho", BS_REASON_EXPIRED, T1 ("host not reachable"), /* Zoho: retries over */
    "Host not reachable" },
  { "google-groups-group-you-tried", NULL, BS_REASON_REJECTED, T1 ("the group you tried to contact"), /* Google Groups */
    "The group you tried to contact (group) may not exist, or you may not have permission to post messages to the group." },
  { "google-groups-any-language", "googlegroups", BS_REASON_REJECTED, T1 (""), /* Google Groups in any language */
    "Google Groups hat Ihre Nachricht nicht angenommen." },
  { "fml-not-a-member", "fml", BS_REASON_REJECTED, T1 ("you are not a member of this mailing list"), /* fml */
    "You are not a member of this mailing list." },
};
const gsize bs_rules_n_format = G_N_ELEMENTS (bs_rules_format);
