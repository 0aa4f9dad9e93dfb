"""The Records page's Print button (issue 12, item 15): the print dialog, then the batch
record's pages spooled off the UI thread; a station without a printer says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6 import QtPrintSupport
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from operator_console.ui.shell.controller import AppController
from tests.ui.conftest import log_in

Factory = Callable[..., AppController]
LEFT = Qt.MouseButton.LeftButton


def _records(qtbot: QtBot, make_controller: Factory) -> AppController:
    ctl = make_controller()
    log_in(qtbot, ctl, "op02", "demo-op02")  # prefers English
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    qtbot.mouseClick(ctl.workspace.nav_buttons["records"], LEFT)
    page = ctl.workspace.records
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.table.selectRow(0)
    qtbot.waitUntil(page.print_button.isEnabled)
    return ctl


def test_no_printer_is_said_and_nothing_happens(qtbot: QtBot, make_controller: Factory,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QtPrintSupport.QPrinterInfo, "availablePrinterNames",
                        staticmethod(lambda: []))
    ctl = _records(qtbot, make_controller)
    qtbot.mouseClick(ctl.workspace.records.print_button, LEFT)
    qtbot.waitUntil(lambda: getattr(ctl, "last_notification", None) is not None
                    and ctl.last_notification.isVisible())
    assert "No printer is set up at this station" in ctl.last_notification.text()
    assert getattr(ctl, "print_dialog", None) is None


def test_print_sends_the_pages_to_the_chosen_printer(qtbot: QtBot, make_controller: Factory,
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "printed.pdf"

    class Chosen(QDialog):
        """The print dialog as a person confirms it; the "printer" writes to a file."""

        def __init__(self, printer: QPrinter, parent: QWidget) -> None:
            super().__init__(parent)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            QTimer.singleShot(0, lambda: self.done(QDialog.DialogCode.Accepted))

    monkeypatch.setattr(QtPrintSupport.QPrinterInfo, "availablePrinterNames",
                        staticmethod(lambda: ["Station printer"]))
    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", Chosen)
    ctl = _records(qtbot, make_controller)
    qtbot.mouseClick(ctl.workspace.records.print_button, LEFT)
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 5000, timeout=30000)
    assert out.read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: getattr(ctl, "last_notification", None) is not None
                    and "was sent to" in ctl.last_notification.text(), timeout=30000)
