"""An exception's sentence in the reader's language, made from its kind and evidence.

An automatic exception is stored language-neutral: its ``kind`` and the evidence that raised
it (the field and value, the channel, the refused scan and its check code, the signature).
Every place that shows one (the Batches and QA review pages, ``operator-console batch show``,
both batch reports) asks :func:`exception_text` for the sentence, so the words live here once,
in both languages (Japanese terms from the project glossary). A manual exception is the
person's own words and is shown as they wrote it. Exceptions stored before this (an English
``description`` beside the evidence) read the same way from their evidence; one whose evidence
lacks what the sentence needs reads as its kind's general sentence (and, in English, as its
stored text).

The recipe's and the instruments' names for what the evidence refers to come from the caller
(``label``: a field, a material; ``channel``: an instrument channel), already in the reader's
language; a code without a name is shown as it is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from operator_console.domain.batch_execution.exceptions import ExceptionKind
from operator_console.domain.canonical import JsonValue
from operator_console.domain.manifestation import parse_utc_iso

Pair = tuple[str, str]  # (English, Japanese)
Namer = Callable[[str], str | None]

#: Each kind's sentence from its evidence's parameters.
SENTENCES: Final[dict[ExceptionKind, Pair]] = {
    ExceptionKind.REFUSED_SCAN: ("Scan refused: {reason}.{scanned}",
                                 "スキャン不合格：{reason}{scanned}。"),
    ExceptionKind.WRONG_PATIENT: ("Material of another patient refused: {reason}.{scanned}",
                                  "他の患者の原料を検出し、受け付けませんでした：{reason}"
                                  "{scanned}。"),
    ExceptionKind.EXPIRED_MATERIAL: ("Expired material refused: {reason}.{scanned}",
                                     "期限切れの原料を受け付けませんでした：{reason}{scanned}。"),
    ExceptionKind.TYPED_ENTRY: ("Label typed instead of scanned: {scan}.",
                                "ラベルをスキャンせずに手入力：{scan}。"),
    ExceptionKind.OUT_OF_LIMITS: ("{field}: {value}, outside the limits {limits}.",
                                  "{field}：{value}（管理範囲 {limits} の範囲外）。"),
    ExceptionKind.IMPLAUSIBLE_ENTRY: (
        "{field}: {value} refused, not a possible value (possible: {range}).",
        "{field}：{value} はありえない値のため受け付けませんでした（可能な範囲：{range}）。"),
    ExceptionKind.PHASE_ALARM: ("Alarm on {channel} during the instrument phase.",
                                "装置フェーズ中に{channel}のアラームが発生しました。"),
    ExceptionKind.CPP_EXCURSION: (
        "{channel} outside its CPP limits during the instrument phase (min {min}, max {max}; "
        "limits {limits}).",
        "装置フェーズ中に{channel}が重要工程パラメータの管理範囲外（最小 {min}、最大 {max}、"
        "管理範囲 {limits}）。"),
    ExceptionKind.MISSING_DATA: ("No good value of {channel} was recorded during the "
                                 "instrument phase.",
                                 "装置フェーズ中に{channel}の有効な値が記録されませんでした。"),
    ExceptionKind.LATE_VERIFICATION: (
        "Verified by {signer} {waited} minutes after the record was made (allowed: "
        "{allowed} minutes).",
        "{signer}による二者確認は記録の{waited}分後（許容：{allowed}分）。"),
    ExceptionKind.OFFLINE_SIGNATURE: (
        "Signature ({meaning}) by {signer} made offline; the plant server re-checks it on "
        "sync.",
        "{signer}の署名（{meaning}）はオフラインで行われました。同期時に工場サーバーが再確認"
        "します。"),
    ExceptionKind.CORRECTION: ("The step's record was corrected. Reason for correction: "
                               "{reason}",
                               "工程の記録が訂正されました。訂正理由：{reason}"),
    ExceptionKind.MANUAL: ("{description}", "{description}"),
}

#: What a kind's sentence says when the evidence lacks its parameters (an old record).
GENERAL: Final[dict[ExceptionKind, Pair]] = {
    ExceptionKind.REFUSED_SCAN: ("A scanned label was refused.",
                                 "スキャンしたラベルを受け付けませんでした。"),
    ExceptionKind.WRONG_PATIENT: ("Material of another patient was refused.",
                                  "他の患者の原料を検出し、受け付けませんでした。"),
    ExceptionKind.EXPIRED_MATERIAL: ("Expired material was refused.",
                                     "期限切れの原料を受け付けませんでした。"),
    ExceptionKind.TYPED_ENTRY: ("A label was typed instead of scanned.",
                                "ラベルをスキャンせずに手入力しました。"),
    ExceptionKind.OUT_OF_LIMITS: ("A value was recorded outside its limits.",
                                  "管理範囲外の値が記録されました。"),
    ExceptionKind.IMPLAUSIBLE_ENTRY: ("An impossible value was refused.",
                                      "ありえない値を受け付けませんでした。"),
    ExceptionKind.PHASE_ALARM: ("An alarm was raised during the instrument phase.",
                                "装置フェーズ中にアラームが発生しました。"),
    ExceptionKind.CPP_EXCURSION: ("A critical process parameter left its limits during the "
                                  "instrument phase.",
                                  "装置フェーズ中に重要工程パラメータが管理範囲を外れました。"),
    ExceptionKind.MISSING_DATA: ("Instrument data is missing for the phase.",
                                 "装置フェーズのプロセスデータが欠落しています。"),
    ExceptionKind.LATE_VERIFICATION: ("The verification came later than allowed.",
                                      "二者確認が許容時間を過ぎて行われました。"),
    ExceptionKind.OFFLINE_SIGNATURE: ("A signature was made offline; the plant server "
                                      "re-checks it on sync.",
                                      "オフラインで署名されました。同期時に工場サーバーが再確認"
                                      "します。"),
    ExceptionKind.CORRECTION: ("The step's record was corrected.",
                               "工程の記録が訂正されました。"),
    ExceptionKind.MANUAL: ("Raised by hand.", "手動で起票されました。"),
}

#: Why a scan was refused, from the check's code (``evidence["code"]``): a statement of fact
#: for the record (what to do is the step screen's message, not the exception's).
REASONS: Final[dict[str, Pair]] = {
    "batch_unknown": ("the batch is not known at this station",
                      "この端末では未登録のバッチです"),
    "typed_not_allowed": ("typed entry is not allowed here", "手入力は許可されていません"),
    "wrong_label_kind": ("a label of another kind was scanned",
                         "種類の異なるラベルがスキャンされました"),
    "cassette_no_serial": ("the cassette label has no serial number",
                           "カセットラベルにシリアル番号がありません"),
    "cassette_no_expiry": ("the cassette label has no expiry date",
                           "カセットラベルに使用期限がありません"),
    "cassette_not_registered": ("the cassette is not registered for any batch",
                                "カセットはどのバッチにも登録されていません"),
    "cassette_not_for_batch": ("the cassette is registered for another batch",
                               "カセットは別のバッチに登録されています"),
    "cassette_not_for_step": ("the cassette is registered for another step",
                              "カセットは別の工程に登録されています"),
    "cassette_lot_mismatch": ("the cassette's lot is not the registered lot",
                              "カセットのロットが登録ロットと異なります"),
    "cassette_expired": ("the cassette has expired", "カセットの使用期限が切れています"),
    "cassette_rejected": ("the cassette was rejected by QA",
                          "カセットは品質保証（QA）により不合格です"),
    "cassette_quarantined": ("the cassette is in quarantine", "カセットは隔離保管中です"),
    "cassette_conflict": ("the cassette's records conflict", "カセットの記録が競合しています"),
    "cassette_loaded_here": ("the cassette is already loaded at this station",
                             "カセットはこの端末で装填済みです"),
    "cassette_loaded_elsewhere": ("the cassette is already loaded at another station",
                                  "カセットは別の端末で装填済みです"),
    "cassette_load_pending": ("a load of the cassette is waiting for verification",
                              "カセットの装填が二者確認待ちです"),
    "cassette_used": ("the single-use cassette was already used",
                      "単回使用のカセットは使用済みです"),
    "bag_no_din": ("the bag label has no DIN", "バッグラベルに採取識別番号（DIN）がありません"),
    "bag_no_expiry": ("the bag label has no expiry date", "バッグラベルに使用期限がありません"),
    "din_not_for_patient": ("the bag's DIN does not belong to the batch's patient",
                            "バッグのDINはこのバッチの患者のものではありません"),
    "coi_not_for_patient": ("the bag's chain-of-identity ID is not the batch's",
                            "バッグの識別の連鎖（COI）IDはこのバッチのものではありません"),
    "material_expired": ("the material has expired", "原料の使用期限が切れています"),
    "bay_unknown": ("the bay is not a bay of this station", "この端末のベイではありません"),
    "bay_out_of_service": ("the bay is out of service", "ベイは使用停止中です"),
    "bay_occupied": ("the bay already holds a cassette", "ベイにはすでにカセットがあります"),
    "bay_reserved": ("the bay is reserved by a load waiting for verification",
                     "ベイは二者確認待ちの装填で予約されています"),
    "bay_empty": ("the bay holds no loaded cassette", "ベイに装填済みのカセットがありません"),
    "bay_unload_pending": ("an unload of the bay is waiting for verification",
                           "ベイの取り出しが二者確認待ちです"),
    "unload_wrong_cassette": ("the scanned cassette is not the one in the bay",
                              "スキャンしたカセットはベイ内のカセットではありません"),
    "reagent_wrong_material": ("the label is not the one of the recipe's material",
                               "レシピの試薬とは異なるラベルです"),
    "reagent_no_lot": ("the label has no lot number", "ラベルにロット番号がありません"),
    "reagent_no_expiry": ("the label has no expiry date", "ラベルに使用期限がありません"),
    "reagent_expired": ("the lot has expired", "ロットの使用期限が切れています"),
    "sample_id_mismatch": ("the sample ID is not the one of this batch and step",
                           "サンプルIDがこのバッチと工程のものではありません"),
    "sample_other_patient": ("the sample ID belongs to another chain of identity",
                             "サンプルIDは別の識別の連鎖のものです"),
}
#: A label parser's codes (a malformed or unreadable label) all read as this.
UNREADABLE: Final[Pair] = ("the label could not be read as a valid label",
                           "ラベルを正しく読み取れませんでした")

MEANINGS: Final[dict[str, Pair]] = {
    "performed": ("performed", "実施"), "verified": ("verified", "確認"),
    "reviewed": ("reviewed", "照査"), "approved": ("approved", "承認")}
SIDES: Final[dict[str, Pair]] = {"high": ("high", "上限"), "low": ("low", "下限")}
_ALARM_VALUE: Final[Pair] = (" The value reached {value} (beyond the {side} limit).",
                             "値は{value}（{side}を逸脱）。")
_TYPED_SAMPLE: Final[Pair] = ("Sample ID {sample_id} typed instead of scanned.",
                              "サンプルID {sample_id} をスキャンせずに手入力。")
_TYPED_LOT: Final[Pair] = ("{material}lot {lot}, expiry {expiry} typed instead of scanned.",
                           "{material}ロット {lot}、使用期限 {expiry} をスキャンせずに手入力。")
_TYPED_REFUSED: Final[Pair] = (" Refused: typed entry is not allowed here.",
                               "手入力は許可されていないため受け付けませんでした。")
_SEP: Final[Pair] = (": ", "：")


def _pick(pair: Pair, lang: str) -> str:
    return pair[1] if lang == "ja" else pair[0]


def _num(v: JsonValue) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    return f"{v:g}"


def _range(r: JsonValue, unit: str) -> str | None:
    if not isinstance(r, Mapping) or (r.get("low") is None and r.get("high") is None):
        return None
    low, high = r.get("low"), r.get("high")
    text = f"{'' if low is None else _num(low)}–{'' if high is None else _num(high)}"
    return f"{text} {unit}".strip()


def _scan(raw: JsonValue) -> str:
    """A raw scan as one line (GS1 group separators and other controls as spaces)."""
    return "".join(" " if ord(c) < 0x20 else c for c in str(raw)).strip()


def _reason(code: JsonValue, lang: str) -> str | None:
    if not isinstance(code, str) or not code:
        return None
    return _pick(REASONS.get(code, UNREADABLE), lang)


def _params(kind: ExceptionKind, ev: Mapping[str, JsonValue], lang: str, label: Namer,
            channel: Namer) -> dict[str, str] | None:
    """The sentence's parameters from the evidence; None when something it needs is missing."""
    def named(key: str, namer: Namer) -> str | None:
        code = ev.get(key)
        return None if code is None else namer(str(code)) or str(code)

    unit = str(ev.get("unit") or "")
    if kind in (ExceptionKind.REFUSED_SCAN, ExceptionKind.WRONG_PATIENT,
                ExceptionKind.EXPIRED_MATERIAL):
        reason = _reason(ev.get("code"), lang)
        return None if reason is None else {"reason": reason, "scanned": _scanned(ev, lang)}
    if kind in (ExceptionKind.OUT_OF_LIMITS, ExceptionKind.IMPLAUSIBLE_ENTRY):
        field = named("field", label)
        limits = _range(ev.get("limits" if kind is ExceptionKind.OUT_OF_LIMITS
                               else "plausibility"), unit)
        if field is None or ev.get("value") is None or limits is None:
            return None
        return {"field": field, "value": f"{_num(ev['value'])} {unit}".strip(),
                "limits": limits, "range": limits}
    if kind in (ExceptionKind.PHASE_ALARM, ExceptionKind.MISSING_DATA):
        name = named("channel", channel)
        return None if name is None else {"channel": name}
    if kind is ExceptionKind.CPP_EXCURSION:
        name, limits = named("channel", channel), _range(ev.get("limits"), "")
        if name is None or limits is None:
            return None
        return {"channel": name, "limits": limits, "min": _num(ev.get("min")),
                "max": _num(ev.get("max"))}
    if kind is ExceptionKind.LATE_VERIFICATION:
        try:
            waited = parse_utc_iso(str(ev["signed_at"])) - parse_utc_iso(str(ev["created_at"]))
            allowed = float(str(ev["max_wait_minutes"]))
        except (KeyError, ValueError):
            return None
        return {"signer": str(ev.get("signer") or "?"),
                "waited": str(int(waited.total_seconds() // 60)), "allowed": f"{allowed:g}"}
    if kind is ExceptionKind.OFFLINE_SIGNATURE:
        meaning = MEANINGS.get(str(ev.get("meaning")))
        if meaning is None or not ev.get("signer"):
            return None
        return {"meaning": _pick(meaning, lang), "signer": str(ev["signer"])}
    if kind is ExceptionKind.CORRECTION:
        return None if not ev.get("reason") else {"reason": str(ev["reason"])}
    if kind is ExceptionKind.TYPED_ENTRY:
        return None if not ev.get("scan") else {"scan": _scan(ev["scan"])}
    return None


def _typed(ev: Mapping[str, JsonValue], lang: str, label: Namer) -> str | None:
    """A typed entry's sentence: a sample ID, a reagent's lot and expiry, or a label."""
    if ev.get("sample_id"):
        text = _pick(_TYPED_SAMPLE, lang).format(sample_id=ev["sample_id"])
    elif ev.get("lot"):
        material = ev.get("material")
        name = (label(str(material)) or str(material)) + _pick(_SEP, lang) if material else ""
        text = _pick(_TYPED_LOT, lang).format(material=name, lot=ev["lot"],
                                              expiry=ev.get("expiry") or "—")
    elif ev.get("scan"):
        text = _pick(SENTENCES[ExceptionKind.TYPED_ENTRY], lang).format(scan=_scan(ev["scan"]))
    else:
        return None
    if ev.get("code") == "typed_not_allowed":
        text += _pick(_TYPED_REFUSED, lang)
    return text


def _none(_code: str) -> str | None:
    return None


def exception_text(kind: str, evidence: Mapping[str, JsonValue] | None, lang: str, *,
                   description: str = "", label: Namer = _none, channel: Namer = _none
                   ) -> str:
    """The sentence of an exception of ``kind`` (a stored code) in ``lang`` (``ja``/``en``).

    ``description``: the stored text (a manual exception's words; an old automatic one's
    English text, used only when its evidence cannot make the sentence)."""
    try:
        known = ExceptionKind(kind)
    except ValueError:
        return description or kind
    if known is ExceptionKind.MANUAL:
        return description or _pick(GENERAL[known], lang)
    ev = evidence if isinstance(evidence, Mapping) else {}
    if known is ExceptionKind.TYPED_ENTRY:
        text = _typed(ev, lang, label)
    else:
        params = _params(known, ev, lang, label, channel)
        text = None if params is None else _pick(SENTENCES[known], lang).format(**params)
        if text is not None and known is ExceptionKind.PHASE_ALARM \
                and ev.get("value") is not None and str(ev.get("limit")) in SIDES:
            text += _pick(_ALARM_VALUE, lang).format(
                value=_num(ev["value"]), side=_pick(SIDES[str(ev["limit"])], lang))
    if text is not None:
        return text
    if lang != "ja" and description:
        return description
    return _pick(GENERAL[known], lang)


_SCANNED: Final[Pair] = (" Scanned: {scan}", "（スキャン内容：{scan}）")
_SAMPLE: Final[Pair] = (" Sample ID: {scan}", "（サンプルID：{scan}）")


def _scanned(ev: Mapping[str, JsonValue], lang: str) -> str:
    if ev.get("scan"):
        return _pick(_SCANNED, lang).format(scan=_scan(ev["scan"]))
    if ev.get("sample_id"):
        return _pick(_SAMPLE, lang).format(scan=ev["sample_id"])
    return ""
