"""Electronic signature rules (21 CFR Part 11, EU GMP Annex 11) as pure functions.

* Linking (11.70): a signature's own hash covers the signed record's content hash, so a
  changed record no longer matches its signatures (:func:`verify_signature`).
* Two-person verification: :func:`check_signer` is the single place that decides whether an
  authenticated person may add a signature with a given meaning; the UI only shows its answer.
* Status: :func:`record_status` derives where a record stands from its signatures.

Passwords are not checked here (the auth layer re-authenticates for every signature); the
``wrong_password`` and ``account_locked_now`` codes exist so the UI maps every refusal from
one enum.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from operator_console.domain.canonical import JsonValue, content_hash, normalise
from operator_console.domain.identity import normalise_user_id, skeleton
from operator_console.domain.manifestation import format_utc_iso, to_utc
from operator_console.domain.people import Person, Role
from operator_console.domain.records import Meaning, RecordStatus, RecordType, policy_for

#: Version of the hashed signature layout; bump it (never reuse) if the layout changes.
SIGNATURE_SCHEMA = 1
_HEX64 = re.compile(r"[0-9a-f]{64}")


class AuthMethod(StrEnum):
    ONLINE = "online"  # password checked by the plant server
    OFFLINE = "offline"  # checked against the station's cached verifier; server re-checks


@dataclass(frozen=True)
class SignatureFacts:
    """Everything a signature states. ``signer_id`` is normalised, ``signed_at`` made UTC."""

    record_id: str
    content_hash: str
    signer_id: str
    printed_name: str
    meaning: Meaning
    signed_at: datetime
    station: str
    auth_method: AuthMethod

    def __post_init__(self) -> None:
        if not self.record_id.strip() or not self.station.strip():
            raise ValueError("a signature needs a record ID and a station")
        if not _HEX64.fullmatch(self.content_hash):
            raise ValueError("content_hash must be 64 lower-case hex digits (SHA-256)")
        if not self.printed_name.strip():
            raise ValueError("a signature needs the signer's printed name")
        object.__setattr__(self, "signer_id", normalise_user_id(self.signer_id))
        object.__setattr__(self, "meaning", Meaning(self.meaning))
        object.__setattr__(self, "signed_at", to_utc(self.signed_at, "signed_at"))
        object.__setattr__(self, "auth_method", AuthMethod(self.auth_method))


def signature_payload(facts: SignatureFacts) -> dict[str, JsonValue]:
    """The exact JSON object a signature's hash covers (stored form, NFC strings)."""
    payload: dict[str, JsonValue] = normalise({
        "schema": SIGNATURE_SCHEMA,
        "record_id": facts.record_id,
        "content_hash": facts.content_hash,
        "signer_id": facts.signer_id,
        "printed_name": facts.printed_name,
        "meaning": facts.meaning.value,
        "signed_at": format_utc_iso(facts.signed_at),
        "station": facts.station,
        "auth_method": facts.auth_method.value,
    })
    return payload


def signature_hash(facts: SignatureFacts) -> str:
    """Hex SHA-256 of the canonical :func:`signature_payload`."""
    return content_hash(signature_payload(facts))


def verify_signature(facts: SignatureFacts, stored_hash: str, current_content_hash: str) -> bool:
    """True if the signature is intact and still belongs to the record as it is now."""
    return hmac.compare_digest(facts.content_hash, current_content_hash) and hmac.compare_digest(
        signature_hash(facts), stored_hash
    )


class RefusalCode(StrEnum):
    """Stable codes for every reason a signature is refused (UI translates by code)."""

    WRONG_PASSWORD = "wrong_password"
    ACCOUNT_LOCKED_NOW = "account_locked_now"
    ACCOUNT_DISABLED = "account_disabled"
    ACCOUNT_LOCKED = "account_locked"
    MEANING_NOT_ALLOWED = "meaning_not_allowed"
    RECORD_SUPERSEDED = "record_superseded"
    ALREADY_SIGNED_WITH_MEANING = "already_signed_with_meaning"
    PERFORMER_REQUIRED_FIRST = "performer_required_first"
    VERIFICATION_REQUIRED_FIRST = "verification_required_first"
    SAME_PERSON = "same_person"
    NOT_OPERATOR = "not_operator"
    NOT_VERIFIER = "not_verifier"
    NOT_QA = "not_qa"
    QUALIFICATION_MISSING = "qualification_missing"
    QUALIFICATION_NOT_YET_VALID = "qualification_not_yet_valid"
    QUALIFICATION_EXPIRED = "qualification_expired"
    CONTENT_CHANGED = "content_changed"  # stored content or a signature no longer verifies
    ALREADY_CORRECTED = "already_corrected"  # a record is corrected once; correct the correction
    CORRECTION_NOT_ALLOWED = "correction_not_allowed"  # e.g. cassette load/unload records


#: English text per code: what is wrong, then what to do. ``{meaning}``, ``{record_type}`` and
#: ``{procedure}`` are filled from :attr:`Refusal.params`.
REFUSAL_MESSAGES: dict[RefusalCode, str] = {
    RefusalCode.WRONG_PASSWORD: "The password is not correct. Enter your password again.",
    RefusalCode.ACCOUNT_LOCKED_NOW: "Too many wrong passwords: your account is now locked. "
    "Ask an administrator to unlock it.",
    RefusalCode.ACCOUNT_DISABLED: "This account is disabled and cannot sign. "
    "Ask an administrator.",
    RefusalCode.ACCOUNT_LOCKED: "This account is locked and cannot sign. "
    "Ask an administrator to unlock it.",
    RefusalCode.MEANING_NOT_ALLOWED: "A {record_type} record does not take a '{meaning}' "
    "signature. Choose the signature this record needs.",
    RefusalCode.RECORD_SUPERSEDED: "This record has been corrected and can no longer be "
    "signed as '{meaning}'. Sign the correction record instead.",
    RefusalCode.ALREADY_SIGNED_WITH_MEANING: "This record already has a '{meaning}' "
    "signature. No further '{meaning}' signature is needed.",
    RefusalCode.PERFORMER_REQUIRED_FIRST: "This record has no 'performed' signature yet. "
    "The person who did the work must sign first.",
    RefusalCode.VERIFICATION_REQUIRED_FIRST: "This record is not verified yet. A second "
    "person must verify it before it can be signed as '{meaning}'.",
    RefusalCode.SAME_PERSON: "You have already signed or created this record. A different "
    "person must sign as '{meaning}'.",
    RefusalCode.NOT_OPERATOR: "Your roles do not allow you to perform a {record_type} "
    "record. Ask an operator to sign as performer.",
    RefusalCode.NOT_VERIFIER: "You do not hold the verifier role. "
    "Ask a qualified verifier to sign.",
    RefusalCode.NOT_QA: "Only quality assurance may sign as '{meaning}'. "
    "Ask a QA person to sign.",
    RefusalCode.QUALIFICATION_MISSING: "You are not qualified for procedure {procedure}. "
    "Ask a person qualified for {procedure} to sign.",
    RefusalCode.QUALIFICATION_NOT_YET_VALID: "Your qualification for procedure {procedure} "
    "is not in force yet. Ask a person with a current qualification to sign.",
    RefusalCode.QUALIFICATION_EXPIRED: "Your qualification for procedure {procedure} has "
    "expired. Ask a person with a current qualification to sign, and renew your training.",
    RefusalCode.CONTENT_CHANGED: "This record's stored content no longer matches what was "
    "signed. Do not sign it; inform QA at once.",
    RefusalCode.ALREADY_CORRECTED: "This record has already been corrected. Correct the "
    "correction record instead.",
    RefusalCode.CORRECTION_NOT_ALLOWED: "Cassette load and unload records cannot be corrected: "
    "the cassette's state depends on them. Unload the cassette or ask QA to quarantine it, "
    "and explain in a comment.",
}


@dataclass(frozen=True)
class Refusal:
    """Why a signature may not be made: a stable ``code`` and an English ``message``."""

    code: RefusalCode
    message: str
    params: tuple[tuple[str, str], ...] = ()


def refusal(code: RefusalCode, **params: str) -> Refusal:
    """Build a refusal with its message filled in from :data:`REFUSAL_MESSAGES`."""
    return Refusal(code, REFUSAL_MESSAGES[code].format(**params), tuple(sorted(params.items())))


def _signed(signatures: Sequence[SignatureFacts], meaning: Meaning) -> bool:
    return any(s.meaning is meaning for s in signatures)


def check_signer(
    record_type: RecordType,
    meaning: Meaning,
    signer: Person,
    existing: Sequence[SignatureFacts],
    at: datetime,
    procedure: str | None = None,
    *,
    corrects_type: RecordType | None = None,
    created_by: str | None = None,
    superseded: bool = False,
    content: Mapping[str, JsonValue] | None = None,
) -> Refusal | None:
    """Return why ``signer`` may not sign the record with ``meaning`` now, or ``None``.

    ``existing`` are the record's signatures so far. ``procedure`` is the qualification code
    required; ``None`` or blank means the record type's own (:func:`policy_for`), so a missing
    argument can never skip the check. Performed and verified need it; reviewed and approved
    need the QA role instead. ``corrects_type`` is required for a correction; ``created_by``
    (if given) may not sign other than as performer; ``superseded`` marks a corrected record;
    ``content`` is the record's content, which a step record's policy is read from (see
    :func:`~operator_console.domain.records.policy_for`).
    Checks run in a fixed order and the first failure is returned.
    """
    record_type, meaning = RecordType(record_type), Meaning(meaning)
    policy = policy_for(record_type, corrects_type, content=content)
    if any(s.record_id != existing[0].record_id for s in existing):
        raise ValueError("existing signatures belong to different records")
    fill = {"meaning": meaning.value, "record_type": record_type.value}
    if not signer.active:
        return refusal(RefusalCode.ACCOUNT_DISABLED)
    if signer.locked:
        return refusal(RefusalCode.ACCOUNT_LOCKED)
    if meaning not in policy.allowed_meanings:
        return refusal(RefusalCode.MEANING_NOT_ALLOWED, **fill)
    if superseded and meaning in (Meaning.PERFORMED, Meaning.VERIFIED):
        return refusal(RefusalCode.RECORD_SUPERSEDED, meaning=meaning.value)
    if _signed(existing, meaning):
        return refusal(RefusalCode.ALREADY_SIGNED_WITH_MEANING, meaning=meaning.value)
    if meaning is not Meaning.PERFORMED and not _signed(existing, Meaning.PERFORMED):
        return refusal(RefusalCode.PERFORMER_REQUIRED_FIRST)
    if (meaning in (Meaning.REVIEWED, Meaning.APPROVED) and policy.requires_verification
            and not _signed(existing, Meaning.VERIFIED)):
        return refusal(RefusalCode.VERIFICATION_REQUIRED_FIRST, meaning=meaning.value)
    # Independence: one person, one signature per record, and the creator only performs.
    # Both sides are compared as skeletons, so "ＯＰ０１" and "op01" are the same person, and
    # so are look-alikes such as "ver01" and "vеr01" (Cyrillic е): one may not verify the other.
    others = {skeleton(s.signer_id) for s in existing}
    if meaning is not Meaning.PERFORMED and created_by is not None:
        others.add(skeleton(created_by))
    if skeleton(signer.user_id) in others:
        return refusal(RefusalCode.SAME_PERSON, meaning=meaning.value)
    if meaning is Meaning.PERFORMED and not signer.has_any_role(policy.performer_roles):
        return refusal(RefusalCode.NOT_OPERATOR, record_type=record_type.value)
    if meaning is Meaning.VERIFIED and not signer.has_role(Role.VERIFIER):
        return refusal(RefusalCode.NOT_VERIFIER)
    if meaning in (Meaning.REVIEWED, Meaning.APPROVED):
        return None if signer.has_role(Role.QA) else refusal(RefusalCode.NOT_QA, **fill)
    return _check_qualification(signer, (procedure or "").strip() or policy.procedure, at)


def _check_qualification(signer: Person, procedure: str | None, at: datetime) -> Refusal | None:
    if procedure is None:
        return None
    held = signer.qualifications_for(procedure)
    if any(q.is_current(at) for q in held):
        return None
    if any(q.has_ended(at) for q in held):
        return refusal(RefusalCode.QUALIFICATION_EXPIRED, procedure=procedure)
    if held:  # all of them start in the future
        return refusal(RefusalCode.QUALIFICATION_NOT_YET_VALID, procedure=procedure)
    return refusal(RefusalCode.QUALIFICATION_MISSING, procedure=procedure)


def record_status(
    record_type: RecordType,
    signatures: Sequence[SignatureFacts],
    corrected_by: str | None,
    *,
    corrects_type: RecordType | None = None,
    content: Mapping[str, JsonValue] | None = None,
) -> RecordStatus:
    """Where a record stands. A corrected record is ``corrected`` whatever its signatures:
    it is superseded and no longer waits for anyone (its correction does). ``content``: as
    for :func:`check_signer`."""
    if corrected_by is not None:
        return RecordStatus.CORRECTED
    policy = policy_for(record_type, corrects_type, content=content)
    if policy.requires_signature and not _signed(signatures, Meaning.PERFORMED):
        return RecordStatus.AWAITING_SIGNATURE
    if policy.requires_verification and not _signed(signatures, Meaning.VERIFIED):
        return RecordStatus.AWAITING_VERIFICATION
    return RecordStatus.COMPLETE


def overdue_for_verification(created_at: datetime, now: datetime, max_wait: timedelta) -> bool:
    """True if a record created at ``created_at`` has waited longer than ``max_wait``."""
    if max_wait < timedelta(0):
        raise ValueError("max_wait must not be negative")
    return to_utc(now, "now") - to_utc(created_at, "created_at") > max_wait
