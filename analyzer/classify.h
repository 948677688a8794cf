/* classify.h - the verdict on one record: reason, hard/soft, blocklist,
 * provider code, refused sending IP, and the rule that decided
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "mail.h"
#include "record.h"

G_BEGIN_DECLS

/* bs_classify_load_rules - read a user's rules file, tried before the
 * built-in tables; call before any classification */
gboolean bs_classify_load_rules (const char *path, GError **error);

/* bs_classify_record - fill the verdict fields of r from its facts and the
 * message it came from; thread-safe */
void bs_classify_record (const BsMail *mail, BsRecord *r);

/* bs_classify_stable_rule_id - the stable id (rules/rules.h) of the rule
 * that an older version named by its position ("phrase:blocked:22"), found
 * again by what it matched: the record's evidence, reason, status, reply,
 * command, format and diagnostic as the history kept them.  A new string,
 * or NULL when r->rule is no positional id or no row matches now. */
char *bs_classify_stable_rule_id (const BsRecord *r);

/* helpers bs_classify_record uses, exposed for the unit tests (all return
 * a new string or NULL) */

/* bs_classify_ip - the sender's IP address a refusal names ("Client host
 * [203.0.113.5]", "messages from 203.0.113.5", "?ip=..."), never the
 * remote server's own ("host mx.example.com[192.0.2.1] said") */
char *bs_classify_ip (const char *text);

/* bs_classify_received_ip - the first public bracketed address of the
 * "Received: from" fields of a header block, preferring a field that the
 * remote MTA (or a host of the recipient's domain) added; fields of a
 * submission (ESMTPA/ESMTPSA, "Authenticated sender:", local) are skipped */
char *bs_classify_received_ip (const char *headers, const char *remote_mta, const char *domain);

/* bs_classify_reporter_ip - the public bracketed address of the reporting
 * MTA in the bounce's own Received fields ("from smtp5.example.jp
 * (smtp5.example.jp [203.0.113.5]) by mx1..."): the host that bounced the
 * message, and most often the one that had sent it on; NULL */
char *bs_classify_reporter_ip (const GPtrArray *received, const char *reporting_mta);

/* bs_classify_provider_of - the provider (rules/rhost.c) of a recipient's
 * domain, else of a remote MTA's name (both lower case, "" for none) */
const char *bs_classify_provider_of (const char *rhost, const char *domain);

/* bs_classify_provider_code - the first provider code in a reply: "S3150"
 * from "(S3150)", "SC-001", "TSS04" from "[TSS04]", "IB104", "CXBL" from
 * "AUP#CXBL", "OFR006_102" ... */
char *bs_classify_provider_code (const char *text);

G_END_DECLS
