"""The login screen: user ID or badge, password, language, and (demo only) the demo users."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from operator_console.domain.demo_data import DemoUser
from operator_console.ui.widgets.basics import button, label
from operator_console.ui.widgets.touch_keyboard import latin_only


class LoginView(QWidget):
    """Collects credentials; the controller checks them off the UI thread."""

    sig_login_requested = Signal(str, str)
    """The user asked to log in with (user ID or badge code, password)."""
    sig_language_requested = Signal(str)
    """The user picked a language ("ja" or "en") on this screen."""
    sig_back_requested = Signal()
    """While switching users: go back to the lock screen without logging in."""

    def __init__(self, station: str, demo_users: Sequence[DemoUser] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._station = station
        self._switch_from: str | None = None
        self._demo_users = list(demo_users)
        self._message_fn: Callable[[], str] | None = None

        self.title = label("title")
        self.station_label = label("subtitle")
        self.lang_ja = button()
        self.lang_ja.setText("日本語")  # language names are shown in their own language
        self.lang_en = button()
        self.lang_en.setText("English")
        self.lang_ja.clicked.connect(lambda: self.sig_language_requested.emit("ja"))
        self.lang_en.clicked.connect(lambda: self.sig_language_requested.emit("en"))

        self.user_label = QLabel()
        self.user_edit = latin_only(QLineEdit())  # a user ID or a badge: no kana
        self.user_edit.setObjectName("loginUser")
        self.password_label = QLabel()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("loginPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_button = button("primary")
        self.login_button.setObjectName("loginButton")
        self.message = label("error")
        self.message.setObjectName("loginMessage")
        self.message.hide()
        self.switch_note = label("info")
        self.switch_note.hide()
        self.back_button = button()
        self.back_button.setObjectName("backToLockButton")
        self.back_button.hide()
        self.back_button.clicked.connect(self.sig_back_requested.emit)

        # A badge scanner types the code and Enter: go on to the password.
        self.user_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self._submit)
        self.login_button.clicked.connect(self._submit)

        panel = QFrame()
        panel.setObjectName("LoginPanel")
        form = QGridLayout(panel)
        form.setContentsMargins(32, 32, 32, 32)
        form.setVerticalSpacing(14)
        form.addWidget(self.title, 0, 0, 1, 2)
        form.addWidget(self.station_label, 1, 0, 1, 2)
        form.addWidget(self.switch_note, 2, 0, 1, 2)
        form.addWidget(self.user_label, 3, 0)
        form.addWidget(self.user_edit, 3, 1)
        form.addWidget(self.password_label, 4, 0)
        form.addWidget(self.password_edit, 4, 1)
        form.addWidget(self.message, 5, 0, 1, 2)
        form.addWidget(self.login_button, 6, 0, 1, 2)
        form.addWidget(self.back_button, 7, 0, 1, 2)
        # A fixed width: a message that appears wraps inside the card, never widens it or
        # squashes the fields.
        panel.setFixedWidth(720)

        langs = QHBoxLayout()
        langs.addStretch(1)
        langs.addWidget(self.lang_ja)
        langs.addWidget(self.lang_en)

        center = QHBoxLayout()
        center.addStretch(1)
        center.addWidget(panel)
        self.demo_panel = self._build_demo_panel() if self._demo_users else None
        if self.demo_panel is not None:
            center.addSpacing(24)
            center.addWidget(self.demo_panel)
        center.addStretch(1)

        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 24)
        root.addLayout(langs)
        root.addStretch(1)
        root.addLayout(center)
        root.addStretch(2)
        self.retranslate()

    def _build_demo_panel(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("DemoHint")
        grid = QGridLayout(frame)
        grid.setContentsMargins(20, 16, 20, 16)
        self.demo_title = label("subtitle")
        self.demo_intro = label("hint")
        grid.addWidget(self.demo_title, 0, 0, 1, 3)
        grid.addWidget(self.demo_intro, 1, 0, 1, 3)
        self.demo_notes: list[tuple[QLabel, DemoUser]] = []
        for row, user in enumerate(self._demo_users, start=2):
            ident = QLabel(f"{user.user_id} / {user.password}")
            ident.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            name = QLabel(user.printed_name)
            note = label("hint")
            grid.addWidget(ident, row, 0)
            grid.addWidget(name, row, 1)
            grid.addWidget(note, row, 2)
            self.demo_notes.append((note, user))
        return frame

    def _demo_note(self, user: DemoUser) -> str:
        notes = {
            "operator": self.tr("operator"),
            "verifier": self.tr("verifier"),
            "verifier, qualification expired": self.tr("verifier, qualification expired"),
            "verifier, not qualified for cassette steps":
                self.tr("verifier, not qualified for cassette steps"),
            "operator only": self.tr("operator, not a verifier"),
            "QA": self.tr("quality assurance"),
            "administrator": self.tr("administrator"),
            "locked account": self.tr("locked account"),
            "disabled account": self.tr("disabled account"),
        }
        text = notes.get(user.note, user.note)
        if user.badge:
            text += " · " + self.tr("badge %1").replace("%1", user.badge)
        return text

    def retranslate(self) -> None:
        self.title.setText(self.tr("Operator Console"))
        self.station_label.setText(self.tr("Station: %1").replace("%1", self._station))
        self.user_label.setText(self.tr("User ID or badge"))
        self.password_label.setText(self.tr("Password"))
        self.user_edit.setPlaceholderText(self.tr("Type your user ID or scan your badge"))
        self.login_button.setText(self.tr("Log in"))
        self.back_button.setText(self.tr("Back to the lock screen"))
        if self._switch_from:
            self.switch_note.setText(
                self.tr("Logging in ends the locked session of %1.").replace(
                    "%1", self._switch_from))
        if self._message_fn is not None and self.message.isVisible():
            self.message.setText(self._message_fn())
        if self.demo_panel is not None:
            self.demo_title.setText(self.tr("Demo mode: demo users"))
            self.demo_intro.setText(self.tr("User ID / password, name, what the account shows"))
            for note, user in self.demo_notes:
                note.setText(self._demo_note(user))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_station(self, station: str) -> None:
        self._station = station
        self.retranslate()

    def prepare(self, switch_from: str | None = None) -> None:
        """Reset the form for a new login; ``switch_from`` names a locked session it ends."""
        self._switch_from = switch_from
        self.switch_note.setVisible(switch_from is not None)
        self.back_button.setVisible(switch_from is not None)
        self.user_edit.clear()
        self.password_edit.clear()
        self.message.hide()
        self.set_busy(False)
        self.retranslate()
        self.user_edit.setFocus()

    def set_busy(self, busy: bool) -> None:
        for w in (self.user_edit, self.password_edit, self.login_button):
            w.setEnabled(not busy)
        self.login_button.setText(self.tr("Checking…") if busy else self.tr("Log in"))

    def show_error(self, text: str | Callable[[], str]) -> None:
        """Show an error; pass a callable to keep it translated across language switches."""
        self._message_fn = text if callable(text) else None
        self.message.setText(text() if callable(text) else text)
        self.message.show()
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _submit(self) -> None:
        user, password = self.user_edit.text().strip(), self.password_edit.text()
        if not user:
            self.show_error(lambda: self.tr("Enter your user ID or scan your badge."))
            self.user_edit.setFocus()
            return
        if not password:
            self.show_error(lambda: self.tr("Enter your password."))
            return
        self.message.hide()
        self.sig_login_requested.emit(user, password)
