"""The demo's batches run from the master recipe (``recipes/demo_car_t.json``), the same on
both sides (the console's ``--demo`` seeds them, the plant server's ``init-demo`` too): one
fresh, one midway (waiting for a verifier), one blocked by an open critical exception.
Plain data, no I/O."""

from __future__ import annotations

from operator_console.domain.demo_data import BATCHES, DEMO_BATCH, OTHER_BATCH, PRODUCT

BLOCKED_BATCH = "B-2026-0144"
#: (batch, patient, DIN, CoI) of the blocked batch's patient (the others are in demo_data).
BLOCKED_IDENTITY = (BLOCKED_BATCH, "P-0144", "A999926100144", "CHA99992600144C")
#: Every recipe-run demo batch: fresh (0142), midway (0143), blocked (0144).
RECIPE_BATCHES = (*BATCHES, BLOCKED_IDENTITY)
FRESH_BATCH, MIDWAY_BATCH = DEMO_BATCH, OTHER_BATCH
#: The master-data step shown before a recipe's step is known (the cassette registrations').
FIRST_STEP = "BAY-CLEARANCE"

__all__ = ["BLOCKED_BATCH", "BLOCKED_IDENTITY", "FIRST_STEP", "FRESH_BATCH", "MIDWAY_BATCH",
           "PRODUCT", "RECIPE_BATCHES"]
