/* phrases_content.c - what remote servers write when they refuse the message
 * or its sender: spam, policy, sender address, content, size
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

/* a refusal that names an IP blocklist is blocked, whatever else it says */
static const BsPhraseRow spamdetected_except[] = {
  { "except-blocked-using", P1 ("blocked using "),                /* Postfix reject_rbl_client: "blocked using zen.spamhaus.org" */
    "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using zen.spamhaus.org" },
  { "except-spamhaus-query-ip", P1 ("spamhaus.org/query/ip/"),    /* Spamhaus IP lookup link */
    "550 5.7.1 Listed: see https://www.spamhaus.org/query/ip/192.0.2.2" },
  { "except-spamhaus-query-bl", P1 ("spamhaus.org/query/bl?ip="), /* older Spamhaus IP lookup link */
    "550 5.7.1 Listed: see http://www.spamhaus.org/query/bl?ip=192.0.2.2" },
  { "except-spamhaus-sbl-record", P1 ("spamhaus.org/sbl/query/"), /* Spamhaus SBL record of an IP range */
    "550 5.7.1 Listed: see https://www.spamhaus.org/sbl/query/SBL123456" },
  { "except-gmail-unusual-rate", P1 ("unusual rate of unsolicited mail originating from your ip"), /* Gmail 4.7.28/5.7.28 (its text cites "Bulk Email Senders Guidelines") */
    "550-5.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address. Please visit the Bulk Email Senders Guidelines." },
  { "except-due-to-listing-in", P1 ("due to listing in"),         /* iCloud "rejected due to listing in Spamhaus SBL" */
    "554 5.7.1 [CS01] Message rejected due to listing in Spamhaus SBL" },
};

static const BsPhraseRow spamdetected[] = {
  { "cpanel-detected-as-spam", P1 ("\"the mail server detected your message as spam and has prevented delivery.\""), /* cPanel/Exim SA */
    "550 5.7.1 \"The mail server detected your message as spam and has prevented delivery.\"" },
  { "amavis-reject-id", P1 ("554 5.7.0 reject, id="),             /* refused as spam (amavis) */
    "554 5.7.0 Reject, id=12345-01 - spam" },
  { "appears-to-be-unsolicited", P1 ("appears to be unsolicited"), /* refused as spam */
    "550 5.7.1 Your message appears to be unsolicited" },
  { "blacklisted-url-in-message", P1 ("blacklisted url in message"), /* URL blacklist */
    "550 5.7.1 Blacklisted URL in message." },
  { "block-for-spam", P1 ("block for spam"),                      /* refused as spam */
    "550 5.7.1 Block for spam" },
  { "no-spam-please", P1 ("blocked by policy: no spam please"),   /* refused as spam */
    "550 5.7.1 Blocked by policy: no spam please" },
  { "blocked-by-spamassassin", P1 ("blocked by spamassassin"),    /* SpamAssassin: refused as spam */
    "550 5.7.1 Blocked by SpamAssassin" },
  { "att-blocked-for-abuse", P1 ("blocked for abuse. see http://att.net/blocks"), /* AT&T: refused as spam */
    "553 5.7.1 Blocked for abuse. See http://att.net/blocks" },
  { "bulk-email", P1 ("bulk email"),                              /* refused as spam (bulk) */
    "550 5.7.1 Refused as bulk email" },
  { "unsolicited-bulk-email", P1 ("considered unsolicited bulk e-mail (spam) by our mail filters"), /* refused as spam */
    "550 5.7.1 Your message was considered unsolicited bulk e-mail (spam) by our mail filters." },
  { "content-filter-rejection", P1 ("content filter rejection"),  /* content filter */
    "550 5.7.1 Content filter rejection" },
  { "denied-due-to-spam-list", P1 ("denied due to spam list"),    /* spam list */
    "550 5.7.1 Denied due to spam list" },
  { "greylisted-try-again", P2 ("greylisted", " please try again in"), /* refused as spam (greylisting) */
    "450 4.7.1 Greylisted, please try again in 180 seconds" },
  { "high-probability-of-spam", P1 ("high probability of spam"),  /* refused as spam */
    "550 5.7.1 Message has a high probability of spam" },
  { "spamhaus-dbl-link", P1 ("spamhaus.org/query/dbl"),           /* Spamhaus DBL link: a domain in the message is listed */
    "550 5.7.1 A URL in the message is listed: see https://www.spamhaus.org/query/dbl?domain=example.net" },
  { "mail-163-spam-help", P1 ("//mail.163.com/help/help_spam_16.htm"), /* 163.com: refused as spam */
    "554 5.7.1 DT:SPM mx.example.net, see http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.2" },
  { "qq-mail-content-denied", P1 ("mail content denied"),         /* QQ: refused as spam */
    "550 5.7.1 Mail content denied." },
  { "orange-mail-rejete-506", P2 ("mail rejete. mail rejected. ", "506"), /* Orange 506 */
    "550 5.7.1 mwinf5c00 ME Mail rejete. Mail rejected. OUK002_506 [506]" },
  { "may-consider-spam", P1 ("may consider spam"),                /* refused as spam */
    "550 5.7.1 Our filters may consider spam your message" },
  { "considered-as-spam-or-virus", P1 ("message considered as spam or virus"), /* refused as spam */
    "550 5.7.1 Message considered as spam or virus" },
  { "contains-spam-or-virus", P1 ("message contains spam or virus"), /* refused as spam */
    "550 5.7.1 Message contains spam or virus" },
  { "message-content-rejected", P1 ("message content rejected"),  /* refused as spam (content) */
    "554 5.7.1 Message content rejected" },
  { "message-detected-as-spam", P1 ("message detected as spam"),  /* refused as spam */
    "550 5.7.1 Message detected as spam" },
  { "message-filtered", P1 ("message filtered"),                  /* filtered as spam */
    "550 5.7.1 Message filtered, refer to the troubleshooting page" },
  { "seems-to-be-a-spam", P1 ("message is being rejected as it seems to be a spam"), /* refused as spam */
    "550 5.7.1 This message is being rejected as it seems to be a spam" },
  { "message-looks-like-spam", P1 ("message looks like spam"),    /* refused as spam */
    "550 5.7.1 Message looks like spam" },
  { "mailmarshal-spamprofiler", P1 ("message refused by mailmarshal spamprofiler"), /* MailMarshal: refused as spam */
    "550 5.7.1 Message refused by MailMarshal SpamProfiler" },
  { "trustwave-spamprofiler", P1 ("message refused by trustwave seg spamprofiler"), /* Trustwave: refused as spam */
    "550 5.7.1 Message refused by Trustwave SEG SpamProfiler" },
  { "message-rejected-as-spam", P1 ("message rejected as spam"),  /* refused as spam */
    "554 5.7.1 Message rejected as spam by Content Filtering." },
  { "unacceptable-content", P1 ("message rejected because of unacceptable content"), /* refused as spam (content) */
    "550 5.7.1 Message rejected because of unacceptable content" },
  { "suspected-spam-content", P1 ("message rejected due to suspected spam content"), /* refused as spam */
    "550 5.7.1 Message rejected due to suspected spam content" },
  { "rejected-for-policy-reasons", P1 ("message rejected for policy reasons"), /* spam policy */
    "550 5.7.1 Message rejected for policy reasons." },
  { "server-thinks-spam", P1 ("our email server thinks this email is spam"), /* refused as spam */
    "550 5.7.1 Our email server thinks this email is spam" },
  { "probability-of-being-spam", P2 ("our filters rate at and above ", " percent probability of being spam"), /* spam score */
    "550 5.7.1 Our filters rate at and above 90 percent probability of being spam" },
  { "gmail-likely-unsolicited", P1 ("our system has detected that this message is likely unsolicited"), /* Gmail 5.7.1 */
    "550-5.7.1 Our system has detected that this message is likely unsolicited mail." },
  { "gmail-detected-message-is", P1 ("our system has detected that this message is"), /* Gmail 5.7.1 */
    "550-5.7.1 Our system has detected that this message is suspicious." },
  { "probable-spam", P1 ("probable spam"),                        /* refused as spam */
    "550 5.7.1 Probable spam" },
  { "reject-bulk-advertising", P1 ("reject bulk.advertising"),    /* refused as spam (bulk) */
    "550 5.7.1 Reject bulk.advertising" },
  { "spamassassin-score", P1 ("rejected: spamassassin score "),   /* SpamAssassin: refused as spam */
    "550 5.7.1 Rejected: SpamAssassin score 12.5" },
  { "rejected-by-filter-spam", P2 ("rejected by ", " (spam)"),    /* refused as spam */
    "550 5.7.1 Rejected by mx.example.net (spam)" },
  { "spam-classification", P1 ("rejected due to spam classification"), /* refused as spam */
    "550 5.7.1 Message rejected due to spam classification" },
  { "rejected-due-to-spam-content", P1 ("rejected due to spam content"), /* refused as spam */
    "550 5.7.1 Rejected due to spam content" },
  { "spam-url-in-classification", P1 ("rejected due to spam url in classification"), /* refused as spam */
    "550 5.7.1 Rejected due to spam URL in classification" },
  { "amavis-banned-content", P1 ("rejecting banned content"),     /* refused as spam (amavis) */
    "554 5.7.0 Rejecting banned content" },
  { "rejecting-mail-content", P1 ("rejecting mail content"),      /* refused as spam (content) */
    "550 5.7.1 Rejecting mail content" },
  { "microsoft-spam-like-content", P1 ("related to content with spam-like characteristics"), /* Microsoft: refused as spam */
    "550 5.7.1 Message rejected as it is related to content with spam-like characteristics" },
  { "mailmarshal-blacklisted-on", P2 ("rule imposed as ", " is blacklisted on"), /* MailMarshal: refused as spam */
    "550 5.7.1 Rule imposed as example.org is blacklisted on mail filter" },
  { "sender-domain-listed-at", P1 ("sender domain listed at "),   /* domain list */
    "550 5.7.1 Sender domain listed at dbl.example.net" },
  { "spam-filter-sending-address", P1 ("sending address not accepted due to spam filter"), /* spam filter */
    "550 5.7.1 Sending address not accepted due to spam filter" },
  { "spam-blocked", P1 ("spam blocked"),                          /* refused as spam */
    "550 5.7.1 Spam blocked" },
  { "spam-check", P1 ("spam check"),                              /* refused as spam */
    "550 5.7.1 Spam check failed" },
  { "spam-content-matched", P1 ("spam content matched"),          /* refused as spam */
    "550 5.7.1 Spam content matched" },
  { "spam-detected", P1 ("spam detected"),                        /* refused as spam */
    "550 5.7.1 Spam detected" },
  { "spam-email", P1 ("spam email"),                              /* refused as spam */
    "550 5.7.1 This is a spam email" },
  { "mailru-spam-message-rejected", P1 ("spam message rejected"), /* mail.ru "550 spam message rejected." */
    "550 5.7.1 spam message rejected." },
  { "spam-not-accepted", P1 ("spam not accepted"),                /* refused as spam */
    "550 5.7.1 Spam not accepted" },
  { "spam-refused", P1 ("spam refused"),                          /* refused as spam */
    "550 5.7.1 Spam refused" },
  { "spam-rejection", P1 ("spam rejection"),                      /* refused as spam */
    "550 5.7.1 Spam rejection" },
  { "sendgrid-spam-reporting-address", P1 ("spam reporting address"), /* SendGrid: refused as spam */
    "550 5.7.1 Mail to a spam reporting address" },
  { "spam-score", P1 ("spam score "),                             /* spam score */
    "550 5.7.1 Spam score 15.2 too high" },
  { "spambouncer", P1 ("spambouncer identified spam"),            /* SpamBouncer: refused as spam */
    "550 5.7.1 SpamBouncer identified SPAM" },
  { "spamming-not-allowed", P1 ("spamming not allowed"),          /* refused as spam */
    "550 5.7.1 Spamming not allowed" },
  { "earthlink-too-much-spam", P1 ("too much spam."),             /* Earthlink: refused as spam */
    "550 5.7.1 Too much spam." },
  { "email-detected-as-spam", P1 ("the email message was detected as spam"), /* refused as spam */
    "550 5.7.1 The email message was detected as spam" },
  { "spam-filtering-engine", P1 ("the message has been rejected by spam filtering engine"), /* refused as spam */
    "550 5.7.1 The message has been rejected by spam filtering engine" },
  { "classification-as-bulk-mail", P1 ("the message was rejected due to classification as bulk mail"), /* refused as spam (bulk) */
    "550 5.7.1 The message was rejected due to classification as bulk mail" },
  { "sendgrid-looked-like-spam", P1 ("the content of this message looked like spam"), /* SendGrid: refused as spam */
    "550 5.7.1 The content of this message looked like spam." },
  { "e-mail-cannot-be-forwarded", P1 ("this e-mail cannot be forwarded because it was detected as spam"), /* refused as spam */
    "550 5.7.1 This e-mail cannot be forwarded because it was detected as spam." },
  { "mail-cannot-be-forwarded", P1 ("this mail cannot be forwarded because it was detected as spam"), /* refused as spam */
    "550 5.7.1 This mail cannot be forwarded because it was detected as spam." },
  { "e-mail-classified-as-spam", P1 ("this e-mail is classified as spam and is rejected"), /* refused as spam */
    "550 5.7.1 This e-mail is classified as spam and is rejected." },
  { "mail-classified-as-spam", P1 ("this mail is classified as spam and is rejected"), /* refused as spam */
    "550 5.7.1 This mail is classified as spam and is rejected." },
  { "message-appears-to-be-spam", P1 ("this message appears to be spam"), /* refused as spam */
    "550 5.7.1 This message appears to be spam." },
  { "identified-as-spam", P1 ("this message has been identified as spam"), /* refused as spam */
    "550 5.7.1 This message has been identified as spam." },
  { "scored-as-spam-probability", P1 ("this message has been scored as spam with a probability"), /* refused as spam */
    "550 5.7.1 This message has been scored as spam with a probability of 0.98" },
  { "scored-spam-points", P2 ("this message scored ", " spam points"), /* spam score */
    "550 5.7.1 This message scored 12.1 spam points." },
  { "message-classified-as-spam", P1 ("this message was classified as spam"), /* refused as spam */
    "550 5.7.1 This message was classified as SPAM and may not be delivered" },
  { "recurrent-pattern-detection", P1 ("this message was rejected by recurrent pattern detection system"), /* RPD: refused as spam */
    "550 5.7.1 This message was rejected by Recurrent Pattern Detection System (RPD)." },
  { "sendgrid-spam-not-queued", P1 ("transaction failed spam message not queued"), /* SendGrid: refused as spam */
    "550 5.7.1 Transaction failed Spam Message not queued." },
  { "we-dont-accept-spam", P1 ("we dont accept spam"),            /* refused as spam */
    "550 5.7.1 We dont accept spam" },
  { "using-a-mass-mailer", P1 ("you're using a mass mailer"),     /* mass mailer */
    "550 5.7.1 You're using a mass mailer" },
  { "similar-to-spam", P1 ("your email appears similar to spam we have received before"), /* refused as spam */
    "550 5.7.1 Your email appears similar to spam we have received before" },
  { "uribl-policy", P1 ("your email breaches local uribl policy"), /* URIBL: refused as spam */
    "550 5.7.1 Your email breaches local URIBL policy" },
  { "spam-like-characteristics", P1 ("your email had spam-like "), /* refused as spam */
    "550 5.7.1 Your email had spam-like characteristics" },
  { "email-is-considered-spam", P1 ("your email is considered spam"), /* refused as spam */
    "550 5.7.1 Your email is considered spam" },
  { "email-is-probably-spam", P1 ("your email is probably spam"), /* refused as spam */
    "550 5.7.1 Your email is probably spam" },
  { "email-was-detected-as-spam", P1 ("your email was detected as spam"), /* refused as spam */
    "550 5.7.1 Your email was detected as spam" },
  { "prevented-delivery", P1 ("your message as spam and has prevented delivery"), /* refused as spam */
    "550 5.7.1 We have detected your message as spam and has prevented delivery" },
  { "temporarily-blocked-by-filter", P1 ("your message has been temporarily blocked by our filter"), /* spam filter */
    "450 4.7.1 Your message has been temporarily blocked by our filter" },
  { "appears-to-be-spam", P1 ("your message has been rejected because it appears to be spam"), /* refused as spam */
    "550 5.7.1 Your message has been rejected because it appears to be SPAM." },
  { "triggered-a-spam-block", P1 ("your message has triggered a spam block"), /* refused as spam */
    "550 5.7.1 Your message has triggered a SPAM block" },
  { "may-contain-spam-contents", P1 ("your message may contain the spam contents"), /* refused as spam */
    "550 5.7.1 Your message may contain the spam contents." },
  { "qq-suspected-spam", P1 ("suspected spam"),                   /* QQ: refused as spam */
    "550 5.7.1 Suspected spam." },
  { "qq-spam-embedded", P1 ("spam is embedded in the email"),     /* QQ: refused as spam */
    "550 5.7.1 Spam is embedded in the email." },
  { "godaddy-content-judged-spam", P1 ("content judged to be spam"), /* GoDaddy IB212 */
    "552 5.7.0 This message has been rejected because content judged to be spam. IB212" },
  { "microsoft-content-filter-quarantined", P1 ("content filter agent quarantined this message"), /* Microsoft 5.2.1 */
    "550 5.2.1 Content Filter agent quarantined this message" },
};

const BsPhraseGroup bs_phrases_spamdetected = GROUP_EXCEPT (SPAMDETECTED, spamdetected);

static const BsPhraseRow policyviolation[] = {
  { "gmail-illegal-attachment", P1 ("an illegal attachment on your message"), /* Gmail attachment */
    "552-5.7.0 This message was blocked because it contains an illegal attachment on your message." },
  { "aol-not-accepting-mail-with", P1 ("because the recipient is not accepting mail with "), /* AOL Phoenix */
    "554 5.7.1 Delivery failed because the recipient is not accepting mail with attachments or embedded images" },
  { "not-accepting-mail-with", P1 ("they are not accepting mail with "), /* AOL's older notices */
    "Your mail to the following recipients could not be delivered because they are not accepting mail with attachments or embedded images:" },
  { "non-member-to-members-only-list", P1 ("by non-member to a members-only list"), /* list policy */
    "550 5.7.1 Posting by non-member to a members-only list" },
  { "closed-mailing-list", P1 ("closed mailing list"),            /* list policy */
    "550 5.7.1 This is a closed mailing list" },
  { "denied-by-policy", P1 ("denied by policy"),                  /* refused by the receiver's policy */
    "550 5.7.1 Message denied by policy" },
  { "yahoo-ph01-email-not-accepted", P1 ("email not accepted for policy reasons"), /* Yahoo PH01 */
    "554 5.7.9 Message not allowed - [PH01] Email not accepted for policy reasons." },
  { "email-rejected-security-policies", P1 ("email rejected due to security policies"), /* refused by the receiver's policy */
    "550 5.7.1 Email rejected due to security policies" },
  { "header-are-not-accepted", P1 ("header are not accepted"),    /* header policy */
    "550 5.7.1 Messages with this header are not accepted" },
  { "header-error", P1 ("header error"),                          /* header policy */
    "550 5.7.1 Header error" },
  { "local-policy-violation", P1 ("local policy violation"),      /* refused by the receiver's policy */
    "550 5.7.1 Local policy violation" },
  { "organizational-settings", P1 ("message bounced due to organizational settings"), /* organisation policy */
    "550 5.7.1 Message bounced due to organizational settings" },
  { "message-given-low-priority", P1 ("message given low priority"), /* refused by the receiver's policy (priority) */
    "550 5.7.1 Message given low priority" },
  { "yahoo-message-not-accepted", P1 ("message not accepted for policy reasons"), /* Yahoo 5.7.9 */
    "554 5.7.1 Message not accepted for policy reasons." },
  { "icloud-cs01-local-policy", P1 ("message rejected due to local policy"), /* iCloud CS01 */
    "554 5.7.1 [CS01] Message rejected due to local policy." },
  { "rejected-for-policy-reasons", P1 ("rejected for policy reasons"), /* refused by the receiver's policy */
    "550 5.7.1 Mail rejected for policy reasons" },
  { "protocol-violation", P1 ("protocol violation"),              /* protocol policy */
    "550 5.7.1 Protocol violation" },
  { "group-not-subscribed", P1 ("the email address used to send your message is not subscribed to this group"), /* group policy */
    "550 5.7.1 The email address used to send your message is not subscribed to this group." },
  { "organization-policy", P1 ("the message was rejected by organization policy"), /* organisation policy */
    "550 5.7.1 The message was rejected by organization policy" },
  { "gmail-content-potential-security-issue", P1 ("this message was blocked because its content presents a potential"), /* Gmail content */
    "552-5.7.0 This message was blocked because its content presents a potential security issue." },
  { "no-images-or-attachments", P1 ("we do not accept messages containing images or other attachments"), /* refused by the receiver's policy (attachments) */
    "550 5.7.1 We do not accept messages containing images or other attachments" },
  { "captcha-posts", P1 ("you have exceeded the allowable number of posts without solving a captcha"), /* refused by the receiver's policy (captcha) */
    "550 5.7.1 You have exceeded the allowable number of posts without solving a captcha" },
  { "captcha-posts-sic", P1 ("you have exceeded the the allowable number of posts without solving a captcha"), /* refused by the receiver's policy (captcha) */
    "550 5.7.1 You have exceeded the the allowable number of posts without solving a captcha" },
  { "gmail-policy-prohibited", P1 ("has a policy that prohibited the mail that you sent"), /* Gmail 5.7.1 policy */
    "550-5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail that you sent." },
  { "mimecast-content-examination", P1 ("message bounced due to content examination policy"), /* Mimecast: refused by the receiver's policy */
    "550 5.7.1 Message bounced due to content examination policy" },
  { "mimecast-anti-spoofing", P1 ("anti-spoofing policy"),        /* Mimecast anti-spoofing */
    "550 5.7.1 Rejected by header based Anti-Spoofing policy" },
  { "microsoft-policy-violation-detected", P1 ("policy violation detected"), /* Microsoft AS345 */
    "550 5.7.1 Policy violation detected (AS345)" },
};

const BsPhraseGroup bs_phrases_policyviolation = GROUP (POLICYVIOLATION, policyviolation);

static const BsPhraseRow rejected_except[] = {
  { "except-exchange-5.1.0-address", P1 ("5.1.0 address rejected"), /* Exchange: recipient, not sender */
    "550 5.1.0 Address rejected user@example.com" },
  { "except-recipient-address-rejected", P1 ("recipient address rejected"), /* Postfix: recipient */
    "550 5.1.1 <user@example.com>: Recipient address rejected: User unknown in local recipient table" },
  { "except-sender-ip-address-rejected", P1 ("sender ip address rejected"), /* blocked, not rejected */
    "550 Sender IP address rejected" },
};

static const BsPhraseRow rejected[] = {
  { "postfix-access-denied-mail-from", P1 ("access denied (in reply to mail from command)"), /* MAIL FROM refused */
    "host mx.example.net[192.0.2.25] said: 554 5.7.1 <info@example.org>: Access denied (in reply to MAIL FROM command)" },
  { "access-denied-sender-blacklisted", P1 ("access denied (sender blacklisted)"), /* sender blacklisted */
    "550 5.7.1 Access denied (sender blacklisted)" },
  { "address-rejected", P1 ("address rejected"),                  /* sender address rejected */
    "553 5.7.1 <info@example.org>: Sender address rejected: not owned by user" },
  { "exim-administrative-prohibition", P1 ("administrative prohibition"), /* Exim ACL on the sender */
    "550 5.7.1 Administrative prohibition" },
  { "sonicwall-batv-failed", P1 ("batv failed to verify"),        /* SonicWall BATV */
    "550 5.7.1 BATV failed to verify" },
  { "sonicwall-batv-validation", P1 ("batv validation failure"),  /* SonicWall BATV */
    "550 5.7.1 BATV validation failure" },
  { "mdaemon-backscatter-protection", P1 ("backscatter protection detected an invalid or expired email address"), /* MDaemon: the sender refused */
    "550 5.7.1 Backscatter protection detected an invalid or expired email address" },
  { "not-on-senders-to-accept", P1 ("because the sender isn't on the recipient's list of senders to accept mail from"), /* allow list */
    "550 5.7.1 Your message wasn't delivered because the sender isn't on the recipient's list of senders to accept mail from." },
  { "imail-bogus-mail-from", P1 ("bogus mail from"),              /* IMail: empty sender */
    "550 5.7.1 Bogus mail from" },
  { "no-valid-sender-domain", P1 ("connections not accepted from servers without a valid sender domain"), /* sender domain */
    "550 5.7.1 Connections not accepted from servers without a valid sender domain." },
  { "mcafee-bouncedeny", P1 ("denied [bouncedeny]"),              /* McAfee: the sender refused */
    "550 5.7.1 Denied [BOUNCEDENY]" },
  { "secumail-valid-address-filter", P1 ("denied by secumail valid-address-filter"), /* SecuMail: the sender refused */
    "550 5.7.1 Denied by SecuMail valid-address-filter" },
  { "delivery-not-authorized", P1 ("delivery not authorized, message refused"), /* sender not authorised */
    "554 5.7.1 Delivery not authorized, message refused" },
  { "sender-does-not-exist-e2110", P1 ("does not exist e2110"),   /* sender does not exist */
    "550 5.7.1 Sender does not exist E2110" },
  { "domain-of-sender-address", P1 ("domain of sender address "), /* Postfix: sender domain */
    "553 <info@example.org>... Domain of sender address info@example.org does not exist" },
  { "exchange-senderfilterconfig", P1 ("email address is on senderfilterconfig list"), /* Exchange sender filter */
    "550 5.7.1 Sender's email address is on SenderFilterConfig list" },
  { "orange-emetteur-invalide", P1 ("emetteur invalide"),         /* Orange: invalid sender */
    "550 5.7.1 mwinf5c00 ME Emetteur invalide. Invalid Sender. OFR_999 [999]" },
  { "empty-envelope-senders", P1 ("empty envelope senders not allowed"), /* empty sender */
    "553 5.7.1 Empty envelope senders not allowed" },
  { "mimecast-envelope-blocked", P1 ("envelope blocked - "),      /* Mimecast blocked sender */
    "550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550" },
  { "mimecast-envelope-blocked-en-dash", P1 ("envelope blocked \xe2\x80\x93 "), /* Mimecast blocked sender (en dash) */
    "550 Envelope blocked – User Entry" },
  { "spamwall-no-third-party-dsns", P1 ("error: no third-party dsns"), /* SpamWall: empty sender */
    "550 5.7.1 Error: no third-party DSNs" },
  { "godaddy-from-domain-invalid", P1 ("from: domain is invalid. please provide a valid from:"), /* GoDaddy IB506 */
    "550 5.7.1 From: domain is invalid. Please provide a valid From: IB506" },
  { "mcafee-fully-qualified-required", P1 ("fully qualified email address required"), /* McAfee: the sender refused */
    "550 5.7.1 Fully qualified email address required" },
  { "invalid-sender-domain-see-url", P1 ("invalid domain, see <url:"), /* invalid sender domain */
    "550 5.7.1 Invalid domain, see <URL:http://www.example.net/>" },
  { "invalid-sender", P1 ("invalid sender"),                      /* invalid sender */
    "550 5.7.1 Invalid sender" },
  { "not-a-registered-gateway-user", P1 ("is not a registered gateway user"), /* gateway user */
    "550 'user@example.com' is not a registered gateway user" },
  { "laposte-mail-from-not-owned", P1 ("mail from not owned by user"), /* La Poste 421 */
    "550 5.7.1 Mail from not owned by user. LPN105_104" },
  { "sender-domain-mx-records", P1 ("mx records for "),           /* sender domain MX */
    "550 5.7.1 MX records for example.org are invalid" },
  { "null-sender-not-allowed", P1 ("null sender is not allowed"), /* empty sender */
    "550 5.7.1 Null sender is not allowed" },
  { "recipient-addresses-access-denied", P1 ("recipient addresses rejected : access denied"), /* access denied */
    "550 5.7.1 Recipient addresses rejected : Access denied" },
  { "batv-no-tag", P1 ("recipient not accepted. (batv: no tag"),  /* BATV: the sender refused */
    "550 5.7.1 Recipient not accepted. (BATV: no tag" },
  { "returned-mail-not-accepted", P1 ("returned mail not accepted here"), /* empty sender */
    "550 5.7.1 Returned mail not accepted here" },
  { "rfc-1035-recursive-cname", P1 ("rfc 1035 violation: recursive cname records for"), /* sender DNS */
    "550 5.7.1 RFC 1035 violation: recursive CNAME records for example.org" },
  { "mailmarshal-rule-imposed-mailbox", P1 ("rule imposed mailbox access for"), /* MailMarshal: the sender refused */
    "550 5.7.1 Rule imposed mailbox access for user@example.com refused" },
  { "sender-address-blacklisted", P1 ("sender address has been blacklisted"), /* sender blacklisted */
    "550 5.7.1 Sender address has been blacklisted" },
  { "sender-in-my-black-list", P1 ("sender is in my black list"), /* sender blacklisted */
    "550 5.7.1 Sender is in my black list" },
  { "sender-is-spammer", P1 ("sender is spammer"),                /* sender blacklisted */
    "550 5.7.1 Sender is spammer" },
  { "sender-not-pre-approved", P1 ("sender not pre-approved"),    /* allow list */
    "550 5.7.1 Sender not pre-approved" },
  { "sender-rejected", P1 ("sender rejected"),                    /* sender rejected */
    "550 5.7.1 <info@example.org>: Sender rejected" },
  { "sender-domain-is-empty", P1 ("sender domain is empty"),      /* empty sender domain */
    "550 5.7.1 Sender domain is empty" },
  { "exim-sender-verify-failed", P1 ("sender verify failed"),     /* Exim callout */
    "550 5.7.1 Sender verify failed" },
  { "empty-email-address", P1 ("syntax error: empty email address"), /* empty sender */
    "553 5.7.1 Syntax error: empty email address" },
  { "batv-defense", P1 ("the message has been rejected by batv defense"), /* BATV: the sender refused */
    "550 5.7.1 The message has been rejected by BATV defense" },
  { "does-not-accept-mail-from", P1 ("this server does not accept mail from"), /* sender refused */
    "550 5.7.1 This server does not accept mail from example.org" },
  { "unsigned-dsn", P1 ("transaction failed unsigned dsn for"),   /* unsigned DSN */
    "550 5.7.1 Transaction failed unsigned DSN for user@example.com" },
  { "unroutable-sender-address", P1 ("unroutable sender address"), /* sender domain */
    "550 5.7.1 Unroutable sender address" },
  { "not-allowed-to-post-to-list", P1 ("you are not allowed to post to this mailing list"), /* the sender refused (list) */
    "550 5.7.1 You are not allowed to post to this mailing list" },
  { "address-has-been-blacklisted", P1 ("you are sending to/from an address that has been blacklisted"), /* blacklisted address */
    "550 5.7.1 You are sending to/from an address that has been blacklisted" },
  { "submission-access-rejected", P1 ("your access to submit messages to this e-mail system has been rejected"), /* the sender refused (submission) */
    "550 5.7.1 Your access to submit messages to this e-mail system has been rejected" },
  { "gmail-send-mail-as", P1 ("sending this from a different address or alias using the 'send mail as' feature"), /* Gmail Send mail as */
    "550-5.7.1 Try sending this from a different address or alias using the 'Send mail as' feature." },
  { "fml-not-a-member", P1 ("you are not a member of this mailing list"), /* fml: not a member */
    "550 5.7.1 You are not a member of this mailing list" },
  { "google-groups-permission-to-post", P1 ("may not have permission to post messages to the group"), /* Google Groups */
    "550 5.7.1 You may not have permission to post messages to the group" },
  { "google-groups-may-not-post", P1 ("you may not have permission to post"), /* Google Groups */
    "550 5.7.1 You may not have permission to post" },
  { "microsoft-sender-denied", P1 ("sender denied"),              /* Microsoft 5.1.0 */
    "550 5.7.1 Sender denied" },
  { "microsoft-bad-outbound-sender", P1 ("access denied, bad outbound sender"), /* Microsoft 5.1.8 */
    "550 5.7.1 Access denied, bad outbound sender" },
  { "microsoft-unknown-sender-address", P1 ("unknown sender address"), /* Microsoft 5.1.7 */
    "550 5.7.1 Unknown sender address" },
  { "google-mail-sending-denied", P1 ("mail sending denied"),     /* Google Workspace */
    "550 5.7.1 Mail sending denied" },
};

const BsPhraseGroup bs_phrases_rejected = GROUP_EXCEPT (REJECTED, rejected);

static const BsPhraseRow contenterror[] = {
  { "header-size-exceeds-maximum", P1 ("header size exceeds maximum permitted"), /* header too large */
    "552 Header size exceeds maximum permitted" },
  { "improper-8-bit-header", P1 ("improper use of 8-bit data in message header"), /* 8-bit header */
    "550 Improper use of 8-bit data in message header" },
  { "header-or-recipient-list-limit", P1 ("message header size, or recipient list, exceeds policy limit"), /* header limit */
    "552 Message header size, or recipient list, exceeds policy limit" },
  { "mime-complexity", P1 ("message mime complexity exceeds the policy maximum"), /* MIME complexity */
    "552 Message MIME complexity exceeds the policy maximum" },
  { "invalid-mime-headers", P1 ("this message contain invalid mime headers"), /* invalid MIME headers */
    "550 This message contain invalid MIME headers." },
  { "improperly-formatted-binary", P1 ("this message contain improperly-formatted binary content"), /* binary content */
    "550 This message contain improperly-formatted binary content." },
  { "unnecessary-base64", P1 ("this message contain text that uses unnecessary base64 encoding"), /* base64 text */
    "550 This message contain text that uses unnecessary base64 encoding." },
  { "gmail-message-malformed", P1 ("mail message is malformed"),  /* Gmail 5.6.0 malformed */
    "554 Your mail message is malformed." },
  { "microsoft-invalid-characters", P1 ("invalid characters"),    /* Microsoft 5.6.11 */
    "550 Message contains invalid characters (bare line feeds)" },
};

const BsPhraseGroup bs_phrases_contenterror = GROUP (CONTENTERROR, contenterror);

static const BsPhraseRow notcompliantrfc[] = {
  { "gmail-not-rfc-5322-compliant", P1 ("this message is not rfc 5322 compliant"), /* Gmail 5.7.1 RFC 5322 */
    "550-5.7.1 This message is not RFC 5322 compliant. There are multiple From headers." },
  { "gmail-help-link", P1 ("p=rfcmessagenoncompliant"),           /* Gmail help link for RFC 5322 */
    "550-5.7.1 To reduce spam, see https://support.google.com/mail/?p=RfcMessageNonCompliant" },
  { "gmail-multiple-from-addresses", P1 ("messages with multiple addresses in from:"), /* Gmail: several From: addresses */
    "550-5.7.1 Messages with multiple addresses in From: header are not accepted." },
  { "rfc-5322-compliant", P1 ("not rfc 5322 compliant"),          /* RFC 5322 violation */
    "550 5.7.1 Your message is not RFC 5322 compliant" },
  { "yahoo-headers-not-rfc-compliant", P1 ("headers are not rfc compliant"), /* Yahoo: RFC headers */
    "554 5.7.1 Message not accepted: headers are not RFC compliant" },
  { "microsoft-rfc-5322-3.6.2", P1 ("rfc 5322 section 3.6.2 compliant"), /* Microsoft 5.7.512 From: */
    "550 5.7.1 Message rejected: the From: header is not RFC 5322 section 3.6.2 compliant" },
  { "duplicate-header", P1 ("duplicate header"),                  /* duplicate header fields */
    "550 5.7.1 Duplicate header field" },
  { "multiple-subject-headers", P1 ("multiple subject headers"),  /* duplicate Subject: */
    "550 5.7.1 Message has multiple Subject headers" },
  { "multiple-from-headers", P1 ("multiple from headers"),        /* duplicate From: */
    "550 5.7.1 Message has multiple From headers" },
  { "missing-message-id", P1 ("missing message-id"),              /* no Message-ID: */
    "550 5.7.1 Missing Message-Id" },
  { "no-message-id-header", P1 ("no message-id header"),          /* no Message-ID: */
    "550 5.7.1 No Message-Id header" },
  { "missing-or-invalid-date", P1 ("missing or invalid date header"), /* no Date: */
    "550 5.7.1 Missing or invalid Date header" },
};

const BsPhraseGroup bs_phrases_notcompliantrfc = GROUP (NOTCOMPLIANTRFC, notcompliantrfc);

static const BsPhraseRow virusdetected[] = {
  { "executable-attachment", P1 ("it has a potentially executable attachment"), /* a virus found (executable) */
    "552 5.7.1 Your message was rejected because it has a potentially executable attachment" },
  { "prohibited-virus-or-spam", P1 ("the message was rejected because it contains prohibited virus or spam content"), /* a virus found */
    "554 5.7.1 The message was rejected because it contains prohibited virus or spam content" },
  { "attachment-used-by-viruses", P1 ("this form of attachment has been used by recent viruses or other malware"), /* a virus found (malware) */
    "552 5.7.1 This form of attachment has been used by recent viruses or other malware." },
  { "virus-detected", P1 ("virus detected"),                      /* a virus found */
    "554 5.7.1 Virus detected" },
  { "infected-with-a-virus", P1 ("your message was infected with a virus"), /* a virus found */
    "554 5.7.1 Your message was infected with a virus" },
  { "godaddy-virus-infected", P1 ("virus infected message rejected"), /* GoDaddy IB705 */
    "552 5.7.1 Virus infected message rejected. IB705" },
  { "message-contains-a-virus", P1 ("message contains a virus"),  /* a virus found */
    "554 5.7.1 Message contains a virus" },
  { "infected-with", P1 ("infected with"),                        /* "infected with <malware>" */
    "554 5.7.1 Message is infected with Eicar-Test-Signature" },
};

const BsPhraseGroup bs_phrases_virusdetected = GROUP (VIRUSDETECTED, virusdetected);

static const BsPhraseRow mesgtoobig[] = {
  { "exceeded-maximum-inbound-size", P1 ("exceeded maximum inbound message size"), /* message too big (size) */
    "552 Message exceeded maximum inbound message size" },
  { "line-limit-exceeded", P1 ("line limit exceeded"),            /* line limit */
    "552 Line limit exceeded" },
  { "max-message-size-exceeded", P1 ("max message size exceeded"), /* message too big (size) */
    "552 Max message size exceeded" },
  { "message-file-too-big", P1 ("message file too big"),          /* message too big (size) */
    "552 Message file too big" },
  { "length-exceeds-administrative-limit", P1 ("message length exceeds administrative limit"), /* message too big (size) */
    "552 Message length exceeds administrative limit" },
  { "size-exceeds-fixed-limit", P1 ("message size exceeds fixed limit"), /* message too big (size) */
    "552 Message size exceeds fixed limit" },
  { "size-exceeds-fixed-maximum", P1 ("message size exceeds fixed maximum message size"), /* Sendmail/qmail size */
    "552 Message size exceeds fixed maximum message size (10000000)" },
  { "size-exceeds-maximum-value", P1 ("message size exceeds maximum value"), /* message too big (size) */
    "552 Message size exceeds maximum value" },
  { "message-too-big", P1 ("message too big"),                    /* message too big (size) */
    "552 Message too big" },
  { "too-large-for-this-system", P1 ("message too large for this "), /* message too big (size) */
    "552 Message too large for this system" },
  { "size-limit", P1 ("size limit"),                              /* message too big (size) */
    "552 The message exceeds our size limit" },
  { "orange-taille-limite", P1 ("taille limite du message atteinte"), /* Orange: size */
    "552 Taille limite du message atteinte" },
  { "qmail-databytes-limit", P1 ("message size exceeds my databytes limit"), /* qmail databytes */
    "552 sorry, that message size exceeds my databytes limit" },
  { "mimecast-maximum-email-size", P1 ("maximum email size exceeded"), /* Mimecast: message too big */
    "552 Maximum email size exceeded" },
  { "exceeds-maximum-size", P1 ("message exceeds maximum size"),  /* message too big (size) */
    "552 Message exceeds maximum size" },
};

const BsPhraseGroup bs_phrases_mesgtoobig = GROUP (MESGTOOBIG, mesgtoobig);

static const BsPhraseRow exceedlimit[] = {
  { "header-size-exceeds-limit", P1 ("message header size exceeds limit"), /* header size limit */
    "552 5.3.0 Message header size exceeds limit" },
  { "message-too-large", P1 ("message too large"),                /* size limit of the recipient */
    "552 5.3.0 Message too large" },
  { "ses-exceeds-recipient-limit", P1 ("message length exceeds limit set by recipient"), /* Amazon SES receiving 5.2.3 */
    "552 5.3.0 Message length exceeds limit set by recipient" },
};

const BsPhraseGroup bs_phrases_exceedlimit = GROUP (EXCEEDLIMIT, exceedlimit);
