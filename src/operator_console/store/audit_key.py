"""Keyed checkpoints and seals of the audit chain: the chain cannot be recomputed without a
secret that the database file does not hold.

The chain itself stays a plain SHA-256 chain (the plant server re-checks it as pushed). The
key is random, kept in the OS keyring (the same allow-listed backend as the station
credential; the file only holds the key's ID). Two things use it:

- at every sync, a checkpoint: the chain head (seq, hash) with an HMAC-SHA256;
- from the moment the key exists, a seal on every entry as it is written
  (``audit_seal.entry_mac``, :func:`attach_seal`). The first sealed entry's number is kept in
  the keyring beside the key, so stripping the seals from the end of the trail is seen too.

Whoever edits, inserts, deletes or re-chains entries, sealed or up to a checkpoint, cannot
make valid seals or checkpoints for the new chain without the key; ``audit verify`` finds it.
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
from operator_console.store.audit_seal import bad_seal, entry_mac, no_seal
from operator_console.store.db import Database
from operator_console.store.models import AuditEntry, AuditHead
from operator_console.store.sync_models import AuditCheckpoint, SyncState

KEY_ID = "audit_key_id"


class SecretStore(Protocol):
    def get(self, station: str) -> str | None: ...
    def set(self, station: str, secret: str) -> None: ...


class _Sealable(Protocol):
    seal_key: bytes | None


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


def _sealed_from_name(key_id: str) -> str:
    return f"audit-key:{key_id}:sealed-from"


def key_id(db: Database) -> str | None:
    with db.read() as s:
        row = s.get(SyncState, KEY_ID)
        return row.value if row is not None else None


def attach_seal(db: Database, audit: _Sealable, store: SecretStore, *,
                create: bool = False) -> bool:
    """Seal every entry ``audit`` writes from now on, with this station's key (made when
    ``create``). The first time, a checkpoint covers what came before and the first sealed
    entry's number goes into the keyring. False: no key (yet)."""
    key = audit_key(db, store, create=create)
    if key is None:
        return False
    audit.seal_key = key  # first: every entry after the checkpoint below is sealed
    named = key_id(db)
    assert named is not None
    if store.get(_sealed_from_name(named)) is None:
        upto = checkpoint(db, key) or 0
        store.set(_sealed_from_name(named), str(upto + 1))
    return True


def sealed_from(db: Database, store: SecretStore) -> int | None:
    """The first entry that must carry a seal (None: sealing never started)."""
    named = key_id(db)
    text = store.get(_sealed_from_name(named)) if named is not None else None
    return int(text) if text else None


def seal_start(session: Session, first: int | None) -> int | None:
    """The first entry that must carry a seal: ``first`` (from the keyring), else the first
    sealed entry in the file (None: nothing to check)."""
    if first is not None:
        return first
    return session.scalar(select(AuditEntry.seq).where(AuditEntry.mac.is_not(None))
                          .order_by(AuditEntry.seq).limit(1))


def seal_problems(session: Session, key: bytes, first: int | None) -> list[str]:
    """Every entry from ``first`` on carries a valid seal (and, without ``first``, none after
    the first sealed one lacks it); an entry carrying a wrong seal is always reported."""
    start = seal_start(session, first)
    if start is None:
        return []
    problems = [bad_seal(seq)
                for seq, digest, mac in session.execute(  # before sealing began: rare
                    select(AuditEntry.seq, AuditEntry.hash, AuditEntry.mac).where(
                        AuditEntry.seq < start, AuditEntry.mac.is_not(None)))
                if not hmac.compare_digest(str(mac), entry_mac(key, seq, digest))]
    last = start - 1
    while True:
        rows = session.execute(
            select(AuditEntry.seq, AuditEntry.hash, AuditEntry.mac)
            .where(AuditEntry.seq > last).order_by(AuditEntry.seq).limit(20000)).all()
        if not rows:
            return problems
        for seq, digest, mac in rows:
            if mac is None:
                problems.append(no_seal(seq))
            elif not hmac.compare_digest(str(mac), entry_mac(key, seq, digest)):
                problems.append(bad_seal(seq))
        last = rows[-1][0]


def unkeyed_seal_problems(session: Session) -> list[str]:
    """Sealed entries in a file that names no key: its key ID was removed."""
    sealed = session.scalar(select(AuditEntry.seq).where(AuditEntry.mac.is_not(None))
                            .order_by(AuditEntry.seq).limit(1))
    return [] if sealed is None else [
        f"entry {sealed}: sealed, but the file no longer names its audit key"]


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
