"""Simulator model (no network) and the ``simulate`` command line."""

from __future__ import annotations

import itertools
import random
import socket

import pytest
from asyncua import ua

from operator_console.cli.simulate import run
from operator_console.instruments.opcua_client import backoff_delay, quality_of
from operator_console.instruments.ringbuffer import Quality
from operator_console.instruments.simulator import (
    DEMO_EXCURSIONS,
    Excursion,
    InstrumentSimulator,
)


def test_excursion_shape_and_period() -> None:
    e = Excursion("temperature", 1.0, duration_s=10, ramp_s=2, every_s=60, first_at_s=5)
    assert e.offset_at(4.9) == 0.0
    assert e.offset_at(6) == pytest.approx(0.5)  # ramping in
    assert e.offset_at(10) == 1.0
    assert e.offset_at(14) == pytest.approx(0.5)  # ramping out
    assert e.offset_at(15) == 0.0
    assert e.offset_at(65 + 5) == 1.0  # repeats every 60 s
    assert Excursion("ph", -0.5, duration_s=3).offset_at(1) == -0.5


@pytest.mark.parametrize("seed", range(20))
def test_demo_excursions_cross_the_limits(seed: int) -> None:
    sim = InstrumentSimulator(port=1, excursions=DEMO_EXCURSIONS, seed=seed)
    limits = {c.key: c for c in sim.channels}
    for exc in DEMO_EXCURSIONS:
        peak = exc.first_at_s + exc.duration_s / 2
        value = sim.model_value(exc.key, peak, DEMO_EXCURSIONS)
        channel = limits[exc.key]
        if exc.offset > 0:
            assert channel.high_limit is not None and value > channel.high_limit
        else:
            assert channel.low_limit is not None and value < channel.low_limit


@pytest.mark.parametrize("seed", range(5))
def test_model_stays_inside_limits_without_excursions(seed: int) -> None:
    sim = InstrumentSimulator(port=1, excursions=(), seed=seed)
    for channel in sim.channels:
        for t in range(0, 4 * 3600, 17):
            value = sim.model_value(channel.key, float(t))
            if channel.high_limit is not None:
                assert value < channel.high_limit - channel.hysteresis, channel.key
            if channel.low_limit is not None:
                assert value > channel.low_limit + channel.hysteresis, channel.key


def test_cell_growth_is_logistic() -> None:
    sim = InstrumentSimulator(port=1, growth_time_s=3600.0)
    vcd = [sim.model_value("viable_cell_density", t) for t in (0, 900, 1800, 3600, 36_000)]
    assert vcd[0] == pytest.approx(0.3, abs=1e-6)
    assert all(a < b for a, b in itertools.pairwise(vcd))
    assert vcd[3] == pytest.approx(0.3 + 0.9 * 7.7, rel=0.02)  # 90 % of the way at growth_time
    assert vcd[4] <= 8.0  # carrying capacity


def test_backoff_is_exponential_capped_and_jittered() -> None:
    rng = random.Random(0)
    delays = [backoff_delay(a, 0.5, 8.0, rng) for a in range(10)]
    for attempt, delay in enumerate(delays):
        base = min(8.0, 0.5 * 2**attempt)
        assert base / 2 <= delay <= base
    assert len({round(d, 6) for d in delays[5:]}) > 1  # jitter: capped delays differ
    assert backoff_delay(10_000, 0.5, 8.0, rng) <= 8.0


def test_quality_from_status_code() -> None:
    assert quality_of(None) is Quality.GOOD
    assert quality_of(ua.StatusCode(ua.UInt32(0))) is Quality.GOOD
    assert quality_of(ua.StatusCode(ua.UInt32(0x80000000 | 0x008C0000))) is Quality.BAD
    assert quality_of(ua.StatusCode(ua.UInt32(0x40000000))) is Quality.UNCERTAIN


def test_cli_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "operator-console simulate" in out and "--port" in out and "--rate" in out


@pytest.mark.parametrize("argv", [["--port", "0"], ["--rate", "0"], ["--rate", "-1"]])
def test_cli_rejects_bad_arguments(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv) == 2
    assert capsys.readouterr().err.startswith("error:")


def test_cli_reports_port_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert run(["--port", str(taken.getsockname()[1])]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot serve on port") and err.count("\n") == 1
