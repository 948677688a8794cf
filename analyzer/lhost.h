/* lhost.h - format parsers: one module per MTA or provider that writes bounces
 *
 * A parser recognises a bounce by what the message is (its headers and
 * structure, never a file name) and turns it into records holding the facts
 * it states: recipient, status, reply code, diagnostic text, remote MTA,
 * SMTP command, action.  It may find records already made by the RFC 3464
 * parser (dsn.c) in `records`; it may complete or replace them.  Verdicts
 * (reason, blocklist, advice) are analyzer/classify/'s job, except where a format
 * states the reason itself (an auto-reply, a feedback report).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

#include "mail.h"
#include "record.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;   /* the `mta` value of its records: "postfix", "exim" ... */
  /* parse - return TRUE when the message is this format's and records now
   * holds its recipients (BsRecord *, at least one); FALSE leaves records as
   * it found them */
  gboolean (*parse) (const BsMail *mail, GPtrArray *records);
} BsLhost;

/* bs_lhost_table - the parsers in the order they are tried (transfer none) */
const BsLhost *bs_lhost_table (gsize *n_parsers);

/* bs_lhost_disable - leave the module called name out of every later
 * bs_parse_mail (the leave-one-out tests: `dump --without-format=NAME`);
 * call before any scan starts.  FALSE when no module has that name. */
gboolean bs_lhost_disable (const char *name);

/* bs_lhost_enabled - FALSE for row i of the table once it was disabled */
gboolean bs_lhost_enabled (gsize i);

/* bs_parse_mail - all the records one message gives (transfer full; empty
 * for a message that is not a bounce); sets *mta to the format's name */
GPtrArray *bs_parse_mail (const BsMail *mail, const char **mta);

G_END_DECLS
