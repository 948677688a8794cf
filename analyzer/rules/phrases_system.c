/* phrases_system.c - what remote servers write about the systems on the
 * way: expiry, network, errors, relaying, security
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

static const BsPhraseRow expired[] = {
  { "connection-timed-out", P1 ("connection timed out"),          /* timeouts until the queue gave up */
    "421 4.4.7 example.com (smtp)... Deferred: Connection timed out with example.com" },
  { "no-gateway", P1 ("could not find a gateway for"),            /* no gateway */
    "4.4.7 Could not find a gateway for user@example.com" },
  { "delivery-attempts-will-continue", P1 ("delivery attempts will continue to be"), /* delay warnings */
    "4.4.7 Delivery attempts will continue to be made for 3 days" },
  { "delivery-time-expired", P1 ("delivery time expired"),        /* queue lifetime over */
    "4.4.7 Delivery time expired" },
  { "failed-to-deliver-to-domain", P1 ("failed to deliver to domain "), /* gave up on domain */
    "4.4.7 Failed to deliver to domain example.com within the time limit" },
  { "qmail-giving-up", P1 ("giving up on"),                       /* qmail: giving up */
    "4.4.7 I'm not going to try again; giving up on 192.0.2.25" },
  { "exim-failing-for-a-long-time", P1 ("have been failing for a long time"), /* Exim: retry time over */
    "4.4.7 all hosts for 'example.com' have been failing for a long time (and retry time not reached)" },
  { "has-been-delayed", P1 ("has been delayed"),                  /* delay notice */
    "4.4.7 Your message to user@example.com has been delayed" },
  { "not-collected", P1 ("it has not been collected after"),      /* not collected */
    "4.4.7 It has not been collected after 5 days" },
  { "expired-after-sitting-in-queue", P1 ("message expired after sitting in queue for"), /* queue expiry */
    "4.4.7 Message expired after sitting in queue for 5 days" },
  { "expired-connection-refulsed", P1 ("message expired, connection refulsed"), /* queue expiry (sic) */
    "4.4.7 Message expired, connection refulsed" },
  { "message-timed-out", P1 ("message timed out"),                /* message timed out */
    "4.4.7 Message timed out" },
  { "exim-retry-time-not-reached", P1 ("retry time not reached for any host after a long failure period"), /* Exim: queue lifetime over */
    "4.4.7 retry time not reached for any host after a long failure period" },
  { "server-did-not-respond", P1 ("server did not respond"),      /* no answer */
    "4.4.7 The server did not respond" },
  { "qmail-queue-too-long", P1 ("this message has been in the queue too long"), /* qmail: queue lifetime over */
    "4.4.7 I'm not going to try again; this message has been in the queue too long." },
  { "multiple-retries", P1 ("unable to deliver message after multiple retries"), /* retries over */
    "4.4.7 Unable to deliver message after multiple retries" },
  { "not-reachable-in-queue-period", P1 ("was not reachable within the allowed queue period"), /* queue period */
    "4.4.7 The mail server was not reachable within the allowed queue period" },
  { "could-not-be-delivered-for-more-than", P1 ("your message could not be delivered for more than"), /* queue lifetime over (expiry) */
    "4.4.7 Your message could not be delivered for more than 5 days" },
  { "message-expired", P1 ("message expired"),                    /* Microsoft/WorkMail: message expired */
    "4.4.7 Message expired" },
  { "opensmtpd-envelope-expired", P1 ("envelope expired"),        /* OpenSMTPD: queue lifetime over */
    "4.4.7 Envelope expired" },
  { "retry-timeout-exceeded", P1 ("retry timeout exceeded"),      /* Exim/GMX: retry timeout */
    "4.4.7 retry timeout exceeded" },
  { "queue-expired", P1 ("queue expired"),                        /* queue expired */
    "4.4.7 Queue expired" },
};

const BsPhraseGroup bs_phrases_expired = GROUP (EXPIRED, expired);

static const BsPhraseRow networkerror[] = {
  { "could-not-connect-and-send", P1 ("could not connect and send the mail to"), /* connection failed */
    "4.4.1 Could not connect and send the mail to mx.example.com" },
  { "exchange-dns-records-not-found", P1 ("dns records for the destination computer could not be found"), /* Exchange DNS */
    "5.4.4 DNS records for the destination computer could not be found" },
  { "hop-count-exceeded", P1 ("hop count exceeded - possible mail loop"), /* network or DNS error (loop) */
    "5.4.6 Hop count exceeded - possible mail loop" },
  { "host-is-unreachable", P1 ("host is unreachable"),            /* network or DNS error (unreachable) */
    "4.4.1 Host is unreachable" },
  { "host-name-lookup-failure", P1 ("host name lookup failure"),  /* network or DNS error (DNS) */
    "4.4.3 Host name lookup failure" },
  { "host-not-found-try-again", P1 ("host not found, try again"), /* network or DNS error (DNS) */
    "4.4.3 Host not found, try again" },
  { "postfix-mail-forwarding-loop", P1 ("mail forwarding loop for "), /* Postfix loop */
    "5.4.6 mail forwarding loop for user@example.com" },
  { "malformed-name-server-reply", P1 ("malformed name server reply"), /* network or DNS error (DNS) */
    "4.4.3 Malformed name server reply" },
  { "malformed-or-unexpected-reply", P1 ("malformed or unexpected name server reply"), /* network or DNS error (DNS) */
    "4.4.3 Malformed or unexpected name server reply" },
  { "maximum-forwarding-loop-count", P1 ("maximum forwarding loop count exceeded"), /* network or DNS error (loop) */
    "5.4.6 Maximum forwarding loop count exceeded" },
  { "message-looping", P1 ("message looping"),                    /* network or DNS error (loop) */
    "5.4.6 Message looping" },
  { "probably-in-a-routing-loop", P1 ("message probably in a routing loop"), /* network or DNS error (loop) */
    "5.4.6 Message probably in a routing loop" },
  { "no-route-to-host", P1 ("no route to host"),                  /* network or DNS error (routing) */
    "4.4.1 No route to host" },
  { "too-many-hops", P1 ("too many hops"),                        /* network or DNS error (loop) */
    "5.4.6 Too many hops" },
  { "unable-to-resolve-route", P1 ("unable to resolve route "),   /* network or DNS error (routing) */
    "5.4.4 Unable to resolve route example.com" },
  { "unrouteable-mail-domain", P1 ("unrouteable mail domain"),    /* network or DNS error (routing) */
    "5.4.4 Unrouteable mail domain example.com" },
  { "opensmtpd-network-error-on-mxs", P1 ("network error on destination mxs"), /* OpenSMTPD: network or DNS error */
    "4.4.1 Network error on destination MXs" },
  { "no-smtp-connection", P1 ("wasn't able to establish an smtp connection"), /* qmail: network or DNS error */
    "4.4.1 I wasn't able to establish an SMTP connection" },
  { "mimecast-mail-loop-detected", P1 ("mail loop detected"),     /* Mimecast loop */
    "5.4.6 Mail loop detected" },
  { "microsoft-routing-loop-detected", P1 ("routing loop detected"), /* Microsoft loop */
    "5.4.6 Routing loop detected" },
};

const BsPhraseGroup bs_phrases_networkerror = GROUP (NETWORKERROR, networkerror);

static const BsPhraseRow systemerror[] = {
  { "aliasing-loop-broken", P1 ("aliasing/forwarding loop broken"), /* the receiving system failed (loop) */
    "554 5.3.0 Aliasing/forwarding loop broken" },
  { "cannot-create-output-file", P1 ("can't create user output file"), /* mailbox file */
    "554 5.3.0 Can't create user output file" },
  { "microsoft-could-not-load-drd", P1 ("could not load drd for domain"), /* Microsoft: the receiving system failed */
    "451 4.3.0 Could not load DRD for domain example.com" },
  { "microsoft-internal-error-reading", P1 ("internal error reading data"), /* Microsoft: the receiving system failed */
    "451 4.3.0 Internal error reading data" },
  { "microsoft-operation-in-progress", P1 ("internal server error: operation now in progress"), /* Microsoft: the receiving system failed */
    "451 4.3.0 Internal server error: Operation now in progress" },
  { "interrupted-system-call", P1 ("interrupted system call"),    /* the receiving system failed */
    "451 4.3.0 Interrupted system call" },
  { "error-while-processed", P1 ("it encountered an error while being processed"), /* the receiving system failed */
    "554 5.3.0 It encountered an error while being processed" },
  { "would-create-a-mail-loop", P1 ("it would create a mail loop"), /* the receiving system failed (loop) */
    "554 5.3.0 It would create a mail loop" },
  { "local-configuration-error", P1 ("local configuration error"), /* the receiving system failed (configuration) */
    "451 4.3.0 Local configuration error" },
  { "local-error-in-processing", P1 ("local error in processing"), /* local error */
    "451 4.3.0 Requested action aborted: local error in processing" },
  { "loop-in-mail-exchanger", P1 ("loop was found in the mail exchanger"), /* MX loop */
    "554 5.3.0 A loop was found in the mail exchanger" },
  { "loops-back-to-myself", P1 ("loops back to myself"),          /* MX loop */
    "554 5.3.0 mail for example.com loops back to myself" },
  { "queue-file-write-error", P1 ("queue file write error"),      /* the receiving system failed (queue) */
    "451 4.3.0 Queue file write error" },
  { "mail-system-configuration-error", P1 ("mail system configuration error"), /* the receiving system failed (configuration) */
    "451 4.3.0 Mail system configuration error" },
  { "remote-server-misconfigured", P1 ("remote server is misconfigured"), /* the receiving system failed (configuration) */
    "451 4.3.0 Remote server is misconfigured" },
  { "server-configuration-error", P1 ("server configuration error"), /* the receiving system failed (configuration) */
    "451 4.3.0 Server configuration error" },
  { "service-currently-unavailable", P1 ("service currently unavailable"), /* the receiving system failed (service) */
    "451 4.3.0 Service currently unavailable" },
  { "system-config-error", P1 ("system config error"),            /* the receiving system failed (configuration) */
    "451 4.3.0 System config error" },
  { "temporary-local-problem", P1 ("temporary local problem"),    /* local problem */
    "451 4.3.0 Temporary local problem - please try later" },
  { "timeout-waiting-for-input", P1 ("timeout waiting for input"), /* the receiving system failed (timeout) */
    "451 4.3.0 Timeout waiting for input" },
  { "transaction-failed", P1 ("transaction failed"),              /* the receiving system failed (transaction) */
    "554 5.3.0 Transaction failed" },
  { "gmail-temporary-system-problem", P1 ("temporary system problem"), /* Gmail 4.3.0 */
    "421 4.3.0 Temporary System Problem. Try again later." },
  { "server-busy", P1 ("server busy"),                            /* the receiving system failed (busy) */
    "421 4.3.0 Server busy, try again later" },
  { "sendmail-insufficient-permission", P1 ("insufficient permission"), /* Sendmail permission */
    "554 5.3.0 Insufficient permission" },
};

const BsPhraseGroup bs_phrases_systemerror = GROUP (SYSTEMERROR, systemerror);

static const BsPhraseRow systemfull[] = {
  { "mail-system-full", P1 ("mail system full"),                  /* spool full */
    "452 Mail system full" },
  { "exceeded-storage-allocation", P1 ("requested mail action aborted: exceeded storage allocation"), /* Exchange: the receiving system is out of space */
    "452 Requested mail action aborted: exceeded storage allocation; sending quota exceeded" },
  { "not-enough-free-space", P1 ("mailbox unavailable (not enough free space)"), /* qmail: the receiving system is out of space */
    "host mx.example.com[192.0.2.25] said: 452 Mailbox unavailable (not enough free space) (in reply to MAIL FROM command)" },
  { "microsoft-insufficient-resources", P1 ("insufficient system resources"), /* Microsoft 4.3.1 */
    "452 Insufficient system resources" },
  { "insufficient-system-storage", P1 ("insufficient system storage"), /* 452 4.3.1 */
    "452 Insufficient system storage" },
};

const BsPhraseGroup bs_phrases_systemfull = GROUP (SYSTEMFULL, systemfull);

static const BsPhraseRow mailererror[] = {
  { "procmail", P1 ("procmail: "),                                /* procmail: local delivery program failed */
    "procmail: Couldn't create \"/var/mail/user\"" },
  { "bin-procmail", P1 ("bin/procmail"),                          /* procmail: local delivery program failed */
    "mail forwarding to |/usr/bin/procmail failed" },
  { "bin-maildrop", P1 ("bin/maildrop"),                          /* local delivery program failed (maildrop) */
    "delivery to |/usr/bin/maildrop -d user failed" },
  { "command-failed", P1 ("command failed: "),                    /* a delivery command failed */
    "Command failed: /usr/local/bin/deliver" },
  { "command-died-with-status", P1 ("command died with status "), /* a delivery command died */
    "Command died with status 1: \"/usr/local/bin/deliver\"" },
  { "command-output", P1 ("command output:"),                     /* a delivery command said */
    "Command output: deliver: cannot open the mailbox" },
  { "exit-1", P1 ("exit 1"),                                      /* a delivery command exited */
    "The delivery program said: exit 1" },
  { "exit-7", P1 ("exit 7"),                                      /* a delivery command exited */
    "The delivery program said: exit 7" },
  { "mailer-error", P1 ("mailer error"),                          /* mailer error */
    "Mailer error: the local delivery program failed" },
  { "pipe-to-program", P1 ("pipe to |/"),                         /* pipe delivery */
    "pipe to |/usr/local/bin/deliver failed" },
  { "x-unix", P1 ("x-unix; "),                                    /* X-Unix; 127 */
    "X-Unix; 127" },
};

const BsPhraseGroup bs_phrases_mailererror = GROUP (MAILERERROR, mailererror);

static const BsPhraseRow securityerror[] = {
  { "ses-account-not-subscribed", P1 ("account not subscribed to ses"), /* Amazon SES */
    "554 5.7.1 Account not subscribed to SES" },
  { "authentication-credentials-invalid", P1 ("authentication credentials invalid"), /* SMTP AUTH */
    "535 5.7.1 Authentication credentials invalid" },
  { "authentication-failure", P1 ("authentication failure"),      /* SMTP AUTH */
    "535 5.7.1 Authentication failure" },
  { "postfix-authentication-failed", P2 ("authentication failed; server ", " said:"), /* Postfix SMTP AUTH */
    "SASL authentication failed; server mail.example.net[192.0.2.25] said: 535 5.7.1 Error: bad credentials" },
  { "authentication-required", P1 ("authentication required"),    /* SMTP AUTH */
    "530 5.7.1 Authentication required" },
  { "authentication-in-email-client", P1 ("authentication turned on in your email client"), /* SMTP AUTH */
    "550 5.7.1 Please make sure you have SMTP authentication turned on in your email client." },
  { "laposte-authentification-requise", P2 ("authentification requise", "402"), /* La Poste 402 */
    "550 5.7.1 Authentification requise. LPN007_402" },
  { "orange-authentification-invalide", P2 ("authentification invalide", "305"), /* Orange 305 */
    "535 5.7.1 Authentification invalide. Invalid authentication. OFR004_305" },
  { "dead-domain", P2 ("domain ", " is a dead domain"),           /* dead domain */
    "550 5.7.1 Domain example.com is a dead domain" },
  { "executables-in-compressed-files", P1 ("executable files are not allowed in compressed files"), /* authentication or TLS required (attachments) */
    "552 5.7.1 Executable files are not allowed in compressed files." },
  { "recipient-access-denied", P1 ("recipient address rejected: access denied"), /* Microsoft 5.4.1 */
    "550 5.7.1 <info@example.org>: Recipient address rejected: Access denied (in reply to MAIL FROM command)" },
  { "qmail-dont-authenticate", P1 ("sorry, you don't authenticate or the domain isn't in my list of allowed rcpthosts"), /* qmail: authentication or TLS required */
    "553 sorry, you don't authenticate or the domain isn't in my list of allowed rcpthosts (#5.7.1)" },
  { "qmail-dont-authenticate-no-apostrophe", P1 ("sorry, you dont authenticate or the domain isnt in my list of allowed rcpthosts"), /* qmail: authentication or TLS required */
    "553 sorry, you dont authenticate or the domain isnt in my list of allowed rcpthosts (#5.7.1)" },
  { "sendgrid-tls-required", P1 ("tls required but not supported"), /* SendGrid TLS */
    "550 5.7.1 TLS required but not supported" },
  { "unauthenticated-senders", P1 ("unauthenticated senders not allowed"), /* SMTP AUTH */
    "550 5.7.1 Unauthenticated senders not allowed" },
  { "ses-not-authorized-sendrawemail", P2 ("user ", " is not authorized to perform ses:sendrawemail on resource"), /* Amazon SES IAM */
    "554 5.7.1 User arn:aws:iam::123456789012:user/mailer is not authorized to perform ses:SendRawEmail on resource arn:aws:ses:us-east-1:123456789012:identity/example.org" },
  { "not-authorized-authentication-required", P1 ("you are not authorized to send mail, authentication is required"), /* SMTP AUTH */
    "550 5.7.1 You are not authorized to send mail, authentication is required" },
  { "verification-failure", P1 ("verification failure"),          /* authentication or TLS required (verification) */
    "550 5.7.1 Verification failure" },
  { "messagelabs-turn-on-smtp-auth", P1 ("please turn on smtp authentication in your mail client"), /* MessageLabs: authentication or TLS required */
    "553 5.7.1 Please turn on SMTP Authentication in your mail client." },
  { "exchange-authrequired", P1 ("resolver.rst.authrequired"),    /* Exchange: authentication or TLS required */
    "530 5.7.1 RESOLVER.RST.AuthRequired; sender not authenticated" },
  { "mimecast-route-requires-encryption", P1 ("this route requires encryption"), /* Mimecast TLS */
    "550 5.7.1 This route requires encryption" },
  { "must-issue-starttls", P1 ("must issue a starttls command first"), /* TLS required */
    "530 5.7.1 Must issue a STARTTLS command first" },
};

const BsPhraseGroup bs_phrases_securityerror = GROUP (SECURITYERROR, securityerror);

static const BsPhraseRow norelaying[] = {
  { "as-a-relay", P1 ("as a relay"),                              /* not a relay */
    "550 5.7.1 Unable to relay: this host is not configured as a relay" },
  { "insecure-mail-relay", P1 ("insecure mail relay"),            /* relaying denied */
    "550 5.7.1 Insecure mail relay" },
  { "relay-without-authentication", P1 ("is not permitted to relay through this server without authentication"), /* relay auth */
    "550 5.7.1 user@example.com is not permitted to relay through this server without authentication." },
  { "mailenable-requires-authentication", P1 ("mail server requires authentication when attempting to send to a non-local e-mail address"), /* MailEnable: relaying denied */
    "550 5.7.1 This mail server requires authentication when attempting to send to a non-local e-mail address." },
  { "not-a-gateway", P1 ("not a gateway"),                        /* not a gateway */
    "550 5.7.1 not a gateway" },
  { "not-allowed-to-relay", P1 ("not allowed to relay through this machine"), /* relaying denied */
    "550 5.7.1 We are not allowed to relay through this machine" },
  { "not-an-open-relay", P1 ("not an open relay, so get lost"),   /* relaying denied */
    "550 5.7.1 This is not an open relay, so get lost" },
  { "not-local-host", P1 ("not local host"),                      /* relaying denied */
    "550 5.7.1 example.com: not local host example.com" },
  { "relay-access-denied", P1 ("relay access denied"),            /* Postfix relay */
    "554 5.7.1 <user@example.com>: Relay access denied" },
  { "relay-denied", P1 ("relay denied"),                          /* relaying denied */
    "550 5.7.1 Relay denied" },
  { "relaying-mail-to", P1 ("relaying mail to "),                 /* relaying denied */
    "550 5.7.1 Relaying mail to example.com is not allowed" },
  { "relay-not-permitted", P1 ("relay not permitted"),            /* relaying denied */
    "550 5.7.1 Relay not permitted" },
  { "sendmail-relaying-denied", P1 ("relaying denied"),           /* Sendmail relay */
    "550 5.7.1 <user@example.com>... Relaying denied" },
  { "qmail-not-in-rcpthost", P1 ("that domain isn't in my list of allowed rcpthost"), /* qmail rcpthosts */
    "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)" },
  { "not-configured-to-relay", P1 ("this system is not configured to relay mail"), /* relaying denied */
    "550 5.7.1 This system is not configured to relay mail" },
  { "unable-to-relay-for", P1 ("unable to relay for"),            /* relaying denied */
    "550 5.7.1 Unable to relay for user@example.com" },
  { "we-dont-handle-mail-for", P1 ("we don't handle mail for"),   /* relaying denied */
    "550 5.7.1 We don't handle mail for example.com" },
  { "ses-email-not-verified", P1 ("email address is not verified"), /* Amazon SES: unverified sender identity */
    "554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: info@example.org" },
  { "mimecast-open-relay-not-allowed", P1 ("open relay not allowed"), /* Mimecast: relaying denied */
    "550 5.7.1 Open relay not allowed" },
  { "exchange-unable-to-relay", P1 ("unable to relay"),           /* Exchange relay */
    "550 5.7.1 Unable to relay" },
};

const BsPhraseGroup bs_phrases_norelaying = GROUP (NORELAYING, norelaying);
