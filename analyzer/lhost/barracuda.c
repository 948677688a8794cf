/* barracuda.c - Barracuda Spam Firewall's refusals
 *
 * Recognised by a subject naming "our bulk email filter" ("Message you
 * sent blocked by our bulk email filter"); "Your message to:" opens the
 * notice and a delivery-status part lists the recipients.  After Sisimai's
 * Lhost::Barracuda, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "../find.h"

#include "kit.h"

static const char *const starts[] = { "Your message to:", NULL };
static const BsFormat format = {
  .name = "barracuda", .notice = { .start = starts },
};

gboolean
bs_lhost_barracuda (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  const char *p = subject ? bs_strstr (subject, "our bulk email filter") : NULL;
  if (p == NULL || p == subject)
    return FALSE;
  return bs_format_read (mail, records, &format, NULL);
}
