"""RecordsReader and the verification backlog behind the Home tile."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from operator_console.application.station_status import read_station_status
from operator_console.domain.records import RecordStatus
from operator_console.services import Services
from operator_console.store.records import RecordFilter
from operator_console.store.records_reader import RecordsReader, verification_backlog
from operator_console.store.settings import set_setting


def test_query_choices_and_count(services: Services) -> None:
    reader = RecordsReader(services.db)
    rows = reader.query(RecordFilter())
    assert reader.count() == len(rows) == 5
    assert [r.seq for r in rows] == sorted((r.seq for r in rows), reverse=True)
    choices = reader.choices()
    assert choices.batches == ("B-2026-0142",)
    assert dict(choices.signers)["op01"] == "山田 花子"
    got = reader.get(rows[0].record_id)
    assert got is not None and got.record_id == rows[0].record_id
    assert reader.get("no-such-record") is None


def test_backlog_counts_overdue_by_setting(services: Services) -> None:
    now = datetime.now(UTC)
    with services.db.read() as s:
        backlog = verification_backlog(s, now)
    assert (backlog.awaiting, backlog.overdue, backlog.overdue_minutes) == (1, 0, 60)
    with services.db.read() as s:
        assert verification_backlog(s, now + timedelta(minutes=61)).overdue == 1
    with services.db.transaction() as s:
        set_setting(s, services.audit, "verification_overdue_minutes", "0", actor="admin")
    status = read_station_status(services.db, services.station, now + timedelta(seconds=1))
    assert status.awaiting_verification == 1 and status.overdue_verification == 1
    waiting = RecordsReader(services.db).query(
        RecordFilter(status=RecordStatus.AWAITING_VERIFICATION.value))
    assert [v.body["step"] for v in waiting] == ["HARVEST"]
