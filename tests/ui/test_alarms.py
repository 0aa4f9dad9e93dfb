"""Alarms through the real main window: a fixed place that never moves the page or grows the
window, shown on the lock screen, the side the evaluator raised, a live value and the peak,
and acknowledgement as one confirmed act (Cancel changes nothing)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from operator_console.domain.alarms import AlarmState
from operator_console.domain.records import RecordType
from operator_console.instruments.simulator import SimulatorThread
from operator_console.services import Services
from operator_console.store.audit import AuditFilter, query_entries
from operator_console.store.records import RecordFilter, load_records
from operator_console.ui.dialogs.alarm_ack import AlarmAckDialog
from operator_console.ui.dialogs.alarm_list import AlarmListDialog
from operator_console.ui.shell.controller import AppController
from operator_console.ui.shell.instrument_runtime import InstrumentRuntime
from tests.instruments.conftest import fast, free_port, make_client
from tests.ui.conftest import log_in

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def sim() -> Iterator[SimulatorThread]:
    thread = SimulatorThread(port=free_port(), rate_hz=20.0, excursions=(), seed=7)
    thread.start()
    yield thread
    thread.stop()


@pytest.fixture
def ctl(qtbot: QtBot, make_controller: object, sim: SimulatorThread) -> Iterator[AppController]:
    sim.simulator.reset_overrides()
    controller: AppController = make_controller()  # type: ignore[operator]
    runtime = InstrumentRuntime(controller.services, controller.runner, poll_interval_ms=50)
    runtime.start_client(make_client(fast(sim.channels, alarm_delay_s=0.2)))
    controller.attach_instruments(runtime)
    assert runtime.client is not None
    client = runtime.client
    qtbot.waitUntil(lambda: client.buffer("temperature").latest()[2] is not None,
                    timeout=10000)
    yield controller
    sim.simulator.reset_overrides()


def _open_dialog(cls: type) -> object | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, cls) and w.isVisible()), None)


def test_two_alarms_keep_the_page_in_place_and_the_window_size(
    qtbot: QtBot, ctl: AppController, sim: SimulatorThread
) -> None:
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    window, banner = ctl.window, ctl.window.alarm_banner
    size = window.size()
    nav = ctl.workspace.nav_buttons["records"]
    nav_at = nav.mapTo(window, QPoint(0, 0))
    banner_height = banner.height()
    sim.simulator.force_value("temperature", 38.4)
    sim.simulator.force_value("dissolved_o2", 20.0)
    qtbot.waitUntil(lambda: len(banner.alarms) == 2, timeout=10000)
    assert window.size() == size
    assert banner.height() == banner_height
    assert nav.mapTo(window, QPoint(0, 0)) == nav_at  # a tap lands where it was aimed
    strip = ctl.workspace.status_strip
    assert strip.isVisible()
    assert window.rect().contains(strip.mapTo(window, strip.rect().bottomRight()))
    assert banner.more_button.isVisible() and banner.more_button.text() == "+1 more"
    qtbot.mouseClick(banner.more_button, LEFT)
    qtbot.waitUntil(lambda: _open_dialog(AlarmListDialog) is not None)
    listing = _open_dialog(AlarmListDialog)
    assert isinstance(listing, AlarmListDialog)
    assert set(listing.row_widgets) == {"temperature", "dissolved_o2"}
    assert "Low limit 30.0 %" in listing.row_text("dissolved_o2")
    qtbot.mouseClick(listing.close_button, LEFT)
    sim.simulator.reset_overrides()
    ctl.instruments.acknowledge("temperature", "op02")  # type: ignore[union-attr]
    ctl.instruments.acknowledge("dissolved_o2", "op02")  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not banner.alarms, timeout=10000)
    assert window.size() == size and banner.height() == banner_height
    assert banner.none_label.isVisible()


def test_low_alarm_says_low_with_live_value_and_peak(
    qtbot: QtBot, ctl: AppController, sim: SimulatorThread
) -> None:
    log_in(qtbot, ctl, "op02", "demo-op02")
    banner = ctl.window.alarm_banner
    sim.simulator.force_value("dissolved_o2", 20.0)
    qtbot.waitUntil(lambda: banner.top is not None, timeout=10000)
    # 58 % is nearer the high limit (60 %): a guess from the value would say "High".
    sim.simulator.force_value("dissolved_o2", 27.5)
    qtbot.waitUntil(lambda: banner.value_label.text() == "27.5 %", timeout=10000)
    assert banner.limit_label.text() == "Low limit 30.0 %"
    assert banner.peak_label.text() == "peak 20.0 %"
    assert banner.name_label.text() == "Dissolved O2"


def test_alarm_raised_while_locked_is_on_the_lock_screen(
    qtbot: QtBot, ctl: AppController, sim: SimulatorThread
) -> None:
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    qtbot.mouseClick(ctl.workspace.lock_button, LEFT)
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.lock_view)
    banner = ctl.window.alarm_banner
    sim.simulator.force_value("temperature", 38.4)
    qtbot.waitUntil(lambda: banner.top is not None, timeout=10000)
    assert banner.isVisible() and banner.name_label.isVisible()
    assert banner.name_label.text() == "Temperature"
    assert banner.limit_label.text() == "High limit 37.50 °C"
    assert banner.since_label.text().startswith("since ")
    assert not banner.ack_button.isVisible()  # acknowledging needs a login
    assert ctl.workspace.status_strip.isVisible()  # the plant server state stays in sight
    assert banner.login_hint.isVisible()


def test_cancel_changes_nothing_confirm_records_start_peak_and_comment(
    qtbot: QtBot, ctl: AppController, sim: SimulatorThread, services: Services
) -> None:
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    banner = ctl.window.alarm_banner
    runtime = ctl.instruments
    assert runtime is not None
    sim.simulator.force_value("dissolved_o2", 22.0)
    qtbot.waitUntil(lambda: banner.ack_button.isVisible(), timeout=10000)
    qtbot.mouseClick(banner.ack_button, LEFT)
    qtbot.waitUntil(lambda: _open_dialog(AlarmAckDialog) is not None, timeout=5000)
    dialog = _open_dialog(AlarmAckDialog)
    assert isinstance(dialog, AlarmAckDialog)
    assert dialog.values[2].text() == "Low limit 30.0 %"
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert runtime.alarm_states()["dissolved_o2"] is AlarmState.ACTIVE_UNACKED
    with services.db.read() as s:
        assert not query_entries(s, AuditFilter(event="alarm_acknowledged"))
    qtbot.mouseClick(banner.ack_button, LEFT)
    qtbot.waitUntil(lambda: _open_dialog(AlarmAckDialog) is not None, timeout=5000)
    dialog = _open_dialog(AlarmAckDialog)
    assert isinstance(dialog, AlarmAckDialog)
    qtbot.keyClicks(dialog.comment_edit, "gas supply checked")
    qtbot.keyClicks(dialog.password_edit, "demo-op02")
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    qtbot.waitUntil(
        lambda: runtime.alarm_states()["dissolved_o2"] is AlarmState.ACTIVE_ACKED, timeout=10000)
    def acks() -> list[tuple[str, str, str]]:
        with services.db.read() as s:
            return [(e.actor, e.target, e.reason)
                    for e in query_entries(s, AuditFilter(event="alarm_acknowledged"))]

    qtbot.waitUntil(lambda: bool(acks()), timeout=5000)
    assert acks() == [("op02", "dissolved_o2", "gas supply checked")]
    with services.db.read() as s:
        records = load_records(s, RecordFilter(record_type=RecordType.ALARM_ACK))
    assert len(records) == 1
    body = records[0].body
    assert body["channel"] == "dissolved_o2" and body["limit_kind"] == "low"
    assert body["started_at"] and body["ended_at"] is None
    assert body["peak"] <= 22.0 + 1.0 and body["comment"] == "gas supply checked"
