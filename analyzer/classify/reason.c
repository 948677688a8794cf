/* reason.c - the reason of a record: the order in which the rule tables
 * are consulted
 *
 * The decision order follows Sisimai's (BSD-2-Clause, azumakuniyuki) with
 * Sisimai 5's reasons.  Precedence, highest first
 * (docs/classification.md says more):
 *
 *  1. a reason the format stated that is not a failure (delivered, vacation,
 *     feedback) is kept as it is;
 *  2. the user's rules file (--rules), first matching rule;
 *  3. any other reason the format stated, when it is a definite one (not in
 *     the retry set of rules/reasons.c);
 *  4. an MTA's own wording (rules/format.c), same definite/retry split;
 *  5. a 2.x.x status: delivered;
 *  6. the provider's own rules (rules/rhost.c), chosen by the recipient's
 *     domain or the remote MTA's name;
 *  7. the ordered reason tests (tests[] below): each weighs the status
 *     meaning (rules/status.c), the phrases (rules/phrases_*.c), the SMTP
 *     command and a retry-set reason the format stated, in Sisimai 5's
 *     order (mailboxfull ... blocked);
 *  8. the retry-set reason the format stated;
 *  9. the status meaning, or, when it says nothing definite, the phrase
 *     groups of order1, then the status class (X.6 content, X.7 security),
 *     x-unix diagnostics, 50x replies (syntax), delayed (expired), a refusal
 *     at HELO (blocked);
 * 10. onhold when there is text, else undefined.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "internal.h"

#include <string.h>

#include "../find.h"

/* ---- the reason tests of step 7, after the tests of Sisimai's reason modules */

typedef enum {
  GO_ON,    /* the special case says nothing: the test goes on */
  NO,       /* the reason does not fit */
  YES,      /* the reason fits; the decision is made */
} Verdict;

/* what a test weighs before the phrases, in this order */
enum {
  NEEDS_STATUS = 1 << 0,  /* no status: the reason does not fit */
  GIVEN = 1 << 1,         /* the format stated this reason (a retry-set one): it fits */
  STATUS = 1 << 2,        /* the status means this reason: it fits */
};

/* when a reason's phrases are looked for at all */
typedef enum {
  ANY_COMMAND,
  NOT_AT_CONNECTION,      /* not for a refusal at connection or HELO */
  NOT_BEFORE_DATA,        /* only for a refusal after DATA (or of no known command) */
  AFTER_RCPT,             /* only for a refusal of RCPT */
} Gate;

typedef Verdict (*Special) (Ctx *c);

typedef struct {
  BsReason reason;
  guint weigh;            /* NEEDS_STATUS | GIVEN | STATUS */
  Special before;         /* a special case, after the weighing, before the gate */
  Gate gate;
  Special after;          /* a special case when no phrase matched, or NULL */
} ReasonTest;

static const char *const cmd_conn[] = { "CONN", "EHLO", "HELO", NULL };
static const char *const cmd_before_data[] = { "CONN", "EHLO", "HELO", "MAIL", "RCPT", NULL };

/* mesgtoobig: a recipient's size limit (5.2.3) is exceedlimit */
static Verdict
mesgtoobig_not_exceedlimit (Ctx *c)
{
  return c->sr == BS_REASON_EXCEEDLIMIT || strcmp (c->status, "5.2.3") == 0 ? NO : GO_ON;
}

/* norelaying: not when the format stated an error of its own */
static Verdict
norelaying_not_after_error (Ctx *c)
{
  return c->given == BS_REASON_SECURITYERROR || c->given == BS_REASON_SYSTEMERROR
         || c->given == BS_REASON_UNDEFINED ? NO : GO_ON;
}

/* userunknown: 5.1.1 and friends, unless the text says it is something else */
static Verdict
userunknown_by_status (Ctx *c)
{
  static const BsReason others[] = {
    BS_REASON_NORELAYING, BS_REASON_BLOCKED, BS_REASON_MAILBOXFULL, BS_REASON_HASMOVED,
    BS_REASON_REJECTED, BS_REASON_NOTACCEPT, BS_REASON_SPEEDING, BS_REASON_BADREPUTATION,
    BS_REASON_REQUIREPTR, BS_REASON_AUTHFAILURE,
  };
  if (c->sr == BS_REASON_SUSPEND)
    return NO;
  if (c->sr != BS_REASON_USERUNKNOWN)
    return GO_ON;
  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    if (bs_ctx_match (c, others[i], NULL, NULL))
      return NO;
  bs_ctx_decide_status (c, BS_REASON_USERUNKNOWN);
  return YES;
}

/* filtered: a status meaning it counts when the text says no such user or
 * filtered */
static Verdict
filtered_by_status (Ctx *c)
{
  if (c->sr == BS_REASON_SUSPEND)
    return NO;
  if (c->sr != BS_REASON_FILTERED)
    return GO_ON;
  char *ev = NULL;
  if (bs_ctx_match (c, BS_REASON_USERUNKNOWN, NULL, &ev) || bs_ctx_match (c, BS_REASON_FILTERED, NULL, &ev))
    {
      bs_ctx_decide (c, BS_REASON_FILTERED, g_strdup_printf ("status:%s", c->status), ev);
      return YES;
    }
  return NO;
}

/* filtered: "no such user" after DATA is the recipient's filter; in the
 * generic reader's text that names no command at all ("a@b: unknown user
 * account"), it is what the remote said of the address: userunknown */
static Verdict
filtered_unknown_after_data (Ctx *c)
{
  char *rule = NULL, *ev = NULL;
  if (!bs_ctx_match (c, BS_REASON_USERUNKNOWN, &rule, &ev))
    return NO;
  if (c->command[0] == '\0' && strcmp (c->mta, "generic") == 0)
    {
      bs_ctx_decide (c, BS_REASON_USERUNKNOWN, rule, ev);
      return YES;
    }
  g_free (rule);
  bs_ctx_decide (c, BS_REASON_FILTERED, g_strdup ("phrase:filtered:userunknown-after-data"), ev);
  return YES;
}

/* rejected: its phrases count after MAIL, after DATA unless the status
 * says no such user, and elsewhere only when the status says nothing
 * definite */
static Verdict
rejected_when_phrases_count (Ctx *c)
{
  BsReason tr = c->sr != BS_REASON_NONE ? c->sr : BS_REASON_UNDEFINED;
  if (strcmp (c->command, "MAIL") == 0)
    return GO_ON;
  if (strcmp (c->command, "DATA") == 0)
    return tr != BS_REASON_USERUNKNOWN ? GO_ON : NO;
  return tr == BS_REASON_ONHOLD || tr == BS_REASON_UNDEFINED || tr == BS_REASON_SECURITYERROR
         || tr == BS_REASON_SYSTEMERROR ? GO_ON : NO;
}

/* hostunknown: 5.1.2 and friends, unless the text says a network error */
static Verdict
hostunknown_by_status (Ctx *c)
{
  if (c->sr != BS_REASON_HOSTUNKNOWN)
    return GO_ON;
  if (bs_ctx_match (c, BS_REASON_NETWORKERROR, NULL, NULL))
    return NO;
  bs_ctx_decide_status (c, BS_REASON_HOSTUNKNOWN);
  return YES;
}

/* Sisimai 5's order of the reason tests (its first class order) */
static const ReasonTest tests[] = {
  { BS_REASON_MAILBOXFULL, NEEDS_STATUS | GIVEN | STATUS, NULL, ANY_COMMAND, NULL },
  { BS_REASON_MESGTOOBIG, GIVEN | STATUS, mesgtoobig_not_exceedlimit, ANY_COMMAND, NULL },
  { BS_REASON_EXCEEDLIMIT, NEEDS_STATUS | GIVEN | STATUS, NULL, ANY_COMMAND, NULL },
  { BS_REASON_SUSPEND, NEEDS_STATUS | GIVEN, NULL, ANY_COMMAND, NULL },
  { BS_REASON_HASMOVED, GIVEN, NULL, ANY_COMMAND, NULL },
  { BS_REASON_NORELAYING, 0, norelaying_not_after_error, NOT_AT_CONNECTION, NULL },
  { BS_REASON_AUTHFAILURE, GIVEN | STATUS, NULL, ANY_COMMAND, NULL },
  { BS_REASON_USERUNKNOWN, GIVEN, userunknown_by_status, AFTER_RCPT, NULL },
  { BS_REASON_FILTERED, GIVEN, filtered_by_status, NOT_BEFORE_DATA, filtered_unknown_after_data },
  { BS_REASON_REQUIREPTR, GIVEN | STATUS, NULL, ANY_COMMAND, NULL },
  { BS_REASON_NOTCOMPLIANTRFC, GIVEN, NULL, ANY_COMMAND, NULL },
  { BS_REASON_BADREPUTATION, GIVEN, NULL, ANY_COMMAND, NULL },
  { BS_REASON_REJECTED, GIVEN | STATUS, rejected_when_phrases_count, ANY_COMMAND, NULL },
  { BS_REASON_HOSTUNKNOWN, GIVEN, hostunknown_by_status, ANY_COMMAND, NULL },
  { BS_REASON_SPAMDETECTED, NEEDS_STATUS | GIVEN | STATUS, NULL, NOT_BEFORE_DATA, NULL },
  { BS_REASON_SPEEDING, GIVEN, NULL, ANY_COMMAND, NULL },
  { BS_REASON_TOOMANYCONN, GIVEN | STATUS, NULL, ANY_COMMAND, NULL },
  { BS_REASON_BLOCKED, GIVEN | STATUS, NULL, ANY_COMMAND, NULL },
};

static gboolean
gate_open (const Ctx *c, Gate gate)
{
  switch (gate)
    {
    case NOT_AT_CONNECTION:
      return !bs_ctx_command_is (c, cmd_conn);
    case NOT_BEFORE_DATA:
      return !bs_ctx_command_is (c, cmd_before_data);
    case AFTER_RCPT:
      return strcmp (c->command, "RCPT") == 0;
    case ANY_COMMAND:
    default:
      return TRUE;
    }
}

/* test_reason - TRUE when t's reason fits the record; sets the decision */
static gboolean
test_reason (Ctx *c, const ReasonTest *t)
{
  BsReason reason = t->reason;
  if ((t->weigh & NEEDS_STATUS) && c->status[0] == '\0')
    return FALSE;
  if ((t->weigh & GIVEN) && c->given == reason)
    {
      bs_ctx_decide (c, reason, g_strdup (c->given_rule), g_strdup (bs_reason_name (reason)));
      return TRUE;
    }
  if ((t->weigh & STATUS) && c->sr == reason)
    {
      bs_ctx_decide_status (c, reason);
      return TRUE;
    }
  Verdict v = t->before ? t->before (c) : GO_ON;
  if (v != GO_ON)
    return v == YES;
  if (!gate_open (c, t->gate))
    return FALSE;
  char *rule = NULL, *ev = NULL;
  if (bs_ctx_match (c, reason, &rule, &ev))
    {
      bs_ctx_decide (c, reason, rule, ev);
      return TRUE;
    }
  return t->after != NULL && t->after (c) == YES;
}

/* phrase groups tried when the status says nothing definite (Sisimai 5's
 * second class order) */
static const BsReason order1[] = {
  BS_REASON_MAILBOXFULL, BS_REASON_AUTHFAILURE, BS_REASON_BADREPUTATION, BS_REASON_REQUIREPTR,
  BS_REASON_NOTCOMPLIANTRFC, BS_REASON_SPEEDING, BS_REASON_SPAMDETECTED, BS_REASON_POLICYVIOLATION,
  BS_REASON_VIRUSDETECTED, BS_REASON_NORELAYING, BS_REASON_SECURITYERROR, BS_REASON_SYSTEMERROR,
  BS_REASON_NETWORKERROR, BS_REASON_SUSPEND, BS_REASON_EXPIRED, BS_REASON_CONTENTERROR,
  BS_REASON_SYSTEMFULL, BS_REASON_NOTACCEPT, BS_REASON_MAILERERROR,
};

/* ---- the steps ------------------------------------------------------------ */

/* the rule id and evidence of a reason the format stated */
static void
decide_stated (Ctx *c)
{
  BsRecord *r = c->r;
  bs_ctx_decide (c, r->reason, g_strdup (r->rule ? r->rule : "format"),
                 g_strdup (r->evidence ? r->evidence : bs_reason_name (r->reason)));
}

static gboolean
format_matches (const Ctx *c, const char *row_mta)
{
  return row_mta == NULL || bs_strstr (c->mta, row_mta) != NULL;
}

/* step 4: an MTA's own wording; a retry-set one only noted as given */
static gboolean
format_rules (Ctx *c)
{
  if (c->diag[0] == '\0')
    return FALSE;
  for (gsize i = 0; i < bs_rules_n_format; i++)
    {
      const BsFormatRule *f = &bs_rules_format[i];
      if (!format_matches (c, f->mta))
        continue;
      const char *end = NULL;
      const char *at = f->text.piece[0] && f->text.piece[0][0] == '\0'
                         ? c->diag : bs_ctx_find (c, &f->text, bs_filter_format (i), &end);
      if (at == NULL)
        continue;
      if (!bs_reason_retry (f->reason))
        {
          bs_ctx_decide (c, f->reason, g_strdup_printf ("format:%s", f->id),
                         bs_evidence_at (at, end ? end : at));
          return TRUE;
        }
      if (c->given == BS_REASON_NONE)
        {
          c->given = f->reason;
          c->given_rule = g_strdup_printf ("format:%s", f->id);
        }
    }
  return FALSE;
}

/* step 9 for a delay warning: its current error is a connection failure */
static gboolean
delay_network (Ctx *c)
{
  BsRecord *r = c->r;
  if (r->action == NULL || g_ascii_strcasecmp (r->action, "delayed") != 0)
    return FALSE;
  for (gsize i = 0; i < bs_rules_n_delay_network; i++)
    {
      const char *end = NULL;
      const char *at = bs_classify_phrase_find (c->diag, &bs_rules_delay_network[i].text, &end);
      if (at != NULL)
        {
          bs_ctx_decide (c, BS_REASON_NETWORKERROR,
                         g_strdup_printf ("delay-network:%s", bs_rules_delay_network[i].id),
                         bs_evidence_at (at, end));
          return TRUE;
        }
    }
  return FALSE;
}

/* step 9: the status, the phrases of order1, the kind of failure */
static gboolean
status_or_kind (Ctx *c)
{
  BsRecord *r = c->r;
  BsReason sr = c->sr;
  if (sr == BS_REASON_NONE || sr == BS_REASON_EXPIRED || bs_reason_retry (sr) || !c->smtp_type)
    for (gsize i = 0; i < G_N_ELEMENTS (order1); i++)
      {
        char *rule = NULL, *ev = NULL;
        if (bs_ctx_match (c, order1[i], &rule, &ev))
          {
            bs_ctx_decide (c, order1[i], rule, ev);
            return TRUE;
          }
      }
  if (sr != BS_REASON_NONE && sr != BS_REASON_UNDEFINED)
    {
      bs_ctx_decide_status (c, sr);
      return TRUE;
    }
  if ((c->status[0] == '4' || c->status[0] == '5') && c->status[1] == '.'
      && (c->status[2] == '6' || c->status[2] == '7') && c->status[3] == '.')
    {
      gboolean x6 = c->status[2] == '6';
      bs_ctx_decide (c, x6 ? BS_REASON_CONTENTERROR : BS_REASON_SECURITYERROR,
                     g_strdup (x6 ? "status-class:x.6" : "status-class:x.7"), g_strdup (c->status));
      return TRUE;
    }
  if (c->xunix)
    {
      bs_ctx_decide (c, BS_REASON_MAILERERROR, g_strdup ("diagnostic-type:x-unix"),
                     g_strdup (r->diagnostic_type));
      return TRUE;
    }
  if (c->reply >= 400 && c->reply < 600 && (c->reply % 100) / 10 == 0 && c->reply % 10 <= 7)
    {
      bs_ctx_decide (c, BS_REASON_SYNTAXERROR, g_strdup ("reply:50x"), g_strdup_printf ("%u", c->reply));
      return TRUE;
    }
  if (r->action && (g_ascii_strncasecmp (r->action, "delayed", 7) == 0
                    || g_ascii_strncasecmp (r->action, "expired", 7) == 0))
    {
      bs_ctx_decide (c, BS_REASON_EXPIRED, g_strdup ("action:delayed"), g_strdup (r->action));
      return TRUE;
    }
  if (bs_ctx_command_is (c, cmd_conn))
    {
      bs_ctx_decide (c, BS_REASON_BLOCKED, g_strdup ("command:connection"), g_strdup (c->command));
      return TRUE;
    }
  return FALSE;
}

void
bs_classify_reason (Ctx *c, const BsUserRule **user)
{
  BsRecord *r = c->r;
  *user = NULL;

  /* 1. not failures: the format's word stands */
  if (!bs_reason_is_failure (r->reason))
    {
      decide_stated (c);
      return;
    }

  /* 2. the user's rules */
  char *ev = NULL;
  const BsUserRule *u = bs_user_rule_match (c, &ev);
  if (u != NULL)
    {
      *user = u;
      bs_ctx_decide (c, bs_user_rule_reason (u), g_strdup_printf ("user:%s", bs_user_rule_name (u)), ev);
      return;
    }

  /* 3. a definite reason the format stated; a retry-set one is noted */
  if (r->reason != BS_REASON_NONE)
    {
      if (!bs_reason_retry (r->reason))
        {
          decide_stated (c);
          return;
        }
      c->given = r->reason;
      c->given_rule = g_strdup (r->rule ? r->rule : "format");
    }

  /* 4. an MTA's own wording; 5. delivered; 6. the provider's own rules */
  if (format_rules (c))
    return;
  if (g_str_has_prefix (c->status, "2."))
    {
      bs_ctx_decide_status (c, BS_REASON_DELIVERED);
      return;
    }
  if (c->provider != NULL && bs_classify_provider_rules (c))
    return;

  /* 7. the ordered reason tests */
  if (c->smtp_type)
    for (gsize i = 0; i < G_N_ELEMENTS (tests); i++)
      if (test_reason (c, &tests[i]))
        return;

  /* 8. the retry-set reason the format stated */
  if (c->given != BS_REASON_NONE)
    {
      bs_ctx_decide (c, c->given, g_strdup (c->given_rule), g_strdup (bs_reason_name (c->given)));
      return;
    }

  /* 9. a delay's network error, the status, the text, the kind of failure */
  if (delay_network (c) || status_or_kind (c))
    return;

  /* 10. nothing definite */
  if (bs_ctx_match (c, BS_REASON_VACATION, NULL, &ev))
    bs_ctx_decide (c, BS_REASON_VACATION, g_strdup ("phrase:vacation"), ev);
  else if (c->diag[0])
    bs_ctx_decide (c, BS_REASON_ONHOLD, g_strdup ("fallback:onhold"), bs_evidence_at (c->diag, NULL));
  else
    bs_ctx_decide (c, BS_REASON_UNDEFINED, g_strdup ("fallback:undefined"), NULL);
}
