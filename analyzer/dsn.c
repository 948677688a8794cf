/* dsn.c - parse RFC 3464 / RFC 6533 delivery-status parts into records
 *
 * A delivery-status text is groups of header-like fields separated by blank
 * lines: the first group holds the per-message fields (Reporting-MTA,
 * Arrival-Date, Received-From-MTA), each later one a recipient.  Fields are
 * unfolded here; values keep their text after the "type;" prefix.  Records
 * get the facts only.  Malformed groups are skipped, never fatal.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "dsn.h"

#include <string.h>

#include "bs.h"
#include "datetime.h"
#include "record.h"
#include "smtp.h"

GPtrArray *
bs_dsn_groups (const char *text)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *cur = NULL;
  const char *line = text;
  while (line != NULL && *line != '\0' && groups->len < BS_MAX_RECIPIENTS + 1)
    {
      const char *end = strchr (line, '\n');
      gsize n = end ? (gsize) (end - line) : strlen (line);
      while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
      if (n == 0)
        cur = NULL; /* blank line: next group */
      else if ((line[0] == ' ' || line[0] == '\t') && cur != NULL && cur->len > 0)
        {
          /* continuation of the previous field */
          char **last = (char **) &g_ptr_array_index (cur, cur->len - 1);
          g_autofree char *piece = g_strstrip (g_strndup (line, n));
          if (strlen (*last) < BS_MAX_FIELD_BYTES)
            {
              char *joined = g_strconcat (*last, " ", piece, NULL);
              g_free (*last);
              *last = joined;
            }
        }
      else if (memchr (line, ':', n) != NULL)
        {
          if (cur == NULL)
            {
              cur = g_ptr_array_new_with_free_func (g_free);
              g_ptr_array_add (groups, cur);
            }
          g_ptr_array_add (cur, g_strndup (line, n));
        }
      line = end ? end + 1 : NULL;
    }
  return groups;
}

/* value of field name in a group ("Name: value"), transfer none; NULL */
static const char *
group_get (GPtrArray *group, const char *name)
{
  gsize nlen = strlen (name);
  const char first = (char) (name[0] | 0x20); /* a letter's lower case */
  for (guint i = 0; i < group->len; i++)
    {
      const char *f = g_ptr_array_index (group, i);
      if ((f[0] | 0x20) == first && g_ascii_strncasecmp (f, name, nlen) == 0)
        {
          const char *p = f + nlen;
          while (*p == ' ' || *p == '\t')
            p++;
          if (*p == ':')
            {
              p++;
              while (*p == ' ' || *p == '\t')
                p++;
              return p;
            }
        }
    }
  return NULL;
}

/* "rfc822; user@example.com" -> "user@example.com" (type in *type) */
static char *
typed_value (const char *value, char **type)
{
  if (value == NULL)
    return NULL;
  const char *semi = strchr (value, ';');
  const char *v = value;
  if (semi != NULL && semi - value < 32)
    {
      if (type != NULL)
        {
          *type = g_strstrip (g_strndup (value, (gsize) (semi - value)));
          for (char *c = *type; *c; c++)
            *c = g_ascii_tolower (*c);
        }
      v = semi + 1;
    }
  return g_strstrip (g_strdup (v));
}

/* a mail address in value, when it is one a message can be sent to: a
 * domain with a dot (or an address literal); NULL otherwise ("system; <>",
 * an X.400 O/R address, "user@sims-ms-daemon") */
static char *
mail_address (const char *value)
{
  g_autofree char *a = bs_smtp_address (value);
  const char *at = a ? strrchr (a, '@') : NULL;
  if (at == NULL || (strchr (at, '.') == NULL && at[1] != '['))
    return NULL;
  return g_steal_pointer (&a);
}

/* the Internet address inside an X.400 O/R address: "/RFC-822=user(a)host/"
 * or "dda:SMTP=user@host;" ("(a)" stands for "@" in X.400); NULL */
static char *
x400_address (const char *value)
{
  static const char *const keys[] = { "rfc-822=", "dda:smtp=" };
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gsize kl = strlen (keys[i]);
      for (const char *p = value; *p; p++)
        if (g_ascii_strncasecmp (p, keys[i], kl) == 0)
          {
            const char *v = p + kl;
            gsize n = strcspn (v, "/;> \t");
            g_autofree char *raw = g_strndup (v, MIN (n, BS_MAX_ADDRESS_BYTES));
            g_auto (GStrv) parts = g_strsplit (raw, "(a)", 2);
            g_autofree char *joined = g_strjoinv ("@", parts);
            return mail_address (joined);
          }
    }
  return NULL;
}

static void
set_typed (char **field, const char *value)
{
  g_autofree char *v = typed_value (value, NULL);
  bs_record_set (field, v);
}

guint
bs_dsn_parse_text (const char *text, GPtrArray *records)
{
  g_autoptr (GPtrArray) groups = bs_dsn_groups (text);
  const char *reporting = NULL, *arrival = NULL;
  guint added = 0;
  for (guint g = 0; g < groups->len; g++)
    {
      GPtrArray *group = g_ptr_array_index (groups, g);
      const char *final = group_get (group, "Final-Recipient");
      const char *orig = group_get (group, "Original-Recipient");
      if (final == NULL && orig == NULL)
        {
          /* per-message fields */
          if (group_get (group, "Reporting-MTA"))
            reporting = group_get (group, "Reporting-MTA");
          if (group_get (group, "Arrival-Date"))
            arrival = group_get (group, "Arrival-Date");
          continue;
        }
      if (records->len >= BS_MAX_RECIPIENTS)
        break;
      BsRecord *r = bs_record_new ();
      g_autofree char *rcpt = typed_value (final ? final : orig, NULL);
      g_autofree char *addr = mail_address (rcpt);
      /* a final recipient that is no address ("system; <>", X.400, a
       * local pseudo-host): the address the bounce gives elsewhere, the
       * Original-Recipient or the X.400 address's Internet one */
      if (addr == NULL && orig != NULL)
        {
          g_autofree char *o = typed_value (orig, NULL);
          addr = mail_address (o);
        }
      if (addr == NULL)
        addr = x400_address (rcpt);
      if (addr == NULL)
        addr = bs_smtp_address (rcpt);
      bs_record_set (&r->recipient, addr ? addr : rcpt);
      if (orig != NULL)
        {
          g_autofree char *o = typed_value (orig, NULL);
          g_autofree char *oa = bs_smtp_address (o);
          bs_record_set (&r->orig_recipient, oa ? oa : o);
        }
      const char *action = group_get (group, "Action");
      if (action != NULL)
        {
          g_autofree char *a = g_ascii_strdown (action, -1);
          char *sp = strpbrk (a, " \t(;");
          if (sp)
            *sp = '\0';
          bs_record_set (&r->action, a);
        }
      const char *status = group_get (group, "Status");
      if (status != NULL)
        {
          g_autofree char *st = bs_smtp_find_status (status);
          bs_record_set (&r->status, st);
          if (r->status)
            bs_record_set (&r->status_from, "bounce");
        }
      set_typed (&r->remote_mta, group_get (group, "Remote-MTA"));
      set_typed (&r->reporting_mta, reporting);
      const char *diag = group_get (group, "Diagnostic-Code");
      if (diag != NULL)
        {
          char *type = NULL;
          g_autofree char *d = typed_value (diag, &type);
          bs_record_set (&r->diagnostic, d);
          bs_record_set (&r->diagnostic_type, type);
          g_free (type);
        }
      const char *last = group_get (group, "Last-Attempt-Date");
      g_autofree char *when = bs_datetime_iso (last ? last : arrival);
      bs_record_set (&r->timestamp, when);
      g_ptr_array_add (records, r);
      added++;
    }
  return added;
}

guint
bs_dsn_parse (const BsMail *mail, GPtrArray *records)
{
  guint added = 0;
  for (guint i = 0; mail->dsn != NULL && i < mail->dsn->len; i++)
    added += bs_dsn_parse_text (g_ptr_array_index (mail->dsn, i), records);
  return added;
}
