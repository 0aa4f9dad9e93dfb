"""An honest page for a capability that this version does not have yet."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from operator_console.ui.widgets.basics import label


class NotYetPage(QWidget):
    """Says plainly what the page will do and that it is not available yet."""

    def __init__(self, title_fn: Callable[[], str], body_fn: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title_fn, self._body_fn = title_fn, body_fn
        self.heading = label("title")
        self.body = label("info")
        root = QVBoxLayout(self)
        root.setContentsMargins(28, 20, 28, 20)
        root.addWidget(self.heading)
        root.addWidget(self.body)
        root.addStretch(1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self._title_fn())
        self.body.setText(self._body_fn())
