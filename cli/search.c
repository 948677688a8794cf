/* search.c - bouncescan search ADDRESS | @DOMAIN | IP: every failure on
 * record for one recipient, destination domain or refused sending IP, in
 * time order (local time, reason, system, codes, diagnostic, source), as
 * text for a terminal (every byte of the history escaped) or as JSON
 *
 * Reads the history read-only through history/read.h, with the readers'
 * filter (--since, --until, --sender-domain, --tz: history/filter.h).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

#include "advice.h"
#include "canonical.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

/* a diagnostic on the terminal: at most this many characters (--json: all) */
#define TERMINAL_DIAGNOSTIC_CHARS 600

static gboolean as_json = FALSE;
static char **what = NULL;

static GOptionEntry entries[] = {
  BS_CLI_DB_ENTRY,
  BS_CLI_HOST_ENTRY,
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print one JSON document (docs/search.md)", NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &what, NULL, "ADDRESS|@DOMAIN|IP" },
  { NULL }
};

static const char *search_lang = "en";

/* the labels of the text output, English then Japanese */
static const BsCliLabel labels[] = {
  { "system", "refused by", "拒否したシステム" },
  { "code", "code", "コード" },
  { "ip", "sending IP", "送信元 IP" },
  { "sender", "sender domain", "送信元ドメイン" },
  { "said", "the server said", "相手サーバーの応答" },
  { "source", "source", "ファイル" },
  { "message", "message", "メッセージ" },
  { "hard", "hard bounce", "ハードバウンス" },
};

static const char *
label (const char *key)
{
  return bs_cli_label (labels, G_N_ELEMENTS (labels), key, search_lang);
}

/* ---- what is searched ------------------------------------------------------ */

/* the kind of what (and the value to look up in *value); FALSE (said)
 * when it is none of an address, @domain, domain or IP */
static gboolean
parse_what (const char *given, BsLookupKind *kind, char **value)
{
  g_autofree char *s = g_strstrip (g_strdup (given));
  const char *at = strrchr (s, '@');
  g_auto (GStrv) spellings = NULL;
  if (*s != '\0' && strlen (s) <= 512 && g_utf8_validate (s, -1, NULL))
    {
      char *ip = bs_canonical_ip (s);
      if (ip != NULL)
        {
          *kind = BS_LOOKUP_IP;
          *value = ip;
          return TRUE;
        }
      if (at == s || at == NULL)
        spellings = bs_history_domain_spellings (s);
      if (spellings != NULL)
        {
          *kind = BS_LOOKUP_DOMAIN;
          *value = g_strdup (spellings[0]);
          return TRUE;
        }
      if (at != NULL && at > s && (spellings = bs_history_domain_spellings (at + 1)) != NULL)
        {
          *kind = BS_LOOKUP_ADDRESS;
          *value = g_strdup (s);
          return TRUE;
        }
    }
  g_autofree char *shown = bs_cli_for_terminal (given);
  g_printerr ("bouncescan search: '%s' is no address, @domain or IP\n", shown);
  return FALSE;
}

/* ---- one failure ----------------------------------------------------------- */

/* "550 5.7.1 S3150": the codes the failure gives, or NULL */
static char *
codes_of (const BsFailureRow *f)
{
  const char *parts[] = { f->values[BS_FIELD_REPLY_CODE], f->values[BS_FIELD_STATUS],
                          f->values[BS_FIELD_PROVIDER_CODE] };
  g_autoptr (GString) s = g_string_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (s, "%s%s", s->len > 0 ? " " : "", parts[i]);
  return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

/* print "  label: value", value made safe for the terminal (NULL: nothing) */
static void
print_field (const char *key, const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_autofree char *safe = bs_cli_for_terminal (value);
  printf ("    %s: %s\n", label (key), safe);
}

static void
print_failure (const BsFailureRow *f)
{
  const char *const *v = f->values;
  g_autofree char *when = bs_cli_local_time (v[BS_FIELD_TIME_UTC], "%Y-%m-%d %H:%M %Z");
  BsReason reason = bs_reason_from_name (v[BS_FIELD_REASON]);
  const char *rlabel = bs_reason_label (reason != BS_REASON_NONE ? reason : BS_REASON_UNDEFINED,
                                        search_lang);
  g_autofree char *rname = bs_cli_for_terminal (v[BS_FIELD_REASON] ? v[BS_FIELD_REASON] : "undefined");
  g_autofree char *to = bs_cli_for_terminal (v[BS_FIELD_RECIPIENT] ? v[BS_FIELD_RECIPIENT] : "?");
  printf ("%s  %s  %s (%s)%s%s\n", when, to, rlabel, rname,
          g_strcmp0 (v[BS_FIELD_HARD_BOUNCE], "1") == 0 ? ", " : "",
          g_strcmp0 (v[BS_FIELD_HARD_BOUNCE], "1") == 0 ? label ("hard") : "");
  const char *system = bs_system_label (v[BS_FIELD_BLOCKLIST], search_lang);
  g_autofree char *named = system != NULL ? g_strdup_printf ("%s (%s)", system, v[BS_FIELD_BLOCKLIST])
                                          : NULL;
  print_field ("system", named != NULL ? named : v[BS_FIELD_BLOCKLIST]);
  g_autofree char *codes = codes_of (f);
  print_field ("code", codes);
  print_field ("ip", v[BS_FIELD_SENDING_IP]);
  print_field ("sender", v[BS_FIELD_SENDER_DOMAIN]);
  if (v[BS_FIELD_DIAGNOSTIC] != NULL && *v[BS_FIELD_DIAGNOSTIC] != '\0')
    {
      g_autofree char *line = bs_cli_one_line (v[BS_FIELD_DIAGNOSTIC], TERMINAL_DIAGNOSTIC_CHARS);
      printf ("    %s: %s\n", label ("said"), line);
    }
  if (v[BS_FIELD_SOURCE] != NULL)
    {
      g_autofree char *src = bs_cli_for_terminal (v[BS_FIELD_SOURCE]);
      /* the message's number in an mbox (0: a file of its own) */
      if (g_ascii_strtoll (v[BS_FIELD_MBOX_INDEX] ? v[BS_FIELD_MBOX_INDEX] : "0", NULL, 10) > 0)
        printf ("    %s: %s (%s #%s)\n", label ("source"), src, label ("message"),
                v[BS_FIELD_MBOX_INDEX]);
      else
        printf ("    %s: %s\n", label ("source"), src);
    }
}

/* the JSON object of one failure (docs/search.md) */
static JsonNode *
failure_json (const BsFailureRow *f)
{
  const char *const *v = f->values;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  g_autofree char *when = bs_cli_local_time (v[BS_FIELD_TIME_UTC], NULL);
  g_autofree char *day = bs_cli_local_time (v[BS_FIELD_TIME_UTC], "%Y-%m-%d");
  static const struct {
    const char *name;
    BsFailureField field;
  } texts[] = {
    { "time_utc", BS_FIELD_TIME_UTC }, { "recipient", BS_FIELD_RECIPIENT },
    { "reason", BS_FIELD_REASON }, { "system", BS_FIELD_BLOCKLIST },
    { "status", BS_FIELD_STATUS }, { "provider_code", BS_FIELD_PROVIDER_CODE },
    { "destination", BS_FIELD_DESTINATION }, { "sender_domain", BS_FIELD_SENDER_DOMAIN },
    { "sending_ip", BS_FIELD_SENDING_IP }, { "remote_mta", BS_FIELD_REMOTE_MTA },
    { "diagnostic", BS_FIELD_DIAGNOSTIC }, { "source", BS_FIELD_SOURCE },
  };
  json_builder_set_member_name (b, "time");
  json_builder_add_string_value (b, when);
  json_builder_set_member_name (b, "day");
  json_builder_add_string_value (b, day);
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      json_builder_set_member_name (b, texts[i].name);
      const char *t = v[texts[i].field];
      if (t == NULL)
        json_builder_add_null_value (b);
      else
        {
          /* the history's text as valid UTF-8: a JSON string must be */
          g_autofree char *valid = g_utf8_make_valid (t, -1);
          json_builder_add_string_value (b, valid);
        }
    }
  static const struct {
    const char *name;
    BsFailureField field;
  } numbers[] = {
    { "reply_code", BS_FIELD_REPLY_CODE }, { "mbox_index", BS_FIELD_MBOX_INDEX },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      json_builder_set_member_name (b, numbers[i].name);
      if (v[numbers[i].field] == NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, g_ascii_strtoll (v[numbers[i].field], NULL, 10));
    }
  json_builder_set_member_name (b, "hard_bounce");
  json_builder_add_boolean_value (b, g_strcmp0 (v[BS_FIELD_HARD_BOUNCE], "1") == 0);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
json_text (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

/* ---- the command ------------------------------------------------------------ */

static const char *const kind_names[] = { "address", "domain", "ip" };

/* every failure of the look-up, printed as it comes (the JSON document
 * too: one object a failure, so that memory stays flat); *n their number */
static gboolean
print_all (BsHistoryRead *read, BsLookupKind kind, const char *value, gint64 *n,
           char **first, char **last, GError **error)
{
  g_autoptr (BsHistoryIter) it = bs_history_lookup (read, bs_cli_opt.filter, kind, value, error);
  if (it == NULL)
    return FALSE;
  BsFailureRow f;
  while (bs_history_next_failure (it, &f, error))
    {
      if (as_json)
        {
          g_autoptr (JsonNode) node = failure_json (&f);
          g_autofree char *text = json_text (node);
          printf ("%s\n    %s", *n > 0 ? "," : "", text);
        }
      else
        {
          if (*n > 0)
            printf ("\n");
          print_failure (&f);
        }
      if (*first == NULL)
        *first = g_strdup (f.values[BS_FIELD_TIME_UTC]);
      g_free (*last);
      *last = g_strdup (f.values[BS_FIELD_TIME_UTC]);
      (*n)++;
      if (g_atomic_int_get (&bs_cli_interrupted))
        return TRUE;
    }
  return error == NULL || *error == NULL;
}

/* the JSON document's head, up to its list of failures */
static void
json_head (BsLookupKind kind, const char *value)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "query");
  json_builder_add_string_value (b, value);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind_names[kind]);
  json_builder_set_member_name (b, "time_zone");
  json_builder_add_string_value (b, bs_history_filter_time_zone_name (bs_cli_opt.filter));
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = json_text (root);
  /* "{...}" opened again for the list that follows */
  text[strlen (text) - 1] = '\0';
  printf ("%s,\"failures\":[", text);
}

static void
print_end (const char *value, gint64 n, const char *first, const char *last)
{
  if (as_json)
    {
      printf ("%s],\"count\":%" G_GINT64_FORMAT "}\n", n > 0 ? "\n" : "", n);
      return;
    }
  g_autofree char *shown = bs_cli_for_terminal (value);
  gboolean ja = strcmp (search_lang, "ja") == 0;
  if (n == 0)
    {
      printf (ja ? "%s の配送失敗の記録はありません。\n" : "No failure on record for %s.\n", shown);
      return;
    }
  g_autofree char *from = bs_cli_local_time (first, "%Y-%m-%d");
  g_autofree char *to = bs_cli_local_time (last, "%Y-%m-%d");
  if (ja)
    printf ("\n%s: 配送失敗 %" G_GINT64_FORMAT " 件（%s 〜 %s）\n", shown, n, from, to);
  else
    printf ("\n%s: %" G_GINT64_FORMAT " failure%s, %s to %s\n", shown, n, n == 1 ? "" : "s",
            from, to);
}

static int
run_search (int argc, char **argv)
{
  g_auto (GStrv) given = g_steal_pointer (&what);
  if (argc > 1 || given == NULL || given[0] == NULL || given[1] != NULL)
    {
      g_printerr ("bouncescan search: name one address, @domain or IP (see --help)\n");
      return EXIT_USAGE;
    }
  if (!bs_cli_check_report_options ("search"))
    return EXIT_USAGE;
  search_lang = bs_cli_default_lang ();
  BsLookupKind kind;
  g_autofree char *value = NULL;
  if (!parse_what (given[0], &kind, &value))
    return EXIT_USAGE;
  int rc = EXIT_ERROR;
  g_autoptr (BsStore) store = NULL;
  g_autoptr (BsHistoryRead) read = bs_cli_begin_filtered_read (&store, &rc);
  if (read == NULL)
    return rc;
  g_autoptr (GError) error = NULL;
  if (as_json)
    json_head (kind, value);
  gint64 n = 0;
  g_autofree char *first = NULL, *last = NULL;
  if (!print_all (read, kind, value, &n, &first, &last, &error))
    {
      fflush (stdout);
      return bs_cli_fail (NULL, error);
    }
  print_end (value, n, first, last);
  if (fflush (stdout) != 0)
    return EXIT_ERROR;
  return bs_cli_exit_code (EXIT_OK);
}

const BsCliCommand bs_cli_search = {
  .name = "search",
  .synopsis = "search WHAT",
  .summary = "every failure on record for an address, @domain or IP",
  .parameters = "- every failure on record for it",
  .description =
    "Reads the history and prints every failure on record for one recipient address,\n"
    "one destination domain (@example.com) or one refused sending IP, oldest first:\n"
    "its local time, recipient, reason, the system that refused it, its codes, what\n"
    "the server said and the file it came from.  --json prints one JSON document.\n"
    "Exit codes: 0 (found or not: the last line says how many), 1 error, 2 usage.",
  .entries = entries,
  .shared = BS_CLI_FILTER,
  .run = run_search,
};
