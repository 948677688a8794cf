/* redact.c - the local parts of addresses masked in a report (--redact),
 * and times as the reports write them
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "aggregate.h"

#include <string.h>

/* may this byte be part of an address's local part?  ASCII atext and dots,
 * and any byte of a UTF-8 sequence (RFC 6531 local parts) */
static gboolean
local_part_byte (guchar c)
{
  return c >= 0x80 || g_ascii_isalnum (c) || strchr ("!#$%&'*+-/=?^_`{|}~.", c) != NULL;
}

char *
bs_report_redact (const char *text)
{
  if (text == NULL)
    return NULL;
  gsize len = strlen (text);
  GString *out = g_string_sized_new (len + 8);
  gsize copied = 0;    /* bytes of text already in out */
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] != '@' || i + 1 >= len || !(g_ascii_isalnum (text[i + 1]) || text[i + 1] == '['
                                              || (guchar) text[i + 1] >= 0x80))
        continue;
      gsize start = i;
      while (start > copied && local_part_byte ((guchar) text[start - 1]))
        start--;
      if (start == i)
        continue;   /* "@domain" with no local part */
      g_string_append_len (out, text + copied, (gssize) (start - copied));
      g_string_append (out, "***");
      copied = i;   /* the "@" and the domain stay */
    }
  g_string_append (out, text + copied);
  return g_string_free (out, FALSE);
}

char *
bs_report_iso_utc (gint64 unix_time)
{
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (unix_time);
  if (t == NULL)
    t = g_date_time_new_from_unix_utc (0);
  return g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ");
}


