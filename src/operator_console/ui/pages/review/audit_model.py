"""The batch's audit entries as a table (thousands of rows: a model, never a widget per
entry); notable ones carry why."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from operator_console.application.review import AuditItem
from operator_console.ui.names.events import event_name
from operator_console.ui.names.formatting import format_local
from operator_console.ui.names.review import notable_name
from operator_console.ui.widgets.table_model import Index, RowsTableModel

#: The plant server's own events about a batch.
SERVER_EVENTS: dict[str, object] = {
    "batch_created": QT_TRANSLATE_NOOP("ReviewAudit", "Batch created"),
    "batch_state_changed": QT_TRANSLATE_NOOP("ReviewAudit", "Batch state changed"),
    "batch_disposition": QT_TRANSLATE_NOOP("ReviewAudit", "Exception dispositioned"),
    "batch_audit_review": QT_TRANSLATE_NOOP("ReviewAudit", "Audit trail reviewed"),
    "batch_decision": QT_TRANSLATE_NOOP("ReviewAudit", "Decision signed"),
    "conflict_raised": QT_TRANSLATE_NOOP("ReviewAudit", "Conflict raised"),
}


def _server_event(code: str) -> str:
    text = SERVER_EVENTS.get(code)
    return QCoreApplication.translate("ReviewAudit", str(text)) if text else code


class AuditColumn(IntEnum):
    TIME = 0
    SOURCE = 1
    ACTOR = 2
    EVENT = 3
    NOTABLE = 4


_NOTABLE = QBrush(QColor("#fff1d6"))


class AuditModel(RowsTableModel[AuditItem]):
    columns = AuditColumn

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            return _NOTABLE if self.row_at(index.row()).notable else None
        return super().data(index, role)

    def cell(self, row: AuditItem, column: IntEnum) -> str:
        if column is AuditColumn.TIME:
            return format_local(row.ts) if row.ts else ""
        if column is AuditColumn.SOURCE:
            return row.source
        if column is AuditColumn.ACTOR:
            return row.actor
        if column is AuditColumn.EVENT:
            return event_name(row.event) if row.source != "plant-server" \
                else _server_event(row.event)
        return notable_name(row.notable) if row.notable else ""

    def titles(self) -> dict[IntEnum, str]:
        return {AuditColumn.TIME: QCoreApplication.translate("ReviewAudit", "Time"),
                AuditColumn.SOURCE: QCoreApplication.translate("ReviewAudit", "Where"),
                AuditColumn.ACTOR: QCoreApplication.translate("ReviewAudit", "Who"),
                AuditColumn.EVENT: QCoreApplication.translate("ReviewAudit", "What"),
                AuditColumn.NOTABLE: QCoreApplication.translate("ReviewAudit", "Notable")}
