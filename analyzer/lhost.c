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

const BsLhost *
bs_lhost_table (gsize *n)
{
  *n = G_N_ELEMENTS (lhosts);
  return lhosts;
}
