"""Repository for cassette loading: master data, and cassette whereabouts from the records.

Master data (batches with patient identifiers, expected cassettes, station bays) is written by
:func:`put_batch`, :func:`put_expected_cassette` and :func:`put_bay` (demo data now, the sync
worker later). Where a cassette is, and what each bay holds, is never stored: it is replayed
through :mod:`operator_console.domain.cassette_state` from the signed ``cassette_load`` and
``cassette_unload`` records, with their current signature status, every time it is asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from operator_console.domain.cassette_state import (
    IN_BAY,
    CassetteEvent,
    CassetteState,
    IllegalTransitionError,
    disposition_event,
    record_events,
    replay,
)
from operator_console.domain.chain_of_identity import (
    BatchIdentity,
    BayFacts,
    Registration,
    Whereabouts,
)
from operator_console.domain.records import Meaning, RecordType
from operator_console.store.master_models import (
    BatchDinRow,
    BatchRow,
    ExpectedCassetteRow,
    StationBayRow,
)
from operator_console.store.models import RecordRow
from operator_console.store.records import RecordFilter, RecordView, load_records

CASSETTE_TYPES = (RecordType.CASSETTE_LOAD.value, RecordType.CASSETTE_UNLOAD.value)


# -- master data ---------------------------------------------------------------------------
def put_batch(session: Session, *, batch_id: str, patient_id: str, current_step: str,
              dins: Iterable[str], coi: str | None = None, product: str = "",
              updated_at: str) -> None:
    """Insert or replace a batch and its DINs (natural key: batch ID)."""
    row = session.get(BatchRow, batch_id) or BatchRow(batch_id=batch_id)
    row.patient_id, row.current_step, row.coi = patient_id, current_step, coi
    row.product, row.updated_at = product, updated_at
    session.add(row)
    session.flush()
    session.execute(delete(BatchDinRow).where(BatchDinRow.batch_id == batch_id))
    for din in sorted(set(dins)):
        session.add(BatchDinRow(batch_id=batch_id, din=din))
    session.flush()


def put_expected_cassette(session: Session, *, batch_id: str, step: str, gtin: str,
                          serial: str, lot: str | None, disposition: str = "released") -> None:
    """Insert or replace a cassette expected for a batch and step."""
    row = session.scalar(select(ExpectedCassetteRow).where(
        ExpectedCassetteRow.gtin == gtin, ExpectedCassetteRow.serial == serial,
        ExpectedCassetteRow.batch_id == batch_id, ExpectedCassetteRow.step == step))
    row = row or ExpectedCassetteRow(batch_id=batch_id, step=step, gtin=gtin, serial=serial)
    row.lot, row.disposition = lot, disposition
    session.add(row)
    session.flush()


def put_bay(session: Session, *, bay_id: str, instrument: str, position: int,
            in_service: bool) -> None:
    """Insert or replace a bay of this station."""
    row = session.get(StationBayRow, bay_id) or StationBayRow(bay_id=bay_id)
    row.instrument, row.position, row.in_service = instrument, position, in_service
    session.add(row)
    session.flush()


@dataclass(frozen=True)
class BatchSummary:
    batch_id: str
    patient_id: str
    current_step: str
    product: str


def list_batches(session: Session) -> list[BatchSummary]:
    """Batches known at this station, for choosing one by touch."""
    rows = session.scalars(select(BatchRow).order_by(BatchRow.batch_id))
    return [BatchSummary(r.batch_id, r.patient_id, r.current_step, r.product) for r in rows]


def get_batch(session: Session, batch_id: str) -> BatchIdentity | None:
    """The batch with its patient identifiers, or None when not known here."""
    row = session.get(BatchRow, batch_id)
    if row is None:
        return None
    dins = session.scalars(select(BatchDinRow.din).where(BatchDinRow.batch_id == batch_id))
    return BatchIdentity(row.batch_id, row.patient_id, row.current_step, frozenset(dins),
                         row.coi)


def registrations(session: Session, gtin: str, serial: str) -> list[Registration]:
    """Every registration of the physical cassette ``gtin`` + ``serial`` (any batch)."""
    rows = session.scalars(select(ExpectedCassetteRow).where(
        ExpectedCassetteRow.serial == serial).order_by(ExpectedCassetteRow.id))
    return [Registration(r.batch_id, r.step, r.gtin, r.serial, r.lot) for r in rows
            if r.gtin == gtin and r.disposition != "withdrawn"]


def _disposition(session: Session, gtin: str, serial: str) -> str:
    values = set(session.scalars(select(ExpectedCassetteRow.disposition).where(
        ExpectedCassetteRow.gtin == gtin, ExpectedCassetteRow.serial == serial)))
    for worst in ("rejected", "quarantined"):
        if worst in values:
            return worst
    return "released"


# -- whereabouts from records -----------------------------------------------------------------
def cassette_records(session: Session, gtin: str, serial: str) -> list[RecordView]:
    """The cassette's load/unload records, oldest first."""
    ids = list(session.scalars(select(RecordRow.record_id).where(
        RecordRow.record_type.in_(CASSETTE_TYPES),
        func.json_extract(RecordRow.content_json, "$.content.cassette.serial") == serial)))
    if not ids:
        return []
    views = load_records(session, RecordFilter(record_ids=ids, limit=len(ids) + 1))
    mine = [v for v in views if v.body.get("cassette", {}).get("gtin") == gtin]
    return sorted(mine, key=lambda v: v.seq)


def whereabouts(session: Session, gtin: str, serial: str) -> tuple[Whereabouts, RecordView | None]:
    """Replay the cassette's state; also returns its latest load record (if any)."""
    events: list[CassetteEvent] = []
    first = disposition_event(_disposition(session, gtin, serial))
    last_load: RecordView | None = None
    for view in cassette_records(session, gtin, serial):
        evs = record_events(view.record_type.value, view.status.value)
        if evs and view.record_type is RecordType.CASSETTE_LOAD:
            last_load = view
        events.extend(evs)
    bay = str(last_load.body.get("bay")) if last_load else None
    station = str(last_load.content.get("station")) if last_load else None
    try:
        state = replay(events)
    except IllegalTransitionError:
        return Whereabouts(CassetteState.REGISTERED, bay, station, conflict=True), last_load
    if first is not None and state is CassetteState.REGISTERED:
        state = replay([first])
    return Whereabouts(state, bay, station), last_load


@dataclass(frozen=True)
class BayView:
    """What the Cassettes page shows for one bay."""

    bay_id: str
    instrument: str
    in_service: bool
    state: CassetteState | None  # None: free
    gtin: str | None = None
    serial: str | None = None
    lot: str | None = None
    batch_id: str | None = None
    since: datetime | None = None
    loaded_by: str | None = None
    verified_by: str | None = None
    load_record_id: str | None = None
    conflict: bool = False

    @property
    def facts(self) -> BayFacts:
        return BayFacts(self.bay_id, self.in_service, self.serial, self.gtin, self.batch_id,
                        self.state)


def _signer(view: RecordView, meaning: Meaning) -> str | None:
    return next((s.facts.printed_name for s in view.signatures
                 if s.facts.meaning is meaning), None)


def _occupant(session: Session, bay: StationBayRow) -> BayView:
    seen: set[tuple[str, str]] = set()
    ids = list(session.scalars(select(RecordRow.record_id).where(
        RecordRow.record_type == RecordType.CASSETTE_LOAD.value,
        func.json_extract(RecordRow.content_json, "$.content.bay") == bay.bay_id)))
    views = load_records(session, RecordFilter(record_ids=ids, limit=len(ids) + 1)) if ids else []
    for view in views:  # newest first
        cassette = view.body.get("cassette", {})
        key = (str(cassette.get("gtin")), str(cassette.get("serial")))
        if key in seen:
            continue
        seen.add(key)
        where, load = whereabouts(session, *key)
        if load is None or load.record_id != view.record_id:
            continue
        if where.conflict or where.state in IN_BAY:
            return BayView(
                bay.bay_id, bay.instrument, bay.in_service, where.state, key[0], key[1],
                cassette.get("lot"), view.batch_id, view.created_at,
                _signer(view, Meaning.PERFORMED), _signer(view, Meaning.VERIFIED),
                view.record_id, where.conflict)
    return BayView(bay.bay_id, bay.instrument, bay.in_service, None)


def bays(session: Session) -> list[BayView]:
    """Every bay of this station with what it holds (or has reserved)."""
    rows = session.scalars(select(StationBayRow).order_by(StationBayRow.position,
                                                          StationBayRow.bay_id))
    return [_occupant(session, row) for row in rows]


def bay(session: Session, bay_id: str) -> BayView | None:
    row = session.get(StationBayRow, bay_id)
    return _occupant(session, row) if row is not None else None


def batch_ids(session: Session) -> Sequence[str]:
    return list(session.scalars(select(BatchRow.batch_id).order_by(BatchRow.batch_id)))
