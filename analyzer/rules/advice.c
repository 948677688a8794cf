/* advice.c - what each reason and blocklist means, and what to do next
 *
 * Plain-language text, English and Japanese, for every bounce reason, every
 * blocklist id (rules/blocklists.c) and the special case of a Japanese
 * carrier's "Unknown user".  Lookup and delisting pages are the operators'
 * own public ones (tests/test-advice.c lists them); SORBS is gone
 * (2024-06-05) and has none.  Text lives here, not in code; advice.h finds it.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include "../advice.h"

#include <string.h>


/* a blocklist's or a special case's advice, keyed by its id */
#define EN(key, kind, title, expl, next, url) { BS_REASON_NONE, { key, "en", BS_ADVICE_##kind, title, expl, next, url } }
#define JA(key, kind, title, expl, next, url) { BS_REASON_NONE, { key, "ja", BS_ADVICE_##kind, title, expl, next, url } }
/* a reason's advice: its key (the name) and kind come from its row of
 * reasons.c when the table is first read */
#define EN_REASON(r, title, expl, next, url) { BS_REASON_##r, { NULL, "en", 0, title, expl, next, url } }
#define JA_REASON(r, title, expl, next, url) { BS_REASON_##r, { NULL, "ja", 0, title, expl, next, url } }

#define RELAY_EN "Meanwhile, mail to this recipient can go out through another SMTP relay (your provider's or a mail-sending service)."
#define RELAY_JA "解除されるまでの間は、別の SMTP リレー（契約先プロバイダや配信サービスの送信サーバー）経由で送ると届く場合があります。"
/* the same, as an incident shows it: a refused sending IP hits many
 * recipients' mail (bs_advice_next_step) */
#define RELAY_INCIDENT_EN "Meanwhile, the affected customers' mail can go out through another SMTP relay (your provider's or a mail-sending service)."
#define RELAY_INCIDENT_JA "解除されるまでの間は、影響を受けた顧客のメールを別の SMTP リレー（契約先プロバイダや配信サービスの送信サーバー）経由で送ると届く場合があります。"
#define SHARED_EN "If your mail goes out from a shared server (a rental server or hosting plan), the IP is the provider's: ask the hosting provider to handle it."
#define SHARED_JA "共用サーバー（レンタルサーバーやホスティング）から送っている場合、その IP アドレスは事業者のものです。ホスティング事業者に対応を依頼してください。"

typedef struct {
  BsReason reason;          /* the reason it explains, or NONE */
  BsAdvice a;
  char *incident_step;      /* a.next_step with RELAY_INCIDENT_*, or NULL (advice_init) */
} Entry;

static Entry advice[] = {
  /* ---------------- reasons ---------------- */
  EN_REASON (USERUNKNOWN, "The address does not exist",
      "The recipient's server says there is no mailbox with this address. The address is wrong, or it was closed.",
      "Check the spelling against a recent message from the person, or ask them by phone or another address. Do not keep sending to it: repeated mail to dead addresses harms your server's reputation.",
      NULL),
  JA_REASON (USERUNKNOWN, "宛先のアドレスが存在しません",
      "相手のメールサーバーが「このアドレスのメールボックスはない」と答えています。アドレスの誤りか、すでに廃止されたアドレスです。",
      "相手から届いたメールなどでつづりを確認するか、電話や別のアドレスで相手に確認してください。存在しないアドレスに送り続けると送信サーバーの評価が下がるため、再送はしないでください。",
      NULL),
  EN_REASON (HOSTUNKNOWN, "The domain does not exist",
      "The part after the @ (the domain) cannot be found on the Internet, so no server will take mail for it.",
      "Check the spelling of the domain. If it is right, the domain may have expired or stopped receiving mail: ask the person for a current address.",
      NULL),
  JA_REASON (HOSTUNKNOWN, "宛先のドメインが存在しません",
      "アドレスの @ より後ろ（ドメイン）がインターネット上に見つからないため、メールを受け取るサーバーがありません。",
      "ドメインのつづりを確認してください。正しい場合は、ドメインの契約切れやメール受信の停止が考えられます。相手に現在のアドレスを確認してください。",
      NULL),
  EN_REASON (MAILBOXFULL, "The recipient's mailbox is full",
      "The address exists, but the mailbox has no room left. Nothing is wrong on your side.",
      "Send again later, or let the person know by another way. If it stays full for weeks, the mailbox may no longer be read.",
      NULL),
  JA_REASON (MAILBOXFULL, "相手のメールボックスが満杯です",
      "アドレスは存在しますが、メールボックスの容量がいっぱいで受け取れません。送信側の問題ではありません。",
      "時間をおいて再送するか、電話など別の方法で相手に伝えてください。何週間も満杯が続く場合は、そのメールボックスは使われていない可能性があります。",
      NULL),
  EN_REASON (BLOCKED, "Your server was refused",
      "The recipient's server refused the connection from your mail server itself (its IP address or name), usually because of a blocklist or poor reputation. The address is probably fine.",
      "Look at the blocklist or code named in the bounce and check your server's IP on that list's lookup page. " SHARED_EN " " RELAY_EN,
      NULL),
  JA_REASON (BLOCKED, "送信サーバーが受信を拒否されました",
      "相手のサーバーが、宛先ではなく送信側のメールサーバー（IP アドレスやホスト名）を拒否しています。多くはブロックリスト登録や評価の低さが原因で、宛先アドレス自体は正しい可能性が高いです。",
      "エラー文に書かれたリスト名やコードを確認し、そのリストの検索ページで送信サーバーの IP を調べてください。" SHARED_JA RELAY_JA,
      NULL),
  EN_REASON (SPAMDETECTED, "The message looked like spam",
      "The recipient's spam filter judged the content of this message as spam.",
      "Review the message: links (especially shortened URLs), attachments, wording, and whether the sending domain and links are on a blocklist. Resend a plain version, or ask the recipient to allow your address.",
      NULL),
  JA_REASON (SPAMDETECTED, "迷惑メールと判定されました",
      "相手の迷惑メールフィルターが、このメールの内容を迷惑メールと判定しました。",
      "本文のリンク（特に短縮 URL）、添付ファイル、文面、送信元ドメインやリンク先ドメインがブロックリストに載っていないかを見直してください。簡素な内容で再送するか、相手に許可リストへの登録を依頼してください。",
      NULL),
  EN_REASON (POLICYVIOLATION, "Refused by the recipient's policy",
      "The recipient's organisation does not accept this kind of message (for example an attachment type, or posts from non-members to a list).",
      "Ask the recipient or their mail administrator what their policy allows; change the attachment type or send the file another way.",
      NULL),
  JA_REASON (POLICYVIOLATION, "相手側のポリシーで拒否されました",
      "相手の組織の規則で、この種類のメール（特定の添付ファイル形式、メンバー以外からのメーリングリスト投稿など）を受け付けていません。",
      "相手または相手のメール管理者に、受け付けられる形式を確認してください。添付ファイルの形式を変えるか、別の方法でファイルを渡してください。",
      NULL),
  EN_REASON (EXPIRED, "Delivery timed out",
      "Your server kept trying but could not deliver within its retry period, usually because the recipient's server did not answer.",
      "Check that the recipient's domain still has a working mail server; try again later. If it keeps failing, ask the person for another address.",
      NULL),
  JA_REASON (EXPIRED, "配送の期限切れです",
      "送信サーバーは再送を続けましたが、期限内に届けられませんでした。多くは相手のメールサーバーが応答しないためです。",
      "相手ドメインのメールサーバーが動いているか確認し、時間をおいて再送してください。失敗が続く場合は、相手に別のアドレスを確認してください。",
      NULL),
  EN_REASON (REJECTED, "Your sender address was refused",
      "The recipient's server refused the sender (envelope From) address or its domain, not the recipient's address.",
      "Check that the sender domain exists in DNS (MX or A record) and has a correct SPF record; make sure you do not send from an address you do not own. Ask the recipient to allow your address if they filter senders.",
      NULL),
  JA_REASON (REJECTED, "送信元アドレスが拒否されました",
      "相手のサーバーが、宛先ではなく送信元（エンベロープ From）のアドレスやドメインを拒否しています。",
      "送信元ドメインが DNS に正しく登録されているか（MX または A レコード）、SPF レコードが正しいかを確認し、自分のものではないアドレスを送信元にしていないか確認してください。相手が送信者を制限している場合は、許可を依頼してください。",
      NULL),
  EN_REASON (FILTERED, "Refused by the recipient's filter",
      "The address may exist, but the recipient's own settings (an allow list, a domain filter) refused your message.",
      "Ask the recipient, by another way, to allow your address or domain in their reception settings, then send again.",
      NULL),
  JA_REASON (FILTERED, "相手の受信設定で拒否されました",
      "アドレスは存在する可能性がありますが、相手側の受信設定（指定受信やドメイン拒否など）で拒否されました。",
      "別の方法で相手に連絡し、受信設定であなたのアドレスまたはドメインを許可してもらってから再送してください。",
      NULL),
  EN_REASON (SUSPEND, "The recipient's account is suspended",
      "The mailbox exists but is disabled or suspended (unpaid, inactive, or closed by the provider).",
      "Contact the person another way. If the account stays disabled, remove the address from your lists.",
      NULL),
  JA_REASON (SUSPEND, "相手のアカウントが停止されています",
      "メールボックスは存在しますが、停止または無効になっています（未払い、長期間の未使用、事業者による停止など）。",
      "別の方法で相手に連絡してください。停止が続く場合は、送信先リストからこのアドレスを外してください。",
      NULL),
  EN_REASON (TOOMANYCONN, "Too many connections or recipients",
      "The recipient's server limits how many connections or recipients it accepts at once, and your server went over the limit.",
      "Usually your server retries by itself. If it keeps happening, ask your mail administrator to send fewer messages in parallel, or split large recipient lists.",
      NULL),
  JA_REASON (TOOMANYCONN, "同時接続数や宛先数の上限を超えました",
      "相手のサーバーが一度に受け付ける接続数や宛先数に上限があり、その上限を超えました。",
      "通常は送信サーバーが自動で再送します。頻繁に起きる場合は、メール管理者に同時送信数を減らすよう依頼するか、宛先を分けて送ってください。",
      NULL),
  EN_REASON (NETWORKERROR, "Network or DNS problem",
      "Your server could not reach the recipient's server (DNS lookup failure, routing problem, or a mail loop).",
      "Try again later. If it keeps failing, ask your mail administrator to check the recipient domain's DNS (MX records) and the route to it.",
      NULL),
  JA_REASON (NETWORKERROR, "ネットワークまたは DNS の問題です",
      "相手のサーバーに到達できませんでした（DNS の検索失敗、経路の問題、メールのループなど）。",
      "時間をおいて再送してください。失敗が続く場合は、メール管理者に相手ドメインの DNS（MX レコード）と経路の確認を依頼してください。",
      NULL),
  EN_REASON (SYSTEMERROR, "The recipient's server had an error",
      "The recipient's mail server failed internally (configuration or software error). The address may well be fine.",
      "Try again later. If it keeps failing, let the recipient know so that their administrator can fix it.",
      NULL),
  JA_REASON (SYSTEMERROR, "相手サーバーの内部エラーです",
      "相手のメールサーバー内部でエラー（設定やソフトウェアの不具合）が起きました。アドレス自体は正しい可能性があります。",
      "時間をおいて再送してください。失敗が続く場合は、相手に伝えて先方の管理者に対応してもらってください。",
      NULL),
  EN_REASON (SYSTEMFULL, "The recipient's server is out of space",
      "The recipient's mail server has no disk space left for new mail.",
      "Wait and send again later; tell the recipient if it lasts more than a day.",
      NULL),
  JA_REASON (SYSTEMFULL, "相手サーバーの容量不足です",
      "相手のメールサーバーのディスク容量が不足し、新しいメールを受け取れません。",
      "時間をおいて再送してください。1 日以上続く場合は相手に知らせてください。",
      NULL),
  EN_REASON (MESGTOOBIG, "The message is too large",
      "The message (with its attachments) is larger than the recipient's server accepts.",
      "Make the message smaller: compress or remove attachments, or share large files through a download link.",
      NULL),
  JA_REASON (MESGTOOBIG, "メールのサイズが大きすぎます",
      "添付ファイルを含むメールのサイズが、相手のサーバーが受け付ける上限を超えています。",
      "添付ファイルを圧縮・削除するか、大きなファイルはダウンロードリンクで共有してください。",
      NULL),
  EN_REASON (EXCEEDLIMIT, "Over the recipient's size limit",
      "The message exceeds a limit the recipient set (message or header size).",
      "Send a smaller message, or share files through a download link.",
      NULL),
  JA_REASON (EXCEEDLIMIT, "相手が設定した上限を超えています",
      "メールが、相手側で設定されたサイズなどの上限を超えています。",
      "サイズを小さくして再送するか、ファイルはダウンロードリンクで共有してください。",
      NULL),
  EN_REASON (CONTENTERROR, "The message format was refused",
      "The recipient's server could not accept the message's format (headers, encoding or MIME structure).",
      "Check the mail software or template that made the message; resend from an ordinary mail client to see whether it passes.",
      NULL),
  JA_REASON (CONTENTERROR, "メールの形式が受け付けられませんでした",
      "ヘッダー、文字コード、MIME 構造など、メールの形式を相手のサーバーが受け付けませんでした。",
      "メールを作成したソフトやテンプレートを確認し、通常のメールソフトから送り直して届くか試してください。",
      NULL),
  EN_REASON (SECURITYERROR, "A security requirement was not met",
      "The server required something your server did not provide: SMTP authentication, encryption (TLS), or valid credentials.",
      "Check the SMTP server, port, user name, password and encryption settings of the program that sends the mail; ask your mail administrator if unsure.",
      NULL),
  JA_REASON (SECURITYERROR, "セキュリティ上の条件を満たしていません",
      "SMTP 認証、暗号化（TLS）、正しい認証情報など、サーバーが求める条件を送信側が満たしていませんでした。",
      "送信に使うソフトの SMTP サーバー名、ポート番号、ユーザー名、パスワード、暗号化の設定を確認してください。分からない場合はメール管理者に相談してください。",
      NULL),
  EN_REASON (VIRUSDETECTED, "A virus was detected",
      "The recipient's virus scanner found malware (or a dangerous attachment type) in the message.",
      "Scan the sending computer for viruses, and send the file in another way (or without the attachment).",
      NULL),
  JA_REASON (VIRUSDETECTED, "ウイルスが検出されました",
      "相手のウイルス対策ソフトが、メールにマルウェア（または危険な形式の添付ファイル）を検出しました。",
      "送信したパソコンのウイルス検査を行い、ファイルは別の方法で渡すか、添付せずに送ってください。",
      NULL),
  EN_REASON (NORELAYING, "The server will not relay this mail",
      "The server you sent through refused to pass the message on, because it does not handle that domain or you did not log in (SMTP authentication).",
      "Check the outgoing (SMTP) server settings of your mail program: the right server name, SMTP authentication turned on, the submission port (587).",
      NULL),
  JA_REASON (NORELAYING, "サーバーが中継を拒否しました",
      "送信に使ったサーバーが、担当外のドメインであるか、SMTP 認証がされていないため、メールの中継を拒否しました。",
      "メールソフトの送信（SMTP）サーバーの設定を確認してください。サーバー名、SMTP 認証の有効化、サブミッションポート（587 番）が正しいかを見てください。",
      NULL),
  EN_REASON (NOTACCEPT, "The domain accepts no mail",
      "The recipient's domain declares that it receives no mail at all (null MX), or its server does not accept mail.",
      "The address cannot receive mail; ask the person for another address.",
      NULL),
  JA_REASON (NOTACCEPT, "宛先ドメインはメールを受け付けていません",
      "宛先のドメインが、メールを一切受け取らないと宣言しているか（Null MX）、サーバーがメールを受け付けていません。",
      "このアドレスにはメールを届けられません。相手に別のアドレスを確認してください。",
      NULL),
  EN_REASON (HASMOVED, "The recipient has moved",
      "The address is no longer used; the person moved to another address.",
      "Ask the person for the new address and update your address book or list.",
      NULL),
  JA_REASON (HASMOVED, "宛先は移転しました",
      "このアドレスはもう使われておらず、相手は別のアドレスに移っています。",
      "相手に新しいアドレスを確認し、アドレス帳や送信先リストを更新してください。",
      NULL),
  EN_REASON (SYNTAXERROR, "SMTP command error",
      "The servers did not understand each other: a command was sent out of order or with a bad parameter.",
      "Usually a software or configuration problem on the sending side; ask your mail administrator.",
      NULL),
  JA_REASON (SYNTAXERROR, "SMTP コマンドのエラーです",
      "送信側のコマンドの順序やパラメーターが正しくなく、サーバー同士のやり取りが成立しませんでした。",
      "多くは送信側ソフトウェアや設定の問題です。メール管理者に相談してください。",
      NULL),
  EN_REASON (MAILERERROR, "Delivery program failed at the recipient",
      "The recipient's server accepted the mail, but the program that stores or forwards it failed.",
      "This is the recipient side's problem; let the person know so their administrator can look at it.",
      NULL),
  JA_REASON (MAILERERROR, "相手側の配送プログラムが失敗しました",
      "相手のサーバーはメールを受け取りましたが、保存や転送を行うプログラムが失敗しました。",
      "相手側の問題です。相手に伝えて、先方の管理者に確認してもらってください。",
      NULL),
  EN_REASON (ONHOLD, "Not enough information",
      "The bounce does not say clearly why delivery failed.",
      "Read the diagnostic text of the bounce. If you see this often for one provider, a rules file (--rules) can classify it.",
      NULL),
  JA_REASON (ONHOLD, "原因を判断できる情報が不足しています",
      "エラーメールに、配送失敗の理由がはっきり書かれていません。",
      "エラーメールの診断メッセージを確認してください。同じ事業者で頻繁に起きる場合は、ルールファイル（--rules）で分類を追加できます。",
      NULL),
  EN_REASON (DELIVERED, "Delivered",
      "This report confirms the message was delivered. It is not a failure.",
      "Nothing to do.",
      NULL),
  JA_REASON (DELIVERED, "配送されました",
      "メールが正常に配送されたことを知らせる通知です。エラーではありません。",
      "対応は不要です。",
      NULL),
  EN_REASON (VACATION, "Automatic reply",
      "An out-of-office or other automatic reply; your message was delivered.",
      "Nothing to do; read it for the person's return date or another contact.",
      NULL),
  JA_REASON (VACATION, "自動応答です",
      "不在通知などの自動返信で、メールは届いています。",
      "対応は不要です。戻りの日付や代わりの連絡先が書かれていないか確認してください。",
      NULL),
  EN_REASON (FEEDBACK, "Complaint report",
      "A mailbox provider reports that the recipient marked your message as spam (a feedback loop report).",
      "Stop sending to this recipient and check that everyone on your list asked for your mail; many complaints lower your server's reputation.",
      NULL),
  JA_REASON (FEEDBACK, "苦情報告（迷惑メール報告）です",
      "受信者があなたのメールを迷惑メールとして報告したことを、メール事業者が知らせています（フィードバックループ）。",
      "この受信者への送信を止め、送信先リストの全員が配信に同意しているか確認してください。苦情が多いと送信サーバーの評価が下がります。",
      NULL),
  EN_REASON (AUTHFAILURE, "Sender authentication (SPF/DKIM/DMARC) failed",
      "The recipient's server could not confirm that your server may send for your domain: SPF, DKIM or DMARC failed. The address is fine; your domain's settings are the problem.",
      "Ask whoever manages your domain's DNS (or the hosting provider) to add the sending server to SPF, to sign mail with DKIM, and to check DMARC alignment. Mail from a service that sends in your name needs its own SPF/DKIM entries.",
      NULL),
  JA_REASON (AUTHFAILURE, "送信ドメイン認証（SPF・DKIM・DMARC）に失敗しました",
      "送信サーバーがあなたのドメインのメールを送ってよいことを、相手が確認できませんでした（SPF、DKIM、DMARC のいずれかが失敗）。宛先アドレスではなく、送信ドメインの設定の問題です。",
      "ドメインの DNS を管理している担当者（またはホスティング事業者）に、送信サーバーを SPF に追加すること、DKIM 署名を行うこと、DMARC の整合を確認することを依頼してください。配信サービスなどからあなたの名前で送る場合は、そのサービス用の SPF・DKIM 設定も必要です。",
      NULL),
  EN_REASON (BADREPUTATION, "Your server's reputation is too low",
      "The recipient's provider refused or slowed down mail because the reputation of your sending IP or domain is low (complaints, spam-like volume, poor history). The address is fine.",
      "Send less and more slowly, stop mailing people who did not ask for it, and check the provider's postmaster tools. " SHARED_EN " Reputation recovers over days or weeks once the cause stops. " RELAY_EN,
      NULL),
  JA_REASON (BADREPUTATION, "送信サーバーの評価が低いため拒否されました",
      "苦情の多さ、迷惑メールに似た送信量、過去の履歴などにより、送信元 IP アドレスやドメインの評価が低いため、相手の事業者が受信を拒否または制限しました。宛先アドレスは正しいです。",
      "送信量と送信速度を抑え、配信を希望していない相手への送信をやめ、相手事業者の送信者向けツールで状況を確認してください。" SHARED_JA "原因がなくなれば、評価は数日から数週間で回復します。" RELAY_JA,
      NULL),
  EN_REASON (REQUIREPTR, "Your server has no reverse DNS (PTR)",
      "The recipient's server requires the sending IP to have a reverse DNS name (PTR record) that matches, and yours has none or a mismatched one.",
      "Ask whoever owns the sending IP (your hosting provider or ISP) to set a PTR record for it, matching the name your server announces (HELO). " RELAY_EN,
      NULL),
  JA_REASON (REQUIREPTR, "送信サーバーの逆引き（PTR）が設定されていません",
      "相手のサーバーは、送信元 IP アドレスに一致する逆引き名（PTR レコード）を求めていますが、送信サーバーには設定がないか、一致していません。",
      "送信元 IP アドレスの管理者（ホスティング事業者やプロバイダ）に、サーバーが名乗るホスト名（HELO）と一致する PTR レコードの設定を依頼してください。" RELAY_JA,
      NULL),
  EN_REASON (NOTCOMPLIANTRFC, "The message breaks the e-mail format rules",
      "The message does not follow RFC 5322: for example duplicate Subject or From headers, several addresses in From, or no Message-ID.",
      "Fix the program or template that builds the message (one From, one Subject, a Message-ID and a Date), then send again.",
      NULL),
  JA_REASON (NOTCOMPLIANTRFC, "メールの形式が規格（RFC 5322）に違反しています",
      "件名や From ヘッダーの重複、From に複数のアドレス、Message-ID がないなど、メールの規格に沿っていません。",
      "メールを作成するプログラムやテンプレートを修正し（From・件名は 1 つ、Message-ID と Date を付ける）、再送してください。",
      NULL),
  EN_REASON (SPEEDING, "Sending too fast",
      "The recipient's provider limits how fast it accepts mail (from your server, or for this recipient), and the limit was reached.",
      "Send more slowly and spread large mailings over time; the mail usually goes through when retried later.",
      NULL),
  JA_REASON (SPEEDING, "送信の速度・量が上限を超えました",
      "相手の事業者が、送信サーバーから（または特定の宛先への）受信速度を制限しており、その上限に達しました。",
      "送信速度を落とし、大量の送信は時間を分けて行ってください。時間をおいた再送で届くことがほとんどです。",
      NULL),
  EN_REASON (UNDEFINED, "Reason unknown",
      "The bounce could not be classified.",
      "Read the bounce's diagnostic text; if the same text comes often, add a rule for it in a rules file (--rules).",
      NULL),
  JA_REASON (UNDEFINED, "原因を特定できません",
      "このエラーメールの原因を分類できませんでした。",
      "エラーメールの診断メッセージを確認してください。同じ文面が頻繁に来る場合は、ルールファイル（--rules）に規則を追加してください。",
      NULL),

  /* ---------------- blocklists and reputation systems ---------------- */
  EN ("spamhaus-zen", REPUTATION, "Listed by Spamhaus",
      "Your sending IP is on a Spamhaus list (ZEN combines SBL, CSS, XBL and PBL), which many providers, Microsoft and Gmail included, enforce. Your address list is not the problem.",
      "Look up the IP on check.spamhaus.org to see which list it is on and why. PBL, XBL and CSS listings can be removed by you after fixing the cause (usually effective within hours); SBL listings go through the IP's network operator. " SHARED_EN " " RELAY_EN,
      "https://check.spamhaus.org/"),
  JA ("spamhaus-zen", REPUTATION, "Spamhaus のリストに登録されています",
      "送信元 IP アドレスが Spamhaus のリスト（ZEN は SBL・CSS・XBL・PBL をまとめたもの）に載っています。Microsoft や Gmail を含む多くの事業者が利用しています。宛先アドレスの問題ではありません。",
      "check.spamhaus.org で IP を検索し、どのリストに、なぜ載っているかを確認してください。PBL・XBL・CSS は原因を解消すれば自分で解除を申請でき、通常は数時間で反映されます。SBL は IP を管理するネットワーク事業者を通じての対応になります。" SHARED_JA RELAY_JA,
      "https://check.spamhaus.org/"),
  EN ("spamhaus-sbl", REPUTATION, "Listed on the Spamhaus SBL",
      "The Spamhaus Block List names the IP as a spam source or spam support service; listings are made by hand.",
      "The SBL record names the responsible network: the network operator (your hosting provider or ISP) must fix the cause and ask for removal, which can take days. " RELAY_EN,
      "https://check.spamhaus.org/"),
  JA ("spamhaus-sbl", REPUTATION, "Spamhaus SBL に登録されています",
      "Spamhaus Block List は、迷惑メールの送信元や関連サービスとして人手で登録する IP リストです。",
      "SBL の記録には担当ネットワークが書かれています。ネットワーク事業者（ホスティング事業者やプロバイダ）が原因を解消して解除を申請する必要があり、数日かかることがあります。" RELAY_JA,
      "https://check.spamhaus.org/"),
  EN ("spamhaus-css", REPUTATION, "Listed on the Spamhaus CSS",
      "The CSS is Spamhaus's automatic list of low-reputation senders (for example spread-out \"snowshoe\" sending).",
      "Find and stop the cause (a compromised account, a bad mailing), then request removal on check.spamhaus.org; it usually takes effect within hours. " SHARED_EN,
      "https://check.spamhaus.org/"),
  JA ("spamhaus-css", REPUTATION, "Spamhaus CSS に登録されています",
      "CSS は、評価の低い送信元（分散した大量送信など）を Spamhaus が自動で登録するリストです。",
      "原因（乗っ取られたアカウントや問題のある一斉送信など）を特定して止めてから、check.spamhaus.org で解除を申請してください。通常は数時間で反映されます。" SHARED_JA,
      "https://check.spamhaus.org/"),
  EN ("spamhaus-xbl", REPUTATION, "Listed on the Spamhaus XBL (CBL)",
      "The XBL (formerly CBL) lists IPs seen acting as infected or hijacked machines: bots, open proxies, password-guessing.",
      "Check the computers and devices behind the IP for malware or a compromised account, fix it, then remove the IP yourself on check.spamhaus.org (usually effective within hours). Removing it without fixing the cause brings it back. " SHARED_EN,
      "https://check.spamhaus.org/"),
  JA ("spamhaus-xbl", REPUTATION, "Spamhaus XBL（CBL）に登録されています",
      "XBL（旧 CBL）は、ウイルス感染や乗っ取りの兆候（ボット、オープンプロキシ、パスワード総当たりなど）が見られた IP のリストです。",
      "その IP の背後にあるパソコンや機器のマルウェア感染、アカウントの乗っ取りを調べて対処し、check.spamhaus.org で自分で解除を申請してください（通常は数時間で反映）。原因を残したまま解除すると再登録されます。" SHARED_JA,
      "https://check.spamhaus.org/"),
  EN ("spamhaus-pbl", REPUTATION, "Listed on the Spamhaus PBL",
      "The PBL lists address ranges that should not send mail straight to other servers (home and dynamic connections). It is not an accusation of spam.",
      "Send through your provider's mail server (smarthost) instead of directly. If the IP really is your mail server's fixed address, remove it yourself on check.spamhaus.org or ask the ISP, which maintains some ranges.",
      "https://check.spamhaus.org/"),
  JA ("spamhaus-pbl", REPUTATION, "Spamhaus PBL に登録されています",
      "PBL は、一般家庭向けや動的 IP など、他のサーバーへ直接メールを送るべきでないアドレス範囲のリストです。迷惑メール送信を意味するものではありません。",
      "直接送らず、プロバイダのメールサーバー（スマートホスト）経由で送ってください。その IP が本当に自社メールサーバーの固定アドレスなら、check.spamhaus.org で自分で解除するか、範囲を登録しているプロバイダに依頼してください。",
      "https://check.spamhaus.org/"),
  EN ("spamhaus-dbl", CONTENT, "A domain in the message is on the Spamhaus DBL",
      "A domain in the message (the From address, a link, or the server name) is on Spamhaus's domain blocklist.",
      "Look up your domains and the link domains on check.spamhaus.org; if a site of yours was compromised, clean it, then request removal. Remove links to listed domains.",
      "https://check.spamhaus.org/"),
  JA ("spamhaus-dbl", CONTENT, "メール内のドメインが Spamhaus DBL に登録されています",
      "メールに含まれるドメイン（送信元アドレス、本文のリンク、サーバー名など）が、Spamhaus のドメインブロックリストに載っています。",
      "check.spamhaus.org で自社ドメインとリンク先ドメインを検索してください。自社サイトが改ざんされている場合は修復してから解除を申請し、登録されたドメインへのリンクは削除してください。",
      "https://check.spamhaus.org/"),
  EN ("spamcop", REPUTATION, "Listed by SpamCop",
      "SpamCop users or spam traps reported mail from your IP.",
      "Check the IP on the SpamCop page and look for a compromised account or a mailing people did not ask for. Listings expire on their own once reports stop; there is no removal request. " RELAY_EN,
      "https://www.spamcop.net/bl.shtml"),
  JA ("spamcop", REPUTATION, "SpamCop に登録されています",
      "SpamCop の利用者やスパムトラップから、この IP のメールが報告されました。",
      "SpamCop のページで IP を確認し、乗っ取られたアカウントや同意のない一斉送信がないか調べてください。報告が止まれば自動的に解除され、解除申請の仕組みはありません。" RELAY_JA,
      "https://www.spamcop.net/bl.shtml"),
  EN ("barracuda", REPUTATION, "Barracuda reputation is poor",
      "The recipient uses Barracuda, whose reputation list rates your IP as poor. Some Barracuda appliances check addresses from the Received headers, so the listed IP may be your office's, not your mail server's.",
      "Look up the IP at Barracuda Central and submit the removal request there (reviewed by hand, usually within a day or so). " SHARED_EN " " RELAY_EN,
      "https://barracudacentral.org/"),
  JA ("barracuda", REPUTATION, "Barracuda の評価が低いと判定されました",
      "相手が Barracuda を使っており、その評価リストで送信元 IP が低評価になっています。Barracuda 製品の中には Received ヘッダーの IP も調べるものがあり、メールサーバーではなく社内ネットワークの IP が原因の場合もあります。",
      "Barracuda Central で IP を検索し、同サイトから解除を申請してください（人手で審査され、通常 1 日程度です）。" SHARED_JA RELAY_JA,
      "https://barracudacentral.org/"),
  EN ("sorbs", REPUTATION, "Refused by SORBS, a list that no longer exists",
      "SORBS was shut down by Proofpoint on 5 June 2024 and its lists were emptied. A refusal naming SORBS means the recipient's server still has an outdated setting.",
      "There is no SORBS delisting any more, and old SORBS pages should not be used. Ask the recipient to have their mail administrator remove SORBS from their server settings. " RELAY_EN,
      NULL),
  JA ("sorbs", REPUTATION, "すでに存在しない SORBS を理由に拒否されました",
      "SORBS は 2024 年 6 月 5 日に Proofpoint によって運用が終了し、リストは空になっています。SORBS を理由にした拒否は、相手サーバーに古い設定が残っていることを意味します。",
      "SORBS の解除申請はもうできず、古い SORBS のページも使わないでください。相手に連絡し、先方のメール管理者にサーバー設定から SORBS を外してもらうよう依頼してください。" RELAY_JA,
      NULL),
  EN ("uceprotect-l1", REPUTATION, "Listed on UCEPROTECT level 1",
      "UCEPROTECT level 1 lists a single IP that hit its spam traps.",
      "Find and stop the cause. The listing expires by itself after 7 days without new hits; the paid express removal is not needed. " RELAY_EN,
      "https://www.uceprotect.net/en/rblcheck.php"),
  JA ("uceprotect-l1", REPUTATION, "UCEPROTECT レベル 1 に登録されています",
      "UCEPROTECT レベル 1 は、スパムトラップに届いた送信元 IP を個別に登録するリストです。",
      "原因を特定して止めてください。新たな検出がなければ 7 日で自動的に解除されます。有料の早期解除は必須ではありません。" RELAY_JA,
      "https://www.uceprotect.net/en/rblcheck.php"),
  EN ("uceprotect-l2", REPUTATION, "Listed on UCEPROTECT level 2",
      "UCEPROTECT level 2 lists a whole address range because several IPs near yours misbehaved; your own IP may be clean.",
      "You cannot remove a level 2 listing yourself: it clears when the provider's range cleans up. Tell your hosting provider, and ask the recipient whether they can stop using level 2. " RELAY_EN,
      "https://www.uceprotect.net/en/rblcheck.php"),
  JA ("uceprotect-l2", REPUTATION, "UCEPROTECT レベル 2 に登録されています",
      "UCEPROTECT レベル 2 は、近くの複数の IP に問題があったため、アドレス範囲ごと登録するリストです。あなたの IP 自体には問題がない場合もあります。",
      "レベル 2 は自分で解除できず、事業者のアドレス範囲全体が改善すると解除されます。ホスティング事業者に伝え、相手にはレベル 2 の利用をやめられないか相談してください。" RELAY_JA,
      "https://www.uceprotect.net/en/rblcheck.php"),
  EN ("uceprotect-l3", REPUTATION, "Listed on UCEPROTECT level 3",
      "UCEPROTECT level 3 lists an entire provider network (ASN). It says nothing about your server in particular.",
      "Only the provider can change this. Ask the recipient's administrator not to reject on level 3 alone, and tell your hosting provider. " RELAY_EN,
      "https://www.uceprotect.net/en/rblcheck.php"),
  JA ("uceprotect-l3", REPUTATION, "UCEPROTECT レベル 3 に登録されています",
      "UCEPROTECT レベル 3 は、事業者のネットワーク（AS）全体を登録するリストで、あなたのサーバー個別の問題を示すものではありません。",
      "事業者側でしか対応できません。相手のメール管理者にレベル 3 だけを理由に拒否しないよう依頼し、ホスティング事業者にも伝えてください。" RELAY_JA,
      "https://www.uceprotect.net/en/rblcheck.php"),
  EN ("psbl", REPUTATION, "Listed on PSBL",
      "The Passive Spam Block List lists IPs that sent mail to its spam traps.",
      "Stop the cause, then remove the IP yourself with the form on psbl.org; removal is immediate.",
      "https://psbl.org/"),
  JA ("psbl", REPUTATION, "PSBL に登録されています",
      "PSBL（Passive Spam Block List）は、スパムトラップにメールを送った IP を登録するリストです。",
      "原因を止めてから、psbl.org のフォームで自分で解除してください。解除はすぐに反映されます。",
      "https://psbl.org/"),
  EN ("mailspike", REPUTATION, "Listed by Mailspike",
      "Mailspike saw your IP take part in a wave of spam, or rates its reputation low.",
      "Look up the IP on the Mailspike page and use its self-service removal after fixing the cause; it usually clears within hours. " RELAY_EN,
      "https://mailspike.org/lookup.html"),
  JA ("mailspike", REPUTATION, "Mailspike に登録されています",
      "Mailspike が、送信元 IP を迷惑メールの大量送信に関わったと判断したか、評価を低くしています。",
      "Mailspike のページで IP を検索し、原因を解消してからセルフサービスで解除してください。通常は数時間で解除されます。" RELAY_JA,
      "https://mailspike.org/lookup.html"),
  EN ("spamrats", REPUTATION, "Listed by SpamRATS",
      "SpamRATS lists IPs with a generic-looking or missing reverse DNS name (RATS-Dyna, RATS-NoPtr), or seen spamming or guessing passwords (RATS-Spam, RATS-Auth).",
      "For Dyna and NoPtr, first have the IP owner set a proper PTR name; then request removal on the SpamRATS removal page. " SHARED_EN,
      "https://spamrats.com/removal.php"),
  JA ("spamrats", REPUTATION, "SpamRATS に登録されています",
      "SpamRATS は、逆引き名が一般的（動的に見える）か存在しない IP（RATS-Dyna、RATS-NoPtr）、迷惑メール送信やパスワード総当たりが見られた IP（RATS-Spam、RATS-Auth）を登録します。",
      "Dyna・NoPtr の場合は、まず IP の管理者に適切な逆引き名（PTR）を設定してもらい、その後 SpamRATS の解除ページから申請してください。" SHARED_JA,
      "https://spamrats.com/removal.php"),
  EN ("invaluement", REPUTATION, "Listed by Invaluement",
      "Invaluement is a commercial blocklist of spam-sending IPs (ivmSIP), ranges (ivmSIP/24) and spam-advertised domains (ivmURI).",
      "Fix the cause, then use the delisting request form on invaluement.com; a /24 listing caused only by your neighbours can be removed. " SHARED_EN,
      "https://www.invaluement.com/"),
  JA ("invaluement", REPUTATION, "Invaluement に登録されています",
      "Invaluement は、迷惑メールを送る IP（ivmSIP）、アドレス範囲（ivmSIP/24）、迷惑メールで宣伝されたドメイン（ivmURI）を登録する商用リストです。",
      "原因を解消してから、invaluement.com の解除申請フォームを使ってください。近隣の IP だけが原因の /24 登録は解除できます。" SHARED_JA,
      "https://www.invaluement.com/"),
  EN ("proofpoint", REPUTATION, "Refused by Proofpoint's reputation service",
      "The recipient uses Proofpoint, whose dynamic reputation blocks or slows your IP. Its state can change from day to day.",
      "Check the IP on Proofpoint's IP check page and submit its removal request form; fix any recent cause (volume spikes, complaints). " SHARED_EN " " RELAY_EN,
      "https://ipcheck.proofpoint.com/"),
  JA ("proofpoint", REPUTATION, "Proofpoint の評価で拒否されました",
      "相手が Proofpoint を利用しており、その動的な評価で送信元 IP が拒否または制限されています。状態は日々変わることがあります。",
      "Proofpoint の IP チェックページで IP を確認し、解除申請フォームを送ってください。送信量の急増や苦情など、最近の原因も解消してください。" SHARED_JA RELAY_JA,
      "https://ipcheck.proofpoint.com/"),
  EN ("cloudmark", REPUTATION, "Poor reputation at Cloudmark",
      "Cloudmark Sender Intelligence (CSI), used by providers such as GoDaddy, Cox and Orange, rates your IP as poor.",
      "Use Cloudmark's IP reset request form (from its knowledge base and the CSI site) after fixing the cause. " SHARED_EN " " RELAY_EN,
      "https://csi.cloudmark.com/"),
  JA ("cloudmark", REPUTATION, "Cloudmark の評価が低いと判定されました",
      "GoDaddy、Cox、Orange などが利用する Cloudmark Sender Intelligence（CSI）で、送信元 IP の評価が低くなっています。",
      "原因を解消してから、Cloudmark の IP リセット申請フォーム（CSI サイトやナレッジベースから）を使ってください。" SHARED_JA RELAY_JA,
      "https://csi.cloudmark.com/"),
  EN ("microsoft-olc", REPUTATION, "Blocked by Outlook.com / Hotmail",
      "Microsoft's consumer mail (outlook.com, hotmail, live, msn) blocked your sending IP (codes such as S3150, S3140, SC-001, DY-001). The recipient's address is fine.",
      "Submit Microsoft's sender support form with the IP and the bounce: an automatic reply comes within about an hour and a decision usually within 12 hours (\"mitigated\", \"conditionally mitigated\", or \"not qualified for mitigation\"). Blocks often come back; keep volume steady and lists clean. " SHARED_EN " " RELAY_EN,
      "https://support.microsoft.com/supportrequestform/8ad563e3-288e-2a61-8122-3ba03d6b8d75"),
  JA ("microsoft-olc", REPUTATION, "Outlook.com / Hotmail にブロックされました",
      "Microsoft の個人向けメール（outlook.com、hotmail、live、msn）が送信元 IP をブロックしています（S3150、S3140、SC-001、DY-001 などのコード）。宛先アドレスは正しいです。",
      "Microsoft の送信者サポートフォームに IP とエラーメールを添えて申請してください。約 1 時間以内に自動返信があり、通常 12 時間以内に結果（緩和、条件付き緩和、緩和対象外）が届きます。解除後に再ブロックされることも多いため、送信量を安定させ、リストを整理してください。" SHARED_JA RELAY_JA,
      "https://support.microsoft.com/supportrequestform/8ad563e3-288e-2a61-8122-3ba03d6b8d75"),
  EN ("microsoft-eop", REPUTATION, "On Microsoft 365's blocked senders list",
      "Microsoft 365 / Exchange Online (business mailboxes) put your sending IP on its blocked list (5.7.606 to 5.7.649, or 5.7.511).",
      "For 5.7.606-5.7.649 use the delist portal sender.office.com: one e-mail address and one IP per visit, confirm the link it mails you; removal takes up to 24 hours. For 5.7.511 the portal cannot be used: forward the whole bounce with the IP to delist@messaging.microsoft.com (answer within about 48 hours). " RELAY_EN,
      "https://sender.office.com/"),
  JA ("microsoft-eop", REPUTATION, "Microsoft 365 のブロックリストに登録されています",
      "Microsoft 365 / Exchange Online（企業向けメール）が、送信元 IP をブロックリストに登録しています（5.7.606〜5.7.649、または 5.7.511）。",
      "5.7.606〜5.7.649 の場合は解除ポータル sender.office.com を使ってください。1 回につきメールアドレス 1 つと IP 1 つを入力し、届いた確認リンクを開きます。解除には最大 24 時間かかります。5.7.511 の場合はポータルが使えないため、エラーメール全体と IP を delist@messaging.microsoft.com に転送してください（約 48 時間以内に回答）。" RELAY_JA,
      "https://sender.office.com/"),
  EN ("recipient-blocklist", RECIPIENT, "On the recipient organisation's own block list",
      "The recipient's organisation blocks you in its own settings (for example Microsoft 365's customer block list). There is no public list to be removed from.",
      "Ask the recipient, by another way, to have their administrator remove your address, domain or IP from their block list.",
      NULL),
  JA ("recipient-blocklist", RECIPIENT, "相手組織独自のブロックリストに登録されています",
      "相手の組織が、自社の設定（Microsoft 365 の組織のブロックリストなど）であなたを拒否しています。公開リストではないため、外部から解除申請はできません。",
      "別の方法で相手に連絡し、先方の管理者にあなたのアドレス、ドメイン、IP をブロックリストから外してもらうよう依頼してください。",
      NULL),
  EN ("gmail", REPUTATION, "Refused by Gmail's own checks",
      "Gmail rejected or slowed mail because of its own checks: the reputation of your IP or domain, an unusual rate of mail, missing reverse DNS, or failed SPF/DKIM/DMARC.",
      "Gmail takes no delisting requests. Follow Google's sender guidelines (SPF, DKIM, DMARC, a PTR record, low complaint rate), watch your domain in Postmaster Tools, and slow down; reputation recovers over days or weeks. " RELAY_EN,
      "https://support.google.com/mail/answer/81126"),
  JA ("gmail", REPUTATION, "Gmail 独自の判定で拒否されました",
      "Gmail が独自の判定（IP やドメインの評価、送信量の急増、逆引きの未設定、SPF・DKIM・DMARC の失敗など）でメールを拒否または制限しました。",
      "Gmail は解除申請を受け付けていません。Google の送信者ガイドライン（SPF、DKIM、DMARC、PTR レコード、低い苦情率）に沿って設定を見直し、Postmaster Tools で状況を確認しながら送信速度を落としてください。評価は数日から数週間で回復します。" RELAY_JA,
      "https://support.google.com/mail/answer/81126"),
  EN ("yahoo", REPUTATION, "Deferred or refused by Yahoo / AOL",
      "Yahoo (which also runs AOL mail) deferred or refused your mail: codes TS* and TSS* mean complaints, unusual volume or poor reputation of your IP (or its /24 range), also weak authentication; PH* means content.",
      "Slow down, make sure SPF and DKIM pass with DMARC, and stop mailing people who complain. If it persists, send Yahoo a Sender Support Request (linked from its error-code page). " RELAY_EN,
      "https://senders.yahooinc.com/smtp-error-codes/"),
  JA ("yahoo", REPUTATION, "Yahoo / AOL に保留・拒否されました",
      "Yahoo（AOL のメールも運営）がメールを保留または拒否しました。TS・TSS で始まるコードは、苦情、異常な送信量、IP（またはその /24 範囲）の評価の低さ、認証の不備を、PH で始まるコードは内容の問題を示します。",
      "送信速度を落とし、SPF・DKIM が DMARC に沿って成功しているか確認し、苦情を出す相手への送信をやめてください。続く場合は、エラーコードのページから Yahoo の Sender Support Request を送ってください。" RELAY_JA,
      "https://senders.yahooinc.com/smtp-error-codes/"),
  EN ("apple-icloud", REPUTATION, "Refused by iCloud Mail",
      "Apple's iCloud Mail refused the message by its own policy (codes such as CS01, HME1) or because of a Proofpoint or Spamhaus listing. iCloud has no allow list.",
      "Check SPF, DKIM and DMARC first. If that is not it, write to icloudadmin@apple.com with your company, domain, sending IPs, the SMTP error and a short description. " RELAY_EN,
      "https://support.apple.com/en-us/102322"),
  JA ("apple-icloud", REPUTATION, "iCloud メールに拒否されました",
      "Apple の iCloud メールが、独自のポリシー（CS01、HME1 などのコード）や Proofpoint・Spamhaus への登録を理由に拒否しました。iCloud には許可リストの仕組みはありません。",
      "まず SPF・DKIM・DMARC を確認してください。それでも解決しない場合は、会社名、ドメイン、送信 IP、SMTP エラー、状況の説明を添えて icloudadmin@apple.com に連絡してください。" RELAY_JA,
      "https://support.apple.com/en-us/102322"),
  EN ("cox", REPUTATION, "Blocked by Cox",
      "Cox refused your mail with its own code (AUP#CXBL: IP blocked; CDRBL: temporary block of up to 24 hours; CXDNS: reverse DNS; IPBL: a blocklist it uses).",
      "For a temporary block, wait a day and send again. For IPBL codes check the named blocklist. Otherwise ask the recipient to contact Cox, giving the AUP# code. " RELAY_EN,
      NULL),
  JA ("cox", REPUTATION, "Cox にブロックされました",
      "Cox が独自のコードで拒否しました（AUP#CXBL は IP のブロック、CDRBL は最大 24 時間の一時ブロック、CXDNS は逆引き、IPBL は利用しているブロックリスト）。",
      "一時ブロックの場合は 1 日待って再送してください。IPBL の場合は示されたブロックリストを確認してください。それ以外は、AUP# のコードを伝えて相手から Cox に問い合わせてもらってください。" RELAY_JA,
      NULL),
  EN ("godaddy", REPUTATION, "Refused by GoDaddy",
      "GoDaddy's mail servers (secureserver.net) refused your IP with an IB code: IB110 to IB113 are blocks for the day after spam or invalid-recipient floods; IB504, IB510 and IB607 are sending limits.",
      "Wait for the day's block to end and reduce the volume and invalid addresses you send. For IB103 to IB106 see the Cloudmark or Spamhaus advice. " RELAY_EN,
      NULL),
  JA ("godaddy", REPUTATION, "GoDaddy に拒否されました",
      "GoDaddy のメールサーバー（secureserver.net）が IB コードで拒否しました。IB110〜IB113 は迷惑メールや無効な宛先が多いことによるその日限りのブロック、IB504・IB510・IB607 は送信量の制限です。",
      "その日のブロックが終わるのを待ち、送信量と無効なアドレスへの送信を減らしてください。IB103〜IB106 は Cloudmark・Spamhaus の説明を参照してください。" RELAY_JA,
      NULL),
  EN ("spectrum", REPUTATION, "Refused by Spectrum / Charter",
      "Spectrum (Charter) refused your mail with an AUP# code: 1100-1150 reverse DNS, 1200-1210 Cloudmark, 1220-1250 Spamhaus, 1300-1490 connection and volume limits.",
      "Fix what the code points to (PTR record, blocklist) or slow down, then send again; ask the recipient to contact Spectrum with the code if it persists. " RELAY_EN,
      NULL),
  JA ("spectrum", REPUTATION, "Spectrum / Charter に拒否されました",
      "Spectrum（Charter）が AUP# コードで拒否しました。1100〜1150 は逆引き、1200〜1210 は Cloudmark、1220〜1250 は Spamhaus、1300〜1490 は接続数や送信量の制限です。",
      "コードが示す原因（PTR レコード、ブロックリスト）を解消するか送信速度を落としてから再送してください。続く場合は、コードを伝えて相手から Spectrum に問い合わせてもらってください。" RELAY_JA,
      NULL),
  EN ("orange", REPUTATION, "Refused by Orange / La Poste",
      "Orange or La Poste refused your mail with its own code (OFR... or LPN...): 101 Spamhaus, 102 Cloudmark, 103 and 510 service refused, 104 too many connections.",
      "For 101 and 102 follow the Spamhaus or Cloudmark advice; for connection limits slow down; then send again. " RELAY_EN,
      NULL),
  JA ("orange", REPUTATION, "Orange / La Poste に拒否されました",
      "Orange または La Poste が独自のコード（OFR… や LPN…）で拒否しました。101 は Spamhaus、102 は Cloudmark、103・510 はサービス拒否、104 は接続過多です。",
      "101・102 は Spamhaus・Cloudmark の説明に従い、接続数の問題なら送信速度を落としてから再送してください。" RELAY_JA,
      NULL),

  /* ---------------- special cases ---------------- */
  EN ("carrier-unknown-user", RECIPIENT, "\"Unknown user\" from a Japanese mobile carrier",
      "docomo and au (KDDI) answer \"Unknown user\" both when the address does not exist and when the recipient's own reception settings (allowed senders only, spoofing protection, refusing PC mail) reject you. This does not prove the address is dead.",
      "Ask the person, by phone or in person, to allow your domain in their carrier's mail reception settings, then send again. Treat the address as dead only if they confirm it changed. Note that carriers sometimes drop filtered mail silently, with no bounce at all.",
      NULL),
  JA ("carrier-unknown-user", RECIPIENT, "携帯キャリアの「Unknown user」です",
      "ドコモと au（KDDI）は、アドレスが存在しない場合だけでなく、受信者自身の受信設定（指定受信、なりすまし規制、パソコンからのメール拒否など）で拒否した場合にも「Unknown user」と返します。アドレスが廃止されたとは限りません。",
      "電話や対面で相手に連絡し、キャリアのメール受信設定であなたのドメインを受信許可にしてもらってから再送してください。アドレスの変更を相手に確認できた場合に限り、廃止として扱ってください。なお、キャリアは拒否したメールをエラーを返さずに破棄することもあります。",
      NULL),
};

/* the reasons' rows take their key and kind from reasons.c, once */
static void
advice_init (void)
{
  static gsize once = 0;
  if (!g_once_init_enter (&once))
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (advice); i++)
    if (advice[i].reason != BS_REASON_NONE)
      {
        advice[i].a.key = bs_reason_name (advice[i].reason);
        advice[i].a.kind = bs_reason_advice_kind (advice[i].reason);
      }
  for (gsize i = 0; i < G_N_ELEMENTS (advice); i++)
    {
      gboolean ja = strcmp (advice[i].a.lang, "ja") == 0;
      const char *relay = ja ? RELAY_JA : RELAY_EN;
      const char *step = advice[i].a.next_step;
      if (step != NULL && g_str_has_suffix (step, relay))
        {
          /* kept for the life of the program, as the table is */
          g_autofree char *head = g_strndup (step, strlen (step) - strlen (relay));
          advice[i].incident_step = g_strconcat (head, ja ? RELAY_INCIDENT_JA : RELAY_INCIDENT_EN, NULL);
        }
    }
  g_once_init_leave (&once, 1);
}

const BsAdvice *
bs_advice_for (const char *key, const char *lang)
{
  if (key == NULL)
    return NULL;
  advice_init ();
  const char *want = lang != NULL && g_ascii_strncasecmp (lang, "ja", 2) == 0 ? "ja" : "en";
  for (gsize i = 0; i < G_N_ELEMENTS (advice); i++)
    if (strcmp (advice[i].a.key, key) == 0 && strcmp (advice[i].a.lang, want) == 0)
      return &advice[i].a;
  return NULL;
}

/* the special case "carrier-unknown-user": Japanese mobile carriers whose
 * "Unknown user" may be the recipient's filter; the domain is the row's id.
 * Not SoftBank's network (softbank.ne.jp, i.softbank.jp, Y!mobile, Disney
 * Mobile, the old Vodafone domains): it drops filtered mail without a
 * bounce and answers "Invalid recipient" only for an address that does not
 * exist (field notes 3.8), so its userunknown is a dead address. */
const BsAdviceDomain bs_advice_carrier_domains[] = {
  { "docomo.ne.jp", "taro.yamada.0123@docomo.ne.jp" },      /* NTT docomo */
  { "ezweb.ne.jp", "taro-yamada@ezweb.ne.jp" },             /* au (KDDI), old domain */
  { "au.com", "taro.yamada@au.com" },                       /* au (KDDI) */
  { "uqmobile.jp", "taro@uqmobile.jp" },                    /* UQ mobile (KDDI) */
};
const gsize bs_advice_n_carrier_domains = G_N_ELEMENTS (bs_advice_carrier_domains);

static gboolean
is_carrier (const char *domain)
{
  if (domain == NULL)
    return FALSE;
  gsize d = strlen (domain);
  for (gsize i = 0; i < bs_advice_n_carrier_domains; i++)
    {
      const char *c = bs_advice_carrier_domains[i].domain;
      gsize n = strlen (c);
      if (d >= n && g_ascii_strcasecmp (domain + d - n, c) == 0
          && (d == n || domain[d - n - 1] == '.'))
        return TRUE;
    }
  return FALSE;
}

gboolean
bs_advice_carrier_ambiguous (BsReason reason, const char *domain)
{
  return (reason == BS_REASON_USERUNKNOWN || reason == BS_REASON_FILTERED) && is_carrier (domain);
}

/* the record's destination, else its recipient's domain (NULL: none);
 * *own gets what must be freed */
static const char *
record_domain (const BsRecord *r, char **own)
{
  *own = NULL;
  if (r->destination != NULL || r->recipient == NULL)
    return r->destination;
  const char *at = strrchr (r->recipient, '@');
  return at != NULL ? (*own = g_strdup (at + 1)) : NULL;
}

gboolean
bs_advice_record_ambiguous (const BsRecord *r)
{
  g_autofree char *own = NULL;
  return r != NULL && bs_advice_carrier_ambiguous (r->reason, record_domain (r, &own));
}

const char *
bs_advice_next_step (const BsAdvice *a, gboolean incident)
{
  if (a == NULL)
    return NULL;
  advice_init ();
  for (gsize i = 0; incident && i < G_N_ELEMENTS (advice); i++)
    if (&advice[i].a == a && advice[i].incident_step != NULL)
      return advice[i].incident_step;
  return a->next_step;
}

const char *
bs_advice_key (const BsRecord *r)
{
  const char *undefined = bs_reason_name (BS_REASON_UNDEFINED);
  if (r == NULL || r->reason == BS_REASON_NONE)
    return undefined;
  advice_init ();
  if (bs_advice_record_ambiguous (r))
    return "carrier-unknown-user";
  if (r->blocklist != NULL && bs_advice_for (r->blocklist, "en") != NULL)
    {
      /* the static key, not the record's string */
      for (gsize i = 0; i < G_N_ELEMENTS (advice); i++)
        if (strcmp (advice[i].a.key, r->blocklist) == 0)
          return advice[i].a.key;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (advice); i++)
    if (advice[i].reason == r->reason)
      return advice[i].a.key;
  return undefined;
}

const char *const *
bs_advice_keys (gsize *n_keys)
{
  static const char *keys[G_N_ELEMENTS (advice) / 2 + 1];
  static gsize n;
  static gsize once = 0;
  if (g_once_init_enter (&once))
    {
      advice_init ();
      gsize k = 0;
      for (gsize i = 0; i < G_N_ELEMENTS (advice); i++)
        if (strcmp (advice[i].a.lang, "en") == 0 && k < G_N_ELEMENTS (keys) - 1)
          keys[k++] = advice[i].a.key;
      keys[k] = NULL;
      n = k;
      g_once_init_leave (&once, 1);
    }
  if (n_keys)
    *n_keys = n;
  return keys;
}
