"""The Records page's export button writes the batch record PDF and JSON off the UI thread."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from operator_console.domain.demo_data import DEMO_BATCH
from operator_console.services import Services
from operator_console.ui.shell.controller import AppController
from tests.ui.conftest import log_in

Factory = Callable[..., AppController]


def test_export_writes_pdf_and_json(qtbot: QtBot, make_controller: Factory,
                                    services: Services,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    ctl = make_controller(language="ja")
    log_in(qtbot, ctl, "op01", "demo-op01")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    qtbot.mouseClick(ctl.workspace.nav_buttons["records"], Qt.MouseButton.LeftButton)
    page = ctl.workspace.records
    qtbot.waitUntil(lambda: page.export_button.isEnabled() or page.model.rowCount() > 0)
    folder = services.db.data_dir / "exports"
    ctl.export_batch(DEMO_BATCH)
    qtbot.waitUntil(lambda: folder.is_dir() and any(folder.glob("*.json")), timeout=30000)
    pdf = next(folder.glob("*.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
    data = json.loads(next(folder.glob("*.json")).read_text(encoding="utf-8"))
    assert data["batch"] == DEMO_BATCH
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    box = ctl.last_notification
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    open_button = box.findChild(QPushButton, "openExportedPdf")
    assert open_button is not None and open_button.isVisible()
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(pdf)]  # the station's viewer opens it, to read or print
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox):
            w.close()
