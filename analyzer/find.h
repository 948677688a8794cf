/* find.h - substring search for the short texts of a bounce
 *
 * glibc picks its strstr by processor: on one without fast unaligned loads
 * (the AMD EPYC the benchmark runs on) it is the generic one, whose set-up
 * for each needle (a table of 256 shifts) costs more than the search itself
 * in a diagnostic or a header value of a hundred bytes; the format modules
 * and rule tables call it thousands of times a message.  bs_strstr looks for
 * the needle's first byte with strchr and compares the rest in place; after
 * a few false starts it hands the rest of the text to strstr, so a hostile
 * text cannot make it slower than linear.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <string.h>

/* false starts before the rest of the text goes to strstr */
#define BS_FIND_TRIES 8

static inline char *
bs_strstr (const char *hay, const char *needle)
{
  const char c0 = needle[0];
  if (c0 == '\0')
    return (char *) hay;
  int tries = 0;
  for (const char *p = strchr (hay, c0); p != NULL; p = strchr (p + 1, c0))
    {
      const char *a = p + 1, *b = needle + 1;
      while (*b != '\0' && *a == *b)
        a++, b++;
      if (*b == '\0')
        return (char *) p;
      if (*a == '\0')
        return NULL; /* the text ends before the needle could */
      if (++tries == BS_FIND_TRIES)
        return strstr (p + 1, needle);
    }
  return NULL;
}
