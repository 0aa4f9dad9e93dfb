"""Table model of electronic records: named columns, text per the current language."""

from __future__ import annotations

from enum import IntEnum

from operator_console.domain.records import RecordStatus, readable_lines
from operator_console.store.records import RecordView
from operator_console.ui.names.formatting import format_local
from operator_console.ui.names.records import meaning_name, record_type_name, status_name
from operator_console.ui.widgets.table_model import RowsTableModel


class Column(IntEnum):
    TIME = 0
    BATCH = 1
    TYPE = 2
    SUMMARY = 3
    STATUS = 4
    SIGNATURES = 5


def summary_of(view: RecordView, width: int = 60) -> str:
    """The record's first content values on one line, for the list."""
    text = " / ".join(value for _key, value in readable_lines(view.body))
    return text if len(text) <= width else text[: width - 1] + "…"


def signatures_text(view: RecordView) -> str:
    """'Performed: 山田 花子 ✓, Verified: 佐藤 健 ✓' — a ✗ marks a signature that fails."""
    parts = [f"{meaning_name(s.facts.meaning.value)}: {s.facts.printed_name} "
             f"{'✓' if s.valid else '✗'}" for s in view.signatures]
    return ", ".join(parts)


class RecordsTableModel(RowsTableModel[RecordView]):
    columns = Column

    def row_of(self, record_id: str) -> int | None:
        for i, view in enumerate(self._rows):
            if view.record_id == record_id:
                return i
        return None

    def cell(self, row: RecordView, column: IntEnum) -> str:
        if column is Column.TIME:
            return format_local(row.created_at)
        if column is Column.BATCH:
            return row.batch_id
        if column is Column.TYPE:
            return record_type_name(row.record_type.value)
        if column is Column.SUMMARY:
            return summary_of(row)
        if column is Column.STATUS:
            text = status_name(row.status.value)
            if not row.all_valid:
                text = "✗ " + text
            elif row.status is RecordStatus.AWAITING_VERIFICATION:
                text = "● " + text
            return text
        return signatures_text(row)

    def titles(self) -> dict[IntEnum, str]:
        return {
            Column.TIME: self.tr("Created"),
            Column.BATCH: self.tr("Batch"),
            Column.TYPE: self.tr("Record"),
            Column.SUMMARY: self.tr("Content"),
            Column.STATUS: self.tr("Status"),
            Column.SIGNATURES: self.tr("Signatures"),
        }
