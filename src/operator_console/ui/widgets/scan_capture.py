"""Keyboard-wedge barcode scanners: telling a scan from typing, whatever has focus.

A scanner configured as a keyboard "types" a whole label in a burst (a few milliseconds per
character) and ends it with CR, LF or TAB. :class:`ScanCapture` is an application-wide event
filter that, while its flow is shown, takes every key pressed in the flow's window (so a scan
lands in the flow whichever widget has focus, a header button included, and never types into
a button or a list; a text field outside the flow keeps its own typing), keeps its own buffer
and decides at the terminator: the trailing run of characters
whose gaps are all shorter than ``gap_ms`` (and at least ``min_burst`` long) is a scan;
anything else, or anything edited with Backspace, is typed entry. Keys in other windows
(e.g. the signature dialog) are left alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_TERMINATORS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}
_GS_KEY_TEXT = "\x1d"  # Ctrl+] as a scanner sends FNC1/GS


class ScanCapture(QObject):
    """Collects key presses inside ``flow`` and emits whole entries, marked scanned or typed."""

    sig_entered = Signal(str, bool)
    """An entry ended with CR/LF/TAB: (text, True if it was a scanner burst)."""
    sig_buffer_changed = Signal(str)
    """The text collected so far changed (to echo it on screen)."""

    def __init__(self, flow: QWidget, *, gap_ms: float = 40.0, min_burst: int = 2,
                 clock: Callable[[], float] = time.monotonic,
                 when: Callable[[], bool] | None = None) -> None:
        """``when``: an extra condition for capturing (e.g. "no other flow takes scans")."""
        super().__init__(flow)
        self._flow, self._gap, self._min_burst = flow, gap_ms / 1000.0, min_burst
        self._when = when
        self._clock = clock
        self._chars: list[tuple[str, float]] = []
        self._edited = False
        self._installed = False
        self.enabled = True

    # -- installation --------------------------------------------------------------------------
    def start(self) -> None:
        """Begin capturing (call when the flow is shown)."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self.clear()

    def stop(self) -> None:
        """Stop capturing (call when the flow is hidden)."""
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False
        self.clear()

    def clear(self) -> None:
        self._chars.clear()
        self._edited = False
        self.sig_buffer_changed.emit("")

    @property
    def text(self) -> str:
        return "".join(c for c, _ in self._chars)

    # -- the filter ---------------------------------------------------------------------------
    def _inside(self, obj: QObject) -> bool:
        if not isinstance(obj, QWidget) or not self._flow.isVisible():
            return False
        if self._when is not None and not self._when():
            return False
        if obj is self._flow or self._flow.isAncestorOf(obj):
            return True
        # Elsewhere in the same window (header, navigation, alarm banner): the scan is still
        # the flow's, unless a person is typing into a text field there.
        return obj.window() is self._flow.window() and not isinstance(
            obj, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (not self.enabled or event.type() != QEvent.Type.KeyPress
                or not self._inside(obj)):
            return False
        assert isinstance(event, QKeyEvent)
        return self._key(event)

    def _key(self, event: QKeyEvent) -> bool:
        key, now = event.key(), self._clock()
        if key in _TERMINATORS:
            if self._chars:
                self._finish(now)
                return True
            return key == Qt.Key.Key_Tab  # no focus hopping inside the flow on a stray TAB
        if key == Qt.Key.Key_Backspace:
            if self._chars:
                self._chars.pop()
                self._edited = True
                self.sig_buffer_changed.emit(self.text)
            return True
        if key == Qt.Key.Key_Escape:
            had = bool(self._chars)
            self.clear()
            return had
        text = event.text()
        if text == _GS_KEY_TEXT or (text and text.isprintable()):
            self._chars.append((text, now))
            self.sig_buffer_changed.emit(self.text)
            return True
        return False

    def _finish(self, now: float) -> None:
        times = [t for _, t in self._chars] + [now]
        start = len(self._chars)  # index where the trailing burst begins
        while start > 0 and times[start] - times[start - 1] < self._gap:
            start -= 1
        # times[start] is the first character of the burst only if the gap before it is long
        burst = self._chars[start:]
        scanned = not self._edited and len(burst) >= self._min_burst
        text = "".join(c for c, _ in (burst if scanned else self._chars))
        self._chars.clear()
        self._edited = False
        self.sig_buffer_changed.emit("")
        self.sig_entered.emit(text, scanned)
