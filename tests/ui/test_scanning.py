"""Scanning through the real main window: a scan reaches the running flow wherever focus is,
a scan nothing waits for is answered ("Start a load first"), and a new flow or a new person
starts clean."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from operator_console.domain.demo_data import DEMO_BATCH, GOOD_CASSETTE
from operator_console.services import Services
from operator_console.ui.shell.controller import AppController
from tests.ui.conftest import log_in

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def services(svc: Services) -> Iterator[Services]:
    """The controller over the demo database with the cassette master data."""
    yield svc


def _scan(qtbot: QtBot, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _logged_in(qtbot: QtBot, make_controller: object, user: str = "op02") -> AppController:
    ctl: AppController = make_controller()  # type: ignore[operator]
    log_in(qtbot, ctl, user, f"demo-{user}")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    return ctl


def _start_load(qtbot: QtBot, ctl: AppController) -> None:
    page = ctl.workspace.cassettes
    qtbot.mouseClick(ctl.workspace.nav_buttons["cassettes"], LEFT)
    qtbot.mouseClick(page.load_button, LEFT)
    qtbot.waitUntil(lambda: DEMO_BATCH in page.flow.choices.buttons)
    qtbot.mouseClick(page.flow.choices.buttons[DEMO_BATCH], LEFT)
    qtbot.waitUntil(lambda: page.flow.step == "cassette" and not page.flow.busy)


def test_scan_with_focus_on_a_header_button_reaches_the_flow(
    qtbot: QtBot, make_controller: object
) -> None:
    ctl = _logged_in(qtbot, make_controller)
    _start_load(qtbot, ctl)
    flow = ctl.workspace.cassettes.flow
    header_button = ctl.workspace.lang_en
    qtbot.mouseClick(header_button, LEFT)  # touching a header button takes the focus
    header_button.setFocus()
    assert header_button.hasFocus()
    _scan(qtbot, header_button, GOOD_CASSETTE)
    qtbot.waitUntil(lambda: flow.step == "bag" and not flow.busy, timeout=10000)
    assert flow.result.isVisible() and "OK" in flow.result.verdict.text()


def test_a_scan_nothing_waits_for_says_start_a_load_first(
    qtbot: QtBot, make_controller: object
) -> None:
    ctl = _logged_in(qtbot, make_controller)
    strip = ctl.workspace.status_strip
    assert not strip.notice.isVisible()
    _scan(qtbot, ctl.workspace.lock_button, GOOD_CASSETTE)
    assert strip.notice.isVisible()
    assert "Start a load first" in strip.notice.text()
    assert ctl.window.current_view() is ctl.workspace  # nothing else happened


def test_a_new_flow_and_a_new_person_start_clean(
    qtbot: QtBot, make_controller: object
) -> None:
    ctl = _logged_in(qtbot, make_controller)
    _start_load(qtbot, ctl)
    flow = ctl.workspace.cassettes.flow
    _scan(qtbot, flow, GOOD_CASSETTE)
    qtbot.waitUntil(lambda: flow.step == "bag" and not flow.busy, timeout=10000)
    assert flow.result.isVisible()
    qtbot.mouseClick(flow.cancel_button, LEFT)
    qtbot.mouseClick(ctl.workspace.cassettes.load_button, LEFT)
    assert flow.step == "batch"
    assert not flow.result.isVisible()  # the previous verdict is not shown again
    assert not flow.summary.isVisible()
    qtbot.mouseClick(flow.cancel_button, LEFT)
    _start_load(qtbot, ctl)
    assert flow.result.verdict.text() == f"✓ OK: {DEMO_BATCH}"
    _scan(qtbot, flow, GOOD_CASSETTE)
    qtbot.waitUntil(lambda: flow.step == "bag" and not flow.busy, timeout=10000)
    # Lock, and another person logs in at the lock screen: none of it stays.
    qtbot.mouseClick(ctl.workspace.lock_button, LEFT)
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.lock_view)
    qtbot.mouseClick(ctl.lock_view.switch_button, LEFT)
    log_in(qtbot, ctl, "op01", "demo-op01")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace
                    and ctl.user is not None and ctl.user.user_id != "")
    qtbot.waitUntil(lambda: ctl.user is not None and ctl.user.display_id == "op01")
    qtbot.mouseClick(ctl.workspace.nav_buttons["cassettes"], LEFT)
    assert ctl.workspace.cassettes.stack.currentWidget() is ctl.workspace.cassettes.overview
    qtbot.mouseClick(ctl.workspace.cassettes.load_button, LEFT)
    assert flow.step == "batch" and not flow.result.isVisible()
    assert not flow.summary.isVisible()


def test_home_tiles_and_an_awaiting_bay_lead_to_the_work(
    qtbot: QtBot, make_controller: object
) -> None:
    ctl = _logged_in(qtbot, make_controller)
    ws = ctl.workspace
    qtbot.mouseClick(ws.home.server, LEFT)
    assert ws.current_page() == "sync"
    qtbot.mouseClick(ws.nav_buttons["home"], LEFT)
    qtbot.mouseClick(ws.home.signatures, LEFT)
    assert ws.current_page() == "records"
    assert ws.records.status_filter.currentData() == "awaiting_verification"
    qtbot.mouseClick(ws.nav_buttons["cassettes"], LEFT)
    page = ws.cassettes
    qtbot.waitUntil(lambda: "B4" in page.cards)  # the demo's load awaiting verification
    qtbot.mouseClick(ws.nav_buttons["home"], LEFT)
    qtbot.mouseClick(ws.nav_buttons["cassettes"], LEFT)
    qtbot.waitUntil(lambda: "B4" in page.cards and page.cards["B4"].isVisible())
    qtbot.mouseClick(page.cards["B4"], LEFT)
    assert ws.current_page() == "records"


def test_logging_out_mid_load_warns_that_it_is_discarded(
    qtbot: QtBot, make_controller: object
) -> None:
    ctl = _logged_in(qtbot, make_controller)
    _start_load(qtbot, ctl)
    qtbot.mouseClick(ctl.workspace.logout_button, LEFT)
    box = ctl._logout_box
    qtbot.waitUntil(lambda: box.isVisible())
    assert "Logging out discards it" in box.text()
    box.reject()
