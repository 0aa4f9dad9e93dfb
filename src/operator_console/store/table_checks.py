"""Each record's content against its hash, each signature against its hash and its record's
content as it is now, in one streamed read of each table (the fast checks of
:mod:`~operator_console.domain.stored_records`, the exact ones where they fail).

A record's content is read as bytes (``CAST ... AS BLOB``): the hash covers its UTF-8 text,
so the text is hashed as stored, with no decoding and encoding again; it is decoded only for
the exact check. A signature's ID is read only for the problem that names it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from operator_console.domain.stored_records import (
    SIGNATURE_COLUMNS,
    current_content_hash,
    signature_verifies,
    stored_payload,
)

_RECORDS_SQL = ("SELECT seq, record_id, CAST(content_json AS BLOB), content_hash, "
                "typeof(content_json) = 'text' FROM records")
_SIGNATURES_SQL = f"SELECT seq, {', '.join(SIGNATURE_COLUMNS)} FROM signatures"
_BATCH = 10_000
_BAD = (ValueError, TypeError, RecursionError)


@dataclass
class Tables:
    """The records' and signatures' own problems (records newest first, each record's
    signatures in order), the stored content hash of each record and the stored
    (record ID, signature hash) pairs, for the cross-check."""

    problems: list[str]
    hashes: dict[str, str]
    signatures: set[tuple[str, str]]


def _rows(cursor: Any, sql: str) -> Any:
    cursor.execute(sql)
    while rows := cursor.fetchmany(_BATCH):
        yield from rows


def _content_hash_now(stored: bytes | None, was_text: bool, stored_hash: str) -> str | None:
    """The exact check's content hash of a record whose fast check failed (None: what is
    stored is not JSON text: NULL, a BLOB, or not UTF-8)."""
    if stored is None or not was_text:
        return None
    try:
        text = stored.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return current_content_hash(text, stored_hash)


def check_tables(cursor: Any) -> Tables:
    """Check both tables through a DB-API ``cursor`` of the store's file (see the module)."""
    found: list[tuple[int, int, str]] = []  # (-record seq, signature seq, problem)
    hashes: dict[str, str] = {}
    seqs: dict[str, int] = {}
    changed: dict[str, str | None] = {}  # record ID -> content hash now, where it differs
    sha256 = hashlib.sha256
    for seq, record_id, content, stored_hash, was_text in _rows(cursor, _RECORDS_SQL):
        hashes[record_id], seqs[record_id] = stored_hash, seq
        if was_text and content is not None and sha256(content).hexdigest() == stored_hash:
            continue
        now = _content_hash_now(content, was_text, stored_hash)
        if now != stored_hash:
            changed[record_id] = now
            found.append((-seq, 0, f"record {record_id}: content does not match its hash"))
    pairs: set[tuple[str, str]] = set()
    for row in _rows(cursor, _SIGNATURES_SQL):
        stored = row[1:]
        record_id, sig_hash = stored[0], stored[8]
        pairs.add((record_id, sig_hash))
        if record_id not in hashes:
            continue  # no such record: the cross-check names the signature
        now = changed[record_id] if record_id in changed else hashes[record_id]
        if stored[7] == now:
            try:
                if sha256(stored_payload(stored)).hexdigest() == sig_hash:
                    continue
            except _BAD:
                pass
        if not signature_verifies(stored, now):
            (signature_id,) = cursor.connection.execute(
                "SELECT signature_id FROM signatures WHERE seq = ?", (row[0],)).fetchone()
            found.append((-seqs[record_id], row[0],
                          f"record {record_id}: signature {signature_id} "
                          f"({row[4]} by {row[2]}) does not verify"))
    found.sort(key=lambda f: (f[0], f[1]))
    return Tables([p for _, _, p in found], hashes, pairs)
