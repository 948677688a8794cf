/* classify.c - walk the rule tables to give each record its verdict
 *
 * Precedence: a reason the format stated itself (auto-reply, feedback) is
 * kept; then the status code's meaning; then nothing: "undefined".
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "classify.h"

#include <string.h>

#include "bs.h"

gboolean
bs_classify_load_rules (const char *path, GError **error)
{
  g_set_error (error, BS_ERROR, BS_ERROR_USAGE, "%s: user rules are not supported yet", path);
  return FALSE;
}

static const struct {
  const char *status;
  const char *reason;
} by_status[] = {
  { "5.1.1", "userunknown" }, { "5.1.2", "hostunknown" }, { "5.2.2", "mailboxfull" },
  { "4.2.2", "mailboxfull" }, { "5.4.7", "expired" }, { "4.4.7", "expired" },
  { "5.7.1", "blocked" }, { "5.1.10", "userunknown" }, { "5.4.4", "hostunknown" },
};

void
bs_classify_record (const BsMail *mail, BsRecord *r)
{
  if (r->reason == NULL && r->status != NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (by_status); i++)
      if (strcmp (r->status, by_status[i].status) == 0)
        {
          bs_record_set (&r->reason, by_status[i].reason);
          bs_record_set (&r->rule, "status");
          bs_record_set (&r->evidence, r->status);
          break;
        }
  if (r->reason == NULL)
    bs_record_set (&r->reason, "undefined");
  r->hard_bounce = strcmp (r->reason, "userunknown") == 0 || strcmp (r->reason, "hostunknown") == 0
                   || strcmp (r->reason, "hasmoved") == 0 || strcmp (r->reason, "notaccept") == 0;
  if (r->status == NULL && bs_record_is_failure (r))
    {
      char cls = r->reply_code >= 400 && r->reply_code < 500 ? '4' : '5';
      g_autofree char *st = g_strdup_printf ("%c.0.0", cls);
      bs_record_set (&r->status, st);
      bs_record_set (&r->status_from, "inferred");
    }
  (void) mail;
}
