"""``plant-server init-demo`` (unless ``--no-batches``): the demo master recipe
(``demo_car_t.json``) effective (approved by two QA people,
``demo_release.ensure_demo_recipe``), and the demo's
recipe-run batches pinned to it for the demo station — the same as the console's
``--demo`` seeds (``operator_console.demo_batches``): B-2026-0142, B-2026-0143 and
B-2026-0144, so the pull carries the recipe and the pins the console already shows. Their
step records and exceptions are the console's; they arrive with its pushes. Idempotent.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from operator_console.domain import demo_data
from operator_console.domain.demo_batches import RECIPE_BATCHES
from plant_server.models import Batch
from plant_server.services.audit import audit
from plant_server.services.common import next_change_seq, now_iso
from plant_server.services.demo_release import ensure_demo_recipe

REASON = "demo data"


def init_demo_batches(session: Session, *, station: str = demo_data.DEMO_STATION) -> int:
    """Make the demo recipe effective and pin the demo batches to it; returns how many
    batches were pinned now (0 when already done). Run after ``init_demo``."""
    recipe = ensure_demo_recipe(session)
    pinned = 0
    for batch_id, patient, din, coi in RECIPE_BATCHES:
        batch = session.get(Batch, batch_id)
        if batch is not None and batch.recipe_hash == recipe.recipe_hash:
            continue
        if batch is None:
            batch = Batch(batch_id=batch_id, patient_id=patient, din=din, coi_id=coi,
                          status="open", data={"product": demo_data.PRODUCT,
                                               "current_step": demo_data.STEP},
                          change_seq=next_change_seq(session))
            session.add(batch)
        batch.recipe_id, batch.recipe_version = recipe.recipe_id, recipe.version
        batch.recipe_hash, batch.station_name = recipe.recipe_hash, station
        batch.created_at = batch.created_at or now_iso()
        batch.change_seq = next_change_seq(session)  # reaches the station on its next pull
        session.flush()
        audit(session, actor="system", event="batch_created", target=f"batch:{batch_id}",
              reason=REASON, new={"recipe": recipe.recipe_id, "version": recipe.version,
                                  "hash": recipe.recipe_hash, "patient": patient,
                                  "din": din, "coi": coi, "station": station})
        pinned += 1
    return pinned
