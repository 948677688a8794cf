/* parse.c - one BsMail to its records: DSN parts, then the format parsers
 *
 * Owns the order in which formats are tried and the completion of records
 * with what every format shares: the original message's headers, the
 * recipient's domain, the sender's domain, the bounce's date, and a status
 * or reply code read from the diagnostic text when the format gave none.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <string.h>

#include "bs.h"
#include "datetime.h"
#include "dsn.h"
#include "lhost.h"
#include "smtp.h"

/* header names that start an original message's header block in text */
static gboolean
is_header_line (const char *line, gsize n)
{
  static const char *const names[] = {
    "Received:", "Return-Path:", "From:", "To:", "Subject:", "Date:", "Message-ID:",
    "Message-Id:", "MIME-Version:", "Content-Type:", "X-Mailer:", "Reply-To:", "Cc:",
    "Delivered-To:", "DKIM-Signature:", "Content-Transfer-Encoding:", "Sender:",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize l = strlen (names[i]);
      if (n >= l && (line[0] | 0x20) == (names[i][0] | 0x20) && g_ascii_strncasecmp (line, names[i], l) == 0)
        return TRUE;
    }
  return FALSE;
}

/* find_inline_original - the header block of an original message quoted in
 * a plain-text bounce (qmail, Exim, old Sendmail): the last run of header
 * lines holding a From:, Subject: or Message-ID: field */
static char *
find_inline_original (const char *body)
{
  const char *best = NULL, *best_end = NULL;
  const char *line = body;
  while (line != NULL && *line)
    {
      const char *end = strchr (line, '\n');
      gsize n = end ? (gsize) (end - line) : strlen (line);
      if (is_header_line (line, n) && g_ascii_strncasecmp (line, "Content-Type: message/", 22) != 0
          && g_ascii_strncasecmp (line, "Content-Type: text/rfc822", 25) != 0)
        {
          const char *start = line;
          gboolean key = FALSE;
          int count = 0;
          while (line != NULL && *line)
            {
              end = strchr (line, '\n');
              n = end ? (gsize) (end - line) : strlen (line);
              if (n == 0)
                break;
              if (line[0] == ' ' || line[0] == '\t')
                ;
              else if (is_header_line (line, n))
                {
                  count++;
                  if (g_ascii_strncasecmp (line, "From:", 5) == 0
                      || g_ascii_strncasecmp (line, "Subject:", 8) == 0
                      || g_ascii_strncasecmp (line, "Message-ID:", 11) == 0)
                    key = TRUE;
                }
              else if (memchr (line, ':', n) == NULL || line[0] == ':' || memchr (line, ' ', n) < memchr (line, ':', n))
                break;
              line = end ? end + 1 : NULL;
            }
          if (key && count >= 2)
            {
              best = start;
              best_end = line ? line : start + strlen (start);
            }
          continue;
        }
      line = end ? end + 1 : NULL;
    }
  if (best == NULL)
    return NULL;
  GString *out = g_string_new (NULL);
  /* unfold */
  for (const char *p = best; p < best_end; p++)
    {
      if (*p == '\n' && p + 1 < best_end && (p[1] == ' ' || p[1] == '\t'))
        {
          g_string_append_c (out, ' ');
          while (p + 1 < best_end && (p[1] == ' ' || p[1] == '\t'))
            p++;
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
strip_angles (const char *v)
{
  if (v == NULL)
    return NULL;
  const char *s = strchr (v, '<');
  const char *e = s ? strchr (s, '>') : NULL;
  if (s && e && e > s + 1)
    return g_strndup (s + 1, (gsize) (e - s - 1));
  return g_strdup (v);
}

/* complete - what every record of one message shares */
static void
complete (const BsMail *mail, GPtrArray *records, const char *mta)
{
  g_autofree char *inline_orig = mail->original ? NULL : find_inline_original (mail->body);
  const char *orig = mail->original ? mail->original : inline_orig;
  static const char *const wanted[] = { "From", "To", "Subject", "Date", "Message-ID" };
  char *got[G_N_ELEMENTS (wanted)] = { NULL };
  bs_header_get_many (orig, wanted, got, G_N_ELEMENTS (wanted));
  g_autofree char *o_from = got[0];
  g_autofree char *o_to = got[1];
  g_autofree char *o_subject = got[2];
  g_autofree char *o_date = got[3];
  g_autofree char *o_mid = got[4];
  g_autofree char *from_d = o_from ? bs_header_decode (o_from) : NULL;
  g_autofree char *to_d = o_to ? bs_header_decode (o_to) : NULL;
  g_autofree char *subject_d = o_subject ? bs_header_decode (o_subject) : NULL;
  g_autofree char *date_iso = bs_datetime_iso (o_date);
  g_autofree char *mid = strip_angles (o_mid);
  g_autofree char *from_addr = bs_smtp_address (o_from);
  g_autofree char *sender_domain = bs_smtp_domain (from_addr);
  g_autofree char *bounce_date = bs_mail_header (mail, "Date");
  g_autofree char *bounce_iso = bs_datetime_iso (bounce_date);

  const char *originals[] = { from_d, to_d, subject_d, date_iso, mid };
  char *shared[G_N_ELEMENTS (originals)];
  for (gsize k = 0; k < G_N_ELEMENTS (originals); k++)
    {
      g_autofree char *clean = originals[k] != NULL ? bs_text_clean (originals[k], BS_MAX_FIELD_BYTES)
                                                    : NULL;
      shared[k] = clean != NULL ? g_ref_string_new (clean) : NULL;
    }
  for (guint i = 0; i < records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (records, i);
      bs_record_set (&r->source, mail->source);
      r->index = mail->index;
      if (r->mta == NULL)
        bs_record_set (&r->mta, mta);
      if (r->recipient != NULL)
        {
          g_autofree char *addr = bs_smtp_address (r->recipient);
          if (addr != NULL)
            bs_record_set (&r->recipient, addr);
          g_autofree char *dom = bs_smtp_domain (r->recipient);
          bs_record_set (&r->destination, dom);
        }
      /* the original's headers: one copy for every recipient */
      bs_record_share_field (r, &r->orig_from, BS_RECORD_SHARED_FROM, shared[0]);
      bs_record_share_field (r, &r->orig_to, BS_RECORD_SHARED_TO, shared[1]);
      bs_record_share_field (r, &r->orig_subject, BS_RECORD_SHARED_SUBJECT, shared[2]);
      bs_record_share_field (r, &r->orig_date, BS_RECORD_SHARED_DATE, shared[3]);
      bs_record_share_field (r, &r->orig_message_id, BS_RECORD_SHARED_MESSAGE_ID, shared[4]);
      if (r->sender_domain == NULL)
        bs_record_set (&r->sender_domain, sender_domain);
      if (r->timestamp == NULL)
        bs_record_set (&r->timestamp, bounce_iso);

      if (r->diagnostic != NULL)
        {
          g_autofree char *joined = bs_smtp_join_reply (r->diagnostic);
          bs_record_set (&r->diagnostic, joined);
        }
      /* status and reply code from the text when the format gave none */
      if (r->reply_code == 0 && r->diagnostic != NULL)
        r->reply_code = bs_smtp_find_reply (r->diagnostic);
      if (r->status == NULL && r->diagnostic != NULL)
        {
          g_autofree char *st = bs_smtp_find_status (r->diagnostic);
          bs_record_set (&r->status, st);
          if (r->status)
            bs_record_set (&r->status_from, "text");
        }
      else if (r->diagnostic != NULL
               && (r->status_from == NULL || strcmp (r->status_from, "text") != 0))
        {
          /* (a status a format module already read from the text, as
           * status_from "text", is the one it meant) */
          /* the remote's own status is more precise than the bouncer's
           * summary (Status: 5.0.0 with "550 5.1.1 ..."), as Sisimai does */
          g_autofree char *st = bs_smtp_find_status (r->diagnostic);
          if (st != NULL && strlen (st) == 5 && st[2] != '0' && st[4] != '0' && st[0] != '2'
              && strcmp (st, r->status) != 0)
            {
              bs_record_set (&r->status, st);
              bs_record_set (&r->status_from, "text");
            }
        }
      /* a reply code of another class than the status is not this failure's */
      if (r->reply_code != 0 && r->status != NULL && r->status[0] != '0' + (char) (r->reply_code / 100))
        r->reply_code = 0;
    }
  for (gsize k = 0; k < G_N_ELEMENTS (shared); k++)
    if (shared[k] != NULL)
      g_ref_string_release (shared[k]);
}

GPtrArray *
bs_parse_mail (const BsMail *mail, const char **mta)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  const char *name = NULL;
  bs_dsn_parse (mail, records);

  gsize n = 0;
  const BsLhost *table = bs_lhost_table (&n);
  for (gsize i = 0; i < n; i++)
    if (bs_lhost_enabled (i) && table[i].parse (mail, records) && records->len > 0)
      {
        name = table[i].name;
        break;
      }
  if (name == NULL && records->len > 0)
    name = "rfc3464";
  if (mta != NULL)
    *mta = name;
  if (records->len > 0)
    complete (mail, records, name);
  return records;
}
