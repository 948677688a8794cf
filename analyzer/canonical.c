/* canonical.c - one spelling of an IP address and of a domain name
 * (canonical.h): plain string functions of the core library, so that the
 * history, the live checks and the reports compare the same text.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "canonical.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#define MAX_IP_TEXT 64
#define MAX_DOMAIN_BYTES 253
#define MAX_LABEL_BYTES 63

gboolean
bs_ip_parse (const char *text, BsIp *ip)
{
  if (text == NULL || strlen (text) > MAX_IP_TEXT)
    return FALSE;
  char buf[MAX_IP_TEXT + 1];
  g_strlcpy (buf, text, sizeof buf);
  char *p = g_strstrip (buf);
  gsize n = strlen (p);
  /* "[192.0.2.1]" as bounces write it */
  if (n >= 2 && p[0] == '[' && p[n - 1] == ']')
    {
      p[n - 1] = '\0';
      p++;
    }
  if (g_ascii_strncasecmp (p, "ipv6:", 5) == 0)
    p += 5;
  memset (ip, 0, sizeof *ip);
  if (inet_pton (AF_INET, p, ip->b) == 1)
    {
      ip->family = AF_INET;
      return TRUE;
    }
  if (inet_pton (AF_INET6, p, ip->b) != 1)
    return FALSE;
  static const guint8 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
  ip->family = AF_INET6;
  if (memcmp (ip->b, mapped, sizeof mapped) == 0)
    {
      memmove (ip->b, ip->b + 12, 4);
      memset (ip->b + 4, 0, 12);
      ip->family = AF_INET;
    }
  return TRUE;
}

char *
bs_canonical_ip (const char *text)
{
  BsIp ip;
  char out[INET6_ADDRSTRLEN];
  if (!bs_ip_parse (text, &ip) || inet_ntop (ip.family, ip.b, out, sizeof out) == NULL)
    return NULL;
  return g_strdup (out);
}

/* are the labels of d (lower-case ASCII) those of a domain name? */
static gboolean
labels_valid (const char *d)
{
  gsize len = strlen (d);
  if (len == 0 || len > MAX_DOMAIN_BYTES)
    return FALSE;
  gsize label = 0;
  for (gsize i = 0; i <= len; i++)
    {
      char ch = d[i];
      if (ch == '.' || ch == '\0')
        {
          if (label == 0 || label > MAX_LABEL_BYTES || d[i - 1] == '-')
            return FALSE;
          label = 0;
        }
      else if (g_ascii_isalnum (ch) || ch == '_' || (ch == '-' && label > 0))
        label++;
      else
        return FALSE;
    }
  return TRUE;
}

char *
bs_canonical_domain (const char *text)
{
  if (text == NULL || strlen (text) > 4 * MAX_DOMAIN_BYTES || !g_utf8_validate (text, -1, NULL))
    return NULL;
  g_autofree char *t = g_strstrip (g_strdup (text));
  const char *p = t;
  while (*p == '@' || *p == '.')
    p++;
  g_autofree char *name = g_utf8_strdown (p, -1);
  gsize len = strlen (name);
  while (len > 0 && name[len - 1] == '.')
    name[--len] = '\0';
  if (len == 0)
    return NULL;
  g_autofree char *ascii = g_hostname_to_ascii (name);
  if (ascii == NULL)
    return NULL;
  char *d = g_ascii_strdown (ascii, -1);
  if (!labels_valid (d))
    {
      g_free (d);
      return NULL;
    }
  return d;
}
