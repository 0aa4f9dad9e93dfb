"""The batch report's words in both languages (the report is a document made by the plant
server too, so its words live here, beside the content, not in the console's Qt catalogue;
Japanese terms follow the project glossary). ``say(key, lang, **params)``; display names of
codes: ``name(table, code, lang)``."""

from __future__ import annotations

from typing import Final

Pair = tuple[str, str]  # (English, Japanese)

TEXT: Final[dict[str, Pair]] = {
    "title": ("Batch report (certified copy)", "製造記録（認証済み複製）"),
    "cover": ("Batch", "バッチ"),
    "batch": ("Batch", "バッチ"),
    "patient": ("Patient ID", "患者ID"),
    "din": ("Donation identification number (DIN)", "採取識別番号（DIN）"),
    "coi": ("Chain of identity (COI)", "識別の連鎖（COI）"),
    "station": ("Station", "端末"),
    "recipe": ("Master recipe", "マスターレシピ"),
    "recipe_version": ("{id}, version {version}", "{id}　第{version}版"),
    "recipe_hash": ("Master recipe SHA-256", "マスターレシピのSHA-256"),
    "disposition": ("Disposition", "出荷判定"),
    "state": ("Batch state", "バッチの状態"),
    "state_unknown": ("not known here (the plant server holds it)",
                      "この端末では不明（工場サーバーが管理）"),
    "made_by": ("Made by", "作成元"),
    "made_at": ("Made at", "作成日時"),
    "time_zone": ("Local times in", "現地時刻のタイムゾーン"),
    "hash_title": ("What the SHA-256 on every page proves", "各ページのSHA-256が証明すること"),
    "hash_text": (
        "This document's SHA-256 is {hash}. It is the SHA-256 of the canonical JSON "
        "(RFC 8785) of the report's content, which is delivered with this PDF as its JSON "
        "twin. Anyone can recompute it from the twin: the same content gives the same hash "
        "in either language, and any change to the content gives another. Each trend names "
        "the SHA-256 of the phase's complete process data (as the station sends it and the "
        "plant server keeps it).",
        "この文書のSHA-256は {hash} です。これは報告内容の正規化JSON（RFC 8785）の"
        "SHA-256であり、その内容はJSON版としてこのPDFとともに提供されます。JSON版から"
        "誰でも再計算できます。内容が同じであれば言語によらず同じ値になり、内容が少しでも"
        "変われば別の値になります。各トレンドには、そのフェーズのプロセスデータ全体（端末が"
        "送信し、工場サーバーが保管するもの）のSHA-256を記載しています。"),
    "steps": ("Steps", "工程"),
    "step_heading": ("Step {n}: {name}", "工程{n}：{name}"),
    "not_performed": ("Not performed.", "未実施。"),
    "recorded_at": ("Recorded", "記録日時"),
    "corrected": ("This step's record was corrected; the corrected version is shown.",
                  "この工程の記録は訂正されています。訂正後の内容を示します。"),
    "result": ("Result", "結果"),
    "field": ("Item", "項目"),
    "value": ("Value", "値"),
    "limits": ("Limits", "管理範囲"),
    "verdict": ("Assessment", "判定"),
    "within": ("within limits", "範囲内"),
    "outside": ("OUTSIDE LIMITS", "範囲外"),
    "no_limits": ("no limits", "範囲の定めなし"),
    "signatures": ("Signatures", "署名"),
    "meaning": ("Meaning", "署名の意味"),
    "name": ("Name", "氏名"),
    "local_time": ("Local time", "現地時刻"),
    "utc": ("UTC", "UTC"),
    "method": ("Authentication", "認証"),
    "unsigned": ("No signature.", "署名なし。"),
    "confirmed_items": ("Confirmed: {items}.", "確認済み：{items}。"),
    "read_confirmed": ("Instruction read and confirmed.", "指示を読み、確認しました。"),
    "bag": ("Bag label: DIN {din}, product code {product}, COI {coi}; matches the patient's "
            "chain of identity.",
            "バッグラベル：DIN {din}、製品コード {product}、COI {coi}。患者の識別の連鎖と一致。"),
    "scanned": ("scanned", "スキャン"),
    "typed": ("typed by hand", "手入力"),
    "reagent": ("{name} ({material}): lot {lot}, expiry {expiry} ({how}).",
                "{name}（{material}）：ロット {lot}、使用期限 {expiry}（{how}）。"),
    "sample": ("{name}: sample ID {sample}.", "{name}：サンプルID {sample}。"),
    "cassette": ("Cassette {serial} in bay {bay}.", "カセット {serial}（ベイ {bay}）。"),
    "phase_result": ("Monitored from {start} to {end}; see the trend of this phase.",
                     "{start}から{end}まで監視。この工程のトレンドを参照。"),
    "channel": ("Channel", "チャンネル"),
    "min": ("Min", "最小"),
    "max": ("Max", "最大"),
    "mean": ("Mean", "平均"),
    "exceptions": ("Exceptions and their dispositions", "例外事象と処置"),
    "no_exceptions": ("No exception was raised.", "例外事象はありません。"),
    "severity": ("Severity", "重大度"),
    "kind": ("Exception", "例外事象"),
    "step": ("Step", "工程"),
    "raised": ("Raised", "発生"),
    "details": ("Details", "内容"),
    "disposition_by": ("Disposition: {reason}", "処置：{reason}"),
    "exc_disposition": ("Disposition", "処置"),
    "open": ("OPEN: no disposition recorded.", "未処置：処置の記録がありません。"),
    "trends": ("Trends of the instrument phases", "装置フェーズのトレンド"),
    "no_phases": ("The recipe has no instrument phase with recorded data.",
                  "記録データのある装置フェーズはありません。"),
    "trend_heading": ("{step}: {channel} ({unit})", "{step}：{channel}（{unit}）"),
    "trend_missing": ("The process data of this phase has not reached the plant server.",
                      "この工程のプロセスデータは工場サーバーに届いていません。"),
    "trend_hash": ("Process data SHA-256 {hash} ({points} points; per second, full "
                   "resolution around alarms).",
                   "プロセスデータのSHA-256 {hash}"
                   "（{points}点。毎秒値、アラーム前後は全データ）。"),
    "legend": ("Band: min to max per interval; line: mean; dashed: limits; shaded: alarm.",
               "帯：区間ごとの最小〜最大、線：平均、破線：管理範囲、網掛け：アラーム。"),
    "alarm_line": ("Alarm on {channel} from {start} to {end}.",
                   "{channel}のアラーム：{start}から{end}まで。"),
    "alarm_open": ("still active at the end of the phase", "フェーズ終了時も継続"),
    "audit_review": ("Audit-trail review", "監査証跡の照査"),
    "no_audit_review": ("No audit-trail review recorded.", "監査証跡の照査の記録はありません。"),
    "reviewed": ("{n} audit entries reviewed, {flagged} of them flagged as notable.",
                 "監査証跡{n}件を照査（うち要注意{flagged}件）。"),
    "comment": ("Comment", "コメント"),
    "release": ("Release", "出荷判定"),
    "not_released": ("Not yet released: no disposition of the batch is recorded.",
                     "未判定：バッチの出荷判定は記録されていません。"),
    "decision": ("Decision", "判定"),
    "reason": ("Reason", "理由"),
    "footer": ("Batch {batch} · SHA-256 {hash} · page {page}/{pages}",
               "バッチ {batch}・SHA-256 {hash}・{page}/{pages}ページ"),
    "none": ("none", "なし"),
}

NAMES: Final[dict[str, dict[str, Pair]]] = {
    "meaning": {"performed": ("Performed by", "実施"), "verified": ("Verified by", "確認"),
                "reviewed": ("Reviewed by", "照査"), "approved": ("Approved by", "承認")},
    "method": {"online": ("online (password checked by the plant server)",
                          "オンライン（工場サーバーでパスワード照合）"),
               "offline": ("offline (checked at the station)", "オフライン（端末で照合）")},
    "severity": {"minor": ("Minor", "軽微"), "major": ("Major", "重大"),
                 "critical": ("Critical", "致命的")},
    "kind": {
        "refused_scan": ("Refused scan", "スキャン不合格"),
        "wrong_patient": ("Material of another patient", "他の患者の原料"),
        "expired_material": ("Expired material", "期限切れの原料"),
        "typed_entry": ("Label typed instead of scanned", "スキャンの代わりに手入力"),
        "out_of_limits": ("Value outside its limits", "管理範囲外の値"),
        "implausible_entry": ("Implausible entry", "妥当でない入力"),
        "phase_alarm": ("Alarm during an instrument phase", "装置フェーズ中のアラーム"),
        "cpp_excursion": ("Critical process parameter outside its limits",
                          "重要工程パラメータの管理範囲逸脱"),
        "missing_data": ("Missing process data", "プロセスデータの欠落"),
        "late_verification": ("Verification later than allowed", "期限を過ぎた二者確認"),
        "offline_signature": ("Signature made offline", "オフラインでの署名"),
        "correction": ("Correction of a record", "記録の訂正"),
        "manual": ("Raised by hand", "手動で起票"),
    },
    "decision": {"released": ("Released", "出荷可（リリース）"),
                 "rejected": ("Rejected", "不合格"), "on_hold": ("On hold", "保留")},
    "state": {"in_process": ("In process", "製造中"), "open": ("In process", "製造中"),
              "execution_complete": ("Execution complete", "製造完了"),
              "under_review": ("Under QA review", "QA照査中"),
              "released": ("Released", "出荷可（リリース）"), "rejected": ("Rejected", "不合格"),
              "on_hold": ("On hold", "保留")},
    "made_by": {"plant_server": ("Plant server {name}", "工場サーバー {name}"),
                "station": ("Station {name} (from its own data)",
                            "端末 {name}（端末自身のデータから）")},
}


def _pick(pair: Pair, lang: str) -> str:
    return pair[1] if lang == "ja" else pair[0]


def say(key: str, lang: str, **params: object) -> str:
    return _pick(TEXT[key], lang).format(**params)


def name(table: str, code: str | None, lang: str, **params: object) -> str:
    """The display name of ``code`` (a code without one is shown as it is: never silently)."""
    pair = NAMES[table].get(code or "")
    return _pick(pair, lang).format(**params) if pair else str(code or say("none", lang))
