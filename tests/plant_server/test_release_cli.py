"""``plant-server batch release|reject|hold|resume|list|show`` on SQLite and PostgreSQL: the
release through the gate with the QA person's password from stdin (never an argument), the
JSON the batch report and the tests read (state, open_items, disposition)."""

from __future__ import annotations

import json

import pytest

from plant_server.__main__ import main
from plant_server.db import Database
from tests.plant_server.helpers import StationClient
from tests.plant_server.release_helpers import BATCH, act, effective_recipe_and_batch, run_batch
from tests.plant_server.test_recipe_cli import run


# The CLI opens the database by URL: on PostgreSQL that is the shared database, not the
# test's private schema (the API tests cover PostgreSQL), so SQLite here.
@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_release_from_the_command_line(station: StationClient, database: Database,
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    db = ["--db", database.url]
    effective_recipe_and_batch(database)
    run_batch(station)
    shown = json.loads(run(capsys, monkeypatch, "batch", "show", BATCH, "--json", *db)[1])
    assert shown["state"] == "execution_complete" and shown["disposition"] is None
    assert {i["kind"] for i in shown["open_items"]} == {"audit_review_missing",
                                                         "not_under_review"}
    code, _, err = run(capsys, monkeypatch, "batch", "release", BATCH, "--user", "qa03",
                       "--reason", "complete", "--password-stdin", *db, stdin="demo-qa03\n")
    assert code == 1 and "release refused, 2 open item(s)" in err
    assert act(station, f"{BATCH}/audit-review", reason="read").status_code == 200
    code, _, err = run(capsys, monkeypatch, "batch", "release", BATCH, "--user", "qa03",
                       "--reason", "complete", "--password-stdin", *db, stdin="wrong\n")
    assert code == 1 and "bad_credentials" in err and "4 attempts left" in err
    code, _, err = run(capsys, monkeypatch, "batch", "release", BATCH, "--user", "op01",
                       "--reason", "complete", "--password-stdin", *db, stdin="demo-op01\n")
    assert code == 1 and ("not_qa" in err or "does not hold the QA role" in err)
    code, out, _ = run(capsys, monkeypatch, "batch", "release", BATCH, "--user", "qa03",
                       "--reason", "batch record complete", "--password-stdin", *db,
                       stdin="demo-qa03\n")
    assert code == 0 and "state released" in out
    shown = json.loads(run(capsys, monkeypatch, "batch", "show", BATCH, "--json", *db)[1])
    assert shown["state"] == "released" and shown["open_items"] == []
    assert shown["disposition"]["target"] == "release"
    assert shown["disposition"]["signer_id"] == "qa03"
    listed = json.loads(run(capsys, monkeypatch, "batch", "list", "--json", *db)[1])
    assert [b["state"] for b in listed if b["batch_id"] == BATCH] == ["released"]
    code, _, err = run(capsys, monkeypatch, "batch", "reject", BATCH, "--user", "qa03",
                       "--reason", "late", "--password-stdin", *db, stdin="demo-qa03\n")
    assert code == 1 and "released" in err


def test_no_password_argument(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["batch", "release", BATCH, "--user", "qa03", "--reason", "x", "--password", "y"])
    assert "unrecognized arguments" in capsys.readouterr().err
