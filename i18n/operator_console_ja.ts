<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AlarmAckDialog</name>
    <message>
        <source>Acknowledge alarm</source>
        <translation>アラーム応答</translation>
    </message>
    <message>
        <source>Acknowledge this alarm</source>
        <translation>このアラームに応答します</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>チャンネル</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限界値</translation>
    </message>
    <message>
        <source>Value now</source>
        <translation>現在値</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>ピーク</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>発生時刻</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>正常復帰時刻</translation>
    </message>
    <message>
        <source>still beyond the limit</source>
        <translation>まだ限界値を超えています</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>no batch in progress</source>
        <translation>実行中のバッチなし</translation>
    </message>
    <message>
        <source>Comment or action taken (optional)</source>
        <translation>コメント・実施した処置（任意）</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>あなたのパスワード</translation>
    </message>
    <message>
        <source>%1 acknowledges. The acknowledgement is signed into the batch record.</source>
        <translation>%1 が応答します。応答は電子署名付きで製造記録に記録されます。</translation>
    </message>
    <message>
        <source>%1 acknowledges. The acknowledgement is recorded in the audit trail.</source>
        <translation>%1 が応答します。応答は監査証跡に記録されます。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>応答する</translation>
    </message>
    <message>
        <source>Enter your password to acknowledge.</source>
        <translation>応答するにはパスワードを入力してください。</translation>
    </message>
    <message>
        <source>The acknowledgement could not be recorded: %1. Nothing was changed; try again.</source>
        <translation>応答を記録できませんでした（%1）。何も変更されていません。もう一度操作してください。</translation>
    </message>
</context>
<context>
    <name>AlarmBanner</name>
    <message>
        <source>No active alarms</source>
        <translation>発生中のアラームはありません</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>ほか %1 件</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>応答する</translation>
    </message>
    <message>
        <source>Log in to acknowledge</source>
        <translation>応答にはログインが必要です</translation>
    </message>
</context>
<context>
    <name>AlarmLimit</name>
    <message>
        <source>High</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>下限</translation>
    </message>
</context>
<context>
    <name>AlarmListDialog</name>
    <message>
        <source>Active alarms</source>
        <translation>発生中のアラーム</translation>
    </message>
    <message>
        <source>Active alarms: %1</source>
        <translation>発生中のアラーム：%1 件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>応答する</translation>
    </message>
</context>
<context>
    <name>AlarmState</name>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Active, not acknowledged</source>
        <translation>発生中・未応答</translation>
    </message>
    <message>
        <source>Active, acknowledged</source>
        <translation>発生中・応答済み</translation>
    </message>
    <message>
        <source>Returned to normal, not acknowledged</source>
        <translation>正常復帰・未応答</translation>
    </message>
</context>
<context>
    <name>AlarmText</name>
    <message>
        <source>%1 limit %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>%1 から</translation>
    </message>
    <message>
        <source>peak %1</source>
        <translation>ピーク %1</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Log out</source>
        <translation>ログアウト</translation>
    </message>
    <message>
        <source>Log out of the Operator Console?</source>
        <translation>オペレーターコンソールからログアウトしますか？</translation>
    </message>
    <message>
        <source>A cassette load or unload is in progress and not signed yet. Logging out discards it. Log out anyway?</source>
        <translation>カセットの装填または取り出しが作業中で、まだ署名されていません。ログアウトすると破棄されます。ログアウトしますか？</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>The operation could not be completed: %1. Nothing was changed; try again, and call a supervisor if it happens again.</source>
        <translation>操作を完了できませんでした：%1。何も変更されていません。もう一度実行し、繰り返し発生する場合は責任者に連絡してください。</translation>
    </message>
    <message>
        <source>Batch record exported</source>
        <translation>製造記録を出力しました</translation>
    </message>
    <message>
        <source>The batch record of %1 was written to:
%2</source>
        <translation>%1 の製造記録を次の場所に出力しました：
%2</translation>
    </message>
    <message>
        <source>Open PDF to view or print</source>
        <translation>PDFを開く（表示・印刷）</translation>
    </message>
    <message>
        <source>No printer</source>
        <translation>プリンターがありません</translation>
    </message>
    <message>
        <source>No printer is set up at this station. Export the PDF instead and print it elsewhere, or ask a supervisor to set up a printer.</source>
        <translation>この端末にはプリンターが設定されていません。PDFを出力して別の場所で印刷するか、監督者にプリンターの設定を依頼してください。</translation>
    </message>
    <message>
        <source>Sent to the printer</source>
        <translation>プリンターに送信しました</translation>
    </message>
    <message>
        <source>The batch record of %1 (%2 pages) was sent to %3.</source>
        <translation>%1 のバッチ記録（%2 ページ）を %3 に送信しました。</translation>
    </message>
    <message>
        <source>Batch report made</source>
        <translation>製造記録を作成しました</translation>
    </message>
    <message>
        <source>The batch report of %1 (%2 pages) was written to:
%3

SHA-256 of its content (on every page):
%4</source>
        <translation>%1 の製造記録（%2ページ）を次の場所に出力しました：
%3

内容のSHA-256（各ページに記載）：
%4</translation>
    </message>
    <message>
        <source>No batch report</source>
        <translation>製造記録はありません</translation>
    </message>
    <message>
        <source>Batch %1 was not made from a master recipe known at this station, so it has no batch report. Its records can be exported as a PDF.</source>
        <translation>バッチ %1 はこの端末にあるマスターレシピから作成されていないため、製造記録はありません。記録はPDF出力できます。</translation>
    </message>
</context>
<context>
    <name>AuditChange</name>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>上下限</translation>
    </message>
    <message>
        <source>Limit value</source>
        <translation>限界値</translation>
    </message>
    <message>
        <source>Account active</source>
        <translation>アカウント有効</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>ロック</translation>
    </message>
    <message>
        <source>Wrong passwords</source>
        <translation>パスワード誤り回数</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>確認先</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>パスワード変更が必要</translation>
    </message>
    <message>
        <source>Corrects record</source>
        <translation>訂正対象の記録</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>署名の意味</translation>
    </message>
    <message>
        <source>Password checked</source>
        <translation>パスワード確認</translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation>内容ハッシュ</translation>
    </message>
    <message>
        <source>Signature hash</source>
        <translation>署名ハッシュ</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>記録の種類</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英語）</translation>
    </message>
    <message>
        <source>Name (Japanese)</source>
        <translation>名称（日本語）</translation>
    </message>
    <message>
        <source>Low limit</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>High limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>単位</translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation>小数桁数</translation>
    </message>
    <message>
        <source>Scale from</source>
        <translation>表示範囲（下）</translation>
    </message>
    <message>
        <source>Scale to</source>
        <translation>表示範囲（上）</translation>
    </message>
    <message>
        <source>Hysteresis</source>
        <translation>ヒステリシス</translation>
    </message>
    <message>
        <source>Alarm delay (s)</source>
        <translation>アラーム遅延（秒）</translation>
    </message>
    <message>
        <source>No data after (s)</source>
        <translation>データ途絶判定（秒）</translation>
    </message>
    <message>
        <source>Instrument address</source>
        <translation>装置アドレス</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>ノード</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>by the plant server</source>
        <translation>プラントサーバー</translation>
    </message>
    <message>
        <source>at this station (offline)</source>
        <translation>この端末（オフライン）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>; </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>AuditEvent</name>
    <message>
        <source>Login</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>アカウントロック</translation>
    </message>
    <message>
        <source>Account unlocked</source>
        <translation>アカウントロック解除</translation>
    </message>
    <message>
        <source>Logout</source>
        <translation>ログアウト</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation>画面ロック</translation>
    </message>
    <message>
        <source>Screen unlocked</source>
        <translation>画面ロック解除</translation>
    </message>
    <message>
        <source>Login refused</source>
        <translation>ログイン拒否</translation>
    </message>
    <message>
        <source>Unlock refused</source>
        <translation>ロック解除拒否</translation>
    </message>
    <message>
        <source>Session ended</source>
        <translation>セッション終了</translation>
    </message>
    <message>
        <source>User created</source>
        <translation>ユーザー登録</translation>
    </message>
    <message>
        <source>User disabled</source>
        <translation>ユーザー無効化</translation>
    </message>
    <message>
        <source>User enabled</source>
        <translation>ユーザー有効化</translation>
    </message>
    <message>
        <source>Role granted</source>
        <translation>権限付与</translation>
    </message>
    <message>
        <source>Qualification granted</source>
        <translation>資格付与</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>設定変更</translation>
    </message>
    <message>
        <source>Language changed</source>
        <translation>表示言語変更</translation>
    </message>
    <message>
        <source>Application started</source>
        <translation>アプリケーション起動</translation>
    </message>
    <message>
        <source>Application stopped</source>
        <translation>アプリケーション終了</translation>
    </message>
    <message>
        <source>Self-test of the installation</source>
        <translation>インストールの自己診断</translation>
    </message>
    <message>
        <source>Instrument channel configured</source>
        <translation>装置チャンネル設定</translation>
    </message>
    <message>
        <source>Master data received</source>
        <translation>マスターデータ受信</translation>
    </message>
    <message>
        <source>Station enrolled</source>
        <translation>端末登録</translation>
    </message>
    <message>
        <source>Sync rejection resolved</source>
        <translation>同期拒否の解決</translation>
    </message>
    <message>
        <source>Alarm raised</source>
        <translation>アラーム発生</translation>
    </message>
    <message>
        <source>Alarm cleared</source>
        <translation>アラーム解除</translation>
    </message>
    <message>
        <source>Alarm acknowledged</source>
        <translation>アラーム応答</translation>
    </message>
    <message>
        <source>Password confirmed for signing</source>
        <translation>署名時のパスワード確認</translation>
    </message>
    <message>
        <source>Signing refused</source>
        <translation>署名拒否</translation>
    </message>
    <message>
        <source>Password confirmed for a resolution</source>
        <translation>解決時のパスワード照合</translation>
    </message>
    <message>
        <source>Failed password for a resolution</source>
        <translation>解決時のパスワード照合失敗</translation>
    </message>
    <message>
        <source>Record created</source>
        <translation>記録を作成</translation>
    </message>
    <message>
        <source>Correction recorded</source>
        <translation>訂正を記録</translation>
    </message>
    <message>
        <source>Record signed</source>
        <translation>記録に署名</translation>
    </message>
    <message>
        <source>Record received from another station</source>
        <translation>他端末の記録を受信</translation>
    </message>
    <message>
        <source>Signature refused</source>
        <translation>署名を拒否</translation>
    </message>
    <message>
        <source>Cassette scan refused</source>
        <translation>カセットのスキャンを拒否</translation>
    </message>
    <message>
        <source>Instrument phase started</source>
        <translation>装置工程の開始</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit trail</source>
        <translation>監査証跡</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>チェーンを検証</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>すべてのユーザー</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>すべてのイベント</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全期間</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>直近1時間</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>直近24時間</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>直近7日間</translation>
    </message>
    <message>
        <source>%1 entries shown, newest first</source>
        <translation>%1件を表示（新しい順）</translation>
    </message>
    <message>
        <source>Verifying the audit trail…</source>
        <translation>監査証跡を検証しています…</translation>
    </message>
    <message>
        <source>The audit trail has not been verified yet.</source>
        <translation>監査証跡はまだ検証されていません。</translation>
    </message>
    <message>
        <source>Audit trail verified: %1 entries, chain intact.</source>
        <translation>監査証跡を検証しました：%1件、チェーンに異常はありません。</translation>
    </message>
    <message>
        <source>Audit trail BROKEN at entry %1. Stop and inform QA.</source>
        <translation>監査証跡の第%1項で改ざんまたは欠落を検出しました。作業を止め、品質保証（QA）に連絡してください。</translation>
    </message>
</context>
<context>
    <name>AuditReason</name>
    <message>
        <source>unknown user ID</source>
        <translation>未登録のユーザーID</translation>
    </message>
    <message>
        <source>above the high limit</source>
        <translation>上限を超過</translation>
    </message>
    <message>
        <source>below the low limit</source>
        <translation>下限を下回った</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>パスワード誤り</translation>
    </message>
    <message>
        <source>account disabled</source>
        <translation>アカウント無効</translation>
    </message>
    <message>
        <source>account locked</source>
        <translation>アカウントロック中</translation>
    </message>
    <message>
        <source>credentials of another user</source>
        <translation>別のユーザーの資格情報</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>デモデータ</translation>
    </message>
    <message>
        <source>demo mode</source>
        <translation>デモモード</translation>
    </message>
    <message>
        <source>never logged in online at this station</source>
        <translation>この端末でオンラインのログイン実績なし</translation>
    </message>
    <message>
        <source>offline credentials expired</source>
        <translation>オフライン資格情報の期限切れ</translation>
    </message>
    <message>
        <source>demo: built-in instrument simulator</source>
        <translation>デモ：内蔵の装置シミュレーター</translation>
    </message>
    <message>
        <source>demo: locked account</source>
        <translation>デモ：ロックされたアカウント</translation>
    </message>
    <message>
        <source>logged out by the user</source>
        <translation>ユーザーによるログアウト</translation>
    </message>
    <message>
        <source>application closed</source>
        <translation>アプリケーション終了</translation>
    </message>
    <message>
        <source>idle time elapsed or locked by the user</source>
        <translation>無操作時間の経過またはユーザーによるロック</translation>
    </message>
    <message>
        <source>idle time elapsed</source>
        <translation>一定時間操作がなかった</translation>
    </message>
    <message>
        <source>locked by the user</source>
        <translation>ユーザーがロックした</translation>
    </message>
    <message>
        <source>another user logged in at the lock screen</source>
        <translation>ロック画面で別のユーザーがログイン</translation>
    </message>
    <message>
        <source>account locked while the screen was locked</source>
        <translation>画面ロック中にアカウントがロックされた</translation>
    </message>
    <message>
        <source>%1 consecutive failed attempts</source>
        <translation>連続%1回の失敗</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>%1, %2 (%3)</source>
        <translation>%1、%2（%3）</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更内容</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>AuthMethod</name>
    <message>
        <source>online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>オフライン</translation>
    </message>
</context>
<context>
    <name>AuthRefusal</name>
    <message>
        <source>The user ID or password is not correct. Check them and try again.</source>
        <translation>ユーザーIDまたはパスワードが正しくありません。確認してもう一度入力してください。</translation>
    </message>
    <message>
        <source>This account is locked. Ask an administrator to unlock it.</source>
        <translation>アカウントがロックされています。管理者にロック解除を依頼してください。</translation>
    </message>
    <message>
        <source>Too many failed attempts: this account is now locked. Ask an administrator to unlock it.</source>
        <translation>失敗回数が上限に達したため、アカウントがロックされました。管理者にロック解除を依頼してください。</translation>
    </message>
    <message>
        <source>This account is disabled. Contact an administrator.</source>
        <translation>このアカウントは無効化されています。管理者に連絡してください。</translation>
    </message>
    <message>
        <source>The plant server cannot be reached and this account has no valid offline credentials at this station (never logged in here online, or they expired). Log in with another account, or wait until the plant server is back.</source>
        <translation>工場サーバーに接続できず、このアカウントにはこの端末で有効なオフライン用の資格情報がありません（この端末でオンラインのログイン実績がないか、有効期限切れです）。別のアカウントでログインするか、工場サーバーの復旧を待ってください。</translation>
    </message>
    <message>
        <source>These are another user&apos;s credentials. Only the locked user can unlock; use &quot;Log in as another user&quot; instead.</source>
        <translation>別のユーザーの資格情報です。ロックを解除できるのはロックしたユーザー本人だけです。「別のユーザーでログイン」を使用してください。</translation>
    </message>
    <message>
        <source>Attempts left before the account is locked: %1.</source>
        <translation>アカウントがロックされるまでの残り回数：%1回。</translation>
    </message>
</context>
<context>
    <name>BatchDetail</name>
    <message>
        <source>%1 is not a number or a date. Nothing was recorded.</source>
        <translation>%1は数値または日付ではありません。何も記録されていません。</translation>
    </message>
    <message>
        <source>Phase started.</source>
        <translation>工程を開始しました。</translation>
    </message>
    <message>
        <source>An exception was recorded (%1).</source>
        <translation>例外事象を記録しました（%1件）。</translation>
    </message>
    <message>
        <source>✓ Accepted. Sign the step record.</source>
        <translation>✓ 照合OK。工程の記録に署名してください。</translation>
    </message>
    <message>
        <source>Exceptions recorded with it: %1.</source>
        <translation>あわせて記録した例外事象：%1件。</translation>
    </message>
    <message>
        <source>Not recorded: the batch changed meanwhile. Look at its steps again.</source>
        <translation>記録されていません：その間にバッチの状態が変わりました。工程をもう一度確認してください。</translation>
    </message>
    <message>
        <source>The step could not be checked. Nothing was recorded; try again.</source>
        <translation>工程を確認できませんでした。何も記録されていません。もう一度お試しください。</translation>
    </message>
    <message>
        <source>◀ Batches</source>
        <translation>◀ バッチ</translation>
    </message>
    <message>
        <source>Raise an exception…</source>
        <translation>例外事象を起票…</translation>
    </message>
    <message>
        <source>Batch %1</source>
        <translation>バッチ %1</translation>
    </message>
    <message>
        <source>Recipe %1 version %2 (SHA-256 %3…)</source>
        <translation>マスターレシピ %1 第%2版（SHA-256 %3…）</translation>
    </message>
    <message>
        <source>BLOCKED: a critical exception is open (%1). No step may be done until QA has dispositioned it.</source>
        <translation>停止中：致命的な例外事象が未処置です（%1）。品質保証（QA）が処置するまで、どの工程も実施できません。</translation>
    </message>
    <message>
        <source>The batch&apos;s recipe has not reached this station yet. Sync with the plant server.</source>
        <translation>このバッチのマスターレシピがまだこの端末に届いていません。工場サーバーと同期してください。</translation>
    </message>
    <message>
        <source>: %1, %2</source>
        <translation>：%1、%2</translation>
    </message>
    <message>
        <source>
   verified by %1</source>
        <translation>
   確認者：%1</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>：%1</translation>
    </message>
    <message>
        <source>No exceptions.</source>
        <translation>例外事象はありません。</translation>
    </message>
    <message>
        <source>Exceptions of this batch:</source>
        <translation>このバッチの例外事象：</translation>
    </message>
    <message>
        <source>• %1 — %2 (%3) — %4</source>
        <translation>• %1 — %2（%3） — %4</translation>
    </message>
</context>
<context>
    <name>BatchRecordPdf</name>
    <message>
        <source>Cassette load</source>
        <translation>カセット装填</translation>
    </message>
    <message>
        <source>Cassette unload</source>
        <translation>カセット取り出し</translation>
    </message>
    <message>
        <source>Alarm acknowledgement</source>
        <translation>アラーム応答</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Step completion</source>
        <translation>工程完了</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>訂正</translation>
    </message>
    <message>
        <source>Performed</source>
        <translation>実施</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>照査</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Awaiting signature</source>
        <translation>署名待ち</translation>
    </message>
    <message>
        <source>Awaiting verification</source>
        <translation>二者確認待ち</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Corrected (superseded)</source>
        <translation>訂正済み（置き換え）</translation>
    </message>
    <message>
        <source>Record created</source>
        <translation>記録作成</translation>
    </message>
    <message>
        <source>Correction recorded</source>
        <translation>訂正記録作成</translation>
    </message>
    <message>
        <source>Record signed</source>
        <translation>電子署名</translation>
    </message>
    <message>
        <source>Signature refused</source>
        <translation>署名拒否</translation>
    </message>
    <message>
        <source>Record synchronised</source>
        <translation>記録同期</translation>
    </message>
    <message>
        <source>Batch record</source>
        <translation>製造記録</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>端末</translation>
    </message>
    <message>
        <source>Exported at</source>
        <translation>出力日時</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>電子記録</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>検証結果</translation>
    </message>
    <message>
        <source>Every record and signature verified:</source>
        <translation>すべての記録と電子署名の検証：</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>問題なし</translation>
    </message>
    <message>
        <source>NO: at least one record&apos;s content or signature does not verify</source>
        <translation>不合格：内容または電子署名を検証できない記録があります</translation>
    </message>
    <message>
        <source>Audit trail chain intact:</source>
        <translation>監査証跡のチェーン：</translation>
    </message>
    <message>
        <source>Yes (%1 entries checked)</source>
        <translation>異常なし（%1件を検証）</translation>
    </message>
    <message>
        <source>NO: the audit trail has been altered (%1)</source>
        <translation>不合格：監査証跡が改ざんされています（%1）</translation>
    </message>
    <message>
        <source>This batch record cannot be relied on until the problem is investigated.</source>
        <translation>原因を調査するまで、この製造記録は信頼できません。</translation>
    </message>
    <message>
        <source>Audit trail of these records</source>
        <translation>これらの記録の監査証跡</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>作成者</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Corrects</source>
        <translation>訂正対象</translation>
    </message>
    <message>
        <source>Reason for correction</source>
        <translation>訂正理由</translation>
    </message>
    <message>
        <source>Corrected by</source>
        <translation>訂正記録</translation>
    </message>
    <message>
        <source>Record ID</source>
        <translation>記録ID</translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation>内容のハッシュ</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>NOT VALID: the stored content no longer matches its hash</source>
        <translation>無効：保存された内容がハッシュと一致しません</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>署名者</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>署名日時</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>署名の意味</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>署名の検証</translation>
    </message>
    <message>
        <source>No signatures</source>
        <translation>署名なし</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>INVALID</source>
        <translation>無効</translation>
    </message>
</context>
<context>
    <name>BatchState</name>
    <message>
        <source>In process</source>
        <translation>製造中</translation>
    </message>
    <message>
        <source>Execution complete</source>
        <translation>製造完了</translation>
    </message>
    <message>
        <source>Under QA review</source>
        <translation>QA照査中</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>出荷可（リリース）</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>保留</translation>
    </message>
</context>
<context>
    <name>BatchWaits</name>
    <message>
        <source>waiting for the performer&apos;s signature</source>
        <translation>実施者の署名待ち</translation>
    </message>
    <message>
        <source>waiting for verification by a second person</source>
        <translation>二人目による確認待ち（二者確認）</translation>
    </message>
</context>
<context>
    <name>BatchesPage</name>
    <message>
        <source>Recipe not received yet: sync with the plant server.</source>
        <translation>マスターレシピ未受信：工場サーバーと同期してください。</translation>
    </message>
    <message>
        <source>Closed at the plant server: %1</source>
        <translation>工場サーバーで終了：%1</translation>
    </message>
    <message>
        <source>Blocked: critical exception (%1), waiting for QA</source>
        <translation>停止中：致命的な例外事象（%1）、品質保証（QA）の処置待ち</translation>
    </message>
    <message>
        <source>All steps done</source>
        <translation>すべての工程が完了</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>Batches of this station, with the step each is at. Touch a batch to open its steps.</source>
        <translation>この端末のバッチと、それぞれの現在の工程です。バッチにタッチすると工程を表示します。</translation>
    </message>
    <message>
        <source>No batch of this station has arrived from the plant server yet.</source>
        <translation>この端末のバッチはまだ工場サーバーから届いていません。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Batch %1 · recipe %2 v%3</source>
        <translation>バッチ %1 ・ マスターレシピ %2 第%3版</translation>
    </message>
</context>
<context>
    <name>BayCard</name>
    <message>
        <source>No cassette.</source>
        <translation>カセットなし。</translation>
    </message>
    <message>
        <source>Do not use this bay.</source>
        <translation>このベイは使用しないでください。</translation>
    </message>
    <message>
        <source>Cassette %1 (lot %2)</source>
        <translation>カセット %1（ロット %2）</translation>
    </message>
    <message>
        <source>Batch %1</source>
        <translation>バッチ %1</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>装填日時 %1</translation>
    </message>
    <message>
        <source>Loaded by %1</source>
        <translation>実施者 %1</translation>
    </message>
    <message>
        <source>Verified by %1</source>
        <translation>確認者 %1</translation>
    </message>
    <message>
        <source>Not verified yet</source>
        <translation>二者確認待ち</translation>
    </message>
    <message>
        <source>Bay out of service</source>
        <translation>ベイ使用停止中</translation>
    </message>
</context>
<context>
    <name>BayState</name>
    <message>
        <source>Free</source>
        <translation>空き</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>装填済み</translation>
    </message>
    <message>
        <source>Load awaiting verification</source>
        <translation>装填の確認待ち</translation>
    </message>
    <message>
        <source>Unload awaiting verification</source>
        <translation>取り出しの確認待ち</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>使用停止中</translation>
    </message>
    <message>
        <source>Conflict: call QA</source>
        <translation>競合：品質保証（QA）に連絡</translation>
    </message>
</context>
<context>
    <name>CassetteCheck</name>
    <message>
        <source>Batch {batch} is not known at this station. Check the batch number; if it is right, the master data has not arrived yet: call the supervisor.</source>
        <translation>バッチ {batch} はこの端末に登録されていません。バッチ番号を確認してください。正しい場合はマスターデータが未受信です。監督者に連絡してください。</translation>
    </message>
    <message>
        <source>Typed entry of the {field} is not allowed at this station. Scan the label with the scanner; if it cannot be read, set the item aside and call QA.</source>
        <translation>この端末では{field}の手入力は許可されていません。スキャナーでラベルをスキャンしてください。読み取れない場合は品目を取り置き、QAに連絡してください。</translation>
    </message>
    <message>
        <source>This is a {found} label, but the {expected} label is needed here. Scan the {expected} label.</source>
        <translation>これは{found}のラベルですが、ここでは{expected}のラベルが必要です。{expected}のラベルをスキャンしてください。</translation>
    </message>
    <message>
        <source>The cassette label has no serial number, so the cassette cannot be identified. Set it aside and call QA.</source>
        <translation>カセットのラベルにシリアル番号がないため、カセットを識別できません。取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The cassette label has no expiry date. Set it aside and call QA.</source>
        <translation>カセットのラベルに使用期限がありません。取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>Cassette serial {serial} is registered for batch {other}, not for batch {batch}. Put it back and take the cassette of batch {batch}.</source>
        <translation>シリアル番号 {serial} のカセットはバッチ {other} 用で、バッチ {batch} 用ではありません。元に戻し、バッチ {batch} のカセットを取ってください。</translation>
    </message>
    <message>
        <source>Cassette serial {serial} is registered for step {other} of this batch, not for the current step {step}. Take the cassette for step {step}.</source>
        <translation>シリアル番号 {serial} のカセットはこのバッチの工程 {other} 用で、現在の工程 {step} 用ではありません。工程 {step} 用のカセットを取ってください。</translation>
    </message>
    <message>
        <source>The cassette&apos;s lot {lot} is not the registered lot {expected}. Set it aside and call QA.</source>
        <translation>カセットのロット {lot} は登録されたロット {expected} と一致しません。取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>Cassette serial {serial} has been rejected by QA. Do not use it.</source>
        <translation>シリアル番号 {serial} のカセットはQAにより不合格とされています。使用しないでください。</translation>
    </message>
    <message>
        <source>Cassette serial {serial} is in quarantine. Do not use it; ask QA.</source>
        <translation>シリアル番号 {serial} のカセットは隔離保管中です。使用せず、QAに確認してください。</translation>
    </message>
    <message>
        <source>The records of cassette serial {serial} conflict (for example loaded at two stations). Do not use it; QA must resolve the conflict.</source>
        <translation>シリアル番号 {serial} のカセットの記録が競合しています（例：2台の端末で装填）。使用しないでください。QAが競合を解決する必要があります。</translation>
    </message>
    <message>
        <source>Cassette serial {serial} is already loaded in bay {bay} of this station. A cassette is loaded only once.</source>
        <translation>シリアル番号 {serial} のカセットはこの端末のベイ {bay} に装填済みです。カセットの装填は1回限りです。</translation>
    </message>
    <message>
        <source>A load of cassette serial {serial} into bay {bay} is waiting for verification. Have it verified (Records) instead of loading it again.</source>
        <translation>シリアル番号 {serial} のカセットのベイ {bay} への装填が二者確認待ちです。再度装填せず、記録画面で確認を受けてください。</translation>
    </message>
    <message>
        <source>Cassette {gtin} serial {serial} is not registered for any batch. Do not use it: set it aside and call QA.</source>
        <translation>カセット {gtin} シリアル番号 {serial} はどのバッチにも登録されていません。使用せず、取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The cassette expired on {expiry}. Do not use it: set it aside and call QA.</source>
        <translation>このカセットは {expiry} に使用期限が切れています。使用せず、取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>Cassette serial {serial} is already loaded at station {station} (bay {bay}). A cassette is loaded only once: set it aside and call QA.</source>
        <translation>シリアル番号 {serial} のカセットは端末 {station}（ベイ {bay}）に装填済みです。カセットの装填は1回限りです。取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>Cassette serial {serial} was already used and unloaded. Single-use cassettes can never be loaded again: set it aside and call QA.</source>
        <translation>シリアル番号 {serial} のカセットは使用済みで取り出されています。シングルユースのカセットは再装填できません。取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The bag label has no donation identification number (DIN). Scan the DataMatrix or DIN code of the bag label.</source>
        <translation>バッグのラベルに採取識別番号（DIN）がありません。バッグラベルのDataMatrixまたはDINのコードをスキャンしてください。</translation>
    </message>
    <message>
        <source>The bag label has no expiry date, so the material cannot be checked. Scan the bag&apos;s 2-D code that carries the expiry; if there is none, call QA.</source>
        <translation>バッグのラベルに使用期限がないため、原料を確認できません。使用期限を含むバッグの2次元コードをスキャンしてください。ない場合はQAに連絡してください。</translation>
    </message>
    <message>
        <source>DIN {din} does not belong to the patient of batch {batch}. STOP: this may be another patient&apos;s material. Do not use the bag; call QA at once.</source>
        <translation>DIN {din} はバッチ {batch} の患者のものではありません。作業を中止してください：別の患者の原料の可能性があります。バッグを使用せず、直ちにQAに連絡してください。</translation>
    </message>
    <message>
        <source>The chain-of-identity ID {coi} on the bag is not the one of batch {batch} ({expected}). STOP: do not use the bag; call QA at once.</source>
        <translation>バッグの識別の連鎖（COI）ID {coi} はバッチ {batch} のID（{expected}）と一致しません。作業を中止し、バッグを使用せず、直ちにQAに連絡してください。</translation>
    </message>
    <message>
        <source>The material expired on {expiry}. Do not use the bag; call QA.</source>
        <translation>原料は {expiry} に使用期限が切れています。バッグを使用せず、QAに連絡してください。</translation>
    </message>
    <message>
        <source>Bay {bay} is not a bay of this station. Choose one of the bays shown.</source>
        <translation>ベイ {bay} はこの端末のベイではありません。表示されているベイから選んでください。</translation>
    </message>
    <message>
        <source>Bay {bay} is out of service. Choose another bay.</source>
        <translation>ベイ {bay} は使用停止中です。別のベイを選んでください。</translation>
    </message>
    <message>
        <source>Bay {bay} already holds cassette serial {serial} (batch {batch}). Choose a free bay.</source>
        <translation>ベイ {bay} にはシリアル番号 {serial} のカセット（バッチ {batch}）が装填されています。空きベイを選んでください。</translation>
    </message>
    <message>
        <source>Bay {bay} is reserved by a load of cassette serial {serial} waiting for verification. Choose a free bay.</source>
        <translation>ベイ {bay} は二者確認待ちのカセット（シリアル番号 {serial}）の装填で予約されています。空きベイを選んでください。</translation>
    </message>
    <message>
        <source>Bay {bay} holds no loaded cassette. Choose the bay you are unloading.</source>
        <translation>ベイ {bay} には装填済みのカセットがありません。取り出すベイを選んでください。</translation>
    </message>
    <message>
        <source>An unload of bay {bay} is already waiting for verification. Have it verified (Records).</source>
        <translation>ベイ {bay} の取り出しは既に二者確認待ちです。記録画面で確認を受けてください。</translation>
    </message>
    <message>
        <source>The scanned cassette (serial {serial}) is not the one in bay {bay} (serial {expected}). Scan the label of the cassette you are taking out.</source>
        <translation>スキャンしたカセット（シリアル番号 {serial}）はベイ {bay} のカセット（シリアル番号 {expected}）ではありません。取り出すカセットのラベルをスキャンしてください。</translation>
    </message>
</context>
<context>
    <name>CassetteField</name>
    <message>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>ロット番号</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>使用期限</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>シリアル番号</translation>
    </message>
    <message>
        <source>DIN</source>
        <translation>DIN</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>フラグ</translation>
    </message>
    <message>
        <source>Check character</source>
        <translation>チェック文字</translation>
    </message>
    <message>
        <source>Product code</source>
        <translation>製品コード</translation>
    </message>
    <message>
        <source>COI ID</source>
        <translation>COI ID</translation>
    </message>
</context>
<context>
    <name>CassetteFlow</name>
    <message>
        <source>Load a cassette</source>
        <translation>カセット装填</translation>
    </message>
    <message>
        <source>Unload a cassette</source>
        <translation>カセット取り出し</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>最初からやり直す</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>署名する…</translation>
    </message>
    <message>
        <source>Demo labels to type (fast, then Enter):</source>
        <translation>デモ用ラベル（素早く入力してEnter）：</translation>
    </message>
    <message>
        <source>Touch the batch, or scan its batch number.</source>
        <translation>バッチをタッチするか、バッチ番号をスキャンしてください。</translation>
    </message>
    <message>
        <source>Scan the cassette label (GS1 DataMatrix on the cassette).</source>
        <translation>カセットのラベル（カセットのGS1 DataMatrix）をスキャンしてください。</translation>
    </message>
    <message>
        <source>Scan the label of the cassette you are taking out.</source>
        <translation>取り出すカセットのラベルをスキャンしてください。</translation>
    </message>
    <message>
        <source>Scan the patient-material bag label (ISBT 128).</source>
        <translation>患者原料バッグのラベル（ISBT 128）をスキャンしてください。</translation>
    </message>
    <message>
        <source>Touch or scan the bay to load the cassette into.</source>
        <translation>カセットを装填するベイをタッチまたはスキャンしてください。</translation>
    </message>
    <message>
        <source>Touch or scan the bay to unload.</source>
        <translation>取り出すベイをタッチまたはスキャンしてください。</translation>
    </message>
    <message>
        <source>All checks passed. Sign as performer; then a second person verifies.</source>
        <translation>すべての照合がOKです。実施者として署名し、続いて別の人が二者確認を行います。</translation>
    </message>
    <message>
        <source>Reading: %1</source>
        <translation>読み取り中：%1</translation>
    </message>
    <message>
        <source>A scan was read, but this step does not take one. Sign, or touch Start over.</source>
        <translation>スキャンを読み取りましたが、この工程ではスキャンを受け付けません。署名するか、「最初からやり直す」を押してください。</translation>
    </message>
    <message>
        <source>✓ OK: %1</source>
        <translation>✓ 照合OK：%1</translation>
    </message>
    <message>
        <source>✗ NOT ACCEPTED: %1</source>
        <translation>✗ 不可：%1</translation>
    </message>
    <message>
        <source>✓ OK</source>
        <translation>✓ 照合OK</translation>
    </message>
    <message>
        <source>✗ NOT ACCEPTED</source>
        <translation>✗ 不可</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>何も変更されていません。</translation>
    </message>
    <message>
        <source>✗ The check could not run</source>
        <translation>✗ 確認を実行できませんでした</translation>
    </message>
    <message>
        <source>Nothing was changed. Try again; if it happens again, call the supervisor.</source>
        <translation>何も変更されていません。もう一度実行し、再発する場合は監督者に連絡してください。</translation>
    </message>
    <message>
        <source>(typed)</source>
        <translation>（手入力）</translation>
    </message>
    <message>
        <source>✓ %1: %2</source>
        <translation>✓ %1：%2</translation>
    </message>
</context>
<context>
    <name>CassetteParam</name>
    <message>
        <source>GS1 (cassette)</source>
        <translation>GS1（カセット）</translation>
    </message>
    <message>
        <source>ISBT 128 (bag)</source>
        <translation>ISBT 128（バッグ）</translation>
    </message>
    <message>
        <source>batch number</source>
        <translation>バッチ番号</translation>
    </message>
    <message>
        <source>cassette label</source>
        <translation>カセットのラベル</translation>
    </message>
    <message>
        <source>bag label</source>
        <translation>バッグのラベル</translation>
    </message>
    <message>
        <source>bay</source>
        <translation>ベイ</translation>
    </message>
</context>
<context>
    <name>CassetteScreen</name>
    <message>
        <source>The cassette record is signed. Record this step and sign it.</source>
        <translation>カセットの記録に署名しました。この工程を記録して署名してください。</translation>
    </message>
</context>
<context>
    <name>CassettesPage</name>
    <message>
        <source>Cassettes</source>
        <translation>カセット</translation>
    </message>
    <message>
        <source>Bays of this station. Touch a loaded bay to unload it.</source>
        <translation>この端末のベイです。装填済みのベイをタッチすると取り出しを開始します。</translation>
    </message>
    <message>
        <source>Load a cassette</source>
        <translation>カセット装填</translation>
    </message>
    <message>
        <source>Unload a cassette</source>
        <translation>カセット取り出し</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>the disk is full: nothing was saved by this command; free space on the data folder&apos;s disk and try again</source>
        <translation>ディスクがいっぱいです：このコマンドでは何も保存されていません。データフォルダーのディスクに空きを作ってから、もう一度実行してください</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>中断しました</translation>
    </message>
</context>
<context>
    <name>DataEntryScreen</name>
    <message>
        <source>Value</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>管理範囲</translation>
    </message>
    <message>
        <source>Possible range</source>
        <translation>入力可能範囲</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>DemoLabel</name>
    <message>
        <source>good cassette</source>
        <translation>正しいカセット</translation>
    </message>
    <message>
        <source>good cassette (second)</source>
        <translation>正しいカセット（2本目）</translation>
    </message>
    <message>
        <source>cassette of another batch</source>
        <translation>別バッチのカセット</translation>
    </message>
    <message>
        <source>cassette of another step</source>
        <translation>別工程のカセット</translation>
    </message>
    <message>
        <source>cassette not registered</source>
        <translation>未登録のカセット</translation>
    </message>
    <message>
        <source>cassette with wrong lot</source>
        <translation>ロット違いのカセット</translation>
    </message>
    <message>
        <source>expired cassette</source>
        <translation>期限切れのカセット</translation>
    </message>
    <message>
        <source>rejected cassette</source>
        <translation>不合格のカセット</translation>
    </message>
    <message>
        <source>quarantined cassette</source>
        <translation>隔離保管中のカセット</translation>
    </message>
    <message>
        <source>cassette loaded in B2</source>
        <translation>B2に装填済みのカセット</translation>
    </message>
    <message>
        <source>cassette loaded at another station</source>
        <translation>別端末で装填済みのカセット</translation>
    </message>
    <message>
        <source>cassette used and unloaded</source>
        <translation>使用済み・取り出し済みのカセット</translation>
    </message>
    <message>
        <source>cassette with a load awaiting verification</source>
        <translation>装填が確認待ちのカセット</translation>
    </message>
    <message>
        <source>cassette GTIN check digit wrong</source>
        <translation>GTINチェックデジット誤りのカセット</translation>
    </message>
    <message>
        <source>truncated cassette label</source>
        <translation>途中で切れたカセットラベル</translation>
    </message>
    <message>
        <source>good bag</source>
        <translation>正しいバッグ</translation>
    </message>
    <message>
        <source>bag of another patient</source>
        <translation>別の患者のバッグ</translation>
    </message>
    <message>
        <source>bag with another patient&apos;s CoI</source>
        <translation>別の患者のCOIを持つバッグ</translation>
    </message>
    <message>
        <source>expired bag</source>
        <translation>期限切れのバッグ</translation>
    </message>
    <message>
        <source>bag DIN check fails</source>
        <translation>DINチェック不合格のバッグ</translation>
    </message>
    <message>
        <source>bag without expiry</source>
        <translation>使用期限のないバッグ</translation>
    </message>
    <message>
        <source>free bay</source>
        <translation>空きベイ</translation>
    </message>
    <message>
        <source>occupied bay</source>
        <translation>使用中のベイ</translation>
    </message>
    <message>
        <source>reserved bay</source>
        <translation>予約済みのベイ</translation>
    </message>
    <message>
        <source>bay out of service</source>
        <translation>使用停止中のベイ</translation>
    </message>
    <message>
        <source>activation reagent</source>
        <extracomment>Descriptions of the step screens&apos; demo labels (``domain.demo_batches.DEMO_STEP_LABELS``) not already named for the cassette flow.</extracomment>
        <translation>活性化試薬</translation>
    </message>
    <message>
        <source>vector</source>
        <translation>ベクター</translation>
    </message>
    <message>
        <source>expired vector</source>
        <translation>期限切れのベクター</translation>
    </message>
    <message>
        <source>another material</source>
        <translation>別の資材</translation>
    </message>
    <message>
        <source>sample of this batch (B-2026-0142)</source>
        <translation>このバッチのサンプル（B-2026-0142）</translation>
    </message>
    <message>
        <source>sample of another patient</source>
        <translation>別の患者のサンプル</translation>
    </message>
</context>
<context>
    <name>Entry</name>
    <message>
        <source>Scanned</source>
        <translation>スキャン</translation>
    </message>
    <message>
        <source>Typed by hand (not scanned)</source>
        <translation>手入力（スキャンではない）</translation>
    </message>
    <message>
        <source>Chosen on screen</source>
        <translation>画面で選択</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Batch %1 is not known at this station. Scan the label of a batch in process here, or choose it from the list.</source>
        <translation>バッチ %1 はこの端末に登録されていません。この端末で処理中のバッチのラベルをスキャンするか、一覧から選んでください。</translation>
    </message>
    <message>
        <source>Add comment</source>
        <translation>コメント追加</translation>
    </message>
    <message>
        <source>Add a comment to the batch record</source>
        <translation>製造記録にコメントを追加</translation>
    </message>
    <message>
        <source>Write the comment, then sign it with your password.</source>
        <translation>コメントを入力し、パスワードで署名してください。</translation>
    </message>
    <message>
        <source>Correct record</source>
        <translation>記録の訂正</translation>
    </message>
    <message>
        <source>Correct a record</source>
        <translation>記録を訂正する</translation>
    </message>
    <message>
        <source>The original record stays unchanged and is marked as corrected. Enter the corrected values and the reason; the correction is signed like any record.
Correcting: %1</source>
        <translation>元の記録は変更されず、「訂正済み」と表示されます。訂正後の値と訂正理由を入力してください。訂正記録も通常の記録と同じく署名が必要です。
訂正対象：%1</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Reason for correction</source>
        <translation>訂正理由</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必須</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Continue to signature</source>
        <translation>署名へ進む</translation>
    </message>
    <message>
        <source>Choose the batch.</source>
        <translation>バッチを選んでください。</translation>
    </message>
    <message>
        <source>This batch is not known at this station. Choose one from the list.</source>
        <translation>このバッチはこの端末に登録されていません。一覧から選んでください。</translation>
    </message>
    <message>
        <source>Enter the comment text.</source>
        <translation>コメントを入力してください。</translation>
    </message>
    <message>
        <source>%1 must be true or false.</source>
        <translation>%1 には true または false を入力してください。</translation>
    </message>
    <message>
        <source>Nothing was changed. Enter the corrected values.</source>
        <translation>変更がありません。訂正後の値を入力してください。</translation>
    </message>
    <message>
        <source>A reason for the correction is required. Enter why the record is wrong.</source>
        <translation>訂正理由は必須です。記録のどこが誤っているかを入力してください。</translation>
    </message>
    <message>
        <source>Cassette load and unload records cannot be corrected. Record a comment instead.</source>
        <translation>カセット装填・取り出しの記録は訂正できません。代わりにコメントを記録してください。</translation>
    </message>
    <message>
        <source>This record has already been corrected. Correct the correction instead.</source>
        <translation>この記録はすでに訂正されています。訂正記録のほうを訂正してください。</translation>
    </message>
    <message>
        <source>%1 must be a number.</source>
        <translation>%1 には数値を入力してください。</translation>
    </message>
</context>
<context>
    <name>ExceptionKind</name>
    <message>
        <source>Refused scan</source>
        <translation>スキャン不合致</translation>
    </message>
    <message>
        <source>Wrong patient</source>
        <translation>患者不一致</translation>
    </message>
    <message>
        <source>Expired material</source>
        <translation>使用期限切れ</translation>
    </message>
    <message>
        <source>Label typed, not scanned</source>
        <translation>ラベルの手入力</translation>
    </message>
    <message>
        <source>Value outside limits</source>
        <translation>管理範囲外の値</translation>
    </message>
    <message>
        <source>Impossible value</source>
        <translation>あり得ない値</translation>
    </message>
    <message>
        <source>Alarm during a phase</source>
        <translation>工程中のアラーム</translation>
    </message>
    <message>
        <source>CPP limit exceeded</source>
        <translation>CPP管理範囲の逸脱</translation>
    </message>
    <message>
        <source>Missing instrument data</source>
        <translation>装置データの欠落</translation>
    </message>
    <message>
        <source>Late verification</source>
        <translation>確認の遅延</translation>
    </message>
    <message>
        <source>Signed offline</source>
        <translation>オフライン署名</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>訂正</translation>
    </message>
    <message>
        <source>Raised by hand</source>
        <translation>手動起票</translation>
    </message>
</context>
<context>
    <name>ExceptionState</name>
    <message>
        <source>Open</source>
        <translation>未処置</translation>
    </message>
    <message>
        <source>Dispositioned by QA</source>
        <translation>QA処置済み</translation>
    </message>
</context>
<context>
    <name>FlowStep</name>
    <message>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>Cassette</source>
        <translation>カセット</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>バッグ</translation>
    </message>
    <message>
        <source>Bay</source>
        <translation>ベイ</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>署名</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Station status</source>
        <translation>端末の状態</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>端末</translation>
    </message>
    <message>
        <source>This workstation&apos;s name at the plant.</source>
        <translation>工場内でのこの端末の名称です。</translation>
    </message>
    <message>
        <source>Plant server</source>
        <translation>工場サーバー</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>未登録</translation>
    </message>
    <message>
        <source>This station is not connected to a plant server yet. Records are kept locally.</source>
        <translation>この端末はまだ工場サーバーに接続されていません。記録はこの端末に保存されます。</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>同期待ち</translation>
    </message>
    <message>
        <source>Entries stored here that the plant server has not acknowledged yet.</source>
        <translation>この端末に保存され、工場サーバーの受信確認をまだ得ていない件数です。</translation>
    </message>
    <message>
        <source>Instruments</source>
        <translation>装置</translation>
    </message>
    <message>
        <source>None connected</source>
        <translation>接続なし</translation>
    </message>
    <message>
        <source>Instrument connections are not configured on this station yet.</source>
        <translation>この端末にはまだ装置の接続が設定されていません。</translation>
    </message>
    <message>
        <source>%1 of %2 connected</source>
        <translation>%2台中%1台接続</translation>
    </message>
    <message>
        <source>All instrument connections are up.</source>
        <translation>すべての装置と接続しています。</translation>
    </message>
    <message>
        <source>An instrument is disconnected: its traces show a gap. Check the instrument and its network cable.</source>
        <translation>装置との接続が切れています（トレースは途切れて表示されます）。装置とネットワークケーブルを確認してください。</translation>
    </message>
    <message>
        <source>Active alarms</source>
        <translation>発生中のアラーム</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>No instruments are connected, so no alarms can be raised.</source>
        <translation>装置が接続されていないため、アラームは発生しません。</translation>
    </message>
    <message>
        <source>See the alarm banner and acknowledge each alarm.</source>
        <translation>アラーム表示を見て、各アラームに応答してください。</translation>
    </message>
    <message>
        <source>All values are within their limits.</source>
        <translation>すべての値が管理範囲内です。</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>%1 blocked by a critical exception: QA must disposition it.</source>
        <translation>%1件が致命的な例外事象で停止中：品質保証（QA）の処置が必要です。</translation>
    </message>
    <message>
        <source>%1 with a step to do now.</source>
        <translation>%1件に今実施できる工程があります。</translation>
    </message>
    <message>
        <source>No step to do now.</source>
        <translation>今実施できる工程はありません。</translation>
    </message>
    <message>
        <source>No batch of this station yet.</source>
        <translation>この端末のバッチはまだありません。</translation>
    </message>
    <message>
        <source>Waiting for QA release</source>
        <translation>QAの出荷判定待ち</translation>
    </message>
    <message>
        <source>Longest: %1, waiting %2</source>
        <translation>最長：%1（待ち時間 %2）</translation>
    </message>
    <message>
        <source>Awaiting second signature</source>
        <translation>確認者の署名待ち</translation>
    </message>
    <message>
        <source>OVERDUE: %1 waiting longer than %2 minutes. Ask a verifier to sign now (Records, Awaiting verification).</source>
        <translation>期限超過：%1 件が %2 分以上確認待ちです。確認者にすぐ署名を依頼してください（記録 → 確認待ち）。</translation>
    </message>
    <message>
        <source>Records waiting for a second person to verify them. None is overdue yet.</source>
        <translation>二者確認の署名を待っている記録です。期限を超過したものはありません。</translation>
    </message>
    <message>
        <source>No record is waiting for a second signature.</source>
        <translation>二者確認待ちの記録はありません。</translation>
    </message>
</context>
<context>
    <name>InstructionScreen</name>
    <message>
        <source>I have read the instruction and done what it says</source>
        <translation>指示を読み、そのとおりに実施しました</translation>
    </message>
</context>
<context>
    <name>LabelCheck</name>
    <message>
        <source>Nothing was scanned. Scan the label again, holding the scanner steady over the code.</source>
        <translation>何もスキャンされませんでした。スキャナーをコードに当てて固定し、もう一度スキャンしてください。</translation>
    </message>
    <message>
        <source>The scanned text is {length} characters long, more than the {limit} any label holds. Scan one code at a time; if this repeats, have the scanner settings checked.</source>
        <translation>スキャンされた文字列は {length} 文字で、ラベルの上限 {limit} 文字を超えています。コードを1つずつスキャンしてください。繰り返す場合はスキャナーの設定を確認してもらってください。</translation>
    </message>
    <message>
        <source>The scan contains the control character {char} at position {position}. Scan again; if this repeats, have the scanner prefix/suffix settings checked.</source>
        <translation>スキャンの {position} 文字目に制御文字 {char} が含まれています。もう一度スキャンしてください。繰り返す場合はスキャナーのプレフィックス／サフィックス設定を確認してもらってください。</translation>
    </message>
    <message>
        <source>The scan contains the character {char} at position {position}, which no barcode uses. Switch the keyboard input method (IME) to direct input and scan again.</source>
        <translation>スキャンの {position} 文字目に、バーコードでは使われない文字 {char} が含まれています。日本語入力（IME）を直接入力に切り替えて、もう一度スキャンしてください。</translation>
    </message>
    <message>
        <source>The {field} contains the character {char} at position {position}, which is not allowed there. Rescan; if it fails again, set the item aside and call QA.</source>
        <translation>{field} の {position} 文字目に使用できない文字 {char} があります。再スキャンし、再度失敗した場合は品目を取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>This is neither a GS1 nor an ISBT 128 label. Check that you scanned the right code (GS1 DataMatrix on the cassette, ISBT 128 on the bag) and scan again.</source>
        <translation>GS1でもISBT 128でもないラベルです。正しいコード（カセットはGS1 DataMatrix、バッグはISBT 128）をスキャンしたか確認し、もう一度スキャンしてください。</translation>
    </message>
    <message>
        <source>The {symbology} data is not laid out as the standard requires ({problem}). Rescan; if it fails again, set the item aside and call QA.</source>
        <translation>{symbology} のデータが規格どおりの構成ではありません（{problem}）。再スキャンし、再度失敗した場合は品目を取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The label contains GS1 Application Identifier ({ai}), which this station does not accept. Check that you scanned the right label; if so, call QA to review it.</source>
        <translation>ラベルにこの端末が受け付けないGS1アプリケーション識別子（{ai}）が含まれています。正しいラベルをスキャンしたか確認し、正しい場合はQAに確認を依頼してください。</translation>
    </message>
    <message>
        <source>GS1 Application Identifier ({ai}) appears more than once on the label. The label is defective: set the item aside and call QA.</source>
        <translation>GS1アプリケーション識別子（{ai}）がラベルに複数回出現しています。ラベル不良です。品目を取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The label has no {field}. Check that you scanned the right code; if so, the label is incomplete: set the item aside and call QA.</source>
        <translation>ラベルに {field} がありません。正しいコードをスキャンしたか確認してください。正しい場合はラベルが不完全です。品目を取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The check digit of GTIN {gtin} is wrong (expected {expected}). The code was misread or misprinted: rescan; if it fails again, set the item aside and call QA.</source>
        <translation>GTIN {gtin} のチェックデジットが誤っています（正しくは {expected}）。読み取りまたは印字の誤りです。再スキャンし、再度失敗した場合は品目を取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The {field} is incomplete ({found} of {expected} characters). Rescan the whole code; if it fails again, set the item aside and call QA.</source>
        <translation>{field} が不完全です（{expected} 文字中 {found} 文字）。コード全体を再スキャンし、再度失敗した場合は品目を取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The {field} is empty. Rescan; if it fails again, set the item aside and call QA.</source>
        <translation>{field} が空です。再スキャンし、再度失敗した場合は品目を取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The {field} is {length} characters long; at most {limit} are allowed. Rescan; if it fails again, set the item aside and call QA.</source>
        <translation>{field} は {length} 文字で、上限の {limit} 文字を超えています。再スキャンし、再度失敗した場合は品目を取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The {field} runs into the next field ({length} characters): the separator between lot and serial number is missing. Check that the scanner sends GS (FNC1); if another scanner reads the same, set the item aside and call QA.</source>
        <translation>{field} が次の項目とつながっています（{length} 文字）。ロット番号とシリアル番号の区切りがありません。スキャナーがGS（FNC1）を送信する設定か確認し、別のスキャナーでも同じ場合は品目を取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The {field} &apos;{value}&apos; is not a valid date or time. Rescan; if it fails again, set the item aside and call QA.</source>
        <translation>{field}「{value}」は有効な日付・時刻ではありません。再スキャンし、再度失敗した場合は品目を取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The check character does not match donation identification number {din} (expected {expected}, found {found}). Re-enter or rescan the DIN carefully; if it still fails, do not use the bag and call QA.</source>
        <translation>チェック文字が採取識別番号（DIN）{din} と一致しません（正しくは {expected}、読み取り値 {found}）。DINを慎重に再入力または再スキャンしてください。それでも失敗する場合はバッグを使用せず、QAに連絡してください。</translation>
    </message>
    <message>
        <source>The DIN flag characters &apos;{flags}&apos; are reserved and not valid. Rescan the bag label; if it fails again, do not use the bag and call QA.</source>
        <translation>DINのフラグ文字「{flags}」は予約済みで無効です。バッグのラベルを再スキャンし、再度失敗した場合はバッグを使用せず、QAに連絡してください。</translation>
    </message>
    <message>
        <source>ISBT 128 data identifier &apos;{identifier}&apos; is not one this station can read. Check that you scanned the right code; if so, call QA to review the label.</source>
        <translation>ISBT 128 のデータ識別子「{identifier}」はこの端末では読み取れません。正しいコードをスキャンしたか確認し、正しい場合はQAにラベルの確認を依頼してください。</translation>
    </message>
    <message>
        <source>ISBT 128 data structure {number} ({name}) appears more than once in one scan. Scan each label code once; if this repeats, call QA.</source>
        <translation>ISBT 128 データ構造 {number}（{name}）が1回のスキャンに複数回含まれています。ラベルの各コードを1回ずつスキャンし、繰り返す場合はQAに連絡してください。</translation>
    </message>
    <message>
        <source>The ISBT 128 compound message announces {expected} data structures but holds {found}. Rescan; if it fails again, set the item aside and call QA.</source>
        <translation>ISBT 128 複合メッセージは {expected} 個のデータ構造を示していますが、実際は {found} 個です。再スキャンし、再度失敗した場合は品目を取り置いてQAに連絡してください。</translation>
    </message>
    <message>
        <source>The scan could not be interpreted. Scan again; if this repeats, call QA.</source>
        <translation>スキャン内容を解釈できませんでした。もう一度スキャンし、繰り返す場合はQAに連絡してください。</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Unexpected error</source>
        <extracomment>console.log rotates at this size, keeping this many old files: at most 6 x 5 MiB on disk. Libraries that log every sample, request or subscription publish at INFO: a station runs for weeks, so only their warnings are kept.</extracomment>
        <translation>予期しないエラー</translation>
    </message>
    <message>
        <source>An unexpected error occurred and was written to the log. Finish or check the current step and tell a supervisor.</source>
        <translation>予期しないエラーが発生し、ログに記録しました。現在の工程を確認し、責任者に連絡してください。</translation>
    </message>
</context>
<context>
    <name>LockView</name>
    <message>
        <source>Screen locked</source>
        <translation>画面ロック中</translation>
    </message>
    <message>
        <source>The screen was locked by %1.</source>
        <translation>%1 が画面をロックしました。</translation>
    </message>
    <message>
        <source>The screen was locked because there was no activity.</source>
        <translation>一定時間操作がなかったため画面をロックしました。</translation>
    </message>
    <message>
        <source>Locked by: %1</source>
        <translation>ロック中のユーザー：%1</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <source>Log in as another user</source>
        <translation>別のユーザーでログイン</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>パスワードを入力してください。</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <source>operator</source>
        <translation>作業者</translation>
    </message>
    <message>
        <source>verifier</source>
        <translation>確認者</translation>
    </message>
    <message>
        <source>verifier, qualification expired</source>
        <translation>確認者（資格の有効期限切れ）</translation>
    </message>
    <message>
        <source>verifier, not qualified for cassette steps</source>
        <translation>確認者（カセット工程の資格なし）</translation>
    </message>
    <message>
        <source>operator, not a verifier</source>
        <translation>作業者（確認者権限なし）</translation>
    </message>
    <message>
        <source>quality assurance</source>
        <translation>品質保証（QA）</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>locked account</source>
        <translation>ロックされたアカウント</translation>
    </message>
    <message>
        <source>disabled account</source>
        <translation>無効化されたアカウント</translation>
    </message>
    <message>
        <source>badge %1</source>
        <translation>バッジ %1</translation>
    </message>
    <message>
        <source>Operator Console</source>
        <translation>オペレーターコンソール</translation>
    </message>
    <message>
        <source>Station: %1</source>
        <translation>端末：%1</translation>
    </message>
    <message>
        <source>User ID or badge</source>
        <translation>ユーザーIDまたはバッジ</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Type your user ID or scan your badge</source>
        <translation>ユーザーID入力またはバッジをスキャン</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <source>Back to the lock screen</source>
        <translation>ロック画面に戻る</translation>
    </message>
    <message>
        <source>Logging in ends the locked session of %1.</source>
        <translation>ログインすると、%1 さんのロック中のセッションは終了します。</translation>
    </message>
    <message>
        <source>Demo mode: demo users</source>
        <translation>デモモード：デモ用ユーザー</translation>
    </message>
    <message>
        <source>User ID / password, name, what the account shows</source>
        <translation>ユーザーID／パスワード、氏名、アカウントの用途</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>Enter your user ID or scan your badge.</source>
        <translation>ユーザーIDを入力するか、バッジをスキャンしてください。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>パスワードを入力してください。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Operator Console</source>
        <translation>オペレーターコンソール</translation>
    </message>
</context>
<context>
    <name>Meaning</name>
    <message>
        <source>Performed</source>
        <translation>実施</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>照査</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>承認</translation>
    </message>
</context>
<context>
    <name>Notable</name>
    <message>
        <source>Failed signature</source>
        <translation>署名の失敗</translation>
    </message>
    <message>
        <source>Refused signature</source>
        <translation>拒否された署名</translation>
    </message>
    <message>
        <source>Refused scan</source>
        <translation>拒否されたスキャン</translation>
    </message>
    <message>
        <source>Typed entry</source>
        <translation>手入力</translation>
    </message>
    <message>
        <source>Offline work</source>
        <translation>オフラインでの作業</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>設定の変更</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>訂正</translation>
    </message>
    <message>
        <source>Failed login or lockout</source>
        <translation>ログイン失敗・アカウントロック</translation>
    </message>
    <message>
        <source>Exception raised</source>
        <translation>例外事象の発生</translation>
    </message>
</context>
<context>
    <name>OpenItem</name>
    <message>
        <source>Steps not done</source>
        <translation>未実施の工程</translation>
    </message>
    <message>
        <source>Exception not dispositioned</source>
        <translation>未処置の例外事象</translation>
    </message>
    <message>
        <source>Conflict not resolved</source>
        <translation>未解決の競合</translation>
    </message>
    <message>
        <source>Signature still awaited</source>
        <translation>未了の署名</translation>
    </message>
    <message>
        <source>Offline signature not checked by the plant server</source>
        <translation>工場サーバーで未検証のオフライン署名</translation>
    </message>
    <message>
        <source>Audit-trail review not signed</source>
        <translation>監査証跡の照査が未署名</translation>
    </message>
    <message>
        <source>Entries not yet received from a station</source>
        <translation>端末から未受信の記録</translation>
    </message>
    <message>
        <source>Batch not under QA review</source>
        <translation>バッチがQA照査中ではありません</translation>
    </message>
</context>
<context>
    <name>OutageReason</name>
    <message>
        <source>the plant server does not answer</source>
        <translation>工場サーバーが応答しません</translation>
    </message>
    <message>
        <source>the plant server answers too slowly</source>
        <translation>工場サーバーの応答が遅すぎます</translation>
    </message>
    <message>
        <source>the plant server is busy</source>
        <translation>工場サーバーが混み合っています</translation>
    </message>
    <message>
        <source>the plant server&apos;s answer could not be read</source>
        <translation>工場サーバーの応答を読み取れません</translation>
    </message>
    <message>
        <source>the link to the plant server failed</source>
        <translation>工場サーバーとの通信に失敗しました</translation>
    </message>
</context>
<context>
    <name>PhaseScreen</name>
    <message>
        <source>Complete the phase and sign…</source>
        <translation>工程を完了して署名…</translation>
    </message>
    <message>
        <source>Start the phase</source>
        <translation>工程を開始</translation>
    </message>
    <message>
        <source>Show the live traces</source>
        <translation>トレースを表示</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>チャンネル</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>現在値</translation>
    </message>
    <message>
        <source>CPP limits</source>
        <translation>CPP管理範囲</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Not started. Duration: %1 min</source>
        <translation>未開始。所要時間：%1分</translation>
    </message>
    <message>
        <source>Running: %1 of %2 min</source>
        <translation>実行中：%2分中%1分</translation>
    </message>
    <message>
        <source>Duration reached: complete the phase.</source>
        <translation>所要時間に達しました：工程を完了してください。</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>データなし</translation>
    </message>
    <message>
        <source>No instrument connected</source>
        <translation>装置未接続</translation>
    </message>
    <message>
        <source>Within limits</source>
        <translation>管理範囲内</translation>
    </message>
    <message>
        <source>OUTSIDE LIMITS</source>
        <translation>管理範囲外</translation>
    </message>
</context>
<context>
    <name>ProcessStep</name>
    <message>
        <source>T-cell activation</source>
        <translation>T細胞活性化</translation>
    </message>
    <message>
        <source>Transduction</source>
        <translation>遺伝子導入</translation>
    </message>
    <message>
        <source>Expansion</source>
        <translation>拡大培養</translation>
    </message>
    <message>
        <source>Cell wash</source>
        <translation>細胞洗浄</translation>
    </message>
    <message>
        <source>Harvest</source>
        <translation>回収</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>QaActDialog</name>
    <message>
        <source>Signature meaning: %1</source>
        <translation>署名の意味：%1</translation>
    </message>
    <message>
        <source>Reason (required, part of what you sign)</source>
        <translation>理由（必須、署名の対象に含まれます）</translation>
    </message>
    <message>
        <source>Your password: the plant server checks it and records your signature</source>
        <translation>パスワード：工場サーバーが確認し、署名を記録します</translation>
    </message>
</context>
<context>
    <name>RaiseExceptionDialog</name>
    <message>
        <source>Raise an exception</source>
        <translation>例外事象の起票</translation>
    </message>
    <message>
        <source>Describe what happened (required):</source>
        <translation>起きたことを記入してください（必須）：</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Raise</source>
        <translation>起票</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>ReagentScreen</name>
    <message>
        <source>Use the typed lot and expiry</source>
        <translation>手入力したロット番号と使用期限を使う</translation>
    </message>
    <message>
        <source>Scan the label of %1 (GS1).</source>
        <translation>%1のラベル（GS1）をスキャンしてください。</translation>
    </message>
    <message>
        <source>If the label cannot be scanned: type its lot and expiry (recorded as typed, an exception).</source>
        <translation>ラベルをスキャンできない場合：ロット番号と使用期限を手入力してください（手入力として記録され、例外事象になります）。</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>ロット番号</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>使用期限</translation>
    </message>
    <message>
        <source>Reading: %1</source>
        <translation>読み取り中：%1</translation>
    </message>
</context>
<context>
    <name>ReasonPasswordDialog</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>RecordField</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Process step</source>
        <translation>工程</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Batch entered by</source>
        <translation>バッチの入力方法</translation>
    </message>
    <message>
        <source>Cassette serial number</source>
        <translation>カセットのシリアル番号</translation>
    </message>
    <message>
        <source>Cassette lot</source>
        <translation>カセットのロット番号</translation>
    </message>
    <message>
        <source>Cassette GTIN</source>
        <translation>カセットのGTIN</translation>
    </message>
    <message>
        <source>Cassette expiry date</source>
        <translation>カセットの使用期限</translation>
    </message>
    <message>
        <source>Cassette label entered by</source>
        <translation>カセットラベルの入力方法</translation>
    </message>
    <message>
        <source>Bag DIN</source>
        <translation>バッグの採取識別番号（DIN）</translation>
    </message>
    <message>
        <source>Chain of identity (COI)</source>
        <translation>識別の連鎖（COI）</translation>
    </message>
    <message>
        <source>Bag product code</source>
        <translation>バッグの製品コード</translation>
    </message>
    <message>
        <source>Bag expiry date</source>
        <translation>バッグの使用期限</translation>
    </message>
    <message>
        <source>Bag label entered by</source>
        <translation>バッグラベルの入力方法</translation>
    </message>
    <message>
        <source>Bay</source>
        <translation>ベイ</translation>
    </message>
    <message>
        <source>Bay entered by</source>
        <translation>ベイの入力方法</translation>
    </message>
    <message>
        <source>Load record</source>
        <translation>装填の記録</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>端末</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>装置</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>チャンネル</translation>
    </message>
    <message>
        <source>Limit exceeded</source>
        <translation>逸脱した限界値</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限界値</translation>
    </message>
    <message>
        <source>Alarm started</source>
        <translation>アラーム発生</translation>
    </message>
    <message>
        <source>Peak value</source>
        <translation>ピーク値</translation>
    </message>
    <message>
        <source>Peak at</source>
        <translation>ピーク時刻</translation>
    </message>
    <message>
        <source>Returned to normal</source>
        <translation>正常復帰</translation>
    </message>
    <message>
        <source>Value when acknowledged</source>
        <translation>応答時の値</translation>
    </message>
    <message>
        <source>State when acknowledged</source>
        <translation>応答時の状態</translation>
    </message>
    <message>
        <source>Comment or action taken</source>
        <translation>コメント・実施した処置</translation>
    </message>
    <message>
        <source>Step type</source>
        <translation>工程の種類</translation>
    </message>
    <message>
        <source>Signatures required</source>
        <translation>必要な署名</translation>
    </message>
    <message>
        <source>Qualification required</source>
        <translation>必要な資格</translation>
    </message>
    <message>
        <source>Master recipe</source>
        <translation>マスターレシピ</translation>
    </message>
    <message>
        <source>Recipe version</source>
        <translation>マスターレシピの版</translation>
    </message>
    <message>
        <source>Recipe SHA-256</source>
        <translation>マスターレシピのSHA-256</translation>
    </message>
    <message>
        <source>Exceptions raised</source>
        <translation>記録した例外事象</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>例外事象</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>発生した事象</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>記録値</translation>
    </message>
    <message>
        <source>Required by the recipe</source>
        <translation>マスターレシピの規定</translation>
    </message>
</context>
<context>
    <name>RecordStatus</name>
    <message>
        <source>Awaiting signature</source>
        <translation>署名待ち</translation>
    </message>
    <message>
        <source>Awaiting verification</source>
        <translation>確認待ち</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>訂正済み</translation>
    </message>
</context>
<context>
    <name>RecordType</name>
    <message>
        <source>Cassette load</source>
        <translation>カセット装填</translation>
    </message>
    <message>
        <source>Cassette unload</source>
        <translation>カセット取り出し</translation>
    </message>
    <message>
        <source>Alarm acknowledgement</source>
        <translation>アラーム応答</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Step completion</source>
        <translation>工程完了</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>訂正</translation>
    </message>
    <message>
        <source>Step record</source>
        <translation>工程記録</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>例外事象</translation>
    </message>
    <message>
        <source>Exception disposition</source>
        <translation>例外事象の処置</translation>
    </message>
</context>
<context>
    <name>RecordValue</name>
    <message>
        <source>Load</source>
        <translation>装填</translation>
    </message>
    <message>
        <source>Unload</source>
        <translation>取り出し</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>not yet (still beyond the limit)</source>
        <translation>未復帰（限界値を超えたまま）</translation>
    </message>
</context>
<context>
    <name>RecordValueKey</name>
    <message>
        <source>yes</source>
        <extracomment>Content keys of a step record&apos;s recorded and required values (and yes / no).</extracomment>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>material</source>
        <translation>試薬</translation>
    </message>
    <message>
        <source>lot</source>
        <translation>ロット</translation>
    </message>
    <message>
        <source>expiry</source>
        <translation>使用期限</translation>
    </message>
    <message>
        <source>typed by hand</source>
        <translation>手入力</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <source>scan</source>
        <translation>スキャン内容</translation>
    </message>
    <message>
        <source>label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>sample ID</source>
        <translation>サンプルID</translation>
    </message>
    <message>
        <source>sample code</source>
        <translation>サンプルコード</translation>
    </message>
    <message>
        <source>serial number</source>
        <translation>シリアル番号</translation>
    </message>
    <message>
        <source>bay</source>
        <translation>ベイ</translation>
    </message>
    <message>
        <source>cassette record</source>
        <translation>カセットの記録</translation>
    </message>
    <message>
        <source>instrument</source>
        <translation>装置</translation>
    </message>
    <message>
        <source>duration (min)</source>
        <translation>所要時間（分）</translation>
    </message>
    <message>
        <source>channels</source>
        <translation>チャンネル</translation>
    </message>
    <message>
        <source>alarms</source>
        <translation>アラーム</translation>
    </message>
    <message>
        <source>start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>end</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>label type</source>
        <translation>ラベルの種類</translation>
    </message>
    <message>
        <source>DIN</source>
        <translation>DIN</translation>
    </message>
    <message>
        <source>COI</source>
        <translation>COI</translation>
    </message>
    <message>
        <source>product code</source>
        <translation>製品コード</translation>
    </message>
    <message>
        <source>flags</source>
        <translation>フラグ</translation>
    </message>
    <message>
        <source>check character</source>
        <translation>チェック文字</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>limits</source>
        <translation>管理範囲</translation>
    </message>
    <message>
        <source>count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>Records and signatures</source>
        <translation>記録と署名</translation>
    </message>
    <message>
        <source>All batches</source>
        <translation>すべてのバッチ</translation>
    </message>
    <message>
        <source>All record types</source>
        <translation>すべての記録種別</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>All signers</source>
        <translation>すべての署名者</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全期間</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>過去24時間</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>過去7日間</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>過去30日間</translation>
    </message>
    <message>
        <source>Awaiting verification</source>
        <translation>確認待ち</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Add comment</source>
        <translation>コメント追加</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>確認する</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>訂正する</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>PDF出力</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
    <message>
        <source>Batch report</source>
        <translation>製造記録（認証済み複製）</translation>
    </message>
    <message>
        <source>Show the correction</source>
        <translation>訂正記録を表示</translation>
    </message>
    <message>
        <source>Show the original record</source>
        <translation>元の記録を表示</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>署名の意味</translation>
    </message>
    <message>
        <source>Printed name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Signature check</source>
        <translation>署名の検証</translation>
    </message>
    <message>
        <source>%1 records shown, newest first</source>
        <translation>%1 件を表示（新しい順）</translation>
    </message>
    <message>
        <source>To export or print, choose a batch above or select a record.</source>
        <translation>PDF出力や印刷をするには、上でバッチを選ぶか記録を選択してください。</translation>
    </message>
    <message>
        <source>Select a record to see its content and signatures.</source>
        <translation>記録を選択すると、内容と署名が表示されます。</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Batch %1 · created %2 by %3 · ID %4</source>
        <translation>バッチ %1 · 作成 %2（%3） · ID %4</translation>
    </message>
    <message>
        <source>✗ The stored content does not match its hash. Do not use this record; inform QA.</source>
        <translation>✗ 保存された内容がハッシュと一致しません。この記録は使用せず、QAに連絡してください。</translation>
    </message>
    <message>
        <source>Corrected: this record is superseded by a correction. Its values are no longer valid.</source>
        <translation>訂正済み：この記録は訂正記録に置き換えられています。この記録の値は無効です。</translation>
    </message>
    <message>
        <source>Corrects: %1
Reason for correction: %2</source>
        <translation>訂正対象：%1
訂正理由：%2</translation>
    </message>
    <message>
        <source>✓ Verifies</source>
        <translation>✓ 有効</translation>
    </message>
    <message>
        <source>✗ Does NOT verify: content or signature changed</source>
        <translation>✗ 無効：内容または署名が変更されています</translation>
    </message>
    <message>
        <source>Signed. The record is complete.</source>
        <translation>署名しました。記録は完了です。</translation>
    </message>
    <message>
        <source>Signed as performer. The record is awaiting verification by a second person.</source>
        <translation>実施者として署名しました。記録は二者確認待ちです。</translation>
    </message>
</context>
<context>
    <name>RecordsTableModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>署名</translation>
    </message>
</context>
<context>
    <name>ReleaseClock</name>
    <message>
        <source>not yet complete</source>
        <translation>製造未完了</translation>
    </message>
    <message>
        <source>%1 d %2 h %3 min</source>
        <translation>%1日%2時間%3分</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1時間%2分</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1分</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve rejected entry</source>
        <translation>拒否されたエントリの解決</translation>
    </message>
    <message>
        <source>Resolution (required): what was checked and what was done</source>
        <translation>解決内容（必須）：確認したことと実施したこと</translation>
    </message>
    <message>
        <source>Your password (QA), to confirm</source>
        <translation>確認のため、あなた（品質保証（QA））のパスワード</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解決する</translation>
    </message>
</context>
<context>
    <name>ReviewAudit</name>
    <message>
        <source>Batch created</source>
        <extracomment>The plant server&apos;s own events about a batch.</extracomment>
        <translation>バッチ作成</translation>
    </message>
    <message>
        <source>Batch state changed</source>
        <translation>バッチ状態の変更</translation>
    </message>
    <message>
        <source>Exception dispositioned</source>
        <translation>例外事象の処置</translation>
    </message>
    <message>
        <source>Audit trail reviewed</source>
        <translation>監査証跡の照査</translation>
    </message>
    <message>
        <source>Decision signed</source>
        <translation>出荷判定の署名</translation>
    </message>
    <message>
        <source>Conflict raised</source>
        <translation>競合の発生</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>実行者</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Notable</source>
        <translation>要注意</translation>
    </message>
</context>
<context>
    <name>ReviewException</name>
    <message>
        <source>Refused scan</source>
        <translation>拒否されたスキャン</translation>
    </message>
    <message>
        <source>Another patient&apos;s material</source>
        <translation>他の患者の原料</translation>
    </message>
    <message>
        <source>Expired material</source>
        <translation>使用期限切れの原料</translation>
    </message>
    <message>
        <source>Typed instead of scanned</source>
        <translation>スキャンではなく手入力</translation>
    </message>
    <message>
        <source>Value outside limits</source>
        <translation>管理範囲外の値</translation>
    </message>
    <message>
        <source>Implausible entry</source>
        <translation>あり得ない入力値</translation>
    </message>
    <message>
        <source>Alarm during a phase</source>
        <translation>工程中のアラーム</translation>
    </message>
    <message>
        <source>CPP excursion</source>
        <translation>CPPの逸脱</translation>
    </message>
    <message>
        <source>Missing process data</source>
        <translation>工程データの欠落</translation>
    </message>
    <message>
        <source>Late verification</source>
        <translation>確認の遅れ</translation>
    </message>
    <message>
        <source>Offline signature</source>
        <translation>オフライン署名</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>訂正</translation>
    </message>
    <message>
        <source>Raised by hand</source>
        <translation>手動で起票</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Asking the plant server…</source>
        <translation>工場サーバーに問い合わせています…</translation>
    </message>
    <message>
        <source>The plant server cannot be reached: the review needs it online (it decides the release). Check the Sync page.</source>
        <translation>工場サーバーに接続できません。照査にはオンライン接続が必要です（出荷判定は工場サーバーが行います）。同期画面を確認してください。</translation>
    </message>
    <message>
        <source>Waiting for QA: %1</source>
        <translation>QA待ち時間：%1</translation>
    </message>
    <message>
        <source>Released by %1 at %2.</source>
        <translation>%1 が %2 に出荷可と判定しました。</translation>
    </message>
    <message>
        <source>Nothing is open: the batch may be released.</source>
        <translation>未了項目はありません。出荷可と判定できます。</translation>
    </message>
    <message>
        <source>Batches waiting for QA: %1</source>
        <translation>QA待ちのバッチ：%1件</translation>
    </message>
    <message>
        <source>Resolved. The batch is now: %1</source>
        <translation>解決しました。バッチの状態：%1</translation>
    </message>
    <message>
        <source>Open items: %1</source>
        <translation>未了項目：%1件</translation>
    </message>
    <message>
        <source>Release is blocked by open items (%1):</source>
        <translation>未了項目があるため出荷可にできません（%1件）：</translation>
    </message>
    <message>
        <source>verifier</source>
        <translation>確認者</translation>
    </message>
    <message>
        <source>performer</source>
        <translation>実施者</translation>
    </message>
    <message>
        <source>Record of step %1 waits for its %2&apos;s signature</source>
        <translation>工程 %1 の記録は%2の署名待ちです</translation>
    </message>
    <message>
        <source>Offline signature by %1 not yet checked by the plant server</source>
        <translation>%1 のオフライン署名は工場サーバーでまだ検証されていません</translation>
    </message>
    <message>
        <source>Correction of a record (%1) by %2</source>
        <translation>%2 による記録（%1）の訂正</translation>
    </message>
    <message>
        <source>Nothing needs judgement.</source>
        <translation>判断が必要な項目はありません。</translation>
    </message>
    <message>
        <source>Needs judgement (%1)</source>
        <translation>判断が必要な項目（%1件）</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>工程</translation>
    </message>
    <message>
        <source>Audit trail reviewed ✓ — review again…</source>
        <translation>監査証跡は照査済み ✓ — 再照査…</translation>
    </message>
    <message>
        <source>Sign the audit-trail review…</source>
        <translation>監査証跡の照査に署名…</translation>
    </message>
    <message>
        <source>QA review and release</source>
        <translation>QA照査と出荷判定</translation>
    </message>
    <message>
        <source>Batches waiting for QA</source>
        <translation>QA待ちのバッチ</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Release…</source>
        <translation>出荷可…</translation>
    </message>
    <message>
        <source>Hold…</source>
        <translation>保留…</translation>
    </message>
    <message>
        <source>Resume review…</source>
        <translation>照査を再開…</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>不合格…</translation>
    </message>
    <message>
        <source>Disposition of the exception: %1</source>
        <translation>例外事象の処置：%1</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>処置</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Sign disposition</source>
        <translation>処置に署名</translation>
    </message>
    <message>
        <source>Conflict: %1</source>
        <translation>競合：%1</translation>
    </message>
    <message>
        <source>Resolve the conflict</source>
        <translation>競合の解決</translation>
    </message>
    <message>
        <source>You reviewed the audit trail of batch %1: %2 entries, %3 of them notable.</source>
        <translation>バッチ %1 の監査証跡を照査しました：全%2件、うち要注意 %3件。</translation>
    </message>
    <message>
        <source>Audit-trail review</source>
        <translation>監査証跡の照査</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>照査</translation>
    </message>
    <message>
        <source>Sign review</source>
        <translation>照査に署名</translation>
    </message>
    <message>
        <source>Release the batch</source>
        <translation>バッチを出荷可とする</translation>
    </message>
    <message>
        <source>Put on hold</source>
        <translation>保留にする</translation>
    </message>
    <message>
        <source>Resume the review</source>
        <translation>照査を再開する</translation>
    </message>
    <message>
        <source>Reject the batch</source>
        <translation>バッチを不合格とする</translation>
    </message>
    <message>
        <source>Sign release</source>
        <translation>出荷可に署名</translation>
    </message>
    <message>
        <source>Sign hold</source>
        <translation>保留に署名</translation>
    </message>
    <message>
        <source>Sign resume</source>
        <translation>再開に署名</translation>
    </message>
    <message>
        <source>Sign rejection</source>
        <translation>不合格に署名</translation>
    </message>
    <message>
        <source>Batch %1, patient %2.</source>
        <translation>バッチ %1、患者 %2。</translation>
    </message>
    <message>
        <source>The plant server cannot be reached; nothing was signed.</source>
        <translation>工場サーバーに接続できません。署名は記録されていません。</translation>
    </message>
    <message>
        <source>Signed. The batch is now: %1</source>
        <translation>署名しました。バッチの状態：%1</translation>
    </message>
    <message>
        <source>The password is not correct (attempts left: %1). Nothing was signed.</source>
        <translation>パスワードが正しくありません（残り%1回）。署名は記録されていません。</translation>
    </message>
    <message>
        <source>The plant server refused the release; still open (%1):</source>
        <translation>工場サーバーが出荷可を拒否しました。未了項目（%1件）：</translation>
    </message>
    <message>
        <source>Your account is locked. Ask an administrator. Nothing was signed.</source>
        <translation>アカウントがロックされています。管理者に連絡してください。署名は記録されていません。</translation>
    </message>
    <message>
        <source>Dispositioned exceptions and resolved conflicts</source>
        <translation>処置済みの例外事象と解決済みの競合</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>監査証跡</translation>
    </message>
    <message>
        <source>notable: %1 (listed first)</source>
        <translation>要注意：%1件（先頭に表示）</translation>
    </message>
    <message>
        <source>Your account is disabled. Nothing was signed.</source>
        <translation>アカウントが無効です。署名は記録されていません。</translation>
    </message>
    <message>
        <source>Only a QA person may do this.</source>
        <translation>この操作は品質保証（QA）担当者のみが行えます。</translation>
    </message>
    <message>
        <source>You did part of this batch (you made or signed one of its records): someone who did not must review and release it.</source>
        <translation>あなたはこのバッチの作業に関与しています（記録の作成または署名）。関与していない人が照査・出荷判定を行ってください。</translation>
    </message>
    <message>
        <source>You already approved this release; a second, different QA person must approve it.</source>
        <translation>この出荷可はすでにあなたが承認しています。別のQA担当者が二人目として承認してください。</translation>
    </message>
    <message>
        <source>Not possible in the batch&apos;s present state; refresh and look again.</source>
        <translation>バッチの現在の状態ではできません。更新して確認してください。</translation>
    </message>
    <message>
        <source>The plant server refused it: %1</source>
        <translation>工場サーバーが拒否しました：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>step</source>
        <translation>工程</translation>
    </message>
    <message>
        <source>Disposition…</source>
        <translation>処置…</translation>
    </message>
    <message>
        <source>Dispositioned by %1: %2</source>
        <translation>%1 が処置：%2</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>競合</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>解決…</translation>
    </message>
    <message>
        <source>Resolved by %1: %2</source>
        <translation>%1 が解決：%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Operator</source>
        <translation>作業者</translation>
    </message>
    <message>
        <source>Verifier</source>
        <translation>確認者</translation>
    </message>
    <message>
        <source>Quality assurance</source>
        <translation>品質保証（QA）</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理者</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>Use the typed label</source>
        <translation>手入力したラベルを使う</translation>
    </message>
    <message>
        <source>Only if the label cannot be scanned: type it here (recorded as typed, an exception).</source>
        <translation>ラベルをスキャンできない場合のみ：ここに手入力してください（手入力として記録され、例外事象になります）。</translation>
    </message>
    <message>
        <source>Scan the sample&apos;s label.</source>
        <translation>サンプルのラベルをスキャンしてください。</translation>
    </message>
    <message>
        <source>Scan the label of the final product bag (ISBT 128).</source>
        <translation>最終製品バッグのラベル（ISBT 128）をスキャンしてください。</translation>
    </message>
    <message>
        <source>Scan the label of the patient&apos;s apheresis bag (ISBT 128).</source>
        <translation>患者のアフェレーシスバッグのラベル（ISBT 128）をスキャンしてください。</translation>
    </message>
    <message>
        <source>Reading: %1</source>
        <translation>読み取り中：%1</translation>
    </message>
</context>
<context>
    <name>ServerCheck</name>
    <message>
        <source>Offline signature: not yet re-checked by the plant server</source>
        <translation>オフライン署名：工場サーバーによる再検証はまだです</translation>
    </message>
    <message>
        <source>Offline signature: re-checked by the plant server</source>
        <translation>オフライン署名：工場サーバーで再検証済み</translation>
    </message>
    <message>
        <source>Offline signature: REFUSED by the plant server (see Sync)</source>
        <translation>オフライン署名：工場サーバーが拒否しました（同期画面を参照）</translation>
    </message>
</context>
<context>
    <name>ServerCheckShort</name>
    <message>
        <source>offline, not re-checked yet</source>
        <translation>オフライン、再検証前</translation>
    </message>
    <message>
        <source>offline, re-checked</source>
        <translation>オフライン、再検証済み</translation>
    </message>
    <message>
        <source>offline, REFUSED</source>
        <translation>オフライン、拒否</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>Minor</source>
        <translation>軽微</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>致命的</translation>
    </message>
</context>
<context>
    <name>SignRefusal</name>
    <message>
        <source>The password is not correct. Enter your password again.</source>
        <translation>パスワードが正しくありません。もう一度入力してください。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: the account is now locked. Ask an administrator to unlock it.</source>
        <translation>パスワードの誤りが規定回数に達したため、アカウントがロックされました。管理者にロック解除を依頼してください。</translation>
    </message>
    <message>
        <source>This account is disabled and cannot sign. Ask an administrator.</source>
        <translation>このアカウントは無効化されているため署名できません。管理者に連絡してください。</translation>
    </message>
    <message>
        <source>This account is locked and cannot sign. Ask an administrator to unlock it.</source>
        <translation>アカウントがロックされているため署名できません。管理者にロック解除を依頼してください。</translation>
    </message>
    <message>
        <source>A %1 record does not take a &quot;%2&quot; signature. Choose the signature this record needs.</source>
        <translation>「%1」の記録には「%2」の署名はできません。この記録に必要な署名を選んでください。</translation>
    </message>
    <message>
        <source>This record has been corrected and can no longer be signed as &quot;%1&quot;. Sign the correction record instead.</source>
        <translation>この記録は訂正済みのため、「%1」として署名できません。訂正記録に署名してください。</translation>
    </message>
    <message>
        <source>This record already has a &quot;%1&quot; signature. No further &quot;%1&quot; signature is needed.</source>
        <translation>この記録にはすでに「%1」の署名があります。これ以上の「%1」の署名は不要です。</translation>
    </message>
    <message>
        <source>This record has no &quot;Performed&quot; signature yet. The person who did the work must sign first.</source>
        <translation>この記録にはまだ「実施」の署名がありません。作業を行った人が先に署名してください。</translation>
    </message>
    <message>
        <source>This record is not verified yet. A second person must verify it before it can be signed as &quot;%1&quot;.</source>
        <translation>この記録はまだ二者確認されていません。「%1」として署名する前に、別の人が確認する必要があります。</translation>
    </message>
    <message>
        <source>You have already signed or created this record. A different person must sign as &quot;%1&quot;.</source>
        <translation>あなたはこの記録をすでに作成または署名しています。「%1」の署名は別の人が行ってください。</translation>
    </message>
    <message>
        <source>Your roles do not allow you to perform a %1 record. Ask an operator to sign as performer.</source>
        <translation>あなたの権限では「%1」の記録を実施者として署名できません。作業者に実施者としての署名を依頼してください。</translation>
    </message>
    <message>
        <source>You do not hold the verifier role. Ask a qualified verifier to sign.</source>
        <translation>あなたには確認者の権限がありません。資格のある確認者に署名を依頼してください。</translation>
    </message>
    <message>
        <source>Only quality assurance may sign as &quot;%1&quot;. Ask a QA person to sign.</source>
        <translation>「%1」の署名は品質保証（QA）のみが行えます。QA担当者に署名を依頼してください。</translation>
    </message>
    <message>
        <source>You are not qualified for procedure %1. Ask a person qualified for %1 to sign.</source>
        <translation>あなたは手順 %1 の資格を持っていません。%1 の資格を持つ人に署名を依頼してください。</translation>
    </message>
    <message>
        <source>Your qualification for procedure %1 is not in force yet. Ask a person with a current qualification to sign.</source>
        <translation>手順 %1 のあなたの資格はまだ有効になっていません。有効な資格を持つ人に署名を依頼してください。</translation>
    </message>
    <message>
        <source>Your qualification for procedure %1 has expired. Ask a person with a current qualification to sign, and renew your training.</source>
        <translation>手順 %1 のあなたの資格は期限が切れています。有効な資格を持つ人に署名を依頼し、教育訓練を更新してください。</translation>
    </message>
    <message>
        <source>This record&apos;s stored content no longer matches what was signed. Do not sign it; inform QA at once.</source>
        <translation>この記録の保存内容が署名時の内容と一致しません。署名せず、直ちにQAに連絡してください。</translation>
    </message>
    <message>
        <source>This record has already been corrected. Correct the correction record instead.</source>
        <translation>この記録はすでに訂正されています。訂正記録の方を訂正してください。</translation>
    </message>
    <message>
        <source>Cassette load and unload records cannot be corrected: the cassette&apos;s state depends on them. Unload the cassette or ask QA to quarantine it, and explain in a comment.</source>
        <translation>カセット装填・取り出しの記録は訂正できません（カセットの状態がこの記録に基づくため）。カセットを取り出すか品質保証（QA）に隔離を依頼し、理由をコメントに記録してください。</translation>
    </message>
    <message>
        <source>Attempts left before the account is locked: %1.</source>
        <translation>アカウントがロックされるまでの残り回数：%1。</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>%1, %2 (ID %3)</source>
        <translation>%1、%2（ID %3）</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1：%2、%3</translation>
    </message>
    <message>
        <source>Electronic signature</source>
        <translation>電子署名</translation>
    </message>
    <message>
        <source>Two-person verification</source>
        <translation>二者確認</translation>
    </message>
    <message>
        <source>You are signing this record:</source>
        <translation>署名する記録：</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>Corrects</source>
        <translation>訂正対象</translation>
    </message>
    <message>
        <source>record ID %1</source>
        <translation>記録ID %1</translation>
    </message>
    <message>
        <source>Reason for correction</source>
        <translation>訂正理由</translation>
    </message>
    <message>
        <source>Signed so far</source>
        <translation>これまでの署名</translation>
    </message>
    <message>
        <source>Meaning of this signature: %1</source>
        <translation>署名の意味：%1</translation>
    </message>
    <message>
        <source>Performed by: %1 (%2)</source>
        <translation>実施者：%1（%2）</translation>
    </message>
    <message>
        <source>By entering your password you sign this record as the person who performed the work. Your electronic signature is the equivalent of your handwritten signature.</source>
        <translation>パスワードを入力すると、作業を実施した者としてこの記録に署名します。電子署名は手書きの署名と同等です。</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>署名する</translation>
    </message>
    <message>
        <source>Second person: enter YOUR OWN user ID and password. The verifier must not be the performer.</source>
        <translation>確認者：ご自身のユーザーIDとパスワードを入力してください。実施者と同じ人は確認できません。</translation>
    </message>
    <message>
        <source>By signing you confirm that you have checked the work and the content above. Your electronic signature is the equivalent of your handwritten signature.</source>
        <translation>署名すると、作業と上記の内容を確認したことになります。電子署名は手書きの署名と同等です。</translation>
    </message>
    <message>
        <source>Sign as verifier</source>
        <translation>確認者として署名</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>ユーザーID</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Checking the password and signing… please wait.</source>
        <translation>パスワードを確認して署名しています… お待ちください。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Verify later</source>
        <translation>後で確認</translation>
    </message>
    <message>
        <source>Enter the verifier&apos;s own user ID.</source>
        <translation>確認者ご自身のユーザーIDを入力してください。</translation>
    </message>
    <message>
        <source>Enter the password to sign.</source>
        <translation>署名するにはパスワードを入力してください。</translation>
    </message>
    <message>
        <source>Signed as performer by %1. This record needs two-person verification: a second person signs now, or later from Records.</source>
        <translation>%1 が実施者として署名しました。この記録には二者確認が必要です。確認者が今署名するか、後で「記録」画面から署名してください。</translation>
    </message>
    <message>
        <source>The signature could not be completed: %1. Nothing was signed; try again, and call a supervisor if it happens again.</source>
        <translation>署名を完了できませんでした：%1。署名は行われていません。もう一度試し、再発する場合は責任者に連絡してください。</translation>
    </message>
</context>
<context>
    <name>SignaturePolicy</name>
    <message>
        <source>Performer only</source>
        <translation>実施者のみ</translation>
    </message>
    <message>
        <source>Performer and a second person (verifier)</source>
        <translation>実施者と二人目（確認者）による二者確認</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Station: %1</source>
        <translation>端末：%1</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>ユーザー：%1</translation>
    </message>
    <message>
        <source>Language: English</source>
        <translation>表示言語：日本語</translation>
    </message>
    <message>
        <source>Plant server: not enrolled</source>
        <translation>工場サーバー：未登録</translation>
    </message>
    <message>
        <source>Waiting to sync: %1</source>
        <translation>同期待ち：%1件</translation>
    </message>
</context>
<context>
    <name>StepCheck</name>
    <message>
        <source>Enter {field}.</source>
        <extracomment>The step checks&apos; own refusal codes (``domain.batch_execution.verdicts.MESSAGES``).</extracomment>
        <translation>{field}を入力してください。</translation>
    </message>
    <message>
        <source>{field} is not a field of this step.</source>
        <translation>{field}はこの工程の項目ではありません。</translation>
    </message>
    <message>
        <source>{value} {unit} is not a possible value of {field} (possible: {range}). Check the reading and enter it again.</source>
        <translation>{value} {unit}は{field}としてあり得ない値です（入力可能範囲：{range}）。読み取り値を確認して入力し直してください。</translation>
    </message>
    <message>
        <source>{field} takes at most {decimals} digits after the point.</source>
        <translation>{field}の小数点以下は{decimals}桁までです。</translation>
    </message>
    <message>
        <source>Confirm every item of the checklist first.</source>
        <translation>まずチェックリストのすべての項目を確認してください。</translation>
    </message>
    <message>
        <source>Confirm that you have read and done the instruction.</source>
        <translation>指示を読み、実施したことを確認してください。</translation>
    </message>
    <message>
        <source>Scan the label of {material}, or type its lot and expiry where allowed.</source>
        <translation>{material}のラベルをスキャンしてください（許可されている場合はロット番号と使用期限を手入力）。</translation>
    </message>
    <message>
        <source>The scanned GTIN {gtin} is not the one of {material} ({expected}). Take the right material.</source>
        <translation>スキャンしたGTIN {gtin}は{material}のもの（{expected}）ではありません。正しい資材を使用してください。</translation>
    </message>
    <message>
        <source>The label has no lot number. Set the material aside and call QA.</source>
        <translation>ラベルにロット番号がありません。資材を取り置き、品質保証（QA）に連絡してください。</translation>
    </message>
    <message>
        <source>The label has no expiry date. Set the material aside and call QA.</source>
        <translation>ラベルに使用期限がありません。資材を取り置き、品質保証（QA）に連絡してください。</translation>
    </message>
    <message>
        <source>{material} lot {lot} expired on {expiry}. Do not use it: set it aside and call QA.</source>
        <translation>{material}（ロット番号 {lot}）は{expiry}に使用期限が切れています。使用せず取り置き、品質保証（QA）に連絡してください。</translation>
    </message>
    <message>
        <source>The recipe does not allow typing this label. Scan it; if it cannot be read, set the material aside and call QA.</source>
        <translation>マスターレシピではこのラベルの手入力は認められていません。スキャンしてください。読み取れない場合は資材を取り置き、品質保証（QA）に連絡してください。</translation>
    </message>
    <message>
        <source>Sample ID {sample_id} is not the one of this batch and step ({expected}). Scan the label of the right sample.</source>
        <translation>サンプルID {sample_id}はこのバッチ・工程のもの（{expected}）ではありません。正しいサンプルのラベルをスキャンしてください。</translation>
    </message>
    <message>
        <source>Sample ID {sample_id} belongs to another chain of identity. STOP: do not use it; call QA at once.</source>
        <translation>サンプルID {sample_id}は別の識別の連鎖（COI）のものです。作業を止めてください：使用せず、直ちに品質保証（QA）に連絡してください。</translation>
    </message>
    <message>
        <source>Load or unload the cassette first: the step records the cassette record.</source>
        <translation>先にカセットを装填または取り出してください：この工程はカセットの記録を記録します。</translation>
    </message>
    <message>
        <source>The phase has run {elapsed} of {duration} minutes. Wait until it has finished.</source>
        <translation>工程は{duration}分中{elapsed}分経過しました。終了までお待ちください。</translation>
    </message>
    <message>
        <source>Start the phase first.</source>
        <translation>先に工程を開始してください。</translation>
    </message>
    <message>
        <source>Batch {batch} cannot be run here yet: its recipe or its patient&apos;s identifiers have not reached this station. Sync with the plant server.</source>
        <translation>バッチ {batch}はまだこの端末で実施できません：マスターレシピまたは患者の識別情報が届いていません。工場サーバーと同期してください。</translation>
    </message>
</context>
<context>
    <name>StepRefusal</name>
    <message>
        <source>Step {step} is not a step of this recipe.</source>
        <translation>工程 {step}はこのマスターレシピの工程ではありません。</translation>
    </message>
    <message>
        <source>Step {step} is already done. To change its record, correct it.</source>
        <translation>工程 {step}は完了しています。記録を変更するには訂正してください。</translation>
    </message>
    <message>
        <source>Step {step} is recorded and waits for a signature. Sign it (Records) instead of doing it again.</source>
        <translation>工程 {step}は記録済みで署名待ちです。やり直さずに署名してください（記録）。</translation>
    </message>
    <message>
        <source>Step {step} cannot be done yet: do {current} first.</source>
        <translation>工程 {step}はまだ実施できません：先に{current}を実施してください。</translation>
    </message>
    <message>
        <source>The batch is blocked by a critical exception. No step may be done until QA has dispositioned it.</source>
        <translation>このバッチは致命的な例外事象で停止中です。品質保証（QA）が処置するまで、どの工程も実施できません。</translation>
    </message>
    <message>
        <source>The batch is {state} at the plant server: no further step may be done.</source>
        <translation>このバッチは工場サーバーで「{state}」です：これ以上どの工程も実施できません。</translation>
    </message>
</context>
<context>
    <name>StepResult</name>
    <message>
        <source>Within limits</source>
        <translation>管理範囲内</translation>
    </message>
    <message>
        <source>Out of limits</source>
        <translation>管理範囲外</translation>
    </message>
</context>
<context>
    <name>StepScreen</name>
    <message>
        <source>Record and sign…</source>
        <translation>記録して署名…</translation>
    </message>
    <message>
        <source>Demo labels to type (fast, then Enter):</source>
        <translation>デモ用ラベル（すばやく入力してEnter）：</translation>
    </message>
</context>
<context>
    <name>StepState</name>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Awaiting signature</source>
        <translation>署名待ち</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>実施中</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>未着手（順序待ち）</translation>
    </message>
</context>
<context>
    <name>StepType</name>
    <message>
        <source>Bay clearance</source>
        <translation>ラインクリアランス</translation>
    </message>
    <message>
        <source>Bag label check</source>
        <translation>バッグラベル照合</translation>
    </message>
    <message>
        <source>Cassette load</source>
        <translation>カセット装填</translation>
    </message>
    <message>
        <source>Cassette unload</source>
        <translation>カセット取り出し</translation>
    </message>
    <message>
        <source>Reagent</source>
        <translation>試薬</translation>
    </message>
    <message>
        <source>Data entry</source>
        <translation>データ入力</translation>
    </message>
    <message>
        <source>Instrument phase</source>
        <translation>装置工程</translation>
    </message>
    <message>
        <source>In-process sample</source>
        <translation>工程内サンプル</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>指示の確認</translation>
    </message>
</context>
<context>
    <name>SyncConflict</name>
    <message>
        <source>Cassette loaded at two stations</source>
        <translation>同じカセットが2台の端末で装填されました</translation>
    </message>
    <message>
        <source>Signed offline by a user disabled meanwhile</source>
        <translation>その間に無効化されたユーザーがオフラインで署名しました</translation>
    </message>
    <message>
        <source>Signed offline by a user locked meanwhile</source>
        <translation>その間にロックされたユーザーがオフラインで署名しました</translation>
    </message>
</context>
<context>
    <name>SyncKind</name>
    <message>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>Audit entry</source>
        <translation>監査証跡エントリ</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>監査証跡エントリ</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Could not read the sync queue: %1</source>
        <translation>同期待ちの一覧を読み取れませんでした：%1</translation>
    </message>
    <message>
        <source>No. %1 (%2): %3</source>
        <translation>番号 %1（%2）：%3</translation>
    </message>
    <message>
        <source>Only a QA user may resolve a rejected entry.</source>
        <translation>拒否されたエントリを解決できるのは品質保証（QA）のユーザーだけです。</translation>
    </message>
    <message>
        <source>Write what was checked and what was done.</source>
        <translation>何を調べ、何を行ったかを記入してください。</translation>
    </message>
    <message>
        <source>This rejected entry has already been resolved.</source>
        <translation>この拒否された項目はすでに解決済みです。</translation>
    </message>
    <message>
        <source>This rejected entry is no longer listed.</source>
        <translation>この拒否された項目はもう一覧にありません。</translation>
    </message>
    <message>
        <source>Sync with the plant server</source>
        <translation>工場サーバーとの同期</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Stop plant server (demo)</source>
        <translation>工場サーバーを停止（デモ）</translation>
    </message>
    <message>
        <source>Start plant server (demo)</source>
        <translation>工場サーバーを起動（デモ）</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>解決…</translation>
    </message>
    <message>
        <source>Plant server: not enrolled</source>
        <translation>工場サーバー：未登録</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>理由：%1</translation>
    </message>
    <message>
        <source>Waiting to sync: …</source>
        <translation>同期待ち：…</translation>
    </message>
    <message>
        <source>Waiting to sync: none. Everything made here has reached the plant server.</source>
        <translation>同期待ち：なし。この端末で作成したものはすべて工場サーバーに届いています。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2件</translation>
    </message>
    <message>
        <source>Waiting to sync: %1 (%2)</source>
        <translation>同期待ち：%1件（%2）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Rejected by the plant server (%1)</source>
        <translation>工場サーバーが拒否したエントリ（%1件）</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Rejected at</source>
        <translation>拒否日時</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Select an entry, check it, then resolve it with a written resolution and your password.</source>
        <translation>エントリを選んで内容を確認し、解決内容を記入してパスワードで解決してください。</translation>
    </message>
    <message>
        <source>Rejected entries stay here until a QA user resolves them. Inform QA.</source>
        <translation>拒否されたエントリは品質保証（QA）が解決するまでここに表示されます。QAに連絡してください。</translation>
    </message>
    <message>
        <source>%1 resolved earlier.</source>
        <translation>解決済み：%1件。</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>競合（%1件）</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>競合</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>検出日時</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>対応</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>QA resolves this at the plant server</source>
        <translation>品質保証（QA）が工場サーバーで解決します</translation>
    </message>
    <message>
        <source>Recent changes of the connection</source>
        <translation>接続状態の最近の変化</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>SyncReason</name>
    <message>
        <source>Signature refused: the verifier is the same person who performed or created the record.</source>
        <translation>署名が拒否されました：確認者が、記録を実施または作成した本人です。</translation>
    </message>
    <message>
        <source>Signature refused: the signer did not hold the operator role.</source>
        <translation>署名が拒否されました：署名者は作業者の権限を持っていませんでした。</translation>
    </message>
    <message>
        <source>Signature refused: the signer did not hold the verifier role.</source>
        <translation>署名が拒否されました：署名者は確認者の権限を持っていませんでした。</translation>
    </message>
    <message>
        <source>Signature refused: the signer did not hold the QA role.</source>
        <translation>署名が拒否されました：署名者は品質保証（QA）の権限を持っていませんでした。</translation>
    </message>
    <message>
        <source>Signature refused: the signer was not qualified for the procedure.</source>
        <translation>署名が拒否されました：署名者はこの手順の資格を持っていませんでした。</translation>
    </message>
    <message>
        <source>Signature refused: the signer&apos;s qualification had expired.</source>
        <translation>署名が拒否されました：署名者の資格は期限切れでした。</translation>
    </message>
    <message>
        <source>Signature refused: the signer&apos;s qualification was not yet in force.</source>
        <translation>署名が拒否されました：署名者の資格はまだ有効になっていませんでした。</translation>
    </message>
    <message>
        <source>Signature refused: the password was not correct.</source>
        <extracomment>A signature the server&apos;s two-person and signature rules refused (``signature_refused:``).</extracomment>
        <translation>署名が拒否されました：パスワードが正しくありませんでした。</translation>
    </message>
    <message>
        <source>Signature refused: the signer&apos;s account was locked by this attempt.</source>
        <translation>署名が拒否されました：この試行で署名者のアカウントがロックされました。</translation>
    </message>
    <message>
        <source>Signature refused: the signer&apos;s account was disabled.</source>
        <translation>署名が拒否されました：署名者のアカウントは無効でした。</translation>
    </message>
    <message>
        <source>Signature refused: the signer&apos;s account was locked.</source>
        <translation>署名が拒否されました：署名者のアカウントはロックされていました。</translation>
    </message>
    <message>
        <source>The entry names another station than this one.</source>
        <translation>このエントリには別の端末名が記されています。</translation>
    </message>
    <message>
        <source>The record&apos;s content does not match its hash.</source>
        <translation>記録の内容がハッシュと一致しません。</translation>
    </message>
    <message>
        <source>The signature does not match what was signed.</source>
        <translation>署名が署名対象と一致しません。</translation>
    </message>
    <message>
        <source>The plant server does not know the user who created the record.</source>
        <translation>記録を作成したユーザーは工場サーバーに登録されていません。</translation>
    </message>
    <message>
        <source>The plant server does not know the signer.</source>
        <translation>署名者は工場サーバーに登録されていません。</translation>
    </message>
    <message>
        <source>The signed record is not on the plant server.</source>
        <translation>署名された記録が工場サーバーにありません。</translation>
    </message>
    <message>
        <source>The entry is not in the canonical form.</source>
        <extracomment>States the UI shows besides the worker&apos;s own: no worker could be started. A pushed entry refused by the plant server, as QA reads it on the Sync page.</extracomment>
        <translation>エントリが正規形式になっていません。</translation>
    </message>
    <message>
        <source>The entry does not match its hash.</source>
        <translation>エントリがハッシュと一致しません。</translation>
    </message>
    <message>
        <source>The plant server does not know this kind of entry.</source>
        <translation>この種類のエントリは工場サーバーで扱えません。</translation>
    </message>
    <message>
        <source>The corrected record is not on the plant server.</source>
        <translation>訂正元の記録が工場サーバーにありません。</translation>
    </message>
    <message>
        <source>The record names a batch the plant server does not know.</source>
        <translation>記録のバッチがプラントサーバーに登録されていません。</translation>
    </message>
    <message>
        <source>A different record with the same ID is already on the plant server.</source>
        <translation>同じIDの別の記録がすでに工場サーバーにあります。</translation>
    </message>
    <message>
        <source>The record is dated later than the plant server&apos;s clock.</source>
        <translation>記録の日時が工場サーバーの時刻より後になっています。</translation>
    </message>
    <message>
        <source>The step record names a batch the plant server did not make from a recipe.</source>
        <translation>工程記録のバッチは、工場サーバーがマスターレシピから作成したものではありません。</translation>
    </message>
    <message>
        <source>The step record&apos;s recipe ID, version and hash do not name one recipe version.</source>
        <translation>工程記録のレシピID・版・ハッシュが、一つのレシピ版を指していません。</translation>
    </message>
    <message>
        <source>The step record was made against a recipe version that was never effective.</source>
        <translation>工程記録は、一度も有効版になっていないレシピ版で作成されています。</translation>
    </message>
    <message>
        <source>The step record names a step that is not in the batch&apos;s recipe.</source>
        <translation>工程記録の工程は、バッチのレシピにありません。</translation>
    </message>
    <message>
        <source>The step record&apos;s type or signature policy is not the one the recipe gives.</source>
        <translation>工程記録の種類または署名方式が、レシピの定めと異なります。</translation>
    </message>
    <message>
        <source>A different signature with the same ID is already on the plant server.</source>
        <translation>同じIDの別の署名がすでに工場サーバーにあります。</translation>
    </message>
    <message>
        <source>The signature claims an online password check, but carries no proof of it from the plant server.</source>
        <translation>オンラインでパスワードを照合したとされていますが、工場サーバーが発行した照合の証明がありません。</translation>
    </message>
    <message>
        <source>The signature&apos;s proof of the password check is not valid for this signer, record and meaning.</source>
        <translation>パスワード照合の証明が、この署名者・記録・署名の意味に対して有効ではありません。</translation>
    </message>
    <message>
        <source>The signature&apos;s proof of the password check was already used for another signature.</source>
        <translation>パスワード照合の証明は、すでに別の署名に使われています。</translation>
    </message>
    <message>
        <source>The signature was made outside the time its password check was valid for.</source>
        <translation>署名は、パスワード照合の有効時間外に行われました。</translation>
    </message>
    <message>
        <source>The signature is dated later than the plant server&apos;s clock.</source>
        <translation>署名の日時が工場サーバーの時刻より後になっています。</translation>
    </message>
    <message>
        <source>The signature is dated before the record it signs.</source>
        <translation>署名の日時が、署名対象の記録より前になっています。</translation>
    </message>
    <message>
        <source>The printed name on the signature is not the signer&apos;s own.</source>
        <translation>署名に表示された氏名が署名者本人のものではありません。</translation>
    </message>
    <message>
        <source>The signer is not allowed to work at this station.</source>
        <translation>署名者はこの端末での作業を許可されていません。</translation>
    </message>
    <message>
        <source>The signature was made offline, but the signer never had offline credentials at this station.</source>
        <translation>オフラインで署名されましたが、署名者はこの端末でオフライン用の資格情報を受け取ったことがありません。</translation>
    </message>
    <message>
        <source>The signature was made offline after the signer&apos;s offline credentials at this station had expired.</source>
        <translation>この端末での署名者のオフライン用資格情報の有効期限が切れた後に、オフラインで署名されました。</translation>
    </message>
    <message>
        <source>The audit trail does not continue the station&apos;s chain.</source>
        <translation>監査証跡がこの端末の連鎖に続いていません。</translation>
    </message>
    <message>
        <source>The audit entry does not match its hash.</source>
        <translation>監査証跡エントリがハッシュと一致しません。</translation>
    </message>
    <message>
        <source>A different audit entry with the same ID is already on the server.</source>
        <translation>同じIDの別の監査証跡エントリがすでにサーバーにあります。</translation>
    </message>
    <message>
        <source>The process data of an instrument phase is malformed.</source>
        <translation>装置フェーズのプロセスデータの形式が正しくありません。</translation>
    </message>
    <message>
        <source>A part of an instrument phase&apos;s process data is larger than allowed.</source>
        <translation>装置フェーズのプロセスデータの一部が上限サイズを超えています。</translation>
    </message>
    <message>
        <source>The process data names an instrument phase record the plant server does not have.</source>
        <translation>プロセスデータが指す装置フェーズの記録が工場サーバーにありません。</translation>
    </message>
    <message>
        <source>This part of the instrument phase&apos;s process data is already on the plant server.</source>
        <translation>装置フェーズのプロセスデータのこの部分は、すでに工場サーバーにあります。</translation>
    </message>
    <message>
        <source>The parts of the instrument phase&apos;s process data do not match its hash.</source>
        <translation>装置フェーズのプロセスデータの各部分がハッシュと一致しません。</translation>
    </message>
    <message>
        <source>Signature refused: this record does not take a signature of that meaning.</source>
        <translation>署名が拒否されました：この記録はその意味の署名を受け付けません。</translation>
    </message>
    <message>
        <source>Signature refused: the record had been corrected, so it can no longer be signed.</source>
        <translation>署名が拒否されました：記録は訂正済みのため、もう署名できません。</translation>
    </message>
    <message>
        <source>Signature refused: the record already had a signature of that meaning.</source>
        <translation>署名が拒否されました：記録にはすでにその意味の署名があります。</translation>
    </message>
    <message>
        <source>Signature refused: the record had no &quot;Performed&quot; signature yet.</source>
        <translation>署名が拒否されました：記録にまだ「実施」の署名がありません。</translation>
    </message>
    <message>
        <source>Signature refused: the record was not verified yet.</source>
        <translation>署名が拒否されました：記録はまだ二者確認されていません。</translation>
    </message>
    <message>
        <source>Signature refused: the record&apos;s content no longer matched what was signed.</source>
        <translation>署名が拒否されました：記録の内容が署名された内容と一致しなくなっていました。</translation>
    </message>
    <message>
        <source>Signature refused: the record was already corrected.</source>
        <translation>署名が拒否されました：記録はすでに訂正されています。</translation>
    </message>
    <message>
        <source>Signature refused: cassette load and unload records cannot be corrected.</source>
        <translation>署名が拒否されました：カセット装填・取り出しの記録は訂正できません。</translation>
    </message>
    <message>
        <source>An earlier entry of this station is missing at the plant server; it is sent again first.</source>
        <translation>この端末の以前のエントリが工場サーバーにありません。先にそのエントリを再送します。</translation>
    </message>
    <message>
        <source>The record is malformed.</source>
        <translation>記録の形式が不正です。</translation>
    </message>
    <message>
        <source>The signature is malformed.</source>
        <translation>署名の形式が不正です。</translation>
    </message>
    <message>
        <source>The audit entry is malformed.</source>
        <translation>監査証跡エントリの形式が不正です。</translation>
    </message>
</context>
<context>
    <name>SyncState</name>
    <message>
        <source>Plant server: online</source>
        <translation>工場サーバー：オンライン</translation>
    </message>
    <message>
        <source>Plant server: sending %1 of %2</source>
        <translation>工場サーバー：送信中 %1／%2件</translation>
    </message>
    <message>
        <source>Plant server: offline since %1</source>
        <translation>工場サーバー：オフライン（%1から）</translation>
    </message>
    <message>
        <source>Plant server: station credential refused</source>
        <translation>工場サーバー：端末の認証情報が拒否されました</translation>
    </message>
    <message>
        <source>Plant server: credential unavailable</source>
        <translation>工場サーバー：認証情報を利用できません</translation>
    </message>
    <message>
        <source>Plant server: this station&apos;s data is older — syncing stopped</source>
        <translation>工場サーバー：この端末のデータが古いため同期を停止しました</translation>
    </message>
    <message>
        <source>Plant server: not enrolled</source>
        <translation>工場サーバー：未登録</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>Records are sent to the plant server as they are made.</source>
        <translation>記録は作成されると工場サーバーへ送信されます。</translation>
    </message>
    <message>
        <source>Sending %1 of %2 entries to the plant server.</source>
        <translation>工場サーバーへ送信中です（%1／%2件）。</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>送信中</translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <translation>オフライン（%1から）</translation>
    </message>
    <message>
        <source>Work continues; records are kept here and sent when the server is back.</source>
        <translation>作業はそのまま続けられます。記録はこの端末に保存され、サーバーが復旧すると送信されます。</translation>
    </message>
    <message>
        <source>Credential refused</source>
        <translation>認証情報が拒否されました</translation>
    </message>
    <message>
        <source>The plant server refused this station&apos;s credential. Work continues; records are kept here. Ask IT to enroll the station again.</source>
        <translation>工場サーバーがこの端末の認証情報を拒否しました。作業は続けられ、記録はこの端末に保存されます。IT担当者に端末の再登録を依頼してください。</translation>
    </message>
    <message>
        <source>Syncing stopped</source>
        <translation>同期停止</translation>
    </message>
    <message>
        <source>The plant server holds records from this station that this station no longer has: its database was restored from an old copy or altered. Records signed since are not on the server. Do not sign further records here; call QA.</source>
        <translation>工場サーバーには、この端末にもう無いこの端末の記録があります。データベースが古いコピーから復元されたか、改変されています。それ以降に署名された記録は工場サーバーにありません。この端末でこれ以上記録に署名せず、QAに連絡してください。</translation>
    </message>
    <message>
        <source>The station credential cannot be read from the OS keyring: %1. Work continues; records are kept here. Ask IT to fix the keyring.</source>
        <translation>端末の認証情報をOSのキーリングから読み取れません：%1。作業は続けられ、記録はこの端末に保存されます。IT担当者にキーリングの修正を依頼してください。</translation>
    </message>
    <message>
        <source>Credential unavailable</source>
        <translation>認証情報を利用できません</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>未登録</translation>
    </message>
    <message>
        <source>This station is not connected to a plant server yet. Records are kept locally.</source>
        <translation>この端末はまだ工場サーバーに接続されていません。記録はこの端末に保存されます。</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>Space</source>
        <translation>スペース</translation>
    </message>
    <message>
        <source>New line</source>
        <translation>改行</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>確定</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation>ABC</translation>
    </message>
    <message>
        <source>123</source>
        <translation>123</translation>
    </message>
    <message>
        <source>Kana</source>
        <translation>かな</translation>
    </message>
    <message>
        <source>Katakana</source>
        <translation>カタカナ</translation>
    </message>
</context>
<context>
    <name>TracesPage</name>
    <message>
        <source>Traces</source>
        <translation>トレース</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>重ねて表示</translation>
    </message>
    <message>
        <source>Switch between one plot per channel and all channels in one plot</source>
        <translation>チャンネルごとの表示と全チャンネルの重ね表示を切り替えます</translation>
    </message>
    <message>
        <source>1 min</source>
        <translation>1分</translation>
    </message>
    <message>
        <source>10 min</source>
        <translation>10分</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1時間</translation>
    </message>
    <message>
        <source>8 h</source>
        <translation>8時間</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24時間</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>最新表示に戻る</translation>
    </message>
    <message>
        <source>Following live data</source>
        <translation>最新データを表示中</translation>
    </message>
    <message>
        <source>Viewing history: drag to pan, pinch or wheel to zoom</source>
        <translation>過去データを表示中：ドラッグで移動、ピンチまたはホイールで拡大縮小</translation>
    </message>
    <message>
        <source>hidden, shown: alarm</source>
        <translation>非表示、アラーム中のため表示</translation>
    </message>
    <message>
        <source>% of display range</source>
        <translation>表示範囲に対する %</translation>
    </message>
    <message>
        <source>not acknowledged</source>
        <translation>未応答</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>接続断</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>利用不可</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>更新停止</translation>
    </message>
    <message>
        <source>Bad quality</source>
        <translation>品質不良</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>品質不確か</translation>
    </message>
</context>
<context>
    <name>UnlockRefusal</name>
    <message>
        <source>The password is not correct. Enter your password again.</source>
        <translation>パスワードが正しくありません。もう一度パスワードを入力してください。</translation>
    </message>
    <message>
        <source>Attempts left before the account is locked: %1.</source>
        <translation>アカウントがロックされるまでの残り回数：%1回。</translation>
    </message>
</context>
<context>
    <name>ValueTile</name>
    <message>
        <source>Shown</source>
        <translation>表示中</translation>
    </message>
    <message>
        <source>Shown in the plots: tap to hide this trace</source>
        <translation>グラフに表示中：タップするとこのトレースを非表示にします</translation>
    </message>
    <message>
        <source>Hidden, shown: alarm</source>
        <translation>アラーム中は表示</translation>
    </message>
    <message>
        <source>Hidden, but shown while the channel is in alarm</source>
        <translation>非表示ですが、このチャンネルがアラーム中のあいだは表示します</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>非表示</translation>
    </message>
    <message>
        <source>Not shown in the plots: tap to show this trace</source>
        <translation>グラフに表示していません：タップするとこのトレースを表示します</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Cassettes</source>
        <translation>カセット</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>トレース</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>ホーム</translation>
    </message>
    <message>
        <source>No instruments are configured on this station, so there are no traces to show. Watch the values on the instrument&apos;s own display.</source>
        <translation>この端末には装置が設定されていないため、表示するトレースはありません。装置本体の表示で値を確認してください。</translation>
    </message>
    <message>
        <source>Scan %1 was read, but nothing is waiting for a scan. Start a load first (Cassettes, Load a cassette).</source>
        <translation>スキャン %1 を読み取りましたが、スキャンを待っている操作はありません。先に装填を開始してください（カセット →「カセット装填」）。</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>監査証跡</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同期</translation>
    </message>
    <message>
        <source>QA review</source>
        <translation>QA照査</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>ロック</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>キーボード</translation>
    </message>
    <message>
        <source>On-screen keyboard</source>
        <translation>画面キーボード</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>ログアウト</translation>
    </message>
    <message>
        <source>Logged in: %1</source>
        <translation>ログイン中：%1</translation>
    </message>
</context>
</TS>
