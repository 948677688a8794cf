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

#include <string.h>

#include "providerscan.h"

static const char *const starts[] = { "Your message", NULL };
static const BsPscanSpec spec = { .start = starts };

/* Exchange's MSEXCH codes and the reasons they name */
static const BsPscanPhrase codes[] = {
  { "onhold", "(000B099C)" },         /* host unknown, message exceeds size limit... */
  { "onhold", "(000B09AA)" },         /* unable to relay, message exceeds size limit... */
  { "onhold", "(000B09B6)" },         /* error from the remote MTA */
  { "userunknown", "(000C05A6)" },    /* unknown recipient */
  { "systemerror", "(00010256)" },    /* too many recipients */
  { "systemerror", "(000D06B5)" },    /* no proxy for recipient */
  { "networkerror", "(00120270)" },   /* too many hops */
  { "contenterror", "(00050311)" },   /* conversion to Internet format failed */
  { "contenterror", "(000502CC)" },   /* conversion to Internet format failed */
  { "securityerror", "(000B0981)" },  /* 502 server does not support AUTH */
  { "filtered", "(000C0595)" },       /* ambiguous recipient */
};

typedef struct {
  guint heads;          /* To:, Subject:, Sent: of the original seen */
  gboolean done;        /* the MSEXCH line and its tail were read */
  gboolean in_msexch;   /* the current diagnostic is an MSEXCH line */
  GString *other;       /* text before the MSEXCH line */
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
  const char *on = strstr (t, " on ");
  const char *at = strchr (t, '@');
  if (at != NULL && on != NULL && at < on && memchr (t, ' ', (gsize) (on - t)) == NULL)
    {
      bs_pscan_recipient (scan, t);
      st->in_msexch = FALSE;
      g_string_truncate (st->other, 0);
      return;
    }
  if (bs_pscan_current (scan)->recipient == NULL)
    return;
  BsRecord *r = bs_pscan_current (scan);
  if (g_str_has_prefix (t, "MSEXCH:") && (line[0] == ' ' || line[0] == '\t'))
    {
      bs_record_set (&r->diagnostic, t);
      st->in_msexch = TRUE;
      return;
    }
  if (st->in_msexch)
    {
      /* the line after MSEXCH ends the recipient's text */
      bs_pscan_append (&r->diagnostic, t);
      st->done = TRUE;
      return;
    }
  g_string_append_printf (st->other, " %s", t);
  bs_record_set (&r->evidence, st->other->str); /* kept aside until the end */
}

gboolean
bs_lhost_exchange2003 (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *embedded = bs_mail_header (mail, "X-MS-Embedded-Report");
  gboolean match = embedded != NULL || bs_pscan_header_has (mail, "X-MimeOLE", "Produced By Microsoft Exchange")
                   || bs_pscan_received_has (mail, " with Internet Mail Service (");
  g_autofree char *xmailer = bs_mail_header (mail, "X-Mailer");
  if (xmailer != NULL && (g_str_has_prefix (xmailer, "Internet Mail Service (")
                          || g_str_has_prefix (xmailer, "Microsoft Exchange Server Internet Mail Connector")))
    match = TRUE;
  if (!match)
    return FALSE;

  State st = { 0, FALSE, FALSE, g_string_new (NULL) };
  g_autoptr (BsPscan) scan = bs_pscan_run (mail->body, &spec, read_line, &st);
  g_string_free (st.other, TRUE);
  if (scan == NULL)
    return FALSE;
  for (guint i = 0; i < scan->records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (scan->records, i);
      g_autofree char *other = g_steal_pointer (&r->evidence);
      if (!bs_pscan_phrase_reason (r, codes, G_N_ELEMENTS (codes), "exchange2003"))
        {
          /* no known code: the plain text before MSEXCH tells more */
          g_autofree char *joined = g_strconcat (other ? other : "", " ", r->diagnostic ? r->diagnostic : "", NULL);
          bs_record_set (&r->diagnostic, joined);
        }
      else if (r->diagnostic != NULL)
        {
          /* "MSEXCH:IMS:... 0 (000C05A6) Unknown Recipient": keep the words */
          const char *close = strstr (r->diagnostic, ") ");
          if (close != NULL)
            {
              g_autofree char *tail = g_strdup (close + 2);
              bs_record_set (&r->diagnostic, tail);
            }
        }
    }
  return bs_pscan_commit (scan, records);
}
