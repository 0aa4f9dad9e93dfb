"""The top-level window: login, lock screen and workspace in one stack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from operator_console.ui.pages.login import LoginView
from operator_console.ui.widgets.alarm_banner import AlarmBanner

if TYPE_CHECKING:  # the workspace pulls in the store: not needed to show the login window
    from operator_console.ui.pages.lock import LockView
    from operator_console.ui.shell.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, login: LoginView, lock: LockView | None = None,
                 workspace: Workspace | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.login = login
        self.stack = QStackedWidget()
        self.stack.addWidget(login)
        # Alarms have a fixed place of fixed height above every view (login and lock too):
        # nothing below them moves when one is raised, and the window never grows.
        self.alarm_banner = AlarmBanner()
        central = QWidget()
        central.setObjectName("WindowRoot")
        root = QVBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self.alarm_banner)
        root.addWidget(self.stack, 1)
        self._root = root
        self.setCentralWidget(central)
        if lock is not None and workspace is not None:
            self.add_views(lock, workspace)
        self.resize(1920, 1080)
        self.close_handler: object = None
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Operator Console"))

    def add_views(self, lock: LockView, workspace: Workspace) -> None:
        """The rest of the application, once the store is open (the login window can be on
        screen before that)."""
        self.lock, self.workspace = lock, workspace
        self.stack.addWidget(lock)
        self.stack.addWidget(workspace)
        # The status strip (plant server online/offline, waiting to sync) belongs to the
        # window, not a page: under every view, where alarms above cannot push it away.
        self._root.addWidget(workspace.status_strip)

    def show_view(self, view: QWidget) -> None:
        self.stack.setCurrentWidget(view)

    def current_view(self) -> QWidget:
        return self.stack.currentWidget()

    def closeEvent(self, event: QCloseEvent) -> None:
        handler = self.close_handler
        if callable(handler):
            handler()
        super().closeEvent(event)
