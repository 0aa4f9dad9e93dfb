"""One run of the audit trail checked in one read of its rows: sequence, links and hashes
(the fast check of :mod:`~operator_console.domain.stored_chain`, the exact check where it
fails), each entry's key seal, and the hashes the announcing entries carry.

The hash an announcing entry carries is read by SQLite's JSON functions where the new value
is an object holding it as a string; the chain pass keeps that value only for an entry whose
fast check held (its new JSON is then the canonical text written on append, so SQLite and
``json`` read the same string from it) and parses the JSON itself otherwise.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from typing import Any

from operator_console.domain.audit_chain import GENESIS_HASH, ChainReport
from operator_console.domain.stored_chain import OLD_KEY, STORED_COLUMNS, Segment, exact_entry
from operator_console.store.audit_seal import SealKey, bad_seal, no_seal
from operator_console.store.crosscheck import (
    ANNOUNCING_EVENTS,
    RECEIVED_EVENT,
    SIGNED_EVENT,
    Announced,
    announced_hash,
)

_EVENTS = ", ".join(f"'{event}'" for event in sorted(ANNOUNCING_EVENTS))
_PATH = f"CASE event WHEN '{SIGNED_EVENT}' THEN '$.signature_hash' ELSE '$.content_hash' END"
#: The announced hash where SQLite can read it as a string (NULL otherwise); each CASE
#: guards the next, so no JSON function sees text that is not JSON.
_ANNOUNCED = (f"CASE WHEN event IN ({_EVENTS}) AND typeof(new_json) = 'text' THEN "
              f"CASE WHEN json_valid(new_json) THEN "
              f"CASE WHEN json_type(new_json, {_PATH}) = 'text' THEN "
              f"json_extract(new_json, {_PATH}) END END END")
_BATCH = 10_000
_BAD_ROW = (ValueError, TypeError, RecursionError)


def run_sql(with_mac: bool) -> str:
    """The rows of a run: the stored columns, the seal (NULL in a file from before seals),
    the announced hash."""
    return (f"SELECT {', '.join(STORED_COLUMNS)}, {'mac' if with_mac else 'NULL'}, "
            f"{_ANNOUNCED} FROM audit_entries WHERE seq > ? AND seq <= ? ORDER BY seq")


@dataclass(frozen=True)
class SealCheck:
    """The audit key, and the first entry that must carry a seal (an entry before it is
    checked only where it carries one)."""

    key: bytes
    start: int


@dataclass
class ChainRun:
    """What one run found: its :class:`Segment`, the seal problems of its entries in order,
    what its entries announce, and how many rows needed the exact check."""

    segment: Segment
    seals: list[str] = field(default_factory=list)
    announced: Announced = field(default_factory=Announced)
    exact_rows: int = 0


def check_run(cursor: Any, after: int = 0, upto: int | None = None,
              prev_hash: str | None = None, seal: SealCheck | None = None, *,
              with_mac: bool = True) -> ChainRun:
    """Check the entries ``after`` < seq <= ``upto`` (None: to the end) through a DB-API
    ``cursor`` of the store's file. The run starts from ``prev_hash``, by default the stored
    hash of entry ``after`` (the genesis hash for the chain's start, or where that entry is
    missing: the run before then reports it)."""
    if prev_hash is None:
        found = cursor.execute("SELECT hash FROM audit_entries WHERE seq = ?",
                               (after,)).fetchone() if after else None
        prev_hash = found[0] if found else GENESIS_HASH
    start_seq = after + 1
    out = ChainRun(Segment(start_seq, after, prev_hash))
    watch, announced = ANNOUNCING_EVENTS, out.announced
    sealer = SealKey(seal.key) if seal is not None else None
    first_sealed = seal.start if seal is not None else 0
    seals = out.seals
    loads = json.loads
    expected = start_seq
    cursor.execute(run_sql(with_mac), (after, 2**62 if upto is None else upto))
    sha256, q = hashlib.sha256(), encode_basestring
    record_ids, record_hashes, received = announced.record_ids, announced.record_hashes, \
        announced.received
    signed_ids, signed_hashes = announced.signed_ids, announced.signed_hashes
    while rows := cursor.fetchmany(_BATCH):
        for row in rows:
            (seq, entry_id, ts, station, actor, event, target, reason, old, new, prev, digest,
             mac, value) = row
            if seq != expected:
                what = "missing" if seq > expected else "duplicated or out of order"
                out.segment = Segment(start_seq, expected - 1, prev_hash, ChainReport(
                    False, expected - 1, expected, f"entry {expected} is {what}"))
                return out
            if prev != prev_hash:
                out.segment = Segment(start_seq, seq - 1, prev_hash, ChainReport(
                    False, seq - 1, seq, "link to the previous entry is broken"))
                return out
            # chain_link(prev_hash, stored_body(row)), written out: the same bytes in one
            # update of a copied hash, with no calls (tests/store/test_chain_pass.py checks
            # that no intact row misses this path).
            try:
                h = sha256.copy()
                h.update(f'{prev}\n{{"actor":{q(actor)},"entry_id":{q(entry_id)},'
                         f'"event":{q(event)},"new":{new},"old":{old},"reason":{q(reason)},'
                         f'"seq":{seq:d},"station":{q(station)},"target":{q(target)},'
                         f'"ts":{q(ts)}}}'.encode())
                fast = h.hexdigest() == digest and OLD_KEY not in new and OLD_KEY not in old
            except _BAD_ROW:
                fast = False
            if not fast:
                out.exact_rows += 1
                ok, parsed = exact_entry(row, prev_hash)
                if not ok:
                    out.segment = Segment(start_seq, seq - 1, prev_hash, ChainReport(
                        False, seq - 1, seq, "content does not match its hash"))
                    return out
                value = announced_hash(event, parsed) if event in watch else None
            elif value is None and event in watch:
                value = announced_hash(event, loads(new))
            if value is not None:  # an announcing entry (SQLite reads no other's)
                if event == SIGNED_EVENT:
                    signed_ids.append(target)
                    signed_hashes.append(value)
                else:
                    record_ids.append(target)
                    record_hashes.append(value)
                    if event == RECEIVED_EVENT:
                        received.append(target)
            prev_hash = digest
            if sealer is not None:
                if seq >= first_sealed:
                    if mac is None:
                        seals.append(no_seal(seq))
                    elif mac != sealer.mac(seq, digest):
                        seals.append(bad_seal(seq))
                elif mac is not None and mac != sealer.mac(seq, digest):
                    seals.append(bad_seal(seq))
            expected += 1
    out.segment = Segment(start_seq, expected - 1, prev_hash)
    return out
