/* names.c - the live checks' names and tables: kinds and statuses, the DNS
 * lists of analyzer/rules/dnsbl.c and what their answers mean, IP addresses
 * and domains in canonical form, the reverse names asked
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "check-private.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

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


char *
bs_addr_text (const Addr *a)
{
  char buf[INET6_ADDRSTRLEN];
  if (inet_ntop (a->family, a->b, buf, sizeof buf) == NULL)
    return NULL;
  return g_strdup (buf);
}

/* addresses no public list can name: private, loopback, link-local,
 * shared (CGNAT), multicast, unspecified; documentation ranges stay */
gboolean
bs_addr_private (const Addr *a)
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
bs_addr_reverse_name (const Addr *a, const char *zone)
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
  return bs_ip_parse (ip, &a) ? bs_addr_reverse_name (&a, zone) : NULL;
}

char *
bs_check_domain_canonical (const char *domain)
{
  /* a name the DNS can be asked about: two labels at least */
  char *d = bs_canonical_domain (domain);
  if (d != NULL && strchr (d, '.') == NULL)
    g_clear_pointer (&d, g_free);
  return d;
}
