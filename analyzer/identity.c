/* identity.c - the two hashes that identify a message in the history
 *
 * Owns the content hash (the SHA-256 of a message's bytes, what the history
 * has kept since its first version) and the identity (the SHA-256 of the
 * message without the fields mail clients add or rewrite when they mark it
 * read, flag it or keep their own numbering: a bounce in an mbox that mutt,
 * Dovecot or Thunderbird rewrote is the bounce already stored).  The fields
 * are a table, matched on the top-level header block only.  Nettle's
 * SHA-256 uses the processor's SHA instructions where it has them (ten
 * times GLib's speed); GLib's when bouncescan is built without Nettle.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "identity.h"

#include <string.h>

#ifdef HAVE_NETTLE
#include <nettle/sha2.h>
#endif

/* fields a client adds or rewrites: name (any case), or a prefix when
 * prefix is set */
static const struct {
  const char *name;
  gboolean prefix;
} client_fields[] = {
  { "Status", FALSE },          /* mutt, Pine, Dovecot: R, O */
  { "X-Status", FALSE },        /* mutt, Dovecot: A, F, T, D */
  { "X-UID", FALSE },           /* Dovecot, UW IMAP */
  { "X-UIDL", FALSE },          /* POP3 servers (qpopper) */
  { "X-Keywords", FALSE },      /* Dovecot, mutt */
  { "X-IMAP", FALSE },          /* UW IMAP: on the first message */
  { "X-IMAPbase", FALSE },      /* Dovecot: on the first message */
  { "X-Mozilla-", TRUE },       /* Thunderbird: X-Mozilla-Status, -Status2, -Keys */
  { "X-Evolution", TRUE },      /* Evolution */
  { "Content-Length", FALSE },  /* Solaris mail, Dovecot: recounted on rewrite */
  { "Lines", FALSE },           /* the same, by some mbox tools */
};

typedef struct {
#ifdef HAVE_NETTLE
  struct sha256_ctx ctx;
#else
  GChecksum *sum;
#endif
} Hasher;

static void
hasher_init (Hasher *h)
{
#ifdef HAVE_NETTLE
  sha256_init (&h->ctx);
#else
  h->sum = g_checksum_new (G_CHECKSUM_SHA256);
#endif
}

static void
hasher_add (Hasher *h, const char *data, gsize len)
{
  if (len == 0)
    return;
#ifdef HAVE_NETTLE
  sha256_update (&h->ctx, len, (const guint8 *) data);
#else
  g_checksum_update (h->sum, (const guchar *) data, (gssize) len);
#endif
}

static char *
hasher_end (Hasher *h)
{
#ifdef HAVE_NETTLE
  guint8 digest[SHA256_DIGEST_SIZE];
  sha256_digest (&h->ctx, sizeof digest, digest);
  char *hex = g_malloc (2 * sizeof digest + 1);
  static const char xd[] = "0123456789abcdef";
  for (gsize i = 0; i < sizeof digest; i++)
    {
      hex[2 * i] = xd[digest[i] >> 4];
      hex[2 * i + 1] = xd[digest[i] & 15];
    }
  hex[2 * sizeof digest] = '\0';
  return hex;
#else
  char *hex = g_strdup (g_checksum_get_string (h->sum));
  g_checksum_free (h->sum);
  return hex;
#endif
}

char *
bs_content_hash (const char *data, gsize len)
{
  Hasher h;
  hasher_init (&h);
  hasher_add (&h, data, len);
  return hasher_end (&h);
}

/* is the field line at p (n bytes, its name up to a ':') one a client changes? */
static gboolean
client_field (const char *p, gsize n)
{
  const char *colon = memchr (p, ':', n);
  if (colon == NULL)
    return FALSE;
  gsize name = (gsize) (colon - p);
  while (name > 0 && (p[name - 1] == ' ' || p[name - 1] == '\t'))
    name--;
  for (gsize i = 0; i < G_N_ELEMENTS (client_fields); i++)
    {
      gsize len = strlen (client_fields[i].name);
      if ((client_fields[i].prefix ? name >= len : name == len)
          && g_ascii_strncasecmp (p, client_fields[i].name, len) == 0)
        return TRUE;
    }
  return FALSE;
}

/* the lines of data[0..len) hashed with LF ends (a CR before an LF left out) */
static void
add_lines (Hasher *h, const char *data, gsize len)
{
  const char *end = data + len;
  for (const char *p = data; p < end;)
    {
      const char *cr = memchr (p, '\r', (gsize) (end - p));
      if (cr == NULL)
        {
          hasher_add (h, p, (gsize) (end - p));
          return;
        }
      if (cr + 1 < end && cr[1] == '\n')
        {
          hasher_add (h, p, (gsize) (cr - p));
          p = cr + 1; /* the LF */
        }
      else
        {
          hasher_add (h, p, (gsize) (cr + 1 - p));
          p = cr + 1;
        }
    }
}

char *
bs_message_identity (const char *data, gsize len)
{
  /* the blank lines (and blanks) at the end: a client rewriting an mbox
   * adds or drops the blank line that ends its last message */
  while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r' || data[len - 1] == ' '
                     || data[len - 1] == '\t'))
    len--;
  Hasher h;
  hasher_init (&h);
  const char *end = data + len, *p = data;
  gboolean skipping = FALSE;
  /* the header block, a line at a time, up to its blank line */
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *next = nl ? nl + 1 : end;
      gsize n = (gsize) (next - p);
      if (p[0] == '\n' || (p[0] == '\r' && n >= 2 && p[1] == '\n'))
        break; /* the blank line: the body follows */
      if (p[0] != ' ' && p[0] != '\t')
        skipping = client_field (p, n);
      if (!skipping)
        {
          /* each line with its LF, the last one too: a field put after it
           * or taken away leaves it the same */
          gsize text = nl ? (gsize) (nl - p) : n;
          if (text > 0 && p[text - 1] == '\r')
            text--;
          add_lines (&h, p, text);
          hasher_add (&h, "\n", 1);
        }
      p = next;
    }
  add_lines (&h, p, (gsize) (end - p));
  return hasher_end (&h);
}
