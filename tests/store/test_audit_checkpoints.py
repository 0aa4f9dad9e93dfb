"""Keyed audit checkpoints (issue 13, point 9): recomputing the chain needs a key the file
does not hold."""

from __future__ import annotations

import secrets

from sqlalchemy import select, text

from operator_console.domain.audit_chain import GENESIS_HASH, entry_hash
from operator_console.services import Services
from operator_console.store.audit import fields_of, verify_audit_chain
from operator_console.store.audit_key import audit_key, checkpoint, checkpoint_problems
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
