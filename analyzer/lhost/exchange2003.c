/* exchange2003.c - Microsoft Exchange 5.5 to 2003 ("Your message did not
 * reach the following recipient(s):")
 *
 * Recognised by X-MS-Embedded-Report, an "Internet Mail Service" or
 * "Internet Mail Connector" X-Mailer, an X-MimeOLE "Produced By Microsoft
 * Exchange", or a Received field "with Internet Mail Service".  Each
 * recipient is "user@domain on <date>", then an indented text and an
 * "MSEXCH:IMS:... (000C05A6) Unknown Recipient" line whose hexadecimal
 * code names the reason.  After Sisimai's Lhost::Exchange2003,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"
#include "../find.h"

#include <string.h>

#include "providerscan.h"

static const char *const starts[] = { "Your message", NULL };

/* Exchange's MSEXCH codes and the reasons they name */
static const BsPhrase codes[] = {
  { BS_REASON_ONHOLD, "(000B099C)" }, /* host unknown, message exceeds size limit... */
  { BS_REASON_ONHOLD, "(000B09AA)" }, /* unable to relay, message exceeds size limit... */
  { BS_REASON_ONHOLD, "(000B09B6)" }, /* error from the remote MTA */
  { BS_REASON_USERUNKNOWN, "(000C05A6)" }, /* unknown recipient */
  { BS_REASON_SYSTEMERROR, "(00010256)" }, /* too many recipients */
  { BS_REASON_SYSTEMERROR, "(000D06B5)" }, /* no proxy for recipient */
  { BS_REASON_NETWORKERROR, "(00120270)" }, /* too many hops */
  { BS_REASON_CONTENTERROR, "(00050311)" }, /* conversion to Internet format failed */
  { BS_REASON_CONTENTERROR, "(000502CC)" }, /* conversion to Internet format failed */
  { BS_REASON_SECURITYERROR, "(000B0981)" }, /* 502 server does not support AUTH */
  { BS_REASON_FILTERED, "(000C0595)" }, /* ambiguous recipient */
};

typedef struct {
  guint heads;          /* To:, Subject:, Sent: of the original seen */
  gboolean done;        /* the MSEXCH line and its tail were read */
  gboolean in_msexch;   /* the current diagnostic ends with an MSEXCH line */
} State;

static void
read_line (BsPscan *scan, const char *line)
{
  State *st = scan->user;
  if (st->done)
    return;
  g_autofree char *t = g_strstrip (g_strdup (line));
  if (st->heads < 3)
    {
      /* the original's To:, Subject: and Sent: come first */
      if (g_str_has_prefix (t, "To:") || g_str_has_prefix (t, "Subject:") || g_str_has_prefix (t, "Sent:"))
        st->heads++;
      return;
    }
  const char *on = bs_strstr (t, " on ");
  const char *at = strchr (t, '@');
  if (at != NULL && on != NULL && at < on && memchr (t, ' ', (gsize) (on - t)) == NULL)
    {
      bs_pscan_recipient (scan, t);
      st->in_msexch = FALSE;
      return;
    }
  BsRecord *r = bs_pscan_current (scan);
  if (r->recipient == NULL)
    return;
  bs_pscan_append (&r->diagnostic, t);
  if (st->in_msexch)
    st->done = TRUE; /* the line after MSEXCH ends the recipient's text */
  else if (g_str_has_prefix (t, "MSEXCH:") && (line[0] == ' ' || line[0] == '\t'))
    st->in_msexch = TRUE;
}

/* a known MSEXCH code names the reason, and the words after it are the
 * text; otherwise the whole text stays */
static void
finish (BsRecord *r, gpointer user)
{
  const char *msexch = r->diagnostic ? bs_strstr (r->diagnostic, "MSEXCH:") : NULL;
  for (gsize i = 0; msexch != NULL && i < G_N_ELEMENTS (codes); i++)
    {
      const char *code = bs_strstr (msexch, codes[i].phrase);
      if (code == NULL)
        continue;
      bs_set_reason_to (r, codes[i].reason, "exchange2003", codes[i].phrase);
      g_autofree char *words = g_strdup (code + strlen (codes[i].phrase));
      bs_record_set (&r->diagnostic, words);
      return;
    }
}

static const BsPscanFormat format = { "exchange2003", { .start = starts }, read_line, .finish = finish };

gboolean
bs_lhost_exchange2003 (const BsMail *mail, GPtrArray *records)
{
  const char *embedded = bs_mail_header_peek (mail, "X-MS-Embedded-Report");
  gboolean match = embedded != NULL || bs_pscan_header_has (mail, "X-MimeOLE", "Produced By Microsoft Exchange")
                   || bs_pscan_received_has (mail, " with Internet Mail Service (");
  const char *xmailer = bs_mail_header_peek (mail, "X-Mailer");
  if (xmailer != NULL && (g_str_has_prefix (xmailer, "Internet Mail Service (")
                          || g_str_has_prefix (xmailer, "Microsoft Exchange Server Internet Mail Connector")))
    match = TRUE;
  State st = { 0, FALSE, FALSE };
  return match && bs_pscan_text_format (mail, records, &format, &st);
}
