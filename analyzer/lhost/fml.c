/* fml.c - fml (Japanese mailing list manager) refusals and loop alerts
 *
 * fml writes from "<list>-admin@" with X-MLServer; a line ending in
 * "<user@example.com>." names the refused address.  fml's own sentences
 * (and its Subject) state the reason.  After Sisimai's Lhost::FML,
 * BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "textscan.h"
#include "../find.h"

static const char *const stops[] = { "Original mail as follows:", NULL };

/* fml's own texts and the reason each states */
static const BsPhrase reasons[] = {
  { BS_REASON_REJECTED, "NOT MEMBER article from " },       /* fml: a post from a non-member refused */
  { BS_REASON_REJECTED, "reject mail from " },              /* fml: the list refuses this sender */
  { BS_REASON_REJECTED, "header may cause mail loop" },     /* fml: refused as a possible mail loop */
  { BS_REASON_REJECTED, "reject spammers:" },               /* fml: the sender is on the list's spammer list */
  { BS_REASON_REJECTED, "You are not a member of this mailing list" }, /* fml: a post from a non-member refused */
  { BS_REASON_SYSTEMERROR, "Duplicated Message-ID" },       /* fml: the same Message-ID seen twice (loop guard) */
  { BS_REASON_SYSTEMERROR, "has detected a loop condition so that" }, /* fml: mail loop detected */
  { BS_REASON_SYSTEMERROR, "Loop Back Warning:" },          /* fml: mail loop detected */
  { BS_REASON_SECURITYERROR, "Security alert:" },           /* fml: the post broke the list's security rules */
};

/* fml's Subject lines and the reason each states */
static const BsPhrase titles[] = {
  { BS_REASON_REJECTED, "NOT MEMBER article from " },       /* fml: a post from a non-member refused */
  { BS_REASON_REJECTED, "Spam mail from a spammer is rejected" }, /* fml: a known spammer's post refused */
  { BS_REASON_REJECTED, " are not member" },                /* fml: a post from a non-member refused (subject) */
  { BS_REASON_SYSTEMERROR, "fml system error message" },    /* fml: the list server's own error (subject) */
  { BS_REASON_SYSTEMERROR, "Loop Alert: " },                /* fml: mail loop detected (subject) */
  { BS_REASON_SYSTEMERROR, "Loop Back Warning: " },         /* fml: mail loop detected (subject) */
  { BS_REASON_SYSTEMERROR, "WARNING: UNIX FROM Loop" },     /* fml: mail loop detected (subject) */
  { BS_REASON_SECURITYERROR, "Security Alert" },            /* fml: the post broke the list's security rules (subject) */
};

/* a line ending in "<user@example.com>." */
static char *
rcpt (BsLine l, BsLine *rest)
{
  if (!bs_line_ends (l, ">."))
    return NULL;
  const char *after = NULL;
  const char *lt = l.s + l.n;
  while (lt > l.s && lt[-1] != '<')
    lt--;
  char *addr = lt > l.s ? bs_line_angle_addr (l, lt - 1, &after) : NULL;
  if (addr != NULL)
    *rest = l;
  return addr;
}

static const BsTextForm form = { .stop = stops, .rcpt = rcpt };

gboolean
bs_lhost_fml (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *server = bs_mail_header (mail, "X-MLServer");
  g_autofree char *mid = bs_mail_header (mail, "Message-ID");
  if (server == NULL || !bs_header_has (mail, "From", "-admin@", FALSE) || mid == NULL
      || bs_strstr (mid, ".FML") == NULL)
    return FALSE;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  if (bs_textscan (mail->body, &form, found) == 0)
    return FALSE;
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  const BsPhrase *title = bs_phrase_find (subject, titles, G_N_ELEMENTS (titles));
  for (guint i = 0; i < found->len; i++)
    {
      BsRecord *r = g_ptr_array_index (found, i);
      if (!bs_set_reason (r, reasons, G_N_ELEMENTS (reasons), "fml") && title != NULL)
        bs_set_reason_to (r, title->reason, "fml", title->phrase);
    }
  g_ptr_array_set_size (records, 0);
  bs_records_adopt (records, found);
  return records->len > 0;
}
