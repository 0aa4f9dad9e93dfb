"""A QA act signed at the plant server: what is signed and its meaning, the reason (part of
the signed content, required) and the QA person's own password, which the plant server
checks. The page submits it off the UI thread and shows any refusal here."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from operator_console.ui.widgets.basics import button, label


class QaActDialog(QDialog):
    sig_submitted = Signal(str, str)
    """Reason and password, to be checked and signed by the plant server."""

    def __init__(self, title: str, summary: str, meaning: str, confirm: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaActDialog")
        self.setModal(True)
        self.setMinimumWidth(760)
        self.setWindowTitle(title)
        self.summary = label("info")
        self.summary.setText(summary)
        self.meaning = label("subtitle")
        self.meaning.setText(self.tr("Signature meaning: %1").replace("%1", meaning))
        self.reason_label = label()
        self.reason_label.setText(self.tr("Reason (required, part of what you sign)"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("qaActReason")
        self.reason.setMinimumHeight(130)
        self.password_label = label()
        self.password_label.setText(self.tr(
            "Your password: the plant server checks it and records your signature"))
        self.password = QLineEdit()
        self.password.setObjectName("qaActPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = label("error")
        self.error.setObjectName("qaActError")
        self.error.hide()
        self.ok_button = button("primary")
        self.ok_button.setObjectName("qaActConfirm")
        self.ok_button.setText(confirm)
        self.cancel_button = button()
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        self.password.textChanged.connect(self._update)
        self.password.returnPressed.connect(self._submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        lay = QVBoxLayout(self)
        for w in (self.summary, self.meaning, self.reason_label, self.reason,
                  self.password_label, self.password, self.error):
            lay.addWidget(w)
        lay.addLayout(buttons)
        self._update()

    def _ready(self) -> bool:
        return bool(self.reason.toPlainText().strip()) and bool(self.password.text())

    def _update(self) -> None:
        self.ok_button.setEnabled(self._ready())

    def _submit(self) -> None:
        if not self._ready():
            return
        self.set_busy(True)
        self.sig_submitted.emit(self.reason.toPlainText().strip(), self.password.text())

    def set_busy(self, busy: bool) -> None:
        for w in (self.reason, self.password, self.cancel_button):
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
