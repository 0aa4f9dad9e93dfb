"""Shared helpers for instrument tests: free ports, polling waits, a loopback simulator."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest

from operator_console.domain.channels import ChannelConfig
from operator_console.instruments.opcua_client import InstrumentClient
from operator_console.instruments.simulator import SimulatorThread


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_until(condition: Callable[[], bool], timeout: float = 10.0, what: str = "condition"
               ) -> float:
    """Poll ``condition`` until true; returns the seconds it took, fails after ``timeout``."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)
    return time.monotonic() - start


def fast(channels: list[ChannelConfig], **changes: Any) -> list[ChannelConfig]:
    """Channels with test-friendly timing: short stale time, no alarm on-delay."""
    defaults: dict[str, Any] = {"stale_after_s": 0.6, "alarm_delay_s": 0.0}
    return [replace(c, **{**defaults, **changes}) for c in channels]


def make_client(channels: list[ChannelConfig], **kwargs: Any) -> InstrumentClient:
    options: dict[str, Any] = {
        "history_s": 120.0, "sample_rate_hz": 20.0, "backoff_initial_s": 0.05,
        "backoff_max_s": 0.3, "watchdog_interval_s": 0.5, "request_timeout_s": 2.0, "seed": 1,
    }
    return InstrumentClient(channels, **{**options, **kwargs})


@pytest.fixture(scope="module")
def sim() -> Iterator[SimulatorThread]:
    """One simulator per test module (starting a server costs ~1.5 s); reset per test."""
    thread = SimulatorThread(port=free_port(), rate_hz=20.0, excursions=(), seed=42)
    thread.start()
    yield thread
    thread.stop()


@pytest.fixture
def live_sim(sim: SimulatorThread) -> Iterator[SimulatorThread]:
    sim.simulator.reset_overrides()
    yield sim
    sim.simulator.reset_overrides()


@pytest.fixture
def clients() -> Iterator[list[InstrumentClient]]:
    """Register clients here to have them stopped even when the test fails."""
    started: list[InstrumentClient] = []
    yield started
    for client in started:
        client.stop()
