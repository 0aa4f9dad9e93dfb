"""Verifying the audit chain from its stored text, fast, with the exact answer.

A store keeps each entry's fields as text, the old and new values as their canonical JSON.
Parsing that JSON and canonicalising it again for every entry (what :func:`entry_hash` over
:class:`AuditFields` does) costs most of a verify. So each entry is first checked over bytes
assembled straight from the stored strings (:func:`stored_body`): keys in their canonical
order, strings quoted as the canonical form quotes them, the old/new JSON text spliced in.

That shortcut gives the same verdict as the exact check:

* When the assembled bytes hash to the stored hash, they are the bytes hashed on append, and
  the stored strings are the appended ones. Every field but old and new is a JSON string
  token, which ends at its first unescaped quote, so reading from either end finds each one
  where it was; only the old/new JSON texts, side by side, could trade text across the
  ``,"old":`` between them, and neither may contain that key (a value that does goes the
  exact way). The exact check of the same row then hashes the same bytes.
* When they do not (a string stored not in NFC, JSON text not in canonical form, or a changed
  entry), the row is checked again by the exact path, whose answer stands.

A row whose JSON does not parse, or which holds a value with no canonical form, does not
verify (an edit made it so).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from operator_console.domain.audit_chain import (
    GENESIS_HASH,
    AuditFields,
    ChainReport,
    chain_link,
    check_head,
    entry_hash,
)

#: The stored columns of an entry, in the order a stored row holds them.
STORED_COLUMNS = ("seq", "entry_id", "ts", "station", "actor", "event", "target", "reason",
                  "old_json", "new_json", "prev_hash", "hash")
StoredRow = tuple[int, str, str, str, str, str, str, str, str, str, str, str]

#: Called with (event, target, new value) for each verified entry of a watched event.
EntryObserver = Callable[[str, str, Any], None]

#: What an edited row can raise on the way to its hash (bad JSON, a value with no canonical
#: form or text that is not Unicode, a BLOB where text belongs, absurd nesting).
_BAD_ROW = (ValueError, TypeError, RecursionError)


def stored_body(row: StoredRow) -> bytes:
    """An entry's canonical bytes assembled from its stored strings (see the module text)."""
    q = encode_basestring
    return (f'{{"actor":{q(row[4])},"entry_id":{q(row[1])},"event":{q(row[5])},'
            f'"new":{row[9]},"old":{row[8]},"reason":{q(row[7])},"seq":{row[0]:d},'
            f'"station":{q(row[3])},"target":{q(row[6])},"ts":{q(row[2])}}}').encode()


def stored_fields(row: StoredRow) -> AuditFields:
    """The entry's fields parsed from its stored row (the exact path)."""
    return AuditFields(seq=row[0], entry_id=row[1], ts=row[2], station=row[3], actor=row[4],
                       event=row[5], target=row[6], reason=row[7], old=json.loads(row[8]),
                       new=json.loads(row[9]))


_UNSET: Any = object()
#: What separates the new and old JSON texts in an entry's bytes: a fast check holds only
#: where neither text contains it (see the module text).
OLD_KEY = ',"old":'


def exact_entry(row: StoredRow, prev_hash: str) -> tuple[bool, Any]:
    """The exact check of one row: (it verifies, its parsed new value). Any fast path falls
    back to it where its own check fails (:mod:`~operator_console.store.chain_pass` too)."""
    try:
        fields = stored_fields(row)
        return entry_hash(fields, prev_hash) == row[11], fields.new
    except _BAD_ROW:
        return False, None


@dataclass(frozen=True)
class Segment:
    """What verifying a run of entries from ``start_seq`` on found: ``count`` entries from
    the chain's start verified (the run's and all before it), ``last_hash`` the last one's,
    and ``bad`` the first problem (None: the run's rows ended with no problem)."""

    start_seq: int
    count: int
    last_hash: str
    bad: ChainReport | None = None


def verify_segment(
    rows: Iterable[StoredRow],
    start_seq: int = 1,
    prev_hash: str = GENESIS_HASH,
    *,
    watch: Collection[str] = (),
    on_entry: EntryObserver | None = None,
) -> Segment:
    """Verify stored rows given in ascending ``seq`` order from ``start_seq``, the entry
    before it having hashed to ``prev_hash``. ``on_entry`` sees each entry whose event is in
    ``watch``, with its parsed new value, once the entry has verified (cross-checks read
    what the chain vouches for)."""
    loads = json.loads
    expected_seq = start_seq
    for row in rows:
        seq = row[0]
        if seq != expected_seq:
            what = "missing" if seq > expected_seq else "duplicated or out of order"
            return Segment(start_seq, expected_seq - 1, prev_hash, ChainReport(
                False, expected_seq - 1, expected_seq, f"entry {expected_seq} is {what}"))
        if row[10] != prev_hash:
            return Segment(start_seq, seq - 1, prev_hash, ChainReport(
                False, seq - 1, seq, "link to the previous entry is broken"))
        new = _UNSET
        try:
            if chain_link(prev_hash, stored_body(row)) == row[11] and \
                    OLD_KEY not in row[9] and OLD_KEY not in row[8]:
                # The field boundaries are where they were (see the module text); the new
                # value is parsed only for an observer.
                new = loads(row[9]) if row[5] in watch else None
        except _BAD_ROW:
            new = _UNSET
        if new is _UNSET:
            ok, new = exact_entry(row, prev_hash)
            if not ok:
                return Segment(start_seq, seq - 1, prev_hash, ChainReport(
                    False, seq - 1, seq, "content does not match its hash"))
        if on_entry is not None and row[5] in watch:
            on_entry(row[5], row[6], new)
        prev_hash = row[11]
        expected_seq += 1
    return Segment(start_seq, expected_seq - 1, prev_hash)


def join_runs(runs: Sequence[Segment], ends: Sequence[int | None],
              expected_head: tuple[int, str] | None) -> ChainReport:
    """The report for the whole chain verified as consecutive runs, the same report as one
    run over all of them. ``runs[i]`` verified the entries after ``runs[i].start_seq - 1`` up
    to ``ends[i]`` (None: to the end), started from the stored hash of the entry before it
    (the first run: from the genesis hash)."""
    for i, run in enumerate(runs):
        if run.bad is not None:  # every run before it went through to its end
            return run.bad
        end = ends[i]
        if end is not None and run.count < end:  # this run's rows ended early
            if any(later.bad is not None or later.count >= later.start_seq
                   for later in runs[i + 1:]):
                missing = run.count + 1
                return ChainReport(False, run.count, missing, f"entry {missing} is missing")
            return check_head(run.count, run.last_hash, expected_head)
    return check_head(runs[-1].count, runs[-1].last_hash, expected_head)


def verify_stored_chain(
    rows: Iterable[StoredRow],
    expected_head: tuple[int, str] | None = None,
    *,
    watch: Collection[str] = (),
    on_entry: EntryObserver | None = None,
) -> ChainReport:
    """Verify stored rows given in ascending ``seq`` order; the same report as
    :func:`~operator_console.domain.audit_chain.verify_chain` over their parsed fields."""
    run = verify_segment(rows, watch=watch, on_entry=on_entry)
    return run.bad or check_head(run.count, run.last_hash, expected_head)
