"""The real thing, on SQLite and PostgreSQL: ``plant-server`` commands in their own processes
import and approve the demo recipe (passwords on stdin) and create a batch; a served process
hands the batch to its enrolled station with the recipe pinned by its hash."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from operator_console.domain.recipes import recipe_from_data, recipe_hash
from operator_console.domain.recipes.demo import demo_recipe, demo_recipe_text
from plant_server.db import make_engine
from tests.helpers.server_process import ROOT, serving
from tests.pg import postgres_url_or_skip
from tests.plant_server.helpers import API, StationClient


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'served.sqlite3'}"
        return
    url = postgres_url_or_skip()
    schema = f"plant_proc_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{url}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def cli(db_url: str, *argv: str, stdin: str = "") -> str:
    done = subprocess.run([sys.executable, "-m", "plant_server", *argv, "--db", db_url],
                          cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_recipe_to_batch_to_station_through_real_processes(db_url: str,
                                                           tmp_path: Path) -> None:
    recipe_file = tmp_path / "car-t.json"
    recipe_file.write_text(demo_recipe_text(), "utf-8")
    cli(db_url, "init-demo", "--no-batches")
    code = re.search(r"enrollment code (\S+)", cli(db_url, "add-station", "PROC-1"))
    assert code is not None
    cli(db_url, "user", "add", "qa02", "--name", "Sarah Lee", "--password-stdin",
        stdin="demo-qa02\n")
    cli(db_url, "user", "grant-role", "qa02", "qa")
    assert "imported draft" in cli(db_url, "recipe", "import", str(recipe_file))
    cli(db_url, "recipe", "approve", "CART-CD19-AUTO:1", "--user", "qa01", "--password-stdin",
        stdin="demo-qa01\n")
    assert "\teffective\t" in cli(db_url, "recipe", "approve", "CART-CD19-AUTO:1", "--user",
                                  "qa02", "--password-stdin", stdin="demo-qa02\n")
    cli(db_url, "batch", "create", "--recipe", "CART-CD19-AUTO", "--patient", "P-0500",
        "--din", "A999926100142", "--coi", "CHA99992600142A", "--station", "PROC-1",
        "--batch-id", "B-2026-0500")

    with serving(db_url) as base, httpx.Client(base_url=base, timeout=10) as http:
        enrolled = http.post(f"{API}/enroll", json={"code": code.group(1),
                                                    "station_name": "PROC-1"})
        assert enrolled.status_code == 200
        station = StationClient(http, "PROC-1", enrolled.json()["credential"])
        body = station.pull(0)
    mine = [b for b in body["batches"] if b["batch_id"] == "B-2026-0500"]
    assert len(mine) == 1 and mine[0]["station_name"] == "PROC-1"
    digest = recipe_hash(demo_recipe())
    assert mine[0]["recipe"] == {"id": "CART-CD19-AUTO", "version": 1, "hash": digest}
    [recipe] = body["recipes"]
    assert recipe["hash"] == digest and recipe_from_data(recipe["content"]) == demo_recipe()
