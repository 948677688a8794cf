/* phrases.c - what remote servers write, per bounce reason
 *
 * One array per reason, after Sisimai 4.25's Reason/<Name>.pm phrase lists
 * (BSD-2-Clause, azumakuniyuki), regular expressions turned into ordered
 * pieces, with Sisimai 5's reasons (authfailure, badreputation, requireptr,
 * notcompliantrfc, speeding) split out of blocked, policyviolation and
 * toomanyconn the way Sisimai 5 did, and phrases from providers' public
 * documentation (../shared/reference/field-notes.md).  Everything is lower
 * case; a row's pieces must appear in order.  The order in which groups are
 * tried is classify.c's business, not this file's.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "rules.h"

#define P1(a) { { (a), NULL, NULL } }
#define P2(a, b) { { (a), (b), NULL } }
#define P3(a, b, c) { { (a), (b), (c) } }

static const BsPhrase authfailure[] = {
  P1 ("//spf.pobox.com"),                                   /* SPF failure pointing at pobox's SPF page */
  P1 ("bad spf records for"),                               /* Exim: SPF record of the sender is broken */
  P1 ("dmarc policy"),                                      /* Gmail/iCloud/Zoho/Microsoft: DMARC reject */
  P1 ("dmarc verification"),                                /* Microsoft 5.7.509: does not pass DMARC */
  P1 ("dmarc check failed"),                                /* Tencent QQ: DMARC failure */
  P1 ("please inspect your spf settings"),                  /* GoDaddy IB508: invalid SPF */
  P1 ("sender policy framework (spf) fail"),                /* SPF hard fail */
  P1 ("sender policy framework violation"),                 /* Microsoft 5.7.23 */
  P1 ("spf (sender policy framework) domain authentication fail"), /* SPF domain check */
  P1 ("spf check: fail"),                                   /* SPF check failed */
  P1 ("spf check failed"),                                  /* Tencent QQ: SPF failure */
  P1 ("spf validation failed"),                             /* RFC 7372 5.7.23 wording */
  P1 ("spf sender invalid"),                                /* Mimecast: SPF sender invalid */
  P1 ("dkim sender invalid"),                               /* Mimecast: DKIM key broken */
  P1 ("dmarc sender invalid"),                              /* Mimecast: DMARC failure */
  P1 ("fails to pass authentication checks"),               /* Gmail 5.7.26: no SPF/DKIM pass */
  P1 ("does not have authentication information"),          /* Gmail: unauthenticated message */
  P1 ("fails to pass spf checks"),                          /* Gmail: SPF hard fail policy */
  P1 ("the sender is unauthenticated"),                     /* Gmail/Yahoo: neither SPF nor DKIM */
  P1 ("this mail is unauthenticated"),                      /* Gmail 5.7.26: neither SPF nor DKIM */
  P1 ("requires all senders to authenticate with either spf or dkim"), /* Gmail/Yahoo 5.7.26/5.7.9 */
  P1 ("must pass either spf or dkim validation"),           /* Microsoft 4.7.26 on IPv6 */
  P1 ("multiple authentication checks failed"),             /* RFC 7372 5.7.26 wording */
  P1 ("unauthenticated email from"),                        /* Gmail: DMARC rejection of a domain */
  P1 ("dkim signature"),                                    /* DKIM missing/invalid (5.7.20-22) */
  P1 ("failing both spf and dkim"),                         /* iCloud HME1 */
  P1 ("is not aligned with"),                               /* Gmail 4.7.32: From not aligned */
  P2 (" is not allowed to send mail.", "_401"),             /* La Poste LPN004_401 SPF */
  P2 ("is not allowed to send from <", " per it's spf record"), /* SPF reject naming the sender */
};

static const BsPhrase badreputation[] = {
  P1 ("has been temporarily rate limited due to ip reputation"), /* Microsoft 4.7.650 (S775/S3113) */
  P1 ("ip/domain reputation problems"),                     /* reputation problems of IP or domain */
  P1 ("likely suspicious due to the very low reputation"),  /* Gmail 5.7.1 low IP reputation */
  P1 ("very low reputation of the sending"),                /* Gmail 4.7.0/5.7.1 IP or domain reputation */
  P1 ("temporarily deferred due to unexpected volume or user complaints"), /* Yahoo TSS04 */
  P1 ("the sending mta's poor reputation"),                 /* Cisco IronPort/GoDaddy: poor reputation */
  P1 ("rejected due to a poor email reputation score"),     /* poor sender reputation score */
  P1 ("has a poor reputation on"),                          /* GoDaddy IB103: poor Cloudmark reputation */
  P1 ("poor reputation"),                                   /* any "poor reputation" refusal */
  P1 ("bad reputation"),                                    /* any "bad reputation" refusal */
  P1 ("low reputation"),                                    /* any "low reputation" refusal */
  P1 ("ip reputation"),                                     /* "IP reputation" throttling or refusal */
  P1 ("sender reputation"),                                 /* "sender reputation" refusal */
  P2 ("messages from ", " temporarily deferred due to user complaints"), /* Yahoo: complaints */
  P1 ("deferred due to excessive user complaints"),         /* Yahoo TS01: complaints */
};

static const BsPhrase blocked_except[] = {
  P1 ("not listed in"),                                     /* directory lookups: "user not listed in ..." */
};

static const BsPhrase blocked[] = {
  P1 (" said: 550 blocked"),                                /* bare "550 blocked" */
  P3 ("(", "@", ":blocked)"),                               /* "(addr:blocked)" refusals */
  P2 ("access from ip address ", " blocked"),               /* IP named as blocked */
  P1 ("banned sending ip"),                                 /* Microsoft 5.7.606-649 */
  P1 ("banned sender["),                                    /* Microsoft 5.7.511 */
  P1 ("blacklisted by"),                                    /* "blacklisted by <list>" */
  P1 ("blocked - see http"),                                /* Proofpoint/SpamCop "Blocked - see URL" */
  P1 ("refused - see http"),                                /* "Refused - see URL" */
  P1 ("blocked using "),                                    /* Postfix reject_rbl_client */
  P1 ("blocked by rbl"),                                    /* junkemailfilter: blocked by RBL */
  P1 ("//dsbl.org"),                                        /* DSBL (closed IP list) lookup link */
  P2 ("client host ", " blocked using"),                    /* Postfix DNSBL refusal */
  P1 ("client host rejected: abus detecte gu_eib_02"),      /* SFR: sending IP or host refused */
  P1 ("client host rejected: abus detecte gu_eib_04"),      /* SFR: sending IP or host refused */
  P1 ("client host rejected: may not be mail exchanger"),   /* host is not an MX */
  P1 ("client host rejected: was not authenticated"),       /* Microsoft: sending IP or host refused */
  P1 ("client host rejected: access denied"),               /* Postfix check_client_access: the sending host refused */
  P1 ("client host blocked"),                               /* Orange: client host blocked for spamming */
  P1 ("confirm this mail server"),                          /* server must be confirmed */
  P1 ("connection dropped"),                                /* connection dropped at once */
  P1 ("connection refused by"),                             /* connection refused by peer */
  P1 ("connection reset by peer"),                          /* connection reset */
  P1 ("connection was dropped by remote host"),             /* connection dropped */
  P1 ("connections not accepted from ip addresses on spamhaus xbl"), /* Yahoo BL23 */
  P2 ("connections will not be accepted from ", "because the ip is in spamhaus's list"), /* Yahoo BL21 */
  P1 ("currently sending spam see: "),                      /* IP sending spam */
  P1 ("domain does not exist:"),                            /* HELO domain does not exist */
  P2 ("dnsbl:", " is_blocked"),                             /* DNSBL refusal */
  P1 ("dnsbl:attrbl"),                                      /* DNSBL refusal */
  P1 ("dynamic/zombied/spam ips blocked"),                  /* dynamic IP ranges */
  P2 ("email blocked by ", ".barracudacentral.org"),        /* Barracuda: sending IP or host refused */
  P2 ("email blocked by ", "spamhaus"),                     /* Spamhaus: sending IP or host refused */
  P1 ("error: no valid recipients from "),                  /* refused at connection */
  P1 ("esmtp not accepting connections"),                   /* iCloud: sending IP or host refused */
  P1 ("extreme bad ip profile"),                            /* IP profile */
  P1 ("go away"),                                           /* blunt refusal */
  P1 ("helo command rejected:"),                            /* HELO refused */
  P3 ("host ", " refused to talk to me: ", " blocked"),     /* Sendmail: refused to talk, blocked */
  P1 ("host network not allowed"),                          /* Mimecast geographic policy */
  P1 ("hosts with dynamic ip"),                             /* dynamic IP ranges */
  P1 ("invalid ip for sending mail of domain"),             /* IP not allowed for the domain */
  P2 ("ip ", " is blocked by earthlink"),                    /* Earthlink: sending IP or host refused */
  P1 ("is in a black list"),                                /* "is in a black list" */
  P2 ("is in an ", "rbl on "),                              /* RBL: sending IP or host refused */
  P1 ("is listed in"),                                      /* "IP is listed in <list>" */
  P1 (" listed in "),                                       /* "203.0.113.5 listed in bl.example" */
  P1 (" listed by "),                                       /* "listed by <list>" */
  P1 ("listed at spamhaus"),                                /* Spamhaus listing */
  P2 ("listed", "spamhaus"),                                /* "is listed on the Spamhaus PBL" */
  P1 ("in the spamhaus pbl"),                               /* Facebook POL-P1: PBL */
  P1 ("is not allowed to send mail from"),                  /* IP not allowed */
  P2 ("mail server at ", " is blocked"),                     /* mail server blocked */
  P2 ("mail from ", " refused:"),                           /* IP refused */
  P2 ("message from ", " rejected based on blacklist"),     /* sending IP or host refused (blacklist) */
  P1 ("message was rejected for possible spam/virus content"), /* possible spam */
  P1 ("no access from mail server"),                        /* server refused */
  P1 ("not currently accepting mail from your ip"),         /* Microsoft: sending IP or host refused */
  P1 ("part of their network is on our block list"),        /* Microsoft OLC S3150/S3140 */
  P2 ("unfortunately, messages from", "weren't sent"),      /* Microsoft OLC SC-00x, DY-00x, OU-00x */
  P1 ("please use the smtp server of your isp"),            /* direct-to-MX from an end-user range */
  P1 ("rejected - multi-blacklist"),                        /* sending IP or host refused (junkemailfilter) */
  P1 ("rejected because the sending mta or the sender has not passed validation"), /* sending IP or host refused (validation) */
  P1 ("rejecting open proxy"),                              /* Sendmail srvrsmtp.c */
  P1 ("sender ip address rejected"),                        /* IP rejected */
  P1 ("server access forbidden by your ip"),            /* IP forbidden */
  P2 ("server ip ", " listed as abusive"),                  /* abusive IP */
  P1 ("service not available, closing transmission channel"), /* 421 at connection */
  P1 ("smtp error from remote mail server after initial connection:"), /* Exim: refused at banner */
  P1 ("sorry, that domain isn't in my list of allowed rcpthosts"), /* qmail rcpthosts */
  P1 ("sorry, your remotehost looks suspiciously like spammer"), /* spammer-like host */
  P2 ("the ", " is blacklisted"),                           /* the email/domain/IP is blacklisted */
  P1 ("to submit messages to this e-mail system has been rejected"), /* submission refused */
  P1 ("too many spams from your ip"),                       /* free.fr: sending IP or host refused */
  P1 ("too many unwanted messages have been sent from the following ip address above"), /* spam volume */
  P1 ("was blocked by "),                                   /* "was blocked by <list>" */
  P1 ("we do not accept mail from dynamic ips"),            /* mail.ru: dynamic IP */
  P1 ("you are not allowed to connect"),                    /* connection refused */
  P1 ("you are sending spam"),                              /* spam source */
  P1 ("your network is temporary blacklisted"),             /* temporary blacklist */
  P1 ("your server requires confirmation"),                 /* confirmation required */
  P2 ("your sender's ip address is listed at ", ".abuseat.org"), /* CBL: sending IP or host refused */
  P2 ("veuillez essayer plus tard. service refused, please try later. ", "103"), /* Orange 103 */
  P2 ("veuillez essayer plus tard. service refused, please try later. ", "510"), /* Orange 510 */
  P1 ("blocklist"),                                         /* any "blocklist" refusal */
  P1 ("block list"),                                        /* any "block list" refusal */
  P1 ("blacklist"),                                         /* any "blacklist" refusal */
  P1 ("dnsbl"),                                             /* any DNSBL refusal */
  P1 ("access denied, please try again later"),             /* Microsoft 4.7.500-699 */
  P1 ("access denied, rejected by recipient"),              /* Microsoft 5.7.507 */
  P1 ("access denied, bad helo"),                           /* Microsoft 5.7.506 */
  P1 ("not authorized to send email directly to our servers"), /* Gmail: use the ISP's relay */
  P1 ("ip not in whitelist for rcpt domain"),               /* Google Workspace inbound allow list */
  P1 ("unusual rate of unsolicited mail originating from your ip"), /* Gmail 4.7.28/5.7.28: the IP (or netblock) blocked */
  P1 ("due to listing in"),                                 /* iCloud "rejected due to listing in Spamhaus SBL" */
  P1 ("spamhaus"),                                          /* any refusal naming Spamhaus (ZEN, SBL, XBL, PBL) */
};

static const BsPhrase contenterror[] = {
  P1 ("header size exceeds maximum permitted"),             /* header too large */
  P1 ("improper use of 8-bit data in message header"),      /* 8-bit header */
  P1 ("message header size, or recipient list, exceeds policy limit"), /* header limit */
  P1 ("message mime complexity exceeds the policy maximum"), /* MIME complexity */
  P1 ("routing loop detected -- too many received: headers"), /* Received loop */
  P1 ("this message contain invalid mime headers"),         /* invalid MIME headers */
  P1 ("this message contain improperly-formatted binary content"), /* binary content */
  P1 ("this message contain text that uses unnecessary base64 encoding"), /* base64 text */
  P1 ("mail message is malformed"),                         /* Gmail 5.6.0 malformed */
  P1 ("invalid characters"),                                /* Microsoft 5.6.11 */
};

static const BsPhrase exceedlimit[] = {
  P1 ("message header size exceeds limit"),                 /* header size limit */
  P1 ("message too large"),                                 /* size limit of the recipient */
  P1 ("message length exceeds limit set by recipient"),     /* Amazon SES receiving 5.2.3 */
  P1 ("exceeded google's message size limits"),             /* Gmail 5.2.3 */
};

static const BsPhrase expired[] = {
  P1 ("connection timed out"),                              /* timeouts until the queue gave up */
  P1 ("could not find a gateway for"),                      /* no gateway */
  P1 ("delivery attempts will continue to be"),             /* delay warnings */
  P1 ("delivery time expired"),                             /* queue lifetime over */
  P1 ("failed to deliver to domain "),                      /* gave up on domain */
  P1 ("giving up on"),                                      /* qmail: giving up */
  P1 ("have been failing for a long time"),                 /* Exim: retry time over */
  P1 ("has been delayed"),                                  /* delay notice */
  P1 ("it has not been collected after"),                   /* not collected */
  P1 ("message expired after sitting in queue for"),        /* queue expiry */
  P1 ("message expired, connection refulsed"),              /* queue expiry (sic) */
  P1 ("message timed out"),                                 /* message timed out */
  P1 ("retry time not reached for any host after a long failure period"), /* Exim: queue lifetime over */
  P1 ("server did not respond"),                            /* no answer */
  P1 ("this message has been in the queue too long"),       /* qmail: queue lifetime over */
  P1 ("unable to deliver message after multiple retries"),  /* retries over */
  P1 ("was not reachable within the allowed queue period"), /* queue period */
  P1 ("your message could not be delivered for more than"), /* queue lifetime over (expiry) */
  P1 ("message expired"),                                   /* Microsoft/WorkMail: message expired */
  P1 ("envelope expired"),                                  /* OpenSMTPD: queue lifetime over */
  P1 ("retry timeout exceeded"),                            /* Exim/GMX: retry timeout */
  P1 ("queue expired"),                                     /* queue expired */
};

static const BsPhrase filtered[] = {
  P1 ("because the recipient is only accepting mail from specific email addresses"), /* AOL Phoenix */
  P1 ("bounced address"),                                   /* SendGrid: address bounced before */
  P1 ("due to extended inactivity new mail is not currently being accepted for this mailbox"), /* the recipient's filter refused it (inactive) */
  P1 ("has restricted sms e-mail"),                         /* AT&T: the recipient's filter refused it */
  P1 ("is not accepting any mail"),                         /* mailbox accepts no mail */
  P1 ("message rejected due to user rules"),                /* recipient's rules */
  P1 ("not found recipient account"),                       /* recipient filter */
  P1 ("refused due to recipient preferences"),              /* Facebook: the recipient's filter refused it */
  P1 ("resolver.rst.notauthorized"),                        /* Microsoft Exchange */
  P1 ("this account is protected by"),                      /* protected account */
  P1 ("user not found"),                                    /* filter on mail.ru */
  P1 ("user reject"),                                       /* recipient rejects */
  P1 ("we failed to deliver mail because the following address recipient id refuse to receive mail"), /* Willcom: the recipient's filter refused it */
  P1 ("you have been blocked by the recipient"),            /* blocked by recipient */
  P1 ("mail is rejected by recipients"),                    /* Tencent QQ */
};

static const BsPhrase hasmoved[] = {
  P1 (" has been replaced by "),                            /* address replaced by another */
};

static const BsPhrase hostunknown[] = {
  P1 ("domain does not exist"),                             /* no such domain */
  P1 ("domain is not reachable"),                           /* domain unreachable */
  P1 ("domain must exist"),                                 /* recipient domain must exist */
  P1 ("host or domain name not found"),                     /* Postfix: no DNS */
  P1 ("host unknown"),                                      /* Sendmail: host unknown */
  P1 ("host unreachable"),                                  /* host unreachable */
  P1 ("mail domain mentioned in email address is unknown"), /* unknown mail domain */
  P1 ("name or service not known"),                         /* resolver error */
  P1 ("no such domain"),                                    /* no such domain */
  P1 ("recipient address rejected: unknown domain name"),   /* Postfix: recipient domain does not exist */
  P1 ("recipient domain must exist"),                       /* domain must exist */
  P1 ("the account or domain may not exist"),               /* account or domain */
  P1 ("unknown host"),                                      /* unknown host */
  P1 ("unroutable address"),                                /* recipient domain does not exist (unroutable) */
  P1 ("unrouteable address"),                               /* Exim: unrouteable */
  P2 ("553 ", " does not exist"),                           /* "553 <domain> does not exist" */
  P1 ("couldn't find any host named"),                      /* qmail: no such host */
  P1 ("couldn't find any host by that name"),               /* qmail: no such host */
  P1 ("we weren't able to find the recipient domain"),      /* Gmail 5.1.2 */
};

/* a quota on what the sender may send is no full mailbox */
static const BsPhrase mailboxfull_except[] = {
  P1 ("daily message quota exceeded"),                      /* Amazon SES sending quota (toomanyconn) */
  P1 ("sending quota exceeded"),                            /* a provider's sending quota (toomanyconn) */
};

static const BsPhrase mailboxfull[] = {
  P1 ("account disabled temporarly for exceeding receiving limits"), /* receiving limits */
  P1 ("account is exceeding their quota"),                  /* mailbox full (quota) */
  P1 ("account is over quota"),                             /* mailbox full (quota) */
  P1 ("account is temporarily over quota"),                 /* mailbox full (quota) */
  P1 ("boite du destinataire pleine"),                      /* Orange: mailbox full */
  P1 ("delivery failed: over quota"),                       /* mailbox full (quota) */
  P1 ("disc quota exceeded"),                               /* mailbox full (quota) */
  P1 ("disk quota exceeded"),                               /* qmail: quota */
  P1 ("does not have enough space"),                        /* no space */
  P1 ("exceeded storage allocation"),                       /* mailbox full (storage) */
  P1 ("exceeding its mailbox quota"),                       /* mailbox full (quota) */
  P1 ("full mailbox"),                                      /* mailbox full */
  P1 ("is over disk quota"),                                /* mailbox full (quota) */
  P1 ("is over quota temporarily"),                         /* mailbox full (quota) */
  P1 ("mail file size exceeds the maximum size allowed for mail delivery"), /* mbox size */
  P1 ("mail quota exceeded"),                               /* mailbox full (quota) */
  P1 ("mailbox exceeded the local limit"),                  /* local limit */
  P1 ("mailbox full"),                                      /* mailbox full */
  P1 ("mailbox has exceeded its disk space limit"),         /* disk space */
  P1 ("mailbox is full"),                                   /* mailbox full */
  P1 ("mailbox over quota"),                                /* mailbox full (quota) */
  P1 ("mailbox quota usage exceeded"),                      /* mailbox full (quota) */
  P1 ("mailbox size limit exceeded"),                       /* size limit */
  P1 ("maildir over quota"),                                /* maildir quota */
  P1 ("maildir delivery failed: userdisk quota "),          /* maildir quota */
  P1 ("maildir delivery failed: domaindisk quota "),        /* maildir quota */
  P1 ("mailfolder is full"),                                /* folder full */
  P1 ("not enough storage space in"),                       /* mailbox full (storage) */
  P1 ("not enough disk space"),                             /* disk space */
  P1 ("over the allowed quota"),                            /* mailbox full (quota) */
  P1 ("quota exceeded"),                                    /* mailbox full (quota) */
  P1 ("quota violation for"),                               /* mailbox full (quota) */
  P1 ("recipient reached disk quota"),                      /* mailbox full (quota) */
  P1 ("recipient rejected: mailbox would exceed maximum allowed storage"), /* mailbox full (storage) */
  P1 ("the recipient mailbox has exceeded its disk space limit"), /* disk space */
  P1 ("the user's space has been used up"),                 /* space used up */
  P1 ("the user you are trying to reach is over quota"),    /* mailbox full (quota) */
  P1 ("too much mail data"),                                /* NTT docomo: mailbox full */
  P1 ("user has exceeded quota, bouncing mail"),            /* mailbox full (quota) */
  P1 ("user has too many messages on the server"),          /* too many messages */
  P1 ("user is over quota"),                                /* mailbox full (quota) */
  P1 ("user is over the quota"),                            /* mailbox full (quota) */
  P1 ("user over quota"),                                   /* mailbox full (quota) */
  P1 ("was automatically rejected: quota exceeded"),        /* mailbox full (quota) */
  P1 ("would be over the allowed quota"),                   /* mailbox full (quota) */
  P1 ("is over quota"),                                     /* mailbox full (quota) */
  P1 ("over quota"),                                        /* mailbox full (quota) */
  P1 ("number of messages in recipient's mailbox exceeded"), /* Biglobe: too many messages */
  P1 ("as their mailbox is full"),                          /* KDDI: mailbox full */
  P1 ("account storage limit"),                             /* GoDaddy: storage limit */
  P1 ("insufficient disk space"),                           /* disk space */
};

static const BsPhrase mailererror[] = {
  P1 ("procmail: "),                                        /* procmail: local delivery program failed */
  P1 ("bin/procmail"),                                      /* procmail: local delivery program failed */
  P1 ("bin/maildrop"),                                      /* local delivery program failed (maildrop) */
  P1 ("command failed: "),                                  /* a delivery command failed */
  P1 ("command died with status "),                     /* a delivery command died */
  P1 ("command output:"),                                   /* a delivery command said */
  P1 ("exit 1"),                                            /* a delivery command exited */
  P1 ("exit 7"),                                            /* a delivery command exited */
  P1 ("exit 75"),                                           /* a delivery command exited */
  P1 ("mailer error"),                                      /* mailer error */
  P1 ("pipe to |/"),                                        /* pipe delivery */
  P1 ("x-unix; "),                                          /* X-Unix; 127 */
};

static const BsPhrase mesgtoobig[] = {
  P1 ("exceeded maximum inbound message size"),             /* message too big (size) */
  P1 ("line limit exceeded"),                               /* line limit */
  P1 ("max message size exceeded"),                         /* message too big (size) */
  P1 ("message file too big"),                              /* message too big (size) */
  P1 ("message length exceeds administrative limit"),       /* message too big (size) */
  P1 ("message size exceeds fixed limit"),                  /* message too big (size) */
  P1 ("message size exceeds fixed maximum message size"),   /* Sendmail/qmail size */
  P1 ("message size exceeds maximum value"),                /* message too big (size) */
  P1 ("message too big"),                                   /* message too big (size) */
  P1 ("message too large for this "),                       /* message too big (size) */
  P1 ("size limit"),                                        /* message too big (size) */
  P1 ("taille limite du message atteinte"),                 /* Orange: size */
  P1 ("message size exceeds my databytes limit"),           /* qmail databytes */
  P1 ("maximum email size exceeded"),                       /* Mimecast: message too big */
  P1 ("message exceeds maximum size"),                      /* message too big (size) */
};

static const BsPhrase networkerror[] = {
  P1 ("could not connect and send the mail to"),            /* connection failed */
  P1 ("dns records for the destination computer could not be found"), /* Exchange DNS */
  P1 ("hop count exceeded - possible mail loop"),           /* network or DNS error (loop) */
  P1 ("host is unreachable"),                               /* network or DNS error (unreachable) */
  P1 ("host name lookup failure"),                          /* network or DNS error (DNS) */
  P1 ("host not found, try again"),                         /* network or DNS error (DNS) */
  P1 ("mail forwarding loop for "),                         /* Postfix loop */
  P1 ("malformed name server reply"),                       /* network or DNS error (DNS) */
  P1 ("malformed or unexpected name server reply"),         /* network or DNS error (DNS) */
  P1 ("maximum forwarding loop count exceeded"),            /* network or DNS error (loop) */
  P1 ("message looping"),                                   /* network or DNS error (loop) */
  P1 ("message probably in a routing loop"),                /* network or DNS error (loop) */
  P1 ("no route to host"),                                  /* network or DNS error (routing) */
  P1 ("too many hops"),                                     /* network or DNS error (loop) */
  P1 ("unable to resolve route "),                          /* network or DNS error (routing) */
  P1 ("unrouteable mail domain"),                           /* network or DNS error (routing) */
  P1 ("network error on destination mxs"),                  /* OpenSMTPD: network or DNS error */
  P1 ("wasn't able to establish an smtp connection"),       /* qmail: network or DNS error */
  P1 ("although i'm listed as a best-preference mx or a for that host"), /* qmail MX loop */
  P1 ("mail loop detected"),                                /* Mimecast loop */
  P1 ("routing loop detected"),                             /* Microsoft loop */
};

static const BsPhrase norelaying[] = {
  P1 ("as a relay"),                                        /* not a relay */
  P1 ("insecure mail relay"),                               /* relaying denied */
  P1 ("is not permitted to relay through this server without authentication"), /* relay auth */
  P1 ("mail server requires authentication when attempting to send to a non-local e-mail address"), /* MailEnable: relaying denied */
  P1 ("not a gateway"),                                     /* not a gateway */
  P1 ("not allowed to relay through this machine"),         /* relaying denied */
  P1 ("not an open relay, so get lost"),                    /* relaying denied */
  P1 ("not local host"),                                    /* relaying denied */
  P1 ("relay access denied"),                               /* Postfix relay */
  P1 ("relay denied"),                                      /* relaying denied */
  P1 ("relaying mail to "),                                 /* relaying denied */
  P1 ("relay not permitted"),                               /* relaying denied */
  P1 ("relaying denied"),                                   /* Sendmail relay */
  P1 ("that domain isn't in my list of allowed rcpthost"),  /* qmail rcpthosts */
  P1 ("this system is not configured to relay mail"),       /* relaying denied */
  P1 ("unable to relay for"),                               /* relaying denied */
  P1 ("we don't handle mail for"),                          /* relaying denied */
  P1 ("email address is not verified"),                     /* Amazon SES: unverified sender identity */
  P1 ("mail relay denied"),                                 /* Google relay */
  P1 ("open relay not allowed"),                            /* Mimecast: relaying denied */
  P1 ("unable to relay"),                                   /* Exchange relay */
};

static const BsPhrase notaccept[] = {
  P1 ("does not accept mail (nullmx)"),                     /* RFC 7505 null MX */
  P1 ("host/domain does not accept mail"),                  /* iCloud null MX */
  P1 ("host does not accept mail"),                         /* Sendmail null MX */
  P1 ("name server: .: host not found"),                    /* Sendmail: the domain accepts no mail */
  P1 ("no mx record found for domain="),                    /* Yahoo: the domain accepts no mail */
  P1 ("no route for current request"),                      /* no route */
  P1 ("smtp protocol returned a permanent error"),          /* permanent error */
  P1 ("null mx"),                                           /* null MX (RFC 7505) */
  P1 ("couldn't find a mail exchanger or ip address"),      /* notqmail: null MX */
};

static const BsPhrase notcompliantrfc[] = {
  P1 ("this message is not rfc 5322 compliant"),            /* Gmail 5.7.1 RFC 5322 */
  P1 ("p=rfcmessagenoncompliant"),                          /* Gmail help link for RFC 5322 */
  P1 ("messages with multiple addresses in from:"),     /* Gmail: several From: addresses */
  P1 ("not rfc 5322 compliant"),                            /* RFC 5322 violation */
  P1 ("headers are not rfc compliant"),                     /* Yahoo: RFC headers */
  P1 ("rfc 5322 section 3.6.2 compliant"),                  /* Microsoft 5.7.512 From: */
  P1 ("duplicate header"),                                  /* duplicate header fields */
  P1 ("multiple subject headers"),                          /* duplicate Subject: */
  P1 ("multiple from headers"),                             /* duplicate From: */
  P1 ("missing message-id"),                                /* no Message-ID: */
  P1 ("no message-id header"),                              /* no Message-ID: */
  P1 ("missing or invalid date header"),                    /* no Date: */
};

static const BsPhrase policyviolation[] = {
  P1 ("an illegal attachment on your message"),             /* Gmail attachment */
  P1 ("because the recipient is not accepting mail with "), /* AOL Phoenix */
  P1 ("by non-member to a members-only list"),              /* list policy */
  P1 ("closed mailing list"),                               /* list policy */
  P1 ("denied by policy"),                                  /* refused by the receiver's policy */
  P1 ("email not accepted for policy reasons"),             /* Yahoo PH01 */
  P1 ("email rejected due to security policies"),           /* refused by the receiver's policy */
  P1 ("header are not accepted"),                           /* header policy */
  P1 ("header error"),                                      /* header policy */
  P1 ("local policy violation"),                            /* refused by the receiver's policy */
  P1 ("message bounced due to organizational settings"),    /* organisation policy */
  P1 ("message given low priority"),                        /* refused by the receiver's policy (priority) */
  P1 ("message not accepted for policy reasons"),           /* Yahoo 5.7.9 */
  P1 ("message rejected due to local policy"),              /* iCloud CS01 */
  P1 ("rejected for policy reasons"),                       /* refused by the receiver's policy */
  P1 ("protocol violation"),                                /* protocol policy */
  P1 ("the email address used to send your message is not subscribed to this group"), /* group policy */
  P1 ("the message was rejected by organization policy"),   /* organisation policy */
  P1 ("this message was blocked because its content presents a potential"), /* Gmail content */
  P1 ("we do not accept messages containing images or other attachments"), /* refused by the receiver's policy (attachments) */
  P1 ("you have exceeded the allowable number of posts without solving a captcha"), /* refused by the receiver's policy (captcha) */
  P1 ("you have exceeded the the allowable number of posts without solving a captcha"), /* refused by the receiver's policy (captcha) */
  P1 ("has a policy that prohibited the mail that you sent"), /* Gmail 5.7.1 policy */
  P1 ("message bounced due to content examination policy"), /* Mimecast: refused by the receiver's policy */
  P1 ("anti-spoofing policy"),                              /* Mimecast anti-spoofing */
  P1 ("policy violation detected"),                         /* Microsoft AS345 */
};

static const BsPhrase rejected_except[] = {
  P1 ("5.1.0 address rejected"),                            /* Exchange: recipient, not sender */
  P1 ("recipient address rejected"),                        /* Postfix: recipient */
  P1 ("sender ip address rejected"),                        /* blocked, not rejected */
};

static const BsPhrase rejected[] = {
  P1 ("access denied (in reply to mail from command)"),     /* MAIL FROM refused */
  P1 ("access denied (sender blacklisted)"),                /* sender blacklisted */
  P1 ("address rejected"),                                  /* sender address rejected */
  P1 ("administrative prohibition"),                        /* Exim ACL on the sender */
  P1 ("batv failed to verify"),                             /* SonicWall BATV */
  P1 ("batv validation failure"),                           /* SonicWall BATV */
  P1 ("backscatter protection detected an invalid or expired email address"), /* MDaemon: the sender refused */
  P1 ("because the sender isn't on the recipient's list of senders to accept mail from"), /* allow list */
  P1 ("bogus mail from"),                                   /* IMail: empty sender */
  P1 ("connections not accepted from servers without a valid sender domain"), /* sender domain */
  P1 ("denied [bouncedeny]"),                               /* McAfee: the sender refused */
  P1 ("denied by secumail valid-address-filter"),           /* SecuMail: the sender refused */
  P1 ("delivery not authorized, message refused"),          /* sender not authorised */
  P1 ("does not exist e2110"),                              /* sender does not exist */
  P1 ("domain of sender address "),                         /* Postfix: sender domain */
  P1 ("email address is on senderfilterconfig list"),       /* Exchange sender filter */
  P1 ("emetteur invalide"),                                 /* Orange: invalid sender */
  P1 ("empty envelope senders not allowed"),                /* empty sender */
  P1 ("envelope blocked - "),                               /* Mimecast blocked sender */
  P1 ("envelope blocked \xe2\x80\x93 "),                    /* Mimecast blocked sender (en dash) */
  P1 ("error: no third-party dsns"),                        /* SpamWall: empty sender */
  P1 ("from: domain is invalid. please provide a valid from:"), /* GoDaddy IB506 */
  P1 ("fully qualified email address required"),           /* McAfee: the sender refused */
  P1 ("invalid domain, see <url:"),                         /* invalid sender domain */
  P1 ("invalid sender"),                                    /* invalid sender */
  P1 ("is not a registered gateway user"),                  /* gateway user */
  P1 ("mail from not owned by user"),                       /* La Poste 421 */
  P1 ("mx records for "),                                   /* sender domain MX */
  P1 ("null sender is not allowed"),                        /* empty sender */
  P1 ("recipient addresses rejected : access denied"),      /* access denied */
  P1 ("recipient not accepted. (batv: no tag"),             /* BATV: the sender refused */
  P1 ("returned mail not accepted here"),                   /* empty sender */
  P1 ("rfc 1035 violation: recursive cname records for"),   /* sender DNS */
  P1 ("rule imposed mailbox access for"),                   /* MailMarshal: the sender refused */
  P1 ("sender address has been blacklisted"),               /* sender blacklisted */
  P1 ("sender email address rejected"),                     /* sender rejected */
  P1 ("sender is in my black list"),                        /* sender blacklisted */
  P1 ("sender is spammer"),                                 /* sender blacklisted */
  P1 ("sender not pre-approved"),                           /* allow list */
  P1 ("sender rejected"),                                   /* sender rejected */
  P1 ("sender domain is empty"),                            /* empty sender domain */
  P1 ("sender verify failed"),                              /* Exim callout */
  P1 ("syntax error: empty email address"),                 /* empty sender */
  P1 ("the message has been rejected by batv defense"),     /* BATV: the sender refused */
  P1 ("this server does not accept mail from"),             /* sender refused */
  P1 ("transaction failed unsigned dsn for"),               /* unsigned DSN */
  P1 ("unroutable sender address"),                         /* sender domain */
  P1 ("you are not allowed to post to this mailing list"),  /* the sender refused (list) */
  P1 ("you are sending to/from an address that has been blacklisted"), /* blacklisted address */
  P1 ("your access to submit messages to this e-mail system has been rejected"), /* the sender refused (submission) */
  P1 ("sending this from a different address or alias using the 'send mail as' feature"), /* Gmail Send mail as */
  P1 ("you are not a member of this mailing list"),         /* fml: not a member */
  P1 ("may not have permission to post messages to the group"), /* Google Groups */
  P1 ("you may not have permission to post"),               /* Google Groups */
  P1 ("sender denied"),                                     /* Microsoft 5.1.0 */
  P1 ("access denied, bad outbound sender"),                /* Microsoft 5.1.8 */
  P1 ("unknown sender address"),                            /* Microsoft 5.1.7 */
  P1 ("mail sending denied"),                               /* Google Workspace */
};

static const BsPhrase requireptr[] = {
  P1 ("access denied. ip name lookup failed"),              /* Sendmail: no PTR */
  P1 ("all mail servers must have a ptr record with a valid reverse dns entry"), /* sending IP without reverse DNS (PTR) */
  P1 ("bad dns ptr resource record"),                       /* sending IP without reverse DNS (PTR) */
  P1 ("cannot find your hostname"),                         /* Postfix reject_unknown_client_hostname */
  P1 ("cannot find your reverse hostname"),                 /* Postfix reject_unknown_reverse_client_hostname */
  P1 ("cannot resolve your address"),                       /* no PTR */
  P1 ("client host rejected: cannot find your hostname"),   /* Postfix/Yahoo: sending IP without reverse DNS */
  P1 ("fix reverse dns for"),                               /* sending IP without reverse DNS (PTR) */
  P1 ("ips with missing ptr records"),                      /* sending IP without reverse DNS (PTR) */
  P1 ("no ptr record found."),                              /* sending IP without reverse DNS (PTR) */
  P1 ("please get a custom reverse dns name from your isp for your host"), /* generic PTR */
  P1 ("ptr record setup"),                                  /* Gmail 5.7.25 */
  P1 ("reverse dns failed"),                                /* reverse DNS */
  P1 ("reverse dns required"),                              /* reverse DNS */
  P1 ("reverse dns validation failed"),                     /* RFC 7372 5.7.25 wording */
  P1 ("sender ip reverse lookup rejected"),                 /* reverse lookup */
  P1 ("the corresponding forward dns entry does not point to the sending ip"), /* Gmail FCrDNS */
  P1 ("this system will not accept messages from servers/devices with no reverse dns"), /* sending IP without reverse DNS (rDNS) */
  P1 ("unresolvable relay host name"),                      /* relay hostname */
  P1 ("we do not accept mail from hosts with dynamic ip or generic dns ptr-records"), /* mail.ru: sending IP without reverse DNS */
  P1 ("does not have a ptr record"),                        /* no PTR */
  P1 ("must have a reverse dns record"),                    /* Microsoft 5.7.25 IPv6 */
  P1 ("reverse dns lookup failed"),                         /* reverse DNS */
  P1 ("no reverse dns"),                                    /* reverse DNS */
  P2 ("domain ", " mismatches client ip"),                  /* HELO/PTR mismatch */
  P2 ("dns lookup failure: ", " try again later"),          /* temporary PTR failure */
  P2 ("reverse dns lookup for host ", " failed permanently"), /* reverse DNS */
  P2 ("server access ", " forbidden by invalid rdns record of your mail server"), /* sending IP without reverse DNS (rDNS) */
  P2 ("service permits ", " unverifyable sending ips"),     /* unverifiable IP */
};

static const BsPhrase securityerror[] = {
  P1 ("account not subscribed to ses"),                     /* Amazon SES */
  P1 ("authentication credentials invalid"),                /* SMTP AUTH */
  P1 ("authentication failure"),                            /* SMTP AUTH */
  P2 ("authentication failed; server ", " said:"),          /* Postfix SMTP AUTH */
  P1 ("authentication required"),                           /* SMTP AUTH */
  P1 ("authentication turned on in your email client"),     /* SMTP AUTH */
  P2 ("authentification requise", "402"),                   /* La Poste 402 */
  P2 ("authentification invalide", "305"),                  /* Orange 305 */
  P2 ("domain ", " is a dead domain"),                      /* dead domain */
  P1 ("executable files are not allowed in compressed files"), /* authentication or TLS required (attachments) */
  P1 ("insecure mail relay"),                               /* authentication or TLS required (relay) */
  P1 ("recipient address rejected: access denied"),         /* Microsoft 5.4.1 */
  P1 ("sorry, you don't authenticate or the domain isn't in my list of allowed rcpthosts"), /* qmail: authentication or TLS required */
  P1 ("sorry, you dont authenticate or the domain isnt in my list of allowed rcpthosts"), /* qmail: authentication or TLS required */
  P1 ("tls required but not supported"),                    /* SendGrid TLS */
  P1 ("unauthenticated senders not allowed"),               /* SMTP AUTH */
  P2 ("user ", " is not authorized to perform ses:sendrawemail on resource"), /* Amazon SES IAM */
  P1 ("you are not authorized to send mail, authentication is required"), /* SMTP AUTH */
  P1 ("verification failure"),                              /* authentication or TLS required (verification) */
  P1 ("please turn on smtp authentication in your mail client"), /* MessageLabs: authentication or TLS required */
  P1 ("resolver.rst.authrequired"),                         /* Exchange: authentication or TLS required */
  P1 ("this route requires encryption"),                    /* Mimecast TLS */
  P1 ("must issue a starttls command first"),               /* TLS required */
};

/* a refusal that names an IP blocklist is blocked, whatever else it says */
static const BsPhrase spamdetected_except[] = {
  P1 ("blocked using "),                                    /* Postfix reject_rbl_client: "blocked using zen.spamhaus.org" */
  P1 ("spamhaus.org/query/ip/"),                            /* Spamhaus IP lookup link */
  P1 ("spamhaus.org/query/bl?ip="),                         /* older Spamhaus IP lookup link */
  P1 ("spamhaus.org/sbl/query/"),                           /* Spamhaus SBL record of an IP range */
  P1 ("unusual rate of unsolicited mail originating from your ip"), /* Gmail 4.7.28/5.7.28 (its text cites "Bulk Email Senders Guidelines") */
  P1 ("due to listing in"),                                 /* iCloud "rejected due to listing in Spamhaus SBL" */
};

static const BsPhrase spamdetected[] = {
  P1 ("\"the mail server detected your message as spam and has prevented delivery.\""), /* cPanel/Exim SA */
  P1 ("554 5.7.0 reject, id="),                             /* refused as spam (amavis) */
  P1 ("appears to be unsolicited"),                         /* refused as spam */
  P1 ("blacklisted url in message"),                        /* URL blacklist */
  P1 ("block for spam"),                                    /* refused as spam */
  P1 ("blocked by policy: no spam please"),                 /* refused as spam */
  P1 ("blocked by spamassassin"),                           /* SpamAssassin: refused as spam */
  P1 ("blocked for abuse. see http://att.net/blocks"),      /* AT&T: refused as spam */
  P1 ("bulk email"),                                        /* refused as spam (bulk) */
  P1 ("considered unsolicited bulk e-mail (spam) by our mail filters"), /* refused as spam */
  P1 ("content filter rejection"),                          /* content filter */
  P1 ("cyberoam anti spam engine has identified this email as a bulk email"), /* Cyberoam: refused as spam */
  P1 ("denied due to spam list"),                           /* spam list */
  P2 ("greylisted", " please try again in"),                /* refused as spam (greylisting) */
  P1 ("high probability of spam"),                          /* refused as spam */
  P1 ("spamhaus.org/query/dbl"),                            /* Spamhaus DBL link: a domain in the message is listed */
  P1 ("//mail.163.com/help/help_spam_16.htm"),              /* 163.com: refused as spam */
  P1 ("mail appears to be unsolicited"),                    /* refused as spam */
  P1 ("mail content denied"),                               /* QQ: refused as spam */
  P2 ("mail rejete. mail rejected. ", "506"),               /* Orange 506 */
  P1 ("may consider spam"),                                 /* refused as spam */
  P1 ("message considered as spam or virus"),               /* refused as spam */
  P1 ("message contains spam or virus"),                    /* refused as spam */
  P1 ("message content rejected"),                          /* refused as spam (content) */
  P1 ("message detected as spam"),                          /* refused as spam */
  P1 ("message filtered"),                                  /* filtered as spam */
  P1 ("message is being rejected as it seems to be a spam"), /* refused as spam */
  P1 ("message looks like spam"),                           /* refused as spam */
  P1 ("message refused by mailmarshal spamprofiler"),       /* MailMarshal: refused as spam */
  P1 ("message refused by trustwave seg spamprofiler"),     /* Trustwave: refused as spam */
  P1 ("message rejected as spam"),                          /* refused as spam */
  P1 ("message rejected because of unacceptable content"),  /* refused as spam (content) */
  P1 ("message rejected due to suspected spam content"),    /* refused as spam */
  P1 ("message rejected for policy reasons"),               /* spam policy */
  P1 ("our email server thinks this email is spam"),        /* refused as spam */
  P2 ("our filters rate at and above ", " percent probability of being spam"), /* spam score */
  P1 ("our system has detected that this message is likely unsolicited"), /* Gmail 5.7.1 */
  P1 ("our system has detected that this message is"),      /* Gmail 5.7.1 */
  P1 ("probable spam"),                                     /* refused as spam */
  P1 ("reject bulk.advertising"),                           /* refused as spam (bulk) */
  P1 ("rejected: spamassassin score "),                     /* SpamAssassin: refused as spam */
  P2 ("rejected by ", " (spam)"),                           /* refused as spam */
  P1 ("rejected due to spam classification"),               /* refused as spam */
  P1 ("rejected due to spam content"),                      /* refused as spam */
  P1 ("rejected due to spam url in classification"),        /* refused as spam */
  P1 ("rejecting banned content"),                          /* refused as spam (amavis) */
  P1 ("rejecting mail content"),                            /* refused as spam (content) */
  P1 ("related to content with spam-like characteristics"), /* Microsoft: refused as spam */
  P2 ("rule imposed as ", " is blacklisted on"),            /* MailMarshal: refused as spam */
  P1 ("sender domain listed at "),                          /* domain list */
  P1 ("sending address not accepted due to spam filter"),   /* spam filter */
  P1 ("spam blocked"),                                      /* refused as spam */
  P1 ("spam check"),                                        /* refused as spam */
  P1 ("spam content matched"),                              /* refused as spam */
  P1 ("spam detected"),                                     /* refused as spam */
  P1 ("spam email"),                                        /* refused as spam */
  P1 ("spam message rejected"),                             /* mail.ru "550 spam message rejected." */
  P1 ("spam not accepted"),                                 /* refused as spam */
  P1 ("spam refused"),                                      /* refused as spam */
  P1 ("spam rejection"),                                    /* refused as spam */
  P1 ("spam reporting address"),                            /* SendGrid: refused as spam */
  P1 ("spam score "),                                       /* spam score */
  P1 ("spambouncer identified spam"),                       /* SpamBouncer: refused as spam */
  P1 ("spamming not allowed"),                              /* refused as spam */
  P1 ("too much spam."),                                    /* Earthlink: refused as spam */
  P1 ("the email message was detected as spam"),            /* refused as spam */
  P1 ("the message has been rejected by spam filtering engine"), /* refused as spam */
  P1 ("the message was rejected due to classification as bulk mail"), /* refused as spam (bulk) */
  P1 ("the content of this message looked like spam"),      /* SendGrid: refused as spam */
  P1 ("this e-mail cannot be forwarded because it was detected as spam"), /* refused as spam */
  P1 ("this mail cannot be forwarded because it was detected as spam"), /* refused as spam */
  P1 ("this e-mail is classified as spam and is rejected"), /* refused as spam */
  P1 ("this mail is classified as spam and is rejected"),   /* refused as spam */
  P1 ("this message appears to be spam"),                   /* refused as spam */
  P1 ("this message has been identified as spam"),          /* refused as spam */
  P1 ("this message has been scored as spam with a probability"), /* refused as spam */
  P2 ("this message scored ", " spam points"),              /* spam score */
  P1 ("this message was classified as spam"),               /* refused as spam */
  P1 ("this message was rejected by recurrent pattern detection system"), /* RPD: refused as spam */
  P1 ("transaction failed spam message not queued"),        /* SendGrid: refused as spam */
  P1 ("we dont accept spam"),                               /* refused as spam */
  P1 ("you're using a mass mailer"),                        /* mass mailer */
  P1 ("your email appears similar to spam we have received before"), /* refused as spam */
  P1 ("your email breaches local uribl policy"),            /* URIBL: refused as spam */
  P1 ("your email had spam-like "),                         /* refused as spam */
  P1 ("your email is considered spam"),                     /* refused as spam */
  P1 ("your email is probably spam"),                       /* refused as spam */
  P1 ("your email was detected as spam"),                   /* refused as spam */
  P1 ("your message as spam and has prevented delivery"),   /* refused as spam */
  P1 ("your message has been temporarily blocked by our filter"), /* spam filter */
  P1 ("your message has been rejected because it appears to be spam"), /* refused as spam */
  P1 ("your message has triggered a spam block"),           /* refused as spam */
  P1 ("your message may contain the spam contents"),        /* refused as spam */
  P1 ("your message failed several antispam checks"),       /* refused as spam */
  P1 ("suspected spam"),                                    /* QQ: refused as spam */
  P1 ("spam is embedded in the email"),                     /* QQ: refused as spam */
  P1 ("content judged to be spam"),                         /* GoDaddy IB212 */
  P1 ("content filter agent quarantined this message"),     /* Microsoft 5.2.1 */
};

static const BsPhrase speeding_except[] = {
  P1 ("connection rate limit"),                             /* Postfix anvil: connections, toomanyconn */
  P1 ("too many connections"),                              /* connections, toomanyconn */
  P1 ("too many messages on the server"),                   /* a full mailbox, mailboxfull */
  P1 ("too many messages in"),                              /* a full mailbox or folder, mailboxfull */
  P1 ("unusual rate of unsolicited mail"),                  /* Gmail 4.7.28/5.7.28: a block for spam volume, blocked */
};

static const BsPhrase speeding[] = {
  P1 ("please try again slower"),                           /* slow down */
  P2 ("unfortunately, some messages from", "weren't sent"), /* Microsoft OLC RP-00x rate limits */
  P1 ("receiving mail at a rate that prevents additional messages from being delivered"), /* Gmail receiving rate */
  P1 ("rate limit exceeded"),                               /* "rate limit exceeded" */
  P1 ("rate limited"),                                      /* "temporarily rate limited" */
  P1 ("too many messages"),                                 /* volume limits */
  P1 ("sending too fast"),                                  /* slow down */
  P1 ("temporarily deferred due to unexpected volume"),     /* volume (not complaints) */
  P1 ("will be permanently deferred"),                      /* Yahoo TSS09 */
  P1 ("unusual rate of"),                                   /* Gmail 4.7.28 unusual rate */
  P1 ("is receiving mail too quickly"),                     /* Gmail 4.2.1 */
  P1 ("too many to too many recipients this hour"),         /* GoDaddy IB607 */
  P1 ("sent too many messages this hour"),                  /* GoDaddy IB504 */
  P1 ("sent to too many recipients this hour"),             /* GoDaddy IB607 */
  P1 ("deferred due to excessive volume"),                  /* iCloud 4.7.1 volume */
  P1 ("message threshold exceeded"),                        /* Cox rate */
};

static const BsPhrase suspend[] = {
  P1 (" is currently suspended"),                           /* suspended account */
  P1 (" temporary locked"),                                 /* locked account */
  P1 ("boite du destinataire archivee"),                    /* Orange: archived */
  P1 ("email account that you tried to reach is disabled"), /* Gmail 5.2.1 disabled */
  P1 ("email account that you tried to reach is inactive"), /* Gmail 5.2.1 inactive */
  P1 ("has been suspended"),                                /* account suspended or disabled */
  P1 ("invalid/inactive user"),                             /* account suspended or disabled (inactive) */
  P1 ("is a deactivated mailbox"),                          /* QQ: account suspended or disabled */
  P1 ("mailbox currently suspended"),                       /* account suspended or disabled */
  P1 ("mailbox is frozen"),                                 /* account suspended or disabled (frozen) */
  P1 ("mailbox unavailable or access denied"),              /* account suspended or disabled */
  P1 ("recipient rejected: temporarily inactive"),          /* account suspended or disabled (inactive) */
  P1 ("recipient suspend the service"),                     /* account suspended or disabled */
  P1 ("this account has been disabled or discontinued"),    /* account suspended or disabled */
  P1 ("this mailbox is disabled"),                          /* account suspended or disabled */
  P1 ("user suspended"),                                    /* 163.com: account suspended or disabled */
  P1 ("vdelivermail: account is locked email bounced"),     /* vpopmail: account suspended or disabled */
  P1 ("account is disabled"),                               /* account suspended or disabled */
  P1 ("account disabled"),                                  /* account suspended or disabled */
  P1 ("inactive email address"),                            /* iCloud: inactive */
  P1 ("le compte du destinataire est bloque"),              /* La Poste: blocked account */
  P1 ("recipient account isblocked"),                       /* La Poste 426 */
  P1 ("access denied, banned recipient"),                   /* Microsoft 5.7.505 */
  P1 ("mailbox disabled"),                                  /* Exchange 5.2.1 "Mailbox disabled, not accepting messages" */
  P1 ("this account is disabled"),                          /* disabled account (Sisimai 5) */
  P1 ("this email account is inactive"),                    /* inactive account (Sisimai 5) */
  P1 ("user or domain is disabled"),                        /* disabled user or domain (Sisimai 5) */
  P1 ("is unavailable: user is terminated"),                /* terminated account (Sisimai 5) */
};

static const BsPhrase systemerror[] = {
  P1 ("aliasing/forwarding loop broken"),                   /* the receiving system failed (loop) */
  P1 ("can't create user output file"),                     /* mailbox file */
  P1 ("could not load drd for domain"),                     /* Microsoft: the receiving system failed */
  P1 ("internal error reading data"),                       /* Microsoft: the receiving system failed */
  P1 ("internal server error: operation now in progress"),  /* Microsoft: the receiving system failed */
  P1 ("interrupted system call"),                           /* the receiving system failed */
  P1 ("it encountered an error while being processed"),     /* the receiving system failed */
  P1 ("it would create a mail loop"),                       /* the receiving system failed (loop) */
  P1 ("local configuration error"),                         /* the receiving system failed (configuration) */
  P1 ("local error in processing"),                         /* local error */
  P1 ("loop was found in the mail exchanger"),              /* MX loop */
  P1 ("loops back to myself"),                              /* MX loop */
  P1 ("queue file write error"),                            /* the receiving system failed (queue) */
  P1 ("mail system configuration error"),                   /* the receiving system failed (configuration) */
  P1 ("remote server is misconfigured"),                    /* the receiving system failed (configuration) */
  P1 ("server configuration error"),                        /* the receiving system failed (configuration) */
  P1 ("service currently unavailable"),                     /* the receiving system failed (service) */
  P1 ("system config error"),                               /* the receiving system failed (configuration) */
  P1 ("temporary local problem"),                           /* local problem */
  P1 ("timeout waiting for input"),                         /* the receiving system failed (timeout) */
  P1 ("transaction failed"),                                /* the receiving system failed (transaction) */
  P1 ("unable to contact ldap server"),                     /* the receiving system failed (qmail-ldap) */
  P1 ("temporary system problem"),                          /* Gmail 4.3.0 */
  P1 ("server busy"),                                       /* the receiving system failed (busy) */
  P1 ("insufficient permission"),                           /* Sendmail permission */
};

static const BsPhrase systemfull[] = {
  P1 ("mail system full"),                                  /* spool full */
  P1 ("requested mail action aborted: exceeded storage allocation"), /* Exchange: the receiving system is out of space */
  P1 ("mailbox unavailable (not enough free space)"),       /* qmail: the receiving system is out of space */
  P1 ("insufficient system resources"),                     /* Microsoft 4.3.1 */
  P1 ("insufficient system storage"),                       /* 452 4.3.1 */
};

static const BsPhrase toomanyconn[] = {
  P1 ("all available ips are at maximum connection limit"), /* SendGrid: too many connections or recipients */
  P1 ("connection rate limit exceeded"),                    /* Postfix anvil */
  P1 ("exceeds per-domain connection limit for"),           /* connection limit */
  P1 ("has exceeded the max emails per hour "),             /* hourly limit */
  P1 ("throttling failure: daily message quota exceeded"),  /* Amazon SES */
  P1 ("throttling failure: maximum sending rate exceeded"), /* Amazon SES */
  P1 ("too many connections"),                              /* connection limit */
  P1 ("too many connections from your host."),              /* Microsoft: too many connections or recipients */
  P1 ("too many concurrent smtp connections"),              /* Microsoft: too many connections or recipients */
  P1 ("too many errors from your ip"),                      /* free.fr: too many connections or recipients */
  P1 ("too many recipients"),                               /* NTT docomo / Mimecast */
  P1 ("too many smtp sessions for this host"),              /* Sendmail daemon.c */
  P1 ("trop de connexions, "),                              /* Orange: too many connections or recipients */
  P1 ("we have already made numerous attempts to deliver this message"), /* too many connections or recipients (attempts) */
  P1 ("too many sessions from"),                            /* Cox/GoDaddy sessions */
  P1 ("exceeded the max number of messages per session"),   /* GoDaddy IB510 */
  P1 ("connection frequency limited"),                      /* QQ: too many connections or recipients */
  P1 ("ip frequency limited"),                              /* QQ: too many connections or recipients */
  P1 ("domain frequency limited"),                          /* QQ: too many connections or recipients */
  P1 ("sender frequency limited"),                          /* QQ: too many connections or recipients */
};

static const BsPhrase userunknown[] = {
  P1 ("#5.1.1 bad address"),                                /* bad address */
  P2 ("<", "> not found"),                                  /* "<addr> not found" */
  P3 ("<", "@", ">... blocked by "),                        /* Sendmail access DB */
  P1 ("550 address invalid"),                               /* no such recipient (invalid) */
  P1 ("5.1.0 address rejected."),                           /* Exchange: no such recipient */
  P2 ("account ", " does not exist at the organization"),   /* Microsoft: no such recipient */
  P1 ("adresse d au moins un destinataire invalide"),       /* Orange 416/418 */
  P1 ("address does not exist"),                            /* no such address */
  P1 ("address not present in directory"),                  /* no such recipient (directory) */
  P1 ("address unknown"),                                   /* no such recipient (unknown) */
  P1 ("archived recipient"),                                /* no such recipient (archived) */
  P1 ("bad-recipient"),                                     /* bad recipient */
  P1 ("bad_recipient"),                                     /* bad recipient */
  P1 ("bad recipient"),                                     /* bad recipient */
  P1 ("can't accept user"),                                 /* cannot accept */
  P1 ("does not exist."),                                   /* does not exist */
  P1 ("destination addresses were unknown"),                /* no such recipient (unknown) */
  P1 ("destination server rejected recipients"),            /* rejected recipients */
  P1 ("email address does not exist"),                      /* no such address */
  P1 ("email address could not be found"),                  /* no such address */
  P1 ("invalid address"),                                   /* no such recipient (invalid) */
  P1 ("invalid mailbox"),                                   /* no such recipient (invalid) */
  P1 ("invalid mailbox path"),                              /* no such recipient (invalid) */
  P1 ("invalid recipient"),                                 /* no such recipient (invalid) */
  P1 ("is not a known user"),                               /* no such recipient (unknown) */
  P1 ("is not a valid mailbox"),                            /* no such recipient (invalid) */
  P1 ("is not an active address at this host"),             /* no such recipient (inactive) */
  P2 ("mailbox ", " does not exist"),                       /* no mailbox */
  P3 ("mailbox ", "@", " unavailable"),                     /* no mailbox */
  P1 ("mailbox does not exist"),                            /* no mailbox */
  P1 ("mailbox invalid"),                                   /* no such recipient (invalid) */
  P1 ("mailbox is inactive"),                               /* no such recipient (inactive) */
  P1 ("mailbox is unavailable"),                            /* no such recipient (unavailable) */
  P1 ("mailbox not present"),                               /* no such recipient (missing) */
  P1 ("mailbox not found"),                                 /* no such recipient (missing) */
  P1 ("mailbox unavailable"),                               /* no such recipient (unavailable) */
  P1 ("nessun utente simile in questo indirizzo"),          /* Italian: no such recipient */
  P2 ("no ", " in name directory"),                         /* no such recipient (directory) */
  P1 ("no account by that name here"),                      /* no account */
  P1 ("no existe dicha persona"),                           /* Spanish: no such recipient */
  P1 ("no existe ese usuario "),                            /* Spanish: no such recipient */
  P1 ("no mail box available for this user"),               /* no mailbox */
  P1 ("no mailbox by that name is currently available"),    /* no mailbox */
  P1 ("no mailbox found"),                                  /* no mailbox */
  P1 ("no matches to nameserver query"),                    /* no such recipient (directory) */
  P1 ("no such address here"),                              /* no such address */
  P1 ("no such mailbox"),                                   /* no such mailbox */
  P1 ("no such person at this address"),                    /* no such person */
  P1 ("no such recipient"),                                 /* no such recipient */
  P1 ("no such user"),                                      /* no such user */
  P1 ("no thank you rejected: account unavailable:"),       /* no such recipient (unavailable) */
  P1 ("no valid recipients, bye"),                          /* none valid */
  P1 ("non-existent user"),                                 /* no such user */
  P1 ("non existent user"),                                 /* no such user */
  P1 ("nonexistent user"),                                  /* no such user */
  P1 ("not a valid recipient"),                             /* no such recipient (invalid) */
  P1 ("not a valid user here"),                             /* no such recipient (invalid) */
  P1 ("not a local address"),                               /* not local */
  P1 ("not email addresses"),                               /* no such recipient (invalid) */
  P2 ("rcpt <", "> does not exist"),                        /* no such recipient */
  P1 ("recipient address rejected. (in reply to rcpt to command)"), /* rejected at RCPT */
  P1 ("recipient address rejected."),                       /* bare refusal at RCPT (the command is known) */
  P2 ("recipient ", " was not found in"),                   /* not found */
  P1 ("recipient address rejected: access denied"),         /* Microsoft 5.4.1 */
  P1 ("recipient address rejected: invalid user"),          /* no such recipient (invalid) */
  P1 ("recipient address rejected: invalid-recipient"),     /* no such recipient (invalid) */
  P2 ("recipient address rejected: user ", " does not exist"), /* no such user */
  P2 ("recipient address rejected: user unknown in ", " table"), /* Postfix: no such recipient */
  P1 ("recipient address rejected: unknown user"),          /* no such recipient (unknown) */
  P1 ("recipient does not exist"),                          /* no such recipient */
  P1 ("recipient is not local"),                            /* not local */
  P1 ("recipient not exist"),                               /* no such recipient */
  P1 ("recipient not found"),                               /* not found */
  P1 ("recipient not ok"),                                  /* not ok */
  P1 ("recipient refuses to accept your mail"),             /* no such recipient (refuses) */
  P1 ("recipient unknown"),                                 /* no such recipient (unknown) */
  P1 ("requested action not taken: mailbox unavailable"),   /* 550 mailbox unavailable */
  P1 ("resolver.adr.recipient notfound"),                   /* Exchange: no such recipient */
  P1 ("resolver.adr.recipientnotfound"),                    /* Exchange Online 5.1.10 */
  P1 ("resolver.adr.recipnotfound"),                        /* Exchange 5.1.1 */
  P1 ("resolver.adr.exrecipnotfound"),                      /* Exchange 5.1.1 */
  P3 ("said: 550", "5.1.1 ", " user unknown "),             /* Postfix relay of 5.1.1 */
  P1 ("sorry, user unknown"),                               /* no such recipient (unknown) */
  P1 ("sorry, badrcptto"),                                  /* qmail badrcptto */
  P1 ("sorry, no mailbox here by that name"),               /* qmail: no such recipient */
  P1 ("sorry, your envelope recipient has been denied"),    /* no such recipient (denied) */
  P1 ("that domain or user isn't in my list of allowed rcpthosts"), /* qmail: no such recipient */
  P1 ("the email account that you tried to reach does not exist"), /* Gmail 5.1.1 */
  P1 ("the following recipients was undeliverable"),        /* no such recipient (undeliverable) */
  P1 ("the user's email name is not found"),                /* not found */
  P1 ("there is no one at this address"),                   /* no such recipient (nobody) */
  P1 ("this address no longer accepts mail"),               /* no such recipient (gone) */
  P1 ("this email address is wrong or no longer valid"),    /* no such recipient (gone) */
  P1 ("this recipient is in my badrecipientto list"),       /* qmail: no such recipient */
  P1 ("this recipient is not in my validrcptto list"),      /* qmail: no such recipient */
  P1 ("this spectator does not exist"),                     /* does not exist */
  P2 ("this user doesn't have a ", " account"),             /* Yahoo/AOL: no such recipient */
  P2 ("this user doesnt have a ", " account"),              /* Yahoo/AOL: no such recipient */
  P1 ("unknown e-mail address"),                            /* no such recipient (unknown) */
  P1 ("unknown email address"),                             /* no such recipient (unknown) */
  P1 ("unknown local part"),                                /* Exim: no such recipient */
  P1 ("unknown local-part"),                                /* Exim: no such recipient */
  P1 ("unknown mailbox"),                                   /* no such recipient (unknown) */
  P1 ("unknown recipient"),                                 /* no such recipient (unknown) */
  P1 ("unknown user"),                                      /* no such recipient (unknown) */
  P2 ("user ", " was not found"),                           /* not found */
  P2 ("user ", " does not exist"),                          /* does not exist */
  P1 ("user does not exist"),                               /* does not exist */
  P1 ("user missing home directory"),                       /* no home */
  P1 ("user not active"),                                   /* no such recipient (inactive) */
  P1 ("user not exist"),                                    /* does not exist */
  P1 ("user not found"),                                    /* not found */
  P1 ("user not known"),                                    /* no such recipient (unknown) */
  P1 ("user unknown"),                                      /* no such recipient (unknown) */
  P1 ("utilisateur inconnu !"),                             /* French: no such recipient */
  P1 ("vdeliver: invalid or unknown virtual user"),         /* vpopmail: no such recipient */
  P1 ("your envelope recipient is in my badrcptto list"),   /* qmail: no such recipient */
  P1 ("does not like recipient."),                          /* no such recipient (qmail-remote) */
  P1 ("not listed in domino directory"),                    /* Domino: no such recipient */
  P1 ("domino \xe3\x83\x87\xe3\x82\xa3\xe3\x83\xac\xe3\x82\xaf\xe3\x83\x88\xe3\x83\xaa\xe3\x81\xab\xe3\x81\xaf\xe8\xa6\x8b\xe3\x81\xa4\xe3\x81\x8b\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93"), /* Domino, Japanese */
  P1 ("\xe3\x83\x87\xe3\x82\xa3\xe3\x83\xac\xe3\x82\xaf\xe3\x83\x88\xe3\x83\xaa\xe3\x81\xae\xe3\x83\xaa\xe3\x82\xb9\xe3\x83\x88\xe3\x81\xab\xe3\x81\x82\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93"), /* Notes, Japanese: not in the directory list */
  P1 ("please check if address is correct"),                /* Trend Micro */
  P1 ("no valid recipients for this mm"),                   /* Verizon: no such recipient */
  P1 ("account does not exist"),                            /* GoDaddy: no such recipient */
  P1 ("recipient address does not exist"),                  /* Facebook RCP-P1 */
  P1 ("no longer valid"),                                   /* Yahoo: address no longer valid */
  P1 ("unknown or illegal alias"),                          /* iCloud: no such recipient */
  P1 ("address is not valid"),                              /* no such recipient (invalid) */
  P1 ("mailbox not available"),                             /* no such recipient (unavailable) */
};

static const BsPhrase virusdetected[] = {
  P1 ("it has a potentially executable attachment"),        /* a virus found (executable) */
  P1 ("the message was rejected because it contains prohibited virus or spam content"), /* a virus found */
  P1 ("this form of attachment has been used by recent viruses or other malware"), /* a virus found (malware) */
  P1 ("virus detected"),                                    /* a virus found */
  P1 ("your message was infected with a virus"),            /* a virus found */
  P1 ("virus infected message rejected"),                   /* GoDaddy IB705 */
  P1 ("message contains a virus"),                          /* a virus found */
  P1 ("infected with"),                                     /* "infected with <malware>" */
};

static const BsPhrase vacation[] = {
  P1 ("i am away on vacation"),                             /* auto-reply text */
  P1 ("i am away until"),                                   /* auto-reply text */
  P1 ("i am out of the office"),                            /* auto-reply text */
  P1 ("i will be traveling for work on"),                   /* auto-reply text */
};

#define GROUP(e, name) { BS_REASON_##e, name, G_N_ELEMENTS (name), NULL, 0 }
#define GROUP_EXCEPT(e, name) { BS_REASON_##e, name, G_N_ELEMENTS (name), name##_except, G_N_ELEMENTS (name##_except) }

/* a delay warning's current error when it is a connection failure: the
 * message is still queued, so it has not expired (a final bounce with the
 * same words has: the queue gave up) */
const BsPhrase bs_rules_delay_network[] = {
  P1 ("connection timed out"),                              /* Postfix/Sendmail delay: connect() timed out */
  P1 ("connection refused"),                                /* Postfix/Exim delay: the MX refuses TCP */
  P1 ("timed out while"),                                   /* Postfix "timed out while receiving the initial server greeting" */
  P1 ("network is unreachable"),                            /* delay: no route from the sender's network */
  P1 ("lost connection with"),                              /* Postfix delay: "lost connection with mx[ip] while ..." */
};
const gsize bs_rules_n_delay_network = G_N_ELEMENTS (bs_rules_delay_network);

const BsPhraseGroup bs_rules_phrase_groups[] = {
  GROUP (AUTHFAILURE, authfailure),
  GROUP (BADREPUTATION, badreputation),
  GROUP_EXCEPT (BLOCKED, blocked),
  GROUP (CONTENTERROR, contenterror),
  GROUP (EXCEEDLIMIT, exceedlimit),
  GROUP (EXPIRED, expired),
  GROUP (FILTERED, filtered),
  GROUP (HASMOVED, hasmoved),
  GROUP (HOSTUNKNOWN, hostunknown),
  GROUP_EXCEPT (MAILBOXFULL, mailboxfull),
  GROUP (MAILERERROR, mailererror),
  GROUP (MESGTOOBIG, mesgtoobig),
  GROUP (NETWORKERROR, networkerror),
  GROUP (NORELAYING, norelaying),
  GROUP (NOTACCEPT, notaccept),
  GROUP (NOTCOMPLIANTRFC, notcompliantrfc),
  GROUP (POLICYVIOLATION, policyviolation),
  GROUP_EXCEPT (REJECTED, rejected),
  GROUP (REQUIREPTR, requireptr),
  GROUP (SECURITYERROR, securityerror),
  GROUP_EXCEPT (SPAMDETECTED, spamdetected),
  GROUP_EXCEPT (SPEEDING, speeding),
  GROUP (SUSPEND, suspend),
  GROUP (SYSTEMERROR, systemerror),
  GROUP (SYSTEMFULL, systemfull),
  GROUP (TOOMANYCONN, toomanyconn),
  GROUP (USERUNKNOWN, userunknown),
  GROUP (VIRUSDETECTED, virusdetected),
  GROUP (VACATION, vacation),
};
const gsize bs_rules_n_phrase_groups = G_N_ELEMENTS (bs_rules_phrase_groups);
