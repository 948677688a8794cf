/* check.c - live checks (--check) over DNS with libunbound: blocklists of
 * the IPs bounces blame, their PTR and its forward confirmation, the sender
 * domains' SPF and DMARC records; and the checks table of the history
 *
 * Two rounds of queries: first every blocklist, PTR and TXT name, then the
 * addresses of the names the PTR records gave.  Each name is asked once per
 * run (a hash of type and name), at most max_inflight at once, and a query
 * without an answer after timeout_ms is cancelled and counted as unknown,
 * never as "not listed".  A list's error codes (Spamhaus 127.255.255.x) are
 * refusals, never listings: see analyzer/rules/dnsbl.c.  No DNSSEC
 * validation: no trust anchor is configured.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "check.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unbound.h>

#include "bs.h"

#define RR_A 1
#define RR_PTR 12
#define RR_TXT 16
#define RR_AAAA 28

/* bytes of one TXT record kept (an SPF record with includes is a few
 * hundred bytes; RFC 7208 caps a reply at 512 for UDP) */
#define MAX_TXT_BYTES 2048
/* records of one answer read (a DNSBL gives one to three) */
#define MAX_RRS 16
/* length of a list id given on the command line or found in the history */
#define MAX_LIST_ID 48

/* ---- names -------------------------------------------------------------- */

const char *
bs_check_kind_name (BsCheckKind kind)
{
  switch (kind)
    {
    case BS_CHECK_DNSBL: return "dnsbl";
    case BS_CHECK_NO_DNS: return "no-dns";
    case BS_CHECK_PTR: return "ptr";
    case BS_CHECK_SPF: return "spf";
    case BS_CHECK_DMARC: return "dmarc";
    default: return "?";
    }
}

const char *
bs_check_status_name (BsCheckStatus status)
{
  switch (status)
    {
    case BS_CHECK_LISTED: return "listed";
    case BS_CHECK_NOT_LISTED: return "not-listed";
    case BS_CHECK_REFUSED: return "refused";
    case BS_CHECK_CONFIRMED: return "confirmed";
    case BS_CHECK_UNCONFIRMED: return "unconfirmed";
    case BS_CHECK_FOUND: return "found";
    case BS_CHECK_NONE: return "none";
    case BS_CHECK_SEVERAL: return "several";
    case BS_CHECK_TIMEOUT: return "timeout";
    case BS_CHECK_FAILED: return "failed";
    case BS_CHECK_NOT_CHECKED: return "not-checked";
    default: return "?";
    }
}

/* ---- the tables ----------------------------------------------------------- */

const BsDnsbl *
bs_check_list (const char *id)
{
  for (gsize i = 0; id != NULL && i < bs_dnsbl_n_lists; i++)
    if (strcmp (bs_dnsbl_lists[i].id, id) == 0)
      return &bs_dnsbl_lists[i];
  return NULL;
}

const BsDnsblNoDns *
bs_check_nodns (const char *id)
{
  for (gsize i = 0; id != NULL && i < bs_dnsbl_n_nodns; i++)
    if (strcmp (bs_dnsbl_nodns[i].id, id) == 0)
      return &bs_dnsbl_nodns[i];
  return NULL;
}

BsDnsblVerdict
bs_check_dnsbl_code (const BsDnsbl *list, const char *address, const BsDnsblCode **code,
                     const BsDnsblError **error)
{
  const BsDnsblCode *c = NULL;
  const BsDnsblError *e = NULL;
  BsDnsblVerdict v;
  guint8 a[4];
  if (code)
    *code = NULL;
  if (error)
    *error = NULL;
  for (gsize i = 0; address != NULL && i < list->n_errors; i++)
    if (strcmp (list->errors[i].address, address) == 0)
      e = &list->errors[i];
  if (e != NULL)
    v = BS_DNSBL_REFUSED;
  else if (address == NULL || inet_pton (AF_INET, address, a) != 1 || a[0] != 127)
    v = BS_DNSBL_UNEXPECTED, e = &bs_dnsbl_unexpected_answer;
  else if (a[1] == 255 && a[2] == 255)
    v = BS_DNSBL_REFUSED, e = &bs_dnsbl_generic_refusal;
  else
    {
      for (gsize i = 0; i < list->n_codes && c == NULL; i++)
        if (strcmp (list->codes[i].address, address) == 0)
          c = &list->codes[i];
      /* a sub-list counts only its own codes; an undocumented 127/8 code
       * is a listing of the whole list, not of a sub-list */
      if (list->only == NULL)
        v = BS_DNSBL_LISTED;
      else
        v = c != NULL && strcmp (c->sublist, list->only) == 0 ? BS_DNSBL_LISTED : BS_DNSBL_OTHER_LIST;
    }
  if (code)
    *code = c;
  if (error)
    *error = e;
  return v;
}

/* ---- addresses and names ---------------------------------------------- */

typedef struct {
  int family;       /* AF_INET or AF_INET6 */
  guint8 b[16];     /* 4 or 16 bytes */
} Addr;

static gboolean
addr_parse (const char *text, Addr *a)
{
  if (text == NULL || strlen (text) > 64)
    return FALSE;
  char buf[72];
  g_strlcpy (buf, text, sizeof buf);
  g_strstrip (buf);
  /* "[192.0.2.1]" as bounces write it */
  char *p = buf;
  gsize n = strlen (p);
  if (n >= 2 && p[0] == '[' && p[n - 1] == ']')
    {
      p[n - 1] = '\0';
      p++;
    }
  if (g_ascii_strncasecmp (p, "ipv6:", 5) == 0)
    p += 5;
  memset (a, 0, sizeof *a);
  if (inet_pton (AF_INET, p, a->b) == 1)
    {
      a->family = AF_INET;
      return TRUE;
    }
  if (inet_pton (AF_INET6, p, a->b) != 1)
    return FALSE;
  static const guint8 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
  if (memcmp (a->b, mapped, 12) == 0)
    {
      memmove (a->b, a->b + 12, 4);
      memset (a->b + 4, 0, 12);
      a->family = AF_INET;
    }
  else
    a->family = AF_INET6;
  return TRUE;
}

static char *
addr_text (const Addr *a)
{
  char buf[INET6_ADDRSTRLEN];
  if (inet_ntop (a->family, a->b, buf, sizeof buf) == NULL)
    return NULL;
  return g_strdup (buf);
}

/* addresses no public list can name: private, loopback, link-local,
 * shared (CGNAT), multicast, unspecified; documentation ranges stay */
static gboolean
addr_private (const Addr *a)
{
  const guint8 *b = a->b;
  if (a->family == AF_INET)
    return b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 169 && b[1] == 254)
           || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168)
           || (b[0] == 100 && (b[1] & 0xc0) == 64) || b[0] >= 224;
  static const guint8 zero[16] = { 0 };
  if (memcmp (b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1))
    return TRUE;                                    /* :: and ::1 */
  return (b[0] & 0xfe) == 0xfc                      /* fc00::/7 unique local */
         || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) /* fe80::/10 link-local */
         || b[0] == 0xff;                           /* multicast */
}

char *
bs_check_ip_canonical (const char *ip)
{
  Addr a;
  return addr_parse (ip, &a) ? addr_text (&a) : NULL;
}

static char *
reverse_name (const Addr *a, const char *zone)
{
  GString *s = g_string_sized_new (80);
  if (a->family == AF_INET)
    g_string_append_printf (s, "%u.%u.%u.%u", a->b[3], a->b[2], a->b[1], a->b[0]);
  else
    {
      static const char hex[] = "0123456789abcdef";
      for (int i = 15; i >= 0; i--)
        g_string_append_printf (s, "%s%c.%c", i == 15 ? "" : ".", hex[a->b[i] & 0xf],
                                hex[a->b[i] >> 4]);
    }
  g_string_append_c (s, '.');
  g_string_append (s, zone != NULL ? zone : a->family == AF_INET ? "in-addr.arpa" : "ip6.arpa");
  return g_string_free (s, FALSE);
}

char *
bs_check_reverse_name (const char *ip, const char *zone)
{
  Addr a;
  return addr_parse (ip, &a) ? reverse_name (&a, zone) : NULL;
}

char *
bs_check_domain_canonical (const char *domain)
{
  if (domain == NULL || strlen (domain) > 1024 || !g_utf8_validate (domain, -1, NULL))
    return NULL;
  g_autofree char *t = g_strstrip (g_strdup (domain));
  const char *p = t;
  while (*p == '@')
    p++;
  g_autofree char *ascii = g_hostname_to_ascii (p);
  if (ascii == NULL)
    return NULL;
  char *d = g_ascii_strdown (ascii, -1);
  gsize len = strlen (d);
  while (len > 0 && d[len - 1] == '.')
    d[--len] = '\0';
  gboolean ok = len > 0 && len <= 253;
  guint labels = 0, label = 0;
  for (gsize i = 0; ok && i <= len; i++)
    {
      char ch = d[i];
      if (ch == '.' || ch == '\0')
        {
          ok = label > 0 && label <= 63 && d[i - 1] != '-';
          labels++;
          label = 0;
        }
      else if (g_ascii_isalnum (ch) || ch == '_' || (ch == '-' && label > 0))
        label++;
      else
        ok = FALSE;
    }
  if (!ok || labels < 2)
    {
      g_free (d);
      return NULL;
    }
  return d;
}

/* ---- the checker ---------------------------------------------------------- */

typedef enum { Q_QUEUED, Q_FLIGHT, Q_DONE } QState;
typedef enum { Q_ANSWER, Q_NXDOMAIN, Q_NODATA, Q_TIMEOUT, Q_FAILED } QOutcome;

typedef struct {
  char *name;
  int type;
  int async_id;
  gint64 deadline;     /* monotonic microseconds */
  QState state;
  QOutcome outcome;
  char *error;         /* Q_FAILED: why */
  GPtrArray *rdata;    /* GBytes *, at most MAX_RRS */
  gint64 answered;     /* unix time */
} Query;

typedef struct {
  char *ip;            /* canonical text */
  Addr addr;
  GHashTable *lists;   /* const BsDnsbl * -> blamed (gboolean as pointer) */
  GHashTable *nodns;   /* blocklist id (owned) -> TRUE */
} IpTarget;

typedef struct {
  char *domain;
  gboolean auth;       /* SPF and DMARC */
  GHashTable *lists;   /* domain lists (DBL) -> blamed */
} DomainTarget;

struct _BsChecker {
  struct ub_ctx *ctx;
  char *resolver;
  guint timeout_ms;
  guint max_inflight;
  GPtrArray *lists;        /* BsDnsbl *, owned copies: built-in with zone overrides, custom */
  GPtrArray *strings;      /* strings the copies point to */
  GPtrArray *defaults;     /* IP lists asked for every IP (transfer none) */
  GHashTable *ips;         /* canonical ip -> IpTarget */
  GHashTable *domains;     /* domain -> DomainTarget */
  GHashTable *queries;     /* "type name" -> Query */
  GQueue queue;            /* Query * waiting to be sent */
  GPtrArray *results;      /* BsCheckResult * */
  gboolean ran;
};

static void
query_free (gpointer p)
{
  Query *q = p;
  g_free (q->name);
  g_free (q->error);
  if (q->rdata)
    g_ptr_array_unref (q->rdata);
  g_free (q);
}

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

static void
result_free (gpointer p)
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

void
bs_checker_free (BsChecker *c)
{
  if (c == NULL)
    return;
  /* the context first: it may still hold pointers to queries in flight */
  if (c->ctx != NULL)
    ub_ctx_delete (c->ctx);
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

static BsDnsbl *
find_list (BsChecker *c, const char *id)
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
  BsDnsbl *list = find_list (c, id);
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
      BsDnsbl *l = find_list (c, id);
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
  if (!addr_parse (addr, &a))
    return NULL;
  g_autofree char *text = addr_text (&a);
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
          g_set_error (error, BS_ERROR, BS_ERROR_FAILED,
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
  c->queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, query_free);
  c->results = g_ptr_array_new_with_free_func (result_free);
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
  c->ctx = ub_ctx_create ();
  if (c->ctx == NULL)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_FAILED, "cannot create a DNS resolver context");
      bs_checker_free (c);
      return NULL;
    }
  /* a thread, not a forked process, answers in the background */
  ub_ctx_async (c->ctx, 1);
  if (!setup_resolver (c, o->resolver, error))
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

static IpTarget *
ip_target (BsChecker *c, const char *ip)
{
  Addr a;
  if (!addr_parse (ip, &a) || addr_private (&a))
    return NULL;
  g_autofree char *text = addr_text (&a);
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

static DomainTarget *
domain_target (BsChecker *c, const char *domain)
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
static void
mark (GHashTable *lists, BsDnsbl *l, gboolean blamed)
{
  gboolean was = GPOINTER_TO_INT (g_hash_table_lookup (lists, l));
  g_hash_table_insert (lists, l, GINT_TO_POINTER (was || blamed));
}

static void
add_ip_list (BsChecker *c, const char *ip, const char *blocklist, const char *domain,
             gboolean blamed)
{
  IpTarget *t = ip_target (c, ip);
  if (t == NULL || blocklist == NULL || !valid_list_id (blocklist))
    return;
  BsDnsbl *l = find_list (c, blocklist);
  if (l != NULL && l->kind == BS_DNSBL_IP)
    mark (t->lists, l, blamed);
  else if (l != NULL)
    {
      DomainTarget *d = domain_target (c, domain);
      if (d != NULL)
        mark (d->lists, l, blamed);
    }
  else if (blamed)
    g_hash_table_replace (t->nodns, g_strdup (blocklist), GINT_TO_POINTER (TRUE));
}

/* a list of domains (the DBL) a bounce named, asked for the sender's domain */
static void
add_domain_list (BsChecker *c, const char *domain, const char *blocklist)
{
  BsDnsbl *l = blocklist != NULL ? find_list (c, blocklist) : NULL;
  DomainTarget *d = l != NULL && l->kind == BS_DNSBL_DOMAIN ? domain_target (c, domain) : NULL;
  if (d != NULL)
    mark (d->lists, l, TRUE);
}

void
bs_checker_add_ip (BsChecker *c, const char *ip, const char *blocklist, const char *domain)
{
  if (ip_target (c, ip) != NULL)
    add_ip_list (c, ip, blocklist, domain, TRUE);
}

void
bs_checker_add_domain (BsChecker *c, const char *domain)
{
  DomainTarget *t = domain_target (c, domain);
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
    add_domain_list (c, r->sender_domain, r->blocklist);
  if (bs_reason_sender_auth (r->reason) && r->sender_domain != NULL)
    bs_checker_add_domain (c, r->sender_domain);
}

guint
bs_checker_count (BsChecker *c)
{
  return g_hash_table_size (c->ips) + g_hash_table_size (c->domains);
}

/* ---- targets from the history ------------------------------------------- */

static void
bind_opt_text (sqlite3_stmt *st, const char *name, const char *value)
{
  int i = sqlite3_bind_parameter_index (st, name);
  if (i > 0 && value != NULL)
    sqlite3_bind_text (st, i, value, -1, SQLITE_TRANSIENT);
}

static void
bind_scope (sqlite3_stmt *st, const BsCheckScope *s, char **senders)
{
  int i = sqlite3_bind_parameter_index (st, ":run");
  if (i > 0)
    sqlite3_bind_int64 (st, i, s->run_id);
  i = sqlite3_bind_parameter_index (st, ":max");
  if (i > 0)
    sqlite3_bind_int64 (st, i, s->max_ips > 0 ? s->max_ips : BS_CHECK_MAX_IPS);
  bind_opt_text (st, ":recent", s->recent_day);
  bind_opt_text (st, ":since", s->since);
  bind_opt_text (st, ":until", s->until);
  for (guint k = 0; senders != NULL && senders[k] != NULL; k++)
    {
      g_autofree char *name = g_strdup_printf (":d%u", k);
      bind_opt_text (st, name, senders[k]);
    }
}

/* the failures a scope keeps, as a condition on failures f and messages m;
 * the report's sender filter is aggregate.c's: the domain or a subdomain */
static char *
scope_condition (const BsCheckScope *s, char ***senders)
{
  GString *w = g_string_new ("f.is_failure = 1"
                             " AND (:since IS NULL OR f.day >= :since)"
                             " AND (:until IS NULL OR f.day <= :until)");
  if (s->run_id > 0 || s->recent_day != NULL)
    g_string_append (w, " AND ((:run > 0 AND m.run_id = :run)"
                        " OR (:recent IS NOT NULL AND f.day >= :recent))");
  *senders = NULL;
  if (s->senders != NULL)
    {
      GPtrArray *list = g_ptr_array_new ();
      for (gsize i = 0; s->senders[i] != NULL && list->len < 64; i++)
        {
          char *d = bs_check_domain_canonical (s->senders[i]);
          if (d != NULL)
            g_ptr_array_add (list, d);
        }
      g_string_append (w, " AND (0");
      for (guint i = 0; i < list->len; i++)
        g_string_append_printf (w, " OR f.sender_domain = :d%u"
                                " OR substr(f.sender_domain, -length(:d%u) - 1) = '.' || :d%u",
                                i, i, i);
      g_string_append (w, ")");
      g_ptr_array_add (list, NULL);
      *senders = (char **) g_ptr_array_free (list, FALSE);
    }
  return g_string_free (w, FALSE);
}

static gboolean
prepare (sqlite3 *db, const char *sql, sqlite3_stmt **st, GError **error)
{
  if (sqlite3_prepare_v2 (db, sql, -1, st, NULL) == SQLITE_OK)
    return TRUE;
  g_set_error (error, BS_ERROR, BS_ERROR_STORE, "reading the history for checks: %s",
               sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
finish (sqlite3 *db, sqlite3_stmt *st, int rc, GError **error)
{
  sqlite3_finalize (st);
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, BS_ERROR, BS_ERROR_STORE, "reading the history for checks: %s",
               sqlite3_errmsg (db));
  return FALSE;
}

/* the ids of the lists of domains, as an SQL list: 'spamhaus-dbl' (ids are
 * checked by valid_list_id: no quote can be in them) */
static char *
domain_lists_sql (BsChecker *c)
{
  GString *s = g_string_new ("''");
  for (guint i = 0; i < c->lists->len; i++)
    {
      const BsDnsbl *l = g_ptr_array_index (c->lists, i);
      if (l->kind == BS_DNSBL_DOMAIN && valid_list_id (l->id))
        g_string_append_printf (s, ", '%s'", l->id);
    }
  return g_string_free (s, FALSE);
}

/* the reasons that put the sender domain's authentication in question, as
 * an SQL list: 'authfailure', ... (reason names hold no quote) */
static char *
auth_reasons_sql (void)
{
  GString *s = g_string_new ("''");
  for (int r = BS_REASON_NONE + 1; r < BS_REASON_COUNT; r++)
    if (bs_reason_sender_auth ((BsReason) r))
      g_string_append_printf (s, ", '%s'", bs_reason_name ((BsReason) r));
  return g_string_free (s, FALSE);
}

gboolean
bs_checker_add_history (BsChecker *c, sqlite3 *db, const BsCheckScope *scope, GError **error)
{
  g_auto (GStrv) senders = NULL;
  g_autofree char *cond = scope_condition (scope, &senders);
  g_autofree char *domain_lists = domain_lists_sql (c);
  g_autofree char *auth_reasons = auth_reasons_sql ();
  /* the most-failing IPs, with every list and sender domain they were blamed with */
  g_autofree char *ips_sql = g_strdup_printf (
    "WITH scoped AS (SELECT f.sending_ip, f.blocklist, f.sender_domain FROM failures f"
    " JOIN messages m ON m.id = f.message_id WHERE %s AND f.sending_ip IS NOT NULL),"
    " top AS (SELECT sending_ip, count(*) AS n FROM scoped GROUP BY sending_ip"
    " ORDER BY n DESC, sending_ip LIMIT :max)"
    " SELECT s.sending_ip, s.blocklist, s.sender_domain FROM scoped s JOIN top USING (sending_ip)"
    " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", cond);
  /* sender domains: SPF and DMARC after an authentication or policy failure;
   * a list of domains (the DBL) when a bounce named it */
  g_autofree char *domains_sql = g_strdup_printf (
    "SELECT f.sender_domain, max(f.reason IN (%s)),"
    " group_concat(DISTINCT f.blocklist) FROM failures f JOIN messages m ON m.id = f.message_id"
    " WHERE %s AND f.sender_domain IS NOT NULL AND (f.reason IN (%s)"
    " OR f.blocklist IN (%s)) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT :max", auth_reasons, cond,
    auth_reasons, domain_lists);
  sqlite3_stmt *st = NULL;
  int rc;
  if (!prepare (db, ips_sql, &st, error))
    return FALSE;
  bind_scope (st, scope, senders);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *ip = (const char *) sqlite3_column_text (st, 0);
      const char *list = (const char *) sqlite3_column_text (st, 1);
      const char *domain = (const char *) sqlite3_column_text (st, 2);
      if (ip_target (c, ip) != NULL)
        add_ip_list (c, ip, list, domain, TRUE);
    }
  if (!finish (db, st, rc, error))
    return FALSE;
  if (!prepare (db, domains_sql, &st, error))
    return FALSE;
  bind_scope (st, scope, senders);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *domain = (const char *) sqlite3_column_text (st, 0);
      if (sqlite3_column_int (st, 1))
        bs_checker_add_domain (c, domain);
      const char *named = (const char *) sqlite3_column_text (st, 2);
      g_auto (GStrv) lists = g_strsplit (named != NULL ? named : "", ",", 64);
      for (gsize i = 0; lists[i] != NULL; i++)
        add_domain_list (c, domain, lists[i]);
    }
  if (!finish (db, st, rc, error))
    return FALSE;
  if (!scope->follow_listed)
    return TRUE;
  /* every IP and list whose last known state is "listed": followed until delisted */
  static const char follow_sql[] =
    "SELECT c.subject, c.list FROM checks c WHERE c.kind = 'dnsbl' AND c.status = 'listed'"
    " AND c.id = (SELECT c2.id FROM checks c2 WHERE c2.kind = 'dnsbl' AND c2.subject = c.subject"
    " AND c2.list = c.list AND c2.status IN ('listed', 'not-listed')"
    " ORDER BY c2.checked_at DESC, c2.id DESC LIMIT 1) ORDER BY 1, 2 LIMIT :max";
  if (!prepare (db, follow_sql, &st, error))
    return FALSE;
  bind_scope (st, scope, NULL);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *subject = (const char *) sqlite3_column_text (st, 0);
      BsDnsbl *l = find_list (c, (const char *) sqlite3_column_text (st, 1));
      if (l == NULL || subject == NULL)
        continue;
      if (l->kind == BS_DNSBL_IP)
        add_ip_list (c, subject, l->id, NULL, FALSE);
      else
        {
          DomainTarget *d = domain_target (c, subject);
          if (d != NULL)
            mark (d->lists, l, FALSE);
        }
    }
  return finish (db, st, rc, error);
}

/* ---- queries -------------------------------------------------------------- */

static Query *
ask (BsChecker *c, const char *name, int type)
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

static Query *
answer_of (BsChecker *c, const char *name, int type)
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
static gboolean
run_queries (BsChecker *c, const gint *cancelled, GError **error)
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
              g_set_error (error, BS_ERROR, BS_ERROR_FAILED, "cannot start the DNS resolver: %s",
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
              g_set_error (error, BS_ERROR, BS_ERROR_FAILED, "DNS resolver: %s", ub_strerror (err));
              return FALSE;
            }
        }
      else if (n < 0 && errno != EINTR)
        {
          g_set_error (error, BS_ERROR, BS_ERROR_FAILED, "DNS resolver: poll: %s",
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
static GPtrArray *
addresses (const Query *q, int family)
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
      char *t = addr_text (&a);
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

static GPtrArray *
ptr_names (const Query *q)
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
static GPtrArray *
txt_records (const Query *q)
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
  const Query *q = answer_of (c, qname, RR_A);
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
  g_autoptr (GPtrArray) codes = addresses (q, AF_INET);
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
  g_autofree char *rev = reverse_name (&t->addr, NULL);
  const Query *q = answer_of (c, rev, RR_PTR);
  BsCheckResult *r = result_new (c, BS_CHECK_PTR, t->ip, q);
  if (unknown_outcome (c, r, q))
    return;
  g_autoptr (GPtrArray) names = q->outcome == Q_ANSWER ? ptr_names (q) : NULL;
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
      const Query *fq = canon != NULL ? answer_of (c, canon, type) : NULL;
      if (canon == NULL)
        continue;
      if (fq == NULL || fq->state != Q_DONE || fq->outcome == Q_TIMEOUT || fq->outcome == Q_FAILED)
        {
          unknown = unknown ? unknown : fq;
          continue;
        }
      g_autoptr (GPtrArray) addrs = addresses (fq, t->addr.family);
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
  const Query *q = answer_of (c, name, RR_TXT);
  BsCheckResult *r = result_new (c, kind, domain, q);
  if (unknown_outcome (c, r, q))
    return;
  g_autoptr (GPtrArray) txt = q->outcome == Q_ANSWER ? txt_records (q) : NULL;
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
          g_autofree char *name = reverse_name (&t->addr, l->zone);
          ask (c, name, RR_A);
        }
      g_autofree char *rev = reverse_name (&t->addr, NULL);
      ask (c, rev, RR_PTR);
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
          ask (c, name, RR_A);
        }
      if (t->auth)
        {
          g_autofree char *dmarc = g_strconcat ("_dmarc.", t->domain, NULL);
          ask (c, t->domain, RR_TXT);
          ask (c, dmarc, RR_TXT);
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
      g_autofree char *rev = reverse_name (&t->addr, NULL);
      const Query *q = answer_of (c, rev, RR_PTR);
      if (q == NULL || q->outcome != Q_ANSWER)
        continue;
      g_autoptr (GPtrArray) names = ptr_names (q);
      for (guint k = 0; k < names->len; k++)
        {
          /* a name with odd bytes (shown escaped) is not asked: it stays unconfirmed */
          g_autofree char *canon = bs_check_domain_canonical (g_ptr_array_index (names, k));
          if (canon != NULL)
            ask (c, canon, t->addr.family == AF_INET ? RR_A : RR_AAAA);
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
          g_autofree char *name = reverse_name (&t->addr, l->zone);
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
  if (!run_queries (c, cancelled, error))
    return FALSE;
  queue_second_round (c);
  if (!run_queries (c, cancelled, error))
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
bs_checker_save (BsChecker *c, sqlite3 *db, gint64 run_id, GError **error)
{
  static const char sql[] =
    "INSERT INTO checks (run_id, checked_at, kind, subject, list, list_name, query, status,"
    " answer, listed_as, detail, fix, resolver)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
  if (c->results->len == 0)
    return TRUE;
  sqlite3_stmt *st = NULL;
  gboolean own_tx = sqlite3_get_autocommit (db);  /* none open: open our own */
  if ((own_tx && sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
      || sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE, "saving the checks: %s", sqlite3_errmsg (db));
      if (own_tx)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < c->results->len; i++)
    {
      const BsCheckResult *r = g_ptr_array_index (c->results, i);
      g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (r->checked_at);
      g_autofree char *when = t ? g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ") : NULL;
      const char *text[] = { when, bs_check_kind_name (r->kind), r->subject, r->list, r->list_name,
                             r->query, bs_check_status_name (r->status), r->answer, r->listed_as,
                             r->detail, r->fix, c->resolver };
      if (run_id > 0)
        sqlite3_bind_int64 (st, 1, run_id);
      else
        sqlite3_bind_null (st, 1);
      for (gsize k = 0; k < G_N_ELEMENTS (text); k++)
        {
          g_autofree char *clean = text[k] ? bs_text_clean (text[k], BS_MAX_FIELD_BYTES) : NULL;
          if (clean != NULL)
            sqlite3_bind_text (st, (int) k + 2, clean, -1, SQLITE_TRANSIENT);
          else
            sqlite3_bind_null (st, (int) k + 2);
        }
      ok = sqlite3_step (st) == SQLITE_DONE;
      sqlite3_reset (st);
      sqlite3_clear_bindings (st);
    }
  if (!ok)
    g_set_error (error, BS_ERROR, BS_ERROR_STORE, "saving the checks: %s", sqlite3_errmsg (db));
  sqlite3_finalize (st);
  if (own_tx && sqlite3_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK && ok)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE, "saving the checks: %s", sqlite3_errmsg (db));
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return ok;
}
