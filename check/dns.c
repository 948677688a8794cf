/* dns.c - the live checks' DNS client, over libunbound (the only file of
 * the project that includes it): the resolver (the system's, recursive, or
 * one to forward to), the queries (each name asked once per run, at most
 * max_inflight at once, each cancelled after timeout_ms and counted as
 * unknown, never as "not listed"), and the records of their answers.  No
 * DNSSEC validation: no trust anchor is configured.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "check-private.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unbound.h>

void
bs_dns_query_free (gpointer p)
{
  Query *q = p;
  g_free (q->name);
  g_free (q->error);
  if (q->rdata)
    g_ptr_array_unref (q->rdata);
  g_free (q);
}
/* "ADDR[@PORT]" -> the form ub_ctx_set_fwd takes; NULL when malformed */
static char *
forward_address (const char *spec)
{
  g_autofree char *addr = g_strdup (spec);
  char *at = strrchr (addr, '@');
  guint64 port = 53;
  if (at != NULL)
    {
      *at = '\0';
      char *end = NULL;
      port = g_ascii_strtoull (at + 1, &end, 10);
      if (end == at + 1 || *end != '\0' || port == 0 || port > 65535)
        return NULL;
    }
  Addr a;
  if (!bs_ip_parse (addr, &a))
    return NULL;
  g_autofree char *text = bs_addr_text (&a);
  return g_strdup_printf ("%s@%u", text, (guint) port);
}

static gboolean
setup_resolver (BsChecker *c, const char *spec, GError **error)
{
  int err = 0;
  /* a resolver on this host (127.0.0.53, a test server) must be allowed */
  ub_ctx_set_option (c->ctx, "do-not-query-localhost:", "no");
  /* a resolver we forward to answers for every name: libunbound's built-in empty
   * zones for "test." (RFC 6761) and the documentation ranges would hide a
   * resolver's own zones (a local rbldnsd mirror, a test server) */
  static const char *const own_zones[] = {
    "test. transparent", "2.0.192.in-addr.arpa. transparent", "100.51.198.in-addr.arpa. transparent",
    "113.0.203.in-addr.arpa. transparent", "8.b.d.0.1.0.0.2.ip6.arpa. transparent",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (own_zones); i++)
    if (spec == NULL || strcmp (spec, "recursive") != 0)
      ub_ctx_set_option (c->ctx, "local-zone:", own_zones[i]);
  if (spec == NULL || strcmp (spec, "system") == 0)
    {
      c->resolver = g_strdup ("system");
      err = ub_ctx_resolvconf (c->ctx, NULL);
      if (err != 0)
        {
          g_set_error (error, BS_ERROR, BS_ERROR_DNS,
                       "cannot read the system's resolvers (/etc/resolv.conf): %s%s%s; "
                       "name one with --resolver ADDR, or use --resolver recursive",
                       ub_strerror (err), err == UB_READFILE ? ": " : "",
                       err == UB_READFILE ? g_strerror (errno) : "");
          return FALSE;
        }
      return TRUE;
    }
  if (strcmp (spec, "recursive") == 0)
    {
      c->resolver = g_strdup ("recursive");
      return TRUE; /* libunbound's default: it asks the authorities itself */
    }
  g_autofree char *fwd = forward_address (spec);
  if (fwd == NULL || (err = ub_ctx_set_fwd (c->ctx, fwd)) != 0)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_USAGE,
                   "--resolver %s: write an IP address, optionally with @PORT "
                   "(192.0.2.53, 127.0.0.1@5353, ::1@53), or 'system' or 'recursive'%s%s",
                   spec, err ? ": " : "", err ? ub_strerror (err) : "");
      return FALSE;
    }
  c->resolver = g_steal_pointer (&fwd);
  return TRUE;
}
gboolean
bs_dns_open (BsChecker *c, const char *spec, GError **error)
{
  c->ctx = ub_ctx_create ();
  if (c->ctx == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_DNS, "cannot create a DNS resolver context");
      return FALSE;
    }
  /* a thread, not a forked process, answers in the background */
  ub_ctx_async (c->ctx, 1);
  return setup_resolver (c, spec, error);
}

void
bs_dns_close (BsChecker *c)
{
  if (c->ctx != NULL)
    ub_ctx_delete (c->ctx);
  c->ctx = NULL;
}

/* ---- queries -------------------------------------------------------------- */

Query *
bs_dns_ask (BsChecker *c, const char *name, int type)
{
  g_autofree char *key = g_strdup_printf ("%d %s", type, name);
  Query *q = g_hash_table_lookup (c->queries, key);
  if (q != NULL)
    return q;
  q = g_new0 (Query, 1);
  q->name = g_strdup (name);
  q->type = type;
  q->state = Q_QUEUED;
  g_hash_table_insert (c->queries, g_steal_pointer (&key), q);
  g_queue_push_tail (&c->queue, q);
  return q;
}

Query *
bs_dns_answer (BsChecker *c, const char *name, int type)
{
  g_autofree char *key = g_strdup_printf ("%d %s", type, name);
  return g_hash_table_lookup (c->queries, key);
}

static const char *
rcode_text (int rcode)
{
  switch (rcode)
    {
    case 1: return "the resolver could not read the query (FORMERR)";
    case 2: return "the resolver failed to get an answer (SERVFAIL)";
    case 4: return "the resolver does not know this query type (NOTIMP)";
    case 5: return "the resolver refused the query (REFUSED)";
    default: return "the resolver answered with an error";
    }
}

static void
on_answer (void *data, int err, struct ub_result *result)
{
  Query *q = data;
  if (q->state == Q_DONE)
    {
      /* timed out already: the cancel came too late */
      if (result != NULL)
        ub_resolve_free (result);
      return;
    }
  q->state = Q_DONE;
  q->answered = g_get_real_time () / G_USEC_PER_SEC;
  if (err != 0 || result == NULL)
    {
      q->outcome = Q_FAILED;
      q->error = g_strdup (ub_strerror (err));
    }
  else if (result->havedata)
    {
      q->outcome = Q_ANSWER;
      q->rdata = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      for (int i = 0; result->data[i] != NULL && i < MAX_RRS; i++)
        if (result->len[i] >= 0)
          g_ptr_array_add (q->rdata, g_bytes_new (result->data[i], (gsize) result->len[i]));
    }
  else if (result->nxdomain || result->rcode == 3)
    q->outcome = Q_NXDOMAIN;
  else if (result->rcode == 0)
    q->outcome = Q_NODATA;
  else
    {
      q->outcome = Q_FAILED;
      q->error = g_strdup (rcode_text (result->rcode));
    }
  if (result != NULL)
    ub_resolve_free (result);
}

static void
give_up (Query *q, QOutcome outcome, const char *why)
{
  q->state = Q_DONE;
  q->outcome = outcome;
  q->answered = g_get_real_time () / G_USEC_PER_SEC;
  g_free (q->error);
  q->error = g_strdup (why);
}

/* send what is queued, at most max_inflight at once, until every query is
 * answered, timed out or cancelled */
gboolean
bs_dns_run (BsChecker *c, const gint *cancelled, GError **error)
{
  g_autoptr (GPtrArray) flight = g_ptr_array_new ();
  int fd = ub_fd (c->ctx);
  gboolean started = FALSE;
  guint answered = 0, silent = 0;
  while (!g_queue_is_empty (&c->queue) || flight->len > 0)
    {
      gboolean stop = cancelled != NULL && g_atomic_int_get (cancelled);
      /* a resolver that answered nothing to the first rounds answers
       * nothing: the rest is not waited for, one timeout each */
      gboolean dead = answered == 0 && silent >= 2 * c->max_inflight;
      if (dead)
        while (!g_queue_is_empty (&c->queue))
          give_up (g_queue_pop_head (&c->queue), Q_TIMEOUT,
                   "no answer: the resolver answered none of the first queries");
      while (!stop && flight->len < c->max_inflight && !g_queue_is_empty (&c->queue))
        {
          Query *q = g_queue_pop_head (&c->queue);
          q->state = Q_FLIGHT;
          q->deadline = g_get_monotonic_time () + (gint64) c->timeout_ms * 1000;
          int err = ub_resolve_async (c->ctx, q->name, q->type, 1, q, on_answer, &q->async_id);
          if (err != 0 && !started && err != UB_SYNTAX)
            {
              /* the first query starts the resolver: it cannot run at all */
              g_set_error (error, BS_ERROR, BS_ERROR_DNS, "cannot start the DNS resolver: %s",
                           ub_strerror (err));
              give_up (q, Q_FAILED, ub_strerror (err));
              return FALSE;
            }
          if (err != 0)
            {
              give_up (q, Q_FAILED, ub_strerror (err));
              continue;
            }
          started = TRUE;
          g_ptr_array_add (flight, q);
        }
      if (stop)
        {
          for (guint i = 0; i < flight->len; i++)
            {
              Query *q = g_ptr_array_index (flight, i);
              if (q->state != Q_DONE)
                {
                  ub_cancel (c->ctx, q->async_id);
                  give_up (q, Q_TIMEOUT, "interrupted");
                }
            }
          while (!g_queue_is_empty (&c->queue))
            give_up (g_queue_pop_head (&c->queue), Q_TIMEOUT, "interrupted");
          break;
        }
      gint64 now = g_get_monotonic_time ();
      gint64 first = G_MAXINT64;
      for (guint i = 0; i < flight->len; i++)
        first = MIN (first, ((Query *) g_ptr_array_index (flight, i))->deadline);
      int wait_ms = first == G_MAXINT64 ? 0 : (int) CLAMP ((first - now) / 1000 + 1, 0, 250);
      struct pollfd p = { .fd = fd, .events = POLLIN };
      int n = poll (&p, 1, wait_ms);
      if (n > 0 || ub_poll (c->ctx))
        {
          int err = ub_process (c->ctx);
          if (err != 0)
            {
              g_set_error (error, BS_ERROR, BS_ERROR_DNS, "DNS resolver: %s", ub_strerror (err));
              return FALSE;
            }
        }
      else if (n < 0 && errno != EINTR)
        {
          g_set_error (error, BS_ERROR, BS_ERROR_DNS, "DNS resolver: poll: %s",
                       g_strerror (errno));
          return FALSE;
        }
      now = g_get_monotonic_time ();
      for (guint i = flight->len; i-- > 0;)
        {
          Query *q = g_ptr_array_index (flight, i);
          if (q->state != Q_DONE && now >= q->deadline)
            {
              ub_cancel (c->ctx, q->async_id);
              give_up (q, Q_TIMEOUT, NULL);
              silent++;
            }
          else if (q->state == Q_DONE)
            answered++;
          if (q->state == Q_DONE)
            g_ptr_array_remove_index_fast (flight, i);
        }
    }
  return TRUE;
}

/* ---- reading answers ------------------------------------------------------ */

/* the addresses of an A or AAAA answer, as text */
GPtrArray *
bs_dns_addresses (const Query *q, int family)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  gsize want = family == AF_INET ? 4 : 16;
  for (guint i = 0; q->rdata != NULL && i < q->rdata->len; i++)
    {
      gsize n;
      const guint8 *b = g_bytes_get_data (g_ptr_array_index (q->rdata, i), &n);
      Addr a = { .family = family };
      if (n != want)
        continue;
      memcpy (a.b, b, n);
      char *t = bs_addr_text (&a);
      if (t != NULL)
        g_ptr_array_add (out, t);
    }
  return out;
}

/* a domain name in wire form (uncompressed, as libunbound gives rdata) as
 * text; NULL when malformed */
static char *
wire_name (const guint8 *b, gsize n)
{
  GString *s = g_string_new (NULL);
  gsize i = 0;
  while (i < n && s->len <= 255)
    {
      guint len = b[i++];
      if (len == 0)
        {
          if (s->len == 0)
            g_string_append_c (s, '.');
          return g_string_free (s, FALSE);
        }
      if (len > 63 || i + len > n)
        break;
      if (s->len > 0)
        g_string_append_c (s, '.');
      for (guint k = 0; k < len; k++)
        {
          guint8 ch = b[i + k];
          if (g_ascii_isalnum (ch) || ch == '-' || ch == '_')
            g_string_append_c (s, g_ascii_tolower ((char) ch));
          else
            g_string_append_printf (s, "\\%03u", ch);
        }
      i += len;
    }
  g_string_free (s, TRUE);
  return NULL;
}

GPtrArray *
bs_dns_ptr_names (const Query *q)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; q->rdata != NULL && i < q->rdata->len && out->len < BS_CHECK_MAX_PTR_NAMES; i++)
    {
      gsize n;
      const guint8 *b = g_bytes_get_data (g_ptr_array_index (q->rdata, i), &n);
      char *name = wire_name (b, n);
      if (name != NULL)
        g_ptr_array_add (out, name);
    }
  return out;
}

/* every TXT record of the answer, its strings joined, made printable */
GPtrArray *
bs_dns_txt_records (const Query *q)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; q->rdata != NULL && i < q->rdata->len; i++)
    {
      gsize n;
      const guint8 *b = g_bytes_get_data (g_ptr_array_index (q->rdata, i), &n);
      GString *s = g_string_new (NULL);
      gsize k = 0;
      while (k < n && s->len < MAX_TXT_BYTES)
        {
          gsize len = b[k++];
          len = MIN (len, n - k);
          g_string_append_len (s, (const char *) b + k, (gssize) len);
          k += len;
        }
      char *clean = bs_text_clean (s->str, MAX_TXT_BYTES);
      g_string_free (s, TRUE);
      g_ptr_array_add (out, clean != NULL ? clean : g_strdup (""));
    }
  return out;
}

