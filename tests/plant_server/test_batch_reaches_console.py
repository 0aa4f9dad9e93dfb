"""A batch created at the plant server reaches its station on the next pull, pinned to its
recipe by hash; the console stores the recipe only if its content gives that hash, and the
step state machine runs on what arrived (offline from then on)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from operator_console.domain.batch_execution.progress import batch_progress
from operator_console.domain.recipes import recipe_hash
from operator_console.domain.recipes.demo import demo_recipe, demo_recipe_text
from operator_console.services import Services
from operator_console.store.recipes import RecipeHashMismatchError, pinned_batches
from operator_console.sync.apply import apply_pull
from operator_console.sync.engine import get_state
from plant_server.db import Database
from plant_server.services import batches, recipes
from plant_server.services.users import create_user, grant_role
from tests.plant_server.helpers import StationClient


def effective_batch(database: Database) -> None:
    with database.transaction() as session:
        create_user(session, actor="admin", user_id="qa02", printed_name="Sarah Lee",
                    password="demo-qa02", language="en")
        grant_role(session, "qa02", "qa", actor="admin", reason="test")
        row_id = str(recipes.import_recipe(session, demo_recipe_text(), actor="eng").id)
    for user in ("qa01", "qa02"):
        with database.transaction() as session:
            recipes.approve_recipe(session, row_id, user_id=user, password=f"demo-{user}",
                                   threshold=5)
    with database.transaction() as session:
        batches.create_batch(session, recipe="CART-CD19-AUTO", patient_id="P-0200",
                             din="A999926100142", coi="CHA99992600142A",
                             station="DEMO-STATION-01", actor="admin", batch_id="B-2026-0200")


def test_the_console_pins_the_batch_and_runs_it_on_the_pulled_recipe(
        station: StationClient, database: Database, services: Services) -> None:
    effective_batch(database)
    apply_pull(services.db, services.audit, station.pull(0))
    with services.db.read() as session:
        [pinned] = pinned_batches(session, "DEMO-STATION-01")
    assert pinned.batch_id == "B-2026-0200" and pinned.recipe_state == "effective"
    assert pinned.ref.recipe_hash == recipe_hash(demo_recipe())
    assert pinned.recipe == demo_recipe()
    progress = batch_progress(pinned.recipe, pinned.ref.recipe_hash, [], [])
    assert progress.executable == ("BAY-CLEARANCE",)
    with services.db.read() as session:
        assert pinned_batches(session, "ANOTHER-STATION") == []


def test_a_recipe_whose_content_does_not_give_its_hash_refuses_the_pull(
        station: StationClient, database: Database, services: Services) -> None:
    effective_batch(database)
    body: dict[str, Any] = copy.deepcopy(station.pull(0))
    cursor_before = get_state(services.db, "pull_cursor")
    body["recipes"][0]["content"]["steps"][8]["fields"][1]["limits"]["low"] = 10
    with pytest.raises(RecipeHashMismatchError, match="refused"):
        apply_pull(services.db, services.audit, body)
    assert get_state(services.db, "pull_cursor") == cursor_before
    with services.db.read() as session:
        assert pinned_batches(session) == []
