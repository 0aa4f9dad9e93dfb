"""The anchor check's count of the records a station made itself (received ones aside)."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

from operator_console.domain.manifestation import format_utc_iso
from operator_console.services import open_services
from operator_console.store.db import DB_FILENAME
from operator_console.store.records import receive_record
from operator_console.sync.engine import _own_records


def _own(data_dir: Path) -> int:
    services = open_services(data_dir)
    try:
        with services.db.read() as s:
            return _own_records(s)
    finally:
        services.close()


def _announced_own(data_dir: Path) -> int:
    """The definition: records announced by record_created or record_corrected here."""
    con = sqlite3.connect(data_dir / DB_FILENAME)
    (n,) = con.execute("SELECT count(*) FROM records WHERE record_id IN (SELECT target FROM "
                       "audit_entries WHERE event IN ('record_created', 'record_corrected'))"
                       ).fetchone()
    con.close()
    return int(n)


def test_received_records_are_not_counted_and_deleted_ones_are_missed(data_dir: Path) -> None:
    own = _own(data_dir)
    assert own > 0 and own == _announced_own(data_dir)
    services = open_services(data_dir)
    try:
        with services.db.transaction() as s:
            receive_record(s, services.audit, {
                "schema": 1, "record_id": str(uuid.uuid4()), "type": "comment",
                "batch": "B-2026-0142", "content": {"text": "from station 2"},
                "corrects": None, "reason": None, "created_by": "op01",
                "created_at": format_utc_iso(datetime.now(UTC)), "station": "ST-02"}, [])
    finally:
        services.close()
    assert _own(data_dir) == own == _announced_own(data_dir)
    con = sqlite3.connect(data_dir / DB_FILENAME)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                               "tbl_name IN ('records', 'signatures')").fetchall():
        con.execute(f"DROP TRIGGER {name}")
    (record_id,) = con.execute("SELECT record_id FROM records WHERE record_id IN (SELECT "
                               "target FROM audit_entries WHERE event = 'record_created') "
                               "LIMIT 1").fetchone()
    con.execute("DELETE FROM signatures WHERE record_id = ?", (record_id,))
    con.execute("DELETE FROM records WHERE record_id = ?", (record_id,))
    con.commit()
    con.close()
    assert _own(data_dir) == own - 1 == _announced_own(data_dir)
