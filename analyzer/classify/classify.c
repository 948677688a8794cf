/* classify.c - the verdict on one record: its reason (reason.c), then
 * hard or soft, and, whatever the reason, the blocklist, the provider code,
 * the refused sending IP and a status when the bounce gave none
 *
 * Diagnostic text is lower-cased once per record (context.c) and searched
 * with strstr (phrase.c); no regex.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "internal.h"

#include <string.h>

#include "../advice.h"
#include "../find.h"

/* words that make a failure without a status temporary (class 4): the MTA
 * gave up after temporary errors, or says the error was temporary */
static const char *const temporary_words[] = {
  "temporar",                                      /* "temporary failure", "temporarily" */
  "persistent",                                    /* "persistent transient failure" (Sisimai) */
  ": retry timeout exceeded",                      /* Exim: a temporary error, then the retry time ran out */
  "have been failing for a long time",             /* Exim's smtp transport: every host kept failing */
  "retry time not reached for any host after a long failure period", /* Exim's smtp transport */
};

/* permanent_class - '4' or '5' for a record without a status (after
 * Sisimai's test of a permanent error): the reply's class, else 4 for a
 * delay (the message is still queued) or for a text that says the error
 * was temporary, else 5 */
static char
permanent_class (const BsRecord *r, const char *diag)
{
  if (r->reply_code >= 400 && r->reply_code < 500)
    return '4';
  if (r->reply_code >= 500 && r->reply_code < 600)
    return '5';
  if (r->action && g_ascii_strcasecmp (r->action, "delayed") == 0)
    return '4';
  for (gsize i = 0; i < G_N_ELEMENTS (temporary_words); i++)
    if (bs_strstr (diag, temporary_words[i]) != NULL)
      return '4';
  return '5';
}

void
bs_classify_record (const BsMail *mail, BsRecord *r)
{
  if (r == NULL)
    return;
  /* the generic reader (lhost/generic.c) names the cue that found the
   * recipient: "generic:<cue>" stays in front of the reason's rule */
  g_autofree char *cue = r->reason == BS_REASON_NONE && r->rule != NULL && g_str_has_prefix (r->rule, "generic:")
                           ? g_strdup (r->rule) : NULL;
  Ctx c;
  bs_ctx_init (&c, mail, r);
  const BsUserRule *user = NULL;
  bs_classify_reason (&c, &user);

  r->reason = c.reason;
  if (cue != NULL)
    {
      g_autofree char *both = g_strconcat (cue, " ", c.rule, NULL);
      bs_record_set (&r->rule, both);
    }
  else
    bs_record_set (&r->rule, c.rule);
  bs_record_set (&r->evidence, c.evidence ? c.evidence : bs_reason_name (c.reason));

  /* hard: the address or its domain cannot receive mail at all; not a
   * carrier's "Unknown user", which may be the recipient's own filter */
  gboolean temporary = (r->status && r->status[0] == '4') || (r->reply_code >= 400 && r->reply_code < 500);
  r->hard_bounce = bs_reason_hard (c.reason, temporary) && !bs_advice_record_ambiguous (r);
  if (user != NULL && bs_user_rule_hard (user) >= 0)
    r->hard_bounce = bs_user_rule_hard (user) == 1;

  /* a delay warning is no failure, but what delays it (a blocklist, a
   * provider's code, the sending IP named) is worth telling too */
  gboolean delayed = r->action != NULL && g_ascii_strcasecmp (r->action, "delayed") == 0;
  if (bs_record_is_failure (r) || delayed)
    {
      /* provider code and blocklist */
      g_autofree char *code = bs_classify_provider_code (r->diagnostic);
      if (r->provider_code == NULL)
        bs_record_set (&r->provider_code, code);
      if (r->blocklist == NULL)
        {
          const char *b = user && bs_user_rule_blocklist (user) ? bs_user_rule_blocklist (user)
                                                                : bs_classify_blocklist (&c, r->provider_code);
          bs_record_set (&r->blocklist, b);
        }

      /* the refused sending IP */
      if (r->sending_ip == NULL)
        {
          g_autofree char *ip = bs_classify_ip (r->diagnostic);
          if (ip != NULL && (r->remote_mta == NULL || bs_strstr (r->remote_mta, ip) == NULL))
            {
              bs_record_set (&r->sending_ip, ip);
              bs_record_set (&r->sending_ip_from, "reply");
            }
          else if (mail != NULL && (r->blocklist != NULL || bs_reason_provider_refused (c.reason)))
            {
              /* a field the remote MTA added to the original names what it
               * saw; else, when the reporting MTA talked to a remote one, its
               * own address where the bounce came from it (it is the host
               * that sent the original on); else the original's last hop
               * that was not a submission (the reporting MTA refused the
               * message itself: a gateway's filter) */
              gboolean by_remote = FALSE;
              g_autofree char *rip = bs_classify_received_ip_by (mail->original, r->remote_mta, c.domain,
                                                                 &by_remote);
              if (!by_remote && r->remote_mta != NULL && *r->remote_mta != '\0')
                {
                  char *own = bs_classify_reporter_ip (mail->received, r->reporting_mta);
                  if (own != NULL)
                    {
                      g_free (rip);
                      rip = own;
                    }
                }
              if (rip != NULL)
                {
                  bs_record_set (&r->sending_ip, rip);
                  bs_record_set (&r->sending_ip_from, "received");
                }
            }
        }
    }
  /* a status for failures and delays that gave none: the class only */
  if (r->status == NULL && (bs_record_is_failure (r) || delayed))
    {
      char st[6] = { permanent_class (r, c.diag), '.', '0', '.', '0', '\0' };
      bs_record_set (&r->status, st);
      bs_record_set (&r->status_from, "inferred");
    }
  bs_ctx_clear (&c);
}
