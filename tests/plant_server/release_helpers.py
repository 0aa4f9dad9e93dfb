"""Running a batch of the demo recipe through a real plant server (HTTP), as a station would
push it: step records with their signatures (online, with signing proofs), exceptions, and
the QA acts at the server."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from operator_console.domain.batch_execution.exceptions import (
    ExceptionKind,
    exception_content,
    raise_exception,
)
from operator_console.domain.batch_execution.step_record import step_record_content
from operator_console.domain.recipes import recipe_ref
from operator_console.domain.recipes.demo import demo_recipe, demo_recipe_text
from operator_console.domain.recipes.model import SignaturePolicy
from operator_console.domain.records import Meaning, RecordType
from plant_server.db import Database
from plant_server.services.batches import create_batch
from plant_server.services.recipes import approve_recipe, import_recipe
from tests.plant_server.helpers import API, StationClient

RECIPE = demo_recipe()
REF = recipe_ref(RECIPE)
BATCH = "B-2026-0900"


def effective_recipe_and_batch(database: Database, station: str = "DEMO-STATION-01",
                               batch_id: str = BATCH) -> None:
    with database.transaction() as session:
        import_recipe(session, demo_recipe_text(), actor="admin", fmt="json")
    for qa in ("qa01", "qa03"):
        with database.transaction() as session:
            out = approve_recipe(session, "CART-CD19-AUTO:1", user_id=qa,
                                 password=f"demo-{qa}", threshold=5)
            assert out.refusal is None
    new_batch(database, station, batch_id)


def new_batch(database: Database, station: str, batch_id: str) -> None:
    with database.transaction() as session:
        create_batch(session, recipe="CART-CD19-AUTO", patient_id="P-0900",
                     din="A999926100142", coi="CHA99992600142A", station=station,
                     actor="admin", batch_id=batch_id)


def step_entries(station: StationClient, step_id: str, *, batch: str = BATCH,
                 exceptions: Sequence[str] = (), performer: str = "op01",
                 verifier: str | None = "ver01", content: dict[str, Any] | None = None,
                 ) -> tuple[str, list[dict[str, Any]]]:
    """A step record and its signatures (verified when the recipe's policy says two)."""
    step = RECIPE.step(step_id)
    assert step is not None
    body = content or step_record_content(REF, step, {"demo": step_id}, exceptions)
    record_id, entry = station.record(RecordType.STEP_RECORD, body, created_by=performer,
                                      batch=batch)
    out = [entry, station.signature(record_id, performer, Meaning.PERFORMED)]
    if step.signature.policy is SignaturePolicy.TWO_PERSON and verifier is not None:
        out.append(station.signature(record_id, verifier, Meaning.VERIFIED))
    return record_id, out


def exception_entry(station: StationClient, kind: ExceptionKind, step_id: str | None, *,
                    batch: str = BATCH, **evidence: Any) -> tuple[str, dict[str, Any]]:
    draft = raise_exception(kind, step_id=step_id, **evidence)
    return station.record(RecordType.EXCEPTION, exception_content(draft, REF),
                          created_by="op01", batch=batch)


def push_all(station: StationClient, entries: list[dict[str, Any]],
             outbox_head: int | None = None) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for start in range(0, len(entries), 200):
        body: dict[str, Any] = {"entries": entries[start:start + 200]}
        if outbox_head is not None:
            body["outbox_head"] = outbox_head
        response = station.http.post(f"{API}/push", json=body, headers=station.headers)
        assert response.status_code == 200, response.text
        results += response.json()["results"]
    return results


def run_batch(station: StationClient, *, batch: str = BATCH, skip: Sequence[str] = (),
              exceptions: dict[str, list[str]] | None = None,
              verifier_of: dict[str, str] | None = None) -> dict[str, str]:
    """Every step of the recipe in order (except ``skip``); returns step -> record ID."""
    done: dict[str, str] = {}
    entries: list[dict[str, Any]] = []
    for step in RECIPE.steps:
        if step.step_id in skip:
            continue
        rid, more = step_entries(station, step.step_id, batch=batch,
                                 exceptions=(exceptions or {}).get(step.step_id, ()),
                                 verifier=(verifier_of or {}).get(step.step_id, "ver01"))
        done[step.step_id] = rid
        entries += more
    results = push_all(station, entries)
    bad = [(r["station_seq"], r["reason"]) for r in results if r["status"] != "accepted"]
    assert bad == [], bad
    return done


def act(station: StationClient, path: str, user: str = "qa03", *, reason: str = "checked",
        password: str | None = None, **extra: Any) -> Any:
    return station.http.post(f"{API}/batches/{path}", headers=station.headers, json={
        "user_id": user, "password": password or f"demo-{user}", "reason": reason, **extra})


def review(station: StationClient, batch: str = BATCH) -> dict[str, Any]:
    response = station.http.get(f"{API}/batches/{batch}/review", headers=station.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def kinds(items: list[dict[str, Any]]) -> set[str]:
    return {i["kind"] for i in items}
