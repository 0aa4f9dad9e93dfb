"""``operator-console enroll`` and ``sync``: refusal without a usable keyring, and help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXE = [sys.executable, "-m", "operator_console"]


@pytest.mark.parametrize("forced", [False, True])
def test_enroll_refuses_without_usable_keyring(tmp_path: Path, forced: bool) -> None:
    env = dict(os.environ)
    if forced:
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    else:
        import keyring

        from operator_console.sync.credentials import KeyringUnavailableError, check_backend

        try:
            check_backend(keyring.get_keyring())
        except KeyringUnavailableError:
            pass
        else:
            pytest.skip("this machine has a usable keyring backend")
    result = subprocess.run([*EXE, "enroll", "--server", "http://127.0.0.1:9",
                             "--code-stdin", "--data-dir", str(tmp_path / "d")],
                            input="ABCD-EFGH\n", capture_output=True, text=True, timeout=60,
                            env=env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "keyring" in lines[0] and "station credential" in lines[0]
    assert "PYTHON_KEYRING_BACKEND" in lines[0] or "Keychain" in lines[0] \
        or "Credential Manager" in lines[0]
    assert not (tmp_path / "d").exists() or not any((tmp_path / "d").iterdir())


@pytest.mark.parametrize("args", [["sync", "--once"], ["sync"], ["enroll"]])
def test_sync_and_enroll_help(args: list[str]) -> None:
    result = subprocess.run([*EXE, *args, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "usage" in result.stdout.lower() and "--data-dir" in result.stdout


def test_plain_http_to_a_remote_server_is_warned_about(tmp_path: Path) -> None:
    from operator_console.sync.http import insecure_url

    assert insecure_url("http://10.1.2.3:8700") and insecure_url("http://plant.example")
    assert not insecure_url("https://plant.example") and not insecure_url("http://[::1]:1")
    assert not insecure_url("http://127.0.0.1:8700") and not insecure_url("http://localhost")
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = subprocess.run([*EXE, "enroll", "--server", "http://10.1.2.3:9", "--code-stdin",
                             "--data-dir", str(tmp_path / "d")], input="ABCD\n",
                            capture_output=True, text=True, timeout=60, env=env)
    first = result.stderr.splitlines()[0]
    assert "WARNING" in first and "plain http" in first and "10.1.2.3" in first


def test_enroll_takes_no_code_on_the_command_line() -> None:
    result = subprocess.run([*EXE, "enroll", "--server", "http://127.0.0.1:9", "--code",
                             "ABCD-EFGH"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "unrecognized arguments: ABCD-EFGH" in result.stderr
