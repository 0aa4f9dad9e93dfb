"""``operator-console batch list|show``: the demo batches from the store, in plain words and
as JSON (recipe id, version and hash; steps with state and step records; exceptions with id,
kind, severity and state); an unknown batch is a one-line refusal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from operator_console.__main__ import main
from operator_console.domain.recipes import recipe_hash
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.store.db import DB_FILENAME


@pytest.fixture
def data(tmp_path: Path, batch_template: Path) -> Path:
    shutil.copy(batch_template / DB_FILENAME, tmp_path / DB_FILENAME)
    return tmp_path


def test_batch_list_in_words_and_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", "list", "--data-dir", str(data)]) == 0
    words = capsys.readouterr().out
    assert "B-2026-0142: recipe CART-CD19-AUTO version 1; BAY-CLEARANCE is to be done now" \
        in words
    assert "APHERESIS-RECEIPT recorded, waiting for a second person's verification" in words
    assert "B-2026-0144" in words and "blocked by a critical exception (wrong_patient)" in words
    assert main(["batch", "list", "--json", "--data-dir", str(data)]) == 0
    listed = {b["batch_id"]: b for b in json.loads(capsys.readouterr().out)}
    assert set(listed) == {"B-2026-0142", "B-2026-0143", "B-2026-0144"}
    assert listed["B-2026-0142"]["executable"] == ["BAY-CLEARANCE"]


def test_batch_show_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", "show", "B-2026-0144", "--json", "--data-dir", str(data)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["recipe"] == {"id": "CART-CD19-AUTO", "version": 1,
                               "hash": recipe_hash(demo_recipe()), "state": "effective"}
    assert shown["blocked"] is True and shown["executable"] == []
    first, second = shown["steps"][:2]
    assert first["id"] == "BAY-CLEARANCE" and first["state"] == "done"
    assert first["record"]["status"] == "complete" and first["record"]["verified_by"] == "ver01"
    assert second == {"id": "APHERESIS-RECEIPT", "type": "material_receipt",
                      "state": "blocked", "waits_on": None, "out_of_order": False,
                      "record": None}
    [exc] = shown["exceptions"]
    assert (exc["kind"], exc["severity"], exc["state"], exc["blocks"]) == (
        "wrong_patient", "critical", "open", True)
    assert len(exc["id"]) == 36


def test_an_unknown_batch_is_refused_in_one_line(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", "show", "B-1999-0001", "--data-dir", str(data)]) == 2
    assert capsys.readouterr().err.strip() == \
        "operator-console: no batch B-1999-0001 at this station"


def test_batch_show_words_each_exception_in_the_chosen_language(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The exception is stored as codes; ``show`` words it as the Batches page does."""
    assert main(["batch", "show", "B-2026-0144", "--json", "--data-dir", str(data)]) == 0
    [exc] = json.loads(capsys.readouterr().out)["exceptions"]
    assert exc["evidence"]["code"] == "din_not_for_patient" and exc["description"] == ""
    assert main(["batch", "show", "B-2026-0144", "--data-dir", str(data)]) == 0
    en = capsys.readouterr().out
    assert "Material of another patient refused: the bag's DIN does not belong to the " \
           "batch's patient." in en
    assert main(["batch", "show", "B-2026-0144", "--lang", "ja", "--data-dir", str(data)]) == 0
    ja = capsys.readouterr().out
    assert "他の患者の原料を検出し、受け付けませんでした：バッグのDINはこのバッチの患者のもの" \
           "ではありません" in ja
