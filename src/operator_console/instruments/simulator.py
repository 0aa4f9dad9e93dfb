"""A built-in OPC UA server that behaves like a cell-processing instrument, for demo and tests.

``InstrumentSimulator`` serves one object per instrument with one Double variable per channel
of ``demo_channels`` (node IDs ``ns=2;s=Bioreactor1.Temperature`` ...), updated at ``rate_hz``
with slow drifts, noise, a logistic viable-cell-density growth curve and scheduled excursions
that cross the alarm limits. Tests steer it: ``force_value``, ``freeze`` (stop updating: the
channel goes stale), ``set_bad_quality`` and ``trigger_excursion`` are safe to call from any
thread. ``SimulatorThread`` runs it on its own asyncio loop so sync code (the GUI's demo mode,
tests) can start and stop it. No security by default (loopback demo); given a certificate
and key it offers only Basic256Sha256/SignAndEncrypt, to test the client's encrypted path.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from asyncua import ua
from asyncua.server.server import Server
from asyncua.ua.status_codes import StatusCodes

from operator_console.domain.channels import DEMO_INSTRUMENT, ChannelConfig, demo_channels

NAMESPACE_URI = "urn:operator-console:instruments"
APPLICATION_URI = "urn:operator-console:simulator"


@dataclass(frozen=True, slots=True)
class Excursion:
    """An offset added to a channel: ramps in over ``ramp_s``, holds, ramps out.

    With ``every_s`` set it repeats, first starting ``first_at_s`` after the simulator starts.
    """

    key: str
    offset: float
    duration_s: float
    ramp_s: float = 0.0
    every_s: float | None = None
    first_at_s: float = 0.0

    def offset_at(self, elapsed: float) -> float:
        """The offset this excursion contributes ``elapsed`` seconds after simulator start."""
        since = elapsed - self.first_at_s
        if since < 0:
            return 0.0
        if self.every_s:
            since %= self.every_s
        if since >= self.duration_s:
            return 0.0
        if self.ramp_s > 0:
            ramp = min(since, self.duration_s - since) / self.ramp_s
            return self.offset * min(1.0, ramp)
        return self.offset


# Demo timing: a temperature excursion every 4 minutes, a dissolved-O2 dip every 7.
DEMO_EXCURSIONS: tuple[Excursion, ...] = (
    Excursion("temperature", +0.9, duration_s=45, ramp_s=10, every_s=240, first_at_s=60),
    Excursion("dissolved_o2", -25.0, duration_s=40, ramp_s=8, every_s=420, first_at_s=200),
)

# key -> (nominal, noise sigma, drift amplitude)
_MODEL: dict[str, tuple[float, float, float]] = {
    "temperature": (37.0, 0.02, 0.12),
    "ph": (7.2, 0.005, 0.06),
    "dissolved_o2": (50.0, 0.4, 3.0),
    "co2": (5.0, 0.02, 0.1),
    "agitation": (120.0, 0.6, 1.5),
    "pressure": (2.0, 0.05, 0.3),
    "viable_cell_density": (0.0, 0.01, 0.0),  # nominal from the growth curve
}


class InstrumentSimulator:
    """OPC UA server on ``host:port`` simulating one instrument. Use from one asyncio loop."""

    def __init__(
        self,
        port: int = 4841,
        rate_hz: float = 10.0,
        *,
        host: str = "127.0.0.1",
        instrument: str = DEMO_INSTRUMENT,
        excursions: Sequence[Excursion] = DEMO_EXCURSIONS,
        growth_time_s: float = 7200.0,
        seed: int | None = None,
        certificate: str | None = None,
        private_key: str | None = None,
    ) -> None:
        if rate_hz <= 0:
            raise ValueError("rate_hz must be > 0")
        self.port, self.rate_hz, self.host = port, rate_hz, host
        self.endpoint = f"opc.tcp://{host}:{port}/"
        self.channels = demo_channels(self.endpoint, instrument)
        self.instrument = instrument
        self._excursions = list(excursions)
        self._growth_time_s = growth_time_s
        self._rng = random.Random(seed)
        self._phase = {c.key: self._rng.uniform(0, 2 * math.pi) for c in self.channels}
        self._lock = threading.Lock()
        self._forced: dict[str, float] = {}
        self._frozen: set[str] = set()
        self._bad: dict[str, int] = {}
        self._server: Server | None = None
        self._task: asyncio.Task[None] | None = None
        self._nodes: dict[str, ua.NodeId] = {}
        self._t0 = 0.0
        self._tls = (certificate, private_key) if certificate and private_key else None

    # --- controls (any thread) -------------------------------------------------------------
    def force_value(self, key: str, value: float | None) -> None:
        """Serve ``value`` for ``key`` from now on; ``None`` returns to the model."""
        with self._lock:
            if value is None:
                self._forced.pop(key, None)
            else:
                self._forced[key] = value

    def freeze(self, key: str, frozen: bool = True) -> None:
        """Stop (or resume) updating ``key``: clients see no new data and flag it stale."""
        with self._lock:
            (self._frozen.add if frozen else self._frozen.discard)(key)

    def set_bad_quality(
        self, key: str, bad: bool = True, status: int = StatusCodes.BadSensorFailure
    ) -> None:
        """Serve ``key`` with a Bad StatusCode (or Good again with ``bad=False``)."""
        with self._lock:
            if bad:
                self._bad[key] = status
            else:
                self._bad.pop(key, None)

    def trigger_excursion(
        self, key: str, offset: float, duration_s: float, ramp_s: float = 0.0
    ) -> None:
        """Start a one-off excursion on ``key`` now."""
        with self._lock:
            first = self.elapsed()
            self._excursions.append(Excursion(key, offset, duration_s, ramp_s, None, first))

    def reset_overrides(self) -> None:
        """Undo every forced value, freeze, bad quality and excursion."""
        with self._lock:
            self._forced.clear()
            self._frozen.clear()
            self._bad.clear()
            self._excursions.clear()

    def elapsed(self) -> float:
        """Seconds since ``start()``."""
        return time.monotonic() - self._t0

    # --- model -----------------------------------------------------------------------------
    def model_value(
        self, key: str, elapsed: float, excursions: Sequence[Excursion] = ()
    ) -> float:
        """The modelled value of ``key`` at ``elapsed`` seconds (no forcing, no noise)."""
        nominal, _, drift = _MODEL.get(key, (0.0, 0.0, 0.0))
        phase = self._phase.get(key, 0.0)
        value = nominal + drift * (
            0.7 * math.sin(2 * math.pi * elapsed / 900 + phase)
            + 0.3 * math.sin(2 * math.pi * elapsed / 137 + 2 * phase)
        )
        vcd = self._cell_density(elapsed)
        if key == "viable_cell_density":
            value = vcd
        elif key == "dissolved_o2":
            value -= 1.5 * vcd  # oxygen uptake grows with the culture
        return value + sum(e.offset_at(elapsed) for e in excursions if e.key == key)

    def _cell_density(self, elapsed: float) -> float:
        """Logistic growth from 0.3 to ~8 ×10⁶ cells/mL, 90 % reached at ``growth_time_s``."""
        n0, k = 0.3, 8.0
        r = math.log((k - n0) / n0 * 9) / self._growth_time_s
        return k / (1 + (k - n0) / n0 * math.exp(-r * elapsed))

    # --- server ----------------------------------------------------------------------------
    async def start(self) -> None:
        """Create the address space and listen; returns once clients can connect."""
        with socket.socket() as probe:  # fail fast on a taken port (server init takes ~1.5 s)
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((self.host, self.port))
        server = Server()
        await server.init()
        server.set_endpoint(self.endpoint)
        server.set_server_name("Operator Console instrument simulator")
        if self._tls is None:
            server.set_security_policy([ua.SecurityPolicyType.NoSecurity])
        else:  # only to test the client's encrypted path
            await server.set_application_uri(APPLICATION_URI)
            await server.load_certificate(self._tls[0])
            await server.load_private_key(self._tls[1])
            server.set_security_policy([ua.SecurityPolicyType.Basic256Sha256_SignAndEncrypt])
        idx = await server.register_namespace(NAMESPACE_URI)
        obj_id = ua.NodeId.from_string(f"ns={idx};s={self.instrument}")
        obj = await server.nodes.objects.add_object(obj_id, self.instrument)
        if not self._t0:  # keep the process clock across restarts, like a real instrument
            self._t0 = time.monotonic()
        for ch in self.channels:
            node_id = ua.NodeId.from_string(ch.node_id)
            if node_id.NamespaceIndex != idx:
                raise RuntimeError(f"simulator namespace is {idx}, channel wants {ch.node_id}")
            initial = self.model_value(ch.key, self.elapsed())
            await obj.add_variable(node_id, ch.key, initial, varianttype=ua.VariantType.Double)
            self._nodes[ch.key] = node_id
        await server.start()
        self._server = server
        self._task = asyncio.create_task(self._run(), name=f"simulator:{self.port}")

    async def stop(self) -> None:
        """Stop updating and close the server (connected clients see the connection drop)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self._server is not None:
            await self._server.stop()
            self._server = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        period = 1.0 / self.rate_hz
        next_tick = loop.time()
        while True:
            await self._tick()
            next_tick += period
            delay = next_tick - loop.time()
            if delay < -period:  # fell behind (slow machine): skip, don't burst
                next_tick, delay = loop.time(), 0.0
            await asyncio.sleep(max(0.0, delay))

    async def _tick(self) -> None:
        assert self._server is not None
        stamp = cast(ua.DateTime, datetime.now(UTC))  # asyncua's DateTime is a datetime subclass
        elapsed = self.elapsed()
        with self._lock:
            plan = [
                (key, self._forced.get(key), self._bad.get(key))
                for key in self._nodes
                if key not in self._frozen
            ]
            excursions = list(self._excursions)
        for key, forced, bad in plan:
            if forced is None:
                sigma = _MODEL.get(key, (0.0, 0.0, 0.0))[1]
                value = self.model_value(key, elapsed, excursions) + self._rng.gauss(0.0, sigma)
            else:
                value = forced
            status = ua.StatusCode(ua.UInt32(bad if bad is not None else StatusCodes.Good))
            dv = ua.DataValue(
                ua.Variant(value, ua.VariantType.Double), StatusCode=status, SourceTimestamp=stamp
            )
            await self._server.write_attribute_value(self._nodes[key], dv)


class SimulatorThread:
    """Runs an ``InstrumentSimulator`` on a private asyncio loop in its own thread."""

    def __init__(self, port: int = 4841, rate_hz: float = 10.0, **kwargs: Any) -> None:
        self.simulator = InstrumentSimulator(port, rate_hz, **kwargs)
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._started = threading.Event()
        self._error: BaseException | None = None

    @property
    def endpoint(self) -> str:
        """The ``opc.tcp://`` URL clients connect to."""
        return self.simulator.endpoint

    @property
    def channels(self) -> list[ChannelConfig]:
        """The channels served, as ``demo_channels(endpoint)``."""
        return self.simulator.channels

    def start(self, timeout: float = 15.0) -> None:
        """Start the server; returns once it listens. Raises if it cannot start (port in use)."""
        if self._thread is not None:
            raise RuntimeError("simulator already running")
        self._started.clear()
        self._error = None
        self._thread = threading.Thread(
            target=asyncio.run, args=(self._main(),), name="instrument-simulator", daemon=True
        )
        self._thread.start()
        if not self._started.wait(timeout):
            self.stop()
            raise TimeoutError(f"simulator did not start within {timeout} s")
        if self._error is not None:
            self._thread.join(timeout)
            self._thread = None
            raise self._error

    async def _main(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        try:
            await self.simulator.start()
        except BaseException as exc:  # reported to start() in the caller's thread
            self._error = exc
            await self.simulator.stop()
            return
        finally:
            self._started.set()
        try:
            await self._stop.wait()
        finally:
            await self.simulator.stop()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server and join the thread (idempotent)."""
        thread, loop, stop = self._thread, self._loop, self._stop
        if thread is None:
            return
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # loop already finished
                loop.call_soon_threadsafe(stop.set)
        thread.join(timeout)
        if thread.is_alive():
            raise TimeoutError(f"simulator thread did not stop within {timeout} s")
        self._thread = self._loop = self._stop = None

    def __enter__(self) -> SimulatorThread:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
