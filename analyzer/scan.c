/* scan.c - one path's messages through parse, classify and store
 *
 * Owns the order of the pipeline and the batching of database writes: a
 * message is stored whole (its row and its records) inside a transaction
 * committed every BS_SCAN_BATCH messages and at the end, so an interrupted
 * scan loses at most an uncommitted batch, which the next run reads again.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "scan.h"

#include <string.h>

#include "bs.h"
#include "classify.h"
#include "lhost.h"
#include "mail.h"
#include "source.h"

#define BS_SCAN_BATCH 500

typedef struct {
  const BsScanOptions *o;
  BsScanStats *stats;
  GError *error;        /* first store error: stops the walk */
  guint in_batch;
} ScanCtx;

/* does a message that gave no record still look like a bounce? */
static gboolean
looks_like_bounce (const BsMail *mail)
{
  if (mail->dsn->len > 0)
    return TRUE;
  g_autofree char *from = bs_mail_header (mail, "From");
  g_autofree char *subject = bs_mail_header (mail, "Subject");
  g_autofree char *lfrom = from ? g_ascii_strdown (from, -1) : g_strdup ("");
  g_autofree char *lsub = subject ? g_utf8_strdown (subject, -1) : g_strdup ("");
  static const char *const subjects[] = {
    "undeliver", "delivery status notification", "returned mail", "delivery failure",
    "mail delivery failed", "failure notice", "non-delivery", "nondeliverable",
    "delivery has failed", "could not be delivered", "message not delivered",
  };
  gboolean daemon = strstr (lfrom, "mailer-daemon") != NULL || strstr (lfrom, "postmaster") != NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (subjects); i++)
    if (strstr (lsub, subjects[i]) != NULL)
      return daemon || g_str_has_prefix (lsub, subjects[i]);
  return FALSE;
}

static gboolean
skip_file (const char *key, gint64 size, gint64 mtime, gpointer user)
{
  ScanCtx *c = user;
  if (c->o->store == NULL)
    return FALSE;
  BsSourceState st = { 0 };
  gboolean same = bs_store_source_get (c->o->store, key, &st) && st.size == size && st.mtime == mtime;
  bs_source_state_clear (&st);
  if (same)
    c->stats->unchanged++;
  return same;
}

static gint64
mbox_resume (const char *path, gint64 size, gint64 mtime, const char *fingerprint,
             guint *next_index, gpointer user)
{
  ScanCtx *c = user;
  if (c->o->store == NULL)
    return 0;
  BsSourceState st = { 0 };
  gint64 offset = 0;
  if (bs_store_source_get (c->o->store, path, &st) && st.fingerprint != NULL
      && strcmp (st.fingerprint, fingerprint) == 0 && size >= st.offset)
    {
      offset = st.offset;
      *next_index = st.next_index;
      if (size == st.size && mtime == st.mtime)
        c->stats->unchanged++;
    }
  bs_source_state_clear (&st);
  return offset;
}

static void
file_done (const char *key, gint64 size, gint64 mtime, gint64 offset, guint next_index,
           const char *fingerprint, gpointer user)
{
  ScanCtx *c = user;
  if (c->o->store == NULL || c->error != NULL)
    return;
  BsSourceState st = { size, mtime, offset, next_index, (char *) fingerprint };
  bs_store_source_put (c->o->store, key, &st, &c->error);
}

static void
walk_warn (const char *path, const GError *error, gpointer user)
{
  ScanCtx *c = user;
  c->stats->skipped++;
  if (c->o->warn)
    c->o->warn (path, error, c->o->user);
}

static gboolean
store_message (ScanCtx *c, const BsMessageMeta *meta, GPtrArray *records)
{
  BsStore *store = c->o->store;
  if (store == NULL)
    return TRUE;
  if (c->in_batch == 0 && !bs_store_begin (store, &c->error))
    return FALSE;
  if (!bs_store_add_message (store, c->o->run_id, meta, records, &c->error))
    return FALSE;
  if (++c->in_batch >= BS_SCAN_BATCH)
    {
      c->in_batch = 0;
      if (!bs_store_commit (store, &c->error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
scan_item (const BsItem *item, gpointer user)
{
  ScanCtx *c = user;
  BsScanStats *s = c->stats;
  g_autofree char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                       (const guchar *) item->data, item->len);
  if (c->o->store != NULL && bs_store_message_known (c->o->store, hash))
    {
      s->duplicates++;
      return TRUE;
    }
  s->messages++;
  BsMessageMeta meta = { item->path, item->index, item->key, item->offset, item->size, hash,
                         BS_MESSAGE_NOT_BOUNCE, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (BsMail) mail = bs_mail_parse (item->data, item->len, item->path, item->index, &error);
  g_autoptr (GPtrArray) records = NULL;
  const char *mta = NULL;
  if (mail != NULL)
    {
      records = bs_parse_mail (mail, &mta);
      for (guint i = 0; i < records->len; i++)
        bs_classify_record (mail, g_ptr_array_index (records, i));
    }
  else
    records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);

  g_autofree char *why = NULL;
  if (mail == NULL)
    why = g_strdup (error->message);
  else if (records->len == 0 && looks_like_bounce (mail))
    why = g_strdup ("looks like a bounce, but no recipient could be read from it");

  if (why != NULL)
    {
      meta.kind = BS_MESSAGE_UNDECODABLE;
      meta.error = why;
      s->undecodable++;
      if (c->o->undecodable)
        c->o->undecodable (item->path, item->index, why, c->o->user);
    }
  else if (records->len > 0)
    {
      meta.kind = BS_MESSAGE_BOUNCE;
      meta.mta = mta;
      s->bounces++;
    }
  else
    s->not_bounces++;

  for (guint i = 0; i < records->len; i++)
    {
      const BsRecord *r = g_ptr_array_index (records, i);
      if (bs_record_is_failure (r))
        s->failures++;
      else if (r->action != NULL && strcmp (r->action, "delayed") == 0)
        s->delayed++;
      if (c->o->record)
        c->o->record (r, c->o->user);
    }
  if (!store_message (c, &meta, records))
    return FALSE;
  if (c->o->progress)
    c->o->progress (s, c->o->user);
  return TRUE;
}

gboolean
bs_scan_path (const char *path, const BsScanOptions *o, BsScanStats *stats, GError **error)
{
  ScanCtx c = { o, stats, NULL, 0 };
  BsWalker w = {
    .skip_file = skip_file,
    .mbox_resume = mbox_resume,
    .file_done = file_done,
    .warn = walk_warn,
    .item = scan_item,
    .user = &c,
    .follow_links = o->follow_links,
    .cancelled = o->cancelled,
  };
  gboolean ok = bs_source_walk (path, &w, error);
  if (c.in_batch > 0 && c.error == NULL)
    bs_store_commit (o->store, &c.error);
  if (c.error != NULL)
    {
      if (o->store && c.in_batch > 0)
        bs_store_commit (o->store, NULL);
      g_propagate_error (error, c.error);
      return FALSE;
    }
  return ok;
}
