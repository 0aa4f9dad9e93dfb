"""Demo batches that wait for QA (``plant-server init-demo``): the demo recipe made effective
by the two demo QA people, and three finished batches of it run at ``DEMO-STATION-02``,
delivered through the ordinary push: one under review with open items (two major exceptions,
a correction, a conflict), one ready for release (its exception dispositioned and its audit trail
reviewed), one released. QA's acts are made through ``services.release`` with qa01's demo
password, as at the API."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.batch_execution.exceptions import (
    ExceptionKind,
    exception_content,
    raise_exception,
)
from operator_console.domain.batch_execution.signature_exceptions import correction_exception
from operator_console.domain.batch_execution.step_record import step_record_content
from operator_console.domain.canonical import JsonValue
from operator_console.domain.demo_data import DEMO_USERS, GOOD_BAG, GTIN
from operator_console.domain.recipes import RecipeRef, recipe_ref
from operator_console.domain.recipes.demo import demo_recipe_text
from operator_console.domain.recipes.model import Recipe, SignaturePolicy
from operator_console.domain.records import Meaning, RecordDraft, RecordType
from plant_server.models import Batch
from plant_server.recipe_models import RecipeVersion
from plant_server.services import release
from plant_server.services.batch_view import batch_view
from plant_server.services.batches import create_batch, get_batch
from plant_server.services.conflicts import raise_conflict
from plant_server.services.demo_station import DemoOutbox
from plant_server.services.recipes import approve_recipe, import_recipe, recipe_of

REVIEW_STATION = "DEMO-STATION-02"
UNDER_REVIEW, READY, RELEASED = "B-2026-0150", "B-2026-0151", "B-2026-0152"
_PASSWORDS = {u.user_id: u.password for u in DEMO_USERS}
_VIA = "plant-server-cli"

#: What each demo step recorded (the values a station's step screens record).
ACTUAL: dict[str, dict[str, JsonValue]] = {
    "BAY-CLEARANCE": {"confirmed": ["EMPTY", "CLEAN", "LABELS"]},
    "APHERESIS-RECEIPT": {"scan": GOOD_BAG, "typed": False},
    "CASSETTE-LOAD": {"cassette_record": None, "serial": "CS0150A1", "bay": "B1"},
    "ACTIVATION-REAGENT": {"lot": "R2611-04", "expiry": "2027-03-31", "typed": True},
    "ACTIVATION": {"channels": {"temperature": {"min": 36.8, "max": 37.2, "mean": 37.0},
                                "co2": {"min": 4.9, "max": 5.1, "mean": 5.0},
                                "ph": {"min": 7.1, "max": 7.3, "mean": 7.2}}, "alarms": []},
    "TRANSDUCTION": {"lot": "LV1908-11", "expiry": "2027-01-31", "typed": False},
    "EXPANSION": {"channels": {"temperature": {"min": 36.7, "max": 37.4, "mean": 37.0},
                               "ph": {"min": 7.0, "max": 7.3, "mean": 7.15},
                               "dissolved_o2": {"min": 38, "max": 52, "mean": 45}},
                  "alarms": []},
    "IPC-SAMPLE": {"sample_id": "CHA99992600142A-IPC-D7"},
    "CELL-COUNT": {"VCD": 3.42, "VIABILITY": 91.5},
    "HARVEST": {"VOLUME": 98, "TVC": 2.6},
    "FORMULATION": {"FILL-VOLUME": 70.2},
    "FINAL-LABEL-CHECK": {"scan": GOOD_BAG, "typed": False},
    "CASSETTE-UNLOAD": {"cassette_record": None, "serial": "CS0150A1", "bay": "B1"},
    "HANDOVER": {"confirmed": True},
}


def ensure_demo_recipe(session: Session) -> RecipeVersion:
    """The demo recipe's effective version (imported and approved by qa01 and qa03)."""
    found = session.scalars(select(RecipeVersion).where(
        RecipeVersion.recipe_id == "CART-CD19-AUTO", RecipeVersion.state == "effective")).first()
    if found is not None:
        return found
    row = session.scalars(select(RecipeVersion).where(
        RecipeVersion.recipe_id == "CART-CD19-AUTO")).first() or import_recipe(
        session, demo_recipe_text(), actor="system", fmt="json", reason="demo data")
    for qa in ("qa01", "qa03"):
        if row.state == "draft" and all(a.signer_id != qa for a in row.approvals):
            out = approve_recipe(session, str(row.id), user_id=qa, password=_PASSWORDS[qa],
                                 threshold=5, station=_VIA)
            assert out.refusal is None, out.refusal
    return row


def _exception(box: DemoOutbox, batch: str, ref: RecipeRef, kind: ExceptionKind, step: str,
               **evidence: JsonValue) -> str:
    draft = raise_exception(kind, step_id=step, **evidence)
    return box.record(RecordDraft(RecordType.EXCEPTION, batch, exception_content(draft, ref)),
                      "op01")


def _run(box: DemoOutbox, recipe: Recipe, ref: RecipeRef, batch: str, *,
         deviations: bool) -> dict[str, str]:
    """Every step in order, signed per its policy (op01 performs, ver01 verifies)."""
    exceptions: dict[str, list[str]] = {"ACTIVATION-REAGENT": [_exception(
        box, batch, ref, ExceptionKind.TYPED_ENTRY, "ACTIVATION-REAGENT", lot="R2611-04",
        expiry="2027-03-31", typed=True, material="ACT-CD3CD28")]}
    actual: dict[str, dict[str, Any]] = {k: dict(v) for k, v in ACTUAL.items()}
    if deviations:
        exceptions["EXPANSION"] = [_exception(
            box, batch, ref, ExceptionKind.PHASE_ALARM, "EXPANSION", channel="temperature",
            value=37.9, limit="high", seconds=94)]
        exceptions["CELL-COUNT"] = [_exception(
            box, batch, ref, ExceptionKind.OUT_OF_LIMITS, "CELL-COUNT", field="VCD", value=6.4,
            unit="×10⁶ cells/mL", limits={"low": 0.5, "high": 6.0})]
        actual["EXPANSION"]["channels"]["temperature"]["max"] = 37.9
        actual["CELL-COUNT"]["VCD"] = 6.4
    done: dict[str, str] = {}
    for step in recipe.steps:
        content = step_record_content(ref, step, actual[step.step_id],
                                      exceptions.get(step.step_id, ()))
        rid = box.record(RecordDraft(RecordType.STEP_RECORD, batch, content), "op01")
        box.sign(rid, "op01", Meaning.PERFORMED)
        if step.signature.policy is SignaturePolicy.TWO_PERSON:
            box.sign(rid, "ver01", Meaning.VERIFIED)
        done[step.step_id] = rid
    if deviations:  # the harvest volume corrected after the fact, with its exception
        harvest = recipe.step("HARVEST")
        assert harvest is not None
        fixed = step_record_content(ref, harvest, {**ACTUAL["HARVEST"], "VOLUME": 96})
        reason = "volume misread from the bag scale; re-weighed"
        cid = box.record(RecordDraft(RecordType.CORRECTION, batch, fixed, done["HARVEST"],
                                     reason), "op01")
        box.sign(cid, "op01", Meaning.PERFORMED)
        box.sign(cid, "ver01", Meaning.VERIFIED)
        draft = correction_exception(cid, done["HARVEST"], reason, step_id="HARVEST")
        box.record(RecordDraft(RecordType.EXCEPTION, batch, exception_content(draft, ref)),
                   "op01")
    return done


def _act(session: Session, batch: str, kind: str, *, reason: str,
         exception: str = "") -> None:
    user, password = "qa01", _PASSWORDS["qa01"]
    if kind == "disposition":
        out = release.disposition_exception(session, batch, exception, user_id=user,
                                            password=password, reason=reason, via=_VIA,
                                            threshold=5)
    elif kind == "audit_review":
        out = release.review_audit_trail(session, batch, user_id=user, password=password,
                                         reason=reason, via=_VIA, threshold=5)
    else:
        out = release.decide_batch(session, batch, kind, user_id=user, password=password,
                                   reason=reason, via=_VIA, threshold=5)
    assert out.refusal is None, out.refusal


def _typed_entry(session: Session, batch: str) -> str:
    view = batch_view(session, get_batch(session, batch))
    return next(e.exception_id for e in view.exceptions if e.kind.value == "typed_entry")


def seed_release_demo(session: Session) -> int:
    """The three demo batches waiting for or past QA (idempotent); returns how many were
    added."""
    if session.get(Batch, UNDER_REVIEW) is not None:
        return 0
    row = ensure_demo_recipe(session)
    recipe = recipe_of(row)
    ref = recipe_ref(recipe)
    box = DemoOutbox(session, REVIEW_STATION)
    for batch, patient in ((UNDER_REVIEW, "P-0150"), (READY, "P-0151"), (RELEASED, "P-0152")):
        create_batch(session, recipe=row.recipe_id, patient_id=patient, din="A999926100142",
                     coi="CHA99992600142A", station=REVIEW_STATION, actor="system",
                     batch_id=batch, reason="demo data")
        _run(box, recipe, ref, batch, deviations=batch == UNDER_REVIEW)
    refused = box.deliver()
    assert not refused, refused
    # The batch under review also had its cassette scanned at a second station meanwhile:
    # a conflict QA resolves in the review.
    raise_conflict(session, kind="cassette_loaded_twice", station=REVIEW_STATION,
                   other_station="DEMO-STATION-01",
                   summary=f"cassette {GTIN}/CS0150A1 of {UNDER_REVIEW} was loaded at "
                           f"{REVIEW_STATION} and scanned again at DEMO-STATION-01",
                   details={"batch": UNDER_REVIEW, "gtin": GTIN, "serial": "CS0150A1",
                            "first_station": REVIEW_STATION,
                            "second_station": "DEMO-STATION-01"})
    reason = "label damaged; lot and expiry checked against the certificate of analysis"
    for batch in (UNDER_REVIEW, READY, RELEASED):
        _act(session, batch, "disposition", exception=_typed_entry(session, batch),
             reason=reason)
    for batch in (READY, RELEASED):
        _act(session, batch, "audit_review", reason="audit trail read; notable entries "
             "explained by the dispositioned exception")
    _act(session, RELEASED, "release", reason="batch record complete; QC results within "
         "specification")
    return 3
