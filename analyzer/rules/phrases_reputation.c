/* phrases_reputation.c - what remote servers write when they refuse the
 * sending server: blocklists, reputation, authentication, reverse DNS, rate
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

static const BsPhraseRow authfailure[] = {
  { "spf-pobox-com", P1 ("//spf.pobox.com"),                      /* SPF failure pointing at pobox's SPF page */
    "550 Bad SPF records for [example.org:192.0.2.2], see http://spf.pobox.com/" },
  { "bad-spf-records", P1 ("bad spf records for"),                /* Exim: SPF record of the sender is broken */
    "550 5.7.1 Bad SPF records for [example.org:192.0.2.2]" },
  { "dmarc-policy", P1 ("dmarc policy"),                          /* Gmail/iCloud/Zoho/Microsoft: DMARC reject */
    "550 5.7.1 Email rejected per DMARC policy for example.org" },
  { "dmarc-verification", P1 ("dmarc verification"),              /* Microsoft 5.7.509: does not pass DMARC */
    "550 5.7.1 Access denied, sending domain [EXAMPLE.ORG] does not pass DMARC verification." },
  { "dmarc-check-failed", P1 ("dmarc check failed"),              /* Tencent QQ: DMARC failure */
    "550 Mail content denied. DMARC check failed." },
  { "please-inspect-spf-settings", P1 ("please inspect your spf settings"), /* GoDaddy IB508: invalid SPF */
    "550 5.7.1 Your message was rejected. Please inspect your SPF settings, and try again. IB508" },
  { "spf-fail", P1 ("sender policy framework (spf) fail"),        /* SPF hard fail */
    "550 5.7.1 Message rejected because of Sender Policy Framework (SPF) fail for example.org" },
  { "spf-violation", P1 ("sender policy framework violation"),    /* Microsoft 5.7.23 */
    "550 5.7.1 Sender Policy Framework violation" },
  { "spf-domain-authentication-fail", P1 ("spf (sender policy framework) domain authentication fail"), /* SPF domain check */
    "550 5.7.1 SPF (Sender Policy Framework) domain authentication fail." },
  { "spf-check-fail", P1 ("spf check: fail"),                     /* SPF check failed */
    "550 5.7.1 Rejected by SPF check: fail (example.org: 192.0.2.2 is not allowed)" },
  { "spf-check-failed", P1 ("spf check failed"),                  /* Tencent QQ: SPF failure */
    "550 Mail content denied. SPF check failed." },
  { "spf-validation-failed", P1 ("spf validation failed"),        /* RFC 7372 5.7.23 wording */
    "550 5.7.1 SPF validation failed for example.org" },
  { "spf-sender-invalid", P1 ("spf sender invalid"),              /* Mimecast: SPF sender invalid */
    "550 Rejected by header based Anti-Spoofing policy: SPF Sender Invalid - envelope rejected" },
  { "dkim-sender-invalid", P1 ("dkim sender invalid"),            /* Mimecast: DKIM key broken */
    "550 DKIM Sender Invalid - envelope rejected" },
  { "dmarc-sender-invalid", P1 ("dmarc sender invalid"),          /* Mimecast: DMARC failure */
    "550 DMARC Sender Invalid - envelope rejected" },
  { "fails-authentication-checks", P1 ("fails to pass authentication checks"), /* Gmail 5.7.26: no SPF/DKIM pass */
    "550-5.7.1 This message fails to pass authentication checks (SPF and DKIM both do not pass). Learn more at https://support.google.com/mail/answer/81126" },
  { "no-authentication-information", P1 ("does not have authentication information"), /* Gmail: unauthenticated message */
    "550-5.7.1 This message does not have authentication information. To help protect Gmail users from spam, this message has been blocked." },
  { "fails-spf-checks", P1 ("fails to pass spf checks"),          /* Gmail: SPF hard fail policy */
    "550-5.7.1 This mail has been blocked because the sender fails to pass SPF checks for example.org." },
  { "sender-unauthenticated", P1 ("the sender is unauthenticated"), /* Gmail/Yahoo: neither SPF nor DKIM */
    "550-5.7.1 This mail has been blocked because the sender is unauthenticated." },
  { "mail-unauthenticated", P1 ("this mail is unauthenticated"),  /* Gmail 5.7.26: neither SPF nor DKIM */
    "550-5.7.1 This mail is unauthenticated, which poses a security risk to the sender and Gmail users, and has been blocked." },
  { "requires-spf-or-dkim", P1 ("requires all senders to authenticate with either spf or dkim"), /* Gmail/Yahoo 5.7.26/5.7.9 */
    "550 5.7.1 Gmail requires all senders to authenticate with either SPF or DKIM." },
  { "must-pass-spf-or-dkim", P1 ("must pass either spf or dkim validation"), /* Microsoft 4.7.26 on IPv6 */
    "450 4.7.0 Service unavailable, messages sent over IPv6 must pass either SPF or DKIM validation." },
  { "multiple-authentication-checks-failed", P1 ("multiple authentication checks failed"), /* RFC 7372 5.7.26 wording */
    "550 5.7.1 Multiple authentication checks failed" },
  { "unauthenticated-email-from", P1 ("unauthenticated email from"), /* Gmail: DMARC rejection of a domain */
    "550-5.7.1 Unauthenticated email from example.org is not accepted." },
  { "dkim-signature", P1 ("dkim signature"),                      /* DKIM missing/invalid (5.7.20-22) */
    "550 5.7.1 No valid DKIM signature found" },
  { "failing-both-spf-and-dkim", P1 ("failing both spf and dkim"), /* iCloud HME1 */
    "554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks." },
  { "from-not-aligned", P1 ("is not aligned with"),               /* Gmail 4.7.32: From not aligned */
    "421-4.7.0 The From: header is not aligned with either the authenticated SPF or DKIM organizational domain." },
  { "laposte-lpn004-401", P2 (" is not allowed to send mail.", "_401"), /* La Poste LPN004_401 SPF */
    "550 5.7.1 192.0.2.2 is not allowed to send mail. LPN004_401" },
  { "not-allowed-per-spf", P2 ("is not allowed to send from <", " per it's spf record"), /* SPF reject naming the sender */
    "550 5.7.1 <info@example.org>: 192.0.2.2 is not allowed to send from <example.org> per it's SPF Record" },
};

const BsPhraseGroup bs_phrases_authfailure = GROUP (AUTHFAILURE, authfailure);

static const BsPhraseRow badreputation[] = {
  { "rate-limited-ip-reputation", P1 ("has been temporarily rate limited due to ip reputation"), /* Microsoft 4.7.650 (S775/S3113) */
    "451 4.7.650 The mail server [192.0.2.2] has been temporarily rate limited due to IP reputation. (S775)" },
  { "ip-domain-reputation-problems", P1 ("ip/domain reputation problems"), /* reputation problems of IP or domain */
    "550 5.7.1 Message rejected due to IP/domain reputation problems" },
  { "suspicious-very-low-reputation", P1 ("likely suspicious due to the very low reputation"), /* Gmail 5.7.1 low IP reputation */
    "550-5.7.1 Our system has detected that this message is likely suspicious due to the very low reputation of the sending domain." },
  { "very-low-reputation", P1 ("very low reputation of the sending"), /* Gmail 4.7.0/5.7.1 IP or domain reputation */
    "421-4.7.0 This message was blocked because of the very low reputation of the sending IP address." },
  { "deferred-volume-or-complaints", P1 ("temporarily deferred due to unexpected volume or user complaints"), /* Yahoo TSS04 */
    "421 4.7.0 [TSS04] Messages from 192.0.2.2 temporarily deferred due to unexpected volume or user complaints" },
  { "sending-mta-poor-reputation", P1 ("the sending mta's poor reputation"), /* Cisco IronPort/GoDaddy: poor reputation */
    "554 5.7.1 rejected because of the sending MTA's poor reputation." },
  { "poor-email-reputation-score", P1 ("rejected due to a poor email reputation score"), /* poor sender reputation score */
    "550 5.7.1 Message rejected due to a poor email reputation score" },
  { "poor-reputation-on", P1 ("has a poor reputation on"),        /* GoDaddy IB103: poor Cloudmark reputation */
    "554 192.0.2.2 has a poor reputation on Cloudmark Sender Intelligence (CSI). IB103" },
  { "poor-reputation", P1 ("poor reputation"),                    /* any "poor reputation" refusal */
    "550 5.7.1 Mail from your server is refused for its poor reputation" },
  { "bad-reputation", P1 ("bad reputation"),                      /* any "bad reputation" refusal */
    "550 5.7.1 Your server has a bad reputation" },
  { "low-reputation", P1 ("low reputation"),                      /* any "low reputation" refusal */
    "550 5.7.1 Message refused: sender has a low reputation" },
  { "ip-reputation", P1 ("ip reputation"),                        /* "IP reputation" throttling or refusal */
    "421 4.7.0 Try again later: IP reputation is being checked" },
  { "sender-reputation", P1 ("sender reputation"),                /* "sender reputation" refusal */
    "550 5.7.1 Rejected: sender reputation too low" },
  { "deferred-user-complaints", P2 ("messages from ", " temporarily deferred due to user complaints"), /* Yahoo: complaints */
    "421 4.7.0 [TS01] Messages from 192.0.2.2 temporarily deferred due to user complaints" },
  { "deferred-excessive-complaints", P1 ("deferred due to excessive user complaints"), /* Yahoo TS01: complaints */
    "421 4.7.0 [TS01] Messages deferred due to excessive user complaints" },
};

const BsPhraseGroup bs_phrases_badreputation = GROUP (BADREPUTATION, badreputation);

static const BsPhraseRow blocked_except[] = {
  { "except-user-not-listed", P1 ("not listed in"),               /* directory lookups: "user not listed in ..." */
    "550 5.1.1 User not listed in public Name & Address Book" },
};

static const BsPhraseRow blocked[] = {
  { "said-550-blocked", P1 (" said: 550 blocked"),                /* bare "550 blocked" */
    "host mx.example.net[192.0.2.25] said: 550 blocked (in reply to end of DATA command)" },
  { "address-blocked-in-parentheses", P3 ("(", "@", ":blocked)"), /* "(addr:blocked)" refusals */
    "550 Access refused (postmaster@example.org:blocked)" },
  { "access-from-ip-blocked", P2 ("access from ip address ", " blocked"), /* IP named as blocked */
    "554 Access from ip address 192.0.2.2 blocked." },
  { "banned-sending-ip", P1 ("banned sending ip"),                /* Microsoft 5.7.606-649 */
    "550 5.7.606 Access denied, banned sending IP [192.0.2.2]." },
  { "banned-sender", P1 ("banned sender["),                       /* Microsoft 5.7.511 */
    "550 5.7.511 Access denied, banned sender[192.0.2.2]." },
  { "blacklisted-by", P1 ("blacklisted by"),                      /* "blacklisted by <list>" */
    "550 192.0.2.2 is blacklisted by bl.example.net" },
  { "blocked-see-http", P1 ("blocked - see http"),                /* Proofpoint/SpamCop "Blocked - see URL" */
    "554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.2" },
  { "refused-see-http", P1 ("refused - see http"),                /* "Refused - see URL" */
    "554 Refused - see http://www.example.net/refused.html" },
  { "blocked-using", P1 ("blocked using "),                       /* Postfix reject_rbl_client */
    "554 Service unavailable; Client host [192.0.2.2] blocked using bl.example.net" },
  { "blocked-by-rbl", P1 ("blocked by rbl"),                      /* junkemailfilter: blocked by RBL */
    "550 5.7.0 Your mail was blocked by RBL" },
  { "dsbl-org", P1 ("//dsbl.org"),                                /* DSBL (closed IP list) lookup link */
    "550 Rejected: see http://dsbl.org/listing?192.0.2.2" },
  { "client-host-blocked-using", P2 ("client host ", " blocked using"), /* Postfix DNSBL refusal */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using" },
  { "sfr-abus-detecte-eib-02", P1 ("client host rejected: abus detecte gu_eib_02"), /* SFR: sending IP or host refused */
    "554 5.7.0 Client host rejected: Abus detecte GU_EIB_02" },
  { "sfr-abus-detecte-eib-04", P1 ("client host rejected: abus detecte gu_eib_04"), /* SFR: sending IP or host refused */
    "554 5.7.0 Client host rejected: Abus detecte GU_EIB_04" },
  { "client-may-not-be-mail-exchanger", P1 ("client host rejected: may not be mail exchanger"), /* host is not an MX */
    "450 4.7.0 Client host rejected: may not be mail exchanger" },
  { "client-not-authenticated", P1 ("client host rejected: was not authenticated"), /* Microsoft: sending IP or host refused */
    "554 5.7.0 Client host rejected: was not authenticated" },
  { "client-host-access-denied", P1 ("client host rejected: access denied"), /* Postfix check_client_access: the sending host refused */
    "554 5.7.0 <mail.example.org[192.0.2.2]>: Client host rejected: Access denied" },
  { "client-host-blocked", P1 ("client host blocked"),            /* Orange: client host blocked for spamming */
    "550 5.7.0 Client host blocked for spamming issues." },
  { "confirm-mail-server", P1 ("confirm this mail server"),       /* server must be confirmed */
    "554 Please confirm this mail server with your provider" },
  { "connection-dropped", P1 ("connection dropped"),              /* connection dropped at once */
    "421 4.4.2 Connection dropped due to an unexpected event" },
  { "connection-refused-by", P1 ("connection refused by"),        /* connection refused by peer */
    "421 Connection refused by mx.example.net" },
  { "connection-reset-by-peer", P1 ("connection reset by peer"),  /* connection reset */
    "421 Lost connection: connection reset by peer" },
  { "connection-dropped-by-remote-host", P1 ("connection was dropped by remote host"), /* connection dropped */
    "421 4.4.2 The connection was dropped by remote host." },
  { "yahoo-bl23-spamhaus-xbl", P1 ("connections not accepted from ip addresses on spamhaus xbl"), /* Yahoo BL23 */
    "553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL" },
  { "yahoo-bl21-spamhaus-list", P2 ("connections will not be accepted from ", "because the ip is in spamhaus's list"), /* Yahoo BL21 */
    "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.2, because the ip is in Spamhaus's list" },
  { "currently-sending-spam", P1 ("currently sending spam see: "), /* IP sending spam */
    "550 5.7.0 Your IP 192.0.2.2 is currently sending spam see: http://www.example.net/spam" },
  { "helo-domain-does-not-exist", P1 ("domain does not exist:"),  /* HELO domain does not exist */
    "550 5.1.2 HELO domain does not exist: mail.example.invalid; host name lookup failure" },
  { "dnsbl-is-blocked", P2 ("dnsbl:", " is_blocked"),             /* DNSBL refusal */
    "550 5.7.1 DNSBL:RBL 192.0.2.2 is_blocked" },
  { "dnsbl-attrbl", P1 ("dnsbl:attrbl"),                          /* DNSBL refusal */
    "550 5.7.0 DNSBL:ATTRBL 521< 192.0.2.2 >_is_blocked" },
  { "dynamic-zombied-spam-ips", P1 ("dynamic/zombied/spam ips blocked"), /* dynamic IP ranges */
    "554 Dynamic/zombied/spam IPs blocked" },
  { "email-blocked-by-barracuda", P2 ("email blocked by ", ".barracudacentral.org"), /* Barracuda: sending IP or host refused */
    "554 Service unavailable; Email blocked by b.barracudacentral.org" },
  { "email-blocked-by-spamhaus", P2 ("email blocked by ", "spamhaus"), /* Spamhaus: sending IP or host refused */
    "554 5.7.0 Email blocked by SPAMHAUS" },
  { "no-valid-recipients-from", P1 ("error: no valid recipients from "), /* refused at connection */
    "554 Error: no valid recipients from 192.0.2.2" },
  { "esmtp-not-accepting-connections", P1 ("esmtp not accepting connections"), /* iCloud: sending IP or host refused */
    "554 5.7.0 mx.example.net ESMTP not accepting connections" },
  { "extreme-bad-ip-profile", P1 ("extreme bad ip profile"),      /* IP profile */
    "554 5.7.0 Extreme bad IP profile" },
  { "go-away", P1 ("go away"),                                    /* blunt refusal */
    "554 Go away" },
  { "helo-command-rejected", P1 ("helo command rejected:"),       /* HELO refused */
    "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname" },
  { "refused-to-talk-blocked", P3 ("host ", " refused to talk to me: ", " blocked"), /* Sendmail: refused to talk, blocked */
    "Host mx.example.net refused to talk to me: 554 Your access to this mail system has been blocked" },
  { "host-network-not-allowed", P1 ("host network not allowed"),  /* Mimecast geographic policy */
    "550 Host network not allowed" },
  { "hosts-with-dynamic-ip", P1 ("hosts with dynamic ip"),        /* dynamic IP ranges */
    "550 5.7.1 Mail from hosts with dynamic IP addresses is refused" },
  { "invalid-ip-for-domain", P1 ("invalid ip for sending mail of domain"), /* IP not allowed for the domain */
    "550 Invalid IP for sending mail of domain example.org" },
  { "blocked-by-earthlink", P2 ("ip ", " is blocked by earthlink"), /* Earthlink: sending IP or host refused */
    "550 IP 192.0.2.2 is blocked by EarthLink." },
  { "in-a-black-list", P1 ("is in a black list"),                 /* "is in a black list" */
    "550 Your IP 192.0.2.2 is in a black list" },
  { "in-an-rbl", P2 ("is in an ", "rbl on "),                     /* RBL: sending IP or host refused */
    "550 Your IP 192.0.2.2 is in an RBL on bl.example.net" },
  { "is-listed-in", P1 ("is listed in"),                          /* "IP is listed in <list>" */
    "550 Your IP 192.0.2.2 is listed in bl.example.net" },
  { "listed-in", P1 (" listed in "),                              /* "203.0.113.5 listed in bl.example" */
    "550 192.0.2.2 listed in bl.example.net" },
  { "listed-by", P1 (" listed by "),                              /* "listed by <list>" */
    "550 Rejected: 192.0.2.2 listed by bl.example.net" },
  { "listed-at-spamhaus", P1 ("listed at spamhaus"),              /* Spamhaus listing */
    "550 Mail from 192.0.2.2 refused: listed at Spamhaus" },
  { "listed-on-spamhaus", P2 ("listed", "spamhaus"),              /* "is listed on the Spamhaus PBL" */
    "550 5.7.1 Your IP is listed on the Spamhaus PBL" },
  { "in-the-spamhaus-pbl", P1 ("in the spamhaus pbl"),            /* Facebook POL-P1: PBL */
    "550 5.7.1 Your IP address is in the Spamhaus PBL (POL-P1)" },
  { "not-allowed-to-send-mail-from", P1 ("is not allowed to send mail from"), /* IP not allowed */
    "550 5.7.1 192.0.2.2 is not allowed to send mail from example.org" },
  { "mail-server-is-blocked", P2 ("mail server at ", " is blocked"), /* mail server blocked */
    "554 The mail server at 192.0.2.2 is blocked" },
  { "mail-from-ip-refused", P2 ("mail from ", " refused:"),       /* IP refused */
    "553 Mail from 192.0.2.2 refused: see http://www.example.net/" },
  { "rejected-based-on-blacklist", P2 ("message from ", " rejected based on blacklist"), /* sending IP or host refused (blacklist) */
    "554 Message from 192.0.2.2 rejected based on blacklist" },
  { "possible-spam-virus-content", P1 ("message was rejected for possible spam/virus content"), /* possible spam */
    "552 Message was rejected for possible spam/virus content" },
  { "no-access-from-mail-server", P1 ("no access from mail server"), /* server refused */
    "554 No access from mail server 192.0.2.2" },
  { "not-accepting-mail-from-your-ip", P1 ("not currently accepting mail from your ip"), /* Microsoft: sending IP or host refused */
    "550 5.7.1 Service unavailable, we are not currently accepting mail from your IP" },
  { "microsoft-olc-block-list", P1 ("part of their network is on our block list"), /* Microsoft OLC S3150/S3140 */
    "550 5.7.1 Unfortunately, messages from [192.0.2.2] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150)." },
  { "microsoft-olc-messages-not-sent", P2 ("unfortunately, messages from", "weren't sent"), /* Microsoft OLC SC-00x, DY-00x, OU-00x */
    "550 5.7.1 Unfortunately, messages from [192.0.2.2] weren't sent. Please contact your Internet service provider. (SC-001)" },
  { "use-the-smtp-server-of-your-isp", P1 ("please use the smtp server of your isp"), /* direct-to-MX from an end-user range */
    "550 Please use the SMTP server of your ISP" },
  { "rejected-multi-blacklist", P1 ("rejected - multi-blacklist"), /* sending IP or host refused (junkemailfilter) */
    "554 Rejected - multi-blacklist" },
  { "sending-mta-not-validated", P1 ("rejected because the sending mta or the sender has not passed validation"), /* sending IP or host refused (validation) */
    "554 Message rejected because the sending MTA or the sender has not passed validation" },
  { "rejecting-open-proxy", P1 ("rejecting open proxy"),          /* Sendmail: an open proxy refused */
    "553 5.3.0 Rejecting open proxy 192.0.2.2" },
  { "sender-ip-address-rejected", P1 ("sender ip address rejected"), /* IP rejected */
    "550 Sender IP address rejected" },
  { "server-access-forbidden-by-ip", P1 ("server access forbidden by your ip"), /* IP forbidden */
    "554 Server access forbidden by your IP 192.0.2.2" },
  { "server-ip-listed-as-abusive", P2 ("server ip ", " listed as abusive"), /* abusive IP */
    "550 Server IP 192.0.2.2 listed as abusive" },
  { "service-not-available-closing", P1 ("service not available, closing transmission channel"), /* 421 at connection */
    "421 Service not available, closing transmission channel" },
  { "exim-after-initial-connection", P1 ("smtp error from remote mail server after initial connection:"), /* Exim: refused at banner */
    "SMTP error from remote mail server after initial connection: 554 mx.example.net ESMTP no mail service" },
  { "qmail-not-in-rcpthosts", P1 ("sorry, that domain isn't in my list of allowed rcpthosts"), /* qmail rcpthosts */
    "host mx.example.net[192.0.2.25] said: 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1) (in reply to HELO command)" },
  { "remotehost-like-spammer", P1 ("sorry, your remotehost looks suspiciously like spammer"), /* spammer-like host */
    "553 sorry, your remotehost looks suspiciously like spammer (#5.7.1)" },
  { "the-ip-is-blacklisted", P2 ("the ", " is blacklisted"),      /* the email/domain/IP is blacklisted */
    "550 The IP 192.0.2.2 is blacklisted" },
  { "submit-messages-rejected", P1 ("to submit messages to this e-mail system has been rejected"), /* submission refused */
    "550 Your request to submit messages to this e-mail system has been rejected" },
  { "too-many-spams-from-your-ip", P1 ("too many spams from your ip"), /* free.fr: sending IP or host refused */
    "421 Too many spams from your IP (192.0.2.2), please visit http://postmaster.free.fr/" },
  { "too-many-unwanted-messages", P1 ("too many unwanted messages have been sent from the following ip address above"), /* spam volume */
    "550 Too many unwanted messages have been sent from the following IP address above" },
  { "was-blocked-by", P1 ("was blocked by "),                     /* "was blocked by <list>" */
    "554 Message was blocked by bl.example.net" },
  { "dynamic-ips-not-accepted", P1 ("we do not accept mail from dynamic ips"), /* mail.ru: dynamic IP */
    "550 We do not accept mail from dynamic IPs" },
  { "not-allowed-to-connect", P1 ("you are not allowed to connect"), /* connection refused */
    "554 You are not allowed to connect." },
  { "you-are-sending-spam", P1 ("you are sending spam"),          /* spam source */
    "550 You are sending spam" },
  { "network-temporary-blacklisted", P1 ("your network is temporary blacklisted"), /* temporary blacklist */
    "450 Your network is temporary blacklisted" },
  { "server-requires-confirmation", P1 ("your server requires confirmation"), /* confirmation required */
    "554 Your server requires confirmation" },
  { "cbl-abuseat-listed", P2 ("your sender's ip address is listed at ", ".abuseat.org"), /* CBL: sending IP or host refused */
    "550 Your sender's IP address is listed at cbl.abuseat.org" },
  { "orange-service-refused-103", P2 ("veuillez essayer plus tard. service refused, please try later. ", "103"), /* Orange 103 */
    "421 mwinf5c00 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR004_103 [103]" },
  { "orange-service-refused-510", P2 ("veuillez essayer plus tard. service refused, please try later. ", "510"), /* Orange 510 */
    "554 mwinf5c00 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. LPN007_510" },
  { "blocklist", P1 ("blocklist"),                                /* any "blocklist" refusal */
    "550 5.7.1 Your IP address appears on a blocklist" },
  { "block-list", P1 ("block list"),                              /* any "block list" refusal */
    "550 5.7.1 Mail refused, sender on our block list" },
  { "blacklist", P1 ("blacklist"),                                /* any "blacklist" refusal */
    "550 5.7.1 Your IP address appears on a blacklist" },
  { "dnsbl", P1 ("dnsbl"),                                        /* any DNSBL refusal */
    "550 5.7.1 Refused by DNSBL" },
  { "microsoft-access-denied-try-later", P1 ("access denied, please try again later"), /* Microsoft 4.7.500-699 */
    "451 4.7.500 Server busy. Please try again later from [192.0.2.2]. (S77719) Access denied, please try again later" },
  { "microsoft-rejected-by-recipient", P1 ("access denied, rejected by recipient"), /* Microsoft 5.7.507 */
    "550 5.7.1 Access denied, rejected by recipient" },
  { "microsoft-bad-helo", P1 ("access denied, bad helo"),         /* Microsoft 5.7.506 */
    "550 5.7.1 Access denied, bad HELO" },
  { "gmail-not-authorized-directly", P1 ("not authorized to send email directly to our servers"), /* Gmail: use the ISP's relay */
    "550-5.7.1 The IP you're using to send mail is not authorized to send email directly to our servers." },
  { "google-ip-not-in-whitelist", P1 ("ip not in whitelist for rcpt domain"), /* Google Workspace inbound allow list */
    "550 5.7.1 IP not in whitelist for RCPT domain, closing connection." },
  { "gmail-unusual-rate-unsolicited", P1 ("unusual rate of unsolicited mail originating from your ip"), /* Gmail 4.7.28/5.7.28: the IP (or netblock) blocked */
    "550-5.7.1 Our system has detected an unusual rate of unsolicited mail originating from your IP address." },
  { "due-to-listing-in", P1 ("due to listing in"),                /* iCloud "rejected due to listing in Spamhaus SBL" */
    "554 5.7.1 [CS01] Message rejected due to listing in Spamhaus SBL" },
  { "spamhaus", P1 ("spamhaus"),                                  /* any refusal naming Spamhaus (ZEN, SBL, XBL, PBL) */
    "554 5.7.1 Refused: see Spamhaus" },
};

const BsPhraseGroup bs_phrases_blocked = GROUP_EXCEPT (BLOCKED, blocked);

static const BsPhraseRow requireptr[] = {
  { "sendmail-ip-name-lookup-failed", P1 ("access denied. ip name lookup failed"), /* Sendmail: no PTR */
    "550 5.7.1 Access denied. IP name lookup failed [192.0.2.2]" },
  { "ptr-with-valid-reverse-dns", P1 ("all mail servers must have a ptr record with a valid reverse dns entry"), /* sending IP without reverse DNS (PTR) */
    "550 5.7.1 All mail servers must have a PTR record with a valid Reverse DNS entry. Your mail server 192.0.2.2 does not." },
  { "bad-dns-ptr-record", P1 ("bad dns ptr resource record"),     /* sending IP without reverse DNS (PTR) */
    "550 5.7.1 Bad DNS PTR resource record for 192.0.2.2" },
  { "cannot-find-your-hostname", P1 ("cannot find your hostname"), /* Postfix reject_unknown_client_hostname */
    "450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.2]" },
  { "cannot-find-your-reverse-hostname", P1 ("cannot find your reverse hostname"), /* Postfix reject_unknown_reverse_client_hostname */
    "450 4.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.2]" },
  { "cannot-resolve-your-address", P1 ("cannot resolve your address"), /* no PTR */
    "550 5.7.1 Cannot resolve your address 192.0.2.2" },
  { "fix-reverse-dns", P1 ("fix reverse dns for"),                /* sending IP without reverse DNS (PTR) */
    "550 5.7.1 Please fix reverse DNS for 192.0.2.2" },
  { "ips-with-missing-ptr", P1 ("ips with missing ptr records"),  /* sending IP without reverse DNS (PTR) */
    "550 5.7.1 Connections from IPs with missing PTR records are refused" },
  { "no-ptr-record-found", P1 ("no ptr record found."),           /* sending IP without reverse DNS (PTR) */
    "550 5.7.1 No PTR Record found." },
  { "get-custom-reverse-dns-name", P1 ("please get a custom reverse dns name from your isp for your host"), /* generic PTR */
    "550 5.7.1 Please get a custom reverse DNS name from your ISP for your host" },
  { "gmail-ptr-record-setup", P1 ("ptr record setup"),            /* Gmail 5.7.25 */
    "550-5.7.1 The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not match." },
  { "reverse-dns-failed", P1 ("reverse dns failed"),              /* reverse DNS */
    "550 5.7.1 Reverse DNS failed for 192.0.2.2" },
  { "reverse-dns-required", P1 ("reverse dns required"),          /* reverse DNS */
    "550 5.7.1 Reverse DNS required: 192.0.2.2" },
  { "reverse-dns-validation-failed", P1 ("reverse dns validation failed"), /* RFC 7372 5.7.25 wording */
    "550 5.7.1 Reverse DNS validation failed" },
  { "sender-ip-reverse-lookup-rejected", P1 ("sender ip reverse lookup rejected"), /* reverse lookup */
    "550 5.7.1 Sender IP reverse lookup rejected" },
  { "gmail-forward-dns-not-sending-ip", P1 ("the corresponding forward dns entry does not point to the sending ip"), /* Gmail FCrDNS */
    "550-5.7.1 The corresponding forward DNS entry does not point to the sending IP." },
  { "no-reverse-dns-servers", P1 ("this system will not accept messages from servers/devices with no reverse dns"), /* sending IP without reverse DNS (rDNS) */
    "554 This system will not accept messages from servers/devices with no reverse DNS (PTR) record" },
  { "unresolvable-relay-host-name", P1 ("unresolvable relay host name"), /* relay hostname */
    "550 5.7.1 Unresolvable relay host name mail.example.org" },
  { "mailru-dynamic-or-generic-ptr", P1 ("we do not accept mail from hosts with dynamic ip or generic dns ptr-records"), /* mail.ru: sending IP without reverse DNS */
    "550 We do not accept mail from hosts with dynamic IP or generic DNS PTR-records" },
  { "does-not-have-a-ptr-record", P1 ("does not have a ptr record"), /* no PTR */
    "550 5.7.1 Your IP 192.0.2.2 does not have a PTR record" },
  { "microsoft-must-have-reverse-dns", P1 ("must have a reverse dns record"), /* Microsoft 5.7.25 IPv6 */
    "550 5.7.1 Service unavailable. Sending hosts over IPv6 must have a reverse DNS record." },
  { "reverse-dns-lookup-failed", P1 ("reverse dns lookup failed"), /* reverse DNS */
    "450 4.7.1 Reverse DNS lookup failed for 192.0.2.2" },
  { "no-reverse-dns", P1 ("no reverse dns"),                      /* reverse DNS */
    "550 5.7.1 Mail from hosts with no reverse DNS is not accepted" },
  { "helo-domain-mismatches-client-ip", P2 ("domain ", " mismatches client ip"), /* HELO/PTR mismatch */
    "550 5.7.1 HELO domain mail.example.org mismatches client IP 192.0.2.2" },
  { "dns-lookup-failure-try-later", P2 ("dns lookup failure: ", " try again later"), /* temporary PTR failure */
    "451 4.7.1 DNS lookup failure: 192.0.2.2, try again later" },
  { "reverse-lookup-failed-permanently", P2 ("reverse dns lookup for host ", " failed permanently"), /* reverse DNS */
    "550 5.7.1 Reverse DNS lookup for host 192.0.2.2 failed permanently" },
  { "invalid-rdns-record", P2 ("server access ", " forbidden by invalid rdns record of your mail server"), /* sending IP without reverse DNS (rDNS) */
    "554 Server access 192.0.2.2 forbidden by invalid RDNS record of your mail server" },
  { "unverifyable-sending-ips", P2 ("service permits ", " unverifyable sending ips"), /* unverifiable IP */
    "550 This service permits no unverifyable sending IPs" },
};

const BsPhraseGroup bs_phrases_requireptr = GROUP (REQUIREPTR, requireptr);

static const BsPhraseRow speeding_except[] = {
  { "except-connection-rate-limit", P1 ("connection rate limit"), /* Postfix anvil: connections, toomanyconn */
    "421 4.7.0 Connection rate limit exceeded" },
  { "except-too-many-connections", P1 ("too many connections"),   /* connections, toomanyconn */
    "421 4.7.0 Too many connections" },
  { "except-too-many-messages-on-server", P1 ("too many messages on the server"), /* a full mailbox, mailboxfull */
    "552 Too many messages on the server for this user" },
  { "except-too-many-messages-in", P1 ("too many messages in"),   /* a full mailbox or folder, mailboxfull */
    "552 5.2.2 Too many messages in the mailbox" },
  { "except-unusual-rate-unsolicited", P1 ("unusual rate of unsolicited mail"), /* Gmail 4.7.28/5.7.28: a block for spam volume, blocked */
    "421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address." },
};

static const BsPhraseRow speeding[] = {
  { "try-again-slower", P1 ("please try again slower"),           /* slow down */
    "421 4.7.0 Please try again slower" },
  { "microsoft-olc-some-messages-not-sent", P2 ("unfortunately, some messages from", "weren't sent"), /* Microsoft OLC RP-00x rate limits */
    "451 4.7.0 Unfortunately, some messages from [192.0.2.2] weren't sent. Please try again. (RP-001)" },
  { "gmail-receiving-rate", P1 ("receiving mail at a rate that prevents additional messages from being delivered"), /* Gmail receiving rate */
    "452-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered." },
  { "rate-limit-exceeded", P1 ("rate limit exceeded"),            /* "rate limit exceeded" */
    "421 4.7.0 Rate limit exceeded, try again later" },
  { "rate-limited", P1 ("rate limited"),                          /* "temporarily rate limited" */
    "421 4.7.0 Your IP is rate limited" },
  { "too-many-messages", P1 ("too many messages"),                /* volume limits */
    "421 4.7.0 Too many messages from your IP, try later" },
  { "sending-too-fast", P1 ("sending too fast"),                  /* slow down */
    "421 4.7.0 You are sending too fast, slow down" },
  { "deferred-unexpected-volume", P1 ("temporarily deferred due to unexpected volume"), /* volume (not complaints) */
    "421 4.7.0 [TSS04] Messages from 192.0.2.2 temporarily deferred due to unexpected volume" },
  { "yahoo-permanently-deferred", P1 ("will be permanently deferred"), /* Yahoo TSS09 */
    "421 4.7.0 [TSS09] All messages from 192.0.2.2 will be permanently deferred; Retrying will NOT succeed." },
  { "gmail-unusual-rate", P1 ("unusual rate of"),                 /* Gmail 4.7.28 unusual rate */
    "421-4.7.0 Our system has detected an unusual rate of mail originating from your IP address." },
  { "gmail-receiving-too-quickly", P1 ("is receiving mail too quickly"), /* Gmail 4.2.1 */
    "450-4.2.1 The user you are trying to contact is receiving mail too quickly." },
  { "godaddy-ib607-too-many-recipients", P1 ("too many to too many recipients this hour"), /* GoDaddy IB607 */
    "550 5.7.1 192.0.2.2 has sent too many to too many recipients this hour. IB607" },
  { "godaddy-ib607-sent-to-too-many", P1 ("sent to too many recipients this hour"), /* GoDaddy IB607 */
    "550 5.7.1 You have sent to too many recipients this hour. IB607" },
  { "icloud-deferred-excessive-volume", P1 ("deferred due to excessive volume"), /* iCloud 4.7.1 volume */
    "450 4.7.1 [CS02] Message deferred due to excessive volume." },
  { "cox-message-threshold-exceeded", P1 ("message threshold exceeded"), /* Cox rate */
    "421 4.7.0 Message threshold exceeded" },
};

const BsPhraseGroup bs_phrases_speeding = GROUP_EXCEPT (SPEEDING, speeding);

static const BsPhraseRow toomanyconn[] = {
  { "sendgrid-max-connection-limit", P1 ("all available ips are at maximum connection limit"), /* SendGrid: too many connections or recipients */
    "421 All available IPs are at maximum connection limit" },
  { "connection-rate-limit-exceeded", P1 ("connection rate limit exceeded"), /* Postfix anvil */
    "421 4.7.0 mx.example.net Error: too much mail from 192.0.2.2: connection rate limit exceeded" },
  { "per-domain-connection-limit", P1 ("exceeds per-domain connection limit for"), /* connection limit */
    "421 4.7.0 Connection refused: exceeds per-domain connection limit for example.org" },
  { "max-emails-per-hour", P1 ("has exceeded the max emails per hour "), /* hourly limit */
    "550 Domain example.org has exceeded the max emails per hour (100/100 (100%)) allowed." },
  { "ses-daily-quota-exceeded", P1 ("throttling failure: daily message quota exceeded"), /* Amazon SES */
    "454 Throttling failure: Daily message quota exceeded." },
  { "ses-maximum-sending-rate", P1 ("throttling failure: maximum sending rate exceeded"), /* Amazon SES */
    "454 Throttling failure: Maximum sending rate exceeded." },
  { "too-many-connections", P1 ("too many connections"),          /* connection limit */
    "421 4.7.0 Too many connections, try again later" },
  { "too-many-concurrent-connections", P1 ("too many concurrent smtp connections"), /* Microsoft: too many connections or recipients */
    "451 4.7.0 Too many concurrent SMTP connections from this IP address; please try again later." },
  { "free-too-many-errors", P1 ("too many errors from your ip"),  /* free.fr: too many connections or recipients */
    "421 Too many errors from your IP (192.0.2.2), please try later" },
  { "too-many-recipients", P1 ("too many recipients"),            /* NTT docomo / Mimecast */
    "452 4.5.3 Too many recipients" },
  { "sendmail-too-many-sessions", P1 ("too many smtp sessions for this host"), /* Sendmail: per-host session limit */
    "421 4.3.2 Too many SMTP sessions for this host" },
  { "orange-trop-de-connexions", P1 ("trop de connexions, "),     /* Orange: too many connections or recipients */
    "421 mwinf5c00 ME Trop de connexions, veuillez verifier votre configuration. OFR005_104 [104]" },
  { "numerous-attempts", P1 ("we have already made numerous attempts to deliver this message"), /* too many connections or recipients (attempts) */
    "451 We have already made numerous attempts to deliver this message" },
  { "too-many-sessions-from", P1 ("too many sessions from"),      /* Cox/GoDaddy sessions */
    "421 Too many sessions from 192.0.2.2" },
  { "godaddy-ib510-messages-per-session", P1 ("exceeded the max number of messages per session"), /* GoDaddy IB510 */
    "554 You have exceeded the max number of messages per session. IB510" },
  { "qq-connection-frequency-limited", P1 ("connection frequency limited"), /* QQ: too many connections or recipients */
    "421 Connection frequency limited." },
  { "qq-ip-frequency-limited", P1 ("ip frequency limited"),       /* QQ: too many connections or recipients */
    "450 Ip frequency limited." },
  { "qq-domain-frequency-limited", P1 ("domain frequency limited"), /* QQ: too many connections or recipients */
    "450 Domain frequency limited." },
  { "qq-sender-frequency-limited", P1 ("sender frequency limited"), /* QQ: too many connections or recipients */
    "450 Sender frequency limited." },
};

const BsPhraseGroup bs_phrases_toomanyconn = GROUP (TOOMANYCONN, toomanyconn);
