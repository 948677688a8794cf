/* amazonses.h - how Amazon's mail services (SES, WorkMail, SES receiving)
 * write a status: shared by amazonses.c, amazonworkmail.c, receivingses.c
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include "kit.h"

G_BEGIN_DECLS

/* bs_amazon_refine_status - a status of x.0.0 or x.1.0 replaced by the
 * more precise one quoted in the diagnostic ("5.1.0 - Unknown address
 * error 550-'5.7.1 ...'") */
void bs_amazon_refine_status (BsRecord *r);

/* bs_amazon_inner_reply - a reply quoted in angle brackets inside the
 * diagnostic ("554 4.4.7 Message expired ... <421 4.4.2 Connection timed
 * out>") is the remote's last word: its reply code and status win */
void bs_amazon_inner_reply (BsRecord *r);

G_END_DECLS
