"""The chain pass of ``audit verify`` (``store.chain_pass``): its fast path holds on every
intact row, its seals and announcements are the ones the separate checks find, and rows
edited into what no JSON function reads do not stop it."""

from __future__ import annotations

import pickle
import secrets
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from operator_console.domain.stored_chain import verify_stored_chain
from operator_console.services import Services
from operator_console.store.audit import iter_stored_entries
from operator_console.store.audit_key import attach_seal, seal_problems, sealed_from
from operator_console.store.audit_seal import SealKey, entry_mac
from operator_console.store.chain_pass import SealCheck, check_run
from operator_console.store.crosscheck import ANNOUNCING_EVENTS, Announced, Announcements
from operator_console.store.db import DB_FILENAME, Database
from operator_console.store.integrity import verify_store
from operator_console.sync.credentials import MemoryCredentialStore


@pytest.mark.parametrize("size", [0, 16, 32, 64, 65, 200])
def test_seal_key_makes_the_seals_entry_mac_makes(size: int) -> None:
    key = secrets.token_bytes(size)
    sealer = SealKey(key)
    for seq, digest in [(1, "0" * 64), (123_456, "ab" * 32), (2**40, "f" * 64)]:
        assert sealer.mac(seq, digest) == entry_mac(key, seq, digest)


def _exact_announcements(data_dir: Path) -> Announcements:
    """What the reference chain walk sees announced (every entry through its observer)."""
    seen = Announcements()
    db = Database(data_dir, migrate=False)
    try:
        with db.read() as s:
            assert verify_stored_chain(iter_stored_entries(s), watch=ANNOUNCING_EVENTS,
                                       on_entry=seen.add).ok
    finally:
        db.close()
    return seen


def _run(data_dir: Path) -> Any:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return check_run(con.cursor())
    finally:
        con.close()


def _same(a: Announcements, b: Announcements) -> bool:
    return (a.records, a.received, a.signed) == (b.records, b.received, b.signed)


def test_every_intact_row_takes_the_fast_path(data_dir: Path) -> None:
    run = _run(data_dir)
    assert run.segment.bad is None and run.segment.count > 50
    assert run.exact_rows == 0
    assert run.announced.record_ids and run.announced.signed_ids
    assert _same(run.announced.announcements(), _exact_announcements(data_dir))


def _append(data_dir: Path, event: str, new: Any) -> None:
    db = Database(data_dir)
    try:
        with db.transaction() as s:
            from operator_console.store.audit import AuditLog

            AuditLog("ST-01").append(s, actor="op01", event=event, target="rec-odd", new=new)
    finally:
        db.close()


@pytest.mark.parametrize("new", [
    None, [1, 2], "text", {"content_hash": 7}, {"content_hash": None}, {"other": "x"},
    {"content_hash": {"nested": "x"}}, {"content_hash": "caf\u00e9 \"quoted\"\n"},
    {"signature_hash": "s" * 64, "content_hash": "c" * 64},
])
@pytest.mark.parametrize("event", ["record_created", "record_signed", "record_received"])
def test_announced_hashes_read_as_the_exact_walk_reads_them(
        data_dir: Path, event: str, new: Any) -> None:
    _append(data_dir, event, new)
    run = _run(data_dir)
    assert run.segment.bad is None
    assert _same(run.announced.announcements(), _exact_announcements(data_dir))


@pytest.mark.parametrize("value", ["X'7b7d'", "X'ff'", "'{\"content_hash\":'", "1"])
def test_new_json_no_json_function_reads_is_a_broken_entry(data_dir: Path,
                                                          value: str) -> None:
    """A BLOB, bytes that are not UTF-8, JSON cut short, a number: the pass goes on to
    name the entry (SQLite's JSON functions never see them)."""
    con = sqlite3.connect(data_dir / DB_FILENAME)
    (seq,) = con.execute("SELECT seq FROM audit_entries WHERE event = 'record_signed' "
                         "ORDER BY seq LIMIT 1").fetchone()
    con.execute("DROP TRIGGER audit_entries_no_update")
    con.execute(f"UPDATE audit_entries SET new_json = {value} WHERE seq = ?", (seq,))
    con.commit()
    con.close()
    db = Database(data_dir, migrate=False)
    try:
        with db.read() as s:
            report = verify_store(s).chain
    finally:
        db.close()
    assert not report.ok and report.first_bad_seq == seq


def test_announced_lists_travel_packed_and_unpacked() -> None:
    announced = Announced()
    announced.add("record_created", "r1", "h1")
    announced.add("record_received", "r2", "h2")
    announced.add("record_signed", "r1", "s1")
    announced.add("record_signed", "line\nbreak", "s2")  # the separator: sent as a list
    again = pickle.loads(pickle.dumps(announced))
    assert vars(again) == vars(announced)
    assert pickle.loads(pickle.dumps(Announced())).record_ids == []


# ---- seals checked in the chain pass: the answers of seal_problems -------------------------

def _sealed(services: Services) -> tuple[bytes, int]:
    store = MemoryCredentialStore()
    assert attach_seal(services.db, services.audit, store, create=True)
    key, first = services.audit.seal_key, sealed_from(services.db, store)
    assert key is not None and first is not None
    with services.db.transaction() as s:
        for i in range(6):
            services.audit.append(s, actor="op01", event="login_succeeded", reason=f"n{i}")
    return key, first


@pytest.mark.parametrize("edit", [
    None,
    "UPDATE audit_entries SET mac = NULL WHERE seq >= {first} + 2",
    "UPDATE audit_entries SET mac = '" + "0" * 64 + "' WHERE seq = {first} + 1",
    "UPDATE audit_entries SET mac = X'00' WHERE seq = {first} + 3",
    "UPDATE audit_entries SET mac = '" + "1" * 64 + "' WHERE seq = 2",  # before sealing
    "UPDATE audit_entries SET mac = NULL",
])
@pytest.mark.parametrize("known_first", [True, False])
@pytest.mark.parametrize("parallel", [False, True])
def test_seals_in_the_chain_pass_are_seal_problems(
        services: Services, edit: str | None, known_first: bool, parallel: bool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from operator_console.store import integrity

    key, first = _sealed(services)
    if edit:
        with services.db.transaction() as s:
            s.execute(text("DROP TRIGGER IF EXISTS audit_entries_no_update"))
            s.execute(text(edit.format(first=first)))
    given = first if known_first else None
    with services.db.read() as s:
        count = s.execute(text("SELECT count(*) FROM audit_entries")).scalar_one()
        monkeypatch.setattr(integrity, "RUN_LENGTH", max(1, count // 3))
        report = verify_store(s, seal_key=key, sealed_from=given, parallel=parallel)
        expected = seal_problems(s, key, given)
    assert report.chain.ok and report.seals == expected
    if known_first:  # (with every seal stripped and no first entry known, none is missing)
        assert (edit is None) == (expected == [])


def test_a_run_from_a_seal_check_finds_the_wrong_key(data_dir: Path) -> None:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    (count,) = con.execute("SELECT count(*) FROM audit_entries").fetchone()
    con.execute("DROP TRIGGER audit_entries_no_update")
    key = secrets.token_bytes(32)
    rows = con.execute("SELECT seq, hash FROM audit_entries").fetchall()
    con.executemany("UPDATE audit_entries SET mac = ? WHERE seq = ?",
                    [(entry_mac(key, seq, digest), seq) for seq, digest in rows])
    con.commit()
    assert check_run(con.cursor(), seal=SealCheck(key, 1)).seals == []
    found = check_run(con.cursor(), seal=SealCheck(secrets.token_bytes(32), 1)).seals
    con.close()
    assert len(found) == count and found[0] == "entry 1: its key seal is not valid (rewritten)"


# ---- the cross-check's quick comparison: the exact listing's answer ------------------------

def _announced(received: bool) -> Announced:
    out = Announced()
    out.add("record_received" if received else "record_created", "r1", "c1")
    out.add("record_created", "r2", "c2")
    out.add("record_corrected", "r2", "c2b")  # a later announcement stands
    out.add("record_signed", "r1", "s1")
    out.add("record_signed", "r2", "s2")
    out.add("record_signed", "r2", "s3")
    return out


@pytest.mark.parametrize("received", [False, True])
@pytest.mark.parametrize(("records", "pairs"), [
    ({"r1": "c1", "r2": "c2b"}, {("r1", "s1"), ("r2", "s2"), ("r2", "s3")}),  # all agree
    ({"r1": "c1", "r2": "c2"}, {("r1", "s1"), ("r2", "s2"), ("r2", "s3")}),
    ({"r1": "c1"}, {("r1", "s1"), ("r2", "s2"), ("r2", "s3")}),
    ({"r1": "c1", "r2": "c2b", "r3": "c3"}, {("r1", "s1"), ("r2", "s2"), ("r2", "s3")}),
    ({"r1": "c1", "r2": "c2b"}, {("r1", "s1"), ("r2", "s2")}),
    ({"r1": "c1", "r2": "c2b"}, {("r2", "s2"), ("r2", "s3")}),  # r1's: received, or missing
    ({"r1": "c1", "r2": "c2b"}, {("r1", "s9"), ("r2", "s2"), ("r2", "s3")}),
    ({"r1": "c1", "r2": "c2b"}, {("r1", "s1"), ("r2", "s2"), ("r2", "s3"), ("r4", "s4")}),
])
def test_cross_check_answers_as_the_exact_listing(
        received: bool, records: dict[str, str], pairs: set[tuple[str, str]]) -> None:
    from operator_console.store.crosscheck import cross_check, cross_check_problems

    announced = _announced(received)
    stored: dict[str, set[str]] = {}
    for record_id, sig_hash in pairs:
        stored.setdefault(record_id, set()).add(sig_hash)
    expected = cross_check_problems(announced.announcements(), records, stored)
    assert cross_check(announced, records, pairs) == expected
