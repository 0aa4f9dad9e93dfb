"""Drafting a comment or a correction before it is signed: the rules, not the form.

A comment needs a batch and a text. A correction keeps every field of the original record,
takes the new values the person typed (converted to the original value's type), must change
something and must give a reason (records are append-only: the correction names the record
it supersedes). Cassette records are never corrected: they change the cassette's state, which
a later record cannot silently undo; and a record is corrected once (its correction can be
corrected in turn).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from operator_console.domain.records import UNCORRECTABLE_TYPES, RecordDraft, RecordType
from operator_console.store.records import RecordView

_TRUE_WORDS = frozenset({"true", "1", "yes"})
_FALSE_WORDS = frozenset({"false", "0", "no"})


class DraftProblem(StrEnum):
    """Why a draft cannot be signed yet; the screen says it in the person's language."""

    BATCH_MISSING = "batch_missing"
    BATCH_UNKNOWN = "batch_unknown"
    TEXT_MISSING = "text_missing"
    NOT_A_NUMBER = "not_a_number"
    NOT_YES_OR_NO = "not_yes_or_no"
    NOTHING_CHANGED = "nothing_changed"
    REASON_MISSING = "reason_missing"
    NOT_CORRECTABLE = "not_correctable"
    ALREADY_CORRECTED = "already_corrected"


@dataclass(frozen=True)
class DraftResult:
    """A draft ready to sign, or the problem (and the field it concerns, if any)."""

    draft: RecordDraft | None = None
    problem: DraftProblem | None = None
    field: str = ""


def editable_fields(original: RecordView) -> dict[str, Any]:
    """The fields of ``original`` a person may retype: the scalar values of its body."""
    return {k: v for k, v in original.body.items()
            if v is None or isinstance(v, (str, int, float, bool))}


def value_as_text(value: Any) -> str:
    """How a stored scalar is shown in an edit field (the inverse of :func:`typed_value`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def typed_value(old: Any, new: str) -> Any:
    """``new`` (typed text) as a value of ``old``'s type; ``ValueError`` when it is not one."""
    text = new.strip()
    if isinstance(old, bool):
        word = text.lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        raise ValueError(text)
    if isinstance(old, int):
        return int(text)
    if isinstance(old, float):
        return float(text)
    if old is None and not text:
        return None
    return text


def correction_refused(original: RecordView) -> DraftProblem | None:
    """Why ``original`` cannot be corrected at all, or ``None`` if it can."""
    if (original.record_type in UNCORRECTABLE_TYPES
            or original.corrects_type in UNCORRECTABLE_TYPES):
        return DraftProblem.NOT_CORRECTABLE
    if original.corrected_by is not None:
        return DraftProblem.ALREADY_CORRECTED
    return None


def draft_comment(batch: str, text: str,
                  known_batches: Collection[str] | None = None) -> DraftResult:
    """A comment on ``batch``; the batch and the text are both required, and the batch must
    be one this station knows (``known_batches``, when given): never a record for a batch
    that does not exist."""
    batch, text = batch.strip(), text.strip()
    if not batch:
        return DraftResult(problem=DraftProblem.BATCH_MISSING, field="batch")
    if known_batches is not None and batch not in known_batches:
        return DraftResult(problem=DraftProblem.BATCH_UNKNOWN, field="batch")
    if not text:
        return DraftResult(problem=DraftProblem.TEXT_MISSING, field="text")
    return DraftResult(RecordDraft(RecordType.COMMENT, batch, {"text": text}))


def draft_correction(original: RecordView, typed: Mapping[str, str], reason: str) -> DraftResult:
    """A correction of ``original`` with the retyped fields ``typed`` and a reason."""
    refused = correction_refused(original)
    if refused is not None:
        return DraftResult(problem=refused)
    content: dict[str, Any] = dict(original.body)
    for key, text in typed.items():
        old = original.body.get(key)
        try:
            content[key] = typed_value(old, text)
        except ValueError:
            problem = (DraftProblem.NOT_YES_OR_NO if isinstance(old, bool)
                       else DraftProblem.NOT_A_NUMBER)
            return DraftResult(problem=problem, field=key)
    if content == original.body:
        return DraftResult(problem=DraftProblem.NOTHING_CHANGED)
    reason = reason.strip()
    if not reason:
        return DraftResult(problem=DraftProblem.REASON_MISSING, field="reason")
    return DraftResult(RecordDraft(RecordType.CORRECTION, original.batch_id, content,
                                   corrects=original.record_id, reason=reason))
