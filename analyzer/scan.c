/* scan.c - one path's messages through parse, classify and store
 *
 * Owns the order of the pipeline, the worker threads and the batching of
 * database writes.  The walk (source.c) runs in the calling thread and hands
 * each message's bytes (without a copy) to a pool of workers that hash,
 * parse and classify it and derive what the store needs from its records
 * (bs_store_rows_new); results come back in the walk's order and are stored
 * (or printed) from the calling thread only, so SQLite is written from one
 * thread, which only binds and steps; the workers free what it delivered.
 * At most BS_SCAN_IN_FLIGHT messages per thread are held at once, and at
 * most BS_SCAN_IN_FLIGHT_BYTES of their bytes and of the records parsed
 * from them until they are stored (a 2 MB bounce for 20,000 recipients
 * gives ten times its size in records): memory stays flat whatever the
 * mailbox and its bounces.
 * A message is stored whole (its row and its records) inside a transaction
 * committed every BS_SCAN_BATCH rows at first, more as the scan goes on (up
 * to BS_SCAN_BATCH_MAX), and a
 * file's "read up to here" state is stored in order after its messages, so
 * an interrupted scan loses at most an uncommitted batch, which the next run
 * reads again.  Inside a long mbox, every committed batch also stores where
 * the mbox's last stored message ends (a checkpoint), so a scan killed in
 * the middle of a big mbox resumes there instead of at its start.  An mbox
 * resumes only when its first 4 KB and the bytes before the stored offset
 * are what they were; otherwise it was rotated, truncated, replaced or
 * rewritten, and it is read again from its start (the content hash and the
 * identity, identity.h, drop what is already stored).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "scan.h"
#include "find.h"

#include <string.h>

#include "bs.h"
#include "classify.h"
#include "identity.h"
#include "lhost.h"
#include "mail.h"
#include "source.h"

/* rows (a message with its records, or a file's state) per transaction:
 * BS_SCAN_BATCH at first, then an eighth of what the scan has stored so
 * far, up to BS_SCAN_BATCH_MAX.  Every commit writes each page it changed
 * again (the content-hash and recipient indexes take rows all over), so a
 * long scan writes far less with bigger batches; a short one, or the start
 * of a long one, still commits often. */
#define BS_SCAN_BATCH 500
#define BS_SCAN_BATCH_MAX 8192
/* messages in flight per thread: about a tenth of a second of the workers'
 * work, so that they go on while the storing thread waits for a commit or
 * a checkpoint's fsync (with 64, two workers were idle a fifth of a
 * 100,000-message scan; 512 hold about 7 MB more, whatever the mailbox) */
#define BS_SCAN_IN_FLIGHT 512
/* and at most this many bytes of messages waiting for a worker and of the
 * records of those parsed and not yet stored (one message is always let
 * through, up to BS_MAX_MESSAGE_BYTES): 512 messages of 64 MB per thread
 * would be gigabytes, and the usual few KB each are well under it. */
#define BS_SCAN_IN_FLIGHT_BYTES (32u * 1024u * 1024u)
/* delivered jobs are freed by a worker, BS_SCAN_GARBAGE at a time or this
 * many bytes of records; a job holding more is freed at once */
#define BS_SCAN_GARBAGE_BYTES (4u * 1024u * 1024u)

typedef enum { JOB_MESSAGE, JOB_FILE_DONE, JOB_FREE } JobType;

/* one message (or one end-of-file mark) on its way through the pool */
typedef struct {
  guint64 seq;
  JobType type;
  char *path;
  char *key;
  guint index;
  gint64 offset;
  gint64 size;
  char *data;               /* the message's bytes (JOB_MESSAGE) */
  gsize len;
  gboolean want_hash;       /* a store will need the content hash */
  BsSourceState state;      /* JOB_FILE_DONE */
  /* results, filled by a worker */
  char *hash;
  char *identity;           /* the hash without what mail clients change */
  char *tail;               /* an mbox message's tail hash at its end */
  GPtrArray *records;
  BsStoreRows *rows;        /* what the store derives from records */
  gsize held;               /* bytes of memory the results hold, about */
  const char *mta;
  char *why;                /* not decoded: why */
  GPtrArray *garbage;       /* JOB_FREE: delivered jobs for a worker to free */
} Job;

static void
job_free (Job *j)
{
  g_free (j->path);
  g_free (j->key);
  g_free (j->data);
  bs_source_state_clear (&j->state);
  g_free (j->hash);
  g_free (j->identity);
  g_free (j->tail);
  if (j->records)
    g_ptr_array_unref (j->records);
  bs_store_rows_free (j->rows);
  g_free (j->why);
  if (j->garbage)
    g_ptr_array_unref (j->garbage);
  g_free (j);
}

/* where the last stored message of an mbox ends: the checkpoint written
 * with the next commit */
typedef struct {
  char *path;
  char *fingerprint;
  char *tail;               /* the tail hash at offset */
  gint64 offset;
  guint next_index;
  gboolean dirty;           /* not yet written */
} MboxMark;

typedef struct {
  const BsScanOptions *o;
  BsScanStats *stats;
  GError *error;            /* first store error: stops the walk */
  GHashTable *fingerprints; /* mbox path -> fingerprint of its first 4 KB */
  MboxMark mark;
  guint in_batch;
  guint64 stored;           /* rows stored by this scan, for the batch size */
  GThreadPool *pool;        /* NULL: work inline */
  GAsyncQueue *done;        /* Job * finished by workers */
  GHashTable *ready;        /* seq -> Job *, finished but not yet delivered */
  guint64 next_seq;         /* seq of the next job to create */
  guint64 deliver_seq;      /* seq of the next job to deliver */
  GPtrArray *garbage;       /* delivered jobs, to be freed by a worker */
  gsize garbage_bytes;      /* held by the jobs in garbage */
  guint in_flight;
  guint max_in_flight;
  gsize in_flight_bytes;    /* bytes of the messages submitted and not yet
                               parsed, and of the records parsed and not yet
                               delivered */
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
  gboolean daemon = bs_strstr (lfrom, "mailer-daemon") != NULL || bs_strstr (lfrom, "postmaster") != NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (subjects); i++)
    if (bs_strstr (lsub, subjects[i]) != NULL)
      return daemon || g_str_has_prefix (lsub, subjects[i]);
  return FALSE;
}

/* work - what a worker does with one message: hash, parse, classify */
static void
work (Job *j)
{
  if (j->type != JOB_MESSAGE)
    return;
  /* the hashes identify a message in the history; without one (dump,
   * explain) nothing needs them */
  if (j->want_hash)
    {
      j->hash = bs_content_hash (j->data, j->len);
      j->identity = bs_message_identity (j->data, j->len);
    }
  g_autoptr (GError) error = NULL;
  /* the bytes are ours and hashed already: parsed in place, no copy */
  g_autoptr (BsMail) mail = bs_mail_parse_writable (j->data, j->len, j->path, j->index, &error);
  if (mail == NULL)
    {
      j->records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
      j->why = g_strdup (error->message);
    }
  else
    {
      j->records = bs_parse_mail (mail, &j->mta);
      for (guint i = 0; i < j->records->len; i++)
        bs_classify_record (mail, g_ptr_array_index (j->records, i));
      if (j->records->len == 0 && looks_like_bounce (mail))
        j->why = g_strdup ("looks like a bounce, but no recipient could be read from it");
    }
  g_clear_pointer (&j->data, g_free); /* the bytes are not needed any more */
  /* the store's share of the work that needs no database, here in the
   * worker: the writer thread only binds and steps */
  if (j->want_hash)
    j->rows = bs_store_rows_new (j->records);
  for (guint i = 0; i < j->records->len; i++)
    j->held += bs_record_bytes (g_ptr_array_index (j->records, i));
  if (j->rows != NULL)
    j->held += bs_store_rows_bytes (j->rows);
}

static void
worker (gpointer data, gpointer user)
{
  ScanCtx *c = user;
  Job *j = data;
  if (j->type == JOB_FREE)
    {
      job_free (j); /* and the delivered jobs it holds */
      return;
    }
  work (j);
  g_async_queue_push (c->done, j);
}

/* ---- mbox resume checks ----------------------------------------------------- */

/* where to resume reading the mbox at path (and the number of the message
 * found there) according to the store; 0 to read it from its start.
 * *unchanged is set when the file is exactly as the last scan left it. */
static gint64
resume_offset (BsStore *store, const char *path, int fd, gint64 size, gint64 mtime,
               const char *fingerprint, guint *next_index, gboolean *unchanged)
{
  BsSourceState st = { 0 };
  gint64 offset = 0;
  *unchanged = FALSE;
  if (bs_store_source_get (store, path, &st) && st.fingerprint != NULL
      && strcmp (st.fingerprint, fingerprint) == 0 && size >= st.offset)
    {
      g_autofree char *tail = st.tail != NULL ? bs_source_tail_hash (fd, st.offset) : NULL;
      if (st.tail == NULL || g_strcmp0 (tail, st.tail) == 0)
        {
          offset = st.offset;
          *next_index = st.next_index;
          *unchanged = size == st.size && mtime == st.mtime;
        }
    }
  bs_source_state_clear (&st);
  return offset;
}

/* ---- delivery, in the walk's order, in the calling thread ---------------- */

static gboolean
store_begin_if_needed (ScanCtx *c)
{
  return c->in_batch > 0 || bs_store_begin (c->o->store, &c->error);
}

/* store the checkpoint of the mbox being read, inside the open batch */
static void
put_mbox_mark (ScanCtx *c)
{
  MboxMark *m = &c->mark;
  if (!m->dirty || c->error != NULL || c->in_batch == 0)
    return;
  m->dirty = FALSE;
  /* size = offset and mtime = 0: "read up to offset", never "unchanged" */
  BsSourceState st = { m->offset, 0, m->offset, m->next_index, m->fingerprint, m->tail };
  bs_store_source_put (c->o->store, m->path, &st, &c->error);
}

/* messages the store said new that were known after all (a backend that
 * learns it later: bs_store_take_late) are duplicates */
static void
take_late (ScanCtx *c)
{
  BsScanStats late;
  bs_store_take_late (c->o->store, &late);
  if (late.messages == 0)
    return;
  BsScanStats *s = c->stats;
  s->messages -= late.messages;
  s->bounces -= late.bounces;
  s->not_bounces -= late.not_bounces;
  s->undecodable -= late.undecodable;
  s->failures -= late.failures;
  s->delayed -= late.delayed;
  s->duplicates += late.messages;
}

/* one more row in the open batch; the batch is committed when it is full
 * and may_commit: a message of a file of its own (not of an mbox) is
 * committed with its file's state, never before it, so that a scan killed
 * between the two does not leave a stored message whose file reads as new */
static void
store_counted (ScanCtx *c, gboolean may_commit)
{
  c->stored++;
  if (++c->in_batch >= CLAMP (c->stored / 8, BS_SCAN_BATCH, BS_SCAN_BATCH_MAX) && may_commit)
    {
      put_mbox_mark (c);
      c->in_batch = 0;
      bs_store_commit (c->o->store, &c->error);
    }
}

static void
deliver_file_done (ScanCtx *c, Job *j)
{
  if (c->o->store == NULL || c->error != NULL)
    return;
  if (!store_begin_if_needed (c))
    return;
  if (j->state.fingerprint != NULL)
    {
      /* an mbox read to its end: its own state replaces any checkpoint */
      if (g_strcmp0 (c->mark.path, j->key) == 0)
        c->mark.dirty = FALSE;
      g_hash_table_remove (c->fingerprints, j->key);
    }
  if (bs_store_source_put (c->o->store, j->key, &j->state, &c->error))
    store_counted (c, TRUE);
}

/* remember where the mbox message just stored ends */
static void
mark_mbox (ScanCtx *c, const Job *j)
{
  const char *fp = g_hash_table_lookup (c->fingerprints, j->path);
  if (fp == NULL)
    return;
  MboxMark *m = &c->mark;
  if (g_strcmp0 (m->path, j->path) != 0)
    {
      g_free (m->path);
      m->path = g_strdup (j->path);
    }
  if (g_strcmp0 (m->fingerprint, fp) != 0)
    {
      g_free (m->fingerprint);
      m->fingerprint = g_strdup (fp);
    }
  g_free (m->tail);
  m->tail = g_strdup (j->tail);
  m->offset = j->offset + j->size;
  m->next_index = j->index;
  m->dirty = TRUE;
}

static void
deliver_message (ScanCtx *c, Job *j)
{
  BsScanStats *s = c->stats;
  BsStore *store = c->o->store;
  s->bytes += (guint64) MAX (j->size, 0);
  if (store != NULL && j->index > 0 && c->error == NULL)
    mark_mbox (c, j);
  BsMessageMeta meta = { j->path, j->index, j->key, j->offset, j->size, j->hash,
                         BS_MESSAGE_NOT_BOUNCE, NULL, NULL, j->identity };
  if (j->why != NULL)
    {
      meta.kind = BS_MESSAGE_UNDECODABLE;
      meta.error = j->why;
    }
  else if (j->records->len > 0)
    {
      meta.kind = BS_MESSAGE_BOUNCE;
      meta.mta = j->mta;
    }
  /* stored first: the insert itself tells a message already known (by its
   * content hash), without a look-up of its own */
  if (store != NULL && c->error == NULL && store_begin_if_needed (c))
    {
      gboolean known = FALSE;
      if (bs_store_put_message (store, c->o->run_id, &meta, j->records, j->rows, &known,
                                &c->error))
        store_counted (c, j->index > 0);   /* an mbox's: its mark goes with it */
      if (known)
        {
          s->duplicates++;
          if (c->o->progress)
            c->o->progress (s, c->o->user);
          return;
        }
    }
  s->messages++;
  if (meta.kind == BS_MESSAGE_UNDECODABLE)
    {
      s->undecodable++;
      if (c->o->undecodable)
        c->o->undecodable (j->path, j->index, j->why, c->o->user);
    }
  else if (meta.kind == BS_MESSAGE_BOUNCE)
    s->bounces++;
  else
    s->not_bounces++;

  for (guint i = 0; i < j->records->len; i++)
    {
      const BsRecord *r = g_ptr_array_index (j->records, i);
      if (bs_record_is_failure (r))
        s->failures++;
      else if (r->action != NULL && strcmp (r->action, "delayed") == 0)
        s->delayed++;
      if (c->o->record)
        c->o->record (r, c->o->user);
    }
  if (store != NULL)
    take_late (c);
  if (c->o->progress)
    c->o->progress (s, c->o->user);
}

/* delivered jobs are freed by the workers, BS_SCAN_GARBAGE at a time: a
 * message's records are hundreds of small blocks, each freed into the
 * worker's malloc arena it came from; the writer thread has better to do */
#define BS_SCAN_GARBAGE 64

static void
discard (ScanCtx *c, Job *j)
{
  if (c->pool == NULL)
    {
      job_free (j);
      return;
    }
  if (j->held >= BS_SCAN_GARBAGE_BYTES)
    {
      job_free (j);   /* a bounce for thousands of recipients: its memory now */
      return;
    }
  if (c->garbage == NULL)
    c->garbage = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  g_ptr_array_add (c->garbage, j);
  c->garbage_bytes += j->held;
  if (c->garbage->len >= BS_SCAN_GARBAGE || c->garbage_bytes >= BS_SCAN_GARBAGE_BYTES)
    {
      c->garbage_bytes = 0;
      Job *g = g_new0 (Job, 1);
      g->type = JOB_FREE;
      g->garbage = g_steal_pointer (&c->garbage);
      g_thread_pool_push (c->pool, g, NULL);
    }
}

static void
deliver (ScanCtx *c, Job *j)
{
  if (j->type == JOB_MESSAGE)
    deliver_message (c, j);
  else
    deliver_file_done (c, j);
  discard (c, j);
}

/* collect finished jobs; deliver those whose turn it is.  With wait, block
 * until at least one job has finished. */
static void
collect (ScanCtx *c, gboolean wait)
{
  Job *j;
  /* one thread: no queue, every job was delivered as it was made */
  while (c->done != NULL
         && (j = wait ? g_async_queue_pop (c->done) : g_async_queue_try_pop (c->done)) != NULL)
    {
      wait = FALSE;
      c->in_flight--;
      /* its bytes are parsed; its records are held until delivered */
      c->in_flight_bytes = c->in_flight_bytes - j->len + j->held;
      g_hash_table_insert (c->ready, &j->seq, j);
    }
  while ((j = g_hash_table_lookup (c->ready, &c->deliver_seq)) != NULL)
    {
      g_hash_table_steal (c->ready, &c->deliver_seq);
      c->deliver_seq++;
      c->in_flight_bytes -= j->held;
      deliver (c, j);
    }
}

static void
submit (ScanCtx *c, Job *j)
{
  j->seq = c->next_seq++;
  if (c->pool == NULL)
    {
      work (j);
      c->deliver_seq++;
      deliver (c, j);
      return;
    }
  c->in_flight++;
  c->in_flight_bytes += j->len;
  g_thread_pool_push (c->pool, j, NULL);
  collect (c, FALSE);
  while (c->in_flight >= c->max_in_flight
         || (c->in_flight > 0 && c->in_flight_bytes > BS_SCAN_IN_FLIGHT_BYTES))
    collect (c, TRUE);
}

/* ---- walker callbacks ------------------------------------------------------ */

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
mbox_resume (const char *path, int fd, gint64 size, gint64 mtime, const char *fingerprint,
             guint *next_index, gpointer user)
{
  ScanCtx *c = user;
  if (c->o->store == NULL)
    return 0;
  g_hash_table_insert (c->fingerprints, g_strdup (path), g_strdup (fingerprint));
  gboolean unchanged;
  gint64 offset = resume_offset (c->o->store, path, fd, size, mtime, fingerprint, next_index,
                                 &unchanged);
  if (unchanged)
    c->stats->unchanged++;
  return offset;
}

static void
file_done (const char *key, gint64 size, gint64 mtime, gint64 offset, guint next_index,
           const char *fingerprint, const char *tail, gpointer user)
{
  ScanCtx *c = user;
  if (c->o->store == NULL)
    return;
  Job *j = g_new0 (Job, 1);
  j->type = JOB_FILE_DONE;
  j->key = g_strdup (key);
  j->state = (BsSourceState) { size, mtime, offset, next_index, g_strdup (fingerprint),
                               g_strdup (tail) };
  j->seq = c->next_seq++;
  /* nothing to compute: ready at once, delivered after the file's messages */
  g_hash_table_insert (c->ready, &j->seq, j);
  collect (c, FALSE);
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
walk_item (const BsItem *item, gpointer user)
{
  ScanCtx *c = user;
  if (c->error != NULL)
    return FALSE;
  Job *j = g_new0 (Job, 1);
  j->type = JOB_MESSAGE;
  j->path = g_strdup (item->path);
  j->key = g_strdup (item->key);
  j->index = item->index;
  j->offset = item->offset;
  j->size = item->size;
  j->tail = g_strdup (item->tail);
  if (item->take != NULL && *item->take == item->data)
    j->data = g_steal_pointer (item->take); /* no copy */
  else
    {
      j->data = g_memdup2 (item->data, item->len + 1);
      j->data[item->len] = '\0';
    }
  j->len = item->len;
  j->want_hash = c->o->store != NULL;
  submit (c, j);
  return c->error == NULL;
}

guint
bs_scan_default_threads (void)
{
  return MAX (1, g_get_num_processors ());
}

gboolean
bs_scan_path (const char *path, const BsScanOptions *o, BsScanStats *stats, GError **error)
{
  ScanCtx c = { 0 };
  c.o = o;
  c.stats = stats;
  c.ready = g_hash_table_new (g_int64_hash, g_int64_equal);
  c.fingerprints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint threads = o->threads > 0 ? o->threads : bs_scan_default_threads ();
  if (threads > 1)
    {
      c.done = g_async_queue_new ();
      c.pool = g_thread_pool_new (worker, &c, (gint) threads, TRUE, NULL);
      c.max_in_flight = threads * BS_SCAN_IN_FLIGHT;
    }
  BsWalker w = {
    .skip_file = skip_file,
    .mbox_resume = mbox_resume,
    .file_done = file_done,
    .warn = walk_warn,
    .item = walk_item,
    .user = &c,
    .follow_links = o->follow_links,
    .wait_complete = o->store != NULL,
    .want_tail = o->store != NULL,
    .cancelled = o->cancelled,
  };
  gboolean ok = bs_source_walk (path, &w, error);
  while (c.in_flight > 0)
    collect (&c, TRUE);
  collect (&c, FALSE);
  if (c.garbage != NULL)
    g_ptr_array_unref (c.garbage);
  if (c.pool != NULL)
    {
      g_thread_pool_free (c.pool, FALSE, TRUE);
      g_async_queue_unref (c.done);
    }
  /* whatever is left (cannot happen unless a store error stopped delivery) */
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, c.ready);
  while (g_hash_table_iter_next (&it, NULL, &v))
    job_free (v);
  g_hash_table_unref (c.ready);
  g_hash_table_unref (c.fingerprints);

  /* stopped inside an mbox (interrupted): keep where its stored messages end */
  if (o->store != NULL && c.mark.dirty && c.error == NULL && store_begin_if_needed (&c))
    {
      c.in_batch++;
      put_mbox_mark (&c);
    }
  g_free (c.mark.path);
  g_free (c.mark.fingerprint);
  g_free (c.mark.tail);
  if (o->store != NULL && c.in_batch > 0)
    {
      if (c.error == NULL)
        bs_store_commit (o->store, &c.error);
      else
        bs_store_commit (o->store, NULL); /* keep what was read before the error */
      take_late (&c);
    }
  if (c.error != NULL)
    {
      g_clear_error (error);
      g_propagate_error (error, c.error);
      return FALSE;
    }
  return ok;
}

/* ---- estimate, for a progress line ----------------------------------------- */

typedef struct {
  BsStore *store;
  guint64 bytes;
} Estimate;

static gboolean
estimate_file (const char *key, gint64 size, gint64 mtime, gpointer user)
{
  Estimate *e = user;
  BsSourceState st = { 0 };
  gboolean known = e->store != NULL && bs_store_source_get (e->store, key, &st);
  if (!known)
    e->bytes += (guint64) MAX (size, 0);
  else if (st.size != size || st.mtime != mtime)
    /* an mbox that grew is read from where the last scan stopped (or
     * from its start when it was rewritten: a guess is enough here) */
    e->bytes += (guint64) MAX (st.fingerprint != NULL && size >= st.offset ? size - st.offset : size, 0);
  bs_source_state_clear (&st);
  return TRUE; /* never read it now */
}

static gint64
estimate_mbox (const char *path, int fd, gint64 size, gint64 mtime, const char *fingerprint,
               guint *next_index, gpointer user)
{
  Estimate *e = user;
  gboolean unchanged;
  gint64 offset = e->store != NULL ? resume_offset (e->store, path, fd, size, mtime,
                                                    fingerprint, next_index, &unchanged)
                                   : 0;
  if (size > offset)
    e->bytes += (guint64) (size - offset);
  return size; /* "nothing new": the walk does not read it */
}

gboolean
bs_scan_estimate (const char *path, const BsScanOptions *o, guint64 *bytes)
{
  if (strcmp (path, "-") == 0)
    return FALSE; /* standard input can be read once only */
  Estimate e = { o->store, 0 };
  BsWalker w = {
    .skip_file = estimate_file,
    .mbox_resume = estimate_mbox,
    .user = &e,
    .follow_links = o->follow_links,
    .cancelled = o->cancelled,
  };
  if (!bs_source_walk (path, &w, NULL))
    return FALSE;
  *bytes += e.bytes;
  return TRUE;
}
