"""The batch report's facts as the plant server holds them: the batch and its pinned recipe,
every record the stations pushed for it with the signatures the server accepted, the phases'
process data (reassembled and checked against their hashes), and the channels' names.

The review and release parts come from QA's work at the server; :func:`batch_report_facts`
takes them as typed arguments (``lifecycle_state``, ``audit_trail_review``, ``release``) and
the report says "not yet released" / "no audit-trail review recorded" while they are None.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.batch_report import (
    DEFAULT_TIME_ZONE,
    AuditTrailReviewFacts,
    BatchReportFacts,
    ChannelInfo,
    PhaseFacts,
    ReleaseFacts,
    SignatureLine,
)
from operator_console.domain.batch_report.records import ReportRecord, collect
from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.records import Meaning, RecordType
from operator_console.domain.signatures import AuthMethod
from plant_server.models import Channel, Record, Signature, Station
from plant_server.recipe_models import RecipeVersion
from plant_server.services.batches import get_batch
from plant_server.services.common import NotFoundError, utcnow
from plant_server.services.process_data import phase_data
from plant_server.services.recipes import recipe_of


def signature_line(s: Signature, station: str) -> SignatureLine:
    return SignatureLine(s.printed_name, s.signer_id, Meaning(s.meaning),
                         parse_utc_iso(s.signed_at), AuthMethod(s.auth_method), station)


def _records(session: Session, batch_id: str) -> list[ReportRecord]:
    rows = list(session.scalars(select(Record).where(Record.batch_id == batch_id)
                                .order_by(Record.created_at, Record.record_id)))
    sigs: dict[str, list[SignatureLine]] = {}
    stations = {sid: name for sid, name in session.execute(select(Station.id, Station.name))}
    ids = [r.record_id for r in rows]
    for start in range(0, len(ids), 500):
        for s in session.scalars(select(Signature).where(
                Signature.record_id.in_(ids[start:start + 500])).order_by(Signature.signed_at)):
            line = signature_line(s, stations.get(s.station_id, ""))
            sigs.setdefault(s.record_id, []).append(line)
    out = []
    for r in rows:
        obj = json.loads(r.content_json)
        body = obj.get("content") if isinstance(obj, dict) else None
        out.append(ReportRecord(r.record_id, RecordType(r.record_type),
                                body if isinstance(body, dict) else {}, r.corrects,
                                r.created_by, parse_utc_iso(r.created_at),
                                tuple(sigs.get(r.record_id, ()))))
    return out


def _channels(session: Session) -> dict[str, ChannelInfo]:
    out = {}
    for c in session.scalars(select(Channel).where(Channel.active.is_(True))):
        key = (c.data or {}).get("key")
        if isinstance(key, str):
            out[key] = ChannelInfo(c.name_en, c.name_ja)
    return out


def batch_report_facts(session: Session, batch_id: str, *, server_name: str = "",
                       time_zone: str = DEFAULT_TIME_ZONE, made_at: datetime | None = None,
                       lifecycle_state: str | None = None,
                       audit_trail_review: AuditTrailReviewFacts | None = None,
                       release: ReleaseFacts | None = None) -> BatchReportFacts:
    batch = get_batch(session, batch_id)
    if batch.recipe_hash is None:
        raise NotFoundError("batch_without_recipe", f"batch {batch_id} was not made from a "
                            "master recipe; it has no batch report")
    row = session.scalars(select(RecipeVersion).where(
        RecipeVersion.recipe_hash == batch.recipe_hash)).one()
    collected = collect(_records(session, batch_id))
    phases = tuple(PhaseFacts(step, record, phase_data(session, record), alarms)
                   for step, record, alarms in collected.phases)
    return BatchReportFacts(
        batch_id=batch.batch_id, patient_id=batch.patient_id, din=batch.din, coi=batch.coi_id,
        station=batch.station_name or "", recipe=recipe_of(row), recipe_hash=row.recipe_hash,
        made_by="plant_server", made_at=made_at or utcnow(), time_zone=time_zone,
        lifecycle_state=lifecycle_state or batch.status, source_name=server_name,
        steps=collected.steps, exceptions=collected.exceptions, phases=phases,
        channels=_channels(session), audit_trail_review=audit_trail_review, release=release)
