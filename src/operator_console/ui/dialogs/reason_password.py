"""The shape both confirmation dialogs share: a written text (required), the person's own
password, an error line and the Cancel / confirm row. ``QaActDialog`` (an act the plant
server signs) and ``ResolveDialog`` (a resolution QA confirms) put their own words on it;
the page that opens one submits off the UI thread and shows any refusal with
``show_error``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from operator_console.ui.widgets.basics import button, label


class ReasonPasswordDialog(QDialog):
    sig_submitted = Signal(str, str)
    """The text (stripped) and the password, to be checked by whoever records it."""

    def __init__(self, name: str, text_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.summary = label("info")
        self.text_label = label()
        self.text = QPlainTextEdit()
        self.text.setObjectName(text_name)
        self.text.setMinimumHeight(130)
        self.password_label = label()
        self.password = QLineEdit()
        self.password.setObjectName(f"{name}Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = label("error")
        self.error.setObjectName(f"{name}Error")
        self.error.hide()
        self.ok_button = button("primary")
        self.ok_button.setObjectName(f"{name}Confirm")
        self.cancel_button = button()
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        self.text.textChanged.connect(self._update)
        self.password.textChanged.connect(self._update)
        self.password.returnPressed.connect(self._submit)

    def lay_out(self, *between: QWidget) -> None:
        """Summary, ``between`` (e.g. the signature's meaning), the text, the password, the
        error line, then the buttons."""
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        lay = QVBoxLayout(self)
        for w in (self.summary, *between, self.text_label, self.text, self.password_label,
                  self.password, self.error):
            lay.addWidget(w)
        lay.addLayout(buttons)
        self._update()

    def _ready(self) -> bool:
        return bool(self.text.toPlainText().strip()) and bool(self.password.text())

    def _update(self) -> None:
        self.ok_button.setEnabled(self._ready())

    def _submit(self) -> None:
        if not self._ready():
            return
        self.set_busy(True)
        self.sig_submitted.emit(self.text.toPlainText().strip(), self.password.text())

    def set_busy(self, busy: bool) -> None:
        for w in (self.text, self.password, self.cancel_button):
            w.setEnabled(not busy)
        if busy:
            self.ok_button.setEnabled(False)
        else:
            self._update()

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.password.clear()
        self.error.setText(text)
        self.error.show()
