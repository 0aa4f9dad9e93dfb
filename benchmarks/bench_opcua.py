"""OPC UA values per second the console's pipeline sustains, against bare asyncua.

One instrument simulator (the real ``SimulatorThread``, 7 Double channels, updated at
``rate_hz``) runs in a separate process, so the server does not share the clients' GIL.
Offered load: 7 x ``rate_hz`` values/s (the simulator skips ticks when it falls behind).
Measured one after the other against the same server, each for ``seconds`` after a warm-up,
with the same subscription settings (publishing interval 100 ms, sampling interval 0, queue
100 per item, trigger StatusValueTimestamp, client-side queue 50,000 — ``_item_request`` of
the console is reused):

- pipeline: ``InstrumentClient`` (subscription -> ring buffers + alarm evaluation + historian
  sample queue); values counted from the ring buffers' versions, the sample queue drained
  every 0.5 s as the historian would;
- baseline: bare asyncua ``create_subscription(100, handler)`` whose
  ``datachange_notification`` only counts;
- also bare asyncua with the async-iterator API and an empty loop body (the delivery path the
  console uses), to separate delivery cost from the console's own work.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import threading
import time
from typing import Any

QUICK = {"seconds": 2.0, "rate_hz": 200.0, "warmup_s": 1.0}  # run_all --quick
PUBLISHING_MS = 100.0

_SERVER = """
import sys, time
from operator_console.instruments.simulator import SimulatorThread
sim = SimulatorThread(port=int(sys.argv[1]), rate_hz=float(sys.argv[2]), excursions=(), seed=7)
sim.start()
print("ready", flush=True)
try:
    sys.stdin.read()
finally:
    sim.stop()
"""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class _Server:
    """The simulator in a child process; stops when its stdin closes."""

    def __init__(self, rate_hz: float) -> None:
        self.port = _free_port()
        self.endpoint = f"opc.tcp://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SERVER, str(self.port), str(rate_hz)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if "ready" not in line:
            self.close()
            raise RuntimeError(f"simulator did not start: {line!r}")

    def close(self) -> None:
        if self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


def _pipeline(endpoint: str, seconds: float, warmup_s: float) -> tuple[float, int]:
    from operator_console.domain.channels import demo_channels
    from operator_console.instruments.opcua_client import ConnectionState, InstrumentClient

    channels = demo_channels(endpoint)
    client = InstrumentClient(channels, history_s=600.0, sample_rate_hz=1000.0,
                              publishing_interval_ms=PUBLISHING_MS)

    def total() -> int:
        return sum(client.buffer(c.key).version for c in channels)

    client.start()
    try:
        deadline = time.monotonic() + 15
        while client.connection(endpoint).state is not ConnectionState.CONNECTED:
            if time.monotonic() > deadline:
                raise RuntimeError("pipeline client did not connect")
            time.sleep(0.05)
        end_warmup = time.monotonic() + warmup_s
        while time.monotonic() < end_warmup:
            client.drain_samples()
            time.sleep(0.1)
        n0, t0 = total(), time.perf_counter()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            time.sleep(min(0.5, max(0.0, end - time.monotonic())))
            client.drain_samples()
        n1, t1 = total(), time.perf_counter()
        dropped = client.dropped_samples
    finally:
        client.stop()
    return (n1 - n0) / (t1 - t0), dropped


class _CountingHandler:
    def __init__(self) -> None:
        self.n = 0

    def datachange_notification(self, node: Any, val: Any, data: Any) -> None:
        self.n += 1


async def _bare_async(endpoint: str, seconds: float, warmup_s: float, iterator: bool) -> float:
    from asyncua import ua
    from asyncua.client.client import Client
    from asyncua.common.subscription import DataChangeEvent

    from operator_console.domain.channels import demo_channels
    from operator_console.instruments.opcua_client import _item_request

    channels = demo_channels(endpoint)
    client = Client(endpoint, timeout=4.0)
    await client.connect()
    try:
        handler = _CountingHandler()
        count = [0]
        pump: asyncio.Task[None] | None = None
        if iterator:
            sub = await client.create_subscription(PUBLISHING_MS, None, queue_maxsize=50_000)

            async def drain() -> None:
                async for event in sub:
                    if isinstance(event, DataChangeEvent):
                        count[0] += 1

            pump = asyncio.create_task(drain())
        else:
            sub = await client.create_subscription(PUBLISHING_MS, handler,
                                                   queue_maxsize=50_000)
        requests = [_item_request(ua.NodeId.from_string(c.node_id), i, queue=100)
                    for i, c in enumerate(channels)]
        await sub.create_monitored_items(requests)

        def seen() -> int:
            return count[0] if iterator else handler.n

        await asyncio.sleep(warmup_s)
        n0, t0 = seen(), time.perf_counter()
        await asyncio.sleep(seconds)
        n1, t1 = seen(), time.perf_counter()
        if pump is not None:
            pump.cancel()
            await asyncio.gather(pump, return_exceptions=True)
        with contextlib.suppress(Exception):
            await sub.delete()
        return (n1 - n0) / (t1 - t0)
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.disconnect(), 3.0)


def _bare(endpoint: str, seconds: float, warmup_s: float, iterator: bool) -> float:
    """Bare asyncua on its own loop in its own thread, as the console runs it."""
    result: list[float] = []
    errors: list[BaseException] = []

    def main() -> None:
        try:
            result.append(asyncio.run(_bare_async(endpoint, seconds, warmup_s, iterator)))
        except BaseException as exc:  # reported below
            errors.append(exc)

    thread = threading.Thread(target=main, name="bench-bare-asyncua", daemon=True)
    thread.start()
    thread.join(seconds + warmup_s + 30)
    if errors:
        raise errors[0]
    if not result:
        raise RuntimeError("bare asyncua client did not finish")
    return result[0]


def run(seconds: float = 12.0, rate_hz: float = 1000.0, warmup_s: float = 2.0
        ) -> list[tuple[str, float, str]]:
    server = _Server(rate_hz)
    try:
        pipeline, dropped = _pipeline(server.endpoint, seconds, warmup_s)
        bare = _bare(server.endpoint, seconds, warmup_s, iterator=False)
        bare_iter = _bare(server.endpoint, seconds, warmup_s, iterator=True)
    finally:
        server.close()
    offered = 7 * rate_hz
    return [
        (f"opcua: offered by the simulator (7 ch x {rate_hz:g} Hz)", offered, "values/s"),
        (f"opcua: pipeline InstrumentClient (n={seconds:g} s)", pipeline,
         f"values/s ({dropped} dropped from the sample queue)"),
        ("opcua: baseline bare asyncua, empty handler", bare, "values/s"),
        ("opcua: bare asyncua, async iterator, empty loop", bare_iter, "values/s"),
        ("opcua: pipeline / bare handler", pipeline / bare, "x baseline"),
        ("opcua: pipeline / bare iterator", pipeline / bare_iter, "x"),
    ]


if __name__ == "__main__":
    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:52s} {value:12,.1f} {unit}")
