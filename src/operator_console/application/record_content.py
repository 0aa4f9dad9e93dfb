"""What a record says, as fields in the order a person reads them.

Stored content stays codes-only (``bay_entry: chosen``, ``step: ACTIVATION``); the signature
dialog, the Records page and the PDF all show a record through ``content_fields``: for each
record type the fields in a sensible order, each with a ``FieldKey`` (named and translated in
``ui/names/record_content.py``) and a ``ValueKind`` that says how its value is worded (an
entry method, a step, a limit side, a time, a number with a unit). Keys a type does not list
come last under their own dotted key, so nothing hashed is ever hidden. Pure Python.

A step record and an exception name the step, its fields, checklist items and material by the
recipe's codes; given the :class:`RecipeWords` of the recipe the record pins (built by
:func:`recipe_words` in the reader's language), the step and the values read with the
recipe's names (``生細胞密度 7.1 ×10⁶ cells/mL``, ``ベイ内が空であること、...``) instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from operator_console.domain.batch_execution.step_inputs import step_labels
from operator_console.domain.recipes.model import Recipe, Step
from operator_console.domain.records import RecordType, readable_lines


class FieldKey(StrEnum):
    """A field a person reads; values are the dotted content keys."""

    ACTION = "action"
    STEP = "step"
    PATIENT = "patient_id"
    BATCH_ENTRY = "batch_entry"
    CASSETTE_SERIAL = "cassette.serial"
    CASSETTE_LOT = "cassette.lot"
    CASSETTE_GTIN = "cassette.gtin"
    CASSETTE_EXPIRY = "cassette.expiry"
    CASSETTE_ENTRY = "cassette.entry"
    BAG_DIN = "bag.din"
    BAG_COI = "bag.coi"
    BAG_PRODUCT = "bag.product_code"
    BAG_EXPIRY = "bag.expiry"
    BAG_ENTRY = "bag.entry"
    BAY = "bay"
    BAY_ENTRY = "bay_entry"
    LOAD_RECORD = "load_record"
    STATION = "station"
    INSTRUMENT = "instrument"
    DURATION = "duration_min"
    RESULT = "result"
    TEXT = "text"
    CHANNEL = "channel"
    LIMIT_KIND = "limit_kind"
    LIMIT = "limit"
    STARTED_AT = "started_at"
    PEAK = "peak"
    PEAK_AT = "peak_at"
    ENDED_AT = "ended_at"
    VALUE_AT_ACK = "value_at_ack"
    STATE_AT_ACK = "state_at_ack"
    COMMENT = "comment"
    # A step record (a step of a batch's master recipe) and an exception raised on the way.
    STEP_TYPE = "step_type"
    POLICY = "signature.policy"
    QUALIFICATION = "signature.qualification"
    RECIPE_ID = "recipe.id"
    RECIPE_VERSION = "recipe.version"
    RECIPE_HASH = "recipe.hash"
    EXCEPTIONS = "exceptions"
    KIND = "kind"
    SEVERITY = "severity"
    DESCRIPTION = "description"
    #: An automatic exception's evidence, read as its sentence (``exception_words``).
    EVIDENCE = "evidence"
    #: What a step record holds as done and as the recipe asked (read as one line each).
    ACTUAL = "actual"
    EXPECTED = "expected"


class ValueKind(StrEnum):
    """How a value is worded."""

    TEXT = "text"  # shown as stored (names, IDs, free text)
    ENTRY = "entry"  # scanned / typed / chosen
    STEP = "step"  # a process step code
    RESULT = "result"  # a result code
    ACTION = "action"  # load / unload
    LIMIT_KIND = "limit_kind"  # high / low
    ALARM_STATE = "alarm_state"
    TIME = "time"  # UTC ISO text, shown local with the zone
    DATE = "date"
    MINUTES = "minutes"
    MEASURED = "measured"  # a number in the record's unit (content["unit"])
    CHANNEL = "channel"  # an instrument channel's key, shown by its name
    STEP_TYPE = "step_type"  # a recipe step type code
    POLICY = "policy"  # performer / two_person
    EXCEPTION_KIND = "exception_kind"
    SEVERITY = "severity"
    IDS = "ids"  # a list of record IDs (shown short)
    #: An exception's content (kind, evidence, description), worded as its sentence.
    EXCEPTION = "exception"


_KINDS: dict[FieldKey, ValueKind] = {
    FieldKey.ACTION: ValueKind.ACTION, FieldKey.STEP: ValueKind.STEP,
    FieldKey.BATCH_ENTRY: ValueKind.ENTRY, FieldKey.CASSETTE_ENTRY: ValueKind.ENTRY,
    FieldKey.BAG_ENTRY: ValueKind.ENTRY, FieldKey.BAY_ENTRY: ValueKind.ENTRY,
    FieldKey.CASSETTE_EXPIRY: ValueKind.DATE, FieldKey.BAG_EXPIRY: ValueKind.DATE,
    FieldKey.DURATION: ValueKind.MINUTES, FieldKey.RESULT: ValueKind.RESULT,
    FieldKey.LIMIT_KIND: ValueKind.LIMIT_KIND, FieldKey.LIMIT: ValueKind.MEASURED,
    FieldKey.STARTED_AT: ValueKind.TIME, FieldKey.PEAK: ValueKind.MEASURED,
    FieldKey.PEAK_AT: ValueKind.TIME, FieldKey.ENDED_AT: ValueKind.TIME,
    FieldKey.VALUE_AT_ACK: ValueKind.MEASURED, FieldKey.STATE_AT_ACK: ValueKind.ALARM_STATE,
    FieldKey.CHANNEL: ValueKind.CHANNEL,
    FieldKey.STEP_TYPE: ValueKind.STEP_TYPE, FieldKey.POLICY: ValueKind.POLICY,
    FieldKey.EXCEPTIONS: ValueKind.IDS, FieldKey.KIND: ValueKind.EXCEPTION_KIND,
    FieldKey.SEVERITY: ValueKind.SEVERITY, FieldKey.EVIDENCE: ValueKind.EXCEPTION,
}

_ORDER: dict[RecordType, tuple[FieldKey, ...]] = {
    RecordType.CASSETTE_LOAD: (
        FieldKey.STEP, FieldKey.PATIENT, FieldKey.CASSETTE_SERIAL, FieldKey.CASSETTE_LOT,
        FieldKey.CASSETTE_EXPIRY, FieldKey.CASSETTE_GTIN, FieldKey.BAG_DIN, FieldKey.BAG_COI,
        FieldKey.BAG_PRODUCT, FieldKey.BAG_EXPIRY, FieldKey.BAY, FieldKey.BATCH_ENTRY,
        FieldKey.CASSETTE_ENTRY, FieldKey.BAG_ENTRY, FieldKey.BAY_ENTRY, FieldKey.STATION,
        FieldKey.ACTION),
    RecordType.CASSETTE_UNLOAD: (
        FieldKey.BAY, FieldKey.CASSETTE_SERIAL, FieldKey.CASSETTE_LOT,
        FieldKey.CASSETTE_EXPIRY, FieldKey.CASSETTE_GTIN, FieldKey.CASSETTE_ENTRY,
        FieldKey.BAY_ENTRY, FieldKey.LOAD_RECORD, FieldKey.STATION, FieldKey.ACTION),
    RecordType.STEP_COMPLETION: (
        FieldKey.STEP, FieldKey.RESULT, FieldKey.DURATION, FieldKey.INSTRUMENT),
    RecordType.COMMENT: (FieldKey.TEXT,),
    RecordType.CORRECTION: (FieldKey.TEXT, FieldKey.STEP, FieldKey.RESULT, FieldKey.DURATION,
                            FieldKey.INSTRUMENT),
    RecordType.ALARM_ACK: (
        FieldKey.CHANNEL, FieldKey.LIMIT_KIND, FieldKey.LIMIT, FieldKey.PEAK,
        FieldKey.PEAK_AT, FieldKey.STARTED_AT, FieldKey.ENDED_AT, FieldKey.VALUE_AT_ACK,
        FieldKey.STATE_AT_ACK, FieldKey.COMMENT),
    RecordType.STEP_RECORD: (
        FieldKey.STEP, FieldKey.STEP_TYPE, FieldKey.POLICY, FieldKey.QUALIFICATION,
        FieldKey.ACTUAL, FieldKey.EXPECTED, FieldKey.RECIPE_ID, FieldKey.RECIPE_VERSION,
        FieldKey.RECIPE_HASH, FieldKey.EXCEPTIONS),
    RecordType.EXCEPTION: (
        FieldKey.KIND, FieldKey.SEVERITY, FieldKey.STEP, FieldKey.EVIDENCE,
        FieldKey.DESCRIPTION, FieldKey.RECIPE_ID, FieldKey.RECIPE_VERSION, FieldKey.RECIPE_HASH),
}
#: Fields whose nested value is read as one line (``plain_value``), never as dotted keys.
_COMPOSITE = frozenset({FieldKey.ACTUAL, FieldKey.EXPECTED, FieldKey.EVIDENCE})
#: Keys that are part of the content but said by another field (the unit goes with values).
_SILENT = frozenset({"unit", "reason"})
#: The fields a one-line summary shows, per type.
_SUMMARY: dict[RecordType, tuple[FieldKey, ...]] = {
    RecordType.CASSETTE_LOAD: (FieldKey.STEP, FieldKey.CASSETTE_SERIAL, FieldKey.BAY),
    RecordType.CASSETTE_UNLOAD: (FieldKey.BAY, FieldKey.CASSETTE_SERIAL),
    RecordType.STEP_COMPLETION: (FieldKey.STEP, FieldKey.RESULT),
    RecordType.ALARM_ACK: (FieldKey.CHANNEL, FieldKey.LIMIT_KIND, FieldKey.PEAK),
    RecordType.STEP_RECORD: (FieldKey.STEP, FieldKey.STEP_TYPE),
    RecordType.EXCEPTION: (FieldKey.KIND, FieldKey.SEVERITY, FieldKey.STEP),
}


def _same(word: str) -> str:
    return word


@dataclass(frozen=True)
class RecipeWords:
    """What a record's codes are called, in one language: the pinned recipe's ``step`` (its
    name), ``names`` (field, checklist item, material, sample code → the recipe's name) and
    ``units`` (field → unit); ``key``: the reader's word for a content key or a yes/no
    (``lot`` → ロット, ``true`` → はい); ``sep``: how items are joined."""

    lang: str
    step: Step | None = None
    names: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    key: Callable[[str], str] = _same
    sep: str = "; "


def recipe_words(recipe: Recipe | None, body: Mapping[str, Any], lang: str,
                 key: Callable[[str], str] = _same) -> RecipeWords:
    """The words of ``body``'s codes in ``lang`` from ``recipe`` (ignored unless it is the
    recipe and version the record pins; the caller finds it by the pinned hash)."""
    sep = "、" if lang == "ja" else "; "
    pinned = body.get("recipe")
    if recipe is None or not isinstance(pinned, Mapping) \
            or (pinned.get("id"), pinned.get("version")) != (recipe.recipe_id, recipe.version):
        return RecipeWords(lang, key=key, sep=sep)
    step = recipe.step(str(body.get("step") or ""))
    if step is None:
        return RecipeWords(lang, key=key, sep=sep)
    names = {code: text.in_language(lang) for code, text in step_labels(step).items()}
    units = {f.field_id: f.unit for f in step.fields}
    if step.phase is not None:
        units |= {c.channel: c.unit for c in step.phase.channels}
    return RecipeWords(lang, step, names, units, key, sep)


@dataclass(frozen=True)
class ContentField:
    """One field: ``key`` is a ``FieldKey`` or, for a key no type lists, the dotted key."""

    key: FieldKey | str
    value: Any
    kind: ValueKind
    unit: str = ""


def _get(content: Mapping[str, Any], dotted: str) -> tuple[bool, Any]:
    node: Any = content
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return False, None
        node = node[part]
    return True, node


def content_fields(record_type: RecordType | str, body: Mapping[str, Any],
                   words: RecipeWords | None = None) -> list[ContentField]:
    """Every field of ``body`` (the content without the correction's bookkeeping), ordered
    for reading; the ones the type does not know last, as dotted keys. With ``words`` the
    step and the composite values read with the recipe's names."""
    rtype = RecordType(record_type)
    unit = str(body.get("unit") or "")
    out: list[ContentField] = []
    shown: set[str] = set()
    composite: list[str] = []
    for key in _ORDER.get(rtype, ()):
        present, value = _get(body, key.value)
        if not present:
            continue
        kind = _KINDS.get(key, ValueKind.TEXT)
        if key is FieldKey.EVIDENCE:
            composite.append(key.value)
            if body.get("kind") == "manual" and not value:
                shown.add(key.value)
                continue  # a manual exception is its description
            value = {"kind": body.get("kind"), "evidence": value,
                     "description": body.get("description") or ""}
        elif key in _COMPOSITE:
            value = plain_value(value, words)
            composite.append(key.value)
        elif key is FieldKey.STEP and words is not None and words.step is not None:
            value, kind = words.step.name.in_language(words.lang), ValueKind.TEXT
        out.append(ContentField(key, value, kind, unit if kind is ValueKind.MEASURED else ""))
        shown.add(key.value)
    for dotted, text in readable_lines(body):
        if dotted in shown or dotted in _SILENT or any(  # a list shown whole, not again
                dotted.startswith((f"{c}.", f"{c}[")) for c in (*composite, *shown)):
            continue
        try:
            known = FieldKey(dotted)
        except ValueError:
            out.append(ContentField(dotted, text, ValueKind.TEXT))
            continue
        present, value = _get(body, dotted)
        kind = _KINDS.get(known, ValueKind.TEXT)
        out.append(ContentField(known, value if present else text, kind,
                                unit if kind is ValueKind.MEASURED else ""))
    return out


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _short_id(text: str) -> str:
    """A record ID (a UUID) as the pages show it: its first 8 characters."""
    if len(text) == 36 and text.count("-") == 4:
        return text[:8]
    return text


def plain_value(value: Any, words: RecipeWords | None = None, unit: str = "") -> str:
    """A nested value in one line, without keys a person would have to decode: a single
    key is unwrapped (``{"values": {...}}``), ``{low, high}`` reads as a range, a ``unit``
    goes after what it qualifies, lists are joined, and the rest is "name value; ...".
    With ``words``: a recipe code (field, checklist item, material) reads as the recipe's
    name, a field's value takes its unit, and other keys and yes/no read in ``words``'
    language."""
    if words is not None:
        return _worded(value, words, unit)
    if value is None:
        return "—"
    if isinstance(value, Mapping):
        if value and set(value) <= {"low", "high"}:
            low, high = value.get("low"), value.get("high")
            if low is None and high is None:
                return "—"
            if high is None:
                return f"≥ {_number(low)}"
            if low is None:
                return f"≤ {_number(high)}"
            return f"{_number(low)} – {_number(high)}"
        if "unit" in value:
            rest = {k: v for k, v in value.items() if k != "unit"}
            return f"{plain_value(rest)} {value['unit']}".strip() if rest else str(value["unit"])
        if len(value) == 1:
            return plain_value(next(iter(value.values())))
        return "; ".join(f"{k} {plain_value(v)}" for k, v in value.items()) or "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(plain_value(v) for v in value) or "—"
    return _number(value)


def _worded(value: Any, w: RecipeWords, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return w.key("true" if value else "false")
    if isinstance(value, Mapping):
        if value and set(value) <= {"low", "high"}:
            text = plain_value(value)
            return f"{text} {unit}".strip() if text != "—" else text
        if "unit" in value:
            rest = {k: v for k, v in value.items() if k != "unit"}
            return _worded(rest, w, str(value["unit"])) if rest else str(value["unit"])
        if len(value) == 1:
            return _worded(next(iter(value.values())), w, unit)
        parts = []
        for k, v in value.items():
            name = w.names.get(k) or w.key(k)
            parts.append(f"{name} {_worded(v, w, w.units.get(k, ''))}")
        return w.sep.join(parts) or "—"
    if isinstance(value, (list, tuple)):
        return w.sep.join(_worded(v, w, unit) for v in value) or "—"
    if isinstance(value, str):
        return w.names.get(value) or _short_id(value)
    return f"{_number(value)} {unit}".strip()


def summary_fields(record_type: RecordType | str, body: Mapping[str, Any],
                   words: RecipeWords | None = None) -> list[ContentField]:
    """The few fields that identify the record in a list (the first ones otherwise)."""
    fields = content_fields(record_type, body, words)
    wanted = _SUMMARY.get(RecordType(record_type))
    if not wanted:
        return fields[:2]
    return [f for f in fields if f.key in wanted]


class ProcessStep(StrEnum):
    """Process step codes of the master data (a record stores the code)."""

    ACTIVATION = "ACTIVATION"
    TRANSDUCTION = "TRANSDUCTION"
    EXPANSION = "EXPANSION"
    CELL_WASH = "CELL_WASH"
    HARVEST = "HARVEST"


class StepResult(StrEnum):
    """Result codes of a step completion."""

    WITHIN_LIMITS = "within_limits"
    OUT_OF_LIMITS = "out_of_limits"
