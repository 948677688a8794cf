/* exim.h - what Exim's notices share with the providers that run Exim
 * (mxlogic.c, mailru.c)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "kit.h"

G_BEGIN_DECLS

/* bs_exim_finish - for a record read from a notice Exim wrote: the remote
 * host from "host X [IP]: ", the command from "SMTP error from remote mail
 * server after RCPT", and the reason Exim's own texts state (rejected after
 * MAIL, blocked after HELO/EHLO, its fixed phrases, delays); rules are
 * "lhost-<name>" */
void bs_exim_finish (BsRecord *r, const char *name);

/* bs_exim_subject - TRUE when subject holds one of Exim's ("Mail delivery
 * failed", "Warning: message ", ...) */
gboolean bs_exim_subject (const char *subject);

G_END_DECLS
