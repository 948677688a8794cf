/* record.c - BsRecord: allocation, bounded UTF-8 setters, JSON form
 *
 * Every string a record holds went through bs_record_set(), so it is valid
 * UTF-8, trimmed, at most BS_MAX_FIELD_BYTES long and free of control
 * characters: everything downstream (SQLite, JSON, HTML, CSV) relies on it.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "record.h"

#include <string.h>

#include "bs.h"

G_DEFINE_QUARK (bs-error-quark, bs_error)

BsRecord *
bs_record_new (void)
{
  return g_new0 (BsRecord, 1);
}

#define BS_RECORD_STRINGS(X)                                                   \
  X (source) X (recipient) X (orig_recipient) X (status) X (action)            \
  X (remote_mta) X (reporting_mta) X (diagnostic) X (diagnostic_type)          \
  X (command) X (timestamp) X (mta) X (feedback_type) X (orig_message_id)      \
  X (orig_from) X (orig_to) X (orig_subject) X (orig_date)                     \
  X (destination) X (sender_domain) X (sending_ip) X (sending_ip_from)         \
  X (provider_code) X (blocklist) X (rule) X (evidence) X (status_from)

/* the original's fields that may be shared, with their bits */
#define SHARED_FIELDS(X)                                                       \
  X (orig_message_id, BS_RECORD_SHARED_MESSAGE_ID) X (orig_from, BS_RECORD_SHARED_FROM) \
  X (orig_to, BS_RECORD_SHARED_TO) X (orig_subject, BS_RECORD_SHARED_SUBJECT) \
  X (orig_date, BS_RECORD_SHARED_DATE)

void
bs_record_free (BsRecord *r)
{
  if (r == NULL)
    return;
  /* a shared field is a reference, given back; g_free below sees NULL */
#define RELEASE_SHARED(f, bit)                                                 \
  if ((r->shared & (bit)) && r->f != NULL)                                     \
    g_ref_string_release (g_steal_pointer (&r->f));
  SHARED_FIELDS (RELEASE_SHARED)
#undef RELEASE_SHARED
#define FREE_FIELD(f) g_free (r->f);
  BS_RECORD_STRINGS (FREE_FIELD)
#undef FREE_FIELD
  g_free (r);
}

BsRecord *
bs_record_copy (const BsRecord *r)
{
  BsRecord *c = g_memdup2 (r, sizeof *r);
#define DUP_FIELD(f) c->f = g_strdup (r->f);
  BS_RECORD_STRINGS (DUP_FIELD)
#undef DUP_FIELD
  c->shared = 0;
  return c;
}

void
bs_record_share_field (BsRecord *r, char **field, guint8 bit, char *shared)
{
  if (*field != NULL || shared == NULL)
    return;
  *field = g_ref_string_acquire (shared);
  r->shared |= bit;
}

gsize
bs_record_bytes (const BsRecord *r)
{
  /* malloc's own bytes per block, about */
  const gsize overhead = 16;
  gsize n = sizeof *r + overhead;
#define COUNT_FIELD(f) if (r->f != NULL) n += strlen (r->f) + 1 + overhead;
  BS_RECORD_STRINGS (COUNT_FIELD)
#undef COUNT_FIELD
#define UNCOUNT_SHARED(f, bit)                                                 \
  if ((r->shared & (bit)) && r->f != NULL)                                     \
    n -= strlen (r->f) + 1 + overhead;
  SHARED_FIELDS (UNCOUNT_SHARED)
#undef UNCOUNT_SHARED
  return n;
}

/* bs_text_clean - bounded valid UTF-8 copy of text: controls become spaces,
 * runs of white space fold to one, ends trimmed; NULL when nothing is left */
/* the common case: printable ASCII, single spaces, no blank ends */
static gboolean
already_clean (const char *text, gsize max, gsize *len)
{
  gsize i = 0;
  const guchar *p = (const guchar *) text;
  if (p[0] == ' ')
    return FALSE;
  for (; p[i] != '\0'; i++)
    {
      if (p[i] < 0x20 || p[i] >= 0x7f || i >= max)
        return FALSE;
      if (p[i] == ' ' && (p[i + 1] == ' ' || p[i + 1] == '\0'))
        return FALSE;
    }
  *len = i;
  return TRUE;
}

char *
bs_text_clean (const char *text, gsize max)
{
  if (text == NULL)
    return NULL;
  gsize clean_len = 0;
  if (already_clean (text, max, &clean_len))
    return clean_len > 0 ? g_strndup (text, clean_len) : NULL;
  gsize len = strnlen (text, max * 2 + 8);
  gboolean ascii = TRUE;
  for (gsize i = 0; i < len && ascii; i++)
    ascii = (guchar) text[i] < 0x80;
  g_autofree char *valid = ascii ? NULL : g_utf8_make_valid (text, (gssize) len);
  const char *in = ascii ? text : valid;
  const char *in_end = ascii ? text + len : valid + strlen (valid);
  GString *out = g_string_sized_new (MIN (len, max) + 1);
  gboolean space = TRUE; /* drop leading blanks */
  for (const char *p = in; p < in_end && out->len < max;)
    {
      guchar b = (guchar) *p;
      if (b < 0x80)
        {
          /* ASCII: white space and controls alike fold to one space */
          if (b <= 0x20 || b == 0x7f)
            {
              if (!space)
                g_string_append_c (out, ' ');
              space = TRUE;
            }
          else
            {
              g_string_append_c (out, (char) b);
              space = FALSE;
            }
          p++;
          continue;
        }
      gunichar c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0xFFFD
          || c == 0x2028 || c == 0x2029)
        {
          if (c == 0xFFFD)
            {
              if (space && out->len > 0)
                g_string_truncate (out, out->len - 1);
              g_string_append_unichar (out, c);
              space = FALSE;
              continue;
            }
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }
      g_string_append_unichar (out, c);
      space = FALSE;
    }
  if (out->len > max)
    {
      /* cut on a character boundary */
      const char *end = g_utf8_find_prev_char (out->str, out->str + max);
      g_string_truncate (out, end ? (gsize) (end - out->str) : 0);
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

void
bs_record_set (char **field, const char *value)
{
  char *clean = bs_text_clean (value, BS_MAX_FIELD_BYTES);
  g_free (*field);
  *field = clean;
}

gboolean
bs_record_is_failure (const BsRecord *r)
{
  if (r->action != NULL
      && (g_ascii_strcasecmp (r->action, "delayed") == 0
          || g_ascii_strcasecmp (r->action, "delivered") == 0
          || g_ascii_strcasecmp (r->action, "relayed") == 0
          || g_ascii_strcasecmp (r->action, "expanded") == 0))
    return FALSE;
  return bs_reason_is_failure (r->reason);
}

/* The JSON lines are written here directly: json-glib's builder and
 * generator made a GObject tree per record and cost a third of a dump.
 * Strings are valid UTF-8 (bs_text_clean); the escaping is RFC 8259's, and
 * tests/test-core.c reads the output back with json-glib's parser. */
static void
json_string (GString *out, const char *value)
{
  static const char hex[] = "0123456789abcdef";
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  const char *run = value;
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else
        {
          char esc[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], '\0' };
          g_string_append (out, esc);
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

static void
json_key (GString *out, const char *key)
{
  if (out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  g_string_append (out, key);
  g_string_append (out, "\":");
}

static void
json_member (GString *out, const char *key, const char *value)
{
  json_key (out, key);
  json_string (out, value);
}

static void
json_number (GString *out, const char *key, gint64 value)
{
  char digits[24];
  json_key (out, key);
  if (value > 0)
    g_string_append_len (out, digits, g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, value));
  else
    g_string_append (out, "null");
}

static void
json_bool (GString *out, const char *key, gboolean value)
{
  json_key (out, key);
  g_string_append (out, value ? "true" : "false");
}

void
bs_record_append_json (const BsRecord *r, GString *o)
{
  g_string_append_c (o, '{');
  json_member (o, "source", r->source);
  json_number (o, "index", r->index);
  json_member (o, "recipient", r->recipient);
  json_member (o, "original_recipient", r->orig_recipient);
  json_member (o, "status", r->status);
  json_member (o, "status_from", r->status_from);
  json_number (o, "reply_code", r->reply_code);
  json_member (o, "reason", bs_reason_name (r->reason));
  json_bool (o, "hard_bounce", r->hard_bounce);
  json_bool (o, "failure", bs_record_is_failure (r));
  json_member (o, "action", r->action);
  json_member (o, "destination", r->destination);
  json_member (o, "sender_domain", r->sender_domain);
  json_member (o, "sending_ip", r->sending_ip);
  json_member (o, "sending_ip_from", r->sending_ip_from);
  json_member (o, "remote_mta", r->remote_mta);
  json_member (o, "reporting_mta", r->reporting_mta);
  json_member (o, "diagnostic", r->diagnostic);
  json_member (o, "diagnostic_type", r->diagnostic_type);
  json_member (o, "command", r->command);
  json_member (o, "provider_code", r->provider_code);
  json_member (o, "blocklist", r->blocklist);
  json_member (o, "mta", r->mta);
  json_member (o, "timestamp", r->timestamp);
  json_member (o, "feedback_type", r->feedback_type);
  json_member (o, "orig_message_id", r->orig_message_id);
  json_member (o, "orig_from", r->orig_from);
  json_member (o, "orig_to", r->orig_to);
  json_member (o, "orig_subject", r->orig_subject);
  json_member (o, "orig_date", r->orig_date);
  json_member (o, "rule", r->rule);
  json_member (o, "evidence", r->evidence);
  g_string_append_c (o, '}');
}

char *
bs_record_to_json (const BsRecord *r)
{
  GString *o = g_string_sized_new (1024);
  bs_record_append_json (r, o);
  return g_string_free (o, FALSE);
}

char *
bs_undecodable_to_json (const char *source, guint index, const char *why)
{
  g_autofree char *src = bs_text_clean (source, BS_MAX_FIELD_BYTES);
  g_autofree char *err = bs_text_clean (why, BS_MAX_FIELD_BYTES);
  GString *o = g_string_new ("{\"undecodable\":{");
  json_member (o, "source", src);
  json_number (o, "index", index);
  json_member (o, "error", err);
  g_string_append (o, "}}");
  return g_string_free (o, FALSE);
}
