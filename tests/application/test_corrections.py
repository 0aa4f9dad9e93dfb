"""Drafting comments and corrections: the rules the Records page relies on, without Qt."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from operator_console.application.corrections import (
    DraftProblem,
    correction_refused,
    draft_comment,
    draft_correction,
    editable_fields,
    typed_value,
    value_as_text,
)
from operator_console.domain.records import RecordStatus, RecordType
from operator_console.store.records import RecordView


def view(body: dict[str, Any], *, record_type: RecordType = RecordType.STEP_COMPLETION,
         corrected_by: str | None = None, corrects_type: RecordType | None = None) -> RecordView:
    return RecordView(
        record_id="R-1", seq=1, record_type=record_type, batch_id="B-1",
        content={"content": body}, content_hash="0" * 64, content_valid=True,
        created_by="op01", created_at=datetime(2026, 12, 1, tzinfo=UTC), corrects=None,
        corrected_by=corrected_by, corrects_type=corrects_type, signatures=(),
        status=RecordStatus.COMPLETE)


def test_comment_needs_batch_and_text() -> None:
    assert draft_comment(" ", "text").problem is DraftProblem.BATCH_MISSING
    assert draft_comment("B-1", "  \n").problem is DraftProblem.TEXT_MISSING
    draft = draft_comment(" B-1 ", " seen ").draft
    assert draft is not None
    assert (draft.record_type, draft.batch_id, dict(draft.content)) == (
        RecordType.COMMENT, "B-1", {"text": "seen"})


def test_correction_keeps_types_and_needs_a_change_and_a_reason() -> None:
    original = view({"volume_ml": 12.5, "count": 3, "ok": True, "note": "x", "nested": [1]})
    assert editable_fields(original) == {"volume_ml": 12.5, "count": 3, "ok": True, "note": "x"}
    same = {k: value_as_text(v) for k, v in editable_fields(original).items()}
    assert draft_correction(original, same, "typo").problem is DraftProblem.NOTHING_CHANGED
    changed = {**same, "volume_ml": "13", "ok": "no"}
    assert draft_correction(original, changed, " ").problem is DraftProblem.REASON_MISSING
    result = draft_correction(original, changed, " typo ")
    assert result.draft is not None
    assert dict(result.draft.content) == {"volume_ml": 13.0, "count": 3, "ok": False,
                                          "note": "x", "nested": (1,)}
    assert (result.draft.corrects, result.draft.reason) == ("R-1", "typo")


@pytest.mark.parametrize(("field", "text", "problem"), [
    ("count", "three", DraftProblem.NOT_A_NUMBER),
    ("volume_ml", "1,5", DraftProblem.NOT_A_NUMBER),
    ("ok", "maybe", DraftProblem.NOT_YES_OR_NO),
])
def test_a_value_of_the_wrong_kind_names_its_field(field: str, text: str,
                                                   problem: DraftProblem) -> None:
    original = view({"volume_ml": 12.5, "count": 3, "ok": True})
    result = draft_correction(original, {field: text}, "typo")
    assert (result.problem, result.field, result.draft) == (problem, field, None)


def test_yes_means_true_but_nonsense_is_not_false() -> None:
    assert typed_value(False, "Yes") is True
    assert typed_value(True, "0") is False
    with pytest.raises(ValueError):
        typed_value(True, "ja")
    assert typed_value(None, "") is None


@pytest.mark.parametrize("kind", [RecordType.CASSETTE_LOAD, RecordType.CASSETTE_UNLOAD])
def test_cassette_records_and_their_corrections_are_never_corrected(kind: RecordType) -> None:
    assert correction_refused(view({}, record_type=kind)) is DraftProblem.NOT_CORRECTABLE
    assert correction_refused(view({}, record_type=RecordType.CORRECTION, corrects_type=kind)
                              ) is DraftProblem.NOT_CORRECTABLE
    assert draft_correction(view({"a": "b"}, record_type=kind), {"a": "c"}, "r").problem is (
        DraftProblem.NOT_CORRECTABLE)


def test_a_record_is_corrected_once() -> None:
    done = view({"a": "b"}, corrected_by="R-2")
    assert correction_refused(done) is DraftProblem.ALREADY_CORRECTED
    assert correction_refused(view({"a": "b"})) is None


def test_a_comment_names_a_batch_the_station_knows() -> None:
    known = ("B-2026-0142", "B-2026-0143")
    assert draft_comment("B-9999-XXXX", "seen", known).problem is DraftProblem.BATCH_UNKNOWN
    draft = draft_comment("B-2026-0143", "seen", known).draft
    assert draft is not None and draft.batch_id == "B-2026-0143"
