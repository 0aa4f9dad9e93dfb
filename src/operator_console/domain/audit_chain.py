"""The audit trail's hash chain, as pure functions shared by the console and the plant server.

Each entry's hash covers the canonical form of its fields together with the previous entry's
hash, so editing, inserting or removing any entry breaks every later link. ``verify_chain``
walks entries in sequence order and reports the first entry that does not verify.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from operator_console.domain.canonical import canonical_json

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditFields:
    """The hashed content of one audit entry (everything but its own hash)."""

    seq: int
    entry_id: str
    ts: str  # UTC, ISO 8601 with microseconds and 'Z'
    station: str
    actor: str  # normalised user ID, or "system"
    event: str  # stable event code, never translated text
    target: str  # what the event is about (user ID, record ID, setting name, ...)
    reason: str
    old: Any  # JSON value or None
    new: Any  # JSON value or None

    def as_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "entry_id": self.entry_id,
            "ts": self.ts,
            "station": self.station,
            "actor": self.actor,
            "event": self.event,
            "target": self.target,
            "reason": self.reason,
            "old": self.old,
            "new": self.new,
        }


def chain_link(prev_hash: str, body: bytes) -> str:
    """The hash of one entry: hex SHA-256 over the previous entry's hash, a newline and the
    entry's canonical bytes (:func:`entry_body`). Every path that hashes an entry (appending,
    verifying, the fast verifier over stored text) goes through this one function."""
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(body)
    return digest.hexdigest()


def entry_body(fields: AuditFields) -> bytes:
    """The canonical bytes of an entry's fields, as its hash covers them."""
    return canonical_json(fields.as_json())


def entry_hash(fields: AuditFields, prev_hash: str) -> str:
    """The hash of the entry with ``fields`` that follows the entry hashed ``prev_hash``."""
    return chain_link(prev_hash, entry_body(fields))


@dataclass(frozen=True)
class ChainEntry:
    fields: AuditFields
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainReport:
    """Outcome of verifying a chain: ``ok`` with the count, or the first bad entry and why."""

    ok: bool
    count: int
    first_bad_seq: int | None = None
    problem: str = ""


def verify_chain(
    entries: Iterable[ChainEntry],
    expected_head: tuple[int, str] | None = None,
) -> ChainReport:
    """Verify entries given in ascending ``seq`` order.

    ``expected_head`` is the (seq, hash) of the last entry as recorded separately by the store;
    it catches removal of entries at the end of the chain.
    """
    prev_hash = GENESIS_HASH
    expected_seq = 1
    count = 0
    for entry in entries:
        seq = entry.fields.seq
        if seq != expected_seq:
            what = "missing" if seq > expected_seq else "duplicated or out of order"
            return ChainReport(False, count, expected_seq, f"entry {expected_seq} is {what}")
        if entry.prev_hash != prev_hash:
            return ChainReport(False, count, seq, "link to the previous entry is broken")
        if entry_hash(entry.fields, prev_hash) != entry.hash:
            return ChainReport(False, count, seq, "content does not match its hash")
        prev_hash = entry.hash
        expected_seq += 1
        count += 1
    return check_head(count, prev_hash, expected_head)


def check_head(count: int, last_hash: str,
               expected_head: tuple[int, str] | None) -> ChainReport:
    """The report for a chain of ``count`` good entries ending in ``last_hash``, compared with
    the head the store recorded separately (None: nothing to compare)."""
    if expected_head is not None:
        head_seq, head_hash = expected_head
        if head_seq != count:
            return ChainReport(
                False, count, min(head_seq, count) + 1,
                f"chain ends at entry {count} but the head records entry {head_seq}",
            )
        if count and head_hash != last_hash:
            return ChainReport(False, count, count, "last entry does not match the chain head")
    return ChainReport(True, count)
