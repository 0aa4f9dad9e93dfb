"""Producing the batch report at the plant server for a batch of 10,000 pushed entries.

The batch is the completed demo batch (``plant_server.services.demo_batch``: every step of
the CAR-T recipe, its exceptions and dispositions, two instrument phases with their process
data in chunks) plus signed comments, until the station has pushed ``n`` entries for it
(records, signatures, audit entries, process-data chunks), all through the server's ordinary
push. Measured: the report's content from the database (facts, phase data reassembled and
hash-checked, the JSON twin), and the PDF in Japanese (reportlab, trend charts). Baseline, in
the same run: reading the same rows (the batch's records, their signatures, the chunks) and
parsing their JSON, which any report must at least do.
"""

from __future__ import annotations

import json
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import select

from operator_console.domain.batch_report import build_document, report_content
from operator_console.domain.records import Meaning, RecordDraft, RecordType
from plant_server.db import Database
from plant_server.models import Record, Signature
from plant_server.process_data_models import ProcessDataChunk
from plant_server.reports.pdf import write_report_pdf
from plant_server.security import set_password_hasher
from plant_server.services import demo_batch as demo
from plant_server.services.batches import create_batch
from plant_server.services.common import utcnow
from plant_server.services.demo import init_demo
from plant_server.services.demo_station import DemoOutbox
from plant_server.services.recipes import recipe_of
from plant_server.services.report import batch_report_facts
from plant_server.services.stations import add_station

QUICK = {"n": 1_000}  # run_all --quick


def build(database: Database, n: int) -> int:
    """The batch with ``n`` (or a few more) pushed entries; returns how many."""
    previous = set_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024,
                                                  parallelism=1))
    try:
        with database.transaction() as s:
            init_demo(s, batches=False)
            row = demo._effective_demo_recipe(s)
            station, _ = add_station(s, demo.HISTORY_STATION, actor="bench", minutes=1)
            create_batch(s, recipe=f"{row.recipe_id}:{row.version}", patient_id=demo.PATIENT,
                         din=demo.DIN, coi=demo.COI, station=demo.HISTORY_STATION,
                         actor="bench", batch_id=demo.COMPLETED_BATCH)
            start = utcnow() - timedelta(days=13)
            demo._held_verifiers(s, station, since=start - timedelta(days=1))
            st = DemoOutbox(s, station)
            demo._run(st, recipe_of(row), start)
            at = start + timedelta(days=12)
            i = 0
            while len(st.entries) < n:
                i += 1
                rec = st.record(RecordDraft(RecordType.COMMENT, demo.COMPLETED_BATCH,
                                            {"text": f"observation {i}"}), "op01",
                                at + timedelta(seconds=i))
                st.sign(rec, "op01", Meaning.PERFORMED, at + timedelta(seconds=i + 1),
                        online=False)
            s.flush()
            refused = st.deliver()
            if refused:
                raise RuntimeError(f"bench entries refused: {refused[:3]}")
            return len(st.entries)
    finally:
        set_password_hasher(previous)


def baseline_read(database: Database) -> float:
    """Seconds to read and parse the rows the report is made from."""
    t0 = time.perf_counter()
    with database.transaction() as s:
        records = [json.loads(t) for t in s.scalars(select(Record.content_json).where(
            Record.batch_id == demo.COMPLETED_BATCH))]
        ids = list(s.scalars(select(Record.record_id).where(
            Record.batch_id == demo.COMPLETED_BATCH)))
        sigs = 0
        for i in range(0, len(ids), 500):
            sigs += len(list(s.scalars(select(Signature).where(
                Signature.record_id.in_(ids[i:i + 500])))))
        chunks = [json.loads(t) for t in s.scalars(select(ProcessDataChunk.chunk_json))]
    assert records and sigs and chunks
    return time.perf_counter() - t0


def run(n: int = 10_000) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        database = Database(f"sqlite:///{Path(tmp) / 'plant.sqlite3'}")
        try:
            t0 = time.perf_counter()
            entries = build(database, n)
            build_s = time.perf_counter() - t0
            base_s = min(baseline_read(database) for _ in range(3))
            t0 = time.perf_counter()
            with database.transaction() as s:
                content = report_content(batch_report_facts(s, demo.COMPLETED_BATCH))
            content_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            pages = write_report_pdf(build_document(content, "ja"), str(Path(tmp) / "r.pdf"))
            pdf_s = time.perf_counter() - t0
        finally:
            database.dispose()
    total = content_s + pdf_s
    return [
        (f"report: build a batch of {entries:,} pushed entries", build_s, "s"),
        ("report: baseline, read and parse the batch's rows", base_s, "s"),
        ("report: content and JSON twin from the database", content_s, "s"),
        (f"report: PDF in Japanese ({pages} pages, trends)", pdf_s, "s"),
        ("report: whole report (content + PDF)", total, "s"),
        ("report: whole report vs baseline", total / base_s, "x baseline"),
    ]


if __name__ == "__main__":
    import sys

    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:55s} {value:14,.3f} {unit}")
