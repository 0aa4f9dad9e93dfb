"""Records and signatures checked against the audit entries that carry their hashes.

Re-hashing rows only proves each row agrees with itself. Every record and signature the
application writes is announced by an audit entry carrying its hash (``record_created`` /
``record_corrected`` / ``record_received`` with the content hash, ``record_signed`` with the
signature hash), so ``audit verify`` also finds, as long as the audit chain itself is intact:
a record or signature deleted (its entry is left without it), one inserted outside the
application (no entry names it), and one edited and re-hashed (its hash differs from the one
its entry carries).

:class:`Announcements` collects what the entries say while the chain is verified (one pass
over the trail); :func:`cross_check_problems` compares it with what the tables hold."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

RECORD_EVENTS = ("record_created", "record_corrected", "record_received")
SIGNED_EVENT = "record_signed"
ANNOUNCING_EVENTS = frozenset((*RECORD_EVENTS, SIGNED_EVENT))


class Announcements:
    """The records and signatures the audit trail announces, with their hashes."""

    def __init__(self) -> None:
        self.records: dict[str, str] = {}  # record ID -> content hash
        self.received: set[str] = set()  # records made at another station
        self.signed: dict[str, set[str]] = {}  # record ID -> signature hashes

    def add(self, event: str, target: str, new: Any) -> None:
        """One announcing entry (an :data:`~operator_console.domain.stored_chain.
        EntryObserver`), in trail order."""
        new = new if isinstance(new, dict) else {}
        if event == SIGNED_EVENT:
            self.signed.setdefault(target, set()).add(str(new.get("signature_hash")))
        else:
            self.records[target] = str(new.get("content_hash"))
            if event == "record_received":
                self.received.add(target)


    def followed_by(self, later: Announcements) -> Announcements:
        """These announcements and then ``later``'s, as if collected in one pass (a later
        announcement of a record's hash stands)."""
        self.records.update(later.records)
        self.received |= later.received
        for record_id, hashes in later.signed.items():
            self.signed.setdefault(record_id, set()).update(hashes)
        return self


def cross_check_problems(announced: Announcements, records: Mapping[str, str],
                         signatures: Mapping[str, set[str]]) -> list[str]:
    """Problems found, in a stable order (empty: records, signatures and audit agree).

    ``records``: record ID -> stored content hash; ``signatures``: record ID -> the stored
    signature hashes."""
    problems: list[str] = []
    for record_id in sorted(records):
        if record_id not in announced.records:
            problems.append(f"record {record_id}: no audit entry announces it")
        elif announced.records[record_id] != records[record_id]:
            problems.append(f"record {record_id}: its hash differs from its audit entry's")
    for record_id in sorted(announced.records.keys() - records.keys()):
        problems.append(f"record {record_id}: announced in the audit trail but missing")
    empty: set[str] = set()
    for record_id in sorted(signatures.keys() | announced.signed.keys()):
        if record_id in announced.received:
            continue  # signed at another station: announced there
        stored, signed = signatures.get(record_id, empty), announced.signed.get(record_id, empty)
        for sig_hash in sorted(stored - signed):
            problems.append(f"record {record_id}: signature {sig_hash[:12]} has no audit entry")
        for sig_hash in sorted(signed - stored):
            problems.append(f"record {record_id}: signature {sig_hash[:12]} is missing")
    return problems
