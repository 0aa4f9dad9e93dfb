"""Every active alarm, most severe first: what "+N more" on the banner opens."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from operator_console.application.alarms import ActiveAlarm
from operator_console.domain.channels import ChannelConfig
from operator_console.ui.names.alarms import alarm_state_name, summary_line
from operator_console.ui.widgets.basics import button, label


class AlarmListDialog(QDialog):
    """One row per alarm (state, channel, live value, side and limit, peak, since)."""

    sig_acknowledge_requested = Signal(str)
    """Acknowledge pressed on a row: the channel key."""

    def __init__(self, ack_allowed: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AlarmListDialog")
        self.setModal(True)
        self.setMinimumWidth(1100)
        self._ack_allowed = ack_allowed
        self._alarms: list[ActiveAlarm] = []
        self._channels: dict[str, ChannelConfig] = {}
        self.heading = label("title")
        self.rows_box = QVBoxLayout()
        self.close_button = button("primary")
        self.close_button.setObjectName("alarmListClose")
        self.close_button.clicked.connect(self.accept)
        self.row_widgets: dict[str, tuple[QFrame, QPushButton]] = {}
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        root = QVBoxLayout(self)
        root.addWidget(self.heading)
        root.addLayout(self.rows_box)
        root.addStretch(1)
        root.addLayout(bottom)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_alarms(self, alarms: Sequence[ActiveAlarm],
                   channels: Mapping[str, ChannelConfig]) -> None:
        self._alarms = [a for a in alarms if a.channel_key in channels]
        self._channels = dict(channels)
        keys = [a.channel_key for a in self._alarms]
        if keys != list(self.row_widgets):
            for frame, _b in self.row_widgets.values():
                self.rows_box.removeWidget(frame)
                frame.deleteLater()
            self.row_widgets = {}
            for key in keys:
                frame = QFrame()
                frame.setObjectName(f"alarmRow_{key}")
                lay = QHBoxLayout(frame)
                frame.setProperty("text", "")
                text = label()
                text.setObjectName(f"alarmRowText_{key}")
                ack = button("danger")
                ack.setObjectName(f"alarmRowAck_{key}")
                ack.setMinimumSize(180, 56)
                ack.clicked.connect(lambda _c=False, k=key: self._ack(k))
                lay.addWidget(text, 1)
                lay.addWidget(ack)
                self.rows_box.addWidget(frame)
                self.row_widgets[key] = (frame, ack)
        self.retranslate()

    def _ack(self, key: str) -> None:
        self.sig_acknowledge_requested.emit(key)
        self.accept()

    def row_text(self, key: str) -> str:
        frame, _b = self.row_widgets[key]
        child = frame.findChild(QWidget, f"alarmRowText_{key}")
        return child.text() if child is not None else ""  # type: ignore[attr-defined]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Active alarms"))
        self.heading.setText(self.tr("Active alarms: %1").replace("%1", str(len(self._alarms))))
        self.close_button.setText(self.tr("Close"))
        for alarm in self._alarms:
            frame, ack = self.row_widgets[alarm.channel_key]
            text = frame.findChild(QWidget, f"alarmRowText_{alarm.channel_key}")
            if text is not None:
                text.setText(self.tr("%1: %2").replace(  # type: ignore[attr-defined]
                    "%1", alarm_state_name(alarm.state)).replace(
                    "%2", summary_line(alarm, self._channels[alarm.channel_key])))
            ack.setText(self.tr("Acknowledge"))
            ack.setVisible(alarm.needs_ack and self._ack_allowed)
