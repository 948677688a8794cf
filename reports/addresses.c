/* addresses.c - the addresses to stop mailing (see addresses.h): one read
 * of the failures that are signs (and of the full mailboxes that prove a
 * mailbox exists) in recipient order, each recipient judged when its
 * failures end; memory holds the listed addresses only
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "addresses.h"

#include <string.h>

#include "advice.h"
#include "aggregate.h"
#include "bs.h"

/* sender domains named per address, at most */
#define MAX_SENDERS 8

void
bs_address_free (BsAddress *a)
{
  if (a == NULL)
    return;
  g_free (a->recipient);
  g_free (a->destination);
  g_free (a->first_seen);
  g_free (a->last_seen);
  g_free (a->diagnostic);
  g_free (a->sender_domains);
  g_free (a);
}

const char *
bs_certainty_name (BsCertainty c)
{
  return c == BS_CERTAINTY_CERTAIN ? "certain" : "uncertain";
}

const char *
bs_address_note (BsAddressWhy why, const char *lang)
{
  gboolean ja = lang != NULL && g_str_has_prefix (lang, "ja");
  switch (why)
    {
    case BS_ADDRESS_CARRIER:
      return ja ? "携帯キャリアの「Unknown user」は受信者自身の受信設定による拒否の場合もあります。"
                  "削除する前に電話など別の手段で確認してください。"
                : "A mobile carrier's \"Unknown user\" may be the recipient's own filter: confirm by"
                  " another channel before removing it.";
    case BS_ADDRESS_EXISTS_LATER:
      return ja ? "その後のエラーがメールボックス満杯と言っており、メールボックスは存在します。"
                  "削除する前に確認してください。"
                : "A later bounce says its mailbox is full, so it exists: confirm before removing it.";
    case BS_ADDRESS_GONE:
    default:
      return ja ? "相手サーバーがアドレスまたはドメインが存在しないと答えています。配信リストから削除してください。"
                : "The receiving server says the address or its domain does not exist: stop"
                  " mailing it.";
    }
}

/* the reasons read: the signs, then the one that proves a mailbox exists */
static const BsReason read_reasons[] = {
  BS_REASON_USERUNKNOWN, BS_REASON_HOSTUNKNOWN, BS_REASON_NOTACCEPT, BS_REASON_HASMOVED,
  BS_REASON_MAILBOXFULL,
};

static gboolean
is_sign (const BsRecordFacts *f, BsReason reason)
{
  if (reason == BS_REASON_MAILBOXFULL)
    return FALSE;
  gboolean temporary = (f->status != NULL && f->status[0] == '4')
                       || (f->has_reply && f->reply_code >= 400 && f->reply_code < 500);
  return !temporary;
}

/* one recipient while its failures are read */
typedef struct {
  GString *key;             /* the recipient as first read ("" before the first) */
  BsAddress *a;             /* its entry, made at its first sign */
  gboolean definite;        /* a sign that is not a carrier's "Unknown user" */
  GString *last_day;        /* the day of its latest sign */
  char *exists_seen;        /* the newest full mailbox */
  gint64 diagnostic_id;     /* the newest sign with a diagnostic text */
  GPtrArray *senders;       /* char *, at most MAX_SENDERS */
} Current;

/* the day of a failure in the filter's zone */
static void
local_day (const BsHistoryFilter *filter, const BsRecordFacts *f, GString *out)
{
  g_string_assign (out, f->day != NULL ? f->day : "");
  if (f->seen_at == NULL || filter == NULL
      || strcmp (bs_history_filter_time_zone_name (filter), "UTC") == 0)
    return;
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (f->seen_at, NULL);
  if (t == NULL)
    return;
  g_autoptr (GDateTime) local = g_date_time_to_timezone (t, bs_history_filter_time_zone (filter));
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  g_string_assign (out, day);
}

static void
add_sign (Current *c, const BsHistoryFilter *filter, const BsRecordFacts *f, BsReason reason,
          GString *day)
{
  if (c->a == NULL)
    {
      c->a = g_new0 (BsAddress, 1);
      c->a->recipient = g_strdup (c->key->str);
      c->a->first_seen = g_strdup (f->seen_at);
    }
  BsAddress *a = c->a;
  const char *at = strrchr (c->key->str, '@');
  const char *domain = f->destination != NULL ? f->destination : at != NULL ? at + 1 : NULL;
  if (a->destination == NULL && domain != NULL)
    a->destination = g_ascii_strdown (domain, -1);
  if (!bs_advice_carrier_ambiguous (reason, domain))
    c->definite = TRUE;
  a->failures++;
  a->reason = reason;
  g_free (a->last_seen);
  a->last_seen = g_strdup (f->seen_at);
  if (f->diagnostic == 2)
    c->diagnostic_id = f->id;
  local_day (filter, f, day);
  if (strcmp (day->str, c->last_day->str) != 0)
    {
      a->days++;
      g_string_assign (c->last_day, day->str);
    }
  gboolean known = f->sender_domain == NULL || c->senders->len >= MAX_SENDERS;
  for (guint i = 0; !known && i < c->senders->len; i++)
    known = g_ascii_strcasecmp (g_ptr_array_index (c->senders, i), f->sender_domain) == 0;
  if (!known)
    g_ptr_array_add (c->senders, g_strdup (f->sender_domain));
}

static gint
text_cmp (gconstpointer a, gconstpointer b)
{
  return g_ascii_strcasecmp (*(char *const *) a, *(char *const *) b);
}

/* the recipient ends: judged, kept in out when listed */
static void
finish (Current *c, BsHistoryRead *read, gboolean redact, GPtrArray *out)
{
  BsAddress *a = g_steal_pointer (&c->a);
  if (a != NULL)
    {
      if (c->exists_seen != NULL && strcmp (c->exists_seen, a->last_seen) > 0)
        a->why = BS_ADDRESS_EXISTS_LATER;
      else
        a->why = c->definite ? BS_ADDRESS_GONE : BS_ADDRESS_CARRIER;
      a->certainty = a->why == BS_ADDRESS_GONE ? BS_CERTAINTY_CERTAIN : BS_CERTAINTY_UNCERTAIN;
      g_autofree char *diagnostic = c->diagnostic_id > 0
                                      ? bs_history_diagnostic (read, c->diagnostic_id) : NULL;
      if (redact)
        {
          g_autofree char *plain = g_steal_pointer (&a->recipient);
          a->recipient = bs_report_redact (plain);
          a->diagnostic = bs_report_redact (diagnostic);
        }
      else
        a->diagnostic = g_steal_pointer (&diagnostic);
      g_ptr_array_sort (c->senders, text_cmp);
      g_ptr_array_add (c->senders, NULL);
      a->sender_domains = g_strjoinv (" ", (char **) c->senders->pdata);
      g_ptr_array_add (out, a);
    }
  c->definite = FALSE;
  c->diagnostic_id = 0;
  g_clear_pointer (&c->exists_seen, g_free);
  g_string_truncate (c->last_day, 0);
  g_ptr_array_set_size (c->senders, 0);
}

static gint
address_cmp (gconstpointer pa, gconstpointer pb)
{
  const BsAddress *a = *(BsAddress *const *) pa, *b = *(BsAddress *const *) pb;
  if (a->certainty != b->certainty)
    return a->certainty < b->certainty ? -1 : 1;
  int d = g_strcmp0 (a->destination, b->destination);
  return d != 0 ? d : g_strcmp0 (a->recipient, b->recipient);
}

GPtrArray *
bs_addresses_read (BsHistoryRead *read, const BsHistoryFilter *filter, gboolean redact,
                   GError **error)
{
  const char *names[G_N_ELEMENTS (read_reasons) + 1] = { NULL };
  for (gsize i = 0; i < G_N_ELEMENTS (read_reasons); i++)
    names[i] = bs_reason_name (read_reasons[i]);
  g_autoptr (BsHistoryIter) it = bs_history_facts_by_recipient (read, filter, names, error);
  if (it == NULL)
    return NULL;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_address_free);
  Current c = { g_string_new (NULL), NULL, FALSE, g_string_new (NULL), NULL, 0,
                g_ptr_array_new_with_free_func (g_free) };
  g_autoptr (GString) day = g_string_new (NULL);
  gboolean any = FALSE;
  BsRecordFacts f;
  g_autoptr (GError) local = NULL;
  while (bs_history_next_facts (it, &f, &local))
    {
      if (!any || g_ascii_strcasecmp (f.recipient, c.key->str) != 0)
        {
          finish (&c, read, redact, out);
          g_string_assign (c.key, f.recipient);
          any = TRUE;
        }
      BsReason reason = bs_reason_from_name (f.reason);
      if (is_sign (&f, reason))
        add_sign (&c, filter, &f, reason, day);
      else if (reason == BS_REASON_MAILBOXFULL && f.seen_at != NULL)
        {
          g_free (c.exists_seen);
          c.exists_seen = g_strdup (f.seen_at);
        }
    }
  finish (&c, read, redact, out);
  g_string_free (c.key, TRUE);
  g_string_free (c.last_day, TRUE);
  g_ptr_array_unref (c.senders);
  g_free (c.exists_seen);
  if (local != NULL)
    {
      if (g_error_matches (local, BS_ERROR, BS_ERROR_INTERRUPTED))
        bs_report_leave (g_steal_pointer (&out));
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_ptr_array_sort (out, address_cmp);
  return g_steal_pointer (&out);
}
