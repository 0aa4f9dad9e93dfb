"""The real start-up path: the login window shows first, the application is built behind it,
and a person can log in. Runs in a child process: ``launch()`` owns the application's event
loop, exception hook and log file, which must not leak into other tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import argparse, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from operator_console.ui.shell.launcher import create_application, launch
from operator_console.ui.shell.main_window import MainWindow

create_application([])
seen = {}

def window():
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, MainWindow) and w.isVisible()), None)

def log_in():
    win = window()
    if win is None or not win.login.login_button.isEnabled():
        QTimer.singleShot(100, log_in)  # the application is still being built
        return
    seen["station"] = win.login.station_label.text()
    win.login.user_edit.setText("op02")
    win.login.password_edit.setText("demo-op02")
    win.login.login_button.click()
    check()

tries = [0]
def check():
    win = window()
    tries[0] += 1
    if win is not None and hasattr(win, "workspace") and win.current_view() is win.workspace:
        print("LOGGED-IN", seen["station"], flush=True)
        win.close()
    elif tries[0] > 300:
        print("TIMEOUT", flush=True)
        QApplication.quit()
    else:
        QTimer.singleShot(100, check)

QTimer.singleShot(0, log_in)
args = argparse.Namespace(demo=False, data_dir=Path(sys.argv[1]), lang="en", idle_lock=None,
                          command=None)
sys.exit(launch(args))
"""


def test_launch_shows_login_then_logs_in(data_dir: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(data_dir)], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "LOGGED-IN" in result.stdout and "DEMO-STATION-01" in result.stdout, result.stdout
