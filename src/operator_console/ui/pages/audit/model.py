"""Table model of audit entries: named columns, display text per the current language."""

from __future__ import annotations

from enum import IntEnum

from operator_console.store.audit import AuditRow
from operator_console.ui.names.events import event_name, reason_text
from operator_console.ui.names.formatting import format_local
from operator_console.ui.widgets.table_model import RowsTableModel


class Column(IntEnum):
    SEQ = 0
    TIME = 1
    USER = 2
    EVENT = 3
    TARGET = 4
    REASON = 5


class AuditTableModel(RowsTableModel[AuditRow]):
    columns = Column

    def cell(self, row: AuditRow, column: IntEnum) -> str:
        if column is Column.SEQ:
            return str(row.seq)
        if column is Column.TIME:
            return format_local(row.ts)
        if column is Column.USER:
            return row.actor
        if column is Column.EVENT:
            return event_name(row.event)
        if column is Column.TARGET:
            return row.target
        return reason_text(row.reason)

    def titles(self) -> dict[IntEnum, str]:
        return {
            Column.SEQ: self.tr("No."),
            Column.TIME: self.tr("Date and time"),
            Column.USER: self.tr("User"),
            Column.EVENT: self.tr("Event"),
            Column.TARGET: self.tr("Subject"),
            Column.REASON: self.tr("Reason"),
        }
