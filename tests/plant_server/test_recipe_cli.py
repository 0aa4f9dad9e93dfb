"""``plant-server recipe import|approve|list|show`` and ``batch create|list|show`` end to end
on SQLite, the password read from stdin (never argv); and the 0004 migration matches the
models."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from operator_console.domain.recipes import recipe_hash
from operator_console.domain.recipes.demo import demo_recipe, demo_recipe_text
from plant_server.__main__ import main
from plant_server.db import Database
from plant_server.models import Base

HELP = (["recipe"], ["recipe", "import"], ["recipe", "approve"], ["recipe", "list"],
        ["recipe", "show"], ["batch"], ["batch", "create"], ["batch", "list"],
        ["batch", "show"])


@pytest.mark.parametrize("words", HELP, ids=" ".join)
def test_help(words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*words, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: plant-server")
    if len(words) == 2:
        assert "--db URL" in out


def test_approve_takes_no_password_argument(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["recipe", "approve", "1", "--user", "qa01", "--password", "x"])
    assert "unrecognized arguments" in capsys.readouterr().err


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.strip(), captured.err.strip()


def test_recipe_and_batch_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'cli.sqlite3'}"]
    digest = recipe_hash(demo_recipe())
    assert run(capsys, monkeypatch, "init-demo", "--no-batches", *db)[0] == 0
    assert run(capsys, monkeypatch, "add-station", "ST-1", *db)[0] == 0
    assert run(capsys, monkeypatch, "user", "add", "qa02", "--name", "Sarah Lee",
               "--password-stdin", *db, stdin="demo-qa02\n")[0] == 0
    assert run(capsys, monkeypatch, "user", "grant-role", "qa02", "qa", *db)[0] == 0
    file = tmp_path / "car-t.json"
    file.write_text(demo_recipe_text(), "utf-8")
    code, out, _ = run(capsys, monkeypatch, "recipe", "import", str(file), *db)
    assert code == 0 and out.startswith("imported draft 1\tCART-CD19-AUTO\tv1\tdraft")
    assert digest in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nrecipe_id: X\nversion: zero\n", "utf-8")
    code, _, err = run(capsys, monkeypatch, "recipe", "import", str(bad), *db)
    assert code == 1 and "line 3: version: must be a whole number" in err

    code, _, err = run(capsys, monkeypatch, "recipe", "approve", "1", "--user", "qa01",
                       "--password-stdin", *db, stdin="wrong\n")
    assert code == 1 and err == ("plant-server: error: not approved: bad_credentials "
                                 "(4 attempts left)")
    code, out, _ = run(capsys, monkeypatch, "recipe", "approve", "1", "--user", "qa01",
                       "--password-stdin", *db, stdin="demo-qa01\n")
    assert code == 0 and "1/2 approvals" in out
    code, _, err = run(capsys, monkeypatch, "batch", "create", "--recipe", "CART-CD19-AUTO",
                       "--patient", "P-1", "--din", "A999926100142", "--coi",
                       "CHA99992600142A", "--station", "ST-1", *db)
    assert code == 1 and "no recipe 'CART-CD19-AUTO'" in err  # not effective yet
    code, out, _ = run(capsys, monkeypatch, "recipe", "approve", "CART-CD19-AUTO:1",
                       "--user", "qa02", "--password-stdin", *db, stdin="demo-qa02\n")
    assert code == 0 and "\teffective\t2/2 approvals" in out

    code, out, _ = run(capsys, monkeypatch, "recipe", "list", "--json", *db)
    [listed] = json.loads(out)
    assert (listed["state"], listed["hash"]) == ("effective", digest)
    assert [a["signer_id"] for a in listed["approvals"]] == ["qa01", "qa02"]
    code, out, _ = run(capsys, monkeypatch, "recipe", "show", "CART-CD19-AUTO", *db)
    assert code == 0 and "\tCELL-COUNT\tdata_entry\ttwo_person\tEXPANSION\t" in out
    code, out, _ = run(capsys, monkeypatch, "recipe", "show", "1", "--json", *db)
    assert json.loads(out)["content"]["recipe_id"] == "CART-CD19-AUTO"

    code, out, _ = run(capsys, monkeypatch, "batch", "create", "--recipe", "CART-CD19-AUTO",
                       "--patient", "P-1", "--din", "A999926100142", "--coi",
                       "CHA99992600142A", "--station", "ST-1", "--batch-id", "B-2026-0300",
                       *db)
    assert code == 0 and out.startswith("created B-2026-0300\tin_process\tST-1\tP-1")
    code, out, _ = run(capsys, monkeypatch, "batch", "show", "B-2026-0300", "--json", *db)
    assert json.loads(out)["recipe"] == {"id": "CART-CD19-AUTO", "version": 1,
                                         "hash": digest}
    code, out, _ = run(capsys, monkeypatch, "batch", "list", "--station", "ST-1", *db)
    assert out.splitlines() == [
        f"B-2026-0300\tin_process\tST-1\tP-1\tCART-CD19-AUTO v1 {digest}"]


def test_the_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    try:
        with database.engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        database.dispose()
    ours = {"recipe_versions", "recipe_approvals", "batches"}
    mine = [d for d in diffs if any(name in repr(d) for name in ours)]
    assert mine == []
