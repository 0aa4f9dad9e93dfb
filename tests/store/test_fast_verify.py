"""The fast verify over stored text gives the exact verify's answer, wherever a row is changed.

The exact path parses every entry, record and signature and hashes their canonical form
(``verify_chain`` over ``fields_of``, ``record_problems``); the fast path hashes bytes
assembled from the stored strings and falls back to the exact path when that fails. These
tests change rows behind the application's back, everywhere, and compare the two answers."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from operator_console.domain.audit_chain import (
    GENESIS_HASH,
    AuditFields,
    ChainEntry,
    ChainReport,
    entry_body,
    verify_chain,
)
from operator_console.domain.canonical import canonical_json
from operator_console.domain.signatures import signature_payload
from operator_console.domain.stored_chain import stored_body, verify_stored_chain
from operator_console.domain.stored_records import stored_facts, stored_payload
from operator_console.store.audit import AuditLog, fields_of
from operator_console.store.db import DB_FILENAME, Database
from operator_console.store.integrity import verify_store
from operator_console.store.models import AuditEntry, AuditHead
from operator_console.store.records import record_problems

# ---- the assembled bytes are the canonical bytes ------------------------------------------

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
_json: Any = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False, width=32) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8)


def _stored(fields: AuditFields) -> tuple[Any, ...]:
    """The row AuditLog.append stores for ``fields`` (old/new as canonical text)."""
    nfc = [unicodedata.normalize("NFC", v) for v in (
        fields.entry_id, fields.ts, fields.station, fields.actor, fields.event, fields.target,
        fields.reason)]
    return (fields.seq, *nfc, canonical_json(fields.old).decode(),
            canonical_json(fields.new).decode(), GENESIS_HASH, "")


@settings(max_examples=300, deadline=None)
@given(seq=st.integers(1, 2**40), strings=st.lists(_text, min_size=7, max_size=7),
       old=_json, new=_json)
def test_stored_body_is_the_canonical_body(seq: int, strings: list[str], old: Any,
                                           new: Any) -> None:
    fields = AuditFields(seq, *strings, old=old, new=new)  # type: ignore[arg-type]
    assert stored_body(_stored(fields)) == entry_body(fields)  # type: ignore[arg-type]


def _signature_rows(data_dir: Path) -> list[tuple[str, ...]]:
    from operator_console.domain.stored_records import SIGNATURE_COLUMNS

    con = sqlite3.connect(data_dir / DB_FILENAME)
    rows = con.execute(f"SELECT {', '.join(SIGNATURE_COLUMNS)} FROM signatures").fetchall()
    con.close()
    return rows


def test_stored_payload_is_the_canonical_payload(data_dir: Path) -> None:
    rows = _signature_rows(data_dir)
    assert rows
    for row in rows:
        assert stored_payload(row) == canonical_json(signature_payload(stored_facts(row)))


# ---- the two answers agree, wherever a row is changed -------------------------------------

def _sql(data_dir: Path, *statements: str, params: tuple[Any, ...] = ()) -> None:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")\
            .fetchall():
        con.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        con.execute(statement, params)
    con.commit()
    con.close()


def _exact_chain(db: Database) -> ChainReport:
    with db.read() as s:
        head = s.get(AuditHead, 1)
        rows = s.query(AuditEntry).order_by(AuditEntry.seq).all()
        entries: Iterator[ChainEntry] = (ChainEntry(fields_of(r), r.prev_hash, r.hash)
                                         for r in rows)
        return verify_chain(entries, (head.seq, head.hash) if head else (0, GENESIS_HASH))


def _answers(data_dir: Path) -> tuple[ChainReport, ChainReport, list[str], list[str] | None]:
    db = Database(data_dir, migrate=False)
    try:
        with db.read() as s:
            fast = verify_store(s)
            exact_records = record_problems(s) if fast.chain.ok else None
        return fast.chain, _exact_chain(db), fast.problems, exact_records
    finally:
        db.close()


def _count(data_dir: Path, table: str) -> int:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    (n,) = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    con.close()
    return int(n)


def test_intact_store_verifies_both_ways(data_dir: Path) -> None:
    fast, exact, problems, exact_records = _answers(data_dir)
    assert fast == exact and fast.ok and fast.count == _count(data_dir, "audit_entries")
    assert problems == [] and exact_records == []


_CHAIN_EDITS = {
    "entry_id": "'00000000-0000-4000-8000-000000000000'",
    "ts": "'2020-01-01T00:00:00.000000Z'",
    "station": "'OTHER-STATION'",
    "actor": "'mallory'",
    "event": "'user_login'",
    "target": "target || 'x'",
    "reason": "reason || ' (edited)'",
    "old_json": "'{\"was\":1}'",
    "new_json": "'{\"is\":2}'",
    "prev_hash": "'" + "1" * 64 + "'",
    "hash": "'" + "2" * 64 + "'",
}


@pytest.mark.parametrize("column", sorted(_CHAIN_EDITS))
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_changed_entry_found_as_exactly(data_dir: Path, column: str, where: str) -> None:
    last = _count(data_dir, "audit_entries")
    seq = {"first": 1, "middle": last // 2, "last": last}[where]
    _sql(data_dir, f"UPDATE audit_entries SET {column} = {_CHAIN_EDITS[column]} "
                   f"WHERE seq = {seq}")
    fast, exact, _, _ = _answers(data_dir)
    assert fast == exact
    assert not fast.ok and fast.first_bad_seq == seq


def test_text_in_another_form_verifies_as_exactly(data_dir: Path) -> None:
    """Same values, other spelling (space in the JSON, a name stored decomposed): the fast
    check fails, the exact check passes, and the answer is the exact one."""
    db = Database(data_dir)
    try:
        with db.transaction() as s:
            AuditLog("ST-01").append(s, actor="op01", event="setting_changed",
                                     target="station_name", reason="caf\u00e9",
                                     old={"a": [1, 2]}, new={"b": "x"})
    finally:
        db.close()
    last = _count(data_dir, "audit_entries")
    _sql(data_dir, f"UPDATE audit_entries SET old_json = ?, reason = ? WHERE seq = {last}",
         params=('{ "a": [1, 2] }', unicodedata.normalize("NFD", "caf\u00e9")))
    fast, exact, problems, _ = _answers(data_dir)
    assert fast == exact and fast.ok and problems == []


def test_text_moved_between_old_and_new_is_found(data_dir: Path) -> None:
    """Moving text across the old/new boundary can leave the assembled bytes unchanged; the
    fast check still refuses it, as the exact one does."""
    db = Database(data_dir)
    try:
        with db.transaction() as s:
            AuditLog("ST-01").append(s, actor="op01", event="setting_changed", target="x",
                                     old=None, new={"a": 1, "old": 2})
    finally:
        db.close()
    last = _count(data_dir, "audit_entries")
    con = sqlite3.connect(data_dir / DB_FILENAME)
    new_json, old_json = con.execute("SELECT new_json, old_json FROM audit_entries "
                                     f"WHERE seq = {last}").fetchone()
    con.close()
    assert (new_json, old_json) == ('{"a":1,"old":2}', "null")
    fast, exact, _, _ = _answers(data_dir)  # intact: verified the exact way, and good
    assert fast == exact and fast.ok
    _sql(data_dir, f"UPDATE audit_entries SET new_json = ?, old_json = ? WHERE seq = {last}",
         params=('{"a":1', '2},"old":null'))
    db = Database(data_dir, migrate=False)
    try:
        with db.read() as s:
            report = verify_store(s).chain
    finally:
        db.close()
    assert not report.ok and report.first_bad_seq == last
    assert report.problem == "content does not match its hash"


@pytest.mark.parametrize("text", ["{not json", "", "[1,2", "\"unterminated"])
def test_unparsable_json_is_a_broken_entry(data_dir: Path, text: str) -> None:
    _sql(data_dir, "UPDATE audit_entries SET new_json = ? WHERE seq = 3", params=(text,))
    db = Database(data_dir, migrate=False)
    try:
        with db.read() as s:
            fast = verify_store(s).chain
    finally:
        db.close()
    assert not fast.ok and fast.first_bad_seq == 3


def _first(data_dir: Path, sql: str) -> Any:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    row = con.execute(sql).fetchone()
    con.close()
    return row[0]


_RECORD_EDITS = {
    "content changed": ("records", "content_json",
                        "replace(content_json, '\"batch\":\"', '\"batch\":\"X')"),
    "content respelled": ("records", "content_json", "' ' || content_json || ' '"),
    "stored hash changed": ("records", "content_hash", "'" + "3" * 64 + "'"),
    "printed name": ("signatures", "printed_name", "printed_name || ' Jr.'"),
    "meaning": ("signatures", "meaning", "'reviewed'"),
    "signed at": ("signatures", "signed_at", "'2020-01-01T00:00:00.000000Z'"),
    "signer": ("signatures", "signer_id", "'mallory'"),
    "signed content hash": ("signatures", "content_hash", "'" + "4" * 64 + "'"),
    "signature hash": ("signatures", "signature_hash", "'" + "5" * 64 + "'"),
}


@pytest.mark.parametrize("edit", sorted(_RECORD_EDITS))
def test_changed_record_or_signature_found_as_exactly(data_dir: Path, edit: str) -> None:
    table, column, value = _RECORD_EDITS[edit]
    record_id = _first(data_dir, "SELECT record_id FROM signatures WHERE meaning = 'verified' "
                                 "ORDER BY seq DESC LIMIT 1")
    _sql(data_dir, f"UPDATE {table} SET {column} = {value} WHERE record_id = ?",
         params=(record_id,))
    fast, exact, problems, exact_records = _answers(data_dir)
    assert fast == exact and fast.ok
    assert exact_records is not None
    assert problems[:len(exact_records)] == exact_records
    if edit == "content respelled":
        assert problems == []  # same content: nothing is wrong
    else:
        assert problems and all(record_id in p for p in problems)


@pytest.mark.parametrize(("table", "column", "value", "problem"), [
    ("records", "content_json", "'{broken'", "content does not match its hash"),
    ("signatures", "signed_at", "'2020-01-01T00:00:00Z'", "does not verify"),
    ("signatures", "meaning", "'blessed'", "does not verify"),
])
def test_row_that_no_longer_parses_is_a_problem(data_dir: Path, table: str, column: str,
                                                value: str, problem: str) -> None:
    """Rows the exact reader cannot even load (it raises) are named problems here."""
    record_id = _first(data_dir, "SELECT record_id FROM signatures LIMIT 1")
    _sql(data_dir, f"UPDATE {table} SET {column} = {value} WHERE record_id = ?",
         params=(record_id,))
    db = Database(data_dir, migrate=False)
    try:
        with db.read() as s:
            report = verify_store(s)
    finally:
        db.close()
    assert report.chain.ok
    assert any(p.startswith(f"record {record_id}:") and problem in p for p in report.problems)


def test_many_entries_one_changed_anywhere(tmp_path: Path) -> None:
    """A longer chain written by the application, one entry changed at a random place."""
    import random

    db = Database(tmp_path)
    try:
        with db.transaction() as s:
            log = AuditLog("ST-01")
            for i in range(2000):
                log.append(s, actor=f"op{i % 7:02d}", event="setting_changed",
                           target=f"setting-{i}", reason="\u5909\u66f4" if i % 3 else "",
                           old={"v": i, "f": i / 7}, new={"v": i + 1, "name": "\u00e9t\u00e9"})
    finally:
        db.close()
    rng = random.Random(16)
    for _ in range(5):
        seq = rng.randrange(1, 2001)
        column = rng.choice(["reason", "new_json", "target", "ts"])
        value = {"reason": "'x'", "new_json": "'{\"v\":0}'", "target": "'t'",
                 "ts": "'2020-01-01T00:00:00.000000Z'"}[column]
        work = tmp_path / f"copy-{seq}-{column}"
        work.mkdir()
        con = sqlite3.connect(tmp_path / DB_FILENAME)
        con.execute(f"VACUUM INTO '{work / DB_FILENAME}'")
        con.close()
        _sql(work, f"UPDATE audit_entries SET {column} = {value} WHERE seq = {seq}")
        fast, exact, _, _ = _answers(work)
        assert fast == exact and not fast.ok and fast.first_bad_seq == seq


def test_verify_stored_chain_watches_verified_entries() -> None:
    rows = []
    prev = GENESIS_HASH
    from operator_console.domain.audit_chain import chain_link

    for seq in (1, 2, 3):
        fields = AuditFields(seq, f"e{seq}", "2026-01-01T00:00:00.000000Z", "S", "op01",
                             "record_signed" if seq != 2 else "user_login", f"r{seq}", "",
                             None, {"signature_hash": f"h{seq}"})
        digest = chain_link(prev, entry_body(fields))
        rows.append((seq, fields.entry_id, fields.ts, "S", "op01", fields.event, fields.target,
                     "", "null", json.dumps(fields.new, separators=(",", ":")), prev, digest))
        prev = digest
    seen: list[tuple[str, str, Any]] = []
    report = verify_stored_chain(rows, (3, prev), watch={"record_signed"},
                                 on_entry=lambda *a: seen.append(a))
    assert report.ok and report.count == 3
    assert seen == [("record_signed", "r1", {"signature_hash": "h1"}),
                    ("record_signed", "r3", {"signature_hash": "h3"})]


# ---- the chain verified in runs by several processes: the same answers -------------------

def _both_ways(data_dir: Path) -> tuple[Any, Any]:
    db = Database(data_dir, migrate=False)
    try:
        with db.read() as s:
            alone = verify_store(s, parallel=False)
        with db.read() as s:
            split = verify_store(s, parallel=True)
        return alone, split
    finally:
        db.close()


@pytest.mark.parametrize("seam", [0, 2])  # between two workers' runs; before this process's
@pytest.mark.parametrize("edit", [
    None,
    "UPDATE audit_entries SET reason = 'x' WHERE seq = 3",  # in the first run
    "UPDATE audit_entries SET reason = 'x' WHERE seq = {last}",  # in the last
    "UPDATE audit_entries SET reason = 'x' WHERE seq = {split}",  # the last of a run
    "UPDATE audit_entries SET reason = 'x' WHERE seq = {split} + 1",  # the first of the next
    "DELETE FROM audit_entries WHERE seq = {split}",
    "DELETE FROM audit_entries WHERE seq = {split} + 1",
    "DELETE FROM audit_entries WHERE seq > {split} - 3 AND seq < {split} + 3",
    "DELETE FROM audit_entries WHERE seq >= {split} - 1",  # the chain ends in an early run
    "DELETE FROM audit_entries WHERE seq = {last}",
    "UPDATE audit_entries SET prev_hash = '" + "0" * 64 + "' WHERE seq = {split} + 1",
    "DELETE FROM records WHERE seq = (SELECT max(seq) FROM records)",
])
def test_split_chain_answers_as_one_pass(data_dir: Path, edit: str | None, seam: int,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from operator_console.store import integrity

    last = _count(data_dir, "audit_entries")
    monkeypatch.setattr(integrity, "RUN_LENGTH", last // 4)
    cuts = integrity._cuts(last, True)
    assert len(cuts) == 3
    split = cuts[seam]
    if edit:
        _sql(data_dir, edit.format(last=last, split=split))
    alone, split_report = _both_ways(data_dir)
    assert split_report == alone
    assert alone.chain.ok == (edit is None or "records" in edit)
