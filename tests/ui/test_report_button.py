"""The Records page's "Batch report" button makes the certified copy from the station's own
data (PDF and JSON twin, off the UI thread) and says where it is and its SHA-256; a batch
without a master recipe gets a plain answer instead."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from operator_console.domain.demo_data import DEMO_BATCH
from operator_console.services import Services
from operator_console.ui.shell.controller import AppController
from tests.helpers.station_batch import execute_demo_batch, pin_demo_batch
from tests.ui.conftest import log_in

Factory = Callable[..., AppController]


def _close_boxes() -> None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox):
            w.close()


def _choose_batch(qtbot: QtBot, ctl: AppController, batch: str) -> None:
    qtbot.mouseClick(ctl.workspace.nav_buttons["records"], Qt.MouseButton.LeftButton)
    page = ctl.workspace.records
    combo = page.batch_filter
    qtbot.waitUntil(lambda: combo.findData(batch) >= 0)
    combo.setCurrentIndex(combo.findData(batch))
    qtbot.waitUntil(page.report_button.isEnabled)


def test_report_button_writes_the_certified_copy(qtbot: QtBot, make_controller: Factory,
                                                 services: Services) -> None:
    pin_demo_batch(services, DEMO_BATCH, services.audit.station)
    execute_demo_batch(services, DEMO_BATCH, {}, steps=6)  # through the activation phase
    ctl = make_controller(language="ja")
    log_in(qtbot, ctl, "op01", "demo-op01")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    _choose_batch(qtbot, ctl, DEMO_BATCH)
    page = ctl.workspace.records
    assert page.report_button.text() == "製造記録（認証済み複製）"
    folder = services.db.data_dir / "exports"
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: folder.is_dir() and any(folder.glob("*-report-*.json")),
                    timeout=60000)
    qtbot.waitUntil(lambda: getattr(ctl, "last_notification", None) is not None
                    and ctl.last_notification.objectName() == "reportDone", timeout=30000)
    twin = next(folder.glob("*-report-*.json"))
    pdf = next(folder.glob("*-report-*.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    digest = hashlib.sha256(twin.read_bytes()).hexdigest()
    assert digest in ctl.last_notification.text() and str(pdf) in ctl.last_notification.text()
    _close_boxes()


def test_a_batch_without_recipe_has_no_report(qtbot: QtBot, make_controller: Factory,
                                              services: Services) -> None:
    ctl = make_controller(language="en")
    log_in(qtbot, ctl, "op01", "demo-op01")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    _choose_batch(qtbot, ctl, DEMO_BATCH)  # its records, but no pinned recipe here
    qtbot.mouseClick(ctl.workspace.records.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(ctl, "last_notification", None) is not None
                    and ctl.last_notification.windowTitle() == "製造記録はありません",
                    timeout=30000)  # (op01 works in Japanese)
    assert DEMO_BATCH in ctl.last_notification.text()
    assert not (services.db.data_dir / "exports").exists() or \
        not any((services.db.data_dir / "exports").glob("*-report-*"))
    _close_boxes()
