"""``plant-server init-demo --batches``: the demo recipe effective (two QA approvals) and the
console's demo batches pinned to it, so the console's pull agrees with what ``--demo``
seeds locally; running it again changes nothing."""

from __future__ import annotations

from operator_console.domain.demo_batches import RECIPE_BATCHES
from operator_console.domain.recipes import recipe_hash
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.services import Services
from operator_console.store.recipes import pinned_batches
from operator_console.sync.apply import apply_pull
from plant_server.db import Database
from plant_server.services.demo_batches import init_demo_batches
from plant_server.services.recipes import list_recipes
from tests.plant_server.helpers import StationClient


def test_the_demo_batches_reach_the_station_pinned_to_the_effective_recipe(
        station: StationClient, database: Database, services: Services) -> None:
    with database.transaction() as session:
        assert init_demo_batches(session) == len(RECIPE_BATCHES)
    with database.transaction() as session:
        assert init_demo_batches(session) == 0  # idempotent
        [row] = list_recipes(session)
        assert row.state == "effective" and len(row.approvals) == 2
        assert {a.signer_id for a in row.approvals} == {"qa01", "qa03"}
    apply_pull(services.db, services.audit, station.pull(0))
    with services.db.read() as session:
        pinned = pinned_batches(session, "DEMO-STATION-01")
    assert [p.batch_id for p in pinned] == [b[0] for b in RECIPE_BATCHES]
    assert {p.ref.recipe_hash for p in pinned} == {recipe_hash(demo_recipe())}
    assert all(p.recipe == demo_recipe() and p.recipe_state == "effective" for p in pinned)
