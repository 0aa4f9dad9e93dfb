"""`operator-console audit verify` against edits made behind the application's back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from operator_console.__main__ import main
from operator_console.store.db import DB_FILENAME


def _sql(data_dir: Path, *statements: str) -> None:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")
    for st in statements:
        con.execute(st)
    con.commit()
    con.close()


def _verify(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["audit", "verify", "--data-dir", str(data_dir)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_intact_chain(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _verify(data_dir, capsys)
    assert code == 0
    count = sqlite3.connect(data_dir / DB_FILENAME).execute(
        "SELECT count(*) FROM audit_entries").fetchone()[0]
    assert f"{count} entries verified" in text


def test_changed_row(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _sql(data_dir, "UPDATE audit_entries SET reason = 'nothing happened' WHERE seq = 7")
    code, text = _verify(data_dir, capsys)
    assert code != 0
    assert "entry 7" in text


def test_inserted_row(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Shift the tail up by one and slip a forged entry in at position 5.
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("DROP TRIGGER audit_entries_no_update")
    last = con.execute("SELECT max(seq) FROM audit_entries").fetchone()[0]
    for seq in range(last, 4, -1):
        con.execute("UPDATE audit_entries SET seq = seq + 1 WHERE seq = ?", (seq,))
    row = con.execute("SELECT * FROM audit_entries WHERE seq = 4").fetchone()
    forged = list(row)
    forged[0], forged[1] = 5, "forged-entry"
    con.execute(f"INSERT INTO audit_entries VALUES ({','.join('?' * len(forged))})", forged)
    con.commit()
    con.close()
    code, text = _verify(data_dir, capsys)
    assert code != 0
    assert "entry 5" in text


def test_deleted_row(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _sql(data_dir, "DELETE FROM audit_entries WHERE seq = 10")
    code, text = _verify(data_dir, capsys)
    assert code != 0
    assert "entry 10" in text


def test_deleted_last_row(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = sqlite3.connect(data_dir / DB_FILENAME).execute(
        "SELECT max(seq) FROM audit_entries").fetchone()[0]
    _sql(data_dir, f"DELETE FROM audit_entries WHERE seq = {last}")
    code, text = _verify(data_dir, capsys)
    assert code != 0
    assert f"entry {last}" in text


def test_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _verify(tmp_path / "nothing-here", capsys)
    assert code != 0 and "no database" in text


def _first_verified_record(data_dir: Path) -> str:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    (record_id,) = con.execute(
        "SELECT record_id FROM signatures WHERE meaning = 'verified' LIMIT 1").fetchone()
    con.close()
    return str(record_id)


def _drop_row_triggers(data_dir: Path) -> None:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    names = [n for (n,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (tbl_name = 'records' "
        "OR tbl_name = 'signatures')")]
    for name in names:
        con.execute(f"DROP TRIGGER {name}")
    con.commit()
    con.close()


def test_deleted_signed_record_is_found(data_dir: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Record and signatures removed together: each row that is left still verifies, but
    the audit entries that announced them name rows that are gone."""
    record_id = _first_verified_record(data_dir)
    _drop_row_triggers(data_dir)
    _sql(data_dir, f"DELETE FROM signatures WHERE record_id = '{record_id}'",
         f"DELETE FROM records WHERE record_id = '{record_id}'")
    code, text = _verify(data_dir, capsys)
    assert code == 4 and f"record {record_id}: announced in the audit trail but missing" in text


def test_inserted_forged_record_is_found(data_dir: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A copy of a complete (performed + verified) record under a new ID, with consistent
    hashes: no audit entry announces it."""
    record_id = _first_verified_record(data_dir)
    _drop_row_triggers(data_dir)
    con = sqlite3.connect(data_dir / DB_FILENAME)
    cols = [c[1] for c in con.execute("PRAGMA table_info(records)")]
    row = dict(zip(cols, con.execute("SELECT * FROM records WHERE record_id = ?",
                                     (record_id,)).fetchone(), strict=True))
    row["record_id"] = "forged-record"
    row.pop("seq", None)
    con.execute(f"INSERT INTO records ({','.join(row)}) VALUES ({','.join('?' * len(row))})",
                list(row.values()))
    con.commit()
    con.close()
    code, text = _verify(data_dir, capsys)
    assert code == 4 and "record forged-record: no audit entry announces it" in text


def test_unknown_audit_events_are_not_written(tmp_path: Path) -> None:
    from operator_console.store.audit import AuditLog
    from operator_console.store.db import Database

    db = Database(tmp_path)
    try:
        with pytest.raises(ValueError), db.transaction() as s:
            AuditLog("ST-1").append(s, actor="op01", event="made_up_event")
        with db.read() as s:
            from operator_console.store.audit import count_entries

            assert count_entries(s) == 0
    finally:
        db.close()
