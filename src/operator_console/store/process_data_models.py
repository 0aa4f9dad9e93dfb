"""The table of instrument phases whose process data is queued (see ``store.process_data``)."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from operator_console.store.models import Base


class PhaseDataRow(Base):
    """One instrument phase whose data is queued (its chunks: outbox seqs first..last)."""

    __tablename__ = "phase_data"

    step_record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(64), index=True)
    step_id: Mapped[str] = mapped_column(String(64))
    data_hash: Mapped[str] = mapped_column(String(64))
    parts: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)
    first_seq: Mapped[int] = mapped_column(Integer)
    last_seq: Mapped[int] = mapped_column(Integer)
    queued_at: Mapped[str] = mapped_column(String(32))
