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
RECEIVED_EVENT = "record_received"
ANNOUNCING_EVENTS = frozenset((*RECORD_EVENTS, SIGNED_EVENT))


def announced_hash(event: str, new: Any) -> str:
    """The hash an announcing entry carries: the signature's for ``record_signed``, else the
    record's content hash ("None" where its new value holds none)."""
    new = new if isinstance(new, dict) else {}
    return str(new.get("signature_hash" if event == SIGNED_EVENT else "content_hash"))


class Announcements:
    """The records and signatures the audit trail announces, with their hashes."""

    def __init__(self) -> None:
        self.records: dict[str, str] = {}  # record ID -> content hash
        self.received: set[str] = set()  # records made at another station
        self.signed: dict[str, set[str]] = {}  # record ID -> signature hashes

    def add(self, event: str, target: str, new: Any) -> None:
        """One announcing entry (an :data:`~operator_console.domain.stored_chain.
        EntryObserver`), in trail order."""
        value = announced_hash(event, new)
        if event == SIGNED_EVENT:
            self.signed.setdefault(target, set()).add(value)
        else:
            self.records[target] = value
            if event == RECEIVED_EVENT:
                self.received.add(target)


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


_SEP = "\n"


def _pack(items: list[str]) -> tuple[str, int] | list[str]:
    """A list of strings as one string (a copy and a split, where pickling a list costs per
    item), unless one of them holds the separator."""
    try:
        joined = _SEP.join(items)
    except TypeError:
        return items
    return (joined, len(items)) if joined.count(_SEP) == len(items) - 1 else items


def _unpack(packed: tuple[str, int] | list[str]) -> list[str]:
    if isinstance(packed, list):
        return packed
    joined, count = packed
    return joined.split(_SEP) if count else []


class Announced:
    """What a run of audit entries announces, as flat lists in trail order: cheap to fill in
    the chain pass, to join with the next run's and to send between processes. The target
    and hash of each record entry, the targets of ``record_received``, the target and hash
    of each ``record_signed``."""

    _LISTS = ("record_ids", "record_hashes", "received", "signed_ids", "signed_hashes")

    def __init__(self) -> None:
        self.record_ids: list[str] = []
        self.record_hashes: list[str] = []
        self.received: list[str] = []
        self.signed_ids: list[str] = []
        self.signed_hashes: list[str] = []

    def add(self, event: str, target: str, value: str) -> None:
        """One announcing entry and the hash it carries (:func:`announced_hash`)."""
        if event == SIGNED_EVENT:
            self.signed_ids.append(target)
            self.signed_hashes.append(value)
        else:
            self.record_ids.append(target)
            self.record_hashes.append(value)
            if event == RECEIVED_EVENT:
                self.received.append(target)

    def extend(self, later: Announced) -> None:
        """``later``'s announcements after these (the next run of the trail)."""
        for name in self._LISTS:
            getattr(self, name).extend(getattr(later, name))

    def __getstate__(self) -> dict[str, Any]:
        return {name: _pack(getattr(self, name)) for name in self._LISTS}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name in self._LISTS:
            setattr(self, name, _unpack(state[name]))

    def announcements(self) -> Announcements:
        """The same, as :class:`Announcements` (a later announcement of a record stands)."""
        out = Announcements()
        out.records = dict(zip(self.record_ids, self.record_hashes, strict=True))
        out.received = set(self.received)
        for record_id, sig_hash in zip(self.signed_ids, self.signed_hashes, strict=True):
            out.signed.setdefault(record_id, set()).add(sig_hash)
        return out


def cross_check(announced: Announced, records: dict[str, str],
                signatures: set[tuple[str, str]]) -> list[str]:
    """:func:`cross_check_problems` from the chain pass's lists and the stored
    (record ID, signature hash) pairs. Where everything agrees (compared as a dict and two
    sets, in C) that is known without building the per-record sets; otherwise the problems
    are listed the exact way."""
    pairs = signatures
    if dict(zip(announced.record_ids, announced.record_hashes, strict=True)) == records:
        signed = set(zip(announced.signed_ids, announced.signed_hashes, strict=True))
        if announced.received:
            received = set(announced.received)
            signed = {p for p in signed if p[0] not in received}
            if {p for p in pairs if p[0] not in received} == signed:
                return []
        elif pairs == signed:
            return []
    stored: dict[str, set[str]] = {}
    for record_id, sig_hash in pairs:
        stored.setdefault(record_id, set()).add(sig_hash)
    return cross_check_problems(announced.announcements(), records, stored)
