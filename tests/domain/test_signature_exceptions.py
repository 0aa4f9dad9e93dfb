"""Exceptions from how a record was signed: offline signatures, late verification,
corrections."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from operator_console.domain.batch_execution.exception_text import exception_text
from operator_console.domain.batch_execution.exceptions import ExceptionKind
from operator_console.domain.batch_execution.signature_exceptions import (
    correction_exception,
    signature_exceptions,
)
from operator_console.domain.recipes.model import Severity
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import AuthMethod, SignatureFacts

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def sig(meaning: Meaning, after: timedelta, method: AuthMethod) -> SignatureFacts:
    return SignatureFacts("rec-1", "a" * 64, "ver01", "佐藤 健", meaning, T0 + after,
                          "ST-1", method)


def kinds(facts: SignatureFacts) -> list[ExceptionKind]:
    return [e.kind for e in signature_exceptions(
        facts, record_created_at=T0, max_verification_wait=timedelta(minutes=30),
        step_id="CELL-COUNT")]


def test_an_online_timely_signature_raises_nothing() -> None:
    assert kinds(sig(Meaning.VERIFIED, timedelta(minutes=30), AuthMethod.ONLINE)) == []
    assert kinds(sig(Meaning.PERFORMED, timedelta(hours=5), AuthMethod.ONLINE)) == []


def test_offline_and_late_signatures_raise_minor_exceptions_with_evidence() -> None:
    late = sig(Meaning.VERIFIED, timedelta(minutes=31), AuthMethod.OFFLINE)
    raised = signature_exceptions(late, record_created_at=T0,
                                  max_verification_wait=timedelta(minutes=30), step_id="S")
    assert [(e.kind, e.severity) for e in raised] == [
        (ExceptionKind.OFFLINE_SIGNATURE, Severity.MINOR),
        (ExceptionKind.LATE_VERIFICATION, Severity.MINOR)]
    assert raised[1].evidence["max_wait_minutes"] == 30
    assert raised[1].description == ""  # codes only: the sentence is made when shown
    assert exception_text(raised[1].kind, raised[1].evidence, "en").startswith(
        "Verified by ver01 31 minutes after the record was made (allowed: 30 minutes)")
    assert exception_text(raised[0].kind, raised[0].evidence, "ja") == (
        "ver01の署名（確認）はオフラインで行われました。同期時に工場サーバーが再確認します。")
    assert all(e.step_id == "S" and e.evidence["record"] == "rec-1" for e in raised)
    assert kinds(sig(Meaning.PERFORMED, timedelta(0), AuthMethod.OFFLINE)) == [
        ExceptionKind.OFFLINE_SIGNATURE]


def test_a_correction_raises_a_correction_exception() -> None:
    raised = correction_exception("rec-2", "rec-1", "typo in volume", "HARVEST")
    assert (raised.kind, raised.severity, raised.step_id) == (
        ExceptionKind.CORRECTION, Severity.MINOR, "HARVEST")
    assert raised.evidence == {"correction": "rec-2", "corrects": "rec-1",
                               "reason": "typo in volume"}
