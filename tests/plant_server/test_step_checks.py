"""Pushed step records checked against the batch's pinned recipe (SQLite and PostgreSQL):
what no honest station can send is refused; work done out of order, twice, on a superseded
version or another version is stored and raises a conflict for QA."""

from __future__ import annotations

import json

from sqlalchemy import select

from operator_console.domain.batch_execution.step_record import step_record_content
from operator_console.domain.recipes import RecipeRef
from operator_console.domain.recipes.demo import demo_recipe_text
from operator_console.domain.records import RecordType
from plant_server.db import Database
from plant_server.models import SecurityEvent
from plant_server.services.recipes import approve_recipe, import_recipe
from tests.plant_server.helpers import StationClient
from tests.plant_server.release_helpers import (
    BATCH,
    RECIPE,
    REF,
    effective_recipe_and_batch,
    new_batch,
    push_all,
    step_entries,
)


def _conflicts(station: StationClient) -> list[str]:
    body = station.http.get("/api/v1/conflicts", headers=station.headers).json()
    return [c["kind"] for c in body["conflicts"]]


def _reasons(results: list[dict]) -> list[str]:
    return [r["reason"] for r in results if r["status"] != "accepted"]


def test_refused_step_records(station: StationClient, database: Database) -> None:
    effective_recipe_and_batch(database)
    step = RECIPE.steps[0]
    good = step_record_content(REF, step, {"confirmed": []})
    cases = {
        "unknown_step": {**good, "step": "NOT-A-STEP"},
        "step_policy_mismatch": {**good, "signature": {"policy": "performer",
                                                        "qualification": "STEP-COMPLETE"}},
        "step_recipe_never_effective": {**good, "recipe": {**REF.as_dict(), "hash": "0" * 64}},
        "step_recipe_mismatch": {**good, "recipe": {**REF.as_dict(), "version": 9}},
    }
    for reason, content in cases.items():
        _, entry = station.record(RecordType.STEP_RECORD, content, batch=BATCH)
        assert _reasons(push_all(station, [entry])) == [reason]
    _, entry = station.record(RecordType.STEP_RECORD, good, batch="B-2026-0142")  # no recipe
    assert _reasons(push_all(station, [entry])) == ["step_batch_unknown"]
    with database.transaction() as session:
        events = {e.kind for e in session.scalars(select(SecurityEvent))}
    assert {"unknown_step", "step_policy_mismatch", "step_recipe_never_effective"} <= events
    assert _conflicts(station) == []


def test_out_of_order_and_repeated_steps_raise_conflicts(station: StationClient,
                                                         database: Database) -> None:
    effective_recipe_and_batch(database)
    _, first = step_entries(station, "BAY-CLEARANCE")
    _, late = step_entries(station, "CASSETTE-LOAD")  # APHERESIS-RECEIPT not done yet
    results = push_all(station, first + late)
    assert _reasons(results) == []
    assert _conflicts(station) == ["step_out_of_order"]
    _, again = step_entries(station, "BAY-CLEARANCE")
    push_all(station, again)
    assert _conflicts(station) == ["step_out_of_order", "step_repeated"]


def test_parallel_steps_in_any_order(station: StationClient, database: Database) -> None:
    effective_recipe_and_batch(database)
    entries = []
    for step in RECIPE.steps:
        if step.step_id == "HARVEST":
            break
        if step.step_id == "EXPANSION":
            continue  # done last of its parallel group
        entries += step_entries(station, step.step_id)[1]
    entries += step_entries(station, "EXPANSION")[1]
    assert _reasons(push_all(station, entries)) == []
    assert _conflicts(station) == []


def test_steps_on_a_superseded_version_and_on_another_version(
        station: StationClient, database: Database) -> None:
    effective_recipe_and_batch(database)  # B-2026-0900 pinned to version 1
    v2 = json.loads(demo_recipe_text())
    v2["version"] = 2
    with database.transaction() as session:
        import_recipe(session, json.dumps(v2), actor="admin", fmt="json")
    for qa in ("qa01", "qa03"):
        with database.transaction() as session:
            assert approve_recipe(session, "CART-CD19-AUTO:2", user_id=qa,
                                  password=f"demo-{qa}", threshold=5).refusal is None
    # The batch goes on on its pinned version 1 (now superseded): stored, one conflict.
    entries = step_entries(station, "BAY-CLEARANCE")[1] + \
        step_entries(station, "APHERESIS-RECEIPT")[1]
    assert _reasons(push_all(station, entries)) == []
    assert _conflicts(station) == ["step_on_superseded_recipe"]
    # A batch pinned to version 2, executed against version 1: another version.
    new_batch(database, "DEMO-STATION-01", "B-2026-0901")
    with database.transaction() as session:
        from plant_server.models import Batch
        v2_hash = session.get(Batch, "B-2026-0901").recipe_hash  # type: ignore[union-attr]
    assert v2_hash != REF.recipe_hash
    _, other = step_entries(station, "BAY-CLEARANCE", batch="B-2026-0901")
    assert _reasons(push_all(station, other)) == []
    assert _conflicts(station)[-1] == "step_other_recipe_version"
    # Against version 2 itself it is in order and in force: no conflict.
    ref2 = RecipeRef("CART-CD19-AUTO", 2, v2_hash)
    step = RECIPE.steps[0]
    _, fine = step_entries(station, "BAY-CLEARANCE", batch="B-2026-0901",
                           content=step_record_content(ref2, step, {"confirmed": []}))
    before = len(_conflicts(station))
    assert _reasons(push_all(station, fine)) == []
    # (the record against version 1 does not count for the batch's steps)
    assert len(_conflicts(station)) == before

