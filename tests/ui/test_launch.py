"""The real start-up path: the login window shows first, the application is built behind it,
and a person can log in (driven by timers inside the application's own event loop)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from operator_console.ui.launcher import launch
from operator_console.ui.main_window import MainWindow


def test_launch_shows_login_then_logs_in(data_dir: Path, qapp: QApplication) -> None:
    seen: dict[str, object] = {}

    def window() -> MainWindow | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, MainWindow) and w.isVisible()), None)

    def log_in() -> None:
        win = window()
        if win is None or not win.login.login_button.isEnabled():
            QTimer.singleShot(100, log_in)  # the application is still being built
            return
        seen["station"] = win.login.station_label.text()
        win.login.user_edit.setText("op02")
        win.login.password_edit.setText("demo-op02")
        win.login.login_button.click()
        check()

    def check(tries: list[int] = [0]) -> None:  # noqa: B006 - a counter across calls
        win = window()
        tries[0] += 1
        if win is not None and hasattr(win, "workspace") and (
                win.current_view() is win.workspace):
            seen["logged_in"] = True
            win.close()  # ends the session (audited) and quits
            QApplication.quit()
        elif tries[0] > 200:
            seen["logged_in"] = False
            QApplication.quit()
        else:
            QTimer.singleShot(100, check)

    QTimer.singleShot(0, log_in)
    args = argparse.Namespace(demo=False, data_dir=data_dir, lang="en", idle_lock=None,
                              command=None)
    hook, root_handlers = sys.excepthook, list(logging.getLogger().handlers)
    try:
        assert launch(args) == 0
    finally:  # launch() installs the application's exception hook and log file
        sys.excepthook = hook
        for handler in logging.getLogger().handlers[:]:
            if handler not in root_handlers:
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert seen.get("logged_in") is True
    assert "DEMO-STATION-01" in str(seen["station"])
