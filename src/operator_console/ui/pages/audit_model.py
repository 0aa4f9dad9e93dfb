"""Table model of audit entries: named columns, display text per the current language."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from operator_console.store.audit import AuditRow
from operator_console.ui.formatting import format_local
from operator_console.ui.labels import event_name, reason_text

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    SEQ = 0
    TIME = 1
    USER = 2
    EVENT = 3
    TARGET = 4
    REASON = 5


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> AuditRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self._rows[index.row()]
        col = Column(index.column())
        if col is Column.SEQ:
            return str(r.seq)
        if col is Column.TIME:
            return format_local(r.ts)
        if col is Column.USER:
            return r.actor
        if col is Column.EVENT:
            return event_name(r.event)
        if col is Column.TARGET:
            return r.target
        return reason_text(r.reason)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.SEQ: self.tr("No."),
            Column.TIME: self.tr("Date and time"),
            Column.USER: self.tr("User"),
            Column.EVENT: self.tr("Event"),
            Column.TARGET: self.tr("Subject"),
            Column.REASON: self.tr("Reason"),
        }
        return titles[Column(section)]

    def retranslate(self) -> None:
        """Language changed: headers and cells are re-rendered in the new language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(Column) - 1))
