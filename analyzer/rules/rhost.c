/* rhost.c - providers that answer in their own words and codes
 *
 * Which provider a record is about (from the remote MTA's name or the
 * recipient's domain), then that provider's own rules: reply code, status
 * (exact, or a range of the third field), provider code and text.  After
 * Sisimai 4.25's provider modules (BSD-2-Clause, azumakuniyuki) with the
 * Sisimai 5 reasons, and the providers' public documentation (Microsoft's
 * NDR pages, Gmail's SMTP error reference, Yahoo's and iCloud's postmaster
 * pages, Cox's, GoDaddy's, Spectrum's and Orange/La Poste's error codes).  Rows of one provider are tried in
 * order: the first whose every given field matches decides.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "rules.h"

/* Hosts: the remote MTA's name ends with host_suffix, or the recipient's
 * domain is domain (or a subdomain of it).  Domains are only listed where
 * a provider's own MX serves them, as Sisimai 5 does. */
const BsProviderHost bs_rules_provider_hosts[] = {
  { "google", "aspmx.l.google.com", NULL, "aspmx.l.google.com" }, /* Google Workspace MX */
  { "google", "gmail-smtp-in.l.google.com", NULL, "gmail-smtp-in.l.google.com" }, /* Gmail MX */
  { "microsoft", ".protection.outlook.com", NULL, "example-com.mail.protection.outlook.com" }, /* Exchange Online / Outlook.com MX */
  { "microsoft", ".prod.outlook.com", NULL, "tyzpr01mb1234.jpnprd01.prod.outlook.com" }, /* Exchange Online front ends */
  { "microsoft", ".onmicrosoft.com", NULL, "mx.example.onmicrosoft.com" }, /* Microsoft 365 tenants */
  { "microsoft", ".exchangelabs.com", NULL, "mx1.example.exchangelabs.com" }, /* Exchange Online (old name) */
  { "microsoft", ".hotmail.com", NULL, "mx1.hotmail.com" },       /* Hotmail MX */
  { "microsoft", NULL, "outlook.com", "outlook.com" },            /* Outlook.com mailboxes */
  { "microsoft", NULL, "hotmail.com", "hotmail.com" },            /* Hotmail mailboxes */
  { "yahoo", ".yahoodns.net", NULL, "mta5.am0.yahoodns.net" },    /* Yahoo Inc. MX (Yahoo, AOL) */
  { "aol", ".mail.aol.com", NULL, "mailin-02.mail.aol.com" }, /* AOL */
  { "aol", ".mx.aol.com", NULL, "mailin-01.mx.aol.com" },         /* AOL */
  { "aol", NULL, "aol.com", "aol.com" },                          /* AOL mailboxes */
  { "apple", ".mail.icloud.com", NULL, "mx01.mail.icloud.com" },  /* iCloud MX */
  { "apple", ".apple.com", NULL, "mx-in.apple.com" },             /* Apple MX */
  { "apple", ".me.com", NULL, "mx1.me.com" },                     /* iCloud (me.com) MX */
  { "apple", NULL, "icloud.com", "icloud.com" },                  /* iCloud mailboxes */
  { "apple", NULL, "me.com", "me.com" },                          /* iCloud mailboxes */
  { "cox", "cox.net", NULL, "cxr.mx.b.cox.net" },                 /* Cox */
  { "cox", NULL, "cox.net", "cox.net" },                          /* Cox mailboxes */
  { "franceptt", ".laposte.net", NULL, "smtp-in.laposte.net" },   /* La Poste */
  { "franceptt", ".orange.fr", NULL, "smtp-in.orange.fr" },       /* Orange */
  { "franceptt", ".wanadoo.fr", NULL, "smtp-in.wanadoo.fr" },     /* Orange (Wanadoo) */
  { "franceptt", NULL, "laposte.net", "laposte.net" },            /* La Poste mailboxes */
  { "franceptt", NULL, "orange.fr", "orange.fr" },                /* Orange mailboxes */
  { "franceptt", NULL, "wanadoo.fr", "wanadoo.fr" },              /* Orange mailboxes */
  { "godaddy", "smtp.secureserver.net", NULL, "smtp.secureserver.net" }, /* GoDaddy */
  { "godaddy", "mailstore1.secureserver.net", NULL, "mailstore1.secureserver.net" }, /* GoDaddy */
  { "iua", ".email.ua", NULL, "mx.email.ua" },                    /* i.ua */
  { "kddi", ".ezweb.ne.jp", NULL, "lsean.ezweb.ne.jp" },          /* au (KDDI) */
  { "kddi", "msmx.au.com", NULL, "msmx.au.com" },                 /* au (KDDI) */
  { "kddi", NULL, "ezweb.ne.jp", "ezweb.ne.jp" },                 /* au mailboxes */
  { "kddi", NULL, "au.com", "au.com" },                           /* au mailboxes */
  { "mimecast", ".mimecast.com", NULL, "us-smtp-inbound-1.mimecast.com" }, /* Mimecast */
  { "nttdocomo", "mfsmax.docomo.ne.jp", NULL, "mfsmax.docomo.ne.jp" }, /* NTT docomo */
  { "nttdocomo", NULL, "docomo.ne.jp", "docomo.ne.jp" },          /* NTT docomo mailboxes */
  { "spectrum", "charter.net", NULL, "mx.charter.net" },          /* Spectrum/Charter */
  { "spectrum", NULL, "charter.net", "charter.net" },             /* Spectrum mailboxes */
  { "tencent", ".qq.com", NULL, "mx3.qq.com" },                   /* Tencent QQ */
  { "tencent", NULL, "qq.com", "qq.com" },                        /* QQ mailboxes */
  { "messagelabs", ".messagelabs.com", NULL, "cluster5.eu.messagelabs.com" }, /* Symantec MessageLabs */
};
const gsize bs_rules_n_provider_hosts = G_N_ELEMENTS (bs_rules_provider_hosts);

#define T1(a) { { (a), NULL, NULL } }
#define T2(a, b) { { (a), (b), NULL } }
#define NOTEXT { { NULL, NULL, NULL } }

/* provider, reason, reply, status, lo, hi, code kind, text */
const BsProviderRule bs_rules_provider[] = {
  /* ---- Google (support.google.com/a/answer/3726730) ---- */
  { "google", "dmarc-policy", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("is not accepted due to domain's dmarc policy"), NULL, /* 5.7.26 DMARC reject */
    "550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy. Please contact the administrator of example.org domain." },
  { "google", "fails-authentication-checks", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("fails to pass authentication checks"), NULL, /* 5.7.26/5.7.1 no SPF/DKIM pass */
    "550-5.7.26 This message fails to pass authentication checks (SPF and DKIM both do not pass)." },
  { "google", "no-authentication-information", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("does not have authentication information"), NULL, /* 5.7.26 unauthenticated */
    "550-5.7.26 This message does not have authentication information. To help protect Gmail users from spam, this message has been blocked." },
  { "google", "fails-spf-checks", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("fails to pass spf checks"), NULL, /* 5.7.26 SPF -all */
    "550-5.7.26 This mail has been blocked because the sender fails to pass SPF checks." },
  { "google", "sender-unauthenticated", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("the sender is unauthenticated"), NULL, /* 5.7.26 unauthenticated */
    "550-5.7.26 This mail has been blocked because the sender is unauthenticated." },
  { "google", "status-4.7.27", BS_REASON_AUTHFAILURE, 0, "4.7.27", 0, 0, 0, NOTEXT, NULL, /* bulk sender without SPF pass */
    "421 4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message." },
  { "google", "status-5.7.27", BS_REASON_AUTHFAILURE, 0, "5.7.27", 0, 0, 0, NOTEXT, NULL, /* bulk sender without SPF pass */
    "550 5.7.27 Your email has been blocked because SPF authentication didn't pass for this message." },
  { "google", "status-4.7.30", BS_REASON_AUTHFAILURE, 0, "4.7.30", 0, 0, 0, NOTEXT, NULL, /* bulk sender without DKIM pass */
    "421 4.7.30 Your email has been rate limited because DKIM authentication didn't pass for this message." },
  { "google", "status-5.7.30", BS_REASON_AUTHFAILURE, 0, "5.7.30", 0, 0, 0, NOTEXT, NULL, /* bulk sender without DKIM pass */
    "550 5.7.30 Your email has been blocked because DKIM authentication didn't pass for this message." },
  { "google", "status-4.7.32", BS_REASON_AUTHFAILURE, 0, "4.7.32", 0, 0, 0, NOTEXT, NULL, /* From: not aligned */
    "421 4.7.32 Your email has been rate limited because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain." },
  { "google", "status-4.7.24", BS_REASON_AUTHFAILURE, 0, "4.7.24", 0, 0, 0, NOTEXT, NULL, /* suspicious SPF record */
    "421 4.7.24 Your email has been rate limited because your SPF record is suspicious." },
  { "google", "very-low-reputation", BS_REASON_BADREPUTATION, 0, NULL, 0, 0, 0, T1 ("very low reputation of the sending"), NULL, /* 421 4.7.0 / 550 5.7.1 reputation */
    "421-4.7.0 This message was blocked because of the very low reputation of the sending IP address." },
  { "google", "ip-not-in-whitelist", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("ip not in whitelist for rcpt domain"), NULL, /* Workspace inbound allow list */
    "550 5.7.1 IP not in whitelist for RCPT domain, closing connection." },
  { "google", "unusual-rate-unsolicited", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("unusual rate of unsolicited mail originating from your ip"), NULL, /* 4.7.28/5.7.28 */
    "550-5.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address." },
  { "google", "try-again-later-closing", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("try again later, closing connection"), NULL, /* 421 4.7.0 DoS at HELO */
    "421-4.7.0 Try again later, closing connection. (EHLO)" },
  { "google", "helo-argument-invalid", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("helo/ehlo argument is invalid"), NULL, /* 501 5.5.4 */
    "501-5.5.4 HELO/EHLO argument is invalid." },
  { "google", "not-authorized-directly", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("not authorized to send email directly to our servers"), NULL, /* 550 5.7.1 end-user IP */
    "550-5.7.1 The IP you're using to send mail is not authorized to send email directly to our servers." },
  { "google", "no-ptr-record-setup", BS_REASON_REQUIREPTR, 0, NULL, 0, 0, 0, T1 ("does not have a ptr record setup"), NULL, /* 550 5.7.25 */
    "550-5.7.25 The IP address sending this message does not have a PTR record setup." },
  { "google", "status-4.7.23", BS_REASON_REQUIREPTR, 0, "4.7.23", 0, 0, 0, NOTEXT, NULL, /* 451 4.7.23 PTR */
    "451 4.7.23 The sending IP address for this message doesn't have a PTR record." },
  { "google", "status-5.7.25", BS_REASON_REQUIREPTR, 0, "5.7.25", 0, 0, 0, NOTEXT, NULL, /* 550 5.7.25 PTR */
    "550 5.7.25 The sending IP address for this message doesn't have a matching PTR record." },
  { "google", "multiple-from-addresses", BS_REASON_NOTCOMPLIANTRFC, 0, NULL, 0, 0, 0, T1 ("messages with multiple addresses in from:"), NULL, /* 5.7.1 */
    "550-5.7.1 Messages with multiple addresses in From: header are not accepted." },
  { "google", "not-rfc-5322-compliant", BS_REASON_NOTCOMPLIANTRFC, 0, NULL, 0, 0, 0, T1 ("not rfc 5322 compliant"), NULL, /* 5.7.1 RFC 5322 */
    "550-5.7.1 This message is not RFC 5322 compliant." },
  { "google", "rfcmessagenoncompliant", BS_REASON_NOTCOMPLIANTRFC, 0, NULL, 0, 0, 0, T1 ("rfcmessagenoncompliant"), NULL, /* help link */
    "550-5.7.1 To reduce spam, see https://support.google.com/mail/?p=RfcMessageNonCompliant" },
  { "google", "mail-message-malformed", BS_REASON_CONTENTERROR, 0, NULL, 0, 0, 0, T1 ("mail message is malformed"), NULL, /* 554 5.6.0 */
    "554 5.6.0 Mail message is malformed. Not accepted." },
  { "google", "size-limits", BS_REASON_EXCEEDLIMIT, 0, NULL, 0, 0, 0, T1 ("exceeded google's message size limits"), NULL, /* 552 5.2.3 */
    "552-5.2.3 Your message exceeded Google's message size limits." },
  { "google", "timeout-closing-connection", BS_REASON_EXPIRED, 0, NULL, 0, 0, 0, T1 ("timeout - closing connection"), NULL, /* 451 4.4.2 */
    "451 4.4.2 Timeout - closing connection." },
  { "google", "account-over-quota", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("account that you tried to reach is over quota"), NULL, /* 452 4.2.2 */
    "452-4.2.2 The email account that you tried to reach is over quota." },
  { "google", "inbox-out-of-storage", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("inbox is out of storage space"), NULL, /* 552 5.2.2 */
    "552-5.2.2 The recipient's inbox is out of storage space." },
  { "google", "email-quota-exceeded", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("email quota exceeded"), NULL, /* 550 5.7.1 */
    "550-5.7.1 Email quota exceeded." },
  { "google", "exceeded-50-hops", BS_REASON_NETWORKERROR, 0, NULL, 0, 0, 0, T1 ("message exceeded 50 hops"), NULL, /* 554 5.6.0 loop */
    "554-5.6.0 Message exceeded 50 hops, this may indicate a mail loop." },
  { "google", "mail-relay-denied", BS_REASON_NORELAYING, 0, NULL, 0, 0, 0, T1 ("mail relay denied"), NULL, /* 550 5.7.0 */
    "550-5.7.0 Mail relay denied." },
  { "google", "policy-prohibited", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("has a policy that prohibited"), NULL, /* 550 5.7.1 */
    "550-5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail that you sent." },
  { "google", "illegal-attachment", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("illegal attachment on your message"), NULL, /* 552 5.7.0 */
    "552-5.7.0 This message was blocked because it contains an illegal attachment on your message." },
  { "google", "potential-security-issue", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("content presents a potential security issue"), NULL, /* 552 5.7.0 */
    "552-5.7.0 This message was blocked because its content presents a potential security issue." },
  { "google", "mail-sending-denied", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("mail sending denied"), NULL, /* 550 5.7.0 */
    "550-5.7.0 Mail Sending denied." },
  { "google", "unauthenticated-not-accepted", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("unauthenticated email is not accepted from this domain"), NULL, /* 550 5.7.1 */
    "550-5.7.1 Unauthenticated email is not accepted from this domain." },
  { "google", "tls-required", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("tls required for rcpt domain"), NULL, /* 421 4.7.0 TLS */
    "421-4.7.0 TLS required for RCPT domain, closing connection." },
  { "google", "application-specific-password", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("application-specific password required"), NULL, /* 535 5.7.1 */
    "535-5.7.1 Application-specific password required." },
  { "google", "log-in-with-web-browser", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("please log in with your web browser"), NULL, /* 535 5.7.1 */
    "535-5.7.1 Please log in with your web browser and then try again." },
  { "google", "username-password-not-accepted", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("username and password not accepted"), NULL, /* 535 5.7.1 */
    "535-5.7.1 Username and Password not accepted." },
  { "google", "invalid-credentials-for-relay", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("invalid credentials for relay"), NULL, /* 550 5.7.1 */
    "550-5.7.1 Invalid credentials for relay." },
  { "google", "likely-unsolicited-mail", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 ("this message is likely unsolicited mail"), NULL, /* 550 5.7.1 spam */
    "550-5.7.1 Our system has detected that this message is likely unsolicited mail." },
  { "google", "receiving-rate", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("receiving mail at a rate that prevents additional messages"), NULL, /* 450 4.2.1 / 550 5.2.1 */
    "450-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered." },
  { "google", "receiving-too-quickly", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("is receiving mail too quickly"), NULL, /* 450 4.2.1 */
    "450-4.2.1 The user you are trying to contact is receiving mail too quickly." },
  { "google", "account-disabled", BS_REASON_SUSPEND, 0, NULL, 0, 0, 0, T1 ("account that you tried to reach is disabled"), NULL, /* 550 5.2.1 */
    "550-5.2.1 The email account that you tried to reach is disabled." },
  { "google", "account-inactive", BS_REASON_SUSPEND, 0, NULL, 0, 0, 0, T1 ("account that you tried to reach is inactive"), NULL, /* 550 5.2.1 */
    "550-5.2.1 The email account that you tried to reach is inactive and can't receive messages." },
  { "google", "temporary-system-problem", BS_REASON_SYSTEMERROR, 0, NULL, 0, 0, 0, T1 ("temporary system problem"), NULL, /* 421 4.3.0 */
    "421-4.3.0 Temporary System Problem. Try again later." },
  { "google", "server-busy", BS_REASON_SYSTEMERROR, 0, "4.4.5", 0, 0, 0, T1 ("server busy"), NULL, /* 421 4.4.5 Gmail overloaded */
    "421 4.4.5 Server busy, try again later." },
  { "google", "smtp-protocol-violation", BS_REASON_SYNTAXERROR, 0, NULL, 0, 0, 0, T1 ("smtp protocol violation"), NULL, /* 451/454 4.5.0 pipelining or RFC 2821 violation */
    "451-4.5.0 SMTP protocol violation, see RFC 2821." },
  { "google", "temporarily-rejected", BS_REASON_SYSTEMERROR, 0, NULL, 0, 0, 0, T1 ("mail server temporarily rejected message"), NULL, /* 451 4.3.0 */
    "451-4.3.0 Mail server temporarily rejected message." },
  { "google", "policy-size-per-transaction", BS_REASON_SYSTEMERROR, 0, NULL, 0, 0, 0, T1 ("domain policy size per transaction exceeded"), NULL, /* 452 4.5.3 */
    "452-4.5.3 Domain policy size per transaction exceeded, please try this recipient in a separate transaction." },
  { "google", "too-many-recipients", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("your message has too many recipients"), NULL, /* 452 4.5.3 */
    "452-4.5.3 Your message has too many recipients." },
  { "google", "multiple-destination-domains", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("multiple destination domains per transaction is unsupported"), NULL, /* 451 4.3.0 */
    "451-4.3.0 Multiple destination domains per transaction is unsupported. Please try again." },
  { "google", "relay-limit-exceeded", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("smtp relay limit exceeded"), NULL, /* 450 4.2.1 / 550 5.4.5 */
    "550-5.4.5 SMTP relay limit exceeded." },
  { "google", "daily-sending-quota", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("daily sending quota exceeded"), NULL, /* 550 5.4.5 */
    "550-5.4.5 Daily sending quota exceeded." },
  { "google", "account-does-not-exist", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("the email account that you tried to reach does not exist"), NULL, /* 550 5.1.1 */
    "550-5.1.1 The email account that you tried to reach does not exist." },
  { "google", "recipient-domain-not-found", BS_REASON_HOSTUNKNOWN, 0, NULL, 0, 0, 0, T1 ("we weren't able to find the recipient domain"), NULL, /* 553 5.1.2 */
    "553-5.1.2 We weren't able to find the recipient domain." },

  /* ---- Microsoft Exchange Online / Outlook.com (Microsoft NDR docs) ---- */
  { "microsoft", "status-5.7.509", BS_REASON_AUTHFAILURE, 0, "5.7.509", 0, 0, 0, NOTEXT, NULL, /* DMARC p=reject failure */
    "550 5.7.509 Access denied, sending domain example.org does not pass DMARC verification and has a DMARC policy of reject." },
  { "microsoft", "status-5.7.515", BS_REASON_AUTHFAILURE, 0, "5.7.515", 0, 0, 0, NOTEXT, NULL, /* bulk domain without SPF/DKIM/DMARC */
    "550 5.7.515 Access denied, sending domain example.org doesn't meet the required authentication level." },
  { "microsoft", "status-5.7.23", BS_REASON_AUTHFAILURE, 0, "5.7.23", 0, 0, 0, NOTEXT, NULL, /* SPF violation */
    "550 5.7.23 The message was rejected because of Sender Policy Framework violation" },
  { "microsoft", "status-4.7.26", BS_REASON_AUTHFAILURE, 0, "4.7.26", 0, 0, 0, NOTEXT, NULL, /* IPv6 without SPF or DKIM */
    "450 4.7.26 Service unavailable, message sent over IPv6 must pass either SPF or DKIM validation." },
  { "microsoft", "status-4.7.650", BS_REASON_BADREPUTATION, 0, "4.7.650", 0, 0, 0, NOTEXT, NULL, /* rate limited due to IP reputation */
    "451 4.7.650 The mail server [192.0.2.2] has been temporarily rate limited due to IP reputation." },
  { "microsoft", "status-5.7.25", BS_REASON_REQUIREPTR, 0, "5.7.25", 0, 0, 0, NOTEXT, NULL, /* IPv6 without PTR */
    "550 5.7.25 Service unavailable, sending IPv6 address must have a reverse DNS record." },
  { "microsoft", "connection-dropped", BS_REASON_BLOCKED, 0, "4.4.2", 0, 0, 0, T1 ("connection dropped"), NULL, /* dropped */
    "421 4.4.2 Connection dropped due to an unexpected event." },
  { "microsoft", "temporary-restriction-500-699", BS_REASON_BLOCKED, 0, "4.7.", 500, 699, 0, T1 ("access denied, please try again later"), NULL, /* temporary restriction */
    "451 4.7.500 Server busy. Please try again later from [192.0.2.2]. (S77719) Access denied, please try again later." },
  { "microsoft", "temporary-restriction-850-899", BS_REASON_BLOCKED, 0, "4.7.", 850, 899, 0, T1 ("access denied, please try again later"), NULL, /* temporary restriction */
    "451 4.7.850 Access denied, please try again later." },
  { "microsoft", "status-5.7.506", BS_REASON_BLOCKED, 0, "5.7.506", 0, 0, 0, NOTEXT, NULL, /* bad HELO */
    "550 5.7.506 Access Denied, Bad HELO" },
  { "microsoft", "status-5.7.507", BS_REASON_BLOCKED, 0, "5.7.507", 0, 0, 0, NOTEXT, NULL, /* rejected by recipient org */
    "550 5.7.507 Access denied, rejected by recipient" },
  { "microsoft", "status-5.7.510", BS_REASON_BLOCKED, 0, "5.7.510", 0, 0, 0, NOTEXT, NULL, /* IPv6 not accepted */
    "550 5.7.510 Access denied, example.com does not accept email over IPv6" },
  { "microsoft", "status-5.7.511", BS_REASON_BLOCKED, 0, "5.7.511", 0, 0, 0, NOTEXT, NULL, /* banned sender (delist by mail) */
    "550 5.7.511 Access denied, banned sender[192.0.2.2]. To request removal from this list, forward this message to delist@messaging.microsoft.com." },
  { "microsoft", "status-5.7.513", BS_REASON_BLOCKED, 0, "5.7.513", 0, 0, 0, NOTEXT, NULL, /* customer block list */
    "550 5.7.513 Service unavailable, Client host [192.0.2.2] blocked by example.com using Customer Block list (AS16012607)" },
  { "microsoft", "status-5.7.606-649", BS_REASON_BLOCKED, 0, "5.7.", 606, 649, 0, NOTEXT, NULL, /* banned sending IP */
    "550 5.7.606 Access denied, banned sending IP [192.0.2.2]." },
  { "microsoft", "invalid-helo-domain-name", BS_REASON_BLOCKED, 0, "5.5.4", 0, 0, 0, T1 ("invalid domain name"), NULL, /* bad HELO domain */
    "501 5.5.4 Invalid domain name" },
  { "microsoft", "olc-block-list", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("part of their network is on our block list"), NULL, /* OLC S3150/S3140 */
    "550 5.7.1 Unfortunately, messages from [192.0.2.2] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150)." },
  { "microsoft", "status-5.6.11", BS_REASON_CONTENTERROR, 0, "5.6.11", 0, 0, 0, NOTEXT, NULL, /* invalid characters */
    "550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds" },
  { "microsoft", "status-5.4.11", BS_REASON_CONTENTERROR, 0, "5.4.11", 0, 0, 0, NOTEXT, NULL, /* agent message depth */
    "554 5.4.11 Agent generated message depth exceeded" },
  { "microsoft", "status-5.2.3", BS_REASON_EXCEEDLIMIT, 0, "5.2.3", 0, 0, 0, NOTEXT, NULL, /* recipient size limit */
    "552 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient" },
  { "microsoft", "connection-timed-out", BS_REASON_EXPIRED, 0, "4.4.1", 0, 0, 0, T1 ("connection timed out"), NULL, /* timeout */
    "451 4.4.1 Connection timed out" },
  { "microsoft", "message-expired", BS_REASON_EXPIRED, 0, NULL, 0, 0, 0, T1 ("message expired"), NULL, /* queue expiry */
    "550 4.4.7 Message expired" },
  { "microsoft", "message-delayed", BS_REASON_EXPIRED, 0, NULL, 0, 0, 0, T1 ("message delayed"), NULL, /* delay */
    "450 4.4.7 Message delayed" },
  { "microsoft", "mailbox-full", BS_REASON_MAILBOXFULL, 0, "5.2.2", 0, 0, 0, T1 ("mailbox full"), NULL, /* full */
    "552 5.2.2 Mailbox full" },
  { "microsoft", "status-5.3.4", BS_REASON_MESGTOOBIG, 0, "5.3.4", 0, 0, 0, NOTEXT, NULL, /* size */
    "552 5.3.4 Requested action not taken; message size exceeds fixed maximum" },
  { "microsoft", "nonexistentdomain", BS_REASON_NETWORKERROR, 0, "5.4.4", 0, 0, 0, T1 ("nonexistentdomain"), NULL, /* DNS */
    "550 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain" },
  { "microsoft", "status-5.4.6", BS_REASON_NETWORKERROR, 0, "5.4.6", 0, 0, 0, NOTEXT, NULL, /* loop */
    "554 5.4.6 Routing loop" },
  { "microsoft", "status-5.4.14", BS_REASON_NETWORKERROR, 0, "5.4.14", 0, 0, 0, NOTEXT, NULL, /* loop */
    "554 5.4.14 Hop count exceeded" },
  { "microsoft", "status-4.4.316", BS_REASON_NETWORKERROR, 0, "4.4.316", 0, 0, 0, NOTEXT, NULL, /* connection refused */
    "451 4.4.316 Connection refused" },
  { "microsoft", "status-5.7.64", BS_REASON_NORELAYING, 0, "5.7.64", 0, 0, 0, NOTEXT, NULL, /* tenant attribution relay */
    "550 5.7.64 TenantAttribution; Relay Access Denied" },
  { "microsoft", "relay-access-denied", BS_REASON_NORELAYING, 0, "5.4.1", 0, 0, 0, T1 ("relay access denied"), NULL, /* relay */
    "550 5.4.1 Recipient address rejected: Relay access denied" },
  { "microsoft", "unable-to-relay", BS_REASON_NORELAYING, 0, "5.7.1", 0, 0, 0, T1 ("unable to relay"), NULL, /* relay */
    "550 5.7.1 Unable to relay" },
  { "microsoft", "status-5.4.310", BS_REASON_NORELAYING, 0, "5.4.310", 0, 0, 0, NOTEXT, NULL, /* DNS domain does not exist */
    "550 5.4.310 DNS domain example.com does not exist" },
  { "microsoft", "storedrv-deliver", BS_REASON_NOTACCEPT, 0, "5.3.2", 0, 0, 0, T1 ("storedrv.deliver"), NULL, /* mailbox store */
    "554 5.3.2 STOREDRV.Deliver; the mailbox database is offline" },
  { "microsoft", "status-5.0.350", BS_REASON_POLICYVIOLATION, 0, "5.0.350", 0, 0, 0, NOTEXT, NULL, /* policy */
    "550 5.0.350 Remote server returned an error" },
  { "microsoft", "transport-rule-900-999", BS_REASON_POLICYVIOLATION, 0, "5.7.", 900, 999, 0, T1 ("delivery not authorized, message refused"), NULL, /* transport rule */
    "550 5.7.900 Delivery not authorized, message refused" },
  { "microsoft", "delivery-not-authorized", BS_REASON_REJECTED, 0, "5.7.1", 0, 0, 0, T1 ("delivery not authorized"), NULL, /* sender not allowed */
    "550 5.7.1 Delivery not authorized" },
  { "microsoft", "status-5.1.7", BS_REASON_REJECTED, 0, "5.1.7", 0, 0, 0, NOTEXT, NULL, /* invalid sender */
    "550 5.1.7 Invalid address" },
  { "microsoft", "status-5.1.8", BS_REASON_REJECTED, 0, "5.1.8", 0, 0, 0, NOTEXT, NULL, /* bad outbound sender */
    "550 5.1.8 Access denied, bad outbound sender" },
  { "microsoft", "sender-denied", BS_REASON_REJECTED, 0, "5.1.0", 0, 0, 0, T1 ("sender denied"), NULL, /* sender denied */
    "550 5.1.0 Sender denied" },
  { "microsoft", "status-5.7.501-503", BS_REASON_REJECTED, 0, "5.7.", 501, 503, 0, NOTEXT, NULL, /* spam abuse, banned sender */
    "550 5.7.501 Access denied, spam abuse detected" },
  { "microsoft", "status-5.7.512", BS_REASON_NOTCOMPLIANTRFC, 0, "5.7.512", 0, 0, 0, NOTEXT, NULL, /* From: not RFC 5322 */
    "550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant" },
  { "microsoft", "status-5.7.750", BS_REASON_REJECTED, 0, "5.7.750", 0, 0, 0, NOTEXT, NULL, /* unregistered domains */
    "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains" },
  { "microsoft", "status-5.7.124-136", BS_REASON_REJECTED, 0, "5.7.", 124, 136, 0, NOTEXT, NULL, /* sender not allowed for group/mailbox */
    "550 5.7.124 Sender not in allowed-senders list" },
  { "microsoft", "status-5.7.57", BS_REASON_SECURITYERROR, 0, "5.7.57", 0, 0, 0, NOTEXT, NULL, /* anonymous submission */
    "530 5.7.57 Client not authenticated to send anonymous mail during MAIL FROM" },
  { "microsoft", "status-5.7.3", BS_REASON_SECURITYERROR, 0, "5.7.3", 0, 0, 0, NOTEXT, NULL, /* not authorized */
    "535 5.7.3 Authentication unsuccessful" },
  { "microsoft", "status-5.7.321-325", BS_REASON_SECURITYERROR, 0, "5.7.", 321, 325, 0, NOTEXT, NULL, /* TLS/DANE */
    "450 5.7.321 starttls-not-supported: Destination mail server must support TLS to receive mail" },
  { "microsoft", "content-filter-quarantined", BS_REASON_SPAMDETECTED, 0, "5.2.1", 0, 0, 0, T1 ("content filter agent quarantined"), NULL, /* quarantine */
    "550 5.2.1 Content Filter agent quarantined this message" },
  { "microsoft", "status-5.7.504", BS_REASON_SUSPEND, 0, "5.7.504", 0, 0, 0, NOTEXT, NULL, /* recipient access denied */
    "550 5.7.504 Recipient address rejected: Access denied" },
  { "microsoft", "status-5.7.505", BS_REASON_SUSPEND, 0, "5.7.505", 0, 0, 0, NOTEXT, NULL, /* banned recipient */
    "550 5.7.505 Access denied, banned recipient" },
  { "microsoft", "mailbox-cannot-be-accessed", BS_REASON_SUSPEND, 0, "5.2.1", 0, 0, 0, T1 ("mailbox cannot be accessed"), NULL, /* mailbox disabled */
    "550 5.2.1 Mailbox cannot be accessed" },
  { "microsoft", "status-5.3.5", BS_REASON_SYSTEMERROR, 0, "5.3.5", 0, 0, 0, NOTEXT, NULL, /* misconfiguration */
    "554 5.3.5 System incorrectly configured" },
  { "microsoft", "server-busy", BS_REASON_SYSTEMERROR, 0, "4.7.500", 0, 0, 0, T1 ("server busy"), NULL, /* busy */
    "451 4.7.500 Server busy. Please try again later from [192.0.2.2]." },
  { "microsoft", "status-4.3.1", BS_REASON_SYSTEMFULL, 0, "4.3.1", 0, 0, 0, NOTEXT, NULL, /* resources */
    "452 4.3.1 Insufficient system resources" },
  { "microsoft", "status-5.5.3", BS_REASON_TOOMANYCONN, 0, "5.5.3", 0, 0, 0, NOTEXT, NULL, /* too many recipients */
    "552 5.5.3 Too many recipients" },
  { "microsoft", "status-4.5.3", BS_REASON_TOOMANYCONN, 0, "4.5.3", 0, 0, 0, NOTEXT, NULL, /* too many recipients */
    "452 4.5.3 Too many recipients" },
  { "microsoft", "status-5.2.121-122", BS_REASON_TOOMANYCONN, 0, "5.2.", 121, 122, 0, NOTEXT, NULL, /* receive limits */
    "550 5.2.121 The recipient's hourly message receive limit from specific sender has been exceeded" },
  { "microsoft", "status-5.7.508", BS_REASON_TOOMANYCONN, 0, "5.7.508", 0, 0, 0, NOTEXT, NULL, /* permitted limits */
    "550 5.7.508 Access denied, example.org has exceeded permitted limits within .net range" },
  { "microsoft", "status-5.7.700-749", BS_REASON_TOOMANYCONN, 0, "5.7.", 700, 749, 0, NOTEXT, NULL, /* tenant threshold */
    "550 5.7.705 Access denied, tenant has exceeded threshold" },
  { "microsoft", "status-5.1.10", BS_REASON_USERUNKNOWN, 0, "5.1.10", 0, 0, 0, NOTEXT, NULL, /* recipient not found */
    "550 5.1.10 Recipient user@outlook.com not found by SMTP address lookup" },
  { "microsoft", "edge-blocking-access-denied", BS_REASON_USERUNKNOWN, 0, "5.4.1", 0, 0, 0, T1 ("recipient address rejected: access denied"), NULL, /* directory-based edge blocking */
    "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)" },
  { "microsoft", "exrecipnotfound", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("resolver.adr.exrecipnotfound"), NULL, /* recipient not found */
    "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found" },
  /* Exchange Server 2019 / Exchange Online NDR texts (Microsoft's NDR reference, as in
   * Sisimai's Rhost::ExchangeOnline) */
  { "microsoft", "inbound-connector-restriction", BS_REASON_BLOCKED, 0, "5.7.51", 0, 0, 0, T1 ("restrictdomainstoipaddresses or restrictdomainstocertificate"), NULL, /* inbound connector refuses the sending IP */
    "550 5.7.51 TenantInboundAttribution; RestrictDomainsToIPAddresses or RestrictDomainsToCertificate" },
  { "microsoft", "too-many-related-errors", BS_REASON_CONTENTERROR, 0, "5.3.0", 0, 0, 0, T1 ("too many related errors"), NULL, /* message refused after repeated content errors */
    "554 5.3.0 Too many related errors" },
  { "microsoft", "invalid-message-content", BS_REASON_CONTENTERROR, 0, "5.5.6", 0, 0, 0, T1 ("invalid message content"), NULL, /* malformed MIME content */
    "550 5.5.6 Invalid message content" },
  { "microsoft", "dns-invalid-arguments", BS_REASON_NETWORKERROR, 0, "5.4.4", 0, 0, 0, T1 ("invalid arguments"), NULL, /* DNS lookup of the destination failed */
    "550 5.4.4 SMTPSEND.DNS.InvalidArguments; invalid arguments" },
  { "microsoft", "client-not-authenticated", BS_REASON_NORELAYING, 0, "5.7.1", 0, 0, 0, T1 ("client was not authenticated"), NULL, /* relaying needs authentication */
    "550 5.7.1 Client was not authenticated" },
  { "microsoft", "group-internal-senders-only", BS_REASON_REJECTED, 0, "5.7.12", 0, 0, 0, T1 ("sender was not authenticated by organization"), NULL, /* group accepts only internal senders */
    "550 5.7.12 Sender was not authenticated by organization" },
  { "microsoft", "public-folder-authenticated-only", BS_REASON_REJECTED, 0, "5.7.13", 0, 0, 0, T1 ("sender was not authenticated for public folder"), NULL, /* public folder accepts only authenticated senders */
    "550 5.7.13 Sender was not authenticated for public folder" },
  { "microsoft", "unrecognized-command", BS_REASON_SYNTAXERROR, 0, "5.3.3", 0, 0, 0, T1 ("unrecognized command"), NULL, /* the sending server's command not understood */
    "500 5.3.3 Unrecognized command" },
  { "microsoft", "send-hello-first", BS_REASON_SYNTAXERROR, 0, "5.5.2", 0, 0, 0, T1 ("send hello first"), NULL, /* MAIL before HELO/EHLO */
    "503 5.5.2 Send hello first" },
  { "microsoft", "service-not-available", BS_REASON_SYSTEMERROR, 0, "4.3.2", 0, 0, 0, T1 ("service not available"), NULL, /* the receiving service is down */
    "421 4.3.2 Service not available" },
  { "microsoft", "service-not-active", BS_REASON_SYSTEMERROR, 0, "4.3.2", 0, 0, 0, T1 ("service not active"), NULL, /* the receiving service is down */
    "421 4.3.2 Service not active" },
  { "microsoft", "journaling-not-supported", BS_REASON_SYSTEMERROR, 0, "5.3.190", 0, 0, 0, T1 ("journaling on-premises messages to microsoft 365"), NULL, /* journaling not supported */
    "550 5.3.190 Journaling on-premises messages to Microsoft 365 not supported" },
  { "microsoft", "helo-requires-domain", BS_REASON_SYSTEMERROR, 0, "5.0.0", 0, 0, 0, T1 ("helo / ehlo requires domain address"), NULL, /* the sending server's HELO is empty */
    "501 5.0.0 HELO / EHLO requires domain address" },
  { "microsoft", "address-ambiguous", BS_REASON_SYSTEMERROR, 0, "5.1.4", 0, 0, 0, T1 ("destination mailbox address ambiguous"), NULL, /* two mailboxes share the address */
    "550 5.1.4 Destination mailbox address ambiguous" },
  { "microsoft", "list-expansion-problem", BS_REASON_SYSTEMERROR, 0, "5.2.4", 0, 0, 0, T1 ("mailing list expansion problem"), NULL, /* distribution group expansion failed */
    "550 5.2.4 Mailing list expansion problem" },
  { "microsoft", "misconfigured-forwarding", BS_REASON_SYSTEMERROR, 0, "5.2.14", 0, 0, 0, T1 ("misconfigured forwarding address"), NULL, /* the recipient's forwarding is broken */
    "550 5.2.14 Misconfigured forwarding address" },
  { "microsoft", "temporary-server-error-4.4.3", BS_REASON_SYSTEMERROR, 0, "4.4.3", 0, 0, 0, T1 ("temporary server error"), NULL, /* Exchange Online internal error */
    "451 4.4.3 Temporary server error. Please try again later" },
  { "microsoft", "temporary-server-error-4.7.0", BS_REASON_SYSTEMERROR, 0, "4.7.0", 0, 0, 0, T1 ("temporary server error"), NULL, /* Exchange Online proxy error */
    "451 4.7.0 Temporary server error. Please try again later. PRX4" },
  { "microsoft", "shadow-redundancy-failure", BS_REASON_SYSTEMERROR, 0, "4.4.", 24, 28, 0, T1 ("message failed to be replicated"), NULL, /* shadow redundancy failure */
    "451 4.4.24 Message failed to be replicated" },
  { "microsoft", "pfa-agent-busy", BS_REASON_SYSTEMERROR, 0, "4.7.700", 0, 0, 0, T1 ("pfa agent busy"), NULL, /* Exchange Online protection busy */
    "451 4.7.700 PFA agent busy, please try again" },
  { "microsoft", "recipient-thread-limit", BS_REASON_TOOMANYCONN, 0, "4.3.2", 0, 0, 0, T1 ("recipient thread limit exceeded"), NULL, /* too many deliveries to the mailbox at once */
    "452 4.3.2 Recipient thread limit exceeded" },
  { "microsoft", "submission-quota-exceeded", BS_REASON_TOOMANYCONN, 0, "5.2.2", 0, 0, 0, T1 ("submission quota exceeded"), NULL, /* the sender's sending quota used up */
    "550 5.2.2 Submission quota exceeded" },
  { "microsoft", "daily-recipient-limit", BS_REASON_TOOMANYCONN, 0, "5.1.90", 0, 0, 0, T1 ("reached your daily limit for message recipients"), NULL, /* the sender's daily recipient limit */
    "550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients" },
  { "microsoft", "invalid-x400-address", BS_REASON_USERUNKNOWN, 0, "5.1.2", 0, 0, 0, T1 ("invalid x.400 address"), NULL, /* bad X.400 recipient address */
    "550 5.1.2 Invalid X.400 address" },
  { "microsoft", "rfc-2606-reserved-address", BS_REASON_USERUNKNOWN, 0, "5.1.", 4, 5, 0, T1 ("recipient address reserved by rfc 2606"), NULL, /* example.* / .test recipients */
    "550 5.1.4 Recipient address reserved by RFC 2606" },
  { "microsoft", "single-label-domain", BS_REASON_USERUNKNOWN, 0, "5.1.6", 0, 0, 0, T1 ("recipient addresses in single label domains not accepted"), NULL, /* dotless recipient domain */
    "550 5.1.6 Recipient addresses in single label domains not accepted" },
  { "microsoft", "invalid-recipient-address", BS_REASON_USERUNKNOWN, 0, "5.1.3", 0, 0, 0, T1 ("invalid recipient address"), NULL, /* malformed recipient address */
    "501 5.1.3 Invalid recipient address" },
  { "microsoft", "mailbox-unavailable", BS_REASON_USERUNKNOWN, 0, "5.5.0", 0, 0, 0, T1 ("requested action not taken: mailbox unavailable"), NULL, /* no such mailbox */
    "550 5.5.0 Requested action not taken: mailbox unavailable" },

  /* ---- Yahoo Inc. (senders.yahooinc.com/smtp-error-codes) ---- */
  { "yahoo", "requires-spf-or-dkim", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("requires all senders to authenticate with either spf or dkim"), NULL, /* 550 5.7.9 */
    "550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM." },
  { "yahoo", "bl21-spamhaus-list", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("because the ip is in spamhaus's list"), NULL, /* [BL21] */
    "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.2, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes" },
  { "yahoo", "bl23-spamhaus-xbl", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("not accepted from ip addresses on spamhaus xbl"), NULL, /* [BL23] */
    "553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL; see https://postmaster.yahooinc.com/error-codes" },
  { "yahoo", "headers-not-rfc-compliant", BS_REASON_NOTCOMPLIANTRFC, 0, NULL, 0, 0, 0, T1 ("headers are not rfc compliant"), NULL, /* RFC 5322 */
    "554 5.7.9 Message not accepted for policy reasons; headers are not RFC compliant" },
  { "yahoo", "not-accepted-for-policy-reasons", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("not accepted for policy reasons"), NULL, /* [PH01], 5.7.9 */
    "554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes" },
  { "yahoo", "tss04-volume-or-complaints", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("temporarily deferred due to unexpected volume or user complaints"), NULL, /* [TSS04]: Yahoo answers so for unauthenticated or poor-reputation domains too */
    "421 4.7.0 [TSS04] Messages from 192.0.2.2 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes" },
  { "yahoo", "unresolvable-from-domain", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("unresolvable rfc.5321 from domain"), NULL, /* From domain has no DNS */
    "554 5.7.9 Message not accepted; unresolvable RFC.5321 from domain" },
  { "yahoo", "tss09-permanently-deferred", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("will be permanently deferred"), NULL, /* [TSS09]/[TSS11] */
    "421 4.7.0 [TSS09] All messages from 192.0.2.2 will be permanently deferred; Retrying will NOT succeed." },
  { "yahoo", "ts01-excessive-complaints", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("temporarily deferred due to excessive user complaints"), NULL, /* [TS01] */
    "421 4.7.0 [TS01] Messages from 192.0.2.2 temporarily deferred due to excessive user complaints" },
  { "yahoo", "mailbox-disabled", BS_REASON_SUSPEND, 0, NULL, 0, 0, 0, T1 ("this mailbox is disabled"), NULL, /* disabled */
    "554 delivery error: dd This mailbox is disabled (554.30)" },
  { "yahoo", "no-yahoo-account", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("this user doesn't have a"), NULL, /* no such account */
    "554 delivery error: dd This user doesn't have a yahoo.com account (user@yahoo.com) [0]" },
  { "yahoo", "no-longer-valid", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("is no longer valid"), NULL, /* gone */
    "554 delivery error: dd user@yahoo.com is no longer valid. [-20]" },

  /* ---- AOL (Yahoo Inc.) ---- */
  { "aol", "host-or-domain-not-found", BS_REASON_HOSTUNKNOWN, 0, NULL, 0, 0, 0, T1 ("host or domain name not found"), NULL, /* DNS */
    "Host or domain name not found. Name service error for name=example.com type=A: Host not found" },
  { "aol", "malformed-mx-reply", BS_REASON_NOTACCEPT, 0, NULL, 0, 0, 0, T1 ("type=mx: malformed or unexpected name server reply"), NULL, /* DNS */
    "Name service error for name=example.com type=MX: Malformed or unexpected name server reply" },

  /* ---- Apple iCloud (support.apple.com/102322) ---- */
  { "apple", "hme1", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("[hme1]"), NULL, /* SPF and DKIM both fail */
    "554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks." },
  { "apple", "dmarc-policy", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("dmarc policy"), NULL, /* DMARC reject */
    "554 5.7.1 Your message was rejected due to example.org's DMARC policy." },
  { "apple", "cs01-local-policy", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("[cs01]"), NULL, /* local policy */
    "554 5.7.1 [CS01] Message rejected due to local policy." },
  { "apple", "proofpoint-lookup", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("dnsbl-lookup.cgi"), NULL, /* Proofpoint lookup */
    "554 5.7.1 Message rejected; see https://ipcheck.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.2" },
  { "apple", "spamhaus-sbl-listing", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("listing in spamhaus"), NULL, /* Spamhaus SBL */
    "554 5.7.1 Message rejected due to listing in Spamhaus SBL" },
  { "apple", "spamhaus-dbl", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("present in the spamhaus dbl"), NULL, /* Spamhaus DBL */
    "554 5.7.1 Message rejected because a domain in it is present in the Spamhaus DBL" },
  { "apple", "excessive-volume", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("deferred due to excessive volume"), NULL, /* 421 4.7.1 */
    "421 4.7.1 Messages deferred due to excessive volume." },
  { "apple", "inactive-email-address", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("inactive email address"), NULL, /* 550 5.1.1 */
    "550 5.1.1 <user@icloud.com>: inactive email address" },
  { "apple", "unknown-or-illegal-alias", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("unknown or illegal alias"), NULL, /* 550 5.1.1 */
    "550 5.1.1 <user@icloud.com>: unknown or illegal alias: user@icloud.com" },
  { "apple", "user-over-quota", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("user is over quota"), NULL, /* 552 5.2.2 */
    "552 5.2.2 <user@icloud.com>: user is over quota" },

  /* ---- Cox (cox.com email error codes) ---- */
  { "cox", "aup-cxbl", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("aup#cxbl"), NULL, /* IP blocked by Cox */
    "554 cxr.mx.example.cox.net cmsmtp 192.0.2.2 blocked. Refer to Error Code AUP#CXBL" },
  { "cox", "aup-cdrbl", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("aup#cdrbl"), NULL, /* temporary block <= 24 h */
    "421 cxr.mx.example.cox.net cmsmtp 192.0.2.2 temporarily rejected. Refer to Error Code AUP#CDRBL" },
  { "cox", "aup-ipbl", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("aup#ipbl"), NULL, /* Spamhaus/Cloudmark/Invaluement */
    "554 cxr.mx.example.cox.net cmsmtp 192.0.2.2 rejected. Refer to Error Code AUP#IPBL0001" },
  { "cox", "aup-cxdns", BS_REASON_REQUIREPTR, 0, NULL, 0, 0, 0, T1 ("aup#cxdns"), NULL, /* rDNS fails */
    "554 cxr.mx.example.cox.net cmsmtp Connection rejected. Refer to Error Code AUP#CXDNS" },
  { "cox", "aup-cxsndr", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("aup#cxsndr"), NULL, /* sender domain SPF/DKIM */
    "550 cxr.mx.example.cox.net cmsmtp Message rejected. Refer to Error Code AUP#CXSNDR" },
  { "cox", "aup-cxsmtp", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("aup#cxsmtp"), NULL, /* not a legitimate sender */
    "554 cxr.mx.example.cox.net cmsmtp Not a legitimate sender. Refer to Error Code AUP#CXSMTP" },
  { "cox", "aup-cxthrt", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("aup#cxthrt"), NULL, /* suspicious account */
    "554 cxr.mx.example.cox.net cmsmtp Account suspended. Refer to Error Code AUP#CXTHRT" },
  { "cox", "aup-cxmj", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 ("aup#cxmj"), NULL, /* suspicious account */
    "554 cxr.mx.example.cox.net cmsmtp Account suspended. Refer to Error Code AUP#CXMJ" },
  { "cox", "aup-cxcnct", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("aup#cxcnct"), NULL, /* connection limit */
    "421 cxr.mx.example.cox.net cmsmtp Connection limit reached. Refer to Error Code AUP#CXCNCT" },
  { "cox", "aup-cxmxrt", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("aup#cxmxrt"), NULL, /* message rate */
    "421 cxr.mx.example.cox.net cmsmtp Rate reached. Refer to Error Code AUP#CXMXRT" },
  { "cox", "aup-urlbl", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 ("aup#urlbl"), NULL, /* URL lists */
    "552 cxr.mx.example.cox.net cmsmtp Message rejected. Refer to Error Code AUP#URLBL" },
  { "cox", "rejected-no-rdns", BS_REASON_REQUIREPTR, 0, NULL, 0, 0, 0, T1 ("rejected - no rdns"), NULL, /* no PTR */
    "554 cxr.mx.example.cox.net cmsmtp 192.0.2.2 rejected - no rDNS" },
  { "cox", "dns-check-failure", BS_REASON_REQUIREPTR, 0, NULL, 0, 0, 0, T1 ("dns check failure - try again later"), NULL, /* rDNS check */
    "451 cxr.mx.example.cox.net cmsmtp DNS check failure - try again later" },
  { "cox", "too-many-bad-commands", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("cox too many bad commands from"), NULL, /* 3-hour block */
    "421 cxr.mx.example.cox.net cmsmtp Cox too many bad commands from 192.0.2.2" },
  { "cox", "too-many-invalid-recipients", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("too many invalid recipients"), NULL, /* invalid recipient threshold */
    "421 cxr.mx.example.cox.net cmsmtp Too many invalid recipients" },
  { "cox", "esmtp-not-available", BS_REASON_NOTACCEPT, 0, NULL, 0, 0, 0, T1 ("esmtp server temporarily not available"), NULL, /* temporary */
    "421 cxr.mx.example.cox.net cmsmtp ESMTP server temporarily not available" },
  { "cox", "early-talker", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("esmtp no data before greeting"), NULL, /* early talker */
    "554 cxr.mx.example.cox.net cmsmtp ESMTP no data before greeting" },
  { "cox", "attachment-extension-forbidden", BS_REASON_POLICYVIOLATION, 0, NULL, 0, 0, 0, T1 ("attachment extension is forbidden"), NULL, /* attachment */
    "552 cxr.mx.example.cox.net cmsmtp Attachment extension is forbidden" },
  { "cox", "sender-rejected", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 ("sender rejected"), NULL, /* sender domain */
    "550 cxr.mx.example.cox.net cmsmtp <info@example.org> sender rejected" },
  { "cox", "too-many-sessions", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("too many sessions from"), NULL, /* sessions */
    "421 cxr.mx.example.cox.net cmsmtp Too many sessions from 192.0.2.2" },
  { "cox", "message-threshold-try-later", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("requested action aborted: try again later"), NULL, /* 100-message threshold */
    "452 cxr.mx.example.cox.net cmsmtp Requested action aborted: try again later" },
  { "cox", "message-threshold-exceeded", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 ("message threshold exceeded"), NULL, /* rate */
    "452 cxr.mx.example.cox.net cmsmtp Message threshold exceeded" },
  { "cox", "recipient-rejected", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("recipient rejected"), NULL, /* not a Cox account */
    "550 cxr.mx.example.cox.net cmsmtp <user@cox.net> recipient rejected" },

  /* ---- GoDaddy (godaddy.com/help/3568) ---- */
  { "godaddy", "ib103-cloudmark", BS_REASON_BADREPUTATION, 0, NULL, 0, 0, 0, T1 (" ib103"), NULL, /* Cloudmark CSI poor reputation */
    "554 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp 192.0.2.2 has a poor reputation on Cloudmark Sender Intelligence (CSI). IB103" },
  { "godaddy", "ib104-spamhaus-sbl", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 (" ib104"), NULL, /* Spamhaus SBL */
    "554 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp Connection refused. 192.0.2.2 is listed on the Spamhaus Block List (SBL). IB104" },
  { "godaddy", "ib105-spamhaus-xbl", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 (" ib105"), NULL, /* Spamhaus XBL */
    "554 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp Connection refused. 192.0.2.2 is listed on the Exploits Block List (XBL). IB105" },
  { "godaddy", "ib106-spamhaus-pbl", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 (" ib106"), NULL, /* Spamhaus PBL */
    "554 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp Connection refused. 192.0.2.2 is listed on the Policy Block List (PBL). IB106" },
  { "godaddy", "ib007-concurrent-sessions", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 (" ib007"), NULL, /* concurrent sessions */
    "421 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp Connection refused. 192.0.2.2 has exceeded the maximum number of concurrent sessions. IB007" },
  { "godaddy", "ib101-unavailable", BS_REASON_EXPIRED, 0, NULL, 0, 0, 0, T1 (" ib101"), NULL, /* temporarily unavailable */
    "421 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp Temporarily unavailable, please try again later. IB101" },
  { "godaddy", "ib108-reverse-dns", BS_REASON_REQUIREPTR, 0, NULL, 0, 0, 0, T1 (" ib108"), NULL, /* reverse DNS failed */
    "554 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp Connection refused. 192.0.2.2 reverse DNS lookup failed. IB108" },
  { "godaddy", "ib11x-temporary-block", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 (" ib11"), NULL, /* IB110-IB113 temporary IP blocks */
    "554 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp Connection refused. 192.0.2.2 is temporarily blocked for today. IB110" },
  { "godaddy", "ib212-spam-content", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 (" ib212"), NULL, /* spam content */
    "552 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp This message has been rejected because content judged to be spam. IB212" },
  { "godaddy", "ib401-auth-not-allowed", BS_REASON_SECURITYERROR, 0, NULL, 0, 0, 0, T1 (" ib401"), NULL, /* AUTH not allowed */
    "550 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp AUTH not allowed. IB401" },
  { "godaddy", "ib501-blank-from", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 (" ib501"), NULL, /* blank From: */
    "550 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp From: address is blank. IB501" },
  { "godaddy", "ib502-ip-as-from", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 (" ib502"), NULL, /* IP as From: */
    "550 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp From: is an IP address. IB502" },
  { "godaddy", "ib504-messages-this-hour", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 (" ib504"), NULL, /* too many messages this hour */
    "550 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp You have exceeded the limit of messages this hour. IB504" },
  { "godaddy", "ib506-invalid-from-domain", BS_REASON_REJECTED, 0, NULL, 0, 0, 0, T1 (" ib506"), NULL, /* invalid From: domain */
    "550 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp From: domain is invalid. Please provide a valid From: IB506" },
  { "godaddy", "ib508-invalid-spf", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 (" ib508"), NULL, /* invalid SPF */
    "550 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp Your message was rejected. Please inspect your SPF settings, and try again. IB508" },
  { "godaddy", "ib510-messages-per-session", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 (" ib510"), NULL, /* messages per session */
    "554 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp You have exceeded the max number of messages per session. IB510" },
  { "godaddy", "ib607-recipients-this-hour", BS_REASON_SPEEDING, 0, NULL, 0, 0, 0, T1 (" ib607"), NULL, /* too many recipients this hour */
    "550 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp 192.0.2.2 has sent to too many recipients this hour. IB607" },
  { "godaddy", "ib705-virus", BS_REASON_VIRUSDETECTED, 0, NULL, 0, 0, 0, T1 (" ib705"), NULL, /* virus */
    "552 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp Virus infected message rejected. IB705" },
  { "godaddy", "spamhaus-query-link", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("www.spamhaus.org/query/bl?ip="), NULL, /* Spamhaus */
    "554 p3plibsmtp01-01.prod.phx3.secureserver.net bizsmtp Connection refused. See http://www.spamhaus.org/query/bl?ip=192.0.2.2" },
  { "godaddy", "554-rbl-reject", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("554 rbl reject."), NULL, /* RBL */
    "554 RBL Reject." },
  { "godaddy", "delivery-timeout", BS_REASON_EXPIRED, 0, NULL, 0, 0, 0, T1 ("delivery timeout"), NULL, /* timeout */
    "421 Delivery timeout" },
  { "godaddy", "account-disabled", BS_REASON_SUSPEND, 0, NULL, 0, 0, 0, T1 ("account disabled"), NULL, /* disabled */
    "550 Account disabled" },
  { "godaddy", "account-storage-limit", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("account storage limit"), NULL, /* storage */
    "552 Account storage limit" },
  { "godaddy", "account-does-not-exist", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("account does not exist"), NULL, /* no account */
    "550 Account does not exist" },
  { "godaddy", "550-recipient-not-found", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("550 recipient not found."), NULL, /* no recipient */
    "550 Recipient not found." },

  /* ---- Spectrum/Charter (spectrumbusiness.net error codes: AUP#) ---- */
  { "spectrum", "aup-1000", BS_REASON_BLOCKED, 0, NULL, 1000, 1000, BS_CODE_AUP, NOTEXT, NULL, /* IP blocked: suspicious activity */
    "554 5.7.1 Your IP address has been blocked due to suspicious activity. Please see https://www.spectrum.net/support/internet/understanding-email-error-codes for more information. AUP#1000" },
  { "spectrum", "aup-1010", BS_REASON_REJECTED, 0, NULL, 1010, 1010, BS_CODE_AUP, NOTEXT, NULL, /* account blocked from sending */
    "554 5.7.1 This account has been blocked from sending emails due to suspicious activity. AUP#1010" },
  { "spectrum", "aup-1020-1080", BS_REASON_REJECTED, 0, NULL, 1020, 1080, BS_CODE_AUP, NOTEXT, NULL, /* limited account */
    "554 5.7.1 This account has been temporarily limited. AUP#1020" },
  { "spectrum", "aup-1090", BS_REASON_SYSTEMERROR, 0, NULL, 1090, 1090, BS_CODE_AUP, NOTEXT, NULL, /* cannot process */
    "554 5.7.1 The email could not be processed. AUP#1090" },
  { "spectrum", "aup-1100-1150", BS_REASON_REQUIREPTR, 0, NULL, 1100, 1150, BS_CODE_AUP, NOTEXT, NULL, /* DNS of the connecting IP */
    "550 5.7.1 The IP address you are connecting from does not have a valid DNS entry. AUP#In-1100" },
  { "spectrum", "aup-1160-1190", BS_REASON_POLICYVIOLATION, 0, NULL, 1160, 1190, BS_CODE_AUP, NOTEXT, NULL, /* domain security policy */
    "550 5.7.1 The domain's security policy refused the message. AUP#In-1160" },
  { "spectrum", "aup-1200-1210", BS_REASON_BLOCKED, 0, NULL, 1200, 1210, BS_CODE_AUP, NOTEXT, NULL, /* Cloudmark CSI */
    "550 5.7.1 The IP you are connecting from is on a Cloudmark list. AUP#In-1200" },
  { "spectrum", "aup-1220-1250", BS_REASON_BLOCKED, 0, NULL, 1220, 1250, BS_CODE_AUP, NOTEXT, NULL, /* Spamhaus */
    "550 5.7.1 The IP you are connecting from is on a Spamhaus list. AUP#In-1220" },
  { "spectrum", "aup-1260", BS_REASON_NETWORKERROR, 0, NULL, 1260, 1260, BS_CODE_AUP, NOTEXT, NULL, /* no IPv6 */
    "550 5.7.1 Spectrum does not accept IPv6 connections at this time. AUP#In-1260" },
  { "spectrum", "aup-1300-1340", BS_REASON_TOOMANYCONN, 0, NULL, 1300, 1340, BS_CODE_AUP, NOTEXT, NULL, /* concurrent connections */
    "421 4.7.0 The connecting IP has too many open connections. AUP#In-1310" },
  { "spectrum", "aup-1350-1490", BS_REASON_TOOMANYCONN, 0, NULL, 1350, 1490, BS_CODE_AUP, NOTEXT, NULL, /* message/recipient limits */
    "421 4.7.0 The sender has exceeded the message limit. AUP#In-1350" },
  { "spectrum", "aup-1500-1520", BS_REASON_REJECTED, 0, NULL, 1500, 1520, BS_CODE_AUP, NOTEXT, NULL, /* sending as another address */
    "554 5.7.1 The user is not authorized to send as that address. AUP#Out-1500" },
  { "spectrum", "aup-1530", BS_REASON_MESGTOOBIG, 0, NULL, 1530, 1530, BS_CODE_AUP, NOTEXT, NULL, /* over 20 MB */
    "552 5.7.1 Mail exceeds the 20 MB limit. AUP#Out-1530" },
  { "spectrum", "aup-1540-1550", BS_REASON_TOOMANYCONN, 0, NULL, 1540, 1550, BS_CODE_AUP, NOTEXT, NULL, /* too many per session/message */
    "452 4.7.0 Exceeded the maximum per session. AUP#Out-1540" },
  { "spectrum", "aup-1560", BS_REASON_POLICYVIOLATION, 0, NULL, 1560, 1560, BS_CODE_AUP, NOTEXT, NULL, /* too many invalid recipients */
    "550 5.7.1 The message had too many invalid recipients. AUP#Out-1560" },

  /* ---- Orange / La Poste (LPNxxx_NNN, OFRxxx_NNN) ---- */
  { "franceptt", "code-101-103", BS_REASON_BLOCKED, 0, NULL, 101, 103, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* Spamhaus, Cloudmark, refused */
    "550 5.7.1 Service refused: your IP address is listed. OFR004_101" },
  { "franceptt", "code-104", BS_REASON_TOOMANYCONN, 0, NULL, 104, 104, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* too many connections */
    "421 4.7.0 Connections from your IP limited. OFR005_104" },
  { "franceptt", "code-305", BS_REASON_SECURITYERROR, 0, NULL, 305, 305, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* invalid authentication code */
    "535 5.7.0 Authentification invalide. OFR004_305" },
  { "franceptt", "code-401", BS_REASON_AUTHFAILURE, 0, NULL, 401, 401, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* SPF */
    "550 5.7.1 192.0.2.2 not authorised by SPF. LPN004_401" },
  { "franceptt", "code-402", BS_REASON_SECURITYERROR, 0, NULL, 402, 402, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* authentication required */
    "550 5.7.1 Authentification requise. LPN007_402" },
  { "franceptt", "code-403-405", BS_REASON_REJECTED, 0, NULL, 403, 405, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* invalid sender */
    "550 5.7.1 Emetteur refuse. OFR004_403" },
  { "franceptt", "code-415", BS_REASON_REJECTED, 0, NULL, 415, 415, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* invalid sender */
    "550 5.7.1 Emetteur refuse. OFR004_415" },
  { "franceptt", "code-416", BS_REASON_USERUNKNOWN, 0, NULL, 416, 416, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* invalid recipient */
    "550 5.1.1 Destinataire inconnu. OFR_416" },
  { "franceptt", "code-417", BS_REASON_MAILBOXFULL, 0, NULL, 417, 417, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* over quota */
    "552 5.2.2 Boite pleine. OFR_417" },
  { "franceptt", "code-418", BS_REASON_USERUNKNOWN, 0, NULL, 418, 418, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* invalid recipient */
    "550 5.1.1 Destinataire inconnu. OFR_418" },
  { "franceptt", "code-420", BS_REASON_SUSPEND, 0, NULL, 420, 420, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* archived recipient */
    "550 5.2.1 Boite archivee. LPN007_420" },
  { "franceptt", "code-421", BS_REASON_REJECTED, 0, NULL, 421, 421, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* mail from not owned */
    "550 5.7.1 Emetteur non autorise. LPN105_421" },
  { "franceptt", "code-426", BS_REASON_SUSPEND, 0, NULL, 426, 426, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* recipient account blocked */
    "550 5.2.1 Compte bloque. LPN007_426" },
  { "franceptt", "code-505", BS_REASON_SYSTEMERROR, 0, NULL, 505, 505, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* service refused */
    "550 5.7.1 Service refuse. OFR_505" },
  { "franceptt", "code-506", BS_REASON_SPAMDETECTED, 0, NULL, 506, 506, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* mail rejected */
    "550 5.7.1 Mail refuse. OUK002_506" },
  { "franceptt", "code-510", BS_REASON_BLOCKED, 0, NULL, 510, 510, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* service refused */
    "550 5.7.1 Service refuse. LPN007_510" },
  { "franceptt", "code-514", BS_REASON_MESGTOOBIG, 0, NULL, 514, 514, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* size */
    "552 5.3.4 Taille depassee. OFR_514" },
  { "franceptt", "code-517", BS_REASON_AUTHFAILURE, 0, NULL, 517, 517, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* DMARC failed */
    "550 5.7.1 DMARC: sender domain policy refused it. OFR_517" },
  { "franceptt", "code-630", BS_REASON_POLICYVIOLATION, 0, NULL, 630, 630, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* client host rejected */
    "554 5.7.1 Client host refused. OFR_630" },
  { "franceptt", "code-999", BS_REASON_BLOCKED, 0, NULL, 999, 999, BS_CODE_FRANCEPTT, NOTEXT, NULL, /* service refused */
    "550 5.7.1 Service refuse. OFR_999" },

  /* ---- i.ua (mail.i.ua/err/N) ---- */
  { "iua", "err-1", BS_REASON_NORELAYING, 0, NULL, 1, 1, BS_CODE_IUA, NOTEXT, NULL, /* SMTP as gateway forbidden */
    "550 Sending as a gateway is forbidden, see http://mail.i.ua/err/1/" },
  { "iua", "err-2", BS_REASON_USERUNKNOWN, 0, NULL, 2, 2, BS_CODE_IUA, NOTEXT, NULL, /* user not found */
    "550 Not found, see http://mail.i.ua/err/2/" },
  { "iua", "err-3", BS_REASON_SUSPEND, 0, NULL, 3, 3, BS_CODE_IUA, NOTEXT, NULL, /* unused for 3 months */
    "550 Unused for 3 months, see http://mail.i.ua/err/3/" },
  { "iua", "err-4", BS_REASON_MAILBOXFULL, 0, NULL, 4, 4, BS_CODE_IUA, NOTEXT, NULL, /* mailbox full */
    "550 Quota, see http://mail.i.ua/err/4/" },
  { "iua", "err-5", BS_REASON_TOOMANYCONN, 0, NULL, 5, 5, BS_CODE_IUA, NOTEXT, NULL, /* sending limit */
    "550 Sending limit, see http://mail.i.ua/err/5/" },
  { "iua", "err-6", BS_REASON_NORELAYING, 0, NULL, 6, 6, BS_CODE_IUA, NOTEXT, NULL, /* use your provider's SMTP */
    "550 Use the SMTP server of your provider, see http://mail.i.ua/err/6/" },
  { "iua", "err-7", BS_REASON_BLOCKED, 0, NULL, 7, 7, BS_CODE_IUA, NOTEXT, NULL, /* bad HELO */
    "550 Bad HELO, see http://mail.i.ua/err/7/" },
  { "iua", "err-8", BS_REASON_REJECTED, 0, NULL, 8, 8, BS_CODE_IUA, NOTEXT, NULL, /* sender not verified */
    "550 Sender not verified, see http://mail.i.ua/err/8/" },
  { "iua", "err-9", BS_REASON_BLOCKED, 0, NULL, 9, 9, BS_CODE_IUA, NOTEXT, NULL, /* IP blacklisted */
    "550 Your IP, see http://mail.i.ua/err/9/" },
  { "iua", "err-10", BS_REASON_FILTERED, 0, NULL, 10, 10, BS_CODE_IUA, NOTEXT, NULL, /* address management list */
    "550 Address management list, see http://mail.i.ua/err/10/" },

  /* ---- au (KDDI) ---- */
  { "kddi", "empty-address-user-unknown", BS_REASON_FILTERED, 0, NULL, 0, 0, 0, T1 ("550 : user unknown"), NULL, /* empty address: the recipient's filter */
    "550 : User unknown" },
  { "kddi", "address-user-unknown", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 (">: user unknown"), NULL, /* no such address (or filter) */
    "550 <user@ezweb.ne.jp>: User unknown" },
  { "kddi", "rejected-by-remote-server", BS_REASON_FILTERED, 0, NULL, 0, 0, 0, T1 ("each of the following recipients was rejected by a remote mail server"), NULL, /* EZweb: refused, no reply quoted: filter */
    "Each of the following recipients was rejected by a remote mail server." },

  /* ---- NTT docomo: "Unknown user" is a dead address or the recipient's own filter ---- */
  { "nttdocomo", "status-5.1.1", BS_REASON_USERUNKNOWN, 0, "5.1.1", 0, 0, 0, NOTEXT, NULL, /* refused at RCPT: no such address */
    "550 5.1.1 Unknown user user@docomo.ne.jp" },
  { "nttdocomo", "status-5.2.0", BS_REASON_FILTERED, 0, "5.2.0", 0, 0, 0, NOTEXT, NULL, /* refused after DATA: filter */
    "550 5.2.0 Unknown user user@docomo.ne.jp" },
  { "nttdocomo", "552-too-much-mail-data", BS_REASON_MAILBOXFULL, 0, NULL, 0, 0, 0, T1 ("552 too much mail data"), NULL, /* mailbox full */
    "552 Too much mail data" },
  { "nttdocomo", "552-too-many-recipients", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("552 too many recipients"), NULL, /* recipients */
    "552 Too many recipients" },
  { "nttdocomo", "503-bad-sequence", BS_REASON_SYNTAXERROR, 0, NULL, 0, 0, 0, T1 ("503 bad sequence of commands"), NULL, /* sequence */
    "503 Bad sequence of commands" },
  { "nttdocomo", "504-parameter-not-implemented", BS_REASON_SYNTAXERROR, 0, NULL, 0, 0, 0, T1 ("504 command parameter not implemented"), NULL, /* parameter */
    "504 Command parameter not implemented" },
  { "nttdocomo", "status-5.0.0-rcpt", BS_REASON_USERUNKNOWN, 0, "5.0.0", 0, 0, 0, NOTEXT, "RCPT", /* "Unknown user" at RCPT */
    "550 5.0.0 Unknown user user@docomo.ne.jp" },
  { "nttdocomo", "status-5.0.0-data", BS_REASON_REJECTED, 0, "5.0.0", 0, 0, 0, NOTEXT, "DATA", /* "Unknown user" after DATA */
    "550 5.0.0 Unknown user user@docomo.ne.jp" },

  /* ---- Mimecast (community.mimecast.com SMTP error codes) ---- */
  { "mimecast", "sender-address-blocked", BS_REASON_BLOCKED, 421, NULL, 0, 0, 0, T1 ("sender address blocked"), NULL, /* blocked senders policy */
    "421 Sender address blocked" },
  { "mimecast", "ip-temporarily-blacklisted", BS_REASON_BLOCKED, 451, NULL, 0, 0, 0, T1 ("ip temporarily blacklisted"), NULL, /* limit reached */
    "451 IP temporarily blacklisted - https://community.mimecast.com/docs/DOC-1369#451" },
  { "mimecast", "recipient-temporarily-unavailable", BS_REASON_BLOCKED, 451, NULL, 0, 0, 0, T1 ("recipient temporarily unavailable"), NULL, /* invalid connections */
    "451 Recipient temporarily unavailable" },
  { "mimecast", "internal-resources-unavailable", BS_REASON_BLOCKED, 451, NULL, 0, 0, 0, T1 ("internal resources are temporarily unavailable"), NULL, /* greylisting or reputation */
    "451 Internal resources are temporarily unavailable" },
  { "mimecast", "local-ct-ip-reputation", BS_REASON_BADREPUTATION, 550, NULL, 0, 0, 0, T1 ("local ct ip reputation"), NULL, /* poor IP reputation */
    "550 Local CT IP Reputation - https://community.mimecast.com/docs/DOC-1369#550" },
  { "mimecast", "spf-sender-invalid", BS_REASON_AUTHFAILURE, 550, NULL, 0, 0, 0, T1 ("spf sender invalid"), NULL, /* SPF */
    "550 SPF Sender Invalid - envelope rejected" },
  { "mimecast", "dkim-sender-invalid", BS_REASON_AUTHFAILURE, 550, NULL, 0, 0, 0, T1 ("dkim sender invalid"), NULL, /* DKIM */
    "550 DKIM Sender Invalid - envelope rejected" },
  { "mimecast", "dmarc-sender-invalid", BS_REASON_AUTHFAILURE, 550, NULL, 0, 0, 0, T1 ("dmarc sender invalid"), NULL, /* DMARC */
    "550 DMARC Sender Invalid - envelope rejected" },
  { "mimecast", "maximum-email-size-exceeded", BS_REASON_MESGTOOBIG, 554, NULL, 0, 0, 0, T1 ("maximum email size exceeded"), NULL, /* size */
    "554 Maximum email size exceeded" },
  { "mimecast", "mail-loop-detected", BS_REASON_NETWORKERROR, 554, NULL, 0, 0, 0, T1 ("mail loop detected"), NULL, /* loop */
    "554 Mail loop detected" },
  { "mimecast", "open-relay-not-allowed", BS_REASON_NORELAYING, 451, NULL, 0, 0, 0, T1 ("open relay not allowed"), NULL, /* relay */
    "451 Open relay not allowed" },
  { "mimecast", "account-inbounds-disabled", BS_REASON_NOTACCEPT, 451, NULL, 0, 0, 0, T1 ("account inbounds disabled"), NULL, /* inbound disabled */
    "451 Account inbounds disabled" },
  { "mimecast", "account-outbounds-disabled", BS_REASON_ONHOLD, 451, NULL, 0, 0, 0, T1 ("account outbounds disabled"), NULL, /* outbound disabled */
    "451 Account outbounds disabled" },
  { "mimecast", "hostname-not-authorized", BS_REASON_ONHOLD, 451, NULL, 0, 0, 0, T1 ("hostname is not authorized"), NULL, /* omni directional */
    "451 Hostname is not authorized" },
  { "mimecast", "journal-past-expiration", BS_REASON_ONHOLD, 550, NULL, 0, 0, 0, T1 ("journal message past expiration"), NULL, /* journal */
    "550 Journal message past expiration" },
  { "mimecast", "anti-spoofing-policy", BS_REASON_POLICYVIOLATION, 550, NULL, 0, 0, 0, T1 ("anti-spoofing policy"), NULL, /* anti-spoofing */
    "550 Rejected by header based Anti-Spoofing policy" },
  { "mimecast", "content-examination-policy", BS_REASON_POLICYVIOLATION, 550, NULL, 0, 0, 0, T1 ("content examination policy"), NULL, /* content policy */
    "550 Message bounced due to content examination policy" },
  { "mimecast", "host-network-not-allowed", BS_REASON_POLICYVIOLATION, 554, NULL, 0, 0, 0, T1 ("host network not allowed"), NULL, /* geographic policy */
    "554 Host network not allowed" },
  { "mimecast", "administrative-prohibition", BS_REASON_REJECTED, 550, NULL, 0, 0, 0, T1 ("administrative prohibition envelope blocked"), NULL, /* blocked senders */
    "550 Administrative prohibition envelope blocked" },
  { "mimecast", "envelope-blocked", BS_REASON_REJECTED, 550, NULL, 0, 0, 0, T1 ("envelope blocked"), NULL, /* personal block */
    "550 Envelope blocked - User Entry" },
  { "mimecast", "manually-blocked-senders", BS_REASON_REJECTED, 550, NULL, 0, 0, 0, T1 ("manually blocked senders"), NULL, /* personal block */
    "550 Rejected by manually blocked senders" },
  { "mimecast", "block-policy", BS_REASON_REJECTED, 550, NULL, 0, 0, 0, T1 ("blocked senders - block policy"), NULL, /* block policy */
    "550 Blocked senders - Block policy" },
  { "mimecast", "block-policy-envelope-from", BS_REASON_REJECTED, 550, NULL, 0, 0, 0, T1 ("block policy for envelope from"), NULL, /* block policy */
    "550 Block policy for envelope from" },
  { "mimecast", "incorrect-authentication-data", BS_REASON_SECURITYERROR, 535, NULL, 0, 0, 0, T1 ("incorrect authentication data"), NULL, /* AUTH */
    "535 Incorrect authentication data" },
  { "mimecast", "route-requires-tls", BS_REASON_SECURITYERROR, 553, NULL, 0, 0, 0, T1 ("this route requires"), NULL, /* TLS */
    "553 This route requires encryption" },
  { "mimecast", "invalid-certificate-configuration", BS_REASON_SECURITYERROR, 554, NULL, 0, 0, 0, T1 ("configuration is invalid for this certificate"), NULL, /* certificate */
    "554 Configuration is invalid for this certificate" },
  { "mimecast", "unable-to-process", BS_REASON_SYSTEMERROR, 451, NULL, 0, 0, 0, T1 ("unable to process"), NULL, /* load */
    "451 Unable to process" },
  { "mimecast", "message-ended-early", BS_REASON_SYSTEMERROR, 451, NULL, 0, 0, 0, T1 ("message ended early"), NULL, /* early end */
    "451 Message ended early" },
  { "mimecast", "account-service-unavailable", BS_REASON_TOOMANYCONN, 451, NULL, 0, 0, 0, T1 ("account service is temporarily unavailable"), NULL, /* connections */
    "451 Account service is temporarily unavailable" },
  { "mimecast", "too-many-recipients", BS_REASON_TOOMANYCONN, 452, NULL, 0, 0, 0, T1 ("too many recipients"), NULL, /* recipients */
    "452 Too many recipients" },
  { "mimecast", "outbound-thread-limit", BS_REASON_TOOMANYCONN, 550, NULL, 0, 0, 0, T1 ("exceeding outbound thread limit"), NULL, /* threads */
    "550 Exceeding outbound thread limit" },
  { "mimecast", "invalid-address", BS_REASON_USERUNKNOWN, 501, NULL, 0, 0, 0, T1 ("invalid address"), NULL, /* invalid */
    "501 Invalid address" },
  { "mimecast", "user-unknown", BS_REASON_USERUNKNOWN, 503, NULL, 0, 0, 0, T1 ("user unknown"), NULL, /* unknown */
    "503 User unknown" },
  { "mimecast", "invalid-recipient", BS_REASON_USERUNKNOWN, 550, NULL, 0, 0, 0, T1 ("invalid recipient"), NULL, /* invalid recipient */
    "550 Invalid recipient" },
  { "mimecast", "security-policies", BS_REASON_VIRUSDETECTED, 554, NULL, 0, 0, 0, T1 ("email rejected due to security policies"), NULL, /* signature */
    "554 Email rejected due to security policies - MCSpamSignature.sa.9.4" },

  /* ---- Tencent QQ (service.mail.qq.com help 20022) ---- */
  { "tencent", "dmarc-check-failed", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("dmarc check failed"), NULL, /* DMARC */
    "550 Mail content denied. DMARC check failed." },
  { "tencent", "spf-check-failed", BS_REASON_AUTHFAILURE, 0, NULL, 0, 0, 0, T1 ("spf check failed"), NULL, /* SPF */
    "550 Mail content denied. SPF check failed." },
  { "tencent", "suspected-spam-ip", BS_REASON_BLOCKED, 0, NULL, 0, 0, 0, T1 ("suspected spam ip"), NULL, /* IP */
    "550 Suspected spam ip, please refer to the help page." },
  { "tencent", "rejected-by-recipients", BS_REASON_FILTERED, 0, NULL, 0, 0, 0, T1 ("mail is rejected by recipients"), NULL, /* recipient's filter */
    "550 Mail is rejected by recipients" },
  { "tencent", "message-too-large", BS_REASON_MESGTOOBIG, 0, NULL, 0, 0, 0, T1 ("message too large"), NULL, /* size */
    "552 Message too large" },
  { "tencent", "mail-content-denied", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 ("mail content denied"), NULL, /* content */
    "550 Mail content denied." },
  { "tencent", "spam-embedded", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 ("spam is embedded in the email"), NULL, /* content */
    "550 Spam is embedded in the email" },
  { "tencent", "suspected-spam", BS_REASON_SPAMDETECTED, 0, NULL, 0, 0, 0, T1 ("suspected spam"), NULL, /* content */
    "550 Suspected spam." },
  { "tencent", "bad-address-syntax", BS_REASON_SYNTAXERROR, 0, NULL, 0, 0, 0, T1 ("bad address syntax"), NULL, /* syntax */
    "501 Bad address syntax" },
  { "tencent", "connection-denied", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("connection denied"), NULL, /* connections */
    "421 Connection denied" },
  { "tencent", "frequency-limited", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("frequency limited"), NULL, /* rate limits */
    "450 Connection frequency limited." },
  { "tencent", "rate-mailbox-unavailable", BS_REASON_TOOMANYCONN, 0, NULL, 0, 0, 0, T1 ("mailbox unavailable or access denied"), NULL, /* QQ says so for rate */
    "550 Mailbox unavailable or access denied" },
  { "tencent", "mailbox-not-found", BS_REASON_USERUNKNOWN, 0, NULL, 0, 0, 0, T1 ("mailbox not found"), NULL, /* no mailbox */
    "550 Mailbox not found." },
};
const gsize bs_rules_n_provider = G_N_ELEMENTS (bs_rules_provider);
