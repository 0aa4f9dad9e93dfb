"""``operator-console self-test`` from source: every check passes; a failing check names itself."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from operator_console import selftest

CHECK_NAMES = ["headless", *(name for name, _ in selftest.CHECKS)]


def test_self_test_passes_from_source() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # it must go headless by itself
    result = subprocess.run([sys.executable, "-m", "operator_console", "self-test"],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name in CHECK_NAMES:
        assert any(line.startswith(f"OK   {name}:") for line in lines), (name, result.stdout)
    assert "self-test passed" in lines[-1]
    assert "running from source" in lines[-1]


def test_a_failing_check_is_named_and_exits_non_zero(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")

    def broken(_state: object) -> str:
        raise RuntimeError("cannot load operator_console_ja.qm")

    monkeypatch.setattr(selftest, "CHECKS", [("database", selftest.check_database),
                                             ("translations", broken),
                                             ("never reached", broken)])
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "OK   database:" in out
    assert "FAIL translations: RuntimeError: cannot load operator_console_ja.qm" in out
    assert "never reached" not in out


def test_self_test_is_on_the_help() -> None:
    result = subprocess.run([sys.executable, "-m", "operator_console", "self-test", "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--verbose" in result.stdout
