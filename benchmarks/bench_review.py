"""Opening the QA review of a batch of 10,000 entries at the plant server.

A finished demo batch (the demo recipe's 14 steps, signed per their policies) with signed
comments added until the station has delivered ``n`` outbox entries (records, signatures and
their audit entries), all through the ordinary ``services.push.push`` into a SQLite server
database. Measured: ``services.review.batch_review`` — the gate, the exceptions, the steps,
the audit trail with the notable entries flagged — and its JSON, as ``GET
/batches/{id}/review`` answers it. Baseline, same run and same database: reading the same rows
(the batch's records, their signatures, the station's audit entries) and parsing their JSON,
with nothing judged.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import select

from operator_console.domain.canonical import JsonValue
from operator_console.domain.records import Meaning, RecordDraft, RecordType
from plant_server.db import Database
from plant_server.models import Record, Signature, StationAudit
from plant_server.security import set_password_hasher
from plant_server.services.batches import create_batch
from plant_server.services.demo import init_demo
from plant_server.services.demo_release import REVIEW_STATION, _run, ensure_demo_recipe
from plant_server.services.demo_station import DemoOutbox
from plant_server.services.recipes import recipe_of
from plant_server.services.review import batch_review

BATCH = "B-2026-9000"
QUICK = {"n": 1_000}  # run_all --quick


def build(db: Database, n: int) -> int:
    """The batch with about ``n`` pushed entries; returns the count delivered."""
    from operator_console.domain.recipes import recipe_ref

    with db.transaction() as session:
        init_demo(session, batches=False)
        row = ensure_demo_recipe(session)
        recipe = recipe_of(row)
        box = DemoOutbox(session, REVIEW_STATION)  # the station that ran the batch
        create_batch(session, recipe=row.recipe_id, patient_id="P-9000", din="A999926100142",
                     coi="CHA99992600142A", station=REVIEW_STATION, actor="bench",
                     batch_id=BATCH)
        box = DemoOutbox(session, REVIEW_STATION)
        _run(box, recipe, recipe_ref(recipe), BATCH, deviations=True)
        delivered = len(box.entries)
        refused = box.deliver()
        assert not refused, refused
    i = 0
    while delivered < n:
        with db.transaction() as session:
            box = DemoOutbox(session, REVIEW_STATION)
            while len(box.entries) < min(2_000, n - delivered):
                i += 1
                body: dict[str, JsonValue] = {"text": f"observation {i}: bag checked, no leak"}
                rid = box.record(RecordDraft(RecordType.COMMENT, BATCH, body), "op01")
                box.sign(rid, "op01", Meaning.PERFORMED)
            delivered += len(box.entries)
            refused = box.deliver()
            assert not refused, refused[:3]
    return delivered


def baseline(db: Database) -> float:
    with db.transaction() as session:
        t0 = time.perf_counter()
        records = list(session.scalars(select(Record).where(Record.batch_id == BATCH)))
        ids = [r.record_id for r in records]
        for r in records:
            json.loads(r.content_json)
        sigs = 0
        for start in range(0, len(ids), 500):
            sigs += len(list(session.scalars(select(Signature).where(
                Signature.record_id.in_(ids[start:start + 500])))))
        for a in session.scalars(select(StationAudit)):
            json.loads(a.fields_json)
        return time.perf_counter() - t0


def review(db: Database) -> tuple[float, int]:
    with db.transaction() as session:
        t0 = time.perf_counter()
        body = batch_review(session, BATCH).as_dict()
        text = json.dumps(body, ensure_ascii=False)
        return time.perf_counter() - t0, len(text)


def run(n: int = 10_000) -> list[tuple[str, float, str]]:
    previous = set_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024,
                                                  parallelism=1))
    try:
        with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp:
            db = Database(f"sqlite:///{Path(tmp) / 'plant.sqlite3'}")
            try:
                t0 = time.perf_counter()
                delivered = build(db, n)
                build_s = time.perf_counter() - t0
                base = min(baseline(db) for _ in range(3))
                runs = [review(db) for _ in range(3)]
                open_s = min(r[0] for r in runs)
                size = runs[0][1]
            finally:
                db.dispose()
    finally:
        set_password_hasher(previous)
    return [
        (f"review: build a batch of {delivered:,} pushed entries", build_s, "s"),
        (f"review: open the review ({delivered:,} entries, JSON {size / 1e6:.1f} MB)",
         open_s, "s"),
        ("review: baseline, read and parse the same rows", base, "s"),
        ("review: open vs baseline", open_s / base, "x baseline"),
    ]


if __name__ == "__main__":
    import sys

    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:60s} {value:14,.3f} {unit}")
