/* labels.c - the words a reader sees for the reason families and the
 * reasons, English and Japanese (see labels.h)
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "labels.h"

#include <string.h>

typedef struct {
  const char *en;
  const char *ja;
} Text;

/* what the sender can do about a failure, per family (the headline tiles,
 * the charts' legends, the workbook's columns), and its colour */
static const struct {
  Text label;
  const char *color;
} family_labels[BS_FAMILY_COUNT] = {
  [BS_FAMILY_REPUTATION] = { { "Sending server's reputation or a blocklist",
                               "送信サーバーの評価・ブロックリスト" }, "#cf3f35" },
  [BS_FAMILY_ADDRESS] = { { "Wrong or closed address", "宛先アドレスの誤り・廃止" }, "#de8f1f" },
  [BS_FAMILY_MAILBOX_FULL] = { { "Mailbox full", "メールボックスの容量超過" }, "#3a7fc1" },
  [BS_FAMILY_OTHER] = { { "Other reasons", "その他の原因" }, "#8a94a6" },
};

/* what each Sisimai reason means, in a few words */
static const struct {
  const char *reason;
  Text text;
} reason_labels[] = {
  { "authfailure", { "SPF, DKIM or DMARC check failed", "送信ドメイン認証（SPF・DKIM・DMARC）の失敗" } },
  { "badreputation", { "Sending server's reputation too low", "送信サーバーの評価が低い" } },
  { "blocked", { "Sending IP address or host refused", "送信元IPアドレス・ホストの拒否" } },
  { "contenterror", { "Message content refused", "メールの内容による拒否" } },
  { "delivered", { "Delivered", "配信成功" } },
  { "exceedlimit", { "Over the recipient's size limit", "受信者のサイズ上限を超過" } },
  { "expired", { "Delivery time expired", "配送期限切れ（再送の打ち切り）" } },
  { "feedback", { "Complaint feedback report", "苦情フィードバック報告" } },
  { "filtered", { "Refused by the recipient's filter", "受信者側のフィルタによる拒否" } },
  { "hasmoved", { "Recipient has moved", "宛先アドレスの移転" } },
  { "hostunknown", { "Destination domain does not exist", "宛先ドメインが存在しない" } },
  { "mailboxfull", { "Mailbox full", "メールボックスの容量超過" } },
  { "mailererror", { "Mail program error at the destination", "宛先側のメールプログラムのエラー" } },
  { "mesgtoobig", { "Message too big", "メールのサイズが大きすぎる" } },
  { "networkerror", { "Network or DNS error", "ネットワークまたはDNSのエラー" } },
  { "norelaying", { "Relaying denied", "中継（リレー）の拒否" } },
  { "notaccept", { "Destination accepts no mail", "宛先がメールを受け付けていない" } },
  { "notcompliantrfc", { "Message does not follow the RFCs", "メールの形式がRFCに準拠していない" } },
  { "onhold", { "On hold: cause not decided", "保留（原因を特定できず）" } },
  { "policyviolation", { "Refused by the receiving site's policy", "受信側のポリシーによる拒否" } },
  { "rejected", { "Sender address refused", "送信者アドレスの拒否" } },
  { "requireptr", { "Sending IP has no reverse DNS (PTR)", "送信元IPに逆引き（PTR）がない" } },
  { "securityerror", { "Security error (authentication, TLS)", "セキュリティエラー（認証・TLS）" } },
  { "spamdetected", { "Judged as spam", "迷惑メールと判定" } },
  { "speeding", { "Sending too fast (rate limited)", "送信速度の制限" } },
  { "suspend", { "Recipient account suspended", "宛先アカウントの停止" } },
  { "syntaxerror", { "SMTP syntax error", "SMTPの構文エラー" } },
  { "systemerror", { "Error on the destination system", "宛先システムのエラー" } },
  { "systemfull", { "Destination system full", "宛先システムの容量不足" } },
  { "toomanyconn", { "Too many connections", "接続数の超過" } },
  { "undefined", { "Cause not determined", "原因不明" } },
  { "userunknown", { "Recipient address does not exist", "宛先アドレスが存在しない" } },
  { "vacation", { "Auto-reply (vacation)", "自動応答（不在通知）" } },
  { "virusdetected", { "Virus detected", "ウイルスの検出" } },
};

const char *
bs_label_family (BsReasonFamily family, gboolean ja)
{
  if (family >= BS_FAMILY_COUNT)
    family = BS_FAMILY_OTHER;
  return ja ? family_labels[family].label.ja : family_labels[family].label.en;
}

const char *
bs_label_family_color (BsReasonFamily family)
{
  return family_labels[family < BS_FAMILY_COUNT ? family : BS_FAMILY_OTHER].color;
}

const char *
bs_label_reason (const char *reason, gboolean ja)
{
  for (gsize i = 0; reason != NULL && i < G_N_ELEMENTS (reason_labels); i++)
    if (strcmp (reason_labels[i].reason, reason) == 0)
      return ja ? reason_labels[i].text.ja : reason_labels[i].text.en;
  return NULL;
}
