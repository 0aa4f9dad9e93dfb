"""Logs of a station that runs for weeks: per-sample events are not logged at INFO, and the
console's and the plant server's logs rotate by size with a bounded total."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from operator_console.instruments.opcua_client import InstrumentClient
from operator_console.instruments.simulator import SimulatorThread
from operator_console.ui.shell.launcher import setup_logging
from plant_server.cli import setup_server_logging
from tests.instruments.conftest import free_port, wait_until

#: What a log may grow by in a day of demo traffic (the old log grew ~2.8 GB a day).
MAX_BYTES_PER_DAY = 20 * 1024 * 1024


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in
              ("asyncua", "httpx", "httpcore", "uvicorn", "uvicorn.access", "uvicorn.error")}
    yield
    for h in list(root.handlers):
        if h not in handlers:
            root.removeHandler(h)
            h.close()
    root.setLevel(level)
    for name, lvl in levels.items():
        logging.getLogger(name).setLevel(lvl)


def _size(folder: Path, stem: str) -> int:
    return sum(p.stat().st_size for p in folder.glob(f"{stem}*"))


def test_demo_traffic_grows_the_console_log_slowly(tmp_path: Path,
                                                   restore_logging: None) -> None:
    handler = setup_logging(tmp_path)
    logs = tmp_path / "logs"
    # The demo's instruments: the simulator at 10 Hz with excursions, and the client.
    sim = SimulatorThread(port=free_port(), rate_hz=10.0, seed=3)
    sim.start()
    client = InstrumentClient(sim.channels, history_s=60.0)
    try:
        client.start()
        wait_until(lambda: client.buffer("temperature").latest()[2] is not None, 15.0,
                   "first samples")
        handler.flush()
        start_size, start = _size(logs, "console.log"), time.monotonic()
        samples_before = len(client.buffer("temperature"))
        wait_until(lambda: len(client.buffer("temperature")) >= samples_before + 40, 20.0,
                   "four seconds of samples")
        handler.flush()
        elapsed = time.monotonic() - start
        grown = _size(logs, "console.log") - start_size
    finally:
        client.stop()
        sim.stop()
    per_day = grown / elapsed * 86400
    assert per_day < MAX_BYTES_PER_DAY, f"{grown} bytes in {elapsed:.1f} s"


def test_console_log_rotates_with_a_bounded_total(tmp_path: Path,
                                                  restore_logging: None) -> None:
    setup_logging(tmp_path, max_bytes=20_000, backups=2)
    log = logging.getLogger("operator_console.test")
    for i in range(5000):
        log.warning("line %d %s", i, "x" * 60)
    files = sorted((tmp_path / "logs").glob("console.log*"))
    assert [p.name for p in files] == ["console.log", "console.log.1", "console.log.2"]
    assert _size(tmp_path / "logs", "console.log") <= 3 * 20_000 + 200


def test_plant_server_log_rotates_with_a_bounded_total(tmp_path: Path,
                                                       restore_logging: None) -> None:
    path = tmp_path / "plant-server.log"
    setup_server_logging(str(path), "info", max_bytes=20_000, backups=2)
    # uvicorn's per-request access log is not kept at info level.
    assert not logging.getLogger("uvicorn.access").isEnabledFor(logging.INFO)
    for i in range(5000):
        logging.getLogger("uvicorn.error").warning("line %d %s", i, "y" * 60)
    assert _size(tmp_path, "plant-server.log") <= 3 * 20_000 + 200
    assert len(list(tmp_path.glob("plant-server.log*"))) == 3
