"""SQLAlchemy 2.x typed models of the plant server's database.

Times are UTC ISO-8601 text (``YYYY-MM-DDTHH:MM:SS.ffffffZ``, see ``domain.manifestation``):
they sort and compare as text identically on SQLite and PostgreSQL. Master-data rows carry
``change_seq`` (the global change counter at their last change) for ``GET /pull?cursor=N``
and a free ``data`` JSON object so that new attributes need no migration.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

TS = String(32)
HASH = String(64)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class ChangeCounter(Base):
    """One row: the last value handed out by the master-data change counter."""

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class User(Base):
    """A person known to the plant. IDs are normalised and never reused (no deletes)."""

    __tablename__ = "users"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: The ID's confusable skeleton (Unicode TR39, ``domain.identity.skeleton``): unique, so
    #: a look-alike of an existing ID is found by one indexed lookup.
    id_skeleton: Mapped[str | None] = mapped_column(String(128), index=True, unique=True)
    printed_name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="ja")
    badge_code: Mapped[str | None] = mapped_column(String(128), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    # A separately salted argon2id verifier of the same password, the only thing stations get.
    offline_verifier: Mapped[str] = mapped_column(String(256))
    must_change_password: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    disabled_at: Mapped[str | None] = mapped_column(TS)
    locked: Mapped[bool] = mapped_column(default=False)
    locked_at: Mapped[str | None] = mapped_column(TS)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: Station names this user may work at; ``None`` means every station.
    allowed_stations: Mapped[list[Any] | None] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(TS)
    change_seq: Mapped[int] = mapped_column(Integer, index=True)

    roles: Mapped[list[RoleGrant]] = relationship(
        back_populates="user", lazy="selectin", order_by="RoleGrant.id")
    qualifications: Mapped[list[QualificationGrant]] = relationship(
        back_populates="user", lazy="selectin", order_by="QualificationGrant.id")


class RoleGrant(Base):
    """A role held from ``valid_from`` until ``revoked_at`` (history is kept, never deleted)."""

    __tablename__ = "role_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.user_id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    valid_from: Mapped[str] = mapped_column(TS)
    revoked_at: Mapped[str | None] = mapped_column(TS)
    granted_by: Mapped[str] = mapped_column(String(64))
    #: False while a grant for a later date has not started: the first pull after it starts
    #: marks the user changed, so that stations receive the role (see ``services.pull``).
    announced: Mapped[bool] = mapped_column(default=True, server_default=true())
    user: Mapped[User] = relationship(back_populates="roles")


class QualificationGrant(Base):
    __tablename__ = "qualification_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.user_id"), index=True)
    procedure: Mapped[str] = mapped_column(String(64))
    valid_from: Mapped[str] = mapped_column(TS)
    valid_until: Mapped[str | None] = mapped_column(TS)
    granted_at: Mapped[str] = mapped_column(TS)
    granted_by: Mapped[str] = mapped_column(String(64))
    user: Mapped[User] = relationship(back_populates="qualifications")


class Station(Base):
    """An enrolled (or about to be enrolled) workstation and its sync state."""

    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    credential_hash: Mapped[str | None] = mapped_column(HASH, unique=True)  # SHA-256 only
    created_at: Mapped[str] = mapped_column(TS)
    enrolled_at: Mapped[str | None] = mapped_column(TS)
    last_seen_at: Mapped[str | None] = mapped_column(TS)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)  # last stored outbox seq
    audit_head_seq: Mapped[int] = mapped_column(Integer, default=0)
    audit_head_hash: Mapped[str] = mapped_column(HASH)
    #: Set when an administrator revoked the credential: the station can no longer sync.
    revoked_at: Mapped[str | None] = mapped_column(TS)
    #: The station's first pull (the first offline verifiers it could have received).
    first_pull_at: Mapped[str | None] = mapped_column(TS)
    #: The highest outbox seq the station said it holds (with each push): entries between
    #: ``last_seq`` and this have not arrived yet (the release gate waits for them).
    reported_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reported_at: Mapped[str | None] = mapped_column(TS)


class SigningProof(Base):
    """Issued when the server checked a password for a signature: single use, short-lived,
    bound to the signer, the station, the record's content hash and the meaning."""

    __tablename__ = "signing_proofs"

    proof_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.user_id"))
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    content_hash: Mapped[str] = mapped_column(HASH)
    meaning: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[str] = mapped_column(TS)
    expires_at: Mapped[str] = mapped_column(TS)
    used_at: Mapped[str | None] = mapped_column(TS)
    signature_id: Mapped[str | None] = mapped_column(String(64))


class VerifierPeriod(Base):
    """A stretch of time during which a station held a valid offline verifier of a user: from
    the moment the server handed it out until it expired. Each hand-out before the current
    period ends extends it; one after it lapsed starts a new period, so a lapse between two
    pulls stays visible and an offline signature dated into it is refused."""

    __tablename__ = "verifier_periods"
    __table_args__ = (Index("ix_verifier_periods_station_user", "station_id", "user_id",
                            "valid_until"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.user_id"))
    valid_from: Mapped[str] = mapped_column(TS)
    valid_until: Mapped[str] = mapped_column(TS)


class StationWorker(Base):
    """A user whose password this server has checked at a station (an online login there):
    who "works at" a station, kept as its own small table so that the pull does not search
    the whole server audit trail."""

    __tablename__ = "station_workers"

    station_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.user_id"), primary_key=True)
    first_seen_at: Mapped[str] = mapped_column(TS)


class EnrollmentCode(Base):
    __tablename__ = "enrollment_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    code_hash: Mapped[str] = mapped_column(HASH, unique=True)
    created_at: Mapped[str] = mapped_column(TS)
    expires_at: Mapped[str] = mapped_column(TS)
    used_at: Mapped[str | None] = mapped_column(TS)


class PushedEntry(Base):
    """Every outbox entry a station delivered, accepted or rejected, exactly once."""

    __tablename__ = "pushed_entries"
    __table_args__ = (UniqueConstraint("station_id", "station_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(64), unique=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    station_seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    payload_json: Mapped[str] = mapped_column(Text)  # canonical JSON as received
    payload_hash: Mapped[str] = mapped_column(HASH)
    status: Mapped[str] = mapped_column(String(16), index=True)  # accepted | rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[str] = mapped_column(TS)


class Record(Base):
    """An accepted electronic record (append-only)."""

    __tablename__ = "records"

    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    record_type: Mapped[str] = mapped_column(String(32))
    batch_id: Mapped[str] = mapped_column(String(64), index=True)
    content_json: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(HASH)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(TS)
    corrects: Mapped[str | None] = mapped_column(String(64), index=True)


class Signature(Base):
    """An accepted signature (append-only)."""

    __tablename__ = "signatures"

    signature_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("records.record_id"), index=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    signer_id: Mapped[str] = mapped_column(String(64))
    printed_name: Mapped[str] = mapped_column(String(200))
    meaning: Mapped[str] = mapped_column(String(16))
    signed_at: Mapped[str] = mapped_column(TS)
    auth_method: Mapped[str] = mapped_column(String(16))
    content_hash: Mapped[str] = mapped_column(HASH)
    signature_hash: Mapped[str] = mapped_column(HASH)


class StationAudit(Base):
    """A station's audit entry, chained per station exactly as the station computed it."""

    __tablename__ = "station_audit"
    __table_args__ = (UniqueConstraint("station_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    seq: Mapped[int] = mapped_column(Integer)
    entry_id: Mapped[str] = mapped_column(String(64), unique=True)
    fields_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(HASH)
    hash: Mapped[str] = mapped_column(HASH)


class CassetteClaim(Base):
    """The first load of a single-use cassette anywhere in the plant."""

    __tablename__ = "cassette_claims"
    __table_args__ = (UniqueConstraint("gtin", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gtin: Mapped[str] = mapped_column(String(32))
    serial: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(64))
    station_name: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[str] = mapped_column(TS)


class Conflict(Base):
    """Something sync found that people must resolve; never merged or dropped silently."""

    __tablename__ = "conflicts"
    __table_args__ = (Index("ix_conflicts_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(48))
    station_name: Mapped[str] = mapped_column(String(64))
    other_station: Mapped[str | None] = mapped_column(String(64))
    record_id: Mapped[str | None] = mapped_column(String(64))
    entry_id: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[str] = mapped_column(TS)
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[str | None] = mapped_column(TS)
    resolution: Mapped[str | None] = mapped_column(Text)


class SecurityEvent(Base):
    __tablename__ = "security_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    ts: Mapped[str] = mapped_column(TS)
    kind: Mapped[str] = mapped_column(String(48))
    station_name: Mapped[str | None] = mapped_column(String(64))
    entry_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


class ServerAudit(Base):
    """The server's own hash-chained audit trail (admin changes, auth checks, enrollment)."""

    __tablename__ = "server_audit"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entry_id: Mapped[str] = mapped_column(String(64), unique=True)
    ts: Mapped[str] = mapped_column(TS, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(64), index=True)
    target: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    old_json: Mapped[str] = mapped_column(Text)
    new_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(HASH)
    hash: Mapped[str] = mapped_column(HASH)


class ServerAuditHead(Base):
    __tablename__ = "server_audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(HASH)


# --- master data: generic rows with a JSON ``data`` object for later attributes -------------

class Batch(Base):
    __tablename__ = "batches"

    batch_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    patient_id: Mapped[str] = mapped_column(String(64))
    din: Mapped[str] = mapped_column(String(32))  # ISBT 128 donation identification number
    coi_id: Mapped[str] = mapped_column(String(64))  # chain-of-identity ID
    status: Mapped[str] = mapped_column(String(16), default="open")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    change_seq: Mapped[int] = mapped_column(Integer, index=True)
    # A batch made from a master recipe (services.batches): the version pinned by its hash,
    # and the station that runs it. NULL for batches of before recipes.
    recipe_id: Mapped[str | None] = mapped_column(String(64))
    recipe_version: Mapped[int | None] = mapped_column(Integer)
    recipe_hash: Mapped[str | None] = mapped_column(HASH)
    station_name: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[str | None] = mapped_column(TS)
    #: The lifecycle (``domain.batch_release.lifecycle.BatchState``), held by this server;
    #: ``state_at`` when it last changed, ``complete_at`` when execution completed (the
    #: release clock runs from there).
    state: Mapped[str] = mapped_column(String(24), default="in_process",
                                       server_default="in_process")
    state_at: Mapped[str | None] = mapped_column(TS)
    complete_at: Mapped[str | None] = mapped_column(TS)


class ExpectedCassette(Base):
    __tablename__ = "expected_cassettes"
    __table_args__ = (UniqueConstraint("gtin", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("batches.batch_id"), index=True)
    step: Mapped[str] = mapped_column(String(64))
    gtin: Mapped[str] = mapped_column(String(32))
    serial: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    change_seq: Mapped[int] = mapped_column(Integer, index=True)


class Bay(Base):
    __tablename__ = "bays"
    __table_args__ = (UniqueConstraint("station_name", "bay_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_name: Mapped[str] = mapped_column(String(64))
    bay_id: Mapped[str] = mapped_column(String(32))
    in_service: Mapped[bool] = mapped_column(default=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    change_seq: Mapped[int] = mapped_column(Integer, index=True)


class Channel(Base):
    """An instrument channel (OPC UA node) with its display names, unit, range and limits."""

    __tablename__ = "channels"
    __table_args__ = (UniqueConstraint("endpoint", "node_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    endpoint: Mapped[str] = mapped_column(String(256))
    node_id: Mapped[str] = mapped_column(String(256))
    name_en: Mapped[str] = mapped_column(String(128))
    name_ja: Mapped[str] = mapped_column(String(128))
    unit: Mapped[str] = mapped_column(String(32))
    range_low: Mapped[float | None]
    range_high: Mapped[float | None]
    limit_low: Mapped[float | None]
    limit_high: Mapped[float | None]
    active: Mapped[bool] = mapped_column(default=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    change_seq: Mapped[int] = mapped_column(Integer, index=True)


# The recipe tables live in their own module; importing it here keeps Base.metadata complete.
from plant_server import process_data_models as _process_data_models  # noqa: E402, F401
from plant_server import recipe_models as _recipe_models  # noqa: E402, F401
from plant_server import release_models as _release_models  # noqa: E402, F401
