/* canonical.h - one spelling of an IP address and of a domain name, shared
 * by every layer that compares them: the history's sender filter, the live
 * checks (what they ask and store) and the reports (what they look up).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

/* an IP address as numbers: IPv4 in the first 4 bytes */
typedef struct {
  int family;   /* AF_INET or AF_INET6 */
  guint8 b[16];
} BsIp;

/* bs_ip_parse - text ("192.0.2.1", "[192.0.2.1]", "IPv6:2001:db8::1") into
 * ip, an IPv4-mapped IPv6 address as IPv4; FALSE when it is no IP address
 * (or longer than 64 bytes) */
gboolean bs_ip_parse (const char *text, BsIp *ip);

/* bs_canonical_ip - text ("192.0.2.1", "[192.0.2.1]", "IPv6:2001:db8::1",
 * "::ffff:192.0.2.9") as inet_ntop writes it, an IPv4-mapped IPv6 address
 * as IPv4; NULL when text is no IP address (or longer than 64 bytes) */
char *bs_canonical_ip (const char *text);

/* bs_canonical_domain - text as a domain name in lower-case ASCII (IDNA for
 * Unicode names), without blanks, leading '@' or '.', or trailing dots;
 * NULL when it is no domain name: invalid UTF-8, an empty label or one over
 * 63 bytes, a label that starts or ends with '-', a byte other than letters,
 * digits, '-' and '_', or more than 253 bytes in all */
char *bs_canonical_domain (const char *text);
