/* providerscan.c - the walk that provider and appliance notices share
 *
 * Owns the line loop over a notice (start marker to the original message),
 * the building of one record per recipient, the reading of RFC 3464 fields
 * written inside a notice, and the small finishing steps every provider
 * module repeats (diagnostic cleaning, fixed-phrase reasons, status
 * refinement, SMTP command).  After Sisimai's Lhost modules, RFC1894.pm
 * and String.pm (BSD-2-Clause).
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "providerscan.h"
#include "../find.h"

#include <string.h>

#include "../bs.h"
#include "../datetime.h"
#include "../smtp.h"

/* lines of one notice we read at most: a notice is a few hundred lines, a
 * DSN with every recipient of a big list a few times BS_MAX_RECIPIENTS */
#define PSCAN_MAX_LINES (8u * BS_MAX_RECIPIENTS)

/* part markers of the flattened body (mail.h) that begin the original
 * message: the notice always ends there */
static const char *const original_parts[] = {
  "Content-Type: message/rfc822",       "Content-Type: message/global",
  "Content-Type: text/rfc822-headers",  "Content-Type: message/global-headers",
  "Content-Type: message/partial",      NULL,
};

static gboolean
starts_with_any (const char *line, const char *const *list, gboolean nocase)
{
  for (gsize i = 0; list != NULL && list[i] != NULL; i++)
    {
      gsize n = strlen (list[i]);
      if (nocase ? g_ascii_strncasecmp (line, list[i], n) == 0 : strncmp (line, list[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
contains_any (const char *line, const char *const *list)
{
  for (gsize i = 0; list != NULL && list[i] != NULL; i++)
    if (bs_strstr (line, list[i]) != NULL)
      return TRUE;
  return FALSE;
}

BsPscan *
bs_pscan_run (const char *body, const BsPscanSpec *spec, BsPscanLine read, gpointer user)
{
  if (body == NULL || spec == NULL || read == NULL)
    return NULL;
  BsPscan *scan = g_new0 (BsPscan, 1);
  scan->records = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  g_ptr_array_add (scan->records, bs_record_new ());
  scan->user = user;

  gboolean reading = spec->start == NULL && spec->start_within == NULL;
  gboolean found = reading;
  const char *line = body;
  for (guint count = 0; line != NULL && *line != '\0' && count < PSCAN_MAX_LINES; count++)
    {
      const char *end = strchr (line, '\n');
      gsize n = end ? (gsize) (end - line) : strlen (line);
      if (n > 0 && line[n - 1] == '\r')
        n--;
      g_autofree char *text = g_strndup (line, n);
      line = end ? end + 1 : NULL;

      if (starts_with_any (text, original_parts, TRUE) || starts_with_any (text, spec->stop, FALSE))
        break;
      if (!reading)
        {
          if (!starts_with_any (text, spec->start, FALSE) && !contains_any (text, spec->start_within))
            continue;
          reading = found = TRUE;
          if (!spec->read_start_line)
            continue;
        }
      if (n == 0 && !spec->read_blank_lines && read != bs_pscan_dsn_reader)
        continue;
      read (scan, text);
    }
  if (!found)
    {
      bs_pscan_free (scan);
      return NULL;
    }
  return scan;
}

void
bs_pscan_free (BsPscan *scan)
{
  if (scan == NULL)
    return;
  g_ptr_array_unref (scan->records);
  g_free (scan->reporting_mta);
  g_free (scan->arrival_date);
  g_free (scan);
}

BsRecord *
bs_pscan_current (BsPscan *scan)
{
  return g_ptr_array_index (scan->records, scan->records->len - 1);
}

BsRecord *
bs_pscan_recipient (BsPscan *scan, const char *text)
{
  g_autofree char *addr = bs_smtp_address (text);
  if (addr == NULL)
    return NULL;
  BsRecord *r = bs_pscan_current (scan);
  if (r->recipient != NULL)
    {
      if (scan->records->len >= BS_MAX_RECIPIENTS)
        return r; /* keep the text, drop the surplus recipient */
      r = bs_record_new ();
      g_ptr_array_add (scan->records, r);
    }
  bs_record_set (&r->recipient, addr);
  scan->recipients++;
  return r;
}

void
bs_pscan_append (char **field, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (*field != NULL && strlen (*field) >= BS_MAX_FIELD_BYTES)
    return;
  g_autofree char *joined = *field ? g_strconcat (*field, " ", text, NULL) : g_strdup (text);
  bs_record_set (field, joined);
}

/* "Name:" at the start of line, case-insensitive; the value after it */
static const char *
field_value (const char *line, const char *name)
{
  gsize n = strlen (name);
  if (g_ascii_strncasecmp (line, name, n) != 0)
    return NULL;
  const char *p = line + n;
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p != ':')
    return NULL;
  p++;
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* "rfc822; user@example.com" -> "user@example.com", type in *type */
static const char *
after_type (const char *value, char **type)
{
  const char *semi = strchr (value, ';');
  if (semi == NULL || semi - value > 32)
    return value;
  if (type != NULL)
    *type = g_strstrip (g_strndup (value, (gsize) (semi - value)));
  semi++;
  while (*semi == ' ' || *semi == '\t')
    semi++;
  return semi;
}

/* RFC 3464 actions, and the misspellings Sisimai's RFC1894 corrects */
static const struct {
  const char *word;
  const char *action;
} actions[] = {
  { "failed", "failed" },       { "delayed", "delayed" },   { "delivered", "delivered" },
  { "relayed", "relayed" },     { "expanded", "expanded" }, { "deliverable", "delivered" },
  { "expired", "delayed" },     { "failure", "failed" },
};

gboolean
bs_pscan_dsn_line (BsPscan *scan, const char *line)
{
  const char *v;
  if (*line == '\0')
    {
      /* a blank line ends a group of fields: the next group is another
       * recipient's, whatever field it begins with */
      scan->new_group = TRUE;
      scan->in_diagnostic = FALSE;
      return FALSE;
    }
  if (scan->new_group && bs_pscan_current (scan)->recipient != NULL && line[0] != ' '
      && line[0] != '\t' && scan->records->len < BS_MAX_RECIPIENTS && strchr (line, ':') != NULL
      && field_value (line, "Reporting-MTA") == NULL && field_value (line, "Arrival-Date") == NULL
      && field_value (line, "Received-From-MTA") == NULL)
    g_ptr_array_add (scan->records, bs_record_new ());
  scan->new_group = FALSE;
  BsRecord *r = bs_pscan_current (scan);
  if ((line[0] == ' ' || line[0] == '\t') && scan->in_diagnostic)
    {
      bs_pscan_append (&r->diagnostic, line);
      return TRUE;
    }
  scan->in_diagnostic = FALSE;
  if ((v = field_value (line, "Final-Recipient")) != NULL)
    {
      bs_pscan_recipient (scan, after_type (v, NULL));
      return TRUE;
    }
  if ((v = field_value (line, "Original-Recipient")) != NULL
      || (v = field_value (line, "X-Actual-Recipient")) != NULL)
    {
      g_autofree char *addr = bs_smtp_address (after_type (v, NULL));
      if (addr != NULL)
        bs_record_set (&r->orig_recipient, addr);
      return TRUE;
    }
  if ((v = field_value (line, "Action")) != NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
        if (g_ascii_strncasecmp (v, actions[i].word, strlen (actions[i].word)) == 0)
          {
            bs_record_set (&r->action, actions[i].action);
            break;
          }
      return TRUE;
    }
  if ((v = field_value (line, "Status")) != NULL)
    {
      g_autofree char *st = bs_smtp_find_status (v);
      if (st != NULL && bs_smtp_status_valid (v) > 0)
        bs_pscan_set_status (r, st);
      return TRUE;
    }
  if ((v = field_value (line, "Remote-MTA")) != NULL)
    {
      bs_record_set (&r->remote_mta, after_type (v, NULL));
      return TRUE;
    }
  if ((v = field_value (line, "Reporting-MTA")) != NULL)
    {
      if (scan->reporting_mta == NULL)
        scan->reporting_mta = g_strdup (after_type (v, NULL));
      return TRUE;
    }
  if ((v = field_value (line, "Diagnostic-Code")) != NULL)
    {
      g_autofree char *type = NULL;
      const char *text = after_type (v, &type);
      bs_record_set (&r->diagnostic, text);
      bs_record_set (&r->diagnostic_type, type);
      scan->in_diagnostic = TRUE;
      return TRUE;
    }
  if ((v = field_value (line, "Last-Attempt-Date")) != NULL)
    {
      g_autofree char *iso = bs_datetime_iso (v);
      bs_record_set (&r->timestamp, iso);
      return TRUE;
    }
  if ((v = field_value (line, "Arrival-Date")) != NULL)
    {
      if (scan->arrival_date == NULL)
        scan->arrival_date = g_strdup (v);
      return TRUE;
    }
  return field_value (line, "Received-From-MTA") != NULL
         || field_value (line, "X-Original-Message-ID") != NULL;
}

void
bs_pscan_dsn_reader (BsPscan *scan, const char *line)
{
  bs_pscan_dsn_line (scan, line);
}

static void
fill (char **dst, const char *src)
{
  if (*dst == NULL && src != NULL)
    bs_record_set (dst, src);
}

void
bs_pscan_merge_dsn (BsPscan *scan, const GPtrArray *dsn)
{
  for (guint i = 0; dsn != NULL && i < scan->records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (scan->records, i);
      for (guint j = 0; r->recipient != NULL && j < dsn->len; j++)
        {
          const BsRecord *d = g_ptr_array_index (dsn, j);
          if (d->recipient == NULL || g_ascii_strcasecmp (d->recipient, r->recipient) != 0)
            continue;
          if (r->status == NULL && d->status != NULL)
            {
              bs_record_set (&r->status, d->status);
              bs_record_set (&r->status_from, d->status_from);
            }
          fill (&r->action, d->action);
          fill (&r->remote_mta, d->remote_mta);
          fill (&r->reporting_mta, d->reporting_mta);
          fill (&r->timestamp, d->timestamp);
          fill (&r->orig_recipient, d->orig_recipient);
          if (r->diagnostic == NULL && d->diagnostic != NULL)
            {
              bs_record_set (&r->diagnostic, d->diagnostic);
              bs_record_set (&r->diagnostic_type, d->diagnostic_type);
            }
          break;
        }
    }
}

/* Sisimai's String->sweep past what bs_record_set does: cut a trailing
 * " --xxx" (a MIME boundary or a signature glued to the text) */
static void
sweep (BsRecord *r)
{
  if (r->diagnostic == NULL)
    return;
  for (char *p = bs_strstr (r->diagnostic, " --"); p != NULL; p = bs_strstr (p + 1, " --"))
    {
      char *q = p + 1;
      while (*q == '-')
        q++;
      if (*q != '\0' && *q != ' ' && *q != '\t')
        {
          *p = '\0';
          break;
        }
    }
  bs_record_set (&r->diagnostic, r->diagnostic);
}

static gboolean
is_word (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* length of an IPv4 address at p (four dot-separated 1-3 digit numbers) */
static gsize
ipv4_len (const char *p)
{
  gsize i = 0;
  for (int part = 0; part < 4; part++)
    {
      gsize d = 0;
      while (g_ascii_isdigit (p[i]) && d < 4)
        i++, d++;
      if (d == 0 || d > 3)
        return 0;
      if (part < 3)
        {
          if (p[i] != '.')
            return 0;
          i++;
        }
    }
  return g_ascii_isdigit (p[i]) ? 0 : i;
}

guint
bs_pscan_reply_code (const char *text)
{
  if (text == NULL || bs_strstr (text, "X-UNIX;") != NULL || bs_strstr (text, "x-unix;") != NULL)
    return 0;
  guint good = 0, ok = 0;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (p > text && is_word (p[-1]))
        continue;
      gsize ip = g_ascii_isdigit (*p) ? ipv4_len (p) : 0;
      if (ip > 0)
        {
          p += ip - 1;
          continue;
        }
      if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || is_word (p[3]))
        continue;
      /* a group of an IPv6 address ("2606:2800:220:6d::") is no code */
      if ((p > text + 1 && p[-1] == ':' && g_ascii_isxdigit (p[-2])) || (p[3] == ':' && g_ascii_isxdigit (p[4])))
        continue;
      guint v = (guint) ((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0'));
      if (!bs_smtp_reply_valid (v))
        continue;
      if ((p[0] == '4' || p[0] == '5') && good == 0)
        good = v;
      else if (p[0] == '2' && ok == 0)
        ok = v;
    }
  return good ? good : ok;
}

gboolean
bs_pscan_commit (BsPscan *scan, GPtrArray *records)
{
  if (scan == NULL || scan->recipients == 0)
    return FALSE;
  g_autofree char *arrival = bs_datetime_iso (scan->arrival_date);
  g_ptr_array_set_size (records, 0);
  for (guint i = 0; i < scan->records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (scan->records, i);
      if (r->recipient == NULL)
        continue;
      sweep (r);
      if (r->reporting_mta == NULL)
        bs_record_set (&r->reporting_mta, scan->reporting_mta);
      if (r->timestamp == NULL)
        bs_record_set (&r->timestamp, arrival);
      bs_pscan_text_codes (r);
      if (r->action == NULL)
        bs_record_set (&r->action, "failed");
      g_ptr_array_add (records, r);
      scan->records->pdata[i] = NULL; /* now owned by records */
    }
  return records->len > 0;
}

void
bs_pscan_text_codes (BsRecord *r)
{
  if (r->diagnostic == NULL)
    return;
  if (r->reply_code == 0)
    r->reply_code = bs_pscan_reply_code (r->diagnostic);
}


static void
ignore_line (BsPscan *scan, const char *line)
{
}

void
bs_pscan_failed_recipients (BsPscan *scan, const BsMail *mail)
{
  g_autofree char *failed = bs_mail_header (mail, "X-Failed-Recipients");
  g_auto (GStrv) list = failed ? g_strsplit (failed, ",", BS_MAX_RECIPIENTS) : NULL;
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    bs_pscan_recipient (scan, list[i]);
}

/* format->finish, then format->phrases, on every record of list */
static void
finish_all (GPtrArray *list, const BsPscanFormat *format, gpointer user)
{
  for (guint i = 0; i < list->len; i++)
    {
      BsRecord *r = g_ptr_array_index (list, i);
      if (r == NULL)
        continue;
      if (format->finish != NULL)
        format->finish (r, user);
      if (r->reason == BS_REASON_NONE && format->phrases != NULL)
        bs_set_reason (r, format->phrases, format->n_phrases, format->name);
    }
}

gboolean
bs_pscan_text_format (const BsMail *mail, GPtrArray *records, const BsPscanFormat *format, gpointer user)
{
  g_autoptr (BsPscan) scan = bs_pscan_run (mail->body, &format->spec,
                                           format->read ? format->read : bs_pscan_dsn_reader, user);
  if (scan == NULL)
    return FALSE;
  if (format->failed_header && scan->recipients == 0)
    bs_pscan_failed_recipients (scan, mail);
  if (format->merge_dsn)
    bs_pscan_merge_dsn (scan, records);
  finish_all (scan->records, format, user);
  return bs_pscan_commit (scan, records);
}

gboolean
bs_pscan_dsn_format (const BsMail *mail, GPtrArray *records, const BsPscanFormat *format, gpointer user)
{
  if (records->len > 0)
    {
      g_autoptr (BsPscan) seen = bs_pscan_run (mail->body, &format->spec, ignore_line, NULL);
      if (seen == NULL)
        return FALSE;
    }
  else
    {
      g_autoptr (BsPscan) scan = bs_pscan_run (mail->body, &format->spec, bs_pscan_dsn_reader, user);
      if (!bs_pscan_commit (scan, records))
        return FALSE;
    }
  finish_all (records, format, user);
  return bs_pscan_claim (records);
}

void
bs_pscan_inner_reply (BsRecord *r)
{
  for (const char *p = r->diagnostic ? strchr (r->diagnostic, '<') : NULL; p != NULL; p = strchr (p + 1, '<'))
    {
      const char *q = p + 1;
      if (!g_ascii_isdigit (q[0]) || !g_ascii_isdigit (q[1]) || !g_ascii_isdigit (q[2]) || q[3] != ' '
          || strchr (q, '>') == NULL)
        continue;
      guint code = (guint) ((q[0] - '0') * 100 + (q[1] - '0') * 10 + (q[2] - '0'));
      if (!bs_smtp_reply_valid (code))
        continue;
      r->reply_code = code;
      gsize n = bs_smtp_status_valid (q + 4);
      if (n > 0 && q[4] == q[0])
        {
          g_autofree char *st = g_strndup (q + 4, n);
          bs_record_set (&r->status, st);
          bs_record_set (&r->status_from, "text");
        }
      return;
    }
}

gboolean
bs_pscan_claim (GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      BsRecord *r = g_ptr_array_index (records, i);
      sweep (r);
      bs_pscan_text_codes (r);
    }
  return records->len > 0;
}

void
bs_pscan_set_status (BsRecord *r, const char *status)
{
  bs_record_set (&r->status, status);
  bs_record_set (&r->status_from, r->status ? "bounce" : NULL);
}

void
bs_pscan_refine_status (BsRecord *r)
{
  if (r->status == NULL || r->diagnostic == NULL || strlen (r->status) != 5
      || (r->status[0] != '4' && r->status[0] != '5') || (r->status[2] != '0' && r->status[2] != '1')
      || strcmp (r->status + 3, ".0") != 0)
    return;
  /* the code quoted in the text: '5.7.1 <...>... Access denied' */
  const char *text = r->diagnostic;
  for (const char *q = strpbrk (text, "'\""); q != NULL; q = strpbrk (q + 1, "'\""))
    if (bs_smtp_status_valid (q + 1) > 0)
      {
        text = q + 1;
        break;
      }
  g_autofree char *st = bs_smtp_find_status (text);
  if (st != NULL)
    bs_record_set (&r->status, st);
}

/* words before an SMTP command in a notice, and the commands we report */
static const char *const command_lead[] = {
  "in reply to ", "after end of ", "after ", "[", ">>> ", "command ", " in End of ", " in ",
};
static const char *const commands[] = {
  "HELO", "EHLO", "MAIL", "RCPT", "DATA", "AUTH", "STARTTLS", "QUIT",
};

char *
bs_pscan_command (const char *text)
{
  if (text == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (command_lead); i++)
    for (const char *p = bs_strstr (text, command_lead[i]); p != NULL;
         p = bs_strstr (p + 1, command_lead[i]))
      {
        const char *w = p + strlen (command_lead[i]);
        for (gsize c = 0; c < G_N_ELEMENTS (commands); c++)
          {
            gsize n = strlen (commands[c]);
            if (g_ascii_strncasecmp (w, commands[c], n) == 0 && !g_ascii_isalpha (w[n]))
              {
                /* lower-case words only after "end of" ("end of data") */
                if (!g_ascii_isupper (w[0]) && !g_str_has_suffix (command_lead[i], "end of "))
                  continue;
                return g_strdup (commands[c]);
              }
          }
      }
  return NULL;
}

/* Exim's own texts (after Sisimai's Lhost::MXLogic and Lhost::MailRu) */
static const BsPhrase exim_phrases[] = {
  { BS_REASON_USERUNKNOWN, "user not found" },              /* Exim: no such local user */
  { BS_REASON_HOSTUNKNOWN, "all host address lookups failed permanently" }, /* Exim: the MX hosts have no address */
  { BS_REASON_HOSTUNKNOWN, "all relevant MX records point to non-existent hosts" }, /* Exim: the domain's MX hosts do not exist */
  { BS_REASON_HOSTUNKNOWN, "Unrouteable address" },         /* Exim: no route to the recipient domain */
  { BS_REASON_MAILBOXFULL, "mailbox is full" },             /* Exim appendfile: mailbox full */
  { BS_REASON_MAILBOXFULL, "error: quota exceed" },         /* Exim appendfile: mailbox over quota */
  { BS_REASON_NOTACCEPT, "an MX or SRV record indicated no SMTP service" }, /* Exim: null MX, the domain accepts no mail */
  { BS_REASON_NOTACCEPT, "no host found for existing SMTP connection" }, /* Exim: no host for the connection */
  { BS_REASON_SYNTAXERROR, "angle-brackets nested too deep" }, /* Exim: malformed address */
  { BS_REASON_SYNTAXERROR, "expected word or \"<\"" },      /* Exim: malformed address */
  { BS_REASON_SYNTAXERROR, "domain missing in source-routed address" }, /* Exim: malformed address */
  { BS_REASON_SYNTAXERROR, "malformed address:" },          /* Exim: malformed address */
  { BS_REASON_SYSTEMERROR, "delivery to file forbidden" },  /* Exim: local delivery to a file not allowed */
  { BS_REASON_SYSTEMERROR, "delivery to pipe forbidden" },  /* Exim: local delivery to a pipe not allowed */
  { BS_REASON_SYSTEMERROR, "local delivery failed" },       /* Exim: local delivery failed */
  { BS_REASON_SYSTEMERROR, "LMTP error after " },           /* Exim: the LMTP server refused it */
  { BS_REASON_CONTENTERROR, "Too many \"Received\" headers" }, /* Exim: mail loop (too many hops) */
  /* delays Exim gave up on */
  { BS_REASON_EXPIRED, "retry timeout exceeded" },          /* Exim gave up: retry time over */
  { BS_REASON_EXPIRED, "No action is required on your part" }, /* mail.ru/Exim delay notice */
  { BS_REASON_EXPIRED, "retry time not reached for any host after a long failure period" }, /* Exim gave up: hosts failing too long */
  { BS_REASON_EXPIRED, "all hosts have been failing for a long time and were last tried" }, /* Exim gave up: hosts failing too long */
  { BS_REASON_EXPIRED, "Delay reason: " },                  /* Exim delay notice */
  { BS_REASON_EXPIRED, "has been frozen" },                 /* Exim froze the message */
  { BS_REASON_EXPIRED, "was frozen on arrival by " },       /* Exim froze the message on arrival */
};

void
bs_pscan_exim_finish (BsRecord *r, const char *module)
{
  const char *d = r->diagnostic;
  if (d == NULL)
    return;
  /* "host mx.example.jp [192.0.2.1]: 550 ..." */
  const char *h = bs_strstr (d, "host ");
  if (r->remote_mta == NULL && h != NULL)
    {
      const char *e = h + 5;
      gsize n = strcspn (e, " \t");
      if (n > 0 && strncmp (e + n, " [", 2) == 0 && bs_strstr (e + n, "]: ") != NULL)
        {
          g_autofree char *host = g_strndup (e, n);
          bs_record_set (&r->remote_mta, host);
        }
    }
  if (r->command != NULL)
    return;
  const char *s = bs_strstr (d, "SMTP error from remote ");
  g_autofree char *cmd = s ? bs_pscan_command (s) : NULL;
  bs_record_set (&r->command, cmd);
  if (cmd != NULL && strcmp (cmd, "MAIL") == 0)
    bs_set_reason_to (r, BS_REASON_REJECTED, module, "SMTP error after MAIL");
  else if (cmd != NULL && (strcmp (cmd, "HELO") == 0 || strcmp (cmd, "EHLO") == 0))
    bs_set_reason_to (r, BS_REASON_BLOCKED, module, "SMTP error after HELO");
  else
    bs_set_reason (r, exim_phrases, G_N_ELEMENTS (exim_phrases), module);
}

static void
collect_command (BsPscan *scan, const char *line)
{
  char *cmd = bs_pscan_command (line);
  if (cmd != NULL && ((GPtrArray *) scan->user)->len < BS_MAX_RECIPIENTS)
    g_ptr_array_add (scan->user, cmd);
  else
    g_free (cmd);
}

GPtrArray *
bs_pscan_commands (const char *body, const BsPscanSpec *spec)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  bs_pscan_free (bs_pscan_run (body, spec, collect_command, out));
  return out;
}

gboolean
bs_pscan_header_has (const BsMail *mail, const char *name, const char *text)
{
  const char *v = bs_mail_header_peek (mail, name);
  return v != NULL && bs_strstr (v, text) != NULL;
}

gboolean
bs_pscan_header_is (const BsMail *mail, const char *name, const char *value)
{
  const char *v = bs_mail_header_peek (mail, name);
  return v != NULL && strcmp (v, value) == 0;
}

/* the Received: fields of the top-level headers read (newest first) */
static guint
received_count (const BsMail *mail)
{
  return mail->received ? MIN (mail->received->len, 256u) : 0;
}

gboolean
bs_pscan_received_has (const BsMail *mail, const char *text)
{
  for (guint i = 0; i < received_count (mail); i++)
    if (bs_strstr (g_ptr_array_index (mail->received, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* the host name after word (" from ", " by ") in a Received: value */
static char *
received_host (const char *value, const char *word)
{
  g_autofree char *padded = g_strconcat (" ", value, NULL);
  const char *p = bs_strstr (padded, word);
  if (p == NULL)
    return NULL;
  p += strlen (word);
  while (*p == ' ' || *p == '[' || *p == '(')
    p++;
  gsize n = strcspn (p, " \t;)]");
  if (n == 0)
    return NULL;
  return g_ascii_strdown (p, (gssize) n);
}

char *
bs_pscan_received_from (const BsMail *mail, gboolean newest)
{
  guint n = received_count (mail);
  if (n == 0)
    return NULL;
  return received_host (g_ptr_array_index (mail->received, newest ? 0 : n - 1), " from ");
}

char *
bs_pscan_received_by (const BsMail *mail)
{
  if (received_count (mail) == 0)
    return NULL;
  return received_host (g_ptr_array_index (mail->received, 0), " by ");
}
