"""Names of alarm states and limits in the viewer's language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from operator_console.domain.alarms import AlarmState, LimitKind
from operator_console.ui.names.enum_names import EnumNames

alarm_state_name = EnumNames("AlarmState", AlarmState, {
    AlarmState.NORMAL: QT_TRANSLATE_NOOP("AlarmState", "Normal"),
    AlarmState.ACTIVE_UNACKED: QT_TRANSLATE_NOOP("AlarmState", "Active, not acknowledged"),
    AlarmState.ACTIVE_ACKED: QT_TRANSLATE_NOOP("AlarmState", "Active, acknowledged"),
    AlarmState.RETURNED_UNACKED: QT_TRANSLATE_NOOP(
        "AlarmState", "Returned to normal, not acknowledged"),
})
limit_name = EnumNames("AlarmLimit", LimitKind, {
    LimitKind.HIGH: QT_TRANSLATE_NOOP("AlarmLimit", "High"),
    LimitKind.LOW: QT_TRANSLATE_NOOP("AlarmLimit", "Low"),
})
