"""A record's content in words: one rendering for the signature dialog, the Records page and
the PDF, over the field order of ``application/record_content.py``.

``lookup`` is how a text is translated: the installed translator by default; the PDF passes
its own (it may be written in another language than the screen's, or with no application
translator at all). Numbers and dates follow the current ``QLocale``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from operator_console.application.exception_words import exception_sentence
from operator_console.application.record_content import (
    ContentField,
    FieldKey,
    ProcessStep,
    RecipeWords,
    StepResult,
    ValueKind,
    content_fields,
    summary_fields,
)
from operator_console.domain.recipes import SignaturePolicy
from operator_console.domain.records import RecordType
from operator_console.ui.names.alarms import alarm_state_name, limit_name
from operator_console.ui.names.batches import exception_kind_name, severity_name, step_type_name
from operator_console.ui.names.cassettes import entry_name
from operator_console.ui.names.channel_names import channel_label
from operator_console.ui.names.enum_names import EnumNames
from operator_console.ui.names.formatting import format_local
from operator_console.ui.names.recipe_names import words_for

Translate = Callable[[str, str], str]

field_name = EnumNames("RecordField", FieldKey, {
    FieldKey.ACTION: QT_TRANSLATE_NOOP("RecordField", "Action"),
    FieldKey.STEP: QT_TRANSLATE_NOOP("RecordField", "Process step"),
    FieldKey.PATIENT: QT_TRANSLATE_NOOP("RecordField", "Patient"),
    FieldKey.BATCH_ENTRY: QT_TRANSLATE_NOOP("RecordField", "Batch entered by"),
    FieldKey.CASSETTE_SERIAL: QT_TRANSLATE_NOOP("RecordField", "Cassette serial number"),
    FieldKey.CASSETTE_LOT: QT_TRANSLATE_NOOP("RecordField", "Cassette lot"),
    FieldKey.CASSETTE_GTIN: QT_TRANSLATE_NOOP("RecordField", "Cassette GTIN"),
    FieldKey.CASSETTE_EXPIRY: QT_TRANSLATE_NOOP("RecordField", "Cassette expiry date"),
    FieldKey.CASSETTE_ENTRY: QT_TRANSLATE_NOOP("RecordField", "Cassette label entered by"),
    FieldKey.BAG_DIN: QT_TRANSLATE_NOOP("RecordField", "Bag DIN"),
    FieldKey.BAG_COI: QT_TRANSLATE_NOOP("RecordField", "Chain of identity (COI)"),
    FieldKey.BAG_PRODUCT: QT_TRANSLATE_NOOP("RecordField", "Bag product code"),
    FieldKey.BAG_EXPIRY: QT_TRANSLATE_NOOP("RecordField", "Bag expiry date"),
    FieldKey.BAG_ENTRY: QT_TRANSLATE_NOOP("RecordField", "Bag label entered by"),
    FieldKey.BAY: QT_TRANSLATE_NOOP("RecordField", "Bay"),
    FieldKey.BAY_ENTRY: QT_TRANSLATE_NOOP("RecordField", "Bay entered by"),
    FieldKey.LOAD_RECORD: QT_TRANSLATE_NOOP("RecordField", "Load record"),
    FieldKey.STATION: QT_TRANSLATE_NOOP("RecordField", "Station"),
    FieldKey.INSTRUMENT: QT_TRANSLATE_NOOP("RecordField", "Instrument"),
    FieldKey.DURATION: QT_TRANSLATE_NOOP("RecordField", "Duration"),
    FieldKey.RESULT: QT_TRANSLATE_NOOP("RecordField", "Result"),
    FieldKey.TEXT: QT_TRANSLATE_NOOP("RecordField", "Text"),
    FieldKey.CHANNEL: QT_TRANSLATE_NOOP("RecordField", "Channel"),
    FieldKey.LIMIT_KIND: QT_TRANSLATE_NOOP("RecordField", "Limit exceeded"),
    FieldKey.LIMIT: QT_TRANSLATE_NOOP("RecordField", "Limit"),
    FieldKey.STARTED_AT: QT_TRANSLATE_NOOP("RecordField", "Alarm started"),
    FieldKey.PEAK: QT_TRANSLATE_NOOP("RecordField", "Peak value"),
    FieldKey.PEAK_AT: QT_TRANSLATE_NOOP("RecordField", "Peak at"),
    FieldKey.ENDED_AT: QT_TRANSLATE_NOOP("RecordField", "Returned to normal"),
    FieldKey.VALUE_AT_ACK: QT_TRANSLATE_NOOP("RecordField", "Value when acknowledged"),
    FieldKey.STATE_AT_ACK: QT_TRANSLATE_NOOP("RecordField", "State when acknowledged"),
    FieldKey.COMMENT: QT_TRANSLATE_NOOP("RecordField", "Comment or action taken"),
    FieldKey.STEP_TYPE: QT_TRANSLATE_NOOP("RecordField", "Step type"),
    FieldKey.POLICY: QT_TRANSLATE_NOOP("RecordField", "Signatures required"),
    FieldKey.QUALIFICATION: QT_TRANSLATE_NOOP("RecordField", "Qualification required"),
    FieldKey.RECIPE_ID: QT_TRANSLATE_NOOP("RecordField", "Master recipe"),
    FieldKey.RECIPE_VERSION: QT_TRANSLATE_NOOP("RecordField", "Recipe version"),
    FieldKey.RECIPE_HASH: QT_TRANSLATE_NOOP("RecordField", "Recipe SHA-256"),
    FieldKey.EXCEPTIONS: QT_TRANSLATE_NOOP("RecordField", "Exceptions raised"),
    FieldKey.KIND: QT_TRANSLATE_NOOP("RecordField", "Exception"),
    FieldKey.SEVERITY: QT_TRANSLATE_NOOP("RecordField", "Severity"),
    FieldKey.DESCRIPTION: QT_TRANSLATE_NOOP("RecordField", "Description"),
    FieldKey.EVIDENCE: QT_TRANSLATE_NOOP("RecordField", "What happened"),
    FieldKey.ACTUAL: QT_TRANSLATE_NOOP("RecordField", "Recorded"),
    FieldKey.EXPECTED: QT_TRANSLATE_NOOP("RecordField", "Required by the recipe"),
})
policy_name = EnumNames("SignaturePolicy", SignaturePolicy, {
    SignaturePolicy.PERFORMER: QT_TRANSLATE_NOOP("SignaturePolicy", "Performer only"),
    SignaturePolicy.TWO_PERSON: QT_TRANSLATE_NOOP("SignaturePolicy",
                                                  "Performer and a second person (verifier)"),
})
step_name = EnumNames("ProcessStep", ProcessStep, {
    ProcessStep.ACTIVATION: QT_TRANSLATE_NOOP("ProcessStep", "T-cell activation"),
    ProcessStep.TRANSDUCTION: QT_TRANSLATE_NOOP("ProcessStep", "Transduction"),
    ProcessStep.EXPANSION: QT_TRANSLATE_NOOP("ProcessStep", "Expansion"),
    ProcessStep.CELL_WASH: QT_TRANSLATE_NOOP("ProcessStep", "Cell wash"),
    ProcessStep.HARVEST: QT_TRANSLATE_NOOP("ProcessStep", "Harvest"),
})
result_name = EnumNames("StepResult", StepResult, {
    StepResult.WITHIN_LIMITS: QT_TRANSLATE_NOOP("StepResult", "Within limits"),
    StepResult.OUT_OF_LIMITS: QT_TRANSLATE_NOOP("StepResult", "Out of limits"),
})
_ACTIONS = {"load": str(QT_TRANSLATE_NOOP("RecordValue", "Load")),
            "unload": str(QT_TRANSLATE_NOOP("RecordValue", "Unload"))}
_MINUTES = str(QT_TRANSLATE_NOOP("RecordValue", "%1 min"))
_STILL_OUT = str(QT_TRANSLATE_NOOP("RecordValue", "not yet (still beyond the limit)"))


def _default_tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _named(names: EnumNames[Any], code: Any, lookup: Translate) -> str:
    try:
        member = names.enum(code)
    except ValueError:
        return str(code)
    return lookup(names.context, names.source(member))


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return str(value)
    if isinstance(value, int):
        return QLocale().toString(value)
    text = QLocale().toString(float(value), "f", 6).rstrip("0")
    return text.rstrip(QLocale().decimalPoint())


def value_text(field: ContentField, lookup: Translate = _default_tr,
               words: RecipeWords | None = None) -> str:
    """The value of ``field`` in words (codes named, units added, times local with zone);
    ``words``: the record's recipe names, in the language of the text."""
    value, kind = field.value, field.kind
    if kind is ValueKind.EXCEPTION and isinstance(value, Mapping):
        evidence = value.get("evidence")
        lang = words.lang if words is not None else (
            "ja" if QLocale().language() == QLocale.Language.Japanese else "en")
        return exception_sentence(str(value.get("kind")),
                                  evidence if isinstance(evidence, Mapping) else {}, lang,
                                  description=str(value.get("description") or ""),
                                  step=words.step if words is not None else None,
                                  channel=channel_label)
    if value is None:
        if field.key is FieldKey.ENDED_AT:
            return lookup("RecordValue", _STILL_OUT)
        return "—"
    if kind is ValueKind.ENTRY:
        return _named(entry_name, value, lookup)
    if kind is ValueKind.STEP:
        return _named(step_name, value, lookup)
    if kind is ValueKind.RESULT:
        return _named(result_name, value, lookup)
    if kind is ValueKind.LIMIT_KIND:
        return _named(limit_name, value, lookup)
    if kind is ValueKind.ALARM_STATE:
        return _named(alarm_state_name, value, lookup)
    if kind is ValueKind.CHANNEL:
        return channel_label(str(value))
    if kind is ValueKind.STEP_TYPE:
        return _named(step_type_name, value, lookup)
    if kind is ValueKind.POLICY:
        return _named(policy_name, value, lookup)
    if kind is ValueKind.EXCEPTION_KIND:
        return _named(exception_kind_name, value, lookup)
    if kind is ValueKind.SEVERITY:
        return _named(severity_name, value, lookup)
    if kind is ValueKind.IDS and isinstance(value, (list, tuple)):
        return ", ".join(str(v)[:8] for v in value) if value else "—"
    if kind is ValueKind.ACTION:
        source = _ACTIONS.get(str(value))
        return lookup("RecordValue", source) if source else str(value)
    if kind is ValueKind.TIME and isinstance(value, str):
        try:
            return format_local(value)
        except ValueError:
            return value
    if kind is ValueKind.DATE and isinstance(value, str):
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return value
        if QLocale().language() == QLocale.Language.Japanese:
            return f"{day.year}年{day.month}月{day.day}日"
        return day.isoformat()
    if kind is ValueKind.MINUTES:
        return lookup("RecordValue", _MINUTES).replace("%1", _number(value))
    if kind is ValueKind.MEASURED:
        return f"{_number(value)} {field.unit}".strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number(value)
    return str(value)


def label_text(field: ContentField, lookup: Translate = _default_tr) -> str:
    """The field's label; a key no type lists is shown as its dotted key."""
    if isinstance(field.key, FieldKey):
        return lookup(field_name.context, field_name.source(field.key))
    return str(field.key)


def readable_content(record_type: RecordType | str, body: Mapping[str, Any],
                     lookup: Translate = _default_tr, lang: str | None = None
                     ) -> list[tuple[str, str]]:
    """(label, value) lines of ``body`` in reading order: what the dialog, the Records page
    and the PDF show; a recipe's codes by the recipe's names in ``lang`` (the screen's
    language unless given)."""
    words = words_for(body, lookup, lang)
    return [(label_text(f, lookup), value_text(f, lookup, words))
            for f in content_fields(record_type, body, words)]


def summary_text(record_type: RecordType | str, body: Mapping[str, Any],
                 lookup: Translate = _default_tr) -> str:
    """'T-cell activation, CS0142A1, B2' — what identifies the record in a list."""
    sep = "、" if QLocale().language() == QLocale.Language.Japanese else ", "
    words = words_for(body, lookup)
    return sep.join(value_text(f, lookup, words)
                    for f in summary_fields(record_type, body, words))

