"""Exceptions (例外事象) raised during batch execution, as records of the hash chain.

An exception is raised where the deviation happens, automatically (a refused scan, an entry
outside its limits, an alarm during a phase, ...) or by hand. It is an ``exception`` record
whose content (:func:`exception_content`) states its kind, severity, step, the pinned recipe
and its evidence (the raw scan, the values, the alarm with its time window). QA closes it
with an ``exception_disposition`` record (:func:`disposition_content`) that names it; the
exception's ID is its record ID. An open critical exception blocks the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from operator_console.domain.canonical import JsonValue
from operator_console.domain.recipes.content import RecipeRef
from operator_console.domain.recipes.model import Severity
from operator_console.domain.records import InvalidRecordError, RecordDraft, RecordType


class ExceptionKind(StrEnum):
    REFUSED_SCAN = "refused_scan"  # a label that did not pass its checks
    WRONG_PATIENT = "wrong_patient"  # DIN / COI / sample ID of another patient
    EXPIRED_MATERIAL = "expired_material"
    TYPED_ENTRY = "typed_entry"  # a label typed where a scan was expected
    OUT_OF_LIMITS = "out_of_limits"  # an entry outside its limits (kept)
    IMPLAUSIBLE_ENTRY = "implausible_entry"  # outside its plausibility range (refused)
    PHASE_ALARM = "phase_alarm"  # an alarm during an instrument phase
    CPP_EXCURSION = "cpp_excursion"  # a phase's min/max beyond a CPP limit, no alarm raised
    MISSING_DATA = "missing_data"  # a phase channel without a good value
    LATE_VERIFICATION = "late_verification"
    OFFLINE_SIGNATURE = "offline_signature"
    CORRECTION = "correction"
    MANUAL = "manual"  # raised by hand, with a description


class ExceptionState(StrEnum):
    OPEN = "open"
    DISPOSITIONED = "dispositioned"


#: The severity an automatic exception of each kind gets when the recipe says nothing more
#: specific (field and channel specs carry their own severity).
DEFAULT_SEVERITY: dict[ExceptionKind, Severity] = {
    ExceptionKind.REFUSED_SCAN: Severity.MAJOR,
    ExceptionKind.WRONG_PATIENT: Severity.CRITICAL,
    ExceptionKind.EXPIRED_MATERIAL: Severity.MAJOR,
    ExceptionKind.TYPED_ENTRY: Severity.MINOR,
    ExceptionKind.OUT_OF_LIMITS: Severity.MAJOR,
    ExceptionKind.IMPLAUSIBLE_ENTRY: Severity.MINOR,
    ExceptionKind.PHASE_ALARM: Severity.MAJOR,
    ExceptionKind.CPP_EXCURSION: Severity.MAJOR,
    ExceptionKind.MISSING_DATA: Severity.MAJOR,
    ExceptionKind.LATE_VERIFICATION: Severity.MINOR,
    ExceptionKind.OFFLINE_SIGNATURE: Severity.MINOR,
    ExceptionKind.CORRECTION: Severity.MINOR,
    ExceptionKind.MANUAL: Severity.MAJOR,
}


@dataclass(frozen=True)
class ExceptionDraft:
    """An exception about to be recorded. An automatic one is codes only: its ``kind`` and
    ``evidence`` (every screen and report words it in the reader's language,
    :mod:`.exception_text`); a manual one carries the person's own ``description``."""

    kind: ExceptionKind
    severity: Severity
    description: str = ""
    step_id: str | None = None
    evidence: Mapping[str, JsonValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ExceptionKind(self.kind))
        object.__setattr__(self, "severity", Severity(self.severity))
        if self.kind is ExceptionKind.MANUAL and not self.description.strip():
            raise InvalidRecordError("an exception needs a description")
        if self.kind is not ExceptionKind.MANUAL and self.description:
            raise InvalidRecordError("an automatic exception is stored as codes: its kind and "
                                     "evidence, no text")


def raise_exception(kind: ExceptionKind, *, step_id: str | None = None,
                    severity: Severity | None = None, **evidence: JsonValue) -> ExceptionDraft:
    """An automatic exception of ``kind`` with its default severity unless one is given."""
    return ExceptionDraft(kind, severity or DEFAULT_SEVERITY[kind], "", step_id, evidence)


def manual_exception(description: str, severity: Severity, step_id: str | None = None
                     ) -> ExceptionDraft:
    """An exception an operator raises by hand: their description is required."""
    return ExceptionDraft(ExceptionKind.MANUAL, severity, description, step_id)


def exception_content(draft: ExceptionDraft, recipe: RecipeRef | None) -> dict[str, JsonValue]:
    """The record's content. ``description`` only for a manual exception (the person's words;
    records made before automatic ones went codes-only carry an English one too)."""
    content: dict[str, JsonValue] = {
        "kind": draft.kind.value, "severity": draft.severity.value,
        "step": draft.step_id, "recipe": recipe.as_dict() if recipe else None,
        "evidence": dict(draft.evidence),
    }
    if draft.description:
        content["description"] = draft.description
    return content


def exception_record(draft: ExceptionDraft, batch_id: str, recipe: RecipeRef | None
                     ) -> RecordDraft:
    return RecordDraft(RecordType.EXCEPTION, batch_id, exception_content(draft, recipe))


def disposition_content(exception_id: str, reason: str) -> dict[str, JsonValue]:
    if not exception_id.strip():
        raise InvalidRecordError("a disposition must name the exception it closes")
    if not reason.strip():
        raise InvalidRecordError("a disposition must give a reason")
    return {"exception": exception_id, "reason": reason}


@dataclass(frozen=True)
class ExceptionFacts:
    """An exception as the step state machine and the batch views see it."""

    exception_id: str
    kind: ExceptionKind
    severity: Severity
    step_id: str | None
    state: ExceptionState
    #: What the exception is about (its sentence: :func:`.exception_text.exception_text`).
    evidence: Mapping[str, JsonValue] = field(default_factory=dict, compare=False)
    #: A manual exception's words (or an old automatic one's stored English text).
    description: str = ""

    @property
    def blocks(self) -> bool:
        return self.severity is Severity.CRITICAL and self.state is ExceptionState.OPEN


def exception_facts(records: Iterable[tuple[str, Mapping[str, JsonValue]]],
                    dispositions: Iterable[Mapping[str, JsonValue]]) -> list[ExceptionFacts]:
    """Exceptions from (record ID, content) of ``exception`` records and the contents of
    ``exception_disposition`` records: dispositioned when one names it."""
    closed = {str(d.get("exception")) for d in dispositions}
    return [ExceptionFacts(rid, ExceptionKind(c["kind"]), Severity(c["severity"]),
                           c.get("step") if isinstance(c.get("step"), str) else None,
                           ExceptionState.DISPOSITIONED if rid in closed
                           else ExceptionState.OPEN,
                           _evidence(c.get("evidence")), str(c.get("description") or ""))
            for rid, c in records]


def _evidence(value: JsonValue | None) -> Mapping[str, JsonValue]:
    return value if isinstance(value, Mapping) else {}
