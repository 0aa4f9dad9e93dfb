"""SQLAlchemy 2.x typed models of the station's local store.

Times are stored as UTC ISO-8601 text with a trailing ``Z`` (see ``domain.manifestation``) so
that they sort, hash and compare identically on every platform and on the plant server.
Rows of ``audit_entries`` (and later records and signatures) are append-only: SQL triggers
created by the migrations refuse UPDATE and DELETE.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    """A person who may log in at this station. IDs are normalised and never reused."""

    __tablename__ = "users"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_id: Mapped[str] = mapped_column(String(64))  # as the administrator typed it
    printed_name: Mapped[str] = mapped_column(String(200))
    badge_code: Mapped[str | None] = mapped_column(String(128), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    locked: Mapped[bool] = mapped_column(default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str] = mapped_column(String(8), default="ja")
    created_at: Mapped[str] = mapped_column(String(32))
    verifier_expires_at: Mapped[str | None] = mapped_column(String(32), default=None)
    seen_online_at: Mapped[str | None] = mapped_column(String(32), default=None)

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    qualifications: Mapped[list[UserQualification]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )


class UserRole(Base):
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.user_id"))
    role: Mapped[str] = mapped_column(String(32))
    user: Mapped[User] = relationship(back_populates="roles")


class UserQualification(Base):
    __tablename__ = "user_qualifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.user_id"))
    procedure: Mapped[str] = mapped_column(String(64))
    valid_from: Mapped[str] = mapped_column(String(32))
    valid_until: Mapped[str | None] = mapped_column(String(32))
    user: Mapped[User] = relationship(back_populates="qualifications")


class Setting(Base):
    """Station configuration as key/value text; changes are audited by the repository."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One link of the hash-chained audit trail (see ``domain.audit_chain``)."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_ts", "ts"),
        Index("ix_audit_actor", "actor"),
        Index("ix_audit_event", "event"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entry_id: Mapped[str] = mapped_column(String(36), unique=True)
    ts: Mapped[str] = mapped_column(String(32))
    station: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    old_json: Mapped[str] = mapped_column(Text)  # canonical JSON of the old value
    new_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    #: HMAC of ``hash`` under the station's audit key (``store.audit_key``); NULL for entries
    #: written before the station had the key.
    mac: Mapped[str | None] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's last (seq, hash), written in the same transaction as each entry.

    It lets ``audit verify`` notice entries removed from the end of the chain.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class OutboxEntry(Base):
    """Something waiting to be pushed to the plant server; marked synced only by its ack."""

    __tablename__ = "outbox"

    station_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entry_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # "audit", "record", "signature"
    payload_json: Mapped[str] = mapped_column(Text)
    payload_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    acked_at: Mapped[str | None] = mapped_column(String(32), index=True)


class RecordRow(Base):
    """An electronic record: the exact hashed JSON object and its hash. Append-only."""

    __tablename__ = "records"
    __table_args__ = (Index("ix_records_batch", "batch_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)  # local display order
    record_id: Mapped[str] = mapped_column(String(36), unique=True)
    record_type: Mapped[str] = mapped_column(String(32))
    batch_id: Mapped[str] = mapped_column(String(64))
    content_json: Mapped[str] = mapped_column(Text)  # canonical JSON of record_content()
    content_hash: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    corrects: Mapped[str | None] = mapped_column(ForeignKey("records.record_id"), index=True)


class SignatureRow(Base):
    """One signature (21 CFR 11.50 / 11.70): who, when, meaning, over which content hash."""

    __tablename__ = "signatures"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    signature_id: Mapped[str] = mapped_column(String(36), unique=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("records.record_id"), index=True)
    signer_id: Mapped[str] = mapped_column(String(64))
    printed_name: Mapped[str] = mapped_column(String(200))
    meaning: Mapped[str] = mapped_column(String(16))
    signed_at: Mapped[str] = mapped_column(String(32))
    station: Mapped[str] = mapped_column(String(64))
    auth_method: Mapped[str] = mapped_column(String(16))
    content_hash: Mapped[str] = mapped_column(String(64))
    signature_hash: Mapped[str] = mapped_column(String(64))
