"""``plant-server`` command line: --help everywhere, admin commands end to end on SQLite."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from plant_server.__main__ import main
from plant_server.api.app import create_app
from plant_server.config import Settings
from plant_server.db import Database
from plant_server.models import ServerAudit, User
from tests.plant_server.helpers import API

SUBCOMMANDS = (["serve"], ["init-demo"], ["add-station"], ["conflicts"], ["security-events"],
               ["station", "revoke"], ["station", "rotate"], ["audit", "verify"],
               ["user", "stations"], ["user"],
               ["user", "add"], ["user", "disable"], ["user", "unlock"],
               ["user", "reset-password"], ["user", "grant-role"],
               ["user", "grant-qualification"])


@pytest.mark.parametrize("words", [[], *SUBCOMMANDS], ids=lambda w: " ".join(w) or "top")
def test_help(words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*words, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: plant-server")
    if words and words != ["user"]:
        assert "--db URL" in out


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.strip(), captured.err.strip()


def test_init_demo_and_add_station_end_to_end(db_url: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "init-demo", "--db", db_url)
    assert (code, out) == (0, "demo data ready (12 users added)")
    assert _run(capsys, "init-demo", "--db", db_url)[1] == "demo data ready (0 users added)"
    code, out, _ = _run(capsys, "add-station", "ST-9", "--db", db_url, "--minutes", "5")
    assert code == 0
    match = re.search(r"enrollment code (\S+)", out)
    assert match is not None
    database = Database(db_url)
    with TestClient(create_app(Settings(db_url=db_url), database)) as client:
        enrolled = client.post(f"{API}/enroll",
                               json={"code": match.group(1), "station_name": "ST-9"})
        assert enrolled.status_code == 200
        headers = {"Authorization": f"Bearer {enrolled.json()['credential']}"}
        assert len(client.get(f"{API}/pull", headers=headers).json()["users"]) == 12
    database.dispose()
    # The one open conflict is the demo batch under review's (QA resolves it in the review).
    [conflict] = _run(capsys, "conflicts", "--db", db_url)[1].splitlines()
    assert "open" in conflict and "cassette_loaded_twice" in conflict


def test_user_administration(db_url: str, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    assert _run(capsys, "user", "add", "ＮＥＷ０１", "--name", "新人 一郎", "--db", db_url,
                "--password-stdin", "--actor", "admin", "--reason", "hired")[:2] == (
        0, "added user new01")
    assert _run(capsys, "user", "grant-role", "new01", "operator", "--db", db_url)[0] == 0
    assert _run(capsys, "user", "grant-qualification", "new01", "CASSETTE-LOAD", "--days",
                "365", "--db", db_url)[0] == 0
    code, out, _ = _run(capsys, "user", "reset-password", "new01", "--db", db_url)
    assert code == 0 and "temporary password" in out and "changed at next login" in out
    assert _run(capsys, "user", "disable", "new01", "--db", db_url, "--reason", "left")[0] == 0
    assert _run(capsys, "user", "unlock", "new01", "--db", db_url)[0] == 0
    database = Database(db_url)
    with database.transaction() as session:
        user = session.get(User, "new01")
        assert user is not None and user.must_change_password and not user.active
        events = list(session.scalars(select(ServerAudit.event).order_by(ServerAudit.seq)))
    database.dispose()
    assert events == ["user_created", "role_granted", "qualification_granted",
                      "password_reset", "user_disabled", "account_unlocked"]


def test_errors_exit_non_zero_with_one_line(db_url: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "user", "disable", "ghost", "--db", db_url)
    assert code == 1 and out == "" and err == "plant-server: error: no user 'ghost'"
    code, _, err = _run(capsys, "add-station", "two words", "--db", db_url)
    assert code == 1 and len(err.splitlines()) == 1
    code, _, err = _run(capsys, "conflicts", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/x")
    assert code == 1 and err.startswith("plant-server: error: database:")
    assert len(err.splitlines()) == 1


def test_look_alike_user_ids_refused(db_url: str, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(capsys, "init-demo", "--db", db_url)[0] == 0
    for raw, reason in (("v\u0435r01", "may contain only"), ("opo1", "looks like the existing"),
                        ("VER0l", "looks like the existing")):
        monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
        code, out, err = _run(capsys, "user", "add", raw, "--name", "佐藤 健", "--db", db_url,
                              "--password-stdin")
        assert code == 1 and out == "" and reason in err and len(err.splitlines()) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    assert _run(capsys, "user", "add", "ver05", "--name", "X", "--db", db_url,
                "--password-stdin")[:2] == (0, "added user ver05")
