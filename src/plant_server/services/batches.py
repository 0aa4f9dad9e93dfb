"""Batches made from an effective master recipe, for one patient and one station. The batch
pins the recipe version by its hash; it reaches the station with the next pull (its
``change_seq``), together with the pinned recipe's content."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from operator_console.domain.isbt128 import parse_isbt128
from operator_console.domain.scan_input import LabelError
from plant_server.models import Batch, Station
from plant_server.recipe_models import RecipeVersion
from plant_server.services.audit import audit
from plant_server.services.common import (
    ConflictError,
    NotFoundError,
    ServiceError,
    next_change_seq,
    now_iso,
)
from plant_server.services.recipes import EFFECTIVE, get_recipe, recipe_of


def _check_identifiers(din: str, coi: str) -> None:
    try:
        label = parse_isbt128(f"={din}00")
    except LabelError as exc:
        raise ServiceError("bad_din", f"DIN {din!r}: {exc.message}") from exc
    if label.din != din:
        raise ServiceError("bad_din", f"DIN {din!r} is not 13 characters")
    try:
        parse_isbt128(f"&/{coi}")
    except LabelError as exc:
        raise ServiceError("bad_coi", f"COI {coi!r}: {exc.message}") from exc


def next_batch_id(session: Session, year: int) -> str:
    prefix = f"B-{year}-"
    count = session.scalar(select(func.count()).select_from(Batch).where(
        Batch.batch_id.like(f"{prefix}%"))) or 0
    n = count + 1
    while session.get(Batch, f"{prefix}{n:04d}") is not None:
        n += 1
    return f"{prefix}{n:04d}"


def create_batch(session: Session, *, recipe: str, patient_id: str, din: str, coi: str,
                 station: str, actor: str, batch_id: str | None = None,
                 reason: str = "") -> Batch:
    """A new batch from the *effective* version ``recipe`` names (see ``get_recipe``)."""
    row: RecipeVersion = get_recipe(session, recipe)
    if row.state != EFFECTIVE:
        raise ConflictError("recipe_not_effective", f"{row.recipe_id} version {row.version} "
                            f"is {row.state}; a batch is made only from the effective version")
    recipe_of(row)  # refuses content that no longer matches its hash
    if session.scalars(select(Station).where(Station.name == station)).first() is None:
        raise NotFoundError("unknown_station", f"no station {station!r} (add-station first)")
    if not patient_id.strip():
        raise ServiceError("patient_required", "a batch needs the patient ID")
    din, coi = din.strip().upper(), coi.strip().upper()
    _check_identifiers(din, coi)
    bid = batch_id or next_batch_id(session, datetime.now(UTC).year)
    if session.get(Batch, bid) is not None:
        raise ConflictError("batch_exists", f"batch {bid} exists; batch IDs are never reused")
    batch = Batch(batch_id=bid, patient_id=patient_id.strip(), din=din, coi_id=coi,
                  status="open", data={}, change_seq=next_change_seq(session),
                  recipe_id=row.recipe_id, recipe_version=row.version,
                  recipe_hash=row.recipe_hash, station_name=station, created_at=now_iso(),
                  state="in_process")
    session.add(batch)
    session.flush()
    audit(session, actor=actor, event="batch_created", target=f"batch:{bid}", reason=reason,
          new={"recipe": row.recipe_id, "version": row.version, "hash": row.recipe_hash,
               "patient": batch.patient_id, "din": din, "coi": coi, "station": station})
    return batch


def list_batches(session: Session, station: str | None = None) -> list[Batch]:
    query = select(Batch).order_by(Batch.batch_id)
    if station is not None:
        query = query.where(Batch.station_name == station)
    return list(session.scalars(query))


def get_batch(session: Session, batch_id: str) -> Batch:
    batch = session.get(Batch, batch_id)
    if batch is None:
        raise NotFoundError("unknown_batch", f"no batch {batch_id!r}")
    return batch


def batch_summary(batch: Batch) -> dict[str, object]:
    return {
        "batch_id": batch.batch_id, "patient_id": batch.patient_id, "din": batch.din,
        "coi": batch.coi_id, "status": batch.status, "station": batch.station_name,
        "created_at": batch.created_at, "state": batch.state, "state_at": batch.state_at,
        "complete_at": batch.complete_at,
        "recipe": None if batch.recipe_id is None else {
            "id": batch.recipe_id, "version": batch.recipe_version, "hash": batch.recipe_hash},
    }
