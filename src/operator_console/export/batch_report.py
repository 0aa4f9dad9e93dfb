"""The batch report's facts at a station, from its own store (works offline): the batch and
its pinned recipe, the batch's records with their signatures, the phases' process data as the
station queued it for the plant server, and the channels' names. Review and release are the
plant server's: a station's report says they are not recorded here."""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.batch_report import (
    DEFAULT_TIME_ZONE,
    BatchReportFacts,
    ChannelInfo,
    PhaseFacts,
    SignatureLine,
)
from operator_console.domain.batch_report.records import ReportRecord, collect
from operator_console.domain.records import RecordType
from operator_console.store.db import Database
from operator_console.store.instrument_models import ChannelRow
from operator_console.store.master_models import BatchDinRow, BatchRow
from operator_console.store.process_data import batch_phase_data
from operator_console.store.recipes import pinned_batches
from operator_console.store.records import RecordFilter, load_records
from operator_console.store.settings import get_setting


class NoReportError(LookupError):
    """The batch is unknown here, or was not made from a master recipe (or its pinned
    recipe has not arrived): it has no batch report."""


def local_zone_name() -> str:
    """The station's IANA time zone (``$TZ``, ``/etc/timezone``, ``/etc/localtime``'s link),
    else the plant's default."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text("utf-8").strip())
    try:
        link = os.readlink("/etc/localtime")
        candidates.append(link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else "")
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                ZoneInfo(name)
                return name
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return DEFAULT_TIME_ZONE


def _records(session: Session, batch_id: str) -> list[ReportRecord]:
    views = load_records(session, RecordFilter(batch_id=batch_id, limit=10_000_000))
    out = []
    for v in sorted(views, key=lambda v: v.seq):
        sigs = tuple(SignatureLine(s.facts.printed_name, s.facts.signer_id, s.facts.meaning,
                                   s.facts.signed_at, s.facts.auth_method, s.facts.station)
                     for s in v.signatures)
        out.append(ReportRecord(v.record_id, RecordType(v.record_type), v.body, v.corrects,
                                v.created_by, v.created_at.astimezone(UTC), sigs))
    return out


def gather_report_facts(db: Database, batch_id: str, *, time_zone: str | None = None,
                        now: datetime | None = None) -> BatchReportFacts:
    """Everything the station's report of ``batch_id`` states, read in one transaction."""
    with db.read() as s:
        pinned = next((p for p in pinned_batches(s) if p.batch_id == batch_id), None)
        batch = s.get(BatchRow, batch_id)
        if pinned is None or pinned.recipe is None or batch is None:
            raise NoReportError(batch_id)
        patient, coi = batch.patient_id, batch.coi or ""
        dins = list(s.scalars(select(BatchDinRow.din).where(BatchDinRow.batch_id == batch_id)))
        station = get_setting(s, "station_name") or ""
        collected = collect(_records(s, batch_id))
        channels = {c.key: ChannelInfo(c.name_en, c.name_ja)
                    for c in s.scalars(select(ChannelRow))}
    queued = {d.step_record_id: d for d in batch_phase_data(db, batch_id)}
    phases = tuple(PhaseFacts(step, record, queued.get(record), alarms)
                   for step, record, alarms in collected.phases)
    return BatchReportFacts(
        batch_id=batch_id, patient_id=patient, din=", ".join(dins), coi=coi,
        station=pinned.station or station, recipe=pinned.recipe,
        recipe_hash=pinned.ref.recipe_hash, made_by="station", source_name=station,
        made_at=now or datetime.now(UTC), time_zone=time_zone or local_zone_name(),
        steps=collected.steps, exceptions=collected.exceptions, phases=phases,
        channels=channels)
