/* generic.c - the reader of last resort: bounces of MTAs no module knows
 *
 * Tried after every format module (lhost.c), on a message none of them
 * claimed.  It reads a bounce the way a person does, by cues that are data
 * rows (rules/generic_cues.c), never by the MTA that wrote it:
 *  1. is it a bounce at all: a bounce's sender (MAILER-DAEMON, postmaster)
 *     or subject, a null Return-Path, X-Failed-Recipients, a report content
 *     type; or a sentence saying mail failed above a returned original;
 *  2. the notice: the human-readable text up to where the returned original
 *     begins (a marker line, or a header block written inline);
 *  3. the failed recipients in it: delivery-status fields written as text
 *     (a text/plain part, a vendor's message/x-...-status part, after a
 *     "Technical report:" line), X.400 addresses (dda:SMTP=, RFC-822=), an
 *     address after a lead ("could not be delivered to", "Empfänger:"),
 *     before a trail ("... unknown user account"), alone on a line below
 *     such a cue or on the line of a failure notice; never the bounce's own
 *     From/To nor the original's sender, and the original's To only when
 *     the text names nobody (then by its local part, or as the one
 *     recipient of a message the text says failed);
 *  4. for each, the text that follows it (the remote's reply: parse.c
 *     reads its code and status), classified as usual.
 * This file owns 1 and the records; generic_text.c reads lines (2),
 * generic_walk.c walks them (3, 4), generic_nobody.c is the last resort
 * when the text names nobody (generic.h what they share).
 * Records say mta "generic" and rule "generic:<cue id>" (classify.c adds
 * the reason's rule).  A message it cannot read gives no record.  Work is
 * bounded: a fixed share of the body, of lines and of bytes a line, a
 * linear walk with substring searches of fixed phrases.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "kit.h"

#include <string.h>

#include "../bs.h"
#include "../find.h"
#include "../smtp.h"
#include "generic.h"
#include "mda.h"

/* ---- the message: is it a bounce, what must never be a recipient ---------- */

/* the top-level fields whose addresses are the bounce's own */
static const char *const own_fields[] = {
  "From", "To", "Cc", "Reply-To", "Sender", "Return-Path", "Errors-To", "Resent-From", "Resent-To",
};
/* the fields of the bounce's own delivery: never a recipient either, unless
 * a lead or a trail names the address (an NDR that copied the original's
 * X-Original-To into its own header; the original's sender who sent it to
 * themself) */
static const char *const delivery_fields[] = { "Delivered-To", "X-Original-To" };
/* the original's fields naming its sender */
static const char *const sender_fields[] = { "From", "Sender", "Reply-To", "Return-Path" };

void
bs_generic_add_addresses (GHashTable *set, const char *value)
{
  if (value == NULL)
    return;
  gsize n = strnlen (value, BS_MAX_FIELD_BYTES);
  Found f[LINE_ADDRESSES];
  guint k = bs_generic_line_addresses (value, n, f);
  for (guint i = 0; i < k; i++)
    {
      char *l = g_ascii_strdown (f[i].addr, -1);
      g_free (f[i].addr);
      g_hash_table_add (set, l);
    }
}

/* is_bounce - TRUE for a message that looks like a bounce; *said is TRUE
 * when both its sender and its subject say so (then its text need not say
 * it again for the original's recipient to be taken) */
static gboolean
is_bounce (const BsMail *mail, const char *gate_lower, const BsCue **delay, gboolean *said)
{
  const char *from = bs_mail_header_peek (mail, "From");
  const char *subject = bs_mail_header_peek (mail, "Subject");
  const char *rpath = bs_mail_header_peek (mail, "Return-Path");
  g_autofree char *lsub = subject ? bs_generic_lower_dup (subject) : NULL;
  *delay = lsub ? bs_generic_cue_find (lsub, BS_CUE_DELAY, NULL) : NULL;
  if (mail->feedback != NULL)
    return FALSE; /* a feedback report (arf.c), not a bounce */
  gboolean subject_says = lsub != NULL && bs_generic_cue_find (lsub, BS_CUE_SUBJECT, NULL) != NULL;
  if (from != NULL)
    {
      g_autofree char *lfrom = bs_generic_lower_dup (from);
      if (bs_generic_cue_find (lfrom, BS_CUE_SENDER, NULL) != NULL)
        {
          *said = subject_says;
          return TRUE;
        }
    }
  if ((rpath != NULL && strstr (rpath, "<>") != NULL) || bs_mail_has_header (mail, "X-Failed-Recipients"))
    return TRUE;
  if (mail->content_type != NULL && strcmp (mail->content_type, "multipart/report") == 0)
    return TRUE;
  if (subject_says)
    return TRUE;
  /* a sentence saying mail failed, above a returned original */
  return mail->original != NULL && bs_generic_cue_find (gate_lower, BS_CUE_NOTICE, NULL) != NULL;
}

/* ---- records ------------------------------------------------------------- */

static void
fill (BsRecord *r, const Cand *c, const Walk *w, const BsCue *delay)
{
  bs_record_set (&r->recipient, c->addr);
  if (c->diag->len > 0)
    bs_record_set (&r->diagnostic, c->diag->str);
  else if (w->pre->len > 0)
    bs_record_set (&r->diagnostic, w->pre->str);
  bs_record_set (&r->diagnostic_type, c->diag_type);
  if (c->status != NULL)
    {
      bs_record_set (&r->status, c->status);
      bs_record_set (&r->status_from, "bounce");
    }
  bs_record_set (&r->action, c->action ? c->action : delay ? "delayed" : NULL);
  bs_record_set (&r->remote_mta, c->remote);
  g_autofree char *rule = g_strconcat ("generic:", c->cue, NULL);
  bs_record_set (&r->rule, rule);
}

/* the bounce's own addresses (never a recipient), its delivery's (after a
 * lead only), the original's sender (after a lead only when it sent the
 * message to itself); those of X-Failed-Recipients are none of these */
static void
never_recipients (Walk *w, const BsMail *mail, const GPtrArray *failed_header)
{
  for (gsize i = 0; i < G_N_ELEMENTS (own_fields); i++)
    bs_generic_add_addresses (w->own, bs_mail_header_peek (mail, own_fields[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (delivery_fields); i++)
    bs_generic_add_addresses (w->delivery, bs_mail_header_peek (mail, delivery_fields[i]));
  if (mail->original != NULL)
    {
      g_autoptr (GHashTable) senders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (gsize i = 0; i < G_N_ELEMENTS (sender_fields); i++)
        {
          g_autofree char *v = bs_header_get (mail->original, sender_fields[i]);
          bs_generic_add_addresses (senders, v);
        }
      g_autoptr (GPtrArray) to = bs_generic_original_recipients (mail, NULL);
      GHashTableIter it;
      gpointer key;
      g_hash_table_iter_init (&it, senders);
      while (g_hash_table_iter_next (&it, &key, NULL))
        {
          gboolean self = FALSE;
          for (guint i = 0; i < to->len && !self; i++)
            self = g_ascii_strcasecmp (g_ptr_array_index (to, i), key) == 0;
          g_hash_table_add (self ? w->delivery : w->own, g_strdup (key));
        }
    }
  for (guint i = 0; i < failed_header->len; i++)
    {
      g_autofree char *l = g_ascii_strdown (g_ptr_array_index (failed_header, i), -1);
      g_hash_table_remove (w->own, l);
      g_hash_table_remove (w->delivery, l);
    }
}

/* someone to write to is no recipient, wherever the notice names them */
static void
never_contacts (Walk *w, const GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      if (memchr (l->s, '@', l->n) == NULL)
        continue;
      char lower[LINE_BYTES + 1];
      bs_generic_lower_copy (l->s, l->n, lower);
      if (bs_generic_cue_find (lower, BS_CUE_CONTACT, NULL) != NULL)
        {
          g_autofree char *copy = g_strndup (l->s, l->n);
          bs_generic_add_addresses (w->own, copy);
        }
    }
}

/* X-Failed-Recipients is the list; the text gives their replies */
static void
failed_header_list (Walk *w, const GPtrArray *failed_header)
{
  GPtrArray *keep = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_generic_cand_free);
  for (guint i = 0; i < failed_header->len; i++)
    {
      const char *a = g_ptr_array_index (failed_header, i);
      g_autofree char *key = g_ascii_strdown (a, -1);
      Cand *c = g_hash_table_lookup (w->index, key);
      guint at = 0;
      if (c != NULL && g_ptr_array_find (w->cands, c, &at))
        {
          g_hash_table_remove (w->index, key);
          g_ptr_array_steal_index (w->cands, at);
        }
      else
        {
          c = g_new0 (Cand, 1);
          c->addr = g_strdup (a);
          c->diag = g_string_new (NULL);
        }
      c->cue = "header-x-failed-recipients";
      g_ptr_array_add (keep, c);
    }
  g_ptr_array_unref (w->cands);
  w->cands = keep;
}

/* the first delay cue of the notice's lines, NULL if none */
static const BsCue *
lines_delay (const GArray *lines)
{
  const BsCue *delay = NULL;
  for (guint i = 0; i < lines->len && delay == NULL; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      char lower[LINE_BYTES + 1];
      bs_generic_lower_copy (l->s, l->n, lower);
      delay = bs_generic_cue_find (lower, BS_CUE_DELAY, NULL);
    }
  return delay;
}

static void
walk_clear (Walk *w)
{
  g_ptr_array_unref (w->cands);
  g_hash_table_unref (w->index);
  g_hash_table_unref (w->own);
  g_hash_table_unref (w->delivery);
  g_string_free (w->pre, TRUE);
  g_ptr_array_unref (w->summary);
  g_ptr_array_unref (w->alone);
}

gboolean
bs_lhost_generic (const BsMail *mail, GPtrArray *records)
{
  if (records->len > 0 || mail->body == NULL)
    return FALSE;
  /* the start of the body, lower case, its white space runs made one
   * space: a sentence wrapped over two lines is still one */
  char gate[GATE_BYTES + 1];
  bs_generic_lower_copy (mail->body, strnlen (mail->body, GATE_BYTES), gate);
  char *o = gate;
  for (const char *g = gate; *g; g++)
    if (!g_ascii_isspace (*g))
      *o++ = *g;
    else if (o > gate && o[-1] != ' ')
      *o++ = ' ';
  *o = '\0';
  const BsCue *delay = NULL;
  gboolean said = FALSE;
  if (!is_bounce (mail, gate, &delay, &said))
    return FALSE;

  Walk w = { 0 };
  w.cands = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_generic_cand_free);
  w.index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.delivery = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.pre = g_string_new (NULL);
  w.summary = g_ptr_array_new_with_free_func (g_free);
  w.alone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) failed_header = g_ptr_array_new_with_free_func (g_free);
  const char *xfr = bs_mail_header_peek (mail, "X-Failed-Recipients");
  if (xfr != NULL)
    {
      Found f[LINE_ADDRESSES];
      guint k = bs_generic_line_addresses (xfr, strnlen (xfr, BS_MAX_FIELD_BYTES), f);
      for (guint i = 0; i < k; i++)
        g_ptr_array_add (failed_header, f[i].addr);
    }
  never_recipients (&w, mail, failed_header);

  const char *after = NULL;
  g_autoptr (GArray) lines = bs_generic_notice_lines (mail->body, &after);
  never_contacts (&w, lines);
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      bs_generic_walk_line (&w, l->s, l->n);
    }
  if (!w.notice && delay == NULL)
    w.notice = said || bs_generic_cue_find (gate, BS_CUE_NOTICE, NULL) != NULL;
  if (delay == NULL)
    delay = lines_delay (lines);

  if (failed_header->len > 0)
    failed_header_list (&w, failed_header);
  for (guint i = 0; w.cands->len == 0 && i < w.alone->len; i++)
    bs_generic_cand_add (&w, g_strdup (g_ptr_array_index (w.alone, i)), NULL, "address-alone", 0);
  if (w.cands->len == 0)
    bs_generic_from_original (&w, mail, lines, after);
  if (w.cands->len == 0)
    bs_generic_from_mailer_domain (&w, mail, lines);

  gboolean ok = w.cands->len > 0;
  for (guint i = 0; i < w.cands->len && records->len < BS_MAX_RECIPIENTS; i++)
    {
      BsRecord *r = bs_record_new ();
      fill (r, g_ptr_array_index (w.cands, i), &w, delay);
      g_ptr_array_add (records, r);
    }
  /* a local delivery agent's own words (mda.c) name it and the reason */
  if (ok)
    bs_mda_reason (mail, records);
  walk_clear (&w);
  return ok;
}
