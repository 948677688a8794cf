/* explain.c - bouncescan explain FILE...: one message's records as a
 * person reads them: what the bounce says, the verdict and the rule behind
 * it, what to do next (English or Japanese); with --check, what DNS says now
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "advice.h"

static char **paths = NULL;

static GOptionEntry entries[] = {
  { "lang", 0, 0, G_OPTION_ARG_STRING, &bs_cli_opt.lang, "Language of the advice: en or ja",
    "LANG" },
  BS_CLI_TZ_ENTRY,
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "FILE..." },
  { NULL }
};

/* labels of the explain command, English then Japanese */
static const BsCliLabel explain_labels[] = {
  { "recipient", "Recipient", "宛先" },
  { "result", "Result", "結果" },
  { "when", "When", "日時" },
  { "failed", "failed", "配送失敗" },
  { "not-failure", "not a failure", "配送失敗ではありません" },
  { "reason", "Reason", "理由" },
  { "codes", "Codes", "コード" },
  { "blocklist", "Blocklist", "ブロックリスト" },
  { "sending-ip", "Refused sending IP", "拒否された送信元 IP" },
  { "from-reply", "named in the refusal", "拒否メッセージに記載" },
  { "from-received", "from the original's Received header", "元メールの Received ヘッダーより" },
  { "remote", "Remote server", "相手サーバー" },
  { "said", "The server said", "相手サーバーの応答" },
  { "original", "Original message", "元のメール" },
  { "rule", "Decided by", "判定根拠" },
  { "what", "What happened", "何が起きたか" },
  { "next", "What to do", "対処方法" },
  { "page", "Lookup / delisting page", "確認・解除申請ページ" },
  { "checks", "Live checks (DNS, now)", "DNS による現在の状態の確認" },
};

static const char *explain_lang = "en";
static BsChecker *explain_checker = NULL;  /* explain --check: targets of the records */

static const char *
label (const char *key)
{
  return bs_cli_label (explain_labels, G_N_ELEMENTS (explain_labels), key, explain_lang);
}

/* printf for text that holds a bounce's or a DNS answer's words: each
 * line made safe for a terminal (bs_cli_for_terminal) */
static void G_GNUC_PRINTF (1, 2)
say (const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *text = g_strdup_vprintf (format, args);
  va_end (args);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (gsize i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *shown = bs_cli_for_terminal (lines[i]);
      fputs (shown, stdout);
      if (lines[i + 1] != NULL)
        fputc ('\n', stdout);
    }
}

static void
print_advice (const BsAdvice *a)
{
  if (a == NULL)
    return;
  printf ("  %s\n", a->title);
  printf ("    %s: %s\n", label ("what"), a->explanation);
  printf ("    %s: %s\n", label ("next"), a->next_step);
  if (a->url != NULL)
    printf ("    %s: %s\n", label ("page"), a->url);
}

/* the bounce's time in the zone of --tz: "2026-11-09 08:07:14 +09:00 (Asia/Tokyo)" */
static void
print_when (const BsRecord *r)
{
  const char *t = r->timestamp != NULL ? r->timestamp : r->orig_date;
  if (t == NULL)
    return;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (t, utc);
  GTimeZone *tz = bs_history_filter_time_zone (bs_cli_opt.filter);
  g_autoptr (GDateTime) local = at != NULL ? g_date_time_to_timezone (at, tz) : NULL;
  if (local == NULL)
    return;
  g_autofree char *text = g_date_time_format (local, "%Y-%m-%d %H:%M:%S %:z");
  printf ("%s: %s (%s)\n", label ("when"), text,
          bs_history_filter_time_zone_name (bs_cli_opt.filter));
}

static void
explain_record (const BsRecord *r, gpointer user)
{
  guint *n = user;
  if (explain_checker != NULL)
    bs_checker_add_record (explain_checker, r);
  if ((*n)++ > 0)
    say ("\n");
  say ("%s: %s", label ("recipient"), r->recipient ? r->recipient : "?");
  if (r->index > 0)
    say ("  (%s #%u)", r->source, r->index);
  say ("\n%s: %s%s\n", label ("result"),
          bs_record_is_failure (r) ? label ("failed") : label ("not-failure"),
          r->action && strcmp (r->action, "delayed") == 0 ? " (delayed)" : "");
  print_when (r);
  const char *reason = bs_reason_name (r->reason != BS_REASON_NONE ? r->reason : BS_REASON_UNDEFINED);
  say ("%s: %s%s\n", label ("reason"), reason,
          r->hard_bounce ? " (hard bounce)" : "");
  say ("%s: %s %u%s%s\n", label ("codes"), r->status ? r->status : "-", r->reply_code,
          r->provider_code ? " " : "", r->provider_code ? r->provider_code : "");
  if (r->blocklist)
    say ("%s: %s\n", label ("blocklist"), r->blocklist);
  if (r->sending_ip)
    say ("%s: %s (%s)\n", label ("sending-ip"), r->sending_ip,
            label (g_strcmp0 (r->sending_ip_from, "received") == 0 ? "from-received" : "from-reply"));
  if (r->remote_mta)
    say ("%s: %s\n", label ("remote"), r->remote_mta);
  if (r->diagnostic)
    say ("%s: %s\n", label ("said"), r->diagnostic);
  if (r->orig_subject || r->orig_from)
    say ("%s: %s / %s / %s\n", label ("original"), r->orig_from ? r->orig_from : "-",
            r->orig_subject ? r->orig_subject : "-", r->orig_date ? r->orig_date : "-");
  if (r->rule)
    say ("%s: %s (\"%s\")\n", label ("rule"), r->rule, r->evidence ? r->evidence : "");
  const char *key = bs_advice_key (r);
  print_advice (bs_advice_for (key, explain_lang));
  /* the reason's own advice too, unless the key's advice is there to
   * correct it (a carrier's "Unknown user" is not proof of a dead address) */
  if (r->reason != BS_REASON_NONE && strcmp (key, reason) != 0 && strcmp (key, "carrier-unknown-user") != 0)
    print_advice (bs_advice_for (reason, explain_lang));
}

/* explain: one line per answer */
static void
print_check_result (const BsCheckResult *r)
{
  const char *what = r->list_name ? r->list_name : bs_check_kind_name (r->kind);
  say ("  %s %s: ", r->subject, r->kind == BS_CHECK_PTR ? "PTR" : r->kind == BS_CHECK_SPF ? "SPF"
          : r->kind == BS_CHECK_DMARC ? "DMARC" : what);
  switch (r->status)
    {
    case BS_CHECK_LISTED:
      say ("listed as %s (%s)", r->listed_as ? r->listed_as : what, r->detail ? r->detail : "");
      break;
    case BS_CHECK_NOT_LISTED:
      say ("not listed%s%s", r->detail ? ": " : "", r->detail ? r->detail : "");
      break;
    case BS_CHECK_REFUSED:
      say ("cannot be asked through this resolver, so not a listing: %s. Fix: %s", r->detail, r->fix);
      break;
    case BS_CHECK_NOT_CHECKED:
      say ("cannot be checked by DNS (%s)", r->detail);
      break;
    case BS_CHECK_TIMEOUT:
      say ("no answer, state unknown (%s)", r->detail ? r->detail : "timeout");
      break;
    case BS_CHECK_FOUND:
      say ("%s%s%s", r->answer, r->detail ? "; " : "", r->detail ? r->detail : "");
      break;
    default:
      say ("%s%s%s", r->answer ? r->answer : "", r->answer && r->detail ? ": " : "",
              r->detail ? r->detail : bs_check_status_name (r->status));
      break;
    }
  say ("\n");
}

/* explain --check: ask DNS about the records' IPs and domains, print the answers */
static int
explain_checks (BsChecker *checker)
{
  if (bs_checker_count (checker) == 0)
    return EXIT_OK;
  g_autoptr (GError) error = NULL;
  if (!bs_checker_run (checker, (const gint *) &bs_cli_interrupted, &error))
    return bs_cli_fail ("--check: ", error);
  printf ("\n%s (%s):\n", label ("checks"), bs_checker_resolver (checker));
  GPtrArray *results = bs_checker_results (checker);
  for (guint i = 0; i < results->len; i++)
    print_check_result (g_ptr_array_index (results, i));
  return EXIT_OK;
}

static int
run_explain (int argc, char **argv)
{
  g_auto (GStrv) given = g_steal_pointer (&paths);
  if (given == NULL || given[0] == NULL)
    {
      g_printerr ("bouncescan explain: name a message file (see --help)\n");
      return EXIT_USAGE;
    }
  if (!bs_cli_check_report_options ("explain") || !bs_cli_load_rules ())
    return EXIT_USAGE;
  explain_lang = bs_cli_default_lang ();
  guint n = 0;
  BsScanStats stats = { 0 };
  bs_cli_opt.quiet = TRUE;
  g_autoptr (BsChecker) checker = bs_cli_opt.check ? bs_cli_checker_new () : NULL;
  if (bs_cli_opt.check && checker == NULL)
    return EXIT_USAGE;
  explain_checker = checker;
  gboolean ok = bs_cli_scan_paths (given, NULL, 0, explain_record, &n, FALSE, &stats);
  explain_checker = NULL;
  if (n == 0 && ok)
    printf ("%s\n", strcmp (explain_lang, "ja") == 0
                      ? "このメールからは配送エラーの情報が見つかりませんでした（バウンスメールではありません）。"
                      : "No bounce record in this message: it is not a bounce.");
  if (checker != NULL && ok && explain_checks (checker) != EXIT_OK)
    return EXIT_ERROR;
  return ok ? EXIT_OK : EXIT_ERROR;
}

const BsCliCommand bs_cli_explain = {
  .name = "explain",
  .synopsis = "explain FILE",
  .summary = "one message's records, the rule behind them, what to do",
  .parameters = "FILE... - show one message's records with advice",
  .description =
    "Reads one bounce (or each message of an mbox) and shows, for every recipient,\n"
    "what the bounce says, the verdict and the rule behind it, and what to do next.",
  .entries = entries,
  .shared = BS_CLI_COMMON | BS_CLI_CHECK,
  .run = run_explain,
};
