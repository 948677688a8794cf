/* rfc3464.c - delivery-status fields written as text, for bounces no
 * format module knows
 *
 * Tried after every other module, and only when dsn.c found no
 * delivery-status part to read: delivery-status fields written as text (a
 * multipart/report whose MIME structure is broken, a DSN pasted in a
 * text/plain part), from a marker line to the original message, after
 * Sisimai's RFC3464.pm (BSD-2-Clause).  Local delivery agents' messages
 * (mda.c) state their reason.  Bounces without such fields are the generic
 * reader's (generic.c), tried after this one.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"
#include "../find.h"

#include <string.h>

#include "../bs.h"
#include "../smtp.h"
#include "mda.h"
#include "providerscan.h"

/* reading 1: where written delivery-status fields begin and end */
static const char *const dsn_starts[] = {
  "content-type: message/delivery-status", "content-type: message/xdelivery-status",
  "content-type: message/disposition-notification", "content-type: text/plain; charset=",
  "the original message was received at ", "this report relates to your message",
  "your message could not be delivered", "your message was not delivered to the following recipients",
  NULL,
};

static gboolean
any_prefix (const char *s, const char *const *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_has_prefix (s, list[i]))
      return TRUE;
  return FALSE;
}

/* ---- reading 1: written delivery-status fields ---- */

typedef struct {
  GPtrArray *other;   /* (GString *) per record: reply lines outside the fields */
} Written;

/* "550 text" or "<user@domain>: text": a reply outside the fields */
static gboolean
is_reply_line (const char *line)
{
  if ((line[0] == '4' || line[0] == '5') && g_ascii_isdigit (line[1]) && g_ascii_isdigit (line[2])
      && (line[3] == ' ' || line[3] == '\t'))
    return TRUE;
  const char *gt = line[0] == '<' ? strchr (line, '>') : NULL;
  return gt != NULL && memchr (line, '@', (gsize) (gt - line)) != NULL && (gt[1] == ':' || gt[1] == ' ');
}

static void
read_written (BsPscan *scan, const char *line)
{
  Written *w = scan->user;
  if (bs_pscan_dsn_line (scan, line) || *line == '\0')
    return;
  if (line[0] == ' ' || line[0] == '-' || !is_reply_line (line))
    return;
  while (w->other->len < scan->records->len)
    g_ptr_array_add (w->other, g_string_new (NULL));
  GString *s = g_ptr_array_index (w->other, scan->records->len - 1);
  if (s->len < BS_MAX_FIELD_BYTES)
    g_string_append_printf (s, " %s", line);
}

static void
free_gstring (gpointer s)
{
  g_string_free (s, TRUE);
}

/* the first line of text that starts reading 1 (case-insensitive) */
static gboolean
find_written (const char *body, BsPscan **out, Written *w)
{
  const char *line = body;
  for (guint n = 0; line != NULL && *line != '\0' && n < 100000; n++)
    {
      const char *end = strchr (line, '\n');
      gsize len = end ? (gsize) (end - line) : strlen (line);
      g_autofree char *lower = g_ascii_strdown (line, (gssize) MIN (len, 128));
      if (any_prefix (lower, dsn_starts, G_N_ELEMENTS (dsn_starts) - 1))
        {
          static const char *const stops[] = { "Return-Path: <", "return-path: <", "RETURN-PATH: <", NULL };
          BsPscanSpec spec = { .stop = stops };
          *out = bs_pscan_run (end ? end + 1 : "", &spec, read_written, w);
          return *out != NULL && (*out)->recipients > 0;
        }
      line = end ? end + 1 : NULL;
    }
  return FALSE;
}

/* " (RCPT|MAIL|DATA) command": the command a diagnostic names */
static void
command_of (BsRecord *r)
{
  static const char *const commands[] = { " RCPT command", " MAIL command", " DATA command" };
  for (gsize i = 0; r->diagnostic != NULL && i < G_N_ELEMENTS (commands); i++)
    if (bs_strstr (r->diagnostic, commands[i]) != NULL)
      {
        g_autofree char *c = g_strndup (commands[i] + 1, 4);
        bs_record_set (&r->command, c);
      }
}

gboolean
bs_lhost_rfc3464 (const BsMail *mail, GPtrArray *records)
{
  if (records->len > 0 || mail->body == NULL)
    return FALSE;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  Written w = { g_ptr_array_new_with_free_func (free_gstring) };
  BsPscan *written = NULL;
  gboolean ok = find_written (mail->body, &written, &w);
  if (ok)
    {
      /* a reply written beside the fields stands in for a missing
       * Diagnostic-Code */
      for (guint i = 0; i < written->records->len && i < w.other->len; i++)
        {
          BsRecord *r = g_ptr_array_index (written->records, i);
          GString *s = g_ptr_array_index (w.other, i);
          if (r->diagnostic == NULL && s->len > 0)
            bs_record_set (&r->diagnostic, s->str);
        }
      ok = bs_pscan_commit (written, found);
    }
  bs_pscan_free (written);
  g_ptr_array_unref (w.other);

  if (!ok)
    return FALSE;
  bs_mda_reason (mail, found);
  for (guint i = 0; i < found->len; i++)
    command_of (g_ptr_array_index (found, i));
  g_ptr_array_extend_and_steal (records, g_steal_pointer (&found));
  return TRUE;
}
