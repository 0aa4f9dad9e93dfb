"""Channel configuration and the historian's SQLite sink."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from operator_console.domain.channels import demo_channels
from operator_console.domain.historian_rows import HistorianRow
from operator_console.services import Services
from operator_console.store.instruments import (
    SqliteHistorianSink,
    load_channels,
    save_channels,
)
from operator_console.store.models import AuditEntry


def test_channels_round_trip_and_changes_are_audited(services: Services) -> None:
    channels = demo_channels("opc.tcp://127.0.0.1:4841/")
    assert save_channels(services.db, services.audit, channels, actor="admin",
                         reason="commissioning") == len(channels)
    assert load_channels(services.db) == sorted(channels, key=lambda c: c.key)
    # Saving the same again changes nothing; a changed limit is one audited change.
    assert save_channels(services.db, services.audit, channels, actor="admin", reason="x") == 0
    changed = replace(channels[0], high_limit=(channels[0].high_limit or 0) + 1)
    assert save_channels(services.db, services.audit, [changed], actor="admin",
                         reason="new limit") == 1
    with services.db.read() as s:
        events = s.execute(select(AuditEntry.reason, AuditEntry.old_json).where(
            AuditEntry.event == "channel_configured").order_by(AuditEntry.seq)).all()
    assert len(events) == len(channels) + 1
    assert events[-1][0] == "new limit" and events[-1][1] != "null"


def test_historian_sink_writes_and_prunes(services: Services) -> None:
    sink = SqliteHistorianSink(services.db)
    rows = [HistorianRow("temperature", 100.0 + 10 * i, 10.0, 100, 0, 0, 36.9, 38.2, 37.1,
                         37.0, 109.9 + 10 * i) for i in range(5)]
    sink.write_rows(rows)
    assert sink.rows_between("temperature", 0, 1e9) == rows
    sink.prune_before(120.0)
    kept = sink.rows_between("temperature", 0, 1e9)
    assert [r.interval_start for r in kept] == [120.0, 130.0, 140.0]
    assert kept[0].max == 38.2  # the excursion's peak is kept, not averaged away
