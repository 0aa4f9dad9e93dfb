"""The facts the release gate and the QA review are made of, gathered from the server's own
tables for one batch: open conflicts about its records, signatures still awaited, offline
signatures a station claimed that the server does not hold, stations that worked on it and
have not delivered everything, and the batch's audit entries with the notable ones flagged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.batch_execution.exception_text import exception_text
from operator_console.domain.batch_execution.exceptions import ExceptionState
from operator_console.domain.batch_execution.step_inputs import step_labels
from operator_console.domain.batch_release.audit_review import Notable, notable
from operator_console.domain.batch_release.gate import (
    OfflineSignatureClaim,
    OpenException,
    PendingSignature,
    StationGap,
)
from operator_console.domain.recipes.model import Severity
from operator_console.domain.records import RecordStatus, RecordType
from plant_server.models import Conflict, ServerAudit, Station, StationAudit
from plant_server.services.batch_view import BatchView
from plant_server.services.common import now_iso

#: Station-wide events that belong to a batch's review when they happen while it runs.
_STATION_WIDE = ("setting_changed", "channel_configured", "login_failed", "unlock_failed",
                 "account_locked", "sign_failed", "cassette_refused")


def open_exceptions(view: BatchView) -> list[OpenException]:
    out = []
    for exc in view.exceptions:
        if exc.state is not ExceptionState.OPEN:
            continue
        body = view.records[exc.exception_id].body
        step = view.recipe.step(exc.step_id) if view.recipe and exc.step_id else None
        names = {code: t.en for code, t in step_labels(step).items()} if step else {}
        evidence = body.get("evidence")
        text = exception_text(exc.kind.value, evidence if isinstance(evidence, dict) else {},
                              "en", description=str(body.get("description") or ""),
                              label=names.get)
        out.append(OpenException(exc.exception_id, exc.kind.value, exc.severity, exc.step_id,
                                 text))
    return out


def batch_conflicts(session: Session, view: BatchView, *, status: str | None = "open"
                    ) -> list[Conflict]:
    """Conflicts about one of the batch's records, or naming the batch."""
    ids = set(view.records)
    stmt = select(Conflict).order_by(Conflict.id)
    if status:
        stmt = stmt.where(Conflict.status == status)
    return [c for c in session.scalars(stmt)
            if c.record_id in ids or (isinstance(c.details, dict)
                                      and c.details.get("batch") == view.batch.batch_id)]


def pending_signatures(view: BatchView) -> list[PendingSignature]:
    out = []
    for rec in view.records.values():
        status = rec.status()
        if status in (RecordStatus.AWAITING_SIGNATURE, RecordStatus.AWAITING_VERIFICATION):
            step = rec.body.get("step") if rec.effective_type is RecordType.STEP_RECORD \
                else None
            out.append(PendingSignature(
                rec.record_id, str(step) if step else None,
                "performer" if status is RecordStatus.AWAITING_SIGNATURE else "verifier"))
    return out


def unchecked_offline(view: BatchView) -> list[OfflineSignatureClaim]:
    """Offline signatures the batch's ``offline_signature`` exceptions name that the server
    does not hold accepted (re-checked on push: role, account, verifier at that station)."""
    out = []
    for rec in view.records.values():
        if rec.record_type is not RecordType.EXCEPTION or \
                rec.body.get("kind") != "offline_signature":
            continue
        ev = rec.body.get("evidence")
        evidence: dict[str, Any] = ev if isinstance(ev, dict) else {}
        target = view.records.get(str(evidence.get("record", "")))
        held = target is not None and any(
            s.signer_id == evidence.get("signer") and s.meaning == evidence.get("meaning")
            and s.auth_method == "offline" for s in target.signatures)
        if not held:
            out.append(OfflineSignatureClaim(str(evidence.get("record", "")),
                                             str(evidence.get("signer", "")),
                                             str(evidence.get("meaning", "")), rec.record_id))
    return out


def stations_of(session: Session, view: BatchView) -> list[Station]:
    """Stations that worked on the batch: that made one of its records, or that run it."""
    ids = {r.station_id for r in view.records.values()}
    rows = list(session.scalars(select(Station).where(Station.id.in_(ids)))) if ids else []
    if view.batch.station_name and all(s.name != view.batch.station_name for s in rows):
        rows += list(session.scalars(select(Station).where(
            Station.name == view.batch.station_name)))
    return sorted(rows, key=lambda s: s.name)


def station_gaps(session: Session, view: BatchView) -> list[StationGap]:
    """Entries a station said it holds (its outbox head, sent with each push) beyond the last
    one stored here, and records the batch's step records name that never arrived."""
    named: set[str] = set()
    for rec in view.of_type(RecordType.STEP_RECORD):
        listed = rec.body.get("exceptions")
        if isinstance(listed, list):
            named |= {str(x) for x in listed}
    missing = tuple(sorted(named - set(view.records)))
    out = []
    for station in stations_of(session, view):
        if station.reported_seq > station.last_seq:
            out.append(StationGap(station.name, station.last_seq, station.reported_seq))
    if missing:
        by_station = view.batch.station_name or "?"
        out.append(StationGap(by_station, 0, 0, missing))
    return out


@dataclass(frozen=True)
class AuditLine:
    """One audit entry of the batch, as the review shows it."""

    source: str  # the station's name, or plant-server
    seq: int
    ts: str
    actor: str
    event: str
    target: str
    reason: str
    notable: Notable | None
    hash: str

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "seq": self.seq, "ts": self.ts, "actor": self.actor,
                "event": self.event, "target": self.target, "reason": self.reason,
                "notable": self.notable.value if self.notable else None, "hash": self.hash}


def audit_lines(session: Session, view: BatchView) -> list[AuditLine]:
    """The batch's audit entries: each station's entries about its records (or naming the
    batch) and the station-wide ones while it ran (settings, failed logins and signatures,
    refused scans), then the server's own about the batch; notable ones flagged."""
    out: list[AuditLine] = list(_station_lines(session, view))
    batch_target = f"batch:{view.batch.batch_id}"
    for entry in session.scalars(select(ServerAudit).where(
            ServerAudit.target == batch_target).order_by(ServerAudit.seq)):
        out.append(AuditLine("plant-server", entry.seq, entry.ts, entry.actor, entry.event,
                             entry.target, entry.reason, None, entry.hash))
    return out


def _station_lines(session: Session, view: BatchView) -> list[AuditLine]:
    if view.station_lines is not None:
        return view.station_lines
    ids = set(view.records)
    exc_kind = {r.record_id: str(r.body.get("kind")) for r in view.records.values()
                if r.record_type is RecordType.EXCEPTION}
    start = view.batch.created_at or ""
    end = view.batch.complete_at or now_iso()
    out: list[AuditLine] = []
    for station in stations_of(session, view):
        for row in session.scalars(select(StationAudit).where(
                StationAudit.station_id == station.id).order_by(StationAudit.seq)):
            fields = json.loads(row.fields_json)
            event, target = str(fields.get("event", "")), str(fields.get("target", ""))
            new = fields.get("new") if isinstance(fields.get("new"), dict) else None
            ts = str(fields.get("ts", ""))
            mine = target in ids or (new is not None and new.get("batch") ==
                                     view.batch.batch_id)
            if not mine and not (event in _STATION_WIDE and start <= ts <= end):
                continue
            out.append(AuditLine(station.name, row.seq, ts, str(fields.get("actor", "")),
                                 event, target, str(fields.get("reason", "")),
                                 notable(event, new, exc_kind.get(target)), row.hash))
    view.station_lines = out
    return out


def severity_rank(severity: Severity | None) -> int:
    return -1 if severity is None else severity.rank
