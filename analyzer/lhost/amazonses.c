/* amazonses.c - Amazon SES (sending): its DSNs and its JSON notifications
 *
 * Two shapes.  A bounce mail from SES carries X-SES-Outgoing or
 * X-AWS-Outgoing and a delivery-status part after "An error occurred while
 * trying to deliver the mail to the following recipients:"; SES writes a
 * vague Status (5.0.0) and quotes the remote's precise one in the text.  An
 * SNS notification (X-Amz-Sns-Message-Id, body a JSON object, possibly the
 * SES event inside its "Message" string) lists bouncedRecipients,
 * complainedRecipients (feedback) or delivery recipients.  After Sisimai's
 * Lhost::AmazonSES, BSD-2-Clause.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "lhost-modules.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "../bs.h"
#include "../datetime.h"
#include "../smtp.h"
#include "providerscan.h"

static const char *const starts[] = {
  "The following message to <", "An error occurred while trying to deliver the mail ", NULL,
};

/* SES's own text */
static const BsPhrase phrases[] = {
  { BS_REASON_EXPIRED, "Delivery expired" },                /* SES gave up retrying: queue lifetime over */
};

/* bounceType / bounceSubType pairs that state a reason */
static const struct {
  const char *type;
  const char *subtype;
  BsReason reason;
} bounce_types[] = {
  { "Transient", "MailboxFull", BS_REASON_MAILBOXFULL },    /* SES event: soft bounce for a full mailbox */
  { "Transient", "MessageTooLarge", BS_REASON_MESGTOOBIG }, /* SES event: soft bounce for the message size */
};

static void
finish_mail (BsRecord *r, gpointer user)
{
  bs_pscan_refine_status (r);
  bs_pscan_inner_reply (r);
}

static const BsPscanFormat format = {
  "amazonses", { .start = starts }, .finish = finish_mail, BS_PSCAN_PHRASES (phrases),
};

/* the JSON text of the body: "!" at the end of a line folds it, and the
 * next line's first character is a continuation space; "--" ends it */
static char *
json_text (const char *body)
{
  GString *out = g_string_new (NULL);
  g_auto (GStrv) lines = g_strsplit (body, "\n", 100000);
  gboolean folded = FALSE;
  for (guint i = 0; lines[i] != NULL && out->len < BS_MAX_BODY_BYTES; i++)
    {
      const char *l = lines[i];
      if (*l == '\0')
        continue;
      if (strcmp (l, "--") == 0)
        break;
      if (folded && *l != '\0')
        l++;
      gsize n = strlen (l);
      folded = n > 0 && l[n - 1] == '!';
      g_string_append_len (out, l, (gssize) (folded ? n - 1 : n));
    }
  return g_string_free (out, FALSE);
}

static const char *
member_string (JsonObject *o, const char *name)
{
  if (o == NULL || !json_object_has_member (o, name))
    return NULL;
  JsonNode *n = json_object_get_member (o, name);
  return JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING ? json_node_get_string (n) : NULL;
}

static JsonObject *
member_object (JsonObject *o, const char *name)
{
  if (o == NULL || !json_object_has_member (o, name))
    return NULL;
  JsonNode *n = json_object_get_member (o, name);
  return JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static JsonArray *
member_array (JsonObject *o, const char *name)
{
  if (o == NULL || !json_object_has_member (o, name))
    return NULL;
  JsonNode *n = json_object_get_member (o, name);
  return JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

/* the original message's headers SES repeats in "mail" */
static void
original_headers (BsRecord *r, JsonObject *mail)
{
  JsonArray *headers = member_array (mail, "headers");
  for (guint i = 0; headers != NULL && i < json_array_get_length (headers) && i < 1000; i++)
    {
      JsonNode *n = json_array_get_element (headers, i);
      JsonObject *h = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char *name = member_string (h, "name"), *value = member_string (h, "value");
      if (name == NULL || value == NULL)
        continue;
      g_autofree char *decoded = bs_header_decode (value);
      if (g_ascii_strcasecmp (name, "From") == 0)
        bs_record_set (&r->orig_from, decoded);
      else if (g_ascii_strcasecmp (name, "To") == 0)
        bs_record_set (&r->orig_to, decoded);
      else if (g_ascii_strcasecmp (name, "Subject") == 0)
        bs_record_set (&r->orig_subject, decoded);
      else if (g_ascii_strcasecmp (name, "Date") == 0)
        {
          g_autofree char *iso = bs_datetime_iso (value);
          bs_record_set (&r->orig_date, iso);
        }
      else if (g_ascii_strcasecmp (name, "Message-ID") == 0)
        {
          g_autofree char *id = g_strdup (value);
          g_strdelimit (id, "<>", ' ');
          bs_record_set (&r->orig_message_id, id);
        }
    }
  if (r->orig_message_id == NULL)
    bs_record_set (&r->orig_message_id, member_string (mail, "messageId"));
  /* the sender: the From header, else the envelope's "source" */
  g_autofree char *sender = bs_smtp_address (r->orig_from ? r->orig_from : member_string (mail, "source"));
  g_autofree char *domain = bs_smtp_domain (sender);
  bs_record_set (&r->sender_domain, domain);
}

/* one record per recipient of an SES event */
static void
add_event_record (GPtrArray *out, const char *type, JsonObject *event, JsonObject *mail,
                  JsonNode *rcpt)
{
  JsonObject *ro = JSON_NODE_HOLDS_OBJECT (rcpt) ? json_node_get_object (rcpt) : NULL;
  const char *address = ro ? member_string (ro, "emailAddress")
                           : (JSON_NODE_HOLDS_VALUE (rcpt) && json_node_get_value_type (rcpt) == G_TYPE_STRING
                                ? json_node_get_string (rcpt) : NULL);
  g_autofree char *addr = bs_smtp_address (address);
  if (addr == NULL || out->len >= BS_MAX_RECIPIENTS)
    return;
  BsRecord *r = bs_record_new ();
  bs_record_set (&r->recipient, addr);
  const char *stamp = member_string (event, "timestamp");
  g_autofree char *when = bs_datetime_iso (stamp ? stamp : member_string (mail, "timestamp"));
  bs_record_set (&r->timestamp, when);
  if (strcmp (type, "Bounce") == 0)
    {
      bs_record_set (&r->action, member_string (ro, "action"));
      bs_pscan_set_status (r, member_string (ro, "status"));
      const char *diag = member_string (ro, "diagnosticCode");
      const char *semi = diag ? strchr (diag, ';') : NULL;
      if (semi != NULL && semi - diag < 16)
        {
          g_autofree char *dtype = g_ascii_strdown (diag, semi - diag);
          bs_record_set (&r->diagnostic_type, dtype);
          diag = semi + 1;
        }
      bs_record_set (&r->diagnostic, diag);
      const char *mta = member_string (event, "reportingMTA");
      if (mta != NULL && g_str_has_prefix (mta, "dsn;"))
        mta += 4;
      bs_record_set (&r->reporting_mta, mta);
      const char *bt = member_string (event, "bounceType"), *bst = member_string (event, "bounceSubType");
      for (gsize i = 0; bt && bst && i < G_N_ELEMENTS (bounce_types); i++)
        if (strcmp (bt, bounce_types[i].type) == 0 && strcmp (bst, bounce_types[i].subtype) == 0)
          bs_set_reason_to (r, bounce_types[i].reason, "amazonses", bst);
    }
  else if (strcmp (type, "Complaint") == 0)
    {
      const char *ft = member_string (event, "complaintFeedbackType");
      bs_record_set (&r->feedback_type, ft ? ft : "abuse");
      bs_record_set (&r->diagnostic, member_string (event, "userAgent"));
      bs_set_reason_to (r, BS_REASON_FEEDBACK, "amazonses", "notificationType: Complaint");
    }
  else
    {
      const char *resp = member_string (event, "smtpResponse");
      g_autofree char *st = bs_smtp_find_status (resp);
      bs_pscan_set_status (r, st);
      r->reply_code = bs_pscan_reply_code (resp);
      bs_record_set (&r->diagnostic, resp);
      bs_record_set (&r->reporting_mta, member_string (event, "reportingMTA"));
      bs_record_set (&r->action, "delivered");
      bs_set_reason_to (r, BS_REASON_DELIVERED, "amazonses", "notificationType: Delivery");
    }
  original_headers (r, mail);
  g_ptr_array_add (out, r);
}

static gboolean
parse_json (const BsMail *mail, GPtrArray *records)
{
  g_autofree char *text = json_text (mail->body);
  g_autoptr (JsonParser) parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return FALSE;
  JsonNode *root = json_parser_get_root (parser);
  JsonObject *o = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  /* an SNS envelope holds the SES event as a JSON string */
  g_autoptr (JsonParser) inner = json_parser_new ();
  const char *message = member_string (o, "Message");
  if (message != NULL)
    {
      if (!json_parser_load_from_data (inner, message, -1, NULL))
        return FALSE;
      JsonNode *iroot = json_parser_get_root (inner);
      o = iroot && JSON_NODE_HOLDS_OBJECT (iroot) ? json_node_get_object (iroot) : NULL;
    }
  const char *type = member_string (o, "notificationType");
  if (type == NULL)
    type = member_string (o, "eventType");
  if (type == NULL)
    return FALSE;
  const char *event_name = NULL, *list_name = NULL;
  if (strcmp (type, "Bounce") == 0)
    event_name = "bounce", list_name = "bouncedRecipients";
  else if (strcmp (type, "Complaint") == 0)
    event_name = "complaint", list_name = "complainedRecipients";
  else if (strcmp (type, "Delivery") == 0)
    event_name = "delivery", list_name = "recipients";
  else
    return FALSE;
  JsonObject *event = member_object (o, event_name);
  JsonArray *list = member_array (event, list_name);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_record_free);
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    add_event_record (out, type, event, member_object (o, "mail"), json_array_get_element (list, i));
  if (out->len == 0)
    return FALSE;
  g_ptr_array_set_size (records, 0);
  g_ptr_array_extend_and_steal (records, g_steal_pointer (&out));
  return TRUE;
}

gboolean
bs_lhost_amazonses (const BsMail *mail, GPtrArray *records)
{
  const char *b = mail->body;
  while (b != NULL && (*b == '\n' || *b == ' '))
    b++;
  if (b != NULL && *b == '{')
    {
      const char *sns = bs_mail_header_peek (mail, "X-Amz-Sns-Message-Id");
      return sns != NULL && *sns != '\0' && parse_json (mail, records);
    }
  if (bs_pscan_header_has (mail, "X-Mailer", "Amazon WorkMail"))
    return FALSE;
  const char *aws = bs_mail_header_peek (mail, "X-AWS-Outgoing");
  const char *ses = bs_mail_header_peek (mail, "X-SES-Outgoing");
  if (aws == NULL && ses == NULL)
    return FALSE;
  return bs_pscan_dsn_format (mail, records, &format, NULL);
}
