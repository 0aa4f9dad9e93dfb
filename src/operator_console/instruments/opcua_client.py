"""OPC UA client for the instruments: subscriptions in, ring buffers and alarm events out.

``InstrumentClient`` runs asyncua on a private asyncio loop in its own thread (never on the Qt
thread). Per endpoint it connects, subscribes to the channels' nodes (data-change
subscriptions, no polling), and writes every notification into the channel's ``RingBuffer``,
the channel's ``AlarmEvaluator`` and a bounded sample queue for the historian. When a server
goes away it marks a gap in the traces, then reconnects with capped exponential backoff with
jitter and resubscribes, without a restart. Everything the UI needs is read by polling
(thread-safe getters and ``drain_*`` queues on a UI timer): no Qt here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from enum import StrEnum

from asyncua import ua
from asyncua.client.client import Client
from asyncua.common.subscription import DataChangeEvent, StatusChangeEvent, Subscription
from asyncua.ua.attribute_ids import AttributeIds

from operator_console.domain.alarms import AlarmEvaluator, AlarmState, AlarmTransition
from operator_console.domain.channels import ChannelConfig
from operator_console.instruments.ringbuffer import Quality, RingBuffer, Sample

_log = logging.getLogger(__name__)


class ConnectionState(StrEnum):
    """Connection state of one endpoint."""

    CONNECTED = "connected"
    CONNECTING = "connecting"
    DISCONNECTED = "disconnected"


@dataclass(frozen=True, slots=True)
class EndpointStatus:
    """State of one endpoint: since when (epoch s), last error, failed attempts, next retry."""

    endpoint: str
    state: ConnectionState
    since: float
    last_error: str | None = None
    attempts: int = 0
    next_retry_at: float | None = None


def quality_of(status: ua.StatusCode | None) -> Quality:
    """Map an OPC UA StatusCode to a sample quality (missing status means Good)."""
    if status is None or status.is_good():
        return Quality.GOOD
    return Quality.UNCERTAIN if status.is_uncertain() else Quality.BAD


def backoff_delay(attempt: int, initial_s: float, cap_s: float, rng: random.Random) -> float:
    """Delay before retry ``attempt`` (0-based): exponential, capped, with jitter in [½, 1]."""
    base = min(cap_s, initial_s * 2.0 ** min(attempt, 30))
    return rng.uniform(base / 2, base)


def _item_request(node_id: ua.NodeId, handle: int, queue: int) -> ua.MonitoredItemCreateRequest:
    # Trigger on timestamp too: a steady value with fresh timestamps is not stale.
    params = ua.MonitoringParameters(
        ClientHandle=handle, SamplingInterval=0, QueueSize=queue, DiscardOldest=True,
        Filter=ua.DataChangeFilter(Trigger=ua.DataChangeTrigger.StatusValueTimestamp),
    )
    return ua.MonitoredItemCreateRequest(
        ItemToMonitor=ua.ReadValueId(NodeId=node_id, AttributeId=AttributeIds.Value),
        MonitoringMode=ua.MonitoringMode.Reporting,
        RequestedParameters=params,
    )


class InstrumentClient:
    """Subscribes to instrument channels over OPC UA in a worker thread; the UI polls it.

    Each channel gets a ``RingBuffer`` of ``history_s`` at ``sample_rate_hz`` (sizing only:
    every notification is kept): raw samples for the last ``full_resolution_s``, min/max
    buckets (``MinMaxPyramid``) for the rest of the history. Only GOOD samples feed the
    alarms; UNCERTAIN values are stored and drawn but neither raise nor clear, BAD ones are
    stored as NaN.
    ``security_string`` follows asyncua's ``set_security_string``
    (``Policy,Mode,cert.pem,key.pem[,server_cert]``); ``server_certificate`` pins the server's
    certificate (the secure channel then fails against any server without its private key);
    the client certificate's subject alternative name should carry ``application_uri``.
    """

    def __init__(
        self,
        channels: Sequence[ChannelConfig],
        *,
        history_s: float = 24 * 3600.0,
        sample_rate_hz: float = 10.0,
        full_resolution_s: float = 3600.0,
        publishing_interval_ms: float = 100.0,
        security_string: str | None = None,
        server_certificate: str | None = None,
        backoff_initial_s: float = 0.5,
        backoff_max_s: float = 30.0,
        request_timeout_s: float = 4.0,
        watchdog_interval_s: float = 1.0,
        sample_queue_max: int = 200_000,
        application_uri: str = "urn:operator-console:station",
        seed: int | None = None,
    ) -> None:
        if len({c.key for c in channels}) != len(channels):
            raise ValueError("channel keys must be unique")
        self._security = self._security_string(security_string, server_certificate)
        self._channels = {c.key: c for c in channels}
        self._node_ids = {c.key: ua.NodeId.from_string(c.node_id) for c in channels}
        self._buffers = {
            c.key: RingBuffer.for_duration(history_s, sample_rate_hz, full_resolution_s)
            for c in channels
        }
        self._evaluators = {c.key: AlarmEvaluator(c) for c in channels}
        self._by_endpoint: dict[str, list[ChannelConfig]] = {}
        for c in channels:
            self._by_endpoint.setdefault(c.endpoint, []).append(c)
        self._publishing_ms = publishing_interval_ms
        self._backoff = (backoff_initial_s, backoff_max_s)
        self._request_timeout_s, self._watchdog_s = request_timeout_s, watchdog_interval_s
        self._rng = random.Random(seed)
        self._application_uri = application_uri
        self._lock = threading.Lock()  # guards status, evaluators, queues, channel errors
        now = time.time()
        self._status = {
            ep: EndpointStatus(ep, ConnectionState.DISCONNECTED, now) for ep in self._by_endpoint
        }
        self._transitions: list[AlarmTransition] = []
        self._samples: deque[Sample] = deque(maxlen=sample_queue_max)
        self._dropped = 0
        self._channel_errors: dict[str, str] = {}
        self._last_source_t: dict[str, float] = {}
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None

    @staticmethod
    def _security_string(security: str | None, pinned: str | None) -> str | None:
        if not security:
            if pinned:
                raise ValueError("a pinned server certificate needs a security string")
            return None
        parts = security.split(",")
        if len(parts) < 4 or parts[1] not in ("Sign", "SignAndEncrypt"):
            raise ValueError("security string must be Policy,Sign|SignAndEncrypt,cert,key[,server]")
        if pinned:
            parts = [*parts[:4], pinned]
        return ",".join(parts)

    # --- lifecycle (sync, any thread) ------------------------------------------------------
    def start(self) -> None:
        """Start the worker thread; connections are made in the background."""
        if self._thread is not None:
            raise RuntimeError("client already started")
        ready = threading.Event()
        self._thread = threading.Thread(
            target=asyncio.run, args=(self._main(ready),), name="opcua-client", daemon=True
        )
        self._thread.start()
        ready.wait(5.0)

    def stop(self, timeout: float = 10.0) -> None:
        """Disconnect everything and join the worker thread (idempotent)."""
        thread, loop, stop_event = self._thread, self._loop, self._stop_event
        if thread is None:
            return
        if loop is not None and stop_event is not None:
            with contextlib.suppress(RuntimeError):  # loop already closed
                loop.call_soon_threadsafe(stop_event.set)
        thread.join(timeout)
        if thread.is_alive():
            raise TimeoutError(f"OPC UA client thread did not stop within {timeout} s")
        self._thread = self._loop = self._stop_event = None

    @property
    def running(self) -> bool:
        """True while the worker thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> InstrumentClient:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- reads for the UI (thread-safe) ----------------------------------------------------
    @property
    def channels(self) -> dict[str, ChannelConfig]:
        """Configured channels by key."""
        return dict(self._channels)

    def buffer(self, key: str) -> RingBuffer:
        """The ring buffer of channel ``key`` (read it with ``snapshot``/``window``)."""
        return self._buffers[key]

    def endpoints(self) -> list[str]:
        """Configured endpoint URLs."""
        return list(self._by_endpoint)

    def connection(self, endpoint: str) -> EndpointStatus:
        """Connection state of ``endpoint``."""
        with self._lock:
            return self._status[endpoint]

    def is_encrypted(self, endpoint: str) -> bool:
        """True when ``endpoint`` is configured for SignAndEncrypt (else traffic is readable)."""
        if endpoint not in self._by_endpoint:
            raise KeyError(endpoint)
        return self._security is not None and self._security.split(",")[1] == "SignAndEncrypt"

    def is_stale(self, key: str, now: float | None = None) -> bool:
        """True if ``key`` had no update for ``stale_after_s`` (``now``: time.monotonic())
        or its endpoint is not connected."""
        channel = self._channels[key]
        if self.connection(channel.endpoint).state is not ConnectionState.CONNECTED:
            return True
        last = self._buffers[key].last_update_monotonic
        now = time.monotonic() if now is None else now
        return last is None or now - last > channel.stale_after_s

    def channel_error(self, key: str) -> str | None:
        """Why ``key`` could not be subscribed (e.g. unknown node), or None."""
        with self._lock:
            return self._channel_errors.get(key)

    def alarm_state(self, key: str) -> AlarmState:
        """Current alarm state of ``key``."""
        with self._lock:
            return self._evaluators[key].state

    def alarm_states(self) -> dict[str, AlarmState]:
        """Alarm state of every channel (e.g. to count active alarms on the home screen)."""
        with self._lock:
            return {key: ev.state for key, ev in self._evaluators.items()}

    def acknowledge(self, key: str, user: str, t: float | None = None) -> bool:
        """Acknowledge ``key``'s alarm as ``user``; the transition is queued for the audit.

        Returns False (and queues nothing) if there was nothing to acknowledge."""
        with self._lock:
            event = self._evaluators[key].acknowledge_event(user, time.time() if t is None else t)
            if event is not None:
                self._transitions.append(event)
            return event is not None

    def drain_transitions(self) -> list[AlarmTransition]:
        """All alarm transitions since the last call, oldest first."""
        with self._lock:
            out, self._transitions = self._transitions, []
            return out

    def drain_samples(self, max_items: int | None = None) -> list[Sample]:
        """Samples received since the last call, oldest first (for the historian)."""
        with self._lock:
            n = len(self._samples) if max_items is None else min(max_items, len(self._samples))
            return [self._samples.popleft() for _ in range(n)]

    @property
    def dropped_samples(self) -> int:
        """Samples lost because the historian queue was full (0 in a healthy system)."""
        with self._lock:
            return self._dropped

    # --- worker thread ---------------------------------------------------------------------
    def _set_status(
        self,
        endpoint: str,
        state: ConnectionState,
        last_error: str | None = None,
        attempts: int = 0,
        next_retry_at: float | None = None,
    ) -> None:
        with self._lock:
            old = self._status[endpoint]
            since = old.since if old.state is state else time.time()
            self._status[endpoint] = EndpointStatus(
                endpoint, state, since, last_error, attempts, next_retry_at
            )
        if old.state is not state:
            _log.info("%s: %s%s", endpoint, state.value, f" ({last_error})" if last_error else "")

    async def _main(self, ready: threading.Event) -> None:
        self._loop, self._stop_event = asyncio.get_running_loop(), asyncio.Event()
        ready.set()
        tasks = [asyncio.create_task(self._run_endpoint(ep)) for ep in self._by_endpoint]
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _run_endpoint(self, endpoint: str) -> None:
        assert self._stop_event is not None
        stop, attempt = self._stop_event, 0
        while not stop.is_set():
            self._set_status(endpoint, ConnectionState.CONNECTING, attempts=attempt)
            session = asyncio.create_task(self._session(endpoint))
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({session, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if not session.done():
                # A connected session closes itself on stop; one still connecting is cancelled.
                if self.connection(endpoint).state is not ConnectionState.CONNECTED:
                    session.cancel()
                await asyncio.wait({session}, timeout=5.0)
                session.cancel()
                await asyncio.gather(session, return_exceptions=True)
            exc = None if session.cancelled() else session.exception()
            error = None if exc is None else f"{type(exc).__name__}: {exc}".rstrip(": ")
            if self.connection(endpoint).state is ConnectionState.CONNECTED:
                attempt = 0
                for channel in self._by_endpoint[endpoint]:
                    self._buffers[channel.key].mark_gap(time.time())
            if stop.is_set():
                self._set_status(endpoint, ConnectionState.DISCONNECTED, last_error=error)
                break
            delay = backoff_delay(attempt, *self._backoff, self._rng)
            attempt += 1
            self._set_status(
                endpoint, ConnectionState.DISCONNECTED, last_error=error, attempts=attempt,
                next_retry_at=time.time() + delay,
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)

    async def _session(self, endpoint: str) -> None:
        """One connection: connect, subscribe, pump data until lost (raises) or stopped."""
        assert self._stop_event is not None
        client = Client(
            endpoint, timeout=self._request_timeout_s, watchdog_intervall=self._watchdog_s
        )
        lost = asyncio.Event()

        async def on_lost(exc: Exception) -> None:
            lost.set()

        client.connection_lost_callback = on_lost
        client.application_uri = self._application_uri  # must match the SAN of our certificate
        client.name = "Operator Console"
        try:
            if self._security:
                await client.set_security_string(self._security)
            await client.connect(auto_reconnect=False)
            sub = await client.create_subscription(self._publishing_ms, None, queue_maxsize=50_000)
            channels = self._by_endpoint[endpoint]
            requests = [
                _item_request(self._node_ids[c.key], i, queue=100) for i, c in enumerate(channels)
            ]
            results = await sub.create_monitored_items(requests)
            with self._lock:
                for channel, result in zip(channels, results, strict=True):
                    if isinstance(result, ua.StatusCode):
                        self._channel_errors[channel.key] = result.name
                    else:
                        self._channel_errors.pop(channel.key, None)
            self._set_status(endpoint, ConnectionState.CONNECTED)
            waiters = [
                asyncio.create_task(self._stop_event.wait()),
                asyncio.create_task(lost.wait()),
                asyncio.create_task(self._pump(sub, channels)),
            ]
            try:
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waiters:
                    waiter.cancel()
                results_ = await asyncio.gather(*waiters, return_exceptions=True)
            if isinstance(results_[2], Exception):
                raise results_[2]
            if not self._stop_event.is_set():
                raise ConnectionError("connection lost")
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.disconnect(), 2.0)

    async def _pump(self, sub: Subscription, channels: list[ChannelConfig]) -> None:
        async for event in sub:
            if isinstance(event, DataChangeEvent):
                item = event.data.monitored_item
                self._ingest(channels[item.ClientHandle], item.Value)
            elif isinstance(event, StatusChangeEvent) and event.notification.Status.is_bad():
                raise ConnectionError(f"subscription {event.notification.Status.name}")

    def _ingest(self, channel: ChannelConfig, dv: ua.DataValue) -> None:
        stamp = dv.SourceTimestamp or dv.ServerTimestamp
        if stamp is None:
            t = time.time()
        else:
            t = (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).timestamp()
        if self._last_source_t.get(channel.key) == t:
            return  # the server's initial value after a resubscribe: already stored
        self._last_source_t[channel.key] = t
        quality = quality_of(dv.StatusCode)
        raw = dv.Value.Value if dv.Value is not None else None
        value = math.nan
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            value = float(raw)
        if quality is not Quality.BAD and not math.isfinite(value):
            quality = Quality.BAD
        if quality is Quality.BAD:
            value = math.nan
        self._buffers[channel.key].append(t, value, quality)
        good = quality is Quality.GOOD
        with self._lock:
            if len(self._samples) == self._samples.maxlen:
                self._dropped += 1
            self._samples.append(Sample(channel.key, t, value, quality))
            events = self._evaluators[channel.key].update(t, value if good else None, good)
            self._transitions.extend(events)
