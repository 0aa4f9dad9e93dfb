"""Sync bookkeeping: per-station sync state and entries the plant server rejected."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from operator_console.store.models import Base


class AuditCheckpoint(Base):
    """The audit chain's head at a moment, with an HMAC by a key the file does not hold
    (``store.audit_key``): recomputing the chain up to it needs that key."""

    __tablename__ = "audit_checkpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))


class SyncState(Base):
    """Key/value state of the sync worker (server URL, pull cursor, last error...)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncRejection(Base):
    """An outbox entry the plant server refused; visible until a QA user resolves it."""

    __tablename__ = "sync_rejections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(36), unique=True)
    station_seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    rejected_at: Mapped[str] = mapped_column(String(32))
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[str | None] = mapped_column(String(32))
    resolution: Mapped[str | None] = mapped_column(Text)


class SyncConflict(Base):
    """A conflict the plant server detected and sent back (never merged silently)."""

    __tablename__ = "sync_conflicts"

    conflict_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    detail_json: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))  # open | resolved
