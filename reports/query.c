/* query.c - a report's query: the options' filter over one snapshot of the
 * history, its fork for a second thread, the failure rows in CSV order
 * (all of them in time order, a group's, a group's newest), the messages
 * that could not be decoded (see aggregate.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "summary.h"

#include "bs.h"

/* ---- groups ------------------------------------------------------------- */

/* the fields of each kind's key, in the history */
static const struct {
  const char *name;
  BsFailureField fields[3];
  guint n_fields;
} aggs[BS_AGG_COUNT] = {
  [BS_AGG_DOMAIN] = { "domain", { BS_FIELD_DESTINATION }, 1 },
  [BS_AGG_IP] = { "ip", { BS_FIELD_SENDING_IP }, 1 },
  [BS_AGG_CODE] = { "code", { BS_FIELD_STATUS, BS_FIELD_REPLY_CODE, BS_FIELD_PROVIDER_CODE }, 3 },
  [BS_AGG_REASON] = { "reason", { BS_FIELD_REASON }, 1 },
  [BS_AGG_BLOCKLIST] = { "blocklist", { BS_FIELD_BLOCKLIST }, 1 },
  [BS_AGG_DAY] = { "day", { BS_FIELD_DAY }, 1 },
  [BS_AGG_SENDER] = { "sender-domain", { BS_FIELD_SENDER_DOMAIN }, 1 },
};

const char *
bs_agg_name (BsAggKind kind)
{
  return kind < BS_AGG_COUNT ? aggs[kind].name : "?";
}

char *
bs_agg_reasons_text (const GPtrArray *reasons)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      const BsCount *c = g_ptr_array_index (reasons, i);
      g_string_append_printf (s, "%s%s %" G_GINT64_FORMAT, i > 0 ? "; " : "",
                              c->value != NULL ? c->value : "undefined", c->count);
    }
  return g_string_free (s, FALSE);
}

/* ---- failure columns ---------------------------------------------------- */

typedef struct {
  BsReportColumn column;
  int field;               /* BsFailureField; -1: computed (family) */
  gboolean redact;         /* addresses in it are masked with --redact */
} ColumnDef;

static const ColumnDef columns[] = {
  { { "day", FALSE }, BS_FIELD_DAY, FALSE },
  { { "time_utc", FALSE }, BS_FIELD_TIME_UTC, FALSE },
  { { "time_local", FALSE }, BS_FIELD_TIME_LOCAL, FALSE },
  { { "timestamp", FALSE }, BS_FIELD_TIMESTAMP, FALSE },
  { { "recipient", FALSE }, BS_FIELD_RECIPIENT, TRUE },
  { { "orig_recipient", FALSE }, BS_FIELD_ORIG_RECIPIENT, TRUE },
  { { "action", FALSE }, BS_FIELD_ACTION, FALSE },
  { { "status", FALSE }, BS_FIELD_STATUS, FALSE },
  { { "status_from", FALSE }, BS_FIELD_STATUS_FROM, FALSE },
  { { "reply_code", TRUE }, BS_FIELD_REPLY_CODE, FALSE },
  { { "reason", FALSE }, BS_FIELD_REASON, FALSE },
  { { "family", FALSE }, -1, FALSE },
  { { "hard_bounce", TRUE }, BS_FIELD_HARD_BOUNCE, FALSE },
  { { "destination", FALSE }, BS_FIELD_DESTINATION, FALSE },
  { { "sender_domain", FALSE }, BS_FIELD_SENDER_DOMAIN, FALSE },
  { { "sending_ip", FALSE }, BS_FIELD_SENDING_IP, FALSE },
  { { "sending_ip_from", FALSE }, BS_FIELD_SENDING_IP_FROM, FALSE },
  { { "provider_code", FALSE }, BS_FIELD_PROVIDER_CODE, FALSE },
  { { "blocklist", FALSE }, BS_FIELD_BLOCKLIST, FALSE },
  { { "remote_mta", FALSE }, BS_FIELD_REMOTE_MTA, FALSE },
  { { "reporting_mta", FALSE }, BS_FIELD_REPORTING_MTA, FALSE },
  { { "command", FALSE }, BS_FIELD_COMMAND, FALSE },
  { { "diagnostic_type", FALSE }, BS_FIELD_DIAGNOSTIC_TYPE, FALSE },
  { { "diagnostic", FALSE }, BS_FIELD_DIAGNOSTIC, TRUE },
  { { "mta", FALSE }, BS_FIELD_MTA, FALSE },
  { { "feedback_type", FALSE }, BS_FIELD_FEEDBACK_TYPE, FALSE },
  { { "orig_message_id", FALSE }, BS_FIELD_ORIG_MESSAGE_ID, FALSE },
  { { "orig_from", FALSE }, BS_FIELD_ORIG_FROM, FALSE },
  { { "orig_to", FALSE }, BS_FIELD_ORIG_TO, TRUE },
  { { "orig_subject", FALSE }, BS_FIELD_ORIG_SUBJECT, FALSE },
  { { "orig_date", FALSE }, BS_FIELD_ORIG_DATE, FALSE },
  { { "rule", FALSE }, BS_FIELD_RULE, FALSE },
  { { "evidence", FALSE }, BS_FIELD_EVIDENCE, TRUE },
  { { "source", FALSE }, BS_FIELD_SOURCE, FALSE },
  { { "mbox_index", TRUE }, BS_FIELD_MBOX_INDEX, FALSE },
};

const BsReportColumn *
bs_report_failure_columns (guint *n_columns)
{
  static BsReportColumn list[G_N_ELEMENTS (columns)];
  static gsize done = 0;
  if (g_once_init_enter (&done))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
        list[i] = columns[i].column;
      g_once_init_leave (&done, 1);
    }
  if (n_columns)
    *n_columns = G_N_ELEMENTS (columns);
  return list;
}

int
bs_report_failure_column (const char *name)
{
  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (columns); i++)
    if (strcmp (columns[i].column.name, name) == 0)
      return (int) i;
  return -1;
}

/* ---- the query ---------------------------------------------------------- */

static BsReportQuery *
query_new (BsHistoryRead *read, const BsReportOptions *o)
{
  BsReportQuery *q = g_new0 (BsReportQuery, 1);
  q->read = read;
  q->o = o;
  q->filter = o->filter;
  /* a signal stops every read of the report (and so its writers) */
  bs_history_read_set_cancel (read, o->cancelled);
  return q;
}

BsReportQuery *
bs_report_query_new (BsStore *store, const BsReportOptions *o, GError **error)
{
  g_return_val_if_fail (store != NULL && o != NULL, NULL);
  BsHistoryRead *read = bs_history_read_begin (store, error);
  return read != NULL ? query_new (read, o) : NULL;
}

/* what bs_report_leave left to the exit: reachable to the end */
static GPtrArray *left = NULL;
G_LOCK_DEFINE_STATIC (left);

void
bs_report_leave (gpointer data)
{
  if (data == NULL)
    return;
  G_LOCK (left);
  if (left == NULL)
    left = g_ptr_array_new ();
  g_ptr_array_add (left, data);
  G_UNLOCK (left);
}

void
bs_report_query_free (BsReportQuery *q)
{
  if (q == NULL)
    return;
  if (q->o->cancelled != NULL && g_atomic_int_get (q->o->cancelled) != 0)
    {
      bs_history_read_end (g_steal_pointer (&q->read));
      bs_report_leave (q);   /* with its summary and incidents */
      return;
    }
  bs_summary_free (q->summary);
  bs_incident_list_free (q->incidents);
  bs_history_read_end (q->read);
  g_free (q);
}

const BsIncidentList *
bs_report_query_incidents (BsReportQuery *q, GError **error)
{
  if (q->incidents == NULL)
    {
      BsIncidentOptions io = { .filter = q->filter, .now = q->o->generated_at };
      q->incidents = bs_incidents_read (q->read, &io, error);
    }
  return q->incidents;
}

gint64
bs_report_sender_incidents (BsReportQuery *q, const char *sender_domain, GError **error)
{
  const BsIncidentList *list = bs_report_query_incidents (q, error);
  if (list == NULL)
    return -1;
  gint64 n = 0;
  for (guint i = 0; sender_domain != NULL && i < list->incidents->len; i++)
    {
      const BsIncident *inc = g_ptr_array_index (list->incidents, i);
      for (guint k = 0; k < inc->sender_domains->len; k++)
        if (g_strcmp0 (((const BsIncidentCount *) g_ptr_array_index (inc->sender_domains, k))->value,
                       sender_domain) == 0)
          {
            n++;
            break;
          }
    }
  return n;
}

BsReportQuery *
bs_report_query_fork (BsReportQuery *q)
{
  if (q->summary != NULL)
    return NULL;
  BsHistoryRead *read = bs_history_read_fork (q->read);
  return read != NULL ? query_new (read, q->o) : NULL;
}

const BsReportOptions *
bs_report_query_options (const BsReportQuery *q)
{
  return q->o;
}

BsHistoryRead *
bs_report_query_read (const BsReportQuery *q)
{
  return q->read;
}

gboolean
bs_report_query_by_sender (const BsReportQuery *q)
{
  return bs_history_filter_senders (q->filter) != NULL;
}

const char *const *
bs_report_query_senders (const BsReportQuery *q)
{
  return bs_history_filter_senders (q->filter);
}

void
bs_report_query_keep_recent (BsReportQuery *q, gboolean keep)
{
  q->keep_recent = keep;
}

char *
bs_report_query_diagnostic (BsReportQuery *q, gint64 id)
{
  char *text = bs_history_diagnostic (q->read, id);
  if (text != NULL && q->o->redact)
    {
      char *r = bs_report_redact (text);
      g_free (text);
      text = r;
    }
  return text;
}

/* ---- failure rows ------------------------------------------------------- */

/* give the failures of it to func, in CSV order: redacted when asked,
 * family filled in; stops when func returns FALSE */
static gboolean
emit_rows (BsReportQuery *q, BsHistoryIter *it, BsFailureFunc func, gpointer user,
           GError **error)
{
  const char *values[G_N_ELEMENTS (columns) + 1];
  char *owned[G_N_ELEMENTS (columns) + 1] = { NULL };
  int family = bs_report_failure_column ("family");
  BsFailureRow row;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_failure (it, &row, &local))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
        {
          values[i] = columns[i].field >= 0 ? row.values[columns[i].field] : NULL;
          if (q->o->redact && columns[i].redact && values[i] != NULL)
            values[i] = owned[i] = bs_report_redact (values[i]);
        }
      values[family] = bs_family_name (bs_reason_family (bs_reason_from_name (row.values[BS_FIELD_REASON]),
                                                         row.values[BS_FIELD_BLOCKLIST]));
      gboolean go_on = func (values, user);
      for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
        g_clear_pointer (&owned[i], g_free);
      if (!go_on)
        return TRUE;
    }
  if (local == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* the failures of query in the filter (of group of kind, when given) */
static gboolean
foreach_failure (BsReportQuery *q, const BsFailureQuery *query, BsFailureFunc func,
                 gpointer user, GError **error)
{
  g_autoptr (BsHistoryIter) it = bs_history_failures (q->read, q->filter, query, error);
  return it != NULL && emit_rows (q, it, func, user, error);
}

/* the failures of a group: its key's fields as a match */
static gboolean
foreach_group_failure (BsReportQuery *q, BsAggKind kind, const BsAggRow *group, guint limit,
                       gboolean newest, BsFailureFunc func, gpointer user, GError **error)
{
  if (kind == BS_AGG_BLOCKLIST && group->key == NULL)
    return TRUE;   /* rows without a blocklist are no group */
  char reply[24];
  g_snprintf (reply, sizeof reply, "%d", group->reply_code);
  BsFieldMatch match[3];
  for (guint i = 0; i < aggs[kind].n_fields; i++)
    {
      match[i].field = aggs[kind].fields[i];
      match[i].value = kind != BS_AGG_CODE ? group->key
                       : i == 0 ? group->status
                       : i == 1 ? (group->reply_code > 0 ? reply : NULL)
                       : group->provider_code;
    }
  BsFailureQuery query = { .newest = newest, .limit = limit, .match = match,
                           .n_match = aggs[kind].n_fields };
  return foreach_failure (q, &query, func, user, error);
}

gboolean
bs_report_foreach_failure (BsReportQuery *q, BsAggKind kind, const BsAggRow *group, guint limit,
                           BsFailureFunc func, gpointer user, GError **error)
{
  if (group != NULL && kind < BS_AGG_COUNT)
    return foreach_group_failure (q, kind, group, limit, FALSE, func, user, error);
  BsFailureQuery query = { .limit = limit };
  return foreach_failure (q, &query, func, user, error);
}

gboolean
bs_report_foreach_failure_sorted (BsReportQuery *q, BsFailureFunc func, gpointer user,
                                  GError **error)
{
  BsFailureQuery query = { .sorted = TRUE };
  return foreach_failure (q, &query, func, user, error);
}

gboolean
bs_report_foreach_recent_failure (BsReportQuery *q, BsAggKind kind, const BsAggRow *group,
                                  guint limit, BsFailureFunc func, gpointer user, GError **error)
{
  if (group == NULL || kind >= BS_AGG_COUNT)
    {
      BsFailureQuery query = { .newest = TRUE, .limit = limit };
      return foreach_failure (q, &query, func, user, error);
    }
  /* a group whose newest failures the summary kept: read them by id */
  gint64 ids[RECENT_MAX];
  guint n = 0;
  if (q->summary == NULL || limit == 0 || limit > RECENT_MAX
      || !bs_summary_recent_ids (q->summary, kind, group, ids, &n))
    return foreach_group_failure (q, kind, group, limit, TRUE, func, user, error);
  g_autoptr (BsHistoryIter) it = bs_history_failures_by_id (q->read, ids, MIN (n, limit), error);
  return it != NULL && emit_rows (q, it, func, user, error);
}

/* ---- undecodable messages ----------------------------------------------- */

gboolean
bs_report_foreach_undecodable (BsReportQuery *q, guint limit, gint64 *total,
                               BsUndecodableFunc func, gpointer user, GError **error)
{
  if (total)
    *total = 0;
  if (bs_report_query_by_sender (q))
    return TRUE;
  g_autoptr (BsHistoryIter) it = bs_history_undecodable (q->read, limit, total, error);
  if (it == NULL)
    return FALSE;
  const char *source, *why, *first_seen;
  guint index;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_undecodable (it, &source, &index, &why, &first_seen, &local))
    if (!func (source, index, why, first_seen, user))
      return TRUE;
  if (local == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}
