"""Master data for cassette loading: batches with their patient's identifiers, the cassettes
expected per batch and step, and this station's bays.

Plain tables keyed by natural IDs (batch ID, DIN, GTIN + serial, bay ID), so that the sync
worker can upsert them from the plant server as they are. Master data is not a record: it is
replaced when the plant server says so, while what happened to a cassette lives only in the
signed ``cassette_load`` / ``cassette_unload`` records.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from operator_console.store.models import Base


class BatchRow(Base):
    """A batch (one patient's product) and the step it is in now."""

    __tablename__ = "batches"

    batch_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    patient_id: Mapped[str] = mapped_column(String(64))
    coi: Mapped[str | None] = mapped_column(String(32))  # ISBT 128 chain-of-identity ID
    current_step: Mapped[str] = mapped_column(String(64))
    product: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[str] = mapped_column(String(32))


class BatchDinRow(Base):
    """A donation identification number (13 characters) of the batch's patient material."""

    __tablename__ = "batch_dins"
    __table_args__ = (UniqueConstraint("batch_id", "din"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("batches.batch_id"), index=True)
    din: Mapped[str] = mapped_column(String(13), index=True)


class ExpectedCassetteRow(Base):
    """A single-use cassette (GTIN + serial) expected for a batch and step.

    ``disposition`` is the plant's verdict on the physical cassette: ``released``,
    ``rejected`` or ``quarantined``.
    """

    __tablename__ = "expected_cassettes"
    __table_args__ = (UniqueConstraint("gtin", "serial", "batch_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("batches.batch_id"), index=True)
    step: Mapped[str] = mapped_column(String(64))
    gtin: Mapped[str] = mapped_column(String(14))
    serial: Mapped[str] = mapped_column(String(20), index=True)
    lot: Mapped[str | None] = mapped_column(String(20))
    disposition: Mapped[str] = mapped_column(String(16), default="released")


class StationBayRow(Base):
    """A bay (slot) of an instrument at this station."""

    __tablename__ = "station_bays"

    bay_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    instrument: Mapped[str] = mapped_column(String(64), default="")
    position: Mapped[int] = mapped_column(default=0)
    in_service: Mapped[bool] = mapped_column(Boolean, default=True)
