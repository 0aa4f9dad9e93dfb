"""A record's content as a read-only table of labelled fields, every row in sight."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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
            height = sum(self.rowHeight(r) for r in range(self.rowCount()))
            self.setFixedHeight(max(height + 2 * self.frameWidth(), 8))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()  # wrapped values take another height at another width

    def text_of(self, label: str) -> str | None:
        """The value shown for ``label`` (tests and screen readers)."""
        return dict(self.lines).get(label)
