/* rfc3834.c - automatic replies (RFC 3834): not delivery failures
 *
 * Recognised by Auto-Submitted: auto-replied, by the headers Microsoft and
 * others add (X-Auto-Response-Suppress with an "Automatic reply:" subject,
 * X-Autoreply, Precedence: auto_reply) or an out-of-office subject.  Gives
 * one record with reason "vacation" for the address that answered.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "../smtp.h"

/* subjects that mark an automatic reply (each seen in real auto-replies) */
static const char *const auto_subjects[] = {
  "auto:", "automatic reply", "auto reply", "autoreply", "auto-reply",
  "out of office", "out of the office", "vacation", "away from", "away until",
  "自動応答", "自動返信", "不在", "abwesenheit", "absence", "réponse automatique",
};

gboolean
bs_lhost_rfc3834 (const BsMail *mail, GPtrArray *records)
{
  if (records->len > 0 || mail->dsn->len > 0)
    return FALSE;
  g_autofree char *auto_sub = bs_mail_header (mail, "Auto-Submitted");
  g_autofree char *prec = bs_mail_header (mail, "Precedence");
  g_autofree char *x_auto = bs_mail_header (mail, "X-Autoreply");
  g_autofree char *x_autorespond = bs_mail_header (mail, "X-Autorespond");
  g_autofree char *suppress = bs_mail_header (mail, "X-Auto-Response-Suppress");
  g_autofree char *subject_raw = bs_mail_header (mail, "Subject");
  g_autofree char *subject = subject_raw ? g_utf8_strdown (subject_raw, -1) : g_strdup ("");

  gboolean subject_auto = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (auto_subjects); i++)
    if (strstr (subject, auto_subjects[i]) != NULL)
      subject_auto = TRUE;

  gboolean is_auto = FALSE;
  const char *evidence = NULL;
  if (auto_sub && g_ascii_strncasecmp (auto_sub, "auto-replied", 12) == 0)
    is_auto = TRUE, evidence = "Auto-Submitted: auto-replied";
  else if (x_auto || x_autorespond)
    is_auto = TRUE, evidence = "X-Autoreply";
  else if (prec && g_ascii_strncasecmp (prec, "auto_reply", 10) == 0)
    is_auto = TRUE, evidence = "Precedence: auto_reply";
  else if (suppress && subject_auto)
    is_auto = TRUE, evidence = "X-Auto-Response-Suppress with an automatic-reply subject";
  if (!is_auto)
    return FALSE;

  g_autofree char *from = bs_mail_header (mail, "From");
  g_autofree char *addr = bs_smtp_address (from);
  BsRecord *r = bs_record_new ();
  bs_record_set (&r->recipient, addr);
  bs_record_set (&r->reason, "vacation");
  bs_record_set (&r->diagnostic, subject_raw);
  bs_record_set (&r->rule, "rfc3834");
  bs_record_set (&r->evidence, evidence);
  g_ptr_array_add (records, r);
  return TRUE;
}
