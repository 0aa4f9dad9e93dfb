"""Exceptions raised by how a batch's record was signed or changed, not by what it says: a
signature made offline (the plant server re-checks it on sync), a verification later than
the station's policy allows, a correction of a step record."""

from __future__ import annotations

from datetime import datetime, timedelta

from operator_console.domain.batch_execution.exceptions import (
    ExceptionDraft,
    ExceptionKind,
    raise_exception,
)
from operator_console.domain.canonical import JsonValue
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import (
    AuthMethod,
    SignatureFacts,
    overdue_for_verification,
)


def signature_exceptions(facts: SignatureFacts, *, record_created_at: datetime,
                         max_verification_wait: timedelta, step_id: str | None = None
                         ) -> list[ExceptionDraft]:
    """The exceptions one new signature of a batch record raises (possibly none)."""
    evidence: dict[str, JsonValue] = {
        "record": facts.record_id, "signer": facts.signer_id, "meaning": facts.meaning.value,
        "signed_at": format_utc_iso(facts.signed_at)}
    out = []
    if facts.auth_method is AuthMethod.OFFLINE:
        out.append(raise_exception(ExceptionKind.OFFLINE_SIGNATURE, step_id=step_id,
                                   **evidence))
    if facts.meaning is Meaning.VERIFIED and overdue_for_verification(
            record_created_at, facts.signed_at, max_verification_wait):
        out.append(raise_exception(
            ExceptionKind.LATE_VERIFICATION, step_id=step_id,
            created_at=format_utc_iso(record_created_at),
            max_wait_minutes=max_verification_wait.total_seconds() / 60, **evidence))
    return out


def correction_exception(correction_id: str, corrects: str, reason: str,
                         step_id: str | None = None) -> ExceptionDraft:
    """A step record corrected after the fact: always reviewed (minor by default)."""
    return raise_exception(ExceptionKind.CORRECTION, step_id=step_id,
                           correction=correction_id, corrects=corrects, reason=reason)
