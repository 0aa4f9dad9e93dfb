"""Table model of audit entries: named columns, display text per the current language."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType

from operator_console.domain.channels import ChannelConfig
from operator_console.store.audit import AuditRow
from operator_console.ui.names.alarms import channel_name
from operator_console.ui.names.audit_changes import change_text
from operator_console.ui.names.events import event_name, reason_text
from operator_console.ui.names.formatting import format_local
from operator_console.ui.names.records import record_type_name
from operator_console.ui.widgets.table_model import RowsTableModel


class Column(IntEnum):
    SEQ = 0
    TIME = 1
    USER = 2
    EVENT = 3
    TARGET = 4
    CHANGE = 5
    REASON = 6


class AuditTableModel(RowsTableModel[AuditRow]):
    columns = Column
    names: Mapping[str, str] = MappingProxyType({})
    """Printed name by user ID (set with the rows)."""
    subjects: Mapping[str, tuple[str, str]] = MappingProxyType({})
    """(record type, batch) by record ID (set with the rows)."""
    channels: Mapping[str, ChannelConfig] = MappingProxyType({})
    """The station's channels by key (alarm entries name them by key)."""

    def cell(self, row: AuditRow, column: IntEnum) -> str:
        if column is Column.SEQ:
            return str(row.seq)
        if column is Column.TIME:
            return format_local(row.ts)
        if column is Column.USER:
            name = self.names.get(row.actor)
            return f"{name} ({row.actor})" if name else row.actor
        if column is Column.EVENT:
            return event_name(row.event)
        if column is Column.TARGET:
            return self.subject_text(row)
        if column is Column.CHANGE:
            return change_text(row.old_json, row.new_json)
        return reason_text(row.reason)

    def subject_text(self, row: AuditRow) -> str:
        """A record as its type and batch, a user by name, a channel by its name in the
    viewer's language; anything else as written."""
        subject = self.subjects.get(row.target)
        if subject is not None:
            rtype, batch = subject
            return self.tr("%1, %2 (%3)").replace("%1", record_type_name(rtype)).replace(
                "%2", batch).replace("%3", row.target[:8])
        channel = self.channels.get(row.target)
        if channel is not None:
            return channel_name(channel)
        name = self.names.get(row.target)
        return f"{name} ({row.target})" if name else row.target

    def titles(self) -> dict[IntEnum, str]:
        return {
            Column.SEQ: self.tr("No."),
            Column.TIME: self.tr("Date and time"),
            Column.USER: self.tr("User"),
            Column.EVENT: self.tr("Event"),
            Column.TARGET: self.tr("Subject"),
            Column.CHANGE: self.tr("Change"),
            Column.REASON: self.tr("Reason"),
        }
