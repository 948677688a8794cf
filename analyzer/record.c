/* record.c - BsRecord: allocation, bounded UTF-8 setters, JSON form
 *
 * Every string a record holds went through bs_record_set(), so it is valid
 * UTF-8, trimmed, at most BS_MAX_FIELD_BYTES long and free of control
 * characters: everything downstream (SQLite, JSON, HTML, CSV) relies on it.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "record.h"

#include <json-glib/json-glib.h>
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
  X (orig_from) X (orig_to) X (orig_subject) X (orig_date) X (reason)          \
  X (destination) X (sender_domain) X (sending_ip) X (sending_ip_from)         \
  X (provider_code) X (blocklist) X (rule) X (evidence) X (status_from)

void
bs_record_free (BsRecord *r)
{
  if (r == NULL)
    return;
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
  return c;
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
  g_autofree char *valid = g_utf8_make_valid (text, (gssize) len);
  GString *out = g_string_sized_new (MIN (len, max) + 1);
  gboolean space = TRUE; /* drop leading blanks */
  for (const char *p = valid; *p != '\0' && out->len < max; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
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
  if (r->reason != NULL
      && (strcmp (r->reason, "delivered") == 0
          || strcmp (r->reason, "vacation") == 0
          || strcmp (r->reason, "feedback") == 0))
    return FALSE;
  return TRUE;
}

static void
add_string (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

char *
bs_record_to_json (const BsRecord *r)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  add_string (b, "source", r->source);
  json_builder_set_member_name (b, "index");
  if (r->index > 0)
    json_builder_add_int_value (b, r->index);
  else
    json_builder_add_null_value (b);
  add_string (b, "recipient", r->recipient);
  add_string (b, "original_recipient", r->orig_recipient);
  add_string (b, "status", r->status);
  add_string (b, "status_from", r->status_from);
  json_builder_set_member_name (b, "reply_code");
  if (r->reply_code > 0)
    json_builder_add_int_value (b, r->reply_code);
  else
    json_builder_add_null_value (b);
  add_string (b, "reason", r->reason);
  json_builder_set_member_name (b, "hard_bounce");
  json_builder_add_boolean_value (b, r->hard_bounce);
  json_builder_set_member_name (b, "failure");
  json_builder_add_boolean_value (b, bs_record_is_failure (r));
  add_string (b, "action", r->action);
  add_string (b, "destination", r->destination);
  add_string (b, "sender_domain", r->sender_domain);
  add_string (b, "sending_ip", r->sending_ip);
  add_string (b, "sending_ip_from", r->sending_ip_from);
  add_string (b, "remote_mta", r->remote_mta);
  add_string (b, "reporting_mta", r->reporting_mta);
  add_string (b, "diagnostic", r->diagnostic);
  add_string (b, "diagnostic_type", r->diagnostic_type);
  add_string (b, "command", r->command);
  add_string (b, "provider_code", r->provider_code);
  add_string (b, "blocklist", r->blocklist);
  add_string (b, "mta", r->mta);
  add_string (b, "timestamp", r->timestamp);
  add_string (b, "feedback_type", r->feedback_type);
  add_string (b, "orig_message_id", r->orig_message_id);
  add_string (b, "orig_from", r->orig_from);
  add_string (b, "orig_to", r->orig_to);
  add_string (b, "orig_subject", r->orig_subject);
  add_string (b, "orig_date", r->orig_date);
  add_string (b, "rule", r->rule);
  add_string (b, "evidence", r->evidence);
  json_builder_end_object (b);

  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

char *
bs_undecodable_to_json (const char *source, guint index, const char *why)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "undecodable");
  json_builder_begin_object (b);
  g_autofree char *src = bs_text_clean (source, BS_MAX_FIELD_BYTES);
  g_autofree char *err = bs_text_clean (why, BS_MAX_FIELD_BYTES);
  add_string (b, "source", src);
  json_builder_set_member_name (b, "index");
  if (index > 0)
    json_builder_add_int_value (b, index);
  else
    json_builder_add_null_value (b);
  add_string (b, "error", err);
  json_builder_end_object (b);
  json_builder_end_object (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}
