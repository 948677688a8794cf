/* reasons.c - one row per bounce reason, one per reason family
 *
 * The only place that knows what a reason is: its name, family, hard or
 * soft, the retry set, whether it is a failure, its advice kind, its
 * labels; reasons.h says what each column means.  The names and their
 * meanings are Sisimai 5's (BSD-2-Clause, azumakuniyuki); families,
 * advice kinds and labels are this project's.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "../reasons.h"

#include <string.h>

/* hard bounce: retrying the same address cannot succeed */
typedef enum {
  SOFT,           /* never hard */
  HARD,           /* always hard */
  HARD_UNLESS_4,  /* hard unless the status or reply was of class 4 */
} HardRule;

enum {
  RETRY = 1 << 0,     /* the retry set: stated, but not definite */
  INFO = 1 << 1,      /* no failure: delivered, an auto-reply, a report */
  PROVIDER = 1 << 2,  /* the provider itself is the list that refused */
  AUTH = 1 << 3,      /* the sender domain's authentication is in question */
};

typedef struct {
  const char *name;
  BsReasonFamily family;
  HardRule hard;
  guint flags;
  BsAdviceKind advice;
  const char *en, *ja;      /* what it means, in a few words */
} Row;

#define R(e, name, fam, hard, flags, advice, en, ja) \
  [BS_REASON_##e] = { name, BS_FAMILY_##fam, hard, flags, BS_ADVICE_##advice, en, ja }

static const Row rows[BS_REASON_COUNT] = {
  R (USERUNKNOWN, "userunknown", ADDRESS, HARD, RETRY, ADDRESS,
     "Recipient address does not exist", "宛先アドレスが存在しない"),
  R (HOSTUNKNOWN, "hostunknown", ADDRESS, HARD, RETRY, ADDRESS,
     "Destination domain does not exist", "宛先ドメインが存在しない"),
  R (MAILBOXFULL, "mailboxfull", MAILBOX_FULL, SOFT, 0, RECIPIENT,
     "Mailbox full", "メールボックスの容量超過"),
  R (BLOCKED, "blocked", REPUTATION, SOFT, PROVIDER, REPUTATION,
     "Sending IP address or host refused", "送信元IPアドレス・ホストの拒否"),
  R (SPAMDETECTED, "spamdetected", REPUTATION, SOFT, PROVIDER, CONTENT,
     "Judged as spam", "迷惑メールと判定"),
  R (POLICYVIOLATION, "policyviolation", REPUTATION, SOFT, AUTH, RECIPIENT,
     "Refused by the receiving site's policy", "受信側のポリシーによる拒否"),
  R (EXPIRED, "expired", OTHER, SOFT, RETRY, TEMPORARY,
     "Delivery time expired", "配送期限切れ（再送の打ち切り）"),
  R (REJECTED, "rejected", REPUTATION, SOFT, 0, SENDER,
     "Sender address refused", "送信者アドレスの拒否"),
  R (FILTERED, "filtered", OTHER, SOFT, 0, RECIPIENT,
     "Refused by the recipient's filter", "受信者側のフィルターによる拒否"),
  R (SUSPEND, "suspend", ADDRESS, SOFT, 0, RECIPIENT,
     "Recipient account suspended", "宛先アカウントの停止"),
  R (TOOMANYCONN, "toomanyconn", REPUTATION, SOFT, 0, TEMPORARY,
     "Too many connections", "接続数の超過"),
  R (NETWORKERROR, "networkerror", OTHER, SOFT, RETRY, TEMPORARY,
     "Network or DNS error", "ネットワークまたはDNSのエラー"),
  R (SYSTEMERROR, "systemerror", OTHER, SOFT, RETRY, TEMPORARY,
     "Error on the destination system", "宛先システムのエラー"),
  R (SYSTEMFULL, "systemfull", OTHER, SOFT, 0, TEMPORARY,
     "Destination system full", "宛先システムの容量不足"),
  R (MESGTOOBIG, "mesgtoobig", OTHER, SOFT, 0, CONTENT,
     "Message too big", "メールのサイズが大きすぎる"),
  R (EXCEEDLIMIT, "exceedlimit", OTHER, SOFT, 0, CONTENT,
     "Over the recipient's size limit", "受信者のサイズ上限を超過"),
  R (CONTENTERROR, "contenterror", OTHER, SOFT, 0, CONTENT,
     "Message content refused", "メールの内容による拒否"),
  R (SECURITYERROR, "securityerror", OTHER, SOFT, RETRY, SENDER,
     "Security error (authentication, TLS)", "セキュリティエラー（認証・TLS）"),
  R (VIRUSDETECTED, "virusdetected", OTHER, SOFT, 0, CONTENT,
     "Virus detected", "ウイルスの検出"),
  R (NORELAYING, "norelaying", OTHER, SOFT, 0, SENDER,
     "Relaying denied", "中継（リレー）の拒否"),
  R (NOTACCEPT, "notaccept", ADDRESS, HARD_UNLESS_4, 0, ADDRESS,
     "Destination accepts no mail", "宛先がメールを受け付けていない"),
  R (HASMOVED, "hasmoved", ADDRESS, HARD, 0, ADDRESS,
     "Recipient has moved", "宛先アドレスの移転"),
  R (SYNTAXERROR, "syntaxerror", OTHER, SOFT, 0, SENDER,
     "SMTP syntax error", "SMTPの構文エラー"),
  R (MAILERERROR, "mailererror", OTHER, SOFT, 0, RECIPIENT,
     "Mail program error at the destination", "宛先側のメールプログラムのエラー"),
  R (ONHOLD, "onhold", OTHER, SOFT, RETRY, TEMPORARY,
     "On hold: cause not decided", "保留（原因を特定できず）"),
  R (DELIVERED, "delivered", OTHER, SOFT, INFO, INFO,
     "Delivered", "配信成功"),
  R (VACATION, "vacation", OTHER, SOFT, INFO, INFO,
     "Auto-reply (vacation)", "自動応答（不在通知）"),
  R (FEEDBACK, "feedback", OTHER, SOFT, INFO, INFO,
     "Complaint feedback report", "苦情フィードバック報告"),
  R (AUTHFAILURE, "authfailure", REPUTATION, SOFT, PROVIDER | AUTH, SENDER,
     "SPF, DKIM or DMARC check failed", "送信ドメイン認証（SPF・DKIM・DMARC）の失敗"),
  R (BADREPUTATION, "badreputation", REPUTATION, SOFT, PROVIDER, REPUTATION,
     "Sending server's reputation too low", "送信サーバーの評価が低い"),
  R (REQUIREPTR, "requireptr", REPUTATION, SOFT, PROVIDER, SENDER,
     "Sending IP has no reverse DNS (PTR)", "送信元IPに逆引き（PTR）がない"),
  R (NOTCOMPLIANTRFC, "notcompliantrfc", OTHER, SOFT, 0, CONTENT,
     "Message does not follow the RFCs", "メールの形式がRFCに準拠していない"),
  R (SPEEDING, "speeding", REPUTATION, SOFT, 0, TEMPORARY,
     "Sending too fast (rate limited)", "送信速度の制限"),
  R (UNDEFINED, "undefined", OTHER, SOFT, RETRY, TEMPORARY,
     "Cause not determined", "原因不明"),
};

#undef R

/* per family: name, colour, the shades of its reasons on the charts, label */
static const struct {
  const char *name;
  const char *color;
  const char *shades[4];
  const char *en, *ja;
} families[BS_FAMILY_COUNT] = {
  [BS_FAMILY_REPUTATION] = { "reputation", "#cf3f35", { "#b8322a", "#e2665a", "#8f1f19", "#f0a093" },
                             "Sending server's reputation or a blocklist",
                             "送信サーバーの評価・ブロックリスト" },
  [BS_FAMILY_ADDRESS] = { "address", "#de8f1f", { "#d98a17", "#f2b75c", "#a8660a", "#f7d49a" },
                          "Wrong or closed address", "宛先アドレスの誤り・廃止" },
  [BS_FAMILY_MAILBOX_FULL] = { "mailbox-full", "#3a7fc1", { "#3a7fc1", "#86b4e0", "#25598c", "#bcd6ef" },
                               "Mailbox full", "メールボックスの容量超過" },
  [BS_FAMILY_OTHER] = { "other", "#8a94a6", { "#6f5bc7", "#7c8799", "#a597e0", "#4d5667" },
                        "Other reasons", "その他の原因" },
};

static const Row *
row (BsReason reason)
{
  return reason > BS_REASON_NONE && reason < BS_REASON_COUNT ? &rows[reason] : NULL;
}

static gboolean
has (BsReason reason, guint flag)
{
  const Row *r = row (reason);
  return r != NULL && (r->flags & flag) != 0;
}

static gboolean
is_ja (const char *lang)
{
  return lang != NULL && g_ascii_strncasecmp (lang, "ja", 2) == 0;
}

BsReason
bs_reason_from_name (const char *name)
{
  if (name == NULL)
    return BS_REASON_NONE;
  for (int i = BS_REASON_NONE + 1; i < BS_REASON_COUNT; i++)
    if (rows[i].name[0] == name[0] && strcmp (rows[i].name, name) == 0)
      return (BsReason) i;
  return BS_REASON_NONE;
}

const char *
bs_reason_name (BsReason reason)
{
  const Row *r = row (reason);
  return r ? r->name : NULL;
}

gboolean
bs_reason_retry (BsReason reason)
{
  return has (reason, RETRY);
}

gboolean
bs_reason_is_failure (BsReason reason)
{
  return !has (reason, INFO);
}

gboolean
bs_reason_hard (BsReason reason, gboolean temporary)
{
  const Row *r = row (reason);
  return r != NULL && (r->hard == HARD || (r->hard == HARD_UNLESS_4 && !temporary));
}

gboolean
bs_reason_provider_refused (BsReason reason)
{
  return has (reason, PROVIDER);
}

gboolean
bs_reason_sender_auth (BsReason reason)
{
  return has (reason, AUTH);
}

BsAdviceKind
bs_reason_advice_kind (BsReason reason)
{
  const Row *r = row (reason);
  return r ? r->advice : BS_ADVICE_TEMPORARY;
}

const char *
bs_reason_label (BsReason reason, const char *lang)
{
  const Row *r = row (reason);
  return r == NULL ? NULL : is_ja (lang) ? r->ja : r->en;
}

BsReasonFamily
bs_reason_family (BsReason reason, const char *blocklist)
{
  if (blocklist != NULL && *blocklist != '\0')
    return BS_FAMILY_REPUTATION;
  const Row *r = row (reason);
  return r ? r->family : BS_FAMILY_OTHER;
}

const char *
bs_family_name (BsReasonFamily family)
{
  return family < BS_FAMILY_COUNT ? families[family].name : "other";
}

const char *
bs_family_color (BsReasonFamily family)
{
  return families[family < BS_FAMILY_COUNT ? family : BS_FAMILY_OTHER].color;
}

const char *
bs_family_shade (BsReasonFamily family, guint i)
{
  return families[family < BS_FAMILY_COUNT ? family : BS_FAMILY_OTHER].shades[i % 4];
}

const char *
bs_family_label (BsReasonFamily family, const char *lang)
{
  guint f = family < BS_FAMILY_COUNT ? family : BS_FAMILY_OTHER;
  return is_ja (lang) ? families[f].ja : families[f].en;
}
