"""A whole shift through the real main window, driven by clicks and key events only:
two simultaneous alarms (the window keeps its size, the status strip stays in sight), an
alarm while the screen is locked (on the lock screen), a scan with the focus on a header
button (reaches the load), a load signed by a performer and a verifier while the plant
server is down (offline signatures, marked), and the export (readable, local time)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from operator_console.domain.demo_data import DEMO_BATCH, GOOD_BAG, GOOD_CASSETTE
from operator_console.instruments.simulator import SimulatorThread
from operator_console.services import Services
from operator_console.ui.pages.records.model import Column
from operator_console.ui.shell.controller import AppController
from operator_console.ui.shell.instrument_runtime import InstrumentRuntime
from tests.helpers.offline import go_offline
from tests.instruments.conftest import fast, free_port, make_client
from tests.ui.conftest import log_in

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def services(svc: Services) -> Iterator[Services]:
    """The demo database with its master data (batches, cassettes, bays)."""
    yield svc


@pytest.fixture
def sim() -> Iterator[SimulatorThread]:
    thread = SimulatorThread(port=free_port(), rate_hz=20.0, excursions=(), seed=11)
    thread.start()
    yield thread
    thread.stop()


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, LEFT)


def scan(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """A keyboard-wedge scanner: a fast burst of keys, then CR, to whatever has focus."""
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_a_whole_shift(qtbot: QtBot, make_controller: object, services: Services,
                       sim: SimulatorThread, tmp_path: object) -> None:
    go_offline(services, "op02", "ver01")  # the plant server is down all shift
    ctl: AppController = make_controller()  # type: ignore[operator]
    runtime = InstrumentRuntime(services, ctl.runner, poll_interval_ms=50)
    runtime.start_client(make_client(fast(sim.channels, alarm_delay_s=0.2)))
    ctl.attach_instruments(runtime)
    window, banner, ws = ctl.window, ctl.window.alarm_banner, ctl.workspace
    strip = ws.status_strip
    try:
        log_in(qtbot, ctl, "op02", "demo-op02")
        qtbot.waitUntil(lambda: window.current_view() is ws, timeout=10000)
        size = window.size()
        nav_at = ws.nav_buttons["cassettes"].mapTo(window, QPoint(0, 0))

        # -- two alarms at once: nothing moves, nothing grows -------------------------------
        sim.simulator.force_value("temperature", 38.4)
        sim.simulator.force_value("dissolved_o2", 20.0)
        qtbot.waitUntil(lambda: len(banner.alarms) == 2, timeout=10000)
        assert window.size() == size
        assert ws.nav_buttons["cassettes"].mapTo(window, QPoint(0, 0)) == nav_at
        assert strip.isVisible() and window.rect().contains(
            strip.mapTo(window, strip.rect().bottomRight()))
        assert banner.more_button.text() == "+1 more"

        # -- locked: a new alarm shows on the lock screen -----------------------------------
        click(qtbot, ws.lock_button)
        qtbot.waitUntil(lambda: window.current_view() is ctl.lock_view)
        sim.simulator.force_value("ph", 7.9)
        qtbot.waitUntil(lambda: len(banner.alarms) == 3, timeout=10000)
        assert banner.isVisible() and banner.more_button.text() == "+2 more"
        assert not banner.ack_button.isVisible() and banner.login_hint.isVisible()
        assert strip.isVisible() and strip.server.text().startswith("Plant server:")
        type_into(qtbot, ctl.lock_view.password_edit, "demo-op02")
        qtbot.waitUntil(lambda: window.current_view() is ws, timeout=10000)
        sim.simulator.reset_overrides()

        # -- a load: the cassette scanned with the focus on a header button -----------------
        click(qtbot, ws.nav_buttons["cassettes"])
        page = ws.cassettes
        flow = page.flow
        click(qtbot, page.load_button)
        assert not flow.result.isVisible()  # a new flow starts clean
        qtbot.waitUntil(lambda: DEMO_BATCH in flow.choices.buttons)
        click(qtbot, flow.choices.buttons[DEMO_BATCH])
        qtbot.waitUntil(lambda: flow.step == "cassette" and not flow.busy)
        click(qtbot, ws.lang_en)  # the header button now has the focus
        ws.lang_en.setFocus()
        scan(qtbot, ws.lang_en, GOOD_CASSETTE)
        qtbot.waitUntil(lambda: flow.step == "bag" and not flow.busy, timeout=10000)
        scan(qtbot, flow, GOOD_BAG)
        qtbot.waitUntil(lambda: flow.step == "bay" and not flow.busy, timeout=10000)
        qtbot.waitUntil(lambda: "B1" in flow.choices.buttons)
        click(qtbot, flow.choices.buttons["B1"])
        qtbot.waitUntil(lambda: flow.step == "sign" and not flow.busy, timeout=10000)
        click(qtbot, flow.sign_button)
        qtbot.waitUntil(lambda: flow.dialog is not None, timeout=10000)
        dlg = flow.dialog
        assert dlg is not None
        assert dlg.content_table.text_of("Process step") == "T-cell activation"
        type_into(qtbot, dlg.password_edit, "demo-op02")
        qtbot.waitUntil(lambda: not dlg.busy and dlg.user_edit.isVisible(), timeout=15000)
        assert dlg.content_table.text_of("Cassette serial number") == "CS0142A1"
        type_into(qtbot, dlg.user_edit, "ver01")
        type_into(qtbot, dlg.password_edit, "demo-ver01")
        qtbot.waitUntil(lambda: flow.dialog is None, timeout=15000)
        record_id = flow.last_record_id
        assert record_id is not None

        # -- Records: the offline signatures are marked ---------------------------------------
        click(qtbot, ws.nav_buttons["records"])
        records = ws.records
        def signatures() -> str:
            found = records.model.row_of(record_id)
            return "" if found is None else records.model.cell(records.model.row_at(found),
                                                              Column.SIGNATURES)

        qtbot.waitUntil(lambda: signatures().count("✓") == 2, timeout=10000)
        assert signatures() == ("Performed: John Smith ✓ (offline, not re-checked yet), "
                                "Verified: 佐藤 健 ✓ (offline, not re-checked yet)")
        row = records.model.row_of(record_id)
        assert row is not None
        assert records.model.cell(records.model.row_at(row), Column.SUMMARY).startswith(
            "T-cell activation, CS0142A1")

        # -- export: readable content, local time ---------------------------------------------
        records.batch_filter.setCurrentIndex(records.batch_filter.findData(DEMO_BATCH))
        qtbot.waitUntil(lambda: records.export_button.isEnabled())
        click(qtbot, records.export_button)
        folder = services.db.data_dir / "exports"
        qtbot.waitUntil(lambda: folder.is_dir() and any(folder.glob("*.pdf"))
                        and any(folder.glob("*.json")), timeout=30000)
        qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=10000)
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                w.close()
        if shutil.which("pdftotext"):
            pdf = next(folder.glob("*.pdf"))
            text = unicodedata.normalize("NFKC", subprocess.run(
                ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                check=True, timeout=60).stdout).replace("\n", " ")
            assert "T-cell activation" in text and "CS0142A1" in text
            assert "bay_entry" not in text and "bag.coi" not in text
            assert "JST" in text and "UTC 20" in text
            assert "Offline signature: not yet re-checked by the plant server" in text
    finally:
        runtime.stop()
