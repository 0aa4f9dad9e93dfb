"""Growth of the station's SQLite file from the historian, per day, and its bound under the
retention policy; and the growth of the historian's 1 s tier per day.

The 1 s tier (``store.historian_seconds``): one row per channel and second, written as the
historian writes them (a transaction every 5 s), measured over some hours after an hour is in
place and scaled to a day. Its rows are kept only while a phase's data is not acknowledged
(plus ``historian_seconds_days``), so its bound is the longest phase plus those days:
printed for a 14-day phase and 2 days (computed from the per-day growth).

Rows are what the historian writes (one per channel and 10 s interval, from ``aggregate``
over synthetic 10 Hz samples), written through ``SqliteHistorianSink.write_rows`` into a
fresh station store (WAL checkpointed before each size is read). Measured: file growth per
day at the demo's 7 channels and at 32. Then weeks of running: days of rows are written and
the retention policy applied after each, as the historian does hourly; the policy's days
are scaled down (full rows kept 3 "days", compacted ones 10) so that 14 days run in seconds;
the file size levels off once rows are compacted and pruned as fast as they come. Sizes
with the default policy (30 / 365 days) follow from the measured per-day figures and are
printed as such (computed, not run).
"""

from __future__ import annotations

import math
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

QUICK = {"channel_counts": (7,), "days": 6, "seconds_hours": 1.0}  # run_all --quick
INTERVAL_S = 10.0
DAY = 86400.0
T0 = 1_800_000_000.0


def _rows(channels: int, day: int) -> list[Any]:
    """A day of historian rows, built directly (as ``aggregate`` of 10 Hz samples makes
    them: every field filled)."""
    from operator_console.domain.historian_rows import HistorianRow

    start = T0 + day * DAY
    out = []
    for i in range(int(DAY / INTERVAL_S)):
        t = start + i * INTERVAL_S
        for c in range(channels):
            v = 37.0 + math.sin(i / 360 + c)
            out.append(HistorianRow(f"ch{c:02d}", t, INTERVAL_S, 100, 0, 0, v - 0.1, v + 0.1,
                                    v, v, t + 9.95))
    return out


def _size(db: Any) -> tuple[int, int]:
    """(bytes in use, file bytes) of the store after a WAL checkpoint (own connection)."""
    con = sqlite3.connect(db.path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages, free, size = (con.execute(f"PRAGMA {p}").fetchone()[0]
                             for p in ("page_count", "freelist_count", "page_size"))
    finally:
        con.close()
    return int((pages - free) * size), int(pages * size)


def _write_day(sink: Any, channels: int, day: int) -> None:
    rows = _rows(channels, day)
    for i in range(0, len(rows), 20_000):
        sink.write_rows(rows[i:i + 20_000])


def _per_day(channels: int) -> tuple[float, float]:
    """(file growth per day in bytes, seconds to write a day)."""
    from operator_console.services import open_services
    from operator_console.store.instruments import SqliteHistorianSink

    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        services = open_services(Path(tmp))
        sink = SqliteHistorianSink(services.db)
        _write_day(sink, channels, 0)
        before = _size(services.db)[1]
        t0 = time.perf_counter()
        _write_day(sink, channels, 1)
        seconds = time.perf_counter() - t0
        after = _size(services.db)[1]
        services.close()
    return float(after - before), seconds


def _seconds_rows(channels: int, t0: float, seconds: int) -> list[Any]:
    """``seconds`` of the 1 s tier's rows (as ``aggregate(samples, 1.0)`` of 10 Hz makes)."""
    from operator_console.domain.historian_rows import HistorianRow

    out = []
    for i in range(seconds):
        t = t0 + i
        for c in range(channels):
            v = 37.0 + math.sin(i / 3600 + c) + 0.001 * (i % 7)
            out.append(HistorianRow(f"ch{c:02d}", t, 1.0, 10, 0, 0, v - 0.01, v + 0.01,
                                    v, None, None))
    return out


def _seconds_per_day(channels: int, hours: float) -> tuple[float, float]:
    """(file growth per day in bytes, seconds to write a day) of the 1 s tier, written as the
    historian writes it (every 5 s a transaction of the seconds closed since), measured over
    ``hours`` after an hour already in place, scaled to a day."""
    from operator_console.services import open_services
    from operator_console.store.historian_seconds import SqliteSecondsSink

    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        services = open_services(Path(tmp))
        sink = SqliteSecondsSink(services.db)
        for step in range(0, 3600, 300):  # the hour in place (bigger transactions)
            sink.write_rows(_seconds_rows(channels, T0 + step, 300))
        before = _size(services.db)[1]
        seconds = 0.0
        span = int(hours * 3600)
        for step in range(3600, 3600 + span, 300):
            rows = _seconds_rows(channels, T0 + step, 300)
            t0 = time.perf_counter()
            for i in range(0, len(rows), 5 * channels):
                sink.write_rows(rows[i:i + 5 * channels])
            seconds += time.perf_counter() - t0
        after = _size(services.db)[1]
        services.close()
    scale = DAY / span
    return float(after - before) * scale, seconds * scale


def _weeks(channels: int, days: int) -> list[tuple[int, int]]:
    """File size (bytes) after each day with the scaled-down policy applied daily."""
    from operator_console.domain.historian_rows import RetentionPolicy
    from operator_console.services import open_services
    from operator_console.store.instruments import SqliteHistorianSink

    policy = RetentionPolicy(full_days=3, compacted_days=10)
    sizes = []
    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        services = open_services(Path(tmp))
        sink = SqliteHistorianSink(services.db)
        for day in range(days):
            _write_day(sink, channels, day)
            sink.apply_retention(T0 + (day + 1) * DAY, policy)
            sizes.append((day + 1, _size(services.db)[1]))
        services.close()
    return sizes


def run(channel_counts: tuple[int, ...] = (7, 32), days: int = 14,
        seconds_hours: float = 6.0) -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []
    for n in channel_counts:
        growth, seconds = _seconds_per_day(n, seconds_hours)
        rows.append((f"storage: 1 s tier file growth per day, {n} channels", growth / 1e6,
                     f"MB/day ({n * DAY:,.0f} rows, {growth / (n * DAY):.0f} B/row; a day "
                     f"written in {seconds:.1f} s, measured over {seconds_hours:g} h)"))
        rows.append((f"storage: 1 s tier for a 14-day phase + 2 days, {n} channels",
                     growth * 16 / 1e6, "MB (computed from the per-day growth)"))
    per_day: dict[int, float] = {}
    for n in channel_counts:
        growth, seconds = _per_day(n)
        per_day[n] = growth
        rows.append((f"storage: historian file growth per day, {n} channels", growth / 1e6,
                     f"MB/day ({n * DAY / INTERVAL_S:,.0f} rows; a day written in "
                     f"{seconds:.1f} s)"))
    n = channel_counts[0]
    sizes = _weeks(n, days)
    compacted_days = 10
    rows += [
        (f"storage: file after {d} days, {n} ch, policy 3 d full / 10 d compacted",
         size / 1e6, "MB") for d, size in sizes if d in (1, 3, 5, 7, days // 2, days)]
    last_week = [size for d, size in sizes if d > days - 4]
    rows.append((f"storage: growth over the last 3 days of {days} (bounded)",
                 (max(last_week) - min(last_week)) / 1e6,
                 f"MB (vs {3 * per_day[n] / 1e6:.1f} MB unbounded; compacted rows still "
                 f"accumulate until day {compacted_days})"))
    for m, growth in per_day.items():
        # 30 days of 10 s rows, and 365 days of 15 min rows (1/90 as many per day).
        bound = growth * (30 + 365 * INTERVAL_S / 900)
        rows.append((f"storage: bound with the default policy (30 d full, 365 d compacted), "
                     f"{m} ch", bound / 1e6, "MB (computed from the per-day growth)"))
    return rows


if __name__ == "__main__":
    import sys

    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:72s} {value:10,.3f} {unit}")
