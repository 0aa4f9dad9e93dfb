"""Raising an exception by hand: the person's own description and a severity. Nothing is
recorded until "Raise" is touched with a description given."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QButtonGroup, QDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from operator_console.domain.recipes.model import Severity
from operator_console.ui.names.batches import severity_name
from operator_console.ui.widgets.basics import button, label


class RaiseExceptionDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RaiseExceptionDialog")
        self.setModal(True)
        self.setMinimumWidth(900)
        self.setStyleSheet("QPushButton:checked { background: #0b5cad; color: #ffffff; "
                           "border-color: #08457f; }")
        self.heading = label("title")
        self.caption = label("hint")
        self.text = QLineEdit()
        self.text.setObjectName("exceptionDescription")
        self.text.setMinimumHeight(72)
        self.text.setStyleSheet("font-size: 22px;")
        self.text.textChanged.connect(self._update)
        self.severity_caption = label("hint")
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        self.severity_buttons = {}
        for sev in Severity:
            b = button()
            b.setObjectName(f"severity_{sev.value}")
            b.setCheckable(True)
            b.setMinimumSize(220, 72)
            self.group.addButton(b)
            self.severity_buttons[sev] = b
            row.addWidget(b)
        self.severity_buttons[Severity.MAJOR].setChecked(True)
        self.ok_button = button("danger")
        self.ok_button.setObjectName("exceptionRaise")
        self.cancel_button = button()
        for b in (self.ok_button, self.cancel_button):
            b.setMinimumSize(240, 72)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        root = QVBoxLayout(self)
        for w in (self.heading, self.caption, self.text, self.severity_caption):
            root.addWidget(w)
        root.addLayout(row)
        root.addLayout(buttons)
        self.retranslate()
        self._update()

    def description(self) -> str:
        return self.text.text().strip()

    def severity(self) -> Severity:
        return next(s for s, b in self.severity_buttons.items() if b.isChecked())

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.description()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Raise an exception"))
        self.heading.setText(self.tr("Raise an exception"))
        self.caption.setText(self.tr("Describe what happened (required):"))
        self.severity_caption.setText(self.tr("Severity"))
        for sev, b in self.severity_buttons.items():
            b.setText(severity_name(sev))
        self.ok_button.setText(self.tr("Raise"))
        self.cancel_button.setText(self.tr("Cancel"))
