"""The command line: help on every subcommand, seed-demo, headless run with screenshots."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from operator_console.__main__ import main

EXE = [sys.executable, "-m", "operator_console"]


@pytest.mark.parametrize("args", [[], ["seed-demo"], ["audit", "verify"], ["screenshots"],
                                  ["config"], ["scan-check"], ["simulate"]])
def test_help(args: list[str]) -> None:
    result = subprocess.run([*EXE, *args, "--help"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "usage" in result.stdout.lower()
    if args and args[0] not in ("audit",):
        assert "--data-dir" in result.stdout or args[0] in ("simulate",)


def test_seed_demo_is_audited_and_idempotent(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seed-demo", "--data-dir", str(tmp_path)]) == 0
    assert "12 users added" in capsys.readouterr().out
    assert main(["seed-demo", "--data-dir", str(tmp_path)]) == 0
    assert "0 users added" in capsys.readouterr().out
    assert main(["audit", "verify", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "entries verified" in out


def test_demo_without_display_writes_screenshots_in_both_languages(tmp_path: Path) -> None:
    """``--demo`` with no display writes every screen through the same renderer the
    ``screenshots`` command uses (one run of it: it is the slowest check of the CLI)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([*EXE, "--demo", "--data-dir", str(tmp_path)], capture_output=True,
                            text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    assert "no display" in result.stdout
    shots = list((tmp_path / "screenshots").glob("*.png"))
    names = {p.name for p in shots}
    for screen in ("01_login", "10_home", "14_audit", "20_logout_confirm", "30_lock"):
        assert f"{screen}_ja.png" in names and f"{screen}_en.png" in names
    assert len(shots) >= 20
    assert all(p.stat().st_size > 3_000 for p in shots)


def test_failure_is_one_line_and_non_zero(tmp_path: Path) -> None:
    result = subprocess.run([*EXE, "audit", "verify", "--data-dir", str(tmp_path / "none")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1


def test_config_changes_are_audited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "station_name", "ST-07", "--reason", "commissioning",
                 "--data-dir", str(tmp_path)]) == 0
    assert main(["config", "station_name", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip().endswith("ST-07")
    assert main(["config", "no_such_setting", "1", "--data-dir", str(tmp_path)]) != 0
    import sqlite3

    from operator_console.store.db import DB_FILENAME

    rows = sqlite3.connect(tmp_path / DB_FILENAME).execute(
        "SELECT actor, target, reason, new_json FROM audit_entries "
        "WHERE event = 'setting_changed'").fetchall()
    assert rows == [("technician", "station_name", "commissioning", '"ST-07"')]


@pytest.mark.parametrize("error", [
    "sqlite", "oserror"])
def test_disk_full_is_one_plain_line(error: str, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    import errno
    import sqlite3

    from sqlalchemy.exc import OperationalError

    import operator_console.__main__ as cli

    def full(_args: object) -> int:
        if error == "sqlite":
            raise OperationalError("INSERT INTO records ...\n[SQL: INSERT ...]", {},
                                   sqlite3.OperationalError("database or disk is full"))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cli, "cmd_config", full)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert cli.main(["config"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("operator-console: the disk is full")
    # In a Japanese locale the same one line comes in Japanese (the GUI's translations).
    monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
    assert cli.main(["config"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("operator-console: ディスクがいっぱいです：このコマンドでは何も保存")


def test_cli_language_follows_the_posix_locale_precedence() -> None:
    from operator_console.cli.messages import cli_language

    assert cli_language({}) == "en"
    assert cli_language({"LANG": "ja_JP.UTF-8"}) == "ja"
    assert cli_language({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}) == "en"
    assert cli_language({"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}) == "ja"
    assert cli_language({"LANGUAGE": "ja:en"}) == "ja"
