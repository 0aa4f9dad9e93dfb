"""Historian retention: old rows merge exactly into coarse ones, then go; nothing else is
touched, and the station's settings decide when."""

from __future__ import annotations

import math

import pytest
from sqlalchemy import func, select

from operator_console.domain.historian_rows import HistorianRow, RetentionPolicy, merge_rows
from operator_console.instruments.historian import aggregate
from operator_console.instruments.ringbuffer import Quality, Sample
from operator_console.services import Services
from operator_console.store.audit import AuditFilter, query_entries
from operator_console.store.instrument_models import HistorianRowModel
from operator_console.store.instruments import SqliteHistorianSink
from operator_console.store.settings import set_setting

DAY = 86400.0


def _samples(t0: float, seconds: float, key: str = "ph") -> list[Sample]:
    out = []
    for i in range(int(seconds)):
        t = t0 + i + 0.25
        quality = Quality.BAD if i % 97 == 0 else Quality.GOOD
        out.append(Sample(key, t, 7.0 + math.sin(i / 50) + (5.0 if i == 1234 else 0.0),
                          quality))
    return out


def test_merged_rows_are_the_rows_of_the_coarse_interval() -> None:
    samples = _samples(1_800_000_000.0, 3 * 900) + _samples(1_800_000_000.0, 900, "co2")
    fine = aggregate(samples, 10.0)
    coarse = aggregate(samples, 900.0)
    merged = merge_rows(fine, 900.0)
    assert [(r.channel_key, r.interval_start) for r in merged] == \
        [(r.channel_key, r.interval_start) for r in coarse]
    for m, c in zip(merged, coarse, strict=True):
        assert (m.count, m.bad_count, m.uncertain_count, m.min, m.max, m.last, m.last_t) == \
            (c.count, c.bad_count, c.uncertain_count, c.min, c.max, c.last, c.last_t)
        assert m.mean == pytest.approx(c.mean, rel=1e-12)
    assert max(r.max or 0 for r in merged) > 10.5  # the one-second excursion survives


def test_policy_cutoffs_are_on_the_coarse_grid() -> None:
    policy = RetentionPolicy(full_days=30, compacted_days=365)
    now = 1_800_000_123.0
    assert policy.compact_cutoff(now) % 900 == 0
    assert now - 30 * DAY - 900 < policy.compact_cutoff(now) <= now - 30 * DAY
    assert policy.prune_cutoff(now) == now - 365 * DAY


def test_store_compacts_old_rows_prunes_older_and_leaves_the_audit_trail(
        services: Services) -> None:
    sink = SqliteHistorianSink(services.db)
    now = 1_800_000_000.0
    old, older, recent = now - 40 * DAY, now - 400 * DAY, now - DAY
    for t0 in (older, old, recent):
        sink.write_rows(aggregate(_samples(t0, 1800), 10.0))
    with services.db.read() as s:
        audit_before = len(query_entries(s, AuditFilter()))
        before = s.scalar(select(func.count()).select_from(HistorianRowModel))
    assert before == 3 * 180
    merged = sink.apply_retention(now)
    assert merged == 180  # the 40-day-old half hour; the 400-day-old one is gone
    with services.db.read() as s:
        assert len(query_entries(s, AuditFilter())) == audit_before
    kept = sink.rows_between("ph", 0.0, now)
    assert not [r for r in kept if r.interval_start < now - 365 * DAY]
    compacted = [r for r in kept if r.interval_start < now - 30 * DAY]
    assert {r.interval_s for r in compacted} == {900.0} and 2 <= len(compacted) <= 3
    assert sum(r.count for r in compacted) == 1800
    assert max(r.max or 0 for r in compacted) > 10.5
    assert len([r for r in kept if r.interval_start > now - 2 * DAY]) == 180  # untouched
    assert sink.apply_retention(now) == 0  # nothing left to do


def test_retention_days_are_a_station_setting(services: Services) -> None:
    sink = SqliteHistorianSink(services.db)
    now = 1_800_000_000.0
    sink.write_rows(aggregate(_samples(now - 10 * DAY, 900), 10.0))
    assert sink.policy() == RetentionPolicy(30.0, 365.0)
    assert sink.apply_retention(now) == 0
    with services.db.transaction() as s:
        set_setting(s, services.audit, "historian_retention_days", "7", actor="admin",
                    reason="test")
    assert sink.policy().full_days == 7.0
    assert sink.apply_retention(now) == 90
    rows: list[HistorianRow] = sink.rows_between("ph", 0.0, now)
    assert {r.interval_s for r in rows} == {900.0}
