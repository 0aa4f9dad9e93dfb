"""The real thing, on SQLite and PostgreSQL: a served ``plant-server`` process checks pushed
step records against the pinned recipe (an out-of-order step and a step on a superseded
version raise conflicts, a never-effective version is refused), and ``plant-server batch
show|release`` in their own processes show the gate and refuse the release with every
reason, then release once QA has closed everything."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx

from operator_console.domain.recipes.demo import demo_recipe_text
from tests.helpers.server_process import ROOT, serving
from tests.plant_server.helpers import API, StationClient
from tests.plant_server.release_helpers import push_all, step_entries
from tests.plant_server.test_recipe_server_process import cli, db_url  # noqa: F401

BATCH = "B-2026-0950"


def _fails(db: str, *argv: str, stdin: str = "") -> str:
    done = subprocess.run([sys.executable, "-m", "plant_server", *argv, "--db", db], cwd=ROOT,
                          input=stdin, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout
    return done.stderr


def test_step_checks_and_release_gate_through_real_processes(db_url: str,  # noqa: F811
                                                             tmp_path: Path) -> None:
    v1, v2 = tmp_path / "v1.json", tmp_path / "v2.json"
    v1.write_text(demo_recipe_text(), "utf-8")
    data = json.loads(demo_recipe_text())
    data["version"] = 2
    v2.write_text(json.dumps(data), "utf-8")
    cli(db_url, "init-demo", "--no-batches")
    code = re.search(r"enrollment code (\S+)", cli(db_url, "add-station", "PROC-2"))
    assert code is not None
    cli(db_url, "recipe", "import", str(v1))
    for qa in ("qa01", "qa03"):
        cli(db_url, "recipe", "approve", "CART-CD19-AUTO:1", "--user", qa, "--password-stdin",
            stdin=f"demo-{qa}\n")
    cli(db_url, "batch", "create", "--recipe", "CART-CD19-AUTO", "--patient", "P-0950",
        "--din", "A999926100142", "--coi", "CHA99992600142A", "--station", "PROC-2",
        "--batch-id", BATCH)

    with serving(db_url) as base, httpx.Client(base_url=base, timeout=20) as http:
        enrolled = http.post(f"{API}/enroll", json={"code": code.group(1),
                                                    "station_name": "PROC-2"})
        assert enrolled.status_code == 200
        station = StationClient(http, "PROC-2", enrolled.json()["credential"])
        # In order, then CASSETTE-LOAD before ACTIVATION-REAGENT's stage... out of order.
        entries = step_entries(station, "BAY-CLEARANCE", batch=BATCH)[1]
        entries += step_entries(station, "APHERESIS-RECEIPT", batch=BATCH)[1]
        entries += step_entries(station, "ACTIVATION-REAGENT", batch=BATCH)[1]
        assert {r["status"] for r in push_all(station, entries)} == {"accepted"}
        kinds = [c["kind"] for c in http.get(f"{API}/conflicts",
                                             headers=station.headers).json()["conflicts"]]
        assert kinds == ["step_out_of_order"]  # ACTIVATION-REAGENT before CASSETTE-LOAD

        # Version 2 becomes effective; the batch goes on on version 1: a conflict.
        cli(db_url, "recipe", "import", str(v2))
        for qa in ("qa01", "qa03"):
            cli(db_url, "recipe", "approve", "CART-CD19-AUTO:2", "--user", qa,
                "--password-stdin", stdin=f"demo-{qa}\n")
        entries = step_entries(station, "CASSETTE-LOAD", batch=BATCH)[1]
        assert {r["status"] for r in push_all(station, entries)} == {"accepted"}
        kinds = [c["kind"] for c in http.get(f"{API}/conflicts",
                                             headers=station.headers).json()["conflicts"]]
        assert kinds == ["step_out_of_order", "step_on_superseded_recipe"]

    shown = json.loads(cli(db_url, "batch", "show", BATCH, "--json"))
    assert shown["state"] == "in_process" and shown["disposition"] is None
    found = {i["kind"] for i in shown["open_items"]}
    assert {"execution_incomplete", "open_conflict", "audit_review_missing",
            "not_under_review"} <= found
    assert all(i["reason"] for i in shown["open_items"])
    refused = _fails(db_url, "batch", "release", BATCH, "--user", "qa03", "--reason", "ok",
                     "--password-stdin", stdin="demo-qa03\n")
    assert "release refused" in refused and "open_conflict" in refused
    listed = json.loads(cli(db_url, "batch", "list", "--json"))
    assert [b["state"] for b in listed if b["batch_id"] == BATCH] == ["in_process"]
    held = cli(db_url, "batch", "hold", BATCH, "--user", "qa03", "--reason",
               "superseded recipe: QA to assess", "--password-stdin", stdin="demo-qa03\n")
    assert "state on_hold" in held
    shown = json.loads(cli(db_url, "batch", "show", BATCH, "--json"))
    assert shown["state"] == "on_hold" and shown["disposition"]["target"] == "hold"
    assert shown["disposition"]["meaning"] == "approved"
