"""Alarm banner: a fixed place of fixed height at the top of the window, on every screen.

It shows the most severe active alarm (state, channel, live value, the side and limit the
evaluator raised it on, the peak since it began, since when) and "+N more" for the others
(tap to list them all). With no alarm it stays, calm and grey, so nothing below it ever moves
and the window never grows. Acknowledging is requested with ``sig_acknowledge_requested``;
on the lock and login screens the banner only shows (``set_ack_allowed(False)``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from operator_console.application.alarms import ActiveAlarm
from operator_console.domain.alarms import AlarmState, LimitKind
from operator_console.domain.channels import ChannelConfig
from operator_console.ui.names.alarms import (
    alarm_state_name,
    channel_name,
    limit_text,
    peak_text,
    since_text,
)
from operator_console.ui.names.alarms import format_value as value_with_unit

BANNER_HEIGHT = 76


# -- kept for the Traces page, which imports them from here (not the banner's own logic: the
# banner takes the side from the evaluator, see application/alarms.py) --------------------
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

_STYLE = """
#AlarmBanner { background: #eef1f4; border-bottom: 1px solid #c5ccd3; }
#AlarmBanner[level="alarm"] { background: #fde8e8; border: 3px solid #a4161a; }
#AlarmBanner[level="acked"] { background: #fff4e0; border: 3px solid #b36b00; }
#AlarmBanner QLabel { background: transparent; color: #101418; font-size: 20px; }
#AlarmBanner QLabel#alarmState { color: #8a0f12; font-weight: 700; }
#AlarmBanner QLabel#alarmName { font-weight: 700; font-size: 22px; }
#AlarmBanner QLabel#alarmValue { font-weight: 700; font-size: 24px; color: #8a0f12; }
#AlarmBanner QLabel#alarmNone { color: #4a5560; }
"""


class AlarmBanner(QFrame):
    """The most severe alarm and the count of the others; never changes its height."""

    sig_acknowledge_requested = Signal(str)
    """The operator pressed Acknowledge for this channel key."""
    sig_list_requested = Signal()
    """The operator tapped "+N more": list every active alarm."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AlarmBanner")
        self.setStyleSheet(_STYLE)
        self.setFixedHeight(BANNER_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.none_label = self._label("alarmNone")
        self.state_label = self._label("alarmState")
        self.name_label = self._label("alarmName")
        self.value_label = self._label("alarmValue")
        self.limit_label = self._label("alarmLimit")
        self.peak_label = self._label("alarmPeak")
        self.since_label = self._label("alarmSince")
        self.more_button = QPushButton()
        self.more_button.setObjectName("alarmMore")
        self.more_button.setMinimumHeight(56)  # as wide as its words (never cut)
        self.ack_button = QPushButton()
        self.ack_button.setObjectName("alarmAck")
        self.ack_button.setProperty("role", "danger")
        self.ack_button.setMinimumHeight(56)
        self.login_hint = self._label("alarmLoginHint")
        self.more_button.clicked.connect(self.sig_list_requested.emit)
        self.ack_button.clicked.connect(self._ack_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 16, 6)
        row.setSpacing(18)
        row.addWidget(self.none_label, 1)
        for w in (self.state_label, self.name_label, self.value_label, self.limit_label,
                  self.peak_label, self.since_label):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.login_hint)
        row.addWidget(self.more_button)
        row.addWidget(self.ack_button, 0, Qt.AlignmentFlag.AlignRight)
        self._row = row
        self._alarms: list[ActiveAlarm] = []
        self._channels: dict[str, ChannelConfig] = {}
        self._ack_allowed = True
        self.retranslate()

    @staticmethod
    def _label(name: str) -> QLabel:
        lbl = QLabel()
        lbl.setObjectName(name)
        lbl.setWordWrap(False)
        lbl.setMinimumWidth(1)  # never widens the window: a long text is cut, not the layout
        return lbl

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what it shows --------------------------------------------------------------------------
    def set_alarms(self, alarms: Sequence[ActiveAlarm],
                   channels: Mapping[str, ChannelConfig]) -> None:
        """``alarms`` most severe first (as ``AlarmBook.active`` gives them)."""
        self._channels = dict(channels)
        self._alarms = [a for a in alarms if a.channel_key in self._channels]
        self.retranslate()

    def set_ack_allowed(self, allowed: bool) -> None:
        """False on the lock and login screens: acknowledging needs a logged-in person."""
        self._ack_allowed = allowed
        self.retranslate()

    @property
    def alarms(self) -> list[ActiveAlarm]:
        return list(self._alarms)

    @property
    def top(self) -> ActiveAlarm | None:
        return self._alarms[0] if self._alarms else None

    def _ack_clicked(self) -> None:
        top = self.top
        if top is not None and self._ack_allowed:
            self.sig_acknowledge_requested.emit(top.channel_key)

    def retranslate(self) -> None:
        top = self.top
        has = top is not None
        self.none_label.setVisible(not has)
        for w in (self.state_label, self.name_label, self.value_label, self.limit_label,
                  self.peak_label, self.since_label):
            w.setVisible(has)
        self.none_label.setText(self.tr("No active alarms"))
        others = len(self._alarms) - 1
        self.more_button.setVisible(others > 0)
        self.more_button.setText(self.tr("+%1 more").replace("%1", str(max(others, 0))))
        self.ack_button.setText(self.tr("Acknowledge"))
        self.login_hint.setText(self.tr("Log in to acknowledge"))
        if top is None:
            self.ack_button.hide()
            self.login_hint.hide()
            self._set_level("none")
            return
        channel = self._channels[top.channel_key]
        self.state_label.setText(alarm_state_name(top.state))
        self.name_label.setText(channel_name(channel))
        self.value_label.setText(value_with_unit(channel, top.value))
        self.limit_label.setText(limit_text(top, channel))
        self.peak_label.setText(peak_text(top, channel))
        self.since_label.setText(since_text(top))
        any_unacked = any(a.needs_ack for a in self._alarms)
        self.ack_button.setVisible(top.needs_ack and self._ack_allowed)
        self.login_hint.setVisible(any_unacked and not self._ack_allowed)
        self._set_level("alarm" if top.state is not AlarmState.ACTIVE_ACKED else "acked")
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.top is not None:
            self._fit()

    def _fit(self) -> None:
        """On a narrow window (1366 pixels, English words) the state, channel and value stay
        whole; since when, then the peak, then the limit are left out first (the alarm
        list and the acknowledgement dialog show them all), so no word is cut."""
        row = self._row
        margins = row.contentsMargins()
        fixed = [w for w in (self.login_hint, self.more_button, self.ack_button)
                 if not w.isHidden()]
        essential = [self.state_label, self.name_label, self.value_label]
        optional = [self.limit_label, self.peak_label, self.since_label]
        spacing = max(row.spacing(), 0)

        def width(ws: list[QWidget]) -> int:
            return sum(w.sizeHint().width() for w in ws) + spacing * max(len(ws) - 1, 0)

        room = self.width() - margins.left() - margins.right()
        keep: list[QWidget] = []
        for w in optional:  # limit, peak, since: in the order they read
            if width(fixed + essential + keep + [w]) <= room:
                keep.append(w)
            else:
                break
        for w in optional:
            w.setVisible(w in keep)

    def _set_level(self, level: str) -> None:
        if self.property("level") != level:
            self.setProperty("level", level)
            self.style().unpolish(self)
            self.style().polish(self)
