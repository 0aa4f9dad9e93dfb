"""The workstation bundle: build it with packaging/build.sh into a temporary folder, then run
its self-test and its --help. Slow (about two minutes on two cores): skip locally with
``-m 'not slow'``; CI runs it."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def build_bundle(dist: Path, work: Path) -> Path:
    """Build with the documented command; returns the bundle's executable."""
    env = os.environ | {"DIST_DIR": str(dist), "BUILD_DIR": str(work), "SKIP_SELF_TEST": "1"}
    result = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=840)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    exe = dist / "operator-console" / "operator-console"
    assert exe.is_file(), result.stdout[-3000:]
    return exe


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    exe = build_bundle(base / "dist", base / "work")
    print(f"bundle built in {time.monotonic() - started:.0f} s")
    return exe


def test_bundle_carries_no_server_stack(bundle: Path) -> None:
    toc = bundle.parent.parent.parent / "work" / "operator-console" / "PYZ-00.toc"
    modules = toc.read_text(encoding="utf-8")
    assert "'PySide6" in modules and "'operator_console.domain" in modules
    for server in ("plant_server", "fastapi", "uvicorn", "starlette", "psycopg"):
        assert f"'{server}" not in modules, f"the workstation bundle carries {server}"
    internal = bundle.parent / "_internal"
    assert not [p for p in internal.rglob("*") if "psycopg" in p.name or "uvicorn" in p.name]


def _headless_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONPATH")}
    return env


def test_bundle_self_test_passes(bundle: Path) -> None:
    result = subprocess.run([str(bundle), "self-test"], capture_output=True, text=True,
                            timeout=120, env=_headless_env())
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("self-test passed"), result.stdout
    assert "running from bundle" in lines[-1]
    assert not [line for line in lines[:-1] if not line.startswith("OK   ")], result.stdout
    assert any("bundled" in line for line in lines if line.startswith("OK   japanese font"))


def test_bundle_carries_its_data(bundle: Path) -> None:
    internal = bundle.parent / "_internal"
    assert list((internal / "i18n").glob("operator_console_ja.qm"))
    assert list(internal.rglob("qtbase_ja.qm"))
    assert (internal / "resources" / "theme.qss").is_file()
    fonts = internal / "resources" / "fonts"
    assert list(fonts.glob("*.tt[cf]")) or list(fonts.glob("*.otf"))
    assert "SIL OPEN FONT LICENSE" in next(fonts.glob("*LICENSE*")).read_text(encoding="utf-8")
    versions = internal / "operator_console" / "store" / "migrations" / "versions"
    assert list(versions.glob("0001_*.py"))


def test_bundle_help(bundle: Path) -> None:
    result = subprocess.run([str(bundle), "--help"], capture_output=True, text=True,
                            timeout=60, env=_headless_env())
    assert result.returncode == 0, result.stderr
    assert "self-test" in result.stdout and "usage" in result.stdout.lower()
