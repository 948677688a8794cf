/* checker.c - a live checks run: which lists are asked (the built-in
 * table, zone overrides, the defaults), and what is checked: the IPs and
 * domains of records, or of the history's failures in a scope, and every
 * listing still known (see check.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "check-private.h"

#include <string.h>

static void
ip_target_free (gpointer p)
{
  IpTarget *t = p;
  g_free (t->ip);
  g_hash_table_unref (t->lists);
  g_hash_table_unref (t->nodns);
  g_free (t);
}

static void
domain_target_free (gpointer p)
{
  DomainTarget *t = p;
  g_free (t->domain);
  g_hash_table_unref (t->lists);
  g_free (t);
}

void
bs_checker_free (BsChecker *c)
{
  if (c == NULL)
    return;
  /* the context first: it may still hold pointers to queries in flight */
  bs_dns_close (c);
  g_queue_clear (&c->queue);
  g_hash_table_unref (c->queries);
  g_hash_table_unref (c->ips);
  g_hash_table_unref (c->domains);
  g_ptr_array_unref (c->results);
  g_ptr_array_unref (c->defaults);
  g_ptr_array_unref (c->lists);
  g_ptr_array_unref (c->strings);
  g_free (c->resolver);
  g_free (c);
}

static const char *
keep (BsChecker *c, char *s)
{
  g_ptr_array_add (c->strings, s);
  return s;
}

BsDnsbl *
bs_checker_find_list (BsChecker *c, const char *id)
{
  for (guint i = 0; id != NULL && i < c->lists->len; i++)
    {
      BsDnsbl *l = g_ptr_array_index (c->lists, i);
      if (strcmp (l->id, id) == 0)
        return l;
    }
  return NULL;
}

static gboolean
valid_list_id (const char *id)
{
  gsize n = strlen (id);
  if (n == 0 || n > MAX_LIST_ID)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '-' && id[i] != '_' && id[i] != '.')
      return FALSE;
  return TRUE;
}

/* "ID=ZONE": a built-in list (and its sub-lists, which share its zone)
 * asked in another zone, or a list of one's own (any 127/8 code is a listing) */
static gboolean
apply_zone (BsChecker *c, const char *spec, GError **error)
{
  const char *eq = strchr (spec, '=');
  g_autofree char *id = eq ? g_strndup (spec, (gsize) (eq - spec)) : NULL;
  g_autofree char *zone = eq ? bs_check_domain_canonical (eq + 1) : NULL;
  if (id == NULL || !valid_list_id (g_strstrip (id)) || zone == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_USAGE,
                   "--dnsbl-zone %s: write LIST=ZONE, for example spamhaus-zen=zen.example.net", spec);
      return FALSE;
    }
  BsDnsbl *list = bs_checker_find_list (c, id);
  if (list == NULL)
    {
      BsDnsbl *own = g_new0 (BsDnsbl, 1);
      own->id = keep (c, g_strdup (id));
      own->name = own->id;
      own->zone = keep (c, g_strdup (zone));
      own->kind = BS_DNSBL_IP;
      own->by_default = TRUE;
      g_ptr_array_add (c->lists, own);
      return TRUE;
    }
  const char *old = list->zone;
  const char *zone_kept = keep (c, g_strdup (zone));
  for (guint i = 0; i < c->lists->len; i++)
    {
      BsDnsbl *l = g_ptr_array_index (c->lists, i);
      if (l->zone == old || strcmp (l->zone, old) == 0)
        l->zone = zone_kept;
    }
  return TRUE;
}

static gboolean
choose_defaults (BsChecker *c, const char *spec, GError **error)
{
  if (spec == NULL)
    {
      for (guint i = 0; i < c->lists->len; i++)
        {
          BsDnsbl *l = g_ptr_array_index (c->lists, i);
          if (l->by_default && l->kind == BS_DNSBL_IP)
            g_ptr_array_add (c->defaults, l);
        }
      return TRUE;
    }
  g_auto (GStrv) ids = g_strsplit (spec, ",", 64);
  for (gsize i = 0; ids[i] != NULL; i++)
    {
      const char *id = g_strstrip (ids[i]);
      if (*id == '\0' || strcmp (id, "none") == 0)
        continue;
      BsDnsbl *l = bs_checker_find_list (c, id);
      if (l == NULL || l->kind != BS_DNSBL_IP)
        {
          g_set_error (error, BS_ERROR, BS_ERROR_USAGE,
                       "--dnsbl %s: not a DNS list of IPs (known: spamhaus-zen, spamcop, barracuda,"
                       " psbl, mailspike, uceprotect-l1, ...; see the README)", id);
          return FALSE;
        }
      if (!g_ptr_array_find (c->defaults, l, NULL))
        g_ptr_array_add (c->defaults, l);
    }
  return TRUE;
}

BsChecker *
bs_checker_new (const BsCheckOptions *o, GError **error)
{
  static const BsCheckOptions none = { 0 };
  if (o == NULL)
    o = &none;
  BsChecker *c = g_new0 (BsChecker, 1);
  c->timeout_ms = o->timeout_ms > 0 ? MIN (o->timeout_ms, 120000u) : BS_CHECK_TIMEOUT_MS;
  c->max_inflight = o->max_inflight > 0 ? MIN (o->max_inflight, 1024u) : BS_CHECK_MAX_INFLIGHT;
  c->lists = g_ptr_array_new_with_free_func (g_free);
  c->strings = g_ptr_array_new_with_free_func (g_free);
  c->defaults = g_ptr_array_new ();
  c->ips = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, ip_target_free);
  c->domains = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, domain_target_free);
  c->queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, bs_dns_query_free);
  c->results = g_ptr_array_new_with_free_func (bs_check_result_free);
  g_queue_init (&c->queue);
  for (gsize i = 0; i < bs_dnsbl_n_lists; i++)
    g_ptr_array_add (c->lists, g_memdup2 (&bs_dnsbl_lists[i], sizeof bs_dnsbl_lists[i]));
  for (gsize i = 0; o->zones != NULL && o->zones[i] != NULL; i++)
    if (!apply_zone (c, o->zones[i], error))
      {
        bs_checker_free (c);
        return NULL;
      }
  if (!choose_defaults (c, o->lists, error))
    {
      bs_checker_free (c);
      return NULL;
    }
  if (!bs_dns_open (c, o->resolver, error))
    {
      bs_checker_free (c);
      return NULL;
    }
  return c;
}

const char *
bs_checker_resolver (BsChecker *c)
{
  return c->resolver;
}

/* ---- targets -------------------------------------------------------------- */

IpTarget *
bs_checker_ip_target (BsChecker *c, const char *ip)
{
  Addr a;
  if (!bs_ip_parse (ip, &a) || bs_addr_private (&a))
    return NULL;
  g_autofree char *text = bs_addr_text (&a);
  if (text == NULL)
    return NULL;
  IpTarget *t = g_hash_table_lookup (c->ips, text);
  if (t != NULL)
    return t;
  t = g_new0 (IpTarget, 1);
  t->ip = g_steal_pointer (&text);
  t->addr = a;
  t->lists = g_hash_table_new (NULL, NULL);
  t->nodns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < c->defaults->len; i++)
    g_hash_table_insert (t->lists, g_ptr_array_index (c->defaults, i), GINT_TO_POINTER (FALSE));
  g_hash_table_insert (c->ips, t->ip, t);
  return t;
}

DomainTarget *
bs_checker_domain_target (BsChecker *c, const char *domain)
{
  g_autofree char *d = bs_check_domain_canonical (domain);
  if (d == NULL)
    return NULL;
  DomainTarget *t = g_hash_table_lookup (c->domains, d);
  if (t != NULL)
    return t;
  t = g_new0 (DomainTarget, 1);
  t->domain = g_steal_pointer (&d);
  t->lists = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (c->domains, t->domain, t);
  return t;
}

/* a list for this IP: blamed once, blamed for good */
void
bs_checker_mark (GHashTable *lists, BsDnsbl *l, gboolean blamed)
{
  gboolean was = GPOINTER_TO_INT (g_hash_table_lookup (lists, l));
  g_hash_table_insert (lists, l, GINT_TO_POINTER (was || blamed));
}

void
bs_checker_add_ip_list (BsChecker *c, const char *ip, const char *blocklist, const char *domain,
             gboolean blamed)
{
  IpTarget *t = bs_checker_ip_target (c, ip);
  if (t == NULL || blocklist == NULL || !valid_list_id (blocklist))
    return;
  BsDnsbl *l = bs_checker_find_list (c, blocklist);
  if (l != NULL && l->kind == BS_DNSBL_IP)
    bs_checker_mark (t->lists, l, blamed);
  else if (l != NULL)
    {
      DomainTarget *d = bs_checker_domain_target (c, domain);
      if (d != NULL)
        bs_checker_mark (d->lists, l, blamed);
    }
  else if (blamed)
    g_hash_table_replace (t->nodns, g_strdup (blocklist), GINT_TO_POINTER (TRUE));
}

/* a list of domains (the DBL) a bounce named, asked for the sender's domain */
void
bs_checker_add_domain_list (BsChecker *c, const char *domain, const char *blocklist)
{
  BsDnsbl *l = blocklist != NULL ? bs_checker_find_list (c, blocklist) : NULL;
  DomainTarget *d = l != NULL && l->kind == BS_DNSBL_DOMAIN ? bs_checker_domain_target (c, domain) : NULL;
  if (d != NULL)
    bs_checker_mark (d->lists, l, TRUE);
}

void
bs_checker_add_ip (BsChecker *c, const char *ip, const char *blocklist, const char *domain)
{
  if (bs_checker_ip_target (c, ip) != NULL)
    bs_checker_add_ip_list (c, ip, blocklist, domain, TRUE);
}

void
bs_checker_add_domain (BsChecker *c, const char *domain)
{
  DomainTarget *t = bs_checker_domain_target (c, domain);
  if (t != NULL)
    t->auth = TRUE;
}

void
bs_checker_add_record (BsChecker *c, const BsRecord *r)
{
  if (r == NULL || !bs_record_is_failure (r))
    return;
  if (r->sending_ip != NULL)
    bs_checker_add_ip (c, r->sending_ip, r->blocklist, r->sender_domain);
  else if (r->sender_domain != NULL)
    bs_checker_add_domain_list (c, r->sender_domain, r->blocklist);
  if (bs_reason_sender_auth (r->reason) && r->sender_domain != NULL)
    bs_checker_add_domain (c, r->sender_domain);
}

guint
bs_checker_count (BsChecker *c)
{
  return g_hash_table_size (c->ips) + g_hash_table_size (c->domains);
}

/* ---- targets from the history ------------------------------------------- */

/* the ids of the lists of domains (the DBL), NULL-terminated */
static GPtrArray *
domain_lists (BsChecker *c)
{
  GPtrArray *ids = g_ptr_array_new ();
  for (guint i = 0; i < c->lists->len; i++)
    {
      const BsDnsbl *l = g_ptr_array_index (c->lists, i);
      if (l->kind == BS_DNSBL_DOMAIN)
        g_ptr_array_add (ids, (gpointer) l->id);
    }
  g_ptr_array_add (ids, NULL);
  return ids;
}

/* the most-failing IPs, with every list and sender domain they were blamed with */
static gboolean
add_history_ips (BsChecker *c, BsHistoryRead *read, const BsTargetScope *scope, GError **error)
{
  g_autoptr (BsHistoryIter) it = bs_history_ip_targets (read, scope, error);
  if (it == NULL)
    return FALSE;
  BsIpTarget row;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_ip_target (it, &row, &local))
    if (bs_checker_ip_target (c, row.ip) != NULL)
      bs_checker_add_ip_list (c, row.ip, row.blocklist, row.sender_domain, TRUE);
  if (local == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* sender domains: SPF and DMARC after an authentication or policy failure;
 * a list of domains (the DBL) when a bounce named it */
static gboolean
add_history_domains (BsChecker *c, BsHistoryRead *read, const BsTargetScope *scope,
                     GError **error)
{
  g_autoptr (GPtrArray) lists = domain_lists (c);
  g_autoptr (BsHistoryIter) it =
    bs_history_domain_targets (read, scope, (const char *const *) lists->pdata, error);
  if (it == NULL)
    return FALSE;
  BsDomainTarget row;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_domain_target (it, &row, &local))
    {
      if (row.auth_failure)
        bs_checker_add_domain (c, row.domain);
      g_auto (GStrv) named = g_strsplit (row.lists != NULL ? row.lists : "", ",", 64);
      for (gsize i = 0; named[i] != NULL; i++)
        bs_checker_add_domain_list (c, row.domain, named[i]);
    }
  if (local == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* every IP and list whose last known state is "listed": followed until delisted */
static gboolean
add_still_listed (BsChecker *c, BsHistoryRead *read, guint max, GError **error)
{
  g_autoptr (BsHistoryIter) it = bs_history_still_listed (read, max, error);
  if (it == NULL)
    return FALSE;
  const char *subject, *list;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_listed (it, &subject, &list, &local))
    {
      BsDnsbl *l = bs_checker_find_list (c, list);
      if (l == NULL || subject == NULL)
        continue;
      if (l->kind == BS_DNSBL_IP)
        bs_checker_add_ip_list (c, subject, l->id, NULL, FALSE);
      else
        {
          DomainTarget *d = bs_checker_domain_target (c, subject);
          if (d != NULL)
            bs_checker_mark (d->lists, l, FALSE);
        }
    }
  if (local == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gboolean
bs_checker_add_history (BsChecker *c, BsHistoryRead *read, const BsCheckScope *scope,
                        GError **error)
{
  BsTargetScope s = {
    .run_id = scope->run_id,
    .recent_day = scope->recent_day,
    .filter = scope->filter,
    .max = scope->max_ips > 0 ? scope->max_ips : BS_CHECK_MAX_IPS,
  };
  return add_history_ips (c, read, &s, error) && add_history_domains (c, read, &s, error)
         && (!scope->follow_listed || add_still_listed (c, read, s.max, error));
}

