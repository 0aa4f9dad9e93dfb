"""Table model of electronic records: named columns, text per the current language."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from operator_console.domain.records import RecordStatus, readable_lines
from operator_console.store.records import RecordView
from operator_console.ui.formatting import format_local
from operator_console.ui.signature_dialog import meaning_name, record_type_name, status_name

_Index = QModelIndex | QPersistentModelIndex


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


class RecordsTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RecordView] = []

    def set_rows(self, rows: list[RecordView]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> RecordView:
        return self._rows[row]

    def row_of(self, record_id: str) -> int | None:
        for i, view in enumerate(self._rows):
            if view.record_id == record_id:
                return i
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        v = self._rows[index.row()]
        col = Column(index.column())
        if col is Column.TIME:
            return format_local(v.created_at)
        if col is Column.BATCH:
            return v.batch_id
        if col is Column.TYPE:
            return record_type_name(v.record_type.value)
        if col is Column.SUMMARY:
            return summary_of(v)
        if col is Column.STATUS:
            text = status_name(v.status.value)
            if not v.all_valid:
                text = "✗ " + text
            elif v.status is RecordStatus.AWAITING_VERIFICATION:
                text = "● " + text
            return text
        return signatures_text(v)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.TIME: self.tr("Created"),
            Column.BATCH: self.tr("Batch"),
            Column.TYPE: self.tr("Record"),
            Column.SUMMARY: self.tr("Content"),
            Column.STATUS: self.tr("Status"),
            Column.SIGNATURES: self.tr("Signatures"),
        }
        return titles[Column(section)]

    def retranslate(self) -> None:
        """Language changed: headers and cells are re-rendered in the new language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(Column) - 1))
