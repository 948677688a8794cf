/* results.c - what the answers of a live checks run mean: the two rounds
 * of queries (every blocklist, PTR and TXT name; then the addresses of the
 * names the PTR records gave), one result per IP and list, per IP for its
 * PTR, per domain for SPF and DMARC, and their keeping in the history.  A
 * list's error codes (Spamhaus 127.255.255.x) are refusals, never
 * listings: see analyzer/rules/dnsbl.c.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "check-private.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

void
bs_check_result_free (gpointer p)
{
  BsCheckResult *r = p;
  g_free (r->subject);
  g_free (r->list);
  g_free (r->list_name);
  g_free (r->query);
  g_free (r->answer);
  g_free (r->listed_as);
  g_free (r->detail);
  g_free (r->fix);
  g_free (r);
}
/* ---- results -------------------------------------------------------------- */

static BsCheckResult *
result_new (BsChecker *c, BsCheckKind kind, const char *subject, const Query *q)
{
  BsCheckResult *r = g_new0 (BsCheckResult, 1);
  r->kind = kind;
  r->subject = g_strdup (subject);
  r->query = q != NULL ? g_strdup (q->name) : NULL;
  r->checked_at = q != NULL && q->answered > 0 ? q->answered : g_get_real_time () / G_USEC_PER_SEC;
  g_ptr_array_add (c->results, r);
  return r;
}

/* the outcomes that leave the state unknown: TRUE when r was set from them */
static gboolean
unknown_outcome (BsChecker *c, BsCheckResult *r, const Query *q)
{
  if (q == NULL || q->state != Q_DONE)
    {
      r->status = BS_CHECK_FAILED;
      r->detail = g_strdup ("not asked");
      return TRUE;
    }
  if (q->outcome == Q_TIMEOUT)
    {
      r->status = BS_CHECK_TIMEOUT;
      r->detail = q->error != NULL ? g_strdup (q->error)
                  : g_strdup_printf ("no answer within %g s", c->timeout_ms / 1000.0);
      return TRUE;
    }
  if (q->outcome == Q_FAILED)
    {
      r->status = BS_CHECK_FAILED;
      r->detail = g_strdup (q->error != NULL ? q->error : "the resolver failed");
      return TRUE;
    }
  return FALSE;
}

static void
append_unique (GString *s, const char *text)
{
  /* a short list: a linear look is enough */
  g_auto (GStrv) have = g_strsplit (s->str, ", ", -1);
  if (s->len > 0 && g_strv_contains ((const char *const *) have, text))
    return;
  if (s->len > 0)
    g_string_append (s, ", ");
  g_string_append (s, text);
}

static void
dnsbl_result (BsChecker *c, const char *subject, const char *qname, const BsDnsbl *l,
              gboolean blamed)
{
  const Query *q = bs_dns_answer (c, qname, RR_A);
  BsCheckResult *r = result_new (c, BS_CHECK_DNSBL, subject, q);
  r->list = g_strdup (l->id);
  r->list_name = g_strdup (l->name);
  r->blamed = blamed;
  if (unknown_outcome (c, r, q))
    return;
  if (q->outcome != Q_ANSWER)
    {
      r->status = BS_CHECK_NOT_LISTED;
      return;
    }
  g_autoptr (GPtrArray) codes = bs_dns_addresses (q, AF_INET);
  g_autoptr (GString) answer = g_string_new (NULL);
  g_autoptr (GString) names = g_string_new (NULL);
  g_autoptr (GString) other = g_string_new (NULL);
  g_autoptr (GString) meaning = g_string_new (NULL);
  const BsDnsblError *refusal = NULL, *unexpected = NULL;
  gboolean listed = FALSE;
  for (guint i = 0; i < codes->len; i++)
    {
      const char *addr = g_ptr_array_index (codes, i);
      const BsDnsblCode *code;
      const BsDnsblError *err;
      BsDnsblVerdict v = bs_check_dnsbl_code (l, addr, &code, &err);
      append_unique (answer, addr);
      switch (v)
        {
        case BS_DNSBL_REFUSED:
          refusal = refusal ? refusal : err;
          break;
        case BS_DNSBL_UNEXPECTED:
          unexpected = unexpected ? unexpected : err;
          break;
        case BS_DNSBL_LISTED:
          listed = TRUE;
          append_unique (names, code != NULL ? code->name : l->name);
          g_string_append_printf (meaning, "%s%s: %s", meaning->len ? "; " : "", addr,
                                  code != NULL ? code->meaning : "listed (a code this program's table does not name)");
          break;
        case BS_DNSBL_OTHER_LIST:
          append_unique (other, code != NULL ? code->name : "another list of the zone");
          break;
        default:
          break;
        }
    }
  r->answer = answer->len > 0 ? g_strdup (answer->str) : NULL;
  if (refusal != NULL)
    {
      /* an error code is never a listing, even beside a listing code */
      r->status = BS_CHECK_REFUSED;
      r->detail = g_strdup (refusal->meaning);
      r->fix = g_strdup (refusal->fix);
    }
  else if (listed)
    {
      r->status = BS_CHECK_LISTED;
      r->listed_as = g_strdup (names->str);
      r->detail = g_strdup (meaning->str);
    }
  else if (unexpected != NULL)
    {
      r->status = BS_CHECK_FAILED;
      r->detail = g_strdup (unexpected->meaning);
      r->fix = g_strdup (unexpected->fix);
    }
  else
    {
      r->status = BS_CHECK_NOT_LISTED;
      if (other->len > 0)
        r->detail = g_strdup_printf ("the zone lists it on %s", other->str);
    }
}

static void
nodns_result (BsChecker *c, const char *subject, const char *id)
{
  BsCheckResult *r = result_new (c, BS_CHECK_NO_DNS, subject, NULL);
  const BsDnsblNoDns *n = bs_check_nodns (id);
  r->status = BS_CHECK_NOT_CHECKED;
  r->list = g_strdup (id);
  r->list_name = g_strdup (n != NULL ? n->name : id);
  r->detail = g_strdup (n != NULL ? n->why
                        : "no DNS zone is known for this list (give one with --dnsbl-zone LIST=ZONE)");
  r->blamed = TRUE;
}

static void
ptr_result (BsChecker *c, const IpTarget *t)
{
  g_autofree char *rev = bs_addr_reverse_name (&t->addr, NULL);
  const Query *q = bs_dns_answer (c, rev, RR_PTR);
  BsCheckResult *r = result_new (c, BS_CHECK_PTR, t->ip, q);
  if (unknown_outcome (c, r, q))
    return;
  g_autoptr (GPtrArray) names = q->outcome == Q_ANSWER ? bs_dns_ptr_names (q) : NULL;
  if (names == NULL || names->len == 0)
    {
      r->status = BS_CHECK_NONE;
      r->detail = g_strdup ("no PTR record: many receivers refuse mail from an IP without one");
      return;
    }
  int type = t->addr.family == AF_INET ? RR_A : RR_AAAA;
  g_autoptr (GString) joined = g_string_new (NULL);
  const char *confirmed = NULL;
  const Query *unknown = NULL;
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      append_unique (joined, name);
      g_autofree char *canon = bs_check_domain_canonical (name);
      const Query *fq = canon != NULL ? bs_dns_answer (c, canon, type) : NULL;
      if (canon == NULL)
        continue;
      if (fq == NULL || fq->state != Q_DONE || fq->outcome == Q_TIMEOUT || fq->outcome == Q_FAILED)
        {
          unknown = unknown ? unknown : fq;
          continue;
        }
      g_autoptr (GPtrArray) addrs = bs_dns_addresses (fq, t->addr.family);
      for (guint k = 0; k < addrs->len && confirmed == NULL; k++)
        if (strcmp (g_ptr_array_index (addrs, k), t->ip) == 0)
          confirmed = name;
    }
  r->answer = g_strdup (joined->str);
  if (confirmed != NULL)
    {
      r->status = BS_CHECK_CONFIRMED;
      r->detail = g_strdup_printf ("%s resolves back to %s (forward-confirmed)", confirmed, t->ip);
    }
  else if (unknown != NULL)
    {
      r->status = unknown->outcome == Q_TIMEOUT ? BS_CHECK_TIMEOUT : BS_CHECK_FAILED;
      r->detail = g_strdup_printf ("the address of %s could not be looked up", joined->str);
    }
  else
    {
      r->status = BS_CHECK_UNCONFIRMED;
      r->detail = g_strdup_printf ("%s does not resolve back to %s (not forward-confirmed): "
                                   "receivers that check it refuse the mail", joined->str, t->ip);
    }
}

/* a TXT record starting with tag ("v=spf1") followed by the end or one of seps */
static gboolean
has_tag (const char *record, const char *tag, const char *seps)
{
  gsize n = strlen (tag);
  return g_ascii_strncasecmp (record, tag, n) == 0
         && (record[n] == '\0' || strchr (seps, record[n]) != NULL);
}

/* the value of tag ("p") in a DMARC record, or NULL */
static char *
dmarc_tag (const char *record, const char *tag)
{
  g_auto (GStrv) parts = g_strsplit (record, ";", 32);
  for (gsize i = 0; parts[i] != NULL; i++)
    {
      char *p = g_strstrip (parts[i]);
      gsize n = strlen (tag);
      if (g_ascii_strncasecmp (p, tag, n) == 0)
        {
          const char *v = p + n;
          while (*v == ' ')
            v++;
          if (*v == '=')
            return g_strstrip (g_strdup (v + 1));
        }
    }
  return NULL;
}

static void
record_result (BsChecker *c, BsCheckKind kind, const char *domain)
{
  gboolean spf = kind == BS_CHECK_SPF;
  g_autofree char *name = spf ? g_strdup (domain) : g_strconcat ("_dmarc.", domain, NULL);
  const Query *q = bs_dns_answer (c, name, RR_TXT);
  BsCheckResult *r = result_new (c, kind, domain, q);
  if (unknown_outcome (c, r, q))
    return;
  g_autoptr (GPtrArray) txt = q->outcome == Q_ANSWER ? bs_dns_txt_records (q) : NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  for (guint i = 0; txt != NULL && i < txt->len; i++)
    if (spf ? has_tag (g_ptr_array_index (txt, i), "v=spf1", " ")
            : has_tag (g_ptr_array_index (txt, i), "v=DMARC1", "; "))
      g_ptr_array_add (found, g_ptr_array_index (txt, i));
  if (found->len == 0)
    {
      r->status = BS_CHECK_NONE;
      if (spf)
        r->detail = g_strdup_printf ("%s has no TXT \"v=spf1 ...\"%s; receivers cannot tell which "
                                     "servers may send for it", domain,
                                     q->outcome == Q_NXDOMAIN ? " (the name does not exist)" : "");
      else
        r->detail = g_strdup_printf ("%s has no TXT \"v=DMARC1; ...\"%s", name,
                                     strchr (strchr (domain, '.') + 1, '.') != NULL
                                     ? " (a parent domain's record may apply)" : "");
      return;
    }
  g_ptr_array_add (found, NULL);
  r->answer = g_strjoinv (" | ", (char **) found->pdata);
  if (found->len > 2)
    {
      r->status = BS_CHECK_SEVERAL;
      r->detail = g_strdup_printf ("%u %s records at %s: receivers treat that as an error "
                                   "(publish exactly one)", found->len - 1, spf ? "SPF" : "DMARC",
                                   name);
      return;
    }
  r->status = BS_CHECK_FOUND;
  if (!spf)
    {
      g_autofree char *p = dmarc_tag (g_ptr_array_index (found, 0), "p");
      r->detail = g_strdup_printf ("policy %s", p != NULL ? p : "(none given: invalid record)");
    }
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static gint
compare_lists (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(const BsDnsbl *const *) a)->id, (*(const BsDnsbl *const *) b)->id);
}

/* the keys of a hash table, sorted (lists by id, strings as they are) */
static GPtrArray *
sorted_keys (GHashTable *h, GCompareFunc cmp)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init (&it, h);
  while (g_hash_table_iter_next (&it, &k, NULL))
    g_ptr_array_add (keys, k);
  g_ptr_array_sort (keys, cmp);
  return keys;
}

/* first round: every blocklist, PTR and TXT name */
static void
queue_first_round (BsChecker *c)
{
  g_autoptr (GPtrArray) ips = sorted_keys (c->ips, compare_strings);
  for (guint i = 0; i < ips->len; i++)
    {
      IpTarget *t = g_hash_table_lookup (c->ips, g_ptr_array_index (ips, i));
      g_autoptr (GPtrArray) lists = sorted_keys (t->lists, compare_lists);
      for (guint k = 0; k < lists->len; k++)
        {
          const BsDnsbl *l = g_ptr_array_index (lists, k);
          g_autofree char *name = bs_addr_reverse_name (&t->addr, l->zone);
          bs_dns_ask (c, name, RR_A);
        }
      g_autofree char *rev = bs_addr_reverse_name (&t->addr, NULL);
      bs_dns_ask (c, rev, RR_PTR);
    }
  g_autoptr (GPtrArray) domains = sorted_keys (c->domains, compare_strings);
  for (guint i = 0; i < domains->len; i++)
    {
      DomainTarget *t = g_hash_table_lookup (c->domains, g_ptr_array_index (domains, i));
      g_autoptr (GPtrArray) lists = sorted_keys (t->lists, compare_lists);
      for (guint k = 0; k < lists->len; k++)
        {
          const BsDnsbl *l = g_ptr_array_index (lists, k);
          g_autofree char *name = g_strconcat (t->domain, ".", l->zone, NULL);
          bs_dns_ask (c, name, RR_A);
        }
      if (t->auth)
        {
          g_autofree char *dmarc = g_strconcat ("_dmarc.", t->domain, NULL);
          bs_dns_ask (c, t->domain, RR_TXT);
          bs_dns_ask (c, dmarc, RR_TXT);
        }
    }
}

/* second round: the addresses of the names PTR records gave */
static void
queue_second_round (BsChecker *c)
{
  g_autoptr (GPtrArray) ips = sorted_keys (c->ips, compare_strings);
  for (guint i = 0; i < ips->len; i++)
    {
      IpTarget *t = g_hash_table_lookup (c->ips, g_ptr_array_index (ips, i));
      g_autofree char *rev = bs_addr_reverse_name (&t->addr, NULL);
      const Query *q = bs_dns_answer (c, rev, RR_PTR);
      if (q == NULL || q->outcome != Q_ANSWER)
        continue;
      g_autoptr (GPtrArray) names = bs_dns_ptr_names (q);
      for (guint k = 0; k < names->len; k++)
        {
          /* a name with odd bytes (shown escaped) is not asked: it stays unconfirmed */
          g_autofree char *canon = bs_check_domain_canonical (g_ptr_array_index (names, k));
          if (canon != NULL)
            bs_dns_ask (c, canon, t->addr.family == AF_INET ? RR_A : RR_AAAA);
        }
    }
}

static void
build_results (BsChecker *c)
{
  g_autoptr (GPtrArray) ips = sorted_keys (c->ips, compare_strings);
  for (guint i = 0; i < ips->len; i++)
    {
      IpTarget *t = g_hash_table_lookup (c->ips, g_ptr_array_index (ips, i));
      g_autoptr (GPtrArray) lists = sorted_keys (t->lists, compare_lists);
      for (guint k = 0; k < lists->len; k++)
        {
          const BsDnsbl *l = g_ptr_array_index (lists, k);
          g_autofree char *name = bs_addr_reverse_name (&t->addr, l->zone);
          dnsbl_result (c, t->ip, name, l, GPOINTER_TO_INT (g_hash_table_lookup (t->lists, l)));
        }
      g_autoptr (GPtrArray) nodns = sorted_keys (t->nodns, compare_strings);
      for (guint k = 0; k < nodns->len; k++)
        nodns_result (c, t->ip, g_ptr_array_index (nodns, k));
      ptr_result (c, t);
    }
  g_autoptr (GPtrArray) domains = sorted_keys (c->domains, compare_strings);
  for (guint i = 0; i < domains->len; i++)
    {
      DomainTarget *t = g_hash_table_lookup (c->domains, g_ptr_array_index (domains, i));
      g_autoptr (GPtrArray) lists = sorted_keys (t->lists, compare_lists);
      for (guint k = 0; k < lists->len; k++)
        {
          const BsDnsbl *l = g_ptr_array_index (lists, k);
          g_autofree char *name = g_strconcat (t->domain, ".", l->zone, NULL);
          dnsbl_result (c, t->domain, name, l, GPOINTER_TO_INT (g_hash_table_lookup (t->lists, l)));
        }
      if (t->auth)
        {
          record_result (c, BS_CHECK_SPF, t->domain);
          record_result (c, BS_CHECK_DMARC, t->domain);
        }
    }
}

gboolean
bs_checker_run (BsChecker *c, const gint *cancelled, GError **error)
{
  g_return_val_if_fail (c != NULL && !c->ran, FALSE);
  c->ran = TRUE;
  queue_first_round (c);
  if (!bs_dns_run (c, cancelled, error))
    return FALSE;
  queue_second_round (c);
  if (!bs_dns_run (c, cancelled, error))
    return FALSE;
  build_results (c);
  return TRUE;
}

GPtrArray *
bs_checker_results (BsChecker *c)
{
  return c->results;
}

/* ---- the history ---------------------------------------------------------- */

gboolean
bs_checker_save (BsChecker *c, BsStore *store, gint64 run_id, GError **error)
{
  if (c->results->len == 0)
    return TRUE;
  g_autoptr (GArray) rows = g_array_sized_new (FALSE, TRUE, sizeof (BsCheckRow), c->results->len);
  g_autoptr (GPtrArray) times = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < c->results->len; i++)
    {
      const BsCheckResult *r = g_ptr_array_index (c->results, i);
      g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (r->checked_at);
      char *when = t ? g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ") : NULL;
      g_ptr_array_add (times, when);
      BsCheckRow row = {
        .checked_at = when, .kind = bs_check_kind_name (r->kind), .subject = r->subject,
        .list = r->list, .list_name = r->list_name, .query = r->query,
        .status = bs_check_status_name (r->status), .answer = r->answer,
        .listed_as = r->listed_as, .detail = r->detail, .fix = r->fix, .resolver = c->resolver,
      };
      g_array_append_val (rows, row);
    }
  return bs_store_add_checks (store, run_id, (const BsCheckRow *) (gpointer) rows->data, rows->len,
                              error);
}

