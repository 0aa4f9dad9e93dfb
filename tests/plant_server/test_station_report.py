"""A batch executed at a station (pulled with its pinned recipe, every step recorded and
signed, exceptions raised, the phases' process data queued) and synced: the station's own
report and the plant server's say the same about its steps, exceptions and phases; the
station's Qt PDF carries its twin's SHA-256 on every page and reads as plain language."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from operator_console.application.batch_report import export_batch_report
from operator_console.application.phase_data import PhaseDataSender
from operator_console.domain.process_data import KIND
from operator_console.domain.recipes import recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.instruments.ringbuffer import RingBuffer
from operator_console.services import Services
from operator_console.store.models import OutboxEntry
from operator_console.sync.apply import apply_pull
from plant_server.cli_report import make_report
from plant_server.db import Database
from plant_server.services.users import set_allowed_stations
from tests.helpers.station_batch import execute_demo_batch
from tests.plant_server.helpers import StationClient
from tests.plant_server.test_batch_reaches_console import effective_batch

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
RECIPE = demo_recipe()
REF = recipe_ref(RECIPE)
BATCH = "B-2026-0200"


def _push_all(svc: Services, station: StationClient) -> None:
    """Push the whole outbox; nothing of the batch may be refused. (The seed records the
    session's console template signed before this server ever issued verifiers may be: they
    predate the station's first pull here.)"""
    with svc.db.read() as s:
        entries = [{"entry_id": r.entry_id, "station_seq": r.station_seq, "kind": r.kind,
                    "payload": json.loads(r.payload_json), "payload_hash": r.payload_hash}
                   for r in s.scalars(select(OutboxEntry).order_by(OutboxEntry.station_seq))]
    results = []
    for chunk in range(0, len(entries), 100):
        results += station.push(*entries[chunk:chunk + 100])
    ours = {e["payload"]["record"]["record_id"] for e in entries if e["kind"] == "record"
            and e["payload"]["record"]["batch"] == BATCH}
    refused = [(e["kind"], r["reason"]) for e, r in zip(entries, results, strict=True)
               if r["status"] != "accepted" and (
                   e["kind"] == KIND or e["payload"].get("record_id") in ours
                   or e["payload"].get("record", {}).get("record_id") in ours)]
    assert refused == []


def test_station_and_server_reports_agree(station: StationClient, database: Database,
                                          svc: Services, tmp_path: Path,
                                          qapp: object) -> None:
    # qapp: the widgets' QApplication, made by pytest-qt, so that the PDF does not make a
    # bare QGuiApplication that a later UI test in the same process could not use
    effective_batch(database)
    with database.transaction() as session:  # who works here gets offline credentials
        for user in ("op01", "op02", "ver01", "ver02", "qa01"):  # (op02, ver02: seed records)
            set_allowed_stations(session, user, ["DEMO-STATION-01"], actor="admin",
                                 reason="test")
    apply_pull(svc.db, svc.audit, station.pull(0))
    buffers: dict[str, RingBuffer] = {}
    execute_demo_batch(svc, BATCH, buffers)
    assert PhaseDataSender(svc.db, buffers.get, lambda *_: [], lambda *_: []).run_once() == 2
    _push_all(svc, station)

    pdf, twin = tmp_path / "station.pdf", tmp_path / "station.json"
    from operator_console.ui.reports.batch_report_pdf import render_report_pdf

    result = export_batch_report(svc.db, BATCH, "ja", render_report_pdf, pdf, twin)
    at_station = json.loads(twin.read_bytes())
    with database.transaction() as session:
        at_server = make_report(session, BATCH)
    for part in ("steps", "exceptions", "phases", "recipe"):
        assert at_station[part] == at_server[part], part
    assert at_station["made"]["by"] == "station" and at_server["made"]["by"] == "plant_server"
    assert len(at_station["phases"]) == 2 and all(p["data_hash"] for p in at_station["phases"])
    assert {e["kind"] for e in at_station["exceptions"]} >= {"phase_alarm", "out_of_limits"}

    digest = hashlib.sha256(twin.read_bytes()).hexdigest()
    assert digest == result.sha256
    # As printed, not normalised: the report font leaves the radicals out (ui/reports/fonts.py),
    # so the text layer holds the ideographs, never a Kangxi radical that looks alike.
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert not re.search("[\u2e80-\u2fdf]", text)
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) == result.pages >= 4
    for n, page in enumerate(pages, start=1):
        assert digest in page and f"{n}/{len(pages)}ページ" in page, n
    assert not re.search(r'[{}]|":', text)
    assert not re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text)
    for words in ("製造記録（認証済み複製）", "範囲外", "装置フェーズのトレンド", "未判定",
                  "監査証跡の照査の記録はありません", "山田 花子", "佐藤 健", "JST", "UTC"):
        assert words in text, words
