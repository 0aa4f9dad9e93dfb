"""Electronic records: types, what each type needs signed, and the exact content that is hashed.

Records are append-only (DESIGN section 2): a mistake is fixed by a ``correction`` record that
names the record it supersedes and gives a reason; nothing is edited in place.

What is hashed (:func:`record_content`) is one JSON object, canonicalised by
``domain.canonical`` (NFC + RFC 8785) and SHA-256'd. It binds *what* was recorded and *who
created it, where and when*, because a signature covers only this hash (11.70): anything left
out could be changed without breaking a signature. Values that change after creation (sync
state, station sequence number, derived status, signatures themselves) are left out so that
re-hashing a stored record always gives the same hash.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from operator_console.domain.canonical import JsonValue, canonical_json, content_hash, normalise
from operator_console.domain.identity import normalise_user_id
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.people import Role

#: Version of the hashed record layout; bump it (never reuse) if the layout changes.
RECORD_SCHEMA = 1


class InvalidRecordError(ValueError):
    """A record draft breaks a structural rule (e.g. a correction without a reason)."""


class RecordType(StrEnum):
    CASSETTE_LOAD = "cassette_load"
    CASSETTE_UNLOAD = "cassette_unload"
    ALARM_ACK = "alarm_ack"
    COMMENT = "comment"
    STEP_COMPLETION = "step_completion"
    CORRECTION = "correction"
    # A master-recipe step done (domain.batch_execution): its content pins the recipe (id,
    # version, hash) and states the step's signature policy, which the policy follows.
    STEP_RECORD = "step_record"
    # A deviation caught during execution, and QA's disposition of it.
    EXCEPTION = "exception"
    EXCEPTION_DISPOSITION = "exception_disposition"


#: Record types a correction may never change: they moved a cassette, and a later record
#: cannot silently move it back (unload it instead, or raise a comment).
UNCORRECTABLE_TYPES = frozenset({RecordType.CASSETTE_LOAD, RecordType.CASSETTE_UNLOAD})


class Meaning(StrEnum):
    """The meaning of a signature (11.50). Stored as the code, translated only when shown."""

    PERFORMED = "performed"
    VERIFIED = "verified"
    REVIEWED = "reviewed"
    APPROVED = "approved"


class RecordStatus(StrEnum):
    AWAITING_SIGNATURE = "awaiting_signature"
    AWAITING_VERIFICATION = "awaiting_verification"
    COMPLETE = "complete"
    CORRECTED = "corrected"  # superseded by a correction record


_OPERATORS = frozenset({Role.OPERATOR})


@dataclass(frozen=True)
class RecordPolicy:
    """What a record type needs: signatures, two-person verification, qualification code.

    ``procedure`` is the qualification the performer and the verifier must hold (``None``:
    no qualification needed). ``performer_roles``: any one of them allows a 'performed'
    signature. Reviewed/approved signatures are QA's, on any record type.
    """

    requires_signature: bool
    requires_verification: bool
    procedure: str | None
    performer_roles: frozenset[Role] = _OPERATORS

    @property
    def allowed_meanings(self) -> frozenset[Meaning]:
        meanings = {Meaning.PERFORMED, Meaning.REVIEWED, Meaning.APPROVED}
        if self.requires_verification:
            meanings.add(Meaning.VERIFIED)
        return frozenset(meanings)


RECORD_POLICY: dict[RecordType, RecordPolicy] = {
    RecordType.CASSETTE_LOAD: RecordPolicy(True, True, "CASSETTE-LOAD"),
    RecordType.CASSETTE_UNLOAD: RecordPolicy(True, True, "CASSETTE-UNLOAD"),
    RecordType.ALARM_ACK: RecordPolicy(True, False, "ALARM-ACK"),
    # Anyone on the floor may add a comment to the batch record; no procedure is involved.
    RecordType.COMMENT: RecordPolicy(
        True, False, None, frozenset({Role.OPERATOR, Role.VERIFIER, Role.QA})
    ),
    RecordType.STEP_COMPLETION: RecordPolicy(True, True, "STEP-COMPLETE"),
    # Placeholder only: a correction takes the policy of the record type it corrects (see
    # policy_for). The conservative values here apply if someone reads the table directly.
    RecordType.CORRECTION: RecordPolicy(True, True, None),
    # Placeholder only: a step record's policy is the one its content states (the recipe
    # step's, see step_record_policy); read without its content, it needs two people.
    RecordType.STEP_RECORD: RecordPolicy(True, True, "STEP-COMPLETE"),
    # Raised automatically where the deviation happens (a refused scan, an entry out of
    # limits, an alarm...): a record of the hash chain that needs no signature; one raised
    # by hand may still be signed by whoever raised it.
    RecordType.EXCEPTION: RecordPolicy(
        False, False, None, frozenset({Role.OPERATOR, Role.VERIFIER, Role.QA})
    ),
    # Only QA dispositions an exception, with a signed reason.
    RecordType.EXCEPTION_DISPOSITION: RecordPolicy(True, False, None, frozenset({Role.QA})),
}

#: Signature policies a step record's content may state (``signature.policy``).
STEP_SIGNATURE_POLICIES = frozenset({"performer", "two_person"})


def step_record_policy(content: Mapping[str, JsonValue]) -> RecordPolicy:
    """The policy a step record's content states: ``{"signature": {"policy": "performer" |
    "two_person", "qualification": code | null}}``, copied from the recipe step (and checked
    against the pinned recipe by the plant server). Raises InvalidRecordError otherwise."""
    signature = content.get("signature")
    if not isinstance(signature, Mapping) or signature.get("policy") not in \
            STEP_SIGNATURE_POLICIES:
        raise InvalidRecordError("a step record must state its signature policy")
    qualification = signature.get("qualification")
    if qualification is not None and (not isinstance(qualification, str)
                                      or not qualification.strip()):
        raise InvalidRecordError("a step record's qualification must be a procedure code")
    two_person = signature["policy"] == "two_person"
    if two_person and qualification is None:
        raise InvalidRecordError("a two-person step record must name its qualification")
    return RecordPolicy(True, two_person, qualification)


def policy_for(record_type: RecordType, corrects_type: RecordType | None = None, *,
               content: Mapping[str, JsonValue] | None = None) -> RecordPolicy:
    """The effective policy of a record.

    For a correction, ``corrects_type`` is the type of the original (non-correction) record at
    the root of the correction chain; the correction needs exactly what that record needed,
    so correcting a cassette load needs two people, correcting a comment one. A step record
    (or a correction of one) follows the policy its ``content`` states; without the content
    the table's conservative two-person placeholder applies.
    """
    record_type = RecordType(record_type)
    if record_type is RecordType.CORRECTION:
        if corrects_type is None or RecordType(corrects_type) is RecordType.CORRECTION:
            raise ValueError("a correction's policy needs the type of the original record")
        record_type = RecordType(corrects_type)
    if record_type is RecordType.STEP_RECORD and content is not None:
        return step_record_policy(content)
    return RECORD_POLICY[record_type]


def _freeze(value: JsonValue) -> JsonValue:
    # A frozen draft must not change under the caller's feet after it was shown for signing.
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class RecordDraft:
    """What an operator is about to record, before it gets an ID, a creator and a time.

    A correction must name the record it supersedes (``corrects``, a record ID) and give a
    non-blank ``reason``; its ``content`` is the complete corrected content, not a diff.
    Any other record must have neither.
    """

    record_type: RecordType
    batch_id: str
    content: Mapping[str, JsonValue]
    corrects: str | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "record_type", RecordType(self.record_type))
        except ValueError as exc:
            raise InvalidRecordError(f"unknown record type {self.record_type!r}") from exc
        if not isinstance(self.batch_id, str) or not self.batch_id.strip():
            raise InvalidRecordError("a record needs a batch")
        if not isinstance(self.content, Mapping):
            raise InvalidRecordError("record content must be a JSON object")
        try:
            canonical_json(self.content)  # refuse NaN, sets, non-string keys... now, not later
        except ValueError as exc:
            raise InvalidRecordError(f"record content is not canonical JSON: {exc}") from exc
        object.__setattr__(self, "content", _freeze(self.content))
        if self.record_type is RecordType.CORRECTION:
            if self.corrects is None or not self.corrects.strip():
                raise InvalidRecordError("a correction must name the record it corrects")
            if self.reason is None or not self.reason.strip():
                raise InvalidRecordError("a correction must give a reason")
        elif self.corrects is not None or self.reason is not None:
            raise InvalidRecordError("only a correction may reference another record or a reason")
        if self.record_type is RecordType.STEP_RECORD:
            step_record_policy(self.content)  # the policy must be readable from the content


def record_content(
    draft: RecordDraft, *, record_id: str, created_by: str, created_at: datetime, station: str
) -> dict[str, JsonValue]:
    """The exact JSON object that is stored and hashed for a record.

    Keys: ``schema``, ``record_id``, ``type``, ``batch``, ``content``, ``corrects``, ``reason``,
    ``created_by`` (normalised user ID), ``created_at`` (stored UTC form), ``station``.
    Strings are returned NFC-normalised, so the stored object *is* the hashed object.
    """
    if not record_id.strip():
        raise InvalidRecordError("a record needs an ID")
    if not station.strip():
        raise InvalidRecordError("a record needs a station")
    obj: dict[str, JsonValue] = {
        "schema": RECORD_SCHEMA,
        "record_id": record_id,
        "type": draft.record_type.value,
        "batch": draft.batch_id,
        "content": draft.content,
        "corrects": draft.corrects,
        "reason": draft.reason,
        "created_by": normalise_user_id(created_by),
        "created_at": format_utc_iso(created_at),
        "station": station,
    }
    result: dict[str, JsonValue] = normalise(obj)
    return result


def record_hash(
    draft: RecordDraft, *, record_id: str, created_by: str, created_at: datetime, station: str
) -> str:
    """Hex SHA-256 of the canonical :func:`record_content`: what signatures cover."""
    return content_hash(record_content(
        draft, record_id=record_id, created_by=created_by, created_at=created_at, station=station
    ))


def _text(value: JsonValue) -> str:
    if isinstance(value, str):
        return value
    # Numbers, booleans and null are shown exactly as they are hashed (ECMAScript form).
    return canonical_json(value).decode("utf-8")


def _path(prefix: str, key: str) -> str:
    # Plain keys read as "cassette.lot"; a key that could be misread as a path (empty, or with
    # '.', '[', ']' or '"') is quoted as ["a.b"], so no two contents ever read the same.
    if key and not any(c in key for c in '.[]"'):
        return f"{prefix}.{key}" if prefix else key
    return f"{prefix}[{json.dumps(key, ensure_ascii=False)}]"


def _walk(prefix: str, value: JsonValue, out: list[tuple[str, str]], top: bool = False) -> None:
    if isinstance(value, Mapping):
        if not value and not top:
            out.append((prefix, "{}"))
        for key in sorted(value, key=lambda k: k.encode("utf-16-be")):
            _walk(_path(prefix, key), value[key], out)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        if not value:
            out.append((prefix, "[]"))
        for i, item in enumerate(value):
            _walk(f"{prefix}[{i}]", item, out)
    else:
        out.append((prefix, _text(value)))


def readable_lines(content: Mapping[str, JsonValue]) -> list[tuple[str, str]]:
    """(field key, value as text) pairs of exactly what is hashed, for the signing dialog.

    Nested objects are flattened to dotted keys (``cassette.lot``), lists to indexed keys
    (``bags[0]``); keys that would be ambiguous are quoted (``notes["a.b"]``). Lines follow
    the canonical key order and strings are NFC, so the same record reads the same on every
    screen, before and after a round trip through storage.
    """
    out: list[tuple[str, str]] = []
    _walk("", normalise(content), out, top=True)
    return out
