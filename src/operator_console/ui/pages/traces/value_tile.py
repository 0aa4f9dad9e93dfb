"""One channel's value tile on the Traces page: its name, an explicit show/hide switch, the
current value in large type and its state in words.

Tapping the name does nothing (it used to hide the trace, silently, even of a channel in
alarm). The switch says what it does: "Shown" or "Hidden"; a hidden channel that goes into
alarm is drawn anyway and its switch says so ("Hidden, shown: alarm"), until the alarm is
over and acknowledged.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from operator_console.domain.channels import ChannelConfig
from operator_console.ui.widgets.alarm_banner import format_value

PLACEHOLDER = "—"


def _repolish(widget: QWidget, prop: str, value: str) -> None:
    if widget.property(prop) == value:
        return
    widget.setProperty(prop, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ValueTile(QFrame):
    """Name, show/hide switch (``toggle``, checked: shown), the current value, its state."""

    def __init__(self, channel: ChannelConfig, colour: str) -> None:
        super().__init__()
        self.setObjectName("ValueTile")
        self.channel = channel
        self.name_label = QLabel()
        self.name_label.setObjectName(f"name_{channel.key}")
        self.name_label.setProperty("tile", "name")
        self.name_label.setWordWrap(True)
        self.toggle = QPushButton()
        self.toggle.setObjectName(f"showTrace_{channel.key}")
        self.toggle.setProperty("tile", "toggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setMinimumHeight(48)
        self.toggle.toggled.connect(lambda _checked: self.retranslate())
        self._forced = False  # hidden, but drawn because the channel is in alarm
        self.swatch = QFrame()
        self.swatch.setFixedSize(10, 44)
        self.swatch.setStyleSheet(f"background: {colour}; border: none; border-radius: 3px;")
        self.value_label = QLabel(PLACEHOLDER)
        self.value_label.setObjectName(f"value_{channel.key}")
        self.value_label.setProperty("tile", "value")
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self.unit_label = QLabel(channel.unit)
        self.unit_label.setProperty("tile", "unit")
        self.state_label = QLabel("")
        self.state_label.setObjectName(f"state_{channel.key}")
        self.state_label.setProperty("tile", "state")
        self.state_label.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.swatch)
        top.addWidget(self.name_label, 1)
        top.addWidget(self.toggle)
        values = QHBoxLayout()
        values.setSpacing(8)
        values.addWidget(self.value_label)
        values.addWidget(self.unit_label, 0, Qt.AlignmentFlag.AlignBottom)
        values.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(2)
        box.addLayout(top)
        box.addLayout(values)
        box.addWidget(self.state_label)
        self._shown: tuple[str, str, str] = ("", "", "")

    def retranslate(self, lang: str | None = None) -> None:
        """The name (in ``lang``, default: as last set) and the switch's words."""
        if lang is not None:
            self._lang = lang
        self.name_label.setText(self.channel.name(getattr(self, "_lang", "en")))
        if self.toggle.isChecked():
            self.toggle.setText(self.tr("Shown"))
            self.toggle.setToolTip(self.tr("Shown in the plots: tap to hide this trace"))
        elif self._forced:
            self.toggle.setText(self.tr("Hidden, shown: alarm"))
            self.toggle.setToolTip(self.tr("Hidden, but shown while the channel is in alarm"))
        else:
            self.toggle.setText(self.tr("Hidden"))
            self.toggle.setToolTip(self.tr("Not shown in the plots: tap to show this trace"))
        _repolish(self.toggle, "forced", "true" if self._forced else "")

    def set_forced(self, forced: bool) -> None:
        """Mark the tile as hidden but shown anyway (its channel is in alarm)."""
        if forced != self._forced:
            self._forced = forced
            self.retranslate()

    @property
    def forced(self) -> bool:
        return self._forced

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.value_label.minimumWidth() != self.value_label.maximumWidth():
            self._fix_value_size()

    def _fix_value_size(self, text: str = "") -> None:
        """Give the value a fixed size, wide enough for any value of the channel's display
        range with a digit to spare: a label of fixed size does not ask its layout to
        recompute when its text changes (that was most of a tile update, 20 times a second
        for every channel). The digits are right-aligned, so they do not jump about."""
        self.value_label.ensurePolished()
        c = self.channel
        widest = max(abs(c.display_min), abs(c.display_max), 1.0) * 10
        metrics = self.value_label.fontMetrics()
        width = max(metrics.horizontalAdvance(t) + 6
                    for t in (format_value(c, -widest), PLACEHOLDER, text))
        if width > self.value_label.maximumWidth() or \
                self.value_label.minimumWidth() != self.value_label.maximumWidth():
            self.value_label.setFixedSize(width, self.value_label.sizeHint().height())

    def show_state(self, value_text: str, state_text: str, level: str) -> None:
        """Set the texts; ``level`` is "alarm", "warn", "dim" or ""."""
        if self._shown == (value_text, state_text, level):
            return
        self._shown = (value_text, state_text, level)
        label = self.value_label
        if label.minimumWidth() == label.maximumWidth() and \
                label.fontMetrics().horizontalAdvance(value_text) + 6 > label.maximumWidth():
            self._fix_value_size(value_text)  # far outside the display range: wider, never cut
        label.setText(value_text)
        self.state_label.setText(state_text)
        self.state_label.setVisible(bool(state_text))
        _repolish(self.value_label, "state", level)
        _repolish(self.state_label, "state", level)
        _repolish(self, "state", level if level in ("alarm", "warn") else "")
