"""Resolving an entry the plant server rejected: a written resolution and the QA user's
password; the page checks both through :class:`~operator_console.application.sync_admin.
SyncAdmin` and shows any refusal here."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from operator_console.ui.widgets.basics import button, label


class ResolveDialog(QDialog):
    """Resolution text (mandatory) and the QA user's password."""

    sig_submitted = Signal(str, str)

    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolveDialog")
        self.setModal(True)
        self.setMinimumWidth(720)
        self.setWindowTitle(self.tr("Resolve rejected entry"))
        self.summary = label("info")
        self.summary.setText(summary)
        self.resolution_label = label()
        self.resolution_label.setText(self.tr(
            "Resolution (required): what was checked and what was done"))
        self.resolution = QPlainTextEdit()
        self.resolution.setObjectName("resolutionText")
        self.resolution.setMinimumHeight(140)
        self.password_label = label()
        self.password_label.setText(self.tr("Your password (QA), to confirm"))
        self.password = QLineEdit()
        self.password.setObjectName("resolvePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = label("error")
        self.error.setObjectName("resolveError")
        self.error.hide()
        self.ok_button = button("primary")
        self.ok_button.setObjectName("resolveConfirm")
        self.ok_button.setText(self.tr("Resolve"))
        self.cancel_button = button()
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        self.resolution.textChanged.connect(self._update)
        self.password.textChanged.connect(self._update)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        lay = QVBoxLayout(self)
        for w in (self.summary, self.resolution_label, self.resolution, self.password_label,
                  self.password, self.error):
            lay.addWidget(w)
        lay.addLayout(buttons)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.resolution.toPlainText().strip())
                                  and bool(self.password.text()))

    def _submit(self) -> None:
        self.set_busy(True)
        self.sig_submitted.emit(self.resolution.toPlainText().strip(), self.password.text())

    def set_busy(self, busy: bool) -> None:
        for w in (self.resolution, self.password, self.cancel_button):
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
