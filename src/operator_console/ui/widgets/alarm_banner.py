"""Alarm banner: one row per channel in alarm, with an Acknowledge button; hidden when none.

The banner only shows what it is given (``update_states``); acknowledging is requested with
``sig_acknowledge_requested`` and done (and audited) by the ``InstrumentRuntime``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from operator_console.domain.alarms import AlarmState, LimitKind
from operator_console.domain.channels import ChannelConfig
from operator_console.ui.names.alarms import alarm_state_name, limit_name

_STYLE = """
#AlarmBanner { background: #fde8e8; border: 3px solid #a4161a; border-radius: 8px; }
#AlarmBanner QLabel { background: transparent; color: #101418; }
#AlarmBanner QLabel[col="state"] { color: #8a0f12; font-weight: 700; }
#AlarmBanner QLabel[col="name"] { font-weight: 700; font-size: 20px; }
#AlarmBanner QLabel[col="value"] { font-weight: 700; font-size: 20px; color: #8a0f12; }
#AlarmBanner QFrame#AlarmRow { background: transparent; border: none;
    border-bottom: 1px solid #e5b3b5; }
#AlarmBanner QFrame#AlarmRow[acked="true"] QLabel[col="state"] { color: #5a3a00; }
"""


def language_code() -> str:
    """"ja" when the current QLocale is Japanese, else "en"."""
    return "ja" if QLocale().language() == QLocale.Language.Japanese else "en"


def infer_limit_kind(channel: ChannelConfig, value: float | None) -> LimitKind | None:
    """Which limit an alarm of ``channel`` at ``value`` is about (nearer side when both)."""
    high, low = channel.high_limit, channel.low_limit
    if high is None:
        return LimitKind.LOW if low is not None else None
    if low is None:
        return LimitKind.HIGH
    if value is None or not math.isfinite(value):
        return None
    return LimitKind.HIGH if value >= (high + low) / 2 else LimitKind.LOW


def format_value(channel: ChannelConfig, value: float | None) -> str:
    """``value`` with the channel's decimals in the current locale, "—" when unknown."""
    if value is None or not math.isfinite(value):
        return "—"
    return QLocale().toString(float(value), "f", channel.decimals)


class _AlarmRow(QFrame):
    def __init__(self, key: str, banner: AlarmBanner) -> None:
        super().__init__()
        self.setObjectName("AlarmRow")
        self.key = key
        self.state_label = QLabel()
        self.state_label.setProperty("col", "state")
        self.state_label.setObjectName(f"alarmState_{key}")
        self.name_label = QLabel()
        self.name_label.setProperty("col", "name")
        self.value_label = QLabel()
        self.value_label.setProperty("col", "value")
        self.limit_label = QLabel()
        self.limit_label.setProperty("col", "limit")
        self.ack_button = QPushButton()
        self.ack_button.setObjectName(f"ackButton_{key}")
        self.ack_button.setProperty("role", "danger")
        self.ack_button.setMinimumHeight(48)
        self.ack_button.setMinimumWidth(160)
        self.ack_button.clicked.connect(lambda: banner.sig_acknowledge_requested.emit(self.key))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(16)
        row.addWidget(self.state_label, 3)
        row.addWidget(self.name_label, 3)
        row.addWidget(self.value_label, 2)
        row.addWidget(self.limit_label, 2)
        row.addWidget(self.ack_button, 0, Qt.AlignmentFlag.AlignRight)


class AlarmBanner(QWidget):
    """Active alarms, newest state per channel; hidden while every channel is normal."""

    sig_acknowledge_requested = Signal(str)
    """Emitted with the channel key when the operator presses that alarm's Acknowledge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AlarmBannerHost")
        self.frame = QFrame(self)
        self.frame.setObjectName("AlarmBanner")
        self.frame.setStyleSheet(_STYLE)
        self.title = QLabel()
        self.title.setObjectName("alarmBannerTitle")
        self.title.setStyleSheet("font-size: 20px; font-weight: 700; color: #8a0f12;")
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(2)
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(12, 8, 12, 8)
        inner.addWidget(self.title)
        inner.addLayout(self._rows_box)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self.rows: dict[str, _AlarmRow] = {}
        self._states: dict[str, AlarmState] = {}
        self._channels: dict[str, ChannelConfig] = {}
        self._values: dict[str, float | None] = {}
        self._kinds: dict[str, LimitKind] = {}
        self.setVisible(False)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def update_states(
        self,
        states: Mapping[str, AlarmState],
        channels: Mapping[str, ChannelConfig] | Iterable[ChannelConfig],
        values: Mapping[str, float | None] | None = None,
        limit_kinds: Mapping[str, LimitKind] | None = None,
    ) -> None:
        """Show the channels whose state is not NORMAL. ``values``: the value to show per
        channel (e.g. the latest); ``limit_kinds``: which limit each alarm is about
        (inferred from the value when not given)."""
        self._states = {k: AlarmState(s) for k, s in states.items()}
        self._channels = (dict(channels) if isinstance(channels, Mapping)
                          else {c.key: c for c in channels})
        self._values = dict(values or {})
        self._kinds = dict(limit_kinds or {})
        active = [k for k, s in self._states.items()
                  if s is not AlarmState.NORMAL and k in self._channels]
        for key in list(self.rows):
            if key not in active:
                row = self.rows.pop(key)
                self._rows_box.removeWidget(row)
                row.deleteLater()
        order = list(self._channels)
        for key in sorted(active, key=order.index):
            if key not in self.rows:
                self.rows[key] = _AlarmRow(key, self)
                self._rows_box.insertWidget(sorted(self.rows, key=order.index).index(key),
                                            self.rows[key])
        self.setVisible(bool(self.rows))
        self.retranslate()

    def retranslate(self) -> None:
        n = len(self.rows)
        self.title.setText(self.tr("Active alarms: %1").replace("%1", str(n)))
        lang = language_code()
        for key, row in self.rows.items():
            channel, state = self._channels[key], self._states[key]
            value = self._values.get(key)
            kind = self._kinds.get(key) or infer_limit_kind(channel, value)
            row.state_label.setText(alarm_state_name(state))
            row.name_label.setText(channel.name(lang))
            row.value_label.setText(f"{format_value(channel, value)} {channel.unit}")
            limit = (channel.high_limit if kind is LimitKind.HIGH else channel.low_limit
                     if kind is LimitKind.LOW else None)
            if kind is not None and limit is not None:
                row.limit_label.setText(self.tr("%1 limit %2").replace(
                    "%1", limit_name(kind)).replace(
                    "%2", f"{format_value(channel, limit)} {channel.unit}"))
            else:
                row.limit_label.setText("")
            row.ack_button.setText(self.tr("Acknowledge"))
            needs_ack = state in (AlarmState.ACTIVE_UNACKED, AlarmState.RETURNED_UNACKED)
            row.ack_button.setVisible(needs_ack)
            row.setProperty("acked", "true" if not needs_ack else "false")
            row.style().unpolish(row)
            row.style().polish(row)
