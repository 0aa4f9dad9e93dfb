"""The signed content of QA's acts on a batch, made at the plant server after it checked the
person's password: what is hashed (canonical JSON, SHA-256) and what the signature covers.

Each act names the batch, its pinned recipe hash and what it closes or decides, so a report
or a later check can recompute the hash from the stored fields alone."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from operator_console.domain.canonical import JsonValue, content_hash
from operator_console.domain.records import InvalidRecordError, Meaning

ACT_SCHEMA = 1


class ActKind(StrEnum):
    DISPOSITION = "disposition"  # an exception closed with a reason
    AUDIT_REVIEW = "audit_review"  # the audit trail reviewed
    DECISION = "decision"  # release / reject / hold / resume


MEANING_OF: dict[ActKind, Meaning] = {
    ActKind.DISPOSITION: Meaning.APPROVED,
    ActKind.AUDIT_REVIEW: Meaning.REVIEWED,
    ActKind.DECISION: Meaning.APPROVED,
}


def act_content(kind: ActKind, *, batch_id: str, recipe_hash: str | None, target: str,
                reason: str, signer_id: str, printed_name: str, signed_at: str,
                details: dict[str, JsonValue] | None = None) -> dict[str, JsonValue]:
    """The object that is hashed. ``target``: the exception's record ID (disposition),
    ``audit_trail`` (review) or the decision (``release``...)."""
    if not reason.strip():
        raise InvalidRecordError("a QA act needs a reason")
    return {"schema": ACT_SCHEMA, "act": ActKind(kind).value, "batch": batch_id,
            "recipe_hash": recipe_hash, "target": target, "reason": reason.strip(),
            "signer_id": signer_id, "printed_name": printed_name,
            "meaning": MEANING_OF[ActKind(kind)].value, "signed_at": signed_at,
            "details": details or {}}


def act_hash(content: dict[str, JsonValue]) -> str:
    return content_hash(content)


def reviewed_entries_digest(entry_hashes: Sequence[str]) -> str:
    """One hash over the audit entries a review covered (their own hashes, in order), so
    the review proves exactly which entries were in front of the reviewer."""
    return content_hash(list(entry_hashes))
