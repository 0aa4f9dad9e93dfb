"""Seeding the demo's recipe-run batches at the console (``--demo`` and ``seed-demo``): the
demo master recipe stored as the effective version (its content checked against its hash
exactly as a pull would), the three batches pinned to it, and their history made through
the real use cases and signing service: B-2026-0142 fresh, B-2026-0143 midway (bay clearance
done, the apheresis receipt waiting for a second person), B-2026-0144 blocked (the bag of
another patient scanned at receipt: an open critical exception). The plant server's
``init-demo`` creates the same recipe version and batches, so the pull agrees."""

from __future__ import annotations

from datetime import UTC, datetime

from operator_console.domain.demo_batches import (
    BLOCKED_BATCH,
    BLOCKED_IDENTITY,
    MIDWAY_BATCH,
    RECIPE_BATCHES,
)
from operator_console.domain.demo_data import GOOD_BAG, PRODUCT, STEP, bag_label
from operator_console.domain.recipes import recipe_data, recipe_hash
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.records import Meaning, RecordDraft
from operator_console.services import Services
from operator_console.store import cassettes as repo
from operator_console.store.recipes import pin_batch, put_recipe, recipe_by_hash

MIDWAY_BAG = bag_label("A99992610014387", coi="CHA99992600143B")
CHECKLIST = ("EMPTY", "CLEAN", "LABELS")


def pin_demo_batches(services: Services) -> None:
    """Store the demo recipe and pin the demo batches to it (idempotent: the pull from the
    demo plant server may have brought them already, pinned the same way)."""
    recipe = demo_recipe()
    digest = recipe_hash(recipe)
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with services.db.transaction() as s:
        if recipe_by_hash(s, digest) is None:  # else as pulled, with the server's times
            put_recipe(s, {"recipe_id": recipe.recipe_id, "version": recipe.version,
                           "hash": digest, "state": "effective", "effective_at": now,
                           "content": recipe_data(recipe)}, received_at=now)
        ref = {"id": recipe.recipe_id, "version": recipe.version, "hash": digest}
        for batch, patient, din, coi in RECIPE_BATCHES:
            if repo.get_batch(s, batch) is None:
                repo.put_batch(s, batch_id=batch, patient_id=patient, current_step=STEP,
                               dins=[din], coi=coi, product=PRODUCT, updated_at=now)
            pin_batch(s, batch, ref, services.audit.station)


def _sign(services: Services, draft: RecordDraft | None, who: str) -> str:
    assert draft is not None
    outcome = services.signing.create_and_sign(draft, who, f"demo-{who}")
    if not outcome.ok or outcome.record_id is None:
        raise RuntimeError(f"demo step record refused: {outcome}")
    return outcome.record_id


def _verify(services: Services, record_id: str, who: str) -> None:
    if not services.signing.sign(record_id, who, f"demo-{who}", Meaning.VERIFIED).ok:
        raise RuntimeError("demo verification refused")


def seed_demo_batches(services: Services) -> bool:
    """Pin the batches and make their history; False if already seeded. Needs the demo
    users and master data (``demo.seed_demo``, ``demo_cassettes``) first."""
    pin_demo_batches(services)
    steps = services.batches
    midway = steps.snapshot(MIDWAY_BATCH)
    if midway is None or midway.progress is None:
        raise RuntimeError(f"demo batch {MIDWAY_BATCH} is not pinned to its recipe")
    if any(p.record is not None for p in midway.progress.steps):
        return False
    for batch in (MIDWAY_BATCH, BLOCKED_BATCH):
        check = steps.bay_clearance(batch, "BAY-CLEARANCE", CHECKLIST, "op01")
        _verify(services, _sign(services, check.draft, "op01"), "ver01")
    receipt = steps.material(MIDWAY_BATCH, "APHERESIS-RECEIPT", MIDWAY_BAG, False, "op02")
    _sign(services, receipt.draft, "op02")  # left waiting for a second person
    wrong = steps.material(BLOCKED_BATCH, "APHERESIS-RECEIPT", GOOD_BAG, False, "op01")
    if wrong.ok or not wrong.exception_ids:
        raise RuntimeError(f"the demo's wrong-patient bag was not refused ({BLOCKED_IDENTITY})")
    return True
