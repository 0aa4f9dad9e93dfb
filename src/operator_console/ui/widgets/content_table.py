"""A record's content as a read-only table of labelled fields, every row in sight."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)


class ContentTable(QTableWidget):
    """(label, value) lines in ``pairs`` column pairs; with ``fit`` it is as tall as its rows
    (no scroll bar: a signer sees everything signed)."""

    def __init__(self, pairs: int = 1, *, fit: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(0, 2 * pairs, parent)
        self._pairs, self._fit = pairs, fit
        self.verticalHeader().hide()
        self.horizontalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        for col in range(2 * pairs):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents
                                        if col % 2 == 0 else QHeaderView.ResizeMode.Stretch)
        if fit:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.lines: list[tuple[str, str]] = []

    def set_lines(self, lines: Sequence[tuple[str, str]]) -> None:
        self.lines = list(lines)
        rows = (len(lines) + self._pairs - 1) // self._pairs
        self.clearContents()
        self.setRowCount(rows)
        bold = QFont(self.font())
        bold.setBold(True)
        for i, (label, value) in enumerate(lines):
            # Column-major: the reading order runs down the first pair, then the next.
            row, pair = i % rows, i // rows
            cap = QTableWidgetItem(label)
            val = QTableWidgetItem(value)
            val.setFont(bold)
            self.setItem(row, 2 * pair, cap)
            self.setItem(row, 2 * pair + 1, val)
        self._fit_rows()

    def _fit_rows(self) -> None:
        self.resizeRowsToContents()
        if self._fit:
            height = self.verticalHeader().length() + 2 * self.frameWidth()
            if self.minimumHeight() != height:
                self.setMinimumHeight(height)
                self.setMaximumHeight(height)
                self.updateGeometry()
                window = self.window()
                if isinstance(window, QDialog) and window.isVisible():
                    # A shown dialog does not grow by itself (no window manager on a kiosk
                    # may do it either): everything else would be squashed.
                    QTimer.singleShot(0, getattr(window, "fit_to_content", window.adjustSize))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()  # wrapped values take another height at another width

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_rows()  # the style sheet's padding is known only once polished

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_rows()

    def text_of(self, label: str) -> str | None:
        """The value shown for ``label`` (tests and screen readers)."""
        return dict(self.lines).get(label)
