"""``operator-console review list``: the batches waiting for QA as the plant server lists
them, with their open items (here over the app itself as transport)."""

from __future__ import annotations

import json

from operator_console.cli.review import render, waiting_batches
from operator_console.sync.http import PlantServerClient
from plant_server.db import Database
from tests.plant_server.helpers import StationClient
from tests.plant_server.release_helpers import BATCH, effective_recipe_and_batch, run_batch


def test_review_list_shows_waiting_batches_with_open_items(station: StationClient,
                                                           database: Database) -> None:
    effective_recipe_and_batch(database)
    client = PlantServerClient(str(station.http.base_url), station.credential,
                               transport=station.http._transport)
    assert render(waiting_batches(client), False) == "no batches waiting for QA"
    run_batch(station)
    listed = waiting_batches(client)
    assert [b["batch_id"] for b in listed] == [BATCH]
    assert listed[0]["state"] == "execution_complete"
    assert isinstance(listed[0]["waiting_seconds"], int)
    text = render(listed, False)
    assert "audit_review_missing" in text and f"{BATCH}\texecution_complete" in text
    assert json.loads(render(listed, True))[0]["open_items"][0]["kind"]
