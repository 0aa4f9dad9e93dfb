"""The top-level window: login, lock screen and workspace in one stack."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from operator_console.ui.lock_view import LockView
from operator_console.ui.login_view import LoginView
from operator_console.ui.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, login: LoginView, lock: LockView, workspace: Workspace,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.login, self.lock, self.workspace = login, lock, workspace
        self.stack = QStackedWidget()
        for w in (login, lock, workspace):
            self.stack.addWidget(w)
        self.setCentralWidget(self.stack)
        self.resize(1920, 1080)
        self.close_handler: object = None
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Operator Console"))

    def show_view(self, view: QWidget) -> None:
        self.stack.setCurrentWidget(view)

    def current_view(self) -> QWidget:
        return self.stack.currentWidget()

    def closeEvent(self, event: QCloseEvent) -> None:
        handler = self.close_handler
        if callable(handler):
            handler()
        super().closeEvent(event)
