"""Keyed audit checkpoints (issue 13, point 9): recomputing the chain needs a key the file
does not hold."""

from __future__ import annotations

import secrets

import pytest
from sqlalchemy import select, text

from operator_console.domain.audit_chain import GENESIS_HASH, entry_hash
from operator_console.services import Services
from operator_console.store.audit import AuditLog, fields_of, verify_audit_chain
from operator_console.store.audit_key import (
    attach_seal,
    audit_key,
    checkpoint,
    checkpoint_problems,
    seal_problems,
    sealed_from,
)
from operator_console.store.audit_seal import entry_mac
from operator_console.store.models import AuditEntry, AuditHead
from operator_console.store.sync_models import AuditCheckpoint
from operator_console.sync.credentials import MemoryCredentialStore


def _rechain(services: Services, change_seq: int) -> None:
    """Edit one entry and recompute every hash and the head, as a careful forger would."""
    with services.db.transaction() as s:
        s.execute(text("DROP TRIGGER IF EXISTS audit_entries_no_update"))
        prev = GENESIS_HASH
        for row in s.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
            if row.seq == change_seq:
                row.reason = "rewritten"
            row.prev_hash = prev
            row.hash = prev = entry_hash(fields_of(row), prev)
        s.scalars(select(AuditHead)).one().hash = prev


def test_key_lives_in_the_store_not_the_file(services: Services) -> None:
    store = MemoryCredentialStore()
    key = audit_key(services.db, store)
    assert key is not None and len(key) == 32
    assert audit_key(services.db, store) == key  # the same key next time
    with services.db.read() as s:
        dumped = " ".join(str(v) for (v,) in s.execute(text("SELECT value FROM sync_state")))
    assert key.hex() not in dumped


def test_rechained_file_fails_the_keyed_checkpoint(services: Services) -> None:
    key = audit_key(services.db, MemoryCredentialStore())
    assert key is not None
    seq = checkpoint(services.db, key)
    assert seq is not None and seq > 5
    with services.db.read() as s:
        assert checkpoint_problems(s, key) == []
    _rechain(services, 3)
    with services.db.read() as s:
        assert verify_audit_chain(s).ok  # the plain chain no longer notices
        assert checkpoint_problems(s, key) == [
            f"checkpoint at entry {seq}: the chain was changed up to it"]


def test_a_forged_checkpoint_is_refused(services: Services) -> None:
    key = audit_key(services.db, MemoryCredentialStore())
    assert key is not None
    seq = checkpoint(services.db, key)
    _rechain(services, 2)
    guess = secrets.token_bytes(32)  # the forger's own key: not the station's
    with services.db.transaction() as s:
        s.execute(text("DELETE FROM audit_checkpoints"))
    checkpoint(services.db, guess)
    with services.db.read() as s:
        assert s.scalars(select(AuditCheckpoint.seq)).all() == [seq]
        assert checkpoint_problems(s, key) == [
            f"checkpoint at entry {seq}: its key signature is not valid"]


def test_cut_tail_is_found(services: Services) -> None:
    key = audit_key(services.db, MemoryCredentialStore())
    assert key is not None
    seq = checkpoint(services.db, key)
    assert seq is not None
    with services.db.transaction() as s:
        s.execute(text("DROP TRIGGER IF EXISTS audit_entries_no_delete"))
        s.execute(text("DELETE FROM audit_entries WHERE seq >= :n"), {"n": seq - 1})
        head = s.scalars(select(AuditHead)).one()
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
        head.seq, head.hash = last.seq, last.hash
    with services.db.read() as s:
        assert verify_audit_chain(s).ok
        assert checkpoint_problems(s, key) == [f"checkpoint at entry {seq}: that entry is missing"]


def _sealing(services: Services) -> tuple[bytes, MemoryCredentialStore, int]:
    store = MemoryCredentialStore()
    assert attach_seal(services.db, services.audit, store, create=True)
    key, first = services.audit.seal_key, sealed_from(services.db, store)
    assert key is not None and first is not None
    return key, store, first


def _write(services: Services, n: int) -> None:
    with services.db.transaction() as s:
        for i in range(n):
            services.audit.append(s, actor="op01", event="login_succeeded", reason=f"n{i}")


def test_every_entry_after_the_key_is_sealed_and_checked(services: Services) -> None:
    key, _, first = _sealing(services)
    _write(services, 3)
    with services.db.read() as s:
        rows = s.execute(select(AuditEntry.seq, AuditEntry.hash, AuditEntry.mac)
                         .where(AuditEntry.seq >= first)).all()
        assert len(rows) == 3 and all(mac == entry_mac(key, seq, h) for seq, h, mac in rows)
        assert s.scalar(select(AuditEntry.mac).where(AuditEntry.seq == first - 1)) is None
        assert checkpoint_problems(s, key) == [] and seal_problems(s, key, first) == []


def test_rewriting_an_entry_after_the_last_checkpoint_is_found(services: Services) -> None:
    """The gap the checkpoints leave: entries after the last one, not pushed yet. A forger
    who rewrites one and re-chains the rest cannot make their seals."""
    key, _, first = _sealing(services)
    _write(services, 4)
    _rechain(services, first + 1)  # the checkpoint (at first - 1) still holds
    with services.db.read() as s:
        assert verify_audit_chain(s).ok and checkpoint_problems(s, key) == []
        found = seal_problems(s, key, first)
    assert found[0] == f"entry {first + 1}: its key seal is not valid (rewritten)"
    assert len(found) == 3  # that entry and the two re-chained after it


def test_seals_stripped_or_forged_are_found(services: Services) -> None:
    key, _, first = _sealing(services)
    _write(services, 3)
    with services.db.transaction() as s:
        s.execute(text("DROP TRIGGER IF EXISTS audit_entries_no_update"))
        s.execute(text("UPDATE audit_entries SET mac = NULL WHERE seq >= :n"), {"n": first + 1})
        s.execute(text("UPDATE audit_entries SET mac = :m WHERE seq = :n"),
                  {"m": entry_mac(secrets.token_bytes(32), first, "x"), "n": first})
    with services.db.read() as s:
        assert seal_problems(s, key, first) == [
            f"entry {first}: its key seal is not valid (rewritten)",
            f"entry {first + 1}: it carries no key seal",
            f"entry {first + 2}: it carries no key seal"]
        # All stripped and the key ID removed: the file still shows it held seals once; and
        # the keyring's first-sealed number alone catches a trail stripped of every seal.
        s.execute(text("UPDATE audit_entries SET mac = NULL"))
        assert seal_problems(s, key, first)[0] == f"entry {first}: it carries no key seal"


def test_a_restart_keeps_sealing_from_the_first_sealed_entry(services: Services) -> None:
    key, store, first = _sealing(services)
    again = AuditLog(services.station)
    assert attach_seal(services.db, again, store) and again.seal_key == key
    assert sealed_from(services.db, store) == first  # not moved by the second attach


def test_audit_verify_command_finds_a_rewritten_sealed_entry(
        services: Services, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The whole path: ``operator-console audit verify`` with the key from the keyring."""
    import operator_console.__main__ as cli
    from operator_console.sync import credentials

    store = MemoryCredentialStore()
    monkeypatch.setattr(credentials, "KeyringCredentialStore", lambda: store)
    assert attach_seal(services.db, services.audit, store, create=True)
    first = sealed_from(services.db, store)
    assert first is not None
    _write(services, 3)
    folder = str(services.db.data_dir)
    assert cli.main(["audit", "verify", "--data-dir", folder]) == 0
    _rechain(services, first + 1)  # after the last checkpoint, not pushed yet
    capsys.readouterr()
    assert cli.main(["audit", "verify", "--data-dir", folder]) == 4
    assert f"entry {first + 1}: its key seal is not valid" in capsys.readouterr().err
