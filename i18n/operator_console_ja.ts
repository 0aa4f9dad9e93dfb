<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
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
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>The operation could not be completed: %1. Nothing was changed; try again, and call a supervisor if it happens again.</source>
        <translation>操作を完了できませんでした：%1。何も変更されていません。もう一度実行し、繰り返し発生する場合は責任者に連絡してください。</translation>
    </message>
</context>
<context>
    <name>AuditEvent</name>
    <message>
        <source>Login</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>ログイン失敗</translation>
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
        <source>Failed unlock</source>
        <translation>ロック解除失敗</translation>
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
        <source>Reason</source>
        <translation>理由</translation>
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
        <source>These are another user's credentials. Only the locked user can unlock; use "Log in as another user" instead.</source>
        <translation>別のユーザーの資格情報です。ロックを解除できるのはロックしたユーザー本人だけです。「別のユーザーでログイン」を使用してください。</translation>
    </message>
    <message>
        <source>Attempts left before the account is locked: %1.</source>
        <translation>アカウントがロックされるまでの残り回数：%1回。</translation>
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
        <source>This workstation's name at the plant.</source>
        <translation>工場内でのこの端末の名称です。</translation>
    </message>
    <message>
        <source>Plant server</source>
        <translation>工場サーバー</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
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
        <source>Awaiting second signature</source>
        <translation>確認者の署名待ち</translation>
    </message>
    <message>
        <source>Electronic records are not available in this version yet.</source>
        <translation>このバージョンでは電子記録はまだ使用できません。</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Unexpected error</source>
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
        <translation>ユーザーIDを入力するか、バッジをスキャンしてください</translation>
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
        <source>Language: %1</source>
        <translation>表示言語：%1</translation>
    </message>
    <message>
        <source>Plant server: offline (not enrolled)</source>
        <translation>工場サーバー：オフライン（未登録）</translation>
    </message>
    <message>
        <source>Waiting to sync: %1</source>
        <translation>同期待ち：%1件</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Cassettes</source>
        <translation>カセット</translation>
    </message>
    <message>
        <source>Loading and unloading cassettes with label scanning and chain-of-identity checks is not available in this version yet. Do not load cassettes from this station.</source>
        <translation>ラベルスキャンと識別の連鎖（COI）確認によるカセットの装填・取り出しは、このバージョンではまだ使用できません。この端末からカセットを装填しないでください。</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>トレース</translation>
    </message>
    <message>
        <source>Live instrument traces are not available in this version yet. Watch the values on the instrument's own display.</source>
        <translation>装置のリアルタイムトレンドは、このバージョンではまだ使用できません。装置本体の表示で値を確認してください。</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Electronic records and signatures are not available in this version yet.</source>
        <translation>このバージョンでは電子記録と電子署名はまだ使用できません。</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>ホーム</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>監査証跡</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>ロック</translation>
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