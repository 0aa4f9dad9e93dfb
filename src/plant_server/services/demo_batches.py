"""``plant-server init-demo --batches``: the demo master recipe (``demo_car_t.json``)
imported and approved by two QA people (qa01 and the demo's second approver, qa02), and the
demo's recipe-run batches pinned to it for the demo station — the same as the console's
``--demo`` seeds (``operator_console.demo_batches``): B-2026-0142, B-2026-0143 and
B-2026-0144, so the pull carries the recipe and the pins the console already shows. Their
step records and exceptions are the console's; they arrive with its pushes. Idempotent.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain import demo_data
from operator_console.domain.demo_batches import RECIPE_BATCHES
from operator_console.domain.recipes import recipe_hash
from operator_console.domain.recipes.demo import demo_recipe, demo_recipe_text
from plant_server.models import Batch, User
from plant_server.recipe_models import RecipeVersion
from plant_server.services.audit import audit
from plant_server.services.common import next_change_seq, now_iso, utcnow
from plant_server.services.recipes import EFFECTIVE, approve_recipe, import_recipe
from plant_server.services.users import create_user, grant_role

REASON = "demo data"
#: The demo's second QA approver of the master recipe (two different QA people approve).
SECOND_APPROVER = ("qa02", "demo-qa02", "Sarah Lee")


def _second_approver(session: Session) -> None:
    user_id, password, name = SECOND_APPROVER
    if session.get(User, user_id) is not None:
        return
    create_user(session, actor="system", user_id=user_id, printed_name=name,
                password=password, language="en", reason=REASON)
    for role in ("qa", "verifier"):
        grant_role(session, user_id, role, actor="system", reason=REASON,
                   valid_from=utcnow() - timedelta(days=30))


def _effective_recipe(session: Session, threshold: int) -> RecipeVersion:
    digest = recipe_hash(demo_recipe())
    row = session.scalars(select(RecipeVersion).where(
        RecipeVersion.recipe_hash == digest)).first()
    if row is None:
        row = import_recipe(session, demo_recipe_text(), actor="system", reason=REASON)
    if row.state != EFFECTIVE:
        _second_approver(session)
        for user_id, password in (("qa01", "demo-qa01"), SECOND_APPROVER[:2]):
            if any(a.signer_id == user_id for a in row.approvals):
                continue
            outcome = approve_recipe(session, str(row.id), user_id=user_id, password=password,
                                     threshold=threshold)
            if outcome.approval is None:
                raise RuntimeError(f"demo recipe approval by {user_id} refused: "
                                   f"{outcome.refusal}")
    return row


def init_demo_batches(session: Session, *, station: str = demo_data.DEMO_STATION,
                      threshold: int = 5) -> int:
    """Make the demo recipe effective and pin the demo batches to it; returns how many
    batches were pinned now (0 when already done). Run after ``init_demo``."""
    recipe = _effective_recipe(session, threshold)
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
