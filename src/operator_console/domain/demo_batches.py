"""The demo's batches run from the master recipe (``recipes/demo_car_t.json``), the same on
both sides (the console's ``--demo`` seeds them, the plant server's ``init-demo`` too): one
fresh, one midway (waiting for a verifier), one blocked by an open critical exception.
Plain data, no I/O."""

from __future__ import annotations

from operator_console.domain.demo_data import (
    BATCHES,
    DEMO_BATCH,
    GOOD_BAG,
    OTHER_BATCH,
    PRODUCT,
    bag_label,
)

BLOCKED_BATCH = "B-2026-0144"
#: (batch, patient, DIN, CoI) of the blocked batch's patient (the others are in demo_data).
BLOCKED_IDENTITY = (BLOCKED_BATCH, "P-0144", "A999926100144", "CHA99992600144C")
#: Every recipe-run demo batch: fresh (0142), midway (0143), blocked (0144).
RECIPE_BATCHES = (*BATCHES, BLOCKED_IDENTITY)
FRESH_BATCH, MIDWAY_BATCH = DEMO_BATCH, OTHER_BATCH

ACTIVATION_REAGENT = "(01)04569951120039(17)301231(10)AC2611"
VECTOR = "(01)04569951120046(17)301231(10)LV2611"
OTHER_PATIENT_BAG = bag_label("A99992610014387", coi="CHA99992600143B")
#: (what it demonstrates, text to scan) per step type, for the step screens' demo hint.
DEMO_STEP_LABELS: dict[str, tuple[tuple[str, str], ...]] = {
    "material_receipt": (("good bag", GOOD_BAG),
                         ("bag of another patient", OTHER_PATIENT_BAG),
                         ("expired bag", bag_label(expiry="0260012359"))),
    "reagent": (("activation reagent", ACTIVATION_REAGENT), ("vector", VECTOR),
                ("expired vector", "(01)04569951120046(17)251130(10)LV2611"),
                ("another material", "(01)04569951120039(17)301231(10)AC1")),
    "sample": (("sample of this batch (B-2026-0142)", "CHA99992600142A-IPC-D7"),
               ("sample of another patient", "CHA99992600143B-IPC-D7")),
}

__all__ = ["ACTIVATION_REAGENT", "BLOCKED_BATCH", "BLOCKED_IDENTITY", "DEMO_STEP_LABELS",
           "FRESH_BATCH", "MIDWAY_BATCH", "OTHER_PATIENT_BAG", "PRODUCT", "RECIPE_BATCHES",
           "VECTOR"]
