/* facebook.c - Facebook's bounces (mail to @facebook.com addresses)
 *
 * Recognised by From "Facebook <mailer-daemon@mx.facebook.com>" and the
 * subject "Sorry, your message could not be delivered"; the recipients are
 * in the delivery-status part, whose text carries Facebook's response code
 * (RCP-P1, POL-P2, ...): it names the reason.  After Sisimai's
 * Lhost::Facebook, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "providerscan.h"

static const char *const starts[] = { "This message was created automatically by Facebook.", NULL };

/* Facebook's response codes (postmaster.facebook.com/response_codes) */
static const struct {
  const char *code;
  BsReason reason;
} codes[] = {
  { "RCP-P1", BS_REASON_USERUNKNOWN }, /* the recipient address does not exist */
  { "INT-P1", BS_REASON_USERUNKNOWN },                      /* the recipient address does not exist (internal) */
  { "INT-P3", BS_REASON_USERUNKNOWN }, /* the recipient group does not exist */
  { "INT-P4", BS_REASON_USERUNKNOWN },                      /* the recipient address does not exist (internal) */
  { "RCP-P2", BS_REASON_FILTERED }, /* the recipient's preferences refuse it */
  { "RCP-P3", BS_REASON_FILTERED }, /* the recipient's privacy settings */
  { "POL-P1", BS_REASON_BLOCKED }, /* your IP is on the Spamhaus PBL */
  { "POL-P2", BS_REASON_BLOCKED }, /* mail from your IP no longer accepted */
  { "MSG-P1", BS_REASON_MESGTOOBIG }, /* over the maximum size */
  { "INT-P2", BS_REASON_MESGTOOBIG },                       /* over the maximum size (internal) */
  { "MSG-P2", BS_REASON_CONTENTERROR }, /* attachment type not accepted */
  { "MSG-P3", BS_REASON_CONTENTERROR }, /* a header field present twice */
  { "POL-P6", BS_REASON_CONTENTERROR }, /* a blocked URL */
  { "POL-P7", BS_REASON_CONTENTERROR }, /* not compliant with the abuse policies */
  { "POL-P3", BS_REASON_NOTACCEPT }, /* not accepting mail from your server */
  { "POL-P4", BS_REASON_NOTACCEPT },                        /* not accepting mail from your server */
  { "POL-T1", BS_REASON_NOTACCEPT },                        /* not accepting mail from your server for now */
  { "POL-T2", BS_REASON_NOTACCEPT },                        /* not accepting mail from your server for now */
  { "POL-T3", BS_REASON_NOTACCEPT },                        /* not accepting mail from your server for now */
  { "DNS-P1", BS_REASON_REJECTED }, /* MAIL FROM domain does not exist */
  { "DNS-P2", BS_REASON_REJECTED }, /* MAIL FROM domain has no MX */
  { "DNS-T1", BS_REASON_REJECTED }, /* MAIL FROM domain does not resolve */
  { "DNS-P3", BS_REASON_REJECTED }, /* your server has no reverse DNS */
  { "DNS-T2", BS_REASON_REJECTED },                         /* your server's reverse DNS does not resolve for now */
  { "CON-T1", BS_REASON_SYSTEMERROR }, /* Facebook's server has too many connections */
  { "RCP-T1", BS_REASON_SYSTEMERROR }, /* the recipient is unavailable for now */
  { "CON-T2", BS_REASON_TOOMANYCONN }, /* your server has too many connections open */
  { "CON-T3", BS_REASON_TOOMANYCONN }, /* too many new connections */
  { "POL-P5", BS_REASON_VIRUSDETECTED }, /* a virus */
  { "RCP-T4", BS_REASON_SUSPEND }, /* the recipient address is deactivated */
  { "MSG-T1", BS_REASON_UNDEFINED }, /* too many recipients */
  { "CON-T4", BS_REASON_UNDEFINED },                        /* too many messages on one connection */
};

/* "RCP-P1": three capitals, a dash, a capital, a digit, standing alone */
static char *
response_code (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (p > text && g_ascii_isalnum (p[-1]))
        continue;
      if (g_ascii_isupper (p[0]) && g_ascii_isupper (p[1]) && g_ascii_isupper (p[2]) && p[3] == '-'
          && g_ascii_isupper (p[4]) && g_ascii_isdigit (p[5]) && !g_ascii_isalnum (p[6]))
        return g_strndup (p, 6);
    }
  return NULL;
}

static void
finish (BsRecord *r, gpointer user)
{
  g_autofree char *code = response_code (r->diagnostic);
  if (code == NULL)
    return;
  bs_record_set (&r->provider_code, code);
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    if (strcmp (code, codes[i].code) == 0)
      {
        bs_set_reason_to (r, codes[i].reason, "facebook", code);
        return;
      }
  if (g_str_has_prefix (code, "INT-T"))
    bs_set_reason_to (r, BS_REASON_SYSTEMERROR, "facebook", code);
}

static const BsPscanFormat format = { "facebook", { .start = starts }, .finish = finish };

gboolean
bs_lhost_facebook (const BsMail *mail, GPtrArray *records)
{
  if (!bs_pscan_header_is (mail, "From", "Facebook <mailer-daemon@mx.facebook.com>")
      || !bs_pscan_header_is (mail, "Subject", "Sorry, your message could not be delivered"))
    return FALSE;
  return bs_pscan_dsn_format (mail, records, &format, NULL);
}
