/* fuzz-message.c - libFuzzer harness: bytes of one message -> records
 *
 * Runs the whole analyzer path a scan runs on one message: MIME parse,
 * format parsers, classification, and the JSON form of every record, which
 * must be valid UTF-8 JSON whatever the input held.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <gmime/gmime.h>
#include <json-glib/json-glib.h>
#include <stdint.h>

#include "classify.h"
#include "lhost.h"
#include "mail.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean init = FALSE;
  if (!init)
    {
      g_mime_init ();
      init = TRUE;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (BsMail) mail = bs_mail_parse ((const char *) data, size, "fuzz", 0, &error);
  if (mail == NULL)
    return 0;
  g_autoptr (GPtrArray) records = bs_parse_mail (mail, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (records, i);
      bs_classify_record (mail, r);
      g_autofree char *json = bs_record_to_json (r);
      g_assert_true (g_utf8_validate (json, -1, NULL));
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
    }
  return 0;
}
