/* exchange2007.c - Microsoft Exchange Server 2007 and later (on premises)
 *
 * Recognised by an "Undeliverable:" subject (or the French "Non remis" and
 * Italian "Non recapitabile" ones), a Content-Language header, and none of
 * Exchange Online's cross-tenant headers.  Under "Diagnostic information
 * for administrators:" and "Generating server:" each recipient stands on
 * its own line, followed by the remote's reply "#550 5.1.1 RESOLVER...".
 * Exchange's own RESOLVER/QUEUE codes name the reason.  After Sisimai's
 * Lhost::Exchange2007, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <string.h>

#include "../smtp.h"
#include "providerscan.h"

static const char *const starts[] = {
  "Diagnostic information for administrators:",                  /* en-US */
  "Informations de diagnostic pour les administrateurs",         /* fr-FR */
  "Informazioni di diagnostica per gli amministratori",          /* it-CH */
  NULL,
};
static const char *const stops[] = {
  "Original message headers:", "En-têtes de message d'origine :",
  "Intestazioni originali del messaggio:", NULL,
};

static const char *const generating[] = {
  "Generating server:", "Serveur de génération", "Server di generazione", NULL,
};

/* Exchange's NDR codes and the reasons they name */
static const BsPhrase codes[] = {
  { BS_REASON_HOSTUNKNOWN, "SMTPSEND.DNS.NonExistentDomain;" }, /* 554 5.4.4 */
  { BS_REASON_NETWORKERROR, "SMTPSEND.DNS.MxLoopback;" }, /* 554 5.4.4 */
  { BS_REASON_SYSTEMERROR, "RESOLVER.ADR.BadPrimary;" }, /* 550 5.2.0 */
  { BS_REASON_USERUNKNOWN, "RESOLVER.ADR.RecipNotFound;" }, /* 550 5.1.1 */
  { BS_REASON_USERUNKNOWN, "RESOLVER.ADR.ExRecipNotFound;" }, /* 550 5.1.1 */
  { BS_REASON_TOOMANYCONN, "RESOLVER.ADR.RecipLimit;" }, /* 550 5.5.3 */
  { BS_REASON_SYSTEMERROR, "RESOLVER.ADR.InvalidInSmtp;" }, /* 550 5.1.0 */
  { BS_REASON_SYSTEMERROR, "RESOLVER.ADR.Ambiguous;" },  /* 550 5.1.4 */
  { BS_REASON_SECURITYERROR, "RESOLVER.RST.AuthRequired;" }, /* 550 5.7.1 */
  { BS_REASON_REJECTED, "RESOLVER.RST.NotAuthorized;" }, /* 550 5.7.1 */
  { BS_REASON_MESGTOOBIG, "RESOLVER.RST.RecipSizeLimit;" }, /* 550 5.2.3 */
  { BS_REASON_EXPIRED, "QUEUE.Expired;" },               /* 550 4.4.7 */
};

typedef struct {
  char *generating;
} State;

/* "#550 5.1.1 RESOLVER..." or "... returned '441 4.4.1 ...'": the reply
 * code and status at p, or FALSE */
static gboolean
reply_at (const char *p, guint *code, char **status)
{
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || p[3] != ' '
      || (p[0] != '4' && p[0] != '5'))
    return FALSE;
  gsize n = bs_smtp_status_valid (p + 4);
  if (n == 0 || p[4 + n] != ' ' || p[4] == '2')
    return FALSE;
  *code = (guint) ((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0'));
  *status = g_strndup (p + 4, n);
  return TRUE;
}

static void
read_line (BsPscan *scan, const char *line)
{
  State *st = scan->user;
  if (st->generating == NULL)
    {
      for (gsize i = 0; generating[i] != NULL; i++)
        if (g_str_has_prefix (line, generating[i]))
          {
            const char *v = strchr (line, ':');
            st->generating = g_strstrip (g_strdup (v ? v + 1 : ""));
          }
      return;
    }
  if (strchr (line, '@') != NULL && strchr (line, ' ') == NULL && strchr (line, '\t') == NULL)
    {
      bs_pscan_recipient (scan, line);
      return;
    }
  /* the last reply line of a recipient wins: it is the final attempt */
  for (const char *p = line; *p != '\0'; p++)
    {
      guint code = 0;
      g_autofree char *status = NULL;
      if ((p == line || !g_ascii_isdigit (p[-1])) && reply_at (p, &code, &status))
        {
          BsRecord *r = bs_pscan_current (scan);
          r->reply_code = bs_smtp_reply_valid (code) ? code : 0;
          bs_pscan_set_status (r, status);
          bs_record_set (&r->diagnostic, line);
          return;
        }
    }
}

static void
finish (BsRecord *r, gpointer user)
{
  State *st = user;
  bs_record_set (&r->reporting_mta, st->generating);
}

static const BsPscanFormat format = {
  "exchange2007", { .start = starts, .stop = stops }, read_line, .merge_dsn = TRUE, .finish = finish,
  BS_PSCAN_PHRASES (codes),
};

gboolean
bs_lhost_exchange2007 (const BsMail *mail, GPtrArray *records)
{
  const char *subject = bs_mail_header_peek (mail, "Subject");
  const char *language = bs_mail_header_peek (mail, "Content-Language");
  const char *arrival = bs_mail_header_peek (mail, "X-MS-Exchange-CrossTenant-OriginalArrivalTime");
  const char *entity = bs_mail_header_peek (mail, "X-MS-Exchange-CrossTenant-FromEntityHeader");
  if (subject == NULL || language == NULL || arrival != NULL || entity != NULL)
    return FALSE;
  if (!g_str_has_prefix (subject, "Undeliverable:") && !g_str_has_prefix (subject, "Non_remis_")
      && !g_str_has_prefix (subject, "Non remis") && !g_str_has_prefix (subject, "Non recapitabile:"))
    return FALSE;
  gsize ll = strlen (language);
  if (!(ll == 2 || (ll == 5 && language[2] == '-')) || !g_ascii_islower (language[0]))
    return FALSE;
  State st = { NULL };
  gboolean ok = bs_pscan_text_format (mail, records, &format, &st);
  g_free (st.generating);
  return ok;
}
