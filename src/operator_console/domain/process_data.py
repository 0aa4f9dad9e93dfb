"""An instrument phase's process data as the plant server keeps it: per-second min/max/mean per
channel over the whole phase, and the full-resolution samples in a window around each alarm.

The data travels as outbox entries of kind ``process_data``, each a *chunk* of at most
:data:`MAX_POINTS_PER_CHUNK` points (so no entry exceeds a bounded size, whatever the phase's
length). Every chunk carries the phase's identity, its part number and the number of parts,
and ``data_hash``: the SHA-256 of the canonical JSON of the whole phase's data
(:meth:`PhaseData.as_dict`). The server reassembles the parts and checks that they hash to
``data_hash``, so what it stores is exactly what the station measured, or it says so.

Points: a per-second row is ``[t, dt, n, min, max, mean]`` (``t`` the interval's start in epoch
seconds, ``dt`` its length: 1 s from the station's full-rate buffer; the historian's interval,
10 s, for any part of a long phase the buffer no longer holds; ``n`` the samples with a value;
min/max/mean ``None`` when ``n`` is 0); a
full-resolution point is ``[t, value, quality]`` (``value`` ``None`` for a bad sample; quality
0 good, 1 uncertain, 2 bad). Pure: the instrument layer supplies the samples.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from operator_console.domain.canonical import JsonValue, content_hash

SCHEMA = "process-data/1"
KIND = "process_data"
#: Points per chunk: a chunk of per-second rows is at most about 100 kB of JSON.
MAX_POINTS_PER_CHUNK = 2000
#: Full resolution is kept from this long before an alarm is raised until this long after it
#: cleared (or the phase ended).
ALARM_MARGIN_S = 60.0
#: The station keeps (``store.alarm_windows``) at most this much of an alarm's window from
#: before it is raised and as much up to after it cleared: an alarm that lasts hours keeps its
#: first and its last 15 minutes at full resolution once the ring buffer has moved on.
ALARM_KEEP_CAP_S = 900.0
PER_SECOND, FULL_RESOLUTION = "per_second", "full_resolution"
SERIES = (PER_SECOND, FULL_RESOLUTION)

Point = tuple[float | int | None, ...]


class ProcessDataError(ValueError):
    """A chunk or a set of chunks that is not a phase's process data (``code`` is stable)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class RawWindow:
    """Full-resolution samples of one channel in ``[start, end]`` (around an alarm)."""

    channel: str
    start: float
    end: float
    points: tuple[Point, ...]

    def as_dict(self) -> dict[str, JsonValue]:
        return {"channel": self.channel, "start": self.start, "end": self.end,
                "points": [list(p) for p in self.points]}


@dataclass(frozen=True)
class PhaseData:
    """One instrument phase's data: ``channels`` maps a channel to its per-second rows."""

    batch_id: str
    step_id: str
    step_record_id: str
    start: float
    end: float
    channels: Mapping[str, tuple[Point, ...]]
    windows: tuple[RawWindow, ...] = ()
    interval_s: float = 1.0

    def as_dict(self) -> dict[str, JsonValue]:
        return {
            "schema": SCHEMA, "batch": self.batch_id, "step": self.step_id,
            "step_record": self.step_record_id, "start": self.start, "end": self.end,
            "interval_s": self.interval_s,
            "channels": {k: [list(p) for p in rows] for k, rows in self.channels.items()},
            "windows": [w.as_dict() for w in self.windows],
        }

    def data_hash(self) -> str:
        return content_hash(self.as_dict())

    def point_count(self) -> int:
        return sum(len(r) for r in self.channels.values()) + \
            sum(len(w.points) for w in self.windows)


def alarm_spans(alarms: Iterable[tuple[str, float, float | None]], start: float, end: float,
                margin_s: float = ALARM_MARGIN_S) -> list[tuple[str, float, float]]:
    """The full-resolution windows for ``(channel, raised_at, cleared_at)`` alarms: from
    ``margin_s`` before each raise to ``margin_s`` after its clearing (the phase's end if it
    never cleared), clipped to the phase, overlapping windows of a channel merged."""
    spans: dict[str, list[tuple[float, float]]] = {}
    for channel, raised, cleared in alarms:
        lo = max(start, raised - margin_s)
        hi = min(end, (end if cleared is None else cleared) + margin_s)
        if hi >= lo:
            spans.setdefault(channel, []).append((lo, hi))
    out: list[tuple[str, float, float]] = []
    for channel in sorted(spans):
        merged: list[list[float]] = []
        for lo, hi in sorted(spans[channel]):
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        out += [(channel, lo, hi) for lo, hi in merged]
    return out


def kept_alarm_spans(raised: float, cleared: float | None, now: float,
                     margin_s: float = ALARM_MARGIN_S, cap_s: float = ALARM_KEEP_CAP_S
                     ) -> list[tuple[float, float]]:
    """The parts of one alarm's full-resolution window that the station keeps and that are
    complete at ``now``: from ``margin_s`` before the raise, at most ``cap_s`` seconds (the
    head, complete once ``now`` has passed its end), and once the alarm has cleared the last
    ``cap_s`` seconds up to ``margin_s`` after the clearing (the tail, not overlapping the
    head). A short alarm is one part, its whole window."""
    lo = raised - margin_s
    hi = math.inf if cleared is None else cleared + margin_s
    head_end = min(hi, lo + cap_s)
    out: list[tuple[float, float]] = []
    if now >= head_end:
        out.append((lo, head_end))
    if cleared is not None and hi > head_end and now >= hi:
        out.append((max(head_end, hi - cap_s), hi))
    return out


def _parts(points: Sequence[Point], size: int) -> list[Sequence[Point]]:
    return [points[i:i + size] for i in range(0, len(points), size)] or [points]


def chunk_payloads(data: PhaseData, max_points: int = MAX_POINTS_PER_CHUNK
                   ) -> list[dict[str, JsonValue]]:
    """The outbox payloads that carry ``data``, in order: every channel's per-second rows,
    then every alarm window, each cut into parts of at most ``max_points`` points."""
    if max_points < 1:
        raise ValueError("max_points must be at least 1")
    pieces: list[dict[str, JsonValue]] = []
    for channel in sorted(data.channels):
        for part in _parts(data.channels[channel], max_points):
            pieces.append({"series": PER_SECOND, "channel": channel, "window": None,
                           "points": [list(p) for p in part]})
    for w in data.windows:
        for part in _parts(w.points, max_points):
            pieces.append({"series": FULL_RESOLUTION, "channel": w.channel,
                           "window": [w.start, w.end], "points": [list(p) for p in part]})
    head: dict[str, JsonValue] = {
        "schema": SCHEMA, "batch": data.batch_id, "step": data.step_id,
        "step_record": data.step_record_id, "start": data.start, "end": data.end,
        "interval_s": data.interval_s, "data_hash": data.data_hash(), "parts": len(pieces)}
    return [{**head, **piece, "part": i} for i, piece in enumerate(pieces, start=1)]


_CHUNK_KEYS = frozenset({"schema", "batch", "step", "step_record", "start", "end", "interval_s",
                         "data_hash", "parts", "series", "channel", "window", "points", "part"})


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_chunk(payload: Mapping[str, JsonValue], max_points: int = MAX_POINTS_PER_CHUNK
                ) -> None:
    """Raise :class:`ProcessDataError` unless ``payload`` is a well-formed chunk."""
    if set(payload) != _CHUNK_KEYS or payload["schema"] != SCHEMA:
        raise ProcessDataError("malformed_process_data", "not a process-data chunk")
    if not all(isinstance(payload[k], str) and payload[k]
               for k in ("batch", "step", "step_record", "channel", "data_hash")):
        raise ProcessDataError("malformed_process_data", "identity fields missing")
    parts, part = payload["parts"], payload["part"]
    if not (isinstance(parts, int) and isinstance(part, int) and 1 <= part <= parts):
        raise ProcessDataError("malformed_process_data", "bad part number")
    if not all(_number(payload[k]) for k in ("start", "end", "interval_s")) or \
            payload["end"] < payload["start"]:
        raise ProcessDataError("malformed_process_data", "bad time window")
    points = payload["points"]
    if payload["series"] not in SERIES or not isinstance(points, list):
        raise ProcessDataError("malformed_process_data", "bad series")
    if len(points) > max_points:
        raise ProcessDataError("process_data_too_large", f"{len(points)} points in one chunk")
    width = 6 if payload["series"] == PER_SECOND else 3
    for p in points:
        if not isinstance(p, list) or len(p) != width or not _number(p[0]) or \
                not all(v is None or _number(v) for v in p):
            raise ProcessDataError("malformed_process_data", "bad point")
    window = payload["window"]
    if (payload["series"] == PER_SECOND) != (window is None):
        raise ProcessDataError("malformed_process_data", "bad window")


def assemble(chunks: Iterable[Mapping[str, JsonValue]]) -> PhaseData:
    """The phase's data from all of its chunks (any order); raises :class:`ProcessDataError`
    if a part is missing or doubled, the chunks disagree, or the result does not hash to the
    ``data_hash`` they carry."""
    by_part = sorted(chunks, key=lambda c: int(c["part"]))
    if not by_part:
        raise ProcessDataError("process_data_incomplete", "no chunks")
    first = by_part[0]
    ident = ("batch", "step", "step_record", "start", "end", "interval_s", "data_hash", "parts")
    if any(any(c[k] != first[k] for k in ident) for c in by_part):
        raise ProcessDataError("process_data_inconsistent", "chunks of different phases")
    if [int(c["part"]) for c in by_part] != list(range(1, int(first["parts"]) + 1)):
        raise ProcessDataError("process_data_incomplete", "parts missing or doubled")
    channels: dict[str, list[Point]] = {}
    windows: list[tuple[str, float, float, list[Point]]] = []
    for c in by_part:
        points = [tuple(p) for p in c["points"]]
        if c["series"] == PER_SECOND:
            channels.setdefault(str(c["channel"]), []).extend(points)
            continue
        lo, hi = c["window"]
        if windows and windows[-1][:3] == (c["channel"], lo, hi):
            windows[-1][3].extend(points)
        else:
            windows.append((str(c["channel"]), lo, hi, points))
    data = PhaseData(str(first["batch"]), str(first["step"]), str(first["step_record"]),
                     first["start"], first["end"],
                     {k: tuple(v) for k, v in channels.items()},
                     tuple(RawWindow(ch, lo, hi, tuple(p)) for ch, lo, hi, p in windows),
                     first["interval_s"])
    if data.data_hash() != first["data_hash"]:
        raise ProcessDataError("process_data_hash_mismatch",
                               "the chunks do not hash to the phase's data hash")
    return data
