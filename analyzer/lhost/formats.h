/* formats.h - the list of formats, in the order they are tried
 *
 * One line BS_FORMAT (name) per format module analyzer/lhost/<name>.c,
 * whose function bs_lhost_<name>() reads a message (lhost.h) and whose
 * records carry "<name>" as their `mta`.  This list is all there is to
 * registering a format: lhost.c makes the prototypes and the ordered table
 * from it, and lhost/meson.build reads it for the source list (a line of
 * this file that starts "BS_FORMAT (" names a source file).  Every format
 * has its samples in samples/formats/<name>/ (tests/test-formats.c).
 *
 * The order: a specific format before a generic one (they know their own
 * quirks and may complete what dsn.c read): providers and appliances, then
 * MTAs and their plain-text notices, then the readers of reports that are
 * no failures, the RFC 3464 text reading, and the generic reader of
 * bounces no module knows (generic.c) the very last.  Included
 * with BS_FORMAT defined; not a header of its own.
 * SPDX-License-Identifier: BSD-2-Clause
 */

/* providers and appliances */
BS_FORMAT (yahoo)
BS_FORMAT (googleworkspace)
BS_FORMAT (googlegroups)
BS_FORMAT (gmail)
BS_FORMAT (office365)
BS_FORMAT (exchange2007)
BS_FORMAT (exchange2003)
BS_FORMAT (amazonses)
BS_FORMAT (amazonworkmail)
BS_FORMAT (receivingses)
BS_FORMAT (outlook)
BS_FORMAT (aol)
BS_FORMAT (sendgrid)
BS_FORMAT (yandex)
BS_FORMAT (messagelabs)
BS_FORMAT (barracuda)
BS_FORMAT (bigfoot)
BS_FORMAT (facebook)
BS_FORMAT (zoho)
BS_FORMAT (mcafee)
BS_FORMAT (gmx)
BS_FORMAT (einsundeins)
BS_FORMAT (mxlogic)
BS_FORMAT (mailru)
BS_FORMAT (mailfoundry)
BS_FORMAT (mailmarshalsmtp)
BS_FORMAT (verizon)
BS_FORMAT (surfcontrol)
BS_FORMAT (mda)
/* MTAs and their plain-text notices */
BS_FORMAT (activehunter)
BS_FORMAT (amavis)
BS_FORMAT (apachejames)
BS_FORMAT (biglobe)
BS_FORMAT (courier)
BS_FORMAT (domino)
BS_FORMAT (ezweb)
BS_FORMAT (fml)
BS_FORMAT (imailserver)
BS_FORMAT (interscanmss)
BS_FORMAT (kddi)
BS_FORMAT (messagingserver)
BS_FORMAT (mfilter)
BS_FORMAT (notes)
BS_FORMAT (opensmtpd)
BS_FORMAT (powermta)
BS_FORMAT (maildeliversystem)
BS_FORMAT (deliveryfailure)
BS_FORMAT (statusnotification)
BS_FORMAT (notificationrelay)
BS_FORMAT (sendingerror)
BS_FORMAT (exim)
BS_FORMAT (sendmail)
BS_FORMAT (postfix)
BS_FORMAT (qmail)
BS_FORMAT (v5sendmail)
BS_FORMAT (qmaillike)
/* reports that are no delivery failures */
BS_FORMAT (arf)
BS_FORMAT (rfc3834)
/* the last resort: tried once every format above has left the message */
BS_FORMAT (rfc3464)
BS_FORMAT (generic)
