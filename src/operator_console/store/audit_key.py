"""Keyed checkpoints of the audit chain: the chain cannot be recomputed without a secret
that the database file does not hold.

The chain itself stays a plain SHA-256 chain (the plant server re-checks it as pushed). At
every sync the station records a checkpoint: the chain head (seq, hash) with an HMAC-SHA256
under a random key kept in the OS keyring (the same allow-listed backend as the station
credential; the file only holds the key's ID). Whoever edits, inserts, deletes or re-chains
entries up to a checkpoint cannot make a valid checkpoint for the new chain without the key;
``audit verify`` finds it. Entries after the last checkpoint are covered by the next one and,
once pushed, by the head anchored at the plant server.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.manifestation import format_utc_iso
from operator_console.store.db import Database
from operator_console.store.models import AuditEntry, AuditHead
from operator_console.store.sync_models import AuditCheckpoint, SyncState

KEY_ID = "audit_key_id"


class SecretStore(Protocol):
    def get(self, station: str) -> str | None: ...
    def set(self, station: str, secret: str) -> None: ...


def _name(key_id: str) -> str:
    return f"audit-key:{key_id}"


def audit_key(db: Database, store: SecretStore, *, create: bool = True) -> bytes | None:
    """This station's checkpoint key (made on first use when ``create``); None if the file
    names no key yet (and ``create`` is False)."""
    with db.transaction() as s:
        row = s.get(SyncState, KEY_ID)
        if row is None:
            if not create:
                return None
            row = SyncState(key=KEY_ID, value=str(uuid.uuid4()))
            s.add(row)
            store.set(_name(row.value), secrets.token_hex(32))
        key_id = row.value
    secret = store.get(_name(key_id))
    if secret is None:
        raise KeyError(f"the audit key {key_id} is not in the keyring")
    return bytes.fromhex(secret)


def _mac(key: bytes, seq: int, digest: str) -> str:
    return hmac.new(key, f"audit-head:{seq}:{digest}".encode("ascii"),
                    hashlib.sha256).hexdigest()


def checkpoint(db: Database, key: bytes) -> int | None:
    """Record a keyed checkpoint of the current head (if it moved); returns its seq."""
    with db.transaction() as s:
        head = s.get(AuditHead, 1)
        if head is None:
            return None
        last = s.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.id.desc())
                         .limit(1)).first()
        if last is None or last.seq != head.seq:
            s.add(AuditCheckpoint(seq=head.seq, hash=head.hash, mac=_mac(key, head.seq,
                                                                           head.hash),
                                  created_at=format_utc_iso(datetime.now(UTC))))
        return head.seq


def checkpoint_problems(session: Session, key: bytes | None) -> list[str]:
    """Every checkpoint must carry a valid MAC, name an entry that exists with that very
    hash, and checkpoints only move forward. ``key`` None: checkpoints exist but cannot be
    checked, which is itself reported."""
    rows = list(session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.id)))
    if not rows:
        return []
    if key is None:
        return ["the audit checkpoints cannot be checked: their key is not available"]
    problems: list[str] = []
    previous = 0
    for row in rows:
        if not hmac.compare_digest(row.mac, _mac(key, row.seq, row.hash)):
            problems.append(f"checkpoint at entry {row.seq}: its key signature is not valid")
            continue
        if row.seq < previous:
            problems.append(f"checkpoint at entry {row.seq}: earlier than the one before")
        previous = max(previous, row.seq)
        at = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == row.seq))
        if at is None:
            problems.append(f"checkpoint at entry {row.seq}: that entry is missing")
        elif at != row.hash:
            problems.append(f"checkpoint at entry {row.seq}: the chain was changed up to it")
    return problems
