"""Traces page, alarm banner and instrument runtime against a real simulator on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from operator_console.domain.alarms import AlarmState
from operator_console.instruments.simulator import SimulatorThread
from operator_console.services import Services
from operator_console.store.audit import AuditFilter, query_entries
from operator_console.ui.pages.traces.page import PLACEHOLDER, TracesPage
from operator_console.ui.shell.instrument_runtime import InstrumentRuntime
from operator_console.ui.shell.language import LanguageManager
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.alarm_banner import AlarmBanner
from tests.instruments.conftest import fast, free_port, make_client


@pytest.fixture(scope="module")
def sim() -> Iterator[SimulatorThread]:
    thread = SimulatorThread(port=free_port(), rate_hz=20.0, excursions=(), seed=42)
    thread.start()
    yield thread
    thread.stop()


@pytest.fixture
def runtime(qtbot: QtBot, services: Services, sim: SimulatorThread,
            languages: LanguageManager) -> Iterator[InstrumentRuntime]:
    sim.simulator.reset_overrides()
    runner = TaskRunner()
    rt = InstrumentRuntime(services, runner, poll_interval_ms=50)
    rt.start_client(make_client(fast(sim.channels, alarm_delay_s=0.3)))
    yield rt
    rt.stop()
    runner.wait()
    sim.simulator.reset_overrides()
    languages.set_language("en")


@pytest.fixture
def page(qtbot: QtBot, runtime: InstrumentRuntime) -> TracesPage:
    assert runtime.client is not None
    p = TracesPage(runtime.client)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    return p


def test_values_arrive_and_frozen_channel_is_stale(
    qtbot: QtBot, page: TracesPage, sim: SimulatorThread
) -> None:
    qtbot.waitUntil(lambda: page.tiles["temperature"].value_label.text() != PLACEHOLDER,
                    timeout=10000)
    assert page.tiles["temperature"].state_label.text() == ""
    sim.simulator.freeze("ph")
    qtbot.waitUntil(lambda: "Stale" in page.tiles["ph"].state_label.text(), timeout=5000)
    sim.simulator.set_bad_quality("co2")
    qtbot.waitUntil(lambda: "Bad quality" in page.tiles["co2"].state_label.text(),
                    timeout=5000)


def test_timer_stops_when_hidden_and_back_to_live(qtbot: QtBot, page: TracesPage) -> None:
    assert page.timer.isActive()
    assert not page.back_to_live.isVisible()
    qtbot.mouseClick(page.span_buttons[0], Qt.MouseButton.LeftButton)
    assert page.following
    page._user_moved()  # what a drag on the plot triggers (sigRangeChangedManually)
    assert not page.following and page.back_to_live.isVisible()
    qtbot.mouseClick(page.back_to_live, Qt.MouseButton.LeftButton)
    assert page.following and not page.back_to_live.isVisible()
    qtbot.mouseClick(page.tiles["ph"].toggle, Qt.MouseButton.LeftButton)
    assert "ph" not in page.visible_keys()
    qtbot.mouseClick(page.mode_toggle, Qt.MouseButton.LeftButton)
    assert page.overlay
    page.hide()
    assert not page.timer.isActive()


def test_excursion_alarm_banner_and_acknowledge_is_audited(
    qtbot: QtBot, runtime: InstrumentRuntime, sim: SimulatorThread, services: Services
) -> None:
    assert runtime.client is not None
    client = runtime.client
    banner = AlarmBanner()
    qtbot.addWidget(banner)
    banner.show()
    runtime.sig_alarms_changed.connect(
        lambda _states: banner.set_alarms(runtime.active_alarms(), client.channels))
    banner.sig_acknowledge_requested.connect(lambda key: runtime.acknowledge(key, "operator1"))
    qtbot.waitUntil(lambda: client.buffer("temperature").latest()[2] is not None, timeout=10000)
    sim.simulator.trigger_excursion("temperature", 2.0, 30.0)
    qtbot.waitUntil(lambda: banner.top is not None, timeout=10000)
    assert banner.isVisible()
    assert banner.top is not None and banner.top.channel_key == "temperature"
    assert banner.name_label.text() == "Temperature"
    assert "High" in banner.limit_label.text()
    with qtbot.waitSignal(runtime.sig_audit_written, timeout=5000,
                          check_params_cb=lambda event, key: event == "alarm_acknowledged"):
        qtbot.mouseClick(banner.ack_button, Qt.MouseButton.LeftButton)
    assert runtime.alarm_states()["temperature"] is AlarmState.ACTIVE_ACKED
    with services.db.read() as s:
        acks = query_entries(s, AuditFilter(event="alarm_acknowledged"))
        raised = query_entries(s, AuditFilter(event="alarm_raised"))
        assert [(e.actor, e.target) for e in acks] == [("operator1", "temperature")]
        assert [e.target for e in raised] == ["temperature"]
    assert runtime.summary() == (1, 1, 1)


def test_language_switch_changes_channel_names(
    qtbot: QtBot, page: TracesPage, languages: LanguageManager
) -> None:
    tile = page.tiles["temperature"]
    assert tile.name_label.text() == "Temperature"
    assert tile.toggle.text() == "Shown"
    languages.set_language("ja")
    assert tile.name_label.text() == "温度"
    assert tile.toggle.text() == "表示中"
    languages.set_language("en")
    assert tile.name_label.text() == "Temperature"


def test_name_does_not_hide_and_the_switch_says_what_it_does(
    qtbot: QtBot, page: TracesPage
) -> None:
    tile = page.tiles["ph"]
    qtbot.mouseClick(tile.name_label, Qt.MouseButton.LeftButton)
    assert "ph" in page.visible_keys()
    qtbot.mouseClick(tile.toggle, Qt.MouseButton.LeftButton)
    assert "ph" not in page.visible_keys()
    assert tile.toggle.text() == "Hidden" and not tile.toggle.isChecked()
    qtbot.mouseClick(tile.toggle, Qt.MouseButton.LeftButton)
    assert "ph" in page.visible_keys() and tile.toggle.text() == "Shown"


def test_hidden_channel_in_alarm_is_drawn_anyway_with_a_marker(
    qtbot: QtBot, page: TracesPage, runtime: InstrumentRuntime, sim: SimulatorThread
) -> None:
    assert runtime.client is not None
    client = runtime.client
    tile = page.tiles["temperature"]
    qtbot.mouseClick(tile.toggle, Qt.MouseButton.LeftButton)
    assert "temperature" not in page.visible_keys()
    qtbot.waitUntil(lambda: client.buffer("temperature").latest()[2] is not None, timeout=10000)
    sim.simulator.trigger_excursion("temperature", 2.0, 30.0)
    qtbot.waitUntil(lambda: "temperature" in page.visible_keys(), timeout=10000)
    assert tile.forced and not tile.toggle.isChecked()
    assert tile.toggle.text() == "Hidden, shown: alarm"
    trace = page._traces["temperature"]
    assert trace.plot is not None
    assert "shown: alarm" in trace.plot.titleLabel.text


def test_overlay_has_a_legend_and_labelled_limits(qtbot: QtBot, page: TracesPage) -> None:
    qtbot.mouseClick(page.mode_toggle, Qt.MouseButton.LeftButton)
    assert page.overlay and page.legend.isVisible()
    names = [page.tiles[k].channel.name("en") for k in page.visible_keys()]
    assert all(name in page.legend.text() for name in names)
    limits = page._traces["temperature"].limits
    assert limits is not None
    labels = [line.label for line in limits.lines()]
    assert any(label.startswith("Temperature High ") for label in labels)
    assert any(label.startswith("Temperature Low ") for label in labels)
    qtbot.mouseClick(page.mode_toggle, Qt.MouseButton.LeftButton)
    assert not page.legend.isVisible()
