"""Tables of the instrument phases' process data pushed by the stations
(``domain.process_data``): each chunk as received, and per phase whether all of its parts
arrived and hash to the phase's data hash. Registered on the one ``models.Base``."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from plant_server.models import HASH, TS, Base


class ProcessDataPhase(Base):
    """One instrument phase's data: complete once every part arrived and they hash to
    ``data_hash`` (checked when the last part is stored)."""

    __tablename__ = "process_data_phases"

    step_record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    batch_id: Mapped[str] = mapped_column(String(64), index=True)
    step_id: Mapped[str] = mapped_column(String(64))
    start: Mapped[float]
    end: Mapped[float]
    data_hash: Mapped[str] = mapped_column(HASH)
    parts: Mapped[int] = mapped_column(Integer)
    received: Mapped[int] = mapped_column(Integer, default=0)
    points: Mapped[int] = mapped_column(Integer, default=0)
    complete_at: Mapped[str | None] = mapped_column(TS)


class ProcessDataChunk(Base):
    """One part of a phase's data, exactly as the station sent it (canonical JSON)."""

    __tablename__ = "process_data_chunks"
    __table_args__ = (UniqueConstraint("step_record_id", "part"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_record_id: Mapped[str] = mapped_column(
        ForeignKey("process_data_phases.step_record_id"), index=True)
    part: Mapped[int] = mapped_column(Integer)
    series: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(64))
    points: Mapped[int] = mapped_column(Integer)
    chunk_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[str] = mapped_column(TS)
