"""Table model of electronic records: named columns, text per the current language."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType

from PySide6.QtCore import QCoreApplication

from operator_console.domain.records import RecordStatus, RecordType
from operator_console.store.records import RecordView, SignatureView
from operator_console.store.records_reader import ServerCheck
from operator_console.ui.names.formatting import format_local
from operator_console.ui.names.record_content import summary_text
from operator_console.ui.names.records import (
    meaning_name,
    record_type_name,
    server_check_short,
    status_name,
)
from operator_console.ui.widgets.table_model import RowsTableModel


class Column(IntEnum):
    TIME = 0
    BATCH = 1
    TYPE = 2
    SUMMARY = 3
    STATUS = 4
    SIGNATURES = 5


def shown_type(view: RecordView) -> RecordType:
    """The type whose fields a record shows: a correction shows its original's."""
    if view.record_type is RecordType.CORRECTION and view.corrects_type is not None:
        return view.corrects_type
    return view.record_type


def summary_of(view: RecordView, width: int = 60) -> str:
    """What identifies the record, in words, on one line, for the list."""
    text = summary_text(shown_type(view), view.body)
    return text if len(text) <= width else text[: width - 1] + "…"


def offline_mark(sig: SignatureView, checks: Mapping[str, ServerCheck]) -> str:
    """"" for an online signature; else whether the plant server has re-checked it."""
    if sig.facts.auth_method.value != "offline":
        return ""
    return server_check_short(checks.get(sig.signature_id, ServerCheck.PENDING))


def signatures_text(view: RecordView, checks: Mapping[str, ServerCheck] | None = None) -> str:
    """'Performed: 山田 花子 ✓, Verified: 佐藤 健 ✓' — a ✗ marks a signature that fails; an
    offline one says whether the plant server has re-checked it."""
    parts = []
    for s in view.signatures:
        mark = offline_mark(s, checks or {})
        text = QCoreApplication.translate("RecordsTableModel", "%1: %2").replace(
            "%1", meaning_name(s.facts.meaning.value)).replace("%2", s.facts.printed_name)
        parts.append(f"{text} {'✓' if s.valid else '✗'}"
                     + (QCoreApplication.translate("RecordsTableModel", " (%1)")
                        .replace("%1", mark) if mark else ""))
    return QCoreApplication.translate("RecordsTableModel", ", ").join(parts)


class RecordsTableModel(RowsTableModel[RecordView]):
    columns = Column
    checks: Mapping[str, ServerCheck] = MappingProxyType({})
    """The plant server's re-check of the offline signatures shown (set with the rows)."""

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
        return signatures_text(row, self.checks)

    def titles(self) -> dict[IntEnum, str]:
        return {
            Column.TIME: self.tr("Created"),
            Column.BATCH: self.tr("Batch"),
            Column.TYPE: self.tr("Record"),
            Column.SUMMARY: self.tr("Content"),
            Column.STATUS: self.tr("Status"),
            Column.SIGNATURES: self.tr("Signatures"),
        }
