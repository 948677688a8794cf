/* lhost.c - the table of format parsers, in the order they are tried
 *
 * The table is lhost/formats.h, one line per format: a specific format
 * before a generic one, and the RFC 3464 text reading the very last.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost.h"

#include "lhost/kit.h" /* the bs_lhost_<name> () of every format */

static const BsLhost lhosts[] = {
#define BS_FORMAT(name) { #name, bs_lhost_##name },
#include "lhost/formats.h"
#undef BS_FORMAT
};

/* modules turned off (bs_lhost_disable): one bit per row of lhosts */
static guint64 disabled[(G_N_ELEMENTS (lhosts) + 63) / 64];

const BsLhost *
bs_lhost_table (gsize *n)
{
  *n = G_N_ELEMENTS (lhosts);
  return lhosts;
}

gboolean
bs_lhost_disable (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (lhosts); i++)
    if (g_strcmp0 (lhosts[i].name, name) == 0)
      {
        disabled[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
        return TRUE;
      }
  return FALSE;
}

gboolean
bs_lhost_enabled (gsize i)
{
  return i >= G_N_ELEMENTS (lhosts) || (disabled[i / 64] & (G_GUINT64_CONSTANT (1) << (i % 64))) == 0;
}
