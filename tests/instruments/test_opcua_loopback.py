"""InstrumentClient against the simulator over real OPC UA on loopback."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import replace

from operator_console.domain.alarms import AlarmState, LimitKind
from operator_console.domain.channels import demo_channels
from operator_console.instruments.opcua_client import ConnectionState, InstrumentClient
from operator_console.instruments.ringbuffer import Quality
from operator_console.instruments.simulator import SimulatorThread

from .conftest import fast, free_port, make_client, wait_until


def started(clients: list[InstrumentClient], client: InstrumentClient) -> InstrumentClient:
    clients.append(client)
    client.start()
    return client


def connected(client: InstrumentClient, endpoint: str) -> bool:
    return client.connection(endpoint).state is ConnectionState.CONNECTED


def test_values_arrive_in_ring_buffers(
    live_sim: SimulatorThread, clients: list[InstrumentClient]
) -> None:
    client = started(clients, make_client(fast(live_sim.channels)))
    keys = [c.key for c in live_sim.channels]
    wait_until(lambda: all(len(client.buffer(k)) >= 5 for k in keys), what="samples")
    status = client.connection(live_sim.endpoint)
    assert status.state is ConnectionState.CONNECTED and status.last_error is None
    assert not client.is_encrypted(live_sim.endpoint)
    for key in keys:
        snap = client.buffer(key).snapshot(0)
        assert snap.reset and len(snap.t) >= 5
        assert abs(snap.t[-1] - time.time()) < 5  # source timestamps, epoch seconds
        assert (snap.quality == Quality.GOOD).all() and not math.isnan(snap.values[-1])
        assert not client.is_stale(key)
    temp = client.buffer("temperature").snapshot(0).values
    assert 36.5 < temp.mean() < 37.5
    # Incremental reads return only what is new.
    snap = client.buffer("ph").snapshot(0)
    wait_until(lambda: client.buffer("ph").version > snap.version + 2, what="more pH samples")
    more = client.buffer("ph").snapshot(snap.version)
    assert not more.reset and len(more.t) > 0 and more.t[0] > snap.t[-1]
    samples = client.drain_samples()
    assert {s.channel_key for s in samples} == set(keys)
    assert client.dropped_samples == 0


def test_reconnects_after_server_restart(clients: list[InstrumentClient]) -> None:
    port = free_port()
    first = SimulatorThread(port=port, rate_hz=20.0, excursions=())
    first.start()
    second: SimulatorThread | None = None
    try:
        endpoint = first.endpoint
        client = started(clients, make_client(fast(first.channels)))
        buf = client.buffer("temperature")
        wait_until(lambda: len(buf) >= 3, what="first samples")
        first.stop()
        wait_until(lambda: not connected(client, endpoint), what="disconnect detected")
        status = client.connection(endpoint)
        assert status.state is not ConnectionState.CONNECTED
        assert client.is_stale("temperature")
        wait_until(lambda: client.connection(endpoint).last_error is not None, what="error")
        wait_until(lambda: buf.latest()[2] is Quality.NO_DATA, 2.0, "gap marker")
        before = buf.version

        second = SimulatorThread(port=port, rate_hz=20.0, excursions=())
        second.start()
        wait_until(lambda: connected(client, endpoint), what="reconnect")
        wait_until(lambda: buf.version >= before + 5, what="values after restart")
        assert client.running and client.connection(endpoint).attempts == 0
        assert not client.is_stale("temperature")
        assert Quality.NO_DATA in buf.snapshot(0).quality  # the outage is visible as a gap
    finally:
        first.stop()
        if second is not None:
            second.stop()


def test_frozen_channel_is_detected_stale(
    live_sim: SimulatorThread, clients: list[InstrumentClient]
) -> None:
    client = started(clients, make_client(fast(live_sim.channels)))
    wait_until(lambda: not client.is_stale("ph") and not client.is_stale("co2"), what="fresh")
    live_sim.simulator.freeze("ph")
    wait_until(lambda: client.is_stale("ph"), 5.0, "pH stale")
    assert not client.is_stale("co2")
    live_sim.simulator.freeze("ph", frozen=False)
    wait_until(lambda: not client.is_stale("ph"), 5.0, "pH fresh again")


def test_excursion_raises_alarm_and_clears_with_hysteresis(
    live_sim: SimulatorThread, clients: list[InstrumentClient]
) -> None:
    channels = [
        replace(c, alarm_delay_s=0.2, hysteresis=0.1) if c.key == "temperature" else c
        for c in fast(live_sim.channels)
    ]
    client = started(clients, make_client(channels))
    buf = client.buffer("temperature")
    wait_until(lambda: len(buf) >= 3, what="samples")
    assert client.alarm_state("temperature") is AlarmState.NORMAL
    sim = live_sim.simulator

    sim.trigger_excursion("temperature", +1.5, duration_s=120.0)
    wait_until(lambda: client.alarm_state("temperature") is AlarmState.ACTIVE_UNACKED,
               what="alarm raised")
    raised = [t for t in client.drain_transitions() if t.channel_key == "temperature"]
    assert [(t.old, t.new, t.limit_kind) for t in raised] == [
        (AlarmState.NORMAL, AlarmState.ACTIVE_UNACKED, LimitKind.HIGH)
    ]
    assert raised[0].value is not None and raised[0].value > 37.5

    # Back inside, but not by more than the hysteresis: the alarm stays active.
    sim.force_value("temperature", 37.45)
    wait_until(lambda: buf.latest()[1] == 37.45, what="forced value")
    version = buf.version
    wait_until(lambda: buf.version >= version + 5, what="more samples")
    assert client.alarm_state("temperature") is AlarmState.ACTIVE_UNACKED

    sim.reset_overrides()  # back to the model (~37.0): clears
    wait_until(lambda: client.alarm_state("temperature") is AlarmState.RETURNED_UNACKED,
               what="alarm cleared")
    assert client.acknowledge("temperature", "operator1") is True
    assert client.alarm_state("temperature") is AlarmState.NORMAL
    assert client.acknowledge("temperature", "operator1") is False
    events = [(t.new, t.user) for t in client.drain_transitions() if t.channel_key == "temperature"]
    assert events == [(AlarmState.RETURNED_UNACKED, None), (AlarmState.NORMAL, "operator1")]


def test_bad_quality_becomes_nan(
    live_sim: SimulatorThread, clients: list[InstrumentClient]
) -> None:
    client = started(clients, make_client(fast(live_sim.channels)))
    buf = client.buffer("co2")
    wait_until(lambda: buf.last_quality is Quality.GOOD, what="good samples")
    live_sim.simulator.force_value("co2", 9.0)  # far beyond the limit, yet bad: no alarm
    live_sim.simulator.set_bad_quality("co2")
    wait_until(lambda: buf.last_quality is Quality.BAD, what="bad quality")
    _, value, quality = buf.latest()
    assert math.isnan(value) and quality is Quality.BAD
    assert not client.is_stale("co2")  # bad data is still data: not stale
    version = buf.version
    wait_until(lambda: buf.version >= version + 3, what="more bad samples")
    assert client.alarm_state("co2") is AlarmState.NORMAL
    bad = [s for s in client.drain_samples() if s.channel_key == "co2" and s.quality is Quality.BAD]
    assert bad and all(math.isnan(s.value) for s in bad)
    live_sim.simulator.set_bad_quality("co2", bad=False)
    live_sim.simulator.force_value("co2", None)
    wait_until(lambda: buf.last_quality is Quality.GOOD, what="good again")


def test_unknown_node_is_reported_and_others_still_flow(
    live_sim: SimulatorThread, clients: list[InstrumentClient]
) -> None:
    channels = fast(live_sim.channels)
    channels[0] = replace(channels[0], key="missing", node_id="ns=2;s=Bioreactor1.Nope")
    client = started(clients, make_client(channels))
    wait_until(lambda: client.channel_error("missing") is not None, what="channel error")
    assert "BadNodeIdUnknown" in (client.channel_error("missing") or "")
    wait_until(lambda: len(client.buffer("ph")) >= 3, what="pH samples")
    assert len(client.buffer("missing")) == 0 and client.is_stale("missing")


def test_stop_leaves_no_thread(live_sim: SimulatorThread) -> None:
    before = set(threading.enumerate())
    client = make_client(fast(live_sim.channels))
    client.start()
    wait_until(lambda: connected(client, live_sim.endpoint), what="connected")
    client.stop()
    assert not client.running
    assert set(threading.enumerate()) <= before
    status = client.connection(live_sim.endpoint)
    assert status.state is ConnectionState.DISCONNECTED
    client.stop()  # idempotent


def test_stop_while_server_unreachable_is_prompt() -> None:
    before = set(threading.enumerate())
    endpoint = f"opc.tcp://127.0.0.1:{free_port()}/"
    client = make_client(fast(demo_channels(endpoint)))
    client.start()
    wait_until(lambda: client.connection(endpoint).attempts >= 2, what="retries")
    assert client.connection(endpoint).state is not ConnectionState.CONNECTED
    assert "Connect" in (client.connection(endpoint).last_error or "")
    t0 = time.monotonic()
    client.stop()
    assert time.monotonic() - t0 < 3.0
    assert set(threading.enumerate()) <= before
