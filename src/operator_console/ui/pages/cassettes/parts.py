"""Building blocks of the cassette flows: the large scan-result panel and touch choice grids."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from operator_console.ui.names.cassettes import field_name
from operator_console.ui.widgets.basics import label, set_state

STYLE = """
#ScanResult { border: 3px solid #5b6b7b; border-radius: 10px; background: #ffffff; }
#ScanResult[state="ok"] { border-color: #2e7d32; background: #eef8ee; }
#ScanResult[state="alarm"] { border-color: #a4161a; background: #fdeeee; }
#ScanResult QLabel { background: transparent; }
#flowBody, QScrollArea { background: transparent; }
#resultVerdict { font-size: 30px; font-weight: 800; }
#resultReason { font-size: 22px; font-weight: 700; }
#ScanResult[state="ok"] #resultVerdict { color: #1b5e20; }
#ScanResult[state="alarm"] #resultVerdict { color: #8a0f12; }
QLabel[role="fieldValue"] { font-size: 30px; font-weight: 700; font-family: monospace; }
QLabel[role="fieldCaption"] { font-size: 17px; color: #3d4a57; }
#BayCard { border: 3px solid #5b6b7b; border-radius: 10px; background: #ffffff; }
#BayCard[state="ok"] { border-color: #2e7d32; }
#BayCard[state="warn"] { border-color: #b36b00; background: #fff7e6; }
#BayCard[state="alarm"] { border-color: #a4161a; background: #fdeeee; }
#BayCard[state="off"] { border-color: #7a848f; background: #e9edf1; }
#BayCard QLabel { background: transparent; }
QLabel[role="bayTitle"] { font-size: 34px; font-weight: 800; }
QLabel[role="bayState"] { font-size: 22px; font-weight: 700; }
QPushButton[role="choice"] { min-height: 84px; min-width: 200px; font-size: 22px; }
QPushButton[role="choice"][state="alarm"] { border-color: #a4161a; color: #8a0f12; }
QPushButton[role="choice"][state="off"] { border-color: #a9b2bc; color: #5b6b7b; }
#FlowSteps QLabel { padding: 8px 14px; border-radius: 18px; background: #e9edf1;
                    font-size: 18px; font-weight: 600; }
#FlowSteps QLabel[state="current"] { background: #0b5cad; color: #ffffff; }
#FlowSteps QLabel[state="done"] { background: #d8eed8; color: #1b5e20; }
"""


class ResultPanel(QFrame):
    """What a scan said (fields in large type), whether it passed, why not and what to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScanResult")
        self.verdict = label()
        self.verdict.setObjectName("resultVerdict")
        self.source = label("hint")
        self.source.setObjectName("resultSource")
        self.reason = label()
        self.reason.setObjectName("resultReason")
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(28)
        self._grid.setVerticalSpacing(2)
        root = QVBoxLayout(self)
        root.setContentsMargins(18, 12, 18, 12)
        root.addWidget(self.verdict)
        root.addWidget(self.reason)  # right under the verdict: never scrolled out of sight
        root.addWidget(self.source)
        root.addLayout(self._grid)
        self.values: dict[str, str] = {}
        self.show_nothing()

    def show_nothing(self) -> None:
        self.hide()

    def show_result(self, ok: bool, verdict: str, source: str, fields: Mapping[str, str],
                    reason: str) -> None:
        set_state(self, "ok" if ok else "alarm")
        self.verdict.setText(verdict)
        self.source.setText(source)
        self.source.setVisible(bool(source))
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.values = dict(fields)
        for i, (key, value) in enumerate(fields.items()):
            cap, val = label("fieldCaption"), label("fieldValue")
            cap.setText(field_name(key))
            val.setText(value.replace("T", " ") if key == "expiry" else value)
            val.setObjectName(f"field_{key}")
            val.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self._grid.addWidget(cap, (i // 2) * 2, i % 2)
            self._grid.addWidget(val, (i // 2) * 2 + 1, i % 2)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.show()


class ChoiceGrid(QWidget):
    """Big touch buttons, one per choice (batch or bay), in a grid."""

    def __init__(self, on_choose: Callable[[str], None], columns: int = 3,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_choose, self._columns = on_choose, columns
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(12)
        self.buttons: dict[str, QPushButton] = {}

    def set_choices(self, choices: Sequence[tuple[str, str, str]]) -> None:
        """(key, text, state) per button; state is a theme state ("", "alarm", "off")."""
        for btn in self.buttons.values():
            btn.hide()
            btn.deleteLater()
        self.buttons.clear()
        for i, (key, text, state) in enumerate(choices):
            btn = QPushButton(text)
            btn.setObjectName(f"choice_{key}")
            btn.setProperty("role", "choice")
            btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a scan must never "press" it
            set_state(btn, state)
            btn.clicked.connect(lambda _c=False, k=key: self._on_choose(k))
            self._grid.addWidget(btn, i // self._columns, i % self._columns)
            self.buttons[key] = btn
