/* provider_code.c - the codes providers write in their refusals
 *
 * "(S3150)", "SC-001", "[TSS04]", "IB103", "AUP#CXBL", "OFR006_102": found
 * in the original case of the reply, kept as written; and the number in a
 * code that a provider rule or a blocklist is chosen by (Spectrum's AUP#
 * numbers, Orange's last three digits, i.ua's error page).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "internal.h"

#include <string.h>

#include "../bs.h"
#include "../find.h"

static gboolean
code_char (char ch)
{
  return g_ascii_isupper (ch) || g_ascii_isdigit (ch);
}

/* provider_code_at - length of a provider code starting at p (original
 * case), 0 if none; *skip gets how many leading bytes are not part of it
 * (an opening parenthesis or bracket); *copy the code as kept */
static gsize
provider_code_at (const char *text, const char *p, char **copy)
{
  char prev = p > text ? p[-1] : ' ';
  if (g_ascii_isalnum (prev) || prev == '-' || prev == '_' || prev == '.' || prev == '/')
    return 0;
  /* (S3150) (AS3150) (S775) (AS16012607) */
  if (p[0] == '(')
    {
      const char *q = p + 1;
      if (q[0] == 'A' && q[1] == 'S')
        q += 2;
      else if (q[0] == 'S')
        q += 1;
      else
        return 0;
      const char *d = q;
      while (g_ascii_isdigit (*q) && q - d < 10)
        q++;
      if (q - d < 3 || *q != ')')
        return 0;
      *copy = g_strndup (p + 1, (gsize) (q - p - 1));
      return (gsize) (q - p + 1);
    }
  /* AS(1450) */
  if (p[0] == 'A' && p[1] == 'S' && p[2] == '(')
    {
      const char *q = p + 3, *d = q;
      while (g_ascii_isdigit (*q) && q - d < 10)
        q++;
      if (q - d < 3 || *q != ')')
        return 0;
      g_autofree char *num = g_strndup (d, (gsize) (q - d));
      *copy = g_strconcat ("AS", num, NULL);
      return (gsize) (q - p + 1);
    }
  /* [TSS04] [TS01] [PH01] [BL21] [CS01] [HME1] */
  if (p[0] == '[')
    {
      const char *q = p + 1, *l = q;
      while (g_ascii_isupper (*q) && q - l < 5)
        q++;
      const char *d = q;
      while (g_ascii_isdigit (*q) && q - d < 4)
        q++;
      if (d - l < 2 || d - l > 4 || q - d < 1 || q - d > 3 || *q != ']')
        return 0;
      *copy = g_strndup (p + 1, (gsize) (q - p - 1));
      return (gsize) (q - p + 1);
    }
  /* SC-001 DY-001 OU-001 RP-001, POL-P1 */
  static const char *const olc[] = { "SC-", "DY-", "OU-", "RP-" };
  for (gsize i = 0; i < G_N_ELEMENTS (olc); i++)
    if (strncmp (p, olc[i], 3) == 0 && g_ascii_isdigit (p[3]) && g_ascii_isdigit (p[4])
        && g_ascii_isdigit (p[5]) && !code_char (p[6]))
      {
        *copy = g_strndup (p, 6);
        return 6;
      }
  if (strncmp (p, "POL-P", 5) == 0 && g_ascii_isdigit (p[5]) && !code_char (p[6]))
    {
      *copy = g_strndup (p, 6);
      return 6;
    }
  /* GoDaddy IB103 */
  if (p[0] == 'I' && p[1] == 'B' && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3])
      && g_ascii_isdigit (p[4]) && !code_char (p[5]))
    {
      *copy = g_strndup (p, 5);
      return 5;
    }
  /* Cox and Spectrum: AUP#CXBL, AUP#IPBL0001, AUP#In-1310 */
  if (strncmp (p, "AUP#", 4) == 0)
    {
      const char *q = p + 4;
      while ((g_ascii_isalnum (*q) || *q == '-') && q - p < 24)
        q++;
      if (q == p + 4)
        return 0;
      *copy = g_strndup (p + 4, (gsize) (q - p - 4));
      return (gsize) (q - p);
    }
  /* Orange / La Poste: OFR006_102, LPNAAA_101, OFR_506, LPN105-104 */
  static const char *const fr[] = { "LPN", "OFR", "OUK" };
  for (gsize i = 0; i < G_N_ELEMENTS (fr); i++)
    if (strncmp (p, fr[i], 3) == 0)
      {
        const char *q = p + 3;
        while (code_char (*q) && q - p < 9)
          q++;
        if ((*q == '_' || *q == '-') && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2])
            && g_ascii_isdigit (q[3]) && !code_char (q[4]))
          {
            *copy = g_strndup (p, (gsize) (q + 4 - p));
            return (gsize) (q + 4 - p);
          }
      }
  return 0;
}

char *
bs_classify_provider_code (const char *text)
{
  if (text == NULL)
    return NULL;
  gsize n = strlen (text);
  if (n > BS_MAX_FIELD_BYTES * 4)
    n = BS_MAX_FIELD_BYTES * 4;
  for (gsize i = 0; i < n; i++)
    {
      char c = text[i];
      if (c != '(' && c != '[' && c != 'A' && c != 'S' && c != 'D' && c != 'O' && c != 'R'
          && c != 'P' && c != 'I' && c != 'L')
        continue;
      char *copy = NULL;
      if (provider_code_at (text, text + i, &copy) > 0)
        return copy;
    }
  return NULL;
}

/* bs_classify_code_number - the number of a provider code of kind in the text, or -1 */
long
bs_classify_code_number (const char *diag, BsCodeKind kind)
{
  if (kind == BS_CODE_AUP)
    {
      const char *p = bs_strstr (diag, "aup#");
      if (p == NULL)
        return -1;
      p += 4;
      for (int i = 0; i < 8 && (g_ascii_isalpha (*p) || *p == '-'); i++)
        p++;
      if (!g_ascii_isdigit (*p))
        return -1;
      long v = 0;
      for (int i = 0; i < 6 && g_ascii_isdigit (*p); i++, p++)
        v = v * 10 + (*p - '0');
      return v;
    }
  if (kind == BS_CODE_IUA)
    {
      const char *p = bs_strstr (diag, ".i.ua/err/");
      if (p == NULL)
        return -1;
      p += 10;
      long v = -1;
      for (int i = 0; i < 4 && g_ascii_isdigit (*p); i++, p++)
        v = (v < 0 ? 0 : v * 10) + (*p - '0');
      return v;
    }
  if (kind == BS_CODE_FRANCEPTT)
    {
      /* (LPN|LPNAAA|OFR|OUK)(_NNN|NNN[-_]NNN) */
      static const char *const prefixes[] = { "lpnaaa", "lpn", "ofr", "ouk" };
      for (const char *p = diag; *p; p++)
        {
          if (p > diag && g_ascii_isalnum (p[-1]))
            continue;
          for (gsize k = 0; k < G_N_ELEMENTS (prefixes); k++)
            {
              gsize n = strlen (prefixes[k]);
              if (strncmp (p, prefixes[k], n) != 0)
                continue;
              const char *q = p + n;
              if (q[0] == '_' && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]) && g_ascii_isdigit (q[3])
                  && !g_ascii_isalnum (q[4]))
                return (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
              if (g_ascii_isdigit (q[0]) && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2])
                  && (q[3] == '_' || q[3] == '-') && g_ascii_isdigit (q[4]) && g_ascii_isdigit (q[5])
                  && g_ascii_isdigit (q[6]) && !g_ascii_isalnum (q[7]))
                return (q[4] - '0') * 100 + (q[5] - '0') * 10 + (q[6] - '0');
            }
        }
      return -1;
    }
  return -1;
}
