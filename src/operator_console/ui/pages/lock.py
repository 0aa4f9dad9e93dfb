"""The lock screen shown after the idle time: the same user unlocks with the password, or
another user logs in (which ends the locked session)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from operator_console.ui.widgets.basics import button, label


class LockView(QWidget):
    sig_unlock_requested = Signal(str)
    """The locked user entered their password to unlock."""
    sig_switch_requested = Signal()
    """Someone else wants to log in, ending the locked session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._who = ""
        self._manual = False
        self._message_fn: Callable[[], str] | None = None
        self.title = label("title")
        self.explain = label("info")
        self.who_label = label("subtitle")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("unlockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_button = button("primary")
        self.unlock_button.setObjectName("unlockButton")
        self.switch_button = button()
        self.switch_button.setObjectName("switchUserButton")
        self.message = label("error")
        self.message.hide()
        self.password_edit.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        self.switch_button.clicked.connect(self.sig_switch_requested.emit)

        panel = QFrame()
        panel.setObjectName("LockPanel")
        panel.setFixedWidth(720)  # an error wraps inside the card, the card keeps its width
        grid = QGridLayout(panel)
        grid.setContentsMargins(32, 32, 32, 32)
        grid.setVerticalSpacing(14)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.explain, 1, 0)
        grid.addWidget(self.who_label, 2, 0)
        grid.addWidget(self.password_edit, 3, 0)
        grid.addWidget(self.message, 4, 0)
        grid.addWidget(self.unlock_button, 5, 0)
        grid.addWidget(self.switch_button, 6, 0)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        root = QVBoxLayout(self)
        root.addStretch(1)
        root.addLayout(row)
        root.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Screen locked"))
        self.explain.setText(
            self.tr("The screen was locked by %1.").replace("%1", self._who) if self._manual
            else self.tr("The screen was locked because there was no activity."))
        self.who_label.setText(self.tr("Locked by: %1").replace("%1", self._who))
        self.password_edit.setPlaceholderText(self.tr("Password"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.switch_button.setText(self.tr("Log in as another user"))
        if self._message_fn is not None and self.message.isVisible():
            self.message.setText(self._message_fn())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def prepare(self, who: str, *, manual: bool | None = None) -> None:
        """Show the lock for ``who``; ``manual``: locked by hand (None: as before)."""
        self._who = who
        if manual is not None:
            self._manual = manual
        self.password_edit.clear()
        self.message.hide()
        self.set_busy(False)
        self.retranslate()
        self.password_edit.setFocus()

    def set_busy(self, busy: bool) -> None:
        for w in (self.password_edit, self.unlock_button, self.switch_button):
            w.setEnabled(not busy)

    def show_error(self, text_fn: Callable[[], str]) -> None:
        self._message_fn = text_fn
        self.message.setText(text_fn())
        self.message.show()
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _submit(self) -> None:
        password = self.password_edit.text()
        if not password:
            self.show_error(lambda: self.tr("Enter your password."))
            return
        self.sig_unlock_requested.emit(password)
