"""Instrument channel configuration and the local historian's reduced samples."""

from __future__ import annotations

from sqlalchemy import Float, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from operator_console.store.models import Base


class ChannelRow(Base):
    """One monitored channel; filled by demo data or, later, from the plant server."""

    __tablename__ = "instrument_channels"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    endpoint: Mapped[str] = mapped_column(String(256))
    node_id: Mapped[str] = mapped_column(String(256))
    name_en: Mapped[str] = mapped_column(String(128))
    name_ja: Mapped[str] = mapped_column(String(128))
    unit: Mapped[str] = mapped_column(String(32))
    display_min: Mapped[float] = mapped_column(Float)
    display_max: Mapped[float] = mapped_column(Float)
    low_limit: Mapped[float | None] = mapped_column(Float)
    high_limit: Mapped[float | None] = mapped_column(Float)
    hysteresis: Mapped[float] = mapped_column(Float, default=0.0)
    alarm_delay_s: Mapped[float] = mapped_column(Float, default=0.0)
    stale_after_s: Mapped[float] = mapped_column(Float, default=5.0)
    decimals: Mapped[int] = mapped_column(Integer, default=2)
    security: Mapped[str | None] = mapped_column(String(512))  # asyncua security string
    server_certificate: Mapped[str | None] = mapped_column(String(512))  # pinned cert path


class HistorianRowModel(Base):
    """Min/max/mean/last per channel and interval, so excursions are never averaged away."""

    __tablename__ = "historian"
    __table_args__ = (Index("ix_historian_channel_time", "channel_key", "interval_start"),
                      Index("ix_historian_time", "interval_start"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel_key: Mapped[str] = mapped_column(String(64))
    interval_start: Mapped[float] = mapped_column(Float)
    interval_s: Mapped[float] = mapped_column(Float)
    count: Mapped[int] = mapped_column(Integer)
    bad_count: Mapped[int] = mapped_column(Integer)
    uncertain_count: Mapped[int] = mapped_column(Integer)
    min: Mapped[float | None] = mapped_column(Float)
    max: Mapped[float | None] = mapped_column(Float)
    mean: Mapped[float | None] = mapped_column(Float)
    last: Mapped[float | None] = mapped_column(Float)
    last_t: Mapped[float | None] = mapped_column(Float)


class HistorianSecondModel(Base):
    """The historian's 1 s tier: one channel's second, keyed by (channel, second), no rowid
    (``store.historian_seconds`` keeps it only while a phase still needs it)."""

    __tablename__ = "historian_seconds"
    __table_args__ = ({"sqlite_with_rowid": False},)

    channel_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    t: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer)
    bad_count: Mapped[int] = mapped_column(Integer)
    uncertain_count: Mapped[int] = mapped_column(Integer)
    min: Mapped[float | None] = mapped_column(Float)
    max: Mapped[float | None] = mapped_column(Float)
    mean: Mapped[float | None] = mapped_column(Float)


class AlarmRawWindowModel(Base):
    """Full-resolution samples of one channel around an alarm, kept from the ring buffer
    (``store.alarm_windows``): ``points`` is zlib-compressed JSON ``[[t, value, quality], ...]``."""

    __tablename__ = "alarm_raw_windows"

    channel_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    t0: Mapped[float] = mapped_column(Float, primary_key=True, autoincrement=False)
    t1: Mapped[float] = mapped_column(Float)
    count: Mapped[int] = mapped_column(Integer)
    points: Mapped[bytes] = mapped_column(LargeBinary)
