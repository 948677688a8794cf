/* schema.c - the history's schema: one row per version and the code that
 * applies them, in one transaction, to a new or older history
 *
 * The schema is documented in docs/schema.md; every change to it is a new
 * row of the migrations table below (never an edit of an old row), applied
 * in one transaction together with PRAGMA user_version.  The same rows
 * make PostgreSQL's schema (pg.c): each step's SQL goes through
 * dialect.c's map, unless its pg says otherwise ("": nothing to do there;
 * a step that only rewrites old SQLite data).  Write a step in the SQL both
 * take (ALTER TABLE ... ADD COLUMN, CREATE TABLE and INDEX, INSERT ...
 * SELECT), so that one description serves both.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "pg.h"

/* ---- schema: one row per version, applied in order ---------------------- */

typedef struct {
  int version;
  const char *what;   /* one line for the schema_history table */
  const char *sql;
  const char *pg;     /* PostgreSQL's own form, or NULL: sql through the dialect map */
} Migration;

/* the step to version 9, in parts (PostgreSQL's takes no data to move) */
#define ORIGINALS_TABLE \
    "CREATE TABLE originals (" \
    "  id INTEGER PRIMARY KEY," \
    "  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE," \
    "  orig_message_id TEXT," \
    "  orig_from TEXT," \
    "  orig_to TEXT," \
    "  orig_subject TEXT," \
    "  orig_date TEXT);" \
    "CREATE INDEX originals_message ON originals (message_id);" \
    "ALTER TABLE failures ADD COLUMN original_id INTEGER REFERENCES originals(id);"
#define ORIGINALS_MOVE \
    "INSERT INTO originals (message_id, orig_message_id, orig_from, orig_to, orig_subject, orig_date)" \
    " SELECT DISTINCT message_id, orig_message_id, orig_from, orig_to, orig_subject, orig_date" \
    " FROM failures" \
    " WHERE coalesce(orig_message_id, orig_from, orig_to, orig_subject, orig_date) IS NOT NULL;" \
    "UPDATE failures SET original_id = (SELECT o.id FROM originals o" \
    "  WHERE o.message_id = failures.message_id AND o.orig_message_id IS failures.orig_message_id" \
    "  AND o.orig_from IS failures.orig_from AND o.orig_to IS failures.orig_to" \
    "  AND o.orig_subject IS failures.orig_subject AND o.orig_date IS failures.orig_date)" \
    " WHERE coalesce(orig_message_id, orig_from, orig_to, orig_subject, orig_date) IS NOT NULL;"
#define ORIGINALS_DROP \
    "ALTER TABLE failures DROP COLUMN orig_message_id;" \
    "ALTER TABLE failures DROP COLUMN orig_from;" \
    "ALTER TABLE failures DROP COLUMN orig_to;" \
    "ALTER TABLE failures DROP COLUMN orig_subject;" \
    "ALTER TABLE failures DROP COLUMN orig_date;"

/* the step to version 11: the columns a bounce's recipients share (all
 * but seq, recipient and orig_recipient), in the order of failures */
#define GROUP_COLUMNS \
    "message_id, status, status_from, reply_code, reason, hard_bounce, is_failure, action," \
    " destination, sender_domain, sending_ip, sending_ip_from, remote_mta, reporting_mta," \
    " diagnostic, diagnostic_type, command, provider_code, blocklist, mta, timestamp, seen_at," \
    " day, rule, evidence, feedback_type, original_id, host"
#define GROUPS_TABLES \
    "CREATE TABLE failure_groups (" \
    "  id INTEGER PRIMARY KEY," \
    "  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE," \
    "  status TEXT," \
    "  status_from TEXT," \
    "  reply_code INTEGER," \
    "  reason TEXT," \
    "  hard_bounce INTEGER NOT NULL DEFAULT 0," \
    "  is_failure INTEGER NOT NULL," \
    "  action TEXT," \
    "  destination TEXT," \
    "  sender_domain TEXT," \
    "  sending_ip TEXT," \
    "  sending_ip_from TEXT," \
    "  remote_mta TEXT," \
    "  reporting_mta TEXT," \
    "  diagnostic TEXT," \
    "  diagnostic_type TEXT," \
    "  command TEXT," \
    "  provider_code TEXT," \
    "  blocklist TEXT," \
    "  mta TEXT," \
    "  timestamp TEXT," \
    "  seen_at TEXT NOT NULL," \
    "  day TEXT NOT NULL," \
    "  rule TEXT," \
    "  evidence TEXT," \
    "  feedback_type TEXT," \
    "  original_id INTEGER REFERENCES originals(id)," \
    "  host TEXT);" \
    "CREATE TABLE failure_recipients (" \
    "  id INTEGER PRIMARY KEY," \
    "  group_id INTEGER NOT NULL REFERENCES failure_groups(id) ON DELETE CASCADE," \
    "  seq INTEGER NOT NULL," \
    "  recipient TEXT," \
    "  orig_recipient TEXT);"
/* PostgreSQL's groups: the records of one message that share every such
 * column; a group's id is the id of its first record, each record keeps
 * its id */
#define GROUPS_MOVE \
    "INSERT INTO failure_groups (id, " GROUP_COLUMNS ")" \
    " SELECT id, " GROUP_COLUMNS " FROM failures WHERE id IN" \
    " (SELECT min(id) FROM failures GROUP BY " GROUP_COLUMNS ");" \
    "INSERT INTO failure_recipients (id, group_id, seq, recipient, orig_recipient)" \
    " SELECT id, min(id) OVER (PARTITION BY " GROUP_COLUMNS "), seq, recipient, orig_recipient" \
    " FROM failures ORDER BY id;" \
    "DROP TABLE failures;"
/* SQLite's, as its writer makes them: a run of records of one message
 * (in id order) that share every such column, so that a group's records
 * follow each other (the readers' time order relies on it: failures.c).
 * A record starts a group when its columns are not those of the record
 * before it in its message; the group is the last start up to it
 * (bs_runs: each record's group). */
#define SHARED_COLUMNS \
    "status, status_from, reply_code, reason, hard_bounce, is_failure, action, destination," \
    " sender_domain, sending_ip, sending_ip_from, remote_mta, reporting_mta, diagnostic," \
    " diagnostic_type, command, provider_code, blocklist, mta, timestamp, seen_at, day, rule," \
    " evidence, feedback_type, original_id, host"
#define SHARED_BEFORE \
    "lag(status) OVER w, lag(status_from) OVER w, lag(reply_code) OVER w, lag(reason) OVER w," \
    " lag(hard_bounce) OVER w, lag(is_failure) OVER w, lag(action) OVER w," \
    " lag(destination) OVER w, lag(sender_domain) OVER w, lag(sending_ip) OVER w," \
    " lag(sending_ip_from) OVER w, lag(remote_mta) OVER w, lag(reporting_mta) OVER w," \
    " lag(diagnostic) OVER w, lag(diagnostic_type) OVER w, lag(command) OVER w," \
    " lag(provider_code) OVER w, lag(blocklist) OVER w, lag(mta) OVER w," \
    " lag(timestamp) OVER w, lag(seen_at) OVER w, lag(day) OVER w, lag(rule) OVER w," \
    " lag(evidence) OVER w, lag(feedback_type) OVER w, lag(original_id) OVER w, lag(host) OVER w"
#define GROUPS_RUNS \
    "CREATE TEMP TABLE bs_runs (id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL);" \
    "INSERT INTO bs_runs (id, group_id)" \
    " SELECT id, max(start) OVER (PARTITION BY message_id ORDER BY id)" \
    " FROM (SELECT id, message_id," \
    "  CASE WHEN (" SHARED_COLUMNS ") IS (" SHARED_BEFORE ") THEN NULL ELSE id END AS start" \
    "  FROM failures WINDOW w AS (PARTITION BY message_id ORDER BY id)) ORDER BY id;" \
    "INSERT INTO failure_groups (id, " GROUP_COLUMNS ")" \
    " SELECT f.id, " GROUP_COLUMNS " FROM failures f JOIN bs_runs r ON r.id = f.id" \
    " WHERE r.group_id = f.id ORDER BY f.id;" \
    "INSERT INTO failure_recipients (id, group_id, seq, recipient, orig_recipient)" \
    " SELECT f.id, r.group_id, f.seq, f.recipient, f.orig_recipient" \
    " FROM failures f JOIN bs_runs r ON r.id = f.id ORDER BY f.id;" \
    "DROP TABLE bs_runs;" \
    "DROP TABLE failures;"
/* the indexes failures had, on the table that now holds their columns */
#define GROUPS_INDEXES \
    "CREATE INDEX failures_message ON failure_groups (message_id);" \
    "CREATE INDEX failures_time ON failure_groups (is_failure, day, seen_at);" \
    "CREATE INDEX failures_sender ON failure_groups (sender_domain, day);" \
    "CREATE INDEX failures_destination ON failure_groups (destination);" \
    "CREATE INDEX failures_ip ON failure_groups (sending_ip);" \
    "CREATE INDEX failures_code ON failure_groups (status, reply_code, provider_code);" \
    "CREATE INDEX failures_reason ON failure_groups (reason);" \
    "CREATE INDEX failures_blocklist ON failure_groups (blocklist);" \
    "CREATE INDEX failures_host ON failure_groups (host, day);" \
    "CREATE INDEX failures_group ON failure_recipients (group_id);" \
    "CREATE INDEX failures_recipient ON failure_recipients (recipient);"
/* what readers read: one row per record, its columns in the order of the
 * table it replaces */
#define GROUPS_VIEW \
    "CREATE VIEW failures AS SELECT r.id AS id, g.message_id AS message_id, r.seq AS seq," \
    " r.recipient AS recipient, r.orig_recipient AS orig_recipient, g.status AS status," \
    " g.status_from AS status_from, g.reply_code AS reply_code, g.reason AS reason," \
    " g.hard_bounce AS hard_bounce, g.is_failure AS is_failure, g.action AS action," \
    " g.destination AS destination, g.sender_domain AS sender_domain," \
    " g.sending_ip AS sending_ip, g.sending_ip_from AS sending_ip_from," \
    " g.remote_mta AS remote_mta, g.reporting_mta AS reporting_mta," \
    " g.diagnostic AS diagnostic, g.diagnostic_type AS diagnostic_type, g.command AS command," \
    " g.provider_code AS provider_code, g.blocklist AS blocklist, g.mta AS mta," \
    " g.timestamp AS timestamp, g.seen_at AS seen_at, g.day AS day, g.rule AS rule," \
    " g.evidence AS evidence, g.feedback_type AS feedback_type, g.original_id AS original_id," \
    " g.host AS host" \
    " FROM failure_recipients r JOIN failure_groups g ON g.id = r.group_id;"
/* a carrier's "Unknown user" (docomo, au) may be the recipient's own
 * filter: not hard since issue 14; the records stored before say so too
 * (the classifier's reading, bs_store_set_carrier_rule; a user rule's
 * verdict stays) */
#define CARRIER_NOT_HARD \
    "UPDATE failures SET hard_bounce = 0 WHERE hard_bounce = 1" \
    " AND reason IN ('userunknown', 'filtered') AND coalesce(rule, '') NOT LIKE 'user:%'" \
    " AND bs_carrier_ambiguous (reason, destination, recipient);"
/* PostgreSQL's identities go on after the ids the step gave */
#define GROUPS_PG_IDS \
    "SELECT setval(pg_get_serial_sequence('failure_groups', 'id')," \
    " (SELECT coalesce(max(id), 0) + 1 FROM failure_groups), false);" \
    "SELECT setval(pg_get_serial_sequence('failure_recipients', 'id')," \
    " (SELECT coalesce(max(id), 0) + 1 FROM failure_recipients), false);"

static const Migration migrations[] = {
  /* version 1: scan runs, source state, messages, failures */
  { 1, "initial schema",
    "CREATE TABLE schema_history ("
    "  version INTEGER PRIMARY KEY,"
    "  applied TEXT NOT NULL,"
    "  what TEXT);"
    "CREATE TABLE scan_runs ("
    "  id INTEGER PRIMARY KEY,"
    "  started TEXT NOT NULL,"
    "  finished TEXT,"
    "  paths TEXT,"
    "  messages INTEGER NOT NULL DEFAULT 0,"
    "  bounces INTEGER NOT NULL DEFAULT 0,"
    "  not_bounces INTEGER NOT NULL DEFAULT 0,"
    "  undecodable INTEGER NOT NULL DEFAULT 0,"
    "  duplicates INTEGER NOT NULL DEFAULT 0,"
    "  unchanged INTEGER NOT NULL DEFAULT 0,"
    "  skipped INTEGER NOT NULL DEFAULT 0,"
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  delayed INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE sources ("
    "  key TEXT PRIMARY KEY,"
    "  size INTEGER NOT NULL,"
    "  mtime INTEGER NOT NULL,"
    "  offset INTEGER NOT NULL DEFAULT 0,"
    "  next_index INTEGER NOT NULL DEFAULT 0,"
    "  fingerprint TEXT,"
    "  last_run INTEGER REFERENCES scan_runs(id) ON DELETE SET NULL,"
    "  updated TEXT NOT NULL);"
    "CREATE TABLE messages ("
    "  id INTEGER PRIMARY KEY,"
    "  run_id INTEGER REFERENCES scan_runs(id) ON DELETE SET NULL,"
    "  source TEXT NOT NULL,"
    "  mbox_index INTEGER NOT NULL DEFAULT 0,"
    "  key TEXT,"
    "  offset INTEGER NOT NULL DEFAULT 0,"
    "  size INTEGER NOT NULL DEFAULT 0,"
    "  content_hash TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('bounce', 'not-bounce', 'undecodable')),"
    "  mta TEXT,"
    "  error TEXT,"
    "  first_seen TEXT NOT NULL);"
    "CREATE INDEX messages_kind ON messages (kind);"
    "CREATE INDEX messages_run ON messages (run_id);"
    "CREATE TABLE failures ("
    "  id INTEGER PRIMARY KEY,"
    "  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  recipient TEXT,"
    "  orig_recipient TEXT,"
    "  status TEXT,"
    "  status_from TEXT,"
    "  reply_code INTEGER,"
    "  reason TEXT,"
    "  hard_bounce INTEGER NOT NULL DEFAULT 0,"
    "  is_failure INTEGER NOT NULL,"
    "  action TEXT,"
    "  destination TEXT,"
    "  sender_domain TEXT,"
    "  sending_ip TEXT,"
    "  sending_ip_from TEXT,"
    "  remote_mta TEXT,"
    "  reporting_mta TEXT,"
    "  diagnostic TEXT,"
    "  diagnostic_type TEXT,"
    "  command TEXT,"
    "  provider_code TEXT,"
    "  blocklist TEXT,"
    "  mta TEXT,"
    "  timestamp TEXT,"
    "  seen_at TEXT NOT NULL,"
    "  day TEXT NOT NULL,"
    "  orig_message_id TEXT,"
    "  orig_from TEXT,"
    "  orig_to TEXT,"
    "  orig_subject TEXT,"
    "  orig_date TEXT,"
    "  rule TEXT,"
    "  evidence TEXT,"
    "  feedback_type TEXT);"
    "CREATE INDEX failures_message ON failures (message_id);"
    "CREATE INDEX failures_day ON failures (is_failure, day);"
    "CREATE INDEX failures_sender ON failures (sender_domain, day);"
    "CREATE INDEX failures_destination ON failures (destination);"
    "CREATE INDEX failures_ip ON failures (sending_ip);"
    "CREATE INDEX failures_code ON failures (status, reply_code, provider_code);"
    "CREATE INDEX failures_reason ON failures (reason);"
    "CREATE INDEX failures_blocklist ON failures (blocklist);"
    "CREATE INDEX failures_recipient ON failures (recipient);" },
  /* version 2 (live checks): one row per
   * answer of a --check run, so per IP and list one can tell listed since,
   * delisted on, listed again on (bs_store_add_checks writes, live_checks.h reads) */
  { 2, "checks: live blocklist, PTR, SPF and DMARC checks",
    "CREATE TABLE checks ("
    "  id INTEGER PRIMARY KEY,"
    "  run_id INTEGER REFERENCES scan_runs(id) ON DELETE SET NULL,"
    "  checked_at TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('dnsbl', 'no-dns', 'ptr', 'spf', 'dmarc')),"
    "  subject TEXT NOT NULL,"
    "  list TEXT,"
    "  list_name TEXT,"
    "  query TEXT,"
    "  status TEXT NOT NULL,"
    "  answer TEXT,"
    "  listed_as TEXT,"
    "  detail TEXT,"
    "  fix TEXT,"
    "  resolver TEXT);"
    "CREATE INDEX checks_subject ON checks (subject, kind, list, checked_at);"
    "CREATE INDEX checks_time ON checks (checked_at);" },

  /* version 3 (nightly operation).  failure_days keeps, per
   * subject (refused sending IP, destination domain, blocklist, provider
   * code), sender domain and UTC day, the number of failures and the scan that first recorded
   * one: what "changes" reads, small, and kept by prune.  A trigger fills it
   * in the transaction that adds each failure; the step fills it from the
   * history already there.  scan_runs.status tells a complete scan from an
   * interrupted one; messages.pruned marks the bounces whose records prune
   * deleted (the row stays: its content hash stops a re-import);
   * sources.tail is a hash of the bytes before an mbox's resume offset, to
   * notice a file rewritten in place (a message deleted by a mail client). */
  { 3, "nightly: failure_days, scan status, pruned messages, mbox tail hash",
    "ALTER TABLE scan_runs ADD COLUMN status TEXT;"
    "ALTER TABLE messages ADD COLUMN pruned TEXT;"
    "ALTER TABLE sources ADD COLUMN tail TEXT;"
    "CREATE TABLE failure_days ("
    "  kind TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  sender_domain TEXT NOT NULL DEFAULT '',"
    "  day TEXT NOT NULL,"
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  first_run INTEGER,"
    "  PRIMARY KEY (kind, value, sender_domain, day)) WITHOUT ROWID;"
    "CREATE TRIGGER failures_count_days AFTER INSERT ON failures WHEN NEW.is_failure = 1"
    " BEGIN"
    "  INSERT INTO failure_days (kind, value, sender_domain, day, failures, first_run)"
    "   SELECT s.kind, s.value, coalesce(NEW.sender_domain, ''), NEW.day, 1,"
    "          (SELECT run_id FROM messages WHERE id = NEW.message_id)"
    "   FROM (SELECT 'ip' AS kind, NEW.sending_ip AS value"
    "         UNION ALL SELECT 'destination', NEW.destination"
    "         UNION ALL SELECT 'blocklist', NEW.blocklist"
    "         UNION ALL SELECT 'provider_code', NEW.provider_code) AS s"
    "   WHERE s.value <> ''"
    "   ON CONFLICT (kind, value, sender_domain, day) DO UPDATE SET failures = failures + 1;"
    " END;"
    "INSERT INTO failure_days (kind, value, sender_domain, day, failures, first_run)"
    " SELECT s.kind, s.value, s.sender_domain, s.day, count(*), min(s.run_id) FROM ("
    "  SELECT 'ip' AS kind, f.sending_ip AS value, coalesce(f.sender_domain, '') AS sender_domain,"
    "         f.day AS day, m.run_id AS run_id"
    "   FROM failures f JOIN messages m ON m.id = f.message_id WHERE f.is_failure = 1"
    "  UNION ALL SELECT 'destination', f.destination, coalesce(f.sender_domain, ''), f.day, m.run_id"
    "   FROM failures f JOIN messages m ON m.id = f.message_id WHERE f.is_failure = 1"
    "  UNION ALL SELECT 'blocklist', f.blocklist, coalesce(f.sender_domain, ''), f.day, m.run_id"
    "   FROM failures f JOIN messages m ON m.id = f.message_id WHERE f.is_failure = 1"
    "  UNION ALL SELECT 'provider_code', f.provider_code, coalesce(f.sender_domain, ''), f.day,"
    "         m.run_id"
    "   FROM failures f JOIN messages m ON m.id = f.message_id WHERE f.is_failure = 1) AS s"
    " WHERE s.value <> ''"
    " GROUP BY s.kind, s.value, s.sender_domain, s.day;" },

  /* version 4 (performance): failure_days is
   * kept by the writer (write.c, count_days), which adds a batch's counts
   * with one upsert per subject and day before its commit, in the same
   * transaction as the failures: as crash-safe as the trigger was.  The
   * trigger made every insert into failures keep a statement journal, a
   * copy of each page it touched, which cost a scan's writer thread a
   * third of its time. */
  { 4, "failure_days kept by the writer, not by a trigger",
    "DROP TRIGGER IF EXISTS failures_count_days;" },

  /* version 5 (performance): the failures in time order, for
   * failures.csv and a report's latest failures.  The day comes first (it is
   * seen_at's first ten characters), so that the index also serves every
   * condition on the day that failures_day served. */
  { 5, "failures indexed in time order",
    "DROP INDEX IF EXISTS failures_day;"
    "CREATE INDEX failures_time ON failures (is_failure, day, seen_at);" },

  /* version 6: reserved for the next step of the history layer (kept so that
   * versions stay consecutive) */
  { 6, "reserved", "SELECT 1;" },

  /* version 7: rule ids were the position of the row in its table
   * ("phrase:blocked:22") and re-pointed when a row was inserted; rows now
   * carry stable ids ("phrase:blocked:yahoo-bl23-spamhaus-xbl").  Each old
   * id is replaced by the id of the row that matches what it matched
   * (bs_stable_rule_id, that is the classifier's function given to
   * bs_store_set_rule_ids: the evidence, or the stored facts), whatever
   * version wrote it; an id no row matches now is kept as it is. */
  { 7, "stable rule ids instead of positions",
    "UPDATE failures SET rule = bs_stable_rule_id (rule, reason, evidence, status, reply_code,"
    " command, mta, diagnostic)"
    " WHERE rule GLOB 'phrase:*:[0-9]*' OR rule GLOB 'rhost:*:[0-9]*' OR rule GLOB 'format:[0-9]*'"
    " OR rule GLOB 'delay-network:[0-9]*';",
    "" },

  /* version 8: a message's identity, the hash of its bytes without the
   * fields mail clients add or rewrite (Status, X-UID, X-Mozilla-Status...:
   * analyzer/identity.c).  A message is known when its content hash or its
   * identity is stored.  The rows stored before have no identity (their
   * bytes are not kept): they are still known by their content hash, and
   * get their identity the first time a scan finds them again, so that a
   * client's later rewrite does not count them twice. */
  { 8, "message identity that survives mail clients' status fields",
    "ALTER TABLE messages ADD COLUMN identity TEXT;"
    "CREATE UNIQUE INDEX messages_identity ON messages (identity);" },

  /* version 9: what every recipient of one bounce shares, its original's
   * headers (Message-ID, From, To, Subject, Date: a 4 KB To for 20,000
   * recipients was 80 MB), is stored once per bounce in originals, and
   * each failure points to it (original_id).  The step moves the rows
   * stored before, one per distinct original of each message, and drops the
   * columns from failures. */
  { 9, "the original's headers stored once per bounce (originals)",
    ORIGINALS_TABLE ORIGINALS_MOVE ORIGINALS_DROP,
    /* PostgreSQL's histories begin after it: nothing to move */
    ORIGINALS_TABLE ORIGINALS_DROP },

  /* version 10: many scanners, one history (a fleet writing PostgreSQL).
   * Each scan records the host it ran on (scan_runs, and the messages and
   * failures it added, so a reader narrows to one host); the per-path
   * source state and the per-day counts are per host (their keys take it:
   * the tables are made anew, their columns in the same order and the
   * host last, as SQLite changes no primary key).  What an
   * older history holds is the upgrading host's (bs_host_name()). */
  { 10, "hosts: scans, messages, failures, source state and per-day counts per host",
    "ALTER TABLE scan_runs ADD COLUMN host TEXT;"
    "ALTER TABLE messages ADD COLUMN host TEXT;"
    "ALTER TABLE failures ADD COLUMN host TEXT;"
    "UPDATE scan_runs SET host = bs_host_name();"
    "UPDATE messages SET host = bs_host_name();"
    "UPDATE failures SET host = bs_host_name();"
    "CREATE TABLE sources_by_host ("
    "  key TEXT NOT NULL,"
    "  size INTEGER NOT NULL,"
    "  mtime INTEGER NOT NULL,"
    "  offset INTEGER NOT NULL DEFAULT 0,"
    "  next_index INTEGER NOT NULL DEFAULT 0,"
    "  fingerprint TEXT,"
    "  last_run INTEGER REFERENCES scan_runs(id) ON DELETE SET NULL,"
    "  updated TEXT NOT NULL,"
    "  tail TEXT,"
    "  host TEXT NOT NULL,"
    "  PRIMARY KEY (host, key));"
    "INSERT INTO sources_by_host (key, size, mtime, offset, next_index, fingerprint, last_run,"
    "  updated, tail, host)"
    " SELECT key, size, mtime, offset, next_index, fingerprint, last_run, updated, tail,"
    "  bs_host_name() FROM sources;"
    "DROP TABLE sources;"
    "ALTER TABLE sources_by_host RENAME TO sources;"
    "CREATE TABLE failure_days_by_host ("
    "  kind TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  sender_domain TEXT NOT NULL DEFAULT '',"
    "  day TEXT NOT NULL,"
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  first_run INTEGER,"
    "  host TEXT NOT NULL DEFAULT '',"
    "  PRIMARY KEY (kind, value, sender_domain, day, host)) WITHOUT ROWID;"
    "INSERT INTO failure_days_by_host (kind, value, sender_domain, day, failures, first_run, host)"
    " SELECT kind, value, sender_domain, day, failures, first_run, bs_host_name()"
    " FROM failure_days;"
    "DROP TABLE failure_days;"
    "ALTER TABLE failure_days_by_host RENAME TO failure_days;"
    "CREATE INDEX failures_host ON failures (host, day);",
    NULL },

  /* version 11: what every recipient of one bounce shares (its status,
   * reason, times, hosts, diagnostic, rule...: all but seq, recipient and
   * orig_recipient) is stored once per group of records in failure_groups,
   * and each record in failure_recipients points to its group; failures is
   * a view of the two, one row per record as before (a bounce for 20,000
   * recipients was 9 MB of history, 450 bytes a recipient).  The indexes
   * on those columns are the group's.  The step moves every record (a
   * group: the records of one message that share every such column; a
   * group's id is its first record's, each record keeps its id) and
   * clears hard_bounce of the carriers' "Unknown user" that older versions
   * called hard. */
  { 11, "a bounce's shared fields stored once (failure_groups, failure_recipients)",
    CARRIER_NOT_HARD GROUPS_TABLES GROUPS_RUNS GROUPS_INDEXES GROUPS_VIEW,
    GROUPS_TABLES GROUPS_MOVE GROUPS_INDEXES GROUPS_VIEW GROUPS_PG_IDS },
};

/* the classifier's reading of an old rule id (bs_store_set_rule_ids) */
static BsRuleIdFunc rule_id_func = NULL;

void
bs_store_set_rule_ids (BsRuleIdFunc func)
{
  rule_id_func = func;
}

/* the classifier's test of a carrier's ambiguous "Unknown user"
 * (bs_store_set_carrier_rule) */
static BsRecordTest carrier_rule = NULL;

void
bs_store_set_carrier_rule (BsRecordTest func)
{
  carrier_rule = func;
}

/* bs_carrier_ambiguous (reason, destination, recipient): the step to
 * version 11's test; 0 when no test was given */
static void
sql_carrier_ambiguous (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  gboolean yes = FALSE;
  if (carrier_rule != NULL && argc == 3)
    {
      g_autoptr (BsRecord) r = bs_record_new ();
      r->reason = bs_reason_from_name ((const char *) sqlite3_value_text (argv[0]));
      bs_record_set (&r->destination, (const char *) sqlite3_value_text (argv[1]));
      bs_record_set (&r->recipient, (const char *) sqlite3_value_text (argv[2]));
      yes = carrier_rule (r);
    }
  sqlite3_result_int (ctx, yes ? 1 : 0);
}

/* bs_host_name (): the step to version 10's host of what a history held */
static void
sql_host_name (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  const char *host = sqlite3_user_data (ctx);
  sqlite3_result_text (ctx, host != NULL ? host : "", -1, SQLITE_TRANSIENT);
}

/* bs_stable_rule_id (rule, reason, evidence, status, reply_code, command,
 * mta, diagnostic): the SQL function of the step to version 7; the rule as
 * it is when no reader was given or none matches */
static void
sql_stable_rule_id (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  const char *text[8] = { NULL };
  for (int i = 0; i < argc && i < 8; i++)
    text[i] = (const char *) sqlite3_value_text (argv[i]);
  g_autofree char *id = NULL;
  if (rule_id_func != NULL)
    {
      g_autoptr (BsRecord) r = bs_record_new ();
      bs_record_set (&r->rule, text[0]);
      r->reason = bs_reason_from_name (text[1]);
      bs_record_set (&r->evidence, text[2]);
      bs_record_set (&r->status, text[3]);
      r->reply_code = argc > 4 ? (guint) MAX (sqlite3_value_int (argv[4]), 0) : 0;
      bs_record_set (&r->command, text[5]);
      bs_record_set (&r->mta, text[6]);
      bs_record_set (&r->diagnostic, text[7]);
      id = rule_id_func (r);
    }
  if (id != NULL)
    sqlite3_result_text (ctx, id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_value (ctx, argv[0]);
}

int
bs_store_query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  int value = -1;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step (st) == SQLITE_ROW)
    value = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return value;
}

int
bs_store_latest_version (void)
{
  return migrations[G_N_ELEMENTS (migrations) - 1].version;
}

/* before anything is written (the switch to WAL rewrites the file's
 * header): is this a bouncescan history, or a new empty file?  Another
 * program's database, or a file that is no database, is left as it is. */
gboolean
bs_store_check_identity (BsStore *s, GError **error)
{
  int version = bs_store_query_int (s->db, "PRAGMA user_version");
  int app = bs_store_query_int (s->db, "PRAGMA application_id");
  int tables = bs_store_query_int (s->db, "SELECT count(*) FROM sqlite_schema");
  if (version < 0 || app < 0 || tables < 0)
    {
      bs_store_db_error (s, error, "reading the schema version");
      return FALSE;
    }
  if ((version == 0 && tables > 0) || (version > 0 && app != BS_STORE_APPLICATION_ID))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                   "database %s: not a bouncescan history (it holds other tables)", s->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean migrate (BsStore *s, GError **error);

/* bring the schema to the latest version in one transaction; a step's
 * sorts (moving every record) on disk rather than in memory */
gboolean
bs_store_migrate (BsStore *s, GError **error)
{
  int version = bs_store_query_int (s->db, "PRAGMA user_version");
  if (version < 0 || version >= bs_store_latest_version ())
    return migrate (s, error);
  int temp = bs_store_query_int (s->db, "PRAGMA temp_store");
  gboolean ok = bs_store_exec (s, "PRAGMA temp_store = FILE", error) && migrate (s, error);
  g_autofree char *back = g_strdup_printf ("PRAGMA temp_store = %d", MAX (temp, 0));
  return bs_store_exec (s, back, ok ? error : NULL) && ok;
}

static gboolean
migrate (BsStore *s, GError **error)
{
  if (!bs_store_exec (s, "BEGIN IMMEDIATE", error))
    return FALSE;
  int version = bs_store_query_int (s->db, "PRAGMA user_version");
  int app = bs_store_query_int (s->db, "PRAGMA application_id");
  int tables = bs_store_query_int (s->db, "SELECT count(*) FROM sqlite_schema");
  if (version < 0 || app < 0 || tables < 0)
    {
      bs_store_db_error (s, error, "reading the schema version");
      bs_store_exec (s, "ROLLBACK", NULL);
      return FALSE;
    }
  if ((version == 0 && tables > 0) || (version > 0 && app != BS_STORE_APPLICATION_ID))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                   "database %s: not a bouncescan history (it holds other tables)", s->path);
      bs_store_exec (s, "ROLLBACK", NULL);
      return FALSE;
    }
  if (version > bs_store_latest_version ())
    {
      g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                   "database %s: schema version %d was written by a newer bouncescan"
                   " (this one knows up to %d)", s->path, version, bs_store_latest_version ());
      bs_store_exec (s, "ROLLBACK", NULL);
      return FALSE;
    }
  /* functions the steps call */
  sqlite3_create_function (s->db, "bs_stable_rule_id", 8, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           sql_stable_rule_id, NULL, NULL);
  sqlite3_create_function (s->db, "bs_carrier_ambiguous", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           NULL, sql_carrier_ambiguous, NULL, NULL);
  sqlite3_create_function (s->db, "bs_host_name", 0, SQLITE_UTF8, s->host, sql_host_name, NULL,
                           NULL);
  g_autofree char *now = bs_store_now_utc ();
  for (gsize i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *m = &migrations[i];
      if (m->version <= version)
        continue;
      char *log = sqlite3_mprintf ("INSERT INTO schema_history (version, applied, what)"
                                   " VALUES (%d, %Q, %Q)", m->version, now, m->what);
      g_autoptr (GError) local = NULL;
      gboolean ok = log != NULL && bs_store_exec (s, m->sql, &local) && bs_store_exec (s, log, &local);
      sqlite3_free (log);
      if (!ok)
        {
          g_set_error (error, BS_ERROR, BS_ERROR_STORE,
                       "database %s: upgrading to schema version %d: %s", s->path, m->version,
                       local ? local->message : "out of memory");
          bs_store_exec (s, "ROLLBACK", NULL);
          return FALSE;
        }
      version = m->version;
    }
  g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                          version, BS_STORE_APPLICATION_ID);
  if (!bs_store_exec (s, set, error) || !bs_store_exec (s, "COMMIT", error))
    {
      bs_store_exec (s, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

int
bs_store_schema_version (BsStore *s)
{
  if (s->pg != NULL)
    return bs_pg_schema_version (s);
  return bs_store_query_int (s->db, "PRAGMA user_version");
}

int
bs_store_schema_latest (void)
{
  return bs_store_latest_version ();
}

char *
bs_store_migration_pg (int version, const char **what)
{
  for (gsize i = 0; i < G_N_ELEMENTS (migrations); i++)
    if (migrations[i].version == version)
      {
        *what = migrations[i].what;
        /* PostgreSQL's own form is written as SQLite's: the map applies */
        return bs_sql_schema_for_pg (migrations[i].pg != NULL ? migrations[i].pg
                                                              : migrations[i].sql);
      }
  return NULL;
}

const char *
bs_store_migration_sql (int version)
{
  for (gsize i = 0; i < G_N_ELEMENTS (migrations); i++)
    if (migrations[i].version == version)
      return migrations[i].sql;
  return NULL;
}
